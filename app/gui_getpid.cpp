// getpid() answered from a cache, for the window's start-up.
//
// libglvnd checks for a fork on every GLX call it dispatches by calling
// getpid(), and Mesa's GLX does too; GLFW picks a framebuffer
// configuration by reading ~16 attributes of every configuration the X
// server offers (about 700 under Xvfb with llvmpipe), so opening the window
// makes ~23,000 getpid system calls (counted with gdb). On the virtual
// machines tricolor is measured on a system call costs ~1.4 us, and caching
// the answer took ~45 ms off the first frame (docs/performance.md).
//
// The definition here is exported from the executable (app/CMakeLists.txt:
// --export-dynamic-symbol=getpid), so it comes first in the lookup scope of
// every library, including those GLFW loads later with dlopen; glibc's own
// internal calls are not affected. The cache is filled on the first call and
// cleared in the child after a fork (pthread_atfork); tricolor makes no
// other children (its one exec re-runs the program, with a fresh cache).
// TRICOLOR_NO_PID_CACHE=1 asks the kernel every time (for measuring).
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace {

std::atomic<pid_t> g_cachedPid{0};
std::atomic<int> g_pidCacheState{0};  // 0: not decided yet, 1: cache, 2: no cache

void forgetCachedPid() { g_cachedPid.store(0, std::memory_order_relaxed); }

pid_t kernelPid() { return pid_t(syscall(SYS_getpid)); }

}  // namespace

extern "C" pid_t getpid(void) noexcept {
  int state = g_pidCacheState.load(std::memory_order_relaxed);
  if (state == 0) {
    const char* off = std::getenv("TRICOLOR_NO_PID_CACHE");
    state = off && *off && std::strcmp(off, "0") != 0 ? 2 : 1;
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
