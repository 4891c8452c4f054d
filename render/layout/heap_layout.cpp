#include "render/layout/heap_layout.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/sim/simulation.hpp"

namespace tricolor::render {

using M = GraphMetrics;

// {===== box geometry

int boxFieldRows(const Type& t) {
  if (t.numPtrs == 0) return 0;
  return t.numPtrs <= std::uint32_t(M::kMaxFieldRows) ? int(t.numPtrs) : M::kMaxFieldRows + 1;
}

float boxHeight(const Type& t) { return float(2 + boxFieldRows(t)) * M::kRowH + 4; }

Vec2 portOffset(const Type& t, std::uint32_t ptrIndex) {
  std::uint32_t row = std::min<std::uint32_t>(ptrIndex, M::kMaxFieldRows);
  (void)t;
  return {M::kBoxW - 8, 2 + (2.0f + float(row) + 0.5f) * M::kRowH};
}

std::string fieldRowLabel(const Type& t, int row) {
  int shown = std::min<int>(int(t.numPtrs), M::kMaxFieldRows);
  if (row >= shown) return "+" + std::to_string(t.numPtrs - std::uint32_t(shown)) + " more";
  for (const Field& f : t.fields)
    if (f.pointer && std::uint32_t(row) >= f.firstPtr && std::uint32_t(row) < f.firstPtr + f.count)
      return f.array ? f.name + "[" + std::to_string(std::uint32_t(row) - f.firstPtr) + "]" : f.name;
  return "";
}

// }===== {===== roots column

std::vector<RootRow> layoutRoots(const Simulation& sim) {
  const Program& P = sim.program();
  const World& w = sim.state().world;
  std::vector<RootRow> rows;
  float y = M::kTopY;
  auto add = [&](RootRow r) {
    r.rect = {M::kRootsX, y, M::kRootsWidth - M::kRootsX, M::kRowH};
    y += M::kRowH;
    rows.push_back(std::move(r));
  };
  bool anyGlobal = false;
  for (std::size_t i = 0; i < P.globals.size(); ++i) {
    if (!P.globals[i].pointer) continue;
    if (!anyGlobal) {
      RootRow h;
      h.kind = RootRow::Kind::GlobalsHeader;
      h.text = "globals";
      add(h);
      anyGlobal = true;
    }
    RootRow r;
    r.kind = RootRow::Kind::Global;
    r.ref = Ref{RefKind::Global, std::uint32_t(i), 0, 0};
    r.value = w.globals[i];
    r.pointer = true;
    r.text = P.globals[i].name;
    add(r);
  }
  if (anyGlobal) y += M::kGap;
  for (const Goroutine& g : w.goroutines) {
    if (g.kind != GKind::User || g.status == GStatus::Dead || g.stack.empty()) continue;
    RootRow h;
    h.kind = RootRow::Kind::GoroutineHeader;
    h.g = g.id;
    h.text = "g" + std::to_string(g.id) + " " + g.name;
    add(h);
    for (std::size_t d = 0; d < g.stack.size(); ++d) {
      const Frame& f = g.stack[d];
      const Function& fn = P.functions[f.func];
      RootRow fr;
      fr.kind = RootRow::Kind::Frame;
      fr.g = g.id;
      fr.text = fn.name + "()";
      add(fr);
      for (std::size_t s = 0; s < fn.slots.size() && s < f.slots.size(); ++s) {
        if (!fn.slots[s].pointer) continue;
        RootRow r;
        r.kind = RootRow::Kind::Slot;
        r.g = g.id;
        r.ref = Ref{RefKind::StackSlot, g.id, std::uint32_t(d), std::uint32_t(s)};
        r.value = f.slots[s];
        r.pointer = true;
        r.text = fn.slots[s].name;
        add(r);
      }
    }
    y += M::kGap;
  }
  return rows;
}

// }===== {===== placement

void HeapLayout::reset(const Program& prog) {
  typeHeights_.clear();
  for (const Type& t : prog.types) typeHeights_.push_back(boxHeight(t));
  pins_.clear();
  for (const Program::Pin& p : prog.pins) pins_.emplace(p.label, Vec2{p.x, p.y});
  places_.assign(1, Placement{});
  order_.clear();
  cols_.assign(M::kMaxCols, {});
  maxCols_ = M::kMaxCols;
  rowsUsed_ = 0;
  hints_.assign(M::kMaxCols, {});
  pendingFree_.clear();
  pendingHead_ = 0;
  placeSeconds_ = 0;
  liveStack_.clear();
  live_ = 0;
  unplaced_ = 0;
  observed_ = 0;
  extent_ = {};
}

HeapLayout::Cell& HeapLayout::cell(int col, int row) {
  auto& c = cols_[std::size_t(col)];
  if (std::size_t(row) >= c.size()) c.resize(std::size_t(row) + 1);
  return c[std::size_t(row)];
}

bool HeapLayout::fits(int col, int row, int rows, std::uint64_t step) const {
  if (col < 0 || col >= maxCols_ || row < 0) return false;
  const auto& c = cols_[std::size_t(col)];
  for (int r = row; r < row + rows; ++r)
    if (std::size_t(r) < c.size() && !c[std::size_t(r)].freeAt(step)) return false;
  return true;
}

void HeapLayout::claim(ObjectId id, int col, int row, std::uint64_t step) {
  auto& claims = cell(col, row).claims;
  std::erase_if(claims, [&](const Claim& c) { return c.releaseAt <= step; });  // long gone
  claims.push_back({id, kNever});
  rowsUsed_ = std::max(rowsUsed_, row + 1);
}

int& HeapLayout::hint(int col, int rows) {
  auto& v = hints_[std::size_t(col)];
  for (auto& h : v)
    if (h.first == rows) return h.second;
  v.emplace_back(rows, 0);
  return v.back().second;
}

// A cell of `col` at `row` became free: boxes of any height may start up to it again.
void HeapLayout::lowerHints(int col, int row) {
  for (auto& [rows, first] : hints_[std::size_t(col)]) first = std::min(first, std::max(0, row - rows + 1));
}

int HeapLayout::firstFit(int col, int rows, std::uint64_t step) {
  int& h = hint(col, rows);
  int r = h;
  while (!fits(col, r, rows, step)) ++r;
  h = r;  // rows above r cannot hold it now, nor later unless a release lowers the hint
  return r;
}

// Doubles the columns when a big heap's grid has become taller than wide.
// Objects already placed stay where they are; the new columns start empty.
void HeapLayout::maybeWiden() {
  if (live_ < M::kWidenAbove || maxCols_ >= M::kMaxColsBig) return;
  if (float(rowsUsed_) * M::kRowH <= float(maxCols_) * M::kColPitch) return;
  maxCols_ = std::min(maxCols_ * 2, M::kMaxColsBig);
  cols_.resize(std::size_t(maxCols_));
  hints_.resize(std::size_t(maxCols_));
}

// Cells a rectangle covers (pins and releases work on rectangles).
template <typename F>
static void forCells(const RectF& r, int maxCols, F&& f) {
  int c0 = int(std::floor((r.x - M::kHeapX0) / M::kColPitch));
  int c1 = int(std::floor((r.right() - 0.01f - M::kHeapX0) / M::kColPitch));
  int r0 = int(std::floor((r.y - M::kTopY) / M::kRowH));
  int r1 = int(std::floor((r.bottom() + M::kGap - 0.01f - M::kTopY) / M::kRowH));
  for (int c = std::max(c0, 0); c <= std::min(c1, maxCols - 1); ++c)
    for (int row = std::max(r0, 0); row <= r1; ++row) f(c, row);
}

void HeapLayout::release(ObjectId id, std::uint64_t at) {
  forCells(places_[id].rect, maxCols_, [&](int c, int row) {
    for (Claim& k : cell(c, row).claims)
      if (k.owner == id) k.releaseAt = at;
    if (at != kNever) pendingFree_.push_back({at, c, row});
  });
}

// Pins are not on the grid: check the box (plus the gap below it) against
// every box still holding cells.
bool HeapLayout::rectFree(const RectF& r, std::uint64_t step) const {
  RectF grown{r.x - M::kGap / 2, r.y, r.w + M::kGap, r.h + M::kGap};
  for (ObjectId id : order_) {
    const Placement& p = places_[id];
    bool holds = p.freedStep == kNever || p.keepCells || step < p.freedStep + kGhostSteps;
    if (holds && grown.overlaps(p.rect)) return false;
  }
  return true;
}

bool HeapLayout::anchorFor(const Simulation& sim, ObjectId id, const std::vector<Event>& events, int& col,
                           int& row) const {
  // The first pointer written to the new object in the same step is its first referrer.
  for (const Event& e : events) {
    if (e.kind != EventKind::PointerWrite || e.as<PointerWriteEvent>().value != id) continue;
    Ref r = e.as<PointerWriteEvent>().where;
    if (r.kind == RefKind::Field) {
      if (r.a >= places_.size() || !places_[r.a].placed) break;
      const RectF& pr = places_[r.a].rect;
      col = int(std::lround((pr.x - M::kHeapX0) / M::kColPitch)) + 1;
      row = int(std::lround((pr.y - M::kTopY) / M::kRowH));
      if (col >= maxCols_) {  // wrap: continue on the next band, like text
        col = 0;
        row += int(std::ceil((pr.h + M::kGap) / M::kRowH));
      }
      col = std::max(col, 0);
      row = std::max(row, 0);
      return true;
    }
    if (r.kind == RefKind::Global || r.kind == RefKind::StackSlot) {
      for (const RootRow& rr : layoutRoots(sim))
        if ((rr.kind == RootRow::Kind::Global || rr.kind == RootRow::Kind::Slot) && rr.ref == r) {
          col = 0;
          row = int((rr.rect.y - M::kTopY) / M::kRowH);
          return true;
        }
    }
    break;
  }
  // No pointer written yet (a call result, a go statement's argument...): the
  // allocating goroutine's stack.
  GoroutineId g = sim.state().world.objects[id].goroutine;
  for (const RootRow& rr : layoutRoots(sim))
    if (rr.kind == RootRow::Kind::GoroutineHeader && rr.g == g) {
      col = 0;
      row = int((rr.rect.y - M::kTopY) / M::kRowH);
      return true;
    }
  col = 0;
  row = 0;
  return false;
}

void HeapLayout::place(const Simulation& sim, ObjectId id, const std::vector<Event>& events,
                       std::uint64_t step) {
  const World& w = sim.state().world;
  if (id < places_.size() && places_[id].placed) return;
  if (live_ >= kMaxPlaced) {  // before growing places_: a million unplaced objects would cost 40 MB
    ++unplaced_;
    return;
  }
  const auto started = std::chrono::steady_clock::now();
  // Cells released earlier that are free from this step on: the search hints may go back up to them.
  while (pendingHead_ < pendingFree_.size() && pendingFree_[pendingHead_].at <= step) {
    lowerHints(pendingFree_[pendingHead_].col, pendingFree_[pendingHead_].row);
    ++pendingHead_;
  }
  if (pendingHead_ > 4096 && pendingHead_ * 2 > pendingFree_.size()) {
    pendingFree_.erase(pendingFree_.begin(), pendingFree_.begin() + std::ptrdiff_t(pendingHead_));
    pendingHead_ = 0;
  }
  if (places_.size() <= id) places_.resize(std::size_t(id) + 1);
  Placement& p = places_[id];
  const Object& o = w.objects[id];
  float h = o.type < typeHeights_.size() ? typeHeights_[o.type] : 2 * M::kRowH + 4;
  int rows = int(std::ceil((h + M::kGap) / M::kRowH));
  p.allocStep = step;

  // A teacher's pin wins when its spot is free.
  auto pin = pins_.find(w.label(id));
  if (pin != pins_.end()) {
    RectF r{pin->second.x, pin->second.y, M::kBoxW, h};
    if (rectFree(r, step)) {
      p.rect = r;
      p.pinned = true;
      p.placed = true;
      forCells(r, maxCols_, [&](int c, int row) { claim(id, c, row, step); });
    }
  }
  if (!p.placed) {
    int ac = 0, ar = 0;
    anchorFor(sim, id, events, ac, ar);
    // Nearest free run of cells: moving right is cheaper than moving left, one
    // column costs about as much as six rows.
    // (Columns more than 12 away cost more than any row of the anchor's own
    // column, so a wide grid looks no further.)
    int bestC = -1, bestR = -1, best = std::numeric_limits<int>::max();
    for (int c = std::max(0, ac - 12); c < std::min(maxCols_, ac + 13); ++c) {
      int colCost = c >= ac ? (c - ac) * 6 : (ac - c) * 10;
      if (colCost >= best) continue;
      // Rows above the column's hint cannot hold the box: start below them.
      for (int r = std::max({0, ar - 12, hint(c, rows)}); r <= ar + 60; ++r) {
        int cost = colCost + std::abs(r - ar);
        if (cost >= best) continue;
        if (fits(c, r, rows, step)) {
          best = cost;
          bestC = c;
          bestR = r;
        }
      }
    }
    if (bestC < 0) {  // far from the anchor: first free run, row by row
      maybeWiden();
      for (int c = 0; c < maxCols_; ++c) {  // the smallest row, then the leftmost column
        int r = firstFit(c, rows, step);
        if (bestC < 0 || r < bestR) {
          bestC = c;
          bestR = r;
        }
      }
    }
    p.rect = {M::kHeapX0 + float(bestC) * M::kColPitch, M::kTopY + float(bestR) * M::kRowH, M::kBoxW, h};
    p.placed = true;
    for (int r = bestR; r < bestR + rows; ++r) claim(id, bestC, r, step);
  }
  order_.push_back(id);
  ++live_;
  extent_ = extent_.united(p.rect);
  if (o.state == ObjState::Stack) liveStack_.push_back(id);
  placeSeconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

void HeapLayout::observe(const Simulation& sim, const std::vector<Event>& events) {
  const std::uint64_t step = sim.steps();
  observed_ = step;
  const World& w = sim.state().world;
  auto freed = [&](ObjectId id) {
    if (id >= places_.size() || !places_[id].placed || places_[id].freedStep != kNever) return;
    places_[id].freedStep = step;
    release(id, step + kGhostSteps);
    --live_;
  };
  bool returned = false;
  for (const Event& e : events) {
    switch (e.kind) {
      case EventKind::Alloc:
      case EventKind::AllocTiny:
      case EventKind::AllocStack:
        if (const ObjectId o = eventObjects(e)[0]; o < w.objects.size()) place(sim, o, events, step);
        break;
      case EventKind::Free: freed(e.as<FreeEvent>().object); break;
      case EventKind::ReachableFreed:
        // Pointers still lead to it: keep its ghost and its cells for good.
        if (const ObjectId o = e.as<ReachableFreedEvent>().object; o < places_.size() && places_[o].placed) {
          places_[o].keepCells = true;
          release(o, kNever);
        }
        break;
      case EventKind::Return:
      case EventKind::GoExit: returned = true; break;
      default: break;
    }
  }
  if (returned) {
    std::erase_if(liveStack_, [&](ObjectId id) {
      if (w.objects[id].state != ObjState::StackDead) return false;
      freed(id);
      return true;
    });
  }
}

std::uint64_t HeapLayout::stopKinds() const {
  constexpr std::uint64_t allocs =
      eventBit(EventKind::Alloc) | eventBit(EventKind::AllocTiny) | eventBit(EventKind::AllocStack);
  // A free matters when its object was placed: not known from the kind, so every one.
  std::uint64_t k = eventBit(EventKind::Free) | eventBit(EventKind::ReachableFreed);
  if (live_ < kMaxPlaced) k |= allocs;  // the next allocation is placed
  if (!liveStack_.empty()) k |= eventBit(EventKind::Return) | eventBit(EventKind::GoExit);
  return k;
}

std::uint64_t HeapLayout::countKinds() const {
  // Full: place() only counts the allocations it leaves out.
  if (live_ < kMaxPlaced) return 0;
  return eventBit(EventKind::Alloc) | eventBit(EventKind::AllocTiny) | eventBit(EventKind::AllocStack);
}

void HeapLayout::skipped(std::uint64_t step, std::uint64_t counted) {
  observed_ = std::max(observed_, step);
  unplaced_ += counted;
}

// }===== {===== queries

const HeapLayout::Placement* HeapLayout::find(ObjectId id) const {
  if (id >= places_.size() || !places_[id].placed) return nullptr;
  return &places_[id];
}

RectF HeapLayout::rectOf(ObjectId id) const {
  const Placement* p = find(id);
  if (!p) return {};
  auto d = drags_.find(id);
  if (d == drags_.end()) return p->rect;
  return {d->second.x, d->second.y, p->rect.w, p->rect.h};
}

bool HeapLayout::visibleAt(ObjectId id, ObjState state, std::uint64_t step) const {
  const Placement* p = find(id);
  if (!p || step < p->allocStep) return false;
  if (state == ObjState::Heap || state == ObjState::Stack) return true;
  if (p->freedStep == kNever || step < p->freedStep) return false;
  return p->keepCells || step < p->freedStep + kGhostSteps;
}

void HeapLayout::drag(ObjectId id, Vec2 topLeft) {
  if (find(id)) drags_[id] = topLeft;
}

}  // namespace tricolor::render
