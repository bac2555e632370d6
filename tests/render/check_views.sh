#!/bin/sh
# Every view of the render stage's one table (as `render --help` lists it)
# is named by the unknown-view message, has a section in docs/diagrams.md
# and is in its --view row, and is in the manual page: none is left out
# when a view is added.
# usage: check_views.sh SAMVERKAN SOURCE_DIR
set -u
bin=$1
src=$2
fail=0
views=$("$bin" --lang en render --help | sed -n '/^views:$/,$p' | sed -n 's/^  \([a-z]*\(:ID\)\{0,1\}\)  .*/\1/p')
count=$(printf '%s\n' "$views" | grep -c .)
if [ "$count" -lt 6 ]; then
    echo "render --help lists $count views, expected at least 6 (diff included):"
    "$bin" --lang en render --help
    exit 1
fi
printf '%s\n' "$views" | grep -qx diff || { echo "render --help does not list diff"; fail=1; }
expected=$(printf '%s\n' "$views" | paste -sd, - | sed 's/,/, /g')
message=$("$bin" --lang en render "$src/models/umea-2024.yaml" --view nosuchview 2>&1 >/dev/null)
case "$message" in
*"the views are: $expected"*) ;;
*) echo "the unknown-view message does not list '$expected': $message"; fail=1 ;;
esac
row=$(grep '^| `-v, --view VIEW` |' "$src/docs/diagrams.md")
for v in $views; do
    grep -qx "## $v" "$src/docs/diagrams.md" || { echo "docs/diagrams.md has no section '## $v'"; fail=1; }
    case "$row" in
    *"\`$v\`"*) ;;
    *) echo "the --view row of docs/diagrams.md does not name \`$v\`"; fail=1 ;;
    esac
    name=${v%:ID}
    grep -q "^\.B[IR]* $name\( \|:\|$\)" "$src/docs/samverkan.1" ||
        { echo "docs/samverkan.1 does not name the view $name"; fail=1; }
done
exit $fail
