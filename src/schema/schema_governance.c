/*
 * Format 1.1, group A (governance): the keys with which real Finsam and
 * local agreements describe how they are governed: a body's ersättare
 * (`deputies`; agreement.kind, which the Finsam rules of this group read,
 * is read with the money in schema_projects.c), how it votes (`votes`),
 * a delegated mandate (`delegation` on bodies and people), the kansli's
 * head (`led_by`), the written forms of `meets` (times a year, times a
 * term, a fixed time before another body's meeting), and on people and
 * roles whether they are förtroendevalda (`elected`) and whom they lead
 * (`leads`). Called from schema.c once per element after its own keys;
 * the keys themselves are listed in schema.c's key tables, so that a
 * misspelling gets the same "did you mean" as every other key.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schema/schema_internal.h"
#include "util/i18n.h"

#define BIT SV_SCHEMA_KIND_BIT
#define REF_HOLDER (BIT(SV_KIND_PARTY) | BIT(SV_KIND_ROLE) | BIT(SV_KIND_PERSON))
#define MAX_TIMES_PER_YEAR 365
#define MAX_PER_TERM 1460 /* every day of a four-year term */
#define MAX_BEFORE_DAYS 365
#define TERM_YEARS 4      /* a mandatperiod */

static const sv_node *get(const sv_node *map, const char *key)
{
    const sv_pair *pair = sv_node_get(map, key);
    return pair ? pair->value : NULL;
}

static void none(sv_ref *ref)
{
    ref->target = SV_NONE;
}

/* the words of `votes` start after SV_VOTES_NONE */
static const char *votes_name(int v)
{
    return sv_votes_name((sv_votes)(v + 1));
}

static const char *const DELEGATION_KEYS[] = {"from", "scope", NULL};

/* `delegation: {from: BODY, scope: TEXT}`. `from` is optional (a whatif
 * that removes the delegating body takes it out); an empty or missing
 * scope is no load error but the finding mandate-without-scope. */
static void read_delegation(sv_schema_ctx *c, const sv_node *node, sv_delegation *d)
{
    none(&d->from);
    if (!sv_schema_expect_map(c, node, N_("'delegation'")))
        return;
    sv_schema_keys(c, node, N_("'delegation'"), DELEGATION_KEYS);
    d->present = true;
    d->pos = node->pos;
    const sv_node *v;
    if ((v = get(node, "from")))
        sv_schema_read_ref(c, v, "from", BIT(SV_KIND_BODY), &d->from);
    if ((v = get(node, "scope")) && !sv_schema_is_null(v)) {
        const char *scope;
        if (sv_schema_read_text(c, v, "scope", &scope) && scope[strspn(scope, " \t")] != '\0')
            d->scope = scope;
    }
}

/* The cadence equivalent to meeting `times` a year (docs/model-format.md
 * gives the table): the slower cadence that the count still fills. */
static sv_cadence cadence_of_times(double times)
{
    if (times >= 52)
        return SV_CADENCE_WEEKLY;
    if (times >= 26)
        return SV_CADENCE_BIWEEKLY;
    if (times >= 12)
        return SV_CADENCE_MONTHLY;
    if (times >= 4)
        return SV_CADENCE_QUARTERLY;
    if (times >= 2)
        return SV_CADENCE_HALF_YEARLY;
    return SV_CADENCE_YEARLY;
}

static const char *const MEETS_KEYS[] = {"times_per_year", "per_term", "before", "days", NULL};

static bool read_times_per_year(sv_schema_ctx *c, const sv_node *v, sv_meets *form)
{
    if (v->kind == SV_NODE_SEQ) {
        if (v->count != 2) {
            sv_schema_fail(c, "wrong-type", v->pos, "%s",
                           _("'times_per_year' is a number or a range of two numbers, e.g. [4, 6]"));
            return false;
        }
        if (!sv_schema_read_int(c, v->items[0], "times_per_year", 1, MAX_TIMES_PER_YEAR,
                                &form->times_min) ||
            !sv_schema_read_int(c, v->items[1], "times_per_year", 1, MAX_TIMES_PER_YEAR,
                                &form->times_max))
            return false;
        if (form->times_max < form->times_min) {
            sv_schema_fail(c, "out-of-range", v->pos,
                           _("the range of 'times_per_year' goes from %d down to %d; write the "
                             "smaller number first"),
                           form->times_min, form->times_max);
            return false;
        }
        return true;
    }
    if (!sv_schema_read_int(c, v, "times_per_year", 1, MAX_TIMES_PER_YEAR, &form->times_min))
        return false;
    form->times_max = form->times_min;
    return true;
}

void sv_schema_governance_meets(sv_schema_ctx *c, const sv_node *node, sv_cadence *cadence,
                                sv_meets *form)
{
    none(&form->before);
    form->form = SV_MEETS_CADENCE;
    form->pos = node->pos;
    if (node->kind != SV_NODE_MAP) {
        sv_schema_read_cadence(c, node, "meets", cadence);
        return;
    }
    sv_schema_keys(c, node, N_("'meets'"), MEETS_KEYS);
    const sv_node *times = get(node, "times_per_year"), *term = get(node, "per_term"),
                  *before = get(node, "before"), *days = get(node, "days");
    int written = (times != NULL) + (term != NULL) + (before != NULL);
    if (written != 1) {
        sv_schema_fail(c, written ? "invalid-value" : "missing-key", node->pos, "%s",
                       _("'meets' as a mapping takes exactly one of 'times_per_year', 'per_term' "
                         "and 'before'"));
        return;
    }
    if (days && !before) {
        sv_schema_fail(c, "invalid-value", days->pos, "%s",
                       _("'days' belongs with 'before': {before: BODY, days: N}"));
        return;
    }
    if (times) {
        if (read_times_per_year(c, times, form)) {
            form->form = SV_MEETS_TIMES_PER_YEAR;
            *cadence = cadence_of_times(form->times_min);
        }
    } else if (term) {
        if (sv_schema_read_int(c, term, "per_term", 1, MAX_PER_TERM, &form->times_min)) {
            form->times_max = form->times_min;
            form->form = SV_MEETS_PER_TERM;
            *cadence = cadence_of_times((double)form->times_min / TERM_YEARS);
        }
    } else {
        form->form = SV_MEETS_BEFORE;
        sv_schema_read_ref(c, before, "before", BIT(SV_KIND_BODY), &form->before);
        if (days)
            sv_schema_read_int(c, days, "days", 0, MAX_BEFORE_DAYS, &form->before_days);
        /* the cadence is that body's, set once references are resolved */
    }
}

void sv_schema_governance_body(sv_schema_ctx *c, const sv_node *map, sv_body *b)
{
    none(&b->led_by);
    none(&b->delegation.from);
    none(&b->meets_form.before);
    const sv_node *v;
    if ((v = get(map, "meets")))
        sv_schema_governance_meets(c, v, &b->meets, &b->meets_form);
    if ((v = get(map, "deputies"))) {
        b->has_deputies = true;
        sv_schema_read_refs(c, v, "deputies", REF_HOLDER, &b->deputies);
    }
    int votes;
    if ((v = get(map, "votes")) &&
        sv_schema_read_enum(c, v, "votes", votes_name, SV_VOTES_COUNT - 1, &votes))
    {
        b->votes = (sv_votes)(votes + 1);
        b->votes_pos = v->pos;
    }
    if ((v = get(map, "delegation")))
        read_delegation(c, v, &b->delegation);
    if ((v = get(map, "led_by")))
        sv_schema_read_ref(c, v, "led_by", BIT(SV_KIND_PERSON) | BIT(SV_KIND_ROLE), &b->led_by);
}

static void read_elected(sv_schema_ctx *c, const sv_node *map, sv_elected *out)
{
    const sv_node *v = get(map, "elected");
    bool elected;
    if (v && sv_schema_read_bool(c, v, "elected", &elected))
        *out = elected ? SV_ELECTED_YES : SV_ELECTED_NO;
}

static void read_leads(sv_schema_ctx *c, const sv_node *map, sv_refs *out)
{
    const sv_node *v = get(map, "leads");
    if (v)
        sv_schema_read_refs(c, v, "leads", BIT(SV_KIND_PARTY) | BIT(SV_KIND_BODY), out);
}

/* `deputy_for: MEMBER`: the personal ersättare of one member seat, whose
 * party it stands in for even when it comes from another party (the
 * municipalities' joint seat of a förbund whose ersättare come from the
 * other municipalities). */
static void read_deputy_for(sv_schema_ctx *c, const sv_node *map, sv_ref *out)
{
    none(out);
    const sv_node *v = get(map, "deputy_for");
    if (v)
        sv_schema_read_ref(c, v, "deputy_for", REF_HOLDER, out);
}

void sv_schema_governance_person(sv_schema_ctx *c, const sv_node *map, sv_person *p)
{
    none(&p->delegation.from);
    read_elected(c, map, &p->elected);
    read_leads(c, map, &p->leads);
    read_deputy_for(c, map, &p->deputy_for);
    const sv_node *v;
    if ((v = get(map, "delegation")))
        read_delegation(c, v, &p->delegation);
}

void sv_schema_governance_role(sv_schema_ctx *c, const sv_node *map, sv_role *r)
{
    read_elected(c, map, &r->elected);
    read_leads(c, map, &r->leads);
    read_deputy_for(c, map, &r->deputy_for);
}

/* The body a `before` form points at, as a body index, or UINT32_MAX. */
static uint32_t before_body(const sv_model *m, const sv_meets *form)
{
    if (form->form != SV_MEETS_BEFORE || form->before.target == SV_NONE)
        return UINT32_MAX;
    return m->elements[form->before.target].index;
}

void sv_schema_governance_finish(sv_schema_ctx *c)
{
    sv_model *m = sv_schema_model(c);
    bool any = false;
    for (uint32_t b = 0; b < m->body_count && !any; b++)
        any = m->bodies[b].meets_form.form == SV_MEETS_BEFORE;
    for (uint32_t s = 0; s < m->step_count && !any; s++)
        any = m->steps[s].meets_form.form == SV_MEETS_BEFORE;
    if (!any)
        return;
    /* state: 0 not seen, 1 on the chain being walked, 2 cadence known */
    unsigned char *state = calloc(m->body_count ? m->body_count : 1, 1);
    uint32_t *chain = malloc((m->body_count ? m->body_count : 1) * sizeof *chain);
    if (!state || !chain) {
        free(state);
        free(chain);
        sv_schema_fail(c, "too-large", (sv_pos){m->source->path, 0, 0}, "%s",
                       _("out of memory while building the model"));
        return;
    }
    /* Each body is walked once: a chain of `before` is followed to a body
     * that says how often it meets (or one already known), and every body
     * on the way takes that cadence. Linear in the bodies. */
    for (uint32_t start = 0; start < m->body_count; start++) {
        uint32_t length = 0, b = start;
        sv_cadence found = SV_CADENCE_NONE;
        while (true) {
            if (state[b] == 2) {
                found = m->bodies[b].meets;
                break;
            }
            if (state[b] == 1) {
                sv_schema_fail(c, "invalid-value", m->bodies[b].meets_form.before.pos,
                               _("'meets: before' of the body '%s' goes round in a circle; one "
                                 "of the bodies must say how often it meets"),
                               sv_element_name(m, m->bodies[b].el));
                break;
            }
            uint32_t next = before_body(m, &m->bodies[b].meets_form);
            if (next == UINT32_MAX) {
                state[b] = 2; /* its own cadence, or none */
                found = m->bodies[b].meets;
                break;
            }
            state[b] = 1;
            chain[length++] = b;
            b = next;
        }
        for (uint32_t i = 0; i < length; i++) {
            m->bodies[chain[i]].meets = found;
            state[chain[i]] = 2;
        }
    }
    for (uint32_t s = 0; s < m->step_count; s++) {
        uint32_t target = before_body(m, &m->steps[s].meets_form);
        if (target != UINT32_MAX)
            m->steps[s].meets = m->bodies[target].meets;
    }
    free(state);
    free(chain);
}
