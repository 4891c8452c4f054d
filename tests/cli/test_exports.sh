#!/usr/bin/env bash
# Exports written without a display, checked with independent readers:
# xmllint (libxml2-utils) for SVG, Graphviz for DOT, python3's csv module for
# CSV. Usage: test_exports.sh path/to/tricolor
set -uo pipefail
bin=$1
source "$(dirname "$0")/harness.sh"
for tool in xmllint python3; do
  command -v $tool >/dev/null || { echo "$tool is missing: bash scripts/deps.sh installs it"; exit 1; }
done
xp() {  # xp FILE XPATH: the XPath's value (namespaces ignored via local-name())
  xmllint --xpath "$2" "$1" 2>/dev/null
}
tree=$root/tests/app/data/tree-mid-mark.json
svg=$tmp/tree.svg

# --- SVG of the tree in the middle of marking (step 20): A black, B and C grey, D white, E garbage.
run --headless "$tree" --until step:20 --quiet --export-svg "$svg" --export-dot "$tmp/tree.dot"
check "--export-svg: exit 0" test "$code" -eq 0
check "SVG is well-formed XML (xmllint --noout)" xmllint --noout "$svg"
obj() { echo "//*[local-name()='g'][@data-label='$1']"; }
check "A is drawn black" test "$(xp "$svg" "string($(obj A)/@data-colour)")" = black
check "B is drawn grey" test "$(xp "$svg" "string($(obj B)/@data-colour)")" = grey
check "C is drawn grey" test "$(xp "$svg" "string($(obj C)/@data-colour)")" = grey
check "D is drawn white" test "$(xp "$svg" "string($(obj D)/@data-colour)")" = white
# The second cue for colour-blind readers: grey boxes are dashed, black and white ones are not.
check "grey boxes have a dashed border" test "$(xp "$svg" "count(//*[local-name()='g'][@data-colour='grey']/*[local-name()='rect'][@stroke-dasharray])")" -eq 2
check "black boxes are not dashed" test "$(xp "$svg" "count($(obj A)/*[local-name()='rect'][@stroke-dasharray])")" -eq 0
check "grey boxes are filled grey" test "$(xp "$svg" "string($(obj B)/*[local-name()='rect']/@fill)")" = "#969696"
for name in A B C D E; do
  check "object $name's name is SVG text" test "$(xp "$svg" "count(//*[local-name()='text'][.='$name'])")" -ge 1
done
for name in root spare main; do
  check "root '$name' is SVG text" bash -c "xmllint --xpath \"//*[local-name()='text']/text()\" '$svg' | grep -q '$name'"
done
# Every pointer is one arrow: the same count as Graphviz's edges in the DOT export of the same step.
edges_svg=$(xp "$svg" "count(//*[@data-edge])")
edges_dot=$(grep -c -- '->' "$tmp/tree.dot")
check "arrows in the SVG ($edges_svg) = pointer edges in the DOT ($edges_dot)" test "$edges_svg" -eq "$edges_dot"
check "the arrows include a root's and a field's" bash -c "[ \"\$(xmllint --xpath \"count(//*[@data-edge='root'])\" '$svg')\" -ge 1 ] && [ \"\$(xmllint --xpath \"count(//*[@data-edge='field'])\" '$svg')\" -ge 3 ]"
check "the grey queue's order is drawn" test "$(xp "$svg" "count(//*[@class='queue'])")" -eq 2
check "the caption names the step and phase" bash -c "xmllint --xpath 'string(//*[local-name()=\"title\"])' '$svg' | grep -q 'step 20, phase mark'"
if command -v dot >/dev/null; then
  check "DOT export parses with Graphviz (dot -Tsvg)" dot -Tsvg "$tmp/tree.dot" -o "$tmp/tree.dot.svg"
fi

# The same moment, reached by resuming a snapshot, gives the same picture byte for byte.
run --headless "$tree" --until step:20 --quiet --snapshot "$tmp/snap.json"
run --resume "$tmp/snap.json" --until step:20 --quiet --export-svg "$tmp/resumed.svg"
check "SVG after --resume: exit 0" test "$code" -eq 0
check "SVG after --resume is identical" cmp -s "$svg" "$tmp/resumed.svg"

# After the sweep of a cut list (step 23): A lives, B, C and D were freed and are drawn as struck-through ghosts.
cut=$root/tests/app/data/list-cut.json
run --headless "$cut" --until step:23 --quiet --export-svg "$tmp/cut.svg" --export-dot "$tmp/cut.dot"
check "SVG after a sweep: well-formed" xmllint --noout "$tmp/cut.svg"
live=$(grep -c 'fillcolor=' "$tmp/cut.dot")
drawn=$(xp "$tmp/cut.svg" "count(//*[local-name()='g'][contains(@class,'object') and not(@data-colour='freed')])")
check "every live object of the DOT ($live) is a live box in the SVG ($drawn)" test "$live" -eq "$drawn"
check "three freed ghosts, their names struck through" \
  test "$(xp "$tmp/cut.svg" "count(//*[@data-colour='freed']/*[local-name()='text'][@text-decoration='line-through'])")" -eq 3
check "a ghost has a dashed outline and no fill" \
  test "$(xp "$tmp/cut.svg" "string(//*[@data-label='B']/*[local-name()='rect']/@fill)")" = none

# Without a display, --steps N means --until step:N, so the SVG shows that step.
DISPLAY= WAYLAND_DISPLAY= "$bin" "$tree" --steps 20 --quiet --export-svg "$tmp/nodisplay.svg" >/dev/null 2>&1
check "no display: --steps 20 --export-svg writes the same SVG headless" cmp -s "$svg" "$tmp/nodisplay.svg"

# --- CSV per step, read with python's csv module.
run --headless "$tree" --quiet --export-csv "$tmp/steps.csv" --csv-every 5 --export-cycles "$tmp/cycles.csv"
check "CSV export: exit 0" test "$code" -eq 0
check "per-step CSV: the columns, steps every 5, valid phases, heap live <= peak" python3 - "$tmp/steps.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
need = {"step", "time_ns", "cycle", "phase", "world_stopped", "heap_live", "heap_goal", "heap_trigger", "marked_bytes"}
assert need <= set(rows[0].keys()), rows[0].keys()
steps = [int(r["step"]) for r in rows]
assert steps[0] == 0 and all(s % 5 == 0 for s in steps) and steps == sorted(steps), steps[:10]
assert {r["phase"] for r in rows} <= {"off", "sweep-termination", "mark", "mark-termination", "sweep"}
assert {r["world_stopped"] for r in rows} <= {"0", "1"}
assert any(r["phase"] == "mark" for r in rows)
EOF
check "per-cycle CSV: one row per cycle, marked <= heap at mark end" python3 - "$tmp/cycles.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) >= 1
assert [int(r["cycle"]) for r in rows] == list(range(1, len(rows) + 1))
assert all(int(r["marked"]) <= int(r["heap_at_mark_end"]) for r in rows)
EOF

# --- Frames need the window: a clear error without a display.
run --headless "$tree" --export-gif "$tmp/a.gif"
check "--headless --export-gif: exit 2" test "$code" -eq 2
check "--headless --export-gif: says it needs a display and xvfb-run" grep -q "needs a display: run under xvfb-run" "$tmp/err"
DISPLAY= WAYLAND_DISPLAY= "$bin" "$tree" --export-frames "$tmp/f" >"$tmp/out" 2>"$tmp/err"
check "no display, --export-frames: exit 2" test "$?" -eq 2
check "no display, --export-frames: says xvfb-run" grep -q "xvfb-run" "$tmp/err"
check "nothing written without a display" bash -c "! ls '$tmp' | grep -q -e '^a.gif' -e '^f-'"
run "$tree" --export-gif "$tmp/a.gif" --each line
check "--each with a bad value: exit 2" test "$code" -eq 2
run "$tree" --export-gif "$tmp/a.gif" --from 9 --to 3
check "--to before --from: exit 2" test "$code" -eq 2
run --headless "$tree" --from 3
check "--from without a frames export: exit 2" test "$code" -eq 2

run --headless "$tree" --export-svg /nonexistent-dir/g.svg --quiet
check "SVG to an impossible place: exit 1" test "$code" -eq 1
check "no temporary files left behind" bash -c "! ls -A '$tmp' | grep -q '\.tmp'"

finish
