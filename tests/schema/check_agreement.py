#!/usr/bin/env python3
"""The JSON Schema and `samverkan check` agree on every file, or the docs say why.

    python3 check_agreement.py SAMVERKAN SCHEMA DOC FILE...

An editor with the schema (models/samverkan.schema.json) and `samverkan
check` must not tell a user opposite things about the same file. For each
FILE this runs both:

- the schema, on the file read under the YAML 1.2 core schema as an editor's
  YAML language server reads it (validate_schema.load_core12);
- `samverkan --lang en check --format json FILE`: exit 2 means the file was
  refused, with the load-error codes and positions of its JSON output.

Where both accept or both refuse, they agree. Where the schema refuses what
the tool accepts, the schema is wrong: that always fails. Where the tool
refuses what the schema accepts, every one of the tool's errors must be a
kind that a schema cannot see, and DOC (docs/model-format.md) must list that
kind in its table under "What only samverkan check sees": the load code in
the first column and, where the kind is limited to some keys, those keys in
backticks in the second ("any" otherwise). EXPLAINED below holds the same
kinds with how to recognise each one; a kind used here that the doc does not
list fails, and so does a doc row nothing here uses, so the two stay in step.

Exit status: 0 when every file agrees or is explained, 1 otherwise, 2 on a
usage error.
"""

import json
import os
import re
import subprocess
import sys

import jsonschema
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import validate_schema  # noqa: E402  (beside this script)

# How a whole number that the YAML 1.2 core schema reads as a number can be
# written other than in plain decimal digits: the schema sees 2024 in all of
# them, samverkan asks for the digits (docs/model-format.md, Values).
NUMBER_NOT_IN_DIGITS = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9.]+[eE][-+]?[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$")
NON_FINITE = re.compile(r"^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$")

# The kinds of error a JSON Schema cannot see, as (code, keys, test). keys
# is None for any key, or the keys at (or just above) the error's position
# that the kind is limited to; test, where given, must hold for the YAML
# text at the error's position.
EXPLAINED = [
    # how the YAML is written, not what it says: the schema gets the data
    ("duplicate-key", None, None),
    ("alias", None, None),
    ("merge-key", None, None),
    ("tag", None, None),
    ("too-large", None, None),
    ("too-deep", None, None),
    ("wrong-type", None,
     lambda text: bool(NUMBER_NOT_IN_DIGITS.match(text) or NON_FINITE.match(text))),
    ("out-of-range", None, lambda text: bool(NON_FINITE.match(text))),
    # references between elements, and ids unique across the file
    ("unknown-reference", None, None),
    ("wrong-reference-kind", None, None),
    ("duplicate-id", None, None),
    ("part-of-cycle", None, None),
    ("invalid-value", ("audited", "before", "unknown"), None),
    # relations between values of one element
    ("out-of-range", ("outcomes", "valid_to", "to", "times_per_year", "cv"), None),
    ("invalid-date", None, None),
    # a scenario: its base file, and what its changes make of the base
    ("unreadable-file", ("base",), None),
    ("scenario-cycle", None, None),
    ("merge-conflict", None, None),
    ("unknown-key", ("key",), None),
    ("wrong-type", ("value",), None),
    ("out-of-range", ("value",), None),
]


def node_at(root, line, column):
    """The keys from the root to the node that starts at line:column (1-based)."""
    best = None

    def walk(node, keys):
        nonlocal best
        mark = node.start_mark
        if mark.line + 1 == line and mark.column + 1 == column and best is None:
            best = (keys, node)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                k = key.value if isinstance(key, yaml.ScalarNode) else None
                if key.start_mark.line + 1 == line and key.start_mark.column + 1 == column \
                        and best is None:
                    best = (keys + [k], key)
                walk(value, keys + [k])
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, keys)

    if root is not None:
        walk(root, [])
    return best


def explain(error, root):
    """The EXPLAINED entry that covers one of the tool's errors, or None."""
    found = node_at(root, error.get("line"), error.get("column")) if root else None
    keys = [k for k in found[0] if k] if found else []
    text = found[1].value if found and isinstance(found[1], yaml.ScalarNode) else ""
    for entry in EXPLAINED:
        code, limit, test = entry
        if code != error["code"]:
            continue
        if limit is not None and not (keys and (keys[-1] in limit or
                                                 (len(keys) > 1 and keys[-2] in limit))):
            continue
        if test is not None and not test(text):
            continue
        return entry
    return None


def documented_kinds(doc_path):
    """(code, keys) of each row of the doc's table of what only check sees."""
    with open(doc_path, encoding="utf-8") as f:
        text = f.read()
    section = re.search(r"^### What only samverkan check sees\n(.*?)(?=^#)", text, re.M | re.S)
    if not section:
        raise SystemExit("%s: no section '### What only samverkan check sees'" % doc_path)
    rows = set()
    for line in section.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        code = cells[0].strip("`")
        keys = tuple(re.findall(r"`([a-z_]+)`", cells[1]))
        rows.add((code, keys or None))
    return rows


# A document whose aliases stand for more nodes than this is not given to the
# schema validator, which would walk every copy (a "billion laughs" file
# stands for 10^9 nodes in a few lines): samverkan refuses aliases anyway.
EXPANDED_NODES_MAX = 100000


def expanded_size(root):
    """How many nodes the document stands for with every alias expanded
    (more than EXPANDED_NODES_MAX for an alias inside its own anchor, which
    stands for an endless document)."""
    sizes = {}
    endless = EXPANDED_NODES_MAX + 1

    def size(node):
        key = id(node)
        if key not in sizes:
            sizes[key] = endless  # met again while inside itself: recursive
            total = 1
            if isinstance(node, yaml.MappingNode):
                total += sum(size(k) + size(v) for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                total += sum(size(item) for item in node.value)
            sizes[key] = min(total, EXPANDED_NODES_MAX + 1)
        return sizes[key]

    return size(root) if root is not None else 0


def compose(path):
    """The document's node graph (aliases shared, not expanded), or None."""
    try:
        with open(path, "rb") as f:
            return yaml.compose(f, Loader=validate_schema.Core12Loader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def run_tool(samverkan, path):
    proc = subprocess.run([samverkan, "--lang", "en", "check", "--format", "json", path],
                          capture_output=True, text=True, timeout=60)
    if proc.returncode not in (0, 1, 2):
        return "crashed", [], proc.stderr
    if proc.returncode != 2:
        return "accepts", [], ""
    try:
        errors = json.loads(proc.stdout).get("errors", [])
    except ValueError:
        return "crashed", [], "no JSON on stdout:\n" + proc.stdout + proc.stderr
    return "refuses", errors, ""


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    samverkan, schema_path, doc_path, files = argv[0], argv[1], argv[2], argv[3:]
    with open(schema_path, encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    explainer = validate_schema.Explainer(validator.schema)
    documented = documented_kinds(doc_path)
    used = set()
    failures = 0
    counts = {}
    for path in files:
        root = compose(path)
        if root is None:
            # Not YAML that PyYAML can read (or nested past Python's
            # recursion limit): no schema result, which samverkan must
            # refuse too.
            status, lines = "broken", ["%s: not readable as YAML" % path]
        elif expanded_size(root) > EXPANDED_NODES_MAX:
            status, lines = "too-large", ["%s: its aliases stand for more than %d nodes" %
                                          (path, EXPANDED_NODES_MAX)]
        else:
            status, lines = validate_schema.validate_file(validator, explainer, path)
        schema_ok = status == "ok"
        tool, errors, why = run_tool(samverkan, path)
        if tool == "crashed":
            print("%s: samverkan failed: %s" % (path, why))
            failures += 1
            continue
        verdict = "agree"
        if tool == "accepts" and not schema_ok:
            verdict = "schema refuses what check accepts"
            print("%s: %s:\n  %s" % (path, verdict, "\n  ".join(lines)))
            failures += 1
        elif tool == "refuses" and schema_ok:
            verdict = "explained"
            for error in errors:
                if error.get("file") not in (None, path):
                    # An error in another file: a scenario's base, or what the
                    # scenario's changes make of it. The schema sees one file.
                    used.add(("scenario-result", None))
                    continue
                entry = explain(error, root)
                if entry is None:
                    verdict = "check refuses what the schema accepts"
                    print("%s:%s:%s: %s: [%s] %s" % (path, error.get("line"), error.get("column"),
                                                    verdict, error["code"], error["message"]))
                    failures += 1
                else:
                    used.add((entry[0], entry[1]))
        counts[verdict] = counts.get(verdict, 0) + 1
    documented_used = {(c, k) for c, k in used if c != "scenario-result"}
    for code, keys in sorted(documented_used - documented, key=str):
        print("%s: the kind [%s]%s is used here but not listed under 'What only samverkan "
              "check sees'" % (doc_path, code, " at " + ", ".join(keys) if keys else ""))
        failures += 1
    listed = {(c, k) for c, k, _ in EXPLAINED}
    for code, keys in sorted(documented - listed, key=str):
        print("%s: the row [%s]%s has no kind in check_agreement.py" %
              (doc_path, code, " at " + ", ".join(keys) if keys else ""))
        failures += 1
    print("%d files: %s" % (len(files), ", ".join("%d %s" % (n, v) for v, n in sorted(counts.items()))))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
