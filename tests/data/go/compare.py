#!/usr/bin/env python3
"""Runs tricolor on each workload's scenario.json, for every setting recorded in
its summary.json, and compares with the real Go 1.19 runs (the table of
docs/truth.md).

    tests/data/go/compare.py [--tricolor BIN] [--json OUT] [WORKLOAD...]

BIN defaults to build/app/tricolor. Prints a Markdown table on stdout: for each
workload and setting the real median (min-max over the runs) of cycles, heap
goal and marked heap, the simulated value, the ratio simulated / real, and the
verdict (cycles within 15 %, goal within 10 %, marked within 10 %).

What is compared (see summary.json "fields" and README.md):
- cycles: completed cycles (Go: gctrace lines; tricolor: rows of --export-cycles).
- goal: median over the cycles of the exact heap goal (Go: pacer end line;
  tricolor: the goal column).
- marked: median over the cycles of the marked heap. Where Go's exact figure
  exists (marked_exact_mib, GOGC set) both sides are exact; with GOGC=off Go
  only gives gctrace's MiB truncated, so tricolor's marked bytes are truncated
  the same way before taking the median.
"""
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
WORKLOADS = ["churn", "buffers", "large-live", "goroutines", "growing", "parallel"]
MiB = 1 << 20
TOLERANCE = {"cycles": 0.15, "goal": 0.10, "marked": 0.10}


def simulate(binary, scenario, env):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cycles.csv")
        cmd = [binary, "--headless", scenario, "--quiet", "--max-steps", "2000000000", "--export-cycles", out,
               "--set", f"GOGC={env['GOGC']}", "--set", f"GOMEMLIMIT={env['GOMEMLIMIT']}",
               "--set", f"GOMAXPROCS={env['GOMAXPROCS']}"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode not in (0, 1) or not os.path.exists(out):
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")
        with open(out, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    med = lambda k, f=lambda v: v: statistics.median(f(int(r[k])) for r in rows) if rows else None
    return {
        "cycles": len(rows),
        "goal_mib": med("goal") / MiB if rows else None,
        "marked_exact_mib": med("marked") / MiB if rows else None,
        "marked_trunc_mib": med("marked", lambda v: v >> 20) if rows else None,
        "heap_start_mib": med("heap_start") / MiB if rows else None,
        "ended": proc.returncode,
    }


def ratio(sim, real):
    if sim is None or real in (None, 0):
        return None
    return sim / real


def fmt_real(s, digits):
    if s is None:
        return "-"
    f = lambda v: f"{v:.{digits}f}"
    return f"{f(s['median'])} ({f(s['min'])}-{f(s['max'])})"


def compare(binary, workload):
    with open(os.path.join(HERE, workload, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    scenario = os.path.join(HERE, workload, "scenario.json")
    rows = []
    for name, s in summary["settings"].items():
        sim = simulate(binary, scenario, s["env"])
        exact = s["marked_exact_mib"] is not None
        real_marked = s["marked_exact_mib"] if exact else s["marked_mib"]
        sim_marked = sim["marked_exact_mib"] if exact else sim["marked_trunc_mib"]
        r = {
            "workload": workload, "setting": name, "env": s["env"],
            "real": {"cycles": s["cycles"], "goal_mib": s["goal_mib"], "marked_mib": real_marked,
                     "marked_exact": exact},
            "sim": {"cycles": sim["cycles"], "goal_mib": sim["goal_mib"], "marked_mib": sim_marked,
                    "program_ended": sim["ended"] == 0},
        }
        r["ratio"] = {
            "cycles": ratio(sim["cycles"], s["cycles"]["median"]),
            "goal": ratio(sim["goal_mib"], s["goal_mib"]["median"]),
            "marked": ratio(sim_marked, real_marked["median"] if real_marked else None),
        }
        r["ok"] = {k: v is not None and abs(v - 1) <= TOLERANCE[k] for k, v in r["ratio"].items()}
        rows.append(r)
    return rows


def markdown(rows):
    out = ["| workload | setting | cycles real | sim | ratio | goal MiB real | sim | ratio | "
           "marked MiB real | sim | ratio | verdict |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        re_, si, ra, ok = r["real"], r["sim"], r["ratio"], r["ok"]
        rs = lambda v: "-" if v is None else f"{v:.2f}"
        ss = lambda v, d: "-" if v is None else f"{v:.{d}f}"
        bad = [k for k in ("cycles", "goal", "marked") if not ok[k]]
        verdict = "ok" if not bad else "off: " + ", ".join(bad)
        marked_real = fmt_real(re_["marked_mib"], 1 if re_["marked_exact"] else 0)
        if not re_["marked_exact"]:
            marked_real += " t"
        out.append(f"| {r['workload']} | {r['setting']} | {fmt_real(re_['cycles'], 0)} | {si['cycles']} | "
                   f"{rs(ra['cycles'])} | {fmt_real(re_['goal_mib'], 1)} | {ss(si['goal_mib'], 1)} | "
                   f"{rs(ra['goal'])} | {marked_real} | "
                   f"{ss(si['marked_mib'], 1 if re_['marked_exact'] else 0)} | {rs(ra['marked'])} | {verdict} |")
    return "\n".join(out) + "\n"


def main(argv):
    binary = os.path.join(ROOT, "build", "app", "tricolor")
    json_out = None
    names = []
    it = iter(argv)
    for a in it:
        if a == "--tricolor":
            binary = next(it)
        elif a == "--json":
            json_out = next(it)
        elif a.startswith("-"):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            names.append(a)
    rows = []
    for w in names or WORKLOADS:
        rows += compare(binary, w)
    sys.stdout.write(markdown(rows))
    if json_out:
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
