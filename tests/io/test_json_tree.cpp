// Tests of the loader's fast road (core/io/json_tree.cpp) and of loading
// big scenarios.
//
// The fast parser must read every document exactly as nlohmann does (the
// loader's slow road, whose tree is the reference) and must give up on
// everything nlohmann or checkShape() would refuse, so that the error
// messages keep coming from the old road. A scenario of 10^5 operations
// must load to the program its pattern says, and an error in its middle
// must still name the exact JSON pointer and line:column.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/json_positions.hpp"
#include "core/io/json_tree.hpp"
#include "core/io/scenario_loader.hpp"

#ifndef TRICOLOR_SOURCE_DIR
#error "tests/CMakeLists.txt must define TRICOLOR_SOURCE_DIR (the repository root)"
#endif

using namespace tricolor;

namespace {

const json_text::ShapeLimits kJtLimits{128, std::size_t{1} << 24, std::size_t{1} << 23};

std::string jtRead(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Whether nlohmann parses `text` (the loader's reference).
bool jtNlohmannParses(const std::string& text) {
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    (void)j;
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

// If the fast parser accepts `text`, nlohmann (after checkShape()) accepts
// it too and to the same tree; if nlohmann refuses it, so does the fast
// parser. Returns whether the fast parser accepted it.
bool jtCheckSame(const std::string& text, const json_text::ShapeLimits& limits = kJtLimits) {
  INFO("text: " << text.substr(0, 200));
  json_tree::Doc fast;
  const bool fastOk = json_tree::parseFast(text, limits, fast);
  const bool shapeOk = !json_text::checkShape(text, limits).has_value();
  const bool slowOk = shapeOk && jtNlohmannParses(text);
  if (!slowOk) CHECK_FALSE(fastOk);
  if (!fastOk) {
    CHECK(fast.empty());
    return false;
  }
  REQUIRE(slowOk);
  const json_tree::Doc slow = json_tree::fromNlohmann(nlohmann::json::parse(text));
  CHECK(json_tree::sameTree(fast.root(), slow.root()));
  return true;
}

// A scenario of `ops` operations, one per line from line 6 on, cycling
// through new, store along a field, store, clear, set and a repeat.
std::string jtBigScenario(int ops, int badAt = -1, const std::string& bad = "") {
  std::string s = R"({"format": "tricolor-scenario", "version": 1, "title": "big",
"types": [{"name": "Node", "fields": [{"name": "next", "type": "*Node"}, {"name": "kids", "type": "[2]*Node"}]}],
"globals": [{"name": "g", "type": "*Node"}],
"functions": [{"name": "main", "locals": [{"name": "a", "type": "*Node"}, {"name": "b", "type": "*Node"}, {"name": "n", "type": "int"}],
"body": [
)";
  for (int i = 0; i < ops; ++i) {
    if (i) s += ",\n";
    if (i == badAt) {
      s += bad;
      continue;
    }
    const std::string line = std::to_string(i + 1);
    switch (i % 6) {
      case 0:
        s += R"({"op": "new", "type": "Node", "to": "a", "label": "A)" + line + R"(", "line": )" + line + "}";
        break;
      case 1: s += R"({"line": )" + line + R"(, "to": "a.kids[1]", "op": "store", "from": "b"})"; break;
      case 2: s += R"({"op": "store", "to": "b", "from": "a.next", "line": )" + line + "}"; break;
      case 3: s += R"({"op": "clear", "to": "g", "line": )" + line + "}"; break;
      case 4: s += R"({"op": "set", "to": "n", "value": -)" + line + R"(, "line": )" + line + "}"; break;
      default:
        s += R"({"op": "repeat", "count": 3, "body": [{"op": "gc"}, {"op": "yield"}], "line": )" + line + "}";
        break;
    }
  }
  s += "\n]}]}\n";
  return s;
}

}  // namespace

TEST_CASE("the fast JSON parser reads documents exactly as nlohmann does") {
  const std::vector<std::string> docs = {
      "{}",
      "[]",
      "null",
      "true",
      "false",
      "0",
      "-0",
      "7",
      "\"\"",
      " \t\r\n[ 1 , 2 ]\n ",
      "\xEF\xBB\xBF{\"bom\": 1}",                      // a UTF-8 byte order mark, skipped
      R"({"b": 1, "a": 2, "c": {"z": [], "y": {}}})",  // members in key order
      R"({"k": 1, "j": 2, "k": 3})",                   // a repeated key keeps its last value
      R"({"m":1,"l":2,"k":3,"j":4,"i":5,"h":6,"g":7,"f":8,"e":9,"d":10,"c":11,"b":12,"a":13,"n":14,"o":15,"p":16,"q":17,"a":18})",
      R"([123456789012345678, 1234567890123456789, 12345678901234567890, 18446744073709551615,
          18446744073709551616, -9223372036854775808, -9223372036854775809, 1.5, -2.5e3, 1E2, 1e-400, -0.0, 0.1])",
      R"(["plain", "esc \" \\ \/ \b \f \n \r \t", "\u0041\u00e9\u20ac\ud83d\ude00", "\u0000", "é€😀"])",
      R"({"a/b~c": {"": "empty key"}, "é": 1})",
  };
  for (const std::string& d : docs) CHECK(jtCheckSame(d));
}

TEST_CASE("the fast JSON parser gives up on whatever nlohmann refuses") {
  const std::vector<std::string> bad = {
      "",
      " ",
      "[1,]",
      "{\"a\": 1,}",
      "01",
      "1.",
      ".5",
      "+1",
      "-",
      "1e",
      "1e+",
      "[1 2]",
      "{\"a\" 1}",
      "{a: 1}",
      "tru",
      "nul",
      "falsy",
      "{} x",
      "[",
      "]",
      "\"abc",
      "\"\x01\"",
      "\"\xC0\x80\"",
      "\"\xED\xA0\x80\"",
      "\"\xF4\x90\x80\x80\"",
      "\"\xE2\x82\"",
      "\"\\x\"",
      "\"\\uD800\"",
      "\"\\uDC00\"",
      "\"\\uD800\\u0041\"",
      "\"\\u12G4\"",
      "1e400",
      "[-1e400]",
      "// c\n{}",
      "\xEF\xBB{}",
  };
  for (const std::string& b : bad) {
    INFO("text: " << b);
    CHECK_FALSE(jtNlohmannParses(b));
    jtCheckSame(b);
  }
}

TEST_CASE("what the fast parser is not sure about takes nlohmann's road, with nlohmann's result") {
  // nlohmann stops reading at a NUL byte: what follows it is ignored.
  const std::string withNul = std::string(R"({"format": "tricolor-scenario", "version": 1,
    "functions": [{"name": "main", "body": [{"op": "gc"}]}]})") +
                              std::string("\0 trailing", 10);
  json_tree::Doc fast;
  CHECK_FALSE(json_tree::parseFast(withNul, kJtLimits, fast));
  CHECK(jtNlohmannParses(withNul));
  LoadResult r = loadScenarioText(withNul, "nul.json");
  CHECK(r.ok());
}

TEST_CASE("the fast JSON parser gives up exactly where checkShape() would stop the load") {
  const json_text::ShapeLimits small{3, 4, 12, "a test"};
  for (const char* d : {"[[[]]]", "[[[[]]]]", "[1,2,3]", "[1,2,3,4]", "[1,2,3,4,5]", "{\"a\":[[1]]}",
                        "{\"a\":{\"b\":{\"c\":{}}}}", "[[1,2],[3,4],[5,6],[7]]", "[[1,2,3],[4,5,6],[7,8,9]]",
                        "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}"})
    CHECK(jtCheckSame(d, small) == !json_text::checkShape(d, small).has_value());
}

TEST_CASE("every shipped scenario and every malformed file parse the same on both roads") {
  const std::filesystem::path root = TRICOLOR_SOURCE_DIR;
  int files = 0;
  for (const char* dir : {"scenarios", "tests/io/malformed"})
    for (const auto& e : std::filesystem::directory_iterator(root / dir)) {
      if (e.path().extension() != ".json") continue;
      const std::string text = jtRead(e.path());
      const bool fast = jtCheckSame(text);
      if (std::string(dir) == "scenarios") CHECK(fast);
      // A file's text is handed to the result rather than copied: still all of it.
      CHECK(loadScenarioFile(e.path().string()).sourceText == text);
      ++files;
    }
  CHECK(files > 60);
}

TEST_CASE("a scenario of 10^5 operations loads to the program its pattern says") {
  constexpr int kOps = 100'000;
  const std::string text = jtBigScenario(kOps);
  // The same tree as nlohmann's: the loader reads the same values as before the fast road.
  json_tree::Doc fast;
  REQUIRE(json_tree::parseFast(text, kJtLimits, fast));
  CHECK(json_tree::sameTree(fast.root(), json_tree::fromNlohmann(nlohmann::json::parse(text)).root()));

  LoadResult big = loadScenarioText(text, "big.json");
  REQUIRE_MESSAGE(big.ok(), (big.errors.empty() ? "" : big.errors.front().format()));
  // A small scenario with one period of the pattern is the reference for every op.
  LoadResult small = loadScenarioText(jtBigScenario(6), "small.json");
  REQUIRE(small.ok());
  const std::vector<Op>& one = small.program->functions.at(0).ops;
  REQUIRE(one.size() == 9);  // 5 ops + repeat begin, gc, yield, repeat end
  const std::vector<Op>& ops = big.program->functions.at(0).ops;
  REQUIRE(ops.size() == (kOps / 6) * 9 + 4 /* the 4 ops of the last, partial period */);
  std::size_t mismatches = 0;
  for (std::size_t k = 0; k < ops.size(); ++k) {
    const std::size_t period = k / 9, inPeriod = k % 9;
    Op want = one[inPeriod];
    const int opIndex = static_cast<int>(period * 6 + std::min<std::size_t>(inPeriod, 5));
    want.line = want.line == 0 ? 0 : static_cast<std::uint32_t>(opIndex + 1);
    if (want.kind == OpKind::New) want.label = "A" + std::to_string(opIndex + 1);
    if (want.kind == OpKind::SetScalar) want.count = -(opIndex + 1);
    if (want.kind == OpKind::RepeatBegin || want.kind == OpKind::RepeatEnd)
      want.jump = static_cast<std::uint32_t>(period * 9 + want.jump);
    if (!(ops[k] == want)) ++mismatches;
  }
  CHECK(mismatches == 0);
  CHECK(ops[1].dst.text == "a.kids[1]");
  REQUIRE(ops[1].dst.path.size() == 1);
  CHECK(ops[1].dst.path[0].slot == 2);  // next is pointer 0, kids[1] is pointer 2
  CHECK(ops.back().line == kOps);
}

TEST_CASE("an error in the middle of a 10^5-operation scenario names its exact pointer and line:column") {
  constexpr int kOps = 100'000;
  constexpr int kAt = 54'321;
  const int line = 6 + kAt;  // the body starts on line 6, one op per line
  struct Case {
    std::string op, path;
    std::string marker;  // the error points where this text starts in the op (its last occurrence)
    std::string message;
  };
  const std::vector<Case> cases = {
      // semantic errors: the fast road, the pointer spelled out only for the error
      {R"({"op": "store", "to": "a", "from": "zz"})", "/functions/0/body/54321/from", R"("zz")",
       "unknown variable 'zz'"},
      {R"({"op": "store", "to": "a.kids[2]", "from": "b"})", "/functions/0/body/54321/to", R"("a.kids[2]")",
       "index 2 out of range for [2]*Node"},
      {R"({"op": "repeat", "count": 2, "body": [{"op": "gc"}, {"op": "nwe"}]})",
       "/functions/0/body/54321/body/1/op", R"("nwe")", "unknown op 'nwe', did you mean 'new'?"},
      {R"({"op": "clear", "to": "g", "form": "a"})", "/functions/0/body/54321/form", R"("form")",
       "unknown key 'form' in a \"clear\" op"},
      // a repeated key: noticed by the fast parser, placed by locate()
      {R"({"op": "clear", "to": "g", "to": "a"})", "/functions/0/body/54321/to", R"("to")", "duplicate key"},
      // a syntax error: the slow road, nlohmann's message (at the last byte of the unexpected "to")
      {R"({"op": "clear" "to": "g"})", "", R"(": "g")", "syntax error while parsing object"},
  };
  for (const Case& c : cases) {
    LoadResult r = loadScenarioText(jtBigScenario(kOps, kAt, c.op), "big.json");
    INFO(c.op);
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.errors.size() == 1);
    const LoadError& e = r.errors.front();
    INFO(e.format());
    CHECK(e.path == c.path);
    CHECK(e.line == line);
    CHECK(e.column == static_cast<int>(c.op.rfind(c.marker)) + 1);
    CHECK(e.message.find(c.message) != std::string::npos);
  }
}
