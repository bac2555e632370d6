/*
 * The rule engine: the catalogue expanded from rules.def, running the rules
 * in catalogue order, and the findings list (emit, relate, sort).
 */
#include "samverkan/rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_internal.h"
#include "util/i18n.h"
#include "util/text.h"

static const sv_rule_info catalogue[] = {
#define SV_RULE(ident, name, sev, question, summary) {name, sev, question, summary},
#include "rules/rules.def"
#undef SV_RULE
};

static const sv_rule_text texts[] = {
#define SV_RULE_TEXT(name, detects, why, wrong, right, fix) {name, detects, why, wrong, right, fix},
#include "rules/rules_text.def"
#undef SV_RULE_TEXT
};

const sv_rule_text *sv_rule_text_of(const sv_rule_info *rule)
{
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (strcmp(texts[i].name, rule->name) == 0)
            return &texts[i];
    return NULL;
}

const char *sv_rule_text_translate(const char *field)
{
    return field && *field ? _(field) : "";
}

typedef void (*rule_fn)(sv_rule_ctx *);
static const rule_fn functions[] = {
#define SV_RULE(ident, name, sev, question, summary) rule_##ident,
#include "rules/rules.def"
#undef SV_RULE
};

size_t sv_rule_count(void)
{
    return SV_RULE_COUNT;
}

const sv_rule_info *sv_rule_at(size_t index)
{
    return index < SV_RULE_COUNT ? &catalogue[index] : NULL;
}

int sv_rule_find(const char *name, const char **hint)
{
    const char *names[SV_RULE_COUNT];
    for (size_t i = 0; i < SV_RULE_COUNT; i++) {
        if (strcmp(catalogue[i].name, name) == 0)
            return (int)i;
        names[i] = catalogue[i].name;
    }
    if (hint)
        *hint = sv_closest(name, names, SV_RULE_COUNT);
    return -1;
}

const char *sv_rule_summary(const sv_rule_info *rule)
{
    return _(rule->summary);
}

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
    va_list ap;
    va_start(ap, fmt);
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *message = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (message)
        vsnprintf(message, (size_t)n + 1, fmt, ap);
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

const sv_graph *sv_rule_governance(sv_rule_ctx *rc)
{
    if (rc->governance.built)
        return &rc->governance;
    if (sv_graph_governance(&rc->governance, rc->model) != 0) {
        sv_diags_add(rc->diags, "graph", (sv_pos){rc->model->source->path, 0, 0},
                     _("could not build the governance graph: %s"), sv_graph_last_error());
        rc->failed = true;
        return NULL;
    }
    return &rc->governance;
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
    c = strcmp(catalogue[a->rule].name, catalogue[b->rule].name);
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

int sv_rules_run(sv_findings *out, const sv_model *model, const sv_rule_config *config,
                 sv_diags *diags)
{
    sv_rule_ctx rc = {.model = model, .findings = out, .diags = diags};
    rc.year = config && config->year ? config->year : model->agreement.year;
    for (size_t i = 0; i < SV_RULE_COUNT; i++) {
        sv_severity sev = config && config->severity ? config->severity[i] : catalogue[i].severity;
        if (sev == SV_SEV_OFF)
            continue;
        rc.rule = i;
        rc.severity = sev;
        functions[i](&rc);
        if (rc.failed)
            break;
    }
    sv_graph_free(&rc.governance);
    sv_findings_sort(out);
    return rc.failed ? -1 : 0;
}
