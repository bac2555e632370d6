/*
 * An audit profile: the questions, what each needs in the model to be
 * answered at all, the rules that inform it with their weights and
 * recommendations, and the parties assessed; and the audit's words
 * (answers, weights, evidence). Part of the rule catalogue's stage: the
 * configuration reads it below the rules, which answer it
 * (samverkan/audit.h). See docs/audit.md.
 */
#ifndef SAMVERKAN_AUDIT_PROFILE_H
#define SAMVERKAN_AUDIT_PROFILE_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "samverkan/catalogue.h"
#include "samverkan/diag.h"

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
/* The same for evidence the sources do not show (agreement.unknown): "the
 * sources do not show the goals (agreement.unknown)"; with `recommend`,
 * what to recommend instead of making it: "make available the documents
 * that show the goals, so that the question can be assessed". Translated;
 * "" for bodies, which are never unknown. */
SV_API const char *sv_evidence_unknown_text(sv_evidence evidence, bool recommend);

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

#ifdef __cplusplus
}
#endif
#endif
