#!/usr/bin/env bash
# Builds tricolor and opens it on the default scenario (or on the arguments
# given, e.g. scripts/run.sh scenarios/lost-object.json). Without a display
# it runs the scenario headless and prints what happened.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec build/app/tricolor "$@"
