// Playback: play and pause at a speed in steps per second, and the long runs
// (to the next statement, phase, end of cycle, breakpoint, a step, the end)
// that go on across frames within a time budget, so the window keeps
// answering and shows their progress. Moves the session only through
// Session::runUntil; knows nothing of GL or the window (app/host.hpp).
#pragma once

#include <cstdint>
#include <string>

#include "app/host.hpp"
#include "render/model/session.hpp"
#include "render/views/views.hpp"

namespace tricolor::app {

class Playback {
 public:
  enum class Run { None, Statement, Phase, Cycle, Breakpoint, ToStep, End };

  Playback(render::Session& session, render::UiState& ui, const Host& host)
      : session_(session), ui_(ui), host_(host) {}

  // Starts a long run (stops play); `target` is the step of Run::ToStep.
  // Nothing happens at the end of the run, except for a run to a step.
  void start(Run r, const std::string& label, std::uint64_t target = 0);
  // Ends a long run where it is (not play).
  void stop();
  // Space: play or pause (ends a long run).
  void togglePlay();
  // Moves play or the long run along for at most one frame's budget: `dt`
  // seconds since the last call (play's steps), `frameMs` what drawing the
  // last frame took (a long run gets three times that, 30 to 100 ms).
  void advance(double dt, double frameMs);
  // Automation: every call may take 5 s, so pictures never depend on speed.
  void setUnhurried(bool on) { unhurried_ = on; }

  bool running() const { return run_ != Run::None; }
  Run run() const { return run_; }
  std::uint64_t target() const { return runTarget_; }
  std::uint64_t steps() const { return runSteps_; }  // taken by the current (or last) long run

 private:
  render::Session& session_;
  render::UiState& ui_;
  const Host& host_;
  Run run_ = Run::None;
  std::uint64_t runTarget_ = 0, runSteps_ = 0;
  double playCredit_ = 0;
  bool unhurried_ = false;
};

}  // namespace tricolor::app
