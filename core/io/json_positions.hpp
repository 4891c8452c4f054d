// Line:column positions for JSON values, which nlohmann::json does not keep.
//
// The scenario loader reports every problem with the JSON pointer of the
// offending value *and* the line:column where that value starts, so a
// teacher can jump to it in an editor. nlohmann::json forgets positions
// once it has parsed, so this file re-reads the raw text:
//
//  - checkShape() runs *before* parsing, on any bytes at all: it rejects
//    nesting deeper than a limit, arrays with too many elements and
//    documents with too many values, so no parser or recursive walk ever
//    sees a pathological document (a 64 MiB "[[[[..." or "[{},{},..."
//    would otherwise become tens of millions of json nodes, gigabytes).
//  - locate() runs *after* a successful parse, on valid JSON only: one pass
//    that finds where the values (and keys) named by a set of JSON pointers
//    start, and which keys are repeated inside one object (JSON allows it,
//    nlohmann silently keeps the last one, a teacher never means it).
//
// Columns count Unicode code points (not bytes), starting at 1, like
// editors do; a tab counts as one column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tricolor::json_text {

struct TextPos {
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based, in code points
};

// Position of the byte at `offset` (0-based; offsets past the end map to the end of the text).
TextPos positionOf(std::string_view text, std::size_t offset);

// Appends code point `cp` (<= 0x10FFFF) to `out` as UTF-8.
void appendUtf8(std::string& out, std::uint32_t cp);

// One reference token of a JSON pointer (RFC 6901): "~" -> "~0", "/" -> "~1".
std::string pointerToken(std::string_view key);

struct ShapeProblem {
  std::size_t offset = 0;  // where the limit was crossed
  std::string message;
};

struct ShapeLimits {
  int maxDepth = 128;
  std::size_t maxArrayElements = std::size_t{1} << 24;
  std::size_t maxValues = std::size_t{1} << 23;  // counted as containers + separators: an upper bound
  const char* document = "a scenario";           // for messages: "(a scenario never needs that many)"
};

// Tolerant scan of arbitrary bytes: the first place where a limit is crossed, if any.
std::optional<ShapeProblem> checkShape(std::string_view text, const ShapeLimits& limits);

struct DuplicateKey {
  std::string pointer;  // pointer of the repeated member
  TextPos at;           // the repeated key
  TextPos first;        // its first occurrence
};

struct Located {
  std::map<std::string, TextPos> values;  // pointer -> start of the value
  std::map<std::string, TextPos> keys;    // pointer -> start of the member's key (object members only)
  std::vector<DuplicateKey> duplicates;   // in text order
};

// One pass over valid JSON: positions of the values (and keys) whose
// pointers are in `wanted` or are ancestors of one, plus repeated keys.
Located locate(std::string_view text, const std::set<std::string>& wanted);

// Position of the first number literal that does not fit a double (nlohmann
// reports "number overflow" without a position), if any.
std::optional<std::size_t> findOverflowingNumber(std::string_view text);

// A whole file of at most maxBytes, for the loaders. The size is checked
// before reading, so a file of hundreds of MB is refused at once without
// allocating for it. On failure `error` says why; `sizeError` marks the
// too-large case, whose message is tooLarge(size).
struct FileText {
  bool ok = false;
  std::string text, error;
  bool sizeError = false;
};
FileText readFileCapped(const std::string& path, std::uint64_t maxBytes,
                        std::string (*tooLarge)(std::uint64_t));

}  // namespace tricolor::json_text
