/*
 * The audit questions answered from the findings: which findings concern
 * which assessed party, the answer on the audit's scale, what is missing
 * altogether, and the recommendations. The questions, weights and
 * recommendation texts come from the audit profile (src/catalogue/audit_profile.c);
 * see samverkan/audit.h and docs/audit.md.
 */
#include "samverkan/audit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

/* ---- who answers for an element, who takes part in it ---- */

typedef enum involvement { INVOLVED_NOT, INVOLVED_TAKES_PART, INVOLVED_ANSWERS } involvement;

static const sv_element *element_of(const sv_model *m, sv_id el)
{
    return &m->elements[el];
}

/* A party, role or person that is `party` or part of it. */
static bool belongs_walk(const sv_model *m, sv_id el, sv_id party)
{
    for (uint32_t hops = 0; el != SV_NONE && hops <= m->element_count; hops++) {
        if (el == party)
            return true;
        const sv_element *e = element_of(m, el);
        if (e->kind == SV_KIND_PARTY) {
            el = m->parties[e->index].part_of.target;
        } else if (e->kind == SV_KIND_ROLE) {
            el = m->roles[e->index].party.target;
        } else if (e->kind == SV_KIND_PERSON) {
            const sv_person *p = &m->people[e->index];
            for (uint32_t r = 0; r < p->roles.count; r++)
                if (belongs_walk(m, p->roles.items[r].target, party))
                    return true;
            el = p->party.target;
        } else {
            return false;
        }
    }
    return false;
}

/* Whom the assessment is asking about, and what is known of it: whether
 * each element belongs to the party is the same for every finding and
 * question, so the walk up the party tree is done once per element. */
typedef struct asking {
    const sv_model *m;
    sv_id party;
    unsigned char *belongs; /* per element: 0 not known yet, 1 no, 2 yes */
    unsigned char *involves; /* per element: 0 not known yet, else its involvement + 1 */
} asking;

static bool belongs(const asking *a, sv_id el)
{
    if (el == SV_NONE)
        return false;
    if (!a->belongs[el])
        a->belongs[el] = belongs_walk(a->m, el, a->party) ? 2 : 1;
    return a->belongs[el] == 2;
}

/* How a reference in a responsibility list involves the party: directly,
 * or through the chair (answers) or members (takes part) of a body. */
static involvement ref_involves(const asking *a, sv_id ref)
{
    const sv_model *m = a->m;
    if (ref == SV_NONE)
        return INVOLVED_NOT;
    if (element_of(m, ref)->kind != SV_KIND_BODY)
        return belongs(a, ref) ? INVOLVED_ANSWERS : INVOLVED_NOT;
    const sv_body *b = &m->bodies[element_of(m, ref)->index];
    if (belongs(a, b->chair.target))
        return INVOLVED_ANSWERS;
    for (uint32_t k = 0; k < b->members.count; k++)
        if (belongs(a, b->members.items[k].target))
            return INVOLVED_TAKES_PART;
    return INVOLVED_NOT;
}

static involvement at_most_takes_part(involvement i)
{
    return i == INVOLVED_NOT ? INVOLVED_NOT : INVOLVED_TAKES_PART;
}

static involvement refs_involve(const asking *a, const sv_refs *refs, bool full)
{
    involvement best = INVOLVED_NOT;
    for (uint32_t k = 0; k < refs->count; k++) {
        involvement i = ref_involves(a, refs->items[k].target);
        if (!full)
            i = at_most_takes_part(i);
        if (i > best)
            best = i;
    }
    return best;
}

static involvement max_involvement(involvement a, involvement b)
{
    return a > b ? a : b;
}

static involvement element_involves_walk(const asking *a, sv_id el)
{
    const sv_model *m = a->m;
    const sv_element *e = element_of(m, el);
    switch (e->kind) {
    case SV_KIND_PARTY:
    case SV_KIND_ROLE:
    case SV_KIND_PERSON:
    case SV_KIND_BODY:
        return ref_involves(a, el);
    case SV_KIND_PROCESS: {
        const sv_process *p = &m->processes[e->index];
        involvement i = ref_involves(a, p->owner.target);
        for (uint32_t s = 0; s < p->step_count && i != INVOLVED_ANSWERS; s++) {
            const sv_step *step = &m->steps[p->first_step + s];
            i = max_involvement(i, refs_involve(a, &step->accountable, false));
            i = max_involvement(i, refs_involve(a, &step->responsible, false));
        }
        return i;
    }
    case SV_KIND_STEP: {
        const sv_step *s = &m->steps[e->index];
        involvement i = refs_involve(a, &s->accountable, true);
        i = max_involvement(i, refs_involve(a, &s->responsible, false));
        i = max_involvement(i, refs_involve(a, &s->consulted, false));
        i = max_involvement(i, refs_involve(a, &s->informed, false));
        i = max_involvement(i, at_most_takes_part(
                                   ref_involves(a, m->processes[s->process].owner.target)));
        return i;
    }
    case SV_KIND_GOAL:
        return ref_involves(a, m->goals[e->index].owner.target);
    case SV_KIND_INDICATOR:
        return ref_involves(a, m->goals[m->indicators[e->index].goal].owner.target);
    case SV_KIND_REPORTING: {
        const sv_reporting *r = &m->reporting[e->index];
        return max_involvement(ref_involves(a, r->from.target),
                               refs_involve(a, &r->to, false));
    }
    case SV_KIND_PROJECT: {
        const sv_project *p = &m->projects[e->index];
        return max_involvement(ref_involves(a, p->owner.target),
                               at_most_takes_part(refs_involve(a, &p->financiers, false)));
    }
    case SV_KIND_AGREEMENT:
        return INVOLVED_TAKES_PART; /* every audited party signs or serves the agreement */
    case SV_KIND_COUNT:
        break;
    }
    return INVOLVED_NOT;
}

/* How an element involves the party, found once per element: a process
 * with thousands of steps is walked once, not once for each of its
 * findings. */
static involvement element_involves(const asking *a, sv_id el)
{
    if (!a->involves[el])
        a->involves[el] = (unsigned char)(element_involves_walk(a, el) + 1);
    return (involvement)(a->involves[el] - 1);
}

static involvement finding_involves(const asking *a, const sv_finding *f)
{
    if (f->element == SV_NONE)
        return INVOLVED_TAKES_PART;
    involvement i = element_involves(a, f->element);
    for (size_t k = 0; k < f->related_count && i == INVOLVED_NOT; k++)
        if (f->related[k].element != SV_NONE)
            i = at_most_takes_part(element_involves(a, f->related[k].element));
    return i;
}

/* ---- what the model has for a question ---- */

static unsigned bit(sv_evidence e)
{
    return 1u << e;
}

/* The evidence the whole model has, one bit per sv_evidence. */
static unsigned model_evidence(const sv_model *m)
{
    unsigned have = 0;
    if (m->goal_count)
        have |= bit(SV_EVIDENCE_GOALS);
    if (m->indicator_count)
        have |= bit(SV_EVIDENCE_INDICATORS);
    if (m->process_count)
        have |= bit(SV_EVIDENCE_PROCESSES);
    /* follow-up of individuals: a decision process's follow-up step is none */
    for (uint32_t s = 0; s < m->step_count; s++)
        if (m->steps[s].kind == SV_STEP_FOLLOW_UP &&
            m->processes[m->steps[s].process].about == SV_ABOUT_INDIVIDUAL)
            have |= bit(SV_EVIDENCE_FOLLOW_UP);
    if (m->body_count)
        have |= bit(SV_EVIDENCE_BODIES);
    if (m->reporting_count)
        have |= bit(SV_EVIDENCE_REPORTING);
    return have;
}

/* The evidence the model has for one party: the goals it answers for and
 * their indicators, the processes it takes part in and their follow-up
 * steps, the bodies it sits in, the flows it sends or receives. */
static unsigned party_evidence(const asking *a)
{
    const sv_model *m = a->m;
    unsigned have = 0;
    for (uint32_t g = 0; g < m->goal_count; g++) {
        if (ref_involves(a, m->goals[g].owner.target) != INVOLVED_ANSWERS)
            continue;
        have |= bit(SV_EVIDENCE_GOALS);
        if (m->goals[g].indicator_count)
            have |= bit(SV_EVIDENCE_INDICATORS);
    }
    for (uint32_t p = 0; p < m->process_count; p++) {
        const sv_process *pr = &m->processes[p];
        if (element_involves(a, pr->el) == INVOLVED_NOT)
            continue;
        have |= bit(SV_EVIDENCE_PROCESSES);
        for (uint32_t s = 0; s < pr->step_count && pr->about == SV_ABOUT_INDIVIDUAL; s++)
            if (m->steps[pr->first_step + s].kind == SV_STEP_FOLLOW_UP)
                have |= bit(SV_EVIDENCE_FOLLOW_UP);
    }
    for (uint32_t b = 0; b < m->body_count && !(have & bit(SV_EVIDENCE_BODIES)); b++)
        if (ref_involves(a, m->bodies[b].el) != INVOLVED_NOT)
            have |= bit(SV_EVIDENCE_BODIES);
    for (uint32_t r = 0; r < m->reporting_count && !(have & bit(SV_EVIDENCE_REPORTING)); r++)
        if (element_involves(a, m->reporting[r].el) != INVOLVED_NOT)
            have |= bit(SV_EVIDENCE_REPORTING);
    return have;
}

/* The evidence the sources do not show (agreement.unknown): goals with
 * their indicators, processes with their follow-up steps, the flows. A
 * model has none of it (the loader refuses content in such a section), so
 * it is missing for the model and for every party alike. */
static unsigned model_unknown(const sv_model *m)
{
    unsigned unknown = 0, marked = m->agreement.unknown;
    if (marked & (1u << SV_UNKNOWN_GOALS))
        unknown |= bit(SV_EVIDENCE_GOALS) | bit(SV_EVIDENCE_INDICATORS);
    if (marked & (1u << SV_UNKNOWN_PROCESSES))
        unknown |= bit(SV_EVIDENCE_PROCESSES) | bit(SV_EVIDENCE_FOLLOW_UP);
    if (marked & (1u << SV_UNKNOWN_REPORTING))
        unknown |= bit(SV_EVIDENCE_REPORTING);
    return unknown;
}

/* ---- who a recommendation goes to when no assessed party answers ---- */

/* The element that answers for `el` by its kind: a role's or person's
 * party, the body a body reports to (which follows it up), the owner of a
 * process or goal, a step's accountable (else its process's owner), the
 * sender of a flow. SV_NONE: the parties to the agreement. */
static sv_id responsible_for(const sv_model *m, sv_id el)
{
    if (el == SV_NONE)
        return SV_NONE;
    const sv_element *e = element_of(m, el);
    switch (e->kind) {
    case SV_KIND_PARTY:
        return el;
    case SV_KIND_ROLE:
        return m->roles[e->index].party.target != SV_NONE ? m->roles[e->index].party.target : el;
    case SV_KIND_PERSON: {
        sv_id top = m->people[e->index].party.target;
        return top != SV_NONE ? top : el;
    }
    case SV_KIND_BODY: {
        sv_id up = m->bodies[e->index].reports_to.target;
        return up != SV_NONE ? up : el;
    }
    case SV_KIND_PROCESS:
        return m->processes[e->index].owner.target;
    case SV_KIND_STEP: {
        const sv_step *s = &m->steps[e->index];
        if (s->accountable.count)
            return s->accountable.items[0].target;
        return m->processes[s->process].owner.target;
    }
    case SV_KIND_GOAL:
        return m->goals[e->index].owner.target;
    case SV_KIND_INDICATOR:
        return m->goals[m->indicators[e->index].goal].owner.target;
    case SV_KIND_REPORTING:
        return m->reporting[e->index].from.target;
    case SV_KIND_PROJECT:
        return m->projects[e->index].owner.target;
    case SV_KIND_AGREEMENT:
    case SV_KIND_COUNT:
        break;
    }
    return SV_NONE;
}

/* ---- answers ---- */

typedef struct tally {
    bool *major_rule; /* per rule: a major finding of it counts */
    size_t majors;    /* distinct rules */
    size_t minors;    /* findings */
} tally;

static void tally_add(tally *t, size_t rule, sv_weight w)
{
    if (w == SV_WEIGHT_MAJOR && !t->major_rule[rule]) {
        t->major_rule[rule] = true;
        t->majors++;
    } else if (w == SV_WEIGHT_MINOR) {
        t->minors++;
    }
}

static sv_answer tally_answer(const tally *t, int nej_at)
{
    if (t->majors >= (size_t)(nej_at > 0 ? nej_at : 1))
        return SV_ANSWER_NEJ;
    if (t->majors)
        return SV_ANSWER_DELVIS;
    if (t->minors)
        return SV_ANSWER_JA_VASENTLIGT;
    return SV_ANSWER_JA;
}

/* The answer when requirements are missing: "Kan inte bedömas" before
 * "Nej" before what the findings say; never better than the findings. A
 * requirement the sources do not show (`unknown`) cannot be judged,
 * whatever the profile's `otherwise`: not known is not "not there". */
static sv_answer with_missing(sv_answer from_findings, unsigned missing, unsigned unknown,
                              const sv_audit_question *q)
{
    sv_answer a = from_findings;
    bool cannot = false;
    for (size_t k = 0; k < q->require_count; k++) {
        if (!(missing & bit(q->requires[k].what)))
            continue;
        if (q->requires[k].otherwise == SV_ANSWER_KAN_INTE_BEDOMAS ||
            (unknown & bit(q->requires[k].what)))
            cannot = true;
        else if (a < SV_ANSWER_NEJ)
            a = SV_ANSWER_NEJ;
    }
    return cannot ? SV_ANSWER_KAN_INTE_BEDOMAS : a;
}

static unsigned missing_of(const sv_audit_question *q, unsigned have)
{
    unsigned missing = 0;
    for (size_t k = 0; k < q->require_count; k++)
        if (!(have & bit(q->requires[k].what)))
            missing |= bit(q->requires[k].what);
    return missing;
}

/* What of `missing` is said: without goals there are no indicators of
 * them to ask for, and without processes no follow-up steps in them, so
 * only the first of each pair is given as a reason and a recommendation.
 * The answer is still formed from everything missing. */
static unsigned missing_to_say(unsigned missing)
{
    if (missing & bit(SV_EVIDENCE_GOALS))
        missing &= ~bit(SV_EVIDENCE_INDICATORS);
    if (missing & bit(SV_EVIDENCE_PROCESSES))
        missing &= ~bit(SV_EVIDENCE_FOLLOW_UP);
    return missing;
}

/* The weight after the profile's minor_below: a major rule whose findings
 * reach less than that share of the steps of one process (or of the
 * indicators of one goal) counts as minor there. `hits` has room for one
 * counter per process and per goal. */
static void apply_extent(const sv_model *m, const sv_findings *findings, const size_t *counted,
                         size_t n, const sv_audit_config *c, int question, sv_weight *eff,
                         uint32_t *hits)
{
    for (size_t rule = 0; rule < sv_rule_count(); rule++) {
        const sv_audit_use *use = sv_audit_use_of(c, rule, question);
        if (use->weight != SV_WEIGHT_MAJOR || use->minor_below <= 0)
            continue;
        memset(hits, 0, ((size_t)m->process_count + m->goal_count) * sizeof *hits);
        for (int pass = 0; pass < 2; pass++) {
            for (size_t k = 0; k < n; k++) {
                const sv_finding *f = &findings->items[counted[k]];
                if (f->rule != rule || f->element == SV_NONE)
                    continue;
                const sv_element *e = element_of(m, f->element);
                uint32_t slot, size;
                if (e->kind == SV_KIND_STEP) {
                    slot = m->steps[e->index].process;
                    size = m->processes[slot].step_count;
                } else if (e->kind == SV_KIND_INDICATOR) {
                    uint32_t g = m->indicators[e->index].goal;
                    slot = m->process_count + g;
                    size = m->goals[g].indicator_count;
                } else {
                    continue;
                }
                if (pass == 0)
                    hits[slot]++;
                else if (size && (double)hits[slot] / size < use->minor_below)
                    eff[k] = SV_WEIGHT_MINOR;
            }
        }
    }
}

/* ---- recommendations ---- */

typedef struct cause {
    size_t rank;        /* addressee's order: assessed parties first, then by element */
    sv_id addressee;
    size_t rule;        /* SIZE_MAX for a requirement */
    int requirement;
    size_t finding;     /* SIZE_MAX for a requirement */
    bool unknown;       /* a requirement the sources do not show */
} cause;

static int cause_cmp(const void *a, const void *b)
{
    const cause *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    /* requirements (rule SIZE_MAX) after the rules, in evidence order */
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    if (x->requirement != y->requirement)
        return x->requirement < y->requirement ? -1 : 1;
    if (x->finding != y->finding)
        return x->finding < y->finding ? -1 : 1;
    return 0;
}

typedef struct causes {
    cause *items;
    size_t count, capacity;
} causes;

static int causes_add(causes *cs, cause c)
{
    if (cs->count == cs->capacity) {
        size_t cap = cs->capacity ? cs->capacity * 2 : 16;
        cause *items = realloc(cs->items, cap * sizeof *items);
        if (!items)
            return -1;
        cs->items = items;
        cs->capacity = cap;
    }
    cs->items[cs->count++] = c;
    return 0;
}

/* The length of `name` without a trailing abbreviation in parentheses,
 * " (GVN)": one word, no space inside. A longer gloss, "Arbetsgivare
 * (praktik- och arbetsplatser)", is part of the name and stays. */
static size_t without_abbreviation(const char *name)
{
    size_t len = strlen(name);
    if (len < 4 || name[len - 1] != ')')
        return len;
    size_t open = len - 1;
    while (open > 0 && name[open] != '(' && name[open] != ' ')
        open--;
    if (name[open] != '(' || open + 2 >= len || open < 2 || name[open - 1] != ' ')
        return len;
    return open - 1;
}

/* The addressee's name in running text, as the audit writes it: a
 * committee's name starts with a small letter, and the abbreviation a
 * model gives after it for diagrams ("Individ- och familjenämnden (IFN)")
 * is left out: "Vi rekommenderar individ- och familjenämnden att". */
static void put_addressee(FILE *out, const sv_model *m, sv_id who)
{
    if (who == SV_NONE) {
        fputs(_("the parties to the agreement"), out);
        return;
    }
    const sv_element *e = element_of(m, who);
    const char *full = sv_element_name(m, who);
    char *name = strndup(full, without_abbreviation(full));
    if (!name) {
        fputs(full, out);
        return;
    }
    bool committee = e->kind == SV_KIND_PARTY && m->parties[e->index].kind == SV_PARTY_COMMITTEE;
    unsigned char c0 = (unsigned char)name[0];
    if (committee && c0 >= 'A' && c0 <= 'Z') {
        fputc(c0 - 'A' + 'a', out);
        fputs(name + 1, out);
    } else if (committee && c0 == 0xC3 && (unsigned char)name[1] >= 0x80 &&
               (unsigned char)name[1] <= 0x9E) {
        /* À..Þ (Å Ä Ö among them) to à..þ in UTF-8 */
        fputc(0xC3, out);
        fputc((unsigned char)name[1] + 0x20, out);
        fputs(name + 2, out);
    } else {
        fputs(name, out);
    }
    free(name);
}

static const char *pick(const sv_audit_text *t, const sv_audit_config *c)
{
    bool sv = c->language && strcmp(c->language, "sv") == 0;
    return sv ? t->sv : t->en;
}

static char *recommendation_text(const sv_model *m, const sv_audit_config *c, int question, const cause *first,
                                 const sv_recommendation *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return NULL;
    char *who = NULL, *what = NULL;
    size_t who_len = 0, what_len = 0;
    FILE *w = open_memstream(&who, &who_len);
    FILE *x = open_memstream(&what, &what_len);
    if (w && x) {
        put_addressee(w, m, r->addressee);
        const sv_audit_question *q = &c->questions[question - 1];
        if (first->rule == SIZE_MAX && first->unknown) {
            /* not "set goals": nobody knows that there are none */
            fputs(sv_evidence_unknown_text((sv_evidence)first->requirement, true), x);
        } else if (first->rule == SIZE_MAX) {
            const char *phrase = NULL;
            for (size_t k = 0; k < q->require_count; k++)
                if ((int)q->requires[k].what == first->requirement)
                    phrase = pick(&q->requires[k].recommend, c);
            if (phrase) {
                fputs(phrase, x);
            } else {
                fprintf(x, _("remedy what is missing: %s"),
                        sv_evidence_name((sv_evidence)first->requirement));
            }
        } else {
            const char *phrase = pick(&sv_audit_use_of(c, first->rule, question)->recommend, c);
            if (phrase)
                fputs(phrase, x);
            else
                fprintf(x, _("remedy what the rule %s finds"), sv_rule_at(first->rule)->name);
        }
    }
    if (w)
        fclose(w);
    if (x)
        fclose(x);
    if (!who || !what) {
        fclose(out);
        free(text);
        free(who);
        free(what);
        return NULL;
    }
    fprintf(out, _("We recommend that %s %s"), who, what);
    /* the elements by the names the agreement gives them (a board reads
     * this, not the modeller), at most three, then how many more */
    size_t named = r->element_count, shown = named > 4 ? 3 : named;
    for (size_t i = 0; i < shown; i++) {
        fprintf(out, "%s%s", i ? "; " : " (", sv_element_name(m, r->elements[i]));
    }
    if (shown < named)
        fprintf(out, P_("; and %zu more", "; and %zu more", named - shown), named - shown);
    fputs(named ? ")." : ".", out);
    free(who);
    free(what);
    if (fclose(out) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* Groups the causes of one question into recommendations: one per
 * addressee and rule (or missing requirement). */
static int build_recommendations(sv_audit_answer *a, causes *cs, const sv_model *m,
                                 const sv_findings *findings, const sv_audit_config *c,
                                 uint32_t *stamp, uint32_t *serial)
{
    if (!cs->count)
        return 0;
    qsort(cs->items, cs->count, sizeof *cs->items, cause_cmp);
    size_t groups = 0;
    for (size_t i = 0; i < cs->count; i++)
        if (i == 0 || cs->items[i].rank != cs->items[i - 1].rank ||
            cs->items[i].rule != cs->items[i - 1].rule ||
            cs->items[i].requirement != cs->items[i - 1].requirement)
            groups++;
    a->recommendations = calloc(groups, sizeof *a->recommendations);
    if (!a->recommendations)
        return -1;
    for (size_t i = 0; i < cs->count;) {
        size_t j = i;
        while (j < cs->count && cs->items[j].rank == cs->items[i].rank &&
               cs->items[j].rule == cs->items[i].rule &&
               cs->items[j].requirement == cs->items[i].requirement)
            j++;
        sv_recommendation *r = &a->recommendations[a->recommendation_count++];
        r->rule = cs->items[i].rule;
        r->requirement = cs->items[i].requirement;
        r->addressee = cs->items[i].addressee;
        r->findings = malloc((j - i) * sizeof *r->findings);
        r->elements = malloc((j - i) * sizeof *r->elements);
        if (!r->findings || !r->elements)
            return -1;
        /* a stamp per element, new for each recommendation, names each
         * element once without comparing it with every other */
        ++*serial;
        for (size_t k = i; k < j; k++) {
            size_t f = cs->items[k].finding;
            if (f == SIZE_MAX || (r->finding_count && r->findings[r->finding_count - 1] == f))
                continue;
            r->findings[r->finding_count++] = f;
            sv_id el = findings->items[f].element;
            if (el != SV_NONE && stamp[el] != *serial) {
                stamp[el] = *serial;
                r->elements[r->element_count++] = el;
            }
        }
        r->text = recommendation_text(m, c, a->question, &cs->items[i], r);
        if (!r->text)
            return -1;
        i = j;
    }
    return 0;
}

/* ---- the parties assessed ---- */

static int resolve_parties(const sv_model *m, const sv_audit_config *c, sv_id **out, uint32_t *count,
                           sv_diags *diags)
{
    *count = 0;
    size_t max = c->assessed == SV_ASSESS_AUDITED     ? m->agreement.audited.count
                 : c->assessed == SV_ASSESS_COMMITTEES ? m->party_count
                                                       : c->assessed_count;
    sv_id *ids = calloc(max ? max : 1, sizeof *ids);
    if (!ids) {
        sv_diags_add(diags, "too-large", (sv_pos){c->path, 0, 0}, "%s", _("out of memory"));
        return -1;
    }
    bool ok = true;
    if (c->assessed == SV_ASSESS_AUDITED) {
        for (uint32_t p = 0; p < m->agreement.audited.count; p++)
            ids[(*count)++] = m->agreement.audited.items[p].target;
    } else if (c->assessed == SV_ASSESS_COMMITTEES) {
        for (uint32_t p = 0; p < m->party_count; p++)
            if (m->parties[p].kind == SV_PARTY_COMMITTEE)
                ids[(*count)++] = m->parties[p].el;
    } else {
        for (size_t i = 0; i < c->assessed_count; i++) {
            sv_id el = sv_model_find(m, c->assessed_ids[i]);
            if (el == SV_NONE || element_of(m, el)->kind != SV_KIND_PARTY) {
                sv_diags_add(diags, "unknown-reference", c->assessed_pos[i],
                             _("the profile assesses '%s', which is no party of the model"),
                             c->assessed_ids[i]);
                ok = false;
                continue;
            }
            if (sv_model_is_external(m, el))
                continue; /* auditors, evaluators and providers are never assessed */
            bool again = false;
            for (uint32_t k = 0; k < *count && !again; k++)
                again = ids[k] == el;
            if (!again)
                ids[(*count)++] = el;
        }
    }
    if (!ok) {
        free(ids);
        return -1;
    }
    *out = ids;
    return 0;
}

/* ---- the assessment ---- */

typedef struct work {
    size_t *counted;      /* findings of this model that count for the question */
    sv_weight *eff;       /* their weight after minor_below */
    unsigned char *inv;   /* involvement, finding x party */
    uint32_t *hits;
    uint32_t *stamp;      /* per element, for build_recommendations */
    uint32_t serial;
    tally overall;
    tally *by_party;
    unsigned *party_have;
} work;

static size_t party_rank(uint32_t p)
{
    return p;
}

static size_t element_rank(const sv_model *m, uint32_t np, sv_id el)
{
    return el == SV_NONE ? (size_t)np + m->element_count : (size_t)np + el;
}

/* The rank of a finding's addressee for party p (or overall, p == np). */
/* The first assessed party involved in the finding as `how`, or np. */
static uint32_t first_involved(const unsigned char *inv, uint32_t np, unsigned char how)
{
    uint32_t q = 0;
    while (q < np && inv[q] != how)
        q++;
    return q;
}

static void finding_addressee(const sv_model *m, const work *wk, uint32_t np, const sv_id *parties,
                              size_t k, uint32_t p, const sv_finding *f, cause *c)
{
    const unsigned char *inv = &wk->inv[wk->counted[k] * np];
    /* party p when it answers for the element; else the first that does;
     * else p itself; else the first that takes part; else whoever the
     * model makes responsible */
    uint32_t q = p < np && inv[p] == INVOLVED_ANSWERS ? p : first_involved(inv, np, INVOLVED_ANSWERS);
    if (q == np)
        q = p < np ? p : first_involved(inv, np, INVOLVED_TAKES_PART);
    if (q < np) {
        c->rank = party_rank(q);
        c->addressee = parties[q];
        return;
    }
    c->addressee = responsible_for(m, f->element);
    c->rank = element_rank(m, np, c->addressee);
}

/* The findings that decide an answer: the major ones for "Delvis" and
 * "Nej", the minor ones for "Ja, i allt väsentligt". */
static sv_weight deciding(sv_answer from_findings)
{
    if (from_findings == SV_ANSWER_DELVIS || from_findings == SV_ANSWER_NEJ)
        return SV_WEIGHT_MAJOR;
    if (from_findings == SV_ANSWER_JA_VASENTLIGT)
        return SV_WEIGHT_MINOR;
    return SV_WEIGHT_NONE;
}

static int assess_question(sv_audit_answer *a, const sv_audit_question *q, int question,
                           const sv_model *m, const sv_findings *findings,
                           const sv_audit_config *c, const sv_id *parties, uint32_t np, work *wk,
                           unsigned model_have, unsigned unknown)
{
    size_t rules = sv_rule_count();
    a->question = question;
    a->text = q->text;
    a->findings = malloc((findings->count ? findings->count : 1) * sizeof *a->findings);
    a->by_party = calloc(np ? np : 1, sizeof *a->by_party);
    a->missing_by_party = calloc(np ? np : 1, sizeof *a->missing_by_party);
    if (!a->findings || !a->by_party || !a->missing_by_party)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < findings->count; i++) {
        const sv_finding *f = &findings->items[i];
        sv_weight w = *sv_audit_weight(c, f->rule, question);
        if (f->suppressed || f->severity == SV_SEV_OFF || w == SV_WEIGHT_NONE)
            continue;
        if (!sv_model_source_of(m, f->pos.file))
            continue; /* another input's finding */
        wk->counted[n] = i;
        wk->eff[n] = w;
        a->findings[n] = i;
        n++;
    }
    a->finding_count = n;
    apply_extent(m, findings, wk->counted, n, c, question, wk->eff, wk->hits);

    memset(wk->overall.major_rule, 0, rules * sizeof *wk->overall.major_rule);
    wk->overall.majors = wk->overall.minors = 0;
    for (uint32_t p = 0; p < np; p++) {
        memset(wk->by_party[p].major_rule, 0, rules * sizeof *wk->by_party[p].major_rule);
        wk->by_party[p].majors = wk->by_party[p].minors = 0;
    }
    for (size_t k = 0; k < n; k++) {
        const sv_finding *f = &findings->items[wk->counted[k]];
        tally_add(&wk->overall, f->rule, wk->eff[k]);
        for (uint32_t p = 0; p < np; p++) {
            involvement inv = (involvement)wk->inv[wk->counted[k] * np + p];
            if (inv == INVOLVED_ANSWERS)
                tally_add(&wk->by_party[p], f->rule, wk->eff[k]);
            else if (inv == INVOLVED_TAKES_PART)
                tally_add(&wk->by_party[p], f->rule, SV_WEIGHT_MINOR);
        }
    }
    sv_answer overall = tally_answer(&wk->overall, c->nej_at);
    unsigned missing_all = missing_of(q, model_have);
    a->answer = with_missing(overall, missing_all, unknown, q);
    a->missing = missing_to_say(missing_all);
    a->unknown = a->missing & unknown;

    causes cs = {0};
    int result = -1;
    sv_answer *from_findings = calloc(np ? np : 1, sizeof *from_findings);
    if (!from_findings)
        goto done;
    for (uint32_t p = 0; p < np; p++) {
        from_findings[p] = tally_answer(&wk->by_party[p], c->nej_at);
        unsigned party_missing = missing_of(q, wk->party_have[p]);
        a->by_party[p] = with_missing(from_findings[p], party_missing, unknown, q);
        a->missing_by_party[p] = missing_to_say(party_missing);
    }
    /* the causes of each party's answer, then of the overall answer */
    for (uint32_t p = 0; p <= np; p++) {
        bool whole = p == np;
        sv_answer answer = whole ? a->answer : a->by_party[p];
        if (answer == SV_ANSWER_JA)
            continue;
        unsigned missing = whole ? a->missing : a->missing_by_party[p];
        /* what the sources do not show is asked for once, of the parties to
         * the agreement: it is the same for every party */
        for (size_t k = 0; k < q->require_count; k++) {
            unsigned what = bit(q->requires[k].what);
            bool unknown_here = (a->unknown & what) != 0;
            if ((missing & what) && (whole ? unknown_here || np == 0 : !unknown_here)) {
                cause cz = {.rule = SIZE_MAX, .requirement = (int)q->requires[k].what,
                            .finding = SIZE_MAX, .unknown = unknown_here};
                cz.addressee = whole ? SV_NONE : parties[p];
                cz.rank = whole ? element_rank(m, np, SV_NONE) : party_rank(p);
                if (causes_add(&cs, cz) != 0)
                    goto done;
            }
        }
        sv_weight level = deciding(whole ? overall : from_findings[p]);
        if (level == SV_WEIGHT_NONE)
            continue;
        for (size_t k = 0; k < n; k++) {
            sv_weight w = wk->eff[k];
            if (!whole) {
                involvement inv = (involvement)wk->inv[wk->counted[k] * np + p];
                w = inv == INVOLVED_ANSWERS ? w : inv == INVOLVED_TAKES_PART ? SV_WEIGHT_MINOR
                                                                             : SV_WEIGHT_NONE;
            }
            if (w != level)
                continue;
            const sv_finding *f = &findings->items[wk->counted[k]];
            cause cz = {.rule = f->rule, .requirement = -1, .finding = wk->counted[k]};
            finding_addressee(m, wk, np, parties, k, p, f, &cz);
            if (causes_add(&cs, cz) != 0)
                goto done;
        }
    }
    result = build_recommendations(a, &cs, m, findings, c, wk->stamp, &wk->serial);
done:
    free(cs.items);
    free(from_findings);
    return result;
}

int sv_audit_assess(sv_audit *out, const sv_model *m, const sv_findings *findings,
                    const sv_audit_config *c, sv_diags *diags)
{
    memset(out, 0, sizeof *out);
    sv_id *parties = NULL;
    uint32_t np = 0;
    if (resolve_parties(m, c, &parties, &np, diags) != 0)
        return -1;
    out->parties = parties;
    out->party_count = np;
    out->profile = c->name;
    size_t rules = sv_rule_count();
    size_t nf = findings->count ? findings->count : 1;
    work wk = {0};
    int result = -1;
    wk.counted = malloc(nf * sizeof *wk.counted);
    wk.eff = malloc(nf * sizeof *wk.eff);
    wk.hits = malloc(((size_t)m->process_count + m->goal_count + 1) * sizeof *wk.hits);
    wk.by_party = calloc(np ? np : 1, sizeof *wk.by_party);
    wk.party_have = calloc(np ? np : 1, sizeof *wk.party_have);
    wk.overall.major_rule = malloc(rules * sizeof *wk.overall.major_rule);
    wk.stamp = calloc((size_t)m->element_count + 1, sizeof *wk.stamp);
    out->questions = calloc(c->question_count ? c->question_count : 1, sizeof *out->questions);
    if (!wk.counted || !wk.eff || !wk.hits || !wk.by_party || !wk.party_have ||
        !wk.overall.major_rule || !wk.stamp || !out->questions)
        goto done;
    out->question_count = c->question_count;
    for (uint32_t p = 0; p < np; p++) {
        wk.by_party[p].major_rule = malloc(rules * sizeof *wk.by_party[p].major_rule);
        if (!wk.by_party[p].major_rule)
            goto done;
    }
    /* What the model has for each party, and how each finding of this
     * model involves each party, once: the same for every question. Row
     * per finding, as indexed in `findings`. */
    wk.inv = malloc(nf * (np ? np : 1));
    asking ask = {.m = m, .belongs = malloc((size_t)m->element_count + 1),
                  .involves = malloc((size_t)m->element_count + 1)};
    if (!wk.inv || !ask.belongs || !ask.involves) {
        free(ask.belongs);
        free(ask.involves);
        goto done;
    }
    for (uint32_t p = 0; p < np; p++) {
        ask.party = parties[p];
        memset(ask.belongs, 0, (size_t)m->element_count + 1);
        memset(ask.involves, 0, (size_t)m->element_count + 1);
        wk.party_have[p] = party_evidence(&ask);
        for (size_t i = 0; i < findings->count; i++) {
            bool here = sv_model_source_of(m, findings->items[i].pos.file) != NULL;
            wk.inv[i * np + p] = here ? (unsigned char)finding_involves(&ask, &findings->items[i])
                                      : (unsigned char)INVOLVED_NOT;
        }
    }
    free(ask.belongs);
    free(ask.involves);
    unsigned model_have = model_evidence(m);
    for (size_t q = 0; q < c->question_count; q++)
        if (assess_question(&out->questions[q], &c->questions[q], (int)q + 1, m, findings, c,
                            parties, np, &wk, model_have, model_unknown(m)) != 0)
            goto done;
    result = 0;
done:
    free(wk.counted);
    free(wk.eff);
    free(wk.hits);
    free(wk.stamp);
    free(wk.inv);
    for (uint32_t p = 0; wk.by_party && p < np; p++)
        free(wk.by_party[p].major_rule);
    free(wk.by_party);
    free(wk.party_have);
    free(wk.overall.major_rule);
    if (result != 0) {
        sv_diags_add(diags, "too-large", (sv_pos){c->path, 0, 0}, "%s", _("out of memory"));
        sv_audit_free(out);
    }
    return result;
}

const char *sv_audit_missing_reason(const sv_audit_answer *answer, sv_evidence evidence)
{
    return answer->unknown & bit(evidence) ? sv_evidence_unknown_text(evidence, false)
                                           : sv_evidence_missing_text(evidence, false);
}

void sv_audit_free(sv_audit *audit)
{
    if (!audit)
        return;
    for (size_t q = 0; audit->questions && q < audit->question_count; q++) {
        sv_audit_answer *a = &audit->questions[q];
        free(a->findings);
        free(a->by_party);
        free(a->missing_by_party);
        for (size_t r = 0; r < a->recommendation_count; r++) {
            free(a->recommendations[r].findings);
            free(a->recommendations[r].elements);
            free(a->recommendations[r].text);
        }
        free(a->recommendations);
    }
    free(audit->questions);
    free((sv_id *)audit->parties);
    memset(audit, 0, sizeof *audit);
}
