// Programs shared by the core tests and the benchmarks.
#pragma once

#include <cstdint>
#include <memory>

#include "tests/core/builder.hpp"

namespace tricolor::test {

// Allocation churn with a small heap: n times "t = new(Node); t.next = a;
// a = t", then a = nil. GOGC=10 makes a cycle every few thousand steps; the
// safety monitor is off (long runs).
inline std::shared_ptr<const Program> churnProgram(std::int64_t n) {
  ProgramBuilder b;
  b.type("Node", {{"next", "Node"}}, 8);
  b.global("root", "Node");
  auto m = b.func("main");
  m.local("a", "Node").local("t", "Node");
  m.repeat(n).newObj("Node", "t").store("t.next", "a").store("a", "t").end().clear("a");
  b.config().gogc = 10;
  b.config().monitor = false;
  return b.build();
}

}  // namespace tricolor::test
