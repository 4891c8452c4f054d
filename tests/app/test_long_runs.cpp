// Long runs keep the event log off their hot path: with the log paused the
// session records nothing per step, and unpausing refills it with exactly
// the steps a run with the log on would show.
#include <doctest/doctest.h>

#include <string>

#include "render/model/session.hpp"
#include "tests/app/app_test_util.hpp"

using namespace tricolor;
using namespace tricolor::render;

using testutil::openSource;

TEST_CASE("a run with the event log paused ends with the same recent log as a run with it on") {
  for (const char* file : {"tests/app/data/bench-300.json", "scenarios/lazy-sweeping.json"}) {
    CAPTURE(file);
    Session on = openSource(file), off = openSource(file);
    const auto forever = Session::Clock::now() + std::chrono::hours(1);
    on.runUntil({}, 5000, forever);
    off.pauseLog(true);
    off.runUntil({}, 5000, forever);
    CHECK(off.log().empty());  // nothing copied while paused
    off.pauseLog(false);
    REQUIRE(on.position() == off.position());
    REQUIRE(!off.log().empty());
    CHECK(off.log().back().step == off.position());
    // The steps just before the current one, contiguous, as the run with the log on has them.
    std::uint64_t prev = 0;
    for (const LogEntry& e : off.log()) {
      if (prev) CHECK(e.step == prev + 1);
      prev = e.step;
    }
    for (auto a = off.log().rbegin(), b = on.log().rbegin(); a != off.log().rend() && b != on.log().rend();
         ++a, ++b) {
      REQUIRE(a->step == b->step);
      REQUIRE(a->events.size() == b->events.size());
      for (std::size_t i = 0; i < a->events.size(); ++i) CHECK(a->events[i].kind == b->events[i].kind);
    }
  }
}

TEST_CASE("the layout and the pacer still see every step while the log is paused") {
  Session on = openSource("tests/app/data/bench-300.json"), off = openSource("tests/app/data/bench-300.json");
  const auto forever = Session::Clock::now() + std::chrono::hours(1);
  off.pauseLog(true);
  on.runUntil({}, 1000, forever);
  off.runUntil({}, 1000, forever);
  CHECK(off.layout().placedIds() == on.layout().placedIds());
  REQUIRE(off.pacer().samples().size() == on.pacer().samples().size());
  CHECK(off.furthest() == on.furthest());
}
