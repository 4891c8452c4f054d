// The pacer (runtime/mgcpacer.go): heap goal, trigger, worker plan and
// assist ratio. pacer.hpp tells the story; this file is the arithmetic.
#include "core/gc/pacer.hpp"

#include <cmath>

namespace tricolor {

namespace {
constexpr std::uint64_t kTriggerRatioDen = 64;
constexpr std::uint64_t kMinTriggerRatioNum = 45;  // ~0.7
constexpr std::uint64_t kMaxTriggerRatioNum = 61;  // ~0.95
constexpr std::uint64_t kMinRunway = 64 << 10;
}  // namespace

bool PiController::next(double input, double setpoint, double period, double& out) {
  double prop = kp * (setpoint - input);
  double raw = prop + errIntegral;
  if (!std::isfinite(raw)) {
    errIntegral = 0;
    out = min;
    return false;
  }
  double output = raw < min ? min : (raw > max ? max : raw);
  errIntegral += (kp * period / ti) * (setpoint - input) + (period / tt) * (output - raw);
  if (!std::isfinite(errIntegral)) {
    errIntegral = 0;
    errOverflow = true;
    out = min;
    return false;
  }
  out = output;
  return true;
}

void Pacer::setGCPercent(int gogc) {
  gcPercent = gogc < 0 ? -1 : gogc;
  heapMinimum = gcPercent < 0 ? kHeapMinimum : kHeapMinimum * std::uint64_t(gcPercent) / 100;
}

void Pacer::commit(std::uint64_t heapLive, bool sweepDone) {
  sweepDistMinTrigger = sweepDone ? 0 : heapLive + kSweepMinHeapDistance;
  std::uint64_t goal = ~std::uint64_t{0};
  if (gcPercent >= 0)
    goal = heapMarked + (heapMarked + lastStackScan + globalsScan) * std::uint64_t(gcPercent) / 100;
  if (goal < heapMinimum) goal = heapMinimum;
  gcPercentHeapGoal = goal;
  double r = consMark * (1 - kBackgroundUtilization) / kBackgroundUtilization *
             double(lastHeapScan + lastStackScan + globalsScan);
  runway = r <= 0 ? 0 : (r >= 1.8e19 ? ~std::uint64_t{0} : std::uint64_t(r));
}

std::uint64_t Pacer::memoryLimitGoal(const MemoryView& mem) const {
  if (memoryLimit >= kNoLimit) return ~std::uint64_t{0};
  std::uint64_t nonHeap =
      mem.mapped > mem.heapFree + mem.heapAlloc ? mem.mapped - mem.heapFree - mem.heapAlloc : 0;
  std::uint64_t overage = mem.mapped > memoryLimit ? mem.mapped - memoryLimit : 0;
  if (nonHeap + overage >= memoryLimit) return heapMarked;
  std::uint64_t goal = memoryLimit - (nonHeap + overage);
  if (goal < kMemoryLimitHeadroom || goal - kMemoryLimitHeadroom < kMemoryLimitHeadroom)
    goal = kMemoryLimitHeadroom;
  else
    goal -= kMemoryLimitHeadroom;
  if (goal < heapMarked) goal = heapMarked;
  return goal;
}

std::uint64_t Pacer::heapGoal(const MemoryView& mem, std::uint64_t* minTrigger) const {
  std::uint64_t goal = gcPercentHeapGoal;
  std::uint64_t minT = 0;
  std::uint64_t limitGoal = memoryLimitGoal(mem);
  if (limitGoal < goal) {
    goal = limitGoal;
  } else {
    if (sweepDistMinTrigger > goal) goal = sweepDistMinTrigger;
    minT = sweepDistMinTrigger;
    if (triggered != ~std::uint64_t{0} && goal < triggered + kMinRunway) goal = triggered + kMinRunway;
  }
  if (minTrigger) *minTrigger = minT;
  return goal;
}

std::uint64_t Pacer::trigger(const MemoryView& mem, std::uint64_t* goalOut) const {
  std::uint64_t minTrigger = 0;
  std::uint64_t goal = heapGoal(mem, &minTrigger);
  if (goalOut) *goalOut = goal;
  if (heapMarked >= goal) return goal;
  if (minTrigger < heapMarked) minTrigger = heapMarked;
  std::uint64_t lower = ((goal - heapMarked) / kTriggerRatioDen) * kMinTriggerRatioNum + heapMarked;
  if (minTrigger < lower) minTrigger = lower;
  std::uint64_t maxTrigger = ((goal - heapMarked) / kTriggerRatioDen) * kMaxTriggerRatioNum + heapMarked;
  if (goal > kHeapMinimum && goal - kHeapMinimum > maxTrigger) maxTrigger = goal - kHeapMinimum;
  if (maxTrigger < minTrigger) maxTrigger = minTrigger;
  std::uint64_t t = runway > goal ? minTrigger : goal - runway;
  if (t < minTrigger) t = minTrigger;
  if (t > maxTrigger) t = maxTrigger;
  return t;
}

void Pacer::startCycle(std::uint64_t now, unsigned procs, std::uint64_t heapLive, std::uint64_t heapScan,
                       const MemoryView& mem) {
  heapScanWork = stackScanWork = globalsScanWork = 0;
  bgScanCredit = 0;
  assistTime = dedicatedTime = fractionalTime = idleTime = 0;
  markStartTime = now;
  triggered = trigger(mem);
  double total = double(procs) * kBackgroundUtilization;
  dedicatedWorkersNeeded = std::int64_t(total + 0.5);
  double utilError = double(dedicatedWorkersNeeded) / total - 1;
  if (utilError < -0.3 || utilError > 0.3) {
    if (double(dedicatedWorkersNeeded) > total) --dedicatedWorkersNeeded;
    fractionalGoal = (total - double(dedicatedWorkersNeeded)) / double(procs);
  } else {
    fractionalGoal = 0;
  }
  dedicatedWorkers = dedicatedWorkersNeeded;
  revise(heapLive, heapScan, mem);
}

void Pacer::revise(std::uint64_t heapLive, std::uint64_t heapScan, const MemoryView& mem) {
  int percent = gcPercent < 0 ? 100000 : gcPercent;
  std::int64_t work = std::int64_t(heapScanWork + stackScanWork + globalsScanWork);
  std::int64_t goal = std::int64_t(heapGoal(mem));
  std::int64_t expected = std::int64_t(lastHeapScan + lastStackScan + globalsScan);
  std::int64_t maxScanWork = std::int64_t(heapScan + maxStackScan + globalsScan);
  if (work > expected) {
    std::int64_t trig = std::int64_t(triggered == ~std::uint64_t{0} ? heapMarked : triggered);
    double denom = expected > 0 ? double(expected) : 1.0;
    std::int64_t ext = std::int64_t(double(goal - trig) / denom * double(maxScanWork)) + trig;
    expected = maxScanWork;
    std::int64_t hard = std::int64_t((1.0 + percent / 100.0) * double(goal));
    if (ext > hard) ext = hard;
    goal = ext;
  }
  if (std::int64_t(heapLive) > goal) {
    goal = std::int64_t(double(goal) * 1.1);
    expected = maxScanWork;
  }
  std::int64_t remaining = expected - work;
  if (remaining < 1000) remaining = 1000;
  std::int64_t heapRemaining = goal - std::int64_t(heapLive);
  if (heapRemaining <= 0) heapRemaining = 1;
  assistWorkPerByte = double(remaining) / double(heapRemaining);
  assistBytesPerWork = double(heapRemaining) / double(remaining);
}

void Pacer::endCycle(std::uint64_t now, unsigned procs, std::uint64_t heapLive) {
  std::uint64_t assistDuration = now - markStartTime;
  double utilization = kBackgroundUtilization;
  if (assistDuration > 0) utilization += double(assistTime) / double(assistDuration * procs);
  if (triggered == ~std::uint64_t{0} || heapLive <= triggered) return;
  double idleUtil = assistDuration > 0 ? double(idleTime) / double(assistDuration * procs) : 0;
  double scanWork = double(heapScanWork + stackScanWork + globalsScanWork);
  if (scanWork <= 0 || utilization >= 1) return;
  double current = (double(heapLive - triggered) * (utilization + idleUtil)) / (scanWork * (1 - utilization));
  double out = 0;
  if (!consMarkController.next(consMark, current, 1.0, out)) out = 0;
  consMark = out;
}

void Pacer::resetLive(std::uint64_t bytesMarked) {
  heapMarked = bytesMarked;
  lastHeapScan = heapScanWork;
  lastStackScan = stackScanWork;
  triggered = ~std::uint64_t{0};
}

}  // namespace tricolor
