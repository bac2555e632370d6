#!/usr/bin/env python3
"""The configuration schema names every rule of the catalogue, and no other.

    python3 check_config_rules.py SAMVERKAN SCHEMA

models/samverkan-config.schema.json lists the rule names ($defs.ruleName)
so that an editor completes them and marks a misspelt one; this compares
that list with `samverkan rules --format json`, in order. Exit 0 when they
agree, 1 (with what differs) when not.
"""

import json
import subprocess
import sys


def main():
    samverkan, schema_path = sys.argv[1:3]
    catalogue = [r["name"] for r in json.loads(
        subprocess.run([samverkan, "--lang", "en", "rules", "--format", "json"],
                       check=True, capture_output=True, text=True).stdout)]
    with open(schema_path, encoding="utf-8") as f:
        listed = json.load(f)["$defs"]["ruleName"]["enum"]
    if listed == catalogue:
        print("%s: the %d rules of the catalogue, in order" % (schema_path, len(listed)))
        return 0
    for name in catalogue:
        if name not in listed:
            print("%s: $defs.ruleName lacks the rule %s" % (schema_path, name))
    for name in listed:
        if name not in catalogue:
            print("%s: $defs.ruleName names %s, which is no rule" % (schema_path, name))
    if sorted(listed) == sorted(catalogue):
        print("%s: $defs.ruleName is not in the catalogue's order" % schema_path)
    return 1


if __name__ == "__main__":
    sys.exit(main())
