/*
 * Choosing the run length of a simulation from the data (sv_sim_choose in
 * samverkan/sim.h), so that a planner who gives no --warmup and no --runs
 * gets figures without the start's bias and with intervals narrow enough
 * to decide on.
 *
 * The warm-up: each queue is first run for a pilot of PILOT_RUNS
 * replications from the usual start (as many slots taken as the long run
 * holds, nobody waiting) over a long horizon, and MSER-5 (White 1997;
 * White, Cobb and Spratt 2000) is applied to the daily queue length
 * averaged over the pilot: the series is cut into batches of five days and
 * the truncation d that minimises the squared standard error of the mean
 * of what remains, sum_{k>=d} (b_k - mean_d)^2 / (K - d)^2, is the
 * warm-up, searched over the first half of the horizon. When the minimum
 * lies at the end of that half, the horizon is too short to show a steady
 * state and is doubled, up to SV_SIM_MAX_MONTHS; so it is when what
 * MSER-5 keeps still drifts (drifts()). Each queue gets its own warm-up:
 * a queue that settles in a month does not pay for one that takes decades.
 *
 * The runs: with that warm-up, a second pilot of PRECISION_PILOT_RUNS
 * replications gives each stable queue's 95 % half-widths of the mean wait
 * and the mean lead time; the runs needed to bring both within the
 * precision (a share of the mean, or SV_SIM_ABSOLUTE_PRECISION days when
 * that is larger) follow from the half-width shrinking as 1/sqrt(runs),
 * with a fifth added (and one more round when the result still falls short,
 * sv_sim_queue), at least the usual 200 and at most what the event
 * limit and SV_SIM_MAX_CHOSEN_RUNS allow. Unstable queues (load 1 or more) have no steady state and no mean
 * to make precise: they keep the usual warm-up of 6 months and 200 runs,
 * and so does a queue whose warm-up was not found (sv_sim_choice.settled
 * false): its means depend on the run length, which the report says.
 *
 * Everything is seeded as the simulation itself, so the choice is the same
 * on every machine and in every run.
 */
#include "samverkan/sim.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

enum {
    PILOT_RUNS = 200,
    PILOT_MONTHS = 120,
    BATCH_DAYS = 5,
    PRECISION_PILOT_RUNS = 100,
    DEFAULT_RUNS = 200,
    FALLBACK_WARMUP = 6,
    TREND_GROUPS = 10,
};

/* Whether what MSER-5 keeps still drifts: the mean of its first half and
 * of its second half differ by more than their noise allows (Welch's t
 * above 2.1 on TREND_GROUPS group means a half, each a tenth of the half,
 * long enough to be nearly independent). MSER-5 alone keeps a slow rise
 * whose noise is larger than its slope over a short horizon: a queue at a
 * load of 0.97 with stays of 15 months still fills for decades. */
static bool drifts(const double *batch, size_t k)
{
    size_t group = k / (2 * TREND_GROUPS);
    if (group == 0)
        return false;
    double mean[2] = {0, 0}, var[2] = {0, 0};
    for (int h = 0; h < 2; h++) {
        double g[TREND_GROUPS];
        for (size_t i = 0; i < TREND_GROUPS; i++) {
            double sum = 0;
            for (size_t b = 0; b < group; b++)
                sum += batch[(h * TREND_GROUPS + i) * group + b];
            g[i] = sum / group;
            mean[h] += g[i] / TREND_GROUPS;
        }
        for (size_t i = 0; i < TREND_GROUPS; i++)
            var[h] += (g[i] - mean[h]) * (g[i] - mean[h]) / (TREND_GROUPS - 1);
    }
    double se = sqrt((var[0] + var[1]) / TREND_GROUPS);
    return fabs(mean[1] - mean[0]) > 2.1 * se;
}

/* The MSER-5 truncation of a daily series, in days; -1 when the minimum
 * lies in the last tenth of the searched half (no steady state shown). */
static long mser5_days(const double *daily, size_t days)
{
    size_t k = days / BATCH_DAYS;
    if (k < 4)
        return -1;
    double *batch = malloc(k * sizeof *batch);
    if (!batch)
        return -1;
    for (size_t b = 0; b < k; b++) {
        double sum = 0;
        for (size_t d = 0; d < BATCH_DAYS; d++)
            sum += daily[b * BATCH_DAYS + d];
        batch[b] = sum / BATCH_DAYS;
    }
    /* suffix sums make every candidate d O(1): the variance of the rest
     * from its sum and sum of squares */
    double sum = 0, squares = 0;
    size_t best = 0;
    double best_value = INFINITY;
    double *suffix_sum = malloc((k + 1) * sizeof *suffix_sum);
    double *suffix_squares = malloc((k + 1) * sizeof *suffix_squares);
    if (!suffix_sum || !suffix_squares) {
        free(batch);
        free(suffix_sum);
        free(suffix_squares);
        return -1;
    }
    suffix_sum[k] = suffix_squares[k] = 0;
    for (size_t b = k; b-- > 0;) {
        sum += batch[b];
        squares += batch[b] * batch[b];
        suffix_sum[b] = sum;
        suffix_squares[b] = squares;
    }
    size_t half = k / 2;
    for (size_t d = 0; d <= half; d++) {
        double n = (double)(k - d);
        double mean = suffix_sum[d] / n;
        double spread = suffix_squares[d] - n * mean * mean;
        double value = (spread > 0 ? spread : 0) / (n * n);
        if (value < best_value) {
            best_value = value;
            best = d;
        }
    }
    free(suffix_sum);
    free(suffix_squares);
    bool settled = best * 10 <= half * 9 && !drifts(batch + best, k - best);
    free(batch);
    return settled ? (long)(best * BATCH_DAYS) : -1;
}

/* MSER-5's warm-up of one queue in months (0 or more), or -1 when no
 * steady state shows within SV_SIM_MAX_MONTHS; -2 on a failure (diags). */
static int queue_warmup(const sv_queue *q, const sv_sim_options *o, sv_diags *diags)
{
    for (int horizon = PILOT_MONTHS; horizon <= SV_SIM_MAX_MONTHS; horizon *= 2) {
        sv_sim_options pilot = {.months = horizon, .warmup = 0, .runs = PILOT_RUNS,
                                .seed = o->seed, .trace = true, .max_events = INFINITY,
                                .precision = o->precision, .as_given = true,
                                .start = o->start};
        sv_sim_point p;
        if (sv_sim_queue(&p, q, &pilot, diags) != 0)
            return -2;
        long days = mser5_days(p.trace_mean, p.trace_days);
        sv_sim_point_free(&p);
        if (days >= 0)
            return (int)ceil(days / SV_DAYS_PER_MONTH);
        if (horizon * 2 > SV_SIM_MAX_MONTHS && horizon < SV_SIM_MAX_MONTHS)
            horizon = SV_SIM_MAX_MONTHS / 2; /* the last try at the limit itself */
    }
    return -1;
}

/* Three times the relaxation time of the queue's length, and at least three
 * mean stays, in months. The relaxation time of M/M/1, 1 / (mu (1 -
 * sqrt(rho))^2) (Abate and Whitt 1987), with the service rate of all
 * slots, c mu, for c slots: how long the queue takes to forget where it
 * started. At a load of 0.85 with five slots and stays of 20 days it is
 * 21 months, and a warm-up of 34 months (MSER-5's) still left the mean
 * wait 11 % low (15.5 against Erlang C's 17.5 days), one of 63 months 3 %.
 * The load includes the wait for the next intake meeting (sv_sim_load). */
static int relaxation_floor_months(const sv_queue *q)
{
    double rho = sv_sim_load(q), stay = q->duration.mean_days;
    double gap = 1 - sqrt(rho);
    double relaxation_days = stay / (q->slots * gap * gap);
    double days = fmax(3 * relaxation_days, 3 * stay);
    double months = ceil(days / SV_DAYS_PER_MONTH);
    return months > SV_SIM_MAX_MONTHS ? SV_SIM_MAX_MONTHS + 1 : (int)months;
}

double sv_sim_half_width_target(double mean, double precision)
{
    double relative = precision * fabs(mean);
    return relative > SV_SIM_ABSOLUTE_PRECISION ? relative : SV_SIM_ABSOLUTE_PRECISION;
}

/* How many times the runs of `p` it takes to bring `s` within the
 * precision (the square of the half-width over its target); 0 without an
 * interval. */
static double runs_factor(const sv_sim_stat *s, double precision)
{
    if (!(s->hi >= s->lo) || isnan(s->mean))
        return 0;
    double half = (s->hi - s->lo) / 2;
    double ratio = half / sv_sim_half_width_target(s->mean, precision);
    return ratio * ratio;
}

int sv_sim_choose(sv_sim_options *o, const sv_queue *q, sv_sim_choice *choice, sv_diags *diags)
{
    *choice = (sv_sim_choice){.warmup_suggested = -1};
    choice->warmup_chosen = o->warmup == SV_SIM_CHOOSE;
    choice->runs_chosen = o->runs == SV_SIM_CHOOSE;
    if (o->precision <= 0)
        o->precision = SV_SIM_PRECISION;
    bool stable = q->arrivals_per_month > 0 && q->slots >= 1 && sv_sim_load(q) < 1;
    /* the pilots come out of the point's share of the event budget: a
     * national model of 58,000 service points cannot pilot each one for
     * decades (options->max_events is that share; 0 = the whole limit) */
    double budget = o->max_events > 0 ? o->max_events : SV_SIM_MAX_EVENTS;
    sv_sim_options horizon = {.months = PILOT_MONTHS, .warmup = 0};
    if (stable && PILOT_RUNS * sv_sim_expected_events(q, &horizon) > budget / 4) {
        stable = false;
        choice->over_budget = true;
    }
    if (stable) {
        /* MSER-5 reads the queue length of a pilot whose noise hides a
         * slow approach to the long run that the final, narrower interval
         * would show; so the warm-up is at least three relaxation times
         * and three mean stays (relaxation_floor_months()). A queue that
         * takes more than 50 years to settle is not piloted at all. */
        int floor_months = relaxation_floor_months(q);
        int w = floor_months > SV_SIM_MAX_MONTHS / 2 ? -1 : queue_warmup(q, o, diags);
        if (w == -2)
            return -1;
        choice->measured = true;
        choice->settled = w >= 0;
        choice->warmup_suggested = w >= 0 && w < floor_months ? floor_months : w;
    }
    if (choice->warmup_chosen) {
        /* unmeasured (unstable, or over the budget): the usual 6 months, or
         * three mean stays if that is longer, as for a measured queue */
        int stays = (int)ceil(3 * q->duration.mean_days / SV_DAYS_PER_MONTH);
        int fallback = !choice->over_budget || stays < FALLBACK_WARMUP ? FALLBACK_WARMUP : stays;
        o->warmup = choice->settled ? choice->warmup_suggested : fallback;
        if (o->warmup + o->months > SV_SIM_MAX_MONTHS)
            o->warmup = SV_SIM_MAX_MONTHS - o->months;
    }
    if (!choice->runs_chosen)
        return 0;
    o->runs = DEFAULT_RUNS;
    if (!choice->settled)
        return 0;
    if (PRECISION_PILOT_RUNS * sv_sim_expected_events(q, o) > budget / 4) {
        choice->over_budget = true;
        return 0;
    }
    sv_sim_options pilot = *o;
    pilot.runs = PRECISION_PILOT_RUNS;
    pilot.trace = pilot.keep_runs = false;
    pilot.max_events = INFINITY;
    pilot.as_given = true;
    sv_sim_point p;
    if (sv_sim_queue(&p, q, &pilot, diags) != 0)
        return -1;
    double factor = fmax(runs_factor(&p.wait, o->precision), runs_factor(&p.lead, o->precision));
    sv_sim_point_free(&p);
    double needed = ceil(PRECISION_PILOT_RUNS * factor * 1.2);
    if (needed < DEFAULT_RUNS)
        needed = DEFAULT_RUNS;
    double per_run = sv_sim_expected_events(q, o), cap = SV_SIM_MAX_CHOSEN_RUNS;
    if (per_run > 0 && budget / 2 / per_run < cap)
        cap = floor(budget / 2 / per_run);
    choice->runs_needed = needed;
    choice->runs_capped = needed > cap;
    o->runs = (int)(needed > cap ? cap : needed);
    if (o->runs < 2)
        o->runs = 2;
    return 0;
}
