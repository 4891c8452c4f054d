// The key map: which command a key press asks for (docs/gui.md, "Keys").
// Pure: no window, no ImGui. The platform layer turns its own key codes into
// a KeyPress (app/platform/window.hpp) and the controller applies what comes
// out (app/controller.hpp), so the keys are unit-tested without a display.
#pragma once

#include <cstdint>
#include <optional>

#include "render/model/commands.hpp"

namespace tricolor::app {

// The keys tricolor answers to; a platform drops every other key.
enum class Key : std::uint8_t {
  Escape,
  F1,
  F11,
  Space,
  Right,
  Left,
  Down,
  Home,
  End,
  Enter,
  KeypadEnter,
  B,
  D,
  E,
  F,
  O,
  P,
  R,
  Equal,
  Minus,
  KeypadAdd,
  KeypadSubtract,
};

struct KeyPress {
  Key key = Key::Escape;
  bool ctrl = false, shift = false;
  bool repeat = false;  // the key is held down (the system's auto-repeat)
};

// What the map needs to know of the window at the moment of the press.
struct KeyContext {
  bool exporting = false;  // a PNG sequence or GIF is being written
  bool running = false;    // playing, or a long run (to the end, a phase...)
  bool browserOpen = false, exportDialogOpen = false, helpOpen = false;
  bool errorsShown = false;
  bool textInput = false;  // a text field has the keyboard
  float scale = 1;         // the UI scale, which Ctrl+= and Ctrl+- step
};

// The command one press asks for, if any. Escape undoes the innermost thing
// going on (an export, a run, a dialog, the error panel); F1, F11 and Ctrl
// shortcuts work whatever has the keyboard; the plain keys not while a text
// field has it; only the step keys (Right, Left, Down) repeat when held.
std::optional<render::Command> mapKey(const KeyPress& press, const KeyContext& context);

}  // namespace tricolor::app
