// The window the app draws into: with app/platform/process.hpp, the one part
// of app/ a build for another platform replaces. The desktop implements it
// with GLFW, an OpenGL 3.3 core context through glad and ImGui's GLFW and
// OpenGL3 backends (app/platform/glfw_window.cpp); a web build (issue 17)
// would implement it over Emscripten's GLFW and WebGL2, run `meanwhile`
// inline (no threads) and leave the rest of app/ as it is. The loop
// (app/gui_app.cpp) owns ImGui's context and draws through it; the window
// owns the platform, the GL context and ImGui's backends.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/key_map.hpp"

namespace tricolor::app::platform {

struct WindowConfig {
  int width = 1280, height = 800;  // window coordinates
  const char* title = "tricolor";
  bool vsync = true;  // automation draws as fast as it can
};

// When the stages of opening ended (for --time-startup's breakdown).
struct WindowTimes {
  using Clock = std::chrono::steady_clock;
  Clock::time_point platformReady;  // the platform initialised (glfwInit)
  Clock::time_point created;        // the window and its GL context exist
  Clock::time_point meanwhileDone;  // `meanwhile` had finished (waited for if needed)
  Clock::time_point rendererReady;  // the renderer's first newFrame() ended (ImGui's shaders, font texture)
};

struct Size {
  int w = 0, h = 0;
};

class Window {
 public:
  virtual ~Window() = default;

  // Opens the window with its GL context and ImGui's backends (after
  // ImGui::CreateContext). `meanwhile` (the font atlas) runs while the
  // context is created - the slow part of starting: on another thread where
  // there are threads. False (said on stderr) when there is no window.
  virtual bool open(const WindowConfig& config, const std::function<void()>& meanwhile) = 0;
  // ImGui's backends, the window and the platform (call before
  // ImGui::DestroyContext, after the views released their GL objects).
  virtual void close() = 0;
  virtual const WindowTimes& times() const = 0;

  // Calls `pass` until it returns false or the window is closed. The
  // desktop loops here; a browser owns the loop and would call `pass` once
  // per animation frame (and make waitEvents() return at once).
  virtual void run(const std::function<bool()>& pass) = 0;

  // --- events
  virtual void pollEvents() = 0;
  virtual void waitEvents(double timeoutSeconds) = 0;  // sleeps until input (idle: no CPU)
  virtual bool takeActivity() = 0;                     // input, a resize or focus came since the last call
  virtual std::vector<KeyPress> takeKeys() = 0;        // presses since the last call, in order
  virtual std::vector<std::string> takeDrops() = 0;    // files dropped on the window
  virtual void pressKey(const KeyPress& press) = 0;    // as if typed (test hooks)
  virtual double time() const = 0;                     // seconds on the platform's clock

  // --- frames
  virtual void newFrame() = 0;  // the backends' part of a frame, before ImGui::NewFrame
  // Clears to the colour and draws ImGui's draw data (after ImGui::Render).
  virtual void render(float r, float g, float b) = 0;
  virtual void present() = 0;      // shows the frame
  virtual void finish() = 0;       // waits until the GPU is done (timings)
  virtual void reloadFonts() = 0;  // the font texture, after the atlas was rebuilt

  // --- the window
  virtual Size size() const = 0;             // window coordinates
  virtual Size framebufferSize() const = 0;  // pixels
  virtual void setTitle(const std::string& title) = 0;
  // Enters or leaves fullscreen on the primary monitor; returns whether it is fullscreen now.
  virtual bool setFullscreen(bool on) = 0;
};

// This platform's window (not opened yet).
std::unique_ptr<Window> createWindow();

}  // namespace tricolor::app::platform
