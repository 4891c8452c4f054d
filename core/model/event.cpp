#include "core/model/event.hpp"

namespace tricolor {

std::uint64_t hashEvents(std::uint64_t h, const Event* events, std::size_t n) {
  auto mix = [&](std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xff;
      h *= 1099511628211ULL;
    }
  };
  for (std::size_t i = 0; i < n; ++i) {
    const Event& e = events[i];
    mix(static_cast<std::uint64_t>(e.kind) | (std::uint64_t(e.flags_) << 16) | (std::uint64_t(e.g) << 32));
    mix(e.a_ | (std::uint64_t(e.b_) << 32));
    mix(e.c_ | (std::uint64_t(e.d_) << 32));
    mix(e.x_);
  }
  return h;
}

std::array<ObjectId, 2> eventObjects(const Event& e) {
  switch (e.kind) {
    case EventKind::Shade: return {e.as<ShadeEvent>().object, kNil};
    case EventKind::ScanStart: return {e.as<ScanStartEvent>().object, kNil};
    case EventKind::ScanEnd: return {e.as<ScanEndEvent>().object, kNil};
    case EventKind::BarrierRecord: {
      const auto r = e.as<BarrierRecordEvent>();
      return {r.oldValue, r.newValue};
    }
    case EventKind::Alloc: return {e.as<AllocEvent>().object, kNil};
    case EventKind::AllocStack: return {e.as<AllocStackEvent>().object, kNil};
    case EventKind::AllocTiny: return {e.as<AllocTinyEvent>().object, kNil};
    case EventKind::Free: return {e.as<FreeEvent>().object, kNil};
    case EventKind::SetFinalizer: return {e.as<SetFinalizerEvent>().object, kNil};
    case EventKind::Resurrect: return {e.as<ResurrectEvent>().object, kNil};
    case EventKind::FinalizerRun: return {e.as<FinalizerRunEvent>().object, kNil};
    case EventKind::WeakMake: {
      const auto w = e.as<WeakMakeEvent>();
      return {w.handle, w.target};
    }
    case EventKind::WeakClear: {
      const auto w = e.as<WeakClearEvent>();
      return {w.handle, w.target};
    }
    case EventKind::WeakGet: {
      const auto w = e.as<WeakGetEvent>();
      return {w.handle, w.target};
    }
    case EventKind::PointerWrite: {
      const auto w = e.as<PointerWriteEvent>();
      return {w.value, w.old};
    }
    case EventKind::ReachableFreed: return {e.as<ReachableFreedEvent>().object, kNil};
    case EventKind::PointedBy: return {e.as<PointedByEvent>().object, kNil};
    case EventKind::DanglingUse: return {e.as<DanglingUseEvent>().object, kNil};
    case EventKind::InvariantBroken: {
      const auto i = e.as<InvariantBrokenEvent>();
      return {i.from, i.to};
    }
    default: return {kNil, kNil};
  }
}

std::string_view phaseName(Phase p) {
  switch (p) {
    case Phase::Off: return "off";
    case Phase::SweepTermination: return "sweep termination";
    case Phase::Mark: return "mark";
    case Phase::MarkTermination: return "mark termination";
    case Phase::Sweep: return "sweep";
  }
  return "?";
}

std::string_view rootKindName(RootKind k) {
  switch (k) {
    case RootKind::FinalizerQueue: return "finalizer queue";
    case RootKind::FreeStacks: return "free stacks";
    case RootKind::Data: return "data segment";
    case RootKind::Bss: return "bss segment";
    case RootKind::Specials: return "span specials";
    case RootKind::Stack: return "goroutine stack";
  }
  return "?";
}

std::string_view eventKindName(EventKind k) {
  switch (k) {
#define TRICOLOR_EVENT_NAME(x) \
  case EventKind::x: return #x;
    TRICOLOR_EVENT_NAME(PhaseChange)
    TRICOLOR_EVENT_NAME(StopTheWorld)
    TRICOLOR_EVENT_NAME(StartTheWorld)
    TRICOLOR_EVENT_NAME(CycleStart)
    TRICOLOR_EVENT_NAME(CycleEnd)
    TRICOLOR_EVENT_NAME(Trigger)
    TRICOLOR_EVENT_NAME(WorkersPlanned)
    TRICOLOR_EVENT_NAME(BarrierOn)
    TRICOLOR_EVENT_NAME(BarrierOff)
    TRICOLOR_EVENT_NAME(RootJob)
    TRICOLOR_EVENT_NAME(StackScan)
    TRICOLOR_EVENT_NAME(Shade)
    TRICOLOR_EVENT_NAME(ScanStart)
    TRICOLOR_EVENT_NAME(ScanEnd)
    TRICOLOR_EVENT_NAME(BarrierRecord)
    TRICOLOR_EVENT_NAME(BarrierFlush)
    TRICOLOR_EVENT_NAME(MarkDoneCheck)
    TRICOLOR_EVENT_NAME(Assist)
    TRICOLOR_EVENT_NAME(AssistCredit)
    TRICOLOR_EVENT_NAME(RescanStack)
    TRICOLOR_EVENT_NAME(Alloc)
    TRICOLOR_EVENT_NAME(AllocStack)
    TRICOLOR_EVENT_NAME(AllocTiny)
    TRICOLOR_EVENT_NAME(SpanAlloc)
    TRICOLOR_EVENT_NAME(SpanCache)
    TRICOLOR_EVENT_NAME(SpanUncache)
    TRICOLOR_EVENT_NAME(SpanFree)
    TRICOLOR_EVENT_NAME(Sweep)
    TRICOLOR_EVENT_NAME(Free)
    TRICOLOR_EVENT_NAME(SweepDone)
    TRICOLOR_EVENT_NAME(SetFinalizer)
    TRICOLOR_EVENT_NAME(Resurrect)
    TRICOLOR_EVENT_NAME(FinalizerRun)
    TRICOLOR_EVENT_NAME(WeakMake)
    TRICOLOR_EVENT_NAME(WeakClear)
    TRICOLOR_EVENT_NAME(WeakGet)
    TRICOLOR_EVENT_NAME(PointerWrite)
    TRICOLOR_EVENT_NAME(ScalarWrite)
    TRICOLOR_EVENT_NAME(Call)
    TRICOLOR_EVENT_NAME(Return)
    TRICOLOR_EVENT_NAME(GoStart)
    TRICOLOR_EVENT_NAME(GoExit)
    TRICOLOR_EVENT_NAME(Sleep)
    TRICOLOR_EVENT_NAME(Yield)
    TRICOLOR_EVENT_NAME(Work)
    TRICOLOR_EVENT_NAME(Switch)
    TRICOLOR_EVENT_NAME(OpDone)
    TRICOLOR_EVENT_NAME(GCCall)
    TRICOLOR_EVENT_NAME(GCReturn)
    TRICOLOR_EVENT_NAME(ScriptDirective)
    TRICOLOR_EVENT_NAME(ScriptSkip)
    TRICOLOR_EVENT_NAME(ReachableFreed)
    TRICOLOR_EVENT_NAME(PointedBy)
    TRICOLOR_EVENT_NAME(DanglingUse)
    TRICOLOR_EVENT_NAME(InvariantBroken)
    TRICOLOR_EVENT_NAME(InvariantRestored)
    TRICOLOR_EVENT_NAME(ProgramError)
    TRICOLOR_EVENT_NAME(ProgramEnd)
    TRICOLOR_EVENT_NAME(Deadlock)
#undef TRICOLOR_EVENT_NAME
  }
  return "?";
}

}  // namespace tricolor
