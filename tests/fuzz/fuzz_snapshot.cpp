// libFuzzer target: any bytes as a snapshot file. Loading must succeed or
// give errors; replays are cut short so a snapshot claiming a huge step
// cannot hang the fuzzer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/io/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  tricolor::SnapshotLoad r = tricolor::loadSnapshotText(
      text, "fuzz-snapshot.json", [](std::uint64_t done, std::uint64_t) { return done < 200000; });
  if (!r.ok() && r.errors.empty()) __builtin_trap();
  return 0;
}
