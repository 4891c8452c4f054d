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
    return o.state == ObjState::Heap && o.span == sid && slotMarked(w, c.heap, s, o.slot);
  };

  // Specials first. A weak handle to an unmarked object is cleared before
  // any finalizer can resurrect the object (Go 1.24 semantics).
  for (WeakHandle& h : w.weakHandles) {
    if (h.target == kNil) continue;
    const Object& t = w.objects[h.target];
    if (t.state != ObjState::Heap || t.span != sid || marked(h.target)) continue;
    c.out.push(Event{EventKind::WeakClear, 0, c.actor, h.handle, h.target, 0, 0, 0});
    w.objects.mut(h.target).flags &= static_cast<std::uint8_t>(~kHasWeakHandle);
    h.target = kNil;
    ++c.gc.rootsChanged;
  }
  // An unmarked object with a finalizer is marked again (it survives this
  // cycle), its finalizer is queued and the special removed.
  for (std::size_t i = 0; i < w.finalizers.size();) {
    ObjectId obj = w.finalizers[i];
    const Object& o = w.objects[obj];
    if (o.state == ObjState::Heap && o.span == sid && !marked(obj)) {
      w.setMarked(c.heap.slotObject(s, o.slot));
      c.gc.finq.push_back(QueuedFinalizer{obj, w.finalizerFuncs[i]});
      w.objects.mut(obj).flags = static_cast<std::uint8_t>(
          (w.objects[obj].flags & ~kHasFinalizer) | kFinalizerQueued | kResurrected);
      c.out.push(Event{EventKind::Resurrect, 0, c.actor, obj, w.finalizerFuncs[i], 0, 0, 0});
      ++c.gc.rootsChanged;
      w.finalizers.erase(w.finalizers.begin() + std::ptrdiff_t(i));
      w.finalizerFuncs.erase(w.finalizerFuncs.begin() + std::ptrdiff_t(i));
      continue;
    }
    ++i;
  }

  // One pass over the slots: a marked object stays (its alloc bit set, its
  // mark bit cleared: allocBits := gcmarkBits, fresh gcmarkBits); an
  // allocated, unmarked one is freed.
  std::uint32_t freed = 0, kept = 0;
  c.heap.clearAllocBits(s);
  for (std::uint32_t slot = 0; slot < s.nelems; ++slot) {
    ObjectId head = c.heap.slotObject(s, slot);
    if (head == kNil) continue;
    if (w.marked(head)) {
      w.clearMarked(head);
      c.heap.setAllocBit(s, slot);
      ++kept;
      continue;
    }
    auto freeOne = [&](ObjectId obj) {
      Object& o = w.objects.mut(obj);
      o.state = ObjState::Freed;
      o.flags &= static_cast<std::uint8_t>(~kFinalizerQueued);
      w.info[obj] &= static_cast<std::uint16_t>(~(kInfoHeap | kInfoQueued));
      c.heap.stats.requestedLive -= c.prog.types[o.type].size;
      ++c.heap.stats.objectsFreed;
      ++freed;
      c.out.push(Event{EventKind::Free, 0, c.actor, obj, sid, slot, 0, 0});
    };
    freeOne(head);
    // A tiny block frees all its pieces together.
    if (!w.tinyPieces.empty()) {
      auto it = w.tinyPieces.find(head);
      if (it != w.tinyPieces.end()) {
        for (ObjectId piece : it->second) freeOne(piece);
        w.tinyPieces.erase(it);
      }
    }
    c.heap.setSlotObject(s, slot, kNil);
    c.heap.stats.totalFree += s.elemSize;
  }
  s.allocCount = kept;
  s.freeIndex = 0;
  s.sweepgen = sg;
  if (!c.gc.cycles.empty()) c.gc.cycles.back().objectsFreed += freed;
  c.out.push(Event{EventKind::Sweep, 0, c.actor, sid, freed, kept, who, 0});
  return freed;
}

}  // namespace tricolor
