#!/usr/bin/env bash
# Builds the benchmarks (Release, build-bench/) and prints one table of the
# figures with their goals. Ratios are against baselines measured in the
# same run, because the machines are noisy. Usage: scripts/bench.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh libbenchmark-dev
if [ ! -f build-bench/CMakeCache.txt ]; then
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DTRICOLOR_GUI=OFF -DTRICOLOR_TESTS=OFF -DTRICOLOR_BENCH=ON >/dev/null
fi
cmake --build build-bench -j"$(nproc)" --target tricolor_bench >/dev/null
reps=5
[ "${1:-}" = "--quick" ] && reps=1
out=$(mktemp)
build-bench/bench/tricolor_bench --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
  --benchmark_format=json >"$out" 2>/dev/null
python3 - "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = {}
for b in d["benchmarks"]:
    if b.get("aggregate_name", "median") != "median" and b.get("run_type") == "aggregate":
        continue
    rows[b["run_name"] if "run_name" in b else b["name"]] = b
def get(prefix, key):
    for name, b in rows.items():
        if name.startswith(prefix):
            return b.get(key)
    return None
sim = get("BM_SimGCCycle1M", "objects/s")
plain = get("BM_PlainMark1M", "objects/s")
print("| figure | measured | goal |")
print("|---|---|---|")
print(f"| GC cycle, 1M-object random graph (simulated, mark + sweep) | {sim/1e6:.2f} M objects/s | |")
print(f"| plain C++ BFS mark of the same graph | {plain/1e6:.2f} M objects/s | (baseline) |")
print(f"| ratio simulated / plain | {sim/plain:.3f} | >= 0.5 |")
print(f"| single step, teaching program, events on | {1e9/get('BM_SingleStep','steps/s'):.0f} ns | |")
print(f"| allocation throughput (one allocation per step) | {get('BM_Allocation','allocs/s')/1e6:.2f} M allocs/s | |")
print(f"| bytes per simulated object (record, span slot, bits; in use) | {get('BM_BytesPerObject','bytes/object'):.1f} (+{get('BM_BytesPerObject','slack/object'):.1f} vector slack) | <= 48 |")
print(f"| bytes per pointer field (first two inline in the record) | {get('BM_BytesPerObject','bytes/pointer'):.1f} | <= 4 |")
ctx = d["context"]
print(f"\nmachine: {ctx.get('num_cpus')} CPUs at {ctx.get('mhz_per_cpu')} MHz, load average {ctx.get('load_avg')}; medians of repeated runs")
PY
rm -f "$out"
