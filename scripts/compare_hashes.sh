#!/usr/bin/env bash
# Determinism across builds: two tricolor binaries (e.g. GCC RelWithDebInfo
# and clang Debug with sanitizers) must produce the same event hash (--hash)
# for every bundled scenario and test scenario, and for seeded random
# schedules with other GOMAXPROCS. A difference means the simulation depends
# on the compiler, the optimiser or undefined behaviour.
# Usage: scripts/compare_hashes.sh TRICOLOR_A TRICOLOR_B   (log: hashes.log next to B)
set -uo pipefail
cd "$(dirname "$0")/.."
a=$1 b=$2
log=$(dirname "$(dirname "$b")")/hashes.log
: >"$log"
runs=()
for f in scenarios/*.json tests/app/data/*.json; do
  case $f in *schema.json | */bad-*) continue ;; esac
  runs+=("$f")
done
# Seeded random scheduling: the scheduler's choices come from the seed alone.
for f in scenarios/roots.json scenarios/busy-program.json scenarios/lost-object.json; do
  [ -f "$f" ] || continue
  for s in 1 7 2024; do runs+=("$f --set scheduling=random --set seed=$s --set GOMAXPROCS=4"); done
done
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
