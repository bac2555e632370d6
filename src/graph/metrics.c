/*
 * Graph figures per element (see samverkan/metrics.h). Degree and
 * betweenness come from igraph on the seat graph; seats, chairs and
 * accountabilities are counted on the model, a party's including those of
 * its units, roles and people (the same "belongs to" as the audit uses).
 */
#include "samverkan/metrics.h"

#include <stdlib.h>
#include <string.h>

#include "samverkan/graph.h"
#include "util/i18n.h"

/* The chain of parties `el` belongs to, nearest first: for each element,
 * whether it counts for party p (itself or a unit, role or person of it). */
static bool belongs(const sv_model *m, sv_id el, sv_id party)
{
    for (uint32_t hops = 0; el != SV_NONE && hops <= m->element_count; hops++) {
        if (el == party)
            return true;
        const sv_element *e = &m->elements[el];
        if (e->kind == SV_KIND_PARTY) {
            el = m->parties[e->index].part_of.target;
        } else if (e->kind == SV_KIND_ROLE) {
            el = m->roles[e->index].party.target;
        } else if (e->kind == SV_KIND_PERSON) {
            const sv_person *p = &m->people[e->index];
            for (uint32_t r = 0; r < p->roles.count; r++)
                if (belongs(m, p->roles.items[r].target, party))
                    return true;
            el = p->party.target;
        } else {
            return false;
        }
    }
    return false;
}

/* Does holder `h` (a party, role or person) count for element `who`? A
 * person counts for itself and through the roles it holds. */
static bool counts_for(const sv_model *m, sv_id h, sv_id who)
{
    if (h == SV_NONE)
        return false;
    const sv_element *w = &m->elements[who];
    if (w->kind == SV_KIND_PARTY)
        return belongs(m, h, who);
    if (h == who)
        return true;
    if (m->elements[h].kind == SV_KIND_ROLE) {
        const sv_person *p = &m->people[w->index];
        for (uint32_t r = 0; r < p->roles.count; r++)
            if (p->roles.items[r].target == h)
                return true;
    }
    return false;
}

static int body_distance(const sv_model *m, uint32_t b)
{
    for (int hops = 0; hops <= (int)m->body_count; hops++) {
        if (m->bodies[b].level == SV_LEVEL_DECISION)
            return hops;
        sv_id up = m->bodies[b].reports_to.target;
        if (up == SV_NONE)
            return -1;
        b = m->elements[up].index;
    }
    return -1; /* a circle */
}

int sv_metrics_compute(sv_metrics *out, const sv_model *m, sv_diags *diags)
{
    memset(out, 0, sizeof *out);
    sv_graph g;
    if (sv_graph_seats(&g, m) != 0) {
        sv_diags_add(diags, "graph", (sv_pos){m->source->path, 0, 0},
                     _("could not build the seat graph: %s"), sv_graph_last_error());
        return -1;
    }
    size_t n = (size_t)m->body_count + m->party_count + m->person_count;
    out->items = calloc(n ? n : 1, sizeof *out->items);
    int *distance = malloc((m->body_count ? m->body_count : 1) * sizeof *distance);
    /* vertex of each element in the seat graph, -1 when it has none */
    igraph_integer_t *vertex = malloc((m->element_count ? m->element_count : 1) * sizeof *vertex);
    igraph_vector_t between;
    bool between_ready = false;
    int result = -1;
    if (!out->items || !distance || !vertex)
        goto done;
    for (sv_id el = 0; el < m->element_count; el++)
        vertex[el] = -1;
    for (uint32_t v = 0; v < g.vertex_count; v++)
        vertex[g.vertex_element[v]] = v;
    if (igraph_vector_init(&between, 0) != IGRAPH_SUCCESS)
        goto done;
    between_ready = true;
    if (igraph_betweenness(&g.graph, &between, igraph_vss_all(), false, NULL) != IGRAPH_SUCCESS) {
        sv_diags_add(diags, "graph", (sv_pos){m->source->path, 0, 0},
                     _("could not compute betweenness: %s"), sv_graph_last_error());
        goto done;
    }
    for (uint32_t b = 0; b < m->body_count; b++)
        distance[b] = body_distance(m, b);
    for (int pass = 0; pass < 3; pass++) {
        uint32_t count = pass == 0 ? m->body_count : pass == 1 ? m->party_count : m->person_count;
        for (uint32_t i = 0; i < count; i++) {
            sv_id el = pass == 0 ? m->bodies[i].el : pass == 1 ? m->parties[i].el : m->people[i].el;
            sv_metric *mt = &out->items[out->count++];
            mt->element = el;
            mt->distance = -1;
            if (vertex[el] >= 0) {
                igraph_integer_t degree;
                if (igraph_degree_1(&g.graph, &degree, vertex[el], IGRAPH_ALL, true) == IGRAPH_SUCCESS)
                    mt->degree = (uint32_t)degree;
                mt->betweenness = VECTOR(between)[vertex[el]];
            }
            if (pass == 0) {
                mt->seats = m->bodies[i].members.count;
                mt->distance = distance[i];
                for (uint32_t s = 0; s < m->step_count; s++)
                    for (uint32_t k = 0; k < m->steps[s].accountable.count; k++)
                        mt->accountable += m->steps[s].accountable.items[k].target == el;
                continue;
            }
            for (uint32_t b = 0; b < m->body_count; b++) {
                const sv_body *body = &m->bodies[b];
                bool sits = false;
                for (uint32_t k = 0; k < body->members.count && !sits; k++)
                    sits = counts_for(m, body->members.items[k].target, el);
                bool chairs = counts_for(m, body->chair.target, el);
                if (sits || chairs) {
                    mt->seats += sits;
                    if (distance[b] >= 0 && (mt->distance < 0 || distance[b] < mt->distance))
                        mt->distance = distance[b];
                }
                mt->chairs += chairs;
            }
            for (uint32_t s = 0; s < m->step_count; s++) {
                bool answers = false;
                for (uint32_t k = 0; k < m->steps[s].accountable.count && !answers; k++)
                    answers = counts_for(m, m->steps[s].accountable.items[k].target, el);
                mt->accountable += answers;
            }
        }
    }
    result = 0;
done:
    if (between_ready)
        igraph_vector_destroy(&between);
    free(distance);
    free(vertex);
    sv_graph_free(&g);
    if (result != 0)
        sv_metrics_free(out);
    return result;
}

void sv_metrics_free(sv_metrics *metrics)
{
    if (!metrics)
        return;
    free(metrics->items);
    memset(metrics, 0, sizeof *metrics);
}
