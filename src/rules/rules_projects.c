/*
 * The rules of the format 1.1 keys of Group B: the money of the agreement
 * (agreement.funding: shares that do not add up; a Finsam agreement whose
 * split is not the law's half, quarter and quarter), projects and insatser
 * without owner, evaluation or steering group, and bodies whose period has
 * ended. Each fires only where its key is used, so that a model without
 * these keys keeps exactly its findings. See docs/rules.md.
 */
#include <math.h>
#include <stdio.h>

#include "rules/rules_internal.h"
#include "util/i18n.h"

#define PERCENT_TOLERANCE 0.01

/* An element named by its name, or its id when it has none. */
static sv_pos shares_pos(const sv_model *m)
{
    const sv_funding *f = &m->agreement.funding;
    return f->shares_pos.line ? f->shares_pos : f->pos;
}

void sv_rule_funding_shares_do_not_sum(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    const sv_funding *f = &m->agreement.funding;
    if (!f->present || f->share_count == 0)
        return;
    double sum = 0;
    for (uint32_t i = 0; i < f->share_count; i++)
        sum += f->shares[i].percent;
    if (fabs(sum - 100) <= PERCENT_TOLERANCE)
        return;
    sv_rule_emit(rc, m->agreement.el, shares_pos(m),
                 _("the funding shares of '%s' add up to %g %%, not 100 %%: every krona of the "
                   "agreement must come from one of the parties"),
                 sv_rule_name(rc, m->agreement.el), sum);
}

void sv_rule_funding_breaks_finsam(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    const sv_funding *f = &m->agreement.funding;
    if (!sv_agreement_is_finsam(m) || !f->present || f->share_count == 0)
        return;
    /* shares that do not add up are funding-shares-do-not-sum's: the cause
     * is reported once */
    double sum = 0;
    for (uint32_t i = 0; i < f->share_count; i++)
        sum += f->shares[i].percent;
    if (fabs(sum - 100) > PERCENT_TOLERANCE)
        return;
    /* by the kind of each share's top-level party: the state's agencies,
     * the region(s), the municipalities; anything else pays outside the law */
    double state = 0, region = 0, municipalities = 0, others = 0;
    for (uint32_t i = 0; i < f->share_count; i++) {
        sv_id top = sv_model_top_party(m, f->shares[i].party.target);
        sv_party_kind kind = top == SV_NONE ? SV_PARTY_OTHER : m->parties[m->elements[top].index].kind;
        double p = f->shares[i].percent;
        if (kind == SV_PARTY_AGENCY)
            state += p;
        else if (kind == SV_PARTY_REGION)
            region += p;
        else if (kind == SV_PARTY_MUNICIPALITY)
            municipalities += p;
        else
            others += p;
    }
    if (fabs(state - 50) <= PERCENT_TOLERANCE && fabs(region - 25) <= PERCENT_TOLERANCE &&
        fabs(municipalities - 25) <= PERCENT_TOLERANCE && others <= PERCENT_TOLERANCE)
        return;
    sv_finding *found = sv_rule_emit(
        rc, m->agreement.el, shares_pos(m),
        _("'%s' is a Finsam agreement, but its funding is %g %% from the state's agencies, %g %% "
          "from the region and %g %% from the municipalities (%g %% from others); the law "
          "(2003:1210, 5 §) has the state pay half and the region and the municipalities a "
          "quarter each"),
        sv_rule_name(rc, m->agreement.el), state, region, municipalities, others);
    if (found && m->agreement.kind_pos.line)
        sv_rule_relate(found, m->agreement.el, m->agreement.kind_pos);
}

void sv_rule_project_without_owner(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->project_count; i++) {
        const sv_project *p = &m->projects[i];
        if (p->owner.target != SV_NONE)
            continue;
        sv_rule_emit(rc, p->el, m->elements[p->el].pos,
                     _("the project '%s' has no owner: name the party that runs it and answers "
                       "for it with 'owner'"),
                     sv_rule_name(rc, p->el));
    }
}

void sv_rule_project_without_evaluation(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->project_count; i++) {
        const sv_project *p = &m->projects[i];
        if (p->has_evaluation)
            continue;
        if (p->period_to.year && p->period_to.year < rc->year)
            sv_rule_emit(rc, p->el, m->elements[p->el].pos,
                         _("the project '%s' ended in %d and names no evaluation: what it "
                           "achieved cannot be followed up; add 'evaluation' with who "
                           "evaluated it"),
                         sv_rule_name(rc, p->el), p->period_to.year);
        else
            sv_rule_emit(rc, p->el, m->elements[p->el].pos,
                         _("the project '%s' names no evaluation: add 'evaluation' with the party "
                           "or body that evaluates it and when"),
                         sv_rule_name(rc, p->el));
    }
}

void sv_rule_project_without_steering(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->project_count; i++) {
        const sv_project *p = &m->projects[i];
        if (p->steering_group.target != SV_NONE)
            continue;
        sv_rule_emit(rc, p->el, m->elements[p->el].pos,
                     _("the project '%s' has no steering group: name the body that steers it "
                       "with 'steering_group'"),
                     sv_rule_name(rc, p->el));
    }
}

void sv_rule_body_after_its_period(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t b = 0; b < m->body_count; b++) {
        if (!sv_body_ended(m, b, rc->year))
            continue;
        const sv_body *body = &m->bodies[b];
        char to[16];
        snprintf(to, sizeof to, "%04d-%02d-%02d", body->period_to.year, body->period_to.month,
                 body->period_to.day);
        sv_rule_emit(rc, body->el, body->period_pos,
                     _("the body '%s' existed until %s, before the analysis year %d: the "
                       "structural rules skip it; remove it or give its new period"),
                     sv_rule_name(rc, body->el), to, rc->year);
    }
}
