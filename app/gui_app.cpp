// The window's loop: poll input -> move the run -> draw the views (which
// push commands) -> apply the commands -> show the frame. Who does what:
//   app/controller.cpp     key -> command -> session (files, exports, status)
//   app/key_map.cpp        which command a key asks for
//   app/playback.cpp       play/pause and the long runs across frames
//   app/window_exports.cpp PNG, SVG, ... and PNG sequences and GIFs
//   app/automation.cpp     --screenshot, --dump-layout, ... and test hooks
//   app/frame_stats.cpp    --bench-frames, --time-startup, --run-to-end
//   app/platform/          the window (GLFW + GL) and the process tweaks
//
// When nothing plays and nothing was touched, the loop sleeps in the
// platform's wait (waking twice a second to notice edits of the open file),
// so an idle window costs no CPU.
#include "app/gui_app.hpp"

#include <glad/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <memory>

#include "app/automation.hpp"
#include "app/controller.hpp"
#include "app/frame_stats.hpp"
#include "app/platform/process.hpp"
#include "app/platform/window.hpp"
#include "render/export/png_export.hpp"
#include "render/model/settings_file.hpp"
#include "render/views/views.hpp"

namespace tricolor::app {

using namespace tricolor::render;

namespace {

class App final : public Host {
 public:
  explicit App(const Options& opt);
  int run();

  // Host: what the controller asks of the window.
  double clock() const override { return window_->time(); }
  double uiTime() const override { return ImGui::GetTime(); }
  void setTitle(const std::string& title) override { window_->setTitle(title); }
  bool setFullscreen(bool on) override { return window_->setFullscreen(on); }

 private:
  // Frames for pictures: the dialogs and the mouse's hover are left out, and
  // they are not shown (Settle renders once so every panel has caught up
  // with a step; Capture reads the pixels).
  enum class FrameMode { Normal, Settle, Capture };

  bool openWindow();
  void shutdown();
  void loop();
  bool pass();
  void frame(FrameMode mode = FrameMode::Normal);
  void drawViews(ViewContext& v, Vec2 window, float top, FrameMode mode);
  void writeCaptures();
  void rebuildFonts();
  float controlsHeight() const;
  RectF captureRect(bool heapOnly, int& fbHeight) const;
  StartupMarks startupMarks() const;

  const Options& opt_;
  Automation automation_;
  std::unique_ptr<platform::Window> window_;
  Session session_;
  UiState ui_;
  Theme theme_;
  AppSettings settings_;
  std::string settingsPath_;
  Controller controller_;
  int framesToDraw_ = 3;
  RgbImage grabbed_;  // filled by a FrameMode::Capture frame
  bool grabHeapOnly_ = false;
  ObjectId hoveredLast_ = kNil;
  double frameMs_ = 0;  // the last frame's wall time, drawing included
  FrameCost cost_;      // and what building it cost
  StartupMarks startup_;
  // The loop's own state (a pass at a time: a browser calls it per animation frame).
  int frameNo_ = 0, runFrames_ = 0;
  bool runToReport_ = false;
  double lastPass_ = 0;
  FrameBench bench_;
  int exitStatus_ = 0;
  bool inputError_ = false;
};

App::App(const Options& opt)
    : opt_(opt),
      automation_(opt),
      window_(platform::createWindow()),
      controller_(session_, ui_, theme_, settings_, *this,
                  Controller::Config{automation_.active(), opt.quiet}),
      bench_(opt.benchFrames) {
  controller_.exports().setRenderer({[this] { frame(FrameMode::Settle); },
                                     [this](bool heapOnly) {
                                       grabHeapOnly_ = heapOnly;
                                       frame(FrameMode::Capture);
                                       return grabbed_;
                                     }});
  controller_.playback().setUnhurried(automation_.active() && !opt.runToEnd);
}

// {===== setup

bool App::openWindow() {
  platform::ensureShaderCache();  // before the window: Mesa reads it when it is loaded
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename =
      nullptr;  // panels are placed by our layout; our own settings file remembers it
  const bool automation = automation_.active();
  theme_.scale = opt_.scale > 0 ? opt_.scale : automation ? 1.0f : settings_.scale;
  theme_.presentation = opt_.presentation || (!automation && settings_.presentation);
  platform::WindowConfig config;
  config.width = opt_.width ? opt_.width : automation ? 1280 : settings_.width;
  config.height = opt_.height ? opt_.height : automation ? 800 : settings_.height;
  config.vsync = !automation;
  // The font atlas is pure CPU work: built while the GL context is created.
  auto fonts = [this] {
    const auto t0 = FrameClock::now();
    buildFonts(theme_);
    // The RGBA copy ImGui's GL backend uploads: made here, off the path to the first frame (ImGui caches it).
    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &texW, &texH);
    startup_.fontsMs = std::chrono::duration<double, std::milli>(FrameClock::now() - t0).count();
  };
  if (!window_->open(config, fonts)) return false;
  applyStyle(theme_);
  startup_.glReady = msSinceMain();
  return true;
}

void App::rebuildFonts() {
  buildFonts(theme_);
  window_->reloadFonts();
  applyStyle(theme_);
  ui_.heap.fitPending = true;
  controller_.fontsRebuilt();
}

void App::shutdown() {
  if (!automation_.active()) {
    settings_.scale = theme_.scale;
    settings_.presentation = theme_.presentation;
    if (!ui_.fullscreen) {
      const platform::Size s = window_->size();
      settings_.width = s.w;
      settings_.height = s.h;
    }
    settings_.speed = ui_.speed;
    settings_.detail = ui_.heap.detail;
    settings_.recent = ui_.browser.recent;
    std::string err = saveSettings(settingsPath_, settings_);
    if (!err.empty()) std::fprintf(stderr, "tricolor: settings not saved: %s\n", err.c_str());
  }
  if (ui_.memory.texture) glDeleteTextures(1, &ui_.memory.texture);
  ui_.heap.boxes.reset();  // its GL objects, while the context exists
  ui_.heap.arrows.reset();
  ui_.heap.bitmap.reset();
  window_->close();
  ImGui::DestroyContext();
}

StartupMarks App::startupMarks() const {
  StartupMarks m = startup_;
  const platform::WindowTimes& t = window_->times();
  m.platformReady = msAfterMain(t.platformReady);
  m.windowCreated = msAfterMain(t.created);
  m.fontsJoined = msAfterMain(t.meanwhileDone);
  m.rendererReady = msAfterMain(t.rendererReady);
  return m;
}

// }===== {===== frame

float App::controlsHeight() const {
  const ImGuiStyle& s = ImGui::GetStyle();
  const float frame = theme_.fontSize + 2 * s.FramePadding.y;
  const float strip = 6 * theme_.scale + 2;
  const float narration = theme_.big->FontSize * 2 + s.ItemSpacing.y;  // up to two lines
  return s.WindowPadding.y * 2 + frame * 2 + strip + narration + s.ItemSpacing.y * 3 + 4;
}

void App::frame(FrameMode mode) {
  WindowExports& exports = controller_.exports();
  const bool picture = mode != FrameMode::Normal || exports.capturesPending();
  const auto frameStart = FrameClock::now();
  if (controller_.fontsDirty()) rebuildFonts();
  window_->newFrame();
  // A picture for slides shows the run, not where the pointer happened to be.
  if (picture) {
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ui_.hovered = kNil;
  }
  ImGui::NewFrame();
  if (mode == FrameMode::Normal) controller_.keys(window_->takeKeys(), ImGui::GetIO().WantTextInput);

  const platform::Size size = window_->size();
  const Vec2 win{float(size.w), float(size.h)};
  const float top = controlsHeight();
  ui_.panels = computePanels(win, top, settings_.splits);
  hoveredLast_ = picture ? kNil : ui_.hovered;
  ui_.hovered = kNil;
  Commands cmds;
  ViewContext v{session_, ui_, cmds, theme_, ImGui::GetTime()};
  drawViews(v, win, top, mode);
  ImGui::Render();
  if (startup_.frameBuilt == 0) startup_.frameBuilt = msSinceMain();
  cost_.buildMs = std::chrono::duration<double, std::milli>(FrameClock::now() - frameStart).count();
  const ImDrawData* draw = ImGui::GetDrawData();
  cost_.vertices = std::size_t(draw->TotalVtxCount);
  cost_.drawCalls = 0;
  for (int i = 0; i < draw->CmdListsCount; ++i)
    cost_.drawCalls += std::size_t(draw->CmdLists[i]->CmdBuffer.Size);

  window_->render(0.08f, 0.09f, 0.11f);
  if (mode != FrameMode::Normal) {
    // Not shown and no commands applied: the next normal frame draws the same step.
    if (mode == FrameMode::Capture) {
      int fbHeight = 0;
      RectF r = captureRect(grabHeapOnly_, fbHeight);
      grabbed_ = readPixels(int(r.x), int(r.y), int(r.w), int(r.h), fbHeight);
    }
    return;
  }
  writeCaptures();
  window_->present();
  frameMs_ = std::chrono::duration<double, std::milli>(FrameClock::now() - frameStart).count();
  controller_.apply(cmds);
  if (!cmds.empty()) framesToDraw_ = std::max(framesToDraw_, 2);
}

void App::drawViews(ViewContext& v, Vec2 win, float top, FrameMode mode) {
  if (session_.loaded()) {
    drawSplitters(v, settings_.splits, win, top);
    drawControls(v);
    drawSource(v);
    drawGoroutines(v);
    if (!ui_.hovered) ui_.hovered = hoveredLast_;  // a name hovered in a later panel last frame
    drawHeapGraph(v);
    drawMemory(v);
    drawPacer(v);
    drawInspector(v);
    drawLog(v);
    drawSettings(v);
  } else {
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({win.x, win.y});
    ImGui::Begin("tricolor", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PushFont(theme_.big);
    ImGui::TextUnformatted("tricolor - step through Go's garbage collector");
    ImGui::PopFont();
    ImGui::TextUnformatted("No scenario is loaded. Open one (Ctrl+O) or drop a .json file on the window.");
    if (ImGui::Button("Open a scenario...")) v.out.push_back({Command::Kind::OpenBrowser});
    ImGui::End();
  }
  if (mode == FrameMode::Normal) {
    drawErrors(v);
    drawFileBrowser(v, scenariosDir());
    drawExportDialog(v);
    drawHelp(v);
  }
}

// The PNGs asked for since the last frame, of the frame just drawn (before it is shown).
void App::writeCaptures() {
  for (const WindowExports::Capture& c : controller_.exports().takeCaptures()) {
    int fbh = 0;
    RectF r = captureRect(c.heapOnly, fbh);
    std::string err = writePng(c.path, int(r.x), int(r.y), int(r.w), int(r.h), fbh);
    if (!automation_.active())
      controller_.setStatus(err.empty() ? "Saved " + c.path : "Not saved: " + err, 6);
    if (!err.empty()) {
      std::fprintf(stderr, "tricolor: %s\n", err.c_str());
      exitStatus_ = 1;
    }
  }
}

// The window, or the heap panel, in framebuffer pixels.
RectF App::captureRect(bool heapOnly, int& fbHeight) const {
  const platform::Size s = window_->size(), fb = window_->framebufferSize();
  fbHeight = fb.h;
  float sx = s.w ? float(fb.w) / float(s.w) : 1, sy = s.h ? float(fb.h) / float(s.h) : 1;
  RectF r{0, 0, float(s.w), float(s.h)};
  if (heapOnly) r = ui_.panels[Panel::Heap];
  return {std::floor(r.x * sx), std::floor(r.y * sy), std::floor(r.w * sx), std::floor(r.h * sy)};
}

// }===== {===== main loop

int App::run() {
  settingsPath_ = settingsPath();
  // Automation runs ignore the user's settings so pictures and timings are reproducible.
  if (!automation_.active() && !settingsPath_.empty()) settings_ = loadSettings(settingsPath_);
  ui_.speed = settings_.speed;
  ui_.browser.recent = settings_.recent;
  ui_.heap.detail = opt_.detail.empty() ? settings_.detail : GraphDetail::Auto;
  if (!opt_.detail.empty()) parseGraphDetail(opt_.detail, ui_.heap.detail);  // validated by parseOptions
  if (!openWindow()) {
    std::fprintf(stderr, "tricolor: cannot open a window with OpenGL 3.3 (try --headless)\n");
    return 1;
  }
  std::string file = opt_.file.empty() ? defaultScenario() : opt_.file;
  // The first frame comes first (it must show within 300 ms); --time-startup
  // measures what a user waits for: the interactive start.
  controller_.deferLookAhead(!automation_.active() || opt_.timeStartup);
  if (!controller_.openFile(file, opt_.overrides)) inputError_ = true;
  startup_.scenario = msSinceMain();
  if (opt_.steps && session_.loaded()) {
    session_.seek(opt_.steps);
    controller_.playback().stop();
  }
  automation_.start(controller_, session_, ui_);
  loop();
  shutdown();
  if (exitStatus_ == 0 && (controller_.exports().failed() || automation_.failed())) exitStatus_ = 1;
  if (inputError_ && exitStatus_ == 0) return 2;
  return exitStatus_;
}

void App::loop() {
  runToReport_ = opt_.runToEnd && controller_.playback().running();
  lastPass_ = window_->time();
  platform::catchQuitSignals();
  window_->run([this] { return !platform::quitRequested() && pass(); });
  bench_.print(session_, ui_, int(ImGui::GetIO().DisplaySize.x), int(ImGui::GetIO().DisplaySize.y), cost_);
}

// One pass of the loop; false ends it (automation has written its outputs).
bool App::pass() {
  Playback& play = controller_.playback();
  WindowExports& exports = controller_.exports();
  const bool busy = ui_.playing || play.running() || exports.capturesPending() || automation_.active() ||
                    controller_.fontsDirty() || exports.animating();
  if (busy || framesToDraw_ > 0)
    window_->pollEvents();
  else
    window_->waitEvents(0.5);
  const double now = window_->time();
  // ImGui settles hover and layout over a couple of frames.
  if (window_->takeActivity()) framesToDraw_ = std::max(framesToDraw_, 3);
  if (!exports.animating()) {
    const std::vector<std::string> drops = window_->takeDrops();
    if (!drops.empty()) controller_.openAndSay(drops.front());
  }
  if (!automation_.active() && !exports.animating() && controller_.watchFile(now)) framesToDraw_ = 3;
  play.advance(now - lastPass_, frameMs_);
  lastPass_ = now;
  if (!busy && framesToDraw_ <= 0) return true;  // idle: nothing changed, draw nothing
  framesToDraw_ = std::max(0, framesToDraw_ - 1);
  if (ui_.playing || play.running()) framesToDraw_ = std::max(framesToDraw_, 1);

  if (!play.running() && session_.logPaused()) session_.pauseLog(false);  // the run ended: refill the log
  const auto t0 = FrameClock::now();
  if (exports.animating() && !automation_.active()) exports.stepAnimation();
  frame();
  framesToDraw_ = std::max(framesToDraw_, exports.takeRedraw());
  ++frameNo_;
  if (frameNo_ == 1) {
    if (opt_.timeStartup) {
      window_->finish();
      printStartup(startupMarks(), msSinceMain());
      return false;
    }
    if (controller_.lookAheadPending()) {  // the window is up: now learn the run ahead
      controller_.lookAheadAfterFirstFrame();
      framesToDraw_ = std::max(framesToDraw_, 2);
    }
  }
  if (play.running()) {
    // Test hook (tests/app): Esc after N frames of a run, through the same path as the key.
    if (++runFrames_ == automation_.cancelAfterFrames()) window_->pressKey({Key::Escape});
    if (opt_.runToEnd) return true;  // automation waits for the run, like a user watching the bar
  }
  if (runToReport_) {
    runToReport_ = false;
    printRunToEnd(play.steps(), window_->time() - ui_.progress.started, runFrames_, session_.atEnd());
  }
  if (!automation_.active()) return true;
  if (opt_.benchFrames) {
    window_->finish();  // count the GPU's (llvmpipe's) work, not just the submission
    bench_.add(std::chrono::duration<double, std::milli>(FrameClock::now() - t0).count(), cost_.buildMs);
    if (!bench_.done()) return true;
  } else if (frameNo_ < 3) {
    return true;  // fonts, textures and hover settle in the first frames
  }
  // The frame is settled: write what was asked, then one more frame captures it.
  automation_.writeOutputs(controller_, session_, ui_, *window_, [this] { frame(); });
  return false;
}

// }=====

}  // namespace

int runGui(const Options& opt) {
  platform::keepLargeBlocksInHeap();  // before the window: ImGui's per-frame uploads
  App app(opt);
  return app.run();
}

}  // namespace tricolor::app
