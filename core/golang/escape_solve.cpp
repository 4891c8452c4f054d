// Solving the escape graph (escape/solve.go).
//
// From every location taken as a root, a shortest-path walk (derefs as the
// distance, never below 0 after an address) visits every location whose
// value can reach the root. When the root outlives a location whose address
// reaches it (derefs < 0 on the way), that location escapes: it must be
// heap-allocated, and as a heap location it becomes a root itself (it is
// queued again). When the root outlives a parameter whose value reaches it,
// the parameter leaks: to the heap, or to one of the function's results, with
// the walk's derefs (its leak tag).
//
// A root outlives a location when the root is the heap, or escapes, or is a
// result (except a closure called where it stands, whose results its
// enclosing function holds), or is declared at a smaller loop depth of the
// same function, or belongs to a function that encloses the location's
// closure.
#include "core/golang/escape_impl.hpp"
#include "core/golang/print.hpp"

namespace tricolor::golang::esc {

void Batch::walkAll() {
  std::vector<Location*> todo;
  todo.reserve(allLocs_.size() + 1);
  auto enqueue = [&](Location* l) {
    if (!l->queued) {
      todo.push_back(l);
      l->queued = true;
    }
  };
  for (Location* l : allLocs_) enqueue(l);
  enqueue(&heapLoc_);
  std::uint32_t walkgen = 0;
  while (!todo.empty()) {
    Location* root = todo.back();
    todo.pop_back();
    root->queued = false;
    ++walkgen;
    walkOne(root, walkgen, todo);
  }
}

void Batch::walkOne(Location* root, std::uint32_t walkgen, std::vector<Location*>& queue) {
  auto enqueue = [&](Location* l) {
    if (!l->queued) {
      queue.push_back(l);
      l->queued = true;
    }
  };
  root->walkgen = walkgen;
  root->derefs = 0;
  root->dst = nullptr;
  std::vector<Location*> todo{root};  // LIFO
  while (!todo.empty()) {
    Location* l = todo.back();
    todo.pop_back();
    int derefs = l->derefs;
    bool addressOf = derefs < 0;
    if (addressOf) {
      derefs = 0;
      // The address of a location flows to a non-transient root: it is not transient.
      if (!root->transient && l->transient) {
        l->transient = false;
        enqueue(l);
      }
    }
    if (outlives(root, l)) {
      if (l->isParam()) {
        if (level_ >= 2 && !l->escapes) {
          out_.messages.push_back(posString(l->pos()) + ": parameter " + name(l) + " leaks to " +
                                  explainLoc(root) + " with derefs=" + std::to_string(derefs) + ":");
          explainPath(root, l);
        }
        // leakTo
        if (!root->escapes && root->isResult() && root->curfn == l->curfn &&
            root->resultIndex - 1 < Leaks::kResults)
          l->paramEsc.addResult(root->resultIndex - 1, derefs);
        else
          l->paramEsc.addHeap(derefs);
      }
      if (addressOf && !l->escapes) {
        if (level_ >= 2) {
          out_.messages.push_back(posString(l->pos()) + ": " + name(l) + " escapes to heap:");
          explainPath(root, l);
        }
        l->escapes = true;
        if (!reasons_.count(l)) reasons_[l] = reasonFor(root);
        enqueue(l);
        continue;
      }
    }
    for (std::size_t i = 0; i < l->edges.size(); ++i) {
      Edge& e = l->edges[i];
      if (e.src->escapes) continue;
      int d = derefs + e.derefs;
      if (e.src->walkgen != walkgen || e.src->derefs > d) {
        e.src->walkgen = walkgen;
        e.src->derefs = d;
        e.src->dst = l;
        e.src->dstEdgeIdx = int(i);
        todo.push_back(e.src);
      }
    }
  }
}

bool Batch::outlives(const Location* l, const Location* other) const {
  if (l->escapes) return true;
  if (l->isResult()) {
    // The results of a closure called where it stands are held by its caller.
    if (containsClosure(other->curfn, l->curfn) && l->curfn->closureCalled) return false;
    return true;
  }
  if (l->curfn == other->curfn && l->loopDepth < other->loopDepth) return true;
  if (l->curfn && other->curfn && containsClosure(l->curfn, other->curfn)) return true;
  return false;
}

std::string Batch::reasonFor(const Location* root) const {
  if (root == &heapLoc_)
    return "stored where the heap can reach it (a global, a heap object, an unknown callee)";
  if (root->isResult()) return "returned from " + root->curfn->name;
  if (root->isWrapper) return "passed to a new goroutine";
  if (root->escapes) return "flows into " + explainLoc(root) + ", which is on the heap";
  if (root->n && root->n->op == Op::Closure) return "captured by a closure that outlives it";
  return "outlived by " + explainLoc(root) + " (declared outside the loop)";
}

std::string Batch::explainLoc(const Location* l) const {
  if (l == &heapLoc_) return "{heap}";
  if (l->var) return l->var->name;
  if (!l->tempName.empty()) return l->tempName;
  if (l->isWrapper) return "{storage for func literal}";
  if (!l->n) return "{temp}";
  return "{storage for " + name(l) + "}";
}

void Batch::explainPath(Location* root, Location* src) {
  std::string pos = posString(src->pos());
  std::vector<Location*> visited;
  for (;;) {
    for (Location* v : visited)
      if (v == src) {
        out_.messages.push_back(
            pos + ":   warning: truncated explanation due to assignment cycle; see golang.org/issue/35518");
        return;
      }
    visited.push_back(src);
    Location* dst = src->dst;
    if (!dst) return;
    Edge& e = dst->edges[std::size_t(src->dstEdgeIdx)];
    explainFlow(pos, dst, src, e.derefs, e.notes);
    if (dst == root) return;
    src = dst;
  }
}

void Batch::explainFlow(const std::string& pos, Location* dst, Location* src, int derefs, Note* notes) {
  std::string ops = derefs < 0 ? "&" : std::string(std::size_t(derefs), '*');
  out_.messages.push_back(pos + ":   flow: " + explainLoc(dst) + " = " + ops + explainLoc(src) + ":");
  for (Note* n = notes; n; n = n->next)
    out_.messages.push_back(pos + ":     from " + n->where + " (" + n->why + ") at " + posString(n->pos));
}

}  // namespace tricolor::golang::esc
