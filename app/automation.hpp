// Automation: window runs that render, write what was asked and exit
// (--screenshot, --dump-layout, --export-svg, --export-frames and
// --export-gif in the window, --bench-frames, --run-to-end, --time-startup),
// and the test hooks read from the environment (docs/gui.md):
// TRICOLOR_GUI_THEN_OPEN, TRICOLOR_GUI_DIALOG, TRICOLOR_GUI_SELECT and
// TRICOLOR_GUI_CANCEL_AFTER_FRAMES. Automation runs ignore the user's
// settings and render at a fixed size, so pictures and timings are
// reproducible.
#pragma once

#include <functional>
#include <string>

#include "app/cli.hpp"
#include "app/controller.hpp"
#include "app/platform/process.hpp"
#include "app/platform/window.hpp"

namespace tricolor::app {

class Automation {
 public:
  explicit Automation(const Options& opt);
  // Whether this is an automation run (else: interactive).
  bool active() const { return active_; }

  // After the file is open and --steps taken: resumes a snapshot at once (an
  // interactive window runs there with a progress bar), applies the test
  // hooks, and starts --run-to-end.
  void start(Controller& controller, render::Session& session, render::UiState& ui);
  // TRICOLOR_GUI_CANCEL_AFTER_FRAMES: Esc after this many frames of a long run (else -1).
  int cancelAfterFrames() const { return cancelAfterFrames_; }

  // Once the frames have settled: writes --dump-layout and --export-svg,
  // renders --export-frames and --export-gif, then has `showFrame` draw the
  // frame --screenshot captures.
  void writeOutputs(Controller& controller, render::Session& session, render::UiState& ui,
                    platform::Window& window, const std::function<void()>& showFrame);
  // An output could not be written (said on stderr): exit status 1.
  bool failed() const { return failed_; }

 private:
  const Options& opt_;
  bool active_ = false;
  int cancelAfterFrames_ = -1;
  bool failed_ = false;
};

// --dump-layout: where each object's box is in window pixels, its label and
// colour, the panels, load errors, the level of detail and the simulation's
// own counts - what the GUI tests read next to the screenshot (docs/gui.md).
bool writeLayout(const std::string& path, const render::Session& session, const render::UiState& ui,
                 platform::Size window);

}  // namespace tricolor::app
