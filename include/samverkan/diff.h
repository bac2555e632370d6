/*
 * The diff stage: what changed between two models (a base and a scenario,
 * or two versions of an agreement): elements merged, added, removed and
 * changed, field by field, and the findings that appear or disappear.
 * Also the basis of `whatif`, which compares a model with itself without
 * some parties, people or bodies.
 */
#ifndef SAMVERKAN_DIFF_H
#define SAMVERKAN_DIFF_H

#include "samverkan/export.h"

#include "samverkan/model.h"
#include "samverkan/rules.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sv_change_kind {
    SV_CHANGE_MERGED,   /* parts of A became one element of B (a scenario's merge) */
    SV_CHANGE_ADDED,    /* in B only */
    SV_CHANGE_REMOVED,  /* in A only */
    SV_CHANGE_CHANGED   /* in both, one field differs */
} sv_change_kind;

/* What a changed field is about, for grouping: seats (members), chairs,
 * reporting lines (reports_to, and reporting flows), RACI (a step's
 * responsible, accountable, consulted, informed), queue facts, the rest. */
typedef enum sv_change_topic {
    SV_TOPIC_SEATS, SV_TOPIC_CHAIRS, SV_TOPIC_REPORTING, SV_TOPIC_RACI, SV_TOPIC_QUEUE,
    SV_TOPIC_OTHER, SV_TOPIC_COUNT
} sv_change_topic;

typedef struct sv_change {
    sv_change_kind kind;
    sv_change_topic topic;
    const char *kind_name;   /* "body", "step", ..., "service point" */
    char *element;           /* the id (in B for added and merged, else in A) */
    char *parts;             /* merged: "a, b" */
    const char *field;       /* changed: the key */
    char *before, *after;    /* changed: the values as text ("" for none), canonical:
                                numbers as %g, enumerations by their English names */
    char *before_text, *after_text; /* the same as a reader reads them, in the language
                                of messages: "varannan vecka", "lognormal, mean 392
                                days, cv 0.86" */
    bool redirected;         /* changed only by a merge's redirected references */
    sv_pos pos;              /* where to look: in B when it exists there, else in A */
} sv_change;

/* A change's kind_name as a noun in the language of messages ("torg" for
 * "service point"), for text; kind_name itself stays in JSON. */
SV_API const char *sv_change_kind_label(const char *kind_name);

typedef struct sv_finding_change {
    bool appeared;           /* else it disappeared (or, with `was`, changed) */
    const sv_finding *finding;
    const sv_finding *was;   /* changed: the finding of the same rule and element in A,
                                with another message ("3 parties" -> "4 parties");
                                `finding` is B's. NULL otherwise */
    const sv_model *model;   /* the model the finding belongs to */
} sv_finding_change;

typedef struct sv_diff {
    sv_change *changes;
    size_t count;
    sv_finding_change *findings;
    size_t finding_count;
} sv_diff;

/* Compares model a (with its findings fa) with model b (fb). Returns 0, or
 * -1 when out of memory. The result borrows from the models and findings. */
SV_API int sv_diff_models(sv_diff *out, const sv_model *a, const sv_findings *fa, const sv_model *b,
                          const sv_findings *fb);
SV_API void sv_diff_free(sv_diff *diff);

SV_API const char *sv_change_topic_name(sv_change_topic topic); /* "seats", ... (stable) */

#ifdef __cplusplus
}
#endif
#endif
