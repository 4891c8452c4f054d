// The pacer chart, like the GC guide's, but live: heap live, heap goal and
// trigger over simulated time, each cycle's marking as a band, the two
// stop-the-world pauses of each cycle in vermillion, and the current step
// as a cursor. Clicking the chart goes to that moment of the run.
#include <imgui.h>

#include <algorithm>
#include <cinttypes>

#include "render/views/views.hpp"

namespace tricolor::render {

namespace {

std::string timeText(std::uint64_t ns) {
  char buf[48];
  if (ns >= 1'000'000'000)
    std::snprintf(buf, sizeof buf, "%.2f s", double(ns) / 1e9);
  else if (ns >= 1'000'000)
    std::snprintf(buf, sizeof buf, "%.2f ms", double(ns) / 1e6);
  else
    std::snprintf(buf, sizeof buf, "%.1f us", double(ns) / 1e3);
  return buf;
}

}  // namespace

void drawPacer(ViewContext& v) {
  UiState& ui = v.ui;
  const Palette& pal = palette();
  ImGui::PushStyleColor(ImGuiCol_WindowBg,
                        ImGui::ColorConvertU32ToFloat4(pal.canvas));  // the chart's background
  bool open = beginPanel("Pacer: heap over time", ui.panels[Panel::Pacer]);
  ImGui::PopStyleColor();
  if (!open) {
    ImGui::End();
    return;
  }
  const Session& s = v.session;
  const Simulation& sim = s.sim();
  const State& st = sim.state();
  const auto& samples = s.pacer().samples();

  // Legend with the current values.
  auto key = [&](ImU32 col, const char* name, std::uint64_t value, const char* term) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled({p.x, p.y + h * 0.4f}, {p.x + h, p.y + h * 0.6f}, col);
    ImGui::Dummy({h, h});
    ImGui::SameLine(0, 3);
    // GOGC=off without a memory limit: no goal at all (the pacer's "infinity").
    ImGui::Text("%s %s", name,
                value >= (std::uint64_t{1} << 60) ? "none (GOGC=off)" : bytesText(value).c_str());
    termTooltip(term);
    ImGui::SameLine(0, 12);
  };
  key(pal.live, "heap live", st.heap.stats.heapLive, "heap live");
  key(pal.trigger, "trigger", sim.heapTrigger(), "trigger");
  key(pal.goal, "goal", sim.heapGoal(), "heap goal");
  ImGui::NewLine();

  // Scale: the whole range, or (when the goal dwarfs the live heap, as with
  // the 4 MiB minimum goal of a small scenario) zoomed on the live heap.
  std::uint64_t tMax = 1, maxLive = 1, maxAll = 1;
  for (const PacerSample& p : samples) {
    tMax = std::max(tMax, p.time);
    maxLive = std::max(maxLive, p.heapLive);
    maxAll = std::max(maxAll, p.heapLive);
    for (std::uint64_t v : {p.goal, p.trigger})
      if (v < (std::uint64_t{1} << 60)) maxAll = std::max(maxAll, v);  // an infinite goal is not drawn
  }
  bool zoomLive = ui.chartZoomLive < 0 ? maxLive * 8 < maxAll : ui.chartZoomLive > 0;
  bool z = zoomLive;
  if (ImGui::Checkbox("zoom on heap live", &z)) ui.chartZoomLive = z ? 1 : 0;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The goal of a small heap is the 4 MiB minimum: zooming keeps the live heap readable.");
  const double yMax = double(zoomLive ? maxLive : maxAll) * 1.15;
  auto swatch = [&](ImU32 col, const char* name, const char* term) {
    ImGui::SameLine(0, 12);
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled({p.x, p.y + 3}, {p.x + h, p.y + h - 3}, col);
    ImGui::Dummy({h, h});
    ImGui::SameLine(0, 3);
    ImGui::TextUnformatted(name);
    termTooltip(term);
  };
  swatch((pal.markBand & 0x00FFFFFF) | 0xA0000000, "marking", "mark");
  swatch(pal.stw | 0xFF000000, "world stopped", "STW");
  ImGui::SameLine();
  ImGui::TextDisabled("y: 0..%s, x: 0..%s", bytesText(std::uint64_t(yMax)).c_str(), timeText(tMax).c_str());

  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.y = std::max(size.y, 40.0f);
  size.x = std::max(size.x, 40.0f);
  ImGui::InvisibleButton("chart", size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 end{origin.x + size.x, origin.y + size.y};
  dl->PushClipRect(origin, end, true);
  auto X = [&](std::uint64_t t) { return origin.x + float(double(t) / double(tMax)) * size.x; };
  auto Y = [&](std::uint64_t b) { return end.y - float(double(b) / yMax) * (size.y - 4); };

  // Cycles: marking band, STW pauses.
  for (const CycleStats& c : st.gc.cycles) {
    std::uint64_t markEnd = c.tMarkTerm ? c.tMarkTerm : sim.now();
    dl->AddRectFilled({X(c.tSweepTerm), origin.y}, {std::max(X(markEnd), X(c.tSweepTerm) + 2), end.y},
                      pal.markBand);
    // A pause: a light veil over the chart and a solid bar along the bottom,
    // so pauses show without hiding the lines.
    auto stw = [&](std::uint64_t a, std::uint64_t b) {
      if (!b) b = sim.now();
      float x0 = X(a), x1 = std::max(X(b), X(a) + 2);
      dl->AddRectFilled({x0, origin.y}, {x1, end.y}, (pal.stw & 0x00FFFFFF) | 0x30000000);
      dl->AddRectFilled({x0, end.y - 8}, {x1, end.y}, pal.stw | 0xFF000000);
    };
    stw(c.tSweepTerm, c.tMark);
    if (c.tMarkTerm) stw(c.tMarkTerm, c.tEnd);
    char label[16];
    std::snprintf(label, sizeof label, "gc %u", c.n);
    dl->AddText({X(c.tSweepTerm) + 3, origin.y + 2}, pal.textDim, label);
  }
  // Lines: one point per pixel column at most (min/max kept so peaks survive).
  auto series = [&](auto get, ImU32 col, float thick, bool past) {
    std::vector<ImVec2> pts;
    float lastX = -1e9f;
    for (const PacerSample& p : samples) {
      if (past != (p.step <= s.position())) continue;
      ImVec2 q{X(p.time), Y(get(p))};
      if (q.x - lastX < 1.0f && !pts.empty()) {
        pts.back().y = std::min(pts.back().y, q.y);
        continue;
      }
      if (!pts.empty()) pts.push_back({q.x, pts.back().y});  // steps, not slopes: values jump at a step
      pts.push_back(q);
      lastX = q.x;
    }
    if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), col, 0, thick);
  };
  for (int past = 0; past < 2; ++past) {
    auto dim = [&](ImU32 c) { return past ? c : (c & 0x00FFFFFF) | 0x50000000; };
    series([](const PacerSample& p) { return p.goal; }, dim(pal.goal), 2.0f, past);
    series([](const PacerSample& p) { return p.trigger; }, dim(pal.trigger), 1.5f, past);
    series([](const PacerSample& p) { return p.heapLive; }, dim(pal.live), 2.5f, past);
  }
  if (zoomLive && sim.heapGoal() > std::uint64_t(yMax) && sim.heapGoal() < (std::uint64_t{1} << 60)) {
    std::string note = "goal " + bytesText(sim.heapGoal()) + " \u2191 (above the chart)";
    dl->AddText({end.x - ImGui::CalcTextSize(note.c_str()).x - 6, origin.y + 2}, pal.goal, note.c_str());
  }
  float cx = X(sim.now());
  dl->AddLine({cx, origin.y}, {cx, end.y}, pal.cursor, 1.5f);
  dl->PopClipRect();

  if (ImGui::IsItemHovered() && !samples.empty()) {
    float mx = ImGui::GetIO().MousePos.x;
    std::uint64_t t = std::uint64_t(double(mx - origin.x) / double(size.x) * double(tMax));
    auto it = std::lower_bound(samples.begin(), samples.end(), t,
                               [](const PacerSample& p, std::uint64_t tt) { return p.time < tt; });
    if (it == samples.end()) --it;
    ImGui::BeginTooltip();
    ImGui::Text("t = %s, step %" PRIu64 ", %s%s", timeText(it->time).c_str(), it->step,
                std::string(phaseName(it->phase)).c_str(), it->stw ? " (world stopped)" : "");
    ImGui::Text("heap live %s, trigger %s, goal %s", bytesText(it->heapLive).c_str(),
                bytesText(it->trigger).c_str(), bytesText(it->goal).c_str());
    ImGui::TextDisabled("Click to go to this step.");
    ImGui::EndTooltip();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      Command c{Command::Kind::Seek};
      c.n = it->step;
      v.out.push_back(c);
    }
  }
  ImGui::End();
}

}  // namespace tricolor::render
