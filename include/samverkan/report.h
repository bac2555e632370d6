/*
 * The report stage: formats load errors and findings as text (compiler
 * style, with the source line and a caret) or JSON (the stable, versioned
 * shape of docs/cli.md). Together with render, the only stage that writes.
 */
#ifndef SAMVERKAN_REPORT_H
#define SAMVERKAN_REPORT_H

#include "samverkan/export.h"

#include <stdio.h>

#include "samverkan/audit.h"
#include "samverkan/diag.h"
#include "samverkan/model.h"
#include "samverkan/rules.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SV_JSON_FORMAT 1

/* The result of `check` over one or more inputs. */
typedef struct sv_check_result {
    const char *const *inputs;     /* the paths as given */
    const sv_model *const *models; /* one per input */
    size_t input_count;
    const sv_findings *findings;   /* all inputs' findings, sorted */
    int year;                      /* the analysis year (of the first input) */
    bool show_suppressed;          /* list suppressed findings too (marked as such) */
    const sv_audit *audits;        /* one per input, or NULL for none */
    const char *base_uri;          /* SARIF's %SRCROOT% (--base-uri); NULL: the git top level
                                      above the first input, else the current directory */
    bool color;                    /* text: colour the severities, rule names and carets with
                                      SGR escapes (the caller has seen a terminal; --color) */
    bool errors_only;              /* list errors only (--quiet), in every format; the counts
                                      and the audit answers still weigh every finding, and text
                                      leaves its audit answers out */
    const char *const *configs;    /* one per input: the configuration file it was checked
                                      with, NULL for none; or NULL for none at all */
    bool config_given;             /* ... given (--config, SAMVERKAN_CONFIG), not found */
} sv_check_result;

typedef struct sv_summary {
    size_t count[3]; /* by severity: error, warning, info */
    size_t suppressed;
} sv_summary;

SV_API sv_summary sv_summarize(const sv_findings *findings);

SV_API void sv_report_diags_text(FILE *out, const sv_diags *diags);
/* The load errors of `failed` of `total` inputs, when the others were
 * checked (check with several inputs): closed by a line that says so. */
SV_API void sv_report_diags_text_partial(FILE *out, const sv_diags *diags, size_t failed, size_t total);
/* As sv_report_diags_text (failed 0) or sv_report_diags_text_partial,
 * coloured as sv_check_result.color says when `color` is set. */
SV_API void sv_report_diags_text_color(FILE *out, const sv_diags *diags, size_t failed, size_t total,
                                       bool color);
SV_API int sv_report_diags_json(FILE *out, const sv_diags *diags, const char *const *inputs, size_t count);

SV_API void sv_report_check_text(FILE *out, const sv_check_result *result);
SV_API int sv_report_check_json(FILE *out, const sv_check_result *result);

/* SARIF 2.1.0 (one run; the rules of the catalogue in tool.driver.rules
 * with their help text; columnKind unicodeCodePoints; suppressed findings
 * carry a suppression) and JUnit XML (one testcase per rule of the
 * catalogue, a failure per finding at or above `fail_on`). */
SV_API int sv_report_check_sarif(FILE *out, const sv_check_result *result);
SV_API int sv_report_check_junit(FILE *out, const sv_check_result *result, sv_severity fail_on);

/* The same formats for a model that could not be loaded: its load errors
 * (SARIF's URIs relative to `base_uri` as in sv_check_result). */
SV_API int sv_report_diags_sarif(FILE *out, const sv_diags *diags, const char *const *inputs, size_t count,
                          const char *base_uri);
SV_API int sv_report_diags_junit(FILE *out, const sv_diags *diags, const char *const *inputs, size_t count);

/* The output formats of `check`, one row each (src/report/formats.c): the
 * one table that --format parses, --help and the completion list, and the
 * tests hold docs/cli.md and the manual page to. `findings` writes a
 * result; `load_errors` writes the problems of inputs that could not be
 * loaded (NULL: the format has none, they go to standard error only), with
 * the inputs and base_uri of `result` (its models and findings unset). */
typedef struct sv_check_format {
    const char *name;
    int (*findings)(FILE *out, const sv_check_result *result, sv_severity fail_on);
    int (*load_errors)(FILE *out, const sv_diags *diags, const sv_check_result *result);
} sv_check_format;

SV_API size_t sv_check_format_count(void);
SV_API const sv_check_format *sv_check_format_at(size_t index); /* NULL past the end; 0 is the default */
/* The row named `name`, or NULL. */
SV_API const sv_check_format *sv_check_format_find(const char *name);

/* The rule catalogue as a table, as JSON [{name, severity, question,
 * summary}], or as the whole of docs/rules.md (generated from the same
 * tables as `explain`, so the two cannot disagree). */
SV_API void sv_report_rules_text(FILE *out);
SV_API int sv_report_rules_json(FILE *out);
SV_API void sv_report_rules_markdown(FILE *out, const sv_audit_config *audit);

/* One rule in full, for `samverkan explain`. */
SV_API void sv_report_explain_text(FILE *out, size_t rule, const sv_audit_config *audit);

/* What changed between two models (`diff`), and what breaks without some
 * elements (`whatif`: `without` lists the ids taken out). */
struct sv_diff;
SV_API void sv_report_diff_text(FILE *out, const char *a, const char *b, const struct sv_diff *diff);
SV_API int sv_report_diff_json(FILE *out, const char *a, const char *b, const struct sv_diff *diff);
SV_API void sv_report_whatif_text(FILE *out, const char *model, const char *const *without, size_t count,
                                  const struct sv_diff *diff);
SV_API int sv_report_whatif_json(FILE *out, const char *model, const char *const *without, size_t count,
                                 const struct sv_diff *diff);

/* Graph figures per body, party and person (`metrics`). */
struct sv_metrics;
SV_API void sv_report_metrics_text(FILE *out, const sv_model *model, const struct sv_metrics *metrics);
SV_API int sv_report_metrics_json(FILE *out, const char *input, const sv_model *model,
                                  const struct sv_metrics *metrics);
SV_API void sv_report_metrics_csv(FILE *out, const sv_model *model, const struct sv_metrics *metrics,
                                  sv_csv_dialect dialect);
/* The metrics table's formats, for sv_report_metrics_estimate. */
typedef enum sv_metrics_format {
    SV_METRICS_TEXT, SV_METRICS_JSON, SV_METRICS_CSV, SV_METRICS_HTML
} sv_metrics_format;
/* An upper bound of the bytes the metrics table of `model` takes in
 * `format` (HTML: the report's section), from its rows (one per body,
 * party and person) and the lengths of their ids, names and `input`:
 * linear in the model and computed before the metrics are. */
SV_API unsigned long long sv_report_metrics_estimate(const sv_model *model, const char *input,
                                                     sv_metrics_format format);

/* The files a command reads or would read, which it must never write: the
 * models named, every source of a loaded scenario (its bases), the
 * configuration given or found for each model with the files it extends,
 * and the one that would be found beside each model, whether it exists or
 * not. */
typedef struct sv_inputs {
    char **paths;
    size_t count;
} sv_inputs;

SV_API void sv_inputs_init(sv_inputs *inputs);
SV_API void sv_inputs_free(sv_inputs *inputs);
/* Each returns 0, or -1 when out of memory. */
SV_API int sv_inputs_add_file(sv_inputs *inputs, const char *path);
SV_API int sv_inputs_add_model(sv_inputs *inputs, const sv_model *model);
/* `explicit_path` (may be NULL or SV_CONFIG_NONE), SV_CONFIG_FILE beside
 * `model_path`, and the file sv_config_locate gives with those it extends. */
SV_API int sv_inputs_add_config(sv_inputs *inputs, const char *explicit_path, const char *model_path);

/* Checks, before anything is computed, that none of outputs[0..count)
 * (NULL entries are skipped) names an input or another of the outputs,
 * through symbolic and hard links. Returns 0, or -1 after saying on stderr
 * which output would overwrite which file. */
SV_API int sv_inputs_check_outputs(const sv_inputs *inputs, const char *const *outputs, size_t count);

/* Writes a finished document (a diagram, a report, a trace) to `path`
 * atomically, and never over one of `inputs` (checked again here, since a
 * file may have appeared since sv_inputs_check_outputs). On failure prints
 * "samverkan: cannot write 'PATH': why" on stderr and returns -1; `path`
 * is then as it was. */
SV_API int sv_report_write_file(const char *path, const void *data, size_t len, const sv_inputs *inputs);

/* Creates `path`, which must not exist, with `text` (init's starter
 * files: never over anything); -1 with errno set, and nothing left behind,
 * on failure. */
SV_API int sv_report_write_new(const char *path, const char *text);

/* As sv_report_write_file, for a document made while it is written:
 * writer(out, ctx) streams into the temporary file. When the writer fails
 * (nonzero), nothing is written, the writer is expected to have said why,
 * and -1 is returned without a further message. */
SV_API int sv_report_write_stream(const char *path, int (*writer)(FILE *out, void *ctx), void *ctx,
                                  const sv_inputs *inputs);

/* Writes text with control characters (C0 but tab, DEL, C1) shown as '?',
 * so that names in a hostile file cannot drive the terminal. */
SV_API void sv_report_put_safe(FILE *out, const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
