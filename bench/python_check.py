#!/usr/bin/env python3
"""The structure checks of `samverkan check` as a planner would script them.

    python3 bench/python_check.py [--json] MODEL.yaml

The yardstick for bench/scale: PyYAML (its C loader, yaml.CSafeLoader, when
PyYAML was built with libyaml; else the pure-Python SafeLoader, and the
output says which) reads the whole file into dicts and lists, and networkx
does the graph work. It counts what these samverkan rules and load errors
count, by the same definitions:

  unknown-reference       a reference to an id that nothing has (a load
                          error in samverkan, which then checks nothing)
  no-decision-body        no body has level decision
  reporting-line-missing  a body whose reports_to chain stops before a
                          decision body (a chain that runs into a circle
                          is left to reporting-cycle)
  reporting-cycle         each circle of reports_to, once
  party-count-mismatch    party_count differs from the distinct top-level
                          parties of the members
  single-point-of-failure a person or role that is an articulation point of
                          the seat graph (bodies and whoever sits in or
                          chairs them, one edge per seat)
  sole-link               a bridge of the seat graph with bodies on both
                          sides, counted once per holder

It prints the seconds spent loading and checking, and the counts. Only the
standard library, PyYAML and networkx (Debian: python3-yaml,
python3-networkx; tools/install-deps installs them).
"""
import argparse
import json
import sys
import time

import networkx as nx
import yaml

RULES = ["unknown-reference", "no-decision-body", "reporting-line-missing", "reporting-cycle",
         "party-count-mismatch", "single-point-of-failure", "sole-link"]


def as_list(value):
    """A reference field: one id, a list of ids, or absent."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def load(path):
    loader = getattr(yaml, "CSafeLoader", None)
    name = "yaml.CSafeLoader (libyaml)"
    if loader is None:
        loader, name = yaml.SafeLoader, "yaml.SafeLoader (pure Python)"
    with open(path, "rb") as f:
        return yaml.load(f, Loader=loader), name


def unknown_references(doc, ids):
    """References to ids that nothing in the file has (steps: within their process)."""
    refs = []
    agreement = doc.get("agreement") or {}
    refs += as_list(agreement.get("audited"))
    for p in doc.get("parties") or []:
        refs += as_list(p.get("part_of"))
    for r in doc.get("roles") or []:
        refs += as_list(r.get("party"))
    for p in doc.get("people") or []:
        refs += as_list(p.get("roles")) + as_list(p.get("party"))
    for b in doc.get("bodies") or []:
        refs += as_list(b.get("members")) + as_list(b.get("chair")) + as_list(b.get("reports_to"))
    missing = sum(1 for r in refs if str(r) not in ids)
    for proc in doc.get("processes") or []:
        missing += sum(1 for r in as_list(proc.get("runs_at")) + as_list(proc.get("owner"))
                       if str(r) not in ids)
        steps = {str(s.get("id")) for s in proc.get("steps") or []}
        for s in proc.get("steps") or []:
            for key in ("responsible", "accountable", "consulted", "informed"):
                missing += sum(1 for r in as_list(s.get(key)) if str(r) not in ids)
            for n in as_list(s.get("next")):
                to = n.get("to") if isinstance(n, dict) else n
                missing += str(to) not in steps
    for g in doc.get("goals") or []:
        missing += sum(1 for r in as_list(g.get("owner")) + as_list(g.get("contributes_to"))
                       if str(r) not in ids)
    for r in doc.get("reporting") or []:
        missing += sum(1 for x in as_list(r.get("from")) + as_list(r.get("to")) +
                       as_list(r.get("covers")) if str(x) not in ids)
    for sp in doc.get("service_points") or []:
        missing += str(sp.get("at")) not in ids
    return missing


def check(doc):
    counts = dict.fromkeys(RULES, 0)
    ids = set()
    for section in ("parties", "roles", "people", "bodies", "processes", "goals", "reporting"):
        for e in doc.get(section) or []:
            if "id" in e:
                ids.add(str(e["id"]))
    for g in doc.get("goals") or []:
        for ind in g.get("indicators") or []:
            ids.add(str(ind.get("id")))
    counts["unknown-reference"] = unknown_references(doc, ids)
    if counts["unknown-reference"]:
        return counts  # samverkan stops here too: nothing else is checked

    parties = {p["id"]: p for p in doc.get("parties") or []}
    roles = {r["id"]: r for r in doc.get("roles") or []}
    people = {p["id"]: p for p in doc.get("people") or []}
    bodies = doc.get("bodies") or []

    # governance: body -> the body it reports to
    gov = nx.DiGraph()
    gov.add_nodes_from(b["id"] for b in bodies)
    gov.add_edges_from((b["id"], b["reports_to"]) for b in bodies if b.get("reports_to"))
    decision = [b["id"] for b in bodies if b.get("level") == "decision"]
    if bodies and not decision:
        counts["no-decision-body"] = 1
    else:
        reached = set(decision)
        for d in decision:
            reached |= nx.ancestors(gov, d)
        up = {b["id"]: b.get("reports_to") for b in bodies}
        for b in bodies:
            if b["id"] in reached:
                continue
            seen, x = set(), b["id"]
            while up.get(x) and x not in seen:
                seen.add(x)
                x = up[x]
            if not up.get(x):  # the chain stops; else it runs into a circle
                counts["reporting-line-missing"] += 1
    counts["reporting-cycle"] = sum(1 for _ in nx.simple_cycles(gov))

    # top-level party of a member
    def top(x):
        if x in roles:
            x = roles[x]["party"]
        elif x in people:
            p = people[x]
            x = p.get("party") or roles[as_list(p.get("roles"))[0]]["party"]
        while parties[x].get("part_of"):
            x = parties[x]["part_of"]
        return x

    for b in bodies:
        if "party_count" in b:
            if len({top(m) for m in as_list(b.get("members"))}) != b["party_count"]:
                counts["party-count-mismatch"] += 1

    # seat graph: a body and each holder of a seat in it
    seats = nx.Graph()
    body_ids = {b["id"] for b in bodies}
    seats.add_nodes_from(body_ids)
    for b in bodies:
        for h in as_list(b.get("members")) + as_list(b.get("chair")):
            seats.add_edge(b["id"], h)
    counts["single-point-of-failure"] = sum(
        1 for v in nx.articulation_points(seats) if v in people or v in roles)
    # a bridge to a holder with no other seat cuts off no body: skip those;
    # for the others, count the bodies on the far side of the bridge
    holders = set()
    for u, v in nx.bridges(seats):
        body, holder = (u, v) if u in body_ids else (v, u)
        if seats.degree(holder) == 1:
            continue
        seats.remove_edge(u, v)
        side = nx.node_connected_component(seats, body)
        inside = sum(1 for x in side if x in body_ids)
        outside = sum(1 for x in nx.node_connected_component(seats, holder) if x in body_ids)
        seats.add_edge(u, v)
        if inside and outside:
            holders.add(holder)
    counts["sole-link"] = len(holders)
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("model")
    args = ap.parse_args()
    t0 = time.perf_counter()
    doc, loader = load(args.model)
    t1 = time.perf_counter()
    counts = check(doc)
    t2 = time.perf_counter()
    result = {"loader": loader, "pyyaml": yaml.__version__, "networkx": nx.__version__,
              "python": sys.version.split()[0], "load_s": round(t1 - t0, 3),
              "check_s": round(t2 - t1, 3), "counts": counts}
    if args.json:
        print(json.dumps(result))
    else:
        print("%s: loaded with %s in %.2f s, checked in %.2f s" % (args.model, loader,
                                                                   t1 - t0, t2 - t1))
        for rule in RULES:
            print("  %-24s %d" % (rule, counts[rule]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
