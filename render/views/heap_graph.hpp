// The heap graph panel's parts, and what they share for one frame. The
// panel (drawHeapGraph, heap_graph.cpp) is:
//  - canvas     the panel's canvas: pan, zoom, drag, select, fit, hover
//               (heap_graph_canvas.cpp)
//  - roots      the globals and goroutine stacks column (heap_graph_roots.cpp)
//  - arrows     every pointer's path, computed once, recorded for
//               --dump-layout and painted (heap_graph_arrows.cpp)
//  - boxes      objects with their names, fields and ports (heap_graph_boxes.cpp)
//  - overlays   this step's highlights and tags, the grey queue's numbers,
//               selection, legend, banners (heap_graph_overlays.cpp)
//  - aggregated the big-heap view: counts by type, the selection's
//               neighbourhood (heap_graph_aggregated.cpp)
// All of them draw through one GraphPainter (heap_graph_painter.hpp).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/gc/collector.hpp"
#include "render/layout/graph_arrows.hpp"
#include "render/layout/graph_labels.hpp"
#include "render/layout/step_marks.hpp"
#include "render/views/heap_graph_painter.hpp"
#include "render/views/views.hpp"

namespace tricolor::render::heapgraph {

using M = GraphMetrics;
inline constexpr float kMinZoom = 0.02f;

// Graph units <-> window pixels.
struct Transform {
  ImVec2 origin;  // the canvas' top-left, window pixels
  Vec2 pan;       // the graph point drawn there
  float z = 1;    // pixels per graph unit
  ImVec2 s(Vec2 g) const { return {origin.x + (g.x - pan.x) * z, origin.y + (g.y - pan.y) * z}; }
  ImVec2 s(float x, float y) const { return s(Vec2{x, y}); }
  Vec2 g(ImVec2 p) const { return {(p.x - origin.x) / z + pan.x, (p.y - origin.y) / z + pan.y}; }
};

// A colour as a box shows it: fill and frame (white solid, grey dashed,
// black filled and heavy, freed a hollow ghost) and the word written on it.
struct Style {
  ImU32 fill, border, text;
  bool dashed = false, ghost = false;
  const char* word;
};
Style styleOf(const Palette& pal, Colour c);
// A box of colour `c` drawn in style `sty`: black frames are heavy.
BoxPaint boxPaint(ImVec2 a, ImVec2 b, const Style& sty, Colour c, float round, float dash);

// The panel's canvas this frame: where the graph is and what the mouse did.
struct Canvas {
  ImVec2 origin, size;
  bool hovered = false, activated = false,
       active = false;  // read before any tooltip replaces ImGui's last item
  ImVec2 end() const { return {origin.x + size.x, origin.y + size.y}; }
};
// The canvas below the header (an invisible button); fits the graph when asked.
Canvas beginCanvas(ViewContext& v);
// Zoom and pan so the roots and every placed box fit a canvas of `size`.
void fit(HeapViewState& hv, const Session& s, ImVec2 size, float scale);

// What every part reads (and a few write) while one frame of the boxes view is drawn.
struct Frame {
  // This step's marks, the grey queue's positions, the buffered objects and the roots, at the view's pan and
  // zoom.
  Frame(ViewContext& v, const Canvas& canvas, GraphPainter& paint);

  ViewContext& v;
  const Session& s;
  const Simulation& sim;
  const State& st;
  const World& w;
  const Program& P;
  const Palette& pal;
  Canvas canvas;
  Transform xf;
  GraphLabels labels;  // text sizes at this zoom
  ImFont* font;
  ImFont* bold;
  GraphPainter& paint;
  StepMarks marks;                   // what the last step did
  std::map<ObjectId, int> queuePos;  // grey queue positions, 1 = scanned next
  std::vector<ObjectId> buffered;    // objects in a P's write-barrier buffer, sorted
  std::vector<RootRow> roots;
  ObjectId hoverId = kNil;  // the box under the mouse (found while drawing boxes)

  float z() const { return xf.z; }
  bool onScreen(const RectF& r) const;  // a graph-unit rectangle touches the canvas
  bool visible(ObjectId id) const;      // drawn at this step (alive, or a fading ghost)
};

// The parts, in drawing order.
void drawRoots(Frame& f);
// Every pointer arrow's path into ui.drawnArrows; paints the ones under the boxes.
void drawArrows(Frame& f, const std::vector<ObjectId>& alive);
// This step's arrows (recorded by drawArrows), thick, on top of the boxes.
void drawHotArrows(Frame& f);
void drawBoxes(Frame& f, const std::vector<ObjectId>& ghosts, const std::vector<ObjectId>& alive);
void drawHighlights(Frame& f);  // this step's outlines and tags, queue numbers, selection, hover
void drawLegend(Frame& f);
void drawNotes(Frame& f);  // objects out of view or not placed, an empty graph
// Hover tooltip, wheel zoom, click to select, drag a box, drag to pan.
void handleInput(Frame& f);

// Big heaps (render/layout/heap_lod): whether this frame shows the counts
// by type instead of boxes (the Detail choice and the heap's size; refreshes
// the counts), and drawing them with the selection's neighbourhood.
bool aggregatedView(ViewContext& v);
void drawAggregated(ViewContext& v, GraphPainter& paint, const Canvas& canvas);

}  // namespace tricolor::render::heapgraph
