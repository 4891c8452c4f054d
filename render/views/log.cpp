// The event log: every event of the recent steps, one line each, in the
// narrator's words, filterable by kind and by text. The current step's lines
// are highlighted; later steps (after stepping back) are not shown.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cinttypes>

#include "core/sim/narrator.hpp"
#include "render/views/views.hpp"

namespace tricolor::render {

namespace {

enum class Cat { Mutator, Marking, Sweeping, Allocation, Runtime };

Cat categoryOf(EventKind k) {
  switch (k) {
    case EventKind::PointerWrite:
    case EventKind::ScalarWrite:
    case EventKind::Call:
    case EventKind::Return:
    case EventKind::GoStart:
    case EventKind::GoExit:
    case EventKind::Sleep:
    case EventKind::Yield:
    case EventKind::Work:
    case EventKind::OpDone:
    case EventKind::GCCall:
    case EventKind::GCReturn: return Cat::Mutator;
    case EventKind::RootJob:
    case EventKind::StackScan:
    case EventKind::Shade:
    case EventKind::ScanStart:
    case EventKind::ScanEnd:
    case EventKind::BarrierRecord:
    case EventKind::BarrierFlush:
    case EventKind::MarkDoneCheck:
    case EventKind::Assist:
    case EventKind::AssistCredit:
    case EventKind::RescanStack:
    case EventKind::WorkersPlanned:
    case EventKind::BarrierOn:
    case EventKind::BarrierOff: return Cat::Marking;
    case EventKind::Sweep:
    case EventKind::Free:
    case EventKind::SweepDone:
    case EventKind::SpanFree: return Cat::Sweeping;
    case EventKind::Alloc:
    case EventKind::AllocStack:
    case EventKind::AllocTiny:
    case EventKind::SpanAlloc:
    case EventKind::SpanCache:
    case EventKind::SpanUncache: return Cat::Allocation;
    default: return Cat::Runtime;
  }
}

bool containsNoCase(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return true;
  auto lower = [](std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  return lower(hay).find(lower(needle)) != std::string::npos;
}

}  // namespace

void drawLog(ViewContext& v) {
  UiState& ui = v.ui;
  LogViewState& lv = ui.log;
  if (!beginPanel("Event log", ui.panels[Panel::Log])) {
    ImGui::End();
    return;
  }
  const Session& s = v.session;
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 160 * v.theme.scale));
  ImGui::InputTextWithHint("##filter", "filter (e.g. A, barrier)", &lv.filter);
  ImGui::SameLine();
  ImGui::Checkbox("follow", &lv.follow);
  ImGui::Checkbox("program", &lv.mutator);
  ImGui::SameLine();
  ImGui::Checkbox("mark", &lv.marking);
  ImGui::SameLine();
  ImGui::Checkbox("sweep", &lv.sweeping);
  ImGui::SameLine();
  ImGui::Checkbox("alloc", &lv.allocation);
  ImGui::SameLine();
  ImGui::Checkbox("runtime", &lv.runtime);

  const auto& log = s.log();
  std::string key = lv.filter + char('0' + lv.mutator) + char('0' + lv.marking) + char('0' + lv.sweeping) +
                    char('0' + lv.allocation) + char('0' + lv.runtime);
  std::size_t front = log.empty() ? 0 : log.front().step, back = log.empty() ? 0 : log.back().step;
  if (lv.cacheStep != s.position() || lv.cacheKey != key || lv.cacheFront != front || lv.cacheBack != back) {
    lv.rows.clear();
    bool enabled[5] = {lv.mutator, lv.marking, lv.sweeping, lv.allocation, lv.runtime};
    for (const LogEntry& e : log) {
      if (e.step > s.position()) break;
      for (std::size_t i = 0; i < e.events.size(); ++i) {
        const Event& ev = e.events[i];
        if (ev.kind == EventKind::OpDone || !enabled[int(categoryOf(ev.kind))]) continue;
        if (!lv.filter.empty() && !containsNoCase(describe(s.sim(), ev), lv.filter)) continue;
        lv.rows.emplace_back(e.step, int(i));
      }
    }
    lv.cacheStep = s.position();
    lv.cacheKey = key;
    lv.cacheFront = front;
    lv.cacheBack = back;
    lv.scrollPending = lv.follow;
  }
  ImGui::BeginChild("rows", {0, 0}, false);
  // Lines wrap (the panel is narrow); the newest 400 are shown, the filter finds older ones.
  constexpr std::size_t kShown = 400;
  std::size_t first = lv.rows.size() > kShown ? lv.rows.size() - kShown : 0;
  if (first) ImGui::TextDisabled("%zu earlier lines: use the filter to find them", first);
  ImGui::PushTextWrapPos(0);
  const float stepW = ImGui::CalcTextSize("000000").x;
  for (std::size_t r = first; r < lv.rows.size(); ++r) {
    auto [step, idx] = lv.rows[r];
    const LogEntry& e = log[std::size_t(step - front)];
    const Event& ev = e.events[std::size_t(idx)];
    bool current = step == s.position();
    std::string text = describe(s.sim(), ev);
    ImGui::TextDisabled("%6" PRIu64, step);
    ImGui::SameLine(stepW + 10);
    if (current) ImGui::PushStyleColor(ImGuiCol_Text, palette().select);
    ImGui::TextUnformatted(text.c_str());
    if (current) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("step %" PRIu64 ", %s event - click to go to this step", step,
                        std::string(eventKindName(ev.kind)).c_str());
    if (ImGui::IsItemClicked()) {
      Command c{Command::Kind::Seek};
      c.n = step;
      v.out.push_back(c);
    }
  }
  ImGui::PopTextWrapPos();
  if (lv.scrollPending) {  // keep the newest line in view after a step
    ImGui::SetScrollHereY(1.0f);
    lv.scrollPending = false;
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace tricolor::render
