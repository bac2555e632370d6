#!/usr/bin/env python3
"""No English in Swedish mode (test po.swedish-run).

usage: check_swedish_run.py SAMVERKAN [--count]

Runs every command and subcommand of SAMVERKAN with --lang sv on the
bundled models (models/umea-2024.yaml and the scenarios in
models/scenarios), from the project root: check in every format, rules and
explain of every rule, the views rendered as DOT and the RACI table as CSV
and HTML, report, diff, whatif, metrics, simulate, init and the --help of
each. From each output it takes what is human text, takes out what is
English by right (ids, YAML keys, file paths, rule names, JSON keys and
machine values, URLs, markup), and looks for the English words of
ENGLISH_WORDS. Each hit is printed as "command: word: context"; exit 1 when
there is one, 0 when there is none, 2 when a command could not run. With
--count it prints only the number of hits and exits 0 (to measure an older
binary).
"""
import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MODEL = "models/umea-2024.yaml"
SCENARIO_DIR = "models/scenarios"

# Words a Swedish reader should never meet in samverkan's own text: the
# element kinds, severities, weights, RACI and queue terms the tool prints,
# and the small words that give away an untranslated sentence. Words that
# are also Swedish (person, process, status) cannot be told apart and are
# not listed.
ENGLISH_WORDS = [
    "body", "bodies", "party", "parties", "role", "roles", "people", "agreement",
    "service point", "service points", "step", "steps", "process step", "goal", "goals",
    "indicator", "indicators", "reporting", "project", "projects",
    "error", "errors", "warning", "warnings", "note", "notes", "finding", "findings",
    "suppressed", "minor", "major", "none",
    "responsible", "accountable", "consulted", "informed",
    "member", "members", "chair", "chairs", "deputy", "deputies", "board", "steering group",
    "seed", "customers", "waiting", "queue", "slots", "arrivals", "outcome", "outcomes",
    "runs", "months", "merged", "added", "removed", "changed", "mean", "load",
    "the", "and", "of", "with", "is", "has", "from", "not", "this", "that", "which", "are",
    "usage", "options", "default", "show", "help",
]
WORD_PATTERN = re.compile(
    r"(?<![\w-])(%s)(?![\w-])" % "|".join(re.escape(w) for w in sorted(ENGLISH_WORDS, key=len, reverse=True)),
    re.IGNORECASE)

# JSON and SARIF: the keys whose string values are meant to be read; all
# other values are ids, paths, severities and the like (contracts).
HUMAN_JSON_KEYS = {"message", "text", "answer", "summary", "title", "markdown", "detects", "why",
                   "fix", "headline", "recommendation"}


def schema_keys():
    """The YAML keys of the model format, from its JSON Schema."""
    with open("models/samverkan.schema.json", encoding="utf-8") as f:
        schema = json.load(f)
    keys = set()

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "properties" and isinstance(v, dict):
                    keys.update(v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    return keys


YAML_KEYS = schema_keys()
YAML_LINE = re.compile(r"(?m)^[ \t]+(?:- )?(?:%s):(?:[ \t].*)?$" % "|".join(sorted(map(re.escape, YAML_KEYS))))
KEY_BEFORE_COLON = re.compile(r"(?<![\w-])(%s):" % "|".join(sorted(map(re.escape, YAML_KEYS), key=len, reverse=True)))


def strip_text(text):
    """Takes out of plain text what is English by right."""
    # the model's own lines: excerpts ("  226 |   - id: x", "      |     ^"),
    # YAML examples ("    kind: board"), fenced code
    text = re.sub(r"```.*?```|<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"(?m)^\s*\d*\s?\|.*$", " ", text)
    text = YAML_LINE.sub(" ", text)
    text = re.sub(r"https?://\S+", " ", text)
    # quoted: model names and values, keys, commands ('accountable', `check`)
    text = re.sub(r"(?<!\w)'[^'\n]*?'(?!\w)|`[^`\n]*`|\"[^\"\n]*\"", " ", text)
    # file paths, then ids, rule names and keys with - or _ (before options,
    # whose pattern would cut "reporting-cycle" in two)
    text = re.sub(r"\S*[/\\]\S*|\S+\.(?:yaml|yml|html|svg|png|pdf|csv|dot|json|sarif|xml|md)\b", " ", text)
    text = re.sub(r"\w+(?:[_-]\w+)+", " ", text)
    text = re.sub(r"(?<!\w)--?[A-Za-z]\w*", " ", text)
    # YAML keys before their colon ("slots: 80 -> 250"), a view's "party:ID"
    text = KEY_BEFORE_COLON.sub(" ", text)
    text = re.sub(r"\b\w+:[A-Z]+\b", " ", text)
    # alternatives the user types: text|json|sarif, off|info|warning|error
    text = re.sub(r"\w+(?:\|\w+)+", " ", text)
    # a name the user types, first in a line of a help list ("  reporting   vem som ...")
    text = re.sub(r"(?m)^  \w+(?=\s{2,}\S)", " ", text)
    return text


def strip_markup(text):
    """The text of HTML or XML: no tags, comments, scripts or styles."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<(script|style|code)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<[^>]*>", " ", text)
    return html.unescape(text)


def human_json(text):
    """The readable string values of a JSON document, one a line."""
    out = []

    def walk(node, key):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in HUMAN_JSON_KEYS:
            out.append(node)

    walk(json.loads(text), None)
    return "\n".join(out)


def human_junit(text):
    """The messages of a JUnit report: failure messages and texts, output."""
    out = []
    for el in ET.fromstring(text).iter():
        if el.tag == "failure":
            out.append(el.get("message", ""))
        if el.tag in ("failure", "system-out") and el.text:
            out.append(el.text)
    return "\n".join(out)


def csv_cells(text):
    """The cells of a CSV table, one a line: the header and the values,
    but not the simulation's measures (wait_days_mean, load, ...), the
    stable names a script filters on (docs/simulation.md)."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        return ""
    skip = {i for i, h in enumerate(rows[0]) if h == "mått"}
    return "\n".join(c for row in rows for i, c in enumerate(row) if row is rows[0] or i not in skip)


def dot_labels(text):
    """The labels and tooltips of a DOT graph, markup taken out."""
    out = []
    for m in re.finditer(r"\b(?:label|xlabel|tooltip|headlabel|taillabel)=", text):
        i = m.end()
        if i < len(text) and text[i] == '"':
            j = i + 1
            while j < len(text) and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            label = text[i + 1:j].replace("\\\n", "")  # a line continued
            out.append(label.replace("\\n", "\n").replace("\\l", "\n"))
        elif i < len(text) and text[i] == "<":
            depth, j = 0, i
            while j < len(text):
                depth += {"<": 1, ">": -1}.get(text[j], 0)
                j += 1
                if depth == 0:
                    break
            out.append(strip_markup(text[i + 1:j - 1]))
    return "\n".join(out)


def run(samverkan, args, cwd=None):
    proc = subprocess.run([samverkan, "--lang", "sv"] + args, cwd=cwd, capture_output=True,
                          timeout=300, env=dict(os.environ, LANG="C.UTF-8", LC_ALL=""))
    if proc.returncode not in (0, 1):
        raise RuntimeError("samverkan %s: exit %d\n%s" % (" ".join(args), proc.returncode,
                                                          proc.stderr.decode("utf-8", "replace")))
    return proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def commands(samverkan):
    """(arguments, how to read stdout) for every run."""
    import yaml  # python3-yaml, needed by the schema tests too

    with open(MODEL, encoding="utf-8") as f:
        model = yaml.safe_load(f)
    scenarios = sorted(os.path.join(SCENARIO_DIR, n) for n in os.listdir(SCENARIO_DIR) if n.endswith(".yaml"))
    rules = [r["name"] for r in json.loads(run(samverkan, ["rules", "--format", "json"])[0])]
    names = ["check", "render", "diff", "whatif", "metrics", "init", "simulate", "report", "rules", "explain"]
    out = [(["--help"], "text")] + [([n, "--help"], "text") for n in names]
    out += [(["check", MODEL, "--format", f], f) for f in ("text", "json", "sarif", "junit")]
    out += [(["check", s], "text") for s in scenarios]
    out += [(["rules"], "text"), (["rules", "--format", "markdown"], "text")]
    out += [(["explain", r], "text") for r in rules]
    views = ["governance", "reporting", "raci"] + ["process:" + p["id"] for p in model.get("processes", [])]
    views += ["party:" + p["id"] for p in model.get("parties", [])[:3]]
    out += [(["render", MODEL, "--view", v, "--format", "dot", "--findings"], "dot") for v in views]
    out += [(["render", MODEL, scenarios[0], "--view", "diff", "--format", "dot"], "dot")]
    out += [(["render", MODEL, "--view", "raci", "--format", "csv"], "csv"),
            (["render", MODEL, "--view", "raci", "--format", "html"], "html")]
    out += [(["diff", MODEL, s], "text") for s in scenarios]
    out += [(["diff", MODEL, scenarios[0], "--format", "json"], "json")]
    first_person = model.get("people", [{}])[0].get("id")
    first_body = model.get("bodies", [{}])[0].get("id")
    out += [(["whatif", MODEL, "--without", x], "text") for x in (first_person, first_body) if x]
    out += [(["metrics", MODEL], "text"), (["metrics", MODEL, "--format", "csv"], "csv")]
    out += [(["simulate", MODEL] + scenarios, "text"),
            (["simulate", MODEL, "--format", "csv"], "csv")]
    out += [(["report", MODEL] + sum((["--scenario", s] for s in scenarios), []), "html")]
    return out


def human(text, how):
    if how == "json" or how == "sarif":
        return human_json(text)
    if how == "junit":
        return human_junit(text)
    if how == "dot":
        return dot_labels(text)
    if how == "html":
        return strip_markup(text)
    if how == "csv":
        return csv_cells(text)
    return text


def hits_in(text):
    found = []
    for line in strip_text(text).split("\n"):
        for m in WORD_PATTERN.finditer(line):
            found.append((m.group(1), line.strip()[:140]))
    return found


def main(argv):
    if len(argv) not in (2, 3) or (len(argv) == 3 and argv[2] != "--count"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    samverkan, count_only = os.path.abspath(argv[1]), len(argv) == 3
    total = 0
    work = tempfile.mkdtemp(prefix="samverkan-swedish-run-")
    try:
        trace, plot, start = (os.path.join(work, n) for n in ("trace.csv", "plot.svg", "start"))
        # stdout and stderr of each run, and the files some of them write
        runs = [(args, how, []) for args, how in commands(samverkan)]
        runs.append((["simulate", MODEL, "--trace", trace, "--plot", plot], "text",
                     [(trace, "csv"), (plot, "html")]))
        # init writes a starter model; its comments are read as text, the
        # YAML around them is keys and values
        runs.append((["init", start], "text", [(os.path.join(start, n), "comments")
                                               for n in ("model.yaml", ".samverkan.yaml")]))
        for args, how, files in runs:
            stdout, stderr = run(samverkan, args)
            texts = [human(stdout, how), stderr]
            for path, file_how in files:
                with open(path, encoding="utf-8") as f:
                    content = f.read()
                if file_how == "comments":
                    texts.append("\n".join(l.split("#", 1)[1] for l in content.split("\n") if "#" in l))
                else:
                    texts.append(human(content, file_how))
            for word, context in sum((hits_in(t) for t in texts), []):
                total += 1
                if not count_only:
                    print("samverkan --lang sv %s: %s: %s" % (" ".join(args).replace(work, "TMP"), word,
                                                               context))
    except (RuntimeError, OSError, ValueError, subprocess.TimeoutExpired) as e:
        print("check_swedish_run: %s" % e, file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work)
    if count_only:
        print(total)
        return 0
    print("check_swedish_run: %d English word%s in %d runs" % (total, "" if total == 1 else "s", len(runs)))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
