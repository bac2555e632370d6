/*
 * The conclusion of a scenario's simulation (sv_sim_conclude in
 * samverkan/sim.h): for each service point of the base, its mean wait and
 * lead time before and after — after at the same service point, or at the
 * one a merge made of it — with the 95 % interval of the difference, and
 * the same over all service points, each weighted by its arrivals.
 *
 * The means are pooled ratio estimators (sum of waits over admissions,
 * src/sim/sim.c), so their differences are worked out on the runs'
 * linearised residuals (S_r − R N_r) / mean N, the delta method the
 * intervals of the table use. The random streams follow the people, not
 * the place that serves them: each source of arrivals (a service point of
 * the base, or each part of a merged one) has its own streams of arrival
 * times, stays and outcomes (src/sim/sim.c), so run r of the base and run
 * r of the scenario see the same people arrive at the same times with the
 * same needs. A point of the base and the one it went to that share a
 * source and have the same number of runs (sv_sim_align_runs sees to
 * that) are paired run by run: common random numbers, whose positive
 * correlation narrows the interval of the difference, with Student's t on
 * runs − 1 degrees of freedom. Otherwise the two samples are independent
 * and Welch's t with Satterthwaite's degrees of freedom is used. Over all
 * points, the points linked by shared sources (a merge and its parts) make
 * one paired term each; points in no link are independent terms.
 *
 * Only steady states are compared: a queue that grows without bound or
 * that does not settle within the horizon has figures that depend on the
 * length of the run, so a difference to them would mislead.
 */
#include "samverkan/sim.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

sv_sim_state sv_sim_point_state(const sv_sim_point *p)
{
    if (p->unstable)
        return SV_SIM_UNSTABLE;
    if (p->choice.measured && !p->choice.settled)
        return SV_SIM_AT_CAPACITY;
    return SV_SIM_STEADY;
}

double sv_sim_slots_missing(const sv_queue *q)
{
    double lambda = q->arrivals_per_month / SV_DAYS_PER_MONTH;
    double needed = lambda * (q->duration.mean_days + q->intake_days / 2);
    return needed > q->slots ? needed - q->slots : 0;
}

/* A name and what it stands for, sorted by name for bsearch: the points of
 * the scenario by id, and each part of a merge with the id it became, so
 * that finding where each base point went is O(n log n), not a scan per
 * point (a national model has hundreds of service points). */
typedef struct named {
    const char *name;
    const void *what;
    size_t order; /* to keep the first of equal names */
} named;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

static int by_name_and_order(const void *a, const void *b)
{
    int c = by_name(a, b);
    size_t x = ((const named *)a)->order, y = ((const named *)b)->order;
    return c ? c : (x > y) - (x < y);
}

/* Sorts and keeps the first entry of each name. */
static size_t sort_unique(named *v, size_t n)
{
    qsort(v, n, sizeof *v, by_name_and_order);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!kept || strcmp(v[kept - 1].name, v[i].name) != 0)
            v[kept++] = v[i];
    return kept;
}

static const void *lookup(const named *index, size_t n, const char *name)
{
    named key = {name, NULL, 0};
    const named *hit = n ? bsearch(&key, index, n, sizeof *index, by_name) : NULL;
    return hit ? hit->what : NULL;
}

typedef struct successors {
    named *points, *parts;
    size_t point_count, part_count, merge_count;
} successors;

static int successors_init(successors *s, const sv_sim_result *after, const sv_model *m)
{
    memset(s, 0, sizeof *s);
    size_t parts = 0;
    for (uint32_t i = 0; m && i < m->merge_count; i++)
        parts += m->merges[i].part_count;
    s->points = calloc(after->point_count ? after->point_count : 1, sizeof *s->points);
    s->parts = calloc(parts ? parts : 1, sizeof *s->parts);
    if (!s->points || !s->parts)
        return -1;
    for (uint32_t k = 0; k < after->point_count; k++) {
        const sv_sim_point *p = &after->points[k];
        if (p->queue.name) {
            s->points[s->point_count] = (named){p->queue.name, p, s->point_count};
            s->point_count++;
        }
    }
    for (uint32_t i = 0; m && i < m->merge_count; i++)
        for (uint32_t j = 0; j < m->merges[i].part_count; j++) {
            s->parts[s->part_count] = (named){m->merges[i].parts[j], m->merges[i].into, s->part_count};
            s->part_count++;
        }
    /* ids are unique, and a part is gone once merged; should a name come
       twice all the same, the first (the model's order, the earlier merge)
       is the one kept */
    s->point_count = sort_unique(s->points, s->point_count);
    s->part_count = sort_unique(s->parts, s->part_count);
    s->merge_count = m ? m->merge_count : 0;
    return 0;
}

static void successors_free(successors *s)
{
    free(s->points);
    free(s->parts);
}

/* The point of `after` that `name` became: itself, or what the merges
 * made of it, followed through merges of merges (at most one step a
 * merge, so a chain ends). */
static const sv_sim_point *successor(const successors *s, const char *name, bool *merged)
{
    *merged = false;
    for (size_t step = 0; name && step <= s->merge_count; step++) {
        const sv_sim_point *p = lookup(s->points, s->point_count, name);
        if (p)
            return p;
        name = lookup(s->parts, s->part_count, name);
        *merged = true;
    }
    return NULL;
}

/* The field of the sums (wait_sum or lead_sum) of run r. */
static double run_sum(const sv_sim_run *run, size_t offset)
{
    double v;
    memcpy(&v, (const char *)run + offset, sizeof v);
    return v;
}

/* Run r's linearised residual of the pooled mean `ratio`. */
static double residual(const sv_sim_point *p, size_t r, size_t offset, double ratio,
                       double mean_count)
{
    const sv_sim_run *run = &p->runs[r];
    return (run_sum(run, offset) - ratio * (double)run->admissions) / mean_count;
}

static double mean_admissions(const sv_sim_point *p)
{
    double n = 0;
    for (uint32_t r = 0; r < p->run_count; r++)
        n += (double)p->runs[r].admissions;
    return n / p->run_count;
}

/* One independent term of a variance: v with its degrees of freedom. */
typedef struct term {
    double v, df;
} term;

static sv_sim_difference difference_of(double before, double after, const term *terms, size_t n)
{
    sv_sim_difference d = {.before = before, .after = after, .diff = after - before,
                           .pairing = SV_SIM_WELCH};
    double v = 0, den = 0;
    for (size_t i = 0; i < n; i++) {
        v += terms[i].v;
        if (terms[i].df > 0)
            den += terms[i].v * terms[i].v / terms[i].df;
    }
    if (d.diff == 0 && v == 0) {
        /* the same figures run for run (no one waits on either side) */
        d.available = true;
        d.lo = d.hi = 0;
        d.df = NAN;
        return d;
    }
    if (!isfinite(d.diff) || !isfinite(v) || !(den > 0)) {
        d.lo = d.hi = d.df = NAN;
        return d;
    }
    d.available = true;
    d.df = v * v / den;
    /* Student's t at the Satterthwaite degrees of freedom, rounded down */
    double half = sv_sim_t975((uint32_t)(d.df < 1 ? 1 : d.df)) * sqrt(v);
    d.lo = d.diff - half;
    d.hi = d.diff + half;
    d.significant = d.lo > 0 || d.hi < 0;
    return d;
}

/* The variance of a point's mean (its standard error squared). */
static term own_term(const sv_sim_stat *s, double weight)
{
    if (s->n < 2 || !isfinite(s->sd))
        return (term){NAN, 0};
    double se = weight * s->sd / sqrt((double)s->n);
    return (term){se * se, s->n - 1.0};
}

/* The variance of weight_a × mean_a − weight_b × mean_b over paired runs. */
static term paired_term(const sv_sim_point *a, const sv_sim_point *b, size_t offset,
                        const sv_sim_stat *sa, const sv_sim_stat *sb, double wa, double wb)
{
    uint32_t n = a->run_count;
    double na = mean_admissions(a), nb = mean_admissions(b);
    if (n < 2 || !(na > 0) || !(nb > 0))
        return (term){NAN, 0};
    double mean = 0, m2 = 0;
    for (uint32_t r = 0; r < n; r++) {
        double d = wa * residual(a, r, offset, sa->mean, na) - wb * residual(b, r, offset, sb->mean, nb);
        double delta = d - mean;
        mean += delta / (r + 1);
        m2 += delta * (d - mean);
    }
    return (term){m2 / (n - 1) / n, n - 1.0};
}

/* The name of source k of a point (a point without sources is its own). */
static const char *source_name(const sv_sim_point *p, uint32_t k)
{
    return p->queue.source_count ? p->queue.sources[k].name : p->queue.name;
}

static uint32_t source_count(const sv_sim_point *p)
{
    return p->queue.source_count ? p->queue.source_count : 1;
}

/* Every (source name, point) of a result, sorted by name: *out, or NULL
 * when out of memory. */
static size_t index_sources(named **out, const sv_sim_result *r)
{
    size_t n = 0;
    for (uint32_t k = 0; k < r->point_count; k++)
        n += source_count(&r->points[k]);
    named *v = *out = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return 0;
    n = 0;
    for (uint32_t k = 0; k < r->point_count; k++) {
        const sv_sim_point *p = &r->points[k];
        for (uint32_t j = 0; j < source_count(p); j++)
            if (source_name(p, j)) {
                v[n] = (named){source_name(p, j), p, n};
                n++;
            }
    }
    qsort(v, n, sizeof *v, by_name_and_order);
    return n;
}

/* Whether b, a point of the result whose sources `index` holds
 * (index_sources), shares a source with a: each of a's looked up there,
 * so that a merge of thousands of parts is not gone through once a part. */
static bool share_a_source(const sv_sim_point *a, const sv_sim_point *b, const named *index,
                           size_t n)
{
    for (uint32_t i = 0; i < source_count(a); i++) {
        named key = {source_name(a, i), NULL, 0};
        const named *hit = key.name && n ? bsearch(&key, index, n, sizeof *index, by_name) : NULL;
        if (!hit)
            continue;
        while (hit > index && strcmp(hit[-1].name, key.name) == 0)
            hit--;
        for (; hit < index + n && strcmp(hit->name, key.name) == 0; hit++)
            if (hit->what == b)
                return true;
    }
    return false;
}

static bool has_runs(const sv_sim_point *p)
{
    return p->runs && p->run_count > 1 && mean_admissions(p) > 0;
}

/* Whether a of the base and b of the scenario (whose sources `index`
 * holds) can be paired run by run. */
static bool pairable(const sv_sim_point *a, const sv_sim_point *b, const named *index, size_t n)
{
    return a && b && has_runs(a) && has_runs(b) && a->run_count == b->run_count &&
           share_a_source(a, b, index, n);
}

/* ---- points linked by their sources ---- */

static size_t find_root(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* parent[] over `count` nodes, each point of each input one node (input
 * i's points from first[i]), joined where two points share a source: the
 * sort of every (source, node) pair puts those of a name together, so the
 * linking is O(n log n). */
static int link_by_sources(size_t *parent, const sv_sim_result *const *inputs, size_t input_count,
                           const size_t *first, size_t count)
{
    size_t pairs = 0;
    for (size_t i = 0; i < input_count; i++)
        for (uint32_t k = 0; k < inputs[i]->point_count; k++)
            pairs += source_count(&inputs[i]->points[k]);
    named *v = calloc(pairs ? pairs : 1, sizeof *v);
    if (!v)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < input_count; i++)
        for (uint32_t k = 0; k < inputs[i]->point_count; k++) {
            const sv_sim_point *p = &inputs[i]->points[k];
            for (uint32_t j = 0; j < source_count(p); j++)
                if (source_name(p, j)) {
                    v[n] = (named){source_name(p, j), NULL, first[i] + k};
                    n++;
                }
        }
    for (size_t x = 0; x < count; x++)
        parent[x] = x;
    qsort(v, n, sizeof *v, by_name_and_order);
    for (size_t x = 1; x < n; x++)
        if (strcmp(v[x - 1].name, v[x].name) == 0) {
            size_t a = find_root(parent, v[x - 1].order), b = find_root(parent, v[x].order);
            if (a != b)
                parent[a < b ? b : a] = a < b ? a : b;
        }
    free(v);
    return 0;
}

static sv_sim_difference group_difference(const sv_sim_group *g, size_t offset,
                                          const sv_sim_stat *before, const sv_sim_stat *after)
{
    if (g->pairing == SV_SIM_PAIRED) {
        term t = paired_term(g->after, g->before, offset, after, before, 1, 1);
        sv_sim_difference d = difference_of(before->mean, after->mean, &t, 1);
        d.pairing = SV_SIM_PAIRED;
        return d;
    }
    term t[2] = {own_term(before, 1), own_term(after, 1)};
    return difference_of(before->mean, after->mean, t, 2);
}

static int by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The point of a node: the base's nb points, then the scenario's. */
static const sv_sim_point *node_point(const sv_sim_result *const *side, size_t nb, size_t node)
{
    return node < nb ? &side[0]->points[node] : &side[1]->points[node - nb];
}

/* The variance term of the points order[from..to) (node % n; a node below
 * nb is of the base) of one component, paired run by run: the variance
 * over the runs of Σ_after w res(r) − Σ_before w res(r), over the runs.
 * df 0 when they cannot be paired (a point without runs, or other runs). */
static term component_term(const sv_sim_result *const *side, size_t nb, const size_t *order,
                           size_t from, size_t to, size_t n, size_t offset, const double *total,
                           bool lead)
{
    uint32_t runs = 0;
    for (size_t x = from; x < to; x++) {
        const sv_sim_point *p = node_point(side, nb, order[x] % n);
        if (!has_runs(p) || (runs && p->run_count != runs))
            return (term){NAN, 0};
        runs = p->run_count;
    }
    /* each member's weight (negative for the base) over its mean count */
    size_t members = to - from;
    double *coef = malloc(members * sizeof *coef);
    if (!coef)
        return (term){NAN, 0};
    for (size_t x = from; x < to; x++) {
        size_t node = order[x] % n;
        int s = node < nb ? 0 : 1;
        const sv_sim_point *p = node_point(side, nb, node);
        coef[x - from] = (s ? 1 : -1) * p->queue.arrivals_per_month / total[s] / mean_admissions(p);
    }
    double mean = 0, m2 = 0;
    for (uint32_t r = 0; r < runs; r++) {
        double dr = 0;
        for (size_t x = from; x < to; x++) {
            const sv_sim_point *p = node_point(side, nb, order[x] % n);
            const sv_sim_run *run = &p->runs[r];
            double ratio = (lead ? &p->lead : &p->wait)->mean;
            dr += coef[x - from] * (run_sum(run, offset) - ratio * (double)run->admissions);
        }
        double delta = dr - mean;
        mean += delta / (r + 1);
        m2 += delta * (dr - mean);
    }
    free(coef);
    return (term){m2 / (runs - 1) / runs, runs - 1.0};
}

/* Over all points: each input's arrival-weighted mean, the variance as a
 * sum of independent terms (the points linked by their sources make one,
 * paired run by run where they can be). */
static sv_sim_difference overall(const sv_sim_result *before, const sv_sim_result *after,
                                 bool lead)
{
    size_t offset = lead ? offsetof(sv_sim_run, lead_sum) : offsetof(sv_sim_run, wait_sum);
    double total[2] = {0, 0}, mean[2] = {0, 0};
    const sv_sim_result *side[2] = {before, after};
    for (int s = 0; s < 2; s++)
        for (uint32_t k = 0; k < side[s]->point_count; k++)
            total[s] += side[s]->points[k].queue.arrivals_per_month;
    size_t nb = before->point_count, n = nb + after->point_count, count = 0;
    term *terms = calloc(n ? n : 1, sizeof *terms);
    size_t *parent = calloc(n ? n : 1, sizeof *parent), *order = calloc(n ? n : 1, sizeof *order);
    size_t first[2] = {0, nb};
    sv_sim_difference d = {.before = NAN, .after = NAN, .diff = NAN, .lo = NAN, .hi = NAN, .df = NAN};
    if (!terms || !parent || !order || !(total[0] > 0) || !(total[1] > 0) ||
        link_by_sources(parent, side, 2, first, n) != 0) {
        free(terms);
        free(parent);
        free(order);
        return d;
    }
    for (int s = 0; s < 2; s++)
        for (uint32_t k = 0; k < side[s]->point_count; k++) {
            const sv_sim_point *p = &side[s]->points[k];
            const sv_sim_stat *st = lead ? &p->lead : &p->wait;
            mean[s] += p->queue.arrivals_per_month / total[s] * st->mean;
        }
    /* the nodes in order of their component, then each component's term */
    for (size_t x = 0; x < n; x++)
        order[x] = find_root(parent, x) * n + x;
    qsort(order, n, sizeof *order, by_size);
    bool paired_all = true, paired_any = false;
    for (size_t from = 0; from < n;) {
        size_t root = order[from] / n, to = from;
        while (to < n && order[to] / n == root)
            to++;
        /* a point linked to no other is an independent term: no paired
         * term is worked out for it */
        term t;
        bool paired = to - from > 1 &&
                      (t = component_term(side, nb, order, from, to, n, offset, total, lead)).df > 0;
        for (size_t x = from; x < to && !paired; x++) {
            size_t node = order[x] % n;
            const sv_sim_point *p = node_point(side, nb, node);
            terms[count++] = own_term(lead ? &p->lead : &p->wait,
                                      p->queue.arrivals_per_month / total[node < nb ? 0 : 1]);
        }
        if (paired)
            terms[count++] = t;
        paired_all &= paired;
        paired_any |= paired;
        from = to;
    }
    d = difference_of(mean[0], mean[1], terms, count);
    d.pairing = paired_all ? SV_SIM_PAIRED : paired_any ? SV_SIM_MIXED : SV_SIM_WELCH;
    free(terms);
    free(parent);
    free(order);
    return d;
}

int sv_sim_align_runs(sv_sim_result *const *results, size_t count, sv_diags *diags)
{
    size_t n = 0, *first = calloc(count ? count : 1, sizeof *first);
    if (!first)
        return -1;
    for (size_t i = 0; i < count; i++) {
        first[i] = n;
        n += results[i]->point_count;
    }
    size_t *parent = calloc(n ? n : 1, sizeof *parent);
    uint32_t *most = calloc(n ? n : 1, sizeof *most);
    int rc = -1;
    if (!parent || !most ||
        link_by_sources(parent, (const sv_sim_result *const *)results, count, first, n) != 0) {
        sv_diags_add(diags, "sim-failed", (sv_pos){0}, "%s", _("out of memory while simulating"));
        goto done;
    }
    /* an unstable point is not compared, and keeps its runs */
    for (size_t i = 0; i < count; i++)
        for (uint32_t k = 0; k < results[i]->point_count; k++) {
            const sv_sim_point *p = &results[i]->points[k];
            size_t root = find_root(parent, first[i] + k);
            if (p->runs && !p->unstable && p->run_count > most[root])
                most[root] = p->run_count;
        }
    for (size_t i = 0; i < count; i++)
        for (uint32_t k = 0; k < results[i]->point_count; k++) {
            sv_sim_point *p = &results[i]->points[k];
            uint32_t want = most[find_root(parent, first[i] + k)];
            if (p->runs && !p->unstable && p->run_count < want) {
                results[i]->events -= p->events;
                if (sv_sim_point_extend(p, want, &results[i]->options, diags) != 0)
                    goto done;
                results[i]->events += p->events;
            }
        }
    rc = 0;
done:
    free(first);
    free(parent);
    free(most);
    return rc;
}

int sv_sim_conclude(sv_sim_conclusion *out, const sv_sim_result *before,
                    const sv_sim_result *after, const sv_model *after_model)
{
    memset(out, 0, sizeof *out);
    out->groups = calloc(before->point_count ? before->point_count : 1, sizeof *out->groups);
    if (!out->groups)
        return -1;
    successors next;
    named *sources;
    size_t source_total = index_sources(&sources, after);
    if (successors_init(&next, after, after_model) != 0 || !sources) {
        successors_free(&next);
        free(sources);
        sv_sim_conclusion_free(out);
        return -1;
    }
    out->group_count = before->point_count;
    out->steady = true;
    for (uint32_t k = 0; k < before->point_count; k++) {
        sv_sim_group *g = &out->groups[k];
        g->before = &before->points[k];
        g->after = successor(&next, g->before->queue.name, &g->merged);
        g->state_before = sv_sim_point_state(g->before);
        g->pairing =
            pairable(g->before, g->after, sources, source_total) ? SV_SIM_PAIRED : SV_SIM_WELCH;
        out->any_paired |= g->pairing == SV_SIM_PAIRED;
        if (!g->after)
            continue;
        g->state_after = sv_sim_point_state(g->after);
        if (g->state_before == SV_SIM_STEADY && g->state_after == SV_SIM_STEADY) {
            g->wait = group_difference(g, offsetof(sv_sim_run, wait_sum), &g->before->wait, &g->after->wait);
            g->lead = group_difference(g, offsetof(sv_sim_run, lead_sum), &g->before->lead, &g->after->lead);
        }
    }
    const sv_sim_result *side[2] = {before, after};
    for (int s = 0; s < 2; s++)
        for (uint32_t k = 0; k < side[s]->point_count; k++) {
            out->steady &= sv_sim_point_state(&side[s]->points[k]) == SV_SIM_STEADY;
            out->unstable |= side[s]->points[k].unstable;
        }
    if (!out->unstable) {
        out->wait = overall(before, after, false);
        out->lead = overall(before, after, true);
    }
    successors_free(&next);
    free(sources);
    return 0;
}

void sv_sim_conclusion_free(sv_sim_conclusion *c)
{
    if (!c)
        return;
    free(c->groups);
    memset(c, 0, sizeof *c);
}
