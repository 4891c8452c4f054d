#!/usr/bin/env bash
# Builds tricolor and runs every test (core, loader, CLI, and the window
# under Xvfb). Extra arguments go to ctest, e.g. scripts/test.sh -R barrier
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir build --output-on-failure -j"$jobs" "$@"
