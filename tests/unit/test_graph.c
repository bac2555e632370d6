/*
 * The graph stage: each igraph view has the vertices and edges the model
 * says, maps vertices back to elements, and an igraph error is reported
 * instead of aborting the process.
 */
#include <stdlib.h>

#include <igraph.h>

#include "helpers.h"
#include "samverkan/metrics.h"

static const char *model_yaml =
    "samverkan: 1\n"
    "agreement: {id: avtal, name: Avtal}\n"
    "parties:\n"
    "  - {id: af, name: AF, kind: agency}\n"
    "  - {id: kommun, name: Kommunen, kind: municipality}\n"
    "people:\n"
    "  - {id: ordf, name: Ordförande, party: kommun}\n"
    "bodies:\n"
    "  - {id: styrelse, name: S, level: decision, kind: board, members: [af, kommun], chair: ordf}\n"
    "  - {id: sg, name: SG, level: operational, kind: steering-group, members: [af, ordf], chair: ordf, reports_to: styrelse}\n"
    "  - {id: torg, name: T, level: delivery, kind: service-point, members: af, reports_to: sg}\n"
    "processes:\n"
    "  - id: p\n    name: P\n    steps:\n"
    "      - {id: a, name: A, kind: start, next: [b, c]}\n"
    "      - {id: b, name: B, next: c}\n"
    "      - {id: c, name: C, kind: end}\n"
    "reporting:\n"
    "  - {from: torg, to: [sg, af], what: Statistik}\n";

static sv_id id_of(const sv_model *m, const char *id)
{
    sv_id el = sv_model_find(m, id);
    assert_int_not_equal(el, SV_NONE);
    return el;
}

/* Whether `g` has an edge from vertex `from` to vertex `to`. */
static bool has_edge(const sv_graph *g, uint32_t from, uint32_t to)
{
    uint32_t a, b;
    for (size_t e = 0; sv_graph_edge(g, e, &a, &b); e++)
        if (a == from && b == to)
            return true;
    return false;
}

static void test_governance_view(void **state)
{
    (void)state;
    sv_model *m = assert_loads(model_yaml);
    sv_graph *g = NULL;
    assert_int_equal(sv_graph_governance(&g, m), 0);
    assert_int_equal(sv_graph_vertex_count(g), 3);
    assert_int_equal(sv_graph_edge_count(g), 2);
    assert_true(sv_graph_is_directed(g));
    /* vertex = body index; edges torg -> sg, sg -> styrelse */
    assert_int_equal(sv_graph_vertex_element(g, 2), id_of(m, "torg"));
    assert_int_equal(sv_graph_vertex_element(g, 3), SV_NONE);
    assert_true(has_edge(g, 2, 1));
    assert_true(has_edge(g, 1, 0));
    assert_false(has_edge(g, 1, 2));
    uint32_t from, to;
    assert_false(sv_graph_edge(g, 2, &from, &to));
    sv_graph_free(g);
    sv_model_free(m);
}

static void test_seats_view(void **state)
{
    (void)state;
    sv_model *m = assert_loads(model_yaml);
    sv_graph *g = NULL;
    assert_int_equal(sv_graph_seats(&g, m), 0);
    /* 3 bodies + af, kommun, ordf */
    assert_int_equal(sv_graph_vertex_count(g), 6);
    /* styrelse: af, kommun, ordf; sg: af, ordf (member and chair: one seat); torg: af */
    assert_int_equal(sv_graph_edge_count(g), 6);
    assert_false(sv_graph_is_directed(g));
    assert_int_equal(sv_graph_vertex_element(g, 3), id_of(m, "af"));
    assert_int_equal(sv_graph_vertex_element(g, 5), id_of(m, "ordf"));
    sv_graph_free(g);
    sv_model_free(m);
}

static void test_flow_view(void **state)
{
    (void)state;
    sv_model *m = assert_loads(model_yaml);
    sv_graph *g = NULL;
    assert_int_equal(sv_graph_flow(&g, m, 0), 0);
    assert_int_equal(sv_graph_vertex_count(g), 3);
    assert_int_equal(sv_graph_edge_count(g), 3);
    assert_int_equal(sv_graph_vertex_element(g, 1), id_of(m, "p/b"));
    assert_true(has_edge(g, 0, 2)); /* a -> c */
    sv_graph_free(g);
    /* a process past the last is refused, not read */
    g = (sv_graph *)&g;
    assert_int_equal(sv_graph_flow(&g, m, 1), -1);
    assert_null(g);
    assert_non_null(strstr(sv_graph_last_error(), "process 1"));
    sv_graph_free(NULL);
    sv_model_free(m);
}

static void test_reporting_view(void **state)
{
    (void)state;
    sv_model *m = assert_loads(model_yaml);
    sv_graph *g = NULL;
    assert_int_equal(sv_graph_reporting(&g, m), 0);
    assert_int_equal(sv_graph_vertex_count(g), m->element_count);
    assert_int_equal(sv_graph_edge_count(g), 2);
    assert_true(has_edge(g, id_of(m, "torg"), id_of(m, "af")));
    assert_true(has_edge(g, id_of(m, "torg"), id_of(m, "sg")));
    sv_graph_free(g);
    sv_model_free(m);
}

/* After sv_library_init, an igraph error is recorded instead of aborting. */
static void test_igraph_error_does_not_abort(void **state)
{
    (void)state;
    igraph_t g;
    igraph_vector_int_t result;
    assert_int_equal(igraph_empty(&g, 2, IGRAPH_DIRECTED), IGRAPH_SUCCESS);
    assert_int_equal(igraph_vector_int_init(&result, 0), IGRAPH_SUCCESS);
    /* vertex 7 does not exist: igraph's default handler would abort here */
    igraph_error_t err = igraph_subcomponent(&g, &result, 7, IGRAPH_ALL);
    assert_int_not_equal(err, IGRAPH_SUCCESS);
    assert_non_null(strstr(sv_graph_last_error(), "ertex"));
    igraph_vector_int_destroy(&result);
    igraph_destroy(&g);
}

/* Betweenness: exact within the work budget; past it estimated from k
 * sources with a fixed seed: the same figures every run, flagged as an
 * estimate, and close to the exact ones (on Umeå, with a third of its
 * vertices as sources). */
static void test_betweenness_estimate(void **state)
{
    (void)state;
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    assert_int_equal(sv_model_load(&m, "models/umea-2024.yaml", NULL, &d), 0);
    sv_metrics exact = {0}, a = {0}, b = {0};
    assert_int_equal(sv_metrics_compute(&exact, m, &d), 0);
    assert_false(exact.betweenness_sampled);
    assert_int_equal(exact.betweenness_sources, exact.betweenness_vertices);
    /* a budget of a third of the sources' work */
    uint32_t k = exact.betweenness_vertices / 3;
    assert_true(k >= 10);
    assert_int_equal(sv_metrics_compute_within(&a, m, 1.0, k, &d), 0);
    assert_int_equal(sv_metrics_compute_within(&b, m, 1.0, k, &d), 0);
    assert_true(a.betweenness_sampled);
    assert_int_equal(a.betweenness_sources, k);
    assert_int_equal(a.betweenness_vertices, exact.betweenness_vertices);
    double sum_exact = 0, sum_estimate = 0;
    size_t top_exact = 0, top_estimate = 0;
    for (size_t i = 0; i < exact.count; i++) {
        assert_true(a.items[i].betweenness == b.items[i].betweenness); /* fixed seed */
        sum_exact += exact.items[i].betweenness;
        sum_estimate += a.items[i].betweenness;
        if (exact.items[i].betweenness > exact.items[top_exact].betweenness)
            top_exact = i;
        if (a.items[i].betweenness > a.items[top_estimate].betweenness)
            top_estimate = i;
    }
    assert_true(sum_exact > 0);
    assert_true(sum_estimate > 0.7 * sum_exact && sum_estimate < 1.3 * sum_exact);
    assert_int_equal(top_estimate, top_exact);
    sv_metrics_free(&exact);
    sv_metrics_free(&a);
    sv_metrics_free(&b);
    sv_model_free(m);
    sv_diags_free(&d);
}

/* Format 1.1: metrics count the bodies a for_each entry stands for. */
static void test_metrics_instances(void **state)
{
    (void)state;
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    assert_int_equal(sv_model_load(&m, "tests/data/good/format-1-1-projects.yaml", NULL, &d), 0);
    sv_metrics mt;
    assert_int_equal(sv_metrics_compute(&mt, m, &d), 0);
    sv_diags_free(&d);
    /* bodies first, in model order */
    assert_int_equal(mt.items[0].element, sv_model_find(m, "styrelsen"));
    assert_int_equal(mt.items[0].instances, 1);
    assert_int_equal(mt.items[2].element, sv_model_find(m, "lokala-team"));
    assert_int_equal(mt.items[2].instances, 2);
    assert_int_equal(mt.items[3].instances, 2); /* one per project */
    assert_int_equal(mt.items[4].instances, 2); /* one per listed party */
    assert_int_equal(mt.items[m->body_count].instances, 1); /* a party */
    sv_metrics_free(&mt);
    sv_model_free(m);
}

int main(void)
{
    sv_library_init(); /* the first call into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_governance_view),
        cmocka_unit_test(test_betweenness_estimate),
        cmocka_unit_test(test_seats_view),
        cmocka_unit_test(test_flow_view),
        cmocka_unit_test(test_reporting_view),
        cmocka_unit_test(test_igraph_error_does_not_abort),
        cmocka_unit_test(test_metrics_instances),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
