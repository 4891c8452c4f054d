#!/usr/bin/env bash
# Runs one libFuzzer target of a build dir for a bounded time on a scratch
# copy of the committed seed corpus: scenario -> scenarios/ and
# tests/io/malformed/, snapshot -> tests/fuzz/corpus/snapshot/, json_tree (the
# loader's fast JSON reader against nlohmann) -> the scenario seeds. A crash, a
# hang (10 s on one input) or runaway memory (2 GiB) fails; the input is kept
# in BUILD/fuzz-artifacts/ and the log in BUILD/fuzz_TARGET.log.
# Usage: scripts/fuzz_run.sh BUILD_DIR scenario|snapshot|json_tree SECONDS
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1 target=$2 secs=$3
bin=$build/tests/fuzz/fuzz_$target
[ -x "$bin" ] || { echo "no fuzz target $bin (configure with -DTRICOLOR_FUZZ=ON, clang)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case $target in
  scenario | json_tree) cp scenarios/*.json tests/io/malformed/*.json "$work"/ && rm -f "$work/scenario.schema.json" ;;
  snapshot) cp tests/fuzz/corpus/snapshot/* "$work"/ ;;
  *) echo "unknown fuzz target '$target' (scenario, snapshot or json_tree)" >&2; exit 1 ;;
esac
mkdir -p "$build/fuzz-artifacts"
log=$build/fuzz_$target.log
# One worker: the 2-core CI machine. Leak checks are on: a loader leaking on
# some input is a bug too.
if ! ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$bin" "$work" -max_total_time="$secs" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$build/fuzz-artifacts/" -print_final_stats=1 \
    >"$log" 2>&1; then
  tail -40 "$log" >&2
  echo "fuzzing the $target loader found a problem: input in $build/fuzz-artifacts/, log in $log" >&2
  exit 1
fi
runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
echo "fuzzed the $target loader for ${secs}s: $runs inputs, $cov, no crash, hang or leak" >&2
