// From tree-sitter's concrete syntax tree to tricolor's Go syntax tree.
//
// tree-sitter (with the tree-sitter-go grammar, third_party/) parses any Go
// file, with error recovery: a syntax error becomes an ERROR or a MISSING
// node instead of stopping the parse. This pass walks that tree once, reports
// the first syntax error at its line:column, refuses the constructs outside
// tricolor's subset where they are recognisable by syntax alone (maps,
// channels, switch, defer, labels, generics, floats ...) with a message that
// names them, and builds the nodes of ast.hpp.
//
// Positions are the ones cmd/compile prints, which are not always where a
// node starts: a call is at its "(", an assignment at its operator, a binary
// expression at its operator, a composite literal at its "{" (and &T{} at the
// "&"). tree-sitter's columns count bytes from 0, Go's count bytes from 1.
#include "core/golang/syntax.hpp"

#include <tree_sitter/api.h>

#include <cstring>
#include <string_view>

#include "core/golang/diag.hpp"

extern "C" const TSLanguage* tree_sitter_go(void);

namespace tricolor::golang {

namespace {

struct Converter {
  File& f;
  Arena& a;
  std::string_view src;

  Pos pos(TSNode n) const {
    TSPoint p = ts_node_start_point(n);
    return Pos{int(p.row) + 1, int(p.column) + 1};
  }
  std::string text(TSNode n) const {
    return std::string(src.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n)));
  }
  static std::string_view type(TSNode n) { return ts_node_type(n); }
  static TSNode field(TSNode n, const char* name) {
    return ts_node_child_by_field_name(n, name, std::strlen(name));
  }
  static bool null(TSNode n) { return ts_node_is_null(n); }
  // The first anonymous child whose text is tok (an operator or keyword).
  TSNode token(TSNode n, std::string_view tok) const {
    std::uint32_t c = ts_node_child_count(n);
    for (std::uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_child(n, i);
      if (!ts_node_is_named(ch) && type(ch) == tok) return ch;
    }
    return TSNode{};
  }
  // The children of n in field `name` (a TSTreeCursor: ts_node_field_name_for_child
  // of tree-sitter 0.20.7 misses some children).
  static std::vector<TSNode> fieldChildren(TSNode n, const char* name) {
    std::vector<TSNode> out;
    TSTreeCursor c = ts_tree_cursor_new(n);
    if (ts_tree_cursor_goto_first_child(&c)) {
      do {
        const char* f = ts_tree_cursor_current_field_name(&c);
        if (f && std::strcmp(f, name) == 0) out.push_back(ts_tree_cursor_current_node(&c));
      } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
    return out;
  }
  std::vector<TSNode> named(TSNode n) const {
    std::vector<TSNode> out;
    std::uint32_t c = ts_node_named_child_count(n);
    for (std::uint32_t i = 0; i < c; ++i) {
      TSNode ch = ts_node_named_child(n, i);
      if (type(ch) != "comment") out.push_back(ch);
    }
    return out;
  }

  // ---- limits --------------------------------------------------------------
  // Every later pass recurses over the tree: refuse nesting deeper than any
  // program of the subset needs, before recursing (iteratively, with a cursor).
  void checkDepth(TSNode root) const {
    constexpr std::uint32_t kMaxDepth = 200;
    TSTreeCursor c = ts_tree_cursor_new(root);
    std::uint32_t depth = 0;
    for (;;) {
      if (depth > kMaxDepth) {
        TSNode n = ts_tree_cursor_current_node(&c);
        ts_tree_cursor_delete(&c);
        fail(pos(n), "program nested too deeply (more than 200 levels)");
      }
      if (ts_tree_cursor_goto_first_child(&c)) {
        ++depth;
        continue;
      }
      while (!ts_tree_cursor_goto_next_sibling(&c)) {
        if (!ts_tree_cursor_goto_parent(&c)) {
          ts_tree_cursor_delete(&c);
          return;
        }
        --depth;
      }
    }
  }

  // ---- syntax errors -------------------------------------------------------
  void findSyntaxError(TSNode n) {
    if (ts_node_is_missing(n)) fail(pos(n), "syntax error: missing " + std::string(type(n)));
    if (type(n) == "ERROR") {
      std::string t = text(n);
      std::size_t nl = t.find('\n');
      if (nl != std::string::npos) t = t.substr(0, nl);
      if (t.size() > 20) t = t.substr(0, 20) + "...";
      fail(pos(n), "syntax error: unexpected " + (t.empty() ? std::string("end of file") : "'" + t + "'"));
    }
    if (!ts_node_has_error(n)) return;
    std::uint32_t c = ts_node_child_count(n);
    for (std::uint32_t i = 0; i < c; ++i) findSyntaxError(ts_node_child(n, i));
  }

  // ---- file ----------------------------------------------------------------
  void file(TSNode root) {
    bool sawPackage = false;
    for (TSNode d : namedWithComments(root)) {
      std::string_view t = type(d);
      if (t == "comment") {
        comment(d);
      } else if (t == "package_clause") {
        sawPackage = true;
        TSNode id = named(d).at(0);
        f.package = text(id);
        f.packagePos = pos(id);
      } else if (t == "import_declaration") {
        importDecl(d);
      } else if (t == "function_declaration" || t == "method_declaration") {
        f.funcs.push_back(funcDecl(d));
      } else if (t == "type_declaration") {
        typeDecl(d);
      } else if (t == "var_declaration" || t == "const_declaration") {
        f.globals.push_back(varDecl(d));
      } else {
        fail(pos(d), "syntax error: non-declaration statement outside function body");
      }
    }
    if (!sawPackage) fail(Pos{1, 1}, "syntax error: package statement must be first");
  }
  std::vector<TSNode> namedWithComments(TSNode n) const {
    std::vector<TSNode> out;
    std::uint32_t c = ts_node_named_child_count(n);
    for (std::uint32_t i = 0; i < c; ++i) out.push_back(ts_node_named_child(n, i));
    return out;
  }
  void comment(TSNode c) {
    Comment k;
    k.pos = pos(c);
    k.text = text(c);
    // Trailing: code before it on the same line.
    std::size_t b = ts_node_start_byte(c);
    std::size_t ls = src.rfind('\n', b == 0 ? 0 : b - 1);
    ls = ls == std::string_view::npos ? 0 : ls + 1;
    for (std::size_t i = ls; i < b; ++i)
      if (src[i] != ' ' && src[i] != '\t') k.trailing = true;
    f.comments.push_back(k);
  }
  void collectComments(TSNode n) {
    if (type(n) == "comment") {
      comment(n);
      return;
    }
    std::uint32_t c = ts_node_named_child_count(n);
    for (std::uint32_t i = 0; i < c; ++i) collectComments(ts_node_named_child(n, i));
  }
  void importDecl(TSNode d) {
    for (TSNode s : named(d)) {
      if (type(s) == "import_spec_list") {
        for (TSNode x : named(s)) importSpec(x);
      } else {
        importSpec(s);
      }
    }
  }
  void importSpec(TSNode s) {
    Import im;
    TSNode path = field(s, "path");
    im.path = text(path);
    if (im.path.size() >= 2) im.path = im.path.substr(1, im.path.size() - 2);
    im.pos = pos(path);
    TSNode name = field(s, "name");
    if (!null(name)) refuse(pos(name), "renamed imports are");
    std::size_t sl = im.path.rfind('/');
    im.name = sl == std::string::npos ? im.path : im.path.substr(sl + 1);
    f.imports.push_back(im);
  }
  void typeDecl(TSNode d) {
    for (TSNode s : named(d)) {
      if (type(s) == "type_alias") refuse(pos(s), "type aliases are");
      if (!null(field(s, "type_parameters"))) refuse(pos(field(s, "type_parameters")), "generic types are");
      TypeDeclInfo t;
      TSNode name = field(s, "name");
      t.name = text(name);
      t.pos = pos(name);
      t.type = expr(field(s, "type"));
      f.types.push_back(t);
    }
  }

  // ---- functions -----------------------------------------------------------
  FuncInfo* funcDecl(TSNode d) {
    FuncInfo* fn = a.func();
    TSNode name = field(d, "name");
    fn->name = text(name);
    fn->pos = pos(name);
    if (!null(field(d, "type_parameters"))) refuse(pos(field(d, "type_parameters")), "generic functions are");
    if (type(d) == "method_declaration") {
      std::vector<Field> r;
      params(field(d, "receiver"), r);
      if (r.size() != 1 || r[0].names.size() > 1) fail(pos(d), "method has multiple receivers");
      a.fields.push_back(r[0]);
      fn->recv = &a.fields.back();
    }
    signature(d, *fn);
    TSNode body = field(d, "body");
    if (null(body)) {
      fn->hasBody = false;
      fail(fn->pos, "missing function body");
    }
    fn->body = block(body);
    TSPoint end = ts_node_end_point(body);
    fn->endPos = Pos{int(end.row) + 1, int(end.column)};
    return fn;
  }
  void signature(TSNode d, FuncInfo& fn) {
    params(field(d, "parameters"), fn.params);
    TSNode res = field(d, "result");
    if (!null(res)) {
      if (type(res) == "parameter_list") {
        params(res, fn.results);
      } else {
        Field r;
        r.type = expr(res);
        r.pos = pos(res);
        fn.results.push_back(r);
      }
    }
  }
  void params(TSNode list, std::vector<Field>& out) {
    for (TSNode p : named(list)) {
      Field fl;
      fl.pos = pos(p);
      if (type(p) == "variadic_parameter_declaration") refuse(pos(p), "variadic functions are");
      for (TSNode ch : fieldChildren(p, "name")) {
        fl.names.push_back(text(ch));
        fl.namePos.push_back(pos(ch));
      }
      fl.type = expr(field(p, "type"));
      out.push_back(fl);
    }
  }
  // ---- statements ----------------------------------------------------------
  std::vector<Stmt*> block(TSNode b) {
    std::vector<Stmt*> out;
    collectComments(b);
    TSNode list = b;
    // tree-sitter-go 0.23 puts a block's statements in a statement_list.
    for (TSNode ch : named(b))
      if (type(ch) == "statement_list") list = ch;
    for (TSNode s : named(list)) {
      if (type(s) == "statement_list") continue;
      Stmt* st = stmt(s);
      if (st) out.push_back(st);
    }
    return out;
  }
  Stmt* blockStmt(TSNode b) {
    Stmt* s = a.stmt(StmtKind::Block, pos(b));
    s->body = block(b);
    return s;
  }
  std::vector<Expr*> exprList(TSNode n) {
    std::vector<Expr*> out;
    if (null(n)) return out;
    if (type(n) == "expression_list") {
      for (TSNode e : named(n)) out.push_back(expr(e));
    } else {
      out.push_back(expr(n));
    }
    return out;
  }
  Stmt* stmt(TSNode s) {
    std::string_view t = type(s);
    Pos p = pos(s);
    if (t == "expression_statement") {
      Stmt* st = a.stmt(StmtKind::Expr, p);
      st->lhs.push_back(expr(named(s).at(0)));
      st->pos = st->lhs[0]->pos;
      return st;
    }
    if (t == "short_var_declaration" || t == "assignment_statement") {
      TSNode op = t == "short_var_declaration" ? token(s, ":=") : field(s, "operator");
      std::string o = null(op) ? "=" : text(op);
      StmtKind k = o == ":=" ? StmtKind::Define : (o == "=" ? StmtKind::Assign : StmtKind::OpAssign);
      Stmt* st = a.stmt(k, null(op) ? p : pos(op));
      st->text = o;
      st->lhs = exprList(field(s, "left"));
      st->rhs = exprList(field(s, "right"));
      if (k == StmtKind::OpAssign && (st->lhs.size() != 1 || st->rhs.size() != 1))
        fail(st->pos, "syntax error: unexpected " + o + ", expecting := or = or comma");
      return st;
    }
    if (t == "inc_statement" || t == "dec_statement") {
      TSNode op = token(s, t == "inc_statement" ? "++" : "--");
      Stmt* st = a.stmt(StmtKind::IncDec, null(op) ? p : pos(op));
      st->text = t == "inc_statement" ? "++" : "--";
      st->lhs.push_back(expr(named(s).at(0)));
      return st;
    }
    if (t == "var_declaration" || t == "const_declaration") return varDecl(s);
    if (t == "type_declaration") refuse(p, "type declarations inside functions are");
    if (t == "return_statement") {
      Stmt* st = a.stmt(StmtKind::Return, p);
      auto ch = named(s);
      if (!ch.empty()) st->rhs = exprList(ch[0]);
      return st;
    }
    if (t == "if_statement") return ifStmt(s);
    if (t == "for_statement") return forStmt(s);
    if (t == "block") return blockStmt(s);
    if (t == "go_statement" || t == "defer_statement") {
      if (t == "defer_statement") refuse(p, "defer statements are");
      Stmt* st = a.stmt(StmtKind::Go, p);
      st->call = expr(named(s).at(0));
      if (st->call->kind != ExprKind::Call) fail(st->call->pos, "expression in go must be function call");
      return st;
    }
    if (t == "break_statement" || t == "continue_statement") {
      if (!named(s).empty()) refuse(p, "labelled break and continue are");
      return a.stmt(t == "break_statement" ? StmtKind::Break : StmtKind::Continue, p);
    }
    if (t == "empty_statement") return nullptr;
    if (t == "labeled_statement") refuse(p, "labels are");
    if (t == "goto_statement") refuse(p, "goto statements are");
    if (t == "expression_switch_statement" || t == "type_switch_statement")
      refuse(p, "switch statements are");
    if (t == "select_statement") refuse(p, "select statements are");
    if (t == "send_statement") refuse(p, "channels are");
    if (t == "fallthrough_statement") refuse(p, "fallthrough statements are");
    refuse(p, "'" + std::string(t) + "' statements are");
  }
  Stmt* varDecl(TSNode d) {
    bool isConst = type(d) == "const_declaration";
    Stmt* group = nullptr;
    std::vector<TSNode> specs;
    for (TSNode s : named(d)) {
      if (type(s) == "var_spec_list") {
        for (TSNode x : named(s)) specs.push_back(x);
      } else {
        specs.push_back(s);
      }
    }
    // One Stmt per spec, grouped in a Block when there are several.
    std::vector<Stmt*> out;
    for (TSNode s : specs) {
      Stmt* st = a.stmt(isConst ? StmtKind::ConstDecl : StmtKind::VarDecl, pos(s));
      for (TSNode ch : fieldChildren(s, "name")) st->lhs.push_back(ident(ch));
      TSNode ty = field(s, "type");
      if (!null(ty)) st->typeX = expr(ty);
      st->rhs = exprList(field(s, "value"));
      if (isConst && st->rhs.empty()) refuse(st->pos, "constants without a value (iota repetition) are");
      out.push_back(st);
    }
    if (out.size() == 1) return out[0];
    group = a.stmt(StmtKind::Block, pos(d));
    group->body = out;
    group->text = "decl";
    return group;
  }
  Stmt* ifStmt(TSNode s) {
    Stmt* st = a.stmt(StmtKind::If, pos(s));
    TSNode init = field(s, "initializer");
    if (!null(init)) st->init = stmt(init);
    st->cond = expr(field(s, "condition"));
    st->body = block(field(s, "consequence"));
    TSNode alt = field(s, "alternative");
    if (!null(alt)) {
      st->hasElse = true;
      st->els.push_back(type(alt) == "if_statement" ? ifStmt(alt) : blockStmt(alt));
    }
    return st;
  }
  Stmt* forStmt(TSNode s) {
    Pos p = pos(s);
    TSNode body = field(s, "body");
    std::vector<TSNode> ch = named(s);
    TSNode head{};
    for (TSNode c : ch)
      if (!ts_node_eq(c, body)) head = c;
    if (!null(head) && type(head) == "range_clause") {
      Stmt* st = a.stmt(StmtKind::Range, p);
      TSNode left = field(head, "left");
      if (!null(left)) {
        TSNode op = token(head, ":=");
        st->rangeDefine = !null(op);
        if (null(op) && null(token(head, "="))) fail(pos(head), "syntax error: range clause");
        st->lhs = exprList(left);
        if (st->lhs.size() > 2) fail(pos(left), "range clause permits at most two iteration variables");
      }
      st->rhs.push_back(expr(field(head, "right")));
      st->body = block(body);
      return st;
    }
    Stmt* st = a.stmt(StmtKind::For, p);
    if (!null(head)) {
      if (type(head) == "for_clause") {
        TSNode init = field(head, "initializer");
        if (!null(init)) st->init = stmt(init);
        TSNode cond = field(head, "condition");
        if (!null(cond)) st->cond = expr(cond);
        TSNode post = field(head, "update");
        if (!null(post)) st->post = stmt(post);
      } else {
        st->cond = expr(head);
      }
    }
    st->body = block(body);
    return st;
  }

  // ---- expressions ---------------------------------------------------------
  Expr* ident(TSNode n) {
    Expr* e = a.expr(ExprKind::Ident, pos(n));
    e->text = text(n);
    return e;
  }
  Expr* expr(TSNode n);
  Expr* typeExpr(TSNode n);
  Expr* composite(TSNode n, Expr* typ);
  Expr* literalValue(TSNode body, Expr* typ);
  Expr* element(TSNode n);
};

Expr* Converter::expr(TSNode n) {
  if (null(n)) fail(Pos{}, "syntax error: missing expression");
  std::string_view t = type(n);
  Pos p = pos(n);
  if (t == "identifier" || t == "type_identifier" || t == "field_identifier" || t == "package_identifier" ||
      t == "true" || t == "false" || t == "nil" || t == "blank_identifier")
    return ident(n);
  if (t == "iota") refuse(p, "iota is");
  if (t == "int_literal") {
    Expr* e = a.expr(ExprKind::IntLit, p);
    e->text = text(n);
    return e;
  }
  if (t == "interpreted_string_literal" || t == "raw_string_literal") {
    Expr* e = a.expr(ExprKind::StringLit, p);
    e->text = text(n);
    return e;
  }
  if (t == "rune_literal") {
    Expr* e = a.expr(ExprKind::RuneLit, p);
    e->text = text(n);
    return e;
  }
  if (t == "float_literal") refuse(p, "floating-point numbers are");
  if (t == "imaginary_literal") refuse(p, "complex numbers are");
  if (t == "parenthesized_expression" || t == "parenthesized_type") {
    Expr* e = a.expr(ExprKind::Paren, p);
    e->x = expr(named(n).at(0));
    return e;
  }
  if (t == "unary_expression") {
    TSNode op = field(n, "operator");
    std::string o = text(op);
    if (o == "<-") refuse(p, "channels are");
    Expr* operand = expr(field(n, "operand"));
    Expr* e = a.expr(ExprKind::Unary, p);
    e->text = o;
    e->x = operand;
    return e;
  }
  if (t == "binary_expression") {
    TSNode op = field(n, "operator");
    Expr* e = a.expr(ExprKind::Binary, pos(op));
    e->text = text(op);
    e->x = expr(field(n, "left"));
    e->y = expr(field(n, "right"));
    return e;
  }
  if (t == "selector_expression") {
    Expr* e = a.expr(ExprKind::Selector, p);
    e->x = expr(field(n, "operand"));
    TSNode fld = field(n, "field");
    e->text = text(fld);
    TSNode dot = token(n, ".");
    if (!null(dot)) e->pos = pos(dot);
    return e;
  }
  if (t == "qualified_type") {
    Expr* e = a.expr(ExprKind::Selector, p);
    e->x = ident(field(n, "package"));
    e->text = text(field(n, "name"));
    return e;
  }
  if (t == "index_expression") {
    TSNode br = token(n, "[");
    Expr* e = a.expr(ExprKind::Index, null(br) ? p : pos(br));
    e->x = expr(field(n, "operand"));
    e->y = expr(field(n, "index"));
    return e;
  }
  if (t == "slice_expression") {
    TSNode br = token(n, "[");
    Expr* e = a.expr(ExprKind::Slice, null(br) ? p : pos(br));
    e->x = expr(field(n, "operand"));
    TSNode lo = field(n, "start"), hi = field(n, "end"), mx = field(n, "capacity");
    if (!null(lo)) e->y = expr(lo);
    if (!null(hi)) e->z = expr(hi);
    if (!null(mx)) {
      e->w = expr(mx);
      e->slice3 = true;
    }
    return e;
  }
  if (t == "type_assertion_expression") {
    TSNode dot = token(n, ".");
    Expr* e = a.expr(ExprKind::TypeAssert, null(dot) ? p : pos(dot));
    e->x = expr(field(n, "operand"));
    e->y = expr(field(n, "type"));
    return e;
  }
  if (t == "type_conversion_expression") {
    TSNode lp = token(n, "(");
    Expr* e = a.expr(ExprKind::Call, null(lp) ? p : pos(lp));
    e->x = expr(field(n, "type"));
    e->list.push_back(expr(field(n, "operand")));
    return e;
  }
  if (t == "call_expression") {
    if (!null(field(n, "type_arguments")))
      refuse(pos(field(n, "type_arguments")), "explicit type arguments are");
    TSNode args = field(n, "arguments");
    Expr* e = a.expr(ExprKind::Call, pos(args));
    e->x = expr(field(n, "function"));
    for (TSNode arg : named(args)) {
      if (type(arg) == "variadic_argument") {
        e->ellipsis = true;
        e->list.push_back(expr(named(arg).at(0)));
      } else {
        e->list.push_back(expr(arg));
      }
    }
    return e;
  }
  if (t == "composite_literal") return composite(n, expr(field(n, "type")));
  if (t == "func_literal") {
    Expr* e = a.expr(ExprKind::FuncLit, p);
    FuncInfo* fn = a.func();
    fn->pos = p;
    fn->lit = e;
    signature(n, *fn);
    fn->body = block(field(n, "body"));
    e->fn = fn;
    return e;
  }
  return typeExpr(n);
}

// Type syntax in expression position (new(T), make([]T, n), T(x), composite literal types).
Expr* Converter::typeExpr(TSNode n) {
  std::string_view t = type(n);
  Pos p = pos(n);
  if (t == "pointer_type") {
    Expr* e = a.expr(ExprKind::PointerType, p);
    e->x = expr(named(n).at(0));
    return e;
  }
  if (t == "slice_type") {
    Expr* e = a.expr(ExprKind::SliceType, p);
    e->x = expr(field(n, "element"));
    return e;
  }
  if (t == "array_type" || t == "implicit_length_array_type") {
    Expr* e = a.expr(ExprKind::ArrayType, p);
    e->x = expr(field(n, "element"));
    if (t == "array_type") e->y = expr(field(n, "length"));
    return e;
  }
  if (t == "struct_type") {
    Expr* e = a.expr(ExprKind::StructType, p);
    e->fields = a.fieldList();
    for (TSNode list : named(n)) {
      collectComments(list);
      for (TSNode fd : named(list)) {
        Field fl;
        fl.pos = pos(fd);
        if (!null(field(fd, "tag"))) refuse(pos(field(fd, "tag")), "struct tags are");
        for (TSNode ch : fieldChildren(fd, "name")) {
          fl.names.push_back(text(ch));
          fl.namePos.push_back(pos(ch));
        }
        if (fl.names.empty()) refuse(fl.pos, "embedded fields are");
        fl.type = expr(field(fd, "type"));
        e->fields->push_back(fl);
      }
    }
    return e;
  }
  if (t == "function_type") {
    Expr* e = a.expr(ExprKind::FuncType, p);
    FuncInfo tmp;
    signature(n, tmp);
    e->fields = a.fieldList();
    *e->fields = tmp.params;
    e->results = a.fieldList();
    *e->results = tmp.results;
    return e;
  }
  if (t == "interface_type") {
    if (!named(n).empty()) refuse(p, "interfaces with methods are");
    return a.expr(ExprKind::InterfaceType, p);
  }
  if (t == "generic_type") {
    // weak.Pointer[T]: an instantiation, as an Index expression.
    Expr* e = a.expr(ExprKind::Index, p);
    e->x = expr(field(n, "type"));
    auto args = named(field(n, "type_arguments"));
    if (args.size() != 1) refuse(p, "generic types with several type arguments are");
    auto elems = named(args[0]);
    e->y = elems.empty() ? expr(args[0]) : expr(elems[0]);
    return e;
  }
  if (t == "map_type") refuse(p, "maps are");
  if (t == "channel_type") refuse(p, "channels are");
  if (t == "negated_type" || t == "type_constraint") refuse(p, "type constraints are");
  if (t == "type_instantiation_expression") refuse(p, "explicit type arguments are");
  refuse(p, "'" + std::string(t) + "' expressions are");
}

Expr* Converter::composite(TSNode n, Expr* typ) {
  TSNode body = field(n, "body");
  return literalValue(body, typ);
}

Expr* Converter::literalValue(TSNode body, Expr* typ) {
  Expr* e = a.expr(ExprKind::Composite, pos(body));
  e->x = typ;
  for (TSNode el : named(body)) {
    if (type(el) == "keyed_element") {
      auto kv = named(el);
      if (kv.size() != 2) fail(pos(el), "syntax error: keyed element");
      TSNode colon = token(el, ":");
      Expr* k = a.expr(ExprKind::KeyValue, null(colon) ? pos(el) : pos(colon));
      k->x = element(kv[0]);
      k->y = element(kv[1]);
      e->list.push_back(k);
    } else {
      e->list.push_back(element(el));
    }
  }
  return e;
}

Expr* Converter::element(TSNode n) {
  if (type(n) == "literal_element") n = named(n).at(0);
  if (type(n) == "literal_value") return literalValue(n, nullptr);
  return expr(n);
}

}  // namespace

bool parseFile(File& file, std::vector<Diag>& errors) {
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_go());
  TSTree* tree =
      ts_parser_parse_string(parser, nullptr, file.source.data(), std::uint32_t(file.source.size()));
  TSNode root = ts_tree_root_node(tree);
  Converter c{file, file.arena, file.source};
  bool ok = true;
  try {
    c.checkDepth(root);
    c.findSyntaxError(root);
    c.file(root);
  } catch (const DiagError& e) {
    errors.push_back(e.diag);
    ok = false;
  } catch (const std::exception& e) {
    errors.push_back(Diag{Pos{1, 1}, std::string("syntax error: ") + e.what()});
    ok = false;
  }
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  return ok;
}

}  // namespace tricolor::golang
