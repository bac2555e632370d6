/*
 * Fuzz target for everything `samverkan check` does after reading a file:
 * load and schema, then the whole rule catalogue, the audit questions and
 * every report writer (text, JSON, SARIF, JUnit) into /dev/null; a file
 * that does not load goes through the writers of load errors instead. The
 * rules see models no test has written (empty sections, references in odd
 * places, extreme numbers), the writers every kind of user text.
 */
#include "fuzz_common.h"

#include "samverkan/audit.h"
#include "samverkan/library.h"
#include "samverkan/report.h"
#include "samverkan/rules.h"
#include "samverkan/schema.h"

static void write_load_errors(sv_diags *diags, const char *const *inputs)
{
    FILE *out = fuzz_sink();
    sv_diags_sort(diags);
    sv_report_diags_text(out, diags);
    sv_report_diags_json(out, diags, inputs, 1);
    sv_report_diags_sarif(out, diags, inputs, 1, NULL);
    sv_report_diags_junit(out, diags, inputs, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool initialised;
    if (!initialised) {
        sv_library_init();
        initialised = true;
    }
    const char *inputs[] = {"fuzz.yaml"};
    sv_load_limits limits;
    fuzz_limits(&limits);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_findings findings;
    sv_findings_init(&findings);
    sv_audit_config audit_config = {0};
    sv_audit audit = {0};
    bool assessed = false;
    sv_tree *tree = NULL;
    sv_model *model = NULL;

    if (sv_tree_load_buffer(&tree, inputs[0], (const char *)data, size, &limits, &diags) != 0 ||
        sv_schema_build(&model, tree, &diags) != 0) {
        write_load_errors(&diags, inputs);
        goto done;
    }
    /* a fixed date, so that a run does not depend on the day */
    sv_rule_config config = {.today = {2024, 11, 19}};
    if (sv_rules_run(&findings, model, &config, &diags) != 0) {
        write_load_errors(&diags, inputs);
        goto done;
    }
    if (sv_audit_config_default(&audit_config) != 0 ||
        sv_audit_assess(&audit, model, &findings, &audit_config, &diags) != 0)
        goto done;
    assessed = true;
    const sv_model *models[] = {model};
    for (int show_suppressed = 0; show_suppressed < 2; show_suppressed++) {
        sv_check_result result = {
            .inputs = inputs,
            .models = models,
            .input_count = 1,
            .findings = &findings,
            .year = model->agreement.year,
            .show_suppressed = show_suppressed,
            .audits = &audit,
        };
        FILE *out = fuzz_sink();
        sv_report_check_text(out, &result);
        sv_report_check_json(out, &result);
        sv_report_check_sarif(out, &result);
        sv_report_check_junit(out, &result, show_suppressed ? SV_SEV_INFO : SV_SEV_ERROR);
    }
done:
    if (assessed)
        sv_audit_free(&audit);
    sv_audit_config_free(&audit_config);
    sv_findings_free(&findings);
    sv_model_free(model);
    sv_tree_free(tree);
    sv_diags_free(&diags);
    return 0;
}
