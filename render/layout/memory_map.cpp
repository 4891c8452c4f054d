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
  if (!slotMarked(s.world, s.heap, sp, slot)) return SlotState::White;
  ObjectId id = slot < sp.nelems ? s.heap.slotObject(sp, slot) : kNil;
  if (id != kNil && id < s.world.objects.size() && s.world.queued(id)) return SlotState::Grey;
  return SlotState::Black;
}

namespace {

// The slots this step's sweep freed (the object is gone from the span, the event remembers where it was).
std::vector<std::pair<SpanId, std::uint32_t>> freedSlots(const std::vector<Event>& events) {
  std::vector<std::pair<SpanId, std::uint32_t>> freed;
  for (const Event& e : events)
    if (auto f = e.get<FreeEvent>()) freed.emplace_back(f->span, f->slot);
  std::sort(freed.begin(), freed.end());
  return freed;
}

void noteHighlights(const std::vector<Event>& events, MemoryMap& out) {
  out.swept.clear();
  out.freedIn.clear();
  for (const Event& e : events) {
    if (auto s = e.get<SweepEvent>()) out.swept.push_back(s->span);
    if (auto f = e.get<FreeEvent>()) out.freedIn.push_back(f->span);
  }
  std::sort(out.freedIn.begin(), out.freedIn.end());
  out.freedIn.erase(std::unique(out.freedIn.begin(), out.freedIn.end()), out.freedIn.end());
}

void paintBlock(const State& s, const MemoryMap::Block& b,
                const std::vector<std::pair<SpanId, std::uint32_t>>& freedNow, MemoryMap& out) {
  const SlotColours& col = out.colours;
  const Span& sp = s.heap.spans[b.span];
  const int t = out.texelsPerCell;
  const int inner = t > 1 ? t - 1 : 1;  // leave the last texel row/column as the gap
  for (std::uint32_t slot = 0; slot < sp.nelems; ++slot) {
    std::uint32_t c = col.freeSlot;
    switch (slotState(s, sp, slot)) {
      case SlotState::Free: c = col.freeSlot; break;
      case SlotState::White: c = col.white; break;
      case SlotState::Grey: c = col.grey; break;
      case SlotState::Black: c = col.black; break;
      case SlotState::FreedNow: c = col.freedNow; break;
    }
    if (!freedNow.empty() &&
        std::binary_search(freedNow.begin(), freedNow.end(), std::make_pair(b.span, slot)))
      c = col.freedNow;
    int cx = int(slot) % out.cellsPerRow, cy = b.firstRow + int(slot) / out.cellsPerRow;
    for (int y = 0; y < inner; ++y)
      for (int x = 0; x < inner; ++x)
        out.pixels[std::size_t(cy * t + y) * std::size_t(out.texW) + std::size_t(cx * t + x)] = c;
  }
}

}  // namespace

void buildMemoryMap(const State& s, const std::vector<Event>& lastEvents, int cellsPerRow,
                    const SlotColours& col, MemoryMap& out) {
  const Heap& h = s.heap;
  out.cellsPerRow = std::max(8, cellsPerRow);
  out.colours = col;
  out.blocks.clear();
  out.blockOf.assign(h.spans.size(), -1);
  out.omitted = 0;
  int rows = 0;
  for (SpanId id = 0; id < h.spans.size(); ++id) {
    const Span& sp = h.spans[id];
    if (sp.state != SpanState::InUse) continue;
    int r =
        std::max(1, int((sp.nelems + std::uint32_t(out.cellsPerRow) - 1) / std::uint32_t(out.cellsPerRow)));
    if (rows + r > kMaxTexelRows) {  // one texel per cell at most this tall
      ++out.omitted;
      continue;
    }
    out.blockOf[id] = int(out.blocks.size());
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
  noteHighlights(lastEvents, out);
  const auto freedNow = freedSlots(lastEvents);
  for (const MemoryMap::Block& b : out.blocks) paintBlock(s, b, freedNow, out);
}

bool updateMemoryMap(const State& s, const std::vector<Event>& events, MemoryMap& map,
                     std::vector<RowRange>& dirty) {
  dirty.clear();
  const World& w = s.world;
  // Spans whose cells may have changed: last step's highlights fade, this step's appear.
  std::vector<SpanId> spans = map.swept;
  spans.insert(spans.end(), map.freedIn.begin(), map.freedIn.end());
  auto objectSpan = [&](ObjectId id) {
    if (id != kNil && id < w.objects.size() && w.objects[id].state == ObjState::Heap)
      spans.push_back(w.objects[id].span);
  };
  for (const Event& e : events) {
    switch (e.kind) {
      // The map's shape changes, or mark bits change wholesale (cleared for a new cycle).
      case EventKind::PhaseChange:
      case EventKind::CycleStart:
      case EventKind::SpanAlloc:
      case EventKind::SpanFree: return false;
      case EventKind::Alloc: spans.push_back(e.as<AllocEvent>().span); break;
      case EventKind::AllocTiny: spans.push_back(e.as<AllocTinyEvent>().span); break;
      case EventKind::Free: spans.push_back(e.as<FreeEvent>().span); break;
      case EventKind::Sweep: spans.push_back(e.as<SweepEvent>().span); break;
      case EventKind::Shade:
      case EventKind::ScanStart:
      case EventKind::ScanEnd:
      case EventKind::Resurrect:
      case EventKind::ReachableFreed:
      case EventKind::WeakClear: objectSpan(eventObjects(e)[0]); break;
      default: break;
    }
  }
  if (s.heap.spans.size() != map.blockOf.size()) return false;
  std::sort(spans.begin(), spans.end());
  spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
  noteHighlights(events, map);
  const auto freedNow = freedSlots(events);
  const int t = map.texelsPerCell;
  for (SpanId id : spans) {
    if (id >= map.blockOf.size() || map.blockOf[id] < 0) continue;
    const MemoryMap::Block& b = map.blocks[std::size_t(map.blockOf[id])];
    paintBlock(s, b, freedNow, map);
    dirty.push_back({b.firstRow * t, b.rows * t});
  }
  std::sort(dirty.begin(), dirty.end(),
            [](const RowRange& a, const RowRange& b) { return a.first < b.first; });
  std::vector<RowRange> merged;
  for (const RowRange& r : dirty) {
    if (!merged.empty() && merged.back().first + merged.back().count >= r.first)
      merged.back().count = std::max(merged.back().count, r.first + r.count - merged.back().first);
    else
      merged.push_back(r);
  }
  dirty = std::move(merged);
  return true;
}

}  // namespace tricolor::render
