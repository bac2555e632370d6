/*
 * The rules stage: the rule catalogue (one table, src/rules/rules.def) and
 * the findings it produces on a model. A rule reads the model and its
 * graphs and appends findings; it never prints and never re-reads YAML.
 */
#ifndef SAMVERKAN_RULES_H
#define SAMVERKAN_RULES_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "samverkan/diag.h"
#include "samverkan/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sv_rule_info {
    const char *name;          /* stable kebab-case name */
    sv_severity severity;      /* default severity */
    int question;              /* the audit question it informs (1-4), 0 for none */
    const char *summary;       /* one line, English; translate with sv_rule_summary */
} sv_rule_info;

SV_API size_t sv_rule_count(void);
SV_API const sv_rule_info *sv_rule_at(size_t index);
/* The rule's index, or -1 (then *hint, if not NULL, gets a close name or NULL). */
SV_API int sv_rule_find(const char *name, const char **hint);
SV_API const char *sv_rule_summary(const sv_rule_info *rule); /* translated */

/* The long explanation of a rule, for `samverkan explain`, SARIF help and
 * docs/rules.md (src/rules/rules_text.def). English; translate each field
 * with sv_rule_text_translate. NULL when the rule has no text. */
typedef struct sv_rule_text {
    const char *name;
    const char *detects;  /* what it finds, a paragraph */
    const char *why;      /* why it matters, in the audit's own reasoning */
    const char *wrong;    /* a minimal YAML fragment that triggers it (not translated) */
    const char *right;    /* the same fragment, fixed (not translated) */
    const char *fix;      /* how to fix it, a paragraph */
} sv_rule_text;

SV_API const sv_rule_text *sv_rule_text_of(const sv_rule_info *rule);
SV_API const char *sv_rule_text_translate(const char *field); /* _(field), NULL-safe */

typedef struct sv_related {
    sv_id element;
    sv_pos pos;
} sv_related;

typedef struct sv_finding {
    size_t rule;              /* index into the catalogue */
    bool suppressed;          /* an `ignore` entry on the element covers it */
    const char *suppressed_because; /* its reason (owned by the model), when suppressed */
    sv_severity severity;
    sv_id element;            /* the element the finding is about; SV_NONE for the model */
    sv_pos pos;
    char *message;            /* translated */
    sv_related *related;
    size_t related_count;
} sv_finding;

typedef struct sv_findings {
    sv_finding *items;
    size_t count;
    size_t capacity;
} sv_findings;

/* Per-run settings: the analysis year and a severity per rule. */
typedef struct sv_rule_config {
    int year;                            /* 0 = the model's own */
    sv_severity *severity;               /* sv_rule_count() entries; NULL = defaults */
    const bool *severity_given;          /* sv_rule_count() entries, NULL = none: the
                                            severity was set (configuration file, --rule),
                                            so a rule that steps its severity down for
                                            operational and delivery bodies keeps it at
                                            every level */
    sv_date today;                       /* when suppressions lapse; year 0 = today's date
                                            (SOURCE_DATE_EPOCH when set) */
} sv_rule_config;

/* Today's date, or the date of SOURCE_DATE_EPOCH when it is set. */
SV_API sv_date sv_today(void);

/* Runs every rule that is not off on `model` and appends the findings,
 * sorted by file, line, column and rule name. A finding about an element
 * whose `ignore` names its rule, gives a reason and has not lapsed
 * (`until` before today) is marked suppressed. Returns 0, or -1 when a graph
 * could not be built (a diagnostic is then added to `diags`). */
SV_API int sv_rules_run(sv_findings *out, const sv_model *model, const sv_rule_config *config,
                        sv_diags *diags);

SV_API void sv_findings_init(sv_findings *findings);
SV_API void sv_findings_free(sv_findings *findings);
/* Sorts by file, line, column, rule name, then message. */
SV_API void sv_findings_sort(sv_findings *findings);

#ifdef __cplusplus
}
#endif
#endif
