// TRICOLOR_ASSERT(cond, msg): a precondition of the collector, checked.
//
// As lgc.c writes its invariants as lua_assert next to the code that relies
// on them (and Box2D keeps b2Assert on in RelWithDebInfo), the collector
// states what must hold on entry: a span swept once per cycle, stop-the-world
// stages in order, greyobject on objects that exist, the barrier only while
// marking, no grey work left at mark termination. A failed check prints
// file:line, the condition and why it must hold, then aborts: a broken
// invariant in a simulator that teaches the invariants must not go on
// quietly.
//
// On unless the build turns it off: CMake's TRICOLOR_ASSERTS option (ON by
// default, OFF for Release builds, which is what the benchmarks use) defines
// TRICOLOR_ASSERTS=1. It does not follow NDEBUG: scripts/test.sh builds
// RelWithDebInfo with -DNDEBUG and the checks must run there. Off, the
// condition is not evaluated (it must have no side effects).
#pragma once

namespace tricolor {

// Prints "file:line: TRICOLOR_ASSERT(cond) failed: msg" to stderr and aborts.
[[noreturn, gnu::cold]] void assertFailed(const char* cond, const char* msg, const char* file, int line);

}  // namespace tricolor

#if defined(TRICOLOR_ASSERTS) && TRICOLOR_ASSERTS
#define TRICOLOR_ASSERT(cond, msg)                        \
  (__builtin_expect(static_cast<bool>(cond), 1) ? (void)0 \
                                                : ::tricolor::assertFailed(#cond, msg, __FILE__, __LINE__))
#else
#define TRICOLOR_ASSERT(cond, msg) ((void)sizeof(static_cast<bool>(cond)))
#endif
