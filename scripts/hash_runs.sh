#!/usr/bin/env bash
# The runs whose event hashes are checked, one per line: a scenario file and
# its tricolor --set overrides. scripts/compare_hashes.sh (Debug = Release)
# and scripts/golden_hashes.sh (tests/data/golden-hashes.txt) both use it.
# Usage: scripts/hash_runs.sh   (from anywhere; paths are relative to the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
# Every lesson and test scene with its own configuration.
for f in scenarios/*.json tests/app/data/*.json; do
  case $f in *schema.json | */bad-*) continue ;; esac
  echo "$f"
done
# Seeded random scheduling: the scheduler's choices come from the seed alone.
for f in scenarios/roots.json scenarios/busy-program.json scenarios/lost-object.json; do
  [ -f "$f" ] || continue
  for s in 1 7 2024; do echo "$f --set scheduling=random --set seed=$s --set GOMAXPROCS=4"; done
done
# The settings the lessons tell the student to try (and the lesson tests play).
cat <<'RUNS'
scenarios/lost-object.json --set write_barrier=none
scenarios/lost-object.json --set write_barrier=dijkstra --set stack_rescan=false
scenarios/lost-object-insertion.json --set write_barrier=yuasa --set stack_snapshot=false
scenarios/lost-object-insertion.json --set write_barrier=none
scenarios/stack-rescan.json --set stack_rescan=false
scenarios/stack-rescan.json --set write_barrier=hybrid
scenarios/roots.json --set write_barrier=none
scenarios/gogc-comparison.json --set GOGC=50
scenarios/gogc-comparison.json --set GOGC=200
scenarios/gogc-comparison.json --set GOGC=off
scenarios/memory-limit.json --set GOMEMLIMIT=off
tests/app/data/lost-object-early-scan.json --set write_barrier=none
RUNS
