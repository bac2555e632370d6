#!/bin/bash
# Every function declared in the public headers carries SV_API, so that a
# function added to include/samverkan/ without it (hidden, hence missing
# from libsamverkan.so) fails here instead of in an embedder's link.
# A declaration begins in column 0 with its return type; typedefs, static
# inline functions and preprocessor lines are not exported functions.
# Usage: check_api_marked.sh INCLUDE_DIR
set -eu
dir=$1
missing=$(grep -nE '^[A-Za-z][^;{]*\bsv_[a-z0-9_]+[[:space:]]*\(' "$dir"/samverkan/*.h |
          grep -vE ':(SV_API |typedef |static |extern |#)' || true)
if [ -n "$missing" ]; then
    echo "api-marked: public functions declared without SV_API:" >&2
    printf '%s\n' "$missing" >&2
    exit 1
fi
count=$(cat "$dir"/samverkan/*.h | grep -cE '^SV_API ')
[ "$count" -gt 100 ] || { echo "api-marked: only $count SV_API declarations found" >&2; exit 1; }
echo "api-marked: $count declarations, each with SV_API"
