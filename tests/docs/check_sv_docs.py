#!/usr/bin/env python3
"""Keeps the Swedish user documentation (docs/sv/) in step with the English.

    check_sv_docs.py SAMVERKAN SOURCE_DIR

Most readers of samverkan read Swedish, so docs/sv/ must say what docs/
says. Prose cannot be compared by a program, but what a reader looks up can:

- docs/sv/regler.md is exactly what `samverkan --lang sv rules --format
  markdown` prints, and names every rule of the catalogue;
- every key in the key tables of docs/model-format.md is in the key tables
  of docs/sv/modellformat.md, and the other way round;
- every load error code the sources can report is in the table of load
  errors of both, and the two tables list the same codes;
- every command of `samverkan --help` has a section in docs/sv/kommandon.md
  and in docs/cli.md;
- every translated document has the headings (in order and level), code
  blocks and table rows of its English original;
- every English document has its "På svenska" link, and every relative link
  and #anchor in docs/sv/*.md resolves.

Prints every problem found and exits 1 if there was one.
"""

import json
import os
import re
import subprocess
import sys

# The English document each Swedish one translates (regler.md is generated).
TRANSLATIONS = {
    "README.md": None,
    "guide.md": "guide.md",
    "modellformat.md": "model-format.md",
    "regler.md": "rules.md",
    "granskning.md": "audit.md",
    "simulering.md": "simulation.md",
    "diagram.md": "diagrams.md",
    "rapport.md": "report.md",
    "kommandon.md": "cli.md",
    "arkitektur.md": "architecture.md",
    "verkliga-overenskommelser.md": "real-agreements.md",
    "granser.md": "limits.md",
    "umea-iakttagelser.md": "umea-findings.md",
    "hardning.md": "hardening.md",
    "prestanda.md": "performance.md",
}

problems = []


def problem(message):
    problems.append(message)


def run(samverkan, *args):
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LANGUAGE="", LC_MESSAGES="")
    done = subprocess.run([samverkan, *args], capture_output=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"'samverkan {' '.join(args)}' failed ({done.returncode}): "
                 f"{done.stderr.decode(errors='replace')}")
    return done.stdout


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def without_code_blocks(text):
    """The text with fenced code blocks blanked, line numbers kept."""
    out, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append("")
        else:
            out.append("" if fenced else line)
    return "\n".join(out)


def split_row(line):
    """The cells of a markdown table row; '\\|' is a literal bar."""
    cells = re.split(r"(?<!\\)\|", line.strip())
    return [c.strip() for c in cells[1:-1]]


def table_column(text, headers, section=None):
    """Backticked words of the first cell of every row of the tables whose
    first header cell is one of `headers`, optionally only within the ##
    section titled `section` (by its anchor)."""
    found = set()
    lines = without_code_blocks(text).split("\n")
    current, in_table = None, False
    for i, line in enumerate(lines):
        if line.startswith("## "):
            current = anchor(line[3:])
        if not line.startswith("|"):
            in_table = False
            continue
        cells = split_row(line)
        if not in_table:
            in_table = True
            wanted = bool(cells) and cells[0] in headers and (section is None or current in section)
            continue
        if not wanted or all(re.fullmatch(r":?-+:?", c) for c in cells):
            continue
        found.update(re.findall(r"`([^`]+)`", cells[0]))
    return found


def anchor(title):
    """GitHub's anchor of a heading: lower case, punctuation dropped,
    spaces to '-'."""
    title = re.sub(r"`", "", title.strip().lower())
    title = re.sub(r"[^\w\- ]", "", title)
    return title.replace(" ", "-")


def anchors_of(text):
    seen, result = {}, set()
    for line in without_code_blocks(text).split("\n"):
        m = re.match(r"#{1,6} (.*)", line)
        if not m:
            continue
        a = anchor(m.group(1))
        n = seen.get(a, 0)
        seen[a] = n + 1
        result.add(a if n == 0 else f"{a}-{n}")
    return result


def check_rules(samverkan, docs):
    generated = run(samverkan, "--lang", "sv", "rules", "--format", "markdown")
    with open(os.path.join(docs, "sv", "regler.md"), "rb") as f:
        if f.read() != generated:
            problem("docs/sv/regler.md is out of date: run 'build/src/samverkan --lang sv rules "
                    "--format markdown > docs/sv/regler.md' (and fix English left in it in po/sv.po)")
    regler = read(os.path.join(docs, "sv", "regler.md"))
    for rule in json.loads(run(samverkan, "--lang", "en", "rules", "--format", "json")):
        if f"\n## {rule['name']}\n" not in regler:
            problem(f"docs/sv/regler.md has no section for the rule '{rule['name']}'")


def check_keys(docs):
    english = table_column(read(os.path.join(docs, "model-format.md")), {"key"})
    swedish = table_column(read(os.path.join(docs, "sv", "modellformat.md")), {"nyckel"})
    if len(english) < 50:
        problem(f"only {len(english)} keys found in the key tables of docs/model-format.md")
    for key in sorted(english - swedish):
        problem(f"docs/sv/modellformat.md does not document the model key `{key}`")
    for key in sorted(swedish - english):
        problem(f"docs/sv/modellformat.md documents `{key}`, which docs/model-format.md does not")


def source_codes(source):
    """The load and schema error codes the sources report: the string
    literal after the first argument of a diagnostic call."""
    codes = set()
    pattern = re.compile(r"\b(?:fail|report|config_error|sv_diags_add)\(\s*\w+,\s*\"([a-z]+(?:-[a-z]+)*)\"")
    for folder in ("src/load", "src/schema"):
        for root, _, files in os.walk(os.path.join(source, folder)):
            for name in files:
                if name.endswith(".c"):
                    codes.update(pattern.findall(read(os.path.join(root, name))))
    return codes


def check_codes(source, docs):
    english = table_column(read(os.path.join(docs, "model-format.md")), {"code"}, {"load-errors"})
    swedish = table_column(read(os.path.join(docs, "sv", "modellformat.md")), {"kod"},
                           {"inläsningsfel"})
    program = source_codes(source)
    if len(program) < 20:
        problem(f"only {len(program)} load error codes found in the sources")
    for code in sorted(program - english):
        problem(f"docs/model-format.md (Load errors) does not list the code `{code}`")
    for code in sorted(program - swedish):
        problem(f"docs/sv/modellformat.md (Inläsningsfel) does not list the code `{code}`")
    for code in sorted(english ^ swedish):
        problem(f"the load error code `{code}` is in only one of docs/model-format.md and "
                "docs/sv/modellformat.md")


def check_commands(samverkan, docs):
    usage = run(samverkan, "--lang", "en", "--help").decode()
    block = usage.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    commands = [line.split()[0] for line in block.split("\n") if line.strip()]
    if len(commands) < 5:
        problem(f"only {len(commands)} commands found in 'samverkan --help'")
    for name, doc in (("kommandon.md", os.path.join(docs, "sv", "kommandon.md")),
                      ("cli.md", os.path.join(docs, "cli.md"))):
        text = without_code_blocks(read(doc))
        for command in commands:
            if not re.search(rf"^## {re.escape(command)}\b", text, re.M):
                problem(f"{name} has no section '## {command}' for the command '{command}'")


def outline(text):
    """The levels of the headings in order, and the number of code blocks
    and of table rows: what a translation keeps."""
    plain = without_code_blocks(text)
    levels = [len(m) for m in re.findall(r"^(#{1,6}) ", plain, re.M)]
    blocks = sum(1 for line in text.split("\n") if line.lstrip().startswith("```")) // 2
    rows = sum(1 for line in plain.split("\n") if line.startswith("|"))
    return levels, blocks, rows


def check_outlines(docs):
    for name, english in TRANSLATIONS.items():
        if not english or name == "regler.md" or not os.path.exists(os.path.join(docs, "sv", name)):
            continue
        en_levels, en_blocks, en_rows = outline(read(os.path.join(docs, english)))
        sv_levels, sv_blocks, sv_rows = outline(read(os.path.join(docs, "sv", name)))
        if en_levels != sv_levels:
            problem(f"docs/sv/{name} does not have the headings of docs/{english} "
                    f"({len(sv_levels)} against {len(en_levels)}, or on other levels)")
        if en_blocks != sv_blocks:
            problem(f"docs/sv/{name} has {sv_blocks} code blocks, docs/{english} {en_blocks}")
        if en_rows != sv_rows:
            problem(f"docs/sv/{name} has {sv_rows} table rows, docs/{english} {en_rows}")


def check_links(docs):
    sv = os.path.join(docs, "sv")
    for name in TRANSLATIONS:
        path = os.path.join(sv, name)
        if not os.path.exists(path):
            problem(f"docs/sv/{name} is missing")
            continue
        text = without_code_blocks(read(path))
        text = re.sub(r"`[^`\n]*`", "", text)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _, fragment = target.partition("#")
            resolved = os.path.normpath(os.path.join(sv, file_part)) if file_part else path
            if not os.path.exists(resolved):
                problem(f"docs/sv/{name}: the link '{target}' leads nowhere")
                continue
            if fragment and resolved.endswith(".md") and fragment not in anchors_of(read(resolved)):
                problem(f"docs/sv/{name}: the link '{target}' names no heading of "
                        f"{os.path.relpath(resolved, docs)}")
    for name, english in TRANSLATIONS.items():
        if english and f"På svenska: [sv/{name}](sv/{name})" not in read(os.path.join(docs, english)):
            problem(f"docs/{english} does not link its Swedish version: "
                    f"'På svenska: [sv/{name}](sv/{name})'")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    samverkan, source = sys.argv[1], sys.argv[2]
    docs = os.path.join(source, "docs")
    check_rules(samverkan, docs)
    check_keys(docs)
    check_codes(source, docs)
    check_commands(samverkan, docs)
    check_links(docs)
    check_outlines(docs)
    if "](docs/sv/README.md)" not in read(os.path.join(source, "README.md")):
        problem("README.md does not link docs/sv/README.md")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problems in the Swedish documentation")
        return 1
    print("docs/sv is in step with docs/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
