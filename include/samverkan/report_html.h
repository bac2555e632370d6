/*
 * The auditor's report: one self-contained HTML file (inline CSS and SVG,
 * no script, no external request of any kind, a Content-Security-Policy
 * that forbids everything else) for a board to read and print: the
 * summary of the answers, the recommendations, the observations per audit
 * question, every diagram as a numbered figure, the RACI matrix, for
 * scenarios the diff and the simulation's conclusion; then appendices
 * with the findings by rule and the metrics. See docs/report.md.
 */
#ifndef SAMVERKAN_REPORT_HTML_H
#define SAMVERKAN_REPORT_HTML_H

#include "samverkan/export.h"

#include <stdio.h>

#include "samverkan/audit.h"
#include "samverkan/diff.h"
#include "samverkan/metrics.h"
#include "samverkan/model.h"
#include "samverkan/render.h"
#include "samverkan/report_sim.h"
#include "samverkan/rules.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sv_html_diagram {
    const char *anchor;   /* the section's id: "diagram-governance", ... (ASCII, no user text) */
    const char *title;    /* translated heading (may hold a name: it is escaped) */
    const char *svg;      /* the SVG document from sv_render, or NULL when left out */
    const char *note;     /* when svg is NULL: why it was left out (too large to read, past
                             the render stage's caps), shown in its place. A figure that
                             fails to draw ends the report instead (exit 2) */
    int view;             /* its sv_view_kind: which findings it marks */
    const sv_id *marks;   /* the elements it marks, in the order of their numbers */
    size_t mark_count;
} sv_html_diagram;

typedef struct sv_html_scenario {
    const char *name;     /* the scenario's `name` (its file's path when it has none) */
    const sv_diff *diff;  /* the scenario against the base */
} sv_html_scenario;

/* A process the report has no figure for (it draws the ones with the most
 * findings): listed in the table "Processes not drawn". */
typedef struct sv_html_undrawn {
    uint32_t process;     /* index into model->processes */
    size_t findings;      /* its unsuppressed findings that the process view marks */
} sv_html_undrawn;

typedef struct sv_html_report {
    const char *path;                 /* the model as given */
    const sv_model *model;
    const sv_findings *findings;
    const sv_audit *audit;
    const sv_metrics *metrics;
    const sv_html_diagram *diagrams;
    size_t diagram_count;
    const sv_html_undrawn *undrawn;   /* the processes without a figure, in model order */
    size_t undrawn_count;
    const sv_findings_index *findings_index; /* findings grouped by element (optional) */
    const char *raci_html;            /* the RACI fragment (sv_render raci, html, fragment), or NULL */
    bool raci_left_out;               /* too large for the report: a note stands for it */
    const sv_html_scenario *scenarios;
    size_t scenario_count;
    const sv_sim_report *simulation;  /* base and scenarios (inputs named for the reader), or NULL */
    const sv_model *const *simulation_models; /* the model of each input, for the names of
                                                 its service points; or NULL */
    const char *simulation_plot_svg;  /* or NULL */
    const char *lang;                 /* "sv" or "en", for <html lang> */
    bool with_source;                 /* excerpts keep the model's comments (report --with-source) */
} sv_html_report;

/* Writes the report; returns 0, or -1 when writing failed. Every piece of
 * user text is entity-encoded; the SVG comes from our renderer, which
 * escapes it, and is inlined without its XML prolog. */
SV_API int sv_report_html(FILE *out, const sv_html_report *report);

#ifdef __cplusplus
}
#endif
#endif
