#!/usr/bin/env python3
"""Checks a samverkan HTML report as printed to PDF by headless Chromium.

  check_print.py REPORT.html REPORT.pdf

Reads the PDF with poppler (pdfinfo, pdftotext -bbox) and measures:
  - every word lies inside its page box (nothing clipped at an edge);
  - no page holds only a heading: each page has text between the running
    head and the page number, and not only words of headings and captions;
  - no table is clipped: every word of every table header is printed;
  - each figure's caption ("Figur N." / "Figure N.") is on the page of its
    figure: nine in ten of the words drawn in the figure's SVG are on the
    caption's page (so the figure is neither split nor parted from it).
Prints the page count and the page size. Exit 0 when all holds, 1 otherwise.
"""
import html
import html.parser
import re
import subprocess
import sys

MM = 72 / 25.4


class Figures(html.parser.HTMLParser):
    """The figures of the report: caption and the words of its SVG."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figures = []   # [caption, set of words]
        self.in_caption = self.in_text = self.in_th = False
        self.headers = set()  # the words of every table header cell
        self.heading_words = set()  # the words of every heading and caption
        self.in_heading = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4", "figcaption"):
            self.in_heading += 1
        if tag == "figure":
            self.figures.append(["", set()])
        elif tag == "figcaption":
            self.in_caption = True
        elif tag == "text" and self.figures:
            self.in_text = True
        elif tag == "th":
            self.in_th = True

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4", "figcaption"):
            self.in_heading = max(0, self.in_heading - 1)
        if tag == "figcaption":
            self.in_caption = False
        elif tag == "text":
            self.in_text = False
        elif tag == "th":
            self.in_th = False

    def handle_data(self, data):
        if self.in_heading:
            self.heading_words.update(data.split())
        if self.in_caption:
            self.figures[-1][0] += data
        elif self.in_th:
            self.headers.update(w for w in data.split() if len(w) >= 4)
        if self.in_text:
            self.figures[-1][1].update(w for w in data.split() if len(w) >= 4)


def pages_of(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True).stdout
    pages = []
    for page in re.finditer(rb'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [(float(a), float(b), float(c), float(d), html.unescape(t.decode("utf-8")))
                 for a, b, c, d, t in re.findall(
                     rb'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>',
                     page.group(3))]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


def main():
    report, pdf = sys.argv[1:3]
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True, text=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+(.*)$", info, re.M).group(1)
    pages = pages_of(pdf)
    problems = []
    if len(pages) != count:
        problems.append("pdftotext read %d pages, pdfinfo says %d" % (len(pages), count))
    for n, (w, h, words) in enumerate(pages, 1):
        for x0, y0, x1, y1, text in words:
            if x0 < -0.5 or y0 < -0.5 or x1 > w + 0.5 or y1 > h + 0.5:
                problems.append("page %d: %r lies outside the page box (%.0f,%.0f)-(%.0f,%.0f) of %.0fx%.0f"
                                % (n, text, x0, y0, x1, y1, w, h))
                break
    parser = Figures()
    parser.feed(open(report, encoding="utf-8").read())
    for n, (w, h, words) in enumerate(pages, 1):
        # the body: between the running head and the page number (12 mm each)
        body = [t for x0, y0, x1, y1, t in words if 12 * MM < y0 < h - 12 * MM]
        if not body or (len(body) < 40 and all(t in parser.heading_words for t in body)):
            problems.append("page %d holds only a heading: %r" % (n, " ".join(body)[:80]))
    figures = [f for f in parser.figures if f[1]]
    for caption, svg_words in figures:
        label = caption.split()[:2]  # "Figur", "3."
        at = [n for n, (w, h, words) in enumerate(pages, 1)
              if any(words[i][4] == label[0] and words[i + 1][4] == label[1] for i in range(len(words) - 1))]
        if len(at) != 1:
            problems.append("the caption %r is on %d pages" % (" ".join(label), len(at)))
            continue
        on_page = {t for x0, y0, x1, y1, t in pages[at[0] - 1][2]}
        found = sum(1 for w in svg_words if w in on_page)
        if found < 0.9 * len(svg_words):
            problems.append("%s (page %d): only %d of the figure's %d words are on the caption's page"
                            % (" ".join(label), at[0], found, len(svg_words)))
    printed = {t for w, h, words in pages for x0, y0, x1, y1, t in words}
    lost = sorted(w for w in parser.headers if w not in printed)
    if lost:
        problems.append("table headers not printed (a table clipped?): %s" % ", ".join(lost[:8]))
    for p in problems:
        print("print:", p)
    print("print: %d pages (%s), %d figures checked" % (count, size, len(figures)))
    return 1 if problems or not figures else 0


if __name__ == "__main__":
    sys.exit(main())
