/*
 * igraph views of the model; see samverkan/graph.h and graph_internal.h.
 * Vertex ids are indices we choose, never igraph attributes; every edge
 * endpoint is checked before igraph_create, since igraph silently grows a
 * graph for an id past n.
 */
#include "graph/graph_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static _Thread_local char last_error[256];

/* What igraph's include/igraph_error.h asks of a handler: keep the reason,
 * free the finally stack, return (never abort). */
static void error_handler(const char *reason, const char *file, int line, igraph_error_t igraph_errno)
{
    snprintf(last_error, sizeof last_error, "%s (%s, %s:%d)", reason ? reason : "",
             igraph_strerror(igraph_errno), file ? file : "?", line);
    IGRAPH_FINALLY_FREE();
}

static void warning_handler(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line;
}

void sv_graph_install_handlers(void)
{
    igraph_set_error_handler(error_handler);
    igraph_set_warning_handler(warning_handler);
    /* igraph seeds from the clock otherwise; nothing here may depend on it */
    igraph_rng_seed(igraph_rng_default(), 1);
}

void sv_graph_restore_handlers(void)
{
    igraph_set_error_handler(igraph_error_handler_abort);
    igraph_set_warning_handler(igraph_warning_handler_print);
}

const char *sv_graph_last_error(void)
{
    return last_error[0] ? last_error : _("unknown igraph error");
}

void sv_graph_clear(sv_graph *g)
{
    if (!g)
        return;
    if (g->built)
        igraph_destroy(&g->graph);
    free(g->vertex_element);
    free(g->out_first);
    free(g->out_to);
    memset(g, 0, sizeof *g);
}

/* Builds the igraph from an edge list of `edge_count` pairs. Takes
 * ownership of vertex_element. */
static int build(sv_graph *out, uint32_t vertex_count, sv_id *vertex_element,
                 const igraph_integer_t *edges, size_t edge_count, bool directed)
{
    memset(out, 0, sizeof *out);
    out->vertex_count = vertex_count;
    out->vertex_element = vertex_element;
    for (size_t i = 0; i < 2 * edge_count; i++) {
        if (edges[i] < 0 || edges[i] >= (igraph_integer_t)vertex_count) {
            snprintf(last_error, sizeof last_error, "edge to vertex %lld past %u",
                     (long long)edges[i], vertex_count);
            return -1;
        }
    }
    if (directed) {
        out->out_first = calloc((size_t)vertex_count + 1, sizeof *out->out_first);
        out->out_to = malloc((edge_count ? edge_count : 1) * sizeof *out->out_to);
        if (!out->out_first || !out->out_to) {
            snprintf(last_error, sizeof last_error, "%s", _("out of memory"));
            return -1;
        }
        /* counting sort of the edges by their tail, in the order given:
         * count each vertex's edges, sum them into where each vertex's
         * edges start, place each edge at its tail's next place (which
         * moves first[v] on to where v's edges end), then shift back */
        uint32_t *first = out->out_first;
        for (size_t i = 0; i < edge_count; i++)
            first[edges[2 * i] + 1]++;
        for (uint32_t v = 0; v < vertex_count; v++)
            first[v + 1] += first[v];
        for (size_t i = 0; i < edge_count; i++)
            out->out_to[first[edges[2 * i]]++] = (uint32_t)edges[2 * i + 1];
        for (uint32_t v = vertex_count; v > 0; v--)
            first[v] = first[v - 1];
        first[0] = 0;
    }
    igraph_vector_int_t v = {0}; /* igraph_vector_int_view fills it; gcc cannot tell */
    igraph_vector_int_view(&v, edges, (igraph_integer_t)(2 * edge_count));
    if (igraph_create(&out->graph, &v, (igraph_integer_t)vertex_count, directed) != IGRAPH_SUCCESS)
        return -1;
    out->built = true;
    return 0;
}

int sv_graph_reach(const sv_graph *g, uint32_t root, bool *reached)
{
    if (!g->out_first || root >= g->vertex_count) {
        snprintf(last_error, sizeof last_error, "no directed graph with vertex %u", root);
        return -1;
    }
    /* each vertex goes on the stack at most once: when it is first marked */
    uint32_t *stack = malloc((g->vertex_count ? g->vertex_count : 1) * sizeof *stack);
    bool *seen = calloc(g->vertex_count ? g->vertex_count : 1, sizeof *seen);
    if (!stack || !seen) {
        free(stack);
        free(seen);
        snprintf(last_error, sizeof last_error, "%s", _("out of memory"));
        return -1;
    }
    size_t top = 0;
    stack[top++] = root;
    seen[root] = true;
    while (top > 0) {
        uint32_t v = stack[--top];
        reached[v] = true;
        for (uint32_t k = g->out_first[v]; k < g->out_first[v + 1]; k++) {
            uint32_t w = g->out_to[k];
            if (!seen[w]) {
                seen[w] = true;
                stack[top++] = w;
            }
        }
    }
    free(seen);
    free(stack);
    return 0;
}

typedef struct edge_list {
    igraph_integer_t *items;
    size_t count;     /* numbers, two per edge */
    size_t capacity;
} edge_list;

static int edge_add(edge_list *e, igraph_integer_t from, igraph_integer_t to)
{
    if (e->count + 2 > e->capacity) {
        size_t capacity = e->capacity ? e->capacity * 2 : 64;
        igraph_integer_t *items = realloc(e->items, capacity * sizeof *items);
        if (!items)
            return -1;
        e->items = items;
        e->capacity = capacity;
    }
    e->items[e->count++] = from;
    e->items[e->count++] = to;
    return 0;
}

static int finish(sv_graph *out, uint32_t vertex_count, sv_id *map, edge_list *e, bool directed,
                  int status)
{
    if (status != 0) {
        snprintf(last_error, sizeof last_error, "%s", _("out of memory"));
        free(map);
        free(e->items);
        memset(out, 0, sizeof *out);
        return -1;
    }
    static const igraph_integer_t none[1] = {0};
    int r = build(out, vertex_count, map, e->items ? e->items : none, e->count / 2, directed);
    free(e->items);
    if (r != 0)
        sv_graph_clear(out);
    return r;
}

int sv_graph_build_governance(sv_graph *out, const sv_model *m)
{
    edge_list e = {0};
    int status = 0;
    sv_id *map = malloc((m->body_count ? m->body_count : 1) * sizeof *map);
    if (!map)
        status = -1;
    for (uint32_t b = 0; status == 0 && b < m->body_count; b++) {
        map[b] = m->bodies[b].el;
        sv_id up = m->bodies[b].reports_to.target;
        if (up != SV_NONE)
            status = edge_add(&e, b, m->elements[up].index);
    }
    return finish(out, m->body_count, map, &e, true, status);
}

int sv_graph_build_seats(sv_graph *out, const sv_model *m)
{
    edge_list e = {0};
    int status = 0;
    /* holder vertex per element, assigned in element order after the bodies */
    uint32_t *vertex_of = malloc((m->element_count ? m->element_count : 1) * sizeof *vertex_of);
    sv_id *map = malloc(((size_t)m->body_count + m->element_count + 1) * sizeof *map);
    uint32_t *last_body = malloc((m->element_count ? m->element_count : 1) * sizeof *last_body);
    if (!vertex_of || !map || !last_body) {
        free(vertex_of);
        free(last_body);
        return finish(out, 0, map, &e, false, -1);
    }
    uint32_t n = m->body_count;
    for (uint32_t b = 0; b < m->body_count; b++)
        map[b] = m->bodies[b].el;
    for (sv_id el = 0; el < m->element_count; el++) {
        vertex_of[el] = UINT32_MAX;
        last_body[el] = UINT32_MAX;
    }
    /* first pass: which elements hold a seat, numbered in element order */
    for (uint32_t b = 0; b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        for (uint32_t i = 0; i <= body->members.count; i++) {
            sv_id h = i < body->members.count ? body->members.items[i].target : body->chair.target;
            if (h != SV_NONE)
                vertex_of[h] = 0;
        }
    }
    /* format 1.1: leading a body (a team, `leads`) ties the leader to it
     * like a seat; leading a party (a unit) is no tie between bodies */
    for (uint32_t k = 0; k < m->person_count + m->role_count; k++) {
        const sv_refs *leads = k < m->person_count ? &m->people[k].leads
                                                   : &m->roles[k - m->person_count].leads;
        sv_id holder = k < m->person_count ? m->people[k].el : m->roles[k - m->person_count].el;
        for (uint32_t i = 0; i < leads->count; i++)
            if (leads->items[i].target != SV_NONE &&
                m->elements[leads->items[i].target].kind == SV_KIND_BODY)
                vertex_of[holder] = 0;
    }
    for (sv_id el = 0; el < m->element_count; el++) {
        if (vertex_of[el] == 0) {
            vertex_of[el] = n;
            map[n++] = el;
        }
    }
    /* second pass: one edge per body-holder pair */
    for (uint32_t b = 0; status == 0 && b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        for (uint32_t i = 0; status == 0 && i <= body->members.count; i++) {
            sv_id h = i < body->members.count ? body->members.items[i].target : body->chair.target;
            if (h == SV_NONE || last_body[h] == b)
                continue;
            last_body[h] = b;
            status = edge_add(&e, b, vertex_of[h]);
        }
    }
    /* the bodies each person or role leads, unless it has a seat there */
    for (uint32_t k = 0; status == 0 && k < m->person_count + m->role_count; k++) {
        const sv_refs *leads = k < m->person_count ? &m->people[k].leads
                                                   : &m->roles[k - m->person_count].leads;
        sv_id holder = k < m->person_count ? m->people[k].el : m->roles[k - m->person_count].el;
        for (uint32_t i = 0; status == 0 && i < leads->count; i++) {
            sv_id t = leads->items[i].target;
            if (t == SV_NONE || m->elements[t].kind != SV_KIND_BODY)
                continue;
            uint32_t b = m->elements[t].index;
            const sv_body *body = &m->bodies[b];
            bool seated = body->chair.target == holder;
            for (uint32_t j = 0; j < body->members.count && !seated; j++)
                seated = body->members.items[j].target == holder;
            if (!seated)
                status = edge_add(&e, b, vertex_of[holder]);
        }
    }
    free(vertex_of);
    free(last_body);
    return finish(out, n, map, &e, false, status);
}

int sv_graph_build_flow(sv_graph *out, const sv_model *m, uint32_t process)
{
    edge_list e = {0};
    int status = 0;
    const sv_process *p = &m->processes[process];
    sv_id *map = malloc((p->step_count ? p->step_count : 1) * sizeof *map);
    if (!map)
        status = -1;
    for (uint32_t i = 0; status == 0 && i < p->step_count; i++) {
        const sv_step *s = &m->steps[p->first_step + i];
        map[i] = s->el;
        for (uint32_t k = 0; status == 0 && k < s->next_count; k++) {
            sv_id to = s->next[k].to.target;
            if (to != SV_NONE)
                status = edge_add(&e, i, m->elements[to].index - p->first_step);
        }
    }
    return finish(out, p->step_count, map, &e, true, status);
}

int sv_graph_build_reporting(sv_graph *out, const sv_model *m)
{
    edge_list e = {0};
    int status = 0;
    sv_id *map = malloc((m->element_count ? m->element_count : 1) * sizeof *map);
    if (!map)
        status = -1;
    for (sv_id el = 0; status == 0 && el < m->element_count; el++)
        map[el] = el;
    for (uint32_t r = 0; status == 0 && r < m->reporting_count; r++) {
        const sv_reporting *flow = &m->reporting[r];
        if (flow->from.target == SV_NONE)
            continue;
        for (uint32_t k = 0; status == 0 && k < flow->to.count; k++)
            if (flow->to.items[k].target != SV_NONE)
                status = edge_add(&e, flow->from.target, flow->to.items[k].target);
    }
    return finish(out, m->element_count, map, &e, true, status);
}

/* ---- the views as opaque handles, for embedders (samverkan/graph.h) ---- */

typedef int (*graph_builder)(sv_graph *g, const sv_model *m, uint32_t process);

static int governance_of(sv_graph *g, const sv_model *m, uint32_t process)
{
    (void)process;
    return sv_graph_build_governance(g, m);
}

static int seats_of(sv_graph *g, const sv_model *m, uint32_t process)
{
    (void)process;
    return sv_graph_build_seats(g, m);
}

static int reporting_of(sv_graph *g, const sv_model *m, uint32_t process)
{
    (void)process;
    return sv_graph_build_reporting(g, m);
}

static int new_graph(sv_graph **out, const sv_model *m, uint32_t process, graph_builder build_view)
{
    *out = NULL;
    sv_graph *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(last_error, sizeof last_error, "%s", _("out of memory"));
        return -1;
    }
    if (build_view(g, m, process) != 0) {
        free(g);
        return -1;
    }
    *out = g;
    return 0;
}

int sv_graph_governance(sv_graph **out, const sv_model *model)
{
    return new_graph(out, model, 0, governance_of);
}

int sv_graph_seats(sv_graph **out, const sv_model *model)
{
    return new_graph(out, model, 0, seats_of);
}

int sv_graph_flow(sv_graph **out, const sv_model *model, uint32_t process)
{
    if (process >= model->process_count) {
        *out = NULL;
        snprintf(last_error, sizeof last_error, "process %u past %u", process, model->process_count);
        return -1;
    }
    return new_graph(out, model, process, sv_graph_build_flow);
}

int sv_graph_reporting(sv_graph **out, const sv_model *model)
{
    return new_graph(out, model, 0, reporting_of);
}

uint32_t sv_graph_vertex_count(const sv_graph *g)
{
    return g->vertex_count;
}

size_t sv_graph_edge_count(const sv_graph *g)
{
    return g->built ? (size_t)igraph_ecount(&g->graph) : 0;
}

bool sv_graph_is_directed(const sv_graph *g)
{
    return g->built && igraph_is_directed(&g->graph);
}

sv_id sv_graph_vertex_element(const sv_graph *g, uint32_t vertex)
{
    return vertex < g->vertex_count ? g->vertex_element[vertex] : SV_NONE;
}

bool sv_graph_edge(const sv_graph *g, size_t edge, uint32_t *from, uint32_t *to)
{
    if (edge >= sv_graph_edge_count(g))
        return false;
    *from = (uint32_t)IGRAPH_FROM(&g->graph, (igraph_integer_t)edge);
    *to = (uint32_t)IGRAPH_TO(&g->graph, (igraph_integer_t)edge);
    return true;
}

void sv_graph_free(sv_graph *g)
{
    sv_graph_clear(g);
    free(g);
}
