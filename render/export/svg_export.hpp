// The heap graph as SVG, for slides: the same picture as the window's heap
// panel (same layout, same colours and second cues, this step's highlights),
// but as vectors with real <text>, so it scales on a projector and its words
// can be searched and edited.
//
// Pure C++ (no ImGui, no GL): the command line writes it without a display.
// Positions come from HeapLayout, which must have observed every step of the
// run up to `sim` (the session does; the command line feeds one too).
//
// The document is also meant to be read by programs (the tests use xmllint):
//   <g class="object grey" data-id="3" data-label="B" data-colour="grey">  one per box
//   <g class="root" data-name="main.a" data-target="3">                  one per root slot
//   <path data-edge="..." data-from="..." data-to="...">                 one per drawn pointer
#pragma once

#include <string>
#include <vector>

#include "core/model/event.hpp"
#include "core/sim/simulation.hpp"
#include "render/layout/heap_layout.hpp"

namespace tricolor::render {

// `lastEvents` are the events of the step that led to `sim` (highlights:
// scanning, shaded, new, written, freed). Every pointer between drawn
// objects is an arrow, also those of fields past the sixth, which share the
// box's summary port.
std::string exportSvg(const Simulation& sim, const HeapLayout& layout, const std::vector<Event>& lastEvents);

}  // namespace tricolor::render
