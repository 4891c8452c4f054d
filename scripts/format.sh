#!/usr/bin/env bash
# The house style is .clang-format at the root, applied by clang-format 14
# (Debian 12's). Usage:
#   scripts/format.sh          reformat every tracked C/C++ file in place
#   scripts/format.sh --check  change nothing; list the files that differ and
#                              fail if any does (a CI stage of scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
fmt=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$fmt" ]; then
  bash scripts/deps.sh clang-format-14
  fmt=clang-format-14
fi
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.c')
if [ "${1:-}" != "--check" ]; then
  "$fmt" -i "${files[@]}"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! "$fmt" "$f" | cmp -s - "$f"; then
    echo "not formatted: $f (run: bash scripts/format.sh, or clang-format-14 -i $f)" >&2
    bad=$((bad + 1))
  fi
done
echo "clang-format: ${#files[@]} files checked, $bad not formatted" >&2
[ $bad -eq 0 ]
