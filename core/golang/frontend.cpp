// The front end's pipeline (see frontend.hpp).
#include "core/golang/frontend.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/golang/check.hpp"
#include "core/golang/syntax.hpp"

namespace tricolor::golang {

std::string displayName(const std::string& path) {
  if (path.empty() || path[0] == '/' || path.rfind("./", 0) == 0 || path.rfind("../", 0) == 0) return path;
  return "./" + path;
}

std::unique_ptr<File> compileGo(const std::string& path, std::string source, std::vector<Diag>& errors) {
  auto f = std::make_unique<File>();
  f->path = path;
  f->displayName = displayName(path);
  f->source = std::move(source);
  if (f->source.find('\0') != std::string::npos) {
    errors.push_back(Diag{Pos{1, 1}, "invalid NUL character"});
    return nullptr;
  }
  if (!parseFile(*f, errors)) return nullptr;
  if (!checkFile(*f, errors)) return nullptr;
  return f;
}

std::string formatDiag(const std::string& path, const Diag& d) {
  return displayName(path) + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " +
         d.msg;
}

int runEscape(const std::string& path, int level, std::ostream& out, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "tricolor: cannot read " << path << "\n";
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<Diag> errors;
  std::unique_ptr<File> f = compileGo(path, ss.str(), errors);
  if (!f) {
    for (const Diag& d : errors) err << formatDiag(path, d) << "\n";
    return 2;
  }
  EscapeResult r = analyzeEscapes(*f, level);
  for (const std::string& m : r.messages) out << m << "\n";
  return 0;
}

}  // namespace tricolor::golang
