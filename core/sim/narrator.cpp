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

}  // namespace

std::string describe(const Simulation& sim, const Event& e) {
  const State& s = sim.state();
  const Program& P = sim.program();
  auto obj = [&](std::uint32_t id) { return sim.objectName(id); };
  auto fname = [&](std::uint32_t f) {
    return f < P.functions.size() ? P.functions[f].name : std::string("?");
  };
  switch (e.kind) {
    case EventKind::PhaseChange:
      return "Phase: " + std::string(phaseName(Phase(e.a))) + " -> " + std::string(phaseName(Phase(e.b))) +
             ".";
    case EventKind::StopTheWorld:
      return who(sim, e.g) + " stops the world for " + std::string(phaseName(Phase(e.a))) + ".";
    case EventKind::StartTheWorld: return "The world restarts.";
    case EventKind::CycleStart:
      return "GC cycle " + std::to_string(e.a) + " starts: " + std::string(triggerName(TriggerKind(e.b))) +
             " (heap live " + bytes(e.x) + ").";
    case EventKind::CycleEnd: {
      if (e.a == 0 || e.a > s.gc.cycles.size())
        return "GC cycle " + std::to_string(e.a) + " is done marking.";
      const CycleStats& c = s.gc.cycles[e.a - 1];
      return "GC cycle " + std::to_string(e.a) +
             " is done marking: " + plural(c.objectsMarked, "object", "objects") + " (" + bytes(c.heap2) +
             ") " + (c.objectsMarked == 1 ? "is" : "are") +
             " live; every span now needs sweeping; the next heap goal is " + bytes(sim.heapGoal()) + ".";
    }
    case EventKind::Trigger:
      return who(sim, e.g) + "'s allocation brought the heap to " + bytes(e.x) + ", past the trigger.";
    case EventKind::WorkersPlanned:
      return "Background mark workers: " + std::to_string(e.a) + " dedicated, fractional goal " +
             std::to_string(e.b / 10) + "." + std::to_string(e.b % 10) +
             "% of each P (GOMAXPROCS=" + std::to_string(e.c) + ").";
    case EventKind::BarrierOn:
      return "The write barrier is on and " + std::to_string(s.gc.rootJobs.size()) +
             " root jobs are queued; marking starts when the world restarts.";
    case EventKind::BarrierOff: return "The write barrier is off.";
    case EventKind::RootJob: {
      std::string what = std::string(rootKindName(RootKind(e.a)));
      if (RootKind(e.a) == RootKind::Stack)
        what = "stack of " + sim.goroutineName(e.b);
      else if (RootKind(e.a) == RootKind::Data || RootKind(e.a) == RootKind::Bss)
        what += " shard " + std::to_string(e.b);
      return who(sim, e.g) + " runs root job " + std::to_string(e.c + 1) + "/" +
             std::to_string(s.gc.rootJobs.size()) + ": " + what + ".";
    }
    case EventKind::StackScan:
      return std::string(e.b ? "Re-scanned" : "Scanned") + " the stack of " + sim.goroutineName(e.a) + " (" +
             bytes(e.x) + ").";
    case EventKind::Shade: {
      bool noscan = (e.b & 0x100) != 0;
      ShadeReason r = ShadeReason(e.b & 0xff);
      std::string from =
          r == ShadeReason::BarrierOld || r == ShadeReason::BarrierNew ? "" : " via " + sim.refName(e.ref());
      return obj(e.a) + " turns " + (noscan ? "black (no pointers inside)" : "grey") + ": " +
             std::string(shadeWhy(r)) + from + ".";
    }
    case EventKind::ScanStart:
      return who(sim, e.g) + " scans " + obj(e.a) +
             (e.c > 1 ? " (oblet " + std::to_string(e.b + 1) + "/" + std::to_string(e.c) + ")" : "") + ".";
    case EventKind::ScanEnd: return obj(e.a) + " is black.";
    case EventKind::BarrierRecord:
      return "Write barrier records old=" + obj(e.a) + " new=" + obj(e.b) + " in P" + std::to_string(e.c) +
             "'s buffer.";
    case EventKind::BarrierFlush:
      return "P" + std::to_string(e.a) + " flushes its write-barrier buffer (" + std::to_string(e.b) +
             " pointers).";
    case EventKind::MarkDoneCheck:
      return e.b ? "Mark termination check found more work: marking continues."
                 : "No grey objects left anywhere: marking is complete.";
    case EventKind::Assist:
      return who(sim, e.g) + " assists: " + bytes(e.a) + " of scan work to pay for allocating while marking.";
    case EventKind::AssistCredit:
      return who(sim, e.g) + " pays its assist debt with " + bytes(e.x) + " of the workers' credit.";
    case EventKind::RescanStack:
      return who(sim, e.g) + " re-scans the stack of " + sim.goroutineName(e.a) + " (Go 1.7, world stopped).";
    case EventKind::Alloc: {
      std::string s2 = who(sim, e.g) + " allocates " + obj(e.a) + " (" +
                       P.types[s.world.objects[e.a].type].name + ", " +
                       bytes(P.types[s.world.objects[e.a].type].size) + ") in span " + std::to_string(e.b) +
                       (e.d ? ", size class " + std::to_string(e.d) : ", a large-object span");
      return s2 + (e.flags & 1 ? ": black, allocated while marking." : ".");
    }
    case EventKind::AllocStack:
      return who(sim, e.g) + " allocates " + obj(e.a) + " (" + P.types[s.world.objects[e.a].type].name +
             ") in its stack frame: it does not escape.";
    case EventKind::AllocTiny:
      return who(sim, e.g) + " packs " + obj(e.a) + " into a 16-byte tiny block at offset " +
             std::to_string(e.d) + ".";
    case EventKind::SpanAlloc:
      return "The heap gives span " + std::to_string(e.a) + " (" + std::to_string(e.c) + " page" +
             (e.c == 1 ? "" : "s") + ", size class " + std::to_string(e.b >> 1) +
             (e.b & 1 ? ", noscan" : "") + ").";
    case EventKind::SpanCache:
      return "P" + std::to_string(e.b) + "'s mcache takes span " + std::to_string(e.a) + ".";
    case EventKind::SpanUncache:
      return "P" + std::to_string(e.b) + "'s mcache gives back span " + std::to_string(e.a) + ".";
    case EventKind::SpanFree:
      return "Span " + std::to_string(e.a) + " has no live objects: its pages return to the heap.";
    case EventKind::Sweep:
      return "Sweep span " + std::to_string(e.a) + " (by " + std::string(sweeperName(SweepCause(e.d))) +
             "): " + std::to_string(e.b) + " freed, " + std::to_string(e.c) +
             " kept; mark bits become alloc bits.";
    case EventKind::Free: return obj(e.a) + " is freed (it was white).";
    case EventKind::SweepDone: return "Every span is swept: the collector is off.";
    case EventKind::SetFinalizer:
      return e.b == kNone ? who(sim, e.g) + " clears the finalizer of " + obj(e.a) + "."
                          : who(sim, e.g) + " sets finalizer " + fname(e.b) + " on " + obj(e.a) + ".";
    case EventKind::Resurrect:
      return obj(e.a) + " is unreachable but has a finalizer: it survives this cycle and " + fname(e.b) +
             " is queued.";
    case EventKind::FinalizerRun: return "The finalizer goroutine runs " + fname(e.b) + "(" + obj(e.a) + ").";
    case EventKind::WeakMake: return who(sim, e.g) + ": weak.Make(" + obj(e.b) + ") -> " + obj(e.a) + ".";
    case EventKind::WeakClear:
      return "Weak handle " + obj(e.a) + " is cleared: its target " + obj(e.b) + " was unreachable.";
    case EventKind::WeakGet:
      return who(sim, e.g) + ": weak pointer " + obj(e.a) + ".Value() = " + obj(e.b) + ".";
    case EventKind::PointerWrite:
      return who(sim, e.g) + ": " + sim.refName(e.ref()) + " = " + obj(e.a) + " (was " + obj(e.b) + ").";
    case EventKind::ScalarWrite:
      return who(sim, e.g) + ": " + sim.refName(e.ref()) + " = " + std::to_string(std::int32_t(e.a)) + ".";
    case EventKind::Call: return who(sim, e.g) + " calls " + fname(e.a) + ".";
    case EventKind::Return: return who(sim, e.g) + " returns from " + fname(e.a) + ".";
    case EventKind::GoStart: return who(sim, e.g) + " starts " + sim.goroutineName(e.a) + ".";
    case EventKind::GoExit: return sim.goroutineName(e.g) + " exits.";
    case EventKind::Sleep: return who(sim, e.g) + " sleeps.";
    case EventKind::Yield: return who(sim, e.g) + " yields (runtime.Gosched).";
    case EventKind::Work: return who(sim, e.g) + " computes for " + std::to_string(e.x) + " ns.";
    case EventKind::Switch: return "P" + std::to_string(e.a) + " runs " + sim.goroutineName(e.g) + ".";
    case EventKind::OpDone: return "";
    case EventKind::GCCall: return who(sim, e.g) + " calls runtime.GC().";
    case EventKind::GCReturn: return "runtime.GC() returns in " + who(sim, e.g) + ".";
    case EventKind::ScriptDirective:
      return e.a < P.schedule.size() ? "Script: " + P.schedule[e.a].text + "." : "Script.";
    case EventKind::ScriptSkip:
      return e.a < P.schedule.size() ? "Script: \"" + P.schedule[e.a].text + "\" cannot run now; skipped."
                                     : "Script step skipped.";
    case EventKind::ReachableFreed:
      return "DANGER: " + obj(e.a) + " was freed while still reachable - a dangling pointer!";
    case EventKind::PointedBy: return obj(e.a) + " is still pointed to by " + sim.refName(e.ref()) + ".";
    case EventKind::DanglingUse:
      return (e.b ? "The collector" : who(sim, e.g)) + " follows a pointer to freed " + obj(e.a) + " (via " +
             sim.refName(e.ref()) + ").";
    case EventKind::InvariantBroken:
      return std::string(e.a ? "Weak" : "Strong") + " tri-color invariant broken: black " +
             (e.b ? obj(e.b) : std::string("root")) + " points to white " + obj(e.c) + ".";
    case EventKind::InvariantRestored:
      return std::string(e.a ? "Weak" : "Strong") + " tri-color invariant holds again.";
    case EventKind::ProgramError: {
      std::string where;
      if (e.b < P.functions.size() && e.c < P.functions[e.b].ops.size() && P.functions[e.b].ops[e.c].line)
        where = " (line " + std::to_string(P.functions[e.b].ops[e.c].line) + ")";
      return who(sim, e.g) + ": " + errorText(ProgramErrorCode(e.a)) + where + ".";
    }
    case EventKind::ProgramEnd: return "main returns: the program exits.";
    case EventKind::Deadlock: return "fatal error: all goroutines are asleep - deadlock!";
  }
  return "";
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
      greyed.push_back(sim.objectName(e.a));
      ShadeReason r = ShadeReason(e.b & 0xff);
      barrier = barrier || r == ShadeReason::BarrierOld || r == ShadeReason::BarrierNew;
    }
    if (e.kind == EventKind::BarrierRecord && head->kind == EventKind::PointerWrite)
      s += " The write barrier records " + sim.objectName(e.a) + " and " + sim.objectName(e.b) + " in P" +
           std::to_string(e.c) + "'s buffer.";
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
        if (e.kind == EventKind::Free) list += (list.empty() ? "" : ", ") + sim.objectName(e.a);
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
    std::string who;
    for (const Event& e : events)
      if (e.kind == EventKind::PointedBy && e.a == head->a)
        who += (who.empty() ? "" : ", ") + sim.refName(e.ref());
    if (!who.empty()) s += " Still pointing to it: " + who + ".";
  }
  if (head->kind != EventKind::SweepDone && std::any_of(events.begin(), events.end(), [](const Event& e) {
        return e.kind == EventKind::SweepDone;
      }))
    s += " Every span is swept: the collector is off.";
  return s;
}

}  // namespace tricolor
