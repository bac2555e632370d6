#!/bin/bash
# Hostile and careless inputs and outputs, as a user or an attacker would
# try them (issue 10): scenario bases that are empty, outside the
# scenario's project, FIFOs without a writer, /dev/stdin on an idle pipe,
# foreign files; and outputs that would replace the configuration (found
# beside the model, or given with --config, also when it is not read) or
# each other. Each case: exit 2, the specific error code or message on
# stderr, no hang (every command runs under a time limit), nothing written,
# no byte of a foreign file echoed.
# Usage: run_hostile_io.sh SAMVERKAN SOURCE_ROOT
set -u
bin=$1
root=$2
work=$(mktemp -d)
idle_pid=
trap '[[ -n $idle_pid ]] && kill "$idle_pid" 2>/dev/null; rm -rf "$work"' EXIT
failures=0
pass=0

fail() {
    echo "FAIL $1"
    failures=$((failures + 1))
}

# name expected-exit stderr-pattern command...: runs the command for at
# most 10 s (a hang is a failure, exit 124) from the current folder
check() {
    local name=$1 expected=$2 pattern=$3
    shift 3
    timeout 10 "$@" >"$work/out" 2>"$work/err" </dev/null
    local rc=$?
    if [[ $rc != "$expected" ]]; then
        fail "$name: exit $rc, expected $expected; stderr: $(head -c 400 "$work/err")"
        return 1
    fi
    if [[ -n $pattern ]] && ! grep -q -- "$pattern" "$work/err"; then
        fail "$name: stderr lacks '$pattern': $(head -c 400 "$work/err")"
        return 1
    fi
    pass=$((pass + 1))
}

absent() { # name file
    if [[ -e $2 ]]; then fail "$1: $2 was written"; else pass=$((pass + 1)); fi
}

unchanged() { # name file expected-content
    if [[ $(cat "$2" 2>/dev/null) != "$3" ]]; then fail "$1: $2 was changed"; else pass=$((pass + 1)); fi
}

scenario() { # file base-line
    printf 'samverkan: 1\nscenario:\n  id: s\n  name: S\n%s\n  changes: []\n' "$2" >"$1"
}

# ---- bases ----
mkdir -p "$work/a/b/c/d/proj"
cd "$work/a/b/c/d/proj" || exit 2

# an empty base, run from the scenario's own folder (a heap overflow once)
scenario s.yaml "  base: ''"
check base-empty-quoted 2 "'base' is empty" "$bin" check s.yaml
scenario s.yaml "  base:"
check base-empty-null 2 "'base' is empty" "$bin" check s.yaml

# a base outside the scenario's folder tree is refused before it is read,
# and nothing of the foreign file is shown
scenario s.yaml "  base: ../../../../../../../../etc/passwd"
check base-passwd 2 "\[base-outside\]" "$bin" check s.yaml
if grep -q "root:" "$work/err"; then fail "base-passwd: /etc/passwd echoed"; else pass=$((pass + 1)); fi
check base-passwd-json 2 "" "$bin" check --format json s.yaml
if grep -q "root:" "$work/out" "$work/err"; then fail "base-passwd-json: echoed"; else pass=$((pass + 1)); fi
check base-passwd-sarif 2 "" "$bin" check --format sarif s.yaml
if grep -q "root:" "$work/out" "$work/err"; then fail "base-passwd-sarif: echoed"; else pass=$((pass + 1)); fi
scenario s.yaml "  base: /etc/passwd"
check base-absolute 2 "\[base-outside\]" "$bin" check s.yaml
# ... also through a symbolic link inside the folder
ln -s /etc/passwd inside-link.yaml
scenario s.yaml "  base: inside-link.yaml"
check base-symlink-out 2 "\[base-outside\]" "$bin" check s.yaml
# ... and in every command that reads a model
cp "$root/models/umea-2024.yaml" "$work/a/umea.yaml"
scenario s.yaml "  base: ../../../../umea.yaml"
for cmd in "check s.yaml" "render s.yaml --view governance -f dot" "diff $work/a/umea.yaml s.yaml" \
           "simulate --runs 2 --months 1 s.yaml" "metrics s.yaml" "whatif s.yaml --without af" \
           "report s.yaml"; do
    # shellcheck disable=SC2086
    check "base-outside-${cmd%% *}" 2 "\[base-outside\]" "$bin" $cmd
done
# --allow-base-outside reads it
check base-outside-allowed 0 "" "$bin" check --fail-on never --allow-base-outside s.yaml
# a project folder marked by .samverkan.yaml above the scenario takes it in
mkdir -p "$work/p/scenarios"
cp "$root/models/umea-2024.yaml" "$work/p/model.yaml"
echo "rules: {}" >"$work/p/.samverkan.yaml"
scenario "$work/p/scenarios/s.yaml" "  base: ../model.yaml"
check base-in-project 0 "" "$bin" check --fail-on never "$work/p/scenarios/s.yaml"
rm "$work/p/.samverkan.yaml"
check base-no-project 2 "\[base-outside\]" "$bin" check "$work/p/scenarios/s.yaml"
# the bundled scenario, outside any repository (models/.samverkan.yaml)
mkdir -p "$work/copy"
cp -r "$root/models" "$work/copy/"
check bundled-scenario-copy 1 "" "$bin" check "$work/copy/models/scenarios/merged-torg-2025.yaml"

# a FIFO without a writer, and /dev/stdin on an idle pipe: no hang
mkfifo fifo.yaml
scenario s.yaml "  base: fifo.yaml"
check base-fifo 2 "not a regular file" "$bin" check s.yaml
scenario s.yaml "  base: /dev/stdin"
# (the idle writer is a process substitution, which bash does not wait for)
timeout 10 "$bin" check --allow-base-outside s.yaml >"$work/out" 2>"$work/err" < <(exec sleep 30)
rc=$?
if [[ $rc != 2 ]] || ! grep -q "not a regular file" "$work/err"; then
    fail "base-dev-stdin: exit $rc: $(head -c 300 "$work/err")"
else
    pass=$((pass + 1))
fi
scenario s.yaml "  base: /dev/zero"
check base-dev-zero 2 "not a regular file" "$bin" check --allow-base-outside s.yaml

# a foreign YAML file inside the folder: its keys are not listed
printf 'password: hunter2\nuser: admin\n' >secrets.yaml
scenario s.yaml "  base: secrets.yaml"
check base-foreign-yaml 2 "\[not-a-model\]" "$bin" check --format json s.yaml
if grep -q -e hunter2 -e password "$work/out" "$work/err"; then
    fail "base-foreign-yaml: the file's keys or values are shown"
else
    pass=$((pass + 1))
fi

# ---- outputs over the configuration, found or given ----
cd "$work" || exit 2
mkdir conf
cp "$root/models/umea-2024.yaml" conf/m.yaml
echo "rules: {body-without-chair: off}" >conf/.samverkan.yaml
conf_before=$(cat conf/.samverkan.yaml)
msg="which this command reads"
check render-svg-over-config 2 "$msg" "$bin" render conf/m.yaml --view governance -f svg -o conf/.samverkan.yaml
check render-csv-over-config 2 "$msg" "$bin" render conf/m.yaml --view raci -f csv -o conf/.samverkan.yaml
check trace-over-config 2 "$msg" "$bin" simulate --runs 2 --months 1 conf/m.yaml --trace conf/.samverkan.yaml
check plot-over-config 2 "$msg" "$bin" simulate --runs 2 --months 1 conf/m.yaml --plot conf/.samverkan.yaml
check report-over-config 2 "$msg" "$bin" report conf/m.yaml -o conf/.samverkan.yaml
ln -s .samverkan.yaml conf/link.svg
check render-over-config-symlink 2 "$msg" "$bin" render conf/m.yaml --view governance -o conf/link.svg
ln conf/.samverkan.yaml conf/hard.svg
check render-over-config-hardlink 2 "$msg" "$bin" render conf/m.yaml --view governance -o conf/hard.svg
check render-over-config-dotted 2 "$msg" "$bin" render conf/m.yaml --view governance -f svg -o conf/./../conf/.samverkan.yaml
unchanged config-kept conf/.samverkan.yaml "$conf_before"
# the config that would be found, though there is none yet
mkdir noconf
cp "$root/models/umea-2024.yaml" noconf/m.yaml
check render-creates-config 2 "$msg" "$bin" render noconf/m.yaml --view governance -f svg -o noconf/.samverkan.yaml
absent render-creates-config noconf/.samverkan.yaml
# --config X -o X, without --findings (the config is given but not read)
echo "rules: {}" >X
check render-config-given 2 "$msg" "$bin" render --config X -f svg -o X conf/m.yaml --view governance
unchanged render-config-given X "rules: {}"
# the config beside a scenario's base
mkdir -p chain/scenarios
cp "$root/models/umea-2024.yaml" chain/m.yaml
echo "rules: {}" >chain/.samverkan.yaml
scenario chain/scenarios/s.yaml "  base: ../m.yaml"
check render-over-base 2 "$msg" "$bin" render chain/scenarios/s.yaml --view governance -f svg -o chain/m.yaml
check report-over-scenario-config 2 "$msg" "$bin" report chain/scenarios/s.yaml -o chain/scenarios/.samverkan.yaml
absent report-over-scenario-config chain/scenarios/.samverkan.yaml

# two outputs of one run on the same file
check trace-plot-same 2 "given for two outputs" "$bin" simulate --runs 2 --months 1 conf/m.yaml --trace t.out --plot t.out
absent trace-plot-same t.out
ln -s t2.out t.lnk
check trace-plot-same-link 2 "given for two outputs" "$bin" simulate --runs 2 --months 1 conf/m.yaml --trace t2.out --plot ./t2.out
absent trace-plot-same-link t2.out

echo "$pass passed, $failures failed"
[[ $failures == 0 ]]
