#!/usr/bin/env python3
"""Holds the Swedish catalogue to the glossary (test po.glossary).

usage: check_glossary.py po/glossary.tsv po/sv.po

Fails (exit 1) when a translation uses a forbidden Swedish variant of a
glossary term ("fynd" for a finding), or translates a message that speaks
of a glossary term in English ("finding") without the Swedish term
("iakttagelse"). Exit 2 on a usage or file problem.

What is not prose is taken out of the English first: 'quoted' and `quoted`
text (model values, ids, commands), YAML keys and option names (words with
_ or -, --options), printf conversions; so "'party_count'" does not count
as the English word party. A translation that keeps the English word as it
is names a value the user types ("--fail-on tar error, warning") and needs
no Swedish term.

The catalogue is read with polib when it is installed, else with the small
reader below, which knows the subset of the PO format po/update writes.
"""
import re
import sys


def unquote(text):
    """The value of one C-style quoted PO string."""
    body = text.strip()
    if not (body.startswith('"') and body.endswith('"')):
        raise ValueError("not a quoted string: " + text)
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    out, i, body = [], 0, body[1:-1]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def read_po(path):
    """(msgid, msgid_plural, [msgstr...], first line) for every active entry."""
    try:
        import polib  # noqa: F401
    except ImportError:
        polib = None
    if polib:
        entries = []
        for e in polib.pofile(path):
            if e.obsolete or not e.msgid:
                continue
            strs = [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)] if e.msgid_plural else [e.msgstr]
            entries.append((e.msgid, e.msgid_plural, strs, e.linenum))
        return entries
    entries, fields, field, start = [], {}, None, 0

    def flush():
        if "msgid" in fields and fields["msgid"]:
            strs = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr"))]
            entries.append((fields["msgid"], fields.get("msgid_plural", ""), strs, start))

    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                fields, field = {}, None
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'(msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                if m.group(1) == "msgid":
                    start = number
                field = m.group(1)
                fields[field] = unquote(m.group(2))
            elif line.startswith('"') and field:
                fields[field] += unquote(line)
            else:
                raise ValueError("%s:%d: cannot read: %s" % (path, number, line))
    flush()
    return entries


def prose(text):
    """The text without what is not prose: quoted values, keys, options,
    printf conversions."""
    # a quote opens and closes beside a non-letter: "the party's" is prose
    text = re.sub(r"(?<!\w)'[^'\n]*?'(?!\w)|`[^`\n]*`|\"[^\"\n]*\"", " ", text)
    text = re.sub(r"--?[A-Za-z][\w-]*", " ", text)
    text = re.sub(r"%[-+ #0-9.]*(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp%]", " ", text)
    text = re.sub(r"\b\w+[_-][\w-]*", " ", text)
    return text


def read_glossary(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 3:
                raise ValueError("%s:%d: want 3 tab-separated columns, found %d" % (path, number, len(cols)))
            english = [t for t in cols[0].split("|") if t]
            swedish = [t.lower() for t in cols[1].split("|") if t]
            forbidden = [] if cols[2] == "-" else [t.strip().lower() for t in cols[2].split(",") if t.strip()]
            if not english or not swedish:
                raise ValueError("%s:%d: an English and a Swedish term are needed" % (path, number))
            rows.append((english, swedish, forbidden, number))
    return rows


def main(argv):
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        glossary = read_glossary(argv[1])
        entries = read_po(argv[2])
    except (OSError, ValueError) as e:
        print("check_glossary: %s" % e, file=sys.stderr)
        return 2
    patterns = [
        (re.compile(r"\b(?:%s)\b" % "|".join(re.escape(t) for t in english), re.IGNORECASE), english, swedish, forbidden)
        for english, swedish, forbidden, _ in glossary
    ]
    problems = 0
    for msgid, plural, strs, line in entries:
        source = prose(msgid + "\n" + plural)
        for msgstr in strs:
            words = msgstr.lower()
            for pattern, english, swedish, forbidden in patterns:
                for bad in forbidden:
                    if bad in words:
                        print("%s:%d: '%s' is not the tool's term; the glossary says '%s': %s"
                              % (argv[2], line, bad, swedish[0], msgstr.replace("\n", "\\n")[:160]))
                        problems += 1
                # the English word kept in the translation is a value the
                # user types ("--fail-on tar error, warning"), not prose
                if (pattern.search(source) and not any(t in words for t in swedish)
                        and not pattern.search(msgstr)):
                    print("%s:%d: '%s' is translated without '%s': %s"
                          % (argv[2], line, pattern.search(source).group(0), swedish[0],
                             msgstr.replace("\n", "\\n")[:160]))
                    problems += 1
    if problems:
        print("check_glossary: %d problem%s in %s (terms: %s)"
              % (problems, "" if problems == 1 else "s", argv[2], argv[1]))
        return 1
    print("check_glossary: %d entries agree with the %d terms of %s" % (len(entries), len(glossary), argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
