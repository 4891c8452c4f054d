#include "render/layout/graph_arrows.hpp"

#include <algorithm>
#include <cmath>

#include "render/layout/heap_layout.hpp"

namespace tricolor::render {

Inlet inletFor(Vec2 port, const RectF& t) {
  using M = GraphMetrics;
  if (t.x >= port.x + 12) return {{t.x, t.y + 2 + M::kRowH * 0.5f}, {1, 0}};
  if (t.bottom() <= port.y - 8) return {{t.x + t.w * 0.5f, t.bottom()}, {0, -1}};
  return {{t.x + t.w * 0.5f, t.y}, {0, 1}};
}

ArrowPath arrowPath(Vec2 p0, Vec2 p1, Vec2 dir, float z) {
  float dist = std::hypot(p1.x - p0.x, p1.y - p0.y);
  float out = std::max(30.0f * z, std::fabs(p1.x - p0.x) * 0.45f);
  float in = std::max(30.0f * z, dist * 0.35f);
  if (dir.y != 0) out = std::min(out, 40.0f * z);  // turning down or up: a short lead-out
  // Heads shrink with the boxes when zoomed far out (a whole 10^4-object graph).
  const float h = std::max(std::min(4.0f, 40 * z), 7 * z);
  return {p0, {p0.x + out, p0.y}, {p1.x - dir.x * in, p1.y - dir.y * in}, p1, dir, h};
}

void ArrowPath::headCorners(Vec2& tipOut, Vec2& left, Vec2& right) const {
  const float h = head;
  Vec2 base{tip.x - dir.x * h, tip.y - dir.y * h}, perp{-dir.y * h * 0.55f, dir.x * h * 0.55f};
  tipOut = tip;
  left = {base.x + perp.x, base.y + perp.y};
  right = {base.x - perp.x, base.y - perp.y};
}

int ArrowPath::segments() const {
  return std::clamp(int(std::hypot(tip.x - from.x, tip.y - from.y) / 40), 2, 10);
}

// The curve at the parameters ImGui's AddBezierCubic evaluates it (i / n), so
// these are the points the panel's line goes through.
std::vector<Vec2> ArrowPath::points() const {
  const int n = segments();
  const Vec2 end = curveEnd();
  std::vector<Vec2> out;
  out.reserve(std::size_t(n) + 2);
  out.push_back(from);
  const float step = 1.0f / float(n);
  for (int i = 1; i <= n; ++i) {
    const float t = step * float(i), u = 1.0f - t;
    const float w1 = u * u * u, w2 = 3 * u * u * t, w3 = 3 * u * t * t, w4 = t * t * t;
    out.push_back(
        {w1 * from.x + w2 * c0.x + w3 * c1.x + w4 * end.x, w1 * from.y + w2 * c0.y + w3 * c1.y + w4 * end.y});
  }
  out.push_back(tip);
  return out;
}

}  // namespace tricolor::render
