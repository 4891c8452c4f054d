// The memory map brought up to date step by step (only the spans a step
// touched are repainted) must show exactly what building it from scratch
// shows, at every step of every bundled scenario: a missed event kind would
// leave stale cells on screen.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "render/layout/memory_map.hpp"
#include "render/model/session.hpp"

using namespace tricolor;
using namespace tricolor::render;

namespace {

const SlotColours kColours{0x00000000, 0xff4e423c, 0xffeeeeee, 0xff888888, 0xff000000, 0xff0055d5};

// Steps `s` up to `maxSteps`, updating one map incrementally and comparing
// it with a fresh build after each step. Returns how many steps took the
// incremental path (the test is empty if none did).
std::uint64_t compareAlongRun(Session& s, std::uint64_t maxSteps, int cellsPerRow) {
  MemoryMap inc, full;
  std::vector<RowRange> dirty;
  buildMemoryMap(s.sim().state(), s.lastEvents(), cellsPerRow, kColours, inc);
  std::uint64_t incremental = 0;
  while (s.position() < maxSteps && s.forward()) {
    if (updateMemoryMap(s.sim().state(), s.lastEvents(), inc, dirty)) {
      ++incremental;
      for (const RowRange& r : dirty) {
        CHECK(r.first >= 0);
        CHECK(r.first + r.count <= inc.texH);
      }
    } else {
      buildMemoryMap(s.sim().state(), s.lastEvents(), cellsPerRow, kColours, inc);
    }
    buildMemoryMap(s.sim().state(), s.lastEvents(), cellsPerRow, kColours, full);
    REQUIRE_MESSAGE(inc.texH == full.texH, "step " << s.position());
    if (inc.pixels != full.pixels) {
      std::size_t i = 0;
      while (inc.pixels[i] == full.pixels[i]) ++i;
      FAIL("step " << s.position() << ": texel row " << i / std::size_t(full.texW)
                   << " differs after an incremental update");
    }
    CHECK(inc.swept == full.swept);
  }
  return incremental;
}

}  // namespace

TEST_CASE(
    "the memory map updated step by step equals the map built from scratch, in every bundled scenario") {
  const std::string dir = std::string(TRICOLOR_SOURCE_DIR) + "/scenarios";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string path = entry.path().string();
    if (entry.path().extension() != ".json" || path.find("schema") != std::string::npos) continue;
    CAPTURE(path);
    Session s;
    REQUIRE(s.open(path).ok);
    CHECK(compareAlongRun(s, 3000, 32) > 0);
    ++files;
  }
  CHECK(files >= 10);
}

TEST_CASE("the memory map's incremental update re-uploads only the rows of the spans a step touched") {
  Session s;
  REQUIRE(s.open(std::string(TRICOLOR_SOURCE_DIR) + "/tests/app/data/bench-10k.json").ok);
  CHECK(compareAlongRun(s, 2000, 64) > 1000);
  // Mid-build of the lists: one allocation touches one span of Nodes.
  MemoryMap map;
  std::vector<RowRange> dirty;
  buildMemoryMap(s.sim().state(), s.lastEvents(), 64, kColours, map);
  REQUIRE(map.blocks.size() >= 2);
  int updated = 0;
  for (int i = 0; i < 50 && s.forward(); ++i) {
    if (!updateMemoryMap(s.sim().state(), s.lastEvents(), map, dirty)) {
      buildMemoryMap(s.sim().state(), s.lastEvents(), 64, kColours, map);
      continue;
    }
    ++updated;
    int rows = 0;
    for (const RowRange& r : dirty) rows += r.count;
    CHECK(rows < map.texH);  // never the whole picture
  }
  CHECK(updated > 0);
}
