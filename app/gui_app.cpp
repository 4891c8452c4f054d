// The window's loop: poll input -> views draw and push commands -> apply the
// commands to the session -> render. Everything that moves the run, loads
// or writes a file happens in apply() below, whichever panel or key asked.
//
// When nothing plays and nothing was touched, the loop sleeps in
// glfwWaitEventsTimeout (waking twice a second to notice edits of the open
// file), so an idle window costs no CPU.
#include "app/gui_app.hpp"

#include <glad/gl.h>
// glad first: GLFW must not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "core/io/exports.hpp"
#include "core/io/snapshot.hpp"
#include "core/sim/narrator.hpp"
#include "render/export/gif_export.hpp"
#include "render/export/png_export.hpp"
#include "render/export/svg_export.hpp"
#include "render/model/settings_file.hpp"
#include "render/views/views.hpp"

namespace tricolor::app {

namespace fs = std::filesystem;
using namespace tricolor::render;
using Clock = std::chrono::steady_clock;

namespace {

// {===== GLFW callbacks: note that something happened (so the idle loop draws), and collect drops

bool g_event = false;
volatile std::sig_atomic_t g_quit = 0;  // SIGINT / SIGTERM: close cleanly (settings get saved)
std::vector<std::string> g_drops;

void onCursor(GLFWwindow*, double, double) { g_event = true; }
struct KeyPress {
  int key, mods;
  bool repeat;
};
std::vector<KeyPress> g_keys;  // presses since the last frame, in order
void onKey(GLFWwindow*, int key, int, int action, int mods) {
  if (action != GLFW_RELEASE) g_keys.push_back({key, mods, action == GLFW_REPEAT});
  g_event = true;
}
void onChar(GLFWwindow*, unsigned) { g_event = true; }
void onMouse(GLFWwindow*, int, int, int) { g_event = true; }
void onScroll(GLFWwindow*, double, double) { g_event = true; }
void onSize(GLFWwindow*, int, int) { g_event = true; }
void onFocus(GLFWwindow*, int) { g_event = true; }
void onDrop(GLFWwindow*, int n, const char** paths) {
  for (int i = 0; i < n; ++i) g_drops.emplace_back(paths[i]);
  g_event = true;
}

// }=====

// Milliseconds since the kernel started this process (so loading the
// program and its libraries counts too); -1 when /proc is not there.
// /proc/self/stat's starttime is in clock ticks since boot (10 ms).
double msSinceLaunch() {
  std::ifstream f("/proc/self/stat");
  std::string line;
  if (!std::getline(f, line)) return -1;
  std::size_t close = line.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return -1;
  std::istringstream in(line.substr(close + 2));
  std::string field;
  for (int i = 3; i < 22; ++i) in >> field;  // fields 3..21
  unsigned long long start = 0;
  if (!(in >> start)) return -1;
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6 -
         double(start) * 1e3 / double(sysconf(_SC_CLK_TCK));
}
// Mesa keeps compiled shaders (llvmpipe: their machine code) in a disk
// cache, which saves a third of the first frame; it is silently off when its
// folder cannot be created ($XDG_CACHE_HOME or ~/.cache not writable, as in
// some CI sandboxes). Then use a private folder in the temp directory.
// Before glfwInit: Mesa reads the variables when it is loaded. Never
// overrides a user's MESA_SHADER_CACHE_DIR / _DISABLE (docs/gui.md).
void useShaderCache() {
  if (std::getenv("MESA_SHADER_CACHE_DIR") || std::getenv("MESA_GLSL_CACHE_DIR") ||
      std::getenv("MESA_SHADER_CACHE_DISABLE") || std::getenv("MESA_GLSL_CACHE_DISABLE"))
    return;
  std::string base;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
    base = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = std::string(h) + "/.cache";
  std::error_code ec;
  if (!base.empty()) {
    fs::create_directories(base, ec);
    if (!ec && access(base.c_str(), W_OK | X_OK) == 0) return;  // Mesa's default place works
  }
  const char* tmp = std::getenv("TMPDIR");
  fs::path dir = fs::path(tmp && *tmp ? tmp : "/tmp") / ("tricolor-mesa-cache-" + std::to_string(getuid()));
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return;
  struct stat st {};
  // Only a folder of ours that nobody else can write to.
  if (lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 022))
    return;
  setenv("MESA_SHADER_CACHE_DIR", dir.c_str(), 0);
}

// When main() was about to run (static initialisation of this file), for the finer-grained figure.
const Clock::time_point g_mainStart = Clock::now();

std::string hexColour(ImU32 c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c & 0xff, (c >> 8) & 0xff, (c >> 16) & 0xff);
  return buf;
}

class App {
 public:
  explicit App(const Options& opt) : opt_(opt) {}
  int run();

 private:
  enum class Run { None, Statement, Phase, Cycle, Breakpoint, ToStep, End };
  // Frames for pictures: the dialogs and the mouse's hover are left out, and
  // they are not shown (Settle renders once so every panel has caught up
  // with a step; Capture reads the pixels).
  enum class FrameMode { Normal, Settle, Capture };

  bool initWindow();
  void shutdown();
  bool openFile(const std::string& path, const std::vector<std::string>& overrides = {});
  void reloadFile(bool automatic);
  void startRun(Run r, const std::string& label, std::uint64_t target = 0);
  void advance(double dt);
  void frame(FrameMode mode = FrameMode::Normal);
  void keys();
  void apply(const Commands& cmds);
  float controlsHeight() const;
  void rebuildFonts();
  void watchFile(double now);
  void setStatus(const std::string& s, double seconds = 4);
  // Interactive: 150 ms of running ahead. Automation: a fixed 20000 steps, so
  // pictures (the graph's fit depends on what is known) never depend on speed.
  void lookAhead() {
    if (automation_)
      session_.lookAhead(std::chrono::milliseconds(60000), 20000);
    else
      session_.lookAhead(std::chrono::milliseconds(150));
  }
  void showErrors(const std::string& file, const std::vector<LoadError>& errors);
  void updateTitle();
  std::string defaultExportPath(const char* ext) const;
  bool writeLayout(const std::string& path);
  std::string capture(const std::string& path, bool heapOnly);
  RectF captureRect(bool heapOnly, int& fbHeight) const;
  std::string exportNow(ExportKind kind, const std::string& path);
  void startAnimation(ExportKind kind, const std::string& path);
  void stepAnimation();
  void endAnimation(const std::string& error, bool cancelled = false);

  const Options& opt_;
  GLFWwindow* win_ = nullptr;
  Session session_;
  UiState ui_;
  Theme theme_;
  AppSettings settings_;
  std::string settingsPath_;
  bool automation_ = false;
  bool fontsDirty_ = false;
  int framesToDraw_ = 3;
  Run run_ = Run::None;
  std::uint64_t runTarget_ = 0, runSteps_ = 0;
  double playCredit_ = 0;
  fs::file_time_type mtime_{};
  double nextWatch_ = 0;
  struct PendingCapture {
    std::string path;
    bool heapOnly = false;
  };
  std::vector<PendingCapture> captures_;
  // A PNG sequence or GIF being written, one frame per pass of the loop so
  // the window stays responsive (and can cancel it).
  struct Animation {
    bool active = false;
    ExportKind kind = ExportKind::Gif;
    std::string path;
    std::uint64_t from = 0, to = 0, every = 1, returnTo = 0;
    int each = 0, delayMs = 250, frames = 0;
    bool heapOnly = false, started = false;
    std::unique_ptr<GifWriter> gif;
  };
  Animation anim_;
  RgbImage grabbed_;  // filled by a FrameMode::Capture frame
  bool grabHeapOnly_ = false;
  ObjectId hoveredLast_ = kNil;
  Clock::time_point frameStart_;
  double frameMs_ = 0;        // the last frame's wall time, drawing included
  double buildMs_ = 0;        // --bench-frames: CPU time to build the frame (views + ImGui)
  std::size_t vertices_ = 0;  // and the size of what llvmpipe then has to draw
  std::size_t drawCalls_ = 0;
  std::vector<double> buildTimes_;
  double cpuStart_ = 0;  // process CPU time (all threads) when the measured frames start
  static double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  }
  int exitStatus_ = 0;
  bool inputError_ = false;
  bool lookAheadPending_ = false;  // interactive start: look ahead after the first frame is on screen
  int cancelAfterFrames_ = -1;     // test hook: press Esc after this many frames of a run
  // --time-startup's breakdown: when each stage of the start ended (ms after main), and the font thread's
  // time.
  struct StartupMarks {
    double glfwInit = 0, window = 0, fontsJoined = 0, glReady = 0, scenario = 0, shaders = 0, frameBuilt = 0;
    double fontsMs = 0;
  } startup_;
  static double msSinceMain() {
    return std::chrono::duration<double, std::milli>(Clock::now() - g_mainStart).count();
  }
  int winX_ = 0, winY_ = 0, winW_ = 1280, winH_ = 800;  // windowed geometry, to leave fullscreen
};

// {===== setup

bool App::initWindow() {
  glfwSetErrorCallback(
      [](int code, const char* what) { std::fprintf(stderr, "tricolor: GLFW error %d: %s\n", code, what); });
  useShaderCache();
  if (!glfwInit()) return false;
  startup_.glfwInit = msSinceMain();
  // Creating the GL context is the slow part of starting (Mesa loads and
  // sets up llvmpipe: hundreds of ms); the font atlas is pure CPU work, so
  // it is built meanwhile on another thread.
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  theme_.scale = opt_.scale > 0 ? opt_.scale : automation_ ? 1.0f : settings_.scale;
  theme_.presentation = opt_.presentation || (!automation_ && settings_.presentation);
  std::thread fonts([this] {
    const auto t0 = Clock::now();
    buildFonts(theme_);
    // The RGBA copy ImGui's GL backend uploads: made here, off the path to the first frame (ImGui caches it).
    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &texW, &texH);
    startup_.fontsMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  });
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  int w = opt_.width ? opt_.width : automation_ ? 1280 : settings_.width;
  int h = opt_.height ? opt_.height : automation_ ? 800 : settings_.height;
  win_ = glfwCreateWindow(w, h, "tricolor", nullptr, nullptr);
  startup_.window = msSinceMain();
  fonts.join();
  startup_.fontsJoined = msSinceMain();
  if (!win_) {
    glfwTerminate();
    return false;
  }
  glfwMakeContextCurrent(win_);
  if (!gladLoadGL(glfwGetProcAddress)) {
    std::fprintf(stderr, "tricolor: cannot load OpenGL 3.3 functions\n");
    return false;
  }
  // Ours first: ImGui's backend chains to the callbacks installed before it.
  glfwSetCursorPosCallback(win_, onCursor);
  glfwSetKeyCallback(win_, onKey);
  glfwSetCharCallback(win_, onChar);
  glfwSetMouseButtonCallback(win_, onMouse);
  glfwSetScrollCallback(win_, onScroll);
  glfwSetWindowFocusCallback(win_, onFocus);
  glfwSetFramebufferSizeCallback(win_, onSize);
  glfwSetDropCallback(win_, onDrop);
  glfwSwapInterval(automation_ ? 0 : 1);

  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // panels are placed by our layout; our own settings file remembers it
  ImGui_ImplGlfw_InitForOpenGL(win_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  applyStyle(theme_);
  startup_.glReady = msSinceMain();
  return true;
}

void App::rebuildFonts() {
  buildFonts(theme_);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  applyStyle(theme_);
  ui_.heap.fitPending = true;
  fontsDirty_ = false;
}

void App::shutdown() {
  if (!automation_) {
    settings_.scale = theme_.scale;
    settings_.presentation = theme_.presentation;
    if (!ui_.fullscreen) glfwGetWindowSize(win_, &settings_.width, &settings_.height);
    settings_.speed = ui_.speed;
    settings_.detail = ui_.heap.detail;
    settings_.recent = ui_.browser.recent;
    std::string err = saveSettings(settingsPath_, settings_);
    if (!err.empty()) std::fprintf(stderr, "tricolor: settings not saved: %s\n", err.c_str());
  }
  if (ui_.memory.texture) glDeleteTextures(1, &ui_.memory.texture);
  ui_.heap.boxes.reset();  // its GL objects, while the context exists
  ui_.heap.arrows.reset();
  ui_.heap.bitmap.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(win_);
  glfwTerminate();
}

// }===== {===== files

bool App::openFile(const std::string& path, const std::vector<std::string>& overrides) {
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
  run_ = Run::None;
  ui_.running.clear();
  std::error_code ec;
  mtime_ = fs::last_write_time(path, ec);
  addRecent(settings_, path);
  ui_.browser.recent = settings_.recent;
  ui_.exporter.path.clear();
  updateTitle();
  if (session_.resumeTarget()) {
    startRun(Run::ToStep, "Resuming the snapshot", session_.resumeTarget());
    session_.clearResumeTarget();
  } else {
    // Knowing the run ahead (up to a bound) gives the scrub slider its range
    // and lets the graph be fitted once, so it never re-zooms under the user.
    // At start-up the first frame comes first (it must show within 300 ms).
    if (!lookAheadPending_) lookAhead();
  }
  return true;
}

void App::reloadFile(bool automatic) {
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
  run_ = Run::None;
  std::uint64_t target = session_.resumeTarget();
  session_.clearResumeTarget();
  lookAhead();
  if (target) startRun(Run::ToStep, "Returning to step " + std::to_string(target), target);
  setStatus(automatic ? "The file changed on disk: reloaded" : "Reloaded");
  updateTitle();
}

void App::watchFile(double now) {
  if (now < nextWatch_ || !session_.loaded()) return;
  nextWatch_ = now + 0.5;
  std::error_code ec;
  auto t = fs::last_write_time(session_.path(), ec);
  if (ec || t == mtime_) return;
  reloadFile(true);
  framesToDraw_ = 3;
}

void App::updateTitle() {
  std::string t = "tricolor";
  if (session_.loaded())
    t += " - " + session_.program().title + " (" + fs::path(session_.path()).filename().string() + ")";
  glfwSetWindowTitle(win_, t.c_str());
}

void App::showErrors(const std::string& file, const std::vector<LoadError>& errors) {
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

void App::setStatus(const std::string& s, double seconds) {
  ui_.status = s;
  ui_.statusUntil = ImGui::GetTime() + seconds;
}

std::string App::defaultExportPath(const char* ext) const {
  std::string base = session_.loaded() ? fs::path(session_.path()).stem().string() : "tricolor";
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  if (const char* home = std::getenv("HOME"); home && (ec || access(dir.c_str(), W_OK) != 0)) dir = home;
  return (dir / (base + "-step" + std::to_string(session_.loaded() ? session_.position() : 0) + ext))
      .string();
}

// }===== {===== running

void App::startRun(Run r, const std::string& label, std::uint64_t target) {
  if (!session_.loaded() || (session_.atEnd() && r != Run::ToStep)) return;
  ui_.playing = false;
  run_ = r;
  runTarget_ = target;
  runSteps_ = 0;
  ui_.running = label;
  // What the progress bar can know: the target step, or the end if the run reached it once.
  ui_.progress = {};
  ui_.progress.from = session_.position();
  ui_.progress.target = r == Run::ToStep ? target : r == Run::End ? session_.endStep() : 0;
  ui_.progress.started = glfwGetTime();
  // Nobody reads the event log while the bar runs: keep copying events off the hot path.
  session_.pauseLog(r == Run::End || r == Run::ToStep);
}

// Moves the run along for at most one frame's budget, so long runs keep the
// window responsive (and show progress) instead of freezing it.
void App::advance(double dt) {
  if (!session_.loaded()) return;
  // A long run gets three times what drawing a frame costs (at least 30 ms,
  // at most 100: the bar still moves and Esc answers within a tenth of a
  // second), so a slow frame (a big heap under software GL) does not
  // halve the run's speed. --run-to-end measures this interactive loop.
  const double budgetMs = run_ != Run::None ? std::clamp(3 * frameMs_, 30.0, 100.0) : 30.0;
  const auto deadline =
      Clock::now() +
      std::chrono::microseconds(automation_ && !opt_.runToEnd ? 5'000'000 : std::int64_t(budgetMs * 1000));
  Breakpoints bp = ui_.breakpoints;
  bp.watch = ui_.selected;
  std::string why;
  auto breakpoint = [&](const Simulation&, const std::vector<Event>& ev) {
    return hitsBreakpoint(bp, ev, &why);
  };
  if (ui_.playing) {
    playCredit_ += dt * double(ui_.speed);
    std::uint64_t n = std::uint64_t(playCredit_);
    playCredit_ -= double(n);
    bool hit = false;
    if (n) session_.runUntil(breakpoint, n, deadline, &hit);
    if (hit) {
      ui_.playing = false;
      setStatus("Paused: " + why);
    }
    if (session_.atEnd()) ui_.playing = false;
    return;
  }
  if (run_ == Run::None) return;
  Session::StopFn stop;
  std::uint64_t maxSteps = ~std::uint64_t{0};
  switch (run_) {
    case Run::Statement:
      stop = [](const Simulation& sim, const std::vector<Event>& ev) {
        for (const Event& e : ev)
          if (e.kind == EventKind::OpDone && e.g && sim.state().world.g(e.g).kind == GKind::User) return true;
        return false;
      };
      break;
    case Run::Phase:
      stop = [](const Simulation&, const std::vector<Event>& ev) {
        return std::any_of(ev.begin(), ev.end(),
                           [](const Event& e) { return e.kind == EventKind::PhaseChange; });
      };
      break;
    case Run::Cycle:
      stop = [](const Simulation&, const std::vector<Event>& ev) {
        return std::any_of(ev.begin(), ev.end(), [](const Event& e) {
          return e.kind == EventKind::PhaseChange && e.as<PhaseChangeEvent>().to == Phase::Off;
        });
      };
      break;
    case Run::Breakpoint: stop = breakpoint; break;
    case Run::ToStep:
      maxSteps = runTarget_ > session_.position() ? runTarget_ - session_.position() : 0;
      break;
    case Run::End:
    case Run::None: break;
  }
  bool hit = false;
  runSteps_ += session_.runUntil(stop, maxSteps, deadline, &hit);
  const double elapsed = glfwGetTime() - ui_.progress.started;
  if (elapsed > 0.2) ui_.progress.stepsPerSecond = double(runSteps_) / elapsed;
  bool done = hit || session_.atEnd() || (run_ == Run::ToStep && session_.position() >= runTarget_) ||
              (run_ == Run::Breakpoint && runSteps_ > 50'000'000);
  if (done) {
    if (run_ == Run::Breakpoint) setStatus(hit ? "Stopped: " + why : "No breakpoint hit before the end");
    if (run_ == Run::ToStep)
      ui_.heap.fitPending = session_.position() > 0 && ui_.heap.cacheStep == ~std::uint64_t{0};
    run_ = Run::None;
    ui_.running.clear();
  }
}

// }===== {===== commands

void App::apply(const Commands& cmds) {
  using K = Command::Kind;
  for (const Command& c : cmds) {
    const bool idle = run_ == Run::None;
    // While an animation is written the run belongs to it: only looking (selection, help) and cancelling.
    if (anim_.active && c.kind != K::CancelExport && c.kind != K::Select && c.kind != K::ShowHelp) continue;
    switch (c.kind) {
      case K::Step:
        ui_.playing = false;
        if (idle) session_.forward();
        break;
      case K::StepBack:
        ui_.playing = false;
        if (idle) session_.back();
        break;
      case K::NextStatement: startRun(Run::Statement, "Running to the next statement"); break;
      case K::NextPhase: startRun(Run::Phase, "Running to the next phase"); break;
      case K::EndOfCycle: startRun(Run::Cycle, "Running to the end of the cycle"); break;
      case K::RunToBreakpoint: startRun(Run::Breakpoint, "Running to a breakpoint"); break;
      case K::ToEnd: startRun(Run::End, "Running to the end"); break;
      case K::ToStart:
        ui_.playing = false;
        if (idle) session_.seek(0);
        break;
      case K::Seek:
        if (!idle) break;
        if (c.n <= session_.furthest())
          session_.seek(c.n);
        else
          startRun(Run::ToStep, "Running to step " + std::to_string(c.n), c.n);
        break;
      case K::TogglePlay:
        if (!session_.loaded()) break;
        if (!idle) {
          run_ = Run::None;
          ui_.running.clear();
        }
        ui_.playing = !ui_.playing && !session_.atEnd();
        playCredit_ = 1;  // the first step shows at once
        break;
      case K::Pause:
        ui_.playing = false;
        if (run_ != Run::None) setStatus("Stopped at step " + std::to_string(session_.position()));
        run_ = Run::None;
        ui_.running.clear();
        break;
      case K::SetSpeed: ui_.speed = c.f; break;
      case K::Select: ui_.selected = c.obj; break;
      case K::DragObject: session_.dragObject(c.obj, c.pos); break;
      case K::Open:
        if (openFile(c.text)) setStatus("Opened " + fs::path(c.text).filename().string());
        break;
      case K::OpenBrowser:
        ui_.browser.open = true;
        ui_.browser.listedDir.clear();  // list again: files may have changed
        break;
      case K::Reload: reloadFile(false); break;
      case K::Restart: {
        if (!session_.loaded()) break;
        Session::OpenResult r = session_.restart(c.list);
        if (!r.ok) {
          showErrors(session_.path(), r.errors);
          break;
        }
        ++ui_.generation;
        run_ = Run::None;
        ui_.running.clear();
        ui_.playing = false;
        lookAhead();
        ui_.heap.fitPending = true;
        std::string list;
        for (const std::string& o : c.list) list += (list.empty() ? "" : ", ") + o;
        setStatus(list.empty() ? "Restarted with the scenario's own settings, from step 0"
                               : "Restarted with " + list + ", from step 0",
                  6);
        break;
      }
      case K::ExportDialog:
        ui_.exporter.open = true;
        ui_.exporter.rangeSet = false;  // the range starts at the step being shown
        if (ui_.exporter.path.empty())
          ui_.exporter.path = defaultExportPath(exportExtension(ExportKind(ui_.exporter.what)));
        break;
      case K::Export: {
        const ExportKind kind = ExportKind(c.n);
        if (kind == ExportKind::PngWindow || kind == ExportKind::PngHeap) {
          captures_.push_back({c.text, kind == ExportKind::PngHeap});
        } else if (exportIsAnimation(kind)) {
          startAnimation(kind, c.text);
        } else {
          std::string err = exportNow(kind, c.text);
          ui_.exporter.result = err.empty() ? "Saved " + c.text : "Not saved: " + err;
          ui_.exporter.failed = !err.empty();
          setStatus(ui_.exporter.result, 6);
        }
        break;
      }
      case K::CancelExport:
        if (anim_.active) endAnimation("", true);
        break;
      case K::SetScale:
        theme_.scale = std::clamp(c.f, 1.0f, 3.0f);
        fontsDirty_ = true;
        break;
      case K::TogglePresentation:
        theme_.presentation = !theme_.presentation;
        fontsDirty_ = true;
        setStatus(theme_.presentation ? "Presentation mode: large fonts" : "Presentation mode off");
        break;
      case K::ToggleFullscreen: {
        GLFWmonitor* mon = glfwGetPrimaryMonitor();
        if (!ui_.fullscreen && mon) {
          glfwGetWindowPos(win_, &winX_, &winY_);
          glfwGetWindowSize(win_, &winW_, &winH_);
          const GLFWvidmode* mode = glfwGetVideoMode(mon);
          glfwSetWindowMonitor(win_, mon, 0, 0, mode->width, mode->height, mode->refreshRate);
          ui_.fullscreen = true;
        } else if (ui_.fullscreen) {
          glfwSetWindowMonitor(win_, nullptr, winX_, winY_, winW_, winH_, 0);
          ui_.fullscreen = false;
        }
        ui_.heap.fitPending = true;
        break;
      }
      case K::ShowHelp: ui_.showHelp = !ui_.showHelp; break;
      case K::DismissErrors: ui_.errors.clear(); break;
      case K::ResetPanels: settings_.splits = PanelSplits{}; break;
    }
  }
}

// Shortcuts come from our own key callback, not ImGui::IsKeyPressed: ImGui
// 1.86 samples key state once per frame, so a tap whose press and release
// arrive together (a fast typist, a remote desktop, xdotool) would be lost.
void App::keys() {
  ImGuiIO& io = ImGui::GetIO();
  Commands cmds;
  using K = Command::Kind;
  std::vector<KeyPress> presses;
  presses.swap(g_keys);
  for (const KeyPress& p : presses) {
    const bool ctrl = p.mods & GLFW_MOD_CONTROL, shift = p.mods & GLFW_MOD_SHIFT;
    const bool stepKey = p.key == GLFW_KEY_RIGHT || p.key == GLFW_KEY_LEFT || p.key == GLFW_KEY_DOWN;
    if (p.repeat && !stepKey) continue;  // holding an arrow keeps stepping; other keys act once
    switch (p.key) {                     // global keys work whatever has focus
      case GLFW_KEY_ESCAPE:
        if (anim_.active)
          cmds.push_back({K::CancelExport});
        else if (run_ != Run::None || ui_.playing)
          cmds.push_back({K::Pause});
        else if (ui_.browser.open)
          ui_.browser.open = false;
        else if (ui_.exporter.open)
          ui_.exporter.open = false;
        else if (ui_.showHelp)
          ui_.showHelp = false;
        else if (!ui_.errors.empty())
          cmds.push_back({K::DismissErrors});
        continue;
      case GLFW_KEY_F11: cmds.push_back({K::ToggleFullscreen}); continue;
      case GLFW_KEY_F1: cmds.push_back({K::ShowHelp}); continue;
      default: break;
    }
    if (ctrl) {
      switch (p.key) {
        case GLFW_KEY_O: cmds.push_back({K::OpenBrowser}); break;
        case GLFW_KEY_R: cmds.push_back({K::Reload}); break;
        case GLFW_KEY_E: cmds.push_back({K::ExportDialog}); break;
        case GLFW_KEY_EQUAL:
        case GLFW_KEY_KP_ADD: cmds.push_back({K::SetScale, 0, kNil, theme_.scale + 0.25f}); break;
        case GLFW_KEY_MINUS:
        case GLFW_KEY_KP_SUBTRACT: cmds.push_back({K::SetScale, 0, kNil, theme_.scale - 0.25f}); break;
        default: break;
      }
      continue;
    }
    if (io.WantTextInput) continue;  // typing in a text field
    // Enter saves in the export dialog (read here, not with ImGui's per-frame key state, like every
    // shortcut).
    if ((p.key == GLFW_KEY_ENTER || p.key == GLFW_KEY_KP_ENTER) && ui_.exporter.open) {
      ui_.exporter.submit = !ui_.exporter.running;
      continue;
    }
    switch (p.key) {
      case GLFW_KEY_SPACE: cmds.push_back({K::TogglePlay}); break;
      case GLFW_KEY_RIGHT: cmds.push_back({shift ? K::NextPhase : K::Step}); break;
      case GLFW_KEY_LEFT: cmds.push_back({K::StepBack}); break;
      case GLFW_KEY_DOWN: cmds.push_back({K::NextStatement}); break;
      case GLFW_KEY_HOME: cmds.push_back({K::ToStart}); break;
      case GLFW_KEY_END: cmds.push_back({K::ToEnd}); break;
      case GLFW_KEY_B: cmds.push_back({K::RunToBreakpoint}); break;
      case GLFW_KEY_F: ui_.heap.fitPending = true; break;
      case GLFW_KEY_D: {  // the graph's level of detail: Auto -> Full detail -> Aggregated
        ui_.heap.detail = GraphDetail((int(ui_.heap.detail) + 1) % 3);
        ui_.heap.fitPending = true;
        const std::string names[] = {
            "Auto (boxes up to " + std::to_string(kAggregateAbove) + " objects, then counts)",
            "Full detail (every box and arrow)", "Aggregated (counts by type and colour)"};
        setStatus("Graph detail: " + names[int(ui_.heap.detail)]);
        break;
      }
      case GLFW_KEY_P: cmds.push_back({K::TogglePresentation}); break;
      default: break;
    }
  }
  apply(cmds);
}

// }===== {===== frame

float App::controlsHeight() const {
  const ImGuiStyle& s = ImGui::GetStyle();
  const float frame = theme_.fontSize + 2 * s.FramePadding.y;
  const float strip = 6 * theme_.scale + 2;
  const float narration = theme_.big->FontSize * 2 + s.ItemSpacing.y;  // up to two lines
  return s.WindowPadding.y * 2 + frame * 2 + strip + narration + s.ItemSpacing.y * 3 + 4;
}

void App::frame(FrameMode mode) {
  const bool picture = mode != FrameMode::Normal || !captures_.empty();
  frameStart_ = Clock::now();
  if (fontsDirty_) rebuildFonts();
  ImGui_ImplOpenGL3_NewFrame();  // the first time: compiles ImGui's shaders, uploads the font atlas
  if (startup_.shaders == 0) startup_.shaders = msSinceMain();
  ImGui_ImplGlfw_NewFrame();
  // ImGui 1.86's GLFW backend reads the mouse only while the window has
  // focus; without a window manager (a kiosk, Xvfb) GLFW never reports
  // focus, so read the cursor ourselves when it is over the window.
  if (!glfwGetWindowAttrib(win_, GLFW_FOCUSED)) {
    double x = 0, y = 0;
    int ww = 0, wh = 0;
    glfwGetCursorPos(win_, &x, &y);
    glfwGetWindowSize(win_, &ww, &wh);
    if (x >= 0 && y >= 0 && x < ww && y < wh) ImGui::GetIO().MousePos = ImVec2(float(x), float(y));
  }
  // A picture for slides shows the run, not where the pointer happened to be.
  if (picture) {
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ui_.hovered = kNil;
  }
  ImGui::NewFrame();
  if (mode == FrameMode::Normal) keys();

  int w = 0, h = 0;
  glfwGetWindowSize(win_, &w, &h);
  const Vec2 win{float(w), float(h)};
  const float top = controlsHeight();
  ui_.panels = computePanels(win, top, settings_.splits);
  hoveredLast_ = picture ? kNil : ui_.hovered;
  ui_.hovered = kNil;
  Commands cmds;
  ViewContext v{session_, ui_, cmds, theme_, ImGui::GetTime()};
  if (session_.loaded()) {
    drawSplitters(v, settings_.splits, win, top);
    drawControls(v);
    drawSource(v);
    drawGoroutines(v);
    if (!ui_.hovered) ui_.hovered = hoveredLast_;  // a name hovered in a later panel last frame
    drawHeapGraph(v);
    drawMemory(v);
    drawPacer(v);
    drawInspector(v);
    drawLog(v);
    drawSettings(v);
  } else {
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({win.x, win.y});
    ImGui::Begin("tricolor", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PushFont(theme_.big);
    ImGui::TextUnformatted("tricolor - step through Go's garbage collector");
    ImGui::PopFont();
    ImGui::TextUnformatted("No scenario is loaded. Open one (Ctrl+O) or drop a .json file on the window.");
    if (ImGui::Button("Open a scenario...")) cmds.push_back({Command::Kind::OpenBrowser});
    ImGui::End();
  }
  if (mode == FrameMode::Normal) {
    drawErrors(v);
    drawFileBrowser(v, scenariosDir());
    drawExportDialog(v);
    drawHelp(v);
  }
  ImGui::Render();
  if (startup_.frameBuilt == 0) startup_.frameBuilt = msSinceMain();
  buildMs_ = std::chrono::duration<double, std::milli>(Clock::now() - frameStart_).count();
  vertices_ = std::size_t(ImGui::GetDrawData()->TotalVtxCount);
  drawCalls_ = 0;
  for (int i = 0; i < ImGui::GetDrawData()->CmdListsCount; ++i)
    drawCalls_ += std::size_t(ImGui::GetDrawData()->CmdLists[i]->CmdBuffer.Size);

  int fbw = 0, fbh = 0;
  glfwGetFramebufferSize(win_, &fbw, &fbh);
  glViewport(0, 0, fbw, fbh);
  glClearColor(0.08f, 0.09f, 0.11f, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (mode != FrameMode::Normal) {
    // Not shown and no commands applied: the next normal frame draws the same step.
    if (mode == FrameMode::Capture) {
      int fbHeight = 0;
      RectF r = captureRect(grabHeapOnly_, fbHeight);
      grabbed_ = readPixels(int(r.x), int(r.y), int(r.w), int(r.h), fbHeight);
    }
    return;
  }
  for (const PendingCapture& c : captures_) {
    std::string err = capture(c.path, c.heapOnly);
    if (!automation_) setStatus(err.empty() ? "Saved " + c.path : "Not saved: " + err, 6);
    if (!err.empty()) {
      std::fprintf(stderr, "tricolor: %s\n", err.c_str());
      exitStatus_ = 1;
    }
  }
  captures_.clear();
  glfwSwapBuffers(win_);
  frameMs_ = std::chrono::duration<double, std::milli>(Clock::now() - frameStart_).count();
  apply(cmds);
  if (!cmds.empty()) framesToDraw_ = std::max(framesToDraw_, 2);
}

// The window, or the heap panel, in framebuffer pixels.
RectF App::captureRect(bool heapOnly, int& fbHeight) const {
  int w = 0, h = 0, fbw = 0, fbh = 0;
  glfwGetWindowSize(win_, &w, &h);
  glfwGetFramebufferSize(win_, &fbw, &fbh);
  fbHeight = fbh;
  float sx = w ? float(fbw) / float(w) : 1, sy = h ? float(fbh) / float(h) : 1;
  RectF r{0, 0, float(w), float(h)};
  if (heapOnly) r = ui_.panels[Panel::Heap];
  return {std::floor(r.x * sx), std::floor(r.y * sy), std::floor(r.w * sx), std::floor(r.h * sy)};
}

std::string App::capture(const std::string& path, bool heapOnly) {
  int fbh = 0;
  RectF r = captureRect(heapOnly, fbh);
  return writePng(path, int(r.x), int(r.y), int(r.w), int(r.h), fbh);
}

// {===== exports that need no frame: written at once from the session

std::string App::exportNow(ExportKind kind, const std::string& path) {
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

// }===== {===== animations: PNG sequences and GIFs, one frame per pass of the loop

void App::startAnimation(ExportKind kind, const std::string& path) {
  if (!session_.loaded() || anim_.active) return;
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
  ui_.playing = false;
  run_ = Run::None;
  ui_.running.clear();
  ui_.exporter.running = true;
  ui_.exporter.framesDone = 0;
  ui_.exporter.progress = 0;
  ui_.exporter.result.clear();
}

// Finds the next step that makes a frame (within a time budget), renders it
// and adds it to the sequence or GIF.
void App::stepAnimation() {
  Animation& a = anim_;
  const auto deadline = Clock::now() + std::chrono::milliseconds(automation_ ? 60000 : 25);
  bool frameHere = false;
  if (!a.started) {
    session_.seek(a.from);
    a.started = true;
    frameHere = true;  // the range's first step is always a frame
  }
  while (!frameHere) {
    if (session_.position() >= a.to || session_.atEnd()) return endAnimation("");
    if (Clock::now() > deadline) return;  // go on next pass: the window stays responsive
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
  grabHeapOnly_ = a.heapOnly;
  // The event log follows a step one frame late, and when its first rows
  // bring a scrollbar they wrap again: at the range's start, settle until it
  // has scrolled to the newest line with its final wrapping.
  for (int i = a.frames == 0 ? 3 : 1; i > 0; --i) {
    ui_.log.scrollPending = ui_.log.follow;
    frame(FrameMode::Settle);
  }
  frame(FrameMode::Capture);
  std::string err;
  if (a.kind == ExportKind::Gif) {
    err = a.gif->addFrame(grabbed_, a.delayMs);
  } else {
    char num[32];
    std::snprintf(num, sizeof num, "-%06d.png", a.frames + 1);
    err = writePng(a.path + num, grabbed_);
  }
  if (!err.empty()) return endAnimation(err);
  ++a.frames;
  ui_.exporter.framesDone = a.frames;
  ui_.exporter.progress = a.to > a.from ? float(session_.position() - a.from) / float(a.to - a.from) : 1.0f;
  if (automation_ && !opt_.quiet && isatty(2))
    std::fprintf(stderr, "\rframe %d (step %llu of %llu..%llu)", a.frames,
                 (unsigned long long)session_.position(), (unsigned long long)a.from,
                 (unsigned long long)a.to);
  if (session_.position() >= a.to || session_.atEnd()) endAnimation("");
}

// Ends the animation: written (error ""), failed, or cancelled. A GIF is
// written only here, whole; a cancelled PNG sequence keeps its complete frames.
void App::endAnimation(const std::string& error, bool cancelled) {
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
  if (automation_ && isatty(2) && !opt_.quiet) std::fprintf(stderr, "\r\033[K");
  if (automation_ && !err.empty()) {
    std::fprintf(stderr, "tricolor: %s\n", err.c_str());
    exitStatus_ = 1;
  }
  if (!automation_) {
    session_.seek(a.returnTo);  // back to the step the user was looking at
    setStatus(msg, 6);
  }
  ui_.exporter.running = false;
  ui_.exporter.result = msg;
  ui_.exporter.failed = !err.empty() || cancelled;
  anim_ = Animation{};
  framesToDraw_ = std::max(framesToDraw_, 2);
}

// }=====

// The layout as JSON: where each object's box is in window pixels, its label
// and colour, plus the panels and any load errors - what the GUI tests read
// next to the screenshot.
bool App::writeLayout(const std::string& path) {
  nlohmann::json j;
  int w = 0, h = 0;
  glfwGetWindowSize(win_, &w, &h);
  j["window"] = {w, h};
  j["scenario"] = session_.loaded() ? session_.path() : "";
  j["step"] = session_.loaded() ? session_.position() : 0;
  j["phase"] = session_.loaded() ? std::string(phaseName(session_.sim().state().gc.phase)) : "";
  nlohmann::json panels = nlohmann::json::object();
  for (int i = 0; i < int(Panel::Count); ++i) {
    const RectF& r = ui_.panels.rect[std::size_t(i)];
    panels[panelName(Panel(i))] = {r.x, r.y, r.w, r.h};
  }
  j["panels"] = panels;
  nlohmann::json objects = nlohmann::json::array();
  for (const DrawnBox& b : ui_.drawn)
    objects.push_back({{"id", b.id},
                       {"label", b.label},
                       {"colour", b.colour},
                       {"fill", hexColour(b.fill)},
                       {"rect", {b.rect.x, b.rect.y, b.rect.w, b.rect.h}},
                       {"clipped", b.clipped}});
  j["objects"] = objects;
  nlohmann::json errors = nlohmann::json::array();
  for (const LoadError& e : ui_.errors) errors.push_back(e.format());
  j["errors"] = errors;
  j["error_panel"] = !ui_.errors.empty();
  j["at_end"] = session_.loaded() && session_.atEnd();
  j["lod"] = ui_.heap.aggregated  ? "aggregate"
             : ui_.heap.bitmapped ? "boxes-bitmap"
             : ui_.heap.instanced ? "boxes-instanced"
                                  : "boxes";
  j["detail"] = graphDetailName(ui_.heap.detail);
  j["arrows"] = {{"drawn", ui_.heap.arrowsDrawn},
                 {"instanced", ui_.heap.arrows ? ui_.heap.arrows->count() : 0}};
  if (session_.loaded()) {  // the simulation's own counts of live heap objects by colour (not the drawing's)
    HeapSummary sum = summarizeByType(session_.sim());
    std::uint64_t white = 0, grey = 0, black = 0;
    for (const TypeGroup& g : sum.groups) {
      white += g.white;
      grey += g.grey;
      black += g.black;
    }
    j["live"] = {{"objects", sum.live}, {"white", white}, {"grey", grey}, {"black", black}};
  }
  nlohmann::json bars = nlohmann::json::array();
  for (const HeapViewState::Bar& b : ui_.heap.bars) {
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
  if (ui_.heap.aggregated && ui_.selected)
    j["neighbourhood"] = {
        {"centre", ui_.selected}, {"nodes", ui_.heap.near.nodes.size()}, {"omitted", ui_.heap.near.omitted}};
  j["memory_map"] = {{"updates", ui_.memory.updates}, {"incremental", ui_.memory.incremental}};
  std::string err = writeFileAtomic(path, j.dump(1) + "\n");
  if (!err.empty()) std::fprintf(stderr, "tricolor: %s\n", err.c_str());
  return err.empty();
}

// }===== {===== main loop

int App::run() {
  automation_ = !opt_.screenshot.empty() || !opt_.layoutOut.empty() || opt_.benchFrames > 0 ||
                opt_.runToEnd || opt_.timeStartup || !opt_.exportSvg.empty() || !opt_.exportFrames.empty() ||
                !opt_.exportGif.empty();
  settingsPath_ = settingsPath();
  // Automation runs ignore the user's settings so pictures and timings are reproducible.
  if (!automation_ && !settingsPath_.empty()) settings_ = loadSettings(settingsPath_);
  ui_.speed = settings_.speed;
  ui_.browser.recent = settings_.recent;
  ui_.heap.detail = opt_.detail.empty() ? settings_.detail : GraphDetail::Auto;
  if (!opt_.detail.empty()) parseGraphDetail(opt_.detail, ui_.heap.detail);  // validated by parseOptions
  if (!initWindow()) {
    std::fprintf(stderr, "tricolor: cannot open a window with OpenGL 3.3 (try --headless)\n");
    return 1;
  }
  std::string file = opt_.file.empty() ? defaultScenario() : opt_.file;
  // --time-startup measures what a user waits for: the interactive start.
  lookAheadPending_ = !automation_ || opt_.timeStartup;
  if (!openFile(file, opt_.overrides)) inputError_ = true;
  startup_.scenario = msSinceMain();
  if (opt_.steps && session_.loaded()) {
    session_.seek(opt_.steps);
    run_ = Run::None;
    ui_.running.clear();
  }
  if (automation_ && run_ == Run::ToStep) {  // a snapshot given to an automation run: resume it now
    session_.seek(runTarget_);
    run_ = Run::None;
    ui_.running.clear();
  }

  // Test hook: open a second file as Ctrl+O would, after the steps above
  // (a bad one must leave the run on screen, with the error panel).
  if (const char* f = std::getenv("TRICOLOR_GUI_THEN_OPEN")) openFile(f);

  // Test hook for pictures of the dialogs (docs/gui.md): open one at start.
  if (const char* d = std::getenv("TRICOLOR_GUI_DIALOG")) {
    std::string which = d;
    if (which == "browser") apply({Command{Command::Kind::OpenBrowser}});
    if (which == "help") ui_.showHelp = true;
    if (which == "export") apply({Command{Command::Kind::ExportDialog}});
    // export:N opens it with the N-th format chosen (ExportKind: 5 is the GIF).
    if (which.rfind("export:", 0) == 0) {
      int k = std::atoi(which.c_str() + 7);
      if (k >= 0 && k < int(ExportKind::Count)) ui_.exporter.what = k;
      apply({Command{Command::Kind::ExportDialog}});
    }
  }

  if (const char* c = std::getenv("TRICOLOR_GUI_CANCEL_AFTER_FRAMES")) cancelAfterFrames_ = std::atoi(c);
  // Test hook: select the first live object with this label (the aggregated graph's neighbourhood).
  if (const char* l = std::getenv("TRICOLOR_GUI_SELECT"); l && session_.loaded()) {
    const World& w = session_.sim().state().world;
    for (ObjectId id = 1; id < w.objects.size() && !ui_.selected; ++id)
      if (w.objects[id].state == ObjState::Heap && w.label(id) == l) ui_.selected = id;
  }
  if (opt_.runToEnd && session_.loaded()) apply({Command{Command::Kind::ToEnd}});
  int frameNo = 0, runFrames = 0;
  bool runToReport = opt_.runToEnd && run_ != Run::None;
  std::vector<double> times;
  double last = glfwGetTime();
  std::signal(SIGINT, [](int) { g_quit = 1; });
  std::signal(SIGTERM, [](int) { g_quit = 1; });
  while (!glfwWindowShouldClose(win_) && !g_quit) {
    const bool busy =
        ui_.playing || run_ != Run::None || !captures_.empty() || automation_ || fontsDirty_ || anim_.active;
    if (busy || framesToDraw_ > 0)
      glfwPollEvents();
    else
      glfwWaitEventsTimeout(0.5);
    const double now = glfwGetTime();
    if (g_event) {
      g_event = false;
      framesToDraw_ = std::max(framesToDraw_, 3);  // ImGui settles hover and layout over a couple of frames
    }
    if (!g_drops.empty() && !anim_.active) {
      std::string f = g_drops.front();
      g_drops.clear();
      if (openFile(f)) setStatus("Opened " + fs::path(f).filename().string());
    }
    if (!automation_ && !anim_.active) watchFile(now);
    advance(now - last);
    last = now;
    if (!busy && framesToDraw_ <= 0) continue;  // idle: nothing changed, draw nothing
    framesToDraw_ = std::max(0, framesToDraw_ - 1);
    if (ui_.playing || run_ != Run::None) framesToDraw_ = std::max(framesToDraw_, 1);

    if (run_ == Run::None && session_.logPaused()) session_.pauseLog(false);  // the run ended: refill the log
    auto t0 = Clock::now();
    if (anim_.active && !automation_) stepAnimation();
    frame();
    ++frameNo;
    if (frameNo == 1) {
      if (opt_.timeStartup) {
        glFinish();
        const double total = msSinceMain();
        std::printf("first frame: %.0f ms after launch (%.0f ms after main)\n", msSinceLaunch(), total);
        const StartupMarks& m = startup_;
        std::printf(
            "  after main: glfwInit %.0f ms, window + GL context %.0f ms (fonts built meanwhile on a thread: "
            "%.0f ms, "
            "waited %.0f ms), GL functions + ImGui %.0f ms, scenario %.0f ms, first frame %.0f ms "
            "(ImGui's shaders + font texture %.0f, views %.0f, drawn %.0f: llvmpipe compiles its shader "
            "variants)\n",
            m.glfwInit, m.window - m.glfwInit, m.fontsMs, m.fontsJoined - m.window, m.glReady - m.fontsJoined,
            m.scenario - m.glReady, total - m.scenario, m.shaders - m.scenario, m.frameBuilt - m.shaders,
            total - m.frameBuilt);
        break;
      }
      if (lookAheadPending_) {  // the window is up: now learn the run ahead, then fit the graph to it
        lookAheadPending_ = false;
        lookAhead();
        ui_.heap.fitPending = true;
        framesToDraw_ = std::max(framesToDraw_, 2);
      }
    }
    if (run_ != Run::None) {
      // Test hook (tests/app): Esc after N frames of a run, through the same path as the key.
      if (++runFrames == cancelAfterFrames_) {
        g_keys.push_back({GLFW_KEY_ESCAPE, 0, false});
        g_event = true;
      }
      if (opt_.runToEnd) continue;  // automation waits for the run, like a user watching the bar
    }
    if (runToReport) {
      runToReport = false;
      const double secs = glfwGetTime() - ui_.progress.started;
      std::printf("run to end: %" PRIu64 " steps in %.2f s, %.0f steps/s, %d frames%s\n", runSteps_, secs,
                  secs > 0 ? double(runSteps_) / secs : 0.0, runFrames,
                  session_.atEnd() ? "" : " (stopped before the end)");
    }
    if (!automation_) continue;
    if (opt_.benchFrames) {
      glFinish();  // count the GPU's (llvmpipe's) work, not just the submission
      if (times.size() == 3) cpuStart_ = cpuSeconds();
      times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      buildTimes_.push_back(buildMs_);
      if (times.size() < opt_.benchFrames + 3) continue;
    } else if (frameNo < 3) {
      continue;  // fonts, textures and hover settle in the first frames
    }
    // The frame is settled: write what was asked, then one more frame captures it.
    if (!opt_.layoutOut.empty() && !writeLayout(opt_.layoutOut)) exitStatus_ = 1;
    if (!opt_.exportSvg.empty() && session_.loaded()) {
      std::string err = writeFileAtomic(opt_.exportSvg,
                                        exportSvg(session_.sim(), session_.layout(), session_.lastEvents()));
      if (!err.empty()) {
        std::fprintf(stderr, "tricolor: %s\n", err.c_str());
        exitStatus_ = 1;
      }
    }
    for (int k = 0; k < 2 && session_.loaded(); ++k) {
      const std::string& path = k == 0 ? opt_.exportFrames : opt_.exportGif;
      if (path.empty()) continue;
      ExportState& e = ui_.exporter;
      e.from = opt_.framesFromSet ? opt_.framesFrom : session_.position();
      e.to = opt_.framesToSet ? opt_.framesTo : e.from + 100;
      e.every = opt_.framesEvery;
      e.each = opt_.framesEach == "statement" ? 1 : opt_.framesEach == "phase" ? 2 : 0;
      e.delayMs = int(opt_.frameDelayMs);
      e.heapOnly = opt_.panel == "heap";
      const std::uint64_t at = session_.position();
      startAnimation(k == 0 ? ExportKind::PngSequence : ExportKind::Gif, path);
      while (anim_.active && !g_quit) {
        glfwPollEvents();
        stepAnimation();
      }
      session_.seek(at);
    }
    if (!opt_.screenshot.empty()) {
      captures_.push_back({opt_.screenshot, opt_.panel == "heap"});
      frame();
    }
    break;
  }
  if (!times.empty()) {
    times.erase(times.begin(), times.begin() + 3);  // warm-up: font texture, first uploads
    std::sort(times.begin(), times.end());
    double median = times[times.size() / 2];
    double p95 = times[std::min(times.size() - 1, std::size_t(double(times.size()) * 0.95))];
    std::size_t objects = 0;
    for (const DrawnBox& b : ui_.drawn) objects += !b.clipped;
    buildTimes_.erase(buildTimes_.begin(), buildTimes_.begin() + 3);
    std::sort(buildTimes_.begin(), buildTimes_.end());
    std::printf(
        "frames: %zu, median: %.1f ms, p95: %.1f ms, min: %.1f ms, max: %.1f ms (%dx%d, %zu objects drawn)\n",
        times.size(), median, p95, times.front(), times.back(), int(ImGui::GetIO().DisplaySize.x),
        int(ImGui::GetIO().DisplaySize.y), objects);
    std::printf(
        "  building the frame (views + ImGui): median %.1f ms; %zu vertices, %zu draw calls per frame\n",
        buildTimes_[buildTimes_.size() / 2], vertices_, drawCalls_);
    // CPU time of all threads (llvmpipe rasterizes on its own threads): a
    // figure that other processes competing for the cores do not inflate.
    std::printf("  process CPU time per frame (all threads): %.1f ms\n",
                (cpuSeconds() - cpuStart_) * 1000.0 / double(times.size()));
    if (session_.loaded()) {
      const HeapLayout& l = session_.layout();
      std::printf(
          "  graph: detail %s, %zu arrows drawn; layout: %zu objects placed in %.1f ms (%.2f us each), %d "
          "columns\n",
          ui_.heap.aggregated ? "aggregated" : "boxes", ui_.heap.arrowsDrawn, l.placedCount(),
          l.placeSeconds() * 1e3, l.placedCount() ? l.placeSeconds() * 1e6 / double(l.placedCount()) : 0.0,
          l.columns());
    }
  }
  shutdown();
  if (inputError_ && exitStatus_ == 0) return 2;
  return exitStatus_;
}

// }=====

}  // namespace

int runGui(const Options& opt) {
  // ImGui's GL backend re-uploads its vertex buffers every frame; with
  // llvmpipe each upload is a fresh malloc of a few hundred KiB, which glibc
  // would serve with mmap/munmap - page faults that cost more than drawing.
  // Keeping such blocks in the heap makes the software renderer ~30% faster.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  App app(opt);
  return app.run();
}

}  // namespace tricolor::app
