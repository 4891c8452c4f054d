// tricolor's entry point: the window where there is a display, the headless
// runner otherwise (or with --headless / --resume). The headless path never
// initialises GLFW.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/cli.hpp"
#include "core/io/scenario_loader.hpp"

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

int listScenarios() {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string dir = tricolor::app::scenariosDir();
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".json" && e.path().filename() != "scenario.schema.json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    tricolor::LoadResult r = tricolor::loadScenarioFile(f.string());
    std::printf("%-40s %s\n", f.filename().string().c_str(), r.ok() ? r.program->title.c_str() : "(invalid)");
  }
  return files.empty() ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tricolor::app;
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
    return 0;
  }
  if (opt.list) return listScenarios();
  bool windowOnly = !opt.screenshot.empty() || !opt.layoutOut.empty() || opt.benchFrames > 0;
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
  return runHeadless(opt);
}
