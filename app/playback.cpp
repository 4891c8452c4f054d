#include "app/playback.hpp"

#include <algorithm>
#include <chrono>

namespace tricolor::app {

using namespace tricolor::render;

void Playback::start(Run r, const std::string& label, std::uint64_t target) {
  if (!session_.loaded() || (session_.atEnd() && r != Run::ToStep)) return;
  ui_.playing = false;
  run_ = r;
  runTarget_ = target;
  runSteps_ = 0;
  ui_.running = label;
  // What the progress bar can know: the target step, or the end if the run reached it once.
  ui_.progress = {};
  ui_.progress.from = session_.position();
  ui_.progress.target = r == Run::ToStep ? target : r == Run::End ? session_.endStep() : 0;
  ui_.progress.started = host_.clock();
  // Nobody reads the event log while the bar runs: keep copying events off the hot path.
  session_.pauseLog(r == Run::End || r == Run::ToStep);
}

void Playback::stop() {
  run_ = Run::None;
  ui_.running.clear();
}

void Playback::togglePlay() {
  if (!session_.loaded()) return;
  if (running()) stop();
  ui_.playing = !ui_.playing && !session_.atEnd();
  playCredit_ = 1;  // the first step shows at once
}

namespace {

// Where each kind of long run stops (none: a run to a step or to the end).
Session::StopFn stopTest(Playback::Run r, const Session::StopFn& breakpoint) {
  using Run = Playback::Run;
  switch (r) {
    case Run::Statement:
      return [](const Simulation& sim, const std::vector<Event>& ev) {
        for (const Event& e : ev)
          if (e.kind == EventKind::OpDone && e.g && sim.state().world.g(e.g).kind == GKind::User) return true;
        return false;
      };
    case Run::Phase:
      return [](const Simulation&, const std::vector<Event>& ev) {
        return std::any_of(ev.begin(), ev.end(),
                           [](const Event& e) { return e.kind == EventKind::PhaseChange; });
      };
    case Run::Cycle:
      return [](const Simulation&, const std::vector<Event>& ev) {
        return std::any_of(ev.begin(), ev.end(), [](const Event& e) {
          return e.kind == EventKind::PhaseChange && e.as<PhaseChangeEvent>().to == Phase::Off;
        });
      };
    case Run::Breakpoint: return breakpoint;
    case Run::ToStep:
    case Run::End:
    case Run::None: break;
  }
  return {};
}

}  // namespace

// A long run gets three times what drawing a frame costs (at least 30 ms, at
// most 100: the bar still moves and Esc answers within a tenth of a second),
// so a slow frame (a big heap under software GL) does not halve the run's
// speed. --run-to-end measures this interactive loop.
void Playback::advance(double dt, double frameMs) {
  if (!session_.loaded()) return;
  const double budgetMs = running() ? std::clamp(3 * frameMs, 30.0, 100.0) : 30.0;
  const auto deadline = Session::Clock::now() +
                        std::chrono::microseconds(unhurried_ ? 5'000'000 : std::int64_t(budgetMs * 1000));
  Breakpoints bp = ui_.breakpoints;
  bp.watch = ui_.selected;
  std::string why;
  auto breakpoint = [&](const Simulation&, const std::vector<Event>& ev) {
    return hitsBreakpoint(bp, ev, &why);
  };
  if (ui_.playing) {
    playCredit_ += dt * double(ui_.speed);
    std::uint64_t n = std::uint64_t(playCredit_);
    playCredit_ -= double(n);
    bool hit = false;
    if (n) session_.runUntil(breakpoint, n, deadline, &hit);
    if (hit) {
      ui_.playing = false;
      showStatus(ui_, host_, "Paused: " + why);
    }
    if (session_.atEnd()) ui_.playing = false;
    return;
  }
  if (!running()) return;
  std::uint64_t maxSteps = ~std::uint64_t{0};
  if (run_ == Run::ToStep) maxSteps = runTarget_ > session_.position() ? runTarget_ - session_.position() : 0;
  bool hit = false;
  runSteps_ += session_.runUntil(stopTest(run_, breakpoint), maxSteps, deadline, &hit);
  const double elapsed = host_.clock() - ui_.progress.started;
  if (elapsed > 0.2) ui_.progress.stepsPerSecond = double(runSteps_) / elapsed;
  bool done = hit || session_.atEnd() || (run_ == Run::ToStep && session_.position() >= runTarget_) ||
              (run_ == Run::Breakpoint && runSteps_ > 50'000'000);
  if (done) {
    if (run_ == Run::Breakpoint)
      showStatus(ui_, host_, hit ? "Stopped: " + why : "No breakpoint hit before the end");
    if (run_ == Run::ToStep)
      ui_.heap.fitPending = session_.position() > 0 && ui_.heap.cacheStep == ~std::uint64_t{0};
    stop();
  }
}

}  // namespace tricolor::app
