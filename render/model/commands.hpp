// Commands: what the views ask for. Views never change the session; they
// push commands, and the app's controller applies them between frames. This
// keeps one place (app/controller.cpp) that moves the run, loads files and
// writes files, whichever panel or key (app/key_map.cpp) asked.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/ids.hpp"
#include "render/layout/geometry.hpp"

namespace tricolor::render {

struct Command {
  enum class Kind : std::uint8_t {
    Step,  // one unit of work
    StepBack,
    NextStatement,  // until a goroutine of the program completes an operation
    NextPhase,      // until the collector changes phase
    EndOfCycle,     // until the collector is off again after a cycle
    RunToBreakpoint,
    ToStart,
    ToEnd,
    Seek,  // n = step
    TogglePlay,
    Pause,       // also cancels a long run
    SetSpeed,    // f = steps per second
    Select,      // obj (kNil clears)
    DragObject,  // obj, pos (graph units)
    Open,        // text = path
    OpenBrowser,
    Reload,
    Restart,  // list = config overrides ("GOGC=50")
    ExportDialog,
    Export,        // text = path, n = ExportKind (render/views/views.hpp); options in UiState::exporter
    CancelExport,  // stop a PNG sequence or GIF being written (nothing is left at its path)
    SetScale,      // f
    TogglePresentation,
    ToggleFullscreen,
    ShowHelp,
    DismissErrors,
    ResetPanels,
    // What only looks (no run, file or setting changes): applied at once,
    // also while an animation is being written.
    CloseBrowser,
    CloseExportDialog,
    CloseHelp,
    SubmitExport,  // Enter in the export dialog: save as if clicked
    FitGraph,      // fit the heap graph to its panel
    CycleDetail,   // the graph's level of detail: Auto -> Full detail -> Aggregated
  };
  // Command{kind}, Command{kind, n}, Command{kind, 0, obj}, Command{kind, 0, kNil, f}
  Command(Kind k, std::uint64_t n_ = 0, ObjectId obj_ = kNil, float f_ = 0)
      : kind(k), n(n_), obj(obj_), f(f_) {}

  Kind kind;
  std::uint64_t n = 0;
  ObjectId obj = kNil;
  float f = 0;
  Vec2 pos;
  std::string text;
  std::vector<std::string> list;
};

using Commands = std::vector<Command>;

}  // namespace tricolor::render
