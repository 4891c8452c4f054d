// Exports that need no window: the pointer graph as Graphviz DOT, metrics as
// CSV (per step and per cycle), and the gctrace log. Each returns the text;
// callers write it with writeFileAtomic.
#pragma once

#include <cstdint>
#include <string>

#include "core/sim/simulation.hpp"

namespace tricolor {

// The pointer graph now: roots (globals, stack slots) and every live heap or
// stack object, filled by colour (white / grey / black, stack objects
// dashed), pointers as edges. At most maxObjects objects (the first ones by
// id), with a note when cut.
std::string exportDot(const Simulation& sim, std::size_t maxObjects = 5000);

// Per-step metrics: one CSV row for the current step. csvStepHeader() first.
std::string csvStepHeader();
std::string csvStepRow(const Simulation& sim);

// Per-cycle metrics (one row per completed cycle).
std::string exportCyclesCsv(const Simulation& sim);

// The gctrace lines of every completed cycle.
std::string exportGctrace(const Simulation& sim);

}  // namespace tricolor
