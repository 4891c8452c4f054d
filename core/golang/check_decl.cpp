// Package-level checking: the universe, imports, named types (recursive
// through pointers, as `type Node struct{ next *Node }`), methods, globals and
// function signatures; then every function body in source order.
#include <algorithm>
#include <functional>

#include "core/golang/check.hpp"

namespace tricolor::golang {

bool checkFile(File& file, std::vector<Diag>& errors) {
  detail::Checker c(file);
  try {
    c.run();
  } catch (const DiagError& e) {
    errors.push_back(e.diag);
    return false;
  } catch (const std::exception& e) {
    errors.push_back(Diag{Pos{1, 1}, std::string("internal error: ") + e.what()});
    return false;
  }
  return true;
}

namespace detail {

namespace {

// Universe names the subset refuses, with what to call them.
const std::map<std::string, std::string>& refusedNames() {
  static const std::map<std::string, std::string> m = {
      {"float32", "floating-point numbers are"},
      {"float64", "floating-point numbers are"},
      {"complex64", "complex numbers are"},
      {"complex128", "complex numbers are"},
      {"int8", "sized integer types are"},
      {"int16", "sized integer types are"},
      {"int32", "sized integer types are"},
      {"uint", "unsigned integer types are"},
      {"uint16", "unsigned integer types are"},
      {"uint32", "unsigned integer types are"},
      {"uint64", "unsigned integer types are"},
      {"uintptr", "uintptr is"},
      {"rune", "runes are"},
      {"error", "the error type is"},
      {"panic", "panic is"},
      {"recover", "recover is"},
      {"copy", "copy is"},
      {"delete", "maps are"},
      {"close", "channels are"},
      {"complex", "complex numbers are"},
      {"real", "complex numbers are"},
      {"imag", "complex numbers are"},
      {"min", "min is"},
      {"max", "max is"},
      {"clear", "clear is"},
      {"iota", "iota is"},
      {"comparable", "type constraints are"},
  };
  return m;
}

}  // namespace

Object* Checker::newObject(ObjKind k, const std::string& name, Pos p, const Type* t) {
  f_.objects.emplace_back();
  Object* o = &f_.objects.back();
  o->kind = k;
  o->name = name;
  o->pos = p;
  o->type = t;
  return o;
}

Type* Checker::newType(TypeKind k) {
  f_.types_.emplace_back();
  Type* t = &f_.types_.back();
  t->kind = k;
  return t;
}

const Type* Checker::pointerTo(const Type* t) {
  auto it = pointers_.find(t);
  if (it != pointers_.end()) return it->second;
  Type* p = newType(TypeKind::Pointer);
  p->elem = t;
  finishType(*p);
  pointers_[t] = p;
  return p;
}

const Type* Checker::sliceOf(const Type* t) {
  auto it = slices_.find(t);
  if (it != slices_.end()) return it->second;
  Type* s = newType(TypeKind::Slice);
  s->elem = t;
  finishType(*s);
  slices_[t] = s;
  return s;
}

void Checker::declare(Scope* s, Object* o) {
  if (o->name == "_") return;
  auto [it, fresh] = s->names.emplace(o->name, o);
  if (!fresh) fail(o->pos, o->name + " redeclared in this block");
}

Object* Checker::lookup(const std::string& name) {
  for (Scope* s = scope_; s; s = s->parent) {
    auto it = s->names.find(name);
    if (it != s->names.end()) return it->second;
  }
  return nullptr;
}

void Checker::pushScope() {
  scopeStore_.emplace_back();
  Scope* s = &scopeStore_.back();
  s->parent = scope_;
  s->fn = fn_;
  scope_ = s;
}

void Checker::popScope() {
  checkUnused(scope_);
  scope_ = scope_->parent;
}

void Checker::checkUnused(Scope* s) {
  // Go reports unused variables in source order; the first one stops us.
  std::vector<Object*> unused;
  for (auto& [name, o] : s->names)
    if (o->kind == ObjKind::Var && o->cls == VarClass::Auto && !o->used) unused.push_back(o);
  if (unused.empty()) return;
  Object* first =
      *std::min_element(unused.begin(), unused.end(), [](Object* a, Object* b) { return a->pos < b->pos; });
  fail(first->pos, first->name + " declared but not used");
}

Object* Checker::declareVar(const std::string& name, Pos p, const Type* t, VarClass cls, Stmt* defn) {
  Object* o = newObject(ObjKind::Var, name, p, t);
  o->cls = cls;
  o->curfn = cls == VarClass::Global ? nullptr : fn_;
  o->defn = defn;
  if (cls != VarClass::Global && fn_ && name != "_") fn_->dcl.push_back(o);
  if (cls == VarClass::Global) o->used = true;
  declare(scope_, o);
  return o;
}

void Checker::run() {
  const Universe& u = universe();
  scope_ = &universe_;
  auto typeName = [&](const char* n, const Type* t) {
    declare(&universe_, newObject(ObjKind::TypeName, n, {}, t));
  };
  typeName("int", &u.tInt);
  typeName("bool", &u.tBool);
  typeName("byte", &u.tUint8);
  typeName("uint8", &u.tUint8);
  typeName("string", &u.tString);
  typeName("any", &u.tAny);
  for (const char* b : {"new", "make", "append", "len", "cap", "println", "print"}) {
    Object* o = newObject(ObjKind::Builtin, b, {}, nullptr);
    o->what = b;
    declare(&universe_, o);
  }
  for (auto& [name, what] : refusedNames()) {
    Object* o = newObject(ObjKind::Builtin, name, {}, nullptr);
    o->what = "refused:" + what;
    declare(&universe_, o);
  }
  declare(&universe_, newObject(ObjKind::Nil, "nil", {}, &u.tUntypedNil));
  Object* t = newObject(ObjKind::Const, "true", {}, &u.tUntypedBool);
  t->cv = 1;
  t->constIsInt = false;
  declare(&universe_, t);
  Object* fl = newObject(ObjKind::Const, "false", {}, &u.tUntypedBool);
  fl->constIsInt = false;
  declare(&universe_, fl);

  package_.parent = &universe_;
  scope_ = &package_;
  if (f_.package != "main")
    fail(f_.packagePos, "package " + f_.package + ": tricolor runs package main only");
  collectPackage();
  for (Stmt* g : f_.globals) {
    if (g->kind == StmtKind::Block) {
      for (Stmt* s : g->body) s->kind == StmtKind::ConstDecl ? constDecl(s) : varDecl(s, true);
    } else {
      g->kind == StmtKind::ConstDecl ? constDecl(g) : varDecl(g, true);
    }
  }
  for (FuncInfo* fn : f_.funcs) checkFuncDecl(fn);
  bool haveMain = false;
  for (FuncInfo* fn : f_.funcs)
    if (fn->name == "main" && !fn->recv) haveMain = true;
  if (!haveMain) fail(f_.packagePos, "function main is undeclared in the main package");
  for (const Import& im : f_.imports)
    if (!importUsed_[im.name]) fail(im.pos, "\"" + im.path + "\" imported but not used");
}

void Checker::collectPackage() {
  for (const Import& im : f_.imports) {
    if (im.path != "runtime" && im.path != "time" && im.path != "sync" && im.path != "weak")
      refuse(im.pos, "package \"" + im.path + "\" is");
    Object* o = newObject(ObjKind::Package, im.name, im.pos, nullptr);
    o->what = im.path;
    declare(&package_, o);
    importUsed_[im.name] = false;
  }
  // Named types first (bodies resolved lazily, so order does not matter).
  for (TypeDeclInfo& td : f_.types) {
    Type* t = newType(TypeKind::Named);
    t->name = td.name;
    f_.arena.fieldLists.emplace_back();
    t->methods = &t->methodStore;
    td.obj = newObject(ObjKind::TypeName, td.name, td.pos, t);
    declare(&package_, td.obj);
    typeDecls_[td.name] = &td;
  }
  for (TypeDeclInfo& td : f_.types) namedType(td);
  // Functions and methods.
  for (FuncInfo* fn : f_.funcs) {
    if (fn->recv) continue;
    if (fn->name == "init") refuse(fn->pos, "init functions are");
    fn->obj = newObject(ObjKind::Func, fn->name, fn->pos, nullptr);
    fn->obj->fn = fn;
    declare(&package_, fn->obj);
  }
  for (FuncInfo* fn : f_.funcs) {
    fn->type = signatureType(fn->params, fn->results, nullptr);
    if (fn->obj) fn->obj->type = fn->type;
    if (!fn->recv) continue;
    Expr* rt = fn->recv->type;
    bool ptr = false;
    if (rt->kind == ExprKind::PointerType) {
      ptr = true;
      rt = rt->x;
    }
    if (rt->kind != ExprKind::Ident || !typeDecls_.count(rt->text))
      fail(rt->pos, "invalid receiver type: methods are declared on the program's own named types");
    TypeDeclInfo* td = typeDecls_[rt->text];
    const Type* named = td->obj->type;
    if (isPointer(under(named)) || isInterface(named)) fail(rt->pos, "invalid receiver type " + rt->text);
    auto* methods = const_cast<Type*>(named)->methods;
    for (const Method& m : *methods)
      if (m.name == fn->name) fail(fn->pos, "method " + rt->text + "." + fn->name + " already declared");
    for (const StructField& sf : under(named)->fields)
      if (sf.name == fn->name) fail(fn->pos, "field and method with the same name " + fn->name);
    methods->push_back(Method{fn->name, fn, ptr});
    const_cast<Type*>(fn->type)->recv = ptr ? pointerTo(named) : named;
  }
}

const Type* Checker::namedType(TypeDeclInfo& td) {
  Type* t = const_cast<Type*>(td.obj->type);
  if (t->elem) return t;
  if (t->size < 0) fail(td.pos, "invalid recursive type " + td.name);
  t->size = -1;  // resolving
  const Type* u = resolveType(td.type);
  t->elem = under(u);
  if (u->kind == TypeKind::Named && u->methods && !u->methods->empty()) {
    // Methods are not inherited by a defined type; nothing to copy.
  }
  t->size = 0;
  finishType(*t);
  return t;
}

const Type* Checker::signatureType(const std::vector<Field>& params, const std::vector<Field>& results,
                                   const Type* recv) {
  Type* s = newType(TypeKind::Func);
  for (const Field& p : params) {
    const Type* t = resolveType(p.type);
    std::size_t n = std::max<std::size_t>(1, p.names.size());
    for (std::size_t i = 0; i < n; ++i) s->params.push_back(t);
  }
  for (const Field& r : results) {
    const Type* t = resolveType(r.type);
    std::size_t n = std::max<std::size_t>(1, r.names.size());
    for (std::size_t i = 0; i < n; ++i) s->results.push_back(t);
  }
  s->recv = recv;
  finishType(*s);
  return s;
}

const Type* Checker::resolveType(Expr* e) {
  const Universe& u = universe();
  switch (e->kind) {
    case ExprKind::Ident: {
      if (typeDecls_.count(e->text)) {
        Object* o = package_.names[e->text];
        e->obj = o;
        e->op = Op::Type;
        const Type* t = o->type;
        if (t->elem == nullptr && t->size < 0)
          fail(e->pos, "invalid recursive type " + e->text);  // by value while being resolved
        return namedType(*typeDecls_[e->text]);
      }
      Object* o = lookup(e->text);
      if (!o) fail(e->pos, "undefined: " + e->text);
      if (o->kind == ObjKind::Builtin && o->what.rfind("refused:", 0) == 0) refuse(e->pos, o->what.substr(8));
      if (o->kind != ObjKind::TypeName) fail(e->pos, e->text + " is not a type");
      e->obj = o;
      e->op = Op::Type;
      e->type = o->type;
      return o->type;
    }
    case ExprKind::Paren: return resolveType(e->x);
    case ExprKind::PointerType: {
      // A pointer to a type being resolved is fine (recursive types).
      const Type* elem;
      if (e->x->kind == ExprKind::Ident && typeDecls_.count(e->x->text)) {
        e->x->obj = package_.names[e->x->text];
        e->x->op = Op::Type;
        elem = e->x->obj->type;
      } else {
        elem = resolveType(e->x);
      }
      e->op = Op::Type;
      return e->type = pointerTo(elem);
    }
    case ExprKind::SliceType: {
      const Type* elem;
      if (e->x->kind == ExprKind::Ident && typeDecls_.count(e->x->text)) {
        e->x->obj = package_.names[e->x->text];
        elem = e->x->obj->type;
      } else {
        elem = resolveType(e->x);
      }
      e->op = Op::Type;
      return e->type = sliceOf(elem);
    }
    case ExprKind::ArrayType: {
      if (!e->y) refuse(e->pos, "[...] array types are");
      const Type* elem = resolveType(e->x);
      if (elem->kind == TypeKind::Named && elem->size < 0) fail(e->pos, "invalid recursive type");
      Expr* len = e->y;
      expr(len);
      if (!len->isConst || !isInteger(len->type)) fail(len->pos, "array length must be a constant integer");
      if (len->cv < 0) fail(len->pos, "invalid array length");
      if (elem->size > 0 && len->cv > (std::int64_t(1) << 50) / elem->size) fail(len->pos, "array too large");
      Type* t = newType(TypeKind::Array);
      t->elem = elem;
      t->len = len->cv;
      finishType(*t);
      e->op = Op::Type;
      return e->type = t;
    }
    case ExprKind::StructType: {
      Type* t = newType(TypeKind::Struct);
      std::map<std::string, bool> seen;
      for (Field& fl : *e->fields) {
        const Type* ft = resolveType(fl.type);
        if (ft->kind == TypeKind::Named && ft->size < 0) fail(fl.pos, "invalid recursive type");
        for (std::size_t i = 0; i < fl.names.size(); ++i) {
          if (fl.names[i] != "_" && seen[fl.names[i]]) fail(fl.namePos[i], fl.names[i] + " redeclared");
          seen[fl.names[i]] = true;
          t->fields.push_back(StructField{fl.names[i], ft, 0, fl.namePos[i]});
        }
      }
      finishType(*t);
      e->op = Op::Type;
      return e->type = t;
    }
    case ExprKind::FuncType:
      e->op = Op::Type;
      return e->type = signatureType(*e->fields, *e->results, nullptr);
    case ExprKind::InterfaceType: e->op = Op::Type; return e->type = &u.tEmptyInterface;
    case ExprKind::Selector: {
      if (e->x->kind == ExprKind::Ident) {
        Object* o = lookup(e->x->text);
        if (o && o->kind == ObjKind::Package) {
          importUsed_[o->name] = true;
          if (o->what == "sync" && e->text == "WaitGroup") return e->type = &u.tWaitGroup;
          if (o->what == "time" && e->text == "Duration") return e->type = &u.tDuration;
          refuse(e->pos, o->what + "." + e->text + " is");
        }
      }
      fail(e->pos, describe(e) + " is not a type");
    }
    case ExprKind::Index: {
      // weak.Pointer[T]
      if (e->x->kind == ExprKind::Selector && e->x->x->kind == ExprKind::Ident && e->x->text == "Pointer") {
        Object* o = lookup(e->x->x->text);
        if (o && o->kind == ObjKind::Package && o->what == "weak") {
          importUsed_[o->name] = true;
          Type* t = newType(TypeKind::WeakPointer);
          t->elem = resolveType(e->y);
          finishType(*t);
          e->op = Op::Type;
          return e->type = t;
        }
      }
      refuse(e->pos, "generic types are");
    }
    case ExprKind::MapType: refuse(e->pos, "maps are");
    case ExprKind::ChanType: refuse(e->pos, "channels are");
    default: fail(e->pos, describe(e) + " is not a type");
  }
}

void Checker::declareSignature(FuncInfo* fn, Scope* s) {
  (void)s;
  const Type* sig = fn->type;
  std::size_t pi = 0;
  if (fn->recv) {
    const Type* rt = sig->recv;
    std::string name = fn->recv->names.empty() ? "" : fn->recv->names[0];
    Pos p = fn->recv->names.empty() ? fn->recv->pos : fn->recv->namePos[0];
    Object* o = declareVar(name.empty() ? "_" : name, p, rt, VarClass::Param, nullptr);
    o->used = true;
    if (name.empty() || name == "_") fn->dcl.push_back(o);
    fn->recvVar = o;
  }
  for (Field& p : fn->params) {
    std::size_t n = std::max<std::size_t>(1, p.names.size());
    for (std::size_t i = 0; i < n; ++i) {
      std::string name = p.names.empty() ? "" : p.names[i];
      Pos pos = p.names.empty() ? p.pos : p.namePos[i];
      Object* o = declareVar(name.empty() ? "_" : name, pos, sig->params[pi++], VarClass::Param, nullptr);
      o->used = true;
      if (name.empty()) o->name = "";  // unnamed: no diagnostics, as Go
      if (name.empty() || name == "_") fn->dcl.push_back(o);
      fn->paramVars.push_back(o);
    }
  }
  std::size_t ri = 0;
  for (Field& r : fn->results) {
    std::size_t n = std::max<std::size_t>(1, r.names.size());
    for (std::size_t i = 0; i < n; ++i) {
      std::string name = r.names.empty() ? "~r" + std::to_string(ri) : r.names[i];
      if (name == "_") name = "~b" + std::to_string(ri);
      Pos pos = r.names.empty() ? r.pos : r.namePos[i];
      Object* o = newObject(ObjKind::Var, name, pos, sig->results[ri]);
      o->cls = VarClass::Result;
      o->curfn = fn;
      o->used = true;
      fn->dcl.push_back(o);
      if (!r.names.empty() && r.names[i] != "_") declare(scope_, o);
      fn->resultVars.push_back(o);
      ++ri;
    }
  }
}

void Checker::checkFuncDecl(FuncInfo* fn) {
  FuncInfo* saved = fn_;
  fn_ = fn;
  pushScope();
  declareSignature(fn, scope_);
  stmts(fn->body);
  if (!fn->resultVars.empty()) {
    // A function with results must end in a terminating statement (simplified: a return,
    // or an if/else whose branches both terminate, or a for without condition).
    std::function<bool(const std::vector<Stmt*>&)> terminates = [&](const std::vector<Stmt*>& b) {
      if (b.empty()) return false;
      Stmt* last = b.back();
      if (last->kind == StmtKind::Return) return true;
      if (last->kind == StmtKind::Block) return terminates(last->body);
      if (last->kind == StmtKind::If)
        return last->hasElse && terminates(last->body) &&
               (last->els[0]->kind == StmtKind::If ? terminates(last->els) : terminates(last->els[0]->body));
      if (last->kind == StmtKind::For && !last->cond) {
        std::function<bool(const std::vector<Stmt*>&)> hasBreak = [&](const std::vector<Stmt*>& l) {
          for (Stmt* s : l) {
            if (s->kind == StmtKind::Break) return true;
            if ((s->kind == StmtKind::If || s->kind == StmtKind::Block) &&
                (hasBreak(s->body) || hasBreak(s->els)))
              return true;
          }
          return false;
        };
        return !hasBreak(last->body);
      }
      return false;
    };
    if (!terminates(fn->body)) {
      fail(fn->endPos, "missing return");
    }
  }
  popScope();
  fn_ = saved;
}

}  // namespace detail
}  // namespace tricolor::golang
