#!/usr/bin/env bash
# Prints ONE markdown table of every performance figure with its goal:
# the core figures from Google Benchmark (Release build in build-bench/),
# then the GUI frame-time rows printed by scripts/gui-bench.sh if it exists.
# Ratios are against baselines measured in the same run (the machine is
# shared and noisy). Usage: scripts/perf.sh [--quick] [--no-gui]
#   --quick   one repetition instead of five (medians of repetitions otherwise)
#   --no-gui  core figures only
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
gui=1
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    --no-gui) gui=0 ;;
    *) echo "usage: scripts/perf.sh [--quick] [--no-gui]" >&2; exit 2 ;;
  esac
done
bash scripts/deps.sh libbenchmark-dev
cmake --preset bench >/dev/null
cmake --build build-bench -j"$(nproc)" --target tricolor_bench >/dev/null
reps=5
[ "$quick" = 1 ] && reps=1
out=$(mktemp)
trap 'rm -f "$out"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# The benchmarks run as the app runs: app/platform/process.cpp re-executes tricolor with
# this tunable (malloc asks for transparent huge pages). The baselines run in
# the same process, so they get it too. Repetitions of different benchmarks
# are interleaved in random order, so a figure and its baseline are measured
# over the same stretch of time (the machine's speed drifts with its load).
GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1" \
  build-bench/bench/tricolor_bench --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
  --benchmark_enable_random_interleaving=true \
  --benchmark_format=json >"$out" 2>/dev/null
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$out" "$load_before" "$load_after" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = {}
for b in d["benchmarks"]:
    if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
        continue
    rows[b.get("run_name", b["name"])] = b
def get(name, key):
    for n, b in rows.items():
        if n == name or n.startswith(name + "/"):
            if key in b:
                return b[key]
    return None
def row(figure, measured, goal, ok=None):
    mark = "" if ok is None else (" (met)" if ok else " (NOT met)")
    print(f"| {figure} | {measured} | {goal}{mark} |")
sim = get("BM_SimGCCycle1M", "objects/s")
plain = get("BM_PlainMark1M", "objects/s")
print("| figure | measured | goal |")
print("|---|---|---|")
row("GC cycle, 1M-object random graph (simulated, mark + sweep, events off)", f"{sim/1e6:.2f} M objects/s", "")
row("plain C++ BFS mark of the same graph, same run (baseline)", f"{plain/1e6:.2f} M objects/s", "")
row("core speed: ratio simulated / plain (objects per CPU second)", f"{sim/plain:.2f}", ">= 0.5", sim / plain >= 0.5)
smark = get('BM_SimGCCycle1M', 'mark_ns/object')
pmark = get('BM_PlainMark1M', 'mark_ns/object')
row("  of which marking / sweeping (wall, per graph object)",
    f"{smark:.0f} / {get('BM_SimGCCycle1M', 'sweep_ns/object'):.0f} ns", "")
row("  marking alone: ratio plain BFS / simulated marking (wall ns per graph object)",
    f"{pmark:.1f} / {smark:.1f} ns = {pmark / smark:.2f}", ">= 0.5", pmark / smark >= 0.5)
bpo = get("BM_BytesPerObject", "bytes/object")
bpp = get("BM_BytesPerObject", "bytes/pointer")
row("memory per simulated object (in use)", f"{bpo:.1f} B (+{get('BM_BytesPerObject', 'slack/object'):.1f} vector slack)", "<= 48 B", bpo <= 48)
row("memory per pointer field beyond two", f"{bpp:.1f} B", "<= 4 B", bpp <= 4)
ff = get("BM_FastForward/1", "steps/s")
single = get("BM_FastForward/0", "steps/s")
row("fast forward, stepMany with events off", f"{ff/1e6:.2f} M steps/s", "")
row("  same run, single steps with events on (as the window plays)", f"{single/1e6:.2f} M steps/s ({ff/single:.1f}x slower)", "")
row("single step, teaching program, events on", f"{1e9/get('BM_SingleStep', 'steps/s'):.0f} ns", "")
row("allocation throughput (one allocation per step)", f"{get('BM_Allocation', 'allocs/s')/1e6:.2f} M allocs/s", "")
for arg, label in (("0", "small heap"), ("1", "1M-object heap")):
    back = get(f"BM_HistoryStepBack/{arg}", "median_us")
    seek = get(f"BM_HistorySeek/{arg}", "median_ms")
    steps = get(f"BM_HistorySeek/{arg}", "steps")
    mib = get(f"BM_HistorySeek/{arg}", "history_MiB")
    bps = get(f"BM_HistorySeek/{arg}", "bytes/step")
    every = get(f"BM_HistorySeek/{arg}", "checkpoint_every")
    rec = get(f"BM_HistorySeek/{arg}", "record_s")
    n = f"{steps/1e6:.2f}M" if steps else "?"
    row(f"history, {label}, {n} steps: one step back (median)", f"{back/1000:.2f} ms", "<= 1 ms", back <= 1000)
    row(f"history, {label}, {n} steps: jump to a random step (median)", f"{seek:.1f} ms", "<= 50 ms", seek <= 50)
    row(f"history, {label}, {n} steps: memory", f"{mib:.0f} MiB = {bps:.1f} B per step (checkpoint every {every:.0f} steps; recorded in {rec:.1f} s)", "bounded (budget 256 MiB), reported", mib <= 256)
load = rows.get("BM_LoadScenario100k") or next((b for n, b in rows.items() if n.startswith("BM_LoadScenario100k")), None)
def msOf(b, key):
    t = b[key]
    unit = b.get("time_unit", "ms")
    return t / 1e3 if unit == "us" else (t / 1e6 if unit == "ns" else t)
cpu = msOf(load, "cpu_time") if load else float("nan")
wall = msOf(load, "real_time") if load else float("nan")
row("start-up: load a scenario of 10^5 operations (CPU time; wall)", f"{cpu:.0f} ms; {wall:.0f} ms", "<= 100 ms", cpu <= 100)
bare = rows.get("BM_LoadScenario100kBareParse")
if bare and load:
    row("  baseline, same run: nlohmann::json::parse alone of the same text (CPU time)", f"{msOf(bare, 'cpu_time'):.0f} ms", "")
    row("  ratio load / bare nlohmann parse", f"{cpu / msOf(bare, 'cpu_time'):.2f}", "")
go = rows.get("BM_GoFrontEnd2000")
ts = rows.get("BM_GoTreeSitterParse2000")
if go:
    row("Go front end: parse + check + escape analysis of a 2,000-line program (CPU time; wall)",
        f"{msOf(go, 'cpu_time'):.1f} ms; {msOf(go, 'real_time'):.1f} ms", "<= 50 ms", msOf(go, "cpu_time") <= 50)
    if ts:
        row("  baseline, same run: tree-sitter's parse alone of the same text (CPU time)", f"{msOf(ts, 'cpu_time'):.1f} ms", "")
ctx = d["context"]
print(f"\nmachine: {ctx.get('num_cpus')} CPUs at {ctx.get('mhz_per_cpu')} MHz; load average {sys.argv[2]} before, {sys.argv[3]} after; medians of repeated runs", file=sys.stderr)
PY
if [ "$gui" = 1 ]; then
  if [ -f scripts/gui-bench.sh ]; then
    bash scripts/gui-bench.sh
  else
    echo "(no scripts/gui-bench.sh: GUI frame-time rows skipped)" >&2
  fi
fi
