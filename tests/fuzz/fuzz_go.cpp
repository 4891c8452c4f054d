// libFuzzer target: the Go front end (parser, checker, escape analysis) on
// arbitrary bytes. Any input must end in a program or in an error with a
// position - never a crash, a hang or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/golang/frontend.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  std::vector<tricolor::golang::Diag> errors;
  auto f =
      tricolor::golang::compileGo("fuzz.go", std::string(reinterpret_cast<const char*>(data), size), errors);
  if (f) {
    tricolor::golang::analyzeEscapes(*f, 2);
  } else if (errors.empty()) {
    __builtin_trap();  // a rejected program must say why
  }
  return 0;
}
