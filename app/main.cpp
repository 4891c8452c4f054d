// tricolor's entry point: the window where there is a display, the headless
// runner otherwise (or with --headless / --resume). The headless path never
// initialises GLFW.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "app/platform/process.hpp"
#include "core/io/catalogue.hpp"

#ifdef TRICOLOR_HAVE_GUI
#include "app/gui_app.hpp"
#endif

namespace {

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
  platform::preferHugePages(argv);  // may re-execute the program (app/platform/process.hpp)
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
    if (std::string note = platform::hugePagesNote(); !note.empty()) std::cout << note << "\n";
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
