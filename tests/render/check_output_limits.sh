#!/bin/sh
# The output bounds of docs/limits.md ("Writing"), on the reproducers of
# issue 10: a generated model of 1.4 MB (1,000 bodies, 3,000 steps) asks for
# a RACI table of 3,000 steps × 1,655 columns (90 MB of HTML), a report of
# 160 MiB (before it drew only 20 processes: now refused under 1 MB) and a trace of 700 service points × 913 days. With the default
# --max-output-size each is refused before it is made: exit 2, the message
# output-too-large, nothing written, in well under a second (the CSV
# with a limit of 10 MB, since it is smaller). Raised, the
# RACI table is streamed: the file is written whole with a peak RSS far
# below its size.
#   check_output_limits.sh SAMVERKAN SOURCE_DIR
set -u
samverkan=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$src/tools/gen-model.py" --bodies 1000 --steps 3000 -o "$work/big.yaml" || exit 1
fail=0

# refused: exit 2, output-too-large, no file, nothing left behind
refused() {
    name=$1
    shift
    start=$(date +%s.%N)
    "$samverkan" --lang en "$@" 2> "$work/stderr" > "$work/stdout"
    status=$?
    took=$(echo "$(date +%s.%N) - $start" | bc)
    [ "$status" -eq 2 ] || { echo "$name: exit $status, expected 2"; fail=1; }
    grep -q "would take about .*, more than the .* that --max-output-size allows.*\[output-too-large\]" \
        "$work/stderr" || { echo "$name: no output-too-large message:"; cat "$work/stderr"; fail=1; }
    [ ! -s "$work/stdout" ] || { echo "$name: wrote to stdout"; fail=1; }
    left=$(ls -A "$work" | grep -v '^big.yaml$\|^stderr$\|^stdout$')
    [ -z "$left" ] || { echo "$name: left behind: $left"; fail=1; }
    [ "$(echo "$took < 5" | bc)" -eq 1 ] || { echo "$name: took $took s to refuse"; fail=1; }
    echo "$name: refused in $took s"
}

refused "raci html" render "$work/big.yaml" --view raci --format html -o "$work/raci.html"
refused "raci csv to stdout, 10 MB" render "$work/big.yaml" --view raci --format csv \
    --max-output-size 10000000
# the report draws 20 of its 300 processes and leaves the RACI matrix out
# (docs/report.md), so it fits the default now: refused under 1 MB
refused "report, 1 MB" report "$work/big.yaml" -o "$work/report.html" --max-output-size 1000000
refused "trace" simulate "$work/big.yaml" --runs 2 --trace "$work/trace.csv"
grep -q "the RACI table\|the report\|the trace" "$work/stderr" || { echo "no subject named"; fail=1; }

# raised: streamed, the whole table written, memory far below its size.
# The baseline is the peak of the refused run (the model loaded, nothing
# made), which is what the sanitizer build adds its own overhead to.
if command -v /usr/bin/time > /dev/null; then
    /usr/bin/time -f '%M' -o "$work/rss" "$samverkan" render "$work/big.yaml" --view raci \
        --format html -o "$work/raci.html" 2> /dev/null
    base=$(tail -1 "$work/rss")
    /usr/bin/time -f '%M' -o "$work/rss" "$samverkan" render "$work/big.yaml" --view raci \
        --format html --max-output-size 1000000000 -o "$work/raci.html" || { echo "raised: failed"; fail=1; }
    size=$(wc -c < "$work/raci.html")
    rss=$(tail -1 "$work/rss")
    [ "$size" -gt 80000000 ] || { echo "raised: only $size bytes"; fail=1; }
    tail -c 40 "$work/raci.html" | grep -q '</table>' || { echo "raised: table not closed"; fail=1; }
    # streamed: the peak grows by far less than the table (a buffer would add all of it)
    [ "$rss" -lt $((base + size / 1024 / 4)) ] ||
        { echo "raised: peak RSS $rss KiB (refused: $base KiB) for $size bytes"; fail=1; }
    echo "raised: $size bytes written at a peak of $rss KiB (the model alone: $base KiB)"
    rm -f "$work/raci.html" "$work/rss"
fi
[ "$fail" -eq 0 ] && echo "every oversized output refused, exit 2, nothing written"
exit "$fail"
