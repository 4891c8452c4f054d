#!/usr/bin/env bash
# GUI figures: the real window under Xvfb (Mesa llvmpipe, 1280x800), printed
# as markdown table rows `| figure | measured | goal |` with no header, for
# the benchmark table (scripts/bench.sh prints the core's rows).
# Frame times are also given as a ratio to the 301-object scene measured in
# the same run, since the machine is shared and noisy.
#   scripts/gui-bench.sh [--quick]   (--quick: fewer frames and launches)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh >/dev/null
cmake --preset dev >/dev/null
cmake --build build -j2 --target tricolor startup_baseline >/dev/null
app=build/app/tricolor
baseline=build/tests/app/startup_baseline
data=tests/app/data
frames=120 launches=5
[ "${1:-}" = "--quick" ] && frames=30 launches=3
export XDG_CONFIG_HOME=$(mktemp -d)  # never read or write the user's settings
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
x() { xvfb-run -a -s "-screen 0 1280x800x24" "$app" "$@"; }

# "frames: 120, median: 12.1 ms, p95: 13.7 ms, ..." -> "12.1 13.7"
frame_times() { sed -n 's/^frames: [0-9]*, median: \([0-9.]*\) ms, p95: \([0-9.]*\) ms.*/\1 \2/p'; }

read -r m300 p300 < <(x "$data/bench-300.json" --steps 420 --bench-frames "$frames" | frame_times)
read -r m300i p300i < <(TRICOLOR_GUI_NO_INSTANCING=1 x "$data/bench-300.json" --steps 420 --bench-frames "$frames" | frame_times)
read -r m10k p10k < <(x "$data/bench-10k.json" --steps 35000 --detail aggregated --bench-frames "$frames" | frame_times)
# Full detail: every one of the 10^4 boxes and arrows (instanced GL), with the layout's placing time.
full=$(x "$data/bench-10k.json" --steps 35000 --detail full --bench-frames "$frames")
read -r m10kf p10kf < <(echo "$full" | frame_times)
read -r placed placems < <(echo "$full" | sed -n 's/.*layout: \([0-9]*\) objects placed in \([0-9.]*\) ms.*/\1 \2/p')
# One launch: run the 10^6-object scene to its end through the window loop, then time frames there.
big=$(x "$data/bench-1m.json" --run-to-end --bench-frames "$frames")
read -r m1m p1m < <(echo "$big" | frame_times)
read -r gsteps gsecs < <(echo "$big" | sed -n 's/^run to end: \([0-9]*\) steps in \([0-9.]*\) s.*/\1 \2/p')
cstart=$(date +%s.%N)
"$app" --headless "$data/bench-1m.json" --quiet
cend=$(date +%s.%N)
# First frame: tricolor alternately with a bare GLFW window (the driver's floor), same run.
starts=() bases=()
for _ in $(seq "$launches"); do
  bases+=("$(xvfb-run -a -s "-screen 0 1280x800x24" "$baseline" | sed -n 's/^first frame: \([0-9]*\) ms after launch.*/\1/p')")
  starts+=("$(x --time-startup | sed -n 's/^first frame: \([0-9]*\) ms after launch.*/\1/p')")
done

python3 - "$m300" "$p300" "$m300i" "$m10k" "$p10k" "$m1m" "$p1m" "$gsteps" "$gsecs" "$cstart" "$cend" \
  "$m10kf" "$p10kf" "$placed" "$placems" "${bases[*]}" "${starts[@]}" <<'PY'
import statistics, sys
a = sys.argv[1:]
m300, p300, m300i, m10k, p10k, m1m, p1m = map(float, a[:7])
gsteps, gsecs, cstart, cend = int(a[7]), float(a[8]), float(a[9]), float(a[10])
m10kf, p10kf, placed, placems = float(a[11]), float(a[12]), int(a[13]), float(a[14])
bases = sorted(int(s) for s in a[15].split() if s)
starts = sorted(int(s) for s in a[16:] if s)
fps = lambda ms: 1000.0 / ms
gui_rate, cli_rate = gsteps / gsecs, gsteps / (cend - cstart)
print(f"| GUI frame, 301 objects (bench-300, mid-mark), median / p95 | {m300:.1f} / {p300:.1f} ms | baseline for the ratios below |")
print(f"| GUI frame, 301 objects, boxes through ImDrawList instead of instanced GL, median | {m300i:.1f} ms ({m300i / m300:.2f}x instanced) | instanced no slower |")
print(f"| GUI frame, 10^4 objects, full detail (every box and arrow), median / p95 | {m10kf:.1f} / {p10kf:.1f} ms = {fps(m10kf):.0f} FPS ({m10kf / m300:.2f}x bench-300) | >= 20 FPS |")
print(f"| GUI frame, 10^4 objects, aggregated (--detail aggregated), median / p95 | {m10k:.1f} / {p10k:.1f} ms = {fps(m10k):.0f} FPS ({m10k / m300:.2f}x bench-300) |  |")
print(f"| heap graph layout, 10^4 objects: placing all of them | {placems:.1f} ms for {placed} ({placems * 1000 / max(placed, 1):.1f} us each) |  |")
print(f"| GUI frame, 10^6 objects (memory map + aggregated graph), median / p95 | {m1m:.1f} / {p1m:.1f} ms = {fps(m1m):.0f} FPS ({m1m / m300:.2f}x bench-300) | >= 30 FPS |")
sm, bm = statistics.median(starts), statistics.median(bases)
print(f"| GUI first frame after launch (median of {len(starts)}) vs a bare GLFW window, same run | {sm:.0f} ms (min {starts[0]}) vs {bm:.0f} ms = {sm / bm:.2f}x | <= 300 ms |")
print(f"| GUI run to end, 10^6 objects ({gsteps} steps) vs headless CLI | {gui_rate / 1e3:.0f}k vs {cli_rate / 1e3:.0f}k steps/s = {gui_rate / cli_rate:.2f} | near 1 |")
PY
