// Core benchmarks (Google Benchmark). scripts/bench.sh runs them and prints
// one table with the ratios that matter:
//   - a full-speed GC cycle over a 1M-object random graph, in objects/s,
//     next to a plain C++ BFS mark of the same graph in the same run;
//   - single-step latency; allocation throughput; bytes per simulated object.
#include <benchmark/benchmark.h>

#include <deque>
#include <memory>
#include <vector>

#include "core/sim/simulation.hpp"
#include "tests/core/builder.hpp"

namespace tricolor {

// The benchmark builds heaps through the simulation's own allocator.
struct SimAccess {
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
};

namespace {

constexpr std::uint32_t kGraphObjects = 1'000'000;

// A random graph: every object has two pointer fields to random objects;
// 64 globals point to random objects. The same graph (same seed) is used by
// the simulation and by the plain BFS.
struct Graph {
  std::vector<std::uint32_t> edges;  // 2 per node, kNone = nil
  std::vector<std::uint32_t> roots;
};

Graph makeGraph(std::uint32_t n, std::uint64_t seed) {
  Graph g;
  g.edges.resize(std::size_t(n) * 2);
  std::uint64_t s = seed;
  for (auto& e : g.edges) {
    std::uint64_t r = splitmix64(s);
    e = (r % 8 == 0) ? kNone : static_cast<std::uint32_t>((r >> 8) % n);  // some nil fields
  }
  for (int i = 0; i < 64; ++i) g.roots.push_back(static_cast<std::uint32_t>(splitmix64(s) % n));
  return g;
}

std::shared_ptr<const Program> graphProgram() {
  test::ProgramBuilder b;
  b.type("Node", {{"a", "Node"}, {"b", "Node"}}, 16);  // 32-byte objects
  for (int i = 0; i < 64; ++i) b.global("r" + std::to_string(i), "Node");
  auto m = b.func("main");
  m.local("x", "Node");
  m.gc();
  b.config().monitor = false;
  b.config().gomaxprocs = 2;
  return b.build();
}

// A simulation whose heap holds the graph; main is about to call runtime.GC().
std::unique_ptr<Simulation> simWithGraph(const Graph& gr, std::uint32_t n) {
  auto sim = std::make_unique<Simulation>(graphProgram());
  std::vector<ObjectId> ids(n);
  for (std::uint32_t i = 0; i < n; ++i) ids[i] = SimAccess::alloc(*sim, 0);
  State& s = SimAccess::state(*sim);
  for (std::uint32_t i = 0; i < n; ++i) {
    ObjectId* f = s.world.fields(ids[i]);
    f[0] = gr.edges[2 * i] == kNone ? kNil : ids[gr.edges[2 * i]];
    f[1] = gr.edges[2 * i + 1] == kNone ? kNil : ids[gr.edges[2 * i + 1]];
  }
  for (std::size_t i = 0; i < gr.roots.size(); ++i) s.world.globals[i] = ids[gr.roots[i]];
  return sim;
}

// The simulated collector: one whole forced cycle, mark and sweep, events off.
void BM_SimGCCycle1M(benchmark::State& st) {
  Graph gr = makeGraph(kGraphObjects, 42);
  std::uint64_t marked = 0;
  for (auto _ : st) {
    st.PauseTiming();
    auto sim = simWithGraph(gr, kGraphObjects);
    EventSink sink;
    sink.enabled = false;
    st.ResumeTiming();
    while (!sim->finished()) sim->step(sink);
    marked = sim->state().gc.cycles.at(0).objectsMarked;
  }
  st.counters["objects/s"] = benchmark::Counter(double(kGraphObjects) * st.iterations(), benchmark::Counter::kIsRate);
  st.counters["marked"] = double(marked);
}
BENCHMARK(BM_SimGCCycle1M)->Unit(benchmark::kMillisecond)->Iterations(3);

// A plain C++ mark of the same graph: a BFS with a bit per object, then a
// sweep over all objects (the simulated cycle also sweeps).
void BM_PlainMark1M(benchmark::State& st) {
  Graph gr = makeGraph(kGraphObjects, 42);
  std::uint64_t marked = 0;
  for (auto _ : st) {
    std::vector<std::uint8_t> mark(kGraphObjects, 0);
    std::deque<std::uint32_t> q;
    for (auto r : gr.roots)
      if (!mark[r]) {
        mark[r] = 1;
        q.push_back(r);
      }
    while (!q.empty()) {
      std::uint32_t v = q.front();
      q.pop_front();
      for (int k = 0; k < 2; ++k) {
        std::uint32_t w = gr.edges[2 * v + k];
        if (w != kNone && !mark[w]) {
          mark[w] = 1;
          q.push_back(w);
        }
      }
    }
    marked = 0;
    for (auto m : mark) marked += m;
    benchmark::DoNotOptimize(marked);
  }
  st.counters["objects/s"] = benchmark::Counter(double(kGraphObjects) * st.iterations(), benchmark::Counter::kIsRate);
  st.counters["marked"] = double(marked);
}
BENCHMARK(BM_PlainMark1M)->Unit(benchmark::kMillisecond)->Iterations(3);

// Single-step latency on a busy teaching-sized program, events on (as the UI runs it).
void BM_SingleStep(benchmark::State& st) {
  test::ProgramBuilder b;
  b.type("Node", {{"next", "Node"}}, 8);
  b.global("root", "Node");
  auto m = b.func("main");
  m.local("a", "Node").local("t", "Node");
  m.repeat(1'000'000'000).newObj("Node", "t").store("t.next", "a").store("a", "t").clear("a").end();
  b.config().gogc = 10;
  auto prog = b.build();
  Simulation sim(prog);
  EventSink sink;
  for (auto _ : st) {
    sim.step(sink);
    benchmark::DoNotOptimize(sink.events.data());
  }
  st.counters["steps/s"] = benchmark::Counter(double(st.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SingleStep);

// Allocation throughput: a loop of allocations (each one step), events off.
void BM_Allocation(benchmark::State& st) {
  test::ProgramBuilder b;
  b.type("Obj", {{"p", "Obj"}}, 56);  // 64 bytes
  auto m = b.func("main");
  m.local("t", "Obj");
  m.repeat(1'000'000'000).newObj("Obj", "t").end();
  b.config().monitor = false;
  Simulation sim(b.build());
  EventSink sink;
  sink.enabled = false;
  std::uint64_t before = 0;
  for (auto _ : st) sim.step(sink);
  before = sim.state().heap.stats.objectsAllocated;
  st.counters["allocs/s"] = benchmark::Counter(double(before), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Allocation);

// Memory per simulated object: the simulation's own data per live object
// (record, mark bit and info, span slot table and alloc bits), counting what
// is in use; vector growth slack is reported separately.
void BM_BytesPerObject(benchmark::State& st) {
  constexpr std::uint32_t n = 200'000;
  Graph gr = makeGraph(n, 7);
  double perObject = 0, slack = 0, perPointer = 0;
  for (auto _ : st) {
    auto sim = simWithGraph(gr, n);
    const State& s = sim->state();
    auto used = [&](auto& v) { return double(v.size() * sizeof(v[0])); };
    auto reserved = [&](auto& v) { return double(v.capacity() * sizeof(v[0])); };
    double spans = 0, spansReserved = 0;
    for (const Span& sp : s.heap.spans) {
      spans += sizeof(Span) + used(sp.objects);
      spansReserved += sizeof(Span) + reserved(sp.objects);
    }
    double inUse = used(s.world.objects) + used(s.world.marks) + used(s.world.info) + used(s.heap.allocPool) + spans;
    double all = reserved(s.world.objects) + reserved(s.world.marks) + reserved(s.world.info) +
                 reserved(s.heap.allocPool) + spansReserved;
    perObject = inUse / n;
    slack = (all - inUse) / n;
    // Objects with more than two pointer fields keep them in the pool.
    test::ProgramBuilder b;
    b.type("Wide", {{"p", "Wide", 6}});
    auto m = b.func("main");
    m.local("x", "Wide");
    m.repeat(1000).newObj("Wide", "x").end();
    Simulation wide(b.build());
    EventSink sink;
    sink.enabled = false;
    while (!wide.finished()) wide.step(sink);
    perPointer = double(wide.state().world.ptrPool.size() * sizeof(ObjectId)) / (1000.0 * 6);
  }
  st.counters["bytes/object"] = perObject;
  st.counters["slack/object"] = slack;
  st.counters["bytes/pointer"] = perPointer;
}
BENCHMARK(BM_BytesPerObject)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tricolor

#ifndef NO_BENCH_MAIN
BENCHMARK_MAIN();
#endif
