/*
 * Graph figures per element (see samverkan/metrics.h). Degree and
 * betweenness come from igraph on the seat graph; seats, chairs and
 * accountabilities are counted on the model, a party's including those of
 * its units, roles and people (the same "belongs to" as the audit uses),
 * in one pass over the seats and one over the steps. Betweenness is
 * igraph's exact algorithm (Brandes): a breadth-first search from every
 * vertex, so it grows with vertices times edges and dominates on large
 * models.
 */
#include "samverkan/metrics.h"

#include <stdlib.h>
#include <string.h>

#include "graph/graph_internal.h"
#include "util/i18n.h"

/* Who a seat or an accountability counts for. A holder (a party, role or
 * person) counts for itself when it is a person, for every party it
 * belongs to (a party: itself and the parties it is part of; a role: its
 * party's; a person: its party's and its roles'), and a role also for each
 * person who holds it. Rather than asking that for every pair of element
 * and seat, each seat marks the elements it counts for, once per body
 * (or step), and the marks are added up: linear in the seats. */
enum { COUNTS_SITS = 1, COUNTS_CHAIRS = 2 };

typedef struct tally {
    const sv_model *m;
    uint32_t *stamp;      /* per element: the body or step that marked it last */
    unsigned char *how;   /* per element: COUNTS_* for that body or step */
    sv_id *touched;       /* the elements marked for it */
    size_t touched_count;
    uint32_t *held_start; /* the people holding role r (its element index) are */
    sv_id *held_by;       /* held_by[held_start[r] .. held_start[r + 1]) */
} tally;

static void mark(tally *t, sv_id who, uint32_t stamp, unsigned bit)
{
    if (t->stamp[who] != stamp) {
        t->stamp[who] = stamp;
        t->how[who] = 0;
        t->touched[t->touched_count++] = who;
    }
    t->how[who] |= (unsigned char)bit;
}

static void mark_parties(tally *t, sv_id party, uint32_t stamp, unsigned bit)
{
    const sv_model *m = t->m;
    for (uint32_t hops = 0; party != SV_NONE && hops <= m->party_count; hops++) {
        mark(t, party, stamp, bit);
        party = m->parties[m->elements[party].index].part_of.target;
    }
}

static void mark_holder(tally *t, sv_id h, uint32_t stamp, unsigned bit)
{
    const sv_model *m = t->m;
    if (h == SV_NONE)
        return;
    const sv_element *e = &m->elements[h];
    if (e->kind == SV_KIND_PARTY) {
        mark_parties(t, h, stamp, bit);
    } else if (e->kind == SV_KIND_ROLE) {
        mark_parties(t, m->roles[e->index].party.target, stamp, bit);
        for (uint32_t i = t->held_start[h]; i < t->held_start[h + 1]; i++)
            mark(t, t->held_by[i], stamp, bit);
    } else if (e->kind == SV_KIND_PERSON) {
        const sv_person *p = &m->people[e->index];
        mark(t, h, stamp, bit);
        for (uint32_t r = 0; r < p->roles.count; r++) {
            sv_id role = p->roles.items[r].target;
            if (role != SV_NONE)
                mark_parties(t, m->roles[m->elements[role].index].party.target, stamp, bit);
        }
        mark_parties(t, p->party.target, stamp, bit);
    }
    /* a body counts for nobody */
}

static int tally_init(tally *t, const sv_model *m)
{
    size_t n = m->element_count ? m->element_count : 1;
    memset(t, 0, sizeof *t);
    t->m = m;
    t->stamp = calloc(n, sizeof *t->stamp);
    t->how = calloc(n, sizeof *t->how);
    t->touched = malloc(n * sizeof *t->touched);
    t->held_start = calloc(n + 1, sizeof *t->held_start);
    size_t held = 0;
    for (uint32_t p = 0; p < m->person_count; p++)
        held += m->people[p].roles.count;
    t->held_by = malloc((held ? held : 1) * sizeof *t->held_by);
    if (!t->stamp || !t->how || !t->touched || !t->held_start || !t->held_by)
        return -1;
    for (uint32_t p = 0; p < m->person_count; p++)
        for (uint32_t r = 0; r < m->people[p].roles.count; r++)
            if (m->people[p].roles.items[r].target != SV_NONE)
                t->held_start[m->people[p].roles.items[r].target + 1]++;
    for (size_t el = 0; el < m->element_count; el++)
        t->held_start[el + 1] += t->held_start[el];
    uint32_t *fill = malloc(n * sizeof *fill);
    if (!fill)
        return -1;
    memcpy(fill, t->held_start, n * sizeof *fill);
    for (uint32_t p = 0; p < m->person_count; p++)
        for (uint32_t r = 0; r < m->people[p].roles.count; r++)
            if (m->people[p].roles.items[r].target != SV_NONE)
                t->held_by[fill[m->people[p].roles.items[r].target]++] = m->people[p].el;
    free(fill);
    return 0;
}

static void tally_free(tally *t)
{
    free(t->stamp);
    free(t->how);
    free(t->touched);
    free(t->held_start);
    free(t->held_by);
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

/* A fixed-seed generator (splitmix64) for the sample of sources, so that
 * the estimate is the same on every run and machine. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Betweenness in the seat graph. Exact (Brandes: V·E steps) while that
 * work is within SV_METRICS_EXACT_WORK; above, the estimate of Brandes and
 * Pich (2007): the dependencies of k sources drawn without replacement
 * with a fixed seed, scaled by V / k, which is unbiased; k is what the same
 * work allows (at least SV_METRICS_MIN_SOURCES), so that the cost stops
 * growing with V. docs/performance.md gives the measured error. */
static int betweenness(const sv_graph *g, igraph_vector_t *out, sv_metrics *metrics, double work,
                       uint32_t min_sources)
{
    igraph_integer_t n = igraph_vcount(&g->graph);
    metrics->betweenness_sources = (uint32_t)n;
    metrics->betweenness_vertices = (uint32_t)n;
    metrics->betweenness_sampled = false;
    double edges = (double)igraph_ecount(&g->graph);
    if ((double)n * edges <= work)
        return igraph_betweenness(&g->graph, out, igraph_vss_all(), false, NULL) == IGRAPH_SUCCESS ? 0 : -1;
    double affordable = work / (edges > 0 ? edges : 1);
    igraph_integer_t k = affordable < min_sources ? (igraph_integer_t)min_sources
                                                  : (igraph_integer_t)affordable;
    if (k < 1)
        k = 1;
    if (k >= n)
        return igraph_betweenness(&g->graph, out, igraph_vss_all(), false, NULL) == IGRAPH_SUCCESS ? 0 : -1;
    igraph_integer_t *order = malloc((size_t)n * sizeof *order);
    igraph_vector_int_t sources;
    if (!order)
        return -1;
    if (igraph_vector_int_init(&sources, k) != IGRAPH_SUCCESS) {
        free(order);
        return -1;
    }
    for (igraph_integer_t i = 0; i < n; i++)
        order[i] = i;
    uint64_t state = 20241119;
    for (igraph_integer_t i = 0; i < k; i++) {
        igraph_integer_t j = i + (igraph_integer_t)(next_random(&state) % (uint64_t)(n - i));
        igraph_integer_t t = order[i];
        order[i] = order[j];
        order[j] = t;
        VECTOR(sources)[i] = order[i];
    }
    free(order);
    int r = igraph_betweenness_subset(&g->graph, out, igraph_vss_all(), false,
                                      igraph_vss_vector(&sources), igraph_vss_all(), NULL) ==
                    IGRAPH_SUCCESS
                ? 0
                : -1;
    igraph_vector_int_destroy(&sources);
    if (r == 0) {
        igraph_vector_scale(out, (igraph_real_t)n / (igraph_real_t)k);
        metrics->betweenness_sources = (uint32_t)k;
        metrics->betweenness_sampled = true;
    }
    return r;
}

int sv_metrics_compute_within(sv_metrics *out, const sv_model *m, double work, uint32_t min_sources,
                               sv_diags *diags)
{
    memset(out, 0, sizeof *out);
    sv_graph g;
    if (sv_graph_build_seats(&g, m) != 0) {
        sv_diags_add(diags, "graph", (sv_pos){m->source->path, 0, 0},
                     _("could not build the seat graph: %s"), sv_graph_last_error());
        return -1;
    }
    size_t n = (size_t)m->body_count + m->party_count + m->person_count;
    out->items = calloc(n ? n : 1, sizeof *out->items);
    int *distance = malloc((m->body_count ? m->body_count : 1) * sizeof *distance);
    /* vertex of each element in the seat graph, -1 when it has none */
    igraph_integer_t *vertex = malloc((m->element_count ? m->element_count : 1) * sizeof *vertex);
    uint32_t *item_of = malloc((m->element_count ? m->element_count : 1) * sizeof *item_of);
    tally t;
    int tally_ok = tally_init(&t, m);
    igraph_vector_t between;
    bool between_ready = false;
    int result = -1;
    if (!out->items || !distance || !vertex || !item_of || tally_ok != 0)
        goto done;
    for (sv_id el = 0; el < m->element_count; el++)
        vertex[el] = -1;
    for (uint32_t v = 0; v < g.vertex_count; v++)
        vertex[g.vertex_element[v]] = v;
    if (igraph_vector_init(&between, 0) != IGRAPH_SUCCESS)
        goto done;
    between_ready = true;
    if (betweenness(&g, &between, out, work, min_sources) != 0) {
        sv_diags_add(diags, "graph", (sv_pos){m->source->path, 0, 0},
                     _("could not compute betweenness: %s"), sv_graph_last_error());
        goto done;
    }
    for (uint32_t b = 0; b < m->body_count; b++)
        distance[b] = body_distance(m, b);
    /* one item per body, party and person, in that order */
    for (int pass = 0; pass < 3; pass++) {
        uint32_t count = pass == 0 ? m->body_count : pass == 1 ? m->party_count : m->person_count;
        for (uint32_t i = 0; i < count; i++) {
            sv_id el = pass == 0 ? m->bodies[i].el : pass == 1 ? m->parties[i].el : m->people[i].el;
            sv_metric *mt = &out->items[out->count];
            item_of[el] = (uint32_t)out->count++;
            mt->element = el;
            mt->distance = -1;
            mt->instances = pass == 0 ? sv_body_instances(m, i) : 1;
            if (vertex[el] >= 0) {
                igraph_integer_t degree;
                if (igraph_degree_1(&g.graph, &degree, vertex[el], IGRAPH_ALL, true) == IGRAPH_SUCCESS)
                    mt->degree = (uint32_t)degree;
                mt->betweenness = VECTOR(between)[vertex[el]];
            }
            if (pass == 0) {
                mt->seats = m->bodies[i].members.count;
                mt->distance = distance[i];
            }
        }
    }
    /* seats and chairs of parties and people: what each body's seats count for */
    for (uint32_t b = 0; b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        uint32_t stamp = b + 1;
        t.touched_count = 0;
        for (uint32_t k = 0; k < body->members.count; k++)
            mark_holder(&t, body->members.items[k].target, stamp, COUNTS_SITS);
        mark_holder(&t, body->chair.target, stamp, COUNTS_CHAIRS);
        for (size_t i = 0; i < t.touched_count; i++) {
            sv_id who = t.touched[i];
            sv_metric *mt = &out->items[item_of[who]];
            bool sits = t.how[who] & COUNTS_SITS, chairs = t.how[who] & COUNTS_CHAIRS;
            mt->seats += sits;
            if (distance[b] >= 0 && (mt->distance < 0 || distance[b] < mt->distance))
                mt->distance = distance[b];
            mt->chairs += chairs;
        }
    }
    /* accountabilities: a body's are the entries that name it; a party's or
     * person's the steps that one of their own answers for */
    for (uint32_t s = 0; s < m->step_count; s++) {
        const sv_refs *acc = &m->steps[s].accountable;
        uint32_t stamp = m->body_count + s + 1;
        t.touched_count = 0;
        for (uint32_t k = 0; k < acc->count; k++) {
            sv_id h = acc->items[k].target;
            if (h != SV_NONE && m->elements[h].kind == SV_KIND_BODY)
                out->items[item_of[h]].accountable++;
            else
                mark_holder(&t, h, stamp, COUNTS_SITS);
        }
        for (size_t i = 0; i < t.touched_count; i++)
            out->items[item_of[t.touched[i]]].accountable++;
    }
    result = 0;
done:
    if (between_ready)
        igraph_vector_destroy(&between);
    free(distance);
    free(vertex);
    free(item_of);
    tally_free(&t);
    sv_graph_clear(&g);
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

int sv_metrics_compute(sv_metrics *out, const sv_model *m, sv_diags *diags)
{
    return sv_metrics_compute_within(out, m, SV_METRICS_EXACT_WORK, SV_METRICS_MIN_SOURCES, diags);
}
