// libFuzzer target: any bytes as a scenario file. The loader must return a
// program or errors with messages, never crash, hang or blow up memory; a
// program it accepts must simulate (bounded) without crashing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/io/scenario_loader.hpp"
#include "core/sim/simulation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  tricolor::LoadResult r = tricolor::loadScenarioText(text, "fuzz.json");
  if (!r.ok()) {
    if (r.errors.empty()) __builtin_trap();  // a failed load must say why
    for (const auto& e : r.errors)
      if (e.message.empty()) __builtin_trap();
    return 0;
  }
  tricolor::Simulation sim(r.program);
  tricolor::EventSink sink;
  for (int i = 0; i < 3000 && !sim.finished(); ++i) sim.step(sink);
  return 0;
}
