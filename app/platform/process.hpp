// Process tweaks: settings of the process (not of the simulation) that make
// tricolor faster on the machines it is measured on - virtual machines where
// a page fault and a system call are slow, with Mesa's llvmpipe under Xvfb.
// They change no result (the event hashes are the same with and without).
// Each has its own switch and TRICOLOR_NO_PLATFORM_TWEAKS=1 turns all of
// them off (app/platform/tweaks.hpp); what each gains is measured in
// docs/performance.md ("Process tweaks"). The getpid cache is the fourth
// (app/platform/getpid_cache.cpp: it replaces a libc function, so it is a
// definition, not a call).
//
// With app/platform/window.hpp this is the part of app/ that is specific to
// the desktop: another platform (a web build) supplies its own or none.
#pragma once

#include <string>

namespace tricolor::app::platform {

// First thing in main(): asks glibc for transparent huge pages for malloc,
// which it reads only at start-up, so this re-executes the program once with
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 added (kept beside the user's own
// tunables). Returns only when no re-exec was needed or possible. Switch:
// TRICOLOR_NO_HUGEPAGES.
void preferHugePages(char** argv);
// For --version: says when malloc asks for huge pages (whoever set the tunable), else "".
std::string hugePagesNote();

// Before the window opens: ImGui's GL backend uploads its vertex buffers
// every frame, blocks of a few hundred KiB that glibc would map and unmap
// each time (a page fault per page); keep them in the heap. Switch:
// TRICOLOR_NO_MALLOPT.
void keepLargeBlocksInHeap();

// Before the window opens (Mesa reads the variables when it is loaded):
// Mesa's shader cache is silently off when its folder cannot be created;
// give it a private one in the temp directory then. Never overrides a
// user's MESA_SHADER_CACHE_* / MESA_GLSL_CACHE_*. Switch:
// TRICOLOR_NO_SHADER_CACHE_DIR.
void ensureShaderCache();

// SIGINT and SIGTERM ask the window to close cleanly (its settings get saved).
void catchQuitSignals();
bool quitRequested();

}  // namespace tricolor::app::platform
