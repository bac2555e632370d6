/*
 * Benchmark of `check`'s stages on one model file: the raw libyaml event
 * parse (the floor no loader can beat), load (events -> positioned tree),
 * schema (tree -> model), rules, and the whole. Prints the median of N
 * runs in milliseconds, wall-clock and CPU time of the process (user and
 * system: steadier on a shared machine), and the share of the whole spent
 * reading YAML.
 * Usage: bench_check [--runs N] [--max-file-size BYTES] MODEL
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "samverkan/samverkan.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
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

static char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
        free(data);
        data = NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return data;
}

/* libyaml alone: every event parsed and dropped. */
static size_t raw_parse(const char *data, size_t size)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, size);
    size_t events = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev))
            break;
        int end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        events++;
        if (end)
            break;
    }
    yaml_parser_delete(&parser);
    return events;
}

int main(int argc, char **argv)
{
    int runs = 5;
    const char *path = NULL;
    sv_load_limits limits;
    sv_load_limits_default(&limits);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--max-file-size") == 0 && i + 1 < argc)
            limits.max_file_bytes = (size_t)atoll(argv[++i]);
        else
            path = argv[i];
    }
    if (!path || runs < 1) {
        fprintf(stderr, "usage: bench_check [--runs N] [--max-file-size BYTES] MODEL\n");
        return 2;
    }
    size_t size;
    char *data = read_all(path, &size);
    if (!data) {
        perror(path);
        return 2;
    }
    limits.max_nodes = (size_t)-1;
    sv_library_init();
    double *t_raw = calloc((size_t)runs, sizeof(double)), *t_load = calloc((size_t)runs, sizeof(double)),
           *t_schema = calloc((size_t)runs, sizeof(double)), *t_rules = calloc((size_t)runs, sizeof(double)),
           *t_total = calloc((size_t)runs, sizeof(double));
    /* the same, in CPU time */
    double *c_raw = calloc((size_t)runs, sizeof(double)), *c_load = calloc((size_t)runs, sizeof(double)),
           *c_schema = calloc((size_t)runs, sizeof(double)), *c_rules = calloc((size_t)runs, sizeof(double)),
           *c_total = calloc((size_t)runs, sizeof(double));
    size_t events = 0, elements = 0, findings = 0, bodies = 0, steps = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now_ms(), u0 = cpu_ms();
        events = raw_parse(data, size);
        double t1 = now_ms(), u1 = cpu_ms();
        sv_diags diags;
        sv_diags_init(&diags);
        sv_tree *tree;
        if (sv_tree_load_buffer(&tree, path, data, size, &limits, &diags) != 0) {
            fprintf(stderr, "%s: does not load (%s)\n", path, diags.items[0].message);
            return 2;
        }
        double t2 = now_ms(), u2 = cpu_ms();
        sv_model *model;
        if (sv_schema_build(&model, tree, &diags) != 0) {
            fprintf(stderr, "%s: does not load (%s)\n", path, diags.items[0].message);
            return 2;
        }
        sv_tree_free(tree);
        double t3 = now_ms(), u3 = cpu_ms();
        sv_findings f;
        sv_findings_init(&f);
        sv_rules_run(&f, model, NULL, &diags);
        double t4 = now_ms(), u4 = cpu_ms();
        elements = model->element_count;
        bodies = model->body_count;
        steps = model->step_count;
        findings = f.count;
        sv_findings_free(&f);
        sv_model_free(model);
        sv_diags_free(&diags);
        t_raw[r] = t1 - t0;
        t_load[r] = t2 - t1;
        t_schema[r] = t3 - t2;
        t_rules[r] = t4 - t3;
        t_total[r] = t4 - t1;
        c_raw[r] = u1 - u0;
        c_load[r] = u2 - u1;
        c_schema[r] = u3 - u2;
        c_rules[r] = u4 - u3;
        c_total[r] = u4 - u1;
    }
    double raw = median(t_raw, runs), load = median(t_load, runs), schema = median(t_schema, runs),
           rules = median(t_rules, runs), total = median(t_total, runs);
    printf("%s: %.1f MiB, %zu YAML events, %zu elements (%zu bodies, %zu steps), %zu findings\n",
           path, size / 1048576.0, events, elements, bodies, steps, findings);
    printf("  median of %d runs, ms: libyaml-only %.1f | load %.1f | schema %.1f | rules %.1f | "
           "load+check %.1f\n",
           runs, raw, load, schema, rules, total);
    printf("  median of %d runs, CPU ms: libyaml-only %.1f | load %.1f | schema %.1f | rules %.1f | "
           "load+check %.1f\n",
           runs, median(c_raw, runs), median(c_load, runs), median(c_schema, runs),
           median(c_rules, runs), median(c_total, runs));
    printf("  share of load+check spent in YAML parsing (load stage): %.0f %%; "
           "load stage vs libyaml alone: %.2fx\n",
           100.0 * load / total, load / raw);
    free(t_raw);
    free(t_load);
    free(t_schema);
    free(t_rules);
    free(t_total);
    free(c_raw);
    free(c_load);
    free(c_schema);
    free(c_rules);
    free(c_total);
    free(data);
    return 0;
}
