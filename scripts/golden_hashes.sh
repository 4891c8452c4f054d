#!/usr/bin/env bash
# Golden event hashes: the event hash (--hash) of every run of
# scripts/hash_runs.sh must be the one pinned in tests/data/golden-hashes.txt
# (as Box2D pins EXPECTED_HASH). A run whose hash changed, a new run and a
# pinned run that is gone all fail (the CTest entry golden_hashes).
#
# When a change to the simulation is meant to change events, update the file
# in the same commit, with the reason (it is appended to the file as a
# comment line; say the same in the commit message):
#   scripts/golden_hashes.sh build/app/tricolor --update "why the events changed"
# Usage: scripts/golden_hashes.sh TRICOLOR [--update REASON]
set -uo pipefail
cd "$(dirname "$0")/.."
bin=$1
mode=${2:-check}
reason=${3:-}
golden=tests/data/golden-hashes.txt
if [ "$mode" = --update ] && [ -z "$reason" ]; then
  echo "--update needs the reason for the change, e.g. --update \"go statement: no shading under none\"" >&2
  exit 2
fi
[ "$mode" = check ] || [ "$mode" = --update ] || { echo "usage: $0 TRICOLOR [--update REASON]" >&2; exit 2; }

mapfile -t runs < <(bash scripts/hash_runs.sh)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hash_of() {  # hash_of FILE ARGS...: the 16-digit hash, or "ERROR:" and why
  local out code
  out=$("$bin" --headless "$@" --quiet --no-summary --hash 2>&1)
  code=$?
  # Exit 1 is a run whose monitor reported a lost object: its events still count.
  if [ $code -ne 0 ] && [ $code -ne 1 ]; then
    echo "ERROR: exit $code: $(echo "$out" | tail -1)"
  else
    echo "$out" | sed -n 's/^hash: //p' | grep . || echo "ERROR: no hash (exit $code)"
  fi
}
# Two runs at a time (one core each).
for i in "${!runs[@]}"; do
  # shellcheck disable=SC2086
  hash_of ${runs[$i]} >"$tmp/$i" &
  if (((i + 1) % 2 == 0)); then wait; fi
done
wait

declare -A pinned=()
while IFS= read -r line; do
  case $line in '#'* | '') continue ;; esac
  pinned["${line#*  }"]=${line%%  *}
done < <(cat "$golden" 2>/dev/null)

bad=0
changed=()
declare -A seen=()
for i in "${!runs[@]}"; do
  r=${runs[$i]}
  h=$(cat "$tmp/$i")
  seen["$r"]=1
  if [[ $h == ERROR:* ]]; then
    echo "FAILED  $r: $h" >&2
    bad=$((bad + 1))
  elif [ -z "${pinned[$r]:-}" ]; then
    echo "NEW     $r: $h (not in $golden)" >&2
    changed+=("$r")
  elif [ "${pinned[$r]}" != "$h" ]; then
    echo "CHANGED $r: ${pinned[$r]} -> $h" >&2
    changed+=("$r")
  fi
done
for r in "${!pinned[@]}"; do
  if [ -z "${seen[$r]:-}" ]; then
    echo "GONE    $r (pinned in $golden, no longer a run)" >&2
    changed+=("$r")
  fi
done

if [ "$mode" = check ]; then
  bad=$((bad + ${#changed[@]}))
  if [ $bad -ne 0 ]; then
    echo "golden hashes: $bad of ${#runs[@]} runs differ from $golden. If the change is meant, run" >&2
    echo "  scripts/golden_hashes.sh $bin --update \"REASON\"" >&2
    echo "and commit the file with the reason in the commit message too." >&2
    exit 1
  fi
  echo "golden hashes: all ${#runs[@]} runs as pinned in $golden" >&2
  exit 0
fi

[ $bad -eq 0 ] || exit 1
if [ ${#changed[@]} -eq 0 ]; then
  echo "golden hashes: nothing changed, $golden left as it is" >&2
  exit 0
fi
{
  # The header and every earlier reason, then this one, then the hashes.
  grep '^#' "$golden" 2>/dev/null
  echo "# $reason (${#changed[@]} runs: $(printf '%s; ' "${changed[@]}" | sed 's/; $//'))"
  for i in "${!runs[@]}"; do echo "$(cat "$tmp/$i")  ${runs[$i]}"; done
} >"$tmp/new"
mv "$tmp/new" "$golden"
echo "golden hashes: $golden updated (${#changed[@]} runs); commit it with the reason" >&2
