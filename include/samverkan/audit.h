/*
 * The audit questions. An audit profile (a YAML file; the bundled one,
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

#include "samverkan/export.h"

#include "samverkan/diag.h"
#include "samverkan/model.h"
#include "samverkan/rules.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SV_AUDIT_MAX_QUESTIONS 50
#define SV_AUDIT_PROFILE_FILE "audit-arbetsmarknad.yaml"

typedef enum sv_answer {
    SV_ANSWER_JA,               /* no finding */
    SV_ANSWER_JA_VASENTLIGT,    /* only minor findings */
    SV_ANSWER_DELVIS,           /* a major finding */
    SV_ANSWER_NEJ,              /* major findings of at least `nej_at` rules, or a requirement missing */
    SV_ANSWER_KAN_INTE_BEDOMAS  /* the model has nothing the question can be judged on */
} sv_answer;

/* The audit's own words, the same in every language: "Ja", ... */
SV_API const char *sv_answer_text(sv_answer answer);
/* The answer with these words, or false. */
SV_API bool sv_answer_parse(const char *text, sv_answer *out);

typedef enum sv_weight { SV_WEIGHT_NONE, SV_WEIGHT_MINOR, SV_WEIGHT_MAJOR } sv_weight;
SV_API const char *sv_weight_name(sv_weight weight); /* "none", "minor", "major" */
SV_API const char *sv_weight_label(sv_weight weight); /* the same in the language of messages */

/* What a question can require the model (and each assessed party) to have. */
typedef enum sv_evidence {
    SV_EVIDENCE_GOALS,       /* goals (a party: goals it or its units own) */
    SV_EVIDENCE_INDICATORS,  /* indicators of those goals */
    SV_EVIDENCE_PROCESSES,   /* processes (a party: processes it takes part in) */
    SV_EVIDENCE_FOLLOW_UP,   /* steps of kind follow-up in those processes */
    SV_EVIDENCE_BODIES,      /* bodies (a party: bodies it sits in or chairs) */
    SV_EVIDENCE_REPORTING,   /* reporting flows (a party: flows it sends or receives) */
    SV_EVIDENCE_COUNT
} sv_evidence;
SV_API const char *sv_evidence_name(sv_evidence evidence); /* "goals", ... as in the profile */
/* Why the answer could not be better: "the model has no goals", or with a
 * party id "'%s' owns no goal". Translated; a format with one %s when
 * `party` is true. */
SV_API const char *sv_evidence_missing_text(sv_evidence evidence, bool party);

/* A text in the two languages of the output. */
typedef struct sv_audit_text {
    char *sv;
    char *en;
} sv_audit_text;

typedef struct sv_audit_requirement {
    sv_evidence what;
    sv_answer otherwise;      /* SV_ANSWER_NEJ or SV_ANSWER_KAN_INTE_BEDOMAS */
    sv_audit_text recommend;  /* NULL texts: a generic recommendation */
} sv_audit_requirement;

/* One rule behind one question. */
typedef struct sv_audit_use {
    sv_weight weight;
    double minor_below;       /* 0: the weight always holds */
    sv_audit_text recommend;
} sv_audit_use;

typedef struct sv_audit_question {
    char *text;
    sv_audit_requirement *requires;
    size_t require_count;
} sv_audit_question;

typedef enum sv_assessed { SV_ASSESS_AUDITED, SV_ASSESS_COMMITTEES, SV_ASSESS_LIST } sv_assessed;

typedef struct sv_audit_config {
    char *name;                   /* the profile's name */
    char *path;                   /* the file it was read from (the bundled one: its name) */
    sv_audit_question *questions; /* numbered 1.. by their place */
    size_t question_count;
    sv_audit_use *uses;           /* sv_rule_count() x question_count, row per rule */
    int nej_at;
    sv_assessed assessed;
    char **assessed_ids;          /* SV_ASSESS_LIST: the ids, with their positions */
    sv_pos *assessed_pos;
    size_t assessed_count;
    const char *language;         /* "sv" or "en": the language of recommendations; NULL = "en" */
} sv_audit_config;

/* The bundled profile (compiled in from models/audit-arbetsmarknad.yaml);
 * returns -1 when out of memory. */
SV_API int sv_audit_config_default(sv_audit_config *out);
/* Reads a profile from `path` into `out` (freeing what it held). Every
 * problem is reported in `diags` with its position, and an unknown rule
 * gets a "did you mean" hint; returns 0, or -1 leaving `out` unchanged. */
SV_API int sv_audit_config_read(sv_audit_config *out, const char *path, sv_diags *diags);
/* The same for a profile in memory, `name` naming it in positions. */
SV_API int sv_audit_config_read_buffer(sv_audit_config *out, const char *name, const char *data,
                                       size_t size, sv_diags *diags);
/* The bundled profile's text, as compiled in. */
SV_API const char *sv_audit_profile_builtin(size_t *size);
SV_API void sv_audit_config_free(sv_audit_config *config);

static inline sv_audit_use *sv_audit_use_of(const sv_audit_config *c, size_t rule, int question)
{
    return &c->uses[rule * c->question_count + (size_t)(question - 1)];
}
static inline sv_weight *sv_audit_weight(const sv_audit_config *c, size_t rule, int question)
{
    return &sv_audit_use_of(c, rule, question)->weight;
}

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

#ifdef __cplusplus
}
#endif
#endif
