// A small C++ builder for Programs, so core tests and the random program
// generator do not go through JSON. Places use the scenario syntax
// ("a", "a.next", "root.kids[2]"); every name must exist (checked by assert-like throws).
#pragma once

#include <cctype>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/model/program.hpp"

namespace tricolor::test {

class ProgramBuilder {
 public:
  ProgramBuilder() { prog_.config.monitor = true; }

  Config& config() { return prog_.config; }

  // type("Node", {{"next", "Node", 1}, {"left", "Node", 1}}, scalarBytes)
  struct PtrField {
    std::string name;
    std::string pointee;
    std::uint32_t count = 1;
  };
  TypeId type(const std::string& name, std::vector<PtrField> ptrs, std::uint32_t scalarBytes = 0) {
    Type t;
    t.name = name;
    for (auto& pf : ptrs) {
      Field f;
      f.name = pf.name;
      f.pointer = true;
      f.array = pf.count > 1;
      f.count = pf.count;
      f.bytes = 8 * pf.count;
      f.align = 8;
      f.typeName = (f.array ? "[" + std::to_string(pf.count) + "]*" : "*") + pf.pointee;
      pendingPointee_.push_back({static_cast<TypeId>(prog_.types.size()), t.fields.size(), pf.pointee});
      t.fields.push_back(f);
    }
    if (scalarBytes) {
      Field f;
      f.name = "data";
      f.bytes = scalarBytes;
      f.align = 8;
      f.array = true;
      f.count = scalarBytes;
      f.typeName = "[" + std::to_string(scalarBytes) + "]byte";
      t.fields.push_back(f);
    }
    prog_.types.push_back(t);
    return static_cast<TypeId>(prog_.types.size() - 1);
  }

  std::uint32_t global(const std::string& name, const std::string& pointee) {
    SlotDecl d;
    d.name = name;
    d.pointer = true;
    d.typeName = "*" + pointee;
    d.pointee = typeId(pointee);
    prog_.globals.push_back(d);
    return static_cast<std::uint32_t>(prog_.globals.size() - 1);
  }

  class Func {
   public:
    Func(ProgramBuilder& b, FuncId id) : b_(b), id_(id) {}
    Function& fn() { return b_.prog_.functions[id_]; }
    Func& param(const std::string& name, const std::string& pointee) {
      slot(name, pointee);
      ++fn().numParams;
      return *this;
    }
    Func& local(const std::string& name, const std::string& pointee) {
      slot(name, pointee);
      return *this;
    }
    Func& weakLocal(const std::string& name, const std::string& pointee) {
      slot(name, pointee);
      fn().slots.back().weak = true;
      fn().slots.back().typeName = "weak.Pointer[" + pointee + "]";
      return *this;
    }
    Func& scalar(const std::string& name) {
      SlotDecl d;
      d.name = name;
      d.typeName = "int";
      fn().slots.push_back(d);
      return *this;
    }
    Func& returns() {
      fn().returnsPointer = true;
      return *this;
    }
    Func& newObj(const std::string& type, const std::string& dst, const std::string& label = "",
                 bool onStack = false) {
      Op op;
      op.kind = OpKind::New;
      op.type = b_.typeId(type);
      op.dst = place(dst);
      op.label = label;
      op.onStack = onStack;
      return add(op);
    }
    Func& store(const std::string& dst, const std::string& src) {
      Op op;
      op.kind = OpKind::Store;
      op.dst = place(dst);
      op.src = place(src);
      return add(op);
    }
    Func& clear(const std::string& dst) { return store(dst, "nil"); }
    Func& gc() {
      Op op;
      op.kind = OpKind::GC;
      return add(op);
    }
    Func& call(const std::string& f, std::vector<std::string> args, const std::string& ret = "nil") {
      Op op;
      op.kind = OpKind::Call;
      op.func = b_.funcId(f);
      for (auto& a : args) op.args.push_back(place(a));
      op.dst = place(ret);
      return add(op);
    }
    Func& ret(const std::string& value = "nil") {
      Op op;
      op.kind = OpKind::Return;
      op.src = place(value);
      return add(op);
    }
    Func& go(const std::string& f, std::vector<std::string> args, const std::string& name) {
      Op op;
      op.kind = OpKind::Go;
      op.func = b_.funcId(f);
      for (auto& a : args) op.args.push_back(place(a));
      op.goName = name;
      return add(op);
    }
    Func& setFinalizer(const std::string& obj, const std::string& f) {
      Op op;
      op.kind = OpKind::SetFinalizer;
      op.src = place(obj);
      op.func = f.empty() ? kNone : b_.funcId(f);
      return add(op);
    }
    Func& weakMake(const std::string& dst, const std::string& src) {
      Op op;
      op.kind = OpKind::WeakMake;
      op.dst = place(dst);
      op.src = place(src);
      return add(op);
    }
    Func& weakGet(const std::string& dst, const std::string& src) {
      Op op;
      op.kind = OpKind::WeakGet;
      op.dst = place(dst);
      op.src = place(src);
      return add(op);
    }
    Func& work(std::int64_t ns) {
      Op op;
      op.kind = OpKind::Work;
      op.count = ns;
      return add(op);
    }
    Func& sleep(std::int64_t ns) {
      Op op;
      op.kind = OpKind::Sleep;
      op.count = ns;
      return add(op);
    }
    Func& yield() {
      Op op;
      op.kind = OpKind::Yield;
      return add(op);
    }
    Func& repeat(std::int64_t n, const std::string& counter = "") {
      Op op;
      op.kind = OpKind::RepeatBegin;
      op.count = n;
      if (!counter.empty()) op.counterLocal = slotIndex(counter);
      open_.push_back(static_cast<std::uint32_t>(fn().ops.size()));
      return add(op);
    }
    Func& end() {
      std::uint32_t begin = open_.back();
      open_.pop_back();
      Op op;
      op.kind = OpKind::RepeatEnd;
      op.jump = begin;
      fn().ops[begin].jump = static_cast<std::uint32_t>(fn().ops.size());
      return add(op);
    }
    Func& line(std::uint32_t l) {
      fn().ops.back().line = l;
      return *this;
    }
    Place place(const std::string& text) { return b_.place(id_, text); }

   private:
    void slot(const std::string& name, const std::string& pointee) {
      SlotDecl d;
      d.name = name;
      d.pointer = true;
      d.typeName = "*" + pointee;
      d.pointee = pointee.empty() ? kNone : b_.typeId(pointee);
      fn().slots.push_back(d);
    }
    std::uint32_t slotIndex(const std::string& name) {
      for (std::uint32_t i = 0; i < fn().slots.size(); ++i)
        if (fn().slots[i].name == name) return i;
      throw std::runtime_error("no local " + name);
    }
    Func& add(Op op) {
      fn().ops.push_back(std::move(op));
      return *this;
    }
    ProgramBuilder& b_;
    FuncId id_;
    std::vector<std::uint32_t> open_;
  };

  Func func(const std::string& name) {
    for (FuncId i = 0; i < prog_.functions.size(); ++i)
      if (prog_.functions[i].name == name) return Func(*this, i);
    Function f;
    f.name = name;
    prog_.functions.push_back(f);
    return Func(*this, static_cast<FuncId>(prog_.functions.size() - 1));
  }

  void goroutine(const std::string& name, const std::string& f) {
    prog_.goroutines.push_back(GoroutineDecl{name, funcId(f)});
  }
  void directive(Directive d) { prog_.schedule.push_back(std::move(d)); }
  void runG(const std::string& g, std::uint32_t ops) {
    Directive d;
    d.kind = Directive::Kind::Goroutine;
    d.name = g;
    d.count = ops;
    d.text = g + ": " + std::to_string(ops);
    directive(d);
  }
  void runCollector(std::uint32_t units) {
    Directive d;
    d.kind = Directive::Kind::Collector;
    d.count = units;
    d.text = "collector: " + std::to_string(units);
    directive(d);
  }
  void startGC() {
    Directive d;
    d.kind = Directive::Kind::StartGC;
    d.text = "start GC";
    directive(d);
  }

  std::shared_ptr<const Program> build() {
    Program p = prog_;
    if (p.goroutines.empty()) p.goroutines.push_back(GoroutineDecl{"main", funcId("main")});
    p.finalize();
    return std::make_shared<const Program>(std::move(p));
  }

  TypeId typeId(const std::string& name) {
    for (TypeId i = 0; i < prog_.types.size(); ++i)
      if (prog_.types[i].name == name) return i;
    throw std::runtime_error("no type " + name);
  }
  FuncId funcId(const std::string& name) {
    for (FuncId i = 0; i < prog_.functions.size(); ++i)
      if (prog_.functions[i].name == name) return i;
    throw std::runtime_error("no function " + name);
  }

 private:
  struct Pending {
    TypeId type;
    std::size_t field;
    std::string pointee;
  };

  void resolvePointees() {
    for (auto& pd : pendingPointee_) prog_.types[pd.type].fields[pd.field].pointee = typeId(pd.pointee);
    pendingPointee_.clear();
  }

  // Resolves "a.next.kids[2]" against function f's slots and the globals.
  Place place(FuncId f, const std::string& text) {
    resolvePointees();
    Place p;
    p.text = text;
    if (text == "nil") return p;
    std::size_t i = 0;
    auto ident = [&]() {
      std::size_t s = i;
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
      return text.substr(s, i - s);
    };
    std::string base = ident();
    TypeId cur = kNone;
    const Function& fn = prog_.functions[f];
    bool found = false;
    for (std::uint32_t k = 0; k < fn.slots.size(); ++k)
      if (fn.slots[k].name == base) {
        p.base = Place::Base::Local;
        p.index = k;
        cur = fn.slots[k].pointee;
        found = true;
      }
    if (!found)
      for (std::uint32_t k = 0; k < prog_.globals.size(); ++k)
        if (prog_.globals[k].name == base) {
          p.base = Place::Base::Global;
          p.index = k;
          cur = prog_.globals[k].pointee;
          found = true;
        }
    if (!found) throw std::runtime_error("no variable " + base + " in " + text);
    while (i < text.size()) {
      if (text[i] != '.') throw std::runtime_error("bad place " + text);
      ++i;
      std::string field = ident();
      const Type& t = prog_.types.at(cur);
      const Field* fd = nullptr;
      for (const Field& x : t.fields)
        if (x.name == field) fd = &x;
      if (!fd || !fd->pointer) throw std::runtime_error("no pointer field " + field + " in " + text);
      std::uint32_t firstPtr = 0;
      for (const Field& x : t.fields) {
        if (&x == fd) break;
        if (x.pointer) firstPtr += x.count;
      }
      PathStep st;
      st.slot = firstPtr;
      st.objectType = cur;
      st.text = "." + field;
      if (i < text.size() && text[i] == '[') {
        ++i;
        std::size_t s = i;
        while (i < text.size() && text[i] != ']') ++i;
        std::string idx = text.substr(s, i - s);
        ++i;
        if (std::isdigit(static_cast<unsigned char>(idx[0]))) {
          st.slot += static_cast<std::uint32_t>(std::stoul(idx));
        } else {
          for (std::uint32_t k = 0; k < fn.slots.size(); ++k)
            if (fn.slots[k].name == idx) st.indexLocal = k;
          st.arrayLen = fd->count;
        }
      }
      p.path.push_back(st);
      cur = fd->pointee;
    }
    return p;
  }

  Program prog_;
  std::vector<Pending> pendingPointee_;
};

}  // namespace tricolor::test
