// Level of detail for big heaps: the aggregate counts every live object
// once, by type and colour; the neighbourhood shows who points to the
// selected object and what it points to, without overlapping boxes.
#include <doctest/doctest.h>

#include <string>

#include "render/layout/heap_lod.hpp"
#include "render/model/session.hpp"
#include "tests/app/app_test_util.hpp"

using namespace tricolor;
using namespace tricolor::render;

namespace {

Session openData(const std::string& name) { return testutil::openSource("tests/app/data/" + name); }

std::uint64_t liveHeapObjects(const Simulation& sim) {
  std::uint64_t n = 0;
  for (const Object& o : sim.state().world.objects) n += o.state == ObjState::Heap;
  return n;
}

}  // namespace

TEST_CASE("the aggregated graph counts every live object once, by type and colour, while marking") {
  Session s = openData("bench-10k.json");
  s.seek(40010);  // runtime.GC() is marking the 10^4 nodes
  REQUIRE(s.sim().state().gc.phase == Phase::Mark);
  HeapSummary sum = summarizeByType(s.sim());
  CHECK(sum.live == liveHeapObjects(s.sim()));
  CHECK_FALSE(aggregateGraph(sum.live));  // Auto: the layout holds 10^4 boxes, so they are drawn
  CHECK(aggregateGraph(sum.live, GraphDetail::Aggregated));
  CHECK_FALSE(aggregateGraph(sum.live, GraphDetail::Full));
  CHECK(aggregateGraph(HeapLayout::kMaxPlaced + 1));
  REQUIRE(sum.groups.size() == 2);
  CHECK(sum.groups[0].name == "Node");  // most objects first
  CHECK(sum.groups[0].total() == 10000);
  CHECK(sum.groups[1].name == "Table");
  std::uint64_t white = 0, grey = 0, black = 0;
  for (const TypeGroup& g : sum.groups) {
    white += g.white;
    grey += g.grey;
    black += g.black;
  }
  CHECK(white + grey + black == sum.live);
  CHECK(black > 0);  // some marked...
  CHECK(white > 0);  // ...some not reached yet
  // At the end of the cycle every survivor has the same colour again.
  s.seek(s.endStep() ? s.endStep() : 40042);
  HeapSummary after = summarizeByType(s.sim());
  CHECK(after.live == sum.live);
  CHECK(after.groups[0].grey == 0);
}

TEST_CASE("a small heap is drawn box by box") {
  Session s = openData("bench-300.json");
  s.seek(420);
  CHECK_FALSE(aggregateGraph(summarizeByType(s.sim()).live));
}

TEST_CASE(
    "the neighbourhood of a list's middle node: its referrer and the table before it, its successor after") {
  Session s = openData("bench-300.json");
  s.seek(400);  // the lists are built
  const World& w = s.sim().state().world;
  ObjectId table = kNil;
  for (ObjectId id = 1; id < w.objects.size(); ++id)
    if (w.label(id) == "table") table = id;
  REQUIRE(table != kNil);
  const ObjectId first = w.fields(table)[0];
  REQUIRE(first != kNil);
  const ObjectId middle = w.fields(first)[0];
  REQUIRE(middle != kNil);
  const ObjectId last = w.fields(middle)[0];
  REQUIRE(last != kNil);

  Neighbourhood n = neighbourhood(s.sim(), middle, 2);
  REQUIRE(!n.nodes.empty());
  CHECK(n.nodes[0].id == middle);
  CHECK(n.nodes[0].column == 0);
  auto columnOf = [&](ObjectId id) {
    for (const auto& node : n.nodes)
      if (node.id == id) return node.column;
    return 99;
  };
  CHECK(columnOf(first) == -1);
  CHECK(columnOf(table) == -2);
  CHECK(columnOf(last) == 1);
  // Edges point the way the pointers do.
  auto hasEdge = [&](ObjectId from, ObjectId to) {
    for (const auto& e : n.edges)
      if (n.nodes[std::size_t(e.from)].id == from && n.nodes[std::size_t(e.to)].id == to) return true;
    return false;
  };
  CHECK(hasEdge(first, middle));
  CHECK(hasEdge(table, first));
  CHECK(hasEdge(middle, last));
  CHECK_FALSE(hasEdge(middle, first));
  // Referrers on the left, referents on the right, no box overlaps another.
  for (std::size_t i = 0; i < n.nodes.size(); ++i) {
    CHECK((n.nodes[i].column < 0) == (n.nodes[i].rect.x < 0));
    for (std::size_t j = i + 1; j < n.nodes.size(); ++j)
      CHECK_FALSE(n.nodes[i].rect.overlaps(n.nodes[j].rect));
  }
}

TEST_CASE("the neighbourhood of a table with 100 pointers shows a few and counts the rest") {
  Session s = openData("bench-300.json");
  s.seek(400);
  const World& w = s.sim().state().world;
  ObjectId table = kNil;
  for (ObjectId id = 1; id < w.objects.size(); ++id)
    if (w.label(id) == "table") table = id;
  REQUIRE(table != kNil);
  Neighbourhood n = neighbourhood(s.sim(), table, 1, 8);
  int referents = 0, roots = 0;
  for (const auto& node : n.nodes) {
    referents += node.column == 1;
    roots += node.column == -1 && node.id == kNil;
  }
  CHECK(referents == 8);
  CHECK(n.omitted == 92);
  CHECK(roots == 1);  // the global `table`
}
