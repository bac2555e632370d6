#!/usr/bin/env python3
"""Generate a synthetic, realistically shaped agreement model (format version 1).

    python3 tools/gen-model.py --bodies N [--steps M] [--seed S] [--year Y] [-o FILE]

The model has the shape of a samordningsförbund spread over many
municipalities ("areas"):

  decision     one board (Förbundsstyrelsen), members from the signatory parties
  strategic    about one per 50 bodies: a Beredningsgrupp per area, and an
               Analysgrupp in every second area; they report to the board
  operational  about one per 7 bodies: steering groups, each reporting to its
               area's Beredningsgrupp
  delivery     the rest: service points (most), teams and forums, each
               reporting to an operational steering group of its area

Parties are the agencies (af, fk), regions, one municipality per area and
the local units of each (part_of trees: agency -> local office, municipality
-> committee -> unit). Roles belong to units; people (about 1.5 per body)
belong to a unit and often hold one of its roles, and sit in several bodies:
every person gets at least one seat and seats average about three per person.
Every body has members, every non-delivery body a chair, reports_to points one
level up, and party_count is the true number of distinct top-level parties
among the members. Processes of about ten steps (M steps in all; default
M = N) run start -> tasks/decisions/handoffs -> end -> follow-up -> feedback ->
end, decisions split with shares that sum to 1. Goals come per area (a
municipal goal and a committee goal contributing to it, with indicators
holding baselines and targets), plus reporting flows up and feedback down, and
queue facts for every service point.

Output is deterministic for given arguments (random.Random(seed); no hash
ordering, no clock), uses only the standard library and all ids are unique
across the file (steps included), all references resolve to the right kind.
"""
import argparse
import io
import json
import math
import random
import re
import sys

MUNICIPALITIES = [
    "Umeå", "Vännäs", "Vindeln", "Robertsfors", "Nordmaling", "Bjurholm",
    "Skellefteå", "Lycksele", "Storuman", "Sorsele", "Malå", "Norsjö", "Åsele",
    "Dorotea", "Vilhelmina", "Luleå", "Piteå", "Boden", "Kiruna", "Gällivare",
    "Haparanda", "Kalix", "Överkalix", "Övertorneå", "Pajala", "Jokkmokk",
    "Arjeplog", "Arvidsjaur", "Älvsbyn", "Östersund", "Örnsköldsvik",
    "Sundsvall", "Härnösand", "Kramfors", "Sollefteå", "Timrå", "Ånge",
    "Strömsund", "Krokom", "Åre", "Berg", "Härjedalen", "Bräcke", "Ragunda",
]
PREFIXES = ["Norra", "Södra", "Västra", "Östra", "Övre", "Nedre"]
REGIONS = ["Västerbotten", "Norrbotten", "Jämtland Härjedalen", "Västernorrland"]
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan",
         "Sara", "Per", "Åsa", "Mikael", "Linnéa", "Björn", "Ingrid", "Jörgen",
         "Märta", "Östen", "Fatima", "Ahmed", "Aino", "Nils-Åke", "Sofia", "Ali"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson",
        "Öberg", "Åström", "Lindström", "Hägglund", "Sjöberg", "Wikström",
        "Nordström", "Berglund", "Lundqvist", "Marklund", "Holmström", "Öhman"]
MUNI_ROLES = ["Socialsekreterare", "Enhetschef", "Arbetsmarknadskonsulent",
              "Budget- och skuldrådgivare", "Jobbcoach"]
AF_ROLES = ["Arbetsförmedlare", "Sektionschef", "Specialist"]
FK_ROLES = ["Handläggare", "Samordnare", "Försäkringsutredare"]
HC_ROLES = ["Rehabkoordinator", "Arbetsterapeut", "Kurator"]
UNIT_NAMES = ["Försörjningsstöd", "Vuxenutbildning", "Arbetsmarknadsenheten",
              "Ungdomsenheten", "Integration", "Beroendevården", "LSS"]
STEP_TASKS = ["Kartläggning", "Planering", "Arbetsträning", "Praktik",
              "Studiebesök", "Motiverande samtal", "Validering",
              "Språkträning", "Hälsoinsats", "Matchning", "Jobbsökaraktivitet"]
STEP_DECISIONS = ["Beslut om insats", "Bedömning av arbetsförmåga",
                  "Prövning av rätt till stöd", "Val av spår"]
STEP_HANDOFFS = ["Överlämning till Arbetsförmedlingen",
                 "Överlämning till socialtjänsten", "Remiss till vården",
                 "Överlämning till Försäkringskassan"]
CADENCES = ["weekly", "biweekly", "monthly", "quarterly", "half-yearly", "yearly"]
OUTCOME_SETS = [
    ("arbete", "studier", "annan", "avbrott"),
    ("arbete", "studier", "fortsatt-insats", "avbrott"),
    ("anstallning", "utbildning", "ohalsa", "avbrott"),
]

_SLUG_TABLE = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u",
                             " ": "-", "Å": "a", "Ä": "a", "Ö": "o"})
_PLAIN_OK = re.compile(r"[A-Za-zÅÄÖåäöéü][A-Za-z0-9ÅÄÖåäöéü .()/-]*\Z")


def slug(text):
    s = text.translate(_SLUG_TABLE).lower()
    return re.sub(r"[^a-z0-9-]+", "-", s).strip("-")


def q(text):
    """A YAML scalar for free text: plain when unambiguous, else double-quoted."""
    if _PLAIN_OK.match(text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(items):
    return "[" + ", ".join(items) + "]"


class Gen:
    def __init__(self, n_bodies, n_steps, seed, year):
        self.rng = random.Random(seed)
        self.n_bodies = n_bodies
        self.n_steps = n_steps
        self.year = year
        self.ids = set()
        self.parent = {}        # party id -> parent party id
        self.party_of = {}      # role/person id -> party id
        self.parties = []       # dicts, emission order
        self.roles = []
        self.people = []
        self.bodies = []
        self.processes = []
        self.goals = []
        self.reporting = []
        self.service_points = []

    # ---------------------------------------------------------------- ids
    def new_id(self, base):
        if base in self.ids:
            raise AssertionError("duplicate id %r" % base)
        self.ids.add(base)
        return base

    def top(self, x):
        x = self.party_of.get(x, x)
        while x in self.parent:
            x = self.parent[x]
        return x

    # ---------------------------------------------------------------- parties
    def add_party(self, pid, name, kind, part_of=None, signatory=None):
        self.new_id(pid)
        p = {"id": pid, "name": name, "kind": kind}
        if part_of is not None:
            p["part_of"] = part_of
            self.parent[pid] = part_of
        if signatory is not None:
            p["signatory"] = signatory
        self.parties.append(p)
        return pid

    def add_role(self, rid, name, party):
        self.new_id(rid)
        self.roles.append({"id": rid, "name": name, "party": party})
        self.party_of[rid] = party
        return rid

    def add_person(self, pid, name, party, role=None):
        self.new_id(pid)
        self.people.append({"id": pid, "name": name, "party": party, "role": role})
        self.party_of[pid] = party
        return pid

    def person_name(self, i):
        r = self.rng
        return "%s %s" % (r.choice(FIRST), r.choice(LAST))

    # ---------------------------------------------------------------- shape
    def plan(self):
        n = self.n_bodies
        rest = n - 1
        n_str = min(rest, max(1, round(n / 50))) if rest > 0 else 0
        rest -= n_str
        n_op = min(rest, max(1, round(n / 7))) if rest > 0 else 0
        rest -= n_op
        n_del = rest
        n_areas = max(1, math.ceil(n_str / 2)) if n_str else 0
        return n_str, n_op, n_del, n_areas

    def area_names(self, n_areas):
        names = []
        L = len(MUNICIPALITIES)
        for i in range(n_areas):
            if i < L:
                names.append(MUNICIPALITIES[i])
            elif i < L * (1 + len(PREFIXES)):
                names.append("%s %s" % (PREFIXES[i // L - 1], MUNICIPALITIES[i % L]))
            else:
                names.append("Kommun %d" % (i + 1))
        return names

    def build(self):
        r = self.rng
        n_str, n_op, n_del, n_areas = self.plan()
        year = self.year

        # -- top-level parties
        self.add_party("forbundet", "Samordningsförbundet Norr", "association")
        self.add_party("af", "Arbetsförmedlingen", "agency", signatory=True)
        self.add_party("fk", "Försäkringskassan", "agency", signatory=True)
        n_reg = max(1, math.ceil(max(n_areas, 1) / 15))
        regions = []
        for i in range(n_reg):
            nm = REGIONS[i] if i < len(REGIONS) else "Region %d" % (i + 1)
            regions.append(self.add_party("region-%d" % (i + 1),
                                          nm if nm.startswith("Region") else "Region " + nm,
                                          "region", signatory=True))

        # -- areas: municipality + local units, roles
        area_names = self.area_names(n_areas)
        areas = []
        for a, nm in enumerate(area_names):
            s = slug(nm)
            mun = self.add_party(s, nm if nm.startswith("Kommun ") else nm + " kommun",
                                 "municipality", signatory=True)
            ifn = self.add_party(s + "-ifn", "Individ- och familjenämnden i " + nm,
                                 "committee", part_of=mun)
            afu = self.add_party(s + "-af", "Arbetsförmedlingen " + nm, "unit", part_of="af")
            fku = self.add_party(s + "-fk", "Försäkringskassan " + nm, "unit", part_of="fk")
            hc = self.add_party(s + "-hc", "Hälsocentralen " + nm, "unit",
                                part_of=regions[a % n_reg])
            areas.append({"slug": s, "name": nm, "mun": mun, "ifn": ifn,
                          "units": [], "roles": [], "pool": [], "ptr": 0,
                          "str": [], "op": [], "del": []})
            ar = areas[-1]
            ar["units"] += [(afu, AF_ROLES), (fku, FK_ROLES), (hc, HC_ROLES)]

        # -- bodies (plan first, members later)
        bodies = []

        def body(bid, name, level, kind, area, reports_to=None):
            self.new_id(bid)
            b = {"id": bid, "name": name, "level": level, "kind": kind, "area": area,
                 "reports_to": reports_to, "members": [], "chair": None}
            bodies.append(b)
            return b

        board = body("styrelse", "Förbundsstyrelsen", "decision", "board", None)
        board["meets"] = "quarterly"
        for i in range(n_str):
            a = i % n_areas
            ar = areas[a]
            k = len(ar["str"])
            if k == 0:
                b = body(ar["slug"] + "-beredning", "Beredningsgrupp " + ar["name"],
                         "strategic", "group", a, "styrelse")
                b["meets"] = "monthly"
            else:
                b = body("%s-analys%s" % (ar["slug"], "" if k == 1 else "-%d" % k),
                         "Analysgrupp " + ar["name"] + ("" if k == 1 else " %d" % k),
                         "strategic", "analysis-group", a, "styrelse")
                b["meets"] = "half-yearly"
            ar["str"].append(b)
        for i in range(n_op):
            a = i % n_areas
            ar = areas[a]
            k = len(ar["op"]) + 1
            b = body("%s-sg%d" % (ar["slug"], k), "Styrgrupp %d %s" % (k, ar["name"]),
                     "operational", "steering-group", a, ar["str"][0]["id"])
            b["meets"] = r.choice(["biweekly", "monthly", "monthly"])
            ar["op"].append(b)
        ops = [b for b in bodies if b["level"] == "operational"]
        for i in range(n_del):
            op = ops[i % n_op]
            a = op["area"]
            ar = areas[a]
            k = len(ar["del"]) + 1
            x = r.random()
            if x < 0.7:
                b = body("%s-torg%d" % (ar["slug"], k),
                         "Arbetsmarknadstorget %s %d" % (ar["name"], k),
                         "delivery", "service-point", a, op["id"])
            elif x < 0.9:
                b = body("%s-team%d" % (ar["slug"], k), "Team %d %s" % (k, ar["name"]),
                         "delivery", "team", a, op["id"])
            else:
                b = body("%s-forum%d" % (ar["slug"], k),
                         "Forum för civilsamhället %s %d" % (ar["name"], k),
                         "delivery", "forum", a, op["id"])
            b["op"] = op
            op.setdefault("children", []).append(b)
            ar["del"].append(b)

        # -- municipal units and roles, sized by the bodies of each area
        for ar in areas:
            nb = len(ar["str"]) + len(ar["op"]) + len(ar["del"])
            for u in range(max(1, nb // 25)):
                uname = UNIT_NAMES[u % len(UNIT_NAMES)]
                if u >= len(UNIT_NAMES):
                    uname += " %d" % (u // len(UNIT_NAMES) + 1)
                uid = self.add_party("%s-ifn-%d" % (ar["slug"], u + 1),
                                     "%s, %s" % (uname, ar["name"]), "unit", part_of=ar["ifn"])
                ar["units"].append((uid, MUNI_ROLES))
            for uid, role_names in ar["units"]:
                for j, rn in enumerate(role_names[:3 if nb > 10 else 2]):
                    ar["roles"].append(self.add_role("%s-r%d" % (uid, j + 1), rn, uid))
            # people: about 1.5 per body of the area
            npeople = max(2, round(1.5 * nb))
            weights = []
            for uid, _ in ar["units"]:
                weights.append(3 if uid.endswith(("-af", "-fk", "-hc")) else 4)
            units = [u for u, _ in ar["units"]]
            roles_by_unit = {}
            for rid in ar["roles"]:
                roles_by_unit.setdefault(self.party_of[rid], []).append(rid)
            for j in range(npeople):
                uid = r.choices(units, weights)[0]
                role = r.choice(roles_by_unit[uid]) if r.random() < 0.6 else None
                ar["pool"].append(self.add_person("%s-p%d" % (ar["slug"], j + 1),
                                                  self.person_name(j), uid, role))

        # central people: the board's chair and one representative per party kind
        central = []
        reps = ["af", "fk"] + regions[:2] + [ar["mun"] for ar in areas[:4]]
        chair = self.add_person("ordforande", "Ordförande " + self.person_name(0),
                                areas[0]["mun"] if areas else "forbundet")
        central.append(chair)
        for i, p in enumerate(reps):
            central.append(self.add_person("ledamot-%d" % (i + 1),
                                           "Ledamot " + self.person_name(i), p))
        central.append(self.add_person("forbundschef", "Förbundschef " + self.person_name(99),
                                       "forbundet"))

        # -- members, chairs (bottom-up so that chairs of lower bodies can sit higher)
        def take(ar, k, extra=()):
            pool = ar["pool"]
            chosen = list(dict.fromkeys(extra))
            for _ in range(2):       # walk the pool: everyone gets a seat
                chosen.append(pool[ar["ptr"] % len(pool)])
                ar["ptr"] += 1
            limit = min(k, len(pool))     # extras come from the same pool
            while len(set(chosen)) < limit:
                chosen.append(r.choice(pool))
            return list(dict.fromkeys(chosen))

        for b in reversed(bodies):
            ar = areas[b["area"]] if b["area"] is not None else None
            if b["level"] == "delivery":
                m = take(ar, r.randint(3, 6))
                if b["kind"] == "forum" or r.random() < 0.1:
                    m.append(r.choice(ar["roles"]))   # a role as a member
                b["members"] = m
                if b["kind"] != "forum" or r.random() < 0.5:
                    b["chair"] = m[0]
            elif b["level"] == "operational":
                kids = [c["chair"] for c in b.get("children", [])[:2] if c["chair"]]
                b["members"] = take(ar, r.randint(4, 7), kids)
                b["chair"] = b["members"][-1]
            elif b["level"] == "strategic":
                kids = [o["chair"] for o in ar["op"] if o["reports_to"] == b["id"]][:5]
                # the municipality must sit at the strategic level (signatory-not-represented)
                muni = next((p for p in ar["pool"] if self.top(p) == ar["mun"]), None)
                if muni is not None and muni not in kids:
                    kids.append(muni)
                b["members"] = take(ar, len(kids) + 3, kids)
                b["chair"] = b["members"][0]
            else:
                strat_chairs = [s["chair"] for s in bodies if s["level"] == "strategic"][:3]
                b["members"] = central[:-1] + strat_chairs + ["forbundschef"]
                b["members"] = list(dict.fromkeys(b["members"]))
                b["chair"] = "ordforande"
            b["party_count"] = len({self.top(x) for x in b["members"]})
        self.bodies = bodies

        # -- processes
        if self.n_steps > 0:
            n_proc = max(1, round(self.n_steps / 10))
            base, extra = divmod(self.n_steps, n_proc)
            for i in range(n_proc):
                k = base + (1 if i < extra else 0)
                owner = ops[i % n_op] if n_op else board
                self.process(i, k, owner, areas, board)

        # -- goals
        top_goal = self.new_id("forbund-mal")
        self.goals.append({"id": top_goal, "name": "Fler deltagare når egen försörjning",
                           "owner": "styrelse", "contributes_to": [], "indicators": [
                               self.indicator(top_goal + "-andel",
                                              "Andel deltagare till arbete eller studier",
                                              "percent", 30, 40)]})
        for ar in areas:
            g1 = self.new_id(ar["slug"] + "-kf-mal")
            self.goals.append({"id": g1, "name": "Fler i egen försörjning i " + ar["name"],
                               "owner": ar["mun"], "contributes_to": [],
                               "indicators": [self.indicator(
                                   g1 + "-i1", "Andel hushåll med försörjningsstöd",
                                   "percent", 4, 7)]})
            g2 = self.new_id(ar["slug"] + "-ifn-mal")
            inds = [self.indicator(g2 + "-i1", "Andel som går till arbete eller studier",
                                   "percent", 25, 45)]
            if r.random() < 0.5:
                inds.append(self.indicator(g2 + "-i2", "Dagar till första insats",
                                           "days", 10, 40))
            self.goals.append({"id": g2, "name": "Kortare väg till arbete i " + ar["name"],
                               "owner": ar["ifn"], "contributes_to": [g1, top_goal],
                               "indicators": inds})
            ar["goals"] = [g1, g2]

        # -- reporting: up and back down
        n = 0

        def report(frm, to, what, covers, meets):
            nonlocal n
            n += 1
            self.reporting.append({"id": self.new_id("rapport-%d" % n), "from": frm,
                                   "to": to, "what": what, "covers": covers, "meets": meets})
        procs_by_owner = {}
        for p in self.processes:
            procs_by_owner.setdefault(p["owner"], []).append(p["id"])
        for b in bodies:
            if b["level"] == "delivery":
                report(b["id"], [b["reports_to"]], "Månadsstatistik över deltagare",
                       procs_by_owner.get(b["reports_to"], [])[:2], "monthly")
            elif b["level"] == "operational":
                report(b["id"], [b["reports_to"]], "Uppföljning av processerna",
                       procs_by_owner.get(b["id"], [])[:3], "quarterly")
                report(b["reports_to"], [b["id"]], "Återkoppling på uppföljningen",
                       [], "quarterly")
            elif b["level"] == "strategic":
                ar = areas[b["area"]]
                report(b["id"], ["styrelse", ar["ifn"]], "Resultat mot målen",
                       ar["goals"], "quarterly")
                report("styrelse", [b["id"]], "Styrelsens återkoppling", [], "half-yearly")
        tops = [p["id"] for p in self.parties if p.get("signatory")]
        report("styrelse", tops, "Årsredovisning och måluppfyllelse",
               [top_goal] + [ar["goals"][0] for ar in areas], "yearly")

        # -- service points
        for b in bodies:
            if b["kind"] != "service-point":
                continue
            arrivals = round(r.lognormvariate(2.3, 0.6), 1) or 0.5
            slots = max(1, int(arrivals * r.uniform(3, 8)))
            labels = r.choice(OUTCOME_SETS)
            a = r.randint(20, 45)
            s = r.randint(10, 30)
            o = r.randint(0, 15)
            rest = 100 - a - s - o
            sp = {"at": b["id"], "arrivals_per_month": arrivals, "slots": slots,
                  "duration": (r.choice(["lognormal", "gamma", "exponential"]),
                               r.choice([60, 90, 120, 150, 180, 240]),
                               r.choice([0.4, 0.6, 0.8, 1.0])),
                  "outcomes": list(zip(labels, (a, s, o, rest))),
                  "positive": list(labels[:2])}
            if r.random() < 0.4:
                sp["intake"] = r.choice(["weekly", "biweekly", "monthly"])
            self.service_points.append(sp)

    def indicator(self, iid, name, unit, lo, hi):
        r = self.rng
        y = self.year
        b1 = round(r.uniform(lo, hi), 1)
        b2 = round(b1 + r.uniform(-2, 2), 1)
        return {"id": self.new_id(iid), "name": name, "unit": unit,
                "baseline": [(y - 2, b1), (y - 1, b2)],
                "targets": [(y, round(b2 + (hi - lo) / 10, 1)),
                            (y + 1, round(b2 + (hi - lo) / 5, 1))]}

    def process(self, i, k, owner, areas, board):
        r = self.rng
        if owner["area"] is not None:
            ar = areas[owner["area"]]
            pid = self.new_id("%s-process%d" % (ar["slug"], len(self.processes) + 1))
            actors = ar["pool"]
            roles = ar["roles"]
            runs_at = [c["id"] for c in owner.get("children", [])
                       if c["kind"] in ("service-point", "team")][:2] or [owner["id"]]
            name = "Insatsprocess %d, %s" % (len(self.processes) + 1, ar["name"])
        else:
            pid = self.new_id("process%d" % (len(self.processes) + 1))
            actors = [m for m in board["members"] if m in self.party_of]
            roles = []
            runs_at = [board["id"]]
            name = "Insatsprocess %d" % (len(self.processes) + 1)
        sid = ["%s-s%d" % (pid, j + 1) for j in range(k)]
        for s in sid:
            self.new_id(s)
        # kinds: start, middle..., end, follow-up, feedback, end
        if k == 1:
            kinds = ["start"]
        elif k == 2:
            kinds = ["start", "end"]
        elif k == 3:
            kinds = ["start", "end", "follow-up"]
        elif k == 4:
            kinds = ["start", "task", "end", "follow-up"]
        else:
            mids = []
            for j in range(k - 5):
                x = r.random()
                mids.append("decision" if x < 0.2 else "handoff" if x < 0.35 else "task")
            kinds = ["start"] + mids + ["end", "follow-up", "feedback", "end"]
        end_index = kinds.index("end") if "end" in kinds else None
        steps = []
        for j, kind in enumerate(kinds):
            if kind == "start":
                name_j = "Anvisning"
            elif kind == "end":
                name_j = "Avslut" if j == end_index else "Ärendet stängs"
            elif kind == "follow-up":
                name_j = "Uppföljning efter sex månader"
            elif kind == "feedback":
                name_j = "Återkoppling till anvisande part"
            elif kind == "decision":
                name_j = r.choice(STEP_DECISIONS)
            elif kind == "handoff":
                name_j = r.choice(STEP_HANDOFFS)
            else:
                name_j = r.choice(STEP_TASKS)
            st = {"id": sid[j], "name": name_j, "kind": kind}
            if actors:
                st["responsible"] = [r.choice(actors)]
            if roles:
                st["accountable"] = [r.choice(roles)]
            elif actors:
                st["accountable"] = [actors[0]]
            if kind in ("task", "decision") and r.random() < 0.3 and actors:
                st["consulted"] = [r.choice(actors)]
            if kind == "handoff":
                st["informed"] = [owner["id"]]
            if kind == "follow-up":
                st["after_days"] = r.choice([90, 180, 365])
            if kind == "decision":
                st["meets"] = r.choice(["weekly", "biweekly"])
            nxt = []
            if j + 1 < k:
                if kind == "decision" and end_index is not None and j + 1 != end_index:
                    share = r.choice([0.6, 0.65, 0.7, 0.75, 0.8, 0.85])
                    nxt = [(sid[j + 1], share, "Beviljas"),
                           (sid[end_index], round(1 - share, 2), "Avslag")]
                elif not (kind == "end" and j != end_index):
                    nxt = [(sid[j + 1], None, None)]
            st["next"] = nxt
            steps.append(st)
        self.processes.append({"id": pid, "name": name, "runs_at": runs_at,
                               "owner": owner["id"], "steps": steps})

    # ---------------------------------------------------------------- output
    def emit(self, out):
        """Write the model through out.append(line) and out.flush()."""
        w = out.append
        w("# Synthetic agreement model made by tools/gen-model.py "
          "(--bodies %d --steps %d --seed %s)" % (self.n_bodies, self.n_steps, self.seed))
        w("samverkan: 1")
        w("agreement:")
        w("  id: syntetiskt-avtal")
        w("  name: Syntetiskt samverkansavtal (%d organ)" % self.n_bodies)
        w("  valid_from: %d-01-01" % self.year)
        w("  valid_to: %d-12-31" % (self.year + 2))
        w("  year: %d" % self.year)
        w("  sources: [Förbundsordning, Verksamhetsplan %d]" % self.year)
        areas_mun = [p["id"] for p in self.parties if p["kind"] == "municipality"][:2]
        w("  audited: %s" % flow_list(["af"] + areas_mun))
        w("parties:")
        for p in self.parties:
            s = "  - {id: %s, name: %s, kind: %s" % (p["id"], q(p["name"]), p["kind"])
            if "part_of" in p:
                s += ", part_of: " + p["part_of"]
            if "signatory" in p:
                s += ", signatory: " + ("true" if p["signatory"] else "false")
            w(s + "}")
        if self.roles:
            w("roles:")
            for ro in self.roles:
                w("  - {id: %s, name: %s, party: %s}" % (ro["id"], q(ro["name"]), ro["party"]))
        w("people:")
        for pe in self.people:
            s = "  - {id: %s, name: %s, party: %s" % (pe["id"], q(pe["name"]), pe["party"])
            if pe["role"]:
                s += ", roles: [%s]" % pe["role"]
            w(s + "}")
        w("bodies:")
        for b in self.bodies:
            w("  - id: " + b["id"])
            w("    name: " + q(b["name"]))
            w("    level: " + b["level"])
            w("    kind: " + b["kind"])
            w("    members: " + flow_list(b["members"]))
            if b["chair"]:
                w("    chair: " + b["chair"])
            if b["reports_to"]:
                w("    reports_to: " + b["reports_to"])
            w("    party_count: %d" % b["party_count"])
            if b.get("meets"):
                w("    meets: " + b["meets"])
        if self.processes:
            w("processes:")
            for p in self.processes:
                w("  - id: " + p["id"])
                w("    name: " + q(p["name"]))
                w("    runs_at: " + flow_list(p["runs_at"]))
                w("    owner: " + p["owner"])
                w("    steps:")
                for st in p["steps"]:
                    w("      - id: " + st["id"])
                    w("        name: " + q(st["name"]))
                    w("        kind: " + st["kind"])
                    for key in ("responsible", "accountable", "consulted", "informed"):
                        if key in st:
                            w("        %s: %s" % (key, flow_list(st[key])))
                    if "after_days" in st:
                        w("        after_days: %d" % st["after_days"])
                    if "meets" in st:
                        w("        meets: " + st["meets"])
                    nxt = st["next"]
                    if len(nxt) == 1 and nxt[0][1] is None:
                        w("        next: " + nxt[0][0])
                    elif nxt:
                        w("        next:")
                        for to, share, label in nxt:
                            w("          - {to: %s, share: %s, label: %s}" % (to, share, q(label)))
        w("goals:")
        for g in self.goals:
            w("  - id: " + g["id"])
            w("    name: " + q(g["name"]))
            w("    owner: " + g["owner"])
            if g["contributes_to"]:
                w("    contributes_to: " + flow_list(g["contributes_to"]))
            w("    indicators:")
            for ind in g["indicators"]:
                w("      - id: " + ind["id"])
                w("        name: " + q(ind["name"]))
                w("        unit: " + ind["unit"])
                w("        baseline: {%s}" % ", ".join("%d: %s" % yv for yv in ind["baseline"]))
                w("        targets: {%s}" % ", ".join("%d: %s" % yv for yv in ind["targets"]))
        w("reporting:")
        for rp in self.reporting:
            w("  - id: " + rp["id"])
            w("    from: " + rp["from"])
            w("    to: " + flow_list(rp["to"]))
            w("    what: " + q(rp["what"]))
            if rp["covers"]:
                w("    covers: " + flow_list(rp["covers"]))
            w("    meets: " + rp["meets"])
        if self.service_points:
            w("service_points:")
            for sp in self.service_points:
                w("  - at: " + sp["at"])
                w("    arrivals_per_month: %s" % sp["arrivals_per_month"])
                w("    slots: %d" % sp["slots"])
                if "intake" in sp:
                    w("    intake: " + sp["intake"])
                dist, mean, cv = sp["duration"]
                if dist == "exponential":      # cv is always 1: written without it
                    w("    duration: {dist: %s, mean_days: %d}" % (dist, mean))
                else:
                    w("    duration: {dist: %s, mean_days: %d, cv: %s}" % (dist, mean, cv))
                w("    outcomes: {%s}" % ", ".join("%s: %.2f" % (lab, v / 100)
                                                   for lab, v in sp["outcomes"]))
                w("    positive: " + flow_list(sp["positive"]))
        out.flush()


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate a synthetic agreement model.")
    ap.add_argument("--bodies", type=int, required=True, metavar="N",
                    help="number of bodies (>= 1)")
    ap.add_argument("--steps", type=int, default=None, metavar="M",
                    help="total number of process steps, in processes of about 10 "
                         "(default: N; 0 = no processes)")
    ap.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    ap.add_argument("--year", type=int, default=2024, help="analysis year (default 2024)")
    ap.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    args = ap.parse_args(argv)
    if args.bodies < 1:
        ap.error("--bodies must be at least 1")
    steps = args.bodies if args.steps is None else args.steps
    if steps < 0:
        ap.error("--steps must not be negative")
    g = Gen(args.bodies, steps, args.seed, args.year)
    g.seed = args.seed
    g.build()
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            g.emit(LineWriter(f))
    else:
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
        g.emit(LineWriter(out))
        out.flush()
        out.detach()
    return 0


class LineWriter:
    """append(line) collects lines and writes them in batches."""

    def __init__(self, f, batch=65536):
        self.f, self.batch, self.lines = f, batch, []

    def append(self, line):
        self.lines.append(line)
        if len(self.lines) >= self.batch:
            self.flush()

    def flush(self):
        if self.lines:
            self.f.write("\n".join(self.lines) + "\n")
            self.lines = []


if __name__ == "__main__":
    sys.exit(main())
