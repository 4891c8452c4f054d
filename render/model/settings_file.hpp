// The window's remembered settings, in an imgui.ini-like text file under
// $XDG_CONFIG_HOME/tricolor (or ~/.config/tricolor): UI scale, presentation
// mode, window size, where the splitters are, playing speed, the heap graph's
// level of detail, recent files.
// Written atomically; a damaged or unknown line is ignored, never fatal.
#pragma once

#include <string>
#include <vector>

#include "render/layout/heap_lod.hpp"
#include "render/layout/panel_layout.hpp"

namespace tricolor::render {

struct AppSettings {
  float scale = 1.0f;
  bool presentation = false;
  int width = 1280, height = 800;
  PanelSplits splits;
  float speed = 4.0f;
  GraphDetail detail = GraphDetail::Auto;  // the heap graph's level of detail
  std::vector<std::string> recent;         // most recent first
  bool operator==(const AppSettings&) const = default;
};

std::string settingsDir();   // "" when neither XDG_CONFIG_HOME nor HOME is set
std::string settingsPath();  // settingsDir() + "/tricolor.ini"
AppSettings parseSettings(const std::string& text);
std::string settingsText(const AppSettings& s);
AppSettings loadSettings(const std::string& path);
// Creates the folder if needed. Returns "" or an error message.
std::string saveSettings(const std::string& path, const AppSettings& s);
// Puts `path` first in the recent list (no duplicates, at most 10).
void addRecent(AppSettings& s, const std::string& path);

}  // namespace tricolor::render
