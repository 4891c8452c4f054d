// The parser: Go source -> tricolor's syntax tree (syntax.cpp, with tree-sitter).
#pragma once

#include <vector>

#include "core/golang/ast.hpp"
#include "core/golang/diag.hpp"

namespace tricolor::golang {

// Parses file.source into file's declarations. On a syntax error, or a
// construct the subset refuses by its syntax, appends the error and returns false.
bool parseFile(File& file, std::vector<Diag>& errors);

}  // namespace tricolor::golang
