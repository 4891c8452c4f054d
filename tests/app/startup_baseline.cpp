// The floor for tricolor's first frame: a minimal GLFW + OpenGL program that
// opens the same window (1280x800, OpenGL 3.3 core, forward-compatible, the
// hints tricolor uses), clears it, swaps and waits for the GL to finish -
// nothing else. scripts/gui-bench.sh launches it alternately with
// `tricolor --time-startup` and reports the ratio of the medians: what is
// left above 1 is ours, the rest is the driver's (Mesa llvmpipe loading and
// creating its context under Xvfb, docs/performance.md).
//
//   startup_baseline   -> "first frame: N ms after launch (M ms after main)"
#include <GLFW/glfw3.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

const auto g_mainStart = std::chrono::steady_clock::now();

// As tricolor's msSinceLaunch (app/gui_app.cpp): since the kernel started the process.
double msSinceLaunchBaseline() {
  std::ifstream f("/proc/self/stat");
  std::string line;
  if (!std::getline(f, line)) return -1;
  std::size_t close = line.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream in(line.substr(close + 2));
  std::string field;
  for (int i = 3; i < 22; ++i) in >> field;
  unsigned long long start = 0;
  if (!(in >> start)) return -1;
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6 -
         double(start) * 1e3 / double(sysconf(_SC_CLK_TCK));
}

}  // namespace

int main() {
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* win = glfwCreateWindow(1280, 800, "baseline", nullptr, nullptr);
  if (!win) return 1;
  glfwMakeContextCurrent(win);
  // Through glfwGetProcAddress, as tricolor (glad) does: no link-time libGL.
  using ClearColor = void (*)(float, float, float, float);
  using Clear = void (*)(unsigned);
  using Finish = void (*)();
  auto clearColor = reinterpret_cast<ClearColor>(glfwGetProcAddress("glClearColor"));
  auto clear = reinterpret_cast<Clear>(glfwGetProcAddress("glClear"));
  auto finish = reinterpret_cast<Finish>(glfwGetProcAddress("glFinish"));
  glfwPollEvents();
  clearColor(0.18f, 0.2f, 0.25f, 1.0f);
  clear(0x00004000);  // GL_COLOR_BUFFER_BIT
  glfwSwapBuffers(win);
  finish();
  std::printf(
      "first frame: %.0f ms after launch (%.0f ms after main)\n", msSinceLaunchBaseline(),
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - g_mainStart).count());
  glfwDestroyWindow(win);
  glfwTerminate();
  return 0;
}
