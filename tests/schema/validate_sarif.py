#!/usr/bin/env python3
"""Validate SARIF logs (samverkan check --format sarif) against a JSON Schema.

    python3 validate_sarif.py SCHEMA FILE...

SCHEMA is the OASIS SARIF 2.1.0 schema (../shared/schemas/sarif-schema-2.1.0.json).
The validator class is the one the schema's own "$schema" names (the OASIS
file says draft-04; the copies on schemastore.org say draft-07), Draft 7
when it names none; the schema itself is checked first. Formats such as
uri-reference are checked too, as far as the installed jsonschema can.

Beyond the schema, a few facts the schema cannot express are checked, since
consumers (GitHub code scanning, IDE viewers) rely on them: exactly one run,
each result's ruleIndex points at the rule named by its ruleId, and each
artifactLocation.index points at an artifact with the same uri; an artifact
URI is either relative with a uriBaseId that run.originalUriBaseIds defines
(as an absolute URI ending in '/') or an absolute file: URI; every result
has partialFingerprints, and every suppression is inSource, accepted and
justified.

Output: `FILE: ok`, or one line per error: `FILE: <json path>: <message>`.
Exit status: 0 when every file is valid, 1 when one is not, 2 on a usage
error (bad arguments, unreadable file, unreadable or invalid schema).

Needs only python3 and python3-jsonschema (Debian 12: 4.10).
"""

import argparse
import json
import sys

import jsonschema
from jsonschema import validators


def json_path(path):
    out = "$"
    for part in path:
        out += "[%d]" % part if isinstance(part, int) else "." + str(part)
    return out


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def extra_checks(log):
    """Errors (path, message) the schema does not catch."""
    errors = []
    runs = log.get("runs") if isinstance(log, dict) else None
    if not isinstance(runs, list) or len(runs) != 1:
        return [("$.runs", "expected exactly one run")]
    run = runs[0]
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    artifacts = run.get("artifacts", [])

    bases = run.get("originalUriBaseIds", {})
    for name, base in bases.items():
        uri = base.get("uri", "")
        if ":" not in uri.split("/")[0] or not uri.endswith("/"):
            errors.append(("$.runs[0].originalUriBaseIds." + name,
                           "%r is not an absolute URI ending in '/'" % uri))

    def check_uri(loc, where):
        uri = loc.get("uri", "")
        if "uriBaseId" in loc:
            if loc["uriBaseId"] not in bases:
                errors.append((where + ".uriBaseId", "%r is not in originalUriBaseIds" % loc["uriBaseId"]))
            if uri.startswith("/") or ":" in uri.split("/")[0]:
                errors.append((where + ".uri", "%r is not relative to its base" % uri))
        elif not uri.startswith("file:///"):
            errors.append((where + ".uri", "%r has no base and is no absolute file URI" % uri))

    for k, artifact in enumerate(artifacts):
        check_uri(artifact.get("location", {}), "$.runs[0].artifacts[%d].location" % k)

    def check_artifact(loc, where):
        if isinstance(loc, dict):
            check_uri(loc, where)
        if not isinstance(loc, dict) or "index" not in loc:
            return
        index = loc["index"]
        if not 0 <= index < len(artifacts):
            errors.append((where + ".index", "index %d has no artifact" % index))
        elif artifacts[index].get("location", {}).get("uri") != loc.get("uri"):
            errors.append((where + ".uri", "differs from the uri of artifact %d" % index))

    for i, result in enumerate(run.get("results", [])):
        base = "$.runs[0].results[%d]" % i
        if "ruleIndex" in result:
            index = result["ruleIndex"]
            if not 0 <= index < len(rules):
                errors.append((base + ".ruleIndex", "index %d has no rule" % index))
            elif rules[index].get("id") != result.get("ruleId"):
                errors.append((base + ".ruleIndex", "rule %d is %r, not %r" % (
                    index, rules[index].get("id"), result.get("ruleId"))))
        if "samverkan/v1" not in result.get("partialFingerprints", {}) and \
                "invocations" not in run:
            errors.append((base + ".partialFingerprints", "no samverkan/v1 fingerprint"))
        for k, sup in enumerate(result.get("suppressions", [])):
            if sup.get("kind") != "inSource" or sup.get("status") != "accepted" or \
                    not sup.get("justification"):
                errors.append((base + ".suppressions[%d]" % k,
                               "not an accepted inSource suppression with its justification"))
        for key in ("locations", "relatedLocations"):
            for k, location in enumerate(result.get(key, [])):
                phys = location.get("physicalLocation", {})
                check_artifact(phys.get("artifactLocation"),
                               "%s.%s[%d].physicalLocation.artifactLocation" % (base, key, k))
    return errors


def main():
    parser = argparse.ArgumentParser(description="Validate SARIF files against a JSON Schema.")
    parser.add_argument("schema")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    try:
        schema = load_json(args.schema)
        cls = validators.validator_for(schema, default=jsonschema.Draft7Validator)
        cls.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print("%s: cannot use the schema: %s" % (args.schema, e), file=sys.stderr)
        return 2
    # formats (uri, uri-reference) are checked where the modules for them
    # are installed (Debian's python3-jsonschema pulls in python3-rfc3987)
    validator = cls(schema, format_checker=jsonschema.FormatChecker())

    failed = False
    for path in args.files:
        try:
            log = load_json(path)
        except OSError as e:
            print("%s: cannot read: %s" % (path, e), file=sys.stderr)
            return 2
        except ValueError as e:
            print("%s: not JSON: %s" % (path, e))
            failed = True
            continue
        errors = sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
        problems = [(json_path(e.absolute_path), e.message) for e in errors]
        if not errors:
            problems += extra_checks(log)
        for where, message in problems:
            print("%s: %s: %s" % (path, where, message))
        if problems:
            failed = True
        else:
            print("%s: ok" % path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
