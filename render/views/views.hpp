// The panels. One function per panel, each draws one ImGui window at the
// rectangle the panel layout gives it, reads the session through a const
// reference and pushes commands. What the user is looking at (selection,
// pan and zoom, filters) lives in UiState, a plain struct owned by the app.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/io/scenario_loader.hpp"
#include "render/gl/graph_bitmap.hpp"
#include "render/gl/instanced_arrows.hpp"
#include "render/gl/instanced_boxes.hpp"
#include "render/layout/graph_arrows.hpp"
#include "render/layout/heap_lod.hpp"
#include "render/layout/memory_map.hpp"
#include "render/layout/panel_layout.hpp"
#include "render/model/commands.hpp"
#include "render/model/session.hpp"
#include "render/theme.hpp"

namespace tricolor::render {

// Boxes in view from which the graph draws them with our instanced GL.
inline constexpr std::size_t kInstancedAbove = 256;
// Below this zoom (a box under 12 pixels wide, no text) such a graph is one CPU-drawn texture.
inline constexpr float kBitmapBelow = 0.12f;

struct HeapViewState {
  Vec2 pan;                  // graph point at the canvas' top-left
  float zoom = 1;            // screen pixels per graph unit
  bool fitPending = true;    // fit the graph to the panel on the next frame
  ObjectId dragging = kNil;  // object being dragged by the user
  Vec2 dragGrab;             // where in the box it was grabbed (graph units)
  bool panning = false;
  // Cache of what is drawn at the current step.
  std::uint64_t cacheStep = ~std::uint64_t{0};
  const void* cacheSession = nullptr;
  std::uint64_t cacheGeneration = 0;
  std::vector<ObjectId> visible;
  std::shared_ptr<InstancedBoxes> boxes;  // GL objects: released by the app before the context goes
  std::shared_ptr<InstancedArrows> arrows;
  std::shared_ptr<GraphBitmap> bitmap;
  bool instanced = false;                  // this frame's boxes went through it
  bool bitmapped = false;                  // this frame's boxes and arrows went into the bitmap
  std::size_t arrowsDrawn = 0;             // this frame's pointer arrows (instanced or not)
  RectF legend;                            // this frame's legend, window pixels
  GraphDetail detail = GraphDetail::Auto;  // the user's choice (Auto / Full detail / Aggregated)
  // Level of detail (render/layout/heap_lod): the aggregate and the selection's neighbourhood, cached per
  // step.
  bool aggregated = false;
  HeapSummary summary;
  std::uint64_t summaryStep = ~std::uint64_t{0}, summaryGeneration = 0;
  double summaryAt = 0;
  Neighbourhood near;
  std::uint64_t nearStep = ~std::uint64_t{0}, nearGeneration = 0;
  ObjectId nearCentre = kNil;
  struct Segment {  // one colour of one type's bar, as drawn (for --dump-layout)
    std::string colour;
    std::uint64_t count = 0;
    ImU32 fill = 0;
    RectF rect;
  };
  struct Bar {
    std::string type;
    std::uint64_t white = 0, grey = 0, black = 0;
    std::vector<Segment> segments;
  };
  std::vector<Bar> bars;
};

struct LogViewState {
  std::string filter;
  bool mutator = true, marking = true, sweeping = true, allocation = true, runtime = true;
  bool follow = true;
  bool scrollPending = false;
  // Cache of filtered rows: (step, event index), rebuilt when the step or filter changes.
  std::uint64_t cacheStep = ~std::uint64_t{0};
  std::size_t cacheFront = 0, cacheBack = 0;
  std::string cacheKey;
  std::vector<std::pair<std::uint64_t, int>> rows;
};

struct MemoryViewState {
  std::uint64_t cacheStep = ~std::uint64_t{0};
  std::uint64_t cacheGeneration = 0;
  int cacheCells = 0;
  MemoryMap map;
  unsigned texture = 0;  // GL texture name
  int texW = 0, texH = 0;
  double builtAt = 0;                          // ImGui time of the last update
  std::vector<RowRange> dirty;                 // rows re-uploaded by the last incremental update
  std::uint64_t updates = 0, incremental = 0;  // counts, for --dump-layout
};

// One heap box as drawn this frame (for --dump-layout and the GUI tests).
struct DrawnBox {
  ObjectId id = kNil;
  std::string label;
  std::string colour;  // white, grey, black, freed, stack
  ImU32 fill = 0;
  RectF rect;  // window pixels
  bool clipped = false;
  float labelPx = 0;  // the size of its name as drawn, pixels (0: no text at this zoom)
};

// One pointer arrow as drawn this frame (--dump-layout, the GUI tests): the
// path the painter drew, whichever back end drew it (the CPU bitmap, far
// zoomed out, draws the straight line from path.from to path.tip).
struct DrawnArrow {
  Ref from;  // a global or stack slot, or RefKind::Field: object a's pointer field b
  ObjectId to = kNil;
  ArrowPath path;  // window pixels
  ImU32 colour = 0;
  bool hot = false;  // this step's: drawn thick, on top of the boxes
};

struct FileBrowserState {
  bool open = false;
  std::string dir;
  std::string pathInput;
  std::vector<std::string> recent;  // most recent first (also in the settings file)
  struct Entry {
    std::string name, path, title, summary;
    bool isDir = false;
  };
  std::vector<Entry> entries;
  std::string listedDir;
};

// What the export dialog writes (docs/gui.md, "Export").
enum class ExportKind : int {
  PngWindow,
  PngHeap,
  Svg,
  Dot,
  PngSequence,
  Gif,
  CsvSteps,
  CsvCycles,
  Gctrace,
  Snapshot,
  Count
};
const char* exportKindName(ExportKind k);   // "SVG of the heap graph" ...
const char* exportExtension(ExportKind k);  // ".svg" ...; a PNG sequence's path is a prefix
bool exportIsAnimation(ExportKind k);       // PNG sequence, GIF: a range of steps, rendered frame by frame

struct ExportState {
  bool open = false;
  int what = 0;  // ExportKind
  std::string path;
  // A range of steps (PNG sequence, GIF).
  std::uint64_t from = 0, to = 0;
  bool rangeSet = false;       // from/to chosen for this run (else: the current step and 100 more)
  std::uint64_t every = 1;     // one frame every N steps...
  int each = 0;                // ...or 1: one per statement of the program, 2: one per phase change
  int delayMs = 250;           // GIF frame delay
  bool heapOnly = false;       // frames of the heap panel only
  std::uint64_t csvEvery = 1;  // CSV per step: one row every N steps
  bool submit = false;         // Enter was pressed (the app's key handler): save as if clicked
  // Set by the app while an animation is being written, and after.
  bool running = false;
  int framesDone = 0;
  float progress = 0;  // 0..1 through the range
  std::string result;  // "Saved ..." or the error
  bool failed = false;
};

// A long run in progress (run to the end, to a step, to a breakpoint...).
struct RunProgress {
  std::uint64_t from = 0;    // step it started at
  std::uint64_t target = 0;  // step it goes to, when known (0: unknown, e.g. an end never reached)
  double started = 0;        // seconds (glfwGetTime)
  double stepsPerSecond = 0;
};

struct UiState {
  ObjectId selected = kNil;
  ObjectId hovered = kNil;       // set by any panel while the mouse is over an object's name
  std::uint64_t generation = 0;  // bumped on every load, so caches know the run changed
  HeapViewState heap;
  LogViewState log;
  MemoryViewState memory;
  FileBrowserState browser;
  ExportState exporter;
  Breakpoints breakpoints;
  float speed = 4;  // steps per second while playing
  bool playing = false;
  std::string running;   // a long run in progress ("Running to the next phase")
  RunProgress progress;  // and how far it got
  std::string status;    // last message ("Restarted with GOGC=50"), shown in the controls bar
  double statusUntil = 0;
  std::vector<LoadError> errors;  // errors of the last failed load (shown until dismissed)
  std::string errorFile;
  std::vector<std::string> errorFileLines;  // the bad file's text, to show the offending lines
  bool showHelp = false;
  bool fullscreen = false;
  float chartZoomLive = -1;  // pacer chart: -1 auto, 0 whole range, 1 zoom to heap live
  std::uint32_t sourceFollowLine = 0;
  // Filled while drawing, read by automation (--dump-layout) and exports.
  std::vector<DrawnBox> drawn;
  std::vector<DrawnArrow> drawnArrows;  // the heap graph's, in drawing order
  PanelRects panels;
};

struct ViewContext {
  const Session& session;
  UiState& ui;
  Commands& out;
  const Theme& theme;
  double now = 0;  // seconds (ImGui time)
  void push(Command::Kind k) { out.push_back(Command{k}); }
};

// Opens a fixed panel window at rect `r`; returns what ImGui::Begin returns (End() must follow).
bool beginPanel(const char* title, const RectF& r, int extraFlags = 0);

void drawControls(ViewContext& v);
void drawSource(ViewContext& v);
void drawGoroutines(ViewContext& v);
void drawHeapGraph(ViewContext& v);
void drawMemory(ViewContext& v);
void drawPacer(ViewContext& v);
void drawInspector(ViewContext& v);
void drawLog(ViewContext& v);
void drawSettings(ViewContext& v);
void drawErrors(ViewContext& v);
void drawFileBrowser(ViewContext& v, const std::string& scenariosDir);
void drawExportDialog(ViewContext& v);
void drawHelp(ViewContext& v);
void drawSplitters(ViewContext& v, PanelSplits& splits, Vec2 window, float topHeight);

// Shared helpers.
const char* colourWord(const Simulation& sim, ObjectId id);
ImU32 colourFill(const Simulation& sim, ObjectId id);
// An object's name as a clickable chip coloured like its box; hovering
// highlights it everywhere, clicking selects it.
void objectChip(ViewContext& v, ObjectId id);
std::string bytesText(std::uint64_t b);

}  // namespace tricolor::render
