// Random programs for property tests: goroutines that allocate, rewire
// pointers between locals, fields and globals, call functions, start
// goroutines, set finalizers, use weak pointers and force collections.
//
// Locals l0-l3 are never nil (they only receive new objects or other of
// them), so every dereference is safe and programs run to the end; fields
// and globals take any value, so the heap graph churns freely. Locals h0, h1
// receive heap fields and globals, which may be nil, and are never
// dereferenced: a load into them followed by deleting the heap copy is the
// hazard only a deletion barrier (or a stack re-scan) survives, because the
// loading stack may already be scanned and stack writes are never barriered;
// storing them back into the heap and clearing them is its mirror, which
// needs an insertion barrier (or a stack snapshot).
#pragma once

#include <string>

#include "core/sim/simulation.hpp"
#include "tests/core/builder.hpp"

namespace tricolor::test {

struct RandomProgramOptions {
  int ops = 60;     // operations per function body
  int workers = 2;  // goroutines besides main
  bool finalizers = true;
  bool weak = true;
  bool loads = true;  // load heap fields and globals into h0, h1 and delete them (the deletion hazard)
};

inline std::shared_ptr<const Program> randomProgram(std::uint64_t seed, const RandomProgramOptions& o = {}) {
  std::uint64_t rng = seed * 0x9e3779b97f4a7c15ULL + 1;
  auto rnd = [&](std::uint64_t n) { return splitmix64(rng) % n; };
  ProgramBuilder b;
  b.type("Node", {{"a", "Node"}, {"b", "Node"}}, 8);
  b.type("Wide", {{"a", "Node"}, {"b", "Node"}, {"c", "Node"}, {"d", "Node"}}, 96);  // 128-byte class
  b.type("Leaf", {}, 8);                                                             // tiny, pointer-free
  b.global("g0", "Node");
  b.global("g1", "Node");
  b.func("fin").param("p", "Node");  // an empty finalizer

  const char* locals[] = {"l0", "l1", "l2", "l3"};
  const char* loaded[] = {"h0", "h1"};
  const char* fields[] = {"a", "b"};
  const char* globals[] = {"g0", "g1"};
  auto body = [&](ProgramBuilder::Func f, bool isMain, int ops) {
    for (const char* l : locals) f.local(l, "Node");
    for (const char* h : loaded) f.local(h, "Node");
    f.weakLocal("w", "Node");
    // Every local starts with an object, so locals are never nil.
    for (const char* l : locals) f.newObj("Node", l);
    f.weakMake("w", "l0");
    for (int i = 0; i < ops; ++i) {
      const std::string l = locals[rnd(4)];
      const std::string l2 = locals[rnd(4)];
      const std::string fld = fields[rnd(2)];
      const std::string fld2 = fields[rnd(2)];
      const std::string g = globals[rnd(2)];
      const std::string h = loaded[rnd(2)];
      switch (rnd(o.loads ? 19 : 16)) {
        case 0: f.newObj("Node", l); break;
        case 1: f.newObj("Node", l + "." + fld); break;
        case 2: f.store(l, l2); break;                           // stack to stack
        case 3: f.store(l + "." + fld, l2); break;               // heap write of a stack value
        case 4: f.store(l + "." + fld, l2 + "." + fld2); break;  // heap to heap
        case 5: f.clear(l + "." + fld); break;                   // delete a heap pointer
        case 6: f.store(g, l); break;                            // publish
        case 7: f.store(l + "." + fld, g); break;                // read a global into the heap
        case 8: f.clear(g); break;
        case 9: f.store(g, l + "." + fld); break;
        case 10: f.call("grow", {l}, l2); break;  // returns a new object linked to l
        case 11:
          if (isMain && o.workers > 0 && rnd(3) == 0)
            f.go("worker", {l}, "late");
          else
            f.work(static_cast<std::int64_t>(rnd(2000)));
          break;
        case 12:
          if (rnd(4) == 0)
            f.gc();
          else
            f.yield();
          break;
        case 13:
          if (o.finalizers && rnd(2) == 0)
            f.newObj("Node", l).setFinalizer(l, "fin");
          else
            f.newObj("Wide", l + "." + fld).clear(l + "." + fld);
          break;
        case 14:
          if (o.weak) {
            if (rnd(2))
              f.weakGet(l + "." + fld, "w");
            else
              f.weakMake("w", l);
          } else {
            f.newObj("Leaf", l + "." + fld).clear(l + "." + fld);
          }
          break;
        case 15: f.repeat(static_cast<std::int64_t>(2 + rnd(20))).newObj("Node", l + "." + fld).end(); break;
        // The deletion hazard: move a pointer from the heap to the stack...
        case 16: f.store(h, l + "." + fld).clear(l + "." + fld); break;
        case 17: f.store(h, g).clear(g); break;
        // ...and back, into a possibly black object or a global, dropping
        // the stack copy (the insertion hazard: only a barrier that shades
        // the new value, or a stack scanned before, keeps it).
        case 18:
          if (rnd(2))
            f.store(l + "." + fld, h).clear(h);
          else
            f.store(g, h).clear(h);
          break;
      }
    }
  };
  auto grow = b.func("grow").param("p", "Node").local("r", "Node").returns();
  grow.newObj("Node", "r").store("r.a", "p").store("p.b", "r").ret("r");
  auto worker = b.func("worker").param("arg", "Node");
  body(worker, false, o.ops);
  worker.store("l0.a", "arg");
  auto main = b.func("main");
  body(main, true, o.ops);
  main.gc().gc();
  b.goroutine("main", "main");
  for (int i = 0; i < o.workers; ++i) {
    // Declared goroutines take no arguments: a copy of worker without the param.
    auto w = b.func("w" + std::to_string(i));
    body(w, false, o.ops);
    b.goroutine("w" + std::to_string(i), "w" + std::to_string(i));
  }
  Config& c = b.config();
  c.seed = seed;
  c.scheduling = rnd(4) == 0 ? SchedulingMode::Auto : SchedulingMode::Random;
  c.gomaxprocs = static_cast<std::uint32_t>(1 + rnd(4));
  static const int gogcs[] = {1, 5, 50, 100};
  c.gogc = gogcs[rnd(4)];
  static const std::uint32_t bufs[] = {0, 1, 4, 256};
  c.wbBufEntries = bufs[rnd(4)];
  c.tinyAlloc = rnd(2) == 0;
  c.timeSliceNs = 1000 + rnd(20000);
  c.monitor = true;
  return b.build();
}

}  // namespace tricolor::test
