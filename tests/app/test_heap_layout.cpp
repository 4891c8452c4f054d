// The heap graph's layout promises (architecture.md, "Layout of the heap
// graph"): students track objects by position, so an object never moves
// while it lives, allocating or freeing one object moves no other, boxes
// never overlap, and the same step always shows the same picture however
// the user got there (stepping, seeking, stepping back).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "render/layout/heap_layout.hpp"
#include "render/layout/panel_layout.hpp"
#include "render/model/session.hpp"

using namespace tricolor;
using namespace tricolor::render;

namespace {

std::string scenario(const std::string& name) { return std::string(TRICOLOR_SOURCE_DIR) + "/" + name; }

// Every object drawn at the current step, with its rectangle.
std::map<ObjectId, RectF> visibleRects(const Session& s) {
  std::map<ObjectId, RectF> out;
  const World& w = s.sim().state().world;
  for (ObjectId id : s.layout().placedIds())
    if (id < w.objects.size() && s.layout().visibleAt(id, w.objects[id].state, s.position()))
      out[id] = s.layout().rectOf(id);
  return out;
}

// The first pair of overlapping rectangles, by a sweep along x (the scenes
// hold up to a few thousand boxes, checked at every step).
std::optional<std::pair<ObjectId, ObjectId>> firstOverlap(const std::map<ObjectId, RectF>& rects) {
  std::vector<std::pair<ObjectId, RectF>> v(rects.begin(), rects.end());
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second.x < b.second.x; });
  for (std::size_t i = 0; i < v.size(); ++i)
    for (std::size_t j = i + 1; j < v.size() && v[j].second.x < v[i].second.right(); ++j)
      if (v[i].second.overlaps(v[j].second)) return std::make_pair(v[i].first, v[j].first);
  return std::nullopt;
}

Session open(const std::string& file) {
  Session s;
  Session::OpenResult r = s.open(scenario(file));
  REQUIRE_MESSAGE(r.ok, file << ": " << (r.errors.empty() ? "" : r.errors[0].format()));
  return s;
}

const char* kScenarios[] = {"scenarios/linked-list-garbage.json",
                            "scenarios/unreachable-cycle.json",
                            "scenarios/lost-object.json",
                            "tests/app/data/tree-mid-mark.json",
                            "tests/app/data/churn.json",
                            "tests/app/data/bench-300.json",
                            "tests/app/data/lost-object-early-scan.json"};

}  // namespace

TEST_CASE("an object never moves while it lives: allocating or freeing one moves no other") {
  for (const char* file : kScenarios) {
    CAPTURE(file);
    Session s = open(file);
    std::map<ObjectId, RectF> seen;  // every rectangle ever shown
    std::uint64_t frees = 0;
    while (s.forward()) {
      for (const Event& e : s.lastEvents()) frees += e.kind == EventKind::Free;
      bool moved = false;
      for (auto& [id, r] : visibleRects(s)) {
        auto [it, inserted] = seen.emplace(id, r);
        if (!inserted && !(it->second == r)) {
          FAIL_CHECK("object " << id << " moved at step " << s.position());
          moved = true;
        }
      }
      if (moved) break;
    }
    CHECK(!seen.empty());
    if (std::string(file).find("churn") != std::string::npos) CHECK(frees > 100);
  }
}

TEST_CASE("boxes never overlap, even when freed cells are reused") {
  for (const char* file : kScenarios) {
    CAPTURE(file);
    Session s = open(file);
    while (s.forward()) {
      auto hit = firstOverlap(visibleRects(s));
      CHECK_MESSAGE(
          !hit, "objects " << hit->first << " and " << hit->second << " overlap at step " << s.position());
      if (hit) break;
    }
  }
}

TEST_CASE("freed cells are reused after the ghost has faded, so churn does not grow the graph forever") {
  Session s = open("tests/app/data/churn.json");
  while (s.forward()) {
  }
  // 642 objects were allocated; with reuse the graph stays a few screens tall.
  CHECK(s.layout().placedIds().size() > 600);
  CHECK(s.layout().extent().h < 4000);
}

TEST_CASE("the same step shows the same positions however it was reached") {
  for (const char* file : kScenarios) {
    CAPTURE(file);
    Session a = open(file), b = open(file);
    while (a.forward()) {
    }
    const std::uint64_t end = a.position();
    // b jumps straight to the middle; a walked to the end and comes back.
    for (std::uint64_t step : {end / 3, end / 2, end - 1}) {
      CAPTURE(step);
      b.seek(step);
      a.seek(step);
      CHECK(a.position() == step);
      CHECK(visibleRects(a) == visibleRects(b));
    }
  }
}

TEST_CASE("stepping back restores positions") {
  Session s = open("tests/app/data/churn.json");
  std::vector<std::map<ObjectId, RectF>> shots;
  for (int i = 0; i < 400 && s.forward(); ++i) shots.push_back(visibleRects(s));
  for (std::size_t i = shots.size(); i-- > 1;) {
    REQUIRE(s.back());
    REQUIRE(s.position() == i);
    CHECK(visibleRects(s) == shots[i - 1]);
  }
}

TEST_CASE("a reachable object freed by a broken barrier keeps its ghost (arrows still point at it)") {
  Session s;
  REQUIRE(s.open(scenario("tests/app/data/lost-object-early-scan.json"), {"write_barrier=none"}).ok);
  bool lost = false;
  while (s.forward())
    for (const Event& e : s.lastEvents())
      if (e.kind == EventKind::ReachableFreed) lost = true;
  REQUIRE(lost);
  const World& w = s.sim().state().world;
  bool ghost = false;
  for (ObjectId id : s.layout().placedIds())
    if (w.objects[id].state == ObjState::Freed)
      ghost |= s.layout().visibleAt(id, ObjState::Freed, s.position() + 1000);
  CHECK(ghost);
}

TEST_CASE("a scenario's pins place labelled objects where the teacher put them") {
  Session s = open("scenarios/linked-list-garbage.json");
  while (s.forward()) {
  }
  const World& w = s.sim().state().world;
  std::map<std::string, Vec2> pins;
  for (const Program::Pin& p : s.program().pins) pins[p.label] = {p.x, p.y};
  int checked = 0;
  for (ObjectId id : s.layout().placedIds()) {
    auto it = pins.find(w.label(id));
    if (it == pins.end()) continue;
    RectF r = s.layout().rectOf(id);
    CHECK(r.x == it->second.x);
    CHECK(r.y == it->second.y);
    ++checked;
  }
  CHECK(checked == 4);
}

TEST_CASE("a user drag moves one object only and survives a reload of the same file") {
  Session s = open("tests/app/data/tree-mid-mark.json");
  s.seek(10);
  auto before = visibleRects(s);
  REQUIRE(before.size() >= 2);
  ObjectId moved = before.begin()->first;
  s.dragObject(moved, {900, 700});
  auto after = visibleRects(s);
  for (auto& [id, r] : after) {
    if (id == moved)
      CHECK(r.x == 900);
    else
      CHECK(r == before[id]);
  }
  REQUIRE(s.reload().ok);
  s.seek(s.resumeTarget());
  CHECK(visibleRects(s)[moved].x == 900);
}

TEST_CASE("panels tile the window without overlapping, at lecture-hall sizes") {
  for (Vec2 win : {Vec2{1280, 800}, Vec2{1920, 1080}}) {
    PanelRects p = computePanels(win, 120, PanelSplits{});
    for (int i = 0; i < int(Panel::Count); ++i) {
      const RectF& a = p.rect[std::size_t(i)];
      CHECK(a.w >= 150);
      CHECK(a.h >= 60);
      CHECK(a.right() <= win.x + 0.5f);
      CHECK(a.bottom() <= win.y + 0.5f);
      for (int j = i + 1; j < int(Panel::Count); ++j) CHECK(!a.overlaps(p.rect[std::size_t(j)]));
    }
    // The heap graph is the largest panel.
    for (int i = 0; i < int(Panel::Count); ++i)
      if (Panel(i) != Panel::Heap)
        CHECK(p[Panel::Heap].w * p[Panel::Heap].h >= p.rect[std::size_t(i)].w * p.rect[std::size_t(i)].h);
  }
  PanelSplits s;
  dragSplitter(s, Splitter::Id::Left, {1280, 800}, 120, -5000);  // cannot squeeze a panel away
  CHECK(s.left * 1280 >= 159);
}

TEST_CASE("a 10^4-object heap is placed whole, without overlaps, on a grid that widens instead of a strip") {
  Session s = open("tests/app/data/bench-10k.json");
  s.seek(35000);  // every node allocated, runtime.GC() marking
  const HeapLayout& l = s.layout();
  std::size_t live = 0;
  const World& w = s.sim().state().world;
  for (ObjectId id = 1; id < w.objects.size(); ++id) live += w.objects[id].state == ObjState::Heap;
  REQUIRE(live == 10001);
  CHECK(l.unplaced() == 0);
  CHECK(l.placedIds().size() >= live);
  auto rects = visibleRects(s);
  CHECK(rects.size() >= live);
  auto hit = firstOverlap(rects);
  CHECK_MESSAGE(!hit, "objects " << hit->first << " and " << hit->second << " overlap");
  // Wider than the 12 columns of small heaps, and not much taller than wide (a panel can show it whole).
  CHECK(l.columns() > GraphMetrics::kMaxCols);
  RectF e = l.extent();
  CHECK(e.h < 3 * e.w);
  CHECK(e.w < 3 * e.h);
}
