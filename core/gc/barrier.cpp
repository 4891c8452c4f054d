// The write barrier (runtime/mbarrier.go, mwbbuf.go): Go 1.8's hybrid
// barrier, the two barriers it combines, and the per-P buffer.
//
// While the collector marks, the program keeps storing pointers. A store
// `*slot = ptr` into a heap object or a global goes through the barrier; Go
// documents the hybrid barrier (proposal 17503) as
//
//     writePointer(slot, ptr):
//         shade(*slot)                // deletion half (Yuasa 1990)
//         if current stack is grey:
//             shade(ptr)              // insertion half (Dijkstra et al. 1978)
//         *slot = ptr
//
// Why each half exists - the two ways to lose an object:
//   - Without the deletion half, the program copies the only pointer to
//     white C from a heap object into its own stack, already scanned and
//     so black, then deletes the heap pointer. Nothing shades C: it is freed
//     while the stack still points to it (lesson "lost object").
//   - Without the insertion half, a goroutine whose stack is not scanned yet
//     holds the only pointer to white C, stores it into black A, then
//     overwrites its own stack slot. The stack scan no longer finds C and A
//     is never scanned again: C is freed while A points to it (lesson "lost
//     object, insertion").
// With allocate-black, the two halves keep the weak tri-color invariant:
// every white object a black one points to is still reachable from a grey
// one through white objects.
//
// Why stacks are not barriered: stack writes are the most frequent of all,
// and a barrier on them would tax every function. Instead each stack is
// scanned once, at its root job, with its goroutine stopped; the hybrid
// barrier makes that one scan enough. Each half alone needs more: Go 1.7's
// insertion-only barrier re-scanned every stack with the world stopped at
// mark termination (mode dijkstra with stack_rescan), and a deletion-only
// barrier needs every stack scanned at the start, world stopped (mode yuasa
// with stack_snapshot). Modes dijkstra, yuasa and none exist to teach that.
//
// The buffer: the real barrier neither tests "is the current stack grey"
// (it shades both values: cheaper than finding out) nor shades on the spot.
// gcWriteBarrier appends the old and the new value to its P's wbBuf and
// wbBufFlush shades the whole buffer when it is full; gcMarkDone flushes
// every P before it may decide that marking is over. So a pointer can sit
// in a buffer, not yet grey, for a while; the simulation shows that
// (wb_buffer_entries pairs per P, 256 in Go 1.19; 0 shades at once).
#include "core/gc/collector.hpp"
#include "core/model/assert.hpp"

namespace tricolor {

namespace {

// A pointer the program can hold: nil or an object that was allocated (it
// may be freed already - a lost object's dangling pointer is still stored,
// and greyobject reports it).
bool validPointer(const GcContext& c, ObjectId v) { return v < c.world.objects.size(); }

}  // namespace

void writeBarrier(GcContext& c, BarrierMode mode, std::uint32_t wbBufEntries, PId p, ObjectId oldv,
                  ObjectId newv) {
  // The barrier is on from sweep termination's setGCPhase(_GCmark) until
  // mark termination, and the world is stopped at both ends: a program's
  // store meets it only while marking.
  TRICOLOR_ASSERT(c.gc.barrierOn && c.gc.phase == Phase::Mark && !c.gc.worldStopped,
                  "a barriered store while the collector is not marking");
  TRICOLOR_ASSERT(validPointer(c, oldv) && validPointer(c, newv), "the barrier got an id that is no object");
  TRICOLOR_ASSERT(p < c.gc.wbBuf.size(), "a store by a P that does not exist");
  switch (mode) {
    case BarrierMode::None: return;
    case BarrierMode::Dijkstra:  // insertion: shade(ptr)
      greyObject(c, newv, ShadeReason::BarrierNew, Ref{RefKind::WbBuffer, p, 0, 0});
      return;
    case BarrierMode::Yuasa:  // deletion: shade(*slot)
      greyObject(c, oldv, ShadeReason::BarrierOld, Ref{RefKind::WbBuffer, p, 0, 0});
      return;
    case BarrierMode::Hybrid: break;
  }
  if (wbBufEntries == 0) {
    greyObject(c, oldv, ShadeReason::BarrierOld, Ref{RefKind::WbBuffer, p, 0, 0});
    greyObject(c, newv, ShadeReason::BarrierNew, Ref{RefKind::WbBuffer, p, 0, 0});
    return;
  }
  // gcWriteBarrier: record both values in this P's buffer; flush when full.
  auto& buf = c.gc.wbBuf[p];
  // The top bit remembers the deletion half (object ids stay below 2^31).
  if (oldv != kNil) buf.push_back(oldv | kWbOldBit);
  if (newv != kNil) buf.push_back(newv);
  c.out.push(c.actor, BarrierRecordEvent{oldv, newv, p});
  if (buf.size() >= std::size_t(wbBufEntries) * 2) flushWbBuf(c, p);
}

// wbBufFlush: shades every pointer in P's buffer (when it is full, and for
// every P when gcMarkDone looks for remaining work).
std::uint32_t flushWbBuf(GcContext& c, PId p) {
  TRICOLOR_ASSERT(p < c.gc.wbBuf.size(), "a flush of a P that does not exist");
  auto& buf = c.gc.wbBuf[p];
  TRICOLOR_ASSERT(buf.empty() || c.gc.phase == Phase::Mark, "write-barrier buffer filled outside marking");
  if (buf.empty()) return 0;
  std::uint32_t n = static_cast<std::uint32_t>(buf.size());
  c.out.push(c.actor, BarrierFlushEvent{p, n});
  std::uint32_t greyed = 0;
  for (std::size_t i = 0; i < buf.size(); ++i) {
    bool old = (buf[i] & kWbOldBit) != 0;
    if (greyObject(c, buf[i] & ~kWbOldBit, old ? ShadeReason::BarrierOld : ShadeReason::BarrierNew,
                   Ref{RefKind::WbBuffer, p, 0, 0}))
      ++greyed;
  }
  buf.clear();
  return greyed;
}

}  // namespace tricolor
