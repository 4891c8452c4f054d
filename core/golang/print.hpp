// Printing expressions and statements the way cmd/compile's node printer
// (ir/fmt.go) does, for escape analysis messages: implicit nodes are not
// shown, `&Node{...}` for a literal with elements and `&Node{}` for an empty
// one, `func literal`, `make([]byte, 64 * 1024 + 1)` (binary operators with
// spaces), calls as `f(a, b)`. sourceString is the same printer used for
// error messages.
#pragma once

#include <string>

#include "core/golang/ast.hpp"

namespace tricolor::golang {

std::string exprString(const Expr* e);
std::string sourceString(const Expr* e);
std::string stmtString(const Stmt* s);

}  // namespace tricolor::golang
