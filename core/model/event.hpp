// Events: the single source of truth about what happened in a step.
//
// Narration, highlights, the event log, gctrace lines, metrics and tests all
// read events; nothing infers "what just happened" by diffing states. An
// event is a small fixed-size record (no strings) so recording them costs
// little; the narrator turns them into sentences using the world's names.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

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

// A reference to a pointer location, packed in three words.
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
  PhaseChange,     // a = from Phase, b = to Phase
  StopTheWorld,    // a = Phase being entered
  StartTheWorld,   // a = Phase being entered
  CycleStart,      // a = cycle, b = TriggerKind, x = heap live
  CycleEnd,        // a = cycle (gctrace line available for it)
  Trigger,         // the heap reached the trigger: x = heap live, g will start a cycle
  WorkersPlanned,  // a = dedicated, b = fractional goal in 1/1000, c = GOMAXPROCS
  BarrierOn,       // write barrier enabled (mark starts)
  BarrierOff,
  // --- marking
  RootJob,        // a = RootKind, b = index (shard / goroutine), c = job number
  StackScan,      // a = goroutine, b = 1 if re-scan
  Shade,          // a = object, b = ShadeReason | 0x100 if noscan (black at once), source Ref packed
  ScanStart,      // a = object (popped from the grey queue), b = oblet index, c = oblets
  ScanEnd,        // a = object, now black
  BarrierRecord,  // a = old, b = new, c = P: recorded in the write-barrier buffer
  BarrierFlush,   // a = P, b = pointers flushed
  MarkDoneCheck,  // b = 1 if work was found (marking continues)
  Assist,         // g assists: a = work done (bytes), x = remaining debt
  AssistCredit,   // g pays its debt with background credit: x = bytes of credit
  RescanStack,    // dijkstra: a = goroutine re-scanned at mark termination
  // --- allocation and sweeping
  Alloc,        // a = object, b = span, c = slot, d = size class, flags bit0 = black
  AllocStack,   // a = object allocated in the frame
  AllocTiny,    // a = object, b = span, c = slot, d = offset inside the 16-byte block
  SpanAlloc,    // a = span, b = span class, c = pages, d = first page
  SpanCache,    // a = span, b = P (mcache refill)
  SpanUncache,  // a = span, b = P
  SpanFree,     // a = span returned to the heap
  Sweep,        // a = span, b = objects freed, c = objects kept, d = SweepCause
  Free,         // a = object freed by sweep
  SweepDone,    // every span of this cycle is swept
  // --- finalizers and weak pointers
  SetFinalizer,  // a = object, b = func (kNone = cleared)
  Resurrect,     // a = object kept alive by its finalizer; finalizer queued
  FinalizerRun,  // a = object, b = func
  WeakMake,      // a = handle object, b = target
  WeakClear,     // a = handle object, b = target found unreachable
  WeakGet,       // a = handle, b = target (0 = nil)
  // --- mutator
  PointerWrite,  // a = new value, b = old value, c/d + flags: Ref packed (see Event::ref)
  ScalarWrite,   // c/d + flags: Ref packed, x = value
  Call,          // a = func
  Return,        // a = func
  GoStart,       // a = new goroutine
  GoExit,        // goroutine finished
  Sleep,         // x = wake time
  Yield,
  Work,      // x = ns
  Switch,    // P (a) now runs goroutine g
  OpDone,    // an operation of g completed (a = func, b = op index, c = line)
  GCCall,    // runtime.GC() called, a = stage
  GCReturn,  // runtime.GC() returns
  // --- scripts
  ScriptDirective,  // a = directive index started
  ScriptSkip,       // a = directive index skipped (cannot make progress)
  // --- safety monitor
  ReachableFreed,     // a = object freed while still reachable
  PointedBy,          // a = object, ref in c/d + flags (one per referrer)
  DanglingUse,        // a = freed object used by the program
  InvariantBroken,    // a = 0 strong / 1 weak, b = from object (0 = root), c = to object
  InvariantRestored,  // a = 0 strong / 1 weak
  // --- end
  ProgramError,  // a = error code (see ProgramErrorCode), b = func, c = op index
  ProgramEnd,    // main returned
  Deadlock,      // all goroutines asleep
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

struct Event {
  EventKind kind{};
  std::uint16_t flags = 0;
  GoroutineId g = 0;  // the goroutine doing it (0 = none / the runtime)
  std::uint32_t a = 0, b = 0, c = 0, d = 0;
  std::uint64_t x = 0;

  // Events that carry a Ref keep it in c, d, x (b is free for the value).
  static Event withRef(EventKind k, GoroutineId g, const Ref& r) {
    Event e;
    e.kind = k;
    e.g = g;
    e.flags = static_cast<std::uint16_t>(r.kind);
    e.c = r.a;
    e.d = r.b;
    e.x = r.c;
    return e;
  }
  Ref ref() const { return Ref{static_cast<RefKind>(flags), c, d, static_cast<std::uint32_t>(x)}; }
  bool operator==(const Event&) const = default;
};

// FNV-1a over events: a fingerprint of a run (determinism tests, --hash).
inline constexpr std::uint64_t kEventHashSeed = 1469598103934665603ULL;
std::uint64_t hashEvents(std::uint64_t h, const Event* events, std::size_t n);

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
  void clear() { events.clear(); }
};

}  // namespace tricolor
