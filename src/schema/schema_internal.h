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

/* The keys of a body, of an entry of `service_points` and of its
 * `duration` (NULL-terminated), for a scenario's `set` to check against. */
extern const char *const sv_schema_body_keys[];
extern const char *const sv_schema_service_point_keys[];
extern const char *const sv_schema_duration_keys[];

/* Builds the model from `root`; `sources` are the files its nodes come
 * from (the first is the model's own). */
int sv_schema_build_root(sv_model **out, const sv_node *root, sv_source *const *sources,
                         size_t source_count, sv_diags *diags);

/* sv_schema_build, freeing each top-level section of `tree` once it is read
 * into the model (load/tree_internal.h): for a caller that frees the tree
 * right after, so that the tree and the whole model are never resident at
 * once. */
int sv_schema_build_releasing(sv_model **out, sv_tree *tree, sv_diags *diags);

/* Applies the scenario file whose tree is `tree` to its base and builds
 * the resulting model (src/schema/scenario.c). */
int sv_scenario_build(sv_model **out, sv_tree *tree, const sv_load_limits *limits, sv_diags *diags);

/* ---- the kit for the schema files of the format's key groups ----
 * (schema_governance.c, schema_projects.c): the readers of schema.c, so that a group's keys are
 * read, positioned and reported exactly like every other key. The phrases
 * that name what is read (`what`, `place`) are untranslated N_() phrases,
 * translated only when a message is made. */

typedef struct ctx sv_schema_ctx;
#define SV_SCHEMA_KIND_BIT(k) (1u << (k))

sv_model *sv_schema_model(sv_schema_ctx *c);
/* Zeroed memory in the model's arena; NULL after "out of memory" at pos. */
void *sv_schema_alloc(sv_schema_ctx *c, size_t count, size_t size, sv_pos pos);
void sv_schema_fail(sv_schema_ctx *c, const char *code, sv_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
const sv_node *sv_schema_get(const sv_node *map, const char *key);
/* The value of a required key, or NULL after "WHAT lacks the required key". */
const sv_node *sv_schema_require(sv_schema_ctx *c, const sv_node *map, const char *key,
                                 const char *what);
bool sv_schema_expect_map(sv_schema_ctx *c, const sv_node *node, const char *what);
void sv_schema_keys(sv_schema_ctx *c, const sv_node *map, const char *place,
                    const char *const *allowed);
bool sv_schema_is_null(const sv_node *node);
bool sv_schema_list_items(sv_schema_ctx *c, const sv_node *node, const char *key,
                          const sv_node *const **items, size_t *count);
bool sv_schema_read_text(sv_schema_ctx *c, const sv_node *node, const char *key, const char **out);
bool sv_schema_read_number(sv_schema_ctx *c, const sv_node *node, const char *key, double lo,
                           bool lo_open, double hi, bool hi_open, double *out);
bool sv_schema_read_int(sv_schema_ctx *c, const sv_node *node, const char *key, long lo, long hi,
                        int *out);
bool sv_schema_read_date(sv_schema_ctx *c, const sv_node *node, const char *key, sv_date *out);
bool sv_schema_read_enum(sv_schema_ctx *c, const sv_node *node, const char *key,
                         const char *(*name_of)(int), int count, int *out);
bool sv_schema_expect_scalar(sv_schema_ctx *c, const sv_node *node, const char *key,
                             const char *expected);
bool sv_schema_read_bool(sv_schema_ctx *c, const sv_node *node, const char *key, bool *out);
bool sv_schema_read_cadence(sv_schema_ctx *c, const sv_node *node, const char *key,
                            sv_cadence *out);
void sv_schema_read_ref(sv_schema_ctx *c, const sv_node *node, const char *key, unsigned kinds,
                        sv_ref *slot);
void sv_schema_read_refs(sv_schema_ctx *c, const sv_node *node, const char *key, unsigned kinds,
                         sv_refs *out);

/* Group A, governance (schema_governance.c): the keys
 * bodies[].deputies/votes/delegation/led_by, the written forms of `meets`,
 * people/roles `elected` and `leads`, and people's `delegation`. Each
 * reader is called once per element, after schema.c has read its own keys;
 * `finish` runs once after the references are resolved. */
void sv_schema_governance_body(sv_schema_ctx *c, const sv_node *map, sv_body *b);
void sv_schema_governance_person(sv_schema_ctx *c, const sv_node *map, sv_person *p);
void sv_schema_governance_role(sv_schema_ctx *c, const sv_node *map, sv_role *r);
/* `meets` of a body or a step: a cadence word or one of the mapping forms. */
void sv_schema_governance_meets(sv_schema_ctx *c, const sv_node *node, sv_cadence *cadence,
                                sv_meets *form);
void sv_schema_governance_finish(sv_schema_ctx *c);
/* Creates an element with a required id and name (and note, ignore) for
 * `map`; `what` names it in messages ("a project"). */
sv_id sv_schema_new_named_element(sv_schema_ctx *c, sv_kind kind, uint32_t index,
                                  const sv_node *map, const char *what);

/* Group B (schema_projects.c), called from schema.c: agreement.kind,
 * funding and audited_by; bodies[].period and for_each; `projects:`. */
void sv_schema_projects_agreement(sv_schema_ctx *c, const sv_node *agreement);
void sv_schema_projects_body(sv_schema_ctx *c, const sv_node *node, sv_body *body);
void sv_schema_projects_project(sv_schema_ctx *c, const sv_node *node);
/* After references are resolved: for_each instance counts. */
void sv_schema_projects_finish(sv_schema_ctx *c);

#endif
