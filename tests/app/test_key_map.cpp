// The key map (app/key_map.cpp): the command each key of docs/gui.md's table
// asks for, what Escape undoes first, and when a key is ignored (held down,
// typing in a text field). No window: keys come in as the platform hands them.
#include <doctest/doctest.h>

#include "app/key_map.hpp"

using namespace tricolor;
using namespace tricolor::app;
using CmdKind = render::Command::Kind;

namespace {

KeyPress keyPress(Key k, bool ctrl = false, bool shift = false, bool repeat = false) {
  KeyPress p;
  p.key = k;
  p.ctrl = ctrl;
  p.shift = shift;
  p.repeat = repeat;
  return p;
}

// The kind of command the press asks for; REQUIREs that there is one.
CmdKind keyKind(const KeyPress& p, const KeyContext& c = {}) {
  std::optional<render::Command> cmd = mapKey(p, c);
  REQUIRE(cmd.has_value());
  return cmd->kind;
}

bool keyIgnored(const KeyPress& p, const KeyContext& c = {}) { return !mapKey(p, c).has_value(); }

}  // namespace

TEST_CASE("key map: stepping, play and the run keys of docs/gui.md") {
  CHECK(keyKind(keyPress(Key::Right)) == CmdKind::Step);
  CHECK(keyKind(keyPress(Key::Right, false, true)) == CmdKind::NextPhase);  // Shift+Right
  CHECK(keyKind(keyPress(Key::Left)) == CmdKind::StepBack);
  CHECK(keyKind(keyPress(Key::Down)) == CmdKind::NextStatement);
  CHECK(keyKind(keyPress(Key::Home)) == CmdKind::ToStart);
  CHECK(keyKind(keyPress(Key::End)) == CmdKind::ToEnd);
  CHECK(keyKind(keyPress(Key::Space)) == CmdKind::TogglePlay);
  CHECK(keyKind(keyPress(Key::B)) == CmdKind::RunToBreakpoint);
  CHECK(keyKind(keyPress(Key::F)) == CmdKind::FitGraph);
  CHECK(keyKind(keyPress(Key::D)) == CmdKind::CycleDetail);
  CHECK(keyKind(keyPress(Key::P)) == CmdKind::TogglePresentation);
  CHECK(keyKind(keyPress(Key::F1)) == CmdKind::ShowHelp);
  CHECK(keyKind(keyPress(Key::F11)) == CmdKind::ToggleFullscreen);
}

TEST_CASE("key map: Ctrl shortcuts open, reload, export and scale the UI by a quarter") {
  CHECK(keyKind(keyPress(Key::O, true)) == CmdKind::OpenBrowser);
  CHECK(keyKind(keyPress(Key::R, true)) == CmdKind::Reload);
  CHECK(keyKind(keyPress(Key::E, true)) == CmdKind::ExportDialog);
  KeyContext c;
  c.scale = 1.5f;
  for (Key k : {Key::Equal, Key::KeypadAdd}) {
    std::optional<render::Command> up = mapKey(keyPress(k, true), c);
    REQUIRE(up.has_value());
    CHECK(up->kind == CmdKind::SetScale);
    CHECK(up->f == doctest::Approx(1.75));
  }
  for (Key k : {Key::Minus, Key::KeypadSubtract}) {
    std::optional<render::Command> down = mapKey(keyPress(k, true), c);
    REQUIRE(down.has_value());
    CHECK(down->f == doctest::Approx(1.25));
  }
  // Without Ctrl these letters are not shortcuts; with Ctrl the stepping keys do nothing.
  CHECK(keyIgnored(keyPress(Key::O)));
  CHECK(keyIgnored(keyPress(Key::Equal)));
  CHECK(keyIgnored(keyPress(Key::Right, true)));
}

TEST_CASE("key map: only the step keys repeat when held down") {
  CHECK(keyKind(keyPress(Key::Right, false, false, true)) == CmdKind::Step);
  CHECK(keyKind(keyPress(Key::Left, false, false, true)) == CmdKind::StepBack);
  CHECK(keyKind(keyPress(Key::Down, false, false, true)) == CmdKind::NextStatement);
  CHECK(keyIgnored(keyPress(Key::Space, false, false, true)));  // holding Space must not flicker play
  CHECK(keyIgnored(keyPress(Key::End, false, false, true)));
  CHECK(keyIgnored(keyPress(Key::Escape, false, false, true)));
}

TEST_CASE("key map: typing in a text field keeps the plain keys, not Ctrl, F1, F11 or Escape") {
  KeyContext typing;
  typing.textInput = true;
  CHECK(keyIgnored(keyPress(Key::Space), typing));
  CHECK(keyIgnored(keyPress(Key::Right), typing));
  CHECK(keyIgnored(keyPress(Key::P), typing));
  CHECK(keyKind(keyPress(Key::R, true), typing) == CmdKind::Reload);
  CHECK(keyKind(keyPress(Key::F1), typing) == CmdKind::ShowHelp);
  CHECK(keyKind(keyPress(Key::F11), typing) == CmdKind::ToggleFullscreen);
  typing.errorsShown = true;
  CHECK(keyKind(keyPress(Key::Escape), typing) == CmdKind::DismissErrors);
}

TEST_CASE("key map: Escape undoes the innermost thing going on, one at a time") {
  KeyContext c;
  CHECK(keyIgnored(keyPress(Key::Escape), c));  // nothing to undo
  c.errorsShown = true;
  CHECK(keyKind(keyPress(Key::Escape), c) == CmdKind::DismissErrors);
  c.helpOpen = true;
  CHECK(keyKind(keyPress(Key::Escape), c) == CmdKind::CloseHelp);
  c.exportDialogOpen = true;
  CHECK(keyKind(keyPress(Key::Escape), c) == CmdKind::CloseExportDialog);
  c.browserOpen = true;
  CHECK(keyKind(keyPress(Key::Escape), c) == CmdKind::CloseBrowser);
  c.running = true;
  CHECK(keyKind(keyPress(Key::Escape), c) == CmdKind::Pause);
  c.exporting = true;
  CHECK(keyKind(keyPress(Key::Escape), c) == CmdKind::CancelExport);
}

TEST_CASE("key map: Enter saves in the export dialog and does nothing elsewhere") {
  KeyContext c;
  CHECK(keyIgnored(keyPress(Key::Enter), c));
  CHECK(keyIgnored(keyPress(Key::KeypadEnter), c));
  c.exportDialogOpen = true;
  CHECK(keyKind(keyPress(Key::Enter), c) == CmdKind::SubmitExport);
  CHECK(keyKind(keyPress(Key::KeypadEnter), c) == CmdKind::SubmitExport);
  c.textInput = true;  // the path field has the keyboard: Enter belongs to it
  CHECK(keyIgnored(keyPress(Key::Enter), c));
}
