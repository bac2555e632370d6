/*
 * The audit questions answered from the findings; see samverkan/audit.h
 * and docs/audit.md, which explains the default table below row by row.
 */
#include "samverkan/audit.h"

#include <stdlib.h>
#include <string.h>


const char *sv_answer_text(sv_answer answer)
{
    static const char *const text[] = {"Ja", "Ja, i allt väsentligt", "Delvis", "Nej"};
    return (unsigned)answer <= SV_ANSWER_NEJ ? text[answer] : "?";
}

const char *sv_weight_name(sv_weight weight)
{
    static const char *const names[] = {"none", "minor", "major"};
    return (unsigned)weight <= SV_WEIGHT_MAJOR ? names[weight] : "?";
}

const char *sv_audit_question_text(int question)
{
    static const char *const text[] = {
        "Finns mål och rutiner rörande tillgång till arbetsmarknadsinsatser?",
        "Finns etablerade samverkansstrukturer med tydlig ansvarsfördelning?",
        "Finns former för uppföljning på individnivå?",
        "Finns tillfredsställande uppföljning och återrapportering på aggregerad nivå?",
    };
    return question >= 1 && question <= SV_AUDIT_QUESTIONS ? text[question - 1] : "";
}

/* The default table: rule, question, weight. A major finding makes the
 * answer "Delvis"; a minor one "Ja, i allt väsentligt". docs/audit.md
 * gives the reason for each row; keep the two in step. */
static const struct {
    const char *rule;
    int question;
    sv_weight weight;
} default_table[] = {
    /* 1: goals and routines for access to interventions */
    {"goal-without-owner", 1, SV_WEIGHT_MAJOR},
    {"goal-without-indicator", 1, SV_WEIGHT_MAJOR},
    {"indicator-without-target", 1, SV_WEIGHT_MAJOR},
    {"indicator-without-baseline", 1, SV_WEIGHT_MINOR},
    {"goal-not-linked", 1, SV_WEIGHT_MINOR},
    {"process-without-start", 1, SV_WEIGHT_MAJOR},
    {"process-without-end", 1, SV_WEIGHT_MAJOR},
    {"unreachable-step", 1, SV_WEIGHT_MINOR},
    {"dead-end-step", 1, SV_WEIGHT_MINOR},
    {"shares-do-not-sum", 1, SV_WEIGHT_MINOR},
    /* 2: established structures with clear responsibilities */
    {"no-decision-body", 2, SV_WEIGHT_MAJOR},
    {"reporting-line-missing", 2, SV_WEIGHT_MAJOR},
    {"reporting-cycle", 2, SV_WEIGHT_MAJOR},
    {"body-without-members", 2, SV_WEIGHT_MAJOR},
    {"service-point-unsteered", 2, SV_WEIGHT_MAJOR},
    {"reporting-level-order", 2, SV_WEIGHT_MINOR},
    {"body-without-chair", 2, SV_WEIGHT_MINOR},
    {"party-count-mismatch", 2, SV_WEIGHT_MINOR},
    {"signatory-not-represented", 2, SV_WEIGHT_MINOR},
    {"step-without-accountable", 2, SV_WEIGHT_MINOR},
    {"step-multiple-accountable", 2, SV_WEIGHT_MINOR},
    {"step-without-responsible", 2, SV_WEIGHT_MINOR},
    {"accountable-outside-process", 2, SV_WEIGHT_MINOR},
    {"cadence-mismatch", 2, SV_WEIGHT_MINOR},
    {"single-point-of-failure", 2, SV_WEIGHT_MINOR},
    {"sole-link", 2, SV_WEIGHT_MINOR},
    {"dual-chair", 2, SV_WEIGHT_MINOR},
    {"isolated-element", 2, SV_WEIGHT_MINOR},
    /* 3: follow-up on the individual level */
    {"process-without-follow-up", 3, SV_WEIGHT_MAJOR},
    {"no-follow-up-after-end", 3, SV_WEIGHT_MAJOR},
    {"handoff-without-feedback", 3, SV_WEIGHT_MINOR},
    /* 4: follow-up and reporting on the aggregated level */
    {"results-not-reported", 4, SV_WEIGHT_MAJOR},
    {"feedback-gap", 4, SV_WEIGHT_MAJOR},
    {"indicator-without-target", 4, SV_WEIGHT_MINOR},
};

int sv_audit_config_default(sv_audit_config *out)
{
    out->nej_at = 3;
    out->weight = calloc(sv_rule_count() * SV_AUDIT_QUESTIONS, sizeof *out->weight);
    if (!out->weight)
        return -1;
    for (size_t i = 0; i < sizeof default_table / sizeof default_table[0]; i++) {
        int rule = sv_rule_find(default_table[i].rule, NULL);
        if (rule >= 0)
            *sv_audit_weight(out, (size_t)rule, default_table[i].question) = default_table[i].weight;
    }
    return 0;
}

void sv_audit_config_free(sv_audit_config *config)
{
    if (!config)
        return;
    free(config->weight);
    config->weight = NULL;
}

/* ---- who answers for an element, who takes part in it ---- */

typedef enum involvement { INVOLVED_NOT, INVOLVED_TAKES_PART, INVOLVED_ANSWERS } involvement;

static const sv_element *element_of(const sv_model *m, sv_id el)
{
    return &m->elements[el];
}

/* A party, role or person that is `party` or part of it. */
static bool belongs(const sv_model *m, sv_id el, sv_id party)
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
                if (belongs(m, p->roles.items[r].target, party))
                    return true;
            el = p->party.target;
        } else {
            return false;
        }
    }
    return false;
}

/* How a reference in a responsibility list involves the party: directly,
 * or through the chair (answers) or members (takes part) of a body. */
static involvement ref_involves(const sv_model *m, sv_id ref, sv_id party)
{
    if (ref == SV_NONE)
        return INVOLVED_NOT;
    if (element_of(m, ref)->kind != SV_KIND_BODY)
        return belongs(m, ref, party) ? INVOLVED_ANSWERS : INVOLVED_NOT;
    const sv_body *b = &m->bodies[element_of(m, ref)->index];
    if (belongs(m, b->chair.target, party))
        return INVOLVED_ANSWERS;
    for (uint32_t k = 0; k < b->members.count; k++)
        if (belongs(m, b->members.items[k].target, party))
            return INVOLVED_TAKES_PART;
    return INVOLVED_NOT;
}

static involvement at_most_takes_part(involvement i)
{
    return i == INVOLVED_NOT ? INVOLVED_NOT : INVOLVED_TAKES_PART;
}

static involvement refs_involve(const sv_model *m, const sv_refs *refs, sv_id party, bool full)
{
    involvement best = INVOLVED_NOT;
    for (uint32_t k = 0; k < refs->count; k++) {
        involvement i = ref_involves(m, refs->items[k].target, party);
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

static involvement element_involves(const sv_model *m, sv_id el, sv_id party)
{
    const sv_element *e = element_of(m, el);
    switch (e->kind) {
    case SV_KIND_PARTY:
    case SV_KIND_ROLE:
    case SV_KIND_PERSON:
    case SV_KIND_BODY:
        return ref_involves(m, el, party);
    case SV_KIND_PROCESS: {
        const sv_process *p = &m->processes[e->index];
        involvement i = ref_involves(m, p->owner.target, party);
        for (uint32_t s = 0; s < p->step_count && i != INVOLVED_ANSWERS; s++) {
            const sv_step *step = &m->steps[p->first_step + s];
            i = max_involvement(i, refs_involve(m, &step->accountable, party, false));
            i = max_involvement(i, refs_involve(m, &step->responsible, party, false));
        }
        return i;
    }
    case SV_KIND_STEP: {
        const sv_step *s = &m->steps[e->index];
        involvement i = refs_involve(m, &s->accountable, party, true);
        i = max_involvement(i, refs_involve(m, &s->responsible, party, false));
        i = max_involvement(i, refs_involve(m, &s->consulted, party, false));
        i = max_involvement(i, refs_involve(m, &s->informed, party, false));
        i = max_involvement(i, at_most_takes_part(
                                   ref_involves(m, m->processes[s->process].owner.target, party)));
        return i;
    }
    case SV_KIND_GOAL:
        return ref_involves(m, m->goals[e->index].owner.target, party);
    case SV_KIND_INDICATOR:
        return ref_involves(m, m->goals[m->indicators[e->index].goal].owner.target, party);
    case SV_KIND_REPORTING: {
        const sv_reporting *r = &m->reporting[e->index];
        return max_involvement(ref_involves(m, r->from.target, party),
                               refs_involve(m, &r->to, party, false));
    }
    case SV_KIND_AGREEMENT:
        return INVOLVED_TAKES_PART; /* every audited party signs or serves the agreement */
    case SV_KIND_COUNT:
        break;
    }
    return INVOLVED_NOT;
}

static involvement finding_involves(const sv_model *m, const sv_finding *f, sv_id party)
{
    if (f->element == SV_NONE)
        return INVOLVED_TAKES_PART;
    involvement i = element_involves(m, f->element, party);
    for (size_t k = 0; k < f->related_count && i == INVOLVED_NOT; k++)
        if (f->related[k].element != SV_NONE)
            i = at_most_takes_part(element_involves(m, f->related[k].element, party));
    return i;
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

int sv_audit_assess(sv_audit *out, const sv_model *m, const sv_findings *findings,
                    const sv_audit_config *config)
{
    memset(out, 0, sizeof *out);
    uint32_t np = m->agreement.audited.count;
    sv_id *parties = calloc(np ? np : 1, sizeof *parties);
    tally t = {0};
    tally *by_party = calloc(np ? np : 1, sizeof *by_party);
    size_t rules = sv_rule_count();
    int result = -1;
    if (!parties || !by_party)
        goto done;
    for (uint32_t p = 0; p < np; p++)
        parties[p] = m->agreement.audited.items[p].target;
    out->parties = parties;
    out->party_count = np;
    t.major_rule = malloc(rules * sizeof *t.major_rule);
    for (uint32_t p = 0; p < np; p++)
        by_party[p].major_rule = malloc(rules * sizeof *by_party[p].major_rule);
    for (int q = 1; q <= SV_AUDIT_QUESTIONS; q++) {
        sv_audit_answer *a = &out->questions[q - 1];
        a->question = q;
        a->findings = malloc((findings->count ? findings->count : 1) * sizeof *a->findings);
        a->by_party = calloc(np ? np : 1, sizeof *a->by_party);
        if (!t.major_rule || !a->findings || !a->by_party)
            goto done;
        memset(t.major_rule, 0, rules * sizeof *t.major_rule);
        t.majors = t.minors = 0;
        for (uint32_t p = 0; p < np; p++) {
            if (!by_party[p].major_rule)
                goto done;
            memset(by_party[p].major_rule, 0, rules * sizeof *by_party[p].major_rule);
            by_party[p].majors = by_party[p].minors = 0;
        }
        for (size_t i = 0; i < findings->count; i++) {
            const sv_finding *f = &findings->items[i];
            sv_weight w = *sv_audit_weight(config, f->rule, q);
            if (f->suppressed || f->severity == SV_SEV_OFF || w == SV_WEIGHT_NONE)
                continue;
            if (!sv_model_source_of(m, f->pos.file))
                continue; /* another input's finding */
            a->findings[a->finding_count++] = i;
            tally_add(&t, f->rule, w);
            for (uint32_t p = 0; p < np; p++) {
                involvement inv = finding_involves(m, f, parties[p]);
                if (inv == INVOLVED_ANSWERS)
                    tally_add(&by_party[p], f->rule, w);
                else if (inv == INVOLVED_TAKES_PART)
                    tally_add(&by_party[p], f->rule, SV_WEIGHT_MINOR);
            }
        }
        a->answer = tally_answer(&t, config->nej_at);
        for (uint32_t p = 0; p < np; p++)
            a->by_party[p] = tally_answer(&by_party[p], config->nej_at);
    }
    result = 0;
done:
    free(t.major_rule);
    for (uint32_t p = 0; by_party && p < np; p++)
        free(by_party[p].major_rule);
    free(by_party);
    if (result != 0) {
        if (!out->parties)
            free(parties);
        sv_audit_free(out);
    }
    return result;
}

void sv_audit_free(sv_audit *audit)
{
    if (!audit)
        return;
    for (int q = 0; q < SV_AUDIT_QUESTIONS; q++) {
        free(audit->questions[q].findings);
        free(audit->questions[q].by_party);
    }
    free((sv_id *)audit->parties);
    memset(audit, 0, sizeof *audit);
}
