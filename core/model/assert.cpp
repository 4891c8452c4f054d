#include "core/model/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace tricolor {

void assertFailed(const char* cond, const char* msg, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: TRICOLOR_ASSERT(%s) failed: %s\n", file, line, cond, msg);
  std::fflush(stderr);
  std::abort();
}

}  // namespace tricolor
