// The scenario catalogue: the sixteen lessons in course order, every file
// valid and complete as teaching material; broken files listed with their error.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/io/catalogue.hpp"
#include "tests/scenarios/lesson_support.hpp"

using namespace tricolor;
using namespace tricolor::lesson;

namespace {

const std::string kDir = std::string(TRICOLOR_SOURCE_DIR) + "/scenarios";

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("tricolor-catalogue-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

std::string scenarioText(const std::string& title, int order) {
  return R"({"format": "tricolor-scenario", "version": 1, "title": ")" + title +
         R"(", "summary": "s", "difficulty": 1, "order": )" + std::to_string(order) +
         R"(, "functions": [{"name": "main", "body": []}]})";
}

}  // namespace

TEST_CASE("catalogue: all sixteen lessons, valid, in course order 1..16, with a summary and a difficulty") {
  std::vector<CatalogueEntry> c = loadCatalogue(kDir);
  REQUIRE(c.size() == 16);
  std::set<std::string> files, titles;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const CatalogueEntry& e = c[i];
    CAPTURE(e.file);
    CHECK(e.ok());
    CHECK(e.error.empty());
    CHECK(e.order == int(i) + 1);  // unique and exactly 1..16, sorted
    CHECK(e.difficulty >= 1);
    CHECK(e.difficulty <= 5);
    CHECK_FALSE(e.title.empty());
    CHECK_FALSE(e.summary.empty());
    CHECK(e.summary.size() <= 240);  // one line in a picker
    CHECK(e.path == kDir + "/" + e.file);
    CHECK(e.file != "scenario.schema.json");
    files.insert(e.file);
    titles.insert(e.title);
  }
  CHECK(files.size() == 16);
  CHECK(titles.size() == 16);
  // The course starts easy and ends harder than it starts.
  CHECK(c.front().difficulty == 1);
  CHECK(c.front().file == "stack-vs-heap.json");
}

TEST_CASE("catalogue: sorted by order then file name, unordered and invalid files last with their error") {
  TempDir d;
  d.write("b.json", scenarioText("B", 2));
  d.write("a2.json", scenarioText("A2", 1));
  d.write("a1.json", scenarioText("A1", 1));
  d.write("none.json",
          R"({"format": "tricolor-scenario", "version": 1, "functions": [{"name": "main", "body": []}]})");
  d.write("broken.json",
          "{\n  \"format\": \"tricolor-scenario\",\n  \"version\": 1,\n  \"config\": {\"GOGC\": \"lots\"},\n"
          "  \"functions\": [{\"name\": \"main\", \"body\": []}]\n}\n");
  d.write("scenario.schema.json", "{}");
  d.write("notes.txt", "not a scenario");
  std::vector<CatalogueEntry> c = loadCatalogue(d.path.string());
  REQUIRE(c.size() == 5);
  std::vector<std::string> order;
  for (const CatalogueEntry& e : c) order.push_back(e.file);
  CHECK(order == std::vector<std::string>{"a1.json", "a2.json", "b.json", "broken.json", "none.json"});
  CHECK(c[0].title == "A1");
  const CatalogueEntry& broken = c[3];
  CHECK_FALSE(broken.ok());
  CHECK(broken.title == "broken");
  CHECK(broken.error.find("broken.json:4:") != std::string::npos);  // file:line:col of the bad value
  CHECK(broken.error.find("/config/GOGC") != std::string::npos);
  CHECK(c[4].ok());
  CHECK(c[4].order == 0);
  CHECK(c[4].title == "none");  // the loader's default title: the file name
}

TEST_CASE("catalogue: a missing folder gives an empty list, not an error") {
  CHECK(loadCatalogue(kDir + "/does-not-exist").empty());
}

TEST_CASE(
    "every lesson is complete teaching material: text, what to watch, Go source with every operation on a "
    "line") {
  for (const CatalogueEntry& e : loadCatalogue(kDir)) {
    CAPTURE(e.file);
    std::shared_ptr<const Program> prog = loadLesson(e.file);
    CHECK(prog->description.size() >= 200);
    CHECK(prog->watch.size() >= 3);
    REQUIRE(prog->source.size() >= 5);
    CHECK(prog->source.front().rfind("package main", 0) == 0);
    for (const Function& f : prog->functions) {
      for (std::size_t i = 0; i < f.ops.size(); ++i) {
        CAPTURE(f.name);
        CAPTURE(i);
        if (f.ops[i].kind == OpKind::RepeatEnd) continue;
        CHECK(f.ops[i].line >= 1);
        CHECK(f.ops[i].line <= prog->source.size());
      }
    }
  }
}
