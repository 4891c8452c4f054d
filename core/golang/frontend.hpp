// tricolor's Go front end: source text -> checked syntax tree -> escape
// decisions. The one entry point the rest of tricolor (the command line, and
// later the compiler to the simulation's program model) calls.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "core/golang/ast.hpp"
#include "core/golang/diag.hpp"
#include "core/golang/escape.hpp"
#include "core/golang/types.hpp"

namespace tricolor::golang {

// How Go prints a file name given on the command line: "./prog.go" for a
// relative name, the name itself for an absolute one or one already starting with "./" or "../".
std::string displayName(const std::string& path);

// Parses and type-checks. Returns the file, or null with `errors` filled
// (the first error; positions as Go prints them).
std::unique_ptr<File> compileGo(const std::string& path, std::string source, std::vector<Diag>& errors);

// "./prog.go:12:5: maps are not in tricolor's Go subset yet"
std::string formatDiag(const std::string& path, const Diag& d);

// tricolor --escape[=2] FILE: prints the decisions as `go build -gcflags=-m`
// (level 2: -m=2) of Go 1.19 does without inlining, or the error. Returns
// the exit status: 0, 1 (file unreadable), 2 (not in the subset / ill-formed).
int runEscape(const std::string& path, int level, std::ostream& out, std::ostream& err);

}  // namespace tricolor::golang
