/*
 * The audit questions answered (the profile itself is in
 * samverkan/audit_profile.h). An audit profile (a YAML file; the bundled one,
 * models/audit-arbetsmarknad.yaml, holds the four questions of the 2024
 * Umeå audit) names the questions, what each needs in the model to be
 * answered at all, the rules that inform it with their weights, the
 * recommendation each rule gives, and the parties assessed. The answers
 * are on the audit's own scale (Ja / Ja, i allt väsentligt / Delvis / Nej,
 * or Kan inte bedömas), overall and for each assessed party, and every
 * answer other than "Ja" comes with recommendations addressed to the party
 * responsible. See docs/audit.md.
 */
#ifndef SAMVERKAN_AUDIT_H
#define SAMVERKAN_AUDIT_H

#include "samverkan/audit_profile.h"
#include "samverkan/diag.h"
#include "samverkan/model.h"
#include "samverkan/rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A recommendation: one per question, rule (or missing requirement) and
 * addressee, naming the elements of the findings behind it. */
typedef struct sv_recommendation {
    size_t rule;              /* SIZE_MAX for a missing requirement */
    int requirement;          /* sv_evidence of a missing requirement, -1 for a rule */
    sv_id addressee;          /* the party (or body) responsible; SV_NONE: the parties to
                                 the agreement */
    size_t *findings;         /* indices into the findings, in order */
    size_t finding_count;
    sv_id *elements;          /* the findings' elements, each once, in that order */
    size_t element_count;
    char *text;               /* "Vi rekommenderar ... att ... (...)." in the chosen language */
} sv_recommendation;

typedef struct sv_audit_answer {
    int question;             /* 1.. */
    const char *text;         /* the question, from the profile */
    sv_answer answer;
    unsigned missing;         /* bit (1 << sv_evidence): required and missing in the model */
    size_t *findings;         /* indices into the findings that count (not suppressed) */
    size_t finding_count;
    sv_answer *by_party;      /* one per sv_audit.party_count */
    unsigned *missing_by_party;
    sv_recommendation *recommendations;
    size_t recommendation_count;
    /* last, so that the fields before keep their place for programs built
     * against the first 1.0 headers */
    unsigned unknown;         /* those of `missing` (and of each party's) that the sources do
                                 not show (agreement.unknown): "Kan inte bedömas" */
} sv_audit_answer;

typedef struct sv_audit {
    sv_audit_answer *questions;
    size_t question_count;
    const sv_id *parties;     /* the assessed parties, in order */
    uint32_t party_count;
    const char *profile;      /* the profile's name (owned by the sv_audit_config) */
} sv_audit;

/* Answers the questions from `findings` (of one model). A finding counts
 * for an assessed party with its full weight when the party answers for
 * the element (owns it, is accountable for it, chairs it, or is it), as a
 * minor remark when the party only takes part in it (sits in it, does the
 * work), and not at all otherwise. Returns 0, or -1 with the reason in
 * `diags` (an assessed id the model does not have, or out of memory). */
SV_API int sv_audit_assess(sv_audit *out, const sv_model *model, const sv_findings *findings,
                           const sv_audit_config *config, sv_diags *diags);
SV_API void sv_audit_free(sv_audit *audit);

/* Why `answer` lacks `evidence` (a bit of its `missing`), for the whole
 * model, translated: "the model has no goals", or "the sources do not
 * show the goals (agreement.unknown)" when it is one of its `unknown`. */
SV_API const char *sv_audit_missing_reason(const sv_audit_answer *answer, sv_evidence evidence);

#ifdef __cplusplus
}
#endif
#endif
