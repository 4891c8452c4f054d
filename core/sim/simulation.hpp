// The simulation: one value (State) that holds the whole world, and step(),
// which performs exactly one observable unit of work and reports it as events.
//
// A unit is one of: one program operation, one root job, one object (or
// oblet) scanned, one write-barrier buffer flush, one span swept, one
// stop-the-world transition. Which unit runs next is decided by a
// deterministic scheduler over GOMAXPROCS Ps with a simulated clock (or by
// the scenario's script, or by a seeded random choice in random mode). The
// collector's own work runs in goroutines of its own, as in Go: background
// mark workers (one per P), the background sweeper, the finalizer goroutine
// and the forcegc helper.
//
// Same Program + same State => same future, byte for byte. State is plain
// data: copy it for a checkpoint, compare it with ==, write it to JSON.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/alloc/heap.hpp"
#include "core/gc/collector.hpp"
#include "core/gc/pacer.hpp"
#include "core/gc/processor.hpp"
#include "core/gc/sweeper.hpp"
#include "core/model/event.hpp"
#include "core/model/program.hpp"
#include "core/model/world.hpp"

namespace tricolor {

struct ScriptState {
  std::uint32_t pos = 0;         // next directive
  bool active = false;           // a directive is in progress
  std::uint32_t remaining = 0;   // ops or units left in the current directive
  std::uint32_t opsAtStart = 0;  // goroutine's opsDone when the directive started
  bool operator==(const ScriptState&) const = default;
};

struct State {
  World world;
  Heap heap;
  Collector gc;
  Pacer pacer;
  SweepPacing sweep;
  std::vector<Processor> ps;
  std::deque<GoroutineId> runq;  // global run queue (FIFO)
  std::uint64_t rng = 0;         // splitmix64 state (random scheduling)
  ScriptState script;
  std::uint64_t steps = 0;
  std::uint64_t graphVersion = 0;              // bumped whenever a root or pointer field may change
  std::uint64_t nextWake = ~std::uint64_t{0};  // earliest time.Sleep wake-up
  bool finished = false;
  EventKind endReason = EventKind::ProgramEnd;
  GoroutineId bgSweeper = 0, forceGC = 0, finalizerG = 0;
  std::vector<GoroutineId> markWorkers;  // index = P
  bool operator==(const State&) const = default;
};

class Simulation {
 public:
  explicit Simulation(std::shared_ptr<const Program> program);

  const Program& program() const { return *prog_; }
  std::shared_ptr<const Program> programPtr() const { return prog_; }
  const State& state() const { return s_; }
  bool finished() const { return s_.finished; }
  std::uint64_t steps() const { return s_.steps; }
  std::uint64_t now() const;  // the latest P clock

  // Performs one unit of work. `out` is cleared, then receives the events.
  void step(EventSink& out);
  std::vector<Event> step();
  // Performs up to maxSteps steps; returns how many were taken (fewer only
  // when the run ends). The same as calling step() that many times - same
  // states, same events in the same order - except that `out` (cleared
  // first) collects the events of all of them. Consecutive units of marking
  // by the same P's worker run without asking the scheduler each time, when
  // nothing the scheduler looks at can have changed (see fastMarkP): fast
  // forward, benchmarks and History use it. Pass a disabled sink to skip
  // events altogether. A sink watching kinds (EventSink::stopOn, countOn)
  // ends the batch after the first step with a stopOn event or that ends the
  // run (and holds that step's events, even when disabled), and counts the
  // countOn events of the others: how the window runs far with its views
  // still seeing every step they need.
  std::uint64_t stepMany(EventSink& out, std::uint64_t maxSteps);
  // One unit of collector work (whoever does it) or of one goroutine,
  // regardless of the scheduler: what scripts use, and tests that stage a
  // race. Returns false (and spends no step) when that cannot run now.
  bool stepCollector(EventSink& out);
  bool stepGoroutine(GoroutineId g, EventSink& out);
  // Asks for a cycle now, as the forcegc helper would (the UI's "Start GC",
  // the script's start_gc). Returns false if a cycle is already on its way.
  bool requestCycle();

  // Estimated bytes a copy of this simulation holds (what a History
  // checkpoint costs): every container of the state by its size, except
  // the chunks of copy-on-write arrays it shares with `prev` (a copy of an
  // earlier state of the same run: what a checkpoint costs next to the
  // previous one). With no `prev`, all of it.
  std::uint64_t memoryBytes(const Simulation* prev = nullptr) const;
  // The highest heap live seen by this object (not part of State: a copy
  // or a fresh object starts from its current heap live).
  std::uint64_t peakHeapLive() const { return std::max(peak_, s_.heap.stats.heapLive); }
  void resetPeakHeapLive() { peak_ = s_.heap.stats.heapLive; }

  // Derived views used by the UI, the CLI and tests.
  std::uint64_t heapGoal() const;
  std::uint64_t heapTrigger() const;
  MemoryView memoryView() const;
  std::uint64_t stackBytes(GoroutineId g) const;  // bytes in use on a goroutine's stack
  std::uint64_t totalStackBytes() const;          // pacer's stack size (allocated stacks)
  std::uint64_t globalsBytes() const;
  std::string objectName(ObjectId id) const;       // label or "#id"
  std::string goroutineName(GoroutineId g) const;  // "g1 (main)"
  std::string refName(const Ref& r) const;         // "g1 main.a", "root", "A.next"
  std::uint32_t currentLine(GoroutineId g) const;  // source line of the next op (0 = none)

  // Safety monitor: every pointer location that currently holds `obj`, in
  // roots and in objects reachable from roots.
  std::vector<Ref> referrers(ObjectId obj) const;
  // Objects reachable from the roots right now (index = ObjectId).
  std::vector<bool> reachable() const;

 private:
  friend struct SimAccess;  // tests
  struct Unit;
  std::shared_ptr<const Program> prog_;
  State s_;
  // Safety-monitor cache: reachable set for graphVersion (not part of State).
  mutable std::vector<bool> reachCache_;
  mutable std::uint64_t reachVersion_ = ~std::uint64_t{0};
  struct InvariantStatus {
    bool strongOk = true, weakOk = true;
  } inv_;

  GcContext ctx(EventSink& out, GoroutineId actor);
  void init();

  // --- scheduler (scheduler.cpp)
  void stepAuto(EventSink& out);
  bool stepScript(EventSink& out);
  void stepRandom(EventSink& out);
  bool runUnit(Processor& p, GoroutineId g, EventSink& out);
  void markWorkerUnit(Processor& p, Goroutine& g, EventSink& out);
  Processor* fastMarkP(const EventSink& out);
  std::uint64_t fastSteps_ = 0;                    // steps taken by stepMany's fast path (tests)
  std::vector<const Goroutine*> scanningScratch_;  // stepMany's fast path, per P (not part of State)
  std::uint64_t peak_ = 0;                         // see peakHeapLive
  void notePeak() { peak_ = std::max(peak_, s_.heap.stats.heapLive); }
  bool collectorUnit(EventSink& out);
  bool goroutineUnit(GoroutineId g, EventSink& out);
  Processor& pOf(GoroutineId g);
  void makeRunnable(GoroutineId g);
  void park(GoroutineId g, WaitReason why);
  void deschedule(Processor& p);
  void wakeSleepers(std::uint64_t now);
  GoroutineId findRunnableGCWorker(Processor& p);
  bool markWorkAvailable() const;
  bool workerShouldStop(const Processor& p, const Goroutine& g) const;
  std::uint64_t rand();

  // --- mutator (mutator.cpp)
  bool runGoroutine(Processor& p, Goroutine& g, EventSink& out);
  bool execOp(Processor& p, Goroutine& g, EventSink& out);
  // The ops too long for execOp's switch (core/sim/mutator.cpp).
  std::optional<bool> opGo(Processor& p, Goroutine& g, const Op& op, EventSink& out);
  std::optional<bool> opRuntimeGC(Processor& p, Goroutine& g, EventSink& out);
  std::optional<bool> opSetFinalizer(Processor& p, Goroutine& g, const Op& op, EventSink& out);
  std::optional<bool> opWeakMake(Processor& p, Goroutine& g, const Op& op, EventSink& out);
  std::optional<bool> opWeakGet(Processor& p, Goroutine& g, const Op& op, EventSink& out);
  void skipControlFlow(Goroutine& g);
  void opDone(Goroutine& g, EventSink& out);
  void programError(Goroutine& g, ProgramErrorCode code, EventSink& out);
  struct Loc;
  bool resolve(Goroutine& g, const Place& place, Loc& loc, EventSink& out);
  std::int64_t load(const Loc& loc) const;
  void storePointer(Processor& p, Goroutine& g, const Loc& loc, ObjectId v, EventSink& out);
  void doReturn(Processor& p, Goroutine& g, ObjectId value, EventSink& out);
  void pushFrame(Goroutine& g, FuncId f, const std::vector<std::int64_t>& args);
  void exitGoroutine(Goroutine& g, EventSink& out);
  bool runFinalizerGoroutine(Processor& p, Goroutine& g, EventSink& out);
  bool escapesStack(ObjectId v, const Loc& dst) const;

  // --- allocation path (alloc_path.cpp)
  // Returns true when the object was allocated in this unit (in `result`);
  // false when the unit was spent on an assist or on sweeping.
  bool mallocgc(Processor& p, Goroutine& g, TypeId type, std::uint32_t site, ObjectId& result,
                EventSink& out);
  ObjectId newObjectRecord(TypeId type, GoroutineId g, std::uint32_t site);
  bool allocSmall(Processor& p, Goroutine& g, std::uint32_t spc, TypeId type, std::uint32_t site,
                  EventSink& out);
  bool allocLarge(Processor& p, Goroutine& g, TypeId type, std::uint32_t site, EventSink& out);
  bool allocTiny(Processor& p, Goroutine& g, TypeId type, std::uint32_t site, EventSink& out);
  bool refill(Processor& p, Goroutine& g, std::uint32_t spc, EventSink& out);
  bool paySweepCredit(Processor& p, Goroutine& g, std::uint64_t spanBytes, std::uint32_t callerPages,
                      EventSink& out);
  void placeObject(Processor& p, Goroutine& g, SpanId s, std::uint32_t slot, ObjectId obj, EventSink& out);
  void checkTrigger(Goroutine& g, EventSink& out);
  bool assistUnit(Processor& p, Goroutine& g, EventSink& out);
  ObjectId allocStack(Goroutine& g, TypeId type, std::uint32_t site, EventSink& out);

  // --- collector driver (gc_driver.cpp)
  bool gcStartUnit(Processor& p, Goroutine& g, EventSink& out);
  bool stwUnit(Processor& p, Goroutine& g, EventSink& out);
  bool cycleStartUnit(Processor& p, Goroutine& g, EventSink& out);
  void startMark(Processor& p, Goroutine& g, EventSink& out);
  bool markTerminationUnit(Processor& p, Goroutine& g, EventSink& out);
  bool markWorkUnit(Processor& p, Goroutine& g, EventSink& out, std::uint64_t* work);
  void markDone(Processor& p, Goroutine& g, EventSink& out);
  void markTermination(Processor& p, Goroutine& g, EventSink& out);
  SweepContext sweepCtx(EventSink& out, GoroutineId actor);
  bool sweepOne(Processor& p, Goroutine& g, SweepCause why, EventSink& out);
  bool mcacheFlushUnit(Processor& p, EventSink& out);
  void ensureSwept(SpanId s, GoroutineId actor, SweepCause why, EventSink& out);
  void checkSweepDone(EventSink& out);
  void stopTheWorld(Processor& p, Goroutine& g, Phase next, EventSink& out);
  void startTheWorld(Processor& p, EventSink& out);
  void setPhase(Phase ph, EventSink& out);
  void wakeGCWaiters(EventSink& out);
  bool triggerTest(TriggerKind kind, std::uint32_t cycleWanted) const;
  void createMarkWorkers();
  bool bgSweeperUnit(Processor& p, Goroutine& g, EventSink& out);

  // --- safety monitor (monitor.cpp)
  void monitor(EventSink& out);
  void checkInvariants(EventSink& out);
};

// splitmix64: the only random source in the core (seeded from the scenario).
std::uint64_t splitmix64(std::uint64_t& state);

}  // namespace tricolor
