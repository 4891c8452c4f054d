// The memory panel's picture: every in-use span as a block of slot cells,
// built as one RGBA image so the GPU draws the whole heap as a single
// texture (a few hundred spans of up to 1024 slots each stay cheap under
// software GL). Pure: no GL here, the view uploads the pixels.
//
// A step touches a few spans, so after one step forward the map is brought
// up to date incrementally (updateMemoryMap): only the spans named by the
// step's events (and the ones highlighted by the step before) are repainted,
// and the view re-uploads only their texel rows. A million objects are
// 16 MB of cells; repainting them all per step would be the frame.
#pragma once

#include <cstdint>
#include <vector>

#include "core/alloc/heap.hpp"
#include "core/model/event.hpp"

namespace tricolor {
struct State;
}

namespace tricolor::render {

// The sweepgen protocol of mheap.go, as a state a student can read.
enum class SweepState : std::uint8_t { NeedsSweeping, BeingSwept, Swept, CachedUnswept, SweptCached };
SweepState sweepStateOf(const Heap& h, const Span& s);
const char* sweepStateName(SweepState s);

// What one slot shows.
enum class SlotState : std::uint8_t { Free, White, Grey, Black, FreedNow };

struct SlotColours {  // RGBA, 0xAABBGGRR (the byte order GL reads)
  std::uint32_t background, freeSlot, white, grey, black, freedNow;
};

struct MemoryMap {
  struct Block {
    SpanId span = 0;
    int firstRow = 0;  // in cells
    int rows = 0;
  };
  int cellsPerRow = 64;
  int texelsPerCell = 4;      // a 1-texel gap keeps neighbouring cells apart
  std::vector<Block> blocks;  // in-use spans, in id order
  int totalRows = 0;
  int texW = 0, texH = 0;
  std::vector<std::uint32_t> pixels;  // texW * texH
  std::vector<SpanId> swept;          // spans swept in the last step (highlighted)
  std::vector<SpanId> freedIn;        // spans with slots freed by the last step (highlighted)
  std::size_t omitted = 0;            // spans left out: the texture would exceed kMaxTexelRows
  std::vector<int> blockOf;           // SpanId -> index in blocks, -1 if not drawn
  SlotColours colours{};
};

// Texel rows [first, first + count) of the image that changed.
struct RowRange {
  int first = 0, count = 0;
};

// GL guarantees textures of 1024 texels and every desktop driver (llvmpipe
// included) 16384; beyond that the map shows the first spans and says so.
inline constexpr int kMaxTexelRows = 16384;

SlotState slotState(const State& s, const Span& sp, std::uint32_t slot);
void buildMemoryMap(const State& s, const std::vector<Event>& lastEvents, int cellsPerRow,
                    const SlotColours& colours, MemoryMap& out);
// `map` was built (or updated) for the step before `s`, which `events` led
// from. Repaints what changed and returns the changed rows (sorted, merged)
// in `dirty`; returns false, leaving `map` alone, when the step changed the
// map's shape or every cell at once (spans allocated or freed, a phase
// change): then build it again.
bool updateMemoryMap(const State& s, const std::vector<Event>& events, MemoryMap& map,
                     std::vector<RowRange>& dirty);

}  // namespace tricolor::render
