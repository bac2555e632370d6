/*
 * The yardstick for `samverkan simulate`: the same queue written the way a
 * programmer would write it by hand in an afternoon, with libm's log, exp
 * and sqrt and nothing else. One service point with Poisson arrivals, a
 * number of slots, intake meetings every so many days (a slot freed between
 * meetings is reserved for the first in line, who starts at the next
 * meeting) or continuous intake, lognormal durations, the long run's share
 * of participants present at the start, a warm-up, and per run the waits
 * and lead times kept and the mean wait. It computes no percentile,
 * confidence interval, outcome, trace or table and reads no model: it is
 * the floor that the real command is measured against (docs/performance.md,
 * "simulate").
 *
 * Usage: sim_reference RUNS MONTHS [ARRIVALS_PER_MONTH SLOTS INTAKE_DAYS MEAN_DAYS CV]...
 * Each group of five numbers is one service point, simulated RUNS times.
 * Prints the mean wait over the runs of each point, so the work cannot be
 * optimised away, and the number of events.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAYS_PER_MONTH (365.25 / 12)

static uint64_t state[4];

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* xoshiro256** (Blackman and Vigna, public domain), as samverkan uses */
static uint64_t next(void)
{
    uint64_t result = rotl(state[1] * 5, 7) * 9, t = state[1] << 17;
    state[2] ^= state[0];
    state[3] ^= state[1];
    state[1] ^= state[2];
    state[0] ^= state[3];
    state[2] ^= t;
    state[3] = rotl(state[3], 45);
    return result;
}

static double uniform(void)
{
    return ((double)(next() >> 11) + 0.5) * 0x1.0p-53;
}

static double spare;
static int has_spare;

static double normal(void)
{
    if (has_spare) {
        has_spare = 0;
        return spare;
    }
    double u, v, s;
    do {
        u = 2 * uniform() - 1;
        v = 2 * uniform() - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = sqrt(-2 * log(s) / s);
    spare = v * f;
    has_spare = 1;
    return u * f;
}

typedef struct {
    double t;
    uint64_t order;
} event;

static event *heap;
static size_t heap_count, heap_cap;

static int before(const event *a, const event *b)
{
    return a->t < b->t || (a->t == b->t && a->order < b->order);
}

static void push(double t, int kind, uint64_t *seq)
{
    if (heap_count == heap_cap) {
        heap_cap = heap_cap ? 2 * heap_cap : 64;
        heap = realloc(heap, heap_cap * sizeof *heap);
        if (!heap)
            exit(1);
    }
    event e = {t, ((uint64_t)kind << 62) | (*seq)++};
    size_t i = heap_count++;
    while (i > 0 && before(&e, &heap[(i - 1) / 2])) {
        heap[i] = heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    heap[i] = e;
}

static event pop(void)
{
    event top = heap[0], last = heap[--heap_count];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= heap_count)
            break;
        if (c + 1 < heap_count && before(&heap[c + 1], &heap[c]))
            c++;
        if (!before(&heap[c], &last))
            break;
        heap[i] = heap[c];
        i = c;
    }
    if (heap_count)
        heap[i] = last;
    return top;
}

int main(int argc, char **argv)
{
    if (argc < 8 || (argc - 3) % 5) {
        fprintf(stderr, "usage: sim_reference RUNS MONTHS [ARRIVALS SLOTS INTAKE_DAYS MEAN CV]...\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    double months = atof(argv[2]), warmup = 6;
    double start = warmup * DAYS_PER_MONTH, end = (warmup + months) * DAYS_PER_MONTH;
    uint64_t events = 0;
    for (int a = 3; a < argc; a += 5) {
        double lambda = atof(argv[a]) / DAYS_PER_MONTH, intake = atof(argv[a + 2]);
        int slots = atoi(argv[a + 1]);
        double mean = atof(argv[a + 3]), cv = atof(argv[a + 4]);
        double sigma2 = log(1 + cv * cv), mu = log(mean) - sigma2 / 2, sigma = sqrt(sigma2);
        double biased_mu = log(mean * (1 + cv * cv)) - sigma2 / 2;
        uint64_t x = 0x9E3779B97F4A7C15u ^ (uint64_t)a;
        for (int i = 0; i < 4; i++) {
            uint64_t z = (x += 0x9E3779B97F4A7C15u);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
            state[i] = z ^ (z >> 31);
        }
        double sum_mean_wait = 0;
        size_t cap = (size_t)(lambda * end * 2 + 64);
        double *arrival = malloc(cap * sizeof *arrival), *slot = malloc(cap * sizeof *slot);
        double *waits = malloc(cap * sizeof *waits), *leads = malloc(cap * sizeof *leads);
        if (!arrival || !slot || !waits || !leads)
            return 1;
        for (int r = 0; r < runs; r++) {
            uint64_t seq = 0;
            size_t head = 0, tail = 0, reserved = 0, n = 0;
            int busy = 0;
            has_spare = 0;
            heap_count = 0;
            double present = floor(lambda * mean + 0.5);
            for (int i = 0; i < (present < slots ? present : slots); i++, busy++)
                push(uniform() * exp(biased_mu + sigma * normal()), 0, &seq);
            push(-log(uniform()) / lambda, 1, &seq);
            if (intake > 0)
                push(intake, 2, &seq);
            while (heap_count) {
                event e = pop();
                if (e.t > end)
                    break;
                events++;
                int kind = (int)(e.order >> 62);
                if (kind == 1) { /* arrival */
                    if (tail == cap)
                        return 1;
                    arrival[tail] = e.t;
                    slot[tail] = -1;
                    if (intake <= 0 && busy < slots) {
                        busy++;
                        if (e.t >= start) {
                            waits[n] = 0;
                            leads[n++] = 0;
                        }
                        push(e.t + exp(mu + sigma * normal()), 0, &seq);
                    } else {
                        if (intake > 0 && busy + (int)reserved < slots) {
                            slot[tail] = e.t;
                            reserved++;
                        }
                        tail++;
                    }
                    push(e.t - log(uniform()) / lambda, 1, &seq);
                } else if (kind == 0) { /* departure */
                    busy--;
                    if (intake <= 0 && head < tail) {
                        busy++;
                        if (e.t >= start) {
                            waits[n] = e.t - arrival[head];
                            leads[n++] = e.t - arrival[head];
                        }
                        head++;
                        push(e.t + exp(mu + sigma * normal()), 0, &seq);
                    } else if (intake > 0 && head + reserved < tail) {
                        slot[head + reserved++] = e.t;
                    }
                } else { /* intake meeting */
                    for (; reserved; reserved--, head++) {
                        busy++;
                        if (e.t >= start) {
                            waits[n] = slot[head] - arrival[head];
                            leads[n++] = e.t - arrival[head];
                        }
                        push(e.t + exp(mu + sigma * normal()), 0, &seq);
                    }
                    push(e.t + intake, 2, &seq);
                }
            }
            double sum = 0;
            for (size_t i = 0; i < n; i++)
                sum += waits[i];
            sum_mean_wait += n ? sum / n : 0;
        }
        printf("point %d: mean wait %.3f days over %d runs\n", (a - 3) / 5 + 1, sum_mean_wait / runs,
               runs);
        free(arrival);
        free(slot);
        free(waits);
        free(leads);
    }
    printf("%llu events\n", (unsigned long long)events);
    free(heap);
    return 0;
}
