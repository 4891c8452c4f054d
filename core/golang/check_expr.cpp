// Checking expressions: identifiers (and the variables closures capture),
// selectors (fields through values and pointers, package members), index and
// slice expressions, operators with integer constant folding, composite
// literals (elided &T{} elements included) and function literals; plus the
// implicit conversions Go inserts where a value meets an interface type.
#include <climits>
#include <cstdint>
#include <functional>

#include "core/golang/check.hpp"
#include "core/golang/print.hpp"

namespace tricolor::golang::detail {

std::string Checker::describe(const Expr* e) const { return sourceString(e); }

Expr* Checker::implicitConv(Expr* x, const Type* t, Pos p) {
  Expr* c = f_.arena.expr(ExprKind::Call, p);
  c->x = nullptr;
  c->list.push_back(x);
  c->type = t;
  c->op = Op::ConvIface;
  c->implicit = true;
  return c;
}

Expr* Checker::implicitAddr(Expr* x, Pos p) {
  Expr* a = f_.arena.expr(ExprKind::Unary, p.line ? p : x->pos);
  a->text = "&";
  a->x = x;
  a->op = Op::Addr;
  a->type = pointerTo(x->type);
  a->implicit = true;
  return a;
}

Expr* Checker::implicitDeref(Expr* x, Pos p) {
  Expr* d = f_.arena.expr(ExprKind::Unary, p.line ? p : x->pos);
  d->text = "*";
  d->x = x;
  d->op = Op::Deref;
  d->type = under(x->type)->elem;
  d->addressable = true;
  d->implicit = true;
  return d;
}

void Checker::defaultType(Expr*& e) {
  const Universe& u = universe();
  switch (e->type->kind) {
    case TypeKind::UntypedInt:
    case TypeKind::UntypedRune: e->type = &u.tInt; break;
    case TypeKind::UntypedBool: e->type = &u.tBool; break;
    case TypeKind::UntypedString: e->type = &u.tString; break;
    default: break;
  }
}

bool Checker::assignable(const Expr* e, const Type* t) const {
  const Type* v = e->type;
  if (identical(v, t)) return true;
  const Type* ut = under(t);
  if (ut->kind == TypeKind::Interface) return v->kind != TypeKind::Tuple;
  switch (v->kind) {
    case TypeKind::UntypedNil:
      return ut->kind == TypeKind::Pointer || ut->kind == TypeKind::Slice || ut->kind == TypeKind::Func;
    case TypeKind::UntypedInt:
    case TypeKind::UntypedRune:
      if (!isInteger(ut)) return false;
      if (ut->kind == TypeKind::Uint8) return e->cv >= 0 && e->cv <= 255;
      return true;
    case TypeKind::UntypedBool: return ut->kind == TypeKind::Bool;
    case TypeKind::UntypedString: return ut->kind == TypeKind::String;
    default: break;
  }
  // Identical underlying types where one side is not named (and not a basic type).
  if ((v->kind == TypeKind::Named) != (t->kind == TypeKind::Named) && identical(under(v), under(t)) &&
      under(v)->kind >= TypeKind::Pointer)
    return true;
  return false;
}

void Checker::convertTo(Expr*& e, const Type* t, Pos convPos, const char* context) {
  if (e->op == Op::Type) fail(e->pos, describe(e) + " (type) is not an expression");
  if (e->type && e->type->kind == TypeKind::Tuple)
    fail(e->pos, "multiple-value " + describe(e) + " (value of type " + typeString(e->type) +
                     ") in single-value context");
  if (!assignable(e, t)) {
    std::string what = isUntyped(e->type)
                           ? std::string(e->type->kind == TypeKind::UntypedNil ? "untyped nil" : "constant")
                           : "value of type " + typeString(e->type);
    if (isUntyped(e->type) && e->type->kind != TypeKind::UntypedNil && isInteger(t) && isInteger(e->type))
      fail(e->pos, "cannot use " + describe(e) + " (untyped int constant " + std::to_string(e->cv) + ") as " +
                       typeString(t) + " value in " + context + " (overflows)");
    fail(e->pos,
         "cannot use " + describe(e) + " (" + what + ") as " + typeString(t) + " value in " + context);
  }
  if (isInterface(t) && !isInterface(e->type) && e->type->kind != TypeKind::UntypedNil) {
    defaultType(e);
    e = implicitConv(e, t, convPos);
    return;
  }
  if (isUntyped(e->type)) e->type = t;
}

void Checker::useVar(Object* o, Pos p) {
  o->used = true;
  if (o->kind != ObjKind::Var || o->cls == VarClass::Global || !o->curfn || o->curfn == fn_) return;
  // A variable of an enclosing function: every closure between here and there captures it.
  for (FuncInfo* c = fn_; c && c != o->curfn; c = c->outer) {
    bool have = false;
    for (Object* v : c->closureVars) have = have || v == o;
    if (!have) {
      c->closureVars.push_back(o);
      c->closureVarPos.push_back(p);
    }
  }
}

void Checker::ident(Expr*& e) {
  const Universe& u = universe();
  if (e->text == "_") fail(e->pos, "cannot use _ as value");
  Object* o = lookup(e->text);
  if (!o) fail(e->pos, "undefined: " + e->text);
  e->obj = o;
  switch (o->kind) {
    case ObjKind::Var:
      useVar(o, e->pos);
      e->op = Op::Name;
      e->type = o->type;
      e->addressable = true;
      return;
    case ObjKind::Const:
      e->op = Op::Literal;
      e->type = o->type;
      e->isConst = true;
      e->cv = o->cv;
      return;
    case ObjKind::TypeName:
      e->op = Op::Type;
      e->type = o->type;
      if (o->type->kind == TypeKind::Named && !o->type->elem) e->type = resolveType(e);
      return;
    case ObjKind::Func:
      e->op = Op::FuncName;
      e->type = o->type;
      return;
    case ObjKind::Nil:
      e->op = Op::Nil;
      e->type = &u.tUntypedNil;
      e->isConst = true;
      return;
    case ObjKind::Package:
      importUsed_[o->name] = true;
      e->op = Op::Package;
      return;
    case ObjKind::Builtin:
      if (o->what.rfind("refused:", 0) == 0) refuse(e->pos, o->what.substr(8));
      fail(e->pos, e->text + " (built-in function) must be called");
  }
}

void Checker::exprOrType(Expr*& e) {
  switch (e->kind) {
    case ExprKind::PointerType:
    case ExprKind::SliceType:
    case ExprKind::ArrayType:
    case ExprKind::StructType:
    case ExprKind::FuncType:
    case ExprKind::InterfaceType:
    case ExprKind::MapType:
    case ExprKind::ChanType:
      e->type = resolveType(e);
      e->op = Op::Type;
      return;
    default: expr(e);
  }
}

void Checker::expr(Expr*& e, const Type* hint) {
  const Universe& u = universe();
  switch (e->kind) {
    case ExprKind::Ident: ident(e); return;
    case ExprKind::IntLit: {
      std::string t;
      for (char c : e->text)
        if (c != '_') t += c;
      std::int64_t v = 0;
      try {
        std::size_t used = 0;
        if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
          v = std::stoll(t.substr(2), &used, 16), used += 2;
        else if (t.size() > 2 && t[0] == '0' && (t[1] == 'b' || t[1] == 'B'))
          v = std::stoll(t.substr(2), &used, 2), used += 2;
        else if (t.size() > 2 && t[0] == '0' && (t[1] == 'o' || t[1] == 'O'))
          v = std::stoll(t.substr(2), &used, 8), used += 2;
        else if (t.size() > 1 && t[0] == '0')
          v = std::stoll(t, &used, 8);
        else
          v = std::stoll(t, &used, 10);
        if (used != t.size()) fail(e->pos, "invalid integer literal " + e->text);
      } catch (const std::out_of_range&) {
        fail(e->pos, "integer constant " + e->text + " overflows int");
      } catch (const std::invalid_argument&) {
        fail(e->pos, "invalid integer literal " + e->text);
      }
      e->op = Op::Literal;
      e->type = &u.tUntypedInt;
      e->isConst = true;
      e->cv = v;
      return;
    }
    case ExprKind::StringLit:
      e->op = Op::Literal;
      e->type = &u.tUntypedString;
      e->isConst = true;
      return;
    case ExprKind::RuneLit: {
      const std::string& s = e->text;
      std::int64_t v = 0;
      if (s.size() == 3) {
        v = static_cast<unsigned char>(s[1]);
      } else if (s.size() == 4 && s[1] == '\\') {
        switch (s[2]) {
          case 'n': v = '\n'; break;
          case 't': v = '\t'; break;
          case 'r': v = '\r'; break;
          case '0': v = 0; break;
          case '\\': v = '\\'; break;
          case '\'': v = '\''; break;
          default: refuse(e->pos, "this rune escape is");
        }
      } else {
        refuse(e->pos, "non-ASCII rune literals are");
      }
      e->op = Op::Literal;
      e->type = &u.tUntypedRune;
      e->isConst = true;
      e->cv = v;
      return;
    }
    case ExprKind::Paren: {
      Expr* inner = e->x;
      exprOrType(inner);
      e = inner;  // cmd/compile keeps no parentheses after type checking
      return;
    }
    case ExprKind::Selector: selector(e); return;
    case ExprKind::Index: index(e); return;
    case ExprKind::Slice: sliceExpr(e); return;
    case ExprKind::TypeAssert: {
      expr(e->x);
      if (!isInterface(e->x->type))
        fail(e->x->pos, "invalid operation: " + describe(e->x) + " is not an interface");
      e->type = resolveType(e->y);
      e->op = Op::DotType;
      return;
    }
    case ExprKind::Call: call(e, false); return;
    case ExprKind::Unary: unary(e); return;
    case ExprKind::Binary: binary(e); return;
    case ExprKind::Composite: composite(e, hint); return;
    case ExprKind::FuncLit: funcLit(e); return;
    case ExprKind::KeyValue: fail(e->pos, "unexpected key:value");
    default:
      e->type = resolveType(e);
      e->op = Op::Type;
      return;
  }
}

void Checker::selector(Expr*& e) {
  const Universe& u = universe();
  Expr*& x = e->x;
  if (x->kind == ExprKind::Ident) {
    Object* o = lookup(x->text);
    if (o && o->kind == ObjKind::Package) {
      importUsed_[o->name] = true;
      x->obj = o;
      x->op = Op::Package;
      static const std::map<std::string, std::int64_t> durations = {
          {"Nanosecond", 1},      {"Microsecond", 1000},     {"Millisecond", 1000000},
          {"Second", 1000000000}, {"Minute", 60000000000LL}, {"Hour", 3600000000000LL}};
      if (o->what == "time" && durations.count(e->text)) {
        e->op = Op::Literal;
        e->type = &u.tDuration;
        e->isConst = true;
        e->cv = durations.at(e->text);
        return;
      }
      if (o->what == "time" && e->text == "Duration") {
        e->op = Op::Type;
        e->type = &u.tDuration;
        return;
      }
      if (o->what == "sync" && e->text == "WaitGroup") {
        e->op = Op::Type;
        e->type = &u.tWaitGroup;
        return;
      }
      fail(e->pos, o->what + "." + e->text + " must be called (or is not in tricolor's Go subset yet)");
    }
  }
  exprOrType(x);
  if (x->op == Op::Type) refuse(e->pos, "method expressions are");
  const Type* t = x->type;
  bool viaPtr = false;
  if (isPointer(t)) {
    viaPtr = true;
    t = under(t)->elem;
  }
  const Type* st = under(t);
  if (st->kind == TypeKind::Struct) {
    for (const StructField& f : st->fields) {
      if (f.name == e->text) {
        e->type = f.type;
        e->op = viaPtr ? Op::DotPtr : Op::Dot;
        e->addressable = viaPtr || x->addressable;
        return;
      }
    }
  }
  if (t->kind == TypeKind::Named && t->methods)
    for (Method& m : *t->methods)
      if (m.name == e->text) refuse(e->pos, "method values (a method not called at once) are");
  fail(e->pos,
       describe(e) + " undefined (type " + typeString(x->type) + " has no field or method " + e->text + ")");
}

void Checker::index(Expr*& e) {
  const Universe& u = universe();
  expr(e->x);
  if (e->x->op == Op::Type) refuse(e->pos, "generic instantiations are");
  expr(e->y);
  defaultType(e->y);
  if (!isInteger(e->y->type))
    fail(e->y->pos, "invalid argument: index " + describe(e->y) + " must be integer");
  if (e->y->isConst && e->y->cv < 0)
    fail(e->y->pos, "invalid argument: index " + describe(e->y) + " must not be negative");
  const Type* t = under(e->x->type);
  if (t->kind == TypeKind::Pointer && under(t->elem)->kind == TypeKind::Array) {
    e->x = implicitDeref(e->x);
    t = under(e->x->type);
  }
  switch (t->kind) {
    case TypeKind::Array:
      if (e->y->isConst && e->y->cv >= t->len)
        fail(e->y->pos, "invalid argument: index " + std::to_string(e->y->cv) +
                            " out of bounds [0:" + std::to_string(t->len) + "]");
      e->type = t->elem;
      e->op = Op::Index;
      e->addressable = e->x->addressable;
      return;
    case TypeKind::Slice:
      e->type = t->elem;
      e->op = Op::Index;
      e->addressable = true;
      return;
    case TypeKind::String:
      e->type = &u.tUint8;
      e->op = Op::IndexString;
      return;
    default:
      fail(e->pos, "invalid operation: cannot index " + describe(e->x) + " (variable of type " +
                       typeString(e->x->type) + ")");
  }
}

void Checker::sliceExpr(Expr*& e) {
  const Universe& u = universe();
  expr(e->x);
  for (Expr** p : {&e->y, &e->z, &e->w}) {
    if (!*p) continue;
    expr(*p);
    defaultType(*p);
    if (!isInteger((*p)->type))
      fail((*p)->pos, "invalid argument: index " + describe(*p) + " must be integer");
  }
  const Type* t = under(e->x->type);
  switch (t->kind) {
    case TypeKind::Slice:
      e->type = e->x->type;
      e->op = Op::Slice;
      return;
    case TypeKind::Array:
      if (!e->x->addressable)
        fail(e->pos, "invalid operation: " + describe(e->x) + " (slice of unaddressable value)");
      e->x = implicitAddr(e->x);
      e->type = sliceOf(t->elem);
      e->op = Op::SliceArr;
      return;
    case TypeKind::Pointer:
      if (under(t->elem)->kind == TypeKind::Array) {
        e->type = sliceOf(under(t->elem)->elem);
        e->op = Op::SliceArr;
        return;
      }
      break;
    case TypeKind::String:
      if (e->slice3) fail(e->pos, "invalid operation: 3-index slice of string");
      e->type = &u.tString;
      e->op = Op::SliceStr;
      return;
    default: break;
  }
  fail(e->pos, "cannot slice " + describe(e->x) + " (variable of type " + typeString(e->x->type) + ")");
}

void Checker::unary(Expr*& e) {
  const Universe& u = universe();
  const std::string& op = e->text;
  if (op == "&") {
    if (e->x->kind == ExprKind::Composite ||
        (e->x->kind == ExprKind::Paren && e->x->x->kind == ExprKind::Composite)) {
      if (e->x->kind == ExprKind::Paren) e->x = e->x->x;
      expr(e->x);
      e->op = Op::PtrLit;
      e->type = pointerTo(e->x->type);
      return;
    }
    expr(e->x);
    if (!e->x->addressable || e->x->op == Op::Literal)
      fail(e->pos, "invalid operation: cannot take address of " + describe(e->x));
    e->op = Op::Addr;
    e->type = pointerTo(e->x->type);
    return;
  }
  if (op == "*") {
    exprOrType(e->x);
    if (e->x->op == Op::Type) {
      e->kind = ExprKind::PointerType;
      e->type = pointerTo(e->x->type);
      e->op = Op::Type;
      return;
    }
    if (e->x->type->kind == TypeKind::UntypedNil) fail(e->pos, "invalid operation: cannot indirect nil");
    if (!isPointer(e->x->type)) fail(e->pos, "invalid operation: cannot indirect " + describe(e->x));
    e->op = Op::Deref;
    e->type = under(e->x->type)->elem;
    e->addressable = true;
    return;
  }
  expr(e->x);
  const Type* t = e->x->type;
  if (op == "!") {
    if (under(t)->kind != TypeKind::Bool && t->kind != TypeKind::UntypedBool)
      fail(e->pos, "invalid operation: operator ! not defined on " + describe(e->x));
    e->type = t;
    e->op = e->x->isConst ? Op::Literal : Op::Arith;
    e->isConst = e->x->isConst;
    e->cv = !e->x->cv;
    return;
  }
  if (op == "-" || op == "+" || op == "^") {
    if (!isInteger(t))
      fail(e->pos, "invalid operation: operator " + op + " not defined on " + describe(e->x));
    e->type = t;
    e->isConst = e->x->isConst;
    if (op == "-" && e->x->cv == INT64_MIN) fail(e->pos, "constant overflow: " + describe(e));
    e->cv = op == "-" ? -e->x->cv : (op == "^" ? ~e->x->cv : e->x->cv);
    e->op = e->isConst ? Op::Literal : Op::Arith;
    return;
  }
  (void)u;
  refuse(e->pos, "the operator " + op + " is");
}

void Checker::binary(Expr*& e) {
  const Universe& u = universe();
  const std::string& op = e->text;
  expr(e->x);
  expr(e->y);
  Expr*& x = e->x;
  Expr*& y = e->y;
  bool shift = op == "<<" || op == ">>";
  if (shift) {
    if (!isInteger(x->type) || !isInteger(y->type)) fail(e->pos, "invalid operation: shift of non-integer");
    if (y->isConst && y->cv < 0) fail(y->pos, "invalid shift count " + describe(y));
    if (isUntyped(y->type)) y->type = &u.tInt;
    e->type = x->type;
    e->isConst = x->isConst && y->isConst;
    if (e->isConst)
      if (op == "<<" && x->cv != 0 &&
          (y->cv >= 63 || (x->cv > 0 ? x->cv > (INT64_MAX >> y->cv) : x->cv < (INT64_MIN >> y->cv))))
        fail(e->pos, "constant overflow: " + describe(e));
    e->cv = op == "<<" ? (y->cv >= 63 ? 0 : std::int64_t(std::uint64_t(x->cv) << y->cv))
                       : (y->cv >= 63 ? (x->cv < 0 ? -1 : 0) : x->cv >> y->cv);
    e->op = e->isConst ? Op::Literal : Op::Arith;
    return;
  }
  // Untyped operands take the other side's type.
  if (isUntyped(x->type) && !isUntyped(y->type))
    convertTo(x, y->type, x->pos, "expression");
  else if (isUntyped(y->type) && !isUntyped(x->type))
    convertTo(y, x->type, y->pos, "expression");
  bool cmp = op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
  bool logical = op == "&&" || op == "||";
  const Type* t = x->type;
  if (!identical(x->type, y->type) && !(isUntyped(x->type) && isUntyped(y->type))) {
    bool nilCmp = (op == "==" || op == "!=") &&
                  ((x->type->kind == TypeKind::UntypedNil) || (y->type->kind == TypeKind::UntypedNil) ||
                   (isInterface(x->type) || isInterface(y->type)));
    if (!nilCmp)
      fail(e->pos, "invalid operation: " + describe(e) + " (mismatched types " + typeString(x->type) +
                       " and " + typeString(y->type) + ")");
  }
  const Type* ut = under(t);
  if (logical) {
    if (ut->kind != TypeKind::Bool && t->kind != TypeKind::UntypedBool)
      fail(e->pos, "invalid operation: operator " + op + " not defined on " + describe(x));
    e->type = t;
    e->op = Op::Arith;
    e->isConst = x->isConst && y->isConst;
    if (e->isConst) e->cv = op == "&&" ? (x->cv && y->cv) : (x->cv || y->cv);
    if (e->isConst) e->op = Op::Literal;
    return;
  }
  if (cmp) {
    if (op != "==" && op != "!=" && !isInteger(t) && ut->kind != TypeKind::String &&
        t->kind != TypeKind::UntypedString)
      fail(e->pos,
           "invalid operation: " + describe(e) + " (operator " + op + " not defined on " + describe(x) + ")");
    if ((ut->kind == TypeKind::Slice || ut->kind == TypeKind::Func) &&
        x->type->kind != TypeKind::UntypedNil && y->type->kind != TypeKind::UntypedNil)
      fail(e->pos,
           "invalid operation: " + describe(e) + " (" + typeString(t) + " can only be compared to nil)");
    if (ut->kind == TypeKind::Struct || ut->kind == TypeKind::Array)
      refuse(e->pos, "comparing structs and arrays is");
    if (x->type->kind == TypeKind::UntypedNil && y->type->kind == TypeKind::UntypedNil)
      fail(e->pos, "invalid operation: " + describe(e) + " (operator " + op + " not defined on nil)");
    if (isUntyped(x->type) && isUntyped(y->type)) {
      defaultType(x);
      defaultType(y);
    }
    e->type = &u.tUntypedBool;
    e->isConst = x->isConst && y->isConst && x->type->kind != TypeKind::UntypedNil && isInteger(x->type);
    if (e->isConst) {
      std::int64_t a = x->cv, b = y->cv;
      e->cv = op == "=="   ? a == b
              : op == "!=" ? a != b
              : op == "<"  ? a < b
              : op == "<=" ? a <= b
              : op == ">"  ? a > b
                           : a >= b;
    }
    e->op = e->isConst ? Op::Literal : Op::Arith;
    return;
  }
  if (ut->kind == TypeKind::String || t->kind == TypeKind::UntypedString) {
    if (op != "+") fail(e->pos, "invalid operation: operator " + op + " not defined on " + describe(x));
    e->type = t;
    e->isConst = x->isConst && y->isConst;
    e->op = e->isConst ? Op::Literal : Op::AddStr;
    return;
  }
  if (!isInteger(t)) fail(e->pos, "invalid operation: operator " + op + " not defined on " + describe(x));
  e->type = t;
  e->isConst = x->isConst && y->isConst;
  if (e->isConst) {
    std::int64_t a = x->cv, b = y->cv;
    if ((op == "/" || op == "%") && b == 0) fail(y->pos, "invalid operation: division by zero");
    bool overflow = false;
    if (op == "+") {
      overflow = __builtin_add_overflow(a, b, &e->cv);
    } else if (op == "-") {
      overflow = __builtin_sub_overflow(a, b, &e->cv);
    } else if (op == "*") {
      overflow = __builtin_mul_overflow(a, b, &e->cv);
    } else if (op == "/") {
      overflow = a == INT64_MIN && b == -1;
      if (!overflow) e->cv = a / b;
    } else if (op == "%") {
      e->cv = b == -1 ? 0 : a % b;
    } else if (op == "&") {
      e->cv = a & b;
    } else if (op == "|") {
      e->cv = a | b;
    } else if (op == "^") {
      e->cv = a ^ b;
    } else if (op == "&^") {
      e->cv = a & ~b;
    } else {
      fail(e->pos, "invalid operator " + op);
    }
    if (overflow) fail(e->pos, "constant overflow: " + describe(e));
  } else if ((op == "/" || op == "%") && y->isConst && y->cv == 0) {
    fail(y->pos, "invalid operation: division by zero");
  }
  e->op = e->isConst ? Op::Literal : Op::Arith;
}

void Checker::composite(Expr*& e, const Type* hint) {
  const Type* t = e->x ? resolveType(e->x) : hint;
  if (!t) fail(e->pos, "invalid composite literal type: missing type");
  e->type = t;
  const Type* ut = under(t);
  if (ut->kind == TypeKind::Struct) {
    e->op = Op::StructLit;
    bool keyed = !e->list.empty() && e->list[0]->kind == ExprKind::KeyValue;
    if (!keyed && !e->list.empty() && e->list.size() != ut->fields.size())
      fail(e->pos, std::string(e->list.size() < ut->fields.size() ? "too few" : "too many") +
                       " values in struct literal");
    for (std::size_t i = 0; i < e->list.size(); ++i) {
      Expr* el = e->list[i];
      if ((el->kind == ExprKind::KeyValue) != keyed)
        fail(el->pos, "mixture of field:value and value elements in struct literal");
      const StructField* f = nullptr;
      Expr** val = &e->list[i];
      if (keyed) {
        if (el->x->kind != ExprKind::Ident)
          fail(el->x->pos, "invalid field name " + describe(el->x) + " in struct literal");
        for (const StructField& sf : ut->fields)
          if (sf.name == el->x->text) f = &sf;
        if (!f)
          fail(el->x->pos, "unknown field " + el->x->text + " in struct literal of type " + typeString(t));
        val = &el->y;
      } else {
        f = &ut->fields[i];
      }
      Expr*& v = *val;
      if (v->kind == ExprKind::Composite && !v->x)
        fail(v->pos, "invalid composite literal type: missing type");
      expr(v, f->type);
      convertTo(v, f->type, keyed ? el->pos : v->pos, "struct literal");  // a keyed field's at its ":"
    }
    return;
  }
  if (ut->kind == TypeKind::Array || ut->kind == TypeKind::Slice) {
    e->op = ut->kind == TypeKind::Array ? Op::ArrayLit : Op::SliceLit;
    const Type* et = ut->elem;
    std::int64_t idx = 0, max = 0;
    for (Expr*& el : e->list) {
      Expr** val = &el;
      if (el->kind == ExprKind::KeyValue) {
        expr(el->x);
        if (!el->x->isConst || !isInteger(el->x->type))
          fail(el->x->pos, "index must be non-negative integer constant");
        idx = el->x->cv;
        val = &el->y;
      }
      if (ut->kind == TypeKind::Array && idx >= ut->len)
        fail((*val)->pos,
             "index " + std::to_string(idx) + " out of bounds [0:" + std::to_string(ut->len) + "]");
      Expr*& v = *val;
      if (v->kind == ExprKind::Composite && !v->x) {
        // Elided type: T{...}, or &T{...} for a pointer element.
        if (isPointer(et)) {
          expr(v, under(et)->elem);
          Expr* p = f_.arena.expr(ExprKind::Unary, v->pos);
          p->text = "&";
          p->x = v;
          p->op = Op::PtrLit;
          p->type = et;
          p->implicit = true;
          v = p;
        } else {
          expr(v, et);
        }
      } else {
        expr(v, et);
        convertTo(v, et, v->pos, "array or slice literal");
      }
      ++idx;
      if (idx > max) max = idx;
    }
    return;
  }
  fail(e->pos, "invalid composite literal type " + typeString(t));
}

std::string Checker::closureName(FuncInfo* lit) {
  FuncInfo* outer = lit->outer;
  ++outer->closureCount;
  if (outer->isClosure()) return outer->name + "." + std::to_string(outer->closureCount);
  std::string base = outer->name;
  if (outer->recv) {
    const Type* rt = outer->type->recv;
    base = isPointer(rt) ? "(*" + typeString(under(rt)->elem) + ")." + outer->name
                         : typeString(rt) + "." + outer->name;
  }
  return base + ".func" + std::to_string(outer->closureCount);
}

void Checker::funcLit(Expr*& e) {
  FuncInfo* fn = e->fn;
  fn->outer = fn_;
  fn->name = closureName(fn);
  fn_->closures.push_back(fn);
  fn->type = signatureType(fn->params, fn->results, nullptr);
  e->type = fn->type;
  e->op = Op::Closure;
  FuncInfo* saved = fn_;
  fn_ = fn;
  pushScope();
  declareSignature(fn, scope_);
  stmts(fn->body);
  popScope();
  fn_ = saved;
}

}  // namespace tricolor::golang::detail
