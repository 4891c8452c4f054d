// Simulation: setting up the world from a Program, the step entry point,
// and derived views (names, sizes, pacer numbers) shared by every front end.
#include "core/sim/simulation.hpp"

#include <algorithm>

namespace tricolor {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Simulation::Simulation(std::shared_ptr<const Program> program) : prog_(std::move(program)) { init(); }

void Simulation::init() {
  const Program& P = *prog_;
  const Config& cfg = P.config;
  s_ = State{};
  s_.rng = cfg.seed;
  const std::uint32_t procs = std::max<std::uint32_t>(1, cfg.gomaxprocs);
  s_.ps.resize(procs);
  for (std::uint32_t i = 0; i < procs; ++i) {
    s_.ps[i].id = i;
    s_.ps[i].mcache.alloc.assign(kNumSpanClasses, kNoSpan);
  }
  s_.gc.wbBuf.resize(procs);

  World& w = s_.world;
  w.objects.push_back(Object{});  // id 0 = nil
  w.objects.mut(0).state = ObjState::Freed;
  w.info.push_back(0);
  w.inl.push_back({kNil, kNil});
  w.globals.resize(P.globals.size());
  for (std::size_t i = 0; i < P.globals.size(); ++i)
    w.globals[i] = P.globals[i].pointer ? 0 : P.globals[i].init;

  // Goroutines in Go's order: g1 main, g2 the forcegc helper, g3 the
  // background sweeper, then the scenario's other goroutines (as if main had
  // started them before its first statement).
  auto add = [&](const std::string& name, GKind kind) -> Goroutine& {
    Goroutine g;
    g.id = static_cast<GoroutineId>(w.goroutines.size() + 1);
    g.name = name;
    g.kind = kind;
    w.goroutines.push_back(std::move(g));
    return w.goroutines.back();
  };
  auto addUser = [&](const GoroutineDecl& d) {
    GoroutineId id = add(d.name, GKind::User).id;
    w.g(id).status = GStatus::Waiting;
    pushFrame(w.g(id), d.func, {});
    skipControlFlow(w.g(id));
    makeRunnable(id);
  };
  if (!P.goroutines.empty()) addUser(P.goroutines[0]);
  {
    Goroutine& fg = add("runtime.forcegchelper", GKind::ForceGC);
    fg.status = GStatus::Waiting;
    fg.wait = WaitReason::ForceGCIdle;
    s_.forceGC = fg.id;
    Goroutine& sw = add("runtime.bgsweep", GKind::Sweeper);
    sw.status = GStatus::Waiting;
    sw.wait = WaitReason::SweeperIdle;
    s_.bgSweeper = sw.id;
  }
  for (std::size_t i = 1; i < P.goroutines.size(); ++i) addUser(P.goroutines[i]);

  Pacer& pc = s_.pacer;
  pc.setGCPercent(cfg.gogc);
  pc.memoryLimit = cfg.memoryLimit;
  pc.globalsScan = globalsBytes();
  pc.maxStackScan = totalStackBytes();
  pc.commit(0, true);
}

std::uint64_t Simulation::now() const {
  std::uint64_t t = 0;
  for (const Processor& p : s_.ps) t = std::max(t, p.now);
  return t;
}

GcContext Simulation::ctx(EventSink& out, GoroutineId actor) {
  return GcContext{*prog_, s_.world, s_.heap, s_.gc, s_.pacer, out, actor};
}

std::vector<Event> Simulation::step() {
  EventSink sink;
  step(sink);
  return std::move(sink.events);
}

void Simulation::step(EventSink& out) {
  out.clear();
  if (s_.finished) return;
  ++s_.steps;
  const Program& P = *prog_;
  bool done = false;
  if (s_.script.pos < P.schedule.size()) done = stepScript(out);
  if (!done) {
    if (P.config.scheduling == SchedulingMode::Random)
      stepRandom(out);
    else
      stepAuto(out);
  }
  if (P.config.monitor || P.config.checkInvariants) monitor(out);
}

// {===== derived views

std::uint64_t Simulation::memoryBytes(const Simulation* prev) const {
  auto vec = [](const auto& v) { return std::uint64_t(v.size()) * sizeof(v[0]); };
  auto str = [](const std::string& t) { return t.size() > 15 ? std::uint64_t(t.size()) + 1 : 0; };
  const World& w = s_.world;
  const State* p = prev ? &prev->s_ : nullptr;
  std::uint64_t b = sizeof(Simulation);
  // Copy-on-write arrays: only the chunks not shared with `prev`.
  b += w.objects.bytesBeyond(p ? &p->world.objects : nullptr) +
       w.inl.bytesBeyond(p ? &p->world.inl : nullptr) +
       s_.heap.slots.bytesBeyond(p ? &p->heap.slots : nullptr);
  b += vec(w.ptrPool) + vec(w.info) + vec(w.globals) + vec(w.weakHandles) + vec(w.finalizers) +
       vec(w.finalizerFuncs) + vec(w.labels);
  for (const std::string& l : w.labels) b += str(l);
  for (const auto& [first, pieces] : w.tinyPieces) b += 64 + vec(pieces);
  for (const Goroutine& g : w.goroutines) {
    b += sizeof(Goroutine) + str(g.name);
    for (const Frame& f : g.stack) b += sizeof(Frame) + vec(f.slots) + vec(f.loops) + vec(f.stackObjects);
  }
  const Heap& h = s_.heap;
  b += vec(h.allocPool) + vec(h.freeSpanRecords) + vec(h.pageOwner);
  b += vec(h.spans);
  for (const MCentral& c : h.central) {
    b += sizeof(MCentral);
    for (int i = 0; i < 2; ++i) b += (c.partial[i].size() + c.full[i].size()) * sizeof(SpanId);
  }
  const Collector& gc = s_.gc;
  b += vec(gc.rootJobs) + vec(gc.grey) + vec(gc.finq) + vec(gc.cycles) + vec(gc.rescanQueue);
  for (const auto& buf : gc.wbBuf) b += sizeof(buf) + vec(buf);
  for (const Processor& p : s_.ps) b += sizeof(Processor) + vec(p.mcache.alloc);
  b += s_.runq.size() * sizeof(GoroutineId) + vec(s_.markWorkers);
  return b;
}

MemoryView Simulation::memoryView() const {
  MemoryView m;
  m.mapped = s_.heap.mappedBytes() + totalStackBytes() + globalsBytes();
  m.heapFree = std::uint64_t(s_.heap.freePages) * kPageSize;
  m.heapAlloc = s_.heap.allocatedBytes();
  return m;
}

std::uint64_t Simulation::heapGoal() const { return s_.pacer.heapGoal(memoryView()); }
std::uint64_t Simulation::heapTrigger() const { return s_.pacer.trigger(memoryView()); }

std::uint64_t Simulation::stackBytes(GoroutineId gid) const {
  const Goroutine& g = s_.world.g(gid);
  std::uint64_t bytes = 0;
  for (const Frame& f : g.stack) {
    bytes += prog_->functions[f.func].frameBytes;
    for (ObjectId so : f.stackObjects) bytes += prog_->types[s_.world.objects[so].type].size;
  }
  return bytes;
}

std::uint64_t Simulation::totalStackBytes() const {
  // Stacks start at 2 KiB (_StackMin) and double when they overflow.
  std::uint64_t total = 0;
  for (const Goroutine& g : s_.world.goroutines) {
    if (g.status == GStatus::Dead) continue;
    std::uint64_t used = stackBytes(g.id), size = 2048;
    while (size < used) size *= 2;
    total += size;
  }
  return total;
}

std::uint64_t Simulation::globalsBytes() const {
  return std::uint64_t(prog_->globals.size()) * 8 + prog_->config.extraGlobalsBytes;
}

std::string Simulation::objectName(ObjectId id) const {
  if (id == kNil) return "nil";
  const std::string& l = s_.world.label(id);
  if (!l.empty()) return l;
  if (id < s_.world.objects.size() && s_.world.objects[id].type == prog_->weakHandleType &&
      prog_->weakHandleType != kNone)
    return "handle#" + std::to_string(id);
  return "#" + std::to_string(id);
}

std::string Simulation::goroutineName(GoroutineId gid) const {
  if (gid == 0 || gid > s_.world.goroutines.size()) return "runtime";
  const Goroutine& g = s_.world.g(gid);
  return "g" + std::to_string(gid) + " (" + g.name + ")";
}

std::string Simulation::refName(const Ref& r) const {
  const Program& P = *prog_;
  switch (r.kind) {
    case RefKind::Global: return r.a < P.globals.size() ? "global " + P.globals[r.a].name : "global ?";
    case RefKind::StackSlot: {
      if (r.a == 0 || r.a > s_.world.goroutines.size()) return "stack ?";
      const Goroutine& g = s_.world.g(r.a);
      std::string fn = "?", slot = "?";
      if (r.b < g.stack.size()) {
        const Function& f = P.functions[g.stack[r.b].func];
        fn = f.name;
        if (r.c < f.slots.size()) slot = f.slots[r.c].name;
      }
      return "g" + std::to_string(r.a) + " " + fn + "." + slot;
    }
    case RefKind::Field: {
      if (r.a >= s_.world.objects.size()) return "field ?";
      const Type& t = P.types[s_.world.objects[r.a].type];
      for (const Field& f : t.fields) {
        if (!f.pointer || r.b < f.firstPtr || r.b >= f.firstPtr + f.count) continue;
        std::string s = objectName(r.a) + "." + f.name;
        if (f.array) s += "[" + std::to_string(r.b - f.firstPtr) + "]";
        return s;
      }
      return objectName(r.a) + ".?";
    }
    case RefKind::WbBuffer: return "P" + std::to_string(r.a) + "'s write-barrier buffer";
    case RefKind::FinalizerQueue: return "the finalizer queue";
    case RefKind::Special:
      return r.c == 1 ? "the weak-handle special of " + objectName(r.a)
                      : "the finalizer of " + objectName(r.a);
  }
  return "?";
}

std::uint32_t Simulation::currentLine(GoroutineId gid) const {
  const Goroutine& g = s_.world.g(gid);
  if (g.stack.empty()) return 0;
  const Frame& f = g.stack.back();
  const Function& fn = prog_->functions[f.func];
  return f.pc < fn.ops.size() ? fn.ops[f.pc].line : 0;
}

// }=====

}  // namespace tricolor
