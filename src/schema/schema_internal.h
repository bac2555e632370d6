/*
 * Shared inside the schema stage (models, scenarios, the configuration
 * file): checking a mapping's keys, and building a model from a root node
 * whose nodes may come from several files.
 */
#ifndef SV_SCHEMA_INTERNAL_H
#define SV_SCHEMA_INTERNAL_H

#include <stdbool.h>

#include "samverkan/model.h"
#include "samverkan/tree.h"

/* Reports every key of `map` not in `allowed` (NULL-terminated) as an
 * unknown key with a "did you mean" hint or the list of keys; returns
 * false when there was one. `place` names the mapping ("a step"). */
bool sv_schema_check_keys(sv_diags *diags, const sv_node *map, const char *place,
                          const char *const *allowed);

/* Builds the model from `root`; `sources` are the files its nodes come
 * from (the first is the model's own). */
int sv_schema_build_root(sv_model **out, const sv_node *root, sv_source *const *sources,
                         size_t source_count, sv_diags *diags);

/* Applies the scenario file whose tree is `tree` to its base and builds
 * the resulting model (src/schema/scenario.c). */
int sv_scenario_build(sv_model **out, sv_tree *tree, const sv_load_limits *limits, sv_diags *diags);

#endif
