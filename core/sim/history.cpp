#include "core/sim/history.hpp"

#include <algorithm>

namespace tricolor {

History::History(Simulation start, std::uint64_t checkpointEvery)
    : every_(std::max<std::uint64_t>(1, checkpointEvery)), cur_(std::move(start)) {
  checkpoints_.push_back(cur_);
  sizes_.push_back(cur_.memoryBytes());
  bytes_ = sizes_.back();
  furthest_ = cur_.steps();
}

void History::setMemoryBudget(std::uint64_t bytes) {
  budget_ = bytes;
  thin();
}

void History::setCopyLimit(std::uint64_t bytesPerStep) {
  copyLimit_ = bytesPerStep;
  thin();
}

double History::bytesPerStep() const {
  std::uint64_t steps = furthest_ - base();
  return steps ? double(memoryBytes()) / double(steps) : double(memoryBytes());
}

void History::record() {
  std::uint64_t n = cur_.steps() - base();
  furthest_ = std::max(furthest_, cur_.steps());
  if (n % every_ == 0 && n / every_ == checkpoints_.size()) {
    checkpoints_.push_back(cur_);
    sizes_.push_back(cur_.memoryBytes(&checkpoints_[checkpoints_.size() - 2]));
    bytes_ += sizes_.back();
    thin();
  }
}

// Over budget, or the latest checkpoint costs more than the copy limit per
// step (then with room for the state to grow 4 times): keep every other checkpoint (those at multiples of 2K
// from the start) and double K. The next checkpoint still falls where record() expects it: the last one kept
// is at most K behind the current one.
void History::thin() {
  if (budget_ && memoryBytes() > budget_) {
    cache_.clear();
    cacheBytes_ = 0;
  }
  auto overBudget = [&] { return budget_ && bytes_ > checkpointBudget() && checkpoints_.size() >= 3; };
  // Over the copy limit, thin until the state could grow 4 times and still be
  // within it: a heap that is being built would otherwise thin (and copy)
  // again at every doubling.
  auto tooCostly = [&](std::uint64_t growth) {
    return copyLimit_ && sizes_.back() * growth / every_ > copyLimit_ && every_ < (1ull << 40);
  };
  const bool costly = tooCostly(1);
  while (overBudget() || (costly && tooCostly(4))) {
    std::size_t j = 0;
    for (std::size_t i = 0; i < checkpoints_.size(); i += 2, ++j)
      if (i != j) checkpoints_[j] = std::move(checkpoints_[i]);
    checkpoints_.erase(checkpoints_.begin() + std::ptrdiff_t(j), checkpoints_.end());
    // A checkpoint's cost is what it does not share with the one before,
    // which is now further back.
    sizes_.resize(j);
    bytes_ = 0;
    for (std::size_t k = 0; k < j; ++k) {
      sizes_[k] = checkpoints_[k].memoryBytes(k ? &checkpoints_[k - 1] : nullptr);
      bytes_ += sizes_[k];
    }
    every_ *= 2;
  }
}

bool History::forward() {
  if (cur_.finished()) return false;
  cur_.step(last_);
  record();
  return true;
}

std::uint64_t History::advance(std::uint64_t n) {
  if (n == 0) return 0;
  EventSink off;
  off.enabled = false;
  std::uint64_t taken = 0;
  while (taken + 1 < n && !cur_.finished()) {
    // Up to the next checkpoint position, where record() may take one.
    std::uint64_t rel = cur_.steps() - base();
    std::uint64_t k = std::min(every_ - rel % every_, n - 1 - taken);
    std::uint64_t t = cur_.stepMany(off, k);
    if (t == 0) break;
    taken += t;
    record();
  }
  if (forward())
    ++taken;
  else
    last_.clear();
  return taken;
}

std::uint64_t History::advanceWatched(std::uint64_t n, EventSink& watch) {
  watch.enabled = false;
  std::uint64_t taken = 0, counted = 0;
  bool stopped = false;
  last_.clear();
  while (taken < n && !cur_.finished()) {
    // Up to the next checkpoint position, where record() may take one.
    std::uint64_t rel = cur_.steps() - base();
    std::uint64_t k = std::min(every_ - rel % every_, n - taken);
    std::uint64_t t = cur_.stepMany(watch, k);
    if (t == 0) break;
    taken += t;
    counted += watch.counted;
    record();
    if (watch.stopped) {
      stopped = true;
      last_.events.swap(watch.events);
      break;
    }
  }
  watch.events.clear();
  watch.counted = counted;
  watch.stopped = stopped;
  return taken;
}

bool History::back() {
  if (position() == base()) return false;
  seek(position() - 1);
  return true;
}

void History::replayTo(const Simulation& from, std::uint64_t n, bool fillCache) {
  if (&from != &cur_) {
    cur_ = from;
    last_.clear();
  }
  EventSink off;
  off.enabled = false;
  if (fillCache) {
    cache_.clear();
    cacheBytes_ = 0;
    cacheFrom_ = cur_.steps();
  }
  // Known territory (every checkpoint in it exists): fast, events off.
  // (`from` may not outlive a thinning, which only new territory causes.)
  const std::uint64_t known = std::min(n - 1, furthest_);
  while (position() < known && !cur_.finished()) {
    std::uint64_t k = known - position();
    if (fillCache) k = std::min(k, cacheEvery_ - (position() - cacheFrom_) % cacheEvery_);
    if (cur_.stepMany(off, k) == 0) break;
    if (fillCache && (position() - cacheFrom_) % cacheEvery_ == 0 && position() < n) {
      // What it does not share with the previous entry (or the checkpoint replayed from).
      const std::uint64_t size = cur_.memoryBytes(cache_.empty() ? &from : &cache_.back());
      if (budget_ && cacheBytes_ + size > budget_ / 4) {
        fillCache = false;  // the cache's quarter of the budget is full
      } else {
        cache_.push_back(cur_);
        cacheBytes_ += size;
      }
    }
  }
  // New territory records checkpoints; the step landed on keeps its events.
  while (position() + 1 < n && forward()) {
  }
  if (position() < n) forward();
}

void History::seek(std::uint64_t n) {
  n = std::max(n, base());
  if (n == position()) return;
  // The latest known state at or before n - 1 (so that step n itself is
  // replayed with its events), or the start.
  const std::uint64_t want = n > base() ? n - 1 : base();
  const Simulation* from = nullptr;
  bool fromCheckpoint = false;
  {
    std::size_t idx = std::min<std::size_t>((want - base()) / every_, checkpoints_.size() - 1);
    from = &checkpoints_[idx];
    fromCheckpoint = true;
  }
  for (const Simulation& c : cache_)
    if (c.steps() <= want && c.steps() > from->steps()) {
      from = &c;
      fromCheckpoint = false;
    }
  if (position() <= want && position() >= from->steps()) {
    from = &cur_;  // going forward from here is the shortest
    fromCheckpoint = false;
  }
  // Going back over a long stretch: keep finer checkpoints inside it, so
  // the next steps back replay only a few steps each.
  bool fill = false;
  if (n < position() && fromCheckpoint && want - from->steps() > 32) {
    std::uint64_t size = sizes_[std::min<std::size_t>((want - base()) / every_, sizes_.size() - 1)];
    std::uint64_t entries = 64;
    if (budget_) entries = std::min<std::uint64_t>(entries, (budget_ / 4) / std::max<std::uint64_t>(1, size));
    if (entries >= 2) {
      cacheEvery_ = std::max<std::uint64_t>(8, (every_ + entries - 1) / entries);
      fill = true;
    }
  }
  if (from == &cur_) {
    replayTo(cur_, n, false);
  } else if (from->steps() == n) {
    cur_ = *from;  // only at the start
    last_.clear();
  } else {
    replayTo(*from, n, fill);
  }
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
