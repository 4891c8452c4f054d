// Go's node printer for the subset (see print.hpp). Precedences follow
// ir.OpPrec: a subexpression binding less tightly than its context is
// parenthesised.
#include "core/golang/print.hpp"

#include "core/golang/types.hpp"

namespace tricolor::golang {

namespace {

int binaryPrec(const std::string& op) {
  if (op == "||") return 1;
  if (op == "&&") return 2;
  if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=") return 3;
  if (op == "+" || op == "-" || op == "|" || op == "^") return 4;
  return 5;  // * / % << >> & &^
}

int prec(const Expr* e) {
  switch (e->kind) {
    case ExprKind::Binary: return binaryPrec(e->text);
    case ExprKind::Unary: return e->op == Op::PtrLit ? 8 : 7;
    default: return 8;
  }
}

void print(std::string& out, const Expr* e, int ctx);

void list(std::string& out, const std::vector<Expr*>& l) {
  for (std::size_t i = 0; i < l.size(); ++i) {
    if (i) out += ", ";
    print(out, l[i], 0);
  }
}

std::string typeOf(const Expr* e) {
  if (e->type) return typeString(e->type);
  return sourceString(e);
}

// Type syntax in expression position.
void printType(std::string& out, const Expr* e) {
  switch (e->kind) {
    case ExprKind::PointerType:
      out += "*";
      print(out, e->x, 8);
      return;
    case ExprKind::SliceType:
      out += "[]";
      print(out, e->x, 8);
      return;
    case ExprKind::ArrayType:
      out += "[";
      if (e->y)
        print(out, e->y, 0);
      else
        out += "...";
      out += "]";
      print(out, e->x, 8);
      return;
    case ExprKind::StructType: out += e->type ? typeString(e->type) : "struct{...}"; return;
    case ExprKind::FuncType: out += e->type ? typeString(e->type) : "func(...)"; return;
    case ExprKind::InterfaceType: out += "interface {}"; return;
    case ExprKind::MapType: out += "map[...]"; return;
    case ExprKind::ChanType: out += "chan"; return;
    default: return;
  }
}

void print(std::string& out, const Expr* e, int ctx) {
  if (!e) {
    out += "<nil>";
    return;
  }
  // Implicit nodes print as their operand.
  while (e->implicit && e->op != Op::PtrLit) {
    if (e->op == Op::ConvIface)
      e = e->list[0];
    else
      e = e->x;
  }
  int p = prec(e);
  if (ctx > p) {
    out += "(";
    print(out, e, 0);
    out += ")";
    return;
  }
  switch (e->kind) {
    case ExprKind::Ident:
    case ExprKind::IntLit:
    case ExprKind::StringLit:
    case ExprKind::RuneLit: out += e->text; return;
    case ExprKind::Composite:
      out += e->type ? typeString(e->type) : (e->x ? sourceString(e->x) : "");
      out += e->list.empty() ? "{}" : "{...}";
      return;
    case ExprKind::KeyValue:
      print(out, e->x, 0);
      out += ":";
      print(out, e->y, 0);
      return;
    case ExprKind::FuncLit: out += "func literal"; return;
    case ExprKind::Paren:
      out += "(";
      print(out, e->x, 0);
      out += ")";
      return;
    case ExprKind::Selector:
      print(out, e->x, 8);
      out += "." + e->text;
      return;
    case ExprKind::Index:
      print(out, e->x, 8);
      out += "[";
      print(out, e->y, 0);
      out += "]";
      return;
    case ExprKind::Slice:
      print(out, e->x, 8);
      out += "[";
      if (e->y) print(out, e->y, 0);
      out += ":";
      if (e->z) print(out, e->z, 0);
      if (e->slice3) {
        out += ":";
        if (e->w) print(out, e->w, 0);
      }
      out += "]";
      return;
    case ExprKind::TypeAssert:
      print(out, e->x, 8);
      out += ".(" + (e->type ? typeString(e->type) : sourceString(e->y)) + ")";
      return;
    case ExprKind::Call:
      if (e->op == Op::New || e->op == Op::MakeSlice) {
        out += e->op == Op::New ? "new(" : "make(";
        out += typeOf(e->list[0]);
        for (std::size_t i = 1; i < e->list.size(); ++i) {
          out += ", ";
          print(out, e->list[i], 0);
        }
        out += ")";
        return;
      }
      if ((e->op == Op::Conv || e->op == Op::ConvIface) && e->x) {
        const Type* t = e->type;
        bool named =
            t && (t->kind == TypeKind::Named || t->kind <= TypeKind::UnsafePointer || !t->name.empty());
        out += named ? typeString(t) : "(" + typeString(t) + ")";
        out += "(";
        print(out, e->list[0], 0);
        out += ")";
        return;
      }
      if (e->op == Op::CallMeth ||
          (e->op == Op::Builtin && e->x && e->x->kind == ExprKind::Selector && e->x->x->op != Op::Package)) {
        // After cmd/compile's FixMethodCall: (*T).M(recv, args...).
        const Expr* recv = e->x->x;
        const Expr* r = recv;
        while (r->implicit) r = r->x;
        const Type* rt = recv->type;
        std::string ts = typeString(rt);
        out += rt && rt->kind == TypeKind::Pointer ? "(" + ts + ")" : ts;
        out += "." + e->x->text + "(";
        print(out, recv, 0);
        for (const Expr* a : e->list) {
          out += ", ";
          print(out, a, 0);
        }
        out += ")";
        return;
      }
      if (e->x) print(out, e->x, 8);
      out += "(";
      list(out, e->list);
      out += e->ellipsis ? "...)" : ")";
      return;
    case ExprKind::Unary:
      out += e->text;
      if (e->x->kind == ExprKind::Unary && e->x->text == e->text) out += " ";
      print(out, e->x, 8);
      return;
    case ExprKind::Binary:
      print(out, e->x, p);
      out += " " + e->text + " ";
      print(out, e->y, p + 1);
      return;
    default: printType(out, e); return;
  }
}

}  // namespace

std::string exprString(const Expr* e) {
  std::string s;
  print(s, e, 0);
  return s;
}

std::string sourceString(const Expr* e) { return exprString(e); }

std::string stmtString(const Stmt* s) {
  auto joined = [](const std::vector<Expr*>& l) {
    std::string out;
    for (std::size_t i = 0; i < l.size(); ++i) out += (i ? ", " : "") + exprString(l[i]);
    return out;
  };
  switch (s->kind) {
    case StmtKind::Assign:
    case StmtKind::Define:
    case StmtKind::OpAssign: return joined(s->lhs) + " " + s->text + " " + joined(s->rhs);
    case StmtKind::VarDecl: return joined(s->lhs) + " = " + joined(s->rhs);
    case StmtKind::IncDec: return exprString(s->lhs[0]) + s->text;
    case StmtKind::Return: return s->rhs.empty() ? "return" : "return " + joined(s->rhs);
    case StmtKind::Expr: return exprString(s->lhs[0]);
    case StmtKind::Go: return "go " + exprString(s->call);
    case StmtKind::Range: return "for loop";
    default: return "statement";
  }
}

}  // namespace tricolor::golang
