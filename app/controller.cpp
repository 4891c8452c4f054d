#include "app/controller.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>

namespace tricolor::app {

namespace fs = std::filesystem;
using namespace tricolor::render;
using Run = Playback::Run;

Controller::Controller(Session& session, UiState& ui, Theme& theme, AppSettings& settings, Host& host,
                       Config config)
    : session_(session),
      ui_(ui),
      theme_(theme),
      settings_(settings),
      host_(host),
      config_(config),
      playback_(session, ui, host),
      exports_(session, ui, host, config.automation, config.quiet) {}

// {===== files

bool Controller::openFile(const std::string& path, const std::vector<std::string>& overrides) {
  Session::OpenResult r = session_.open(path, overrides);
  if (!r.ok) {
    if (r.errors.empty()) r.errors.push_back(LoadError{path, "", 0, 0, "cannot open the file"});
    showErrors(path, r.errors);
    return false;
  }
  ui_.errors.clear();
  ++ui_.generation;
  ui_.selected = kNil;
  ui_.playing = false;
  ui_.heap.fitPending = true;
  ui_.sourceFollowLine = 0;
  playback_.stop();
  std::error_code ec;
  mtime_ = fs::last_write_time(path, ec);
  addRecent(settings_, path);
  ui_.browser.recent = settings_.recent;
  ui_.exporter.path.clear();
  updateTitle();
  if (session_.resumeTarget()) {
    playback_.start(Run::ToStep, "Resuming the snapshot", session_.resumeTarget());
    session_.clearResumeTarget();
  } else {
    // Knowing the run ahead (up to a bound) gives the scrub slider its range
    // and lets the graph be fitted once, so it never re-zooms under the user.
    if (!lookAheadPending_) lookAhead();
  }
  return true;
}

void Controller::openAndSay(const std::string& path) {
  if (openFile(path)) setStatus("Opened " + fs::path(path).filename().string());
}

void Controller::reloadFile(bool automatic) {
  if (!session_.loaded()) return;
  std::string path = session_.path();
  Session::OpenResult r = session_.reload();
  std::error_code ec;
  mtime_ = fs::last_write_time(path, ec);
  if (!r.ok) {
    showErrors(path, r.errors);
    setStatus("The file has errors: the previous version stays loaded");
    return;
  }
  ui_.errors.clear();
  ++ui_.generation;
  playback_.stop();
  std::uint64_t target = session_.resumeTarget();
  session_.clearResumeTarget();
  lookAhead();
  if (target) playback_.start(Run::ToStep, "Returning to step " + std::to_string(target), target);
  setStatus(automatic ? "The file changed on disk: reloaded" : "Reloaded");
  updateTitle();
}

bool Controller::watchFile(double now) {
  if (now < nextWatch_ || !session_.loaded()) return false;
  nextWatch_ = now + 0.5;
  std::error_code ec;
  auto t = fs::last_write_time(session_.path(), ec);
  if (ec || t == mtime_) return false;
  reloadFile(true);
  return true;
}

void Controller::lookAhead() {
  if (config_.automation)
    session_.lookAhead(std::chrono::milliseconds(60000), 20000);
  else
    session_.lookAhead(std::chrono::milliseconds(150));
}

void Controller::lookAheadAfterFirstFrame() {
  if (!lookAheadPending_) return;
  lookAheadPending_ = false;
  lookAhead();
  ui_.heap.fitPending = true;  // fit the graph to what is now known of the run
}

void Controller::updateTitle() {
  std::string t = "tricolor";
  if (session_.loaded())
    t += " - " + session_.program().title + " (" + fs::path(session_.path()).filename().string() + ")";
  host_.setTitle(t);
}

void Controller::showErrors(const std::string& file, const std::vector<LoadError>& errors) {
  ui_.errors = errors;
  ui_.errorFile = file;
  ui_.errorFileLines.clear();
  std::ifstream in(file, std::ios::binary);
  std::string line;
  while (in && ui_.errorFileLines.size() < 100000 && std::getline(in, line)) {
    if (line.size() > 400) line = line.substr(0, 400) + "...";
    ui_.errorFileLines.push_back(line);
  }
}

std::string Controller::defaultExportPath(const char* ext) const {
  std::string base = session_.loaded() ? fs::path(session_.path()).stem().string() : "tricolor";
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  if (const char* home = std::getenv("HOME"); home && (ec || access(dir.c_str(), W_OK) != 0)) dir = home;
  return (dir / (base + "-step" + std::to_string(session_.loaded() ? session_.position() : 0) + ext))
      .string();
}

// }===== {===== commands

namespace {

// Commands that only change what is looked at: applied at once from a key,
// and let through while an animation is written (like selecting and help).
bool looksOnly(Command::Kind k) {
  using K = Command::Kind;
  return k == K::CloseBrowser || k == K::CloseExportDialog || k == K::CloseHelp || k == K::SubmitExport ||
         k == K::FitGraph || k == K::CycleDetail;
}

}  // namespace

void Controller::keys(const std::vector<KeyPress>& presses, bool textInput) {
  Commands later;
  for (const KeyPress& p : presses) {
    KeyContext c;
    c.exporting = exports_.animating();
    c.running = playback_.running() || ui_.playing;
    c.browserOpen = ui_.browser.open;
    c.exportDialogOpen = ui_.exporter.open;
    c.helpOpen = ui_.showHelp;
    c.errorsShown = !ui_.errors.empty();
    c.textInput = textInput;
    c.scale = theme_.scale;
    std::optional<Command> cmd = mapKey(p, c);
    if (!cmd) continue;
    if (looksOnly(cmd->kind))
      apply({*cmd});
    else
      later.push_back(*cmd);
  }
  apply(later);
}

void Controller::startAnimation(ExportKind kind, const std::string& path) {
  if (!exports_.startAnimation(kind, path)) return;
  ui_.playing = false;
  playback_.stop();
}

void Controller::restart(const std::vector<std::string>& overrides) {
  if (!session_.loaded()) return;
  Session::OpenResult r = session_.restart(overrides);
  if (!r.ok) {
    showErrors(session_.path(), r.errors);
    return;
  }
  ++ui_.generation;
  playback_.stop();
  ui_.playing = false;
  lookAhead();
  ui_.heap.fitPending = true;
  std::string list;
  for (const std::string& o : overrides) list += (list.empty() ? "" : ", ") + o;
  setStatus(list.empty() ? "Restarted with the scenario's own settings, from step 0"
                         : "Restarted with " + list + ", from step 0",
            6);
}

void Controller::cycleDetail() {  // Auto -> Full detail -> Aggregated
  ui_.heap.detail = GraphDetail((int(ui_.heap.detail) + 1) % 3);
  ui_.heap.fitPending = true;
  const std::string names[] = {
      "Auto (boxes up to " + std::to_string(kAggregateAbove) + " objects, then counts)",
      "Full detail (every box and arrow)", "Aggregated (counts by type and colour)"};
  setStatus("Graph detail: " + names[int(ui_.heap.detail)]);
}

void Controller::apply(const Commands& cmds) {
  using K = Command::Kind;
  for (const Command& c : cmds) {
    const bool idle = !playback_.running();
    // While an animation is written the run belongs to it: only looking (selection, help) and cancelling.
    if (exports_.animating() && c.kind != K::CancelExport && c.kind != K::Select && c.kind != K::ShowHelp &&
        !looksOnly(c.kind))
      continue;
    switch (c.kind) {
      case K::Step:
        ui_.playing = false;
        if (idle) session_.forward();
        break;
      case K::StepBack:
        ui_.playing = false;
        if (idle) session_.back();
        break;
      case K::NextStatement: playback_.start(Run::Statement, "Running to the next statement"); break;
      case K::NextPhase: playback_.start(Run::Phase, "Running to the next phase"); break;
      case K::EndOfCycle: playback_.start(Run::Cycle, "Running to the end of the cycle"); break;
      case K::RunToBreakpoint: playback_.start(Run::Breakpoint, "Running to a breakpoint"); break;
      case K::ToEnd: playback_.start(Run::End, "Running to the end"); break;
      case K::ToStart:
        ui_.playing = false;
        if (idle) session_.seek(0);
        break;
      case K::Seek:
        if (!idle) break;
        if (c.n <= session_.furthest())
          session_.seek(c.n);
        else
          playback_.start(Run::ToStep, "Running to step " + std::to_string(c.n), c.n);
        break;
      case K::TogglePlay: playback_.togglePlay(); break;
      case K::Pause:
        ui_.playing = false;
        if (!idle) setStatus("Stopped at step " + std::to_string(session_.position()));
        playback_.stop();
        break;
      case K::SetSpeed: ui_.speed = c.f; break;
      case K::Select: ui_.selected = c.obj; break;
      case K::DragObject: session_.dragObject(c.obj, c.pos); break;
      case K::Open: openAndSay(c.text); break;
      case K::OpenBrowser:
        ui_.browser.open = true;
        ui_.browser.listedDir.clear();  // list again: files may have changed
        break;
      case K::Reload: reloadFile(false); break;
      case K::Restart: restart(c.list); break;
      case K::ExportDialog:
        ui_.exporter.open = true;
        ui_.exporter.rangeSet = false;  // the range starts at the step being shown
        if (ui_.exporter.path.empty())
          ui_.exporter.path = defaultExportPath(exportExtension(ExportKind(ui_.exporter.what)));
        break;
      case K::Export: {
        const ExportKind kind = ExportKind(c.n);
        if (kind == ExportKind::PngWindow || kind == ExportKind::PngHeap) {
          exports_.capture(c.text, kind == ExportKind::PngHeap);
        } else if (exportIsAnimation(kind)) {
          startAnimation(kind, c.text);
        } else {
          std::string err = exports_.writeNow(kind, c.text);
          ui_.exporter.result = err.empty() ? "Saved " + c.text : "Not saved: " + err;
          ui_.exporter.failed = !err.empty();
          setStatus(ui_.exporter.result, 6);
        }
        break;
      }
      case K::CancelExport: exports_.cancelAnimation(); break;
      case K::SetScale:
        theme_.scale = std::clamp(c.f, 1.0f, 3.0f);
        fontsDirty_ = true;
        break;
      case K::TogglePresentation:
        theme_.presentation = !theme_.presentation;
        fontsDirty_ = true;
        setStatus(theme_.presentation ? "Presentation mode: large fonts" : "Presentation mode off");
        break;
      case K::ToggleFullscreen:
        ui_.fullscreen = host_.setFullscreen(!ui_.fullscreen);
        ui_.heap.fitPending = true;
        break;
      case K::ShowHelp: ui_.showHelp = !ui_.showHelp; break;
      case K::DismissErrors: ui_.errors.clear(); break;
      case K::ResetPanels: settings_.splits = PanelSplits{}; break;
      case K::CloseBrowser: ui_.browser.open = false; break;
      case K::CloseExportDialog: ui_.exporter.open = false; break;
      case K::CloseHelp: ui_.showHelp = false; break;
      case K::SubmitExport: ui_.exporter.submit = !ui_.exporter.running; break;
      case K::FitGraph: ui_.heap.fitPending = true; break;
      case K::CycleDetail: cycleDetail(); break;
    }
  }
}

// }=====

}  // namespace tricolor::app
