// Escape analysis: which values must live on the heap (escape/escape.go).
//
// Go allocates a value on a goroutine's stack unless the compiler cannot
// prove that no pointer to it outlives the stack frame or is stored in the
// heap. The proof is Go 1.19's cmd/compile/internal/escape, which tricolor
// follows step for step on its own syntax tree:
//
//  1. Functions are analysed callees first: the call graph is cut into
//     strongly connected components in Tarjan's order (ir.VisitFuncsBottomUp),
//     each a batch; closures belong to their enclosing function's batch. A
//     call to a function of an earlier batch uses that function's parameter
//     tags; calls inside a batch connect arguments to parameters directly.
//  2. For each batch, every variable gets a location, then every statement
//     adds edges to the data-flow graph (escape_stmt.cpp, escape_expr.cpp,
//     escape_call.cpp): a flow-insensitive graph of who may point to whom.
//  3. Captured variables flow into their closure: by value when the variable
//     is at most 128 bytes, never reassigned after capture and never
//     address-taken; by reference (its address) otherwise.
//  4. Some allocations go to the heap whatever the graph says: variables over
//     10 MiB, implicit allocations (new, &T{}, make, closures) over 64 KiB,
//     and make with a size that is not a constant.
//  5. The graph is solved (escape_solve.cpp): a location escapes when its
//     address reaches the heap or something that outlives it.
//  6. The batch's results are reported as -m prints them: first each
//     function's parameters ("leaking param: p", "p does not escape"), then
//     each location in creation order ("moved to heap: x", "&T{...} escapes
//     to heap", "make([]int, 4) does not escape").
//
// Two simplifications of the real compiler do not change any decision for
// the subset and are listed in docs/go-subset.md with the corpus differences.
#include <functional>

#include "core/golang/escape_impl.hpp"
#include "core/golang/print.hpp"

namespace tricolor::golang {

namespace esc {

namespace {

// The functions a function refers to, in the order ir.Visit meets them.
void callees(const FuncInfo* fn, std::vector<const FuncInfo*>& out) {
  std::function<void(const Expr*)> ex;
  std::function<void(const Stmt*)> st;
  ex = [&](const Expr* e) {
    if (!e) return;
    if (e->op == Op::FuncName && e->obj && e->obj->fn) out.push_back(e->obj->fn);
    if (e->op == Op::CallMeth && e->fn) out.push_back(e->fn);
    if (e->op == Op::Closure) {
      out.push_back(e->fn);
      return;  // its body is visited when the closure is
    }
    for (const Expr* c : {e->x, e->y, e->z, e->w}) ex(c);
    for (const Expr* c : e->list) ex(c);
  };
  st = [&](const Stmt* s) {
    if (!s) return;
    st(s->init);
    for (const Expr* e : s->lhs) ex(e);
    for (const Expr* e : s->rhs) ex(e);
    ex(s->cond);
    st(s->post);
    ex(s->call);
    for (const Stmt* b : s->body) st(b);
    for (const Stmt* b : s->els) st(b);
  };
  for (const Stmt* s : fn->body) st(s);
}

struct BottomUp {
  std::uint32_t visitgen = 0;
  std::map<const FuncInfo*, std::uint32_t> nodeID;
  std::vector<const FuncInfo*> stack;
  std::function<void(std::vector<const FuncInfo*>)> analyze;

  std::uint32_t visit(const FuncInfo* n) {
    auto it = nodeID.find(n);
    if (it != nodeID.end() && it->second > 0) return it->second;
    std::uint32_t id = ++visitgen;
    nodeID[n] = id;
    std::uint32_t min = ++visitgen;
    stack.push_back(n);
    std::vector<const FuncInfo*> cs;
    callees(n, cs);
    for (const FuncInfo* c : cs) {
      std::uint32_t m = visit(c);
      if (m < min) min = m;
    }
    if ((min == id || min == id + 1) && !n->isClosure()) {
      std::size_t i = stack.size();
      while (i > 0) {
        --i;
        nodeID[stack[i]] = ~std::uint32_t(0);
        if (stack[i] == n) break;
      }
      std::vector<const FuncInfo*> block(stack.begin() + std::ptrdiff_t(i), stack.end());
      stack.resize(i);
      analyze(block);
    }
    return min;
  }
};

}  // namespace

void Batch::initFunc(const FuncInfo* fn) {
  curfn_ = fn;
  loopDepth_ = 1;
  for (Object* v : fn->dcl) newLoc(nullptr, v, false);
  for (std::size_t i = 0; i < fn->resultVars.size(); ++i) oldLoc(fn->resultVars[i])->resultIndex = int(i) + 1;
}

std::string Batch::heapAllocReason(const Location* l) const {
  if (l->var) {
    if (l->var->cls == VarClass::Param || l->var->cls == VarClass::Result) return "";
    if (l->var->type->size > kMaxStackVarSize) return "too large for stack";
    return "";
  }
  const Expr* n = l->n;
  if (!n || !n->type) return "";
  if (n->type->size > kMaxStackVarSize) return "too large for stack";
  if ((n->op == Op::New || n->op == Op::PtrLit) && under(n->type)->elem->size > kMaxImplicitStackVarSize)
    return "too large for stack";
  if (n->op == Op::MakeSlice) {
    const Expr* r = n->list.size() > 2 ? n->list[2] : n->list[1];
    // ir.IsSmallIntConst: a constant that fits in an int32.
    if (!r->isConst || r->cv < -(std::int64_t(1) << 31) || r->cv >= (std::int64_t(1) << 31))
      return "non-constant size";
    std::int64_t es = under(n->type)->elem->size;
    if (es != 0 && r->cv > kMaxImplicitStackVarSize / es) return "too large for stack";
  }
  return "";
}

void Batch::flowClosure(Closure& c) {
  std::vector<Location*> locs;
  std::vector<Pos> poss;
  std::vector<std::string> names;
  if (c.wrapperLoc) {
    for (Location* t : c.wrapperVars) {
      locs.push_back(t);
      poss.push_back(t->wrapperPos);
    }
  } else {
    for (std::size_t i = 0; i < c.fn->closureVars.size(); ++i) {
      locs.push_back(oldLoc(c.fn->closureVars[i]));
      poss.push_back(c.fn->closureVarPos[i]);
    }
  }
  for (std::size_t i = 0; i < locs.size(); ++i) {
    Location* loc = locs[i];
    std::int64_t width = loc->var ? loc->var->type->size : 8;
    bool byval = !loc->addrtaken && !loc->reassigned && width <= 128;
    if (level_ >= 2) {
      const FuncInfo* owner = loc->curfn;
      std::string vname = loc->var ? loc->var->name : loc->tempName;
      print(loc->var ? loc->var->pos : loc->wrapperPos,
            (owner ? owner->name : std::string("?")) + " capturing by " + (byval ? "value" : "ref") + ": " +
                vname + " (addr=" + (loc->addrtaken ? "true" : "false") +
                " assign=" + (loc->reassigned ? "true" : "false") + " width=" + std::to_string(width) + ")");
    }
    Hole k = c.k;
    std::string where = loc->var ? loc->var->name : loc->tempName;
    if (!byval) k = note(shift(k, -1), where, poss[i], "reference");
    flow(note(k, where, poss[i], "captured by a closure"), loc);
  }
}

void Batch::finish(const std::vector<const FuncInfo*>& fns) {
  for (const FuncInfo* fn : fns) {
    std::vector<Leaks>& tags = tags_[fn];
    std::vector<Object*> params;
    if (fn->recv) params.push_back(fn->recvVar);
    for (Object* p : fn->paramVars) params.push_back(p);
    for (Object* p : params) {
      Leaks esc;
      if (!p->type->hasPointers) {
        esc.addHeap(0);  // an empty tag: Go reads it as "leaks"; scalars never flow anyway
      } else if (!p->name.empty() && p->name != "_") {
        Location* loc = oldLoc(p);
        esc = loc->paramEsc;
        esc.optimize();
        if (!loc->escapes) {
          if (esc.empty()) print(p->pos, p->name + " does not escape");
          if (esc.heap() == 0)
            print(p->pos, "leaking param: " + p->name);
          else if (esc.heap() > 0)
            print(p->pos, "leaking param content: " + p->name);
          for (int i = 0; i < Leaks::kResults; ++i)
            if (esc.result(i) >= 0)
              print(p->pos, "leaking param: " + p->name + " to result " +
                                fn->resultVars[std::size_t(i)]->name +
                                " level=" + std::to_string(esc.result(i)));
        }
      }
      tags.push_back(esc);
    }
    out_.paramTags[fn] = tags;
  }
  for (const Location* loc : allLocs_) {
    if (loc->isWrapper) continue;
    if (!loc->var && !loc->n) {
      if (!loc->tempName.empty() && loc->escapes) print(loc->wrapperPos, "moved to heap: " + loc->tempName);
      continue;
    }
    EscapeDecision d;
    d.heap = loc->escapes;
    d.pos = loc->pos();
    d.what = name(loc);
    if (loc->escapes && reasons_.count(loc)) d.reason = reasons_.at(loc);
    if (loc->var) {
      if (loc->escapes) print(loc->var->pos, "moved to heap: " + loc->var->name);
      if (loc->var->cls == VarClass::Auto || loc->var->cls == VarClass::Param) out_.variables[loc->var] = d;
    } else {
      print(loc->n->pos, name(loc) + (loc->escapes ? " escapes to heap" : " does not escape"));
      out_.allocations[loc->n] = d;
    }
  }
}

void Batch::run(const std::vector<const FuncInfo*>& fns) {
  for (const FuncInfo* fn : fns) inBatch_[fn] = true;
  for (const FuncInfo* fn : fns) initFunc(fn);
  for (const FuncInfo* fn : fns)
    if (!fn->isClosure()) walkFunc(fn);
  for (Closure& c : closures_) flowClosure(c);
  closures_.clear();
  std::size_t n = allLocs_.size();
  for (std::size_t i = 0; i < n; ++i) {
    Location* loc = allLocs_[i];
    std::string why = heapAllocReason(loc);
    if (why.empty()) continue;
    Hole k = shift(heapHole(), -1);
    if (level_ >= 2) k = note(k, loc->var ? loc->var->name : exprString(loc->n), loc->pos(), "");
    if (level_ >= 2) notes_.back().why = why;
    reasons_[loc] = why;
    flow(k, loc);
  }
  walkAll();
  finish(fns);
}

}  // namespace esc

EscapeResult analyzeEscapes(const File& file, int level) {
  EscapeResult out;
  std::map<const FuncInfo*, std::vector<Leaks>> tags;
  esc::BottomUp v;
  v.analyze = [&](std::vector<const FuncInfo*> block) {
    esc::Batch b(file, level, out, tags);
    b.run(block);
  };
  for (const FuncInfo* fn : file.funcs) v.visit(fn);
  return out;
}

}  // namespace tricolor::golang
