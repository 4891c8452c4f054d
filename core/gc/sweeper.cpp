// The sweeper (runtime/mgcsweep.go: bgsweep, sweepone, ensureSwept; mcache.go:
// prepareForSweep): who sweeps which span after a cycle's marking, and when
// the sweep is done.
//
// Mark termination advances the heap's sweepgen by 2: from then on every
// in-use span needs sweeping. Nothing sweeps them all at once. Spans are
// swept lazily and concurrently with the program, one span per unit, by
// whoever needs one first (the Sweep event names it, SweepCause):
//   - the background sweeper goroutine (bgsweep) sweeps one span per unit
//     and yields after every 10 unless a P is idle: it uses spare CPU;
//   - an allocating goroutine: mcentral.cacheSpan sweeps an unswept span of
//     the size class it needs (and keeps it if it has room), and
//     deductSweepCredit makes every allocation pay sweep work in proportion
//     to the bytes it asks for, paced at mark termination (pages per byte)
//     so that the sweep ends before the heap reaches the next trigger;
//   - runtime.GC() sweeps everything before it returns, and the next cycle's
//     start (finishsweep_m, world stopped) sweeps whatever is still left:
//     marking must never meet an unswept span;
//   - each P's mcache: spans it cached before the cycle ended were in no
//     unswept set; its flush (prepareForSweep) sweeps them;
//   - ensureSwept sweeps one given span now (weak.Pointer.Value must know
//     whether its target survived).
// A span's sweepgen says where it is (sg = the heap's sweepgen):
//   sg-2 needs sweeping, sg-1 is being swept, sg is swept,
//   sg+1 was cached before sweeping began (needs sweeping), sg+3 is swept
//   and cached.
// A sweeper takes a span by moving it to sg-1 (Go's sweepLocker does it with
// a CAS, so two sweepers never sweep one span); mspan.sweep (sweep.cpp)
// leaves it at sg. When no span needs sweeping and no mcache holds a stale
// one, the cycle's sweep is over and the collector is off.
#include "core/gc/sweeper.hpp"

#include <algorithm>

#include "core/model/assert.hpp"

namespace tricolor {

std::uint64_t sweepCost(const Costs& costs, const Span& s) {
  return costs.sweepSpan + 2 * std::uint64_t(s.nelems);
}

std::uint32_t sweepTaken(SweepContext& c, SpanId sid, SweepCause why) {
  Span& s = c.heap.spans[sid];
  TRICOLOR_ASSERT(s.state == SpanState::InUse && c.heap.needsSweep(s),
                  "a span taken for sweeping must be in use and not swept yet this cycle");
  s.sweepgen = c.heap.sweepgen - 1;  // being swept
  const std::uint32_t freed = sweepSpan(c, sid, why);
  c.sweep.pagesSwept += c.heap.spans[sid].npages;
  if (c.sweep.unswept) --c.sweep.unswept;
  return freed;
}

void placeSwept(GcContext& c, SpanId sid) {
  Heap& h = c.heap;
  Span& s = h.spans[sid];
  if (s.allocCount == 0) {
    c.out.push(c.actor, SpanFreeEvent{sid});
    h.freeSpan(sid);
  } else if (s.full() || s.large()) {
    h.fullSwept(s.spanClass).push_back(sid);
  } else {
    h.partialSwept(s.spanClass).push_back(sid);
  }
}

bool sweepone(SweepContext& c, Processor& p, SweepCause why) {
  Heap& h = c.heap;
  SweepPacing& sw = c.sweep;
  if (sw.unswept == 0) return false;
  // The sweep classes in order (each span class: full set, then partial).
  for (std::uint32_t sc = sw.centralIndex; sc < kNumSpanClasses * 2; ++sc) {
    std::uint32_t spc = sc >> 1;
    bool full = (sc & 1) == 0;
    SpanQueue& set = full ? h.fullUnswept(spc) : h.partialUnswept(spc);
    if (set.empty()) continue;
    sw.centralIndex = sc;
    SpanId sid = set.front();
    set.pop_front();
    sweepTaken(c, sid, why);
    p.now += sweepCost(c.prog.config.costs, h.spans[sid]);
    placeSwept(c, sid);
    checkSweepDone(c);
    return true;
  }
  sw.centralIndex = kNumSpanClasses * 2;
  return false;
}

void ensureSwept(SweepContext& c, SpanId sid, SweepCause why) {
  Heap& h = c.heap;
  Span& s = h.spans[sid];
  if (s.state != SpanState::InUse || !h.needsSweep(s)) return;
  if (s.cachedBy != kNone) {
    MCache& mc = c.ps[s.cachedBy].mcache;
    mc.alloc[s.spanClass] = kNoSpan;
    if (mc.tinySpan == sid) {
      mc.tinySpan = kNoSpan;
      mc.tinyLast = kNil;
      mc.tinyOffset = 0;
    }
    c.out.push(c.actor, SpanUncacheEvent{sid, s.cachedBy});
    s.cachedBy = kNone;
  } else {
    for (SpanQueue* set : {&h.partialUnswept(s.spanClass), &h.fullUnswept(s.spanClass)}) {
      auto it = std::find(set->begin(), set->end(), sid);
      if (it != set->end()) set->erase(it);
    }
  }
  sweepTaken(c, sid, why);
  placeSwept(c, sid);
  checkSweepDone(c);
}

bool flushMcache(SweepContext& c, Processor& p) {
  Heap& h = c.heap;
  MCache& mc = p.mcache;
  for (std::uint32_t spc = 0; spc < mc.alloc.size(); ++spc) {
    SpanId sid = mc.alloc[spc];
    if (sid == kNoSpan) continue;
    Span& s = h.spans[sid];
    mc.alloc[spc] = kNoSpan;
    s.cachedBy = kNone;
    c.out.push(c.actor, SpanUncacheEvent{sid, p.id});
    if (s.sweepgen == h.sweepgen + 1) {
      // Cached before this sweep began: we sweep it.
      sweepTaken(c, sid, SweepCause::McacheFlush);
      p.now += sweepCost(c.prog.config.costs, h.spans[sid]);
      placeSwept(c, sid);
      checkSweepDone(c);
      return true;
    }
    // Cached after this sweep began (swept already): back to its mcentral,
    // and its free slots no longer count as live heap.
    s.sweepgen = h.sweepgen;
    std::uint64_t unused = std::uint64_t(s.npages) * kPageSize - std::uint64_t(s.allocCount) * s.elemSize;
    h.stats.heapLive -= std::min(h.stats.heapLive, unused);
    (s.full() ? h.fullSwept(spc) : h.partialSwept(spc)).push_back(sid);
  }
  mc.tinySpan = kNoSpan;
  mc.tinyOffset = 0;
  mc.tinyLast = kNil;
  p.needMcacheFlush = false;
  checkSweepDone(c);
  return false;
}

void checkSweepDone(SweepContext& c) {
  if (c.gc.phase != Phase::Sweep || c.sweep.unswept > 0) return;
  for (const Processor& q : c.ps)
    if (q.needMcacheFlush) {
      // Only fresh spans remain cached: nothing left to sweep.
      bool stale = false;
      for (SpanId sid : q.mcache.alloc)
        if (sid != kNoSpan && c.heap.spans[sid].sweepgen == c.heap.sweepgen + 1) stale = true;
      if (stale) return;
    }
  c.sweep.pagesPerByte = 0;
  c.out.push(0, SweepDoneEvent{c.gc.cycle});
  setGCPhase(c.gc, c.out, Phase::Off);
}

BgSweep bgsweep(SweepContext& c, Processor& p, Goroutine& sweeper) {
  if (c.gc.phase != Phase::Sweep || !sweepone(c, p, SweepCause::Background)) {
    sweeper.sweepBatch = 0;
    return BgSweep::Park;
  }
  if (++sweeper.sweepBatch < 10) return BgSweep::Continue;
  sweeper.sweepBatch = 0;
  for (const Processor& q : c.ps)
    if (q.cur == 0 && q.id != p.id) return BgSweep::Continue;  // an idle P: no need to yield
  return BgSweep::Yield;
}

}  // namespace tricolor
