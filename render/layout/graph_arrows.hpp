// How a pointer is drawn in the heap graph: where it leaves its port, where
// it enters its target and the path between. Computed here, once, for every
// back end of the panel (ImDrawList, instanced GL, the CPU bitmap), for the
// SVG export and for --dump-layout, so what a test reads is what is drawn.
//
// Today the path is one cubic Bezier: it leaves the port to the right and
// arrives along the inlet's direction. points() flattens it into the
// polyline ImGui draws; a router that bends arrows around boxes would
// produce such polylines directly.
#pragma once

#include <vector>

#include "render/layout/geometry.hpp"

namespace tricolor::render {

// Where an arrow enters its target, and from which direction: from the left
// when the target is to the right of the port (lists read left to right),
// else from above or below (a tree's children sit below-left of the port),
// so arrows do not loop back across their own boxes.
struct Inlet {
  Vec2 at;
  Vec2 dir;  // direction of travel on arrival (a unit vector)
};
Inlet inletFor(Vec2 port, const RectF& target);

// One pointer as drawn: a cubic Bezier from `from` (the port) to curveEnd(),
// just short of `tip`, and a triangular head `head` long ending at `tip`.
struct ArrowPath {
  Vec2 from, c0, c1, tip;  // the curve's start, its control points, the head's tip
  Vec2 dir;                // direction of travel at the tip
  float head = 0;          // head length

  // Where the curve stops: the head's base overlaps it a little.
  Vec2 curveEnd() const { return {tip.x - dir.x * head * 0.8f, tip.y - dir.y * head * 0.8f}; }
  // The head's three corners: the tip, then both sides of its base.
  void headCorners(Vec2& tipOut, Vec2& left, Vec2& right) const;
  // Curve segments as ImGui draws the curve: about one per 40 pixels, 2 to 10.
  int segments() const;
  // The line as drawn: the curve's points (segments() + 1 of them) and the tip.
  std::vector<Vec2> points() const;
};

// The path from a port to an inlet (`tip`, arriving along `dir`), in window
// pixels at zoom `zoom` (lead-outs and heads scale with the boxes).
ArrowPath arrowPath(Vec2 from, Vec2 tip, Vec2 dir, float zoom);

}  // namespace tricolor::render
