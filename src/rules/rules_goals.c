/*
 * The goal and follow-up rules (audit questions 1 and 4): goals with an
 * owner, indicators with target values for the analysis year and measured
 * values before it, goals tied to the goal above them, results reported to
 * or by the owner, and feedback coming back down to whoever reports up.
 * The two reporting rules look flows up through indexes built once per
 * run (flows by the goal they cover, flows by the body that sends them),
 * so that they stay linear in the number of flows.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"
#include "util/i18n.h"

static const sv_element *element_of(const sv_model *m, sv_id el)
{
    return &m->elements[el];
}

void sv_rule_goal_without_owner(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t g = 0; g < m->goal_count; g++)
        if (m->goals[g].owner.target == SV_NONE)
            sv_rule_emit(rc, m->goals[g].el, element_of(m, m->goals[g].el)->pos,
                         _("goal '%s' has no owner: name the party or body that answers for it "
                           "with 'owner'"),
                         sv_rule_name(rc, m->goals[g].el));
}

void sv_rule_goal_without_indicator(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t g = 0; g < m->goal_count; g++)
        if (m->goals[g].indicator_count == 0)
            sv_rule_emit(rc, m->goals[g].el, element_of(m, m->goals[g].el)->pos,
                         _("goal '%s' has no indicator: without one, nobody can tell whether it "
                           "is met; add 'indicators' with a unit and target values"),
                         sv_rule_name(rc, m->goals[g].el));
}

static bool has_year(const sv_year_value *values, uint32_t count, int year, bool before)
{
    for (uint32_t i = 0; i < count; i++)
        if (before ? values[i].year < year : values[i].year == year)
            return true;
    return false;
}

void sv_rule_indicator_without_target(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->indicator_count; i++) {
        const sv_indicator *ind = &m->indicators[i];
        if (has_year(ind->targets, ind->target_count, rc->year, false))
            continue;
        sv_finding *f = sv_rule_emit(rc, ind->el, element_of(m, ind->el)->pos,
                                     _("indicator '%s' has no target value for %d (målvärde): "
                                       "add it under 'targets', so that the year can be "
                                       "evaluated"),
                                     sv_rule_name(rc, ind->el), rc->year);
        sv_id goal = m->goals[ind->goal].el;
        sv_rule_relate(f, goal, element_of(m, goal)->pos);
    }
}

void sv_rule_indicator_without_baseline(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->indicator_count; i++) {
        const sv_indicator *ind = &m->indicators[i];
        if (has_year(ind->baseline, ind->baseline_count, rc->year, true))
            continue;
        sv_rule_emit(rc, ind->el, element_of(m, ind->el)->pos,
                     _("indicator '%s' has no measured value for any year before %d: add one "
                       "under 'baseline', so that the target can be set against where things "
                       "stand"),
                     sv_rule_name(rc, ind->el), rc->year);
    }
}

void sv_rule_goal_not_linked(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t g = 0; g < m->goal_count; g++) {
        const sv_goal *goal = &m->goals[g];
        sv_id owner = goal->owner.target;
        if (goal->contributes_to.count || owner == SV_NONE ||
            element_of(m, owner)->kind != SV_KIND_PARTY)
            continue;
        sv_party_kind kind = m->parties[element_of(m, owner)->index].kind;
        if (kind != SV_PARTY_COMMITTEE && kind != SV_PARTY_DEPARTMENT && kind != SV_PARTY_UNIT)
            continue;
        sv_rule_emit(rc, goal->el, element_of(m, goal->el)->pos,
                     _("goal '%s' of '%s' contributes to no higher goal: say which goal above it "
                       "it serves with 'contributes_to'"),
                     sv_rule_name(rc, goal->el), sv_rule_name(rc, owner));
    }
}

/* el is `who`, or belongs to it: a unit of it, or a role or person of it
 * or of one of its units. */
static bool belongs_to(const sv_model *m, sv_id el, sv_id who)
{
    for (uint32_t hops = 0; el != SV_NONE && hops <= m->element_count; hops++) {
        if (el == who)
            return true;
        const sv_element *e = element_of(m, el);
        switch (e->kind) {
        case SV_KIND_PARTY:
            el = m->parties[e->index].part_of.target;
            break;
        case SV_KIND_ROLE:
            el = m->roles[e->index].party.target;
            break;
        case SV_KIND_PERSON: {
            const sv_person *p = &m->people[e->index];
            if (p->party.target == SV_NONE && p->roles.count)
                for (uint32_t r = 1; r < p->roles.count; r++)
                    if (belongs_to(m, p->roles.items[r].target, who))
                        return true;
            el = p->party.target != SV_NONE ? p->party.target
                                              : (p->roles.count ? p->roles.items[0].target : SV_NONE);
            break;
        }
        default:
            return false;
        }
    }
    return false;
}

/* Reporting flows grouped by a key (a goal, a sending body): the flows
 * of key k are flow[start[k] .. start[k + 1]), in file order. */
typedef struct flow_index {
    uint32_t *start;
    uint32_t *flow;
} flow_index;

static void flow_index_free(flow_index *ix)
{
    free(ix->start);
    free(ix->flow);
}

/* The goal a `covers` entry names, as a goal index, or UINT32_MAX (a
 * process, or nothing). */
static uint32_t covered_goal(const sv_model *m, sv_id el)
{
    return el != SV_NONE && element_of(m, el)->kind == SV_KIND_GOAL ? element_of(m, el)->index
                                                                    : UINT32_MAX;
}

/* The body that sends a flow, as a body index, or UINT32_MAX. */
static uint32_t sending_body(const sv_model *m, const sv_reporting *flow)
{
    sv_id el = flow->from.target;
    return el != SV_NONE && element_of(m, el)->kind == SV_KIND_BODY ? element_of(m, el)->index
                                                                   : UINT32_MAX;
}

/* Flows by the goals they cover (by_goal) or by their sending body: a
 * counting sort, two passes over the flows. Returns -1 when out of memory. */
static int flow_index_build(flow_index *ix, const sv_model *m, bool by_goal)
{
    uint32_t keys = by_goal ? m->goal_count : m->body_count;
    size_t entries = 0;
    for (uint32_t r = 0; r < m->reporting_count; r++)
        entries += by_goal ? m->reporting[r].covers.count : 1;
    ix->start = calloc((size_t)keys + 2, sizeof *ix->start);
    ix->flow = malloc((entries ? entries : 1) * sizeof *ix->flow);
    uint32_t *fill = malloc(((size_t)keys + 1) * sizeof *fill);
    if (!ix->start || !ix->flow || !fill) {
        free(fill);
        flow_index_free(ix);
        return -1;
    }
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            for (uint32_t k = 0; k < keys; k++)
                ix->start[k + 1] += ix->start[k];
            memcpy(fill, ix->start, ((size_t)keys + 1) * sizeof *fill);
        }
        for (uint32_t r = 0; r < m->reporting_count; r++) {
            const sv_reporting *flow = &m->reporting[r];
            uint32_t n = by_goal ? flow->covers.count : 1;
            for (uint32_t k = 0; k < n; k++) {
                uint32_t key = by_goal ? covered_goal(m, flow->covers.items[k].target)
                                       : sending_body(m, flow);
                if (key == UINT32_MAX)
                    continue;
                if (pass == 0)
                    ix->start[key + 1]++;
                else
                    ix->flow[fill[key]++] = r;
            }
        }
    }
    free(fill);
    return 0;
}

void sv_rule_results_not_reported(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    /* the sources do not show the flows (agreement.unknown): a goal
     * without one is not known to go unreported */
    if (m->agreement.unknown & (1u << SV_UNKNOWN_REPORTING))
        return;
    flow_index covering;
    if (flow_index_build(&covering, m, true) != 0) {
        rc->failed = true;
        return;
    }
    for (uint32_t g = 0; g < m->goal_count; g++) {
        const sv_goal *goal = &m->goals[g];
        sv_id owner = goal->owner.target;
        if (owner == SV_NONE)
            continue; /* goal-without-owner says it */
        bool reported = false;
        /* only the flows that cover the goal */
        for (uint32_t i = covering.start[g]; i < covering.start[g + 1] && !reported; i++) {
            const sv_reporting *flow = &m->reporting[covering.flow[i]];
            reported = belongs_to(m, flow->from.target, owner);
            for (uint32_t k = 0; k < flow->to.count && !reported; k++)
                reported = belongs_to(m, flow->to.items[k].target, owner);
        }
        if (reported)
            continue;
        sv_finding *f = sv_rule_emit(rc, goal->el, element_of(m, goal->el)->pos,
                                     _("no reporting flow covering goal '%s' reaches or leaves its "
                                       "owner '%s': add one with 'covers: [%s]' sent to or by "
                                       "the owner"),
                                     sv_rule_name(rc, goal->el), sv_rule_name(rc, owner),
                                     sv_rule_id(rc, goal->el));
        sv_rule_relate(f, owner, element_of(m, owner)->pos);
    }
    flow_index_free(&covering);
}

/* The body that `el` is, or SV_NONE. */
static const sv_body *as_body(const sv_model *m, sv_id el)
{
    return el != SV_NONE && element_of(m, el)->kind == SV_KIND_BODY ? &m->bodies[element_of(m, el)->index]
                                                                   : NULL;
}

/* Does a flow from `body` or from a body it reports to (directly or not)
 * reach `sender` or a party the sender is part of? `sent` holds the flows
 * by sending body. */
static bool feedback_reaches(const sv_model *m, const flow_index *sent, const sv_body *body,
                             sv_id sender)
{
    for (uint32_t hops = 0; body && hops <= m->body_count; hops++) {
        uint32_t b = element_of(m, body->el)->index;
        for (uint32_t i = sent->start[b]; i < sent->start[b + 1]; i++) {
            const sv_reporting *flow = &m->reporting[sent->flow[i]];
            for (uint32_t k = 0; k < flow->to.count; k++)
                if (belongs_to(m, sender, flow->to.items[k].target) ||
                    flow->to.items[k].target == sender)
                    return true;
        }
        body = as_body(m, body->reports_to.target);
    }
    return false;
}

/* Are the top-level parties of all of `sender`'s members (at least one)
 * stamped with `gen`? The callers stamp the parties an answer reaches, so
 * that a check costs the seats and flows involved, not their product. */
static bool member_parties_stamped(const sv_model *m, const sv_body *sender, const uint32_t *stamp,
                                   uint32_t gen)
{
    uint32_t parties = 0;
    for (uint32_t i = 0; i < sender->members.count; i++) {
        sv_id top = sv_model_top_party(m, sender->members.items[i].target);
        if (top == SV_NONE)
            continue; /* a body as member belongs to no party */
        if (stamp[top] != gen)
            return false;
        parties++;
    }
    return parties > 0;
}

/* Do the top-level parties of all of `sender`'s members sit in the
 * decision body `board` (as a member or its chair)? Then each of them
 * hears the board's answer through its own seat there, and the body gets
 * its feedback through its members. `stamp` (one per element) with the
 * fresh value `gen` marks the board's parties. */
static bool members_sit_in(const sv_model *m, const sv_body *sender, const sv_body *board,
                           uint32_t *stamp, uint32_t gen)
{
    for (uint32_t i = 0; i <= board->members.count; i++) {
        sv_id h = i < board->members.count ? board->members.items[i].target : board->chair.target;
        sv_id top = sv_model_top_party(m, h);
        if (top != SV_NONE)
            stamp[top] = gen;
    }
    return member_parties_stamped(m, sender, stamp, gen);
}

/* Does a flow from `receiver` (or a body above it) go to every top-level
 * party among `sender`'s members? A members' forum that gives the board
 * guidelines hears back through the annual report each member gets
 * (docs/real-agreements.md, Roslagen). Marks with `gen` as members_sit_in. */
static bool feedback_reaches_members(const sv_model *m, const flow_index *sent,
                                     const sv_body *receiver, const sv_body *sender,
                                     uint32_t *stamp, uint32_t gen)
{
    const sv_body *body = receiver;
    for (uint32_t hops = 0; body && hops <= m->body_count; hops++) {
        uint32_t b = element_of(m, body->el)->index;
        for (uint32_t i = sent->start[b]; i < sent->start[b + 1]; i++) {
            const sv_reporting *flow = &m->reporting[sent->flow[i]];
            for (uint32_t k = 0; k < flow->to.count; k++) {
                sv_id top = sv_model_top_party(m, flow->to.items[k].target);
                if (top != SV_NONE)
                    stamp[top] = gen;
            }
        }
        body = as_body(m, body->reports_to.target);
    }
    return member_parties_stamped(m, sender, stamp, gen);
}

void sv_rule_feedback_gap(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    flow_index sent;
    if (flow_index_build(&sent, m, false) != 0) {
        rc->failed = true;
        return;
    }
    uint32_t *stamp = calloc(m->element_count ? m->element_count : 1, sizeof *stamp);
    uint32_t gen = 0;
    if (!stamp) {
        flow_index_free(&sent);
        rc->failed = true;
        return;
    }
    for (uint32_t r = 0; r < m->reporting_count; r++) {
        const sv_reporting *flow = &m->reporting[r];
        sv_id sender = flow->from.target;
        const sv_body *sender_body = as_body(m, sender);
        for (uint32_t k = 0; k < flow->to.count; k++) {
            const sv_body *receiver = as_body(m, flow->to.items[k].target);
            if (!receiver || receiver->level > SV_LEVEL_STRATEGIC)
                continue;
            /* a report down or across (a board to its members) needs no answer */
            if (sender_body && sender_body->level <= receiver->level)
                continue;
            /* a body whose members' parties all sit in the board it reports
             * to gets the board's answer through them */
            if (sender_body && receiver->level == SV_LEVEL_DECISION &&
                members_sit_in(m, sender_body, receiver, stamp, ++gen))
                continue;
            if (feedback_reaches(m, &sent, receiver, sender))
                continue;
            if (sender_body && feedback_reaches_members(m, &sent, receiver, sender_body, stamp, ++gen))
                continue;
            sv_finding *f = sv_rule_emit(
                rc, flow->el, flow->to.items[k].pos,
                _("'%s' reports to '%s', but no reporting flow from '%s' (or a body above it) comes "
                  "back to '%s': add the feedback (återkoppling) as a flow in 'reporting'"),
                sv_rule_name(rc, sender), sv_rule_name(rc, receiver->el), sv_rule_name(rc, receiver->el),
                sv_rule_name(rc, sender));
            sv_rule_relate(f, receiver->el, element_of(m, receiver->el)->pos);
            sv_rule_relate(f, sender, flow->from.pos);
        }
    }
    free(stamp);
    flow_index_free(&sent);
}
