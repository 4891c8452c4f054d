// The pacer against the GC guide and Go 1.19's mgcpacer.go, and the size
// classes against Go's table.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/alloc/size_classes.hpp"
#include "core/gc/pacer.hpp"
#include "tests/core/builder.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;
using namespace tricolor::test;

TEST_CASE(
    "heap goal: the GC guide's worked example (8 MiB live + 1 MiB stacks + 1 MiB globals, GOGC=100 -> 18 "
    "MiB)") {
  Pacer p;
  p.setGCPercent(100);
  p.heapMarked = 8 * MiB;
  p.lastStackScan = 1 * MiB;
  p.globalsScan = 1 * MiB;
  p.commit(8 * MiB, true);
  MemoryView mem;
  CHECK(p.heapGoal(mem) == 18 * MiB);
  // GOGC=50 halves the growth: 8 + 10/2 = 13 MiB.
  p.setGCPercent(50);
  p.commit(8 * MiB, true);
  CHECK(p.heapGoal(mem) == 13 * MiB);
}

TEST_CASE("heap goal floor: 4 MiB x GOGC/100") {
  Pacer p;
  p.setGCPercent(100);
  p.heapMarked = 100 * KiB;
  p.commit(0, true);
  CHECK(p.heapGoal(MemoryView{}) == 4 * MiB);
  p.setGCPercent(200);
  p.commit(0, true);
  CHECK(p.heapGoal(MemoryView{}) == 8 * MiB);
  p.setGCPercent(25);
  p.commit(0, true);
  CHECK(p.heapGoal(MemoryView{}) == 1 * MiB);
}

TEST_CASE("trigger: between 0.7 and 0.95 of the way from marked to goal (or goal - 4 MiB for big heaps)") {
  Pacer p;
  p.setGCPercent(100);
  p.heapMarked = 64 * MiB;
  p.commit(64 * MiB, true);
  MemoryView mem;
  std::uint64_t goal = 0;
  // No cons/mark history: runway 0, so the trigger sits at its upper bound.
  std::uint64_t t = p.trigger(mem, &goal);
  CHECK(goal == 128 * MiB);
  CHECK(t == 64 * MiB + (64 * MiB / 64) * 61);  // ~0.95 of the way
  // For a big heap the upper bound is goal - 4 MiB instead.
  Pacer big;
  big.setGCPercent(100);
  big.heapMarked = 1 * GiB;
  big.commit(1 * GiB, true);
  CHECK(big.trigger(mem, &goal) == 2 * GiB - 4 * MiB);
  // A large runway pushes it down to the 0.7 floor.
  p.consMark = 100;
  p.lastHeapScan = 64 * MiB;
  p.commit(64 * MiB, true);
  t = p.trigger(mem, &goal);
  CHECK(t == 64 * MiB + (64 * MiB / 64) * 45);
}

TEST_CASE("GOGC=off: no goal from GOGC, only the memory limit triggers") {
  Pacer p;
  p.setGCPercent(-1);
  p.commit(0, true);
  MemoryView mem;
  CHECK(p.heapGoal(mem) == ~std::uint64_t{0});
  p.memoryLimit = 20 * MiB;
  mem.mapped = 12 * MiB;  // 10 MiB of heap pages + 2 MiB of stacks/globals
  mem.heapAlloc = 9 * MiB;
  mem.heapFree = 1 * MiB;
  // limit - non-heap (12 - 1 - 9 = 2 MiB) - 1 MiB headroom
  CHECK(p.heapGoal(mem) == 17 * MiB);
}

TEST_CASE("assist ratio: remaining scan work over remaining heap") {
  Pacer p;
  p.setGCPercent(100);
  p.heapMarked = 4 * MiB;
  p.lastHeapScan = 2 * MiB;
  p.commit(4 * MiB, true);
  MemoryView mem;
  p.startCycle(0, 2, 6 * MiB, 3 * MiB, mem);
  // goal 8 MiB, heap live 6 MiB: 2 MiB left for 2 MiB of expected scan work.
  CHECK(p.assistWorkPerByte == doctest::Approx(1.0));
  p.heapScanWork = 1 * MiB;
  p.revise(7 * MiB, 3 * MiB, mem);
  CHECK(p.assistWorkPerByte == doctest::Approx(1.0));
  // Worker plan for small GOMAXPROCS: fractional 25% (go-gc-model.md section 5).
  CHECK(p.dedicatedWorkers == 0);
  CHECK(p.fractionalGoal == doctest::Approx(0.25));
  p.startCycle(0, 4, 6 * MiB, 3 * MiB, mem);
  CHECK(p.dedicatedWorkers == 1);
  CHECK(p.fractionalGoal == 0);
  p.startCycle(0, 8, 6 * MiB, 3 * MiB, mem);
  CHECK(p.dedicatedWorkers == 2);
  p.startCycle(0, 6, 6 * MiB, 3 * MiB, mem);
  CHECK(p.dedicatedWorkers == 1);
  CHECK(p.fractionalGoal == doctest::Approx(0.5 / 6));
}

TEST_CASE("the simulation's goal after a cycle follows the formula with its own stacks and globals") {
  ProgramBuilder b;
  b.type("Blob", {{"next", "Blob"}}, 32760);  // 32 KiB class
  auto m = b.func("main");
  m.local("a", "Blob").local("t", "Blob");
  m.repeat(200).newObj("Blob", "t").store("t.next", "a").store("a", "t").end();  // ~6.4 MiB live
  m.gc();
  b.config().extraGlobalsBytes = 1 * MiB;
  Simulation sim(b.build());
  runToEnd(sim);
  const CycleStats& c = sim.state().gc.cycles.back();
  const Pacer& p = sim.state().pacer;
  CHECK(c.heap2 == 200 * 32768);
  CHECK(p.globalsScan == 1 * MiB);
  CHECK(p.lastStackScan > 0);
  CHECK(p.heapMarked == c.heap2);
  CHECK(sim.heapGoal() == p.heapMarked + (p.heapMarked + p.lastStackScan + p.globalsScan));
}

TEST_CASE("GOGC comparison: lower GOGC means more cycles and a lower peak heap") {
  auto run = [](int gogc, std::size_t& cycles, std::uint64_t& peak) {
    ProgramBuilder b;
    b.type("Node", {{"next", "Node"}}, 56);  // 64-byte objects, as in the reference Go program
    b.global("keep", "Node");
    auto m = b.func("main");
    m.local("a", "Node").local("t", "Node");
    m.repeat(20000).newObj("Node", "t").store("t.next", "a").store("a", "t").end();  // ~1.3 MiB kept
    m.store("keep", "a").clear("a").clear("t");
    m.repeat(300000).newObj("Node", "t").end();  // 19 MiB of garbage
    b.config().gogc = gogc;
    Simulation sim(b.build());
    EventSink sink;
    sink.enabled = false;
    peak = 0;
    while (!sim.finished()) {
      sim.step(sink);
      peak = std::max(peak, sim.state().heap.stats.heapLive);
    }
    cycles = sim.state().gc.cycles.size();
  };
  std::size_t c50, c100, c200;
  std::uint64_t p50, p100, p200;
  run(50, c50, p50);
  run(100, c100, p100);
  run(200, c200, p200);
  CHECK(c50 > c100);
  CHECK(c100 > c200);
  CHECK(p50 < p100);
  CHECK(p100 < p200);
  std::size_t coff;
  std::uint64_t poff;
  run(-1, coff, poff);
  CHECK(coff == 0);
  CHECK(poff > p200);
}

TEST_CASE("size classes: sizeToClass and the table match Go 1.19's sizeclasses.go") {
  std::ifstream in(std::string(TRICOLOR_SOURCE_DIR) + "/tests/data/go1.19-size-classes.csv");
  REQUIRE(in);
  std::string line;
  std::getline(in, line);  // header
  std::uint32_t prev = 0, rows = 0;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::uint32_t cls, bytes, spanBytes, objects, waste;
    char comma;
    ss >> cls >> comma >> bytes >> comma >> spanBytes >> comma >> objects >> comma >> waste;
    CAPTURE(cls);
    const SizeClassInfo& info = kSizeClasses[cls];
    CHECK(info.size == bytes);
    CHECK(info.npages * kPageSize == spanBytes);
    CHECK(info.nelems == objects);
    CHECK(spanBytes - objects * bytes == waste);
    // Every size in (prev, bytes] maps to this class.
    CHECK(sizeToClass(prev + 1) == cls);
    CHECK(sizeToClass(bytes) == cls);
    prev = bytes;
    ++rows;
  }
  CHECK(rows == 67);
  CHECK(sizeToClass(32769) == 0);  // large
  CHECK(spanClassOf(5, true) == 11);
}
