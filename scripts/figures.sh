#!/usr/bin/env bash
# Regenerates the figures of docs/teaching-guide.md: each is a screenshot
# taken by the app itself, on a bundled scenario, after a given number of
# steps (step numbers are deterministic). Usage:
#
#   scripts/figures.sh            all figures, into docs/figures/
#   scripts/figures.sh tricolor   only the figures whose name contains "tricolor"
#
# Needs the window build (scripts/build.sh) and Xvfb (xvfb-run). Another
# binary: TRICOLOR=build-gui/app/tricolor scripts/figures.sh
#
# The table below is also read by tests/scenarios/test_figures.cpp, which
# checks that each step still shows what the guide says it shows (the event
# in the last column happened in that step, to the object with that label):
# if the simulation changes, that test fails instead of the guide going stale.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${TRICOLOR:-build/app/tricolor}
out=docs/figures
size=1280x800

# name                     scenario                     step    overrides                                 expect
figures=(
  "01-stack-vs-heap        stack-vs-heap.json           26      -                                         ScanStart R"
  "02-linked-list          linked-list-garbage.json     20      -                                         ScanStart A"
  "03-cycle                unreachable-cycle.json       19      -                                         StopTheWorld -"
  "04-tricolor             tricolor-marking.json        24      -                                         ScanStart C"
  "05-allocate-black       allocate-black.json          15      -                                         PointerWrite M"
  "06-lost-object-hybrid   lost-object.json             13      -                                         BarrierRecord C"
  "06-lost-object-none     lost-object.json             21      write_barrier=none                        ReachableFreed C"
  "07-insertion-hybrid     lost-object-insertion.json   15      -                                         PointerWrite C"
  "07-insertion-yuasa      lost-object-insertion.json   23      write_barrier=yuasa,stack_snapshot=false  ReachableFreed C"
  "08-stack-rescan         stack-rescan.json            321     -                                         RescanStack -"
  "09-busy-program         busy-program.json            53043   -                                         Assist -"
  "10-lazy-sweeping        lazy-sweeping.json           85      -                                         Sweep -"
  "11-size-classes         size-classes.json            14      -                                         PointerWrite B"
  "12-gogc-100             gogc-comparison.json         42729   -                                         CycleStart -"
  "12-gogc-50              gogc-comparison.json         48678   GOGC=50                                   CycleStart -"
  "13-memory-limit         memory-limit.json            156580  -                                         CycleStart -"
  "14-finalizers           finalizers.json              26      -                                         Resurrect F"
  "15-weak-pointers        weak-pointers.json           43      -                                         WeakClear I"
  "16-roots                roots.json                   23      -                                         Shade C3"
)

if [ ! -x "$bin" ]; then
  echo "figures.sh: $bin not found: build the app first (scripts/build.sh) or set TRICOLOR=path/to/tricolor" >&2
  exit 1
fi
if ! command -v xvfb-run >/dev/null; then
  echo "figures.sh: xvfb-run not found (apt-get install xvfb)" >&2
  exit 1
fi
mkdir -p "$out"
filter=${1:-}
made=0
for row in "${figures[@]}"; do
  read -r name file step overrides _expect <<<"$row"
  [ -n "$filter" ] && [[ $name != *"$filter"* ]] && continue
  args=(scenarios/"$file" --steps "$step" --size "$size" --screenshot "$out/$name.png")
  if [ "$overrides" != "-" ]; then
    IFS=, read -r -a sets <<<"$overrides"
    for s in "${sets[@]}"; do args+=(--set "$s"); done
  fi
  if [ "$overrides" = "-" ]; then echo "$name: $file, step $step"; else echo "$name: $file, step $step, $overrides"; fi
  if ! xvfb-run -a -s "-screen 0 ${size}x24" "$bin" "${args[@]}"; then
    echo "figures.sh: $name failed (does $bin have the window front end?)" >&2
    exit 1
  fi
  made=$((made + 1))
done
echo "$made figure(s) in $out/"
