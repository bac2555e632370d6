#!/bin/bash
# The library keeps no writable static data: two calls at once must share
# nothing but what they are given. Every static object in src/ (but the
# CLI, a program of one thread) is const, _Thread_local, or justified by a
# comment that says "writable static" on its line or the four before it
# (render.c: what a signal handler or the forked layout child reaches).
# A pointer to const (`static const char *p`) is itself writable and
# counts. Usage: check_statics.sh SRC_DIR
set -eu
src=$1
found=$(cd "$src" && find . -path ./cli -prune -o \( -name '*.c' -o -name '*.h' \) -print | sort |
        while read -r file; do
            awk -v file="${file#./}" '
                { window[NR % 5] = $0 }
                /^[ \t]*static[ \t]/ && !/^[ \t]*static[ \t]+(inline|_Thread_local)[ \t]/ && !/\(/ {
                    writable = !/^[ \t]*static[ \t]+const[ \t]/ || (/\*/ && !/\*[ \t]*const[ \t]/)
                    if (!writable) next
                    ok = 0
                    for (k = 0; k < 5; k++) if (tolower(window[k]) ~ /writable static/) ok = 1
                    if (!ok) printf "%s:%d: %s\n", file, NR, $0
                }' "$file"
        done)
if [ -n "$found" ]; then
    echo "statics: writable static data in the library (make it const, move it into the" >&2
    echo "call's own data, or say why it must be in a \"writable static\" comment):" >&2
    printf '%s\n' "$found" >&2
    exit 1
fi
echo "statics: none writable in $src but the justified"
