#include "render/gl/graph_bitmap.hpp"

#include <glad/gl.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tricolor::render {

GraphBitmap::~GraphBitmap() {
  if (texture_) glDeleteTextures(1, &texture_);
}

void GraphBitmap::begin(ImVec2 origin, ImVec2 size) {
  origin_ = {std::floor(origin.x), std::floor(origin.y)};
  w_ = std::max(1, int(std::ceil(size.x)));
  h_ = std::max(1, int(std::ceil(size.y)));
  px_.assign(std::size_t(w_) * std::size_t(h_), 0u);
}

// Pixel centres inside [a, b), as the instanced boxes' rasterization does.
void GraphBitmap::box(ImVec2 a, ImVec2 b, ImU32 fill, ImU32 frame, int framePx) {
  if (!(std::fabs(a.x - origin_.x) < 1e6f && std::fabs(a.y - origin_.y) < 1e6f &&
        std::fabs(b.x - origin_.x) < 1e6f && std::fabs(b.y - origin_.y) < 1e6f))
    return;  // off the picture (callers cull boxes anyway)
  const int x0 = int(std::lround(a.x - origin_.x)), y0 = int(std::lround(a.y - origin_.y));
  const int x1 = int(std::lround(b.x - origin_.x)), y1 = int(std::lround(b.y - origin_.y));
  const int cx0 = std::max(x0, 0), cy0 = std::max(y0, 0), cx1 = std::min(x1, w_), cy1 = std::min(y1, h_);
  for (int y = cy0; y < cy1; ++y) {
    std::uint32_t* row = px_.data() + std::size_t(y) * std::size_t(w_);
    const bool edgeRow = y < y0 + framePx || y >= y1 - framePx;
    for (int x = cx0; x < cx1; ++x) row[x] = edgeRow || x < x0 + framePx || x >= x1 - framePx ? frame : fill;
  }
}

void GraphBitmap::dashedBox(ImVec2 a, ImVec2 b, ImU32 frame, int framePx) {
  if (!(std::fabs(a.x - origin_.x) < 1e6f && std::fabs(a.y - origin_.y) < 1e6f &&
        std::fabs(b.x - origin_.x) < 1e6f && std::fabs(b.y - origin_.y) < 1e6f))
    return;
  const int x0 = int(std::lround(a.x - origin_.x)), y0 = int(std::lround(a.y - origin_.y));
  const int x1 = int(std::lround(b.x - origin_.x)), y1 = int(std::lround(b.y - origin_.y));
  int k = 0;  // position along the perimeter: 3 on, 2 off
  auto dot = [&](int x, int y) {
    if (k++ % 5 < 3)
      for (int t = 0; t < framePx; ++t) put(x, y, frame);
  };
  for (int x = x0; x < x1; ++x) dot(x, y0);
  for (int y = y0; y < y1; ++y) dot(x1 - 1, y);
  for (int x = x1 - 1; x >= x0; --x) dot(x, y1 - 1);
  for (int y = y1 - 1; y >= y0; --y) dot(x0, y);
}

// A 1-pixel line (DDA). Drawn before the boxes, which cover its ends.
void GraphBitmap::line(ImVec2 p, ImVec2 q, ImU32 colour) {
  const float x0 = p.x - origin_.x, y0 = p.y - origin_.y, x1 = q.x - origin_.x, y1 = q.y - origin_.y;
  // Panned absurdly far: nothing of it can be in the picture, and the casts below need ints.
  const float lim = 1e6f;
  if (!(std::fabs(x0) < lim && std::fabs(y0) < lim && std::fabs(x1) < lim && std::fabs(y1) < lim)) return;
  const float dx = x1 - x0, dy = y1 - y0;
  const int n = int(std::ceil(std::max(std::fabs(dx), std::fabs(dy))));
  if (n > 4 * (w_ + h_)) {  // far outside: only the part that can be in the picture matters
    if ((x0 < 0 && x1 < 0) || (y0 < 0 && y1 < 0) || (x0 >= float(w_) && x1 >= float(w_)) ||
        (y0 >= float(h_) && y1 >= float(h_)))
      return;
  }
  const std::uint32_t c = colour | 0xff000000u;
  for (int i = 0; i <= n; ++i) {
    const float t = n ? float(i) / float(n) : 0.0f;
    put(int(x0 + dx * t), int(y0 + dy * t), c);
  }
}

void GraphBitmap::draw(ImDrawList* dl) {
  if (!texture_) glGenTextures(1, &texture_);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  if (texW_ != w_ || texH_ != h_) {
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w_, h_, 0, GL_RGBA, GL_UNSIGNED_BYTE, px_.data());
    texW_ = w_;
    texH_ = h_;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w_, h_, GL_RGBA, GL_UNSIGNED_BYTE, px_.data());
  }
  dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_)), origin_,
               {origin_.x + float(w_), origin_.y + float(h_)});
}

}  // namespace tricolor::render
