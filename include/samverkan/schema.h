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

#ifdef __cplusplus
}
#endif
#endif
