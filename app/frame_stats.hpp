// Frame statistics: what --bench-frames, --time-startup and --run-to-end
// print (docs/gui.md, "Frame times"; docs/performance.md). They measure and
// print; they never change what is drawn.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "render/model/session.hpp"
#include "render/views/views.hpp"

namespace tricolor::app {

using FrameClock = std::chrono::steady_clock;

// Milliseconds since main() was about to run (static initialisation), and
// from then to `t`.
double msSinceMain();
double msAfterMain(FrameClock::time_point t);
// Milliseconds since the kernel started this process (so loading the program
// and its libraries counts too); -1 when /proc is not there.
double msSinceLaunch();

// --time-startup's breakdown: when each stage of the start ended (ms after main).
struct StartupMarks {
  double platformReady = 0;  // glfwInit
  double windowCreated = 0;  // the window and its GL context
  double fontsJoined = 0;    // the font thread, waited for
  double glReady = 0;        // GL functions, ImGui's backends and style
  double scenario = 0;       // the scenario loaded
  double rendererReady = 0;  // ImGui's shaders and font texture (first frame)
  double frameBuilt = 0;     // the first frame's views and ImGui::Render
  double fontsMs = 0;        // the font thread's own time
};
// Prints the first frame's time after launch and after main, and the stages.
void printStartup(const StartupMarks& m, double totalMs);

// --run-to-end: the long run through the window's loop.
void printRunToEnd(std::uint64_t steps, double seconds, int frames, bool atEnd);

// What building one frame cost: CPU time for the views and ImGui, and the
// size of what the GL driver (llvmpipe) then has to draw.
struct FrameCost {
  double buildMs = 0;
  std::size_t vertices = 0, drawCalls = 0;
};

// --bench-frames N: N frames after 3 of warm-up (font texture, first uploads).
class FrameBench {
 public:
  explicit FrameBench(std::uint64_t frames) : frames_(frames) {}
  // One frame: its wall time, drawing finished (glFinish), and the time to build it.
  void add(double frameMs, double buildMs);
  bool done() const { return times_.size() >= frames_ + kWarmup; }
  // The medians and the process CPU time per frame; nothing when no frame was measured.
  void print(const render::Session& session, const render::UiState& ui, int width, int height,
             const FrameCost& last);

 private:
  static constexpr std::size_t kWarmup = 3;
  std::uint64_t frames_;
  std::vector<double> times_, buildTimes_;
  double cpuStart_ = 0;  // process CPU time (all threads) when the measured frames start
};

}  // namespace tricolor::app
