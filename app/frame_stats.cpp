#include "app/frame_stats.hpp"

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace tricolor::app {

namespace {

// When main() was about to run (static initialisation of this file), for the finer-grained figure.
const FrameClock::time_point g_mainStart = FrameClock::now();

// Process CPU time of all threads (llvmpipe rasterizes on its own threads):
// a figure that other processes competing for the cores do not inflate.
double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

double msAfterMain(FrameClock::time_point t) {
  return std::chrono::duration<double, std::milli>(t - g_mainStart).count();
}

double msSinceMain() { return msAfterMain(FrameClock::now()); }

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

void printStartup(const StartupMarks& m, double total) {
  std::printf("first frame: %.0f ms after launch (%.0f ms after main)\n", msSinceLaunch(), total);
  std::printf(
      "  after main: glfwInit %.0f ms, window + GL context %.0f ms (fonts built meanwhile on a thread: "
      "%.0f ms, "
      "waited %.0f ms), GL functions + ImGui %.0f ms, scenario %.0f ms, first frame %.0f ms "
      "(ImGui's shaders + font texture %.0f, views %.0f, drawn %.0f: llvmpipe compiles its shader "
      "variants)\n",
      m.platformReady, m.windowCreated - m.platformReady, m.fontsMs, m.fontsJoined - m.windowCreated,
      m.glReady - m.fontsJoined, m.scenario - m.glReady, total - m.scenario, m.rendererReady - m.scenario,
      m.frameBuilt - m.rendererReady, total - m.frameBuilt);
}

void printRunToEnd(std::uint64_t steps, double secs, int frames, bool atEnd) {
  std::printf("run to end: %" PRIu64 " steps in %.2f s, %.0f steps/s, %d frames%s\n", steps, secs,
              secs > 0 ? double(steps) / secs : 0.0, frames, atEnd ? "" : " (stopped before the end)");
}

void FrameBench::add(double frameMs, double buildMs) {
  if (times_.size() == kWarmup) cpuStart_ = cpuSeconds();
  times_.push_back(frameMs);
  buildTimes_.push_back(buildMs);
}

void FrameBench::print(const render::Session& session, const render::UiState& ui, int width, int height,
                       const FrameCost& last) {
  if (times_.empty()) return;
  std::vector<double> times(times_.begin() + std::ptrdiff_t(std::min(kWarmup, times_.size())), times_.end());
  std::vector<double> builds(buildTimes_.begin() + std::ptrdiff_t(std::min(kWarmup, buildTimes_.size())),
                             buildTimes_.end());
  if (times.empty()) return;
  std::sort(times.begin(), times.end());
  std::sort(builds.begin(), builds.end());
  double median = times[times.size() / 2];
  double p95 = times[std::min(times.size() - 1, std::size_t(double(times.size()) * 0.95))];
  std::size_t objects = 0;
  for (const render::DrawnBox& b : ui.drawn) objects += !b.clipped;
  std::printf(
      "frames: %zu, median: %.1f ms, p95: %.1f ms, min: %.1f ms, max: %.1f ms (%dx%d, %zu objects drawn)\n",
      times.size(), median, p95, times.front(), times.back(), width, height, objects);
  std::printf(
      "  building the frame (views + ImGui): median %.1f ms; %zu vertices, %zu draw calls per frame\n",
      builds[builds.size() / 2], last.vertices, last.drawCalls);
  std::printf("  process CPU time per frame (all threads): %.1f ms\n",
              (cpuSeconds() - cpuStart_) * 1000.0 / double(times.size()));
  if (session.loaded()) {
    const render::HeapLayout& l = session.layout();
    std::printf(
        "  graph: detail %s, %zu arrows drawn; layout: %zu objects placed in %.1f ms (%.2f us each), %d "
        "columns\n",
        ui.heap.aggregated ? "aggregated" : "boxes", ui.heap.arrowsDrawn, l.placedCount(),
        l.placeSeconds() * 1e3, l.placedCount() ? l.placeSeconds() * 1e6 / double(l.placedCount()) : 0.0,
        l.columns());
  }
}

}  // namespace tricolor::app
