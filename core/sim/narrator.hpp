// Narration: events -> words. describe() gives one line per event for the
// event log; narrate() gives the one sentence that sums up a step.
#pragma once

#include <string>
#include <vector>

#include "core/model/event.hpp"

namespace tricolor {

class Simulation;

std::string describe(const Simulation& sim, const Event& e);
std::string narrate(const Simulation& sim, const std::vector<Event>& events);

}  // namespace tricolor
