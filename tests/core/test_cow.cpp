// Copy-on-write state: CowVector's semantics (copies share chunks until one
// of them writes, then are independent), and History over a big heap whose
// checkpoints share those chunks: seeks and steps back equal a fresh replay,
// and the checkpoints cost what changed, not a whole state each.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/alloc/heap.hpp"
#include "core/model/cow_vector.hpp"
#include "core/sim/history.hpp"
#include "tests/core/builder.hpp"
#include "tests/core/programs.hpp"
#include "tests/core/sim_access.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;

namespace {

using CowU32 = CowVector<std::uint32_t>;
constexpr std::size_t kCowChunk = CowU32::kChunk;

CowU32 cowIota(std::size_t n) {
  CowU32 v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(static_cast<std::uint32_t>(i * 3));
  return v;
}

}  // namespace

TEST_CASE("CowVector: a copy shares every chunk until one side writes, then only that chunk is cloned") {
  const std::size_t n = 5 * kCowChunk + 17;
  CowU32 a = cowIota(n);
  REQUIRE(a.size() == n);
  REQUIRE(a.chunkCount() == 6);
  for (std::size_t i = 0; i < n; ++i) REQUIRE(a[i] == i * 3);

  CowU32 b = a;
  CHECK(b == a);
  CHECK(b.chunksSharedWith(a) == 6);
  CHECK(b.bytesBeyond(&a) == 6 * sizeof(void*));  // only its table
  CHECK(b.bytesBeyond(nullptr) == 6 * CowU32::chunkBytes() + 6 * sizeof(void*));

  // Reads, even through a non-const vector, never clone.
  const std::uint32_t r = b[2 * kCowChunk + 1];
  CHECK(r == (2 * kCowChunk + 1) * 3);
  CHECK(b.chunksSharedWith(a) == 6);

  // A write clones its chunk only; the other copy keeps the old value.
  b.mut(2 * kCowChunk + 1) = 7;
  CHECK(b[2 * kCowChunk + 1] == 7);
  CHECK(a[2 * kCowChunk + 1] == (2 * kCowChunk + 1) * 3);
  CHECK(b.chunksSharedWith(a) == 5);
  CHECK_FALSE(b == a);
  // The rest of the cloned chunk was copied.
  for (std::size_t i = 2 * kCowChunk; i < 3 * kCowChunk; ++i)
    if (i != 2 * kCowChunk + 1) REQUIRE(b[i] == a[i]);
  // A second write to the same chunk does not clone again.
  b.mut(2 * kCowChunk + 2) = 8;
  CHECK(b.chunksSharedWith(a) == 5);
  CHECK(a[2 * kCowChunk + 2] == (2 * kCowChunk + 2) * 3);

  // Writes to the original do not show in the copy either.
  a.mut(0) = 99;
  CHECK(b[0] == 0);
  CHECK(b.chunksSharedWith(a) == 4);

  // Once its only sharer is gone, a chunk is written in place.
  {
    CowU32 c = a;
    CHECK(c.chunksSharedWith(a) == 6);
  }
  a.mut(4 * kCowChunk) = 5;
  CHECK(b.chunksSharedWith(a) == 3);
  CHECK(b[4 * kCowChunk] == 4 * kCowChunk * 3);
}

TEST_CASE("CowVector: growth, shrinking, assignment and moves keep copies independent") {
  CowU32 a = cowIota(kCowChunk);  // exactly one full chunk
  CowU32 b = a;
  a.push_back(1);  // a new chunk: the shared one is untouched
  CHECK(a.size() == kCowChunk + 1);
  CHECK(b.size() == kCowChunk);
  CHECK(a.chunksSharedWith(b) == 1);
  b.push_back(2);
  CHECK(a[kCowChunk] == 1);
  CHECK(b[kCowChunk] == 2);

  // Push into a shared, partly filled chunk: cloned first.
  CowU32 c = cowIota(kCowChunk + 3);
  CowU32 d = c;
  c.push_back(42);
  CHECK(c.size() == kCowChunk + 4);
  CHECK(d.size() == kCowChunk + 3);
  CHECK(c.chunksSharedWith(d) == 1);
  d.push_back(43);
  CHECK(c[kCowChunk + 3] == 42);
  CHECK(d[kCowChunk + 3] == 43);

  // Shrink then grow: the regrown elements get the fill value, the copy is unchanged.
  CowU32 e = cowIota(3 * kCowChunk);
  CowU32 f = e;
  e.resize(kCowChunk / 2);
  CHECK(e.size() == kCowChunk / 2);
  CHECK(e.chunkCount() == 1);
  e.resize(2 * kCowChunk, 11);
  for (std::size_t i = kCowChunk / 2; i < 2 * kCowChunk; ++i) REQUIRE(e[i] == 11);
  for (std::size_t i = 0; i < 3 * kCowChunk; ++i) REQUIRE(f[i] == i * 3);

  // Copy assignment over a vector with chunks of its own, self-assignment, moves.
  CowU32 g = cowIota(10);
  g = f;
  CHECK(g == f);
  CHECK(g.chunksSharedWith(f) == 3);
  const CowU32& gg = g;
  g = gg;
  CHECK(g == f);
  CowU32 h = std::move(g);
  CHECK(h == f);
  CHECK(g.empty());
  g = std::move(h);
  CHECK(g == f);
  g.mut(5) = 1;
  CHECK(f[5] == 15);

  // Equality compares contents, not chunk identity; iteration visits every element in order.
  CowU32 x = cowIota(kCowChunk + 5), y = cowIota(kCowChunk + 5);
  CHECK(x == y);
  CHECK(x.chunksSharedWith(y) == 0);
  std::size_t k = 0;
  for (std::uint32_t v : x) REQUIRE(v == k++ * 3);
  CHECK(k == x.size());
  x.assign(3, 4);
  CHECK(x.size() == 3);
  CHECK(x[2] == 4);
  x.clear();
  CHECK(x.empty());
  CHECK(x.chunkCount() == 0);
}

TEST_CASE("CowVector: the state's arrays are shared by a copy of a simulation") {
  auto prog = test::churnProgram(3000);
  Simulation a(prog);
  EventSink off;
  off.enabled = false;
  a.stepMany(off, 6000);
  Simulation b = a;
  CHECK(b.state() == a.state());
  const std::uint64_t full = b.memoryBytes();
  const std::uint64_t beyond = b.memoryBytes(&a);
  CHECK(beyond < full);
  // Running one copy on leaves the other as it was.
  const State before = a.state();
  b.stepMany(off, 3000);
  CHECK(a.state() == before);
  CHECK_FALSE(b.state() == a.state());
  CHECK(b.memoryBytes(&a) > beyond);  // it wrote into some chunks
}

namespace {

// A heap of n objects in a random graph (1 field in 3 nil, so that part of
// the heap is garbage and sweeping frees it).
std::unique_ptr<Simulation> cowGraph(std::uint32_t n, std::uint64_t seed) {
  return test::randomGraphSim(n, seed, 16, 2, 3);
}

struct CowFresh {
  State state;
  std::uint64_t lastHash;
};
// Step n of a fresh run from `start` (a copy: it shares chunks with the
// history's checkpoints, so a clone missing on a write would show here).
CowFresh cowFreshAt(const Simulation& start, std::uint64_t n) {
  Simulation s = start;
  EventSink off, last;
  off.enabled = false;
  if (n > start.steps() + 1) s.stepMany(off, n - start.steps() - 1);
  if (n > start.steps()) s.step(last);
  return {s.state(), test::eventHash(last.events)};
}

}  // namespace

TEST_CASE("history on a big heap: checkpoints share chunks, and seeks and steps back equal a fresh replay") {
  const auto start = cowGraph(40000, 3);
  History h{Simulation(*start), 256};
  h.setMemoryBudget(24u << 20);
  h.advance(~std::uint64_t{0} >> 1);  // to the end of the cycle
  REQUIRE(h.current().finished());
  const std::uint64_t end = h.position();
  REQUIRE(end > 10000);
  const std::uint64_t freed = h.current().state().heap.stats.objectsFreed;
  CHECK(freed > 0);  // sweeping freed garbage: it wrote into the object records
  // Checkpoints cost what changed since the one before, far less than a copy each.
  const std::uint64_t full = h.current().memoryBytes();
  CHECK(h.checkpointCount() >= 8);
  CHECK(h.memoryBytes() < h.checkpointCount() * full / 2);
  CHECK(h.memoryBytes() <= h.memoryBudget());

  std::uint64_t rng = 11;
  for (int i = 0; i < 6; ++i) {
    const std::uint64_t n = splitmix64(rng) % (end + 1);
    CAPTURE(n);
    h.seek(n);
    REQUIRE(h.position() == n);
    CowFresh f = cowFreshAt(*start, n);
    CHECK(h.current().state() == f.state);
    if (n > 0) CHECK(test::eventHash(h.lastEvents()) == f.lastHash);
    for (int k = 0; k < 3 && h.position() > 0; ++k) {
      REQUIRE(h.back());
      CowFresh g = cowFreshAt(*start, h.position());
      CHECK(h.current().state() == g.state);
      if (h.position() > 0) CHECK(test::eventHash(h.lastEvents()) == g.lastHash);
    }
  }
  // The start state was never written through a shared chunk.
  h.seek(0);
  CHECK(h.current().state() == start->state());
  // Forward to the end again: the same future.
  h.seek(end);
  CHECK(h.current().state() == cowFreshAt(*start, end).state);
}

TEST_CASE(
    "heap: a span's slots never cross a chunk of the slot pool (sweeping reads them through one pointer)") {
  Heap h;
  using Pool = decltype(h.slots);
  std::vector<SpanId> ids;
  // Spans of every small class, several rounds, and some freed and reused
  // records, so that ranges start at every kind of offset in a chunk.
  for (int round = 0; round < 6; ++round) {
    for (std::uint32_t sc = 1; sc < kNumSizeClasses; ++sc) {
      const SizeClassInfo& info = kSizeClasses[sc];
      const std::uint32_t nelems = info.nelems;
      ids.push_back(h.allocSpan(info.npages, spanClassOf(sc, round % 2 == 1), info.size, nelems));
    }
    for (std::size_t i = round; i < ids.size(); i += 5)
      if (h.spans[ids[i]].state == SpanState::InUse) h.freeSpan(ids[i]);
  }
  std::size_t inUse = 0;
  for (const Span& s : h.spans) {
    if (s.state != SpanState::InUse) continue;
    ++inUse;
    CHECK(Pool::sameChunk(s.slotBase, s.nelems));
    CHECK(s.slotBase + s.slotCap <= h.slots.size());
    for (std::uint32_t i = 0; i < s.nelems; ++i) CHECK(h.slots.read(s.slotBase)[i] == h.slotObject(s, i));
  }
  CHECK(inUse > 100);
  CHECK(h.slots.size() > 2 * Pool::kChunk);  // the ranges did reach chunk boundaries
}
