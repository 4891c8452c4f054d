#include "app/key_map.hpp"

namespace tricolor::app {

std::optional<render::Command> mapKey(const KeyPress& p, const KeyContext& c) {
  using K = render::Command::Kind;
  const bool stepKey = p.key == Key::Right || p.key == Key::Left || p.key == Key::Down;
  if (p.repeat && !stepKey) return std::nullopt;  // holding an arrow keeps stepping; other keys act once
  switch (p.key) {                                // global keys work whatever has focus
    case Key::Escape:
      if (c.exporting) return render::Command{K::CancelExport};
      if (c.running) return render::Command{K::Pause};
      if (c.browserOpen) return render::Command{K::CloseBrowser};
      if (c.exportDialogOpen) return render::Command{K::CloseExportDialog};
      if (c.helpOpen) return render::Command{K::CloseHelp};
      if (c.errorsShown) return render::Command{K::DismissErrors};
      return std::nullopt;
    case Key::F11: return render::Command{K::ToggleFullscreen};
    case Key::F1: return render::Command{K::ShowHelp};
    default: break;
  }
  if (p.ctrl) {
    switch (p.key) {
      case Key::O: return render::Command{K::OpenBrowser};
      case Key::R: return render::Command{K::Reload};
      case Key::E: return render::Command{K::ExportDialog};
      case Key::Equal:
      case Key::KeypadAdd: return render::Command{K::SetScale, 0, kNil, c.scale + 0.25f};
      case Key::Minus:
      case Key::KeypadSubtract: return render::Command{K::SetScale, 0, kNil, c.scale - 0.25f};
      default: return std::nullopt;
    }
  }
  if (c.textInput) return std::nullopt;  // typing in a text field
  // Enter saves in the export dialog.
  if ((p.key == Key::Enter || p.key == Key::KeypadEnter) && c.exportDialogOpen)
    return render::Command{K::SubmitExport};
  switch (p.key) {
    case Key::Space: return render::Command{K::TogglePlay};
    case Key::Right: return render::Command{p.shift ? K::NextPhase : K::Step};
    case Key::Left: return render::Command{K::StepBack};
    case Key::Down: return render::Command{K::NextStatement};
    case Key::Home: return render::Command{K::ToStart};
    case Key::End: return render::Command{K::ToEnd};
    case Key::B: return render::Command{K::RunToBreakpoint};
    case Key::F: return render::Command{K::FitGraph};
    case Key::D: return render::Command{K::CycleDetail};
    case Key::P: return render::Command{K::TogglePresentation};
    default: return std::nullopt;
  }
}

}  // namespace tricolor::app
