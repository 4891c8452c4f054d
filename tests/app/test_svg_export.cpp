// The SVG export without a window: one arrow per pointer (counted here from
// the world itself, also past a box's sixth field), one box per drawn
// object, words escaped for XML, and the same picture for the same run.
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "core/io/snapshot.hpp"
#include "render/export/svg_export.hpp"
#include "render/model/session.hpp"
#include "tests/app/app_test_util.hpp"

using namespace tricolor;
using namespace tricolor::render;

namespace {

using testutil::source;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// Pointers from roots and live objects to objects the layout draws at this step.
std::size_t pointerEdges(const Session& s) {
  const Simulation& sim = s.sim();
  const World& w = sim.state().world;
  const Program& P = sim.program();
  auto drawn = [&](ObjectId id) {
    return id != kNil && id < w.objects.size() && s.layout().visibleAt(id, w.objects[id].state, s.position());
  };
  std::size_t n = 0;
  for (const RootRow& r : layoutRoots(sim)) n += r.pointer && drawn(ObjectId(r.value));
  for (ObjectId id = 1; id < w.objects.size(); ++id) {
    const Object& o = w.objects[id];
    if (!drawn(id) || (o.state != ObjState::Heap && o.state != ObjState::Stack)) continue;
    const ObjectId* f = w.fields(id);
    for (std::uint32_t i = 0; i < P.types[o.type].numPtrs; ++i) n += drawn(f[i]);
  }
  return n;
}

}  // namespace

TEST_CASE("svg: a table of 100 pointers gets an arrow for every one, not just the six drawn fields") {
  Session s;
  REQUIRE(s.open(source("tests/app/data/bench-300.json")).ok);
  s.seek(420);
  std::string svg = exportSvg(s.sim(), s.layout(), s.lastEvents());
  const std::size_t edges = pointerEdges(s);
  CHECK(edges > 200);  // the table's items and each node's next pointers
  CHECK(count(svg, "data-edge=") == edges);
  CHECK(count(svg, "<g class=\"object ") >= 100);
  CHECK(svg.rfind("</svg>\n") == svg.size() - 7);
}

TEST_CASE("svg: the same run gives the same picture, byte for byte") {
  Session a, b;
  REQUIRE(a.open(source("tests/app/data/tree-mid-mark.json")).ok);
  REQUIRE(b.open(source("tests/app/data/tree-mid-mark.json")).ok);
  a.seek(20);
  for (int i = 0; i < 20; ++i) b.forward();
  CHECK(exportSvg(a.sim(), a.layout(), a.lastEvents()) == exportSvg(b.sim(), b.layout(), b.lastEvents()));
}

TEST_CASE("svg: a title with XML's special characters is escaped") {
  std::string text = R"({"format": "tricolor-scenario", "version": 1, "title": "Tom & Jerry <\"quoted\">",
    "types": [{"name": "T", "fields": [{"name": "p", "type": "*T"}]}],
    "globals": [{"name": "g", "type": "*T"}],
    "functions": [{"name": "main", "body": [{"op": "new", "type": "T", "to": "g", "label": "A&B"}]}]})";
  ScenarioRun run = prepareScenario(loadScenarioText(text, "inline.json"), {});
  REQUIRE(run.program);
  Simulation sim(run.program);
  HeapLayout layout;
  layout.reset(sim.program());
  EventSink sink;
  while (!sim.finished() && sim.steps() < 50) {
    sim.step(sink);
    layout.observe(sim, sink.events);
    if (sim.state().world.objects.size() > 1) break;
  }
  std::string svg = exportSvg(sim, layout, sink.events);
  CHECK(svg.find("Tom &amp; Jerry &lt;&quot;quoted&quot;&gt;") != std::string::npos);
  CHECK(svg.find("Tom & Jerry") == std::string::npos);
  CHECK(svg.find(">A&amp;B</text>") != std::string::npos);
  // No raw '&' anywhere: every one starts an entity.
  CHECK_FALSE(std::regex_search(svg, std::regex("&(?!amp;|lt;|gt;|quot;)")));
}
