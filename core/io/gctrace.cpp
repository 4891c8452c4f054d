#include "core/io/gctrace.hpp"

namespace tricolor {

namespace {

// Go's itoaDiv: val with a decimal point `dec` digits from the right.
std::string itoaDiv(std::uint64_t val, int dec) {
  std::string digits = std::to_string(val);
  if (dec <= 0) return digits;
  while (static_cast<int>(digits.size()) <= dec) digits.insert(digits.begin(), '0');
  digits.insert(digits.end() - dec, '.');
  return digits;
}

}  // namespace

std::string fmtNSAsMS(std::uint64_t ns) {
  if (ns >= 10'000'000) return itoaDiv(ns / 1'000'000, 0);
  std::uint64_t x = ns / 1000;
  if (x == 0) return "0";
  int dec = 3;
  while (x >= 100) {
    x /= 10;
    --dec;
  }
  return itoaDiv(x, dec);
}

std::string gctraceLine(const CycleStats& c) {
  std::string s = "gc " + std::to_string(c.n) + " @" + itoaDiv(c.tSweepTerm / 1'000'000, 3) + "s " +
                  std::to_string(static_cast<int>(c.cpuFraction * 100)) + "%: ";
  s += fmtNSAsMS(c.tMark - c.tSweepTerm) + "+" + fmtNSAsMS(c.tMarkTerm - c.tMark) + "+" +
       fmtNSAsMS(c.tEnd - c.tMarkTerm) + " ms clock, ";
  std::uint64_t sweepTermCpu = std::uint64_t(c.procs) * (c.tMark - c.tSweepTerm);
  std::uint64_t markTermCpu = std::uint64_t(c.procs) * (c.tEnd - c.tMarkTerm);
  s += fmtNSAsMS(sweepTermCpu) + "+" + fmtNSAsMS(c.assistTime) + "/" + fmtNSAsMS(c.workerTime) + "/" +
       fmtNSAsMS(c.idleTime) + "+" + fmtNSAsMS(markTermCpu) + " ms cpu, ";
  s += std::to_string(c.heap0 >> 20) + "->" + std::to_string(c.heap1 >> 20) + "->" +
       std::to_string(c.heap2 >> 20) + " MB, " + std::to_string(c.goal >> 20) + " MB goal, " +
       std::to_string(c.stacks >> 20) + " MB stacks, " + std::to_string(c.globals >> 20) + " MB globals, " +
       std::to_string(c.procs) + " P";
  if (c.trigger == TriggerKind::Forced) s += " (forced)";
  return s;
}

}  // namespace tricolor
