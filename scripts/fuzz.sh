#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and
# runs each for a bounded time on a scratch copy of the committed seed corpus
# (scripts/fuzz_run.sh says which). A crash, hang (10 s per input) or runaway
# memory (2 GiB) fails the script; the input is kept in
# build-fuzz/fuzz-artifacts/. scripts/test.sh runs the same targets for 20 s
# each; this is for longer sessions.
# Usage: scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
bash scripts/deps.sh clang libclang-rt-14-dev
mkdir -p build-fuzz
cmake --preset fuzz >build-fuzz/configure.log 2>&1 || { cat build-fuzz/configure.log; exit 1; }
cmake --build build-fuzz -j"$(nproc)" --target fuzz_scenario fuzz_snapshot fuzz_json_tree >build-fuzz/build.log 2>&1 ||
  { tail -40 build-fuzz/build.log; exit 1; }
for target in scenario snapshot json_tree; do
  bash scripts/fuzz_run.sh build-fuzz $target "$secs"
done
