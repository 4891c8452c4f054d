// The session: everything the window shows about one loaded run, and the
// only place that moves it. Views read it through const references and ask
// for changes with commands; the app loop applies them here.
//
// It owns the History (checkpoints + deterministic replay, so any step can
// be revisited) and, next to it, what must be recorded the first time the
// run reaches a step because the state alone cannot tell it later: the heap
// layout (placed at allocation time), the pacer chart's samples and the
// event log. Those are fed by observe(), once per new step, in order.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/io/scenario_loader.hpp"
#include "core/sim/history.hpp"
#include "render/layout/heap_layout.hpp"
#include "render/model/source_listing.hpp"

namespace tricolor::render {

// One point of the pacer chart.
struct PacerSample {
  std::uint64_t step = 0, time = 0;  // simulated ns
  std::uint64_t heapLive = 0, goal = 0, trigger = 0;
  Phase phase = Phase::Off;
  bool stw = false;
};

// Samples over the whole run at bounded memory: when full, every other
// sample is dropped and from then on only every 2nd (4th...) step is kept.
class PacerSeries {
 public:
  static constexpr std::size_t kMaxSamples = 16384;
  void clear();
  void record(const Simulation& sim);
  const std::vector<PacerSample>& samples() const { return samples_; }
  // The first step after `step` that record() keeps whatever the state (a
  // multiple of the stride); between two, only a phase change is kept.
  std::uint64_t nextSample(std::uint64_t step) const { return (step / stride_ + 1) * stride_; }

 private:
  std::vector<PacerSample> samples_;
  std::uint64_t stride_ = 1;
};

struct LogEntry {
  std::uint64_t step = 0;
  std::vector<Event> events;
};

// What "run to a breakpoint" (and play) stop at.
struct Breakpoints {
  bool phaseChange = true;
  bool colourChange = false;  // an object turns grey, black or is freed (only `watch` if set)
  bool dangling = true;       // a reachable object freed, or a freed object used
  ObjectId watch = kNil;
  bool operator==(const Breakpoints&) const = default;
};
// Whether the step with these events hits one of the enabled breakpoints; `why` gets a short reason.
bool hitsBreakpoint(const Breakpoints& bp, const std::vector<Event>& events, std::string* why = nullptr);

class Session {
 public:
  using Clock = std::chrono::steady_clock;
  using StopFn = std::function<bool(const Simulation&, const std::vector<Event>&)>;
  static constexpr std::size_t kLogSteps = 4000;  // steps kept in the event log
  // Checkpoints get sparser when copying the state costs more than this per
  // step (History::setCopyLimit): copies of fresh memory page-fault. Moving
  // a step or a few hundred at a time, that cost does not show...
  static constexpr std::uint64_t kCopyBytesPerStep = 256;
  // ... but it does while a run goes far with nothing but the progress bar
  // to show (runUntil with no stop test and the log paused), where copying
  // checkpoints would cost more than the simulation itself; the price is
  // a longer replay for a later seek into that stretch. The figures:
  // docs/performance.md, "How the window's run to end and first frame got there".
  static constexpr std::uint64_t kRunCopyBytesPerStep = 32;

  struct OpenResult {
    bool ok = false;
    std::vector<LoadError> errors;
  };

  // Opens a scenario (.json) or a snapshot ("format": "tricolor-snapshot").
  // On error the current run is left untouched and the errors are returned.
  // A snapshot reopens its scenario at step 0 and sets resumeTarget(): the
  // app then runs to that step (with progress), so the whole past stays
  // reachable with the scrub slider.
  OpenResult open(const std::string& path, const std::vector<std::string>& overrides = {});
  // Reloads the same file (after an edit): keeps overrides and drags, and
  // sets resumeTarget() to the current step.
  OpenResult reload();
  // Restarts the same scenario with other config overrides ("GOGC=50"...).
  OpenResult restart(const std::vector<std::string>& overrides);
  static bool looksLikeSnapshot(const std::string& path);

  bool loaded() const { return hist_ != nullptr; }
  const std::string& path() const { return path_; }
  const std::string& scenarioText() const { return scenarioText_; }
  const std::vector<std::string>& overrides() const { return overrides_; }
  const ScenarioInfo& info() const { return info_; }
  std::uint64_t resumeTarget() const { return resumeTarget_; }
  void clearResumeTarget() { resumeTarget_ = 0; }

  const Simulation& sim() const { return hist_->current(); }
  const Program& program() const { return sim().program(); }
  std::uint64_t position() const { return hist_->position(); }
  std::uint64_t furthest() const { return observed_; }  // latest step ever reached
  bool atEnd() const { return sim().finished(); }
  // The end of the run if it is known (reached once), else 0.
  std::uint64_t endStep() const { return endStep_; }
  const std::vector<Event>& lastEvents() const { return hist_->lastEvents(); }

  const HeapLayout& layout() const { return layout_; }
  void dragObject(ObjectId id, Vec2 topLeft) { layout_.drag(id, topLeft); }
  const PacerSeries& pacer() const { return pacer_; }
  const std::deque<LogEntry>& log() const { return log_; }
  // A long run (to the end, to a step) shows a progress bar, not the log:
  // while paused, steps are not copied into it; unpausing refills it with
  // the steps just before the current one (a short replay).
  void pauseLog(bool paused);
  bool logPaused() const { return logPaused_; }
  const SourceListing& listing() const { return listing_; }
  std::uint64_t checkpointInterval() const { return hist_ ? hist_->checkpointInterval() : 0; }
  // Memory the history's checkpoints may use before they are thinned (tests lower it).
  void setCheckpointBudget(std::uint64_t bytes);

  // --- moving through the run
  bool forward();
  bool back();
  // Goes to `step`; beyond the furthest step reached it runs forward (all of it, now).
  void seek(std::uint64_t step);
  // Runs forward until stop() says so, the run ends, maxSteps were taken or
  // the deadline passed. Returns the steps taken; *hit = stop() matched.
  // With no stop() and the log paused (a run to the end or to a step), it
  // goes in batches with events off (History::advanceWatched): the layout
  // and the pacer see every step whose events or state they keep (see
  // HeapLayout::stopKinds, PacerSeries::nextSample), the last step is taken
  // with its events, and the result is the same as stepping one at a time.
  std::uint64_t runUntil(const StopFn& stop, std::uint64_t maxSteps, Clock::time_point deadline,
                         bool* hit = nullptr);
  // Test hook: take the one-step-at-a-time path even when batches would do.
  void setBatchedRuns(bool on) { batched_ = on; }
  // Steps taken in batches so far, and how many batches (tests).
  std::uint64_t batchedSteps() const { return batchedSteps_; }
  std::uint64_t batches() const { return batches_; }
  // Runs forward for at most `budget` of wall time (and `maxSteps`) right
  // after loading, so the scrub slider and the layout's extent cover as much
  // of the run as is cheap to know, then returns to the step it started at.
  // (Pictures taken by automation use a step bound only, so they do not
  // depend on the machine's speed.)
  void lookAhead(std::chrono::milliseconds budget, std::uint64_t maxSteps = ~std::uint64_t{0});

 private:
  OpenResult start(const std::string& path, LoadResult load, const std::vector<std::string>& overrides,
                   std::uint64_t target, bool keepDrags);
  void afterForward();
  void observe();
  void logStep();
  void rebuildLog();
  std::uint64_t runBatched(std::uint64_t maxSteps, Clock::time_point deadline);

  std::unique_ptr<History> hist_;
  std::uint64_t checkpointBudget_ = 1024ull << 20;
  std::string path_, scenarioText_;
  std::vector<std::string> overrides_;
  ScenarioInfo info_;
  std::uint64_t resumeTarget_ = 0;
  std::uint64_t observed_ = 0;
  std::uint64_t endStep_ = 0;
  HeapLayout layout_;
  PacerSeries pacer_;
  std::deque<LogEntry> log_;
  bool logPaused_ = false;
  bool batched_ = true;
  std::uint64_t batchedSteps_ = 0, batches_ = 0;
  SourceListing listing_;
};

}  // namespace tricolor::render
