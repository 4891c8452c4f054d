// The collector's phase machine (mgc.go: gcStart, gcMarkDone,
// gcMarkTermination, gcSweep). The sweeper's units are in core/gc/sweeper.cpp.
//
//   Off/Sweep --trigger--> [the triggering goroutine finishes sweeping]
//     SweepTermination (STW, one unit at a time through StwStage):
//       FinishSweep: flush stale mcaches, sweep what is left;
//       StartMark: start the cycle, turn the barrier on, queue root jobs,
//       grey tiny blocks; Restart: [yuasa: scan every stack], restart
//     Mark (concurrent): workers and assists drain roots and grey objects;
//       when nothing is left, flush every P's write-barrier buffer; if that
//       found nothing either, stop the world
//     MarkTermination (STW): [dijkstra: re-scan every stack and drain]
//       barrier off, sweepgen += 2, pacer update, gctrace line, restart
//     Sweep (concurrent): the background sweeper and allocating goroutines
//       sweep spans; every P flushes its mcache; then Off.
#include <algorithm>

#include "core/model/assert.hpp"
#include "core/sim/simulation.hpp"

namespace tricolor {

void Simulation::setPhase(Phase ph, EventSink& out) { setGCPhase(s_.gc, out, ph); }

bool Simulation::triggerTest(TriggerKind kind, std::uint32_t cycleWanted) const {
  bool idle = s_.gc.phase == Phase::Off || s_.gc.phase == Phase::Sweep;
  switch (kind) {
    case TriggerKind::Heap:
      return idle && !(s_.pacer.gcPercent < 0 && s_.pacer.memoryLimit >= kNoLimit) &&
             s_.heap.stats.heapLive >= heapTrigger();
    case TriggerKind::Forced: return idle && s_.gc.cycle < cycleWanted;
    case TriggerKind::Periodic:
    case TriggerKind::Script: return idle;
  }
  return false;
}

void Simulation::createMarkWorkers() {
  if (!s_.markWorkers.empty()) return;
  // gcBgMarkStartWorkers: one worker goroutine per P, started at the first cycle.
  for (const Processor& p : s_.ps) {
    Goroutine w;
    w.id = static_cast<GoroutineId>(s_.world.goroutines.size() + 1);
    w.name = "runtime.gcBgMarkWorker";
    w.kind = GKind::MarkWorker;
    w.status = GStatus::Waiting;
    w.wait = WaitReason::WorkerIdle;
    w.boundP = p.id;
    s_.markWorkers.push_back(w.id);
    s_.world.goroutines.push_back(std::move(w));
  }
}

void Simulation::wakeGCWaiters(EventSink&) {
  for (Goroutine& g : s_.world.goroutines)
    if (g.status == GStatus::Waiting && g.wait == WaitReason::GCMarkWait) makeRunnable(g.id);
}

void Simulation::stopTheWorld(Processor& p, Goroutine& g, Phase next, EventSink& out) {
  // The world stops twice per cycle: to start it (from off, or from a
  // sweep that still runs) and to terminate its mark.
  TRICOLOR_ASSERT(!s_.gc.worldStopped, "stopping a world that is stopped already");
  TRICOLOR_ASSERT(
      (next == Phase::SweepTermination && (s_.gc.phase == Phase::Off || s_.gc.phase == Phase::Sweep)) ||
          (next == Phase::MarkTermination && s_.gc.phase == Phase::Mark),
      "the world stops only for sweep termination (after a sweep) or mark termination (after a mark)");
  // Stopping waits for every P to reach a safe point: the owner's clock
  // moves to the latest one.
  p.now = std::max(p.now, now());
  s_.gc.worldStopped = true;
  s_.gc.stwOwner = g.id;
  s_.gc.stwStage = StwStage::FinishSweep;
  out.push(g.id, StopTheWorldEvent{next});
  setPhase(next, out);
}

void Simulation::startTheWorld(Processor& p, EventSink& out) {
  TRICOLOR_ASSERT(s_.gc.worldStopped, "starting a world that is not stopped");
  TRICOLOR_ASSERT(
      s_.gc.phase == Phase::Mark || s_.gc.phase == Phase::Sweep,
      "the world restarts into the mark (after sweep termination) or the sweep (after mark termination)");
  s_.gc.worldStopped = false;
  s_.gc.stwOwner = 0;
  s_.gc.stwStage = StwStage::FinishSweep;
  for (Processor& q : s_.ps) q.now = std::max(q.now, p.now);
  out.push(0, StartTheWorldEvent{s_.gc.phase});
}

// gcStart, as run by the goroutine that hit the trigger (or runtime.GC()).
bool Simulation::gcStartUnit(Processor& p, Goroutine& g, EventSink& out) {
  TriggerKind kind = static_cast<TriggerKind>(g.pendingTrigger);
  if (!triggerTest(kind, g.pendingCycle)) {
    g.gcStartPending = false;
    if (s_.gc.startPending == g.id) s_.gc.startPending = 0;
    wakeGCWaiters(out);  // runtime.GC() callers re-check who starts the cycle
    return false;
  }
  // Finish the previous cycle's sweep before starting a new one.
  if (s_.gc.phase == Phase::Sweep && sweepOne(p, g, SweepCause::CycleStart, out)) return true;
  GoroutineId gid = g.id;
  createMarkWorkers();
  Goroutine& self = s_.world.g(gid);
  self.gcStartPending = false;
  s_.gc.startPending = 0;
  const std::uint64_t t0 = std::max(p.now, now());
  stopTheWorld(p, self, Phase::SweepTermination, out);
  ++s_.gc.cycle;
  CycleStats cs;
  cs.n = s_.gc.cycle;
  cs.trigger = kind;
  cs.tSweepTerm = t0;
  cs.procs = static_cast<std::uint32_t>(s_.ps.size());
  s_.gc.cycles.push_back(cs);
  out.push(gid, CycleStartEvent{s_.gc.cycle, kind, s_.heap.stats.heapLive});
  p.now += prog_->config.costs.stopTheWorld / 2;
  return true;
}

// One unit of stop-the-world work by the owner. The world is stopped for
// two things only: a cycle's start (sweep termination, then, still
// stopped, the first moments of mark) and mark termination.
bool Simulation::stwUnit(Processor& p, Goroutine& g, EventSink& out) {
  TRICOLOR_ASSERT(s_.gc.worldStopped && s_.gc.stwOwner == g.id,
                  "stop-the-world work by a goroutine that does not own the stop");
  if (s_.gc.phase == Phase::SweepTermination || s_.gc.phase == Phase::Mark) return cycleStartUnit(p, g, out);
  // stopTheWorld enters only these phases, and while the world is stopped
  // the phase moves only from sweep termination to mark (StartMark) and
  // from mark termination to sweep (with the restart): nothing else can be.
  TRICOLOR_ASSERT(s_.gc.phase == Phase::MarkTermination,
                  "the world is stopped outside a cycle's start and mark termination");
  return markTerminationUnit(p, g, out);
}

// gcStart's work with the world stopped, one unit at a time (StwStage).
bool Simulation::cycleStartUnit(Processor& p, Goroutine& g, EventSink& out) {
  Collector& gc = s_.gc;
  const Config& cfg = prog_->config;
  if (gc.stwStage == StwStage::FinishSweep) {
    TRICOLOR_ASSERT(gc.phase == Phase::SweepTermination, "finishing the sweep after the mark has started");
    // finishsweep_m: nothing may be left unswept, cached stale spans included.
    for (Processor& q : s_.ps)
      if (q.needMcacheFlush && mcacheFlushUnit(q, out)) return true;
    if (s_.sweep.unswept > 0 && sweepOne(p, g, SweepCause::CycleStart, out)) return true;
    TRICOLOR_ASSERT(s_.sweep.unswept == 0, "spans counted as unswept that no sweeper can find");
    gc.stwStage = StwStage::StartMark;
  }
  if (gc.stwStage == StwStage::StartMark) {
    TRICOLOR_ASSERT(gc.phase == Phase::SweepTermination, "starting the mark twice");
    startMark(p, g, out);
    gc.stwStage = StwStage::Restart;
    return true;
  }
  TRICOLOR_ASSERT(gc.stwStage == StwStage::Restart && gc.phase == Phase::Mark,
                  "restarting before the mark has started");
  // Yuasa's stack snapshot, one stack per unit; then restart.
  if (cfg.barrier == BarrierMode::Yuasa && cfg.stackSnapshot && gc.nextRoot < gc.rootJobs.size() &&
      gc.rootJobs[gc.nextRoot].kind == RootKind::Stack) {
    GcContext c = ctx(out, g.id);
    std::uint32_t n = gc.nextRoot++;
    std::uint64_t work = runRootJob(c, gc.rootJobs[n], n);
    p.now += cfg.costs.rootJob + work / std::max<std::uint64_t>(1, cfg.costs.scanBytesPerNs);
    return true;
  }
  p.now += cfg.costs.stopTheWorld / 2;
  startTheWorld(p, out);
  gc.cycles.back().tMark = p.now;
  for (Goroutine& x : s_.world.goroutines)
    if (x.kind == GKind::MarkWorker) x.readyAt = p.now;
  return true;
}

// The end of sweep termination and the start of mark (gcStart after
// finishsweep_m), still with the world stopped: the pacer starts the cycle,
// the write barrier goes on, the root jobs are queued, the tiny blocks
// greyed.
void Simulation::startMark(Processor& p, Goroutine& g, EventSink& out) {
  Collector& gc = s_.gc;
  const Config& cfg = prog_->config;
  CycleStats& cs = gc.cycles.back();
  MemoryView mem = memoryView();
  s_.pacer.maxStackScan = totalStackBytes();
  s_.pacer.globalsScan = globalsBytes();
  s_.pacer.startCycle(cs.tSweepTerm, static_cast<unsigned>(s_.ps.size()), s_.heap.stats.heapLive,
                      s_.heap.stats.heapScan, mem);
  cs.heap0 = s_.heap.stats.heapLive;
  cs.triggerBytes = s_.pacer.triggered;
  gc.bytesMarked = 0;
  gc.objectsMarked = 0;
  gc.clearGrey();
  for (Goroutine& x : s_.world.goroutines) x.assistBytes = 0;
  for (Processor& q : s_.ps) q.fractionalTime = 0;
  // setGCPhase(_GCmark): the write barrier is on from here (the world
  // restarts at the end of this stop).
  setPhase(Phase::Mark, out);
  gc.barrierOn = true;
  out.push(g.id, BarrierOnEvent{});
  out.push(g.id, WorkersPlannedEvent{std::uint32_t(s_.pacer.dedicatedWorkers),
                                     std::uint32_t(s_.pacer.fractionalGoal * 1000 + 0.5),
                                     std::uint32_t(s_.ps.size())});
  GcContext c = ctx(out, g.id);
  prepareRoots(c, globalsBytes(), cfg.globalsShardBytes);
  if (cfg.barrier == BarrierMode::Yuasa && cfg.stackSnapshot) {
    // Snapshot at the beginning: stack jobs run first, world stopped.
    std::stable_partition(gc.rootJobs.begin(), gc.rootJobs.end(),
                          [](const RootJob& j) { return j.kind == RootKind::Stack; });
  }
  // gcMarkTinyAllocs: each P's current tiny block is greyed.
  for (const Processor& q : s_.ps)
    if (q.mcache.tinySpan != kNoSpan && q.mcache.tinyLast != kNil) {
      const Span& s = s_.heap.spans[q.mcache.tinySpan];
      greyObject(c, s_.heap.slotObject(s, q.mcache.tinySlot), ShadeReason::TinyBlock,
                 Ref{RefKind::WbBuffer, q.id, 0, 0});
    }
  p.now += cfg.costs.rootJob;
}

// Mark termination with the world stopped: [dijkstra: re-scan every stack
// and drain what that greys], then the end of the cycle.
bool Simulation::markTerminationUnit(Processor& p, Goroutine& g, EventSink& out) {
  Collector& gc = s_.gc;
  const Config& cfg = prog_->config;
  if (cfg.barrier == BarrierMode::Dijkstra && cfg.stackRescan) {
    // Go 1.7: insertion-only barrier, so every stack is re-scanned with the
    // world stopped, and whatever that greys is drained before finishing.
    GcContext c = ctx(out, g.id);
    if (gc.rescanNext < gc.rescanQueue.size()) {
      GoroutineId r = gc.rescanQueue[gc.rescanNext++];
      if (s_.world.g(r).status != GStatus::Dead) {
        out.push(g.id, RescanStackEvent{r});
        std::uint64_t bytes = scanStack(c, r, true);
        p.now += cfg.costs.rootJob + bytes / std::max<std::uint64_t>(1, cfg.costs.scanBytesPerNs);
      }
      return true;
    }
    if (gc.hasGrey()) {
      std::uint64_t work = scanOne(c);
      p.now += cfg.costs.scanObjectBase + work / std::max<std::uint64_t>(1, cfg.costs.scanBytesPerNs);
      return true;
    }
  }
  markTermination(p, g, out);
  return true;
}

// One unit of mark work: a root job, else one grey object. Returns false if
// there was none. *work receives the scan work (bytes).
bool Simulation::markWorkUnit(Processor& p, Goroutine& g, EventSink& out, std::uint64_t* work) {
  Collector& gc = s_.gc;
  const Costs& cost = prog_->config.costs;
  GcContext c = ctx(out, g.id);
  std::uint64_t bpn = std::max<std::uint64_t>(1, cost.scanBytesPerNs);
  if (gc.nextRoot < gc.rootJobs.size()) {
    std::uint32_t n = gc.nextRoot++;
    *work = runRootJob(c, gc.rootJobs[n], n);
    p.now += cost.rootJob + *work / bpn;
    return true;
  }
  if (gc.hasGrey()) {
    *work = scanOne(c);
    p.now += cost.scanObjectBase + *work / bpn;
    return true;
  }
  *work = 0;
  return false;
}

// gcMarkDone: no root jobs and no grey objects are left. Flush every P's
// write-barrier buffer; if that greyed anything, marking goes on; otherwise
// stop the world for mark termination.
void Simulation::markDone(Processor& p, Goroutine& g, EventSink& out) {
  GcContext c = ctx(out, g.id);
  std::uint32_t greyed = 0;
  for (const Processor& q : s_.ps) greyed += flushWbBuf(c, q.id);
  p.now += prog_->config.costs.shade * 10;
  if (greyed > 0 || markWorkAvailable()) {
    out.push(g.id, MarkDoneCheckEvent{true});
    return;
  }
  out.push(g.id, MarkDoneCheckEvent{false});
  std::uint64_t t = std::max(p.now, now());
  stopTheWorld(p, g, Phase::MarkTermination, out);
  s_.gc.cycles.back().tMarkTerm = t;
  s_.gc.cycles.back().heap1 = s_.heap.stats.heapLive;
  s_.gc.rescanQueue.clear();
  s_.gc.rescanNext = 0;
  if (prog_->config.barrier == BarrierMode::Dijkstra && prog_->config.stackRescan)
    for (const Goroutine& x : s_.world.goroutines)
      if (x.status != GStatus::Dead) s_.gc.rescanQueue.push_back(x.id);
}

// gcMarkTermination + gcSweep: the end of marking, the start of sweeping.
void Simulation::markTermination(Processor& p, Goroutine& g, EventSink& out) {
  Collector& gc = s_.gc;
  // gcMarkDone stopped the world only after finding no work anywhere (and
  // dijkstra's re-scan drained what it greyed): marking is complete.
  TRICOLOR_ASSERT(gc.phase == Phase::MarkTermination && gc.worldStopped, "mark termination outside its stop");
  TRICOLOR_ASSERT(!gc.hasGrey() && gc.nextRoot == gc.rootJobs.size(),
                  "mark termination with grey objects or root jobs left");
  TRICOLOR_ASSERT(std::all_of(gc.wbBuf.begin(), gc.wbBuf.end(), [](const auto& b) { return b.empty(); }),
                  "mark termination with pointers still in a write-barrier buffer");
  Pacer& pc = s_.pacer;
  HeapStats& st = s_.heap.stats;
  const unsigned procs = static_cast<unsigned>(s_.ps.size());
  CycleStats& cs = gc.cycles.back();
  p.now += prog_->config.costs.markTermination;
  const std::uint64_t tEnd = p.now;

  cs.heap2 = gc.bytesMarked;
  cs.objectsMarked = gc.objectsMarked;
  pc.lastHeapGoal = heapGoal();
  cs.goal = pc.lastHeapGoal;
  pc.endCycle(cs.tMarkTerm, procs, st.heapLive);
  pc.resetLive(gc.bytesMarked);
  st.heapLive = gc.bytesMarked;
  notePeak();
  st.heapScan = pc.heapScanWork;

  gc.barrierOn = false;
  out.push(g.id, BarrierOffEvent{});
  gc.clearGrey();

  // gcSweep: every span now needs sweeping.
  s_.heap.sweepgen += 2;
  std::uint32_t inUse = 0;
  for (const Span& s : s_.heap.spans) inUse += s.state == SpanState::InUse;
  s_.sweep.unswept = inUse;
  s_.sweep.centralIndex = 0;
  for (Processor& q : s_.ps) q.needMcacheFlush = true;

  pc.maxStackScan = totalStackBytes();
  pc.globalsScan = globalsBytes();
  pc.commit(st.heapLive, inUse == 0);
  // gcPaceSweeper: sweep in proportion to allocation until the next trigger.
  {
    std::uint64_t trig = heapTrigger();
    std::int64_t dist = std::int64_t(trig) - std::int64_t(st.heapLive) - std::int64_t(MiB);
    if (dist < std::int64_t(kPageSize)) dist = kPageSize;
    std::uint64_t pagesInUse = s_.heap.pageOwner.size() - s_.heap.freePages;
    if (pagesInUse == 0) {
      s_.sweep.pagesPerByte = 0;
    } else {
      s_.sweep.pagesPerByte = double(pagesInUse) / double(dist);
      s_.sweep.heapLiveBasis = st.heapLive;
      s_.sweep.pagesSweptBasis = s_.sweep.pagesSwept;
    }
  }

  // CPU accounting and the gctrace line.
  cs.tEnd = tEnd;
  cs.assistTime = pc.assistTime;
  cs.workerTime = pc.dedicatedTime + pc.fractionalTime;
  cs.idleTime = pc.idleTime;
  cs.stacks = pc.maxStackScan;
  cs.globals = pc.globalsScan;
  std::uint64_t sweepTermCpu = std::uint64_t(procs) * (cs.tMark - cs.tSweepTerm);
  std::uint64_t markTermCpu = std::uint64_t(procs) * (cs.tEnd - cs.tMarkTerm);
  gc.totalGCTime += sweepTermCpu + pc.assistTime + pc.dedicatedTime + pc.fractionalTime + markTermCpu;
  cs.cpuFraction = tEnd > 0 ? double(gc.totalGCTime) / double(tEnd * procs) : 0;
  cs.done = true;
  gc.lastCycleEnd = tEnd;
  out.push(g.id, CycleEndEvent{cs.n});

  setPhase(Phase::Sweep, out);
  startTheWorld(p, out);
  // Wake the background sweeper and everyone waiting in runtime.GC().
  Goroutine& sw = s_.world.g(s_.bgSweeper);
  if (sw.status == GStatus::Waiting) makeRunnable(sw.id);
  wakeGCWaiters(out);
  for (Goroutine& x : s_.world.goroutines)
    if (x.kind == GKind::MarkWorker && x.status == GStatus::Running) x.status = GStatus::Runnable;
  checkSweepDone(out);
}

// The sweeper's units (core/gc/sweeper.cpp), run by this simulation's Ps.
SweepContext Simulation::sweepCtx(EventSink& out, GoroutineId actor) {
  return SweepContext{ctx(out, actor), s_.sweep, s_.ps};
}

bool Simulation::sweepOne(Processor& p, Goroutine& g, SweepCause why, EventSink& out) {
  SweepContext c = sweepCtx(out, g.id);
  return sweepone(c, p, why);
}

bool Simulation::mcacheFlushUnit(Processor& p, EventSink& out) {
  SweepContext c = sweepCtx(out, p.cur);
  return flushMcache(c, p);
}

void Simulation::ensureSwept(SpanId sid, GoroutineId actor, SweepCause why, EventSink& out) {
  SweepContext c = sweepCtx(out, actor);
  tricolor::ensureSwept(c, sid, why);
}

void Simulation::checkSweepDone(EventSink& out) {
  SweepContext c = sweepCtx(out, 0);
  tricolor::checkSweepDone(c);
}

// The background sweeper goroutine: bgsweep's unit, then park or yield.
bool Simulation::bgSweeperUnit(Processor& p, Goroutine& g, EventSink& out) {
  SweepContext c = sweepCtx(out, g.id);
  switch (bgsweep(c, p, g)) {
    case BgSweep::Park: park(g.id, WaitReason::SweeperIdle); return false;
    case BgSweep::Yield: deschedule(p); return true;
    case BgSweep::Continue: return true;
  }
  return true;
}

}  // namespace tricolor
