// The escape analysis' data structures (escape/graph.go's location, edge,
// hole and note) and the pass's state, shared by the escape_*.cpp files.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "core/golang/escape.hpp"

namespace tricolor::golang::esc {

// Why an edge exists, for -m=2's explanations: where (printed) and why.
struct Note {
  Note* next = nullptr;
  std::string where;
  Pos pos;
  std::string why;
};

struct Location;

struct Edge {
  Location* src = nullptr;
  int derefs = 0;  // >= -1
  Note* notes = nullptr;
};

// A location: a variable, an allocation, a temporary, or the heap.
struct Location {
  const Expr* n = nullptr;  // allocation expression, or
  Object* var = nullptr;    // variable, or neither (a temporary)
  std::string tempName;     // name of a compiler temporary (.autotmp_N) when var is null and it is named
  const FuncInfo* curfn = nullptr;
  std::vector<Edge> edges;  // incoming
  int loopDepth = 0;
  int resultIndex = 0;  // 1 + index for results, 0 otherwise
  // Walk state.
  int derefs = 0;
  std::uint32_t walkgen = 0;
  Location* dst = nullptr;
  int dstEdgeIdx = 0;
  bool queued = false;
  bool escapes = false;
  bool transient = false;
  Leaks paramEsc;
  bool captured = false, reassigned = false, addrtaken = false;
  bool isWrapper = false;  // the go statement's wrapper closure (never reported)
  Pos wrapperPos;

  bool isParam() const { return var && var->cls == VarClass::Param; }
  bool isResult() const { return var && var->cls == VarClass::Result; }
  Pos pos() const { return var ? var->pos : (n ? n->pos : wrapperPos); }
};

struct Hole {
  Location* dst = nullptr;
  int derefs = 0;
  Note* notes = nullptr;
  bool addrtaken = false;
};

struct Closure {
  Hole k;
  const FuncInfo* fn = nullptr;
  Location* wrapperLoc = nullptr;      // for a go statement's wrapper
  std::vector<Location*> wrapperVars;  // its captured temporaries
};

// The analysis of one batch of functions (a strongly connected component of
// the call graph, closures with their enclosing function).
class Batch {
 public:
  Batch(const File& f, int level, EscapeResult& out, std::map<const FuncInfo*, std::vector<Leaks>>& tags);
  void run(const std::vector<const FuncInfo*>& fns);

  // graph (escape_graph.cpp)
  Location* newLoc(const Expr* n, Object* var, bool transient);
  Location* oldLoc(const Object* v);
  void flow(Hole k, Location* src);
  Hole heapHole() { return Hole{&heapLoc_}; }
  Hole discardHole() { return Hole{&blankLoc_}; }
  Hole note(Hole k, const std::string& where, Pos pos, const char* why);
  Hole noteE(Hole k, const Expr* where, const char* why);
  Hole noteS(Hole k, const Stmt* where, const char* why);
  Hole shift(Hole k, int delta);
  Hole deref(Hole k, const Expr* where, const char* why) { return noteE(shift(k, 1), where, why); }
  Hole addr(Hole k, const Expr* where, const char* why) { return noteE(shift(k, -1), where, why); }
  Hole teeHole(std::vector<Hole> ks);
  Hole later(Hole k);
  Hole spill(Hole k, const Expr* n);
  void print(Pos pos, const std::string& msg);

  // expressions (escape_expr.cpp)
  void expr(Hole k, const Expr* n);
  void discard(const Expr* n) { expr(discardHole(), n); }
  Hole addrOf(const Expr* n);
  void assignList(const std::vector<const Expr*>& dsts, const std::vector<const Expr*>& srcs, const char* why,
                  const Stmt* where);
  void reassigned(const std::vector<Hole>& ks, const Stmt* where);
  // calls (escape_call.cpp)
  void call(std::vector<Hole>* ks, const Expr* call);
  void goStmt(const Stmt* s);
  Hole tagHole(std::vector<Hole>* ks, const FuncInfo* fn, int param, const Expr* call);
  const FuncInfo* staticCallee(const Expr* fx);
  // statements (escape_stmt.cpp)
  void stmt(const Stmt* s);
  void stmts(const std::vector<Stmt*>& l);
  void block(const std::vector<Stmt*>& l);
  Hole dcl(Object* v);
  void walkFunc(const FuncInfo* fn);
  // solving (escape_solve.cpp)
  void walkAll();
  void walkOne(Location* root, std::uint32_t walkgen, std::vector<Location*>& todo);
  bool outlives(const Location* l, const Location* other) const;
  void explainPath(Location* root, Location* src);
  void explainFlow(const std::string& pos, Location* dst, Location* src, int derefs, Note* notes);
  std::string explainLoc(const Location* l) const;
  std::string posString(Pos p) const;
  // batch (escape_batch.cpp)
  void initFunc(const FuncInfo* fn);
  void flowClosure(Closure& c);
  void finish(const std::vector<const FuncInfo*>& fns);
  bool inMutualBatch(const FuncInfo* fn) const;
  std::string heapAllocReason(const Location* l) const;
  const std::string& name(const Location* l) const;

  const File& file_;
  int level_;
  EscapeResult& out_;
  std::map<const FuncInfo*, std::vector<Leaks>>& tags_;
  std::deque<Location> locs_;
  std::vector<Location*> allLocs_;
  std::vector<Closure> closures_;
  std::deque<Note> notes_;
  std::map<const Object*, Location*> varLoc_;
  std::map<const Location*, std::string> reasons_;  // why a location escapes (for the inspector)
  std::string reasonFor(const Location* root) const;
  std::map<const FuncInfo*, bool> inBatch_;
  Location heapLoc_, blankLoc_;
  const FuncInfo* curfn_ = nullptr;
  int loopDepth_ = 1;
  std::map<const FuncInfo*, int> tempsIn_;  // compiler temporaries made in each function
};

// containsClosure(f, c): c is a closure nested (at any depth) inside f.
bool containsClosure(const FuncInfo* f, const FuncInfo* c);

}  // namespace tricolor::golang::esc
