// The heap, shaped like Go's: 8 KiB pages; spans of one size class each with
// allocBits / gcmarkBits and a sweepgen; one mcentral per span class holding
// partial and full spans in "swept" and "unswept" sets; one mcache per P
// caching a span per span class; large objects in spans of their own.
//
// The sweepgen protocol (mheap.go): with the global sweepgen sg,
//   span.sweepgen == sg-2  the span needs sweeping
//   span.sweepgen == sg-1  the span is being swept
//   span.sweepgen == sg    the span is swept and ready to use
//   span.sweepgen == sg+1  the span was cached before sweep began and still needs sweeping
//   span.sweepgen == sg+3  the span was swept and then cached
// sg grows by 2 at every mark termination, which turns every "swept" span
// into "needs sweeping" at once. The mcentral sets are indexed the same way:
// set [sg/2 % 2] is swept, set [1 - sg/2 % 2] is unswept.
//
// This file holds only data and bit-level helpers; the allocation path,
// which interleaves sweeping and assists step by step, lives in core/sim.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/alloc/size_classes.hpp"
#include "core/model/cow_vector.hpp"
#include "core/model/ids.hpp"

namespace tricolor {

enum class SpanState : std::uint8_t { Free, InUse };

struct Span {
  SpanState state = SpanState::Free;
  std::uint32_t startPage = 0;
  std::uint32_t npages = 0;
  std::uint32_t spanClass = 0;
  std::uint32_t elemSize = 0;
  std::uint32_t nelems = 0;
  std::uint32_t freeIndex = 0;  // next slot to look at for a free one
  std::uint32_t allocCount = 0;
  std::uint32_t sweepgen = 0;
  PId cachedBy = kNone;  // P whose mcache holds it
  // allocBits live in the heap's bit pool at word bitBase, one bit per slot.
  // (gcmarkBits are kept per object, see World::info: the marking fast path
  // then never touches the span.)
  std::uint32_t bitBase = 0;
  std::uint32_t bitWords = 0;  // words reserved in the pools for this span record
  // slot -> object (tiny blocks: the first piece) live in the heap's slot
  // pool at slotBase (Heap::slotObject), slotCap entries reserved for this record.
  std::uint32_t slotBase = 0;
  std::uint32_t slotCap = 0;

  std::uint32_t sizeClass() const { return sizeClassOf(spanClass); }
  bool noscan() const { return noscanOf(spanClass); }
  bool large() const { return sizeClass() == 0; }
  bool full() const { return allocCount == nelems; }
  bool operator==(const Span&) const = default;
};

// A FIFO of span ids: a vector and the index of its front. Unlike a
// std::deque, an empty one holds no memory, so copying the heap's 544 sets
// (History copies the state at every checkpoint) allocates only for the
// non-empty ones.
class SpanQueue {
 public:
  using const_iterator = std::vector<SpanId>::const_iterator;
  bool empty() const { return head_ == v_.size(); }
  std::size_t size() const { return v_.size() - head_; }
  SpanId front() const { return v_[head_]; }
  void push_back(SpanId s) { v_.push_back(s); }
  void pop_front() {
    if (++head_ == v_.size()) {
      v_.clear();
      head_ = 0;
    } else if (head_ >= 64 && head_ * 2 >= v_.size()) {
      v_.erase(v_.begin(), v_.begin() + std::ptrdiff_t(head_));  // amortised O(1)
      head_ = 0;
    }
  }
  const_iterator begin() const { return v_.begin() + std::ptrdiff_t(head_); }
  const_iterator end() const { return v_.end(); }
  void erase(const_iterator it) { v_.erase(it); }
  bool operator==(const SpanQueue& o) const { return std::equal(begin(), end(), o.begin(), o.end()); }

 private:
  std::vector<SpanId> v_;
  std::size_t head_ = 0;
};

// One per span class. Spans not in any mcache are in exactly one of these
// sets (the sweeper takes them out while it sweeps them).
struct MCentral {
  SpanQueue partial[2];
  SpanQueue full[2];
  bool operator==(const MCentral&) const = default;
};

struct MCache {
  std::vector<SpanId> alloc;  // per span class: current span (kNoSpan if none)
  // Tiny allocator: the current 16-byte block.
  SpanId tinySpan = kNoSpan;
  std::uint32_t tinySlot = 0;
  std::uint32_t tinyOffset = 0;
  ObjectId tinyLast = kNil;  // last piece placed in the block (pieces are chained)
  bool operator==(const MCache&) const = default;
};

struct HeapStats {
  std::uint64_t heapLive = 0;    // gcController.heapLive: marked + allocated since (cached spans count whole)
  std::uint64_t heapMarked = 0;  // live heap found by the last mark
  std::uint64_t heapScan = 0;    // scannable bytes allocated (pacer's worst case)
  std::uint64_t totalAlloc = 0;  // bytes of slots ever allocated
  std::uint64_t totalFree = 0;   // bytes of slots ever freed
  std::uint64_t objectsAllocated = 0;
  std::uint64_t objectsFreed = 0;
  std::uint64_t requestedLive =
      0;  // bytes requested by live objects (internal fragmentation = slots - requested)
  bool operator==(const HeapStats&) const = default;
};

struct Heap {
  std::vector<Span> spans;               // index = SpanId
  std::vector<std::uint64_t> allocPool;  // allocBits of every span
  // The object in each slot of every span (one pool rather than a vector
  // per span: copy-on-write chunks, so a copy of the heap copies a table).
  CowVector<ObjectId> slots;
  std::vector<SpanId> freeSpanRecords;  // Free span records to reuse (lowest id first)
  std::vector<SpanId> pageOwner;        // page -> span (kNoSpan = free page)
  std::uint32_t freePages = 0;
  std::uint32_t searchHint = 0;   // no free page below this index
  std::vector<MCentral> central;  // index = span class
  std::uint32_t sweepgen = 0;
  HeapStats stats;

  Heap();
  std::uint64_t inUseBytes() const { return std::uint64_t(pageOwner.size() - freePages) * kPageSize; }
  std::uint64_t mappedBytes() const { return std::uint64_t(pageOwner.size()) * kPageSize; }
  std::uint64_t allocatedBytes() const { return stats.totalAlloc - stats.totalFree; }

  SpanQueue& partialSwept(std::uint32_t spc) { return central[spc].partial[(sweepgen / 2) % 2]; }
  SpanQueue& partialUnswept(std::uint32_t spc) { return central[spc].partial[1 - (sweepgen / 2) % 2]; }
  SpanQueue& fullSwept(std::uint32_t spc) { return central[spc].full[(sweepgen / 2) % 2]; }
  SpanQueue& fullUnswept(std::uint32_t spc) { return central[spc].full[1 - (sweepgen / 2) % 2]; }

  // mheap.alloc: a span of `npages` pages for span class `spc`, first fit,
  // growing the heap when no free run is long enough. The new span is swept.
  SpanId allocSpan(std::uint32_t npages, std::uint32_t spc, std::uint32_t elemSize, std::uint32_t nelems);
  // mheap.freeSpan: return a span's pages to the heap.
  void freeSpan(SpanId s);
  // nextFreeIndex: the first free slot at or after freeIndex, or nelems.
  std::uint32_t nextFree(const Span& s) const;

  bool needsSweep(const Span& s) const { return s.sweepgen == sweepgen - 2 || s.sweepgen == sweepgen + 1; }

  // allocBits of slot i of span s.
  bool allocBit(const Span& s, std::uint32_t i) const {
    return (allocPool[s.bitBase + (i >> 6)] >> (i & 63)) & 1;
  }
  void setAllocBit(const Span& s, std::uint32_t i) {
    allocPool[s.bitBase + (i >> 6)] |= std::uint64_t{1} << (i & 63);
  }
  void clearAllocBits(const Span& s);
  // The object in slot i of span s (kNil if none; i < s.nelems).
  ObjectId slotObject(const Span& s, std::uint32_t i) const { return slots[s.slotBase + i]; }
  void setSlotObject(const Span& s, std::uint32_t i, ObjectId obj) { slots.mut(s.slotBase + i) = obj; }
  bool operator==(const Heap&) const = default;
};

}  // namespace tricolor
