// Core benchmarks (Google Benchmark). scripts/bench.sh runs them and prints
// one table with the ratios that matter:
//   - a full-speed GC cycle over a 1M-object random graph, in objects/s,
//     next to a plain C++ BFS mark of the same graph in the same run;
//   - single-step latency; allocation throughput; bytes per simulated object.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/io/scenario_loader.hpp"
#include "core/sim/history.hpp"
#include "core/sim/simulation.hpp"
#include "tests/core/builder.hpp"
#include "tests/core/programs.hpp"
#include "tests/core/sim_access.hpp"

namespace tricolor {

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
  double markNs = 0, restNs = 0;
  std::unique_ptr<Simulation> sim;
  for (auto _ : st) {
    st.PauseTiming();
    sim.reset();  // freeing the last run's heap is not part of the cycle
    sim = simWithGraph(gr, kGraphObjects);
    EventSink sink;
    sink.enabled = false;
    st.ResumeTiming();
    auto t0 = std::chrono::steady_clock::now();
    // Until mark termination: batches of 4096 steps, as the CLI's fast
    // forward runs them, while that many objects are grey; then single
    // steps, so the split below is exact (a batch could run on through the
    // whole sweep: it takes about one step per span).
    auto marking = [&] {
      const Collector& gc = sim->state().gc;
      return (gc.phase == Phase::Off && gc.cycle == 0) || gc.phase == Phase::SweepTermination ||
             gc.phase == Phase::Mark;
    };
    while (!sim->finished() && marking()) sim->stepMany(sink, sim->state().gc.greyCount() > 4096 ? 4096 : 1);
    auto t1 = std::chrono::steady_clock::now();
    while (!sim->finished()) sim->stepMany(sink, 1 << 16);
    auto t2 = std::chrono::steady_clock::now();
    markNs += std::chrono::duration<double, std::nano>(t1 - t0).count();
    restNs += std::chrono::duration<double, std::nano>(t2 - t1).count();
    marked = sim->state().gc.cycles.at(0).objectsMarked;
  }
  st.counters["objects/s"] =
      benchmark::Counter(double(kGraphObjects) * st.iterations(), benchmark::Counter::kIsRate);
  st.counters["marked"] = double(marked);
  // Wall-clock split of one cycle: start + marking, then termination + sweeping.
  st.counters["mark_ns/object"] = markNs / st.iterations() / kGraphObjects;
  st.counters["sweep_ns/object"] = restNs / st.iterations() / kGraphObjects;
}
BENCHMARK(BM_SimGCCycle1M)->Unit(benchmark::kMillisecond)->Iterations(3);

// A plain C++ mark of the same graph: a BFS with a bit per object, then a
// sweep over all objects (the simulated cycle also sweeps).
void BM_PlainMark1M(benchmark::State& st) {
  Graph gr = makeGraph(kGraphObjects, 42);
  std::uint64_t marked = 0;
  double markNs = 0;
  for (auto _ : st) {
    auto t0 = std::chrono::steady_clock::now();
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
    markNs += std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
    marked = 0;
    for (auto m : mark) marked += m;
    benchmark::DoNotOptimize(marked);
  }
  st.counters["objects/s"] =
      benchmark::Counter(double(kGraphObjects) * st.iterations(), benchmark::Counter::kIsRate);
  st.counters["marked"] = double(marked);
  st.counters["mark_ns/object"] = markNs / st.iterations() / kGraphObjects;  // wall, the BFS alone
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
// (record, inline pointer fields, mark bit and info, span slot table and
// alloc bits), counting what
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
    // Span records, and the slot -> object pool all spans share.
    double spans = used(s.heap.spans) + used(s.heap.slots);
    double spansReserved = reserved(s.heap.spans) + reserved(s.heap.slots);
    double inUse =
        used(s.world.objects) + used(s.world.inl) + used(s.world.info) + used(s.heap.allocPool) + spans;
    double all = reserved(s.world.objects) + reserved(s.world.inl) + reserved(s.world.info) +
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

// Fast forward: a long run with a small heap through stepMany, events off
// (what `tricolor --headless` does without --events/--narrate/--hash), next
// to the same run through single steps with events on (what the window
// does while playing).
using test::churnProgram;

// A long-running program with a small heap: one allocation per ~80 steps
// (pointer stores in between), so after 10^7 steps the state (which keeps
// the record of every object ever allocated) is a few MiB.
std::shared_ptr<const Program> smallHeapProgram(std::int64_t n) {
  test::ProgramBuilder b;
  b.type("Node", {{"next", "Node"}}, 8);
  b.global("root", "Node");
  auto m = b.func("main");
  m.local("a", "Node").local("t", "Node").local("b", "Node").local("c", "Node");
  m.repeat(n).newObj("Node", "t").store("t.next", "a").store("a", "t");
  m.repeat(40).store("b", "a").store("c", "b").end();
  m.end().clear("a");
  b.config().gogc = 10;
  b.config().monitor = false;
  return b.build();
}

void BM_FastForward(benchmark::State& st) {
  auto prog = churnProgram(1'000'000'000);
  const bool batched = st.range(0) != 0;
  constexpr std::uint64_t kSteps = 1 << 20;  // from a fresh start each time: the same steps for both
  for (auto _ : st) {
    st.PauseTiming();
    auto sim = std::make_unique<Simulation>(prog);
    EventSink sink;
    sink.enabled = !batched;
    st.ResumeTiming();
    if (batched)
      sim->stepMany(sink, kSteps);
    else
      for (std::uint64_t i = 0; i < kSteps; ++i) sim->step(sink);
    benchmark::DoNotOptimize(sim->steps());
    st.PauseTiming();
    sim.reset();
    st.ResumeTiming();
  }
  st.counters["steps/s"] = benchmark::Counter(double(st.iterations()) * kSteps, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FastForward)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(5);

// History over a long run: record `steps` steps (events off, checkpoints
// thinned to the default budget), then time one step back from random
// places and jumps to random steps. Small heap: smallHeapProgram, 10^7
// steps; large heap: the 1M-object graph's forced cycle (about 720k steps,
// mark and sweep), a state of about 50 MiB.
double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
  return v[v.size() / 2];
}

struct LongHistory {
  std::unique_ptr<History> h;
  std::uint64_t steps = 0;
  double recordSeconds = 0;
};

LongHistory& longHistory(bool large) {
  static LongHistory small, big;
  LongHistory& lh = large ? big : small;
  if (lh.h) return lh;
  auto t0 = std::chrono::steady_clock::now();
  if (!large) {
    lh.h = std::make_unique<History>(Simulation(smallHeapProgram(1'000'000'000)));
    lh.steps = 10'000'000;
  } else {
    Graph gr = makeGraph(kGraphObjects, 42);
    auto sim = simWithGraph(gr, kGraphObjects);
    lh.h = std::make_unique<History>(std::move(*sim));
    lh.steps = 1'000'000;
  }
  lh.h->advance(lh.steps);
  lh.recordSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return lh;
}

void historyCounters(benchmark::State& st, const LongHistory& lh) {
  st.counters["steps"] = double(lh.h->furthest());
  st.counters["history_MiB"] = double(lh.h->memoryBytes()) / (1 << 20);
  st.counters["bytes/step"] = lh.h->bytesPerStep();
  st.counters["checkpoint_every"] = double(lh.h->checkpointInterval());
  st.counters["record_s"] = lh.recordSeconds;
  st.counters["state_MiB"] = double(lh.h->current().memoryBytes()) / (1 << 20);
}

// One step back from a random place: the first back into a segment replays
// it (and fills the segment cache), the next ones are short replays; the
// median over many is what a student holding the Left key sees.
void BM_HistoryStepBack(benchmark::State& st) {
  LongHistory& lh = longHistory(st.range(0) != 0);
  std::mt19937_64 rng(1);
  int backs = 0;
  std::vector<double> us;
  for (auto _ : st) {
    if (backs == 0) {
      st.PauseTiming();
      lh.h->seek(1 + rng() % lh.h->furthest());
      st.ResumeTiming();
      backs = 20;
    }
    auto t0 = std::chrono::steady_clock::now();
    lh.h->back();
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    --backs;
  }
  historyCounters(st, lh);
  st.counters["median_us"] = median(us);
}
BENCHMARK(BM_HistoryStepBack)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->Iterations(100);

// A jump to a random step (the scrub slider).
void BM_HistorySeek(benchmark::State& st) {
  LongHistory& lh = longHistory(st.range(0) != 0);
  std::mt19937_64 rng(2);
  std::vector<double> ms;
  for (auto _ : st) {
    auto t0 = std::chrono::steady_clock::now();
    lh.h->seek(rng() % (lh.h->furthest() + 1));
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  historyCounters(st, lh);
  st.counters["median_ms"] = median(ms);
}
BENCHMARK(BM_HistorySeek)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(20);

// Start-up: loading a scenario of 10^5 operations (generated here: one
// main with a mix of new, store, clear and a repeat) from its JSON text.
std::string bigScenario(int ops) {
  std::string s = R"({"format": "tricolor-scenario", "version": 1, "title": "10^5 operations",
  "types": [{"name": "Node", "fields": [{"name": "next", "type": "*Node"}, {"name": "v", "type": "int"}]}],
  "globals": [{"name": "g", "type": "*Node"}],
  "functions": [{"name": "main", "locals": [{"name": "a", "type": "*Node"}, {"name": "b", "type": "*Node"}],
  "body": [)";
  for (int i = 0; i < ops; ++i) {
    if (i) s += ",\n";
    const int line = 10 + i;
    switch (i % 4) {
      case 0: s += R"({"op": "new", "type": "Node", "to": "a", "line": )" + std::to_string(line) + "}"; break;
      case 1:
        s += R"({"op": "store", "to": "a.next", "from": "b", "line": )" + std::to_string(line) + "}";
        break;
      case 2: s += R"({"op": "store", "to": "b", "from": "a", "line": )" + std::to_string(line) + "}"; break;
      default: s += R"({"op": "clear", "to": "g", "line": )" + std::to_string(line) + "}"; break;
    }
  }
  s += "]}]}";
  return s;
}

const std::string& bigScenarioText() {
  static const std::string text = bigScenario(100'000);
  return text;
}

void BM_LoadScenario100k(benchmark::State& st) {
  const std::string& text = bigScenarioText();
  std::size_t ops = 0;
  for (auto _ : st) {
    LoadResult r = loadScenarioText(text, "big.json");
    if (!r.ok()) {
      st.SkipWithError(r.errors.empty() ? "load failed" : r.errors.front().format().c_str());
      break;
    }
    ops = r.program->functions.at(0).ops.size();
    benchmark::DoNotOptimize(r.program.get());
  }
  st.counters["ops"] = double(ops);
  st.counters["MiB"] = double(text.size()) / (1 << 20);
}
BENCHMARK(BM_LoadScenario100k)->Unit(benchmark::kMillisecond);

// Same-run baseline for the load: nlohmann::json::parse alone of the same
// text (building and freeing its DOM), which is what the loader did before
// it read anything. The load row is judged as a ratio to this one.
void BM_LoadScenario100kBareParse(benchmark::State& st) {
  const std::string& text = bigScenarioText();
  for (auto _ : st) {
    nlohmann::json j = nlohmann::json::parse(text);
    benchmark::DoNotOptimize(j.size());
  }
  st.counters["MiB"] = double(text.size()) / (1 << 20);
}
BENCHMARK(BM_LoadScenario100kBareParse)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tricolor

#ifndef NO_BENCH_MAIN
BENCHMARK_MAIN();
#endif
