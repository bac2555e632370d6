/*
 * `samverkan simulate MODEL_OR_SCENARIO...`: the queues of the service
 * points, each input simulated with the same options and seed, side by
 * side (src/sim, src/report/report_sim.c). A trace (daily queue length,
 * CSV) and a plot (SVG) are written atomically beside the main output.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "samverkan/samverkan.h"
#include "samverkan/report_sim.h"
#include "samverkan/sim.h"
#include "util/i18n.h"

enum { O_HELP = 1, O_FORMAT, O_TRACE, O_PLOT, O_LANG, O_TARGET };

const sv_option sv_simulate_options[] = {
    {"months", 0, N_("N"), N_("simulated months after the warm-up (default 24)"), SV_OPT_MONTHS},
    {"warmup", 0, N_("N"),
     N_("months simulated first and not counted (default: found per service point by MSER-5)"),
     SV_OPT_WARMUP},
    {"runs", 0, N_("N"),
     N_("independent runs (default: as many as the precision needs, at least 200)"), SV_OPT_RUNS},
    {"precision", 0, N_("PERCENT"),
     /* xgettext:no-c-format */
     N_("the 95 % interval wanted of the mean wait and lead time, as a share of the mean "
        "(default 5)"),
     SV_OPT_PRECISION},
    {"seed", 0, N_("N"), N_("seed of the random streams (default 1)"), SV_OPT_SEED},
    {"target", 0, N_("TARGET"),
     /* xgettext:no-c-format */
     N_("find the smallest slots per service point of the first model that meet wait=14d, "
        "lead=14d, p90=30d or share-over=30d:10%"),
     O_TARGET},
    {"format", 'f', "text|json|csv", N_("output format (default text)"), O_FORMAT},
    {"trace", 0, N_("FILE"), N_("write the daily queue length per service point (CSV) to FILE"), O_TRACE},
    {"plot", 0, N_("FILE"), N_("write a chart of the queue length over time (SVG) to FILE"), O_PLOT},
    SV_CSV_OPTION,
    SV_OUTPUT_OPTION,
    SV_LIMIT_OPTIONS,
    {"lang", 0, "sv|en", N_("language of messages (default: from LANGUAGE or LANG)"), O_LANG},
    {"help", 'h', NULL, N_("show this help"), O_HELP},
    {NULL, 0, NULL, NULL, 0}};

#define MAX_INPUTS 32

typedef struct args {
    bool help;
    int format;
    const char *inputs[MAX_INPUTS];
    size_t input_count;
    const char *trace, *plot;
    sv_sim_options sim;
    unsigned long long max_output;
    sv_load_limits limits;
    sv_csv_dialect csv_dialect;
    bool csv_dialect_given;
    bool has_target;
    sv_sim_target target;
} args;

static int on_option(const sv_option *o, const char *value, void *data)
{
    args *a = data;
    if (!o) {
        if (a->input_count == MAX_INPUTS) {
            fprintf(stderr, _("samverkan: at most %d inputs\n"), MAX_INPUTS);
            return -1;
        }
        a->inputs[a->input_count++] = value;
        return 0;
    }
    if (SV_OPT_IS_LIMIT(o->id))
        return sv_options_limit(o->id, value, &a->limits);
    if (SV_OPT_IS_SIMULATION(o->id))
        return sv_options_simulation(o, value, &a->sim);
    switch (o->id) {
    case SV_OPT_MAX_OUTPUT_SIZE: return sv_options_output_size(value, &a->max_output);
    case SV_OPT_CSV_DIALECT:
        return sv_options_csv_dialect(value, &a->csv_dialect, &a->csv_dialect_given);
    case O_HELP: a->help = true; return 0;
    case O_TRACE: a->trace = value; return 0;
    case O_PLOT: a->plot = value; return 0;
    case O_TARGET: return sv_options_target(value, &a->target, &a->has_target);
    case O_LANG: return 0;
    case O_FORMAT: {
        static const char *const names[] = {"text", "json", "csv"};
        for (int f = 0; f < 3; f++)
            if (strcmp(value, names[f]) == 0) {
                a->format = f;
                return 0;
            }
        fprintf(stderr, _("samverkan: unknown format '%s'; use text, json or csv\n"), value);
        return -1;
    }
    }
    return -1;
}

typedef struct side_job {
    int (*writer)(FILE *, const sv_sim_report *);
    const sv_sim_report *report;
    const char *path;
} side_job;

static int write_side_into(FILE *out, void *ctx)
{
    side_job *job = ctx;
    if (job->writer(out, job->report) != 0) {
        fprintf(stderr, _("samverkan: cannot write '%s'\n"), job->path);
        return -1;
    }
    return 0;
}

/* Writes one of the side outputs (trace or plot) atomically, streamed
 * into the temporary file, never over a model or a scenario's base. */
static int write_side(const char *path, int (*writer)(FILE *, const sv_sim_report *),
                      const sv_sim_report *report, const sv_inputs *inputs)
{
    side_job job = {writer, report, path};
    return sv_report_write_stream(path, write_side_into, &job, inputs);
}

/* The output refused for its size, with its count of rows or points. */
static void output_named(char *what, size_t size, sv_sim_output output, unsigned long long rows)
{
    switch (output) {
    case SV_SIM_TABLE:
        snprintf(what, size,
                 P_("the table of results (%llu row)", "the table of results (%llu rows)", rows),
                 rows);
        return;
    case SV_SIM_TRACE:
        snprintf(what, size, P_("the trace (%llu row)", "the trace (%llu rows)", rows), rows);
        return;
    case SV_SIM_PLOT:
        snprintf(what, size, P_("the plot (%llu point)", "the plot (%llu points)", rows), rows);
        return;
    }
    what[0] = '\0';
}

int sv_cmd_simulate(const sv_command *self, int argc, char **argv)
{
    args a = {.max_output = SV_OUTPUT_LIMIT_DEFAULT};
    sv_sim_options_default(&a.sim);
    sv_load_limits_default(&a.limits);
    if (sv_options_parse(argc, argv, 2, sv_simulate_options, on_option, &a) != 0)
        return 2;
    if (a.help) {
        sv_command_help(self);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    if (!sv_command_arity_ok(self, a.input_count)) {
        fputs(_("samverkan: simulate needs a model: samverkan simulate MODEL.yaml [SCENARIO.yaml...]\n"),
              stderr);
        return 2;
    }
    a.sim.trace = a.trace || a.plot;
    /* the conclusion pairs run r of a service point with its run r in a
       scenario (common random numbers) */
    a.sim.keep_runs = a.input_count > 1;
    sv_diags diags;
    sv_diags_init(&diags);
    sv_inputs inputs;
    sv_inputs_init(&inputs);
    sv_model *models[MAX_INPUTS] = {0};
    sv_sim_result *results[MAX_INPUTS] = {0};
    char *names[MAX_INPUTS] = {0};
    const char *input_names[MAX_INPUTS] = {0};
    sv_sim_conclusion *conclusions = NULL;
    sv_sim_plan *plans = NULL;
    int code = 2;
    if (sv_sim_options_check(&a.sim, &diags) != 0)
        goto fail;
    for (size_t i = 0; i < a.input_count; i++)
        if (sv_model_load(&models[i], a.inputs[i], &a.limits, &diags) != 0)
            goto fail;
    /* the side files never go over a file read, nor over each other */
    for (size_t i = 0; i < a.input_count; i++) {
        if (sv_inputs_add_model(&inputs, models[i]) != 0 ||
            sv_inputs_add_config(&inputs, NULL, a.inputs[i]) != 0) {
            fputs(_("samverkan: out of memory\n"), stderr);
            goto done;
        }
    }
    const char *outputs[] = {a.trace, a.plot};
    if (sv_inputs_check_outputs(&inputs, outputs, 2) != 0)
        goto done;
    /* every output is bounded before anything is simulated (the trace's
       memory grows with it too) */
    struct {
        bool wanted;
        sv_sim_output output;
    } bounded[] = {
        {true, SV_SIM_TABLE},
        {a.trace != NULL, SV_SIM_TRACE},
        {a.plot != NULL, SV_SIM_PLOT},
    };
    bool too_large = false;
    for (size_t k = 0; k < sizeof bounded / sizeof bounded[0]; k++) {
        unsigned long long rows = 0;
        unsigned long long estimate =
            bounded[k].wanted ? sv_report_sim_estimate((const sv_model *const *)models, a.inputs,
                                                       a.input_count, &a.sim, bounded[k].output, &rows)
                              : 0;
        if (bounded[k].output == SV_SIM_TABLE)
            estimate += sv_report_sim_conclusion_estimate((const sv_model *const *)models, a.inputs,
                                                          a.input_count, a.has_target);
        if (estimate > a.max_output) {
            char what[160];
            output_named(what, sizeof what, bounded[k].output, rows);
            sv_diags_output_too_large(&diags, (sv_pos){a.inputs[0], 0, 0}, what, estimate,
                                      a.max_output);
            too_large = true;
        }
    }
    if (too_large)
        goto fail;
    for (size_t i = 0; i < a.input_count; i++)
        if (sv_sim_model(&results[i], models[i], &a.sim, &diags) != 0)
            goto fail;
    if (a.input_count > 1 && sv_sim_align_runs(results, a.input_count, &diags) != 0)
        goto fail;
    /* the columns of the text go by the names the reader knows the inputs
       by: a scenario's name, the base as "today" (when one
       input is not a scenario; else each by its agreement's name) */
    size_t plain = 0;
    for (size_t i = 0; i < a.input_count; i++) {
        names[i] = sv_cli_scenario_name(a.inputs[i]);
        plain += names[i] == NULL;
    }
    for (size_t i = 0; i < a.input_count; i++) {
        const sv_model *m = models[i];
        if (names[i])
            input_names[i] = names[i];
        else if (plain == 1)
            input_names[i] = _("today");
        else if (m->agreement.el < m->element_count && m->elements[m->agreement.el].name)
            input_names[i] = m->elements[m->agreement.el].name;
        else
            input_names[i] = a.inputs[i];
    }
    if (a.input_count > 1) {
        conclusions = calloc(a.input_count - 1, sizeof *conclusions);
        for (size_t i = 1; conclusions && i < a.input_count; i++)
            if (sv_sim_conclude(&conclusions[i - 1], results[0], results[i], models[i]) != 0) {
                fputs(_("samverkan: out of memory\n"), stderr);
                goto done;
            }
        if (!conclusions) {
            fputs(_("samverkan: out of memory\n"), stderr);
            goto done;
        }
    }
    if (a.has_target) {
        sv_sim_options plan_options = a.sim;
        plan_options.trace = plan_options.keep_runs = false;
        if (sv_sim_plan_result(&plans, results[0], &a.target, &plan_options, &diags) != 0)
            goto fail;
    }
    sv_sim_report report = {.inputs = a.inputs,
                            .results = (const sv_sim_result *const *)results,
                            .input_count = a.input_count,
                            .csv_dialect = a.csv_dialect_given ? a.csv_dialect : sv_options_csv_default(),
                            .names = input_names,
                            .conclusions = conclusions,
                            .plans = plans,
                            .plan_count = plans ? results[0]->point_count : 0,
                            .target = a.has_target ? &a.target : NULL};
    sv_report_sim_warnings(stderr, &report);
    /* The side files come first and the table is held in memory, so that
       a side file that cannot be written leaves no half-finished output. */
    if (a.trace && write_side(a.trace, sv_report_sim_trace_csv, &report, &inputs) != 0)
        goto done;
    if (a.plot && write_side(a.plot, sv_report_sim_plot_svg, &report, &inputs) != 0)
        goto done;
    char *text = NULL;
    size_t text_len = 0;
    FILE *mem = open_memstream(&text, &text_len);
    int r = !mem ? -1
            : a.format == 1 ? sv_report_sim_json(mem, &report)
            : a.format == 2 ? sv_report_sim_csv(mem, &report)
                            : sv_report_sim_text(mem, &report);
    if (r == 0 && a.format == 0)
        r = sv_report_sim_conclusion_text(mem, &report);
    if ((mem && fclose(mem) != 0) || r != 0 || fwrite(text, 1, text_len, stdout) != text_len ||
        fflush(stdout) != 0) {
        free(text);
        fputs(_("samverkan: cannot write the output\n"), stderr);
        goto done;
    }
    free(text);
    code = 0;
    goto done;
fail:
    sv_diags_sort(&diags);
    sv_report_diags_text(stderr, &diags);
done:
    for (size_t i = 1; conclusions && i < a.input_count; i++)
        sv_sim_conclusion_free(&conclusions[i - 1]);
    free(conclusions);
    free(plans);
    for (size_t i = 0; i < a.input_count; i++) {
        sv_sim_result_free(results[i]);
        sv_model_free(models[i]);
        free(names[i]);
    }
    sv_inputs_free(&inputs);
    sv_diags_free(&diags);
    return code;
}
