#!/usr/bin/env bash
# Configures and builds tricolor in build/ (incremental after the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
mkdir -p build
# The "dev" preset of CMakePresets.json, the same configuration scripts/test.sh
# (CI) uses, whichever script configures build/ first.
cmake --preset dev >build/configure.log 2>&1 || { cat build/configure.log; exit 1; }
if ! cmake --build build -j"$jobs" >build/build.log 2>&1; then
  grep -E "error|Error" -A3 build/build.log | head -60
  echo "build failed: full log in build/build.log" >&2
  exit 1
fi
grep -E "warning:" build/build.log || true
