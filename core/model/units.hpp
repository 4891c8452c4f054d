// Sizes as every front end writes them: "824 B", "12.5 KiB", "4.0 MiB".
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/model/ids.hpp"

namespace tricolor {

inline std::string formatBytes(std::uint64_t b) {
  char buf[64];  // a double of up to 309 digits would not fit, but sizes are < 2^64 bytes
  if (b >= MiB)
    std::snprintf(buf, sizeof buf, "%.1f MiB", double(b) / double(MiB));
  else if (b >= 10 * KiB)
    std::snprintf(buf, sizeof buf, "%.1f KiB", double(b) / double(KiB));
  else
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(b));
  return buf;
}

}  // namespace tricolor
