#!/usr/bin/env bash
# The core figures of scripts/perf.sh (Google Benchmark, Release build),
# without the GUI rows. Usage: scripts/bench.sh [--quick]
set -euo pipefail
exec bash "$(dirname "$0")/perf.sh" --no-gui "$@"
