// The safety monitor with check_invariants=true over every lesson and test
// scene: with a correct barrier it never reports the weak tri-color
// invariant broken, nor an object freed while reachable; with the barrier
// settings a lesson tells the student to try, it reports exactly the break
// that lesson teaches.
//
// The strong invariant (no black object or root points to a white one) is
// not asked of a correct run: the hybrid barrier keeps only the weak one
// (stack writes are never barriered, and the buffer shades late), so the
// monitor's strong-invariant reports are teaching aids, not alarms.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "core/io/snapshot.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;
using namespace tricolor::test;

namespace {

struct Checked {
  std::vector<Event> weak;  // InvariantBroken events for the weak invariant
  std::size_t lost = 0;     // ReachableFreed and DanglingUse
  std::vector<ObjectId> freedReachable;
  std::unique_ptr<Simulation> sim;
};

Checked playChecked(const std::string& file, std::vector<std::string> overrides) {
  overrides.push_back("check_invariants=true");
  ScenarioRun run =
      prepareScenario(loadScenarioFile(std::string(TRICOLOR_SOURCE_DIR) + "/" + file), overrides);
  for (const LoadError& e : run.errors) MESSAGE(e.format());
  REQUIRE_MESSAGE(run.program, file << " does not load");
  REQUIRE(run.program->config.checkInvariants);
  Checked c;
  c.sim = std::make_unique<Simulation>(run.program);
  EventSink sink;
  for (std::uint64_t i = 0; i < 5'000'000 && !c.sim->finished(); ++i) {
    c.sim->step(sink);
    for (const Event& e : sink.events) {
      if (e.kind == EventKind::InvariantBroken && e.as<InvariantBrokenEvent>().weak) c.weak.push_back(e);
      if (e.kind == EventKind::ReachableFreed || e.kind == EventKind::DanglingUse) ++c.lost;
      if (e.kind == EventKind::ReachableFreed) c.freedReachable.push_back(e.as<ReachableFreedEvent>().object);
    }
  }
  REQUIRE_MESSAGE(c.sim->finished(), file << " did not finish");
  return c;
}

// Every bundled lesson and test scene (the runs of scripts/compare_hashes.sh).
// bench-1m.json is left out: its single cycle marks 10^6 objects one step at
// a time, and the check visits the whole heap after each step (10^12 visits).
std::vector<std::string> scenes() {
  std::vector<std::string> out;
  for (const char* dir : {"scenarios", "tests/app/data"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(TRICOLOR_SOURCE_DIR) + "/" + dir)) {
      std::string name = e.path().filename().string();
      if (e.path().extension() != ".json" || name == "scenario.schema.json" || name.rfind("bad-", 0) == 0 ||
          name == "bench-1m.json")
        continue;
      out.push_back(std::string(dir) + "/" + name);
    }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE(
    "invariants: with a correct barrier no lesson or test scene breaks the weak invariant or loses an "
    "object") {
  std::vector<std::pair<std::string, std::vector<std::string>>> runs;
  REQUIRE(scenes().size() > 20);  // 16 lessons, 6 test scenes today
  for (const std::string& f : scenes()) {
    runs.push_back({f, {}});  // its own configuration, and Go's barrier if the file chose another
    ScenarioRun own = prepareScenario(loadScenarioFile(std::string(TRICOLOR_SOURCE_DIR) + "/" + f), {});
    if (own.program && own.program->config.barrier != BarrierMode::Hybrid)
      runs.push_back({f, {"write_barrier=hybrid"}});
  }
  // The other correct configurations the lesson tests play...
  runs.push_back({"scenarios/lost-object.json", {"write_barrier=dijkstra"}});
  runs.push_back({"scenarios/lost-object-insertion.json", {"write_barrier=yuasa"}});
  runs.push_back({"scenarios/lost-object-insertion.json", {"write_barrier=dijkstra"}});
  for (const char* gogc : {"GOGC=50", "GOGC=200", "GOGC=off"})
    runs.push_back({"scenarios/gogc-comparison.json", {gogc}});
  runs.push_back({"scenarios/memory-limit.json", {"GOMEMLIMIT=off"}});
  // ...and the seeded random schedules of scripts/compare_hashes.sh.
  for (const char* f : {"scenarios/roots.json", "scenarios/busy-program.json", "scenarios/lost-object.json"})
    for (const char* seed : {"seed=1", "seed=7", "seed=2024"})
      runs.push_back({f, {"scheduling=random", seed, "GOMAXPROCS=4"}});
  for (const auto& run : runs) {
    const std::string& file = run.first;  // not a structured binding: CAPTURE's lambda takes it
    const std::vector<std::string>& overrides = run.second;
    CAPTURE(file);
    CAPTURE(overrides.empty() ? std::string() : overrides.front());
    CAPTURE(overrides.size() > 1 ? overrides[1] : std::string());
    Checked c = playChecked(file, overrides);
    CHECK(c.weak.empty());
    CHECK(c.lost == 0);
  }
}

TEST_CASE("invariants: the lessons' barrier-off settings report the weak-invariant break they teach") {
  struct Lesson {
    const char* file;
    std::vector<std::string> overrides;
    const char* from;  // the black object pointing to `to` ("" = a black root: a stack)
    const char* to = "C";
  };
  const Lesson lessons[] = {
      {"scenarios/lost-object.json", {"write_barrier=none"}, ""},
      {"scenarios/lost-object.json", {"write_barrier=dijkstra", "stack_rescan=false"}, ""},
      {"scenarios/lost-object-insertion.json", {"write_barrier=yuasa", "stack_snapshot=false"}, "A"},
      {"scenarios/lost-object-insertion.json", {"write_barrier=none"}, "A"},
      {"scenarios/stack-rescan.json", {"stack_rescan=false"}, ""},
      {"tests/app/data/lost-object-early-scan.json", {"write_barrier=none"}, ""},
      // Lesson 16's ask: without a barrier, go serve(c3) does not shade C3.
      {"scenarios/roots.json", {"write_barrier=none"}, "", "C3"},
  };
  for (const Lesson& l : lessons) {
    CAPTURE(std::string(l.file));
    CAPTURE(l.overrides.back());
    Checked c = playChecked(l.file, l.overrides);
    ObjectId C = labelled(*c.sim, l.to);
    ObjectId from = *l.from ? labelled(*c.sim, l.from) : 0;
    REQUIRE(C != kNil);
    // One break, black `from` -> white C, and C, only C, then freed while
    // reachable.
    REQUIRE(c.weak.size() == 1);
    CHECK(c.weak[0].as<InvariantBrokenEvent>().from == from);
    CHECK(c.weak[0].as<InvariantBrokenEvent>().to == C);
    CHECK(c.freedReachable == std::vector<ObjectId>{C});
  }
}
