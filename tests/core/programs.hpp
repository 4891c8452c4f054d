// Programs shared by the core tests and the benchmarks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tests/core/builder.hpp"
#include "tests/core/sim_access.hpp"

namespace tricolor::test {

// Allocation churn with a small heap: n times "t = new(Node); t.next = a;
// a = t", then a = nil. GOGC=10 makes a cycle every few thousand steps; the
// safety monitor is off (long runs).
inline std::shared_ptr<const Program> churnProgram(std::int64_t n) {
  ProgramBuilder b;
  b.type("Node", {{"next", "Node"}}, 8);
  b.global("root", "Node");
  auto m = b.func("main");
  m.local("a", "Node").local("t", "Node");
  m.repeat(n).newObj("Node", "t").store("t.next", "a").store("a", "t").end().clear("a");
  b.config().gogc = 10;
  b.config().monitor = false;
  return b.build();
}

// A heap of n two-pointer objects in a random graph (a field is nil with
// probability 1/nilOneIn) and `globals` globals into it, built through the
// simulation's own allocator; main is about to call runtime.GC(), so the
// run is one whole cycle, mark and sweep.
inline std::unique_ptr<Simulation> randomGraphSim(std::uint32_t n, std::uint64_t seed, std::uint32_t globals,
                                                  std::uint32_t procs, std::uint32_t nilOneIn) {
  ProgramBuilder b;
  b.type("Node", {{"a", "Node"}, {"b", "Node"}}, 16);
  for (std::uint32_t i = 0; i < globals; ++i) b.global("r" + std::to_string(i), "Node");
  auto m = b.func("main");
  m.local("x", "Node");
  m.gc();
  b.config().monitor = false;
  b.config().gomaxprocs = procs;
  auto sim = std::make_unique<Simulation>(b.build());
  std::vector<ObjectId> ids(n);
  for (auto& id : ids) id = SimAccess::alloc(*sim, 0);
  State& s = SimAccess::state(*sim);
  std::uint64_t rng = seed;
  for (ObjectId id : ids)
    for (int k = 0; k < 2; ++k) {
      std::uint64_t r = splitmix64(rng);
      s.world.fields(id)[k] = r % nilOneIn == 0 ? kNil : ids[(r >> 8) % n];
    }
  for (std::uint32_t i = 0; i < globals; ++i) s.world.globals[i] = ids[splitmix64(rng) % n];
  return sim;
}

}  // namespace tricolor::test
