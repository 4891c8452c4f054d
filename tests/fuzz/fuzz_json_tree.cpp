// libFuzzer target: the scenario loader's own fast JSON reader
// (core/io/json_tree) held against nlohmann::json, differentially. Whenever
// parseFast accepts some bytes, nlohmann must parse them too, to the same
// tree (types, numbers, strings, member order, the last of repeated keys),
// and the shape check must let them through; otherwise the loader would
// read a different document than the one its errors describe. When
// parseFast declines, the loader takes nlohmann's road: nothing to compare.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/io/json_positions.hpp"
#include "core/io/json_tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  tricolor::json_text::ShapeLimits limits;
  limits.maxDepth = 32;  // small limits, so that inputs can cross them
  limits.maxArrayElements = 64;
  limits.maxValues = 512;
  tricolor::json_tree::Doc fast;
  if (!tricolor::json_tree::parseFast(text, limits, fast)) return 0;
  if (tricolor::json_text::checkShape(text, limits)) __builtin_trap();  // accepted past a limit
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    __builtin_trap();  // accepted what nlohmann refuses
  }
  const tricolor::json_tree::Doc slow = tricolor::json_tree::fromNlohmann(j);
  if (!tricolor::json_tree::sameTree(fast.root(), slow.root())) __builtin_trap();
  return 0;
}
