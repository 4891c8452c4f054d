#include "core/io/state_json.hpp"

#include <algorithm>

namespace tricolor {

// Span queues and copy-on-write arrays are written as plain arrays.
void to_json(nlohmann::json& j, const SpanQueue& q) { j = std::vector<SpanId>(q.begin(), q.end()); }
void from_json(const nlohmann::json& j, SpanQueue& q) {
  q = SpanQueue{};
  for (const auto& x : j) q.push_back(x.get<SpanId>());
}
template <class T, std::size_t S>
void to_json(nlohmann::json& j, const CowVector<T, S>& v) {
  j = nlohmann::json::array();
  for (const T& x : v) j.push_back(x);
}
template <class T, std::size_t S>
void from_json(const nlohmann::json& j, CowVector<T, S>& v) {
  v.clear();
  for (const auto& x : j) v.push_back(x.template get<T>());
}

// Field lists for nlohmann's serializer; enums become their numbers.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Object, type, span, slot, ptrs, goroutine, site, allocStep, state, flags,
                                   sizeClass)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(WeakHandle, handle, target)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(LoopState, begin, remaining, index)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Frame, func, pc, slots, loops, stackObjects)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(OpProgress, stage, charged, cycle, wakeAt, assistWorkLeft, assisting)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Goroutine, id, name, kind, status, wait, stack, progress, assistBytes,
                                   scannedCycle, inRootSnapshot, boundP, opsDone, gcStartPending,
                                   pendingTrigger, pendingCycle, readyAt, sweepBatch)
// Snapshots keep format 1's form of the mark bits: a bitmap "marks" of
// 1024-word blocks (ids 0..65535 per block), and "info" without them.
void to_json(nlohmann::json& j, const World& w) {
  const std::size_t n = w.objects.size();
  std::vector<std::uint64_t> marks(1024 * ((std::max<std::size_t>(n, 1) - 1) / 65536 + 1), 0);
  std::vector<std::uint16_t> info(w.info);
  for (std::size_t id = 0; id < info.size(); ++id) {
    if (info[id] & kInfoMarked) marks[id >> 6] |= std::uint64_t{1} << (id & 63);
    info[id] = static_cast<std::uint16_t>(info[id] & ~kInfoMarked);
  }
  j = nlohmann::json{{"objects", w.objects},
                     {"ptrPool", w.ptrPool},
                     {"inl", w.inl},
                     {"marks", marks},
                     {"info", info},
                     {"tinyPieces", w.tinyPieces},
                     {"labels", w.labels},
                     {"globals", w.globals},
                     {"goroutines", w.goroutines},
                     {"weakHandles", w.weakHandles},
                     {"finalizers", w.finalizers},
                     {"finalizerFuncs", w.finalizerFuncs}};
}
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Span, state, startPage, npages, spanClass, elemSize, nelems, freeIndex,
                                   allocCount, sweepgen, cachedBy, bitBase, bitWords)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MCentral, partial, full)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MCache, alloc, tinySpan, tinySlot, tinyOffset, tinyLast)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(HeapStats, heapLive, heapMarked, heapScan, totalAlloc, totalFree,
                                   objectsAllocated, objectsFreed, requestedLive)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Heap, spans, allocPool, freeSpanRecords, pageOwner, freePages, searchHint,
                                   central, sweepgen, stats)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RootJob, kind, index)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GreyEntry, obj, oblet)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(QueuedFinalizer, obj, func)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CycleStats, n, trigger, tSweepTerm, tMark, tMarkTerm, tEnd, heap0, heap1,
                                   heap2, goal, triggerBytes, stacks, globals, procs, assistTime, workerTime,
                                   idleTime, cpuFraction, objectsMarked, objectsFreed, done)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Collector, phase, cycle, barrierOn, worldStopped, stwOwner, stwStage,
                                   rootJobs, nextRoot, grey, window, windowHead, windowLen, wbBuf, finq,
                                   cycles, bytesMarked, objectsMarked, totalGCTime, lastCycleEnd,
                                   startPending, rootsChanged, rescanQueue, rescanNext)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PiController, kp, ti, tt, min, max, errIntegral, errOverflow)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Pacer, gcPercent, memoryLimit, heapMinimum, heapMarked, lastHeapScan,
                                   lastStackScan, maxStackScan, globalsScan, gcPercentHeapGoal,
                                   sweepDistMinTrigger, runway, consMark, consMarkController, triggered,
                                   lastHeapGoal, dedicatedWorkersNeeded, dedicatedWorkers, fractionalGoal,
                                   assistWorkPerByte, assistBytesPerWork, heapScanWork, stackScanWork,
                                   globalsScanWork, bgScanCredit, assistTime, dedicatedTime, fractionalTime,
                                   idleTime, markStartTime)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SweepPacing, pagesPerByte, heapLiveBasis, pagesSwept, pagesSweptBasis,
                                   centralIndex, unswept)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Processor, id, now, cur, sliceStart, workerMode, fractionalTime,
                                   needMcacheFlush, mcache)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ScriptState, pos, active, remaining, opsAtStart)

nlohmann::json stateToJson(const State& s) {
  nlohmann::json j;
  j["world"] = s.world;
  j["heap"] = s.heap;
  // Each span lists the objects in its slots (the heap keeps them in one
  // pool, Heap::slots; snapshots keep the per-span form of format 1).
  for (std::size_t i = 0; i < s.heap.spans.size(); ++i) {
    const Span& sp = s.heap.spans[i];
    nlohmann::json objs = nlohmann::json::array();
    for (std::uint32_t k = 0; k < sp.nelems; ++k) objs.push_back(s.heap.slotObject(sp, k));
    j["heap"]["spans"][i]["objects"] = std::move(objs);
  }
  j["gc"] = s.gc;
  j["pacer"] = s.pacer;
  j["sweep"] = s.sweep;
  j["ps"] = s.ps;
  j["runq"] = s.runq;
  j["rng"] = s.rng;
  j["script"] = s.script;
  j["steps"] = s.steps;
  j["graphVersion"] = s.graphVersion;
  j["nextWake"] = s.nextWake;
  j["finished"] = s.finished;
  j["endReason"] = s.endReason;
  j["bgSweeper"] = s.bgSweeper;
  j["forceGC"] = s.forceGC;
  j["finalizerG"] = s.finalizerG;
  j["markWorkers"] = s.markWorkers;
  return j;
}

}  // namespace tricolor
