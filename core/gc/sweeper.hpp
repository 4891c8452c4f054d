// The sweeper: who sweeps which span after mark termination (see
// sweeper.cpp for the story; sweep.cpp sweeps one span).
#pragma once

#include <cstdint>
#include <vector>

#include "core/gc/collector.hpp"
#include "core/gc/processor.hpp"
#include "core/model/world.hpp"

namespace tricolor {

// The sweep's progress and pacing (mgcsweep.go's sweep, mheap_'s sweep pacing).
struct SweepPacing {
  double pagesPerByte = 0;  // mheap_.sweepPagesPerByte (0 = proportional sweep off)
  std::uint64_t heapLiveBasis = 0;
  std::uint64_t pagesSwept = 0;
  std::uint64_t pagesSweptBasis = 0;
  std::uint32_t centralIndex = 0;  // sweep.centralIndex: next sweep class to look at
  std::uint32_t unswept = 0;       // spans that still need sweeping this cycle
  bool operator==(const SweepPacing&) const = default;
};

// Everything a unit of sweeping touches: the collector's context (actor =
// who sweeps), the sweep's progress, and every P (their mcaches hold spans).
struct SweepContext : GcContext {
  SweepPacing& sweep;
  std::vector<Processor>& ps;
};

// sweepone: sweeps the next span of the mcentral unswept sets, paid by P's
// clock. Returns false if none was left.
bool sweepone(SweepContext& c, Processor& p, SweepCause why);

// mspan.ensureSwept: sweeps span `s` now if it still needs it, taking it
// out of its unswept set or out of the mcache that holds it (no clock
// charged: it is part of the caller's operation).
void ensureSwept(SweepContext& c, SpanId s, SweepCause why);

// Sweeps span `s`, which the caller has taken off its unswept set or mcache
// (sweepLocker: its sweepgen moves to "being swept"), and counts it as swept.
// Returns the objects freed. The caller places the span (placeSwept) or
// keeps it (mcentral.cacheSpan).
std::uint32_t sweepTaken(SweepContext& c, SpanId s, SweepCause why);

// The clock cost of sweeping a span: a base plus 2 ns per slot.
std::uint64_t sweepCost(const Costs& costs, const Span& s);

// After a sweep that did not keep the span: an empty span goes back to the
// heap, others to their mcentral's swept sets.
void placeSwept(GcContext& c, SpanId s);

// mcache.prepareForSweep / releaseAll, one unit: P's cached spans go back
// to their mcentral, except that a stale one (cached before this sweep
// began) is swept first - then the unit is spent and this returns true.
// Returns false when the flush is complete (needMcacheFlush cleared).
bool flushMcache(SweepContext& c, Processor& p);

// When nothing needs sweeping any more (no unswept span, no stale span in
// any mcache), the sweep is done and the collector is off.
void checkSweepDone(SweepContext& c);

// bgsweep, one unit: sweep one span; what the sweeper goroutine does next.
enum class BgSweep : std::uint8_t {
  Park,      // nothing to sweep: wait for the next cycle's sweep
  Continue,  // swept one span
  Yield,     // swept one span, the tenth in a row, and no P is idle: Gosched
};
BgSweep bgsweep(SweepContext& c, Processor& p, Goroutine& sweeper);

}  // namespace tricolor
