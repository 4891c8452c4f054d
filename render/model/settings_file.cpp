#include "render/model/settings_file.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io/snapshot.hpp"

namespace tricolor::render {

namespace fs = std::filesystem;

std::string settingsDir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/tricolor";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.config/tricolor";
  return "";
}

std::string settingsPath() {
  std::string d = settingsDir();
  return d.empty() ? "" : d + "/tricolor.ini";
}

namespace {

bool toFloat(const std::string& v, float& out, float lo, float hi) {
  char* end = nullptr;
  float f = std::strtof(v.c_str(), &end);
  if (!end || *end || !(f >= lo && f <= hi)) return false;
  out = f;
  return true;
}

}  // namespace

AppSettings parseSettings(const std::string& text) {
  AppSettings s;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '[' || line[0] == ';' || line[0] == '#') continue;
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    float f = 0;
    if (k == "scale" && toFloat(v, f, 1, 3))
      s.scale = f;
    else if (k == "presentation")
      s.presentation = v == "1";
    else if (k == "speed" && toFloat(v, f, 0.1f, 100000))
      s.speed = f;
    else if (k == "detail")
      parseGraphDetail(v, s.detail);  // an unknown value keeps the default
    else if (k == "window") {
      int w = 0, h = 0;
      if (std::sscanf(v.c_str(), "%dx%d", &w, &h) == 2 && w >= 320 && h >= 240 && w <= 16384 && h <= 16384) {
        s.width = w;
        s.height = h;
      }
    } else if (k == "splits") {
      PanelSplits p;
      float* fields[] = {&p.left,        &p.right,       &p.leftSplit,  &p.centerSplit,
                         &p.bottomSplit, &p.rightSplit1, &p.rightSplit2};
      std::istringstream vs(v);
      std::string item;
      int i = 0;
      bool ok = true;
      while (std::getline(vs, item, ',') && i < 7) ok &= toFloat(item, *fields[i++], 0.02f, 0.98f);
      if (ok && i == 7 && p.left + p.right < 0.9f && p.rightSplit1 < p.rightSplit2) s.splits = p;
    } else if (k == "recent" && !v.empty() && s.recent.size() < 10) {
      s.recent.push_back(v);
    }
  }
  return s;
}

std::string settingsText(const AppSettings& s) {
  std::ostringstream o;
  o << "; tricolor window settings (rewritten on exit)\n[tricolor]\n";
  o << "scale=" << s.scale << "\npresentation=" << (s.presentation ? 1 : 0) << "\n";
  o << "window=" << s.width << "x" << s.height << "\nspeed=" << s.speed << "\n";
  o << "detail=" << graphDetailName(s.detail) << "\n";
  const PanelSplits& p = s.splits;
  o << "splits=" << p.left << "," << p.right << "," << p.leftSplit << "," << p.centerSplit << ","
    << p.bottomSplit << "," << p.rightSplit1 << "," << p.rightSplit2 << "\n";
  for (const std::string& r : s.recent) o << "recent=" << r << "\n";
  return o.str();
}

AppSettings loadSettings(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  return parseSettings(ss.str());
}

std::string saveSettings(const std::string& path, const AppSettings& s) {
  if (path.empty()) return "no folder for settings (HOME is not set)";
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return "cannot create " + fs::path(path).parent_path().string();
  return writeFileAtomic(path, settingsText(s));
}

void addRecent(AppSettings& s, const std::string& path) {
  std::error_code ec;
  std::string abs = fs::absolute(path, ec).lexically_normal().string();
  if (ec) abs = path;
  std::erase(s.recent, abs);
  s.recent.insert(s.recent.begin(), abs);
  if (s.recent.size() > 10) s.recent.resize(10);
}

}  // namespace tricolor::render
