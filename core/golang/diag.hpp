// Errors of the Go front end: a position and a message, printed as Go's
// compiler prints them ("./prog.go:12:5: maps are not in tricolor's Go subset yet").
#pragma once

#include <stdexcept>
#include <string>

#include "core/golang/ast.hpp"

namespace tricolor::golang {

struct Diag {
  Pos pos;
  std::string msg;
};

// Thrown by the parser and the checker at the first error they cannot go past.
struct DiagError : std::runtime_error {
  Diag diag;
  explicit DiagError(Diag d) : std::runtime_error(d.msg), diag(std::move(d)) {}
};

[[noreturn]] inline void fail(Pos p, std::string msg) { throw DiagError(Diag{p, std::move(msg)}); }

// "X are not in tricolor's Go subset yet", at p.
[[noreturn]] inline void refuse(Pos p, const std::string& what) {
  fail(p, what + " not in tricolor's Go subset yet");
}

}  // namespace tricolor::golang
