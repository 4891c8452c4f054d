#include "core/alloc/heap.hpp"

#include <algorithm>

namespace tricolor {

Heap::Heap() : central(kNumSpanClasses) {}

SpanId Heap::allocSpan(std::uint32_t npages, std::uint32_t spc, std::uint32_t elemSize,
                       std::uint32_t nelems) {
  // First fit from the search hint (Go's page allocator also finds the
  // lowest-addressed run that fits, which keeps the picture compact).
  std::uint32_t start = static_cast<std::uint32_t>(pageOwner.size());
  std::uint32_t run = 0;
  bool hintValid = true;
  for (std::uint32_t p = searchHint; p < pageOwner.size(); ++p) {
    if (pageOwner[p] == kNoSpan) {
      if (hintValid) {
        searchHint = p;
        hintValid = false;
      }
      if (++run == npages) {
        start = p + 1 - npages;
        break;
      }
    } else {
      run = 0;
    }
  }
  if (hintValid) searchHint = static_cast<std::uint32_t>(pageOwner.size());
  if (start == pageOwner.size()) {
    // Grow: reuse a free run at the end of the heap if there is one.
    std::uint32_t tail = 0;
    while (tail < pageOwner.size() && pageOwner[pageOwner.size() - 1 - tail] == kNoSpan) ++tail;
    start = static_cast<std::uint32_t>(pageOwner.size()) - tail;
    std::uint32_t grow = npages - tail;
    pageOwner.resize(pageOwner.size() + grow, kNoSpan);
    freePages += grow;
  }

  SpanId id;
  if (!freeSpanRecords.empty()) {
    auto it = std::min_element(freeSpanRecords.begin(), freeSpanRecords.end());
    id = *it;
    freeSpanRecords.erase(it);
  } else {
    id = static_cast<SpanId>(spans.size());
    spans.emplace_back();
  }
  Span& s = spans[id];
  std::uint32_t base = s.bitBase, words = s.bitWords;
  std::uint32_t need = (nelems + 63) / 64;
  if (words < need) {
    // A new range in the bit pools (a reused span record keeps its range if big enough).
    base = static_cast<std::uint32_t>(allocPool.size());
    words = need;
    allocPool.resize(allocPool.size() + need, 0);
  }
  for (std::uint32_t i = 0; i < words; ++i) allocPool[base + i] = 0;
  std::uint32_t slotBase = s.slotBase, slotCap = s.slotCap;
  if (slotCap < nelems) {
    // A span's slots never cross a chunk of the pool (the pad stays kNil),
    // so sweeping reads and writes them through one pointer.
    std::size_t pos = slots.size();
    if (!decltype(slots)::sameChunk(pos, nelems)) pos = (pos | decltype(slots)::kMask) + 1;
    slotBase = static_cast<std::uint32_t>(pos);
    slotCap = nelems;
    slots.resize(pos + nelems, kNil);
  }
  s = Span{};
  s.bitBase = base;
  s.bitWords = words;
  s.slotBase = slotBase;
  s.slotCap = slotCap;
  s.state = SpanState::InUse;
  s.startPage = start;
  s.npages = npages;
  s.spanClass = spc;
  s.elemSize = elemSize;
  s.nelems = nelems;
  s.sweepgen = sweepgen;
  // (Slots are kNil: a new range is, and freeSpan clears a record's range.)
  for (std::uint32_t p = start; p < start + npages; ++p) pageOwner[p] = id;
  freePages -= npages;
  return id;
}

void Heap::freeSpan(SpanId id) {
  Span& s = spans[id];
  for (std::uint32_t p = s.startPage; p < s.startPage + s.npages; ++p) pageOwner[p] = kNoSpan;
  freePages += s.npages;
  searchHint = std::min(searchHint, s.startPage);
  std::uint32_t start = s.startPage, npages = s.npages, base = s.bitBase, words = s.bitWords;
  std::uint32_t slotBase = s.slotBase, slotCap = s.slotCap;
  for (std::uint32_t i = 0; i < s.nelems; ++i)
    if (slots[slotBase + i] != kNil) slots.mut(slotBase + i) = kNil;
  s = Span{};
  s.startPage = start;  // remembered for the memory map's "freed" highlight
  s.npages = npages;
  s.bitBase = base;  // the record keeps its bit range for reuse
  s.bitWords = words;
  s.slotBase = slotBase;  // and its slot range
  s.slotCap = slotCap;
  freeSpanRecords.push_back(id);
}

std::uint32_t Heap::nextFree(const Span& s) const {
  for (std::uint32_t i = s.freeIndex; i < s.nelems; ++i) {
    std::uint64_t w = allocPool[s.bitBase + (i >> 6)] >> (i & 63);
    if (w == ~std::uint64_t{0} >> (i & 63)) {  // rest of this word is full
      i |= 63;
      continue;
    }
    if (!(w & 1)) return i;
  }
  return s.nelems;
}

}  // namespace tricolor
