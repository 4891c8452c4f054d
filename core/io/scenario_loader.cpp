// Scenario loader: JSON text -> checked Program (format v1).
//
// The work happens in passes, so a name can be used before it is declared
// (a type can point to itself or to a later type, main can call a function
// written below it) and so every problem can be reported, not just the first:
//
//   bytes      size cap, then a tolerant shape scan (depth, array sizes)
//   JSON       nlohmann parse (syntax errors get line:column)
//   header     "format" and "version" (a wrong one stops here: the rest
//              would be read with the wrong rules)
//   sections   config, types (names first, then fields), globals,
//              function signatures, goroutines, function bodies, schedule,
//              layout pins
//   finish     Program::finalize(); positions of every error's JSON
//              pointer are found in one pass over the text
//
// Each problem is recorded with the JSON pointer of the value at fault; a
// value gets at most one error (the first), so one typo does not produce a
// cascade of messages about the same spot.
#include "core/io/scenario_loader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

#include "core/io/json_positions.hpp"
#include "core/io/json_tree.hpp"

namespace tricolor {

namespace {

using json = json_tree::Value;  // the loader reads the compact tree (see json_tree.hpp)
using njson = nlohmann::json;   // the slow road: error messages for syntax errors

// {===== limits (documented in docs/scenario-format.md, "Limits")

constexpr std::uint64_t kMaxFileBytes = 64 * MiB;
constexpr int kMaxJsonDepth = 128;
constexpr std::size_t kMaxJsonArray = std::size_t{1} << 24;
constexpr std::size_t kMaxJsonValues = std::size_t{1} << 23;  // bounds nlohmann's memory (~100 B per value)
constexpr std::size_t kMaxStringBytes = 64 * KiB;
constexpr std::size_t kMaxNameChars = 256;
constexpr int kMaxRepeatNesting = 64;
constexpr std::int64_t kMaxRepeatCount = 1'000'000'000;
constexpr std::uint64_t kMaxRepeatRuns = 1'000'000'000;  // count x ops in the body, nested repeats multiplied
constexpr std::uint64_t kMaxTypeBytes = GiB;
constexpr std::int64_t kMaxArrayLen = std::int64_t{1} << 24;
constexpr std::size_t kMaxOps = 1'000'000;
constexpr std::size_t kMaxGoroutines = 10'000;
constexpr std::size_t kMaxTypes = 10'000;
constexpr std::size_t kMaxFields = 10'000;
constexpr std::size_t kMaxGlobals = 100'000;
constexpr std::size_t kMaxFunctions = 10'000;
constexpr std::size_t kMaxSlots = 10'000;
constexpr std::size_t kMaxDirectives = 1'000'000;
constexpr std::size_t kMaxSourceLines = 1'000'000;
constexpr std::size_t kMaxWatch = 1'000;
constexpr std::size_t kMaxPins = 100'000;
constexpr std::int64_t kMaxNs = 10'000'000'000'000;  // 1e13 ns: almost three simulated hours
constexpr std::int64_t kMaxDirectiveCount = 1'000'000'000;
constexpr std::uint64_t kMaxGlobalsRootJobs = 65'536;
constexpr double kMaxPinCoord = 1e6;
constexpr std::size_t kMaxErrors = 100;

// }=====  {===== small helpers

const std::map<std::string, std::vector<std::string>>& keyTable() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"scenario",
       {"$schema", "format", "version", "title", "description", "watch", "summary", "difficulty", "order",
        "config", "types", "globals", "functions", "goroutines", "schedule", "source", "layout"}},
      {"config",
       {"GOGC", "GOMEMLIMIT", "GOMAXPROCS", "write_barrier", "stack_rescan", "stack_snapshot", "seed",
        "scheduling", "tiny_alloc", "wb_buffer_entries", "monitor", "check_invariants", "globals_shard_bytes",
        "extra_globals_bytes", "time_slice_ns", "periodic_gc", "costs"}},
      {"costs",
       {"op", "alloc", "scan_object_base", "scan_bytes_per_ns", "shade", "root_job", "sweep_span",
        "stop_the_world", "mark_termination", "barrier"}},
      {"type", {"name", "fields", "size"}},
      {"field", {"name", "type"}},
      {"global", {"name", "type", "value"}},
      {"function", {"name", "params", "locals", "returns", "body"}},
      {"slot", {"name", "type"}},
      {"goroutine", {"name", "func"}},
      {"directive", {"run", "ops", "collector", "start_gc", "until_phase"}},
      {"layout", {"pins"}},
      {"op:new", {"op", "type", "to", "stack", "label", "line"}},
      {"op:store", {"op", "to", "from", "line"}},
      {"op:clear", {"op", "to", "line"}},
      {"op:set", {"op", "to", "value", "line"}},
      {"op:call", {"op", "func", "args", "to", "line"}},
      {"op:return", {"op", "value", "line"}},
      {"op:go", {"op", "func", "args", "name", "line"}},
      {"op:gc", {"op", "line"}},
      {"op:set_finalizer", {"op", "obj", "func", "line"}},
      {"op:weak_make", {"op", "from", "to", "line"}},
      {"op:weak_get", {"op", "from", "to", "line"}},
      {"op:repeat", {"op", "count", "index", "body", "line"}},
      {"op:work", {"op", "ns", "line"}},
      {"op:sleep", {"op", "ns", "line"}},
      {"op:yield", {"op", "line"}},
  };
  return table;
}

const std::vector<std::string> kOpNames = {"new",      "store",  "clear", "set",           "call",
                                           "return",   "go",     "gc",    "set_finalizer", "weak_make",
                                           "weak_get", "repeat", "work",  "sleep",         "yield"};

const std::vector<std::string> kPhaseNames = {"off", "sweep_termination", "mark", "mark_termination",
                                              "sweep"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Edit distance counting a swap of two neighbours as one edit (optimal
// string alignment), case-insensitive: "titel" -> "title", "gogc" -> "GOGC".
std::size_t editDistance(std::string_view a0, std::string_view b0) {
  std::string a = lower(a0), b = lower(b0);
  std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

// The closest candidate, if it is close enough to be a likely typo (short
// names get no suggestion beyond case: "c" is not a typo of "a").
// Bounded work: long words and huge candidate lists get no suggestion.
std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.size() > 64) return "";
  std::size_t allowed = word.size() <= 2 ? 0 : word.size() <= 5 ? 1 : 2;
  std::string best;
  std::size_t bestD = allowed + 1;
  std::size_t compared = 0;
  for (const std::string& c : candidates) {
    std::size_t lenDiff = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (lenDiff > allowed || c == word) continue;
    if (++compared > 2000) break;
    std::size_t d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string c = closest(word, candidates);
  return c.empty() ? "" : ", did you mean '" + c + "'?";
}

// "a, b, c" (at most 20 names), or "none".
std::string listNames(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 20; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > 20) out += ", ... (" + std::to_string(names.size()) + " in all)";
  return out;
}

// "1 parameter", "2 parameters".
std::string count(std::uint64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

template <class Map>
std::vector<std::string> keysOf(const Map& m) {
  std::vector<std::string> out;
  out.reserve(m.size());
  for (const auto& [k, v] : m) out.push_back(k);
  return out;
}

// Short quoted excerpt of a string for messages (never the whole 64 KiB).
std::string excerpt(std::string_view s) {
  if (s.size() > 60) return "'" + std::string(s.substr(0, 57)) + "...'";
  return "'" + std::string(s) + "'";
}

// What a JSON value is, for "expected X, got Y".
std::string describe(const json& v) {
  switch (v.type()) {
    case json::Type::Null: return "null";
    case json::Type::Boolean: return v.get<bool>() ? "true" : "false";
    case json::Type::String: return "the string " + excerpt(v.str());
    case json::Type::Array: return "an array";
    case json::Type::Object: return "an object";
    case json::Type::Integer:
    case json::Type::Unsigned:
    case json::Type::Float: return v.dumpNumber();
  }
  return "an unsupported value";
}

std::string child(const std::string& ptr, std::string_view key) {
  return ptr + "/" + json_text::pointerToken(key);
}
std::string child(const std::string& ptr, std::size_t index) { return ptr + "/" + std::to_string(index); }
std::string child(const char* ptr, std::size_t index) { return child(std::string(ptr), index); }

// A JSON pointer that is spelled out only when an error needs it: a whole
// pointer (a string that outlives this object), or a link to the parent's
// Ptr plus a key or an index. Reading 10^5 operations used to build half a
// million pointer strings that no error ever used. Links live on the
// stack, so a Ptr is never copied and a child of a temporary Ptr is refused.
class Ptr {
 public:
  Ptr(const std::string& whole) : whole_(&whole) {}  // NOLINT: implicit, as the strings were
  Ptr(const char* whole) : literal_(whole) {}        // NOLINT
  Ptr(const Ptr& up, std::string_view key) : up_(&up), key_(key), isKey_(true) {}
  Ptr(const Ptr& up, std::size_t index) : up_(&up), index_(index) {}
  Ptr(const Ptr&) = delete;
  Ptr& operator=(const Ptr&) = delete;

  std::string str() const {
    if (!up_) return whole_ ? *whole_ : std::string(literal_);
    return isKey_ ? child(up_->str(), key_) : child(up_->str(), index_);
  }

 private:
  const std::string* whole_ = nullptr;
  const char* literal_ = "";
  const Ptr* up_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool isKey_ = false;
};
Ptr child(const Ptr& up, std::string_view key) { return Ptr(up, key); }
Ptr child(const Ptr& up, std::size_t index) { return Ptr(up, index); }
Ptr child(Ptr&& up, std::string_view key) = delete;  // it would dangle: name the parent
Ptr child(Ptr&& up, std::size_t index) = delete;

// The integer held by a JSON number. Integral floats (1e6, 100.0) count, as
// for JSON Schema's "integer".
std::optional<std::int64_t> asInt64(const json& v) {
  if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<std::int64_t>();
  if (v.is_number_unsigned()) {
    std::uint64_t u = v.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return static_cast<std::int64_t>(u);
    return std::nullopt;
  }
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) <= 9.0e15) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

std::optional<std::uint64_t> asUint64(const json& v) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (auto i = asInt64(v); i && *i >= 0) return static_cast<std::uint64_t>(*i);
  return std::nullopt;
}

// "" if `v` is an integer in [lo, hi], else the complaint.
std::string intInRange(const json& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  auto i = asInt64(v);
  if (!i || *i < lo || *i > hi)
    return "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
           describe(v);
  out = *i;
  return "";
}

std::string boolValue(const json& v, bool& out) {
  if (!v.is_boolean()) return "expected true or false, got " + describe(v);
  out = v.get<bool>();
  return "";
}

template <class E>
std::string enumValue(const json& v, const std::vector<std::string>& names, E& out) {
  if (v.is_string()) {
    const std::string_view s = v.str();
    for (std::size_t i = 0; i < names.size(); ++i)
      if (s == names[i]) {
        out = static_cast<E>(i);
        return "";
      }
    return "unknown value " + excerpt(s) + didYouMean(s, names) + " (expected one of: " + listNames(names) +
           ")";
  }
  return "expected one of " + listNames(names) + ", got " + describe(v);
}

// {===== config (shared by the JSON "config" object and command-line overrides)

// GOMEMLIMIT syntax, as Go's runtime/debug reads the environment variable:
// a byte count with an optional unit B, KiB, MiB, GiB, TiB; or "off".
std::string parseMemoryLimit(const std::string& s, std::uint64_t& out) {
  const std::string expected =
      "expected \"off\", a byte count, or a number with a unit B, KiB, MiB, GiB or TiB (e.g. \"64MiB\")";
  if (s == "off") {
    out = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    return "";
  }
  std::size_t i = 0;
  std::uint64_t n = 0;
  constexpr std::uint64_t kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (n > (kMax - static_cast<std::uint64_t>(s[i] - '0')) / 10)
      return "GOMEMLIMIT " + excerpt(s) + " is too large";
    n = n * 10 + static_cast<std::uint64_t>(s[i] - '0');
    ++i;
  }
  if (i == 0) return "bad GOMEMLIMIT " + excerpt(s) + ": " + expected;
  std::string unit = s.substr(i);
  static const std::vector<std::pair<std::string, std::uint64_t>> units = {
      {"", 1}, {"B", 1}, {"KiB", KiB}, {"MiB", MiB}, {"GiB", GiB}, {"TiB", 1024 * GiB}};
  for (const auto& [name, mult] : units) {
    if (unit != name) continue;
    if (n > kMax / mult) return "GOMEMLIMIT " + excerpt(s) + " is too large";
    out = n * mult;
    return "";
  }
  std::string hint;
  if (unit == "KB" || unit == "MB" || unit == "GB" || unit == "TB" || unit == "kB")
    hint = " (Go uses binary units: write " + std::string(1, unit[0] == 'k' ? 'K' : unit[0]) + "iB)";
  return "bad GOMEMLIMIT " + excerpt(s) + ": unknown unit " + excerpt(unit) + hint + "; " + expected;
}

std::string setCost(Costs& c, const std::string& key, const json& v) {
  std::uint64_t* field = nullptr;
  if (key == "op")
    field = &c.op;
  else if (key == "alloc")
    field = &c.alloc;
  else if (key == "scan_object_base")
    field = &c.scanObjectBase;
  else if (key == "scan_bytes_per_ns")
    field = &c.scanBytesPerNs;
  else if (key == "shade")
    field = &c.shade;
  else if (key == "root_job")
    field = &c.rootJob;
  else if (key == "sweep_span")
    field = &c.sweepSpan;
  else if (key == "stop_the_world")
    field = &c.stopTheWorld;
  else if (key == "mark_termination")
    field = &c.markTermination;
  else if (key == "barrier")
    field = &c.barrier;
  if (!field)
    return "unknown cost " + excerpt(key) + didYouMean(key, keyTable().at("costs")) +
           " (costs: " + listNames(keyTable().at("costs")) + ")";
  // Costs are nanoseconds of simulated time; zero would let work happen
  // without time passing, so the minimum is 1.
  std::int64_t n = 0;
  std::int64_t hi = key == "scan_bytes_per_ns" ? (1 << 20) : 1'000'000'000;
  if (std::string e = intInRange(v, 1, hi, n); !e.empty()) return key + ": " + e;
  *field = static_cast<std::uint64_t>(n);
  return "";
}

// Sets one config key. Cross-key rules that depend on the order keys are
// read in (stack_rescan needs dijkstra) are checked by the callers.
std::string setConfig(Config& c, const std::string& key, const json& v) {
  std::int64_t n = 0;
  std::string e;
  if (key == "GOGC") {
    if (v.is_string() && v.str() == "off") {
      c.gogc = -1;
      return "";
    }
    if (!asInt64(v)) return "GOGC: expected an integer from 0 to 100000 or \"off\", got " + describe(v);
    if (!(e = intInRange(v, 0, 100'000, n)).empty()) return "GOGC: " + e + " (or \"off\")";
    c.gogc = static_cast<int>(n);
  } else if (key == "GOMEMLIMIT") {
    if (v.is_string()) return parseMemoryLimit(std::string(v.str()), c.memoryLimit);
    auto u = asUint64(v);
    if (!u || *u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return "GOMEMLIMIT: expected \"off\", a byte count, or a string like \"64MiB\", got " + describe(v);
    c.memoryLimit = *u;
  } else if (key == "GOMAXPROCS") {
    if (!(e = intInRange(v, 1, 256, n)).empty()) return "GOMAXPROCS: " + e;
    c.gomaxprocs = static_cast<std::uint32_t>(n);
  } else if (key == "write_barrier") {
    if (!(e = enumValue(v, {"hybrid", "dijkstra", "yuasa", "none"}, c.barrier)).empty())
      return "write_barrier: " + e;
  } else if (key == "stack_rescan") {
    if (!(e = boolValue(v, c.stackRescan)).empty()) return "stack_rescan: " + e;
  } else if (key == "stack_snapshot") {
    if (!(e = boolValue(v, c.stackSnapshot)).empty()) return "stack_snapshot: " + e;
  } else if (key == "seed") {
    auto u = asUint64(v);
    if (!u) return "seed: expected an integer from 0 to 18446744073709551615, got " + describe(v);
    c.seed = *u;
  } else if (key == "scheduling") {
    if (!(e = enumValue(v, {"auto", "random"}, c.scheduling)).empty()) return "scheduling: " + e;
  } else if (key == "tiny_alloc") {
    if (!(e = boolValue(v, c.tinyAlloc)).empty()) return "tiny_alloc: " + e;
  } else if (key == "wb_buffer_entries") {
    if (!(e = intInRange(v, 0, 4096, n)).empty()) return "wb_buffer_entries: " + e;
    c.wbBufEntries = static_cast<std::uint32_t>(n);
  } else if (key == "monitor") {
    if (!(e = boolValue(v, c.monitor)).empty()) return "monitor: " + e;
  } else if (key == "check_invariants") {
    if (!(e = boolValue(v, c.checkInvariants)).empty()) return "check_invariants: " + e;
  } else if (key == "globals_shard_bytes") {
    if (!(e = intInRange(v, 8, static_cast<std::int64_t>(GiB), n)).empty())
      return "globals_shard_bytes: " + e;
    c.globalsShardBytes = static_cast<std::uint64_t>(n);
  } else if (key == "extra_globals_bytes") {
    if (!(e = intInRange(v, 0, static_cast<std::int64_t>(GiB), n)).empty())
      return "extra_globals_bytes: " + e;
    c.extraGlobalsBytes = static_cast<std::uint64_t>(n);
  } else if (key == "time_slice_ns") {
    if (!(e = intInRange(v, 1000, 1'000'000'000'000, n)).empty()) return "time_slice_ns: " + e;
    c.timeSliceNs = static_cast<std::uint64_t>(n);
  } else if (key == "periodic_gc") {
    if (!(e = boolValue(v, c.periodicGC)).empty()) return "periodic_gc: " + e;
  } else if (key == "costs") {
    if (!v.is_object()) return "costs: expected an object like {\"op\": 50}, got " + describe(v);
    for (const auto& [k, cv] : v.items())
      if (!(e = setCost(c.costs, std::string(k), cv)).empty()) return e;
  } else {
    return "unknown config key " + excerpt(key) + didYouMean(key, keyTable().at("config"));
  }
  return "";
}

// The globals are scanned in shards of globals_shard_bytes, one root job
// each; keep the number of jobs sane.
std::string checkGlobalsShards(const Config& c, std::uint64_t declaredBytes) {
  std::uint64_t bytes = declaredBytes + c.extraGlobalsBytes;
  std::uint64_t jobs = (bytes + c.globalsShardBytes - 1) / c.globalsShardBytes;
  if (jobs > kMaxGlobalsRootJobs)
    return "globals of " + std::to_string(bytes) + " bytes in shards of " +
           std::to_string(c.globalsShardBytes) + " bytes would make " + std::to_string(jobs) +
           " root jobs (at most " + std::to_string(kMaxGlobalsRootJobs) +
           "): raise globals_shard_bytes or lower extra_globals_bytes";
  return "";
}

// {===== Go types

struct ScalarInfo {
  const char* name;
  const char* canonical;  // byte and rune are aliases
  std::uint32_t bytes;
  bool integer;
  bool isSigned;
};

constexpr ScalarInfo kScalars[] = {
    {"int", "int", 8, true, true},          {"int8", "int8", 1, true, true},
    {"int16", "int16", 2, true, true},      {"int32", "int32", 4, true, true},
    {"int64", "int64", 8, true, true},      {"uint", "uint", 8, true, false},
    {"uint8", "uint8", 1, true, false},     {"uint16", "uint16", 2, true, false},
    {"uint32", "uint32", 4, true, false},   {"uint64", "uint64", 8, true, false},
    {"uintptr", "uintptr", 8, true, false}, {"float32", "float32", 4, false, true},
    {"float64", "float64", 8, false, true}, {"bool", "bool", 1, false, false},
    {"byte", "uint8", 1, true, false},      {"rune", "int32", 4, true, true},
};

const ScalarInfo* findScalar(std::string_view name) {
  for (const ScalarInfo& s : kScalars)
    if (name == s.name) return &s;
  return nullptr;
}

// The static type of a variable, parameter, result or place.
struct VType {
  enum class Kind : std::uint8_t { Invalid, Nil, Scalar, Pointer, Unsafe, Weak };
  Kind kind = Kind::Invalid;
  TypeId pointee = kNone;              // Pointer, Weak
  const ScalarInfo* scalar = nullptr;  // Scalar
  std::string text;                    // Go spelling

  bool pointerLike() const { return kind == Kind::Pointer || kind == Kind::Unsafe || kind == Kind::Weak; }
  bool strongPointer() const { return kind == Kind::Pointer || kind == Kind::Unsafe; }
  bool integer() const { return kind == Kind::Scalar && scalar->integer; }
};

// Go keywords and predeclared identifiers that would make a scenario
// confusing (or ambiguous: "nil" is also a place) if used as names.
bool reservedName(std::string_view s) {
  static const std::set<std::string, std::less<>> reserved = {
      "break",       "case",    "chan",  "const",  "continue", "default", "defer",  "else",
      "fallthrough", "for",     "func",  "go",     "goto",     "if",      "import", "interface",
      "map",         "package", "range", "return", "select",   "struct",  "switch", "type",
      "var",         "nil",     "true",  "false",  "iota",     "_"};
  return reserved.count(s) > 0;
}

bool isIdentifier(std::string_view s) {
  if (s.empty()) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(s[0])) return false;
  for (char c : s)
    if (!letter(c) && !(c >= '0' && c <= '9')) return false;
  return true;
}

// {===== the loader

struct PendingError {
  std::string path;
  bool atKey = false;  // point at the member's key rather than its value (unknown keys)
  std::string message;
};

struct FuncInfo {
  std::vector<VType> slotTypes;  // params first, then locals
  std::map<std::string, std::uint32_t, std::less<>> slotIndex;
  std::vector<std::string> slotNames;  // in declaration order, for messages
  bool hasResult = false;
  VType result;
};

// The context of the function body being read.
struct BodyCtx {
  FuncId func = 0;
  const FuncInfo* info = nullptr;
  std::vector<std::uint32_t> loopIndexes;  // locals used as indexes by enclosing repeats
  int depth = 0;                           // repeat nesting
};

// What every op reader gets: the op object, its pointer, the body being read.
struct OpIn {
  const json& o;
  const Ptr& ptr;
  BodyCtx& ctx;
  const std::string& what;  // "a \"store\" op", for messages
};

struct Resolved {
  Place place;
  VType type;
};

class Loader {
 public:
  Loader(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  // `ownText`: the loader's text itself, which the result may take over
  // (a file just read) instead of copying it.
  LoadResult run(std::string* ownText = nullptr) {
    LoadResult r;
    if (!ownText) {
      r.sourceText.reserve(text_.size());
      json_tree::preferHugePages(r.sourceText.data(), text_.size());
      r.sourceText = text_;
    }
    load();
    r.errors = finishErrors();
    r.info = info_;
    if (r.errors.empty()) {
      prog_.finalize();
      r.program = std::make_shared<const Program>(std::move(prog_));
    }
    if (ownText) r.sourceText = std::move(*ownText);  // text_ is not read after this
    return r;
  }

 private:
  // ----- errors

  void err(const Ptr& where, std::string message, bool atKey = false) {
    std::string path = where.str();
    if (erroredPaths_.count(path)) return;  // one error per value
    if (pending_.size() >= kMaxErrors) {
      tooMany_ = true;  // and keep nothing more: memory stays bounded however broken the file
      return;
    }
    erroredPaths_.insert(path);
    pending_.push_back({path, atKey, std::move(message)});
  }

  // Errors with a position already known (syntax errors, shape limits, duplicate keys).
  void errAt(const std::string& path, json_text::TextPos pos, std::string message) {
    positioned_.push_back(LoadError{file_, path, pos.line, pos.column, std::move(message)});
  }

  std::vector<LoadError> finishErrors() {
    std::vector<LoadError> out = positioned_;
    // locate() also finds repeated keys: needed after a parse only if some object repeats one.
    if (!pending_.empty() || (parsed_ && tree_.mayHaveDuplicates())) {
      std::set<std::string> wanted;
      for (const PendingError& e : pending_) wanted.insert(e.path);
      json_text::Located loc = parsed_ ? json_text::locate(text_, wanted) : json_text::Located{};
      for (const PendingError& e : pending_) {
        LoadError le{file_, e.path, 0, 0, e.message};
        const auto& keyMap = loc.keys;
        if (auto k = keyMap.find(e.path); e.atKey && k != keyMap.end()) {
          le.line = k->second.line;
          le.column = k->second.column;
        } else {
          // The value itself, or failing that its closest ancestor that exists.
          std::string p = e.path;
          while (true) {
            if (auto v = loc.values.find(p); v != loc.values.end()) {
              le.line = v->second.line;
              le.column = v->second.column;
              break;
            }
            std::size_t slash = p.rfind('/');
            if (slash == std::string::npos) break;
            p.resize(slash);
          }
        }
        out.push_back(std::move(le));
      }
      for (const json_text::DuplicateKey& d : loc.duplicates) {
        if (out.size() >= kMaxErrors) {
          tooMany_ = true;
          break;
        }
        out.push_back(LoadError{file_, d.pointer, d.at.line, d.at.column,
                                "duplicate key: this object already has it at line " +
                                    std::to_string(d.first.line) + " (JSON keeps only the last one)"});
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const LoadError& a, const LoadError& b) {
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    if (tooMany_)
      out.push_back(
          LoadError{file_, "", 0, 0,
                    "too many errors: stopped after " + std::to_string(kMaxErrors) + "; fix these first"});
    return out;
  }

  // ----- typed access to JSON values (each reports its own error)

  void checkKeys(const json& obj, const Ptr& ptr, const std::string& section, const std::string& what) {
    checkKeys(obj, ptr, keyTable().at(section), what);
  }
  void checkKeys(const json& obj, const Ptr& ptr, const std::vector<std::string>& allowed,
                 const std::string& what) {
    for (const auto& [k, v] : obj.items()) {
      if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
      std::string msg = "unknown key " + excerpt(k) + " in " + what + didYouMean(k, allowed);
      msg += " (allowed: " + listNames(allowed) + ")";
      err(child(ptr, k), msg, true);
    }
  }

  const json* member(const json& obj, const char* key) { return obj.find(key); }

  const json* required(const json& obj, const Ptr& ptr, const char* key, const std::string& what) {
    const json* v = member(obj, key);
    if (!v) err(ptr, what + " needs \"" + key + "\"");
    return v;
  }

  bool isObject(const json& v, const Ptr& ptr, const std::string& what) {
    if (v.is_object()) return true;
    err(ptr, "expected " + what + " (a JSON object {...}), got " + describe(v));
    return false;
  }

  bool isArray(const json& v, const Ptr& ptr, const std::string& what, std::size_t maxElements) {
    if (!v.is_array()) {
      err(ptr, "expected " + what + " (a JSON array [...]), got " + describe(v));
      return false;
    }
    if (v.size() > maxElements) {
      err(ptr, "too many elements: " + std::to_string(v.size()) + " (at most " + std::to_string(maxElements) +
                   ")");
      return false;
    }
    return true;
  }

  bool getString(const json& v, const Ptr& ptr, const std::string& what, std::string& out,
                 std::size_t maxLen = kMaxStringBytes) {
    if (!v.is_string()) {
      err(ptr, "expected " + what + " (a string), got " + describe(v));
      return false;
    }
    const std::string_view s = v.str();
    if (s.size() > maxLen) {
      err(ptr, what + " is too long: " + std::to_string(s.size()) + " bytes (at most " +
                   std::to_string(maxLen) + ")");
      return false;
    }
    out = s;
    return true;
  }

  bool getInt(const json& v, const Ptr& ptr, const std::string& what, std::int64_t lo, std::int64_t hi,
              std::int64_t& out) {
    if (std::string e = intInRange(v, lo, hi, out); !e.empty()) {
      err(ptr, what + ": " + e);
      return false;
    }
    return true;
  }

  bool getBool(const json& v, const Ptr& ptr, const std::string& what, bool& out) {
    if (std::string e = boolValue(v, out); !e.empty()) {
      err(ptr, what + ": " + e);
      return false;
    }
    return true;
  }

  // A Go identifier naming a type, field, variable or function.
  bool getName(const json& v, const Ptr& ptr, const std::string& what, std::string& out) {
    if (!getString(v, ptr, what, out, kMaxNameChars)) return false;
    if (!isIdentifier(out)) {
      err(ptr, what + " " + excerpt(out) +
                   " is not a Go identifier (letters, digits and _, not starting with a digit)");
      return false;
    }
    if (reservedName(out)) {
      err(ptr, what + " " + excerpt(out) + " is a Go keyword or predeclared name; choose another");
      return false;
    }
    return true;
  }

  // A free-form label (goroutine names, object labels): short, one line.
  bool getLabel(const json& v, const Ptr& ptr, const std::string& what, std::string& out) {
    if (!getString(v, ptr, what, out, kMaxNameChars)) return false;
    if (out.empty()) {
      err(ptr, what + " must not be empty");
      return false;
    }
    for (char c : out)
      if (static_cast<unsigned char>(c) < 0x20) {
        err(ptr, what + " must be one line of text (no control characters)");
        return false;
      }
    return true;
  }

  // Every string and key in the document, against the string size cap. The
  // JSON pointer of a value is a chain of links on the stack, spelled out
  // only for an error: building it for every value cost a tenth of loading.
  struct PathLink {
    const PathLink* up = nullptr;
    std::string_view key;
    std::size_t index = 0;
    bool isIndex = false;
  };
  static std::string pathOf(const PathLink* l) {
    if (!l) return "";
    return l->isIndex ? child(pathOf(l->up), l->index) : child(pathOf(l->up), l->key);
  }
  void checkStrings(const json& v, const PathLink* at) {
    if (v.is_string()) {
      if (v.str().size() > kMaxStringBytes)
        err(pathOf(at), "string of " + std::to_string(v.str().size()) + " bytes is too long (at most " +
                            std::to_string(kMaxStringBytes) + ")");
    } else if (v.is_object()) {
      for (const json_tree::Member& m : v) {
        const std::string_view k = m.key;
        const PathLink here{at, k, 0, false};
        if (k.size() > kMaxNameChars) {
          err(pathOf(&here),
              "key of " + std::to_string(k.size()) + " bytes is too long (at most " +
                  std::to_string(kMaxNameChars) + ")",
              true);
          continue;
        }
        checkStrings(*m.value, &here);
      }
    } else if (v.is_array()) {
      for (std::size_t i = 0; i < v.size(); ++i) {
        const PathLink here{at, {}, i, true};
        checkStrings(v[i], &here);
      }
    }
  }

  // ----- the passes

  void load() {
    if (text_.size() > kMaxFileBytes) {
      errAt("", {1, 1}, "file is too large: " + std::to_string(text_.size()) + " bytes (at most 64 MiB)");
      return;
    }
    const json_text::ShapeLimits limits{kMaxJsonDepth, kMaxJsonArray, kMaxJsonValues};
    // The fast road: one pass that accepts only JSON nlohmann would read
    // the same way and checkShape() would let through. Anything else takes
    // the old road, whose messages are the ones documented and tested.
    if (json_tree::parseFast(text_, limits, tree_)) {
      parsed_ = true;
      walk(tree_.root());
      return;
    }
    if (auto shape = json_text::checkShape(text_, limits)) {
      errAt("", json_text::positionOf(text_, shape->offset), shape->message);
      return;
    }
    try {
      tree_ = json_tree::fromNlohmann(njson::parse(text_));
    } catch (const njson::parse_error& e) {
      std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
      std::string what = e.what();
      // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 10: ".
      if (std::size_t p = what.find("syntax error"); p != std::string::npos)
        what = what.substr(p);
      else if (std::size_t q = what.find("]: "); q != std::string::npos)
        what = what.substr(q + 3);
      if (offset < text_.size() && text_[offset] == '/')
        what += " (JSON has no comments: put notes in \"description\" or \"watch\")";
      errAt("", json_text::positionOf(text_, offset), "JSON " + what);
      return;
    } catch (const njson::exception& e) {
      // number overflow (1e400): no position from nlohmann, find it ourselves.
      std::size_t offset = json_text::findOverflowingNumber(text_).value_or(0);
      std::string what = e.what();
      if (std::size_t p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
      errAt("", json_text::positionOf(text_, offset), "JSON " + what + " (the number does not fit a double)");
      return;
    }
    parsed_ = true;
    walk(tree_.root());
  }

  void walk(const json& doc) {
    checkStrings(doc, nullptr);
    if (!doc.is_object()) {
      err("",
          "expected a scenario: a JSON object {\"format\": \"tricolor-scenario\", \"version\": 1, ...}, "
          "got " +
              describe(doc));
      return;
    }
    if (!header(doc)) return;
    checkKeys(doc, "", "scenario", "the scenario");
    metadata(doc);
    if (const json* v = member(doc, "source")) source(*v, "/source");
    if (const json* v = member(doc, "config")) config(*v, "/config");
    if (const json* v = member(doc, "types")) types(*v, "/types");
    if (const json* v = member(doc, "globals")) globals(*v, "/globals");
    if (std::string e = checkGlobalsShards(prog_.config, 8 * prog_.globals.size()); !e.empty())
      err("/config", e);
    const json* fns = required(doc, "", "functions", "a scenario");
    if (fns) signatures(*fns, "/functions");
    goroutines(member(doc, "goroutines"));
    if (fns && fnsOk_) bodies(*fns, "/functions");
    if (const json* v = member(doc, "schedule")) schedule(*v, "/schedule");
    if (const json* v = member(doc, "layout")) layout(*v, "/layout");
  }

  // "format" and "version" decide how to read the rest, so a wrong one stops the load.
  bool header(const json& doc) {
    const json* f = member(doc, "format");
    if (!f) {
      err("", "missing \"format\": a scenario starts with \"format\": \"tricolor-scenario\", \"version\": 1");
      return false;
    }
    if (!f->is_string() || f->str() != "tricolor-scenario") {
      err("/format",
          "this is not a tricolor scenario: \"format\" must be \"tricolor-scenario\", got " + describe(*f));
      return false;
    }
    const json* v = member(doc, "version");
    if (!v) {
      err("", "missing \"version\": this loader reads \"version\": 1");
      return false;
    }
    auto n = asInt64(*v);
    if (!n || *n != 1) {
      err("/version", "unsupported version " + describe(*v) + ": this loader reads version 1 only" +
                          (n && *n > 1 ? " (the file was written for a newer tricolor)" : ""));
      return false;
    }
    return true;
  }

  void metadata(const json& doc) {
    if (const json* v = member(doc, "$schema")) {
      std::string ignored;
      getString(*v, "/$schema", "\"$schema\"", ignored);
    }
    if (const json* v = member(doc, "title"))
      getString(*v, "/title", "title", prog_.title, kMaxNameChars);
    else
      prog_.title = std::filesystem::path(file_).stem().string();
    if (const json* v = member(doc, "description"))
      getString(*v, "/description", "description", prog_.description);
    if (const json* v = member(doc, "watch"); v && isArray(*v, "/watch", "a list of strings", kMaxWatch)) {
      for (std::size_t i = 0; i < v->size(); ++i) {
        std::string s;
        if (getString((*v)[i], child("/watch", i), "a \"watch\" bullet", s)) prog_.watch.push_back(s);
      }
    }
    if (const json* v = member(doc, "summary")) getString(*v, "/summary", "summary", info_.summary);
    std::int64_t n = 0;
    if (const json* v = member(doc, "difficulty"); v && getInt(*v, "/difficulty", "difficulty", 1, 5, n))
      info_.difficulty = static_cast<int>(n);
    if (const json* v = member(doc, "order"); v && getInt(*v, "/order", "order", 0, 1'000'000, n))
      info_.order = static_cast<int>(n);
  }

  void source(const json& v, const std::string& ptr) {
    hasSource_ = true;
    if (v.is_string()) {
      const std::string_view s = v.str();
      std::size_t start = 0;
      while (start < s.size()) {
        std::size_t nl = s.find('\n', start);
        std::string line(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        prog_.source.push_back(std::move(line));
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      if (prog_.source.size() > kMaxSourceLines) {
        err(ptr, "source has too many lines (at most " + std::to_string(kMaxSourceLines) + ")");
        prog_.source.resize(kMaxSourceLines);
      }
      return;
    }
    if (!v.is_array()) {
      err(ptr, "expected the source text: an array of lines or one string with newlines, got " + describe(v));
      return;
    }
    if (!isArray(v, ptr, "source lines", kMaxSourceLines)) return;
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string line;
      getString(v[i], child(ptr, i), "a source line", line);
      prog_.source.push_back(std::move(line));
    }
  }

  void config(const json& v, const std::string& ptr) {
    if (!isObject(v, ptr, "the config")) return;
    checkKeys(v, ptr, "config", "config");
    const std::vector<std::string>& known = keyTable().at("config");
    for (const auto& [k, cv] : v.items()) {
      if (std::find(known.begin(), known.end(), k) == known.end()) continue;
      std::string p = child(ptr, k);
      if (k == "costs") {
        if (!isObject(cv, p, "the costs in nanoseconds, e.g. {\"op\": 50}")) continue;
        checkKeys(cv, p, "costs", "costs");
        for (const auto& [ck, ccv] : cv.items()) {
          const auto& costKeys = keyTable().at("costs");
          if (std::find(costKeys.begin(), costKeys.end(), ck) == costKeys.end()) continue;
          if (std::string e = setCost(prog_.config.costs, std::string(ck), ccv); !e.empty())
            err(child(p, ck), e);
        }
        continue;
      }
      if (std::string e = setConfig(prog_.config, std::string(k), cv); !e.empty()) err(p, e);
    }
    // The barrier options belong to one barrier each: giving one with
    // another barrier is a mistake about what the scenario shows.
    auto barrierName = [&] {
      static const char* names[] = {"hybrid", "dijkstra", "yuasa", "none"};
      return std::string(names[static_cast<int>(prog_.config.barrier)]);
    };
    if (member(v, "stack_rescan") && prog_.config.barrier != BarrierMode::Dijkstra)
      err(child(ptr, "stack_rescan"),
          "stack_rescan only applies to write_barrier \"dijkstra\" (Go 1.7's insertion barrier), but the "
          "barrier is \"" +
              barrierName() + "\"");
    if (member(v, "stack_snapshot") && prog_.config.barrier != BarrierMode::Yuasa)
      err(child(ptr, "stack_snapshot"),
          "stack_snapshot only applies to write_barrier \"yuasa\" (deletion barrier), but the barrier is \"" +
              barrierName() + "\"");
  }

  // ----- types

  // Parses a type expression as written in a field, a variable or a result.
  enum class Use { Field, Variable, Result };

  std::string typeNotFound(std::string_view name) {
    std::vector<std::string> names = keysOf(typeIndex_);
    std::vector<std::string> all = names;
    for (const ScalarInfo& s : kScalars) all.push_back(s.name);
    all.push_back("unsafe.Pointer");
    return "unknown type " + excerpt(name) + didYouMean(name, all) + " (declared types: " + listNames(names) +
           ")";
  }

  // `*T`, `unsafe.Pointer` or a scalar.
  std::string elementType(std::string_view s, Use use, VType& out) {
    out.text = std::string(s);
    if (s.empty()) return "empty type";
    if (s == "unsafe.Pointer") {
      out.kind = VType::Kind::Unsafe;
      return "";
    }
    if (s[0] == '*') {
      std::string_view t = s.substr(1);
      if (!t.empty() && t[0] == '*') return "pointers to pointers (" + out.text + ") are not supported";
      if (findScalar(t))
        return "pointers to scalars (" + out.text +
               ") are not supported: point to a struct type with a field of that type";
      auto it = typeIndex_.find(std::string(t));
      if (it == typeIndex_.end()) return typeNotFound(t);
      out.kind = VType::Kind::Pointer;
      out.pointee = it->second;
      return "";
    }
    if (const ScalarInfo* sc = findScalar(s)) {
      out.kind = VType::Kind::Scalar;
      out.scalar = sc;
      return "";
    }
    if (s == "string")
      return "type string is not supported (strings are not simulated; use [N]byte in a struct)";
    if (s.substr(0, 2) == "[]")
      return "slices (" + out.text + ") are not supported: use a fixed-size array field like [4]*Node";
    if (s.substr(0, 4) == "map[") return "maps are not supported: use structs and arrays of pointers";
    if (s.substr(0, 5) == "chan " || s == "any" || s.substr(0, 9) == "interface" || s == "error" ||
        s.substr(0, 4) == "func")
      return "type " + excerpt(s) + " is not supported (only struct pointers, unsafe.Pointer and scalars)";
    if (typeIndex_.count(std::string(s)))
      return "a struct value of type " + excerpt(s) + " cannot be " +
             (use == Use::Field ? "embedded in a field" : "held in a variable") + ": use a pointer, *" +
             std::string(s) + " (only pointers and scalars fit in a slot)";
    return typeNotFound(s);
  }

  std::string variableType(std::string_view s, Use use, VType& out) {
    if (s.substr(0, 13) == "weak.Pointer[") {
      if (use != Use::Variable)
        return "weak.Pointer is only supported for globals, parameters and locals, not for " +
               std::string(use == Use::Field ? "fields" : "results");
      if (s.back() != ']') return "bad type " + excerpt(s) + ": expected weak.Pointer[T]";
      std::string_view t = s.substr(13, s.size() - 14);
      auto it = typeIndex_.find(std::string(t));
      if (it == typeIndex_.end()) return typeNotFound(t);
      out.kind = VType::Kind::Weak;
      out.pointee = it->second;
      out.text = std::string(s);
      return "";
    }
    if (!s.empty() && s[0] == '[') {
      if (use != Use::Field) return "arrays (" + std::string(s) + ") are only supported as struct fields";
    }
    std::string e = elementType(s, use, out);
    if (!e.empty()) return e;
    if (use == Use::Result && out.kind == VType::Kind::Scalar)
      return "only pointer results are supported (\"returns\": \"*T\" or \"unsafe.Pointer\"), not " +
             out.text;
    return "";
  }

  // A field type: an element type or [N]element.
  std::string fieldType(std::string_view s, Field& f) {
    VType elem;
    std::int64_t count = 1;
    bool array = false;
    std::string_view es = s;
    if (!s.empty() && s[0] == '[') {
      std::size_t close = s.find(']');
      if (close == std::string_view::npos) return "bad array type " + excerpt(s) + ": expected [N]T";
      std::string_view digits = s.substr(1, close - 1);
      if (digits.empty())
        return "slices (" + std::string(s) + ") are not supported: give a length, e.g. [4]*Node";
      count = 0;
      for (char c : digits) {
        if (c < '0' || c > '9')
          return "bad array length " + excerpt(digits) + " in " + excerpt(s) + ": expected a number";
        count = count * 10 + (c - '0');
        if (count > kMaxArrayLen)
          return "array length in " + excerpt(s) + " is too large (at most " + std::to_string(kMaxArrayLen) +
                 ")";
      }
      array = true;
      es = s.substr(close + 1);
      if (!es.empty() && es[0] == '[') return "arrays of arrays (" + std::string(s) + ") are not supported";
    }
    if (es.substr(0, 13) == "weak.Pointer[")
      return "weak.Pointer is only supported for globals, parameters and locals, not for fields";
    if (std::string e = elementType(es, Use::Field, elem); !e.empty()) return e;
    std::uint64_t elemBytes = elem.kind == VType::Kind::Scalar ? elem.scalar->bytes : 8;
    f.typeName = std::string(s);
    f.pointer = elem.kind != VType::Kind::Scalar;
    f.array = array;
    f.count = static_cast<std::uint32_t>(count);
    f.pointee = elem.kind == VType::Kind::Pointer ? elem.pointee : kNone;
    f.bytes = static_cast<std::uint32_t>(elemBytes * static_cast<std::uint64_t>(count));
    f.align = static_cast<std::uint32_t>(elemBytes);
    return "";
  }

  void types(const json& v, const std::string& ptr) {
    if (!isArray(v, ptr, "a list of types", kMaxTypes)) return;
    // Pass 1: names, so fields may point to any type, in any order.
    for (std::size_t i = 0; i < v.size(); ++i) {
      prog_.types.emplace_back();
      std::string p = child(ptr, i);
      if (!v[i].is_object()) continue;  // reported in pass 2
      const json* n = member(v[i], "name");
      std::string name;
      if (!n || !getName(*n, child(p, "name"), "type name", name)) continue;
      if (findScalar(name) || name == "unsafe" || name == "weak" || name == "string") {
        err(child(p, "name"),
            "type name " + excerpt(name) + " is a predeclared type or package; choose another");
        continue;
      }
      if (!declareGlobalName(name, child(p, "name"), "type")) continue;
      typeIndex_[name] = static_cast<TypeId>(i);
      prog_.types[i].name = name;
    }
    // Pass 2: fields and layout.
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string p = child(ptr, i);
      if (!isObject(v[i], p, "a type {\"name\": ..., \"fields\": [...]}")) continue;
      checkKeys(v[i], p, "type", "a type");
      required(v[i], p, "name", "a type");
      Type& t = prog_.types[i];
      std::uint64_t size = 0, maxAlign = 1;
      std::set<std::string> fieldNames;
      if (const json* fs = member(v[i], "fields");
          fs && isArray(*fs, child(p, "fields"), "a list of fields", kMaxFields)) {
        for (std::size_t k = 0; k < fs->size(); ++k) {
          std::string fp = child(child(p, "fields"), k);
          const json& fj = (*fs)[k];
          if (!isObject(fj, fp, "a field {\"name\": ..., \"type\": ...}")) continue;
          checkKeys(fj, fp, "field", "a field");
          Field f;
          const json* fn = required(fj, fp, "name", "a field");
          const json* ft = required(fj, fp, "type", "a field");
          bool ok = fn && getName(*fn, child(fp, "name"), "field name", f.name);
          if (ok && !fieldNames.insert(f.name).second) {
            err(child(fp, "name"), "duplicate field " + excerpt(f.name) + " in type " + excerpt(t.name));
            ok = false;
          }
          std::string ts;
          if (!ft || !getString(*ft, child(fp, "type"), "field type", ts, kMaxNameChars)) continue;
          if (std::string e = fieldType(ts, f); !e.empty()) {
            err(child(fp, "type"), e);
            continue;
          }
          if (!ok) continue;
          // Go's layout, computed here only to enforce the size cap
          // (finalize() does the real layout in 32-bit arithmetic).
          size = (size + f.align - 1) / f.align * f.align + f.bytes;
          maxAlign = std::max<std::uint64_t>(maxAlign, f.align);
          if (size > kMaxTypeBytes) {
            err(child(fp, "type"), "type " + excerpt(t.name) + " grows past 1 GiB with this field");
            break;
          }
          t.fields.push_back(std::move(f));
        }
      }
      std::uint32_t ptrs = 0;
      for (Field& f : t.fields) {
        f.firstPtr = ptrs;  // finalize() recomputes it; places need it now
        if (f.pointer) ptrs += f.count;
      }
      t.numPtrs = ptrs;
      std::int64_t preset = 0;
      if (const json* sz = member(v[i], "size");
          sz && getInt(*sz, child(p, "size"), "size", 1, static_cast<std::int64_t>(kMaxTypeBytes), preset)) {
        std::uint64_t natural = (size + maxAlign - 1) / maxAlign * maxAlign;
        if (static_cast<std::uint64_t>(preset) < natural)
          err(child(p, "size"), "size " + std::to_string(preset) + " is smaller than the fields need (" +
                                    std::to_string(natural) + " bytes); \"size\" can only pad a type");
        else
          t.size = static_cast<std::uint32_t>(preset);
      }
    }
  }

  // Types, globals and functions share Go's package scope.
  bool declareGlobalName(const std::string& name, const std::string& ptr, const std::string& kind) {
    auto [it, fresh] = packageNames_.emplace(name, kind);
    if (fresh) return true;
    err(ptr, "duplicate name " + excerpt(name) + ": already declared as a " + it->second +
                 " (types, globals and functions share one namespace)");
    return false;
  }

  // ----- variables

  bool slotDecl(const json& v, const std::string& ptr, const std::string& what, SlotDecl& d, VType& vt) {
    if (!isObject(v, ptr, what + " {\"name\": ..., \"type\": ...}")) return false;
    const json* n = required(v, ptr, "name", what);
    const json* t = required(v, ptr, "type", what);
    bool ok = n && getName(*n, child(ptr, "name"), what + " name", d.name);
    std::string ts;
    if (!t || !getString(*t, child(ptr, "type"), what + " type", ts, kMaxNameChars)) return false;
    if (std::string e = variableType(ts, Use::Variable, vt); !e.empty()) {
      err(child(ptr, "type"), e);
      return false;
    }
    d.typeName = ts;
    d.pointer = vt.pointerLike();
    d.weak = vt.kind == VType::Kind::Weak;
    d.pointee = vt.kind == VType::Kind::Pointer || d.weak ? vt.pointee : kNone;
    d.bytes = vt.kind == VType::Kind::Scalar ? vt.scalar->bytes : 8;
    return ok;
  }

  // A scalar value for a global's "value" or a "set" op, in range for its type.
  bool scalarValue(const json& v, const Ptr& ptr, const VType& t, std::int64_t& out) {
    const ScalarInfo& s = *t.scalar;
    if (std::string_view(s.name) == "bool") {
      bool b = false;
      if (!getBool(v, ptr, "value of a bool", b)) return false;
      out = b ? 1 : 0;
      return true;
    }
    std::int64_t lo = std::numeric_limits<std::int64_t>::min(), hi = std::numeric_limits<std::int64_t>::max();
    if (!s.integer) {
      lo = -(std::int64_t{1} << 53);  // floats hold integers exactly up to 2^53
      hi = std::int64_t{1} << 53;
    } else if (s.bytes < 8) {
      int bits = static_cast<int>(s.bytes * 8);
      lo = s.isSigned ? -(std::int64_t{1} << (bits - 1)) : 0;
      hi = s.isSigned ? (std::int64_t{1} << (bits - 1)) - 1 : (std::int64_t{1} << bits) - 1;
    } else if (!s.isSigned) {
      lo = 0;  // uint64 values above 2^63-1 are not representable in a slot
    }
    auto i = asInt64(v);
    if (!i || *i < lo || *i > hi) {
      err(ptr, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + " for type " +
                   t.text + ", got " + describe(v));
      return false;
    }
    out = *i;
    return true;
  }

  void globals(const json& v, const std::string& ptr) {
    if (!isArray(v, ptr, "a list of globals", kMaxGlobals)) return;
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string p = child(ptr, i);
      SlotDecl d;
      VType vt;
      bool ok = slotDecl(v[i], p, "a global", d, vt);
      if (v[i].is_object()) checkKeys(v[i], p, "global", "a global");
      if (!ok) continue;
      if (const json* val = member(v[i], "value")) {
        if (vt.kind != VType::Kind::Scalar) {
          err(child(p, "value"), "only scalar globals take a \"value\"; a pointer global starts as nil");
          continue;
        }
        if (!scalarValue(*val, child(p, "value"), vt, d.init)) continue;
        d.data = d.init != 0;  // Go puts zero-valued variables in bss
      }
      if (!declareGlobalName(d.name, child(p, "name"), "global")) continue;
      globalIndex_[d.name] = static_cast<std::uint32_t>(prog_.globals.size());
      globalTypes_.push_back(vt);
      prog_.globals.push_back(std::move(d));
    }
  }

  // ----- functions

  void signatures(const json& v, const std::string& ptr) {
    if (!isArray(v, ptr, "a list of functions", kMaxFunctions)) {
      fnsOk_ = false;
      return;
    }
    funcInfo_.resize(v.size());
    prog_.functions.resize(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string p = child(ptr, i);
      const json& fj = v[i];
      Function& fn = prog_.functions[i];
      FuncInfo& info = funcInfo_[i];
      if (!isObject(fj, p, "a function {\"name\": ..., \"body\": [...]}")) continue;
      checkKeys(fj, p, "function", "a function");
      if (const json* n = required(fj, p, "name", "a function");
          n && getName(*n, child(p, "name"), "function name", fn.name)) {
        if (declareGlobalName(fn.name, child(p, "name"), "function"))
          funcIndex_[fn.name] = static_cast<FuncId>(i);
      }
      required(fj, p, "body", "a function");
      auto slots = [&](const char* key, bool params) {
        const json* sv = member(fj, key);
        if (!sv || !isArray(*sv, child(p, key), std::string("a list of ") + key, kMaxSlots)) return;
        for (std::size_t k = 0; k < sv->size(); ++k) {
          std::string sp = child(child(p, key), k);
          SlotDecl d;
          VType vt;
          bool ok = slotDecl((*sv)[k], sp, params ? "a parameter" : "a local", d, vt);
          if ((*sv)[k].is_object()) checkKeys((*sv)[k], sp, "slot", params ? "a parameter" : "a local");
          if (!ok) {
            if (params) sigBroken_.insert(static_cast<FuncId>(i));  // arity would be wrong
            continue;
          }
          if (info.slotIndex.count(d.name)) {
            err(child(sp, "name"), "duplicate name " + excerpt(d.name) + " in function " + excerpt(fn.name) +
                                       " (parameters and locals share one scope)");
            if (params) sigBroken_.insert(static_cast<FuncId>(i));
            continue;
          }
          if (info.slotTypes.size() >= kMaxSlots) {
            err(sp, "too many parameters and locals (at most " + std::to_string(kMaxSlots) + ")");
            return;
          }
          info.slotIndex[d.name] = static_cast<std::uint32_t>(fn.slots.size());
          info.slotNames.push_back(d.name);
          info.slotTypes.push_back(vt);
          fn.slots.push_back(std::move(d));
          if (params) ++fn.numParams;
        }
      };
      slots("params", true);
      slots("locals", false);
      if (const json* r = member(fj, "returns")) {
        std::string rs;
        if (getString(*r, child(p, "returns"), "result type", rs, kMaxNameChars)) {
          if (std::string e = variableType(rs, Use::Result, info.result); !e.empty()) {
            err(child(p, "returns"), e);
            sigBroken_.insert(static_cast<FuncId>(i));
          } else {
            info.hasResult = true;
            fn.returnsPointer = true;
          }
        } else {
          sigBroken_.insert(static_cast<FuncId>(i));
        }
      }
    }
  }

  void goroutines(const json* v) {
    const std::string ptr = "/goroutines";
    if (!v) {
      auto it = funcIndex_.find("main");
      if (it == funcIndex_.end()) {
        if (fnsOk_ && !funcIndex_.empty())
          err("/functions",
              "no function \"main\": the main goroutine runs main (or list the goroutines to start in "
              "\"goroutines\")");
        else if (fnsOk_)
          err("/functions", "no function \"main\": a scenario needs at least a function \"main\"");
        return;
      }
      if (prog_.functions[it->second].numParams != 0)
        err("/functions/" + std::to_string(it->second) + "/params",
            "main is started by the runtime, so it cannot take parameters");
      prog_.goroutines.push_back({"main", it->second});
      goroutineNames_.insert("main");
      return;
    }
    if (!isArray(*v, ptr, "a list of goroutines", kMaxGoroutines)) return;
    if (v->empty()) {
      err(ptr, "at least one goroutine is needed (the first one is main)");
      return;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      std::string p = child(ptr, i);
      const json& gj = (*v)[i];
      if (!isObject(gj, p, "a goroutine {\"name\": ..., \"func\": ...}")) continue;
      checkKeys(gj, p, "goroutine", "a goroutine");
      GoroutineDecl g;
      const json* n = required(gj, p, "name", "a goroutine");
      const json* f = required(gj, p, "func", "a goroutine");
      bool ok = n && getLabel(*n, child(p, "name"), "goroutine name", g.name);
      if (ok && !goroutineNames_.insert(g.name).second) {
        err(child(p, "name"), "duplicate goroutine name " + excerpt(g.name));
        ok = false;
      }
      std::string fname;
      if (!f || !getString(*f, child(p, "func"), "function name", fname, kMaxStringBytes)) continue;
      auto it = funcIndex_.find(fname);
      if (it == funcIndex_.end()) {
        err(child(p, "func"), unknownFunction(fname));
        continue;
      }
      g.func = it->second;
      if (prog_.functions[g.func].numParams != 0) {
        err(child(p, "func"),
            "goroutine " + excerpt(g.name) + " starts " + excerpt(fname) + ", which takes " +
                count(prog_.functions[g.func].numParams, "parameter") +
                ": functions started at the beginning must take none (use a \"go\" op to pass arguments)");
        continue;
      }
      if (ok) prog_.goroutines.push_back(std::move(g));
    }
  }

  std::string unknownFunction(const std::string& name) {
    std::vector<std::string> names = keysOf(funcIndex_);
    return "unknown function " + excerpt(name) + didYouMean(name, names) +
           " (functions: " + listNames(names) + ")";
  }

  void bodies(const json& v, const std::string& ptr) {
    for (std::size_t i = 0; i < v.size() && i < prog_.functions.size(); ++i) {
      if (!v[i].is_object()) continue;
      const json* b = member(v[i], "body");
      if (!b) continue;
      BodyCtx ctx;
      ctx.func = static_cast<FuncId>(i);
      ctx.info = &funcInfo_[i];
      const std::string bodyPath = child(child(ptr, i), "body");
      const Ptr bp(bodyPath);
      if (!isArray(*b, bp, "a list of operations", kMaxJsonArray)) continue;
      // One allocation for the ops (growing a vector of 10^5 ops costs more than reading them).
      const std::size_t room = kMaxOps > totalOps_ ? kMaxOps - totalOps_ : 0;
      std::vector<Op>& fops = prog_.functions[i].ops;
      fops.reserve(std::min<std::size_t>(b->size(), room));
      json_tree::preferHugePages(fops.data(), fops.capacity() * sizeof(Op));
      for (std::size_t k = 0; k < b->size(); ++k) op((*b)[k], child(bp, k), ctx, prog_.functions[i].ops);
    }
  }

  // ----- places

  std::string unknownVariable(const std::string& name, const BodyCtx& ctx) {
    std::vector<std::string> all = ctx.info->slotNames;
    std::vector<std::string> globals = keysOf(globalIndex_);
    all.insert(all.end(), globals.begin(), globals.end());
    std::string fn = prog_.functions[ctx.func].name;
    return "unknown variable " + excerpt(name) + didYouMean(name, all) + " (locals of " + fn + ": " +
           listNames(ctx.info->slotNames) + "; globals: " + listNames(globals) + ")";
  }

  // Resolves a place string ("a.next.kids[i]"). Locals (params + locals)
  // shadow globals. Each .field step follows the pointer held so far.
  bool place(const json& v, const Ptr& ptr, const BodyCtx& ctx, Resolved& out) {
    std::string s;
    if (!getString(v, ptr, "a place (a variable, a path like \"a.next\", or \"nil\")", s)) return false;
    out.place.text = s;
    if (s == "nil") {
      out.place.base = Place::Base::Nil;
      out.type.kind = VType::Kind::Nil;
      out.type.text = "nil";
      return true;
    }
    std::size_t i = 0;
    const std::string_view sv = s;
    auto ident = [&]() {
      std::size_t start = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
      return sv.substr(start, i - start);
    };
    auto syntax = [&] {
      return "bad place " + excerpt(s) + ": expected a variable name, then .field or [index] steps";
    };
    // The text read so far ("a.next"), for messages: the place up to i.
    auto sofar = [&] { return s.substr(0, i); };
    std::string_view base = ident();
    if (!isIdentifier(base)) {
      err(ptr, syntax());
      return false;
    }
    if (auto it = ctx.info->slotIndex.find(base); it != ctx.info->slotIndex.end()) {
      out.place.base = Place::Base::Local;
      out.place.index = it->second;
      out.type = ctx.info->slotTypes[it->second];
    } else if (auto g = globalIndex_.find(base); g != globalIndex_.end()) {
      out.place.base = Place::Base::Global;
      out.place.index = g->second;
      out.type = globalTypes_[g->second];
    } else {
      err(ptr, unknownVariable(std::string(base), ctx));
      return false;
    }
    while (i < s.size()) {
      if (s[i] == '[') {
        err(ptr, sofar() + " is " + out.type.text + ", not an array field: only array fields can be indexed");
        return false;
      }
      if (s[i] != '.') {
        err(ptr, syntax());
        return false;
      }
      const std::size_t dot = i;  // sofar() before this step is s.substr(0, dot)
      ++i;
      const std::string_view fnameView = ident();
      if (!isIdentifier(fnameView)) {
        err(ptr, syntax());
        return false;
      }
      const std::string fname(fnameView);
      auto before = [&] { return s.substr(0, dot); };
      switch (out.type.kind) {
        case VType::Kind::Pointer: break;
        case VType::Kind::Unsafe:
          err(ptr, "cannot follow " + before() + ": it is an unsafe.Pointer, which has no type to take ." +
                       fname + " from");
          return false;
        case VType::Kind::Weak:
          err(ptr, "cannot follow " + before() + ": it is a " + out.type.text +
                       "; get a strong pointer first with a \"weak_get\" op");
          return false;
        default:
          err(ptr, "cannot take ." + fname + " of " + before() + ": it is " + out.type.text +
                       ", not a pointer to a struct");
          return false;
      }
      const Type& t = prog_.types[out.type.pointee];
      const Field* f = nullptr;
      for (const Field& cand : t.fields)
        if (cand.name == fname) f = &cand;
      if (!f) {
        std::vector<std::string> fieldNames;
        for (const Field& cand : t.fields) fieldNames.push_back(cand.name);
        err(ptr, "type " + t.name + " has no field " + excerpt(fname) + didYouMean(fname, fieldNames) +
                     " (fields: " + listNames(fieldNames) + ")");
        return false;
      }
      if (!f->pointer) {
        err(ptr, sofar() + " is a " + f->typeName +
                     " field: only pointer fields can be read or written by ops (scalar fields only take up "
                     "bytes)");
        return false;
      }
      PathStep step;
      step.slot = f->firstPtr;
      step.objectType = out.type.pointee;
      step.text = "." + fname;
      if (f->array) {
        if (i >= s.size() || s[i] != '[') {
          err(ptr, sofar() + " is an array " + f->typeName + ": pick an element, e.g. " + sofar() + "[0]");
          return false;
        }
        ++i;
        std::size_t close = s.find(']', i);
        if (close == std::string::npos) {
          err(ptr, syntax());
          return false;
        }
        std::string idx = s.substr(i, close - i);
        i = close + 1;
        step.text += "[" + idx + "]";
        if (!idx.empty() &&
            std::all_of(idx.begin(), idx.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          if (idx.size() > 9 || std::stoll(idx) >= f->count) {
            err(ptr, "index " + idx + " out of range for " + f->typeName +
                         (f->count == 0 ? " (it has no elements)"
                                        : " (valid indexes: 0 to " + std::to_string(f->count - 1) + ")"));
            return false;
          }
          step.slot += static_cast<std::uint32_t>(std::stoll(idx));
        } else {
          auto li = ctx.info->slotIndex.find(idx);
          if (li == ctx.info->slotIndex.end() || !ctx.info->slotTypes[li->second].integer()) {
            err(ptr, "index " + excerpt(idx) + " in " + excerpt(s) +
                         " must be an integer literal or an integer local of " +
                         prog_.functions[ctx.func].name + " (such as a repeat index)");
            return false;
          }
          step.indexLocal = li->second;
          step.arrayLen = f->count;
        }
      }
      VType next;
      next.kind = f->pointee == kNone ? VType::Kind::Unsafe : VType::Kind::Pointer;
      next.pointee = f->pointee;
      next.text = f->pointee == kNone ? "unsafe.Pointer" : "*" + prog_.types[f->pointee].name;
      out.type = next;
      out.place.path.push_back(std::move(step));
    }
    return true;
  }

  // Go's assignability for the kinds we have; "" if `src` may be stored in `dst`.
  // `context()` names where the value goes; it is called only for a mismatch.
  template <class Context>
  static std::string assignable(const Resolved& dst, const Resolved& src, const Context& context) {
    using K = VType::Kind;
    const VType& d = dst.type;
    const VType& s = src.type;
    auto mismatch = [&](const std::string& hint) {
      return "cannot use " + src.place.text + " (type " + s.text + ") as type " + d.text + " in " +
             context() + hint;
    };
    switch (d.kind) {
      case K::Pointer:
        if (s.kind == K::Nil || (s.kind == K::Pointer && s.pointee == d.pointee)) return "";
        if (s.kind == K::Unsafe)
          return mismatch(" (unsafe.Pointer is untyped: it only goes into unsafe.Pointer slots)");
        if (s.kind == K::Weak) return mismatch(" (use a \"weak_get\" op to get a strong pointer)");
        return mismatch("");
      case K::Unsafe:
        if (s.kind == K::Nil || s.kind == K::Pointer || s.kind == K::Unsafe) return "";
        if (s.kind == K::Weak) return mismatch(" (use a \"weak_get\" op to get a strong pointer)");
        return mismatch("");
      case K::Weak:
        if (s.kind == K::Nil || (s.kind == K::Weak && s.pointee == d.pointee)) return "";
        if (s.kind == K::Pointer) return mismatch(" (use a \"weak_make\" op to make a weak pointer)");
        return mismatch("");
      case K::Scalar:
        if (s.kind == K::Scalar && std::string_view(s.scalar->canonical) == d.scalar->canonical &&
            src.place.path.empty())
          return "";
        return mismatch("");
      default: return mismatch("");
    }
  }

  // A destination that receives a pointer: a pointer variable or pointer field.
  bool pointerDest(const OpIn& in, const char* key, Resolved& out, const std::string& opName) {
    if (!placeAt(in, key, out)) return false;
    if (out.place.isNil()) {
      err(child(in.ptr, key),
          "cannot assign to nil: \"" + std::string(key) + "\" must be a pointer variable or field");
      return false;
    }
    if (!out.type.pointerLike()) {
      err(child(in.ptr, key),
          opName + " needs a pointer in \"" + key + "\", but " + out.place.text + " is " + out.type.text +
              (opName == "store" || opName == "clear" ? " (use \"set\" for scalars)" : ""));
      return false;
    }
    return true;
  }

  bool callArgs(const OpIn& in, FuncId f, Op& op, const std::string& what) {
    const Function& callee = prog_.functions[f];
    const FuncInfo& ci = funcInfo_[f];
    const json* a = member(in.o, "args");
    const Ptr argsPtr = child(in.ptr, "args");
    std::size_t n = 0;
    if (a) {
      if (!isArray(*a, argsPtr, "a list of arguments", kMaxSlots)) return false;
      n = a->size();
    }
    if (n != callee.numParams) {
      std::vector<std::string> sig;
      for (std::uint32_t k = 0; k < callee.numParams; ++k)
        sig.push_back(callee.slots[k].name + " " + callee.slots[k].typeName);
      err(a ? argsPtr : in.ptr, "wrong number of arguments to " + callee.name + ": got " + std::to_string(n) +
                                    ", want " + std::to_string(callee.numParams) + " (" + listNames(sig) +
                                    ")");
      return false;
    }
    bool ok = true;
    for (std::size_t k = 0; k < n; ++k) {
      Resolved r;
      const Ptr ap = child(argsPtr, k);
      if (!place((*a)[k], ap, in.ctx, r)) {
        ok = false;
        continue;
      }
      Resolved param;
      param.type = ci.slotTypes[k];
      if (std::string e = assignable(
              param, r,
              [&] { return "argument " + std::to_string(k + 1) + " to " + what + " " + callee.name; });
          !e.empty()) {
        err(ap, e);
        ok = false;
        continue;
      }
      op.args.push_back(std::move(r.place));
    }
    return ok;
  }

  // ----- operations

  bool emit(std::vector<Op>& ops, Op op, const Ptr& ptr) {
    if (!countOp(ptr)) return false;
    ops.push_back(std::move(op));
    return true;
  }

  // One more operation, if the cap allows it.
  bool countOp(const Ptr& ptr) {
    if (totalOps_ >= kMaxOps) {
      if (!opsCapped_)
        err(ptr, "too many operations: more than " + std::to_string(kMaxOps) +
                     " in all functions (a repeat counts as 2); use \"repeat\" instead of copies");
      opsCapped_ = true;
      return false;
    }
    ++totalOps_;
    return true;
  }

  FuncId lookupFunc(const OpIn& in, const char* key) {
    const json* f = required(in.o, in.ptr, key, in.what);
    std::string name;
    if (!f || !getString(*f, child(in.ptr, key), "a function name", name)) return kNone;
    auto it = funcIndex_.find(name);
    if (it == funcIndex_.end()) {
      err(child(in.ptr, key), unknownFunction(name));
      return kNone;
    }
    if (sigBroken_.count(it->second)) return kNone;  // its own error is reported at its declaration
    return it->second;
  }

  void op(const json& o, const Ptr& ptr, BodyCtx& ctx, std::vector<Op>& ops) {
    if (!isObject(o, ptr, "an operation {\"op\": ...}")) return;
    const json* kind = member(o, "op");
    if (!kind) {
      err(ptr, "an operation needs \"op\" (one of: " + listNames(kOpNames) + ")");
      return;
    }
    std::string name;
    if (!getString(*kind, child(ptr, "op"), "an op name", name, kMaxStringBytes)) return;
    const OpSpec* spec = nullptr;
    for (const OpSpec& sp : opSpecs())
      if (sp.name == name) spec = &sp;
    if (!spec) {
      err(child(ptr, "op"),
          "unknown op " + excerpt(name) + didYouMean(name, kOpNames) + " (ops: " + listNames(kOpNames) + ")");
      return;
    }
    checkKeys(o, ptr, *spec->keys, spec->what);
    auto readLine = [&](Op& op) {
      const json* l = member(o, "line");
      if (!l) return;
      // Lines point into "source"; without one they are only labels, capped like source.
      std::int64_t line = 0;
      std::int64_t lines = static_cast<std::int64_t>(prog_.source.size());
      auto n = asInt64(*l);
      if (hasSource_ && n && *n > lines)
        err(child(ptr, "line"), "line " + std::to_string(*n) + " is past the end of \"source\" (" +
                                    std::to_string(lines) + " lines)");
      else if (getInt(*l, child(ptr, "line"), "line", 1, hasSource_ ? lines : kMaxSourceLines, line))
        op.line = static_cast<std::uint32_t>(line);
    };
    OpIn in{o, ptr, ctx, spec->what};
    if (!spec->read) {
      Op begin;
      readLine(begin);
      repeat(in, ops, std::move(begin));
      return;
    }
    // Read in place (moving a 256-byte Op per operation showed in profiles),
    // taken back if it is wrong. No reader but repeat's adds ops meanwhile.
    Op& op = ops.emplace_back();
    readLine(op);
    if (!(this->*spec->read)(in, op) || !countOp(ptr)) ops.pop_back();
  }

  // Each op's reader, keys and name for messages, made once (the reading
  // of 10^5 operations used to build them per operation).
  struct OpSpec {
    std::string name;
    bool (Loader::*read)(const OpIn&, Op&) = nullptr;  // null: repeat
    const std::vector<std::string>* keys = nullptr;
    std::string what;
  };
  static const std::vector<OpSpec>& opSpecs() {
    static const std::vector<OpSpec> specs = [] {
      const std::map<std::string, bool (Loader::*)(const OpIn&, Op&)> readers = {
          {"new", &Loader::readNew},
          {"store", &Loader::readStore},
          {"clear", &Loader::readClear},
          {"set", &Loader::readSet},
          {"call", &Loader::readCall},
          {"return", &Loader::readReturn},
          {"go", &Loader::readGo},
          {"gc", &Loader::readGC},
          {"set_finalizer", &Loader::readSetFinalizer},
          {"weak_make", &Loader::readWeakMake},
          {"weak_get", &Loader::readWeakGet},
          {"work", &Loader::readWork},
          {"sleep", &Loader::readSleep},
          {"yield", &Loader::readYield},
      };
      std::vector<OpSpec> out;
      for (const std::string& n : kOpNames) {
        auto r = readers.find(n);
        out.push_back(
            {n, r == readers.end() ? nullptr : r->second, &keyTable().at("op:" + n), "a \"" + n + "\" op"});
      }
      return out;
    }();
    return specs;
  }

  // A place under `key`, which must be present.
  bool placeAt(const OpIn& in, const char* key, Resolved& out) {
    const json* v = required(in.o, in.ptr, key, in.what);
    return v && place(*v, child(in.ptr, key), in.ctx, out);
  }

  // to = new(type)
  bool readNew(const OpIn& in, Op& op) {
    op.kind = OpKind::New;
    const json* t = required(in.o, in.ptr, "type", in.what);
    std::string tn;
    bool typeOk = false;
    if (t && getString(*t, child(in.ptr, "type"), "a type name", tn, kMaxNameChars)) {
      if (auto it = typeIndex_.find(tn); it != typeIndex_.end()) {
        op.type = it->second;
        typeOk = true;
      } else if (!tn.empty() && tn[0] == '*') {
        err(child(in.ptr, "type"),
            "new takes the struct type, not a pointer: write " + excerpt(tn.substr(1)));
      } else {
        err(child(in.ptr, "type"), typeNotFound(tn));
      }
    }
    if (const json* s = member(in.o, "stack")) getBool(*s, child(in.ptr, "stack"), "stack", op.onStack);
    if (const json* l = member(in.o, "label")) getLabel(*l, child(in.ptr, "label"), "label", op.label);
    if (!op.label.empty()) labels_.insert(op.label);  // even if the op is wrong: no cascade at the pins
    Resolved dst;
    if (!pointerDest(in, "to", dst, "new")) return false;
    if (typeOk) {
      const VType& d = dst.type;
      if (d.kind == VType::Kind::Weak || (d.kind == VType::Kind::Pointer && d.pointee != op.type)) {
        err(child(in.ptr, "to"), "cannot use new(" + tn + ") (type *" + tn + ") as type " + d.text +
                                     " in \"to\" (" + dst.place.text + ")");
        return false;
      }
    }
    if (op.onStack && (dst.place.base != Place::Base::Local || !dst.place.path.empty())) {
      err(child(in.ptr, "stack"),
          "\"stack\": true says the object does not escape, but it is stored in " + dst.place.text +
              (dst.place.base == Place::Base::Global ? " (a global)" : " (a heap field)") +
              ", so Go would allocate it on the heap");
      return false;
    }
    op.dst = std::move(dst.place);
    return typeOk;
  }

  // to = from
  bool readStore(const OpIn& in, Op& op) {
    op.kind = OpKind::Store;
    Resolved dst, src;
    if (!pointerDest(in, "to", dst, "store")) return false;
    if (!placeAt(in, "from", src)) return false;
    if (std::string e = assignable(dst, src, [&] { return "store to " + dst.place.text; }); !e.empty()) {
      err(child(in.ptr, "from"), e);
      return false;
    }
    op.src = std::move(src.place);
    op.dst = std::move(dst.place);
    return true;
  }

  // to = nil: a store whose source is nil.
  bool readClear(const OpIn& in, Op& op) {
    op.kind = OpKind::Store;
    Resolved dst;
    if (!pointerDest(in, "to", dst, "clear")) return false;
    op.dst = std::move(dst.place);
    return true;
  }

  // n = value
  bool readSet(const OpIn& in, Op& op) {
    op.kind = OpKind::SetScalar;
    Resolved dst;
    const json* val = required(in.o, in.ptr, "value", in.what);
    if (!placeAt(in, "to", dst)) return false;
    if (dst.type.kind != VType::Kind::Scalar) {
      err(child(in.ptr, "to"),
          "\"set\" needs a scalar variable, but " + dst.place.text + " is " + dst.type.text +
              (dst.type.pointerLike() ? " (use \"store\" or \"clear\" for pointers)" : ""));
      return false;
    }
    if (!val || !scalarValue(*val, child(in.ptr, "value"), dst.type, op.count)) return false;
    op.dst = std::move(dst.place);
    return true;
  }

  // to = func(args...)
  bool readCall(const OpIn& in, Op& op) {
    op.kind = OpKind::Call;
    FuncId f = lookupFunc(in, "func");
    if (f == kNone || !callArgs(in, f, op, "call of")) return false;
    op.func = f;
    const json* t = member(in.o, "to");
    if (!t) return true;
    const FuncInfo& ci = funcInfo_[f];
    const std::string& fname = prog_.functions[f].name;
    if (!ci.hasResult) {
      err(child(in.ptr, "to"), fname + " returns nothing: remove \"to\" (or add \"returns\" to it)");
      return false;
    }
    Resolved dst;
    if (!place(*t, child(in.ptr, "to"), in.ctx, dst)) return false;
    if (dst.place.isNil() || !dst.type.pointerLike()) {
      err(child(in.ptr, "to"), "the result of " + fname + " is " + ci.result.text + ", but " +
                                   dst.place.text + " is " + dst.type.text);
      return false;
    }
    Resolved ret;
    ret.type = ci.result;
    ret.place.text = fname + "()";
    if (std::string e = assignable(dst, ret, [] { return std::string("\"to\""); }); !e.empty()) {
      err(child(in.ptr, "to"), e);
      return false;
    }
    op.dst = std::move(dst.place);
    return true;
  }

  // go func(args...)
  bool readGo(const OpIn& in, Op& op) {
    op.kind = OpKind::Go;
    FuncId f = lookupFunc(in, "func");
    if (f == kNone || !callArgs(in, f, op, "go")) return false;
    op.func = f;
    op.goName = prog_.functions[f].name;
    if (const json* n = member(in.o, "name");
        n && !getLabel(*n, child(in.ptr, "name"), "goroutine name", op.goName))
      return false;
    goroutineNames_.insert(op.goName);
    return true;
  }

  // return [value]
  bool readReturn(const OpIn& in, Op& op) {
    op.kind = OpKind::Return;
    const FuncInfo& fi = *in.ctx.info;
    const std::string& fname = prog_.functions[in.ctx.func].name;
    const json* val = member(in.o, "value");
    if (!fi.hasResult && val) {
      err(child(in.ptr, "value"),
          fname + " returns nothing: remove \"value\" (or add \"returns\" to the function)");
      return false;
    }
    if (fi.hasResult && !val) {
      err(in.ptr, "missing \"value\": " + fname + " returns " + fi.result.text +
                      " (write \"value\": \"nil\" to return nil)");
      return false;
    }
    if (!val) return true;
    Resolved src;
    if (!place(*val, child(in.ptr, "value"), in.ctx, src)) return false;
    Resolved ret;
    ret.type = fi.result;
    if (std::string e = assignable(ret, src, [&] { return "return from " + fname; }); !e.empty()) {
      err(child(in.ptr, "value"), e);
      return false;
    }
    op.src = std::move(src.place);
    return true;
  }

  bool readGC(const OpIn&, Op& op) {
    op.kind = OpKind::GC;
    return true;
  }

  bool readYield(const OpIn&, Op& op) {
    op.kind = OpKind::Yield;
    return true;
  }

  bool readNs(const OpIn& in, Op& op) {
    const json* n = required(in.o, in.ptr, "ns", in.what);
    return n && getInt(*n, child(in.ptr, "ns"), "ns", 0, kMaxNs, op.count);
  }

  bool readWork(const OpIn& in, Op& op) {
    op.kind = OpKind::Work;
    return readNs(in, op);
  }

  bool readSleep(const OpIn& in, Op& op) {
    op.kind = OpKind::Sleep;
    return readNs(in, op);
  }

  // runtime.SetFinalizer(obj, func); func null removes it.
  bool readSetFinalizer(const OpIn& in, Op& op) {
    op.kind = OpKind::SetFinalizer;
    const json* f = required(in.o, in.ptr, "func", in.what);
    Resolved obj;
    if (!placeAt(in, "obj", obj)) return false;
    if (obj.type.kind != VType::Kind::Pointer) {
      err(child(in.ptr, "obj"), "runtime.SetFinalizer needs a pointer to a struct (*T), but " +
                                    obj.place.text + " is " + obj.type.text);
      return false;
    }
    if (!f) return false;
    op.src = std::move(obj.place);
    if (f->is_null()) {
      op.func = kNone;
      return true;
    }
    FuncId fid = lookupFunc(in, "func");
    if (fid == kNone) return false;
    const Function& fin = prog_.functions[fid];
    const FuncInfo& fi = funcInfo_[fid];
    if (fin.numParams != 1 || fi.hasResult || !fi.slotTypes[0].strongPointer()) {
      err(child(in.ptr, "func"),
          "finalizer " + excerpt(fin.name) +
              " must take exactly one pointer parameter and return nothing (it takes " +
              count(fin.numParams, "parameter") + (fi.hasResult ? " and returns " + fi.result.text : "") +
              ")");
      return false;
    }
    Resolved param;
    param.type = fi.slotTypes[0];
    obj.place = op.src;
    if (std::string e = assignable(param, obj, [&] { return "finalizer " + fin.name; }); !e.empty()) {
      err(child(in.ptr, "func"), e);
      return false;
    }
    op.func = fid;
    return true;
  }

  // to = weak.Make(from)
  bool readWeakMake(const OpIn& in, Op& op) {
    op.kind = OpKind::WeakMake;
    Resolved src, dst;
    if (!placeAt(in, "from", src)) return false;
    if (src.type.kind != VType::Kind::Pointer) {
      err(child(in.ptr, "from"),
          "weak.Make needs a pointer to a struct (*T), but " + src.place.text + " is " + src.type.text);
      return false;
    }
    if (!placeAt(in, "to", dst)) return false;
    if (dst.type.kind != VType::Kind::Weak || dst.type.pointee != src.type.pointee) {
      err(child(in.ptr, "to"), "weak_make needs \"to\" of type weak.Pointer[" +
                                   prog_.types[src.type.pointee].name + "], but " + dst.place.text + " is " +
                                   dst.type.text);
      return false;
    }
    op.src = std::move(src.place);
    op.dst = std::move(dst.place);
    return true;
  }

  // to = from.Value()
  bool readWeakGet(const OpIn& in, Op& op) {
    op.kind = OpKind::WeakGet;
    Resolved src, dst;
    if (!placeAt(in, "from", src)) return false;
    if (src.type.kind != VType::Kind::Weak) {
      err(child(in.ptr, "from"),
          "weak_get needs a weak.Pointer[T] in \"from\", but " + src.place.text + " is " + src.type.text);
      return false;
    }
    if (!placeAt(in, "to", dst)) return false;
    if (dst.place.isNil() || !dst.type.strongPointer() ||
        (dst.type.kind == VType::Kind::Pointer && dst.type.pointee != src.type.pointee)) {
      err(child(in.ptr, "to"), "weak_get needs \"to\" of type *" + prog_.types[src.type.pointee].name +
                                   " (or unsafe.Pointer), but " + dst.place.text + " is " + dst.type.text);
      return false;
    }
    op.src = std::move(src.place);
    op.dst = std::move(dst.place);
    return true;
  }

  // for i := 0; i < count; i++ { body } -> RepeatBegin, body..., RepeatEnd.
  void repeat(const OpIn& in, std::vector<Op>& ops, Op begin) {
    const Ptr& ptr = in.ptr;
    BodyCtx& ctx = in.ctx;
    begin.kind = OpKind::RepeatBegin;
    const json* c = required(in.o, ptr, "count", in.what);
    const json* b = required(in.o, ptr, "body", in.what);
    if (c) getInt(*c, child(ptr, "count"), "count", 0, kMaxRepeatCount, begin.count);
    if (ctx.depth + 1 > kMaxRepeatNesting) {
      err(ptr, "repeat blocks nested deeper than " + std::to_string(kMaxRepeatNesting));
      return;
    }
    std::uint32_t indexLocal = kNone;
    if (const json* ix = member(in.o, "index")) {
      std::string n;
      if (getString(*ix, child(ptr, "index"), "the index variable", n, kMaxNameChars)) {
        auto it = ctx.info->slotIndex.find(n);
        if (it == ctx.info->slotIndex.end()) {
          err(child(ptr, "index"), "the repeat index must be an integer local of " +
                                       prog_.functions[ctx.func].name + ": " + unknownVariable(n, ctx));
        } else if (!ctx.info->slotTypes[it->second].integer()) {
          err(child(ptr, "index"), "the repeat index " + excerpt(n) + " is " +
                                       ctx.info->slotTypes[it->second].text +
                                       ": it must be an integer type (int, int32, ...)");
        } else if (std::find(ctx.loopIndexes.begin(), ctx.loopIndexes.end(), it->second) !=
                   ctx.loopIndexes.end()) {
          err(child(ptr, "index"), excerpt(n) + " is already the index of an enclosing repeat");
        } else {
          indexLocal = it->second;
        }
      }
    }
    begin.counterLocal = indexLocal;
    if (!b) return;
    const Ptr bp = child(ptr, "body");
    if (!isArray(*b, bp, "a list of operations", kMaxJsonArray)) return;
    if (b->empty()) {
      err(bp, "a repeat needs a non-empty body");
      return;
    }
    std::uint32_t line = begin.line;
    std::size_t at = ops.size();
    bool emitted = emit(ops, std::move(begin), ptr);
    ctx.depth++;
    if (indexLocal != kNone) ctx.loopIndexes.push_back(indexLocal);
    for (std::size_t k = 0; k < b->size(); ++k) op((*b)[k], child(bp, k), ctx, ops);
    if (indexLocal != kNone) ctx.loopIndexes.pop_back();
    ctx.depth--;
    Op end;
    end.kind = OpKind::RepeatEnd;
    end.line = line;
    end.jump = static_cast<std::uint32_t>(at);
    std::size_t endAt = ops.size();
    if (emitted && emit(ops, std::move(end), ptr)) {
      ops[at].jump = static_cast<std::uint32_t>(endAt);
      checkRepeatRuns(ops, at, ptr, ctx.func);
    }
  }

  // A repeat may run at most kMaxRepeatRuns operations in all (count times
  // its body, where a nested repeat counts what it runs), so that no
  // scenario asks for years of simulation. Each repeat's total is kept for
  // the repeats around it; one that is over the limit is reported once.
  void checkRepeatRuns(const std::vector<Op>& ops, std::size_t at, const Ptr& ptr, FuncId func) {
    std::uint64_t body = 0;
    bool innerOver = false;
    for (std::size_t k = at + 1; k < ops[at].jump;) {
      auto it = ops[k].kind == OpKind::RepeatBegin ? repeatRuns_.find({func, k}) : repeatRuns_.end();
      if (it == repeatRuns_.end()) {
        ++body;
        ++k;
        continue;
      }
      body += it->second;  // each at most kMaxRepeatRuns + 1: no overflow
      innerOver |= it->second > kMaxRepeatRuns;
      k = ops[k].jump + 1;
    }
    const auto count = static_cast<std::uint64_t>(ops[at].count);
    bool over = body > 0 && count > kMaxRepeatRuns / body;
    repeatRuns_[{func, at}] = over ? kMaxRepeatRuns + 1 : count * body;
    if (over && !innerOver)
      err(ptr, "this repeat would run " + std::to_string(count) + " x " + std::to_string(body) +
                   " operations (count x the operations of its body, nested repeats included): at most " +
                   std::to_string(kMaxRepeatRuns) + " in all; lower \"count\"");
  }

  // ----- schedule and layout

  void schedule(const json& v, const std::string& ptr) {
    if (!isArray(v, ptr, "a list of directives", kMaxDirectives)) return;
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string p = child(ptr, i);
      const json& dj = v[i];
      if (!isObject(dj, p, "a directive such as {\"run\": \"main\", \"ops\": 2} or {\"collector\": 3}"))
        continue;
      checkKeys(dj, p, "directive", "a schedule directive");
      std::vector<std::string> kinds;
      for (const char* k : {"run", "collector", "start_gc", "until_phase"})
        if (member(dj, k)) kinds.push_back(k);
      if (kinds.empty()) {
        err(p, "a directive needs one of \"run\", \"collector\", \"start_gc\", \"until_phase\"");
        continue;
      }
      if (kinds.size() > 1) {
        err(p, "a directive does one thing, but this one has both \"" + kinds[0] + "\" and \"" + kinds[1] +
                   "\"");
        continue;
      }
      Directive d;
      std::int64_t n = 1;
      const std::string& k = kinds[0];
      if (member(dj, "ops") && k != "run") {
        err(child(p, "ops"), "\"ops\" only goes with \"run\" (for the collector, write {\"collector\": N})");
        continue;
      }
      if (k == "run") {
        d.kind = Directive::Kind::Goroutine;
        if (!getLabel(dj["run"], child(p, "run"), "goroutine name", d.name)) continue;
        if (!goroutineNames_.count(d.name)) {
          std::vector<std::string> names(goroutineNames_.begin(), goroutineNames_.end());
          err(child(p, "run"),
              "unknown goroutine " + excerpt(d.name) + didYouMean(d.name, names) +
                  " (goroutines: " + listNames(names) +
                  "; a goroutine started by a \"go\" op is named by its \"name\" or its function)");
          continue;
        }
        if (const json* o = member(dj, "ops");
            o && !getInt(*o, child(p, "ops"), "ops", 1, kMaxDirectiveCount, n))
          continue;
        d.count = static_cast<std::uint32_t>(n);
        d.text = d.name + ": " + std::to_string(n) + (n == 1 ? " op" : " ops");
      } else if (k == "collector") {
        d.kind = Directive::Kind::Collector;
        if (!getInt(dj["collector"], child(p, "collector"), "collector units", 1, kMaxDirectiveCount, n))
          continue;
        d.count = static_cast<std::uint32_t>(n);
        d.text = "collector: " + std::to_string(n) + (n == 1 ? " unit" : " units");
      } else if (k == "start_gc") {
        d.kind = Directive::Kind::StartGC;
        const json& s = dj["start_gc"];
        if (!s.is_boolean() || !s.get<bool>()) {
          err(child(p, "start_gc"),
              "expected true (leave the directive out to not start a cycle), got " + describe(s));
          continue;
        }
        d.text = "start GC";
      } else {
        d.kind = Directive::Kind::UntilPhase;
        std::uint8_t ph = 0;
        if (std::string e = enumValue(dj["until_phase"], kPhaseNames, ph); !e.empty()) {
          err(child(p, "until_phase"), "until_phase: " + e);
          continue;
        }
        d.phase = ph;
        d.text = "until phase " + kPhaseNames[ph];
      }
      prog_.schedule.push_back(std::move(d));
    }
  }

  void layout(const json& v, const std::string& ptr) {
    if (!isObject(v, ptr, "the layout {\"pins\": {...}}")) return;
    checkKeys(v, ptr, "layout", "layout");
    const json* pins = member(v, "pins");
    if (!pins) return;
    std::string pp = child(ptr, "pins");
    if (!isObject(*pins, pp, "pins: {\"label\": [x, y], ...}")) return;
    if (pins->size() > kMaxPins) {
      err(pp, "too many pins (at most " + std::to_string(kMaxPins) + ")");
      return;
    }
    for (const auto& [labelView, xy] : pins->items()) {
      const std::string label(labelView);
      std::string p = child(pp, label);
      if (!labels_.count(label)) {
        std::vector<std::string> names(labels_.begin(), labels_.end());
        err(p,
            "no \"new\" op has the label " + excerpt(label) + didYouMean(label, names) +
                " (labels: " + listNames(names) + ")",
            true);
        continue;
      }
      if (!xy.is_array() || xy.size() != 2 || !xy[0].is_number() || !xy[1].is_number()) {
        err(p, "expected a position [x, y] (two numbers), got " + describe(xy));
        continue;
      }
      double x = xy[0].get<double>(), y = xy[1].get<double>();
      if (std::fabs(x) > kMaxPinCoord || std::fabs(y) > kMaxPinCoord) {
        err(p, "pin position out of range (at most 1000000 in x and y)");
        continue;
      }
      prog_.pins.push_back({label, static_cast<float>(x), static_cast<float>(y)});
    }
  }

  // ----- state

  const std::string& text_;
  const std::string& file_;
  std::vector<PendingError> pending_;
  std::vector<LoadError> positioned_;
  std::set<std::string> erroredPaths_;
  bool tooMany_ = false;
  bool parsed_ = false;
  json_tree::Doc tree_;  // views into text_

  Program prog_;
  ScenarioInfo info_;
  std::map<std::string, std::string> packageNames_;  // name -> "type" / "global" / "function"
  std::map<std::string, TypeId, std::less<>> typeIndex_;
  std::map<std::string, std::uint32_t, std::less<>> globalIndex_;
  std::vector<VType> globalTypes_;
  std::map<std::string, FuncId, std::less<>> funcIndex_;
  std::vector<FuncInfo> funcInfo_;
  std::set<FuncId> sigBroken_;  // functions whose signature has errors (calls to them are not checked)
  bool fnsOk_ = true;
  std::set<std::string> goroutineNames_;
  std::set<std::string> labels_;
  bool hasSource_ = false;
  std::size_t totalOps_ = 0;
  bool opsCapped_ = false;
  std::map<std::pair<FuncId, std::size_t>, std::uint64_t>
      repeatRuns_;  // (function, RepeatBegin pc) -> ops it runs
};

}  // namespace

// }=====  {===== public API

std::string LoadError::format() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": ";
  if (!path.empty()) out += path + ": ";
  return out + message;
}

LoadResult loadScenarioText(const std::string& text, const std::string& fileName) {
  return Loader(text, fileName).run();
}

LoadResult loadScenarioFile(const std::string& path) {
  auto fail = [&](const std::string& message, int line = 0) {
    LoadResult r;
    r.errors.push_back(LoadError{path, "", line, line, message});
    return r;
  };
  json_text::FileText f = json_text::readFileCapped(path, kMaxFileBytes, [](std::uint64_t size) {
    return "file is too large: " + std::to_string(size) + " bytes (a scenario is at most 64 MiB)";
  });
  if (!f.ok) return fail(f.error, f.sizeError ? 1 : 0);
  return Loader(f.text, path).run(&f.text);
}

std::string applyConfigOverride(Config& cfg, const std::string& keyEqualsValue) {
  std::size_t eq = keyEqualsValue.find('=');
  if (eq == std::string::npos) return "expected key=value (e.g. GOGC=50), got " + excerpt(keyEqualsValue);
  std::string key = keyEqualsValue.substr(0, eq);
  std::string value = keyEqualsValue.substr(eq + 1);
  if (value.size() > kMaxNameChars) return "value of " + excerpt(key) + " is too long";
  // Numbers and true/false are read as JSON, anything else as a string:
  // GOGC=50 -> 50, GOGC=off -> "off", GOMEMLIMIT=64MiB -> "64MiB".
  njson nv;
  try {
    nv = njson::parse(value);
  } catch (const njson::exception&) {
    nv = value;
  }
  if (!(nv.is_number() || nv.is_boolean() || nv.is_string())) nv = value;
  const json_tree::Doc doc = json_tree::fromNlohmann(nv);
  const json& v = doc.root();
  Config c = cfg;
  std::string e;
  if (key.rfind("costs.", 0) == 0) {
    e = setCost(c.costs, key.substr(6), v);
  } else if (key == "costs") {
    e = "set one cost at a time, e.g. costs.op=50";
  } else {
    e = setConfig(c, key, v);
  }
  if (!e.empty()) return e;
  if (key == "stack_rescan" && c.barrier != BarrierMode::Dijkstra)
    return "stack_rescan only applies to write_barrier=dijkstra (set write_barrier first)";
  if (key == "stack_snapshot" && c.barrier != BarrierMode::Yuasa)
    return "stack_snapshot only applies to write_barrier=yuasa (set write_barrier first)";
  if (std::string s = checkGlobalsShards(c, 0); !s.empty()) return s;
  cfg = c;
  return "";
}

std::vector<std::string> scenarioKeys(const std::string& section) {
  auto it = keyTable().find(section);
  return it == keyTable().end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> scenarioOpNames() { return kOpNames; }

}  // namespace tricolor
