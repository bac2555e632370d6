#!/bin/sh
# The layout time limit of docs/limits.md: a reporting view of 4,000 bodies
# does not lay out in one second of CPU, so `render --timeout 1` must stop
# the layout, say so (render-limit), exit 2 and write nothing.
#   check_timeout.sh SAMVERKAN SOURCE_DIR
set -u
samverkan=$1
src=$2
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
exit "$fail"
