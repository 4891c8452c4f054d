// Sweeping one span (runtime/mgcsweep.go, mspan.sweep). Who sweeps which
// span, and when, is the sweeper's business (sweeper.cpp).
//
// Marking left a mark bit on every object reachable at mark termination.
// Sweeping a span turns those bits into the span's new state:
//   1. Specials first (sweepSpecials). A weak handle whose target is
//      unmarked is cleared - before any finalizer runs, so a resurrected
//      object can never be reached through a weak pointer (Go 1.24). An
//      unmarked object with a finalizer is marked again: it survives this
//      cycle, its finalizer is queued for the finalizer goroutine and the
//      special removed, so it is freed by the next cycle if still unreachable.
//   2. The slots: an allocated, unmarked object is freed (a tiny block frees
//      all its pieces together); the mark bits become the alloc bits
//      (allocBits := gcmarkBits) and the mark bits start fresh for the next
//      cycle. The slot pass works 64 slots at a time, as Go's bitmaps do:
//      a group's mark bits are gathered into one word, keeping an object is
//      bit arithmetic, and only the freed ones are visited.
// The caller then puts the span back on its mcentral's lists, keeps it for
// an allocation, or returns it to the heap if nothing in it survived.
#include <algorithm>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/gc/collector.hpp"
#include "core/model/assert.hpp"

namespace tricolor {

namespace {

// The mark bits of info[0..n), n <= 64, one bit each (entry i -> bit i).
std::uint64_t gatherMarkBits(const std::uint16_t* info, std::uint32_t n) {
  static_assert(kInfoMarked == 1 << 6, "the shifts below move bit 6 to the sign bit");
  std::uint64_t bits = 0;
  std::uint32_t i = 0;
#if defined(__SSE2__)
  // 16 entries at a time: bit 6 to each entry's sign bit, packed to bytes
  // (signed saturation keeps the sign), one bit per byte.
  for (; i + 16 <= n; i += 16) {
    const __m128i lo = _mm_slli_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(info + i)), 9);
    const __m128i hi = _mm_slli_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(info + i + 8)), 9);
    bits |= std::uint64_t(static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_packs_epi16(lo, hi)))) << i;
  }
#endif
  for (; i < n; ++i) bits |= std::uint64_t((info[i] & kInfoMarked) != 0) << i;
  return bits;
}

}  // namespace

void sweepSpecials(GcContext& c, SpanId sid) {
  World& w = c.world;
  const Span& s = c.heap.spans[sid];
  auto marked = [&](ObjectId obj) {
    const Object& o = w.objects[obj];
    return o.state == ObjState::Heap && o.span == sid && slotMarked(w, c.heap, s, o.slot);
  };
  // A weak handle to an unmarked object is cleared before any finalizer can
  // resurrect the object (Go 1.24 semantics).
  for (WeakHandle& h : w.weakHandles) {
    if (h.target == kNil) continue;
    const Object& t = w.objects[h.target];
    if (t.state != ObjState::Heap || t.span != sid || marked(h.target)) continue;
    c.out.push(c.actor, WeakClearEvent{h.handle, h.target});
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
      w.objects.mut(obj).flags = static_cast<std::uint8_t>((w.objects[obj].flags & ~kHasFinalizer) |
                                                           kFinalizerQueued | kResurrected);
      c.out.push(c.actor, ResurrectEvent{obj, w.finalizerFuncs[i]});
      ++c.gc.rootsChanged;
      w.finalizers.erase(w.finalizers.begin() + std::ptrdiff_t(i));
      w.finalizerFuncs.erase(w.finalizerFuncs.begin() + std::ptrdiff_t(i));
      continue;
    }
    ++i;
  }
}

std::uint32_t sweepSpan(GcContext& c, SpanId sid, SweepCause why) {
  Span& s = c.heap.spans[sid];
  const std::uint32_t sg = c.heap.sweepgen;
  // Go's "mspan.sweep: bad sweepgen": a span is swept once per cycle, by
  // the one sweeper that took it.
  TRICOLOR_ASSERT(s.state == SpanState::InUse && s.sweepgen == sg - 1,
                  "sweeping a span that no sweeper took (sweepgen must say 'being swept')");
  // Sweeping follows a completed mark: between mark termination and the
  // next cycle's sweep termination.
  TRICOLOR_ASSERT(c.gc.phase == Phase::Sweep || c.gc.phase == Phase::SweepTermination,
                  "sweeping while the collector is marking or off");
  World& w = c.world;
  sweepSpecials(c, sid);

  // One pass over the slots, 64 at a time: a marked object stays (its alloc
  // bit set, its mark bit cleared: allocBits := gcmarkBits, fresh
  // gcmarkBits); an allocated, unmarked one is freed. Each group's mark bits
  // are gathered into one word first, so keeping an object is bit
  // arithmetic and only the freed ones are visited (in slot order, as
  // mspan.sweep does); the heap statistics are updated once per span.
  std::uint32_t freed = 0, kept = 0, freedSlots = 0;
  std::uint64_t requestedFreed = 0;
  std::uint16_t* const info = w.info.data();
  // The span's slots, one run in one chunk of the pool (Heap::allocSpan);
  // written through a pointer taken (and the chunk unshared) at the first free.
  const ObjectId* slots = c.heap.slots.read(s.slotBase);
  ObjectId* slotsOut = nullptr;
  for (std::uint32_t base = 0; base < s.nelems; base += 64) {
    const std::uint32_t n = std::min<std::uint32_t>(64, s.nelems - base);
    const ObjectId* const group = slots + base;
    const ObjectId first = group[0];
    std::uint64_t live = 0, marked = 0;
    bool consecutive = first != kNil;  // slot i holds object first+i (a span filled in order)
    for (std::uint32_t i = 0; i < n; ++i) consecutive &= group[i] == first + i;
    if (consecutive) {
      // Every slot live; the mark bits are n entries of the info in a row.
      live = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
      marked = gatherMarkBits(info + first, n);
    } else {
      for (std::uint32_t i = 0; i < n; ++i) {
        const ObjectId head = group[i];
        live |= std::uint64_t(head != kNil) << i;
        marked |= std::uint64_t((info[head] & kInfoMarked) != 0) << i;
      }
    }
    marked &= live;  // nil (id 0) is never marked; keep the masks exact regardless
    kept += static_cast<std::uint32_t>(__builtin_popcountll(marked));
    c.heap.allocPool[s.bitBase + base / 64] = marked;
    // Fresh gcmarkBits for the survivors.
    if (consecutive) {
      // No branches: the unmarked ones have the bit clear already.
      for (std::uint32_t i = 0; i < n; ++i) info[first + i] &= static_cast<std::uint16_t>(~kInfoMarked);
    } else {
      for (std::uint64_t m = marked; m != 0; m &= m - 1) w.clearMarked(group[__builtin_ctzll(m)]);
    }
    std::uint64_t dead = live & ~marked;
    if (dead == 0) continue;
    // Their records are about to be written: fetch them together.
    for (std::uint64_t m = dead; m != 0; m &= m - 1)
      __builtin_prefetch(&w.objects[group[__builtin_ctzll(m)]]);
    for (; dead != 0; dead &= dead - 1) {
      const std::uint32_t slot = base + static_cast<std::uint32_t>(__builtin_ctzll(dead));
      if (!slotsOut) slots = slotsOut = c.heap.slots.write(s.slotBase);
      const ObjectId head = slots[slot];
      auto freeOne = [&](ObjectId obj) {
        Object& o = w.objects.mut(obj);
        o.state = ObjState::Freed;
        o.flags &= static_cast<std::uint8_t>(~kFinalizerQueued);
        w.info[obj] &= static_cast<std::uint16_t>(~(kInfoHeap | kInfoQueued));
        requestedFreed += c.prog.types[o.type].size;
        ++freed;
        c.out.push(c.actor, FreeEvent{obj, sid, slot});
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
      slotsOut[slot] = kNil;
      ++freedSlots;
    }
  }
  c.heap.stats.requestedLive -= requestedFreed;
  c.heap.stats.objectsFreed += freed;
  c.heap.stats.totalFree += std::uint64_t(freedSlots) * s.elemSize;
  s.allocCount = kept;
  s.freeIndex = 0;
  s.sweepgen = sg;
  if (!c.gc.cycles.empty()) c.gc.cycles.back().objectsFreed += freed;
  c.out.push(c.actor, SweepEvent{sid, freed, kept, why});
  return freed;
}

}  // namespace tricolor
