#!/usr/bin/env python3
"""Parses a samverkan HTML report with html5lib in strict mode.

  check_html5.py REPORT.html

Strict mode raises on the first parse error (a second DOCTYPE, a stray
<head>, an end tag that closes nothing, ...). Beyond that the report must
be one document: one <html>, <head> and <body>, one Content-Security-Policy,
one <style>, no <script>. Exit 0 when all holds, 1 otherwise, 77 when
html5lib is not installed (apt-get install python3-html5lib).
"""
import sys

try:
    import html5lib
except ImportError:
    print("SKIPPED: html5lib is not installed (apt-get install -y python3-html5lib)")
    sys.exit(77)


def main():
    data = open(sys.argv[1], "rb").read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parse(data)
    except html5lib.html5parser.ParseError as e:
        print("report: not valid HTML5:", e)
        return 1
    problems = []
    counts = {tag: len(tree.findall(".//" + tag)) for tag in ("head", "body", "style", "script")}
    for tag in ("head", "body", "style"):
        if counts[tag] != 1:
            problems.append("%d <%s> elements (one expected)" % (counts[tag], tag))
    if counts["script"]:
        problems.append("a <script> element")
    csp = [m for m in tree.iter("meta") if m.get("http-equiv", "").lower() == "content-security-policy"]
    if len(csp) != 1 or "default-src 'none'" not in csp[0].get("content", ""):
        problems.append("%d Content-Security-Policy (one with default-src 'none' expected)" % len(csp))
    if data.count(b"<!DOCTYPE") != 1:
        problems.append("%d DOCTYPEs" % data.count(b"<!DOCTYPE"))
    for p in problems:
        print("report:", p)
    if not problems:
        print("report ok: strict HTML5, one document, one CSP, no script (%d bytes)" % len(data))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
