// The heap graph: roots on the left (globals, then each goroutine's frames),
// objects as boxes whose pointer fields are ports, arrows for pointers. The
// box style says the colour twice (fill and border: white solid, grey
// dashed, black filled), and what the last step did is drawn on top in
// Okabe-Ito colours: the object being scanned (orange), the pointer being
// shaded (sky blue), a new object (green), a pointer the program wrote
// (purple), a freed or dangling object (vermillion).
//
// Positions come from HeapLayout (stable, in graph units); this file only
// transforms them (pan, zoom) and draws. Large scenes stay cheap: boxes
// outside the canvas are culled, text is skipped when it would be too small
// to read, and arrows use few bezier segments.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "core/gc/collector.hpp"
#include "render/views/views.hpp"

namespace tricolor::render {

namespace {

using M = GraphMetrics;
constexpr float kMinZoom = 0.02f;

struct Xf {
  ImVec2 origin;
  Vec2 pan;
  float z = 1;
  ImVec2 s(Vec2 g) const { return {origin.x + (g.x - pan.x) * z, origin.y + (g.y - pan.y) * z}; }
  ImVec2 s(float x, float y) const { return s(Vec2{x, y}); }
  Vec2 g(ImVec2 p) const { return {(p.x - origin.x) / z + pan.x, (p.y - origin.y) / z + pan.y}; }
};

// What the last step did, read from its events (never by diffing states).
struct StepMarks {
  ObjectId scanning = kNil, scanned = kNil;
  std::vector<std::pair<ObjectId, Ref>> shaded;
  std::vector<ObjectId> allocated, freed, dangling, buffered;
  std::vector<std::pair<ObjectId, Ref>> written;
  bool has(const std::vector<ObjectId>& v, ObjectId id) const {
    return std::find(v.begin(), v.end(), id) != v.end();
  }
};

StepMarks marksOf(const std::vector<Event>& events) {
  StepMarks m;
  for (const Event& e : events) {
    switch (e.kind) {
      case EventKind::ScanStart: m.scanning = e.as<ScanStartEvent>().object; break;
      case EventKind::ScanEnd: m.scanned = e.as<ScanEndEvent>().object; break;
      case EventKind::Shade: m.shaded.emplace_back(e.as<ShadeEvent>().object, e.as<ShadeEvent>().from); break;
      case EventKind::Alloc:
      case EventKind::AllocTiny:
      case EventKind::AllocStack: m.allocated.push_back(eventObjects(e)[0]); break;
      case EventKind::Free: m.freed.push_back(e.as<FreeEvent>().object); break;
      case EventKind::ReachableFreed:
      case EventKind::DanglingUse: m.dangling.push_back(eventObjects(e)[0]); break;
      case EventKind::PointerWrite:
        m.written.emplace_back(e.as<PointerWriteEvent>().value, e.as<PointerWriteEvent>().where);
        break;
      case EventKind::BarrierRecord:
        m.buffered.push_back(e.as<BarrierRecordEvent>().oldValue);
        m.buffered.push_back(e.as<BarrierRecordEvent>().newValue);
        break;
      default: break;
    }
  }
  return m;
}

// Dashes keep a fixed length on screen, so a zoomed-out graph does not pay
// for hundreds of tiny dashes per box.
void dashedRect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thick, float dash) {
  dash = std::max(dash, 5.0f);
  auto line = [&](ImVec2 p, ImVec2 q) {
    float len = std::hypot(q.x - p.x, q.y - p.y);
    if (len <= 0) return;
    ImVec2 d{(q.x - p.x) / len, (q.y - p.y) / len};
    for (float t = 0; t < len; t += dash * 1.7f) {
      float e = std::min(t + dash, len);
      dl->AddLine({p.x + d.x * t, p.y + d.y * t}, {p.x + d.x * e, p.y + d.y * e}, col, thick);
    }
  };
  line(a, {b.x, a.y});
  line({b.x, a.y}, b);
  line(b, {a.x, b.y});
  line({a.x, b.y}, a);
}

// Where an arrow enters its target, and from which direction: from the left
// when the target is to the right of the port (lists read left to right),
// else from above or below (a tree's children sit below-left of the port),
// so arrows do not loop back across their own boxes.
struct Inlet {
  Vec2 at;
  Vec2 dir;  // direction of travel on arrival
};
Inlet inletFor(Vec2 port, const RectF& t) {
  if (t.x >= port.x + 12) return {{t.x, t.y + 2 + M::kRowH * 0.5f}, {1, 0}};
  if (t.bottom() <= port.y - 8) return {{t.x + t.w * 0.5f, t.bottom()}, {0, -1}};
  return {{t.x + t.w * 0.5f, t.y}, {0, 1}};
}

// A pointer: leaves its port to the right, arrives along the inlet's direction.
struct ArrowShape {
  ImVec2 c0, c1;  // control points of the curve
  float head;     // head length, pixels
};
ArrowShape arrowShape(ImVec2 p0, ImVec2 p1, Vec2 dir, float z) {
  float dist = std::hypot(p1.x - p0.x, p1.y - p0.y);
  float out = std::max(30.0f * z, std::fabs(p1.x - p0.x) * 0.45f);
  float in = std::max(30.0f * z, dist * 0.35f);
  if (dir.y != 0) out = std::min(out, 40.0f * z);  // turning down or up: a short lead-out
  // Heads shrink with the boxes when zoomed far out (a whole 10^4-object graph).
  const float h = std::max(std::min(4.0f, 40 * z), 7 * z);
  return {{p0.x + out, p0.y}, {p1.x - dir.x * in, p1.y - dir.y * in}, h};
}
void arrow(ImDrawList* dl, ImVec2 p0, ImVec2 p1, Vec2 dir, ImU32 col, float thick, float z) {
  const ArrowShape a = arrowShape(p0, p1, dir, z);
  const float h = a.head;
  int segs = std::clamp(int(std::hypot(p1.x - p0.x, p1.y - p0.y) / 40), 2, 10);
  ImVec2 end{p1.x - dir.x * h * 0.8f, p1.y - dir.y * h * 0.8f};
  dl->AddBezierCubic(p0, a.c0, a.c1, end, col, thick, segs);
  ImVec2 base{p1.x - dir.x * h, p1.y - dir.y * h}, perp{-dir.y * h * 0.55f, dir.x * h * 0.55f};
  dl->AddTriangleFilled(p1, {base.x + perp.x, base.y + perp.y}, {base.x - perp.x, base.y - perp.y}, col);
}

// Port position of an object's pointer slot, in graph units.
Vec2 portOf(const RectF& r, const Type& t, std::uint32_t ptr) {
  Vec2 o = portOffset(t, ptr);
  return {r.x + o.x, r.y + o.y};
}

struct Style {
  ImU32 fill, border, text;
  bool dashed = false, ghost = false;
  const char* word;
};

Style styleOf(const Palette& pal, Colour c) {
  switch (c) {
    case Colour::White: return {pal.white, pal.whiteBorder, pal.whiteText, false, false, "white"};
    case Colour::Grey: return {pal.grey, pal.greyBorder, pal.greyText, true, false, "grey"};
    case Colour::Black: return {pal.black, pal.blackBorder, pal.blackText, false, false, "black"};
    case Colour::Stack: return {pal.stackFill, pal.stackBorder, pal.text, false, false, "stack"};
    case Colour::Free: return {IM_COL32(0, 0, 0, 0), pal.freed, pal.freed, false, true, "freed"};
  }
  return {pal.white, pal.whiteBorder, pal.whiteText, false, false, "?"};
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

std::string withCommas(std::uint64_t n) {
  std::string d = std::to_string(n), out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

// Big heaps (render/layout/heap_lod): one bar per type with its objects
// counted by colour, then the selected object's neighbourhood in full
// detail. Returns false when the heap is small enough for boxes.
bool drawAggregated(ViewContext& v, ImDrawList* dl, ImVec2 origin, ImVec2 size, bool canvasHovered) {
  const Palette& pal = palette();
  const Session& s = v.session;
  const Simulation& sim = s.sim();
  const World& w = sim.state().world;
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
    hv.summary = summarizeByType(sim);
    hv.summaryStep = s.position();
    hv.summaryGeneration = v.ui.generation;
    hv.summaryAt = v.now;
  }
  hv.aggregated = aggregateGraph(hv.summary.live, detail);
  if (!hv.aggregated) return false;

  ImFont* font = v.theme.ui;
  ImFont* bold = v.theme.bold;
  const float fs = v.theme.fontSize, line = fs * 1.35f;
  float y = origin.y + 8;
  const float x0 = origin.x + 10, right = origin.x + size.x - 10;
  std::string head =
      detail == GraphDetail::Aggregated
          ? "Aggregated view (chosen in Detail): " + withCommas(hv.summary.live) + " live objects."
          : "Aggregated view: " + withCommas(hv.summary.live) +
                " live objects are too many to draw one by one (Detail: Full draws them all).";
  dl->AddText(bold, fs, {x0, y}, pal.scan, head.c_str());
  y += line;
  dl->AddText(
      font, fs * 0.9f, {x0, y}, pal.textDim,
      "Objects counted by type and colour. Select one (memory panel, grey queue) to see its neighbourhood.");
  y += line * 1.2f;

  // --- one bar per type: black, grey, white segments, counts written out
  const float labelW = std::min(200.0f * v.theme.scale, size.x * 0.3f), barH = std::round(fs * 1.4f);
  const std::size_t maxBars = 8;
  for (std::size_t gi = 0; gi < hv.summary.groups.size() && gi < maxBars; ++gi) {
    const TypeGroup& g = hv.summary.groups[gi];
    std::string label = g.name + " \u00b7 " + std::to_string(g.size) + " B";
    dl->AddText(bold, fs, {x0, y + (barH - fs) / 2}, pal.text, label.c_str());
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
      dl->AddRectFilled({x, y}, {x + wpx, y + barH}, sty.fill);
      if (sty.dashed)
        dashedRect(dl, {x, y}, {x + wpx, y + barH}, sty.border, 2.0f, 7.0f);
      else
        dl->AddRect({x, y}, {x + wpx, y + barH}, sty.border, 0, 0, part.c == Colour::Black ? 2.0f : 1.0f);
      bar.segments.push_back({sty.word, part.n, sty.fill, {x, y, wpx, barH}});
      x += wpx;
    }
    y += barH + 3;
    std::string counts = "black " + withCommas(g.black) + "  \u00b7  grey " + withCommas(g.grey) +
                         "  \u00b7  white " + withCommas(g.white) + "  \u00b7  " + withCommas(g.total()) +
                         " objects";
    dl->AddText(font, fs * 0.9f, {bx, y}, pal.textDim, counts.c_str());
    y += line * 1.3f;
    hv.bars.push_back(std::move(bar));
  }
  if (hv.summary.groups.size() > maxBars) {
    std::string more =
        std::to_string(hv.summary.groups.size() - maxBars) + " more types (fewer objects each)";
    dl->AddText(font, fs * 0.9f, {x0, y}, pal.textDim, more.c_str());
    y += line;
  }

  // --- the selection's neighbourhood, full detail
  const ObjectId sel = v.ui.selected;
  const bool selValid = sel != kNil && sel < w.objects.size() &&
                        (w.objects[sel].state == ObjState::Heap || w.objects[sel].state == ObjState::Stack);
  y += line * 0.5f;
  if (!selValid) {
    dl->AddText(font, fs, {x0, y}, pal.textDim, "No object selected: its neighbourhood would be drawn here.");
    return true;
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
  dl->AddText(bold, fs, {x0, y}, pal.text, title.c_str());
  y += line;
  if (nb.omitted) {
    std::string more =
        "(two pointers deep each way, 6 per column: " + withCommas(nb.omitted) + " more not shown)";
    dl->AddText(font, fs * 0.9f, {x0, y}, pal.textDim, more.c_str());
    y += line;
  }
  y += line * 0.2f;
  if (nb.nodes.empty()) return true;
  RectF ext = nb.nodes[0].rect;
  for (const auto& n : nb.nodes) ext = ext.united(n.rect);
  const float availH = origin.y + size.y - y - 30, availW = size.x - 20;
  if (availH < 40) return true;
  const float z = std::clamp(std::min(availW / ext.w, availH / ext.h), 0.3f, 1.3f * fs / 15.0f);
  const ImVec2 o{x0 + (availW - ext.w * z) / 2 - ext.x * z, y - ext.y * z};
  auto scr = [&](float gx, float gy) { return ImVec2{o.x + gx * z, o.y + gy * z}; };
  for (const auto& e : nb.edges) {
    const RectF& a = nb.nodes[std::size_t(e.from)].rect;
    const RectF& b = nb.nodes[std::size_t(e.to)].rect;
    ImVec2 p0 = scr(a.right(), a.y + GraphMetrics::kRowH * 0.5f),
           p1 = scr(b.x, b.y + GraphMetrics::kRowH * 0.5f);
    if (b.x <= a.x) p1 = scr(b.x + b.w * 0.5f, b.y);  // a pointer within one column: into the top
    arrow(dl, p0, p1, b.x <= a.x ? Vec2{0, 1} : Vec2{1, 0}, pal.arrow, 1.0f, z);
  }
  const float textPx = 13.0f * z;
  const bool nameOnly = textPx < 10;  // too small for three lines: the name alone, as large as the box allows
  for (const auto& n : nb.nodes) {
    ImVec2 a = scr(n.rect.x, n.rect.y), b = scr(n.rect.right(), n.rect.bottom());
    if (n.id == kNil) {  // a root
      dl->AddRectFilled(a, b, pal.rootsBg, 3);
      const float px = std::min(std::max(textPx, 11.0f), b.y - a.y);
      ImVec2 rs = bold->CalcTextSizeA(px, 1e9f, 0, n.root.c_str());
      dl->AddText(bold, px, {b.x - rs.x - 4, a.y + (b.y - a.y - px) / 2}, pal.rootsHeader, n.root.c_str());
      continue;
    }
    Colour c = colourOf(w, sim.state().heap, n.id);
    Style sty = styleOf(pal, c);
    dl->AddRectFilled(a, b, sty.fill, 3 * z);
    if (sty.dashed)
      dashedRect(dl, a, b, sty.border, 2.0f, 7.0f);
    else
      dl->AddRect(a, b, sty.border, 3 * z, 0, c == Colour::Black ? 2.0f : 1.0f);
    std::string name = sim.objectName(n.id);
    const Type& t = sim.program().types[w.objects[n.id].type];
    if (nameOnly) {
      float px = std::min(
          {16.0f, (b.y - a.y) * 0.7f, (b.x - a.x) * 0.9f / std::max<float>(1, float(name.size()) * 0.6f)});
      ImVec2 ns = bold->CalcTextSizeA(px, 1e9f, 0, name.c_str());
      dl->AddText(bold, px, {a.x + (b.x - a.x - ns.x) / 2, a.y + (b.y - a.y - ns.y) / 2}, sty.text,
                  name.c_str());
    } else {
      dl->AddText(bold, textPx, {a.x + 5 * z, a.y + 3 * z}, sty.text, name.c_str());
      ImVec2 ws = font->CalcTextSizeA(textPx * 0.85f, 1e9f, 0, sty.word);
      dl->AddText(font, textPx * 0.85f, {b.x - ws.x - 5 * z, a.y + 4 * z}, sty.text, sty.word);
      std::string typeLine = t.name + " \u00b7 " + std::to_string(t.size) + " B";
      dl->AddText(font, textPx * 0.85f, {a.x + 5 * z, a.y + 3 * z + GraphMetrics::kRowH * z}, sty.text,
                  typeLine.c_str());
    }
    if (n.id == sel)
      dl->AddRect({a.x - 6 * z, a.y - 6 * z}, {b.x + 6 * z, b.y + 6 * z}, pal.select, 5 * z, 0, 3.0f);
    DrawnBox db;
    db.id = n.id;
    db.label = name;
    db.colour = sty.word;
    db.fill = sty.fill;
    db.rect = {a.x, a.y, b.x - a.x, b.y - a.y};
    db.clipped = a.x < origin.x || a.y < origin.y || b.x > origin.x + size.x || b.y > origin.y + size.y;
    v.ui.drawn.push_back(db);
    if (canvasHovered && ImGui::IsMouseHoveringRect(a, b)) {
      v.ui.hovered = n.id;
      ImGui::SetTooltip("%s: %s, %u B, %s\nClick to centre the neighbourhood on it.", name.c_str(),
                        t.name.c_str(), t.size, sty.word);
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
        v.out.push_back(Command{Command::Kind::Select, 0, n.id});
    }
  }
  return true;
}

}  // namespace

void drawHeapGraph(ViewContext& v) {
  const Palette& pal = palette();
  UiState& ui = v.ui;
  HeapViewState& hv = ui.heap;
  ui.drawn.clear();
  // The window's own background is the canvas: filling it twice costs
  // llvmpipe a quarter of a million pixels per frame.
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(pal.canvas));
  bool open = beginPanel("Heap graph", ui.panels[Panel::Heap]);
  ImGui::PopStyleColor();
  if (!open) {
    ImGui::End();
    return;
  }
  const Session& s = v.session;
  const Simulation& sim = s.sim();
  const State& st = sim.state();
  const World& w = st.world;
  const Program& P = sim.program();

  // Header: the grey queue in scan order, and the view controls.
  {
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

  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 50.0f);
  size.y = std::max(size.y, 50.0f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::InvisibleButton("canvas", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  // Read the canvas' state now: tooltips opened below replace ImGui's "last item".
  const bool canvasHovered = ImGui::IsItemHovered();
  const bool canvasActivated = ImGui::IsItemActivated();
  const bool canvasActive = ImGui::IsItemActive();
  if (hv.fitPending) {
    fit(hv, s, size, v.theme.fontSize / 15.0f);
    hv.fitPending = false;
  }
  Xf xf{origin, hv.pan, hv.zoom};
  dl->PushClipRect(origin, {origin.x + size.x, origin.y + size.y}, true);
  // Filled shapes here are rectangles, small dots and arrowheads: their
  // anti-aliasing fringe would double the triangles llvmpipe has to set up.
  const ImDrawListFlags savedFlags = dl->Flags;
  dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  if (drawAggregated(v, dl, origin, size, canvasHovered)) {
    dl->Flags = savedFlags;
    dl->PopClipRect();
    ImGui::End();
    return;
  }

  // Objects drawn at this step (cached per step: the placed list can be long).
  if (hv.cacheStep != s.position() || hv.cacheGeneration != ui.generation) {
    hv.visible.clear();
    for (ObjectId id : s.layout().placedIds())
      if (id < w.objects.size() && s.layout().visibleAt(id, w.objects[id].state, s.position()))
        hv.visible.push_back(id);
    hv.cacheStep = s.position();
    hv.cacheGeneration = ui.generation;
  }
  StepMarks marks = marksOf(s.lastEvents());
  std::map<ObjectId, int> queuePos;  // 1 = next to scan
  {
    int n = 1;
    for (auto it = st.gc.grey.rbegin(); it != st.gc.grey.rend() && n <= 99; ++it)
      queuePos.emplace(it->obj, n++);
  }

  // Objects sitting in a P's write-barrier buffer (recorded, not shaded yet).
  std::vector<ObjectId> buffered;
  for (const auto& buf : st.gc.wbBuf)
    for (ObjectId v : buf) buffered.push_back(v & ~kWbOldBit);
  std::sort(buffered.begin(), buffered.end());

  const float z = hv.zoom;
  const float textPx = 13.0f * z;
  const bool drawText = textPx >= 6.5f;
  ImFont* font = v.theme.ui;
  ImFont* bold = v.theme.bold;
  const ImVec2 clipMin = origin, clipMax{origin.x + size.x, origin.y + size.y};
  auto onScreen = [&](const RectF& r) {
    ImVec2 a = xf.s(r.x, r.y), b = xf.s(r.right(), r.bottom());
    return b.x >= clipMin.x && a.x <= clipMax.x && b.y >= clipMin.y && a.y <= clipMax.y;
  };
  auto visibleObj = [&](ObjectId id) {
    return id != kNil && id < w.objects.size() && s.layout().visibleAt(id, w.objects[id].state, s.position());
  };

  // --- roots column
  std::vector<RootRow> roots = layoutRoots(sim);
  const bool marking = st.gc.phase == Phase::Mark || st.gc.phase == Phase::MarkTermination;
  if (!roots.empty()) {
    RectF all = roots.front().rect;
    for (const RootRow& r : roots) all = all.united(r.rect);
    dl->AddRectFilled(xf.s(all.x - 4, all.y - 4), xf.s(all.right() + 4, all.bottom() + 4), pal.rootsBg,
                      4 * z);
  }
  ObjectId hoverId = kNil;
  // Root names stay readable when zoomed out, as large as their rows allow.
  const float rootPx = std::min(std::max(textPx, 11.0f), M::kRowH * z * 0.92f);
  for (const RootRow& r : roots) {
    ImVec2 a = xf.s(r.rect.x, r.rect.y);
    const float baseY = a.y + (M::kRowH * z - rootPx) * 0.5f;
    switch (r.kind) {
      case RootRow::Kind::GlobalsHeader:
        if (drawText) dl->AddText(bold, rootPx, {a.x + 2 * z, baseY}, pal.rootsHeader, "globals");
        break;
      case RootRow::Kind::GoroutineHeader: {
        if (drawText) dl->AddText(bold, rootPx, {a.x + 2 * z, baseY}, pal.rootsHeader, r.text.c_str());
        if (marking && drawText) {
          const Goroutine& g = w.g(r.g);
          bool scanned = g.scannedCycle == st.gc.cycle;
          const char* tag = !g.inRootSnapshot ? "new: no roots" : scanned ? "scanned" : "not scanned";
          ImVec2 ts = font->CalcTextSizeA(rootPx * 0.85f, 1e9f, 0, tag);
          ImVec2 p{xf.s(r.rect.right(), 0).x - ts.x - 6 * z, baseY + rootPx * 0.05f};
          ImU32 fill = scanned ? pal.black : pal.grey;
          ImU32 txt = scanned ? pal.blackText : pal.greyText;
          dl->AddRectFilled({p.x - 3 * z, p.y - 1 * z}, {p.x + ts.x + 3 * z, p.y + ts.y + 1 * z}, fill,
                            3 * z);
          if (!scanned)
            dashedRect(dl, {p.x - 3 * z, p.y - 1 * z}, {p.x + ts.x + 3 * z, p.y + ts.y + 1 * z},
                       pal.greyBorder, 1, 3 * z);
          else
            dl->AddRect({p.x - 3 * z, p.y - 1 * z}, {p.x + ts.x + 3 * z, p.y + ts.y + 1 * z}, pal.blackBorder,
                        3 * z);
          dl->AddText(font, rootPx * 0.85f, p, txt, tag);
        }
        break;
      }
      case RootRow::Kind::Frame:
        if (drawText) dl->AddText(font, rootPx, {a.x + 8 * z, baseY}, pal.textDim, r.text.c_str());
        break;
      case RootRow::Kind::Global:
      case RootRow::Kind::Slot: {
        float indent = r.kind == RootRow::Kind::Slot ? 18 : 8;
        if (drawText) dl->AddText(font, rootPx, {a.x + indent * z, baseY}, pal.text, r.text.c_str());
        ImVec2 port = xf.s(r.rect.right() - 8, r.rect.y + M::kRowH * 0.5f);
        ObjectId t = ObjectId(r.value);
        if (t == kNil) {
          dl->AddCircle(port, 3.5f * z, pal.arrowNil, 8, 1.0f);
          if (drawText) dl->AddText(font, rootPx * 0.9f, {port.x - 30 * z, baseY}, pal.arrowNil, "nil");
        } else {
          dl->AddCircleFilled(port, 3.5f * z, pal.arrow, 10);
        }
        break;
      }
    }
  }

  // --- boxes (ghosts first, so live boxes sit on top of fading ones)
  // Above kInstancedAbove boxes their fills and frames go through our own
  // instanced GL drawing, enqueued after the arrows (so boxes cover them)
  // and before the names and highlights (drawn on top).
  InstancedBoxes* inst = nullptr;
  GraphBitmap* bitmap = nullptr;
  auto drawBox = [&](ObjectId id) {
    const Object& o = w.objects[id];
    RectF r = s.layout().rectOf(id);
    Colour c = colourOf(w, st.heap, id);
    Style sty = styleOf(pal, c);
    if (o.state == ObjState::StackDead) sty.word = "frame gone";  // not swept: its function returned
    ImVec2 a = xf.s(r.x, r.y), b = xf.s(r.right(), r.bottom());
    DrawnBox db;
    db.id = id;
    db.label = sim.objectName(id);
    db.colour = sty.word;
    db.fill = sty.fill;
    db.rect = {a.x, a.y, b.x - a.x, b.y - a.y};
    db.clipped = a.x < clipMin.x || a.y < clipMin.y || b.x > clipMax.x || b.y > clipMax.y;
    if (!onScreen(r)) {
      db.clipped = true;
      ui.drawn.push_back(std::move(db));
      return;
    }
    ui.drawn.push_back(db);
    const float round = z >= 0.6f ? 3 * z : 0;  // corners cost vertices; invisible when small
    // A box a few pixels across is all frame: a black box would show only its
    // light frame. Then the fill alone says the colour (white, mid grey, black).
    const bool tiny = b.x - a.x < 10 || b.y - a.y < 6;
    if (bitmap) {  // zoomed far out: pixels written by the CPU (render/gl/graph_bitmap)
      const int frame = tiny ? 0 : c == Colour::Black ? 2 : 1;
      if (sty.ghost) {
        bitmap->dashedBox(a, b, sty.border, 1);
      } else {
        bitmap->box(a, b, sty.fill, sty.dashed ? sty.fill : sty.border, sty.dashed ? 0 : frame);
        if (sty.dashed && !tiny) bitmap->dashedBox(a, b, sty.border, 1);
      }
    } else if (sty.ghost) {
      dashedRect(dl, a, b, sty.border, 1.0f, 4.0f);
    } else if (inst) {  // many boxes: fill and solid frame in one instanced draw (render/gl)
      const float frame = tiny ? 0.0f : c == Colour::Black ? 2.0f : 1.0f;
      inst->add(a, b, sty.fill, sty.dashed ? sty.fill : sty.border, sty.dashed ? 0.0f : frame);
      if (sty.dashed && !tiny) dashedRect(dl, a, b, sty.border, 2.0f, std::max(6 * z, 7.0f));
    } else {
      dl->AddRectFilled(a, b, sty.fill, round);
      if (sty.dashed)
        dashedRect(dl, a, b, sty.border, 2.0f, std::max(6 * z, 7.0f));
      else
        dl->AddRect(a, b, sty.border, round, 0, c == Colour::Black ? 2.0f : 1.0f);
    }
    const Type& t = P.types[o.type];
    if (drawText && textPx < 9.5f) {
      // Zoomed out: the small print would be unreadable, so the box shows its
      // name alone, as large as it fits (the fill and frame still say the colour).
      std::string name = db.label;
      float px = std::min(22.0f * z, (b.y - a.y) * 0.6f);
      ImVec2 ns = bold->CalcTextSizeA(px, 1e9f, 0, name.c_str());
      if (ns.x > (b.x - a.x) - 6 * z) {
        px *= ((b.x - a.x) - 6 * z) / ns.x;
        ns = bold->CalcTextSizeA(px, 1e9f, 0, name.c_str());
      }
      ImVec2 p{a.x + ((b.x - a.x) - ns.x) * 0.5f, a.y + ((b.y - a.y) - ns.y) * 0.5f};
      dl->AddText(bold, px, p, sty.text, name.c_str());
      if (sty.ghost) dl->AddLine({p.x, p.y + ns.y * 0.55f}, {p.x + ns.x, p.y + ns.y * 0.55f}, sty.text, 1.0f);
    } else if (drawText) {
      std::string name = db.label;
      float ty = a.y + 2 * z + (M::kRowH * z - textPx) * 0.5f;
      dl->AddText(bold, textPx * 1.08f, {a.x + 5 * z, ty}, sty.text, name.c_str());
      if (sty.ghost) {  // struck through: gone
        ImVec2 ns = bold->CalcTextSizeA(textPx * 1.08f, 1e9f, 0, name.c_str());
        dl->AddLine({a.x + 4 * z, ty + ns.y * 0.55f}, {a.x + 6 * z + ns.x, ty + ns.y * 0.55f}, sty.text,
                    1.0f);
      }
      ImVec2 ws = font->CalcTextSizeA(textPx * 0.85f, 1e9f, 0, sty.word);
      dl->AddText(font, textPx * 0.85f, {b.x - ws.x - 5 * z, ty + textPx * 0.1f}, sty.text, sty.word);
      std::string typeLine = t.name + " · " + std::to_string(t.size) + " B";
      dl->AddText(font, textPx * 0.85f, {a.x + 5 * z, ty + M::kRowH * z}, sty.text, typeLine.c_str());
      if (!sty.ghost) {
        int shown = std::min<int>(int(t.numPtrs), M::kMaxFieldRows);
        for (int i = 0; i < boxFieldRows(t); ++i) {
          std::string label;
          if (i < shown) {
            for (const Field& f : t.fields)
              if (f.pointer && std::uint32_t(i) >= f.firstPtr && std::uint32_t(i) < f.firstPtr + f.count)
                label = f.array ? f.name + "[" + std::to_string(std::uint32_t(i) - f.firstPtr) + "]" : f.name;
          } else {
            label = "+" + std::to_string(t.numPtrs - std::uint32_t(shown)) + " more";
          }
          dl->AddText(font, textPx * 0.9f, {a.x + 8 * z, ty + float(2 + i) * M::kRowH * z}, sty.text,
                      label.c_str());
        }
      }
    }
    // Ports: filled when the field points somewhere (too small to see when zoomed far out).
    if (!sty.ghost && z >= 0.5f) {
      const ObjectId* fields = w.fields(id);
      for (int i = 0; i < boxFieldRows(t); ++i) {
        bool any = false;
        if (i < M::kMaxFieldRows) {
          any = fields[i] != kNil;
        } else {
          for (std::uint32_t k = M::kMaxFieldRows; k < t.numPtrs && !any; ++k) any = fields[k] != kNil;
        }
        ImVec2 p = xf.s(portOf(r, t, std::uint32_t(i)));
        ImU32 pc = c == Colour::Black ? pal.blackText : pal.whiteText;
        if (any)
          dl->AddCircleFilled(p, 3.5f * z, pc, 8);
        else
          dl->AddCircle(p, 3.5f * z, pc, 8, 1.0f);
      }
    }
    if (drawText && std::binary_search(buffered.begin(), buffered.end(), id)) {
      const char* tag = "in wb buffer";
      dl->AddText(font, textPx * 0.8f, {a.x, b.y + 1 * z}, pal.shade, tag);
    }
    if (ImGui::IsMouseHoveringRect(a, b) && canvasHovered) hoverId = id;
  };

  std::vector<ObjectId> ghosts, alive;
  for (ObjectId id : hv.visible) {
    ObjState os = w.objects[id].state;
    (os == ObjState::Freed || os == ObjState::StackDead ? ghosts : alive).push_back(id);
  }

  // --- arrows (under the boxes, except this step's, which go on top)
  struct Hot {
    ImVec2 p0, p1;
    Vec2 dir;
    ImU32 col;
  };
  std::vector<Hot> hot;
  auto hotColour = [&](const Ref& from, ObjectId to) -> ImU32 {
    for (auto& [obj, ref] : marks.shaded)
      if (obj == to && ref == from) return pal.shade;
    for (auto& [obj, ref] : marks.written)
      if (obj == to && ref == from) return pal.write;
    return 0;
  };
  // Whole-pixel widths take ImGui's textured anti-aliasing path: half the triangles.
  const float thin = 1.0f, thick = 3.0f;
  // Many boxes in view: the arrows under them go through our instanced GL
  // too (render/gl/instanced_arrows), enqueued here so the boxes cover them.
  static const bool noInstancing =
      std::getenv("TRICOLOR_GUI_NO_INSTANCING") != nullptr;  // for gui-bench's comparison
  const bool instancing = hv.visible.size() >= kInstancedAbove && !noInstancing;
  // Zoomed so far out that a box is a few pixels (a whole 10^4-object graph):
  // one CPU-drawn texture instead of two triangles per box and per arrow.
  if (instancing && z < kBitmapBelow) {
    if (!hv.bitmap) hv.bitmap = std::make_shared<GraphBitmap>();
    bitmap = hv.bitmap.get();
    bitmap->begin(origin, size);
  }
  InstancedArrows* instArrows = nullptr;
  if (instancing && !bitmap) {
    if (!hv.arrows) hv.arrows = std::make_shared<InstancedArrows>();
    if (hv.arrows->ready()) {
      instArrows = hv.arrows.get();
      instArrows->enqueue(dl);
    }
  }
  hv.arrowsDrawn = 0;
  auto pointer = [&](ImVec2 p0, ImVec2 p1, Vec2 dir, ImU32 col) {
    ++hv.arrowsDrawn;
    if (bitmap) {
      bitmap->line(p0, p1, col);
      return;
    }
    if (!instArrows) {
      arrow(dl, p0, p1, dir, col, thin, z);
      return;
    }
    const ArrowShape a = arrowShape(p0, p1, dir, z);
    instArrows->add(p0, a.c0, a.c1, p1, {dir.x, dir.y}, a.head, thin, col);
  };
  for (const RootRow& r : roots) {
    if (!r.pointer || r.value == 0) continue;
    ObjectId t = ObjectId(r.value);
    if (!visibleObj(t)) continue;
    Vec2 port{r.rect.right() - 8, r.rect.y + M::kRowH * 0.5f};
    Inlet in = inletFor(port, s.layout().rectOf(t));
    ImVec2 p0 = xf.s(port), p1 = xf.s(in.at);
    ImU32 hc = hotColour(r.ref, t);
    if (hc)
      hot.push_back({p0, p1, in.dir, hc});
    else
      pointer(p0, p1, in.dir, w.objects[t].state == ObjState::Freed ? pal.danger : pal.arrow);
  }
  for (ObjectId id : alive) {
    const Object& o = w.objects[id];
    const Type& t = P.types[o.type];
    if (t.numPtrs == 0) continue;
    RectF r = s.layout().rectOf(id);
    const ObjectId* fields = w.fields(id);
    // Fields beyond the drawn rows share one summary port: their arrows would
    // be a fan nobody can follow (and a big table a blur), so they are drawn
    // only for this step's pointer, the selected or the hovered object.
    const std::uint32_t n = std::min<std::uint32_t>(t.numPtrs, 1 << 16);
    for (std::uint32_t i = 0; i < n; ++i) {
      ObjectId tgt = fields[i];
      if (!visibleObj(tgt)) continue;
      ImU32 hc = hotColour(Ref{RefKind::Field, id, i, 0}, tgt);
      if (i >= std::uint32_t(M::kMaxFieldRows) && !hc && tgt != ui.selected && tgt != ui.hovered &&
          id != ui.selected && id != ui.hovered)
        continue;
      RectF tr = s.layout().rectOf(tgt);
      if (!onScreen(r) && !onScreen(tr)) continue;
      Vec2 port = portOf(r, t, i);
      Inlet in = inletFor(port, tr);
      ImVec2 p0 = xf.s(port), p1 = xf.s(in.at);
      if (hc)
        hot.push_back({p0, p1, in.dir, hc});
      else
        pointer(p0, p1, in.dir, w.objects[tgt].state == ObjState::Freed ? pal.danger : pal.arrow);
    }
  }
  hv.arrowsDrawn += hot.size();
  if (instancing && !bitmap) {
    if (!hv.boxes) hv.boxes = std::make_shared<InstancedBoxes>();
    if (hv.boxes->ready()) {
      inst = hv.boxes.get();
      inst->enqueue(dl);
    }
  }
  hv.instanced = inst != nullptr;
  hv.bitmapped = bitmap != nullptr;
  for (ObjectId id : ghosts) drawBox(id);
  for (ObjectId id : alive) drawBox(id);
  if (bitmap) bitmap->draw(dl);
  for (const Hot& h : hot) arrow(dl, h.p0, h.p1, h.dir, h.col, thick, z);

  // --- this step's highlights
  auto outline = [&](ObjectId id, ImU32 col, const char* tag) {
    if (!visibleObj(id)) return;
    RectF r = s.layout().rectOf(id);
    ImVec2 a = xf.s(r.x, r.y), b = xf.s(r.right(), r.bottom());
    float g = 3 * z;
    dl->AddRect({a.x - g, a.y - g}, {b.x + g, b.y + g}, col, 4 * z, 0, 3.0f);
    if (drawText && tag) {
      // Inside the header, over the colour word: the tag says what just
      // happened, and the gap between boxes is too small to hold it.
      // Readable even zoomed out: what just happened is the point of the step.
      const float fs = std::min(std::max(textPx * 0.9f, 11.0f), (b.x - a.x) / 6.0f);
      ImVec2 ts = bold->CalcTextSizeA(fs, 1e9f, 0, tag);
      ImVec2 p{b.x - ts.x - 4, a.y + 2};
      dl->AddRectFilled({p.x - 3, a.y}, {b.x, a.y + ts.y + 4}, col, 3 * z);
      dl->AddText(bold, fs, p, IM_COL32(0, 0, 0, 255), tag);
    }
  };
  for (ObjectId id : marks.allocated)
    outline(id, pal.alloc, st.gc.phase == Phase::Mark ? "new (black)" : "new");
  for (auto& [id, ref] : marks.shaded) outline(id, pal.shade, "shaded");
  for (auto& [id, ref] : marks.written)
    if (!marks.has(marks.allocated, id)) outline(id, pal.write, "pointer written");
  if (marks.scanning) outline(marks.scanning, pal.scan, "scanning");
  for (ObjectId id : marks.freed) outline(id, pal.danger, "freed");
  for (ObjectId id : marks.dangling) outline(id, pal.danger, "DANGLING");
  // Grey queue positions, on top of the highlights: 1 is scanned next.
  if (drawText) {
    for (const auto& [id, pos] : queuePos) {
      if (!visibleObj(id)) continue;
      RectF r = s.layout().rectOf(id);
      if (!onScreen(r)) continue;
      ImVec2 c = xf.s(r.x, r.y);
      float rad = std::max(9.5f * z, 9.0f);
      dl->AddCircleFilled(c, rad, pos == 1 ? pal.scan : pal.rootsBg, 16);
      dl->AddCircle(c, rad, pal.greyBorder, 16, 1.0f);
      std::string n = std::to_string(pos);
      const float fs = std::max(textPx * 0.9f, 11.0f);
      ImVec2 ns = bold->CalcTextSizeA(fs, 1e9f, 0, n.c_str());
      dl->AddText(bold, fs, {c.x - ns.x / 2, c.y - ns.y / 2}, pos == 1 ? IM_COL32(0, 0, 0, 255) : pal.text,
                  n.c_str());
    }
  }
  if (ui.selected && visibleObj(ui.selected)) {
    RectF r = s.layout().rectOf(ui.selected);
    ImVec2 a = xf.s(r.x, r.y), b = xf.s(r.right(), r.bottom());
    float g = 6 * z;
    dl->AddRect({a.x - g, a.y - g}, {b.x + g, b.y + g}, pal.select, 5 * z, 0, 3.0f);
  }
  if (ui.hovered && ui.hovered != ui.selected && visibleObj(ui.hovered)) {
    RectF r = s.layout().rectOf(ui.hovered);
    float g = 6 * z;
    dl->AddRect({xf.s(r.x, r.y).x - g, xf.s(r.x, r.y).y - g},
                {xf.s(r.right(), r.bottom()).x + g, xf.s(r.right(), r.bottom()).y + g},
                IM_COL32(240, 228, 66, 140), 5 * z, 0, 2.0f);
  }

  // --- legend (bottom-left): the colours and their second cues
  {
    const float lh = v.theme.fontSize * 1.25f;
    ImVec2 p{origin.x + 8, origin.y + size.y - lh - 6};
    struct Item {
      const char* word;
      Colour c;
    } items[] = {{"white", Colour::White},
                 {"grey", Colour::Grey},
                 {"black", Colour::Black},
                 {"freed", Colour::Free},
                 {"stack", Colour::Stack}};
    const float fs = v.theme.fontSize * 0.9f;
    float x = p.x;
    ImVec2 bgEnd{p.x + 8, p.y + lh};
    for (const Item& it : items) bgEnd.x += lh * 1.4f + font->CalcTextSizeA(fs, 1e9f, 0, it.word).x + 12;
    dl->AddRectFilled({p.x - 4, p.y - 4}, {bgEnd.x, bgEnd.y + 4}, IM_COL32(20, 24, 30, 220), 4);
    for (const Item& it : items) {
      Style sty = styleOf(pal, it.c);
      ImVec2 a{x, p.y + 2}, b{x + lh * 1.2f, p.y + lh - 2};
      if (sty.ghost) {
        dashedRect(dl, a, b, sty.border, 1.0f, 4.0f);
      } else {
        dl->AddRectFilled(a, b, sty.fill, 2);
        if (sty.dashed)
          dashedRect(dl, a, b, sty.border, 2, 4);
        else
          dl->AddRect(a, b, sty.border, 2, 0, it.c == Colour::Black ? 2.0f : 1.0f);
      }
      ImVec2 ts = font->CalcTextSizeA(fs, 1e9f, 0, it.word);
      dl->AddText(font, fs, {b.x + 4, p.y + (lh - ts.y) / 2}, pal.text, it.word);
      if (ImGui::IsMouseHoveringRect(a, {b.x + 4 + ts.x, b.y})) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        ImGui::TextUnformatted(explain(it.word));
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
      x = b.x + 4 + ts.x + 12;
    }
  }
  // Objects the view cannot show: one short line each, top-right.
  {
    int outside = 0;
    for (const DrawnBox& d : ui.drawn) outside += d.clipped;
    std::vector<std::string> notes;
    if (outside)
      notes.push_back(std::to_string(outside) + " object(s) outside the view: F fits, the wheel zooms");
    if (s.layout().unplaced())
      notes.push_back(std::to_string(s.layout().unplaced()) + " objects not drawn (the graph holds " +
                      std::to_string(HeapLayout::kMaxPlaced) + "): see the memory panel");
    float y = origin.y + 6;
    for (const std::string& note : notes) {
      ImVec2 ts = ImGui::CalcTextSize(note.c_str());
      ImVec2 p{std::max(origin.x + 6, origin.x + size.x - ts.x - 10), y};
      dl->AddRectFilled({p.x - 4, p.y - 2}, {p.x + ts.x + 4, p.y + ts.y + 2}, IM_COL32(20, 24, 30, 220), 3);
      dl->AddText(p, pal.scan, note.c_str());
      y += ts.y + 6;
    }
    if (hv.visible.empty() && roots.empty()) {
      const char* empty = "No objects yet: step the program (Right arrow) to allocate some.";
      ImVec2 ts = ImGui::CalcTextSize(empty);
      dl->AddText({origin.x + (size.x - ts.x) / 2, origin.y + size.y / 2}, pal.textDim, empty);
    }
  }
  dl->Flags = savedFlags;
  dl->PopClipRect();

  // --- input: hover, select, drag objects, pan, zoom
  ImGuiIO& io = ImGui::GetIO();
  if (hoverId && !hv.dragging && !hv.panning) {
    ui.hovered = hoverId;
    ImGui::BeginTooltip();
    const Object& o = w.objects[hoverId];
    ImGui::Text("%s: %s, %u B", sim.objectName(hoverId).c_str(), P.types[o.type].name.c_str(),
                P.types[o.type].size);
    const char* word = colourWord(sim, hoverId);
    ImGui::TextUnformatted(explain(word));
    auto q = queuePos.find(hoverId);
    if (q != queuePos.end()) ImGui::Text("Grey queue position %d (1 = scanned next).", q->second);
    ImGui::TextDisabled("Click to inspect, drag to move.");
    ImGui::EndTooltip();
  }
  if (canvasHovered && io.MouseWheel != 0) {
    Vec2 before = xf.g(io.MousePos);
    hv.zoom = std::clamp(hv.zoom * std::pow(1.15f, io.MouseWheel), kMinZoom, 4.0f * v.theme.fontSize / 15.0f);
    hv.pan = {before.x - (io.MousePos.x - origin.x) / hv.zoom,
              before.y - (io.MousePos.y - origin.y) / hv.zoom};
  }
  if (canvasActivated && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    if (hoverId) {
      hv.dragging = hoverId;
      RectF r = s.layout().rectOf(hoverId);
      Vec2 g = xf.g(io.MousePos);
      hv.dragGrab = {g.x - r.x, g.y - r.y};
      v.out.push_back(Command{Command::Kind::Select, 0, hoverId});
    } else {
      hv.panning = true;
      v.out.push_back(Command{Command::Kind::Select, 0, kNil});
    }
  }
  if (canvasActive) {
    if (hv.dragging && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3)) {
      Vec2 g = xf.g(io.MousePos);
      Command c{Command::Kind::DragObject, 0, hv.dragging};
      c.pos = {g.x - hv.dragGrab.x, g.y - hv.dragGrab.y};
      v.out.push_back(c);
    } else if (!canvasActivated && (hv.panning || ImGui::IsMouseDragging(ImGuiMouseButton_Right) ||
                                    ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
      hv.pan.x -= io.MouseDelta.x / hv.zoom;
      hv.pan.y -= io.MouseDelta.y / hv.zoom;
    }
  } else {
    hv.dragging = kNil;
    hv.panning = false;
  }
  ImGui::End();
}

}  // namespace tricolor::render
