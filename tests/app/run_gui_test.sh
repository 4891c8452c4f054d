#!/usr/bin/env bash
# Runs the real tricolor window under Xvfb, then checks its screenshot and
# layout dump with check_screenshot.
#
#   run_gui_test.sh NAME APP CHECKER OUTDIR SCREEN EXPECTED_RC [--headless-first ARGS... --] \
#                   --app ARGS... --check ARGS...
#
# Exit 77 (CTest's SKIP_RETURN_CODE) only when xvfb-run is missing.
set -u
name=$1 app=$2 checker=$3 out=$4 screen=$5 want_rc=$6
shift 6
pre=() appargs=() checkargs=()
mode=""
for a in "$@"; do
  case "$a" in
    --headless-first) mode=pre; continue ;;
    --app) mode=app; continue ;;
    --check) mode=check; continue ;;
    --) mode=""; continue ;;
  esac
  case "$mode" in
    pre) pre+=("$a") ;;
    app) appargs+=("$a") ;;
    check) checkargs+=("$a") ;;
  esac
done
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "xvfb-run is not installed: skipping (apt-get install xvfb xauth)"
  exit 77
fi
mkdir -p "$out"
export XDG_CONFIG_HOME="$out/config-$name"  # never read or write the user's settings
png="$out/$name.png" layout="$out/$name.json"
rm -f "$png" "$layout"
if [ ${#pre[@]} -gt 0 ]; then
  echo "+ $app --headless ${pre[*]}"
  "$app" --headless "${pre[@]}" || { echo "FAIL: headless preparation failed"; exit 1; }
fi
echo "+ xvfb-run $app ${appargs[*]} --screenshot $png --dump-layout $layout"
"$(dirname "$0")/xvfb-run.sh" -a -s "-screen 0 ${screen}x24" "$app" "${appargs[@]}" --screenshot "$png" --dump-layout "$layout"
rc=$?
if [ "$rc" != "$want_rc" ]; then
  echo "FAIL: exit status $rc, expected $want_rc"
  exit 1
fi
[ -s "$png" ] || { echo "FAIL: no screenshot written"; exit 1; }
[ -s "$layout" ] || { echo "FAIL: no layout written"; exit 1; }
"$checker" --png "$png" --layout "$layout" "${checkargs[@]}"
