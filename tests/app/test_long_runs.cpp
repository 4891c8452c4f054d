// Long runs keep the event log off their hot path: with the log paused the
// session records nothing per step, and unpausing refills it with exactly
// the steps a run with the log on would show.
#include <doctest/doctest.h>

#include <string>

#include "render/model/session.hpp"
#include "tests/app/app_test_util.hpp"

using namespace tricolor;
using namespace tricolor::render;

using testutil::openSource;

TEST_CASE("a run with the event log paused ends with the same recent log as a run with it on") {
  for (const char* file : {"tests/app/data/bench-300.json", "scenarios/lazy-sweeping.json"}) {
    CAPTURE(file);
    Session on = openSource(file), off = openSource(file);
    const auto forever = Session::Clock::now() + std::chrono::hours(1);
    on.runUntil({}, 5000, forever);
    off.pauseLog(true);
    off.runUntil({}, 5000, forever);
    CHECK(off.log().empty());  // nothing copied while paused
    off.pauseLog(false);
    REQUIRE(on.position() == off.position());
    REQUIRE(!off.log().empty());
    CHECK(off.log().back().step == off.position());
    // The steps just before the current one, contiguous, as the run with the log on has them.
    std::uint64_t prev = 0;
    for (const LogEntry& e : off.log()) {
      if (prev) CHECK(e.step == prev + 1);
      prev = e.step;
    }
    for (auto a = off.log().rbegin(), b = on.log().rbegin(); a != off.log().rend() && b != on.log().rend();
         ++a, ++b) {
      REQUIRE(a->step == b->step);
      REQUIRE(a->events.size() == b->events.size());
      for (std::size_t i = 0; i < a->events.size(); ++i) CHECK(a->events[i].kind == b->events[i].kind);
    }
  }
}

TEST_CASE("the layout and the pacer still see every step while the log is paused") {
  Session on = openSource("tests/app/data/bench-300.json"), off = openSource("tests/app/data/bench-300.json");
  const auto forever = Session::Clock::now() + std::chrono::hours(1);
  off.pauseLog(true);
  on.runUntil({}, 1000, forever);
  off.runUntil({}, 1000, forever);
  CHECK(off.layout().placedIds() == on.layout().placedIds());
  REQUIRE(off.pacer().samples().size() == on.pacer().samples().size());
  CHECK(off.furthest() == on.furthest());
}

namespace {

bool sameSample(const PacerSample& x, const PacerSample& y) {
  return x.step == y.step && x.time == y.time && x.heapLive == y.heapLive && x.goal == y.goal &&
         x.trigger == y.trigger && x.phase == y.phase && x.stw == y.stw;
}

void checkSameSamples(const PacerSeries& a, const PacerSeries& b) {
  REQUIRE(a.samples().size() == b.samples().size());
  std::size_t differ = 0, first = 0;
  for (std::size_t i = a.samples().size(); i-- > 0;)
    if (!sameSample(a.samples()[i], b.samples()[i])) ++differ, first = i;
  CAPTURE(first);
  CHECK(differ == 0);
}

bool samePlacement(const HeapLayout::Placement& x, const HeapLayout::Placement& y) {
  return x.rect == y.rect && x.allocStep == y.allocStep && x.freedStep == y.freedStep && x.pinned == y.pinned &&
         x.keepCells == y.keepCells;
}

void checkSameLayout(const HeapLayout& a, const HeapLayout& b) {
  REQUIRE(a.placedIds() == b.placedIds());
  CHECK(a.unplaced() == b.unplaced());
  CHECK(a.observedSteps() == b.observedSteps());
  CHECK(a.columns() == b.columns());
  CHECK(a.extent() == b.extent());
  std::size_t differ = 0;
  ObjectId first = kNil;
  for (ObjectId id : a.placedIds()) {
    const HeapLayout::Placement *x = a.find(id), *y = b.find(id);
    if (!x || !y || !samePlacement(*x, *y)) {
      ++differ;
      if (first == kNil) first = id;
    }
  }
  CAPTURE(first);
  CHECK(differ == 0);
}

void checkSameLog(const Session& a, const Session& b) {
  REQUIRE(a.log().size() == b.log().size());
  for (std::size_t i = 0; i < a.log().size(); ++i) {
    REQUIRE(a.log()[i].step == b.log()[i].step);
    CHECK(a.log()[i].events == b.log()[i].events);
  }
}

}  // namespace

// The window's run to the end (or to a step) goes in batches with events
// off; what it shows afterwards must be what single steps give: the same
// layout (positions, ghosts), pacer samples, last step's events, log, and
// the same states and events on every seek.
TEST_CASE("a batched run shows what single steps show: layout, pacer, events, log, seeks") {
  struct Scene {
    const char* file;
    std::uint64_t steps;
    const char* set = nullptr;  // a config override
  };
  // Frees of placed objects (churn, linked-list garbage), a reachable object
  // freed (lost-object without the barrier), stack objects dying on return (stack-vs-heap), weak
  // pointers and finalizers, and a heap that fills the graph (bench-1m's
  // first 10^5 allocations: the layout then only counts what it leaves out).
  const Scene scenes[] = {{"tests/app/data/bench-300.json", ~0ull},  {"tests/app/data/churn.json", ~0ull},
                          {"scenarios/linked-list-garbage.json", ~0ull}, {"scenarios/lost-object.json", ~0ull, "write_barrier=none"},
                          {"scenarios/stack-vs-heap.json", ~0ull},   {"scenarios/weak-pointers.json", ~0ull},
                          {"scenarios/finalizers.json", ~0ull},      {"scenarios/gogc-comparison.json", ~0ull},
                          {"tests/app/data/bench-1m.json", 120000}};
  const auto forever = Session::Clock::now() + std::chrono::hours(1);
  std::size_t ghosts = 0, kept = 0, stackDeaths = 0;
  for (const Scene& sc : scenes) {
    const std::string file = sc.file;
    CAPTURE(file);
    Session one = openSource(sc.file), bat = openSource(sc.file);
    if (sc.set) {
      REQUIRE(one.restart({sc.set}).ok);
      REQUIRE(bat.restart({sc.set}).ok);
    }
    one.setBatchedRuns(false);
    one.pauseLog(true);
    bat.pauseLog(true);
    one.runUntil({}, sc.steps, forever);
    // The window's way: a frame's worth at a time. Odd sizes, and calls
    // whose deadline has passed (they stop after their first batch).
    std::uint64_t calls = 0;
    for (std::uint64_t k = 1; !bat.atEnd() && bat.position() < sc.steps; ++k) {
      const std::uint64_t left = sc.steps - bat.position();
      if (k % 3 == 0)
        bat.runUntil({}, left, Session::Clock::now());
      else
        bat.runUntil({}, std::min<std::uint64_t>(left, 1 + k * 7919 % std::max<std::uint64_t>(5, one.position() / 8)), forever);
      ++calls;
    }
    CHECK(calls > 2);
    MESSAGE(file << ": " << bat.position() << " steps in " << calls << " calls, " << bat.batches() << " batches");
    // Batches did the bulk (a layout that sees every allocation stops them at each).
    CHECK(one.batchedSteps() == 0);
    CHECK(bat.batchedSteps() > 0);
    if (sc.steps != ~0ull) CHECK(bat.batchedSteps() * 10 > bat.position() * 9);
    for (ObjectId id : bat.layout().placedIds()) {
      const HeapLayout::Placement* p = bat.layout().find(id);
      ghosts += p->freedStep != HeapLayout::kNever;
      kept += p->keepCells;
      stackDeaths += p->freedStep != HeapLayout::kNever && bat.sim().state().world.objects[id].state == ObjState::StackDead;
    }
    REQUIRE(bat.position() == one.position());
    CHECK(bat.furthest() == one.furthest());
    CHECK(bat.endStep() == one.endStep());
    CHECK(bat.atEnd() == (sc.steps == ~0ull));
    CHECK(bat.lastEvents() == one.lastEvents());
    CHECK(bat.sim().state() == one.sim().state());
    checkSameLayout(one.layout(), bat.layout());
    checkSameSamples(one.pacer(), bat.pacer());
    if (sc.steps != ~0ull) CHECK(bat.layout().unplaced() > 0);  // bench-1m filled the graph
    one.pauseLog(false);
    bat.pauseLog(false);
    checkSameLog(one, bat);
    // Seeks (backwards over the run, then forward again) land on the same states and events.
    const std::uint64_t end = one.position();
    for (std::uint64_t at : {end / 2, std::uint64_t(1), end - 1, end / 3 + 17, end}) {
      CAPTURE(at);
      one.seek(at);
      bat.seek(at);
      REQUIRE(bat.position() == one.position());
      CHECK(bat.sim().state() == one.sim().state());
      CHECK(bat.lastEvents() == one.lastEvents());
      checkSameLog(one, bat);
    }
    // Going on after a seek back (known territory, then new) stays the same.
    one.seek(end / 2);
    bat.seek(end / 2);
    one.pauseLog(true);
    bat.pauseLog(true);
    one.runUntil({}, end / 2 + 5000, forever);
    bat.runUntil({}, end / 2 + 5000, forever);
    REQUIRE(bat.position() == one.position());
    CHECK(bat.sim().state() == one.sim().state());
    CHECK(bat.lastEvents() == one.lastEvents());
    checkSameLayout(one.layout(), bat.layout());
    checkSameSamples(one.pacer(), bat.pacer());
  }
  // The scenes exercised what the batches must stop for.
  CHECK(ghosts > 100);
  CHECK(kept > 0);
  CHECK(stackDeaths > 0);
}

TEST_CASE("looking ahead after loading observes the same steps as single steps would") {
  for (std::string file : {"tests/app/data/churn.json", "scenarios/lost-object.json"}) {
    CAPTURE(file);
    Session one = openSource(file), bat = openSource(file);
    one.setBatchedRuns(false);
    one.lookAhead(std::chrono::hours(1), 30000);
    bat.lookAhead(std::chrono::hours(1), 30000);
    CHECK(one.position() == 0);
    CHECK(bat.position() == 0);
    CHECK(bat.furthest() == one.furthest());
    checkSameLayout(one.layout(), bat.layout());
    checkSameSamples(one.pacer(), bat.pacer());
  }
}
