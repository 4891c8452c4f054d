// sweepSpan sweeps 64 slots at a time (mark bits gathered into a word, only
// the freed slots visited, statistics added once per span). Here it is held
// against the slot-by-slot sweep it replaced, kept below as the reference,
// on heaps where a span's slots hold consecutive object ids (filled in
// order, the word fast path), scattered ids (slots reused after a cycle),
// groups straddling mark words, partial last groups and tiny blocks, with
// finalizers and weak handles on some objects. Both run the real specials
// half (sweepSpecials) before their slot pass, so its resurrections and
// cleared handles feed both.
#include <doctest/doctest.h>

#include "core/gc/collector.hpp"
#include "tests/core/builder.hpp"
#include "tests/core/sim_access.hpp"
#include "tests/core/support.hpp"

using namespace tricolor;
using namespace tricolor::test;

namespace {

// mspan.sweep as it was written before the bulk sweep: the specials, then
// the slots one at a time.
std::uint32_t referenceSweepSpan(GcContext& c, SpanId sid, SweepCause who) {
  Span& s = c.heap.spans[sid];
  World& w = c.world;
  // The specials half is the real one: what is compared is the slot pass
  // that follows it (a resurrected object must be kept by both).
  sweepSpecials(c, sid);
  std::uint32_t freed = 0, kept = 0;
  for (std::uint32_t i = 0; i < (s.nelems + 63) / 64; ++i) c.heap.allocPool[s.bitBase + i] = 0;
  for (std::uint32_t slot = 0; slot < s.nelems; ++slot) {
    ObjectId head = c.heap.slotObject(s, slot);
    if (head == kNil) continue;
    if (w.marked(head)) {
      w.clearMarked(head);
      c.heap.setAllocBit(s, slot);
      ++kept;
      continue;
    }
    auto freeOne = [&](ObjectId obj) {
      Object& o = w.objects.mut(obj);
      o.state = ObjState::Freed;
      o.flags &= static_cast<std::uint8_t>(~kFinalizerQueued);
      w.info[obj] &= static_cast<std::uint16_t>(~(kInfoHeap | kInfoQueued));
      c.heap.stats.requestedLive -= c.prog.types[o.type].size;
      ++c.heap.stats.objectsFreed;
      ++freed;
      c.out.push(c.actor, FreeEvent{obj, sid, slot});
    };
    freeOne(head);
    auto it = w.tinyPieces.find(head);
    if (it != w.tinyPieces.end()) {
      for (ObjectId piece : it->second) freeOne(piece);
      w.tinyPieces.erase(it);
    }
    c.heap.setSlotObject(s, slot, kNil);
    c.heap.stats.totalFree += s.elemSize;
  }
  s.allocCount = kept;
  s.freeIndex = 0;
  s.sweepgen = c.heap.sweepgen;
  if (!c.gc.cycles.empty()) c.gc.cycles.back().objectsFreed += freed;
  c.out.push(c.actor, SweepEvent{sid, freed, kept, who});
  return freed;
}

struct Heapful {
  std::unique_ptr<Simulation> sim;
  std::vector<ObjectId> objs;
  std::vector<TypeId> types;
  TypeId word = 0;  // pointer-free: weak handles
};

// Allocates about n objects in runs of one random type (a run fills
// slots with consecutive ids) and points every live object's fields at
// random live objects.
void growHeap(Heapful& h, std::uint32_t n, std::uint64_t& rng) {
  for (std::uint32_t i = 0; i < n;) {
    const TypeId t = h.types[splitmix64(rng) % h.types.size()];
    for (std::uint64_t run = 1 + splitmix64(rng) % 400; run > 0; --run, ++i)
      h.objs.push_back(SimAccess::alloc(*h.sim, t));
  }
  State& s = SimAccess::state(*h.sim);
  const Program& P = h.sim->program();
  for (ObjectId id : h.objs) {
    if (s.world.objects[id].state != ObjState::Heap) continue;
    const Type& t = P.types[s.world.objects[id].type];
    for (std::uint32_t k = 0; k < t.numPtrs; ++k) {
      std::uint64_t r = splitmix64(rng);
      ObjectId v = h.objs[(r >> 8) % h.objs.size()];
      s.world.fields(id)[k] = r % 3 == 0 || s.world.objects[v].state != ObjState::Heap ? kNil : v;
    }
  }
  // Finalizers and weak handles on some live objects (a weak handle's
  // handle is a pointer-free Word, kept alive by its special while the
  // target lives).
  for (ObjectId id : h.objs) {
    if (s.world.objects[id].state != ObjState::Heap) continue;
    const std::uint64_t r = splitmix64(rng) % 64;
    const std::uint8_t flags = s.world.objects[id].flags;
    if (r == 0 && !(flags & (kHasFinalizer | kFinalizerQueued))) {
      s.world.finalizers.push_back(id);
      s.world.finalizerFuncs.push_back(0);
      s.world.objects.mut(id).flags |= kHasFinalizer;
    } else if (r == 1 && !(flags & kHasWeakHandle)) {
      s.world.weakHandles.push_back(WeakHandle{SimAccess::alloc(*h.sim, h.word), id});
      s.world.objects.mut(id).flags |= kHasWeakHandle;
    }
  }
  for (std::size_t g = 0; g < s.world.globals.size(); ++g) {
    ObjectId v = h.objs[splitmix64(rng) % h.objs.size()];
    s.world.globals[g] = s.world.objects[v].state == ObjState::Heap ? v : kNil;
  }
}

// Steps until mark termination has just made every span need sweeping.
void stepToSweep(Simulation& sim, std::uint32_t cycle) {
  EventSink off;
  off.enabled = false;
  while (!(sim.state().gc.cycle == cycle && sim.state().gc.phase == Phase::Sweep)) {
    REQUIRE_FALSE(sim.finished());
    sim.step(off);
  }
}

// Sweeps every span that needs it, both ways, in two copies of the state, and compares.
void compareSweeps(const Simulation& sim, std::uint64_t* fastGroups, std::uint64_t* scatteredGroups,
                   std::uint64_t* specials) {
  State a = sim.state();
  State b = a;
  EventSink ea, eb;
  GcContext ca{sim.program(), a.world, a.heap, a.gc, a.pacer, ea, 7};
  GcContext cb{sim.program(), b.world, b.heap, b.gc, b.pacer, eb, 7};
  std::uint32_t swept = 0;
  for (SpanId sid = 0; sid < a.heap.spans.size(); ++sid) {
    const Span& sp = a.heap.spans[sid];
    if (sp.state != SpanState::InUse || !a.heap.needsSweep(sp)) continue;
    for (std::uint32_t base = 0; base < sp.nelems; base += 64) {
      bool consecutive = a.heap.slotObject(sp, base) != kNil;
      for (std::uint32_t i = base; i < std::min(base + 64, sp.nelems); ++i)
        consecutive = consecutive && a.heap.slotObject(sp, i) == a.heap.slotObject(sp, base) + (i - base);
      ++*(consecutive ? fastGroups : scatteredGroups);
    }
    a.heap.spans[sid].sweepgen = b.heap.spans[sid].sweepgen = a.heap.sweepgen - 1;
    std::uint32_t fa = sweepSpan(ca, sid, SweepCause::Background);
    std::uint32_t fb = referenceSweepSpan(cb, sid, SweepCause::Background);
    REQUIRE(fa == fb);
    ++swept;
  }
  CHECK(swept > 10);
  *specials += count(ea.events, EventKind::Resurrect) + count(ea.events, EventKind::WeakClear);
  REQUIRE(ea.events.size() == eb.events.size());
  CHECK(eventHash(ea.events) == eventHash(eb.events));
  CHECK(a.world == b.world);
  CHECK(a.heap == b.heap);
  CHECK(a.gc == b.gc);
}

}  // namespace

TEST_CASE("bulk sweep: the same states, counts and events as sweeping slot by slot") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    ProgramBuilder b;
    Heapful h;
    // 8192-byte spans: 256 x 32 B, 170 x 48 B (a partial last group), 64 x
    // 128 B, and a pointer-free 8-byte type for the tiny allocator.
    h.types.push_back(b.type("Pair", {{"a", "Pair"}, {"b", "Pair"}}, 16));
    h.types.push_back(b.type("Triple", {{"p", "Pair", 3}}, 24));
    h.types.push_back(b.type("Big", {{"p", "Pair", 2}}, 112));
    h.types.push_back(h.word = b.type("Word", {}, 8));
    for (int g = 0; g < 16; ++g) b.global("r" + std::to_string(g), "Pair");
    auto m = b.func("main");
    m.local("x", "Pair");
    m.gc().gc();
    b.config().monitor = false;
    b.config().gomaxprocs = 2;
    h.sim = std::make_unique<Simulation>(b.build());
    std::uint64_t rng = seed;
    std::uint64_t fast = 0, scattered = 0, specials = 0;
    // Cycle 1: spans filled in allocation order.
    growHeap(h, 6000, rng);
    stepToSweep(*h.sim, 1);
    compareSweeps(*h.sim, &fast, &scattered, &specials);
    CHECK(fast > 0);
    // Cycle 2: new objects fill the slots cycle 1 freed, so slots hold scattered ids.
    {
      EventSink off;
      off.enabled = false;
      while (h.sim->state().gc.phase != Phase::Off) h.sim->step(off);
    }
    growHeap(h, 3000, rng);
    stepToSweep(*h.sim, 2);
    compareSweeps(*h.sim, &fast, &scattered, &specials);
    CHECK(scattered > 0);
    CHECK(specials > 0);  // objects resurrected and weak handles cleared in the swept spans
    CHECK(h.sim->state().heap.stats.objectsFreed > 0);
  }
}
