/*
 * The rule engine: the dispatch table expanded from the catalogue's
 * rules.def, running the rules in catalogue order, and the findings list
 * (emit, relate, sort).
 */
#include "samverkan/rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules/rules_internal.h"
#include "util/i18n.h"
#include "util/text.h"

typedef void (*rule_fn)(sv_rule_ctx *);
static const rule_fn functions[] = {
#define SV_RULE(ident, name, sev, question, summary) sv_rule_##ident,
#include "catalogue/rules.def"
#undef SV_RULE
};

void sv_findings_init(sv_findings *findings)
{
    memset(findings, 0, sizeof *findings);
}

void sv_findings_free(sv_findings *findings)
{
    if (!findings)
        return;
    for (size_t i = 0; i < findings->count; i++) {
        free(findings->items[i].message);
        free(findings->items[i].related);
    }
    free(findings->items);
    memset(findings, 0, sizeof *findings);
}

sv_finding *sv_rule_emit(sv_rule_ctx *rc, sv_id element, sv_pos pos, const char *fmt, ...)
{
    sv_findings *f = rc->findings;
    if (f->count == f->capacity) {
        size_t capacity = f->capacity ? f->capacity * 2 : 32;
        sv_finding *items = realloc(f->items, capacity * sizeof *items);
        if (!items)
            return NULL;
        f->items = items;
        f->capacity = capacity;
    }
    /* Formatted once into the stack and copied: a translated message has
     * numbered arguments (%1$s), which glibc formats slowly, and a national
     * model makes hundreds of thousands of findings. Only a longer message
     * is formatted twice. */
    char first[512];
    va_list ap;
    va_start(ap, fmt);
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(first, sizeof first, fmt, copy);
    va_end(copy);
    char *message = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (message) {
        if ((size_t)n < sizeof first)
            memcpy(message, first, (size_t)n + 1);
        else
            vsnprintf(message, (size_t)n + 1, fmt, ap);
    }
    va_end(ap);
    if (!message)
        return NULL;
    sv_finding *finding = &f->items[f->count++];
    memset(finding, 0, sizeof *finding);
    finding->rule = rc->rule;
    finding->severity = rc->severity;
    finding->element = element;
    finding->pos = pos;
    finding->message = message;
    return finding;
}

sv_severity sv_rule_level_severity(const sv_rule_ctx *rc, sv_level level)
{
    if (rc->severity_given || level <= SV_LEVEL_STRATEGIC || rc->severity == SV_SEV_INFO)
        return rc->severity;
    return (sv_severity)(rc->severity + 1);
}

sv_finding *sv_rule_set_severity(sv_finding *finding, sv_severity severity)
{
    if (finding)
        finding->severity = severity;
    return finding;
}

void sv_rule_relate(sv_finding *finding, sv_id element, sv_pos pos)
{
    if (!finding)
        return;
    sv_related *related = realloc(finding->related, (finding->related_count + 1) * sizeof *related);
    if (!related)
        return;
    related[finding->related_count++] = (sv_related){element, pos};
    finding->related = related;
}

const char *sv_rule_quote_join(char *buf, size_t size, const char *sep, const char *const *names,
                               size_t count)
{
    size_t used = 0;
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < count && used + 1 < size; i++) {
        int n = snprintf(buf + used, size - used, "%s'%s'", i ? sep : "", names[i]);
        if (n < 0)
            break;
        used += (size_t)n < size - used ? (size_t)n : size - used - 1;
    }
    return buf;
}

static const sv_graph *graph_failed(sv_rule_ctx *rc, const char *view);

const sv_graph *sv_rule_governance(sv_rule_ctx *rc)
{
    if (!rc->governance.built && sv_graph_build_governance(&rc->governance, rc->model) != 0)
        return graph_failed(rc, N_("governance"));
    return &rc->governance;
}

static const sv_graph *graph_failed(sv_rule_ctx *rc, const char *view)
{
    sv_diags_add(rc->diags, "graph", (sv_pos){rc->model->source->path, 0, 0},
                 _("could not build the %s graph: %s"), _(view), sv_graph_last_error());
    rc->failed = true;
    return NULL;
}

const sv_graph *sv_rule_flow(sv_rule_ctx *rc, uint32_t process)
{
    if (!rc->flows) {
        rc->flows = calloc(rc->model->process_count ? rc->model->process_count : 1, sizeof *rc->flows);
        if (!rc->flows)
            return graph_failed(rc, N_("process flow"));
    }
    sv_graph *g = &rc->flows[process];
    if (!g->built && sv_graph_build_flow(g, rc->model, process) != 0)
        return graph_failed(rc, N_("process flow"));
    return g;
}

const sv_graph *sv_rule_seats(sv_rule_ctx *rc)
{
    if (!rc->seats.built && sv_graph_build_seats(&rc->seats, rc->model) != 0)
        return graph_failed(rc, N_("seat"));
    return &rc->seats;
}

int sv_rule_reach(sv_rule_ctx *rc, const sv_graph *g, igraph_integer_t root, bool *reached)
{
    if (root < 0 || sv_graph_reach(g, (uint32_t)root, reached) != 0) {
        graph_failed(rc, N_("reachability"));
        return -1;
    }
    return 0;
}

static int compare_findings(const void *pa, const void *pb)
{
    const sv_finding *a = pa, *b = pb;
    int c = strcmp(a->pos.file ? a->pos.file : "", b->pos.file ? b->pos.file : "");
    if (c)
        return c;
    if (a->pos.line != b->pos.line)
        return a->pos.line < b->pos.line ? -1 : 1;
    if (a->pos.col != b->pos.col)
        return a->pos.col < b->pos.col ? -1 : 1;
    c = strcmp(sv_rule_at(a->rule)->name, sv_rule_at(b->rule)->name);
    if (c)
        return c;
    c = strcmp(a->message, b->message);
    if (c)
        return c;
    return a->element < b->element ? -1 : a->element > b->element;
}

void sv_findings_sort(sv_findings *findings)
{
    if (findings->count > 1)
        qsort(findings->items, findings->count, sizeof *findings->items, compare_findings);
}

sv_date sv_today(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t now = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
    struct tm tm;
    sv_date d = {2024, 1, 1};
    if (gmtime_r(&now, &tm)) {
        d.year = tm.tm_year + 1900;
        d.month = tm.tm_mon + 1;
        d.day = tm.tm_mday;
    }
    return d;
}

static bool date_before(sv_date a, sv_date b)
{
    if (a.year != b.year)
        return a.year < b.year;
    if (a.month != b.month)
        return a.month < b.month;
    return a.day < b.day;
}

/* A reason is text with something in it: "because: ''" is none. */
static bool has_reason(const sv_ignore *ig)
{
    if (!ig->because)
        return false;
    for (const char *c = ig->because; *c; c++)
        if (*c != ' ' && *c != '\t' && *c != '\n')
            return true;
    return false;
}

void sv_rule_suppression_without_reason(sv_rule_ctx *rc)
{
    const sv_model *m = rc->model;
    for (sv_id el = 0; el < m->element_count; el++) {
        const sv_element *e = &m->elements[el];
        for (uint32_t i = 0; i < e->ignore_count; i++)
            if (!has_reason(&e->ignores[i]))
                sv_rule_emit(rc, el, e->ignores[i].pos,
                             _("the suppression of '%s' on '%s' gives no reason, so it suppresses "
                               "nothing: add 'because' with why the finding does not apply"),
                             e->ignores[i].rule, sv_rule_name(rc, el));
    }
}

/* Marks the findings that an element's `ignore` covers. */
static void apply_suppressions(sv_findings *f, size_t first, const sv_model *m, sv_date today)
{
    for (size_t i = first; i < f->count; i++) {
        sv_finding *finding = &f->items[i];
        if (finding->element == SV_NONE)
            continue;
        const sv_element *e = &m->elements[finding->element];
        for (uint32_t k = 0; k < e->ignore_count; k++) {
            const sv_ignore *ig = &e->ignores[k];
            if (!has_reason(ig) || strcmp(ig->rule, sv_rule_at(finding->rule)->name) != 0)
                continue;
            if (ig->until.year && date_before(ig->until, today))
                continue; /* lapsed: the finding returns */
            finding->suppressed = true;
            finding->suppressed_because = ig->because;
            break;
        }
    }
}

int sv_rules_run(sv_findings *out, const sv_model *model, const sv_rule_config *config,
                 sv_diags *diags)
{
    size_t first = out->count;
    sv_rule_ctx rc = {.model = model, .findings = out, .diags = diags};
    rc.year = config && config->year ? config->year : model->agreement.year;
    for (size_t i = 0; i < SV_RULE_COUNT; i++) {
        sv_severity sev = config && config->severity ? config->severity[i] : sv_rule_at(i)->severity;
        if (sev == SV_SEV_OFF)
            continue;
        rc.rule = i;
        rc.severity = sev;
        rc.severity_given = config && config->severity_given && config->severity_given[i];
        functions[i](&rc);
        if (rc.failed)
            break;
    }
    sv_graph_clear(&rc.governance);
    sv_graph_clear(&rc.seats);
    for (uint32_t p = 0; rc.flows && p < model->process_count; p++)
        sv_graph_clear(&rc.flows[p]);
    free(rc.flows);
    apply_suppressions(out, first, model, config && config->today.year ? config->today : sv_today());
    sv_findings_sort(out);
    return rc.failed ? -1 : 0;
}
