// Snapshots written from a scenario reload to the identical state and
// future; damaged snapshots are rejected with a clear error.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/io/snapshot.hpp"
#include "core/io/state_json.hpp"
#include "core/sim/narrator.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;
using namespace tricolor::test;

namespace {

std::string scenarioPath(const std::string& name) {
  return std::string(TRICOLOR_SOURCE_DIR) + "/scenarios/" + name;
}

struct Started {
  std::unique_ptr<Simulation> sim;
  SnapshotSource src;
};

Started start(const std::string& file, std::vector<std::string> overrides, std::uint64_t steps) {
  ScenarioRun run = prepareScenario(loadScenarioFile(scenarioPath(file)), overrides);
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
    CHECK(r.errors[0].line == 1);  // dump() writes one line
    CHECK(r.errors[0].column > 0);
    return r.errors[0];
  };
  nlohmann::json edited = j;
  edited["state"]["heap"]["stats"]["heapLive"] = 12345;
  expect(edited, "/state", "does not match");
  nlohmann::json v2 = j;
  v2["version"] = 2;
  LoadError version = expect(v2, "/version", "unsupported snapshot version");
  const std::string v2Text = v2.dump();  // ASCII: columns are bytes + 1
  CHECK(version.column ==
        static_cast<int>(v2Text.find("\"version\":2") + std::string("\"version\":").size() + 1));
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

TEST_CASE("snapshot limits: absurd files are refused with the limit and the position") {
  SUBCASE("a file of 300 MB is refused by its size, before it is read") {
    std::string big =
        (std::filesystem::temp_directory_path() / "tricolor-snapshot-tests-300MB.json").string();
    { std::ofstream(big) << "{"; }
    std::filesystem::resize_file(big, 300'000'000);  // sparse: no disk space, no time
    SnapshotLoad r = loadSnapshotFile(big);
    std::filesystem::remove(big);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].format() == big + ":1:1: snapshot is too large: 300000000 bytes (at most 128 MiB)");
  }
  SUBCASE("text over 128 MiB is refused before parsing") {
    SnapshotLoad r = loadSnapshotText(std::string((128u << 20) + 1, ' '), "big.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("at most 128 MiB") != std::string::npos);
  }
  SUBCASE("nesting deeper than 64 levels") {
    SnapshotLoad r =
        loadSnapshotText("{\"state\":\n  " + std::string(70, '[') + std::string(70, ']') + "}", "deep.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 2);
    CHECK(r.errors[0].column == 3 + 63);  // the 64th '[' opens level 65 (the snapshot object is level 1)
    CHECK(r.errors[0].message.find("nested deeper than 64 levels (a snapshot never needs that many)") !=
          std::string::npos);
  }
  SUBCASE("more than 2^24 values") {
    std::string many = "{\"state\": [";
    many.reserve(3 * (1u << 24) + 32);
    for (int i = 0; i < (1 << 24); ++i) many += "0,";
    SnapshotLoad r = loadSnapshotText(many + "0]}", "many.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 1);
    CHECK(r.errors[0].column > 1);
    CHECK(r.errors[0].message.find("more than 16777216 values") != std::string::npos);
  }
  SUBCASE("not a regular file, or no file") {
    SnapshotLoad dir = loadSnapshotFile(std::filesystem::temp_directory_path().string());
    REQUIRE(dir.errors.size() == 1);
    CHECK(dir.errors[0].message == "not a regular file");
    SnapshotLoad none = loadSnapshotFile("/nonexistent/tricolor.snapshot.json");
    REQUIRE(none.errors.size() == 1);
    CHECK(none.errors[0].message == "no such file");
  }
  SUBCASE("a syntax error points at its line and column, counted in characters") {
    SnapshotLoad r = loadSnapshotText(
        "{\"format\": \"tricolor-snapshot\",\n \"narration\": \"\u00e9\u00e9\" x}", "syn.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 2);
    CHECK(r.errors[0].column == 20);  // the x: "é" is one column, not two
    CHECK(r.errors[0].message.find("invalid JSON: syntax error") == 0);
  }
  SUBCASE("a number that does not fit a double is located") {
    SnapshotLoad r =
        loadSnapshotText("{\"format\": \"tricolor-snapshot\",\n \"version\": 1e400}", "num.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 2);
    CHECK(r.errors[0].column == 13);
    CHECK(r.errors[0].message.find("out of range") != std::string::npos);
  }
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
