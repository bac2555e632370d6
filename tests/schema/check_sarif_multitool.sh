#!/bin/bash
# SARIF for code scanning: the logs of `check --format sarif` pass Microsoft's
# SARIF multitool (`validate` with the SARIF and the GitHub rule sets,
# `--rule-kind Gh;Sarif`) without an error or a warning — for a model named
# by its absolute path, by a relative path from a subfolder, outside the git
# top level (an absolute file:// URI), and for a model that cannot be loaded.
# usage: check_sarif_multitool.sh SAMVERKAN SOURCE_DIR WORK
# The multitool is $SARIF_MULTITOOL, else the one .ci/run installs with npm
# under ~/.cache/samverkan/sarif-multitool; without it the test is skipped.
set -u
bin=$1
src=$2
work=$3
tool=${SARIF_MULTITOOL:-${XDG_CACHE_HOME:-$HOME/.cache}/samverkan/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}
if [ -z "$tool" ] || [ ! -x "$tool" ]; then
    echo "SKIPPED: the SARIF multitool is not installed (npm install @microsoft/sarif-multitool-linux)"
    exit 0
fi
rm -rf "$work"
mkdir -p "$work/outside dir"
cp "$src/models/umea-2024.yaml" "$work/outside dir/umeå #1.yaml"
fail=0
run() { # NAME DIR ARGS...: check in DIR, then validate the log
    local name=$1 dir=$2
    shift 2
    (cd "$dir" && "$bin" --lang en check --format sarif "$@" >"$work/$name.sarif" 2>/dev/null)
    local rc=$?
    [ "$rc" -le 2 ] || { echo "$name: check ended with $rc"; fail=1; return; }
    grep -q '"results"' "$work/$name.sarif" || { echo "$name: no SARIF log written"; fail=1; return; }
    local out
    out=$("$tool" validate --rule-kind "Gh;Sarif" --log ForceOverwrite -o "$work/$name.validation.sarif" \
        "$work/$name.sarif" 2>&1)
    if printf '%s\n' "$out" | grep -E ': (error|warning) [A-Z]+[0-9]+:'; then
        echo "$name: the multitool finds the above in $work/$name.sarif"
        fail=1
    elif ! printf '%s\n' "$out" | grep -q 'Analysis completed successfully'; then
        printf '%s\n' "$out"
        echo "$name: the multitool did not complete"
        fail=1
    else
        echo "$name: ok"
    fi
}
run absolute "$src" "$src/models/umea-2024.yaml"
run subfolder "$src/models" umea-2024.yaml
run outside "$src" "$work/outside dir/umeå #1.yaml"
run load-errors "$src" tests/cli/inputs/many-errors.yaml
run base-uri "$src" --base-uri https://example.org/samverkan/ models/umea-2024.yaml
# the same finding has the same fingerprint whichever way the model is named
fp() { grep -o '"samverkan/v1": "[0-9a-f]*"' "$work/$1.sarif"; }
[ "$(fp absolute)" = "$(fp subfolder)" ] || { echo "the fingerprints differ between absolute and subfolder"; fail=1; }
exit $fail
