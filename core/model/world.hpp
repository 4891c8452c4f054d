// The program's memory as the collector sees it: objects (heap or stack),
// goroutines with their stacks of frames, and globals.
//
// Every object ever allocated keeps its record (ids are never reused), so
// the UI and the safety monitor can still talk about an object after it was
// freed. Pointer fields live in one shared pool, 4 bytes each.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "core/model/cow_vector.hpp"
#include "core/model/ids.hpp"

namespace tricolor {

enum class ObjState : std::uint8_t {
  Heap,       // allocated in a heap span
  Stack,      // lives in a goroutine's frame (did not escape)
  Freed,      // heap object whose slot was swept free
  StackDead,  // its frame returned
};

// Per-object flags.
enum ObjFlag : std::uint8_t {
  kHasFinalizer = 1 << 1,     // a finalizer special is attached
  kFinalizerQueued = 1 << 2,  // finalizer queued for the finalizer goroutine
  kHasWeakHandle = 1 << 3,    // a weak-handle special is attached
  kResurrected = 1 << 5,      // kept alive by a finalizer at least once
};

// What marking needs about an object, mark bit included, in two dense
// bytes per object id (World::info), so greyobject reads one entry per
// target and never the object's record.
enum MarkInfo : std::uint16_t {
  kInfoHeap = 1 << 0,    // allocated in a heap span (not freed, not on a stack)
  kInfoNoscan = 1 << 1,  // pointer-free: black as soon as it is marked
  kInfoTiny = 1 << 2,    // a tiny-allocator piece after the first in its block
  kInfoQueued = 1 << 3,  // in the grey queue (grey = marked and queued)
  kInfoMarked = 1 << 6,  // gcmarkBits: the object's mark bit (see World::marked)
  kInfoInlShift = 4,     // bits 4..5: a small object's pointer count when its
                         // pointers are inline (1 or 2; 0 = look at its type):
                         // scanning such an object reads only World::inl
  kInfoClassShift = 8,   // bits 8..15: size class (0 = large)
};

// 32 bytes. Objects with at most two pointer fields (list nodes, tree
// nodes...) keep them in World::inl, a dense 8-byte entry per object id, so
// scanning one reads 8 bytes and never the record (marking's working set is
// then inl + info, mark bit included: 10 bytes per object); others keep them
// in World::ptrPool.
inline constexpr std::uint32_t kInlinePtrs = 2;
inline constexpr std::uint32_t kFieldsInline = 0xffffffffu;

struct Object {
  TypeId type = 0;
  SpanId span = kNoSpan;               // heap objects: span; stack objects: kNoSpan
  std::uint32_t slot = 0;              // heap: index of the slot in the span; stack: frame depth
  std::uint32_t ptrs = kFieldsInline;  // first pointer field in World::ptrPool, or kFieldsInline
  GoroutineId goroutine = 0;           // who allocated it (stack objects: whose frame holds it)
  std::uint32_t site = 0;              // allocation site: (func << 16) | op index
  std::uint32_t allocStep = 0;         // step number of the allocation (saturates)
  ObjState state = ObjState::Heap;
  std::uint8_t flags = 0;
  std::uint8_t sizeClass = 0;  // heap objects: its span's size class (0 = large)
  std::uint8_t pad = 0;

  bool operator==(const Object&) const = default;
};
static_assert(sizeof(Object) == 32, "the object record is budgeted at 32 bytes");

// A weak handle (Go 1.24 weak.Pointer): a small pointer-free heap object
// that holds its target's address without keeping it alive.
struct WeakHandle {
  ObjectId handle = kNil;  // the handle object (the weak.Pointer points here)
  ObjectId target = kNil;  // nil once the target was found unreachable
  bool operator==(const WeakHandle&) const = default;
};

struct LoopState {
  std::uint32_t begin = 0;  // pc of the RepeatBegin
  std::int64_t remaining = 0;
  std::int64_t index = 0;
  bool operator==(const LoopState&) const = default;
};

struct Frame {
  FuncId func = 0;
  std::uint32_t pc = 0;             // index of the next op
  std::vector<std::int64_t> slots;  // pointer slots hold ObjectIds
  std::vector<LoopState> loops;
  std::vector<ObjectId> stackObjects;  // objects allocated in this frame
  bool operator==(const Frame&) const = default;
};

enum class GKind : std::uint8_t { User, MarkWorker, Sweeper, Finalizer, ForceGC };
enum class GStatus : std::uint8_t { Runnable, Running, Waiting, Dead };
enum class WaitReason : std::uint8_t {
  None,
  GCMarkWait,     // runtime.GC() waiting for a cycle's mark termination
  Sleep,          // time.Sleep
  WorkerIdle,     // mark worker between cycles
  SweeperIdle,    // background sweeper with nothing to sweep
  FinalizerIdle,  // finalizer goroutine with an empty queue
  ForceGCIdle,
};

// What a multi-step operation has done so far (allocations that assist or
// sweep first, runtime.GC() waiting for the cycle). Reset when an op completes.
struct OpProgress {
  std::uint8_t stage = 0;
  bool charged = false;             // allocation debt already charged to the assist balance
  std::uint32_t cycle = 0;          // runtime.GC(): the cycle number it started from
  std::uint64_t wakeAt = 0;         // Sleep
  std::int64_t assistWorkLeft = 0;  // scan work this assist still means to do (>= 64 KiB per assist)
  bool assisting = false;
  bool operator==(const OpProgress&) const = default;
};

struct Goroutine {
  GoroutineId id = 0;
  std::string name;
  GKind kind = GKind::User;
  GStatus status = GStatus::Runnable;
  WaitReason wait = WaitReason::None;
  std::vector<Frame> stack;
  OpProgress progress;
  std::int64_t assistBytes = 0;     // gcAssistBytes: negative = debt in scan-work bytes
  std::uint32_t scannedCycle = 0;   // cycle in which its stack was last scanned (0 = never)
  bool inRootSnapshot = false;      // part of this cycle's stack root jobs
  PId boundP = kNone;               // mark workers: their P
  std::uint32_t opsDone = 0;        // completed operations (for scheduling scripts)
  bool gcStartPending = false;      // must start a cycle (heap trigger) before its next op
  std::uint8_t pendingTrigger = 0;  // TriggerKind for gcStartPending
  std::uint32_t pendingCycle = 0;   // forced cycles: the cycle number wanted
  std::uint64_t readyAt = 0;        // clock time at which it became runnable
  std::uint32_t sweepBatch = 0;     // background sweeper: spans since it last yielded
  bool operator==(const Goroutine&) const = default;
};

// The two big per-object arrays (objects, inl) are copy-on-write chunked
// (core/model/cow_vector.hpp): copying a World, as History's checkpoints do,
// shares their chunks. Read them with [], write with mut(id). The arrays
// marking writes at every object (marks, info) stay flat: chunked, a few
// marking steps after a restore would clone most of their chunks anyway.
struct World {
  CowVector<Object> objects;      // index = ObjectId; [0] stands for nil (never a real object)
  std::vector<ObjectId> ptrPool;  // pointer fields of objects with more than kInlinePtrs
  // Pointer fields of objects with at most kInlinePtrs, index = ObjectId.
  // Chunks of 8192 entries (64 KiB): marking reads inl at every object it
  // scans, and a table of a few hundred entries stays in the L1 cache.
  CowVector<std::array<ObjectId, kInlinePtrs>, 13> inl;
  // MarkInfo bits, index = ObjectId. kInfoMarked is gcmarkBits: Go keeps
  // mark bits per span slot; here a span's bitmap is the bits of the objects
  // in its slots (a tiny block's bit is its first piece's). Same semantics,
  // and greying a target reads one dense entry - its mark bit, whether it
  // is a heap object, noscan, its size class - instead of chasing its span.
  std::vector<std::uint16_t> info;
  // Tiny allocator: a block's first piece -> the other pieces in the block.
  std::map<ObjectId, std::vector<ObjectId>> tinyPieces;
  std::vector<std::string> labels;    // index = ObjectId; "" = unlabelled (kept sparse: resized lazily)
  std::vector<std::int64_t> globals;  // pointer globals hold ObjectIds
  std::deque<Goroutine>
      goroutines;  // index = GoroutineId - 1 (a deque: references stay valid as goroutines are added)
  std::vector<WeakHandle> weakHandles;
  std::vector<ObjectId> finalizers;    // objects with a finalizer special, in SetFinalizer order
  std::vector<FuncId> finalizerFuncs;  // parallel to finalizers: the function to run

  bool marked(ObjectId id) const { return info[id] & kInfoMarked; }
  bool queued(ObjectId id) const { return info[id] & kInfoQueued; }
  void setMarked(ObjectId id) { info[id] |= kInfoMarked; }
  void clearMarked(ObjectId id) { info[id] &= static_cast<std::uint16_t>(~kInfoMarked); }
  Goroutine& g(GoroutineId id) { return goroutines[id - 1]; }
  const Goroutine& g(GoroutineId id) const { return goroutines[id - 1]; }
  // Writable pointer fields (clones inl's chunk if shared); read with the const overload.
  ObjectId* fields(ObjectId id) {
    const Object& o = objects[id];
    return o.ptrs == kFieldsInline ? inl.mut(id).data() : ptrPool.data() + o.ptrs;
  }
  const ObjectId* fields(ObjectId id) const {
    const Object& o = objects[id];
    return o.ptrs == kFieldsInline ? inl[id].data() : ptrPool.data() + o.ptrs;
  }
  const std::string& label(ObjectId id) const {
    static const std::string kEmpty;
    return id < labels.size() ? labels[id] : kEmpty;
  }
  bool operator==(const World&) const = default;
};

}  // namespace tricolor
