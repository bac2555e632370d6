/*
 * The format 1.1 keys of Group B: money (agreement.funding), projects and
 * insatser (top-level `projects:`), bodies that exist only for a period
 * (bodies[].period) or once per municipality, project or listed party
 * (bodies[].for_each), the agreement's kind and its auditors
 * (agreement.kind, agreement.audited_by). Read with the readers of
 * schema.c (schema_internal.h), so that every problem is positioned and
 * worded like the rest; called from schema.c at the agreement, at each
 * body, for each project, and once after references are resolved.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "schema/schema_internal.h"
#include "util/i18n.h"

#define BIT(k) SV_SCHEMA_KIND_BIT(k)

static const char *agreement_kind_name(int v) { return sv_agreement_kind_name((sv_agreement_kind)v); }
static const char *project_kind_name(int v) { return sv_project_kind_name((sv_project_kind)v); }

static long date_number(sv_date d)
{
    return d.year * 10000L + d.month * 100 + d.day;
}

static const char *const PERIOD_KEYS[] = {"from", "to", NULL};

/* `period: {from: DATE, to: DATE}`: either may be left out, not both. */
static void read_period(sv_schema_ctx *c, const sv_node *node, sv_date *from, sv_date *to,
                        sv_pos *pos)
{
    if (!sv_schema_expect_map(c, node, N_("'period'")))
        return;
    sv_schema_keys(c, node, N_("'period'"), PERIOD_KEYS);
    *pos = node->pos;
    const sv_node *f = sv_schema_get(node, "from"), *t = sv_schema_get(node, "to");
    if (!f && !t) {
        sv_schema_fail(c, "missing-key", node->pos, "%s",
                       _("'period' needs 'from', 'to' or both (dates written YYYY-MM-DD)"));
        return;
    }
    bool have_from = f && sv_schema_read_date(c, f, "from", from);
    if (t && sv_schema_read_date(c, t, "to", to) && have_from &&
        date_number(*to) < date_number(*from))
        sv_schema_fail(c, "out-of-range", t->pos, "%s", _("'to' is before 'from' in 'period'"));
}

/* ---- the agreement ---- */

static const char *const FUNDING_KEYS[] = {"year", "total_sek", "split", "shares", NULL};
static const char *const SHARE_KEYS[] = {"party", "percent", NULL};

static void read_funding(sv_schema_ctx *c, const sv_node *node, sv_funding *f)
{
    if (!sv_schema_expect_map(c, node, N_("'funding'")))
        return;
    sv_schema_keys(c, node, N_("'funding'"), FUNDING_KEYS);
    f->present = true;
    f->pos = node->pos;
    const sv_node *v;
    if ((v = sv_schema_get(node, "year")))
        sv_schema_read_int(c, v, "year", 1900, 2200, &f->year);
    if ((v = sv_schema_get(node, "total_sek")))
        sv_schema_read_number(c, v, "total_sek", 0, true, INFINITY, false, &f->total_sek);
    if ((v = sv_schema_get(node, "split")))
        sv_schema_read_text(c, v, "split", &f->split);
    /* a total without its split is what many budgets give (docs/real-agreements.md,
     * Roslagen): only the share rules need 'shares', and they skip a funding
     * without them; a funding with neither says nothing about the money */
    if (!(v = sv_schema_get(node, "shares"))) {
        if (!sv_schema_get(node, "total_sek"))
            sv_schema_fail(c, "missing-key", node->pos, "%s",
                           _("'funding' needs 'total_sek' (the total in kronor), 'shares' "
                             "(each party's percent) or both"));
        return;
    }
    f->shares_pos = v->pos;
    if (v->kind != SV_NODE_SEQ || v->count == 0) {
        sv_schema_fail(c, v->kind == SV_NODE_SEQ || sv_schema_is_null(v) ? "missing-key"
                                                                           : "wrong-type",
                       v->pos, "%s",
                       _("'shares' must list at least one {party, percent}"));
        return;
    }
    sv_funding_share *shares = sv_schema_alloc(c, v->count, sizeof *shares, v->pos);
    if (!shares)
        return;
    f->shares = shares;
    for (size_t i = 0; i < v->count; i++) {
        const sv_node *item = v->items[i];
        if (!sv_schema_expect_map(c, item, N_("each item of 'shares'")))
            continue;
        sv_schema_keys(c, item, N_("an entry of 'shares'"), SHARE_KEYS);
        sv_funding_share *s = &shares[f->share_count++];
        s->pos = item->pos;
        s->party.target = SV_NONE;
        const sv_node *w;
        if ((w = sv_schema_require(c, item, "party", N_("an entry of 'shares'"))))
            sv_schema_read_ref(c, w, "party", BIT(SV_KIND_PARTY), &s->party);
        if ((w = sv_schema_require(c, item, "percent", N_("an entry of 'shares'"))))
            sv_schema_read_number(c, w, "percent", 0, true, 100, false, &s->percent);
    }
}

void sv_schema_projects_agreement(sv_schema_ctx *c, const sv_node *node)
{
    sv_agreement *a = &sv_schema_model(c)->agreement;
    const sv_node *v;
    a->kind = SV_AGREEMENT_OTHER; /* also the governance rules' (Group A) word */
    if ((v = sv_schema_get(node, "kind"))) {
        int kind;
        if (sv_schema_read_enum(c, v, "kind", agreement_kind_name, SV_AGREEMENT_KIND_COUNT, &kind)) {
            a->kind = (sv_agreement_kind)kind;
            a->kind_given = true;
            a->kind_pos = v->pos;
        }
    }
    if ((v = sv_schema_get(node, "funding")))
        read_funding(c, v, &a->funding);
    if ((v = sv_schema_get(node, "audited_by")))
        sv_schema_read_ref(c, v, "audited_by", BIT(SV_KIND_PARTY), &a->audited_by);
}

/* ---- bodies ---- */

static const char *for_each_word(int v)
{
    return v == 0 ? "municipality" : "project";
}

void sv_schema_projects_body(sv_schema_ctx *c, const sv_node *node, sv_body *b)
{
    b->instances = 1;
    const sv_node *v;
    if ((v = sv_schema_get(node, "period")))
        read_period(c, v, &b->period_from, &b->period_to, &b->period_pos);
    if (!(v = sv_schema_get(node, "for_each")))
        return;
    b->for_each_pos = v->pos;
    if (v->kind == SV_NODE_SEQ) {
        if (v->count == 0) {
            sv_schema_fail(c, "missing-key", v->pos, "%s",
                           _("'for_each' must list at least one party"));
            return;
        }
        b->for_each = SV_FOR_EACH_PARTIES;
        sv_schema_read_refs(c, v, "for_each", BIT(SV_KIND_PARTY), &b->for_each_parties);
        return;
    }
    /* one of the words; a single party is written as a list of one */
    int which;
    if (sv_schema_read_enum(c, v, "for_each", for_each_word, 2, &which))
        b->for_each = which == 0 ? SV_FOR_EACH_MUNICIPALITY : SV_FOR_EACH_PROJECT;
}

/* ---- projects ---- */

static const char *const PROJECT_KEYS[] = {"id", "name", "kind", "period", "owner", "financiers",
                                           "providers",
                                           "steering_group", "evaluation", "participants_target",
                                           "note", "ignore", NULL};
static const char *const EVALUATION_KEYS[] = {"by", "due", NULL};

void sv_schema_projects_project(sv_schema_ctx *c, const sv_node *node)
{
    if (!sv_schema_expect_map(c, node, N_("each item of 'projects'")))
        return;
    sv_schema_keys(c, node, N_("a project"), PROJECT_KEYS);
    sv_model *m = sv_schema_model(c);
    uint32_t index = m->project_count++;
    sv_project *p = &m->projects[index];
    p->el = sv_schema_new_named_element(c, SV_KIND_PROJECT, index, node, N_("a project"));
    p->owner.target = SV_NONE;
    p->steering_group.target = SV_NONE;
    p->evaluation_by.target = SV_NONE;
    p->participants_target = -1;
    const sv_node *v;
    if ((v = sv_schema_get(node, "kind"))) {
        int kind;
        if (sv_schema_read_enum(c, v, "kind", project_kind_name, SV_PROJECT_KIND_COUNT, &kind))
            p->kind = (sv_project_kind)kind;
    }
    if ((v = sv_schema_get(node, "period")))
        read_period(c, v, &p->period_from, &p->period_to, &p->period_pos);
    if ((v = sv_schema_get(node, "owner")))
        sv_schema_read_ref(c, v, "owner", BIT(SV_KIND_PARTY), &p->owner);
    if ((v = sv_schema_get(node, "financiers")))
        sv_schema_read_refs(c, v, "financiers", BIT(SV_KIND_PARTY), &p->financiers);
    if ((v = sv_schema_get(node, "providers")))
        sv_schema_read_refs(c, v, "providers", BIT(SV_KIND_PARTY), &p->providers);
    if ((v = sv_schema_get(node, "steering_group")))
        sv_schema_read_ref(c, v, "steering_group", BIT(SV_KIND_BODY), &p->steering_group);
    if ((v = sv_schema_get(node, "evaluation")) &&
        sv_schema_expect_map(c, v, N_("'evaluation'"))) {
        sv_schema_keys(c, v, N_("'evaluation'"), EVALUATION_KEYS);
        p->has_evaluation = true;
        p->evaluation_pos = v->pos;
        const sv_node *w;
        if ((w = sv_schema_require(c, v, "by", N_("'evaluation'"))))
            sv_schema_read_ref(c, w, "by", BIT(SV_KIND_PARTY) | BIT(SV_KIND_BODY),
                               &p->evaluation_by);
        if ((w = sv_schema_get(v, "due")))
            sv_schema_read_date(c, w, "due", &p->evaluation_due);
    }
    if ((v = sv_schema_get(node, "participants_target")))
        sv_schema_read_int(c, v, "participants_target", 0, 100000000, &p->participants_target);
}

/* ---- after references are resolved ---- */

void sv_schema_projects_finish(sv_schema_ctx *c)
{
    sv_model *m = sv_schema_model(c);
    uint32_t municipalities = 0;
    for (uint32_t i = 0; i < m->party_count; i++)
        if (m->parties[i].part_of.target == SV_NONE && m->parties[i].kind == SV_PARTY_MUNICIPALITY)
            municipalities++;
    for (uint32_t b = 0; b < m->body_count; b++) {
        sv_body *body = &m->bodies[b];
        switch (body->for_each) {
        case SV_FOR_EACH_NONE: body->instances = 1; break;
        case SV_FOR_EACH_MUNICIPALITY: body->instances = municipalities; break;
        case SV_FOR_EACH_PROJECT: body->instances = m->project_count; break;
        case SV_FOR_EACH_PARTIES: body->instances = body->for_each_parties.count; break;
        }
    }
    /* external parties are not assessed: the auditors are 'audited_by' */
    const sv_refs *audited = &m->agreement.audited;
    for (uint32_t i = 0; i < audited->count; i++) {
        sv_id p = audited->items[i].target;
        if (p == SV_NONE || !sv_model_is_external(m, p))
            continue;
        sv_schema_fail(c, "invalid-value", audited->items[i].pos,
                       _("'audited' names '%s', a party of kind '%s': auditors, evaluators and "
                         "providers are not assessed (name the auditors with 'audited_by')"),
                       m->elements[p].id,
                       sv_party_kind_name(m->parties[m->elements[p].index].kind));
    }
    /* a party with two shares would be counted twice by the sums */
    const sv_funding *f = &m->agreement.funding;
    if (f->share_count < 2)
        return;
    uint32_t *first = malloc(m->element_count * sizeof *first);
    if (!first) {
        sv_schema_fail(c, "too-large", f->pos, "%s", _("out of memory while building the model"));
        return;
    }
    for (uint32_t i = 0; i < f->share_count; i++)
        if (f->shares[i].party.target != SV_NONE)
            first[f->shares[i].party.target] = UINT32_MAX;
    for (uint32_t i = 0; i < f->share_count; i++) {
        sv_id p = f->shares[i].party.target;
        if (p == SV_NONE)
            continue;
        if (first[p] == UINT32_MAX) {
            first[p] = i;
            continue;
        }
        sv_schema_fail(c, "duplicate-id", f->shares[i].party.pos,
                       _("'%s' has two entries in 'shares'; give each party one share"),
                       m->elements[p].id);
    }
    free(first);
}
