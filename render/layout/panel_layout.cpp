#include "render/layout/panel_layout.hpp"

#include <algorithm>

namespace tricolor::render {

const char* panelName(Panel p) {
  switch (p) {
    case Panel::Controls: return "controls";
    case Panel::Source: return "source";
    case Panel::Goroutines: return "goroutines";
    case Panel::Heap: return "heap";
    case Panel::Memory: return "memory";
    case Panel::Pacer: return "pacer";
    case Panel::Inspector: return "inspector";
    case Panel::Log: return "log";
    case Panel::Settings: return "settings";
    case Panel::Count: break;
  }
  return "?";
}

PanelRects computePanels(Vec2 win, float topHeight, const PanelSplits& s, float gap) {
  PanelRects out;
  auto set = [&](Panel p, float x, float y, float w, float h) {
    out.rect[std::size_t(p)] = {x, y, std::max(w, 1.0f), std::max(h, 1.0f)};
  };
  const float top = std::min(topHeight, win.y * 0.5f);
  set(Panel::Controls, 0, 0, win.x, top);
  const float y0 = top + gap, h = win.y - y0;
  const float lw = win.x * s.left, rw = win.x * s.right;
  const float cx = lw + gap, cw = win.x - lw - rw - 2 * gap, rx = win.x - rw;

  const float lh = h * s.leftSplit;
  set(Panel::Source, 0, y0, lw, lh);
  set(Panel::Goroutines, 0, y0 + lh + gap, lw, h - lh - gap);

  const float ch = h * s.centerSplit;
  set(Panel::Heap, cx, y0, cw, ch);
  const float bw = cw * s.bottomSplit;
  set(Panel::Memory, cx, y0 + ch + gap, bw, h - ch - gap);
  set(Panel::Pacer, cx + bw + gap, y0 + ch + gap, cw - bw - gap, h - ch - gap);

  const float r1 = h * s.rightSplit1, r2 = h * s.rightSplit2;
  set(Panel::Inspector, rx, y0, rw, r1);
  set(Panel::Log, rx, y0 + r1 + gap, rw, r2 - r1 - gap);
  set(Panel::Settings, rx, y0 + r2 + gap, rw, h - r2 - gap);

  using Id = Splitter::Id;
  out.splitters = {
      {Id::Left, true, {lw, y0, gap, h}},
      {Id::Right, true, {rx - gap, y0, gap, h}},
      {Id::LeftSplit, false, {0, y0 + lh, lw, gap}},
      {Id::CenterSplit, false, {cx, y0 + ch, cw, gap}},
      {Id::BottomSplit, true, {cx + bw, y0 + ch + gap, gap, h - ch - gap}},
      {Id::RightSplit1, false, {rx, y0 + r1, rw, gap}},
      {Id::RightSplit2, false, {rx, y0 + r2, rw, gap}},
  };
  return out;
}

void dragSplitter(PanelSplits& s, Splitter::Id id, Vec2 win, float topHeight, float delta) {
  const float h = std::max(1.0f, win.y - std::min(topHeight, win.y * 0.5f));
  const float w = std::max(1.0f, win.x);
  const float minW = 160 / w, minH = 80 / h;  // keep a panel usable
  auto clamp = [](float v, float lo, float hi) { return std::clamp(v, lo, std::max(lo, hi)); };
  using Id = Splitter::Id;
  switch (id) {
    case Id::Left: s.left = clamp(s.left + delta / w, minW, 1 - s.right - 2 * minW); break;
    case Id::Right: s.right = clamp(s.right - delta / w, minW, 1 - s.left - 2 * minW); break;
    case Id::LeftSplit: s.leftSplit = clamp(s.leftSplit + delta / h, minH, 1 - minH); break;
    case Id::CenterSplit: s.centerSplit = clamp(s.centerSplit + delta / h, minH, 1 - minH); break;
    case Id::BottomSplit: {
      float cw = std::max(1.0f, w * (1 - s.left - s.right));
      s.bottomSplit = clamp(s.bottomSplit + delta / cw, 0.15f, 0.85f);
      break;
    }
    case Id::RightSplit1: s.rightSplit1 = clamp(s.rightSplit1 + delta / h, minH, s.rightSplit2 - minH); break;
    case Id::RightSplit2:
      s.rightSplit2 = clamp(s.rightSplit2 + delta / h, s.rightSplit1 + minH, 1 - minH);
      break;
  }
}

}  // namespace tricolor::render
