/*
 * The render stage: diagrams of a model for an audit report. Each view is
 * built as a cgraph graph (elements in model order, user text escaped for
 * the label kind in use, lengths capped), laid out with gvc in a forked
 * child under CPU and memory limits (or, for an embedder that cannot fork,
 * in the calling process: options.in_process), and rendered to memory; the
 * caller writes the bytes (sv_write_atomic in util does it safely). The
 * RACI view can also be written as CSV or as an HTML table without
 * Graphviz.
 */
#ifndef SAMVERKAN_RENDER_H
#define SAMVERKAN_RENDER_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "samverkan/diag.h"
#include "samverkan/model.h"
#include "samverkan/rules.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sv_view_kind {
    SV_VIEW_GOVERNANCE, /* levels top to bottom, bodies with members, reports_to */
    SV_VIEW_PROCESS,    /* one process: swimlanes per accountable party, flow, RACI */
    SV_VIEW_RACI,       /* steps x the parties and roles named in RACI */
    SV_VIEW_PARTY,      /* one party: seats, chairs, accountabilities, reporting */
    SV_VIEW_REPORTING,  /* who reports what to whom, how often */
    SV_VIEW_DIFF,       /* the governance view of a scenario against its base (options.base) */
    SV_VIEW_COUNT
} sv_view_kind;

typedef enum sv_render_format {
    SV_RENDER_SVG, SV_RENDER_PNG, SV_RENDER_PDF, SV_RENDER_DOT,
    SV_RENDER_CSV, SV_RENDER_HTML, /* the raci view only */
    SV_RENDER_FORMAT_COUNT
} sv_render_format;

typedef struct sv_view {
    sv_view_kind kind;
    sv_id element; /* the process or party of process:ID and party:ID; else SV_NONE */
} sv_view;

typedef enum sv_view_parse_result {
    SV_VIEW_OK,
    SV_VIEW_UNKNOWN,     /* no such view name */
    SV_VIEW_NEEDS_ID,    /* process or party without :ID */
    SV_VIEW_NO_ELEMENT,  /* the ID names no element of the model */
    SV_VIEW_WRONG_KIND,  /* the ID names an element of another kind */
    SV_VIEW_TAKES_NO_ID  /* governance:x and the like */
} sv_view_parse_result;

struct sv_diff;

/* Parses "governance", "process:ID", "raci", "party:ID", "reporting" or "diff"
 * against `model`. On SV_VIEW_NO_ELEMENT or SV_VIEW_WRONG_KIND, *hint (if
 * not NULL) gets the closest id of the right kind, or NULL; on
 * SV_VIEW_UNKNOWN the closest view name, or NULL. */
SV_API sv_view_parse_result sv_view_parse(sv_view *out, const sv_model *model, const char *text,
                                          const char **hint);

SV_API const char *sv_view_name(sv_view_kind kind);                  /* "governance", ... */
SV_API const char *sv_view_usage(sv_view_kind kind);  /* as on the command line: "process:ID", ... */
SV_API const char *sv_view_summary(sv_view_kind kind); /* what it draws, one line, translated */
SV_API const char *sv_render_format_name(sv_render_format format);   /* "svg", ... */
/* "svg" -> SV_RENDER_SVG; false for an unknown name. */
SV_API bool sv_render_format_parse(const char *name, sv_render_format *out);
/* The format a file name's extension asks for (.svg .png .pdf .dot .gv
 * .csv .html .htm, any case); false when it names none. */
SV_API bool sv_render_format_from_path(const char *path, sv_render_format *out);
/* Whether `format` is binary (PNG, PDF): not for a terminal. */
SV_API bool sv_render_format_is_binary(sv_render_format format);

/* The elements a view marked, in the order of their numbered markers
 * (1 is elements[0]); filled by sv_render when options.marks is set. */
typedef struct sv_render_marks {
    sv_id *elements;  /* malloc'ed; free with sv_render_marks_free */
    size_t count;
} sv_render_marks;
SV_API void sv_render_marks_free(sv_render_marks *marks);

/* Whether `view` marks the findings of the rule named `rule`: each view
 * marks only the findings that concern its subject (docs/diagrams.md). */
SV_API bool sv_render_view_concerns(sv_view_kind view, const char *rule);
/* The views that mark the rule named `rule`, as bits 1 << sv_view_kind
 * (0 for none), from the one table of render.c; -1 for a rule it has no
 * row for. */
SV_API int sv_render_rule_views(const char *rule);

/* What the lanes of the process view stand for. */
typedef enum sv_lanes {
    SV_LANES_PARTY, /* one lane per top-level party (the default) */
    SV_LANES_UNIT   /* one lane per unit right under its top-level party (GVN and IFN
                       within Umeå kommun), so that a split between units shows */
} sv_lanes;

/* The unsuppressed findings about each element, grouped once by a counting
 * sort, so that every figure of a report and every list under one reads an
 * element's findings directly instead of scanning all of them. */
typedef struct sv_findings_index {
    const sv_findings *findings; /* what it indexes */
    uint32_t element_count;
    size_t *from; /* element el's findings are at[from[el] .. from[el + 1]) */
    size_t *at;   /* indexes into findings->items, in the findings' order */
} sv_findings_index;
/* Builds the index of `findings` about `model`'s elements: 0, or -1 when
 * memory ran out (*out is then empty). Free with sv_findings_index_free. */
SV_API int sv_findings_index_build(sv_findings_index *out, const sv_model *model,
                                   const sv_findings *findings);
SV_API void sv_findings_index_free(sv_findings_index *index);

typedef struct sv_render_options {
    sv_view view;
    sv_render_format format;
    const sv_findings *findings; /* when not NULL, elements with (unsuppressed)
                                    findings that concern the view's subject get
                                    a red outline, a numbered marker listed in
                                    the legend, and the rules in the tooltip */
    const sv_findings_index *findings_index; /* `findings` grouped by element (optional: when
                                    NULL, each call groups them itself) */
    double max_seconds;          /* CPU seconds for layout and rendering; 0 = 60 */
    size_t max_memory;           /* bytes of address space for it; 0 = 4 GiB */
    uint64_t max_output;         /* bytes of output at most; 0 = SV_OUTPUT_LIMIT_DEFAULT.
                                    Refused before anything is built or laid out when the
                                    estimate is larger (code "output-too-large") */
    const sv_model *base;        /* the diff view: the model compared with */
    const struct sv_diff *diff;  /* the diff view: sv_diff_models(base, model) */
    bool no_marks_list;          /* leave the numbered list out of the legend (the report
                                    lists the marks under the figure itself) */
    sv_render_marks *marks;      /* when not NULL, gets the marked elements in marker order */
    sv_lanes lanes;              /* the process view's lanes */
    bool fragment;               /* the raci view as html: the key and the table alone, for a
                                    document of one's own (the report), wide matrices set as
                                    tables of at most 12 columns each */
    sv_csv_dialect csv_dialect;  /* the raci view as csv: RFC 4180 or Excel's (BOM, ';') */
    int max_figure_nodes;        /* when not 0: a diagram of more nodes or ... */
    int max_figure_edges;        /* ... more edges is not laid out (code "figure-too-large",
                                    a sentence saying how large it is): a figure in a report
                                    that no one could read on a page */
    const char *focus;           /* the governance view: the id of one folded top-level
                                    body to draw in full (render --focus); NULL = all */
    bool in_process;             /* lay out and render in the calling process, without
                                    fork: for a program that embeds the library and cannot
                                    have it fork (threads, a sandbox). The output is the
                                    same, but max_seconds and max_memory do not apply; a
                                    crash in Graphviz is the program's, and so is what
                                    Graphviz 2.42 leaks per layout (docs/hardening.md).
                                    Graphviz's gvContext, made once, then declares the
                                    default node label "\N" of graphs opened later, as in
                                    any program that uses gvc. The CLI keeps the child
                                    (false) */
} sv_render_options;

/* Draws one view of `model` (a session of one view). On success returns 0 and sets *out to a
 * malloc'ed buffer of *out_len bytes (the caller frees it; a NUL follows
 * the data for text formats' convenience). On failure returns -1, sets *out
 * to NULL and adds the reason to `diags` (code "render", or "render-limit"
 * when the view is too large or layout ran out of time or memory). Never
 * writes a file, never prints, never exits the process: a crash or a hang
 * in Graphviz ends only the child process it runs in (unless
 * options->in_process). Graphviz is not thread-safe: one thread at a time. */
SV_API int sv_render(char **out, size_t *out_len, const sv_model *model,
                     const sv_render_options *options, sv_diags *diags);

/* A render session: several views drawn with one Graphviz child, as the
 * report draws its figures. Each view is added (built, checked against
 * the caps and the output limit, and for DOT, CSV and HTML made at once),
 * then sv_render_session_run lays out all those that need Graphviz in one
 * forked child, which starts Graphviz once and sends each drawing back as
 * it is done. The guarantees of sv_render hold for the session: the child
 * runs under a CPU limit per view (each view's max_seconds, counted from
 * the time the child had used when it began that view), a memory limit
 * (the largest max_memory of the views), dies with its parent, is killed
 * by an interrupt that then ends the caller, and a crash, hang or exit()
 * in Graphviz ends only the child. The drawings are byte for byte those
 * of sv_render. Typical use:
 *
 *     sv_render_session *s = sv_render_session_new();
 *     int a = sv_render_session_add(s, model, &options_a, "figure 1", diags);
 *     int b = sv_render_session_add(s, model, &options_b, "figure 2", diags);
 *     if (sv_render_session_run(s, diags) == 0)
 *         sv_render_session_take(s, a, &svg, &len); ...
 *     sv_render_session_free(s);
 */
typedef struct sv_render_session sv_render_session;

/* An empty session; NULL when out of memory. */
SV_API sv_render_session *sv_render_session_new(void);
/* Adds a view: its index in the session (0, 1, ...), or -1 when it cannot
 * be drawn at all (diagnostic added, as sv_render would: "figure-too-large",
 * "output-too-large", "render", "render-limit"); no view is added then.
 * options->marks is filled here. `label` (copied; may be NULL) names the
 * view in the messages about its layout, "label: message". */
SV_API int sv_render_session_add(sv_render_session *s, const sv_model *model,
                          const sv_render_options *options, const char *label, sv_diags *diags);
/* Lays out every view added since the last run, in order, in one child.
 * 0 when all of the session's views were drawn. At the first failure the
 * child and the session stop: -1, one diagnostic naming that view by its
 * label (code "render" or "render-limit"), and no view of the run is kept. */
SV_API int sv_render_session_run(sv_render_session *s, sv_diags *diags);
/* Hands view `job`'s bytes to the caller (malloc'ed, NUL after them, as
 * sv_render): 0, or -1 when it was not drawn. */
SV_API int sv_render_session_take(sv_render_session *s, size_t job, char **out, size_t *out_len);
SV_API void sv_render_session_free(sv_render_session *s);

/* As sv_render, but writes to `out`; the RACI table in CSV or HTML is
 * written as a stream, as it is made, so that memory does not grow with
 * it. On failure (-1) something may have been written: write to a
 * temporary file that is then dropped (sv_report_write_stream does). */
SV_API int sv_render_to(FILE *out, const sv_model *model, const sv_render_options *options,
                        sv_diags *diags);

/* An upper bound of the bytes sv_render would give, computed without
 * layout: for CSV and HTML from the rows, columns and names, for the
 * diagrams from the built graph. 0, or -1 (diagnostic added). */
SV_API int sv_render_estimate(uint64_t *bytes, const sv_model *model, const sv_render_options *options,
                              sv_diags *diags);

/* options->max_output, or the default when it is 0. */
SV_API uint64_t sv_render_output_limit(const sv_render_options *options);

#ifdef __cplusplus
}
#endif
#endif
