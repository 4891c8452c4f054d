// What the last step did to the heap graph, read from its events (never by
// diffing states): the object being scanned, the pointers that shaded an
// object, new and freed objects, the pointers the program wrote. The panel
// and the SVG export draw these on top of the graph.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "core/model/event.hpp"

namespace tricolor::render {

struct StepMarks {
  ObjectId scanning = kNil, scanned = kNil;
  std::vector<std::pair<ObjectId, Ref>> shaded;  // the object and the pointer it was found through
  std::vector<ObjectId> allocated, freed, dangling, buffered;
  std::vector<std::pair<ObjectId, Ref>> written;  // the target and the location written
  static bool has(const std::vector<ObjectId>& v, ObjectId id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  }
};

StepMarks marksOf(const std::vector<Event>& events);

}  // namespace tricolor::render
