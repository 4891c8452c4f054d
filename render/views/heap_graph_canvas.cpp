// The heap graph's canvas: where the graph sits in the panel and what the
// mouse does to it. Wheel zooms about the pointer, dragging the background
// (or any drag with the right or middle button) pans, dragging a box moves
// it (a command: the layout keeps it for the session), a click selects,
// hovering a box explains it. "Fit" (F) frames the roots and every box.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "render/views/heap_graph.hpp"

namespace tricolor::render::heapgraph {

Canvas beginCanvas(ViewContext& v) {
  HeapViewState& hv = v.ui.heap;
  Canvas c;
  c.origin = ImGui::GetCursorScreenPos();
  c.size = ImGui::GetContentRegionAvail();
  c.size.x = std::max(c.size.x, 50.0f);
  c.size.y = std::max(c.size.y, 50.0f);
  ImGui::InvisibleButton("canvas", c.size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  // Read the canvas' state now: tooltips opened while drawing replace ImGui's "last item".
  c.hovered = ImGui::IsItemHovered();
  c.activated = ImGui::IsItemActivated();
  c.active = ImGui::IsItemActive();
  if (hv.fitPending) {
    fit(hv, v.session, c.size, v.theme.fontSize / 15.0f);
    hv.fitPending = false;
  }
  return c;
}

// `scale` is the graph's text scale: presentation mode and the UI scale make
// the boxes as readable as the rest of the window.
void fit(HeapViewState& hv, const Session& s, ImVec2 size, float scale) {
  RectF ext{0, 0, M::kRootsWidth, 200};
  for (const RootRow& r : layoutRoots(s.sim())) ext = ext.united(r.rect);
  ext = ext.united(s.layout().extent());
  for (const auto& [id, p] : s.layout().drags()) ext = ext.united({p.x, p.y, M::kBoxW, M::kRowH * 3});
  const float margin = 16;
  float zx = (size.x - 2 * margin) / std::max(ext.right(), 1.0f);
  float zy = (size.y - 2 * margin) / std::max(ext.bottom(), 1.0f);
  // Down to 2%: a whole 10^4-object graph in full detail fits too.
  hv.zoom = std::clamp(std::min(zx, zy), kMinZoom * scale, 1.5f * scale);
  hv.pan = {-margin / hv.zoom, -margin / hv.zoom};
}

namespace {

void hoverTooltip(const Frame& f) {
  const Object& o = f.w.objects[f.hoverId];
  const Type& t = f.P.types[o.type];
  ImGui::BeginTooltip();
  ImGui::Text("%s: %s, %u B", f.sim.objectName(f.hoverId).c_str(), t.name.c_str(), t.size);
  const char* word = colourWord(f.sim, f.hoverId);
  ImGui::TextUnformatted(explain(word));
  auto q = f.queuePos.find(f.hoverId);
  if (q != f.queuePos.end()) ImGui::Text("Grey queue position %d (1 = scanned next).", q->second);
  ImGui::TextDisabled("Click to inspect, drag to move.");
  ImGui::EndTooltip();
}

}  // namespace

void handleInput(Frame& f) {
  ViewContext& v = f.v;
  HeapViewState& hv = v.ui.heap;
  const Canvas& c = f.canvas;
  const Transform& xf = f.xf;
  ImGuiIO& io = ImGui::GetIO();
  if (f.hoverId && !hv.dragging && !hv.panning) {
    v.ui.hovered = f.hoverId;
    hoverTooltip(f);
  }
  if (c.hovered && io.MouseWheel != 0) {
    Vec2 before = xf.g(io.MousePos);
    hv.zoom = std::clamp(hv.zoom * std::pow(1.15f, io.MouseWheel), kMinZoom, 4.0f * v.theme.fontSize / 15.0f);
    hv.pan = {before.x - (io.MousePos.x - c.origin.x) / hv.zoom,
              before.y - (io.MousePos.y - c.origin.y) / hv.zoom};
  }
  if (c.activated && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    if (f.hoverId) {
      hv.dragging = f.hoverId;
      RectF r = f.s.layout().rectOf(f.hoverId);
      Vec2 g = xf.g(io.MousePos);
      hv.dragGrab = {g.x - r.x, g.y - r.y};
      v.out.push_back(Command{Command::Kind::Select, 0, f.hoverId});
    } else {
      hv.panning = true;
      v.out.push_back(Command{Command::Kind::Select, 0, kNil});
    }
  }
  if (c.active) {
    if (hv.dragging && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3)) {
      Vec2 g = xf.g(io.MousePos);
      Command cmd{Command::Kind::DragObject, 0, hv.dragging};
      cmd.pos = {g.x - hv.dragGrab.x, g.y - hv.dragGrab.y};
      v.out.push_back(cmd);
    } else if (!c.activated && (hv.panning || ImGui::IsMouseDragging(ImGuiMouseButton_Right) ||
                                ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
      hv.pan.x -= io.MouseDelta.x / hv.zoom;
      hv.pan.y -= io.MouseDelta.y / hv.zoom;
    }
  } else {
    hv.dragging = kNil;
    hv.panning = false;
  }
}

bool Frame::onScreen(const RectF& r) const {
  ImVec2 a = xf.s(r.x, r.y), b = xf.s(r.right(), r.bottom());
  const ImVec2 end = canvas.end();
  return b.x >= canvas.origin.x && a.x <= end.x && b.y >= canvas.origin.y && a.y <= end.y;
}

bool Frame::visible(ObjectId id) const {
  return id != kNil && id < w.objects.size() && s.layout().visibleAt(id, w.objects[id].state, s.position());
}

}  // namespace tricolor::render::heapgraph
