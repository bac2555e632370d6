#!/bin/sh
# Where a model's configuration comes from (docs/cli.md, "Configuration"):
# the nearest .samverkan.yaml upwards, never above the repository root (the
# folder holding .git) or $HOME; SAMVERKAN_CONFIG over that, --config over
# both, --no-config for none; extends (a cycle and a chain too deep are
# positioned errors) and overrides per path. The model is
# tests/cli/inputs/config-chair-off/changed.yaml: its body 'Styrgrupp' at
# 12:5 has no chair, a warning by default. The tree, made here since .git
# cannot be committed:
#   outer/.samverkan.yaml             body-without-chair: error (above both roots)
#   outer/repo/.git/
#   outer/repo/.samverkan.yaml        body-without-chair: off
#   outer/repo/a/b/model.yaml         two levels below it
#   outer/repo2/.git, repo2/a/b/model.yaml   no configuration in its repository
#   outer/home/x/model.yaml           $HOME=outer/home: nothing above it is read
#   ov/ (its own .git)                overrides, extends, cycles
#   check_config_discovery.sh SAMVERKAN SOURCE_DIR
set -u
samverkan=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
model="$src/tests/cli/inputs/config-chair-off/changed.yaml"
cd "$work" || exit 1
mkdir -p outer/repo/.git outer/repo/a/b outer/repo2/.git outer/repo2/a/b outer/home/x \
    ov/.git ov/regioner
printf 'rules:\n  body-without-chair: error\n' >outer/.samverkan.yaml
printf 'rules:\n  body-without-chair: off\n' >outer/repo/.samverkan.yaml
cp "$model" outer/repo/a/b/model.yaml
cp "$model" outer/repo2/a/b/model.yaml
cp "$model" outer/home/x/model.yaml

# expect NAME WANTED_STATUS PATTERN COMMAND...: the status, and a line of
# standard output and error matching PATTERN (grep -E), or none for "!PATTERN"
expect() {
    name=$1 want=$2 pattern=$3
    shift 3
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "$name: exit $rc, not $want"; echo "$out" | head -20; fail=1; return
    fi
    case $pattern in
    !*) if echo "$out" | grep -Eq -- "${pattern#!}"; then
            echo "$name: unexpected '${pattern#!}' in:"; echo "$out" | head -20; fail=1
        fi ;;
    *) if ! echo "$out" | grep -Eq -- "$pattern"; then
            echo "$name: no '$pattern' in:"; echo "$out" | head -20; fail=1
        fi ;;
    esac
}
sv() { HOME="$work/outer/home" "$samverkan" --lang en "$@"; }
warning='12:5: warning: .*\[body-without-chair\]'

# discovery: two levels up, not above the .git root
expect two-levels-up 0 '!body-without-chair\]' sv check outer/repo/a/b/model.yaml
expect two-levels-up-json 0 '^    "outer/repo/.samverkan.yaml"$' sv check -f json outer/repo/a/b/model.yaml
expect two-levels-up-from-below 0 '^    "\.\./\.\./\.samverkan\.yaml"$' \
    sh -c "cd outer/repo/a/b && HOME='$work/outer/home' '$samverkan' check -f json model.yaml"
expect not-above-git-root 0 "^outer/repo2/a/b/model.yaml:$warning" sv check outer/repo2/a/b/model.yaml
expect not-above-git-root-json 0 '!"configs"' sv check -f json outer/repo2/a/b/model.yaml
expect not-above-home 0 "^outer/home/x/model.yaml:$warning" sv check outer/home/x/model.yaml
# each input of one run its own
expect each-its-own 0 '^    null$' sv check -f json outer/repo/a/b/model.yaml outer/repo2/a/b/model.yaml
expect each-its-own-sarif 0 '"toolSpecifiedConfiguration"' sv check -f sarif outer/repo/a/b/model.yaml
# standard input: from the name's folder, else the current one
expect stdin-filename 0 '^    "outer/repo/.samverkan.yaml"$' \
    sh -c "HOME='$work/outer/home' '$samverkan' check -f json --stdin-filename outer/repo/a/b/m.yaml <'$model'"
expect stdin-cwd 0 '^    "\.\./\.samverkan\.yaml"$' \
    sh -c "cd outer/repo/a && HOME='$work/outer/home' '$samverkan' check -f json - <'$model'"

# SAMVERKAN_CONFIG over discovery, --config over both, --no-config: none
expect env 1 "^outer/repo/a/b/model.yaml:12:5: error: " \
    env SAMVERKAN_CONFIG=outer/.samverkan.yaml HOME="$work/outer/home" "$samverkan" check outer/repo/a/b/model.yaml
expect env-sarif 1 '"userSpecifiedConfiguration"' \
    env SAMVERKAN_CONFIG=outer/.samverkan.yaml HOME="$work/outer/home" "$samverkan" check -f sarif outer/repo/a/b/model.yaml
expect config-over-env 0 '!body-without-chair\]' \
    env SAMVERKAN_CONFIG=outer/.samverkan.yaml "$samverkan" check --config outer/repo/.samverkan.yaml outer/repo/a/b/model.yaml
expect no-config 0 "^outer/repo/a/b/model.yaml:$warning" \
    env SAMVERKAN_CONFIG=outer/.samverkan.yaml "$samverkan" check --no-config outer/repo/a/b/model.yaml
expect no-config-json 0 '!"configs"' sv check -f json --no-config outer/repo/a/b/model.yaml
expect render-found 0 '!Styrgrupp: a decision' sv render --findings outer/repo/a/b/model.yaml --view governance -f dot
expect render-no-config 0 'Styrgrupp: a decision' sv render --no-config --findings outer/repo/a/b/model.yaml --view governance -f dot
# the configuration found is never written over
expect never-over-found 2 'samverkan' sv check outer/repo/a/b/model.yaml -o outer/repo/.samverkan.yaml
[ "$(cat outer/repo/.samverkan.yaml)" = "$(printf 'rules:\n  body-without-chair: off')" ] ||
    { echo "never-over-found: the configuration was changed"; fail=1; }

# overrides: one file of two gets another severity
cp "$model" ov/regioner/norr.yaml
cp "$model" ov/syd.yaml
printf 'rules:\n  body-without-chair: error\n' >ov/base.yaml
cat >ov/.samverkan.yaml <<'YAML'
extends: base.yaml
overrides:
  - files: ["regioner/*.yaml"]
    rules: {body-without-chair: note}
YAML
expect override-one 1 '^ov/regioner/norr.yaml:12:5: note: .*\[body-without-chair\]' sv check ov/regioner/norr.yaml ov/syd.yaml
expect override-other 1 '^ov/syd.yaml:12:5: error: .*\[body-without-chair\]' sv check ov/regioner/norr.yaml ov/syd.yaml
expect override-summary 1 '^1 error, 0 warnings, 1 note$' sv check ov/regioner/norr.yaml ov/syd.yaml
printf 'overrides:\n  - files: "**/norr.yaml"\n    rules: {body-without-chair: off}\n' >ov/deep.yaml
expect override-globstar 0 '^0 errors, 0 warnings, 0 notes$' sv check --config ov/deep.yaml ov/regioner/norr.yaml
expect never-over-extended 2 'samverkan' sv check ov/syd.yaml -o ov/base.yaml

# extends: a cycle and a chain too deep, at the 'extends' that closes it
printf 'extends: [base.yaml, c2.yaml]\n' >ov/c1.yaml
printf 'rules: {}\nextends: c1.yaml\n' >ov/c2.yaml
expect cycle 2 '^ov/c2.yaml:2:10: error: the configuration extends itself: ov/c1.yaml -> ov/c2.yaml -> ov/c1.yaml \[extends-cycle\]$' \
    sv check --config ov/c1.yaml ov/syd.yaml
expect cycle-sv 2 '^ov/c2.yaml:2:10: fel: konfigurationen utökar sig själv: ov/c1.yaml -> ov/c2.yaml -> ov/c1.yaml \[extends-cycle\]$' \
    "$samverkan" --lang sv check --config ov/c1.yaml ov/syd.yaml
i=1
while [ $i -le 11 ]; do printf 'extends: d%d.yaml\n' $((i + 1)) >ov/d$i.yaml; i=$((i + 1)); done
printf 'rules: {}\n' >ov/d12.yaml
expect too-deep 2 "^ov/d11.yaml:1:10: error: 'extends' goes more than 10 files deep \[extends-too-deep\]$" \
    sv check --config ov/d1.yaml ov/syd.yaml
expect ten-deep 0 "^ov/syd.yaml:$warning" sv check --config ov/d2.yaml ov/syd.yaml
expect typo 2 "^ov/bad.yaml:2:5: error: unknown key 'rulse' in an entry of 'overrides'; did you mean 'rules'\? \[unknown-key\]$" \
    sh -c "printf 'overrides:\n  - rulse: {}\n    files: x.yaml\n' >ov/bad.yaml; '$samverkan' --lang en check --config ov/bad.yaml ov/syd.yaml"

[ "$fail" -eq 0 ] && echo "configuration discovery, SAMVERKAN_CONFIG, --no-config, extends and overrides as documented"
exit "$fail"
