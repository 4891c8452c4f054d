// History: step forward and back through a run.
//
// The simulation is deterministic, so the past never needs to be stored as
// events: a checkpoint (a copy of the simulation) every K steps plus replay
// from the nearest checkpoint gives any earlier step. The state's big
// per-object arrays are copy-on-write (core/model/cow_vector.hpp), so a
// checkpoint shares every chunk that did not change since the one before:
// it costs (and is budgeted at) the flat part of the state plus what
// changed, and restoring one copies chunk tables, not the heap. Stepping forward
// again after stepping back replays too, so the future is the same one.
//
// Long runs stay within a memory budget: when the checkpoints' estimated
// size passes it, every other checkpoint is dropped and K doubles (no
// replay needed), so memory is bounded whatever the length of the run and
// a jump replays at most K steps. The same thinning keeps the cost of
// taking checkpoints in bounds (setCopyLimit): a big heap copied every K
// steps would make running forward many times slower than the simulation
// itself. Replays run with events off through
// Simulation::stepMany; only the step landed on is replayed with events
// (for narration). Stepping back replays a segment once and keeps a few
// finer checkpoints inside it (the "segment cache"), so a series of steps
// back costs a short replay each, not K steps each.
#pragma once

#include <cstdint>
#include <deque>
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
  // n steps forward (fewer at the end), events off except for the last step;
  // checkpoints are recorded as by forward(). Returns the steps taken.
  std::uint64_t advance(std::uint64_t n);
  // Up to n steps forward with `watch` (events off, its stopOn/countOn
  // masks, see Simulation::stepMany): when it watches any kind, it ends
  // early after a step with a stopOn event or the run's last step, whose
  // events are then lastEvents() (otherwise lastEvents() is empty). watch.counted sums the
  // countOn events over the steps taken (except the one that stopped);
  // watch.stopped says whether it stopped early. Checkpoints are recorded
  // as by forward(). Returns the steps taken.
  std::uint64_t advanceWatched(std::uint64_t n, EventSink& watch);
  // One step back. False at step 0.
  bool back();
  // Goes to step n (clamped to what can be reached), replaying from a checkpoint.
  void seek(std::uint64_t n);
  // Steps forward until pred(sim, events of the step) or the end or maxSteps;
  // returns the number of steps taken.
  using Predicate = std::function<bool(const Simulation&, const std::vector<Event>&)>;
  std::uint64_t runUntil(const Predicate& pred, std::uint64_t maxSteps);

  std::uint64_t checkpointCount() const { return checkpoints_.size(); }
  std::uint64_t checkpointInterval() const { return every_; }
  // Memory the checkpoints and the segment cache may use together
  // (estimated, see Simulation::memoryBytes): checkpoints are thinned past
  // three quarters of it, the cache gets the last quarter; 0 = no limit.
  // Default 256 MiB.
  void setMemoryBudget(std::uint64_t bytes);
  std::uint64_t memoryBudget() const { return budget_; }
  // At most this many estimated bytes copied into checkpoints per step
  // recorded: a bigger state gets sparser checkpoints. 0 = no limit (default).
  void setCopyLimit(std::uint64_t bytesPerStep);
  // Estimated bytes held by the checkpoints and the segment cache.
  std::uint64_t memoryBytes() const { return bytes_ + cacheBytes_; }
  // memoryBytes() per step recorded (furthest() steps from the start).
  double bytesPerStep() const;

 private:
  void record();
  void thin();
  // Replays from `from` (a state at or before n) to step n with events off,
  // except the last step; fills the segment cache when asked.
  void replayTo(const Simulation& from, std::uint64_t n, bool fillCache);
  std::uint64_t base() const { return checkpoints_.front().steps(); }
  // Checkpoints get three quarters of the budget, the segment cache the rest.
  std::uint64_t checkpointBudget() const { return budget_ - budget_ / 4; }

  // Deques: a Simulation's move may throw (std::deque members), so a vector
  // would copy every checkpoint each time it grows.
  std::deque<Simulation> checkpoints_;  // checkpoints_[i] is at step base + i * every_
  std::vector<std::uint64_t> sizes_;    // estimated bytes of each checkpoint beyond the one before
  std::uint64_t every_;
  std::uint64_t furthest_ = 0;
  std::uint64_t budget_ = 256ull << 20;
  std::uint64_t copyLimit_ = 0;  // bytes per step, 0 = none
  std::uint64_t bytes_ = 0;
  // Segment cache: finer checkpoints inside [cacheFrom, cacheFrom + every_).
  std::deque<Simulation> cache_;
  std::uint64_t cacheFrom_ = 0, cacheEvery_ = 0, cacheBytes_ = 0;
  Simulation cur_;
  EventSink last_;
};

}  // namespace tricolor
