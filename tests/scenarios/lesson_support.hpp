// Helpers for the lesson tests: load a bundled scenario (with config
// overrides, as a student would set them), play it to the end, and ask the
// questions a lesson is about: in which cycle was this object freed, was it
// lost, which objects carry this label.
#pragma once

#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/io/snapshot.hpp"
#include "tests/core/support.hpp"

namespace tricolor::lesson {

inline std::string scenarioPath(const std::string& file) {
  return std::string(TRICOLOR_SOURCE_DIR) + "/scenarios/" + file;
}

// The program of a bundled scenario with `overrides` applied ("GOGC=50").
inline std::shared_ptr<const Program> loadLesson(const std::string& file,
                                                 const std::vector<std::string>& overrides = {}) {
  ScenarioRun run = prepareScenario(loadScenarioFile(scenarioPath(file)), overrides);
  for (const LoadError& e : run.errors) MESSAGE(e.format());
  REQUIRE_MESSAGE(run.program, file << " does not load");
  return run.program;
}

// A finished run with every event, the step it happened in, and how many
// mark phases had completed when it happened (a Free event with cycle 2 was
// done by the sweep that follows cycle 2's marking).
struct Played {
  std::unique_ptr<Simulation> sim;
  std::vector<Event> events;
  std::vector<std::uint64_t> step;
  std::vector<std::uint32_t> marked;  // completed mark phases (CycleEnd events) before the event

  ObjectId obj(const std::string& label) const { return test::labelled(*sim, label); }
  // Every object allocated with this label, in allocation order.
  std::vector<ObjectId> all(const std::string& label) const {
    std::vector<ObjectId> out;
    const auto& labels = sim->state().world.labels;
    for (std::size_t i = 1; i < labels.size(); ++i)
      if (labels[i] == label) out.push_back(static_cast<ObjectId>(i));
    return out;
  }
  // The cycle whose sweep freed `o` (0 = never freed).
  std::uint32_t freedBy(ObjectId o) const {
    for (std::size_t i = 0; i < events.size(); ++i)
      if (auto f = events[i].get<FreeEvent>(); f && f->object == o) return marked[i];
    return 0;
  }
  // The safety monitor saw `o` freed while a root still reached it.
  bool lost(ObjectId o) const { return test::has(events, EventKind::ReachableFreed, o); }
  std::size_t count(EventKind k) const { return test::count(events, k); }
  // Index of the first event matching pred (events.size() if none).
  std::size_t first(const std::function<bool(const Event&)>& pred) const {
    for (std::size_t i = 0; i < events.size(); ++i)
      if (pred(events[i])) return i;
    return events.size();
  }
};

// Called after each step with the simulation and that step's events.
using StepHook = std::function<void(const Simulation&, const std::vector<Event>&)>;

// Plays a bundled scenario to its end. The run must end the Go way: main
// returns, with no panic, no deadlock, and a script that was followed to
// the letter (a skipped directive means the story did not happen).
inline Played play(const std::string& file, const std::vector<std::string>& overrides = {},
                   const StepHook& hook = {}, std::uint64_t maxSteps = 2'000'000) {
  Played p;
  p.sim = std::make_unique<Simulation>(loadLesson(file, overrides));
  EventSink sink;
  std::uint32_t marked = 0;
  for (std::uint64_t i = 0; i < maxSteps && !p.sim->finished(); ++i) {
    p.sim->step(sink);
    for (const Event& e : sink.events) {
      p.events.push_back(e);
      p.step.push_back(p.sim->steps());
      p.marked.push_back(marked);
      if (e.kind == EventKind::CycleEnd) ++marked;
    }
    if (hook) hook(*p.sim, sink.events);
  }
  REQUIRE_MESSAGE(p.sim->finished(), file << " did not finish in " << maxSteps << " steps");
  CHECK_MESSAGE(p.sim->state().endReason == EventKind::ProgramEnd,
                file << " did not end with main returning");
  CHECK_MESSAGE(!test::has(p.events, EventKind::ScriptSkip), file << ": a script directive could not run");
  return p;
}

// Summary numbers of a long run, without keeping its events.
struct Totals {
  std::uint32_t cycles = 0;
  std::uint64_t peakHeapLive = 0;
  std::vector<CycleStats> stats;            // one per completed cycle
  std::vector<std::uint64_t> allocAtStart;  // bytes ever allocated when each cycle started
};

inline Totals measure(const std::string& file, const std::vector<std::string>& overrides) {
  Simulation sim(loadLesson(file, overrides));
  EventSink sink;
  Totals t;
  while (!sim.finished()) {
    sim.step(sink);
    const HeapStats& hs = sim.state().heap.stats;
    t.peakHeapLive = std::max(t.peakHeapLive, hs.heapLive);
    for (const Event& e : sink.events)
      if (e.kind == EventKind::CycleStart) t.allocAtStart.push_back(hs.totalAlloc);
  }
  REQUIRE(sim.state().endReason == EventKind::ProgramEnd);
  for (const CycleStats& c : sim.state().gc.cycles)
    if (c.done) t.stats.push_back(c);
  t.cycles = static_cast<std::uint32_t>(t.stats.size());
  return t;
}

}  // namespace tricolor::lesson
