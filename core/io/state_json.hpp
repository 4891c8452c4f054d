// The whole simulation state as JSON: what a snapshot stores so it can be
// read, diffed and checked. (Resuming replays the scenario and compares
// against this, so a snapshot can never inject an impossible state.)
#pragma once

#include <nlohmann/json.hpp>

#include "core/sim/simulation.hpp"

namespace tricolor {

nlohmann::json stateToJson(const State& s);

}  // namespace tricolor
