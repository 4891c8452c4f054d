#include "render/layout/step_marks.hpp"

namespace tricolor::render {

StepMarks marksOf(const std::vector<Event>& events) {
  StepMarks m;
  for (const Event& e : events) {
    switch (e.kind) {
      case EventKind::ScanStart: m.scanning = e.a; break;
      case EventKind::ScanEnd: m.scanned = e.a; break;
      case EventKind::Shade: m.shaded.emplace_back(e.a, e.ref()); break;
      case EventKind::Alloc:
      case EventKind::AllocTiny:
      case EventKind::AllocStack: m.allocated.push_back(e.a); break;
      case EventKind::Free: m.freed.push_back(e.a); break;
      case EventKind::ReachableFreed:
      case EventKind::DanglingUse: m.dangling.push_back(e.a); break;
      case EventKind::PointerWrite: m.written.emplace_back(e.a, e.ref()); break;
      case EventKind::BarrierRecord:
        m.buffered.push_back(e.a);
        m.buffered.push_back(e.b);
        break;
      default: break;
    }
  }
  return m;
}

}  // namespace tricolor::render
