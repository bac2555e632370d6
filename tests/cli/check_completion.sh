#!/bin/bash
# The bash completion offers the commands, a command's options (read from
# its --help), the rules for explain, and the formats of check; in plain
# bash (extglob off, as a non-interactive shell has it), and with file names
# that hold spaces kept whole.
set -eu
completion=$1
bin_dir=$2
export PATH="$bin_dir:$PATH"
shopt -u extglob
# shellcheck source=/dev/null
source "$completion"
complete -p samverkan | grep -q -- '-F _samverkan' || { echo "completion: not registered" >&2; exit 1; }
# compopt works only inside a completion that readline runs; here it is a no-op
compopt() { :; }
complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _samverkan
    echo "${COMPREPLY[*]}"
}
# one candidate a line, to tell "a b.yaml" from "a" and "b.yaml"
complete_lines() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _samverkan
    printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
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
[[ " $(complete_words samverkan check --color a) " == " auto always " ]] || fail "no auto always for --color"
[[ " $(complete_words samverkan check --format = j) " == " json junit " ]] || fail "no json junit for --format=j"
[[ " $(complete_words samverkan check --format =) " == *" sarif "* ]] || fail "no formats for --format="
[[ " $(complete_words samverkan help ex) " == " explain " ]] || fail "no explain for help ex"
[[ " $(complete_words samverkan check --max) " == *" --max-warnings "* ]] || fail "no --max-warnings"
# files: models and folders, names with spaces kept whole, other files left out
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/my models"
: > "$work/my model.yaml"
: > "$work/my notes.txt"
: > "$work/other.yml"
cd "$work"
[[ $(shopt -p extglob) == "shopt -u extglob" ]] || fail "extglob is on"
got=$(complete_lines samverkan check my)
[[ $got == $'my model.yaml\nmy models' ]] || fail "files for 'my': $(printf '%q ' "$got")"
got=$(complete_lines samverkan check -o my)
[[ $got == $'my model.yaml\nmy models\nmy notes.txt' ]] || fail "files for -o: $(printf '%q ' "$got")"
got=$(complete_lines samverkan check '')
[[ $got == $'my model.yaml\nmy models\nother.yml' ]] || fail "models for '': $(printf '%q ' "$got")"
echo "completion ok"
