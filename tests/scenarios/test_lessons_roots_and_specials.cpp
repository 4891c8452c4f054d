// Lessons 14-16: finalizers, weak pointers, and where marking starts (root
// jobs for globals and goroutine stacks).
#include <doctest/doctest.h>

#include <set>

#include "core/gc/collector.hpp"
#include "tests/scenarios/lesson_support.hpp"

using namespace tricolor;
using namespace tricolor::lesson;

TEST_CASE(
    "lesson 14, finalizers: the object with a finalizer is freed one cycle later than its twin, and keeps "
    "its buffer alive until then") {
  Played p = play("finalizers.json");
  ObjectId F = p.obj("F"), B = p.obj("B"), T = p.obj("T"), U = p.obj("U");
  // The twin without a finalizer, and what it points to: gone with the first cycle.
  CHECK(p.freedBy(T) == 1);
  CHECK(p.freedBy(U) == 1);
  // Cycle 1's marking: the span-specials root job marks what F points to (B), not F.
  std::size_t shadeB = p.first([&](const Event& e) { return test::isAbout<ShadeEvent>(e, B); });
  std::size_t specials = p.first(
      [](const Event& e) { return e.is<RootJobEvent>() && e.as<RootJobEvent>().root == RootKind::Specials; });
  REQUIRE(shadeB < p.events.size());
  REQUIRE(specials < p.events.size());
  CHECK(p.step[shadeB] == p.step[specials]);
  CHECK(p.marked[shadeB] == 0);
  std::size_t shadeF = p.first([&](const Event& e) { return test::isAbout<ShadeEvent>(e, F); });
  CHECK((shadeF == p.events.size() || p.marked[shadeF] > 0));
  // F is resurrected by the first cycle's sweep instead of being freed.
  std::size_t res = p.first([&](const Event& e) { return test::isAbout<ResurrectEvent>(e, F); });
  REQUIRE(res < p.events.size());
  CHECK(p.marked[res] == 1);
  // The finalizer goroutine runs closeFile(F) between the two cycles.
  std::size_t run = p.first([&](const Event& e) { return test::isAbout<FinalizerRunEvent>(e, F); });
  REQUIRE(run < p.events.size());
  CHECK(res < run);
  CHECK(p.marked[run] == 1);
  std::size_t secondCycle =
      p.first([](const Event& e) { return e.is<CycleStartEvent>() && e.as<CycleStartEvent>().cycle == 2; });
  CHECK(run < secondCycle);
  // One cycle later than their twins.
  CHECK(p.freedBy(F) == 2);
  CHECK(p.freedBy(B) == 2);
  CHECK(p.count(EventKind::Resurrect) == 1);
  CHECK(p.count(EventKind::ReachableFreed) == 0);
}

TEST_CASE(
    "lesson 15, weak pointers: Value() returns I while the global keeps it alive, nil once I is unreachable "
    "and freed") {
  Played p = play("weak-pointers.json");
  ObjectId I = p.obj("I");
  std::vector<WeakGetEvent> gets;
  for (const Event& e : p.events)
    if (auto g = e.get<WeakGetEvent>()) gets.push_back(*g);
  REQUIRE(gets.size() == 2);
  ObjectId handle = gets[0].handle;
  CHECK(gets[0].target == I);     // after cycle 1: I is alive through the global img
  CHECK(gets[1].target == kNil);  // after cycle 2: nil
  // The weak pointer did not keep I alive: cycle 2 freed it, and cleared the handle first.
  CHECK(p.freedBy(I) == 2);
  std::size_t clear = p.first(
      [&](const Event& e) { return e.is<WeakClearEvent>() && e.as<WeakClearEvent>().handle == handle; });
  std::size_t freed = p.first([&](const Event& e) { return test::isAbout<FreeEvent>(e, I); });
  REQUIRE(clear < p.events.size());
  CHECK(p.events[clear].as<WeakClearEvent>().target == I);
  CHECK(clear < freed);
  // The handle itself stays: the global cache still holds the weak pointer.
  CHECK(p.freedBy(handle) == 0);
  CHECK(p.count(EventKind::ReachableFreed) == 0);
}

TEST_CASE(
    "lesson 16, roots: globals are scanned in shards, one job per stack that existed at mark start, and a "
    "goroutine born during marking has none") {
  std::set<GoroutineId> atMarkStart;
  GoroutineId s3 = 0;
  Played p = play("roots.json", {}, [&](const Simulation& sim, const std::vector<Event>& ev) {
    for (const Event& e : ev) {
      if (auto c = e.get<CycleStartEvent>(); c && c->cycle == 1)
        for (const Goroutine& g : sim.state().world.goroutines)
          if (g.status != GStatus::Dead) atMarkStart.insert(g.id);
      if (auto go = e.get<GoStartEvent>();
          go && sim.goroutineName(go->goroutine).find("s3") != std::string::npos)
        s3 = go->goroutine;
    }
  });
  REQUIRE(s3 != 0);
  REQUIRE_FALSE(atMarkStart.empty());
  CHECK(atMarkStart.count(s3) == 0);
  // Cycle 1's root jobs: 40 B of data and 64 B of bss in 32-byte shards.
  std::size_t data = 0, bss = 0;
  std::set<GoroutineId> stacks;
  for (std::size_t i = 0; i < p.events.size(); ++i) {
    const Event& e = p.events[i];
    if (e.kind != EventKind::RootJob || p.marked[i] != 0) continue;
    const RootJobEvent job = e.as<RootJobEvent>();
    data += job.root == RootKind::Data;
    bss += job.root == RootKind::Bss;
    if (job.root == RootKind::Stack) stacks.insert(job.index);
  }
  CHECK(data == 2);
  CHECK(bss == 2);
  std::size_t jobs = 0;
  for (std::size_t i = 0; i < p.events.size(); ++i)
    jobs += p.events[i].kind == EventKind::RootJob && p.marked[i] == 0;
  CHECK(jobs == 15);  // the count the scenario's text tells the student to check
  // Exactly one stack job per goroutine of the snapshot: none for s3.
  CHECK(stacks == atMarkStart);
  bool s3ScannedInCycle1 = false, s3ScannedInCycle2 = false;
  for (std::size_t i = 0; i < p.events.size(); ++i)
    if (p.events[i].is<StackScanEvent>() && p.events[i].as<StackScanEvent>().goroutine == s3)
      (p.marked[i] == 0 ? s3ScannedInCycle1 : s3ScannedInCycle2) = true;
  CHECK_FALSE(s3ScannedInCycle1);
  CHECK(s3ScannedInCycle2);
  // Why that is safe: the go statement shades its argument C3, and s3 allocates black.
  ObjectId C3 = p.obj("C3");
  std::size_t goShade = p.first([&](const Event& e) {
    return test::isAbout<ShadeEvent>(e, C3) && e.as<ShadeEvent>().reason == ShadeReason::GoArgs;
  });
  REQUIRE(goShade < p.events.size());
  CHECK(p.marked[goShade] == 0);
  for (const Event& e : p.events)
    if (e.kind == EventKind::Alloc && e.g == s3) CHECK(e.as<AllocEvent>().black);
  CHECK(p.freedBy(C3) == 0);
  CHECK(p.count(EventKind::ReachableFreed) == 0);
}
