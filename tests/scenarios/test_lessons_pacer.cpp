// Lessons 12-13: the pacer's two knobs, GOGC and GOMEMLIMIT, compared on the
// same program as a student would do it with config overrides.
#include <doctest/doctest.h>

#include "tests/scenarios/lesson_support.hpp"

using namespace tricolor;
using namespace tricolor::lesson;

TEST_CASE(
    "lesson 12, GOGC: at GOGC=50 there are more cycles and a lower peak heap than at 100, and at 100 than at "
    "200, and off runs none") {
  Totals g50 = measure("gogc-comparison.json", {"GOGC=50"});
  Totals g100 = measure("gogc-comparison.json", {});
  Totals g200 = measure("gogc-comparison.json", {"GOGC=200"});
  Totals off = measure("gogc-comparison.json", {"GOGC=off"});
  INFO("cycles " << g50.cycles << "/" << g100.cycles << "/" << g200.cycles << "/" << off.cycles
                 << ", peak MiB " << g50.peakHeapLive / MiB << "/" << g100.peakHeapLive / MiB << "/"
                 << g200.peakHeapLive / MiB << "/" << off.peakHeapLive / MiB);
  // Halving GOGC roughly doubles the number of cycles.
  CHECK(g50.cycles > g100.cycles);
  CHECK(g100.cycles > g200.cycles);
  CHECK(double(g50.cycles) >= 1.6 * double(g100.cycles));
  CHECK(double(g100.cycles) >= 1.6 * double(g200.cycles));
  CHECK(off.cycles == 0);
  // The numbers the scenario's text quotes: about 19, 9 and 4 cycles.
  CHECK(g50.cycles >= 16);
  CHECK(g50.cycles <= 22);
  CHECK(g100.cycles >= 7);
  CHECK(g100.cycles <= 11);
  CHECK(g200.cycles >= 3);
  CHECK(g200.cycles <= 5);
  // And the heap peak goes the other way.
  CHECK(g50.peakHeapLive < g100.peakHeapLive);
  CHECK(g100.peakHeapLive < g200.peakHeapLive);
  CHECK(g200.peakHeapLive < off.peakHeapLive);
  CHECK(off.peakHeapLive > 32 * MiB);  // every request buffer is still there
  // Once the cache is full, the goal is the live heap plus GOGC percent of it.
  for (auto [t, gogcValue] : {std::pair{&g50, 50}, std::pair{&g100, 100}, std::pair{&g200, 200}}) {
    const int gogc = gogcValue;  // clang 14 cannot capture a structured binding (CAPTURE does)
    CAPTURE(gogc);
    const CycleStats& last = t->stats.back();
    double live = double(last.heap2);
    CHECK(live > 4.0 * double(MiB));
    CHECK(double(last.goal) == doctest::Approx(live * (1 + gogc / 100.0)).epsilon(0.05));
  }
}

TEST_CASE(
    "lesson 13, GOMEMLIMIT: with GOGC=off the limit alone triggers cycles, closer and closer as the live "
    "heap approaches it") {
  Totals limited = measure("memory-limit.json", {});
  const std::uint64_t limit = 20 * MiB;
  REQUIRE(limited.cycles >= 20);
  // The heap stays under the limit; the first cycle waits until it is near it (the text says about 18 MiB).
  CHECK(limited.peakHeapLive <= limit);
  CHECK(limited.stats.front().heap0 > 16 * MiB);
  // Bytes allocated between one cycle start and the next: the room shrinks as live data grows.
  std::vector<std::uint64_t> gaps;
  for (std::size_t i = 1; i < limited.allocAtStart.size(); ++i)
    gaps.push_back(limited.allocAtStart[i] - limited.allocAtStart[i - 1]);
  REQUIRE(gaps.size() >= 10);
  INFO("first gap " << gaps.front() / KiB << " KiB, last gap " << gaps.back() / KiB << " KiB, "
                    << limited.cycles << " cycles");
  CHECK(gaps.front() > 8 * gaps.back());
  // The death spiral: the last cycles find the heap almost entirely live.
  const CycleStats& last = limited.stats.back();
  CHECK(double(last.heap2) > 0.9 * double(last.heap0));
  CHECK(last.heap2 > 18 * MiB);
  // The collector's share of the CPU grows as cycles come back to back.
  CHECK(limited.stats.back().cpuFraction > 2 * limited.stats.front().cpuFraction);

  // Without the limit, GOGC=off means no collection at all.
  Totals unlimited = measure("memory-limit.json", {"GOMEMLIMIT=off"});
  CHECK(unlimited.cycles == 0);
  CHECK(unlimited.peakHeapLive > 50 * MiB);
}
