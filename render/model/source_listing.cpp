#include "render/model/source_listing.hpp"

#include "core/sim/simulation.hpp"

namespace tricolor::render {

namespace {

std::string place(const Place& p) { return p.isNil() ? "nil" : p.text; }

std::string args(const std::vector<Place>& a) {
  std::string s;
  for (std::size_t i = 0; i < a.size(); ++i) s += (i ? ", " : "") + place(a[i]);
  return s;
}

std::string fname(const Program& prog, FuncId f) {
  return f < prog.functions.size() ? prog.functions[f].name : std::string("nil");
}

}  // namespace

std::string opText(const Program& prog, const Function& fn, const Op& op) {
  switch (op.kind) {
    case OpKind::New: {
      std::string t = op.type < prog.types.size() ? prog.types[op.type].name : "?";
      std::string s = place(op.dst) + " = new(" + t + ")";
      if (op.onStack) s += " // stays on the stack";
      if (!op.label.empty()) s += (op.onStack ? ", " : " // ") + op.label;
      return s;
    }
    case OpKind::Store: return place(op.dst) + " = " + place(op.src);
    case OpKind::SetScalar: return place(op.dst) + " = " + std::to_string(op.count);
    case OpKind::Call: {
      std::string call = fname(prog, op.func) + "(" + args(op.args) + ")";
      return op.dst.isNil() ? call : place(op.dst) + " = " + call;
    }
    case OpKind::Return: return op.src.isNil() && !fn.returnsPointer ? "return" : "return " + place(op.src);
    case OpKind::Go: return "go " + fname(prog, op.func) + "(" + args(op.args) + ")";
    case OpKind::GC: return "runtime.GC()";
    case OpKind::SetFinalizer:
      return "runtime.SetFinalizer(" + place(op.src) + ", " + fname(prog, op.func) + ")";
    case OpKind::WeakMake: return place(op.dst) + " = weak.Make(" + place(op.src) + ")";
    case OpKind::WeakGet: return place(op.dst) + " = " + place(op.src) + ".Value()";
    case OpKind::RepeatBegin: {
      std::string i = op.counterLocal < fn.slots.size() ? fn.slots[op.counterLocal].name : "_";
      return "for " + i + " := 0; " + i + " < " + std::to_string(op.count) + "; " + i + "++ {";
    }
    case OpKind::RepeatEnd: return "}";
    case OpKind::Work: return "work(" + std::to_string(op.count) + " ns) // computing, no memory effects";
    case OpKind::Sleep: return "time.Sleep(" + std::to_string(op.count) + " * time.Nanosecond)";
    case OpKind::Yield: return "runtime.Gosched()";
  }
  return "?";
}

SourceListing buildListing(const Program& prog) {
  SourceListing l;
  l.opLine.resize(prog.functions.size());
  if (!prog.source.empty()) {
    l.lines = prog.source;
    for (std::size_t f = 0; f < prog.functions.size(); ++f)
      for (const Op& op : prog.functions[f].ops)
        l.opLine[f].push_back(op.line <= l.lines.size() ? op.line : 0);
    return l;
  }
  l.generated = true;
  for (std::size_t f = 0; f < prog.functions.size(); ++f) {
    const Function& fn = prog.functions[f];
    std::string sig = "func " + fn.name + "(";
    for (std::uint32_t i = 0; i < fn.numParams && i < fn.slots.size(); ++i)
      sig += (i ? ", " : "") + fn.slots[i].name + " " + fn.slots[i].typeName;
    sig += ")";
    if (fn.returnsPointer) sig += " *T";
    l.lines.push_back(sig + " {");
    for (std::size_t s = fn.numParams; s < fn.slots.size(); ++s)
      l.lines.push_back("\tvar " + fn.slots[s].name + " " + fn.slots[s].typeName);
    int depth = 1;
    for (const Op& op : fn.ops) {
      if (op.kind == OpKind::RepeatEnd) --depth;
      l.lines.push_back(std::string(std::size_t(std::max(depth, 0)), '\t') + opText(prog, fn, op));
      l.opLine[f].push_back(std::uint32_t(l.lines.size()));
      if (op.kind == OpKind::RepeatBegin) ++depth;
    }
    l.lines.push_back("}");
    l.lines.push_back("");
  }
  return l;
}

std::uint32_t listingLine(const SourceListing& l, const Simulation& sim, std::uint32_t gid) {
  const World& w = sim.state().world;
  if (gid == 0 || gid > w.goroutines.size()) return 0;
  const Goroutine& g = w.g(gid);
  if (g.stack.empty() || g.status == GStatus::Dead) return 0;
  const Frame& f = g.stack.back();
  if (f.func >= l.opLine.size() || f.pc >= l.opLine[f.func].size()) return 0;
  return l.opLine[f.func][f.pc];
}

}  // namespace tricolor::render
