// Test and benchmark access to a Simulation's insides (a friend of it):
// building big heaps through the simulation's own allocator without a
// program op per object.
#pragma once

#include "core/sim/simulation.hpp"

namespace tricolor {

struct SimAccess {
  // Allocates one object of `type` for g1 on P0, as mallocgc would (any
  // assist or sweep it asks for is done first); no cycle is started.
  static ObjectId alloc(Simulation& sim, TypeId type) {
    EventSink sink;
    sink.enabled = false;
    ObjectId obj = kNil;
    Goroutine& g = sim.s_.world.g(1);
    while (!sim.mallocgc(sim.s_.ps[0], g, type, 0, obj, sink)) {
    }
    g.gcStartPending = false;
    sim.s_.gc.startPending = 0;
    return obj;
  }
  static State& state(Simulation& sim) { return sim.s_; }
  // What the scheduler does first at each step: wake sleepers that are due
  // and the finalizer goroutine if finalizers are queued (wakefing).
  static void wakeSleepers(Simulation& sim) { sim.wakeSleepers(sim.s_.ps[0].now); }
  static std::uint64_t fastSteps(const Simulation& sim) { return sim.fastSteps_; }
};

}  // namespace tricolor
