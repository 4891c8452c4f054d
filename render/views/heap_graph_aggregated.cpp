// The heap graph for big heaps (render/layout/heap_lod): one bar per type
// with its objects counted by colour, then the selected object's
// neighbourhood in full detail - who points to it on the left, what it
// points to on the right. Shown when the Detail menu says Aggregated, or in
// Auto above kAggregateAbove live objects.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "render/views/heap_graph.hpp"

namespace tricolor::render::heapgraph {

namespace {

std::string withCommas(std::uint64_t n) {
  std::string d = std::to_string(n), out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

// One bar per type (8 at most): black, grey, white segments with the boxes'
// fills and frames, the counts written under it. Returns the y below them.
float typeBars(ViewContext& v, GraphPainter& paint, const Canvas& canvas, float y) {
  const Palette& pal = palette();
  HeapViewState& hv = v.ui.heap;
  ImFont* font = v.theme.ui;
  ImFont* bold = v.theme.bold;
  const float fs = v.theme.fontSize, line = fs * 1.35f;
  const float x0 = canvas.origin.x + 10, right = canvas.origin.x + canvas.size.x - 10;
  const float labelW = std::min(200.0f * v.theme.scale, canvas.size.x * 0.3f), barH = std::round(fs * 1.4f);
  const std::size_t maxBars = 8;
  for (std::size_t gi = 0; gi < hv.summary.groups.size() && gi < maxBars; ++gi) {
    const TypeGroup& g = hv.summary.groups[gi];
    std::string label = g.name + " \u00b7 " + std::to_string(g.size) + " B";
    paint.text(bold, fs, {x0, y + (barH - fs) / 2}, pal.text, label.c_str());
    const float bx = x0 + labelW, bw = std::max(40.0f, right - bx);
    HeapViewState::Bar bar{g.name, g.white, g.grey, g.black, {}};
    float x = bx;
    const struct {
      Colour c;
      std::uint64_t n;
    } parts[] = {{Colour::Black, g.black}, {Colour::Grey, g.grey}, {Colour::White, g.white}};
    for (const auto& part : parts) {
      if (!part.n) continue;
      float wpx = std::max(3.0f, std::round(bw * float(double(part.n) / double(g.total()))));
      wpx = std::min(wpx, bx + bw - x);
      Style sty = styleOf(pal, part.c);
      paint.boxOnTop(boxPaint({x, y}, {x + wpx, y + barH}, sty, part.c, 0, 7.0f));
      bar.segments.push_back({sty.word, part.n, sty.fill, {x, y, wpx, barH}});
      x += wpx;
    }
    y += barH + 3;
    std::string counts = "black " + withCommas(g.black) + "  \u00b7  grey " + withCommas(g.grey) +
                         "  \u00b7  white " + withCommas(g.white) + "  \u00b7  " + withCommas(g.total()) +
                         " objects";
    paint.text(font, fs * 0.9f, {bx, y}, pal.textDim, counts.c_str());
    y += line * 1.3f;
    hv.bars.push_back(std::move(bar));
  }
  if (hv.summary.groups.size() > maxBars) {
    std::string more =
        std::to_string(hv.summary.groups.size() - maxBars) + " more types (fewer objects each)";
    paint.text(font, fs * 0.9f, {x0, y}, pal.textDim, more.c_str());
    y += line;
  }
  return y;
}

// One node of the neighbourhood at [a, b): a root's name, or an object's box
// (with its name, colour word and type when there is room), hover and click.
void neighbour(ViewContext& v, GraphPainter& paint, const Canvas& canvas, const Neighbourhood::Node& n,
               ImVec2 a, ImVec2 b, float z) {
  const Palette& pal = palette();
  const Simulation& sim = v.session.sim();
  const World& w = sim.state().world;
  ImFont* font = v.theme.ui;
  ImFont* bold = v.theme.bold;
  const GraphLabels l = neighbourhoodLabels(z);
  if (n.id == kNil) {  // a root
    paint.fillRect(a, b, pal.rootsBg, 3);
    const float px = std::min(l.root, b.y - a.y);
    ImVec2 rs = bold->CalcTextSizeA(px, 1e9f, 0, n.root.c_str());
    paint.text(bold, px, {b.x - rs.x - 4, a.y + (b.y - a.y - px) / 2}, pal.rootsHeader, n.root.c_str());
    return;
  }
  Colour c = colourOf(w, sim.state().heap, n.id);
  Style sty = styleOf(pal, c);
  BoxPaint bp = boxPaint(a, b, sty, c, 3 * z, 7.0f);
  if (bp.frame == BoxPaint::Frame::Ghost)
    bp.frame = BoxPaint::Frame::Solid;  // (a freed neighbour: a solid frame)
  paint.boxOnTop(bp);
  std::string name = sim.objectName(n.id);
  const Type& t = sim.program().types[w.objects[n.id].type];
  if (l.nameOnly) {  // too small for three lines: the name alone, as large as the box allows
    const float px = neighbourNamePx(b.x - a.x, b.y - a.y, name.size());
    ImVec2 ns = bold->CalcTextSizeA(px, 1e9f, 0, name.c_str());
    paint.text(bold, px, {a.x + (b.x - a.x - ns.x) / 2, a.y + (b.y - a.y - ns.y) / 2}, sty.text,
               name.c_str());
  } else {
    paint.text(bold, l.name, {a.x + 5 * z, a.y + 3 * z}, sty.text, name.c_str());
    ImVec2 ws = font->CalcTextSizeA(l.word, 1e9f, 0, sty.word);
    paint.text(font, l.word, {b.x - ws.x - 5 * z, a.y + 4 * z}, sty.text, sty.word);
    std::string typeLine = t.name + " \u00b7 " + std::to_string(t.size) + " B";
    paint.text(font, l.word, {a.x + 5 * z, a.y + 3 * z + GraphMetrics::kRowH * z}, sty.text,
               typeLine.c_str());
  }
  if (n.id == v.ui.selected)
    paint.frameRect({a.x - 6 * z, a.y - 6 * z}, {b.x + 6 * z, b.y + 6 * z}, pal.select, 5 * z, 3.0f);
  DrawnBox db;
  db.id = n.id;
  db.label = name;
  db.colour = sty.word;
  db.fill = sty.fill;
  db.rect = {a.x, a.y, b.x - a.x, b.y - a.y};
  const ImVec2 end = canvas.end();
  db.clipped = a.x < canvas.origin.x || a.y < canvas.origin.y || b.x > end.x || b.y > end.y;
  v.ui.drawn.push_back(db);
  if (canvas.hovered && ImGui::IsMouseHoveringRect(a, b)) {
    v.ui.hovered = n.id;
    ImGui::SetTooltip("%s: %s, %u B, %s\nClick to centre the neighbourhood on it.", name.c_str(),
                      t.name.c_str(), t.size, sty.word);
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
      v.out.push_back(Command{Command::Kind::Select, 0, n.id});
  }
}

// The selection's neighbourhood below the bars, from `y` down, scaled to fit.
void neighbourhoodView(ViewContext& v, GraphPainter& paint, const Canvas& canvas, float y) {
  const Palette& pal = palette();
  const Session& s = v.session;
  const Simulation& sim = s.sim();
  const World& w = sim.state().world;
  HeapViewState& hv = v.ui.heap;
  ImFont* font = v.theme.ui;
  ImFont* bold = v.theme.bold;
  const float fs = v.theme.fontSize, line = fs * 1.35f;
  const float x0 = canvas.origin.x + 10;
  const ObjectId sel = v.ui.selected;
  const bool selValid = sel != kNil && sel < w.objects.size() &&
                        (w.objects[sel].state == ObjState::Heap || w.objects[sel].state == ObjState::Stack);
  y += line * 0.5f;
  if (!selValid) {
    paint.text(font, fs, {x0, y}, pal.textDim, "No object selected: its neighbourhood would be drawn here.");
    return;
  }
  if (hv.nearStep != s.position() || hv.nearCentre != sel || hv.nearGeneration != v.ui.generation) {
    hv.near = neighbourhood(sim, sel, 2, 6);
    hv.nearStep = s.position();
    hv.nearCentre = sel;
    hv.nearGeneration = v.ui.generation;
  }
  const Neighbourhood& nb = hv.near;
  std::string title = "Neighbourhood of " + sim.objectName(sel) +
                      ": who points to it on the left, what it points to on the right";
  paint.text(bold, fs, {x0, y}, pal.text, title.c_str());
  y += line;
  if (nb.omitted) {
    std::string more =
        "(two pointers deep each way, 6 per column: " + withCommas(nb.omitted) + " more not shown)";
    paint.text(font, fs * 0.9f, {x0, y}, pal.textDim, more.c_str());
    y += line;
  }
  y += line * 0.2f;
  if (nb.nodes.empty()) return;
  RectF ext = nb.nodes[0].rect;
  for (const auto& n : nb.nodes) ext = ext.united(n.rect);
  const float availH = canvas.origin.y + canvas.size.y - y - 30, availW = canvas.size.x - 20;
  if (availH < 40) return;
  const float z = std::clamp(std::min(availW / ext.w, availH / ext.h), 0.3f, 1.3f * fs / 15.0f);
  const ImVec2 o{x0 + (availW - ext.w * z) / 2 - ext.x * z, y - ext.y * z};
  auto scr = [&](float gx, float gy) { return Vec2{o.x + gx * z, o.y + gy * z}; };
  for (const auto& e : nb.edges) {
    const RectF& a = nb.nodes[std::size_t(e.from)].rect;
    const RectF& b = nb.nodes[std::size_t(e.to)].rect;
    Vec2 p0 = scr(a.right(), a.y + GraphMetrics::kRowH * 0.5f),
         p1 = scr(b.x, b.y + GraphMetrics::kRowH * 0.5f);
    if (b.x <= a.x) p1 = scr(b.x + b.w * 0.5f, b.y);  // a pointer within one column: into the top
    paint.arrow(arrowPath(p0, p1, b.x <= a.x ? Vec2{0, 1} : Vec2{1, 0}, z), pal.arrow);
  }
  for (const auto& n : nb.nodes) {
    Vec2 a = scr(n.rect.x, n.rect.y), b = scr(n.rect.right(), n.rect.bottom());
    neighbour(v, paint, canvas, n, {a.x, a.y}, {b.x, b.y}, z);
  }
}

}  // namespace

bool aggregatedView(ViewContext& v) {
  const Session& s = v.session;
  const World& w = s.sim().state().world;
  HeapViewState& hv = v.ui.heap;
  hv.bars.clear();
  const GraphDetail detail = hv.detail;
  if (detail == GraphDetail::Full || (detail == GraphDetail::Auto && w.objects.size() <= kAggregateAbove)) {
    hv.aggregated = false;
    return false;
  }
  // O(objects): once per step, a few times a second during a long run.
  const bool stale = hv.summaryStep != s.position() || hv.summaryGeneration != v.ui.generation;
  if (stale &&
      (v.ui.running.empty() || v.now - hv.summaryAt > 0.25 || hv.summaryGeneration != v.ui.generation)) {
    hv.summary = summarizeByType(s.sim());
    hv.summaryStep = s.position();
    hv.summaryGeneration = v.ui.generation;
    hv.summaryAt = v.now;
  }
  hv.aggregated = aggregateGraph(hv.summary.live, detail);
  return hv.aggregated;
}

void drawAggregated(ViewContext& v, GraphPainter& paint, const Canvas& canvas) {
  const Palette& pal = palette();
  const HeapViewState& hv = v.ui.heap;
  const GraphDetail detail = hv.detail;
  const float fs = v.theme.fontSize, line = fs * 1.35f;
  float y = canvas.origin.y + 8;
  const float x0 = canvas.origin.x + 10;
  std::string head =
      detail == GraphDetail::Aggregated
          ? "Aggregated view (chosen in Detail): " + withCommas(hv.summary.live) + " live objects."
          : "Aggregated view: " + withCommas(hv.summary.live) +
                " live objects are too many to draw one by one (Detail: Full draws them all).";
  paint.text(v.theme.bold, fs, {x0, y}, pal.scan, head.c_str());
  y += line;
  paint.text(
      v.theme.ui, fs * 0.9f, {x0, y}, pal.textDim,
      "Objects counted by type and colour. Select one (memory panel, grey queue) to see its neighbourhood.");
  y += line * 1.2f;
  y = typeBars(v, paint, canvas, y);
  neighbourhoodView(v, paint, canvas, y);
}

}  // namespace tricolor::render::heapgraph
