// The safety monitor: an observer that knows the truth the collector cannot
// see. After each step it
//   - reports every object freed while still reachable from the roots
//     (a dangling pointer in the making: which object, who points to it);
//   - optionally checks the tri-color invariants while marking:
//       strong: no black object points to a white one;
//       weak:   every white object pointed to by a black one is reachable
//               from a grey object (or grey root) through white objects.
//     A broken invariant is not yet a lost object; it is the warning sign.
// It only reports (events), it never changes the simulation.
#include <algorithm>

#include "core/sim/simulation.hpp"

namespace tricolor {

namespace {

// Calls fn(ref, value) for every root pointer: stacks (and the stack objects
// they reach), globals, the finalizer queue, and the specials (an object
// with a finalizer keeps its referents alive, a live target its weak handle).
template <class Fn>
void forEachRoot(const Program& P, const State& s, Fn&& fn) {
  const World& w = s.world;
  for (const Goroutine& g : w.goroutines) {
    if (g.status == GStatus::Dead) continue;
    for (std::uint32_t d = 0; d < g.stack.size(); ++d) {
      const Frame& f = g.stack[d];
      const Function& fnc = P.functions[f.func];
      for (std::uint32_t i = 0; i < fnc.slots.size(); ++i)
        if (fnc.slots[i].pointer && f.slots[i] != 0)
          fn(Ref{RefKind::StackSlot, g.id, d, i}, static_cast<ObjectId>(f.slots[i]));
    }
  }
  for (std::uint32_t i = 0; i < P.globals.size(); ++i)
    if (P.globals[i].pointer && w.globals[i] != 0)
      fn(Ref{RefKind::Global, i, 0, 0}, static_cast<ObjectId>(w.globals[i]));
  for (const QueuedFinalizer& q : s.gc.finq) fn(Ref{RefKind::FinalizerQueue, q.obj, 0, 0}, q.obj);
  for (ObjectId obj : w.finalizers) {
    const Type& t = P.types[w.objects[obj].type];
    const ObjectId* f = w.fields(obj);
    for (std::uint32_t i = 0; i < t.numPtrs; ++i)
      if (f[i] != kNil) fn(Ref{RefKind::Special, obj, i, 0}, f[i]);
  }
  for (const WeakHandle& h : w.weakHandles)
    if (h.target != kNil) fn(Ref{RefKind::Special, h.target, 0, 1}, h.handle);
}

// Which roots the collector has already scanned this cycle (their pointers
// count as black). Decided from the root jobs that ran, by kind, never by
// their position: prepareRoots orders them finalizer queue, free stacks,
// data and bss shards, specials, stacks (and yuasa's snapshot moves the
// stacks first).
class RootsScanned {
 public:
  RootsScanned(const Program& P, const State& s) : P_(P), s_(s) {
    const Collector& gc = s.gc;
    for (std::uint32_t i = 0; i < gc.nextRoot && i < gc.rootJobs.size(); ++i) {
      const RootJob& j = gc.rootJobs[i];
      switch (j.kind) {
        case RootKind::FinalizerQueue: finq_ = true; break;
        case RootKind::Specials: specials_ = true; break;
        case RootKind::Data:
        case RootKind::Bss: shards_[j.kind == RootKind::Data ? 0 : 1].push_back(j.index); break;
        case RootKind::FreeStacks:
        case RootKind::Stack: break;  // stacks: see black()
      }
    }
    // A global's shard, as runRootJob assigns it: its byte offset inside
    // its section (data or bss) over the shard size.
    std::uint64_t off[2] = {0, 0};
    std::uint64_t shardBytes = std::max<std::uint64_t>(1, P.config.globalsShardBytes);
    for (const SlotDecl& g : P.globals) {
      std::uint64_t& o = off[g.data ? 0 : 1];
      globalShard_.push_back(static_cast<std::uint32_t>(o / shardBytes));
      o += 8;
    }
  }

  bool black(const Ref& r) const {
    switch (r.kind) {
      case RefKind::StackSlot: {
        // With Dijkstra's re-scan every stack stays grey until mark
        // termination. Otherwise a stack is black once its job ran, and a
        // goroutine born during marking (not in the root snapshot) has a
        // black stack from the start: it is never scanned this cycle.
        if (P_.config.barrier == BarrierMode::Dijkstra && P_.config.stackRescan) return false;
        const Goroutine& g = s_.world.g(r.a);
        return !g.inRootSnapshot || g.scannedCycle == s_.gc.cycle;
      }
      case RefKind::Global: {
        const auto& done = shards_[P_.globals[r.a].data ? 0 : 1];
        return std::find(done.begin(), done.end(), globalShard_[r.a]) != done.end();
      }
      case RefKind::FinalizerQueue: return finq_;
      case RefKind::Special: return specials_;
      default: return false;
    }
  }

 private:
  const Program& P_;
  const State& s_;
  bool finq_ = false, specials_ = false;
  std::vector<std::uint32_t> shards_[2];  // data, bss shards scanned
  std::vector<std::uint32_t> globalShard_;
};

}  // namespace

std::vector<bool> Simulation::reachable() const {
  const std::uint64_t version = s_.graphVersion + (s_.gc.rootsChanged << 40);
  if (reachVersion_ == version && reachCache_.size() == s_.world.objects.size()) return reachCache_;
  const World& w = s_.world;
  std::vector<bool> seen(w.objects.size(), false);
  std::vector<ObjectId> stack;
  auto visit = [&](ObjectId v) {
    if (v == kNil || v >= seen.size() || seen[v]) return;
    seen[v] = true;
    stack.push_back(v);
  };
  forEachRoot(*prog_, s_, [&](const Ref&, ObjectId v) { visit(v); });
  while (!stack.empty()) {
    ObjectId v = stack.back();
    stack.pop_back();
    const Type& t = prog_->types[w.objects[v].type];
    const ObjectId* f = w.fields(v);
    for (std::uint32_t i = 0; i < t.numPtrs; ++i) visit(f[i]);
  }
  reachCache_ = seen;
  reachVersion_ = version;
  return seen;
}

std::vector<Ref> Simulation::referrers(ObjectId obj) const {
  std::vector<Ref> refs;
  forEachRoot(*prog_, s_, [&](const Ref& r, ObjectId v) {
    if (v == obj && r.kind != RefKind::FinalizerQueue) refs.push_back(r);
  });
  std::vector<bool> live = reachable();
  const World& w = s_.world;
  for (ObjectId id = 1; id < w.objects.size(); ++id) {
    if (!live[id]) continue;
    const Type& t = prog_->types[w.objects[id].type];
    const ObjectId* f = w.fields(id);
    for (std::uint32_t i = 0; i < t.numPtrs; ++i)
      if (f[i] == obj) refs.push_back(Ref{RefKind::Field, id, i, 0});
  }
  return refs;
}

void Simulation::monitor(EventSink& out) {
  const Config& cfg = prog_->config;
  if (cfg.monitor) {
    // Free events are collected first: reporting appends to the same list.
    std::vector<ObjectId> freed;
    for (const Event& e : out.events)
      if (auto f = e.get<FreeEvent>()) freed.push_back(f->object);
    if (!freed.empty()) {
      std::vector<bool> live = reachable();
      for (ObjectId obj : freed) {
        if (!live[obj]) continue;
        out.push(0, ReachableFreedEvent{obj});
        for (const Ref& r : referrers(obj)) out.push(0, PointedByEvent{obj, r});
      }
    }
  }
  if (cfg.checkInvariants) checkInvariants(out);
}

void Simulation::checkInvariants(EventSink& out) {
  const World& w = s_.world;
  const Heap& h = s_.heap;
  const Collector& gc = s_.gc;
  bool marking = gc.phase == Phase::Mark || gc.phase == Phase::MarkTermination;
  bool strongOk = true, weakOk = true;
  ObjectId sFrom = 0, sTo = 0, wFrom = 0, wTo = 0;
  if (marking) {
    auto colour = [&](ObjectId v) { return colourOf(w, h, v); };
    RootsScanned scanned(*prog_, s_);
    // Grey sources for the weak invariant: grey objects, buffered pointers,
    // unscanned roots.
    std::vector<bool> protectedW(w.objects.size(), false);
    std::vector<ObjectId> work;
    auto protect = [&](ObjectId v) {
      if (v == kNil || protectedW[v] || colour(v) != Colour::White) return;
      protectedW[v] = true;
      work.push_back(v);
    };
    auto fromGrey = [&](ObjectId v) {
      const ObjectId* f = w.fields(v);
      for (std::uint32_t i = 0; i < prog_->types[w.objects[v].type].numPtrs; ++i) protect(f[i]);
    };
    for (const GreyEntry& e : gc.grey) fromGrey(e.obj);
    for (std::uint32_t i = 0; i < gc.windowLen; ++i) fromGrey(gc.windowAt(i).obj);
    for (const auto& buf : gc.wbBuf)
      for (ObjectId v : buf) protect(v & ~kWbOldBit);
    std::vector<std::pair<ObjectId, ObjectId>> blackEdges;  // (from, to) where from is black (0 = black root)
    auto rootPointer = [&](bool black, ObjectId v) {
      if (!black)
        protect(v);
      else if (colour(v) == Colour::White)
        blackEdges.push_back({0, v});
    };
    // Stack objects are part of their stack: their fields are roots of the
    // same colour, followed as scanstack follows them (from the frames).
    std::vector<bool> stackObjSeen(w.objects.size(), false);
    std::vector<ObjectId> stackObjs;
    forEachRoot(*prog_, s_, [&](const Ref& r, ObjectId v) {
      if (r.kind != RefKind::StackSlot) {
        rootPointer(scanned.black(r), v);
        return;
      }
      bool black = scanned.black(r);
      stackObjs.assign(1, v);
      while (!stackObjs.empty()) {
        ObjectId so = stackObjs.back();
        stackObjs.pop_back();
        const Object& o = w.objects[so];
        if (o.state != ObjState::Stack) {
          rootPointer(black, so);
          continue;
        }
        if (o.goroutine != r.a || stackObjSeen[so]) continue;
        stackObjSeen[so] = true;
        const ObjectId* f = w.fields(so);
        for (std::uint32_t i = 0; i < prog_->types[o.type].numPtrs; ++i)
          if (f[i] != kNil) stackObjs.push_back(f[i]);
      }
    });
    while (!work.empty()) {
      ObjectId v = work.back();
      work.pop_back();
      fromGrey(v);
    }
    for (ObjectId id = 1; id < w.objects.size(); ++id) {
      if (colour(id) != Colour::Black) continue;
      const ObjectId* f = w.fields(id);
      for (std::uint32_t i = 0; i < prog_->types[w.objects[id].type].numPtrs; ++i)
        if (f[i] != kNil && colour(f[i]) == Colour::White) blackEdges.push_back({id, f[i]});
    }
    for (auto [from, to] : blackEdges) {
      if (strongOk) {
        strongOk = false;
        sFrom = from;
        sTo = to;
      }
      if (!protectedW[to] && weakOk) {
        weakOk = false;
        wFrom = from;
        wTo = to;
      }
    }
  }
  if (strongOk != inv_.strongOk)
    out.push(strongOk ? Event::of(0, InvariantRestoredEvent{false})
                      : Event::of(0, InvariantBrokenEvent{false, sFrom, sTo}));
  if (weakOk != inv_.weakOk)
    out.push(weakOk ? Event::of(0, InvariantRestoredEvent{true})
                    : Event::of(0, InvariantBrokenEvent{true, wFrom, wTo}));
  inv_.strongOk = strongOk;
  inv_.weakOk = weakOk;
}

}  // namespace tricolor
