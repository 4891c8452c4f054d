#include "app/cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "core/golang/frontend.hpp"
#include "core/io/exports.hpp"
#include "core/io/gctrace.hpp"
#include "core/io/scenario_loader.hpp"
#include "core/io/snapshot.hpp"
#include "core/model/units.hpp"
#include "core/sim/narrator.hpp"
#include "core/sim/simulation.hpp"
#include "render/export/svg_export.hpp"
#include "render/layout/heap_layout.hpp"

namespace tricolor::app {

namespace fs = std::filesystem;

std::string usageText() {
  return R"(tricolor - step through Go's garbage collector

Usage:
  tricolor [FILE] [window options]        open FILE (default: the first bundled scenario)
  tricolor --headless [FILE] [options]    run in the terminal, no window
  tricolor --resume SNAPSHOT [options]    continue a run saved with --snapshot or from the app
  tricolor --list                         list the bundled scenarios
  tricolor --escape[=2] PROG.go           Go 1.19's escape analysis decisions, as go build
                                          -gcflags='-m -l' (=2: '-m=2 -l') prints them

Headless options:
  --until WHAT        stop at: end (default), step:N, cycle:N (end of cycle N's marking),
                      phase:NAME (off, sweep-termination, mark, mark-termination, sweep)
  --max-steps N       give up after N steps (default 100000000)
  --set KEY=VALUE     override a config value; repeatable. Examples: GOGC=50, GOGC=off,
                      GOMEMLIMIT=64MiB, GOMAXPROCS=4, write_barrier=none, seed=7
  --gctrace           print one line per cycle, exactly like GODEBUG=gctrace=1
  --narrate           print one sentence per step
  --events            print every event of every step
  --hash              print a fingerprint of all events (same scenario + seed = same hash)
  --snapshot OUT      write a snapshot (JSON) where the run stopped
  --export-dot OUT    the pointer graph where the run stopped, as Graphviz DOT
  --export-csv OUT    metrics of every step as CSV (--csv-every N: every Nth step)
  --export-cycles OUT metrics of every cycle as CSV
  --export-gctrace OUT  the gctrace log
  --export-svg OUT    the heap graph with stacks and globals where the run stopped, as SVG
  --no-summary        do not print the summary at the end
  --quiet             print nothing but errors and what was asked for
  --progress          report progress on stderr about once a second, also when stderr is
                      not a terminal (on a terminal it is shown anyway, unless --quiet)

Window options:
  --steps N           start N steps into the run
  --screenshot OUT    render one frame, save it as PNG, and exit
  --panel NAME        with --screenshot, --export-frames, --export-gif: only that panel (heap)
  --dump-layout OUT   write the heap layout (object id -> rectangle) as JSON, and exit
  --bench-frames N    render N frames and print median / p95 frame times
  --run-to-end        run to the end through the window's loop (progress bar, Esc), print steps/s
  --time-startup      print the time from launch to the first frame on screen, and exit
  --size WxH          window size (default 1280x800)
  --scale S           UI scale, 1 to 3
  --presentation      large fonts for a lecture hall
  --detail D          the heap graph's level of detail: auto (default: every box while the
                      graph holds them all, 16384, then counts by type), full (every box and arrow), aggregated
  --export-svg OUT    the heap graph after --steps N as SVG (also works headless)
  --export-frames PREFIX  a range of steps as PNG files PREFIX-000001.png, PREFIX-000002.png ...
  --export-gif OUT    the same range as one animated GIF
  --from N, --to N    the range (default: from --steps, 100 steps or to the end)
  --every N           one frame every N steps (default 1)
  --each WHAT         one frame per statement of the program, or per phase change
  --frame-delay MS    GIF delay between frames (default 250, in steps of 10 ms)

  --help, --version

Exit status: 0 success; 1 the simulated program panicked or deadlocked, --until was
not reached, or an output file could not be written; 2 usage error or invalid input.
Without a display (no DISPLAY or WAYLAND_DISPLAY) tricolor runs headless.
)";
}

namespace {

bool parseU64(const std::string& s, std::uint64_t& v) {
  if (s.empty() || s.size() > 19 || !std::all_of(s.begin(), s.end(), ::isdigit)) return false;
  v = std::stoull(s);
  return true;
}

}  // namespace

// One flat branch per option, in --help's order, each with its own check and
// message: longer than 150 lines, but read (and extended) one option at a time.
bool parseOptions(int argc, char** argv, Options& o, std::string& error) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) {
        error = a + " needs a value";
        return false;
      }
      out = args[++i];
      return true;
    };
    auto number = [&](std::uint64_t& out) {
      std::string v;
      if (!value(v)) return false;
      if (!parseU64(v, out)) {
        error = a + " needs a whole number, got '" + v + "'";
        return false;
      }
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h")
      o.help = true;
    else if (a == "--version")
      o.version = true;
    else if (a == "--list")
      o.list = true;
    else if (a == "--headless")
      o.headless = true;
    else if (a == "--gctrace")
      o.gctrace = true;
    else if (a == "--events")
      o.events = true;
    else if (a == "--narrate")
      o.narrate = true;
    else if (a == "--hash")
      o.hash = true;
    else if (a == "--quiet")
      o.quiet = true;
    else if (a == "--no-summary")
      o.summary = false;
    else if (a == "--progress")
      o.progress = true;
    else if (a == "--presentation")
      o.presentation = true;
    else if (a == "--escape" || a == "--escape=1" || a == "--escape=2") {
      o.escape = a == "--escape=2" ? 2 : 1;  // Go escape analysis of a .go file (core/golang)
      o.headless = true;
    } else if (a == "--until") {
      if (!value(o.until)) return false;
    } else if (a == "--max-steps") {
      if (!number(o.maxSteps)) return false;
    } else if (a == "--set") {
      if (!value(v)) return false;
      if (v.find('=') == std::string::npos) {
        error = "--set needs KEY=VALUE, got '" + v + "'";
        return false;
      }
      o.overrides.push_back(v);
    } else if (a == "--snapshot") {
      if (!value(o.snapshot)) return false;
    } else if (a == "--export-dot") {
      if (!value(o.exportDot)) return false;
    } else if (a == "--export-csv") {
      if (!value(o.exportCsv)) return false;
    } else if (a == "--export-cycles") {
      if (!value(o.exportCycles)) return false;
    } else if (a == "--export-gctrace") {
      if (!value(o.exportGctrace)) return false;
    } else if (a == "--export-svg") {
      if (!value(o.exportSvg)) return false;
    } else if (a == "--export-frames") {
      if (!value(o.exportFrames)) return false;
    } else if (a == "--export-gif") {
      if (!value(o.exportGif)) return false;
    } else if (a == "--from") {
      if (!number(o.framesFrom)) return false;
      o.framesFromSet = true;
    } else if (a == "--to") {
      if (!number(o.framesTo)) return false;
      o.framesToSet = true;
    } else if (a == "--every") {
      if (!number(o.framesEvery)) return false;
      if (o.framesEvery == 0) {
        error = "--every needs a number of at least 1";
        return false;
      }
    } else if (a == "--each") {
      if (!value(o.framesEach)) return false;
      if (o.framesEach != "statement" && o.framesEach != "phase") {
        error = "--each must be 'statement' or 'phase', got '" + o.framesEach + "'";
        return false;
      }
    } else if (a == "--frame-delay") {
      if (!number(o.frameDelayMs)) return false;
      if (o.frameDelayMs < 10 || o.frameDelayMs > 60000) {
        error = "--frame-delay needs milliseconds from 10 to 60000";
        return false;
      }
    } else if (a == "--csv-every") {
      if (!number(o.csvEvery)) return false;
      if (o.csvEvery == 0) {
        error = "--csv-every needs a number of at least 1";
        return false;
      }
    } else if (a == "--resume") {
      if (!value(o.resume)) return false;
    } else if (a == "--steps") {
      if (!number(o.steps)) return false;
    } else if (a == "--screenshot") {
      if (!value(o.screenshot)) return false;
    } else if (a == "--panel") {
      if (!value(o.panel)) return false;
      if (o.panel != "heap" && o.panel != "window") {
        error = "--panel must be 'heap' or 'window', got '" + o.panel + "'";
        return false;
      }
    } else if (a == "--dump-layout") {
      if (!value(o.layoutOut)) return false;
    } else if (a == "--bench-frames") {
      if (!number(o.benchFrames)) return false;
    } else if (a == "--run-to-end") {
      o.runToEnd = true;
    } else if (a == "--time-startup") {
      o.timeStartup = true;
    } else if (a == "--detail") {
      if (!value(o.detail)) return false;
      if (o.detail != "auto" && o.detail != "full" && o.detail != "aggregated") {
        error = "--detail must be 'auto', 'full' or 'aggregated', got '" + o.detail + "'";
        return false;
      }
    } else if (a == "--size") {
      if (!value(v)) return false;
      int w = 0, h = 0;
      char x = 0;
      if (std::sscanf(v.c_str(), "%d%c%d", &w, &x, &h) != 3 || x != 'x' || w < 320 || h < 240 || w > 8192 ||
          h > 8192) {
        error = "--size needs WxH between 320x240 and 8192x8192, got '" + v + "'";
        return false;
      }
      o.width = w;
      o.height = h;
    } else if (a == "--scale") {
      if (!value(v)) return false;
      char* end = nullptr;
      float s = std::strtof(v.c_str(), &end);
      if (!end || *end || s < 1.0f || s > 3.0f) {
        error = "--scale needs a number from 1 to 3, got '" + v + "'";
        return false;
      }
      o.scale = s;
    } else if (!a.empty() && a[0] == '-') {
      error = "unknown option " + a + " (see --help)";
      return false;
    } else if (o.file.empty()) {
      o.file = a;
    } else {
      error = "only one scenario file can be given (got '" + o.file + "' and '" + a + "')";
      return false;
    }
  }
  if (o.framesFromSet && o.framesToSet && o.framesTo < o.framesFrom) {
    error = "--to must not be before --from";
    return false;
  }
  if ((o.framesFromSet || o.framesToSet || !o.framesEach.empty()) && o.exportFrames.empty() &&
      o.exportGif.empty()) {
    error = "--from, --to and --each choose frames for --export-frames or --export-gif";
    return false;
  }
  if (!o.resume.empty() && !o.file.empty()) {
    error = "give either a scenario FILE or --resume SNAPSHOT, not both";
    return false;
  }
  return true;
}

std::string scenariosDir() {
  std::error_code ec;
  // Next to the executable (installed or build tree), else the source tree.
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      if (fs::exists(dir / "scenarios" / "scenario.schema.json", ec)) return (dir / "scenarios").string();
      if (fs::exists(dir / "share" / "tricolor" / "scenarios", ec))
        return (dir / "share" / "tricolor" / "scenarios").string();
    }
  }
#ifdef TRICOLOR_SOURCE_DIR
  return std::string(TRICOLOR_SOURCE_DIR) + "/scenarios";
#else
  return "scenarios";
#endif
}

std::string defaultScenario() { return scenariosDir() + "/linked-list-garbage.json"; }

namespace {

std::string fmtBytes(std::uint64_t b) { return formatBytes(b); }

void printErrors(const std::vector<LoadError>& errors) {
  for (const LoadError& e : errors) std::cerr << e.format() << "\n";
}

// --until: returns a predicate over the step just taken, or an error.
struct Until {
  enum class Kind { End, Step, Cycle, Phase } kind = Kind::End;
  std::uint64_t n = 0;
  Phase phase = Phase::Off;
};

bool parseUntil(const std::string& s, Until& u, std::string& error) {
  auto colon = s.find(':');
  std::string what = s.substr(0, colon), arg = colon == std::string::npos ? "" : s.substr(colon + 1);
  if (what == "end" && colon == std::string::npos) return true;
  if (what == "step" || what == "cycle") {
    u.kind = what == "step" ? Until::Kind::Step : Until::Kind::Cycle;
    if (!parseU64(arg, u.n)) {
      error = "--until " + what + ":N needs a whole number";
      return false;
    }
    return true;
  }
  if (what == "phase") {
    static const std::pair<const char*, Phase> names[] = {{"off", Phase::Off},
                                                          {"sweep-termination", Phase::SweepTermination},
                                                          {"mark", Phase::Mark},
                                                          {"mark-termination", Phase::MarkTermination},
                                                          {"sweep", Phase::Sweep}};
    for (auto& [name, ph] : names)
      if (arg == name) {
        u.kind = Until::Kind::Phase;
        u.phase = ph;
        return true;
      }
    error = "--until phase:NAME needs one of off, sweep-termination, mark, mark-termination, sweep";
    return false;
  }
  error = "--until needs end, step:N, cycle:N or phase:NAME, got '" + s + "'";
  return false;
}

// The run to go through: a snapshot resumed at its step, or a scenario at
// step 0 (with --set). False (errors said on stderr) for invalid input.
bool openRun(const Options& opt, std::unique_ptr<Simulation>& sim, SnapshotSource& source) {
  if (!opt.resume.empty()) {
    bool tty = isatty(2);
    SnapshotLoad snap = loadSnapshotFile(opt.resume, [&](std::uint64_t done, std::uint64_t total) {
      if (tty)
        std::fprintf(stderr, "\rresuming: step %llu of %llu", (unsigned long long)done,
                     (unsigned long long)total);
      return true;
    });
    if (tty) std::fprintf(stderr, "\r\033[K");
    if (!snap.ok()) {
      printErrors(snap.errors);
      return false;
    }
    source = snap.source;
    if (!opt.overrides.empty()) {
      std::cerr << "tricolor: --set cannot change a resumed run (its settings are in the snapshot)\n";
      return false;
    }
    sim = std::move(snap.sim);
    return true;
  }
  std::string file = opt.file.empty() ? defaultScenario() : opt.file;
  ScenarioRun run = prepareScenario(loadScenarioFile(file), opt.overrides);
  if (!run.program) {
    printErrors(run.errors);
    return false;
  }
  source.scenarioFile = file;
  source.scenarioText = run.load.sourceText;
  source.overrides = opt.overrides;
  sim = std::make_unique<Simulation>(run.program);
  return true;
}

// A layout for --export-svg that has seen every step up to `sim`'s: a
// resumed run replays the snapshot's scenario to place what exists, and
// keeps that step's events (its highlights). False for invalid input.
bool placeResumed(const Simulation& sim, const SnapshotSource& source,
                  std::unique_ptr<render::HeapLayout>& layout, std::vector<Event>& replayedEvents) {
  layout = std::make_unique<render::HeapLayout>();
  layout->reset(sim.program());
  if (sim.steps() == 0) return true;
  ScenarioRun run =
      prepareScenario(loadScenarioText(source.scenarioText, source.scenarioFile), source.overrides);
  if (!run.program) {
    printErrors(run.errors);
    return false;
  }
  Simulation replay(run.program);
  EventSink rs;
  while (replay.steps() < sim.steps() && !replay.finished()) {
    replay.step(rs);
    layout->observe(replay, rs.events);
  }
  replayedEvents = rs.events;
  return true;
}

// The summary after a run (unless --no-summary or --quiet).
void printSummary(const Simulation& sim, std::uint64_t peakHeap, std::uint64_t lost) {
  const State& s = sim.state();
  std::cout << "steps: " << sim.steps() << ", simulated time: " << fmtNSAsMS(sim.now()) << " ms\n";
  std::cout << "cycles: " << s.gc.cycle << ", objects allocated: " << s.heap.stats.objectsAllocated
            << ", freed: " << s.heap.stats.objectsFreed << ", peak heap live: " << fmtBytes(peakHeap) << "\n";
  std::cout << "phase: " << phaseName(s.gc.phase) << ", heap live: " << fmtBytes(s.heap.stats.heapLive)
            << ", heap goal: "
            << (sim.heapGoal() >= kNoLimit ? std::string("none (GOGC=off, no memory limit)")
                                           : fmtBytes(sim.heapGoal()))
            << "\n";
  if (lost) std::cout << "objects freed while reachable: " << lost << "\n";
  if (s.finished)
    std::cout << "ended: "
              << (s.endReason == EventKind::ProgramEnd ? "main returned"
                  : s.endReason == EventKind::Deadlock ? "deadlock"
                                                       : "program error")
              << "\n";
}

// The files asked for (--export-*, --snapshot) at the step the run stopped
// at: `events` are that step's (as the run saw them), `svgEvents` the SVG's
// highlights. Returns 0, or 1 when one could not be written.
int writeOutputs(const Options& opt, const Simulation& sim, const SnapshotSource& source,
                 const std::string& csv, const render::HeapLayout* layout, const std::vector<Event>& events,
                 const std::vector<Event>& svgEvents, const std::string& lastNarration) {
  int status = 0;
  auto write = [&](const std::string& path, const std::string& text) {
    if (path.empty()) return;
    std::string err = writeFileAtomic(path, text);
    if (!err.empty()) {
      std::cerr << "tricolor: " << err << "\n";
      status = 1;
    }
  };
  write(opt.exportDot, opt.exportDot.empty() ? "" : exportDot(sim));
  write(opt.exportCsv, csv);
  write(opt.exportCycles, opt.exportCycles.empty() ? "" : exportCyclesCsv(sim));
  write(opt.exportGctrace, opt.exportGctrace.empty() ? "" : exportGctrace(sim));
  write(opt.exportSvg, layout ? render::exportSvg(sim, *layout, svgEvents) : "");
  if (!opt.snapshot.empty()) {
    std::string narration = lastNarration.empty() ? narrate(sim, events) : lastNarration;
    std::string err = writeFileAtomic(opt.snapshot, snapshotText(sim, source, narration));
    if (!err.empty()) {
      std::cerr << "tricolor: " << err << "\n";
      status = 1;
    }
  }
  return status;
}

// tricolor --escape[=2] prog.go: the Go front end's escape decisions, as Go 1.19 prints them.
int runEscapeAnalysis(const Options& opt) {
  if (opt.file.empty()) {
    std::cerr << "tricolor: --escape needs a Go file (tricolor --escape prog.go)\n";
    return 2;
  }
  return golang::runEscape(opt.file, opt.escape, std::cout, std::cerr);
}

}  // namespace

int runHeadless(const Options& opt) {
  if (opt.escape) return runEscapeAnalysis(opt);
  Until until;
  std::string error;
  if (!parseUntil(opt.until, until, error)) {
    std::cerr << "tricolor: " << error << "\n";
    return 2;
  }

  std::unique_ptr<Simulation> sim;
  SnapshotSource source;
  if (!openRun(opt, sim, source)) return 2;
  // The SVG draws objects where the window's layout puts them, and the
  // layout places each object when it is allocated: it sees every step.
  std::unique_ptr<render::HeapLayout> layout;
  std::vector<Event> replayedEvents;  // the resumed step's events (its highlights)
  if (!opt.exportSvg.empty() && !placeResumed(*sim, source, layout, replayedEvents)) return 2;

  const Program& prog = sim->program();
  if (!opt.quiet) std::cout << "# " << prog.title << "\n";
  EventSink sink;
  std::uint64_t hash = kEventHashSeed;
  std::uint64_t lost = 0;
  bool reached = false;
  std::string lastNarration;
  bool tty = isatty(2) && !opt.quiet;
  std::string csv;
  if (!opt.exportCsv.empty()) csv = csvStepHeader() + csvStepRow(*sim);
  // Events are built only when something reads them: printing, the hash,
  // gctrace, --until cycle/phase, or the safety monitor (it checks each
  // step's frees). Otherwise the run goes in batches with events off
  // (Simulation::stepMany), and the last step's events, if an error or a
  // snapshot needs them, are replayed from a copy of the start.
  const bool needEvents = opt.narrate || opt.events || opt.hash || opt.gctrace ||
                          until.kind == Until::Kind::Cycle || until.kind == Until::Kind::Phase ||
                          prog.config.monitor || prog.config.checkInvariants || layout != nullptr;
  std::unique_ptr<Simulation> start;
  if (!needEvents) {
    start = std::make_unique<Simulation>(*sim);
    sink.enabled = false;
  }
  sim->resetPeakHeapLive();
  auto started = std::chrono::steady_clock::now();
  auto lastProgress = started;
  bool progressShown = false;
  std::uint64_t taken = 0, sinceClock = 0;
  while (!sim->finished() && taken < opt.maxSteps) {
    if (until.kind == Until::Kind::Step && sim->steps() >= until.n) {
      reached = true;
      break;
    }
    if (!needEvents) {
      std::uint64_t k = std::min<std::uint64_t>(1 << 16, opt.maxSteps - taken);
      if (until.kind == Until::Kind::Step) k = std::min(k, until.n - sim->steps());
      if (!opt.exportCsv.empty()) k = std::min(k, opt.csvEvery - sim->steps() % opt.csvEvery);
      std::uint64_t t = sim->stepMany(sink, k);
      taken += t;
      sinceClock += t;
      if (!opt.exportCsv.empty() && sim->steps() % opt.csvEvery == 0) csv += csvStepRow(*sim);
    } else {
      sim->step(sink);
      ++taken;
      ++sinceClock;
      const std::vector<Event>& ev = sink.events;
      if (layout) layout->observe(*sim, ev);
      hash = hashEvents(hash, ev.data(), ev.size());
      if (!opt.exportCsv.empty() && sim->steps() % opt.csvEvery == 0) csv += csvStepRow(*sim);
      if (opt.narrate) {
        lastNarration = narrate(*sim, ev);
        std::cout << "[" << sim->steps() << "] " << lastNarration << "\n";
      }
      bool stop = false;
      for (const Event& e : ev) {
        if (e.kind == EventKind::ReachableFreed) ++lost;
        if (opt.events)
          std::cout << "  " << sim->steps() << " " << eventKindName(e.kind) << ": " << describe(*sim, e)
                    << "\n";
        if (e.kind == EventKind::CycleEnd && opt.gctrace)
          std::cout << gctraceLine(sim->state().gc.cycles[e.as<CycleEndEvent>().cycle - 1]) << "\n";
        if (until.kind == Until::Kind::Cycle && e.kind == EventKind::CycleEnd &&
            e.as<CycleEndEvent>().cycle == until.n)
          stop = true;
        if (until.kind == Until::Kind::Phase && e.kind == EventKind::PhaseChange &&
            e.as<PhaseChangeEvent>().to == until.phase)
          stop = true;
      }
      if (stop) {
        reached = true;
        break;
      }
    }
    // Progress: on a terminal one line rewritten in place; with --progress
    // and no terminal, a line about once a second (logs, CI).
    if ((tty || opt.progress) && sinceClock >= 0x10000) {
      sinceClock = 0;
      auto now = std::chrono::steady_clock::now();
      if (now - lastProgress > std::chrono::milliseconds(tty ? 500 : 1000)) {
        lastProgress = now;
        progressShown = true;
        const double secs = std::chrono::duration<double>(now - started).count();
        std::fprintf(stderr,
                     tty ? "\rstep %llu, cycle %u, phase %s, %.1f M steps/s "
                         : "progress: step %llu, cycle %u, phase %s, %.1f M steps/s\n",
                     (unsigned long long)sim->steps(), sim->state().gc.cycle,
                     std::string(phaseName(sim->state().gc.phase)).c_str(), double(taken) / secs / 1e6);
      }
    }
  }
  if (tty && progressShown) std::fprintf(stderr, "\r\033[K");
  if (opt.progress && !tty) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "progress: done, %llu steps in %.2f s\n", (unsigned long long)taken, secs);
  }
  const std::uint64_t peakHeap = sim->peakHeapLive();
  // Events were off: replay the last step with them if they are needed.
  const bool errorEnd = sim->finished() && sim->state().endReason != EventKind::ProgramEnd;
  if (start && sim->steps() > start->steps() && (errorEnd || !opt.snapshot.empty())) {
    EventSink off;
    off.enabled = false;
    start->stepMany(off, sim->steps() - start->steps() - 1);
    sink.enabled = true;
    start->step(sink);
  }
  if (until.kind == Until::Kind::Step && sim->steps() >= until.n) reached = true;
  if (until.kind == Until::Kind::End && sim->finished()) reached = true;

  const State& s = sim->state();
  if (opt.summary && !opt.quiet) printSummary(*sim, peakHeap, lost);
  if (opt.hash) std::printf("hash: %016llx\n", static_cast<unsigned long long>(hash));
  std::cout.flush();

  int status = writeOutputs(opt, *sim, source, csv, layout.get(), sink.events,
                            taken ? sink.events : replayedEvents, lastNarration);
  if (s.finished && s.endReason != EventKind::ProgramEnd) {
    for (const Event& e : sink.events)
      if (e.kind == EventKind::ProgramError || e.kind == EventKind::Deadlock)
        std::cerr << "tricolor: " << describe(*sim, e) << "\n";
    status = 1;
  }
  if (!reached) {
    if (until.kind == Until::Kind::End)
      std::cerr << "tricolor: stopped after --max-steps " << opt.maxSteps << " steps before the end\n";
    else
      std::cerr << "tricolor: the run ended before --until " << opt.until << "\n";
    status = 1;
  }
  return status;
}

}  // namespace tricolor::app
