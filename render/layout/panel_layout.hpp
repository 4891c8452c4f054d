// Where the panels sit in the window. ImGui 1.86 has no docking, so the
// window is split by hand: a full-width controls bar on top, then three
// columns (source + goroutines | heap graph over memory + pacer | inspector,
// event log, settings) separated by draggable splitters. The split points
// are fractions, so the layout follows window resizes, and they are what the
// settings file remembers.
#pragma once

#include <array>
#include <vector>

#include "render/layout/geometry.hpp"

namespace tricolor::render {

enum class Panel : int { Controls, Source, Goroutines, Heap, Memory, Pacer, Inspector, Log, Settings, Count };
const char* panelName(Panel p);  // "heap", "memory"... (command line, layout dump)

struct PanelSplits {
  float left = 0.21f;         // width of the left column, fraction of the window
  float right = 0.23f;        // width of the right column
  float leftSplit = 0.46f;    // source | goroutines
  float centerSplit = 0.66f;  // heap graph | memory + pacer (the graph is what a lecture looks at)
  float bottomSplit = 0.45f;  // memory | pacer
  float rightSplit1 = 0.40f;  // inspector | log
  float rightSplit2 = 0.78f;  // log | settings
  bool operator==(const PanelSplits&) const = default;
};

struct Splitter {
  enum class Id : int { Left, Right, LeftSplit, CenterSplit, BottomSplit, RightSplit1, RightSplit2 };
  Id id;
  bool vertical;  // a vertical bar, dragged along x
  RectF hit;
};

struct PanelRects {
  std::array<RectF, std::size_t(Panel::Count)> rect{};
  std::vector<Splitter> splitters;
  const RectF& operator[](Panel p) const { return rect[std::size_t(p)]; }
};

// `topHeight` is the controls bar's height (it depends on the font size).
PanelRects computePanels(Vec2 window, float topHeight, const PanelSplits& s, float gap = 6);
// Moves splitter `id` by `delta` pixels, keeping every panel at least a few rows tall.
void dragSplitter(PanelSplits& s, Splitter::Id id, Vec2 window, float topHeight, float delta);

}  // namespace tricolor::render
