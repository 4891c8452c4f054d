// Snapshots written from a scenario reload to the identical state and
// future; damaged snapshots are rejected with a clear error.
#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/io/snapshot.hpp"
#include "core/io/state_json.hpp"
#include "core/sim/narrator.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;
using namespace tricolor::test;

namespace {

std::string scenario(const std::string& name) { return std::string(TRICOLOR_SOURCE_DIR) + "/scenarios/" + name; }

struct Started {
  std::unique_ptr<Simulation> sim;
  SnapshotSource src;
};

Started start(const std::string& file, std::vector<std::string> overrides, std::uint64_t steps) {
  ScenarioRun run = prepareScenario(loadScenarioFile(scenario(file)), overrides);
  REQUIRE(run.program);
  Started s;
  s.sim = std::make_unique<Simulation>(run.program);
  s.src.scenarioFile = file;
  s.src.scenarioText = run.load.sourceText;
  s.src.overrides = overrides;
  EventSink sink;
  for (std::uint64_t i = 0; i < steps && !s.sim->finished(); ++i) s.sim->step(sink);
  return s;
}

}  // namespace

TEST_CASE("snapshot: reload gives the same state, and the same future events") {
  for (const char* file : {"linked-list-garbage.json", "lost-object.json", "gogc-comparison.json"}) {
    CAPTURE(file);
    Started s = start(file, {"GOGC=50"}, 40);
    std::string text = snapshotText(*s.sim, s.src, "narration");
    SnapshotLoad back = loadSnapshotText(text, "snap.json");
    for (auto& e : back.errors) MESSAGE(e.format());
    REQUIRE(back.ok());
    CHECK(back.sim->state() == s.sim->state());
    CHECK(back.source.overrides == std::vector<std::string>{"GOGC=50"});
    CHECK(back.sim->program().config.gogc == 50);
    Run a = runToEnd(*s.sim, 5000), b = runToEnd(*back.sim, 5000);
    CHECK(eventHash(a.events) == eventHash(b.events));
    CHECK(a.events.size() == b.events.size());
  }
}

TEST_CASE("snapshot: damaged or foreign snapshots are rejected with the path of the problem") {
  Started s = start("linked-list-garbage.json", {}, 10);
  nlohmann::json j = nlohmann::json::parse(snapshotText(*s.sim, s.src, ""));
  auto expect = [](const nlohmann::json& doc, const std::string& path, const std::string& words) {
    SnapshotLoad r = loadSnapshotText(doc.dump(), "bad.json");
    REQUIRE_FALSE(r.ok());
    REQUIRE_FALSE(r.errors.empty());
    CHECK(r.errors[0].path == path);
    CHECK(r.errors[0].message.find(words) != std::string::npos);
    CHECK(r.errors[0].format().find("bad.json") == 0);
  };
  nlohmann::json edited = j;
  edited["state"]["heap"]["stats"]["heapLive"] = 12345;
  expect(edited, "/state", "does not match");
  nlohmann::json v2 = j;
  v2["version"] = 2;
  expect(v2, "/version", "unsupported snapshot version");
  nlohmann::json noState = j;
  noState.erase("state");
  expect(noState, "/state", "missing");
  nlohmann::json far = j;
  far["step"] = 100000000;
  expect(far, "/step", "ends at step");
  nlohmann::json notOurs = j;
  notOurs["format"] = "something-else";
  expect(notOurs, "/format", "not a tricolor snapshot");
  nlohmann::json badScenario = j;
  badScenario["scenario"] = "{\"format\": \"tricolor-scenario\", \"version\": 1, \"oops\": 1}";
  SnapshotLoad r = loadSnapshotText(badScenario.dump(), "bad.json");
  REQUIRE_FALSE(r.errors.empty());
  CHECK(r.errors[0].message.find("in the embedded scenario") != std::string::npos);
  // Numbers out of range and pathological nesting are errors, not crashes.
  SnapshotLoad huge = loadSnapshotText("{\"format\": \"tricolor-snapshot\", \"version\": 1e400}", "bad.json");
  REQUIRE_FALSE(huge.errors.empty());
  CHECK(huge.errors[0].message.find("out of range") != std::string::npos);
  SnapshotLoad deep = loadSnapshotText(std::string(100000, '[') + std::string(100000, ']'), "bad.json");
  REQUIRE_FALSE(deep.errors.empty());
  CHECK(deep.errors[0].line == 1);
  // Broken JSON: position reported.
  SnapshotLoad broken = loadSnapshotText("{\n  \"format\": \n", "bad.json");
  REQUIRE_FALSE(broken.errors.empty());
  CHECK(broken.errors[0].line >= 2);
}

TEST_CASE("writeFileAtomic replaces the destination in one step and leaves no temporary file") {
  std::string dir = std::string(TRICOLOR_BINARY_DIR_FOR_TESTS);
  std::string path = dir + "/atomic-test.txt";
  CHECK(writeFileAtomic(path, "first").empty());
  CHECK(writeFileAtomic(path, "second").empty());
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "second");
  CHECK_FALSE(writeFileAtomic("/nonexistent-dir/x.json", "x").empty());
}
