// app/platform/getpid_cache.cpp: the window build answers getpid() from a
// cache and exports it, so the libraries GLFW loads with dlopen (glvnd, Mesa)
// call it instead of the system call. Checked here, in a program built the
// same way (tests/app/CMakeLists.txt): the answer is right, a lookup in the
// global scope (as a dlopen'ed library's call is bound) finds our
// definition, a forked child gets its own pid, and the cache is really on -
// or, with TRICOLOR_NO_PID_CACHE=1 or TRICOLOR_NO_PLATFORM_TWEAKS=1, really
// off: a child made by the raw clone system call (no fork handlers) sees the
// parent's cached id only when the cache is on.
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

int g_getpidTestFailures = 0;

void expectTrue(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAIL: %s\n", what);
    ++g_getpidTestFailures;
  }
}

pid_t kernelGetpid() { return pid_t(syscall(SYS_getpid)); }

bool switchOn(const char* name) {
  const char* v = std::getenv(name);
  return v && *v && std::strcmp(v, "0") != 0;
}

}  // namespace

int main() {
  const pid_t mine = kernelGetpid();
  expectTrue(getpid() == mine, "getpid() is the process id");
  expectTrue(getpid() == mine, "a second (cached) getpid() is the process id");

  // How a library loaded later binds its getpid: the global scope, executable first.
  using GetPid = pid_t (*)();
  auto global = reinterpret_cast<GetPid>(dlsym(RTLD_DEFAULT, "getpid"));
  expectTrue(global != nullptr, "getpid found in the global scope");
  expectTrue(global == &getpid, "the global scope's getpid is the executable's (exported)");
  if (global) expectTrue(global() == mine, "and it answers the process id");

  // After a fork the child must not see the parent's cached id.
  std::fflush(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    const bool ok =
        getpid() == kernelGetpid() && getpid() != mine && (global == nullptr || global() == kernelGetpid());
    _exit(ok ? 0 : 1);
  }
  expectTrue(child > 0, "fork");
  int status = 0;
  if (child > 0) {
    waitpid(child, &status, 0);
    expectTrue(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a forked child's getpid() is its own id");
  }
  expectTrue(getpid() == mine, "the parent's getpid() is unchanged after the fork");

  // A child the fork handlers do not see: with the cache on it still answers
  // the parent's id (which tells that the cache answered), without it its own.
  const bool cacheExpected = !switchOn("TRICOLOR_NO_PID_CACHE") && !switchOn("TRICOLOR_NO_PLATFORM_TWEAKS");
  std::fflush(nullptr);
  const long raw = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
  if (raw == 0) {
    const pid_t seen = getpid();
    _exit(seen == mine ? 20 : seen == kernelGetpid() ? 21 : 22);
  }
  expectTrue(raw > 0, "clone");
  if (raw > 0) {
    waitpid(pid_t(raw), &status, 0);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (cacheExpected)
      expectTrue(code == 20, "the cache is on: a child unknown to the fork handlers sees the cached id");
    else
      expectTrue(code == 21, "the cache is off: a child unknown to the fork handlers sees its own id");
  }

  if (g_getpidTestFailures == 0) std::printf("getpid cache: all checks passed\n");
  return g_getpidTestFailures == 0 ? 0 : 1;
}
