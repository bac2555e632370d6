/*
 * What the schema stage needs of a model under construction: its arena and
 * its id table. Not part of the public API.
 */
#ifndef SV_MODEL_INTERNAL_H
#define SV_MODEL_INTERNAL_H

#include "samverkan/model.h"
#include "util/arena.h"
#include "util/strmap.h"

/* An empty model holding a reference to `source`; NULL when out of memory. */
sv_model *sv_model_internal_new(sv_source *source);
sv_arena *sv_model_internal_arena(sv_model *model);
/* Adds a file the model was built from (a scenario's base); -1 when out of memory. */
int sv_model_internal_add_source(sv_model *model, sv_source *source);
sv_strmap *sv_model_internal_ids(sv_model *model);

#endif
