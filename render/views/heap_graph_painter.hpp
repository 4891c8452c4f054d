// How the heap graph reaches the screen. The drawing code (roots, boxes,
// arrows, overlays, the aggregated view) says what to draw - a box with
// this fill and frame, a pointer along this path, a name here - and one
// painter, chosen once per frame (choosePainter), decides how:
//  - GraphPainter itself: ImGui's draw list. Small graphs, and in every
//    mode what goes on top: text, ports, highlights, this step's arrows.
//  - InstancedPainter (kInstancedAbove = 256 boxes or more at the step): box
//    fills and frames and the arrows under them through our instanced GL
//    (render/gl), one draw call for all of each.
//  - BitmapPainter (as many boxes, zoomed out below kBitmapBelow = 12 %: a box under 12 px wide): box
//    fills and frames and 1-px straight arrows written by the CPU into one
//    panel-sized texture (render/gl/graph_bitmap), drawn as one quad.
// The order of a frame: arrows (beginArrows, arrow...), boxes (beginBoxes,
// box..., endBoxes), then everything on top.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <memory>

#include "render/layout/graph_arrows.hpp"

namespace tricolor::render {

class GraphBitmap;
class InstancedArrows;
class InstancedBoxes;
struct HeapViewState;

// A box's fill and frame, in window pixels.
struct BoxPaint {
  enum class Frame : unsigned char {
    Solid,   // framePx thick (black boxes 2, others 1)
    Dashed,  // grey: 2 px dashes `dash` long
    Ghost,   // freed: a thin dashed outline, no fill
  };
  ImVec2 a, b;
  ImU32 fill = 0, border = 0;
  Frame frame = Frame::Solid;
  float framePx = 1;
  float round = 0;    // corner radius (the draw list only: corners cost vertices)
  float dash = 7;     // a dashed frame's dash length, pixels
  bool tiny = false;  // a few pixels across: all frame, so the GL back ends draw the fill alone
};

class GraphPainter {
 public:
  explicit GraphPainter(ImDrawList* dl) : dl_(dl) {}
  GraphPainter(const GraphPainter&) = delete;
  GraphPainter& operator=(const GraphPainter&) = delete;
  virtual ~GraphPainter() = default;

  // --- the bulk of the graph, where the back ends differ
  // The pointers under the boxes (all but this step's): after beginArrows().
  virtual void beginArrows() {}
  virtual void arrow(const ArrowPath& path, ImU32 colour);
  // Box fills and frames: after beginBoxes(); endBoxes() before anything on top.
  virtual void beginBoxes() {}
  virtual void box(const BoxPaint& b) { boxOnTop(b); }
  virtual void endBoxes() {}
  virtual bool instanced() const { return false; }  // boxes through instanced GL this frame
  virtual bool bitmapped() const { return false; }  // boxes and arrows in the CPU bitmap this frame

  // --- on top, the same in every back end
  void hotArrow(const ArrowPath& path, ImU32 colour) { curve(path, colour, 3.0f); }  // this step's
  void boxOnTop(const BoxPaint& b);  // the legend's swatches, the aggregated view's bars and boxes
  void text(ImFont* font, float px, ImVec2 at, ImU32 colour, const char* s) {
    dl_->AddText(font, px, at, colour, s);
  }
  void text(ImVec2 at, ImU32 colour, const char* s) { dl_->AddText(at, colour, s); }  // the UI font
  void fillRect(ImVec2 a, ImVec2 b, ImU32 colour, float round = 0) {
    dl_->AddRectFilled(a, b, colour, round);
  }
  void frameRect(ImVec2 a, ImVec2 b, ImU32 colour, float round, float thick) {
    dl_->AddRect(a, b, colour, round, 0, thick);
  }
  void dashedRect(ImVec2 a, ImVec2 b, ImU32 colour, float thick, float dash);
  void line(ImVec2 a, ImVec2 b, ImU32 colour, float thick) { dl_->AddLine(a, b, colour, thick); }
  void dot(ImVec2 c, float r, ImU32 colour, int segments) { dl_->AddCircleFilled(c, r, colour, segments); }
  void ring(ImVec2 c, float r, ImU32 colour, int segments, float thick) {
    dl_->AddCircle(c, r, colour, segments, thick);
  }
  ImDrawList* drawList() const { return dl_; }

 protected:
  // Whole-pixel widths take ImGui's textured anti-aliasing path: half the triangles.
  static constexpr float kThin = 1.0f;
  void curve(const ArrowPath& path, ImU32 colour, float thick);
  ImDrawList* dl_;
};

// The painter for this frame's boxes: `boxes` drawn at this step (in view
// or not), at zoom `zoom`, in the canvas [origin, origin + size). Creates
// the GL helpers in `hv` on first use.
std::unique_ptr<GraphPainter> choosePainter(HeapViewState& hv, ImDrawList* dl, ImVec2 origin, ImVec2 size,
                                            std::size_t boxes, float zoom);

}  // namespace tricolor::render
