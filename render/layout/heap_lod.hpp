// Level of detail for big heaps. Boxes and arrows stop being readable (and
// software GL stops being interactive) at a few thousand objects, so above
// kAggregateAbove live heap objects the heap graph shows instead:
//  - the heap aggregated by type: for each type, how many objects are white,
//    grey and black now (a stacked bar per type, counts written out), and
//  - the neighbourhood of the selected object in full detail: who points to
//    it (referrers, up to `depth` hops back, ending at roots) and what it
//    points to (referents, `depth` hops forward), as ordinary boxes.
// Pure: the view draws what these compute.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/gc/collector.hpp"
#include "render/layout/geometry.hpp"

namespace tricolor {
class Simulation;
}

namespace tricolor::render {

// Auto draws every box while the layout holds them all (HeapLayout::kMaxPlaced):
// full detail measured 1.1-1.2x the CPU per frame of a 301-object lesson at
// 2500-10^4 objects (docs/gui.md), so size no longer forces the counts.
inline constexpr std::size_t kAggregateAbove = 16384;  // live heap objects (Auto)

// The graph's level of detail, chosen by the user (persisted in the settings
// file, `--detail` on the command line): Auto aggregates above
// kAggregateAbove live objects; Full always draws every box and arrow (up to
// HeapLayout::kMaxPlaced boxes); Aggregated always shows the counts.
enum class GraphDetail : std::uint8_t { Auto, Full, Aggregated };
const char* graphDetailName(GraphDetail d);  // "auto", "full", "aggregated"
bool parseGraphDetail(const std::string& s, GraphDetail& out);

struct TypeGroup {
  TypeId type = 0;
  std::string name;
  std::uint32_t size = 0;  // bytes per object
  std::uint64_t white = 0, grey = 0, black = 0;
  std::uint64_t total() const { return white + grey + black; }
};

struct HeapSummary {
  std::vector<TypeGroup> groups;  // most objects first (ties: type order)
  std::uint64_t live = 0;         // heap objects allocated and not freed
};

// Counts every live heap object by type and colour: O(objects).
HeapSummary summarizeByType(const Simulation& sim);
// Whether the graph should aggregate at this size.
inline bool aggregateGraph(std::uint64_t liveHeapObjects, GraphDetail detail = GraphDetail::Auto) {
  if (detail != GraphDetail::Auto) return detail == GraphDetail::Aggregated;
  return liveHeapObjects > kAggregateAbove;
}

struct Neighbourhood {
  struct Node {
    ObjectId id = kNil;  // kNil: a root (global or stack slot)
    std::string root;    // its name ("table", "g1 main.n")
    int column = 0;      // 0 the centre, < 0 referrers, > 0 referents
    RectF rect;          // graph units, the centre's top-left at (0, 0)
  };
  struct Edge {
    int from = 0, to = 0;  // node indices: from points to to
  };
  std::vector<Node> nodes;  // nodes[0] is the centre
  std::vector<Edge> edges;
  std::size_t omitted = 0;  // neighbours left out: more than `perColumn` in a column
};

// The centre's referrers and referents up to `depth` hops, at most
// `perColumn` per hop (the first ones in object order: stable from step to
// step), laid out in columns left (referrers) and right (referents).
Neighbourhood neighbourhood(const Simulation& sim, ObjectId centre, int depth = 2, std::size_t perColumn = 8);

}  // namespace tricolor::render
