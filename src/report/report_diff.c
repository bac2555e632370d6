/*
 * Output of `diff` and `whatif` (see samverkan/diff.h): text grouped as a
 * planner reads it (merged, added, removed, then seats, chairs, reporting
 * lines, RACI, queue facts and other changes, then the findings that
 * appear and disappear), and JSON in a fixed key order (docs/cli.md).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "samverkan/diff.h"
#include "samverkan/report.h"
#include "samverkan/version.h"
#include "report/report_json.h"
#include "util/i18n.h"

static const char *topic_heading(sv_change_topic topic)
{
    switch (topic) {
    case SV_TOPIC_SEATS: return _("Seats");
    case SV_TOPIC_CHAIRS: return _("Chairs");
    case SV_TOPIC_REPORTING: return _("Reporting lines");
    case SV_TOPIC_RACI: return _("Responsibilities (RACI)");
    case SV_TOPIC_QUEUE: return _("Queue facts");
    case SV_TOPIC_OTHER: return _("Other changes");
    case SV_TOPIC_COUNT: break;
    }
    return "";
}

static void put_pos(FILE *out, sv_pos pos)
{
    if (!pos.file)
        return;
    fputs("  (", out);
    sv_report_put_safe(out, pos.file, strlen(pos.file));
    if (pos.line > 0)
        fprintf(out, ":%d:%d", pos.line, pos.col);
    fputc(')', out);
}

static void put(FILE *out, const char *text)
{
    sv_report_put_safe(out, text, strlen(text));
}

static void put_value(FILE *out, const char *v)
{
    if (*v)
        put(out, v);
    else
        fputs(_("(none)"), out);
}

static void put_finding(FILE *out, const sv_finding_change *fc)
{
    const sv_finding *f = fc->finding;
    fputs("  ", out);
    put(out, f->pos.file ? f->pos.file : "?");
    fprintf(out, ":%d:%d: %s: ", f->pos.line, f->pos.col, sv_severity_label(f->severity));
    put(out, f->message);
    fprintf(out, " [%s]\n", sv_rule_at(f->rule)->name);
}

static void put_changes(FILE *out, const sv_diff *d)
{
    bool any;
    /* merged, added, removed */
    static const sv_change_kind kinds[] = {SV_CHANGE_MERGED, SV_CHANGE_ADDED, SV_CHANGE_REMOVED};
    for (size_t k = 0; k < 3; k++) {
        any = false;
        for (size_t i = 0; i < d->count; i++) {
            const sv_change *c = &d->changes[i];
            if (c->kind != kinds[k])
                continue;
            if (!any)
                fprintf(out, "\n%s\n", kinds[k] == SV_CHANGE_MERGED ? _("Merged")
                                       : kinds[k] == SV_CHANGE_ADDED ? _("Added")
                                                                     : _("Removed"));
            any = true;
            fprintf(out, "  %s ", sv_change_kind_label(c->kind_name));
            if (c->kind == SV_CHANGE_MERGED) {
                put(out, c->parts);
                fputs(" -> ", out);
            }
            put(out, c->element);
            put_pos(out, c->pos);
            fputc('\n', out);
        }
    }
    for (int t = 0; t < SV_TOPIC_COUNT; t++) {
        any = false;
        for (size_t i = 0; i < d->count; i++) {
            const sv_change *c = &d->changes[i];
            if (c->kind != SV_CHANGE_CHANGED || (int)c->topic != t)
                continue;
            if (!any)
                fprintf(out, "\n%s\n", topic_heading((sv_change_topic)t));
            any = true;
            fprintf(out, "  %s ", sv_change_kind_label(c->kind_name));
            put(out, c->element);
            fprintf(out, ": %s: ", c->field);
            put_value(out, c->before_text);
            fputs(" -> ", out);
            put_value(out, c->after_text);
            if (c->redirected)
                fprintf(out, " %s", _("(redirected by the merge)"));
            fputc('\n', out);
        }
    }
}

static void put_finding_changes(FILE *out, const sv_diff *d)
{
    for (int appeared = 1; appeared >= 0; appeared--) {
        bool any = false;
        for (size_t i = 0; i < d->finding_count; i++) {
            if (d->findings[i].appeared != (bool)appeared || d->findings[i].was)
                continue;
            if (!any)
                fprintf(out, "\n%s\n", appeared ? _("Findings that appear") : _("Findings that disappear"));
            any = true;
            put_finding(out, &d->findings[i]);
        }
    }
    bool any = false;
    for (size_t i = 0; i < d->finding_count; i++) {
        const sv_finding_change *fc = &d->findings[i];
        if (!fc->was)
            continue;
        if (!any)
            fprintf(out, "\n%s\n", _("Findings that change"));
        any = true;
        put_finding(out, fc);
        fprintf(out, "    %s ", _("before:"));
        put(out, fc->was->message);
        fputc('\n', out);
    }
}

static void count(const sv_diff *d, size_t *n)
{
    memset(n, 0, 7 * sizeof *n);
    for (size_t i = 0; i < d->count; i++)
        n[d->changes[i].kind]++;
    for (size_t i = 0; i < d->finding_count; i++)
        n[d->findings[i].was ? 6 : d->findings[i].appeared ? 4 : 5]++;
}

/* The closing count line, "1 merged, ... ; 2 findings appear, 1 disappears",
 * and ", 1 changes" when one does, each count with its own plural; whatif
 * merges nothing and adds nothing. */
static void put_totals(FILE *out, const size_t n[7], bool merges)
{
    fputc('\n', out);
    if (merges) {
        fprintf(out, P_("%zu merged", "%zu merged", n[SV_CHANGE_MERGED]), n[SV_CHANGE_MERGED]);
        fputs(", ", out);
        fprintf(out, P_("%zu added", "%zu added", n[SV_CHANGE_ADDED]), n[SV_CHANGE_ADDED]);
        fputs(", ", out);
    }
    fprintf(out, P_("%zu removed", "%zu removed", n[SV_CHANGE_REMOVED]), n[SV_CHANGE_REMOVED]);
    fputs(", ", out);
    fprintf(out, P_("%zu changed", "%zu changed", n[SV_CHANGE_CHANGED]), n[SV_CHANGE_CHANGED]);
    fputs("; ", out);
    fprintf(out, P_("%zu finding appears", "%zu findings appear", n[4]), n[4]);
    fputs(", ", out);
    fprintf(out, P_("%zu disappears", "%zu disappear", n[5]), n[5]);
    if (n[6]) {
        fputs(", ", out);
        fprintf(out, P_("%zu changes", "%zu change", n[6]), n[6]);
    }
    fputc('\n', out);
}

void sv_report_diff_text(FILE *out, const char *a, const char *b, const sv_diff *d)
{
    fprintf(out, _("Comparing %s with %s\n"), a, b);
    put_changes(out, d);
    put_finding_changes(out, d);
    size_t n[7];
    count(d, n);
    put_totals(out, n, true);
}

static json_t *pos_json(json_t *o, sv_pos pos)
{
    json_object_set_new(o, "file", pos.file ? json_string(pos.file) : json_null());
    json_object_set_new(o, "line", json_integer(pos.line));
    json_object_set_new(o, "column", json_integer(pos.col));
    return o;
}

static json_t *finding_json(const sv_finding_change *fc)
{
    const sv_finding *f = fc->finding;
    json_t *o = json_object();
    json_object_set_new(o, "rule", json_string(sv_rule_at(f->rule)->name));
    json_object_set_new(o, "severity", json_string(sv_severity_name(f->severity)));
    json_object_set_new(o, "message", json_string(f->message));
    const sv_model *m = fc->model;
    json_object_set_new(o, "element", f->element != SV_NONE && m->elements[f->element].id
                                          ? json_string(m->elements[f->element].id)
                                          : json_null());
    return pos_json(o, f->pos);
}

static json_t *diff_json(const sv_diff *d)
{
    json_t *root = json_object();
    static const char *const keys[] = {"merged", "added", "removed", "changed"};
    json_t *lists[4];
    for (int k = 0; k < 4; k++)
        lists[k] = json_array();
    for (size_t i = 0; i < d->count; i++) {
        const sv_change *c = &d->changes[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(c->kind_name));
        json_object_set_new(o, "element", json_string(c->element));
        if (c->kind == SV_CHANGE_MERGED) {
            json_t *parts = json_array();
            char *copy = strdup(c->parts);
            for (char *tok = copy ? strtok(copy, ", ") : NULL; tok; tok = strtok(NULL, ", "))
                json_array_append_new(parts, json_string(tok));
            free(copy);
            json_object_set_new(o, "parts", parts);
        }
        if (c->kind == SV_CHANGE_CHANGED) {
            json_object_set_new(o, "topic", json_string(sv_change_topic_name(c->topic)));
            json_object_set_new(o, "field", json_string(c->field));
            json_object_set_new(o, "before", json_string(c->before));
            json_object_set_new(o, "after", json_string(c->after));
            json_object_set_new(o, "redirected", json_boolean(c->redirected));
        }
        json_array_append_new(lists[c->kind], pos_json(o, c->pos));
    }
    for (int k = 0; k < 4; k++)
        json_object_set_new(root, keys[k], lists[k]);
    json_t *appeared = json_array(), *disappeared = json_array(), *changed = json_array();
    for (size_t i = 0; i < d->finding_count; i++) {
        const sv_finding_change *fc = &d->findings[i];
        if (fc->was) {
            json_t *o = finding_json(fc);
            json_object_set_new(o, "message_before", json_string(fc->was->message));
            json_array_append_new(changed, o);
        } else {
            json_array_append_new(fc->appeared ? appeared : disappeared, finding_json(fc));
        }
    }
    json_t *findings = json_object();
    json_object_set_new(findings, "appeared", appeared);
    json_object_set_new(findings, "disappeared", disappeared);
    json_object_set_new(findings, "changed", changed);
    json_object_set_new(root, "findings", findings);
    return root;
}

int sv_report_diff_json(FILE *out, const char *a, const char *b, const sv_diff *d)
{
    json_t *root = sv_report_json_document();
    json_t *inputs = json_array();
    json_array_append_new(inputs, json_string(a));
    json_array_append_new(inputs, json_string(b));
    json_object_set_new(root, "inputs", inputs);
    json_t *body = diff_json(d);
    json_object_update(root, body); /* appended in body's order */
    json_decref(body);
    return sv_report_json_write(out, root, 0);
}

/* ---- whatif: the same comparison, read as "what breaks" ---- */

static bool is_rule(const sv_finding_change *fc, const char *name)
{
    return strcmp(sv_rule_at(fc->finding->rule)->name, name) == 0;
}

void sv_report_whatif_text(FILE *out, const char *model, const char *const *without, size_t n,
                           const sv_diff *d)
{
    fputs(_("Without"), out);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : " ", out);
        put(out, without[i]);
    }
    fprintf(out, _(" in %s:\n"), model);
    /* steps that lose their accountable or responsible */
    bool any = false;
    for (size_t i = 0; i < d->count; i++) {
        const sv_change *c = &d->changes[i];
        if (c->kind != SV_CHANGE_CHANGED || c->topic != SV_TOPIC_RACI || *c->after ||
            (strcmp(c->field, "accountable") != 0 && strcmp(c->field, "responsible") != 0))
            continue;
        if (!any)
            fprintf(out, "\n%s\n", _("Steps that lose whoever answers for them or does the work"));
        any = true;
        fputs("  ", out);
        put(out, c->element);
        fprintf(out, ": %s: ", c->field);
        put_value(out, c->before_text);
        fputs(" -> ", out);
        put_value(out, c->after_text);
        fputc('\n', out);
    }
    static const struct {
        const char *heading;
        const char *rules[3];
    } groups[] = {
        {N_("Bodies cut off from the decision level"),
         {"reporting-line-missing", "service-point-unsteered", NULL}},
        {N_("Reporting and feedback that no longer close"),
         {"feedback-gap", "handoff-without-feedback", "results-not-reported"}},
    };
    for (size_t g = 0; g < 2; g++) {
        any = false;
        for (size_t i = 0; i < d->finding_count; i++) {
            const sv_finding_change *fc = &d->findings[i];
            bool in = false;
            for (size_t r = 0; r < 3 && groups[g].rules[r]; r++)
                in = in || is_rule(fc, groups[g].rules[r]);
            if (!fc->appeared || !in)
                continue;
            if (!any)
                fprintf(out, "\n%s\n", _(groups[g].heading));
            any = true;
            put_finding(out, fc);
        }
    }
    any = false;
    for (size_t i = 0; i < d->count; i++) {
        const sv_change *c = &d->changes[i];
        if (c->kind != SV_CHANGE_REMOVED || strcmp(c->kind_name, "reporting") != 0)
            continue;
        if (!any)
            fprintf(out, "\n%s\n", _("Reporting flows that go with them"));
        any = true;
        fputs("  ", out);
        put(out, c->element);
        fputc('\n', out);
    }
    fprintf(out, "\n%s", _("Everything that changes:"));
    put_changes(out, d);
    put_finding_changes(out, d);
    size_t c[7];
    count(d, c);
    put_totals(out, c, false);
}

int sv_report_whatif_json(FILE *out, const char *model, const char *const *without, size_t n,
                          const sv_diff *d)
{
    json_t *root = sv_report_json_document();
    json_object_set_new(root, "input", json_string(model));
    json_t *w = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(w, json_string(without[i]));
    json_object_set_new(root, "without", w);
    json_t *body = diff_json(d);
    json_object_update(root, body);
    json_decref(body);
    return sv_report_json_write(out, root, 0);
}
