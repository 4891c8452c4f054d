// Simulation::stepMany (the batched run loop, with its fast path for
// marking) against single steps: the same states and the same events, over
// random programs, every lesson, and a heap big enough to use the grey
// queue's prefetch window. And History over long runs: thinning within a
// memory budget, seeks and steps back equal to a fresh replay.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "core/gc/collector.hpp"
#include "core/io/snapshot.hpp"
#include "core/sim/history.hpp"
#include "tests/core/programs.hpp"
#include "tests/core/random_program.hpp"
#include "tests/core/sim_access.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;
using namespace tricolor::test;

namespace {

struct Compared {
  std::uint64_t steps = 0, fast = 0, boundaries = 0;
  bool windowUsed = false;  // the grey queue's prefetch window was ever in use
};

// Runs `prog` twice in lockstep: single steps, and stepMany with chunk
// sizes drawn from `seed`; compares the states at every chunk boundary and
// the events of every chunk.
Compared compare(std::shared_ptr<const Program> prog, std::uint64_t seed, bool events, std::uint64_t maxChunk,
                 std::uint64_t maxSteps = 400000) {
  Compared r;
  Simulation a(prog), b(prog);
  EventSink one, many;
  many.enabled = events;
  std::uint64_t rng = seed;
  while (!a.finished() && r.steps < maxSteps) {
    std::uint64_t k = 1 + splitmix64(rng) % maxChunk;
    std::vector<Event> expect;
    std::uint64_t done = 0;
    for (; done < k && !a.finished(); ++done) {
      a.step(one);
      r.windowUsed = r.windowUsed || a.state().gc.windowLen > 0;
      expect.insert(expect.end(), one.events.begin(), one.events.end());
    }
    std::uint64_t took = b.stepMany(many, k);
    REQUIRE(took == done);
    REQUIRE(b.steps() == a.steps());
    REQUIRE(b.finished() == a.finished());
    if (events) {
      REQUIRE(many.events.size() == expect.size());
      REQUIRE(eventHash(many.events) == eventHash(expect));
    } else {
      REQUIRE(many.events.empty());
    }
    REQUIRE(b.state() == a.state());
    r.steps += took;
    ++r.boundaries;
  }
  r.fast = SimAccess::fastSteps(b);
  return r;
}

std::shared_ptr<const Program> withConfig(std::shared_ptr<const Program> p, bool monitor,
                                          SchedulingMode mode = SchedulingMode::Auto) {
  Program copy = *p;
  copy.config.monitor = monitor;
  copy.config.scheduling = mode;
  return std::make_shared<const Program>(std::move(copy));
}

// A random graph of n two-pointer objects (1 field in 8 nil) with 64
// globals into it; main is about to call runtime.GC().
std::unique_ptr<Simulation> bigGraph(std::uint32_t n, std::uint64_t seed, std::uint32_t procs) {
  return randomGraphSim(n, seed, 64, procs, 8);
}

}  // namespace

TEST_CASE("stepMany: the same states and events as single steps, over random programs") {
  std::uint64_t fast = 0, steps = 0;
  for (std::uint64_t seed = 1; seed <= 24; ++seed) {
    CAPTURE(seed);
    auto prog = randomProgram(seed);
    // Auto scheduling without the monitor's event checks lets the fast path run.
    Compared c = compare(withConfig(prog, false), seed, true, 1 + seed * 37 % 200);
    fast += c.fast;
    steps += c.steps;
    CHECK(c.boundaries > 1);
    // Events off: states still equal.
    compare(withConfig(prog, true), seed + 100, false, 500);
    // The program's own settings (often random scheduling, monitor on).
    compare(prog, seed + 200, true, 64);
  }
  // The fast path did the bulk of marking somewhere, not never.
  CHECK(fast > 0);
  MESSAGE("fast-path steps: " << fast << " of " << steps);
}

TEST_CASE("stepMany: every lesson gives the same run, events on and off") {
  namespace fs = std::filesystem;
  int lessons = 0;
  for (const auto& entry : fs::directory_iterator(std::string(TRICOLOR_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".json") continue;
    ScenarioRun run = prepareScenario(loadScenarioFile(entry.path().string()), {});
    if (!run.program) continue;  // the schema file
    CAPTURE(entry.path().filename().string());
    ++lessons;
    Compared on = compare(run.program, 7, true, 300);
    Compared off = compare(run.program, 8, false, 5000);
    Compared noMonitor = compare(withConfig(run.program, false), 9, true, 1000);
    CHECK(on.steps == off.steps);
    CHECK(on.steps == noMonitor.steps);
    // Lessons mark in the plain LIFO order the docs describe.
    CHECK_FALSE(on.windowUsed);
  }
  CHECK(lessons >= 16);
}

TEST_CASE("prefetch window: a deep grey stack goes through it and marking stays exact") {
  constexpr std::uint32_t n = 60000;
  for (std::uint32_t procs : {1u, 2u, 3u}) {
    CAPTURE(procs);
    auto a = bigGraph(n, 5 + procs, procs);
    auto b = std::make_unique<Simulation>(*a);
    // Objects reachable now: exactly these survive the cycle.
    std::vector<bool> live = a->reachable();
    std::uint64_t liveCount = 0;
    for (ObjectId id = 1; id < live.size(); ++id)
      liveCount += live[id] && a->state().world.objects[id].state == ObjState::Heap;
    EventSink one, many;
    one.enabled = many.enabled = false;
    bool windowUsed = false;
    std::size_t maxGrey = 0;
    std::uint64_t rng = procs;
    while (!a->finished()) {
      std::uint64_t k = 1 + splitmix64(rng) % 20000;
      for (std::uint64_t i = 0; i < k && !a->finished(); ++i) {
        a->step(one);
        windowUsed = windowUsed || a->state().gc.windowLen > 0;
        maxGrey = std::max(maxGrey, a->state().gc.grey.size());
      }
      b->stepMany(many, k);
      REQUIRE(b->steps() == a->steps());
      REQUIRE(b->state() == a->state());
    }
    CHECK(maxGrey > kWindowFrom);
    CHECK(windowUsed);
    CHECK(SimAccess::fastSteps(*b) > n / 4);
    const CycleStats& c = a->state().gc.cycles.at(0);
    CHECK(c.objectsMarked == liveCount);
    CHECK(a->state().heap.stats.objectsFreed == n - liveCount);
  }
}

namespace {

// The state and the last step's events after n steps of a fresh run.
struct Fresh {
  State state;
  std::uint64_t lastHash;
};
Fresh freshAt(std::shared_ptr<const Program> prog, std::uint64_t n) {
  Simulation s(prog);
  EventSink off, last;
  off.enabled = false;
  if (n > 0) s.stepMany(off, n - 1);
  if (n > 0) s.step(last);
  return {s.state(), eventHash(last.events)};
}

}  // namespace

TEST_CASE(
    "history: a long run stays within its memory budget, and seeks and steps back equal a fresh replay") {
  auto prog = test::churnProgram(60000);
  History h{Simulation(prog), 64};
  const std::uint64_t budget = 4u << 20;
  h.setMemoryBudget(budget);
  std::uint64_t taken = h.advance(150000);
  REQUIRE(taken == 150000);
  CHECK(h.position() == 150000);
  CHECK(h.furthest() == 150000);
  CHECK(h.memoryBytes() <= budget);
  CHECK(h.checkpointInterval() > 64);  // it had to thin
  CHECK(h.checkpointCount() >= 2);
  CHECK(h.bytesPerStep() > 0);
  CHECK(h.bytesPerStep() < double(budget) / 150000 + 1);
  // advance() recorded the same run as single steps.
  {
    Fresh f = freshAt(prog, 150000);
    CHECK(h.current().state() == f.state);
    CHECK(eventHash(h.lastEvents()) == f.lastHash);
  }
  std::uint64_t rng = 99;
  for (int i = 0; i < 12; ++i) {
    std::uint64_t n = splitmix64(rng) % 150001;
    CAPTURE(n);
    h.seek(n);
    REQUIRE(h.position() == n);
    Fresh f = freshAt(prog, n);
    CHECK(h.current().state() == f.state);
    if (n > 0) CHECK(eventHash(h.lastEvents()) == f.lastHash);
    // A few steps back from there (the segment cache).
    for (int k = 0; k < 3 && h.position() > 0; ++k) {
      REQUIRE(h.back());
      Fresh g = freshAt(prog, h.position());
      CHECK(h.current().state() == g.state);
      if (h.position() > 0) CHECK(eventHash(h.lastEvents()) == g.lastHash);
    }
    CHECK(h.memoryBytes() <= budget);
  }
  // Forward from the past replays the same future, past furthest too.
  h.seek(149990);
  for (int i = 0; i < 20; ++i) REQUIRE(h.forward());
  CHECK(h.furthest() == 150010);
  CHECK(h.current().state() == freshAt(prog, 150010).state);
  // Seek to the start.
  h.seek(0);
  CHECK(h.position() == 0);
  CHECK(h.lastEvents().empty());
  CHECK(h.current().state() == Simulation(prog).state());
}

TEST_CASE("history: without a budget nothing is thinned") {
  auto prog = test::churnProgram(10000);
  History h{Simulation(prog), 32};
  h.setMemoryBudget(0);
  h.advance(20000);
  CHECK(h.checkpointInterval() == 32);
  CHECK(h.checkpointCount() == 20000 / 32 + 1);
}

TEST_CASE(
    "history: a copy limit spaces checkpoints by the state's size, and seeks still equal a fresh replay") {
  auto prog = test::churnProgram(10000);
  const std::uint64_t limit = 64;  // bytes copied per step recorded
  History h{Simulation(prog), 32};
  h.setMemoryBudget(0);
  h.setCopyLimit(limit);
  h.advance(20000);
  const std::uint64_t size = h.current().memoryBytes();
  CHECK(h.checkpointInterval() > 32);  // 32 steps per copy of a state this big is over the limit
  // Every checkpoint but the start's was within the limit when it was taken; the latest is at most this big.
  // ...and no sparser than needed: one doubling less would not leave room for the state to grow 4 times.
  CHECK(size * 4 / (h.checkpointInterval() / 2) > limit);
  CHECK(h.checkpointCount() <= 20000 / h.checkpointInterval() + 1);
  std::uint64_t rng = 7;
  for (int i = 0; i < 6; ++i) {
    std::uint64_t n = splitmix64(rng) % 20001;
    CAPTURE(n);
    h.seek(n);
    Fresh f = freshAt(prog, n);
    CHECK(h.current().state() == f.state);
    if (n > 0) CHECK(eventHash(h.lastEvents()) == f.lastHash);
  }
}

namespace {

// stepMany with a watch (EventSink::stopOn, countOn) against single steps:
// it must stop right after the first step with a stopOn event (or the last
// step of the run), hold that step's events, and count the countOn events of
// the steps before it.
void compareWatched(std::shared_ptr<const Program> prog, std::uint64_t seed, std::uint64_t stopOn,
                    std::uint64_t countOn, std::uint64_t maxSteps, std::uint64_t* stops) {
  Simulation a(prog), b(prog);
  EventSink one, watch;
  watch.enabled = false;
  watch.stopOn = stopOn;
  watch.countOn = countOn;
  std::uint64_t rng = seed, steps = 0;
  while (!a.finished() && steps < maxSteps) {
    const std::uint64_t k = 1 + splitmix64(rng) % 3000;
    std::uint64_t done = 0, counted = 0;
    bool stopped = false;
    std::vector<Event> last;
    while (done < k && !a.finished()) {
      a.step(one);
      ++done;
      bool stop = a.finished();
      std::uint64_t n = 0;
      for (const Event& e : one.events) {
        stop = stop || (stopOn & eventBit(e.kind));
        n += (countOn & eventBit(e.kind)) != 0;
      }
      if (stop) {
        stopped = true;
        last = one.events;
        break;
      }
      counted += n;
    }
    const std::uint64_t took = b.stepMany(watch, k);
    REQUIRE(took == done);
    REQUIRE(watch.stopped == stopped);
    REQUIRE(watch.counted == counted);
    REQUIRE(eventHash(watch.events) == eventHash(last));
    REQUIRE(watch.events.size() == last.size());
    REQUIRE(b.state() == a.state());
    steps += took;
    *stops += stopped;
  }
}

}  // namespace

TEST_CASE("stepMany watching kinds: stops after the first step with one, with its events, counts the rest") {
  const std::uint64_t allocs =
      eventBit(EventKind::Alloc) | eventBit(EventKind::AllocTiny) | eventBit(EventKind::AllocStack);
  const std::uint64_t frees = eventBit(EventKind::Free) | eventBit(EventKind::ReachableFreed);
  std::uint64_t stops = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    CAPTURE(seed);
    auto prog = withConfig(randomProgram(seed), seed % 2 == 0);
    // What the window watches: frees and phases stop, allocations are counted (the fast path may run)...
    compareWatched(prog, seed, frees | eventBit(EventKind::PhaseChange), allocs, 200000, &stops);
    // ... or stop too; and a scan kind, which turns the fast path off.
    compareWatched(prog, seed + 50, allocs | frees, eventBit(EventKind::PointerWrite), 200000, &stops);
    compareWatched(prog, seed + 90, eventBit(EventKind::ScanEnd), eventBit(EventKind::Shade), 200000, &stops);
  }
  CHECK(stops > 100);
  // A heap big enough for the fast path, watched the window's way.
  auto big = bigGraph(20000, 3, 2);
  Simulation plain = *big;
  EventSink off;
  off.enabled = false;
  std::uint64_t all = 0;
  while (!plain.finished()) all += plain.stepMany(off, 1 << 16);
  EventSink watch;
  watch.enabled = false;
  watch.stopOn = frees | eventBit(EventKind::PhaseChange);
  watch.countOn = allocs;
  std::uint64_t taken = 0;
  while (!big->finished()) taken += big->stepMany(watch, 1 << 16);
  CHECK(taken == all);
  CHECK(big->state() == plain.state());
  CHECK(SimAccess::fastSteps(*big) > 10000);
}
