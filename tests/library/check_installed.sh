#!/bin/bash
# The installed tree is usable by someone else's program: the build is
# installed to a temporary prefix (cmake --install --prefix), and
# tests/library/consumer/main.c is built against it three times: with
# nothing but `pkg-config --cflags --libs samverkan` (linked to the
# installed libsamverkan.so.1), with `pkg-config --static` (libsamverkan.a),
# and with find_package(samverkan) in a CMake project of its own. Each
# program loads the installed Umeå model and must count the findings the
# installed samverkan counts (check --format json). Usage:
# check_installed.sh CMAKE BUILD_DIR SOURCE_DIR LIBDIR CC
set -eu
cmake=$1
build=$2
source=$3
libdir=$4
cc=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "installed: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" ||
    { cat "$tmp/install.log" >&2; fail "cmake --install failed"; }
prefix=$tmp/prefix
model=$prefix/share/samverkan/models/umea-2024.yaml
[ -f "$model" ] || fail "the Umeå model is not installed"
# the schemas that init's modelines name, side by side
for schema in samverkan.schema.json samverkan-config.schema.json; do
    [ -f "$prefix/share/samverkan/models/$schema" ] || fail "$schema is not installed beside the model"
done

# what the installed program says: "N findings, M suppressed"
set +e
"$prefix/bin/samverkan" check --format json "$model" > "$tmp/check.json"
code=$?
set -e
[ "$code" = 1 ] || fail "samverkan check exited $code, not 1 (findings)"
expected=$(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print("%d findings, %d suppressed" % (s["error"] + s["warning"] + s["note"], s["suppressed"]))
' "$tmp/check.json")

# 1. pkg-config only
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
flags=$(pkg-config --cflags --libs samverkan) || fail "pkg-config does not find samverkan"
[ "$(pkg-config --modversion samverkan)" = "$("$prefix/bin/samverkan" --version | cut -d' ' -f2)" ] ||
    fail "samverkan.pc's version is not the program's"
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Werror -o "$tmp/count_pc" "$source/tests/library/consumer/main.c" $flags ||
    fail "the program does not build with pkg-config --cflags --libs samverkan ($flags)"
readelf -d "$tmp/count_pc" | grep -q 'NEEDED.*\[libsamverkan\.so\.1\]' ||
    fail "the program is not linked to libsamverkan.so.1"
got=$(LD_LIBRARY_PATH=$prefix/$libdir "$tmp/count_pc" "$model") || fail "the pkg-config program failed"
[ "$got" = "$expected" ] || fail "pkg-config program: '$got', samverkan check: '$expected'"
LD_LIBRARY_PATH=$prefix/$libdir ldd "$tmp/count_pc" | grep -q "libsamverkan.so.1 => $prefix/" ||
    fail "the program did not load the installed library"

# 1b. the static library with `pkg-config --static` (the dependencies shared)
static_flags=$(pkg-config --static --libs samverkan | sed 's/-lsamverkan /-l:libsamverkan.a /')
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Werror -o "$tmp/count_static" "$source/tests/library/consumer/main.c" \
    $(pkg-config --cflags samverkan) $static_flags ||
    fail "the program does not link libsamverkan.a with pkg-config --static ($static_flags)"
if readelf -d "$tmp/count_static" | grep -q 'NEEDED.*libsamverkan'; then
    fail "the static program still needs libsamverkan.so"
fi
got=$("$tmp/count_static" "$model") || fail "the static program failed"
[ "$got" = "$expected" ] || fail "static program: '$got', samverkan check: '$expected'"

# 2. find_package(samverkan)
"$cmake" -S "$source/tests/library/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_COMPILER="$cc" > "$tmp/consumer.log" 2>&1 ||
    { cat "$tmp/consumer.log" >&2; fail "find_package(samverkan) failed"; }
"$cmake" --build "$tmp/consumer" > "$tmp/consumer.log" 2>&1 ||
    { cat "$tmp/consumer.log" >&2; fail "the find_package program does not build"; }
got=$("$tmp/consumer/count_findings" "$model") || fail "the find_package program failed"
[ "$got" = "$expected" ] || fail "find_package program: '$got', samverkan check: '$expected'"
echo "installed: $expected, from pkg-config (shared and static) and from find_package"
