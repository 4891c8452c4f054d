#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and
# runs each for a bounded time on a scratch copy of the committed seed corpus
# (scenarios/, tests/io/malformed/, tests/fuzz/corpus/). A crash, hang (10 s
# per input) or runaway memory (2 GiB) fails the script; the input is kept in
# build-fuzz/artifacts/. Usage: scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
bash scripts/deps.sh clang libclang-rt-14-dev
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRICOLOR_GUI=OFF \
    -DTRICOLOR_TESTS=OFF -DTRICOLOR_FUZZ=ON -DTRICOLOR_SANITIZE=ON >build-fuzz.log 2>&1 || { cat build-fuzz.log; exit 1; }
  mv build-fuzz.log build-fuzz/configure.log
fi
cmake --build build-fuzz -j"$(nproc)" --target fuzz_scenario fuzz_snapshot >build-fuzz/build.log 2>&1 ||
  { tail -40 build-fuzz/build.log; exit 1; }
mkdir -p build-fuzz/artifacts
for target in scenario snapshot; do
  work=$(mktemp -d)
  if [ $target = scenario ]; then
    cp scenarios/*.json tests/io/malformed/*.json "$work"/
    rm -f "$work/scenario.schema.json"
  else
    cp tests/fuzz/corpus/snapshot/* "$work"/
  fi
  echo "fuzzing the $target loader for ${secs}s" >&2
  if ! ASAN_OPTIONS=detect_leaks=1 build-fuzz/tests/fuzz/fuzz_$target "$work" -max_total_time="$secs" \
      -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=build-fuzz/artifacts/ \
      -print_final_stats=1 >build-fuzz/fuzz_$target.log 2>&1; then
    tail -40 build-fuzz/fuzz_$target.log
    rm -rf "$work"
    exit 1
  fi
  grep -E "stat::number_of_executed_units|Done" build-fuzz/fuzz_$target.log | head -2 >&2
  rm -rf "$work"
done
