#include "render/layout/memory_map.hpp"

#include <algorithm>

#include "core/sim/simulation.hpp"

namespace tricolor::render {

SweepState sweepStateOf(const Heap& h, const Span& s) {
  const std::uint32_t sg = h.sweepgen;
  if (s.sweepgen == sg - 2) return SweepState::NeedsSweeping;
  if (s.sweepgen == sg - 1) return SweepState::BeingSwept;
  if (s.sweepgen == sg + 1) return SweepState::CachedUnswept;
  if (s.sweepgen == sg + 3) return SweepState::SweptCached;
  return SweepState::Swept;
}

const char* sweepStateName(SweepState s) {
  switch (s) {
    case SweepState::NeedsSweeping: return "needs sweeping";
    case SweepState::BeingSwept: return "being swept";
    case SweepState::Swept: return "swept";
    case SweepState::CachedUnswept: return "cached, needs sweeping";
    case SweepState::SweptCached: return "swept, cached";
  }
  return "?";
}

SlotState slotState(const State& s, const Span& sp, std::uint32_t slot) {
  if (!s.heap.allocBit(sp, slot)) return SlotState::Free;
  if (!slotMarked(s.world, sp, slot)) return SlotState::White;
  ObjectId id = slot < sp.objects.size() ? sp.objects[slot] : kNil;
  if (id != kNil && id < s.world.objects.size() && s.world.queued(id)) return SlotState::Grey;
  return SlotState::Black;
}

void buildMemoryMap(const State& s, const std::vector<Event>& lastEvents, int cellsPerRow, const SlotColours& col,
                    MemoryMap& out) {
  const Heap& h = s.heap;
  out.cellsPerRow = std::max(8, cellsPerRow);
  out.blocks.clear();
  out.swept.clear();
  out.omitted = 0;
  int rows = 0;
  for (SpanId id = 0; id < h.spans.size(); ++id) {
    const Span& sp = h.spans[id];
    if (sp.state != SpanState::InUse) continue;
    int r = std::max(1, int((sp.nelems + std::uint32_t(out.cellsPerRow) - 1) / std::uint32_t(out.cellsPerRow)));
    if (rows + r > kMaxTexelRows) {  // one texel per cell at most this tall
      ++out.omitted;
      continue;
    }
    out.blocks.push_back({id, rows, r});
    rows += r;
  }
  out.totalRows = rows;
  // Small heaps get cells with a visible gap; huge ones one texel per cell
  // (GL textures have a size limit).
  out.texelsPerCell = rows * 4 <= 8192 ? 4 : 1;
  const int t = out.texelsPerCell;
  out.texW = out.cellsPerRow * t;
  out.texH = std::max(1, rows * t);
  out.pixels.assign(std::size_t(out.texW) * std::size_t(out.texH), col.background);

  // Slots freed by this step's sweep (the object is gone from the span, the event remembers where it was).
  std::vector<std::pair<SpanId, std::uint32_t>> freedNow;
  for (const Event& e : lastEvents) {
    if (e.kind == EventKind::Free) freedNow.emplace_back(e.b, e.c);
    if (e.kind == EventKind::Sweep) out.swept.push_back(e.a);
  }
  std::sort(freedNow.begin(), freedNow.end());
  for (const MemoryMap::Block& b : out.blocks) {
    const Span& sp = h.spans[b.span];
    for (std::uint32_t slot = 0; slot < sp.nelems; ++slot) {
      std::uint32_t c = col.freeSlot;
      switch (slotState(s, sp, slot)) {
        case SlotState::Free: c = col.freeSlot; break;
        case SlotState::White: c = col.white; break;
        case SlotState::Grey: c = col.grey; break;
        case SlotState::Black: c = col.black; break;
        case SlotState::FreedNow: c = col.freedNow; break;
      }
      if (!freedNow.empty() && std::binary_search(freedNow.begin(), freedNow.end(), std::make_pair(b.span, slot)))
        c = col.freedNow;
      int cx = int(slot) % out.cellsPerRow, cy = b.firstRow + int(slot) / out.cellsPerRow;
      int inner = t > 1 ? t - 1 : 1;  // leave the last texel row/column as the gap
      for (int y = 0; y < inner; ++y)
        for (int x = 0; x < inner; ++x)
          out.pixels[std::size_t(cy * t + y) * std::size_t(out.texW) + std::size_t(cx * t + x)] = c;
    }
  }
}

}  // namespace tricolor::render
