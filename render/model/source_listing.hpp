// The program as text for the source panel: the scenario's own Go source
// when it has one (ops carry their line numbers), else a Go-like listing
// generated from the ops of each function, with the op -> line map the
// panel needs to highlight where each goroutine is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/program.hpp"

namespace tricolor {
class Simulation;
}

namespace tricolor::render {

struct SourceListing {
  std::vector<std::string> lines;
  bool generated = false;                          // no "source" in the scenario: made from the ops
  std::vector<std::vector<std::uint32_t>> opLine;  // [func][op] -> 1-based line (0 = none)
};

SourceListing buildListing(const Program& prog);
// One op as Go-like text ("a.next = new(Node)").
std::string opText(const Program& prog, const Function& fn, const Op& op);
// The line where goroutine g stands (its top frame's next op), 0 if none.
std::uint32_t listingLine(const SourceListing& l, const Simulation& sim, std::uint32_t g);

}  // namespace tricolor::render
