// Calls in the escape graph (escape/call.go).
//
// An argument flows to what the callee does with its parameter. Within the
// batch being analysed (the callee is the caller itself, a function of the
// same recursive cycle, or a closure of it), the argument simply flows into
// the parameter's location and the callee's result locations flow to the
// call's destinations. Otherwise the callee was analysed before (batches run
// callees first) and its parameters carry leak tags: "leaks to the heap with
// d derefs", "leaks to result i with d derefs"; the argument flows to those.
// A call through a func value whose value is unknown leaks every argument to
// the heap. The library functions of the subset have the tags Go 1.19's
// export data gives them (runtime.SetFinalizer and sync.WaitGroup's methods
// leak; runtime.KeepAlive does not).
//
// `go f(x, y)` is rewritten as Go 1.19 does: the arguments are evaluated into
// temporaries, a wrapper closure `func() { f(tmp1, tmp2) }` captures them, and
// the wrapper escapes (a goroutine outlives its creator); `go func(){...}()`
// with no arguments makes the literal itself escape.
#include <functional>

#include "core/golang/escape_impl.hpp"
#include "core/golang/print.hpp"

namespace tricolor::golang::esc {

namespace {

// Whether v, a local variable, is assigned (other than by its definition) or
// has its address taken anywhere in its function, closures included (ir.reassigned).
bool reassignedAnywhere(const Object* v) {
  const FuncInfo* fn = v->curfn;
  if (!fn) return true;
  std::function<bool(const Expr*)> inExpr;
  std::function<bool(const std::vector<Stmt*>&)> inStmts;
  auto isName = [&](const Expr* e) { return e && e->op == Op::Name && e->obj == v; };
  inExpr = [&](const Expr* e) -> bool {
    if (!e) return false;
    if (e->op == Op::Addr) {
      const Expr* x = e->x;
      while (x->op == Op::Dot ||
             (x->op == Op::Index && x->x->type && under(x->x->type)->kind == TypeKind::Array))
        x = x->x;
      if (isName(x)) return true;
    }
    if (e->op == Op::Closure && inStmts(e->fn->body)) return true;
    for (const Expr* c : {e->x, e->y, e->z, e->w})
      if (inExpr(c)) return true;
    for (const Expr* c : e->list)
      if (inExpr(c)) return true;
    return false;
  };
  inStmts = [&](const std::vector<Stmt*>& l) -> bool {
    for (const Stmt* s : l) {
      if (!s) continue;
      if ((s->kind == StmtKind::Assign || s->kind == StmtKind::Define || s->kind == StmtKind::VarDecl) &&
          s != v->defn)
        for (const Expr* x : s->lhs)
          if (isName(x) && (s->kind != StmtKind::VarDecl || !s->rhs.empty())) return true;
      for (const Expr* x : s->lhs)
        if (inExpr(x)) return true;
      for (const Expr* x : s->rhs)
        if (inExpr(x)) return true;
      if (inExpr(s->cond) || inExpr(s->call)) return true;
      if (s->init && inStmts({s->init})) return true;
      if (s->post && inStmts({s->post})) return true;
      if (inStmts(s->body) || inStmts(s->els)) return true;
    }
    return false;
  };
  return inStmts(fn->body);
}

// ir.StaticValue: follow a local variable to the value it was defined with.
const Expr* staticValue(const Expr* n) {
  for (int guard = 0; guard < 64; ++guard) {
    if (n->op != Op::Name || !n->obj || n->obj->cls != VarClass::Auto) return n;
    const Stmt* d = n->obj->defn;
    if (!d || (d->kind != StmtKind::Define && d->kind != StmtKind::VarDecl) || d->rhs.size() != d->lhs.size())
      return n;
    const Expr* rhs = nullptr;
    for (std::size_t i = 0; i < d->lhs.size(); ++i)
      if (d->lhs[i]->obj == n->obj) rhs = d->rhs[i];
    if (!rhs || reassignedAnywhere(n->obj)) return n;
    n = rhs;
  }
  return n;
}

}  // namespace

const FuncInfo* Batch::staticCallee(const Expr* fx) {
  const Expr* v = staticValue(fx);
  if (v->op == Op::FuncName && v->obj) return v->obj->fn;
  if (v->op == Op::Closure) return v->fn;
  return nullptr;
}

Hole Batch::tagHole(std::vector<Hole>* ks, const FuncInfo* fn, int param, const Expr* call) {
  (void)call;
  if (!fn) return heapHole();
  if (inMutualBatch(fn)) {
    Object* p = param < 0 ? fn->recvVar : fn->paramVars[param];
    if (!p || p->name.empty() || p->name == "_") return discardHole();
    return Hole{oldLoc(p)};
  }
  auto it = tags_.find(fn);
  if (it == tags_.end()) return heapHole();
  std::size_t idx = fn->recv ? std::size_t(param + 1) : std::size_t(param);
  const Leaks& l = it->second.at(idx);
  std::vector<Hole> tks;
  if (l.heap() >= 0) tks.push_back(shift(heapHole(), l.heap()));
  if (ks)
    for (int i = 0; i < Leaks::kResults && i < int(ks->size()); ++i)
      if (l.result(i) >= 0) tks.push_back(shift((*ks)[i], l.result(i)));
  return teeHole(tks);
}

bool Batch::inMutualBatch(const FuncInfo* fn) const { return inBatch_.count(fn) > 0; }

void Batch::call(std::vector<Hole>* ks, const Expr* c) {
  auto argument = [&](Hole k, const Expr* arg) { expr(noteE(k, c, "call parameter"), arg); };
  switch (c->op) {
    case Op::Call:
    case Op::CallMeth: {
      const FuncInfo* fn = c->op == Op::CallMeth ? c->fn : staticCallee(c->x);
      if (ks && fn && inMutualBatch(fn))
        for (std::size_t i = 0; i < fn->resultVars.size() && i < ks->size(); ++i) {
          Object* r = fn->resultVars[i];
          Hole k = (*ks)[i];
          if (k.derefs >= 0 && !r->type->hasPointers) continue;
          flow(k, oldLoc(r));
        }
      if (c->op == Op::Call) {
        argument(discardHole(), c->x);
      } else {
        argument(tagHole(ks, fn, -1, c), c->x->x);
      }
      for (std::size_t i = 0; i < c->list.size(); ++i) argument(tagHole(ks, fn, int(i), c), c->list[i]);
      return;
    }
    case Op::Append: {
      const Expr* s = c->list[0];
      Hole appendee = ks ? (*ks)[0] : discardHole();
      if (under(s->type)->elem->hasPointers)
        appendee = teeHole({appendee, deref(heapHole(), c, "appendee slice")});
      argument(appendee, s);
      if (c->ellipsis) {
        Hole appended = discardHole();
        if (under(c->list[1]->type)->kind == TypeKind::Slice && under(c->list[1]->type)->elem->hasPointers)
          appended = deref(heapHole(), c, "appended slice...");
        argument(appended, c->list[1]);
      } else {
        for (std::size_t i = 1; i < c->list.size(); ++i) argument(heapHole(), c->list[i]);
      }
      return;
    }
    case Op::Len:
    case Op::Cap:
    case Op::Print:
      for (const Expr* a : c->list) argument(discardHole(), a);
      return;
    case Op::Builtin:
      switch (c->lib) {
        case Library::RuntimeKeepAlive: argument(discardHole(), c->list[0]); return;
        case Library::RuntimeSetFinalizer:
        case Library::WeakMake:
          for (const Expr* a : c->list) argument(heapHole(), a);
          return;
        case Library::WaitGroupAdd:
        case Library::WaitGroupDone:
        case Library::WaitGroupWait:
          argument(heapHole(), c->x->x);
          for (const Expr* a : c->list) argument(discardHole(), a);
          return;
        case Library::WeakValue: argument(ks ? (*ks)[0] : discardHole(), c->x->x); return;
        default:
          for (const Expr* a : c->list) argument(discardHole(), a);
          return;
      }
    default: return;
  }
}

void Batch::goStmt(const Stmt* s) {
  Hole k = heapHole();
  const Expr* c = s->call;
  if (c->op == Op::Call) {
    const Type* sig = under(c->x->type);
    if (sig && sig->kind == TypeKind::Func && sig->params.empty() && sig->results.empty()) {
      expr(k, c->x);
      return;
    }
  }
  // The wrapper closure: each argument that is not a constant or a function
  // name is evaluated into a temporary the wrapper captures.
  Closure w;
  std::vector<std::pair<Location*, const Expr*>> temps;
  auto wrap = [&](const Expr* arg) -> Location* {
    if (!arg || arg->op == Op::Literal || arg->op == Op::Nil || arg->op == Op::FuncName) return nullptr;
    Location* tmp = newLoc(nullptr, nullptr, false);
    // Named as typecheck.TempAt names it: after the function's variables.
    tmp->tempName = ".autotmp_" + std::to_string(curfn_->dcl.size() + std::size_t(tempsIn_[curfn_]++));
    // copyExpr: at the argument, unless it has no position of its own (a name).
    tmp->wrapperPos = arg->op == Op::Name ? c->pos : arg->pos;
    Hole kt = Hole{tmp};
    if (level_ >= 2) kt = note(kt, tmp->tempName + " = " + exprString(arg), c->pos, "assign");
    expr(kt, arg);
    tmp->captured = true;
    w.wrapperVars.push_back(tmp);
    return tmp;
  };
  auto argument = [&](Hole hk, const Expr* arg) {
    Location* tmp = wrap(arg);
    Hole kk = noteE(hk, c, "call parameter");
    if (tmp) {
      if (kk.derefs >= 0 && arg->type && !isUntyped(arg->type) && !arg->type->hasPointers) return;
      flow(kk, tmp);
    } else {
      expr(kk, arg);
    }
  };
  if (c->op == Op::Call || c->op == Op::CallMeth) {
    const FuncInfo* fn = c->op == Op::CallMeth ? c->fn : staticCallee(c->x);
    if (c->op == Op::Call)
      argument(discardHole(), c->x);
    else
      argument(tagHole(nullptr, fn, -1, c), c->x->x);
    for (std::size_t i = 0; i < c->list.size(); ++i) argument(tagHole(nullptr, fn, int(i), c), c->list[i]);
  } else if (c->op == Op::Builtin) {
    // go wg.Wait() and friends: the receiver leaks; scalars do not matter.
    if (c->lib == Library::WaitGroupAdd || c->lib == Library::WaitGroupDone ||
        c->lib == Library::WaitGroupWait)
      argument(heapHole(), c->x->x);
    for (const Expr* a : c->list)
      argument(c->lib == Library::RuntimeSetFinalizer ? heapHole() : discardHole(), a);
  } else {
    for (const Expr* a : c->list) argument(discardHole(), a);
  }
  // The wrapper escapes; it is reported at neither -m level (it is not in the source).
  Location* wl = newLoc(nullptr, nullptr, true);
  wl->isWrapper = true;
  wl->wrapperPos = s->pos;
  flow(note(shift(k, -1), "func literal", s->pos, "spill"), wl);
  w.k = Hole{wl};
  w.wrapperLoc = wl;
  closures_.push_back(w);
}

}  // namespace tricolor::golang::esc
