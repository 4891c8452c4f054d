// Lessons 6-8: why the write barrier has two halves, and what Go 1.7 paid
// without the second one. Each story is played with the scenario's own
// configuration and with the overrides its text tells the student to try.
#include <doctest/doctest.h>

#include "tests/scenarios/lesson_support.hpp"

using namespace tricolor;
using namespace tricolor::lesson;

namespace {

// The references the monitor reported for `o` when it was freed while reachable.
std::vector<Ref> pointedBy(const Played& p, ObjectId o) {
  std::vector<Ref> out;
  for (const Event& e : p.events)
    if (auto p = e.get<PointedByEvent>(); p && p->object == o) out.push_back(p->by);
  return out;
}

// A and C of the lost-object stories, after one run.
struct Story {
  Played p;
  ObjectId A = 0, C = 0;
};

Story story(const std::string& file, const std::vector<std::string>& overrides) {
  Story s{play(file, overrides)};
  s.A = s.p.obj("A");
  s.C = s.p.obj("C");
  return s;
}

}  // namespace

TEST_CASE("lesson 6, deletion barrier: with barrier none, C is freed while main's stack still points to it") {
  for (auto overrides : {std::vector<std::string>{"write_barrier=none"},
                         std::vector<std::string>{"write_barrier=dijkstra", "stack_rescan=false"}}) {
    CAPTURE(overrides.back());
    Story s = story("lost-object.json", overrides);
    CHECK(s.p.lost(s.C));
    CHECK(s.p.freedBy(s.C) == 1);
    // The monitor names the only referrer: main's local c, a stack slot of g1.
    std::vector<Ref> refs = pointedBy(s.p, s.C);
    REQUIRE(refs.size() == 1);
    CHECK(refs[0].kind == RefKind::StackSlot);
    CHECK(refs[0].a == 1);
  }
}

TEST_CASE(
    "lesson 6, deletion barrier: with the hybrid barrier the old value C is recorded, shaded and survives") {
  Story s = story("lost-object.json", {});
  CHECK_FALSE(s.p.lost(s.C));
  CHECK(s.p.freedBy(s.C) == 0);
  // root.ref = nil records the old value C in the P's buffer during cycle 1...
  std::size_t rec = s.p.first([&](const Event& e) {
    return e.is<BarrierRecordEvent>() && e.as<BarrierRecordEvent>().oldValue == s.C;
  });
  REQUIRE(rec < s.p.events.size());
  CHECK(s.p.marked[rec] == 0);
  // ...and C turns grey by the barrier, never by a root (main's stack was scanned before c = root.ref).
  std::size_t shade =
      s.p.first([&](const Event& e) { return e.is<ShadeEvent>() && e.as<ShadeEvent>().object == s.C; });
  REQUIRE(shade < s.p.events.size());
  ShadeReason why =
      s.p.events[shade].as<ShadeEvent>().reason;  // the flushed buffer does not say which half recorded it
  CHECK((why == ShadeReason::BarrierOld || why == ShadeReason::BarrierNew));
  CHECK(s.p.events[shade].as<ShadeEvent>().from.kind == RefKind::WbBuffer);
  CHECK(rec < shade);
  CHECK(s.p.marked[shade] == 0);
  // With Go 1.7's re-scan the insertion barrier is safe too (lesson 8).
  Story d = story("lost-object.json", {"write_barrier=dijkstra"});
  CHECK_FALSE(d.p.lost(d.C));
}

TEST_CASE(
    "lesson 7, insertion barrier: deletion-only barrier with concurrent stack scans frees C while black A "
    "points to it") {
  for (auto overrides : {std::vector<std::string>{"write_barrier=yuasa", "stack_snapshot=false"},
                         std::vector<std::string>{"write_barrier=none"}}) {
    CAPTURE(overrides.front());
    Story s = story("lost-object-insertion.json", overrides);
    CHECK(s.p.lost(s.C));
    CHECK(s.p.freedBy(s.C) == 1);
    // The only referrer left is the heap object A (A.next), not worker's stack.
    std::vector<Ref> refs = pointedBy(s.p, s.C);
    REQUIRE(refs.size() == 1);
    CHECK(refs[0].kind == RefKind::Field);
    CHECK(refs[0].a == s.A);
    // A was black: allocated while marking.
    std::size_t alloc =
        s.p.first([&](const Event& e) { return e.is<AllocEvent>() && e.as<AllocEvent>().object == s.A; });
    REQUIRE(alloc < s.p.events.size());
    CHECK(s.p.events[alloc].as<AllocEvent>().black);
  }
}

TEST_CASE(
    "lesson 7, insertion barrier: the hybrid barrier shades the new value C, and a stack snapshot or "
    "Dijkstra also keep it") {
  Story s = story("lost-object-insertion.json", {});
  CHECK_FALSE(s.p.lost(s.C));
  CHECK(s.p.freedBy(s.C) == 0);
  std::size_t rec = s.p.first([&](const Event& e) {
    return e.is<BarrierRecordEvent>() && e.as<BarrierRecordEvent>().newValue == s.C;
  });
  REQUIRE(rec < s.p.events.size());
  CHECK(s.p.events[rec].as<BarrierRecordEvent>().oldValue ==
        kNil);  // the old value of A.next: nothing for the deletion half to shade
  for (auto overrides : {std::vector<std::string>{"write_barrier=yuasa"},
                         std::vector<std::string>{"write_barrier=dijkstra"}}) {
    CAPTURE(overrides.front());
    Story o = story("lost-object-insertion.json", overrides);
    CHECK_FALSE(o.p.lost(o.C));
    CHECK(o.p.freedBy(o.C) == 0);
  }
}

TEST_CASE(
    "lesson 8, Go 1.7's re-scan: with Dijkstra, every stack is scanned again with the world stopped, and "
    "that finds C") {
  std::size_t stopped = 0, rescans = 0;
  std::size_t goroutinesAtTermination = 0;
  Played p = play("stack-rescan.json", {}, [&](const Simulation& sim, const std::vector<Event>& ev) {
    for (const Event& e : ev) {
      if (e.kind != EventKind::RescanStack || sim.state().gc.cycle != 1) continue;
      ++rescans;
      if (sim.state().gc.worldStopped) ++stopped;
    }
    if (test::has(ev, EventKind::CycleEnd) && sim.state().gc.cycle == 1) {
      for (const Goroutine& g : sim.state().world.goroutines)
        goroutinesAtTermination += g.status != GStatus::Dead;
    }
  });
  ObjectId C = p.obj("C");
  CHECK_FALSE(p.lost(C));
  CHECK(p.freedBy(C) == 0);
  // One re-scan per goroutine (main, 100 handlers, the runtime's own), all inside the pause.
  CHECK(rescans >= 101);
  CHECK(rescans == goroutinesAtTermination);
  CHECK(stopped == rescans);
  // C is found by the re-scan of main's stack.
  std::size_t shade =
      p.first([&](const Event& e) { return e.is<ShadeEvent>() && e.as<ShadeEvent>().object == C; });
  REQUIRE(shade < p.events.size());
  CHECK(p.events[shade].as<ShadeEvent>().reason == ShadeReason::Root);
  CHECK(p.events[shade].as<ShadeEvent>().from.kind == RefKind::StackSlot);
  std::size_t rescanMain = p.first(
      [](const Event& e) { return e.is<RescanStackEvent>() && e.as<RescanStackEvent>().goroutine == 1; });
  REQUIRE(rescanMain < p.events.size());
  CHECK(p.step[shade] == p.step[rescanMain]);
}

TEST_CASE(
    "lesson 8, Go 1.7's re-scan: without it C is lost, and the hybrid barrier needs none and pauses less") {
  Played noRescan = play("stack-rescan.json", {"stack_rescan=false"});
  CHECK(noRescan.lost(noRescan.obj("C")));
  CHECK(noRescan.count(EventKind::RescanStack) == 0);

  Played dijkstra = play("stack-rescan.json", {});
  Played hybrid = play("stack-rescan.json", {"write_barrier=hybrid"});
  CHECK_FALSE(hybrid.lost(hybrid.obj("C")));
  CHECK(hybrid.freedBy(hybrid.obj("C")) == 0);
  CHECK(hybrid.count(EventKind::RescanStack) == 0);
  // The mark termination pause (gctrace's third clock number) of cycle 1.
  auto pause = [](const Played& p) {
    const CycleStats& c = p.sim->state().gc.cycles.at(0);
    return c.tEnd - c.tMarkTerm;
  };
  CHECK(pause(dijkstra) > pause(hybrid));
  // 100 handler stacks make the difference visible: at least a fifth longer.
  CHECK(double(pause(dijkstra)) > 1.2 * double(pause(hybrid)));
}
