/*
 * What a rule function sees: the model, lazily built graphs, and emit()
 * to append a finding under its own rule name and severity.
 */
#ifndef SV_RULES_INTERNAL_H
#define SV_RULES_INTERNAL_H

#include "graph/graph_internal.h"
#include "samverkan/rules.h"

enum {
#define SV_RULE(ident, name, sev, question, summary) SV_RULE_##ident,
#include "catalogue/rules.def"
#undef SV_RULE
    SV_RULE_COUNT
};

typedef struct sv_rule_ctx {
    const sv_model *model;
    int year;
    sv_findings *findings;
    size_t rule;             /* the rule running now */
    sv_severity severity;    /* its severity in this run */
    bool severity_given;     /* set by the configuration or --rule: no step down by level */
    bool failed;             /* a graph could not be built */
    sv_diags *diags;
    sv_graph governance;     /* built on first use by sv_rule_governance() */
    sv_graph *flows;         /* per process, built on first use by sv_rule_flow() */
    sv_graph seats;          /* built on first use by sv_rule_seats() */
} sv_rule_ctx;

/* Appends a finding about `element` at `pos`; returns it so that related
 * elements can be attached, or NULL when out of memory. */
sv_finding *sv_rule_emit(sv_rule_ctx *rc, sv_id element, sv_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void sv_rule_relate(sv_finding *finding, sv_id element, sv_pos pos);

/* The governance graph, built once per run; NULL when it failed. */
const sv_graph *sv_rule_governance(sv_rule_ctx *rc);

/* The flow graph of one process (vertex = step index - first_step), and
 * the seat graph; built once per run; NULL when it failed. */
const sv_graph *sv_rule_flow(sv_rule_ctx *rc, uint32_t process);
const sv_graph *sv_rule_seats(sv_rule_ctx *rc);

/* Marks in `reached` (one flag per vertex, cleared by the caller) every
 * vertex reachable along edges from `root`, root included. Returns -1 when
 * igraph fails (rc->failed is set). */
int sv_rule_reach(sv_rule_ctx *rc, const sv_graph *g, igraph_integer_t root, bool *reached);

/* The severity of a structural finding about a body on `level`: the
 * rule's own for a decision or strategic body, one step lower (error to
 * warning, warning to info) for an operational or delivery body, whose
 * gap reaches less far. A severity set by the configuration or --rule
 * holds at every level. */
sv_severity sv_rule_level_severity(const sv_rule_ctx *rc, sv_level level);

/* Emits like sv_rule_emit, at the severity for a body on `level`. */
#define sv_rule_emit_at_level(rc, level, ...)                                                     \
    sv_rule_set_severity(sv_rule_emit(rc, __VA_ARGS__), sv_rule_level_severity(rc, level))
sv_finding *sv_rule_set_severity(sv_finding *finding, sv_severity severity);

/* How a message names an element (sv_element_name). The id stays in the
 * finding's element, for JSON, SARIF and suppressions. */
static inline const char *sv_rule_name(const sv_rule_ctx *rc, sv_id el)
{
    return sv_element_name(rc->model, el);
}

/* Writes names[0..count) into buf, each in single quotes, separated by
 * `sep` and cut short to fit ("'A', 'B'"); returns buf. */
const char *sv_rule_quote_join(char *buf, size_t size, const char *sep, const char *const *names,
                               size_t count);

/* The display id of an element ("process/step" for steps): for model
 * syntax in a message ("covers: [id]"). */
static inline const char *sv_rule_id(const sv_rule_ctx *rc, sv_id el)
{
    return rc->model->elements[el].id ? rc->model->elements[el].id : "?";
}

#define SV_RULE(ident, name, sev, question, summary) void sv_rule_##ident(sv_rule_ctx *rc);
#include "catalogue/rules.def"
#undef SV_RULE

#endif
