// The allocation path (malloc.go mallocgc, mcache.go refill, mcentral.go
// cacheSpan, mgcsweep.go deductSweepCredit), unit by unit:
//
//   1. while marking, charge the allocation to the goroutine's assist balance;
//      in debt, steal background credit or do one unit of mark work (assist);
//   2. tiny (< 16 B, pointer-free), small (<= 32 KiB) or large;
//   3. small: take the next free slot of this P's mcache span; if it is full,
//      refill: pay the proportional-sweep debt (sweep one span per unit),
//      then take a swept partial span from the mcentral, or sweep an unswept
//      one for ourselves (one unit), or ask the mheap for a new span;
//   4. mark the new object if the collector is marking (allocate black);
//   5. if the heap reached the trigger, this goroutine starts a cycle.
// Every sweep or assist is its own unit, so mallocgc returns false then and
// the operation runs again on the goroutine's next unit.
#include <algorithm>
#include <cmath>

#include "core/sim/simulation.hpp"

namespace tricolor {

namespace {
constexpr std::size_t kMaxObjects = std::size_t{1} << 31;
constexpr std::size_t kMaxPtrPool = std::size_t{1} << 32;
}  // namespace

ObjectId Simulation::allocStack(Goroutine& g, TypeId type, std::uint32_t site, EventSink& out) {
  ObjectId id = newObjectRecord(type, g.id, site);
  Object& o = s_.world.objects.mut(id);
  o.state = ObjState::Stack;
  o.slot = static_cast<std::uint32_t>(g.stack.size() - 1);
  g.stack.back().stackObjects.push_back(id);
  out.push(g.id, AllocStackEvent{id, o.slot});
  return id;
}

ObjectId Simulation::newObjectRecord(TypeId type, GoroutineId g, std::uint32_t site) {
  const Type& t = prog_->types[type];
  Object o;
  o.type = type;
  o.goroutine = g;
  o.site = site;
  o.allocStep = static_cast<std::uint32_t>(std::min<std::uint64_t>(s_.steps, 0xffffffffu));
  if (t.numPtrs > kInlinePtrs) {
    o.ptrs = static_cast<std::uint32_t>(s_.world.ptrPool.size());
    s_.world.ptrPool.resize(s_.world.ptrPool.size() + t.numPtrs, kNil);
  }
  s_.world.objects.push_back(o);
  ObjectId id = static_cast<ObjectId>(s_.world.objects.size() - 1);
  s_.world.info.push_back(0);
  s_.world.inl.push_back({kNil, kNil});
  return id;
}

void Simulation::placeObject(Processor& p, Goroutine& g, SpanId sid, std::uint32_t slot, ObjectId obj,
                             EventSink& out) {
  Span& s = s_.heap.spans[sid];
  Object& o = s_.world.objects.mut(obj);
  o.span = sid;
  o.slot = slot;
  o.sizeClass = static_cast<std::uint8_t>(s.sizeClass());
  // A small object with its pointers inline is scanned from World::inl alone.
  const Type& ty = prog_->types[o.type];
  const std::uint32_t inlScan =
      (!s.noscan() && s.sizeClass() != 0 && o.ptrs == kFieldsInline && ty.numPtrs <= kInlinePtrs) ? ty.numPtrs
                                                                                                  : 0;
  s_.world.info[obj] =
      static_cast<std::uint16_t>(kInfoHeap | (s.noscan() ? kInfoNoscan : 0) | (inlScan << kInfoInlShift) |
                                 (s.sizeClass() << kInfoClassShift));
  s_.heap.setAllocBit(s, slot);
  s_.heap.setSlotObject(s, slot, obj);
  ++s.allocCount;
  s.freeIndex = slot + 1;
  HeapStats& st = s_.heap.stats;
  st.totalAlloc += s.elemSize;
  ++st.objectsAllocated;
  const std::uint32_t size = prog_->types[o.type].size;
  st.requestedLive += size;
  if (!s.noscan()) st.heapScan += size;
  // gcmarknewobject: allocate black while the collector is marking.
  bool black = s_.gc.phase == Phase::Mark || s_.gc.phase == Phase::MarkTermination;
  if (black) {
    s_.world.setMarked(obj);
    s_.gc.bytesMarked += s.elemSize;
    ++s_.gc.objectsMarked;
  }
  out.push(g.id, AllocEvent{obj, sid, slot, s.sizeClass(), black, p.id});
}

bool Simulation::mallocgc(Processor& p, Goroutine& g, TypeId type, std::uint32_t site, ObjectId& result,
                          EventSink& out) {
  const Type& t = prog_->types[type];
  if (s_.world.objects.size() >= kMaxObjects || s_.world.ptrPool.size() + t.numPtrs >= kMaxPtrPool) {
    programError(g, ProgramErrorCode::TooManyObjects, out);
    result = kNil;
    return true;
  }
  // The P flushes its stale mcache after mark termination before it allocates.
  if (p.needMcacheFlush && mcacheFlushUnit(p, out)) return false;
  // 1. Assist credit (gcAssistAlloc).
  if (s_.gc.phase == Phase::Mark) {
    if (!g.progress.charged) {
      g.assistBytes -= std::int64_t(t.size);
      g.progress.charged = true;
    }
    if (g.assistBytes < 0 || g.progress.assisting) {
      if (assistUnit(p, g, out)) return false;
    }
  }
  // 2./3. Find a slot.
  const std::uint64_t liveBefore = s_.heap.stats.heapLive;
  bool placed;
  if (prog_->config.tinyAlloc && t.noscan() && t.size < kTinySize)
    placed = allocTiny(p, g, type, site, out);
  else if (t.size > kMaxSmallSize)
    placed = allocLarge(p, g, type, site, out);
  else
    placed = allocSmall(p, g, spanClassOf(sizeToClass(t.size), t.noscan()), type, site, out);
  if (!placed) return false;
  // The allocation functions record the new object as the last one.
  result = static_cast<ObjectId>(s_.world.objects.size() - 1);
  p.now += prog_->config.costs.alloc;
  // heapLive only moves when a span is cached or a large object allocated;
  // Go tests the trigger then too (mallocgc's shouldhelpgc).
  if (s_.heap.stats.heapLive != liveBefore) checkTrigger(g, out);
  return true;
}

bool Simulation::allocSmall(Processor& p, Goroutine& g, std::uint32_t spc, TypeId type, std::uint32_t site,
                            EventSink& out) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    SpanId sid = p.mcache.alloc[spc];
    if (sid != kNoSpan) {
      Span& s = s_.heap.spans[sid];
      std::uint32_t idx = s_.heap.nextFree(s);
      if (idx < s.nelems) {
        ObjectId obj = newObjectRecord(type, g.id, site);
        placeObject(p, g, sid, idx, obj, out);
        return true;
      }
      s.freeIndex = s.nelems;
    }
    if (!refill(p, g, spc, out)) return false;
  }
  return false;
}

// mcache.refill: give back the full span, then get one with a free slot.
// Returns true when P's mcache now holds a usable span (no unit spent yet),
// false when this unit was spent sweeping.
bool Simulation::refill(Processor& p, Goroutine& g, std::uint32_t spc, EventSink& out) {
  Heap& h = s_.heap;
  MCache& mc = p.mcache;
  if (mc.alloc[spc] != kNoSpan) {
    SpanId old = mc.alloc[spc];
    Span& s = h.spans[old];
    s.sweepgen = h.sweepgen;
    s.cachedBy = kNone;
    (s.full() ? h.fullSwept(spc) : h.partialSwept(spc)).push_back(old);
    s_.heap.stats.heapLive -=
        std::min<std::uint64_t>(s_.heap.stats.heapLive, std::uint64_t(s.npages) * kPageSize -
                                                            std::uint64_t(s.allocCount) * s.elemSize);
    mc.alloc[spc] = kNoSpan;
    out.push(g.id, SpanUncacheEvent{old, p.id});
  }
  const SizeClassInfo& info = kSizeClasses[sizeClassOf(spc)];
  if (paySweepCredit(p, g, std::uint64_t(info.npages) * kPageSize, 0, out)) return false;

  auto cache = [&](SpanId sid) {
    Span& s = h.spans[sid];
    s.sweepgen = h.sweepgen + 3;
    s.cachedBy = p.id;
    mc.alloc[spc] = sid;
    s_.heap.stats.heapLive += std::uint64_t(s.npages) * kPageSize - std::uint64_t(s.allocCount) * s.elemSize;
    notePeak();
    out.push(g.id, SpanCacheEvent{sid, p.id});
  };
  // mcentral.cacheSpan: a swept partial span first.
  if (!h.partialSwept(spc).empty()) {
    SpanId sid = h.partialSwept(spc).front();
    h.partialSwept(spc).pop_front();
    cache(sid);
    return true;
  }
  // Then an unswept one, swept by us (one unit); we keep it if it has room.
  auto sweepForUs = [&](SpanQueue& set) {
    SpanId sid = set.front();
    set.pop_front();
    SweepContext c = sweepCtx(out, g.id);
    sweepTaken(c, sid, SweepCause::Allocation);
    Span& s = h.spans[sid];
    p.now += sweepCost(prog_->config.costs, s);
    if (!s.full())
      cache(sid);
    else
      h.fullSwept(spc).push_back(sid);
    tricolor::checkSweepDone(c);
  };
  if (!h.partialUnswept(spc).empty()) {
    sweepForUs(h.partialUnswept(spc));
    return false;
  }
  if (!h.fullUnswept(spc).empty()) {
    sweepForUs(h.fullUnswept(spc));
    return false;
  }
  // mheap.alloc: a fresh span.
  SpanId sid = h.allocSpan(info.npages, spc, info.size, info.nelems);
  out.push(g.id, SpanAllocEvent{sid, spc, info.npages, h.spans[sid].startPage});
  cache(sid);
  return true;
}

bool Simulation::paySweepCredit(Processor& p, Goroutine& g, std::uint64_t spanBytes,
                                std::uint32_t callerPages, EventSink& out) {
  SweepPacing& sw = s_.sweep;
  if (sw.pagesPerByte == 0) return false;
  std::uint64_t live = s_.heap.stats.heapLive;
  std::uint64_t newHeapLive = spanBytes + (live > sw.heapLiveBasis ? live - sw.heapLiveBasis : 0);
  double target = sw.pagesPerByte * double(newHeapLive) - double(callerPages);
  if (target > double(sw.pagesSwept - sw.pagesSweptBasis)) {
    if (sweepOne(p, g, SweepCause::Allocation, out)) return true;
    sw.pagesPerByte = 0;
  }
  return false;
}

bool Simulation::allocLarge(Processor& p, Goroutine& g, TypeId type, std::uint32_t site, EventSink& out) {
  const Type& t = prog_->types[type];
  std::uint32_t npages = largePages(t.size);
  if (paySweepCredit(p, g, std::uint64_t(npages) * kPageSize, npages, out)) return false;
  Heap& h = s_.heap;
  std::uint32_t spc = spanClassOf(0, t.noscan());
  SpanId sid = h.allocSpan(npages, spc, npages * kPageSize, 1);
  out.push(g.id, SpanAllocEvent{sid, spc, npages, h.spans[sid].startPage});
  h.fullSwept(spc).push_back(sid);
  s_.heap.stats.heapLive += std::uint64_t(npages) * kPageSize;
  notePeak();
  ObjectId obj = newObjectRecord(type, g.id, site);
  placeObject(p, g, sid, 0, obj, out);
  return true;
}

bool Simulation::allocTiny(Processor& p, Goroutine& g, TypeId type, std::uint32_t site, EventSink& out) {
  std::uint32_t size = prog_->types[type].size;
  MCache& mc = p.mcache;
  std::uint32_t off = mc.tinyOffset;
  if ((size & 7) == 0)
    off = (off + 7) & ~7u;
  else if ((size & 3) == 0)
    off = (off + 3) & ~3u;
  else if ((size & 1) == 0)
    off = (off + 1) & ~1u;
  if (mc.tinySpan != kNoSpan && off + size <= kTinySize && mc.tinyLast != kNil) {
    // The piece fits in the current 16-byte block.
    ObjectId obj = newObjectRecord(type, g.id, site);
    Object& o = s_.world.objects.mut(obj);
    const Object& block = s_.world.objects[mc.tinyLast];
    o.span = mc.tinySpan;
    o.slot = mc.tinySlot;
    o.sizeClass = block.sizeClass;
    // The block's bits, less its mark state (a piece's own bit is never used).
    s_.world.info[obj] =
        static_cast<std::uint16_t>((s_.world.info[mc.tinyLast] & ~(kInfoMarked | kInfoQueued)) | kInfoTiny);
    s_.world.tinyPieces[s_.heap.slotObject(s_.heap.spans[mc.tinySpan], mc.tinySlot)].push_back(obj);
    mc.tinyLast = obj;
    mc.tinyOffset = off + size;
    ++s_.heap.stats.objectsAllocated;
    s_.heap.stats.requestedLive += size;
    out.push(g.id, AllocTinyEvent{obj, mc.tinySpan, mc.tinySlot, off});
    return true;
  }
  // A new block from the 16-byte noscan class.
  if (!allocSmall(p, g, spanClassOf(kTinySizeClass, true), type, site, out)) return false;
  ObjectId obj = static_cast<ObjectId>(s_.world.objects.size() - 1);
  const Object& o = s_.world.objects[obj];
  mc.tinySpan = o.span;
  mc.tinySlot = o.slot;
  mc.tinyOffset = size;
  mc.tinyLast = obj;
  return true;
}

void Simulation::checkTrigger(Goroutine& g, EventSink& out) {
  if (s_.gc.startPending || (s_.gc.phase != Phase::Off && s_.gc.phase != Phase::Sweep)) return;
  if (s_.pacer.gcPercent < 0 && s_.pacer.memoryLimit >= kNoLimit) return;
  if (s_.heap.stats.heapLive < heapTrigger()) return;
  g.gcStartPending = true;
  g.pendingTrigger = static_cast<std::uint8_t>(TriggerKind::Heap);
  s_.gc.startPending = g.id;
  out.push(g.id, TriggerEvent{s_.heap.stats.heapLive});
}

// One unit of a mutator assist (gcAssistAlloc): steal background credit, or
// do mark work worth at least gcOverAssistWork, or finish the mark phase.
bool Simulation::assistUnit(Processor& p, Goroutine& g, EventSink& out) {
  Pacer& pc = s_.pacer;
  OpProgress& pr = g.progress;
  if (!pr.assisting) {
    double debtWork = pc.assistWorkPerByte * double(-g.assistBytes);
    std::int64_t want = std::int64_t(std::ceil(debtWork));
    if (pc.bgScanCredit > 0) {
      std::int64_t stolen = std::min(pc.bgScanCredit, want);
      pc.bgScanCredit -= stolen;
      g.assistBytes += std::int64_t(double(stolen) * pc.assistBytesPerWork) + (stolen == want ? 1 : 0);
      if (g.assistBytes >= 0) {
        out.push(g.id, AssistCreditEvent{std::uint64_t(stolen)});
        return false;  // paid by the background workers: no work of our own
      }
      want -= stolen;
    }
    pr.assisting = true;
    pr.assistWorkLeft = std::max<std::int64_t>(want, kOverAssistWork);
  }
  std::uint64_t t0 = p.now, work = 0;
  if (!markWorkUnit(p, g, out, &work)) {
    // No mark work anywhere: this assist reached a completion point.
    pr.assisting = false;
    g.assistBytes = std::max<std::int64_t>(g.assistBytes, 0);
    markDone(p, g, out);
    pc.assistTime += p.now - t0;
    return true;
  }
  pc.assistTime += p.now - t0;
  g.assistBytes += std::int64_t(double(work) * pc.assistBytesPerWork);
  pr.assistWorkLeft -= std::int64_t(work);
  if (pr.assistWorkLeft <= 0) pr.assisting = false;
  out.push(g.id, AssistEvent{static_cast<std::uint32_t>(work),
                             static_cast<std::uint64_t>(std::max<std::int64_t>(0, -g.assistBytes))});
  return true;
}

}  // namespace tricolor
