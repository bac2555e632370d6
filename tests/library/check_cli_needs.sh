#!/bin/bash
# The program links the igraph objects it calls from libigraph.a
# (SAMVERKAN_STATIC_IGRAPH, src/CMakeLists.txt), so that no start maps
# Debian's libigraph.so and the 23 libraries it brings (BLAS, LAPACK, ICU,
# libxml2, libgfortran, ...): none of them is among the program's needed
# libraries, and it still needs the ones it does use. Usage:
# check_cli_needs.sh SAMVERKAN
set -eu
program=$1
needed=$(objdump -p "$program" | awk '$1 == "NEEDED" {print $2}')
[ -n "$needed" ] || { echo "cli-needs: $program needs no shared library at all?" >&2; exit 1; }
stray=$(printf '%s\n' "$needed" |
        grep -E '^lib(igraph|blas|lapack|arpack|glpk|gmp|xml2|icu|gfortran|stdc\+\+|gomp|plfit)' || true)
if [ -n "$stray" ]; then
    echo "cli-needs: $program needs igraph's shared chain:" >&2
    printf '  %s\n' $stray >&2
    exit 1
fi
for lib in libyaml libjansson libcgraph libc.so; do
    printf '%s\n' "$needed" | grep -q "^$lib" || { echo "cli-needs: $program does not need $lib" >&2; exit 1; }
done
echo "cli-needs: $(printf '%s\n' "$needed" | wc -l) libraries, none of igraph's: $(printf '%s\n' "$needed" | tr '\n' ' ')"
