// Lessons 1-5: what is garbage, and how marking finds it. Each test plays
// the bundled scenario and checks that its teaching point really happens.
#include <doctest/doctest.h>

#include "core/gc/collector.hpp"
#include "tests/scenarios/lesson_support.hpp"

using namespace tricolor;
using namespace tricolor::lesson;

TEST_CASE(
    "lesson 1, stack vs heap: frames hold what does not escape, and the collector frees only unreachable "
    "heap objects") {
  ObjState dAtGC = ObjState::Heap, sAtGC = ObjState::Heap;
  bool sawCycle = false;
  Played p = play("stack-vs-heap.json", {}, [&](const Simulation& sim, const std::vector<Event>& ev) {
    if (sawCycle || !test::has(ev, EventKind::CycleStart)) return;
    sawCycle = true;
    const World& w = sim.state().world;
    dAtGC = w.objects[test::labelled(sim, "D")].state;
    sAtGC = w.objects[test::labelled(sim, "S")].state;
  });
  ObjectId S = p.obj("S"), D = p.obj("D"), R = p.obj("R"), G = p.obj("G"), H = p.obj("H");
  // Escape analysis: S and D stay in their frames, R, G and H go to the heap.
  for (ObjectId o : {S, D}) {
    CHECK(test::has(p.events, EventKind::AllocStack, o));
    CHECK_FALSE(test::has(p.events, EventKind::Alloc, o));
  }
  for (ObjectId o : {R, G, H}) CHECK(test::has(p.events, EventKind::Alloc, o));
  // D died with length's frame before any collection; S was still in main's frame.
  REQUIRE(sawCycle);
  CHECK(dAtGC == ObjState::StackDead);
  CHECK(sAtGC == ObjState::Stack);
  // The collector never frees a stack object.
  CHECK(p.freedBy(S) == 0);
  CHECK(p.freedBy(D) == 0);
  // G and H were cut off from the global: freed by the first cycle.
  CHECK(p.freedBy(G) == 1);
  CHECK(p.freedBy(H) == 1);
  // R survives: the scan of main's stack reaches it through the stack object S.
  CHECK(p.freedBy(R) == 0);
  std::size_t shadeR = p.first([&](const Event& e) { return test::isAbout<ShadeEvent>(e, R); });
  REQUIRE(shadeR < p.events.size());
  const ShadeEvent shade = p.events[shadeR].as<ShadeEvent>();
  CHECK(shade.reason == ShadeReason::Root);
  CHECK(shade.from.kind == RefKind::Field);  // S.next, S being a stack object
  CHECK(shade.from.a == S);
}

TEST_CASE(
    "lesson 2, unreachable is garbage: after head.next = nil, B, C and D are never shaded and are swept") {
  Played p = play("linked-list-garbage.json");
  ObjectId A = p.obj("A");
  CHECK(test::has(p.events, EventKind::Shade, A));
  CHECK(p.freedBy(A) == 0);
  for (const char* l : {"B", "C", "D"}) {
    CAPTURE(l);
    ObjectId o = p.obj(l);
    CHECK_FALSE(test::has(p.events, EventKind::Shade, o));
    CHECK(p.freedBy(o) == 1);
  }
}

TEST_CASE("lesson 3, cycles are collected: A and B still point to each other, yet both are freed") {
  bool checked = false;
  ObjectId A = 0, B = 0;
  Played p = play("unreachable-cycle.json", {}, [&](const Simulation& sim, const std::vector<Event>& ev) {
    if (!test::has(ev, EventKind::CycleEnd)) return;
    // At the end of marking each has a reference count of 1: the other one.
    const World& w = sim.state().world;
    A = test::labelled(sim, "A");
    B = test::labelled(sim, "B");
    CHECK(w.fields(A)[0] == B);
    CHECK(w.fields(B)[0] == A);
    CHECK_FALSE(isMarked(w, sim.state().heap, A));
    CHECK_FALSE(isMarked(w, sim.state().heap, B));
    checked = true;
  });
  REQUIRE(checked);
  CHECK(p.freedBy(A) == 1);
  CHECK(p.freedBy(B) == 1);
  CHECK_FALSE(test::has(p.events, EventKind::Shade, A));
  CHECK_FALSE(test::has(p.events, EventKind::Shade, B));
}

TEST_CASE("lesson 4, tri-color step by step: grey means queued, black means scanned, the queue is LIFO") {
  std::size_t maxGrey = 0;
  std::vector<std::vector<Colour>> colours;  // after each ScanEnd, the colours of A..G, X
  const char* labels[] = {"A", "B", "C", "D", "E", "F", "G", "X"};
  Played p = play("tricolor-marking.json", {}, [&](const Simulation& sim, const std::vector<Event>& ev) {
    const State& st = sim.state();
    maxGrey = std::max(maxGrey, st.gc.grey.size());
    if (!test::has(ev, EventKind::ScanEnd)) return;
    std::vector<Colour> c;
    for (const char* l : labels) c.push_back(colourOf(st.world, st.heap, test::labelled(sim, l)));
    colours.push_back(c);
  });
  std::vector<std::string> order;
  for (const Event& e : p.events)
    if (auto s = e.get<ScanStartEvent>()) order.push_back(p.sim->objectName(s->object));
  // Depth first, last pushed first: A, then C (pushed after B), C's children G then F, then B's.
  CHECK(order == std::vector<std::string>{"A", "C", "G", "F", "B", "E", "D"});
  // After C is scanned the queue holds B, F and G: the most it ever holds.
  CHECK(maxGrey == 3);
  REQUIRE(colours.size() == 7);
  using C = Colour;
  // Colours of A, B, C, D, E, F, G, X after the second scan (C) and after the last one (D).
  CHECK(colours[1] ==
        std::vector<C>{C::Black, C::Grey, C::Black, C::White, C::White, C::Grey, C::Grey, C::White});
  CHECK(colours[6] ==
        std::vector<C>{C::Black, C::Black, C::Black, C::Black, C::Black, C::Black, C::Black, C::White});
  // Every object is shaded (grey) before it is scanned.
  for (const char* l : {"A", "B", "C", "D", "E", "F", "G"}) {
    CAPTURE(l);
    ObjectId o = p.obj(l);
    std::size_t shade = p.first([&](const Event& e) { return test::isAbout<ShadeEvent>(e, o); });
    std::size_t scan = p.first([&](const Event& e) { return test::isAbout<ScanStartEvent>(e, o); });
    CHECK(shade < scan);
    CHECK(scan < p.events.size());
  }
  // X was never reached: never grey, freed by the sweep.
  CHECK_FALSE(test::has(p.events, EventKind::Shade, p.obj("X")));
  CHECK(p.freedBy(p.obj("X")) == 1);
}

TEST_CASE(
    "lesson 5, allocate black: M, born during marking and dropped at once, survives that cycle and dies in "
    "the next") {
  Played p = play("allocate-black.json");
  ObjectId A = p.obj("A"), T = p.obj("T"), N = p.obj("N"), M = p.obj("M");
  auto allocEvent = [&](ObjectId o) {
    std::size_t i = p.first([&](const Event& e) { return test::isAbout<AllocEvent>(e, o); });
    REQUIRE(i < p.events.size());
    return i;
  };
  // T before the cycle: white. N and M during cycle 1's marking: black.
  CHECK_FALSE(p.events[allocEvent(T)].as<AllocEvent>().black);
  for (ObjectId o : {N, M}) {
    std::size_t i = allocEvent(o);
    CHECK(p.events[i].as<AllocEvent>().black);
    CHECK(p.marked[i] == 0);  // during the first cycle, before its mark termination
  }
  CHECK(p.freedBy(T) == 1);  // white garbage
  CHECK(p.freedBy(M) == 2);  // floating garbage: one cycle late
  CHECK(p.freedBy(A) == 0);
  CHECK(p.freedBy(N) == 0);
  // Allocated black means never queued: N and M are not scanned in cycle 1.
  for (std::size_t i = 0; i < p.events.size(); ++i)
    if (p.marked[i] == 0 && p.events[i].kind == EventKind::ScanStart) {
      CHECK(p.events[i].as<ScanStartEvent>().object != N);
      CHECK(p.events[i].as<ScanStartEvent>().object != M);
    }
}
