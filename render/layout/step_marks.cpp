#include "render/layout/step_marks.hpp"

namespace tricolor::render {

StepMarks marksOf(const std::vector<Event>& events) {
  StepMarks m;
  for (const Event& e : events) {
    switch (e.kind) {
      case EventKind::ScanStart: m.scanning = e.as<ScanStartEvent>().object; break;
      case EventKind::ScanEnd: m.scanned = e.as<ScanEndEvent>().object; break;
      case EventKind::Shade: m.shaded.emplace_back(e.as<ShadeEvent>().object, e.as<ShadeEvent>().from); break;
      case EventKind::Alloc:
      case EventKind::AllocTiny:
      case EventKind::AllocStack: m.allocated.push_back(eventObjects(e)[0]); break;
      case EventKind::Free: m.freed.push_back(e.as<FreeEvent>().object); break;
      case EventKind::ReachableFreed:
      case EventKind::DanglingUse: m.dangling.push_back(eventObjects(e)[0]); break;
      case EventKind::PointerWrite:
        m.written.emplace_back(e.as<PointerWriteEvent>().value, e.as<PointerWriteEvent>().where);
        break;
      case EventKind::BarrierRecord:
        m.buffered.push_back(e.as<BarrierRecordEvent>().oldValue);
        m.buffered.push_back(e.as<BarrierRecordEvent>().newValue);
        break;
      default: break;
    }
  }
  return m;
}

}  // namespace tricolor::render
