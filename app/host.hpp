// What the window's logic (controller, playback, window exports) needs from
// the window around it: two clocks, the title and fullscreen. The app
// implements it over the platform window and ImGui (app/gui_app.cpp); the
// controller's tests with a fake (tests/app/test_controller.cpp), so that
// logic runs without a display.
#pragma once

#include <string>

#include "render/views/views.hpp"

namespace tricolor::app {

class Host {
 public:
  virtual ~Host() = default;
  // Seconds on the platform's clock: a long run's progress and speed.
  virtual double clock() const = 0;
  // Seconds on the views' clock (ImGui's), by which status messages expire.
  virtual double uiTime() const = 0;
  virtual void setTitle(const std::string& title) = 0;
  // Enters or leaves fullscreen; returns whether the window now is fullscreen.
  virtual bool setFullscreen(bool on) = 0;
};

// Shows `message` in the controls bar for `seconds`.
inline void showStatus(render::UiState& ui, const Host& host, const std::string& message,
                       double seconds = 4) {
  ui.status = message;
  ui.statusUntil = host.uiTime() + seconds;
}

}  // namespace tricolor::app
