// Checking calls: conversions T(x), the builtins of the subset (new, make,
// append, len, cap, print, println), the library functions (runtime, time,
// sync.WaitGroup, weak), method calls with Go's implicit & and *, calls of
// functions, closures and func values, and their arguments converted to the
// parameter types (to interface{} implicitly, at the call's "(" as
// cmd/compile places that conversion).
#include "core/golang/check.hpp"
#include "core/golang/print.hpp"

namespace tricolor::golang::detail {

void Checker::args(Expr* c, const Type* sig, std::size_t first) {
  std::vector<Expr*>& a = c->list;
  if (c->ellipsis) refuse(c->pos, "variadic calls (f(s...)) are");
  std::size_t want = sig->params.size();
  if (a.size() == 1 && want > 1 && a[0]->kind == ExprKind::Call) {
    refuse(a[0]->pos, "passing a multi-value call as arguments is");
  }
  if (a.size() - first != want)
    fail(a.size() - first < want ? c->pos : a[first + want]->pos,
         std::string(a.size() - first < want ? "not enough" : "too many") + " arguments in call to " +
             sourceString(c->x));
  for (std::size_t i = 0; i < want; ++i) {
    Expr*& arg = a[first + i];
    expr(arg, sig->params[i]);
    // cmd/compile places the implicit conversion of a constant at the constant, of anything else at the "(".
    convertTo(arg, sig->params[i], arg->isConst ? arg->pos : c->pos, "argument");
  }
}

void Checker::call(Expr*& e, bool allowMulti) {
  const Universe& u = universe();
  Expr*& fx = e->x;
  // Builtins and library functions are recognised by name, before checking fx.
  if (fx->kind == ExprKind::Ident) {
    Object* o = lookup(fx->text);
    if (o && o->kind == ObjKind::Builtin) {
      if (o->what.rfind("refused:", 0) == 0) refuse(fx->pos, o->what.substr(8));
      fx->obj = o;
      builtinCall(e, o->what);
      return;
    }
  }
  if (fx->kind == ExprKind::Selector && fx->x->kind == ExprKind::Ident) {
    Object* o = lookup(fx->x->text);
    if (o && o->kind == ObjKind::Package) {
      importUsed_[o->name] = true;
      fx->x->obj = o;
      fx->x->op = Op::Package;
      if (!(o->what == "time" && fx->text == "Duration")) {
        libraryCall(e, o->what, fx->text);
        return;
      }
    }
  }
  // Method calls: x.M(...).
  if (fx->kind == ExprKind::Selector) {
    Expr*& rx = fx->x;
    exprOrType(rx);
    if (rx->op != Op::Type && rx->op != Op::Package) {
      const Type* t = rx->type;
      const Type* base = isPointer(t) ? under(t)->elem : t;
      if (base->kind == TypeKind::WaitGroup) {
        libraryCall(e, "sync", fx->text);
        return;
      }
      if (under(base)->kind == TypeKind::WeakPointer && !isPointer(t)) {
        libraryCall(e, "weak", fx->text);
        return;
      }
      if (base->kind == TypeKind::Named && base->methods)
        for (Method& m : *base->methods)
          if (m.name == fx->text) {
            methodCall(e, fx, base, &m);
            if (e->type->kind == TypeKind::Tuple && !allowMulti)
              fail(e->pos, "multiple-value " + describe(e) + " in single-value context");
            return;
          }
    }
    // Not a method: a field of func type, called.
    Expr* checked = fx;  // rx already checked; finish the selector
    selector(checked);
    fx = checked;
  } else {
    exprOrType(fx);
  }
  if (fx->op == Op::Type) {
    // Conversion T(x).
    if (e->list.size() != 1)
      fail(e->pos, "wrong number of arguments in conversion to " + typeString(fx->type));
    const Type* t = fx->type;
    Expr*& x = e->list[0];
    expr(x, t);
    e->type = t;
    if (isInterface(t)) {
      defaultType(x);
      e->op = isInterface(x->type) ? Op::Conv : Op::ConvIface;
      return;
    }
    const Type* ut = under(t);
    const Type* xt = under(x->type);
    bool ok =
        identical(ut, xt) || (isInteger(ut) && isInteger(xt)) || (isUntyped(x->type) && assignable(x, t));
    if (ut->kind == TypeKind::String && isInteger(xt)) refuse(e->pos, "converting integers to strings is");
    if ((ut->kind == TypeKind::Slice && xt->kind == TypeKind::String) ||
        (ut->kind == TypeKind::String && xt->kind == TypeKind::Slice))
      refuse(e->pos, "conversions between strings and slices are");
    if (!ok)
      fail(e->pos, "cannot convert " + describe(x) + " (variable of type " + typeString(x->type) +
                       ") to type " + typeString(t));
    e->isConst = x->isConst;
    e->cv = x->cv;
    if (x->isConst && ut->kind == TypeKind::Uint8 && (x->cv < 0 || x->cv > 255))
      fail(x->pos, "cannot convert " + describe(x) + " (untyped int constant " + std::to_string(x->cv) +
                       ") to type " + typeString(t));
    e->op = e->isConst ? Op::Literal : Op::Conv;
    if (isUntyped(x->type)) x->type = t;
    return;
  }
  const Type* sig = under(fx->type);
  if (!sig || sig->kind != TypeKind::Func)
    fail(e->pos, "invalid operation: cannot call non-function " + describe(fx) + " (variable of type " +
                     typeString(fx->type) + ")");
  if (fx->op == Op::Closure) fx->fn->closureCalled = true;
  args(e, sig);
  e->op = Op::Call;
  if (sig->results.empty()) {
    e->type = nullptr;
    static Type empty;
    empty.kind = TypeKind::Tuple;
    e->type = &empty;
  } else if (sig->results.size() == 1) {
    e->type = sig->results[0];
  } else {
    Type* tt = newType(TypeKind::Tuple);
    tt->results = sig->results;
    e->type = tt;
    if (!allowMulti)
      fail(e->pos, "multiple-value " + describe(e) + " (value of type " + typeString(tt) +
                       ") in single-value context");
  }
  (void)u;
}

void Checker::methodCall(Expr*& e, Expr* sel, const Type* named, Method* m) {
  Expr*& rx = sel->x;
  bool recvIsPtr = isPointer(rx->type);
  if (m->ptrRecv && !recvIsPtr) {
    if (!rx->addressable) fail(rx->pos, "cannot call pointer method " + m->name + " on " + typeString(named));
    rx = implicitAddr(rx, sel->pos);
  } else if (!m->ptrRecv && recvIsPtr) {
    rx = implicitDeref(rx, sel->pos);
  }
  sel->op = Op::Dot;
  sel->type = m->fn->type;
  sel->obj = nullptr;
  sel->fn = m->fn;
  const Type* sig = m->fn->type;
  args(e, sig);
  e->op = Op::CallMeth;
  e->fn = m->fn;
  if (sig->results.empty()) {
    Type* tt = newType(TypeKind::Tuple);
    e->type = tt;
  } else if (sig->results.size() == 1) {
    e->type = sig->results[0];
  } else {
    Type* tt = newType(TypeKind::Tuple);
    tt->results = sig->results;
    e->type = tt;
  }
}

void Checker::builtinCall(Expr*& e, const std::string& name) {
  const Universe& u = universe();
  std::vector<Expr*>& a = e->list;
  auto nargs = [&](std::size_t lo, std::size_t hi) {
    if (a.size() < lo) fail(e->pos, "not enough arguments for " + name + "(...)");
    if (a.size() > hi) fail(a[hi]->pos, "too many arguments for " + name + "(...)");
  };
  if (e->ellipsis && name != "append") fail(e->pos, "invalid use of ... with built-in " + name);
  if (name == "new") {
    nargs(1, 1);
    const Type* t = resolveType(a[0]);
    a[0]->type = t;
    a[0]->op = Op::Type;
    e->op = Op::New;
    e->type = pointerTo(t);
    return;
  }
  if (name == "make") {
    nargs(1, 3);
    const Type* t = resolveType(a[0]);
    a[0]->type = t;
    a[0]->op = Op::Type;
    if (under(t)->kind != TypeKind::Slice)
      fail(a[0]->pos,
           "invalid argument: cannot make " + typeString(t) + "; type must be slice, map, or channel");
    if (a.size() < 2)
      fail(e->pos, "invalid operation: " + describe(e) + " expects 2 or 3 arguments; found 1");
    for (std::size_t i = 1; i < a.size(); ++i) {
      expr(a[i]);
      if (!isInteger(a[i]->type)) fail(a[i]->pos, "cannot convert " + describe(a[i]) + " to type int");
      if (a[i]->isConst && a[i]->cv < 0)
        fail(a[i]->pos, "invalid argument: index " + describe(a[i]) + " must not be negative");
      if (isUntyped(a[i]->type)) a[i]->type = &u.tInt;
    }
    if (a.size() == 3 && a[1]->isConst && a[2]->isConst && a[1]->cv > a[2]->cv)
      fail(a[1]->pos, "invalid argument: length and capacity swapped");
    e->op = Op::MakeSlice;
    e->type = t;
    return;
  }
  if (name == "append") {
    if (a.empty()) fail(e->pos, "not enough arguments for append()");
    expr(a[0]);
    if (a[0]->type->kind == TypeKind::UntypedNil)
      fail(a[0]->pos, "first argument to append must be a typed slice; found untyped nil");
    const Type* st = under(a[0]->type);
    if (st->kind != TypeKind::Slice)
      fail(a[0]->pos, "invalid argument: " + describe(a[0]) + " (variable of type " + typeString(a[0]->type) +
                          ") is not a slice");
    if (e->ellipsis) {
      if (a.size() != 2) fail(e->pos, "can only use ... with final argument");
      expr(a[1]);
      if (!identical(under(a[1]->type), st))
        fail(a[1]->pos, "cannot use " + describe(a[1]) + " as " + typeString(a[0]->type) +
                            " value in argument to append");
    } else {
      for (std::size_t i = 1; i < a.size(); ++i) {
        expr(a[i], st->elem);
        convertTo(a[i], st->elem, a[i]->isConst ? a[i]->pos : e->pos, "argument to append");
      }
    }
    e->op = Op::Append;
    e->type = a[0]->type;
    return;
  }
  if (name == "len" || name == "cap") {
    nargs(1, 1);
    expr(a[0]);
    const Type* t = under(a[0]->type);
    if (t->kind == TypeKind::Pointer && under(t->elem)->kind == TypeKind::Array) t = under(t->elem);
    bool ok = t->kind == TypeKind::Slice || t->kind == TypeKind::Array ||
              (name == "len" && (t->kind == TypeKind::String || t->kind == TypeKind::UntypedString));
    if (!ok) fail(a[0]->pos, "invalid argument: " + describe(a[0]) + " for " + name);
    e->op = name == "len" ? Op::Len : Op::Cap;
    e->type = &u.tInt;
    if (t->kind == TypeKind::Array) {
      e->isConst = true;
      e->cv = t->len;
    }
    return;
  }
  if (name == "println" || name == "print") {
    for (Expr*& x : a) {
      expr(x);
      if (x->op == Op::Type) fail(x->pos, describe(x) + " (type) is not an expression");
      if (x->type->kind == TypeKind::UntypedNil)
        fail(x->pos, "use of untyped nil in argument to built-in " + name);
      if (x->type->kind == TypeKind::Tuple)
        fail(x->pos, "multiple-value " + describe(x) + " in single-value context");
      defaultType(x);
      const Type* t = under(x->type);
      if (t->kind == TypeKind::Struct || t->kind == TypeKind::Array || t->kind == TypeKind::WaitGroup ||
          t->kind == TypeKind::WeakPointer)
        fail(x->pos, "illegal types for operand: print\n\t" + typeString(x->type));
    }
    e->op = Op::Print;
    static Type empty;
    empty.kind = TypeKind::Tuple;
    e->type = &empty;
    return;
  }
  fail(e->pos, name + " is not a builtin of tricolor's Go subset");
}

void Checker::libraryCall(Expr*& e, const std::string& pkg, const std::string& name) {
  const Universe& u = universe();
  std::vector<Expr*>& a = e->list;
  static Type empty;
  empty.kind = TypeKind::Tuple;
  e->op = Op::Builtin;
  e->type = &empty;
  auto want = [&](std::size_t n) {
    if (a.size() != n)
      fail(e->pos, std::string(a.size() < n ? "not enough" : "too many") + " arguments in call to " + pkg +
                       "." + name);
  };
  auto iface = [&](Expr*& x) {
    expr(x, &u.tEmptyInterface);
    convertTo(x, &u.tEmptyInterface, x->isConst ? x->pos : e->pos, "argument");
  };
  if (pkg == "runtime") {
    if (name == "GC" || name == "Gosched") {
      want(0);
      e->lib = name == "GC" ? Library::RuntimeGC : Library::RuntimeGosched;
      return;
    }
    if (name == "KeepAlive") {
      want(1);
      iface(a[0]);
      e->lib = Library::RuntimeKeepAlive;
      return;
    }
    if (name == "SetFinalizer") {
      want(2);
      iface(a[0]);
      iface(a[1]);
      // runtime checks these at run time; the subset checks them now.
      Expr* obj = a[0]->op == Op::ConvIface ? a[0]->list[0] : a[0];
      if (!isPointer(obj->type)) fail(obj->pos, "runtime.SetFinalizer: first argument must be a pointer");
      e->lib = Library::RuntimeSetFinalizer;
      return;
    }
    if (name == "GOMAXPROCS") {
      want(1);
      expr(a[0], &u.tInt);
      convertTo(a[0], &u.tInt, e->pos, "argument");
      e->lib = Library::RuntimeGOMAXPROCS;
      e->type = &u.tInt;
      return;
    }
  } else if (pkg == "time") {
    if (name == "Sleep") {
      want(1);
      expr(a[0], &u.tDuration);
      convertTo(a[0], &u.tDuration, e->pos, "argument");
      e->lib = Library::TimeSleep;
      return;
    }
  } else if (pkg == "sync") {
    // wg.Add(n), wg.Done(), wg.Wait(): the receiver is &wg (pointer methods).
    Expr*& rx = e->x->x;
    if (!isPointer(rx->type)) {
      if (!rx->addressable) fail(rx->pos, "cannot call pointer method " + name + " on sync.WaitGroup");
      rx = implicitAddr(rx, e->x->pos);
    }
    if (name == "Add") {
      want(1);
      expr(a[0], &u.tInt);
      convertTo(a[0], &u.tInt, e->pos, "argument");
      e->lib = Library::WaitGroupAdd;
      return;
    }
    if (name == "Done" || name == "Wait") {
      want(0);
      e->lib = name == "Done" ? Library::WaitGroupDone : Library::WaitGroupWait;
      return;
    }
  } else if (pkg == "weak") {
    if (name == "Make") {
      want(1);
      expr(a[0]);
      if (!isPointer(a[0]->type)) fail(a[0]->pos, "weak.Make needs a pointer");
      Type* t = newType(TypeKind::WeakPointer);
      t->elem = under(a[0]->type)->elem;
      finishType(*t);
      e->type = t;
      e->lib = Library::WeakMake;
      return;
    }
    if (name == "Value") {
      want(0);
      e->type = pointerTo(under(e->x->x->type)->elem);
      e->lib = Library::WeakValue;
      return;
    }
  }
  refuse(e->x->pos, pkg + "." + name + " is");
}

}  // namespace tricolor::golang::detail
