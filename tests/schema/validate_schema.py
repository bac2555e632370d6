#!/usr/bin/env python3
"""Validate samverkan model and scenario files against the JSON Schema.

    python3 validate_schema.py [--expect-invalid] SCHEMA FILE...

Each FILE is read with PyYAML under the YAML 1.2 core schema (Core12Loader
below), which is what samverkan and an editor's YAML language server read:
`yes`, `on` and `no` are text, `010` is ten, `2024-01-01` is text, not a
date. (PyYAML's own safe_load follows YAML 1.1, where `signatory: yes` is
true: a schema check with it would accept what both samverkan and the
editor reject.) Non-string mapping keys (e.g. the years of
`baseline: {2023: 41}`) become strings, as in JSON. The result is validated
with jsonschema's Draft202012Validator.

Output: `FILE: ok`, or one line per error: `FILE: <json path>: <message>`.
Exit status: 0 when every file is valid, 1 otherwise, 2 on a usage error
(bad arguments, unreadable file, unreadable or invalid schema).

With --expect-invalid the result is inverted: exit 0 only when every file is
rejected by the schema (its errors are still printed, so a test log shows
why). A file that is not even well-formed YAML counts as a failure in both
modes, so a broken test fixture cannot pass as "rejected by the schema".

Needs only python3-yaml and python3-jsonschema (Debian 12: 6.0 and 4.10).
"""

import argparse
import datetime
import difflib
import json
import re
import sys

import jsonschema
import yaml

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Core12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's implicit types.

    Plain scalars resolve as in YAML 1.2.2 section 10.3: null, the six
    spellings of true/false, decimal, 0o octal and 0x hex integers, floats
    with .inf/.nan; everything else (yes/no/on/off, 1_000, 0b1, 010 as
    octal, dates, sexagesimal numbers) is a string or an integer in base 10.
    """


Core12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
        ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
         list("-+0123456789")),
        ("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+.0123456789"))):
    Core12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _core12_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _core12_float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith(".nan"):
        return float("nan")
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    return float(text)


Core12Loader.add_constructor("tag:yaml.org,2002:int", _core12_int)
Core12Loader.add_constructor("tag:yaml.org,2002:float", _core12_float)


def load_core12(stream):
    """One YAML document read under the YAML 1.2 core schema."""
    return yaml.load(stream, Loader=Core12Loader)


def to_json_value(node):
    """Return `node` with dates as ISO strings and all mapping keys as strings."""
    if isinstance(node, dict):
        return {to_json_key(k): to_json_value(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_json_value(v) for v in node]
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()
    return node


def to_json_key(key):
    if isinstance(key, str):
        return key
    if isinstance(key, bool):  # before int: bool is a subclass of int
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, (datetime.date, datetime.datetime)):
        return key.isoformat()
    return str(key)


def json_path(path):
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += "[%d]" % part
        elif _IDENT.match(part):
            out += "." + part
        else:
            out += "[%s]" % json.dumps(part, ensure_ascii=False)
    return out


class Explainer:
    """Turns jsonschema errors into short, specific messages."""

    def __init__(self, schema):
        self.schema = schema

    def resolve(self, sub, depth=0):
        """Follow local `$ref`s ("#/..."); anything else is returned as is."""
        while isinstance(sub, dict) and "$ref" in sub and depth < 20:
            ref = sub["$ref"]
            if not ref.startswith("#"):
                break
            target = self.schema
            for token in ref[1:].split("/")[1:] if ref != "#" else []:
                token = token.replace("~1", "/").replace("~0", "~")
                target = target[int(token)] if isinstance(target, list) else target[token]
            sub = target
            depth += 1
        return sub

    def score(self, index, errors, alternatives, instance):
        """How well one oneOf/anyOf alternative fits: higher is better."""
        type_mismatch = any(e.validator == "type" and not e.relative_path for e in errors)
        matched_keys = 0
        alt = self.resolve(alternatives[index]) if index < len(alternatives) else {}
        if isinstance(instance, dict) and isinstance(alt, dict):
            props = alt.get("properties", {})
            matched_keys = sum(1 for k in instance if k in props)
        depth = max((len(e.relative_path) for e in errors), default=0)
        return (not type_mismatch, matched_keys, depth, -len(errors))

    def explain(self, error):
        """Yield (path, message) pairs for one error."""
        if error.validator in ("oneOf", "anyOf") and error.context:
            groups = {}
            for sub in error.context:
                groups.setdefault(sub.relative_schema_path[0], []).append(sub)
            alternatives = error.schema.get(error.validator, [])
            scores = {i: self.score(i, groups[i], alternatives, error.instance) for i in groups}
            best = max(groups, key=lambda i: scores[i])
            if not scores[best][0]:
                # Wrong type for every alternative: name all the types that would do.
                types = []
                for sub in error.context:
                    if sub.validator == "type" and not sub.relative_path:
                        want = sub.validator_value
                        for t in want if isinstance(want, list) else [want]:
                            if t not in types:
                                types.append(t)
                if types:
                    shown = repr(error.instance)
                    if len(shown) > 60:
                        shown = shown[:57] + "..."
                    yield list(error.absolute_path), "%s is not of type %s" % (
                        shown, " or ".join(repr(t) for t in types))
                    return
            if isinstance(error.instance, dict) and scores[best][0] and not scores[best][1]:
                # An object that shares no key with any alternative (e.g. a
                # change item `{rename: x}`): name the keys that would do.
                known = []
                for alt in alternatives:
                    alt = self.resolve(alt)
                    if isinstance(alt, dict):
                        known += [k for k in alt.get("properties", {}) if k not in known]
                if known:
                    yield from self.unknown_keys(error, error.instance, known,
                                                 "; expected one of: " + ", ".join(known))
                    return
            for sub in groups[best]:
                yield from self.explain(sub)
            return
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            props = error.schema.get("properties", {})
            patterns = error.schema.get("patternProperties", {})
            extra = [k for k in error.instance
                     if k not in props and not any(re.search(p, k) for p in patterns)]
            if extra:
                yield from self.unknown_keys(error, extra, list(props), "")
                return
        yield list(error.absolute_path), error.message

    @staticmethod
    def unknown_keys(error, keys, known, suffix):
        """Yield one 'unknown key' message per key, with a did-you-mean hint."""
        if not keys:
            yield list(error.absolute_path), "empty mapping" + suffix
        for key in keys:
            msg = "unknown key %s" % json.dumps(key, ensure_ascii=False)
            hint = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
            if hint:
                msg += " (did you mean %s?)" % json.dumps(hint[0], ensure_ascii=False)
            yield list(error.absolute_path) + [key], msg + suffix


def _sort_key(item):
    path, msg = item
    return ([(0, p, "") if isinstance(p, int) else (1, 0, p) for p in path], msg)


def validate_file(validator, explainer, filename):
    """Return (status, lines): status is 'ok', 'invalid', 'broken' or 'unreadable'."""
    try:
        with open(filename, "rb") as f:
            doc = load_core12(f)
    except OSError as exc:
        return "unreadable", ["%s: cannot read: %s" % (filename, exc.strerror or exc)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None)
        if mark is not None and problem:
            context = getattr(exc, "context", None)
            text = "line %d, column %d: %s" % (
                mark.line + 1, mark.column + 1, (context + ", " if context else "") + problem)
        else:
            text = " ".join(str(exc).split())
        return "broken", ["%s: not valid YAML (no schema result): %s" % (filename, text)]
    doc = to_json_value(doc)
    found = []
    for error in validator.iter_errors(doc):
        found.extend(explainer.explain(error))
    if not found:
        return "ok", ["%s: ok" % filename]
    unique = sorted(set((tuple(p), m) for p, m in found), key=_sort_key)
    return "invalid", ["%s: %s: %s" % (filename, json_path(p), m) for p, m in unique]


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Validate samverkan YAML models against the JSON Schema.")
    parser.add_argument("--expect-invalid", action="store_true",
                        help="succeed only if every FILE is rejected by the schema")
    parser.add_argument("schema", metavar="SCHEMA", help="the JSON Schema file")
    parser.add_argument("files", metavar="FILE", nargs="+", help="YAML model or scenario")
    args = parser.parse_args(argv)  # exits 2 on a usage error

    try:
        with open(args.schema, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError) as exc:
        print("%s: cannot load schema: %s" % (args.schema, exc), file=sys.stderr)
        return 2
    except jsonschema.exceptions.SchemaError as exc:
        print("%s: invalid schema: %s: %s"
              % (args.schema, json_path(exc.absolute_path), exc.message), file=sys.stderr)
        return 2

    validator = jsonschema.Draft202012Validator(schema)
    explainer = Explainer(schema)
    failed = False
    unreadable = False
    for filename in args.files:
        status, lines = validate_file(validator, explainer, filename)
        if args.expect_invalid and status == "ok":
            lines = ["%s: ok, but expected to be invalid" % filename]
        for line in lines:
            print(line)
        if status == "unreadable":
            unreadable = True
        elif status == "broken":
            failed = True
        elif (status == "ok") == args.expect_invalid:
            failed = True
    if unreadable:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
