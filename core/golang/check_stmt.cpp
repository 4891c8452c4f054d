// Checking statements: assignments (with Go's implicit conversions), short
// variable declarations (at least one new variable; Defn recorded), var and
// const declarations, if/for/range with their scopes, return, go, break and
// continue (inside a loop only).
#include "core/golang/check.hpp"

namespace tricolor::golang::detail {

void Checker::stmts(std::vector<Stmt*>& list) {
  for (Stmt* s : list) stmt(s);
}

void Checker::stmt(Stmt* s) {
  const Universe& u = universe();
  switch (s->kind) {
    case StmtKind::Block:
      if (s->text == "decl") {  // var ( ... ) group: same scope
        for (Stmt* x : s->body) stmt(x);
        return;
      }
      pushScope();
      stmts(s->body);
      popScope();
      return;
    case StmtKind::Expr: {
      Expr*& e = s->lhs[0];
      if (e->kind != ExprKind::Call) {
        expr(e);
        fail(e->pos, describe(e) + " (value) is not used");
      }
      call(e, true);
      if (e->op == Op::Conv || e->op == Op::ConvIface || e->op == Op::Len || e->op == Op::Cap ||
          e->op == Op::New || e->op == Op::MakeSlice || e->op == Op::Append)
        fail(e->pos, describe(e) + " (value) is not used");
      return;
    }
    case StmtKind::Assign: assign(s); return;
    case StmtKind::Define: define(s); return;
    case StmtKind::OpAssign: {
      expr(s->lhs[0]);
      if (!s->lhs[0]->addressable) fail(s->lhs[0]->pos, "cannot assign to " + describe(s->lhs[0]));
      const Type* t = s->lhs[0]->type;
      expr(s->rhs[0], t);
      std::string op = s->text.substr(0, s->text.size() - 1);
      bool str = under(t)->kind == TypeKind::String;
      if (!(isInteger(t) || (str && op == "+")))
        fail(s->pos, "operator " + op + " not defined on " + describe(s->lhs[0]));
      if (op == "<<" || op == ">>") {
        defaultType(s->rhs[0]);
        if (!isInteger(s->rhs[0]->type)) fail(s->rhs[0]->pos, "shift count must be an integer");
      } else {
        convertTo(s->rhs[0], t, s->rhs[0]->pos, "assignment");
      }
      return;
    }
    case StmtKind::IncDec: {
      expr(s->lhs[0]);
      if (!s->lhs[0]->addressable) fail(s->lhs[0]->pos, "cannot assign to " + describe(s->lhs[0]));
      if (!isInteger(s->lhs[0]->type))
        fail(s->pos, "invalid operation: " + describe(s->lhs[0]) + s->text + " (non-numeric type)");
      return;
    }
    case StmtKind::VarDecl: varDecl(s, false); return;
    case StmtKind::ConstDecl: constDecl(s); return;
    case StmtKind::Return: returnStmt(s); return;
    case StmtKind::If: {
      pushScope();
      if (s->init) stmt(s->init);
      expr(s->cond, &u.tBool);
      defaultType(s->cond);
      if (under(s->cond->type)->kind != TypeKind::Bool)
        fail(s->cond->pos, "non-boolean condition in if statement");
      pushScope();
      stmts(s->body);
      popScope();
      if (s->hasElse) {
        Stmt* e = s->els[0];
        if (e->kind == StmtKind::If) {
          stmt(e);
        } else {
          pushScope();
          stmts(e->body);
          popScope();
        }
      }
      popScope();
      return;
    }
    case StmtKind::For: {
      pushScope();
      if (s->init) {
        if (s->init->kind == StmtKind::Go || s->init->kind == StmtKind::Return)
          fail(s->init->pos, "invalid for loop initialisation");
        stmt(s->init);
      }
      if (s->cond) {
        expr(s->cond, &u.tBool);
        defaultType(s->cond);
        if (under(s->cond->type)->kind != TypeKind::Bool)
          fail(s->cond->pos, "non-boolean condition in for statement");
      }
      if (s->post) {
        if (s->post->kind == StmtKind::Define)
          fail(s->post->pos, "cannot declare in post statement of for loop");
        stmt(s->post);
      }
      ++loopNesting_;
      pushScope();
      stmts(s->body);
      popScope();
      --loopNesting_;
      popScope();
      return;
    }
    case StmtKind::Range: rangeStmt(s); return;
    case StmtKind::Go: {
      Expr*& c = s->call;
      call(c, true);
      if (c->op == Op::Conv || c->op == Op::ConvIface || c->op == Op::Len || c->op == Op::Cap ||
          c->op == Op::New || c->op == Op::MakeSlice || c->op == Op::Append)
        fail(c->pos, "go discards result of " + describe(c));
      return;
    }
    case StmtKind::Break:
    case StmtKind::Continue:
      if (loopNesting_ == 0)
        fail(s->pos, std::string(s->kind == StmtKind::Break ? "break" : "continue") + " is not in a loop");
      return;
    default: refuse(s->pos, "this statement is");
  }
}

void Checker::assign(Stmt* s) {
  // Left sides first (Go's order for types), then right sides converted to them.
  std::vector<const Type*> lt;
  for (Expr*& l : s->lhs) {
    if (l->kind == ExprKind::Ident && l->text == "_") {
      l->op = Op::Name;
      lt.push_back(nullptr);
      continue;
    }
    // An assignment is not a use of the variable assigned.
    bool wasUsed = false;
    Object* o = l->kind == ExprKind::Ident ? lookup(l->text) : nullptr;
    if (o && o->kind == ObjKind::Var) wasUsed = o->used;
    expr(l);
    if (o && o->kind == ObjKind::Var && l->obj == o && o->curfn == fn_) o->used = wasUsed;
    if (!l->addressable)
      fail(l->pos, "cannot assign to " + describe(l) + " (neither addressable nor a map index expression)");
    lt.push_back(l->type);
  }
  if (s->rhs.size() == 1 && s->lhs.size() == 2 && s->rhs[0]->kind == ExprKind::TypeAssert) {
    commaOk(s->rhs[0]);
    if (lt[0] && !identical(lt[0], s->rhs[0]->type))
      fail(s->pos, "cannot assign " + typeString(s->rhs[0]->type) + " to " + describe(s->lhs[0]));
    if (lt[1] && under(lt[1])->kind != TypeKind::Bool)
      fail(s->pos, "cannot assign bool to " + describe(s->lhs[1]));
    return;
  }
  if (s->rhs.size() == 1 && s->lhs.size() > 1) {
    Expr*& r = s->rhs[0];
    if (r->kind != ExprKind::Call)
      fail(s->pos, "assignment mismatch: " + std::to_string(s->lhs.size()) + " variables but 1 value");
    call(r, true);
    const Type* tt = r->type;
    if (!tt || tt->kind != TypeKind::Tuple || tt->results.size() != s->lhs.size())
      fail(s->pos, "assignment mismatch: " + std::to_string(s->lhs.size()) + " variables but " + describe(r) +
                       " returns " +
                       std::to_string(tt && tt->kind == TypeKind::Tuple ? tt->results.size() : 1) + " value" +
                       (tt && tt->kind == TypeKind::Tuple && tt->results.size() == 1 ? "" : "s"));
    for (std::size_t i = 0; i < lt.size(); ++i)
      if (lt[i] && !identical(lt[i], tt->results[i]) && !isInterface(lt[i]))
        fail(s->pos, "cannot use " + typeString(tt->results[i]) + " value as " + typeString(lt[i]) +
                         " value in assignment");
      else if (lt[i] && isInterface(lt[i]) && !isInterface(tt->results[i]))
        refuse(s->pos, "converting a multi-value call's results to interfaces is");
    return;
  }
  if (s->rhs.size() != s->lhs.size())
    fail(s->pos, "assignment mismatch: " + std::to_string(s->lhs.size()) + " variable" +
                     (s->lhs.size() == 1 ? "" : "s") + " but " + std::to_string(s->rhs.size()) + " value" +
                     (s->rhs.size() == 1 ? "" : "s"));
  for (std::size_t i = 0; i < s->rhs.size(); ++i) {
    expr(s->rhs[i], lt[i]);
    if (lt[i]) {
      // The implicit conversion stands where the left side does (as cmd/compile places it).
      convertTo(s->rhs[i], lt[i], s->lhs[i]->pos, "assignment");
    } else {
      defaultType(s->rhs[i]);
      if (s->rhs[i]->type->kind == TypeKind::UntypedNil)
        fail(s->rhs[i]->pos, "use of untyped nil in assignment");
    }
  }
}

void Checker::commaOk(Expr*& e) {
  expr(e);
  e->op = Op::DotType2;
}

void Checker::define(Stmt* s) {
  std::vector<const Type*> types;
  if (s->rhs.size() == 1 && s->lhs.size() == 2 && s->rhs[0]->kind == ExprKind::TypeAssert) {
    commaOk(s->rhs[0]);
    types = {s->rhs[0]->type, &universe().tBool};
  } else if (s->rhs.size() == 1 && s->lhs.size() > 1) {
    Expr*& r = s->rhs[0];
    if (r->kind != ExprKind::Call)
      fail(s->pos, "assignment mismatch: " + std::to_string(s->lhs.size()) + " variables but 1 value");
    call(r, true);
    const Type* tt = r->type;
    if (!tt || tt->kind != TypeKind::Tuple || tt->results.size() != s->lhs.size())
      fail(s->pos, "assignment mismatch: " + std::to_string(s->lhs.size()) + " variables but " + describe(r) +
                       " returns " +
                       std::to_string(tt && tt->kind == TypeKind::Tuple ? tt->results.size() : 1) + " value" +
                       (tt && tt->kind == TypeKind::Tuple && tt->results.size() == 1 ? "" : "s"));
    types = tt->results;
  } else {
    if (s->rhs.size() != s->lhs.size())
      fail(s->pos, "assignment mismatch: " + std::to_string(s->lhs.size()) + " variable" +
                       (s->lhs.size() == 1 ? "" : "s") + " but " + std::to_string(s->rhs.size()) + " value" +
                       (s->rhs.size() == 1 ? "" : "s"));
    for (Expr*& r : s->rhs) {
      expr(r);
      defaultType(r);
      if (r->type->kind == TypeKind::UntypedNil) fail(r->pos, "use of untyped nil in assignment");
      if (r->type->kind == TypeKind::Tuple)
        fail(r->pos, "multiple-value " + describe(r) + " in single-value context");
      if (r->op == Op::Type) fail(r->pos, describe(r) + " (type) is not an expression");
      types.push_back(r->type);
    }
  }
  bool anyNew = false;
  for (std::size_t i = 0; i < s->lhs.size(); ++i) {
    Expr* l = s->lhs[i];
    if (l->kind != ExprKind::Ident) fail(l->pos, "non-name " + describe(l) + " on left side of :=");
    if (l->text == "_") {
      l->op = Op::Name;
      s->defs.push_back(nullptr);
      continue;
    }
    auto it = scope_->names.find(l->text);
    if (it != scope_->names.end() && it->second->kind == ObjKind::Var) {
      // Reused: an assignment to it.
      Object* o = it->second;
      l->obj = o;
      l->op = Op::Name;
      l->type = o->type;
      l->addressable = true;
      if (!identical(o->type, types[i]) && !(isInterface(o->type)))
        fail(l->pos, "cannot use value of type " + typeString(types[i]) + " as " + typeString(o->type) +
                         " value in assignment");
      if (isInterface(o->type) && !isInterface(types[i]) && s->rhs.size() == s->lhs.size())
        s->rhs[i] = implicitConv(s->rhs[i], o->type, l->pos);
      s->defs.push_back(nullptr);
      continue;
    }
    s->defs.push_back(reinterpret_cast<Object*>(1));  // placeholder: declared below, after all right sides
    anyNew = true;
  }
  if (!anyNew) fail(s->pos, "no new variables on left side of :=");
  for (std::size_t i = 0; i < s->lhs.size(); ++i) {
    if (s->defs[i] != reinterpret_cast<Object*>(1)) continue;
    Expr* l = s->lhs[i];
    Object* o = declareVar(l->text, l->pos, types[i], VarClass::Auto, s);
    l->obj = o;
    l->op = Op::Name;
    l->type = o->type;
    l->addressable = true;
    s->defs[i] = o;
  }
}

void Checker::varDecl(Stmt* s, bool global) {
  const Type* t = s->typeX ? resolveType(s->typeX) : nullptr;
  std::vector<const Type*> types;
  if (!s->rhs.empty()) {
    if (s->rhs.size() == 1 && s->lhs.size() > 1) {
      Expr*& r = s->rhs[0];
      if (r->kind != ExprKind::Call)
        fail(s->pos, "assignment mismatch: " + std::to_string(s->lhs.size()) + " variables but 1 value");
      call(r, true);
      if (!r->type || r->type->kind != TypeKind::Tuple || r->type->results.size() != s->lhs.size())
        fail(s->pos,
             "assignment mismatch: " + std::to_string(s->lhs.size()) + " variables but " + describe(r) +
                 " returns " +
                 std::to_string(r->type && r->type->kind == TypeKind::Tuple ? r->type->results.size() : 1) +
                 " values");
      types = r->type->results;
      if (t)
        for (const Type* rt : types)
          if (!identical(rt, t))
            refuse(s->pos, "converting a multi-value call's results in a var declaration is");
    } else {
      if (s->rhs.size() != s->lhs.size())
        fail(s->pos, "assignment mismatch: " + std::to_string(s->lhs.size()) + " variable" +
                         (s->lhs.size() == 1 ? "" : "s") + " but " + std::to_string(s->rhs.size()) +
                         " value" + (s->rhs.size() == 1 ? "" : "s"));
      for (Expr*& r : s->rhs) {
        expr(r, t);
        if (t) {
          // Where cmd/compile places the implicit conversion: a constant's at the
          // variable (at the first value when several are declared), anything else's at the value.
          Pos p = r->pos;
          if (r->isConst) p = s->lhs.size() == 1 ? s->lhs[0]->pos : s->rhs[0]->pos;
          if (!r->isConst && s->lhs.size() > 1) p = s->rhs[0]->pos;
          convertTo(r, t, p, "variable declaration");
        } else {
          defaultType(r);
          if (r->type->kind == TypeKind::UntypedNil)
            fail(r->pos, "use of untyped nil in variable declaration");
        }
        types.push_back(t ? t : r->type);
      }
    }
  }
  for (std::size_t i = 0; i < s->lhs.size(); ++i) {
    Expr* l = s->lhs[i];
    const Type* vt = t ? t : types[i];
    if (!global && vt->size > kMaxStackVarSize * 100) fail(l->pos, "variable too large");
    Object* o = declareVar(l->text, l->pos, vt, global ? VarClass::Global : VarClass::Auto,
                           s->rhs.empty() ? nullptr : s);
    l->obj = o;
    l->op = Op::Name;
    l->type = vt;
    l->addressable = true;
    s->defs.push_back(l->text == "_" ? nullptr : o);
  }
}

void Checker::constDecl(Stmt* s) {
  const Type* t = s->typeX ? resolveType(s->typeX) : nullptr;
  if (s->rhs.size() != s->lhs.size()) fail(s->pos, "missing init expr for const declaration");
  for (std::size_t i = 0; i < s->lhs.size(); ++i) {
    Expr*& r = s->rhs[i];
    expr(r, t);
    if (!r->isConst)
      fail(r->pos, describe(r) + " (value of type " + typeString(r->type) + ") is not constant");
    if (t) convertTo(r, t, r->pos, "constant declaration");
    Object* o = newObject(ObjKind::Const, s->lhs[i]->text, s->lhs[i]->pos, t ? t : r->type);
    o->cv = r->cv;
    o->constIsInt = isInteger(o->type);
    o->used = true;
    s->lhs[i]->obj = o;
    s->lhs[i]->type = o->type;
    declare(scope_, o);
  }
}

void Checker::rangeStmt(Stmt* s) {
  const Universe& u = universe();
  pushScope();
  Expr*& x = s->rhs[0];
  expr(x);
  defaultType(x);
  const Type* xt = under(x->type);
  const Type* kt = &u.tInt;
  const Type* vt = nullptr;
  if (xt->kind == TypeKind::Slice || xt->kind == TypeKind::Array) {
    vt = xt->elem;
  } else if (xt->kind == TypeKind::Pointer && under(xt->elem)->kind == TypeKind::Array) {
    vt = under(xt->elem)->elem;
  } else if (isInteger(xt)) {
    if (s->lhs.size() > 1)
      fail(s->lhs[1]->pos, "range over " + describe(x) + " permits only one iteration variable");
    kt = x->type;
  } else if (xt->kind == TypeKind::String) {
    refuse(x->pos, "ranging over strings is");
  } else {
    fail(x->pos, "cannot range over " + describe(x));
  }
  for (std::size_t i = 0; i < s->lhs.size(); ++i) {
    Expr* l = s->lhs[i];
    const Type* t = i == 0 ? kt : vt;
    if (s->rangeDefine) {
      if (l->kind != ExprKind::Ident) fail(l->pos, "non-name on left side of :=");
      if (l->text == "_") {
        l->op = Op::Name;
        s->defs.push_back(nullptr);
        continue;
      }
      Object* o = declareVar(l->text, l->pos, t, VarClass::Auto, s);
      l->obj = o;
      l->op = Op::Name;
      l->type = t;
      l->addressable = true;
      s->defs.push_back(o);
    } else {
      if (l->kind == ExprKind::Ident && l->text == "_") {
        l->op = Op::Name;
        continue;
      }
      expr(l);
      if (!l->addressable) fail(l->pos, "cannot assign to " + describe(l));
      if (!identical(l->type, t) && !isInterface(l->type))
        fail(l->pos, "cannot assign " + typeString(t) + " to " + describe(l) + " in range");
    }
  }
  ++loopNesting_;
  pushScope();
  stmts(s->body);
  popScope();
  --loopNesting_;
  popScope();
}

void Checker::returnStmt(Stmt* s) {
  FuncInfo* fn = fn_;
  const std::vector<Object*>& res = fn->resultVars;
  if (s->rhs.empty()) {
    if (!res.empty() && fn->results[0].names.empty()) fail(s->pos, "not enough return values\n\thave ()");
    return;
  }
  if (s->rhs.size() == 1 && res.size() > 1 && s->rhs[0]->kind == ExprKind::Call) {
    call(s->rhs[0], true);
    const Type* tt = s->rhs[0]->type;
    if (!tt || tt->kind != TypeKind::Tuple || tt->results.size() != res.size())
      fail(s->rhs[0]->pos, "not enough return values");
    for (std::size_t i = 0; i < res.size(); ++i)
      if (!identical(tt->results[i], res[i]->type))
        refuse(s->pos, "returning a converted multi-value call is");
    return;
  }
  if (s->rhs.size() != res.size())
    fail(s->rhs.empty() ? s->pos : s->rhs[0]->pos,
         std::string(s->rhs.size() < res.size() ? "not enough" : "too many") + " return values");
  for (std::size_t i = 0; i < res.size(); ++i) {
    expr(s->rhs[i], res[i]->type);
    convertTo(s->rhs[i], res[i]->type, s->rhs[i]->pos, "return statement");
  }
}

}  // namespace tricolor::golang::detail
