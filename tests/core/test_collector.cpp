// The collector's phases, colours, sweeping, finalizers and weak pointers,
// each checked from events and state.
#include <doctest/doctest.h>

#include "tests/core/builder.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;
using namespace tricolor::test;

namespace {

std::vector<Phase> phasesOf(const Run& r) {
  std::vector<Phase> out;
  for (const Event& e : r.events)
    if (auto c = e.get<PhaseChangeEvent>()) out.push_back(c->to);
  return out;
}

}  // namespace

TEST_CASE("a forced cycle goes through every phase, with the world stopped at both ends") {
  ProgramBuilder b;
  b.type("Node", {{"next", "Node"}});
  auto m = b.func("main");
  m.local("a", "Node");
  m.newObj("Node", "a", "A").newObj("Node", "a.next", "B").gc();
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  std::vector<Phase> want = {Phase::SweepTermination, Phase::Mark, Phase::MarkTermination, Phase::Sweep,
                             Phase::Off};
  CHECK(phasesOf(r) == want);
  // Stop-the-world events bracket sweep termination and mark termination.
  std::vector<Phase> stw;
  for (const Event& e : r.events)
    if (auto s = e.get<StopTheWorldEvent>()) stw.push_back(s->phase);
  CHECK(stw == std::vector<Phase>{Phase::SweepTermination, Phase::MarkTermination});
  CHECK(count(r.events, EventKind::StartTheWorld) == 2);
  // The barrier is on exactly while marking.
  auto on = std::find_if(r.events.begin(), r.events.end(),
                         [](const Event& e) { return e.kind == EventKind::BarrierOn; });
  auto off = std::find_if(r.events.begin(), r.events.end(),
                          [](const Event& e) { return e.kind == EventKind::BarrierOff; });
  REQUIRE(on != r.events.end());
  REQUIRE(off != r.events.end());
  CHECK(on < off);
  // gctrace measures the cycle.
  const CycleStats& cs = sim.state().gc.cycles.at(0);
  CHECK(cs.done);
  CHECK(cs.trigger == TriggerKind::Forced);
  CHECK(cs.tSweepTerm < cs.tMark);
  CHECK(cs.tMark <= cs.tMarkTerm);
  CHECK(cs.tMarkTerm < cs.tEnd);
  CHECK(cs.heap2 == 16);  // A and B: one pointer each, two 8-byte slots
  CHECK(cs.objectsMarked == 2);
}

TEST_CASE("tri-color: greyobject queues, scanobject blackens, in LIFO order") {
  // root -> A; A.l -> L, A.r -> R. A is scanned first; it greys L then R;
  // the LIFO queue scans R before L.
  ProgramBuilder b;
  b.type("T", {{"l", "T"}, {"r", "T"}});
  b.global("root", "T");
  auto m = b.func("main");
  m.local("a", "T");
  m.newObj("T", "a", "A").newObj("T", "a.l", "L").newObj("T", "a.r", "R").store("root", "a").clear("a").gc();
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  std::vector<ObjectId> scanned;
  for (const Event& e : r.events)
    if (auto s = e.get<ScanStartEvent>()) scanned.push_back(s->object);
  ObjectId A = labelled(sim, "A"), L = labelled(sim, "L"), R = labelled(sim, "R");
  CHECK(scanned == std::vector<ObjectId>{A, R, L});
}

TEST_CASE("colours during marking: grey in the queue, black after scanning, white if unreached") {
  ProgramBuilder b;
  b.type("T", {{"next", "T"}});
  b.global("root", "T");
  auto m = b.func("main");
  m.local("a", "T").local("g", "T");
  m.newObj("T", "a", "A")
      .newObj("T", "a.next", "B")
      .newObj("T", "g", "G")
      .store("root", "a")
      .clear("a")
      .clear("g");
  m.gc();
  Simulation sim(b.build());
  ObjectId A = 0, B = 0, G = 0;
  bool sawGreyA = false, sawBlackAWhiteB = false;
  EventSink sink;
  while (!sim.finished()) {
    sim.step(sink);
    A = labelled(sim, "A");
    B = labelled(sim, "B");
    G = labelled(sim, "G");
    if (sim.state().gc.phase != Phase::Mark || !A) continue;
    const auto& w = sim.state().world;
    const auto& h = sim.state().heap;
    if (colourOf(w, h, A) == Colour::Grey) sawGreyA = true;
    if (colourOf(w, h, A) == Colour::Black && colourOf(w, h, B) == Colour::Grey) sawBlackAWhiteB = true;
    CHECK(colourOf(w, h, G) == Colour::White);  // never reached
  }
  CHECK(sawGreyA);
  CHECK(sawBlackAWhiteB);
  CHECK(sim.state().world.objects[G].state == ObjState::Freed);
  CHECK(sim.state().world.objects[A].state == ObjState::Heap);
}

TEST_CASE("allocate black: an object allocated while marking survives this cycle even if dropped at once") {
  ProgramBuilder b2;
  b2.type("T", {{"next", "T"}});
  auto m2 = b2.func("main");
  m2.local("a", "T");
  m2.newObj("T", "a", "N").clear("a").gc();
  Simulation s2(b2.build());
  REQUIRE(s2.requestCycle());
  // The collector starts the cycle (world stopped, then restarted in mark)...
  EventSink sink;
  for (int i = 0; i < 100 && s2.state().gc.phase != Phase::Mark; ++i) REQUIRE(s2.stepCollector(sink));
  for (int i = 0; i < 100 && s2.state().gc.worldStopped; ++i) REQUIRE(s2.stepCollector(sink));
  REQUIRE(s2.state().gc.phase == Phase::Mark);
  // The workers do the root jobs: scanning stacks earns background credit,
  // so main's allocation is paid by credit instead of an assist (which would
  // finish the whole mark phase first in a heap this small).
  for (int i = 0; i < 100 && s2.state().gc.nextRoot < s2.state().gc.rootJobs.size(); ++i)
    REQUIRE(s2.stepCollector(sink));
  REQUIRE(s2.state().pacer.bgScanCredit > 0);
  // ...then main allocates N while the collector is marking.
  Run r2;
  for (int i = 0; i < 100 && !has(r2.events, EventKind::Alloc); ++i) {
    REQUIRE(s2.stepGoroutine(1, sink));
    r2.events.insert(r2.events.end(), sink.events.begin(), sink.events.end());
  }
  auto alloc = std::find_if(r2.events.begin(), r2.events.end(),
                            [](const Event& e) { return e.kind == EventKind::Alloc; });
  CHECK(alloc->as<AllocEvent>().black);  // black at allocation
  ObjectId N = labelled(s2, "N");
  CHECK(isMarked(s2.state().world, s2.state().heap, N));
  // N is floating garbage: the cycle in progress keeps it, runtime.GC's next cycle frees it.
  Run rest = runToEnd(s2);
  std::size_t firstFree = 0;
  for (std::size_t i = 0; i < rest.events.size(); ++i)
    if (isAbout<FreeEvent>(rest.events[i], N)) firstFree = i;
  REQUIRE(firstFree > 0);
  std::uint32_t cyclesBefore = 0;
  for (std::size_t i = 0; i < firstFree; ++i)
    if (rest.events[i].kind == EventKind::CycleEnd) ++cyclesBefore;
  CHECK(cyclesBefore == 2);  // survived the cycle it was born in
}

TEST_CASE("sweeping turns mark bits into alloc bits and clears the mark bits") {
  ProgramBuilder b;
  b.type("T", {{"next", "T"}});
  auto m = b.func("main");
  m.local("a", "T").local("k", "T");
  m.newObj("T", "k", "K1")
      .newObj("T", "a", "D1")
      .newObj("T", "k.next", "K2")
      .newObj("T", "a", "D2")
      .clear("a");
  m.gc();
  Simulation sim(b.build());
  std::vector<bool> marksBefore;
  SpanId span = kNoSpan;
  EventSink sink;
  bool checked = false;
  while (!sim.finished() && !checked) {
    // Remember the mark bits at the end of marking, compare after the sweep.
    const Collector& gc = sim.state().gc;
    if (gc.phase == Phase::Sweep && span == kNoSpan) {
      span = sim.state().world.objects[labelled(sim, "K1")].span;
      const Span& sp = sim.state().heap.spans[span];
      for (std::uint32_t i = 0; i < sp.nelems; ++i)
        marksBefore.push_back(slotMarked(sim.state().world, sim.state().heap, sp, i));
    }
    sim.step(sink);
    for (const Event& e : sink.events)
      if (auto sw = e.get<SweepEvent>(); sw && sw->span == span) {
        const Span& s = sim.state().heap.spans[span];
        const Heap& h = sim.state().heap;
        for (std::uint32_t i = 0; i < s.nelems; ++i) CHECK(h.allocBit(s, i) == marksBefore[i]);
        for (std::uint32_t i = 0; i < s.nelems; ++i)
          CHECK_FALSE(slotMarked(sim.state().world, sim.state().heap, s, i));
        CHECK(s.allocCount == 2);
        CHECK(sw->freed == 2);  // D1 and D2 freed
        CHECK(s.sweepgen == sim.state().heap.sweepgen);
        checked = true;
      }
  }
  CHECK(checked);
  CHECK(std::count(marksBefore.begin(), marksBefore.end(), true) == 2);
}

TEST_CASE("lazy sweeping: allocations sweep spans on demand after a heap-triggered cycle") {
  ProgramBuilder b;
  b.type("T", {{"next", "T"}}, 248);  // 256-byte size class
  auto m = b.func("main");
  m.local("a", "T");
  m.repeat(30000).newObj("T", "a").end();
  b.config().gomaxprocs = 1;
  // GOGC=1: the goal is set by Go 1.19's 1 MiB sweep distance (sweepMinHeapDistance).
  b.config().gogc = 1;
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  auto sweptBy = [&](SweepCause who) {
    return std::count_if(r.events.begin(), r.events.end(),
                         [&](const Event& e) { return e.is<SweepEvent>() && e.as<SweepEvent>().by == who; });
  };
  CHECK(sim.state().gc.cycle >= 5);
  CHECK(sweptBy(SweepCause::Allocation) > 0);  // lazy sweeping
  CHECK(has(r.events, EventKind::SpanFree));   // empty spans go back to the heap
  // Heap-triggered cycles say so, and each was preceded by its trigger.
  CHECK(sim.state().gc.cycles[0].trigger == TriggerKind::Heap);
  CHECK(count(r.events, EventKind::Trigger) >= count(r.events, EventKind::CycleStart));
}

TEST_CASE("a span with no live object returns its pages to the heap") {
  ProgramBuilder b;
  b.type("Big", {}, 3000);  // 3072-byte class: 8 per 3-page span
  auto m = b.func("main");
  m.local("a", "Big");
  m.repeat(8).newObj("Big", "a").end();
  m.clear("a").gc();
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  CHECK(has(r.events, EventKind::SpanFree));
  CHECK(sim.state().heap.freePages == sim.state().heap.pageOwner.size());
}

TEST_CASE("large objects get a span of their own and are scanned in 128 KiB oblets") {
  ProgramBuilder b;
  b.type("T", {{"next", "T"}});
  b.type("Huge", {{"p", "T", 40000}});  // 320000 bytes of pointers: 3 oblets
  auto m = b.func("main");
  m.local("h", "Huge");
  m.newObj("Huge", "h", "H").newObj("T", "h.p[39999]", "Last").gc();
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  ObjectId H = labelled(sim, "H");
  const Span& s = sim.state().heap.spans[sim.state().world.objects[H].span];
  CHECK(s.large());
  CHECK(s.nelems == 1);
  CHECK(s.npages == (320000 + 8191) / 8192);
  std::size_t oblets = 0;
  for (const Event& e : r.events)
    if (isAbout<ScanStartEvent>(e, H)) {
      ++oblets;
      CHECK(e.as<ScanStartEvent>().oblets == 3);
    }
  CHECK(oblets == 3);
  CHECK(sim.state().world.objects[labelled(sim, "Last")].state == ObjState::Heap);
}

TEST_CASE("tiny allocator: small pointer-free objects share a 16-byte block") {
  ProgramBuilder b;
  b.type("Byte8", {}, 8);
  b.type("T", {{"x", "Byte8"}, {"y", "Byte8"}});
  auto m = b.func("main");
  m.local("t", "T");
  m.newObj("T", "t", "holder").newObj("Byte8", "t.x", "X").newObj("Byte8", "t.y", "Y").gc();
  m.clear("t.x").gc();  // X dead, Y alive in the same block: the block stays
  m.clear("t.y").gc();  // both dead: the block is freed
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  ObjectId X = labelled(sim, "X"), Y = labelled(sim, "Y");
  const Object& ox = sim.state().world.objects[X];
  const Object& oy = sim.state().world.objects[Y];
  CHECK(ox.span == oy.span);
  CHECK(ox.slot == oy.slot);
  CHECK(has(r.events, EventKind::AllocTiny, Y));
  // X and Y are freed in the same sweep (the last cycle), not earlier.
  std::size_t ix = 0, iy = 0;
  for (std::size_t i = 0; i < r.events.size(); ++i) {
    if (isAbout<FreeEvent>(r.events[i], X)) ix = i;
    if (isAbout<FreeEvent>(r.events[i], Y)) iy = i;
  }
  REQUIRE(ix > 0);
  CHECK(iy == ix + 1);
  std::uint32_t cyclesBeforeFree = 0;
  for (std::size_t i = 0; i < ix; ++i) cyclesBeforeFree += r.events[i].kind == EventKind::CycleEnd;
  CHECK(cyclesBeforeFree == 3);
}

TEST_CASE("finalizers resurrect: the object survives one extra cycle, and so does what it references") {
  ProgramBuilder b;
  b.type("T", {{"ref", "T"}});
  b.func("fin").param("p", "T");
  auto m = b.func("main");
  m.local("f", "T").local("t", "T");
  m.newObj("T", "f", "WithFinalizer").newObj("T", "f.ref", "Referent").setFinalizer("f", "fin");
  m.newObj("T", "t", "Twin");
  m.clear("f").clear("t");
  // Between collections, give the finalizer goroutine time to run (as Go
  // tests do with time.Sleep): a queued finalizer keeps its object alive.
  m.gc().sleep(1'000'000).gc().sleep(1'000'000).gc();
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  ObjectId F = labelled(sim, "WithFinalizer"), R = labelled(sim, "Referent"), T = labelled(sim, "Twin");
  auto cycleOfFree = [&](ObjectId o) {
    std::uint32_t cycles = 0;
    for (const Event& e : r.events) {
      if (e.kind == EventKind::CycleEnd) ++cycles;
      if (isAbout<FreeEvent>(e, o)) return cycles;
    }
    return 0u;
  };
  CHECK(has(r.events, EventKind::Resurrect, F));
  CHECK(has(r.events, EventKind::FinalizerRun, F));
  CHECK(cycleOfFree(T) == 1);
  CHECK(cycleOfFree(F) == 2);  // one cycle later than its twin
  CHECK(cycleOfFree(R) == 2);  // kept alive by the finalizer object
  CHECK_FALSE(has(r.events, EventKind::ReachableFreed));
}

TEST_CASE("weak pointers: Value() gives the target while it lives, nil after it is found unreachable") {
  ProgramBuilder b;
  b.type("T", {{"next", "T"}});
  auto m = b.func("main");
  m.local("a", "T").weakLocal("w", "T").local("v", "T").local("after", "T");
  m.newObj("T", "a", "Target").weakMake("w", "a").weakGet("v", "w").gc();
  m.clear("a").clear("v").gc();
  m.weakGet("after", "w");
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  ObjectId target = labelled(sim, "Target");
  // First Value(): the target. Second, after the collection: nil.
  std::vector<std::uint32_t> gets;
  for (const Event& e : r.events)
    if (auto g = e.get<WeakGetEvent>()) gets.push_back(g->target);
  CHECK(gets == std::vector<std::uint32_t>{target, kNil});
  CHECK(has(r.events, EventKind::WeakClear));
  // The handle is cleared before (in the same sweep as) the target's free.
  auto clear = std::find_if(r.events.begin(), r.events.end(),
                            [](const Event& e) { return e.kind == EventKind::WeakClear; });
  auto freeT = std::find_if(r.events.begin(), r.events.end(),
                            [&](const Event& e) { return isAbout<FreeEvent>(e, target); });
  CHECK(clear < freeT);
  // The weak pointer did not keep its target alive while main held only w.
  CHECK(sim.state().world.objects[target].state == ObjState::Freed);
}

TEST_CASE("stack objects are not in the heap and die with their frame") {
  ProgramBuilder b;
  b.type("T", {{"next", "T"}});
  auto f = b.func("f");
  f.local("s", "T");
  f.newObj("T", "s", "S", true).newObj("T", "s.next", "H");  // stack object pointing into the heap
  f.gc();                                                    // H survives: reachable from the stack object
  f.ret();
  auto m = b.func("main");
  m.call("f", {}).gc();
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  ObjectId S = labelled(sim, "S"), H = labelled(sim, "H");
  CHECK(sim.state().world.objects[S].span == kNoSpan);
  CHECK(sim.state().world.objects[S].state == ObjState::StackDead);
  CHECK(has(r.events, EventKind::AllocStack, S));
  std::uint32_t cycles = 0;
  for (const Event& e : r.events) {
    if (e.kind == EventKind::CycleEnd) ++cycles;
    if (isAbout<FreeEvent>(e, H)) CHECK(cycles == 2);
  }
  CHECK(sim.state().world.objects[H].state == ObjState::Freed);
}

TEST_CASE("storing a pointer to a stack object in the heap is an escape the compiler would have prevented") {
  ProgramBuilder b;
  b.type("T", {{"next", "T"}});
  b.global("root", "T");
  auto m = b.func("main");
  m.local("s", "T");
  m.newObj("T", "s", "S", true).store("root", "s");
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  REQUIRE(has(r.events, EventKind::ProgramError));
  auto e = std::find_if(r.events.begin(), r.events.end(),
                        [](const Event& x) { return x.kind == EventKind::ProgramError; });
  CHECK(e->as<ProgramErrorEvent>().code == ProgramErrorCode::StackEscape);
  CHECK(sim.state().endReason == EventKind::ProgramError);
}

TEST_CASE("nil dereference panics and ends the program") {
  ProgramBuilder b;
  b.type("T", {{"next", "T"}});
  auto m = b.func("main");
  m.local("a", "T");
  m.newObj("T", "a.next", "X");
  Simulation sim(b.build());
  Run r = runToEnd(sim);
  auto e = std::find_if(r.events.begin(), r.events.end(),
                        [](const Event& x) { return x.kind == EventKind::ProgramError; });
  REQUIRE(e != r.events.end());
  CHECK(e->as<ProgramErrorEvent>().code == ProgramErrorCode::NilDereference);
}
