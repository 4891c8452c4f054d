#include "core/io/catalogue.hpp"

#include <algorithm>
#include <climits>
#include <filesystem>

#include "core/io/scenario_loader.hpp"

namespace tricolor {

namespace {

constexpr const char* kSchemaFile = "scenario.schema.json";

// Unordered and broken entries sort after the course.
int sortKey(const CatalogueEntry& e) { return e.ok() && e.order > 0 ? e.order : INT_MAX; }

}  // namespace

std::vector<CatalogueEntry> loadCatalogue(const std::string& scenariosDir) {
  namespace fs = std::filesystem;
  std::vector<CatalogueEntry> out;
  std::error_code ec;
  for (fs::directory_iterator it(scenariosDir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() != ".json" || p.filename() == kSchemaFile) continue;
    std::error_code fileEc;
    if (!it->is_regular_file(fileEc)) continue;
    CatalogueEntry e;
    e.file = p.filename().string();
    e.path = p.string();
    LoadResult r = loadScenarioFile(e.path);
    if (r.ok()) {
      e.title = r.program->title;
      e.summary = r.info.summary;
      e.difficulty = r.info.difficulty;
      e.order = r.info.order;
    } else {
      e.title = p.stem().string();
      e.error = r.errors.empty() ? "cannot be loaded" : r.errors.front().format();
      if (r.errors.size() > 1) e.error += " (and " + std::to_string(r.errors.size() - 1) + " more)";
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const CatalogueEntry& a, const CatalogueEntry& b) {
    int ka = sortKey(a), kb = sortKey(b);
    return ka != kb ? ka < kb : a.file < b.file;
  });
  return out;
}

}  // namespace tricolor
