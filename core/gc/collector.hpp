// The collector: tri-color marking and sweeping over the world and heap.
//
// Colours are not stored, they follow from Go's bits (mgcmark.go):
//   white = mark bit clear
//   grey  = mark bit set and the object sits in a work queue
//   black = mark bit set and the object has been scanned (or is noscan)
// greyobject sets the mark bit and queues the object (noscan objects are
// black at once); scanobject pops one grey object and greys every white
// object it points to. The queue is one LIFO stack (simplified: Go keeps a
// LIFO work buffer per P plus a global list of full buffers), so marking is
// depth-first-ish. With more than kWindowFrom grey objects (heaps far larger
// than a lesson's), objects go through a small FIFO prefetch window on their
// way from the stack to the scanner, as in prefetching mark stacks (Boehm's
// collector, Cher et al. 2004): same objects, order shifted by the window.
//
// The write barrier (barrier.cpp, mbarrier.go) keeps the weak tri-color
// invariant while the program runs during marking: in hybrid mode it shades
// both the old and the new value of every heap or global pointer write (the
// real runtime records both in a per-P buffer and shades them when the
// buffer fills or when mark termination flushes every P). Stack writes are
// never barriered.
//
// Sweeping one span (sweep.cpp, mspan.sweep) frees the slots whose mark bit
// is clear, installs the mark bits as the new alloc bits, clears weak
// handles to dead objects and resurrects objects with finalizers (marking
// them, queueing the finalizer), then returns an empty span's pages to the
// heap.
//
// The phase machine and who runs each unit (workers, assists, the sweeper)
// live in core/sim; these files are the work itself.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/alloc/heap.hpp"
#include "core/gc/pacer.hpp"
#include "core/model/event.hpp"
#include "core/model/program.hpp"
#include "core/model/world.hpp"

namespace tricolor {

// wbBuf entries with this bit were recorded as the old value (deletion half).
inline constexpr ObjectId kWbOldBit = 0x80000000u;

struct RootJob {
  RootKind kind = RootKind::Data;
  std::uint32_t index = 0;  // shard number, or goroutine id for stacks
  bool operator==(const RootJob&) const = default;
};

struct GreyEntry {
  ObjectId obj = kNil;
  std::uint32_t oblet = 0;  // large objects are scanned 128 KiB at a time
  bool operator==(const GreyEntry&) const = default;
};

struct QueuedFinalizer {
  ObjectId obj = kNil;
  FuncId func = kNone;
  bool operator==(const QueuedFinalizer&) const = default;
};

// One line of gctrace, measured during the cycle.
struct CycleStats {
  std::uint32_t n = 0;
  TriggerKind trigger = TriggerKind::Heap;
  std::uint64_t tSweepTerm = 0, tMark = 0, tMarkTerm = 0, tEnd = 0;  // ns
  std::uint64_t heap0 = 0, heap1 = 0, heap2 = 0, goal = 0, triggerBytes = 0;
  std::uint64_t stacks = 0, globals = 0;
  std::uint32_t procs = 0;
  std::uint64_t assistTime = 0, workerTime = 0, idleTime = 0;
  double cpuFraction = 0;  // GC CPU share since start, at the end of this cycle
  std::uint64_t objectsMarked = 0;
  std::uint64_t objectsFreed = 0;  // filled in as sweeping proceeds
  bool done = false;
  bool operator==(const CycleStats&) const = default;
};

// Where the stop-the-world at a cycle's start has got to (gcStart runs with
// the world stopped from sweep termination to the first moments of mark;
// here one unit at a time).
enum class StwStage : std::uint8_t {
  FinishSweep,  // finishsweep_m: stale mcaches flushed, every span swept (a unit each)
  StartMark,    // pacer started, setGCPhase(_GCmark) (barrier on), root jobs, tiny blocks
  Restart,      // yuasa with a snapshot scans every stack (a unit each); startTheWorld
};

struct Collector {
  Phase phase = Phase::Off;
  std::uint32_t cycle = 0;  // completed or current cycle number (gc N)
  bool barrierOn = false;
  bool worldStopped = false;
  GoroutineId stwOwner = 0;                   // goroutine doing the stop-the-world work
  StwStage stwStage = StwStage::FinishSweep;  // progress inside the stop at a cycle's start
  std::vector<RootJob> rootJobs;
  std::uint32_t nextRoot = 0;
  std::vector<GreyEntry> grey;  // LIFO
  // Prefetch window (large heaps only): while more than kWindowFrom entries
  // are grey, scanning takes entries off the top of `grey` into this FIFO
  // (a ring of windowLen entries from windowHead; unused entries are zero)
  // and scans its oldest, so the memory of the next objects is fetched
  // while earlier ones are scanned. Its entries are grey.
  std::array<GreyEntry, 16> window{};
  std::uint32_t windowHead = 0, windowLen = 0;
  std::vector<std::vector<ObjectId>> wbBuf;  // per P
  std::vector<QueuedFinalizer> finq;         // finalizers waiting for the finalizer goroutine
  std::vector<CycleStats> cycles;            // index = cycle - 1
  std::uint64_t bytesMarked = 0;
  std::uint64_t objectsMarked = 0;
  std::uint64_t totalGCTime = 0;         // work.totaltime (ns of CPU)
  std::uint64_t lastCycleEnd = 0;        // for the periodic trigger
  GoroutineId startPending = 0;          // goroutine that has to start the next cycle
  std::uint64_t rootsChanged = 0;        // bumped when sweeping changes roots (resurrection, weak clear)
  std::vector<GoroutineId> rescanQueue;  // dijkstra: stacks to re-scan at mark termination
  std::uint32_t rescanNext = 0;
  bool hasGrey() const { return !grey.empty() || windowLen != 0; }
  std::size_t greyCount() const { return grey.size() + windowLen; }
  // The i-th oldest entry of the prefetch window (i < windowLen).
  const GreyEntry& windowAt(std::uint32_t i) const { return window[(windowHead + i) % window.size()]; }
  void clearGrey() {
    grey.clear();
    window = {};
    windowHead = windowLen = 0;
  }
  bool operator==(const Collector&) const = default;
};

// The prefetch window's size and the grey-stack depth above which it is used.
inline constexpr std::uint32_t kWindow = 16;
inline constexpr std::size_t kWindowFrom = 4096;

// Everything a unit of collector work touches.
struct GcContext {
  const Program& prog;
  World& world;
  Heap& heap;
  Collector& gc;
  Pacer& pacer;
  EventSink& out;
  GoroutineId actor = 0;  // who does this work (worker, assisting goroutine...)
};

// Sets the mark bit of a heap object and queues it (noscan: black at once).
// Returns true if it was white. Stack objects and nil are ignored.
bool greyObject(GcContext& c, ObjectId obj, ShadeReason why, const Ref& from);

// Pops one grey entry and scans it. Returns the scan work done (bytes), 0 if
// the queue was empty.
std::uint64_t scanOne(GcContext& c);

// Runs root job `job` (one shard of globals, one goroutine stack...).
// Returns the scan work done (bytes).
std::uint64_t runRootJob(GcContext& c, const RootJob& job, std::uint32_t jobNumber);

// Scans one goroutine's stack: every pointer slot of every frame, and the
// stack objects they reach. Returns the stack bytes scanned.
std::uint64_t scanStack(GcContext& c, GoroutineId gid, bool rescan);

// The barrier for a pointer write of `newv` over `oldv` into a heap object
// or a global, performed by P `p`.
void writeBarrier(GcContext& c, BarrierMode mode, std::uint32_t wbBufEntries, PId p, ObjectId oldv,
                  ObjectId newv);

// Shades everything recorded in P's write-barrier buffer. Returns how many
// objects turned grey.
std::uint32_t flushWbBuf(GcContext& c, PId p);

// mspan.sweep: sweeps span `s`, which a sweeper has taken (sweeper.hpp:
// sweepTaken); `why` is recorded in the event. Returns the number of objects
// freed. The caller puts the span back on a list, keeps it (allocation), or
// returns it to the heap when empty.
std::uint32_t sweepSpan(GcContext& c, SpanId s, SweepCause why);

// The first half of sweepSpan: weak handles to unmarked objects in span `s`
// cleared, unmarked objects with a finalizer resurrected (marked, finalizer
// queued).
void sweepSpecials(GcContext& c, SpanId s);

// setGCPhase: the collector's phase changes, and an event says so.
inline void setGCPhase(Collector& gc, EventSink& out, Phase ph) {
  if (gc.phase == ph) return;
  out.push(0, PhaseChangeEvent{gc.phase, ph});
  gc.phase = ph;
}

// Builds this cycle's root jobs (gcMarkRootPrepare).
void prepareRoots(GcContext& c, std::uint64_t globalsBytes, std::uint64_t shardBytes);

// Colour queries for views and tests.
enum class Colour : std::uint8_t { White, Grey, Black, Free, Stack };
const char* colourName(Colour c);  // "white", "grey", "black", "freed", "stack"
Colour colourOf(const World& w, const Heap& h, ObjectId id);
bool isMarked(const World& w, const Heap& h, ObjectId id);
// gcmarkBits of slot i of span s (an empty slot reads 0).
bool slotMarked(const World& w, const Heap& h, const Span& s, std::uint32_t slot);
// The object whose mark bit stands for `id`: itself, or the first piece of its tiny block.
ObjectId markOwner(const World& w, const Heap& h, ObjectId id);
std::uint32_t elemSizeOf(const Heap& h, const Object& o);  // the slot size the object occupies

}  // namespace tricolor
