// Events: the single source of truth about what happened in a step.
//
// Narration, highlights, the event log, gctrace lines, metrics and tests all
// read events; nothing infers "what just happened" by diffing states. An
// event is a small fixed-size record (no strings, 32 bytes: it is copied a
// lot) so recording them costs little; the narrator turns them into
// sentences using the world's names.
//
// Each kind has a typed payload, a struct named after it (ShadeEvent,
// SweepEvent...): producers write Event::of(actor, ShadeEvent{...}) or
// sink.push(actor, ShadeEvent{...}); consumers read e.as<ShadeEvent>().object,
// or `if (auto s = e.get<ShadeEvent>())`. How a payload packs into the
// event's words is each payload's business (encode/decode); nothing else
// reads the words.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/model/assert.hpp"
#include "core/model/ids.hpp"

namespace tricolor {

enum class Phase : std::uint8_t { Off, SweepTermination, Mark, MarkTermination, Sweep };
std::string_view phaseName(Phase p);

// Why a cycle started (gcTrigger kinds).
enum class TriggerKind : std::uint8_t { Heap, Forced, Periodic, Script };

// Why an object was shaded.
enum class ShadeReason : std::uint8_t {
  Root,        // found in a root (global, stack slot, finalizer queue, special)
  Scan,        // found while scanning a grey object
  BarrierOld,  // write barrier, deletion half (old value)
  BarrierNew,  // write barrier, insertion half (new value)
  TinyBlock,   // a P's current tiny block, greyed at mark start
  WeakGet,     // weak.Pointer.Value() during mark makes a strong pointer
  GoArgs,      // arguments of a go statement during mark
};

// Who swept a span (mgcsweep.go's callers of sweepone and mspan.sweep).
enum class SweepCause : std::uint8_t {
  Background,   // bgsweep, the background sweeper goroutine
  Allocation,   // an allocation: mcentral.cacheSpan, deductSweepCredit (lazy sweeping)
  CycleStart,   // the next cycle's start (finishsweep_m): nothing may stay unswept
  RuntimeGC,    // runtime.GC() sweeps everything before it returns
  McacheFlush,  // a P's mcache flush: spans it cached before the sweep began
  WeakValue,    // weak.Pointer.Value: ensureSwept on the target's span
};

// Kinds of place a pointer can live in (for "who points to it").
enum class RefKind : std::uint8_t { Global, StackSlot, Field, WbBuffer, FinalizerQueue, Special };

// A reference to a pointer location, in three words.
//   Global:    a = global index
//   StackSlot: a = goroutine, b = frame depth, c = slot index
//   Field:     a = object, b = pointer-slot index
//   WbBuffer:  a = P
//   FinalizerQueue / Special: a = object holding the reference
struct Ref {
  RefKind kind = RefKind::Global;
  std::uint32_t a = 0, b = 0, c = 0;
  bool operator==(const Ref&) const = default;
};

enum class RootKind : std::uint8_t { FinalizerQueue, FreeStacks, Data, Bss, Specials, Stack };
std::string_view rootKindName(RootKind k);

enum class EventKind : std::uint16_t {
  // --- collector phases and the world
  PhaseChange,
  StopTheWorld,
  StartTheWorld,
  CycleStart,
  CycleEnd,  // the gctrace line of the cycle is available
  Trigger,   // the heap reached the trigger: g will start a cycle
  WorkersPlanned,
  BarrierOn,  // write barrier enabled (mark starts)
  BarrierOff,
  // --- marking
  RootJob,
  StackScan,
  Shade,
  ScanStart,  // an object popped from the grey queue
  ScanEnd,    // the object is black
  BarrierRecord,
  BarrierFlush,
  MarkDoneCheck,
  Assist,
  AssistCredit,
  RescanStack,  // dijkstra: a stack re-scanned at mark termination
  // --- allocation and sweeping
  Alloc,
  AllocStack,
  AllocTiny,
  SpanAlloc,
  SpanCache,  // mcache refill
  SpanUncache,
  SpanFree,  // a span returned to the heap
  Sweep,
  Free,       // an object freed by sweep
  SweepDone,  // every span of this cycle is swept
  // --- finalizers and weak pointers
  SetFinalizer,
  Resurrect,  // kept alive by its finalizer; finalizer queued
  FinalizerRun,
  WeakMake,
  WeakClear,  // the target was found unreachable
  WeakGet,
  // --- mutator
  PointerWrite,
  ScalarWrite,
  Call,
  Return,
  GoStart,
  GoExit,
  Sleep,
  Yield,
  Work,
  Switch,  // a P now runs goroutine g
  OpDone,  // an operation of g completed
  GCCall,  // runtime.GC() called
  GCReturn,
  // --- scripts
  ScriptDirective,
  ScriptSkip,  // a directive that cannot make progress
  // --- safety monitor
  ReachableFreed,
  PointedBy,  // one per referrer of a freed object
  DanglingUse,
  InvariantBroken,
  InvariantRestored,
  // --- end
  ProgramError,
  ProgramEnd,  // main returned
  Deadlock,    // all goroutines asleep
};
std::string_view eventKindName(EventKind k);

enum class ProgramErrorCode : std::uint8_t {
  NilDereference,
  IndexOutOfRange,
  StackEscape,  // a pointer to a stack object stored where it outlives the frame
  StackDepth,   // too many nested calls
  TooManyObjects,
  NilFinalizerArg,  // runtime.SetFinalizer(nil, ...)
  FinalizerAlreadySet,
};

// The words an event's payload is packed in. Only the payloads' encode and
// decode (below) and the event hash touch them.
struct EventWords {
  std::uint16_t flags = 0;
  std::uint32_t a = 0, b = 0, c = 0, d = 0;
  std::uint64_t x = 0;
  // A Ref sits in c, d, x, its kind in flags (a and b stay free).
  static EventWords withRef(const Ref& r) {
    return EventWords{.flags = static_cast<std::uint16_t>(r.kind), .c = r.a, .d = r.b, .x = r.c};
  }
  Ref ref() const { return Ref{static_cast<RefKind>(flags), c, d, static_cast<std::uint32_t>(x)}; }
};

class Event {
 public:
  EventKind kind{};

 private:
  std::uint16_t flags_ = 0;

 public:
  GoroutineId g = 0;  // the goroutine doing it (0 = none / the runtime)

 private:
  std::uint32_t a_ = 0, b_ = 0, c_ = 0, d_ = 0;
  std::uint64_t x_ = 0;

 public:
  Event() = default;
  // An event of payload P's kind, by goroutine g.
  template <class P>
  static Event of(GoroutineId g, const P& p) {
    const EventWords w = p.encode();
    Event e;
    e.kind = P::kKind;
    e.flags_ = w.flags;
    e.g = g;
    e.a_ = w.a;
    e.b_ = w.b;
    e.c_ = w.c;
    e.d_ = w.d;
    e.x_ = w.x;
    return e;
  }
  template <class P>
  bool is() const {
    return kind == P::kKind;
  }
  // The payload of an event known to be of P's kind.
  template <class P>
  P as() const {
    TRICOLOR_ASSERT(is<P>(), "an event read as a payload of another kind");
    return P::decode(words());
  }
  // The payload if the event is of P's kind.
  template <class P>
  std::optional<P> get() const {
    if (!is<P>()) return std::nullopt;
    return P::decode(words());
  }
  bool operator==(const Event&) const = default;

 private:
  EventWords words() const { return EventWords{flags_, a_, b_, c_, d_, x_}; }
  friend std::uint64_t hashEvents(std::uint64_t h, const Event* events, std::size_t n);
};
static_assert(sizeof(Event) == 32, "events are copied a lot: keep them at 32 bytes");

// FNV-1a over events: a fingerprint of a run (determinism tests, --hash).
inline constexpr std::uint64_t kEventHashSeed = 1469598103934665603ULL;
std::uint64_t hashEvents(std::uint64_t h, const Event* events, std::size_t n);

// ---- payloads, one per kind (in EventKind's order)

// A kind that carries nothing but its actor.
template <EventKind K>
struct BareEvent {
  static constexpr EventKind kKind = K;
  EventWords encode() const { return {}; }
  static BareEvent decode(const EventWords&) { return {}; }
};

struct PhaseChangeEvent {
  static constexpr EventKind kKind = EventKind::PhaseChange;
  Phase from{}, to{};
  EventWords encode() const { return {.a = std::uint32_t(from), .b = std::uint32_t(to)}; }
  static PhaseChangeEvent decode(const EventWords& w) { return {Phase(w.a), Phase(w.b)}; }
};

// The world stops to enter `phase` (StopTheWorld), or restarts in it (StartTheWorld).
template <EventKind K>
struct WorldEvent {
  static constexpr EventKind kKind = K;
  Phase phase{};
  EventWords encode() const { return {.a = std::uint32_t(phase)}; }
  static WorldEvent decode(const EventWords& w) { return {Phase(w.a)}; }
};
using StopTheWorldEvent = WorldEvent<EventKind::StopTheWorld>;
using StartTheWorldEvent = WorldEvent<EventKind::StartTheWorld>;

struct CycleStartEvent {
  static constexpr EventKind kKind = EventKind::CycleStart;
  std::uint32_t cycle = 0;
  TriggerKind trigger{};
  std::uint64_t heapLive = 0;
  EventWords encode() const { return {.a = cycle, .b = std::uint32_t(trigger), .x = heapLive}; }
  static CycleStartEvent decode(const EventWords& w) { return {w.a, TriggerKind(w.b), w.x}; }
};

// A cycle's number: its marking ended (CycleEnd) or its sweep did (SweepDone).
template <EventKind K>
struct CycleNumberEvent {
  static constexpr EventKind kKind = K;
  std::uint32_t cycle = 0;
  EventWords encode() const { return {.a = cycle}; }
  static CycleNumberEvent decode(const EventWords& w) { return {w.a}; }
};
using CycleEndEvent = CycleNumberEvent<EventKind::CycleEnd>;

struct TriggerEvent {
  static constexpr EventKind kKind = EventKind::Trigger;
  std::uint64_t heapLive = 0;
  EventWords encode() const { return {.x = heapLive}; }
  static TriggerEvent decode(const EventWords& w) { return {w.x}; }
};

struct WorkersPlannedEvent {
  static constexpr EventKind kKind = EventKind::WorkersPlanned;
  std::uint32_t dedicated = 0;
  std::uint32_t fractionalPermille = 0;  // fractional goal, in 1/1000 of a P
  std::uint32_t procs = 0;               // GOMAXPROCS
  EventWords encode() const { return {.a = dedicated, .b = fractionalPermille, .c = procs}; }
  static WorkersPlannedEvent decode(const EventWords& w) { return {w.a, w.b, w.c}; }
};

using BarrierOnEvent = BareEvent<EventKind::BarrierOn>;
using BarrierOffEvent = BareEvent<EventKind::BarrierOff>;

struct RootJobEvent {
  static constexpr EventKind kKind = EventKind::RootJob;
  RootKind root{};
  std::uint32_t index = 0;  // shard, or goroutine for a stack
  std::uint32_t job = 0;    // the job's number in the cycle's list
  EventWords encode() const { return {.a = std::uint32_t(root), .b = index, .c = job}; }
  static RootJobEvent decode(const EventWords& w) { return {RootKind(w.a), w.b, w.c}; }
};

struct StackScanEvent {
  static constexpr EventKind kKind = EventKind::StackScan;
  GoroutineId goroutine = 0;
  bool rescan = false;
  std::uint64_t bytes = 0;
  EventWords encode() const { return {.a = goroutine, .b = rescan ? 1u : 0u, .x = bytes}; }
  static StackScanEvent decode(const EventWords& w) { return {w.a, w.b != 0, w.x}; }
};

struct ShadeEvent {
  static constexpr EventKind kKind = EventKind::Shade;
  ObjectId object = kNil;
  ShadeReason reason{};
  bool noscan = false;  // black at once: it holds no pointers
  Ref from;             // where the pointer was found
  EventWords encode() const {
    EventWords w = EventWords::withRef(from);
    w.a = object;
    w.b = std::uint32_t(reason) | (noscan ? 0x100u : 0u);
    return w;
  }
  static ShadeEvent decode(const EventWords& w) {
    return {w.a, ShadeReason(w.b & 0xff), (w.b & 0x100) != 0, w.ref()};
  }
};

struct ScanStartEvent {
  static constexpr EventKind kKind = EventKind::ScanStart;
  ObjectId object = kNil;
  std::uint32_t oblet = 0, oblets = 0;  // which 128 KiB piece, of how many
  EventWords encode() const { return {.a = object, .b = oblet, .c = oblets}; }
  static ScanStartEvent decode(const EventWords& w) { return {w.a, w.b, w.c}; }
};

// Kinds about one object: ScanEnd, ReachableFreed.
template <EventKind K>
struct ObjectEvent {
  static constexpr EventKind kKind = K;
  ObjectId object = kNil;
  EventWords encode() const { return {.a = object}; }
  static ObjectEvent decode(const EventWords& w) { return {w.a}; }
};
using ScanEndEvent = ObjectEvent<EventKind::ScanEnd>;

struct BarrierRecordEvent {
  static constexpr EventKind kKind = EventKind::BarrierRecord;
  ObjectId oldValue = kNil, newValue = kNil;
  PId p = 0;  // whose buffer
  EventWords encode() const { return {.a = oldValue, .b = newValue, .c = p}; }
  static BarrierRecordEvent decode(const EventWords& w) { return {w.a, w.b, w.c}; }
};

struct BarrierFlushEvent {
  static constexpr EventKind kKind = EventKind::BarrierFlush;
  PId p = 0;
  std::uint32_t pointers = 0;
  EventWords encode() const { return {.a = p, .b = pointers}; }
  static BarrierFlushEvent decode(const EventWords& w) { return {w.a, w.b}; }
};

struct MarkDoneCheckEvent {
  static constexpr EventKind kKind = EventKind::MarkDoneCheck;
  bool moreWork = false;  // work was found: marking continues
  EventWords encode() const { return {.b = moreWork ? 1u : 0u}; }
  static MarkDoneCheckEvent decode(const EventWords& w) { return {w.b != 0}; }
};

struct AssistEvent {
  static constexpr EventKind kKind = EventKind::Assist;
  std::uint32_t work = 0;  // scan work done (bytes)
  std::uint64_t debt = 0;  // what the goroutine still owes
  EventWords encode() const { return {.a = work, .x = debt}; }
  static AssistEvent decode(const EventWords& w) { return {w.a, w.x}; }
};

struct AssistCreditEvent {
  static constexpr EventKind kKind = EventKind::AssistCredit;
  std::uint64_t credit = 0;  // bytes of background credit taken
  EventWords encode() const { return {.x = credit}; }
  static AssistCreditEvent decode(const EventWords& w) { return {w.x}; }
};

struct RescanStackEvent {
  static constexpr EventKind kKind = EventKind::RescanStack;
  GoroutineId goroutine = 0;
  EventWords encode() const { return {.a = goroutine}; }
  static RescanStackEvent decode(const EventWords& w) { return {w.a}; }
};

struct AllocEvent {
  static constexpr EventKind kKind = EventKind::Alloc;
  ObjectId object = kNil;
  SpanId span = 0;
  std::uint32_t slot = 0;
  std::uint32_t sizeClass = 0;  // 0 = a large object's own span
  bool black = false;           // allocated while marking
  PId p = 0;
  EventWords encode() const {
    return {.flags = std::uint16_t(black ? 1 : 0), .a = object, .b = span, .c = slot, .d = sizeClass, .x = p};
  }
  static AllocEvent decode(const EventWords& w) {
    return {w.a, w.b, w.c, w.d, (w.flags & 1) != 0, static_cast<PId>(w.x)};
  }
};

struct AllocStackEvent {
  static constexpr EventKind kKind = EventKind::AllocStack;
  ObjectId object = kNil;
  std::uint32_t depth = 0;  // the frame holding it
  EventWords encode() const { return {.a = object, .b = depth}; }
  static AllocStackEvent decode(const EventWords& w) { return {w.a, w.b}; }
};

struct AllocTinyEvent {
  static constexpr EventKind kKind = EventKind::AllocTiny;
  ObjectId object = kNil;
  SpanId span = 0;
  std::uint32_t slot = 0;
  std::uint32_t offset = 0;  // inside the 16-byte block
  EventWords encode() const { return {.a = object, .b = span, .c = slot, .d = offset}; }
  static AllocTinyEvent decode(const EventWords& w) { return {w.a, w.b, w.c, w.d}; }
};

struct SpanAllocEvent {
  static constexpr EventKind kKind = EventKind::SpanAlloc;
  SpanId span = 0;
  std::uint32_t spanClass = 0;  // size class * 2 + noscan
  std::uint32_t pages = 0;
  std::uint32_t firstPage = 0;
  EventWords encode() const { return {.a = span, .b = spanClass, .c = pages, .d = firstPage}; }
  static SpanAllocEvent decode(const EventWords& w) { return {w.a, w.b, w.c, w.d}; }
};

// A span enters (SpanCache) or leaves (SpanUncache) P's mcache.
template <EventKind K>
struct McacheSpanEvent {
  static constexpr EventKind kKind = K;
  SpanId span = 0;
  PId p = 0;
  EventWords encode() const { return {.a = span, .b = p}; }
  static McacheSpanEvent decode(const EventWords& w) { return {w.a, w.b}; }
};
using SpanCacheEvent = McacheSpanEvent<EventKind::SpanCache>;
using SpanUncacheEvent = McacheSpanEvent<EventKind::SpanUncache>;

struct SpanFreeEvent {
  static constexpr EventKind kKind = EventKind::SpanFree;
  SpanId span = 0;
  EventWords encode() const { return {.a = span}; }
  static SpanFreeEvent decode(const EventWords& w) { return {w.a}; }
};

struct SweepEvent {
  static constexpr EventKind kKind = EventKind::Sweep;
  SpanId span = 0;
  std::uint32_t freed = 0, kept = 0;  // objects
  SweepCause by{};
  EventWords encode() const { return {.a = span, .b = freed, .c = kept, .d = std::uint32_t(by)}; }
  static SweepEvent decode(const EventWords& w) { return {w.a, w.b, w.c, SweepCause(w.d)}; }
};

struct FreeEvent {
  static constexpr EventKind kKind = EventKind::Free;
  ObjectId object = kNil;
  SpanId span = 0;
  std::uint32_t slot = 0;
  EventWords encode() const { return {.a = object, .b = span, .c = slot}; }
  static FreeEvent decode(const EventWords& w) { return {w.a, w.b, w.c}; }
};

using SweepDoneEvent = CycleNumberEvent<EventKind::SweepDone>;

// An object and a function: SetFinalizer (func kNone = cleared), Resurrect
// (the finalizer queued), FinalizerRun.
template <EventKind K>
struct FinalizerEvent {
  static constexpr EventKind kKind = K;
  ObjectId object = kNil;
  FuncId func = kNone;
  EventWords encode() const { return {.a = object, .b = func}; }
  static FinalizerEvent decode(const EventWords& w) { return {w.a, w.b}; }
};
using SetFinalizerEvent = FinalizerEvent<EventKind::SetFinalizer>;
using ResurrectEvent = FinalizerEvent<EventKind::Resurrect>;
using FinalizerRunEvent = FinalizerEvent<EventKind::FinalizerRun>;

// A weak handle and its target: WeakMake, WeakClear, WeakGet (target nil
// once cleared).
template <EventKind K>
struct WeakEvent {
  static constexpr EventKind kKind = K;
  ObjectId handle = kNil, target = kNil;
  EventWords encode() const { return {.a = handle, .b = target}; }
  static WeakEvent decode(const EventWords& w) { return {w.a, w.b}; }
};
using WeakMakeEvent = WeakEvent<EventKind::WeakMake>;
using WeakClearEvent = WeakEvent<EventKind::WeakClear>;
using WeakGetEvent = WeakEvent<EventKind::WeakGet>;

struct PointerWriteEvent {
  static constexpr EventKind kKind = EventKind::PointerWrite;
  ObjectId value = kNil, old = kNil;
  Ref where;
  EventWords encode() const {
    EventWords w = EventWords::withRef(where);
    w.a = value;
    w.b = old;
    return w;
  }
  static PointerWriteEvent decode(const EventWords& w) { return {w.a, w.b, w.ref()}; }
};

struct ScalarWriteEvent {
  static constexpr EventKind kKind = EventKind::ScalarWrite;
  std::int32_t value = 0;
  Ref where;
  EventWords encode() const {
    EventWords w = EventWords::withRef(where);
    w.a = static_cast<std::uint32_t>(value);
    return w;
  }
  static ScalarWriteEvent decode(const EventWords& w) { return {static_cast<std::int32_t>(w.a), w.ref()}; }
};

// A call into or a return from a function.
template <EventKind K>
struct FuncEvent {
  static constexpr EventKind kKind = K;
  FuncId func = 0;
  EventWords encode() const { return {.a = func}; }
  static FuncEvent decode(const EventWords& w) { return {w.a}; }
};
using CallEvent = FuncEvent<EventKind::Call>;
using ReturnEvent = FuncEvent<EventKind::Return>;

struct GoStartEvent {
  static constexpr EventKind kKind = EventKind::GoStart;
  GoroutineId goroutine = 0;  // the new one
  FuncId func = 0;
  EventWords encode() const { return {.a = goroutine, .b = func}; }
  static GoStartEvent decode(const EventWords& w) { return {w.a, w.b}; }
};

using GoExitEvent = BareEvent<EventKind::GoExit>;

struct SleepEvent {
  static constexpr EventKind kKind = EventKind::Sleep;
  std::uint64_t wakeAt = 0;  // ns
  EventWords encode() const { return {.x = wakeAt}; }
  static SleepEvent decode(const EventWords& w) { return {w.x}; }
};

using YieldEvent = BareEvent<EventKind::Yield>;

struct WorkEvent {
  static constexpr EventKind kKind = EventKind::Work;
  std::uint64_t ns = 0;
  EventWords encode() const { return {.x = ns}; }
  static WorkEvent decode(const EventWords& w) { return {w.x}; }
};

struct SwitchEvent {
  static constexpr EventKind kKind = EventKind::Switch;
  PId p = 0;
  EventWords encode() const { return {.a = p}; }
  static SwitchEvent decode(const EventWords& w) { return {w.a}; }
};

struct OpDoneEvent {
  static constexpr EventKind kKind = EventKind::OpDone;
  FuncId func = 0;
  std::uint32_t op = 0;    // index in the function
  std::uint32_t line = 0;  // source line (0 = none)
  EventWords encode() const { return {.a = func, .b = op, .c = line}; }
  static OpDoneEvent decode(const EventWords& w) { return {w.a, w.b, w.c}; }
};

using GCCallEvent = BareEvent<EventKind::GCCall>;
using GCReturnEvent = BareEvent<EventKind::GCReturn>;

// A script directive started (ScriptDirective) or skipped (ScriptSkip).
template <EventKind K>
struct DirectiveEvent {
  static constexpr EventKind kKind = K;
  std::uint32_t directive = 0;  // index in the schedule
  EventWords encode() const { return {.a = directive}; }
  static DirectiveEvent decode(const EventWords& w) { return {w.a}; }
};
using ScriptDirectiveEvent = DirectiveEvent<EventKind::ScriptDirective>;
using ScriptSkipEvent = DirectiveEvent<EventKind::ScriptSkip>;

using ReachableFreedEvent = ObjectEvent<EventKind::ReachableFreed>;

struct PointedByEvent {
  static constexpr EventKind kKind = EventKind::PointedBy;
  ObjectId object = kNil;
  Ref by;
  EventWords encode() const {
    EventWords w = EventWords::withRef(by);
    w.a = object;
    return w;
  }
  static PointedByEvent decode(const EventWords& w) { return {w.a, w.ref()}; }
};

struct DanglingUseEvent {
  static constexpr EventKind kKind = EventKind::DanglingUse;
  ObjectId object = kNil;    // freed
  bool byCollector = false;  // found while marking (else the program used it)
  Ref via;
  EventWords encode() const {
    EventWords w = EventWords::withRef(via);
    w.a = object;
    w.b = byCollector ? 1u : 0u;
    return w;
  }
  static DanglingUseEvent decode(const EventWords& w) { return {w.a, w.b != 0, w.ref()}; }
};

struct InvariantBrokenEvent {
  static constexpr EventKind kKind = EventKind::InvariantBroken;
  bool weak = false;     // the weak tri-color invariant (else the strong one)
  ObjectId from = kNil;  // black object (nil = a root)
  ObjectId to = kNil;    // white object it points to
  EventWords encode() const { return {.a = weak ? 1u : 0u, .b = from, .c = to}; }
  static InvariantBrokenEvent decode(const EventWords& w) { return {w.a != 0, w.b, w.c}; }
};

struct InvariantRestoredEvent {
  static constexpr EventKind kKind = EventKind::InvariantRestored;
  bool weak = false;
  EventWords encode() const { return {.a = weak ? 1u : 0u}; }
  static InvariantRestoredEvent decode(const EventWords& w) { return {w.a != 0}; }
};

struct ProgramErrorEvent {
  static constexpr EventKind kKind = EventKind::ProgramError;
  ProgramErrorCode code{};
  FuncId func = 0;
  std::uint32_t op = 0;
  EventWords encode() const { return {.a = std::uint32_t(code), .b = func, .c = op}; }
  static ProgramErrorEvent decode(const EventWords& w) { return {ProgramErrorCode(w.a), w.b, w.c}; }
};

using ProgramEndEvent = BareEvent<EventKind::ProgramEnd>;
using DeadlockEvent = BareEvent<EventKind::Deadlock>;

// The objects an event names (up to two; kNil where none): for views and
// tests that look for "an event about X" whatever its kind.
std::array<ObjectId, 2> eventObjects(const Event& e);

// A set of event kinds (bit k = EventKind k).
inline constexpr std::uint64_t eventBit(EventKind k) { return std::uint64_t{1} << static_cast<unsigned>(k); }
static_assert(static_cast<unsigned>(EventKind::Deadlock) < 64, "event kinds must fit a 64-bit mask");

// Where a step's events go. The simulation never allocates for events when
// the sink is disabled (fast forward, benchmarks).
class EventSink {
 public:
  bool enabled = true;
  std::vector<Event> events;
  // Watching a batch (Simulation::stepMany only): it ends after the first
  // step that pushed an event of a kind in stopOn (or ended the run), and
  // then `events` holds that step's events even when disabled; `stopped`
  // says so. Events of kinds in countOn are counted in `counted` (steps that
  // ended the batch excluded). Both are reset by each stepMany.
  std::uint64_t stopOn = 0, countOn = 0;
  std::uint64_t counted = 0;
  bool stopped = false;
  void push(const Event& e) {
    if (enabled) events.push_back(e);
  }
  // Records an event of payload P's kind by goroutine g (nothing is built
  // when the sink is disabled).
  template <class P>
  void push(GoroutineId g, const P& p) {
    if (enabled) events.push_back(Event::of(g, p));
  }
  void clear() { events.clear(); }
};

}  // namespace tricolor
