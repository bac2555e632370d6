/*
 * Graph figures per body, party and person, for `samverkan metrics`: how
 * many seats, chairs and accountabilities each has, its degree and
 * betweenness in the seat graph (who holds the structure together), and
 * how far it stands from the decision level.
 */
#ifndef SAMVERKAN_METRICS_H
#define SAMVERKAN_METRICS_H

#include "samverkan/export.h"

#include "samverkan/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sv_metric {
    sv_id element;         /* a body, party or person */
    uint32_t seats;        /* bodies it sits in (a party: itself, its units, roles and people) */
    uint32_t chairs;       /* bodies it chairs (likewise) */
    uint32_t accountable;  /* steps it is accountable for (likewise) */
    uint32_t degree;       /* edges of its vertex in the seat graph (0 when it has none) */
    double betweenness;    /* of its vertex in the seat graph, undirected, unnormalised */
    int distance;          /* reports_to hops to a decision body: a body's own; a party's or
                              person's nearest seat's; -1 when none reaches one */
    uint32_t instances;    /* format 1.1: the bodies a `for_each` body stands for (1 otherwise,
                              and for parties and people) */
} sv_metric;

typedef struct sv_metrics {
    sv_metric *items;      /* bodies, then parties, then people, each in model order */
    size_t count;
    /* Betweenness is exact while vertices × edges of the seat graph stay
     * within SV_METRICS_EXACT_WORK (Brandes' algorithm costs that); above,
     * it is estimated from as many sources as that work allows (at least
     * SV_METRICS_MIN_SOURCES), drawn with a fixed seed: the same figures on
     * every run. */
    bool betweenness_sampled;
    uint32_t betweenness_sources;  /* the sources the figures come from */
    uint32_t betweenness_vertices; /* the vertices of the seat graph */
} sv_metrics;

/* (a build may set them; bench/betweenness-error does, to measure the estimate) */
#ifndef SV_METRICS_EXACT_WORK
#define SV_METRICS_EXACT_WORK 1e9
#endif
#ifndef SV_METRICS_MIN_SOURCES
#define SV_METRICS_MIN_SOURCES 1024
#endif

/* Returns 0, or -1 when a graph could not be built (then a diagnostic). */
SV_API int sv_metrics_compute(sv_metrics *out, const sv_model *model, sv_diags *diags);
/* The same with another work budget and floor of sources for betweenness
 * in place of SV_METRICS_EXACT_WORK and SV_METRICS_MIN_SOURCES (tests
 * measure the estimate with it). */
SV_API int sv_metrics_compute_within(sv_metrics *out, const sv_model *model, double work,
                                     uint32_t min_sources, sv_diags *diags);
SV_API void sv_metrics_free(sv_metrics *metrics);

#ifdef __cplusplus
}
#endif
#endif
