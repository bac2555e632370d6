/*
 * The audit questions: the bundled profile (that it is the file in
 * models/, that every rule it names exists), reading profiles (positioned
 * errors, "did you mean"), answers when the model has nothing for a
 * question, minor_below, and the answers and recommendations on Umeå.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>

#define PROFILE_PATH "models/audit-arbetsmarknad.yaml"

static char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    *size = (size_t)n;
    return data;
}

static void print_diags(const sv_diags *diags)
{
    for (size_t i = 0; i < diags->count; i++)
        print_error("  %d:%d %s: %s\n", diags->items[i].pos.line, diags->items[i].pos.col,
                    diags->items[i].code, diags->items[i].message);
}

/* The compiled-in default is the bundled file byte for byte. */
static void test_builtin_is_the_bundled_file(void **state)
{
    (void)state;
    size_t size, builtin_size;
    char *file = read_all(PROFILE_PATH, &size);
    const char *builtin = sv_audit_profile_builtin(&builtin_size);
    assert_int_equal(builtin_size, size);
    assert_memory_equal(builtin, file, size);
    free(file);
}

/* Every rule the bundled profile names is a rule of the catalogue, and the
 * file reads without a single problem (an unknown rule would be one). */
static void test_bundled_profile_names_only_real_rules(void **state)
{
    (void)state;
    size_t size;
    char *file = read_all(PROFILE_PATH, &size);
    size_t named = 0;
    for (char *line = strtok(file, "\n"); line; line = strtok(NULL, "\n")) {
        char *at = strstr(line, "- rule: ");
        if (!at)
            continue;
        char name[128];
        assert_int_equal(sscanf(at + 8, "%127s", name), 1);
        if (sv_rule_find(name, NULL) < 0)
            print_error("the bundled profile names '%s', which is no rule\n", name);
        assert_true(sv_rule_find(name, NULL) >= 0);
        named++;
    }
    free(file);
    assert_int_equal(named, 34 + 4 + 6); /* + 4 governance and 6 Group B rules of format 1.1 */

    sv_diags diags;
    sv_diags_init(&diags);
    sv_audit_config c = {0};
    int rc = sv_audit_config_read(&c, PROFILE_PATH, &diags);
    print_diags(&diags);
    assert_int_equal(rc, 0);
    assert_int_equal(diags.count, 0);
    assert_int_equal(c.question_count, 4);
    assert_int_equal(c.nej_at, 3);
    assert_int_equal(c.assessed, SV_ASSESS_AUDITED);
    int rule = sv_rule_find("indicator-without-target", NULL);
    assert_int_equal(*sv_audit_weight(&c, (size_t)rule, 1), SV_WEIGHT_MAJOR);
    assert_int_equal(*sv_audit_weight(&c, (size_t)rule, 4), SV_WEIGHT_MAJOR);
    assert_int_equal(*sv_audit_weight(&c, (size_t)rule, 2), SV_WEIGHT_NONE);
    rule = sv_rule_find("step-without-accountable", NULL);
    assert_true(sv_audit_use_of(&c, (size_t)rule, 2)->minor_below == 0.5);
    /* every rule the profile uses has its recommendation in both languages */
    for (size_t r = 0; r < sv_rule_count(); r++) {
        for (int q = 1; q <= 4; q++) {
            const sv_audit_use *use = sv_audit_use_of(&c, r, q);
            if (use->weight == SV_WEIGHT_NONE)
                continue;
            assert_non_null(use->recommend.sv);
            assert_non_null(use->recommend.en);
        }
    }
    sv_audit_config_free(&c);
    sv_diags_free(&diags);
}

static const sv_diag *diag_at(const sv_diags *diags, const char *code, int line, int col)
{
    for (size_t i = 0; i < diags->count; i++)
        if (strcmp(diags->items[i].code, code) == 0 && diags->items[i].pos.line == line &&
            diags->items[i].pos.col == col)
            return &diags->items[i];
    print_error("no %s at %d:%d; got:\n", code, line, col);
    print_diags(diags);
    fail();
    return NULL;
}

static void test_profile_errors_are_positioned(void **state)
{
    (void)state;
    const char *yaml = "samverkan-audit: 1\n"
                       "name: Test\n"
                       "assessed: everyone\n"
                       "questions:\n"
                       "  - text: Fråga?\n"
                       "    requires:\n"
                       "      - {what: goal, otherwise: Nej}\n"
                       "      - {what: bodies, otherwise: Delvis}\n"
                       "    rules:\n"
                       "      - {rule: step-without-acountable, weight: major}\n"
                       "      - {rule: dual-chair, weight: heavy, minor_below: 2}\n"
                       "    colour: red\n";
    sv_diags diags;
    sv_diags_init(&diags);
    sv_audit_config c = {0};
    assert_int_equal(sv_audit_config_read_buffer(&c, "p.yaml", yaml, strlen(yaml), &diags), -1);
    assert_null(c.questions); /* left as it was */
    const sv_diag *d = diag_at(&diags, "unknown-rule", 10, 16);
    assert_non_null(strstr(d->message, "did you mean 'step-without-accountable'"));
    d = diag_at(&diags, "invalid-value", 7, 16);
    assert_non_null(strstr(d->message, "did you mean 'goals'"));
    diag_at(&diags, "invalid-value", 8, 35);
    diag_at(&diags, "invalid-value", 11, 36);
    diag_at(&diags, "out-of-range", 11, 56);
    diag_at(&diags, "invalid-value", 3, 11);
    diag_at(&diags, "unknown-key", 12, 5);
    sv_diags_free(&diags);
}

/* ---- answers when the model has nothing for a question ---- */

#define AGREEMENT                                                                                 \
    "samverkan: 1\n"                                                                               \
    "agreement: {id: avtal, name: Avtal, year: 2024, audited: [ifn, gvn]}\n"                       \
    AGREEMENT_PARTIES
#define AGREEMENT_PARTIES                                                                         \
    "parties:\n"                                                                                   \
    "  - {id: af, name: AF, kind: agency, signatory: true}\n"                                      \
    "  - {id: kommun, name: Kommunen, kind: municipality, signatory: true}\n"                      \
    "  - {id: ifn, name: Individ- och familjenämnden (IFN), kind: committee, part_of: kommun}\n"   \
    "  - {id: gvn, name: GVN, kind: committee, part_of: kommun}\n"                                 \
    "roles:\n"                                                                                    \
    "  - {id: hl, name: Handläggare, party: ifn}\n"                                               \
    "  - {id: ordf, name: Ordförande, party: ifn}\n"
#define BODIES                                                                                     \
    "bodies:\n"                                                                                    \
    "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, ifn], chair: ordf}\n"
#define PROCESS_NO_FOLLOW_UP                                                                       \
    "processes:\n"                                                                                 \
    "  - id: p\n"                                                                                  \
    "    name: P\n"                                                                                \
    "    owner: ifn\n"                                                                             \
    "    steps:\n"                                                                                 \
    "      - {id: a, name: A, kind: start, responsible: hl, accountable: ifn, next: b}\n"         \
    "      - {id: b, name: B, kind: end, responsible: hl, accountable: ifn}\n"
#define PROCESS_WITH_FOLLOW_UP                                                                     \
    "processes:\n"                                                                                 \
    "  - id: p\n"                                                                                  \
    "    name: P\n"                                                                                \
    "    owner: ifn\n"                                                                             \
    "    steps:\n"                                                                                 \
    "      - {id: a, name: A, kind: start, responsible: hl, accountable: ifn, next: b}\n"         \
    "      - {id: b, name: B, kind: end, responsible: hl, accountable: ifn, next: c}\n"           \
    "      - {id: c, name: C, kind: follow-up, responsible: hl, accountable: ifn, after_days: 180, next: d}\n" \
    "      - {id: d, name: D, kind: end, responsible: hl, accountable: ifn}\n"
#define GOAL_NO_INDICATOR "goals:\n  - {id: g, name: G, owner: ifn}\n"
#define GOAL                                                                                       \
    "goals:\n"                                                                                     \
    "  - id: g\n"                                                                                  \
    "    name: G\n"                                                                                \
    "    owner: ifn\n"                                                                             \
    "    indicators:\n"                                                                            \
    "      - {id: i, name: I, baseline: {2023: 1}, targets: {2024: 2}}\n"
#define REPORTING "reporting:\n  - {id: r, from: ifn, to: [styrelse], what: Rapport, covers: [g]}\n"

typedef struct assessed {
    sv_model *model;
    sv_findings findings;
    sv_audit_config config;
    sv_audit audit;
} assessed;

static assessed assess(const char *yaml)
{
    assessed a = {0};
    a.model = assert_loads(yaml);
    sv_findings_init(&a.findings);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_rule_config rc = {.today = {2024, 11, 19}};
    assert_int_equal(sv_rules_run(&a.findings, a.model, &rc, &diags), 0);
    sv_findings_sort(&a.findings);
    assert_int_equal(sv_audit_config_default(&a.config), 0);
    a.config.language = "en";
    int r = sv_audit_assess(&a.audit, a.model, &a.findings, &a.config, &diags);
    print_diags(&diags);
    assert_int_equal(r, 0);
    sv_diags_free(&diags);
    return a;
}

static void release(assessed *a)
{
    sv_audit_free(&a->audit);
    sv_audit_config_free(&a->config);
    sv_findings_free(&a->findings);
    sv_model_free(a->model);
}

static const sv_audit_answer *question(const assessed *a, int q)
{
    assert_true(q >= 1 && (size_t)q <= a->audit.question_count);
    return &a->audit.questions[q - 1];
}

/* The recommendation of question q for a missing requirement or a rule. */
static const sv_recommendation *recommendation(const assessed *a, int q, const char *addressee,
                                               const char *rule, int requirement)
{
    const sv_audit_answer *an = question(a, q);
    for (size_t k = 0; k < an->recommendation_count; k++) {
        const sv_recommendation *r = &an->recommendations[k];
        const char *who = r->addressee == SV_NONE ? NULL : a->model->elements[r->addressee].id;
        bool same_who = addressee ? who && strcmp(who, addressee) == 0 : who == NULL;
        bool same_what = rule ? r->rule != SIZE_MAX && strcmp(sv_rule_at(r->rule)->name, rule) == 0
                              : r->requirement == requirement;
        if (same_who && same_what)
            return r;
    }
    print_error("no recommendation for %s / %s in question %d; there are:\n",
                addressee ? addressee : "(the parties)", rule ? rule : "(requirement)", q);
    for (size_t k = 0; k < an->recommendation_count; k++)
        print_error("  %s\n", an->recommendations[k].text);
    fail();
    return NULL;
}

#define BIT(e) (1u << (e))

/* How many recommendations of question q are for the missing `requirement`. */
static size_t requirement_recommendations(const assessed *a, int q, int requirement)
{
    const sv_audit_answer *an = question(a, q);
    size_t n = 0;
    for (size_t k = 0; k < an->recommendation_count; k++)
        n += an->recommendations[k].rule == SIZE_MAX &&
             an->recommendations[k].requirement == requirement;
    return n;
}

/* Question 1 with no goals at all: "Nej", never "Ja", for want of goals
 * alone (without goals there are no indicators of them to ask for, so
 * that reason and its recommendation are not given too); with goals but
 * no indicator: "Nej" for want of indicators. GVN, which owns nothing, is
 * "Nej" in both models. The committee is addressed by its name without
 * the model's "(IFN)". */
static void test_q1_without_goals_or_indicators(void **state)
{
    (void)state;
    assessed a = assess(AGREEMENT BODIES PROCESS_WITH_FOLLOW_UP);
    const sv_audit_answer *q = question(&a, 1);
    assert_int_equal(q->answer, SV_ANSWER_NEJ);
    assert_int_equal(q->missing, BIT(SV_EVIDENCE_GOALS));
    assert_int_equal(q->missing_by_party[0], BIT(SV_EVIDENCE_GOALS));
    assert_int_equal(q->by_party[0], SV_ANSWER_NEJ);
    assert_int_equal(q->by_party[1], SV_ANSWER_NEJ);
    assert_int_equal(requirement_recommendations(&a, 1, SV_EVIDENCE_GOALS), 2);
    assert_int_equal(requirement_recommendations(&a, 1, SV_EVIDENCE_INDICATORS), 0);
    const sv_recommendation *r = recommendation(&a, 1, "ifn", NULL, SV_EVIDENCE_GOALS);
    assert_string_equal(r->text, "We recommend that individ- och familjenämnden set goals for the "
                                 "labour-market interventions.");
    release(&a);

    a = assess(AGREEMENT BODIES PROCESS_WITH_FOLLOW_UP GOAL_NO_INDICATOR REPORTING);
    q = question(&a, 1);
    assert_int_equal(q->missing, BIT(SV_EVIDENCE_INDICATORS));
    assert_int_equal(q->answer, SV_ANSWER_NEJ);
    assert_int_equal(q->by_party[0], SV_ANSWER_NEJ);
    assert_int_equal(q->missing_by_party[1], BIT(SV_EVIDENCE_GOALS) | BIT(SV_EVIDENCE_PROCESSES));
    recommendation(&a, 1, "ifn", NULL, SV_EVIDENCE_INDICATORS);
    release(&a);

    a = assess(AGREEMENT BODIES PROCESS_WITH_FOLLOW_UP GOAL REPORTING);
    q = question(&a, 1);
    assert_int_equal(q->missing, 0);
    assert_int_equal(q->missing_by_party[0], 0);
    assert_int_equal(q->by_party[1], SV_ANSWER_NEJ); /* GVN still owns no goal */
    release(&a);
}

/* Question 2 for a committee that sits in no body: "Nej", with the reason
 * and a recommendation to it. (The model format needs at least one body,
 * so a whole model without any cannot load.) */
static void test_q2_without_bodies(void **state)
{
    (void)state;
    assessed a;
    const sv_audit_answer *q;
    a = assess(AGREEMENT BODIES PROCESS_WITH_FOLLOW_UP GOAL REPORTING);
    q = question(&a, 2);
    assert_int_equal(q->missing, 0);
    assert_int_equal(q->missing_by_party[0], 0);
    assert_int_equal(q->missing_by_party[1], BIT(SV_EVIDENCE_BODIES));
    assert_int_equal(q->by_party[1], SV_ANSWER_NEJ);
    recommendation(&a, 2, "gvn", NULL, SV_EVIDENCE_BODIES);
    release(&a);
}

/* Question 3 with no processes: "Kan inte bedömas", for want of processes
 * alone (no follow-up steps asked for in processes there are none of);
 * with processes but no follow-up step at all: "Nej". */
static void test_q3_without_processes_or_follow_up(void **state)
{
    (void)state;
    assessed a = assess(AGREEMENT BODIES GOAL REPORTING);
    const sv_audit_answer *q = question(&a, 3);
    assert_int_equal(q->answer, SV_ANSWER_KAN_INTE_BEDOMAS);
    assert_int_equal(q->missing, BIT(SV_EVIDENCE_PROCESSES));
    assert_int_equal(q->by_party[0], SV_ANSWER_KAN_INTE_BEDOMAS);
    assert_int_equal(requirement_recommendations(&a, 3, SV_EVIDENCE_FOLLOW_UP), 0);
    release(&a);

    a = assess(AGREEMENT BODIES PROCESS_NO_FOLLOW_UP GOAL REPORTING);
    q = question(&a, 3);
    assert_int_equal(q->missing, BIT(SV_EVIDENCE_FOLLOW_UP));
    assert_int_equal(q->answer, SV_ANSWER_NEJ);
    assert_int_equal(q->by_party[0], SV_ANSWER_NEJ);
    assert_int_equal(q->by_party[1], SV_ANSWER_KAN_INTE_BEDOMAS); /* GVN takes part in nothing */
    const sv_recommendation *r = recommendation(&a, 3, "ifn", NULL, SV_EVIDENCE_FOLLOW_UP);
    assert_string_equal(r->text, "We recommend that individ- och familjenämnden introduce follow-up "
                                 "of labour-market interventions on the individual level.");
    release(&a);

    /* the follow-up step of a decision process follows up no individual:
     * still "Nej" for want of follow-up (the rules skip that process) */
    a = assess(AGREEMENT BODIES
               "processes:\n"
               "  - id: p\n"
               "    name: P\n"
               "    owner: ifn\n"
               "    about: decision\n"
               "    steps:\n"
               "      - {id: a, name: A, kind: start, responsible: hl, accountable: ifn, next: c}\n"
               "      - {id: c, name: C, kind: follow-up, responsible: hl, accountable: ifn, next: b}\n"
               "      - {id: b, name: B, kind: end, responsible: hl, accountable: ifn}\n"
               GOAL REPORTING);
    q = question(&a, 3);
    assert_int_equal(q->missing, BIT(SV_EVIDENCE_FOLLOW_UP));
    assert_int_equal(q->answer, SV_ANSWER_NEJ);
    assert_int_equal(q->by_party[0], SV_ANSWER_NEJ);
    release(&a);
}

/* agreement.unknown: a requirement the sources do not show cannot be
 * judged, whatever the profile's `otherwise` says. Question 1 without
 * goals is "Nej"; with `unknown: [goals]` it is "Kan inte bedömas", for
 * the model and for each party, the reason says the sources do not show
 * them, and the one recommendation for them asks the parties for the
 * documents instead of asking them to set goals. */
#define AGREEMENT_UNKNOWN(list)                                                                    \
    "samverkan: 1.1\n"                                                                             \
    "agreement: {id: avtal, name: Avtal, year: 2024, audited: [ifn, gvn], unknown: " list "}\n"   \
    AGREEMENT_PARTIES
/* Question q lacks only `evidence`, the sources do not show it, and the
 * answer is "Kan inte bedömas". */
static const sv_audit_answer *unknown_answer(const assessed *a, int q, sv_evidence evidence)
{
    const sv_audit_answer *an = question(a, q);
    assert_int_equal(an->missing, BIT(evidence));
    assert_int_equal(an->unknown, BIT(evidence));
    assert_int_equal(an->answer, SV_ANSWER_KAN_INTE_BEDOMAS);
    return an;
}

static void test_unknown_sections_cannot_be_assessed(void **state)
{
    (void)state;
    assessed a = assess(AGREEMENT_UNKNOWN("[goals]") BODIES PROCESS_WITH_FOLLOW_UP);
    const sv_audit_answer *q = unknown_answer(&a, 1, SV_EVIDENCE_GOALS);
    assert_int_equal(q->by_party[0], SV_ANSWER_KAN_INTE_BEDOMAS);
    assert_int_equal(q->by_party[1], SV_ANSWER_KAN_INTE_BEDOMAS);
    assert_int_equal(q->missing_by_party[1], BIT(SV_EVIDENCE_GOALS) | BIT(SV_EVIDENCE_PROCESSES));
    assert_string_equal(sv_audit_missing_reason(q, SV_EVIDENCE_GOALS),
                        "the sources do not show the goals (agreement.unknown)");
    assert_int_equal(requirement_recommendations(&a, 1, SV_EVIDENCE_GOALS), 1);
    const sv_recommendation *r = recommendation(&a, 1, NULL, NULL, SV_EVIDENCE_GOALS);
    assert_string_equal(r->text, "We recommend that the parties to the agreement make available "
                                 "the documents that show the goals, so that the question can be "
                                 "assessed.");
    /* GVN's processes are not unknown: asked of GVN as before */
    recommendation(&a, 1, "gvn", NULL, SV_EVIDENCE_PROCESSES);
    /* question 4 requires goals with "Kan inte bedömas" anyway; the reason changes */
    q = question(&a, 4);
    assert_int_equal(q->answer, SV_ANSWER_KAN_INTE_BEDOMAS);
    assert_int_equal(q->unknown, BIT(SV_EVIDENCE_GOALS));
    assert_string_equal(sv_audit_missing_reason(q, SV_EVIDENCE_REPORTING),
                        "the model has no reporting flows");
    release(&a);

    /* reporting unknown: question 4 with goals but no flow is "Kan inte
     * bedömas", not "Nej", and results-not-reported stands down */
    a = assess(AGREEMENT_UNKNOWN("[reporting]") BODIES PROCESS_WITH_FOLLOW_UP GOAL);
    q = unknown_answer(&a, 4, SV_EVIDENCE_REPORTING);
    assert_int_equal(q->by_party[0], SV_ANSWER_KAN_INTE_BEDOMAS);
    for (size_t i = 0; i < a.findings.count; i++)
        assert_string_not_equal(sv_rule_at(a.findings.items[i].rule)->name, "results-not-reported");
    release(&a);

    /* processes unknown: question 1 with goals and indicators is "Kan inte
     * bedömas" for want of processes (its `otherwise` is "Nej") */
    a = assess(AGREEMENT_UNKNOWN("[processes]") BODIES GOAL REPORTING);
    unknown_answer(&a, 1, SV_EVIDENCE_PROCESSES);
    r = recommendation(&a, 1, NULL, NULL, SV_EVIDENCE_PROCESSES);
    assert_non_null(strstr(r->text, "the documents that show the processes"));
    release(&a);
}

/* Question 4 with no goals: "Kan inte bedömas"; with goals but no
 * reporting flow: "Nej". */
static void test_q4_without_goals_or_reporting(void **state)
{
    (void)state;
    assessed a = assess(AGREEMENT BODIES PROCESS_WITH_FOLLOW_UP);
    const sv_audit_answer *q = question(&a, 4);
    assert_int_equal(q->answer, SV_ANSWER_KAN_INTE_BEDOMAS);
    assert_int_equal(q->missing, BIT(SV_EVIDENCE_GOALS) | BIT(SV_EVIDENCE_REPORTING));
    release(&a);

    a = assess(AGREEMENT BODIES PROCESS_WITH_FOLLOW_UP GOAL);
    q = question(&a, 4);
    assert_int_equal(q->missing, BIT(SV_EVIDENCE_REPORTING));
    assert_int_equal(q->answer, SV_ANSWER_NEJ);
    assert_int_equal(q->by_party[0], SV_ANSWER_NEJ);
    release(&a);
}

/* Unowned steps weigh major, but as a remark while they are under half of
 * their process: one of four is "Ja, i allt väsentligt", three of four
 * "Delvis". */
static void test_unowned_steps_by_extent(void **state)
{
    (void)state;
    const char *one = AGREEMENT BODIES
        "processes:\n"
        "  - id: p\n"
        "    name: P\n"
        "    owner: ifn\n"
        "    steps:\n"
        "      - {id: a, name: A, kind: start, responsible: hl, next: b}\n"
        "      - {id: b, name: B, kind: end, responsible: hl, accountable: ifn, next: c}\n"
        "      - {id: c, name: C, kind: follow-up, responsible: hl, accountable: ifn, after_days: 180, next: d}\n"
        "      - {id: d, name: D, kind: end, responsible: hl, accountable: ifn}\n" GOAL REPORTING;
    const char *three = AGREEMENT BODIES
        "processes:\n"
        "  - id: p\n"
        "    name: P\n"
        "    owner: ifn\n"
        "    steps:\n"
        "      - {id: a, name: A, kind: start, responsible: hl, next: b}\n"
        "      - {id: b, name: B, kind: end, responsible: hl, next: c}\n"
        "      - {id: c, name: C, kind: follow-up, responsible: hl, after_days: 180, next: d}\n"
        "      - {id: d, name: D, kind: end, responsible: hl, accountable: ifn}\n" GOAL REPORTING;
    assessed a = assess(one);
    assert_int_equal(question(&a, 2)->answer, SV_ANSWER_JA_VASENTLIGT);
    const sv_recommendation *r = recommendation(&a, 2, "ifn", "step-without-accountable", -1);
    assert_string_equal(r->text, "We recommend that individ- och familjenämnden make clear who "
                                 "answers for each step of the process (A).");
    release(&a);
    a = assess(three);
    assert_int_equal(question(&a, 2)->answer, SV_ANSWER_DELVIS);
    r = recommendation(&a, 2, "ifn", "step-without-accountable", -1);
    assert_int_equal(r->element_count, 3);
    release(&a);
}

static void test_assessed_id_the_model_lacks(void **state)
{
    (void)state;
    const char *profile = "samverkan-audit: 1\n"
                          "name: T\n"
                          "assessed: [ifn, socialnamnden]\n"
                          "questions:\n"
                          "  - {text: Q?, rules: []}\n";
    sv_diags diags;
    sv_diags_init(&diags);
    sv_audit_config c = {0};
    assert_int_equal(sv_audit_config_read_buffer(&c, "p.yaml", profile, strlen(profile), &diags), 0);
    sv_model *m = assert_loads(AGREEMENT BODIES);
    sv_findings none;
    sv_findings_init(&none);
    sv_audit audit;
    assert_int_equal(sv_audit_assess(&audit, m, &none, &c, &diags), -1);
    const sv_diag *d = diag_at(&diags, "unknown-reference", 3, 17);
    assert_string_equal(d->pos.file, "p.yaml");
    sv_model_free(m);
    sv_audit_config_free(&c);
    sv_diags_free(&diags);
}

/* ---- Umeå ---- */

static assessed assess_umea(void)
{
    assessed a = {0};
    sv_diags diags;
    sv_diags_init(&diags);
    assert_int_equal(sv_model_load(&a.model, "models/umea-2024.yaml", NULL, &diags), 0);
    sv_findings_init(&a.findings);
    sv_rule_config rc = {.today = {2024, 11, 19}};
    assert_int_equal(sv_rules_run(&a.findings, a.model, &rc, &diags), 0);
    sv_findings_sort(&a.findings);
    assert_int_equal(sv_audit_config_default(&a.config), 0);
    a.config.language = "sv";
    assert_int_equal(sv_audit_assess(&a.audit, a.model, &a.findings, &a.config, &diags), 0);
    sv_diags_free(&diags);
    return a;
}

/* The audit's own answers (section 3 of the report), per committee. */
static void test_umea_answers_are_the_audits(void **state)
{
    (void)state;
    assessed a = assess_umea();
    assert_int_equal(a.audit.party_count, 2);
    assert_string_equal(a.model->elements[a.audit.parties[0]].id, "gvn");
    assert_string_equal(a.model->elements[a.audit.parties[1]].id, "ifn");
    const sv_answer gvn[] = {SV_ANSWER_DELVIS, SV_ANSWER_JA_VASENTLIGT, SV_ANSWER_JA_VASENTLIGT,
                             SV_ANSWER_DELVIS};
    const sv_answer ifn[] = {SV_ANSWER_DELVIS, SV_ANSWER_JA_VASENTLIGT, SV_ANSWER_DELVIS,
                             SV_ANSWER_DELVIS};
    for (int q = 1; q <= 4; q++) {
        assert_int_equal(question(&a, q)->by_party[0], gvn[q - 1]);
        assert_int_equal(question(&a, q)->by_party[1], ifn[q - 1]);
        assert_int_equal(question(&a, q)->missing, 0);
    }
    assert_int_equal(question(&a, 2)->answer, SV_ANSWER_JA_VASENTLIGT);
    release(&a);
}

/* GVN's question 4 is "Delvis" for the styrkort's missing target values,
 * and for nothing else; question 2 holds because the unowned steps are two
 * of seven in the torg process: without minor_below it would be "Delvis". */
static void test_umea_reasons(void **state)
{
    (void)state;
    assessed a = assess_umea();
    const sv_audit_answer *q4 = question(&a, 4);
    size_t gvn_recs = 0;
    for (size_t k = 0; k < q4->recommendation_count; k++)
        gvn_recs += strcmp(a.model->elements[q4->recommendations[k].addressee].id, "gvn") == 0;
    assert_int_equal(gvn_recs, 1);
    const sv_recommendation *r = recommendation(&a, 4, "gvn", "indicator-without-target", -1);
    assert_int_equal(r->element_count, 3);
    assert_string_equal(a.model->elements[r->elements[0]].id, "ind-gvn-helarsekvivalenter");
    r = recommendation(&a, 1, "ifn", "indicator-without-target", -1);
    assert_non_null(strstr(r->text, "säkerställa att det alltid finns målvärden för samtliga "
                                     "indikatorer"));
    recommendation(&a, 3, "ifn", "no-follow-up-after-end", -1);
    recommendation(&a, 4, "ifn", "feedback-gap", -1);
    recommendation(&a, 2, "ifn", "step-without-accountable", -1);
    release(&a);

    a = assess_umea();
    int rule = sv_rule_find("step-without-accountable", NULL);
    sv_audit_use_of(&a.config, (size_t)rule, 2)->minor_below = 0;
    sv_audit_free(&a.audit);
    sv_diags diags;
    sv_diags_init(&diags);
    assert_int_equal(sv_audit_assess(&a.audit, a.model, &a.findings, &a.config, &diags), 0);
    assert_int_equal(question(&a, 2)->answer, SV_ANSWER_DELVIS);
    sv_diags_free(&diags);
    release(&a);
}

int main(void)
{
    sv_library_init(); /* the first call into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_is_the_bundled_file),
        cmocka_unit_test(test_bundled_profile_names_only_real_rules),
        cmocka_unit_test(test_profile_errors_are_positioned),
        cmocka_unit_test(test_q1_without_goals_or_indicators),
        cmocka_unit_test(test_q2_without_bodies),
        cmocka_unit_test(test_q3_without_processes_or_follow_up),
        cmocka_unit_test(test_q4_without_goals_or_reporting),
        cmocka_unit_test(test_unknown_sections_cannot_be_assessed),
        cmocka_unit_test(test_unowned_steps_by_extent),
        cmocka_unit_test(test_assessed_id_the_model_lacks),
        cmocka_unit_test(test_umea_answers_are_the_audits),
        cmocka_unit_test(test_umea_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
