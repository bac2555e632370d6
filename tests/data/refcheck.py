#!/usr/bin/env python3
"""Reference checker for the samverkan model format (tests/data oracle).

An independent, deliberately simple re-implementation of the loader's
*error* behaviour in Python (PyYAML's libyaml event parser + the schema of
shared/spec/model-format.md), used to cross-check the corpus under
tests/data/bad and tests/data/good and the output of tools/gen-model.py.
It is not the product and is not used by the C build.

    python3 tests/data/refcheck.py FILE...        print all errors, sorted
    python3 tests/data/refcheck.py --corpus DIR    check every `# expect:` line

Positions are 1-based line:column in code points, as libyaml's marks give
them. Readings where the spec is silent are marked AMBIGUOUS below; the
corpus avoids those situations.
"""
import math
import os
import re
import sys

import yaml

MAX_DEPTH = 64
LOADER = yaml.SafeLoader if os.environ.get("REFCHECK_PURE") else yaml.CSafeLoader
ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
INT_RE = re.compile(r"[-+]?[0-9]+\Z")
FLOAT_RE = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
INF_RE = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
NAN_RE = re.compile(r"\.(?:nan|NaN|NAN)\Z")
DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
DATEISH_RE = re.compile(r"[0-9]+-[0-9]+-[0-9]+\Z")

CADENCE = ["weekly", "biweekly", "monthly", "quarterly", "half-yearly", "yearly"]
PARTY_KIND = ["agency", "municipality", "region", "association", "committee",
              "department", "unit", "civil-society", "employer", "other"]
LEVEL = ["decision", "strategic", "operational", "delivery"]
BODY_KIND = ["board", "group", "analysis-group", "steering-group",
             "service-point", "team", "forum"]
STEP_KIND = ["start", "task", "decision", "handoff", "follow-up", "feedback", "end"]
DIST = ["exponential", "lognormal", "gamma", "fixed"]


class Node:
    __slots__ = ("kind", "value", "style", "line", "col", "items", "tag", "anchor")

    def __init__(self, kind, line, col, value=None, style=None, tag=None, anchor=None):
        self.kind = kind          # 'map', 'seq', 'scalar'
        self.value = value
        self.style = style        # '' for plain
        self.line, self.col = line, col
        self.items = []           # map: [(keynode, valnode)], seq: [node]
        self.tag, self.anchor = tag, anchor

    @property
    def pos(self):
        return (self.line, self.col)


class Errors:
    def __init__(self):
        self.list = []

    def add(self, pos, code, msg=""):
        self.list.append((pos[0], pos[1], code, msg))

    def sorted(self):
        return sorted(self.list, key=lambda e: (e[0], e[1]))


# ---------------------------------------------------------------- encoding
def line_col_of_offset(data, off):
    # lines: \n, \r\n, lone \r (libyaml also breaks at NEL/LS/PS; the corpus
    # does not put those before an encoding error)
    text = data[:off].decode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    line = text.count("\n") + 1
    col = len(text) - (text.rfind("\n") + 1) + 1
    return line, col


def check_encoding(data, errs):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        errs.add(line_col_of_offset(data, e.start), "invalid-encoding", e.reason)
        return False
    for i, ch in enumerate(text):
        o = ord(ch)
        if ch in "\t\n\r" or 0x20 <= o <= 0x7E or o == 0x85 or 0xA0 <= o <= 0xD7FF \
                or 0xE000 <= o <= 0xFFFD or o >= 0x10000:
            continue
        off = len(text[:i].encode("utf-8"))
        errs.add(line_col_of_offset(data, off), "invalid-encoding",
                 "control character U+%04X" % o)
        return False
    return True


# ---------------------------------------------------------------- load
def load(data, errs):
    """Events -> tree. Returns (root or None, fatal)."""
    stack = []
    root = None
    docs = 0
    pending_key = []  # per map: expecting key?
    try:
        for ev in yaml.parse(data, Loader=LOADER):
            pos = (ev.start_mark.line + 1, ev.start_mark.column + 1)
            t = type(ev).__name__
            if t == "DocumentStartEvent":
                docs += 1
                if docs == 2:
                    errs.add(pos, "multiple-documents")
                    return root, True
                continue
            if t in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            if t == "AliasEvent":
                errs.add(pos, "alias", "*" + ev.anchor)
                node = Node("scalar", *pos, value="", style="alias")
            elif t in ("MappingEndEvent", "SequenceEndEvent"):
                stack.pop()
                continue
            else:
                tag = ev.tag
                if tag is not None:
                    errs.add(pos, "tag", tag)
                if t == "ScalarEvent":
                    node = Node("scalar", *pos, value=ev.value, style=ev.style or "", tag=tag,
                                anchor=ev.anchor)
                else:
                    node = Node("map" if t == "MappingStartEvent" else "seq", *pos,
                                tag=tag, anchor=ev.anchor)
                    if len(stack) + 1 > MAX_DEPTH:
                        errs.add(pos, "too-deep")
                        return root, True
            # attach
            if not stack:
                root = node
            else:
                parent = stack[-1]
                if parent.kind == "seq":
                    parent.items.append(node)
                else:
                    if parent.items and parent.items[-1][1] is None:
                        parent.items[-1] = (parent.items[-1][0], node)
                    else:
                        parent.items.append((node, None))
            if node.kind in ("map", "seq"):
                stack.append(node)
    except yaml.MarkedYAMLError as e:
        m = e.problem_mark
        errs.add((m.line + 1, m.column + 1), "yaml-syntax", str(e.problem))
        return root, True
    if any(c in ("alias",) for _, _, c, _ in errs.list):
        return root, True
    return root, False


def check_keys(node, errs):
    """duplicate keys, merge keys, non-scalar keys (recursive)."""
    if node is None:
        return
    if node.kind == "map":
        seen = set()
        for k, v in node.items:
            if k.kind != "scalar":
                errs.add(k.pos, "wrong-type", "non-scalar key")  # AMBIGUOUS code
            else:
                if k.value == "<<" and k.style == "":
                    errs.add(k.pos, "merge-key")
                elif k.value in seen:
                    errs.add(k.pos, "duplicate-key", k.value)
                seen.add(k.value)
            check_keys(v, errs)
    elif node.kind == "seq":
        for it in node.items:
            check_keys(it, errs)


# ---------------------------------------------------------------- schema
class Schema:
    def __init__(self, errs):
        self.errs = errs
        self.ids = {}        # id -> kind
        self.refs = []       # (node, allowed kinds)
        self.steprefs = []   # (node, set of local step ids)
        self.parts = []      # (party id, part_of node)

    # -- scalar types
    def is_null(self, n):
        return n.kind == "scalar" and n.style == "" and n.value in ("", "~", "null", "Null", "NULL")

    def text(self, n):
        if n.kind != "scalar" or self.is_null(n):
            self.errs.add(n.pos, "wrong-type", "expected text")

    def ident(self, n, kind):
        if n.kind != "scalar" or self.is_null(n):
            self.errs.add(n.pos, "wrong-type", "expected id")
            return None
        if not ID_RE.match(n.value):
            self.errs.add(n.pos, "invalid-id", n.value)
            return None
        if n.value in self.ids:
            self.errs.add(n.pos, "duplicate-id", n.value)
            return None
        self.ids[n.value] = kind
        return n.value

    def integer(self, n, minimum=None):
        if n.kind != "scalar" or n.style != "" or not INT_RE.match(n.value):
            self.errs.add(n.pos, "wrong-type", "expected integer")
            return None
        v = int(n.value)
        if minimum is not None and v < minimum:
            self.errs.add(n.pos, "out-of-range", n.value)
        return v

    def number(self, n, lo=None, lo_open=False, hi=None):
        if n.kind != "scalar" or n.style != "":
            self.errs.add(n.pos, "wrong-type", "expected number")
            return None
        s = n.value
        if FLOAT_RE.match(s):
            v = float(s)
        elif INF_RE.match(s):
            v = -math.inf if s.startswith("-") else math.inf
        elif NAN_RE.match(s):
            v = math.nan
        else:
            self.errs.add(n.pos, "wrong-type", "expected number")
            return None
        bad = math.isnan(v) or math.isinf(v)
        if lo is not None and not bad:
            bad = v <= lo if lo_open else v < lo
        if hi is not None and not bad:
            bad = v > hi
        if bad:
            self.errs.add(n.pos, "out-of-range", s)
        return v

    def boolean(self, n):
        if n.kind != "scalar" or n.style != "" or n.value not in (
                "true", "false", "True", "False", "TRUE", "FALSE"):
            self.errs.add(n.pos, "wrong-type", "expected bool")

    def date(self, n):
        if n.kind != "scalar":
            self.errs.add(n.pos, "wrong-type", "expected date")
            return
        if n.style == "" and INT_RE.match(n.value):
            self.errs.add(n.pos, "wrong-type", "expected date")
            return
        m = DATE_RE.match(n.value)
        if not m:
            self.errs.add(n.pos, "invalid-date", n.value)   # AMBIGUOUS for non-date text
            return
        y, mo, d = map(int, m.groups())
        leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
        mdays = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if not (1 <= mo <= 12 and 1 <= d <= mdays[mo - 1]):
            self.errs.add(n.pos, "invalid-date", n.value)

    def enum(self, n, values):
        if n.kind != "scalar":
            self.errs.add(n.pos, "wrong-type", "expected one of %s" % values)
        elif n.value not in values:
            self.errs.add(n.pos, "invalid-value", n.value)

    def ref(self, n, kinds):
        if n.kind != "scalar" or self.is_null(n):
            self.errs.add(n.pos, "wrong-type", "expected reference")
            return
        self.refs.append((n, kinds))

    def listof(self, n, fn):
        if n.kind == "seq":
            for it in n.items:
                fn(it)
        elif n.kind == "scalar" and not self.is_null(n):
            fn(n)
        else:
            self.errs.add(n.pos, "wrong-type", "expected list")

    def reflist(self, n, kinds):
        self.listof(n, lambda it: self.ref(it, kinds))

    # -- mappings
    def mapping(self, n, fields, required):
        """fields: key -> fn(node). Returns dict key -> node."""
        if n.kind != "map":
            self.errs.add(n.pos, "wrong-type", "expected mapping")
            return None
        got = {}
        for k, v in n.items:
            if k.kind != "scalar" or (k.value == "<<" and k.style == ""):
                continue
            if k.value in got:
                continue  # duplicate-key already reported; first wins
            if k.value not in fields:
                self.errs.add(k.pos, "unknown-key", k.value)
                continue
            got[k.value] = v
        for r in required:
            if r not in got:
                self.errs.add(n.pos, "missing-key", r)
        for key, v in got.items():
            fn = fields[key]
            if fn is not None:
                fn(v)
        return got

    def common(self, f):
        f["ignore"] = lambda n: self.listof(n, self.ignore_entry)
        f["note"] = self.text
        return f

    def ignore_entry(self, n):
        self.mapping(n, {"rule": self.text, "because": self.text, "until": self.date},
                     ["rule", "because"])

    def seq_of_maps(self, n, fn, min_one=False):
        if n.kind == "scalar" and not self.is_null(n):
            self.errs.add(n.pos, "wrong-type", "expected mapping")  # a lone scalar item
            return
        if n.kind != "seq":
            self.errs.add(n.pos, "wrong-type", "expected list")
            return
        for it in n.items:
            fn(it)

    # -- elements
    def top(self, root):
        f = {
            "samverkan": self.version,
            "agreement": self.agreement,
            "parties": lambda n: self.seq_of_maps(n, self.party),
            "roles": lambda n: self.seq_of_maps(n, self.role),
            "people": lambda n: self.seq_of_maps(n, self.person),
            "bodies": lambda n: self.seq_of_maps(n, self.body),
            "processes": lambda n: self.seq_of_maps(n, self.process),
            "goals": lambda n: self.seq_of_maps(n, self.goal),
            "reporting": lambda n: self.seq_of_maps(n, self.report),
            "service_points": lambda n: self.seq_of_maps(n, self.service_point),
        }
        # ids are defined before references are resolved: two passes are
        # implicit because refs are only collected here and resolved at the end
        self.mapping(root, f, ["samverkan", "agreement", "parties", "bodies"])
        self.resolve()

    def version(self, n):
        v = self.integer(n)
        if v is not None and v != 1:
            self.errs.add(n.pos, "unsupported-version", n.value)

    def agreement(self, n):
        self.mapping(n, self.common({
            "id": lambda x: self.ident(x, "agreement"),  # AMBIGUOUS: in the namespace?
            "name": self.text, "valid_from": self.date, "valid_to": self.date,
            "year": self.integer,
            "sources": lambda x: self.listof(x, self.text),
            "audited": lambda x: self.reflist(x, {"party"}),
        }), ["id", "name"])

    def party(self, n):
        got = self.mapping(n, self.common({
            "id": lambda x: self.ident(x, "party"),
            "name": self.text, "kind": lambda x: self.enum(x, PARTY_KIND),
            "part_of": lambda x: self.ref(x, {"party"}),
            "signatory": self.boolean,
        }), ["id", "name", "kind"])
        if got and "part_of" in got and got.get("id") is not None \
                and got["id"].kind == "scalar":
            self.parts.append((got["id"].value, got["part_of"]))

    def role(self, n):
        self.mapping(n, self.common({
            "id": lambda x: self.ident(x, "role"), "name": self.text,
            "party": lambda x: self.ref(x, {"party"}),
        }), ["id", "name", "party"])

    def person(self, n):
        self.mapping(n, self.common({
            "id": lambda x: self.ident(x, "person"), "name": self.text,
            "roles": lambda x: self.reflist(x, {"role"}),
            "party": lambda x: self.ref(x, {"party"}),
        }), ["id", "name"])

    def body(self, n):
        self.mapping(n, self.common({
            "id": lambda x: self.ident(x, "body"), "name": self.text,
            "level": lambda x: self.enum(x, LEVEL),
            "kind": lambda x: self.enum(x, BODY_KIND),
            "members": lambda x: self.reflist(x, {"party", "role", "person"}),
            "chair": lambda x: self.ref(x, {"person", "role"}),
            "reports_to": lambda x: self.ref(x, {"body"}),
            "party_count": lambda x: self.integer(x, 1),
            "meets": lambda x: self.enum(x, CADENCE),
        }), ["id", "name", "level", "kind", "members"])

    def process(self, n):
        local = set()
        steps = []

        def do_steps(x):
            if x.kind == "seq" and not x.items:
                self.errs.add(x.pos, "wrong-type", "at least one step")  # AMBIGUOUS code
            self.seq_of_maps(x, lambda s: steps.append(s))
        self.mapping(n, self.common({
            "id": lambda x: self.ident(x, "process"), "name": self.text,
            "runs_at": lambda x: self.reflist(x, {"body"}),
            "owner": lambda x: self.ref(x, {"body", "party"}),
            "steps": do_steps,
        }), ["id", "name", "steps"])
        for s in steps:
            self.step(s, local)

    def step(self, n, local):
        actors = {"party", "role", "person", "body"}

        def sid(x):
            v = self.ident(x, "step")
            if v:
                local.add(v)

        def nxt(x):
            if x.kind == "map":
                self.mapping(x, {"to": lambda y: self.stepref(y, local),
                                 "share": lambda y: self.number(y, 0, False, 1),
                                 "label": self.text}, ["to"])
            else:
                self.stepref(x, local)
        self.mapping(n, self.common({
            "id": sid, "name": self.text,
            "kind": lambda x: self.enum(x, STEP_KIND),
            "responsible": lambda x: self.reflist(x, actors),
            "accountable": lambda x: self.reflist(x, actors),
            "consulted": lambda x: self.reflist(x, actors),
            "informed": lambda x: self.reflist(x, actors),
            "next": lambda x: self.listof(x, nxt),
            "after_days": lambda x: self.number(x, 0),
            "meets": lambda x: self.enum(x, CADENCE),
        }), ["id", "name"])

    def stepref(self, n, local):
        if n.kind != "scalar" or self.is_null(n):
            self.errs.add(n.pos, "wrong-type", "expected step reference")
            return
        self.steprefs.append((n, local))

    def goal(self, n):
        self.mapping(n, self.common({
            "id": lambda x: self.ident(x, "goal"), "name": self.text,
            "owner": lambda x: self.ref(x, {"party", "body"}),
            "contributes_to": lambda x: self.reflist(x, {"goal"}),
            "indicators": lambda x: self.seq_of_maps(x, self.indicator),
        }), ["id", "name"])

    def yearmap(self, n):
        if n.kind != "map":
            self.errs.add(n.pos, "wrong-type", "expected mapping year -> number")
            return
        seen = set()
        for k, v in n.items:
            if k.kind == "scalar" and k.value in seen:
                continue
            seen.add(k.value)
            self.integer(k)
            self.number(v)

    def indicator(self, n):
        self.mapping(n, self.common({
            "id": lambda x: self.ident(x, "indicator"), "name": self.text,
            "unit": self.text, "baseline": self.yearmap, "targets": self.yearmap,
        }), ["id", "name"])

    def report(self, n):
        self.mapping(n, self.common({
            "id": lambda x: self.ident(x, "reporting"),
            "from": lambda x: self.ref(x, {"party", "role", "body"}),
            "to": lambda x: self.reflist(x, {"party", "role", "person", "body"}),
            "what": self.text,
            "covers": lambda x: self.reflist(x, {"goal", "process"}),
            "meets": lambda x: self.enum(x, CADENCE),
        }), ["from", "to", "what"])

    def service_point(self, n):
        labels = []

        def outcomes(x):
            if x.kind != "map":
                self.errs.add(x.pos, "wrong-type", "expected mapping label -> share")
                return
            for k, v in x.items:
                if k.kind == "scalar":
                    labels.append(k.value)
                self.number(v, 0, False, 1)
        self.mapping(n, {
            "at": lambda x: self.ref(x, {"body"}),
            "arrivals_per_month": lambda x: self.number(x, 0, True),
            "slots": lambda x: self.integer(x, 1),
            "intake": lambda x: self.enum(x, CADENCE),
            "duration": lambda x: self.mapping(x, {
                "dist": lambda y: self.enum(y, DIST),
                "mean_days": lambda y: self.number(y, 0, True),
                "cv": lambda y: self.number(y, 0)}, ["dist", "mean_days"]),
            "outcomes": outcomes,
            "positive": lambda x: self.listof(x, self.text),
        }, ["at"])

    # -- references
    def resolve(self):
        for n, kinds in self.refs:
            k = self.ids.get(n.value)
            if k is None:
                self.errs.add(n.pos, "unknown-reference", n.value)
            elif k not in kinds:
                self.errs.add(n.pos, "wrong-reference-kind", "%s is a %s" % (n.value, k))
        for n, local in self.steprefs:
            if n.value not in local:
                self.errs.add(n.pos, "unknown-reference", n.value)
        parent = {}
        ppos = {}
        order = []
        for pid, node in self.parts:
            if node.kind == "scalar" and self.ids.get(node.value) == "party":
                parent[pid] = node.value
                ppos[pid] = node
                order.append(pid)
        on_cycle = set()
        for start in order:
            seen = []
            x = start
            while x in parent and x not in seen:
                seen.append(x)
                x = parent[x]
            if x in seen:
                on_cycle.update(seen[seen.index(x):])
        reported = set()
        for pid in order:  # file order
            if pid in on_cycle and pid not in reported:
                cyc = [pid]
                y = parent[pid]
                while y != pid:
                    cyc.append(y)
                    y = parent[y]
                reported.update(cyc)
                self.errs.add(ppos[pid].pos, "part-of-cycle", " -> ".join(cyc))


def check_bytes(data):
    errs = Errors()
    if not check_encoding(data, errs):
        return errs.sorted()
    root, fatal = load(data, errs)
    if fatal:
        if root is not None and any(c == "alias" for _, _, c, _ in errs.list):
            check_keys(root, errs)   # a merge key `<<: *x` precedes its alias
        return errs.sorted()
    if root is None:
        errs.add((1, 1), "root-not-mapping")
        return errs.sorted()
    check_keys(root, errs)
    if root.kind != "map":
        errs.add(root.pos, "root-not-mapping")
        return errs.sorted()
    Schema(errs).top(root)
    return errs.sorted()


EXPECT_RE = re.compile(rb"(?:\xef\xbb\xbf)?# expect: ([0-9]+):([0-9]+) ([a-z-]+)\r?\n")


def main(argv):
    if len(argv) >= 2 and argv[0] == "--corpus":
        import os
        bad = 0
        for d in argv[1:]:
            for name in sorted(os.listdir(d)):
                if not name.endswith(".yaml"):
                    continue
                data = open(os.path.join(d, name), "rb").read()
                got = check_bytes(data)
                m = EXPECT_RE.match(data)
                if m:
                    want = (int(m.group(1)), int(m.group(2)), m.group(3).decode())
                    first = got[0][:3] if got else None
                    ok = first == want
                    print("%-4s %-40s want %d:%d %s, got %s (%d error%s)" % (
                        "ok" if ok else "FAIL", name, *want,
                        "%d:%d %s" % first if first else "nothing",
                        len(got), "" if len(got) == 1 else "s"))
                else:
                    ok = not got
                    print("%-4s %-40s valid, got %s" % (
                        "ok" if ok else "FAIL", name,
                        "nothing" if not got else "%d:%d %s %s" % got[0]))
                bad += not ok
        return 1 if bad else 0
    rc = 0
    for path in argv:
        data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
        errs = check_bytes(data)
        for line, col, code, msg in errs:
            print("%s:%d:%d: %s: %s" % (path, line, col, code, msg))
        rc |= bool(errs)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
