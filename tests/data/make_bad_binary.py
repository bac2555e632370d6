#!/usr/bin/env python3
"""Write the corpus files whose bytes matter (NUL, invalid UTF-8, BOM, CRLF, CR).

These cannot be kept reliably as hand-edited text (editors and git settings
rewrite line endings and encodings), so they are generated here,
deterministically; re-running rewrites the same bytes.

    python3 tests/data/make_bad_binary.py        # writes into tests/data/bad and tests/data/good

Like every file in tests/data/bad, each file's first line is
`# expect: LINE:COL CODE`: 1-based line, 1-based column in Unicode code
points, of the first error the loader must report. A UTF-8 BOM, where a case
has one, comes before that comment; line breaks are counted as libyaml counts
them (CRLF = one break, a lone CR is a break).

invalid-encoding is reported at the first byte that is not valid UTF-8 (for a
multi-byte sequence whose trailing byte is wrong, the position of its leading
byte; note that libyaml's problem_offset points at the trailing byte there),
or at the forbidden character itself (NUL, C0 controls).
The files in tests/data/good written here must load without any error.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BOM = b"\xef\xbb\xbf"


def model(extra_party=b"", extra_body=b"", name=b"Samverkansavtal"):
    """The minimal valid model used by the corpus, as LF-terminated UTF-8."""
    return (
        b"samverkan: 1\n"
        b"agreement:\n"
        b"  id: avtal\n"
        b"  name: " + name + b"\n"
        b"parties:\n"
        b"  - id: af\n"
        b"    name: Arbetsf\xc3\xb6rmedlingen\n"
        b"    kind: agency\n" + extra_party +
        b"bodies:\n"
        b"  - id: styrelse\n"
        b"    name: F\xc3\xb6rbundsstyrelsen\n"
        b"    level: decision\n"
        b"    kind: board\n"
        b"    members: [af]\n" + extra_body)


def crlf(b):
    return b.replace(b"\n", b"\r\n")


def expect(line, col, code, eol=b"\n"):
    return b"# expect: %d:%d %s" % (line, col, code.encode()) + eol


BAD = []  # (file name, bytes)


def bad(name, line, col, code, body, eol=b"\n", bom=False):
    BAD.append((name, (BOM if bom else b"") + expect(line, col, code, eol) + body))


# -- invalid-encoding ---------------------------------------------------------
# line 5: `  name: Samverkan för Umeå och Vännäs <FF FE> 2024`; 0xFF can never
# start a UTF-8 sequence. Column: 8 + 30 characters precede it -> 39.
bad("invalid-utf8-in-name-line5", 5, 39, "invalid-encoding", model(
    name="Samverkan för Umeå och Vännäs ".encode() + b"\xff\xfe 2024"))

# A Latin-1 file: `    name: Arbetsförmedlingen` with ö as the single byte 0xF6
# on line 8. 0xF6 is a 4-byte leading octet followed by `r`: reported at 0xF6
# (column 18), although libyaml's problem_offset names the `r` (column 19).
bad("invalid-utf8-latin1-name", 8, 18, "invalid-encoding",
    model().replace(b"Arbetsf\xc3\xb6rmedlingen", b"Arbetsf\xf6rmedlingen"))

# A raw NUL on line 3 inside a quoted name, after å.
bad("nul-byte-line3", 3, 43, "invalid-encoding",
    b"samverkan: 1\n"
    b"agreement: {id: avtal, name: \"Avtal f\xc3\xb6r \xc3\xa5r\x00 2024\"}\n"
    + model()[len(b"samverkan: 1\nagreement:\n  id: avtal\n  name: Samverkansavtal\n"):])

# Truncated UTF-8 at end of file: the first byte of `ä` (C3 A4) is the last
# byte of the file (no final newline). Line 16: `    note: Sista tecknet är halvt <C3>`.
bad("truncated-utf8-at-eof", 16, 34, "invalid-encoding",
    model(extra_body="    note: Sista tecknet är halvt ".encode() + b"\xc3"))

# Overlong encoding of NUL (C0 80, "modified UTF-8") in a party name, line 8.
bad("invalid-utf8-overlong-nul", 8, 20, "invalid-encoding",
    model().replace(b"Arbetsf\xc3\xb6rmedlingen", b"Arbetsf\xc3\xb6r\xc0\x80medlingen"))

# A UTF-8-encoded lone surrogate (ED A0 80, as CESU-8/WTF-8 write it), line 12.
bad("invalid-utf8-surrogate", 12, 19, "invalid-encoding",
    model().replace(b"F\xc3\xb6rbundsstyrelsen", b"F\xc3\xb6rbunds\xed\xa0\x80styrelsen"))

# A raw ESC (terminal colour codes pasted into a name), line 8; libyaml refuses
# C0 control characters with the same reader error as NUL.
bad("control-character-escape", 8, 11, "invalid-encoding",
    model().replace(b"Arbetsf\xc3\xb6rmedlingen", b"\x1b[31mArbetsf\xc3\xb6rmedlingen\x1b[0m"))

# BOM + CRLF + invalid UTF-8 (0x80, a lone continuation byte) on line 5: the
# loader's own line count for reader errors must treat CRLF as one break.
bad("bom-crlf-invalid-utf8", 5, 19, "invalid-encoding",
    crlf(model(name=b"Samverkans\x80avtal")), eol=b"\r\n", bom=True)

# -- positions in files with a BOM, CRLF or CR line ends ----------------------
# BOM, then an unknown key on line 6 (not on line 1: whether the BOM counts as
# a column is thereby irrelevant).
bad("bom-unknown-key", 6, 3, "unknown-key",
    b"samverkan: 1\nagreement:\n  id: avtal\n  name: Samverkansavtal\n"
    b"  valid_form: 2024-01-01\n" + model()[len(b"samverkan: 1\nagreement:\n  id: avtal\n  name: Samverkansavtal\n"):],
    bom=True)

bad("crlf-unknown-key", 10, 5, "unknown-key",
    crlf(model(extra_party=b"    sigantory: true\n")), eol=b"\r\n")

# The bad value is the last thing on its CRLF line.
bad("crlf-wrong-type-at-line-end", 10, 16, "wrong-type",
    crlf(model(extra_party=b"    signatory: maybe\n")), eol=b"\r\n")

# CRLF, a flow mapping with å ä ö before the bad value on the same line.
bad("crlf-invalid-value-after-swedish", 10, 45, "invalid-value",
    crlf(model(extra_party="  - {id: vannas, name: Vännäs kommun, kind: kommun, signatory: true}\n".encode())),
    eol=b"\r\n")

# Old Mac line ends: every line after the expect comment ends in a lone CR,
# which libyaml counts as a line break. The comment line itself ends in LF so
# that a test harness can read it as the first line.
bad("cr-only-line-ends", 16, 12, "invalid-value",
    model(extra_body=b"    meets: daily\n").replace(b"\n", b"\r"))

# -- good files ---------------------------------------------------------------
GOOD = [
    # BOM + CRLF + Swedish text, fully valid.
    ("bom-crlf", BOM + crlf(b"# A valid model with a UTF-8 BOM and CRLF line ends.\n" + model(
        extra_party="  - id: umea\n    name: Umeå kommun\n    kind: municipality\n    signatory: true\n".encode(),
        extra_body="    note: Styrelsen sammanträder i Vännäs och Umeå\n".encode()))),
]


def main(argv):
    bad_dir = os.path.join(HERE, "bad")
    good_dir = os.path.join(HERE, "good")
    os.makedirs(bad_dir, exist_ok=True)
    os.makedirs(good_dir, exist_ok=True)
    for d, files in ((bad_dir, BAD), (good_dir, GOOD)):
        for name, data in files:
            with open(os.path.join(d, name + ".yaml"), "wb") as f:
                f.write(data)
    print("wrote %d bad and %d good files" % (len(BAD), len(GOOD)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
