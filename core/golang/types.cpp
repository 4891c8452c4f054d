// Sizes, alignments and printing of the subset's types (see types.hpp).
// Sizes follow cmd/compile/internal/types/size.go for amd64: a struct's
// fields are laid out in order, each at a multiple of its alignment, and
// the struct's size is rounded up to its own alignment; an array is its
// element's size times its length.
#include "core/golang/types.hpp"

namespace tricolor::golang {

namespace {

void basic(Type& t, TypeKind k, std::int64_t size, bool ptrs = false) {
  t.kind = k;
  t.size = size;
  t.align = size == 16 ? 8 : (size == 0 ? 1 : size);
  t.hasPointers = ptrs;
}

}  // namespace

Universe::Universe() {
  basic(tInt, TypeKind::Int, 8);
  basic(tInt64, TypeKind::Int64, 8);
  basic(tUint8, TypeKind::Uint8, 1);
  tUint8.name = "byte";
  basic(tBool, TypeKind::Bool, 1);
  basic(tString, TypeKind::String, 16, true);
  basic(tUintptr, TypeKind::Uintptr, 8);
  basic(tUnsafePointer, TypeKind::UnsafePointer, 8, true);
  basic(tUntypedInt, TypeKind::UntypedInt, 8);
  basic(tUntypedRune, TypeKind::UntypedRune, 4);
  basic(tUntypedBool, TypeKind::UntypedBool, 1);
  basic(tUntypedString, TypeKind::UntypedString, 16, true);
  basic(tUntypedNil, TypeKind::UntypedNil, 8, true);
  basic(tEmptyInterface, TypeKind::Interface, 16, true);
  basic(tAny, TypeKind::Interface, 16, true);
  tAny.name = "any";  // printed as written
  // sync.WaitGroup: noCopy + state1 uint64 + state2 uint32 = 16 bytes in Go 1.19, no pointers.
  basic(tWaitGroup, TypeKind::WaitGroup, 16);
  tWaitGroup.name = "sync.WaitGroup";
  tDuration.kind = TypeKind::Named;
  tDuration.name = "time.Duration";
  tDuration.elem = &tInt64;
  tDuration.size = 8;
  tDuration.align = 8;
}

const Universe& universe() {
  static const Universe u;
  return u;
}

void finishType(Type& t) {
  switch (t.kind) {
    case TypeKind::Pointer:
    case TypeKind::Func:
    case TypeKind::WeakPointer:
      t.size = 8;
      t.align = 8;
      t.hasPointers = true;
      break;
    case TypeKind::Slice:
      t.size = 24;
      t.align = 8;
      t.hasPointers = true;
      break;
    case TypeKind::Interface:
      t.size = 16;
      t.align = 8;
      t.hasPointers = true;
      break;
    case TypeKind::Array:
      t.size = t.elem->size * t.len;
      t.align = t.elem->align;
      t.hasPointers = t.len > 0 && t.elem->hasPointers;
      break;
    case TypeKind::Struct: {
      std::int64_t off = 0, align = 1;
      bool ptrs = false;
      for (StructField& f : t.fields) {
        std::int64_t a = f.type->align;
        off = (off + a - 1) / a * a;
        f.offset = off;
        off += f.type->size;
        if (a > align) align = a;
        ptrs = ptrs || f.type->hasPointers;
      }
      // A final zero-size field gets a byte of padding (types/size.go), then round up.
      if (!t.fields.empty() && t.fields.back().type->size == 0 && off > 0) off++;
      t.size = (off + align - 1) / align * align;
      t.align = align;
      t.hasPointers = ptrs;
      break;
    }
    case TypeKind::Named:
      if (t.elem) {
        t.size = t.elem->size;
        t.align = t.elem->align;
        t.hasPointers = t.elem->hasPointers;
      }
      break;
    default: break;
  }
}

const Type* under(const Type* t) {
  while (t && t->kind == TypeKind::Named && t->elem) t = t->elem;
  return t;
}

bool isInterface(const Type* t) { return t && under(t)->kind == TypeKind::Interface; }

bool isUntyped(const Type* t) {
  switch (t->kind) {
    case TypeKind::UntypedInt:
    case TypeKind::UntypedRune:
    case TypeKind::UntypedBool:
    case TypeKind::UntypedString:
    case TypeKind::UntypedNil: return true;
    default: return false;
  }
}

bool isInteger(const Type* t) {
  switch (under(t)->kind) {
    case TypeKind::Int:
    case TypeKind::Int64:
    case TypeKind::Uint8:
    case TypeKind::Uintptr:
    case TypeKind::UntypedInt:
    case TypeKind::UntypedRune: return true;
    default: return false;
  }
}

bool isPointer(const Type* t) { return t && under(t)->kind == TypeKind::Pointer; }

// types.IsDirectIface: pointer-shaped types are stored in an interface's data word as they are.
bool isDirectIface(const Type* t) {
  t = under(t);
  switch (t->kind) {
    case TypeKind::Pointer:
    case TypeKind::Func:
    case TypeKind::UnsafePointer: return true;
    case TypeKind::Array: return t->len == 1 && isDirectIface(t->elem);
    case TypeKind::Struct: return t->fields.size() == 1 && isDirectIface(t->fields[0].type);
    default: return false;
  }
}

bool identical(const Type* a, const Type* b) {
  if (a == b) return true;
  if (!a || !b || a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::Named: return false;  // named types are identical only to themselves
    case TypeKind::Pointer:
    case TypeKind::Slice:
    case TypeKind::WeakPointer: return identical(a->elem, b->elem);
    case TypeKind::Array: return a->len == b->len && identical(a->elem, b->elem);
    case TypeKind::Struct:
      if (a->fields.size() != b->fields.size()) return false;
      for (std::size_t i = 0; i < a->fields.size(); ++i)
        if (a->fields[i].name != b->fields[i].name || !identical(a->fields[i].type, b->fields[i].type))
          return false;
      return true;
    case TypeKind::Func:
      if (a->params.size() != b->params.size() || a->results.size() != b->results.size() ||
          a->variadic != b->variadic)
        return false;
      for (std::size_t i = 0; i < a->params.size(); ++i)
        if (!identical(a->params[i], b->params[i])) return false;
      for (std::size_t i = 0; i < a->results.size(); ++i)
        if (!identical(a->results[i], b->results[i])) return false;
      return true;
    case TypeKind::Interface: return true;  // only the empty interface is in the subset
    default: return true;                   // basic kinds: one type per kind
  }
}

std::string typeString(const Type* t) {
  if (!t) return "<nil>";
  switch (t->kind) {
    case TypeKind::Int: return "int";
    case TypeKind::Int64: return "int64";
    case TypeKind::Uint8: return t->name.empty() ? "uint8" : t->name;
    case TypeKind::Bool: return "bool";
    case TypeKind::String: return "string";
    case TypeKind::Uintptr: return "uintptr";
    case TypeKind::UnsafePointer: return "unsafe.Pointer";
    case TypeKind::UntypedInt: return "untyped int";
    case TypeKind::UntypedRune: return "untyped rune";
    case TypeKind::UntypedBool: return "untyped bool";
    case TypeKind::UntypedString: return "untyped string";
    case TypeKind::UntypedNil: return "untyped nil";
    case TypeKind::Pointer: return "*" + typeString(t->elem);
    case TypeKind::Slice: return "[]" + typeString(t->elem);
    case TypeKind::Array: return "[" + std::to_string(t->len) + "]" + typeString(t->elem);
    case TypeKind::Interface: return t->name.empty() ? "interface {}" : t->name;
    case TypeKind::Named: return t->name;
    case TypeKind::WaitGroup: return "sync.WaitGroup";
    case TypeKind::WeakPointer: return "weak.Pointer[" + typeString(t->elem) + "]";
    case TypeKind::Struct: {
      std::string s = "struct {";
      for (std::size_t i = 0; i < t->fields.size(); ++i)
        s += (i ? "; " : " ") + t->fields[i].name + " " + typeString(t->fields[i].type);
      return s + (t->fields.empty() ? "}" : " }");
    }
    case TypeKind::Func:
    case TypeKind::Tuple: {
      std::string s = t->kind == TypeKind::Func ? "func(" : "(";
      for (std::size_t i = 0; i < t->params.size(); ++i) s += (i ? ", " : "") + typeString(t->params[i]);
      if (t->kind == TypeKind::Tuple)
        for (std::size_t i = 0; i < t->results.size(); ++i) s += (i ? ", " : "") + typeString(t->results[i]);
      s += ")";
      if (t->kind == TypeKind::Func && t->results.size() == 1) s += " " + typeString(t->results[0]);
      if (t->kind == TypeKind::Func && t->results.size() > 1) {
        s += " (";
        for (std::size_t i = 0; i < t->results.size(); ++i) s += (i ? ", " : "") + typeString(t->results[i]);
        s += ")";
      }
      return s;
    }
  }
  return "?";
}

}  // namespace tricolor::golang
