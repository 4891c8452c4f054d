// Where each object of the heap graph is drawn, in graph units (pixels at
// zoom 1, UI scale 1).
//
// Students track objects by position, so the layout is stable: an object is
// placed once, when it is allocated, and never moves while it lives (unless
// the user drags it). Allocating or freeing one object moves no other.
//
// Positions are a pure function of the run's history: the session feeds
// every step to observe() exactly once, in step order, the first time the
// run reaches it; placements are cached by ObjectId (ids are never reused).
// Stepping back or seeking never re-places anything, so the same step always
// shows the same picture.
//
// Placement: the heap is a grid of columns to the right of the roots column
// (globals, then goroutine stacks). A new object goes to the free cells
// nearest to its first referrer (the pointer written in the same step: a
// global or stack slot anchors it to the first column at that root's
// height; an object field anchors it one column to the right of that
// object), so lists grow to the right and trees fan out downwards. A freed
// object stays as a ghost for kGhostSteps steps, then its cells may be
// reused. A scenario's pins (Program::pins, by label) place an object at a
// teacher-chosen spot when that spot is free.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/model/event.hpp"
#include "core/model/program.hpp"
#include "core/model/world.hpp"
#include "render/layout/geometry.hpp"

namespace tricolor {
class Simulation;
}

namespace tricolor::render {

// Graph geometry, in graph units. Pins in scenario files use these units
// (top-left corner of the object's box; the roots column is x < kRootsWidth).
struct GraphMetrics {
  static constexpr float kRootsX = 10;
  static constexpr float kRootsWidth = 190;
  static constexpr float kHeapX0 = 220;    // left edge of heap column 0
  static constexpr float kColPitch = 130;  // column spacing
  static constexpr float kBoxW = 100;      // object box width (pins 120 apart leave room for an arrow)
  static constexpr float kRowH = 18;       // one text row
  static constexpr float kTopY = 10;       // first row
  static constexpr float kGap = 10;        // minimum vertical gap between boxes
  static constexpr int kMaxCols = 12;      // the grid wraps downwards beyond this (small heaps)
  // Big heaps: once more than kWidenAbove objects live and the grid is taller
  // than wide, new objects go to twice as many columns (never beyond
  // kMaxColsBig), so a 10^4-object graph is about square, not a strip.
  static constexpr std::size_t kWidenAbove = 1000;
  static constexpr int kMaxColsBig = 192;
  static constexpr int kMaxFieldRows = 6;  // pointer fields drawn as ports; more are summarised
};

// Rows of an object box: label, type, then its pointer fields (ports).
int boxFieldRows(const Type& t);
float boxHeight(const Type& t);
// Port (pointer slot `ptrIndex`) centre relative to the box's top-left; slots
// beyond kMaxFieldRows share the summary row.
Vec2 portOffset(const Type& t, std::uint32_t ptrIndex);
// The same port of a box at `box` (graph units).
inline Vec2 portAt(const RectF& box, const Type& t, std::uint32_t ptrIndex) {
  Vec2 o = portOffset(t, ptrIndex);
  return {box.x + o.x, box.y + o.y};
}
// The text of field row `row` (0 = the first pointer field): the field's
// name, "a[3]" for an array element, "+N more" on the summary row.
std::string fieldRowLabel(const Type& t, int row);

// The roots column: globals, then each user goroutine's frames with their
// pointer slots. It follows the current state (frames come and go).
struct RootRow {
  enum class Kind : std::uint8_t { GlobalsHeader, Global, GoroutineHeader, Frame, Slot };
  Kind kind = Kind::Global;
  Ref ref;                 // Global / Slot: the root location
  std::int64_t value = 0;  // Global / Slot: the value held (ObjectId when pointer)
  bool pointer = false;
  GoroutineId g = 0;
  std::string text;
  RectF rect;  // graph units
};
std::vector<RootRow> layoutRoots(const Simulation& sim);
// Where a global's or a stack slot's pointer leaves its row (graph units).
inline Vec2 rootPort(const RootRow& r) { return {r.rect.right() - 8, r.rect.y + GraphMetrics::kRowH * 0.5f}; }

class HeapLayout {
 public:
  static constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
  static constexpr std::uint64_t kGhostSteps = 64;  // how long a freed object stays visible
  static constexpr std::size_t kMaxPlaced = 16384;  // live boxes; more are not drawn (memory map shows all)

  struct Placement {
    RectF rect;  // graph units (top-left + size)
    std::uint64_t allocStep = 0;
    std::uint64_t freedStep = kNever;  // step of the Free (or frame return) event
    bool pinned = false;
    bool keepCells = false;  // freed while reachable: its ghost stays (arrows still point at it)
    bool placed = false;
  };

  // Forgets everything (a new scenario or a restart).
  void reset(const Program& prog);
  // Feeds the step just taken: `sim` is the state after it, `events` its events.
  // Must be called once per step, in order, from step 1.
  void observe(const Simulation& sim, const std::vector<Event>& events);
  // Batched runs (Session::runUntil with nothing else reading events): a step
  // with no event of stopKinds() changes nothing here but the count of
  // unplaced objects, one per event of countKinds() (the graph is full).
  // The kinds depend on what the layout holds, so ask again after each
  // observe(). skipped() records such steps up to `step` with the events of
  // countKinds() they had.
  std::uint64_t stopKinds() const;
  std::uint64_t countKinds() const;
  void skipped(std::uint64_t step, std::uint64_t counted);

  // Where `id` is drawn (user drags win over the placement), or null if it was never placed.
  const Placement* find(ObjectId id) const;
  RectF rectOf(ObjectId id) const;
  // Ids of every object ever placed, ascending.
  const std::vector<ObjectId>& placedIds() const { return order_; }
  // Whether `id` is drawn at step `step`: alive, or freed less than kGhostSteps ago.
  bool visibleAt(ObjectId id, ObjState state, std::uint64_t step) const;
  std::uint64_t unplaced() const { return unplaced_; }  // objects left out because the graph was full
  std::uint64_t observedSteps() const { return observed_; }
  int columns() const { return maxCols_; }  // grid columns in use (kMaxCols, more for big heaps)
  // Wall time spent placing objects so far, and how many were placed (for --bench-frames).
  double placeSeconds() const { return placeSeconds_; }
  std::size_t placedCount() const { return order_.size(); }

  // User drags: kept for the session (also across reloads of the same file).
  void drag(ObjectId id, Vec2 topLeft);
  void clearDrags() { drags_.clear(); }
  const std::map<ObjectId, Vec2>& drags() const { return drags_; }
  void setDrags(std::map<ObjectId, Vec2> d) { drags_ = std::move(d); }

  // The union of every placed box (graph units), for "fit to view".
  RectF extent() const { return extent_; }

 private:
  // A cell is free when every claim on it has been released. Usually one
  // claim; a pinned box off the grid lines shares cells with its neighbours.
  struct Claim {
    ObjectId owner = kNil;
    std::uint64_t releaseAt = kNever;  // free from this step on
  };
  struct Cell {
    std::vector<Claim> claims;
    bool freeAt(std::uint64_t step) const {
      for (const Claim& c : claims)
        if (c.releaseAt > step) return false;
      return true;
    }
  };
  void place(const Simulation& sim, ObjectId id, const std::vector<Event>& events, std::uint64_t step);
  bool anchorFor(const Simulation& sim, ObjectId id, const std::vector<Event>& events, int& col,
                 int& row) const;
  bool fits(int col, int row, int rows, std::uint64_t step) const;
  void claim(ObjectId id, int col, int row, std::uint64_t step);
  bool rectFree(const RectF& r, std::uint64_t step) const;
  void release(ObjectId id, std::uint64_t at);
  Cell& cell(int col, int row);
  void maybeWiden();
  // The first row of column `col` where a box `rows` cells tall fits at `step`.
  int firstFit(int col, int rows, std::uint64_t step);
  int& hint(int col, int rows);
  void lowerHints(int col, int row);

  std::vector<float> typeHeights_;    // by TypeId
  std::map<std::string, Vec2> pins_;  // label -> top-left
  std::vector<Placement> places_;     // index = ObjectId
  std::vector<ObjectId> order_;
  std::vector<std::vector<Cell>> cols_;  // [col][row]
  std::vector<ObjectId> liveStack_;      // placed stack objects still alive (die on return)
  std::map<ObjectId, Vec2> drags_;
  std::size_t live_ = 0;
  std::uint64_t unplaced_ = 0;
  std::uint64_t observed_ = 0;
  RectF extent_;
  int maxCols_ = GraphMetrics::kMaxCols;
  int rowsUsed_ = 0;  // rows below the last claimed cell of any column
  // Search hints, so placing the 10^4th object does not walk every row again:
  // per column and box height, a row above which no such box fits (claims
  // only make cells busier; a release lowers the hint when its cells become
  // free, from pendingFree_).
  std::vector<std::vector<std::pair<int, int>>> hints_;  // [col] -> (rows, first row worth trying)
  struct PendingFree {
    std::uint64_t at;
    int col, row;
  };
  std::vector<PendingFree> pendingFree_;  // in `at` order (released kGhostSteps after each step)
  std::size_t pendingHead_ = 0;
  double placeSeconds_ = 0;
};

}  // namespace tricolor::render
