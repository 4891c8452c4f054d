// Exports from the window (docs/gui.md, "Export"): those written at once
// from the session (SVG, DOT, CSV, gctrace, snapshot); PNGs of the window or
// the heap panel, taken at the end of the next frame; and PNG sequences and
// GIFs of a range of steps, rendered one frame per pass of the window's loop
// so the window stays responsive and Esc can cancel. Rendering is the app's
// (FrameRenderer); what is here needs no GL.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/host.hpp"
#include "render/export/gif_export.hpp"
#include "render/export/png_export.hpp"
#include "render/model/session.hpp"
#include "render/views/views.hpp"

namespace tricolor::app {

// How an animation gets its pictures: frames rendered at the session's step
// without being shown (no dialogs, no mouse hover).
struct FrameRenderer {
  std::function<void()> settle;                         // one frame, so every panel catches up with the step
  std::function<render::RgbImage(bool heapOnly)> grab;  // one frame, and its pixels (window or heap panel)
};

class WindowExports {
 public:
  struct Capture {
    std::string path;
    bool heapOnly = false;
  };

  // `automation`: errors go to stderr (and failed()), and an animation does
  // not return to the step it started from.
  WindowExports(render::Session& session, render::UiState& ui, const Host& host, bool automation, bool quiet)
      : session_(session), ui_(ui), host_(host), automation_(automation), quiet_(quiet) {}
  void setRenderer(FrameRenderer r) { renderer_ = std::move(r); }

  // SVG, DOT, the CSVs, gctrace or a snapshot of the current step. Returns "" or an error.
  std::string writeNow(render::ExportKind kind, const std::string& path);

  // A PNG of the window or the heap panel, taken at the end of the next frame.
  void capture(const std::string& path, bool heapOnly) { captures_.push_back({path, heapOnly}); }
  bool capturesPending() const { return !captures_.empty(); }
  std::vector<Capture> takeCaptures() { return std::exchange(captures_, {}); }

  // A PNG sequence or GIF of the range in UiState::exporter; false when one
  // is being written already or nothing is loaded.
  bool startAnimation(render::ExportKind kind, const std::string& path);
  // Finds the next step that makes a frame (within a time budget), renders
  // it and adds it; ends the animation after the range's last frame.
  void stepAnimation();
  // Esc or Cancel: a GIF writes nothing, a PNG sequence keeps its complete frames.
  void cancelAnimation();
  bool animating() const { return anim_.active; }

  // Automation: an output could not be written (said on stderr).
  bool failed() const { return failed_; }
  // Frames the window should draw because an animation ended (then 0).
  int takeRedraw() { return std::exchange(redraw_, 0); }

 private:
  struct Animation {
    bool active = false;
    render::ExportKind kind = render::ExportKind::Gif;
    std::string path;
    std::uint64_t from = 0, to = 0, every = 1, returnTo = 0;
    int each = 0, delayMs = 250, frames = 0;
    bool heapOnly = false, started = false;
    std::unique_ptr<render::GifWriter> gif;
  };
  void endAnimation(const std::string& error, bool cancelled = false);

  render::Session& session_;
  render::UiState& ui_;
  const Host& host_;
  bool automation_, quiet_;
  FrameRenderer renderer_;
  std::vector<Capture> captures_;
  Animation anim_;
  bool failed_ = false;
  int redraw_ = 0;
};

}  // namespace tricolor::app
