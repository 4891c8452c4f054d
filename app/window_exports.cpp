#include "app/window_exports.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/io/exports.hpp"
#include "core/io/snapshot.hpp"
#include "core/sim/narrator.hpp"
#include "render/export/svg_export.hpp"

namespace tricolor::app {

using namespace tricolor::render;

std::string WindowExports::writeNow(ExportKind kind, const std::string& path) {
  if (!session_.loaded()) return "no scenario is loaded";
  const Simulation& sim = session_.sim();
  std::string text;
  switch (kind) {
    case ExportKind::Svg: text = exportSvg(sim, session_.layout(), session_.lastEvents()); break;
    case ExportKind::Dot: text = exportDot(sim); break;
    case ExportKind::CsvCycles: text = exportCyclesCsv(sim); break;
    case ExportKind::Gctrace: text = exportGctrace(sim); break;
    case ExportKind::CsvSteps: {
      // Every step from the start: a fresh run of the same program (deterministic) up to here.
      Simulation run(sim.programPtr());
      EventSink quiet;
      quiet.enabled = false;
      const std::uint64_t every = std::max<std::uint64_t>(1, ui_.exporter.csvEvery);
      text = csvStepHeader() + csvStepRow(run);
      while (run.steps() < sim.steps() && !run.finished()) {
        run.step(quiet);
        if (run.steps() % every == 0) text += csvStepRow(run);
      }
      break;
    }
    case ExportKind::Snapshot: {
      SnapshotSource src{session_.path(), session_.scenarioText(), session_.overrides()};
      text = snapshotText(sim, src, narrate(sim, session_.lastEvents()));
      break;
    }
    default: return "not a file export";
  }
  return writeFileAtomic(path, text);
}

bool WindowExports::startAnimation(ExportKind kind, const std::string& path) {
  if (!session_.loaded() || anim_.active) return false;
  const ExportState& e = ui_.exporter;
  anim_ = Animation{};
  anim_.active = true;
  anim_.kind = kind;
  anim_.path = path;
  anim_.from = e.from;
  anim_.to = std::max(e.to, e.from);
  anim_.every = std::max<std::uint64_t>(1, e.every);
  anim_.each = e.each;
  anim_.delayMs = e.delayMs;
  anim_.heapOnly = e.heapOnly;
  anim_.returnTo = session_.position();
  if (kind == ExportKind::Gif) anim_.gif = std::make_unique<GifWriter>();
  ui_.exporter.running = true;
  ui_.exporter.framesDone = 0;
  ui_.exporter.progress = 0;
  ui_.exporter.result.clear();
  return true;
}

void WindowExports::stepAnimation() {
  Animation& a = anim_;
  const auto deadline = Session::Clock::now() + std::chrono::milliseconds(automation_ ? 60000 : 25);
  bool frameHere = false;
  if (!a.started) {
    session_.seek(a.from);
    a.started = true;
    frameHere = true;  // the range's first step is always a frame
  }
  while (!frameHere) {
    if (session_.position() >= a.to || session_.atEnd()) return endAnimation("");
    if (Session::Clock::now() > deadline) return;  // go on next pass: the window stays responsive
    session_.seek(session_.position() + 1);
    const std::vector<Event>& ev = session_.lastEvents();
    if (a.each == 1)
      frameHere = std::any_of(ev.begin(), ev.end(), [&](const Event& e) {
        return e.kind == EventKind::OpDone && e.g && session_.sim().state().world.g(e.g).kind == GKind::User;
      });
    else if (a.each == 2)
      frameHere =
          std::any_of(ev.begin(), ev.end(), [](const Event& e) { return e.kind == EventKind::PhaseChange; });
    else
      frameHere = (session_.position() - a.from) % a.every == 0;
  }
  // The event log follows a step one frame late, and when its first rows
  // bring a scrollbar they wrap again: at the range's start, settle until it
  // has scrolled to the newest line with its final wrapping.
  for (int i = a.frames == 0 ? 3 : 1; i > 0; --i) {
    ui_.log.scrollPending = ui_.log.follow;
    renderer_.settle();
  }
  const RgbImage image = renderer_.grab(a.heapOnly);
  std::string err;
  if (a.kind == ExportKind::Gif) {
    err = a.gif->addFrame(image, a.delayMs);
  } else {
    char num[32];
    std::snprintf(num, sizeof num, "-%06d.png", a.frames + 1);
    err = writePng(a.path + num, image);
  }
  if (!err.empty()) return endAnimation(err);
  ++a.frames;
  ui_.exporter.framesDone = a.frames;
  ui_.exporter.progress = a.to > a.from ? float(session_.position() - a.from) / float(a.to - a.from) : 1.0f;
  if (automation_ && !quiet_ && isatty(2))
    std::fprintf(stderr, "\rframe %d (step %llu of %llu..%llu)", a.frames,
                 (unsigned long long)session_.position(), (unsigned long long)a.from,
                 (unsigned long long)a.to);
  if (session_.position() >= a.to || session_.atEnd()) endAnimation("");
}

void WindowExports::cancelAnimation() {
  if (anim_.active) endAnimation("", true);
}

// Ends the animation: written (error ""), failed, or cancelled. A GIF is
// written only here, whole.
void WindowExports::endAnimation(const std::string& error, bool cancelled) {
  Animation& a = anim_;
  std::string err = error;
  if (err.empty() && !cancelled && a.kind == ExportKind::Gif) err = a.gif->finish(a.path);
  std::string what = a.kind == ExportKind::Gif ? a.path : a.path + "-000001.png ...";
  std::string msg =
      err.empty() ? "Saved " + std::to_string(a.frames) + " frames to " + what : "Not saved: " + err;
  if (cancelled)
    msg = a.kind == ExportKind::Gif
              ? "Cancelled: nothing was written to " + a.path
              : "Cancelled after " + std::to_string(a.frames) + " complete frames (" + what + ")";
  if (automation_ && isatty(2) && !quiet_) std::fprintf(stderr, "\r\033[K");
  if (automation_ && !err.empty()) {
    std::fprintf(stderr, "tricolor: %s\n", err.c_str());
    failed_ = true;
  }
  if (!automation_) {
    session_.seek(a.returnTo);  // back to the step the user was looking at
    showStatus(ui_, host_, msg, 6);
  }
  ui_.exporter.running = false;
  ui_.exporter.result = msg;
  ui_.exporter.failed = !err.empty() || cancelled;
  anim_ = Animation{};
  redraw_ = std::max(redraw_, 2);
}

}  // namespace tricolor::app
