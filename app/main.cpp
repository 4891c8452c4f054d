// tricolor's entry point: the window where there is a display, the headless
// runner otherwise (or with --headless / --resume). The headless path never
// initialises GLFW.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#if defined(__linux__) && defined(__GLIBC__)
#include <gnu/libc-version.h>
#include <unistd.h>
#endif

#include "app/cli.hpp"
#include "core/io/catalogue.hpp"

#ifdef TRICOLOR_HAVE_GUI
#include "app/gui_app.hpp"
#endif

namespace {

// Page faults are what long runs and the first frame wait on most: on the
// virtual machines tricolor is measured on a 4 KiB fault costs ~15 us, and
// history checkpoints, copy-on-write chunks and Mesa's llvmpipe (LLVM) touch
// fresh memory by the hundreds of MiB. glibc (2.35+) can ask the kernel for
// transparent huge pages for everything malloc maps (glibc.malloc.hugetlb=1),
// but reads its tunables only at start-up, so tricolor sets the tunable and
// re-executes itself once, first thing, where the kernel hands out huge pages
// on request. Measured: run to end of the 10^6-object scene in the window
// 4.4 -> 2.4 s, first frame ~375 -> ~300 ms. TRICOLOR_NO_HUGEPAGES=1 (or a
// GLIBC_TUNABLES that already names the tunable) leaves the process as it is.
constexpr const char* kHugeTunable = "glibc.malloc.hugetlb=1";

bool mallocHugePagesOn() {
  const char* t = std::getenv("GLIBC_TUNABLES");
  return t && std::strstr(t, kHugeTunable);
}

void preferHugePages(char** argv) {
#if defined(__linux__) && defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  const char* off = std::getenv("TRICOLOR_NO_HUGEPAGES");
  if (off && *off && std::strcmp(off, "0") != 0) return;
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

#ifdef TRICOLOR_HAVE_GUI
bool haveDisplay() {
  const char* x = std::getenv("DISPLAY");
  const char* w = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (w && *w);
}
#endif

// The bundled scenarios in course order, with their difficulty (1-5).
int listScenarios() {
  std::string dir = tricolor::app::scenariosDir();
  std::vector<tricolor::CatalogueEntry> entries = tricolor::loadCatalogue(dir);
  std::printf("Scenarios in %s, in course order (difficulty * to *****):\n", dir.c_str());
  for (const tricolor::CatalogueEntry& e : entries) {
    if (!e.ok()) {
      std::printf(" --  %-28s (invalid) %s\n", e.file.c_str(), e.error.c_str());
      continue;
    }
    std::string order = e.order > 0 ? std::to_string(e.order) : "--";
    std::string level = e.difficulty > 0 ? std::string(std::size_t(e.difficulty), '*') : "?";
    std::printf("%3s  %-28s %-5s  %s\n", order.c_str(), e.file.c_str(), level.c_str(), e.title.c_str());
  }
  return entries.empty() ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tricolor::app;
  preferHugePages(argv);
  Options opt;
  std::string error;
  if (!parseOptions(argc, argv, opt, error)) {
    std::cerr << "tricolor: " << error << "\n";
    return 2;
  }
  if (opt.help) {
    std::cout << usageText();
    return 0;
  }
  if (opt.version) {
    std::cout << "tricolor " << TRICOLOR_VERSION << " (simulates Go 1.19's collector)\n";
    if (mallocHugePagesOn())
      std::cout << "memory: malloc asks for transparent huge pages (" << kHugeTunable << ")\n";
    return 0;
  }
  if (opt.list) return listScenarios();
  bool windowOnly = !opt.screenshot.empty() || !opt.layoutOut.empty() || opt.benchFrames > 0;
  // Frames are rendered by the real window; everything else can be written headless.
  const bool frames = !opt.exportFrames.empty() || !opt.exportGif.empty();
  bool display = false;
#ifdef TRICOLOR_HAVE_GUI
  display = haveDisplay();
#endif
#ifndef TRICOLOR_HAVE_GUI
  if (frames) {
    std::cerr << "tricolor: --export-frames and --export-gif render the window, and this build has none "
                 "(TRICOLOR_GUI=OFF)\n";
    return 2;
  }
#endif
  if (frames && (opt.headless || !opt.resume.empty() || !display)) {
    std::cerr
        << "tricolor: --export-frames and --export-gif render the window, which needs a display: run under "
           "xvfb-run (xvfb-run -a -s \"-screen 0 1280x800x24\" tricolor ...)"
        << (opt.resume.empty() ? "" : "; open the snapshot as FILE instead of --resume") << "\n";
    return 2;
  }
  if (opt.headless || !opt.resume.empty()) return runHeadless(opt);
#ifdef TRICOLOR_HAVE_GUI
  if (haveDisplay()) return runGui(opt);
#endif
  if (windowOnly) {
    std::cerr << "tricolor: --screenshot, --dump-layout and --bench-frames need a display (try xvfb-run)\n";
    return 2;
  }
#ifdef TRICOLOR_HAVE_GUI
  std::cerr << "tricolor: no display (DISPLAY and WAYLAND_DISPLAY are not set): running headless instead\n";
#else
  std::cerr << "tricolor: built without the window front end: running headless\n";
#endif
  if (!opt.gctrace && !opt.narrate && !opt.events) opt.gctrace = true;
  if (opt.steps && opt.until == "end")
    opt.until = "step:" + std::to_string(opt.steps);  // --export-svg after --steps N
  return runHeadless(opt);
}
