// Plain 2-D geometry for the layout code. Kept free of ImGui so layout can
// be computed and unit-tested without a window.
#pragma once

#include <algorithm>

namespace tricolor::render {

struct Vec2 {
  float x = 0, y = 0;
  bool operator==(const Vec2&) const = default;
};

struct RectF {
  float x = 0, y = 0, w = 0, h = 0;

  float right() const { return x + w; }
  float bottom() const { return y + h; }
  bool contains(Vec2 p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }
  // Touching edges do not count: boxes may sit side by side.
  bool overlaps(const RectF& o) const {
    return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
  }
  RectF united(const RectF& o) const {
    if (w <= 0 || h <= 0) return o;
    float l = std::min(x, o.x), t = std::min(y, o.y);
    return {l, t, std::max(right(), o.right()) - l, std::max(bottom(), o.bottom()) - t};
  }
  bool operator==(const RectF&) const = default;
};

}  // namespace tricolor::render
