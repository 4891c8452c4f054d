// The desktop's process tweaks (app/platform/process.hpp): Linux and glibc.
#include "app/platform/process.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#if defined(__linux__) && defined(__GLIBC__)
#include <gnu/libc-version.h>
#include <malloc.h>
#endif

#include "app/platform/tweaks.hpp"

namespace tricolor::app::platform {

namespace {

constexpr const char* kHugeTunable = "glibc.malloc.hugetlb=1";

volatile std::sig_atomic_t g_quitRequested = 0;

}  // namespace

void preferHugePages(char** argv) {
#if defined(__linux__) && defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  if (!tweakEnabled("TRICOLOR_NO_HUGEPAGES")) return;
  const char* cur = std::getenv("GLIBC_TUNABLES");
  if (cur && std::strstr(cur, "glibc.malloc.hugetlb")) return;  // set already (by us or the user)
  int major = 0, minor = 0;
  if (std::sscanf(gnu_get_libc_version(), "%d.%d", &major, &minor) != 2 || major < 2 ||
      (major == 2 && minor < 35))
    return;  // older glibc ignores the tunable
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode;
  if (!std::getline(f, mode) || mode.find("[never]") != std::string::npos) return;
  std::string value = cur && *cur ? std::string(cur) + ":" + kHugeTunable : std::string(kHugeTunable);
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  unsetenv("GLIBC_TUNABLES");  // exec failed: carry on as we are
  if (cur) setenv("GLIBC_TUNABLES", cur, 1);
#else
  (void)argv;
#endif
}

std::string hugePagesNote() {
  const char* t = std::getenv("GLIBC_TUNABLES");
  if (!t || !std::strstr(t, kHugeTunable)) return "";
  return std::string("memory: malloc asks for transparent huge pages (") + kHugeTunable + ")";
}

void keepLargeBlocksInHeap() {
#if defined(__linux__) && defined(__GLIBC__)
  if (!tweakEnabled("TRICOLOR_NO_MALLOPT")) return;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
}

void ensureShaderCache() {
  namespace fs = std::filesystem;
  if (!tweakEnabled("TRICOLOR_NO_SHADER_CACHE_DIR")) return;
  if (std::getenv("MESA_SHADER_CACHE_DIR") || std::getenv("MESA_GLSL_CACHE_DIR") ||
      std::getenv("MESA_SHADER_CACHE_DISABLE") || std::getenv("MESA_GLSL_CACHE_DISABLE"))
    return;
  std::string base;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
    base = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = std::string(h) + "/.cache";
  std::error_code ec;
  if (!base.empty()) {
    fs::create_directories(base, ec);
    if (!ec && access(base.c_str(), W_OK | X_OK) == 0) return;  // Mesa's default place works
  }
  const char* tmp = std::getenv("TMPDIR");
  fs::path dir = fs::path(tmp && *tmp ? tmp : "/tmp") / ("tricolor-mesa-cache-" + std::to_string(getuid()));
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return;
  struct stat st {};
  // Only a folder of ours that nobody else can write to.
  if (lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 022))
    return;
  setenv("MESA_SHADER_CACHE_DIR", dir.c_str(), 0);
}

void catchQuitSignals() {
  std::signal(SIGINT, [](int) { g_quitRequested = 1; });
  std::signal(SIGTERM, [](int) { g_quitRequested = 1; });
}

bool quitRequested() { return g_quitRequested != 0; }

}  // namespace tricolor::app::platform
