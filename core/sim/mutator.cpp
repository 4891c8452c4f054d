// The mutator: runs a goroutine's program one operation at a time.
//
// Pointer writes go through the write barrier when they target the heap or a
// global while the barrier is on; writes to the goroutine's own stack never
// do (Go does not barrier stack writes). A pointer to a stack object may
// only live on the same stack, deeper than or in the frame that holds it:
// anything else is what escape analysis prevents, and is reported as an
// error of the scenario ("the compiler would have moved X to the heap").
#include <algorithm>

#include "core/sim/simulation.hpp"

namespace tricolor {

namespace {
constexpr std::size_t kMaxStackDepth = 10000;
constexpr int kMaxControlOps = 4096;  // loop headers processed per step
}  // namespace

struct Simulation::Loc {
  enum class Kind : std::uint8_t { None, Local, Global, Field } kind = Kind::None;
  GoroutineId g = 0;
  std::uint32_t depth = 0;  // Local: frame depth
  std::uint32_t index = 0;  // slot / global / pointer-field index
  ObjectId obj = kNil;      // Field: the object

  Ref ref() const {
    switch (kind) {
      case Kind::Local: return Ref{RefKind::StackSlot, g, depth, index};
      case Kind::Global: return Ref{RefKind::Global, index, 0, 0};
      case Kind::Field: return Ref{RefKind::Field, obj, index, 0};
      default: return Ref{};
    }
  }
};

void Simulation::pushFrame(Goroutine& g, FuncId f, const std::vector<std::int64_t>& args) {
  const Function& fn = prog_->functions[f];
  Frame fr;
  fr.func = f;
  fr.slots.assign(fn.slots.size(), 0);
  for (std::size_t i = 0; i < args.size() && i < fn.numParams; ++i) fr.slots[i] = args[i];
  g.stack.push_back(std::move(fr));
  ++s_.graphVersion;
}

// Runs loop headers and ends (not observable units) until the next real op.
void Simulation::skipControlFlow(Goroutine& g) {
  for (int n = 0; n < kMaxControlOps && !g.stack.empty(); ++n) {
    Frame& f = g.stack.back();
    const Function& fn = prog_->functions[f.func];
    if (f.pc >= fn.ops.size()) return;
    const Op& op = fn.ops[f.pc];
    if (op.kind == OpKind::RepeatBegin) {
      if (op.count <= 0) {
        f.pc = op.jump + 1;
        continue;
      }
      f.loops.push_back(LoopState{f.pc, op.count, 0});
      if (op.counterLocal != kNone) f.slots[op.counterLocal] = 0;
      ++f.pc;
    } else if (op.kind == OpKind::RepeatEnd) {
      LoopState& l = f.loops.back();
      if (--l.remaining > 0) {
        ++l.index;
        const Op& begin = fn.ops[l.begin];
        if (begin.counterLocal != kNone) f.slots[begin.counterLocal] = l.index;
        f.pc = l.begin + 1;
      } else {
        f.loops.pop_back();
        ++f.pc;
      }
    } else {
      return;
    }
  }
}

void Simulation::opDone(Goroutine& g, EventSink& out) {
  if (!g.stack.empty()) {
    Frame& f = g.stack.back();
    const Function& fn = prog_->functions[f.func];
    std::uint32_t line = f.pc < fn.ops.size() ? fn.ops[f.pc].line : 0;
    out.push(g.id, OpDoneEvent{f.func, f.pc, line});
    ++f.pc;
  }
  ++g.opsDone;
  g.progress = OpProgress{};
  skipControlFlow(g);
}

void Simulation::programError(Goroutine& g, ProgramErrorCode code, EventSink& out) {
  std::uint32_t func = kNone, pc = 0;
  if (!g.stack.empty()) {
    func = g.stack.back().func;
    pc = g.stack.back().pc;
  }
  out.push(g.id, ProgramErrorEvent{code, func, pc});
  s_.finished = true;
  s_.endReason = EventKind::ProgramError;
}

bool Simulation::resolve(Goroutine& g, const Place& place, Loc& loc, EventSink& out) {
  loc = Loc{};
  if (place.isNil()) return true;
  Frame& f = g.stack.back();
  if (place.base == Place::Base::Local) {
    loc.kind = Loc::Kind::Local;
    loc.g = g.id;
    loc.depth = static_cast<std::uint32_t>(g.stack.size() - 1);
    loc.index = place.index;
  } else {
    loc.kind = Loc::Kind::Global;
    loc.index = place.index;
  }
  for (const PathStep& st : place.path) {
    ObjectId v = static_cast<ObjectId>(load(loc));
    if (v == kNil) {
      programError(g, ProgramErrorCode::NilDereference, out);
      return false;
    }
    const Object& o = s_.world.objects[v];
    if (o.state == ObjState::Freed || o.state == ObjState::StackDead) {
      out.push(g.id, DanglingUseEvent{v, false, loc.ref()});
    }
    std::uint32_t idx = st.slot;
    if (st.indexLocal != kNone) {
      std::int64_t i = f.slots[st.indexLocal];
      if (i < 0 || i >= std::int64_t(st.arrayLen)) {
        programError(g, ProgramErrorCode::IndexOutOfRange, out);
        return false;
      }
      idx += static_cast<std::uint32_t>(i);
    }
    if (idx >= prog_->types[o.type].numPtrs) {  // a dangling pointer to a reused record of another type
      programError(g, ProgramErrorCode::IndexOutOfRange, out);
      return false;
    }
    loc.kind = Loc::Kind::Field;
    loc.obj = v;
    loc.index = idx;
  }
  return true;
}

std::int64_t Simulation::load(const Loc& loc) const {
  switch (loc.kind) {
    case Loc::Kind::Local: return s_.world.g(loc.g).stack[loc.depth].slots[loc.index];
    case Loc::Kind::Global: return s_.world.globals[loc.index];
    case Loc::Kind::Field: return s_.world.fields(loc.obj)[loc.index];
    default: return 0;
  }
}

// A stack object may be pointed to only from its own goroutine's stack, from
// its frame or deeper ones (callees), directly or through other stack objects.
bool Simulation::escapesStack(ObjectId v, const Loc& dst) const {
  if (v == kNil) return false;
  const Object& o = s_.world.objects[v];
  if (o.state != ObjState::Stack) return false;
  switch (dst.kind) {
    case Loc::Kind::Local: return dst.g != o.goroutine || dst.depth < o.slot;
    case Loc::Kind::Field: {
      const Object& holder = s_.world.objects[dst.obj];
      return holder.state != ObjState::Stack || holder.goroutine != o.goroutine || holder.slot < o.slot;
    }
    default: return true;
  }
}

void Simulation::storePointer(Processor& p, Goroutine& g, const Loc& loc, ObjectId v, EventSink& out) {
  if (escapesStack(v, loc)) {
    programError(g, ProgramErrorCode::StackEscape, out);
    return;
  }
  ObjectId old = static_cast<ObjectId>(load(loc));
  bool barriered = loc.kind == Loc::Kind::Global ||
                   (loc.kind == Loc::Kind::Field && s_.world.objects[loc.obj].state != ObjState::Stack);
  if (barriered && s_.gc.barrierOn) {
    GcContext c = ctx(out, g.id);
    writeBarrier(c, prog_->config.barrier, prog_->config.wbBufEntries, p.id, old, v);
    p.now += prog_->config.costs.barrier;
  }
  switch (loc.kind) {
    case Loc::Kind::Local: s_.world.g(loc.g).stack[loc.depth].slots[loc.index] = v; break;
    case Loc::Kind::Global: s_.world.globals[loc.index] = v; break;
    case Loc::Kind::Field: s_.world.fields(loc.obj)[loc.index] = v; break;
    default: return;
  }
  ++s_.graphVersion;
  out.push(g.id, PointerWriteEvent{v, old, loc.ref()});
}

void Simulation::exitGoroutine(Goroutine& g, EventSink& out) {
  for (Frame& f : g.stack)
    for (ObjectId so : f.stackObjects) s_.world.objects.mut(so).state = ObjState::StackDead;
  g.stack.clear();
  g.status = GStatus::Dead;
  for (Processor& p : s_.ps)
    if (p.cur == g.id) p.cur = 0;
  ++s_.graphVersion;
  out.push(g.id, GoExitEvent{});
  if (g.id == 1) {
    // When main returns the program exits, whatever else is running.
    s_.finished = true;
    s_.endReason = EventKind::ProgramEnd;
    out.push(g.id, ProgramEndEvent{});
  }
}

void Simulation::doReturn(Processor& p, Goroutine& g, ObjectId value, EventSink& out) {
  Frame& f = g.stack.back();
  FuncId func = f.func;
  std::uint32_t depth = static_cast<std::uint32_t>(g.stack.size() - 1);
  if (value != kNil) {
    const Object& o = s_.world.objects[value];
    if (o.state == ObjState::Stack && o.goroutine == g.id && o.slot >= depth) {
      programError(g, ProgramErrorCode::StackEscape, out);
      return;
    }
  }
  for (ObjectId so : f.stackObjects) s_.world.objects.mut(so).state = ObjState::StackDead;
  g.stack.pop_back();
  ++s_.graphVersion;
  out.push(g.id, ReturnEvent{func});
  if (g.stack.empty()) {
    if (g.kind == GKind::Finalizer) return;  // back to waiting for the next finalizer
    exitGoroutine(g, out);
    return;
  }
  Frame& caller = g.stack.back();
  const Function& cf = prog_->functions[caller.func];
  if (caller.pc > 0 && caller.pc - 1 < cf.ops.size()) {
    const Op& call = cf.ops[caller.pc - 1];
    if (call.kind == OpKind::Call && !call.dst.isNil()) {
      Loc loc;
      if (resolve(g, call.dst, loc, out)) storePointer(p, g, loc, value, out);
    }
  }
  skipControlFlow(g);
}

bool Simulation::runGoroutine(Processor& p, Goroutine& g, EventSink& out) {
  if (g.stack.empty()) {
    exitGoroutine(g, out);
    return true;
  }
  skipControlFlow(g);
  Frame& f = g.stack.back();
  const Function& fn = prog_->functions[f.func];
  if (f.pc >= fn.ops.size()) {
    // Falling off the end of a function is an implicit `return`.
    p.now += prog_->config.costs.op;
    ++g.opsDone;
    doReturn(p, g, kNil, out);
    return true;
  }
  return execOp(p, g, out);
}

bool Simulation::runFinalizerGoroutine(Processor& p, Goroutine& g, EventSink& out) {
  if (!g.stack.empty()) return runGoroutine(p, g, out);
  if (s_.gc.finq.empty()) {
    park(g.id, WaitReason::FinalizerIdle);
    return false;
  }
  // runfinq: take the next queued finalizer and call it with the object.
  QueuedFinalizer q = s_.gc.finq.front();
  // runfinq copies the object into the finalizer's frame (*frame = f.arg,
  // the frame is heap memory) and clears the queue entry (f.arg = nil): two
  // pointer writes off the stack, so both go through the write barrier.
  // While marking that matters: the queue is a root whose job may not have
  // run yet, and this stack may already be scanned (always, with yuasa's
  // stack snapshot, which scans every stack before the queue).
  if (s_.gc.barrierOn) {
    GcContext c = ctx(out, g.id);
    writeBarrier(c, prog_->config.barrier, prog_->config.wbBufEntries, p.id, kNil, q.obj);
    writeBarrier(c, prog_->config.barrier, prog_->config.wbBufEntries, p.id, q.obj, kNil);
    p.now += 2 * prog_->config.costs.barrier;
  }
  s_.gc.finq.erase(s_.gc.finq.begin());
  s_.world.objects.mut(q.obj).flags &= static_cast<std::uint8_t>(~kFinalizerQueued);
  pushFrame(g, q.func, {std::int64_t(q.obj)});
  skipControlFlow(g);
  p.now += prog_->config.costs.op;
  out.push(g.id, FinalizerRunEvent{q.obj, q.func});
  return true;
}

// OpKind::Go: the go statement: a new goroutine, runnable, with its arguments. nullopt when the op is done
// (execOp charges it and moves the pc on), else the unit's result.
std::optional<bool> Simulation::opGo(Processor& p, Goroutine& g, const Op& op, EventSink& out) {
  const Costs& cost = prog_->config.costs;
  Loc src;
  std::vector<std::int64_t> args;
  const Function& callee = prog_->functions[op.func];
  for (std::size_t i = 0; i < op.args.size(); ++i) {
    if (!resolve(g, op.args[i], src, out)) return true;
    std::int64_t v = load(src);
    if (i < callee.slots.size() && callee.slots[i].pointer &&
        s_.world.objects[static_cast<ObjectId>(v)].state == ObjState::Stack && v != 0) {
      programError(g, ProgramErrorCode::StackEscape, out);
      return true;
    }
    args.push_back(v);
  }
  Goroutine ng;
  ng.id = static_cast<GoroutineId>(s_.world.goroutines.size() + 1);
  ng.name = op.goName.empty() ? callee.name : op.goName;
  ng.status = GStatus::Waiting;
  s_.world.goroutines.push_back(std::move(ng));
  Goroutine& created = s_.world.goroutines.back();
  Goroutine& self = s_.world.g(g.id);  // the vector may have moved
  pushFrame(created, op.func, args);
  skipControlFlow(created);
  // The arguments move from this stack to the new goroutine's, and the
  // new stack is black: it is not in this cycle's root snapshot, so it
  // is never scanned. Go 1.17+ packs them into a closure (a fresh heap
  // object) written through the write barrier; before, newproc1 copied
  // them with a barrier copy (bulkBarrierBitmap) while the creating
  // stack was grey. Either way each mode shades what its barrier shades
  // for a pointer written into a fresh, nil slot:
  //   hybrid:   shade(new) (Go shades it whatever the stack's colour);
  //   dijkstra: shade(new);
  //   yuasa:    shade(old), and the old value is nil: nothing. With the
  //             stack snapshot that is safe (an argument was reachable
  //             when every stack was scanned, or is new and black);
  //             without it, `go f(c); c = nil` before this stack is
  //             scanned loses C, as it would in Go with that barrier;
  //   none:     nothing: the same loss.
  BarrierMode mode = prog_->config.barrier;
  if (s_.gc.barrierOn && (mode == BarrierMode::Hybrid || mode == BarrierMode::Dijkstra)) {
    GcContext c = ctx(out, self.id);
    for (std::size_t i = 0; i < args.size(); ++i)
      if (i < callee.slots.size() && callee.slots[i].pointer)
        greyObject(c, static_cast<ObjectId>(args[i]), ShadeReason::GoArgs,
                   Ref{RefKind::StackSlot, created.id, 0, std::uint32_t(i)});
  }
  makeRunnable(created.id);
  out.push(self.id, GoStartEvent{created.id, op.func});
  p.now += cost.op;
  opDone(self, out);
  return true;
}

// OpKind::GC: runtime.GC(). nullopt when the op is done (execOp charges it and
// moves the pc on), else the unit's result.
std::optional<bool> Simulation::opRuntimeGC(Processor& p, Goroutine& g, EventSink& out) {
  const Costs& cost = prog_->config.costs;
  // runtime.GC(): wait for the current cycle's mark, start a new cycle,
  // wait for its mark termination, then sweep everything (mgc.go GC()).
  OpProgress& pr = g.progress;
  switch (pr.stage) {
    case 0: {
      pr.cycle = s_.gc.cycle;
      out.push(g.id, GCCallEvent{});
      p.now += cost.op;
      bool marking = s_.gc.phase == Phase::SweepTermination || s_.gc.phase == Phase::Mark ||
                     s_.gc.phase == Phase::MarkTermination;
      if (marking) {
        pr.stage = 1;
        park(g.id, WaitReason::GCMarkWait);
      } else {
        pr.stage = 2;
      }
      return true;
    }
    case 1:
      if (s_.gc.cycles.size() >= pr.cycle && !s_.gc.cycles.empty() && !s_.gc.cycles[pr.cycle - 1].done) {
        park(g.id, WaitReason::GCMarkWait);
        return false;
      }
      pr.stage = 2;
      [[fallthrough]];
    case 2:
      pr.stage = 3;
      if (s_.gc.cycle < pr.cycle + 1 && s_.gc.startPending == 0) {
        g.gcStartPending = true;
        g.pendingTrigger = static_cast<std::uint8_t>(TriggerKind::Forced);
        g.pendingCycle = pr.cycle + 1;
        s_.gc.startPending = g.id;
        if (gcStartUnit(p, g, out)) return true;
      }
      [[fallthrough]];
    case 3:
      if (s_.gc.cycles.size() < pr.cycle + 1 || !s_.gc.cycles[pr.cycle].done) {
        if (s_.gc.startPending == 0 && s_.gc.phase != Phase::SweepTermination && s_.gc.phase != Phase::Mark &&
            s_.gc.phase != Phase::MarkTermination && s_.gc.cycle < pr.cycle + 1) {
          pr.stage = 2;  // the cycle we wanted did not start: try again
          return false;
        }
        park(g.id, WaitReason::GCMarkWait);
        return false;
      }
      pr.stage = 4;
      [[fallthrough]];
    case 4:
      if (s_.gc.cycle == pr.cycle + 1 && sweepOne(p, g, SweepCause::RuntimeGC, out)) {
        deschedule(p);  // Gosched after every span
        return true;
      }
      // Go's mark termination has every P flush its mcache (forEachP)
      // before runtime.GC can see sweeping done: do the stale ones now.
      if (s_.gc.cycle == pr.cycle + 1)
        for (Processor& q : s_.ps)
          if (q.needMcacheFlush && mcacheFlushUnit(q, out)) return true;
      out.push(g.id, GCReturnEvent{});
      p.now += cost.op;
      break;
  }
  return std::nullopt;
}

// OpKind::SetFinalizer: runtime.SetFinalizer. nullopt when the op is done (execOp charges it and
// moves the pc on), else the unit's result.
std::optional<bool> Simulation::opSetFinalizer(Processor& p, Goroutine& g, const Op& op, EventSink& out) {
  const Costs& cost = prog_->config.costs;
  Loc src;
  if (!resolve(g, op.src, src, out)) return true;
  ObjectId obj = static_cast<ObjectId>(load(src));
  if (obj == kNil) {
    programError(g, ProgramErrorCode::NilFinalizerArg, out);
    return true;
  }
  Object& o = s_.world.objects.mut(obj);
  if (o.state == ObjState::Stack) {
    programError(g, ProgramErrorCode::StackEscape, out);
    return true;
  }
  auto it = std::find(s_.world.finalizers.begin(), s_.world.finalizers.end(), obj);
  if (op.func == kNone) {
    if (it != s_.world.finalizers.end()) {
      auto i = it - s_.world.finalizers.begin();
      s_.world.finalizers.erase(it);
      s_.world.finalizerFuncs.erase(s_.world.finalizerFuncs.begin() + i);
      o.flags &= static_cast<std::uint8_t>(~kHasFinalizer);
    }
  } else {
    if (it != s_.world.finalizers.end()) {
      programError(g, ProgramErrorCode::FinalizerAlreadySet, out);
      return true;
    }
    s_.world.finalizers.push_back(obj);
    s_.world.finalizerFuncs.push_back(op.func);
    o.flags |= kHasFinalizer;
    if (!s_.finalizerG) {
      // createfing: the finalizer goroutine starts with the first finalizer.
      Goroutine fg;
      fg.id = static_cast<GoroutineId>(s_.world.goroutines.size() + 1);
      fg.name = "runtime.runfinq";
      fg.kind = GKind::Finalizer;
      fg.status = GStatus::Waiting;
      fg.wait = WaitReason::FinalizerIdle;
      s_.finalizerG = fg.id;
      s_.world.goroutines.push_back(std::move(fg));
    }
  }
  ++s_.graphVersion;
  Goroutine& self = s_.world.g(g.id);
  out.push(self.id, SetFinalizerEvent{obj, op.func});
  p.now += cost.op;
  opDone(self, out);
  return true;
}

// OpKind::WeakMake: weak.Make. nullopt when the op is done (execOp charges it and
// moves the pc on), else the unit's result.
std::optional<bool> Simulation::opWeakMake(Processor& p, Goroutine& g, const Op& op, EventSink& out) {
  const Frame& f = g.stack.back();
  const std::uint32_t site = (f.func << 16) | (f.pc & 0xffff);
  Loc dst, src;
  if (!resolve(g, op.src, src, out)) return true;
  ObjectId target = static_cast<ObjectId>(load(src));
  ObjectId handle = kNil;
  if (target != kNil) {
    if (s_.world.objects[target].state == ObjState::Stack) {
      programError(g, ProgramErrorCode::StackEscape, out);
      return true;
    }
    for (const WeakHandle& h : s_.world.weakHandles)
      if (h.target == target) handle = h.handle;
    if (handle == kNil) {
      // getOrAddWeakHandle: a new 8-byte handle object and a special.
      if (!mallocgc(p, g, prog_->weakHandleType, site, handle, out)) return true;
      if (s_.finished) return true;
      s_.world.weakHandles.push_back(WeakHandle{handle, target});
      s_.world.objects.mut(target).flags |= kHasWeakHandle;
    }
  }
  out.push(g.id, WeakMakeEvent{handle, target});
  if (!resolve(g, op.dst, dst, out)) return true;
  storePointer(p, g, dst, handle, out);
  return std::nullopt;
}

// OpKind::WeakGet: weak.Pointer.Value. nullopt when the op is done (execOp charges it and
// moves the pc on), else the unit's result.
std::optional<bool> Simulation::opWeakGet(Processor& p, Goroutine& g, const Op& op, EventSink& out) {
  Loc dst, src;
  if (!resolve(g, op.src, src, out)) return true;
  ObjectId handle = static_cast<ObjectId>(load(src));
  ObjectId target = kNil;
  for (const WeakHandle& h : s_.world.weakHandles)
    if (h.handle == handle) target = h.target;
  // makeStrongFromWeak first makes sure the target's span is swept, so a
  // target found dead by the last mark is cleared, never handed back.
  if (target != kNil && s_.world.objects[target].state == ObjState::Heap) {
    ensureSwept(s_.world.objects[target].span, g.id, SweepCause::WeakValue, out);
    for (const WeakHandle& h : s_.world.weakHandles)
      if (h.handle == handle) target = h.target;
  }
  // Making a strong pointer while marking shades it (makeStrongFromWeak).
  if (target != kNil && s_.gc.barrierOn) {
    GcContext c = ctx(out, g.id);
    greyObject(c, target, ShadeReason::WeakGet, Ref{RefKind::Special, target, 0, 1});
  }
  out.push(g.id, WeakGetEvent{handle, target});
  if (!resolve(g, op.dst, dst, out)) return true;
  storePointer(p, g, dst, target, out);
  return std::nullopt;
}

bool Simulation::execOp(Processor& p, Goroutine& g, EventSink& out) {
  Frame& f = g.stack.back();
  const Op& op = prog_->functions[f.func].ops[f.pc];
  const Costs& cost = prog_->config.costs;
  const std::uint32_t site = (f.func << 16) | (f.pc & 0xffff);
  Loc dst, src;
  switch (op.kind) {
    case OpKind::New: {
      if (!resolve(g, op.dst, dst, out)) return true;
      ObjectId obj;
      if (op.onStack) {
        obj = allocStack(g, op.type, site, out);
      } else if (!mallocgc(p, g, op.type, site, obj, out)) {
        return true;  // this unit went to an assist or to sweeping
      }
      if (s_.finished) return true;
      if (!op.label.empty()) {
        if (s_.world.labels.size() <= obj) s_.world.labels.resize(obj + 1);
        s_.world.labels[obj] = op.label;
      }
      if (!resolve(g, op.dst, dst, out)) return true;
      storePointer(p, g, dst, obj, out);
      break;
    }
    case OpKind::Store: {
      if (!resolve(g, op.src, src, out)) return true;
      ObjectId v = static_cast<ObjectId>(load(src));
      if (!resolve(g, op.dst, dst, out)) return true;
      storePointer(p, g, dst, v, out);
      break;
    }
    case OpKind::SetScalar: {
      if (!resolve(g, op.dst, dst, out)) return true;
      if (dst.kind == Loc::Kind::Local)
        s_.world.g(dst.g).stack[dst.depth].slots[dst.index] = op.count;
      else if (dst.kind == Loc::Kind::Global)
        s_.world.globals[dst.index] = op.count;
      out.push(g.id, ScalarWriteEvent{static_cast<std::int32_t>(op.count), dst.ref()});
      break;
    }
    case OpKind::Call: {
      if (g.stack.size() >= kMaxStackDepth) {
        programError(g, ProgramErrorCode::StackDepth, out);
        return true;
      }
      std::vector<std::int64_t> args;
      for (const Place& a : op.args) {
        if (!resolve(g, a, src, out)) return true;
        args.push_back(load(src));
      }
      p.now += cost.op;
      out.push(g.id, CallEvent{op.func});
      opDone(g, out);  // the caller's pc moves past the call; the return value lands in op.dst later
      pushFrame(g, op.func, args);
      skipControlFlow(g);
      return true;
    }
    case OpKind::Return: {
      if (!resolve(g, op.src, src, out)) return true;
      ObjectId v = static_cast<ObjectId>(load(src));
      p.now += cost.op;
      ++g.opsDone;
      g.progress = OpProgress{};
      out.push(g.id, OpDoneEvent{f.func, f.pc, op.line});
      doReturn(p, g, v, out);
      return true;
    }
    case OpKind::Go:
      if (auto r = opGo(p, g, op, out)) return *r;
      break;
    case OpKind::GC:
      if (auto r = opRuntimeGC(p, g, out)) return *r;
      break;
    case OpKind::SetFinalizer:
      if (auto r = opSetFinalizer(p, g, op, out)) return *r;
      break;
    case OpKind::WeakMake:
      if (auto r = opWeakMake(p, g, op, out)) return *r;
      break;
    case OpKind::WeakGet:
      if (auto r = opWeakGet(p, g, op, out)) return *r;
      break;
    case OpKind::Work:
      p.now += static_cast<std::uint64_t>(std::max<std::int64_t>(0, op.count));
      out.push(g.id, WorkEvent{static_cast<std::uint64_t>(op.count)});
      break;
    case OpKind::Sleep: {
      std::uint64_t wake = p.now + static_cast<std::uint64_t>(std::max<std::int64_t>(0, op.count));
      out.push(g.id, SleepEvent{wake});
      p.now += cost.op;
      opDone(g, out);
      g.progress.wakeAt = wake;
      s_.nextWake = std::min(s_.nextWake, wake);
      park(g.id, WaitReason::Sleep);
      return true;
    }
    case OpKind::Yield:
      out.push(g.id, YieldEvent{});
      p.now += cost.op;
      opDone(g, out);
      deschedule(p);
      return true;
    case OpKind::RepeatBegin:
    case OpKind::RepeatEnd:
      // Only reached when a loop nest ran kMaxControlOps headers in one step
      // (e.g. a huge loop around an empty inner loop): let time pass.
      skipControlFlow(g);
      p.now += cost.op;
      return true;
  }
  if (s_.finished) return true;
  p.now += cost.op;
  opDone(g, out);
  return true;
}

}  // namespace tricolor
