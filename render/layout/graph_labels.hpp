// The heap graph's text sizes, in pixels, from the zoom. Every label of the
// graph - a box's name, colour word, type and field rows, the roots'
// names, the tags of this step's highlights, the grey queue's numbers -
// takes its size from here, so a rule about readable text (presentation
// mode, a minimum size for the back row) changes in one place.
//
// The body text is 13 px at 100 %. Under 6.5 px nothing is written; under
// 9.5 px a box shows its name alone, as large as the box allows. Root names
// and tags never go under 11 px (what the step did is its point), but a
// root name never grows past its row. The aggregated view's neighbourhood
// (a few boxes scaled to fit) has its own rule, below.
#pragma once

#include <algorithm>
#include <cstddef>

#include "render/layout/heap_layout.hpp"

namespace tricolor::render {

struct GraphLabels {
  float body = 0;         // a box's type line and fields are fractions of this
  bool text = false;      // any text at all
  bool nameOnly = false;  // a box shows its name alone (nameOnlyPx)
  float name = 0;         // a box's name
  float word = 0;         // its colour word and type line
  float field = 0;        // its pointer fields
  float note = 0;         // "in wb buffer" under a box
  float root = 0;         // root names (globals, frames, slots)
  float rootTag = 0;      // "scanned" / "not scanned" after a goroutine's name
  float nil = 0;          // "nil" before an empty root slot
  float queue = 0;        // the grey queue position on a box

  // A highlight's tag ("scanning", "shaded"...) in the header of a box
  // `boxW` pixels wide: readable zoomed out, but six of its letters fit.
  float highlightTag(float boxW) const { return std::min(std::max(body * 0.9f, 11.0f), boxW / 6.0f); }
};

inline GraphLabels graphLabels(float zoom) {
  GraphLabels l;
  l.body = 13.0f * zoom;
  l.text = l.body >= 6.5f;
  l.nameOnly = l.body < 9.5f;
  l.name = l.body * 1.08f;
  l.word = l.body * 0.85f;
  l.field = l.body * 0.9f;
  l.note = l.body * 0.8f;
  l.root = std::min(std::max(l.body, 11.0f), GraphMetrics::kRowH * zoom * 0.92f);
  l.rootTag = l.root * 0.85f;
  l.nil = l.root * 0.9f;
  l.queue = std::max(l.body * 0.9f, 11.0f);
  return l;
}

// The name-only size of a box `boxH` pixels tall: at most 22 px at 100 %,
// 60 % of the box; the view shrinks it further when the name is wider than the box.
inline float nameOnlyPx(float zoom, float boxH) { return std::min(22.0f * zoom, boxH * 0.6f); }

// The aggregated view's neighbourhood at its own zoom: the same body text,
// the name alone under 10 px (three lines must fit), the name at the body
// size, the colour word and type line at 0.85, root names at least 11 px
// (and at most their node's height, where drawn).
inline GraphLabels neighbourhoodLabels(float zoom) {
  GraphLabels l;
  l.body = 13.0f * zoom;
  l.text = true;
  l.nameOnly = l.body < 10;
  l.name = l.body;
  l.word = l.body * 0.85f;
  l.root = std::max(l.body, 11.0f);
  return l;
}
// A neighbour's name shown alone: at most 16 px, 70 % of a box `boxH` tall,
// and `chars` characters (about 0.6 em each) across 90 % of its width.
inline float neighbourNamePx(float boxW, float boxH, std::size_t chars) {
  return std::min({16.0f, boxH * 0.7f, boxW * 0.9f / std::max<float>(1, float(chars) * 0.6f)});
}

}  // namespace tricolor::render
