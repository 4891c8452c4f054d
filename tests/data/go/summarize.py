#!/usr/bin/env python3
"""Summarizes the real Go 1.19 runs of one workload into WORKLOAD/summary.json.

Reads WORKLOAD/SETTING/env.txt, run-N.stderr (GODEBUG=gctrace=1,gcpacertrace=1
[,scavtrace=1]) and run-N.memstats.json, as regen.sh writes them. Usage:

    tests/data/go/summarize.py WORKLOAD...     (writes WORKLOAD/summary.json)
    tests/data/go/summarize.py --check WORKLOAD...  (fails if summary.json is stale)

The meaning and the source of every number is in FIELDS below, copied into
summary.json, and in README.md. Also importable: parse_run(path) gives the
cycles of one log, for tools that compare per cycle.
"""
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MiB = 1 << 20

# One line per cycle from runtime/mgc.go (gcMarkTermination); MB are bytes >> 20.
GCTRACE = re.compile(
    r"gc (\d+) @([\d.]+)s (\d+)%: ([\d.]+)\+([\d.]+)\+([\d.]+) ms clock, "
    r"([\d.]+)\+([\d.]+)/([\d.]+)/([\d.]+)\+([\d.]+) ms cpu, (\d+)->(\d+)->(\d+) MB, "
    r"(\d+) MB goal, (\d+) MB stacks, (\d+) MB globals, (\d+) P( \(forced\))?$")
# gcControllerState.startCycle (mgcpacer.go), at the start of marking.
PACER_START = re.compile(
    r"pacer: assist ratio=(\S+) \(scan (\d+) MB in (\d+)->(\d+) MB\) workers=(\d+)\+(\S+)$")
# gcControllerState.endCycle (mgcpacer.go), at the end of marking: exact bytes.
PACER_END = re.compile(
    r"pacer: (-?\d+)% CPU \((\d+) exp\.\) for (\d+)\+(\d+)\+(\d+) B work \((\d+) B exp\.\) "
    r"in (\d+) B -> (\d+) B \(\u2206goal (-?\d+), cons/mark (\S+)\)(\[controller reset\])?$")
# mgcsweep.go, when the background sweeper finishes a cycle's sweeping.
SWEEP_DONE = re.compile(r"pacer: sweep done at heap size (\d+)MB; allocated (\d+)MB during sweep; "
                        r"swept (\d+) pages at (\S+) pages/byte$")
# printScavTrace (mgcscavenge.go), with scavtrace=1.
SCAV = re.compile(r"scav (\d+) KiB work, (\d+) KiB total, (\d+)% util( \(forced\)| \[controller reset\])?$")

FIELDS = {
    "cycles": "cycles completed when the workload ended: MemStats.NumGC read by the report (no cycle is "
              "forced). The log may have one gctrace line more: a cycle that was marking at the end and "
              "finished during the report; the per-cycle medians include it",
    "goal_mib": "heap goal of each cycle, exact: pacer end line 'in T B -> L B (\u2206goal D ...)' "
                "gives lastHeapGoal = L - D (the same value gctrace prints truncated as 'W MB goal')",
    "marked_mib": "marked (live) heap after each cycle from gctrace X->Y->Z: Z, TRUNCATED to whole MiB "
                  "(bytes >> 20); always available",
    "marked_exact_mib": "marked heap, exact, derived from the next cycle's exact goal by inverting "
                        "Go 1.19's commit(): goal = M + (M + stackScan + globals) * GOGC / 100 in integers, "
                        "with stackScan and globals the exact stack and globals scan work of the pacer "
                        "end line; kept only where a unique M exists and M >> 20 equals gctrace's Z. "
                        "Not available for the last cycle, cycles at the 4 MiB x GOGC/100 minimum, and "
                        "GOGC=off (the memory limit sets the goal): null then",
    "heap_start_mib": "heap when the cycle started, gctrace X (heap0 = heapLive at gcStart), TRUNCATED "
                      "to whole MiB",
    "trigger_mib": "the trigger of each cycle, exact: pacer end line 'in T B' (Go 1.19.8 prints the "
                   "computed trigger there, not heapLive at the start)",
    "heap_end_mib": "heap at the end of marking, exact: pacer end line '-> L B' (gctrace Y)",
    "heap_scan_mib": "heap scan work of each cycle, exact bytes (pacer end line H in H+S+G B work; Go "
                     "counts each object up to its last pointer word)",
    "stack_scan_kib": "stack scan work of each cycle, exact (S in H+S+G B work: hi - sp of every stack)",
    "globals_scan_kib": "globals scan work of each cycle, exact (G in H+S+G B work: all data+bss of the "
                        "binary, the runtime's own included)",
    "assist_ms": "assist CPU time of each cycle, gctrace 'ms cpu' second field, first number",
    "gc_cpu_percent": "gctrace P%: the GC's CPU share since the program started, at the last cycle",
    "elapsed_ms": "wall time of the workload (memstats ElapsedNs: main's start to the report)",
    "cpu_ms": "user + system CPU time of the process (memstats UserCPUNs + SysCPUNs)",
    "runtime_overhead_mib": "Sys - HeapSys at the end (memstats): what the runtime maps besides the "
                            "heap: GC metadata, spans, stacks, mcaches, other",
    "cycles_without_pacer_end": "cycles whose pacer end line is missing: Go 1.19's endCycle prints "
                                "nothing when the heap did not grow past the trigger during marking (seen "
                                "under a memory limit); the exact fields (goal, trigger, heap end, scan work) "
                                "leave those cycles out of their medians",
    "per run": "each run's value is the median over its cycles (cycles and the memstats fields: the "
               "value itself); each setting then gives median, min and max over its runs",
}

PER_CYCLE = ["goal_mib", "marked_mib", "marked_exact_mib", "heap_start_mib", "trigger_mib",
             "heap_end_mib", "heap_scan_mib", "stack_scan_kib", "globals_scan_kib", "assist_ms"]
MEMSTATS = ["NumGC", "HeapAlloc", "HeapSys", "HeapInuse", "HeapReleased", "StackInuse", "StackSys",
            "MSpanSys", "MCacheSys", "BuckHashSys", "GCSys", "OtherSys", "Sys", "NextGC",
            "PauseTotalNs", "GCCPUFraction"]


NO_END = {k: None for k in ["heap_scan", "stack_scan", "globals_scan", "trigger", "heap_live", "goal"]}


def parse_run(path):
    """The cycles of one stderr log: a list of dicts (bytes, not MiB), plus counts of other lines."""
    cycles, end, other = [], None, {"scav": 0, "sweep_done": 0, "pacer_start": 0, "unparsed": [],
                                     "cut_last_line": False}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = GCTRACE.match(line)
            if m:
                g = m.groups()
                c = {
                    "n": int(g[0]), "gc_cpu_percent": int(g[2]),
                    "assist_ms": float(g[7]),
                    "heap0_mib": int(g[11]), "heap1_mib": int(g[12]), "heap2_mib": int(g[13]),
                    "goal_trace_mib": int(g[14]), "stacks_mib": int(g[15]), "globals_mib": int(g[16]),
                    "procs": int(g[17]), "forced": bool(g[18]),
                }
                # endCycle prints nothing when the heap did not grow past the
                # trigger during marking (it returns early): no exact figures.
                c.update(end or NO_END)
                end = None
                cycles.append(c)
                continue
            m = PACER_END.match(line)
            if m:
                g = m.groups()
                heap_live, dgoal = int(g[7]), int(g[8])
                end = {"heap_scan": int(g[2]), "stack_scan": int(g[3]), "globals_scan": int(g[4]),
                       "trigger": int(g[6]), "heap_live": heap_live, "goal": heap_live - dgoal}
                continue
            if PACER_START.match(line):
                other["pacer_start"] += 1
            elif SCAV.match(line):
                other["scav"] += 1
            elif SWEEP_DONE.match(line):
                other["sweep_done"] += 1
            elif line.strip():
                other["unparsed"].append(line)
    # The program may exit while a background worker (the scavenger) is
    # printing: the runtime writes a line in pieces, so the last one can be cut.
    if other["unparsed"] and lines_tail_cut(path, other["unparsed"][-1]):
        other["unparsed"].pop()
        other["cut_last_line"] = True
    for i, c in enumerate(cycles):
        if c["n"] != i + 1:
            raise ValueError(f"{path}: cycle {c['n']} where {i + 1} was expected")
        if c["goal"] is not None and (c["goal"] >> 20 != c["goal_trace_mib"] or c["heap_live"] >> 20 != c["heap1_mib"]):
            raise ValueError(f"{path}: cycle {c['n']}: pacer and gctrace disagree")
    return cycles, other


def lines_tail_cut(path, line):
    """Whether line is the log's last line and starts like a trace line."""
    with open(path, encoding="utf-8") as f:
        last = f.read().rstrip("\n").rsplit("\n", 1)[-1]
    return last == line and any(line.startswith(p) for p in ("scav ", "pacer: ", "gc "))


def marked_exact(cycles, gogc):
    """Exact marked bytes of each cycle from the next cycle's goal, or None (see FIELDS)."""
    out = [None] * len(cycles)
    if gogc is None:
        return out
    for i in range(len(cycles) - 1):
        c, goal = cycles[i], cycles[i + 1]["goal"]
        if goal is None or c["stack_scan"] is None:
            continue
        extra = c["stack_scan"] + c["globals_scan"]
        m0 = (goal * 100 - extra * gogc) // (100 + gogc)
        for m in range(max(0, m0 - 64), m0 + 65):
            if m + (m + extra) * gogc // 100 == goal:
                if m >> 20 == c["heap2_mib"]:
                    out[i] = m
                break
    return out


def read_env(path):
    env = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            k, _, v = line.strip().partition("=")
            env[k] = v
    return env


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": rnd(statistics.median(values)), "min": rnd(min(values)), "max": rnd(max(values))}


def rnd(v):
    return v if isinstance(v, int) else round(v, 3)


def run_record(setting_dir, r, gogc):
    cycles, other = parse_run(os.path.join(setting_dir, f"run-{r}.stderr"))
    with open(os.path.join(setting_dir, f"run-{r}.memstats.json"), encoding="utf-8") as f:
        ms = json.load(f)
    # A cycle still marking when the workload ends may finish during the
    # report, after ReadMemStats: one gctrace line more than NumGC.
    if not ms["NumGC"] <= len(cycles) <= ms["NumGC"] + 1:
        raise ValueError(f"{setting_dir}: run {r}: {len(cycles)} gctrace lines but NumGC {ms['NumGC']}")
    if other["unparsed"]:
        raise ValueError(f"{setting_dir}: run {r}: unexpected lines: {other['unparsed'][:3]}")
    exact = marked_exact(cycles, gogc)
    exact_cycles = [c for c in cycles if c["goal"] is not None]
    per = {
        "goal_mib": [c["goal"] / MiB for c in exact_cycles],
        "marked_mib": [c["heap2_mib"] for c in cycles],
        "marked_exact_mib": [m / MiB for m in exact if m is not None],
        "heap_start_mib": [c["heap0_mib"] for c in cycles],
        "trigger_mib": [c["trigger"] / MiB for c in exact_cycles],
        "heap_end_mib": [c["heap_live"] / MiB for c in exact_cycles],
        "heap_scan_mib": [c["heap_scan"] / MiB for c in exact_cycles],
        "stack_scan_kib": [c["stack_scan"] / 1024 for c in exact_cycles],
        "globals_scan_kib": [c["globals_scan"] / 1024 for c in exact_cycles],
        "assist_ms": [c["assist_ms"] for c in cycles],
    }
    rec = {"run": r, "cycles": ms["NumGC"]}
    for k in PER_CYCLE:
        rec[k] = rnd(statistics.median(per[k])) if per[k] else None
    rec["marked_exact_cycles"] = len(per["marked_exact_mib"])
    rec["cycles_without_pacer_end"] = len(cycles) - len(exact_cycles)
    rec["gc_cpu_percent"] = cycles[-1]["gc_cpu_percent"] if cycles else 0
    rec["scav_lines"] = other["scav"]
    rec["elapsed_ms"] = rnd(ms["ElapsedNs"] / 1e6)
    rec["cpu_ms"] = rnd((ms["UserCPUNs"] + ms["SysCPUNs"]) / 1e6)
    rec["runtime_overhead_mib"] = rnd((ms["Sys"] - ms["HeapSys"]) / MiB)
    rec["memstats"] = {k: ms[k] for k in MEMSTATS}
    return rec


def summarize(workload):
    wdir = os.path.join(HERE, workload)
    settings = sorted(d for d in os.listdir(wdir) if os.path.isfile(os.path.join(wdir, d, "env.txt")))
    if not settings:
        raise ValueError(f"{wdir}: no settings (run regen.sh)")
    out = {
        "workload": workload,
        "generated_by": "tests/data/go/summarize.py from the logs next to it (regen.sh)",
        "go_version": open(os.path.join(HERE, "go-version.txt"), encoding="utf-8").read().strip(),
        "fields": FIELDS,
        "settings": {},
    }
    for s in settings:
        sdir = os.path.join(wdir, s)
        env = read_env(os.path.join(sdir, "env.txt"))
        gogc = None if env["GOGC"] == "off" else int(env["GOGC"])
        runs = sorted(int(m.group(1)) for m in
                      (re.match(r"run-(\d+)\.stderr$", f) for f in os.listdir(sdir)) if m)
        recs = [run_record(sdir, r, gogc) for r in runs]
        entry = {
            "env": {"GOGC": env["GOGC"], "GOMEMLIMIT": env["GOMEMLIMIT"],
                    "GOMAXPROCS": int(env["GOMAXPROCS"]), "GODEBUG": env["GODEBUG"]},
            "runs": len(recs),
        }
        for k in ["cycles"] + PER_CYCLE + ["gc_cpu_percent", "elapsed_ms", "cpu_ms", "runtime_overhead_mib"]:
            entry[k] = stats([r[k] for r in recs])
        entry["memstats_median"] = {k: rnd(statistics.median(r["memstats"][k] for r in recs)) for k in MEMSTATS}
        entry["per_run"] = [{k: v for k, v in r.items() if k != "memstats"} for r in recs]
        out["settings"][s] = entry
    return out


def text(summary):
    return json.dumps(summary, indent=1, ensure_ascii=False) + "\n"


def main(argv):
    check = bool(argv) and argv[0] == "--check"
    names = argv[1:] if check else argv
    if not names:
        print(__doc__, file=sys.stderr)
        return 2
    status = 0
    for w in names:
        path = os.path.join(HERE, w, "summary.json")
        new = text(summarize(w))
        if check:
            with open(path, encoding="utf-8") as f:
                if f.read() != new:
                    print(f"{path} is stale: run tests/data/go/summarize.py {w}", file=sys.stderr)
                    status = 1
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
