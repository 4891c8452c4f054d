// The session behind the window: loading, reloading after an edit (a bad
// edit keeps the previous run), snapshots that reopen at their step, config
// restarts, and the layout promises over every bundled scenario.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/io/snapshot.hpp"
#include "core/sim/narrator.hpp"
#include "render/layout/memory_map.hpp"
#include "render/model/session.hpp"
#include "render/model/settings_file.hpp"
#include "tests/app/app_test_util.hpp"

using namespace tricolor;
using namespace tricolor::render;
namespace fs = std::filesystem;

namespace {

using testutil::source;

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A scratch copy of a scenario that a test may edit.
std::string scratchCopy(const std::string& rel, const std::string& name) {
  fs::path dir = fs::temp_directory_path() / "tricolor-session-tests";
  fs::create_directories(dir);
  fs::path p = dir / name;
  fs::copy_file(source(rel), p, fs::copy_options::overwrite_existing);
  return p.string();
}

}  // namespace

TEST_CASE("a bad edit on disk keeps the previous run, a good one reloads at the same step") {
  std::string path = scratchCopy("tests/app/data/tree-mid-mark.json", "edit.json");
  Session s;
  REQUIRE(s.open(path).ok);
  s.seek(12);
  const std::uint64_t before = s.sim().state().world.objects.size();

  std::string text = readFile(path);
  std::string broken = text;
  broken.replace(broken.find("\"label\": \"E\""), 12, "\"label\": E");  // not JSON any more
  std::ofstream(path) << broken;
  Session::OpenResult r = s.reload();
  CHECK_FALSE(r.ok);
  REQUIRE_FALSE(r.errors.empty());
  CHECK(r.errors[0].line > 0);  // errors point at the line
  CHECK(s.loaded());
  CHECK(s.position() == 12);  // untouched
  CHECK(s.sim().state().world.objects.size() == before);

  std::string renamed = text;
  renamed.replace(renamed.find("\"label\": \"E\""), 12, "\"label\": \"Eve\"");
  std::ofstream(path) << renamed;
  REQUIRE(s.reload().ok);
  CHECK(s.resumeTarget() == 12);  // the window runs back to where the user was
  s.seek(s.resumeTarget());
  bool found = false;
  for (ObjectId id = 1; id < s.sim().state().world.objects.size(); ++id)
    found |= s.sim().objectName(id) == "Eve";
  CHECK(found);
}

TEST_CASE("opening any malformed file keeps the scenario on screen, at the same step") {
  // What the window does on Ctrl+O with a bad file: show the errors (with
  // their position), keep the run the user was looking at.
  Session s;
  const std::string good = source("tests/app/data/tree-mid-mark.json");
  REQUIRE(s.open(good).ok);
  s.seek(12);
  const State before = s.sim().state();
  const std::vector<Event> beforeEvents = s.lastEvents();
  const std::string beforeText = s.scenarioText();
  const std::size_t beforeLog = s.log().size();

  std::vector<std::string> bad;
  for (const auto& e : fs::directory_iterator(source("tests/io/malformed"))) bad.push_back(e.path().string());
  std::sort(bad.begin(), bad.end());
  REQUIRE(bad.size() >= 40);
  // Beyond the corpus: a 300 MB file (sparse), a directory, a damaged snapshot.
  fs::path dir = fs::temp_directory_path() / "tricolor-session-tests";
  fs::create_directories(dir);
  fs::path big = dir / "huge.json";
  { std::ofstream(big) << "{"; }
  fs::resize_file(big, 300'000'000);
  bad.push_back(big.string());
  bad.push_back(dir.string());
  fs::path snap = dir / "damaged.snapshot.json";
  std::ofstream(snap) << "{\"format\": \"tricolor-snapshot\", \"version\": 1,\n \"step\": 3, \"state\": {} x";
  bad.push_back(snap.string());

  for (const std::string& file : bad) {
    CAPTURE(file);
    Session::OpenResult r = s.open(file);
    CHECK_FALSE(r.ok);
    REQUIRE_FALSE(r.errors.empty());
    CHECK(r.errors[0].file == file);
    if (file != dir.string()) {  // a directory has no position
      CHECK(r.errors[0].line > 0);
      CHECK(r.errors[0].column > 0);
    }
    CHECK_FALSE(r.errors[0].message.empty());
    CHECK(s.loaded());
    CHECK(s.path() == good);
    CHECK(s.position() == 12);
    CHECK(s.scenarioText() == beforeText);
    CHECK(s.log().size() == beforeLog);
    CHECK(s.lastEvents() == beforeEvents);
    CHECK(s.sim().state() == before);
  }
  fs::remove(big);
  fs::remove(snap);
  // And the run goes on as if nothing had happened.
  Session fresh;
  REQUIRE(fresh.open(good).ok);
  fresh.seek(13);
  REQUIRE(s.forward());
  CHECK(s.sim().state() == fresh.sim().state());
}

TEST_CASE("a snapshot reopens its scenario so the whole past can be scrubbed") {
  Session a;
  REQUIRE(a.open(source("tests/app/data/tree-mid-mark.json")).ok);
  a.seek(20);
  fs::path snap = fs::temp_directory_path() / "tricolor-session-tests" / "tree20.snapshot.json";
  fs::create_directories(snap.parent_path());
  SnapshotSource src{a.path(), a.scenarioText(), a.overrides()};
  REQUIRE(
      writeFileAtomic(snap.string(), snapshotText(a.sim(), src, narrate(a.sim(), a.lastEvents()))).empty());

  Session b;
  REQUIRE(Session::looksLikeSnapshot(snap.string()));
  REQUIRE(b.open(snap.string()).ok);
  CHECK(b.position() == 0);
  CHECK(b.resumeTarget() == 20);
  b.seek(b.resumeTarget());
  CHECK(b.sim().state() == a.sim().state());
  CHECK(b.back());  // and the past is there
  CHECK(b.position() == 19);
}

TEST_CASE("a changed setting restarts the run with that override") {
  Session s;
  REQUIRE(s.open(source("tests/app/data/lost-object-early-scan.json")).ok);
  s.seek(10);
  REQUIRE(s.restart({"write_barrier=none", "GOGC=50"}).ok);
  CHECK(s.position() == 0);
  CHECK(s.program().config.barrier == BarrierMode::None);
  CHECK(s.program().config.gogc == 50);
  CHECK(s.overrides().size() == 2);
  CHECK_FALSE(s.restart({"GOGC=banana"}).ok);  // a bad value is refused, the run stays
  CHECK(s.program().config.gogc == 50);
}

TEST_CASE("breakpoints stop on the events they name") {
  Breakpoints bp;
  bp.phaseChange = false;
  bp.dangling = true;
  Event freed = Event::of(0, ReachableFreedEvent{3});
  Event phase = Event::of(0, PhaseChangeEvent{Phase::Off, Phase::SweepTermination});
  std::string why;
  CHECK(hitsBreakpoint(bp, {freed}, &why));
  CHECK(why.find("reachable") != std::string::npos);
  CHECK_FALSE(hitsBreakpoint(bp, {phase}));
  bp.colourChange = true;
  bp.watch = 7;
  CHECK_FALSE(
      hitsBreakpoint(bp, {Event::of(0, ShadeEvent{8, ShadeReason::Root, false, Ref{}})}));  // another object
  CHECK(hitsBreakpoint(bp, {Event::of(0, ShadeEvent{7, ShadeReason::Root, false, Ref{}})}));
}

TEST_CASE("settings survive a round trip and damaged lines are ignored") {
  AppSettings s;
  s.scale = 1.75f;
  s.presentation = true;
  s.width = 1920;
  s.height = 1080;
  s.splits.left = 0.3f;
  s.detail = GraphDetail::Full;
  addRecent(s, "/a/b.json");
  addRecent(s, "/c/d.json");
  addRecent(s, "/a/b.json");  // moves to the front, no duplicate
  AppSettings back = parseSettings(settingsText(s));
  CHECK(back == s);
  CHECK(back.recent.front() == "/a/b.json");
  CHECK(back.recent.size() == 2);
  AppSettings junk = parseSettings("scale=99\nsplits=0.9,0.9,1,1,1,1,1\nwindow=1x1\nnonsense\ndetail=most\n");
  CHECK(junk == AppSettings{});
  CHECK(parseSettings("detail=aggregated\n").detail == GraphDetail::Aggregated);
}

TEST_CASE("every bundled scenario keeps the layout promises for its first steps") {
  for (const auto& e : fs::directory_iterator(source("scenarios"))) {
    if (e.path().extension() != ".json" || e.path().filename() == "scenario.schema.json") continue;
    CAPTURE(e.path().string());
    Session s;
    Session::OpenResult r = s.open(e.path().string());
    REQUIRE_MESSAGE(r.ok, (r.errors.empty() ? "" : r.errors[0].format()));
    std::map<ObjectId, RectF> seen;
    for (int i = 0; i < 3000 && s.forward(); ++i) {
      const World& w = s.sim().state().world;
      std::vector<std::pair<ObjectId, RectF>> shown;
      for (ObjectId id : s.layout().placedIds())
        if (id < w.objects.size() && s.layout().visibleAt(id, w.objects[id].state, s.position()))
          shown.emplace_back(id, s.layout().rectOf(id));
      bool moved = false, overlap = false;
      for (auto& [id, r] : shown) {
        auto [it, inserted] = seen.emplace(id, r);
        moved |= !inserted && !(it->second == r);
      }
      // Pins are the teacher's: only check boxes the grid placed (sweep along x).
      std::erase_if(shown, [&](const auto& p) { return s.layout().find(p.first)->pinned; });
      std::sort(shown.begin(), shown.end(),
                [](const auto& a, const auto& b) { return a.second.x < b.second.x; });
      for (std::size_t a = 0; a < shown.size() && !overlap; ++a)
        for (std::size_t b = a + 1;
             b < shown.size() && shown[b].second.x < shown[a].second.right() && !overlap; ++b)
          overlap |= shown[a].second.overlaps(shown[b].second);
      CHECK_MESSAGE(!moved, "an object moved at step " << s.position());
      CHECK_MESSAGE(!overlap, "boxes overlap at step " << s.position());
      if (moved || overlap) break;
    }
  }
}

TEST_CASE("a history too big for memory gets sparser checkpoints and still goes anywhere") {
  Session thin, full;
  REQUIRE(thin.open(source("scenarios/gogc-comparison.json")).ok);
  REQUIRE(full.open(source("scenarios/gogc-comparison.json")).ok);
  thin.setCheckpointBudget(64 << 10);  // a few checkpoints' worth
  while (thin.forward()) {
  }
  while (full.forward()) {
  }
  CHECK(thin.checkpointInterval() > full.checkpointInterval());
  CHECK(thin.furthest() == full.furthest());
  for (std::uint64_t step : {full.furthest() / 3, std::uint64_t(1), full.furthest() - 1}) {
    thin.seek(step);
    full.seek(step);
    CHECK(thin.sim().state() == full.sim().state());
    CHECK(thin.lastEvents() == full.lastEvents());
  }
  CHECK(thin.back());
  CHECK(thin.position() == full.furthest() - 2);
}

TEST_CASE("the memory map paints each slot with its state, and names the span's sweepgen state") {
  Session s;
  REQUIRE(s.open(source("tests/app/data/tree-mid-mark.json")).ok);
  s.seek(20);  // A scanned (black), B and C grey, D and E white
  const SlotColours c{0, 1, 2, 3, 4, 5};
  MemoryMap map;
  buildMemoryMap(s.sim().state(), s.lastEvents(), 32, c, map);
  REQUIRE(map.blocks.size() == 1);
  const Span& sp = s.sim().state().heap.spans[map.blocks[0].span];
  auto pixel = [&](std::uint32_t slot) {
    int t = map.texelsPerCell;
    int x = int(slot) % map.cellsPerRow * t, y = (map.blocks[0].firstRow + int(slot) / map.cellsPerRow) * t;
    return map.pixels[std::size_t(y) * std::size_t(map.texW) + std::size_t(x)];
  };
  const World& w = s.sim().state().world;
  for (ObjectId id = 1; id < w.objects.size(); ++id) {
    std::string name = s.sim().objectName(id);
    std::uint32_t want = name == "A" ? c.black : (name == "B" || name == "C") ? c.grey : c.white;
    CHECK_MESSAGE(pixel(w.objects[id].slot) == want, name);
  }
  CHECK(pixel(sp.nelems - 1) == c.freeSlot);
  CHECK(std::string(sweepStateName(sweepStateOf(s.sim().state().heap, sp))) != "");
  CHECK(map.omitted == 0);
}
