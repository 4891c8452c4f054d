// Narration from events. The sentences use Go's vocabulary so a student can
// find the same words in the runtime sources and the GC guide.
#include "core/sim/narrator.hpp"

#include <algorithm>
#include <cstdio>

#include "core/model/units.hpp"
#include "core/sim/simulation.hpp"

namespace tricolor {

namespace {

std::string bytes(std::uint64_t b) { return formatBytes(b); }

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string who(const Simulation& sim, GoroutineId g) { return g ? sim.goroutineName(g) : "the runtime"; }

std::string_view shadeWhy(ShadeReason r) {
  switch (r) {
    case ShadeReason::Root: return "found in a root";
    case ShadeReason::Scan: return "found while scanning";
    case ShadeReason::BarrierOld: return "write barrier (old value)";
    case ShadeReason::BarrierNew: return "write barrier";
    case ShadeReason::TinyBlock: return "current tiny block";
    case ShadeReason::WeakGet: return "weak.Pointer.Value while marking";
    case ShadeReason::GoArgs: return "argument of a go statement";
  }
  return "";
}

std::string_view triggerName(TriggerKind k) {
  switch (k) {
    case TriggerKind::Heap: return "the heap reached its trigger";
    case TriggerKind::Forced: return "runtime.GC() forced it";
    case TriggerKind::Periodic: return "no cycle ran for two minutes";
    case TriggerKind::Script: return "the scenario's script started it";
  }
  return "";
}

std::string_view sweeperName(SweepCause w) {
  switch (w) {
    case SweepCause::Background: return "the background sweeper";
    case SweepCause::Allocation: return "an allocation (lazy sweeping)";
    case SweepCause::CycleStart: return "the start of a new cycle";
    case SweepCause::RuntimeGC: return "runtime.GC()";
    case SweepCause::McacheFlush: return "the P's mcache flush";
    case SweepCause::WeakValue: return "weak.Pointer.Value (ensureSwept)";
  }
  return "?";
}

std::string funcName(const Simulation& sim, FuncId f) {
  const Program& P = sim.program();
  return f < P.functions.size() ? P.functions[f].name : std::string("?");
}

std::string errorText(ProgramErrorCode c) {
  switch (c) {
    case ProgramErrorCode::NilDereference: return "panic: invalid memory address or nil pointer dereference";
    case ProgramErrorCode::IndexOutOfRange: return "panic: index out of range";
    case ProgramErrorCode::StackEscape:
      return "a pointer to a stack-allocated value would outlive its frame (the compiler would have moved it "
             "to "
             "the heap: mark it \"stack\": false)";
    case ProgramErrorCode::StackDepth: return "fatal error: stack overflow (too many nested calls)";
    case ProgramErrorCode::TooManyObjects: return "fatal error: out of memory (simulation object limit)";
    case ProgramErrorCode::NilFinalizerArg: return "panic: runtime.SetFinalizer: first argument is nil";
    case ProgramErrorCode::FinalizerAlreadySet: return "panic: runtime.SetFinalizer: finalizer already set";
  }
  return "error";
}

// describe() for the collector's phases and the world.
std::string describeWorld(const Simulation& sim, const Event& e) {
  const State& s = sim.state();
  switch (e.kind) {
    case EventKind::PhaseChange: {
      const auto c = e.as<PhaseChangeEvent>();
      return "Phase: " + std::string(phaseName(c.from)) + " -> " + std::string(phaseName(c.to)) + ".";
    }
    case EventKind::StopTheWorld:
      return who(sim, e.g) + " stops the world for " +
             std::string(phaseName(e.as<StopTheWorldEvent>().phase)) + ".";
    case EventKind::StartTheWorld: return "The world restarts.";
    case EventKind::CycleStart: {
      const auto c = e.as<CycleStartEvent>();
      return "GC cycle " + std::to_string(c.cycle) + " starts: " + std::string(triggerName(c.trigger)) +
             " (heap live " + bytes(c.heapLive) + ").";
    }
    case EventKind::CycleEnd: {
      const std::uint32_t n = e.as<CycleEndEvent>().cycle;
      if (n == 0 || n > s.gc.cycles.size()) return "GC cycle " + std::to_string(n) + " is done marking.";
      const CycleStats& c = s.gc.cycles[n - 1];
      return "GC cycle " + std::to_string(n) +
             " is done marking: " + plural(c.objectsMarked, "object", "objects") + " (" + bytes(c.heap2) +
             ") " + (c.objectsMarked == 1 ? "is" : "are") +
             " live; every span now needs sweeping; the next heap goal is " + bytes(sim.heapGoal()) + ".";
    }
    case EventKind::Trigger:
      return who(sim, e.g) + "'s allocation brought the heap to " + bytes(e.as<TriggerEvent>().heapLive) +
             ", past the trigger.";
    case EventKind::WorkersPlanned: {
      const auto w = e.as<WorkersPlannedEvent>();
      return "Background mark workers: " + std::to_string(w.dedicated) + " dedicated, fractional goal " +
             std::to_string(w.fractionalPermille / 10) + "." + std::to_string(w.fractionalPermille % 10) +
             "% of each P (GOMAXPROCS=" + std::to_string(w.procs) + ").";
    }
    case EventKind::BarrierOn:
      return "The write barrier is on and " + std::to_string(s.gc.rootJobs.size()) +
             " root jobs are queued; marking starts when the world restarts.";
    case EventKind::BarrierOff: return "The write barrier is off.";
    default: return "";
  }
}

// describe() for marking.
std::string describeMarking(const Simulation& sim, const Event& e) {
  const State& s = sim.state();
  auto obj = [&](std::uint32_t id) { return sim.objectName(id); };
  switch (e.kind) {
    case EventKind::RootJob: {
      const auto j = e.as<RootJobEvent>();
      std::string what = std::string(rootKindName(j.root));
      if (j.root == RootKind::Stack)
        what = "stack of " + sim.goroutineName(j.index);
      else if (j.root == RootKind::Data || j.root == RootKind::Bss)
        what += " shard " + std::to_string(j.index);
      return who(sim, e.g) + " runs root job " + std::to_string(j.job + 1) + "/" +
             std::to_string(s.gc.rootJobs.size()) + ": " + what + ".";
    }
    case EventKind::StackScan: {
      const auto k = e.as<StackScanEvent>();
      return std::string(k.rescan ? "Re-scanned" : "Scanned") + " the stack of " +
             sim.goroutineName(k.goroutine) + " (" + bytes(k.bytes) + ").";
    }
    case EventKind::Shade: {
      const auto sh = e.as<ShadeEvent>();
      const bool barrier = sh.reason == ShadeReason::BarrierOld || sh.reason == ShadeReason::BarrierNew;
      std::string from = barrier ? "" : " via " + sim.refName(sh.from);
      return obj(sh.object) + " turns " + (sh.noscan ? "black (no pointers inside)" : "grey") + ": " +
             std::string(shadeWhy(sh.reason)) + from + ".";
    }
    case EventKind::ScanStart: {
      const auto sc = e.as<ScanStartEvent>();
      return who(sim, e.g) + " scans " + obj(sc.object) +
             (sc.oblets > 1
                  ? " (oblet " + std::to_string(sc.oblet + 1) + "/" + std::to_string(sc.oblets) + ")"
                  : "") +
             ".";
    }
    case EventKind::ScanEnd: return obj(e.as<ScanEndEvent>().object) + " is black.";
    case EventKind::BarrierRecord: {
      const auto r = e.as<BarrierRecordEvent>();
      return "Write barrier records old=" + obj(r.oldValue) + " new=" + obj(r.newValue) + " in P" +
             std::to_string(r.p) + "'s buffer.";
    }
    case EventKind::BarrierFlush: {
      const auto f = e.as<BarrierFlushEvent>();
      return "P" + std::to_string(f.p) + " flushes its write-barrier buffer (" + std::to_string(f.pointers) +
             " pointers).";
    }
    case EventKind::MarkDoneCheck:
      return e.as<MarkDoneCheckEvent>().moreWork
                 ? "Mark termination check found more work: marking continues."
                 : "No grey objects left anywhere: marking is complete.";
    case EventKind::Assist:
      return who(sim, e.g) + " assists: " + bytes(e.as<AssistEvent>().work) +
             " of scan work to pay for allocating while marking.";
    case EventKind::AssistCredit:
      return who(sim, e.g) + " pays its assist debt with " + bytes(e.as<AssistCreditEvent>().credit) +
             " of the workers' credit.";
    case EventKind::RescanStack:
      return who(sim, e.g) + " re-scans the stack of " +
             sim.goroutineName(e.as<RescanStackEvent>().goroutine) + " (Go 1.7, world stopped).";
    default: return "";
  }
}

// describe() for allocation and sweeping.
std::string describeHeap(const Simulation& sim, const Event& e) {
  const State& s = sim.state();
  const Program& P = sim.program();
  auto obj = [&](std::uint32_t id) { return sim.objectName(id); };
  switch (e.kind) {
    case EventKind::Alloc: {
      const auto a = e.as<AllocEvent>();
      const Type& t = P.types[s.world.objects[a.object].type];
      std::string s2 =
          who(sim, e.g) + " allocates " + obj(a.object) + " (" + t.name + ", " + bytes(t.size) +
          ") in span " + std::to_string(a.span) +
          (a.sizeClass ? ", size class " + std::to_string(a.sizeClass) : ", a large-object span");
      return s2 + (a.black ? ": black, allocated while marking." : ".");
    }
    case EventKind::AllocStack: {
      const ObjectId o = e.as<AllocStackEvent>().object;
      return who(sim, e.g) + " allocates " + obj(o) + " (" + P.types[s.world.objects[o].type].name +
             ") in its stack frame: it does not escape.";
    }
    case EventKind::AllocTiny: {
      const auto a = e.as<AllocTinyEvent>();
      return who(sim, e.g) + " packs " + obj(a.object) + " into a 16-byte tiny block at offset " +
             std::to_string(a.offset) + ".";
    }
    case EventKind::SpanAlloc: {
      const auto a = e.as<SpanAllocEvent>();
      return "The heap gives span " + std::to_string(a.span) + " (" + std::to_string(a.pages) + " page" +
             (a.pages == 1 ? "" : "s") + ", size class " + std::to_string(a.spanClass >> 1) +
             (a.spanClass & 1 ? ", noscan" : "") + ").";
    }
    case EventKind::SpanCache: {
      const auto c = e.as<SpanCacheEvent>();
      return "P" + std::to_string(c.p) + "'s mcache takes span " + std::to_string(c.span) + ".";
    }
    case EventKind::SpanUncache: {
      const auto c = e.as<SpanUncacheEvent>();
      return "P" + std::to_string(c.p) + "'s mcache gives back span " + std::to_string(c.span) + ".";
    }
    case EventKind::SpanFree:
      return "Span " + std::to_string(e.as<SpanFreeEvent>().span) +
             " has no live objects: its pages return to the heap.";
    case EventKind::Sweep: {
      const auto sw = e.as<SweepEvent>();
      return "Sweep span " + std::to_string(sw.span) + " (by " + std::string(sweeperName(sw.by)) +
             "): " + std::to_string(sw.freed) + " freed, " + std::to_string(sw.kept) +
             " kept; mark bits become alloc bits.";
    }
    case EventKind::Free: return obj(e.as<FreeEvent>().object) + " is freed (it was white).";
    case EventKind::SweepDone: return "Every span is swept: the collector is off.";
    default: return "";
  }
}

// describe() for finalizers and weak pointers.
std::string describeSpecials(const Simulation& sim, const Event& e) {
  auto obj = [&](std::uint32_t id) { return sim.objectName(id); };
  auto fname = [&](FuncId f) { return funcName(sim, f); };
  switch (e.kind) {
    case EventKind::SetFinalizer: {
      const auto f = e.as<SetFinalizerEvent>();
      return f.func == kNone
                 ? who(sim, e.g) + " clears the finalizer of " + obj(f.object) + "."
                 : who(sim, e.g) + " sets finalizer " + fname(f.func) + " on " + obj(f.object) + ".";
    }
    case EventKind::Resurrect: {
      const auto f = e.as<ResurrectEvent>();
      return obj(f.object) + " is unreachable but has a finalizer: it survives this cycle and " +
             fname(f.func) + " is queued.";
    }
    case EventKind::FinalizerRun: {
      const auto f = e.as<FinalizerRunEvent>();
      return "The finalizer goroutine runs " + fname(f.func) + "(" + obj(f.object) + ").";
    }
    case EventKind::WeakMake: {
      const auto w = e.as<WeakMakeEvent>();
      return who(sim, e.g) + ": weak.Make(" + obj(w.target) + ") -> " + obj(w.handle) + ".";
    }
    case EventKind::WeakClear: {
      const auto w = e.as<WeakClearEvent>();
      return "Weak handle " + obj(w.handle) + " is cleared: its target " + obj(w.target) +
             " was unreachable.";
    }
    case EventKind::WeakGet: {
      const auto w = e.as<WeakGetEvent>();
      return who(sim, e.g) + ": weak pointer " + obj(w.handle) + ".Value() = " + obj(w.target) + ".";
    }
    default: return "";
  }
}

// describe() for the program.
std::string describeMutator(const Simulation& sim, const Event& e) {
  auto obj = [&](std::uint32_t id) { return sim.objectName(id); };
  auto fname = [&](FuncId f) { return funcName(sim, f); };
  switch (e.kind) {
    case EventKind::PointerWrite: {
      const auto w = e.as<PointerWriteEvent>();
      return who(sim, e.g) + ": " + sim.refName(w.where) + " = " + obj(w.value) + " (was " + obj(w.old) +
             ").";
    }
    case EventKind::ScalarWrite: {
      const auto w = e.as<ScalarWriteEvent>();
      return who(sim, e.g) + ": " + sim.refName(w.where) + " = " + std::to_string(w.value) + ".";
    }
    case EventKind::Call: return who(sim, e.g) + " calls " + fname(e.as<CallEvent>().func) + ".";
    case EventKind::Return: return who(sim, e.g) + " returns from " + fname(e.as<ReturnEvent>().func) + ".";
    case EventKind::GoStart:
      return who(sim, e.g) + " starts " + sim.goroutineName(e.as<GoStartEvent>().goroutine) + ".";
    case EventKind::GoExit: return sim.goroutineName(e.g) + " exits.";
    case EventKind::Sleep: return who(sim, e.g) + " sleeps.";
    case EventKind::Yield: return who(sim, e.g) + " yields (runtime.Gosched).";
    case EventKind::Work:
      return who(sim, e.g) + " computes for " + std::to_string(e.as<WorkEvent>().ns) + " ns.";
    case EventKind::Switch:
      return "P" + std::to_string(e.as<SwitchEvent>().p) + " runs " + sim.goroutineName(e.g) + ".";
    case EventKind::OpDone: return "";
    case EventKind::GCCall: return who(sim, e.g) + " calls runtime.GC().";
    case EventKind::GCReturn: return "runtime.GC() returns in " + who(sim, e.g) + ".";
    default: return "";
  }
}

// describe() for scripts, the safety monitor and the end.
std::string describeRest(const Simulation& sim, const Event& e) {
  const Program& P = sim.program();
  auto obj = [&](std::uint32_t id) { return sim.objectName(id); };
  switch (e.kind) {
    case EventKind::ScriptDirective: {
      const std::uint32_t d = e.as<ScriptDirectiveEvent>().directive;
      return d < P.schedule.size() ? "Script: " + P.schedule[d].text + "." : "Script.";
    }
    case EventKind::ScriptSkip: {
      const std::uint32_t d = e.as<ScriptSkipEvent>().directive;
      return d < P.schedule.size() ? "Script: \"" + P.schedule[d].text + "\" cannot run now; skipped."
                                   : "Script step skipped.";
    }
    case EventKind::ReachableFreed:
      return "DANGER: " + obj(e.as<ReachableFreedEvent>().object) +
             " was freed while still reachable - a dangling pointer!";
    case EventKind::PointedBy: {
      const auto p = e.as<PointedByEvent>();
      return obj(p.object) + " is still pointed to by " + sim.refName(p.by) + ".";
    }
    case EventKind::DanglingUse: {
      const auto d = e.as<DanglingUseEvent>();
      return (d.byCollector ? "The collector" : who(sim, e.g)) + " follows a pointer to freed " +
             obj(d.object) + " (via " + sim.refName(d.via) + ").";
    }
    case EventKind::InvariantBroken: {
      const auto i = e.as<InvariantBrokenEvent>();
      return std::string(i.weak ? "Weak" : "Strong") + " tri-color invariant broken: black " +
             (i.from ? obj(i.from) : std::string("root")) + " points to white " + obj(i.to) + ".";
    }
    case EventKind::InvariantRestored:
      return std::string(e.as<InvariantRestoredEvent>().weak ? "Weak" : "Strong") +
             " tri-color invariant holds again.";
    case EventKind::ProgramError: {
      const auto pe = e.as<ProgramErrorEvent>();
      std::string where;
      if (pe.func < P.functions.size() && pe.op < P.functions[pe.func].ops.size() &&
          P.functions[pe.func].ops[pe.op].line)
        where = " (line " + std::to_string(P.functions[pe.func].ops[pe.op].line) + ")";
      return who(sim, e.g) + ": " + errorText(pe.code) + where + ".";
    }
    case EventKind::ProgramEnd: return "main returns: the program exits.";
    case EventKind::Deadlock: return "fatal error: all goroutines are asleep - deadlock!";
    default: return "";
  }
}

}  // namespace

// One line per event. The kinds come in EventKind's sections, one function each.
std::string describe(const Simulation& sim, const Event& e) {
  const auto k = e.kind;
  if (k <= EventKind::BarrierOff) return describeWorld(sim, e);
  if (k <= EventKind::RescanStack) return describeMarking(sim, e);
  if (k <= EventKind::SweepDone) return describeHeap(sim, e);
  if (k <= EventKind::WeakGet) return describeSpecials(sim, e);
  if (k <= EventKind::GCReturn) return describeMutator(sim, e);
  return describeRest(sim, e);
}

std::string narrate(const Simulation& sim, const std::vector<Event>& events) {
  if (events.empty()) return "";
  // The headline: the most important thing that happened in this step.
  static const EventKind priority[] = {
      EventKind::ProgramError,  EventKind::ReachableFreed, EventKind::Deadlock,      EventKind::ProgramEnd,
      EventKind::CycleStart,    EventKind::CycleEnd,       EventKind::StopTheWorld,  EventKind::BarrierOn,
      EventKind::MarkDoneCheck, EventKind::RescanStack,    EventKind::RootJob,       EventKind::ScanStart,
      EventKind::BarrierFlush,  EventKind::Assist,         EventKind::Sweep,         EventKind::Resurrect,
      EventKind::SweepDone,     EventKind::FinalizerRun,   EventKind::Alloc,         EventKind::AllocTiny,
      EventKind::AllocStack,    EventKind::AssistCredit,   EventKind::WeakMake,      EventKind::WeakGet,
      EventKind::PointerWrite,  EventKind::ScalarWrite,    EventKind::Call,          EventKind::Return,
      EventKind::GoStart,       EventKind::GoExit,         EventKind::GCCall,        EventKind::GCReturn,
      EventKind::SetFinalizer,  EventKind::Sleep,          EventKind::Yield,         EventKind::Work,
      EventKind::SpanFree,      EventKind::SpanUncache,    EventKind::StartTheWorld, EventKind::ScriptSkip};
  const Event* head = nullptr;
  for (EventKind k : priority) {
    auto it = std::find_if(events.begin(), events.end(), [&](const Event& e) { return e.kind == k; });
    if (it != events.end()) {
      head = &*it;
      break;
    }
  }
  if (!head) head = &events.front();
  std::string s = describe(sim, *head);
  // Details that belong in the same sentence.
  std::vector<std::string> greyed;
  bool barrier = false;
  for (const Event& e : events) {
    if (e.kind == EventKind::Shade && head->kind != EventKind::Shade) {
      const auto sh = e.as<ShadeEvent>();
      greyed.push_back(sim.objectName(sh.object));
      barrier = barrier || sh.reason == ShadeReason::BarrierOld || sh.reason == ShadeReason::BarrierNew;
    }
    if (e.kind == EventKind::BarrierRecord && head->kind == EventKind::PointerWrite) {
      const auto r = e.as<BarrierRecordEvent>();
      s += " The write barrier records " + sim.objectName(r.oldValue) + " and " + sim.objectName(r.newValue) +
           " in P" + std::to_string(r.p) + "'s buffer.";
    }
  }
  if (!greyed.empty()) {
    std::string list;
    for (std::size_t i = 0; i < greyed.size() && i < 6; ++i) list += (i ? ", " : "") + greyed[i];
    if (greyed.size() > 6) list += " and " + std::to_string(greyed.size() - 6) + " more";
    s += barrier ? " The write barrier shades " + list + "." : " Shaded: " + list + ".";
  }
  if (head->kind == EventKind::Sweep) {
    auto n =
        std::count_if(events.begin(), events.end(), [](const Event& e) { return e.kind == EventKind::Free; });
    if (n > 0 && n <= 4) {
      std::string list;
      for (const Event& e : events)
        if (auto f = e.get<FreeEvent>()) list += (list.empty() ? "" : ", ") + sim.objectName(f->object);
      s += " Freed: " + list + ".";
    }
  }
  // Secondary events worth their own sentence in the same step.
  for (const Event& e : events) {
    if (&e == head) continue;
    if ((e.kind == EventKind::Resurrect || e.kind == EventKind::AssistCredit ||
         e.kind == EventKind::WeakClear) &&
        head->kind != e.kind)
      s += " " + describe(sim, e);
  }
  if (head->kind == EventKind::ReachableFreed) {
    const ObjectId freed = head->as<ReachableFreedEvent>().object;
    std::string who;
    for (const Event& e : events)
      if (auto p = e.get<PointedByEvent>(); p && p->object == freed)
        who += (who.empty() ? "" : ", ") + sim.refName(p->by);
    if (!who.empty()) s += " Still pointing to it: " + who + ".";
  }
  if (head->kind != EventKind::SweepDone && std::any_of(events.begin(), events.end(), [](const Event& e) {
        return e.kind == EventKind::SweepDone;
      }))
    s += " Every span is swept: the collector is off.";
  return s;
}

}  // namespace tricolor
