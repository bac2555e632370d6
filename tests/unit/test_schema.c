/*
 * The schema stage: each kind of model error with its exact position, all
 * errors reported together, and the model built right from valid input.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"
#include "load/tree_internal.h"
#include "schema/schema_internal.h"
#include "schema/synonyms.h"

#define PARTY "parties:\n  - {id: af, name: Arbetsförmedlingen, kind: agency}\n"
#define BODY                                                                                       \
    "bodies:\n"                                                                                    \
    "  - {id: board, name: Styrelsen, level: decision, kind: board, members: af}\n"
#define VALID MODEL_HEAD PARTY BODY

static void test_minimal_model_loads(void **state)
{
    (void)state;
    sv_model *m = assert_loads(VALID);
    assert_int_equal(m->format_version, 1);
    assert_int_equal(m->party_count, 1);
    assert_int_equal(m->body_count, 1);
    /* a single scalar is a one-item list */
    assert_int_equal(m->bodies[0].members.count, 1);
    assert_int_equal(m->bodies[0].members.items[0].target, sv_model_find(m, "af"));
    assert_int_equal(m->bodies[0].members.items[0].pos.line, 6);
    assert_int_equal(m->bodies[0].members.items[0].pos.col, 73);
    assert_string_equal(m->elements[m->parties[0].el].name, "Arbetsförmedlingen");
    sv_model_free(m);
}

static void test_unknown_key_with_hint(void **state)
{
    (void)state;
    const char *yaml = VALID
        "processes:\n"
        "  - id: p\n"
        "    name: P\n"
        "    steps:\n"
        "      - id: s\n"
        "        name: S\n"
        "        acountable: af\n";
    assert_load_error(yaml, "unknown-key", 13, 9);
    sv_diags d;
    load_yaml(yaml, &d);
    assert_non_null(strstr(d.items[0].message, "did you mean 'accountable'"));
    sv_diags_free(&d);
}

static void test_unknown_key_lists_keys(void **state)
{
    (void)state;
    sv_diags d;
    assert_null(load_yaml(VALID "colour: red\n", &d));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "unknown-key");
    assert_int_equal(d.items[0].pos.line, 7);
    assert_non_null(strstr(d.items[0].message, "service_points"));
    sv_diags_free(&d);
}

static void test_wrong_types(void **state)
{
    (void)state;
    assert_load_error(MODEL_HEAD PARTY
                      "bodies:\n  - {id: b, name: B, level: decision, kind: board, members: {a: b}}\n",
                      "wrong-type", 6, 61);
    assert_load_error("samverkan: \"1\"\nagreement: {id: a, name: A}\n" PARTY BODY, "wrong-type", 1, 12);
    assert_load_error(MODEL_HEAD PARTY BODY
                      "service_points:\n  - {at: board, slots: many}\n", "wrong-type", 8, 24);
    assert_load_error("samverkan: 1\nagreement: {id: a, name: A, valid_from: 12}\n" PARTY BODY,
                      "wrong-type", 2, 41);
    assert_load_error(MODEL_HEAD "parties:\n  - {id: af, name: A, kind: agency, signatory: maybe}\n" BODY,
                      "wrong-type", 4, 48);
    assert_load_error(MODEL_HEAD "parties: {id: af}\n" BODY, "wrong-type", 3, 10);
}

static void test_invalid_enum_value(void **state)
{
    (void)state;
    assert_load_error(MODEL_HEAD PARTY
                      "bodies:\n  - {id: b, name: B, level: top, kind: board, members: af}\n",
                      "invalid-value", 6, 29);
}

static void test_missing_required_key(void **state)
{
    (void)state;
    /* at the mapping: the first key of a block mapping */
    assert_load_error(MODEL_HEAD "parties:\n  - id: af\n    kind: agency\n" BODY, "missing-key", 4, 5);
    /* the '{' of a flow mapping */
    assert_load_error(MODEL_HEAD "parties:\n  - {id: af, kind: agency}\n" BODY, "missing-key", 4, 5);
    assert_load_error("samverkan: 1\n" PARTY BODY, "missing-key", 1, 1);
}

static void test_invalid_ids(void **state)
{
    (void)state;
    assert_load_error(MODEL_HEAD "parties:\n  - {id: Af, name: A, kind: agency}\n" BODY, "invalid-id", 4, 10);
    assert_load_error(MODEL_HEAD "parties:\n  - {id: umeå, name: A, kind: agency}\n" BODY, "invalid-id", 4, 10);
    assert_load_error(MODEL_HEAD "parties:\n  - {id: -af, name: A, kind: agency}\n" BODY, "invalid-id", 4, 10);
    assert_load_error(MODEL_HEAD "parties:\n  - {id: 'a f', name: A, kind: agency}\n" BODY, "invalid-id", 4, 10);
}

static void test_duplicate_id_across_kinds(void **state)
{
    (void)state;
    sv_diags d;
    assert_null(load_yaml(MODEL_HEAD PARTY
                          "bodies:\n  - {id: af, name: B, level: decision, kind: board, members: af}\n",
                          &d));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "duplicate-id");
    assert_int_equal(d.items[0].pos.line, 6);
    assert_int_equal(d.items[0].pos.col, 10);
    assert_int_equal(d.items[0].note_pos.line, 4);
    assert_int_equal(d.items[0].note_pos.col, 10);
    sv_diags_free(&d);
}

static void test_unknown_reference_with_hint(void **state)
{
    (void)state;
    const char *yaml = MODEL_HEAD PARTY
        "bodies:\n  - {id: board, name: B, level: decision, kind: board, members: [af, boardd]}\n";
    assert_load_error(yaml, "unknown-reference", 6, 70);
    sv_diags d;
    load_yaml(MODEL_HEAD PARTY
              "bodies:\n  - {id: board, name: B, level: decision, kind: board, members: [ag]}\n", &d);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].message, "did you mean 'af'"));
    sv_diags_free(&d);
}

static void test_wrong_reference_kind(void **state)
{
    (void)state;
    assert_load_error(MODEL_HEAD PARTY
                      "bodies:\n  - {id: board, name: B, level: decision, kind: board, members: g}\n"
                      "goals:\n  - {id: g, name: G}\n",
                      "wrong-reference-kind", 6, 65);
    /* a party where a body is expected */
    assert_load_error(MODEL_HEAD PARTY
                      "bodies:\n  - {id: board, name: B, level: decision, kind: board, members: af, reports_to: af}\n",
                      "wrong-reference-kind", 6, 81);
    /* queue facts on a body that is no service point */
    assert_load_error(VALID "service_points:\n  - {at: board}\n", "wrong-reference-kind", 8, 10);
}

static void test_part_of_cycle(void **state)
{
    (void)state;
    const char *yaml = MODEL_HEAD
        "parties:\n"
        "  - {id: a, name: A, kind: unit, part_of: b}\n"
        "  - {id: b, name: B, kind: unit, part_of: c}\n"
        "  - {id: c, name: C, kind: unit, part_of: a}\n"
        "  - {id: d, name: D, kind: unit, part_of: a}\n"
        "bodies:\n  - {id: board, name: B, level: decision, kind: board, members: d}\n";
    sv_diags d;
    assert_null(load_yaml(yaml, &d));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "part-of-cycle");
    assert_int_equal(d.items[0].pos.line, 4);
    assert_int_equal(d.items[0].pos.col, 43);
    assert_non_null(strstr(d.items[0].message, "a -> b -> c -> a"));
    sv_diags_free(&d);
    assert_load_error(MODEL_HEAD "parties:\n  - {id: a, name: A, kind: unit, part_of: a}\n" BODY,
                      "part-of-cycle", 4, 43);
}

#define SP_HEAD                                                                                    \
    MODEL_HEAD PARTY                                                                               \
    "bodies:\n"                                                                                    \
    "  - {id: board, name: B, level: decision, kind: board, members: af}\n"                       \
    "  - {id: torg, name: T, level: delivery, kind: service-point, members: af}\n"                \
    "service_points:\n"

static void test_numbers_out_of_range(void **state)
{
    (void)state;
    assert_load_error(SP_HEAD "  - {at: torg, arrivals_per_month: -3}\n", "out-of-range", 9, 36);
    assert_load_error(SP_HEAD "  - {at: torg, arrivals_per_month: 0}\n", "out-of-range", 9, 36);
    assert_load_error(SP_HEAD "  - {at: torg, slots: 0}\n", "out-of-range", 9, 23);
    assert_load_error(SP_HEAD "  - {at: torg, arrivals_per_month: .nan}\n", "out-of-range", 9, 36);
    assert_load_error(SP_HEAD "  - {at: torg, arrivals_per_month: .inf}\n", "out-of-range", 9, 36);
    assert_load_error(SP_HEAD "  - {at: torg, arrivals_per_month: -.inf}\n", "out-of-range", 9, 36);
    assert_load_error(SP_HEAD "  - {at: torg, arrivals_per_month: 1e999}\n", "out-of-range", 9, 36);
    assert_load_error(SP_HEAD "  - {at: torg, outcomes: {a: 1.5}}\n", "out-of-range", 9, 30);
    assert_load_error(SP_HEAD "  - {at: torg, outcomes: {a: 0.5, b: 0.6}}\n", "out-of-range", 9, 26);
    assert_load_error(SP_HEAD "  - {at: torg, duration: {dist: gamma, mean_days: 30, cv: -1}}\n",
                      "out-of-range", 9, 59);
    assert_load_error(SP_HEAD "  - {at: torg, duration: {dist: gamma, mean_days: 30}}\n", "missing-key", 9, 26);
    assert_load_error(SP_HEAD "  - {at: torg, outcomes: {a: 1}, positive: [b]}\n", "unknown-reference", 9, 45);
    assert_load_error(VALID "processes:\n  - id: p\n    name: P\n    steps:\n"
                            "      - {id: s, name: S, next: [{to: s, share: 1.5}]}\n",
                      "out-of-range", 11, 48);
}

static void test_service_point_facts_read(void **state)
{
    (void)state;
    sv_model *m = assert_loads(SP_HEAD
        "  - at: torg\n"
        "    arrivals_per_month: 30.5\n"
        "    slots: 60\n"
        "    intake: biweekly\n"
        "    duration: {dist: lognormal, mean_days: 120, cv: 0.8}\n"
        "    outcomes: {arbete: 0.35, studier: 0.25, annan: 0.1, avbrott: 0.3}\n"
        "    positive: [arbete, studier]\n");
    const sv_service_point *sp = &m->service_points[0];
    assert_int_equal(sp->at.target, sv_model_find(m, "torg"));
    assert_true(fabs(sp->arrivals_per_month - 30.5) < 1e-12);
    assert_int_equal(sp->slots, 60);
    assert_int_equal(sp->intake, SV_CADENCE_BIWEEKLY);
    assert_int_equal(sp->duration.dist, SV_DIST_LOGNORMAL);
    assert_true(fabs(sp->duration.cv - 0.8) < 1e-12);
    assert_int_equal(sp->outcome_count, 4);
    assert_true(sp->outcomes[0].positive);
    assert_false(sp->outcomes[2].positive);
    sv_model_free(m);
}

static void test_dates(void **state)
{
    (void)state;
    assert_load_error("samverkan: 1\nagreement: {id: a, name: A, valid_from: 2023-02-29}\n" PARTY BODY,
                      "invalid-date", 2, 41);
    assert_load_error("samverkan: 1\nagreement: {id: a, name: A, valid_from: 2024-13-01}\n" PARTY BODY,
                      "invalid-date", 2, 41);
    assert_load_error("samverkan: 1\nagreement: {id: a, name: A, valid_from: 2024-1-5}\n" PARTY BODY,
                      "invalid-date", 2, 41);
    assert_load_error("samverkan: 1\nagreement: {id: a, name: A, valid_from: next week}\n" PARTY BODY,
                      "wrong-type", 2, 41);
    sv_model *m = assert_loads("samverkan: 1\nagreement: {id: a, name: A, valid_from: 2024-02-29}\n" PARTY BODY);
    assert_int_equal(m->agreement.valid_from.day, 29);
    /* the analysis year defaults to valid_from's */
    assert_int_equal(m->agreement.year, 2024);
    sv_model_free(m);
}

static void test_unsupported_version(void **state)
{
    (void)state;
    assert_load_error("samverkan: 2\nagreement: {id: a, name: A}\n" PARTY BODY, "unsupported-version", 1, 12);
}

static void test_all_errors_reported(void **state)
{
    (void)state;
    sv_diags d;
    assert_null(load_yaml("samverkan: 1\nagreement: {id: A, name: A}\n"
                          "parties:\n  - {id: af, name: A, kind: agensy, colour: red}\n"
                          "bodies:\n  - {id: b, name: B, level: decision, kind: board, members: x}\n",
                          &d));
    assert_int_equal(d.count, 4);
    assert_string_equal(d.items[0].code, "invalid-id");
    assert_string_equal(d.items[1].code, "invalid-value");
    assert_string_equal(d.items[2].code, "unknown-key");
    assert_string_equal(d.items[3].code, "unknown-reference");
    sv_diags_free(&d);
}

static void test_step_ids_are_local_to_their_process(void **state)
{
    (void)state;
    const char *procs =
        "processes:\n"
        "  - id: p1\n    name: P1\n    steps:\n"
        "      - {id: start, name: S, kind: start, next: slut}\n"
        "      - {id: slut, name: E, kind: end}\n"
        "  - id: p2\n    name: P2\n    steps:\n"
        "      - {id: start, name: S, kind: start, next: [{to: slut, share: 1}]}\n"
        "      - {id: slut, name: E, kind: end}\n";
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "%s%s", VALID, procs);
    sv_model *m = assert_loads(yaml);
    sv_id s = sv_model_find(m, "p2/start");
    assert_int_not_equal(s, SV_NONE);
    const sv_step *step = &m->steps[m->elements[s].index];
    assert_int_equal(step->next[0].to.target, sv_model_find(m, "p2/slut"));
    assert_true(step->next[0].has_share);
    assert_int_equal(m->processes[1].first_step, 2);
    sv_model_free(m);
    /* a step of another process is not reachable by its bare id */
    assert_load_error(VALID "processes:\n"
                      "  - id: p1\n    name: P1\n    steps:\n      - {id: a, name: A}\n"
                      "  - id: p2\n    name: P2\n    steps:\n      - {id: b, name: B, next: a}\n",
                      "unknown-reference", 15, 32);
}

static void test_characters_not_bytes_in_columns(void **state)
{
    (void)state;
    assert_load_error(MODEL_HEAD "parties:\n  - {name: Åäö Östra, id: af, kind: agensy}\n" BODY,
                      "invalid-value", 4, 37);
}

static void test_ignore_entries(void **state)
{
    (void)state;
    sv_model *m = assert_loads(MODEL_HEAD PARTY
        "bodies:\n  - id: board\n    name: B\n    level: decision\n    kind: board\n    members: af\n"
        "    ignore: [{rule: body-without-chair, because: Ordförande väljs i maj, until: 2025-06-30}]\n");
    const sv_element *e = &m->elements[sv_model_find(m, "board")];
    assert_int_equal(e->ignore_count, 1);
    assert_string_equal(e->ignores[0].rule, "body-without-chair");
    assert_int_equal(e->ignores[0].until.month, 6);
    sv_model_free(m);
    assert_load_error(MODEL_HEAD PARTY
        "bodies:\n  - {id: board, name: B, level: decision, kind: board, members: af, ignore: [{because: x}]}\n",
        "missing-key", 6, 78);
}

/* Format 1.1, governance: the keys are read into the model, and each
 * written form of `meets` stands for its equivalent cadence. */
static void test_governance_keys_read(void **state)
{
    (void)state;
    sv_model *m = assert_loads(
        "samverkan: 1.1\n"
        "agreement: {id: avtal, name: Avtal, kind: finsam}\n"
        "parties: [{id: af, name: AF, kind: agency}, {id: enhet, name: Enhet, kind: unit, part_of: af}]\n"
        "roles: [{id: chef, name: Chef, party: af, elected: false, leads: [enhet, kansli]}]\n"
        "people: [{id: p, name: P, party: af, elected: true, delegation: {from: board, scope: Allt}}]\n"
        "bodies:\n"
        "  - {id: board, name: B, level: decision, kind: board, members: af, deputies: [p], votes: per-party, meets: {times_per_year: 6}}\n"
        "  - {id: kansli, name: K, level: operational, kind: office, members: chef, led_by: chef, reports_to: board, meets: {times_per_year: [12, 20]}}\n"
        "  - {id: forum, name: F, level: strategic, kind: forum, members: af, reports_to: board, meets: {per_term: 2}}\n"
        "  - {id: pres, name: Pr, level: decision, kind: group, members: p, reports_to: board, meets: {before: board, days: 14}, delegation: {from: board}}\n"
        "  - {id: ag, name: AG, level: strategic, kind: group, members: af, reports_to: board, meets: {before: pres}}\n"
        "  - {id: tg, name: TG, level: operational, kind: group, members: af, reports_to: ag, meets: {per_term: 8}}\n"
        "  - {id: wg, name: WG, level: operational, kind: group, members: af, reports_to: ag, meets: {times_per_year: 52}}\n");
    assert_int_equal(m->agreement.kind, SV_AGREEMENT_FINSAM);
    const sv_body *b = m->bodies;
    assert_true(b[0].has_deputies);
    assert_int_equal(b[0].deputies.items[0].target, sv_model_find(m, "p"));
    assert_int_equal(b[0].votes, SV_VOTES_PER_PARTY);
    assert_int_equal(b[0].meets_form.form, SV_MEETS_TIMES_PER_YEAR);
    assert_int_equal(b[0].meets, SV_CADENCE_QUARTERLY);      /* 6 a year */
    assert_int_equal(b[1].kind, SV_BODY_OFFICE);
    assert_int_equal(b[1].led_by.target, sv_model_find(m, "chef"));
    assert_int_equal(b[1].meets_form.times_min, 12);
    assert_int_equal(b[1].meets_form.times_max, 20);
    assert_int_equal(b[1].meets, SV_CADENCE_MONTHLY);        /* at least 12 */
    assert_int_equal(b[2].meets, SV_CADENCE_YEARLY);         /* 2 a term = 0.5 a year */
    assert_int_equal(b[3].meets_form.form, SV_MEETS_BEFORE);
    assert_int_equal(b[3].meets_form.before_days, 14);
    assert_int_equal(b[3].meets, SV_CADENCE_QUARTERLY);      /* the board's */
    assert_int_equal(b[4].meets, SV_CADENCE_QUARTERLY);      /* through pres to the board */
    assert_int_equal(b[5].meets, SV_CADENCE_HALF_YEARLY);    /* 8 a term = 2 a year */
    assert_int_equal(b[6].meets, SV_CADENCE_WEEKLY);
    assert_true(b[3].delegation.present);
    assert_int_equal(b[3].delegation.from.target, b[0].el);
    assert_null(b[3].delegation.scope);
    assert_false(b[0].delegation.present);
    assert_int_equal(b[0].delegation.from.target, SV_NONE);
    assert_int_equal(b[0].led_by.target, SV_NONE);
    assert_false(b[1].has_deputies);
    assert_int_equal(m->roles[0].elected, SV_ELECTED_NO);
    assert_int_equal(m->roles[0].leads.count, 2);
    assert_int_equal(m->roles[0].leads.items[1].target, b[1].el);
    assert_int_equal(m->people[0].elected, SV_ELECTED_YES);
    assert_string_equal(m->people[0].delegation.scope, "Allt");
    sv_model_free(m);
    /* without the keys: the defaults */
    m = assert_loads(VALID);
    assert_int_equal(m->agreement.kind, SV_AGREEMENT_OTHER);
    assert_int_equal(m->bodies[0].votes, SV_VOTES_NONE);
    assert_int_equal(m->bodies[0].meets_form.form, SV_MEETS_CADENCE);
    assert_int_equal(m->bodies[0].meets_form.before.target, SV_NONE);
    assert_int_equal(m->bodies[0].led_by.target, SV_NONE);
    sv_model_free(m);
}

/* A step's `meets` takes the written forms too; `before` gives it the
 * body's cadence, which cadence-mismatch then compares. */
static void test_step_meets_before_body(void **state)
{
    (void)state;
    sv_model *m = assert_loads(
        "samverkan: 1.1\n"
        "agreement: {id: avtal, name: Avtal}\n"
        "parties: [{id: af, name: AF, kind: agency}]\n"
        "bodies: [{id: board, name: B, level: decision, kind: board, members: af, meets: monthly}]\n"
        "processes:\n"
        "  - id: p\n"
        "    name: P\n"
        "    steps:\n"
        "      - {id: a, name: A, accountable: af, meets: {before: board, days: 7}}\n"
        "      - {id: b, name: B, accountable: af, meets: {per_term: 16}}\n");
    assert_int_equal(m->steps[0].meets, SV_CADENCE_MONTHLY);
    assert_int_equal(m->steps[0].meets_form.form, SV_MEETS_BEFORE);
    assert_int_equal(m->steps[1].meets, SV_CADENCE_QUARTERLY);
    sv_model_free(m);
}

/* Format 1.1, Group B: every key of tests/data/good/format-1-1-projects.yaml
 * lands in the typed model. */
static void test_projects_keys(void **state)
{
    (void)state;
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    assert_int_equal(sv_model_load(&m, "tests/data/good/format-1-1-projects.yaml",
                                   NULL, &d), 0);
    sv_diags_free(&d);
    const sv_agreement *a = &m->agreement;
    assert_true(sv_agreement_is_finsam(m));
    assert_int_equal(a->kind_pos.line, 8);
    assert_int_equal(a->audited_by.target, sv_model_find(m, "revisorerna"));
    assert_true(a->funding.present);
    assert_int_equal(a->funding.year, 2024);
    assert_true(a->funding.total_sek == 12000000);
    assert_string_equal(a->funding.split, "Kommunernas andel fördelas efter invånarantal");
    assert_int_equal(a->funding.share_count, 5);
    assert_int_equal(a->funding.shares[4].party.target, sv_model_find(m, "kommun-b"));
    assert_true(a->funding.shares[4].percent == 10);
    assert_int_equal(a->funding.shares_pos.line, 18);
    assert_true(sv_party_kind_is_external(SV_PARTY_AUDITOR));
    assert_true(sv_model_is_external(m, sv_model_find(m, "fou-enheten")));
    assert_false(sv_model_is_external(m, sv_model_find(m, "af")));
    /* bodies: the period, and for_each with its instances */
    const sv_body *b = m->bodies;
    assert_int_equal(b[1].period_from.year, 2022);
    assert_int_equal(b[1].period_to.month, 8);
    assert_int_equal(b[1].period_pos.line, 53);
    assert_int_equal(b[2].for_each, SV_FOR_EACH_MUNICIPALITY);
    assert_int_equal(b[2].instances, 2);
    assert_int_equal(b[3].for_each, SV_FOR_EACH_PROJECT);
    assert_int_equal(b[3].instances, 2);
    assert_int_equal(b[4].for_each, SV_FOR_EACH_PARTIES);
    assert_int_equal(b[4].for_each_parties.count, 2);
    assert_int_equal(sv_body_instances(m, 0), 1);
    assert_true(sv_body_ended(m, 5, 2024));
    assert_false(sv_body_ended(m, 1, 2024));
    /* projects are elements */
    assert_int_equal(m->project_count, 2);
    const sv_project *p = &m->projects[0];
    assert_int_equal(m->elements[p->el].kind, SV_KIND_PROJECT);
    assert_string_equal(m->elements[p->el].name, "Lumena (ESF)");
    assert_string_equal(m->elements[p->el].note, "Finansieras till hälften av ESF.");
    assert_int_equal(p->kind, SV_PROJECT_PROJECT);
    assert_int_equal(p->owner.target, sv_model_find(m, "samordningsforbundet"));
    assert_int_equal(p->financiers.count, 2);
    assert_int_equal(p->steering_group.target, sv_model_find(m, "styrgrupp-lumena"));
    assert_true(p->has_evaluation);
    assert_int_equal(p->evaluation_by.target, sv_model_find(m, "fou-enheten"));
    assert_int_equal(p->evaluation_due.day, 30);
    assert_int_equal(p->participants_target, 300);
    p = &m->projects[1];
    assert_int_equal(p->kind, SV_PROJECT_INSATS);
    assert_int_equal(p->period_from.year, 0);
    assert_int_equal(p->period_to.year, 2026);
    assert_int_equal(p->financiers.count, 1);
    assert_int_equal(p->participants_target, -1);
    assert_int_equal(p->evaluation_due.year, 0);
    sv_model_free(m);
    /* a version 1 file without them: the defaults */
    m = assert_loads(VALID);
    assert_false(sv_agreement_is_finsam(m));
    assert_int_equal(m->agreement.kind, SV_AGREEMENT_OTHER);
    assert_false(m->agreement.funding.present);
    assert_int_equal(m->agreement.audited_by.target, SV_NONE);
    assert_int_equal(m->bodies[0].for_each, SV_FOR_EACH_NONE);
    assert_int_equal(m->bodies[0].instances, 1);
    assert_int_equal(m->project_count, 0);
    sv_model_free(m);
}

/* A funding may give the total without the split (Roslagen's "6 m.kr i
 * medlemsavgift"); one with neither says nothing and is refused at
 * 'funding', in the user's words; 'shares' given but empty stays an error. */
#define FUNDING_HEAD(funding)                                                                      \
    "samverkan: 1.1\n"                                                                             \
    "agreement:\n"                                                                                 \
    "  id: avtal\n"                                                                                \
    "  name: Avtal\n"                                                                              \
    "  funding: " funding "\n" PARTY BODY

static void test_funding_total_without_shares(void **state)
{
    (void)state;
    sv_model *m = assert_loads(FUNDING_HEAD("{year: 2022, total_sek: 6000000}"));
    const sv_funding *f = &m->agreement.funding;
    assert_true(f->present);
    assert_int_equal(f->pos.line, 5);
    assert_int_equal(f->pos.col, 12);
    assert_int_equal(f->year, 2022);
    assert_true(f->total_sek == 6000000);
    assert_null(f->split);
    assert_int_equal(f->share_count, 0);
    assert_null(f->shares);
    assert_int_equal(f->shares_pos.line, 0);
    sv_model_free(m);
}

static void test_funding_without_total_or_shares(void **state)
{
    (void)state;
    const char *const empty[] = {FUNDING_HEAD("{}"), FUNDING_HEAD("{year: 2022}"),
                                 FUNDING_HEAD("{year: 2022, split: efter invånarantal}")};
    for (size_t i = 0; i < sizeof empty / sizeof *empty; i++) {
        sv_diags d;
        assert_null(load_yaml(empty[i], &d));
        assert_int_equal(d.count, 1);
        assert_string_equal(d.items[0].code, "missing-key");
        assert_int_equal(d.items[0].pos.line, 5);
        assert_int_equal(d.items[0].pos.col, 12);
        assert_string_equal(d.items[0].message, "'funding' needs 'total_sek' (the total in kronor), "
                                                "'shares' (each party's percent) or both");
        sv_diags_free(&d);
    }
    /* a block mapping: at its first key */
    assert_load_error("samverkan: 1.1\nagreement:\n  id: avtal\n  name: Avtal\n  funding:\n"
                      "    year: 2022\n" PARTY BODY,
                      "missing-key", 6, 5);
    /* 'shares' given but empty or null, even beside a total: at 'shares' */
    assert_load_error(FUNDING_HEAD("{total_sek: 100, shares: []}"), "missing-key", 5, 37);
    assert_load_error(FUNDING_HEAD("{total_sek: 100, shares: null}"), "missing-key", 5, 37);
    /* an invalid total is its own error, not also a missing one */
    sv_diags d;
    assert_null(load_yaml(FUNDING_HEAD("{total_sek: 0}"), &d));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "out-of-range");
    assert_int_equal(d.items[0].pos.col, 24);
    sv_diags_free(&d);
}

/* Swedish words for the values load as the English ones (schema/synonyms.c);
 * one in capitals is refused at its position, naming the value to write. */
static void test_swedish_values_are_synonyms(void **state)
{
    (void)state;
    sv_model *m = assert_loads(MODEL_HEAD
                               "parties:\n  - {id: af, name: AF, kind: myndighet}\n"
                               "bodies:\n  - {id: g, name: G, level: operativ, kind: styrgrupp,\n"
                               "     meets: varje månad, members: af}\n");
    assert_int_equal(m->parties[0].kind, SV_PARTY_AGENCY);
    assert_int_equal(m->bodies[0].level, SV_LEVEL_OPERATIONAL);
    assert_int_equal(m->bodies[0].kind, SV_BODY_STEERING_GROUP);
    assert_int_equal(m->bodies[0].meets, SV_CADENCE_MONTHLY);
    sv_model_free(m);

    sv_diags d;
    assert_null(load_yaml(MODEL_HEAD PARTY
                          "bodies:\n  - {id: g, name: G, level: Operativ, kind: board, members: af}\n",
                          &d));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "invalid-value");
    assert_int_equal(d.items[0].pos.line, 6);
    assert_int_equal(d.items[0].pos.col, 29);
    assert_non_null(strstr(d.items[0].message, "write 'operational'"));
    sv_diags_free(&d);
}

/* Whether `e` is a value of one of the format's enumerations. */
static bool is_format_value(const char *e)
{
    bool known = false;
    for (int v = 0; v < SV_LEVEL_COUNT && !known; v++)
        known = strcmp(e, sv_level_name((sv_level)v)) == 0;
    for (int v = 0; v < SV_PARTY_KIND_COUNT && !known; v++)
        known = strcmp(e, sv_party_kind_name((sv_party_kind)v)) == 0;
    for (int v = 0; v < SV_BODY_KIND_COUNT && !known; v++)
        known = strcmp(e, sv_body_kind_name((sv_body_kind)v)) == 0;
    for (int v = 1; v < SV_CADENCE_COUNT && !known; v++)
        known = strcmp(e, sv_cadence_name((sv_cadence)v)) == 0;
    for (int v = 0; v < SV_STEP_KIND_COUNT && !known; v++)
        known = strcmp(e, sv_step_kind_name((sv_step_kind)v)) == 0;
    for (int v = 0; v < SV_ABOUT_COUNT && !known; v++)
        known = strcmp(e, sv_process_about_name((sv_process_about)v)) == 0;
    for (int v = 0; v < SV_DIST_COUNT && !known; v++)
        known = strcmp(e, sv_dist_name((sv_dist)v)) == 0;
    for (int v = 0; v < SV_AGREEMENT_KIND_COUNT && !known; v++)
        known = strcmp(e, sv_agreement_kind_name((sv_agreement_kind)v)) == 0;
    for (int v = 0; v < SV_PROJECT_KIND_COUNT && !known; v++)
        known = strcmp(e, sv_project_kind_name((sv_project_kind)v)) == 0;
    for (int v = 1; v < SV_VOTES_COUNT && !known; v++)
        known = strcmp(e, sv_votes_name((sv_votes)v)) == 0;
    for (int v = SV_SEV_ERROR; v <= SV_SEV_OFF && !known; v++)
        known = strcmp(e, sv_severity_name((sv_severity)v)) == 0;
    return known;
}

/* Every English value of the table is a value of the format, and no word
 * is itself a value of the format (it would shadow it: a value as written
 * is matched before the table is searched, sv_synonym_resolve). */
static void test_synonym_table_names_real_values(void **state)
{
    (void)state;
    size_t count;
    const sv_synonym *table = sv_synonyms(&count);
    assert_true(count > 40);
    for (size_t i = 0; i < count; i++) {
        const char *e = table[i].english;
        bool known = is_format_value(e);
        if (!known)
            fail_msg("synonym '%s' stands for '%s', which is no value of the format", table[i].word, e);
        assert_null(sv_synonym_english(e));
        if (is_format_value(table[i].word))
            fail_msg("synonym '%s' is itself a value of the format", table[i].word);
        assert_string_equal(sv_synonym_canonical(table[i].word), e);
    }
    static const char *const levels[] = {"decision", "strategic", "operational", "delivery"};
    assert_string_equal(sv_synonym_suggest("Strategisk", levels, 4), "strategic");
    assert_string_equal(sv_synonym_suggest("strategiskt", levels, 4), "strategic");
    assert_null(sv_synonym_suggest("kommun", levels, 4));
}

/* A top-level section freed once read: its key then has an empty value,
 * the other sections and scalar values stay as they were. */
static void test_tree_section_released(void **state)
{
    (void)state;
    sv_diags d;
    sv_diags_init(&d);
    sv_tree *tree;
    const char *yaml = VALID;
    assert_int_equal(sv_tree_load_buffer(&tree, TEST_FILE, yaml, strlen(yaml), NULL, &d), 0);
    const sv_node *root = sv_tree_root(tree);
    const sv_node *version = sv_node_get(root, "samverkan")->value;
    const sv_node *parties = sv_node_get(root, "parties")->value;
    sv_tree_release_section(tree, version); /* a scalar: no section, nothing freed */
    assert_ptr_equal(sv_node_get(root, "samverkan")->value, version);
    assert_string_equal(version->text, "1");
    sv_tree_release_section(tree, parties);
    const sv_node *released = sv_node_get(root, "parties")->value;
    assert_int_equal(released->kind, SV_NODE_SCALAR);
    assert_int_equal(released->len, 0);
    const sv_node *bodies = sv_node_get(root, "bodies")->value;
    assert_int_equal(bodies->kind, SV_NODE_SEQ);
    assert_string_equal(sv_node_get(bodies->items[0], "members")->value->text, "af");
    assert_int_equal(sv_node_get(bodies->items[0], "members")->value->pos.col, 73);
    sv_tree_free(tree);
    sv_diags_free(&d);
}

/* The build that frees each section once read resolves references across
 * sections, forward ones included, and reports a bad one where it is
 * written, with its hint, as the build that keeps the tree does. */
static void test_releasing_build_resolves_across_sections(void **state)
{
    (void)state;
    const char *yaml = MODEL_HEAD
        "parties:\n"
        "  - {id: af, name: AF, kind: agency, part_of: fk}\n"
        "  - {id: fk, name: FK, kind: agency}\n"
        "bodies:\n"
        "  - {id: board, name: Styrelsen, level: decision, kind: board, members: [af, fkk]}\n";
    for (int releasing = 0; releasing < 2; releasing++) {
        sv_diags d;
        sv_diags_init(&d);
        sv_tree *tree;
        sv_model *m = NULL;
        assert_int_equal(sv_tree_load_buffer(&tree, TEST_FILE, yaml, strlen(yaml), NULL, &d), 0);
        int r = releasing ? sv_schema_build_releasing(&m, tree, &d) : sv_schema_build(&m, tree, &d);
        sv_tree_free(tree);
        sv_diags_sort(&d);
        assert_int_equal(r, -1);
        assert_null(m);
        assert_int_equal(d.count, 1);
        assert_string_equal(d.items[0].code, "unknown-reference");
        assert_int_equal(d.items[0].pos.line, 7);
        assert_int_equal(d.items[0].pos.col, 78);
        assert_non_null(strstr(d.items[0].message, "did you mean 'fk'?"));
        sv_diags_free(&d);
    }
    const char *good = MODEL_HEAD
        "parties:\n"
        "  - {id: af, name: AF, kind: agency, part_of: fk}\n"
        "  - {id: fk, name: FK, kind: agency}\n"
        "bodies:\n"
        "  - {id: board, name: Styrelsen, level: decision, kind: board, members: [af, fk]}\n";
    sv_diags d;
    sv_diags_init(&d);
    sv_tree *tree;
    sv_model *m = NULL;
    assert_int_equal(sv_tree_load_buffer(&tree, TEST_FILE, good, strlen(good), NULL, &d), 0);
    assert_int_equal(sv_schema_build_releasing(&m, tree, &d), 0);
    sv_tree_free(tree);
    assert_non_null(m);
    assert_int_equal(m->parties[0].part_of.target, sv_model_find(m, "fk"));
    assert_int_equal(m->parties[0].part_of.pos.line, 4);
    assert_int_equal(m->bodies[0].members.items[1].target, sv_model_find(m, "fk"));
    assert_int_equal(m->bodies[0].members.items[1].pos.col, 78);
    sv_model_free(m);
    sv_diags_free(&d);
}

/* agreement.unknown (format 1.1): the sections the sources do not show,
 * read with their positions; a name that is no such section, a section
 * the model must have or no question asks for, a name given twice, and a
 * section listed that the model has items in are errors at the item. */
#define UNKNOWN_HEAD(list)                                                                         \
    "samverkan: 1.1\n"                                                                             \
    "agreement:\n"                                                                                 \
    "  id: avtal\n"                                                                                \
    "  name: Avtal\n"                                                                              \
    "  unknown: " list "\n"
static void test_agreement_unknown(void **state)
{
    (void)state;
    sv_model *m = assert_loads(UNKNOWN_HEAD("[reporting, goals]") PARTY BODY);
    assert_int_equal(m->agreement.unknown, (1u << SV_UNKNOWN_GOALS) | (1u << SV_UNKNOWN_REPORTING));
    assert_int_equal(m->agreement.unknown_pos[SV_UNKNOWN_GOALS].line, 5);
    assert_int_equal(m->agreement.unknown_pos[SV_UNKNOWN_GOALS].col, 24);
    assert_int_equal(m->agreement.unknown_pos[SV_UNKNOWN_REPORTING].col, 13);
    assert_string_equal(sv_unknown_section_name(SV_UNKNOWN_PROCESSES), "processes");
    sv_model_free(m);
    m = assert_loads(UNKNOWN_HEAD("processes") PARTY BODY); /* one name: a list of one */
    assert_int_equal(m->agreement.unknown, 1u << SV_UNKNOWN_PROCESSES);
    sv_model_free(m);
    m = assert_loads(VALID);
    assert_int_equal(m->agreement.unknown, 0);
    sv_model_free(m);

    sv_diags diags;
    sv_model *bad = load_yaml(UNKNOWN_HEAD("[prosesses]") PARTY BODY, &diags);
    assert_null(bad);
    assert_int_equal(diags.count, 1);
    assert_string_equal(diags.items[0].code, "invalid-value");
    assert_int_equal(diags.items[0].pos.line, 5);
    assert_int_equal(diags.items[0].pos.col, 13);
    assert_string_equal(diags.items[0].message, "'unknown' cannot be 'prosesses'; did you mean "
                                                "'processes'? (one of: goals, processes, reporting)");
    sv_diags_free(&diags);
    bad = load_yaml(UNKNOWN_HEAD("[goals, bodies]") PARTY BODY, &diags);
    assert_null(bad);
    assert_int_equal(diags.count, 1);
    assert_int_equal(diags.items[0].pos.col, 20);
    assert_non_null(strstr(diags.items[0].message, "cannot list 'bodies': a model must have at least one"));
    sv_diags_free(&diags);
    assert_load_error(UNKNOWN_HEAD("[projects]") PARTY BODY, "invalid-value", 5, 13);
    assert_load_error(UNKNOWN_HEAD("[goals, goals]") PARTY BODY, "duplicate-key", 5, 20);

    /* items in a section said to be unknown: the error at the list item,
     * a note at the first item of the section */
    bad = load_yaml(UNKNOWN_HEAD("[goals]") PARTY BODY "goals:\n  - {id: g, name: G, owner: af}\n",
                    &diags);
    assert_null(bad);
    assert_int_equal(diags.count, 1);
    assert_string_equal(diags.items[0].code, "invalid-value");
    assert_int_equal(diags.items[0].pos.line, 5);
    assert_int_equal(diags.items[0].pos.col, 13);
    assert_string_equal(diags.items[0].message,
                        "'unknown' says the sources do not show the goals, but the model has "
                        "goals; take 'goals' out of 'unknown', or the goals out of the model");
    assert_true(diags.items[0].has_note);
    assert_int_equal(diags.items[0].note_pos.line, 11);
    assert_int_equal(diags.items[0].note_pos.col, 5);
    sv_diags_free(&diags);
    assert_load_error(UNKNOWN_HEAD("[goals, reporting]") PARTY BODY
                      "reporting:\n  - {from: af, to: [board], what: Rapport}\n",
                      "invalid-value", 5, 20);
}

int main(void)
{
    sv_library_init(); /* the first call into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal_model_loads),
        cmocka_unit_test(test_swedish_values_are_synonyms),
        cmocka_unit_test(test_synonym_table_names_real_values),
        cmocka_unit_test(test_unknown_key_with_hint),
        cmocka_unit_test(test_unknown_key_lists_keys),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_invalid_enum_value),
        cmocka_unit_test(test_missing_required_key),
        cmocka_unit_test(test_invalid_ids),
        cmocka_unit_test(test_duplicate_id_across_kinds),
        cmocka_unit_test(test_unknown_reference_with_hint),
        cmocka_unit_test(test_wrong_reference_kind),
        cmocka_unit_test(test_part_of_cycle),
        cmocka_unit_test(test_numbers_out_of_range),
        cmocka_unit_test(test_service_point_facts_read),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_unsupported_version),
        cmocka_unit_test(test_all_errors_reported),
        cmocka_unit_test(test_step_ids_are_local_to_their_process),
        cmocka_unit_test(test_characters_not_bytes_in_columns),
        cmocka_unit_test(test_ignore_entries),
        cmocka_unit_test(test_governance_keys_read),
        cmocka_unit_test(test_step_meets_before_body),
        cmocka_unit_test(test_projects_keys),
        cmocka_unit_test(test_funding_total_without_shares),
        cmocka_unit_test(test_funding_without_total_or_shares),
        cmocka_unit_test(test_tree_section_released),
        cmocka_unit_test(test_releasing_build_resolves_across_sections),
        cmocka_unit_test(test_agreement_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
