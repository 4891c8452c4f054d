// The heap graph's geometry outside the window (render/layout/graph_arrows,
// graph_labels, step_marks): every back end of the panel, the SVG export and
// --dump-layout take arrow paths, text sizes and this step's marks from these
// functions, so they are checked here once, without a display.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "app_test_util.hpp"
#include "render/layout/graph_arrows.hpp"
#include "render/layout/graph_labels.hpp"
#include "render/layout/heap_layout.hpp"
#include "render/layout/step_marks.hpp"

using namespace tricolor;
using namespace tricolor::render;
using tricolor::render::testutil::openSource;

namespace {

bool samePoint(Vec2 a, Vec2 b, float eps = 1e-3f) {
  return std::fabs(a.x - b.x) <= eps && std::fabs(a.y - b.y) <= eps;
}

// Checks one arrow's path from `port` into box `target` at zoom `z`.
void checkArrow(Vec2 port, const RectF& target, float z) {
  const Inlet in = inletFor(port, target);
  // The inlet sits on the target's edge it arrives through.
  if (in.dir.x == 1)
    CHECK(in.at.x == target.x);
  else if (in.dir.y == 1)
    CHECK(in.at.y == target.y);
  else
    CHECK(in.at.y == target.bottom());
  const ArrowPath a = arrowPath(port, in.at, in.dir, z);
  const std::vector<Vec2> pts = a.points();
  REQUIRE(pts.size() == std::size_t(a.segments()) + 2);
  CHECK(a.segments() >= 2);
  CHECK(a.segments() <= 10);
  CHECK(samePoint(pts.front(), port));
  CHECK(samePoint(pts.back(), in.at));
  // The line stops inside the head, which ends at the tip, pointing along dir.
  CHECK(samePoint(pts[pts.size() - 2], a.curveEnd(), 1e-2f));
  Vec2 tip, left, right;
  a.headCorners(tip, left, right);
  CHECK(samePoint(tip, in.at));
  const Vec2 base{(left.x + right.x) / 2, (left.y + right.y) / 2};
  CHECK(samePoint({tip.x - base.x, tip.y - base.y}, {in.dir.x * a.head, in.dir.y * a.head}, 1e-3f));
  // It leaves its port to the right.
  CHECK(a.c0.y == port.y);
  CHECK(a.c0.x > port.x);
}

}  // namespace

TEST_CASE(
    "arrows: a target right of the port is entered from the left, one below from the top, one above from "
    "below") {
  const Vec2 port{100, 60};
  const RectF right{220, 10, 100, 80}, below{40, 120, 100, 80}, above{40, -200, 100, 80};
  Inlet in = inletFor(port, right);
  CHECK(in.dir == Vec2{1, 0});
  CHECK(in.at.x == right.x);
  CHECK(in.at.y > right.y);
  CHECK(in.at.y < right.y + GraphMetrics::kRowH + 2);  // level with the name row
  in = inletFor(port, below);
  CHECK(in.dir == Vec2{0, 1});
  CHECK(in.at == Vec2{below.x + below.w / 2, below.y});
  in = inletFor(port, above);
  CHECK(in.dir == Vec2{0, -1});
  CHECK(in.at == Vec2{above.x + above.w / 2, above.bottom()});
}

TEST_CASE("arrows: every pointer of a lesson's graph is a polyline from its port to its target's inlet") {
  Session s = openSource("scenarios/lost-object.json");
  s.seek(13);
  const Simulation& sim = s.sim();
  const World& w = sim.state().world;
  int arrows = 0;
  for (float z : {1.0f, 0.5f, 0.07f, 2.0f}) {
    for (const RootRow& r : layoutRoots(sim)) {
      if (!r.pointer || r.value == 0 || !s.layout().find(ObjectId(r.value))) continue;
      checkArrow(rootPort(r), s.layout().rectOf(ObjectId(r.value)), z);
      ++arrows;
    }
    for (ObjectId id : s.layout().placedIds()) {
      if (w.objects[id].state != ObjState::Heap) continue;
      const Type& t = sim.program().types[w.objects[id].type];
      for (std::uint32_t i = 0; i < t.numPtrs; ++i)
        if (w.fields(id)[i] != kNil && s.layout().find(w.fields(id)[i])) {
          checkArrow(portAt(s.layout().rectOf(id), t, i), s.layout().rectOf(w.fields(id)[i]), z);
          ++arrows;
        }
    }
  }
  CHECK(arrows >= 8);  // main's pointers and A's: the scene has arrows at every zoom
}

TEST_CASE("arrows: heads and lead-outs grow with the zoom, and a head stays visible zoomed out") {
  float lastHead = 0, lastLead = 0;
  for (float z = 0.02f; z <= 4.0f; z *= 1.15f) {
    const ArrowPath a = arrowPath({0, 0}, {40 * z, 300 * z}, {0, 1}, z);
    CHECK(a.head >= lastHead);
    CHECK(a.c0.x >= lastLead);
    CHECK(a.head >= 7 * z);  // at least as big as the boxes' scale asks
    lastHead = a.head;
    lastLead = a.c0.x;
  }
  CHECK(arrowPath({0, 0}, {300, 0}, {1, 0}, 0.1f).head >= 2.5f);  // the instanced heads' threshold
}

TEST_CASE(
    "labels: no text under 6.5 px, names alone under 9.5 px, root names at least 11 px within their row") {
  bool sawNone = false, sawNameOnly = false, sawFull = false;
  for (float z = 0.02f; z <= 4.0f; z *= 1.02f) {
    const GraphLabels l = graphLabels(z);
    CHECK(l.text == (l.body >= 6.5f));
    CHECK(l.nameOnly == (l.body < 9.5f));
    sawNone |= !l.text;
    sawNameOnly |= l.text && l.nameOnly;
    sawFull |= !l.nameOnly;
    CHECK(l.name > l.field);
    CHECK(l.field > l.word);
    CHECK(l.root <= GraphMetrics::kRowH * z * 0.92f + 1e-4f);
    CHECK(l.root >= std::min(11.0f, GraphMetrics::kRowH * z * 0.92f) - 1e-4f);
    CHECK(l.queue >= 11.0f);
    CHECK(l.highlightTag(100 * z) <= 100 * z / 6.0f + 1e-4f);  // six letters fit in the box
    CHECK(nameOnlyPx(z, 58 * z) <= 58 * z * 0.6f + 1e-4f);
  }
  CHECK(sawNone);
  CHECK(sawNameOnly);
  CHECK(sawFull);
  // The aggregated view's neighbourhood: three lines from 10 px, a name alone as large as its box holds.
  for (float z = 0.3f; z <= 1.5f; z *= 1.02f) {
    const GraphLabels n = neighbourhoodLabels(z);
    CHECK(n.nameOnly == (n.body < 10.0f));
    CHECK(n.root >= 11.0f);
    const float w = 100 * z, h = 58 * z, px = neighbourNamePx(w, h, 12);
    CHECK(px <= 16.0f);
    CHECK(px <= h * 0.7f + 1e-4f);
    CHECK(12 * px * 0.6f <= w * 0.9f + 1e-3f);  // twelve letters fit across the box
  }
  CHECK(graphLabels(1).body == 13.0f);  // the body text at 100 % (docs/gui.md, "Big heaps")
}

TEST_CASE("field rows: a field's name, an array's element, then one summary row") {
  Type t;
  t.name = "T";
  Field next;
  next.name = "next";
  next.pointer = true;
  next.firstPtr = 0;
  Field kids;
  kids.name = "kids";
  kids.pointer = true;
  kids.array = true;
  kids.count = 8;
  kids.firstPtr = 1;
  t.fields = {next, kids};
  t.numPtrs = 9;
  REQUIRE(boxFieldRows(t) == GraphMetrics::kMaxFieldRows + 1);
  CHECK(fieldRowLabel(t, 0) == "next");
  CHECK(fieldRowLabel(t, 1) == "kids[0]");
  CHECK(fieldRowLabel(t, 5) == "kids[4]");
  CHECK(fieldRowLabel(t, 6) == "+3 more");
}

TEST_CASE("step marks: what the last step did is read from its events") {
  const Ref slot{RefKind::Field, 4, 1, 0};
  std::vector<Event> ev(6);
  ev[0] = Event::of(0, ScanStartEvent{.object = 4});
  ev[1] = Event::of(0, ShadeEvent{.object = 9, .from = slot});
  ev[2] = Event::of(0, AllocEvent{.object = 12});
  ev[3] = Event::of(1, PointerWriteEvent{.value = 12, .where = slot});
  ev[4] = Event::of(0, FreeEvent{.object = 3});
  ev[5] = Event::of(0, DanglingUseEvent{.object = 3, .byCollector = false, .via = {}});
  const StepMarks m = marksOf(ev);
  CHECK(m.scanning == 4);
  REQUIRE(m.shaded.size() == 1);
  CHECK(m.shaded[0] == std::make_pair(ObjectId(9), slot));
  CHECK(m.allocated == std::vector<ObjectId>{12});
  REQUIRE(m.written.size() == 1);
  CHECK(m.written[0].second == slot);
  CHECK(m.freed == std::vector<ObjectId>{3});
  CHECK(m.dangling == std::vector<ObjectId>{3});
  CHECK(StepMarks::has(m.allocated, 12));
  CHECK_FALSE(StepMarks::has(m.allocated, 9));
}
