#include "render/theme.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

namespace tricolor::render {

namespace {
constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) { return IM_COL32(r, g, b, a); }
}  // namespace

const Palette& palette() {
  static const Palette p = [] {
    Palette c{};
    c.canvas = rgb(46, 52, 64);
    c.canvasGrid = rgb(56, 63, 77);
    c.rootsBg = rgb(36, 41, 51);
    c.rootsHeader = rgb(150, 165, 190);
    c.text = rgb(236, 239, 244);
    c.textDim = rgb(170, 178, 192);
    c.white = rgb(250, 250, 250);
    c.whiteBorder = rgb(120, 120, 120);
    c.whiteText = rgb(20, 20, 20);
    c.grey = rgb(150, 150, 150);
    c.greyBorder = rgb(245, 245, 245);
    c.greyText = rgb(10, 10, 10);
    c.black = rgb(12, 12, 12);
    c.blackBorder = rgb(200, 200, 200);
    c.blackText = rgb(245, 245, 245);
    c.freed = rgb(213, 94, 0, 200);
    c.stackFill = rgb(86, 120, 160);
    c.stackBorder = rgb(180, 210, 240);
    c.arrow = rgb(200, 208, 222, 220);
    c.arrowNil = rgb(120, 128, 140);
    c.scan = rgb(230, 159, 0);
    c.shade = rgb(86, 180, 233);
    c.alloc = rgb(0, 158, 115);
    c.write = rgb(204, 121, 167);
    c.danger = rgb(213, 94, 0);
    c.select = rgb(240, 228, 66);
    c.live = rgb(86, 180, 233);
    c.goal = rgb(230, 159, 0);
    c.trigger = rgb(204, 121, 167);
    c.markBand = rgb(86, 180, 233, 40);
    c.sweepBand = rgb(0, 158, 115, 30);
    c.stw = rgb(213, 94, 0, 150);
    c.cursor = rgb(240, 228, 66);
    return c;
  }();
  return p;
}

void buildFonts(Theme& t) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  t.fontSize = (t.presentation ? 22.0f : 15.0f) * t.scale;
  // Latin-1, general punctuation, arrows and geometric shapes (step buttons, markers).
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x21FF, 0x2212,
                                   0x2212, 0x2500, 0x25FF, 0x2713, 0x2717, 0};
  const char* dir = "/usr/share/fonts/truetype/dejavu/";
  auto path = [&](const char* f) { return std::string(dir) + f; };
  std::error_code ec;
  t.ttf = std::filesystem::exists(path("DejaVuSans.ttf"), ec);
  if (t.ttf) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;  // crisp enough, half the atlas of the default 3
    t.ui = io.Fonts->AddFontFromFileTTF(path("DejaVuSans.ttf").c_str(), t.fontSize, &cfg, ranges);
    auto optional = [&](const char* f, float size) -> ImFont* {
      if (!std::filesystem::exists(path(f), ec)) return nullptr;
      return io.Fonts->AddFontFromFileTTF(path(f).c_str(), size, &cfg, ranges);
    };
    t.bold = optional("DejaVuSans-Bold.ttf", t.fontSize);
    t.mono = optional("DejaVuSansMono.ttf", t.fontSize);
    t.big = optional("DejaVuSans-Bold.ttf", t.fontSize * 1.25f);
    t.fontNote.clear();
  }
  if (!t.ui) {
    ImFontConfig cfg;
    cfg.SizePixels = 13.0f * std::max(1.0f, std::floor(t.fontSize / 13.0f));
    t.ui = io.Fonts->AddFontDefault(&cfg);
    t.ttf = false;
    t.fontNote = "fonts-dejavu-core is not installed: using ImGui's built-in font";
  }
  if (!t.bold) t.bold = t.ui;
  if (!t.mono) t.mono = t.ui;
  if (!t.big) t.big = t.bold;
  io.FontDefault = t.ui;
  io.Fonts->Build();
}

void applyStyle(const Theme& t) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.GrabRounding = 3;
  style.WindowPadding = {8, 6};
  style.FramePadding = {6, 3};
  style.ItemSpacing = {7, 5};
  style.WindowBorderSize = 0;
  style.ScrollbarSize = 14;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.13f, 0.15f, 0.19f, 1);
  style.Colors[ImGuiCol_TitleBg] = ImVec4(0.18f, 0.21f, 0.27f, 1);
  style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.22f, 0.27f, 0.36f, 1);
  style.Colors[ImGuiCol_Button] = ImVec4(0.24f, 0.30f, 0.40f, 1);
  style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.32f, 0.42f, 0.56f, 1);
  style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.38f, 0.50f, 0.68f, 1);
  style.Colors[ImGuiCol_Text] = ImVec4(0.93f, 0.94f, 0.96f, 1);
  style.ScaleAllSizes(t.scale);
  ImGui::GetStyle() = style;
}

// {===== glossary

const char* explain(const char* term) {
  static const std::map<std::string, const char*> glossary = {
      {"white",
       "White: not marked (its bit in gcmarkBits is clear). At the end of marking every white object is "
       "unreachable and the sweeper frees it."},
      {"grey",
       "Grey: marked and waiting in the grey queue to be scanned. The collector has found it but has not yet "
       "looked at the pointers inside it. Drawn with a dashed border."},
      {"black",
       "Black: marked and scanned - everything it points to is at least grey. The collector will not look at "
       "it again this cycle. Drawn filled, with a frame."},
      {"freed",
       "Freed: the sweeper found its slot unmarked and gave it back to its span. The ghost stays a few steps "
       "so "
       "you can see what went."},
      {"stack",
       "Stack object: a value the compiler kept in the goroutine's frame because it does not escape. It is "
       "not "
       "in the heap and dies when the function returns."},
      {"grey queue",
       "The grey queue (Go: per-P work buffers): objects marked but not scanned yet. It is a LIFO stack - "
       "the "
       "last object pushed is scanned next, so marking goes depth-first."},
      {"write barrier",
       "The write barrier runs on every pointer write to the heap or a global while the collector marks. "
       "Go's "
       "hybrid barrier shades the old value (deletion, Yuasa) and the new one (insertion, Dijkstra), so the "
       "program cannot hide a white object from the collector. Stack writes have no barrier."},
      {"STW",
       "Stop the world: every goroutine is paused at a safe point. Go stops the world twice per cycle, "
       "briefly: "
       "sweep termination (turn the barrier on) and mark termination (turn it off)."},
      {"sweepgen",
       "sweepgen: the heap's sweep generation grows by 2 per cycle. A span's own sweepgen says whether it "
       "still "
       "needs sweeping (sg-2), is being swept (sg-1), is swept (sg), or was cached by a P before (sg+1) or "
       "after "
       "(sg+3) sweeping."},
      {"assist",
       "Mark assist: a goroutine that allocates while the collector marks must do some marking itself, in "
       "proportion to what it allocates, so allocation cannot outrun the collector."},
      {"heap goal",
       "Heap goal: how big the heap may grow before this cycle must be done. With GOGC=100 it is about twice "
       "the live heap found by the last mark (plus stacks and globals), at least 4 MiB; GOMEMLIMIT can lower "
       "it."},
      {"trigger",
       "Trigger: the heap size at which the next cycle starts, a bit below the goal so marking (which runs "
       "alongside the program) can finish before the heap reaches the goal."},
      {"heap live",
       "Heap live: bytes in heap slots that are allocated - what the last mark found alive plus everything "
       "allocated since."},
      {"mark",
       "Mark phase: background mark workers (and assisting goroutines) drain the root jobs, then the grey "
       "queue, "
       "while the program keeps running with the write barrier on. New objects are allocated black."},
      {"sweep",
       "Sweep phase: each span's unmarked slots are freed, lazily - when an allocation needs a span of that "
       "size class, and by the background sweeper. The mark bits become the new alloc bits."},
      {"off",
       "The collector is off: no marking, no barrier. The program allocates until the heap reaches the "
       "trigger."},
      {"sweep termination",
       "Sweep termination (world stopped): finish sweeping the last cycle, turn the write barrier on, queue "
       "the "
       "root jobs."},
      {"mark termination",
       "Mark termination (world stopped): no grey work is left anywhere; the barrier goes off, sweepgen "
       "grows "
       "by 2 and the pacer computes the next goal."},
      {"root job",
       "Root jobs: the places marking starts from - globals (data and bss segments), each goroutine's stack, "
       "the finalizer queue and span specials."},
      {"span",
       "Span: a run of 8 KiB pages holding objects of one size class, with an alloc bit and a mark bit per "
       "slot."},
      {"size class",
       "Size class: Go rounds each small allocation up to one of 67 sizes (8 B to 32 KiB); a span holds one "
       "size."},
      {"alloc bits",
       "allocBits: which slots of the span hold an object. Sweeping replaces them with the mark bits."},
      {"mark bits", "gcmarkBits: which slots were marked this cycle (grey or black)."},
      {"mcache",
       "mcache: each P's private cache of one span per size class, so most allocations need no lock."},
      {"GOGC",
       "GOGC: how much the heap may grow, in percent of the live heap, before the next cycle. 100 = double. "
       "off = never (unless GOMEMLIMIT)."},
      {"GOMEMLIMIT",
       "GOMEMLIMIT: a soft limit on the total memory of the Go runtime; near it the collector runs more "
       "often."},
      {"GOMAXPROCS",
       "GOMAXPROCS: how many Ps (processors) run Go code at once. 25% of them are set aside for background "
       "marking."},
      {"dangling",
       "Dangling pointer: a pointer to an object the collector already freed - the bug a correct write "
       "barrier "
       "prevents. The simulator's safety monitor flags it."},
      {"allocate black",
       "While marking, new objects are allocated black (marked at once): they are reachable by "
       "construction."},
      {"wb buffer",
       "Write-barrier buffer: each P records the pointers its barrier saw and shades them in batches (when "
       "the "
       "buffer fills, or at mark termination)."},
      {"noscan",
       "noscan: an object with no pointer fields. It turns black at once when marked; there is nothing to "
       "scan."},
      {"scan",
       "Scanning an object: reading each of its pointer fields and shading every white object they point "
       "to."},
  };
  auto it = glossary.find(term);
  return it == glossary.end() ? "" : it->second;
}

void termTooltip(const char* term) {
  const char* text = explain(term);
  if (!*text || !ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void helpMarker(const char* term) {
  ImGui::SameLine(0, 4);
  ImGui::TextDisabled("(?)");
  termTooltip(term);
}

// }=====

}  // namespace tricolor::render
