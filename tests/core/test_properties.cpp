// The backbone of the collector's correctness: over many random programs and
// random interleavings,
//   1. no object that is reachable is ever freed (hybrid barrier);
//   2. every object unreachable when a cycle starts is freed by the end of
//      that cycle's sweep;
//   3. the invariant checker never sees the weak invariant broken;
// and the same checks do catch losses when the barrier is off or lacks the
// half (or the re-scan, or the snapshot) that the programs' hazards need.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "tests/core/random_program.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;
using namespace tricolor::test;

namespace {

struct Report {
  std::size_t lost = 0;        // objects freed while reachable
  std::size_t leaked = 0;      // unreachable at a cycle start, not freed by its end
  std::size_t weakBroken = 0;  // weak-invariant reports (with checkInvariants)
  std::size_t cyclesChecked = 0;
  std::size_t steps = 0;
  std::string firstProblem;
};

// Objects that must be freed by this cycle: in the heap, unreachable now,
// without a finalizer (those are resurrected), not the target of a weak
// pointer (weak.Pointer.Value may hand them back during marking) nor
// reachable from one, and not sharing a tiny block with a reachable piece or
// a P's current tiny block.
std::set<ObjectId> garbageNow(const Simulation& sim) {
  const State& s = sim.state();
  std::vector<bool> live = sim.reachable();
  std::vector<ObjectId> weak;
  for (const WeakHandle& h : s.world.weakHandles)
    if (h.target != kNil && !live[h.target]) weak.push_back(h.target);
  while (!weak.empty()) {
    ObjectId v = weak.back();
    weak.pop_back();
    if (live[v]) continue;
    live[v] = true;
    const Type& t = sim.program().types[s.world.objects[v].type];
    for (std::uint32_t i = 0; i < t.numPtrs; ++i)
      if (ObjectId f = s.world.fields(v)[i]) weak.push_back(f);
  }
  std::map<std::pair<SpanId, std::uint32_t>, bool> blockKept;
  for (ObjectId id = 1; id < s.world.objects.size(); ++id) {
    const Object& o = s.world.objects[id];
    if (o.state != ObjState::Heap) continue;
    bool& kept = blockKept[{o.span, o.slot}];
    kept = kept || live[id] || (o.flags & kHasFinalizer);
  }
  for (const Processor& p : s.ps)
    if (p.mcache.tinySpan != kNoSpan) blockKept[{p.mcache.tinySpan, p.mcache.tinySlot}] = true;
  std::set<ObjectId> out;
  for (ObjectId id = 1; id < s.world.objects.size(); ++id) {
    const Object& o = s.world.objects[id];
    if (o.state == ObjState::Heap && !blockKept[{o.span, o.slot}]) out.insert(id);
  }
  return out;
}

Report check(std::shared_ptr<const Program> prog, std::uint64_t maxSteps = 200000) {
  Report r;
  Simulation sim(prog);
  EventSink sink;
  std::set<ObjectId> pending;  // must be freed by the end of the current cycle
  bool tracking = false;
  auto verify = [&]() {
    if (!tracking) return;
    ++r.cyclesChecked;
    for (ObjectId id : pending)
      if (sim.state().world.objects[id].state != ObjState::Freed) {
        if (r.firstProblem.empty())
          r.firstProblem = "object " + sim.objectName(id) + " unreachable at the start of cycle " +
                           std::to_string(sim.state().gc.cycle) + " was not freed by its sweep";
        ++r.leaked;
      }
    tracking = false;
  };
  for (std::uint64_t i = 0; i < maxSteps && !sim.finished(); ++i) {
    sim.step(sink);
    for (const Event& e : sink.events) {
      if (e.kind == EventKind::InvariantBroken && e.as<InvariantBrokenEvent>().weak) ++r.weakBroken;
      if (e.kind == EventKind::ReachableFreed) {
        if (r.firstProblem.empty())
          r.firstProblem =
              "object " + sim.objectName(e.as<ReachableFreedEvent>().object) + " freed while reachable";
        ++r.lost;
      }
      // Sweeping ends with SweepDone, or inside the next cycle's sweep
      // termination (finishsweep_m), before marking starts.
      if (e.kind == EventKind::SweepDone) verify();
      if (e.kind == EventKind::BarrierOn) {
        verify();
        pending = garbageNow(sim);
        tracking = true;
      }
    }
  }
  r.steps = sim.steps();
  return r;
}

}  // namespace

TEST_CASE(
    "property: with the hybrid barrier, over 1000 random programs and interleavings, nothing reachable is "
    "freed and all garbage is") {
  std::size_t cycles = 0, steps = 0;
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    auto prog = randomProgram(seed);
    Report r = check(prog);
    CAPTURE(seed);
    CAPTURE(r.firstProblem);
    REQUIRE(r.lost == 0);
    REQUIRE(r.leaked == 0);
    cycles += r.cyclesChecked;
    steps += r.steps;
  }
  // The programs really exercise the collector.
  CHECK(cycles > 2000);
  MESSAGE("checked " << cycles << " cycles in " << steps << " steps");
}

namespace {

struct Setting {
  BarrierMode barrier;
  bool rescan, snapshot;
  std::string name;
};

// One random program under a barrier setting, with the invariant checker on.
Report checkWith(std::uint64_t seed, const Setting& m, const RandomProgramOptions& o = {}) {
  Program p = *randomProgram(seed, o);
  p.config.barrier = m.barrier;
  p.config.stackRescan = m.rescan;
  p.config.stackSnapshot = m.snapshot;
  p.config.checkInvariants = true;
  return check(std::make_shared<const Program>(p));
}

}  // namespace

TEST_CASE(
    "property: every barrier that is correct keeps the properties, and the invariant checker never sees the "
    "weak "
    "invariant broken") {
  const Setting correct[] = {{BarrierMode::Hybrid, true, true, "hybrid"},
                             {BarrierMode::Dijkstra, true, true, "dijkstra + re-scan"},
                             {BarrierMode::Yuasa, true, true, "yuasa + stack snapshot"}};
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    for (const Setting& m : correct) {
      Report r = checkWith(seed, m);
      CAPTURE(seed);
      CAPTURE(m.name);
      CAPTURE(r.firstProblem);
      REQUIRE(r.lost == 0);
      REQUIRE(r.leaked == 0);
      REQUIRE(r.weakBroken == 0);
    }
  }
}

TEST_CASE(
    "property: negative controls: without a barrier, Dijkstra without re-scan and Yuasa without snapshot "
    "lose "
    "objects, and the checker sees every loss") {
  const Setting broken[] = {{BarrierMode::None, true, true, "none"},
                            {BarrierMode::Dijkstra, false, true, "dijkstra without re-scan"},
                            {BarrierMode::Yuasa, true, false, "yuasa without snapshot"}};
  const std::uint64_t n = 300;
  for (const Setting& m : broken) {
    std::size_t lost = 0, programsWithLoss = 0;
    for (std::uint64_t seed = 1; seed <= n; ++seed) {
      Report r = checkWith(seed, m);
      CAPTURE(seed);
      CAPTURE(m.name);
      lost += r.lost;
      programsWithLoss += r.lost > 0;
      CHECK(r.leaked == 0);  // a broken barrier loses live objects, it never keeps garbage
      // Before an object is lost, some black object or root points to it
      // with no grey object leading there: the weak invariant is broken.
      if (r.lost > 0) CHECK(r.weakBroken > 0);
    }
    CAPTURE(m.name);
    CHECK(programsWithLoss > 0);
    MESSAGE(m.name << ": " << lost << " objects lost in " << programsWithLoss << " of " << n << " programs");
  }
}

TEST_CASE("determinism: the same program and seed give the same events, byte for byte") {
  for (std::uint64_t seed : {3u, 17u, 99u}) {
    auto prog = randomProgram(seed);
    Simulation a(prog), b(prog);
    Run ra = runToEnd(a), rb = runToEnd(b);
    CHECK(eventHash(ra.events) == eventHash(rb.events));
    CHECK(a.state() == b.state());
    // Another seed in random scheduling gives another interleaving.
    Program other = *prog;
    other.config.seed = seed + 1000;
    other.config.scheduling = SchedulingMode::Random;
    Program same = *prog;
    same.config.scheduling = SchedulingMode::Random;
    Simulation c(std::make_shared<const Program>(other)), d(std::make_shared<const Program>(same));
    CHECK(eventHash(runToEnd(c).events) != eventHash(runToEnd(d).events));
  }
}
