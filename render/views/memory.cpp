// The memory panel: the heap as Go lays it out. A strip of 8 KiB pages
// (which span owns each), then every in-use span with its size class, its
// sweepgen state and one cell per slot (free, white, grey, black; freed by
// this step in vermillion). The cells are one texture built by
// render/layout/memory_map, so hundreds of spans cost one draw call.
#include <glad/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "render/views/views.hpp"

namespace tricolor::render {

namespace {

std::uint32_t toRGBA(ImU32 c) { return c; }  // ImU32 is already 0xAABBGGRR, the byte order GL reads

void upload(MemoryViewState& mv) {
  if (!mv.texture) glGenTextures(1, &mv.texture);
  glBindTexture(GL_TEXTURE_2D, mv.texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, mv.map.texW, mv.map.texH, 0, GL_RGBA, GL_UNSIGNED_BYTE,
               mv.map.pixels.data());
  mv.texW = mv.map.texW;
  mv.texH = mv.map.texH;
}

// Only the rows of the spans a step touched (whole texel rows: contiguous in memory).
void uploadRows(MemoryViewState& mv, const std::vector<RowRange>& rows) {
  glBindTexture(GL_TEXTURE_2D, mv.texture);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  for (const RowRange& r : rows)
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, r.first, mv.map.texW, r.count, GL_RGBA, GL_UNSIGNED_BYTE,
                    mv.map.pixels.data() + std::size_t(r.first) * std::size_t(mv.map.texW));
}

void dashed(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
  auto line = [&](ImVec2 p, ImVec2 q) {
    float len = std::hypot(q.x - p.x, q.y - p.y);
    for (float t = 0; t < len; t += 9) {
      float e = std::min(t + 5, len);
      dl->AddLine({p.x + (q.x - p.x) * t / len, p.y + (q.y - p.y) * t / len},
                  {p.x + (q.x - p.x) * e / len, p.y + (q.y - p.y) * e / len}, col, 1.5f);
    }
  };
  line(a, {b.x, a.y});
  line({b.x, a.y}, b);
  line(b, {a.x, b.y});
  line({a.x, b.y}, a);
}

}  // namespace

void drawMemory(ViewContext& v) {
  UiState& ui = v.ui;
  MemoryViewState& mv = ui.memory;
  if (!beginPanel("Memory: spans and pages", ui.panels[Panel::Memory])) {
    ImGui::End();
    return;
  }
  const Palette& pal = palette();
  const Session& s = v.session;
  const State& st = s.sim().state();
  const Heap& h = st.heap;
  const float sc = v.theme.scale;

  std::size_t inUse = 0;
  for (const Span& sp : h.spans) inUse += sp.state == SpanState::InUse;
  ImGui::Text("%zu spans, %zu pages of 8 KiB", inUse, h.pageOwner.size());
  termTooltip("span");
  ImGui::SameLine();
  ImGui::TextDisabled("sweepgen %u", h.sweepgen);
  termTooltip("sweepgen");

  // Page strip: which span owns each page (alternating tones mark span boundaries).
  {
    const std::size_t pages = h.pageOwner.size();
    const float avail = ImGui::GetContentRegionAvail().x;
    float cell = pages <= 256 ? 10 * sc : pages <= 1024 ? 5 * sc : 2 * sc;
    int perRow = std::max(1, int(avail / cell));
    int rows = int((pages + std::size_t(perRow) - 1) / std::size_t(perRow));
    rows = std::min(rows, 6);  // the strip stays short; huge heaps show their first pages
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < pages && int(i) < perRow * rows; ++i) {
      SpanId owner = h.pageOwner[i];
      ImU32 c = owner == kNoSpan ? IM_COL32(55, 60, 70, 255)
                                 : (owner % 2 ? IM_COL32(110, 140, 180, 255) : IM_COL32(80, 110, 150, 255));
      if (owner != kNoSpan &&
          std::find(mv.map.swept.begin(), mv.map.swept.end(), owner) != mv.map.swept.end())
        c = pal.scan;
      float x = p.x + float(int(i) % perRow) * cell, y = p.y + float(int(i) / perRow) * cell;
      dl->AddRectFilled({x, y}, {x + cell - 1, y + cell - 1}, c);
    }
    ImGui::Dummy({avail, float(rows) * cell + 2});
    if (ImGui::IsItemHovered()) {
      ImVec2 m = ImGui::GetIO().MousePos;
      int i = int((m.y - p.y) / cell) * perRow + int((m.x - p.x) / cell);
      if (i >= 0 && std::size_t(i) < pages) {
        SpanId owner = h.pageOwner[std::size_t(i)];
        if (owner == kNoSpan)
          ImGui::SetTooltip("page %d: free (returned to the heap)", i);
        else
          ImGui::SetTooltip("page %d: span %u", i, owner);
      }
    }
  }

  // Legend.
  {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    struct L {
      ImU32 c;
      const char* word;
      const char* term;
    } items[] = {{IM_COL32(60, 66, 78, 255), "free slot", "alloc bits"},
                 {pal.white, "white", "white"},
                 {pal.grey, "grey", "grey"},
                 {pal.black, "black", "black"},
                 {pal.danger, "freed now", "freed"}};
    for (const L& it : items) {
      ImVec2 p = ImGui::GetCursorScreenPos();
      float b = ImGui::GetTextLineHeight();
      dl->AddRectFilled({p.x, p.y + 2}, {p.x + b - 4, p.y + b - 2}, it.c);
      dl->AddRect({p.x, p.y + 2}, {p.x + b - 4, p.y + b - 2}, IM_COL32(140, 140, 140, 255));
      ImGui::Dummy({b - 2, b});
      ImGui::SameLine(0, 2);
      ImGui::TextUnformatted(it.word);
      termTooltip(it.term);
      ImGui::SameLine(0, 10);
    }
    ImGui::NewLine();
  }

  ImGui::BeginChild("spans", {0, 0}, false);
  const float availW = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
  const float availH = ImGui::GetContentRegionAvail().y;
  const float lineH = ImGui::GetTextLineHeightWithSpacing();
  // The biggest cells that still fit every span in the panel (a small heap
  // gets big, countable cells; a big one scrolls at 5 px; a huge one - a
  // million objects - gets smaller cells, down to 2 px, until every span
  // fits in one texture).
  float cellPx = std::round(5 * sc);
  int cells = 8;
  for (float px = std::round(18 * sc); px >= 2; px -= 1) {
    int perRow = std::clamp(int(availW / px) / 8 * 8, 8, 128);
    float total = 0;
    int rows = 0;
    for (const Span& sp : h.spans)
      if (sp.state == SpanState::InUse) {
        int r = int((sp.nelems + std::uint32_t(perRow) - 1) / std::uint32_t(perRow));
        rows += r;
        total += lineH + 10 + float(r) * px;
      }
    cellPx = px;
    cells = perRow;
    if (total <= availH || (px <= std::round(5 * sc) && rows <= kMaxTexelRows)) break;
  }
  const bool sameRun = mv.cacheGeneration == ui.generation && mv.cacheCells == cells && mv.texture;
  // During a long run the step changes every frame: repaint a few times a second, not every frame.
  const bool throttled = !ui.running.empty() && v.now - mv.builtAt < 0.25;
  if ((mv.cacheStep != s.position() || !sameRun) && !(sameRun && throttled)) {
    ++mv.updates;
    if (sameRun && mv.cacheStep + 1 == s.position() &&
        updateMemoryMap(st, s.lastEvents(), mv.map, mv.dirty)) {
      uploadRows(mv, mv.dirty);
      ++mv.incremental;
    } else {
      SlotColours colours{IM_COL32(0, 0, 0, 0),
                          toRGBA(IM_COL32(60, 66, 78, 255)),
                          pal.white,
                          pal.grey,
                          toRGBA(IM_COL32(0, 0, 0, 255)),
                          pal.danger};
      buildMemoryMap(st, s.lastEvents(), cells, colours, mv.map);
      upload(mv);
    }
    mv.cacheStep = s.position();
    mv.cacheGeneration = ui.generation;
    mv.cacheCells = cells;
    mv.builtAt = v.now;
  }
  const MemoryMap& map = mv.map;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ObjectId sel = ui.selected;
  const Object* selObj = sel && sel < st.world.objects.size() ? &st.world.objects[sel] : nullptr;
  if (map.blocks.empty())
    ImGui::TextDisabled("No span in use yet: the first allocation asks the heap for one.");
  if (map.omitted)
    ImGui::TextColored(ImVec4(0.9f, 0.62f, 0, 1), "%zu more spans are not drawn (too many for one texture)",
                       map.omitted);
  // Thousands of spans: the ones above and below the view cost one Dummy
  // each run of them, not ImGui items (a million objects are ~2000 spans).
  const float clipTop = ImGui::GetWindowPos().y, clipBottom = clipTop + ImGui::GetWindowHeight();
  const float gapY = ImGui::GetStyle().ItemSpacing.y;
  float skipped = 0;
  auto flushSkipped = [&] {
    if (skipped > 0) ImGui::Dummy({availW, skipped - gapY});
    skipped = 0;
  };
  for (const MemoryMap::Block& b : map.blocks) {
    const Span& sp = h.spans[b.span];
    // Header line, image, the 4 px spacer, with ImGui's item spacing after each.
    const float blockH = lineH + float(b.rows) * cellPx + 4 + 2 * gapY;
    const float top = ImGui::GetCursorScreenPos().y + skipped;
    if (top + blockH < clipTop || top > clipBottom) {
      skipped += blockH;
      continue;
    }
    flushSkipped();
    SweepState ss = sweepStateOf(h, sp);
    bool sweptNow = std::find(map.swept.begin(), map.swept.end(), b.span) != map.swept.end();
    std::string head = "span " + std::to_string(b.span) + "  ";
    head += sp.large()
                ? "large object"
                : "class " + std::to_string(sp.sizeClass()) + ": " + std::to_string(sp.elemSize) + " B";
    head += " x " + std::to_string(sp.nelems) + ", " + std::to_string(sp.npages) +
            (sp.npages == 1 ? " page" : " pages");
    if (sp.noscan()) head += ", noscan";
    ImGui::TextUnformatted(head.c_str());
    termTooltip(sp.noscan() ? "noscan" : "size class");
    ImGui::SameLine();
    ImU32 stateCol = ss == SweepState::NeedsSweeping || ss == SweepState::CachedUnswept ? pal.scan
                     : ss == SweepState::BeingSwept                                     ? pal.danger
                                                                                        : pal.alloc;
    ImGui::PushStyleColor(ImGuiCol_Text, stateCol);
    ImGui::TextUnformatted(sweepStateName(ss));
    ImGui::PopStyleColor();
    termTooltip("sweepgen");
    if (sp.cachedBy != kNone) {
      ImGui::SameLine();
      ImGui::TextDisabled("in P%u's mcache", sp.cachedBy);
      termTooltip("mcache");
    }
    if (sweptNow) {
      ImGui::SameLine();
      ImGui::TextColored(ImVec4(0.9f, 0.62f, 0, 1), "\u25C0 swept this step");
    }
    ImVec2 img = ImGui::GetCursorScreenPos();
    float w = float(map.cellsPerRow) * cellPx, hgt = float(b.rows) * cellPx;
    float v0 = float(b.firstRow * map.texelsPerCell) / float(map.texH);
    float v1 = float((b.firstRow + b.rows) * map.texelsPerCell) / float(map.texH);
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(mv.texture)), {w, hgt}, {0, v0},
                 {1, v1});
    ImVec2 a{img.x - 2, img.y - 2}, z{img.x + w + 1, img.y + hgt + 1};
    if (sweptNow)
      dl->AddRect(a, z, pal.scan, 0, 0, 3);
    else if (ss == SweepState::NeedsSweeping || ss == SweepState::CachedUnswept)
      dashed(dl, a, z, pal.scan);
    else
      dl->AddRect(a, z, IM_COL32(90, 98, 112, 255));
    if (selObj && selObj->state == ObjState::Heap && selObj->span == b.span) {
      int cx = int(selObj->slot) % map.cellsPerRow, cy = int(selObj->slot) / map.cellsPerRow;
      ImVec2 c0{img.x + float(cx) * cellPx - 2, img.y + float(cy) * cellPx - 2};
      dl->AddRect(c0, {c0.x + cellPx + 3, c0.y + cellPx + 3}, pal.select, 0, 0, 2.5f);
    }
    if (ImGui::IsItemHovered()) {
      ImVec2 m = ImGui::GetIO().MousePos;
      int cx = int((m.x - img.x) / cellPx), cy = int((m.y - img.y) / cellPx);
      std::uint32_t slot = std::uint32_t(cy * map.cellsPerRow + cx);
      if (cx >= 0 && cx < map.cellsPerRow && slot < sp.nelems) {
        ObjectId obj = slot < sp.nelems ? s.sim().state().heap.slotObject(sp, slot) : kNil;
        ImGui::BeginTooltip();
        ImGui::Text("span %u, slot %u (offset %u)", b.span, slot, slot * sp.elemSize);
        ImGui::Text("alloc bit %d, mark bit %d", int(s.sim().state().heap.allocBit(sp, slot)),
                    int(slotMarked(s.sim().state().world, s.sim().state().heap, sp, slot)));
        if (obj)
          ImGui::Text("holds %s (%s) - click to inspect", s.sim().objectName(obj).c_str(),
                      colourWord(s.sim(), obj));
        ImGui::EndTooltip();
        if (obj) ui.hovered = obj;
        if (obj && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
          v.out.push_back(Command{Command::Kind::Select, 0, obj});
      }
    }
    ImGui::Dummy({1, 4});
  }
  flushSkipped();
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace tricolor::render
