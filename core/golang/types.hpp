// Types and objects of the Go subset, with Go's sizes on amd64.
//
// Escape analysis asks few questions of a type, but they decide its answers:
// does it hold pointers (a flow of a pointer-free value is dropped), how big
// is it (closures capture variables up to 128 bytes by value; explicit
// variables up to 10 MiB and implicit allocations up to 64 KiB stay on the
// stack), is it an interface, and is it pointer-shaped ("direct": converting
// it to an interface stores the pointer itself, without allocating a box).
// Sizes and alignments are those of Go's gc compiler for amd64 (int, pointers
// and words of 8 bytes; a struct's fields aligned and its size rounded up to
// its alignment), so array and struct sizes match `unsafe.Sizeof`.
//
// An Object is what an identifier denotes (go/types' Object): a variable,
// constant, type name, function, builtin or package. Variables carry the
// class cmd/compile gives them (local, parameter, result, global) and the
// function they belong to, which escape analysis needs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/golang/ast.hpp"

namespace tricolor::golang {

enum class TypeKind : std::uint8_t {
  Int,
  Int64,
  Uint8,
  Bool,
  String,
  Uintptr,
  UnsafePointer,
  UntypedInt,
  UntypedRune,
  UntypedBool,
  UntypedString,
  UntypedNil,
  Pointer,
  Slice,
  Array,
  Struct,
  Func,
  Interface,
  Named,
  Tuple,
  WaitGroup,    // sync.WaitGroup (opaque, 16 bytes, no pointers)
  WeakPointer,  // weak.Pointer[T] (one pointer)
};

struct StructField {
  std::string name;
  const Type* type = nullptr;
  std::int64_t offset = 0;
  Pos pos;
};

struct Method {
  std::string name;
  FuncInfo* fn = nullptr;
  bool ptrRecv = false;
};

struct Type {
  TypeKind kind{};
  const Type* elem = nullptr;                // Pointer, Slice, Array, WeakPointer; Named: underlying
  std::int64_t len = 0;                      // Array
  std::vector<StructField> fields;           // Struct
  std::vector<const Type*> params, results;  // Func; Tuple: results
  bool variadic = false;
  const Type* recv = nullptr;              // Func of a method
  std::string name;                        // Named (also "Duration" for time.Duration)
  std::vector<Method>* methods = nullptr;  // Named: points to methodStore
  std::vector<Method> methodStore;
  std::int64_t size = 0, align = 1;
  bool hasPointers = false;
};

enum class ObjKind : std::uint8_t { Var, Const, TypeName, Func, Builtin, Package, Nil };
enum class VarClass : std::uint8_t { Auto, Param, Result, Global };

struct Object {
  ObjKind kind{};
  std::string name;
  Pos pos;
  const Type* type = nullptr;
  // Var
  VarClass cls = VarClass::Auto;
  FuncInfo* curfn = nullptr;  // function the variable belongs to (not for globals)
  Stmt* defn = nullptr;       // the := or var statement declaring it (Go's Name.Defn), or null
  bool used = false;
  // Const
  std::int64_t cv = 0;
  bool constIsInt = true;
  // Func
  FuncInfo* fn = nullptr;
  // Builtin and Package: which one ("new", "make", "runtime"...)
  std::string what;
};

// The types every file shares.
struct Universe {
  Type tInt, tInt64, tUint8, tBool, tString, tUintptr, tUnsafePointer;
  Type tUntypedInt, tUntypedRune, tUntypedBool, tUntypedString, tUntypedNil;
  Type tEmptyInterface, tAny, tWaitGroup, tDuration;
  Universe();
};
const Universe& universe();

// Type constructors and queries (types.cpp).
void finishType(Type& t);  // computes size, alignment and hasPointers
bool isInterface(const Type* t);
bool isDirectIface(const Type* t);
bool isUntyped(const Type* t);
bool isInteger(const Type* t);
bool isPointer(const Type* t);
const Type* under(const Type* t);
bool identical(const Type* a, const Type* b);
// Go's printing of a type: "*Node", "[]int", "[4]*T", "interface {}", "func() int".
std::string typeString(const Type* t);

// Go 1.19 cmd/compile limits (ir.MaxStackVarSize, ir.MaxImplicitStackVarSize).
constexpr std::int64_t kMaxStackVarSize = 10 * 1024 * 1024;
constexpr std::int64_t kMaxImplicitStackVarSize = 64 * 1024;

}  // namespace tricolor::golang
