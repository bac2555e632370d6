/*
 * The report stage's output of `simulate` (see samverkan/sim.h): the
 * results of one or more inputs (a base and its scenarios) side by side as
 * text, a table per service point with a column per input, with 95 %
 * intervals and the analytic figures, as JSON in the
 * stable shape of docs/cli.md, as CSV, the daily queue length as CSV (the
 * trace), and a plot of it as a self-contained SVG.
 */
#ifndef SAMVERKAN_REPORT_SIM_H
#define SAMVERKAN_REPORT_SIM_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stdio.h>

#include "samverkan/sim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The results of `simulate` over several inputs, all run with the same
 * options (those of results[0] are printed; each service point has the
 * warm-up and runs it was simulated with). */
typedef struct sv_sim_report {
    const char *const *inputs;            /* the paths as given */
    const sv_sim_result *const *results;  /* one per input */
    size_t input_count;
    sv_csv_dialect csv_dialect;           /* of the CSV table and trace */
    const char *const *names;             /* what the text table heads each input's column
                                             with (a scenario's name, "today"); NULL, or a
                                             NULL entry: the path */
    /* optional: the conclusion of each scenario against the base
     * (conclusions[i - 1] for inputs[i], sv_sim_conclude), and the capacity
     * plan of the base's service points for a target (sv_sim_plan_result) */
    const sv_sim_conclusion *conclusions;
    const sv_sim_plan *plans;
    uint32_t plan_count;
    const sv_sim_target *target;
} sv_sim_report;

/* Each returns 0, or -1 when writing failed (or, for the trace and the
 * plot, when the results were simulated without options.trace). */
SV_API int sv_report_sim_text(FILE *out, const sv_sim_report *report);
SV_API int sv_report_sim_json(FILE *out, const sv_sim_report *report);

/* The conclusion of each scenario and the capacity plan, where the report
 * has them, in words with their figures: a "conclusion" block per
 * scenario and a "capacity" block (src/report/report_sim_plan.c). In JSON
 * they are the "conclusion" and "capacity" members of sv_report_sim_json. */
SV_API int sv_report_sim_conclusion_text(FILE *out, const sv_sim_report *report);

/* An upper bound of the bytes of the conclusion and the capacity plan (text
 * or JSON) for models[0..count), the first the base, computed before
 * anything is simulated; added to the table's sv_report_sim_estimate. */
SV_API unsigned long long sv_report_sim_conclusion_estimate(const sv_model *const *models,
                                                     const char *const *inputs, size_t count,
                                                     bool target);

/* One row per input, service point and measure:
 * input,service_point,measure,mean,ci95_low,ci95_high,reference
 * where reference is the analytic figure or the outcome's target. */
SV_API int sv_report_sim_csv(FILE *out, const sv_sim_report *report);

/* The number of people not yet admitted at the start of each day, from the
 * start of the warm-up, mean over the runs and its 95 % band:
 * input,service_point,day,month,warmup,queue_mean,ci95_low,ci95_high */
SV_API int sv_report_sim_trace_csv(FILE *out, const sv_sim_report *report);

/* The same as a line plot: one line per input and service point with its
 * band, the warm-up shaded. Plain SVG 1.1, no scripts, no external
 * references, user text escaped; the same results give the same bytes. */
SV_API int sv_report_sim_plot_svg(FILE *out, const sv_sim_report *report);

/* What a planner must be told about the figures (sv_sim_point_warnings),
 * a line each, "samverkan: warning: ...", in the language of messages:
 * a given warm-up shorter than MSER-5's, a queue that does not settle, an
 * interval wider than the precision with the runs that would do. Nothing
 * when all is well. */
SV_API void sv_report_sim_warnings(FILE *out, const sv_sim_report *report);

/* Upper bounds of the bytes of the outputs of `simulate` for the models
 * models[0..count) (read from inputs[0..count)) simulated with `options`,
 * computed before anything is simulated: from the service points, their
 * outcomes, the days of the trace ((warm-up + months) × 30.44) and the
 * lengths of the names. */
typedef enum sv_sim_output { SV_SIM_TABLE, SV_SIM_TRACE, SV_SIM_PLOT } sv_sim_output;
SV_API unsigned long long sv_report_sim_estimate(const sv_model *const *models, const char *const *inputs,
                                                 size_t count, const sv_sim_options *options,
                                                 sv_sim_output output, unsigned long long *rows);

#ifdef __cplusplus
}
#endif
#endif
