#!/usr/bin/env bash
# Regenerates the reference outputs of the escape-analysis corpus with the real
# Go 1.19 compiler (Debian's golang-1.19-go: /usr/lib/go-1.19/bin/go, or $GO):
#   NAME.m.txt    go build -gcflags='-m -l' NAME.go   (the decisions, in Go's order)
#   NAME.m2.txt   go build -gcflags='-m=2 -l' NAME.go (with the flow explanations),
#                 only for the programs listed in m2-list.txt
#   NAME.out.txt  go run NAME.go (stdout then stderr: println writes to stderr),
#                 only for the programs that print
# -l turns inlining off: tricolor runs every call in a frame of its own, as the
# un-inlined program does (docs/go-subset.md, "Inlining"). Lines of other files
# (the weak stand-in under gopath/) and the "# command-line-arguments" header are
# dropped. CI has no Go: the tests compare with these committed files.
# Usage: tests/data/escape/regen.sh [NAME.go...]
set -euo pipefail
cd "$(dirname "$0")"
GO=${GO:-/usr/lib/go-1.19/bin/go}
"$GO" version | grep -q 'go1\.19' || { echo "regen.sh: $GO is not Go 1.19" >&2; exit 2; }
export GOPATH="$PWD/gopath" GO111MODULE=off GOFLAGS= CGO_ENABLED=0
export GOCACHE="${TMPDIR:-/tmp}/tricolor-go119-cache"
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(*.go)
"$GO" version > go-version.txt
for f in "${files[@]}"; do
  n=${f%.go}
  out=$("$GO" build -o /dev/null -gcflags='-m -l' "$f" 2>&1) || { echo "$out" >&2; echo "regen.sh: $f does not build" >&2; exit 1; }
  grep "^\./$f:" <<<"$out" > "$n.m.txt" || true
  if grep -qx "$f" m2-list.txt; then
    "$GO" build -o /dev/null -gcflags='-m=2 -l' "$f" 2>&1 | grep "^\./$f:" > "$n.m2.txt" || true
  fi
  if grep -q 'print' "$f"; then
    "$GO" run "$f" > "$n.out.txt" 2>&1 || { echo "regen.sh: go run $f failed" >&2; exit 1; }
  else
    rm -f "$n.out.txt"
  fi
done
