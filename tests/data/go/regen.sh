#!/usr/bin/env bash
# Records the real Go 1.19 runs that tricolor's pacer is measured against
# (see README.md here and docs/truth.md). Needs Go 1.19 (Debian: golang-1.19-go,
# found as /usr/lib/go-1.19/bin/go, or a `go` on PATH that is 1.19); refuses
# any other version, since the pacer changes between releases. Not part of
# the build: the outputs are committed as test data (CI has no Go).
#
# Usage: tests/data/go/regen.sh [WORKLOAD...]     (default: all of them)
#        RUNS=5 (runs per setting)
# For each workload and setting, writes WORKLOAD/SETTING/run-N.stderr (the
# GODEBUG traces), run-N.memstats.json (runtime.MemStats at the end, stdout),
# env.txt (the environment of the runs) and loadavg.txt (the machine's 1-minute
# load average at the start of each run: how noisy the run's neighbours were),
# then WORKLOAD/summary.json (summarize.py).
# Runs are interleaved (run 1 of every setting, then run 2, ...) so that the
# load of a shared machine spreads over all settings instead of hitting one.
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-5}
ALL=(churn buffers large-live goroutines growing parallel)

# GOMEMLIMIT of each workload's GOGC=off run: its live heap plus the runtime's
# own memory (~9-28 MiB here, see README.md) plus some room, so that the limit
# and not GOGC paces the collector.
declare -A LIMIT=([churn]=24MiB [buffers]=28MiB [large-live]=128MiB [goroutines]=56MiB
                  [growing]=64MiB [parallel]=32MiB)
# GOMAXPROCS values: 2 for every workload, also 1 and 4 for these (churn: every
# GOGC setting; parallel: GOGC=100 and the memory limit, to keep the data small).
declare -A PROCS=([churn]="2 1 4" [parallel]="2 1 4")
declare -A GOGCS_OTHER_PROCS=([churn]="50 100 200" [parallel]="100")

find_go() {
  local g
  for g in /usr/lib/go-1.19/bin/go "$(command -v go || true)"; do
    [ -n "$g" ] && [ -x "$g" ] || continue
    if "$g" version | grep -q '^go version go1\.19\(\.[0-9]*\)\? '; then
      echo "$g"
      return
    fi
  done
  echo "regen.sh: needs Go 1.19 (apt-get install golang-1.19-go); found: $(go version 2>/dev/null || echo none)" >&2
  exit 1
}

# settings WORKLOAD: one line per setting: DIR GOGC GOMEMLIMIT GOMAXPROCS
settings() {
  local w=$1 p sfx g gogcs
  for p in ${PROCS[$w]:-2}; do
    sfx=""
    [ "$p" = 2 ] || sfx="-procs-$p"
    gogcs="50 100 200"
    [ "$p" = 2 ] || gogcs=${GOGCS_OTHER_PROCS[$w]}
    for g in $gogcs; do echo "gogc-$g$sfx $g off $p"; done
    echo "gogc-off-memlimit-${LIMIT[$w]}$sfx off ${LIMIT[$w]} $p"
  done
}

GO=$(find_go)
# The runs get a raised priority where allowed (root): on a machine shared
# with other work (compilers), GC pacing depends on how much CPU the program
# gets. With the kernel's autogroups a nice value only counts inside the
# session, so each run gets a session of its own (setsid) whose autogroup is
# set to nice -15 too: the program then gets most of the cores against a dozen
# compilers (churn: ~160 ms instead of 500-900 ms at load 12).
prio=()
prio_text="as started"
if [ "$(nice -n -15 nice 2>/dev/null)" = -15 ]; then
  prio=(nice -n -15)
  prio_text="nice -15"
  if [ -w /proc/self/autogroup ]; then
    prio=(setsid -w sh -c 'echo -15 >/proc/self/autogroup 2>/dev/null; exec nice -n -15 "$0"')
    prio_text="nice -15, in a session of its own whose autogroup is at nice -15"
  fi
fi
works=("$@")
[ ${#works[@]} -gt 0 ] || works=("${ALL[@]}")
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT

"$GO" version >go-version.txt
{
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "kernel: $(uname -sr)"
  echo "memory: $(grep MemTotal /proc/meminfo | awk '{print $2}') kB"
  echo "recorded: $(date -u +%Y-%m-%d)"
  echo "priority of the runs: $prio_text"
  echo "kernel autogroups: $(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo unknown)"
} >machine.txt

for w in "${works[@]}"; do
  [ -f "$w/main.go" ] || { echo "regen.sh: no workload $w" >&2; exit 1; }
  mkdir -p "$bin/$w"
  cp "$w/main.go" memstats.go "$bin/$w/"
  (cd "$bin/$w" && "$GO" build -o prog main.go memstats.go)
  rm -rf "$w"/gogc-*
  while read -r dir gogc limit procs; do
    mkdir -p "$w/$dir"
    debug=gctrace=1,gcpacertrace=1
    [ "$limit" = off ] || debug=$debug,scavtrace=1
    printf 'GOGC=%s\nGOMEMLIMIT=%s\nGOMAXPROCS=%s\nGODEBUG=%s\n' "$gogc" "$limit" "$procs" "$debug" >"$w/$dir/env.txt"
    : >"$w/$dir/loadavg.txt"
  done < <(settings "$w")
done

for ((r = 1; r <= RUNS; r++)); do
  for w in "${works[@]}"; do
    while read -r dir gogc limit procs; do
      echo "run-$r $(cut -d' ' -f1 /proc/loadavg)" >>"$w/$dir/loadavg.txt"
      debug=$(sed -n 's/^GODEBUG=//p' "$w/$dir/env.txt")
      GOGC=$gogc GOMEMLIMIT=$limit GOMAXPROCS=$procs GODEBUG=$debug \
        "${prio[@]}" "$bin/$w/prog" >"$w/$dir/run-$r.memstats.json" 2>"$w/$dir/run-$r.stderr"
    done < <(settings "$w")
  done
  echo "regen.sh: run $r of $RUNS done" >&2
done

for w in "${works[@]}"; do
  python3 summarize.py "$w"
done
