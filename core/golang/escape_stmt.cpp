// Statements in the escape graph (escape/stmt.go).
//
// Escape analysis is flow-insensitive: the order of statements does not
// matter, except through loop depth. A variable declared outside a loop
// outlives an allocation made inside it (each iteration's allocation would be
// overwritten while the variable still holds the previous one), so a
// location whose declaration is at a smaller loop depth "outlives" one at a
// greater depth, and an address flowing from the inner to the outer one
// escapes.
#include "core/golang/escape_impl.hpp"

namespace tricolor::golang::esc {

void Batch::stmts(const std::vector<Stmt*>& l) {
  for (const Stmt* s : l) stmt(s);
}

void Batch::block(const std::vector<Stmt*>& l) {
  int old = loopDepth_;
  stmts(l);
  loopDepth_ = old;
}

Hole Batch::dcl(Object* v) {
  Location* loc = oldLoc(v);
  loc->loopDepth = loopDepth_;
  return Hole{loc};
}

void Batch::walkFunc(const FuncInfo* fn) {
  const FuncInfo* savedFn = curfn_;
  int savedDepth = loopDepth_;
  curfn_ = fn;
  loopDepth_ = 1;
  block(fn->body);
  curfn_ = savedFn;
  loopDepth_ = savedDepth;
}

void Batch::stmt(const Stmt* s) {
  if (!s) return;
  auto exprs = [](const std::vector<Expr*>& l) { return std::vector<const Expr*>(l.begin(), l.end()); };
  switch (s->kind) {
    case StmtKind::Block:
      if (s->text == "decl")
        stmts(s->body);  // var ( ... ): no new block
      else
        stmts(s->body);
      return;
    case StmtKind::Expr: call(nullptr, s->lhs[0]); return;
    case StmtKind::Define:
    case StmtKind::Assign: {
      for (Object* d : s->defs)
        if (d) dcl(d);
      const char* why = s->lhs.size() > 1 ? "assign-pair" : "assign";
      if (s->rhs.size() == 1 && s->rhs[0]->op == Op::DotType2) {
        assignList(exprs(s->lhs), exprs(s->rhs), "assign-pair-dot-type", s);
        return;
      }
      if (s->rhs.size() == 1 && s->lhs.size() > 1) {
        // OAS2FUNC: a, b = f()
        std::vector<Hole> ks;
        for (const Expr* l : s->lhs) ks.push_back(addrOf(l));
        call(&ks, s->rhs[0]);
        reassigned(ks, s);
        return;
      }
      assignList(exprs(s->lhs), exprs(s->rhs), why, s);
      return;
    }
    case StmtKind::OpAssign: assignList(exprs(s->lhs), exprs(s->rhs), "assign", s); return;
    case StmtKind::IncDec: assignList(exprs(s->lhs), {nullptr}, "assign", s); return;
    case StmtKind::VarDecl: {
      for (Object* d : s->defs)
        if (d) dcl(d);
      if (s->rhs.empty()) return;  // zeroing: no flow, not a reassignment
      if (s->rhs.size() == 1 && s->lhs.size() > 1) {
        std::vector<Hole> ks;
        for (const Expr* l : s->lhs) ks.push_back(addrOf(l));
        call(&ks, s->rhs[0]);
        reassigned(ks, s);
        return;
      }
      assignList(exprs(s->lhs), exprs(s->rhs), s->lhs.size() > 1 ? "assign-pair" : "assign", s);
      return;
    }
    case StmtKind::ConstDecl:
    case StmtKind::Break:
    case StmtKind::Continue:
    case StmtKind::Empty: return;
    case StmtKind::Return: {
      const std::vector<Object*>& res = curfn_->resultVars;
      if (s->rhs.size() == 1 && res.size() > 1) {
        std::vector<Hole> ks;
        for (Object* r : res) ks.push_back(Hole{oldLoc(r)});
        call(&ks, s->rhs[0]);
        reassigned(ks, s);
        return;
      }
      std::vector<Hole> ks;
      for (Object* r : res) ks.push_back(Hole{oldLoc(r)});
      for (std::size_t i = 0; i < ks.size(); ++i)
        expr(noteS(ks[i], s, "return"), i < s->rhs.size() ? s->rhs[i] : nullptr);
      reassigned(ks, s);
      return;
    }
    case StmtKind::If:
      if (s->init) stmt(s->init);
      discard(s->cond);
      block(s->body);
      block(s->els);
      return;
    case StmtKind::For:
      if (s->init) stmt(s->init);
      ++loopDepth_;
      discard(s->cond);
      stmt(s->post);
      block(s->body);
      --loopDepth_;
      return;
    case StmtKind::Range: {
      // The ranged value is evaluated once into a temporary; each iteration
      // copies an element (a dereference of a slice, the array itself) into the value variable.
      Location* tmp = newLoc(nullptr, nullptr, false);
      expr(Hole{tmp}, s->rhs[0]);
      ++loopDepth_;
      std::vector<Hole> ks;
      ks.push_back(s->lhs.size() > 0 ? addrOf(s->lhs[0]) : discardHole());
      ks.push_back(s->lhs.size() > 1 ? addrOf(s->lhs[1]) : discardHole());
      const Type* xt = s->rhs[0]->type;
      if (under(xt)->kind == TypeKind::Array)
        flow(noteS(ks[1], s, "range"), tmp);
      else
        flow(noteS(shift(ks[1], 1), s, "range-deref"), tmp);
      reassigned(ks, s);
      block(s->body);
      --loopDepth_;
      return;
    }
    case StmtKind::Go: goStmt(s); return;
    default: return;
  }
}

}  // namespace tricolor::golang::esc
