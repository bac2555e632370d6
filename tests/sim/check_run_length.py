#!/usr/bin/env python3
"""The run length found from the data does not depend on the run (a ctest;
docs/simulation.md, "Run length").

    check_run_length.py SAMVERKAN SOURCE_DIR

On the merged torg (models/scenarios/merged-torg-2025.yaml), `simulate`
with its defaults (the warm-up by MSER-5, the runs for the precision, 24
months) and with a window ten times as long (`--months 240`) must give
mean waits and lead times whose 95 % intervals overlap: a warm-up that
left the start's bias in, or intervals that claimed more than they know,
would set the two apart. Both must have found their warm-up (no warning
of a queue that does not settle) and reached the precision (no
`imprecise` warning).
"""
import json
import os
import subprocess
import sys


def simulate(samverkan, model, *args):
    p = subprocess.run([samverkan, "--lang", "en", "simulate", "--format", "json", *args, model],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("simulate %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
    return json.loads(p.stdout)["inputs"][0]["service_points"][0]


def main():
    samverkan, src = sys.argv[1], sys.argv[2]
    model = os.path.join(src, "models", "scenarios", "merged-torg-2025.yaml")
    short = simulate(samverkan, model)
    long = simulate(samverkan, model, "--months", "240")
    failures = 0
    for point, what in ((short, "24 months"), (long, "240 months")):
        print("%s: warm-up %d months (%s), %d runs, wait %.3f %s, lead %.3f %s, warnings %s" % (
            what, point["warmup_months"], point["warmup_from"], point["runs"],
            point["wait_days"]["mean"], point["wait_days"]["ci95"],
            point["lead_days"]["mean"], point["lead_days"]["ci95"], point["warnings"]))
        if point["warmup_from"] != "mser-5" or point["warnings"]:
            print("FAIL: %s: the warm-up was not found, or a warning was given" % what)
            failures += 1
    for key in ("wait_days", "lead_days"):
        (a_lo, a_hi), (b_lo, b_hi) = short[key]["ci95"], long[key]["ci95"]
        if a_hi < b_lo or b_hi < a_lo:
            print("FAIL: %s: the intervals [%g, %g] and [%g, %g] do not overlap" %
                  (key, a_lo, a_hi, b_lo, b_hi))
            failures += 1
    print("run length: %d failures" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
