// The Go front end and its escape analysis against the real compiler: every
// program of tests/data/escape/ is analysed and its messages compared, line
// for line, with what Go 1.19's `go build -gcflags='-m -l'` printed for it
// (committed next to it by tests/data/escape/regen.sh; CI has no Go).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/golang/frontend.hpp"

// Inside the namespace rather than `using namespace`: the sanitizer build
// compiles the tests as unity sources, where a using-directive would leak
// into the next file (tricolor::Op and golang::Op).
namespace tricolor::golang::test_escape {

namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

fs::path dataDir(const char* sub) { return fs::path(TRICOLOR_SOURCE_DIR) / "tests" / "data" / sub; }

std::vector<fs::path> goFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".go") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// tricolor's messages for a corpus program, as `tricolor --escape NAME.go` run in its folder prints them.
std::vector<std::string> escapeLines(const fs::path& p, int level) {
  std::vector<Diag> errors;
  auto f = compileGo(p.filename().string(), readFile(p), errors);
  if (!f)
    return {"error: " + (errors.empty() ? std::string("?") : formatDiag(p.filename().string(), errors[0]))};
  return analyzeEscapes(*f, level).messages;
}

struct Match {
  std::size_t same = 0, total = 0;
};

// Lines equal at the same index; the total is the longer of the two outputs.
Match compare(const std::vector<std::string>& ours, const std::vector<std::string>& go) {
  Match m;
  m.total = std::max(ours.size(), go.size());
  for (std::size_t i = 0; i < std::min(ours.size(), go.size()); ++i)
    if (ours[i] == go[i]) ++m.same;
  return m;
}

}  // namespace

TEST_CASE(
    "escape corpus: tricolor --escape equals Go 1.19 -m line for line, all lessons and at least 95 percent") {
  fs::path dir = dataDir("escape");
  std::vector<fs::path> files = goFiles(dir);
  REQUIRE(files.size() >= 80);
  std::string docs = readFile(fs::path(TRICOLOR_SOURCE_DIR) / "docs" / "go-subset.md");
  Match all;
  int lessons = 0;
  std::vector<std::string> differing;
  for (const fs::path& p : files) {
    fs::path ref = p;
    ref.replace_extension(".m.txt");
    REQUIRE_MESSAGE(fs::exists(ref), ref.string());
    std::vector<std::string> go = lines(readFile(ref));
    std::vector<std::string> ours = escapeLines(p, 1);
    Match m = compare(ours, go);
    all.same += m.same;
    all.total += m.total;
    std::string name = p.stem().string();
    if (name.rfind("lesson_", 0) == 0) {
      ++lessons;
      CHECK_MESSAGE(ours == go, "lesson " << name << " differs from Go");
    }
    if (ours != go) {
      differing.push_back(name);
      // Every difference is explained in docs/go-subset.md.
      CHECK_MESSAGE(docs.find(name + ".go") != std::string::npos,
                    name << ".go differs from Go and is not listed in docs/go-subset.md");
    }
  }
  CHECK(lessons == 16);
  double pct = all.total ? 100.0 * double(all.same) / double(all.total) : 100.0;
  MESSAGE("escape corpus: " << files.size() << " programs, " << all.same << " of " << all.total
                            << " lines as Go 1.19 prints them (" << pct << " %), " << differing.size()
                            << " programs differ");
  CHECK(pct >= 95.0);
}

TEST_CASE("escape corpus: --escape=2 explanations equal Go 1.19 -m=2 for the listed programs") {
  fs::path dir = dataDir("escape");
  std::vector<std::string> list = lines(readFile(dir / "m2-list.txt"));
  REQUIRE(list.size() >= 15);
  Match all;
  for (const std::string& name : list) {
    fs::path p = dir / name;
    fs::path ref = p;
    ref.replace_extension(".m2.txt");
    REQUIRE_MESSAGE(fs::exists(ref), ref.string());
    std::vector<std::string> go = lines(readFile(ref));
    std::vector<std::string> ours = escapeLines(p, 2);
    Match m = compare(ours, go);
    CHECK_MESSAGE(ours == go, name << " -m=2 differs");
    all.same += m.same;
    all.total += m.total;
  }
  double pct = 100.0 * double(all.same) / double(all.total);
  MESSAGE("-m=2 corpus: " << list.size() << " programs, " << pct << " % of lines as Go prints them");
  CHECK(pct >= 95.0);
}

TEST_CASE(
    "error corpus: each program outside the subset or ill-formed gets its message at its line and column") {
  fs::path dir = dataDir("go-errors");
  std::vector<std::string> expected = lines(readFile(dir / "expected.txt"));
  int checked = 0;
  for (const std::string& e : expected) {
    if (e.empty() || e[0] == '#') continue;
    std::size_t colon = e.find(": ");
    REQUIRE(colon != std::string::npos);
    std::string name = e.substr(0, colon);
    std::string want = "./" + name + ":" + e.substr(colon + 2);
    std::vector<Diag> errors;
    auto f = compileGo(name, readFile(dir / name), errors);
    CHECK_MESSAGE(!f, name << " was accepted");
    if (f) continue;
    REQUIRE(!errors.empty());
    CHECK(formatDiag(name, errors[0]) == want);
    ++checked;
  }
  // Every program in the folder has its expectation.
  CHECK(std::size_t(checked) == goFiles(dir).size());
  CHECK(checked >= 40);
}

TEST_CASE("escape decisions are attached to allocation sites and variables with a reason") {
  std::vector<Diag> errors;
  auto f = compileGo("stack_vs_heap.go", readFile(dataDir("escape") / "lesson_stack_vs_heap.go"), errors);
  REQUIRE(f);
  EscapeResult r = analyzeEscapes(*f, 1);
  int heap = 0, stack = 0;
  for (const auto& ed : r.allocations) {
    const Expr* e = ed.first;
    const EscapeDecision& d = ed.second;
    CHECK(e->op == Op::PtrLit);
    if (d.heap) {
      ++heap;
      CHECK(!d.reason.empty());
    } else {
      ++stack;
    }
    if (e->pos == Pos{13, 7}) {  // p := &Point{} in newPoint: returned
      CHECK(d.heap);
      CHECK(d.reason == "returned from newPoint");
    }
    if (e->pos == Pos{26, 10}) CHECK(d.reason.find("heap") != std::string::npos);  // saved = &Point{}
  }
  CHECK(heap == 3);
  CHECK(stack == 2);
  // Variables: none of this lesson's locals moves to the heap.
  for (const auto& vd : r.variables) CHECK_MESSAGE(!vd.second.heap, vd.first->name);
  CHECK(!r.variables.empty());
}

TEST_CASE("escape decisions: moved-to-heap variables, parameter tags and closure captures") {
  const char* src = R"(package main

var g *int

func keep(p *int) { g = p }

func id(p *int) *int { return p }

func main() {
	a := 1
	keep(&a)
	b := 2
	q := id(&b)
	n := 0
	inc := func() { n++ }
	inc()
	println(*q, n)
}
)";
  std::vector<Diag> errors;
  auto f = compileGo("t.go", src, errors);
  REQUIRE(f);
  EscapeResult r = analyzeEscapes(*f, 1);
  std::map<std::string, bool> heap;
  for (const auto& vd : r.variables) heap[vd.first->name] = vd.second.heap;
  CHECK(heap.at("a"));
  CHECK(!heap.at("b"));
  CHECK(!heap.at("n"));  // captured by reference by a closure that does not escape
  const FuncInfo* keep = f->funcs[0];
  const FuncInfo* id = f->funcs[1];
  REQUIRE(r.paramTags.count(keep));
  CHECK(r.paramTags.at(keep)[0].heap() == 0);
  CHECK(r.paramTags.at(id)[0].heap() == -1);
  CHECK(r.paramTags.at(id)[0].result(0) == 0);
  // The checker's view: main's closure and what it captures.
  const FuncInfo* main = f->funcs[2];
  REQUIRE(main->closures.size() == 1);
  CHECK(main->closures[0]->name == "main.func1");
  REQUIRE(main->closures[0]->closureVars.size() == 1);
  CHECK(main->closures[0]->closureVars[0]->name == "n");
}

TEST_CASE("front end: syntax errors stop at their line and column, the subset's constructs are named") {
  std::vector<Diag> errors;
  CHECK(!compileGo("x.go", "package main\nfunc main() { m := map[int]int{}; _ = m }\n", errors));
  REQUIRE(errors.size() == 1);
  CHECK(formatDiag("x.go", errors[0]) == "./x.go:2:20: maps are not in tricolor's Go subset yet");
  errors.clear();
  CHECK(!compileGo("/abs/x.go", "package main\nfunc main() {\n", errors));
  REQUIRE(errors.size() == 1);
  CHECK(formatDiag("/abs/x.go", errors[0]).rfind("/abs/x.go:", 0) == 0);
  errors.clear();
  CHECK(!compileGo("x.go", std::string("package main\x00"), errors));
  CHECK(errors.size() == 1);
}

}  // namespace tricolor::golang::test_escape
