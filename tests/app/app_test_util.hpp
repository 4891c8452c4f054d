// Helpers shared by the session/layout tests (tricolor_layout_tests). They
// live here, not in each file, because CI builds the tests as a unity build
// where two files' anonymous helpers with one name collide.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "render/model/session.hpp"

namespace tricolor::render::testutil {

// A path inside the source tree.
inline std::string source(const std::string& rel) { return std::string(TRICOLOR_SOURCE_DIR) + "/" + rel; }

// Opens a file of the source tree in a fresh session (the test fails if it does not load).
inline Session openSource(const std::string& rel) {
  Session s;
  REQUIRE(s.open(source(rel)).ok);
  return s;
}

}  // namespace tricolor::render::testutil
