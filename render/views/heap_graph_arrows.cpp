// The heap graph's pointer arrows: one from each global or stack slot that
// holds a pointer and one from each pointer field of a live box, to the
// target's inlet (render/layout/graph_arrows). Each arrow's path is computed
// here, once, and recorded in ui.drawnArrows - what --dump-layout and the
// tests read is what the painter draws. Arrows go under the boxes, in the
// painter's back end; this step's (a pointer that shaded an object, one the
// program wrote) go on top, thick, in their highlight colour.
#include "render/views/heap_graph.hpp"

namespace tricolor::render::heapgraph {

namespace {

// The highlight colour of the pointer `from` -> `to` if this step shaded or wrote it, else 0.
ImU32 hotColour(const Frame& f, const Ref& from, ObjectId to) {
  for (auto& [obj, ref] : f.marks.shaded)
    if (obj == to && ref == from) return f.pal.shade;
  for (auto& [obj, ref] : f.marks.written)
    if (obj == to && ref == from) return f.pal.write;
  return 0;
}

// Records the arrow from `port` (graph units) to `to`; this step's are marked hot.
void addArrow(Frame& f, const Ref& from, Vec2 port, ObjectId to, ImU32 hot) {
  Inlet in = inletFor(port, f.s.layout().rectOf(to));
  ImVec2 p0 = f.xf.s(port), p1 = f.xf.s(in.at);
  DrawnArrow a;
  a.from = from;
  a.to = to;
  a.path = arrowPath({p0.x, p0.y}, {p1.x, p1.y}, in.dir, f.z());
  a.hot = hot != 0;
  a.colour = hot ? hot : f.w.objects[to].state == ObjState::Freed ? f.pal.danger : f.pal.arrow;
  f.v.ui.drawnArrows.push_back(a);
}

}  // namespace

void drawArrows(Frame& f, const std::vector<ObjectId>& alive) {
  const UiState& ui = f.v.ui;
  for (const RootRow& r : f.roots) {
    if (!r.pointer || r.value == 0) continue;
    ObjectId t = ObjectId(r.value);
    if (!f.visible(t)) continue;
    addArrow(f, r.ref, rootPort(r), t, hotColour(f, r.ref, t));
  }
  for (ObjectId id : alive) {
    const Type& t = f.P.types[f.w.objects[id].type];
    if (t.numPtrs == 0) continue;
    RectF r = f.s.layout().rectOf(id);
    const ObjectId* fields = f.w.fields(id);
    // Fields beyond the drawn rows share one summary port: their arrows would
    // be a fan nobody can follow (and a big table a blur), so they are drawn
    // only for this step's pointer, the selected or the hovered object.
    const std::uint32_t n = std::min<std::uint32_t>(t.numPtrs, 1 << 16);
    for (std::uint32_t i = 0; i < n; ++i) {
      ObjectId tgt = fields[i];
      if (!f.visible(tgt)) continue;
      const Ref from{RefKind::Field, id, i, 0};
      ImU32 hc = hotColour(f, from, tgt);
      if (i >= std::uint32_t(M::kMaxFieldRows) && !hc && tgt != ui.selected && tgt != ui.hovered &&
          id != ui.selected && id != ui.hovered)
        continue;
      if (!f.onScreen(r) && !f.onScreen(f.s.layout().rectOf(tgt))) continue;
      addArrow(f, from, portAt(r, t, i), tgt, hc);
    }
  }
  for (const DrawnArrow& a : ui.drawnArrows)
    if (!a.hot) f.paint.arrow(a.path, a.colour);
  f.v.ui.heap.arrowsDrawn = ui.drawnArrows.size();
}

void drawHotArrows(Frame& f) {
  for (const DrawnArrow& a : f.v.ui.drawnArrows)
    if (a.hot) f.paint.hotArrow(a.path, a.colour);
}

}  // namespace tricolor::render::heapgraph
