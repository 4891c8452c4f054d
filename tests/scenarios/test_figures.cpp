// The teaching guide's figures are screenshots taken by scripts/figures.sh
// at fixed steps. This test reads the script's table and checks that each
// step still shows what the guide describes (the expected event, on the
// expected object), and that the guide shows every figure. When the
// simulation changes and a story moves, this fails: update the step in the
// table, the guide's text, and rerun scripts/figures.sh.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "tests/scenarios/lesson_support.hpp"

using namespace tricolor;
using namespace tricolor::lesson;

namespace {

struct Figure {
  std::string name, file;
  std::uint64_t step = 0;
  std::vector<std::string> overrides;
  std::string kind, label;
};

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<Figure> figureTable() {
  std::istringstream script(readFile(std::string(TRICOLOR_SOURCE_DIR) + "/scripts/figures.sh"));
  std::vector<Figure> out;
  std::string line;
  bool inTable = false;
  while (std::getline(script, line)) {
    if (line == "figures=(") {
      inTable = true;
      continue;
    }
    if (inTable && line == ")") break;
    if (!inTable) continue;
    auto q1 = line.find('"'), q2 = line.rfind('"');
    REQUIRE_MESSAGE(q1 != q2, "bad figure row: " << line);
    std::istringstream row(line.substr(q1 + 1, q2 - q1 - 1));
    Figure f;
    std::string overrides;
    row >> f.name >> f.file >> f.step >> overrides >> f.kind >> f.label;
    REQUIRE_MESSAGE(!f.label.empty(), "bad figure row: " << line);
    if (overrides != "-") {
      std::istringstream os(overrides);
      for (std::string o; std::getline(os, o, ',');) f.overrides.push_back(o);
    }
    out.push_back(f);
  }
  return out;
}

}  // namespace

TEST_CASE("figures: each screenshot step of scripts/figures.sh still shows the event the guide describes") {
  std::vector<Figure> figures = figureTable();
  REQUIRE(figures.size() >= 16);
  std::string guide = readFile(std::string(TRICOLOR_SOURCE_DIR) + "/docs/teaching-guide.md");
  for (const Figure& f : figures) {
    CAPTURE(f.name);
    CAPTURE(f.step);
    CHECK_MESSAGE(guide.find("figures/" + f.name + ".png") != std::string::npos,
                  "the guide does not show " << f.name);
    Simulation sim(loadLesson(f.file, f.overrides));
    EventSink sink;
    while (sim.steps() < f.step && !sim.finished()) sim.step(sink);
    REQUIRE(sim.steps() == f.step);
    const World& w = sim.state().world;
    auto labelled = [&](std::uint32_t id) { return id < w.objects.size() && w.label(id) == f.label; };
    bool seen = false;
    for (const Event& e : sink.events)
      if (eventKindName(e.kind) == f.kind &&
          (f.label == "-" || labelled(eventObjects(e)[0]) || labelled(eventObjects(e)[1])))
        seen = true;
    CHECK_MESSAGE(seen, f.name << ": no " << f.kind << " " << f.label << " in step " << f.step);
  }
}
