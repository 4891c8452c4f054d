#include "render/views/heap_graph_painter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "render/views/views.hpp"

namespace tricolor::render {

namespace {

ImVec2 im(Vec2 p) { return {p.x, p.y}; }

// Many boxes in view: fills and solid frames in one instanced draw, and the
// arrows under them in another (render/gl), each falling back to the draw
// list if GL refused its shader.
class InstancedPainter : public GraphPainter {
 public:
  InstancedPainter(ImDrawList* dl, InstancedArrows* arrows, InstancedBoxes* boxes)
      : GraphPainter(dl), arrows_(arrows), boxes_(boxes) {}
  void beginArrows() override {
    if (arrows_) arrows_->enqueue(dl_);
  }
  void arrow(const ArrowPath& a, ImU32 colour) override {
    if (!arrows_) return GraphPainter::arrow(a, colour);
    arrows_->add(im(a.from), im(a.c0), im(a.c1), im(a.tip), im(a.dir), a.head, kThin, colour);
  }
  void beginBoxes() override {
    if (boxes_) boxes_->enqueue(dl_);
  }
  void box(const BoxPaint& b) override {
    if (!boxes_ || b.frame == BoxPaint::Frame::Ghost) return boxOnTop(b);
    const bool dashed = b.frame == BoxPaint::Frame::Dashed;
    boxes_->add(b.a, b.b, b.fill, dashed ? b.fill : b.border, dashed || b.tiny ? 0.0f : b.framePx);
    if (dashed && !b.tiny) dashedRect(b.a, b.b, b.border, 2.0f, b.dash);
  }
  bool instanced() const override { return boxes_ != nullptr; }

 private:
  InstancedArrows* arrows_;
  InstancedBoxes* boxes_;
};

// Zoomed far out: pixels written by the CPU (render/gl/graph_bitmap), shown
// as one texture once the boxes are in.
class BitmapPainter : public GraphPainter {
 public:
  BitmapPainter(ImDrawList* dl, GraphBitmap* bitmap, ImVec2 origin, ImVec2 size)
      : GraphPainter(dl), bitmap_(bitmap) {
    bitmap_->begin(origin, size);
  }
  void arrow(const ArrowPath& a, ImU32 colour) override { bitmap_->line(im(a.from), im(a.tip), colour); }
  void box(const BoxPaint& b) override {
    if (b.frame == BoxPaint::Frame::Ghost) return bitmap_->dashedBox(b.a, b.b, b.border, 1);
    const bool dashed = b.frame == BoxPaint::Frame::Dashed;
    bitmap_->box(b.a, b.b, b.fill, dashed ? b.fill : b.border, dashed || b.tiny ? 0 : int(b.framePx));
    if (dashed && !b.tiny) bitmap_->dashedBox(b.a, b.b, b.border, 1);
  }
  void endBoxes() override { bitmap_->draw(dl_); }
  bool bitmapped() const override { return true; }

 private:
  GraphBitmap* bitmap_;
};

}  // namespace

// Dashes keep a fixed length on screen, so a zoomed-out graph does not pay
// for hundreds of tiny dashes per box.
void GraphPainter::dashedRect(ImVec2 a, ImVec2 b, ImU32 col, float thick, float dash) {
  dash = std::max(dash, 5.0f);
  auto side = [&](ImVec2 p, ImVec2 q) {
    float len = std::hypot(q.x - p.x, q.y - p.y);
    if (len <= 0) return;
    ImVec2 d{(q.x - p.x) / len, (q.y - p.y) / len};
    for (float t = 0; t < len; t += dash * 1.7f) {
      float e = std::min(t + dash, len);
      dl_->AddLine({p.x + d.x * t, p.y + d.y * t}, {p.x + d.x * e, p.y + d.y * e}, col, thick);
    }
  };
  side(a, {b.x, a.y});
  side({b.x, a.y}, b);
  side(b, {a.x, b.y});
  side({a.x, b.y}, a);
}

void GraphPainter::curve(const ArrowPath& a, ImU32 colour, float thick) {
  dl_->AddBezierCubic(im(a.from), im(a.c0), im(a.c1), im(a.curveEnd()), colour, thick, a.segments());
  Vec2 tip, left, right;
  a.headCorners(tip, left, right);
  dl_->AddTriangleFilled(im(tip), im(left), im(right), colour);
}

void GraphPainter::arrow(const ArrowPath& a, ImU32 colour) { curve(a, colour, kThin); }

void GraphPainter::boxOnTop(const BoxPaint& b) {
  if (b.frame == BoxPaint::Frame::Ghost) return dashedRect(b.a, b.b, b.border, 1.0f, 4.0f);
  dl_->AddRectFilled(b.a, b.b, b.fill, b.round);
  if (b.frame == BoxPaint::Frame::Dashed)
    dashedRect(b.a, b.b, b.border, 2.0f, b.dash);
  else
    dl_->AddRect(b.a, b.b, b.border, b.round, 0, b.framePx);
}

std::unique_ptr<GraphPainter> choosePainter(HeapViewState& hv, ImDrawList* dl, ImVec2 origin, ImVec2 size,
                                            std::size_t boxes, float zoom) {
  static const bool noInstancing =
      std::getenv("TRICOLOR_GUI_NO_INSTANCING") != nullptr;  // for gui-bench's comparison
  if (boxes < kInstancedAbove || noInstancing) return std::make_unique<GraphPainter>(dl);
  // Zoomed so far out that a box is a few pixels (a whole 10^4-object graph):
  // one CPU-drawn texture instead of two triangles per box and per arrow.
  if (zoom < kBitmapBelow) {
    if (!hv.bitmap) hv.bitmap = std::make_shared<GraphBitmap>();
    return std::make_unique<BitmapPainter>(dl, hv.bitmap.get(), origin, size);
  }
  if (!hv.arrows) hv.arrows = std::make_shared<InstancedArrows>();
  if (!hv.boxes) hv.boxes = std::make_shared<InstancedBoxes>();
  return std::make_unique<InstancedPainter>(dl, hv.arrows->ready() ? hv.arrows.get() : nullptr,
                                            hv.boxes->ready() ? hv.boxes.get() : nullptr);
}

}  // namespace tricolor::render
