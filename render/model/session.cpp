#include "render/model/session.hpp"

#include <algorithm>
#include <fstream>

#include "core/io/snapshot.hpp"

namespace tricolor::render {

// {===== pacer samples

void PacerSeries::clear() {
  samples_.clear();
  stride_ = 1;
}

void PacerSeries::record(const Simulation& sim) {
  const State& s = sim.state();
  // Phase changes are always kept so the chart's bands start where they should.
  bool phaseChanged = !samples_.empty() && samples_.back().phase != s.gc.phase;
  if (sim.steps() % stride_ != 0 && !phaseChanged && !samples_.empty()) return;
  samples_.push_back({sim.steps(), sim.now(), s.heap.stats.heapLive, sim.heapGoal(), sim.heapTrigger(),
                      s.gc.phase, s.gc.worldStopped});
  if (samples_.size() >= kMaxSamples) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < samples_.size(); ++i)
      if (i % 2 == 0 || (i > 0 && samples_[i].phase != samples_[i - 1].phase)) samples_[out++] = samples_[i];
    samples_.resize(out);
    stride_ *= 2;
  }
}

// }===== {===== breakpoints

bool hitsBreakpoint(const Breakpoints& bp, const std::vector<Event>& events, std::string* why) {
  for (const Event& e : events) {
    const char* reason = nullptr;
    switch (e.kind) {
      case EventKind::PhaseChange:
        if (bp.phaseChange) reason = "the phase changed";
        break;
      case EventKind::Shade:
        // A noscan object is black at once; either way it stopped being white.
        if (bp.colourChange && (bp.watch == kNil || bp.watch == e.as<ShadeEvent>().object))
          reason = "an object was shaded";
        break;
      case EventKind::ScanEnd:
        if (bp.colourChange && (bp.watch == kNil || bp.watch == e.as<ScanEndEvent>().object))
          reason = "an object turned black";
        break;
      case EventKind::Free:
        if (bp.colourChange && (bp.watch == kNil || bp.watch == e.as<FreeEvent>().object))
          reason = "an object was freed";
        break;
      case EventKind::ReachableFreed:
        if (bp.dangling) reason = "a reachable object was freed";
        break;
      case EventKind::DanglingUse:
        if (bp.dangling) reason = "a freed object was used (dangling pointer)";
        break;
      default: break;
    }
    if (reason) {
      if (why) *why = reason;
      return true;
    }
  }
  return false;
}

// }===== {===== loading

bool Session::looksLikeSnapshot(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), std::streamsize(head.size()));
  head.resize(std::size_t(in.gcount()));
  auto f = head.find("\"format\"");
  return f != std::string::npos && head.find("\"tricolor-snapshot\"", f) != std::string::npos;
}

Session::OpenResult Session::open(const std::string& path, const std::vector<std::string>& overrides) {
  if (looksLikeSnapshot(path)) {
    // Validates the snapshot (replays it and compares the state), then
    // reopens its embedded scenario from step 0 so stepping back works.
    SnapshotLoad snap = loadSnapshotFile(path);
    if (!snap.ok()) return {false, snap.errors};
    std::string name = snap.source.scenarioFile.empty() ? path + "#/scenario" : snap.source.scenarioFile;
    LoadResult load = loadScenarioText(snap.source.scenarioText, name);
    return start(path, std::move(load), snap.source.overrides, snap.sim->steps(), false);
  }
  return start(path, loadScenarioFile(path), overrides, 0, false);
}

Session::OpenResult Session::reload() {
  if (!loaded()) return {false, {}};
  std::uint64_t at = position();
  if (looksLikeSnapshot(path_)) {
    OpenResult r = open(path_);
    return r;
  }
  return start(path_, loadScenarioFile(path_), overrides_, at, true);
}

Session::OpenResult Session::restart(const std::vector<std::string>& overrides) {
  if (!loaded()) return {false, {}};
  std::string name = path_;
  return start(path_, loadScenarioText(scenarioText_, name), overrides, 0, true);
}

Session::OpenResult Session::start(const std::string& path, LoadResult load,
                                   const std::vector<std::string>& overrides, std::uint64_t target,
                                   bool keepDrags) {
  ScenarioRun run = prepareScenario(std::move(load), overrides);
  if (!run.program) return {false, run.errors};
  std::map<ObjectId, Vec2> drags;
  if (keepDrags && path == path_) drags = layout_.drags();
  path_ = path;
  scenarioText_ = run.load.sourceText;
  overrides_ = overrides;
  info_ = run.load.info;
  hist_ = std::make_unique<History>(Simulation(run.program), 256);
  hist_->setMemoryBudget(checkpointBudget_);
  hist_->setCopyLimit(kCopyBytesPerStep);
  observed_ = 0;
  endStep_ = 0;
  layout_.reset(*run.program);
  layout_.setDrags(std::move(drags));
  pacer_.clear();
  pacer_.record(sim());
  log_.clear();
  listing_ = buildListing(*run.program);
  resumeTarget_ = target;
  return {true, {}};
}

// }===== {===== moving

void Session::observe() {
  layout_.observe(sim(), lastEvents());
  pacer_.record(sim());
  observed_ = position();
  if (atEnd()) endStep_ = position();
}

void Session::logStep() {
  const std::uint64_t p = position();
  if (!log_.empty() && p >= log_.front().step && p <= log_.back().step) return;
  if (!log_.empty() && p != log_.back().step + 1) log_.clear();
  log_.push_back({p, lastEvents()});
  while (log_.size() > kLogSteps) log_.pop_front();
}

void Session::afterForward() {
  if (position() > observed_) observe();
  if (!logPaused_) logStep();
}

void Session::pauseLog(bool paused) {
  if (logPaused_ == paused) return;
  logPaused_ = paused;
  if (!paused && loaded()) rebuildLog();
}

bool Session::forward() {
  if (!loaded() || !hist_->forward()) return false;
  afterForward();
  return true;
}

// The log must show the steps just before the current one; after a jump
// backwards past what it holds, replay a short stretch to refill it.
void Session::rebuildLog() {
  const std::uint64_t p = position();
  if (p == 0) return;
  if (!log_.empty() && p >= log_.front().step && p <= log_.back().step) return;
  log_.clear();
  std::uint64_t from = p > 200 ? p - 200 : 0;
  hist_->seek(from);
  while (position() < p && hist_->forward()) logStep();
}

bool Session::back() {
  if (!loaded() || !hist_->back()) return false;
  rebuildLog();
  return true;
}

void Session::seek(std::uint64_t step) {
  if (!loaded()) return;
  if (step <= observed_) {
    hist_->seek(step);
    rebuildLog();
    return;
  }
  hist_->seek(observed_);
  rebuildLog();
  while (position() < step && forward()) {
  }
}

std::uint64_t Session::runUntil(const StopFn& stop, std::uint64_t maxSteps, Clock::time_point deadline,
                                bool* hit) {
  if (hit) *hit = false;
  if (!stop && logPaused_ && batched_ && loaded()) return runBatched(maxSteps, deadline);
  std::uint64_t taken = 0;
  while (taken < maxSteps && forward()) {
    ++taken;
    if (stop && stop(sim(), lastEvents())) {
      if (hit) *hit = true;
      break;
    }
    // Checking the clock costs more than a step; look every 64 steps.
    if ((taken & 63) == 0 && Clock::now() >= deadline) break;
  }
  return taken;
}

// Batches up to the step before the one the run stops at, then that step
// with its events (forward()), so lastEvents() and everything observed are
// what single steps give. In new territory a batch ends after any step the
// layout or the pacer must see (an event of their kinds, a phase change, a
// pacer sample point, the end); the steps before it changed nothing they keep.
std::uint64_t Session::runBatched(std::uint64_t maxSteps, Clock::time_point deadline) {
  hist_->setCopyLimit(kRunCopyBytesPerStep);
  constexpr std::uint64_t kBatch = 1 << 14;  // steps between looks at the clock (~1 ms)
  EventSink watch;
  std::uint64_t taken = 0;
  while (taken + 1 < maxSteps && !atEnd()) {
    const std::uint64_t at = position();
    std::uint64_t k = std::min(maxSteps - 1 - taken, kBatch);
    // Known territory is replayed with no watching at all: stop short of
    // the end (its step needs its events) and of the furthest step observed.
    if (endStep_) k = std::min(k, endStep_ - 1 - at);
    const bool fresh = at >= observed_;
    if (fresh) {
      watch.stopOn = layout_.stopKinds() | eventBit(EventKind::PhaseChange);
      watch.countOn = layout_.countKinds();
      k = std::min(k, pacer_.nextSample(at) - at);
    } else {
      watch.stopOn = watch.countOn = 0;
      k = std::min(k, observed_ - at);
    }
    if (k == 0) break;
    const std::uint64_t t = hist_->advanceWatched(k, watch);
    if (t == 0) break;
    taken += t;
    batchedSteps_ += t;
    ++batches_;
    if (fresh) {
      if (watch.stopped) {
        layout_.skipped(position() - 1, watch.counted);
        observe();  // the step that stopped the batch, with its events
      } else {
        layout_.skipped(position(), watch.counted);
        pacer_.record(sim());  // keeps it only at a sample point
        observed_ = position();
      }
    }
    if (Clock::now() >= deadline) break;
  }
  if (taken < maxSteps && forward()) ++taken;
  hist_->setCopyLimit(kCopyBytesPerStep);
  return taken;
}

void Session::lookAhead(std::chrono::milliseconds budget, std::uint64_t maxSteps) {
  if (!loaded()) return;
  const std::uint64_t at = position();
  const auto deadline = Clock::now() + budget;
  if (observed_ > at) hist_->seek(observed_);
  // The log is rebuilt below: run with it paused (in batches).
  const bool paused = logPaused_;
  logPaused_ = true;
  if (observed_ < maxSteps) runUntil({}, maxSteps - observed_, deadline);
  logPaused_ = paused;
  hist_->seek(at);
  log_.clear();
  rebuildLog();
}

void Session::setCheckpointBudget(std::uint64_t bytes) {
  checkpointBudget_ = bytes;
  if (hist_) hist_->setMemoryBudget(bytes);
}

}  // namespace tricolor::render
