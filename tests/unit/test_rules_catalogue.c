/*
 * The responsibility, goal, network and suppression rules: for each, a
 * minimal model that triggers it (rule, element and the exact position
 * asserted, the position given as the text it points at) and a close one
 * that does not.
 */
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"

typedef struct run {
    const char *yaml;
    sv_model *model;
    sv_findings findings;
} run;

static run check(const char *yaml)
{
    run r = {.yaml = yaml};
    r.model = assert_loads(yaml);
    sv_findings_init(&r.findings);
    sv_diags d;
    sv_diags_init(&d);
    sv_rule_config config = {.today = {2025, 6, 1}};
    assert_int_equal(sv_rules_run(&r.findings, r.model, &config, &d), 0);
    sv_diags_free(&d);
    return r;
}

static void done(run *r)
{
    sv_findings_free(&r->findings);
    sv_model_free(r->model);
}

static size_t count_rule(const run *r, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < r->findings.count; i++)
        n += strcmp(sv_rule_at(r->findings.items[i].rule)->name, rule) == 0 &&
             !r->findings.items[i].suppressed;
    return n;
}

/* The n-th finding of `rule` is about `element` and sits where the
 * `nth` occurrence of `needle` is in the input. */
static const sv_finding *expect(const run *r, const char *rule, size_t n, const char *element,
                                const char *needle, int nth)
{
    sv_pos want = pos_of(r->yaml, needle, nth);
    for (size_t i = 0; i < r->findings.count; i++) {
        const sv_finding *f = &r->findings.items[i];
        if (strcmp(sv_rule_at(f->rule)->name, rule) != 0 || n-- > 0)
            continue;
        assert_true(f->element != SV_NONE);
        assert_string_equal(r->model->elements[f->element].id, element);
        if (f->pos.line != want.line || f->pos.col != want.col)
            print_error("%s: expected %d:%d, got %d:%d (%s)\n", rule, want.line, want.col,
                        f->pos.line, f->pos.col, f->message);
        assert_int_equal(f->pos.line, want.line);
        assert_int_equal(f->pos.col, want.col);
        return f;
    }
    print_error("no finding %s\n", rule);
    fail();
    return NULL;
}

#define HEAD                                                                                       \
    "samverkan: 1\n"                                                                               \
    "agreement: {id: avtal, name: Avtal, year: 2024, audited: [ifn]}\n"                            \
    "parties:\n"                                                                                   \
    "  - {id: af, name: AF, kind: agency, signatory: true}\n"                                      \
    "  - {id: kommun, name: Kommunen, kind: municipality, signatory: true}\n"                      \
    "  - {id: ifn, name: IFN, kind: committee, part_of: kommun}\n"                                 \
    "roles:\n"                                                                                     \
    "  - {id: handlaggare, name: Handläggare, party: ifn}\n"                                       \
    "  - {id: arbetsformedlare, name: Arbetsförmedlare, party: af}\n"                              \
    "people:\n"                                                                                    \
    "  - {id: ordf, name: Ordförande, party: kommun}\n"                                            \
    "bodies:\n"                                                                                    \
    "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, kommun, ordf], chair: ordf}\n" \
    "  - {id: torg, name: Torget, level: delivery, kind: service-point, members: [handlaggare, arbetsformedlare], reports_to: styrelse}\n"

#define PROCESS(runs_at) "processes:\n  - id: p\n    name: P\n" runs_at "    steps:\n"
#define S_START "      - {id: a, name: A, kind: start, responsible: handlaggare, accountable: ifn, next: b}\n"
#define S_END "      - {id: b, name: B, kind: end, responsible: handlaggare, accountable: ifn, next: c}\n"
#define S_FOLLOW "      - {id: c, name: C, kind: follow-up, responsible: handlaggare, accountable: ifn, after_days: 180, next: d}\n"
#define S_CLOSE "      - {id: d, name: D, kind: end, responsible: handlaggare, accountable: ifn}\n"
#define GOOD_PROCESS PROCESS("") S_START S_END S_FOLLOW S_CLOSE

static void test_clean_process_has_no_process_findings(void **state)
{
    (void)state;
    run r = check(HEAD GOOD_PROCESS);
    const char *rules[] = {"step-without-accountable", "step-multiple-accountable",
                           "step-without-responsible", "accountable-outside-process",
                           "process-without-start", "process-without-end", "unreachable-step",
                           "dead-end-step", "shares-do-not-sum", "handoff-without-feedback",
                           "process-without-follow-up", "no-follow-up-after-end", "cadence-mismatch"};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        if (count_rule(&r, rules[i]))
            print_error("unexpected %s\n", rules[i]);
        assert_int_equal(count_rule(&r, rules[i]), 0);
    }
    done(&r);
}

static void test_step_without_accountable(void **state)
{
    (void)state;
    run r = check(HEAD PROCESS("")
                  "      - {id: a, name: A, kind: start, responsible: handlaggare, next: b}\n"
                  S_END S_FOLLOW S_CLOSE);
    assert_int_equal(count_rule(&r, "step-without-accountable"), 1);
    expect(&r, "step-without-accountable", 0, "p/a", "{id: a,", 1);
    done(&r);
}

static void test_step_multiple_accountable(void **state)
{
    (void)state;
    run r = check(HEAD PROCESS("")
                  "      - {id: a, name: A, kind: start, responsible: handlaggare, accountable: [ifn, af], next: b}\n"
                  S_END S_FOLLOW S_CLOSE);
    assert_int_equal(count_rule(&r, "step-multiple-accountable"), 1);
    const sv_finding *f = expect(&r, "step-multiple-accountable", 0, "p/a", "[ifn, af]", 1);
    assert_int_equal(f->related_count, 2);
    done(&r);
}

static void test_step_without_responsible(void **state)
{
    (void)state;
    run r = check(HEAD PROCESS("")
                  "      - {id: a, name: A, kind: start, accountable: ifn, next: b}\n"
                  S_END S_FOLLOW S_CLOSE);
    assert_int_equal(count_rule(&r, "step-without-responsible"), 1);
    expect(&r, "step-without-responsible", 0, "p/a", "{id: a,", 1);
    done(&r);
}

static void test_accountable_outside_process(void **state)
{
    (void)state;
    /* the process runs at the board, where IFN's municipality sits: fine;
     * at the service point only roles of IFN and AF sit: fine too; but a
     * step answered for by a party with no seat there is not */
    run r = check(HEAD
                  "  - {id: team, name: Team, level: delivery, kind: team, members: [af], reports_to: styrelse}\n"
                  PROCESS("    runs_at: team\n") S_START S_END S_FOLLOW S_CLOSE);
    assert_int_equal(count_rule(&r, "accountable-outside-process"), 4);
    expect(&r, "accountable-outside-process", 0, "p/a", "ifn, next: b", 1);
    done(&r);
    r = check(HEAD PROCESS("    runs_at: torg\n") S_START S_END S_FOLLOW S_CLOSE);
    assert_int_equal(count_rule(&r, "accountable-outside-process"), 0);
    done(&r);
}

static void test_process_without_start_and_end(void **state)
{
    (void)state;
    run r = check(HEAD PROCESS("")
                  "      - {id: a, name: A, responsible: handlaggare, accountable: ifn, next: b}\n"
                  "      - {id: b, name: B, kind: follow-up, responsible: handlaggare, accountable: ifn, next: a}\n");
    assert_int_equal(count_rule(&r, "process-without-start"), 1);
    assert_int_equal(count_rule(&r, "process-without-end"), 1);
    expect(&r, "process-without-start", 0, "p", "id: p\n", 1);
    expect(&r, "process-without-end", 0, "p", "id: p\n", 1);
    /* without a start, reachability is not judged */
    assert_int_equal(count_rule(&r, "unreachable-step"), 0);
    done(&r);
}

static void test_unreachable_and_dead_end_step(void **state)
{
    (void)state;
    run r = check(HEAD PROCESS("") S_START S_END S_FOLLOW S_CLOSE
                  "      - {id: e, name: E, responsible: handlaggare, accountable: ifn}\n");
    assert_int_equal(count_rule(&r, "unreachable-step"), 1);
    expect(&r, "unreachable-step", 0, "p/e", "{id: e,", 1);
    assert_int_equal(count_rule(&r, "dead-end-step"), 1);
    expect(&r, "dead-end-step", 0, "p/e", "{id: e,", 1);
    done(&r);
}

static void test_shares_do_not_sum(void **state)
{
    (void)state;
    run r = check(HEAD PROCESS("")
                  "      - {id: a, name: A, kind: start, responsible: handlaggare, accountable: ifn,\n"
                  "         next: [{to: b, share: 0.6}, {to: c, share: 0.3}]}\n"
                  S_END S_FOLLOW S_CLOSE);
    assert_int_equal(count_rule(&r, "shares-do-not-sum"), 1);
    const sv_finding *f = expect(&r, "shares-do-not-sum", 0, "p/a", "b, share: 0.6", 1);
    assert_non_null(strstr(f->message, "0.9"));
    done(&r);
    r = check(HEAD PROCESS("")
              "      - {id: a, name: A, kind: start, responsible: handlaggare, accountable: ifn,\n"
              "         next: [{to: b, share: 0.7}, {to: c, share: 0.3}]}\n"
              S_END S_FOLLOW S_CLOSE);
    assert_int_equal(count_rule(&r, "shares-do-not-sum"), 0);
    done(&r);
}

static void test_handoff_without_feedback(void **state)
{
    (void)state;
    /* from IFN (kommun) to AF and no feedback back to kommun */
    run r = check(HEAD PROCESS("")
                  "      - {id: a, name: A, kind: start, responsible: handlaggare, accountable: ifn, next: h}\n"
                  "      - {id: h, name: H, kind: handoff, responsible: arbetsformedlare, accountable: af, next: b}\n"
                  "      - {id: b, name: B, kind: end, responsible: arbetsformedlare, accountable: af, next: c}\n"
                  S_FOLLOW S_CLOSE);
    /* kommun -> af at a, and af -> kommun again at b: neither is answered */
    assert_int_equal(count_rule(&r, "handoff-without-feedback"), 2);
    expect(&r, "handoff-without-feedback", 0, "p/a", "h}", 1);
    expect(&r, "handoff-without-feedback", 1, "p/b", "c}\n", 1);
    done(&r);
    r = check(HEAD PROCESS("")
              "      - {id: a, name: A, kind: start, responsible: handlaggare, accountable: ifn, next: h}\n"
              "      - {id: h, name: H, kind: handoff, responsible: arbetsformedlare, accountable: af, next: f}\n"
              "      - {id: f, name: F, kind: feedback, responsible: arbetsformedlare, accountable: af, informed: handlaggare, next: b}\n"
              "      - {id: b, name: B, kind: end, responsible: arbetsformedlare, accountable: af, next: c}\n"
              S_FOLLOW S_CLOSE);
    /* the feedback step answers the first hand-over; the second remains */
    assert_int_equal(count_rule(&r, "handoff-without-feedback"), 1);
    expect(&r, "handoff-without-feedback", 0, "p/b", "c}\n", 1);
    done(&r);
}

static void test_follow_up_rules(void **state)
{
    (void)state;
    run r = check(HEAD PROCESS("")
                  "      - {id: a, name: A, kind: start, responsible: handlaggare, accountable: ifn, next: b}\n"
                  "      - {id: b, name: B, kind: end, responsible: handlaggare, accountable: ifn}\n");
    assert_int_equal(count_rule(&r, "process-without-follow-up"), 1);
    expect(&r, "process-without-follow-up", 0, "p", "id: p\n", 1);
    /* said once: no second finding per end step */
    assert_int_equal(count_rule(&r, "no-follow-up-after-end"), 0);
    done(&r);
    /* a follow-up during the process, none after its end */
    r = check(HEAD PROCESS("")
              "      - {id: a, name: A, kind: start, responsible: handlaggare, accountable: ifn, next: c}\n"
              "      - {id: c, name: C, kind: follow-up, responsible: handlaggare, accountable: ifn, next: b}\n"
              "      - {id: b, name: B, kind: end, responsible: handlaggare, accountable: ifn}\n");
    assert_int_equal(count_rule(&r, "process-without-follow-up"), 0);
    assert_int_equal(count_rule(&r, "no-follow-up-after-end"), 1);
    expect(&r, "no-follow-up-after-end", 0, "p/b", "{id: b,", 1);
    done(&r);
}

static void test_cadence_mismatch(void **state)
{
    (void)state;
    run r = check(HEAD PROCESS("")
                  "      - {id: a, name: A, kind: start, responsible: handlaggare, accountable: ifn, meets: monthly, next: h}\n"
                  "      - {id: h, name: H, responsible: arbetsformedlare, accountable: af, meets: weekly, next: f}\n"
                  "      - {id: f, name: F, kind: feedback, responsible: arbetsformedlare, accountable: af, informed: handlaggare, next: b}\n"
                  "      - {id: b, name: B, kind: end, responsible: handlaggare, accountable: ifn, next: c}\n"
                  S_FOLLOW S_CLOSE);
    assert_int_equal(count_rule(&r, "cadence-mismatch"), 1);
    expect(&r, "cadence-mismatch", 0, "p/a", "h}", 1);
    done(&r);
}

#define GOALS_HEAD HEAD "goals:\n"

static void test_goal_rules(void **state)
{
    (void)state;
    run r = check(GOALS_HEAD
                  "  - {id: kf, name: Kommunens mål, owner: kommun, indicators: [{id: i1, name: I1, baseline: {2023: 3}, targets: {2024: 5}}]}\n"
                  "  - {id: g1, name: Utan ägare, contributes_to: kf, indicators: [{id: i2, name: I2, baseline: {2023: 1}, targets: {2024: 1}}]}\n"
                  "  - {id: g2, name: Utan indikator, owner: kommun}\n"
                  "  - {id: g3, name: Nämndens mål, owner: ifn, indicators: [{id: i3, name: I3, targets: {2025: 9}}]}\n"
                  "reporting:\n"
                  "  - {from: kommun, to: styrelse, what: Årsredovisning, covers: [kf, g2]}\n");
    expect(&r, "goal-without-owner", 0, "g1", "{id: g1", 1);
    expect(&r, "goal-without-indicator", 0, "g2", "{id: g2", 1);
    assert_int_equal(count_rule(&r, "goal-without-indicator"), 1);
    /* i3 has a target for 2025, not for the analysis year 2024 */
    assert_int_equal(count_rule(&r, "indicator-without-target"), 1);
    const sv_finding *f = expect(&r, "indicator-without-target", 0, "i3", "{id: i3", 1);
    assert_non_null(strstr(f->message, "2024"));
    assert_int_equal(count_rule(&r, "indicator-without-baseline"), 1);
    expect(&r, "indicator-without-baseline", 0, "i3", "{id: i3", 1);
    /* a committee's goal tied to nothing above it; kf (a municipality's) is the top */
    assert_int_equal(count_rule(&r, "goal-not-linked"), 1);
    expect(&r, "goal-not-linked", 0, "g3", "{id: g3", 1);
    /* g3's results reach nobody; g1 has no owner (its own finding) */
    assert_int_equal(count_rule(&r, "results-not-reported"), 1);
    expect(&r, "results-not-reported", 0, "g3", "{id: g3", 1);
    done(&r);
}

static void test_results_reported_by_a_unit_of_the_owner(void **state)
{
    (void)state;
    run r = check(GOALS_HEAD
                  "  - {id: g, name: Mål, owner: kommun, indicators: [{id: i, name: I, baseline: {2023: 1}, targets: {2024: 1}}]}\n"
                  "reporting:\n"
                  "  - {from: handlaggare, to: styrelse, what: Statistik, covers: g}\n"
                  "  - {from: styrelse, to: kommun, what: Återkoppling}\n");
    assert_int_equal(count_rule(&r, "results-not-reported"), 0);
    assert_int_equal(count_rule(&r, "feedback-gap"), 0);
    done(&r);
}

static void test_feedback_gap(void **state)
{
    (void)state;
    run r = check(HEAD
                  "  - {id: ag, name: Analysgruppen, level: strategic, kind: analysis-group, members: [af], chair: ordf, reports_to: styrelse}\n"
                  "reporting:\n"
                  "  - {from: ifn, to: [ag], what: Statistik}\n"
                  "  - {from: styrelse, to: [af], what: Årsrapport}\n"
                  "  - {from: torg, to: [styrelse], what: Lägesrapport}\n"
                  "  - {from: styrelse, to: [torg], what: Beslut}\n");
    /* ifn -> ag, and nothing from ag or the board comes back to ifn or kommun */
    assert_int_equal(count_rule(&r, "feedback-gap"), 1);
    const sv_finding *f = expect(&r, "feedback-gap", 0, "reporting#1", "ag]", 1);
    assert_int_equal(f->related_count, 2);
    done(&r);
}

static void test_network_rules(void **state)
{
    (void)state;
    /* ordf alone ties 'gvn-namnd' to the rest, chairs both it and the
     * board, and the board reports to it */
    run r = check("samverkan: 1\n"
                  "agreement: {id: avtal, name: Avtal}\n"
                  "parties:\n"
                  "  - {id: af, name: AF, kind: agency}\n"
                  "  - {id: kommun, name: Kommunen, kind: municipality}\n"
                  "  - {id: ensam, name: Ensam, kind: other}\n"
                  "people:\n"
                  "  - {id: ordf, name: Ordförande, party: kommun}\n"
                  "  - {id: ledamot, name: Ledamot, party: kommun}\n"
                  "bodies:\n"
                  "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, kommun], chair: ordf}\n"
                  "  - {id: sg, name: SG, level: strategic, kind: group, members: [af, kommun], chair: ledamot, reports_to: styrelse}\n"
                  "  - {id: namnd, name: Nämnden, level: decision, kind: board, members: [ledamot], chair: ordf}\n"
                  "reporting:\n"
                  "  - {from: styrelse, to: namnd, what: Statistik}\n");
    assert_int_equal(count_rule(&r, "single-point-of-failure"), 0); /* ledamot sits in sg and namnd too */
    assert_int_equal(count_rule(&r, "dual-chair"), 1);
    const sv_finding *f = expect(&r, "dual-chair", 0, "ordf", "ordf}", 1);
    assert_int_equal(f->related_count, 2);
    assert_int_equal(count_rule(&r, "isolated-element"), 1);
    expect(&r, "isolated-element", 0, "ensam", "{id: ensam", 1);
    done(&r);
    /* the same with 'ledamot' out of namnd: ordf becomes the only link */
    r = check("samverkan: 1\n"
              "agreement: {id: avtal, name: Avtal}\n"
              "parties:\n"
              "  - {id: af, name: AF, kind: agency}\n"
              "  - {id: kommun, name: Kommunen, kind: municipality}\n"
              "people:\n"
              "  - {id: ordf, name: Ordförande, party: kommun}\n"
              "  - {id: ledamot, name: Ledamot, party: af}\n"
              "bodies:\n"
              "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, kommun], chair: ordf}\n"
              "  - {id: namnd, name: Nämnden, level: decision, kind: board, members: [ledamot], chair: ordf}\n");
    assert_int_equal(count_rule(&r, "single-point-of-failure"), 1);
    expect(&r, "single-point-of-failure", 0, "ordf", "{id: ordf", 1);
    assert_int_equal(count_rule(&r, "sole-link"), 1);
    expect(&r, "sole-link", 0, "styrelse", "ordf}", 1);
    done(&r);
}

/* The rules that look things up through indexes built once per run (flows
 * by goal and by sender, the components of the body graph, the bridges at
 * each piece of the seat graph, the parties marked per process) on inputs
 * where a stale or partial index would show. */
static void test_accountable_outside_process_per_process(void **state)
{
    (void)state;
    /* kommun sits where p1 runs, not where p2 runs: p1's marks must not
     * carry over to p2 */
    run r = check(HEAD
                  "  - {id: team, name: Team, level: delivery, kind: team, members: [af], reports_to: styrelse}\n"
                  "processes:\n"
                  "  - id: p1\n    name: P1\n    runs_at: torg\n    steps:\n" S_START S_END S_FOLLOW S_CLOSE
                  "  - id: p2\n    name: P2\n    runs_at: team\n    steps:\n" S_START S_END S_FOLLOW S_CLOSE);
    assert_int_equal(count_rule(&r, "accountable-outside-process"), 4);
    expect(&r, "accountable-outside-process", 0, "p2/a", "ifn, next: b", 2);
    done(&r);
}

static void test_results_and_feedback_through_the_flow_indexes(void **state)
{
    (void)state;
    /* g1 is covered by three flows, one of which reaches its owner; g2
     * only by one that does not reach af */
    run r = check(GOALS_HEAD
                  "  - {id: g1, name: Mål 1, owner: kommun, indicators: [{id: i1, name: I1, baseline: {2023: 1}, targets: {2024: 1}}]}\n"
                  "  - {id: g2, name: Mål 2, owner: af, indicators: [{id: i2, name: I2, baseline: {2023: 1}, targets: {2024: 1}}]}\n"
                  "reporting:\n"
                  "  - {from: styrelse, to: [torg], what: X, covers: [g1]}\n"
                  "  - {from: handlaggare, to: styrelse, what: Y, covers: [g2, g1]}\n"
                  "  - {from: styrelse, to: kommun, what: Z, covers: g1}\n");
    assert_int_equal(count_rule(&r, "results-not-reported"), 1);
    expect(&r, "results-not-reported", 0, "g2", "{id: g2", 1);
    done(&r);
    /* feedback to ifn comes from the board above the analysis group; none
     * comes back to af's role */
    r = check(HEAD
              "  - {id: ag, name: Analysgruppen, level: strategic, kind: analysis-group, members: [af], chair: ordf, reports_to: styrelse}\n"
              "reporting:\n"
              "  - {from: ifn, to: [ag], what: Statistik}\n"
              "  - {from: arbetsformedlare, to: [ag], what: Statistik}\n"
              "  - {from: styrelse, to: [kommun], what: Årsrapport}\n");
    assert_int_equal(count_rule(&r, "feedback-gap"), 1);
    expect(&r, "feedback-gap", 0, "reporting#2", "ag]", 2);
    done(&r);
}

static void test_dual_chair_through_a_circle_and_a_chain(void **state)
{
    (void)state;
    /* a and b report to each other; c reports to a, so (through the
     * circle) to b: ordf chairs c and b. e -> d -> styrelse: tredje chairs
     * e and the board. annan chairs a and d, which do not reach each other. */
    run r = check("samverkan: 1\n"
                  "agreement: {id: avtal, name: Avtal}\n"
                  "parties:\n"
                  "  - {id: af, name: AF, kind: agency}\n"
                  "people:\n"
                  "  - {id: ordf, name: Ordförande, party: af}\n"
                  "  - {id: annan, name: Annan, party: af}\n"
                  "  - {id: tredje, name: Tredje, party: af}\n"
                  "bodies:\n"
                  "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af], chair: tredje}\n"
                  "  - {id: a, name: A, level: strategic, kind: group, members: [af], chair: annan, reports_to: b}\n"
                  "  - {id: b, name: B, level: strategic, kind: group, members: [af], chair: ordf, reports_to: a}\n"
                  "  - {id: c, name: C, level: operational, kind: steering-group, members: [af], chair: ordf, reports_to: a}\n"
                  "  - {id: d, name: D, level: operational, kind: steering-group, members: [af], chair: annan, reports_to: styrelse}\n"
                  "  - {id: e, name: E, level: delivery, kind: team, members: [af], chair: tredje, reports_to: d}\n");
    assert_int_equal(count_rule(&r, "dual-chair"), 2);
    const sv_finding *f = expect(&r, "dual-chair", 0, "ordf", "ordf, reports_to: a", 2);
    assert_int_equal(f->related_count, 2);
    assert_string_equal(r.model->elements[f->related[0].element].id, "c");
    assert_string_equal(r.model->elements[f->related[1].element].id, "b");
    f = expect(&r, "dual-chair", 1, "tredje", "tredje, reports_to: d", 1);
    assert_string_equal(r.model->elements[f->related[1].element].id, "styrelse");
    done(&r);
}

static void test_sole_link_along_a_chain_of_parts(void **state)
{
    (void)state;
    /* three parts, two bodies each held together by two people, in a
     * chain: l1 joins the first to the second, l2 the second to the third */
    run r = check("samverkan: 1\n"
                  "agreement: {id: avtal, name: Avtal}\n"
                  "parties:\n"
                  "  - {id: af, name: AF, kind: agency}\n"
                  "people:\n"
                  "  - {id: pa, name: PA, party: af}\n  - {id: qa, name: QA, party: af}\n"
                  "  - {id: pb, name: PB, party: af}\n  - {id: qb, name: QB, party: af}\n"
                  "  - {id: pc, name: PC, party: af}\n  - {id: qc, name: QC, party: af}\n"
                  "  - {id: l1, name: L1, party: af}\n  - {id: l2, name: L2, party: af}\n"
                  "bodies:\n"
                  "  - {id: a1, name: A1, level: delivery, kind: team, members: [pa, qa, l1]}\n"
                  "  - {id: a2, name: A2, level: delivery, kind: team, members: [pa, qa]}\n"
                  "  - {id: b1, name: B1, level: delivery, kind: team, members: [pb, qb, l1]}\n"
                  "  - {id: b2, name: B2, level: delivery, kind: team, members: [pb, qb, l2]}\n"
                  "  - {id: c1, name: C1, level: delivery, kind: team, members: [pc, qc, l2]}\n"
                  "  - {id: c2, name: C2, level: delivery, kind: team, members: [pc, qc]}\n");
    assert_int_equal(count_rule(&r, "sole-link"), 2);
    const sv_finding *f = expect(&r, "sole-link", 0, "a1", "l1]", 1);
    assert_non_null(strstr(f->message, "(4 and 2 bodies)"));
    f = expect(&r, "sole-link", 1, "b2", "l2]", 1);
    assert_non_null(strstr(f->message, "(2 and 4 bodies)"));
    assert_int_equal(count_rule(&r, "single-point-of-failure"), 2);
    done(&r);
}

static void test_isolated_element_counts_units_roles_and_people(void **state)
{
    (void)state;
    /* kommun is used through its unit's role; the role through its person */
    run r = check("samverkan: 1\n"
                  "agreement: {id: avtal, name: Avtal}\n"
                  "parties:\n"
                  "  - {id: kommun, name: Kommunen, kind: municipality}\n"
                  "  - {id: enhet, name: Enheten, kind: unit, part_of: kommun}\n"
                  "roles:\n"
                  "  - {id: chef, name: Chef, party: enhet}\n"
                  "people:\n"
                  "  - {id: anna, name: Anna, roles: [chef]}\n"
                  "bodies:\n"
                  "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [anna], chair: anna}\n");
    assert_int_equal(count_rule(&r, "isolated-element"), 0);
    done(&r);
}

static void test_suppressions(void **state)
{
    (void)state;
    run r = check(HEAD
                  "  - id: sg\n    name: SG\n    level: strategic\n    kind: group\n    members: af\n    reports_to: styrelse\n"
                  "    ignore:\n"
                  "      - {rule: body-without-chair, because: Väljs i maj, until: 2025-12-31}\n"
                  "  - id: sg2\n    name: SG2\n    level: strategic\n    kind: group\n    members: af\n    reports_to: styrelse\n"
                  "    ignore:\n"
                  "      - {rule: body-without-chair, because: Gammalt beslut, until: 2025-01-31}\n"
                  "  - id: sg3\n    name: SG3\n    level: strategic\n    kind: group\n    members: af\n    reports_to: styrelse\n"
                  "    ignore:\n"
                  "      - {rule: body-without-chair}\n");
    /* sg: suppressed; sg2: lapsed (today is 2025-06-01 here); sg3: no reason */
    assert_int_equal(count_rule(&r, "body-without-chair"), 2);
    expect(&r, "body-without-chair", 1, "sg2", "id: sg2", 1);
    expect(&r, "body-without-chair", 2, "sg3", "id: sg3", 1);
    const sv_finding *f = expect(&r, "body-without-chair", 0, "sg", "id: sg\n", 1);
    assert_true(f->suppressed);
    assert_string_equal(f->suppressed_because, "Väljs i maj");
    assert_int_equal(count_rule(&r, "suppression-without-reason"), 1);
    expect(&r, "suppression-without-reason", 0, "sg3", "{rule: body-without-chair}", 1);
    done(&r);
}

static void test_unknown_rule_in_ignore_is_a_load_error(void **state)
{
    (void)state;
    assert_load_error(MODEL_HEAD "parties:\n  - {id: af, name: A, kind: agency, ignore: [{rule: body-without-chiar, because: x}]}\n"
                      "bodies:\n  - {id: b, name: B, level: decision, kind: board, members: af}\n",
                      "unknown-rule", 4, 53);
}

int main(void)
{
    sv_library_init(); /* the first call into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_process_has_no_process_findings),
        cmocka_unit_test(test_step_without_accountable),
        cmocka_unit_test(test_step_multiple_accountable),
        cmocka_unit_test(test_step_without_responsible),
        cmocka_unit_test(test_accountable_outside_process),
        cmocka_unit_test(test_process_without_start_and_end),
        cmocka_unit_test(test_unreachable_and_dead_end_step),
        cmocka_unit_test(test_shares_do_not_sum),
        cmocka_unit_test(test_handoff_without_feedback),
        cmocka_unit_test(test_follow_up_rules),
        cmocka_unit_test(test_cadence_mismatch),
        cmocka_unit_test(test_goal_rules),
        cmocka_unit_test(test_results_reported_by_a_unit_of_the_owner),
        cmocka_unit_test(test_feedback_gap),
        cmocka_unit_test(test_network_rules),
        cmocka_unit_test(test_accountable_outside_process_per_process),
        cmocka_unit_test(test_results_and_feedback_through_the_flow_indexes),
        cmocka_unit_test(test_dual_chair_through_a_circle_and_a_chain),
        cmocka_unit_test(test_sole_link_along_a_chain_of_parts),
        cmocka_unit_test(test_isolated_element_counts_units_roles_and_people),
        cmocka_unit_test(test_suppressions),
        cmocka_unit_test(test_unknown_rule_in_ignore_is_a_load_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
