/*
 * The conclusion and the capacity plan of the simulation (src/sim/
 * compare.c, src/sim/capacity.c): the target's parsing; the search by
 * Erlang C and by simulation returning Erlang C's c over a grid of M/M/c
 * settings; a paired comparison with common random numbers narrower
 * than Welch's on the same runs, for one point with a slot more and for a
 * merge of two; the streams of a source giving a merged point exactly its
 * parts' arrivals; the staff of a plan; and a merged service point found
 * through the scenario's merge, with vuxentorget said to be at capacity.
 * The plans that docs/simulation.md records are held to what `simulate`
 * prints by tests/docs/check_sim_capacity.py.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "samverkan/samverkan.h"
#include "samverkan/sim.h"

static void test_target_parse(void **state)
{
    (void)state;
    sv_sim_target t;
    assert_int_equal(sv_sim_target_parse(&t, "wait=14d"), 0);
    assert_int_equal(t.kind, SV_SIM_TARGET_WAIT);
    assert_true(t.days == 14);
    assert_int_equal(sv_sim_target_parse(&t, "lead=2w"), 0);
    assert_int_equal(t.kind, SV_SIM_TARGET_LEAD);
    assert_true(t.days == 14);
    assert_int_equal(sv_sim_target_parse(&t, "p90=1m"), 0);
    assert_true(fabs(t.days - 30.4375) < 1e-12);
    assert_int_equal(sv_sim_target_parse(&t, "share-over=30d:10%"), 0);
    assert_int_equal(t.kind, SV_SIM_TARGET_SHARE_OVER);
    assert_true(t.days == 30 && fabs(t.share - 0.1) < 1e-12);
    assert_int_equal(sv_sim_target_parse(&t, "wait=14"), -1);
    assert_int_equal(sv_sim_target_parse(&t, "wait=-1d"), -1);
    assert_int_equal(sv_sim_target_parse(&t, "share-over=30d"), -1);
    assert_int_equal(sv_sim_target_parse(&t, "share-over=30d:100%"), -1);
    assert_int_equal(sv_sim_target_parse(&t, "slots=3"), -1);
}

/* Erlang C's mean wait at c slots, written out here from the formula
 * rather than through the library: a / c < 1, Erlang B by recursion. */
static double erlang_c_wait(double lambda, double mu, int c)
{
    double a = lambda / mu, b = 1;
    if (a >= c)
        return INFINITY;
    for (int k = 1; k <= c; k++)
        b = a * b / (k + a * b);
    double pw = c * b / (c - a * (1 - b));
    return pw / (c * mu - lambda);
}

/* Over a grid of M/M/c settings, a target halfway (geometrically) between
 * Erlang C's waits at c − 1 and c slots: both searches must return c. */
static void test_search_returns_erlang_c(void **state)
{
    (void)state;
    static const struct {
        double arrivals_per_month, mean_days;
        int c;
    } grid[] = {{30, 10, 12}, {30, 10, 14}, {60, 5, 12}, {15, 20, 12}};
    for (size_t i = 0; i < sizeof grid / sizeof grid[0]; i++) {
        sv_queue q = {.name = "mmc",
                      .arrivals_per_month = grid[i].arrivals_per_month,
                      .slots = grid[i].c + 5,
                      .duration = {SV_DIST_EXPONENTIAL, grid[i].mean_days, 1}};
        double lambda = q.arrivals_per_month / SV_DAYS_PER_MONTH, mu = 1 / q.duration.mean_days;
        double above = erlang_c_wait(lambda, mu, grid[i].c - 1);
        double at = erlang_c_wait(lambda, mu, grid[i].c);
        assert_true(isfinite(above) && at < above);
        sv_sim_target t = {SV_SIM_TARGET_WAIT, sqrt(at * above), 0};
        assert_int_equal(sv_sim_erlang_c_slots(&q, &t), grid[i].c);
        sv_sim_options o;
        sv_sim_options_default(&o);
        sv_diags d;
        sv_diags_init(&d);
        sv_sim_plan p;
        assert_int_equal(sv_sim_plan_queue(&p, &q, &t, &o, &d), 0);
        assert_int_equal(p.erlang_c_slots, grid[i].c);
        assert_int_equal(p.slots, grid[i].c);
        assert_true(p.hi <= t.days || p.close);
        assert_true(p.value_below > t.days);
        sv_diags_free(&d);
    }
}

/* The share waiting longer than t and the 90th percentile by Erlang C's
 * wait distribution P(W > t) = C e^{-(c mu - lambda) t}. */
static void test_erlang_c_tail_targets(void **state)
{
    (void)state;
    sv_queue q = {.name = "mmc", .arrivals_per_month = 30, .slots = 12,
                  .duration = {SV_DIST_EXPONENTIAL, 10, 1}};
    double lambda = 30 / SV_DAYS_PER_MONTH, mu = 0.1;
    sv_sim_target share = {SV_SIM_TARGET_SHARE_OVER, 2, 0.05};
    int c = sv_sim_erlang_c_slots(&q, &share);
    assert_true(c > 0);
    for (int k = c - 1; k <= c; k++) {
        sv_sim_analytic a;
        assert_true(sv_sim_erlang_c(&a, lambda, mu, k));
        double over = a.p_wait * exp(-(k * mu - lambda) * 2);
        if (k == c)
            assert_true(over <= 0.05);
        else
            assert_true(over > 0.05);
    }
    /* a 90th percentile of 0 needs no more than 10 % to wait at all */
    sv_sim_target p90 = {SV_SIM_TARGET_P90, 1e-9, 0};
    c = sv_sim_erlang_c_slots(&q, &p90);
    sv_sim_analytic a;
    assert_true(sv_sim_erlang_c(&a, lambda, mu, c) && a.p_wait <= 0.1);
    assert_true(sv_sim_erlang_c(&a, lambda, mu, c - 1) && a.p_wait > 0.1);
    /* intake meetings: Erlang C does not apply */
    q.intake_days = 14;
    assert_int_equal(sv_sim_erlang_c_slots(&q, &share), -1);
}

static sv_sim_result *simulate(const sv_model *m, bool keep_runs)
{
    sv_sim_options o;
    sv_sim_options_default(&o);
    o.keep_runs = keep_runs;
    sv_diags d;
    sv_diags_init(&d);
    sv_sim_result *r = NULL;
    assert_int_equal(sv_sim_model(&r, m, &o, &d), 0);
    sv_diags_free(&d);
    return r;
}

/* The same service point with one slot more in the scenario: paired run
 * by run, with n − 1 degrees of freedom, its interval is narrower than
 * Welch's on the same runs. */
static void test_paired_narrower_than_welch(void **state)
{
    (void)state;
    sv_queue before = {.name = "torg", .arrivals_per_month = 30, .slots = 12,
                       .duration = {SV_DIST_EXPONENTIAL, 10, 1}};
    sv_queue after = before;
    after.slots = 13;
    sv_sim_options o;
    sv_sim_options_default(&o);
    o.as_given = true;
    o.warmup = 24;
    o.months = 24;
    o.runs = 400;
    o.keep_runs = true;
    sv_diags d;
    sv_diags_init(&d);
    sv_sim_point pb, pa;
    assert_int_equal(sv_sim_queue(&pb, &before, &o, &d), 0);
    assert_int_equal(sv_sim_queue(&pa, &after, &o, &d), 0);
    sv_sim_result rb = {.options = o, .points = &pb, .point_count = 1};
    sv_sim_result ra = {.options = o, .points = &pa, .point_count = 1};
    sv_sim_conclusion paired, welch;
    assert_int_equal(sv_sim_conclude(&paired, &rb, &ra, NULL), 0);
    assert_int_equal(paired.groups[0].pairing, SV_SIM_PAIRED);
    assert_true(paired.any_paired && paired.steady);
    const sv_sim_difference *p = &paired.groups[0].wait;
    assert_true(p->available && p->significant && p->diff < 0);
    assert_true(fabs(p->diff - (pa.wait.mean - pb.wait.mean)) < 1e-12);
    /* one input weighted over itself: the overall is the point's */
    assert_true(fabs(paired.wait.diff - p->diff) < 1e-12);
    assert_true(fabs(paired.wait.hi - p->hi) < 1e-9);
    sv_sim_run *runs = pa.runs;
    pa.runs = NULL;
    assert_int_equal(sv_sim_conclude(&welch, &rb, &ra, NULL), 0);
    assert_int_equal(welch.groups[0].pairing, SV_SIM_WELCH);
    const sv_sim_difference *w = &welch.groups[0].wait;
    assert_true(w->available && fabs(w->diff - p->diff) < 1e-12);
    /* each person's stay is drawn when they arrive, so one slot more
       changes when they start, not how long they stay: 0.195 days wide
       against Welch's 0.346 (docs/simulation.md) */
    assert_true(p->hi - p->lo < 0.6 * (w->hi - w->lo));
    assert_true(p->df < w->df); /* n − 1 against Satterthwaite's near 2 (n − 1) */
    pa.runs = runs;
    sv_sim_conclusion_free(&paired);
    sv_sim_conclusion_free(&welch);
    sv_sim_point_free(&pa);
    sv_sim_point_free(&pb);
    sv_diags_free(&d);
}

/* Umeå and the merged torg: both torg are found in `torget` through the
 * merge, share its sources and, with the same runs, are paired with it;
 * vuxentorget does not settle and is not compared. */
static void test_merge_conclusion(void **state)
{
    (void)state;
    sv_model *base = NULL, *merged = NULL;
    sv_diags d;
    sv_diags_init(&d);
    assert_int_equal(sv_model_load(&base, "models/umea-2024.yaml", NULL, &d), 0);
    assert_int_equal(sv_model_load(&merged, "models/scenarios/merged-torg-2025.yaml", NULL, &d), 0);
    sv_sim_result *rb = simulate(base, true), *ra = simulate(merged, true);
    sv_sim_result *inputs[] = {rb, ra};
    assert_int_equal(sv_sim_align_runs(inputs, 2, &d), 0);
    /* torget's runs, the most of the three */
    assert_int_equal(rb->points[0].run_count, ra->points[0].run_count);
    assert_int_equal(rb->points[1].run_count, ra->points[0].run_count);
    sv_sim_conclusion c;
    assert_int_equal(sv_sim_conclude(&c, rb, ra, merged), 0);
    assert_int_equal(c.group_count, 2);
    assert_string_equal(c.groups[0].before->queue.name, "ungdomstorget");
    assert_string_equal(c.groups[1].before->queue.name, "vuxentorget");
    for (int k = 0; k < 2; k++) {
        assert_non_null(c.groups[k].after);
        assert_string_equal(c.groups[k].after->queue.name, "torget");
        assert_true(c.groups[k].merged);
        assert_int_equal(c.groups[k].pairing, SV_SIM_PAIRED);
    }
    assert_int_equal(c.wait.pairing, SV_SIM_PAIRED);
    assert_int_equal(c.groups[0].state_before, SV_SIM_STEADY);
    assert_true(c.groups[0].wait.available && c.groups[0].wait.significant &&
                c.groups[0].wait.diff > 0);
    assert_int_equal(c.groups[1].state_before, SV_SIM_AT_CAPACITY);
    assert_false(c.groups[1].wait.available);
    assert_false(c.steady);
    /* 7 and 11 a month: (7 × 5.25 + 11 × 9.85) / 18 */
    double weighted = (7 * rb->points[0].wait.mean + 11 * rb->points[1].wait.mean) / 18;
    assert_true(fabs(c.wait.before - weighted) < 1e-12);
    assert_true(fabs(c.wait.after - ra->points[0].wait.mean) < 1e-12);
    sv_sim_conclusion_free(&c);
    sv_sim_result_free(rb);
    sv_sim_result_free(ra);
    sv_model_free(merged);
    sv_model_free(base);
    sv_diags_free(&d);
}

/* A merge of a merge: a went into t, and t with c into u; a point that
 * is in no merge and not in the scenario has no successor. */
static void test_merge_chain(void **state)
{
    (void)state;
    sv_sim_options o;
    sv_sim_options_default(&o);
    o.as_given = true;
    o.warmup = 6;
    o.months = 12;
    o.runs = 20;
    sv_diags d;
    sv_diags_init(&d);
    sv_queue qa = {.name = "a", .arrivals_per_month = 10, .slots = 8,
                   .duration = {SV_DIST_EXPONENTIAL, 10, 1}};
    sv_queue qx = qa, qu = qa;
    qx.name = "x";
    qu.name = "u";
    qu.slots = 20;
    sv_sim_point before[2], after[1];
    assert_int_equal(sv_sim_queue(&before[0], &qa, &o, &d), 0);
    assert_int_equal(sv_sim_queue(&before[1], &qx, &o, &d), 0);
    assert_int_equal(sv_sim_queue(&after[0], &qu, &o, &d), 0);
    const char *first[] = {"a", "b"}, *second[] = {"t", "c"};
    sv_merge merges[] = {{.into = "t", .parts = first, .part_count = 2},
                         {.into = "u", .parts = second, .part_count = 2}};
    sv_model m;
    memset(&m, 0, sizeof m);
    m.merges = merges;
    m.merge_count = 2;
    sv_sim_result rb = {.options = o, .points = before, .point_count = 2};
    sv_sim_result ra = {.options = o, .points = after, .point_count = 1};
    sv_sim_conclusion c;
    assert_int_equal(sv_sim_conclude(&c, &rb, &ra, &m), 0);
    assert_ptr_equal(c.groups[0].after, &after[0]);
    assert_true(c.groups[0].merged);
    assert_int_equal(c.groups[0].pairing, SV_SIM_WELCH);
    assert_null(c.groups[1].after);
    sv_sim_conclusion_free(&c);
    for (int k = 0; k < 2; k++)
        sv_sim_point_free(&before[k]);
    sv_sim_point_free(&after[0]);
    sv_diags_free(&d);
}

static sv_sim_options as_given(int warmup, int months, int runs)
{
    sv_sim_options o;
    sv_sim_options_default(&o);
    o.as_given = true;
    o.warmup = warmup;
    o.months = months;
    o.runs = runs;
    o.keep_runs = true;
    return o;
}

/* The streams follow the people: a merged queue whose sources are a and b
 * sees, run by run, exactly the arrivals of a and of b (the same times,
 * so the same counts), and a queue with a as its only source and nobody
 * present at the start is a, bit for bit, whatever it is called. */
static void test_sources_keep_their_people(void **state)
{
    (void)state;
    sv_sim_options o = as_given(6, 12, 30);
    o.start = SV_SIM_START_EMPTY;
    sv_diags d;
    sv_diags_init(&d);
    sv_queue qa = {.name = "a", .arrivals_per_month = 10, .slots = 9,
                   .duration = {SV_DIST_LOGNORMAL, 25, 0.8}};
    sv_queue qb = {.name = "b", .arrivals_per_month = 15, .slots = 14,
                   .duration = {SV_DIST_EXPONENTIAL, 25, 1}};
    sv_sim_source both[] = {{"a", 10}, {"b", 15}}, only_a[] = {{"a", 1}};
    sv_queue qm = {.name = "m", .arrivals_per_month = 25, .slots = 23, .sources = both,
                   .source_count = 2, .duration = {SV_DIST_LOGNORMAL, 25, 0.8}};
    sv_queue qx = qa;
    qx.name = "x";
    qx.sources = only_a;
    qx.source_count = 1;
    sv_sim_point pa, pb, pm, px;
    assert_int_equal(sv_sim_queue(&pa, &qa, &o, &d), 0);
    assert_int_equal(sv_sim_queue(&pb, &qb, &o, &d), 0);
    assert_int_equal(sv_sim_queue(&pm, &qm, &o, &d), 0);
    assert_int_equal(sv_sim_queue(&px, &qx, &o, &d), 0);
    for (uint32_t r = 0; r < (uint32_t)o.runs; r++) {
        assert_int_equal(pm.runs[r].arrivals, pa.runs[r].arrivals + pb.runs[r].arrivals);
        assert_int_equal(px.runs[r].admissions, pa.runs[r].admissions);
        assert_true(px.runs[r].wait_sum == pa.runs[r].wait_sum);
        assert_true(px.runs[r].lead_sum == pa.runs[r].lead_sum);
    }
    assert_true(px.wait.mean == pa.wait.mean);
    sv_sim_point *points[] = {&pa, &pb, &pm, &px};
    for (int k = 0; k < 4; k++)
        sv_sim_point_free(points[k]);
    sv_diags_free(&d);
}

/* A merge of two queues into one with the slots of both: the merged point
 * shares its sources with each part, so both groups and the weighted
 * figures are paired run by run; the paired interval over all points is
 * narrower than Welch's on the same runs. sv_sim_align_runs gives the
 * point with fewer runs the runs of the other. */
static void test_merge_paired(void **state)
{
    (void)state;
    sv_diags d;
    sv_diags_init(&d);
    sv_queue qa = {.name = "a", .arrivals_per_month = 10, .slots = 10,
                   .duration = {SV_DIST_EXPONENTIAL, 25, 1}};
    sv_queue qb = {.name = "b", .arrivals_per_month = 15, .slots = 14,
                   .duration = {SV_DIST_EXPONENTIAL, 25, 1}};
    sv_sim_source both[] = {{"a", 10}, {"b", 15}};
    sv_queue qm = {.name = "m", .arrivals_per_month = 25, .slots = 24, .sources = both,
                   .source_count = 2, .duration = {SV_DIST_EXPONENTIAL, 25, 1}};
    sv_sim_options o = as_given(24, 24, 300), fewer = as_given(24, 24, 200);
    sv_sim_point before[2], after[1];
    assert_int_equal(sv_sim_queue(&before[0], &qa, &o, &d), 0);
    assert_int_equal(sv_sim_queue(&before[1], &qb, &o, &d), 0);
    assert_int_equal(sv_sim_queue(&after[0], &qm, &fewer, &d), 0);
    const char *parts[] = {"a", "b"};
    double brought[] = {10, 15};
    sv_merge merge = {.into = "m", .parts = parts, .part_arrivals = brought, .part_count = 2};
    sv_model m;
    memset(&m, 0, sizeof m);
    m.merges = &merge;
    m.merge_count = 1;
    sv_sim_result rb = {.options = o, .points = before, .point_count = 2};
    sv_sim_result ra = {.options = fewer, .points = after, .point_count = 1};
    sv_sim_conclusion c;
    assert_int_equal(sv_sim_conclude(&c, &rb, &ra, &m), 0);
    assert_int_equal(c.groups[0].pairing, SV_SIM_WELCH); /* 300 runs against 200 */
    sv_sim_conclusion_free(&c);
    sv_sim_result *both_inputs[] = {&rb, &ra};
    assert_int_equal(sv_sim_align_runs(both_inputs, 2, &d), 0);
    assert_int_equal(after[0].run_count, 300);
    assert_int_equal(before[0].run_count, 300);
    assert_int_equal(sv_sim_conclude(&c, &rb, &ra, &m), 0);
    for (int k = 0; k < 2; k++) {
        assert_ptr_equal(c.groups[k].after, &after[0]);
        assert_true(c.groups[k].merged);
        assert_int_equal(c.groups[k].pairing, SV_SIM_PAIRED);
        assert_true(c.groups[k].wait.available);
        assert_true(c.groups[k].wait.df == 299);
    }
    assert_int_equal(c.wait.pairing, SV_SIM_PAIRED);
    assert_true(c.wait.df == 299);
    /* the same runs without them kept: every term independent */
    sv_sim_run *runs = after[0].runs;
    after[0].runs = NULL;
    sv_sim_conclusion welch;
    assert_int_equal(sv_sim_conclude(&welch, &rb, &ra, &m), 0);
    assert_int_equal(welch.wait.pairing, SV_SIM_WELCH);
    assert_true(fabs(welch.wait.diff - c.wait.diff) < 1e-12);
    double paired_width = c.wait.hi - c.wait.lo, welch_width = welch.wait.hi - welch.wait.lo;
    printf("merge: paired %.4f [%.4f, %.4f], Welch [%.4f, %.4f]\n", c.wait.diff, c.wait.lo,
           c.wait.hi, welch.wait.lo, welch.wait.hi);
    assert_true(paired_width < 0.7 * welch_width); /* 1.00 against 1.62 days */
    after[0].runs = runs;
    sv_sim_conclusion_free(&c);
    sv_sim_conclusion_free(&welch);
    for (int k = 0; k < 2; k++)
        sv_sim_point_free(&before[k]);
    sv_sim_point_free(&after[0]);
    sv_diags_free(&d);
}

/* Staff: slots over the caseload, rounded up; on an M/M/c queue the plan
 * gives Erlang C's c and the staff it takes. */
static void test_staff(void **state)
{
    (void)state;
    assert_int_equal(sv_sim_staff(246, 12), 21);
    assert_int_equal(sv_sim_staff(240, 12), 20);
    assert_int_equal(sv_sim_staff(1, 12), 1);
    assert_int_equal(sv_sim_staff(246, 0), -1);
    assert_int_equal(sv_sim_staff(-1, 12), -1);
    /* 30 a month, stays of 10 days: Erlang C's wait at 11 slots is 5.61
       days, at 12 1.96, at 13 0.839 */
    sv_queue q = {.name = "torg", .arrivals_per_month = 30, .slots = 11, .caseload = 4,
                  .duration = {SV_DIST_EXPONENTIAL, 10, 1}};
    sv_sim_target t = {SV_SIM_TARGET_WAIT, 1, 0};
    assert_int_equal(sv_sim_erlang_c_slots(&q, &t), 13);
    sv_sim_options o;
    sv_sim_options_default(&o);
    o.warmup = 12;
    o.runs = 400;
    sv_diags d;
    sv_diags_init(&d);
    sv_sim_plan plan;
    assert_int_equal(sv_sim_plan_queue(&plan, &q, &t, &o, &d), 0);
    assert_int_equal(plan.slots, 13);
    assert_int_equal(plan.erlang_c_slots, 13);
    assert_int_equal(plan.caseload, 4);
    assert_int_equal(plan.staff, 4);
    assert_int_equal(plan.staff_now, 3);
    assert_int_equal(plan.erlang_c_staff, 4);
    q.caseload = 0;
    assert_int_equal(sv_sim_plan_queue(&plan, &q, &t, &o, &d), 0);
    assert_int_equal(plan.staff, -1);
    assert_int_equal(plan.staff_now, -1);
    sv_diags_free(&d);
}

/* An unstable queue: the slots missing are arrivals per day × (stay +
 * half the intake interval) − slots. */
static void test_slots_missing(void **state)
{
    (void)state;
    sv_queue q = {.name = "x", .arrivals_per_month = 30.4375, .slots = 8, .intake_days = 4,
                  .duration = {SV_DIST_EXPONENTIAL, 10, 1}};
    assert_true(fabs(sv_sim_slots_missing(&q) - 4) < 1e-12);
    q.slots = 12;
    assert_true(sv_sim_slots_missing(&q) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target_parse),
        cmocka_unit_test(test_search_returns_erlang_c),
        cmocka_unit_test(test_erlang_c_tail_targets),
        cmocka_unit_test(test_slots_missing),
        cmocka_unit_test(test_paired_narrower_than_welch),
        cmocka_unit_test(test_merge_conclusion),
        cmocka_unit_test(test_merge_chain),
        cmocka_unit_test(test_sources_keep_their_people),
        cmocka_unit_test(test_merge_paired),
        cmocka_unit_test(test_staff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
