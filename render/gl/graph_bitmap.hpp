// The heap graph zoomed far out (boxes a few pixels wide, no text): drawn by
// the CPU into one RGBA image the size of the panel and shown as one
// texture, like the memory map. At that size llvmpipe spends its time on
// per-triangle setup and on 4x4 pixel blocks that thin triangles barely
// touch - two triangles per box and two per arrow for 10^4 objects - while
// writing the ~20 pixels of a box or the ~10 of an arrow directly costs a
// few nanoseconds each. No anti-aliasing: at this size the boxes are pixel
// blocks anyway, with the same fills and frames as the instanced boxes.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace tricolor::render {

class GraphBitmap {
 public:
  GraphBitmap() = default;
  GraphBitmap(const GraphBitmap&) = delete;
  GraphBitmap& operator=(const GraphBitmap&) = delete;
  ~GraphBitmap();

  // Starts a picture of the window rectangle [origin, origin + size): transparent.
  void begin(ImVec2 origin, ImVec2 size);
  // Coordinates are window pixels. Colours are ImU32 (0xAABBGGRR, GL's byte order).
  void box(ImVec2 a, ImVec2 b, ImU32 fill, ImU32 frame, int framePx);
  void dashedBox(ImVec2 a, ImVec2 b, ImU32 frame, int framePx);  // frame only, dashes 3 on 2 off
  void line(ImVec2 p, ImVec2 q, ImU32 colour);
  // Uploads the picture and draws it into `dl` (one textured quad).
  void draw(ImDrawList* dl);

 private:
  void put(int x, int y, std::uint32_t c) {
    if (x >= 0 && y >= 0 && x < w_ && y < h_) px_[std::size_t(y) * std::size_t(w_) + std::size_t(x)] = c;
  }
  std::vector<std::uint32_t> px_;
  int w_ = 0, h_ = 0, texW_ = 0, texH_ = 0;
  ImVec2 origin_;
  unsigned texture_ = 0;
};

}  // namespace tricolor::render
