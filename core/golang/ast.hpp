// The syntax tree of tricolor's Go subset, with what the type checker adds.
//
// The parser (syntax.cpp) converts tree-sitter's concrete tree into these
// nodes: one Expr for every expression (type expressions included, since Go's
// grammar mixes them: new(T), make([]int, n), T(x)), one Stmt per statement,
// one FuncDecl per function or method. Every node carries its position as Go
// prints it (line, column in bytes, both from 1).
//
// The type checker (check*.cpp) fills in the second half of each node: its
// type, the object an identifier denotes, and the operation in the sense of
// cmd/compile's IR (Op: ODOT or ODOTPTR, OINDEX of an array or of a slice,
// OPTRLIT, OCONVIFACE ...). Where Go's type checker inserts nodes that are not
// in the source - an implicit conversion to an interface, the & of a method
// call on an addressable value, the * of a value method called through a
// pointer, the & of an elided &T{} in a []*T literal - the checker inserts an
// Expr marked `implicit`, so later passes (escape analysis, and the compiler
// to the simulation's program model) see the program as Go's back end does.
//
// Nodes live in an Arena owned by the File; pointers between them stay valid
// as long as the File does.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace tricolor::golang {

struct Type;
struct Object;
struct FuncInfo;
struct Stmt;
struct Field;

// A position as Go prints it: line and column from 1, the column in bytes.
struct Pos {
  int line = 0, col = 0;
  bool operator==(const Pos&) const = default;
  bool operator<(const Pos& o) const { return line != o.line ? line < o.line : col < o.col; }
};

// What an expression is, syntactically.
enum class ExprKind : std::uint8_t {
  Ident,       // text = name
  IntLit,      // text = source, cv = value
  StringLit,   // text = source (with quotes)
  RuneLit,     // text = source
  Composite,   // typeX{list}; typeX may be null (elided, inside another literal)
  KeyValue,    // x: y, inside a composite literal
  FuncLit,     // func(...) {...}; fn = its FuncInfo
  Paren,       // (x)
  Selector,    // x.text
  Index,       // x[y]; also a generic instantiation weak.Pointer[T] in type position
  Slice,       // x[y:z:w] (any may be null; w only when slice3)
  TypeAssert,  // x.(typeX)
  Call,        // x(list...), ellipsis when the last argument has ...
  Unary,       // text = operator, x
  Binary,      // x text y
  // type syntax, in expression position
  PointerType,    // *x
  SliceType,      // []x
  ArrayType,      // [y]x (y null for [...]x)
  StructType,     // struct{fields}
  FuncType,       // func(params) results
  InterfaceType,  // interface{} (only the empty one is in the subset)
  MapType,        // map[y]x (refused by the checker)
  ChanType,       // chan x (refused by the checker)
};

// The operation an expression performs, named after cmd/compile's IR ops
// (filled in by the checker).
enum class Op : std::uint8_t {
  None,
  Name,         // ONAME: a variable (local, parameter, result, global)
  FuncName,     // ONAME of class PFUNC: a declared function
  Literal,      // OLITERAL: a constant (also a constant expression)
  Nil,          // ONIL
  Type,         // OTYPE: a type in expression position
  Package,      // a package name (only as x in x.Sel)
  Addr,         // OADDR: &x
  Deref,        // ODEREF: *x
  Dot,          // ODOT: field of a struct value
  DotPtr,       // ODOTPTR: field through a pointer
  Index,        // OINDEX: x[i] (array or slice, see X's type)
  IndexString,  // OINDEX of a string (a byte)
  Slice,        // OSLICE: of a slice
  SliceArr,     // OSLICEARR: of a pointer to an array (&arr[:] after the implicit &)
  SliceStr,     // OSLICESTR
  DotType,      // ODOTTYPE: x.(T)
  DotType2,     // x.(T) with the comma-ok form
  ConvIface,    // OCONVIFACE: to interface{}
  Conv,         // OCONV / OCONVNOP: other conversions
  Call,         // OCALLFUNC: a function, closure or func value
  CallMeth,     // OCALLMETH: a method, receiver in x->x
  PtrLit,       // OPTRLIT: &T{...} (x is the composite literal)
  StructLit,    // OSTRUCTLIT
  ArrayLit,     // OARRAYLIT
  SliceLit,     // OSLICELIT
  Closure,      // OCLOSURE
  New,          // ONEW
  MakeSlice,    // OMAKESLICE
  Append,       // OAPPEND
  Len,          // OLEN
  Cap,          // OCAP
  Print,        // OPRINT / OPRINTN (println: text == "println")
  Panic,        // OPANIC
  Copy,         // OCOPY
  AddStr,       // OADDSTR: string concatenation
  Arith,        // arithmetic, comparisons, logical operators, unary - ! ^
  Builtin,      // a call of a runtime/time/sync/weak function (see builtin)
  MethodValue,  // OMETHVALUE (refused: not in the subset)
};

// Library functions of the subset (runtime, time, sync, weak), called as Builtin.
enum class Library : std::uint8_t {
  None,
  RuntimeGC,
  RuntimeKeepAlive,
  RuntimeSetFinalizer,
  RuntimeGosched,
  RuntimeGOMAXPROCS,
  TimeSleep,
  WaitGroupAdd,
  WaitGroupDone,
  WaitGroupWait,
  WeakMake,
  WeakValue,
};

struct Expr {
  ExprKind kind{};
  Pos pos;
  std::string text;
  Expr* x = nullptr;
  Expr* y = nullptr;
  Expr* z = nullptr;
  Expr* w = nullptr;
  std::vector<Expr*> list;
  std::vector<Field>* fields = nullptr;   // StructType, FuncType params
  std::vector<Field>* results = nullptr;  // FuncType results
  FuncInfo* fn = nullptr;                 // FuncLit
  bool ellipsis = false;                  // f(x...)
  bool slice3 = false;
  // Filled in by the checker.
  const Type* type = nullptr;
  Object* obj = nullptr;
  Op op = Op::None;
  Library lib = Library::None;
  bool implicit = false;  // inserted by the checker (not in the source)
  bool isConst = false;   // a constant value (cv, or a string/bool constant)
  std::int64_t cv = 0;    // its value, for integer and bool constants
  bool addressable = false;
};

// A field of a struct type, or a parameter/result of a function type.
struct Field {
  std::vector<std::string> names;  // empty for an unnamed parameter or an embedded field
  std::vector<Pos> namePos;
  Expr* type = nullptr;
  Pos pos;
  bool variadic = false;
};

enum class StmtKind : std::uint8_t {
  Block,
  Expr,
  Assign,
  Define,
  OpAssign,
  IncDec,
  VarDecl,
  ConstDecl,
  TypeDecl,
  Return,
  If,
  For,
  Range,
  Go,
  Defer,
  Break,
  Continue,
  Empty,
  Labeled,
  Switch,
  Select,
  Send,
  Goto,
  Fallthrough,
};

struct Stmt {
  StmtKind kind{};
  Pos pos;                      // Go's statement position (the operator of an assignment)
  std::string text;             // operator of OpAssign/IncDec ("+=", "++"), label
  std::vector<Expr*> lhs, rhs;  // assignments, var/const specs, return results, expression statement (lhs[0])
  Expr* cond = nullptr;         // If, For
  Expr* typeX = nullptr;        // VarDecl's type
  Stmt* init = nullptr;         // If, For
  Stmt* post = nullptr;         // For
  std::vector<Stmt*> body;      // Block, If then, For, Range
  std::vector<Stmt*> els;       // If else (a single Block or If)
  Expr* call = nullptr;         // Go, Defer
  bool hasElse = false;
  // Filled in by the checker.
  std::vector<Object*>
      defs;  // variables declared here (Define, VarDecl, Range with :=), null for "_" or reused
  bool rangeDefine = false;
  const char* construct = nullptr;  // for refused statements: what it is
};

// A function, method or function literal.
struct FuncInfo {
  std::string name;       // "main", "Push" (method), "main.func1" (closure)
  Pos pos;                // of the name (or of "func" for a literal)
  Pos endPos;             // of the body's closing brace
  Field* recv = nullptr;  // method receiver
  std::vector<Field> params, results;
  std::vector<Stmt*> body;
  bool hasBody = true;
  FuncInfo* outer = nullptr;  // enclosing function of a closure
  Expr* lit = nullptr;        // the FuncLit of a closure
  int closureCount = 0;       // closures numbered inside this function (Go's funcN)
  // Filled in by the checker.
  const Type* type = nullptr;  // signature
  Object* obj = nullptr;       // the function's object (not for closures)
  Object* recvVar = nullptr;
  std::vector<Object*> paramVars, resultVars;  // in order; resultVars named ~r0... when unnamed
  std::vector<Object*> dcl;          // every variable of the function, in declaration order (Go's fn.Dcl)
  std::vector<Object*> closureVars;  // variables of enclosing functions it uses (closures only)
  std::vector<Pos> closureVarPos;    // where each is first used inside the closure
  std::vector<FuncInfo*> closures;   // literals directly inside, in source order
  bool closureCalled = false;        // a literal called where it stands: func(){...}()
  bool isClosure() const { return outer != nullptr; }
};

// Package-level declarations, in source order.
struct TypeDeclInfo {
  std::string name;
  Pos pos;
  Expr* type = nullptr;
  Object* obj = nullptr;
};

struct Import {
  std::string path;
  std::string name;  // the name it is used by
  Pos pos;
};

struct Comment {
  Pos pos;
  std::string text;       // with the // or /* */
  bool trailing = false;  // after code on the same line
};

// Owns every node of a file.
struct Arena {
  std::deque<Expr> exprs;
  std::deque<Stmt> stmts;
  std::deque<FuncInfo> funcs;
  std::deque<std::vector<Field>> fieldLists;
  std::deque<Field> fields;
  Expr* expr(ExprKind k, Pos p) {
    exprs.emplace_back();
    Expr* e = &exprs.back();
    e->kind = k;
    e->pos = p;
    return e;
  }
  Stmt* stmt(StmtKind k, Pos p) {
    stmts.emplace_back();
    Stmt* s = &stmts.back();
    s->kind = k;
    s->pos = p;
    return s;
  }
  FuncInfo* func() {
    funcs.emplace_back();
    return &funcs.back();
  }
  std::vector<Field>* fieldList() {
    fieldLists.emplace_back();
    return &fieldLists.back();
  }
};

// A parsed (and, after check(), type-checked) file.
struct File {
  std::string path;         // as given
  std::string displayName;  // as Go prints it: "./prog.go"
  std::string source;
  std::string package;
  Pos packagePos;
  std::vector<Import> imports;
  std::vector<TypeDeclInfo> types;
  std::vector<Stmt*> globals;    // package-level var and const declarations, in order
  std::vector<FuncInfo*> funcs;  // declared functions and methods, in order
  std::vector<Comment> comments;
  Arena arena;
  // Filled in by the checker.
  std::deque<Object> objects;
  std::deque<Type> types_;
};

}  // namespace tricolor::golang
