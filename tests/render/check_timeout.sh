#!/bin/sh
# The layout time limit of docs/limits.md: a reporting view of 4,000 bodies
# does not lay out in one second of CPU, so `render --timeout 1` must stop
# the layout, say so (render-limit), exit 2 and write nothing.
# In a report, whose figures share one layout child (a render session),
# `report --timeout` is per figure: with LAYOUT_FAULT (tests/fault/
# layout_fault.c) the 2nd figure's layout spins, and the session must stop
# it within the limit, name figure 2 and write nothing; and figures that
# each take 0.6 s of CPU, 7 of them, 4.2 s in all, must all be drawn with
# `--timeout 1`.
#   check_timeout.sh SAMVERKAN SOURCE_DIR [LAYOUT_FAULT]
set -u
samverkan=$1
src=$2
layout_fault=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$src/tools/gen-model.py" --bodies 4000 --steps 0 -o "$work/big.yaml" || exit 1
"$samverkan" --lang en render "$work/big.yaml" --view reporting --timeout 1 -o "$work/out.svg" \
    2> "$work/stderr"
status=$?
fail=0
[ "$status" -eq 2 ] || { echo "exit $status, expected 2"; fail=1; }
grep -q 'the layout did not finish within 1 second; .*\[render-limit\]' "$work/stderr" ||
    { echo "no render-limit message:"; cat "$work/stderr"; fail=1; }
[ ! -e "$work/out.svg" ] || { echo "out.svg was written"; fail=1; }
[ -z "$(ls "$work" | grep -v '^big.yaml$\|^stderr$')" ] || { echo "left behind:"; ls "$work"; fail=1; }
[ "$fail" -eq 0 ] && echo "render --timeout 1 stopped the layout: exit 2, nothing written"
rm -f "$work/stderr"

if [ -z "$layout_fault" ]; then
    echo "skip the report's session: no layout fault library given"
    exit "$fail"
fi
asan="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
start=$(date +%s)
LD_PRELOAD="$layout_fault" ASAN_OPTIONS="$asan" SAMVERKAN_TEST_LAYOUT_FAULT=spin:2 \
    "$samverkan" --lang en report "$src/models/umea-2024.yaml" --timeout 1 -o "$work/report.html" \
    2> "$work/stderr"
status=$?
took=$(( $(date +%s) - start ))
[ "$status" -eq 2 ] || { echo "report: exit $status, expected 2"; fail=1; }
grep -q '^.*: error: figure 2 (process:torgprocessen): the layout did not finish within 1 second; .*\[render-limit\]$' \
    "$work/stderr" || { echo "report: no render-limit message naming figure 2:"; cat "$work/stderr"; fail=1; }
[ ! -e "$work/report.html" ] || { echo "report.html was written"; fail=1; }
[ "$took" -le 20 ] || { echo "report: the spinning figure took $took s to stop"; fail=1; }
[ -z "$(ls "$work" | grep -v '^big.yaml$\|^stderr$\|^out.svg$')" ] || { echo "left behind:"; ls "$work"; fail=1; }

LD_PRELOAD="$layout_fault" ASAN_OPTIONS="$asan" SAMVERKAN_TEST_LAYOUT_FAULT=slow:600 \
    "$samverkan" --lang en report "$src/models/umea-2024.yaml" --timeout 1 -o "$work/report.html" \
    2> "$work/stderr"
status=$?
figures=$(grep -c '<svg' "$work/report.html" 2>/dev/null)
[ "$status" -eq 0 ] || { echo "report of slow figures: exit $status, expected 0:"; cat "$work/stderr"; fail=1; }
[ "${figures:-0}" -eq 7 ] || { echo "report of slow figures: ${figures:-0} figures, expected 7"; fail=1; }
[ "$fail" -eq 0 ] && echo "report --timeout 1: the spinning figure 2 stopped (exit 2, nothing written);" \
    "7 figures of 0.6 s each drawn"
exit "$fail"
