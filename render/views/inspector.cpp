// The inspector: everything about the selected object - its colour and why,
// its fields, where it lives (span, slot, size class, and the span's alloc
// and mark bits), who points to it right now, and where and when it was
// allocated.
#include <imgui.h>

#include <algorithm>
#include <cinttypes>

#include "core/gc/collector.hpp"
#include "render/views/views.hpp"

namespace tricolor::render {

namespace {

template <class Bit>
std::string bits(Bit&& get, std::uint32_t n, std::uint32_t mark) {
  std::string s;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i && i % 8 == 0) s += ' ';
    s += i == mark ? (get(i) ? "[1]" : "[0]") : (get(i) ? "1" : "0");
  }
  return s;
}

}  // namespace

void drawInspector(ViewContext& v) {
  UiState& ui = v.ui;
  if (!beginPanel("Inspector", ui.panels[Panel::Inspector])) {
    ImGui::End();
    return;
  }
  const Simulation& sim = v.session.sim();
  const State& st = sim.state();
  const World& w = st.world;
  const Program& P = sim.program();
  ObjectId id = ui.selected;
  bool following = false;
  if (id == kNil) {
    // Nothing selected: follow the object the last step was about, so the
    // inspector tells the story of each step during a lecture.
    ObjectId scanned = kNil, allocated = kNil, shaded = kNil, other = kNil;
    for (const Event& e : v.session.lastEvents()) {
      const ObjectId about = eventObjects(e)[0];
      if (e.kind == EventKind::ScanStart) scanned = about;
      if (e.kind == EventKind::Alloc || e.kind == EventKind::AllocStack || e.kind == EventKind::AllocTiny)
        allocated = about;
      if (e.kind == EventKind::Shade && !shaded) shaded = about;
      if ((e.kind == EventKind::PointerWrite || e.kind == EventKind::Free ||
           e.kind == EventKind::ReachableFreed) &&
          !other)
        other = about;
    }
    id = scanned ? scanned : allocated ? allocated : shaded ? shaded : other;
    following = id != kNil;
  }
  if (id == kNil || id >= w.objects.size()) {
    ImGui::TextWrapped(
        "Click an object in the heap graph, a slot in the memory panel or a name anywhere to inspect it.");
    if (id != kNil) ImGui::TextDisabled("(the selected object does not exist yet at this step)");
    ImGui::End();
    return;
  }
  if (following) ImGui::TextDisabled("Following the last step. Click an object to keep it here.");
  const Object& o = w.objects[id];
  const Type& t = P.types[o.type];
  ImGui::PushFont(v.theme.big);
  ImGui::Text("%s", sim.objectName(id).c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  objectChip(v, id);
  ImGui::SameLine();
  const char* word = colourWord(sim, id);
  ImGui::Text("%s", word);
  termTooltip(word);
  ImGui::TextDisabled("%s, %u bytes%s", t.name.c_str(), t.size, t.noscan() ? ", no pointers (noscan)" : "");

  // Why it has this colour, in the collector's words.
  std::string why;
  switch (colourOf(w, st.heap, id)) {
    case Colour::White:
      why = st.gc.phase == Phase::Mark || st.gc.phase == Phase::MarkTermination
                ? "Not reached yet by marking."
                : "Mark bit clear. If this is still true at the end of marking, the sweeper frees it.";
      break;
    case Colour::Grey: {
      std::size_t pos = 0;
      for (std::size_t i = st.gc.grey.size(); i-- > 0;)
        if (st.gc.grey[i].obj == id) {
          pos = st.gc.grey.size() - i;
          break;
        }
      why = "Marked, waiting in the grey queue" +
            (pos ? " at position " + std::to_string(pos) + " (1 = next)" : std::string()) + ".";
      break;
    }
    case Colour::Black: why = "Marked and scanned (or allocated black during marking)."; break;
    case Colour::Free:
      why = o.state == ObjState::StackDead ? "Its frame returned." : "Freed by the sweeper.";
      break;
    case Colour::Stack:
      why = "Lives in g" + std::to_string(o.goroutine) + "'s frame: the collector never frees it.";
      break;
  }
  ImGui::TextWrapped("%s", why.c_str());
  if (o.flags & kHasFinalizer) ImGui::TextDisabled("has a finalizer");
  if (o.flags & kFinalizerQueued) ImGui::TextDisabled("finalizer queued");
  if (o.flags & kResurrected) ImGui::TextDisabled("resurrected by its finalizer once");
  bool buffered = false;
  for (const auto& buf : st.gc.wbBuf)
    for (ObjectId v : buf) buffered |= (v & ~kWbOldBit) == id;
  if (buffered) {
    ImGui::TextDisabled("in a write-barrier buffer");
    termTooltip("wb buffer");
  }

  if (ImGui::CollapsingHeader("Fields", ImGuiTreeNodeFlags_DefaultOpen)) {
    const ObjectId* fields = w.fields(id);
    for (const Field& f : t.fields) {
      if (!f.pointer) {
        ImGui::TextDisabled("%s %s", f.name.c_str(), f.typeName.c_str());
        continue;
      }
      std::uint32_t shown = std::min<std::uint32_t>(f.count, 16);
      for (std::uint32_t k = 0; k < shown; ++k) {
        if (f.array)
          ImGui::Text("%s[%u]", f.name.c_str(), k);
        else
          ImGui::Text("%s", f.name.c_str());
        ImGui::SameLine();
        objectChip(v, fields[f.firstPtr + k]);
      }
      if (f.count > shown) ImGui::TextDisabled("... %u more", f.count - shown);
    }
  }

  if (o.state == ObjState::Heap && o.span < st.heap.spans.size() &&
      ImGui::CollapsingHeader("Where it lives", ImGuiTreeNodeFlags_DefaultOpen)) {
    const Span& sp = st.heap.spans[o.span];
    ImGui::Text("span %u, slot %u, size class %u (%u-byte slots)", o.span, o.slot, sp.sizeClass(),
                sp.elemSize);
    termTooltip("size class");
    if (sp.elemSize > t.size)
      ImGui::TextDisabled("%u bytes of the slot are unused (internal fragmentation)", sp.elemSize - t.size);
    std::uint32_t n = std::min<std::uint32_t>(sp.nelems, 32);
    ImGui::PushFont(v.theme.mono);
    ImGui::Text("alloc bits %s",
                bits([&](std::uint32_t i) { return st.heap.allocBit(sp, i); }, n, o.slot).c_str());
    ImGui::Text(
        "mark bits  %s",
        bits([&](std::uint32_t i) { return slotMarked(st.world, st.heap, sp, i); }, n, o.slot).c_str());
    ImGui::PopFont();
    ImGui::TextDisabled("(first %u slots; [x] = this object's slot)", n);
  }

  if (ImGui::CollapsingHeader("Who points to it", ImGuiTreeNodeFlags_DefaultOpen)) {
    std::vector<Ref> refs = sim.referrers(id);
    if (refs.empty())
      ImGui::TextDisabled(o.state == ObjState::Heap ? "nothing reachable: it is garbage" : "nothing");
    for (std::size_t i = 0; i < refs.size() && i < 24; ++i) {
      ImGui::BulletText("%s", sim.refName(refs[i]).c_str());
      if (refs[i].kind == RefKind::Field) {
        ImGui::SameLine();
        objectChip(v, refs[i].a);
      }
    }
    if (refs.size() > 24) ImGui::TextDisabled("... %zu more", refs.size() - 24);
  }

  if (ImGui::CollapsingHeader("Allocation", ImGuiTreeNodeFlags_DefaultOpen)) {
    FuncId f = o.site >> 16;
    std::uint32_t op = o.site & 0xffff;
    if (f < P.functions.size() && op < P.functions[f].ops.size()) {
      const Function& fn = P.functions[f];
      ImGui::Text("in %s(), operation %u%s", fn.name.c_str(), op,
                  fn.ops[op].line ? (", line " + std::to_string(fn.ops[op].line)).c_str() : "");
      ImGui::TextDisabled("%s", opText(P, fn, fn.ops[op]).c_str());
    }
    ImGui::Text("by %s at step %u", sim.goroutineName(o.goroutine).c_str(), o.allocStep);
    ImGui::SameLine();
    if (ImGui::SmallButton("go there")) {
      Command c{Command::Kind::Seek};
      c.n = o.allocStep;
      v.out.push_back(c);
    }
  }
  ImGui::End();
}

}  // namespace tricolor::render
