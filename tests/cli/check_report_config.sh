#!/bin/sh
# report reads .samverkan.yaml beside the model, as check does and as its
# --help says: tests/cli/inputs/with-config turns dual-chair and sole-link
# off, so the report of that model has no section for them, while the
# same model without the file (the control) has both.
#   check_report_config.sh SAMVERKAN SOURCE_DIR
set -u
samverkan=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
"$samverkan" --lang en report "$src/tests/cli/inputs/with-config/model.yaml" -o "$work/with.html" || fail=1
cp "$src/tests/cli/inputs/with-config/model.yaml" "$work/model.yaml"
"$samverkan" --lang en report "$work/model.yaml" -o "$work/without.html" || fail=1
for rule in dual-chair sole-link; do
    if grep -q "id=\"rule-$rule\"" "$work/with.html"; then
        echo "the configuration beside the model turns $rule off, yet the report lists it"
        fail=1
    fi
    if ! grep -q "id=\"rule-$rule\"" "$work/without.html"; then
        echo "without the configuration the report should list $rule (the control)"
        fail=1
    fi
done
[ "$fail" -eq 0 ] && echo "report follows .samverkan.yaml beside the model"
exit "$fail"
