/*
 * The typed model of one agreement: every element of the file in one arena,
 * ids interned, references resolved to element indices with the position of
 * each reference kept. Built by the schema stage (schema.h) and immutable
 * afterwards: rules, graphs and renderers only read it.
 */
#ifndef SAMVERKAN_MODEL_H
#define SAMVERKAN_MODEL_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "samverkan/diag.h"
#include "samverkan/source.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An element index into sv_model.elements. */
typedef uint32_t sv_id;
#define SV_NONE UINT32_MAX

typedef enum sv_kind {
    SV_KIND_AGREEMENT,
    SV_KIND_PARTY,
    SV_KIND_ROLE,
    SV_KIND_PERSON,
    SV_KIND_BODY,
    SV_KIND_PROCESS,
    SV_KIND_STEP,
    SV_KIND_GOAL,
    SV_KIND_INDICATOR,
    SV_KIND_REPORTING,
    SV_KIND_PROJECT,   /* format 1.1: a time-limited project or insats */
    SV_KIND_COUNT
} sv_kind;

typedef enum sv_party_kind {
    SV_PARTY_AGENCY, SV_PARTY_MUNICIPALITY, SV_PARTY_REGION, SV_PARTY_ASSOCIATION,
    SV_PARTY_COMMITTEE, SV_PARTY_DEPARTMENT, SV_PARTY_UNIT, SV_PARTY_CIVIL_SOCIETY,
    SV_PARTY_EMPLOYER, SV_PARTY_OTHER,
    /* format 1.1: external parties (revisorer, a FoU unit, utförare): not
     * counted by party_count, not expected to sign, never assessed */
    SV_PARTY_AUDITOR, SV_PARTY_EVALUATOR, SV_PARTY_PROVIDER,
    SV_PARTY_KIND_COUNT
} sv_party_kind;

/* Ordered top to bottom: a smaller value is a higher level. */
typedef enum sv_level {
    SV_LEVEL_DECISION, SV_LEVEL_STRATEGIC, SV_LEVEL_OPERATIONAL, SV_LEVEL_DELIVERY,
    SV_LEVEL_COUNT
} sv_level;

typedef enum sv_body_kind {
    SV_BODY_BOARD, SV_BODY_GROUP, SV_BODY_ANALYSIS_GROUP, SV_BODY_STEERING_GROUP,
    SV_BODY_SERVICE_POINT, SV_BODY_TEAM, SV_BODY_FORUM,
    SV_BODY_OFFICE, /* format 1.1: a kansli, led by a förbundschef (`led_by`) */
    SV_BODY_KIND_COUNT
} sv_body_kind;

/* Format 1.1, `agreement.kind`: gates the rules that hold only under the
 * Finsam law (lag (2003:1210) om finansiell samordning). */
typedef enum sv_agreement_kind {
    SV_AGREEMENT_FINSAM, SV_AGREEMENT_LOCAL, SV_AGREEMENT_OTHER, SV_AGREEMENT_KIND_COUNT
} sv_agreement_kind;

/* Format 1.1, `agreement.unknown`: the sections of a model that the
 * sources do not show (a report cut off, an annex not published), as
 * opposed to sections the agreement has none of. Only the sections the
 * audit questions are answered from and that a model may leave empty. */
typedef enum sv_unknown_section {
    SV_UNKNOWN_GOALS, SV_UNKNOWN_PROCESSES, SV_UNKNOWN_REPORTING, SV_UNKNOWN_SECTION_COUNT
} sv_unknown_section;

/* Format 1.1, `bodies[].votes`; NONE when not given. */
typedef enum sv_votes {
    SV_VOTES_NONE, SV_VOTES_PER_MEMBER, SV_VOTES_PER_PARTY, SV_VOTES_COUNT
} sv_votes;

/* Format 1.1, how `meets` was written: a cadence word (or nothing), or one
 * of the mapping forms, each of which also sets the equivalent cadence. */
typedef enum sv_meets_form {
    SV_MEETS_CADENCE, SV_MEETS_TIMES_PER_YEAR, SV_MEETS_PER_TERM, SV_MEETS_BEFORE
} sv_meets_form;

typedef enum sv_cadence {
    SV_CADENCE_NONE, SV_CADENCE_WEEKLY, SV_CADENCE_BIWEEKLY, SV_CADENCE_MONTHLY,
    SV_CADENCE_QUARTERLY, SV_CADENCE_HALF_YEARLY, SV_CADENCE_YEARLY, SV_CADENCE_COUNT
} sv_cadence;

typedef enum sv_step_kind {
    SV_STEP_START, SV_STEP_TASK, SV_STEP_DECISION, SV_STEP_HANDOFF, SV_STEP_FOLLOW_UP,
    SV_STEP_FEEDBACK, SV_STEP_END, SV_STEP_KIND_COUNT
} sv_step_kind;

/* What a process is about (`processes[].about`): only a process for one
 * person is followed up person by person. */
typedef enum sv_process_about {
    SV_ABOUT_INDIVIDUAL, SV_ABOUT_DECISION, SV_ABOUT_PREPARATION, SV_ABOUT_OTHER,
    SV_ABOUT_COUNT
} sv_process_about;

typedef enum sv_dist {
    SV_DIST_EXPONENTIAL, SV_DIST_LOGNORMAL, SV_DIST_GAMMA, SV_DIST_FIXED, SV_DIST_COUNT
} sv_dist;

typedef struct sv_date {
    int year;   /* 0 = no date */
    int month;
    int day;
} sv_date;

/* A resolved reference: the element it names and where it was written.
 * An absent optional reference has target SV_NONE. */
typedef struct sv_ref {
    sv_id target;
    sv_pos pos;
} sv_ref;

typedef struct sv_refs {
    sv_ref *items;
    uint32_t count;
    sv_pos pos; /* the list (or single scalar) as written; line 0 when absent */
} sv_refs;

typedef struct sv_meets {
    sv_meets_form form;
    int times_min, times_max; /* times_per_year (equal unless a range); per_term */
    sv_ref before;            /* SV_MEETS_BEFORE: the body whose meetings it precedes */
    int before_days;          /* 0 when not given */
    sv_pos pos;               /* the value as written */
} sv_meets;

/* Format 1.1, `delegation: {from: BODY, scope: TEXT}` on bodies and people. */
typedef struct sv_delegation {
    bool present;
    sv_pos pos;               /* the mapping */
    sv_ref from;              /* the body it decides on behalf of */
    const char *scope;        /* NULL when absent or empty */
} sv_delegation;

/* A suppression written on an element: `ignore: [{rule, because, until}]`. */
typedef struct sv_ignore {
    const char *rule;
    const char *because; /* NULL when missing (itself a finding) */
    sv_date until;       /* year 0 when open-ended */
    sv_pos pos;
} sv_ignore;

typedef struct sv_element {
    sv_kind kind;
    uint32_t index;       /* into the array of its kind */
    const char *id;       /* a step's is "process-id/step-id"; a reporting flow
                             without id gets "reporting#N" (N 1-based) */
    const char *name;     /* NULL for a reporting flow (its `what` is in sv_reporting) */
    const char *note;     /* NULL when absent */
    sv_pos pos;           /* the element's mapping */
    sv_pos id_pos;        /* its id value (equal to pos when it has no id) */
    sv_ignore *ignores;
    uint32_t ignore_count;
} sv_element;


/* One party's share of the agreement's money (agreement.funding.shares). */
typedef struct sv_funding_share {
    sv_ref party;
    double percent;    /* 0 < percent <= 100 */
    sv_pos pos;        /* the entry */
} sv_funding_share;

/* agreement.funding (format 1.1); present is false when the key is absent. */
typedef struct sv_funding {
    bool present;
    sv_pos pos;
    int year;          /* 0 when not given */
    double total_sek;  /* 0 when not given */
    const char *split; /* NULL when not given */
    sv_funding_share *shares;
    uint32_t share_count;
    sv_pos shares_pos; /* line 0 when 'shares' is absent */
} sv_funding;

typedef struct sv_agreement {
    sv_id el;
    sv_date valid_from, valid_to;
    int year;          /* the analysis year: given, else valid_from's, else this year */
    bool year_given;
    const char **sources;
    uint32_t source_count;
    sv_refs audited;   /* parties under review */
    /* format 1.1 */
    sv_agreement_kind kind;
    bool kind_given;
    sv_pos kind_pos;
    sv_funding funding;
    sv_ref audited_by; /* the auditors (a party); SV_NONE when absent */
    unsigned unknown;  /* bit (1 << sv_unknown_section): listed in agreement.unknown */
    sv_pos unknown_pos[SV_UNKNOWN_SECTION_COUNT]; /* each listed section's item */
} sv_agreement;

typedef struct sv_party {
    sv_id el;
    sv_party_kind kind;
    sv_ref part_of;
    bool signatory;
    sv_pos signatory_pos;
    sv_id top;         /* the top-level party (itself when it has no part_of) */
} sv_party;

/* Format 1.1 `elected`: not given, true (förtroendevald) or false (tjänsteperson). */
typedef enum sv_elected { SV_ELECTED_UNKNOWN, SV_ELECTED_YES, SV_ELECTED_NO } sv_elected;

typedef struct sv_role {
    sv_id el;
    sv_ref party;
    sv_elected elected;   /* format 1.1 */
    sv_refs leads;        /* format 1.1: parties (units) and bodies (teams) it leads */
    sv_ref deputy_for;    /* format 1.1: the member it is the personal ersättare of */
} sv_role;

typedef struct sv_person {
    sv_id el;
    sv_refs roles;
    sv_ref party;
    sv_elected elected;   /* format 1.1 */
    sv_refs leads;        /* format 1.1 */
    sv_delegation delegation; /* format 1.1 */
    sv_ref deputy_for;    /* format 1.1: the member it is the personal ersättare of */
} sv_person;

/* bodies[].for_each (format 1.1): one entry standing for many bodies. */
typedef enum sv_for_each {
    SV_FOR_EACH_NONE, SV_FOR_EACH_MUNICIPALITY, SV_FOR_EACH_PROJECT, SV_FOR_EACH_PARTIES
} sv_for_each;

typedef struct sv_body {
    sv_id el;
    sv_level level;
    sv_body_kind kind;
    sv_refs members;
    sv_ref chair;
    sv_ref reports_to;
    int party_count;   /* -1 when not given */
    sv_pos party_count_pos;
    sv_cadence meets;  /* the cadence, or the one equivalent to meets_form */
    /* format 1.1 (governance) */
    sv_meets meets_form;
    bool has_deputies;
    sv_refs deputies;  /* parties, roles or people: the ersättare */
    sv_votes votes;
    sv_pos votes_pos;
    sv_delegation delegation;
    sv_ref led_by;     /* a person or role (an office's förbundschef) */
    /* format 1.1 (projects) */
    sv_date period_from, period_to; /* year 0 when not given */
    sv_pos period_pos;              /* line 0 when 'period' is absent */
    sv_for_each for_each;
    sv_refs for_each_parties;       /* for SV_FOR_EACH_PARTIES */
    sv_pos for_each_pos;
    uint32_t instances;             /* 1, or how many bodies the for_each entry stands for */
} sv_body;

typedef struct sv_process {
    sv_id el;
    sv_refs runs_at;
    sv_ref owner;
    sv_process_about about; /* default SV_ABOUT_INDIVIDUAL */
    uint32_t first_step; /* the steps of a process are contiguous in sv_model.steps */
    uint32_t step_count;
} sv_process;

typedef struct sv_flow {
    sv_ref to;         /* a step element */
    bool has_share;
    double share;
    const char *label; /* NULL when absent */
} sv_flow;

typedef struct sv_step {
    sv_id el;
    uint32_t process;  /* index into sv_model.processes */
    sv_step_kind kind;
    sv_refs responsible, accountable, consulted, informed;
    sv_flow *next;
    uint32_t next_count;
    bool has_after_days;
    double after_days;
    sv_cadence meets;
    sv_meets meets_form; /* format 1.1 */
} sv_step;

typedef struct sv_year_value {
    int year;
    double value;
    sv_pos pos;
} sv_year_value;

typedef struct sv_indicator {
    sv_id el;
    uint32_t goal;     /* index into sv_model.goals */
    const char *unit;  /* NULL when absent */
    sv_year_value *baseline;
    uint32_t baseline_count;
    sv_year_value *targets;
    uint32_t target_count;
} sv_indicator;

typedef struct sv_goal {
    sv_id el;
    sv_ref owner;
    sv_refs contributes_to;
    uint32_t first_indicator;
    uint32_t indicator_count;
} sv_goal;

typedef struct sv_reporting {
    sv_id el;
    sv_ref from;
    sv_refs to;
    const char *what;
    sv_refs covers;
    sv_cadence meets;
} sv_reporting;

typedef enum sv_project_kind {
    SV_PROJECT_PROJECT, SV_PROJECT_INSATS, SV_PROJECT_KIND_COUNT
} sv_project_kind;

/* A time-limited project or insats (top-level `projects:`, format 1.1). */
typedef struct sv_project {
    sv_id el;
    sv_project_kind kind;
    sv_date period_from, period_to; /* year 0 when not given */
    sv_pos period_pos;
    sv_ref owner;            /* a party */
    sv_refs financiers;      /* parties */
    sv_refs providers;       /* parties that carry it out (utförare) */
    sv_ref steering_group;   /* a body */
    bool has_evaluation;
    sv_pos evaluation_pos;
    sv_ref evaluation_by;    /* a party or a body */
    sv_date evaluation_due;  /* year 0 when not given */
    int participants_target; /* -1 when not given */
} sv_project;

typedef struct sv_duration {
    sv_dist dist;
    double mean_days;
    double cv;         /* coefficient of variation: 1 for exponential, 0 for fixed */
} sv_duration;

typedef struct sv_outcome {
    const char *label;
    double share;
    bool positive;
    sv_pos pos;
} sv_outcome;

/* Queue facts of one service point (not an element: it has no id of its own). */
typedef struct sv_service_point {
    sv_ref at;         /* a body of kind service-point */
    sv_pos pos;
    double arrivals_per_month;
    int slots;
    int caseload;      /* participants one person carries at a time; 0 = not given */
    sv_cadence intake; /* SV_CADENCE_NONE = continuous */
    bool has_duration;
    sv_duration duration;
    sv_outcome *outcomes;
    uint32_t outcome_count;
} sv_service_point;

/* A merge a scenario made: the ids of the parts and the id they became
 * (so that `diff` can say "merged" instead of "removed" and "added"). */
typedef struct sv_merge {
    const char *into;
    const char **parts;
    double *part_arrivals; /* arrivals per month at each part's service points before
                              the merge (0 without one): the simulation's sources */
    uint32_t part_count;
    sv_pos pos;          /* the change in the scenario file */
} sv_merge;

typedef struct sv_model {
    int format_version;  /* 1 */
    int format_minor;    /* 0 or 1: `samverkan: 1.1` */
    sv_agreement agreement;
    sv_element *elements;
    uint32_t element_count;
    sv_party *parties;             uint32_t party_count;
    sv_role *roles;                uint32_t role_count;
    sv_person *people;             uint32_t person_count;
    sv_body *bodies;               uint32_t body_count;
    sv_process *processes;         uint32_t process_count;
    sv_step *steps;                uint32_t step_count;
    sv_goal *goals;                uint32_t goal_count;
    sv_indicator *indicators;      uint32_t indicator_count;
    sv_reporting *reporting;       uint32_t reporting_count;
    sv_service_point *service_points; uint32_t service_point_count;
    sv_project *projects;          uint32_t project_count;
    sv_merge *merges;              /* the merges of a scenario (and of its bases), in order */
    uint32_t merge_count;
    sv_source *source;             /* the file the model was read from (a scenario's own file) */
    sv_source **sources;           /* every file it was built from: source first, then the
                                      bases of a scenario */
    uint32_t source_count;
    struct sv_model_internal *internal;
} sv_model;

SV_API void sv_model_free(sv_model *model); /* NULL is accepted */

/* The model's file that `file` names (the same pointer as in positions,
 * or the same path), or NULL. */
SV_API const sv_source *sv_model_source_of(const sv_model *model, const char *file);

/* The element with that id (a step as "process-id/step-id"), or SV_NONE. */
SV_API sv_id sv_model_find(const sv_model *model, const char *id);

/* The name an element goes by for a reader (messages, recommendations,
 * diagrams, the report): its name; for a reporting flow, which has none,
 * what it carries (`what`); its id where neither is written. The id itself
 * stays what JSON, SARIF and suppressions use. */
SV_API const char *sv_element_name(const sv_model *model, sv_id el);

/* The top-level party an element belongs to: a party's root, a role's or a
 * person's party's root (a person without party: that of its first role);
 * SV_NONE for elements that belong to no party (bodies, goals, ...). */
SV_API sv_id sv_model_top_party(const sv_model *model, sv_id el);

/* The step element a flow refers to, as a step index. */
static inline uint32_t sv_model_step_index(const sv_model *model, sv_id step_el)
{
    return model->elements[step_el].index;
}

/* Format 1.1, Group B (src/model/model_projects.c). */
/* True for agreement.kind finsam. */
SV_API bool sv_agreement_is_finsam(const sv_model *model);
/* True for the external party kinds auditor, evaluator and provider. */
SV_API bool sv_party_kind_is_external(sv_party_kind kind);
/* True when the element is a party (or a role or person of one) whose
 * top-level party is external. */
SV_API bool sv_model_is_external(const sv_model *model, sv_id el);
/* True when body b has a period that ended before the year. */
SV_API bool sv_body_ended(const sv_model *model, uint32_t body, int year);
/* How many bodies the entry b stands for: 1, or its for_each instances. */
SV_API uint32_t sv_body_instances(const sv_model *model, uint32_t body);

/* Stable names as written in the model format ("municipality", "decision", ...). */
SV_API const char *sv_kind_name(sv_kind kind);
/* The kind as a noun in the language of messages ("organ" for body), for
 * text meant to be read; sv_kind_name is the stable one for JSON. */
SV_API const char *sv_kind_label(sv_kind kind);
/* The words of a level ("Decision level"), a cadence ("every two weeks"),
 * a body's kind and a step's kind, in the language of messages. */
SV_API const char *sv_level_label(sv_level level);
SV_API const char *sv_cadence_label(sv_cadence cadence);
SV_API const char *sv_body_kind_label(sv_body_kind kind);
SV_API const char *sv_step_kind_label(sv_step_kind kind);
SV_API const char *sv_party_kind_name(sv_party_kind kind);
SV_API const char *sv_level_name(sv_level level);
SV_API const char *sv_body_kind_name(sv_body_kind kind);
SV_API const char *sv_cadence_name(sv_cadence cadence);
SV_API const char *sv_step_kind_name(sv_step_kind kind);
SV_API const char *sv_process_about_name(sv_process_about about);
SV_API const char *sv_dist_name(sv_dist dist);
SV_API const char *sv_agreement_kind_name(sv_agreement_kind kind);
SV_API const char *sv_votes_name(sv_votes votes); /* "" for none */
SV_API const char *sv_unknown_section_name(sv_unknown_section section); /* "goals", ... */
SV_API const char *sv_project_kind_name(sv_project_kind kind);

/* Average days between meetings of a cadence (0 for none). */
SV_API double sv_cadence_days(sv_cadence cadence);

#ifdef __cplusplus
}
#endif
#endif
