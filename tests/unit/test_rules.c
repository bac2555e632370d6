/*
 * The structure rules: for each, a minimal model that triggers it (rule,
 * element, line and column asserted) and a close one that does not. A
 * last test fails when a rule of the catalogue has no test here.
 */
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"

/* Names of the rules tested below; the catalogue test compares. */
static const char *const tested[] = {
    /* here */
    "no-decision-body", "reporting-line-missing", "reporting-cycle", "reporting-level-order",
    "body-without-members", "body-without-chair", "party-count-mismatch",
    "signatory-not-represented", "service-point-unsteered",
    /* in test_rules_catalogue.c */
    "step-without-accountable", "step-multiple-accountable", "step-without-responsible",
    "accountable-outside-process", "process-without-start", "process-without-end",
    "unreachable-step", "dead-end-step", "shares-do-not-sum", "handoff-without-feedback",
    "process-without-follow-up", "no-follow-up-after-end", "cadence-mismatch",
    "goal-without-owner", "goal-without-indicator", "indicator-without-target",
    "indicator-without-baseline", "goal-not-linked", "results-not-reported", "feedback-gap",
    "single-point-of-failure", "sole-link", "dual-chair", "isolated-element",
    "suppression-without-reason",
    /* format 1.1, governance: here */
    "deputy-missing", "board-member-not-elected", "votes-unequal", "mandate-without-scope",
    /* format 1.1, Group B: here */
    "funding-shares-do-not-sum", "funding-breaks-finsam", "project-without-owner",
    "project-without-evaluation", "project-without-steering", "body-after-its-period",
};

typedef struct run {
    sv_model *model;
    sv_findings findings;
} run;

static run check(const char *yaml)
{
    run r;
    r.model = assert_loads(yaml);
    sv_findings_init(&r.findings);
    sv_diags d;
    sv_diags_init(&d);
    assert_int_equal(sv_rules_run(&r.findings, r.model, NULL, &d), 0);
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
        n += strcmp(sv_rule_at(r->findings.items[i].rule)->name, rule) == 0;
    return n;
}

/* The n-th (0-based) finding of `rule`, asserted to be about `element` at line:col. */
static const sv_finding *expect_finding(const run *r, const char *rule, size_t n, const char *element,
                                        int line, int col)
{
    for (size_t i = 0; i < r->findings.count; i++) {
        const sv_finding *f = &r->findings.items[i];
        if (strcmp(sv_rule_at(f->rule)->name, rule) != 0 || n-- > 0)
            continue;
        assert_true(f->element != SV_NONE);
        assert_string_equal(r->model->elements[f->element].id, element);
        if (f->pos.line != line || f->pos.col != col)
            print_error("%s: expected %d:%d, got %d:%d (%s)\n", rule, line, col, f->pos.line,
                        f->pos.col, f->message);
        assert_int_equal(f->pos.line, line);
        assert_int_equal(f->pos.col, col);
        return f;
    }
    print_error("no finding %s #%zu\n", rule, n);
    fail();
    return NULL;
}

#define HEAD                                                                                       \
    "samverkan: 1\n"                                                                               \
    "agreement: {id: avtal, name: Avtal}\n"                                                        \
    "parties:\n"                                                                                   \
    "  - {id: af, name: Arbetsförmedlingen, kind: agency, signatory: true}\n"                      \
    "  - {id: kommun, name: Kommunen, kind: municipality, signatory: true}\n"                      \
    "  - {id: ami, name: AMI, kind: department, part_of: kommun}\n"                                \
    "people:\n"                                                                                    \
    "  - {id: ordf, name: Ordförande, party: kommun}\n"                                            \
    "bodies:\n"
/* line 10 is the first body */
#define BOARD "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, kommun], chair: ordf}\n"

static void test_no_decision_body(void **state)
{
    (void)state;
    run r = check(HEAD "  - {id: ssg, name: SSG, level: strategic, kind: group, members: [af, kommun], chair: ordf}\n");
    assert_int_equal(count_rule(&r, "no-decision-body"), 1);
    expect_finding(&r, "no-decision-body", 0, "avtal", 2, 12);
    /* with no decision body, missing lines are not reported body by body */
    assert_int_equal(count_rule(&r, "reporting-line-missing"), 0);
    done(&r);
    r = check(HEAD BOARD);
    assert_int_equal(count_rule(&r, "no-decision-body"), 0);
    done(&r);
}

static void test_reporting_line_missing(void **state)
{
    (void)state;
    run r = check(HEAD BOARD
                  "  - {id: ssg, name: SSG, level: strategic, kind: group, members: af, chair: ordf}\n"
                  "  - {id: sg, name: SG, level: operational, kind: steering-group, members: af, chair: ordf, reports_to: ssg}\n");
    assert_int_equal(count_rule(&r, "reporting-line-missing"), 2);
    expect_finding(&r, "reporting-line-missing", 0, "ssg", 11, 5);
    const sv_finding *f = expect_finding(&r, "reporting-line-missing", 1, "sg", 12, 104);
    /* the related element is where the line stops */
    assert_int_equal(f->related_count, 1);
    assert_int_equal(f->related[0].element, sv_model_find(r.model, "ssg"));
    done(&r);
    r = check(HEAD BOARD
              "  - {id: ssg, name: SSG, level: strategic, kind: group, members: af, chair: ordf, reports_to: styrelse}\n"
              "  - {id: sg, name: SG, level: operational, kind: steering-group, members: af, chair: ordf, reports_to: ssg}\n");
    assert_int_equal(count_rule(&r, "reporting-line-missing"), 0);
    done(&r);
}

/* docs/real-agreements.md, Roslagen: a members' forum gives the board
 * guidelines; it stands beside the line, not under it. */
static void test_reporting_line_forum_beside_the_line(void **state)
{
    (void)state;
    const char *forum =
        "  - {id: samrad, name: Medlemssamrådet, level: strategic, kind: forum, members: [af, kommun], chair: ordf}\n";
    const char *flow = "reporting:\n"
                       "  - {id: riktlinjer, from: samrad, to: [styrelse], what: Riktlinjer}\n";
    char text[2048];
    snprintf(text, sizeof text, "%s%s%s%s", HEAD, BOARD, forum, flow);
    run r = check(text);
    assert_int_equal(count_rule(&r, "reporting-line-missing"), 0);
    done(&r);
    /* without the flow it is outside the line */
    snprintf(text, sizeof text, "%s%s%s", HEAD, BOARD, forum);
    r = check(text);
    assert_int_equal(count_rule(&r, "reporting-line-missing"), 1);
    expect_finding(&r, "reporting-line-missing", 0, "samrad", 11, 5);
    done(&r);
    /* a group that only sends reports still answers to nobody */
    snprintf(text, sizeof text, "%s%s%s%s", HEAD, BOARD,
             "  - {id: samrad, name: Gruppen, level: strategic, kind: group, members: [af, kommun], chair: ordf}\n",
             flow);
    r = check(text);
    assert_int_equal(count_rule(&r, "reporting-line-missing"), 1);
    done(&r);
}

/* docs/real-agreements.md, Roslagen: the forum's members each get the
 * board's annual report, so the forum hears back. */
static void test_feedback_gap_through_members(void **state)
{
    (void)state;
    const char *bodies =
        "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af]}\n"
        "  - {id: samrad, name: Medlemssamrådet, level: strategic, kind: forum, members: [af, kommun], chair: ordf}\n";
    const char *guidelines = "  - {id: riktlinjer, from: samrad, to: [styrelse], what: Riktlinjer}\n";
    char text[2048];
    snprintf(text, sizeof text, "%s%sreporting:\n%s%s", HEAD, bodies, guidelines,
             "  - {id: arsredovisning, from: styrelse, to: [af, kommun], what: Årsredovisning}\n");
    run r = check(text);
    assert_int_equal(count_rule(&r, "feedback-gap"), 0);
    done(&r);
    /* the annual report reaches only one of the two: no answer to the forum */
    snprintf(text, sizeof text, "%s%sreporting:\n%s%s", HEAD, bodies, guidelines,
             "  - {id: arsredovisning, from: styrelse, to: [af], what: Årsredovisning}\n");
    r = check(text);
    assert_int_equal(count_rule(&r, "feedback-gap"), 1);
    expect_finding(&r, "feedback-gap", 0, "riktlinjer", 13, 41);
    done(&r);
}

/* docs/real-agreements.md, Norra Bohuslän: municipalities seated only as
 * ersättare are present, without a vote: a note, not a warning. */
static void test_signatory_only_a_deputy(void **state)
{
    (void)state;
    const char *text =
        "samverkan: 1.1\n"
        "agreement: {id: avtal, name: Avtal}\n"
        "parties:\n"
        "  - {id: af, name: AF, kind: agency, signatory: true}\n"
        "  - {id: tanum, name: Tanums kommun, kind: municipality, signatory: true}\n"
        "  - {id: munkedal, name: Munkedals kommun, kind: municipality, signatory: true}\n"
        "bodies:\n"
        "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af], deputies: [tanum]}\n";
    run r = check(text);
    assert_int_equal(count_rule(&r, "signatory-not-represented"), 2);
    const sv_finding *f = expect_finding(&r, "signatory-not-represented", 0, "tanum", 5, 5);
    assert_int_equal(f->severity, SV_SEV_INFO);
    assert_non_null(strstr(f->message, "only as an ersättare"));
    f = expect_finding(&r, "signatory-not-represented", 1, "munkedal", 6, 5);
    assert_int_equal(f->severity, SV_SEV_WARNING);
    done(&r);
}

/* docs/real-agreements.md, Norra Bohuslän: the municipalities share one
 * seat, and its ersättare come from the other municipalities. */
static void test_deputy_for_a_shared_seat(void **state)
{
    (void)state;
    const char *head =
        "samverkan: 1.1\n"
        "agreement: {id: avtal, name: Avtal}\n"
        "parties:\n"
        "  - {id: af, name: AF, kind: agency}\n"
        "  - {id: lysekil, name: Lysekil, kind: municipality}\n"
        "  - {id: tanum, name: Tanum, kind: municipality}\n"
        "people:\n"
        "  - {id: ledamot-af, name: Ledamot AF, party: af}\n"
        "  - {id: ersattare-af, name: Ersättare AF, party: af}\n"
        "  - {id: ledamot-kommunerna, name: Kommunernas ledamot, party: lysekil}\n";
    const char *board =
        "bodies:\n"
        "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [ledamot-af, "
        "ledamot-kommunerna], chair: ledamot-af, deputies: [ersattare-af, ersattare-tanum]}\n";
    char text[2048];
    snprintf(text, sizeof text, "%s%s%s", head,
             "  - {id: ersattare-tanum, name: Ersättare Tanum, party: tanum, deputy_for: ledamot-kommunerna}\n",
             board);
    run r = check(text);
    assert_int_equal(count_rule(&r, "deputy-missing"), 0);
    done(&r);
    /* without deputy_for, Tanum's ersättare stands in for no one of Lysekil */
    snprintf(text, sizeof text, "%s%s%s", head,
             "  - {id: ersattare-tanum, name: Ersättare Tanum, party: tanum}\n", board);
    r = check(text);
    assert_int_equal(count_rule(&r, "deputy-missing"), 1);
    assert_non_null(strstr(r.findings.items[0].message, "'Lysekil'"));
    done(&r);
}

/* docs/real-agreements.md, Sollentuna-Upplands Väsby-Sigtuna: the
 * providers that carry out an insats take part in the agreement. */
static void test_project_providers_take_part(void **state)
{
    (void)state;
    const char *head =
        "samverkan: 1.1\n"
        "agreement: {id: avtal, name: Avtal}\n"
        "parties:\n"
        "  - {id: af, name: AF, kind: agency}\n"
        "  - {id: coompanion, name: Coompanion, kind: provider}\n"
        "bodies:\n"
        "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af]}\n"
        "projects:\n";
    char text[2048];
    snprintf(text, sizeof text, "%s%s", head,
             "  - {id: iop, name: IOP, kind: insats, owner: af, providers: [coompanion]}\n");
    run r = check(text);
    assert_int_equal(count_rule(&r, "isolated-element"), 0);
    done(&r);
    snprintf(text, sizeof text, "%s%s", head, "  - {id: iop, name: IOP, kind: insats, owner: af}\n");
    r = check(text);
    assert_int_equal(count_rule(&r, "isolated-element"), 1);
    expect_finding(&r, "isolated-element", 0, "coompanion", 5, 5);
    done(&r);
}

static void test_reporting_cycle(void **state)
{
    (void)state;
    run r = check(HEAD BOARD
                  "  - {id: a, name: A, level: strategic, kind: group, members: af, chair: ordf, reports_to: b}\n"
                  "  - {id: b, name: B, level: strategic, kind: group, members: af, chair: ordf, reports_to: a}\n"
                  "  - {id: c, name: C, level: operational, kind: group, members: af, chair: ordf, reports_to: c}\n");
    assert_int_equal(count_rule(&r, "reporting-cycle"), 2);
    const sv_finding *f = expect_finding(&r, "reporting-cycle", 0, "a", 11, 91);
    assert_non_null(strstr(f->message, "'A' -> 'B' -> 'A'"));
    assert_int_equal(f->related_count, 1);
    expect_finding(&r, "reporting-cycle", 1, "c", 13, 93);
    /* bodies in a circle are not also reported as lacking a line */
    assert_int_equal(count_rule(&r, "reporting-line-missing"), 0);
    done(&r);
    r = check(HEAD BOARD
              "  - {id: a, name: A, level: strategic, kind: group, members: af, chair: ordf, reports_to: styrelse}\n"
              "  - {id: b, name: B, level: operational, kind: group, members: af, chair: ordf, reports_to: a}\n");
    assert_int_equal(count_rule(&r, "reporting-cycle"), 0);
    done(&r);
}

static void test_reporting_level_order(void **state)
{
    (void)state;
    run r = check(HEAD BOARD
                  "  - {id: ssg, name: SSG, level: strategic, kind: group, members: af, chair: ordf, reports_to: styrelse}\n"
                  "  - {id: sg, name: SG, level: operational, kind: steering-group, members: af, chair: ordf, reports_to: styrelse}\n"
                  "  - {id: ag, name: AG, level: strategic, kind: analysis-group, members: af, chair: ordf, reports_to: ssg}\n");
    assert_int_equal(count_rule(&r, "reporting-level-order"), 2);
    const sv_finding *f = expect_finding(&r, "reporting-level-order", 0, "sg", 12, 104);
    assert_non_null(strstr(f->message, "skipping the strategic level"));
    f = expect_finding(&r, "reporting-level-order", 1, "ag", 13, 102);
    assert_non_null(strstr(f->message, "not above it"));
    done(&r);
    r = check(HEAD BOARD
              "  - {id: ssg, name: SSG, level: strategic, kind: group, members: af, chair: ordf, reports_to: styrelse}\n"
              "  - {id: sg, name: SG, level: operational, kind: steering-group, members: af, chair: ordf, reports_to: ssg}\n");
    assert_int_equal(count_rule(&r, "reporting-level-order"), 0);
    done(&r);
}

static void test_body_without_members(void **state)
{
    (void)state;
    run r = check(HEAD BOARD
                  "  - {id: ssg, name: SSG, level: strategic, kind: group, members: [], chair: ordf, reports_to: styrelse}\n");
    assert_int_equal(count_rule(&r, "body-without-members"), 1);
    expect_finding(&r, "body-without-members", 0, "ssg", 11, 5);
    done(&r);
    r = check(HEAD BOARD
              "  - {id: ssg, name: SSG, level: strategic, kind: group, members: [ordf], chair: ordf, reports_to: styrelse}\n");
    assert_int_equal(count_rule(&r, "body-without-members"), 0);
    done(&r);
}

static void test_body_without_chair(void **state)
{
    (void)state;
    run r = check(HEAD BOARD
                  "  - id: ssg\n    name: SSG\n    level: strategic\n    kind: group\n    members: af\n    reports_to: styrelse\n"
                  "  - {id: torg, name: Torget, level: delivery, kind: service-point, members: af, reports_to: ssg}\n");
    /* delivery bodies need no chair */
    assert_int_equal(count_rule(&r, "body-without-chair"), 1);
    expect_finding(&r, "body-without-chair", 0, "ssg", 11, 5);
    done(&r);
}

static void test_party_count_mismatch(void **state)
{
    (void)state;
    /* ami is a unit of kommun: it counts as kommun, so 2 distinct parties */
    run r = check(HEAD BOARD
                  "  - {id: sg, name: SG, level: strategic, kind: group, members: [af, ami, kommun, ordf], chair: ordf, reports_to: styrelse, party_count: 4}\n");
    assert_int_equal(count_rule(&r, "party-count-mismatch"), 1);
    const sv_finding *f = expect_finding(&r, "party-count-mismatch", 0, "sg", 11, 137);
    assert_non_null(strstr(f->message, "2 parties"));
    assert_int_equal(f->related_count, 2);
    done(&r);
    r = check(HEAD BOARD
              "  - {id: sg, name: SG, level: strategic, kind: group, members: [af, ami, kommun, ordf], chair: ordf, reports_to: styrelse, party_count: 2}\n");
    assert_int_equal(count_rule(&r, "party-count-mismatch"), 0);
    done(&r);
}

static void test_signatory_not_represented(void **state)
{
    (void)state;
    run r = check(HEAD
                  "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [ami], chair: ordf}\n"
                  "  - {id: sg, name: SG, level: operational, kind: steering-group, members: af, chair: ordf, reports_to: styrelse}\n");
    /* af sits only on the operational level; kommun is represented by its unit ami */
    assert_int_equal(count_rule(&r, "signatory-not-represented"), 1);
    expect_finding(&r, "signatory-not-represented", 0, "af", 4, 5);
    done(&r);
}

static void test_service_point_unsteered(void **state)
{
    (void)state;
    run r = check(HEAD BOARD
                  "  - {id: ssg, name: SSG, level: strategic, kind: group, members: af, chair: ordf, reports_to: styrelse}\n"
                  "  - {id: sg, name: SG, level: operational, kind: steering-group, members: af, chair: ordf, reports_to: ssg}\n"
                  "  - {id: torg1, name: T1, level: delivery, kind: service-point, members: af, reports_to: ssg}\n"
                  "  - {id: torg2, name: T2, level: delivery, kind: service-point, members: af}\n"
                  "  - {id: torg3, name: T3, level: delivery, kind: service-point, members: af, reports_to: sg}\n");
    assert_int_equal(count_rule(&r, "service-point-unsteered"), 2);
    expect_finding(&r, "service-point-unsteered", 0, "torg1", 13, 90);
    expect_finding(&r, "service-point-unsteered", 1, "torg2", 14, 5);
    done(&r);
}

/* Issue 11: a process that is not about one person (a decision or a
 * preparation process) has no individual to follow up. On the old rules
 * the decision process below gave process-without-follow-up; the same
 * process about individuals still does, and an individual process with a
 * follow-up only before its end still gives no-follow-up-after-end. */
#define PROC_HEAD(about)                                                                           \
    HEAD BOARD "processes:\n  - id: p\n    name: P\n" about "    steps:\n"
#define PROC_STEPS                                                                                 \
    "      - {id: a, name: A, kind: start, responsible: ami, accountable: kommun, next: h}\n"      \
    "      - {id: h, name: H, kind: handoff, responsible: af, accountable: af, next: b}\n"         \
    "      - {id: b, name: B, kind: end, responsible: af, accountable: af}\n"
static void test_follow_up_only_for_individual_processes(void **state)
{
    (void)state;
    run r = check(PROC_HEAD("    about: decision\n") PROC_STEPS);
    assert_int_equal(r.model->processes[0].about, SV_ABOUT_DECISION);
    assert_int_equal(count_rule(&r, "process-without-follow-up"), 0);
    assert_int_equal(count_rule(&r, "handoff-without-feedback"), 0);
    done(&r);
    r = check(PROC_HEAD("    about: preparation\n") PROC_STEPS);
    assert_int_equal(count_rule(&r, "process-without-follow-up"), 0);
    done(&r);
    /* the default is individual, and so is the word */
    r = check(PROC_HEAD("") PROC_STEPS);
    assert_int_equal(r.model->processes[0].about, SV_ABOUT_INDIVIDUAL);
    assert_int_equal(count_rule(&r, "process-without-follow-up"), 1);
    expect_finding(&r, "process-without-follow-up", 0, "p", 12, 5);
    assert_int_equal(count_rule(&r, "handoff-without-feedback"), 1);
    done(&r);
    r = check(PROC_HEAD("    about: individual\n")
              "      - {id: a, name: A, kind: start, responsible: ami, accountable: kommun, next: c}\n"
              "      - {id: c, name: C, kind: follow-up, responsible: ami, accountable: kommun, next: b}\n"
              "      - {id: b, name: B, kind: end, responsible: ami, accountable: kommun}\n");
    assert_int_equal(count_rule(&r, "no-follow-up-after-end"), 1);
    expect_finding(&r, "no-follow-up-after-end", 0, "p/b", 18, 9);
    done(&r);
    r = check(PROC_HEAD("    about: decision\n")
              "      - {id: a, name: A, kind: start, responsible: ami, accountable: kommun, next: c}\n"
              "      - {id: c, name: C, kind: follow-up, responsible: ami, accountable: kommun, next: b}\n"
              "      - {id: b, name: B, kind: end, responsible: ami, accountable: kommun}\n");
    assert_int_equal(count_rule(&r, "no-follow-up-after-end"), 0);
    done(&r);
}

/* Issue 11: a body whose members' parties all sit in the board it reports
 * to hears the board's answer through their seats there. On the old rule
 * the first model gave feedback-gap; a board where one of the parties
 * (kommun, through its unit ami) has no seat still gives it. */
static void test_feedback_gap_through_the_members_seats(void **state)
{
    (void)state;
    run r = check(HEAD BOARD
                  "  - {id: sg, name: SG, level: operational, kind: steering-group, members: [af, ami], chair: ordf, reports_to: styrelse}\n"
                  "reporting:\n"
                  "  - {id: lage, from: sg, to: [styrelse], what: Lägesrapport}\n");
    assert_int_equal(count_rule(&r, "feedback-gap"), 0);
    done(&r);
    r = check(HEAD
              "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af]}\n"
              "  - {id: sg, name: SG, level: operational, kind: steering-group, members: [af, ami], chair: ordf, reports_to: styrelse}\n"
              "reporting:\n"
              "  - {id: lage, from: sg, to: [styrelse], what: Lägesrapport}\n");
    assert_int_equal(count_rule(&r, "feedback-gap"), 1);
    expect_finding(&r, "feedback-gap", 0, "lage", 13, 31);
    done(&r);
    /* a strategic receiver is not a board: the members' seats do not count there */
    r = check(HEAD BOARD
              "  - {id: ssg, name: SSG, level: strategic, kind: group, members: [af, kommun], chair: ordf, reports_to: styrelse}\n"
              "  - {id: sg, name: SG, level: operational, kind: steering-group, members: [af, ami], chair: ordf, reports_to: ssg}\n"
              "reporting:\n"
              "  - {id: lage, from: sg, to: [ssg], what: Lägesrapport}\n");
    assert_int_equal(count_rule(&r, "feedback-gap"), 1);
    done(&r);
}

/* Issue 11: party_count as the agreement counts. A group inside one
 * organisation (two units of the municipality) with party_count 2 counts
 * the units; the old rule saw one party and reported it. The same group
 * with party_count 3, and a group with members from two organisations
 * whose party_count counts units, are still reported. */
static void test_party_count_counts_units_inside_one_organisation(void **state)
{
    (void)state;
    run r = check("samverkan: 1\n"
                  "agreement: {id: avtal, name: Avtal}\n"
                  "parties:\n"
                  "  - {id: af, name: Arbetsförmedlingen, kind: agency}\n"
                  "  - {id: kommun, name: Kommunen, kind: municipality}\n"
                  "  - {id: gvn, name: GVN, kind: committee, part_of: kommun}\n"
                  "  - {id: ifn, name: IFN, kind: committee, part_of: kommun}\n"
                  "roles:\n"
                  "  - {id: chef-ifn, name: Chef IFN, party: ifn}\n"
                  "bodies:\n"
                  "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [gvn, chef-ifn], chair: chef-ifn, party_count: 2}\n"
                  "  - {id: sg, name: SG, level: strategic, kind: group, members: [gvn, ifn], chair: chef-ifn, reports_to: styrelse, party_count: 3}\n"
                  "  - {id: mix, name: Mix, level: strategic, kind: group, members: [af, gvn, ifn], chair: chef-ifn, reports_to: styrelse, party_count: 3}\n");
    /* styrelse: gvn and ifn (through its role) are the two parties */
    assert_int_equal(count_rule(&r, "party-count-mismatch"), 2);
    const sv_finding *f = expect_finding(&r, "party-count-mismatch", 0, "sg", 12, 128);
    assert_non_null(strstr(f->message, "1 party"));
    f = expect_finding(&r, "party-count-mismatch", 1, "mix", 13, 134);
    assert_non_null(strstr(f->message, "2 parties"));
    done(&r);
}

/* Issue 11: severity follows consequence. A strategic body without a
 * line to the decision level keeps the rule's severity (error), an
 * operational one is a step lower (warning); likewise a missing chair
 * (warning, info). A severity set by the configuration or --rule holds
 * at every level. */
static void test_structural_severity_by_level(void **state)
{
    (void)state;
    const char *yaml = HEAD BOARD
        "  - {id: ssg, name: SSG, level: strategic, kind: group, members: af}\n"
        "  - {id: sg, name: SG, level: operational, kind: steering-group, members: af}\n";
    run r = check(yaml);
    assert_int_equal(expect_finding(&r, "reporting-line-missing", 0, "ssg", 11, 5)->severity,
                     SV_SEV_ERROR);
    assert_int_equal(expect_finding(&r, "reporting-line-missing", 1, "sg", 12, 5)->severity,
                     SV_SEV_WARNING);
    assert_int_equal(expect_finding(&r, "body-without-chair", 0, "ssg", 11, 5)->severity,
                     SV_SEV_WARNING);
    assert_int_equal(expect_finding(&r, "body-without-chair", 1, "sg", 12, 5)->severity,
                     SV_SEV_INFO);
    done(&r);
    /* set (even to the default): the same at every level */
    sv_model *m = assert_loads(yaml);
    sv_severity *sev = malloc(sv_rule_count() * sizeof *sev);
    bool *given = calloc(sv_rule_count(), sizeof *given);
    for (size_t i = 0; i < sv_rule_count(); i++)
        sev[i] = sv_rule_at(i)->severity;
    given[sv_rule_find("reporting-line-missing", NULL)] = true;
    size_t chair = (size_t)sv_rule_find("body-without-chair", NULL);
    sev[chair] = SV_SEV_ERROR;
    given[chair] = true;
    sv_rule_config config = {.severity = sev, .severity_given = given};
    sv_findings f;
    sv_findings_init(&f);
    sv_diags d;
    sv_diags_init(&d);
    assert_int_equal(sv_rules_run(&f, m, &config, &d), 0);
    size_t checked = 0;
    for (size_t i = 0; i < f.count; i++) {
        const char *name = sv_rule_at(f.items[i].rule)->name;
        if (strcmp(name, "reporting-line-missing") == 0 || strcmp(name, "body-without-chair") == 0) {
            assert_int_equal(f.items[i].severity, SV_SEV_ERROR);
            checked++;
        }
    }
    assert_int_equal(checked, 4);
    sv_findings_free(&f);
    sv_diags_free(&d);
    sv_model_free(m);
    free(sev);
    free(given);
}

static void test_severity_override_and_off(void **state)
{
    (void)state;
    sv_model *m = assert_loads(HEAD "  - {id: ssg, name: SSG, level: strategic, kind: group, members: af}\n");
    sv_severity *sev = malloc(sv_rule_count() * sizeof *sev);
    /* only these three rules run; the first is switched off again */
    for (size_t i = 0; i < sv_rule_count(); i++)
        sev[i] = SV_SEV_OFF;
    sev[sv_rule_find("signatory-not-represented", NULL)] = SV_SEV_WARNING;
    sev[sv_rule_find("no-decision-body", NULL)] = SV_SEV_OFF;
    sev[sv_rule_find("body-without-chair", NULL)] = SV_SEV_ERROR;
    sv_rule_config config = {.year = 0, .severity = sev};
    sv_findings f;
    sv_findings_init(&f);
    sv_diags d;
    sv_diags_init(&d);
    assert_int_equal(sv_rules_run(&f, m, &config, &d), 0);
    /* no-decision-body is off; body-without-chair is raised to error;
     * kommun is a signatory outside the only (strategic) body */
    assert_int_equal(f.count, 2);
    assert_string_equal(sv_rule_at(f.items[0].rule)->name, "signatory-not-represented");
    assert_string_equal(sv_rule_at(f.items[1].rule)->name, "body-without-chair");
    assert_int_equal(f.items[1].severity, SV_SEV_ERROR);
    sv_findings_free(&f);
    sv_diags_free(&d);
    sv_model_free(m);
    free(sev);
}

static void test_every_rule_has_a_test(void **state)
{
    (void)state;
    size_t n = sizeof tested / sizeof tested[0];
    assert_int_equal(sv_rule_count(), n);
    for (size_t i = 0; i < sv_rule_count(); i++) {
        bool found = false;
        for (size_t k = 0; k < n; k++)
            found = found || strcmp(tested[k], sv_rule_at(i)->name) == 0;
        if (!found)
            print_error("rule %s has no test\n", sv_rule_at(i)->name);
        assert_true(found);
    }
    /* and every rule has its long text (explain, SARIF help, docs/rules.md) */
    for (size_t i = 0; i < sv_rule_count(); i++) {
        const sv_rule_text *t = sv_rule_text_of(sv_rule_at(i));
        if (!t)
            print_error("rule %s has no text in rules_text.def\n", sv_rule_at(i)->name);
        assert_non_null(t);
        assert_true(strlen(t->detects) > 20 && strlen(t->why) > 20 && strlen(t->fix) > 20);
        assert_non_null(strchr(t->wrong, '\n'));
        assert_non_null(strchr(t->right, '\n'));
    }
    const char *hint;
    assert_int_equal(sv_rule_find("body-without-chiar", &hint), -1);
    assert_string_equal(hint, "body-without-chair");
}


/* ---- format 1.1, governance ---- */

#define GHEAD                                                                                      \
    "samverkan: 1.1\n"                                                                             \
    "agreement: {id: avtal, name: Avtal, kind: finsam}\n"                                          \
    "parties:\n"                                                                                   \
    "  - {id: af, name: AF, kind: agency}\n"                                                       \
    "  - {id: fk, name: FK, kind: agency}\n"                                                       \
    "  - {id: kommun, name: Kommunen, kind: municipality}\n"                                       \
    "  - {id: ami, name: AMI, kind: department, part_of: kommun}\n"                                \
    "people:\n"                                                                                    \
    "  - {id: ordf, name: Ordforande, party: kommun, elected: true}\n"                             \
    "  - {id: chef, name: Socialchef, party: ami, elected: false}\n"                               \
    "  - {id: handlaggare, name: Handlaggare, party: af, elected: false}\n"                        \
    "  - {id: ersattare, name: Ersattaren, party: af}\n"
/* line 14 is the first body */
#define GBOARD "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, kommun], chair: ordf}\n"

static void test_deputy_missing(void **state)
{
    (void)state;
    run r = check(GHEAD "bodies:\n"
                  "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, ordf, fk], chair: ordf, deputies: [ersattare]}\n");
    /* kommun (through ordf) and fk have seats and no deputy; af has one
     * (at one position, findings are in the order of their messages) */
    assert_int_equal(count_rule(&r, "deputy-missing"), 2);
    const sv_finding *f = expect_finding(&r, "deputy-missing", 0, "styrelse", 14, 115);
    assert_non_null(strstr(f->message, "'Styrelsen' names deputies, but none for 'FK'"));
    f = expect_finding(&r, "deputy-missing", 1, "styrelse", 14, 115);
    assert_non_null(strstr(f->message, "none for 'Kommunen'"));
    /* an ersättare takes part: not an isolated element */
    for (size_t i = 0; i < r.findings.count; i++)
        if (strcmp(sv_rule_at(r.findings.items[i].rule)->name, "isolated-element") == 0)
            assert_int_not_equal(r.findings.items[i].element, sv_model_find(r.model, "ersattare"));
    assert_int_equal(count_rule(&r, "isolated-element"), 3); /* chef, handlaggare, ami */
    done(&r);
    /* a deputy from each party, or a party as its own deputy */
    r = check(GHEAD "bodies:\n"
              "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, ordf, fk], chair: ordf, deputies: [ersattare, ami, fk]}\n");
    assert_int_equal(count_rule(&r, "deputy-missing"), 0);
    done(&r);
    /* no `deputies` key: the model does not say, nothing is reported */
    r = check(GHEAD "bodies:\n"
              "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, ordf, fk], chair: ordf}\n");
    assert_int_equal(count_rule(&r, "deputy-missing"), 0);
    done(&r);
}

static void test_board_member_not_elected(void **state)
{
    (void)state;
    const char *yaml = GHEAD "bodies:\n"
        "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [handlaggare, chef, ordf], chair: ordf}\n";
    run r = check(yaml);
    /* chef is an official of a municipal department; handlaggare an AF official (fine) */
    assert_int_equal(count_rule(&r, "board-member-not-elected"), 1);
    const sv_finding *f = expect_finding(&r, "board-member-not-elected", 0, "styrelse", 14, 90);
    assert_non_null(strstr(f->message, "'Socialchef' sits on the board 'Styrelsen' for 'AMI'"));
    assert_int_equal(f->related_count, 1);
    assert_int_equal(f->related[0].element, sv_model_find(r.model, "chef"));
    done(&r);
    /* the same board in a local agreement: the Finsam rule does not apply */
    char *local = strdup(yaml);
    memcpy(strstr(local, "kind: finsam"), "kind: local ", 12);
    r = check(local);
    assert_int_equal(count_rule(&r, "board-member-not-elected"), 0);
    done(&r);
    free(local);
}

static void test_votes_unequal(void **state)
{
    (void)state;
    run r = check(GHEAD "bodies:\n"
                  "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, handlaggare, ersattare, kommun], chair: ordf, votes: per-member}\n");
    assert_int_equal(count_rule(&r, "votes-unequal"), 1);
    const sv_finding *f = expect_finding(&r, "votes-unequal", 0, "styrelse", 14, 134);
    assert_non_null(strstr(f->message, "'AF' has 3 seats where 'Kommunen' has 1"));
    done(&r);
    /* one seat more is no imbalance; one vote per party weighs no seats */
    r = check(GHEAD "bodies:\n"
              "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, handlaggare, kommun], chair: ordf, votes: per-member}\n"
              "  - {id: ssg, name: SSG, level: strategic, kind: group, members: [af, handlaggare, ersattare, kommun], chair: ordf, reports_to: styrelse, votes: per-party}\n");
    assert_int_equal(count_rule(&r, "votes-unequal"), 0);
    done(&r);
}

static void test_mandate_without_scope(void **state)
{
    (void)state;
    run r = check(GHEAD "bodies:\n" GBOARD
                  "  - {id: presidium, name: Presidiet, level: decision, kind: group, members: [ordf], chair: ordf, reports_to: styrelse, delegation: {from: styrelse}}\n");
    assert_int_equal(count_rule(&r, "mandate-without-scope"), 1);
    const sv_finding *f = expect_finding(&r, "mandate-without-scope", 0, "presidium", 15, 132);
    assert_non_null(strstr(f->message, "'Presidiet' decides on behalf of 'Styrelsen'"));
    /* the delegated presidium reports to the board beside it: no level finding */
    assert_int_equal(count_rule(&r, "reporting-level-order"), 0);
    done(&r);
    /* an empty scope on a person is no scope either */
    r = check("samverkan: 1.1\n"
              "agreement: {id: avtal, name: Avtal}\n"
              "parties: [{id: kommun, name: Kommunen, kind: municipality}]\n"
              "people:\n"
              "  - {id: ordf, name: Ordforande, party: kommun}\n"
              "  - {id: chef, name: Forbundschef, party: kommun, delegation: {from: styrelse, scope: ''}}\n"
              "bodies:\n"
              "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [kommun], chair: ordf}\n");
    assert_int_equal(count_rule(&r, "mandate-without-scope"), 1);
    expect_finding(&r, "mandate-without-scope", 0, "chef", 6, 63);
    done(&r);
    r = check(GHEAD "bodies:\n" GBOARD
              "  - {id: presidium, name: Presidiet, level: decision, kind: group, members: [ordf], chair: ordf, reports_to: styrelse, delegation: {from: styrelse, scope: Brådskande ärenden}}\n");
    assert_int_equal(count_rule(&r, "mandate-without-scope"), 0);
    assert_int_equal(count_rule(&r, "reporting-level-order"), 0);
    done(&r);
    /* without the delegation, the same presidium is a level finding */
    r = check(GHEAD "bodies:\n" GBOARD
              "  - {id: presidium, name: Presidiet, level: decision, kind: group, members: [ordf], chair: ordf, reports_to: styrelse}\n");
    assert_int_equal(count_rule(&r, "reporting-level-order"), 1);
    expect_finding(&r, "reporting-level-order", 0, "presidium", 15, 110);
    done(&r);
}

static void test_office_led_by(void **state)
{
    (void)state;
    /* an office reports straight to the board and has a head, not a chair */
    run r = check(GHEAD "bodies:\n" GBOARD
                  "  - {id: kansli, name: Kansliet, level: operational, kind: office, members: [chef], led_by: chef, reports_to: styrelse}\n");
    assert_int_equal(count_rule(&r, "reporting-level-order"), 0);
    assert_int_equal(count_rule(&r, "body-without-chair"), 0);
    done(&r);
    /* the same as a group: a skipped level and no chair */
    r = check(GHEAD "bodies:\n" GBOARD
              "  - {id: kansli, name: Kansliet, level: operational, kind: group, members: [chef], led_by: chef, reports_to: styrelse}\n");
    assert_int_equal(count_rule(&r, "reporting-level-order"), 1);
    expect_finding(&r, "reporting-level-order", 0, "kansli", 15, 110);
    assert_int_equal(count_rule(&r, "body-without-chair"), 1);
    expect_finding(&r, "body-without-chair", 0, "kansli", 15, 5);
    done(&r);
    /* an office without led_by is still asked for a chair */
    r = check(GHEAD "bodies:\n" GBOARD
              "  - {id: kansli, name: Kansliet, level: operational, kind: office, members: [chef], reports_to: styrelse}\n");
    assert_int_equal(count_rule(&r, "body-without-chair"), 1);
    done(&r);
}

static void test_leads_is_a_tie(void **state)
{
    (void)state;
    const char *yaml =
        "samverkan: 1.1\n"
        "agreement: {id: avtal, name: Avtal}\n"
        "parties: [{id: af, name: AF, kind: agency}, {id: kommun, name: Kommunen, kind: municipality}]\n"
        "people:\n"
        "  - {id: ordf, name: Ordforande, party: kommun}\n"
        "  - {id: chef, name: Enhetschef, party: kommun, leads: [team]}\n"
        "  - {id: coach, name: Coach, party: af}\n"
        "bodies:\n"
        "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, kommun, chef], chair: ordf}\n"
        "  - {id: team, name: Teamet, level: delivery, kind: team, members: [coach], reports_to: styrelse}\n";
    run r = check(yaml);
    /* chef leads the team and sits on the board: the only tie between them */
    assert_int_equal(count_rule(&r, "single-point-of-failure"), 1);
    expect_finding(&r, "single-point-of-failure", 0, "chef", 6, 5);
    done(&r);
    char *without = strdup(yaml);
    memcpy(strstr(without, "leads: [team]"), "note: ingen  ", 13);
    r = check(without);
    assert_int_equal(count_rule(&r, "single-point-of-failure"), 0);
    done(&r);
    free(without);
}

static void test_cadence_mismatch_written_forms(void **state)
{
    (void)state;
    const char *yaml =
        "samverkan: 1.1\n"
        "agreement: {id: avtal, name: Avtal}\n"
        "parties: [{id: af, name: AF, kind: agency}, {id: kommun, name: Kommunen, kind: municipality}]\n"
        "people: [{id: ordf, name: Ordforande, party: kommun}]\n"
        "bodies:\n"
        "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, kommun], chair: ordf, meets: {times_per_year: [10, 12]}}\n"
        "processes:\n"
        "  - id: p\n"
        "    name: P\n"
        "    steps:\n"
        "      - {id: a, name: A, accountable: af, meets: {times_per_year: 12}, next: b}\n"
        "      - {id: b, name: B, accountable: kommun, meets: {before: styrelse, days: 7}}\n";
    /* 12 a year is monthly; before the board: the board's 10 to 12, quarterly */
    run r = check(yaml);
    assert_int_equal(count_rule(&r, "cadence-mismatch"), 1);
    expect_finding(&r, "cadence-mismatch", 0, "p/a", 11, 78);
    done(&r);
    char *same = strdup(yaml);
    memcpy(strstr(same, "[10, 12]"), "[12, 14]", 8);
    r = check(same);
    assert_int_equal(count_rule(&r, "cadence-mismatch"), 0);
    done(&r);
    free(same);
}

/* ---- format 1.1, Group B: money, projects, many, external ---- */

#define AGREEMENT11                                                                                \
    "samverkan: 1.1\n"                                                                             \
    "agreement:\n"                                                                                 \
    "  id: avtal\n"                                                                                \
    "  name: Förbundsordningen\n"                                                                  \
    "  year: 2024\n"
/* lines 6.. are the agreement's own keys of a test */
#define PARTIES11                                                                                  \
    "parties:\n"                                                                                   \
    "  - {id: af, name: Arbetsförmedlingen, kind: agency, signatory: true}\n"                      \
    "  - {id: fk, name: Försäkringskassan, kind: agency, signatory: true}\n"                       \
    "  - {id: region, name: Regionen, kind: region, signatory: true}\n"                            \
    "  - {id: kommun, name: Kommunen, kind: municipality, signatory: true}\n"                      \
    "  - {id: kommun2, name: Grannkommunen, kind: municipality}\n"                                 \
    "  - {id: fou, name: FoU-enheten, kind: evaluator}\n"                                          \
    "  - {id: revisorer, name: Revisorerna, kind: auditor, signatory: true}\n"                     \
    "roles:\n"                                                                                     \
    "  - {id: samordnare, name: Samordnare, party: kommun}\n"                                      \
    "people:\n"                                                                                    \
    "  - {id: ordf, name: Ordförande, party: kommun}\n"                                            \
    "bodies:\n"                                                                                    \
    "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, fk, region, kommun, kommun2], chair: ordf}\n"

static void test_funding_shares_do_not_sum(void **state)
{
    (void)state;
    run r = check(AGREEMENT11
                  "  funding:\n"
                  "    shares:\n"
                  "      - {party: af, percent: 50}\n"
                  "      - {party: kommun, percent: 40}\n" PARTIES11);
    assert_int_equal(count_rule(&r, "funding-shares-do-not-sum"), 1);
    const sv_finding *f = expect_finding(&r, "funding-shares-do-not-sum", 0, "avtal", 8, 7);
    assert_non_null(strstr(f->message, "'Förbundsordningen'"));
    assert_non_null(strstr(f->message, "90 %"));
    /* not a Finsam agreement: the split is the parties' own */
    assert_int_equal(count_rule(&r, "funding-breaks-finsam"), 0);
    done(&r);
    r = check(AGREEMENT11
              "  funding:\n"
              "    shares:\n"
              "      - {party: af, percent: 50}\n"
              "      - {party: kommun, percent: 33.33}\n"
              "      - {party: kommun2, percent: 16.67}\n" PARTIES11);
    assert_int_equal(count_rule(&r, "funding-shares-do-not-sum"), 0);
    done(&r);
}

static void test_funding_breaks_finsam(void **state)
{
    (void)state;
    run r = check(AGREEMENT11
                  "  kind: finsam\n"
                  "  funding:\n"
                  "    shares:\n"
                  "      - {party: fk, percent: 40}\n"
                  "      - {party: region, percent: 30}\n"
                  "      - {party: kommun, percent: 30}\n" PARTIES11);
    assert_int_equal(count_rule(&r, "funding-breaks-finsam"), 1);
    const sv_finding *f = expect_finding(&r, "funding-breaks-finsam", 0, "avtal", 9, 7);
    assert_non_null(strstr(f->message, "40 % from the state"));
    assert_non_null(strstr(f->message, "30 % from the region"));
    assert_int_equal(f->related_count, 1);
    assert_int_equal(f->related[0].pos.line, 6);
    assert_int_equal(count_rule(&r, "funding-shares-do-not-sum"), 0);
    done(&r);
    /* the state's half split between AF and FK, the municipalities' quarter among two */
    r = check(AGREEMENT11
              "  kind: finsam\n"
              "  funding:\n"
              "    shares:\n"
              "      - {party: af, percent: 25}\n"
              "      - {party: fk, percent: 25}\n"
              "      - {party: region, percent: 25}\n"
              "      - {party: kommun, percent: 15}\n"
              "      - {party: kommun2, percent: 10}\n" PARTIES11);
    assert_int_equal(count_rule(&r, "funding-breaks-finsam"), 0);
    done(&r);
    /* shares that do not add up are reported once, by funding-shares-do-not-sum */
    r = check(AGREEMENT11
              "  kind: finsam\n"
              "  funding:\n"
              "    shares:\n"
              "      - {party: fk, percent: 50}\n"
              "      - {party: region, percent: 25}\n"
              "      - {party: kommun, percent: 15}\n" PARTIES11);
    assert_int_equal(count_rule(&r, "funding-breaks-finsam"), 0);
    assert_int_equal(count_rule(&r, "funding-shares-do-not-sum"), 1);
    done(&r);
    /* the same 40/30/30 in a local agreement is no finding */
    r = check(AGREEMENT11
              "  kind: local\n"
              "  funding:\n"
              "    shares:\n"
              "      - {party: fk, percent: 40}\n"
              "      - {party: region, percent: 30}\n"
              "      - {party: kommun, percent: 30}\n" PARTIES11);
    assert_int_equal(count_rule(&r, "funding-breaks-finsam"), 0);
    done(&r);
}

/* A total without its split (docs/real-agreements.md, Roslagen): the share
 * rules have nothing to judge, in a Finsam agreement or not, and no party is
 * taken part by a share it does not have. */
static void test_funding_total_without_shares(void **state)
{
    (void)state;
    const char *const kinds[] = {"  kind: finsam\n", "  kind: local\n", ""};
    char text[4096];
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        snprintf(text, sizeof text, "%s%s%s", AGREEMENT11, kinds[i],
                 "  funding: {year: 2022, total_sek: 6000000}\n" PARTIES11);
        run r = check(text);
        assert_int_equal(count_rule(&r, "funding-shares-do-not-sum"), 0);
        assert_int_equal(count_rule(&r, "funding-breaks-finsam"), 0);
        done(&r);
    }
    /* the grannkommun sits in no body: a share makes it take part, a total does not */
    const char *head = "samverkan: 1.1\n"
                       "agreement:\n"
                       "  id: avtal\n"
                       "  name: Avtal\n"
                       "  funding: {total_sek: 6000000%s}\n"
                       "parties:\n"
                       "  - {id: af, name: AF, kind: agency}\n"
                       "  - {id: kommun2, name: Grannkommunen, kind: municipality}\n"
                       "bodies:\n"
                       "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af]}\n";
    snprintf(text, sizeof text, head,
             ", shares: [{party: af, percent: 50}, {party: kommun2, percent: 50}]");
    run r = check(text);
    assert_int_equal(count_rule(&r, "isolated-element"), 0);
    done(&r);
    snprintf(text, sizeof text, head, "");
    r = check(text);
    assert_int_equal(count_rule(&r, "isolated-element"), 1);
    expect_finding(&r, "isolated-element", 0, "kommun2", 8, 5);
    done(&r);
}

/* line 20 is the first body after the board; projects follow the bodies */
#define STEERING11                                                                                 \
    "  - {id: sg-lumena, name: Styrgrupp Lumena, level: operational, kind: steering-group, members: [af, kommun], chair: ordf, reports_to: styrelse}\n"

static void test_project_without_owner(void **state)
{
    (void)state;
    run r = check(AGREEMENT11 PARTIES11 STEERING11
                  "projects:\n"
                  "  - {id: lumena, name: Lumena (ESF), steering_group: sg-lumena, evaluation: {by: fou}}\n"
                  "  - {id: hela, name: Hela vägen, owner: kommun, steering_group: sg-lumena, evaluation: {by: fou}}\n");
    assert_int_equal(count_rule(&r, "project-without-owner"), 1);
    const sv_finding *f = expect_finding(&r, "project-without-owner", 0, "lumena", 22, 5);
    assert_non_null(strstr(f->message, "'Lumena (ESF)'"));
    assert_int_equal(count_rule(&r, "project-without-evaluation"), 0);
    assert_int_equal(count_rule(&r, "project-without-steering"), 0);
    done(&r);
}

static void test_project_without_evaluation(void **state)
{
    (void)state;
    run r = check(AGREEMENT11 PARTIES11 STEERING11
                  "projects:\n"
                  "  - {id: lumena, name: Lumena (ESF), owner: kommun, steering_group: sg-lumena}\n"
                  "  - id: gammalt\n"
                  "    name: Gamla projektet\n"
                  "    owner: kommun\n"
                  "    steering_group: sg-lumena\n"
                  "    period: {from: 2019-01-01, to: 2022-12-31}\n"
                  "  - {id: hela, name: Hela vägen, owner: kommun, steering_group: sg-lumena, evaluation: {by: styrelse, due: 2025-06-30}}\n");
    assert_int_equal(count_rule(&r, "project-without-evaluation"), 2);
    const sv_finding *f = expect_finding(&r, "project-without-evaluation", 0, "lumena", 22, 5);
    assert_non_null(strstr(f->message, "'Lumena (ESF)' names no evaluation"));
    /* ended before the analysis year: said so, with the year */
    f = expect_finding(&r, "project-without-evaluation", 1, "gammalt", 23, 5);
    assert_non_null(strstr(f->message, "ended in 2022"));
    done(&r);
}

static void test_project_without_steering(void **state)
{
    (void)state;
    run r = check(AGREEMENT11 PARTIES11 STEERING11
                  "projects:\n"
                  "  - {id: hela, name: Hela vägen, owner: kommun, steering_group: sg-lumena, evaluation: {by: fou}}\n"
                  "  - {id: insats, name: Stödinsatsen, kind: insats, owner: kommun, evaluation: {by: fou}}\n");
    assert_int_equal(count_rule(&r, "project-without-steering"), 1);
    const sv_finding *f = expect_finding(&r, "project-without-steering", 0, "insats", 23, 5);
    assert_non_null(strstr(f->message, "'Stödinsatsen'"));
    assert_int_equal(f->severity, SV_SEV_INFO);
    done(&r);
}

static void test_body_after_its_period(void **state)
{
    (void)state;
    /* ended in 2022, analysis year 2024: no chair and no reports_to, yet only this */
    run r = check(AGREEMENT11 PARTIES11
                  "  - id: sg-gammal\n"
                  "    name: Styrgrupp för det gamla projektet\n"
                  "    level: operational\n"
                  "    kind: steering-group\n"
                  "    members: []\n"
                  "    party_count: 5\n"
                  "    period: {from: 2019-01-01, to: 2022-12-31}\n");
    assert_int_equal(count_rule(&r, "body-after-its-period"), 1);
    const sv_finding *f = expect_finding(&r, "body-after-its-period", 0, "sg-gammal", 26, 13);
    assert_non_null(strstr(f->message, "'Styrgrupp för det gamla projektet' existed until 2022-12-31"));
    assert_int_equal(count_rule(&r, "body-without-chair"), 0);
    assert_int_equal(count_rule(&r, "reporting-line-missing"), 0);
    assert_int_equal(count_rule(&r, "body-without-members"), 0);
    assert_int_equal(count_rule(&r, "party-count-mismatch"), 0);
    done(&r);
    /* still running: the structural rules see it */
    r = check(AGREEMENT11 PARTIES11
              "  - id: sg-gammal\n"
              "    name: Styrgrupp för det gamla projektet\n"
              "    level: operational\n"
              "    kind: steering-group\n"
              "    members: []\n"
              "    party_count: 5\n"
              "    period: {from: 2019-01-01, to: 2025-12-31}\n");
    assert_int_equal(count_rule(&r, "body-after-its-period"), 0);
    assert_int_equal(count_rule(&r, "body-without-chair"), 1);
    assert_int_equal(count_rule(&r, "reporting-line-missing"), 1);
    assert_int_equal(count_rule(&r, "body-without-members"), 1);
    assert_int_equal(count_rule(&r, "party-count-mismatch"), 1);
    done(&r);
}

static void test_for_each_counted_per_instance(void **state)
{
    (void)state;
    /* one team in each of the two municipalities, with AF and FK: 3 parties each */
    run r = check(AGREEMENT11 PARTIES11
                  "  - {id: team, name: Lokalt team, level: delivery, kind: team, members: [af, fk], reports_to: styrelse, for_each: municipality, party_count: 3}\n");
    assert_int_equal(count_rule(&r, "party-count-mismatch"), 0);
    assert_int_equal(r.model->bodies[1].instances, 2);
    done(&r);
    /* samordnare is kommun's: kommun's team has 3 parties, kommun2's has 4 */
    r = check(AGREEMENT11 PARTIES11
              "  - {id: team, name: Lokalt team, level: delivery, kind: team, members: [af, fk, samordnare], reports_to: styrelse, for_each: [kommun, kommun2], party_count: 4}\n");
    assert_int_equal(count_rule(&r, "party-count-mismatch"), 1);
    const sv_finding *f = expect_finding(&r, "party-count-mismatch", 0, "team", 20, 159);
    assert_non_null(strstr(f->message, "'Lokalt team' stands for 2 bodies"));
    assert_non_null(strstr(f->message, "the one of 'Kommunen' has members from 3 parties"));
    done(&r);
}

/* A role that alone joins a team to the board is a single point of failure
 * and a sole link; written once for each municipality, it is neither. */
static void test_for_each_is_no_single_point(void **state)
{
    (void)state;
    const char *bodies =
        "  - {id: team, name: Lokalt team, level: operational, kind: team, members: [samordnare], chair: samordnare, reports_to: styrelse%s}\n"
        "  - {id: grupp, name: Arbetsgrupp, level: operational, kind: group, members: [samordnare, af], chair: ordf, reports_to: styrelse}\n";
    char yaml[4096];
    snprintf(yaml, sizeof yaml, "%s%s%s", AGREEMENT11, PARTIES11, bodies);
    char text[4096];
    snprintf(text, sizeof text, yaml, "");
    run r = check(text);
    assert_int_equal(count_rule(&r, "single-point-of-failure"), 1);
    expect_finding(&r, "single-point-of-failure", 0, "samordnare", 15, 5);
    assert_int_equal(count_rule(&r, "sole-link"), 1);
    done(&r);
    snprintf(text, sizeof text, yaml, ", for_each: municipality");
    r = check(text);
    assert_int_equal(count_rule(&r, "single-point-of-failure"), 0);
    assert_int_equal(count_rule(&r, "sole-link"), 0);
    done(&r);
}

static void test_external_parties(void **state)
{
    (void)state;
    /* the FoU unit sits in the group but is no party of the agreement; the
     * auditors are signatory: true but not expected to sit anywhere */
    run r = check(AGREEMENT11 PARTIES11
                  "  - {id: grupp, name: Arbetsgrupp, level: strategic, kind: group, members: [af, fou], chair: ordf, reports_to: styrelse, party_count: 1}\n");
    assert_int_equal(count_rule(&r, "party-count-mismatch"), 0);
    assert_int_equal(count_rule(&r, "signatory-not-represented"), 0);
    done(&r);
}

int main(void)
{
    sv_library_init(); /* the first call into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_decision_body),
        cmocka_unit_test(test_deputy_missing),
        cmocka_unit_test(test_board_member_not_elected),
        cmocka_unit_test(test_votes_unequal),
        cmocka_unit_test(test_mandate_without_scope),
        cmocka_unit_test(test_office_led_by),
        cmocka_unit_test(test_leads_is_a_tie),
        cmocka_unit_test(test_cadence_mismatch_written_forms),
        cmocka_unit_test(test_reporting_line_missing),
        cmocka_unit_test(test_reporting_line_forum_beside_the_line),
        cmocka_unit_test(test_feedback_gap_through_members),
        cmocka_unit_test(test_signatory_only_a_deputy),
        cmocka_unit_test(test_deputy_for_a_shared_seat),
        cmocka_unit_test(test_project_providers_take_part),
        cmocka_unit_test(test_reporting_cycle),
        cmocka_unit_test(test_reporting_level_order),
        cmocka_unit_test(test_body_without_members),
        cmocka_unit_test(test_body_without_chair),
        cmocka_unit_test(test_party_count_mismatch),
        cmocka_unit_test(test_signatory_not_represented),
        cmocka_unit_test(test_service_point_unsteered),
        cmocka_unit_test(test_follow_up_only_for_individual_processes),
        cmocka_unit_test(test_feedback_gap_through_the_members_seats),
        cmocka_unit_test(test_party_count_counts_units_inside_one_organisation),
        cmocka_unit_test(test_structural_severity_by_level),
        cmocka_unit_test(test_severity_override_and_off),
        cmocka_unit_test(test_funding_shares_do_not_sum),
        cmocka_unit_test(test_funding_breaks_finsam),
        cmocka_unit_test(test_funding_total_without_shares),
        cmocka_unit_test(test_project_without_owner),
        cmocka_unit_test(test_project_without_evaluation),
        cmocka_unit_test(test_project_without_steering),
        cmocka_unit_test(test_body_after_its_period),
        cmocka_unit_test(test_for_each_counted_per_instance),
        cmocka_unit_test(test_for_each_is_no_single_point),
        cmocka_unit_test(test_external_parties),
        cmocka_unit_test(test_every_rule_has_a_test),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
