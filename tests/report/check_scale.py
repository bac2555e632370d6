#!/usr/bin/env python3
"""The report of a model with many processes (a ctest; docs/report.md).

    check_scale.py SAMVERKAN SOURCE_DIR

On a generated model of 300 processes: the report draws exactly the 20
processes with the most findings that the process view marks (ties by id),
computed here from `check -f json`; the table "Processes not drawn" lists
the other 280 in model order with their steps and findings; the RACI matrix
is replaced by a note; no figure has more than 400 boxes (larger ones are
a note); the Swedish report says the same in Swedish; and the report takes
under 30 s.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

SV, SRC = sys.argv[1], sys.argv[2]
# the rules the process view marks (src/render/render.c, sv_render_view_concerns)
PROCESS_RULES = {
    "step-without-accountable", "step-multiple-accountable", "step-without-responsible",
    "accountable-outside-process", "process-without-start", "process-without-end",
    "unreachable-step", "dead-end-step", "shares-do-not-sum", "handoff-without-feedback",
    "process-without-follow-up", "no-follow-up-after-end"}
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


with tempfile.TemporaryDirectory() as work:
    model = os.path.join(work, "many.yaml")
    subprocess.run([sys.executable, os.path.join(SRC, "tools", "gen-model.py"), "--bodies", "500",
                    "--steps", "3000", "--seed", "1", "-o", model], check=True)
    processes, steps, in_processes = [], {}, False
    for line in open(model, encoding="utf-8"):
        if re.match(r"^[a-z_]+:", line):
            in_processes = line.startswith("processes:")
            continue
        m = re.match(r"  - id: (\S+)$", line)
        if in_processes and m:
            processes.append(m.group(1))
            steps[m.group(1)] = 0
        if in_processes and re.match(r"      - id: ", line):
            steps[processes[-1]] += 1
    t0 = time.perf_counter()
    check_out = subprocess.run([SV, "check", "-f", "json", "--fail-on", "never", model],
                               capture_output=True, text=True, check=True).stdout
    check_s = time.perf_counter() - t0
    count = dict.fromkeys(processes, 0)
    for f in json.loads(check_out)["findings"]:
        if f["rule"] in PROCESS_RULES and f.get("element"):
            p = f["element"].split("/")[0]
            if p in count:
                count[p] += 1
    expected = sorted(processes, key=lambda p: (-count[p], p))[:20]
    check(len(processes) == 300, "300 processes generated (%d)" % len(processes))

    out = os.path.join(work, "report.html")
    t0 = time.perf_counter()
    p = subprocess.run([SV, "--lang", "en", "report", model, "-o", out], capture_output=True, text=True)
    report_s = time.perf_counter() - t0
    print("check %.2f s, report %.2f s (%.1f times)" % (check_s, report_s, report_s / check_s))
    check(p.returncode == 0, "report written: " + p.stderr)
    html = open(out, encoding="utf-8").read() if p.returncode == 0 else ""
    drawn = re.findall(r'<section class="figure-page[^"]*" id="diagram-process-([^"]+)"', html)
    check(drawn == [x for x in processes if x in set(expected)],
          "the 20 processes with the most findings drawn, in model order (%s)" % drawn[:3])
    table = html[html.find('id="processes-not-drawn"'):]
    rows = re.findall(r"<tr><td>[^<]*</td><td>([^<]+)</td><td>(\d+)</td><td>(\d+)</td></tr>", table)
    rest = [x for x in processes if x not in set(expected)]
    check([r[0] for r in rows] == rest, "the other 280 listed in model order (%d rows)" % len(rows))
    check(all(int(r[1]) == steps[r[0]] and int(r[2]) == count[r[0]] for r in rows),
          "their steps and findings as the model and check have them")
    check("The RACI matrix of the model&#39;s 3000 steps is too large for this report" in html,
          "the RACI matrix left out with a note")
    check("<table class=\"raci" not in html, "no RACI table")
    boxes = [len(re.findall(r'class="node"', s)) for s in html.split("<svg")[1:]]
    check(boxes and max(boxes) <= 400, "no figure over 400 boxes (largest %d)" % max(boxes or [0]))
    check("too many to read on a page" in html, "a figure too large is a note")
    check(report_s < 30, "report in %.1f s, under 30 s" % report_s)

    p = subprocess.run([SV, "--lang", "sv", "report", model, "-o", out], capture_output=True, text=True)
    html = open(out, encoding="utf-8").read() if p.returncode == 0 else ""
    check("Processer som inte ritats" in html, "the Swedish report has the table's Swedish heading")

print("report scale: %s" % ("ok" if not failures else "%d failures" % len(failures)))
sys.exit(1 if failures else 0)
