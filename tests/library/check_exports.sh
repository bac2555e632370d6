#!/bin/bash
# The shared library exports the public API and nothing else: every symbol
# of its dynamic table that it defines begins with sv_, apart from the
# linker's own (_init, _fini, __bss_start, _edata, _end). Usage:
# check_exports.sh LIBSAMVERKAN.so
set -eu
lib=$1
symbols=$(nm -D --defined-only "$lib" | awk '{print $NF}')
[ -n "$symbols" ] || { echo "exports: $lib defines no dynamic symbol" >&2; exit 1; }
stray=$(printf '%s\n' "$symbols" | grep -Ev '^(sv_|_init$|_fini$|__bss_start$|_edata$|_end$)' || true)
if [ -n "$stray" ]; then
    echo "exports: $lib exports symbols without the sv_ prefix:" >&2
    printf '  %s\n' $stray >&2
    exit 1
fi
# the API is there, not only its absence of strays
for name in sv_library_init sv_model_load sv_rules_run sv_graph_governance sv_render; do
    printf '%s\n' "$symbols" | grep -qx "$name" || { echo "exports: $name is not exported" >&2; exit 1; }
done
echo "exports: $(printf '%s\n' "$symbols" | grep -c '^sv_') sv_ symbols, nothing else"
