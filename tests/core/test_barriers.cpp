// The two lost-object stories of go-gc-model.md section 3, staged step by
// step, against every write-barrier mode. An object is lost when the safety
// monitor sees it freed while it is still reachable.
#include <doctest/doctest.h>

#include "tests/core/builder.hpp"
#include "tests/core/sim_access.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;
using namespace tricolor::test;

namespace {

struct Mode {
  BarrierMode barrier;
  bool rescan;
  bool snapshot;
  const char* name;
};

const Mode kHybrid{BarrierMode::Hybrid, true, true, "hybrid"};
const Mode kHybridUnbuffered{BarrierMode::Hybrid, true, true, "hybrid (shade at once)"};
const Mode kNoBarrier{BarrierMode::None, true, true, "none"};
const Mode kDijkstra{BarrierMode::Dijkstra, true, true, "dijkstra + STW re-scan"};
const Mode kDijkstraNoRescan{BarrierMode::Dijkstra, false, true, "dijkstra without re-scan"};
const Mode kYuasa{BarrierMode::Yuasa, true, true, "yuasa + stack snapshot"};
const Mode kYuasaNoSnapshot{BarrierMode::Yuasa, true, false, "yuasa with concurrent stack scans"};

void configure(ProgramBuilder& b, const Mode& m, bool unbuffered) {
  b.config().barrier = m.barrier;
  b.config().stackRescan = m.rescan;
  b.config().stackSnapshot = m.snapshot;
  b.config().checkInvariants = true;
  if (unbuffered) b.config().wbBufEntries = 0;
}

// Runs collector units until pred(events) holds.
void collectorUntil(Simulation& sim, const std::function<bool(const std::vector<Event>&)>& pred,
                    Run* keep = nullptr) {
  EventSink sink;
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(sim.stepCollector(sink));
    if (keep) keep->events.insert(keep->events.end(), sink.events.begin(), sink.events.end());
    if (pred(sink.events)) return;
  }
  FAIL("the collector never reached the condition");
}

// Runs units of goroutine g until it completed `ops` operations.
void goroutineOps(Simulation& sim, GoroutineId g, int ops, Run* keep = nullptr) {
  EventSink sink;
  int done = 0;
  for (int i = 0; i < 1000 && done < ops; ++i) {
    REQUIRE(sim.stepGoroutine(g, sink));
    for (const Event& e : sink.events) {
      if (e.kind == EventKind::OpDone && e.g == g) ++done;
      if (keep) keep->events.push_back(e);
    }
  }
  REQUIRE(done == ops);
}

auto stackScanned(GoroutineId g) {
  return [g](const std::vector<Event>& ev) {
    return hasEvent<StackScanEvent>(ev, [g](const StackScanEvent& s) { return s.goroutine == g; });
  };
}

struct Outcome {
  bool lost = false;        // C freed while reachable
  bool cMarked = false;     // C survived the cycle
  bool weakBroken = false;  // the monitor saw the weak invariant break
  Run run;
  ObjectId c = kNil;
};

// Story 1, "without the deletion half": main copies the only pointer to white
// C from heap object B into its already-scanned stack, then deletes B.next.
Outcome storyDeletion(const Mode& m, bool unbuffered = false) {
  ProgramBuilder b;
  b.type("Node", {{"next", "Node"}});
  auto main = b.func("main");
  main.local("a", "Node").local("c", "Node");
  main.newObj("Node", "a", "A").newObj("Node", "a.next", "B").newObj("Node", "a.next.next", "C");
  main.store("c", "a.next.next");  // stack write: no barrier
  main.clear("a.next.next");       // heap write: the deletion barrier would shade C
  main.gc();
  main.store("a.next", "c");  // main still uses C
  configure(b, m, unbuffered);
  Simulation sim(b.build());
  Outcome o;
  goroutineOps(sim, 1, 3, &o.run);
  REQUIRE(sim.requestCycle());
  collectorUntil(sim, stackScanned(1));  // main's stack is black now
  goroutineOps(sim, 1, 2, &o.run);
  Run rest = runToEnd(sim);
  o.run.events.insert(o.run.events.end(), rest.events.begin(), rest.events.end());
  ObjectId c = labelled(sim, "C");
  o.lost = has(o.run.events, EventKind::ReachableFreed, c);
  o.cMarked = !has(o.run.events, EventKind::Free, c);
  o.weakBroken = std::any_of(o.run.events.begin(), o.run.events.end(), [](const Event& e) {
    return e.is<InvariantBrokenEvent>() && e.as<InvariantBrokenEvent>().weak;
  });
  return o;
}

// Story 2, "without the insertion half": worker holds the only pointer to
// white C on its not-yet-scanned stack; it stores C into black A (allocated
// during marking), then overwrites its own stack slot.
Outcome storyInsertion(const Mode& m, bool unbuffered = false) {
  ProgramBuilder b;
  b.type("Node", {{"next", "Node"}});
  b.global("root", "Node");
  auto main = b.func("main");
  main.local("a", "Node");
  main.newObj("Node", "a", "A");  // during marking: black
  main.store("root", "a");
  main.sleep(1'000'000'000);  // main stays alive while the worker finishes
  auto worker = b.func("worker");
  worker.local("c", "Node");
  worker.newObj("Node", "c", "C");  // before the cycle: white
  worker.store("root.next", "c");   // heap write into black A
  worker.clear("c");                // stack write: no barrier
  worker.gc();
  b.goroutine("main", "main");
  b.goroutine("worker", "worker");
  configure(b, m, unbuffered);
  Simulation sim(b.build());
  const GoroutineId workerG = 4;  // g1 main, g2 forcegc, g3 bgsweep, g4 worker
  REQUIRE(sim.state().world.g(workerG).name == "worker");
  Outcome o;
  goroutineOps(sim, workerG, 1, &o.run);
  REQUIRE(sim.requestCycle());
  // Let the cycle start (with a stack snapshot: scan every stack) and the
  // workers scan the globals: their scan work is background credit, so
  // main's allocation below is paid by credit instead of an assist (which
  // would scan the worker's stack early and spoil the story).
  collectorUntil(sim, [](const std::vector<Event>& ev) {
    return std::any_of(ev.begin(), ev.end(), [](const Event& e) {
      return e.is<RootJobEvent>() && e.as<RootJobEvent>().root == RootKind::Bss;
    });
  });
  goroutineOps(sim, 1, 2, &o.run);
  CHECK(has(o.run.events, EventKind::AssistCredit));
  CHECK_FALSE(has(o.run.events, EventKind::Assist));
  goroutineOps(sim, workerG, 2, &o.run);
  Run rest = runToEnd(sim);
  o.run.events.insert(o.run.events.end(), rest.events.begin(), rest.events.end());
  ObjectId c = labelled(sim, "C");
  o.lost = has(o.run.events, EventKind::ReachableFreed, c);
  o.cMarked = !has(o.run.events, EventKind::Free, c);
  o.weakBroken = std::any_of(o.run.events.begin(), o.run.events.end(), [](const Event& e) {
    return e.is<InvariantBrokenEvent>() && e.as<InvariantBrokenEvent>().weak;
  });
  return o;
}

// What became of C at the end of a story's run.
Outcome outcome(Simulation& sim, Outcome o) {
  Run rest = runToEnd(sim);
  o.run.events.insert(o.run.events.end(), rest.events.begin(), rest.events.end());
  ObjectId c = o.c = labelled(sim, "C");
  o.lost = has(o.run.events, EventKind::ReachableFreed, c);
  o.cMarked = !has(o.run.events, EventKind::Free, c);
  o.weakBroken = std::any_of(o.run.events.begin(), o.run.events.end(), [&](const Event& e) {
    if (e.kind != EventKind::InvariantBroken) return false;
    const auto ib = e.as<InvariantBrokenEvent>();
    return ib.weak && ib.from == kNil && ib.to == c;  // black root -> C
  });
  return o;
}

// Story 1 again, with the only pointer to C in a field of a stack object S
// (a variable that did not escape): scanstack traces S from the frame, and
// writes to S's fields are stack writes, never barriered.
Outcome storyStackObject(const Mode& m) {
  ProgramBuilder b;
  b.type("Node", {{"next", "Node"}});
  auto main = b.func("main");
  main.local("a", "Node").local("s", "Node");
  main.newObj("Node", "a", "A").newObj("Node", "a.next", "C").newObj("Node", "s", "S", true);
  main.store("s.next", "a.next");  // stack write: no barrier
  main.clear("a.next");            // heap write: the deletion barrier would shade C
  main.gc();
  main.store("a.next", "s.next");  // main still uses C
  configure(b, m, false);
  Simulation sim(b.build());
  Outcome o;
  goroutineOps(sim, 1, 3, &o.run);
  REQUIRE(sim.requestCycle());
  collectorUntil(sim, stackScanned(1), &o.run);  // main's stack (and S) is black now
  goroutineOps(sim, 1, 2, &o.run);
  return outcome(sim, std::move(o));
}

// `go keeper(c); c = nil` while marking, before main's stack is scanned: the
// only pointer to white C moves to the new goroutine's stack, which is black
// (born after the root snapshot, never scanned this cycle). Only a barrier
// that shades the new value (or a stack snapshot, which scanned main first)
// keeps C.
Outcome storyGoArgs(const Mode& m) {
  ProgramBuilder b;
  b.type("Node", {{"next", "Node"}});
  b.global("sink", "Node");
  auto keeper = b.func("keeper").param("p", "Node");
  keeper.sleep(1'000'000'000);  // holds C past the end of the cycle
  keeper.store("sink", "p");
  auto main = b.func("main");
  main.local("c", "Node");
  main.newObj("Node", "c", "C");  // before the cycle: white
  main.go("keeper", {"c"}, "keeper");
  main.clear("c");  // stack write: no barrier
  main.gc();
  b.goroutine("main", "main");
  configure(b, m, false);
  Simulation sim(b.build());
  Outcome o;
  goroutineOps(sim, 1, 1, &o.run);
  REQUIRE(sim.requestCycle());
  // The cycle starts and the workers scan the globals; main's stack job
  // comes after them (unless the stack snapshot ran it first).
  collectorUntil(
      sim,
      [](const std::vector<Event>& ev) {
        return std::any_of(ev.begin(), ev.end(), [](const Event& e) {
          return e.kind == EventKind::RootJob && e.as<RootJobEvent>().root == RootKind::Bss;
        });
      },
      &o.run);
  bool snapshotFirst = m.barrier == BarrierMode::Yuasa && m.snapshot;
  REQUIRE(hasEvent<StackScanEvent>(o.run.events, [](const StackScanEvent& s) { return s.goroutine == 1; }) ==
          snapshotFirst);
  goroutineOps(sim, 1, 2, &o.run);
  return outcome(sim, std::move(o));
}

// The finalizer queue is a root too: runfinq takes F off the queue into the
// finalizer's frame just as cycle 2's marking starts, before the queue's root
// job ran, when yuasa's snapshot has already scanned every stack.
// Outcome::c is F here.
Outcome storyFinalizer(const Mode& m) {
  ProgramBuilder b;
  b.type("Node", {{"next", "Node"}});
  b.global("sink", "Node");
  auto fin = b.func("fin").param("p", "Node");
  fin.sleep(1'000'000'000);  // holds F past the end of cycle 2
  fin.store("sink", "p");
  auto main = b.func("main");
  main.local("f", "Node");
  main.newObj("Node", "f", "C").setFinalizer("f", "fin").clear("f");
  main.sleep(2'000'000'000);
  configure(b, m, false);
  Simulation sim(b.build());
  Outcome o;
  goroutineOps(sim, 1, 3, &o.run);
  GoroutineId runfinq = 0;  // started by the first SetFinalizer
  for (const Goroutine& g : sim.state().world.goroutines)
    if (g.kind == GKind::Finalizer) runfinq = g.id;
  REQUIRE(runfinq != 0);
  // Cycle 1 finds F unreachable; cycle 2's start finishes the sweep, which
  // queues F's finalizer, and restarts the world to mark.
  REQUIRE(sim.requestCycle());
  collectorUntil(
      sim, [](const std::vector<Event>& ev) { return has(ev, EventKind::CycleEnd); }, &o.run);
  REQUIRE(sim.requestCycle());
  collectorUntil(
      sim,
      [](const std::vector<Event>& ev) {
        return std::any_of(ev.begin(), ev.end(), [](const Event& e) {
          return e.kind == EventKind::StartTheWorld && e.as<StartTheWorldEvent>().phase == Phase::Mark;
        });
      },
      &o.run);
  REQUIRE(has(o.run.events, EventKind::Resurrect));
  SimAccess::wakeSleepers(sim);
  EventSink sink;
  REQUIRE(sim.stepGoroutine(runfinq, sink));  // runfinq takes F
  o.run.events.insert(o.run.events.end(), sink.events.begin(), sink.events.end());
  REQUIRE(has(sink.events, EventKind::FinalizerRun));
  return outcome(sim, std::move(o));
}

}  // namespace

TEST_CASE("lost object without the deletion half: C is freed while main's stack points to it") {
  for (const Mode* m : {&kNoBarrier, &kDijkstraNoRescan}) {
    CAPTURE(std::string(m->name));
    Outcome o = storyDeletion(*m);
    CHECK(o.lost);
    CHECK(o.weakBroken);
    // The monitor names who still points to C: main's local c.
    CHECK(has(o.run.events, EventKind::PointedBy));
  }
}

TEST_CASE("deletion story: every barrier with a deletion half (or a re-scan) keeps C") {
  for (const Mode* m : {&kHybrid, &kYuasa, &kYuasaNoSnapshot, &kDijkstra}) {
    CAPTURE(std::string(m->name));
    Outcome o = storyDeletion(*m);
    CHECK_FALSE(o.lost);
    CHECK(o.cMarked);
  }
  Outcome o = storyDeletion(kHybridUnbuffered, true);
  CHECK_FALSE(o.lost);
  CHECK(o.cMarked);
}

TEST_CASE("lost object without the insertion half: C is freed while black A points to it") {
  for (const Mode* m : {&kNoBarrier, &kYuasaNoSnapshot}) {
    CAPTURE(std::string(m->name));
    Outcome o = storyInsertion(*m);
    CHECK(o.lost);
    CHECK(o.weakBroken);
  }
}

TEST_CASE("insertion story: hybrid, dijkstra and yuasa with a stack snapshot keep C") {
  for (const Mode* m : {&kHybrid, &kDijkstra, &kDijkstraNoRescan, &kYuasa}) {
    CAPTURE(std::string(m->name));
    Outcome o = storyInsertion(*m);
    CHECK_FALSE(o.lost);
    CHECK(o.cMarked);
  }
  Outcome o = storyInsertion(kHybridUnbuffered, true);
  CHECK_FALSE(o.lost);
}

TEST_CASE("hybrid barrier records old and new values in the P's buffer, flushed before mark termination") {
  Outcome o = storyDeletion(kHybrid);
  auto rec = std::find_if(o.run.events.begin(), o.run.events.end(),
                          [](const Event& e) { return e.kind == EventKind::BarrierRecord; });
  REQUIRE(rec != o.run.events.end());
  CHECK(rec->as<BarrierRecordEvent>().oldValue != kNil);  // the old value: C
  CHECK(has(o.run.events, EventKind::BarrierFlush));
  // The flush happens before the world stops for mark termination.
  auto flush = std::find_if(o.run.events.begin(), o.run.events.end(),
                            [](const Event& e) { return e.kind == EventKind::BarrierFlush; });
  auto stw = std::find_if(o.run.events.begin(), o.run.events.end(), [](const Event& e) {
    return e.is<StopTheWorldEvent>() && e.as<StopTheWorldEvent>().phase == Phase::MarkTermination;
  });
  CHECK(flush < stw);
}

TEST_CASE("dijkstra with re-scan stops the world to re-scan every stack at mark termination") {
  Outcome o = storyDeletion(kDijkstra);
  CHECK(count(o.run.events, EventKind::RescanStack) >= 3);
  Outcome h = storyDeletion(kHybrid);
  CHECK(count(h.run.events, EventKind::RescanStack) == 0);
}

TEST_CASE(
    "stack objects: C held only by a stack object's field is lost without a barrier, and the checker sees "
    "it") {
  for (const Mode* m : {&kNoBarrier, &kDijkstraNoRescan}) {
    CAPTURE(std::string(m->name));
    Outcome o = storyStackObject(*m);
    CHECK(o.lost);
    CHECK(o.weakBroken);  // black root (main's stack, through S) -> white C
  }
  for (const Mode* m : {&kHybrid, &kYuasa, &kYuasaNoSnapshot, &kDijkstra}) {
    CAPTURE(std::string(m->name));
    Outcome o = storyStackObject(*m);
    CHECK_FALSE(o.lost);
    CHECK(o.cMarked);
    CHECK_FALSE(o.weakBroken);
  }
}

TEST_CASE("go statement: its arguments are shaded only by barriers that shade the new value") {
  auto shadedAsArg = [](const Outcome& o) {
    return std::any_of(o.run.events.begin(), o.run.events.end(), [&](const Event& e) {
      return e.kind == EventKind::Shade && e.as<ShadeEvent>().object == o.c &&
             e.as<ShadeEvent>().reason == ShadeReason::GoArgs;
    });
  };
  for (const Mode* m : {&kNoBarrier, &kYuasaNoSnapshot}) {
    CAPTURE(std::string(m->name));
    Outcome o = storyGoArgs(*m);
    CHECK_FALSE(shadedAsArg(o));
    CHECK(o.lost);
    CHECK(o.weakBroken);  // black root (keeper's new stack) -> white C
  }
  for (const Mode* m : {&kHybrid, &kDijkstra, &kDijkstraNoRescan}) {
    CAPTURE(std::string(m->name));
    Outcome o = storyGoArgs(*m);
    CHECK(shadedAsArg(o));
    CHECK_FALSE(o.lost);
    CHECK(o.cMarked);
    CHECK_FALSE(o.weakBroken);
  }
  // Yuasa's stack snapshot scanned main before the go statement: C was grey already.
  Outcome y = storyGoArgs(kYuasa);
  CHECK_FALSE(shadedAsArg(y));
  CHECK_FALSE(y.lost);
  CHECK(y.cMarked);
}

TEST_CASE(
    "finalizer queue: runfinq takes its object through the write barrier, so a scanned stack keeps it") {
  for (const Mode* m : {&kHybrid, &kYuasa, &kYuasaNoSnapshot, &kDijkstra, &kDijkstraNoRescan}) {
    CAPTURE(std::string(m->name));
    Outcome o = storyFinalizer(*m);
    CHECK_FALSE(o.lost);
    CHECK(o.cMarked);
    CHECK_FALSE(o.weakBroken);
  }
}
