/*
 * The checking façade (samverkan/check.h): the one place where a model is
 * loaded, the configuration found and applied, the rules run with it and
 * the audit answered. The commands only choose what to print.
 */
#include "samverkan/check.h"

#include "samverkan/schema.h"

#include <string.h>

void sv_check_init(sv_check *check, const sv_check_options *options)
{
    *check = (sv_check){.options = *options};
    if (options->limits)
        check->limits = *options->limits;
    else
        sv_load_limits_default(&check->limits);
}

int sv_check_load(sv_check *check, sv_model **out, const char *path, sv_diags *diags)
{
    return sv_model_load(out, path, &check->limits, diags);
}

int sv_check_load_buffer(sv_check *check, sv_model **out, const char *name, const char *data,
                         size_t size, sv_diags *diags)
{
    return sv_model_load_buffer(out, name, data, size, &check->limits, diags);
}

int sv_check_load_without(sv_check *check, sv_model **out, const char *path,
                          const char *const *ids, size_t count, sv_diags *diags)
{
    return sv_model_load_without(out, path, ids, count, &check->limits, diags);
}

int sv_check_configure(sv_check *check, sv_diags *diags)
{
    if (check->configured)
        return check->config_ok ? 0 : -1;
    check->configured = true;
    const sv_check_options *o = &check->options;
    if (sv_config_for_model(&check->config, o->config, o->audit, o->model, diags) != 0) {
        sv_config_free(&check->config);
        return -1;
    }
    /* --rule holds over the file, at every level of body */
    for (size_t i = 0; o->rule_severity && i < sv_rule_count(); i++)
        if (o->rule_severity[i] != SV_CHECK_RULE_UNSET) {
            check->config.severity[i] = o->rule_severity[i];
            check->config.severity_given[i] = true;
        }
    check->config.audit.language = o->language;
    check->config_ok = true;
    return 0;
}

int sv_check_rules(sv_check *check, sv_findings *into, const sv_model *model, sv_diags *diags)
{
    if (sv_check_configure(check, diags) != 0)
        return -1;
    sv_rule_config rules = {.year = check->options.year, .severity = check->config.severity,
                            .severity_given = check->config.severity_given};
    return sv_rules_run(into, model, &rules, diags);
}

int sv_check_assess(sv_check *check, sv_audit *out, const sv_model *model,
                    const sv_findings *findings, sv_diags *diags)
{
    if (sv_check_configure(check, diags) != 0)
        return -1;
    return sv_audit_assess(out, model, findings, &check->config.audit, diags);
}

void sv_check_free(sv_check *check)
{
    sv_config_free(&check->config);
    *check = (sv_check){0};
}
