/*
 * The responsibility rules (audit questions 1 to 3: "vem gör vad och
 * när"): every step owned by exactly one accountable who takes part in
 * the process, a flow from start to end without gaps, shares that add
 * up, feedback after a hand-over, and follow-up after the end.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"
#include "util/i18n.h"

static const sv_step *step_at(const sv_model *m, uint32_t process, uint32_t local)
{
    return &m->steps[m->processes[process].first_step + local];
}

static const sv_element *element_of(const sv_model *m, sv_id el)
{
    return &m->elements[el];
}

/* The party of a step: the top-level party of its (first) accountable, of
 * its responsible when it has none; SV_NONE when that is a body or empty. */
static sv_id step_party(const sv_model *m, const sv_step *s)
{
    const sv_refs *who = s->accountable.count ? &s->accountable : &s->responsible;
    return who->count ? sv_model_top_party(m, who->items[0].target) : SV_NONE;
}

void sv_rule_step_without_accountable(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->step_count; i++) {
        const sv_step *s = &m->steps[i];
        if (s->accountable.count)
            continue;
        sv_rule_emit(rc, s->el, element_of(m, s->el)->pos,
                     _("step '%s' has no accountable: nobody answers for it; name the one party, "
                       "role or person who does with 'accountable'"),
                     sv_rule_name(rc, s->el));
    }
}

void sv_rule_step_multiple_accountable(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->step_count; i++) {
        const sv_step *s = &m->steps[i];
        if (s->accountable.count < 2)
            continue;
        sv_finding *f = sv_rule_emit(rc, s->el, s->accountable.pos,
                                     P_("step '%s' has %u accountables: when several answer for a "
                                        "step, nobody really does; keep one and make the others "
                                        "responsible or consulted",
                                        "step '%s' has %u accountables: when several answer for a "
                                        "step, nobody really does; keep one and make the others "
                                        "responsible or consulted",
                                        s->accountable.count),
                                     sv_rule_name(rc, s->el), s->accountable.count);
        for (uint32_t k = 0; k < s->accountable.count; k++)
            sv_rule_relate(f, s->accountable.items[k].target, s->accountable.items[k].pos);
    }
}

void sv_rule_step_without_responsible(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->step_count; i++) {
        const sv_step *s = &m->steps[i];
        if (s->responsible.count)
            continue;
        sv_rule_emit(rc, s->el, element_of(m, s->el)->pos,
                     _("step '%s' has nobody responsible: name who does the work with "
                       "'responsible'"),
                     sv_rule_name(rc, s->el));
    }
}

void sv_rule_accountable_outside_process(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    bool *present = calloc(m->element_count ? m->element_count : 1, sizeof *present);
    /* the parties marked for the process at hand, so that clearing them
     * costs what marking did, not a pass over all elements per process */
    sv_id *marked = malloc((m->element_count ? m->element_count : 1) * sizeof *marked);
    if (!present || !marked) {
        free(present);
        free(marked);
        rc->failed = true;
        return;
    }
    for (uint32_t p = 0; p < m->process_count; p++) {
        const sv_process *proc = &m->processes[p];
        if (proc->runs_at.count == 0)
            continue; /* nothing to compare with */
        uint32_t marked_count = 0;
        for (uint32_t b = 0; b < proc->runs_at.count; b++) {
            const sv_body *body = &m->bodies[element_of(m, proc->runs_at.items[b].target)->index];
            for (uint32_t k = 0; k < body->members.count; k++) {
                sv_id top = sv_model_top_party(m, body->members.items[k].target);
                if (top != SV_NONE && !present[top]) {
                    present[top] = true;
                    marked[marked_count++] = top;
                }
            }
        }
        for (uint32_t i = 0; i < proc->step_count; i++) {
            const sv_step *s = step_at(m, p, i);
            for (uint32_t k = 0; k < s->accountable.count; k++) {
                sv_id who = s->accountable.items[k].target;
                sv_id top = sv_model_top_party(m, who);
                if (top == SV_NONE || present[top])
                    continue; /* a body, or a party that takes part */
                sv_finding *f = sv_rule_emit(
                    rc, s->el, s->accountable.items[k].pos,
                    _("'%s' answers for step '%s', but its organisation '%s' sits in none of the "
                      "bodies where process '%s' runs; give it a seat there or let a party that "
                      "takes part answer"),
                    sv_rule_name(rc, who), sv_rule_name(rc, s->el), sv_rule_name(rc, top),
                    sv_rule_name(rc, proc->el));
                for (uint32_t b = 0; b < proc->runs_at.count; b++)
                    sv_rule_relate(f, proc->runs_at.items[b].target, proc->runs_at.items[b].pos);
            }
        }
        for (uint32_t i = 0; i < marked_count; i++)
            present[marked[i]] = false;
    }
    free(present);
    free(marked);
}

static bool has_step_kind(const sv_model *m, uint32_t p, sv_step_kind kind)
{
    for (uint32_t i = 0; i < m->processes[p].step_count; i++)
        if (step_at(m, p, i)->kind == kind)
            return true;
    return false;
}

void sv_rule_process_without_start(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t p = 0; p < m->process_count; p++)
        if (!has_step_kind(m, p, SV_STEP_START))
            sv_rule_emit(rc, m->processes[p].el, element_of(m, m->processes[p].el)->pos,
                         _("process '%s' has no start step: mark where it begins with 'kind: "
                           "start'"),
                         sv_rule_name(rc, m->processes[p].el));
}

void sv_rule_process_without_end(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t p = 0; p < m->process_count; p++)
        if (!has_step_kind(m, p, SV_STEP_END))
            sv_rule_emit(rc, m->processes[p].el, element_of(m, m->processes[p].el)->pos,
                         _("process '%s' has no end step: mark where it ends with 'kind: end'"),
                         sv_rule_name(rc, m->processes[p].el));
}

/* Marks the steps of process p reachable from any step of `kind`. */
static int reach_from_kind(sv_rule_ctx *rc, uint32_t p, sv_step_kind kind, bool *reached)
{
    const sv_graph *g = sv_rule_flow(rc, p);
    if (!g)
        return -1;
    for (uint32_t i = 0; i < rc->model->processes[p].step_count; i++)
        if (step_at(rc->model, p, i)->kind == kind && sv_rule_reach(rc, g, i, reached) != 0)
            return -1;
    return 0;
}

void sv_rule_unreachable_step(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t p = 0; p < m->process_count && !rc->failed; p++) {
        const sv_process *proc = &m->processes[p];
        if (!has_step_kind(m, p, SV_STEP_START))
            continue; /* process-without-start says it */
        bool *reached = calloc(proc->step_count ? proc->step_count : 1, sizeof *reached);
        if (!reached || reach_from_kind(rc, p, SV_STEP_START, reached) != 0) {
            free(reached);
            rc->failed = true;
            return;
        }
        for (uint32_t i = 0; i < proc->step_count; i++) {
            if (reached[i])
                continue;
            const sv_step *s = step_at(m, p, i);
            sv_rule_emit(rc, s->el, element_of(m, s->el)->pos,
                         _("no path from a start step of '%s' reaches step '%s': add it to the "
                           "'next' of the step before it, or remove it"),
                         sv_rule_name(rc, proc->el), sv_rule_name(rc, s->el));
        }
        free(reached);
    }
}

void sv_rule_dead_end_step(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->step_count; i++) {
        const sv_step *s = &m->steps[i];
        if (s->kind == SV_STEP_END || s->next_count)
            continue;
        sv_rule_emit(rc, s->el, element_of(m, s->el)->pos,
                     _("step '%s' leads nowhere: it is no end step and has no 'next'; say what "
                       "comes after it, or make it 'kind: end'"),
                     sv_rule_name(rc, s->el));
    }
}

void sv_rule_shares_do_not_sum(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->step_count; i++) {
        const sv_step *s = &m->steps[i];
        double sum = 0;
        bool any = false;
        for (uint32_t k = 0; k < s->next_count; k++) {
            if (s->next[k].has_share) {
                sum += s->next[k].share;
                any = true;
            }
        }
        if (!any || fabs(sum - 1.0) <= 0.001)
            continue;
        sv_rule_emit(rc, s->el, s->next[0].to.pos,
                     _("the shares of the ways out of step '%s' sum to %g, not 1: every 'next' "
                       "needs a share, and together they cover everyone"),
                     sv_rule_name(rc, s->el), sum);
    }
}

/* The top-level parties a step involves: its RACI. */
static bool step_involves(const sv_model *m, const sv_step *s, sv_id party)
{
    const sv_refs *lists[] = {&s->responsible, &s->accountable, &s->consulted, &s->informed};
    for (size_t l = 0; l < 4; l++)
        for (uint32_t k = 0; k < lists[l]->count; k++)
            if (sv_model_top_party(m, lists[l]->items[k].target) == party)
                return true;
    return false;
}

void sv_rule_handoff_without_feedback(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t p = 0; p < m->process_count && !rc->failed; p++) {
        const sv_process *proc = &m->processes[p];
        if (proc->about != SV_ABOUT_INDIVIDUAL)
            continue; /* the feedback asked for is on the individual's case */
        const sv_graph *g = sv_rule_flow(rc, p);
        bool *later = calloc(proc->step_count ? proc->step_count : 1, sizeof *later);
        /* one finding per pair of parties and process */
        sv_id *reported = calloc(2 * (size_t)proc->step_count + 2, sizeof *reported);
        size_t reported_count = 0;
        if (!g || !later || !reported) {
            free(later);
            free(reported);
            rc->failed = true;
            return;
        }
        for (uint32_t i = 0; i < proc->step_count && !rc->failed; i++) {
            const sv_step *s = step_at(m, p, i);
            sv_id from = step_party(m, s);
            for (uint32_t k = 0; k < s->next_count && from != SV_NONE; k++) {
                sv_id to_el = s->next[k].to.target;
                const sv_step *t = &m->steps[element_of(m, to_el)->index];
                sv_id to = step_party(m, t);
                if (to == SV_NONE || to == from)
                    continue;
                bool seen = false;
                for (size_t r = 0; r < reported_count && !seen; r += 2)
                    seen = reported[r] == from && reported[r + 1] == to;
                if (seen)
                    continue;
                /* a feedback step at or after t that involves the first party,
                 * or leads straight to a step of it */
                memset(later, 0, proc->step_count * sizeof *later);
                if (sv_rule_reach(rc, g, element_of(m, to_el)->index - proc->first_step, later) != 0)
                    break;
                bool answered = false;
                for (uint32_t j = 0; j < proc->step_count && !answered; j++) {
                    const sv_step *f = step_at(m, p, j);
                    if (!later[j] || f->kind != SV_STEP_FEEDBACK)
                        continue;
                    answered = step_involves(m, f, from);
                    for (uint32_t n = 0; n < f->next_count && !answered; n++)
                        answered = step_party(m, &m->steps[element_of(m, f->next[n].to.target)->index]) == from;
                }
                if (answered)
                    continue;
                reported[reported_count++] = from;
                reported[reported_count++] = to;
                sv_finding *fd = sv_rule_emit(
                    rc, s->el, s->next[k].to.pos,
                    _("the work passes from '%s' to '%s' after step '%s', and no later feedback "
                      "step goes back to '%s': add a step of 'kind: feedback' that tells it what "
                      "happened"),
                    sv_rule_name(rc, from), sv_rule_name(rc, to), sv_rule_name(rc, s->el),
                    sv_rule_name(rc, from));
                sv_rule_relate(fd, to_el, element_of(m, to_el)->pos);
            }
        }
        free(later);
        free(reported);
    }
}

void sv_rule_process_without_follow_up(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t p = 0; p < m->process_count; p++)
        if (m->processes[p].about == SV_ABOUT_INDIVIDUAL && !has_step_kind(m, p, SV_STEP_FOLLOW_UP))
            sv_rule_emit(rc, m->processes[p].el, element_of(m, m->processes[p].el)->pos,
                         _("process '%s' has no follow-up step: nobody checks how it went for the "
                           "individual; add a step of 'kind: follow-up'"),
                         sv_rule_name(rc, m->processes[p].el));
}

void sv_rule_no_follow_up_after_end(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t p = 0; p < m->process_count && !rc->failed; p++) {
        const sv_process *proc = &m->processes[p];
        /* a decision or preparation process has no individual to follow up */
        if (proc->about != SV_ABOUT_INDIVIDUAL || !has_step_kind(m, p, SV_STEP_FOLLOW_UP))
            continue; /* process-without-follow-up says more */
        const sv_graph *g = sv_rule_flow(rc, p);
        bool *after = calloc(proc->step_count ? proc->step_count : 1, sizeof *after);
        if (!g || !after) {
            free(after);
            rc->failed = true;
            return;
        }
        /* follow-up steps that come after some end step: an end that one of
         * them leads to closes that follow-up, and needs none of its own */
        bool *post_end = calloc(proc->step_count ? proc->step_count : 1, sizeof *post_end);
        if (!post_end) {
            free(after);
            rc->failed = true;
            return;
        }
        for (uint32_t i = 0; i < proc->step_count; i++) {
            if (step_at(m, p, i)->kind != SV_STEP_END)
                continue;
            memset(after, 0, proc->step_count * sizeof *after);
            if (sv_rule_reach(rc, g, i, after) != 0)
                break;
            for (uint32_t j = 0; j < proc->step_count; j++)
                post_end[j] = post_end[j] || (after[j] && j != i &&
                                              step_at(m, p, j)->kind == SV_STEP_FOLLOW_UP);
        }
        /* each end step from which no follow-up step can be reached */
        for (uint32_t i = 0; i < proc->step_count && !rc->failed; i++) {
            const sv_step *end = step_at(m, p, i);
            if (end->kind != SV_STEP_END)
                continue;
            memset(after, 0, proc->step_count * sizeof *after);
            if (sv_rule_reach(rc, g, i, after) != 0)
                break;
            bool followed = false;
            for (uint32_t j = 0; j < proc->step_count && !followed; j++)
                followed = after[j] && step_at(m, p, j)->kind == SV_STEP_FOLLOW_UP;
            if (followed)
                continue;
            bool closes_follow_up = false;
            for (uint32_t j = 0; j < proc->step_count && !closes_follow_up; j++) {
                const sv_step *s = step_at(m, p, j);
                for (uint32_t n = 0; n < s->next_count && !closes_follow_up && post_end[j]; n++)
                    closes_follow_up = s->next[n].to.target == end->el;
            }
            if (closes_follow_up)
                continue;
            sv_rule_emit(rc, end->el, element_of(m, end->el)->pos,
                         _("nothing follows up after step '%s' ends process '%s': nobody learns "
                           "what happened to the individual later; add a step of 'kind: "
                           "follow-up' after it (e.g. 'after_days: 180')"),
                         sv_rule_name(rc, end->el), sv_rule_name(rc, proc->el));
        }
        free(post_end);
        free(after);
    }
}

void sv_rule_cadence_mismatch(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->step_count; i++) {
        const sv_step *s = &m->steps[i];
        sv_id from = step_party(m, s);
        if (s->meets == SV_CADENCE_NONE || from == SV_NONE)
            continue;
        for (uint32_t k = 0; k < s->next_count; k++) {
            const sv_step *t = &m->steps[element_of(m, s->next[k].to.target)->index];
            sv_id to = step_party(m, t);
            if (t->meets == SV_CADENCE_NONE || to == SV_NONE || to == from || t->meets == s->meets)
                continue;
            sv_finding *f = sv_rule_emit(
                rc, s->el, s->next[k].to.pos,
                _("step '%s' is decided %s by '%s' and the next step '%s' %s by '%s': the "
                  "individual waits for the slower of the two; agree on a common rhythm"),
                sv_rule_name(rc, s->el), sv_cadence_name(s->meets), sv_rule_name(rc, from),
                sv_rule_name(rc, t->el), sv_cadence_name(t->meets), sv_rule_name(rc, to));
            sv_rule_relate(f, t->el, element_of(m, t->el)->pos);
        }
    }
}
