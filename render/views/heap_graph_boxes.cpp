// The heap graph's boxes: one per object drawn at this step, its fill and
// frame saying its colour (white solid, grey dashed, black filled and
// heavy, freed a hollow dashed ghost, stack objects blue), then as much text
// as the zoom allows (graph_labels.hpp): the name, the colour word, the type
// and one row per pointer field with its port (filled when it points
// somewhere); zoomed out, the name alone, as large as the box holds. Every
// box is recorded in ui.drawn (window pixels) for --dump-layout and the
// tests; boxes outside the canvas are recorded as clipped and not drawn.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "render/views/heap_graph.hpp"

namespace tricolor::render::heapgraph {

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

BoxPaint boxPaint(ImVec2 a, ImVec2 b, const Style& sty, Colour c, float round, float dash) {
  BoxPaint p;
  p.a = a;
  p.b = b;
  p.fill = sty.fill;
  p.border = sty.border;
  p.frame = sty.ghost    ? BoxPaint::Frame::Ghost
            : sty.dashed ? BoxPaint::Frame::Dashed
                         : BoxPaint::Frame::Solid;
  p.framePx = c == Colour::Black ? 2.0f : 1.0f;
  p.round = round;
  p.dash = dash;
  return p;
}

namespace {

// Zoomed out: the small print would be unreadable, so the box shows its
// name alone, as large as it fits (the fill and frame still say the colour).
// Returns the name's size in pixels.
float nameAlone(Frame& f, ImVec2 a, ImVec2 b, const Style& sty, const std::string& name) {
  const float z = f.z();
  float px = nameOnlyPx(z, b.y - a.y);
  ImVec2 ns = f.bold->CalcTextSizeA(px, 1e9f, 0, name.c_str());
  if (ns.x > (b.x - a.x) - 6 * z) {
    px *= ((b.x - a.x) - 6 * z) / ns.x;
    ns = f.bold->CalcTextSizeA(px, 1e9f, 0, name.c_str());
  }
  ImVec2 p{a.x + ((b.x - a.x) - ns.x) * 0.5f, a.y + ((b.y - a.y) - ns.y) * 0.5f};
  f.paint.text(f.bold, px, p, sty.text, name.c_str());
  if (sty.ghost) f.paint.line({p.x, p.y + ns.y * 0.55f}, {p.x + ns.x, p.y + ns.y * 0.55f}, sty.text, 1.0f);
  return px;
}

// The name and colour word, the type line, and the pointer fields' names.
void boxText(Frame& f, ImVec2 a, ImVec2 b, const Style& sty, const std::string& name, const Type& t) {
  const float z = f.z();
  const GraphLabels& l = f.labels;
  float ty = a.y + 2 * z + (M::kRowH * z - l.body) * 0.5f;
  f.paint.text(f.bold, l.name, {a.x + 5 * z, ty}, sty.text, name.c_str());
  if (sty.ghost) {  // struck through: gone
    ImVec2 ns = f.bold->CalcTextSizeA(l.name, 1e9f, 0, name.c_str());
    f.paint.line({a.x + 4 * z, ty + ns.y * 0.55f}, {a.x + 6 * z + ns.x, ty + ns.y * 0.55f}, sty.text, 1.0f);
  }
  ImVec2 ws = f.font->CalcTextSizeA(l.word, 1e9f, 0, sty.word);
  f.paint.text(f.font, l.word, {b.x - ws.x - 5 * z, ty + l.body * 0.1f}, sty.text, sty.word);
  std::string typeLine = t.name + " · " + std::to_string(t.size) + " B";
  f.paint.text(f.font, l.word, {a.x + 5 * z, ty + M::kRowH * z}, sty.text, typeLine.c_str());
  if (sty.ghost) return;
  for (int i = 0; i < boxFieldRows(t); ++i)
    f.paint.text(f.font, l.field, {a.x + 8 * z, ty + float(2 + i) * M::kRowH * z}, sty.text,
                 fieldRowLabel(t, i).c_str());
}

// Ports: filled when the field points somewhere (too small to see when zoomed far out).
void ports(Frame& f, ObjectId id, const RectF& r, const Type& t, Colour c) {
  const float z = f.z();
  const ObjectId* fields = f.w.fields(id);
  for (int i = 0; i < boxFieldRows(t); ++i) {
    bool any = false;
    if (i < M::kMaxFieldRows) {
      any = fields[i] != kNil;
    } else {
      for (std::uint32_t k = M::kMaxFieldRows; k < t.numPtrs && !any; ++k) any = fields[k] != kNil;
    }
    ImVec2 p = f.xf.s(portAt(r, t, std::uint32_t(i)));
    ImU32 pc = c == Colour::Black ? f.pal.blackText : f.pal.whiteText;
    if (any)
      f.paint.dot(p, 3.5f * z, pc, 8);
    else
      f.paint.ring(p, 3.5f * z, pc, 8, 1.0f);
  }
}

void drawBox(Frame& f, ObjectId id) {
  UiState& ui = f.v.ui;
  const float z = f.z();
  const Object& o = f.w.objects[id];
  RectF r = f.s.layout().rectOf(id);
  Colour c = colourOf(f.w, f.st.heap, id);
  Style sty = styleOf(f.pal, c);
  if (o.state == ObjState::StackDead) sty.word = "frame gone";  // not swept: its function returned
  ImVec2 a = f.xf.s(r.x, r.y), b = f.xf.s(r.right(), r.bottom());
  const ImVec2 end = f.canvas.end();
  DrawnBox db;
  db.id = id;
  db.label = f.sim.objectName(id);
  db.colour = sty.word;
  db.fill = sty.fill;
  db.rect = {a.x, a.y, b.x - a.x, b.y - a.y};
  db.clipped = a.x < f.canvas.origin.x || a.y < f.canvas.origin.y || b.x > end.x || b.y > end.y;
  if (!f.onScreen(r)) {
    db.clipped = true;
    ui.drawn.push_back(std::move(db));
    return;
  }
  ui.drawn.push_back(db);
  const std::size_t drawnAt = ui.drawn.size() - 1;
  BoxPaint bp =
      boxPaint(a, b, sty, c, z >= 0.6f ? 3 * z : 0, std::max(6 * z, 7.0f));  // corners cost vertices
  // A box a few pixels across is all frame: a black box would show only its
  // light frame. Then the fill alone says the colour (white, mid grey, black).
  bp.tiny = b.x - a.x < 10 || b.y - a.y < 6;
  f.paint.box(bp);
  const Type& t = f.P.types[o.type];
  if (f.labels.text && f.labels.nameOnly) {
    ui.drawn[drawnAt].labelPx = nameAlone(f, a, b, sty, db.label);
  } else if (f.labels.text) {
    boxText(f, a, b, sty, db.label, t);
    ui.drawn[drawnAt].labelPx = f.labels.name;
  }
  if (!sty.ghost && z >= 0.5f) ports(f, id, r, t, c);
  if (f.labels.text && std::binary_search(f.buffered.begin(), f.buffered.end(), id))
    f.paint.text(f.font, f.labels.note, {a.x, b.y + 1 * z}, f.pal.shade, "in wb buffer");
  if (ImGui::IsMouseHoveringRect(a, b) && f.canvas.hovered) f.hoverId = id;
}

}  // namespace

void drawBoxes(Frame& f, const std::vector<ObjectId>& ghosts, const std::vector<ObjectId>& alive) {
  for (ObjectId id : ghosts) drawBox(f, id);
  for (ObjectId id : alive) drawBox(f, id);
}

}  // namespace tricolor::render::heapgraph
