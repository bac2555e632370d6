#!/bin/bash
# The library defines the public API and nothing else that a program linked
# with it could see: every global symbol it defines begins with sv_, so that
# none can collide with a name of the program's own. For the shared library
# that is its dynamic table, apart from the linker's own (_init, _fini,
# __bss_start, _edata, _end). The static archive has no such table: an
# embedding program sees every global symbol of its objects, the internal
# helpers shared between files (sv_rc_node, sv_sb_puts) and the rule
# functions too, so those carry the prefix as well; names with two leading
# underscores are the compiler's (GCC's AddressSanitizer defines
# __odr_asan.NAME beside each global) and reserved to it, never a
# program's. Usage: check_exports.sh LIBSAMVERKAN.so|LIBSAMVERKAN.a
set -eu
lib=$1
case $lib in
*.a) kind=archive
     symbols=$(nm -g --defined-only "$lib" | awk 'NF == 3 {print $3}')
     allowed='^(sv_|__)' ;;
*)   kind=exports
     symbols=$(nm -D --defined-only "$lib" | awk '{print $NF}')
     allowed='^(sv_|_init$|_fini$|__bss_start$|_edata$|_end$)' ;;
esac
[ -n "$symbols" ] || { echo "$kind: $lib defines no global symbol" >&2; exit 1; }
stray=$(printf '%s\n' "$symbols" | grep -Ev "$allowed" | sort || true)
if [ -n "$stray" ]; then
    count=$(printf '%s\n' "$stray" | wc -l)
    echo "$kind: $lib defines $count global symbols without the sv_ prefix:" >&2
    printf '  %s\n' $stray >&2
    exit 1
fi
# the API is there, not only its absence of strays
for name in sv_library_init sv_model_load sv_rules_run sv_graph_governance sv_render; do
    printf '%s\n' "$symbols" | grep -qx "$name" ||
        { echo "$kind: $name is not defined" >&2; exit 1; }
done
echo "$kind: $(printf '%s\n' "$symbols" | grep -c '^sv_') sv_ symbols, nothing else"
