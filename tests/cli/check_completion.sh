#!/bin/bash
# The bash completion offers the commands, a command's options (read from
# its --help), the rules for explain, and the formats of check.
set -eu
completion=$1
bin_dir=$2
export PATH="$bin_dir:$PATH"
shopt -s extglob
# shellcheck source=/dev/null
source "$completion"
complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _samverkan
    echo "${COMPREPLY[*]}"
}
fail() { echo "completion: $*" >&2; exit 1; }
[[ " $(complete_words samverkan ch) " == *" check "* ]] || fail "no 'check' for 'ch'"
[[ " $(complete_words samverkan check --fo) " == *" --format "* ]] || fail "no --format for check"
[[ " $(complete_words samverkan check --format s) " == *" sarif "* ]] || fail "no sarif"
[[ " $(complete_words samverkan explain feedback) " == *" feedback-gap "* ]] || fail "no rule names for explain"
[[ " $(complete_words samverkan --lang s) " == *" sv "* ]] || fail "no sv for --lang"
[[ " $(complete_words samverkan render m.yaml --view d) " == *" diff "* ]] || fail "no diff for --view"
[[ " $(complete_words samverkan render m.yaml --view p) " == " process: party: " ]] || fail "no process: party: for --view"
[[ " $(complete_words samverkan render m.yaml --lanes u) " == *" unit "* ]] || fail "no unit for --lanes"
echo "completion ok"
