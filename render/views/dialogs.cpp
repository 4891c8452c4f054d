// The windows that come and go: load errors, the file browser, the export
// dialog and the help, plus the splitters between the panels.
#include <imgui.h>
#include <imgui_internal.h>  // BringWindowToDisplayBack
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "render/views/views.hpp"

namespace tricolor::render {

namespace fs = std::filesystem;

namespace {

void centerNext(float fw, float fh) {
  ImVec2 d = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos({d.x * 0.5f, d.y * 0.5f}, ImGuiCond_Always, {0.5f, 0.5f});
  ImGui::SetNextWindowSize({d.x * fw, d.y * fh}, ImGuiCond_Always);
}

}  // namespace

// {===== errors

void drawErrors(ViewContext& v) {
  UiState& ui = v.ui;
  if (ui.errors.empty()) return;
  centerNext(0.7f, 0.6f);
  ImGui::PushStyleColor(ImGuiCol_TitleBgActive, ImVec4(0.62f, 0.22f, 0.0f, 1));
  ImGui::PushStyleColor(ImGuiCol_TitleBg, ImVec4(0.62f, 0.22f, 0.0f, 1));
  std::string title = "Cannot open " + fs::path(ui.errorFile).filename().string() + "###errors";
  ImGui::Begin(title.c_str(), nullptr,
               ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoResize);
  ImGui::PopStyleColor(2);
  ImGui::TextWrapped("%s has %zu problem%s:", ui.errorFile.c_str(), ui.errors.size(),
                     ui.errors.size() == 1 ? "" : "s");
  if (v.session.loaded())
    ImGui::TextColored(ImVec4(0.5f, 0.8f, 1, 1), "The previous scenario (%s) stays loaded.",
                       v.session.path().c_str());
  ImGui::Separator();
  ImGui::BeginChild("list", {0, -ImGui::GetFrameHeightWithSpacing() - 4}, false,
                    ImGuiWindowFlags_HorizontalScrollbar);
  for (const LoadError& e : ui.errors) {
    ImGui::PushFont(v.theme.bold);
    if (e.line)
      ImGui::Text("line %d:%d", e.line, e.column);
    else
      ImGui::TextUnformatted("(whole file)");
    ImGui::PopFont();
    if (!e.path.empty()) {
      ImGui::SameLine();
      ImGui::PushFont(v.theme.mono);
      ImGui::TextDisabled("%s", e.path.c_str());
      ImGui::PopFont();
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(e.message.c_str());
    ImGui::PopTextWrapPos();
    // The line itself with a caret under the column, like a compiler.
    if (e.line > 0 && std::size_t(e.line) <= ui.errorFileLines.size()) {
      std::string text = ui.errorFileLines[std::size_t(e.line - 1)];
      std::string caret;
      for (int i = 0; i + 1 < e.column && std::size_t(i) < text.size(); ++i)
        caret += text[std::size_t(i)] == '\t' ? '\t' : ' ';
      for (char& c : text)
        if (c == '\t') c = ' ';
      for (char& c : caret)
        if (c == '\t') c = ' ';
      ImGui::PushFont(v.theme.mono);
      ImGui::TextColored(ImVec4(0.75f, 0.8f, 0.9f, 1), "%5d | %s", e.line, text.c_str());
      ImGui::TextColored(ImVec4(0.9f, 0.37f, 0, 1), "      | %s^", caret.c_str());
      ImGui::PopFont();
    }
    ImGui::Spacing();
  }
  ImGui::EndChild();
  if (ImGui::Button("Dismiss (Esc)")) v.push(Command::Kind::DismissErrors);
  ImGui::SameLine();
  if (ImGui::Button("Open another file...")) v.push(Command::Kind::OpenBrowser);
  ImGui::SameLine();
  if (ImGui::Button("Try again")) {
    // The open file: reload it (keeping the step); another file: open it.
    if (v.session.loaded() && ui.errorFile == v.session.path()) {
      v.push(Command::Kind::Reload);
    } else {
      Command c{Command::Kind::Open};
      c.text = ui.errorFile;
      v.out.push_back(c);
    }
  }
  ImGui::End();
}

// }===== {===== file browser

void drawFileBrowser(ViewContext& v, const std::string& scenariosDir) {
  FileBrowserState& b = v.ui.browser;
  if (!b.open) return;
  centerNext(0.72f, 0.72f);
  if (!ImGui::Begin("Open a scenario or snapshot", &b.open,
                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  if (b.dir.empty()) b.dir = scenariosDir;
  auto open = [&](const std::string& path) {
    Command c{Command::Kind::Open};
    c.text = path;
    v.out.push_back(c);
    b.open = false;
  };
  // Places on the left.
  ImGui::BeginChild(
      "places", {ImGui::GetContentRegionAvail().x * 0.3f, -ImGui::GetFrameHeightWithSpacing() * 1.2f}, true);
  auto place = [&](const char* name, const std::string& dir) {
    if (ImGui::Selectable(name, b.dir == dir)) b.dir = dir;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", dir.c_str());
  };
  place("Bundled scenarios", scenariosDir);
  if (const char* home = std::getenv("HOME")) place("Home", home);
  std::error_code ec;
  place("Current folder", fs::current_path(ec).string());
  if (!b.recent.empty()) {
    ImGui::Separator();
    ImGui::TextDisabled("Recent files");
    for (const std::string& r : b.recent) {
      if (ImGui::Selectable(fs::path(r).filename().string().c_str())) open(r);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.c_str());
    }
  }
  ImGui::EndChild();
  ImGui::SameLine();

  // The folder's entries: folders, then .json files with their titles.
  if (b.listedDir != b.dir) {
    b.entries.clear();
    for (const auto& e : fs::directory_iterator(b.dir, fs::directory_options::skip_permission_denied, ec)) {
      std::string name = e.path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      bool dir = e.is_directory(ec);
      if (!dir && e.path().extension() != ".json") continue;
      if (name == "scenario.schema.json") continue;
      FileBrowserState::Entry en{name, e.path().string(), "", "", dir};
      if (!dir && e.file_size(ec) < (1u << 20)) {
        // Titles make the list readable; loading a small scenario takes well under a millisecond.
        LoadResult r = loadScenarioFile(en.path);
        if (r.ok()) {
          en.title = r.program->title;
          en.summary = r.info.summary;
        } else if (Session::looksLikeSnapshot(en.path)) {
          en.title = "(snapshot)";
        } else {
          en.title = "(has errors)";
        }
      }
      b.entries.push_back(en);
    }
    std::sort(b.entries.begin(), b.entries.end(),
              [](const auto& x, const auto& y) { return x.isDir != y.isDir ? x.isDir : x.name < y.name; });
    b.listedDir = b.dir;
  }
  ImGui::BeginChild("entries", {0, -ImGui::GetFrameHeightWithSpacing() * 1.2f}, true);
  ImGui::TextDisabled("%s", b.dir.c_str());
  if (fs::path(b.dir).has_parent_path() && fs::path(b.dir) != fs::path(b.dir).root_path()) {
    if (ImGui::Selectable(".. (parent folder)")) b.dir = fs::path(b.dir).parent_path().string();
  }
  for (const auto& e : b.entries) {
    ImGui::PushID(e.path.c_str());
    if (e.isDir) {
      if (ImGui::Selectable((e.name + "/").c_str())) b.dir = e.path;
    } else {
      if (ImGui::Selectable(e.name.c_str(), b.pathInput == e.path, ImGuiSelectableFlags_AllowDoubleClick)) {
        b.pathInput = e.path;
        if (ImGui::IsMouseDoubleClicked(0)) open(e.path);
      }
      if (!e.title.empty()) {
        ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.4f);
        ImGui::TextDisabled("%s", e.title.c_str());
        if (!e.summary.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.summary.c_str());
      }
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 160 * v.theme.scale);
  bool enter = ImGui::InputTextWithHint("##path", "path to a .json file", &b.pathInput,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || enter) && !b.pathInput.empty()) open(b.pathInput);
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) b.open = false;
  ImGui::End();
}

// }===== {===== export

const char* exportKindName(ExportKind k) {
  switch (k) {
    case ExportKind::PngWindow: return "PNG of the whole window";
    case ExportKind::PngHeap: return "PNG of the heap graph only";
    case ExportKind::Svg:
      return "SVG of the heap graph with stacks and globals (vector, text as text: for slides)";
    case ExportKind::Dot: return "Graphviz DOT of the pointer graph, with colours";
    case ExportKind::PngSequence: return "PNG sequence of a range of steps (name-000001.png ...)";
    case ExportKind::Gif: return "Animated GIF of a range of steps";
    case ExportKind::CsvSteps: return "CSV: metrics of every step up to this one";
    case ExportKind::CsvCycles: return "CSV: metrics of every completed cycle";
    case ExportKind::Gctrace: return "gctrace log of the run so far (GODEBUG=gctrace=1)";
    case ExportKind::Snapshot: return "Snapshot (JSON: reload it to continue the run from this step)";
    case ExportKind::Count: break;
  }
  return "?";
}

const char* exportExtension(ExportKind k) {
  switch (k) {
    case ExportKind::PngWindow:
    case ExportKind::PngHeap: return ".png";
    case ExportKind::Svg: return ".svg";
    case ExportKind::Dot: return ".dot";
    case ExportKind::PngSequence: return "";
    case ExportKind::Gif: return ".gif";
    case ExportKind::CsvSteps: return ".steps.csv";
    case ExportKind::CsvCycles: return ".cycles.csv";
    case ExportKind::Gctrace: return ".gctrace.txt";
    case ExportKind::Snapshot: return ".json";
    case ExportKind::Count: break;
  }
  return "";
}

bool exportIsAnimation(ExportKind k) { return k == ExportKind::PngSequence || k == ExportKind::Gif; }

namespace {

// Replaces the export extension (also the two-part ones) of `path` with the one of `k`.
std::string withExtension(const std::string& path, ExportKind k) {
  std::string p = path;
  for (int i = 0; i < int(ExportKind::Count); ++i) {
    std::string ext = exportExtension(ExportKind(i));
    if (!ext.empty() && p.size() > ext.size() && p.compare(p.size() - ext.size(), ext.size(), ext) == 0) {
      p.resize(p.size() - ext.size());
      break;
    }
  }
  return p + exportExtension(k);
}

}  // namespace

void drawExportDialog(ViewContext& v) {
  ExportState& e = v.ui.exporter;
  if (!e.open) return;
  centerNext(0.62f, 0.72f);
  bool open = true;
  if (!ImGui::Begin("Export", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  if (!open) {
    if (e.running) v.push(Command::Kind::CancelExport);
    e.open = false;
  }
  const Session& s = v.session;
  ImGui::BeginDisabled(e.running);
  ImGui::TextDisabled("Step %llu of %s", (unsigned long long)s.position(),
                      s.loaded() ? s.program().title.c_str() : "");
  const int before = e.what;
  for (int i = 0; i < int(ExportKind::Count); ++i)
    ImGui::RadioButton(exportKindName(ExportKind(i)), &e.what, i);
  const ExportKind kind = ExportKind(e.what);
  if (before != e.what) e.path = withExtension(e.path, kind);

  if (exportIsAnimation(kind)) {
    ImGui::Separator();
    if (!e.rangeSet) {
      e.from = s.position();
      e.to = s.position() + 100;
      if (s.endStep()) e.to = std::min(e.to, s.endStep());
      e.rangeSet = true;
    }
    const float w = 120 * v.theme.scale;
    ImGui::SetNextItemWidth(w);
    ImGui::InputScalar("from step", ImGuiDataType_U64, &e.from);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::InputScalar("to step", ImGuiDataType_U64, &e.to);
    if (e.to < e.from) e.to = e.from;
    ImGui::RadioButton("every", &e.each, 0);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::BeginDisabled(e.each != 0);
    const std::uint64_t one = 1;
    ImGui::InputScalar("steps", ImGuiDataType_U64, &e.every, &one);
    if (e.every < 1) e.every = 1;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::RadioButton("each statement", &e.each, 1);
    ImGui::SameLine();
    ImGui::RadioButton("each phase change", &e.each, 2);
    if (kind == ExportKind::Gif) {
      ImGui::SetNextItemWidth(w);
      ImGui::SliderInt("ms per frame", &e.delayMs, 20, 2000);
    }
    ImGui::Checkbox("heap graph only (else the whole window)", &e.heapOnly);
  } else if (kind == ExportKind::CsvSteps) {
    ImGui::SetNextItemWidth(120 * v.theme.scale);
    const std::uint64_t one = 1;
    ImGui::InputScalar("one row every N steps", ImGuiDataType_U64, &e.csvEvery, &one);
    if (e.csvEvery < 1) e.csvEvery = 1;
  }
  ImGui::Separator();
  ImGui::TextUnformatted(kind == ExportKind::PngSequence
                             ? "File name prefix (frames get -000001.png, -000002.png ...):"
                             : "File:");
  ImGui::SetNextItemWidth(-1);
  bool enter = ImGui::InputText("##out", &e.path, ImGuiInputTextFlags_EnterReturnsTrue);
  enter |= e.submit;
  e.submit = false;
  ImGui::TextDisabled(
      "Written to a temporary file first, then renamed: an existing file is never left half-written.");
  if ((ImGui::Button("Save") || enter) && !e.path.empty() && !e.running) {
    Command c{Command::Kind::Export, std::uint64_t(e.what)};
    c.text = e.path;
    v.out.push_back(c);
    e.result.clear();
    // A picture of the window is taken without this dialog; the other exports keep it open for their
    // result (and an animation for its progress).
    if (kind == ExportKind::PngWindow || kind == ExportKind::PngHeap) e.open = false;
  }
  ImGui::SameLine();
  if (ImGui::Button("Close")) e.open = false;
  ImGui::EndDisabled();

  if (e.running) {
    char label[64];
    std::snprintf(label, sizeof label, "%d frames", e.framesDone);
    ImGui::ProgressBar(e.progress, {-120 * v.theme.scale, 0}, label);
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) v.push(Command::Kind::CancelExport);
  } else if (!e.result.empty()) {
    ImGui::PushTextWrapPos(0);
    if (e.failed)
      ImGui::TextColored(ImVec4(0.9f, 0.37f, 0, 1), "%s", e.result.c_str());
    else
      ImGui::TextColored(ImVec4(0.0f, 0.62f, 0.45f, 1), "%s", e.result.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

// }===== {===== help

void drawHelp(ViewContext& v) {
  if (!v.ui.showHelp) return;
  centerNext(0.62f, 0.78f);
  if (!ImGui::Begin("Help: keys and terms", &v.ui.showHelp,
                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  static const char* keys[][2] = {
      {"Space", "play / pause"},
      {"Right / Left", "one step forward / back"},
      {"Down", "next statement of the program"},
      {"Shift+Right", "next phase of the collector"},
      {"B", "run to a breakpoint"},
      {"Home / End", "start / end of the run"},
      {"F", "fit the heap graph to its panel"},
      {"Ctrl+O / Ctrl+R / Ctrl+E", "open / reload / export"},
      {"P, F11", "presentation mode, fullscreen"},
      {"Ctrl+= / Ctrl+-", "UI scale up / down"},
      {"Esc", "stop a run, close a dialog"},
      {"mouse", "wheel zooms the graph, drag pans it, drag a box to move it, click to inspect"},
  };
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
    for (auto& k : keys) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushFont(v.theme.bold);
      ImGui::TextUnformatted(k[0]);
      ImGui::PopFont();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", k[1]);
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  static const char* terms[] = {"white",
                                "grey",
                                "black",
                                "grey queue",
                                "scan",
                                "root job",
                                "write barrier",
                                "wb buffer",
                                "allocate black",
                                "STW",
                                "off",
                                "sweep termination",
                                "mark",
                                "mark termination",
                                "sweep",
                                "sweepgen",
                                "span",
                                "size class",
                                "alloc bits",
                                "mark bits",
                                "mcache",
                                "noscan",
                                "assist",
                                "heap live",
                                "heap goal",
                                "trigger",
                                "GOGC",
                                "GOMEMLIMIT",
                                "GOMAXPROCS",
                                "freed",
                                "stack",
                                "dangling"};
  for (const char* t : terms) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", explain(t));
  }
  ImGui::Separator();
  ImGui::TextWrapped(
      "Simulates Go 1.19's collector (hybrid write barrier, pacer of design 44167, soft memory limit "
      "of 48409). Further reading: go.dev/doc/gc-guide; Hudson, \"Getting to Go\" (go.dev/blog/"
      "ismmkeynote); Jones, Hosking, Moss, The Garbage Collection Handbook.");
  ImGui::End();
}

// }===== {===== splitters

void drawSplitters(ViewContext& v, PanelSplits& splits, Vec2 win, float topHeight) {
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize({win.x, win.y});
  ImGui::Begin("##splitters", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoScrollWithMouse);
  // The splitters window spans the whole viewport; it must stay behind the
  // panels so only the gaps between them reach it. (ImGui 1.86 inserts new
  // NoBringToFrontOnFocus windows at the back, in creation order, which
  // would leave this one - created first - in front.)
  ImGui::BringWindowToDisplayBack(ImGui::GetCurrentWindow());
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const Splitter& sp : v.ui.panels.splitters) {
    ImGui::SetCursorScreenPos({sp.hit.x, sp.hit.y});
    ImGui::PushID(int(sp.id));
    ImGui::InvisibleButton("split", {std::max(sp.hit.w, 1.0f), std::max(sp.hit.h, 1.0f)});
    ImGui::PopID();
    bool hot = ImGui::IsItemHovered() || ImGui::IsItemActive();
    if (hot) ImGui::SetMouseCursor(sp.vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
    dl->AddRectFilled({sp.hit.x, sp.hit.y}, {sp.hit.right(), sp.hit.bottom()},
                      hot ? IM_COL32(86, 180, 233, 200) : IM_COL32(30, 34, 42, 255));
    // Not on the press itself: the pointer may have jumped there in the same frame.
    if (ImGui::IsItemActive() && !ImGui::IsItemActivated()) {
      ImVec2 d = ImGui::GetIO().MouseDelta;
      float delta = sp.vertical ? d.x : d.y;
      if (delta != 0) dragSplitter(splits, sp.id, win, topHeight, delta);
    }
  }
  ImGui::End();
}

// }=====

}  // namespace tricolor::render
