#!/usr/bin/env python3
"""Dependencies point one way: every #include "..." of a stage (its folder
under src/ and its public headers under include/samverkan/) names only its
own stage or one it is allowed to use, only the load stage includes
libyaml, and only the stages that write (report, render, and util's
atomic writer) create files.

usage: check_layers.py SOURCE_DIR
"""
import os
import re
import sys

# Each stage and the stages below it that it may include. A stage not
# listed here is an error: a new folder under src/ must say where it sits.
ALLOWED = {
    "util": set(),
    "load": {"util"},
    "model": {"util"},
    "catalogue": {"util", "load"},
    "schema": {"util", "load", "model", "catalogue"},
    "graph": {"util", "model"},
    "rules": {"util", "model", "catalogue", "graph"},
    "diff": {"util", "model", "catalogue", "rules"},
    "sim": {"util", "model"},
    "check": {"util", "load", "model", "catalogue", "schema", "rules"},
    "render": {"util", "model", "catalogue", "graph", "rules", "diff"},
    "report": {"util", "load", "model", "catalogue", "schema", "graph", "rules", "diff", "sim",
               "render"},
    "cli": {"util", "load", "model", "catalogue", "schema", "graph", "rules", "diff", "sim",
            "check", "render", "report", "umbrella"},
}

# The stage of each public header; samverkan.h includes them all and is
# for programs (the CLI), never for a stage of the library.
HEADERS = {
    "diag.h": "util", "source.h": "util", "version.h": "util", "export.h": "util",
    "library.h": "util",
    "tree.h": "load",
    "model.h": "model",
    "catalogue.h": "catalogue", "audit_profile.h": "catalogue",
    "schema.h": "schema", "config.h": "schema",
    "graph.h": "graph", "metrics.h": "graph",
    "rules.h": "rules", "audit.h": "rules",
    "diff.h": "diff",
    "sim.h": "sim",
    "check.h": "check",
    "render.h": "render",
    "report.h": "report", "report_html.h": "report", "report_sim.h": "report",
    "samverkan.h": "umbrella",
}

# Only these stages write files; util/atomic.h is the writer.
WRITERS = {"report", "render", "util"}
WRITING = re.compile(r"\bO_CREAT\b|\bcreat\s*\(|\bfopen\s*\([^;]*\"[wa]|\brename\s*\(|util/atomic\.h")

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# Only the load stage sees YAML (docs/architecture.md): no other stage,
# the CLI included, parses it with libyaml.
LIBYAML = re.compile(r'^\s*#\s*include\s+<yaml\.h>', re.M)


def stage_of_include(name):
    if name.startswith("samverkan/"):
        return HEADERS.get(name[len("samverkan/"):], "?" + name)
    return name.split("/")[0] if "/" in name else None  # "x.h": the same folder


def main():
    root = sys.argv[1]
    problems = []
    files = []
    src = os.path.join(root, "src")
    for stage in sorted(os.listdir(src)):
        folder = os.path.join(src, stage)
        if not os.path.isdir(folder):
            continue
        if stage not in ALLOWED:
            problems.append(f"src/{stage}/ is no stage of tests/check_layers.py: say what it may use")
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith((".c", ".h", ".def")):
                files.append((stage, f"src/{stage}/{name}"))
    for name in sorted(os.listdir(os.path.join(root, "include", "samverkan"))):
        if name not in HEADERS:
            problems.append(f"include/samverkan/{name} has no stage in tests/check_layers.py")
        elif HEADERS[name] != "umbrella":
            files.append((HEADERS[name], f"include/samverkan/{name}"))
    for stage, path in files:
        with open(os.path.join(root, path), encoding="utf-8") as f:
            text = f.read()
        for included in INCLUDE.findall(text):
            to = stage_of_include(included)
            if to is None or to == stage:
                continue
            if to.startswith("?"):
                problems.append(f"{path}: includes {included}, a header with no stage")
            elif to not in ALLOWED[stage]:
                problems.append(f"{path}: {stage} includes {included} ({to}), which it may not use")
        for match in LIBYAML.finditer(text):
            if stage != "load":
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path}:{line}: {stage} includes <yaml.h>; only load reads YAML")
        if stage not in WRITERS:
            for match in WRITING.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path}:{line}: {stage} writes a file ({match.group(0)}); "
                                "only report and render write")
    for p in problems:
        print(p)
    if not files:
        print("no sources found under", src)
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
