// What the heap graph draws over its boxes: this step's highlights (an
// outline in the event's colour and a tag - "scanning", "shaded", "new",
// "pointer written", "freed", "DANGLING" - in the box's header), the grey
// queue's positions (1 = scanned next), the selection and the hover, the
// legend of colours and their second cues (bottom-left, a tooltip per
// term), and the banners: objects outside the view or not placed, an
// empty graph.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "render/views/heap_graph.hpp"

namespace tricolor::render::heapgraph {

namespace {

void outline(Frame& f, ObjectId id, ImU32 col, const char* tag) {
  if (!f.visible(id)) return;
  const float z = f.z();
  RectF r = f.s.layout().rectOf(id);
  ImVec2 a = f.xf.s(r.x, r.y), b = f.xf.s(r.right(), r.bottom());
  float g = 3 * z;
  f.paint.frameRect({a.x - g, a.y - g}, {b.x + g, b.y + g}, col, 4 * z, 3.0f);
  if (f.labels.text && tag) {
    // Inside the header, over the colour word: the tag says what just
    // happened, and the gap between boxes is too small to hold it.
    // Readable even zoomed out: what just happened is the point of the step.
    const float fs = f.labels.highlightTag(b.x - a.x);
    ImVec2 ts = f.bold->CalcTextSizeA(fs, 1e9f, 0, tag);
    ImVec2 p{b.x - ts.x - 4, a.y + 2};
    f.paint.fillRect({p.x - 3, a.y}, {b.x, a.y + ts.y + 4}, col, 3 * z);
    f.paint.text(f.bold, fs, p, IM_COL32(0, 0, 0, 255), tag);
  }
}

// Grey queue positions, on top of the highlights: 1 is scanned next.
void queueNumbers(Frame& f) {
  const float z = f.z();
  for (const auto& [id, pos] : f.queuePos) {
    if (!f.visible(id)) continue;
    RectF r = f.s.layout().rectOf(id);
    if (!f.onScreen(r)) continue;
    ImVec2 c = f.xf.s(r.x, r.y);
    float rad = std::max(9.5f * z, 9.0f);
    f.paint.dot(c, rad, pos == 1 ? f.pal.scan : f.pal.rootsBg, 16);
    f.paint.ring(c, rad, f.pal.greyBorder, 16, 1.0f);
    std::string n = std::to_string(pos);
    const float fs = f.labels.queue;
    ImVec2 ns = f.bold->CalcTextSizeA(fs, 1e9f, 0, n.c_str());
    f.paint.text(f.bold, fs, {c.x - ns.x / 2, c.y - ns.y / 2}, pos == 1 ? IM_COL32(0, 0, 0, 255) : f.pal.text,
                 n.c_str());
  }
}

// A frame around the selected or hovered box, a little outside the highlights.
void ring(Frame& f, ObjectId id, ImU32 col, float thick) {
  const float z = f.z();
  RectF r = f.s.layout().rectOf(id);
  ImVec2 a = f.xf.s(r.x, r.y), b = f.xf.s(r.right(), r.bottom());
  float g = 6 * z;
  f.paint.frameRect({a.x - g, a.y - g}, {b.x + g, b.y + g}, col, 5 * z, thick);
}

}  // namespace

void drawHighlights(Frame& f) {
  const StepMarks& marks = f.marks;
  const Palette& pal = f.pal;
  const UiState& ui = f.v.ui;
  for (ObjectId id : marks.allocated)
    outline(f, id, pal.alloc, f.st.gc.phase == Phase::Mark ? "new (black)" : "new");
  for (auto& [id, ref] : marks.shaded) outline(f, id, pal.shade, "shaded");
  for (auto& [id, ref] : marks.written)
    if (!marks.has(marks.allocated, id)) outline(f, id, pal.write, "pointer written");
  if (marks.scanning) outline(f, marks.scanning, pal.scan, "scanning");
  for (ObjectId id : marks.freed) outline(f, id, pal.danger, "freed");
  for (ObjectId id : marks.dangling) outline(f, id, pal.danger, "DANGLING");
  if (f.labels.text) queueNumbers(f);
  if (ui.selected && f.visible(ui.selected)) ring(f, ui.selected, pal.select, 3.0f);
  if (ui.hovered && ui.hovered != ui.selected && f.visible(ui.hovered))
    ring(f, ui.hovered, IM_COL32(240, 228, 66, 140), 2.0f);
}

// The colours and their second cues, bottom-left; hover a term for its meaning.
void drawLegend(Frame& f) {
  const Palette& pal = f.pal;
  ImFont* font = f.font;
  const Theme& theme = f.v.theme;
  const float lh = theme.fontSize * 1.25f;
  ImVec2 p{f.canvas.origin.x + 8, f.canvas.origin.y + f.canvas.size.y - lh - 6};
  const Colour items[] = {Colour::White, Colour::Grey, Colour::Black, Colour::Free, Colour::Stack};
  const float fs = theme.fontSize * 0.9f;
  float x = p.x;
  ImVec2 bgEnd{p.x + 8, p.y + lh};
  for (Colour c : items) bgEnd.x += lh * 1.4f + font->CalcTextSizeA(fs, 1e9f, 0, styleOf(pal, c).word).x + 12;
  f.paint.fillRect({p.x - 4, p.y - 4}, {bgEnd.x, bgEnd.y + 4}, IM_COL32(20, 24, 30, 220), 4);
  f.v.ui.heap.legend = {p.x - 4, p.y - 4, bgEnd.x - (p.x - 4), bgEnd.y + 4 - (p.y - 4)};
  for (Colour c : items) {
    Style sty = styleOf(pal, c);
    ImVec2 a{x, p.y + 2}, b{x + lh * 1.2f, p.y + lh - 2};
    f.paint.boxOnTop(boxPaint(a, b, sty, c, 2, 4));
    ImVec2 ts = font->CalcTextSizeA(fs, 1e9f, 0, sty.word);
    f.paint.text(font, fs, {b.x + 4, p.y + (lh - ts.y) / 2}, pal.text, sty.word);
    if (ImGui::IsMouseHoveringRect(a, {b.x + 4 + ts.x, b.y})) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
      ImGui::TextUnformatted(explain(sty.word));
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    x = b.x + 4 + ts.x + 12;
  }
}

// Objects the view cannot show: one short line each, top-right.
void drawNotes(Frame& f) {
  const UiState& ui = f.v.ui;
  const ImVec2 origin = f.canvas.origin, size = f.canvas.size;
  int outside = 0;
  for (const DrawnBox& d : ui.drawn) outside += d.clipped;
  std::vector<std::string> notes;
  if (outside)
    notes.push_back(std::to_string(outside) + " object(s) outside the view: F fits, the wheel zooms");
  if (f.s.layout().unplaced())
    notes.push_back(std::to_string(f.s.layout().unplaced()) + " objects not drawn (the graph holds " +
                    std::to_string(HeapLayout::kMaxPlaced) + "): see the memory panel");
  float y = origin.y + 6;
  for (const std::string& note : notes) {
    ImVec2 ts = ImGui::CalcTextSize(note.c_str());
    ImVec2 p{std::max(origin.x + 6, origin.x + size.x - ts.x - 10), y};
    f.paint.fillRect({p.x - 4, p.y - 2}, {p.x + ts.x + 4, p.y + ts.y + 2}, IM_COL32(20, 24, 30, 220), 3);
    f.paint.text(p, f.pal.scan, note.c_str());
    y += ts.y + 6;
  }
  if (f.v.ui.heap.visible.empty() && f.roots.empty()) {
    const char* empty = "No objects yet: step the program (Right arrow) to allocate some.";
    ImVec2 ts = ImGui::CalcTextSize(empty);
    f.paint.text({origin.x + (size.x - ts.x) / 2, origin.y + size.y / 2}, f.pal.textDim, empty);
  }
}

}  // namespace tricolor::render::heapgraph
