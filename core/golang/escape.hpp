// Escape analysis for tricolor's Go subset, as Go 1.19's
// cmd/compile/internal/escape does it (see escape_batch.cpp for the essay).
//
// The result says, for every allocation site (an Expr: &T{}, new(T),
// make([]T, n), a slice literal, a func literal, a conversion to interface{}
// that boxes its value, a string concatenation) and for every variable (an
// Object), whether it lives on the heap, and why; and for every function its
// parameters' leak tags. `messages` are the lines `go build -gcflags=-m`
// prints (inlining aside), in Go's order; with level 2 they include the
// explanations of -m=2.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/golang/ast.hpp"
#include "core/golang/types.hpp"

namespace tricolor::golang {

// A parameter's leak tag (escape/leaks.go): for the heap and each of the
// first 7 results, the least number of dereferences through which the
// parameter's value reaches it, or -1 when it does not.
struct Leaks {
  static constexpr int kResults = 7;
  std::array<int, 1 + kResults> d{-1, -1, -1, -1, -1, -1, -1, -1};
  int heap() const { return d[0]; }
  int result(int i) const { return d[1 + i]; }
  void addHeap(int derefs) { add(0, derefs); }
  void addResult(int i, int derefs) { add(1 + i, derefs); }
  bool empty() const {
    for (int v : d)
      if (v >= 0) return false;
    return true;
  }
  // Drops result leaks that the heap leak already covers (Leaks.Optimize).
  void optimize() {
    if (heap() < 0) return;
    for (int i = 0; i < kResults; ++i)
      if (result(i) >= heap()) d[1 + i] = -1;
  }
  void add(int i, int derefs) {
    if (derefs > 254) derefs = 254;
    if (d[i] < 0 || derefs < d[i]) d[i] = derefs;
  }
};

// One decision: heap or not, where, and the first step of the reason.
struct EscapeDecision {
  bool heap = false;
  Pos pos;
  std::string what;    // "&Node{...}", "make([]int, n)", "n" (a variable)
  std::string reason;  // "returned from newPoint", "stored in a global", "non-constant size", ...
};

struct EscapeResult {
  std::vector<std::string> messages;                  // Go's -m (or -m=2) lines, Go's order
  std::map<const Expr*, EscapeDecision> allocations;  // allocation sites
  std::map<const Object*, EscapeDecision> variables;  // locals and parameters moved to the heap (or not)
  std::map<const FuncInfo*, std::vector<Leaks>> paramTags;  // receiver first, then parameters
};

// Analyses a type-checked file. level 1 = -m, 2 = -m=2. Messages are
// prefixed with file.displayName (e.g. "./prog.go:12:2: moved to heap: n").
EscapeResult analyzeEscapes(const File& file, int level);

}  // namespace tricolor::golang
