// The scheduler: which goroutine runs the next unit, on which P.
//
// Auto mode follows Go's scheduler in spirit (proc.go, schedule/findRunnable):
// every P has a simulated clock; the P that is furthest behind runs next. A
// P keeps running its goroutine until it blocks or its time slice ends; when
// it picks new work it first asks findRunnableGCWorker (dedicated and
// fractional mark workers during marking), then the global run queue, then
// runs an idle mark worker if marking. Simplified: one global FIFO run queue
// (Go also has per-P queues and runnext) and no work stealing.
//
// Script mode runs the scenario's directives ("g2: 1 op", "collector: 3
// units") exactly; random mode picks uniformly among everything that can run,
// from the scenario's seed, to explore interleavings in property tests.
#include <algorithm>
#include <limits>

#include "core/sim/simulation.hpp"

namespace tricolor {

namespace {

constexpr std::uint64_t kForceGCPeriod = 120'000'000'000ULL;  // forcegcperiod: 2 minutes

// What background mark work costs the pacer's books (gcController's
// dedicatedMarkTime, fractionalMarkTime, idleMarkTime, bgScanCredit): a
// worker's clock time goes to its mode, its scan work becomes credit that
// assists can take. One unit adds to it and commits (markWorkerUnit);
// stepMany's batch adds every unit and commits once, since nothing in the
// batch reads the sums. A P's own fractional time is read by
// workerShouldStop, so it is updated at every add.
struct WorkerTime {
  std::uint64_t dedicated = 0, fractional = 0, idle = 0;
  std::int64_t credit = 0;
  void add(Processor& p, std::uint64_t cost, std::uint64_t work) {
    switch (p.workerMode) {
      case WorkerMode::Dedicated: dedicated += cost; break;
      case WorkerMode::Fractional:
        fractional += cost;
        p.fractionalTime += cost;
        break;
      default: idle += cost; break;
    }
    credit += std::int64_t(work);
  }
  void commit(Pacer& pc) const {
    pc.dedicatedTime += dedicated;
    pc.fractionalTime += fractional;
    pc.idleTime += idle;
    pc.bgScanCredit += credit;
  }
};

}  // namespace

std::uint64_t Simulation::rand() { return splitmix64(s_.rng); }

Processor& Simulation::pOf(GoroutineId gid) {
  for (Processor& p : s_.ps)
    if (p.cur == gid) return p;
  const Goroutine& g = s_.world.g(gid);
  if (g.boundP != kNone) return s_.ps[g.boundP];
  return s_.ps[0];
}

void Simulation::makeRunnable(GoroutineId gid) {
  Goroutine& g = s_.world.g(gid);
  if (g.status == GStatus::Runnable || g.status == GStatus::Running || g.status == GStatus::Dead) return;
  g.status = GStatus::Runnable;
  g.wait = WaitReason::None;
  g.readyAt = now();
  if (g.kind != GKind::MarkWorker) s_.runq.push_back(gid);
}

void Simulation::park(GoroutineId gid, WaitReason why) {
  Goroutine& g = s_.world.g(gid);
  g.status = GStatus::Waiting;
  g.wait = why;
  for (Processor& p : s_.ps)
    if (p.cur == gid) {
      p.cur = 0;
      p.workerMode = WorkerMode::None;
    }
  s_.runq.erase(std::remove(s_.runq.begin(), s_.runq.end(), gid), s_.runq.end());
}

// Takes the current goroutine off P: back to the run queue if it can still
// run (preempted or yielded); a mark worker goes back to waiting.
void Simulation::deschedule(Processor& p) {
  if (p.cur == 0) return;
  Goroutine& g = s_.world.g(p.cur);
  if (g.kind == GKind::MarkWorker) {
    if (p.workerMode == WorkerMode::Dedicated) ++s_.pacer.dedicatedWorkersNeeded;
    g.status = GStatus::Waiting;
    g.wait = WaitReason::WorkerIdle;
  } else if (g.status == GStatus::Running) {
    g.status = GStatus::Runnable;
    g.readyAt = p.now;
    s_.runq.push_back(g.id);
  }
  p.cur = 0;
  p.workerMode = WorkerMode::None;
}

void Simulation::wakeSleepers(std::uint64_t t) {
  if (s_.nextWake <= t) {
    s_.nextWake = ~std::uint64_t{0};
    for (Goroutine& g : s_.world.goroutines) {
      if (g.status != GStatus::Waiting || g.wait != WaitReason::Sleep) continue;
      if (g.progress.wakeAt <= t) {
        makeRunnable(g.id);
        g.readyAt = g.progress.wakeAt;
      } else {
        s_.nextWake = std::min(s_.nextWake, g.progress.wakeAt);
      }
    }
  }
  // The finalizer goroutine wakes when finalizers are queued (wakefing).
  if (s_.finalizerG && !s_.gc.finq.empty()) {
    Goroutine& f = s_.world.g(s_.finalizerG);
    if (f.status == GStatus::Waiting && f.wait == WaitReason::FinalizerIdle) makeRunnable(f.id);
  }
  // The forcegc helper starts a cycle if none ran for two minutes.
  if (prog_->config.periodicGC && s_.forceGC && s_.gc.phase == Phase::Off && s_.gc.startPending == 0 &&
      s_.pacer.gcPercent >= 0 && t >= s_.gc.lastCycleEnd + kForceGCPeriod) {
    Goroutine& f = s_.world.g(s_.forceGC);
    if (f.status == GStatus::Waiting) {
      f.gcStartPending = true;
      f.pendingTrigger = static_cast<std::uint8_t>(TriggerKind::Periodic);
      s_.gc.startPending = f.id;
      makeRunnable(f.id);
    }
  }
}

bool Simulation::markWorkAvailable() const {
  return s_.gc.nextRoot < s_.gc.rootJobs.size() || s_.gc.hasGrey();
}

GoroutineId Simulation::findRunnableGCWorker(Processor& p) {
  // With no work left the worker still runs: its unit is the completion
  // check (gcMarkDone), which Go's last worker does when it runs dry.
  if (s_.gc.phase != Phase::Mark || s_.gc.worldStopped || s_.markWorkers.empty()) return 0;
  Goroutine& w = s_.world.g(s_.markWorkers[p.id]);
  if (w.status != GStatus::Waiting) return 0;
  if (s_.pacer.dedicatedWorkersNeeded > 0) {
    --s_.pacer.dedicatedWorkersNeeded;
    p.workerMode = WorkerMode::Dedicated;
    return w.id;
  }
  if (s_.pacer.fractionalGoal <= 0) return 0;
  std::uint64_t delta = p.now > s_.pacer.markStartTime ? p.now - s_.pacer.markStartTime : 0;
  if (delta > 0 && double(p.fractionalTime) / double(delta) > s_.pacer.fractionalGoal) return 0;
  p.workerMode = WorkerMode::Fractional;
  return w.id;
}

bool Simulation::workerShouldStop(const Processor& p, const Goroutine& g) const {
  if (g.kind != GKind::MarkWorker) return false;
  if (s_.gc.phase != Phase::Mark) return true;
  // A worker that just drained the last work stays for the completion check.
  if (!markWorkAvailable()) return false;
  switch (p.workerMode) {
    case WorkerMode::Fractional: {
      std::uint64_t delta = p.now > s_.pacer.markStartTime ? p.now - s_.pacer.markStartTime : 0;
      return delta > 0 && double(p.fractionalTime) / double(delta) > 1.2 * s_.pacer.fractionalGoal;
    }
    case WorkerMode::Idle: return !s_.runq.empty();
    default: return false;
  }
}

// Runs one unit of goroutine `gid` on P. Returns false if the goroutine
// had nothing to do (it parked or its pending work vanished) - then no unit
// was spent and the caller picks again.
bool Simulation::runUnit(Processor& p, GoroutineId gid, EventSink& out) {
  Goroutine& g = s_.world.g(gid);
  if (s_.gc.worldStopped && s_.gc.stwOwner == gid) return stwUnit(p, g, out);
  if (g.gcStartPending) {
    if (gcStartUnit(p, g, out)) return true;
    if (g.kind == GKind::ForceGC) {
      park(gid, WaitReason::ForceGCIdle);
      return false;
    }
  }
  switch (g.kind) {
    case GKind::User: return runGoroutine(p, g, out);
    case GKind::Finalizer: return runFinalizerGoroutine(p, g, out);
    case GKind::Sweeper: return bgSweeperUnit(p, g, out);
    case GKind::ForceGC: park(gid, WaitReason::ForceGCIdle); return false;
    case GKind::MarkWorker: {
      if (s_.gc.phase != Phase::Mark || s_.gc.worldStopped) {
        park(gid, WaitReason::WorkerIdle);
        return false;
      }
      markWorkerUnit(p, g, out);
      return true;
    }
  }
  return false;
}

// One unit of a background mark worker: a root job, an object scanned, or
// the completion check; its time goes to the worker's mode.
void Simulation::markWorkerUnit(Processor& p, Goroutine& g, EventSink& out) {
  std::uint64_t t0 = p.now, work = 0;
  if (!markWorkUnit(p, g, out, &work)) markDone(p, g, out);
  WorkerTime t;
  t.add(p, p.now - t0, work);
  t.commit(s_.pacer);
}

// The P whose running mark worker would scan the top grey object if step()
// were called now, or nullptr when step() might do anything else. Every test
// below is one that step() -> stepAuto() -> runUnit() makes on the way, so
// when all pass, that step is exactly markWorkerUnit on this P.
Processor* Simulation::fastMarkP(const EventSink& out) {
  const Program& P = *prog_;
  const Config& cfg = P.config;
  const Collector& gc = s_.gc;
  if (gc.phase != Phase::Mark || gc.worldStopped || !gc.hasGrey() || gc.nextRoot < gc.rootJobs.size())
    return nullptr;
  if (s_.finished || s_.script.pos < P.schedule.size() || cfg.scheduling != SchedulingMode::Auto)
    return nullptr;
  // The safety monitor reads the step's events; with no events it has
  // nothing to check. The invariant checker runs regardless.
  if (cfg.checkInvariants || (cfg.monitor && out.enabled)) return nullptr;
  // While marking every P has work (pHasWork): the first P furthest behind runs.
  Processor* p = &s_.ps[0];
  for (Processor& q : s_.ps)
    if (q.now < p->now) p = &q;
  if (p->needMcacheFlush || p->cur == 0) return nullptr;
  // wakeSleepers(p->now) would change nothing (the periodic trigger is off while marking).
  if (s_.nextWake <= p->now) return nullptr;
  if (s_.finalizerG && !gc.finq.empty()) {
    const Goroutine& f = s_.world.g(s_.finalizerG);
    if (f.status == GStatus::Waiting && f.wait == WaitReason::FinalizerIdle) return nullptr;
  }
  const Goroutine& g = s_.world.g(p->cur);
  if (g.kind != GKind::MarkWorker || g.status != GStatus::Running || g.gcStartPending) return nullptr;
  // stepAuto keeps a mark worker while its slice lasts, or always if dedicated.
  if (workerShouldStop(*p, g)) return nullptr;
  if (!(p->now - p->sliceStart < cfg.timeSliceNs || p->workerMode == WorkerMode::Dedicated)) return nullptr;
  return p;
}

std::uint64_t Simulation::stepMany(EventSink& out, std::uint64_t maxSteps) {
  out.clear();
  out.counted = 0;
  out.stopped = false;
  // A watched batch builds each step's events to look at them.
  const std::uint64_t watched = out.stopOn | out.countOn;
  EventSink one;
  one.enabled = out.enabled || watched != 0;
  // The fast path below pushes only what scanning pushes, straight to `out`:
  // not usable when those kinds are watched.
  constexpr std::uint64_t kScanKinds = eventBit(EventKind::Shade) | eventBit(EventKind::ScanStart) |
                                       eventBit(EventKind::ScanEnd) | eventBit(EventKind::DanglingUse);
  const bool fastOk = (watched & kScanKinds) == 0;
  std::uint64_t taken = 0;
  while (taken < maxSteps && !s_.finished) {
    if (Processor* p = fastOk ? fastMarkP(out) : nullptr) {
      // Scan while every step would be a mark worker's scan. A scan changes
      // only a P's clock, the grey queue and counters, so what fastMarkP
      // found about the phase, the scheduling mode, root jobs, flushes and
      // who runs on each P holds for the whole loop; the rest - which P is
      // furthest behind, its worker's stop test and time slice, sleepers -
      // is checked again before every scan, as stepAuto would.
      // Per P: its running mark worker if it may scan, else null.
      std::vector<const Goroutine*>& scanning = scanningScratch_;
      scanning.assign(s_.ps.size(), nullptr);
      for (const Processor& q : s_.ps) {
        if (q.cur == 0 || q.needMcacheFlush) continue;
        const Goroutine& w = s_.world.g(q.cur);
        if (w.kind == GKind::MarkWorker && w.status == GStatus::Running && !w.gcStartPending)
          scanning[q.id] = &w;
      }
      const std::uint64_t slice = prog_->config.timeSliceNs;
      const Costs& cost = prog_->config.costs;
      const std::uint64_t bpn = std::max<std::uint64_t>(1, cost.scanBytesPerNs);
      // What markWorkerUnit adds to the pacer, summed over the batch.
      WorkerTime batch;
      std::uint64_t n = 0;
      // A unit's clock cost depends only on its scan work, which repeats
      // (objects of one size class): divide only when it changes.
      std::uint64_t lastWork = ~std::uint64_t{0}, lastCost = 0;
      // markWorkerUnit -> markWorkUnit with no root job left and a grey object.
      GcContext c = ctx(out, p->cur);
      for (;;) {
        ++n;
        const std::uint64_t work = scanOne(c);
        if (work != lastWork) {
          lastWork = work;
          lastCost = cost.scanObjectBase + work / bpn;
        }
        p->now += lastCost;
        batch.add(*p, lastCost, work);
        if (taken + n >= maxSteps || !s_.gc.hasGrey()) break;
        Processor* q = &s_.ps[0];  // the first P furthest behind runs next
        for (Processor& r : s_.ps)
          if (r.now < q->now) q = &r;
        if (!scanning[q->id] || s_.nextWake <= q->now) break;
        if (workerShouldStop(*q, *scanning[q->id])) break;
        if (!(q->now - q->sliceStart < slice || q->workerMode == WorkerMode::Dedicated)) break;
        p = q;
        c.actor = p->cur;
      }
      s_.steps += n;
      taken += n;
      fastSteps_ += n;
      batch.commit(s_.pacer);
      continue;
    }
    step(one);
    ++taken;
    if (watched) {
      bool stop = s_.finished;
      std::uint64_t n = 0;
      for (const Event& e : one.events) {
        const std::uint64_t bit = eventBit(e.kind);
        stop = stop || (out.stopOn & bit) != 0;
        n += (out.countOn & bit) != 0;
      }
      if (stop) {
        if (out.enabled)
          out.events.insert(out.events.end(), one.events.begin(), one.events.end());
        else
          out.events.swap(one.events);
        out.stopped = true;
        break;
      }
      out.counted += n;
    }
    if (out.enabled) out.events.insert(out.events.end(), one.events.begin(), one.events.end());
  }
  return taken;
}

// Has P anything to do if it looked now?
static bool pHasWork(const State& s, const Processor& p) {
  if (p.cur != 0 || p.needMcacheFlush || !s.runq.empty()) return true;
  // While marking there is always collector work: marking, or the check
  // that ends it.
  return s.gc.phase == Phase::Mark && !s.gc.worldStopped;
}

void Simulation::stepAuto(EventSink& out) {
  const Config& cfg = prog_->config;
  for (int guard = 0; guard < 100000; ++guard) {
    if (s_.gc.worldStopped) {
      GoroutineId o = s_.gc.stwOwner;
      runUnit(pOf(o), o, out);
      return;
    }
    // The P furthest behind in time that has something to do.
    Processor* p = nullptr;
    for (Processor& q : s_.ps)
      if (pHasWork(s_, q) && (!p || q.now < p->now)) p = &q;
    if (!p) {
      // Nothing runnable: jump to the next sleeper, or the program is stuck.
      std::uint64_t wake = std::numeric_limits<std::uint64_t>::max();
      for (const Goroutine& g : s_.world.goroutines)
        if (g.status == GStatus::Waiting && g.wait == WaitReason::Sleep)
          wake = std::min(wake, g.progress.wakeAt);
      bool fin = s_.finalizerG && !s_.gc.finq.empty();
      if (wake == std::numeric_limits<std::uint64_t>::max() && !fin) {
        // Background work that only needs a P: the sweeper and periodic GC.
        std::uint64_t t = now();
        wakeSleepers(t);
        if (!s_.runq.empty()) continue;
        s_.finished = true;
        s_.endReason = EventKind::Deadlock;
        out.push(0, DeadlockEvent{});
        return;
      }
      if (wake != std::numeric_limits<std::uint64_t>::max())
        for (Processor& q : s_.ps) q.now = std::max(q.now, wake);
      wakeSleepers(now());
      continue;
    }
    wakeSleepers(p->now);
    if (p->needMcacheFlush && mcacheFlushUnit(*p, out)) return;
    if (p->cur) {
      Goroutine& g = s_.world.g(p->cur);
      bool keep =
          g.status == GStatus::Running && !workerShouldStop(*p, g) &&
          (p->now - p->sliceStart < cfg.timeSliceNs || (s_.runq.empty() && g.kind != GKind::MarkWorker) ||
           (g.kind == GKind::MarkWorker && p->workerMode == WorkerMode::Dedicated));
      if (keep) {
        if (runUnit(*p, g.id, out)) return;
        continue;
      }
      deschedule(*p);
    }
    GoroutineId next = findRunnableGCWorker(*p);
    if (!next && !s_.runq.empty()) {
      next = s_.runq.front();
      s_.runq.pop_front();
    }
    if (!next && pHasWork(s_, *p) && s_.gc.phase == Phase::Mark && !s_.markWorkers.empty()) {
      Goroutine& w = s_.world.g(s_.markWorkers[p->id]);
      if (w.status == GStatus::Waiting) {
        next = w.id;
        p->workerMode = WorkerMode::Idle;
      }
    }
    if (!next) {
      // pHasWork said yes but nothing could be taken (e.g. only a flush that
      // turned out empty): let time pass on this P so others go first.
      p->needMcacheFlush = false;
      p->now += 1;
      continue;
    }
    Goroutine& g = s_.world.g(next);
    g.status = GStatus::Running;
    p->cur = next;
    p->now = std::max(p->now, g.readyAt);
    p->sliceStart = p->now;
    out.push(next, SwitchEvent{p->id});
    if (runUnit(*p, next, out)) return;
  }
}

// Runs the collector's next unit, whoever has to do it (script "collector: N").
bool Simulation::collectorUnit(EventSink& out) {
  if (s_.gc.worldStopped) {
    GoroutineId o = s_.gc.stwOwner;
    return runUnit(pOf(o), o, out);
  }
  if (s_.gc.startPending) {
    GoroutineId o = s_.gc.startPending;
    Goroutine& g = s_.world.g(o);
    if (gcStartUnit(pOf(o), g, out)) return true;
  }
  for (Processor& p : s_.ps)
    if (p.needMcacheFlush && mcacheFlushUnit(p, out)) return true;
  Processor& p0 = s_.ps[0];
  if (s_.gc.phase == Phase::Mark) {
    if (s_.markWorkers.empty()) return false;
    // P0's worker, as a dedicated one, whatever P0 runs.
    Goroutine& w = s_.world.g(s_.markWorkers[0]);
    WorkerMode saved = p0.workerMode;
    p0.workerMode = WorkerMode::Dedicated;
    markWorkerUnit(p0, w, out);
    p0.workerMode = saved;
    return true;
  }
  if (s_.gc.phase == Phase::Sweep) {
    Goroutine& sw = s_.world.g(s_.bgSweeper);
    if (sweepOne(p0, sw, SweepCause::Background, out)) return true;
  }
  return false;
}

// Runs one unit of goroutine `gid` on its P, taking the P over if needed.
// While another goroutine holds the world stopped, that one runs instead.
bool Simulation::goroutineUnit(GoroutineId gid, EventSink& out) {
  if (s_.gc.worldStopped && s_.gc.stwOwner != gid) {
    GoroutineId o = s_.gc.stwOwner;
    return runUnit(pOf(o), o, out);
  }
  Goroutine& g = s_.world.g(gid);
  if (g.status == GStatus::Dead || g.status == GStatus::Waiting) return false;
  Processor& p = pOf(gid);
  if (p.cur != gid) {
    deschedule(p);
    s_.runq.erase(std::remove(s_.runq.begin(), s_.runq.end(), gid), s_.runq.end());
    g.status = GStatus::Running;
    p.cur = gid;
    p.sliceStart = p.now;
  }
  return runUnit(p, gid, out);
}

bool Simulation::requestCycle() {
  if ((s_.gc.phase != Phase::Off && s_.gc.phase != Phase::Sweep) || s_.gc.startPending) return false;
  Goroutine& f = s_.world.g(s_.forceGC);
  f.gcStartPending = true;
  f.pendingTrigger = static_cast<std::uint8_t>(TriggerKind::Script);
  s_.gc.startPending = f.id;
  makeRunnable(f.id);
  return true;
}

bool Simulation::stepCollector(EventSink& out) {
  out.clear();
  if (s_.finished) return false;
  ++s_.steps;
  if (collectorUnit(out)) {
    if (prog_->config.monitor || prog_->config.checkInvariants) monitor(out);
    return true;
  }
  --s_.steps;
  return false;
}

bool Simulation::stepGoroutine(GoroutineId gid, EventSink& out) {
  out.clear();
  if (s_.finished || gid == 0 || gid > s_.world.goroutines.size()) return false;
  ++s_.steps;
  if (goroutineUnit(gid, out)) {
    if (prog_->config.monitor || prog_->config.checkInvariants) monitor(out);
    return true;
  }
  --s_.steps;
  return false;
}

bool Simulation::stepScript(EventSink& out) {
  const auto& sched = prog_->schedule;
  ScriptState& sc = s_.script;
  while (sc.pos < sched.size()) {
    const Directive& d = sched[sc.pos];
    auto finish = [&]() {
      ++sc.pos;
      sc.active = false;
    };
    auto skip = [&]() {
      out.push(0, ScriptSkipEvent{sc.pos});
      finish();
    };
    GoroutineId gid = 0;
    if (d.kind == Directive::Kind::Goroutine)
      for (const Goroutine& g : s_.world.goroutines)
        if (g.name == d.name && g.status != GStatus::Dead) {
          gid = g.id;
          break;
        }
    if (!sc.active) {
      sc.active = true;
      sc.remaining = d.count;
      sc.opsAtStart = gid ? s_.world.g(gid).opsDone : 0;
      out.push(gid, ScriptDirectiveEvent{sc.pos});
    }
    switch (d.kind) {
      case Directive::Kind::Goroutine: {
        if (!gid || s_.world.g(gid).status == GStatus::Waiting) {
          skip();
          continue;
        }
        bool ran = goroutineUnit(gid, out);
        const Goroutine& after = s_.world.g(gid);
        if (after.opsDone - sc.opsAtStart >= d.count || after.status == GStatus::Dead ||
            after.status == GStatus::Waiting)
          finish();
        if (ran) return true;
        continue;
      }
      case Directive::Kind::Collector:
        if (collectorUnit(out)) {
          if (--sc.remaining == 0) finish();
          return true;
        }
        skip();
        continue;
      case Directive::Kind::StartGC:
        requestCycle();
        finish();
        continue;
      case Directive::Kind::UntilPhase:
        if (static_cast<std::uint8_t>(s_.gc.phase) == d.phase) {
          finish();
          continue;
        }
        if (prog_->config.scheduling == SchedulingMode::Random)
          stepRandom(out);
        else
          stepAuto(out);
        if (static_cast<std::uint8_t>(s_.gc.phase) == d.phase) finish();
        return true;
    }
  }
  return false;
}

void Simulation::stepRandom(EventSink& out) {
  for (int guard = 0; guard < 1000; ++guard) {
    if (s_.gc.worldStopped) {
      GoroutineId o = s_.gc.stwOwner;
      runUnit(pOf(o), o, out);
      return;
    }
    wakeSleepers(now());
    // Candidates: every goroutine that can run, plus "the collector".
    std::vector<GoroutineId> cand;
    for (const Goroutine& g : s_.world.goroutines) {
      if (g.kind == GKind::MarkWorker || g.kind == GKind::Sweeper) continue;
      if (g.status == GStatus::Runnable || g.status == GStatus::Running) cand.push_back(g.id);
    }
    bool collector = s_.gc.phase != Phase::Off || s_.gc.startPending != 0;
    for (const Processor& p : s_.ps) collector = collector || p.needMcacheFlush;
    std::size_t n = cand.size() + (collector ? 1 : 0);
    if (n == 0) {
      std::uint64_t wake = std::numeric_limits<std::uint64_t>::max();
      for (const Goroutine& g : s_.world.goroutines)
        if (g.status == GStatus::Waiting && g.wait == WaitReason::Sleep)
          wake = std::min(wake, g.progress.wakeAt);
      if (wake == std::numeric_limits<std::uint64_t>::max()) {
        s_.finished = true;
        s_.endReason = EventKind::Deadlock;
        out.push(0, DeadlockEvent{});
        return;
      }
      for (Processor& q : s_.ps) q.now = std::max(q.now, wake);
      continue;
    }
    std::size_t pick = static_cast<std::size_t>(rand() % n);
    if (pick == cand.size()) {
      if (collectorUnit(out)) return;
      continue;
    }
    GoroutineId gid = cand[pick];
    Goroutine& g = s_.world.g(gid);
    // Spread goroutines over the Ps so several mcaches and buffers are used.
    Processor& p = s_.ps[gid % s_.ps.size()];
    if (p.cur != gid) {
      if (p.cur) {
        Goroutine& old = s_.world.g(p.cur);
        if (old.status == GStatus::Running) {
          old.status = GStatus::Runnable;
          s_.runq.push_back(old.id);
        }
      }
      s_.runq.erase(std::remove(s_.runq.begin(), s_.runq.end(), gid), s_.runq.end());
      g.status = GStatus::Running;
      p.cur = gid;
      p.sliceStart = p.now;
      p.workerMode = WorkerMode::None;
    }
    if (runUnit(p, gid, out)) return;
  }
}

}  // namespace tricolor
