#include "core/model/program.hpp"

#include <algorithm>

namespace tricolor {

namespace {
std::uint32_t alignUp(std::uint32_t v, std::uint32_t a) { return a <= 1 ? v : (v + a - 1) / a * a; }
}  // namespace

void Program::finalize() {
  // Struct layout with Go's alignment rules; pointer slots numbered in field order.
  for (Type& t : types) {
    if (t.internal) continue;
    std::uint32_t off = 0, maxAlign = 1, ptrs = 0;
    for (Field& f : t.fields) {
      f.align = std::max<std::uint32_t>(1, std::min<std::uint32_t>(f.align, 8));
      off = alignUp(off, f.align);
      f.offset = off;
      f.firstPtr = ptrs;
      if (f.pointer) ptrs += f.count;
      off += f.bytes;
      maxAlign = std::max(maxAlign, f.align);
    }
    off = alignUp(off, maxAlign);
    t.numPtrs = ptrs;
    t.size = std::max(t.size, std::max<std::uint32_t>(off, 1));
  }
  // weak.Make allocates an 8-byte pointer-free handle (Go 1.24: new(atomic.Uintptr)).
  if (weakHandleType == kNone) {
    Type h;
    h.name = "weak handle";
    h.size = 8;
    h.internal = true;
    weakHandleType = static_cast<TypeId>(types.size());
    types.push_back(std::move(h));
  }
  for (Function& f : functions) {
    std::uint32_t bytes = 16;  // return address + frame pointer
    for (const SlotDecl& s : f.slots) bytes += alignUp(s.bytes, 8);
    f.frameBytes = bytes;
  }
}

}  // namespace tricolor
