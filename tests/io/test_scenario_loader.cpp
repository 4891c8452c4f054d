// Tests of the scenario loader (core/io/scenario_loader.cpp).
//
// They read like the promises the loader makes to a teacher editing a
// scenario by hand:
//  - every malformed file in tests/io/malformed/ is rejected with a message
//    that says what was wrong, at the right JSON pointer and line:column;
//  - every shipped scenario loads, and validates against the JSON Schema;
//  - the loader, the schema and docs/scenario-format.md accept exactly the
//    same keys, so they cannot drift apart;
//  - places resolve to the right slots and structs get Go's layout;
//  - no input, however mangled, crashes the loader or leaves it silent.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/scenario_loader.hpp"

#ifndef TRICOLOR_SOURCE_DIR
#error "tests/CMakeLists.txt must define TRICOLOR_SOURCE_DIR (the repository root)"
#endif

namespace fs = std::filesystem;
using nlohmann::json;
using namespace tricolor;

namespace {

const fs::path kRoot = TRICOLOR_SOURCE_DIR;

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string allErrors(const LoadResult& r) {
  std::string out;
  for (const LoadError& e : r.errors) out += e.format() + "\n";
  return out;
}

// A scenario with the given members after the header.
std::string scenario(const std::string& members) {
  return "{\"format\": \"tricolor-scenario\", \"version\": 1, " + members + "}";
}

LoadResult loadOk(const std::string& text) {
  LoadResult r = loadScenarioText(text, "test.json");
  INFO(allErrors(r));
  REQUIRE(r.ok());
  return r;
}

std::vector<fs::path> scenarioFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kRoot / "scenarios"))
    if (e.path().extension() == ".json" && e.path().filename() != "scenario.schema.json")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// {===== malformed inputs

struct Expected {
  const char* file;
  const char* path;
  int line, column;
  const char* message;  // a substring of the message
};

// One line per file in tests/io/malformed/: where the loader must point and what it must say.
const Expected kMalformed[] = {
    {"syntax-missing-comma.json", "", 3, 11, "syntax error while parsing object"},
    {"syntax-comment.json", "", 3, 3, "JSON has no comments"},
    {"syntax-number-overflow.json", "", 4, 20, "number overflow parsing '1e400'"},
    {"too-deep-json.json", "", 4, 137, "nested deeper than 128 levels"},
    {"string-too-long.json", "/description", 4, 16, "string of 70000 bytes is too long"},
    {"top-level-array.json", "", 1, 1, "expected a scenario: a JSON object"},
    {"missing-format.json", "", 1, 1, "missing \"format\""},
    {"wrong-format.json", "/format", 2, 13, "this is not a tricolor scenario"},
    {"missing-version.json", "", 1, 1, "missing \"version\""},
    {"unsupported-version.json", "/version", 3, 14,
     "unsupported version 2: this loader reads version 1 only"},
    {"unknown-top-level-key.json", "/titel", 4, 1,
     "unknown key 'titel' in the scenario, did you mean 'title'?"},
    {"unknown-config-key.json", "/config/GOGX", 6, 5, "unknown key 'GOGX' in config, did you mean 'GOGC'?"},
    {"unknown-op-key.json", "/functions/0/body/0/form", 8, 40,
     "unknown key 'form' in a \"store\" op, did you mean 'from'?"},
    {"unknown-field-key.json", "/types/0/fields/0/typ", 5, 50,
     "unknown key 'typ' in a field, did you mean 'type'?"},
    {"duplicate-key.json", "/config", 5, 3, "duplicate key"},
    {"wrong-type-gogc.json", "/config/GOGC", 4, 20,
     "expected an integer from 0 to 100000 or \"off\", got the string '100'"},
    {"wrong-type-body.json", "/functions/0/body", 5, 30,
     "expected a list of operations (a JSON array [...]), got an object"},
    {"wrong-type-title.json", "/title", 4, 10, "expected title (a string), got 5"},
    {"gomaxprocs-zero.json", "/config/GOMAXPROCS", 4, 26, "expected an integer from 1 to 256, got 0"},
    {"bad-gomemlimit.json", "/config/GOMEMLIMIT", 4, 26,
     "unknown unit 'MB' (Go uses binary units: write MiB)"},
    {"bad-write-barrier.json", "/config/write_barrier", 4, 29,
     "unknown value 'dijkstr', did you mean 'dijkstra'?"},
    {"stack-rescan-with-hybrid.json", "/config/stack_rescan", 6, 21,
     "stack_rescan only applies to write_barrier \"dijkstra\""},
    {"unknown-type.json", "/types/0/fields/0/type", 5, 58, "unknown type 'Nod', did you mean 'Node'?"},
    {"slice-field.json", "/types/0/fields/0/type", 5, 58, "slices ([]*Node) are not supported"},
    {"weak-field.json", "/types/0/fields/0/type", 5, 55,
     "weak.Pointer is only supported for globals, parameters and locals"},
    {"duplicate-type-name.json", "/types/1/name", 6, 14, "duplicate name 'Node': already declared as a type"},
    {"duplicate-local.json", "/functions/0/locals/1/name", 6, 26, "duplicate name 'a' in function 'main'"},
    {"pointer-global-value.json", "/globals/0/value", 5, 58, "only scalar globals take a \"value\""},
    {"scalar-result.json", "/functions/1/returns", 6, 34, "only pointer results are supported"},
    {"no-main.json", "/functions", 4, 14, "no function \"main\""},
    {"goroutine-with-params.json", "/goroutines/1/func", 11, 27,
     "which takes 1 parameter: functions started at the beginning must take none"},
    {"unknown-op.json", "/functions/0/body/0/op", 7, 15, "unknown op 'stor', did you mean 'store'?"},
    {"missing-op.json", "/functions/0/body/0", 7, 8, "an operation needs \"op\""},
    {"unknown-variable.json", "/functions/0/body/0/to", 9, 44,
     "unknown variable 'c' (locals of main: a, b; globals: root)"},
    {"unknown-field-in-place.json", "/functions/0/body/1/to", 9, 30,
     "type Node has no field 'nxt', did you mean 'next'?"},
    {"store-type-mismatch.json", "/functions/0/body/1/from", 12, 43,
     "cannot use a (type *A) as type *B in store to b"},
    {"array-index-out-of-range.json", "/functions/0/body/1/to", 9, 44,
     "index 4 out of range for [4]*Node (valid indexes: 0 to 3)"},
    {"array-not-indexed.json", "/functions/0/body/1/to", 9, 30,
     "a.kids is an array [4]*Node: pick an element"},
    {"index-not-int-local.json", "/functions/0/body/1/to", 9, 30,
     "index 'f' in 'a.kids[f]' must be an integer literal or an integer local"},
    {"follow-weak-pointer.json", "/functions/0/body/0/to", 8, 30,
     "cannot follow w: it is a weak.Pointer[Node]"},
    {"negative-repeat-count.json", "/functions/0/body/0/count", 7, 34,
     "expected an integer from 0 to 1000000000, got -1"},
    {"absurd-repeat-count.json", "/functions/0/body/0/count", 7, 34,
     "expected an integer from 0 to 1000000000, got 10000000000.0"},
    {"repeat-empty-body.json", "/functions/0/body/0/body", 7, 45, "a repeat needs a non-empty body"},
    {"unknown-function.json", "/functions/0/body/0/func", 7, 31,
     "unknown function 'build' (functions: main)"},
    {"wrong-arg-count.json", "/functions/0/body/0/args", 7, 47,
     "wrong number of arguments to link: got 1, want 2 (a *Node, b *Node)"},
    {"call-to-without-result.json", "/functions/0/body/0/to", 7, 42, "f returns nothing: remove \"to\""},
    {"return-missing-value.json", "/functions/1/body/0", 8, 8, "missing \"value\": make returns *Node"},
    {"new-pointer-type.json", "/functions/0/body/0/type", 8, 30,
     "new takes the struct type, not a pointer: write 'Node'"},
    {"stack-object-escapes.json", "/functions/0/body/0/stack", 9, 61, "so Go would allocate it on the heap"},
    {"set-on-pointer.json", "/functions/0/body/0/to", 8, 28,
     "\"set\" needs a scalar variable, but a is *Node"},
    {"set-value-overflow.json", "/functions/0/body/0/value", 7, 42,
     "expected an integer from -128 to 127 for type int8, got 300"},
    {"weak-get-into-scalar.json", "/functions/0/body/0/to", 8, 46,
     "weak_get needs \"to\" of type *Node (or unsafe.Pointer), but n is int"},
    {"finalizer-bad-signature.json", "/functions/0/body/1/func", 8, 52,
     "must take exactly one pointer parameter and return nothing (it takes 2 parameters)"},
    {"line-out-of-range.json", "/functions/0/body/0/line", 8, 29,
     "line 7 is past the end of \"source\" (3 lines)"},
    {"unknown-goroutine-in-schedule.json", "/schedule/1/run", 7, 13,
     "unknown goroutine 'worker' (goroutines: main"},
    {"directive-two-kinds.json", "/schedule/0", 6, 5, "has both \"run\" and \"collector\""},
    {"unknown-pin-label.json", "/layout/pins/B", 11, 38, "no \"new\" op has the label 'B'"},
};

TEST_CASE(
    "malformed scenarios are rejected with the path, line:column and a message saying what was expected") {
  for (const Expected& x : kMalformed) {
    const fs::path file = kRoot / "tests/io/malformed" / x.file;
    LoadResult r = loadScenarioFile(file.string());
    INFO(x.file << "\n" << allErrors(r));
    CHECK_FALSE(r.ok());
    CHECK(r.program == nullptr);
    bool found = false;
    for (const LoadError& e : r.errors) {
      CHECK_FALSE(e.message.empty());
      CHECK(e.file == file.string());
      if (e.path == x.path && e.line == x.line && e.column == x.column &&
          e.message.find(x.message) != std::string::npos)
        found = true;
    }
    CHECK_MESSAGE(found, "expected " << x.path << " at " << x.line << ":" << x.column << ": " << x.message);
  }
}

TEST_CASE("every file in tests/io/malformed has an expectation") {
  std::set<std::string> listed;
  for (const Expected& x : kMalformed) listed.insert(x.file);
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(kRoot / "tests/io/malformed")) {
    ++files;
    INFO(e.path().filename().string());
    CHECK(listed.count(e.path().filename().string()) == 1);
  }
  CHECK(files == listed.size());
  CHECK(files >= 25);
}

TEST_CASE("an error is formatted as file:line:col: path: message") {
  LoadError e{"s.json", "/functions/0/body/3/to", 12, 7, "unknown variable 'c'"};
  CHECK(e.format() == "s.json:12:7: /functions/0/body/3/to: unknown variable 'c'");
  LoadError syntax{"s.json", "", 3, 1, "JSON syntax error"};
  CHECK(syntax.format() == "s.json:3:1: JSON syntax error");
  LoadError noPos{"s.json", "", 0, 0, "no such file"};
  CHECK(noPos.format() == "s.json: no such file");
}

TEST_CASE("all problems are reported, in text order, not just the first") {
  LoadResult r = loadScenarioText(scenario(R"("config": {"GOMAXPROCS": 0, "GOGC": -5},
  "types": [{"name": "N", "fields": [{"name": "x", "type": "*M"}]}],
  "functions": [{"name": "main", "body": [{"op": "gc"}, {"op": "nope"}]}])"),
                                  "multi.json");
  INFO(allErrors(r));
  REQUIRE(r.errors.size() == 4);
  CHECK(r.errors[0].path == "/config/GOMAXPROCS");
  CHECK(r.errors[1].path == "/config/GOGC");
  CHECK(r.errors[2].path == "/types/0/fields/0/type");
  CHECK(r.errors[3].path == "/functions/0/body/1/op");
  CHECK(r.errors[2].line == 2);
}

TEST_CASE("columns count characters, not bytes") {
  // "é" is two bytes in UTF-8 but one column in an editor.
  LoadResult r = loadScenarioText(
      "{\"format\": \"tricolor-scenario\", \"version\": 1,\n"
      "\"title\": \"é\", \"oops\": 1, \"functions\": [{\"name\": \"main\", \"body\": []}]}",
      "utf8.json");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "/oops");
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].column == 15);  // 16 if bytes were counted
}

TEST_CASE("a UTF-8 byte order mark is skipped, and does not shift columns") {
  LoadResult r = loadScenarioText(
      "\xEF\xBB\xBF{\"format\": \"tricolor-scenario\", \"version\": 1, \"oops\": 1, "
      "\"functions\": [{\"name\": \"main\", \"body\": []}]}",
      "bom.json");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "/oops");
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[0].column == 47);
}

TEST_CASE("missing files and directories are errors, not crashes") {
  LoadResult r = loadScenarioFile((kRoot / "scenarios/does-not-exist.json").string());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "no such file");
  LoadResult d = loadScenarioFile((kRoot / "scenarios").string());
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].message == "not a regular file");
}

TEST_CASE("the number of errors is capped") {
  std::string keys;
  for (int i = 0; i < 150; ++i) keys += "\"bogus" + std::to_string(i) + "\": 1, ";
  LoadResult r =
      loadScenarioText(scenario(keys + R"("functions": [{"name": "main", "body": []}])"), "many.json");
  REQUIRE(r.errors.size() == 101);
  CHECK(r.errors.back().message.find("too many errors") != std::string::npos);
}

// }=====  {===== limits

TEST_CASE("limits: names, array lengths, type sizes, goroutines and operations") {
  const std::string main = R"("functions": [{"name": "main", "body": []}])";
  SUBCASE("names are at most 256 characters") {
    LoadResult r = loadScenarioText(
        scenario(R"("types": [{"name": ")" + std::string(300, 'N') + R"("}], )" + main), "t.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "/types/0/name");
    CHECK(r.errors[0].message.find("too long") != std::string::npos);
  }
  SUBCASE("array fields have at most 1<<24 elements") {
    LoadResult r = loadScenarioText(
        scenario(R"("types": [{"name": "T", "fields": [{"name": "a", "type": "[16777217]*T"}]}], )" + main),
        "t.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("too large") != std::string::npos);
  }
  SUBCASE("a type is at most 1 GiB") {
    std::string fields;
    for (int i = 0; i < 9; ++i)
      fields += std::string(i ? ", " : "") + R"({"name": "f)" + std::to_string(i) +
                R"(", "type": "[16777216]int64"})";
    LoadResult r = loadScenarioText(
        scenario(R"("types": [{"name": "Big", "fields": [)" + fields + "]}], " + main), "t.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "/types/0/fields/8/type");
    CHECK(r.errors[0].message.find("grows past 1 GiB") != std::string::npos);
  }
  SUBCASE("at most 10000 goroutines") {
    std::string gs;
    for (int i = 0; i <= 10000; ++i)
      gs += std::string(i ? ", " : "") + R"({"name": "g)" + std::to_string(i) + R"(", "func": "main"})";
    LoadResult r = loadScenarioText(scenario(main + R"(, "goroutines": [)" + gs + "]"), "t.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "/goroutines");
    CHECK(r.errors[0].message.find("at most 10000") != std::string::npos);
  }
  SUBCASE("documents with millions of values are refused before parsing") {
    // 8 million empty objects would take gigabytes as json nodes.
    std::string many = "{\"watch\": [";
    for (int i = 0; i < (1 << 23); ++i) many += "{},";
    LoadResult r = loadScenarioText(many + "{}]}", "t.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("values") != std::string::npos);
    CHECK(r.errors[0].line == 1);
  }
  SUBCASE("files over 64 MiB are refused before parsing") {
    LoadResult r = loadScenarioText(std::string(64 * MiB + 1, ' '), "huge.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("too large") != std::string::npos);
  }
  SUBCASE("a file of 300 MB is refused by its size, before it is read") {
    // A sparse file: 300 MB long, no disk space, no time to write it.
    fs::path big = fs::temp_directory_path() / "tricolor-loader-tests-300MB.json";
    { std::ofstream(big) << "{"; }
    fs::resize_file(big, 300'000'000);
    LoadResult r = loadScenarioFile(big.string());
    fs::remove(big);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].format() ==
          big.string() + ":1:1: file is too large: 300000000 bytes (a scenario is at most 64 MiB)");
  }
  SUBCASE("keys are at most 256 characters") {
    LoadResult r = loadScenarioText(scenario("\"" + std::string(300, 'k') + "\": 1, " + main), "t.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "/" + std::string(300, 'k'));
    CHECK(r.errors[0].line == 1);
    CHECK(r.errors[0].message.find("key of 300 bytes is too long (at most 256)") != std::string::npos);
  }
  SUBCASE("strings are at most 64 KiB") {
    LoadResult r =
        loadScenarioText(scenario(R"("watch": [")" + std::string(65537, 'w') + R"("], )" + main), "t.json");
    REQUIRE_FALSE(r.errors.empty());
    CHECK(r.errors[0].path == "/watch/0");
    CHECK(r.errors[0].message.find("string of 65537 bytes is too long (at most 65536)") != std::string::npos);
  }
  SUBCASE("JSON nesting is at most 128 levels, refused before parsing") {
    std::string deep = std::string(129, '[') + std::string(129, ']');
    LoadResult r = loadScenarioText(scenario("\n\"layout\": " + deep + ", " + main), "t.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 2);
    CHECK(r.errors[0].column == 11 + 127);  // the 128th '[' opens level 129 (the scenario object is level 1)
    CHECK(r.errors[0].message.find("nested deeper than 128 levels") != std::string::npos);
  }
  SUBCASE("a repeat runs at most 10^9 operations, nested repeats multiplied") {
    auto withBody = [&](const std::string& body) {
      return loadScenarioText(scenario(R"("functions": [{"name": "main", "body": [)" + body + "]}]"),
                              "t.json");
    };
    const std::string yield = R"({"op": "yield"})";
    CHECK(withBody(R"({"op": "repeat", "count": 1000000000, "body": [)" + yield + "]}").ok());
    CHECK(withBody(R"({"op": "repeat", "count": 500000000, "body": [)" + yield + "," + yield + "]}").ok());
    LoadResult twice =
        withBody(R"({"op": "repeat", "count": 500000001, "body": [)" + yield + "," + yield + "]}");
    REQUIRE(twice.errors.size() == 1);
    CHECK(twice.errors[0].path == "/functions/0/body/0");
    CHECK(twice.errors[0].message.find("would run 500000001 x 2 operations") != std::string::npos);
    CHECK(twice.errors[0].message.find("at most 1000000000") != std::string::npos);
    // 100000 x (1 + 100000 x 1): the outer repeat is over, named once.
    std::string inner = R"({"op": "repeat", "count": 100000, "body": [)" + yield + "]}";
    LoadResult nested =
        withBody(yield + R"(, {"op": "repeat", "count": 100000, "body": [)" + yield + "," + inner + "]}");
    REQUIRE(nested.errors.size() == 1);
    CHECK(nested.errors[0].path == "/functions/0/body/1");
    CHECK(nested.errors[0].message.find("would run 100000 x 100001 operations") != std::string::npos);
    // 30 levels of 10^9 (10^270 in all): reported once, at the innermost
    // repeat over the limit (level 29), and no overflow lets the outer ones pass.
    std::string deep = yield;
    for (int i = 0; i < 30; ++i) deep = R"({"op": "repeat", "count": 1000000000, "body": [)" + deep + "]}";
    LoadResult deepest = withBody(deep);
    REQUIRE(deepest.errors.size() == 1);
    std::string level29 = "/functions/0/body/0";
    for (int i = 1; i < 29; ++i) level29 += "/body/0";
    CHECK(deepest.errors[0].path == level29);
    CHECK(deepest.errors[0].message.find("would run 1000000000 x 1000000000 operations") !=
          std::string::npos);
  }
  SUBCASE("globals shards stay a sane number of root jobs") {
    LoadResult r = loadScenarioText(
        scenario(R"("config": {"globals_shard_bytes": 8, "extra_globals_bytes": 1073741824}, )" + main),
        "t.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "/config");
    CHECK(r.errors[0].message.find("root jobs") != std::string::npos);
  }
}

// The biggest input of these tests (17 MB of JSON): its own test case, so
// CTest runs it beside the others.
TEST_CASE("limits: at most one million operations in all") {
  std::string ops;
  ops.reserve(17'000'000);
  for (int i = 0; i < 1'000'001; ++i) ops += i ? ",{\"op\":\"yield\"}" : "{\"op\":\"yield\"}";
  LoadResult r =
      loadScenarioText(scenario(R"("functions": [{"name": "main", "body": [)" + ops + "]}]"), "t.json");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "/functions/0/body/1000000");
  CHECK(r.errors[0].message.find("too many operations") != std::string::npos);
}

// }=====  {===== what a valid scenario turns into

TEST_CASE("struct layout follows Go's sizes and alignment") {
  LoadResult r = loadOk(scenario(R"("types": [
    {"name": "T", "fields": [{"name": "a", "type": "bool"}, {"name": "p", "type": "*T"}, {"name": "b", "type": "int32"}]},
    {"name": "M", "fields": [{"name": "x", "type": "int8"}, {"name": "y", "type": "int16"}, {"name": "z", "type": "[3]byte"},
                             {"name": "q", "type": "float64"}, {"name": "kids", "type": "[2]*T"}, {"name": "u", "type": "unsafe.Pointer"}]},
    {"name": "Buf", "fields": [{"name": "next", "type": "*Buf"}], "size": 40960},
    {"name": "Empty"}],
  "functions": [{"name": "main", "body": []}])"));
  const Program& p = *r.program;
  // struct { a bool; p *T; b int32 }: p is aligned to 8, the size is rounded to 8.
  const Type& t = p.types[0];
  CHECK(t.size == 24);
  CHECK(t.fields[0].offset == 0);
  CHECK(t.fields[1].offset == 8);
  CHECK(t.fields[2].offset == 16);
  CHECK(t.numPtrs == 1);
  CHECK(t.fields[1].pointer);
  CHECK(t.fields[1].pointee == 0);
  // struct { x int8; y int16; z [3]byte; q float64; kids [2]*T; u unsafe.Pointer }
  const Type& m = p.types[1];
  CHECK(m.fields[1].offset == 2);
  CHECK(m.fields[2].offset == 4);
  CHECK(m.fields[2].bytes == 3);
  CHECK(m.fields[2].array);
  CHECK(m.fields[3].offset == 8);
  CHECK(m.fields[4].offset == 16);
  CHECK(m.fields[4].count == 2);
  CHECK(m.fields[4].firstPtr == 0);
  CHECK(m.fields[5].firstPtr == 2);
  CHECK(m.fields[5].pointee == kNone);
  CHECK(m.numPtrs == 3);
  CHECK(m.size == 40);
  CHECK(p.types[2].size == 40960);  // "size" pads the type
  CHECK(p.types[3].size == 1);      // struct{}: finalize() gives it one byte
  CHECK(p.types[3].noscan());
}

TEST_CASE("places resolve to slots, pointer-slot indexes and array indexes") {
  LoadResult r = loadOk(scenario(R"("types": [
    {"name": "Tree", "fields": [{"name": "left", "type": "*Tree"}, {"name": "val", "type": "int"},
                                {"name": "kids", "type": "[3]*Tree"}, {"name": "right", "type": "*Tree"}]}],
  "globals": [{"name": "root", "type": "*Tree"}, {"name": "t", "type": "*Tree"}, {"name": "n", "type": "int", "value": 3}],
  "functions": [
    {"name": "main", "body": [{"op": "call", "func": "f", "args": ["root"]}]},
    {"name": "f", "params": [{"name": "x", "type": "*Tree"}], "locals": [{"name": "i", "type": "int"}, {"name": "t", "type": "*Tree"}],
     "body": [
       {"op": "new", "type": "Tree", "to": "t", "label": "T"},
       {"op": "store", "to": "t.kids[2]", "from": "x"},
       {"op": "repeat", "count": 3, "index": "i", "body": [{"op": "new", "type": "Tree", "to": "t.kids[i]"}]},
       {"op": "store", "to": "root", "from": "x.right.left"},
       {"op": "clear", "to": "root.left"}
     ]}])"));
  const Program& p = *r.program;
  const Function& f = p.functions[1];
  REQUIRE(f.ops.size() == 7);
  CHECK(f.numParams == 1);
  // "t" is the local (slot 2: x, i, t), which shadows the global t.
  CHECK(f.ops[0].dst.base == Place::Base::Local);
  CHECK(f.ops[0].dst.index == 2);
  CHECK(f.ops[0].label == "T");
  // t.kids[2]: pointer slot 1 (left is 0, kids are 1..3) + 2.
  const Place& kid2 = f.ops[1].dst;
  REQUIRE(kid2.path.size() == 1);
  CHECK(kid2.path[0].slot == 3);
  CHECK(kid2.path[0].objectType == 0);
  CHECK(kid2.path[0].indexLocal == kNone);
  CHECK(kid2.path[0].text == ".kids[2]");
  CHECK(f.ops[1].src.base == Place::Base::Local);
  CHECK(f.ops[1].src.index == 0);
  // t.kids[i]: the first kid slot, plus local i at run time, bounded by 3.
  const Place& kidI = f.ops[3].dst;
  REQUIRE(kidI.path.size() == 1);
  CHECK(kidI.path[0].slot == 1);
  CHECK(kidI.path[0].indexLocal == 1);
  CHECK(kidI.path[0].arrayLen == 3);
  // x.right.left: two steps, right is pointer slot 4.
  const Place& rl = f.ops[5].src;
  REQUIRE(rl.path.size() == 2);
  CHECK(rl.path[0].slot == 4);
  CHECK(rl.path[1].slot == 0);
  CHECK(rl.text == "x.right.left");
  CHECK(f.ops[5].dst.base == Place::Base::Global);
  CHECK(f.ops[5].dst.index == 0);
  // clear is a store of nil.
  CHECK(f.ops[6].kind == OpKind::Store);
  CHECK(f.ops[6].src.isNil());
  // The global n has a value: it lives in the data segment.
  CHECK(p.globals[2].data);
  CHECK(p.globals[2].init == 3);
  CHECK_FALSE(p.globals[0].data);
  // Frame: 3 slots of 8 bytes + return address and frame pointer.
  CHECK(f.frameBytes == 40);
}

TEST_CASE("repeat blocks are flattened with matching jumps") {
  LoadResult r = loadOk(scenario(
      R"("functions": [{"name": "main", "locals": [{"name": "i", "type": "int"}, {"name": "j", "type": "int32"}],
    "body": [
      {"op": "repeat", "count": 2, "index": "i", "line": 1, "body": [
        {"op": "work", "ns": 100},
        {"op": "repeat", "count": 0, "index": "j", "body": [{"op": "yield"}]}
      ]},
      {"op": "sleep", "ns": 5}
    ]}])"));
  const std::vector<Op>& ops = r.program->functions[0].ops;
  REQUIRE(ops.size() == 7);
  CHECK(ops[0].kind == OpKind::RepeatBegin);
  CHECK(ops[0].count == 2);
  CHECK(ops[0].counterLocal == 0);
  CHECK(ops[0].jump == 5);
  CHECK(ops[5].kind == OpKind::RepeatEnd);
  CHECK(ops[5].jump == 0);
  CHECK(ops[5].line == 1);
  CHECK(ops[1].kind == OpKind::Work);
  CHECK(ops[1].count == 100);
  CHECK(ops[2].kind == OpKind::RepeatBegin);
  CHECK(ops[2].count == 0);
  CHECK(ops[2].counterLocal == 1);
  CHECK(ops[2].jump == 4);
  CHECK(ops[4].jump == 2);
  CHECK(ops[6].kind == OpKind::Sleep);
  CHECK(ops[6].count == 5);
}

TEST_CASE("calls, goroutines, finalizers and weak pointers") {
  LoadResult r =
      loadOk(scenario(R"("types": [{"name": "Node", "fields": [{"name": "next", "type": "*Node"}]}],
  "globals": [{"name": "w", "type": "weak.Pointer[Node]"}, {"name": "flag", "type": "bool", "value": true}],
  "functions": [
    {"name": "main", "locals": [{"name": "a", "type": "*Node"}, {"name": "u", "type": "unsafe.Pointer"}, {"name": "k", "type": "int"}],
     "body": [
       {"op": "call", "func": "make", "to": "a"},
       {"op": "store", "to": "u", "from": "a"},
       {"op": "set_finalizer", "obj": "a", "func": "fin"},
       {"op": "set_finalizer", "obj": "a", "func": null},
       {"op": "weak_make", "from": "a", "to": "w"},
       {"op": "weak_get", "from": "w", "to": "a"},
       {"op": "go", "func": "worker", "args": ["a", "k"], "name": "w1"},
       {"op": "go", "func": "worker", "args": ["nil", "k"]},
       {"op": "set", "to": "k", "value": -7},
       {"op": "gc"}
     ]},
    {"name": "make", "returns": "*Node", "locals": [{"name": "n", "type": "*Node"}],
     "body": [{"op": "new", "type": "Node", "to": "n", "stack": false}, {"op": "return", "value": "n"}]},
    {"name": "fin", "params": [{"name": "n", "type": "*Node"}], "body": []},
    {"name": "worker", "params": [{"name": "p", "type": "*Node"}, {"name": "count", "type": "int"}], "body": [{"op": "yield"}]}
  ],
  "schedule": [{"run": "w1", "ops": 2}, {"run": "worker"}, {"collector": 1}, {"start_gc": true}, {"until_phase": "mark_termination"}])"));
  const Program& p = *r.program;
  const std::vector<Op>& ops = p.functions[0].ops;
  CHECK(ops[0].kind == OpKind::Call);
  CHECK(ops[0].func == 1);
  CHECK(ops[0].dst.index == 0);
  CHECK(p.functions[1].returnsPointer);
  CHECK(p.functions[1].ops[1].kind == OpKind::Return);
  CHECK(p.functions[1].ops[1].src.text == "n");
  CHECK(ops[2].kind == OpKind::SetFinalizer);
  CHECK(ops[2].func == 2);
  CHECK(ops[3].func == kNone);
  CHECK(ops[4].kind == OpKind::WeakMake);
  CHECK(ops[4].dst.base == Place::Base::Global);
  CHECK(ops[5].kind == OpKind::WeakGet);
  CHECK(ops[6].kind == OpKind::Go);
  CHECK(ops[6].goName == "w1");
  CHECK(ops[6].args.size() == 2);
  CHECK(ops[7].goName == "worker");
  CHECK(ops[7].args[0].isNil());
  CHECK(ops[8].kind == OpKind::SetScalar);
  CHECK(ops[8].count == -7);
  CHECK(p.globals[0].weak);
  CHECK(p.globals[0].pointer);
  CHECK(p.globals[0].pointee == 0);
  CHECK(p.globals[1].init == 1);
  REQUIRE(p.goroutines.size() == 1);
  CHECK(p.goroutines[0].name == "main");
  CHECK(p.goroutines[0].func == 0);
  REQUIRE(p.schedule.size() == 5);
  CHECK(p.schedule[0].kind == Directive::Kind::Goroutine);
  CHECK(p.schedule[0].count == 2);
  CHECK(p.schedule[0].text == "w1: 2 ops");
  CHECK(p.schedule[1].count == 1);
  CHECK(p.schedule[2].text == "collector: 1 unit");
  CHECK(p.schedule[3].kind == Directive::Kind::StartGC);
  CHECK(p.schedule[4].phase == 3);
  CHECK(p.weakHandleType != kNone);
}

TEST_CASE("metadata, catalogue info, source and pins") {
  LoadResult r = loadScenarioText(
      scenario(R"("description": "d", "watch": ["one", "two"], "summary": "s", "difficulty": 2, "order": 7,
    "source": "package main\r\n\nfunc main() {}\n",
    "types": [{"name": "N"}],
    "functions": [{"name": "main", "locals": [{"name": "a", "type": "*N"}], "body": [{"op": "new", "type": "N", "to": "a", "label": "A", "line": 3}]}],
    "layout": {"pins": {"A": [12.5, -4]}})"),
      "dir/my-scenario.json");
  INFO(allErrors(r));
  REQUIRE(r.ok());
  const Program& p = *r.program;
  CHECK(p.title == "my-scenario");  // no "title": the file name
  CHECK(p.description == "d");
  CHECK(p.watch == std::vector<std::string>{"one", "two"});
  CHECK(p.source == std::vector<std::string>{"package main", "", "func main() {}"});
  CHECK(p.functions[0].ops[0].line == 3);
  REQUIRE(p.pins.size() == 1);
  CHECK(p.pins[0].label == "A");
  CHECK(p.pins[0].x == 12.5f);
  CHECK(p.pins[0].y == -4.0f);
  CHECK(r.info.summary == "s");
  CHECK(r.info.difficulty == 2);
  CHECK(r.info.order == 7);
  CHECK(r.sourceText.find("my-scenario") == std::string::npos);
  CHECK(r.sourceText.find("\"summary\": \"s\"") != std::string::npos);
}

TEST_CASE("config: every key, the defaults, and the GOMEMLIMIT syntax") {
  LoadResult d = loadOk(scenario(R"("functions": [{"name": "main", "body": []}])"));
  CHECK(d.program->config == Config{});
  LoadResult r = loadOk(scenario(
      R"("config": {"GOGC": "off", "GOMEMLIMIT": "64MiB", "GOMAXPROCS": 8, "write_barrier": "dijkstra",
    "stack_rescan": false, "seed": 18446744073709551615, "scheduling": "random", "tiny_alloc": false, "wb_buffer_entries": 0,
    "monitor": false, "check_invariants": true, "globals_shard_bytes": 1024, "extra_globals_bytes": 4096, "time_slice_ns": 1e6,
    "periodic_gc": false, "costs": {"op": 1, "scan_bytes_per_ns": 8, "barrier": 3}},
    "functions": [{"name": "main", "body": []}])"));
  const Config& c = r.program->config;
  CHECK(c.gogc == -1);
  CHECK(c.memoryLimit == 64 * MiB);
  CHECK(c.gomaxprocs == 8);
  CHECK(c.barrier == BarrierMode::Dijkstra);
  CHECK_FALSE(c.stackRescan);
  CHECK(c.seed == UINT64_MAX);
  CHECK(c.scheduling == SchedulingMode::Random);
  CHECK_FALSE(c.tinyAlloc);
  CHECK(c.wbBufEntries == 0);
  CHECK_FALSE(c.monitor);
  CHECK(c.checkInvariants);
  CHECK(c.globalsShardBytes == 1024);
  CHECK(c.extraGlobalsBytes == 4096);
  CHECK(c.timeSliceNs == 1'000'000);
  CHECK_FALSE(c.periodicGC);
  CHECK(c.costs.op == 1);
  CHECK(c.costs.scanBytesPerNs == 8);
  CHECK(c.costs.barrier == 3);
  CHECK(c.costs.alloc == Costs{}.alloc);
  LoadResult y = loadOk(scenario(
      R"("config": {"write_barrier": "yuasa", "stack_snapshot": false, "GOMEMLIMIT": 1048576, "GOGC": 0},
    "functions": [{"name": "main", "body": []}])"));
  CHECK_FALSE(y.program->config.stackSnapshot);
  CHECK(y.program->config.memoryLimit == MiB);
  CHECK(y.program->config.gogc == 0);
}

TEST_CASE("command-line config overrides use the JSON config syntax") {
  Config c;
  CHECK(applyConfigOverride(c, "GOGC=50") == "");
  CHECK(c.gogc == 50);
  CHECK(applyConfigOverride(c, "GOGC=off") == "");
  CHECK(c.gogc == -1);
  CHECK(applyConfigOverride(c, "GOMEMLIMIT=512KiB") == "");
  CHECK(c.memoryLimit == 512 * KiB);
  CHECK(applyConfigOverride(c, "GOMEMLIMIT=1048576B") == "");
  CHECK(c.memoryLimit == MiB);
  CHECK(applyConfigOverride(c, "GOMEMLIMIT=off") == "");
  CHECK(c.memoryLimit == Config{}.memoryLimit);
  CHECK(applyConfigOverride(c, "write_barrier=none") == "");
  CHECK(c.barrier == BarrierMode::None);
  CHECK(applyConfigOverride(c, "monitor=false") == "");
  CHECK_FALSE(c.monitor);
  CHECK(applyConfigOverride(c, "costs.op=80") == "");
  CHECK(c.costs.op == 80);
  CHECK(applyConfigOverride(c, "seed=42") == "");
  CHECK(c.seed == 42);
  // Errors leave the config untouched.
  Config before = c;
  CHECK(applyConfigOverride(c, "GOGX=50").find("did you mean 'GOGC'?") != std::string::npos);
  CHECK(applyConfigOverride(c, "GOMAXPROCS=0").find("from 1 to 256") != std::string::npos);
  CHECK(applyConfigOverride(c, "GOMEMLIMIT=64MB").find("write MiB") != std::string::npos);
  CHECK(applyConfigOverride(c, "stack_rescan=false").find("dijkstra") != std::string::npos);
  CHECK(applyConfigOverride(c, "costs.opp=1").find("did you mean 'op'?") != std::string::npos);
  CHECK(applyConfigOverride(c, "GOGC").find("key=value") != std::string::npos);
  CHECK(applyConfigOverride(c, "GOMEMLIMIT=99999999999TiB").find("too large") != std::string::npos);
  CHECK(c == before);
  CHECK(applyConfigOverride(c, "write_barrier=dijkstra") == "");
  CHECK(applyConfigOverride(c, "stack_rescan=false") == "");
  CHECK_FALSE(c.stackRescan);
}

// }=====  {===== the shipped scenarios, the schema and the docs

// A small JSON Schema (draft 2020-12) validator for the keywords our schema
// uses. It fails loudly on any other keyword, so the schema cannot use one
// this check silently ignores.
class SchemaCheck {
 public:
  explicit SchemaCheck(const json& root) : root_(root) {}

  std::vector<std::string> validate(const json& doc) {
    errors_.clear();
    check(root_, doc, "");
    return errors_;
  }

 private:
  static bool isInteger(const json& v) {
    return v.is_number_integer() ||
           (v.is_number_float() &&
            v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>())));
  }
  static std::size_t codePoints(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }
  bool typeIs(const json& v, const std::string& t) {
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    if (t == "string") return v.is_string();
    if (t == "boolean") return v.is_boolean();
    if (t == "null") return v.is_null();
    if (t == "number") return v.is_number();
    if (t == "integer") return v.is_number() && isInteger(v);
    fail("", "unknown type " + t);
    return false;
  }
  void fail(const std::string& at, const std::string& what) { errors_.push_back(at + ": " + what); }

  // Returns whether `v` is valid; records errors only when `record`.
  bool check(const json& s, const json& v, const std::string& at, bool record = true) {
    std::vector<std::string> saved = errors_;
    std::size_t before = errors_.size();
    run(s, v, at);
    bool ok = errors_.size() == before;
    if (!record) errors_ = saved;
    return ok;
  }

  void run(const json& s, const json& v, const std::string& at) {
    static const std::set<std::string> annotations = {"$schema", "title", "description", "$defs", "$comment"};
    for (const auto& [k, kv] : s.items()) {
      if (annotations.count(k) || k == "then" || k == "else") continue;
      if (k == "$ref") {
        const std::string ref = kv.get<std::string>();
        REQUIRE(ref.rfind("#/$defs/", 0) == 0);
        run(root_.at("$defs").at(ref.substr(8)), v, at);
      } else if (k == "type") {
        if (!typeIs(v, kv.get<std::string>())) fail(at, "expected " + kv.get<std::string>());
      } else if (k == "const") {
        if (v != kv) fail(at, "expected " + kv.dump());
      } else if (k == "enum") {
        if (std::find(kv.begin(), kv.end(), v) == kv.end()) fail(at, "not in enum");
      } else if (k == "minimum") {
        if (v.is_number() && v.get<double>() < kv.get<double>()) fail(at, "below minimum");
      } else if (k == "maximum") {
        if (v.is_number() && v.get<double>() > kv.get<double>()) fail(at, "above maximum");
      } else if (k == "minLength") {
        if (v.is_string() && codePoints(v.get<std::string>()) < kv.get<std::size_t>()) fail(at, "too short");
      } else if (k == "maxLength") {
        if (v.is_string() && codePoints(v.get<std::string>()) > kv.get<std::size_t>()) fail(at, "too long");
      } else if (k == "pattern") {
        if (v.is_string() && !std::regex_search(v.get<std::string>(), std::regex(kv.get<std::string>())))
          fail(at, "does not match " + kv.get<std::string>());
      } else if (k == "minItems") {
        if (v.is_array() && v.size() < kv.get<std::size_t>()) fail(at, "too few items");
      } else if (k == "maxItems") {
        if (v.is_array() && v.size() > kv.get<std::size_t>()) fail(at, "too many items");
      } else if (k == "items") {
        if (v.is_array())
          for (std::size_t i = 0; i < v.size(); ++i) run(kv, v[i], at + "/" + std::to_string(i));
      } else if (k == "required") {
        if (v.is_object())
          for (const json& r : kv)
            if (!v.contains(r.get<std::string>())) fail(at, "missing " + r.get<std::string>());
      } else if (k == "dependentRequired") {
        if (v.is_object())
          for (const auto& [dk, needs] : kv.items())
            if (v.contains(dk))
              for (const json& r : needs)
                if (!v.contains(r.get<std::string>())) fail(at, dk + " needs " + r.get<std::string>());
      } else if (k == "properties") {
        if (v.is_object())
          for (const auto& [pk, pv] : v.items())
            if (kv.contains(pk)) run(kv.at(pk), pv, at + "/" + pk);
      } else if (k == "additionalProperties") {
        if (!v.is_object()) continue;
        const json* props = s.contains("properties") ? &s.at("properties") : nullptr;
        for (const auto& [pk, pv] : v.items()) {
          if (props && props->contains(pk)) continue;
          if (kv.is_boolean()) {
            if (!kv.get<bool>()) fail(at + "/" + pk, "unknown key");
          } else {
            run(kv, pv, at + "/" + pk);
          }
        }
      } else if (k == "allOf") {
        for (const json& sub : kv) run(sub, v, at);
      } else if (k == "anyOf" || k == "oneOf") {
        int matches = 0;
        for (const json& sub : kv) matches += check(sub, v, at, false) ? 1 : 0;
        if (matches == 0 || (k == "oneOf" && matches > 1))
          fail(at, k + " matched " + std::to_string(matches));
      } else if (k == "if") {
        if (check(kv, v, at, false)) {
          if (s.contains("then")) run(s.at("then"), v, at);
        } else if (s.contains("else")) {
          run(s.at("else"), v, at);
        }
      } else {
        FAIL("the schema uses keyword '" << k << "', which this check does not implement");
      }
    }
  }

  const json& root_;
  std::vector<std::string> errors_;
};

json loadSchema() { return json::parse(readFile(kRoot / "scenarios/scenario.schema.json")); }

TEST_CASE("every shipped scenario loads without errors and validates against the schema") {
  json schema = loadSchema();
  SchemaCheck check(schema);
  std::vector<fs::path> files = scenarioFiles();
  CHECK(files.size() >= 4);
  for (const fs::path& f : files) {
    INFO(f.filename().string());
    LoadResult r = loadScenarioFile(f.string());
    INFO(allErrors(r));
    CHECK(r.ok());
    CHECK(r.errors.empty());
    CHECK(r.sourceText == readFile(f));
    std::vector<std::string> problems = check.validate(json::parse(readFile(f)));
    std::string text;
    for (const std::string& p : problems) text += p + "\n";
    INFO(text);
    CHECK(problems.empty());
  }
  // The validator itself does reject what it should.
  CHECK_FALSE(check
                  .validate(json::parse(
                      R"({"format": "tricolor-scenario", "version": 1, "functions": [], "titel": ""})"))
                  .empty());
  CHECK_FALSE(
      check
          .validate(json::parse(
              R"({"format": "tricolor-scenario", "version": 1, "functions": [{"name": "main", "body": [{"op": "store", "to": "a"}]}]})"))
          .empty());
  CHECK_FALSE(
      check
          .validate(json::parse(
              R"({"format": "tricolor-scenario", "version": 1, "functions": [], "schedule": [{"run": "main", "collector": 1}]})"))
          .empty());
  CHECK(
      check
          .validate(json::parse(
              R"({"format": "tricolor-scenario", "version": 1, "functions": [], "schedule": [{"run": "main", "ops": 2}]})"))
          .empty());
}

std::set<std::string> schemaKeys(const json& schema, const std::string& section) {
  const json* node = nullptr;
  if (section == "scenario")
    node = &schema;
  else if (section.rfind("op:", 0) == 0)
    node = &schema.at("$defs").at("op_" + section.substr(3));
  else
    node = &schema.at("$defs").at(section);
  std::set<std::string> keys;
  for (const auto& [k, v] : node->at("properties").items()) keys.insert(k);
  return keys;
}

std::vector<std::string> allSections() {
  std::vector<std::string> s = {"scenario", "config", "costs",     "type",      "field", "global",
                                "function", "slot",   "goroutine", "directive", "layout"};
  for (const std::string& op : scenarioOpNames()) s.push_back("op:" + op);
  return s;
}

TEST_CASE("the loader and the schema accept exactly the same keys") {
  json schema = loadSchema();
  for (const std::string& section : allSections()) {
    INFO(section);
    std::vector<std::string> loader = scenarioKeys(section);
    REQUIRE_FALSE(loader.empty());
    CHECK(std::set<std::string>(loader.begin(), loader.end()) == schemaKeys(schema, section));
    // Every object of the schema closes its key set, like the loader does.
    const json& node = section == "scenario"          ? schema
                       : section.rfind("op:", 0) == 0 ? schema["$defs"]["op_" + section.substr(3)]
                                                      : schema["$defs"][section];
    CHECK(node.at("additionalProperties") == false);
  }
  std::vector<std::string> ops;
  for (const json& o : schema["$defs"]["op"]["properties"]["op"]["enum"]) ops.push_back(o.get<std::string>());
  CHECK(ops == scenarioOpNames());
  CHECK(scenarioKeys("no such section").empty());
}

TEST_CASE("docs/scenario-format.md documents every key and every op") {
  const std::string doc = readFile(kRoot / "docs/scenario-format.md");
  REQUIRE_FALSE(doc.empty());
  for (const std::string& section : allSections())
    for (const std::string& key : scenarioKeys(section)) {
      INFO(section << " key " << key);
      CHECK(doc.find("`" + key + "`") != std::string::npos);
    }
  for (const std::string& op : scenarioOpNames()) {
    INFO(op);
    CHECK(doc.find("`\"op\": \"" + op + "\"`") != std::string::npos);
  }
}

// }=====  {===== robustness

// splitmix64: a fixed-seed source for deterministic mutations.
std::uint64_t nextRandom(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::string mutate(std::string text, std::uint64_t& rng) {
  static const char* const kTokens[] = {"{",
                                        "}",
                                        "[",
                                        "]",
                                        ",",
                                        ":",
                                        "\"",
                                        "null",
                                        "-1",
                                        "1e400",
                                        "\"nil\"",
                                        "\\u0000",
                                        "\"a.next.next\"",
                                        "\"op\"",
                                        "\"repeat\"",
                                        "999999999999",
                                        "\xff",
                                        "\n"};
  int edits = 1 + static_cast<int>(nextRandom(rng) % 4);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    std::size_t at = nextRandom(rng) % text.size();
    switch (nextRandom(rng) % 5) {
      case 0: text[at] = static_cast<char>(text[at] ^ (1 << (nextRandom(rng) % 8))); break;  // bit flip
      case 1: text.resize(at); break;                                                        // truncation
      case 2: text.erase(at, 1 + nextRandom(rng) % 16); break;                               // deletion
      case 3: text.insert(at, kTokens[nextRandom(rng) % std::size(kTokens)]); break;  // token insertion
      default: {                                                                      // duplicate a chunk
        std::size_t len = std::min<std::size_t>(text.size() - at, 1 + nextRandom(rng) % 64);
        text.insert(nextRandom(rng) % text.size(), text.substr(at, len));
      }
    }
  }
  return text;
}

// Structure-level mutation: replace, delete or rename one value somewhere
// in the document, so the mutant is valid JSON and reaches the checks
// behind the parser.
std::string mutateTree(const std::string& text, std::uint64_t& rng) {
  json doc = json::parse(text);
  std::vector<json::json_pointer> all;
  std::vector<std::pair<json*, json::json_pointer>> stack{{&doc, json::json_pointer()}};
  while (!stack.empty()) {
    auto [node, ptr] = stack.back();
    stack.pop_back();
    all.push_back(ptr);
    if (node->is_object())
      for (auto it = node->begin(); it != node->end(); ++it) stack.push_back({&it.value(), ptr / it.key()});
    else if (node->is_array())
      for (std::size_t i = 0; i < node->size(); ++i) stack.push_back({&(*node)[i], ptr / i});
  }
  static const json kValues[] = {nullptr,
                                 -1,
                                 0,
                                 1,
                                 65536,
                                 1e10,
                                 2.5,
                                 true,
                                 "nil",
                                 "a",
                                 "a.next",
                                 "a.kids[9]",
                                 "*Node",
                                 "weak.Pointer[Node]",
                                 "[3]int",
                                 "main",
                                 "off",
                                 "64MiB",
                                 json::array(),
                                 json::object(),
                                 json::array({json::object({{"op", "gc"}})}),
                                 std::string(300, 'x')};
  int edits = 1 + static_cast<int>(nextRandom(rng) % 3);
  for (int e = 0; e < edits; ++e) {
    const json::json_pointer& at = all[nextRandom(rng) % all.size()];
    if (at.empty() || !doc.contains(at)) continue;
    json& parent = doc[at.parent_pointer()];
    switch (nextRandom(rng) % 3) {
      case 0: doc[at] = kValues[nextRandom(rng) % std::size(kValues)]; break;
      case 1:
        if (parent.is_object())
          parent.erase(at.back());
        else
          parent.erase(parent.begin() + static_cast<std::ptrdiff_t>(std::stoul(at.back())));
        break;
      default:
        if (parent.is_object()) {
          json v = parent[at.back()];
          parent.erase(at.back());
          parent[at.back() + "x"] = v;
        } else {
          parent.push_back(doc[at]);
        }
    }
    break;  // pointers may be stale after an edit
  }
  return doc.dump(nextRandom(rng) % 2 ? 2 : -1);
}

TEST_CASE("mangled scenarios never crash the loader and never fail silently") {
  std::uint64_t rng = 20240601;
  std::vector<std::string> inputs;
  for (const fs::path& f : scenarioFiles()) inputs.push_back(readFile(f));
  for (const Expected& x : kMalformed) {
    std::string t = readFile(kRoot / "tests/io/malformed" / x.file);
    if (t.size() < 4096) inputs.push_back(t);
  }
  int loaded = 0, rejected = 0;
  for (int i = 0; i < 800; ++i) {
    const std::string& base = inputs[static_cast<std::size_t>(i) % inputs.size()];
    // Half byte-level (syntax paths), half tree-level on parseable inputs (semantic paths).
    bool tree = i % 2 == 1 && json::accept(base);
    std::string text = tree ? mutateTree(base, rng) : mutate(base, rng);
    LoadResult r;
    REQUIRE_NOTHROW(r = loadScenarioText(text, "mutant.json"));
    INFO("mutant " << i << ":\n" << text);
    CHECK(r.ok() != !r.errors.empty());
    CHECK((r.program != nullptr) == r.errors.empty());
    for (const LoadError& e : r.errors) {
      CHECK_FALSE(e.message.empty());
      CHECK(e.line >= 0);
      CHECK(e.column >= 0);
      if (tree && !e.path.empty()) CHECK(e.line > 0);  // a value the loader names, it can also locate
    }
    (r.ok() ? loaded : rejected)++;
  }
  CHECK(rejected > 0);
  CHECK(loaded > 0);
  MESSAGE("mutants: " << loaded << " loaded, " << rejected << " rejected");
}

}  // namespace
