#!/usr/bin/env python3
"""The reasons under each answer in the report's summary, as a board reads them.

  check_reasons.py SAMVERKAN SOURCE_DIR

Builds the report of the Norra Bohuslän model (tests/data/real), whose
sources do not show the goals (agreement.unknown) and which has no
processes, in Swedish and in English, and checks the summary row of each
question: the answer, and the reasons written as sentences, each beginning
with a capital. Exit 0 when all holds, 1 otherwise.
"""
import html.parser
import os
import subprocess
import sys
import tempfile


class SummaryRows(html.parser.HTMLParser):
    """The text of each <tr id="question-N"> of the summary, by question."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.current = {}, None

    def handle_starttag(self, tag, attrs):
        row = dict(attrs).get("id", "")
        if tag == "tr" and row.startswith("question-"):
            self.current = row
            self.rows[row] = ""

    def handle_endtag(self, tag):
        if tag == "tr":
            self.current = None

    def handle_data(self, data):
        if self.current:
            self.rows[self.current] += data


EXPECTED = {
    "sv": {
        "question-1": ["Källorna visar inte målen (agreement.unknown). Modellen har inga processer.",
                       "Kan inte bedömas"],
        "question-3": ["Modellen har inga processer.", "Kan inte bedömas"],
        "question-4": ["Källorna visar inte målen (agreement.unknown). "
                       "Modellen har inga rapporteringsflöden.", "Kan inte bedömas"],
    },
    "en": {
        "question-1": ["The sources do not show the goals (agreement.unknown). "
                       "The model has no processes.", "Kan inte bedömas"],
        "question-4": ["The sources do not show the goals (agreement.unknown). "
                       "The model has no reporting flows.", "Kan inte bedömas"],
    },
}


def main():
    samverkan, src = sys.argv[1:3]
    model = os.path.join(src, "tests", "data", "real", "norra-bohuslan-2010.yaml")
    problems = []
    with tempfile.TemporaryDirectory() as work:
        for lang, rows in EXPECTED.items():
            out = os.path.join(work, lang + ".html")
            done = subprocess.run([samverkan, "--lang", lang, "report", "--no-config", model, "-o", out],
                                  capture_output=True, check=False)
            if done.returncode not in (0, 1) or not os.path.exists(out):
                problems.append(f"{lang}: report failed with exit {done.returncode}: "
                                + done.stderr.decode()[-500:])
                continue
            parser = SummaryRows()
            with open(out, encoding="utf-8") as f:
                parser.feed(f.read())
            for row, needles in rows.items():
                text = " ".join(parser.rows.get(row, "").split())
                for needle in needles:
                    if needle not in text:
                        problems.append(f"{lang} #{row}: {needle!r} not in {text!r}")
    for p in problems:
        print("report reasons:", p)
    if not problems:
        print("report reasons ok: %d rows in 2 languages" % sum(len(r) for r in EXPECTED.values()))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
