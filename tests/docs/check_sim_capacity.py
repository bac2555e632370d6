#!/usr/bin/env python3
"""The capacity figures of docs/simulation.md and docs/sv/simulering.md
are what their commands print (a ctest).

    check_sim_capacity.py SAMVERKAN SOURCE_DIR

Runs each `samverkan simulate ... --target ...` command of the sh block
of the section "Capacity planning" ("Kapacitetsplanering") with --format
json and holds every row of the section's table to it, in both languages:
the slots now and the figure there, the slots found, the figure there with
its 95 % interval, the figure with one slot fewer, Erlang C's count (or
that it does not apply), whether the mean decided, and the staff (with
the staff now) where the model gives a caseload. A row names its
input file and its target, which pick the command; a number agrees when it
is the figure rounded to the digits the table shows (a share in per cent).
The commands take a few minutes of CPU between them (the search simulates
each count it tries as `simulate` would); the test is labelled `slow`.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import doc_figures  # noqa: E402  (beside this script)
from doc_figures import agrees, numbers  # noqa: E402


def section(path, heading):
    part = doc_figures.section(path, heading)
    block = re.search(r"```sh\n(.*?)```", part, re.S).group(1)
    commands = [line.split() for line in block.replace("\\\n", " ").splitlines() if line.strip()]
    rows = [line for line in part.splitlines()
            if line.startswith("| `") and len(line.strip().strip("|").split("|")) == 11]
    return commands, rows


def main():
    samverkan, src = sys.argv[1], sys.argv[2]
    os.chdir(src)
    failures = 0
    outputs = {}
    for path, heading, swedish in (("docs/simulation.md", "## Capacity planning", False),
                                   ("docs/sv/simulering.md", "## Kapacitetsplanering", True)):
        commands, rows = section(path, heading)
        if not rows:
            print("FAIL: %s: no table of measured plans" % path)
            failures += 1
        for row in rows:
            cells = [c.strip() for c in row.strip("|").split("|")]
            model, target = cells[0].strip("`"), cells[1].strip("`")
            command = [c for c in commands
                       if any(a == model or a.endswith("/" + model) for a in c)
                       and "--target" in c and c[c.index("--target") + 1] == target]
            if len(command) != 1:
                print("FAIL: %s: no command for %s %s" % (path, model, target))
                failures += 1
                continue
            key = tuple(command[0])
            if key not in outputs:
                p = subprocess.run([samverkan, "--lang", "en", *command[0][1:], "--format", "json"],
                                   capture_output=True, text=True)
                if p.returncode != 0:
                    sys.exit("the command failed: %s\n%s" % (" ".join(key), p.stderr))
                outputs[key] = json.loads(p.stdout)["capacity"]
            plan = [sp for sp in outputs[key]["service_points"] if sp["service_point"] == cells[2]]
            if len(plan) != 1:
                print("FAIL: %s: %s is not planned by %s" % (path, cells[2], " ".join(key)))
                failures += 1
                continue
            plan = plan[0]
            scale = 100 if outputs[key]["target"] == "share-over" else 1
            want = {3: [plan["slots_now"]], 4: [plan["value_now"] * scale], 5: [plan["slots"]],
                    6: [plan["value"] * scale] + [v * scale for v in plan["ci95"]],
                    7: [plan["value_one_slot_fewer"] * scale]}
            erlang = plan["erlang_c_slots"]
            for column, values in want.items():
                shown = numbers(cells[column], swedish)
                if len(shown) != len(values) or not all(
                        agrees(s, v, swedish) for s, v in zip(shown, values)):
                    print("FAIL: %s: %s %s %s, column %d: the table says %r, simulate %s" %
                          (path, model, target, cells[2], column + 1, cells[column], values))
                    failures += 1
            shown = numbers(cells[8], swedish)
            if (erlang is None) != (not shown) or (shown and int(shown[0]) != erlang):
                print("FAIL: %s: %s %s: Erlang C %r, simulate %s" % (path, model, target, cells[8], erlang))
                failures += 1
            staff = numbers(cells[10], swedish)
            wanted = [] if plan["staff"] is None else [plan["staff"], plan["staff_now"]]
            if [int(x) for x in staff] != wanted:
                print("FAIL: %s: %s %s %s: staff %r, simulate %s" %
                      (path, model, target, cells[2], cells[10], wanted))
                failures += 1
            close = cells[9].lower() not in ("interval", "intervallet")
            if close != plan["close"]:
                print("FAIL: %s: %s %s: decided %r, simulate close=%s" %
                      (path, model, target, cells[9], plan["close"]))
                failures += 1
    print("capacity plans: %d failures" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
