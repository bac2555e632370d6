#!/bin/bash
# The public headers stand on their own and show no dependency: each
# header of include/samverkan/ includes only headers of the C standard
# library and of samverkan (never igraph, Graphviz, jansson or libyaml,
# whose headers jansson.h and yaml.h sit on the default include path, so
# that compiling alone would not catch them), and compiles alone, as C11
# with no include path but the
# project's own. Usage: check_headers_alone.sh CC INCLUDE_DIR GENERATED_INCLUDE_DIR
set -eu
cc=$1
include=$2
generated=$3
standard='assert|complex|ctype|errno|fenv|float|inttypes|iso646|limits|locale|math|setjmp|signal|stdalign|stdarg|stdatomic|stdbool|stddef|stdint|stdio|stdlib|stdnoreturn|string|tgmath|threads|time|uchar|wchar|wctype'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
headers=("$include"/samverkan/*.h "$generated"/samverkan/*.h)
for header in "${headers[@]}"; do
    name=samverkan/$(basename "$header")
    bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include' "$header" |
          grep -vE "<($standard)\.h>|\"samverkan/[a-z_]+\.h\"" || true)
    if [ -n "$bad" ]; then
        echo "headers: $name includes what is not the C library or samverkan:" >&2
        printf '  %s\n' "$bad" >&2
        status=1
    fi
    printf '#include "%s"\nint main(void) { return 0; }\n' "$name" > "$tmp/alone.c"
    if ! "$cc" -std=c11 -pedantic -Wall -Wextra -Werror -I"$include" -I"$generated" \
         -c "$tmp/alone.c" -o "$tmp/alone.o" 2> "$tmp/err"; then
        echo "headers: $name does not compile alone:" >&2
        cat "$tmp/err" >&2
        status=1
    fi
done
[ "$status" = 0 ] && echo "headers: ${#headers[@]} public headers, each alone, no dependency's header"
exit "$status"
