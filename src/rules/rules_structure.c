/*
 * The structure rules (audit question 2): levels, reporting lines, members
 * and chairs of the bodies, and whether the signatories and service points
 * are tied into the governance structure. See docs/rules.md.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"
#include "util/cycles.h"
#include "util/i18n.h"
#include "util/text.h"

static const char *body_name(const sv_rule_ctx *rc, uint32_t b)
{
    return sv_rule_name(rc, rc->model->bodies[b].el);
}

static const sv_element *body_element(const sv_rule_ctx *rc, uint32_t b)
{
    return &rc->model->elements[rc->model->bodies[b].el];
}

static const char *level_label(sv_level level)
{
    switch (level) {
    case SV_LEVEL_DECISION: return _("decision");
    case SV_LEVEL_STRATEGIC: return _("strategic");
    case SV_LEVEL_OPERATIONAL: return _("operational");
    case SV_LEVEL_DELIVERY: return _("delivery");
    case SV_LEVEL_COUNT: break;
    }
    return "";
}

static bool has_decision_body(const sv_model *m)
{
    for (uint32_t b = 0; b < m->body_count; b++)
        if (m->bodies[b].level == SV_LEVEL_DECISION)
            return true;
    return false;
}

void sv_rule_no_decision_body(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    if (m->body_count == 0 || has_decision_body(m))
        return;
    sv_id el = m->agreement.el;
    sv_pos pos = el != SV_NONE ? m->elements[el].pos : (sv_pos){m->source->path, 1, 1};
    sv_rule_emit(rc, el, pos, "%s",
                 _("no body has level 'decision': the agreement names no body that decides "
                   "(give the board level: decision)"));
}

/* The successor of each body along reports_to, for cycle finding. */
static uint32_t *reports_to_successors(const sv_model *m)
{
    uint32_t *next = malloc((m->body_count ? m->body_count : 1) * sizeof *next);
    if (!next)
        return NULL;
    for (uint32_t b = 0; b < m->body_count; b++) {
        sv_id up = m->bodies[b].reports_to.target;
        next[b] = up == SV_NONE ? SV_NO_SUCCESSOR : m->elements[up].index;
    }
    return next;
}

void sv_rule_reporting_line_missing(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    if (!has_decision_body(m))
        return; /* no-decision-body says it once, instead of once per body */
    const sv_graph *g = sv_rule_governance(rc);
    if (!g)
        return;
    /* reached[b]: b's chain of reports_to arrives at a decision body */
    bool *reached = calloc(m->body_count, sizeof *reached);
    igraph_vector_int_t component;
    if (!reached || igraph_vector_int_init(&component, 0) != IGRAPH_SUCCESS) {
        free(reached);
        rc->failed = true;
        return;
    }
    for (uint32_t b = 0; b < m->body_count; b++) {
        if (m->bodies[b].level != SV_LEVEL_DECISION || reached[b])
            continue;
        if (igraph_subcomponent(&g->graph, &component, b, IGRAPH_IN) != IGRAPH_SUCCESS) {
            rc->failed = true;
            break;
        }
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&component); i++)
            reached[VECTOR(component)[i]] = true;
    }
    igraph_vector_int_destroy(&component);
    /* A forum of the parties (a medlemssamråd) stands beside the line, not
     * under it: it gives the board guidelines rather than answering to it.
     * One that sends a reporting flow to a body on the line is connected;
     * docs/real-agreements.md (Roslagen) is the case. */
    bool *advises = calloc(m->body_count ? m->body_count : 1, sizeof *advises);
    for (uint32_t r = 0; advises && r < m->reporting_count; r++) {
        sv_id from = m->reporting[r].from.target;
        if (from == SV_NONE || m->elements[from].kind != SV_KIND_BODY)
            continue;
        uint32_t fb = m->elements[from].index;
        if (m->bodies[fb].kind != SV_BODY_FORUM)
            continue;
        for (uint32_t t = 0; t < m->reporting[r].to.count; t++) {
            sv_id to = m->reporting[r].to.items[t].target;
            if (to != SV_NONE && m->elements[to].kind == SV_KIND_BODY &&
                (reached[m->elements[to].index] ||
                 m->bodies[m->elements[to].index].level == SV_LEVEL_DECISION))
                advises[fb] = true;
        }
    }
    uint32_t *next = reports_to_successors(m);
    for (uint32_t b = 0; next && advises && !rc->failed && b < m->body_count; b++) {
        if (reached[b] || m->bodies[b].level == SV_LEVEL_DECISION ||
            sv_body_ended(m, b, rc->year)) /* body-after-its-period's */
            continue;
        if (advises[b] && m->bodies[b].reports_to.target == SV_NONE)
            continue;
        /* follow the chain to where it stops; a chain that runs into a
         * circle is reporting-cycle's finding, not this one */
        uint32_t end = b, hops = 0;
        while (next[end] != SV_NO_SUCCESSOR && hops++ <= m->body_count)
            end = next[end];
        if (next[end] != SV_NO_SUCCESSOR)
            continue;
        const sv_element *el = body_element(rc, b);
        sv_level level = m->bodies[b].level;
        if (end == b) {
            sv_rule_emit_at_level(rc, level, el->id ? m->bodies[b].el : SV_NONE, el->pos,
                                  _("body '%s' reports to nobody: add 'reports_to' with the body "
                                    "it answers to, so that its line reaches the decision level"),
                                  body_name(rc, b));
        } else {
            sv_finding *f = sv_rule_emit_at_level(
                rc, level, m->bodies[b].el, m->bodies[b].reports_to.pos,
                _("the reporting line of '%s' ends at '%s', which reports to nobody, so it never "
                  "reaches the decision level"),
                body_name(rc, b), body_name(rc, end));
            sv_rule_relate(f, m->bodies[end].el, body_element(rc, end)->pos);
        }
    }
    if (!advises)
        rc->failed = true;
    free(advises);
    free(next);
    free(reached);
}

static void report_reporting_cycle(const uint32_t *cycle, uint32_t length, void *data)
{
    sv_rule_ctx *rc = data;
    const sv_model *m = rc->model;
    const char *names[65] = {0};
    uint32_t shown = length < 64 ? length : 64;
    for (uint32_t i = 0; i < shown; i++)
        names[i] = body_name(rc, cycle[i]);
    names[shown] = names[0]; /* back where it started */
    char chain[1024];
    sv_rule_quote_join(chain, sizeof chain, " -> ", names, shown + 1);
    const sv_body *first = &m->bodies[cycle[0]];
    sv_finding *f = sv_rule_emit(rc, first->el, first->reports_to.pos,
                                 _("reporting lines go round in a circle: %s; one of them must "
                                   "report upward instead"),
                                 chain);
    for (uint32_t i = 1; i < length; i++)
        sv_rule_relate(f, m->bodies[cycle[i]].el, m->bodies[cycle[i]].reports_to.pos);
}

void sv_rule_reporting_cycle(sv_rule_ctx *rc)
{
    uint32_t *next = reports_to_successors(rc->model);
    if (!next || sv_functional_cycles(rc->model->body_count, next, report_reporting_cycle, rc) != 0)
        rc->failed = true;
    free(next);
}

void sv_rule_reporting_level_order(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t b = 0; b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        if (body->reports_to.target == SV_NONE || sv_body_ended(m, b, rc->year))
            continue;
        uint32_t up = m->elements[body->reports_to.target].index;
        if (up == b)
            continue; /* reporting to itself is a cycle */
        const sv_body *parent = &m->bodies[up];
        /* format 1.1: a body holding a delegation from the decision body it
         * reports to (a presidium) stands beside it, not below; an office
         * (kansli) answers to the decision body directly: the normal line */
        bool delegated = body->delegation.from.target == body->reports_to.target &&
                         parent->level == SV_LEVEL_DECISION;
        bool office = body->kind == SV_BODY_OFFICE && parent->level == SV_LEVEL_DECISION;
        if (delegated)
            continue;
        sv_finding *f = NULL;
        if (parent->level >= body->level) {
            f = sv_rule_emit(rc, body->el, body->reports_to.pos,
                             _("'%s' (%s level) reports to '%s' (%s level), which is not above it"),
                             body_name(rc, b), level_label(body->level), body_name(rc, up),
                             level_label(parent->level));
        } else if (body->level - parent->level > 1 && !office) {
            f = sv_rule_emit(rc, body->el, body->reports_to.pos,
                             _("'%s' (%s level) reports straight to '%s' (%s level), skipping the "
                               "%s level"),
                             body_name(rc, b), level_label(body->level), body_name(rc, up),
                             level_label(parent->level), level_label((sv_level)(parent->level + 1)));
        }
        if (f)
            sv_rule_relate(f, parent->el, body_element(rc, up)->pos);
    }
}

void sv_rule_body_without_members(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t b = 0; b < m->body_count; b++)
        if (m->bodies[b].members.count == 0 && !sv_body_ended(m, b, rc->year))
            sv_rule_emit(rc, m->bodies[b].el, body_element(rc, b)->pos,
                         _("body '%s' has no members: list the parties, roles or people that sit "
                           "in it"),
                         body_name(rc, b));
}

void sv_rule_body_without_chair(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t b = 0; b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        if (body->level == SV_LEVEL_DELIVERY || body->chair.target != SV_NONE ||
            sv_body_ended(m, b, rc->year))
            continue;
        if (body->kind == SV_BODY_OFFICE && body->led_by.target != SV_NONE)
            continue; /* format 1.1: a kansli has a head (led_by), not a chair */
        sv_rule_emit_at_level(rc, body->level, body->el, body_element(rc, b)->pos,
                              _("body '%s' (%s level) has no chair: name the person or role that "
                                "convenes it with 'chair'"),
                              body_name(rc, b), level_label(body->level));
    }
}

/* The party a member is written as: a party (unit or organisation)
 * itself, a role's party, a person's party or their first role's. */
static sv_id written_party(const sv_model *m, sv_id el)
{
    if (el == SV_NONE)
        return SV_NONE;
    const sv_element *e = &m->elements[el];
    switch (e->kind) {
    case SV_KIND_PARTY:
        return el;
    case SV_KIND_ROLE:
        return m->roles[e->index].party.target;
    case SV_KIND_PERSON: {
        const sv_person *p = &m->people[e->index];
        if (p->party.target != SV_NONE)
            return p->party.target;
        for (uint32_t i = 0; i < p->roles.count; i++) {
            sv_id party = m->roles[m->elements[p->roles.items[i].target].index].party.target;
            if (party != SV_NONE)
                return party;
        }
        return SV_NONE;
    }
    default:
        return SV_NONE;
    }
}

/* The distinct parties among a body's members as they are written (units
 * of one organisation separately); `seen` is cleared again on return. */
static uint32_t count_written_parties(const sv_model *m, const sv_body *body, bool *seen,
                                      sv_id *list)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < body->members.count; i++) {
        sv_id party = written_party(m, body->members.items[i].target);
        if (party != SV_NONE && !seen[party]) {
            seen[party] = true;
            list[n++] = party;
        }
    }
    for (uint32_t i = 0; i < n; i++)
        seen[list[i]] = false;
    return n;

}

/* The instances' own parties of the bodies written with `for_each:
 * municipality` or `for_each: project`, built once per run: the top-level
 * municipalities, and the distinct top-level owners of the projects in
 * project order (a project without owner adds no party). */
typedef struct instance_lists {
    sv_id *municipalities;
    uint32_t municipality_count;
    sv_id *owners;
    uint32_t owner_count;
    bool unowned_project;
    bool *owns;       /* per element: a top-level party that owns a project */
} instance_lists;

static int instance_lists_build(instance_lists *l, const sv_model *m)
{
    memset(l, 0, sizeof *l);
    l->municipalities = malloc((m->party_count ? m->party_count : 1) * sizeof *l->municipalities);
    l->owners = malloc((m->project_count ? m->project_count : 1) * sizeof *l->owners);
    l->owns = calloc(m->element_count ? m->element_count : 1, sizeof *l->owns);
    if (!l->municipalities || !l->owners || !l->owns)
        return -1;
    for (uint32_t p = 0; p < m->party_count; p++)
        if (m->parties[p].part_of.target == SV_NONE && m->parties[p].kind == SV_PARTY_MUNICIPALITY)
            l->municipalities[l->municipality_count++] = m->parties[p].el;
    for (uint32_t i = 0; i < m->project_count; i++) {
        sv_id top = sv_model_top_party(m, m->projects[i].owner.target);
        if (top == SV_NONE) {
            l->unowned_project = true;
        } else if (!l->owns[top]) {
            l->owns[top] = true;
            l->owners[l->owner_count++] = top;
        }
    }
    return 0;
}

static void instance_lists_free(instance_lists *l)
{
    free(l->municipalities);
    free(l->owners);
    free(l->owns);
}

/* party-count-mismatch for a body written once for many. An instance has
 * `distinct` parties when its own party is among the members' (seen[]), or
 * it has none, and distinct + 1 otherwise: two cases, so only one instance
 * of each needs to be found. Linear in the members: at most distinct + 1
 * entries of a list are looked at before one outside the members turns up. */
static void party_count_per_instance(sv_rule_ctx *rc, uint32_t b, const bool *seen,
                                     const sv_id *tops, uint32_t distinct,
                                     const instance_lists *l)
{
    const sv_model *m = rc->model;
    const sv_body *body = &m->bodies[b];
    bool in_case = false;      /* an instance whose party is among the members (or has none) */
    sv_id in_example = SV_NONE, out_example = SV_NONE;
    if (body->for_each == SV_FOR_EACH_PARTIES) {
        for (uint32_t i = 0; i < body->for_each_parties.count; i++) {
            sv_id top = sv_model_top_party(m, body->for_each_parties.items[i].target);
            if (top == SV_NONE)
                continue;
            if (seen[top] && !in_case) {
                in_case = true;
                in_example = top;
            } else if (!seen[top] && out_example == SV_NONE) {
                out_example = top;
            }
        }
    } else {
        bool municipality = body->for_each == SV_FOR_EACH_MUNICIPALITY;
        const sv_id *list = municipality ? l->municipalities : l->owners;
        uint32_t count = municipality ? l->municipality_count : l->owner_count;
        for (uint32_t i = 0; i < distinct && !in_case; i++) {
            sv_id t = tops[i];
            bool is_instance = municipality
                                   ? m->parties[m->elements[t].index].kind == SV_PARTY_MUNICIPALITY
                                   : l->owns[t];
            if (is_instance) {
                in_case = true;
                in_example = t;
            }
        }
        if (!municipality && l->unowned_project)
            in_case = true;
        for (uint32_t i = 0; i < count && out_example == SV_NONE; i++)
            if (!seen[list[i]])
                out_example = list[i];
    }
    sv_id example;
    uint32_t found;
    if (in_case && (int)distinct != body->party_count) {
        example = in_example;
        found = distinct;
    } else if (out_example != SV_NONE && (int)(distinct + 1) != body->party_count) {
        example = out_example;
        found = distinct + 1;
    } else {
        return;
    }
    const sv_element *be = &m->elements[body->el];
    sv_finding *f = sv_rule_emit(
        rc, body->el, body->party_count_pos,
        P_("body '%s' stands for %u bodies and has party_count %d, but the one of '%s' has "
           "members from %u party (its own and the other members)",
           "body '%s' stands for %u bodies and has party_count %d, but the one of '%s' has "
           "members from %u parties (its own and the other members)",
           found),
        be->name ? be->name : body_name(rc, b), sv_body_instances(m, b), body->party_count,
        example != SV_NONE && m->elements[example].name ? m->elements[example].name : "-", found);
    if (example != SV_NONE)
        sv_rule_relate(f, example, m->elements[example].pos);
}

void sv_rule_party_count_mismatch(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    bool *seen = calloc(m->element_count ? m->element_count : 1, sizeof *seen);
    sv_id *tops = malloc((m->element_count ? m->element_count : 1) * sizeof *tops);
    instance_lists lists;
    if (instance_lists_build(&lists, m) != 0 || !seen || !tops) {
        instance_lists_free(&lists);
        free(seen);
        free(tops);
        rc->failed = true;
        return;
    }
    for (uint32_t b = 0; b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        if (body->party_count < 0 || sv_body_ended(m, b, rc->year))
            continue;
        uint32_t distinct = 0;
        for (uint32_t i = 0; i < body->members.count; i++) {
            sv_id top = sv_model_top_party(m, body->members.items[i].target);
            /* external parties (auditor, evaluator, provider) are no parties of the agreement */
            if (top != SV_NONE && !seen[top] &&
                !sv_party_kind_is_external(m->parties[m->elements[top].index].kind)) {
                seen[top] = true;
                tops[distinct++] = top;
            }
        }
        if (body->for_each != SV_FOR_EACH_NONE) {
            /* counted per instance: its own party plus the other members */
            party_count_per_instance(rc, b, seen, tops, distinct, &lists);
            for (uint32_t i = 0; i < distinct; i++)
                seen[tops[i]] = false;
            continue;
        }
        for (uint32_t i = 0; i < distinct; i++)
            seen[tops[i]] = false;
        if ((int)distinct == body->party_count)
            continue;
        /* An agreement inside one organisation (GVN and IFN of one
         * municipality) can only count its parties as units: then the
         * units the members are written as are the parties. A group with
         * members from several organisations is counted by organisation. */
        if (distinct == 1 &&
            (int)count_written_parties(m, body, seen, tops + distinct) == body->party_count)
            continue;
        const char *names[32];
        uint32_t shown = distinct < 32 ? distinct : 32;
        for (uint32_t i = 0; i < shown; i++)
            names[i] = sv_rule_name(rc, tops[i]);
        char list[512];
        sv_rule_quote_join(list, sizeof list, ", ", names, shown);
        sv_finding *f = sv_rule_emit(
            rc, body->el, body->party_count_pos,
            P_("body '%s' has party_count %d, but its members come from %u party (%s)",
               "body '%s' has party_count %d, but its members come from %u parties (%s)", distinct),
            body_name(rc, b), body->party_count, distinct, distinct ? list : "-");
        for (uint32_t i = 0; i < distinct; i++)
            sv_rule_relate(f, tops[i], m->elements[tops[i]].pos);
    }
    instance_lists_free(&lists);
    free(seen);
    free(tops);
}

void sv_rule_signatory_not_represented(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    /* per element: 1 an ordinary seat (member or chair), 2 only an ersättare's */
    unsigned char *seat = calloc(m->element_count ? m->element_count : 1, sizeof *seat);
    if (!seat) {
        rc->failed = true;
        return;
    }
    for (uint32_t b = 0; b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        if ((body->level != SV_LEVEL_DECISION && body->level != SV_LEVEL_STRATEGIC) ||
            sv_body_ended(m, b, rc->year))
            continue;
        for (uint32_t i = 0; i <= body->members.count; i++) {
            sv_id h = i < body->members.count ? body->members.items[i].target : body->chair.target;
            sv_id top = sv_model_top_party(m, h);
            if (top != SV_NONE)
                seat[top] = 1;
        }
        for (uint32_t i = 0; i < body->deputies.count; i++) {
            sv_id top = sv_model_top_party(m, body->deputies.items[i].target);
            if (top != SV_NONE && !seat[top])
                seat[top] = 2;
        }
    }
    for (uint32_t p = 0; p < m->party_count; p++) {
        const sv_party *party = &m->parties[p];
        /* auditors, evaluators and providers are not expected to sign */
        if (!party->signatory || seat[party->el] == 1 || sv_party_kind_is_external(party->kind))
            continue;
        if (seat[party->el] == 2) {
            /* present with the right to speak (närvaro- och yttranderätt),
             * but with no vote of its own: a note, not a warning
             * (docs/real-agreements.md, Norra Bohuslän) */
            sv_rule_set_severity(
                sv_rule_emit(rc, party->el, m->elements[party->el].pos,
                             _("'%s' signs the agreement but sits in the strategic and decision "
                               "bodies only as an ersättare (deputy), with no ordinary seat of its "
                               "own"),
                             sv_rule_name(rc, party->el)),
                rc->severity_given ? rc->severity : SV_SEV_INFO);
            continue;
        }
        sv_rule_emit(rc, party->el, m->elements[party->el].pos,
                     _("'%s' signs the agreement but sits in no strategic or decision body: give "
                       "it (or one of its units, roles or people) a seat there"),
                     sv_rule_name(rc, party->el));
    }
    free(seat);
}

void sv_rule_service_point_unsteered(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (uint32_t b = 0; b < m->body_count; b++) {
        const sv_body *body = &m->bodies[b];
        if (body->kind != SV_BODY_SERVICE_POINT || sv_body_ended(m, b, rc->year))
            continue;
        sv_id up = body->reports_to.target;
        if (up == SV_NONE) {
            sv_rule_emit(rc, body->el, body_element(rc, b)->pos,
                         _("service point '%s' reports to no steering group: add 'reports_to' "
                           "with the operational steering group that steers it"),
                         body_name(rc, b));
            continue;
        }
        const sv_body *parent = &m->bodies[m->elements[up].index];
        if (parent->level == SV_LEVEL_OPERATIONAL && parent->kind == SV_BODY_STEERING_GROUP)
            continue;
        sv_finding *f = sv_rule_emit(
            rc, body->el, body->reports_to.pos,
            _("service point '%s' reports to '%s', a %s-level body of kind '%s', not to an "
              "operational steering group"),
            body_name(rc, b), sv_rule_name(rc, up), level_label(parent->level),
            sv_body_kind_name(parent->kind));
        sv_rule_relate(f, up, m->elements[up].pos);
    }
}
