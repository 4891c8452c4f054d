// Goroutines and their stacks. The program's goroutines show their frames
// and slots (pointer slots as object chips: hover one to see its arrow into
// the heap graph) and whether the collector has scanned their stack this
// cycle. The collector's own goroutines (mark workers, the background
// sweeper, the finalizer goroutine, the forcegc helper) say what they are
// doing, because in Go the collector's work is done by goroutines too.
#include <imgui.h>

#include "render/views/views.hpp"

namespace tricolor::render {

namespace {

const char* waitText(WaitReason r) {
  switch (r) {
    case WaitReason::None: return "waiting";
    case WaitReason::GCMarkWait: return "waiting for the cycle's mark termination (runtime.GC)";
    case WaitReason::Sleep: return "sleeping";
    case WaitReason::WorkerIdle: return "idle until the next cycle";
    case WaitReason::SweeperIdle: return "idle: nothing to sweep";
    case WaitReason::FinalizerIdle: return "idle: no finalizer queued";
    case WaitReason::ForceGCIdle: return "idle (starts a cycle if none ran for 2 minutes)";
  }
  return "waiting";
}

const char* kindText(GKind k) {
  switch (k) {
    case GKind::User: return "program";
    case GKind::MarkWorker: return "mark worker";
    case GKind::Sweeper: return "background sweeper";
    case GKind::Finalizer: return "finalizer goroutine";
    case GKind::ForceGC: return "forcegc helper";
  }
  return "";
}

// Arrow from a hovered chip to its box in the heap graph (drawn last frame).
void arrowToBox(const UiState& ui, ObjectId id) {
  for (const DrawnBox& b : ui.drawn) {
    if (b.id != id || b.clipped) continue;
    ImVec2 a = ImGui::GetItemRectMax();
    a.y = (ImGui::GetItemRectMin().y + a.y) / 2;
    ImVec2 t{b.rect.x, b.rect.y + 10};
    ImDrawList* fg = ImGui::GetForegroundDrawList();
    ImU32 col = palette().select;
    fg->AddBezierCubic(a, {a.x + 60, a.y}, {t.x - 60, t.y}, t, col, 2.5f, 20);
    fg->AddTriangleFilled(t, {t.x - 9, t.y - 5}, {t.x - 9, t.y + 5}, col);
    return;
  }
}

}  // namespace

void drawGoroutines(ViewContext& v) {
  UiState& ui = v.ui;
  if (!beginPanel("Goroutines and stacks", ui.panels[Panel::Goroutines])) {
    ImGui::End();
    return;
  }
  const Simulation& sim = v.session.sim();
  const State& st = sim.state();
  const Program& P = sim.program();
  const bool marking = st.gc.phase == Phase::Mark || st.gc.phase == Phase::MarkTermination;
  auto runningOn = [&](GoroutineId g) -> int {
    for (const Processor& p : st.ps)
      if (p.cur == g) return int(p.id);
    return -1;
  };
  auto status = [&](const Goroutine& g) -> std::string {
    int p = runningOn(g.id);
    switch (g.status) {
      case GStatus::Running: return p >= 0 ? "running on P" + std::to_string(p) : "running";
      case GStatus::Runnable: return p >= 0 ? "on P" + std::to_string(p) : "runnable";
      case GStatus::Waiting: return waitText(g.wait);
      case GStatus::Dead: return "exited";
    }
    return "";
  };

  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      ImGui::Separator();
      ImGui::TextDisabled("The collector's goroutines");
    }
    for (const Goroutine& g : st.world.goroutines) {
      if ((g.kind == GKind::User) != (pass == 0)) continue;
      ImGui::PushID(int(g.id));
      ImGui::PushFont(v.theme.bold);
      ImGui::Text("g%u %s", g.id, g.name.c_str());
      ImGui::PopFont();
      ImGui::Indent(14);
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::TextWrapped("%s", status(g).c_str());
      ImGui::PopStyleColor();
      ImGui::Unindent(14);
      if (g.kind != GKind::User) {
        // What the runtime goroutine is doing.
        std::string doing;
        if (g.kind == GKind::MarkWorker) {
          const Processor* p = g.boundP < st.ps.size() ? &st.ps[g.boundP] : nullptr;
          const char* mode = !p                                        ? ""
                             : p->workerMode == WorkerMode::Dedicated  ? " (dedicated: a whole P)"
                             : p->workerMode == WorkerMode::Fractional ? " (fractional: part of a P)"
                             : p->workerMode == WorkerMode::Idle       ? " (idle: a P with nothing else)"
                                                                       : "";
          doing = g.status == GStatus::Waiting ? "" : std::string("marking") + mode;
          if (p) doing += (doing.empty() ? "" : ", ") + std::string("bound to P") + std::to_string(p->id);
        } else if (g.kind == GKind::Sweeper) {
          doing = g.status == GStatus::Waiting ? "" : "sweeping spans in the background";
          if (st.sweep.unswept)
            doing += (doing.empty() ? "" : ", ") + std::to_string(st.sweep.unswept) + " spans left";
        } else if (g.kind == GKind::Finalizer) {
          if (!st.gc.finq.empty()) doing = std::to_string(st.gc.finq.size()) + " finalizer(s) queued";
        }
        ImGui::Indent(14);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s%s%s", kindText(g.kind), doing.empty() ? "" : ": ", doing.c_str());
        ImGui::PopStyleColor();
        ImGui::Unindent(14);
        ImGui::PopID();
        continue;
      }
      // Stack scan state: the second cue is the word, not only the colour.
      if (marking && g.status != GStatus::Dead) {
        bool scanned = g.scannedCycle == st.gc.cycle;
        ImGui::Indent(14);
        // The same cue as in the graph: filled black = scanned, dashed grey = still to scan.
        ImVec2 p = ImGui::GetCursorScreenPos();
        float hgt = ImGui::GetTextLineHeight();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (g.inRootSnapshot) {
          const Palette& pal = palette();
          dl->AddRectFilled({p.x, p.y + 1}, {p.x + hgt * 1.4f, p.y + hgt - 1}, scanned ? pal.black : pal.grey,
                            2);
          dl->AddRect({p.x, p.y + 1}, {p.x + hgt * 1.4f, p.y + hgt - 1},
                      scanned ? pal.blackBorder : pal.greyBorder, 2, 0, scanned ? 2.0f : 1.0f);
          ImGui::Dummy({hgt * 1.4f, hgt});
          ImGui::SameLine();
          ImGui::TextUnformatted(scanned ? "stack scanned: black" : "stack not scanned yet: grey");
        } else {
          ImGui::TextDisabled("created during mark: its stack holds no roots of this cycle");
        }
        ImGui::Unindent(14);
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip(
              "Each goroutine's stack is one root job. Once scanned it is black and, thanks to the "
              "hybrid write barrier, never scanned again this cycle.");
      }
      if (g.assistBytes < 0) {
        ImGui::TextColored(ImVec4(0.9f, 0.62f, 0, 1), "   assist debt: %lld bytes of scan work",
                           (long long)-g.assistBytes);
        termTooltip("assist");
      }
      for (std::size_t d = 0; d < g.stack.size(); ++d) {
        const Frame& f = g.stack[d];
        const Function& fn = P.functions[f.func];
        std::uint32_t line = f.pc < fn.ops.size() ? fn.ops[f.pc].line : 0;
        ImGui::Indent(12);
        ImGui::TextDisabled("%s()%s", fn.name.c_str(), line ? (" line " + std::to_string(line)).c_str() : "");
        ImGui::Indent(12);
        for (std::size_t k = 0; k < fn.slots.size() && k < f.slots.size(); ++k) {
          const SlotDecl& sd = fn.slots[k];
          ImGui::Text("%s", sd.name.c_str());
          ImGui::SameLine();
          ImGui::TextDisabled("%s", sd.typeName.c_str());
          ImGui::SameLine();
          if (sd.pointer) {
            ObjectId t = ObjectId(f.slots[k]);
            objectChip(v, t);
            if (t && ImGui::IsItemHovered()) arrowToBox(ui, t);
          } else {
            ImGui::Text("= %lld", (long long)f.slots[k]);
          }
        }
        for (ObjectId so : f.stackObjects) {
          ImGui::TextDisabled("stack object");
          ImGui::SameLine();
          objectChip(v, so);
        }
        ImGui::Unindent(24);
      }
      ImGui::PopID();
    }
  }
  ImGui::End();
}

}  // namespace tricolor::render
