#!/usr/bin/env bash
# Determinism across builds: two tricolor binaries (e.g. GCC RelWithDebInfo
# and clang Debug with sanitizers) must produce the same event hash (--hash)
# for every run of scripts/hash_runs.sh: every bundled scenario and test
# scenario, seeded random schedules with other GOMAXPROCS, and the settings
# the lessons tell the student to try. A difference means the simulation
# depends on the compiler, the optimiser or undefined behaviour.
# Usage: scripts/compare_hashes.sh TRICOLOR_A TRICOLOR_B   (log: hashes.log next to B)
set -uo pipefail
cd "$(dirname "$0")/.."
a=$1 b=$2
log=$(dirname "$(dirname "$b")")/hashes.log
: >"$log"
mapfile -t runs < <(bash scripts/hash_runs.sh)
hash_of() {  # hash_of BIN FILE ARGS...: "hash: ..." or the failure
  local bin=$1
  shift
  local out
  out=$("$bin" --headless "$@" --quiet --no-summary --hash 2>&1)
  local code=$?
  if [ $code -ne 0 ] && [ $code -ne 1 ]; then
    echo "exit $code: $(echo "$out" | tail -3)"
    return
  fi
  echo "$out" | grep '^hash:' || echo "no hash (exit $code)"
}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
bad=0
for r in "${runs[@]}"; do
  # Both builds at once: one core each.
  # shellcheck disable=SC2086
  hash_of "$a" $r >"$tmp" &
  # shellcheck disable=SC2086
  hb=$(hash_of "$b" $r)
  wait
  ha=$(cat "$tmp")
  if [ "$ha" = "$hb" ] && [[ $ha == hash:* ]]; then
    echo "same  $ha  $r" >>"$log"
  else
    echo "DIFF  $r: $a -> $ha; $b -> $hb" | tee -a "$log" >&2
    bad=$((bad + 1))
  fi
done
echo "event hashes of ${#runs[@]} runs: $(( ${#runs[@]} - bad )) equal in both builds, $bad different (log: $log)" >&2
[ $bad -eq 0 ]
