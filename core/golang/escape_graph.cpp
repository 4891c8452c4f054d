// The data-flow graph of escape analysis (escape/graph.go).
//
// Every variable, every allocation and some temporaries are locations; an
// assignment `dst = src` adds an edge from src to dst, weighted by how many
// times src's value is dereferenced on the way: `p = &x` is -1 (the address
// of x flows to p), `p = q` is 0, `p = *q` is 1. The heap is one more
// location ({heap}); storing into a global, through a pointer, or into a
// slice element is a flow to it.
//
// Analysing an expression means asking "where does its value go?": the
// answer is a hole, a destination location plus the derefs to apply on the
// way. Walking `&x` with hole k walks x with k.addr(); walking `*p` walks p
// with k.deref(). An allocation site gets a location of its own ("spill"):
// the value of `&T{}` is the address of that location, so it flows to k with
// derefs -1. Notes on holes record why, for -m=2's explanations.
#include "core/golang/escape_impl.hpp"
#include "core/golang/print.hpp"

namespace tricolor::golang::esc {

Batch::Batch(const File& f, int level, EscapeResult& out, std::map<const FuncInfo*, std::vector<Leaks>>& tags)
    : file_(f), level_(level), out_(out), tags_(tags) {
  heapLoc_.escapes = true;
}

std::string Batch::posString(Pos p) const {
  return file_.displayName + ":" + std::to_string(p.line) + ":" + std::to_string(p.col);
}

void Batch::print(Pos pos, const std::string& msg) { out_.messages.push_back(posString(pos) + ": " + msg); }

Location* Batch::newLoc(const Expr* n, Object* var, bool transient) {
  locs_.emplace_back();
  Location* l = &locs_.back();
  l->n = n;
  l->var = var;
  l->curfn = curfn_;
  l->loopDepth = loopDepth_;
  l->transient = transient;
  allLocs_.push_back(l);
  if (var) varLoc_[var] = l;
  return l;
}

Location* Batch::oldLoc(const Object* v) {
  auto it = varLoc_.find(v);
  if (it == varLoc_.end()) return &blankLoc_;  // cannot happen for a checked program
  return it->second;
}

Hole Batch::note(Hole k, const std::string& where, Pos pos, const char* why) {
  if (level_ >= 2) {
    notes_.push_back(Note{k.notes, where, pos, why});
    k.notes = &notes_.back();
  }
  return k;
}

Hole Batch::noteE(Hole k, const Expr* where, const char* why) {
  if (level_ < 2) return k;
  return note(k, exprString(where), where->pos, why);
}

Hole Batch::noteS(Hole k, const Stmt* where, const char* why) {
  if (level_ < 2) return k;
  return note(k, stmtString(where), where->pos, why);
}

Hole Batch::shift(Hole k, int delta) {
  k.derefs += delta;
  k.addrtaken = delta < 0;
  return k;
}

void Batch::flow(Hole k, Location* src) {
  if (k.addrtaken) src->addrtaken = true;
  Location* dst = k.dst;
  if (dst == &blankLoc_) return;
  if (dst == src && k.derefs >= 0) return;  // dst = dst, dst = *dst, ...
  if (dst->escapes && k.derefs < 0) {       // dst = &src
    if (level_ >= 2) {
      std::string pos = posString(src->pos());
      out_.messages.push_back(pos + ": " + name(src) + " escapes to heap:");
      explainFlow(pos, dst, src, k.derefs, k.notes);
    }
    src->escapes = true;
    if (!reasons_.count(src)) reasons_[src] = reasonFor(dst);
    return;
  }
  dst->edges.push_back(Edge{src, k.derefs, k.notes});
}

Hole Batch::teeHole(std::vector<Hole> ks) {
  if (ks.empty()) return discardHole();
  if (ks.size() == 1) return ks[0];
  // A temporary location that flows to each hole (their derefs are all >= 0).
  Location* loc = newLoc(nullptr, nullptr, true);
  for (const Hole& k : ks) flow(k, loc);
  return Hole{loc};
}

Hole Batch::later(Hole k) {
  Location* loc = newLoc(nullptr, nullptr, false);
  flow(k, loc);
  return Hole{loc};
}

Hole Batch::spill(Hole k, const Expr* n) {
  Location* loc = newLoc(n, nullptr, true);
  flow(addr(k, n, "spill"), loc);
  return Hole{loc};
}

const std::string& Batch::name(const Location* l) const {
  static thread_local std::string s;
  if (l->var)
    s = l->var->name;
  else if (l->n)
    s = exprString(l->n);
  else if (l->isWrapper)
    s = "func literal";
  else
    s = l->tempName;
  return s;
}

bool containsClosure(const FuncInfo* f, const FuncInfo* c) {
  if (f == c) return false;
  for (const FuncInfo* o = c->outer; o; o = o->outer)
    if (o == f) return true;
  return false;
}

}  // namespace tricolor::golang::esc
