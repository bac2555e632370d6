/*
 * The schema stage: document tree -> typed model. The only place that knows
 * the key names of the model format (docs/model-format.md). Every problem
 * is collected with its position: unknown keys (with a "did you mean"
 * hint), wrong types, missing keys, bad ids, duplicate ids, references to
 * nothing or to the wrong kind of element, part_of cycles, values out of
 * range and dates that do not exist.
 */
#ifndef SAMVERKAN_SCHEMA_H
#define SAMVERKAN_SCHEMA_H

#include "samverkan/export.h"

#include "samverkan/diag.h"
#include "samverkan/model.h"
#include "samverkan/tree.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Builds the model from a loaded tree. On success returns 0 and sets *out;
 * on failure returns -1 with every problem appended to `diags`. The model
 * keeps a reference to the tree's source; the tree may be freed after. */
SV_API int sv_schema_build(sv_model **out, const sv_tree *tree, sv_diags *diags);

/* The current year, used when a model gives neither `year` nor `valid_from`.
 * Tests and reproducible runs may pin it with SOURCE_DATE_EPOCH. */
SV_API int sv_schema_default_year(void);

/* Loads a model (or scenario) file and takes out the elements `ids` and
 * everything that cannot stand without them (references to them, a role
 * of a removed party, a reporting flow without sender or receivers), for
 * `whatif`. An id the model does not have is an error with a hint. */
SV_API int sv_model_load_without(sv_model **out, const char *path, const char *const *ids, size_t count,
                          const sv_load_limits *limits, sv_diags *diags);

/* Loads and validates a model file (stages load + schema, or scenario for
 * a file with `scenario:`): the loading entry point, above the model. On success
 * returns 0 and sets *out; on failure returns -1 with every problem in
 * `diags`. `limits` may be NULL (see tree.h). */
SV_API int sv_model_load(sv_model **out, const char *path, const sv_load_limits *limits,
                  sv_diags *diags);

/* The same for text in memory (a model read from standard input); `name`
 * stands for the file in positions, and a scenario's base is found
 * relative to it. */
SV_API int sv_model_load_buffer(sv_model **out, const char *name, const char *data, size_t size,
                         const sv_load_limits *limits, sv_diags *diags);

/* How much of a file sv_scenario_head reads. */
#define SV_SCENARIO_HEAD_BYTES ((size_t)64 * 1024)

/* Tells from the head of the file `path` (its first SV_SCENARIO_HEAD_BYTES,
 * in whole lines), without loading it, whether it is a scenario: true when
 * its top level has a `scenario:` mapping. Then *name gets the scenario's
 * `name` and *base the path of its `base` as loading a scenario reads it
 * (relative to the scenario's folder, "." and ".." taken out), each
 * malloc'd, or NULL when the head has none that is text (or the base is
 * empty). Either pointer may be NULL when it is not wanted. Only a regular
 * file is read, and at most the head of it, so that telling a folder's
 * scenarios costs little beside large models; the memory is bounded. */
SV_API bool sv_scenario_head(const char *path, char **name, char **base);

#ifdef __cplusplus
}
#endif
#endif
