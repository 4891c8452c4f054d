#include "core/sim/history.hpp"

#include <algorithm>

namespace tricolor {

History::History(Simulation start, std::uint64_t checkpointEvery)
    : every_(std::max<std::uint64_t>(1, checkpointEvery)), cur_(std::move(start)) {
  checkpoints_.push_back(cur_);
  furthest_ = cur_.steps();
}

void History::record() {
  std::uint64_t n = cur_.steps() - checkpoints_.front().steps();
  furthest_ = std::max(furthest_, cur_.steps());
  if (n % every_ == 0 && n / every_ == checkpoints_.size()) checkpoints_.push_back(cur_);
}

bool History::forward() {
  if (cur_.finished()) return false;
  cur_.step(last_);
  record();
  return true;
}

bool History::back() {
  if (position() == checkpoints_.front().steps()) return false;
  seek(position() - 1);
  return true;
}

void History::seek(std::uint64_t n) {
  std::uint64_t base = checkpoints_.front().steps();
  n = std::max(n, base);
  if (n < position() || n > position() + every_) {
    std::size_t idx = std::min<std::size_t>((n - base) / every_, checkpoints_.size() - 1);
    // Replay the last step so its events are known for narration.
    if (idx > 0 && checkpoints_[idx].steps() == n) --idx;
    cur_ = checkpoints_[idx];
    last_.clear();
  }
  while (position() < n && !cur_.finished()) forward();
}

std::uint64_t History::runUntil(const Predicate& pred, std::uint64_t maxSteps) {
  std::uint64_t taken = 0;
  while (taken < maxSteps && forward()) {
    ++taken;
    if (pred(cur_, last_.events)) break;
  }
  return taken;
}

}  // namespace tricolor
