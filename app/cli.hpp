// The command line: option parsing shared by the window and the headless
// runner, and the headless runner itself (which never touches GLFW).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tricolor::app {

struct Options {
  bool headless = false;
  bool help = false;
  bool version = false;
  bool list = false;
  std::string file;           // scenario (or empty: the default one)
  std::string resume;         // snapshot to resume from
  std::string until = "end";  // end | step:N | cycle:N | phase:NAME
  std::uint64_t maxSteps = 100'000'000;
  std::vector<std::string> overrides;  // --set KEY=VALUE
  bool gctrace = false, events = false, narrate = false, hash = false, quiet = false;
  bool summary = true;
  bool progress = false;  // --progress: progress on stderr even when it is not a terminal
  std::string snapshot;   // --snapshot OUT.json
  std::string exportDot, exportCsv, exportCycles, exportGctrace;  // --export-* OUT
  std::uint64_t csvEvery = 1;                                     // --csv-every N
  std::string exportSvg;                                          // --export-svg OUT.svg (headless or window)
  // Animations (need a window): a range of steps as PNG files or one GIF.
  std::string exportFrames;                    // --export-frames PREFIX: PREFIX-000001.png ...
  std::string exportGif;                       // --export-gif OUT.gif
  std::uint64_t framesFrom = 0;                // --from N (default: --steps, else 0)
  std::uint64_t framesTo = ~std::uint64_t{0};  // --to N (default: 100 steps after --from, or the end)
  bool framesFromSet = false, framesToSet = false;
  std::uint64_t framesEvery = 1;     // --every N
  std::string framesEach;            // --each statement|phase (instead of --every)
  std::uint64_t frameDelayMs = 250;  // --frame-delay MS (GIF)
  // Window-only options (validated here, used by the front end).
  std::uint64_t steps = 0;        // --steps N: advance N steps before showing
  std::string screenshot;         // --screenshot OUT.png: render, save, exit
  std::string layoutOut;          // --dump-layout OUT.json
  std::uint64_t benchFrames = 0;  // --bench-frames N
  bool runToEnd = false;          // --run-to-end: through the window loop, prints steps/s
  bool timeStartup = false;       // --time-startup: launch to first frame, then exit
  std::string panel;              // --panel heap: screenshot of one panel
  int width = 0, height = 0;      // --size WxH
  float scale = 0;                // --scale 1..3
  bool presentation = false;
  std::string detail;  // --detail auto|full|aggregated: the heap graph's level of detail
  int escape = 0;      // --escape (1) or --escape=2: print Go's escape analysis of FILE (a .go file)
};

// Parses argv. On a usage error returns false and sets `error`.
bool parseOptions(int argc, char** argv, Options& opt, std::string& error);
std::string usageText();

// The bundled scenarios folder and the default scenario file.
std::string scenariosDir();
std::string defaultScenario();

// Runs without a window. Returns the process exit status:
// 0 ok, 1 the simulated program failed or --until was not reached or an
// output could not be written, 2 usage or input error.
int runHeadless(const Options& opt);

}  // namespace tricolor::app
