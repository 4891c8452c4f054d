#!/usr/bin/env bash
# Builds tricolor and runs every test, in stages (what CI runs):
#   0. format       every C/C++ file is as scripts/format.sh (clang-format 14)
#                   leaves it
#   1. build/       GCC RelWithDebInfo: the whole suite (core, loader, command
#                   line, the window under Xvfb), run while stage 2 compiles
#   2. build-asan/  clang Debug -O1 with AddressSanitizer + UndefinedBehavior-
#                   Sanitizer (and the fuzz targets): the whole suite again
#   3. fuzz         the two loaders' libFuzzer targets for $TRICOLOR_FUZZ_SECONDS
#                   (20) s on the committed seed corpus (scripts/fuzz_run.sh),
#                   both at once, then the scenario loader's fast JSON reader
#                   against nlohmann (differential) for half that
#   4. determinism  the event hash (--hash) of every run of
#                   scripts/hash_runs.sh (scenarios, seeded random schedules,
#                   the lessons' suggested settings) is the same in both
#                   builds (scripts/compare_hashes.sh); each build's suite
#                   also checks them against tests/data/golden-hashes.txt
# After each build's CTest run, scripts/test_counts.py checks that every
# doctest case ran: no CTest entry ran zero cases, and (when no ctest
# arguments filter the run) the cases executed are exactly those --count
# and --list-test-cases give for each binary.
# A summary with the time of each stage and the number of test cases
# executed per build comes last; any failure makes the script fail (exit 1)
# and says which stage and where its log is.
# Usage: scripts/test.sh [--quick] [ctest arguments...]
#   --quick   stage 1 only (the everyday loop); e.g. scripts/test.sh --quick -R barrier
set -uo pipefail
# All of it in one function: bash reads it whole before running, so editing
# this file during a run cannot derail the run.
main() {
cd "$(dirname "$0")/.."
quick=0
if [ "${1:-}" = "--quick" ]; then
  quick=1
  shift
fi
jobs=$(nproc 2>/dev/null || echo 2)
start_all=$(date +%s)
summary=()
failed=()
counts=()
# ctest arguments (e.g. -R barrier) may leave cases out on purpose.
filtered=""
[ $# -eq 0 ] || filtered=--filtered

# CPU seconds (user + system) used so far by this script's finished children:
# on a machine shared with other work, wall time alone says little.
cpu_now() {
  local f
  read -ra f </proc/$$/stat 2>/dev/null || { echo 0; return; }
  echo $(((f[15] + f[16]) / $(getconf CLK_TCK)))
}

# stage NAME COMMAND...: runs a stage, records its time and status.
stage() {
  local name=$1
  shift
  local t0 c0 status=ok rc=0
  t0=$(date +%s)
  c0=$(cpu_now)
  echo "== $name" >&2
  "$@" || rc=$?
  [ $rc -eq 0 ] || { status=FAILED; failed+=("$name"); }
  summary+=("$(printf '  %-28s %4ss wall %5ss cpu  %s' "$name" $(($(date +%s) - t0)) $(($(cpu_now) - c0)) $status)")
  return $rc
}

finish() {
  echo >&2
  echo "test.sh summary (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null))" >&2
  printf '%s\n' "${summary[@]}" >&2
  printf '  %-28s %4ss wall %5ss cpu\n' total $(($(date +%s) - start_all)) "$(cpu_now)" >&2
  [ ${#counts[@]} -eq 0 ] || printf '%s\n' "${counts[@]}" >&2
  if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]} (logs: build/build.log, build-asan/build.log, build-asan/fuzz_*.log, build-asan/hashes.log)" >&2
    exit 1
  fi
  echo "all stages passed" >&2
  exit 0
}

# Each doctest run writes the cases it executed to DIR/doctest-record
# (tests/main.cpp); fresh for each build's CTest run.
record_dir() {
  rm -rf "$1/doctest-record"
  mkdir -p "$1/doctest-record"
  echo "$PWD/$1/doctest-record"
}
# count_cases BUILD NAME: every doctest case ran once (scripts/test_counts.py).
count_cases() {
  local out rc=0
  # shellcheck disable=SC2086
  out=$(python3 scripts/test_counts.py "$1" "$1/doctest-record" $filtered) || rc=$?
  echo "$out" >&2
  counts+=("$(printf '  %-28s %s' "test cases ($2)" "$out")")
  return $rc
}

deps=()
[ $quick -eq 1 ] || deps=(clang libclang-rt-14-dev clang-format-14)
stage "packages" bash scripts/deps.sh "${deps[@]}" || finish
# The house style (.clang-format), checked before anything is built.
[ $quick -eq 1 ] || stage "format (clang-format-14)" bash scripts/format.sh --check

# 1. The release-like build and the whole suite: the "dev" preset
#    (CMakePresets.json), a unity build with line tables only (-g1) and
#    warnings as errors; a cold build then takes about half the CPU time of
#    a plain RelWithDebInfo one, and backtraces still have lines.
#    scripts/build.sh configures build/ the same way.
release_ok=0
stage "build (gcc, RelWithDebInfo)" bash scripts/build.sh && release_ok=1
if [ $quick -eq 1 ]; then
  if [ $release_ok -eq 1 ]; then
    stage "tests (RelWithDebInfo)" env TRICOLOR_DOCTEST_RECORD="$(record_dir build)" \
      ctest --test-dir build --output-on-failure -j"$jobs" "$@"
    stage "every case ran (RelWithDebInfo)" count_cases build RelWithDebInfo
  fi
  finish
fi
# The release suite runs while the sanitizer build compiles: its tests
# mostly wait (Xvfb, the command line), the compiler does not.
release_pid=""
if [ $release_ok -eq 1 ]; then
  TRICOLOR_DOCTEST_RECORD="$(record_dir build)" \
    ctest --test-dir build --output-on-failure -j"$jobs" "$@" >build/ctest.log 2>&1 &
  release_pid=$!
fi
release_tests() {
  local rc=0
  wait "$release_pid" || rc=$?
  if [ $rc -ne 0 ]; then
    cat build/ctest.log
  else
    grep -E "tests passed|Total Test time" build/ctest.log
  fi
  return $rc
}

# 2. The sanitizer build doubles as the Debug build of the determinism check.
#    Unity build for compile time; -O1 keeps the suite quick under ASan.
build_asan() {
  mkdir -p build-asan
  cmake --preset asan-fuzz >build-asan/configure.log 2>&1 || { cat build-asan/configure.log; return 1; }
  if ! cmake --build build-asan -j"$jobs" >build-asan/build.log 2>&1; then
    grep -E "error" -A3 build-asan/build.log | head -60
    echo "sanitizer build failed: full log in build-asan/build.log" >&2
    return 1
  fi
  grep -E "warning:" build-asan/build.log || true
}
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan_ok=0
stage "build (clang, ASan+UBSan)" build_asan && asan_ok=1
if [ -n "$release_pid" ]; then
  stage "tests (RelWithDebInfo), during it" release_tests
  stage "every case ran (RelWithDebInfo)" count_cases build RelWithDebInfo
fi
if [ $asan_ok -eq 1 ]; then
  export TRICOLOR_DOCTEST_RECORD
  TRICOLOR_DOCTEST_RECORD=$(record_dir build-asan)
  stage "tests (ASan+UBSan, Debug)" ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE gui "$@"
  # The window's tests without LeakSanitizer: Mesa unloads its llvmpipe
  # driver before the leak check, so the driver's own allocations show up
  # as leaks from "<unknown module>" that no suppression can name. ASan and
  # UBSan still check every access; our code's leaks are checked above.
  stage "window tests (ASan+UBSan)" env ASAN_OPTIONS="${ASAN_OPTIONS/detect_leaks=1/detect_leaks=0}" \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" -L gui "$@"
  stage "every case ran (ASan+UBSan)" count_cases build-asan "ASan+UBSan"
  unset TRICOLOR_DOCTEST_RECORD
  # 3. Fuzzing, each target for a bounded time, both at once (one core each).
  fuzz_both() {
    local secs=${TRICOLOR_FUZZ_SECONDS:-20} rc1=0 rc2=0
    bash scripts/fuzz_run.sh build-asan scenario "$secs" &
    local pid=$!
    bash scripts/fuzz_run.sh build-asan snapshot "$secs" || rc2=$?
    wait $pid || rc1=$?
    # The loader's fast JSON reader against nlohmann, differentially (one core: half the time).
    bash scripts/fuzz_run.sh build-asan json_tree "$(( (secs + 1) / 2 ))" || rc2=$?
    [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]
  }
  stage "fuzz the loaders" fuzz_both
  # 4. Same events in Debug (clang -O1, sanitizers) and RelWithDebInfo (gcc -O2).
  if [ -x build/app/tricolor ]; then
    stage "determinism (Debug = Release)" bash scripts/compare_hashes.sh build/app/tricolor build-asan/app/tricolor
  fi
fi
finish
}
main "$@"
