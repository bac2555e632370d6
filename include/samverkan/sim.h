/*
 * The sim stage: a discrete-event simulation of the service points of a
 * model (Poisson arrivals, `slots` servers, a FIFO queue, continuous or
 * batch intake, durations by their distribution, outcomes by their shares),
 * repeated in independent replications, with per-run statistics and their
 * means and 95 % confidence intervals over the runs, and the analytic
 * Erlang C (M/M/c) or Pollaczek-Khinchine (M/G/1) figures where they apply.
 *
 * Its generator is xoshiro256** seeded by splitmix64, with its own log and
 * exp, so that the same seed gives the same numbers on every machine. The
 * method, its assumptions and its validation are in docs/simulation.md.
 * Formatting the results is the report stage's (samverkan/report_sim.h).
 */
#ifndef SAMVERKAN_SIM_H
#define SAMVERKAN_SIM_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "samverkan/diag.h"
#include "samverkan/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the generator ---- */

/* xoshiro256** 1.0 (Blackman and Vigna, 2018): 256 bits of state, period
 * 2^256 - 1. The state must not be all zero; sv_rng_seed sees to that. */
typedef struct sv_rng {
    uint64_t s[4];
} sv_rng;

/* Fills the state with four successive outputs of splitmix64 started at
 * `seed` (the seeding the authors of xoshiro recommend). */
SV_API void sv_rng_seed(sv_rng *rng, uint64_t seed);

/* The next 64 bits. */
SV_API uint64_t sv_rng_next(sv_rng *rng);

/* Advances the state by 2^128 (jump) or 2^192 (long jump) steps: the
 * streams between jumps never overlap. */
SV_API void sv_rng_jump(sv_rng *rng);
SV_API void sv_rng_long_jump(sv_rng *rng);

/* The stream of replication `replication` (0-based) of `seed`: seeded,
 * then jumped `replication` times. O(replication); the simulation itself
 * jumps once per run. */
SV_API void sv_rng_replication(sv_rng *rng, uint64_t seed, uint64_t replication);

/* A double uniform on the open interval (0, 1): the top 53 bits plus one
 * half, times 2^-53; never 0 or 1. */
SV_API double sv_rng_uniform(sv_rng *rng);

/* Exponential with the given mean (inversion: -mean * log(u)). */
SV_API double sv_rng_exponential(sv_rng *rng, double mean);

/* Standard normal (Marsaglia's polar method; both values of a pair are
 * used, the second kept in `spare`). */
typedef struct sv_normal {
    bool has_spare;
    double spare;
} sv_normal;
SV_API double sv_rng_normal(sv_rng *rng, sv_normal *normal);

/* Lognormal and gamma with the given mean and coefficient of variation
 * (cv > 0). Gamma by Marsaglia and Tsang (2000), shape 1/cv^2, with
 * U^(1/shape) boosting below shape 1. */
SV_API double sv_rng_lognormal(sv_rng *rng, sv_normal *normal, double mean, double cv);
SV_API double sv_rng_gamma(sv_rng *rng, sv_normal *normal, double mean, double cv);

/* A duration of the given distribution (fixed: the mean). */
SV_API double sv_rng_duration(sv_rng *rng, sv_normal *normal, const sv_duration *duration);

/* A duration distribution with its constants worked out once (the
 * lognormal's mu and sigma, the gamma's shape, scale and Marsaglia-Tsang
 * constants), for drawing many times: sv_sampler_draw gives the same bits
 * as sv_rng_duration on the duration it was made from, without two
 * logarithms a draw. A lognormal or gamma without a cv > 0 is fixed. */
typedef struct sv_sampler {
    sv_dist dist;
    double mean, mu, sigma, shape, scale, d, c;
} sv_sampler;
SV_API void sv_sampler_init(sv_sampler *sampler, const sv_duration *duration);
SV_API double sv_sampler_draw(const sv_sampler *sampler, sv_rng *rng, sv_normal *normal);

/* The natural logarithm and exponential used by the generator, written in
 * plain IEEE 754 double arithmetic (exponent and mantissa split on the
 * bits, + - * /) so that they give the same bits on every machine, unlike
 * libm's; error below 2 ulp. */
SV_API double sv_sim_log(double x);
SV_API double sv_sim_exp(double x);

/* ---- options and limits ---- */

#define SV_SIM_MAX_MONTHS 1200
#define SV_SIM_MAX_RUNS 100000
/* Expected events (arrivals, departures, intake meetings, participants
 * present at the start) over all runs and service points of one input,
 * and in one run of one service point (which bounds its memory). */
#define SV_SIM_MAX_EVENTS 2e9
#define SV_SIM_MAX_RUN_EVENTS 2e7

/* A warm-up or a number of runs left to sv_sim_choose. */
#define SV_SIM_CHOOSE (-1)
/* The default precision: a 95 % half-width of at most 5 % of the mean... */
#define SV_SIM_PRECISION 0.05
/* ... or of half a day, whichever is larger: waits are read in days, and
 * a wait of two days is known well enough at +- half a day */
#define SV_SIM_ABSOLUTE_PRECISION 0.5
/* At most this many runs are chosen (about 3 s for the Umeå model). */
#define SV_SIM_MAX_CHOSEN_RUNS 20000

/* How a run starts: as many slots taken as the long run holds on average,
 * each with the remaining time of someone present in the long run (the
 * default); nobody present; or every slot taken. Nobody waits at the
 * start. The other starts are there to show that the warm-up removes what
 * the start leaves (tests/unit/test_sim.c). */
typedef enum sv_sim_start { SV_SIM_START_LONG_RUN, SV_SIM_START_EMPTY, SV_SIM_START_FULL } sv_sim_start;

typedef struct sv_sim_options {
    int months;       /* simulated after the warm-up (default 24) */
    int warmup;       /* months simulated first and not counted; SV_SIM_CHOOSE (the
                         default): found by MSER-5 (sv_sim_choose) */
    int runs;         /* independent replications; SV_SIM_CHOOSE (the default): as many
                         as the precision needs, at least 200 */
    uint64_t seed;    /* default 1 */
    double precision; /* the relative 95 % half-width wanted of the mean wait and lead
                         time; 0 = SV_SIM_PRECISION */
    sv_sim_start start; /* default SV_SIM_START_LONG_RUN */
    bool trace;       /* keep the daily queue length (mean and band over runs) */
    bool keep_runs;   /* keep every run's statistics in sv_sim_point.runs */
    bool as_given;    /* simulate with exactly these numbers, without the pilots that
                         choose the run length or check a given warm-up against
                         MSER-5's (sv_sim_choose); SV_SIM_CHOOSE is then refused */
    double max_events; /* 0 = SV_SIM_MAX_EVENTS */
    double over_days;  /* > 0: also count the share of admissions that wait longer than
                          this many days (sv_sim_point.share_over; capacity planning) */
} sv_sim_options;

SV_API void sv_sim_options_default(sv_sim_options *options);

/* Checks the limits; on failure returns -1 with a diagnostic ("sim-options"). */
SV_API int sv_sim_options_check(const sv_sim_options *options, sv_diags *diags);

/* ---- what is simulated ---- */

/* Where a queue's people come from: a name that picks the streams of
 * their arrival times, stays and outcomes, and the share of the queue's
 * arrivals that come from there. A service point of the base is its own
 * one source; a merged one has its parts as sources, so that run r of the
 * base and run r of the scenario see the same people arrive at the same
 * times with the same needs (common random numbers, src/sim/compare.c). */
typedef struct sv_sim_source {
    const char *name;
    double share;              /* > 0; the shares of a queue are taken relative to their sum */
} sv_sim_source;

/* At most this many sources a queue (the source's index rides in an
 * event's order bits). */
#define SV_SIM_MAX_SOURCES (1u << 20)

/* One queue: the facts of a service point, standalone (tests and other
 * programs build these directly). */
typedef struct sv_queue {
    const char *name;          /* the service point's body id; picks the stream of
                                  the people present at the start */
    const sv_sim_source *sources;  /* where its people come from; none: from `name` alone */
    uint32_t source_count;
    double arrivals_per_month;
    int slots;
    int caseload;              /* participants one person carries at a time; 0 = not
                                  given (capacity planning then gives no staff) */
    double intake_days;        /* days between intake meetings; 0 = continuous */
    sv_duration duration;
    const sv_outcome *outcomes;
    uint32_t outcome_count;
} sv_queue;

/* What sv_sim_choose decided for a queue, and why. */
typedef struct sv_sim_choice {
    bool warmup_chosen;        /* the warm-up is MSER-5's, not the user's */
    bool runs_chosen;          /* the runs are chosen for the precision */
    bool measured;             /* MSER-5 looked for the warm-up (a stable queue) */
    bool settled;              /* and found its end */
    int warmup_suggested;      /* MSER-5's warm-up in months; -1 when the queue is
                                  unstable or did not settle within SV_SIM_MAX_MONTHS */
    double runs_needed;        /* for the precision (0 when not chosen) */
    bool runs_capped;          /* runs_needed is more than the limits allow */
    bool over_budget;          /* a pilot would have cost more than a quarter of the
                                  point's share of the event limit: not measured */
} sv_sim_choice;

/* Works out the run length of a queue's simulation from the data where
 * the options leave it open (SV_SIM_CHOOSE): the warm-up by MSER-5 on the
 * daily queue length of a pilot, the runs from a second pilot's intervals
 * (src/sim/run_length.c, docs/simulation.md). Sets options->warmup and
 * ->runs to numbers, and always fills *choice with MSER-5's warm-up, so
 * that a warm-up the user gave can be compared with it. 0, or -1 with a
 * diagnostic. */
SV_API int sv_sim_choose(sv_sim_options *options, const sv_queue *queue, sv_sim_choice *choice,
                  sv_diags *diags);

/* The half-width the precision allows a mean: precision x |mean|, or
 * SV_SIM_ABSOLUTE_PRECISION when that is larger. */
SV_API double sv_sim_half_width_target(double mean, double precision);

/* The statistics of one run of one queue, over the window after the
 * warm-up (length T days). */
typedef struct sv_sim_run {
    double wait_mean, wait_p50, wait_p90; /* days waiting for a slot; NaN without admissions */
    double lead_mean, lead_p50, lead_p90; /* days from arrival to start (admission) */
    double p_wait;              /* share of the admissions that waited for a slot */
    double utilisation;         /* busy slot-days / (slots * T) */
    double queue_mean;          /* time-average of the number not yet admitted */
    double admissions_per_month;
    double arrivals_per_month;
    double queue_growth_per_month; /* (queue at the end - at the warm-up's end) / months */
    double queue_start, queue_end; /* the number not yet admitted at both ends of the window */
    double lead_max;            /* the longest lead time in the window, including the
                                   time so far of those still waiting at its end */
    double lead_sum;            /* sum of the lead times of the admissions in the window */
    double wait_sum;            /* and of their waits */
    double share_over;          /* of the admissions, the share that waited more than
                                   options.over_days; NaN when that is 0 */
    double over_sum;            /* how many of them (0 when over_days is 0) */
    uint64_t admissions, arrivals, events;
} sv_sim_run;

/* A mean over the runs with its 95 % confidence interval (Student's t with
 * runs - 1 degrees of freedom); lo = hi = NaN with fewer than two runs, all
 * NaN when no run had a value. */
typedef struct sv_sim_stat {
    double mean, lo, hi;
    double sd;      /* standard deviation of the per-run values */
    uint32_t n;     /* runs with a value */
} sv_sim_stat;

typedef struct sv_sim_analytic {
    bool available;
    const char *model;   /* "M/M/c", "M/M/1", "M/D/1" or "M/G/1" */
    double p_wait;       /* probability that an arrival waits */
    double wait_mean;    /* days */
    double utilisation;
    double queue_mean;
} sv_sim_analytic;

/* Erlang C for M/M/c (arrival rate and service rate per day); false when
 * the queue is unstable (lambda >= c mu). Pure arithmetic. */
SV_API bool sv_sim_erlang_c(sv_sim_analytic *out, double lambda, double mu, int c);

/* Pollaczek-Khinchine for M/G/1: mean wait lambda E[S^2] / (2 (1 - rho)). */
SV_API bool sv_sim_pollaczek_khinchine(sv_sim_analytic *out, double lambda, double mean, double cv);

/* The analytic figures that apply to a queue: Erlang C for exponential
 * durations and continuous intake, Pollaczek-Khinchine for one slot and
 * continuous intake; none otherwise, or when it is unstable. */
SV_API sv_sim_analytic sv_sim_analytic_for(const sv_queue *queue);

/* The load of a queue: arrivals per day x (mean duration + half the intake
 * interval) / slots. At 1 or more the queue is unstable: it grows without
 * bound (the half interval is the mean time a freed slot stands empty until
 * the next intake meeting while people wait). */
SV_API double sv_sim_load(const sv_queue *queue);

/* The results for one service point. */
typedef struct sv_sim_point {
    sv_queue queue;
    int warmup, months;        /* as simulated, in months (run_count: the runs) */
    sv_sim_choice choice;      /* how the warm-up and runs were found */
    sv_pos pos;                /* the service point in the model */
    bool unstable;
    double load;
    /* wait and lead: the mean over every admission of every run (the sum
     * of the waits over the sum of the admissions), with the interval of
     * a ratio estimator over the runs; the median and 90th percentile: each
     * run's, averaged over the runs */
    sv_sim_stat wait, wait_p50, wait_p90;
    sv_sim_stat lead, lead_p50, lead_p90;
    sv_sim_stat p_wait;
    sv_sim_stat utilisation, queue_length, admissions_per_month, arrivals_per_month;
    sv_sim_stat queue_growth_per_month;
    sv_sim_stat share_over;                /* with options.over_days, else zero: the share
                                              of every admission of every run that waited
                                              longer, a pooled ratio as the mean wait */
    sv_sim_stat *outcome_share;            /* per outcome of queue.outcomes */
    double *outcome_target;                /* per outcome: the target share */
    const char **outcome_target_from;      /* the indicator id it came from, or NULL for
                                              the model's own share */
    sv_sim_analytic analytic;
    sv_sim_run *runs;                      /* with options.keep_runs, else NULL */
    double *outcome_runs;                  /* with options.keep_runs: each run's outcome
                                              shares, run by run (run_count x outcomes) */
    double *trace_m2;                      /* with keep_runs and trace: the running sums
                                              of squares behind trace_lo and trace_hi */
    uint32_t run_count;
    /* with options.trace: the number not yet admitted at the start of each
     * day 0 .. trace_days - 1 from the start of the warm-up, mean over runs
     * and its 95 % band */
    double *trace_mean, *trace_lo, *trace_hi;
    uint32_t trace_days;
    uint64_t events;
} sv_sim_point;

typedef struct sv_sim_result {
    sv_sim_options options;    /* as given: warm-up and runs may be SV_SIM_CHOOSE; each
                                  point has what it was simulated with */
    sv_sim_point *points;
    uint32_t point_count;
    uint64_t events;           /* simulated over all points and runs */
    sv_sim_source *sources;    /* what the points' queue.sources point into */
} sv_sim_result;

/* Simulates every service point of a model, each with the run length
 * sv_sim_choose finds for it where the options leave it open. Service points without
 * arrivals, slots or duration are refused with a diagnostic
 * ("sim-incomplete") at their position, as is a simulation larger than
 * the limits ("sim-too-large"). On success returns 0 and sets *out (free
 * it with sv_sim_result_free); on failure returns -1 with *out NULL.
 * The model must outlive the result (names and outcomes point into it). */
SV_API int sv_sim_model(sv_sim_result **out, const sv_model *model, const sv_sim_options *options,
                        sv_diags *diags);

/* Simulates one queue into *out (zeroed first; free with
 * sv_sim_point_free), choosing the warm-up and runs first where the
 * options leave them open. Returns 0, or -1 with a diagnostic. */
SV_API int sv_sim_queue(sv_sim_point *out, const sv_queue *queue, const sv_sim_options *options,
                 sv_diags *diags);

/* Expected events of one run of a queue (see SV_SIM_MAX_EVENTS). */
SV_API double sv_sim_expected_events(const sv_queue *queue, const sv_sim_options *options);

SV_API void sv_sim_point_free(sv_sim_point *point);   /* frees what it holds, not the struct */

/* Simulates a point again with `runs` runs on its own warm-up and window
 * (the options give the seed and the limits), keeping its position,
 * outcome targets and choice of run length. With its runs kept
 * (options.keep_runs when it was simulated) the runs it has are taken
 * over and only the rest are run: the result is the same as simulating
 * them all. 0, or -1 with a diagnostic (the point is then unchanged). */
SV_API int sv_sim_point_extend(sv_sim_point *point, uint32_t runs, const sv_sim_options *options,
                               sv_diags *diags);

/* The precision a point reached: the larger of the 95 % half-widths of the
 * mean wait and the mean lead time, each as a share of its mean; NaN for
 * an unstable queue or without intervals. */
SV_API double sv_sim_point_precision(const sv_sim_point *point);

/* What a planner must be told about a point's figures, as bits: */
enum {
    SV_SIM_WARN_WARMUP_SHORT = 1u << 0,   /* a given warm-up shorter than MSER-5's */
    SV_SIM_WARN_NO_STEADY_STATE = 1u << 1, /* a stable queue that did not settle */
    SV_SIM_WARN_IMPRECISE = 1u << 2,      /* an interval wider than the precision */
};
SV_API unsigned sv_sim_point_warnings(const sv_sim_point *point, double precision);

/* The runs that would bring a point within the precision (at least its
 * own); its own when it is within it or has no interval. */
SV_API uint32_t sv_sim_point_runs_needed(const sv_sim_point *point, double precision);
SV_API void sv_sim_result_free(sv_sim_result *result); /* NULL is accepted */

/* The two-sided 95 % quantile of Student's t with `df` degrees of freedom
 * (a table to 30, then a Cornish-Fisher expansion; error below 1e-5). */
SV_API double sv_sim_t975(uint32_t df);

/* Mean and 95 % interval of n values (NaN values are skipped). */
SV_API sv_sim_stat sv_sim_stat_of(const double *values, size_t n, size_t stride);

#define SV_DAYS_PER_MONTH (365.25 / 12)

/* ---- the conclusion: before and after (src/sim/compare.c) ---- */

/* How a point's figures can be read. */
typedef enum sv_sim_state {
    SV_SIM_STEADY,      /* a stable queue that settles: its means are those of the long run */
    SV_SIM_AT_CAPACITY, /* stable, but it does not settle (sv_sim_choice.measured &&
                           !settled): its figures are those of the months simulated */
    SV_SIM_UNSTABLE,    /* load 1 or more: the queue grows without bound */
} sv_sim_state;

SV_API sv_sim_state sv_sim_point_state(const sv_sim_point *point);

/* For an unstable queue: the slots missing, arrivals per day × (mean stay
 * + half the intake interval) − slots (0 when it is stable). */
SV_API double sv_sim_slots_missing(const sv_queue *queue);

/* A difference after − before of one measure with its 95 % interval. */
typedef struct sv_sim_difference {
    bool available;     /* both sides have a mean (and an interval) */
    double before, after;
    double diff, lo, hi;
    double df;          /* degrees of freedom of the t used */
    bool significant;   /* the interval leaves out 0 */
    int pairing;        /* the sv_sim_pairing its interval was found by */
} sv_sim_difference;

typedef enum sv_sim_pairing {
    SV_SIM_PAIRED,      /* points that share a source of arrivals (the same service point,
                           or a merge and its parts) with the same runs in both: run r of
                           one against run r of the other (common random numbers) */
    SV_SIM_WELCH,       /* independent samples (Welch's t) */
    SV_SIM_MIXED,       /* over all points: some paired, some independent terms */
} sv_sim_pairing;

/* One service point of the base and where it went in the scenario. */
typedef struct sv_sim_group {
    const sv_sim_point *before;    /* of the base */
    const sv_sim_point *after;     /* the same id in the scenario, or the point it was
                                      merged into; NULL when it is gone */
    bool merged;                   /* after is the point it was merged into */
    sv_sim_pairing pairing;
    sv_sim_state state_before, state_after;
    sv_sim_difference wait, lead;  /* available only when both sides are steady */
} sv_sim_group;

typedef struct sv_sim_conclusion {
    sv_sim_group *groups;          /* one per service point of the base, in its order */
    uint32_t group_count;
    /* over all service points of each input, each point's mean weighted by its
     * arrivals per month; steady when every point of both inputs is; not
     * available when one is unstable (its mean is only the run's length) */
    sv_sim_difference wait, lead;
    bool steady;
    bool unstable;
    bool any_paired;
} sv_sim_conclusion;

/* Gives the points that share a source of arrivals, over the base and
 * its scenarios (results[0] the base), the same number of runs, the most
 * any of them has: the others are simulated again with that many on
 * their own warm-up and window (the first runs come again from the same
 * streams, so nothing changes but the precision), so that sv_sim_conclude
 * can pair them run by run. Points without kept runs (options.keep_runs)
 * and unstable points are left as they are. 0, or -1 with a diagnostic. */
SV_API int sv_sim_align_runs(sv_sim_result *const *results, size_t count, sv_diags *diags);

/* Compares the scenario's results `after` (of the model `after_model`, for
 * its merges) with the base's `before`. Pairing needs the runs
 * (options.keep_runs); without them every group is compared by Welch.
 * 0, or -1 when out of memory. Free with sv_sim_conclusion_free. */
SV_API int sv_sim_conclude(sv_sim_conclusion *out, const sv_sim_result *before,
                    const sv_sim_result *after, const sv_model *after_model);
SV_API void sv_sim_conclusion_free(sv_sim_conclusion *conclusion);

/* ---- capacity planning (src/sim/capacity.c) ---- */

typedef enum sv_sim_target_kind {
    SV_SIM_TARGET_WAIT,        /* mean wait for a slot at most `days` */
    SV_SIM_TARGET_LEAD,        /* mean lead time at most `days` */
    SV_SIM_TARGET_P90,         /* 90th percentile of the wait at most `days` */
    SV_SIM_TARGET_SHARE_OVER,  /* at most `share` of the admissions wait more than `days` */
} sv_sim_target_kind;

typedef struct sv_sim_target {
    sv_sim_target_kind kind;
    double days;
    double share;              /* SV_SIM_TARGET_SHARE_OVER only, 0..1 */
} sv_sim_target;

/* Reads "wait=14d", "lead=14d", "p90=30d", "share-over=30d:10%" (days as
 * d, w or m = 365.25/12 days). 0, or -1 when the text is not such a target. */
SV_API int sv_sim_target_parse(sv_sim_target *out, const char *text);

/* The smallest slots by Erlang C (exponential stays, continuous intake)
 * that meet the target, searched from the first stable count upwards; -1
 * when Erlang C does not apply or no count up to 100 000 does. */
SV_API int sv_sim_erlang_c_slots(const sv_queue *queue, const sv_sim_target *target);

/* The smallest slots that meet the target by simulation: a bisection
 * between the largest count known to fall short (at first the last
 * unstable one) and the smallest known to meet it, each count simulated
 * with the options (fixed seed; the warm-up and runs chosen where they are
 * SV_SIM_CHOOSE) and judged by its 95 % interval: met when the interval
 * lies at or below the target, not met when above it or when the queue does
 * not settle; an interval across the target is simulated again with four
 * times the runs (up to SV_SIM_MAX_CHOSEN_RUNS) and then judged by its mean
 * (`close`). */
typedef struct sv_sim_plan {
    const char *name;
    int slots_now;
    double value_now;          /* the measure at the slots now (simulated) */
    int erlang_c_slots;        /* -1 when Erlang C does not apply */
    int slots;                 /* simulated; -1 when not found */
    double value, lo, hi;      /* the measure at `slots`, with its interval */
    double value_below;        /* at slots - 1 (NaN when unstable there or not simulated) */
    bool close;                /* a decision was made on the mean */
    int simulations;           /* counts simulated */
    int caseload;              /* the queue's; 0 when the model does not say */
    int staff, staff_now, erlang_c_staff; /* sv_sim_staff of slots, slots_now and
                                             erlang_c_slots; -1 without a caseload or
                                             without the count */
} sv_sim_plan;

/* The people it takes to hold `slots` slots when one holds `caseload`:
 * ceil(slots / caseload); -1 when either is not given (below 1). */
SV_API int sv_sim_staff(int slots, int caseload);

SV_API int sv_sim_plan_queue(sv_sim_plan *out, const sv_queue *queue, const sv_sim_target *target,
                      const sv_sim_options *options, sv_diags *diags);

/* One plan per service point of a result's points (queues as simulated).
 * 0, or -1 with a diagnostic; *plans freed with free(). */
SV_API int sv_sim_plan_result(sv_sim_plan **plans, const sv_sim_result *result,
                       const sv_sim_target *target, const sv_sim_options *options, sv_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
