// The controller without a window (app/controller.cpp, app/playback.cpp):
// key presses go through the key map to commands and move the session as the
// window would - Right steps, Shift+Right runs to the next phase, Down to the
// next statement, Home and End, Space plays at the chosen speed, Escape stops
// a run or closes dialogs one at a time - with a fake host (clocks, title,
// fullscreen) instead of GLFW and ImGui. Where a run stops is checked against
// the same session stepped one step at a time.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "app/controller.hpp"
#include "tests/app/app_test_util.hpp"

using namespace tricolor;
using namespace tricolor::app;
using namespace tricolor::render;

namespace {

// The window as the controller sees it: clocks that move only when told, a title, fullscreen.
class FakeHost final : public Host {
 public:
  double now = 0;
  std::string title;
  bool haveMonitor = true;
  double clock() const override { return now; }
  double uiTime() const override { return now; }
  void setTitle(const std::string& t) override { title = t; }
  bool setFullscreen(bool on) override { return on && haveMonitor; }
};

const char* const kTreeScene = "tests/app/data/tree-mid-mark.json";

// A controller over a loaded scenario, as the window has one. Automation
// settings: the look-ahead after loading is a fixed number of steps and each
// advance() may take 5 s, so nothing depends on the machine's speed.
struct Rig {
  Session session;
  UiState ui;
  Theme theme;
  AppSettings settings;
  FakeHost host;
  Controller controller{session, ui, theme, settings, host, Controller::Config{true, true}};

  explicit Rig(const char* rel = kTreeScene) {
    REQUIRE(controller.openFile(testutil::source(rel)));
    controller.playback().setUnhurried(true);
  }
  void press(Key k, bool shift = false, bool ctrl = false) {
    KeyPress p;
    p.key = k;
    p.shift = shift;
    p.ctrl = ctrl;
    controller.keys({p}, false);
  }
  // Frames go by until the long run ends (each frame advances it).
  void finishRun() {
    for (int i = 0; i < 1000 && controller.playback().running(); ++i) controller.playback().advance(0, 16);
    REQUIRE_FALSE(controller.playback().running());
  }
};

// The first step after `from` whose events satisfy `stop`, stepping a fresh session one step at a time.
std::uint64_t firstStepWhere(std::uint64_t from,
                             const std::function<bool(const Session&, const std::vector<Event>&)>& stop) {
  Session ref = testutil::openSource(kTreeScene);
  ref.seek(from);
  while (ref.forward())
    if (stop(ref, ref.lastEvents())) return ref.position();
  return ref.position();
}

bool hasEvent(const std::vector<Event>& ev, EventKind kind) {
  return std::any_of(ev.begin(), ev.end(), [&](const Event& e) { return e.kind == kind; });
}

}  // namespace

TEST_CASE("controller: Right steps forward, Left steps back, Home returns to step 0") {
  Rig r;
  REQUIRE(r.session.position() == 0);
  r.press(Key::Right);
  CHECK(r.session.position() == 1);
  r.press(Key::Right);
  r.press(Key::Right);
  CHECK(r.session.position() == 3);
  r.press(Key::Left);
  CHECK(r.session.position() == 2);
  r.press(Key::Home);
  CHECK(r.session.position() == 0);
}

TEST_CASE("controller: Shift+Right runs to the next phase change") {
  Rig r;
  const std::uint64_t expected = firstStepWhere(
      0, [](const Session&, const std::vector<Event>& ev) { return hasEvent(ev, EventKind::PhaseChange); });
  REQUIRE(expected > 1);  // else a single step would pass for it
  r.press(Key::Right, true);
  CHECK(r.controller.playback().running());
  CHECK(r.ui.running == "Running to the next phase");
  r.finishRun();
  CHECK(r.session.position() == expected);
  CHECK(hasEvent(r.session.lastEvents(), EventKind::PhaseChange));
  CHECK(r.ui.running.empty());
  // Again: the next phase after that one.
  const std::uint64_t next = firstStepWhere(expected, [](const Session&, const std::vector<Event>& ev) {
    return hasEvent(ev, EventKind::PhaseChange);
  });
  REQUIRE(next > expected);
  r.press(Key::Right, true);
  r.finishRun();
  CHECK(r.session.position() == next);
}

TEST_CASE("controller: Down runs to the next statement of the program") {
  Rig r;
  r.session.seek(6);  // the script's ops are done: the next statement is after the collector's steps
  const std::uint64_t expected = firstStepWhere(6, [](const Session& s, const std::vector<Event>& ev) {
    for (const Event& e : ev)
      if (e.kind == EventKind::OpDone && e.g && s.sim().state().world.g(e.g).kind == GKind::User) return true;
    return false;
  });
  REQUIRE(expected > 7);
  r.press(Key::Down);
  r.finishRun();
  CHECK(r.session.position() == expected);
}

TEST_CASE("controller: End runs to the end of the run, Home goes back to the start") {
  Rig r;
  Session ref = testutil::openSource(kTreeScene);
  while (ref.forward()) {
  }
  REQUIRE(ref.atEnd());
  r.press(Key::End);
  CHECK(r.ui.running == "Running to the end");
  r.finishRun();
  CHECK(r.session.atEnd());
  CHECK(r.session.position() == ref.position());
  r.press(Key::Home);
  CHECK(r.session.position() == 0);
  CHECK_FALSE(r.session.atEnd());
}

TEST_CASE("controller: Space toggles play, which steps at the chosen speed") {
  Rig r;
  r.ui.speed = 4;
  r.press(Key::Space);
  CHECK(r.ui.playing);
  // The first step shows at once, then 4 steps per second: half a second later, 1 + 2 steps.
  r.controller.playback().advance(0.5, 16);
  CHECK(r.session.position() == 3);
  r.controller.playback().advance(0.25, 16);
  CHECK(r.session.position() == 4);
  r.press(Key::Space);
  CHECK_FALSE(r.ui.playing);
  r.controller.playback().advance(1.0, 16);
  CHECK(r.session.position() == 4);  // paused
  // A step key pauses play and steps once.
  r.press(Key::Space);
  REQUIRE(r.ui.playing);
  r.press(Key::Right);
  CHECK_FALSE(r.ui.playing);
  CHECK(r.session.position() == 5);
}

TEST_CASE("controller: Escape stops a long run where it is") {
  Rig r;
  r.press(Key::End);
  REQUIRE(r.controller.playback().running());
  r.press(Key::Escape);
  CHECK_FALSE(r.controller.playback().running());
  CHECK(r.ui.running.empty());
  CHECK(r.ui.status == "Stopped at step 0");
  r.controller.playback().advance(1.0, 16);
  CHECK(r.session.position() == 0);
}

TEST_CASE("controller: presses of one frame see the dialogs earlier presses closed") {
  Rig r;
  r.ui.browser.open = true;
  r.ui.exporter.open = true;
  r.ui.showHelp = true;
  KeyPress esc;
  esc.key = Key::Escape;
  r.controller.keys({esc, esc}, false);  // two Escapes in one frame close two dialogs, innermost first
  CHECK_FALSE(r.ui.browser.open);
  CHECK_FALSE(r.ui.exporter.open);
  CHECK(r.ui.showHelp);
  r.controller.keys({esc}, false);
  CHECK_FALSE(r.ui.showHelp);
}

TEST_CASE("controller: a file with errors keeps the run on screen, Escape dismisses the errors") {
  Rig r;
  r.press(Key::Right);
  r.press(Key::Right);
  CHECK(r.host.title.find("tree-mid-mark.json") != std::string::npos);
  const std::string bad = testutil::source("tests/io/malformed/unknown-variable.json");
  REQUIRE(std::filesystem::exists(bad));
  CHECK_FALSE(r.controller.openFile(bad));
  CHECK_FALSE(r.ui.errors.empty());
  CHECK(r.ui.errorFile == bad);
  CHECK(r.session.position() == 2);  // the previous run, at its step
  CHECK(r.session.path() == testutil::source(kTreeScene));
  r.press(Key::Escape);
  CHECK(r.ui.errors.empty());
}

TEST_CASE("controller: while a GIF is written only looking and cancelling act") {
  Rig r;
  r.press(Key::Right);
  r.ui.exporter.from = 0;
  r.ui.exporter.to = 5;
  const std::string out = (std::filesystem::temp_directory_path() / "tricolor-controller-test.gif").string();
  std::filesystem::remove(out);
  r.controller.startAnimation(ExportKind::Gif, out);
  REQUIRE(r.controller.exports().animating());
  r.ui.heap.fitPending = false;
  r.press(Key::Right);
  r.press(Key::End);
  CHECK(r.session.position() == 1);  // the run belongs to the animation
  CHECK_FALSE(r.controller.playback().running());
  r.press(Key::F);  // fitting the graph is only looking
  CHECK(r.ui.heap.fitPending);
  r.press(Key::Escape);
  CHECK_FALSE(r.controller.exports().animating());
  CHECK(r.ui.exporter.failed);
  CHECK(r.ui.exporter.result == "Cancelled: nothing was written to " + out);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("controller: UI scale, presentation, detail and fullscreen keys change what they say") {
  Rig r;
  REQUIRE(r.theme.scale == doctest::Approx(1.0));
  r.press(Key::Equal, false, true);
  CHECK(r.theme.scale == doctest::Approx(1.25));
  CHECK(r.controller.fontsDirty());
  r.controller.fontsRebuilt();
  for (int i = 0; i < 12; ++i) r.press(Key::Equal, false, true);
  CHECK(r.theme.scale == doctest::Approx(3.0));  // at most 3
  r.press(Key::P);
  CHECK(r.theme.presentation);
  CHECK(r.controller.fontsDirty());

  REQUIRE(r.ui.heap.detail == GraphDetail::Auto);
  r.press(Key::D);
  CHECK(r.ui.heap.detail == GraphDetail::Full);
  CHECK(r.ui.status.rfind("Graph detail: Full detail", 0) == 0);
  r.press(Key::D);
  CHECK(r.ui.heap.detail == GraphDetail::Aggregated);
  r.press(Key::D);
  CHECK(r.ui.heap.detail == GraphDetail::Auto);

  r.press(Key::F11);
  CHECK(r.ui.fullscreen);
  r.press(Key::F11);
  CHECK_FALSE(r.ui.fullscreen);
  r.host.haveMonitor = false;  // no monitor to go fullscreen on: the window stays as it is
  r.press(Key::F11);
  CHECK_FALSE(r.ui.fullscreen);
}
