/*
 * `samverkan metrics MODEL`: graph figures per body, party and person
 * (src/graph/metrics.c), as a table, JSON or CSV.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "samverkan/samverkan.h"
#include "samverkan/metrics.h"
#include "util/i18n.h"

enum { O_HELP = 1, O_FORMAT, O_LANG };

const sv_option sv_metrics_options[] = {
    {"format", 'f', "text|json|csv", N_("output format (default text)"), O_FORMAT},
    SV_CSV_OPTION,
    SV_OUTPUT_OPTION,
    SV_LIMIT_OPTIONS,
    {"lang", 0, "sv|en", N_("language of messages (default: from LANGUAGE or LANG)"), O_LANG},
    {"help", 'h', NULL, N_("show this help"), O_HELP},
    {NULL, 0, NULL, NULL, 0}};

typedef struct args {
    bool help;
    int format; /* 0 text, 1 json, 2 csv */
    const char *input;
    int inputs;
    unsigned long long max_output;
    sv_load_limits limits;
    sv_csv_dialect csv_dialect;
    bool csv_dialect_given;
} args;

static int on_option(const sv_option *o, const char *value, void *data)
{
    args *a = data;
    if (!o) {
        a->input = value;
        a->inputs++;
        return 0;
    }
    if (o->id == O_HELP)
        a->help = true;
    if (o->id == SV_OPT_MAX_OUTPUT_SIZE)
        return sv_options_output_size(value, &a->max_output);
    if (o->id == SV_OPT_CSV_DIALECT)
        return sv_options_csv_dialect(value, &a->csv_dialect, &a->csv_dialect_given);
    if (SV_OPT_IS_LIMIT(o->id))
        return sv_options_limit(o->id, value, &a->limits);
    if (o->id == O_FORMAT) {
        static const char *const names[] = {"text", "json", "csv"};
        for (int f = 0; f < 3; f++)
            if (strcmp(value, names[f]) == 0) {
                a->format = f;
                return 0;
            }
        fprintf(stderr, _("samverkan: unknown format '%s'; use text, json or csv\n"), value);
        return -1;
    }
    return 0;
}

int sv_cmd_metrics(const sv_command *self, int argc, char **argv)
{
    args a = {.max_output = SV_OUTPUT_LIMIT_DEFAULT};
    sv_load_limits_default(&a.limits);
    if (sv_options_parse(argc, argv, 2, sv_metrics_options, on_option, &a) != 0)
        return 2;
    if (a.help) {
        sv_command_help(self);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    if (!sv_command_arity_ok(self, (size_t)a.inputs)) {
        fputs(_("samverkan: metrics takes one model: samverkan metrics MODEL.yaml\n"), stderr);
        return 2;
    }
    sv_diags diags;
    sv_diags_init(&diags);
    sv_model *m = NULL;
    sv_metrics mt = {0};
    int code = 2;
    if (sv_model_load(&m, a.input, &a.limits, &diags) != 0) {
        sv_diags_sort(&diags);
        sv_report_diags_text(stderr, &diags);
        goto done;
    }
    /* the table is bounded before the figures are computed */
    static const sv_metrics_format formats[] = {SV_METRICS_TEXT, SV_METRICS_JSON, SV_METRICS_CSV};
    unsigned long long estimate = sv_report_metrics_estimate(m, a.input, formats[a.format]);
    if (estimate > a.max_output) {
        char what[160];
        unsigned rows = m->body_count + m->party_count + m->person_count;
        snprintf(what, sizeof what,
                 P_("the metrics table (%u row)", "the metrics table (%u rows)", rows), rows);
        sv_diags_output_too_large(&diags, (sv_pos){a.input, 0, 0}, what, estimate, a.max_output);
        sv_report_diags_text(stderr, &diags);
        goto done;
    }
    if (sv_metrics_compute(&mt, m, &diags) != 0) {
        sv_diags_sort(&diags);
        sv_report_diags_text(stderr, &diags);
        goto done;
    }
    if (a.format == 1)
        sv_report_metrics_json(stdout, a.input, m, &mt);
    else if (a.format == 2)
        sv_report_metrics_csv(stdout, m, &mt,
                              a.csv_dialect_given ? a.csv_dialect : sv_options_csv_default());
    else
        sv_report_metrics_text(stdout, m, &mt);
    code = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
    if (code)
        fputs(_("samverkan: cannot write the output\n"), stderr);
done:
    sv_metrics_free(&mt);
    sv_model_free(m);
    sv_diags_free(&diags);
    return code;
}
