// Small integer ids that name everything in the world.
//
// The world is plain data indexed by these ids (no owning pointers), so a
// whole simulation state can be copied for a checkpoint, compared with ==
// and written to a snapshot. Id 0 of ObjectId is nil: a pointer slot holds
// an ObjectId, exactly like a Go pointer holds an address or nil.
#pragma once

#include <cstdint>
#include <limits>

namespace tricolor {

using ObjectId = std::uint32_t;     // 0 = nil
using SpanId = std::uint32_t;       // index into Heap::spans
using GoroutineId = std::uint32_t;  // Go numbering: g1 is main
using TypeId = std::uint32_t;       // index into Program::types
using FuncId = std::uint32_t;       // index into Program::functions
using PId = std::uint32_t;          // processor index, 0..GOMAXPROCS-1

inline constexpr ObjectId kNil = 0;
inline constexpr SpanId kNoSpan = std::numeric_limits<SpanId>::max();
inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

inline constexpr std::uint64_t KiB = 1024;
inline constexpr std::uint64_t MiB = 1024 * KiB;
inline constexpr std::uint64_t GiB = 1024 * MiB;

}  // namespace tricolor
