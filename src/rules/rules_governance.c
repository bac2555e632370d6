/*
 * The governance rules of format 1.1 (audit question 2): ersättare on the
 * decision body, förtroendevalda on a Finsam board, the weight of the
 * votes, and delegated mandates without a scope. Each looks only at the
 * keys of format 1.1 that it is about (deputies, elected, votes,
 * delegation), so that a model without them gets no new finding. See
 * docs/rules.md.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"
#include "util/i18n.h"

/* An element as a message names it: its name, else its id. */
/* The member seat a person or role is the personal ersättare of
 * (`deputy_for`), or SV_NONE. */
static sv_id deputy_for(const sv_model *m, sv_id el)
{
    if (el == SV_NONE)
        return SV_NONE;
    const sv_element *e = &m->elements[el];
    if (e->kind == SV_KIND_PERSON)
        return m->people[e->index].deputy_for.target;
    if (e->kind == SV_KIND_ROLE)
        return m->roles[e->index].deputy_for.target;
    return SV_NONE;
}

void sv_rule_deputy_missing(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    /* per top-level party: the body that last gave it a seat / a deputy */
    uint32_t *seated = malloc((m->element_count ? m->element_count : 1) * sizeof *seated);
    uint32_t *deputy = malloc((m->element_count ? m->element_count : 1) * sizeof *deputy);
    if (!seated || !deputy) {
        free(seated);
        free(deputy);
        rc->failed = true;
        return;
    }
    for (sv_id el = 0; el < m->element_count; el++)
        seated[el] = deputy[el] = UINT32_MAX;
    for (uint32_t b = 0; b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        if (!body->has_deputies || body->level != SV_LEVEL_DECISION)
            continue;
        for (uint32_t i = 0; i < body->deputies.count; i++) {
            sv_id d = body->deputies.items[i].target;
            sv_id top = sv_model_top_party(m, d);
            if (top != SV_NONE)
                deputy[top] = b;
            /* a personal ersättare stands in for its member's party,
             * whichever party it comes from itself */
            sv_id for_top = sv_model_top_party(m, deputy_for(m, d));
            if (for_top != SV_NONE)
                deputy[for_top] = b;
        }
        /* in the order of the members, each party once */
        for (uint32_t i = 0; i < body->members.count; i++) {
            sv_id top = sv_model_top_party(m, body->members.items[i].target);
            if (top == SV_NONE || seated[top] == b)
                continue;
            seated[top] = b;
            if (deputy[top] == b)
                continue;
            sv_pos pos = body->deputies.pos.line ? body->deputies.pos
                                                 : m->elements[body->el].pos;
            sv_finding *f = sv_rule_emit(
                rc, body->el, pos,
                _("'%s' names deputies, but none for '%s', which has a seat in it: when its "
                  "member cannot come, the party has no voice in the decision; name a deputy "
                  "from '%s' in 'deputies'"),
                sv_rule_name(rc, body->el), sv_rule_name(rc, top), sv_rule_name(rc, top));
            sv_rule_relate(f, top, m->elements[top].pos);
        }
    }
    free(seated);
    free(deputy);
}

/* The party a person or role sits for: a role's party, a person's own
 * party or that of its first role. */
static sv_id holder_party(const sv_model *m, sv_id el)
{
    const sv_element *e = &m->elements[el];
    if (e->kind == SV_KIND_ROLE)
        return m->roles[e->index].party.target;
    if (e->kind != SV_KIND_PERSON)
        return SV_NONE;
    const sv_person *p = &m->people[e->index];
    if (p->party.target != SV_NONE)
        return p->party.target;
    if (p->roles.count && p->roles.items[0].target != SV_NONE)
        return m->roles[m->elements[p->roles.items[0].target].index].party.target;
    return SV_NONE;
}

static sv_elected elected_of(const sv_model *m, sv_id el)
{
    const sv_element *e = &m->elements[el];
    if (e->kind == SV_KIND_ROLE)
        return m->roles[e->index].elected;
    if (e->kind == SV_KIND_PERSON)
        return m->people[e->index].elected;
    return SV_ELECTED_UNKNOWN;
}

/* Municipalities and regions appoint förtroendevalda to a Finsam board
 * (lag (2003:1210) om finansiell samordning); the state's agencies
 * appoint officials. */
static bool appoints_elected(const sv_model *m, sv_id party)
{
    if (party == SV_NONE)
        return false;
    sv_party_kind kind = m->parties[m->elements[party].index].kind;
    if (kind == SV_PARTY_MUNICIPALITY || kind == SV_PARTY_REGION || kind == SV_PARTY_COMMITTEE)
        return true;
    sv_id top = sv_model_top_party(m, party);
    sv_party_kind top_kind = m->parties[m->elements[top].index].kind;
    return top_kind == SV_PARTY_MUNICIPALITY || top_kind == SV_PARTY_REGION;
}

void sv_rule_board_member_not_elected(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    if (m->agreement.kind != SV_AGREEMENT_FINSAM)
        return;
    for (uint32_t b = 0; b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        if (body->kind != SV_BODY_BOARD || body->level != SV_LEVEL_DECISION)
            continue;
        for (uint32_t i = 0; i < body->members.count; i++) {
            sv_id member = body->members.items[i].target;
            if (member == SV_NONE || elected_of(m, member) != SV_ELECTED_NO)
                continue;
            sv_id party = holder_party(m, member);
            if (!appoints_elected(m, party))
                continue;
            sv_finding *f = sv_rule_emit(
                rc, body->el, body->members.items[i].pos,
                _("'%s' sits on the board '%s' for '%s' but is not elected (elected: false): in "
                  "a samordningsförbund, municipalities and regions are represented on the "
                  "board by förtroendevalda; appoint an elected member"),
                sv_rule_name(rc, member), sv_rule_name(rc, body->el), sv_rule_name(rc, party));
            sv_rule_relate(f, member, m->elements[member].pos);
        }
    }
}

void sv_rule_votes_unequal(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    uint32_t *seats = calloc(m->element_count ? m->element_count : 1, sizeof *seats);
    sv_id *tops = malloc((m->element_count ? m->element_count : 1) * sizeof *tops);
    if (!seats || !tops) {
        free(seats);
        free(tops);
        rc->failed = true;
        return;
    }
    for (uint32_t b = 0; b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        if (body->votes != SV_VOTES_PER_MEMBER)
            continue;
        uint32_t distinct = 0;
        for (uint32_t i = 0; i < body->members.count; i++) {
            sv_id top = sv_model_top_party(m, body->members.items[i].target);
            if (top == SV_NONE)
                continue;
            if (seats[top]++ == 0)
                tops[distinct++] = top;
        }
        /* the first party with the most and the first with the fewest seats */
        sv_id most = SV_NONE, fewest = SV_NONE;
        for (uint32_t i = 0; i < distinct; i++) {
            if (most == SV_NONE || seats[tops[i]] > seats[most])
                most = tops[i];
            if (fewest == SV_NONE || seats[tops[i]] < seats[fewest])
                fewest = tops[i];
        }
        if (distinct >= 2 && seats[most] - seats[fewest] > 1) {
            sv_finding *f = sv_rule_emit(
                rc, body->el, body->votes_pos,
                _("'%s' votes per member, and '%s' has %u seats where '%s' has %u: the party "
                  "with more seats outvotes the other; give the parties equal seats or one vote "
                  "per party"),
                sv_rule_name(rc, body->el), sv_rule_name(rc, most), seats[most], sv_rule_name(rc, fewest),
                seats[fewest]);
            sv_rule_relate(f, most, m->elements[most].pos);
            sv_rule_relate(f, fewest, m->elements[fewest].pos);
        }
        for (uint32_t i = 0; i < distinct; i++)
            seats[tops[i]] = 0;
    }
    free(seats);
    free(tops);
}

static void check_scope(sv_rule_ctx *rc, sv_id el, const sv_delegation *d)
{
    if (!d->present || d->scope)
        return;
    const sv_model *m = rc->model;
    if (d->from.target != SV_NONE) {
        sv_finding *f = sv_rule_emit(
            rc, el, d->pos,
            _("'%s' decides on behalf of '%s', but the delegation does not say on what: write "
              "the matters it covers in 'scope'"),
            sv_rule_name(rc, el), sv_rule_name(rc, d->from.target));
        sv_rule_relate(f, d->from.target, m->elements[d->from.target].pos);
    } else {
        sv_rule_emit(rc, el, d->pos,
                     _("the delegation of '%s' does not say on what it decides: write the matters "
                       "it covers in 'scope'"),
                     sv_rule_name(rc, el));
    }
}

void sv_rule_mandate_without_scope(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t b = 0; b < m->body_count; b++)
        check_scope(rc, m->bodies[b].el, &m->bodies[b].delegation);
    for (uint32_t p = 0; p < m->person_count; p++)
        check_scope(rc, m->people[p].el, &m->people[p].delegation);
}
