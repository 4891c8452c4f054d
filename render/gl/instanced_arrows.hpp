// Our own GL drawing of many pointer arrows: one instanced draw call for the
// curves and one for the heads. Each instance is one arrow (a cubic Bezier
// from the port to just before the target, plus a triangular head), 52
// bytes; the vertex shader evaluates the curve (gl_VertexID picks the point
// and the side of the strip), the fragment shader anti-aliases its edges.
// ImDrawList would build and upload ~4 vertices per curve segment per arrow
// every frame - the cost that kept a 10^4-object graph aggregated.
//
// Like InstancedBoxes it draws from inside ImGui's draw order: enqueue()
// adds an ImDrawList callback (so boxes and names drawn later land on top),
// clipped to the current clip rectangle.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace tricolor::render {

class InstancedArrows {
 public:
  static constexpr int kMaxSegments = 8;  // curve segments of the longest arrows

  InstancedArrows() = default;
  InstancedArrows(const InstancedArrows&) = delete;
  InstancedArrows& operator=(const InstancedArrows&) = delete;
  ~InstancedArrows();

  // Compiles the shaders and creates the buffers on first use; false if GL refused (then use ImDrawList).
  bool ready();
  // Starts this frame's arrows, drawn at this point of `dl`'s command stream.
  void enqueue(ImDrawList* dl);
  // An arrow in window pixels: the curve p0 -> c0 -> c1 -> (tip - dir * head * 0.8),
  // `width` pixels wide, and a head `head` pixels long ending at `tip`,
  // pointing along `dir` (unit vector): an ArrowPath (render/layout/graph_arrows),
  // as the ImDrawList painter draws it, with segments by length (1 to kMaxSegments).
  void add(ImVec2 p0, ImVec2 c0, ImVec2 c1, ImVec2 tip, ImVec2 dir, float head, float width, ImU32 colour);
  std::size_t count() const {
    std::size_t n = 0;
    for (const auto& g : groups_) n += g.size();
    return n;
  }

 private:
  struct Arrow {
    float p0x, p0y, c0x, c0y, c1x, c1y, tipx, tipy;
    float dirx, diry, head, width;
    std::uint32_t colour;
  };
  static void draw(const ImDrawList* list, const ImDrawCmd* cmd);
  void pointAttributes(std::size_t first);
  // By curve segments (1, 2, 4, 8): one draw call each, so a short arrow
  // costs 4 vertices, not the 18 of the longest (llvmpipe shades every one).
  static constexpr int kGroups = 4;
  std::vector<Arrow> groups_[kGroups];
  std::vector<Arrow> upload_;
  float maxHead_ = 0;
  unsigned program_ = 0, vao_ = 0, instances_ = 0;
  int viewportLoc_ = -1, originLoc_ = -1, scaleLoc_ = -1, headLoc_ = -1, segmentsLoc_ = -1;
  bool failed_ = false;
};

}  // namespace tricolor::render
