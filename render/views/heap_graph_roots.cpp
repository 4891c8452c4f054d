// The heap graph's roots column: the globals, then each goroutine with its
// frames and their pointer slots, each slot with a port its arrow leaves
// from (filled, or hollow and "nil"). While marking, a goroutine says
// whether its stack has been scanned this cycle (black: scanned, dashed
// grey: not yet) or has no roots (created during the cycle). Root names
// stay readable zoomed out, as large as their rows allow.
#include <imgui.h>

#include "render/views/heap_graph.hpp"

namespace tricolor::render::heapgraph {

namespace {

// "scanned" / "not scanned" / "new: no roots" at the right of a goroutine's row.
void stackScanTag(Frame& f, const RootRow& r, float baseY) {
  const float z = f.z();
  const float px = f.labels.rootTag;
  const Goroutine& g = f.w.g(r.g);
  bool scanned = g.scannedCycle == f.st.gc.cycle;
  const char* tag = !g.inRootSnapshot ? "new: no roots" : scanned ? "scanned" : "not scanned";
  ImVec2 ts = f.font->CalcTextSizeA(px, 1e9f, 0, tag);
  ImVec2 p{f.xf.s(r.rect.right(), 0).x - ts.x - 6 * z, baseY + f.labels.root * 0.05f};
  ImU32 fill = scanned ? f.pal.black : f.pal.grey;
  ImU32 txt = scanned ? f.pal.blackText : f.pal.greyText;
  const ImVec2 a{p.x - 3 * z, p.y - 1 * z}, b{p.x + ts.x + 3 * z, p.y + ts.y + 1 * z};
  f.paint.fillRect(a, b, fill, 3 * z);
  if (!scanned)
    f.paint.dashedRect(a, b, f.pal.greyBorder, 1, 3 * z);
  else
    f.paint.frameRect(a, b, f.pal.blackBorder, 3 * z, 1.0f);
  f.paint.text(f.font, px, p, txt, tag);
}

}  // namespace

void drawRoots(Frame& f) {
  const Palette& pal = f.pal;
  const Transform& xf = f.xf;
  const float z = f.z();
  const bool text = f.labels.text;
  if (!f.roots.empty()) {
    RectF all = f.roots.front().rect;
    for (const RootRow& r : f.roots) all = all.united(r.rect);
    f.paint.fillRect(xf.s(all.x - 4, all.y - 4), xf.s(all.right() + 4, all.bottom() + 4), pal.rootsBg, 4 * z);
  }
  const bool marking = f.st.gc.phase == Phase::Mark || f.st.gc.phase == Phase::MarkTermination;
  const float px = f.labels.root;
  for (const RootRow& r : f.roots) {
    ImVec2 a = xf.s(r.rect.x, r.rect.y);
    const float baseY = a.y + (M::kRowH * z - px) * 0.5f;
    switch (r.kind) {
      case RootRow::Kind::GlobalsHeader:
        if (text) f.paint.text(f.bold, px, {a.x + 2 * z, baseY}, pal.rootsHeader, "globals");
        break;
      case RootRow::Kind::GoroutineHeader:
        if (text) f.paint.text(f.bold, px, {a.x + 2 * z, baseY}, pal.rootsHeader, r.text.c_str());
        if (marking && text) stackScanTag(f, r, baseY);
        break;
      case RootRow::Kind::Frame:
        if (text) f.paint.text(f.font, px, {a.x + 8 * z, baseY}, pal.textDim, r.text.c_str());
        break;
      case RootRow::Kind::Global:
      case RootRow::Kind::Slot: {
        float indent = r.kind == RootRow::Kind::Slot ? 18 : 8;
        if (text) f.paint.text(f.font, px, {a.x + indent * z, baseY}, pal.text, r.text.c_str());
        ImVec2 port = xf.s(rootPort(r));
        if (ObjectId(r.value) == kNil) {
          f.paint.ring(port, 3.5f * z, pal.arrowNil, 8, 1.0f);
          if (text) f.paint.text(f.font, f.labels.nil, {port.x - 30 * z, baseY}, pal.arrowNil, "nil");
        } else {
          f.paint.dot(port, 3.5f * z, pal.arrow, 10);
        }
        break;
      }
    }
  }
}

}  // namespace tricolor::render::heapgraph
