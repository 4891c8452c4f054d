// History: step forward and back through a run.
//
// The simulation is deterministic, so the past never needs to be stored as
// events: a checkpoint (a copy of the simulation) every K steps plus replay
// from the nearest checkpoint gives any earlier step. Stepping forward
// again after stepping back replays too, so the future is the same one.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/sim/simulation.hpp"

namespace tricolor {

class History {
 public:
  explicit History(Simulation start, std::uint64_t checkpointEvery = 256);

  const Simulation& current() const { return cur_; }
  std::uint64_t position() const { return cur_.steps(); }
  std::uint64_t furthest() const { return furthest_; }  // the latest step ever reached
  const std::vector<Event>& lastEvents() const { return last_.events; }

  // One step forward (replaying if we are in the past). False at the end.
  bool forward();
  // One step back. False at step 0.
  bool back();
  // Goes to step n (clamped to what can be reached), replaying from a checkpoint.
  void seek(std::uint64_t n);
  // Steps forward until pred(sim, events of the step) or the end or maxSteps;
  // returns the number of steps taken.
  using Predicate = std::function<bool(const Simulation&, const std::vector<Event>&)>;
  std::uint64_t runUntil(const Predicate& pred, std::uint64_t maxSteps);

  std::uint64_t checkpointCount() const { return checkpoints_.size(); }

 private:
  void record();
  std::vector<Simulation> checkpoints_;  // checkpoints_[i] is at step start + i * every_
  std::uint64_t every_;
  std::uint64_t furthest_ = 0;
  Simulation cur_;
  EventSink last_;
};

}  // namespace tricolor
