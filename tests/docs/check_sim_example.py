#!/usr/bin/env python3
"""The worked example of docs/simulation.md and docs/sv/simulering.md shows
what its command prints (a ctest).

    check_sim_example.py SAMVERKAN SOURCE_DIR

Runs the `samverkan simulate` command of the example's sh block (without
its --plot) with --format json, which carries the same figures as the
text, and holds every number of the example's table to it, in both
languages: slots, warm-up, runs, the mean wait and lead time with their
intervals, the 90th percentile of the wait, the queue length, the
utilisation and, for the unstable queue, the growth per month with its
interval. A number agrees when it is the figure rounded to the digits the
table shows. It also checks the warning the example quotes. Any change to
the simulation that moves a figure fails here until the docs say so.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import doc_figures  # noqa: E402  (beside this script)
from doc_figures import agrees, numbers  # noqa: E402


def example(path, heading):
    part = doc_figures.section(path, heading)
    command = re.search(r"```sh\n(.*?)```", part, re.S).group(1)
    command = command.replace("\\\n", " ").split()
    warning = re.search(r"```text\n(.*?)\n```", part, re.S).group(1)
    rows = [line for line in part.splitlines() if line.startswith("| ") and not line.startswith("| in")]
    return command, warning, rows


def main():
    samverkan, src = sys.argv[1], sys.argv[2]
    os.chdir(src)
    failures = 0
    out = None
    for path, heading, swedish in (("docs/simulation.md", "## Worked example", False),
                                   ("docs/sv/simulering.md", "## Exempel", True)):
        command, warning, rows = example(path, heading)
        args = [a for a in command[1:] if a not in ("--plot", "queue.svg")]
        if out is None:
            p = subprocess.run([samverkan, "--lang", "en", *args, "--format", "json"],
                               capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit("the example's command failed: " + p.stderr)
            out, stderr = json.loads(p.stdout), p.stderr
        lang = ["--lang", "sv"] if swedish else ["--lang", "en"]
        said = subprocess.run([samverkan, *lang, *args, "--runs", "2", "--months", "1",
                               "--warmup", "6"], capture_output=True, text=True).stderr
        if warning.strip() not in said:
            print("FAIL: %s: the warning it quotes is not what simulate says:\n  %s" % (path, warning))
            failures += 1
        points = [(i, p) for i, inp in enumerate(out["inputs"]) for p in inp["service_points"]]
        if len(rows) != len(points):
            print("FAIL: %s: %d rows for %d service points" % (path, len(rows), len(points)))
            failures += 1
            continue
        for row, (i, p) in zip(rows, points):
            cells = [c.strip() for c in row.strip("|").split("|")]
            want = {2: [p["slots"]], 3: [p["warmup_months"]], 4: [p["runs"]],
                    9: [p["utilisation"]["mean"]]}
            if p.get("unstable"):
                g = p["unstable"]["queue_growth_per_month"]
                want[5] = [g["mean"]] + g["ci95"]
            else:
                want[5] = [p["wait_days"]["mean"]] + p["wait_days"]["ci95"]
                want[6] = [p["wait_days"]["p90"]]
                want[7] = [p["lead_days"]["mean"]] + p["lead_days"]["ci95"]
                want[8] = [p["queue_length"]["mean"]]
            for column, values in want.items():
                shown = numbers(cells[column], swedish)
                if column == 5 and p.get("unstable"):
                    shown = shown[-3:]
                if len(shown) != len(values) or not all(
                        agrees(s, v, swedish) for s, v in zip(shown, values)):
                    print("FAIL: %s: %s, %s: the table says %r, simulate %s" %
                          (path, out["inputs"][i]["input"], p["at"], cells[column], values))
                    failures += 1
    print("worked example: %d failures" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
