#include "core/alloc/size_classes.hpp"

#include <algorithm>

namespace tricolor {

std::uint32_t sizeToClass(std::uint32_t size) {
  if (size == 0) size = 1;  // Go returns zerobase for 0; a sized object needs a class
  // The table is sorted by size, so the first class that fits is the answer.
  auto it = std::lower_bound(kSizeClasses.begin() + 1, kSizeClasses.end(), size,
                             [](const SizeClassInfo& c, std::uint32_t s) { return c.size < s; });
  if (it == kSizeClasses.end()) return 0;
  return static_cast<std::uint32_t>(it - kSizeClasses.begin());
}

}  // namespace tricolor
