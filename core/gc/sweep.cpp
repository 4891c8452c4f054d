// Sweeping one span (runtime/mgcsweep.go, mspan.sweep).
#include <algorithm>

#include "core/gc/collector.hpp"

namespace tricolor {

std::uint32_t sweepSpan(GcContext& c, SpanId sid, std::uint32_t who) {
  Span& s = c.heap.spans[sid];
  const std::uint32_t sg = c.heap.sweepgen;
  World& w = c.world;
  auto marked = [&](ObjectId obj) {
    const Object& o = w.objects[obj];
    return o.state == ObjState::Heap && o.span == sid && s.markBits.get(o.slot);
  };

  // Specials first. A weak handle to an unmarked object is cleared before
  // any finalizer can resurrect the object (Go 1.24 semantics).
  for (WeakHandle& h : w.weakHandles) {
    if (h.target == kNil) continue;
    const Object& t = w.objects[h.target];
    if (t.state != ObjState::Heap || t.span != sid || marked(h.target)) continue;
    c.out.push(Event{EventKind::WeakClear, 0, c.actor, h.handle, h.target, 0, 0, 0});
    w.objects[h.target].flags &= static_cast<std::uint8_t>(~kHasWeakHandle);
    h.target = kNil;
    ++c.gc.rootsChanged;
  }
  // An unmarked object with a finalizer is marked again (it survives this
  // cycle), its finalizer is queued and the special removed.
  for (std::size_t i = 0; i < w.finalizers.size();) {
    ObjectId obj = w.finalizers[i];
    const Object& o = w.objects[obj];
    if (o.state == ObjState::Heap && o.span == sid && !marked(obj)) {
      s.markBits.set(o.slot);
      c.gc.finq.push_back(QueuedFinalizer{obj, w.finalizerFuncs[i]});
      w.objects[obj].flags = static_cast<std::uint8_t>(
          (w.objects[obj].flags & ~kHasFinalizer) | kFinalizerQueued | kResurrected);
      c.out.push(Event{EventKind::Resurrect, 0, c.actor, obj, w.finalizerFuncs[i], 0, 0, 0});
      ++c.gc.rootsChanged;
      w.finalizers.erase(w.finalizers.begin() + std::ptrdiff_t(i));
      w.finalizerFuncs.erase(w.finalizerFuncs.begin() + std::ptrdiff_t(i));
      continue;
    }
    ++i;
  }

  // Free every allocated slot whose mark bit is clear.
  std::uint32_t freed = 0;
  for (std::uint32_t slot = 0; slot < s.nelems; ++slot) {
    if (!s.allocBits.get(slot) || s.markBits.get(slot)) continue;
    // A tiny block frees all its pieces together.
    for (ObjectId obj = s.objects[slot]; obj != kNil;) {
      Object& o = w.objects[obj];
      o.state = ObjState::Freed;
      o.flags &= static_cast<std::uint8_t>(~(kQueued | kFinalizerQueued));
      c.heap.stats.requestedLive -= o.size;
      ++c.heap.stats.objectsFreed;
      ++freed;
      c.out.push(Event{EventKind::Free, 0, c.actor, obj, sid, slot, 0, 0});
      obj = o.tinyNext;
    }
    s.objects[slot] = kNil;
    c.heap.stats.totalFree += s.elemSize;
  }

  // allocBits := gcmarkBits, and a fresh zeroed mark bitmap.
  std::uint32_t kept = s.markBits.count();
  s.allocBits = std::move(s.markBits);
  s.markBits.reset(s.nelems);
  s.allocCount = kept;
  s.freeIndex = 0;
  s.sweepgen = sg;
  if (!c.gc.cycles.empty()) c.gc.cycles.back().objectsFreed += freed;
  c.out.push(Event{EventKind::Sweep, 0, c.actor, sid, freed, kept, who, 0});
  return freed;
}

}  // namespace tricolor
