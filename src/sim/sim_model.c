/*
 * Simulating the service points of a model (sv_sim_model in
 * samverkan/sim.h): checks that each has the facts a simulation needs and
 * that the whole stays within the event limit, runs each as a queue, and
 * finds the target of each outcome share.
 *
 * The target of an outcome is taken from a goal's indicator when one is
 * linked to the service point: an indicator of a goal that a reporting flow
 * from the service point's body covers, or that the body owns, whose id is
 * the outcome's label or ends in "-" and the label (ind-torg-arbete for
 * arbete), with a target for the analysis year (else the latest earlier
 * one); a value in percent (unit "percent" or "%") is divided by 100.
 * Without one, the target is the model's own share for the outcome.
 *
 * A service point that a scenario's merge made draws its people from the
 * streams of its parts, each with the share of the arrivals it brought
 * (sv_merge.part_arrivals), so that the merged torg sees the people of the
 * torg it was made of.
 */
#include "samverkan/sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static bool id_names_label(const char *id, const char *label)
{
    size_t n = strlen(id), k = strlen(label);
    if (n == k)
        return strcmp(id, label) == 0;
    return n > k && id[n - k - 1] == '-' && strcmp(id + n - k, label) == 0;
}

static bool indicator_target(const sv_indicator *ind, int year, double *out)
{
    const sv_year_value *best = NULL;
    for (uint32_t i = 0; i < ind->target_count; i++) {
        const sv_year_value *t = &ind->targets[i];
        if (t->year <= year && (!best || t->year > best->year))
            best = t;
    }
    if (!best)
        return false;
    double v = best->value;
    if (ind->unit && (strcmp(ind->unit, "percent") == 0 || strcmp(ind->unit, "%") == 0))
        v /= 100;
    if (!(v >= 0 && v <= 1))
        return false;
    *out = v;
    return true;
}

static bool goal_target(const sv_model *m, uint32_t goal, const char *label, int year,
                        double *value, const char **from)
{
    const sv_goal *g = &m->goals[goal];
    for (uint32_t i = 0; i < g->indicator_count; i++) {
        const sv_indicator *ind = &m->indicators[g->first_indicator + i];
        const char *id = m->elements[ind->el].id;
        if (id && id_names_label(id, label) && indicator_target(ind, year, value)) {
            *from = id;
            return true;
        }
    }
    return false;
}

/* The reporting flows sent by each body and the goals each body owns, in
 * model order: looking them up per service point and outcome by scanning
 * every flow and goal made a national model (58,570 service points)
 * quadratic. Indexed by element id, as compressed rows. */
typedef struct body_index {
    uint32_t *rep_start, *reps;   /* flows of body b: reps[rep_start[b] .. rep_start[b + 1]) */
    uint32_t *goal_start, *goals; /* goals of body b, likewise */
} body_index;

static void body_index_free(body_index *ix)
{
    free(ix->rep_start);
    free(ix->reps);
    free(ix->goal_start);
    free(ix->goals);
}

/* Counting sort of `count` items by the body `key_of` gives each. */
static int rows_by_body(const sv_model *m, uint32_t count, sv_id (*key_of)(const sv_model *, uint32_t),
                        uint32_t **start_out, uint32_t **items_out)
{
    uint32_t n = m->element_count;
    uint32_t *start = calloc((size_t)n + 2, sizeof *start);
    uint32_t *items = malloc((count ? count : 1) * sizeof *items);
    if (!start || !items) {
        free(start);
        free(items);
        return -1;
    }
    for (uint32_t i = 0; i < count; i++) {
        sv_id b = key_of(m, i);
        if (b < n)
            start[b + 2]++;
    }
    for (uint32_t b = 0; b < n; b++)
        start[b + 2] += start[b + 1];
    for (uint32_t i = 0; i < count; i++) {
        sv_id b = key_of(m, i);
        if (b < n)
            items[start[b + 1]++] = i;
    }
    *start_out = start;
    *items_out = items;
    return 0;
}

static sv_id sender_of(const sv_model *m, uint32_t r) { return m->reporting[r].from.target; }
static sv_id owner_of(const sv_model *m, uint32_t g) { return m->goals[g].owner.target; }

static int body_index_build(body_index *ix, const sv_model *m)
{
    *ix = (body_index){0};
    if (rows_by_body(m, m->reporting_count, sender_of, &ix->rep_start, &ix->reps) != 0 ||
        rows_by_body(m, m->goal_count, owner_of, &ix->goal_start, &ix->goals) != 0) {
        body_index_free(ix);
        return -1;
    }
    return 0;
}

/* The target of `label` at the service point of body `body`; false when no
 * linked indicator names it. The flows the body sends come first (the goals
 * they cover), then the goals it owns. */
static bool linked_target(const sv_model *m, const body_index *ix, sv_id body, const char *label,
                          double *value, const char **from)
{
    if (body >= m->element_count)
        return false;
    int year = m->agreement.year;
    for (uint32_t k = ix->rep_start[body]; k < ix->rep_start[body + 1]; k++) {
        const sv_reporting *rep = &m->reporting[ix->reps[k]];
        for (uint32_t i = 0; i < rep->covers.count; i++) {
            sv_id el = rep->covers.items[i].target;
            if (el < m->element_count && m->elements[el].kind == SV_KIND_GOAL &&
                goal_target(m, m->elements[el].index, label, year, value, from))
                return true;
        }
    }
    for (uint32_t k = ix->goal_start[body]; k < ix->goal_start[body + 1]; k++)
        if (goal_target(m, ix->goals[k], label, year, value, from))
            return true;
    return false;
}

static const char *point_name(const sv_model *m, const sv_service_point *sp)
{
    return sp->at.target < m->element_count ? m->elements[sp->at.target].id : "?";
}

static sv_queue queue_of(const sv_model *m, const sv_service_point *sp)
{
    return (sv_queue){
        .name = point_name(m, sp),
        .arrivals_per_month = sp->arrivals_per_month,
        .slots = sp->slots,
        .caseload = sp->caseload,
        .intake_days = sv_cadence_days(sp->intake),
        .duration = sp->duration,
        .outcomes = sp->outcomes,
        .outcome_count = sp->outcome_count,
    };
}

/* ---- the sources of merged service points ---- */

/* The merges by what they made, for bsearch: the latest merge into a name
 * is the one that made the point of that name. */
typedef struct merge_entry {
    const char *into;
    uint32_t index;
} merge_entry;

static int by_into(const void *a, const void *b)
{
    const merge_entry *x = a, *y = b;
    int c = strcmp(x->into, y->into);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int by_into_only(const void *a, const void *b)
{
    return strcmp(((const merge_entry *)a)->into, ((const merge_entry *)b)->into);
}

/* The latest merge before `before` that made `name`, or -1. */
static int64_t merge_of(const merge_entry *ix, uint32_t n, const char *name, uint32_t before)
{
    merge_entry key = {name, 0};
    const merge_entry *hit = n ? bsearch(&key, ix, n, sizeof *ix, by_into_only) : NULL;
    if (!hit)
        return -1;
    while (hit > ix && strcmp(hit[-1].into, name) == 0)
        hit--;
    int64_t best = -1;
    for (; hit < ix + n && strcmp(hit->into, name) == 0; hit++)
        if (hit->index < before)
            best = hit->index;
    return best;
}

/* Appends the sources of merge i, each part's share of `weight` by the
 * arrivals it brought (equal shares when none is known), a part that an
 * earlier merge made by that merge's parts in turn. With out NULL only
 * counts them. */
static size_t expand_merge(const sv_model *m, const merge_entry *ix, uint32_t i, double weight,
                           sv_sim_source *out)
{
    const sv_merge *mg = &m->merges[i];
    double total = 0;
    for (uint32_t p = 0; p < mg->part_count; p++)
        total += mg->part_arrivals && mg->part_arrivals[p] > 0 ? mg->part_arrivals[p] : 0;
    size_t n = 0;
    for (uint32_t p = 0; p < mg->part_count; p++) {
        double a = mg->part_arrivals && mg->part_arrivals[p] > 0 ? mg->part_arrivals[p] : 0;
        double share = weight * (total > 0 ? a / total : 1.0 / mg->part_count);
        if (total > 0 && !(a > 0))
            continue; /* a part without a service point brings nobody */
        int64_t earlier = merge_of(ix, m->merge_count, mg->parts[p], i);
        if (earlier >= 0) {
            n += expand_merge(m, ix, (uint32_t)earlier, share, out ? out + n : NULL);
        } else {
            if (out)
                out[n] = (sv_sim_source){.name = mg->parts[p], .share = share};
            n++;
        }
    }
    return n;
}

/* Gives each merged queue of the model its parts as sources (the rest
 * keep none: each is its own), held in *store. */
static int attach_sources(sv_queue *qs, uint32_t count, const sv_model *m, sv_sim_source **store)
{
    if (!m->merge_count)
        return 0;
    merge_entry *ix = malloc(m->merge_count * sizeof *ix);
    int64_t *made = calloc(count ? count : 1, sizeof *made);
    if (!ix || !made) {
        free(ix);
        free(made);
        return -1;
    }
    for (uint32_t i = 0; i < m->merge_count; i++)
        ix[i] = (merge_entry){m->merges[i].into, i};
    qsort(ix, m->merge_count, sizeof *ix, by_into);
    size_t total = 0;
    for (uint32_t k = 0; k < count; k++) {
        const char *name = qs[k].name;
        made[k] = name ? merge_of(ix, m->merge_count, name, m->merge_count) : -1;
        if (made[k] >= 0)
            total += expand_merge(m, ix, (uint32_t)made[k], 1, NULL);
    }
    sv_sim_source *sources = *store = calloc(total ? total : 1, sizeof *sources);
    if (!sources) {
        free(ix);
        free(made);
        return -1;
    }
    size_t at = 0;
    for (uint32_t k = 0; k < count; k++)
        if (made[k] >= 0) {
            size_t n = expand_merge(m, ix, (uint32_t)made[k], 1, sources + at);
            qs[k].sources = sources + at;
            qs[k].source_count = (uint32_t)n;
            at += n;
        }
    free(ix);
    free(made);
    return 0;
}

int sv_sim_model(sv_sim_result **out, const sv_model *model, const sv_sim_options *given,
                 sv_diags *diags)
{
    *out = NULL;
    if (sv_sim_options_check(given, diags) != 0)
        return -1;
    /* the budget is checked with the usual run length where it is to be
     * chosen; sv_sim_choose keeps each queue's choice within it */
    sv_sim_options budget = *given;
    if (budget.warmup == SV_SIM_CHOOSE)
        budget.warmup = 6;
    if (budget.runs == SV_SIM_CHOOSE)
        budget.runs = 200;
    const sv_sim_options *options = &budget;
    if (model->service_point_count == 0) {
        /* an empty table would read as "nothing to worry about" */
        sv_diags_add(diags, "sim-no-service-points",
                     (sv_pos){model->source ? model->source->path : NULL, 1, 1}, "%s",
                     _("the model has no service points to simulate: give the queues in "
                       "'service_points' (at, arrivals_per_month, slots, intake, duration)"));
        return -1;
    }
    bool ok = true;
    double total = 0;
    for (uint32_t i = 0; i < model->service_point_count; i++) {
        const sv_service_point *sp = &model->service_points[i];
        const char *name = point_name(model, sp);
        if (!(sp->arrivals_per_month > 0)) {
            sv_diags_add(diags, "sim-incomplete", sp->pos,
                         _("service point '%s' has no 'arrivals_per_month' and cannot be simulated"),
                         name);
            ok = false;
        }
        if (sp->slots < 1) {
            sv_diags_add(diags, "sim-incomplete", sp->pos,
                         _("service point '%s' has no 'slots' and cannot be simulated"), name);
            ok = false;
        }
        if (!sp->has_duration) {
            sv_diags_add(diags, "sim-incomplete", sp->pos,
                         _("service point '%s' has no 'duration' and cannot be simulated"), name);
            ok = false;
        }
        if (ok) {
            sv_queue q = queue_of(model, sp);
            double per_run = sv_sim_expected_events(&q, options);
            total += per_run * options->runs;
            if (per_run > SV_SIM_MAX_RUN_EVENTS) {
                sv_diags_add(diags, "sim-too-large", sp->pos,
                             _("one run of service point '%s' would take about %.3g events (at "
                               "most %.3g): lower --months or the arrivals"),
                             name, per_run, SV_SIM_MAX_RUN_EVENTS);
                ok = false;
            }
        }
    }
    double limit = options->max_events > 0 ? options->max_events : SV_SIM_MAX_EVENTS;
    if (ok && total > limit) {
        sv_diags_add(diags, "sim-too-large",
                     model->source ? (sv_pos){.file = model->source->path, .line = 0, .col = 0}
                                   : (sv_pos){0},
                     _("the simulation would take about %.3g events (at most %.3g): lower --runs "
                       "or --months"),
                     total, limit);
        ok = false;
    }
    if (!ok)
        return -1;
    sv_sim_result *res = calloc(1, sizeof *res);
    if (!res)
        return -1;
    res->options = *given;
    res->points = calloc(model->service_point_count ? model->service_point_count : 1,
                         sizeof *res->points);
    if (!res->points) {
        free(res);
        return -1;
    }
    body_index ix;
    sv_queue *qs = malloc(model->service_point_count * sizeof *qs);
    for (uint32_t i = 0; qs && i < model->service_point_count; i++)
        qs[i] = queue_of(model, &model->service_points[i]);
    if (!qs || attach_sources(qs, model->service_point_count, model, &res->sources) != 0 ||
        body_index_build(&ix, model) != 0) {
        free(qs);
        sv_sim_result_free(res);
        return -1;
    }
    /* each point is checked against the whole budget already */
    sv_sim_options each = *given;
    /* each point is checked against the whole budget already; what it may
     * spend on choosing its run length is its share of the budget */
    double whole = given->max_events > 0 ? given->max_events : SV_SIM_MAX_EVENTS;
    each.max_events = model->service_point_count ? whole / model->service_point_count : whole;
    for (uint32_t i = 0; i < model->service_point_count; i++) {
        const sv_service_point *sp = &model->service_points[i];
        sv_sim_point *p = &res->points[i];
        if (sv_sim_queue(p, &qs[i], &each, diags) != 0) {
            free(qs);
            body_index_free(&ix);
            sv_sim_result_free(res);
            return -1;
        }
        res->point_count++;
        p->pos = sp->pos;
        res->events += p->events;
        for (uint32_t k = 0; k < sp->outcome_count; k++) {
            double v;
            const char *from;
            if (linked_target(model, &ix, sp->at.target, sp->outcomes[k].label, &v, &from)) {
                p->outcome_target[k] = v;
                p->outcome_target_from[k] = from;
            }
        }
    }
    free(qs);
    body_index_free(&ix);
    *out = res;
    return 0;
}

void sv_sim_result_free(sv_sim_result *result)
{
    if (!result)
        return;
    for (uint32_t i = 0; i < result->point_count; i++)
        sv_sim_point_free(&result->points[i]);
    free(result->points);
    free(result->sources);
    free(result);
}
