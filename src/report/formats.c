/*
 * The output formats of `check`: one row per format, the only place that
 * names them (samverkan/report.h). Adding a format = one row here and its
 * writers; --format, --help, the completion and the tests of docs/cli.md
 * and the manual page follow from it.
 */
#include "samverkan/report.h"
#include "report/report_ci.h"

#include <stdio.h>
#include <string.h>

static int text(FILE *out, const sv_check_result *result, sv_severity fail_on)
{
    (void)fail_on;
    sv_report_check_text(out, result);
    return 0;
}

static int json(FILE *out, const sv_check_result *result, sv_severity fail_on)
{
    (void)fail_on;
    return sv_report_check_json(out, result);
}

static int sarif(FILE *out, const sv_check_result *result, sv_severity fail_on)
{
    (void)fail_on;
    return sv_report_check_sarif(out, result);
}

static int json_errors(FILE *out, const sv_diags *diags, const sv_check_result *result)
{
    return sv_report_diags_json(out, diags, result->inputs, result->input_count);
}

static int sarif_errors(FILE *out, const sv_diags *diags, const sv_check_result *result)
{
    return sv_report_diags_sarif(out, diags, result->inputs, result->input_count, result->base_uri);
}

static int junit_errors(FILE *out, const sv_diags *diags, const sv_check_result *result)
{
    return sv_report_diags_junit(out, diags, result->inputs, result->input_count);
}

/* The first row is the default. */
static const sv_check_format formats[] = {
    {"text", text, NULL},
    {"json", json, json_errors},
    {"sarif", sarif, sarif_errors},
    {"junit", sv_report_check_junit, junit_errors},
    {"github", sv_report_check_github, sv_report_diags_github},
    {"gitlab", sv_report_check_gitlab, sv_report_diags_gitlab},
    {"checkstyle", sv_report_check_checkstyle, sv_report_diags_checkstyle},
};

enum { FORMAT_COUNT = sizeof formats / sizeof formats[0] };

size_t sv_check_format_count(void)
{
    return FORMAT_COUNT;
}

const sv_check_format *sv_check_format_at(size_t index)
{
    return index < FORMAT_COUNT ? &formats[index] : NULL;
}

const sv_check_format *sv_check_format_find(const char *name)
{
    for (size_t i = 0; i < FORMAT_COUNT; i++)
        if (strcmp(formats[i].name, name) == 0)
            return &formats[i];
    return NULL;
}
