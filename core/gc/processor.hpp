// A P (runtime2.go's p): a processor the scheduler runs goroutines on, with
// what the collector keeps per P - the mark worker mode it runs, its
// fractional mark time, and its mcache, which must be flushed after mark
// termination (the sweeper needs the spans it holds). Plain data: the
// scheduler (core/sim) decides what runs on it.
#pragma once

#include <cstdint>

#include "core/alloc/heap.hpp"
#include "core/model/ids.hpp"

namespace tricolor {

enum class WorkerMode : std::uint8_t { None, Dedicated, Fractional, Idle };

struct Processor {
  PId id = 0;
  std::uint64_t now = 0;  // this P's simulated clock (ns)
  GoroutineId cur = 0;    // running goroutine (0 = idle)
  std::uint64_t sliceStart = 0;
  WorkerMode workerMode = WorkerMode::None;
  std::uint64_t fractionalTime = 0;  // this cycle
  bool needMcacheFlush = false;      // prepareForSweep pending after mark termination
  MCache mcache;
  bool operator==(const Processor&) const = default;
};

}  // namespace tricolor
