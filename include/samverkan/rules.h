/*
 * The rules stage: the findings the rules of the catalogue
 * (samverkan/catalogue.h) produce on a model. A rule reads the model and
 * its graphs and appends findings; it never prints and never re-reads YAML.
 */
#ifndef SAMVERKAN_RULES_H
#define SAMVERKAN_RULES_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "samverkan/catalogue.h"
#include "samverkan/diag.h"
#include "samverkan/model.h"

#ifdef __cplusplus
extern "C" {
#endif

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
