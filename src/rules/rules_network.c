/*
 * The network rules: who holds the structure together. On the seat graph
 * (bodies and the parties, roles and people that sit in or chair them)
 * igraph finds articulation points (a person whose departure cuts bodies
 * off from each other: "vissa saker kan bli för personbundna") and bridges
 * (parts joined by one seat only); a chair of two bodies in one reporting
 * line (the independence question); and elements that take part in
 * nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"
#include "util/i18n.h"
#include "util/text.h"

static const sv_element *element_of(const sv_model *m, sv_id el)
{
    return &m->elements[el];
}

/* "a, b, c" of the bodies next to seat-graph vertex v, into buf. */
static const char *neighbour_bodies(sv_rule_ctx *rc, const sv_graph *g, igraph_integer_t v,
                                    char *buf, size_t size)
{
    igraph_vector_int_t nb;
    buf[0] = '\0';
    if (igraph_vector_int_init(&nb, 0) != IGRAPH_SUCCESS)
        return buf;
    if (igraph_neighbors(&g->graph, &nb, v, IGRAPH_ALL) == IGRAPH_SUCCESS) {
        const char *names[16];
        size_t n = 0;
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&nb) && n < 16; i++)
            names[n++] = sv_rule_name(rc, g->vertex_element[VECTOR(nb)[i]]);
        sv_rule_quote_join(buf, size, ", ", names, n);
    }
    igraph_vector_int_destroy(&nb);
    return buf;
}

/* True when seat-graph vertex v sits in a body with `for_each` (format 1.1). */
static bool seated_in_for_each(sv_rule_ctx *rc, const sv_graph *g, igraph_integer_t v)
{
    igraph_vector_int_t nb;
    bool found = false;
    if (igraph_vector_int_init(&nb, 0) != IGRAPH_SUCCESS)
        return false;
    if (igraph_neighbors(&g->graph, &nb, v, IGRAPH_ALL) == IGRAPH_SUCCESS)
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&nb) && !found; i++) {
            igraph_integer_t b = VECTOR(nb)[i];
            found = b < (igraph_integer_t)rc->model->body_count &&
                    rc->model->bodies[b].for_each != SV_FOR_EACH_NONE;
        }
    igraph_vector_int_destroy(&nb);
    return found;
}

void sv_rule_single_point_of_failure(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    const sv_graph *g = sv_rule_seats(rc);
    igraph_vector_int_t points;
    if (!g || igraph_vector_int_init(&points, 0) != IGRAPH_SUCCESS) {
        rc->failed = true;
        return;
    }
    if (igraph_articulation_points(&g->graph, &points) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&points);
        rc->failed = true;
        return;
    }
    /* igraph lists them in search order: sort for stable output */
    igraph_vector_int_sort(&points);
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(&points); i++) {
        igraph_integer_t v = VECTOR(points)[i];
        sv_id el = g->vertex_element[v];
        sv_kind kind = element_of(m, el)->kind;
        if (kind != SV_KIND_PERSON && kind != SV_KIND_ROLE)
            continue; /* bodies and whole organisations are not "person-bound" */
        if (kind == SV_KIND_ROLE && seated_in_for_each(rc, g, v))
            continue; /* one role in a body written once for many is held once per instance */
        char bodies[512];
        sv_rule_emit(rc, el, element_of(m, el)->pos,
                     _("'%s' is the only link between parts of the structure: without it, the "
                       "bodies %s lose their connection to each other; give a second person a "
                       "seat in them or name a deputy"),
                     sv_rule_name(rc, el), neighbour_bodies(rc, g, v, bodies, sizeof bodies));
    }
    igraph_vector_int_destroy(&points);
}

/* The position of the seat that edge (body, holder) stands for. */
static sv_pos seat_pos(const sv_model *m, const sv_body *body, sv_id holder)
{
    for (uint32_t k = 0; k < body->members.count; k++)
        if (body->members.items[k].target == holder)
            return body->members.items[k].pos;
    return body->chair.target == holder ? body->chair.pos : element_of(m, body->el)->pos;
}

typedef struct seat_tie {
    igraph_integer_t body, holder;
    long inside, outside;
} seat_tie;

static int compare_ties(const void *pa, const void *pb)
{
    const seat_tie *a = pa, *b = pb;
    if (a->body != b->body)
        return a->body < b->body ? -1 : 1;
    return a->holder < b->holder ? -1 : a->holder > b->holder;
}

void sv_rule_sole_link(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    const sv_graph *g = sv_rule_seats(rc);
    if (!g) {
        rc->failed = true;
        return;
    }
    igraph_integer_t n = igraph_vcount(&g->graph);
    igraph_vector_int_t bridges, membership, csize;
    igraph_t rest;
    bool rest_built = false;
    int failed = igraph_vector_int_init(&bridges, 0) || igraph_vector_int_init(&membership, 0) ||
                 igraph_vector_int_init(&csize, 0);
    if (!failed)
        failed = igraph_bridges(&g->graph, &bridges) != IGRAPH_SUCCESS;
    /* Only bridges with bodies on both sides matter: a holder with a single
     * seat is a bridge too, and says nothing. Take the bridges out; the
     * pieces left form a forest joined by the bridges; count the bodies on
     * each side of a bridge in that forest. */
    if (!failed && igraph_vector_int_size(&bridges) > 0) {
        failed = igraph_copy(&rest, &g->graph) != IGRAPH_SUCCESS;
        rest_built = !failed;
        igraph_es_t es;
        if (!failed)
            failed = igraph_es_vector(&es, &bridges) != IGRAPH_SUCCESS ||
                     igraph_delete_edges(&rest, es) != IGRAPH_SUCCESS;
        igraph_integer_t pieces = 0;
        if (!failed)
            failed = igraph_connected_components(&rest, &membership, &csize, &pieces, IGRAPH_WEAK) !=
                     IGRAPH_SUCCESS;
        size_t nb = (size_t)igraph_vector_int_size(&bridges);
        long *bodies_in = calloc((size_t)pieces + 1, sizeof *bodies_in);
        long *below = calloc((size_t)pieces + 1, sizeof *below);      /* bodies in the subtree */
        igraph_integer_t *parent_edge = malloc(((size_t)pieces + 1) * sizeof *parent_edge);
        igraph_integer_t *order = malloc(((size_t)pieces + 1) * sizeof *order);
        igraph_integer_t *root_of = malloc(((size_t)pieces + 1) * sizeof *root_of);
        igraph_integer_t *from = malloc((nb + 1) * sizeof *from), *to = malloc((nb + 1) * sizeof *to);
        /* the bridges at each piece, in bridge order: piece p's are
         * at[at_start[p] .. at_start[p + 1]) */
        size_t *at_start = calloc((size_t)pieces + 2, sizeof *at_start);
        size_t *at = malloc((2 * nb + 1) * sizeof *at);
        if (!failed && (!bodies_in || !below || !parent_edge || !order || !root_of || !from || !to ||
                        !at_start || !at))
            failed = 1;
        if (!failed) {
            for (igraph_integer_t v = 0; v < n; v++)
                if (v < (igraph_integer_t)m->body_count)
                    bodies_in[VECTOR(membership)[v]]++;
            for (size_t b = 0; b < nb; b++) {
                igraph_integer_t e = VECTOR(bridges)[b];
                from[b] = VECTOR(membership)[IGRAPH_FROM(&g->graph, e)];
                to[b] = VECTOR(membership)[IGRAPH_TO(&g->graph, e)];
                at_start[from[b] + 1]++;
                at_start[to[b] + 1]++;
            }
            for (igraph_integer_t p = 0; p < pieces; p++)
                at_start[p + 1] += at_start[p];
            for (size_t b = 0; b < nb; b++) {
                at[at_start[from[b]]++] = b; /* advanced as a fill position, */
                at[at_start[to[b]]++] = b;
            }
            for (igraph_integer_t p = pieces; p > 0; p--) /* then moved back */
                at_start[p] = at_start[p - 1];
            at_start[0] = 0;
            /* breadth-first over the bridge forest, pieces as nodes */
            for (igraph_integer_t p = 0; p < pieces; p++)
                parent_edge[p] = -2; /* unvisited */
            igraph_integer_t count = 0;
            for (igraph_integer_t start = 0; start < pieces; start++) {
                if (parent_edge[start] != -2)
                    continue;
                parent_edge[start] = -1;
                root_of[start] = start;
                order[count++] = start;
                for (igraph_integer_t head = count - 1; head < count; head++) {
                    igraph_integer_t p = order[head];
                    for (size_t i = at_start[p]; i < at_start[p + 1]; i++) {
                        size_t b = at[i];
                        igraph_integer_t q = from[b] == p ? to[b] : from[b];
                        if (parent_edge[q] != -2)
                            continue;
                        parent_edge[q] = (igraph_integer_t)b;
                        root_of[q] = start;
                        order[count++] = q;
                    }
                }
            }
            for (igraph_integer_t i = count - 1; i >= 0; i--) {
                igraph_integer_t p = order[i];
                below[p] += bodies_in[p];
                if (parent_edge[p] >= 0) {
                    size_t b = (size_t)parent_edge[p];
                    igraph_integer_t up = from[b] == p ? to[b] : from[b];
                    below[up] += below[p];
                }
            }
            /* the bridges with bodies on both sides, reported at the seat in
             * the body first in the file, once per holder: a holder whose two
             * seats are both bridges is one tie */
            bool *holder_reported = calloc((size_t)n + 1, sizeof *holder_reported);
            seat_tie *ties = calloc(nb + 1, sizeof *ties);
            size_t tie_count = 0;
            for (size_t b = 0; b < nb && ties; b++) {
                /* the child side of the bridge is the piece whose parent edge it is */
                igraph_integer_t child = parent_edge[from[b]] == (igraph_integer_t)b ? from[b] : to[b];
                long inside = below[child], outside = below[root_of[child]] - inside;
                if (inside == 0 || outside == 0)
                    continue;
                igraph_integer_t e = VECTOR(bridges)[b];
                igraph_integer_t bv = IGRAPH_FROM(&g->graph, e), hv = IGRAPH_TO(&g->graph, e);
                if (bv >= (igraph_integer_t)m->body_count) {
                    igraph_integer_t t = bv;
                    bv = hv;
                    hv = t;
                }
                /* a seat in a body written once for many is one seat per instance */
                if (m->bodies[bv].for_each != SV_FOR_EACH_NONE ||
                    (element_of(m, g->vertex_element[hv])->kind == SV_KIND_ROLE &&
                     seated_in_for_each(rc, g, hv)))
                    continue;
                ties[tie_count++] = (seat_tie){bv, hv, inside, outside};
            }
            if (ties)
                qsort(ties, tie_count, sizeof *ties, compare_ties);
            for (size_t t = 0; t < tie_count && holder_reported; t++) {
                if (holder_reported[ties[t].holder])
                    continue;
                holder_reported[ties[t].holder] = true;
                const sv_body *body = &m->bodies[ties[t].body];
                sv_id holder = g->vertex_element[ties[t].holder];
                sv_finding *f = sv_rule_emit(
                    rc, body->el, seat_pos(m, body, holder),
                    _("the seat of '%s' in '%s' is the only tie between two parts of the structure "
                      "(%ld and %ld bodies): if it goes, they no longer meet"),
                    sv_rule_name(rc, holder), sv_rule_name(rc, body->el), ties[t].inside,
                    ties[t].outside);
                sv_rule_relate(f, holder, element_of(m, holder)->pos);
            }
            if (!holder_reported || !ties)
                failed = 1;
            free(ties);
            free(holder_reported);
        }
        free(bodies_in);
        free(below);
        free(parent_edge);
        free(order);
        free(root_of);
        free(from);
        free(to);
        free(at_start);
        free(at);
    }
    if (rest_built)
        igraph_destroy(&rest);
    igraph_vector_int_destroy(&bridges);
    igraph_vector_int_destroy(&membership);
    igraph_vector_int_destroy(&csize);
    if (failed)
        rc->failed = true;
}

/* Who reports to whom between bodies: reports_to, and every reporting
 * flow from one body to another, as adjacency lists built once. Feedback
 * flows run downward, so most bodies reach most others: reaches() asks the
 * graph of its strongly connected components (each a set of bodies that all
 * reach each other), where a question costs a step or two instead of a walk
 * over the bodies. */
typedef struct body_graph {
    uint32_t *start; /* body b's successors are next[start[b] .. start[b + 1]) */
    uint32_t *next;
    uint32_t *comp;  /* the strongly connected component of each body */
    uint32_t *comp_start; /* component c's successor components are */
    uint32_t *comp_next;  /* comp_next[comp_start[c] .. comp_start[c + 1]) */
    uint32_t *stamp; /* visit marks for reaches(), by search number */
    uint32_t *stack;
    uint32_t search;
} body_graph;

static void body_graph_free(body_graph *g)
{
    free(g->start);
    free(g->next);
    free(g->comp);
    free(g->comp_start);
    free(g->comp_next);
    free(g->stamp);
    free(g->stack);
}

/* Tarjan's algorithm without recursion (a reporting chain can be as long as
 * there are bodies), then the edges between components, as lists. */
static int body_graph_components(body_graph *g, uint32_t n)
{
    const uint32_t unset = UINT32_MAX;
    uint32_t *index = malloc((n + 1) * sizeof *index), *low = malloc((n + 1) * sizeof *low);
    uint32_t *call = malloc((n + 1) * sizeof *call), *edge = malloc((n + 1) * sizeof *edge);
    bool *on_stack = calloc(n + 1, sizeof *on_stack);
    g->comp = malloc((n + 1) * sizeof *g->comp);
    int status = -1;
    if (!index || !low || !call || !edge || !on_stack || !g->comp)
        goto done;
    for (uint32_t v = 0; v < n; v++)
        index[v] = unset;
    uint32_t counter = 0, comps = 0, sp = 0;
    for (uint32_t root = 0; root < n; root++) {
        if (index[root] != unset)
            continue;
        uint32_t depth = 0;
        index[root] = low[root] = counter++;
        g->stack[sp++] = root;
        on_stack[root] = true;
        call[depth] = root;
        edge[depth++] = g->start[root];
        while (depth) {
            uint32_t v = call[depth - 1];
            if (edge[depth - 1] < g->start[v + 1]) {
                uint32_t w = g->next[edge[depth - 1]++];
                if (index[w] == unset) {
                    index[w] = low[w] = counter++;
                    g->stack[sp++] = w;
                    on_stack[w] = true;
                    call[depth] = w;
                    edge[depth++] = g->start[w];
                } else if (on_stack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                uint32_t x;
                do {
                    x = g->stack[--sp];
                    on_stack[x] = false;
                    g->comp[x] = comps;
                } while (x != v);
                comps++;
            }
            if (--depth && low[v] < low[call[depth - 1]])
                low[call[depth - 1]] = low[v];
        }
    }
    /* the component graph: count, then fill (duplicate edges do no harm) */
    g->comp_start = calloc((size_t)comps + 2, sizeof *g->comp_start);
    g->comp_next = malloc(((size_t)g->start[n] + 1) * sizeof *g->comp_next);
    if (!g->comp_start || !g->comp_next)
        goto done;
    for (uint32_t v = 0; v < n; v++)
        for (uint32_t i = g->start[v]; i < g->start[v + 1]; i++)
            if (g->comp[g->next[i]] != g->comp[v])
                g->comp_start[g->comp[v] + 1]++;
    for (uint32_t c = 0; c < comps; c++)
        g->comp_start[c + 1] += g->comp_start[c];
    for (uint32_t c = 0; c <= comps; c++)
        index[c] = g->comp_start[c]; /* reused as fill positions */
    for (uint32_t v = 0; v < n; v++)
        for (uint32_t i = g->start[v]; i < g->start[v + 1]; i++)
            if (g->comp[g->next[i]] != g->comp[v])
                g->comp_next[index[g->comp[v]]++] = g->comp[g->next[i]];
    status = 0;
done:
    free(index);
    free(low);
    free(call);
    free(edge);
    free(on_stack);
    return status;
}

static int body_graph_build(body_graph *g, const sv_model *m)
{
    memset(g, 0, sizeof *g);
    size_t n = m->body_count, edges = 0;
    for (uint32_t r = 0; r < m->reporting_count; r++)
        edges += m->reporting[r].to.count;
    g->start = calloc(n + 2, sizeof *g->start);
    g->next = malloc((edges + n + 1) * sizeof *g->next);
    g->stamp = calloc(n + 1, sizeof *g->stamp);
    g->stack = malloc((n + 1) * sizeof *g->stack);
    if (!g->start || !g->next || !g->stamp || !g->stack)
        return -1;
    /* count, then fill (counting sort by source body) */
    for (uint32_t b = 0; b < n; b++)
        if (m->bodies[b].reports_to.target != SV_NONE)
            g->start[b + 1]++;
    for (uint32_t r = 0; r < m->reporting_count; r++) {
        const sv_reporting *flow = &m->reporting[r];
        if (flow->from.target == SV_NONE || element_of(m, flow->from.target)->kind != SV_KIND_BODY)
            continue;
        for (uint32_t k = 0; k < flow->to.count; k++)
            if (element_of(m, flow->to.items[k].target)->kind == SV_KIND_BODY)
                g->start[element_of(m, flow->from.target)->index + 1]++;
    }
    for (size_t b = 0; b < n; b++)
        g->start[b + 1] += g->start[b];
    uint32_t *fill = malloc((n + 1) * sizeof *fill);
    if (!fill)
        return -1;
    memcpy(fill, g->start, (n + 1) * sizeof *fill);
    for (uint32_t b = 0; b < n; b++)
        if (m->bodies[b].reports_to.target != SV_NONE)
            g->next[fill[b]++] = element_of(m, m->bodies[b].reports_to.target)->index;
    for (uint32_t r = 0; r < m->reporting_count; r++) {
        const sv_reporting *flow = &m->reporting[r];
        if (flow->from.target == SV_NONE || element_of(m, flow->from.target)->kind != SV_KIND_BODY)
            continue;
        uint32_t from = element_of(m, flow->from.target)->index;
        for (uint32_t k = 0; k < flow->to.count; k++)
            if (element_of(m, flow->to.items[k].target)->kind == SV_KIND_BODY)
                g->next[fill[from]++] = element_of(m, flow->to.items[k].target)->index;
    }
    free(fill);
    return body_graph_components(g, (uint32_t)n);
}

/* Does body a report to body b, directly or not (a path of one edge or
 * more)? Bodies of one component reach each other; otherwise a search
 * over the component graph, which has no circles. */
static bool reaches(body_graph *g, uint32_t a, uint32_t b)
{
    uint32_t mark = ++g->search;
    size_t top = 0;
    if (a == b) {
        /* back to itself: only along a circle, that is, through another
         * body of its component or over an edge to itself */
        for (uint32_t i = g->start[a]; i < g->start[a + 1]; i++)
            if (g->comp[g->next[i]] == g->comp[a])
                return true;
        return false;
    }
    uint32_t from = g->comp[a], to = g->comp[b];
    if (from == to)
        return true;
    g->stack[top++] = from;
    g->stamp[from] = mark;
    while (top) {
        uint32_t x = g->stack[--top];
        for (uint32_t i = g->comp_start[x]; i < g->comp_start[x + 1]; i++) {
            uint32_t y = g->comp_next[i];
            if (y == to)
                return true;
            if (g->stamp[y] != mark) {
                g->stamp[y] = mark;
                g->stack[top++] = y;
            }
        }
    }
    return false;
}

typedef struct chaired {
    sv_id person;
    uint32_t body;
} chaired;

static int compare_chaired(const void *pa, const void *pb)
{
    const chaired *a = pa, *b = pb;
    if (a->person != b->person)
        return a->person < b->person ? -1 : 1;
    return a->body < b->body ? -1 : a->body > b->body;
}

void sv_rule_dual_chair(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    /* the one person who holds each role, when exactly one does */
    sv_id *holder = malloc((m->element_count ? m->element_count : 1) * sizeof *holder);
    chaired *list = malloc((m->body_count ? m->body_count : 1) * sizeof *list);
    body_graph g = {0};
    if (!holder || !list || body_graph_build(&g, m) != 0) {
        free(holder);
        free(list);
        body_graph_free(&g);
        rc->failed = true;
        return;
    }
    for (sv_id el = 0; el < m->element_count; el++)
        holder[el] = SV_NONE;
    for (uint32_t p = 0; p < m->person_count; p++) {
        for (uint32_t r = 0; r < m->people[p].roles.count; r++) {
            sv_id role = m->people[p].roles.items[r].target;
            /* a second holder: no one person chairs through the role */
            holder[role] = holder[role] == SV_NONE ? m->people[p].el : m->element_count;
        }
    }
    size_t n = 0;
    for (uint32_t b = 0; b < m->body_count; b++) {
        sv_id chair = m->bodies[b].chair.target;
        if (chair != SV_NONE && element_of(m, chair)->kind == SV_KIND_ROLE)
            chair = holder[chair] < m->element_count ? holder[chair] : SV_NONE;
        if (chair != SV_NONE)
            list[n++] = (chaired){chair, b};
    }
    /* bodies chaired by the same person stand together; each pair once,
     * even when (in a circle) each reports to the other */
    qsort(list, n, sizeof *list, compare_chaired);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n && list[j].person == list[i].person; j++) {
            uint32_t low = list[i].body, high = list[j].body;
            if (!reaches(&g, low, high)) {
                if (!reaches(&g, high, low))
                    continue;
                low = list[j].body;
                high = list[i].body;
            }
            const sv_body *lower = &m->bodies[low], *upper = &m->bodies[high];
            sv_id person = list[i].person;
            sv_finding *f = sv_rule_emit(
                rc, person, lower->chair.pos,
                _("'%s' chairs both '%s' and '%s', and '%s' reports to '%s': the same person "
                  "answers for the work and for following it up; consider whether that leaves "
                  "the follow-up independent enough"),
                sv_rule_name(rc, person), sv_rule_name(rc, lower->el), sv_rule_name(rc, upper->el),
                sv_rule_name(rc, lower->el), sv_rule_name(rc, upper->el));
            sv_rule_relate(f, lower->el, element_of(m, lower->el)->pos);
            sv_rule_relate(f, upper->el, element_of(m, upper->el)->pos);
        }
    }
    free(holder);
    free(list);
    body_graph_free(&g);
}

static void mark(bool *used, sv_id el)
{
    if (el != SV_NONE)
        used[el] = true;
}

static void mark_refs(bool *used, const sv_refs *refs)
{
    for (uint32_t k = 0; k < refs->count; k++)
        mark(used, refs->items[k].target);
}

void sv_rule_isolated_element(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    bool *used = calloc(m->element_count ? m->element_count : 1, sizeof *used);
    if (!used) {
        rc->failed = true;
        return;
    }
    for (uint32_t b = 0; b < m->body_count; b++) {
        mark_refs(used, &m->bodies[b].members);
        mark(used, m->bodies[b].chair.target);
        /* format 1.1: an ersättare and the head of a body take part in it */
        mark_refs(used, &m->bodies[b].deputies);
        mark(used, m->bodies[b].led_by.target);
    }
    /* format 1.1: leading a unit or a team is taking part, for both ends */
    for (uint32_t p = 0; p < m->person_count + m->role_count; p++) {
        bool person = p < m->person_count;
        const sv_refs *leads = person ? &m->people[p].leads : &m->roles[p - m->person_count].leads;
        if (leads->count)
            mark(used, person ? m->people[p].el : m->roles[p - m->person_count].el);
        mark_refs(used, leads);
    }
    for (uint32_t s = 0; s < m->step_count; s++) {
        mark_refs(used, &m->steps[s].responsible);
        mark_refs(used, &m->steps[s].accountable);
        mark_refs(used, &m->steps[s].consulted);
        mark_refs(used, &m->steps[s].informed);
    }
    for (uint32_t p = 0; p < m->process_count; p++)
        mark(used, m->processes[p].owner.target);
    for (uint32_t g = 0; g < m->goal_count; g++)
        mark(used, m->goals[g].owner.target);
    for (uint32_t r = 0; r < m->reporting_count; r++) {
        mark(used, m->reporting[r].from.target);
        mark_refs(used, &m->reporting[r].to);
    }
    /* format 1.1: owning, financing, carrying out or evaluating a project, paying a share,
     * auditing the agreement and being an instance of a body are a place too */
    for (uint32_t p = 0; p < m->project_count; p++) {
        mark(used, m->projects[p].owner.target);
        mark_refs(used, &m->projects[p].financiers);
        mark_refs(used, &m->projects[p].providers);
        mark(used, m->projects[p].evaluation_by.target);
    }
    for (uint32_t i = 0; i < m->agreement.funding.share_count; i++)
        mark(used, m->agreement.funding.shares[i].party.target);
    mark(used, m->agreement.audited_by.target);
    for (uint32_t b = 0; b < m->body_count; b++)
        mark_refs(used, &m->bodies[b].for_each_parties);
    /* a person is used through a used role and a role through its person */
    for (uint32_t p = 0; p < m->person_count; p++) {
        const sv_person *person = &m->people[p];
        for (uint32_t r = 0; r < person->roles.count; r++) {
            if (used[person->roles.items[r].target])
                used[person->el] = true;
        }
        if (used[person->el])
            mark_refs(used, &person->roles);
    }
    /* a party is used when one of its units, roles or people is */
    for (sv_id el = 0; el < m->element_count; el++) {
        if (!used[el])
            continue;
        const sv_element *e = element_of(m, el);
        sv_id up = SV_NONE;
        if (e->kind == SV_KIND_PARTY)
            up = m->parties[e->index].part_of.target;
        else if (e->kind == SV_KIND_ROLE)
            up = m->roles[e->index].party.target;
        else if (e->kind == SV_KIND_PERSON)
            up = m->people[e->index].party.target;
        for (uint32_t hops = 0; up != SV_NONE && !used[up] && hops <= m->party_count; hops++) {
            used[up] = true;
            up = m->parties[element_of(m, up)->index].part_of.target;
        }
    }
    /* parents marked late (a unit after its parent in element order) */
    for (uint32_t i = 0; i < m->party_count; i++) {
        sv_id el = m->parties[i].el;
        for (sv_id up = m->parties[i].part_of.target; used[el] && up != SV_NONE && !used[up];
             up = m->parties[element_of(m, up)->index].part_of.target)
            used[up] = true;
    }
    for (sv_id el = 0; el < m->element_count; el++) {
        sv_kind kind = element_of(m, el)->kind;
        if (used[el] || (kind != SV_KIND_PARTY && kind != SV_KIND_ROLE && kind != SV_KIND_PERSON))
            continue;
        sv_rule_emit(rc, el, element_of(m, el)->pos,
                     _("'%s' takes part in nothing: it sits in no body, answers for no step, goal "
                       "or process and sends or receives no report; give it its place, or remove "
                       "it"),
                     sv_rule_name(rc, el));
    }
    free(used);
}
