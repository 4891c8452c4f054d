// The controller: key -> command -> session. Everything that moves the run,
// loads a file or writes one happens in apply(), whichever panel or key
// asked (views push commands, app/key_map.cpp turns keys into them). It owns
// playback and the window's exports, and talks to the window only through
// Host (clocks, title, fullscreen): no GL, no platform, so it is
// unit-tested without a display (tests/app/test_controller.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "app/host.hpp"
#include "app/key_map.hpp"
#include "app/playback.hpp"
#include "app/window_exports.hpp"
#include "render/model/settings_file.hpp"
#include "render/theme.hpp"

namespace tricolor::app {

class Controller {
 public:
  struct Config {
    // --screenshot, --dump-layout, --bench-frames...: reproducible, no user settings.
    bool automation = false;
    bool quiet = false;  // --quiet: no progress on stderr
  };

  Controller(render::Session& session, render::UiState& ui, render::Theme& theme,
             render::AppSettings& settings, Host& host, Config config);

  // Key presses since the last frame, in order; `textInput`: a text field
  // has the keyboard. Commands that only look (close a dialog, fit the
  // graph...) act at once, so the next press of the same frame sees them;
  // the others are applied after the last press.
  void keys(const std::vector<KeyPress>& presses, bool textInput);
  void apply(const render::Commands& cmds);

  // Opens a scenario or snapshot; on errors the error panel shows them and
  // the previous run stays. A snapshot starts a run to its step.
  bool openFile(const std::string& path, const std::vector<std::string>& overrides = {});
  // Opens a file as Ctrl+O or a drop does, and says so in the status line.
  void openAndSay(const std::string& path);
  void reloadFile(bool automatic);
  // Reloads the open file when it changed on disk (looks twice a second);
  // returns whether it did.
  bool watchFile(double now);

  // Runs ahead after loading (see Session::lookAhead): interactive, 150 ms;
  // automation, a fixed 20000 steps, so pictures never depend on speed.
  void lookAhead();
  // At start-up the first frame comes first: openFile() then leaves the
  // look-ahead to lookAheadAfterFirstFrame().
  void deferLookAhead(bool on) { lookAheadPending_ = on; }
  bool lookAheadPending() const { return lookAheadPending_; }
  void lookAheadAfterFirstFrame();

  // A PNG sequence or GIF (stops play and runs first).
  void startAnimation(render::ExportKind kind, const std::string& path);

  // The theme changed (scale, presentation): fonts must be rebuilt before the next frame.
  bool fontsDirty() const { return fontsDirty_; }
  void fontsRebuilt() { fontsDirty_ = false; }

  void setStatus(const std::string& s, double seconds = 4) { showStatus(ui_, host_, s, seconds); }
  Playback& playback() { return playback_; }
  WindowExports& exports() { return exports_; }
  const Config& config() const { return config_; }

 private:
  void restart(const std::vector<std::string>& overrides);
  void showErrors(const std::string& file, const std::vector<LoadError>& errors);
  void updateTitle();
  std::string defaultExportPath(const char* ext) const;
  void cycleDetail();

  render::Session& session_;
  render::UiState& ui_;
  render::Theme& theme_;
  render::AppSettings& settings_;
  Host& host_;
  Config config_;
  Playback playback_;
  WindowExports exports_;
  bool fontsDirty_ = false;
  bool lookAheadPending_ = false;
  std::filesystem::file_time_type mtime_{};
  double nextWatch_ = 0;
};

}  // namespace tricolor::app
