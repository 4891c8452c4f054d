// The program's source, with the line each goroutine will run next marked
// by a tag ("g1") in the goroutine's own colour, so a student can follow
// the program and the collector side by side.
#include <imgui.h>

#include <map>

#include "render/views/views.hpp"

namespace tricolor::render {

void drawSource(ViewContext& v) {
  UiState& ui = v.ui;
  if (!beginPanel("Source", ui.panels[Panel::Source])) {
    ImGui::End();
    return;
  }
  const Session& s = v.session;
  const SourceListing& l = s.listing();
  const World& w = s.sim().state().world;
  if (l.generated) ImGui::TextDisabled("(no source in the scenario: generated from its operations)");
  // Which goroutines stand on which line.
  std::map<std::uint32_t, std::vector<GoroutineId>> at;
  GoroutineId first = 0;
  for (const Goroutine& g : w.goroutines) {
    if (g.kind != GKind::User) continue;
    std::uint32_t line = listingLine(l, s.sim(), g.id);
    if (!line) continue;
    at[line].push_back(g.id);
    if (!first) first = g.id;
  }
  static const ImU32 tagColours[] = {IM_COL32(230, 159, 0, 255), IM_COL32(86, 180, 233, 255),
                                     IM_COL32(0, 158, 115, 255), IM_COL32(204, 121, 167, 255),
                                     IM_COL32(240, 228, 66, 255)};
  ImGui::BeginChild("lines", {0, 0}, false, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PushFont(v.theme.mono);
  const float lineH = ImGui::GetTextLineHeightWithSpacing();
  std::uint32_t follow = first ? listingLine(l, s.sim(), first) : 0;
  if (follow && follow != ui.sourceFollowLine) {
    // Keep the main goroutine's line in view when it moves.
    float y = float(follow - 1) * lineH;
    if (y < ImGui::GetScrollY() || y > ImGui::GetScrollY() + ImGui::GetWindowHeight() - 2 * lineH)
      ImGui::SetScrollY(std::max(0.0f, y - ImGui::GetWindowHeight() / 3));
    ui.sourceFollowLine = follow;
  }
  ImGuiListClipper clip;
  clip.Begin(int(l.lines.size()), lineH);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  while (clip.Step()) {
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      std::uint32_t line = std::uint32_t(i + 1);
      ImVec2 p = ImGui::GetCursorScreenPos();
      auto it = at.find(line);
      if (it != at.end()) {
        ImU32 col = tagColours[(it->second.front() - 1) % 5];
        dl->AddRectFilled({p.x, p.y}, {p.x + ImGui::GetWindowWidth() + ImGui::GetScrollX(), p.y + lineH},
                          (col & 0x00FFFFFF) | 0x40000000);
        dl->AddRectFilled({p.x, p.y}, {p.x + 4, p.y + lineH}, col);
      }
      ImGui::TextDisabled("%3u", line);
      ImGui::SameLine();
      std::string text = l.lines[std::size_t(i)];
      for (std::size_t k = 0; (k = text.find('\t', k)) != std::string::npos;) text.replace(k, 1, "    ");
      ImGui::TextUnformatted(text.c_str());
      if (it != at.end()) {
        for (GoroutineId g : it->second) {
          ImGui::SameLine();
          std::string tag = "\u25C0 g" + std::to_string(g);
          ImGui::PushStyleColor(ImGuiCol_Text, tagColours[(g - 1) % 5]);
          ImGui::TextUnformatted(tag.c_str());
          ImGui::PopStyleColor();
          if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s runs this line next", s.sim().goroutineName(g).c_str());
        }
      }
    }
  }
  ImGui::PopFont();
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace tricolor::render
