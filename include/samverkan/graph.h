/*
 * The graph stage: igraph views of a model, built on demand, each with a
 * mapping from igraph vertex ids back to model elements. igraph's error
 * handler is replaced (sv_graph_library_init) so that an igraph error
 * becomes a diagnostic instead of aborting the process.
 */
#ifndef SAMVERKAN_GRAPH_H
#define SAMVERKAN_GRAPH_H

#include "samverkan/export.h"

#include <igraph.h>

#include "samverkan/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sv_graph {
    igraph_t graph;
    bool built;
    uint32_t vertex_count;
    sv_id *vertex_element;   /* vertex id -> element */
} sv_graph;

/* Installs samverkan's igraph error and warning handlers and seeds igraph's
 * random generator; idempotent. Called by every builder below. */
SV_API void sv_graph_library_init(void);

/* The message of the last igraph error, for a diagnostic. */
SV_API const char *sv_graph_last_error(void);

/* governance: one vertex per body (vertex = body index), a directed edge
 * from each body to the body it reports_to. */
SV_API int sv_graph_governance(sv_graph *out, const sv_model *model);

/* seats: undirected bipartite graph; vertices 0..body_count-1 are the
 * bodies, the rest the parties, roles and people that sit in (members) or
 * chair a body, in element order; an edge per seat (one per body-holder
 * pair). */
SV_API int sv_graph_seats(sv_graph *out, const sv_model *model);

/* flow: the steps of one process (vertex = step index minus the process's
 * first_step), a directed edge per `next`. */
SV_API int sv_graph_flow(sv_graph *out, const sv_model *model, uint32_t process);

/* reporting: one vertex per element (vertex = element index), a directed
 * edge from each flow's sender to each receiver. */
SV_API int sv_graph_reporting(sv_graph *out, const sv_model *model);

SV_API void sv_graph_free(sv_graph *graph); /* a graph never built is accepted */

#ifdef __cplusplus
}
#endif
#endif
