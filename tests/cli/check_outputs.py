#!/usr/bin/env python3
"""Several outputs of one check run: each --format goes to the -o after it,
or else to standard output; each file holds what that format alone prints,
byte for byte, over one input and over several; two formats to standard
output, an -o without its format, an output over an input are usage errors
(exit 2) and nothing is written; on load errors the formats that have a
document for them write it, the others write nothing (not an empty file).

usage: check_outputs.py SAMVERKAN SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

SAMVERKAN, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
MODEL = os.path.join(ROOT, "tests/cli/inputs/terminal.yaml")
UMEA = os.path.join(ROOT, "models/umea-2024.yaml")
MANY = os.path.join(ROOT, "tests/cli/inputs/many")
failures = []


def run(args, cwd):
    env = dict(os.environ, LANG="C.UTF-8", LANGUAGE="en", SOURCE_DATE_EPOCH="1732000000")
    p = subprocess.run([SAMVERKAN, "check"] + args, cwd=cwd, env=env, capture_output=True,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


def expect(what, ok):
    if not ok:
        failures.append(what)


def read(path):
    with open(path, "rb") as f:
        return f.read()


with tempfile.TemporaryDirectory() as work:
    for inputs in ([MODEL], [MODEL, UMEA, MANY]):
        alone = {f: run(["--format", f] + inputs, work) for f in ("text", "sarif", "json", "junit")}
        rc, out, err = run(["--format", "sarif", "-o", "a.sarif", "--format", "text",
                            "--format", "json", "-o", "b.json", "-f", "junit", "-o", "c.xml"]
                           + inputs, work)
        label = f"{len(inputs)} input(s)"
        expect(f"{label}: exit status as with one format", rc == alone["text"][0])
        expect(f"{label}: text to standard output", out == alone["text"][1])
        expect(f"{label}: stderr as with one format", err == alone["text"][2])
        expect(f"{label}: a.sarif is what --format sarif prints", read(f"{work}/a.sarif") == alone["sarif"][1])
        expect(f"{label}: b.json is what --format json prints", read(f"{work}/b.json") == alone["json"][1])
        expect(f"{label}: c.xml is what --format junit prints", read(f"{work}/c.xml") == alone["junit"][1])
        expect(f"{label}: SARIF 2.1.0", json.loads(read(f"{work}/a.sarif"))["version"] == "2.1.0")
        expect(f"{label}: nothing else written", sorted(os.listdir(work)) == ["a.sarif", "b.json", "c.xml"])
        for name in os.listdir(work):
            os.unlink(os.path.join(work, name))

    # only files: standard output stays empty; -o FILE before the one --format still works
    rc, out, _ = run(["--format", "json", "-o", "x.json", "-o", "y.txt"], work)
    expect("a second -o for one format is exit 2", rc == 2 and not os.listdir(work))
    rc, out, _ = run(["-o", "x.json", "--format", "json", MODEL], work)
    expect("-o FILE --format F as before", rc == 1 and out == b"" and
           read(f"{work}/x.json") == run(["--format", "json", MODEL], work)[1])
    os.unlink(f"{work}/x.json")

    for args, what in ((["--format", "text", "--format", "github", MODEL], "two to standard output"),
                       (["--format", "sarif", "-o", "a", "-o", "b", MODEL], "an -o without format"),
                       (["-o", "a", "--format", "sarif", "--format", "json", "-o", "b", MODEL],
                        "an -o before several formats"),
                       (["--format", "json", "-o", "ok.json", "--format", "text", "-o",
                         MODEL, MODEL], "an output over the input")):
        rc, out, err = run(args, work)
        expect(f"{what}: exit 2 with a message", rc == 2 and err.startswith(b"samverkan: ") and out == b"")
        expect(f"{what}: nothing written", os.listdir(work) == [])

    # load errors: SARIF's document of them is written, text writes nothing
    broken = os.path.join(ROOT, "tests/data/bad/duplicate-id-body-before-party.yaml")
    rc, out, err = run(["--format", "sarif", "-o", "e.sarif", "--format", "text", "-o", "e.txt",
                        "--format", "github", broken], work)
    expect("load errors: exit 2", rc == 2 and b"duplicate-id" in err)
    expect("load errors: only the formats that hold them are written",
           sorted(os.listdir(work)) == ["e.sarif"])
    expect("load errors: the SARIF holds them",
           read(f"{work}/e.sarif") == run(["--format", "sarif", broken], work)[1])
    expect("load errors: github's annotations to standard output",
           out == run(["--format", "github", broken], work)[1] and out.startswith(b"::error "))

for f in failures:
    print("cli.outputs:", f)
print("outputs ok" if not failures else f"{len(failures)} failures")
sys.exit(1 if failures else 0)
