// Our own GL drawing of many heap boxes: one instanced draw call of a unit
// quad, each instance a rectangle with a fill and a solid frame (computed
// per pixel in the fragment shader). ImDrawList would build 4 vertices for
// the fill and ~16 for an anti-aliased frame per box, every frame, and
// llvmpipe sets up each triangle; here a box is 40 bytes of instance data.
//
// It draws from inside ImGui's draw order: enqueue() adds an ImDrawList
// callback at the current point (so what the panel draws later - names,
// highlights - lands on top), followed by ImGui's "reset render state", and
// the instances added after enqueue() are drawn when ImGui renders that
// list, clipped to the panel like the rest of it.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace tricolor::render {

class InstancedBoxes {
 public:
  InstancedBoxes() = default;
  InstancedBoxes(const InstancedBoxes&) = delete;
  InstancedBoxes& operator=(const InstancedBoxes&) = delete;
  ~InstancedBoxes();

  // Compiles the shader and creates the buffers on first use; false if GL refused (then use ImDrawList).
  bool ready();
  // Starts this frame's boxes, drawn at this point of `dl`'s command stream.
  void enqueue(ImDrawList* dl);
  // A box in window pixels: `fill` and a solid frame `framePx` thick (ImU32 colours).
  void add(ImVec2 min, ImVec2 max, ImU32 fill, ImU32 frame, float framePx);
  std::size_t count() const { return boxes_.size(); }

 private:
  struct Box {
    float x, y, w, h;
    std::uint32_t fill, frame;
    float framePx;
  };
  static void draw(const ImDrawList* list, const ImDrawCmd* cmd);
  std::vector<Box> boxes_;
  unsigned program_ = 0, vao_ = 0, quad_ = 0, instances_ = 0;
  int viewportLoc_ = -1;
  bool failed_ = false;
};

}  // namespace tricolor::render
