#include "core/io/exports.hpp"

#include <cstdio>

#include "core/io/gctrace.hpp"

namespace tricolor {

namespace {

std::string quote(const std::string& s) {
  std::string q = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') q += '\\';
    if (ch == '\n') {
      q += "\\n";
      continue;
    }
    q += ch;
  }
  return q + "\"";
}

const char* fill(Colour c) {
  switch (c) {
    case Colour::White: return "#ffffff";
    case Colour::Grey: return "#9e9e9e";
    case Colour::Black: return "#202020";
    case Colour::Stack: return "#cfe3f7";
    case Colour::Free: return "#f4c7c3";
  }
  return "#ffffff";
}

}  // namespace

std::string exportDot(const Simulation& sim, std::size_t maxObjects) {
  const State& s = sim.state();
  const Program& P = sim.program();
  const World& w = s.world;
  std::string out =
      "digraph heap {\n  rankdir=LR;\n  node [shape=box, style=filled, fontname=\"DejaVu Sans\"];\n";
  out += "  label=" +
         quote(P.title + " - step " + std::to_string(s.steps) + ", phase " +
               std::string(phaseName(s.gc.phase))) +
         ";\n";
  std::vector<bool> shown(w.objects.size(), false);
  std::size_t n = 0;
  for (ObjectId id = 1; id < w.objects.size() && n < maxObjects; ++id) {
    const Object& o = w.objects[id];
    if (o.state != ObjState::Heap && o.state != ObjState::Stack) continue;
    Colour c = colourOf(w, s.heap, id);
    shown[id] = true;
    ++n;
    std::string label = sim.objectName(id) + "\\n" + P.types[o.type].name + " (" + colourName(c) + ")";
    out += "  o" + std::to_string(id) + " [label=\"" + label + "\", fillcolor=\"" + fill(c) + "\"" +
           (c == Colour::Black ? ", fontcolor=white" : "") +
           (c == Colour::Grey ? ", style=\"filled,dashed\"" : "") +
           (c == Colour::Stack ? ", style=\"filled,dashed\"" : "") + "];\n";
  }
  if (n == maxObjects) out += "  // cut at " + std::to_string(maxObjects) + " objects\n";
  // Roots: globals and stack slots that hold pointers.
  out += "  node [shape=plaintext, style=\"\"];\n";
  for (std::uint32_t i = 0; i < P.globals.size(); ++i) {
    if (!P.globals[i].pointer) continue;
    ObjectId v = static_cast<ObjectId>(w.globals[i]);
    out += "  g" + std::to_string(i) + " [label=" + quote("global " + P.globals[i].name) + "];\n";
    if (v && v < shown.size() && shown[v])
      out += "  g" + std::to_string(i) + " -> o" + std::to_string(v) + ";\n";
  }
  for (const Goroutine& g : w.goroutines) {
    if (g.status == GStatus::Dead) continue;
    for (std::uint32_t d = 0; d < g.stack.size(); ++d) {
      const Frame& f = g.stack[d];
      const Function& fn = P.functions[f.func];
      for (std::uint32_t i = 0; i < fn.slots.size(); ++i) {
        if (!fn.slots[i].pointer) continue;
        ObjectId v = static_cast<ObjectId>(f.slots[i]);
        if (!v || v >= shown.size() || !shown[v]) continue;
        std::string node = "s" + std::to_string(g.id) + "_" + std::to_string(d) + "_" + std::to_string(i);
        out += "  " + node + " [label=" + quote(sim.refName(Ref{RefKind::StackSlot, g.id, d, i})) + "];\n";
        out += "  " + node + " -> o" + std::to_string(v) + ";\n";
      }
    }
  }
  // Heap pointers.
  for (ObjectId id = 1; id < w.objects.size(); ++id) {
    if (!shown[id]) continue;
    const Type& t = P.types[w.objects[id].type];
    const ObjectId* f = w.fields(id);
    for (std::uint32_t i = 0; i < t.numPtrs; ++i)
      if (f[i] && f[i] < shown.size() && shown[f[i]])
        out += "  o" + std::to_string(id) + " -> o" + std::to_string(f[i]) + ";\n";
  }
  out += "}\n";
  return out;
}

std::string csvStepHeader() {
  return "step,time_ns,cycle,phase,world_stopped,heap_live,heap_goal,heap_trigger,marked_bytes,objects_live,"
         "grey_queue,spans_in_use\n";
}

std::string csvStepRow(const Simulation& sim) {
  const State& s = sim.state();
  std::uint32_t spans = 0;
  for (const Span& sp : s.heap.spans) spans += sp.state == SpanState::InUse;
  char buf[320];
  std::snprintf(buf, sizeof buf, "%llu,%llu,%u,%s,%d,%llu,%llu,%llu,%llu,%llu,%zu,%u\n",
                (unsigned long long)s.steps, (unsigned long long)sim.now(), s.gc.cycle,
                std::string(phaseName(s.gc.phase)).c_str(), s.gc.worldStopped ? 1 : 0,
                (unsigned long long)s.heap.stats.heapLive, (unsigned long long)sim.heapGoal(),
                (unsigned long long)sim.heapTrigger(), (unsigned long long)s.gc.bytesMarked,
                (unsigned long long)(s.heap.stats.objectsAllocated - s.heap.stats.objectsFreed),
                s.gc.greyCount(), spans);
  return buf;
}

std::string exportCyclesCsv(const Simulation& sim) {
  std::string out =
      "cycle,trigger,start_ns,sweep_termination_ns,mark_ns,mark_termination_ns,heap_start,heap_at_mark_end,"
      "marked,goal,stacks,globals,procs,assist_cpu_ns,worker_cpu_ns,idle_cpu_ns,gc_cpu_fraction,objects_"
      "marked,"
      "objects_freed,forced\n";
  static const char* trig[] = {"heap", "forced", "periodic", "script"};
  for (const CycleStats& c : sim.state().gc.cycles) {
    if (!c.done) continue;
    char buf[512];
    std::snprintf(
        buf, sizeof buf,
        "%u,%s,%llu,%llu,%llu,%llu,%llu,%llu,%llu,%llu,%llu,%llu,%u,%llu,%llu,%llu,%.4f,%llu,%llu,%d\n", c.n,
        trig[static_cast<int>(c.trigger)], (unsigned long long)c.tSweepTerm,
        (unsigned long long)(c.tMark - c.tSweepTerm), (unsigned long long)(c.tMarkTerm - c.tMark),
        (unsigned long long)(c.tEnd - c.tMarkTerm), (unsigned long long)c.heap0, (unsigned long long)c.heap1,
        (unsigned long long)c.heap2, (unsigned long long)c.goal, (unsigned long long)c.stacks,
        (unsigned long long)c.globals, c.procs, (unsigned long long)c.assistTime,
        (unsigned long long)c.workerTime, (unsigned long long)c.idleTime, c.cpuFraction,
        (unsigned long long)c.objectsMarked, (unsigned long long)c.objectsFreed,
        c.trigger == TriggerKind::Forced ? 1 : 0);
    out += buf;
  }
  return out;
}

std::string exportGctrace(const Simulation& sim) {
  std::string out;
  for (const CycleStats& c : sim.state().gc.cycles)
    if (c.done) out += gctraceLine(c) + "\n";
  return out;
}

}  // namespace tricolor
