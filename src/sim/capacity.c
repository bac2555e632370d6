/*
 * Capacity planning (samverkan/sim.h): the smallest number of slots of a
 * service point that meets a target on the wait (`simulate --target`).
 *
 * Erlang C answers it exactly where it applies (exponential stays,
 * continuous intake): its mean wait, and its wait distribution
 * P(W > t) = C e^{-(c mu - lambda) t}, fall as slots are added, so the
 * first count that meets the target, counting up from the first stable
 * one, is the answer. Elsewhere (intake meetings, lognormal or gamma
 * stays) there is no formula, and the simulation decides: a bisection on
 * the slots between a count known to fall short and one known to meet the
 * target, each count simulated as `simulate` would (fixed seed, warm-up by
 * MSER-5, runs for the precision) and judged on its 95 % interval. Where
 * Erlang C applies, its answer is the first guess and the simulation
 * confirms it (it and one slot fewer are simulated); a disagreement is
 * settled by the simulation's bisection. Where the model gives the
 * caseload (participants one person carries), the staff is the slots over
 * it, rounded up.
 */
#include "samverkan/sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

enum { MAX_SLOTS = 100000, RETRY_FACTOR = 4 };

int sv_sim_target_parse(sv_sim_target *out, const char *text)
{
    static const struct {
        const char *name;
        sv_sim_target_kind kind;
    } kinds[] = {{"wait=", SV_SIM_TARGET_WAIT},
                 {"lead=", SV_SIM_TARGET_LEAD},
                 {"p90=", SV_SIM_TARGET_P90},
                 {"share-over=", SV_SIM_TARGET_SHARE_OVER}};
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t n = strlen(kinds[i].name);
        if (strncmp(text, kinds[i].name, n) != 0)
            continue;
        out->kind = kinds[i].kind;
        char *end;
        double v = strtod(text + n, &end);
        if (end == text + n || !isfinite(v) || v <= 0)
            return -1;
        double unit = *end == 'd' ? 1 : *end == 'w' ? 7 : *end == 'm' ? SV_DAYS_PER_MONTH : 0;
        if (!unit)
            return -1;
        out->days = v * unit;
        end++;
        if (out->kind != SV_SIM_TARGET_SHARE_OVER)
            return *end ? -1 : 0;
        if (*end != ':')
            return -1;
        char *pct;
        double share = strtod(end + 1, &pct);
        if (pct == end + 1 || *pct != '%' || pct[1] || !(share > 0) || !(share < 100))
            return -1;
        out->share = share / 100;
        return 0;
    }
    return -1;
}

/* The figure the target is about and its limit: a time in days, or for a
 * share over, the share. */
static double limit_of(const sv_sim_target *t)
{
    return t->kind == SV_SIM_TARGET_SHARE_OVER ? t->share : t->days;
}

static bool erlang_c_applies(const sv_queue *q)
{
    return q->duration.dist == SV_DIST_EXPONENTIAL && q->intake_days == 0;
}

/* Erlang C's value of the target's measure at c slots; NaN when unstable. */
static double erlang_c_value(const sv_queue *q, const sv_sim_target *t, int c)
{
    double lambda = q->arrivals_per_month / SV_DAYS_PER_MONTH, mu = 1 / q->duration.mean_days;
    sv_sim_analytic a;
    if (!sv_sim_erlang_c(&a, lambda, mu, c))
        return NAN;
    double rate = c * mu - lambda; /* P(W > t) = C e^{-rate t} */
    switch (t->kind) {
    case SV_SIM_TARGET_WAIT:
    case SV_SIM_TARGET_LEAD: return a.wait_mean;
    case SV_SIM_TARGET_P90: return a.p_wait <= 0.1 ? 0 : log(a.p_wait / 0.1) / rate;
    case SV_SIM_TARGET_SHARE_OVER: return a.p_wait * exp(-rate * t->days);
    }
    return NAN;
}

/* The first count with a load below 1. */
static int first_stable(const sv_queue *q)
{
    double lambda = q->arrivals_per_month / SV_DAYS_PER_MONTH;
    double needed = lambda * (q->duration.mean_days + q->intake_days / 2);
    int c = (int)floor(needed) + 1;
    return c < 1 ? 1 : c;
}

int sv_sim_erlang_c_slots(const sv_queue *q, const sv_sim_target *t)
{
    if (!erlang_c_applies(q))
        return -1;
    for (int c = first_stable(q); c <= MAX_SLOTS; c++) {
        double v = erlang_c_value(q, t, c);
        if (isfinite(v) && v <= limit_of(t))
            return c;
    }
    return -1;
}

static const sv_sim_stat *measure_of(const sv_sim_point *p, const sv_sim_target *t)
{
    switch (t->kind) {
    case SV_SIM_TARGET_WAIT: return &p->wait;
    case SV_SIM_TARGET_LEAD: return &p->lead;
    case SV_SIM_TARGET_P90: return &p->wait_p90;
    case SV_SIM_TARGET_SHARE_OVER: return &p->share_over;
    }
    return &p->wait;
}

/* One count simulated and judged. */
typedef struct verdict {
    bool meets, close;
    double value, lo, hi;
} verdict;

static int judge(verdict *v, const sv_queue *base, int slots, const sv_sim_target *t,
                 const sv_sim_options *o, sv_diags *diags, int *simulations)
{
    sv_queue q = *base;
    q.slots = slots;
    sv_sim_options opt = *o;
    opt.keep_runs = false;
    opt.trace = false;
    opt.over_days = t->kind == SV_SIM_TARGET_SHARE_OVER ? t->days : 0;
    sv_sim_point p;
    if (sv_sim_queue(&p, &q, &opt, diags) != 0)
        return -1;
    ++*simulations;
    double limit = limit_of(t);
    const sv_sim_stat *s = measure_of(&p, t);
    *v = (verdict){.value = s->mean, .lo = s->lo, .hi = s->hi};
    if (sv_sim_point_state(&p) != SV_SIM_STEADY) {
        v->meets = false; /* its figures are not those of a long run */
    } else if (v->hi <= limit || v->lo > limit) {
        v->meets = v->hi <= limit;
    } else if ((int)p.run_count * RETRY_FACTOR <= SV_SIM_MAX_CHOSEN_RUNS) {
        /* across the target: again with the same warm-up and more runs */
        opt.as_given = true;
        opt.warmup = p.warmup;
        opt.runs = (int)p.run_count * RETRY_FACTOR;
        sv_sim_point_free(&p);
        if (sv_sim_queue(&p, &q, &opt, diags) != 0)
            return -1;
        ++*simulations;
        s = measure_of(&p, t);
        *v = (verdict){.value = s->mean, .lo = s->lo, .hi = s->hi};
        v->close = !(v->hi <= limit || v->lo > limit);
        v->meets = v->close ? v->value <= limit : v->hi <= limit;
    } else {
        v->close = true;
        v->meets = v->value <= limit;
    }
    sv_sim_point_free(&p);
    return 0;
}

/* What the search knows: the largest count known to fall short, the
 * smallest known to meet the target (-1: none yet) and their figures. */
typedef struct bracket {
    int fail, meet;
    verdict best;
    double value_fail;
} bracket;

/* Judges `slots` and narrows the bracket by the verdict: 0, or -1 with a
 * diagnostic. */
static int try_slots(bracket *b, verdict *v, const sv_queue *q, int slots, const sv_sim_target *t,
                     const sv_sim_options *o, sv_diags *diags, int *simulations)
{
    if (judge(v, q, slots, t, o, diags, simulations) != 0)
        return -1;
    if (v->meets) {
        b->meet = slots;
        b->best = *v;
    } else {
        b->fail = slots;
        b->value_fail = v->value;
    }
    return 0;
}

int sv_sim_plan_queue(sv_sim_plan *out, const sv_queue *q, const sv_sim_target *t,
                      const sv_sim_options *o, sv_diags *diags)
{
    memset(out, 0, sizeof *out);
    out->name = q->name;
    out->slots_now = q->slots;
    out->slots = -1;
    out->value = out->lo = out->hi = out->value_below = out->value_now = NAN;
    out->erlang_c_slots = sv_sim_erlang_c_slots(q, t);
    out->caseload = q->caseload;
    out->staff_now = sv_sim_staff(q->slots, q->caseload);
    out->staff = -1;
    out->erlang_c_staff = sv_sim_staff(out->erlang_c_slots, q->caseload);
    /* unstable below first_stable: falls short, never simulated */
    bracket b = {.fail = first_stable(q) - 1, .meet = -1, .value_fail = NAN};
    verdict v;
    int *n = &out->simulations;
    if (q->slots > b.fail) {
        if (try_slots(&b, &v, q, q->slots, t, o, diags, n) != 0)
            return -1;
        out->value_now = v.value;
    }
    int guess = out->erlang_c_slots;
    if (guess > b.fail && (b.meet < 0 || guess < b.meet)) {
        if (try_slots(&b, &v, q, guess, t, o, diags, n) != 0)
            return -1;
        /* the confirmation: one slot fewer falls short */
        if (v.meets && guess - 1 > b.fail && try_slots(&b, &v, q, guess - 1, t, o, diags, n) != 0)
            return -1;
    }
    /* no count known to meet it: grow the margin over the last failure */
    for (int step = 1; b.meet < 0; step *= 2) {
        int c = b.fail + step;
        if (c > MAX_SLOTS)
            return 0;
        if (try_slots(&b, &v, q, c, t, o, diags, n) != 0)
            return -1;
    }
    while (b.meet - b.fail > 1)
        if (try_slots(&b, &v, q, b.fail + (b.meet - b.fail) / 2, t, o, diags, n) != 0)
            return -1;
    out->slots = b.meet;
    out->value = b.best.value;
    out->lo = b.best.lo;
    out->hi = b.best.hi;
    out->close = b.best.close;
    out->value_below = b.value_fail;
    out->staff = sv_sim_staff(out->slots, q->caseload);
    return 0;
}

int sv_sim_staff(int slots, int caseload)
{
    if (slots < 1 || caseload < 1)
        return -1;
    return slots / caseload + (slots % caseload != 0);
}

int sv_sim_plan_result(sv_sim_plan **plans, const sv_sim_result *r, const sv_sim_target *t,
                       const sv_sim_options *o, sv_diags *diags)
{
    *plans = calloc(r->point_count ? r->point_count : 1, sizeof **plans);
    if (!*plans) {
        sv_diags_add(diags, "sim-failed", (sv_pos){0}, _("out of memory while planning capacity"));
        return -1;
    }
    for (uint32_t k = 0; k < r->point_count; k++)
        if (sv_sim_plan_queue(&(*plans)[k], &r->points[k].queue, t, o, diags) != 0) {
            free(*plans);
            *plans = NULL;
            return -1;
        }
    return 0;
}
