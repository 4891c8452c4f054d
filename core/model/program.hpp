// The compiled form of a scenario: types, globals, functions made of
// operations, the goroutines that exist at start, scheduling directives and
// the configuration. It is immutable while a simulation runs and shared by
// every copy of the simulation state (checkpoints, history).
//
// The scenario loader (core/io) turns JSON into a Program and checks every
// name and number; the simulation trusts a Program completely. Tests and
// the random program generator build Programs directly.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/model/ids.hpp"

namespace tricolor {

// ---------------------------------------------------------------- types

// A field of a Go struct type. Pointer fields (and arrays of pointers) are
// what the collector traces; scalar fields only take up bytes.
struct Field {
  std::string name;
  std::string typeName;        // as written, e.g. "*Node", "[4]*Node", "int64", "[64]byte"
  bool pointer = false;        // element kind: pointer or scalar
  bool array = false;          // a fixed-size array of elements
  std::uint32_t count = 1;     // elements (1 when not an array)
  TypeId pointee = kNone;      // for pointers: the type pointed to (kNone = untyped, unsafe.Pointer)
  std::uint32_t offset = 0;    // byte offset in the object
  std::uint32_t bytes = 8;     // total size of the field
  std::uint32_t align = 8;     // alignment (Go's rules: the element's size, at most 8)
  std::uint32_t firstPtr = 0;  // index of the first pointer slot of this field in the object

  bool operator==(const Field&) const = default;
};

struct Type {
  std::string name;
  std::uint32_t size =
      0;  // bytes, as Go's unsafe.Sizeof (finalize() computes it; a larger preset size is kept)
  std::vector<Field> fields;
  std::uint32_t numPtrs = 0;  // pointer slots in an object of this type
  bool internal = false;      // made by the runtime (weak handle), not by the scenario

  bool noscan() const { return numPtrs == 0; }
  bool operator==(const Type&) const = default;
};

// ---------------------------------------------------------------- slots

// A named slot: a global variable, a function parameter or a local. A slot
// holds one pointer or one scalar word.
struct SlotDecl {
  std::string name;
  std::string typeName;  // "*Node", "int", "weak.Pointer[Node]" ...
  bool pointer = false;
  TypeId pointee = kNone;   // pointers: the type pointed to (kNone = untyped)
  bool weak = false;        // holds a weak.Pointer (a pointer to a weak handle object)
  std::uint32_t bytes = 8;  // size in the frame or data segment
  std::int64_t init = 0;    // initial scalar value (globals: non-zero means "data", else "bss")
  bool data = false;        // globals: lives in the data segment (initialised) rather than bss

  bool operator==(const SlotDecl&) const = default;
};

// ---------------------------------------------------------------- places

// One step of a path through the heap: follow the pointer we hold, then
// select pointer slot `slot` (+ the value of local `indexLocal` for arrays
// indexed by a loop variable) of the object reached.
struct PathStep {
  std::uint32_t slot = 0;            // pointer-slot index inside the object
  std::uint32_t indexLocal = kNone;  // local scalar slot added to `slot` (array[i])
  std::uint32_t arrayLen = 1;        // bound for indexLocal
  TypeId objectType = kNone;         // expected type of the object dereferenced (kNone = any)
  std::string text;                  // ".next", ".kids[i]" (for messages)

  bool operator==(const PathStep&) const = default;
};

// Where a pointer is read from or written to: a local slot, a global, or a
// path of fields starting at one of those. `Nil` is the literal nil.
struct Place {
  enum class Base : std::uint8_t { Nil, Local, Global };
  Base base = Base::Nil;
  std::uint32_t index = 0;  // local slot index in the frame, or global index
  std::vector<PathStep> path;
  std::string text;  // as written in the scenario, e.g. "a.next"

  bool isNil() const { return base == Base::Nil; }
  bool operator==(const Place&) const = default;
};

// ---------------------------------------------------------------- operations

enum class OpKind : std::uint8_t {
  New,           // dst = new(T) on the heap or the stack
  Store,         // dst = src (pointer copy; src may be nil)
  SetScalar,     // dst = value (a scalar slot)
  Call,          // call func(args...) -> ret
  Return,        // return [src]
  Go,            // go func(args...)
  GC,            // runtime.GC()
  SetFinalizer,  // runtime.SetFinalizer(src, func) (func kNone clears it)
  WeakMake,      // dst = weak.Make(src)
  WeakGet,       // dst = w.Value()
  RepeatBegin,   // for i := 0; i < count; i++ {
  RepeatEnd,     // }
  Work,          // compute for `count` simulated nanoseconds (no memory effects)
  Sleep,         // time.Sleep(count ns)
  Yield,         // runtime.Gosched()
};

struct Op {
  OpKind kind = OpKind::Work;
  std::uint32_t line = 0;  // source line (1-based, 0 = none)
  Place dst;
  Place src;
  TypeId type = kNone;                 // New
  bool onStack = false;                // New: the value stays in the frame (did not escape)
  std::string label;                   // New: the name shown for the object ("A")
  FuncId func = kNone;                 // Call, Go, SetFinalizer
  std::vector<Place> args;             // Call, Go
  std::int64_t count = 0;              // RepeatBegin: iterations; Work/Sleep: ns; SetScalar: value
  std::uint32_t jump = 0;              // RepeatBegin: index of its RepeatEnd; RepeatEnd: of its RepeatBegin
  std::uint32_t counterLocal = kNone;  // RepeatBegin: local scalar that holds the iteration index
  std::string goName;                  // Go: name of the new goroutine (for scripts and the UI)

  bool operator==(const Op&) const = default;
};

struct Function {
  std::string name;
  std::vector<SlotDecl> slots;  // parameters first, then locals
  std::uint32_t numParams = 0;
  bool returnsPointer = false;
  std::vector<Op> ops;
  std::uint32_t frameBytes = 0;  // fixed frame size: slots + return address (computed by the loader)

  bool operator==(const Function&) const = default;
};

struct GoroutineDecl {
  std::string name;
  FuncId func = 0;

  bool operator==(const GoroutineDecl&) const = default;
};

// ---------------------------------------------------------------- scheduling script

// A teacher-staged interleaving: "collector: 3 units", "g2: one operation".
// Once the script is exhausted the normal scheduler takes over.
struct Directive {
  enum class Kind : std::uint8_t {
    Goroutine,   // run `count` complete operations of goroutine `name`
    Collector,   // run `count` units of collector work (STW, mark, sweep)
    StartGC,     // start a cycle now (as the periodic forcegc helper would)
    UntilPhase,  // run normally until the collector enters `phase`
  };
  Kind kind = Kind::Collector;
  std::string name;  // goroutine name
  std::uint32_t count = 1;
  std::uint8_t phase = 0;  // a Phase value, for UntilPhase
  std::string text;        // as written, for narration

  bool operator==(const Directive&) const = default;
};

// ---------------------------------------------------------------- configuration

enum class BarrierMode : std::uint8_t { Hybrid, Dijkstra, Yuasa, None };
enum class SchedulingMode : std::uint8_t { Auto, Random };

// Simulated cost of each unit of work, in nanoseconds. They set the pace of
// the simulated clock (gctrace times, pacer rates, fractional workers).
struct Costs {
  std::uint64_t op = 50;              // one mutator operation
  std::uint64_t alloc = 100;          // mallocgc fast path
  std::uint64_t scanObjectBase = 20;  // scanobject, plus 1 ns per scanBytesPerNs bytes
  std::uint64_t scanBytesPerNs = 4;
  std::uint64_t shade = 5;             // one greyobject
  std::uint64_t rootJob = 200;         // fixed part of a root job
  std::uint64_t sweepSpan = 200;       // one span swept, plus 2 ns per object slot
  std::uint64_t stopTheWorld = 20000;  // stopping or starting the world
  std::uint64_t markTermination = 40000;
  std::uint64_t barrier = 10;  // one write barrier record / shade

  bool operator==(const Costs&) const = default;
};

struct Config {
  int gogc = 100;                                                        // -1 = off
  std::uint64_t memoryLimit = std::numeric_limits<std::int64_t>::max();  // GOMEMLIMIT; max = off
  std::uint32_t gomaxprocs = 2;
  BarrierMode barrier = BarrierMode::Hybrid;
  bool stackRescan = true;    // dijkstra: Go 1.7's STW re-scan of stacks at mark termination
  bool stackSnapshot = true;  // yuasa: scan all stacks while the world is stopped at mark start
  std::uint64_t seed = 1;
  SchedulingMode scheduling = SchedulingMode::Auto;
  bool tinyAlloc = true;
  std::uint32_t wbBufEntries = 256;             // per-P write-barrier buffer (pairs); 0 = shade at once
  bool monitor = true;                          // safety monitor: freed-while-reachable, dangling use
  bool checkInvariants = false;                 // also check strong/weak tri-color invariants each mark step
  std::uint64_t globalsShardBytes = 256 * KiB;  // rootBlockBytes
  std::uint64_t extraGlobalsBytes = 0;          // data/bss bytes beyond the declared globals
  std::uint64_t timeSliceNs = 10'000'000;       // scheduler preemption (sysmon forcePreemptNS)
  bool periodicGC = true;                       // forcegcperiod: 2 minutes
  Costs costs;

  bool operator==(const Config&) const = default;
};

// ---------------------------------------------------------------- program

struct Program {
  std::string title;
  std::string description;
  std::vector<std::string> watch;   // "what to watch" bullet points
  std::vector<std::string> source;  // optional source text, lines referenced by Op::line
  Config config;
  std::vector<Type> types;
  std::vector<SlotDecl> globals;
  std::vector<Function> functions;
  std::vector<GoroutineDecl> goroutines;  // the first one is main
  std::vector<Directive> schedule;
  struct Pin {
    std::string label;
    float x = 0, y = 0;
    bool operator==(const Pin&) const = default;
  };
  std::vector<Pin> pins;  // teacher-arranged positions of labelled objects

  TypeId weakHandleType = kNone;  // internal type of weak handles (added by finalize())

  // Adds the runtime's internal types and computes derived sizes; call
  // once after building a Program by hand or by the loader.
  void finalize();
  bool operator==(const Program&) const = default;
};

}  // namespace tricolor
