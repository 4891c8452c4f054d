// Helpers shared by the core tests: run a simulation and keep its events.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "core/model/event.hpp"
#include "core/sim/simulation.hpp"

namespace tricolor::test {

struct Run {
  std::vector<Event> events;
  std::vector<std::uint64_t> stepOf;  // step number of each event
};

// Steps until the program ends (or maxSteps), keeping every event.
inline Run runToEnd(Simulation& sim, std::uint64_t maxSteps = 1'000'000) {
  Run r;
  EventSink sink;
  for (std::uint64_t i = 0; i < maxSteps && !sim.finished(); ++i) {
    sim.step(sink);
    for (const Event& e : sink.events) {
      r.events.push_back(e);
      r.stepOf.push_back(sim.steps());
    }
  }
  return r;
}

// Steps until pred(events of the step) is true; returns false if it never was.
inline bool stepUntil(Simulation& sim, const std::function<bool(const std::vector<Event>&)>& pred,
                      std::uint64_t maxSteps = 100000, Run* keep = nullptr) {
  EventSink sink;
  for (std::uint64_t i = 0; i < maxSteps && !sim.finished(); ++i) {
    sim.step(sink);
    if (keep)
      for (const Event& e : sink.events) keep->events.push_back(e);
    if (pred(sink.events)) return true;
  }
  return false;
}

inline bool has(const std::vector<Event>& ev, EventKind k) {
  return std::any_of(ev.begin(), ev.end(), [&](const Event& e) { return e.kind == k; });
}
// An event of kind k about object o (the first object it names).
inline bool has(const std::vector<Event>& ev, EventKind k, ObjectId o) {
  return std::any_of(ev.begin(), ev.end(),
                     [&](const Event& e) { return e.kind == k && eventObjects(e)[0] == o; });
}
// Is e an event of payload P's kind about object o?
template <class P>
bool isAbout(const Event& e, ObjectId o) {
  return e.is<P>() && e.as<P>().object == o;
}
// An event of payload P's kind for which pred(payload) holds.
template <class P, class Pred>
bool hasEvent(const std::vector<Event>& ev, Pred pred) {
  return std::any_of(ev.begin(), ev.end(), [&](const Event& e) { return e.is<P>() && pred(e.as<P>()); });
}
inline std::size_t count(const std::vector<Event>& ev, EventKind k) {
  return static_cast<std::size_t>(
      std::count_if(ev.begin(), ev.end(), [&](const Event& e) { return e.kind == k; }));
}

// The object carrying a label (the last one allocated with it).
inline ObjectId labelled(const Simulation& sim, const std::string& label) {
  const auto& labels = sim.state().world.labels;
  for (std::size_t i = labels.size(); i-- > 1;)
    if (labels[i] == label) return static_cast<ObjectId>(i);
  return kNil;
}

inline std::uint64_t eventHash(const std::vector<Event>& ev) {
  return hashEvents(kEventHashSeed, ev.data(), ev.size());
}

}  // namespace tricolor::test
