/*
 * The goal and follow-up rules (audit questions 1 and 4): goals with an
 * owner, indicators with target values for the analysis year and measured
 * values before it, goals tied to the goal above them, results reported to
 * or by the owner, and feedback coming back down to whoever reports up.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"
#include "util/i18n.h"

static const sv_element *element_of(const sv_model *m, sv_id el)
{
    return &m->elements[el];
}

void rule_goal_without_owner(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t g = 0; g < m->goal_count; g++)
        if (m->goals[g].owner.target == SV_NONE)
            sv_rule_emit(rc, m->goals[g].el, element_of(m, m->goals[g].el)->pos,
                         _("goal '%s' has no owner: name the party or body that answers for it "
                           "with 'owner'"),
                         sv_rule_id(rc, m->goals[g].el));
}

void rule_goal_without_indicator(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t g = 0; g < m->goal_count; g++)
        if (m->goals[g].indicator_count == 0)
            sv_rule_emit(rc, m->goals[g].el, element_of(m, m->goals[g].el)->pos,
                         _("goal '%s' has no indicator: without one, nobody can tell whether it "
                           "is met; add 'indicators' with a unit and target values"),
                         sv_rule_id(rc, m->goals[g].el));
}

static bool has_year(const sv_year_value *values, uint32_t count, int year, bool before)
{
    for (uint32_t i = 0; i < count; i++)
        if (before ? values[i].year < year : values[i].year == year)
            return true;
    return false;
}

void rule_indicator_without_target(sv_rule_ctx *rc)
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
                                     sv_rule_id(rc, ind->el), rc->year);
        sv_id goal = m->goals[ind->goal].el;
        sv_rule_relate(f, goal, element_of(m, goal)->pos);
    }
}

void rule_indicator_without_baseline(sv_rule_ctx *rc)
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
                     sv_rule_id(rc, ind->el), rc->year);
    }
}

void rule_goal_not_linked(sv_rule_ctx *rc)
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
                     sv_rule_id(rc, goal->el), sv_rule_id(rc, owner));
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

void rule_results_not_reported(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t g = 0; g < m->goal_count; g++) {
        const sv_goal *goal = &m->goals[g];
        sv_id owner = goal->owner.target;
        if (owner == SV_NONE)
            continue; /* goal-without-owner says it */
        bool reported = false;
        for (uint32_t r = 0; r < m->reporting_count && !reported; r++) {
            const sv_reporting *flow = &m->reporting[r];
            bool covers = false;
            for (uint32_t k = 0; k < flow->covers.count && !covers; k++)
                covers = flow->covers.items[k].target == goal->el;
            if (!covers)
                continue;
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
                                     sv_rule_id(rc, goal->el), sv_rule_id(rc, owner),
                                     sv_rule_id(rc, goal->el));
        sv_rule_relate(f, owner, element_of(m, owner)->pos);
    }
}

/* The body that `el` is, or SV_NONE. */
static const sv_body *as_body(const sv_model *m, sv_id el)
{
    return el != SV_NONE && element_of(m, el)->kind == SV_KIND_BODY ? &m->bodies[element_of(m, el)->index]
                                                                   : NULL;
}

/* Does a flow from `body` or from a body it reports to (directly or not)
 * reach `sender` or a party the sender is part of? */
static bool feedback_reaches(const sv_model *m, const sv_body *body, sv_id sender)
{
    for (uint32_t hops = 0; body && hops <= m->body_count; hops++) {
        for (uint32_t r = 0; r < m->reporting_count; r++) {
            const sv_reporting *flow = &m->reporting[r];
            if (flow->from.target != body->el)
                continue;
            for (uint32_t k = 0; k < flow->to.count; k++)
                if (belongs_to(m, sender, flow->to.items[k].target) ||
                    flow->to.items[k].target == sender)
                    return true;
        }
        body = as_body(m, body->reports_to.target);
    }
    return false;
}

void rule_feedback_gap(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
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
            if (feedback_reaches(m, receiver, sender))
                continue;
            sv_finding *f = sv_rule_emit(
                rc, flow->el, flow->to.items[k].pos,
                _("'%s' reports to '%s', but no reporting flow from '%s' (or a body above it) comes "
                  "back to '%s': add the feedback (återkoppling) as a flow in 'reporting'"),
                sv_rule_id(rc, sender), sv_rule_id(rc, receiver->el), sv_rule_id(rc, receiver->el),
                sv_rule_id(rc, sender));
            sv_rule_relate(f, receiver->el, element_of(m, receiver->el)->pos);
            sv_rule_relate(f, sender, flow->from.pos);
        }
    }
}
