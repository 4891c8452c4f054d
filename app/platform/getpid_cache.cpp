// getpid() answered from a cache, for the window's start-up.
//
// libglvnd and Mesa's GLX check for a fork on every GLX call by calling
// getpid(), and GLFW's choice of a framebuffer configuration makes tens of
// thousands of such calls: on virtual machines, where a system call is
// slow, that is a visible part of the first frame (the count and the gain:
// docs/performance.md, "Process tweaks").
//
// The definition here is exported from the executable (app/CMakeLists.txt:
// --export-dynamic-symbol=getpid), so it comes first in the lookup scope of
// every library, including those GLFW loads later with dlopen; glibc's own
// internal calls are not affected. The cache is filled on the first call and
// cleared in the child after a fork (pthread_atfork); tricolor makes no
// other children (its one exec re-runs the program, with a fresh cache).
// TRICOLOR_NO_PID_CACHE=1 (or TRICOLOR_NO_PLATFORM_TWEAKS=1) asks the kernel
// every time.
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <atomic>

#include "app/platform/tweaks.hpp"

namespace {

std::atomic<pid_t> g_cachedPid{0};
std::atomic<int> g_pidCacheState{0};  // 0: not decided yet, 1: cache, 2: no cache

void forgetCachedPid() { g_cachedPid.store(0, std::memory_order_relaxed); }

pid_t kernelPid() { return pid_t(syscall(SYS_getpid)); }

}  // namespace

extern "C" pid_t getpid(void) noexcept {
  int state = g_pidCacheState.load(std::memory_order_relaxed);
  if (state == 0) {
    state = tricolor::app::platform::tweakEnabled("TRICOLOR_NO_PID_CACHE") ? 1 : 2;
    int expected = 0;
    if (g_pidCacheState.compare_exchange_strong(expected, state) && state == 1)
      pthread_atfork(nullptr, nullptr, forgetCachedPid);
    state = g_pidCacheState.load(std::memory_order_relaxed);
  }
  if (state != 1) return kernelPid();
  pid_t pid = g_cachedPid.load(std::memory_order_relaxed);
  if (pid == 0) {
    pid = kernelPid();
    g_cachedPid.store(pid, std::memory_order_relaxed);
  }
  return pid;
}
