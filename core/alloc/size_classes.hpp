// Size classes: every small allocation is rounded up to one of Go's 67
// object sizes, and each size class has spans of a fixed number of pages.
// Class 0 is reserved for large objects (> 32 KiB), which get a span of
// their own. A span class is size class * 2 + noscan.
#pragma once

#include <array>
#include <cstdint>

namespace tricolor {

inline constexpr std::uint32_t kPageSize = 8192;
inline constexpr std::uint32_t kNumSizeClasses = 68;  // 0 (large) + 67 small classes
inline constexpr std::uint32_t kMaxSmallSize = 32768;
inline constexpr std::uint32_t kNumSpanClasses = kNumSizeClasses * 2;
inline constexpr std::uint32_t kTinySize = 16;      // maxTinySize
inline constexpr std::uint32_t kTinySizeClass = 2;  // the 16-byte class holds tiny blocks
inline constexpr std::uint32_t kMaxObletBytes = 128 * 1024;

struct SizeClassInfo {
  std::uint32_t size;    // bytes per object
  std::uint32_t npages;  // pages per span
  std::uint32_t nelems;  // objects per span
};

extern const std::array<SizeClassInfo, kNumSizeClasses> kSizeClasses;

// The smallest size class whose objects hold `size` bytes (size <= 32 KiB),
// exactly what Go's size_to_class8/size_to_class128 tables encode.
std::uint32_t sizeToClass(std::uint32_t size);

inline std::uint32_t spanClassOf(std::uint32_t sizeClass, bool noscan) {
  return sizeClass * 2 + (noscan ? 1 : 0);
}
inline std::uint32_t sizeClassOf(std::uint32_t spanClass) { return spanClass >> 1; }
inline bool noscanOf(std::uint32_t spanClass) { return (spanClass & 1) != 0; }

// Pages needed for a large object of `size` bytes.
inline std::uint32_t largePages(std::uint64_t size) {
  return static_cast<std::uint32_t>((size + kPageSize - 1) / kPageSize);
}

}  // namespace tricolor
