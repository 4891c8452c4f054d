// TRICOLOR_ASSERT itself: a failed check prints file:line, the condition and
// the message, then aborts. Each case runs the failing code in a child
// process (fork) and looks at how it died and what it printed.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <functional>
#include <string>

#include "core/gc/collector.hpp"
#include "core/model/assert.hpp"
#include "tests/core/builder.hpp"
#include "tests/core/sim_access.hpp"

namespace {

struct Death {
  bool aborted = false;  // killed by SIGABRT
  int exitCode = -1;     // when it exited normally
  std::string err;       // what it wrote to stderr
};

// Runs fn in a child process with stderr captured (the child's doctest
// never reports: it exits or dies before).
Death runInChild(const std::function<void()>& fn) {
  int fd[2];
  REQUIRE(pipe(fd) == 0);
  std::fflush(nullptr);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // Die as the program would, not through doctest's crash handler.
    std::signal(SIGABRT, SIG_DFL);
    dup2(fd[1], 2);
    close(fd[0]);
    close(fd[1]);
    fn();
    _exit(0);
  }
  close(fd[1]);
  Death d;
  char buf[512];
  for (ssize_t n; (n = read(fd[0], buf, sizeof buf)) > 0;) d.err.append(buf, std::size_t(n));
  close(fd[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  d.aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
  if (WIFEXITED(status)) d.exitCode = WEXITSTATUS(status);
  return d;
}

}  // namespace

TEST_CASE("TRICOLOR_ASSERT: a failed check prints where and why, then aborts") {
  int spans = 3;
  const int line = __LINE__ + 1;
  Death d = runInChild([&] { TRICOLOR_ASSERT(spans == 2, "two spans were expected"); });
#if defined(TRICOLOR_ASSERTS) && TRICOLOR_ASSERTS
  CHECK(d.aborted);
  CHECK(d.err == std::string(__FILE__) + ":" + std::to_string(line) +
                     ": TRICOLOR_ASSERT(spans == 2) failed: two spans were expected\n");
  // A check that holds says nothing.
  Death ok = runInChild([&] { TRICOLOR_ASSERT(spans == 3, "three spans"); });
  CHECK(ok.exitCode == 0);
  CHECK(ok.err.empty());
#else
  // Off (Release): not even evaluated.
  CHECK(d.exitCode == 0);
  CHECK(d.err.empty());
#endif
}

TEST_CASE("TRICOLOR_ASSERT in the collector: sweeping a span twice in one cycle stops the program") {
  using namespace tricolor;
  test::ProgramBuilder b;
  b.type("Node", {{"next", "Node"}});
  auto m = b.func("main");
  m.local("a", "Node");
  m.newObj("Node", "a", "A").gc().newObj("Node", "a", "B");
  Simulation sim(b.build());
  EventSink sink;
  while (!sim.finished() && !(sim.state().gc.cycle == 1 && sim.state().gc.phase == Phase::Off))
    sim.step(sink);
  REQUIRE(sim.state().gc.cycle == 1);
  REQUIRE(sim.state().gc.phase == Phase::Off);
  // Every span has been swept this cycle (the collector is off again).
  State& s = SimAccess::state(sim);
  SpanId swept = kNoSpan;
  for (SpanId sid = 0; sid < s.heap.spans.size(); ++sid)
    if (s.heap.spans[sid].state == SpanState::InUse && s.heap.spans[sid].sweepgen == s.heap.sweepgen)
      swept = sid;
  REQUIRE(swept != kNoSpan);
  Death d = runInChild([&] {
    GcContext c{sim.program(), s.world, s.heap, s.gc, s.pacer, sink, 0};
    s.gc.phase = Phase::Sweep;  // only the span's sweepgen is wrong
    sweepSpan(c, swept, SweepCause::Background);
  });
#if defined(TRICOLOR_ASSERTS) && TRICOLOR_ASSERTS
  CHECK(d.aborted);
  CHECK(d.err.find("core/gc/sweep.cpp:") != std::string::npos);
  CHECK(d.err.find("failed: sweeping a span that no sweeper took") != std::string::npos);
#else
  CHECK(d.exitCode == 0);
#endif
}
