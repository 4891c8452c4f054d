// The scenario catalogue: every scenario in a folder, as a course to go
// through in order. It is what a scenario picker shows (title, one-line
// summary, difficulty) and what `tricolor --list` prints.
//
// Each scenario file names its own place in the course with "order" (and
// "difficulty", 1 to 5); the catalogue only reads the folder and sorts.
// A file that does not load is still listed, with its first error, so a
// teacher who broke a file sees where instead of a silently shorter list.
#pragma once

#include <string>
#include <vector>

namespace tricolor {

struct CatalogueEntry {
  std::string file;     // file name inside the folder, e.g. "lost-object.json"
  std::string path;     // the folder joined with the file name, ready to open
  std::string title;    // the scenario's title (invalid file: the file name without .json)
  std::string summary;  // one line
  int difficulty = 0;   // 1 (first lesson) to 5; 0 = not given
  int order = 0;        // position in the course; 0 = not given
  std::string error;    // "" if the file loads; else its first error, "file:line:col: ..."
  bool ok() const { return error.empty(); }
};

// Every *.json file of the folder except the JSON Schema (scenario.schema.json),
// sorted by order, then by file name; files without an order (0) and files
// that do not load come last. A missing or unreadable folder gives an empty list.
std::vector<CatalogueEntry> loadCatalogue(const std::string& scenariosDir);

}  // namespace tricolor
