// The heap graph: roots on the left (globals, then each goroutine's frames),
// objects as boxes whose pointer fields are ports, arrows for pointers. The
// box style says the colour twice (fill and border: white solid, grey
// dashed, black filled), and what the last step did is drawn on top in
// Okabe-Ito colours: the object being scanned (orange), the pointer being
// shaded (sky blue), a new object (green), a pointer the program wrote
// (purple), a freed or dangling object (vermillion).
//
// Positions come from HeapLayout (stable, in graph units); the panel only
// transforms them (pan, zoom) and draws. Large scenes stay cheap: boxes
// outside the canvas are culled, text is skipped when it would be too small
// to read, and many boxes go through instanced GL or, zoomed far out, one
// CPU-drawn texture (heap_graph_painter.hpp). This file runs one frame: the
// header, then the parts declared in heap_graph.hpp, in drawing order.
#include "render/views/heap_graph.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace tricolor::render {

namespace heapgraph {

namespace {

// The grey queue in scan order (as many chips as fit), the level of detail, Fit and the zoom.
void drawHeader(ViewContext& v) {
  HeapViewState& hv = v.ui.heap;
  const Simulation& sim = v.session.sim();
  const State& st = sim.state();
  const auto& grey = st.gc.grey;
  ImGui::TextUnformatted("Grey queue");
  termTooltip("grey queue");
  ImGui::SameLine();
  if (grey.empty()) {
    ImGui::TextDisabled(st.gc.phase == Phase::Mark ? "empty" : "empty (not marking)");
  } else {
    ImGui::TextDisabled("next:");
    // As many chips as fit before the Fit button.
    const float limit = ImGui::GetWindowContentRegionMax().x - 360 * v.theme.scale;
    std::size_t shown = 0;
    for (auto it = grey.rbegin(); it != grey.rend(); ++it, ++shown) {
      float w = ImGui::CalcTextSize(sim.objectName(it->obj).c_str()).x + 14;
      float x = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x;
      if (shown > 0 && x + w > limit) break;
      ImGui::SameLine();
      objectChip(v, it->obj);
    }
    if (grey.size() > shown) {
      ImGui::SameLine();
      ImGui::TextDisabled("+%zu more", grey.size() - shown);
    }
  }
  float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - 290 * v.theme.scale));
  {
    static const char* const kDetailNames[] = {"Auto", "Full detail", "Aggregated"};
    int d = int(hv.detail);
    ImGui::SetNextItemWidth(120 * v.theme.scale);
    if (ImGui::Combo("##detail", &d, kDetailNames, 3)) {
      hv.detail = GraphDetail(d);
      hv.fitPending = true;
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Level of detail of the graph (D cycles):\n"
          "  Auto: every box up to %zu live objects, above that counts by type and colour\n"
          "  Full detail: every box and every pointer, however many (zoom in to read names)\n"
          "  Aggregated: always the counts by type and colour, and the selection's neighbourhood",
          kAggregateAbove);
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Fit")) hv.fitPending = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fit the whole graph in the panel (F)");
  ImGui::SameLine();
  ImGui::TextDisabled("%d%%", int(std::lround(hv.zoom * 100)));
}

// Objects drawn at this step (cached per step: the placed list can be long).
void refreshVisible(ViewContext& v) {
  HeapViewState& hv = v.ui.heap;
  const Session& s = v.session;
  const World& w = s.sim().state().world;
  if (hv.cacheStep == s.position() && hv.cacheGeneration == v.ui.generation) return;
  hv.visible.clear();
  for (ObjectId id : s.layout().placedIds())
    if (id < w.objects.size() && s.layout().visibleAt(id, w.objects[id].state, s.position()))
      hv.visible.push_back(id);
  hv.cacheStep = s.position();
  hv.cacheGeneration = v.ui.generation;
}

// Drawing on the canvas: clipped to it, and without ImGui's anti-aliased
// fill (filled shapes here are rectangles, small dots and arrowheads: their
// fringe would double the triangles llvmpipe has to set up). Restored on exit.
class CanvasDrawing {
 public:
  CanvasDrawing(ImDrawList* dl, const Canvas& c) : dl_(dl), saved_(dl->Flags) {
    dl_->PushClipRect(c.origin, c.end(), true);
    dl_->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  }
  CanvasDrawing(const CanvasDrawing&) = delete;
  CanvasDrawing& operator=(const CanvasDrawing&) = delete;
  ~CanvasDrawing() {
    dl_->Flags = saved_;
    dl_->PopClipRect();
  }

 private:
  ImDrawList* dl_;
  ImDrawListFlags saved_;
};

// Every box and arrow of the heap, through `paint`, then the mouse.
void drawBoxesView(ViewContext& v, const Canvas& canvas, GraphPainter& paint) {
  HeapViewState& hv = v.ui.heap;
  Frame f(v, canvas, paint);
  {
    CanvasDrawing drawing(paint.drawList(), canvas);
    drawRoots(f);
    // Ghosts first, so live boxes sit on top of fading ones.
    std::vector<ObjectId> ghosts, alive;
    for (ObjectId id : hv.visible) {
      ObjState os = f.w.objects[id].state;
      (os == ObjState::Freed || os == ObjState::StackDead ? ghosts : alive).push_back(id);
    }
    // Arrows under the boxes, except this step's, which go on top.
    paint.beginArrows();
    drawArrows(f, alive);
    paint.beginBoxes();
    hv.instanced = paint.instanced();
    hv.bitmapped = paint.bitmapped();
    drawBoxes(f, ghosts, alive);
    paint.endBoxes();
    drawHotArrows(f);
    drawHighlights(f);
    drawLegend(f);
    drawNotes(f);
  }
  handleInput(f);
}

}  // namespace

Frame::Frame(ViewContext& v, const Canvas& c, GraphPainter& p)
    : v(v),
      s(v.session),
      sim(s.sim()),
      st(sim.state()),
      w(st.world),
      P(sim.program()),
      pal(palette()),
      canvas(c),
      xf{c.origin, v.ui.heap.pan, v.ui.heap.zoom},
      labels(graphLabels(v.ui.heap.zoom)),
      font(v.theme.ui),
      bold(v.theme.bold),
      paint(p),
      marks(marksOf(s.lastEvents())),
      roots(layoutRoots(sim)) {
  int n = 1;
  for (auto it = st.gc.grey.rbegin(); it != st.gc.grey.rend() && n <= 99; ++it)
    queuePos.emplace(it->obj, n++);
  // Objects sitting in a P's write-barrier buffer (recorded, not shaded yet).
  for (const auto& buf : st.gc.wbBuf)
    for (ObjectId id : buf) buffered.push_back(id & ~kWbOldBit);
  std::sort(buffered.begin(), buffered.end());
}

}  // namespace heapgraph

void drawHeapGraph(ViewContext& v) {
  using namespace heapgraph;
  UiState& ui = v.ui;
  HeapViewState& hv = ui.heap;
  ui.drawn.clear();
  ui.drawnArrows.clear();
  // The window's own background is the canvas: filling it twice costs
  // llvmpipe a quarter of a million pixels per frame.
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(palette().canvas));
  bool open = beginPanel("Heap graph", ui.panels[Panel::Heap]);
  ImGui::PopStyleColor();
  if (!open) {
    ImGui::End();
    return;
  }
  drawHeader(v);
  const Canvas canvas = beginCanvas(v);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // One painter for the frame: the draw list for the counts view and small
  // graphs, instanced GL or the CPU bitmap for many boxes.
  if (aggregatedView(v)) {
    GraphPainter paint(dl);
    CanvasDrawing drawing(dl, canvas);
    drawAggregated(v, paint, canvas);
  } else {
    refreshVisible(v);
    std::unique_ptr<GraphPainter> paint =
        choosePainter(hv, dl, canvas.origin, canvas.size, hv.visible.size(), hv.zoom);
    drawBoxesView(v, canvas, *paint);
  }
  ImGui::End();
}

}  // namespace tricolor::render
