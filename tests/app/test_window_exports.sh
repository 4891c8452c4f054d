#!/usr/bin/env bash
# Exports rendered by the real window under Xvfb, checked with independent
# readers: ImageMagick's identify for the GIF's and PNGs' frame counts,
# sizes and delays; python3 for the SVG against the window's own layout
# dump. And the atomic-write promise: a GIF export killed with SIGKILL in
# the middle leaves the previous file (or nothing) at its path.
#
#   test_window_exports.sh path/to/tricolor OUTDIR [formats|dialog|kill]
# (one part, so CTest can run the parts side by side; all of them by default)
# Exit 77 (CTest's SKIP_RETURN_CODE) only when xvfb-run is missing.
set -uo pipefail
bin=$(readlink -f "$1") out=$2 part=${3:-all}
want() { [ "$part" = all ] || [ "$part" = "$1" ]; }
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$root/tests/app/data
command -v xvfb-run >/dev/null || { echo "xvfb-run is not installed: skipping (apt-get install xvfb xauth)"; exit 77; }
for tool in identify convert compare xmllint python3; do
  command -v $tool >/dev/null || { echo "$tool is missing: bash scripts/deps.sh installs it"; exit 1; }
done
rm -rf "$out"
mkdir -p "$out"
export XDG_CONFIG_HOME="$out/config"  # never read or write the user's settings
fails=0
check() {  # check "what" <condition command...>
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}
win() {  # win <args...>: the window under Xvfb at 1280x800
  "$xvfb" -a -s "-screen 0 1280x800x24" "$bin" "$@"
}
tree=$data/tree-mid-mark.json
xvfb=$(cd "$(dirname "$0")" && pwd)/xvfb-run.sh  # xvfb-run with our own authority file

if want formats; then
# --- GIF of steps 0..20, every 2nd step, 100 ms per frame, heap panel only; and, in the same run, the
# window's layout and the SVG at step 20.
win "$tree" --steps 20 --export-gif "$out/tree.gif" --from 0 --to 20 --every 2 --frame-delay 100 --panel heap \
  --dump-layout "$out/tree-layout.json" --export-svg "$out/tree20.svg"
check "GIF export: exit 0" test $? -eq 0
identify -format "%W %H %T\n" "$out/tree.gif" >"$out/tree-gif.txt" 2>"$out/identify.err"
check "identify reads the GIF" test $? -eq 0
check "GIF: 11 frames (steps 0, 2, ... 20)" test "$(wc -l <"$out/tree-gif.txt")" -eq 11
check "GIF: every frame shows 100 ms (10 cs)" bash -c "awk '\$3 != 10 {exit 1}' '$out/tree-gif.txt'"
check "GIF: the heap panel's size" python3 - "$out/tree-layout.json" "$out/tree-gif.txt" <<'EOF'
import json, sys
x, y, w, h = json.load(open(sys.argv[1]))["panels"]["heap"]
sizes = {tuple(map(int, l.split()[:2])) for l in open(sys.argv[2])}
assert sizes == {(int(w), int(h))}, (sizes, w, h)
EOF
check "GIF frames differ (the run moves)" bash -c "[ \$(identify -format '%w %h\n' '$out/tree.gif' | sort -u | wc -l) -gt 1 ]"

# --- The SVG matches the window: same colours, same fills, same arrangement (up to pan and zoom).
check "SVG boxes: the window's colours, fills and positions" python3 - "$out/tree-layout.json" "$out/tree20.svg" <<'EOF'
import json, sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
win = {o["label"]: o for o in json.load(open(sys.argv[1]))["objects"]}
svg = {}
for g in ET.parse(sys.argv[2]).iter(ns + "g"):
    if "object" in g.get("class", "").split():
        r = g.find(ns + "rect")
        svg[g.get("data-label")] = (g.get("data-colour"), r.get("fill"), [float(r.get(k)) for k in ("x", "y", "width", "height")])
assert set(svg) == set(win), (sorted(svg), sorted(win))
for label, o in win.items():
    colour, fill, rect = svg[label]
    assert colour == o["colour"], (label, colour, o["colour"])
    assert fill == o["fill"], (label, fill, o["fill"])
zoom = win["A"]["rect"][2] / svg["A"][2][2]
ox = win["A"]["rect"][0] - zoom * svg["A"][2][0]
oy = win["A"]["rect"][1] - zoom * svg["A"][2][1]
for label, o in win.items():
    x, y = svg[label][2][:2]
    assert abs(ox + zoom * x - o["rect"][0]) < 2 and abs(oy + zoom * y - o["rect"][1]) < 2, (label, o["rect"], x, y)
EOF

# --- PNG sequence of steps 18..22: five numbered files of the whole window; the same range as a GIF.
win "$tree" --export-frames "$out/seq" --export-gif "$out/seq.gif" --from 18 --to 22
check "PNG sequence: exit 0" test $? -eq 0
for i in 1 2 3 4 5; do
  f=$(printf "%s/seq-%06d.png" "$out" $i)
  check "frame $i: a 1280x800 PNG" test "$(identify -format '%m %w %h' "$f" 2>/dev/null)" = "PNG 1280 800"
done
check "no sixth frame" test ! -e "$out/seq-000006.png"
check "frames 1 and 5 differ" bash -c "! cmp -s '$out/seq-000001.png' '$out/seq-000005.png'"

# The GIF's colours are the window's: frame by frame against the PNGs.
convert "$out/seq.gif" -coalesce "$out/seq-gif-%d.png"
for i in 1 2 3 4 5; do
  # Pixels that differ by more than 6% of the range: anti-aliased edges at most, never whole areas.
  bad=$(compare -metric AE -fuzz 6% "$(printf "%s/seq-%06d.png" "$out" $i)" "$out/seq-gif-$((i - 1)).png" null: 2>&1)
  total=$(identify -format '%w*%h' "$out/seq-gif-$((i - 1)).png")
  total=$((total))
  check "GIF frame $i has the PNG's colours ($bad of $total pixels differ)" test "$bad" -lt $((total / 100))
done

# --- One frame per phase change: as many as the headless run has phase changes in the range, plus the first.
"$bin" --headless "$tree" --events --until step:40 --quiet >"$out/events.txt" 2>/dev/null
changes=$(awk '$2 == "PhaseChange:" && $1 > 0 && $1 <= 40 {print $1}' "$out/events.txt" | sort -u | wc -l)
win "$tree" --export-gif "$out/phases.gif" --from 0 --to 40 --each phase --panel heap
check "--each phase: exit 0" test $? -eq 0
check "--each phase: $((changes + 1)) frames (first step + $changes phase changes)" \
  test "$(identify -format '%T\n' "$out/phases.gif" | wc -l)" -eq $((changes + 1))
check "there were phase changes to show" test "$changes" -ge 2
# One frame per statement of the program: the first step, then each step where a statement completed.
statements=$(awk '$2 == "OpDone:" && $1 > 0 && $1 <= 40 {print $1}' "$out/events.txt" | sort -u | wc -l)
win "$tree" --export-frames "$out/stmt" --from 0 --to 40 --each statement --panel heap
check "--each statement: exit 0" test $? -eq 0
check "--each statement: $((statements + 1)) frames (first step + $statements statements)" \
  test "$(ls "$out" | grep -c '^stmt-.*\.png$')" -eq $((statements + 1))


fi

if want dialog; then
# --- The export dialog, driven like a user would (xdotool): it opens with the GIF chosen (test hook), Enter
# saves with its defaults (from the current step to the end, every step, 250 ms), the window stays usable.
if command -v xdotool >/dev/null; then
  dialog_save() {  # dialog_save KIND FILE: open the dialog on format KIND at step 20, press Enter, wait for FILE
    mkdir -p "$out/dialog"
    (cd "$out/dialog" && TRICOLOR_GUI_DIALOG=export:$1 "$xvfb" -a -s "-screen 0 1280x800x24" bash -c '
      "$0" "$1" --steps 20 & app=$!
      wid=$(timeout 30 xdotool search --sync --name tricolor | head -1)
      sleep 1
      xdotool key --window "$wid" Return
      for i in $(seq 1 200); do [ -e "$2" ] && break; sleep 0.1; done
      sleep 0.3
      kill -TERM $app; wait $app' "$bin" "$tree" "$2")
  }
  dialog_save 5 tree-mid-mark-step20.gif
  check "dialog GIF: the window closed cleanly" test $? -eq 0
  check "dialog GIF: the default name in the current folder" test -s "$out/dialog/tree-mid-mark-step20.gif"
  check "dialog GIF: steps 20 to the end (28): 9 frames of 250 ms" \
    test "$(identify -format '%T\n' "$out/dialog/tree-mid-mark-step20.gif" | sort | uniq -c | awk '{print $1, $2}')" = "9 25"
  # The SVG and the CSV from the dialog are the command line's, byte for byte.
  "$bin" --headless "$tree" --until step:20 --quiet --export-svg "$out/headless20.svg" --export-csv "$out/headless20.csv"
  dialog_save 2 tree-mid-mark-step20.svg
  check "dialog SVG: valid XML" xmllint --noout "$out/dialog/tree-mid-mark-step20.svg"
  check "dialog SVG: the same as the command line's" cmp -s "$out/headless20.svg" "$out/dialog/tree-mid-mark-step20.svg"
  dialog_save 6 tree-mid-mark-step20.steps.csv
  check "dialog CSV per step: rows for steps 0..20, as the command line writes them" \
    cmp -s "$out/headless20.csv" "$out/dialog/tree-mid-mark-step20.steps.csv"
  # Cancel (Esc) half-way through a long one: nothing is written, the window goes on.
  mkdir -p "$out/cancel"
  (cd "$out/cancel" && TRICOLOR_GUI_DIALOG=export:5 "$xvfb" -a -s "-screen 0 1280x800x24" bash -c '
    "$0" "$1" & app=$!
    wid=$(timeout 30 xdotool search --sync --name tricolor | head -1)
    sleep 1
    xdotool key --window "$wid" Return
    sleep 2
    import -window root running.png
    xdotool key --window "$wid" Escape
    sleep 1
    import -window root cancelled.png
    kill -0 $app || exit 3
    kill -TERM $app; wait $app' "$bin" "$data/bench-300.json")
  check "cancel: the window was still running and closed cleanly" test $? -eq 0
  check "cancel: no GIF and no temporary file written" test "$(ls -A "$out/cancel" | grep -v -e running.png -e cancelled.png | wc -l)" -eq 0
else
  echo "xdotool is missing: the dialog is not driven (bash scripts/deps.sh installs it)"
  fails=$((fails + 1))
fi

fi

if want kill; then
# --- kill -9 in the middle of a long GIF export: the previous file stays, whole; no temporary file is left.
kill_test() {  # kill_test NAME PREVIOUS(or "")
  local dir=$out/kill-$1
  mkdir -p "$dir"
  [ -n "$2" ] && cp "$2" "$dir/anim.gif"
  rm -f "$out/pid-$1"
  "$xvfb" -a -s "-screen 0 1280x800x24" sh -c 'echo $$ > "$0"; exec "$@"' "$out/pid-$1" \
    "$bin" "$data/bench-300.json" --export-gif "$dir/anim.gif" --from 0 --to 100000 --quiet \
    >"$out/kill-$1.log" 2>&1 &
  local job=$! pid=""
  for _ in $(seq 1 100); do
    [ -s "$out/pid-$1" ] && pid=$(cat "$out/pid-$1") && break
    sleep 0.1
  done
  sleep 3  # a second to open and settle, then frames are being encoded
  check "kill -9 ($1): the export was still running after 3 s" kill -0 "$pid"
  kill -9 "$pid"
  wait "$job" 2>/dev/null
  if [ -n "$2" ]; then
    check "kill -9 ($1): the previous GIF is at the destination, unchanged" cmp -s "$2" "$dir/anim.gif"
  else
    check "kill -9 ($1): nothing at the destination" test ! -e "$dir/anim.gif"
  fi
  check "kill -9 ($1): no temporary file left in the folder" test "$(ls -A "$dir" | grep -vx anim.gif | wc -l)" -eq 0
}
win "$tree" --export-gif /nonexistent-dir/a.gif --from 0 --to 2 --panel heap 2>"$out/unwritable.err"
check "GIF to a folder that does not exist: exit 1" test $? -eq 1
check "GIF to a folder that does not exist: says so" grep -q "cannot create a temporary file in /nonexistent-dir" "$out/unwritable.err"
win "$tree" --export-gif "$out/previous.gif" --from 0 --to 2 --panel heap
check "a previous GIF to protect" test -s "$out/previous.gif"
kill_test previous "$out/previous.gif"
kill_test fresh ""

fi

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
