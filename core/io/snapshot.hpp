// Snapshots: any moment of a run as one JSON file, reloadable and resumable.
//
//   {"format": "tricolor-snapshot", "version": 1,
//    "scenario_file": "scenarios/lost-object.json",   (informative)
//    "scenario": "<the scenario's JSON text>",
//    "overrides": ["GOGC=50"],
//    "step": 1234,
//    "narration": "...", "gctrace": ["gc 1 @0.001s ..."],
//    "state": { ...the whole simulation state... }}
//
// The scenario text travels inside the snapshot, so a snapshot works on
// another machine. Resuming replays the scenario to "step" and checks the
// result against "state": the simulation is deterministic, so they must be
// equal, and a snapshot that was edited or made by another version is
// rejected with a clear error instead of producing an impossible world.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/io/scenario_loader.hpp"
#include "core/sim/simulation.hpp"

namespace tricolor {

struct SnapshotSource {
  std::string scenarioFile;
  std::string scenarioText;
  std::vector<std::string> overrides;
};

// The snapshot's JSON text.
std::string snapshotText(const Simulation& sim, const SnapshotSource& src, const std::string& narration);

struct SnapshotLoad {
  std::unique_ptr<Simulation> sim;  // at the snapshot's step (null on error)
  SnapshotSource source;
  std::vector<LoadError> errors;
  bool ok() const { return sim && errors.empty(); }
};

// progress(done, total) is called while replaying; return false to cancel.
using Progress = std::function<bool(std::uint64_t, std::uint64_t)>;
SnapshotLoad loadSnapshotText(const std::string& text, const std::string& fileName,
                              const Progress& progress = {});
SnapshotLoad loadSnapshotFile(const std::string& path, const Progress& progress = {});

// Builds a simulation from scenario text plus overrides (used by both the
// CLI and snapshot resume). Errors name the scenario file.
struct ScenarioRun {
  LoadResult load;
  std::shared_ptr<const Program> program;  // with the overrides applied
  std::vector<LoadError> errors;
};
ScenarioRun prepareScenario(LoadResult load, const std::vector<std::string>& overrides);

// Writes `text` to `path` atomically: a temporary file in the same folder,
// then rename. Returns "" or an error message.
std::string writeFileAtomic(const std::string& path, const std::string& text);

}  // namespace tricolor
