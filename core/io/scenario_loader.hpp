// The scenario loader: a JSON scenario file (format v1, described in
// docs/scenario-format.md and scenarios/scenario.schema.json) becomes an
// immutable tricolor::Program, or a list of errors.
//
// Bad input is normal input for a teaching tool: a teacher edits scenarios
// by hand. So the loader checks every key, name, type and number, and
// reports *all* the problems it finds (up to a cap), each with the file,
// the JSON pointer of the offending value, its line:column and what was
// expected. The simulation trusts a Program completely, so nothing that
// could break it gets past this file.
//
// The loader must never crash, hang or allocate without bound, whatever the
// bytes (it is fuzzed): sizes, depths and counts are capped with clear
// errors (see the "Limits" table of docs/scenario-format.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model/program.hpp"

namespace tricolor {

struct LoadError {
  std::string file;          // as given
  std::string path;          // JSON pointer of the offending value ("" for syntax errors)
  int line = 0, column = 0;  // 1-based position of that value (0 = unknown)
  std::string message;       // what was wrong and what was expected

  // "file:line:col: /functions/0/body/3/to: unknown variable 'c' (...)"
  std::string format() const;
};

// Catalogue information: shown by a scenario picker, not needed to run.
struct ScenarioInfo {
  std::string summary;  // one line
  int difficulty = 0;   // 1 (first week) .. 5; 0 = not given
  int order = 0;        // position in the course; 0 = not given
};

struct LoadResult {
  std::shared_ptr<const Program> program;  // null if errors
  std::vector<LoadError> errors;           // all problems found (in text order), not just the first
  std::string sourceText;                  // the raw JSON text (snapshots embed it)
  ScenarioInfo info;
  bool ok() const { return program && errors.empty(); }
};

LoadResult loadScenarioFile(const std::string& path);
LoadResult loadScenarioText(const std::string& text, const std::string& fileName);

// Applies a config override given as key=value, with the same keys and
// value syntax as the JSON "config" object ("GOGC=50", "GOGC=off",
// "write_barrier=none", "GOMEMLIMIT=64MiB", "costs.op=80"). Returns an
// error message, or "" on success.
std::string applyConfigOverride(Config& cfg, const std::string& keyEqualsValue);

// The keys the loader accepts in each kind of JSON object, so tests can
// check that the JSON Schema and the documentation list exactly the same
// ones. Sections: "scenario", "config", "costs", "type", "field", "global",
// "function", "slot", "goroutine", "directive", "layout", and "op:<name>"
// for each op (see scenarioOpNames()).
std::vector<std::string> scenarioKeys(const std::string& section);
std::vector<std::string> scenarioOpNames();

}  // namespace tricolor
