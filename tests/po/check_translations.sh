#!/bin/sh
# Checks that the message catalogues are complete and in step with the
# sources:
#   usage: check_translations.sh PO_DIR SOURCE_ROOT
# (a) regenerates the template into a temporary directory with
#     PO_DIR/update --template, exactly as po/update makes po/samverkan.pot
#     (PO_DIR itself is not touched);
# (b) every msgid of that template is in each PO_DIR/*.po, and each .po
#     has no active entry the template lacks (else po/update was not run);
# (c) no entry is untranslated or fuzzy;
# (d) no obsolete (#~) entries are left;
# and the catalogue compiles with msgfmt --check.
# Exit status: 0 when all is well, 1 when something is wrong, 2 on a usage or
# tool problem. Needs gettext (0.21 in Debian 12).
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 PO_DIR SOURCE_ROOT" >&2
    exit 2
fi
po_dir=$1
src_dir=$2
[ -x "$po_dir/update" ] || { echo "check_translations: $po_dir/update is missing or not executable" >&2; exit 2; }
[ -d "$src_dir/src" ] || { echo "check_translations: $src_dir has no src/" >&2; exit 2; }
for tool in msgfmt msgattrib msgcat awk comm; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "check_translations: $tool not found (apt-get install gettext)" >&2
        exit 2
    }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/samverkan-po-check.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# (a) the template as po/update makes it, into $tmp only
if ! "$po_dir/update" --srcdir "$src_dir" --template "$tmp/samverkan.pot"; then
    echo "check_translations: could not regenerate the template" >&2
    exit 2
fi

tab=$(printf '\t')
failed=0
fail() {
    failed=1
    printf 'check_translations: %s\n' "$*"
}

# The entries of a PO file, one line each, for the checks below:
#   M<TAB>msgid            every entry but the header and obsolete ones
#   E<TAB>msgid            an entry with an empty msgstr or msgstr[N]
# msgcat --no-wrap puts each string on one line, except at embedded \n, so
# continuation lines are joined here. The text stays escaped as in the file.
entries() {
    msgcat --no-wrap "$1" | awk '
        function flush() {
            if (field == "msgid") {
                id = val
                if (id != "") print "M\t\"" id "\""
            } else if (field ~ /^msgstr/ && val == "" && id != "") {
                print "E\t\"" id "\""
            }
            field = ""
        }
        /^msgid "/ { flush(); field = "msgid"; val = substr($0, 8, length($0) - 8); next }
        /^msgstr(\[[0-9]+\])? "/ {
            flush(); field = "msgstr"; start = index($0, "\"")
            val = substr($0, start + 1, length($0) - start - 1); next
        }
        /^"/ { if (field != "") val = val substr($0, 2, length($0) - 2); next }
        { flush() }
        END { flush() }'
}

# The msgids of kind $2 (M or E) in the entries list $1, indented, sorted.
pick() {
    sed -n "s/^$2$tab/  /p" "$1" | LC_ALL=C sort -u
}

found=0
for po in "$po_dir"/*.po; do
    [ -f "$po" ] || continue
    found=1
    name=${po##*/}

    # (b) the template's msgids are all in the catalogue, and the catalogue
    # has none that the sources no longer use
    entries "$tmp/samverkan.pot" >"$tmp/pot.entries" || exit 2
    entries "$po" >"$tmp/po.entries" || exit 2
    pick "$tmp/pot.entries" M >"$tmp/pot.ids"
    pick "$tmp/po.entries" M >"$tmp/po.ids"
    LC_ALL=C comm -23 "$tmp/pot.ids" "$tmp/po.ids" >"$tmp/missing"
    LC_ALL=C comm -13 "$tmp/pot.ids" "$tmp/po.ids" >"$tmp/stale"
    if [ -s "$tmp/missing" ]; then
        fail "$name lacks messages of the sources; run po/update, then translate them:"
        cat "$tmp/missing"
    fi
    if [ -s "$tmp/stale" ]; then
        fail "$name has messages the sources no longer use; run po/update:"
        cat "$tmp/stale"
    fi

    # (c) untranslated entries (msgattrib, and any empty plural form) ...
    msgattrib --untranslated --no-obsolete "$po" -o "$tmp/untranslated.po" || exit 2
    {
        [ -s "$tmp/untranslated.po" ] && entries "$tmp/untranslated.po" | sed -n "s/^M$tab/  /p"
        pick "$tmp/po.entries" E
    } | LC_ALL=C sort -u >"$tmp/untranslated"
    if [ -s "$tmp/untranslated" ]; then
        fail "$name has untranslated messages:"
        cat "$tmp/untranslated"
    fi
    # ... and fuzzy ones
    msgattrib --only-fuzzy --no-obsolete "$po" -o "$tmp/fuzzy.po" || exit 2
    if [ -s "$tmp/fuzzy.po" ]; then
        entries "$tmp/fuzzy.po" | sed -n "s/^M$tab/  /p" >"$tmp/fuzzy"
        if [ -s "$tmp/fuzzy" ]; then
            fail "$name has fuzzy messages (check each translation, then remove its 'fuzzy' flag):"
            cat "$tmp/fuzzy"
        fi
    fi
    # a fuzzy header is skipped by msgfmt, and with it the charset and plural forms
    if msgcat --no-wrap "$po" | sed -n '1,/^msgid ""$/p' | grep -q '^#,.*fuzzy'; then
        fail "$name has a fuzzy header: remove the '#, fuzzy' line above its msgid \"\""
    fi

    # (d) obsolete entries
    if grep -q '^#~' "$po"; then
        fail "$name has obsolete entries (#~); reuse their translations, then delete them:"
        grep -n '^#~ msgid ' "$po" | sed 's/^/  line /'
    fi

    # the catalogue compiles as the build compiles it
    if ! msgfmt --check --output-file=/dev/null "$po" 2>"$tmp/msgfmt"; then
        fail "$name does not compile with msgfmt --check:"
        sed 's/^/  /' "$tmp/msgfmt"
    fi

    if [ $failed -eq 0 ]; then
        printf 'check_translations: %s: ' "$name"
        msgfmt --statistics --output-file=/dev/null "$po" 2>&1
    fi
done

if [ $found -eq 0 ]; then
    echo "check_translations: no .po files in $po_dir" >&2
    exit 2
fi
exit $failed
