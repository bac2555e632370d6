/*
 * The graph stage: graph views of a model, built on demand, each with a
 * mapping from its vertices back to model elements. A view is an opaque
 * handle: the library computes on it with igraph, but no igraph type shows
 * here, so a program using samverkan needs no igraph headers. igraph's
 * error handler is replaced by sv_library_init (samverkan/library.h) so
 * that an igraph error becomes a diagnostic instead of aborting.
 */
#ifndef SAMVERKAN_GRAPH_H
#define SAMVERKAN_GRAPH_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "samverkan/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sv_graph sv_graph;

/* The message of the last igraph error in this thread, for a diagnostic. */
SV_API const char *sv_graph_last_error(void);

/* Each builder sets *out to a new view (free it with sv_graph_free) and
 * returns 0; on failure returns -1, sets *out to NULL, and
 * sv_graph_last_error() says why. */

/* governance: one vertex per body (vertex = body index), a directed edge
 * from each body to the body it reports_to. */
SV_API int sv_graph_governance(sv_graph **out, const sv_model *model);

/* seats: undirected bipartite graph; vertices 0..body_count-1 are the
 * bodies, the rest the parties, roles and people that sit in (members) or
 * chair a body, in element order; an edge per seat (one per body-holder
 * pair). */
SV_API int sv_graph_seats(sv_graph **out, const sv_model *model);

/* flow: the steps of one process (vertex = step index minus the process's
 * first_step), a directed edge per `next`. */
SV_API int sv_graph_flow(sv_graph **out, const sv_model *model, uint32_t process);

/* reporting: one vertex per element (vertex = element index), a directed
 * edge from each flow's sender to each receiver. */
SV_API int sv_graph_reporting(sv_graph **out, const sv_model *model);

SV_API uint32_t sv_graph_vertex_count(const sv_graph *graph);
SV_API size_t sv_graph_edge_count(const sv_graph *graph);
SV_API bool sv_graph_is_directed(const sv_graph *graph);
/* The element vertex `vertex` stands for; SV_NONE past the last vertex. */
SV_API sv_id sv_graph_vertex_element(const sv_graph *graph, uint32_t vertex);
/* The endpoints of edge `edge` (edges numbered in the order the builder
 * added them); false past the last edge. */
SV_API bool sv_graph_edge(const sv_graph *graph, size_t edge, uint32_t *from, uint32_t *to);

SV_API void sv_graph_free(sv_graph *graph); /* NULL is accepted */

#ifdef __cplusplus
}
#endif
#endif
