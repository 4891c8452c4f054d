#include "core/io/snapshot.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/io/gctrace.hpp"
#include "core/io/json_positions.hpp"
#include "core/io/state_json.hpp"

namespace tricolor {

namespace {
// Limits (docs/scenario-format.md, "Limits"): a snapshot holds a scenario
// (at most 64 MiB) and one state; the largest bundled run's snapshot is a few
// hundred KiB, so these leave room while keeping nlohmann's tree (~100 bytes
// per value) well under 2 GiB whatever the file says.
constexpr std::uint64_t kMaxSnapshotBytes = 128ull << 20;
constexpr int kMaxSnapshotDepth = 64;
constexpr std::size_t kMaxSnapshotValues = std::size_t{1} << 24;
constexpr std::size_t kMaxSnapshotArray = std::size_t{1} << 24;
constexpr std::uint64_t kMaxReplaySteps = 2'000'000'000ull;

LoadError err(const std::string& file, const std::string& path, const std::string& msg) {
  LoadError e;
  e.file = file;
  e.path = path;
  e.message = msg;
  return e;
}

// Gives each error about the snapshot's own (valid) JSON the line:column
// where its value starts; a missing member points at its object.
void locateErrors(const std::string& text, const std::string& file, std::vector<LoadError>& errors) {
  std::set<std::string> wanted;
  for (const LoadError& e : errors)
    if (e.file == file && e.line == 0) wanted.insert(e.path);
  if (wanted.empty()) return;
  json_text::Located at = json_text::locate(text, wanted);
  for (LoadError& e : errors) {
    if (e.file != file || e.line != 0) continue;
    for (std::string p = e.path;; p.resize(p.rfind('/'))) {
      if (auto it = at.values.find(p); it != at.values.end()) {
        e.line = it->second.line;
        e.column = it->second.column;
        break;
      }
      if (p.empty()) break;
    }
  }
}
}  // namespace

std::string snapshotText(const Simulation& sim, const SnapshotSource& src, const std::string& narration) {
  nlohmann::json j;
  j["format"] = "tricolor-snapshot";
  j["version"] = 1;
  j["scenario_file"] = src.scenarioFile;
  j["scenario"] = src.scenarioText;
  j["overrides"] = src.overrides;
  j["step"] = sim.steps();
  j["narration"] = narration;
  nlohmann::json trace = nlohmann::json::array();
  for (const CycleStats& c : sim.state().gc.cycles)
    if (c.done) trace.push_back(gctraceLine(c));
  j["gctrace"] = trace;
  j["state"] = stateToJson(sim.state());
  return j.dump(1) + "\n";
}

ScenarioRun prepareScenario(LoadResult load, const std::vector<std::string>& overrides) {
  ScenarioRun r;
  r.errors = load.errors;
  if (load.ok()) {
    Program p = *load.program;
    for (const std::string& o : overrides) {
      std::string e = applyConfigOverride(p.config, o);
      if (!e.empty()) r.errors.push_back(err("--set", "", "bad override '" + o + "': " + e));
    }
    if (r.errors.empty()) r.program = std::make_shared<const Program>(std::move(p));
  }
  r.load = std::move(load);
  return r;
}

SnapshotLoad loadSnapshotText(const std::string& text, const std::string& file, const Progress& progress) {
  SnapshotLoad out;
  auto errAt = [&](std::size_t offset, const std::string& msg) {
    LoadError le = err(file, "", msg);
    json_text::TextPos pos = json_text::positionOf(text, offset);
    le.line = pos.line;
    le.column = pos.column;
    out.errors.push_back(le);
    return std::move(out);
  };
  if (text.size() > kMaxSnapshotBytes)
    return errAt(0, "snapshot is too large: " + std::to_string(text.size()) + " bytes (at most 128 MiB)");
  // Pathological shapes (deep nesting, huge arrays, millions of values) are
  // refused before the recursive parser sees them.
  json_text::ShapeLimits limits;
  limits.maxDepth = kMaxSnapshotDepth;
  limits.maxValues = kMaxSnapshotValues;
  limits.maxArrayElements = kMaxSnapshotArray;
  limits.document = "a snapshot";
  if (auto problem = json_text::checkShape(text, limits)) return errAt(problem->offset, problem->message);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    if (std::size_t p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
    return errAt(e.byte > 0 ? e.byte - 1 : 0, "invalid JSON: " + what);
  } catch (const nlohmann::json::exception& e) {
    // number overflow (1e400): nlohmann gives no position, find it ourselves.
    std::string what = e.what();
    if (std::size_t p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    return errAt(json_text::findOverflowingNumber(text).value_or(0),
                 "a number is out of range: " + what + " (it does not fit a double)");
  }
  auto located = [&]() {
    locateErrors(text, file, out.errors);
    return std::move(out);
  };
  if (!j.is_object()) {
    out.errors.push_back(err(file, "", "a snapshot is a JSON object"));
    return located();
  }
  auto need = [&](const char* key, nlohmann::json::value_t type, const char* what) -> const nlohmann::json* {
    auto it = j.find(key);
    if (it == j.end()) {
      out.errors.push_back(
          err(file, std::string("/") + key, std::string("missing \"") + key + "\" (" + what + ")"));
      return nullptr;
    }
    bool ok = it->type() == type ||
              (type == nlohmann::json::value_t::number_unsigned && it->is_number_integer() && *it >= 0);
    if (!ok) {
      out.errors.push_back(err(file, std::string("/") + key, std::string("expected ") + what));
      return nullptr;
    }
    return &*it;
  };
  const auto* format = need("format", nlohmann::json::value_t::string, "the string \"tricolor-snapshot\"");
  const auto* version = need("version", nlohmann::json::value_t::number_unsigned, "the number 1");
  const auto* scenario =
      need("scenario", nlohmann::json::value_t::string, "the scenario's JSON text as a string");
  const auto* step = need("step", nlohmann::json::value_t::number_unsigned, "a step number");
  const auto* state = need("state", nlohmann::json::value_t::object, "the simulation state object");
  if (format && *format != "tricolor-snapshot")
    out.errors.push_back(err(file, "/format", "not a tricolor snapshot (expected \"tricolor-snapshot\")"));
  if (version && *version != 1)
    out.errors.push_back(
        err(file, "/version", "unsupported snapshot version " + version->dump() + " (expected 1)"));
  if (j.contains("overrides")) {
    const auto& ov = j["overrides"];
    if (!ov.is_array()) {
      out.errors.push_back(err(file, "/overrides", "expected an array of \"KEY=VALUE\" strings"));
    } else {
      for (std::size_t i = 0; i < ov.size(); ++i) {
        if (!ov[i].is_string())
          out.errors.push_back(
              err(file, "/overrides/" + std::to_string(i), "expected a \"KEY=VALUE\" string"));
        else
          out.source.overrides.push_back(ov[i].get<std::string>());
      }
    }
  }
  if (j.contains("scenario_file") && j["scenario_file"].is_string())
    out.source.scenarioFile = j["scenario_file"].get<std::string>();
  std::uint64_t target = step ? step->get<std::uint64_t>() : 0;
  if (step && target > kMaxReplaySteps)
    out.errors.push_back(err(file, "/step", "step number too large (at most 2000000000)"));
  if (!out.errors.empty()) return located();

  out.source.scenarioText = scenario->get<std::string>();
  std::string scenarioName = out.source.scenarioFile.empty() ? file + "#/scenario" : out.source.scenarioFile;
  ScenarioRun run =
      prepareScenario(loadScenarioText(out.source.scenarioText, scenarioName), out.source.overrides);
  if (!run.program) {
    for (LoadError& e : run.errors) {
      e.message = "in the embedded scenario: " + e.message;
      out.errors.push_back(e);
    }
    return out;
  }
  auto sim = std::make_unique<Simulation>(run.program);
  EventSink sink;
  sink.enabled = false;
  while (sim->steps() < target && !sim->finished()) {
    sim->step(sink);
    if (progress && sim->steps() % 65536 == 0 && !progress(sim->steps(), target)) {
      out.errors.push_back(err(file, "", "resume cancelled"));
      return out;
    }
  }
  if (sim->steps() != target) {
    out.errors.push_back(err(file, "/step",
                             "the scenario ends at step " + std::to_string(sim->steps()) + ", before step " +
                                 std::to_string(target)));
    return located();
  }
  if (stateToJson(sim->state()) != *state) {
    out.errors.push_back(err(file, "/state",
                             "the state does not match the scenario replayed to step " +
                                 std::to_string(target) +
                                 " (the snapshot was edited, or written by another version of tricolor)"));
    return located();
  }
  out.sim = std::move(sim);
  return out;
}

SnapshotLoad loadSnapshotFile(const std::string& path, const Progress& progress) {
  auto fail = [&](const std::string& message, int line = 0) {
    SnapshotLoad out;
    out.errors.push_back(err(path, "", message));
    out.errors.back().line = out.errors.back().column = line;
    return out;
  };
  json_text::FileText f = json_text::readFileCapped(path, kMaxSnapshotBytes, [](std::uint64_t size) {
    return "snapshot is too large: " + std::to_string(size) + " bytes (at most 128 MiB)";
  });
  if (!f.ok) return fail(f.error, f.sizeError ? 1 : 0);
  return loadSnapshotText(f.text, path, progress);
}

std::string writeFileAtomic(const std::string& path, const std::string& text) {
  std::string dir = ".";
  auto slash = path.find_last_of('/');
  if (slash != std::string::npos) dir = slash == 0 ? "/" : path.substr(0, slash);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmpl = dir + "/." + base + ".tmpXXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) return "cannot create a temporary file in " + dir;
  ::fchmod(fd, 0644);  // mkstemp makes 0600; a snapshot or picture is an ordinary file
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      std::remove(name.data());
      return "cannot write " + path;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::remove(name.data());
    return "cannot write " + path;
  }
  if (std::rename(name.data(), path.c_str()) != 0) {
    std::remove(name.data());
    return "cannot rename the temporary file to " + path;
  }
  return "";
}

}  // namespace tricolor
