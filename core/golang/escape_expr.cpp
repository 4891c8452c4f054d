// Expressions and assignments in the escape graph (escape/expr.go,
// escape/assign.go).
//
// expr(k, n) evaluates n for its value and sends that value to hole k. A value
// without pointers goes nowhere. Operators and comparisons discard their
// operands. & and * shift the derefs; a field of a struct value is the value
// itself (locations do not tell fields apart), a field through a pointer is a
// dereference; indexing an array is the array, indexing a slice dereferences
// its backing store. Allocations spill: &T{}, new, make, slice literals,
// closures, string concatenation and conversions to interface{} of values
// that are not pointer-shaped get a location of their own whose address flows
// on.
//
// addrOf(n) is where a store into n goes: a local variable's location, the
// heap for globals and for anything reached through a pointer or a slice.
#include "core/golang/escape_impl.hpp"
#include "core/golang/print.hpp"

namespace tricolor::golang::esc {

namespace {

bool isBlank(const Expr* n) { return n && n->kind == ExprKind::Ident && n->text == "_"; }

bool isArray(const Type* t) { return t && under(t)->kind == TypeKind::Array; }

// ir.SameSafeExpr for the subset: the same variable, field chain or constant index.
bool sameSafe(const Expr* l, const Expr* r) {
  if (l->op != r->op) return false;
  switch (l->op) {
    case Op::Name: return l->obj == r->obj;
    case Op::Dot:
    case Op::DotPtr: return l->text == r->text && sameSafe(l->x, r->x);
    case Op::Deref: return sameSafe(l->x, r->x);
    case Op::Literal: return l->isConst && r->isConst && l->cv == r->cv && l->text == r->text;
    case Op::Index: return sameSafe(l->x, r->x) && sameSafe(l->y, r->y);
    default: return false;
  }
}

bool mayAffectMemory(const Expr* n) {
  switch (n->op) {
    case Op::Name:
    case Op::Literal:
    case Op::Nil: return false;
    case Op::Arith: return mayAffectMemory(n->x) || (n->y && mayAffectMemory(n->y));
    case Op::Index: return mayAffectMemory(n->x) || mayAffectMemory(n->y);
    case Op::Len:
    case Op::Cap: return mayAffectMemory(n->list[0]);
    case Op::Dot:
    case Op::DotPtr:
    case Op::Deref: return mayAffectMemory(n->x);
    default: return true;
  }
}

// escape.isSelfAssign: `p.x = p.y`, `s[i] = s[j]`: no new flow.
bool isSelfAssign(const Expr* dst, const Expr* src) {
  // isSliceSelfAssign: *p = (*p)[lo:hi], p.s = p.s[lo:hi].
  if ((dst->op == Op::Deref || dst->op == Op::DotPtr) && dst->x->op == Op::Name &&
      (src->op == Op::Slice || src->op == Op::SliceStr) &&
      (src->x->op == Op::Deref || src->x->op == Op::DotPtr) && src->x->x->op == Op::Name &&
      src->x->x->obj == dst->x->obj)
    return true;
  if (dst->op != src->op) return false;
  switch (dst->op) {
    case Op::Dot:
    case Op::DotPtr: return sameSafe(dst->x, src->x);
    case Op::Index:
      if (mayAffectMemory(dst->y) || mayAffectMemory(src->y)) return false;
      return sameSafe(dst->x, src->x);
    default: return false;
  }
}

}  // namespace

void Batch::expr(Hole k, const Expr* n) {
  if (!n) return;
  if (k.derefs >= 0 && n->type && !isUntyped(n->type) && !n->type->hasPointers) k.dst = &blankLoc_;
  switch (n->op) {
    case Op::None:
    case Op::Literal:
    case Op::Nil:
    case Op::Type:
    case Op::Package:
    case Op::FuncName: return;
    case Op::Name:
      if (n->obj && n->obj->kind == ObjKind::Var && n->obj->cls != VarClass::Global) flow(k, oldLoc(n->obj));
      return;
    case Op::Arith:
      discard(n->x);
      if (n->y) discard(n->y);
      return;
    case Op::Addr: expr(addr(k, n, "address-of"), n->x); return;
    case Op::Deref: expr(deref(k, n, "indirection"), n->x); return;
    case Op::Dot: expr(noteE(k, n, "dot"), n->x); return;
    case Op::DotPtr: expr(deref(k, n, "dot of pointer"), n->x); return;
    case Op::DotType:
    case Op::DotType2: {
      Hole kk = k;
      if (!isInterface(n->type) && !isDirectIface(n->type)) kk = shift(kk, 1);
      expr(noteE(kk, n, "dot"), n->x);
      return;
    }
    case Op::Index:
      if (isArray(n->x->type))
        expr(noteE(k, n, "fixed-array-index-of"), n->x);
      else
        expr(deref(k, n, "dot of pointer"), n->x);
      discard(n->y);
      return;
    case Op::IndexString:
      expr(deref(k, n, "dot of pointer"), n->x);
      discard(n->y);
      return;
    case Op::Slice:
    case Op::SliceArr:
    case Op::SliceStr:
      expr(noteE(k, n, "slice"), n->x);
      discard(n->y);
      discard(n->z);
      discard(n->w);
      return;
    case Op::Conv: expr(k, n->list[0]); return;
    case Op::ConvIface: {
      const Expr* x = n->list[0];
      Hole kk = k;
      if (!isInterface(x->type) && !isDirectIface(x->type)) kk = spill(kk, n);
      expr(noteE(kk, n, "interface-converted"), x);
      return;
    }
    case Op::Call:
    case Op::CallMeth:
    case Op::Append:
    case Op::Len:
    case Op::Cap:
    case Op::Print:
    case Op::Builtin: {
      std::vector<Hole> ks{k};
      call(&ks, n);
      return;
    }
    case Op::New: spill(k, n); return;
    case Op::MakeSlice: {
      spill(k, n);
      for (std::size_t i = 1; i < n->list.size(); ++i) discard(n->list[i]);
      return;
    }
    case Op::PtrLit: expr(spill(k, n), n->x); return;
    case Op::ArrayLit:
      for (const Expr* el : n->list)
        expr(noteE(k, n, "array literal element"), el->kind == ExprKind::KeyValue ? el->y : el);
      return;
    case Op::SliceLit: {
      Hole kk = spill(k, n);
      for (const Expr* el : n->list)
        expr(noteE(kk, n, "slice-literal-element"), el->kind == ExprKind::KeyValue ? el->y : el);
      return;
    }
    case Op::StructLit:
      for (const Expr* el : n->list)
        expr(noteE(k, n, "struct literal element"), el->kind == ExprKind::KeyValue ? el->y : el);
      return;
    case Op::Closure: {
      Hole kk = spill(k, n);
      Closure c;
      c.k = kk;
      c.fn = n->fn;
      closures_.push_back(c);
      const FuncInfo* fn = n->fn;
      for (Object* cv : fn->closureVars) {
        Location* loc = oldLoc(cv);
        if (!loc->captured) {
          loc->captured = true;
          // A variable declared and captured at the same loop depth is not
          // reassigned by having been declared (escape/expr.go).
          if (loc->loopDepth == loopDepth_) loc->reassigned = false;
        }
      }
      walkFunc(fn);
      return;
    }
    case Op::AddStr: {
      // a + b + c is one concatenation (OADDSTR with a list): one spill.
      spill(k, n);
      std::vector<const Expr*> todo{n->y, n->x};
      while (!todo.empty()) {
        const Expr* x = todo.back();
        todo.pop_back();
        if (x->op == Op::AddStr) {
          todo.push_back(x->y);
          todo.push_back(x->x);
        } else {
          discard(x);
        }
      }
      return;
    }
    default: return;
  }
}

Hole Batch::addrOf(const Expr* n) {
  if (!n || isBlank(n)) return discardHole();
  Hole k = heapHole();
  switch (n->op) {
    case Op::Name:
      if (n->obj->cls == VarClass::Global) break;
      k = Hole{oldLoc(n->obj)};
      break;
    case Op::Dot: k = addrOf(n->x); break;
    case Op::Index:
      discard(n->y);
      if (isArray(n->x->type))
        k = addrOf(n->x);
      else
        discard(n->x);
      break;
    case Op::Deref:
    case Op::DotPtr: discard(n); break;
    default: break;
  }
  return k;
}

void Batch::assignList(const std::vector<const Expr*>& dsts, const std::vector<const Expr*>& srcs,
                       const char* why, const Stmt* where) {
  std::vector<Hole> ks;
  for (const Expr* d : dsts) ks.push_back(addrOf(d));
  for (std::size_t i = 0; i < ks.size(); ++i) {
    const Expr* src = i < srcs.size() ? srcs[i] : nullptr;
    Hole k = ks[i];
    const Expr* dst = dsts[i];
    if (dst && src && !isBlank(dst) && isSelfAssign(dst, src)) {
      print(where->pos, curfn_->name + " ignoring self-assignment in " + stmtString(where));
      k = discardHole();
    }
    expr(noteS(k, where, why), src);
  }
  reassigned(ks, where);
}

void Batch::reassigned(const std::vector<Hole>& ks, const Stmt* where) {
  // `var x T` (no value) does not count: it is the zeroing of a fresh variable.
  if (where && where->kind == StmtKind::VarDecl && where->rhs.empty()) return;
  for (const Hole& k : ks) {
    Location* loc = k.dst;
    if (loc->var && loc->var->defn == where && where && where->kind != StmtKind::Range) continue;
    loc->reassigned = true;
  }
}

}  // namespace tricolor::golang::esc
