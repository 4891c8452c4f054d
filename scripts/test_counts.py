#!/usr/bin/env python3
"""Proves that CTest ran every doctest case, after a ctest run.

Usage: scripts/test_counts.py BUILD_DIR RECORD_DIR [--filtered]

Each doctest binary (tests/main.cpp) writes the cases it executed to a file
in RECORD_DIR when TRICOLOR_DOCTEST_RECORD=RECORD_DIR. This script finds the
doctest binaries from CTest's own test list (ctest --show-only=json-v1: the
entries with a --test-case= argument) and fails if
  - a run executed zero test cases (a CTest entry that tests nothing), or
  - (unless --filtered: ctest was given -R/-L/... so only a subset ran) the
    cases executed differ from what the binary's --count and
    --list-test-cases say it has: one missing, one extra, or one run twice.
It prints one line for test.sh's summary: the number of cases executed.
"""
import collections
import json
import os
import subprocess
import sys


def doctest_binaries(build_dir):
    out = subprocess.run(["ctest", "--test-dir", build_dir, "--show-only=json-v1"], check=True,
                         capture_output=True, text=True).stdout
    bins = collections.Counter()
    for test in json.loads(out)["tests"]:
        cmd = test.get("command", [])
        if any(a.startswith("--test-case=") for a in cmd[1:]):
            bins[cmd[0]] += 1
    return bins


def query(binary, flag):
    out = subprocess.run([binary, flag, "--no-version"], check=True, capture_output=True,
                         text=True).stdout
    return [l for l in out.splitlines() if l and not l.startswith("====") and not l.startswith("[doctest]")], out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    filtered = "--filtered" in sys.argv[1:]
    if len(args) != 2:
        sys.exit(__doc__)
    build_dir, record_dir = args
    entries = doctest_binaries(build_dir)
    runs = collections.defaultdict(list)  # binary -> [(command line, [cases])]
    for name in sorted(os.listdir(record_dir)) if os.path.isdir(record_dir) else []:
        with open(os.path.join(record_dir, name), encoding="utf-8") as f:
            lines = f.read().splitlines()
        if len(lines) < 2 or not lines[0].startswith("# ") or not lines[1].startswith("#"):
            continue
        binary = lines[0][2:]
        runs[binary].append((binary + lines[1][1:], lines[2:]))
    problems = []
    parts = []
    total = 0
    for binary in sorted(set(entries) | set(runs)):
        short = os.path.basename(binary)
        executed = collections.Counter()
        for cmdline, cases in runs.get(binary, []):
            if not cases:
                problems.append(f"a CTest entry ran zero test cases: {cmdline}")
            executed.update(cases)
        n = sum(executed.values())
        total += n
        if filtered:
            parts.append(f"{short} {n}")
            continue
        names, _ = query(binary, "--list-test-cases")
        _, count_out = query(binary, "--count")
        count = int(count_out.split(":")[-1])
        if count != len(names):
            problems.append(f"{short}: --count says {count}, --list-test-cases lists {len(names)}")
        for case in sorted(set(names) - set(executed)):
            problems.append(f"{short}: never executed: {case}")
        for case in sorted(set(executed) - set(names)):
            problems.append(f"{short}: executed but not listed: {case}")
        for case, k in sorted(executed.items()):
            if k > 1:
                problems.append(f"{short}: executed {k} times: {case}")
        parts.append(f"{short} {n}/{count}")
    for p in problems:
        print(p, file=sys.stderr)
    what = "filtered run" if filtered else "of --count"
    print(f"{total} doctest cases executed ({what}: {', '.join(parts)})"
          + (f"; {len(problems)} problems" if problems else ""))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
