// The controls bar: file buttons, the stepping buttons (one unit, next
// statement, next phase, end of cycle, run to a breakpoint, play), the scrub
// slider over the whole history with a strip that shows each phase (and the
// stop-the-world moments) along it, and the sentence that tells what the
// current step did.
#include <imgui.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "core/sim/narrator.hpp"
#include "render/views/views.hpp"

namespace tricolor::render {

namespace {

ImU32 phaseColour(Phase p) {
  const Palette& pal = palette();
  switch (p) {
    case Phase::Off: return IM_COL32(70, 78, 92, 255);
    case Phase::SweepTermination:
    case Phase::MarkTermination: return pal.danger;
    case Phase::Mark: return pal.shade;
    case Phase::Sweep: return pal.alloc;
  }
  return pal.textDim;
}

void badge(const char* text, ImU32 fill, ImU32 textCol, const char* term) {
  ImVec2 ts = ImGui::CalcTextSize(text);
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImVec2 pad{6, 2};
  ImGui::Dummy({ts.x + 2 * pad.x, ts.y + 2 * pad.y});
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, {p.x + ts.x + 2 * pad.x, p.y + ts.y + 2 * pad.y}, fill, 4);
  dl->AddText({p.x + pad.x, p.y + pad.y}, textCol, text);
  if (term) termTooltip(term);
}

bool button(const char* label, const char* tip, bool enabled = true) {
  if (!enabled) ImGui::BeginDisabled();
  bool r = ImGui::Button(label);
  if (!enabled) ImGui::EndDisabled();
  if (tip && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tip);
  return r;
}

// "1.2M" for progress lines.
std::string compact(double n) {
  char buf[32];
  if (n >= 1e6)
    std::snprintf(buf, sizeof buf, "%.1fM", n / 1e6);
  else if (n >= 1e4)
    std::snprintf(buf, sizeof buf, "%.0fk", n / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", n);
  return buf;
}

// The bar of a long run: a fraction when the target step is known (a step,
// or an end already reached once), else a sliding block that only says the
// run is alive, with the steps done and the speed. Cancel (or Esc) stops it
// where it is; everything reached so far stays on the scrub slider.
void drawRunProgress(ViewContext& v) {
  const Session& s = v.session;
  const RunProgress& p = v.ui.progress;
  const std::uint64_t pos = s.position(), done = pos - std::min(pos, p.from);
  const bool known = p.target > p.from;
  std::string text = v.ui.running + ": step " + std::to_string(pos);
  if (known) text += " of " + std::to_string(p.target);
  if (p.stepsPerSecond > 0) {
    text += "  (" + compact(p.stepsPerSecond) + " steps/s";
    if (known)
      text += ", " +
              std::to_string(int(double(p.target - std::min(p.target, pos)) / p.stepsPerSecond + 0.5)) +
              " s left";
    text += ")";
  } else if (done) {
    text += "  (" + compact(double(done)) + " steps)";
  }
  const float cancelW = ImGui::CalcTextSize("Cancel (Esc)").x + ImGui::GetStyle().FramePadding.x * 2;
  const float barW =
      std::max(100.0f, ImGui::GetContentRegionAvail().x - cancelW - ImGui::GetStyle().ItemSpacing.x);
  const float barH = v.theme.big->FontSize + 6;
  ImVec2 a = ImGui::GetCursorScreenPos();
  const float frac = known ? float(double(done) / double(p.target - p.from)) : 0.0f;
  ImGui::ProgressBar(std::clamp(frac, 0.0f, 1.0f), {barW, barH}, "");
  if (!known) {  // indeterminate: a block sliding back and forth
    const float t = float(std::fmod(v.now - p.started, 2.0) / 2.0), blockW = barW * 0.18f;
    const float x = a.x + (barW - blockW) * (t < 0.5f ? t * 2 : 2 - t * 2);
    ImGui::GetWindowDrawList()->AddRectFilled({x, a.y + 2}, {x + blockW, a.y + barH - 2},
                                              ImGui::GetColorU32(ImGuiCol_PlotHistogram), 3);
  }
  ImVec2 ts = ImGui::CalcTextSize(text.c_str());
  ImGui::GetWindowDrawList()->AddText({a.x + 8, a.y + (barH - ts.y) * 0.5f}, palette().text, text.c_str());
  ImGui::SameLine();
  if (ImGui::Button("Cancel (Esc)", {0, barH})) v.push(Command::Kind::Pause);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop here; every step reached so far stays on the slider");
}

}  // namespace

void drawControls(ViewContext& v) {
  UiState& ui = v.ui;
  if (!beginPanel("Controls", ui.panels[Panel::Controls],
                  ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
    ImGui::End();
    return;
  }
  const Session& s = v.session;
  auto cmd = [&](Command::Kind k) { v.push(k); };
  using K = Command::Kind;

  // --- row 1: help, files, stepping, play, breakpoints
  if (button("?", "Keys and a glossary of the collector's terms (F1)")) cmd(K::ShowHelp);
  ImGui::SameLine();
  if (button("Open...", "Open a scenario or snapshot (Ctrl+O). You can also drop a file on the window."))
    cmd(K::OpenBrowser);
  ImGui::SameLine();
  if (button("Reload",
             "Reload the file from disk, keeping the step (Ctrl+R). Edits are picked up automatically.",
             s.loaded()))
    cmd(K::Reload);
  ImGui::SameLine();
  if (button("Export...",
             "Save a picture (PNG, SVG), an animation (PNG sequence, GIF), the pointer graph (DOT), metrics "
             "(CSV), the gctrace log or a snapshot (Ctrl+E)",
             s.loaded()))
    cmd(K::ExportDialog);
  ImGui::SameLine(0, 18);
  const bool busy = !ui.running.empty();
  const bool canBack = s.loaded() && s.position() > 0 && !busy;
  const bool canFwd = s.loaded() && !s.atEnd() && !busy;
  if (button("|\u25C0", "Back to the start (Home)", canBack)) cmd(K::ToStart);
  ImGui::SameLine();
  if (button("\u25C0 Back",
             "One step back (Left arrow). The simulation is deterministic: the future stays the same.",
             canBack))
    cmd(K::StepBack);
  ImGui::SameLine();
  if (button("Step \u25B6",
             "One unit of work: one operation of the program, one root job, one object scanned, one span "
             "swept... (Right arrow)",
             canFwd))
    cmd(K::Step);
  ImGui::SameLine();
  if (button("Statement", "Until a goroutine of the program completes its next statement (Down arrow)",
             canFwd))
    cmd(K::NextStatement);
  ImGui::SameLine();
  if (button("Phase \u25B6\u25B6", "Until the collector changes phase (Shift+Right)", canFwd))
    cmd(K::NextPhase);
  ImGui::SameLine();
  if (button("Cycle \u25B6|", "Until the collector is off again after a whole cycle", canFwd))
    cmd(K::EndOfCycle);
  ImGui::SameLine();
  if (button("Breakpoint", "Run until one of the breakpoints ticked on the right is hit (B)", canFwd))
    cmd(K::RunToBreakpoint);
  ImGui::SameLine();
  if (button(ui.playing ? "\u275A\u275A Pause" : "\u25B6 Play", "Play / pause (Space)",
             s.loaded() && (canFwd || ui.playing)))
    cmd(K::TogglePlay);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(105 * v.theme.scale);
  float speed = ui.speed;
  if (ImGui::SliderFloat("##speed", &speed, 0.5f, 5000.0f, "%.1f steps/s", ImGuiSliderFlags_Logarithmic)) {
    Command c{K::SetSpeed};
    c.f = speed;
    v.out.push_back(c);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Playing speed, in steps per second");
  ImGui::SameLine();
  if (button("End \u25B6|", "Run to the end of the program (End)", canFwd)) cmd(K::ToEnd);

  // --- row 2: scrub slider over the whole history, phase strip under it
  if (s.loaded()) {
    std::uint64_t pos = s.position();
    std::uint64_t maxStep = std::max<std::uint64_t>({s.furthest(), s.endStep(), 1});
    const float labelW = ImGui::CalcTextSize("step 0000000 of 0000000 (end)").x;
    const float breakW =
        ImGui::CalcTextSize("Break on:  phase  colour  dangling").x + 3 * ImGui::GetFrameHeight() + 30;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - labelW - breakW - 10);
    std::uint64_t lo = 0;
    char fmt[32];
    std::snprintf(fmt, sizeof fmt, "%s", "step %" PRIu64);
    if (ImGui::SliderScalar("##scrub", ImGuiDataType_U64, &pos, &lo, &maxStep, fmt) && !busy) {
      Command c{K::Seek};
      c.n = pos;
      v.out.push_back(c);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Scrub through every step reached so far (the run is replayed from checkpoints)");
    ImVec2 sMin = ImGui::GetItemRectMin(), sMax = ImGui::GetItemRectMax();
    ImGui::SameLine();
    ImGui::Text("step %" PRIu64 " of %" PRIu64 "%s", s.position(), maxStep, s.endStep() ? " (end)" : "+");
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - breakW);
    ImGui::TextDisabled("Break on:");
    ImGui::SameLine();
    Breakpoints bp = ui.breakpoints;
    ImGui::Checkbox("phase", &bp.phaseChange);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop when the collector changes phase");
    ImGui::SameLine();
    ImGui::Checkbox("colour", &bp.colourChange);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Stop when an object changes colour (only the selected object, if one is selected)");
    ImGui::SameLine();
    ImGui::Checkbox("dangling", &bp.dangling);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Stop when a reachable object is freed or a freed object is used");
    ui.breakpoints = bp;  // view-only state: which events stop a run
    // Phase strip: one colour per phase along the history; STW moments in vermillion.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float stripH = 6 * v.theme.scale;
    ImVec2 a{sMin.x, sMax.y + 2}, b{sMax.x, sMax.y + 2 + stripH};
    dl->AddRectFilled(a, b, IM_COL32(40, 44, 52, 255));
    const auto& samples = s.pacer().samples();
    const float span = float(maxStep);
    for (std::size_t i = 0; i < samples.size(); ++i) {
      std::uint64_t s0 = samples[i].step;
      std::uint64_t s1 = i + 1 < samples.size() ? samples[i + 1].step : s.furthest();
      float x0 = a.x + (b.x - a.x) * float(s0) / span, x1 = a.x + (b.x - a.x) * float(s1) / span;
      if (samples[i].phase == Phase::Off) continue;
      dl->AddRectFilled({x0, a.y}, {std::max(x1, x0 + 1), b.y}, phaseColour(samples[i].phase));
    }
    float cx = a.x + (b.x - a.x) * float(s.position()) / span;
    dl->AddRectFilled({cx - 1.5f, a.y - 2}, {cx + 1.5f, b.y + 2}, palette().cursor);
    ImGui::Dummy({1, stripH + 2});
  }

  // --- row 3: where the collector is, and what this step did
  if (s.loaded()) {
    const State& st = s.sim().state();
    std::string ph = std::string(phaseName(st.gc.phase));
    for (char& c : ph) c = char(std::toupper(static_cast<unsigned char>(c)));
    badge(ph.c_str(), phaseColour(st.gc.phase), IM_COL32(10, 10, 10, 255),
          phaseName(st.gc.phase).data() /* a literal */);
    ImGui::SameLine();
    if (st.gc.worldStopped) {
      badge("WORLD STOPPED", palette().danger, IM_COL32(0, 0, 0, 255), "STW");
      ImGui::SameLine();
    }
    badge(st.gc.barrierOn ? "barrier on" : "barrier off",
          st.gc.barrierOn ? palette().write : IM_COL32(70, 78, 92, 255), palette().text, "write barrier");
    ImGui::SameLine();
    ImGui::TextDisabled("cycle %u", st.gc.cycle);
    ImGui::SameLine();
    if (!ui.running.empty()) {
      // A long run: a progress bar instead of the narration (not even
      // computed: the step changes every frame, nobody could read it).
      drawRunProgress(v);
      ImGui::End();
      return;
    }
    std::string narration = s.position() == 0 ? "Ready: press Right (or Step) to run the first unit of work."
                                              : narrate(s.sim(), s.lastEvents());
    ImGui::PushFont(v.theme.big);
    ImGui::TextUnformatted(narration.c_str());
    ImGui::PopFont();
    if (ImGui::IsItemHovered() && ImGui::CalcTextSize(narration.c_str()).x > ImGui::GetContentRegionAvail().x)
      ImGui::SetTooltip("%s", narration.c_str());
  } else {
    ImGui::TextUnformatted("No scenario loaded: Open... (Ctrl+O) or drop a file on the window.");
  }
  if (!ui.status.empty() && v.now < ui.statusUntil) {
    ImVec2 ts = ImGui::CalcTextSize(ui.status.c_str());
    ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    ImVec2 p{wp.x + ws.x - ts.x - 16, wp.y + ws.y - ts.y - 8};
    ImGui::GetWindowDrawList()->AddRectFilled({p.x - 6, p.y - 3}, {p.x + ts.x + 6, p.y + ts.y + 3},
                                              palette().select, 4);
    ImGui::GetWindowDrawList()->AddText(p, IM_COL32(0, 0, 0, 255), ui.status.c_str());
  }
  ImGui::End();
}

}  // namespace tricolor::render
