#!/usr/bin/env bash
# Regenerates the reference gctrace logs with real Go (apt-get install golang-go).
# Not part of the build: the outputs are committed as test data.
set -euo pipefail
cd "$(dirname "$0")"
go version > go-version.txt
go build -o /tmp/tricolor-gogc gogc.go
for g in 50 100 200 off; do
  GOMAXPROCS=2 GOGC=$g GODEBUG=gctrace=1 /tmp/tricolor-gogc 2> "gctrace-gogc-$g.txt" || true
done
