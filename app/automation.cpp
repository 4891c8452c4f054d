#include "app/automation.hpp"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/io/snapshot.hpp"
#include "render/export/svg_export.hpp"

namespace tricolor::app {

using namespace tricolor::render;

Automation::Automation(const Options& opt)
    : opt_(opt),
      active_(!opt.screenshot.empty() || !opt.layoutOut.empty() || opt.benchFrames > 0 || opt.runToEnd ||
              opt.timeStartup || !opt.exportSvg.empty() || !opt.exportFrames.empty() ||
              !opt.exportGif.empty()) {}

void Automation::start(Controller& controller, Session& session, UiState& ui) {
  Playback& playback = controller.playback();
  if (active_ && playback.run() == Playback::Run::ToStep) {  // a snapshot given to an automation run
    session.seek(playback.target());
    playback.stop();
  }

  // Test hook: open a second file as Ctrl+O would, after the steps above
  // (a bad one must leave the run on screen, with the error panel).
  if (const char* f = std::getenv("TRICOLOR_GUI_THEN_OPEN")) controller.openFile(f);

  // Test hook for pictures of the dialogs (docs/gui.md): open one at start.
  if (const char* d = std::getenv("TRICOLOR_GUI_DIALOG")) {
    std::string which = d;
    if (which == "browser") controller.apply({Command{Command::Kind::OpenBrowser}});
    if (which == "help") ui.showHelp = true;
    if (which == "export") controller.apply({Command{Command::Kind::ExportDialog}});
    // export:N opens it with the N-th format chosen (ExportKind: 5 is the GIF).
    if (which.rfind("export:", 0) == 0) {
      int k = std::atoi(which.c_str() + 7);
      if (k >= 0 && k < int(ExportKind::Count)) ui.exporter.what = k;
      controller.apply({Command{Command::Kind::ExportDialog}});
    }
  }

  if (const char* c = std::getenv("TRICOLOR_GUI_CANCEL_AFTER_FRAMES")) cancelAfterFrames_ = std::atoi(c);
  // Test hook: select the first live object with this label (the aggregated graph's neighbourhood).
  if (const char* l = std::getenv("TRICOLOR_GUI_SELECT"); l && session.loaded()) {
    const World& w = session.sim().state().world;
    for (ObjectId id = 1; id < w.objects.size() && !ui.selected; ++id)
      if (w.objects[id].state == ObjState::Heap && w.label(id) == l) ui.selected = id;
  }
  if (opt_.runToEnd && session.loaded()) controller.apply({Command{Command::Kind::ToEnd}});
}

void Automation::writeOutputs(Controller& controller, Session& session, UiState& ui, platform::Window& window,
                              const std::function<void()>& showFrame) {
  if (!opt_.layoutOut.empty() && !writeLayout(opt_.layoutOut, session, ui, window.size())) failed_ = true;
  if (!opt_.exportSvg.empty() && session.loaded()) {
    std::string err =
        writeFileAtomic(opt_.exportSvg, exportSvg(session.sim(), session.layout(), session.lastEvents()));
    if (!err.empty()) {
      std::fprintf(stderr, "tricolor: %s\n", err.c_str());
      failed_ = true;
    }
  }
  WindowExports& exports = controller.exports();
  for (int k = 0; k < 2 && session.loaded(); ++k) {
    const std::string& path = k == 0 ? opt_.exportFrames : opt_.exportGif;
    if (path.empty()) continue;
    ExportState& e = ui.exporter;
    e.from = opt_.framesFromSet ? opt_.framesFrom : session.position();
    e.to = opt_.framesToSet ? opt_.framesTo : e.from + 100;
    e.every = opt_.framesEvery;
    e.each = opt_.framesEach == "statement" ? 1 : opt_.framesEach == "phase" ? 2 : 0;
    e.delayMs = int(opt_.frameDelayMs);
    e.heapOnly = opt_.panel == "heap";
    const std::uint64_t at = session.position();
    controller.startAnimation(k == 0 ? ExportKind::PngSequence : ExportKind::Gif, path);
    while (exports.animating() && !platform::quitRequested()) {
      window.pollEvents();
      exports.stepAnimation();
    }
    session.seek(at);
  }
  if (!opt_.screenshot.empty()) {
    exports.capture(opt_.screenshot, opt_.panel == "heap");
    showFrame();
  }
}

namespace {

std::string hexColour(ImU32 c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c & 0xff, (c >> 8) & 0xff, (c >> 16) & 0xff);
  return buf;
}

}  // namespace

bool writeLayout(const std::string& path, const Session& session, const UiState& ui, platform::Size window) {
  nlohmann::json j;
  j["window"] = {window.w, window.h};
  j["scenario"] = session.loaded() ? session.path() : "";
  j["step"] = session.loaded() ? session.position() : 0;
  j["phase"] = session.loaded() ? std::string(phaseName(session.sim().state().gc.phase)) : "";
  nlohmann::json panels = nlohmann::json::object();
  for (int i = 0; i < int(Panel::Count); ++i) {
    const RectF& r = ui.panels.rect[std::size_t(i)];
    panels[panelName(Panel(i))] = {r.x, r.y, r.w, r.h};
  }
  j["panels"] = panels;
  nlohmann::json objects = nlohmann::json::array();
  for (const DrawnBox& b : ui.drawn)
    objects.push_back({{"id", b.id},
                       {"label", b.label},
                       {"colour", b.colour},
                       {"fill", hexColour(b.fill)},
                       {"rect", {b.rect.x, b.rect.y, b.rect.w, b.rect.h}},
                       {"clipped", b.clipped}});
  j["objects"] = objects;
  nlohmann::json errors = nlohmann::json::array();
  for (const LoadError& e : ui.errors) errors.push_back(e.format());
  j["errors"] = errors;
  j["error_panel"] = !ui.errors.empty();
  j["at_end"] = session.loaded() && session.atEnd();
  j["lod"] = ui.heap.aggregated  ? "aggregate"
             : ui.heap.bitmapped ? "boxes-bitmap"
             : ui.heap.instanced ? "boxes-instanced"
                                 : "boxes";
  j["detail"] = graphDetailName(ui.heap.detail);
  j["arrows"] = {{"drawn", ui.heap.arrowsDrawn}, {"instanced", ui.heap.arrows ? ui.heap.arrows->count() : 0}};
  if (session.loaded()) {  // the simulation's own counts of live heap objects by colour (not the drawing's)
    HeapSummary sum = summarizeByType(session.sim());
    std::uint64_t white = 0, grey = 0, black = 0;
    for (const TypeGroup& g : sum.groups) {
      white += g.white;
      grey += g.grey;
      black += g.black;
    }
    j["live"] = {{"objects", sum.live}, {"white", white}, {"grey", grey}, {"black", black}};
  }
  nlohmann::json bars = nlohmann::json::array();
  for (const HeapViewState::Bar& b : ui.heap.bars) {
    nlohmann::json segs = nlohmann::json::array();
    for (const HeapViewState::Segment& sg : b.segments)
      segs.push_back({{"colour", sg.colour},
                      {"count", sg.count},
                      {"fill", hexColour(sg.fill)},
                      {"rect", {sg.rect.x, sg.rect.y, sg.rect.w, sg.rect.h}}});
    bars.push_back(
        {{"type", b.type}, {"white", b.white}, {"grey", b.grey}, {"black", b.black}, {"segments", segs}});
  }
  j["aggregate"] = bars;
  if (ui.heap.aggregated && ui.selected)
    j["neighbourhood"] = {
        {"centre", ui.selected}, {"nodes", ui.heap.near.nodes.size()}, {"omitted", ui.heap.near.omitted}};
  j["memory_map"] = {{"updates", ui.memory.updates}, {"incremental", ui.memory.incremental}};
  std::string err = writeFileAtomic(path, j.dump(1) + "\n");
  if (!err.empty()) std::fprintf(stderr, "tricolor: %s\n", err.c_str());
  return err.empty();
}

}  // namespace tricolor::app
