// The pacer (Go 1.18+ design 44167, memory limit 48409; src/runtime/mgcpacer.go
// as of Go 1.19). It decides when a cycle starts (the trigger), how big the
// heap may grow before the cycle must be done (the goal), how many background
// mark workers run, and how much marking an allocating goroutine must do
// itself (the assist ratio).
//
//   GOGC goal   = marked + (marked + stacks + globals) * GOGC/100, at least 4 MiB * GOGC/100
//   limit goal  = GOMEMLIMIT - non-heap memory - 1 MiB headroom, at least marked
//   goal        = min(GOGC goal, limit goal)
//   trigger     = goal - runway, clamped to [marked + 0.7*(goal-marked),
//                                            max(marked + 0.95*(goal-marked), goal - 4 MiB)]
//   runway      = consMark * (1-u)/u * (last heap scan + stack scan + globals), u = 0.25
//
// consMark (allocation rate over marking rate) is estimated at each cycle end
// and smoothed by a PI controller, as in Go.
#pragma once

#include <cstdint>
#include <limits>

namespace tricolor {

inline constexpr double kBackgroundUtilization = 0.25;          // gcBackgroundUtilization
inline constexpr std::uint64_t kHeapMinimum = 4 << 20;          // defaultHeapMinimum at GOGC=100
inline constexpr std::uint64_t kMemoryLimitHeadroom = 1 << 20;  // memoryLimitHeapGoalHeadroom (Go 1.19)
inline constexpr std::uint64_t kSweepMinHeapDistance = 1 << 20;
inline constexpr std::int64_t kOverAssistWork = 64 << 10;  // gcOverAssistWork
inline constexpr std::uint64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

struct PiController {
  double kp = 0.9, ti = 4.0, tt = 1000.0, min = -1000, max = 1000;
  double errIntegral = 0;
  bool errOverflow = false;
  // Returns the new output, or false when the error grew out of range.
  bool next(double input, double setpoint, double period, double& out);
  bool operator==(const PiController&) const = default;
};

// The inputs the pacer needs about memory outside the heap.
struct MemoryView {
  std::uint64_t mapped = 0;     // mappedReady: heap pages + stacks + globals
  std::uint64_t heapFree = 0;   // free heap pages
  std::uint64_t heapAlloc = 0;  // bytes in allocated object slots
};

struct Pacer {
  int gcPercent = 100;  // -1 = off
  std::uint64_t memoryLimit = kNoLimit;
  std::uint64_t heapMinimum = kHeapMinimum;
  std::uint64_t heapMarked = 0;
  std::uint64_t lastHeapScan = 0;
  std::uint64_t lastStackScan = 0;
  std::uint64_t maxStackScan = 0;
  std::uint64_t globalsScan = 0;
  std::uint64_t gcPercentHeapGoal = 0;
  std::uint64_t sweepDistMinTrigger = 0;
  std::uint64_t runway = 0;
  double consMark = 0;
  PiController consMarkController;
  std::uint64_t triggered = ~std::uint64_t{0};  // heapLive when this cycle triggered
  std::uint64_t lastHeapGoal = 0;
  // This cycle's plan
  std::int64_t dedicatedWorkersNeeded = 0;  // remaining dedicated slots
  std::int64_t dedicatedWorkers = 0;
  double fractionalGoal = 0;
  double assistWorkPerByte = 0;
  double assistBytesPerWork = 0;
  // Scan work done this cycle (bytes)
  std::uint64_t heapScanWork = 0, stackScanWork = 0, globalsScanWork = 0;
  std::int64_t bgScanCredit = 0;
  // CPU time this cycle (ns)
  std::uint64_t assistTime = 0, dedicatedTime = 0, fractionalTime = 0, idleTime = 0;
  std::uint64_t markStartTime = 0;

  void setGCPercent(int gogc);
  // commit: recompute the GOGC goal and the runway (after mark termination or a setting change).
  void commit(std::uint64_t heapLive, bool sweepDone);
  // heapGoal with its minimum trigger (heapGoalInternal).
  std::uint64_t heapGoal(const MemoryView& mem, std::uint64_t* minTrigger = nullptr) const;
  std::uint64_t memoryLimitGoal(const MemoryView& mem) const;
  // trigger(): returns the trigger; *goal receives the goal.
  std::uint64_t trigger(const MemoryView& mem, std::uint64_t* goal = nullptr) const;
  // startCycle: worker plan and first assist ratio.
  void startCycle(std::uint64_t now, unsigned procs, std::uint64_t heapLive, std::uint64_t heapScan,
                  const MemoryView& mem);
  // revise: assist ratio from remaining scan work and remaining heap.
  void revise(std::uint64_t heapLive, std::uint64_t heapScan, const MemoryView& mem);
  // endCycle: update consMark from this cycle's numbers.
  void endCycle(std::uint64_t now, unsigned procs, std::uint64_t heapLive);
  // resetLive at mark termination: the new marked heap and scan sizes.
  void resetLive(std::uint64_t bytesMarked);

  bool operator==(const Pacer&) const = default;
};

}  // namespace tricolor
