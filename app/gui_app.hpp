// The window: GLFW + OpenGL 3.3 (glad) + Dear ImGui. Only main.cpp calls
// this, and only when there is a display; the headless path never
// initialises GLFW.
#pragma once

#include "app/cli.hpp"

namespace tricolor::app {

// Opens the window and runs until it is closed, or - with --screenshot,
// --dump-layout or --bench-frames - renders, writes what was asked and
// returns. Exit status as runHeadless: 0 ok, 1 an output could not be
// written (or the window could not open), 2 the file given has errors.
int runGui(const Options& opt);

}  // namespace tricolor::app
