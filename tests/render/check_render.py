#!/usr/bin/env python3
"""Checks the render command end to end (a ctest, run from the project root).

    check_render.py SAMVERKAN

For every view of the Umeå model and of the model of hostile names
(tests/data/good/unicode-and-markup-names.yaml): the SVG is well-formed
XML, carries no active markup (no <script>, <foreignObject>, on*
attributes, javascript: URLs or links at all), and shows the hostile names
literally; two runs give identical bytes in every format; PNG and PDF start
with their magic bytes. Then the failures: nothing is written and the exit
status is 2 when the target is the model (also through a symbolic link) or
its directory is missing.
"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SV = sys.argv[1]
UMEA = "models/umea-2024.yaml"
HOSTILE = "tests/data/good/unicode-and-markup-names.yaml"
VIEWS = {
    UMEA: ["governance", "process:torgprocessen", "process:matchen", "process:tidigt-skede",
           "raci", "party:gvn", "party:samordningsforbundet", "reporting"],
    HOSTILE: ["governance", "raci", "party:umea", "party:markup", "party:record",
              "party:graphviz", "reporting"],
}
# As the model writes them; the legend of the governance view lists every
# party by name (cut at 60 characters), so each must appear there literally.
HOSTILE_NAMES = [
    "Umeå kommun 🏛️",
    "مركز التوظيف في أوميو",
    "שירות התעסוקה (Umeå)",
    "<b>Fet</b> & <i>kursiv</i> &amp; &lt;script&gt;alert(1)",
    "{a|b} | <port> {|} [x] \\N \\G",
    "Team \\N på \\G med \\L och \\n",
    "Citat \"dubbla\" och 'enkla' och `backticks`",
    "👩🏽‍💼 Handläggare 🚀 🇸🇪 ✅",
]
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def run(*args, env=None):
    e = dict(os.environ, LANG="C.UTF-8", SOURCE_DATE_EPOCH="1732000000")
    e.pop("LC_ALL", None)
    return subprocess.run([SV, *args], capture_output=True, env=e)


def check_svg(path, label, names=()):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        fail(f"{label}: not well-formed XML: {err}")
        return
    texts = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject", "iframe", "embed", "object"):
            fail(f"{label}: active element <{tag}>")
        for key, value in el.attrib.items():
            name = key.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                fail(f"{label}: event attribute {name}")
            if name == "href":
                fail(f"{label}: a link ({value!r})")
            if "javascript:" in value.replace(" ", "").lower():
                fail(f"{label}: javascript: in {name}")
        if tag == "text" and el.text:
            texts.append(el.text)
    # Graphviz splits a line into <text> runs at font changes: compare on
    # the concatenation, with the runs' spacing normalised
    joined = "".join(texts).replace("\u00a0", " ")
    for n in names:
        if n not in joined:
            fail(f"{label}: the name {n!r} is not shown literally")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for model, views in VIEWS.items():
            for view in views:
                tag = view.replace(":", "_")
                for fmt in ("svg", "png", "pdf", "dot"):
                    if fmt in ("png", "pdf") and view not in ("governance", "raci"):
                        continue
                    outs = []
                    for i in range(2):
                        out = os.path.join(tmp, f"{tag}.{i}.{fmt}")
                        r = run("render", model, "--view", view, "--findings", "-o", out)
                        if r.returncode != 0:
                            fail(f"{model} {view} {fmt}: exit {r.returncode}: {r.stderr.decode()}")
                            break
                        outs.append(open(out, "rb").read())
                    if len(outs) != 2:
                        continue
                    label = f"{model} {view} {fmt}"
                    if outs[0] != outs[1]:
                        fail(f"{label}: two runs differ")
                    if fmt == "png" and not outs[0].startswith(b"\x89PNG\r\n\x1a\n"):
                        fail(f"{label}: not a PNG")
                    if fmt == "pdf" and not outs[0].startswith(b"%PDF-"):
                        fail(f"{label}: not a PDF")
                    if fmt == "svg":
                        names = HOSTILE_NAMES if model == HOSTILE and view == "governance" else ()
                        check_svg(os.path.join(tmp, f"{tag}.0.svg"), label, names)
            print(f"ok: {model}")

        # the diff view marks the scenario's structure findings, numbered
        # and listed like the governance view's
        out = os.path.join(tmp, "diff.svg")
        r = run("render", UMEA, "models/scenarios/merged-torg-2025.yaml", "--view", "diff",
                "--findings", "--lang", "en", "-o", out)
        if r.returncode != 0:
            fail(f"diff --findings: exit {r.returncode}: {r.stderr.decode()}")
        else:
            svg = open(out, encoding="utf-8").read()
            for entry in (">1 &#160;Samordningsförbundets styrelse: ",
                          ">3 &#160;Styrgrupp Krami: the stated number of parties (party_count) differs"):
                if entry not in svg:
                    fail(f"diff --findings: no legend entry {entry!r}")
            if 'stroke="#c00000"' not in svg:
                fail("diff --findings: no red outline")

        # failures: exit 2, nothing written, nothing left behind
        copy = os.path.join(tmp, "model.yaml")
        with open(UMEA, "rb") as f:
            original = f.read()
        with open(copy, "wb") as f:
            f.write(original)
        link = os.path.join(tmp, "link.svg")
        os.symlink(copy, link)
        before = sorted(os.listdir(tmp))
        for target in (copy, link, os.path.join(tmp, "missing", "x.svg")):
            r = run("render", copy, "--view", "governance", "-f", "svg", "-o", target)
            if r.returncode != 2:
                fail(f"writing to {target}: exit {r.returncode}, not 2")
        if open(copy, "rb").read() != original:
            fail("the model was overwritten")
        if sorted(os.listdir(tmp)) != before:
            fail(f"files were left behind: {sorted(set(os.listdir(tmp)) - set(before))}")
        r = run("render", UMEA, "--view", "process:nope")
        if r.returncode != 2 or r.stdout:
            fail("an unknown process: not exit 2 with nothing on standard output")
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("all renders ok")
    return 0


sys.exit(main())
