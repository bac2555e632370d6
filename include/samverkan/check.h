/*
 * The one way a command checks a model: load the model or scenario, find
 * and apply the configuration (the nearest .samverkan.yaml above the
 * model, or the file given), run the rule catalogue with it and answer the audit. Every
 * checking command (check, report, diff, whatif, render --findings) goes
 * through an sv_check, so that none can run the rules without the
 * configuration the others apply.
 *
 * The steps are separate calls because the commands report their problems
 * in different orders (check names a broken model before a broken
 * configuration; report reads the configuration first); the configuration
 * is read once, before the first rule runs, whichever step asks for it.
 */
#ifndef SAMVERKAN_CHECK_H
#define SAMVERKAN_CHECK_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "samverkan/audit.h"
#include "samverkan/config.h"
#include "samverkan/diag.h"
#include "samverkan/model.h"
#include "samverkan/rules.h"
#include "samverkan/tree.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A severity no rule has: "not changed by the caller" in rule_severity. */
#define SV_CHECK_RULE_UNSET ((sv_severity)(SV_SEV_OFF + 1))

typedef struct sv_check_options {
    const char *model;                /* the configuration is found from this path upwards */
    const char *config;               /* --config, SV_CONFIG_NONE (--no-config), or NULL:
                                         as sv_config_locate finds it for `model` */
    const char *audit;                /* --audit, or NULL: the configuration's profile */
    const sv_severity *rule_severity; /* sv_rule_count() entries (--rule), SV_CHECK_RULE_UNSET
                                         where not given; NULL = none */
    int year;                         /* 0 = each model's own */
    const sv_load_limits *limits;     /* NULL = the defaults */
    const char *language;             /* of the audit's recommendations; NULL = "en" */
} sv_check_options;

typedef struct sv_check {
    sv_check_options options;
    sv_load_limits limits;
    sv_config config;                 /* valid once configured without error */
    bool configured;                  /* sv_check_configure has run */
    bool config_ok;                   /* ... and succeeded */
} sv_check;

/* Takes the options (copied; the strings must outlive the check). Reads
 * nothing yet. */
SV_API void sv_check_init(sv_check *check, const sv_check_options *options);

/* Loads a model or scenario file (stages load, schema, scenario); 0, or -1
 * with every problem in `diags`. */
SV_API int sv_check_load(sv_check *check, sv_model **out, const char *path, sv_diags *diags);
/* The same for a model in memory (standard input), named `name`. */
SV_API int sv_check_load_buffer(sv_check *check, sv_model **out, const char *name, const char *data,
                         size_t size, sv_diags *diags);

/* The same, without the elements `ids` and what cannot stand without them
 * (whatif). */
SV_API int sv_check_load_without(sv_check *check, sv_model **out, const char *path,
                          const char *const *ids, size_t count, sv_diags *diags);

/* Reads the configuration: the defaults, --audit, then the file
 * sv_config_locate gives (with what it extends), then the --rule changes. Done once; later calls
 * return the first one's result. 0, or -1 with the problems in `diags`. */
SV_API int sv_check_configure(sv_check *check, sv_diags *diags);

/* Runs the rules on `model` with the configuration (read first when it
 * has not been), appending to `into` (unsorted). 0, or -1 with the
 * problems in `diags`. */
SV_API int sv_check_rules(sv_check *check, sv_findings *into, const sv_model *model, sv_diags *diags);

/* Answers the audit for `model` from `findings`, with the configured
 * profile and table. 0, or -1 with the reason in `diags`. */
SV_API int sv_check_assess(sv_check *check, sv_audit *out, const sv_model *model,
                    const sv_findings *findings, sv_diags *diags);

SV_API void sv_check_free(sv_check *check);

#ifdef __cplusplus
}
#endif
#endif
