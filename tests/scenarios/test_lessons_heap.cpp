// Lessons 9-11: the collector at work inside a running program, and the
// heap it works on: concurrent marking with assists, lazy sweeping, size
// classes and spans.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/gc/collector.hpp"
#include "tests/scenarios/lesson_support.hpp"

using namespace tricolor;
using namespace tricolor::lesson;

TEST_CASE(
    "lesson 9, busy program: producers keep running during marking, new objects are black, writes are "
    "barriered, allocation is paid by assists") {
  Played p = play("busy-program.json");
  const State& st = p.sim->state();
  auto user = [&](GoroutineId g) { return g != 0 && st.world.g(g).kind == GKind::User; };
  // Several cycles, every one started by the heap reaching the pacer's trigger.
  REQUIRE(st.gc.cycles.size() >= 3);
  for (const CycleStats& c : st.gc.cycles) CHECK(c.trigger == TriggerKind::Heap);

  bool marking = false;
  std::size_t blackAllocs = 0, barrierRecords = 0, userWrites = 0, assists = 0, credits = 0;
  for (const Event& e : p.events) {
    if (auto c = e.get<PhaseChangeEvent>()) marking = c->to == Phase::Mark;
    if (e.kind == EventKind::Assist) {
      ++assists;
      CHECK(marking);    // assists exist only while marking
      CHECK(user(e.g));  // and are done by the allocating goroutines themselves
    }
    if (e.kind == EventKind::AssistCredit) ++credits;
    if (!marking) continue;
    if (e.kind == EventKind::Alloc && user(e.g)) {
      CHECK(e.as<AllocEvent>().black);
      ++blackAllocs;
    }
    if (e.kind == EventKind::BarrierRecord) ++barrierRecords;
    if (e.kind == EventKind::PointerWrite && user(e.g)) ++userWrites;
  }
  // The program really runs during marking: it allocates and rewires pointers.
  CHECK(blackAllocs > 100);
  CHECK(userWrites > 100);
  CHECK(barrierRecords > 100);
  // Allocating while marking costs: some debt is paid with the worker's credit, some by assisting.
  CHECK(assists > 0);
  CHECK(credits > 0);
  // Correctness under all this: nothing reachable is freed; the weak invariant holds
  // throughout, while the strong one is broken (and restored) by the buffered barrier.
  CHECK(p.count(EventKind::ReachableFreed) == 0);
  std::size_t strong = 0, weak = 0;
  for (const Event& e : p.events)
    if (auto i = e.get<InvariantBrokenEvent>()) (i->weak ? weak : strong)++;
  CHECK(weak == 0);
  CHECK(strong > 0);
  // Assists and the worker keep the heap under the goal once the pacer has a cycle of history;
  // the first cycle, planned with no history, may overshoot a little.
  for (const CycleStats& c : st.gc.cycles) {
    CAPTURE(c.n);
    CHECK(double(c.heap1) <= (c.n == 1 ? 1.2 : 1.0) * double(c.goal));
  }
}

TEST_CASE(
    "lesson 10, lazy sweeping: after marking every span needs sweeping, allocation sweeps what it needs and "
    "the background sweeper the rest") {
  bool checkedAtEnd = false, checkedAtLazy = false;
  std::vector<SpanId> stillUnswept;
  Played p = play("lazy-sweeping.json", {}, [&](const Simulation& sim, const std::vector<Event>& ev) {
    const Heap& h = sim.state().heap;
    if (test::has(ev, EventKind::CycleEnd)) {
      // Mark termination advanced sweepgen by 2: every span in use needs sweeping, nothing was freed.
      for (const Span& s : h.spans)
        if (s.state == SpanState::InUse) CHECK(h.needsSweep(s));
      CHECK(h.stats.objectsFreed == 0);
      checkedAtEnd = true;
    }
    bool lazy =
        test::hasEvent<SweepEvent>(ev, [](const SweepEvent& s) { return s.by == SweepCause::Allocation; });
    if (lazy && !checkedAtLazy) {
      checkedAtLazy = true;
      for (SpanId s = 0; s < h.spans.size(); ++s)
        if (h.spans[s].state == SpanState::InUse && h.needsSweep(h.spans[s])) stillUnswept.push_back(s);
    }
  });
  REQUIRE(checkedAtEnd);
  REQUIRE(checkedAtLazy);
  const World& w = p.sim->state().world;
  SpanId spanA = w.objects[p.all("a").front()].span;  // all eight blocks died
  SpanId spanB = w.objects[p.all("b").front()].span;  // half of them died
  SpanId spanP = w.objects[p.all("p").front()].span;  // all four pages died
  // The scenario's text names them: spans 1, 2 and 4.
  CHECK(spanA == 1);
  CHECK(spanB == 2);
  CHECK(spanP == 4);
  // Who swept which span: the allocation swept the 1 KiB span it needed, the background sweeper the others.
  std::map<SpanId, SweepEvent> sweepOf;
  for (const Event& e : p.events)
    if (auto s = e.get<SweepEvent>()) sweepOf[s->span] = *s;
  REQUIRE(sweepOf.count(spanA));
  REQUIRE(sweepOf.count(spanB));
  REQUIRE(sweepOf.count(spanP));
  CHECK(sweepOf[spanA].by == SweepCause::Allocation);
  CHECK(sweepOf[spanA].freed == 8);
  CHECK(sweepOf[spanB].by == SweepCause::Background);
  CHECK(sweepOf[spanB].freed == 4);
  CHECK(sweepOf[spanB].kept == 4);
  CHECK(sweepOf[spanP].by == SweepCause::Background);
  CHECK(sweepOf[spanP].freed == 4);
  CHECK(sweepOf[spanP].kept == 0);
  CHECK(test::hasEvent<SweepEvent>(p.events,
                                   [](const SweepEvent& s) { return s.by == SweepCause::McacheFlush; }));
  // When main swept span A on demand, spans B and P were still waiting.
  CHECK(std::find(stillUnswept.begin(), stillUnswept.end(), spanB) != stillUnswept.end());
  CHECK(std::find(stillUnswept.begin(), stillUnswept.end(), spanP) != stillUnswept.end());
  // The emptied page span returns to the heap; the emptied block span was reused instead.
  CHECK(test::hasEvent<SpanFreeEvent>(p.events, [&](const SpanFreeEvent& f) { return f.span == spanP; }));
  CHECK_FALSE(
      test::hasEvent<SpanFreeEvent>(p.events, [&](const SpanFreeEvent& f) { return f.span == spanA; }));
  for (ObjectId d : p.all("d")) CHECK(w.objects[d].span == spanA);
  CHECK(p.count(EventKind::SweepDone) == 1);
}

namespace {

// Go 1.19's size class table (class -> bytes per object, bytes per span).
struct GoClass {
  std::uint32_t size = 0, spanBytes = 0;
};
std::map<std::uint32_t, GoClass> goSizeClasses() {
  std::ifstream in(std::string(TRICOLOR_SOURCE_DIR) + "/tests/data/go1.19-size-classes.csv");
  std::map<std::uint32_t, GoClass> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string cls, bytes, span;
    std::getline(ss, cls, ',');
    std::getline(ss, bytes, ',');
    std::getline(ss, span, ',');
    out[std::stoul(cls)] = {std::uint32_t(std::stoul(bytes)), std::uint32_t(std::stoul(span))};
  }
  return out;
}

}  // namespace

TEST_CASE(
    "lesson 11, size classes: each object lands in Go's smallest class that fits it, tiny objects share a "
    "block, a large object gets its own span") {
  Played p = play("size-classes.json");
  const State& st = p.sim->state();
  const auto table = goSizeClasses();
  REQUIRE(table.size() == 67);
  auto allocOf = [&](const std::string& label) -> const Event& {
    ObjectId o = p.obj(label);
    std::size_t i = p.first([&](const Event& e) {
      return (e.kind == EventKind::Alloc || e.kind == EventKind::AllocTiny) && eventObjects(e)[0] == o;
    });
    REQUIRE(i < p.events.size());
    return p.events[i];
  };
  auto typeSize = [&](const std::string& label) {
    return p.sim->program().types[st.world.objects[p.obj(label)].type].size;
  };

  // Small objects: the class is Go's smallest one that holds the type; the rest of the slot is waste.
  struct Want {
    const char* label;
    std::uint32_t bytes, slot;
  };
  for (const Want& w :
       {Want{"N1", 16, 16}, Want{"M1", 104, 112}, Want{"R1", 1000, 1024}, Want{"I1", 5000, 5376}}) {
    CAPTURE(w.label);
    REQUIRE(allocOf(w.label).kind == EventKind::Alloc);
    const AllocEvent e = allocOf(w.label).as<AllocEvent>();
    CHECK(typeSize(w.label) == w.bytes);
    REQUIRE(table.count(e.sizeClass));
    CHECK(table.at(e.sizeClass).size == w.slot);
    CHECK((e.sizeClass == 1 || table.at(e.sizeClass - 1).size < w.bytes));  // the smallest class that fits
    CHECK(st.heap.spans[e.span].elemSize == w.slot);
  }
  // Three Images fill one two-page span of 5376-byte slots; the fourth needs another span.
  auto alloc = [&](const std::string& label) { return allocOf(label).as<AllocEvent>(); };
  SpanId imgSpan = alloc("I1").span;
  CHECK(alloc("I2").span == imgSpan);
  CHECK(alloc("I3").span == imgSpan);
  CHECK(alloc("I4").span != imgSpan);
  CHECK(std::uint64_t(st.heap.spans[imgSpan].npages) * kPageSize ==
        table.at(alloc("I1").sizeClass).spanBytes);
  CHECK(st.heap.spans[imgSpan].nelems == 3);

  // Tiny allocator: F1 opens a 16-byte block in a noscan span; F2 and F3 are packed into it.
  const AllocEvent f1 = alloc("F1");
  CHECK(noscanOf(st.heap.spans[f1.span].spanClass));
  CHECK(st.heap.spans[f1.span].elemSize == kTinySize);
  std::uint32_t offset = 2;
  for (const char* l : {"F2", "F3"}) {
    CAPTURE(l);
    REQUIRE(allocOf(l).kind == EventKind::AllocTiny);
    const AllocTinyEvent e = allocOf(l).as<AllocTinyEvent>();
    CHECK(e.span == f1.span);  // same span...
    CHECK(e.slot == f1.slot);  // ...same slot
    CHECK(e.offset == offset);
    offset += 2;
  }

  // A large object: size class 0, a span of its own of whole pages, returned whole when it dies.
  const AllocEvent blob = alloc("B");
  CHECK(blob.sizeClass == 0);
  CHECK(typeSize("B") == 40000);
  std::size_t spanAlloc = p.first(
      [&](const Event& e) { return e.is<SpanAllocEvent>() && e.as<SpanAllocEvent>().span == blob.span; });
  REQUIRE(spanAlloc < p.events.size());
  CHECK(p.events[spanAlloc].as<SpanAllocEvent>().pages == 5);
  CHECK(p.freedBy(p.obj("B")) == 1);
  CHECK(test::hasEvent<SpanFreeEvent>(p.events, [&](const SpanFreeEvent& f) { return f.span == blob.span; }));
}
