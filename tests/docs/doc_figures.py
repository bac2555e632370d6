"""What the docs tests share (check_sim_example.py, check_sim_capacity.py):
a section of a doc, and how a number the doc shows is read and held to a
figure a command printed, in English and in Swedish.
"""
import re


def section(path, heading):
    """The text of `path` from `heading` up to the next "## " heading."""
    text = open(path, encoding="utf-8").read()
    part = text[text.index(heading):]
    return part[:part.index("\n## ", 1)]


ENGLISH = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
SWEDISH = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def numbers(cell, swedish):
    """The numbers of a cell: '2,490' and '0.5' in English, '2 490' and
    '0,5' in Swedish, where ', ' and '; ' part the ends of an interval."""
    return (SWEDISH if swedish else ENGLISH).findall(cell)


def agrees(shown, value, swedish):
    """Whether `shown` is `value` rounded to the digits it shows."""
    shown = shown.strip()
    if swedish:
        shown = shown.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    else:
        shown = shown.replace(",", "")
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return abs(float(shown) - value) <= 0.5 * 10 ** -decimals + 1e-9
