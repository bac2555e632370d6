/*
 * The discrete-event simulation of one service point and its replications
 * (see samverkan/sim.h and docs/simulation.md). Time is in days. Events
 * (arrivals, departures, intake meetings) wait in a binary heap ordered by
 * time, then kind (departures, arrivals, intake meetings: a slot freed at
 * the instant of a meeting is filled at that meeting), then the order they
 * were scheduled, so ties are resolved the same way on every machine.
 *
 * Continuous intake: an arrival starts at once when a slot is free, else
 * joins the FIFO queue; a departure admits the head of the queue. Batch
 * intake: an arrival or a departure only reserves a free slot for the
 * first queued person without one (that person's wait for a slot ends
 * there), and the next intake meeting admits everyone holding a
 * reservation (their lead time ends there). Statistics are collected over
 * the window [warm-up, warm-up + months] only.
 *
 * The random numbers follow the people: each source of arrivals (the
 * point itself, or the parts of a merged one) has its own streams of
 * arrival times, stays and outcomes, and a person's stay and outcome are
 * drawn when they arrive, so that two configurations see the same people
 * (common random numbers, src/sim/compare.c).
 */
#include "samverkan/sim.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

void sv_sim_options_default(sv_sim_options *options)
{
    *options = (sv_sim_options){.months = 24, .warmup = SV_SIM_CHOOSE, .runs = SV_SIM_CHOOSE,
                                .seed = 1, .precision = SV_SIM_PRECISION};
}

static sv_pos no_pos(void)
{
    return (sv_pos){.file = NULL, .line = 0, .col = 0};
}

int sv_sim_options_check(const sv_sim_options *o, sv_diags *diags)
{
    if (o->months < 1 || o->months > SV_SIM_MAX_MONTHS) {
        sv_diags_add(diags, "sim-options", no_pos(), _("--months must be between 1 and %d, not %d"),
                     SV_SIM_MAX_MONTHS, o->months);
        return -1;
    }
    bool choosable = !o->as_given;
    if ((o->warmup < 0 && !(choosable && o->warmup == SV_SIM_CHOOSE)) ||
        o->warmup > SV_SIM_MAX_MONTHS) {
        sv_diags_add(diags, "sim-options", no_pos(), _("--warmup must be between 0 and %d, not %d"),
                     SV_SIM_MAX_MONTHS, o->warmup);
        return -1;
    }
    if ((o->runs < 1 && !(choosable && o->runs == SV_SIM_CHOOSE)) || o->runs > SV_SIM_MAX_RUNS) {
        sv_diags_add(diags, "sim-options", no_pos(), _("--runs must be between 1 and %d, not %d"),
                     SV_SIM_MAX_RUNS, o->runs);
        return -1;
    }
    if (!(o->precision >= 0 && o->precision < 1)) {
        sv_diags_add(diags, "sim-options", no_pos(),
                     _("--precision must be a percentage above 0 and below 100"));
        return -1;
    }
    return 0;
}

/* ---- statistics ---- */

double sv_sim_t975(uint32_t df)
{
    static const double table[] = {
        NAN,    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788,  2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796,
        2.0739, 2.0687,  2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
    if (df <= 30)
        return table[df];
    /* Cornish-Fisher expansion of t around the normal quantile z */
    const double z = 1.959963984540054;
    double z2 = z * z, v = df;
    double g1 = (z2 + 1) * z / 4;
    double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
    double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
    return z + g1 / v + g2 / (v * v) + g3 / (v * v * v);
}

sv_sim_stat sv_sim_stat_of(const double *values, size_t n, size_t stride)
{
    /* Welford's running mean and sum of squares */
    double mean = 0, m2 = 0, smallest = INFINITY;
    uint32_t k = 0;
    for (size_t i = 0; i < n; i++) {
        double x = values[i * stride];
        if (isnan(x))
            continue;
        k++;
        if (x < smallest)
            smallest = x;
        double d = x - mean;
        mean += d / k;
        m2 += d * (x - mean);
    }
    sv_sim_stat s = {.mean = NAN, .lo = NAN, .hi = NAN, .sd = NAN, .n = k};
    if (k == 0)
        return s;
    s.mean = mean;
    if (k < 2)
        return s;
    s.sd = sqrt(m2 / (k - 1));
    double half = sv_sim_t975(k - 1) * s.sd / sqrt((double)k);
    s.lo = mean - half;
    s.hi = mean + half;
    /* Every measure reported is a wait, share, count or length: never
       negative. A t interval on a skewed, nonnegative measure can reach
       below zero with few runs, and "-0.06 days" only confuses a planner;
       the true mean cannot lie there, so the interval stops at zero. */
    if (smallest >= 0 && s.lo < 0)
        s.lo = 0;
    return s;
}

/* ---- analytic figures ---- */

bool sv_sim_erlang_c(sv_sim_analytic *out, double lambda, double mu, int c)
{
    *out = (sv_sim_analytic){.available = false, .model = "M/M/c"};
    double a = lambda / mu;
    if (c < 1 || !(lambda > 0) || !(mu > 0) || a >= c)
        return false;
    /* Erlang B by its recursion, then C = c B / (c - a (1 - B)) */
    double b = 1;
    for (int k = 1; k <= c; k++)
        b = a * b / (k + a * b);
    double pw = c * b / (c - a * (1 - b));
    out->available = true;
    out->p_wait = pw;
    out->wait_mean = pw / (c * mu - lambda);
    out->utilisation = a / c;
    out->queue_mean = lambda * out->wait_mean;
    return true;
}

bool sv_sim_pollaczek_khinchine(sv_sim_analytic *out, double lambda, double mean, double cv)
{
    *out = (sv_sim_analytic){.available = false, .model = cv == 0 ? "M/D/1" : "M/G/1"};
    double rho = lambda * mean;
    if (!(lambda > 0) || !(mean > 0) || rho >= 1)
        return false;
    double es2 = mean * mean * (1 + cv * cv);
    out->available = true;
    out->p_wait = rho;
    out->wait_mean = lambda * es2 / (2 * (1 - rho));
    out->utilisation = rho;
    out->queue_mean = lambda * out->wait_mean;
    return true;
}

sv_sim_analytic sv_sim_analytic_for(const sv_queue *q)
{
    sv_sim_analytic a = {.available = false, .model = NULL};
    if (q->intake_days > 0)
        return a;
    double lambda = q->arrivals_per_month / SV_DAYS_PER_MONTH;
    if (q->duration.dist == SV_DIST_EXPONENTIAL)
        sv_sim_erlang_c(&a, lambda, 1 / q->duration.mean_days, q->slots);
    else if (q->slots == 1)
        sv_sim_pollaczek_khinchine(&a, lambda, q->duration.mean_days,
                                   q->duration.dist == SV_DIST_FIXED ? 0 : q->duration.cv);
    if (!a.available)
        a.model = NULL;
    return a;
}

double sv_sim_load(const sv_queue *q)
{
    double lambda = q->arrivals_per_month / SV_DAYS_PER_MONTH;
    return lambda * (q->duration.mean_days + q->intake_days / 2) / q->slots;
}

double sv_sim_expected_events(const sv_queue *q, const sv_sim_options *o)
{
    double days = (o->warmup + o->months) * SV_DAYS_PER_MONTH;
    double arrivals = q->arrivals_per_month * (o->warmup + o->months);
    double present = fmin((double)q->slots, arrivals / days * q->duration.mean_days);
    double intakes = q->intake_days > 0 ? days / q->intake_days : 0;
    return 2 * arrivals + 2 * present + intakes;
}

/* ---- the event heap ---- */

enum { EV_DEPART, EV_ARRIVE, EV_INTAKE };

typedef struct event {
    double t;
    uint64_t order; /* kind in the top 2 bits, then the scheduling sequence */
} event;

typedef struct heap {
    event *items;
    size_t count, capacity;
} heap;

/* Whether a comes before b: by time, then by order. An event's time is
 * +0 or more, or NaN when the durations' constants overflow (a cv whose
 * square is infinite): a sum of nonnegative gaps, stays and intake
 * intervals. For doubles from +0 to +infinity the order of their bits as
 * unsigned integers is the order of their values, equal bits equal values,
 * and every NaN's bits lie above +infinity's. So a->t < b->t, or equal
 * times and a->order < b->order, is bits(a) < bits(b) + (a->order <
 * b->order) when b is no NaN (then the sum cannot overflow); and when
 * either is NaN, the comparison of the doubles is false, and so is this.
 * The same answer in a few integer operations and without a branch (the
 * heap's choice between two children goes either way as often as not,
 * and a mispredicted branch a level cost more than the rest of it). */
#define INFINITY_BITS UINT64_C(0x7ff0000000000000)

static inline bool before(const event *a, const event *b)
{
    uint64_t ta, tb;
    memcpy(&ta, &a->t, sizeof ta);
    memcpy(&tb, &b->t, sizeof tb);
    return (tb <= INFINITY_BITS) & (ta < tb + (a->order < b->order));
}

/* Puts e into the hole at i, moving it up past the events it comes
 * before. */
static inline void sift_up(heap *h, size_t i, event e)
{
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!before(&e, &h->items[parent]))
            break;
        h->items[i] = h->items[parent];
        i = parent;
    }
    h->items[i] = e;
}

static bool heap_push(heap *h, event e)
{
    if (h->count == h->capacity) {
        size_t cap = h->capacity ? h->capacity * 2 : 64;
        event *items = realloc(h->items, cap * sizeof *items);
        if (!items)
            return false;
        h->items = items;
        h->capacity = cap;
    }
    sift_up(h, h->count++, e);
    return true;
}

/* Takes the earliest event out. The hole at the top goes down the earlier
 * child to a leaf, one comparison a level, and the last event rises from
 * there (Floyd's way): it came from the bottom and seldom rises far, where
 * sifting it down from the top takes two comparisons a level. Every event
 * has its own order, so the events come out in the same sequence whatever
 * the heap's layout. */
static event heap_pop(heap *h)
{
    event top = h->items[0];
    size_t n = --h->count;
    if (n == 0)
        return top;
    event last = h->items[n];
    size_t i = 0, child = 1;
    for (; child + 1 < n; child = 2 * i + 1) {
        child += before(&h->items[child + 1], &h->items[child]);
        h->items[i] = h->items[child];
        i = child;
    }
    if (child < n) { /* an only child */
        h->items[i] = h->items[child];
        i = child;
    }
    sift_up(h, i, last);
    return top;
}

/* Replaces the earliest event by e: a pop and a push in one sift down
 * from the top (a heap of one only stores it). */
static inline void heap_replace_top(heap *h, event e)
{
    size_t i = 0, n = h->count;
    for (size_t child = 1; child < n; child = 2 * i + 1) {
        child += child + 1 < n && before(&h->items[child + 1], &h->items[child]);
        if (!before(&h->items[child], &e))
            break;
        h->items[i] = h->items[child];
        i = child;
    }
    h->items[i] = e;
}

/* ---- the FIFO queue of people not yet admitted ---- */

typedef struct waiting {
    double arrival;
    double slot; /* when a slot was reserved for them (batch intake), else -1 */
    double stay; /* drawn when they arrive, from their source's stream */
    uint32_t outcome; /* likewise (0 without outcomes) */
} waiting;

typedef struct ring {
    waiting *items;
    size_t head, count, capacity; /* capacity a power of two */
} ring;

static bool ring_push(ring *r, waiting w)
{
    if (r->count == r->capacity) {
        size_t cap = r->capacity ? r->capacity * 2 : 256;
        waiting *items = malloc(cap * sizeof *items);
        if (!items)
            return false;
        for (size_t i = 0; i < r->count; i++)
            items[i] = r->items[(r->head + i) & (r->capacity - 1)];
        free(r->items);
        r->items = items;
        r->head = 0;
        r->capacity = cap;
    }
    r->items[(r->head + r->count++) & (r->capacity - 1)] = w;
    return true;
}

static inline waiting *ring_at(ring *r, size_t i)
{
    return &r->items[(r->head + i) & (r->capacity - 1)];
}

static waiting ring_pop(ring *r)
{
    waiting w = r->items[r->head];
    r->head = (r->head + 1) & (r->capacity - 1);
    r->count--;
    return w;
}

/* ---- percentiles ---- */

/* Moves the k-th smallest of v[0..n) to v[k], smaller or equal ones before
 * it and larger or equal ones after (quickselect, k < n). The pivot is the
 * median of the first, middle and last values; each round parts the range
 * into the values below the pivot and the rest, then, when k lies in the
 * rest and few went below, the rest into the values equal to the pivot
 * and those above (a run's waits hold many equal ones, zeros above all),
 * and goes on in the part that holds k. Both partitions are Lomuto's
 * without a branch: every value is swapped to the front of the rest and
 * the front moves on by the comparison, as 0 or 1. Whether a value lies
 * below the pivot is a coin toss, and branching on it mispredicted every
 * other value. The k-th smallest is one number whatever the algorithm (the
 * waits and lead times hold no NaN and no -0), so the percentiles are the
 * same, bit for bit, as with any other selection. */
static void select_kth(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* k in [lo, hi) */
    while (hi - lo > 1) {
        double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1];
        double small = a < b ? a : b, large = a < b ? b : a;
        double pivot = c < small ? small : c > large ? large : c;
        size_t below = lo;
        for (size_t i = lo; i < hi; i++) {
            double x = v[i];
            v[i] = v[below];
            v[below] = x;
            below += x < pivot;
        }
        if (k < below) {
            hi = below;
            continue;
        }
        if (below - lo > (hi - lo) / 8) {
            lo = below;
            continue;
        }
        /* few or none below the pivot, as when it is one of many equal
         * values: the rest is at least the pivot, which is among it, and
         * the equal ones go first, so that the range shrinks whatever the
         * values */
        size_t equal = below;
        for (size_t i = below; i < hi; i++) {
            double x = v[i];
            v[i] = v[equal];
            v[equal] = x;
            equal += !(pivot < x);
        }
        if (k < equal)
            return;
        lo = equal;
    }
}

/* The p-quantile with linear interpolation between order statistics
 * (Hyndman and Fan's type 7, as R's default); reorders v. `from` says
 * that v[from..n) already holds the n - from largest values (what an
 * earlier call for a smaller p leaves behind), so a second quantile of the
 * same values searches only there; 0 for the first. */
static double quantile(double *v, size_t n, double p, size_t from)
{
    if (n == 0)
        return NAN;
    double h = (n - 1) * p;
    size_t k = (size_t)h;
    if (k < from)
        from = 0;
    select_kth(v + from, n - from, k - from);
    double lo = v[k];
    if (k + 1 >= n || h == (double)k)
        return lo;
    double next = v[k + 1];
    for (size_t i = k + 2; i < n; i++)
        if (v[i] < next)
            next = v[i];
    return lo + (h - k) * (next - lo);
}

/* The median and the 90th percentile of v[0..n) (reordered). */
static void median_and_p90(double *v, size_t n, double *p50, double *p90)
{
    *p50 = quantile(v, n, 0.5, 0);
    *p90 = quantile(v, n, 0.9, n ? (size_t)((n - 1) * 0.5) + 1 : 0);
}

/* ---- one run ---- */

typedef struct buffer {
    double *v;
    size_t count, capacity;
} buffer;

static bool buffer_grow(buffer *b)
{
    size_t cap = b->capacity ? b->capacity * 2 : 1024;
    double *v = realloc(b->v, cap * sizeof *v);
    if (!v)
        return false;
    b->v = v;
    b->capacity = cap;
    return true;
}

static inline bool buffer_push(buffer *b, double x)
{
    if (b->count == b->capacity && !buffer_grow(b))
        return false;
    b->v[b->count++] = x;
    return true;
}

enum { AHEAD = 8 };

/* The next draws of one stream, taken AHEAD at a time (one at a time for
 * a source with few arrivals a run, which would leave them unused). Each
 * draw is a chain of dependent operations (the portable log's division
 * and polynomial, the exp's), and one at a time it stood in the event
 * loop's way: whether the next event is an arrival, a departure or an
 * intake meeting could only be decided once the arrival's gap and stay
 * were out. AHEAD draws in a row do not depend on one another's results
 * and run side by side. The n-th value of a stream is the same whichever
 * draw produces it, so the run is the same, bit for bit; what is drawn
 * ahead and not used goes with the run (each run starts its streams
 * anew). */
typedef struct ahead {
    double v[AHEAD];
    unsigned at, count; /* v[at..count) are drawn and not yet used */
} ahead;

/* The streams of one source in one run: arrival times, stays and
 * outcomes each from their own, so that the n-th person from a source has
 * the same arrival, stay and outcome in every configuration that draws
 * them alike, whatever the queue does with them in between. */
typedef struct source_streams {
    sv_rng arrive, stay, outcome;
    sv_normal normal;   /* the stays' spare normal */
    double mean_gap;    /* days between this source's arrivals */
    ahead gaps, stays;  /* the next gaps between arrivals, the next stays */
    unsigned batch;     /* how many of each are drawn at a time: AHEAD or 1 */
} source_streams;

/* The bits of an event's order below its kind that carry an arrival's
 * source; the scheduling sequence is below them (a run schedules far
 * fewer than 2^40 events: SV_SIM_MAX_RUN_EVENTS). */
#define SOURCE_SHIFT 40
#define SOURCE_MASK ((UINT64_C(1) << (62 - SOURCE_SHIFT)) - 1)

typedef struct sim {
    const sv_queue *q;
    const sv_sim_options *o;
    double lambda;      /* arrivals per day */
    double window_start, window_end, window; /* days */
    double outcome_total;
    double *outcome_cum; /* the outcomes' shares summed in order, outcome_cum[k] the k + 1 first */
    bool outcome_sorted; /* outcome_cum is nondecreasing (no share below 0, none NaN) */
    sv_sampler duration, length_biased; /* prepare_samplers() */
    /* per run */
    sv_rng rng;         /* the start: the remaining stays of those present */
    sv_normal normal;
    source_streams *sources;
    uint32_t source_count;
    heap events;        /* the departures; arrivals and intake meetings beside it */
    heap next_arrivals; /* each source's one next arrival */
    event intake;       /* the next intake meeting (batch intake) */
    ring queue;
    uint64_t seq;
    int busy;
    size_t reserved;    /* the first `reserved` people in the queue hold a slot */
    double now;
    double area_queue, area_busy;
    bool started;
    double queue_start;
    buffer waits, leads;
    double lead_sum, lead_max;
    uint64_t admissions, arrivals, events_done;
    double *outcome_count;
    /* trace: Welford over runs of the queue length at each day */
    double *trace_sample; /* this run's samples */
    uint32_t trace_days, next_day;
    bool failed;
} sim;

static inline event make_event(sim *s, double t, int kind)
{
    return (event){.t = t, .order = ((uint64_t)kind << 62) | s->seq++};
}

/* Departures go into the heap; each source's one next arrival goes into
 * a heap of its own (a merged point of thousands of parts has as many
 * sources: the earliest is found in log sources, not by a look at every
 * one an arrival) and the one next intake meeting is kept beside them
 * (run_once), so that most events never pass through the departures'
 * heap. All are taken in the heap's order, before(), and scheduled with
 * the same sequence numbers, so the run is the same. */
static void schedule_departure(sim *s, double t)
{
    if (!heap_push(&s->events, make_event(s, t, EV_DEPART)))
        s->failed = true;
}

/* Source k's next gap between arrivals (ahead). */
static double next_gap(source_streams *src)
{
    if (src->gaps.at == src->gaps.count) {
        for (unsigned i = 0; i < src->batch; i++)
            src->gaps.v[i] = sv_rng_exponential(&src->arrive, src->mean_gap);
        src->gaps.at = 0;
        src->gaps.count = src->batch;
    }
    return src->gaps.v[src->gaps.at++];
}

/* Source k's next stay (ahead). */
static double next_stay(const sim *s, source_streams *src)
{
    if (src->stays.at == src->stays.count) {
        for (unsigned i = 0; i < src->batch; i++)
            src->stays.v[i] = sv_sampler_draw(&s->duration, &src->stay, &src->normal);
        src->stays.at = 0;
        src->stays.count = src->batch;
    }
    return src->stays.v[src->stays.at++];
}

/* The next arrival from source k, after the one at `after`. */
static event next_arrival(sim *s, double after, uint32_t k)
{
    return (event){.t = after + next_gap(&s->sources[k]),
                   .order = ((uint64_t)EV_ARRIVE << 62) | ((uint64_t)k << SOURCE_SHIFT) | s->seq++};
}

/* Someone from source k arriving at t, with their stay and outcome. */
static waiting arrival_from(sim *s, uint32_t k, double t)
{
    source_streams *src = &s->sources[k];
    waiting w = {.arrival = t, .slot = -1};
    w.stay = next_stay(s, src);
    if (s->q->outcome_count) {
        double u = sv_rng_uniform(&src->outcome) * s->outcome_total;
        uint32_t i = 0, last = s->q->outcome_count - 1;
        if (s->outcome_sorted) {
            /* the cumulative shares at or below u are the first ones:
             * counted without a branch (which of them u passes is
             * chance's, and a branch on it mispredicted at most draws),
             * the same i as the search */
            for (uint32_t j = 0; j < last; j++)
                i += u >= s->outcome_cum[j];
        } else {
            while (u >= s->outcome_cum[i] && i < last)
                i++;
        }
        w.outcome = i;
    }
    return w;
}

/* Moves the clock to t, adding the state held on [now, t) to the
 * integrals of the window and to the daily samples. */
static inline void advance(sim *s, double t)
{
    double n = (double)s->queue.count;
    if (s->trace_sample) {
        while (s->next_day < s->trace_days && (double)s->next_day < t)
            s->trace_sample[s->next_day++] = n;
    }
    /* up to the window's start nothing is counted (the interval [now, t)
     * lies before it) */
    if (t > s->window_start) {
        if (!s->started) {
            s->started = true;
            s->queue_start = n;
        }
        double lo = s->now > s->window_start ? s->now : s->window_start;
        double hi = t < s->window_end ? t : s->window_end;
        if (hi > lo) {
            s->area_queue += n * (hi - lo);
            s->area_busy += s->busy * (hi - lo);
        }
    }
    s->now = t;
}

static void admit(sim *s, waiting w, double t)
{
    s->busy++;
    if (t >= s->window_start) {
        double wait = (w.slot >= 0 ? w.slot : t) - w.arrival;
        double lead = t - w.arrival;
        s->admissions++;
        s->lead_sum += lead;
        if (lead > s->lead_max)
            s->lead_max = lead;
        if (!buffer_push(&s->waits, wait) || !buffer_push(&s->leads, lead))
            s->failed = true;
        if (s->q->outcome_count)
            s->outcome_count[w.outcome]++;
    }
    schedule_departure(s, t + w.stay);
}

/* The remaining time of someone present in the long run: U times a
 * length-biased duration, whose mean is m (1 + cv^2) (with cv 1/sqrt(k+1)
 * for a gamma of shape k, the same cv for a lognormal). */
static double residual(sim *s)
{
    const sv_duration *d = &s->q->duration;
    double u = sv_rng_uniform(&s->rng);
    switch (d->dist) {
    case SV_DIST_EXPONENTIAL:
        return sv_rng_exponential(&s->rng, d->mean_days);
    case SV_DIST_FIXED:
        return u * d->mean_days;
    default:
        return u * sv_sampler_draw(&s->length_biased, &s->rng, &s->normal);
    }
}

/* The samplers of a run: the duration, and the length-biased duration of
 * residual(). */
static void prepare_samplers(sim *s)
{
    const sv_duration *d = &s->q->duration;
    sv_sampler_init(&s->duration, d);
    double m = d->mean_days, cv = d->dist == SV_DIST_FIXED ? 0 : d->cv;
    sv_duration biased = *d;
    biased.mean_days = m * (1 + cv * cv);
    if (d->dist == SV_DIST_GAMMA)
        biased.cv = cv / sqrt(1 + cv * cv);
    sv_sampler_init(&s->length_biased, &biased);
}

static void run_once(sim *s, sv_sim_run *out)
{
    const sv_queue *q = s->q;
    s->events.count = s->next_arrivals.count = 0;
    s->queue.count = s->queue.head = 0;
    s->seq = 0;
    s->busy = 0;
    s->reserved = 0;
    s->now = 0;
    s->area_queue = s->area_busy = 0;
    s->started = false;
    s->queue_start = 0;
    s->waits.count = s->leads.count = 0;
    s->lead_sum = s->lead_max = 0;
    s->admissions = s->arrivals = 0;
    s->events_done = 0;
    s->next_day = 0;
    s->normal.has_spare = false;
    for (uint32_t k = 0; k < s->source_count; k++) {
        s->sources[k].normal.has_spare = false;
        s->sources[k].gaps.at = s->sources[k].gaps.count = 0;
        s->sources[k].stays.at = s->sources[k].stays.count = 0;
    }
    for (uint32_t k = 0; k < q->outcome_count; k++)
        s->outcome_count[k] = 0;

    /* the start: as many slots taken as the long run holds on average
     * (at most all), each with the remaining time of a participant
     * present in the long run; nobody waiting */
    double present = floor(s->lambda * q->duration.mean_days + 0.5);
    int prefill = present < q->slots ? (int)present : q->slots;
    if (s->o->start == SV_SIM_START_EMPTY)
        prefill = 0;
    else if (s->o->start == SV_SIM_START_FULL)
        prefill = q->slots;
    for (int i = 0; i < prefill; i++) {
        s->busy++;
        schedule_departure(s, residual(s));
    }
    s->events_done += (uint64_t)prefill;
    for (uint32_t k = 0; k < s->source_count; k++)
        if (!heap_push(&s->next_arrivals, next_arrival(s, 0, k)))
            s->failed = true;
    bool batch = q->intake_days > 0;
    if (batch)
        s->intake = make_event(s, q->intake_days, EV_INTAKE);

    while (!s->failed) {
        /* the earliest of the next departure, arrival and intake meeting,
         * by time, then kind, then the order they were scheduled */
        const event *next = &s->next_arrivals.items[0];
        if (batch && before(&s->intake, next))
            next = &s->intake;
        event e = s->events.count && before(&s->events.items[0], next) ? heap_pop(&s->events)
                                                                          : *next;
        if (e.t > s->window_end)
            break;
        advance(s, e.t);
        s->events_done++;
        switch ((int)(e.order >> 62)) {
        case EV_ARRIVE: {
            uint32_t source = (uint32_t)((e.order >> SOURCE_SHIFT) & SOURCE_MASK);
            waiting w = arrival_from(s, source, e.t);
            s->arrivals += e.t >= s->window_start;
            if (q->intake_days <= 0 && s->busy < q->slots) {
                admit(s, w, e.t);
            } else {
                if (q->intake_days > 0 && s->busy + (int)s->reserved < q->slots) {
                    w.slot = e.t;
                    s->reserved++;
                }
                if (!ring_push(&s->queue, w))
                    s->failed = true;
            }
            heap_replace_top(&s->next_arrivals, next_arrival(s, e.t, source)); /* e's place */
            break;
        }
        case EV_DEPART:
            s->busy--;
            if (q->intake_days <= 0) {
                if (s->queue.count)
                    admit(s, ring_pop(&s->queue), e.t);
            } else if (s->reserved < s->queue.count) {
                ring_at(&s->queue, s->reserved)->slot = e.t;
                s->reserved++;
            }
            break;
        case EV_INTAKE:
            while (s->reserved) {
                s->reserved--;
                admit(s, ring_pop(&s->queue), e.t);
            }
            s->intake = make_event(s, e.t + q->intake_days, EV_INTAKE);
            break;
        }
    }
    advance(s, s->window_end);

    double months = s->o->months;
    out->admissions = s->admissions;
    out->arrivals = s->arrivals;
    out->events = s->events_done;
    out->utilisation = s->area_busy / (q->slots * s->window);
    out->queue_mean = s->area_queue / s->window;
    out->admissions_per_month = s->admissions / months;
    out->arrivals_per_month = s->arrivals / months;
    out->queue_start = s->queue_start;
    out->queue_end = (double)s->queue.count;
    out->queue_growth_per_month = (out->queue_end - out->queue_start) / months;
    out->lead_sum = s->lead_sum;
    out->lead_max = s->lead_max;
    if (s->queue.count) {
        double oldest = s->window_end - ring_at(&s->queue, 0)->arrival;
        if (oldest > out->lead_max)
            out->lead_max = oldest;
    }
    double n = (double)s->admissions;
    if (s->admissions) {
        double sum = 0;
        uint64_t waited = 0, over = 0;
        for (size_t i = 0; i < s->waits.count; i++) {
            sum += s->waits.v[i];
            waited += s->waits.v[i] > 0;
            over += s->waits.v[i] > s->o->over_days;
        }
        out->share_over = s->o->over_days > 0 ? over / n : NAN;
        out->over_sum = (double)over;
        out->wait_mean = sum / n;
        out->wait_sum = sum;
        out->p_wait = waited / n;
        out->lead_mean = s->lead_sum / n;
    } else {
        out->wait_mean = out->lead_mean = out->p_wait = out->share_over = NAN;
    }
    median_and_p90(s->waits.v, s->waits.count, &out->wait_p50, &out->wait_p90);
    median_and_p90(s->leads.v, s->leads.count, &out->lead_p50, &out->lead_p90);
}

static uint64_t fnv1a(const char *text)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
        h ^= *p;
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

void sv_sim_point_free(sv_sim_point *p)
{
    if (!p)
        return;
    free(p->outcome_share);
    free(p->outcome_target);
    free(p->outcome_target_from);
    free(p->runs);
    free(p->outcome_runs);
    free(p->trace_m2);
    free(p->trace_mean);
    free(p->trace_lo);
    free(p->trace_hi);
    memset(p, 0, sizeof *p);
}

/* The statistic of one double field of the runs. */
static sv_sim_stat stat_of_runs(const sv_sim_run *rs, size_t n, size_t offset)
{
    double *v = malloc(n * sizeof *v);
    if (!v)
        return (sv_sim_stat){.mean = NAN, .lo = NAN, .hi = NAN, .sd = NAN, .n = 0};
    for (size_t i = 0; i < n; i++)
        memcpy(&v[i], (const char *)&rs[i] + offset, sizeof *v);
    sv_sim_stat s = sv_sim_stat_of(v, n, 1);
    free(v);
    return s;
}

/* The mean of a quantity over every admission of every run, sum_r S_r /
 * sum_r N_r, with the 95 % interval of the ratio estimator (the delta
 * method: the variance of S_r - mean N_r over the runs, over (runs mean
 * N)^2, Student's t). Averaging each run's own mean instead weights a run
 * of 40 admissions like one of 400, and the runs with more arrivals, which
 * also wait longer, count for too little: an M/M/5 queue at a load of 0.85
 * over 6-month windows came out 6 % below Erlang C that way. */
static sv_sim_stat ratio_of_runs(const sv_sim_run *rs, size_t n, size_t sum_offset)
{
    sv_sim_stat s;
    memset(&s, 0, sizeof s); /* padding too: results are compared byte for byte */
    s.mean = s.lo = s.hi = s.sd = NAN;
    double total = 0, count = 0;
    uint32_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!rs[i].admissions)
            continue;
        double sum;
        memcpy(&sum, (const char *)&rs[i] + sum_offset, sizeof sum);
        total += sum;
        count += (double)rs[i].admissions;
        k++;
    }
    s.n = k;
    if (!k)
        return s;
    s.mean = total / count;
    if (k < 2)
        return s;
    double m2 = 0, mean_count = count / k;
    for (size_t i = 0; i < n; i++) {
        if (!rs[i].admissions)
            continue;
        double sum;
        memcpy(&sum, (const char *)&rs[i] + sum_offset, sizeof sum);
        double residual = sum - s.mean * (double)rs[i].admissions;
        m2 += residual * residual;
    }
    s.sd = sqrt(m2 / (k - 1)) / mean_count;
    double half = sv_sim_t975(k - 1) * s.sd / sqrt((double)k);
    s.lo = s.mean - half < 0 ? 0 : s.mean - half;
    s.hi = s.mean + half;
    return s;
}

static bool sources_valid(const sv_queue *q)
{
    if (q->source_count > SV_SIM_MAX_SOURCES || (q->source_count && !q->sources))
        return false;
    for (uint32_t k = 0; k < q->source_count; k++)
        if (!(q->sources[k].share > 0) || !isfinite(q->sources[k].share))
            return false;
    return true;
}

static bool queue_valid(const sv_queue *q)
{
    return sources_valid(q) && q->arrivals_per_month > 0 && isfinite(q->arrivals_per_month) && q->slots > 0 &&
           q->duration.mean_days > 0 && isfinite(q->duration.mean_days) &&
           (q->duration.dist == SV_DIST_FIXED || q->duration.dist == SV_DIST_EXPONENTIAL ||
            (q->duration.cv >= 0 && isfinite(q->duration.cv))) &&
           q->intake_days >= 0 && isfinite(q->intake_days);
}

/* The one more round of sv_sim_queue: may the runs be extended past
 * options.runs when their own intervals say the precision needs more, and
 * to how many they were. */
typedef struct extension {
    double budget;      /* events the runs may take in all */
    uint32_t granted;   /* the runs extended to; 0 when not */
} extension;

static int simulate(sv_sim_point *out, const sv_queue *q, const sv_sim_options *o,
                    sv_diags *diags, extension *more, const sv_sim_point *from);

int sv_sim_queue(sv_sim_point *out, const sv_queue *q, const sv_sim_options *o, sv_diags *diags)
{
    return simulate(out, q, o, diags, NULL, NULL);
}

int sv_sim_point_extend(sv_sim_point *p, uint32_t runs, const sv_sim_options *options,
                        sv_diags *diags)
{
    sv_sim_options o = *options;
    o.as_given = true;
    o.warmup = p->warmup;
    o.months = p->months;
    o.runs = (int)runs;
    o.keep_runs = true;
    o.trace = p->trace_mean != NULL;
    /* the runs done are taken over only when all they left is kept */
    bool whole = p->runs && runs >= p->run_count &&
                 (!p->queue.outcome_count || p->outcome_runs) && (!o.trace || p->trace_m2);
    sv_sim_point q;
    if (simulate(&q, &p->queue, &o, diags, NULL, whole ? p : NULL) != 0)
        return -1;
    q.choice = p->choice;
    q.pos = p->pos;
    for (uint32_t k = 0; k < p->queue.outcome_count; k++) {
        q.outcome_target[k] = p->outcome_target[k];
        q.outcome_target_from[k] = p->outcome_target_from[k];
    }
    sv_sim_point_free(p);
    *p = q;
    return 0;
}

/* The runs the precision needs after the first `runs` of rs: their own
 * intervals of the mean wait and lead time (as sv_sim_point_runs_needed). */
static uint32_t runs_needed_after(const sv_sim_run *rs, size_t runs, const sv_sim_point *out,
                                  double precision);

/* Simulates o->runs runs of q into *out; `more` may extend them for the
 * precision; `from`, a point of the same queue and options with fewer runs
 * and everything they left kept, gives its runs, which are then not run
 * again (the result is the same, bit for bit: replication r does not
 * depend on the others, and the trace's running sums go on in order). */
static int simulate(sv_sim_point *out, const sv_queue *q, const sv_sim_options *o,
                    sv_diags *diags, extension *more, const sv_sim_point *from)
{
    memset(out, 0, sizeof *out);
    if (sv_sim_options_check(o, diags) != 0)
        return -1;
    if (!queue_valid(q)) {
        sv_diags_add(diags, "sim-incomplete", no_pos(),
                     _("service point '%s' lacks arrivals, slots or a duration and cannot be "
                       "simulated"),
                     q->name ? q->name : "?");
        return -1;
    }
    if (!o->as_given) {
        sv_sim_options chosen = *o;
        chosen.as_given = true;
        sv_sim_choice choice;
        if (sv_sim_choose(&chosen, q, &choice, diags) != 0)
            return -1;
        /* the pilot's estimate of the runs needed can fall short: one more
         * round with what the runs' own intervals say, the runs going on
         * from where they stopped (replication r is the same whatever the
         * number of runs) */
        double budget = o->max_events > 0 ? o->max_events : SV_SIM_MAX_EVENTS;
        extension ext = {.budget = budget / 2};
        if (simulate(out, q, &chosen, diags, choice.runs_chosen && choice.settled ? &ext : NULL,
                     NULL) != 0)
            return -1;
        if (ext.granted)
            choice.runs_needed = ext.granted;
        out->choice = choice;
        return 0;
    }
    double expected = sv_sim_expected_events(q, o);
    double limit = o->max_events > 0 ? o->max_events : SV_SIM_MAX_EVENTS;
    if (expected > SV_SIM_MAX_RUN_EVENTS || expected * o->runs > limit) {
        sv_diags_add(diags, "sim-too-large", no_pos(),
                     _("simulating service point '%s' would take about %.3g events (at most %.3g "
                       "in all and %.3g per run): lower --runs or --months"),
                     q->name ? q->name : "?", expected * o->runs, limit, SV_SIM_MAX_RUN_EVENTS);
        return -1;
    }

    out->queue = *q;
    out->warmup = o->warmup;
    out->months = o->months;
    out->choice = (sv_sim_choice){.warmup_suggested = -1};
    out->load = sv_sim_load(q);
    out->unstable = out->load >= 1;
    out->analytic = sv_sim_analytic_for(q);
    out->run_count = (uint32_t)o->runs;

    sim s = {.q = q, .o = o};
    s.lambda = q->arrivals_per_month / SV_DAYS_PER_MONTH;
    s.window_start = o->warmup * SV_DAYS_PER_MONTH;
    s.window_end = (o->warmup + o->months) * SV_DAYS_PER_MONTH;
    s.window = s.window_end - s.window_start;
    for (uint32_t k = 0; k < q->outcome_count; k++)
        s.outcome_total += q->outcomes[k].share;
    prepare_samplers(&s);

    size_t runs = (size_t)o->runs, oc = q->outcome_count;
    sv_sim_run *rs = calloc(runs, sizeof *rs);
    double *shares = calloc(runs * (oc ? oc : 1), sizeof *shares);
    s.outcome_count = calloc(oc ? oc : 1, sizeof *s.outcome_count);
    s.outcome_cum = calloc(oc ? oc : 1, sizeof *s.outcome_cum);
    double *trace_m2 = NULL;
    bool ok = rs && shares && s.outcome_count && s.outcome_cum;
    if (ok) {
        /* the partial sums of outcome_total, in the same order (0 + the
         * first share is the first share exactly) */
        double cum = 0;
        s.outcome_sorted = true;
        for (size_t k = 0; k < oc; k++) {
            s.outcome_cum[k] = cum += q->outcomes[k].share;
            if (!(k ? s.outcome_cum[k] >= s.outcome_cum[k - 1] : !isnan(cum)))
                s.outcome_sorted = false;
        }
    }
    if (ok && o->trace) {
        s.trace_days = (uint32_t)ceil(s.window_end);
        s.trace_sample = calloc(s.trace_days, sizeof *s.trace_sample);
        out->trace_mean = calloc(s.trace_days, sizeof *out->trace_mean);
        out->trace_lo = calloc(s.trace_days, sizeof *out->trace_lo);
        out->trace_hi = calloc(s.trace_days, sizeof *out->trace_hi);
        trace_m2 = calloc(s.trace_days, sizeof *trace_m2);
        out->trace_days = s.trace_days;
        ok = s.trace_sample && out->trace_mean && out->trace_lo && out->trace_hi && trace_m2;
    }

    /* The streams. Each source's are seeded by the seed and the source's
     * name: its arrival times from that state, its stays from it
     * long-jumped once, its outcomes twice, so that none disturbs another;
     * the remaining stays of those present at the start come from the
     * point's own name long-jumped three times. Replication r has all of
     * them jumped r times. */
    sv_sim_source own = {.name = q->name, .share = 1};
    const sv_sim_source *sources = q->source_count ? q->sources : &own;
    s.source_count = q->source_count ? q->source_count : 1;
    s.sources = calloc(s.source_count, sizeof *s.sources);
    sv_rng *bases = calloc(3 * (size_t)s.source_count, sizeof *bases), start;
    ok = ok && s.sources && bases;
    double share_total = 0;
    for (uint32_t k = 0; ok && k < s.source_count; k++)
        share_total += sources[k].share;
    for (uint32_t k = 0; ok && k < s.source_count; k++) {
        sv_rng *b = &bases[3 * (size_t)k];
        sv_rng_seed(&b[0], o->seed ^ fnv1a(sources[k].name));
        b[1] = b[0];
        sv_rng_long_jump(&b[1]);
        b[2] = b[1];
        sv_rng_long_jump(&b[2]);
        s.sources[k].mean_gap = share_total / sources[k].share / s.lambda;
        /* drawn ahead only where a run uses them: a merged point of
         * thousands of parts has a few arrivals a part and run */
        s.sources[k].batch = s.window_end >= 4 * AHEAD * s.sources[k].mean_gap ? AHEAD : 1;
    }
    sv_rng_seed(&start, o->seed ^ fnv1a(q->name));
    for (int j = 0; j < 3; j++)
        sv_rng_long_jump(&start);
    size_t first = 0;
    if (ok && from) {
        first = from->run_count;
        memcpy(rs, from->runs, first * sizeof *rs);
        if (oc)
            memcpy(shares, from->outcome_runs, first * oc * sizeof *shares);
        if (s.trace_sample) {
            memcpy(out->trace_mean, from->trace_mean, s.trace_days * sizeof *out->trace_mean);
            memcpy(trace_m2, from->trace_m2, s.trace_days * sizeof *trace_m2);
        }
        out->events = from->events;
        for (size_t r = 0; r < first; r++) {
            sv_rng_jump(&start);
            for (size_t j = 0; j < 3 * (size_t)s.source_count; j++)
                sv_rng_jump(&bases[j]);
        }
    }
    for (size_t r = first; ok && r < runs; r++) {
        s.rng = start;
        sv_rng_jump(&start);
        for (uint32_t k = 0; k < s.source_count; k++) {
            sv_rng *b = &bases[3 * (size_t)k];
            s.sources[k].arrive = b[0];
            s.sources[k].stay = b[1];
            s.sources[k].outcome = b[2];
            for (int j = 0; j < 3; j++)
                sv_rng_jump(&b[j]);
        }
        run_once(&s, &rs[r]);
        if (s.failed) {
            ok = false;
            break;
        }
        if (more && !more->granted && r + 1 == runs) {
            uint32_t needed = runs_needed_after(rs, runs, out, o->precision);
            if (needed > runs && needed <= SV_SIM_MAX_CHOSEN_RUNS &&
                needed * sv_sim_expected_events(q, o) <= more->budget) {
                sv_sim_run *grown = realloc(rs, needed * sizeof *rs);
                if (grown)
                    rs = grown;
                double *wider = grown ? realloc(shares, needed * (oc ? oc : 1) * sizeof *shares) : NULL;
                if (!wider) {
                    ok = false;
                    break;
                }
                shares = wider;
                memset(rs + runs, 0, (needed - runs) * sizeof *rs);
                more->granted = needed;
                runs = needed;
                out->run_count = needed;
            }
        }
        out->events += rs[r].events;
        for (size_t k = 0; k < oc; k++)
            shares[r * oc + k] = s.admissions ? s.outcome_count[k] / (double)s.admissions : NAN;
        if (s.trace_sample) {
            for (uint32_t d = 0; d < s.trace_days; d++) {
                double x = s.trace_sample[d], delta = x - out->trace_mean[d];
                out->trace_mean[d] += delta / (double)(r + 1);
                trace_m2[d] += delta * (x - out->trace_mean[d]);
            }
        }
    }
    if (ok && oc) {
        out->outcome_share = calloc(oc, sizeof *out->outcome_share);
        out->outcome_target = calloc(oc, sizeof *out->outcome_target);
        out->outcome_target_from = calloc(oc, sizeof *out->outcome_target_from);
        ok = out->outcome_share && out->outcome_target && out->outcome_target_from;
    }
    if (ok) {
#define STAT(field) stat_of_runs(rs, runs, offsetof(sv_sim_run, field))
        out->wait = ratio_of_runs(rs, runs, offsetof(sv_sim_run, wait_sum));
        out->wait_p50 = STAT(wait_p50);
        out->wait_p90 = STAT(wait_p90);
        out->lead = ratio_of_runs(rs, runs, offsetof(sv_sim_run, lead_sum));
        out->lead_p50 = STAT(lead_p50);
        out->lead_p90 = STAT(lead_p90);
        out->p_wait = STAT(p_wait);
        out->utilisation = STAT(utilisation);
        out->queue_length = STAT(queue_mean);
        out->admissions_per_month = STAT(admissions_per_month);
        out->arrivals_per_month = STAT(arrivals_per_month);
        out->queue_growth_per_month = STAT(queue_growth_per_month);
        /* pooled over every admission, as the mean wait */
        if (o->over_days > 0)
            out->share_over = ratio_of_runs(rs, runs, offsetof(sv_sim_run, over_sum));
#undef STAT
        for (size_t k = 0; k < oc; k++) {
            out->outcome_share[k] = sv_sim_stat_of(shares + k, runs, oc);
            out->outcome_target[k] = q->outcomes[k].share;
        }
        if (s.trace_sample) {
            double t = runs > 1 ? sv_sim_t975((uint32_t)runs - 1) : NAN;
            for (uint32_t d = 0; d < s.trace_days; d++) {
                double half = runs > 1 ? t * sqrt(trace_m2[d] / (runs - 1) / runs) : NAN;
                /* a queue is never shorter than empty: the band stops at
                   zero, as the intervals of the other measures do */
                out->trace_lo[d] = out->trace_mean[d] - half < 0 ? 0 : out->trace_mean[d] - half;
                out->trace_hi[d] = out->trace_mean[d] + half;
            }
        }
        if (o->keep_runs) {
            /* with what sv_sim_point_extend needs to go on from them */
            out->runs = rs;
            rs = NULL;
            if (oc) {
                out->outcome_runs = shares;
                shares = NULL;
            }
            out->trace_m2 = trace_m2;
            trace_m2 = NULL;
        }
    } else {
        sv_diags_add(diags, "sim-failed", no_pos(),
                     _("out of memory while simulating service point '%s'"),
                     q->name ? q->name : "?");
    }
    free(rs);
    free(shares);
    free(trace_m2);
    free(s.outcome_count);
    free(s.outcome_cum);
    free(s.sources);
    free(bases);
    free(s.trace_sample);
    free(s.events.items);
    free(s.next_arrivals.items);
    free(s.queue.items);
    free(s.waits.v);
    free(s.leads.v);
    if (!ok) {
        sv_sim_point_free(out);
        return -1;
    }
    return 0;
}

static uint32_t runs_needed_after(const sv_sim_run *rs, size_t runs, const sv_sim_point *out,
                                  double precision)
{
    sv_sim_point p = {.unstable = out->unstable, .run_count = (uint32_t)runs};
    p.wait = ratio_of_runs(rs, runs, offsetof(sv_sim_run, wait_sum));
    p.lead = ratio_of_runs(rs, runs, offsetof(sv_sim_run, lead_sum));
    return sv_sim_point_runs_needed(&p, precision);
}

static double relative_half_width(const sv_sim_stat *s)
{
    if (!(s->hi >= s->lo) || !(fabs(s->mean) > 0))
        return NAN;
    return (s->hi - s->lo) / 2 / fabs(s->mean);
}

double sv_sim_point_precision(const sv_sim_point *p)
{
    if (p->unstable)
        return NAN;
    double w = relative_half_width(&p->wait), l = relative_half_width(&p->lead);
    if (isnan(w))
        return l;
    return isnan(l) || w > l ? w : l;
}

/* The square of how far an interval is from the precision (1 or less:
 * within it). */
static double excess(const sv_sim_stat *s, double precision)
{
    if (!(s->hi >= s->lo) || isnan(s->mean))
        return 0;
    double ratio = (s->hi - s->lo) / 2 / sv_sim_half_width_target(s->mean, precision);
    return ratio * ratio;
}

uint32_t sv_sim_point_runs_needed(const sv_sim_point *p, double precision)
{
    if (p->unstable || p->run_count < 2)
        return p->run_count;
    double factor = fmax(excess(&p->wait, precision), excess(&p->lead, precision));
    if (factor <= 1)
        return p->run_count;
    double runs = ceil(p->run_count * factor * 1.1);
    return runs > SV_SIM_MAX_RUNS ? SV_SIM_MAX_RUNS : (uint32_t)runs;
}

unsigned sv_sim_point_warnings(const sv_sim_point *p, double precision)
{
    unsigned flags = 0;
    if (!p->choice.warmup_chosen && p->choice.settled && p->choice.warmup_suggested > p->warmup)
        flags |= SV_SIM_WARN_WARMUP_SHORT;
    if (p->choice.measured && !p->choice.settled)
        flags |= SV_SIM_WARN_NO_STEADY_STATE;
    if (!p->unstable && p->choice.settled && sv_sim_point_runs_needed(p, precision) > p->run_count)
        flags |= SV_SIM_WARN_IMPRECISE;
    return flags;
}
