// The type checker of tricolor's Go subset (go/types' job, for the subset).
//
// It resolves every identifier to its Object through nested scopes
// (universe, package, function, blocks), gives every expression a type and an
// Op, folds integer constants (make sizes must be known to escape analysis),
// and refuses what the subset does not have at the line:column of the
// construct, naming it. It also builds what cmd/compile's IR has and the
// source does not show, because escape analysis works on that IR:
//   - implicit conversions to interface{} in assignments, arguments, returns
//     and composite literal elements (Op::ConvIface, implicit);
//   - the & of a pointer-method call on an addressable value and the * of a
//     value-method call through a pointer; the & of an array sliced;
//   - the &T{} of an elided element in a []*T literal (Op::PtrLit);
//   - each function's Dcl list (parameters, results named ~r0 ~r1 ... when
//     unnamed, then locals in declaration order), each closure's captured
//     variables in order of first use, closure names as Go gives them
//     (main.func1, main.func1.1), and the Defn of each variable (the := or
//     var statement that declares and assigns it).
// Errors are Go's where the subset meets one ("undefined: x", "x declared but
// not used"); the first error stops checking.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/golang/ast.hpp"
#include "core/golang/diag.hpp"
#include "core/golang/types.hpp"

namespace tricolor::golang {

// Checks a parsed file. Returns false (with the error appended) at the first error.
bool checkFile(File& file, std::vector<Diag>& errors);

namespace detail {

struct Scope {
  Scope* parent = nullptr;
  FuncInfo* fn = nullptr;  // function whose body this scope is in (null at package level)
  std::map<std::string, Object*> names;
};

class Checker {
 public:
  explicit Checker(File& f) : f_(f) {}
  void run();

 private:
  friend struct ExprChecker;
  // check_decl.cpp
  void collectPackage();
  const Type* resolveType(Expr* e);
  const Type* namedType(TypeDeclInfo& td);
  void checkFuncDecl(FuncInfo* fn);
  void declareSignature(FuncInfo* fn, Scope* s);
  const Type* signatureType(const std::vector<Field>& params, const std::vector<Field>& results,
                            const Type* recv);
  // check_stmt.cpp
  void stmts(std::vector<Stmt*>& list);
  void stmt(Stmt* s);
  void assign(Stmt* s);
  void define(Stmt* s);
  void commaOk(Expr*& e);
  void varDecl(Stmt* s, bool global);
  void constDecl(Stmt* s);
  void rangeStmt(Stmt* s);
  void returnStmt(Stmt* s);
  void checkUnused(Scope* s);
  // check_expr.cpp
  void expr(Expr*& e, const Type* hint = nullptr);
  void exprOrType(Expr*& e);
  void ident(Expr*& e);
  void selector(Expr*& e);
  void index(Expr*& e);
  void sliceExpr(Expr*& e);
  void unary(Expr*& e);
  void binary(Expr*& e);
  void composite(Expr*& e, const Type* hint);
  void funcLit(Expr*& e);
  // check_call.cpp
  void call(Expr*& e, bool allowMulti);
  void builtinCall(Expr*& e, const std::string& name);
  void libraryCall(Expr*& e, const std::string& pkg, const std::string& name);
  void methodCall(Expr*& e, Expr* sel, const Type* recvT, Method* m);
  void args(Expr* call, const Type* sig, std::size_t first = 0);
  // Conversions and assignability.
  void convertTo(Expr*& e, const Type* t, Pos convPos, const char* context);
  void defaultType(Expr*& e);
  bool assignable(const Expr* e, const Type* t) const;
  Expr* implicitConv(Expr* x, const Type* t, Pos p);
  Expr* implicitAddr(Expr* x, Pos p = {});  // at p (the selector's dot for a method call)
  Expr* implicitDeref(Expr* x, Pos p = {});
  // Helpers.
  Object* newObject(ObjKind k, const std::string& name, Pos p, const Type* t);
  Object* declareVar(const std::string& name, Pos p, const Type* t, VarClass cls, Stmt* defn);
  void declare(Scope* s, Object* o);
  Object* lookup(const std::string& name);
  Type* newType(TypeKind k);
  const Type* pointerTo(const Type* t);
  const Type* sliceOf(const Type* t);
  void useVar(Object* o, Pos p);
  void pushScope();
  void popScope();
  std::string describe(const Expr* e) const;
  std::string closureName(FuncInfo* lit);

  File& f_;
  Scope universe_, package_;
  Scope* scope_ = nullptr;
  FuncInfo* fn_ = nullptr;  // function being checked (a closure while inside one)
  std::map<std::string, TypeDeclInfo*> typeDecls_;
  std::map<const Type*, const Type*> pointers_, slices_;
  std::map<std::string, bool> importUsed_;
  std::map<std::string, Pos> importPos_;
  std::vector<Scope*> scopes_;
  std::deque<Scope> scopeStore_;
  std::vector<Object*> declaredVars_;
  int loopNesting_ = 0;  // for break and continue  // locals, to report "declared but not used"
};

}  // namespace detail
}  // namespace tricolor::golang
