// gctrace: one line per cycle in the exact format of GODEBUG=gctrace=1
// (runtime/mgc.go, gcMarkTermination), from the cycle's measured stats.
//
// gc N @Ts P%: A+B+C ms clock, D+E/F/G+H ms cpu, X->Y->Z MB, W MB goal, S MB stacks, L MB globals, K P
// [(forced)]
#pragma once

#include <cstdint>
#include <string>

#include "core/gc/collector.hpp"

namespace tricolor {

std::string gctraceLine(const CycleStats& c);

// Go's fmtNSAsMS: whole ms from 10 ms up, else two significant digits with
// at most three decimals ("0.012", "1.2", "0").
std::string fmtNSAsMS(std::uint64_t ns);

}  // namespace tricolor
