// The desktop window (app/platform/window.hpp): GLFW, an OpenGL 3.3 core
// context through glad, and ImGui's GLFW and OpenGL3 backends.
#include <glad/gl.h>
// glad first: GLFW must not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdio>
#include <thread>
#include <utility>

#include "app/platform/window.hpp"

namespace tricolor::app::platform {

namespace {

// {===== GLFW callbacks: note that something happened (so the idle loop draws), and collect keys and drops

bool g_windowActivity = false;
std::vector<KeyPress> g_keyPresses;  // since the last takeKeys(), in order
std::vector<std::string> g_droppedFiles;

// GLFW's key codes for the keys of app/key_map.hpp; others are dropped.
bool toKey(int glfwKey, Key& key) {
  switch (glfwKey) {
    case GLFW_KEY_ESCAPE: key = Key::Escape; return true;
    case GLFW_KEY_F1: key = Key::F1; return true;
    case GLFW_KEY_F11: key = Key::F11; return true;
    case GLFW_KEY_SPACE: key = Key::Space; return true;
    case GLFW_KEY_RIGHT: key = Key::Right; return true;
    case GLFW_KEY_LEFT: key = Key::Left; return true;
    case GLFW_KEY_DOWN: key = Key::Down; return true;
    case GLFW_KEY_HOME: key = Key::Home; return true;
    case GLFW_KEY_END: key = Key::End; return true;
    case GLFW_KEY_ENTER: key = Key::Enter; return true;
    case GLFW_KEY_KP_ENTER: key = Key::KeypadEnter; return true;
    case GLFW_KEY_B: key = Key::B; return true;
    case GLFW_KEY_D: key = Key::D; return true;
    case GLFW_KEY_E: key = Key::E; return true;
    case GLFW_KEY_F: key = Key::F; return true;
    case GLFW_KEY_O: key = Key::O; return true;
    case GLFW_KEY_P: key = Key::P; return true;
    case GLFW_KEY_R: key = Key::R; return true;
    case GLFW_KEY_EQUAL: key = Key::Equal; return true;
    case GLFW_KEY_MINUS: key = Key::Minus; return true;
    case GLFW_KEY_KP_ADD: key = Key::KeypadAdd; return true;
    case GLFW_KEY_KP_SUBTRACT: key = Key::KeypadSubtract; return true;
    default: return false;
  }
}

void onCursor(GLFWwindow*, double, double) { g_windowActivity = true; }
// Shortcuts come from this callback, not ImGui::IsKeyPressed: ImGui 1.86
// samples key state once per frame, so a tap whose press and release arrive
// together (a fast typist, a remote desktop, xdotool) would be lost.
void onKey(GLFWwindow*, int glfwKey, int, int action, int mods) {
  Key key;
  if (action != GLFW_RELEASE && toKey(glfwKey, key))
    g_keyPresses.push_back(
        {key, (mods & GLFW_MOD_CONTROL) != 0, (mods & GLFW_MOD_SHIFT) != 0, action == GLFW_REPEAT});
  g_windowActivity = true;
}
void onChar(GLFWwindow*, unsigned) { g_windowActivity = true; }
void onMouse(GLFWwindow*, int, int, int) { g_windowActivity = true; }
void onScroll(GLFWwindow*, double, double) { g_windowActivity = true; }
void onSize(GLFWwindow*, int, int) { g_windowActivity = true; }
void onFocus(GLFWwindow*, int) { g_windowActivity = true; }
void onDrop(GLFWwindow*, int n, const char** paths) {
  for (int i = 0; i < n; ++i) g_droppedFiles.emplace_back(paths[i]);
  g_windowActivity = true;
}

// }=====

class GlfwWindow final : public Window {
 public:
  bool open(const WindowConfig& config, const std::function<void()>& meanwhile) override;
  void close() override;
  const WindowTimes& times() const override { return times_; }

  void run(const std::function<bool()>& pass) override {
    while (!glfwWindowShouldClose(win_))
      if (!pass()) break;
  }
  void pollEvents() override { glfwPollEvents(); }
  void waitEvents(double timeoutSeconds) override { glfwWaitEventsTimeout(timeoutSeconds); }
  bool takeActivity() override { return std::exchange(g_windowActivity, false); }
  std::vector<KeyPress> takeKeys() override { return std::exchange(g_keyPresses, {}); }
  std::vector<std::string> takeDrops() override { return std::exchange(g_droppedFiles, {}); }
  void pressKey(const KeyPress& press) override {
    g_keyPresses.push_back(press);
    g_windowActivity = true;
  }
  double time() const override { return glfwGetTime(); }

  void newFrame() override;
  void render(float r, float g, float b) override;
  void present() override { glfwSwapBuffers(win_); }
  void finish() override { glFinish(); }
  void reloadFonts() override {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }

  Size size() const override {
    Size s;
    glfwGetWindowSize(win_, &s.w, &s.h);
    return s;
  }
  Size framebufferSize() const override {
    Size s;
    glfwGetFramebufferSize(win_, &s.w, &s.h);
    return s;
  }
  void setTitle(const std::string& title) override { glfwSetWindowTitle(win_, title.c_str()); }
  bool setFullscreen(bool on) override;

 private:
  GLFWwindow* win_ = nullptr;
  WindowTimes times_;
  bool fullscreen_ = false;
  int winX_ = 0, winY_ = 0, winW_ = 1280, winH_ = 800;  // windowed geometry, to leave fullscreen
};

bool GlfwWindow::open(const WindowConfig& config, const std::function<void()>& meanwhile) {
  using Clock = WindowTimes::Clock;
  glfwSetErrorCallback(
      [](int code, const char* what) { std::fprintf(stderr, "tricolor: GLFW error %d: %s\n", code, what); });
  if (!glfwInit()) return false;
  times_.platformReady = Clock::now();
  // Creating the GL context is the slow part of starting (Mesa loads and
  // sets up llvmpipe); `meanwhile` is CPU work, so it runs on another thread.
  std::thread worker(meanwhile);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  win_ = glfwCreateWindow(config.width, config.height, config.title, nullptr, nullptr);
  times_.created = Clock::now();
  worker.join();
  times_.meanwhileDone = Clock::now();
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
  glfwSwapInterval(config.vsync ? 1 : 0);
  ImGui_ImplGlfw_InitForOpenGL(win_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  return true;
}

void GlfwWindow::close() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  glfwDestroyWindow(win_);
  glfwTerminate();
}

void GlfwWindow::newFrame() {
  ImGui_ImplOpenGL3_NewFrame();  // the first time: compiles ImGui's shaders, uploads the font atlas
  if (times_.rendererReady == WindowTimes::Clock::time_point{})
    times_.rendererReady = WindowTimes::Clock::now();
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
}

void GlfwWindow::render(float r, float g, float b) {
  const Size fb = framebufferSize();
  glViewport(0, 0, fb.w, fb.h);
  glClearColor(r, g, b, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool GlfwWindow::setFullscreen(bool on) {
  GLFWmonitor* mon = glfwGetPrimaryMonitor();
  if (on && !fullscreen_ && mon) {
    glfwGetWindowPos(win_, &winX_, &winY_);
    glfwGetWindowSize(win_, &winW_, &winH_);
    const GLFWvidmode* mode = glfwGetVideoMode(mon);
    glfwSetWindowMonitor(win_, mon, 0, 0, mode->width, mode->height, mode->refreshRate);
    fullscreen_ = true;
  } else if (!on && fullscreen_) {
    glfwSetWindowMonitor(win_, nullptr, winX_, winY_, winW_, winH_, 0);
    fullscreen_ = false;
  }
  return fullscreen_;
}

}  // namespace

std::unique_ptr<Window> createWindow() { return std::make_unique<GlfwWindow>(); }

}  // namespace tricolor::app::platform
