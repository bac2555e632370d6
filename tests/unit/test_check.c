/*
 * The checking façade (samverkan/check.h): the configuration beside the
 * model is found and applied to every model checked, --config replaces
 * it, --rule holds over it, and it is read once. The models and
 * configurations are those of tests/cli/inputs/config-chair-off, whose
 * .samverkan.yaml turns body-without-chair off. SV_CONFIG_NONE reads
 * none, SAMVERKAN_CONFIG replaces the one found, and the patterns of
 * 'overrides' match as docs/cli.md says (the search up the tree is
 * tests/cli/check_config_discovery.sh's, which needs a .git of its own).
 */
#define _XOPEN_SOURCE 700 /* mkdtemp, setenv */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

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

static void test_no_config_reads_none(void **state)
{
    (void)state;
    setenv("SAMVERKAN_CONFIG", "tests/cli/inputs/with-config/.samverkan.yaml", 1);
    run r;
    check_file(&r, &(sv_check_options){.model = DIR "model.yaml", .config = SV_CONFIG_NONE},
               DIR "changed.yaml");
    unsetenv("SAMVERKAN_CONFIG");
    assert_int_equal(r.result, 0);
    assert_null(r.check.config.path);
    assert_int_equal(count_rule(&r.findings, "body-without-chair"), 1);
    done(&r);
}

static void test_environment_replaces_the_one_found(void **state)
{
    (void)state;
    setenv("SAMVERKAN_CONFIG", "tests/cli/inputs/with-config/.samverkan.yaml", 1);
    char *found = NULL;
    assert_int_equal(sv_config_locate(&found, NULL, DIR "changed.yaml"), 1);
    assert_string_equal(found, "tests/cli/inputs/with-config/.samverkan.yaml");
    free(found);
    /* --config over the environment */
    assert_int_equal(sv_config_locate(&found, DIR ".samverkan.yaml", DIR "changed.yaml"), 1);
    assert_string_equal(found, DIR ".samverkan.yaml");
    free(found);
    assert_int_equal(sv_config_locate(&found, SV_CONFIG_NONE, DIR "changed.yaml"), 0);
    assert_null(found);
    unsetenv("SAMVERKAN_CONFIG");
    /* found, beside the model, named as the model is */
    assert_int_equal(sv_config_locate(&found, NULL, DIR "changed.yaml"), 0);
    assert_string_equal(found, DIR ".samverkan.yaml");
    free(found);
    run r;
    check_file(&r, &(sv_check_options){.model = DIR "model.yaml"}, DIR "changed.yaml");
    assert_false(r.check.config.given);
    assert_int_equal(r.check.config.file_count, 1);
    done(&r);
}

/* The severity of `rule` that `config_path` gives the model `model`. */
static sv_severity severity_for(const char *config_path, const char *model, const char *rule)
{
    sv_config config;
    sv_diags diags;
    sv_diags_init(&diags);
    assert_int_equal(sv_config_default(&config), 0);
    assert_int_equal(sv_config_read(&config, config_path, model, &diags), 0);
    sv_severity sev = config.severity[sv_rule_find(rule, NULL)];
    sv_config_free(&config);
    sv_diags_free(&diags);
    return sev;
}

static void test_override_patterns_match_as_documented(void **state)
{
    (void)state;
    char dir[] = "/tmp/sv-overrides-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], cfg[256];
    const char *folders[] = {"a", "a/b", "a/b/deep", "b", "deep"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, folders[i]);
        assert_int_equal(mkdir(path, 0700), 0);
    }
    snprintf(cfg, sizeof cfg, "%s/.samverkan.yaml", dir);
    FILE *f = fopen(cfg, "w");
    assert_non_null(f);
    fputs("rules: {sole-link: error}\n"
          "overrides:\n"
          "  - {files: \"**/deep/*.yaml\", rules: {sole-link: off}}\n"
          "  - {files: [\"a/*.yaml\"], rules: {dual-chair: off}}\n"
          "  - {files: \"*-2025.yaml\", rules: {body-without-chair: error}}\n"
          "  - {files: \"./b/[mn]*.yaml\", rules: {reporting-level-order: off}}\n"
          "  - {files: [x.yaml, \"a/*.yaml\"], rules: {dual-chair: note}}\n",
          f);
    fclose(f);
#define MODEL(rel) (snprintf(path, sizeof path, "%s/" rel, dir), path)
    /* "**" for any folders, none too; '*' never crosses '/' */
    assert_int_equal(severity_for(cfg, MODEL("a/b/deep/m-2025.yaml"), "sole-link"), SV_SEV_OFF);
    assert_int_equal(severity_for(cfg, MODEL("deep/y.yaml"), "sole-link"), SV_SEV_OFF);
    assert_int_equal(severity_for(cfg, MODEL("a/y.yaml"), "sole-link"), SV_SEV_ERROR);
    assert_int_equal(severity_for(cfg, MODEL("a/b/deep/m-2025.yaml"), "dual-chair"),
                     sv_rule_at((size_t)sv_rule_find("dual-chair", NULL))->severity);
    /* in order: the later entry wins */
    assert_int_equal(severity_for(cfg, MODEL("a/y.yaml"), "dual-chair"), SV_SEV_INFO);
    /* a pattern without '/' is the file's name in any folder */
    assert_int_equal(severity_for(cfg, MODEL("a/b/deep/m-2025.yaml"), "body-without-chair"),
                     SV_SEV_ERROR);
    assert_int_equal(severity_for(cfg, MODEL("b/m.yaml"), "reporting-level-order"), SV_SEV_OFF);
    assert_int_equal(severity_for(cfg, MODEL("b/z.yaml"), "reporting-level-order"),
                     sv_rule_at((size_t)sv_rule_find("reporting-level-order", NULL))->severity);
    /* no model: no override applies */
    assert_int_equal(severity_for(cfg, NULL, "sole-link"), SV_SEV_ERROR);
#undef MODEL
    unlink(cfg);
    for (size_t i = 5; i-- > 0;) {
        snprintf(path, sizeof path, "%s/%s", dir, folders[i]);
        rmdir(path);
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_beside_the_model_applies),
        cmocka_unit_test(test_explicit_config_replaces_the_one_beside),
        cmocka_unit_test(test_rule_option_holds_over_the_file),
        cmocka_unit_test(test_a_bad_config_fails_every_step_once),
        cmocka_unit_test(test_assess_answers_with_the_configured_profile),
        cmocka_unit_test(test_no_config_reads_none),
        cmocka_unit_test(test_environment_replaces_the_one_found),
        cmocka_unit_test(test_override_patterns_match_as_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
