/*
 * The configuration file, .samverkan.yaml: rule severities, the audit
 * profile and changes to its table, the files it extends and its
 * per-path overrides (docs/cli.md, docs/audit.md). Found as linters find
 * theirs: --config, else $SAMVERKAN_CONFIG, else the nearest one from the
 * model's folder up to the repository root or $HOME. Read through the same
 * loader as models, so that every mistake in it is reported with its
 * position, and an unknown rule name or key gets a "did you mean" hint.
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
/* Given as the explicit path: no configuration file, the defaults only
 * (--no-config). */
#define SV_CONFIG_NONE ""
/* The most files an 'extends' chain may go down below the first. */
#define SV_CONFIG_MAX_EXTENDS 10

typedef struct sv_config {
    sv_severity *severity;     /* per rule: the catalogue's default unless set */
    bool *severity_given;      /* per rule: set by a file or --rule, so it holds at every
                                  level of body (see sv_rule_config) */
    sv_audit_config audit;
    char *path;                /* the file found or given, or NULL for none */
    char **files;              /* every file read: path and those it extends, in reading
                                  order; no output may go over them */
    size_t file_count;
    bool audit_given;          /* the profile came from --audit: the file's 'profile' yields */
    bool given;                /* path was given (--config, SAMVERKAN_CONFIG), not found */
} sv_config;

/* The defaults; returns -1 when out of memory. */
SV_API int sv_config_default(sv_config *out);

/* Reads `path`, and first the files it extends, over the values already
 * in `config`; the overrides whose patterns match `model_path` (relative
 * to the folder of `path`) apply, none when it is NULL. Returns 0, or -1
 * with every problem in `diags`. */
SV_API int sv_config_read(sv_config *config, const char *path, const char *model_path,
                          sv_diags *diags);

/* Only the files that reading `path` reads, into config->files: `path`
 * and those it extends, in reading order; nothing else of `config` (which
 * may be all zeros) is touched. 0, or -1 with the problems in `diags`. */
SV_API int sv_config_read_files(sv_config *config, const char *path, sv_diags *diags);

/* The path of SV_CONFIG_FILE beside `model_path`, whether it exists or
 * not (malloc'ed; NULL when out of memory). */
SV_API char *sv_config_path_beside(const char *model_path);

/* Which configuration file `model_path` gets: `explicit_path` (--config)
 * when given, none for SV_CONFIG_NONE; else the environment's
 * SAMVERKAN_CONFIG when set and not empty; else the nearest
 * SV_CONFIG_FILE from the model's folder (the current folder when that is
 * not there, as for a name given to standard input) upwards, the folder
 * that holds .git or is $HOME being the last looked in. *found is
 * malloc'ed, or NULL for none; returns 1 when the file was given (by the
 * argument or the environment), 0 when found or none, -1 when out of
 * memory. */
SV_API int sv_config_locate(char **found, const char *explicit_path, const char *model_path);

/* The configuration of a command on `model_path`: the defaults, the audit
 * profile `audit_path` when given (--audit), then the file that
 * sv_config_locate gives when there is one. Returns 0, or -1 with the
 * problems in `diags`. */
SV_API int sv_config_for_model(sv_config *config, const char *explicit_path, const char *audit_path,
                               const char *model_path, sv_diags *diags);

SV_API void sv_config_free(sv_config *config);

#ifdef __cplusplus
}
#endif
#endif
