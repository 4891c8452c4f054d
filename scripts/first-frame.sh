#!/usr/bin/env bash
# The first frame after launch (issue 5: <= 300 ms under Mesa llvmpipe and
# Xvfb), launched alternately, N times each (default 9), in one run:
#   - startup_baseline: a bare GLFW window with tricolor's context hints,
#     cleared once and swapped (tests/app/startup_baseline.cpp): the floor
#     any GLFW program pays;
#   - the same bare window with tricolor's process settings (the getpid
#     cache of app/platform/getpid_cache.cpp and malloc's huge pages, docs/cli.md);
#   - tricolor --time-startup, again with TRICOLOR_NO_PID_CACHE=1, and with
#     TRICOLOR_NO_PLATFORM_TWEAKS=1 (none of app/platform's process tweaks).
# Prints the medians (and minima), their ratio to the bare window, the load
# average before and after (the machine is shared: compare one run's rows
# only), and the breakdown of tricolor's median launch.
#   scripts/first-frame.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-9}
bash scripts/deps.sh >/dev/null
cmake --preset dev >/dev/null
cmake --build build -j2 --target tricolor startup_baseline startup_baseline_pidcache >/dev/null
export XDG_CONFIG_HOME=$(mktemp -d)  # never read or write the user's settings
out=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME" "$out"' EXIT
x() { xvfb-run -a -s "-screen 0 1280x800x24" "$@"; }
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq "$n"); do
  x build/tests/app/startup_baseline >>"$out/bare"
  x env GLIBC_TUNABLES=glibc.malloc.hugetlb=1 build/tests/app/startup_baseline_pidcache >>"$out/tuned"
  x build/app/tricolor --time-startup >>"$out/app"
  x env TRICOLOR_NO_PID_CACHE=1 build/app/tricolor --time-startup >>"$out/nocache"
  x env TRICOLOR_NO_PLATFORM_TWEAKS=1 build/app/tricolor --time-startup >>"$out/notweaks"
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$out" "$n" "$load0" "$load1" <<'PY'
import re, statistics, sys
out, n, load0, load1 = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def runs(name):
    text = open(f"{out}/{name}").read()
    return [int(m) for m in re.findall(r"^first frame: (\d+) ms after launch", text, re.M)], text
bare, _ = runs("bare")
rows = [("bare GLFW window (startup_baseline)", "bare"),
        ("bare window + tricolor's process settings (getpid cache, huge pages)", "tuned"),
        ("tricolor --time-startup", "app"),
        ("tricolor, TRICOLOR_NO_PID_CACHE=1", "nocache"),
        ("tricolor, TRICOLOR_NO_PLATFORM_TWEAKS=1", "notweaks")]
print(f"first frame after launch, {n} alternating launches each; load average {load0} before, {load1} after")
bm = statistics.median(bare)
for label, name in rows:
    r, _ = runs(name)
    if not r:
        print(f"  {label:72s} no result"); continue
    m = statistics.median(r)
    print(f"  {label:72s} median {m:5.0f} ms (min {min(r)}) = {m / bm:.2f}x bare")
r, text = runs("app")
lines = text.splitlines()
for i, l in enumerate(lines):  # the breakdown of the median launch
    if l.startswith("first frame:") and r and int(re.search(r"(\d+) ms after launch", l).group(1)) == sorted(r)[len(r) // 2]:
        print("tricolor's median launch:", l.strip())
        if i + 1 < len(lines): print(lines[i + 1].rstrip())
        break
PY
