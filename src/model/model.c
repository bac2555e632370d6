/*
 * The model's storage and the small queries every stage shares: finding an
 * element by id, the top-level party of an element, and the names of the
 * format's enumerations (one table each, used both to parse and to print).
 */
#include "samverkan/model.h"

#include <stdlib.h>
#include <string.h>

#include "model/model_internal.h"
#include "util/i18n.h"

struct sv_model_internal {
    sv_arena *arena;
    sv_strmap ids;
};

sv_model *sv_model_internal_new(sv_source *source)
{
    sv_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->internal = calloc(1, sizeof *m->internal);
    if (!m->internal || !(m->internal->arena = sv_arena_new())) {
        sv_model_free(m);
        return NULL;
    }
    sv_strmap_init(&m->internal->ids);
    m->source = source;
    if (sv_model_internal_add_source(m, source) != 0) {
        sv_model_free(m);
        return NULL;
    }
    return m;
}

int sv_model_internal_add_source(sv_model *model, sv_source *source)
{
    for (uint32_t i = 0; i < model->source_count; i++)
        if (model->sources[i] == source)
            return 0;
    sv_source **grown = realloc(model->sources, (model->source_count + 1) * sizeof *grown);
    if (!grown)
        return -1;
    model->sources = grown;
    model->sources[model->source_count++] = sv_source_ref(source);
    return 0;
}

const sv_source *sv_model_source_of(const sv_model *model, const char *file)
{
    if (!model || !file)
        return NULL;
    for (uint32_t i = 0; i < model->source_count; i++)
        if (model->sources[i]->path == file)
            return model->sources[i];
    for (uint32_t i = 0; i < model->source_count; i++)
        if (strcmp(model->sources[i]->path, file) == 0)
            return model->sources[i];
    return NULL;
}

sv_arena *sv_model_internal_arena(sv_model *model)
{
    return model->internal->arena;
}

sv_strmap *sv_model_internal_ids(sv_model *model)
{
    return &model->internal->ids;
}

void sv_model_free(sv_model *model)
{
    if (!model)
        return;
    if (model->internal) {
        sv_strmap_free(&model->internal->ids);
        sv_arena_free(model->internal->arena);
        free(model->internal);
    }
    for (uint32_t i = 0; i < model->source_count; i++)
        sv_source_unref(model->sources[i]);
    free(model->sources);
    free(model);
}

sv_id sv_model_find(const sv_model *model, const char *id)
{
    uint32_t el;
    if (sv_strmap_get(&model->internal->ids, id, strlen(id), &el))
        return el;
    return SV_NONE;
}

const char *sv_element_name(const sv_model *model, sv_id el)
{
    const sv_element *e = &model->elements[el];
    if (e->name && *e->name)
        return e->name;
    if (e->kind == SV_KIND_REPORTING) {
        const char *what = model->reporting[e->index].what;
        if (what && *what)
            return what;
    }
    return e->id ? e->id : "?";
}

sv_id sv_model_top_party(const sv_model *model, sv_id el)
{
    if (el == SV_NONE)
        return SV_NONE;
    const sv_element *e = &model->elements[el];
    switch (e->kind) {
    case SV_KIND_PARTY:
        return model->parties[e->index].top;
    case SV_KIND_ROLE:
        return sv_model_top_party(model, model->roles[e->index].party.target);
    case SV_KIND_PERSON: {
        const sv_person *p = &model->people[e->index];
        if (p->party.target != SV_NONE)
            return sv_model_top_party(model, p->party.target);
        for (uint32_t i = 0; i < p->roles.count; i++) {
            sv_id top = sv_model_top_party(model, p->roles.items[i].target);
            if (top != SV_NONE)
                return top;
        }
        return SV_NONE;
    }
    default:
        return SV_NONE;
    }
}

#define NAME_TABLE(fn, type, count, ...)                                                           \
    const char *fn(type value)                                                                     \
    {                                                                                              \
        static const char *const names[] = {__VA_ARGS__};                                          \
        _Static_assert(sizeof names / sizeof names[0] == (count), "name table size");             \
        return (unsigned)value < (count) ? names[value] : "?";                                     \
    }

NAME_TABLE(sv_kind_name, sv_kind, SV_KIND_COUNT, "agreement", "party", "role", "person", "body",
           "process", "step", "goal", "indicator", "reporting", "project")
const char *sv_kind_label(sv_kind kind)
{
    static const char *const labels[] = {N_("agreement"), N_("party"),   N_("role"),
                                         N_("person"),    N_("body"),    N_("process"),
                                         N_("step"),      N_("goal"),    N_("indicator"),
                                         N_("reporting"), N_("project")};
    _Static_assert(sizeof labels / sizeof labels[0] == SV_KIND_COUNT, "label table size");
    return (unsigned)kind < SV_KIND_COUNT ? _(labels[kind]) : "?";
}

/* The words of the format's enumerations in the language of messages, for
 * the diagrams, the diff and the report (level, cadence, kinds). */
const char *sv_level_label(sv_level level)
{
    static const char *const names[SV_LEVEL_COUNT] = {
        N_("Decision level"), N_("Strategic level"), N_("Operational level"),
        N_("Delivery level")};
    return level < SV_LEVEL_COUNT ? _(names[level]) : "?";
}

const char *sv_cadence_label(sv_cadence cadence)
{
    static const char *const names[SV_CADENCE_COUNT] = {
        N_("no cadence given"), N_("weekly"), N_("every two weeks"), N_("monthly"),
        N_("quarterly"), N_("half-yearly"), N_("yearly")};
    return cadence < SV_CADENCE_COUNT ? _(names[cadence]) : "?";
}

const char *sv_body_kind_label(sv_body_kind kind)
{
    static const char *const names[SV_BODY_KIND_COUNT] = {
        N_("board"), N_("group"), N_("analysis group"), N_("steering group"),
        N_("service point"), N_("team"), N_("forum"), N_("office")};
    return kind < SV_BODY_KIND_COUNT ? _(names[kind]) : "?";
}

const char *sv_step_kind_label(sv_step_kind kind)
{
    static const char *const names[SV_STEP_KIND_COUNT] = {
        N_("start"), N_("task"), N_("decision"), N_("handoff"), N_("follow-up"),
        N_("feedback"), N_("end")};
    return kind < SV_STEP_KIND_COUNT ? _(names[kind]) : "?";
}

NAME_TABLE(sv_party_kind_name, sv_party_kind, SV_PARTY_KIND_COUNT, "agency", "municipality",
           "region", "association", "committee", "department", "unit", "civil-society", "employer",
           "other", "auditor", "evaluator", "provider")
NAME_TABLE(sv_level_name, sv_level, SV_LEVEL_COUNT, "decision", "strategic", "operational",
           "delivery")
NAME_TABLE(sv_body_kind_name, sv_body_kind, SV_BODY_KIND_COUNT, "board", "group", "analysis-group",
           "steering-group", "service-point", "team", "forum", "office")
NAME_TABLE(sv_cadence_name, sv_cadence, SV_CADENCE_COUNT, "none", "weekly", "biweekly", "monthly",
           "quarterly", "half-yearly", "yearly")
NAME_TABLE(sv_step_kind_name, sv_step_kind, SV_STEP_KIND_COUNT, "start", "task", "decision",
           "handoff", "follow-up", "feedback", "end")
NAME_TABLE(sv_process_about_name, sv_process_about, SV_ABOUT_COUNT, "individual", "decision",
           "preparation", "other")
NAME_TABLE(sv_project_kind_name, sv_project_kind, SV_PROJECT_KIND_COUNT, "project", "insats")
NAME_TABLE(sv_dist_name, sv_dist, SV_DIST_COUNT, "exponential", "lognormal", "gamma", "fixed")
NAME_TABLE(sv_agreement_kind_name, sv_agreement_kind, SV_AGREEMENT_KIND_COUNT, "finsam", "local",
           "other")
NAME_TABLE(sv_votes_name, sv_votes, SV_VOTES_COUNT, "", "per-member", "per-party")
NAME_TABLE(sv_unknown_section_name, sv_unknown_section, SV_UNKNOWN_SECTION_COUNT, "goals",
           "processes", "reporting")

double sv_cadence_days(sv_cadence cadence)
{
    static const double days[] = {0, 7, 14, 365.25 / 12, 365.25 / 4, 365.25 / 2, 365.25};
    return (unsigned)cadence < SV_CADENCE_COUNT ? days[cadence] : 0;
}
