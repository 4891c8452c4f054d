// Marking (runtime/mgcmark.go): root jobs, greyobject, scanobject and
// stack scanning. collector.hpp says how the colours are encoded.
//
// A cycle's marking starts from the roots, queued as jobs while the world
// is stopped at mark start (prepareRoots, gcMarkRootPrepare): the finalizer
// queue, dead goroutines' stacks, the data and bss segments in shards, the
// span specials (an object with a finalizer keeps what it points to alive,
// not itself; a weak handle is kept by its special), then one job per
// goroutine stack, from a snapshot taken then. A goroutine created later
// has no job: its stack starts black, and what it allocates is black too.
// Workers and assists run the jobs in order (markroot), then drain the
// grey queue.
//
// greyobject is the only way an object turns grey: set its mark bit, and
// queue it unless it holds no pointers (noscan objects are black at once).
// A tiny block has one mark bit, its first piece's. scanobject pops the
// queue's top - LIFO, so marking goes depth first - and greys every white
// object its pointer slots point to; objects over 128 KiB are scanned one
// 128 KiB oblet per unit, so no unit of work is unbounded.
//
// A stack is scanned whole, in one job, with its goroutine stopped
// (scanStack): every pointer slot of every frame, and the stack objects
// (address-taken locals) they reach - a stack object is traced only if
// something live in the frame still points to it. Stacks are never
// barriered (barrier.cpp says why), so each one is scanned once per cycle,
// except under Go 1.7's insertion-only barrier, which re-scans them all at
// mark termination.
#include <algorithm>

#include "core/gc/collector.hpp"
#include "core/model/assert.hpp"

namespace tricolor {

// {===== greying

const char* colourName(Colour c) {
  switch (c) {
    case Colour::White: return "white";
    case Colour::Grey: return "grey";
    case Colour::Black: return "black";
    case Colour::Free: return "freed";
    case Colour::Stack: return "stack";
  }
  return "?";
}

ObjectId markOwner(const World& w, const Heap& h, ObjectId id) {
  if (!(w.info[id] & kInfoTiny)) return id;
  const Object& o = w.objects[id];
  return h.slotObject(h.spans[o.span], o.slot);
}

bool isMarked(const World& w, const Heap& h, ObjectId id) {
  if (w.objects[id].state != ObjState::Heap) return false;
  return w.marked(markOwner(w, h, id));
}

bool slotMarked(const World& w, const Heap& h, const Span& s, std::uint32_t slot) {
  ObjectId id = slot < s.nelems ? h.slotObject(s, slot) : kNil;
  return id != kNil && w.marked(id);
}

std::uint32_t elemSizeOf(const Heap& h, const Object& o) {
  return o.sizeClass ? kSizeClasses[o.sizeClass].size : h.spans[o.span].elemSize;
}

Colour colourOf(const World& w, const Heap& h, ObjectId id) {
  const Object& o = w.objects[id];
  switch (o.state) {
    case ObjState::Stack: return Colour::Stack;
    case ObjState::Freed:
    case ObjState::StackDead: return Colour::Free;
    case ObjState::Heap: break;
  }
  if (!isMarked(w, h, id)) return Colour::White;
  return w.queued(markOwner(w, h, id)) ? Colour::Grey : Colour::Black;
}

namespace {

// What greyobject relies on when the mark info says "heap object": the
// record agrees, its span is in use and the span's slot holds it (a tiny
// piece's slot holds its block's first piece).
bool allocatedInSpan(const GcContext& c, ObjectId obj) {
  const Object& o = c.world.objects[obj];
  if (o.state != ObjState::Heap || o.span >= c.heap.spans.size()) return false;
  const Span& s = c.heap.spans[o.span];
  if (s.state != SpanState::InUse || o.slot >= s.nelems) return false;
  return (c.world.info[obj] & kInfoTiny) || c.heap.slotObject(s, o.slot) == obj;
}

// greyobject, inlined into the scan loop (the hot path of marking).
// kFetch: start fetching what scanning the object reads (off while the
// prefetch window runs: it fetches the object when it enters the window).
template <bool kFetch = true>
[[gnu::always_inline]] inline bool greyInline(GcContext& c, ObjectId obj, ShadeReason why, const Ref& from) {
  TRICOLOR_ASSERT(c.gc.phase == Phase::Mark || c.gc.phase == Phase::MarkTermination,
                  "greyobject while the collector is not marking");
  if (obj == kNil) return false;
  TRICOLOR_ASSERT(obj < c.world.info.size(), "greyobject of an id that is no object");
  // The fast path reads one dense entry (mark info, mark bit included),
  // never the object's record.
  World& w = c.world;
  std::uint16_t info = w.info[obj];
  if (info & kInfoMarked) return false;
  if (!(info & kInfoHeap)) {
    if (w.objects[obj].state == ObjState::Freed) {
      // The collector followed a pointer to a freed slot: in Go this is the
      // "found bad pointer in Go heap" crash, or silent corruption.
      c.out.push(c.actor, DanglingUseEvent{obj, true, from});
    }
    return false;  // stack objects are traced with their stack
  }
  TRICOLOR_ASSERT(allocatedInSpan(c, obj),
                  "greyobject of a heap object that is not allocated in an in-use span");
  if (info & kInfoTiny) {
    // A tiny block has one mark bit: its first piece's.
    const Object& o = w.objects[obj];
    obj = c.heap.slotObject(c.heap.spans[o.span], o.slot);
    info = w.info[obj];
    if (info & kInfoMarked) return false;
  }
  std::uint32_t sc = info >> kInfoClassShift;
  c.gc.bytesMarked += sc ? kSizeClasses[sc].size : c.heap.spans[w.objects[obj].span].elemSize;
  ++c.gc.objectsMarked;
  bool noscan = info & kInfoNoscan;
  // Marked, and queued unless it holds no pointers: one write.
  w.info[obj] = static_cast<std::uint16_t>(info | kInfoMarked | (noscan ? 0 : kInfoQueued));
  if (!noscan) {
    c.gc.grey.push_back(GreyEntry{obj, 0});
    // Scanned soon (LIFO): fetch what scanning it reads.
    if constexpr (kFetch) {
      if (info & (3u << kInfoInlShift))
        __builtin_prefetch(&w.inl[obj]);
      else
        __builtin_prefetch(&w.objects[obj]);
    }
  }
  c.out.push(c.actor, ShadeEvent{obj, why, noscan, from});
  return true;
}

}  // namespace

bool greyObject(GcContext& c, ObjectId obj, ShadeReason why, const Ref& from) {
  return greyInline(c, obj, why, from);
}

// }=====  {===== scanning

namespace {

// Pointer slots of `t` whose byte offset lies in [lo, hi): calls fn(slot).
template <class Fn>
void forPtrSlotsIn(const Type& t, std::uint64_t lo, std::uint64_t hi, Fn&& fn) {
  for (const Field& f : t.fields) {
    if (!f.pointer) continue;
    std::uint64_t fbeg = f.offset, fend = f.offset + std::uint64_t(f.count) * 8;
    if (fend <= lo || fbeg >= hi) continue;
    std::uint64_t first = fbeg >= lo ? 0 : (lo - fbeg + 7) / 8;
    std::uint64_t last = fend <= hi ? f.count : (hi - fbeg + 7) / 8;
    for (std::uint64_t k = first; k < last; ++k) fn(f.firstPtr + static_cast<std::uint32_t>(k));
  }
}

}  // namespace

std::uint64_t scanOne(GcContext& c) {
  Collector& gc = c.gc;
  World& w = c.world;
  GreyEntry e;
  static_assert(kWindow == std::tuple_size_v<decltype(gc.window)>);
  const bool windowed = gc.grey.size() > kWindowFrom || gc.windowLen != 0;
  if (windowed) {
    // A deep stack: take entries off its top into the prefetch window,
    // fetching what scanning them reads, and scan the window's oldest.
    while (gc.windowLen < kWindow && gc.grey.size() > kWindowFrom) {
      const GreyEntry t = gc.grey.back();
      gc.grey.pop_back();
      __builtin_prefetch(&w.info[t.obj]);
      __builtin_prefetch(&w.inl[t.obj]);
      gc.window[(gc.windowHead + gc.windowLen++) % kWindow] = t;
    }
    e = gc.window[gc.windowHead];
    gc.window[gc.windowHead] = GreyEntry{};
    gc.windowHead = (gc.windowHead + 1) % kWindow;
    --gc.windowLen;
    if (gc.windowLen == 0) gc.windowHead = 0;
    // Second stage: the fields of the entry halfway through the window have
    // arrived by now; fetch the mark info of the objects they point to
    // (their mark bits are in it).
    if (gc.windowLen > kWindow / 2) {
      const ObjectId m = gc.windowAt(kWindow / 2).obj;
      if (const std::uint32_t n = (w.info[m] >> kInfoInlShift) & 3u)
        for (std::uint32_t i = 0; i < n; ++i) __builtin_prefetch(&w.info[w.inl[m][i]]);
    }
  } else if (!gc.grey.empty()) {
    e = gc.grey.back();
    gc.grey.pop_back();
    // The objects under the top are scanned next when this one greys nothing
    // new: start fetching them now so the cache misses overlap.
    for (std::size_t k = 1; k <= 4 && k <= gc.grey.size(); ++k) {
      ObjectId next = gc.grey[gc.grey.size() - k].obj;
      __builtin_prefetch(&w.info[next]);
      __builtin_prefetch(&w.inl[next]);
    }
  } else {
    return 0;
  }
  const std::uint16_t info = w.info[e.obj];
  TRICOLOR_ASSERT((info & (kInfoHeap | kInfoMarked | kInfoQueued)) == (kInfoHeap | kInfoMarked | kInfoQueued),
                  "scanobject popped an object that is not grey (a marked, queued heap object)");
  if (const std::uint32_t n = (info >> kInfoInlShift) & 3u) {
    // The common case, read from dense arrays only: a small object (one
    // oblet) whose n <= 2 pointer fields are inline.
    const std::uint32_t elem = kSizeClasses[info >> kInfoClassShift].size;
    c.out.push(c.actor, ScanStartEvent{e.obj, e.oblet, 1});
    const std::array<ObjectId, kInlinePtrs> fields = w.inl[e.obj];
    if (windowed) {
      // The window fetched all of it already.
      for (std::uint32_t i = 0; i < n; ++i)
        if (fields[i] != kNil)
          greyInline<false>(c, fields[i], ShadeReason::Scan, Ref{RefKind::Field, e.obj, i, 0});
    } else {
      // Fetch the targets' mark info and fields together: greying one reads
      // its info, and (LIFO) the last one greyed is scanned next, so both
      // misses overlap instead of following each other.
      for (std::uint32_t i = 0; i < n; ++i)
        if (fields[i] != kNil) {
          __builtin_prefetch(&w.info[fields[i]]);
          __builtin_prefetch(&w.inl[fields[i]]);
        }
      for (std::uint32_t i = 0; i < n; ++i)
        if (fields[i] != kNil) greyInline(c, fields[i], ShadeReason::Scan, Ref{RefKind::Field, e.obj, i, 0});
    }
    w.info[e.obj] &= static_cast<std::uint16_t>(~kInfoQueued);
    c.out.push(c.actor, ScanEndEvent{e.obj});
    c.pacer.heapScanWork += elem;
    return elem;
  }
  const Object& o = c.world.objects[e.obj];
  const Type& t = c.prog.types[o.type];
  const std::uint32_t elem = elemSizeOf(c.heap, o);
  std::uint32_t oblets = elem > kMaxObletBytes ? (elem + kMaxObletBytes - 1) / kMaxObletBytes : 1;
  c.out.push(c.actor, ScanStartEvent{e.obj, e.oblet, oblets});

  std::uint64_t work;
  const ObjectId* fields = c.world.fields(e.obj);
  if (oblets == 1) {
    // Every pointer slot of the object.
    for (std::uint32_t i = 0; i < t.numPtrs; ++i) {
      ObjectId v = fields[i];
      if (v != kNil) greyObject(c, v, ShadeReason::Scan, Ref{RefKind::Field, e.obj, i, 0});
    }
    work = elem;
  } else {
    // scanobject on a large object queues its other oblets first (Go pushes
    // them in address order, so the LIFO pops the last one first).
    if (e.oblet == 0)
      for (std::uint32_t k = 1; k < oblets; ++k) c.gc.grey.push_back(GreyEntry{e.obj, k});
    std::uint64_t lo = std::uint64_t(e.oblet) * kMaxObletBytes;
    std::uint64_t hi = std::min<std::uint64_t>(lo + kMaxObletBytes, elem);
    forPtrSlotsIn(t, lo, hi, [&](std::uint32_t i) {
      ObjectId v = fields[i];
      if (v != kNil) greyObject(c, v, ShadeReason::Scan, Ref{RefKind::Field, e.obj, i, 0});
    });
    work = hi - lo;
  }
  // The object is black once its last pending oblet is done (oblet 1 is the
  // deepest of the ones pushed by oblet 0).
  bool last = oblets == 1 || e.oblet == 1;
  if (last) {
    c.world.info[e.obj] &= static_cast<std::uint16_t>(~kInfoQueued);
    c.out.push(c.actor, ScanEndEvent{e.obj});
  }
  c.pacer.heapScanWork += work;
  return work;
}

// }=====  {===== roots

void prepareRoots(GcContext& c, std::uint64_t globalsBytes, std::uint64_t shardBytes) {
  auto& jobs = c.gc.rootJobs;
  jobs.clear();
  c.gc.nextRoot = 0;
  jobs.push_back({RootKind::FinalizerQueue, 0});
  jobs.push_back({RootKind::FreeStacks, 0});
  // Globals: the data segment (initialised globals) and bss, each split in
  // rootBlockBytes shards.
  std::uint64_t dataBytes = 0, bssBytes = 0;
  for (const SlotDecl& g : c.prog.globals) (g.data ? dataBytes : bssBytes) += 8;
  bssBytes += globalsBytes - std::min(globalsBytes, dataBytes + bssBytes);
  std::uint64_t nData = std::max<std::uint64_t>(1, (dataBytes + shardBytes - 1) / shardBytes);
  std::uint64_t nBss = std::max<std::uint64_t>(1, (bssBytes + shardBytes - 1) / shardBytes);
  for (std::uint64_t i = 0; i < nData; ++i) jobs.push_back({RootKind::Data, std::uint32_t(i)});
  for (std::uint64_t i = 0; i < nBss; ++i) jobs.push_back({RootKind::Bss, std::uint32_t(i)});
  // One specials job (simplified: Go shards span specials by 512 pages).
  jobs.push_back({RootKind::Specials, 0});
  // One job per goroutine in the snapshot taken now; goroutines created
  // later start with no roots (their stacks are black).
  for (Goroutine& g : c.world.goroutines) {
    g.inRootSnapshot = g.status != GStatus::Dead;
    if (g.inRootSnapshot) jobs.push_back({RootKind::Stack, g.id});
  }
}

namespace {

// Byte offset of each global inside its section (data or bss).
std::uint64_t globalsShardOf(const Program& p, std::uint32_t idx, std::uint64_t shardBytes) {
  std::uint64_t off = 0;
  for (std::uint32_t i = 0; i < idx; ++i)
    if (p.globals[i].data == p.globals[idx].data) off += 8;
  return off / shardBytes;
}

}  // namespace

std::uint64_t runRootJob(GcContext& c, const RootJob& job, std::uint32_t jobNumber) {
  c.out.push(c.actor, RootJobEvent{job.kind, job.index, jobNumber});
  std::uint64_t work = 0;
  switch (job.kind) {
    case RootKind::FinalizerQueue:
      for (const QueuedFinalizer& f : c.gc.finq) {
        greyObject(c, f.obj, ShadeReason::Root, Ref{RefKind::FinalizerQueue, f.obj, 0, 0});
        work += 16;
      }
      break;
    case RootKind::FreeStacks: break;  // dead goroutines' stacks hold no pointers in the simulation
    case RootKind::Data:
    case RootKind::Bss: {
      bool data = job.kind == RootKind::Data;
      std::uint64_t shard = job.index;
      std::uint64_t shardBytes = 0;
      for (std::uint32_t i = 0; i < c.prog.globals.size(); ++i) {
        const SlotDecl& d = c.prog.globals[i];
        if (d.data != data) continue;
        // Shard membership is by byte offset inside the section.
        if (globalsShardOf(c.prog, i, c.prog.config.globalsShardBytes) != shard) continue;
        shardBytes += 8;
        if (!d.pointer) continue;
        ObjectId v = static_cast<ObjectId>(c.world.globals[i]);
        if (v != kNil) greyObject(c, v, ShadeReason::Root, Ref{RefKind::Global, i, 0, 0});
      }
      work = shardBytes;
      c.pacer.globalsScanWork += work;
      break;
    }
    case RootKind::Specials:
      // markrootSpans: an object with a finalizer keeps everything it points
      // to alive (but not itself); a weak handle is kept alive by its special.
      for (ObjectId obj : c.world.finalizers) {
        const Type& t = c.prog.types[c.world.objects[obj].type];
        const ObjectId* f = c.world.fields(obj);
        for (std::uint32_t i = 0; i < t.numPtrs; ++i)
          if (f[i] != kNil) greyObject(c, f[i], ShadeReason::Root, Ref{RefKind::Special, obj, i, 0});
        work += t.size;
      }
      for (const WeakHandle& h : c.world.weakHandles)
        if (h.target != kNil)
          greyObject(c, h.handle, ShadeReason::Root, Ref{RefKind::Special, h.target, 0, 1});
      c.pacer.heapScanWork += work;
      break;
    case RootKind::Stack: work = scanStack(c, job.index, false); break;
  }
  return work;
}

std::uint64_t scanStack(GcContext& c, GoroutineId gid, bool rescan) {
  Goroutine& g = c.world.g(gid);
  std::uint64_t bytes = 0;
  // Stack objects are traced only if reachable from the frame's pointers.
  std::vector<ObjectId> pending;
  std::vector<ObjectId> seen;
  auto visit = [&](ObjectId v, const Ref& from) {
    if (v == kNil) return;
    const Object& o = c.world.objects[v];
    if (o.state == ObjState::Stack && o.goroutine == gid) {
      if (std::find(seen.begin(), seen.end(), v) == seen.end()) {
        seen.push_back(v);
        pending.push_back(v);
      }
      return;
    }
    greyObject(c, v, ShadeReason::Root, from);
  };
  for (std::uint32_t depth = 0; depth < g.stack.size(); ++depth) {
    const Frame& f = g.stack[depth];
    const Function& fn = c.prog.functions[f.func];
    bytes += fn.frameBytes;
    for (std::uint32_t i = 0; i < fn.slots.size(); ++i)
      if (fn.slots[i].pointer)
        visit(static_cast<ObjectId>(f.slots[i]), Ref{RefKind::StackSlot, gid, depth, i});
    for (ObjectId so : f.stackObjects) bytes += c.prog.types[c.world.objects[so].type].size;
  }
  while (!pending.empty()) {
    ObjectId so = pending.back();
    pending.pop_back();
    const Type& t = c.prog.types[c.world.objects[so].type];
    const ObjectId* fields = c.world.fields(so);
    for (std::uint32_t i = 0; i < t.numPtrs; ++i) visit(fields[i], Ref{RefKind::Field, so, i, 0});
  }
  g.scannedCycle = c.gc.cycle;
  c.out.push(c.actor, StackScanEvent{gid, rescan, bytes});
  c.pacer.stackScanWork += bytes;
  return bytes;
}

// }=====

}  // namespace tricolor
