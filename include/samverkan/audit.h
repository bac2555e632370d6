/*
 * The audit questions: the four questions of the 2024 Umeå audit, each
 * answered on the audit's own scale (Ja / Ja, i allt väsentligt / Delvis /
 * Nej) from the findings of the rules mapped to it, overall and for each
 * audited party. The mapping (which rules inform which question, with
 * what weight) and the threshold are one table, documented in
 * docs/audit.md and configurable in .samverkan.yaml.
 */
#ifndef SAMVERKAN_AUDIT_H
#define SAMVERKAN_AUDIT_H

#include "samverkan/model.h"
#include "samverkan/rules.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SV_AUDIT_QUESTIONS 4

typedef enum sv_answer {
    SV_ANSWER_JA,              /* no finding */
    SV_ANSWER_JA_VASENTLIGT,   /* only minor findings */
    SV_ANSWER_DELVIS,          /* a major finding */
    SV_ANSWER_NEJ              /* major findings of at least `nej_at` different rules */
} sv_answer;

/* The audit's own words, the same in every language: "Ja", ... */
const char *sv_answer_text(sv_answer answer);

typedef enum sv_weight { SV_WEIGHT_NONE, SV_WEIGHT_MINOR, SV_WEIGHT_MAJOR } sv_weight;
const char *sv_weight_name(sv_weight weight); /* "none", "minor", "major" */

typedef struct sv_audit_config {
    sv_weight *weight;  /* sv_rule_count() x SV_AUDIT_QUESTIONS, row per rule */
    int nej_at;         /* default 3 */
} sv_audit_config;

/* The default table (docs/audit.md); returns -1 when out of memory. */
int sv_audit_config_default(sv_audit_config *out);
void sv_audit_config_free(sv_audit_config *config);
static inline sv_weight *sv_audit_weight(const sv_audit_config *c, size_t rule, int question)
{
    return &c->weight[rule * SV_AUDIT_QUESTIONS + (size_t)(question - 1)];
}

/* The question's text, in Swedish as the audit asked it. */
const char *sv_audit_question_text(int question);

typedef struct sv_audit_answer {
    int question;             /* 1..4 */
    sv_answer answer;
    size_t *findings;         /* indices into the findings that count (not suppressed) */
    size_t finding_count;
    sv_answer *by_party;      /* one per sv_audit.party_count */
} sv_audit_answer;

typedef struct sv_audit {
    sv_audit_answer questions[SV_AUDIT_QUESTIONS];
    const sv_id *parties;     /* agreement.audited, in order */
    uint32_t party_count;
} sv_audit;

/* Answers the questions from `findings` (of one model). A finding counts
 * for an audited party with its full weight when the party answers for
 * the element (owns it, is accountable for it, chairs it, or is it), as a
 * minor remark when the party only takes part in it (sits in it, does the
 * work), and not at all otherwise. Returns 0, or -1 when out of memory. */
int sv_audit_assess(sv_audit *out, const sv_model *model, const sv_findings *findings,
                    const sv_audit_config *config);
void sv_audit_free(sv_audit *audit);

#ifdef __cplusplus
}
#endif
#endif
