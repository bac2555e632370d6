#!/usr/bin/env python3
"""check's colour on a real terminal (a pseudo-terminal): --color=auto
colours text when the stream is a terminal, TERM is set and not "dumb" and
NO_COLOR is unset or empty; --color=always wins over NO_COLOR; never in a
pipe, a file (-o) or another format. The coloured text is the plain text
with gcc's SGR spans around the position, the severity, the rule name and
the caret, and nothing else.

usage: check_color.py SAMVERKAN SOURCE_DIR
"""
import os
import pty
import re
import subprocess
import sys
import tempfile

SAMVERKAN, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
MODEL = "tests/cli/inputs/terminal.yaml"
BROKEN = "tests/data/bad/duplicate-id-body-before-party.yaml"
SGR = re.compile(rb"\x1b\[[0-9;]*m\x1b\[K")
ERROR = b"\x1b[01;31m\x1b[Kerror: \x1b[m\x1b[K"
failures = []


def run(args, env_extra, tty_out=True, tty_err=False, cwd=ROOT):
    """stdout and stderr of samverkan ARGS, each a terminal or a pipe."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env.update({"LANG": "C.UTF-8", "LANGUAGE": "en"})
    for k, v in env_extra.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    ends = {}
    for name, tty in (("out", tty_out), ("err", tty_err)):
        ends[name] = pty.openpty() if tty else os.pipe()
    proc = subprocess.Popen([SAMVERKAN] + args, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=ends["out"][1], stderr=ends["err"][1])
    got = {}
    for name in ("out", "err"):
        os.close(ends[name][1])
    for name in ("out", "err"):
        chunks = []
        while True:
            try:
                chunk = os.read(ends[name][0], 65536)
            except OSError:  # a pty reads EIO once the child has closed it
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(ends[name][0])
        got[name] = b"".join(chunks).replace(b"\r\n", b"\n")
    return proc.wait(), got["out"], got["err"]


def expect(what, ok):
    if not ok:
        failures.append(what)


XTERM = {"TERM": "xterm"}
plain_rc, plain, _ = run(["check", MODEL], XTERM, tty_out=False)
expect("plain text in a pipe has no escapes", plain_rc == 1 and b"\x1b" not in plain)

rc, out, _ = run(["check", MODEL], XTERM)
expect("auto on a terminal colours the error", ERROR in out)
expect("the coloured text is the plain text with SGR spans", SGR.sub(b"", out) == plain)
expect("the caret is bold green", b"\x1b[01;32m\x1b[K^\x1b[m\x1b[K\n" in out)
expect("the position is bold", b"\x1b[01m\x1b[Ktests/cli/inputs/terminal.yaml:9:5:\x1b[m\x1b[K " in out)
expect("the rule name takes the severity's colour",
       b"[\x1b[01;33m\x1b[Kreporting-level-order\x1b[m\x1b[K]" in out)
expect("exit status as without colour", rc == plain_rc)

for label, env, args in (
        ("NO_COLOR=1 wins over auto", {"TERM": "xterm", "NO_COLOR": "1"}, []),
        ("TERM=dumb", {"TERM": "dumb"}, []),
        ("TERM unset", {"TERM": None}, []),
        ("--color=never", XTERM, ["--color=never"]),
        ("another format", XTERM, ["--color=always", "--format", "github"])):
    _, out, _ = run(["check"] + args + [MODEL], env)
    expect(f"{label}: no escapes on a terminal", b"\x1b" not in out and out)

_, out, _ = run(["check", MODEL], {"TERM": "xterm", "NO_COLOR": ""})
expect("an empty NO_COLOR does not turn colour off", ERROR in out)
_, out, _ = run(["check", "--color=always", MODEL], {"TERM": "dumb", "NO_COLOR": "1"}, tty_out=False)
expect("--color=always colours a pipe despite NO_COLOR and TERM=dumb",
       ERROR in out and SGR.sub(b"", out) == plain)

# load errors on standard error: coloured when it is the terminal
_, out, err = run(["check", BROKEN], XTERM, tty_out=False, tty_err=True)
expect("load errors on a terminal are coloured", ERROR in err and b"\x1b[01;36m\x1b[Knote: " in err)
_, out, err = run(["check", BROKEN], XTERM, tty_out=True, tty_err=False)
expect("load errors in a pipe are not", b"\x1b" not in err and b"duplicate-id" in err)

# a file never: -o beside text to the terminal
with tempfile.TemporaryDirectory() as work:
    target = os.path.join(work, "findings.txt")
    rc, out, _ = run(["check", "--color=always", "--format", "text", "-o", target, "--format",
                      "text", os.path.join(ROOT, MODEL)], XTERM, cwd=work)
    with open(target, "rb") as f:
        written = f.read()
    expect("-o FILE is never coloured", b"\x1b" not in written and b"1 error" in written)
    expect("-o FILE holds the plain text", SGR.sub(b"", out) == written and ERROR in out)

for f in failures:
    print("cli.color:", f)
print("colour ok" if not failures else f"{len(failures)} failures")
sys.exit(1 if failures else 0)
