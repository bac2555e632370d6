#!/usr/bin/env python3
"""The governance view of a large model folds (a ctest; docs/diagrams.md).

    check_folding.py SAMVERKAN SOURCE_DIR

On a generated model of 2,000 bodies: the SVG is folded (one box per group
under the board, each saying how many bodies it holds), is at most 2,980 pt
wide (A0's 841 mm at text of 8 pt or more, the text being 10 pt) and lays
out in under 5 s; `--focus BODY` draws exactly the bodies of that body's
group (its reports_to subtree, read from the YAML here) and the board above
it; a small model (Umeå) is not folded; `--focus` of no body is a usage
error (exit 2).
"""
import os
import re
import subprocess
import sys
import tempfile
import time

SV, SRC = sys.argv[1], sys.argv[2]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def render(*args):
    t0 = time.perf_counter()
    p = subprocess.run([SV, "--lang", "en", "render"] + list(args), capture_output=True, text=True)
    return p, time.perf_counter() - t0


with tempfile.TemporaryDirectory() as work:
    model = os.path.join(work, "big.yaml")
    subprocess.run([sys.executable, os.path.join(SRC, "tools", "gen-model.py"), "--bodies", "2000",
                    "--steps", "2000", "--seed", "1", "-o", model], check=True)
    # the reports_to tree, from the YAML
    parent, body = {}, None
    in_bodies = False
    for line in open(model, encoding="utf-8"):
        if re.match(r"^[a-z_]+:", line):
            in_bodies = line.startswith("bodies:")
            continue
        m = re.match(r"  - id: (\S+)$", line)
        if in_bodies and m:
            body = m.group(1)
            parent[body] = None
        m = re.match(r"    reports_to: (\S+)$", line)
        if in_bodies and body and m:
            parent[body] = m.group(1)
    check(len(parent) == 2000, "2,000 bodies read from the model (%d)" % len(parent))

    svg_path = os.path.join(work, "gov.svg")
    p, took = render(model, "--view", "governance", "-o", svg_path)
    check(p.returncode == 0, "folded governance view drawn: " + p.stderr)
    svg = open(svg_path, encoding="utf-8").read() if p.returncode == 0 else ""
    m = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    width = float(m.group(1)) if m else 1e9
    print("folded: %.0f x %s pt in %.2f s" % (width, m.group(2) if m else "?", took))
    check(width <= 2980, "folded width %.0f pt is at most 2,980 pt" % width)
    check(took < 5, "laid out in %.2f s, under 5 s" % took)
    check("folded groups" in svg, "the legend says the view is folded")
    nodes = re.findall(r'class="node">\n<title>([^<]*)</title>', svg)
    check(len(nodes) < 20, "a few nodes when folded (%d)" % len(nodes))
    # a group's cell says how many bodies it holds
    focus = "lulea-beredning"
    group = {b for b in parent if b == focus}
    grew = True
    while grew:
        grew = False
        for b, up in parent.items():
            if up in group and b not in group:
                group.add(b)
                grew = True
    m = re.search(r"lulea&#45;beredning</text>\n<text[^>]*>(\d+) bodies", svg)
    check(m is not None and int(m.group(1)) == len(group),
          "the cell of %s counts its %d bodies (%s)" % (focus, len(group), m.group(1) if m else "none"))

    dot_path = os.path.join(work, "focus.dot")
    p, _ = render(model, "--view", "governance", "--focus", focus, "-o", dot_path)
    check(p.returncode == 0, "--focus drawn: " + p.stderr)
    dot = open(dot_path, encoding="utf-8").read() if p.returncode == 0 else ""
    drawn = set(re.findall(r'^\t+"?([a-z0-9][a-z0-9_/-]*)"?\t\[label=<<TABLE', dot, re.M))
    check(drawn == group | {"styrelse"},
          "--focus %s draws its %d bodies and the board (%d drawn; missing %s, extra %s)"
          % (focus, len(group), len(drawn), sorted(group - drawn)[:3],
             sorted(drawn - group - {"styrelse"})[:3]))

    p, _ = render(model, "--view", "governance", "--focus", "no-such-body")
    check(p.returncode == 2 and "no-such-body" in p.stderr, "--focus of no body: exit 2")

    p, _ = render(os.path.join(SRC, "models", "umea-2024.yaml"), "--view", "governance", "-f", "dot")
    check(p.returncode == 0 and "@folded" not in p.stdout, "the Umeå model is not folded")

print("folding: %s" % ("ok" if not failures else "%d failures" % len(failures)))
sys.exit(1 if failures else 0)
