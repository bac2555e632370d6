/*
 * The checking façade (samverkan/check.h): the configuration beside the
 * model is found and applied to every model checked, --config replaces
 * it, --rule holds over it, and it is read once. The models and
 * configurations are those of tests/cli/inputs/config-chair-off, whose
 * .samverkan.yaml turns body-without-chair off.
 */
#include <stdlib.h>

#include "helpers.h"
#include "samverkan/check.h"

#define DIR "tests/cli/inputs/config-chair-off/"

/* How many of the findings are of `rule`. */
static size_t count_rule(const sv_findings *f, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        n += strcmp(sv_rule_at(f->items[i].rule)->name, rule) == 0;
    return n;
}

typedef struct run {
    sv_check check;
    sv_model *model;
    sv_findings findings;
    sv_diags diags;
    int result;
} run;

static void check_file(run *r, const sv_check_options *options, const char *path)
{
    sv_diags_init(&r->diags);
    sv_findings_init(&r->findings);
    sv_check_init(&r->check, options);
    r->model = NULL;
    assert_int_equal(sv_check_load(&r->check, &r->model, path, &r->diags), 0);
    r->result = sv_check_rules(&r->check, &r->findings, r->model, &r->diags);
}

static void done(run *r)
{
    sv_findings_free(&r->findings);
    sv_model_free(r->model);
    sv_check_free(&r->check);
    sv_diags_free(&r->diags);
}

static void test_config_beside_the_model_applies(void **state)
{
    (void)state;
    run r;
    check_file(&r, &(sv_check_options){.model = DIR "model.yaml"}, DIR "changed.yaml");
    assert_int_equal(r.result, 0);
    assert_int_equal(count_rule(&r.findings, "body-without-chair"), 0);
    assert_true(r.check.config_ok);
    assert_non_null(strstr(r.check.config.path, "config-chair-off/.samverkan.yaml"));
    done(&r);
}

static void test_explicit_config_replaces_the_one_beside(void **state)
{
    (void)state;
    run r;
    check_file(&r,
               &(sv_check_options){.model = DIR "model.yaml",
                                   .config = "tests/cli/inputs/with-config/.samverkan.yaml"},
               DIR "changed.yaml");
    assert_int_equal(r.result, 0);
    assert_int_equal(count_rule(&r.findings, "body-without-chair"), 1);
    const sv_finding *f = &r.findings.items[0];
    for (size_t i = 0; i < r.findings.count; i++)
        if (strcmp(sv_rule_at(r.findings.items[i].rule)->name, "body-without-chair") == 0)
            f = &r.findings.items[i];
    assert_int_equal(f->pos.line, 12);
    assert_int_equal(f->pos.col, 5);
    assert_int_equal(f->severity, SV_SEV_WARNING);
    done(&r);
}

static void test_rule_option_holds_over_the_file(void **state)
{
    (void)state;
    sv_severity *severity = malloc(sv_rule_count() * sizeof *severity);
    assert_non_null(severity);
    for (size_t i = 0; i < sv_rule_count(); i++)
        severity[i] = SV_CHECK_RULE_UNSET;
    severity[sv_rule_find("body-without-chair", NULL)] = SV_SEV_ERROR;
    run r;
    check_file(&r, &(sv_check_options){.model = DIR "model.yaml", .rule_severity = severity},
               DIR "changed.yaml");
    assert_int_equal(r.result, 0);
    assert_int_equal(count_rule(&r.findings, "body-without-chair"), 1);
    for (size_t i = 0; i < r.findings.count; i++)
        if (strcmp(sv_rule_at(r.findings.items[i].rule)->name, "body-without-chair") == 0)
            assert_int_equal(r.findings.items[i].severity, SV_SEV_ERROR);
    done(&r);
    free(severity);
}

static void test_a_bad_config_fails_every_step_once(void **state)
{
    (void)state;
    run r;
    check_file(&r,
               &(sv_check_options){.model = DIR "model.yaml",
                                   .config = "tests/cli/inputs/bad-config.yaml"},
               DIR "changed.yaml");
    assert_int_equal(r.result, -1);
    size_t reported = r.diags.count;
    assert_true(reported > 0);
    assert_string_equal(r.diags.items[0].pos.file, "tests/cli/inputs/bad-config.yaml");
    /* read once: the next step fails too, without reading it again */
    sv_audit audit;
    assert_int_equal(sv_check_assess(&r.check, &audit, r.model, &r.findings, &r.diags), -1);
    assert_int_equal(sv_check_rules(&r.check, &r.findings, r.model, &r.diags), -1);
    assert_int_equal(r.diags.count, reported);
    done(&r);
}

static void test_assess_answers_with_the_configured_profile(void **state)
{
    (void)state;
    run r;
    check_file(&r, &(sv_check_options){.model = DIR "model.yaml", .language = "sv"},
               DIR "model.yaml");
    assert_int_equal(r.result, 0);
    sv_audit audit;
    assert_int_equal(sv_check_assess(&r.check, &audit, r.model, &r.findings, &r.diags), 0);
    assert_string_equal(audit.profile, "Granskning av arbetsmarknadsinsatser");
    assert_int_equal(audit.question_count, 4);
    assert_int_equal(audit.questions[1].answer, SV_ANSWER_JA); /* the structure holds */
    assert_int_equal(audit.questions[0].answer, SV_ANSWER_NEJ); /* no goals, no processes */
    sv_audit_free(&audit);
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_beside_the_model_applies),
        cmocka_unit_test(test_explicit_config_replaces_the_one_beside),
        cmocka_unit_test(test_rule_option_holds_over_the_file),
        cmocka_unit_test(test_a_bad_config_fails_every_step_once),
        cmocka_unit_test(test_assess_answers_with_the_configured_profile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
