/*
 * Benchmark of the simulation stage on one core: events per second of the
 * event loop on an M/M/c queue, and the time of `simulate --runs 1000
 * --months 120` on the Umeå model (its two service points as they are, and
 * merged into one: arrivals and slots summed, duration and cv weighted by
 * arrivals, biweekly intake; the merged-torg scenario will replace this).
 * Prints the median of N repetitions.
 * Usage: bench_sim [--repeat N] [MODEL]   (default models/umea-2024.yaml)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "samverkan/samverkan.h"
#include "samverkan/sim.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Simulates q `repeat` times; prints the median time and events per second. */
static int bench_queue(const char *what, const sv_queue *q, const sv_sim_options *o, int repeat)
{
    double times[64];
    uint64_t events = 0;
    for (int i = 0; i < repeat; i++) {
        sv_diags diags;
        sv_diags_init(&diags);
        sv_sim_point p;
        double t0 = now_s();
        if (sv_sim_queue(&p, q, o, &diags) != 0) {
            fprintf(stderr, "bench_sim: %s: %s\n", what, diags.count ? diags.items[0].message : "?");
            sv_diags_free(&diags);
            return -1;
        }
        times[i] = now_s() - t0;
        events = p.events;
        sv_sim_point_free(&p);
        sv_diags_free(&diags);
    }
    double t = median(times, repeat);
    printf("%-44s %6d runs x %4d months  %12llu events  %8.3f s  %6.1f M events/s\n", what,
           o->runs, o->months, (unsigned long long)events, t, events / t / 1e6);
    return 0;
}

int main(int argc, char **argv)
{
    int repeat = 3;
    const char *path = "models/umea-2024.yaml";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else
            path = argv[i];
    }
    if (repeat < 1 || repeat > 64) {
        fprintf(stderr, "bench_sim: --repeat must be 1..64\n");
        return 2;
    }

    sv_sim_options o;
    sv_sim_options_default(&o);

    /* the event loop alone: M/M/c at rho 0.9, continuous intake */
    sv_queue mmc = {.name = "mmc", .arrivals_per_month = 27 * SV_DAYS_PER_MONTH, .slots = 30,
                    .duration = {.dist = SV_DIST_EXPONENTIAL, .mean_days = 1, .cv = 1}};
    o.runs = 20;
    o.months = 120;
    if (bench_queue("M/M/30, rho 0.9, exponential", &mmc, &o, repeat) != 0)
        return 1;

    sv_diags diags;
    sv_diags_init(&diags);
    sv_model *model = NULL;
    if (sv_model_load(&model, path, NULL, &diags) != 0 || model->service_point_count < 2) {
        fprintf(stderr, "bench_sim: cannot load %s with two service points\n", path);
        return 2;
    }
    o.runs = 1000;
    o.months = 120;
    double total = 0, arrivals = 0, mean = 0, cv = 0;
    int slots = 0;
    uint64_t events = 0;
    double times[64];
    for (int i = 0; i < repeat; i++) {
        sv_sim_result *res = NULL;
        double t0 = now_s();
        if (sv_sim_model(&res, model, &o, &diags) != 0) {
            fprintf(stderr, "bench_sim: the model could not be simulated\n");
            return 1;
        }
        times[i] = now_s() - t0;
        events = res->events;
        sv_sim_result_free(res);
    }
    total = median(times, repeat);
    printf("%-44s %6d runs x %4d months  %12llu events  %8.3f s  %6.1f M events/s\n",
           "umea-2024, both service points", o.runs, o.months, (unsigned long long)events, total,
           events / total / 1e6);

    /* merged: sums and arrival-weighted means */
    for (uint32_t i = 0; i < model->service_point_count; i++) {
        const sv_service_point *sp = &model->service_points[i];
        arrivals += sp->arrivals_per_month;
        slots += sp->slots;
        mean += sp->arrivals_per_month * sp->duration.mean_days;
        cv += sp->arrivals_per_month * sp->duration.cv;
    }
    sv_queue merged = {.name = "torget", .arrivals_per_month = arrivals, .slots = slots,
                       .intake_days = sv_cadence_days(model->service_points[0].intake),
                       .duration = {.dist = model->service_points[0].duration.dist,
                                    .mean_days = mean / arrivals, .cv = cv / arrivals}};
    char what[128];
    snprintf(what, sizeof what, "umea-2024 merged (%.0f/month, %d slots)", arrivals, slots);
    int rc = bench_queue(what, &merged, &o, repeat);
    sv_model_free(model);
    sv_diags_free(&diags);
    return rc == 0 ? 0 : 1;
}
