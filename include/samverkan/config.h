/*
 * The configuration file, .samverkan.yaml: rule severities, the audit
 * profile and changes to its table (docs/cli.md, docs/audit.md). Read through the same loader as models, so that
 * every mistake in it is reported with its position, and an unknown rule
 * name gets a "did you mean" hint.
 */
#ifndef SAMVERKAN_CONFIG_H
#define SAMVERKAN_CONFIG_H

#include "samverkan/audit_profile.h"
#include "samverkan/catalogue.h"
#include "samverkan/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SV_CONFIG_FILE ".samverkan.yaml"

typedef struct sv_config {
    sv_severity *severity;     /* per rule: the catalogue's default unless set */
    bool *severity_given;      /* per rule: set by a file or --rule, so it holds at every
                                  level of body (see sv_rule_config) */
    sv_audit_config audit;
    char *path;                /* the file read last, or NULL: no output may go over it */
    bool audit_given;          /* the profile came from --audit: the file's 'profile' yields */
} sv_config;

/* The defaults; returns -1 when out of memory. */
SV_API int sv_config_default(sv_config *out);

/* Reads `path` over the values already in `config`. Returns 0, or -1 with
 * every problem in `diags`. */
SV_API int sv_config_read(sv_config *config, const char *path, sv_diags *diags);

/* The path of SV_CONFIG_FILE beside `model_path`, whether it exists or
 * not (malloc'ed; NULL when out of memory). */
SV_API char *sv_config_path_beside(const char *model_path);

/* The configuration of a command on `model_path`: the defaults, the audit
 * profile `audit_path` when given (--audit), then `explicit_path` when
 * given, else SV_CONFIG_FILE beside the model when there is one. Returns
 * 0, or -1 with the problems in `diags`. */
SV_API int sv_config_for_model(sv_config *config, const char *explicit_path, const char *audit_path,
                               const char *model_path, sv_diags *diags);

SV_API void sv_config_free(sv_config *config);

#ifdef __cplusplus
}
#endif
#endif
