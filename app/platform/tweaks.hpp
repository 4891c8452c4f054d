// The switches of the process tweaks (app/platform/process.hpp,
// app/platform/getpid_cache.cpp). Each tweak has its own switch, and
// TRICOLOR_NO_PLATFORM_TWEAKS=1 turns all of them off at once, so tricolor
// runs as any other program would: to measure what they gain
// (docs/performance.md, "Process tweaks"), or when one misbehaves on another
// machine. Header-only: the getpid cache is also linked alone into test and
// baseline programs (tests/app/CMakeLists.txt).
#pragma once

#include <cstdlib>
#include <cstring>

namespace tricolor::app::platform {

inline constexpr const char* kNoPlatformTweaks = "TRICOLOR_NO_PLATFORM_TWEAKS";

// Whether an environment variable is set to anything but "" or "0".
inline bool switchSet(const char* name) {
  const char* v = std::getenv(name);
  return v && *v && std::strcmp(v, "0") != 0;
}

// Whether a tweak is on: neither TRICOLOR_NO_PLATFORM_TWEAKS nor its own
// switch (e.g. "TRICOLOR_NO_HUGEPAGES") is set.
inline bool tweakEnabled(const char* ownSwitch) {
  return !switchSet(kNoPlatformTweaks) && !switchSet(ownSwitch);
}

}  // namespace tricolor::app::platform
