#!/bin/bash
# Every command's output formats, as its --help lists them (for check: the
# report stage's one table of formats), are the ones docs/cli.md and the
# manual page give it and the ones the completion offers; the unknown-format
# message of check names them all. None is left out when a format is added.
# usage: check_formats.sh SAMVERKAN SOURCE_DIR
set -u
bin=$1
src=$2
fail=0
export PATH="$(dirname "$bin"):$PATH"
shopt -u extglob
compopt() { :; }
# shellcheck source=/dev/null
source "$src/completions/samverkan.bash"
complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _samverkan
    echo "${COMPREPLY[*]}"
}
commands=$("$bin" --lang en --help | awk '/^commands:$/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {exit}')
[ "$(printf '%s\n' "$commands" | grep -c .)" -ge 10 ] || { echo "cannot read the commands from --help"; exit 1; }
[ "$(complete_words samverkan '')" = "$(printf '%s\n' $commands --lang --help --version | tr '\n' ' ' | sed 's/ $//')" ] ||
    { echo "the completion does not offer the commands of --help: $(complete_words samverkan '')"; fail=1; }
checked=0
for c in $commands; do
    list=$("$bin" --lang en "$c" --help | sed -n 's/.*--format \([a-z0-9|]*\).*/\1/p' | head -n 1)
    [ -n "$list" ] || continue
    checked=$((checked + 1))
    escaped=${list//|/\\|}
    grep -qF -- "--format $list" "$src/docs/cli.md" || grep -qF -- "--format $escaped" "$src/docs/cli.md" ||
        { echo "docs/cli.md does not give $c '--format $list'"; fail=1; }
    grep -qF -- "\\-\\-format \" $list" "$src/docs/samverkan.1" ||
        { echo "docs/samverkan.1 does not give $c '--format $list'"; fail=1; }
    offered=$(complete_words samverkan "$c" --format '')
    [ "$offered" = "${list//|/ }" ] || { echo "the completion offers $c --format '$offered', not '$list'"; fail=1; }
done
[ "$checked" -ge 6 ] || { echo "only $checked commands have --format"; fail=1; }
expected=$("$bin" --lang en check --help | sed -n 's/.*--format \([a-z0-9|]*\).*/\1/p' | sed 's/|\([a-z0-9]*\)$/ or \1/; s/|/, /g')
message=$("$bin" --lang en check --format nosuchformat "$src/models/umea-2024.yaml" 2>&1 >/dev/null)
case "$message" in
*"use $expected") ;;
*) echo "the unknown-format message does not list '$expected': $message"; fail=1 ;;
esac
exit $fail
