// The Go front end's speed: parsing (tree-sitter), type checking and escape
// analysis of a generated 2,000-line Go program (goal: <= 50 ms), next to
// tree-sitter's parse of the same text alone, measured in the same run.
#include <benchmark/benchmark.h>
#include <tree_sitter/api.h>

#include <string>

#include "core/golang/frontend.hpp"

extern "C" const TSLanguage* tree_sitter_go(void);

namespace tricolor {

// 106 functions of 19 lines: allocations that escape and that do not,
// loops, closures, slices, methods and a call chain (callees first).
std::string generatedGoProgram(int funcs) {
  std::string s =
      "package main\n\ntype Node struct {\n\tnext *Node\n\tval  int\n\tdata [4]int\n}\n\n"
      "func (n *Node) Sum() int {\n\treturn n.val + n.data[0]\n}\n\nvar sink *Node\nvar keep []*Node\n\n"
      "func f0(p *Node, n int) *Node {\n\treturn p\n}\n";
  for (int i = 1; i < funcs; ++i) {
    std::string k = std::to_string(i), prev = std::to_string(i - 1);
    s += "\nfunc f" + k + "(p *Node, n int) *Node {\n";
    s += "\tx := &Node{val: n}\n";
    s += "\tif n%2 == 0 {\n\t\tx.next = p\n\t}\n";
    s += "\tfor i := 0; i < n; i++ {\n\t\ty := Node{val: i}\n\t\tx.data[i%4] += y.val\n\t}\n";
    s += "\ts := make([]int, n)\n";
    s += "\tt := []int{1, 2, 3}\n";
    s += "\tf := func() int { return x.val + len(s) + t[0] }\n";
    s += "\tif f() > 3 {\n\t\tsink = x\n\t}\n";
    s += "\tkeep = append(keep, &Node{val: x.Sum()})\n";
    s += "\treturn f" + prev + "(x, n-1)\n}\n";
  }
  s += "\nfunc main() {\n\tprintln(f" + std::to_string(funcs - 1) + "(nil, 3).val)\n}\n";
  return s;
}

namespace {

void BM_GoFrontEnd2000(benchmark::State& state) {
  std::string src = generatedGoProgram(106);
  std::size_t lines = 0;
  for (char c : src) lines += c == '\n';
  std::size_t messages = 0;
  for (auto _ : state) {
    std::vector<golang::Diag> errors;
    auto f = golang::compileGo("gen.go", src, errors);
    if (!f) {
      state.SkipWithError(errors.empty() ? "compile failed" : errors[0].msg.c_str());
      return;
    }
    golang::EscapeResult r = golang::analyzeEscapes(*f, 1);
    messages = r.messages.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["lines"] = double(lines);
  state.counters["messages"] = double(messages);
}
BENCHMARK(BM_GoFrontEnd2000)->Unit(benchmark::kMillisecond);

// Baseline: tree-sitter's parse of the same text, nothing else.
void BM_GoTreeSitterParse2000(benchmark::State& state) {
  std::string src = generatedGoProgram(106);
  TSParser* p = ts_parser_new();
  ts_parser_set_language(p, tree_sitter_go());
  for (auto _ : state) {
    TSTree* t = ts_parser_parse_string(p, nullptr, src.data(), std::uint32_t(src.size()));
    benchmark::DoNotOptimize(t);
    ts_tree_delete(t);
  }
  ts_parser_delete(p);
}
BENCHMARK(BM_GoTreeSitterParse2000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tricolor
