// The process tweaks' switches (app/platform/tweaks.hpp): each tweak has its
// own, and TRICOLOR_NO_PLATFORM_TWEAKS turns every one off. ("" and "0" mean
// not set, as for the older per-tweak switches.)
#include <doctest/doctest.h>
#include <stdlib.h>

#include "app/platform/tweaks.hpp"

using tricolor::app::platform::tweakEnabled;

TEST_CASE("platform tweaks: one switch turns every tweak off, each has its own too") {
  const char* own = "TRICOLOR_NO_TEST_TWEAK";
  unsetenv("TRICOLOR_NO_PLATFORM_TWEAKS");
  unsetenv(own);
  CHECK(tweakEnabled(own));
  setenv(own, "1", 1);
  CHECK_FALSE(tweakEnabled(own));
  CHECK(tweakEnabled("TRICOLOR_NO_OTHER_TEST_TWEAK"));
  setenv(own, "0", 1);
  CHECK(tweakEnabled(own));
  setenv(own, "", 1);
  CHECK(tweakEnabled(own));
  unsetenv(own);
  setenv("TRICOLOR_NO_PLATFORM_TWEAKS", "1", 1);
  CHECK_FALSE(tweakEnabled(own));
  CHECK_FALSE(tweakEnabled("TRICOLOR_NO_HUGEPAGES"));
  CHECK_FALSE(tweakEnabled("TRICOLOR_NO_PID_CACHE"));
  setenv("TRICOLOR_NO_PLATFORM_TWEAKS", "0", 1);
  CHECK(tweakEnabled(own));
  unsetenv("TRICOLOR_NO_PLATFORM_TWEAKS");
}
