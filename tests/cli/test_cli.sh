#!/usr/bin/env bash
# The headless command line as a user meets it: help, exit codes, errors that
# name file and line:column, config overrides, gctrace, and snapshots that
# resume with the same future. Usage: test_cli.sh path/to/tricolor
set -uo pipefail
bin=$1
source "$(dirname "$0")/harness.sh"
scen=$root/scenarios/linked-list-garbage.json

run --help
check "--help exits 0 and shows usage" test "$code" -eq 0
check "--help lists --until and exit status" grep -q -- "--until" "$tmp/out"
run --version
check "--version exits 0" test "$code" -eq 0
check "--version names Go 1.19" grep -q "Go 1.19" "$tmp/out"
# Huge pages for malloc: tricolor re-executes itself once with glibc's
# tunable where glibc (2.35+) and the kernel (THP not "never") honour it;
# sanitizer builds bring their own malloc and skip it.
thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo "[never]")
glibc_ok=$(getconf GNU_LIBC_VERSION | awk '{split($2, v, "."); print (v[1] > 2 || (v[1] == 2 && v[2] >= 35)) ? 1 : 0}')
if [ "$glibc_ok" = 1 ] && [[ $thp != *"[never]"* ]] && ! nm "$bin" 2>/dev/null | grep -q __asan_init; then
  env -u GLIBC_TUNABLES "$bin" --version >"$tmp/out" 2>&1
  check "malloc asks for huge pages (the process re-executed itself with glibc's tunable)" grep -q "glibc.malloc.hugetlb=1" "$tmp/out"
  env -u GLIBC_TUNABLES TRICOLOR_NO_HUGEPAGES=1 "$bin" --version >"$tmp/out" 2>&1
  check "TRICOLOR_NO_HUGEPAGES=1 leaves malloc as it is" bash -c "! grep -q hugetlb '$tmp/out'"
  env -u GLIBC_TUNABLES TRICOLOR_NO_PLATFORM_TWEAKS=1 "$bin" --version >"$tmp/out" 2>&1
  check "TRICOLOR_NO_PLATFORM_TWEAKS=1 leaves malloc as it is too" bash -c "! grep -q hugetlb '$tmp/out'"
  GLIBC_TUNABLES=glibc.malloc.check=0 "$bin" --version >"$tmp/out" 2>&1
  check "a user's own GLIBC_TUNABLES is kept beside ours" grep -q "glibc.malloc.hugetlb=1" "$tmp/out"
  env -u GLIBC_TUNABLES "$bin" --headless "$scen" --until step:7 --no-summary --quiet --hash >"$tmp/h1" 2>&1
  env -u GLIBC_TUNABLES TRICOLOR_NO_HUGEPAGES=1 "$bin" --headless "$scen" --until step:7 --no-summary --quiet --hash >"$tmp/h2" 2>&1
  check "the same steps with and without huge pages" cmp -s "$tmp/h1" "$tmp/h2"
fi

run --headless "$scen" --gctrace
check "a scenario runs to the end: exit 0" test "$code" -eq 0
check "gctrace lines in Go's format" grep -Eq '^gc 1 @[0-9]+\.[0-9]{3}s [0-9]+%: .* ms clock, .* ms cpu, [0-9]+->[0-9]+->[0-9]+ MB, [0-9]+ MB goal, [0-9]+ MB stacks, [0-9]+ MB globals, [0-9]+ P' "$tmp/out"
check "a summary at the end" grep -q "^cycles: " "$tmp/out"

run --headless "$scen" --narrate --until cycle:1
check "--until cycle:1 stops after the first cycle" test "$code" -eq 0
check "narration names the phases" grep -q "stops the world" "$tmp/out"

run --headless "$scen" --until step:7 --no-summary --quiet --hash
check "--until step:N exits 0" test "$code" -eq 0
h1=$(grep '^hash:' "$tmp/out")
run --headless "$scen" --until step:7 --no-summary --quiet --hash
h2=$(grep '^hash:' "$tmp/out")
check "determinism: the same run gives the same hash" test -n "$h1" -a "$h1" = "$h2"

run --headless "$root/scenarios/gogc-comparison.json" --set GOGC=50 --gctrace --no-summary --quiet
c50=$(grep -c '^gc ' "$tmp/out")
run --headless "$root/scenarios/gogc-comparison.json" --set GOGC=200 --gctrace --no-summary --quiet
c200=$(grep -c '^gc ' "$tmp/out")
check "--set GOGC=50 runs more cycles than GOGC=200 ($c50 > $c200)" test "$c50" -gt "$c200"

run --headless "$root/scenarios/lost-object.json" --set write_barrier=none
check "barrier none: the monitor reports a lost object" grep -q "objects freed while reachable: [1-9]" "$tmp/out"
run --headless "$root/scenarios/lost-object.json"
check "hybrid barrier: no lost object" bash -c "! grep -q 'freed while reachable' '$tmp/out'"

# Bad input: exit 2, file:line:col and the JSON path on stderr.
printf '{\n  "format": "tricolor-scenario",\n  "version": 1,\n  "config": {"GOGC": "lots"}\n}\n' >"$tmp/bad.json"
run --headless "$tmp/bad.json"
check "bad scenario: exit 2" test "$code" -eq 2
check "bad scenario: file:line:col and path" grep -q "bad.json:4:[0-9]*: /config/GOGC" "$tmp/err"
# Every malformed scenario of the corpus: exit 2 and an error that starts
# with file:line:column.
bad=0
total=0
for f in "$root"/tests/io/malformed/*.json; do
  total=$((total + 1))
  "$bin" --headless "$f" >/dev/null 2>"$tmp/err"
  c=$?
  if [ "$c" -ne 2 ] || ! head -n 1 "$tmp/err" | grep -Eq "^$f:[0-9]+:[0-9]+: "; then
    echo "  malformed: $f -> exit $c: $(head -n 1 "$tmp/err")"
    bad=$((bad + 1))
  fi
done
check "all $total malformed scenarios: exit 2 with file:line:column" test "$bad" -eq 0 -a "$total" -ge 40
# Absurd sizes: a 300 MB scenario or snapshot (sparse files: nothing is
# written) is refused by its size at once, naming the file and the limit.
truncate -s 300M "$tmp/huge.json"
run --headless "$tmp/huge.json"
check "300 MB scenario: exit 2" test "$code" -eq 2
check "300 MB scenario: file:1:1 and the 64 MiB limit" grep -q "^$tmp/huge.json:1:1: file is too large: 314572800 bytes (a scenario is at most 64 MiB)" "$tmp/err"
printf '{"format": "tricolor-snapshot"' >"$tmp/huge.snapshot.json"
truncate -s 300M "$tmp/huge.snapshot.json"
run --resume "$tmp/huge.snapshot.json"
check "300 MB snapshot: exit 2" test "$code" -eq 2
check "300 MB snapshot: file:1:1 and the 128 MiB limit" grep -q "^$tmp/huge.snapshot.json:1:1: snapshot is too large: 314572800 bytes (at most 128 MiB)" "$tmp/err"
rm -f "$tmp/huge.json" "$tmp/huge.snapshot.json"
printf '{"format": "tricolor-scenario", "version": 1, "functions": [{"name": "main", "body": [\n  {"op": "repeat", "count": 1000000, "body": [{"op": "repeat", "count": 1000000, "body": [{"op": "yield"}]}]}]}]}\n' >"$tmp/forever.json"
run --headless "$tmp/forever.json"
check "a repeat of 10^12 operations: exit 2" test "$code" -eq 2
check "a repeat of 10^12 operations: file:line:col, path and the limit" grep -q "forever.json:2:3: /functions/0/body/0: this repeat would run 1000000 x 1000000 operations.*at most 1000000000" "$tmp/err"
run --headless "$tmp/missing.json"
check "missing file: exit 2" test "$code" -eq 2
run --headless "$scen" --until sometime
check "bad --until: exit 2" test "$code" -eq 2
run --frobnicate
check "unknown option: exit 2" test "$code" -eq 2
check "unknown option: says so" grep -q "unknown option --frobnicate" "$tmp/err"
run --headless "$scen" --set GOGC=banana
check "bad --set value: exit 2" test "$code" -eq 2
run --headless "$scen" --max-steps 3
check "--max-steps before the end: exit 1" test "$code" -eq 1

# Snapshots: stop at step 20, resume, and compare with a straight run.
run --headless "$scen" --gctrace --no-summary --until step:20 --snapshot "$tmp/snap.json"
check "--snapshot writes a file" test -s "$tmp/snap.json"
check "snapshot is a tricolor snapshot" grep -q '"format": "tricolor-snapshot"' "$tmp/snap.json"
first=$(grep '^gc ' "$tmp/out")
run --resume "$tmp/snap.json" --gctrace --hash
check "--resume exits 0" test "$code" -eq 0
resumed_tail=$(grep -v '^#' "$tmp/out" | grep -v '^hash:')
run --headless "$scen" --gctrace
straight=$(grep -v '^#' "$tmp/out")
check "resumed run ends exactly like a straight run" test "$(printf '%s\n%s' "$first" "$resumed_tail" | grep -v '^$')" = "$(printf '%s' "$straight" | grep -v '^$')"
sed 's/"heapLive": [0-9]*/"heapLive": 1/' "$tmp/snap.json" >"$tmp/edited.json"
run --resume "$tmp/edited.json"
check "edited snapshot: exit 2" test "$code" -eq 2
check "edited snapshot: says the state does not match" grep -q "does not match" "$tmp/err"
run --resume "$tmp/snap.json" --set GOGC=5
check "--set with --resume: exit 2" test "$code" -eq 2

# Exports, checked with independent readers where one exists.
run --headless "$scen" --until phase:mark --export-dot "$tmp/g.dot" --export-csv "$tmp/steps.csv" \
  --export-cycles "$tmp/cycles.csv" --export-gctrace "$tmp/trace.txt"
check "exports: exit 0" test "$code" -eq 0
if command -v dot >/dev/null; then
  check "DOT export parses with Graphviz" dot -Tsvg "$tmp/g.dot" -o "$tmp/g.svg"
fi
check "DOT export has coloured objects and root edges" grep -q 'fillcolor=' "$tmp/g.dot"
steps=$(($(wc -l <"$tmp/steps.csv") - 1))
check "per-step CSV: a header and one row per step (step 0 included)" test "$steps" -ge 2
check "per-step CSV: same number of fields on every row" \
  bash -c "awk -F, 'NR==1{n=NF} NF!=n{exit 1}' '$tmp/steps.csv'"
run --headless "$scen" --export-cycles "$tmp/cycles.csv" --export-gctrace "$tmp/trace.txt"
check "per-cycle CSV: one row per cycle" test "$(($(wc -l <"$tmp/cycles.csv") - 1))" -eq "$(wc -l <"$tmp/trace.txt")"
check "gctrace export in Go's format" grep -Eq '^gc 1 @' "$tmp/trace.txt"
run --headless "$scen" --export-dot /nonexistent-dir/g.dot
check "export to an impossible place: exit 1" test "$code" -eq 1

# Fast forward: with nothing reading events the run goes in batches with
# events off; it ends exactly where single steps with events (--hash) end.
busy=$root/scenarios/busy-program.json
run --headless "$busy" --set monitor=false
fast=$(grep -v '^#' "$tmp/out")
run --headless "$busy" --set monitor=false --hash
slow=$(grep -v '^#' "$tmp/out" | grep -v '^hash:')
check "batched fast forward: the same summary as single steps with events" test -n "$fast" -a "$fast" = "$slow"
run --headless "$busy" --set monitor=false --progress --quiet
check "--progress without a terminal: exit 0" test "$code" -eq 0
check "--progress without a terminal: a final progress line on stderr" grep -Eq '^progress: done, [0-9]+ steps in' "$tmp/err"
cat >"$tmp/nil.json" <<'JSON'
{"format": "tricolor-scenario", "version": 1, "title": "nil dereference",
 "config": {"monitor": false},
 "types": [{"name": "Node", "fields": [{"name": "next", "type": "*Node"}]}],
 "functions": [{"name": "main", "locals": [{"name": "a", "type": "*Node"}],
   "body": [{"op": "new", "type": "Node", "to": "a", "line": 2}, {"op": "clear", "to": "a", "line": 3},
            {"op": "store", "to": "a.next", "from": "a", "line": 4}]}]}
JSON
run --headless "$tmp/nil.json"
check "a panic in a batched run: exit 1" test "$code" -eq 1
check "a panic in a batched run: the error is still described" grep -qi "nil" "$tmp/err"

# Files are written atomically: no temporary files left behind.
check "no temporary files left next to the snapshot" bash -c "! ls -A '$tmp' | grep -q '\.tmp'"

# Without a display the window is replaced by a headless run that says so.
if grep -q TRICOLOR_HAVE_GUI "$root/app/main.cpp"; then
  DISPLAY= WAYLAND_DISPLAY= "$bin" "$scen" >"$tmp/out" 2>"$tmp/err"
  code=$?
  check "no display: runs headless, exit 0" test "$code" -eq 0
  check "no display: says so" grep -q "running headless" "$tmp/err"
fi

# Go escape analysis (core/golang): the lines of Go 1.19's -gcflags='-m -l', in the program's folder.
absbin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
(cd "$root/tests/data/escape" && "$absbin" --escape lesson_stack_vs_heap.go >"$tmp/esc" 2>"$tmp/escerr"; echo $? >"$tmp/esccode")
check "--escape on a lesson: exit 0" test "$(cat "$tmp/esccode")" -eq 0
check "--escape prints Go's lines for the lesson" cmp -s "$tmp/esc" "$root/tests/data/escape/lesson_stack_vs_heap.m.txt"
(cd "$root/tests/data/escape" && "$absbin" --escape=2 closure_returned.go >"$tmp/esc2" 2>&1)
check "--escape=2 prints Go's -m=2 explanations" cmp -s "$tmp/esc2" "$root/tests/data/escape/closure_returned.m2.txt"
run --escape "$root/tests/data/go-errors/map_type.go"
check "--escape on a program outside the subset: exit 2" test "$code" -eq 2
check "--escape names the construct at its line:column" grep -q "map_type.go:4:7: maps are not in tricolor's Go subset yet" "$tmp/err"
run --escape
check "--escape without a file: exit 2" test "$code" -eq 2

finish
