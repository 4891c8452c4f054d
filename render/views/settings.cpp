// Settings: the collector's knobs (GOGC, GOMEMLIMIT, the write barrier,
// GOMAXPROCS) and the display (UI scale, presentation mode). A collector
// setting is part of the scenario's config, so changing one restarts the run
// from step 0 with that override - and the controls bar says so.
#include <imgui.h>

#include <algorithm>

#include "render/views/views.hpp"

namespace tricolor::render {

namespace {

// The overrides with `key` replaced by key=value.
std::vector<std::string> withOverride(std::vector<std::string> list, const std::string& key,
                                      const std::string& value) {
  std::erase_if(list, [&](const std::string& o) { return o.rfind(key + "=", 0) == 0; });
  list.push_back(key + "=" + value);
  return list;
}

}  // namespace

void drawSettings(ViewContext& v) {
  UiState& ui = v.ui;
  if (!beginPanel("Settings", ui.panels[Panel::Settings])) {
    ImGui::End();
    return;
  }
  const Session& s = v.session;
  const Config& cfg = s.program().config;
  auto restart = [&](const std::string& key, const std::string& value) {
    Command c{Command::Kind::Restart};
    c.list = withOverride(s.overrides(), key, value);
    v.out.push_back(c);
  };
  const float w = std::min(ImGui::GetContentRegionAvail().x * 0.45f, 140 * v.theme.scale);

  // GOGC
  bool gogcOff = cfg.gogc < 0;
  int gogc = gogcOff ? 100 : cfg.gogc;
  ImGui::SetNextItemWidth(w);
  if (gogcOff) ImGui::BeginDisabled();
  ImGui::SliderInt("GOGC", &gogc, 10, 400, "%d%%");
  if (ImGui::IsItemDeactivatedAfterEdit()) restart("GOGC", std::to_string(gogc));
  if (gogcOff) ImGui::EndDisabled();
  termTooltip("GOGC");
  ImGui::SameLine();
  if (ImGui::Checkbox("off##gogc", &gogcOff)) restart("GOGC", gogcOff ? "off" : "100");

  // GOMEMLIMIT (MiB)
  bool limitOff = cfg.memoryLimit >= kNoLimit;
  int mib = limitOff ? 64 : int(std::max<std::uint64_t>(1, cfg.memoryLimit / MiB));
  ImGui::SetNextItemWidth(w);
  if (limitOff) ImGui::BeginDisabled();
  ImGui::SliderInt("GOMEMLIMIT", &mib, 1, 1024, "%d MiB", ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemDeactivatedAfterEdit()) restart("GOMEMLIMIT", std::to_string(mib) + "MiB");
  if (limitOff) ImGui::EndDisabled();
  termTooltip("GOMEMLIMIT");
  ImGui::SameLine();
  if (ImGui::Checkbox("off##limit", &limitOff)) restart("GOMEMLIMIT", limitOff ? "off" : "64MiB");

  // Write barrier
  static const char* modes[] = {"hybrid", "dijkstra", "yuasa", "none"};
  int mode = int(cfg.barrier);
  ImGui::SetNextItemWidth(w);
  if (ImGui::Combo("write barrier", &mode, modes, 4)) restart("write_barrier", modes[mode]);
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    ImGui::TextUnformatted(explain("write barrier"));
    ImGui::TextUnformatted(
        "hybrid: Go 1.8+. dijkstra: insertion only (Go 1.7, needs a stack re-scan). yuasa: "
        "deletion only. none: watch objects get lost.");
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }

  // GOMAXPROCS
  int procs = int(cfg.gomaxprocs);
  ImGui::SetNextItemWidth(w);
  ImGui::SliderInt("GOMAXPROCS", &procs, 1, 8);
  if (ImGui::IsItemDeactivatedAfterEdit()) restart("GOMAXPROCS", std::to_string(procs));
  termTooltip("GOMAXPROCS");

  if (!s.overrides().empty()) {
    std::string list;
    for (const std::string& o : s.overrides()) list += (list.empty() ? "" : ", ") + o;
    ImGui::TextDisabled("overrides: %s", list.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("reset")) v.out.push_back(Command{Command::Kind::Restart});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Restart with the scenario's own settings");
  } else {
    ImGui::TextDisabled("the scenario's own settings (a change restarts the run)");
  }

  ImGui::Separator();
  float scale = v.theme.scale;
  ImGui::SetNextItemWidth(w);
  ImGui::SliderFloat("UI scale", &scale, 1.0f, 3.0f, "%.2fx");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    Command c{Command::Kind::SetScale};
    c.f = scale;
    v.out.push_back(c);
  }
  bool pres = v.theme.presentation;
  if (ImGui::Checkbox("presentation mode", &pres)) v.push(Command::Kind::TogglePresentation);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Large fonts for a lecture hall (P)");
  ImGui::SameLine();
  if (ImGui::SmallButton(ui.fullscreen ? "window (F11)" : "fullscreen (F11)"))
    v.push(Command::Kind::ToggleFullscreen);
  ImGui::SameLine();
  if (ImGui::SmallButton("reset panels")) v.push(Command::Kind::ResetPanels);
  if (!v.theme.fontNote.empty()) ImGui::TextDisabled("%s", v.theme.fontNote.c_str());
  ImGui::End();
}

}  // namespace tricolor::render
