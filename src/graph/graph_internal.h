/*
 * The graph stage inside the library: the igraph behind an sv_graph, built
 * in place (the rule context keeps its views by value), for the stages that
 * run igraph algorithms on it (rules, metrics). samverkan/graph.h gives
 * embedders the same views as opaque handles, so that no public header
 * names an igraph type.
 */
#ifndef SV_GRAPH_INTERNAL_H
#define SV_GRAPH_INTERNAL_H

#include <igraph.h>

#include "samverkan/graph.h"

struct sv_graph {
    igraph_t graph;
    bool built;
    uint32_t vertex_count;
    sv_id *vertex_element;   /* vertex id -> element */
    /* A directed graph's out-edges, vertex by vertex (out_to[out_first[v]]
     * to out_to[out_first[v + 1] - 1]), for sv_graph_reach; NULL in an
     * undirected graph. */
    uint32_t *out_first;
    uint32_t *out_to;
};

/* Installs samverkan's igraph error and warning handlers and seeds igraph's
 * random generator; called by sv_library_init. */
void sv_graph_install_handlers(void);
/* igraph's own handlers back; called by sv_library_done. */
void sv_graph_restore_handlers(void);

/* The builders of graph.h's views, into *g (its old contents are not
 * freed). 0, or -1 with sv_graph_last_error() saying why and *g empty. */
int sv_graph_build_governance(sv_graph *g, const sv_model *model);
int sv_graph_build_seats(sv_graph *g, const sv_model *model);
int sv_graph_build_flow(sv_graph *g, const sv_model *model, uint32_t process);
int sv_graph_build_reporting(sv_graph *g, const sv_model *model);

/* Marks in reached[] (vertex_count entries, kept as they are where no path
 * leads) every vertex that a directed graph's edges lead to from root,
 * root included. It walks the graph's own out-edges: igraph_subcomponent
 * allocates and sorts for each call, and the rules ask this thousands of
 * times of small process flows. 0, or -1 when out of memory or the graph
 * is undirected. */
int sv_graph_reach(const sv_graph *g, uint32_t root, bool *reached);

/* Frees what *g holds and empties it; a graph never built is accepted. */
void sv_graph_clear(sv_graph *g);

#endif
