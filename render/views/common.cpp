// Helpers shared by the panels.
#include <imgui.h>

#include <cstdio>

#include "core/gc/collector.hpp"
#include "core/model/units.hpp"
#include "render/views/views.hpp"

namespace tricolor::render {

bool beginPanel(const char* title, const RectF& r, int extraFlags) {
  ImGui::SetNextWindowPos({r.x, r.y});
  ImGui::SetNextWindowSize({r.w, r.h});
  return ImGui::Begin(title, nullptr,
                      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                          ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                          extraFlags);
}

const char* colourWord(const Simulation& sim, ObjectId id) {
  const State& st = sim.state();
  if (id == kNil || id >= st.world.objects.size()) return "nil";
  return colourName(colourOf(st.world, st.heap, id));
}

ImU32 colourFill(const Simulation& sim, ObjectId id) {
  const Palette& pal = palette();
  const State& st = sim.state();
  if (id == kNil || id >= st.world.objects.size()) return pal.arrowNil;
  switch (colourOf(st.world, st.heap, id)) {
    case Colour::White: return pal.white;
    case Colour::Grey: return pal.grey;
    case Colour::Black: return pal.black;
    case Colour::Free: return pal.danger;
    case Colour::Stack: return pal.stackFill;
  }
  return pal.white;
}

void objectChip(ViewContext& v, ObjectId id) {
  const Simulation& sim = v.session.sim();
  if (id == kNil) {
    ImGui::TextDisabled("nil");
    return;
  }
  const Palette& pal = palette();
  std::string name = sim.objectName(id);
  const char* word = colourWord(sim, id);
  ImVec2 ts = ImGui::CalcTextSize(name.c_str());
  ImVec2 pad{5, 1};
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::PushID(int(id));
  bool clicked = ImGui::InvisibleButton("chip", {ts.x + 2 * pad.x, ts.y + 2 * pad.y});
  bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 b{p.x + ts.x + 2 * pad.x, p.y + ts.y + 2 * pad.y};
  ImU32 fill = colourFill(sim, id);
  bool dark = std::string(word) == "black" || std::string(word) == "stack" || std::string(word) == "freed";
  dl->AddRectFilled(p, b, fill, 3);
  if (std::string(word) == "grey")
    dl->AddRect(p, b, pal.greyBorder, 3, 0, 1.5f);
  else
    dl->AddRect(p, b, hovered || v.ui.selected == id ? pal.select : pal.whiteBorder, 3, 0,
                v.ui.selected == id ? 2.0f : 1.0f);
  dl->AddText({p.x + pad.x, p.y + pad.y}, dark ? pal.blackText : pal.whiteText, name.c_str());
  if (hovered) {
    v.ui.hovered = id;
    ImGui::BeginTooltip();
    ImGui::Text("%s is %s.", name.c_str(), word);
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    ImGui::TextDisabled("%s", explain(word));
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  if (clicked) v.out.push_back(Command{Command::Kind::Select, 0, id});
}

std::string bytesText(std::uint64_t b) { return formatBytes(b); }

}  // namespace tricolor::render
