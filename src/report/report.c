/*
 * Text and JSON output of load errors and findings; see samverkan/report.h.
 * Text follows compilers (file:line:col: severity: message [name], the
 * source line, a caret); JSON is written with jansson in a fixed key order.
 */
#include "samverkan/report.h"

#include <jansson.h>
#include <string.h>

#include "samverkan/samverkan.h"
#include "util/i18n.h"

void sv_report_put_safe(FILE *out, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = s[i];
        if ((ch < 0x20 && ch != '\t') || ch == 0x7F) {
            fputc('?', out);
        } else if (ch == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
            fputc('?', out); /* a C1 control character, U+0080..U+009F */
            i++;
        } else {
            fputc(ch, out);
        }
    }
}

static void put_safe(FILE *out, const char *text)
{
    sv_report_put_safe(out, text, strlen(text));
}

static void put_position(FILE *out, sv_pos pos)
{
    put_safe(out, pos.file ? pos.file : "?");
    if (pos.line > 0)
        fprintf(out, ":%d:%d", pos.line, pos.col);
}

/* The source line of pos with a caret under its column, gcc style. */
static void put_excerpt(FILE *out, const sv_source *source, sv_pos pos)
{
    size_t len;
    const char *line = source && pos.line > 0 ? sv_source_line(source, pos.line, &len) : NULL;
    if (!line)
        return;
    if (len > 400)
        len = 400; /* a single endless line is shown in part */
    int width = fprintf(out, "%5d", pos.line);
    fputs(" | ", out);
    sv_report_put_safe(out, line, len);
    fputc('\n', out);
    fprintf(out, "%*s | ", width, "");
    /* spaces up to the column, keeping tabs so the caret lines up */
    int col = 1;
    for (size_t i = 0; i < len && col < pos.col; i++) {
        unsigned char ch = (unsigned char)line[i];
        if ((ch & 0xC0) == 0x80)
            continue;
        fputc(ch == '\t' ? '\t' : ' ', out);
        col++;
    }
    fputs("^\n", out);
}

void sv_report_diags_text(FILE *out, const sv_diags *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        const sv_diag *d = &diags->items[i];
        put_position(out, d->pos);
        fprintf(out, ": %s: ", sv_severity_label(SV_SEV_ERROR));
        put_safe(out, d->message ? d->message : "");
        fprintf(out, " [%s]\n", d->code);
        put_excerpt(out, d->source, d->pos);
        if (d->has_note) {
            put_position(out, d->note_pos);
            fprintf(out, ": %s: ", _("note"));
            put_safe(out, d->note ? d->note : "");
            fputc('\n', out);
            put_excerpt(out, d->source, d->note_pos);
        }
    }
    size_t total = sv_diags_total(diags);
    if (diags->dropped)
        fprintf(out, P_("%zu more error is not shown\n", "%zu more errors are not shown\n",
                        diags->dropped),
                diags->dropped);
    fprintf(out, P_("%zu error: the model could not be loaded\n",
                    "%zu errors: the model could not be loaded\n", total),
            total);
}

static json_t *position_json(json_t *obj, sv_pos pos)
{
    json_object_set_new(obj, "file", json_string(pos.file ? pos.file : ""));
    json_object_set_new(obj, "line", json_integer(pos.line));
    json_object_set_new(obj, "column", json_integer(pos.col));
    return obj;
}

static json_t *header_json(void)
{
    json_t *root = json_object();
    json_object_set_new(root, "tool", json_string("samverkan"));
    json_object_set_new(root, "version", json_string(SAMVERKAN_VERSION));
    json_object_set_new(root, "format", json_integer(SV_JSON_FORMAT));
    return root;
}

static json_t *inputs_json(const char *const *inputs, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, json_string(inputs[i]));
    return list;
}

static int dump(FILE *out, json_t *root)
{
    int r = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(root);
    return r == 0 ? 0 : -1;
}

int sv_report_diags_json(FILE *out, const sv_diags *diags, const char *const *inputs, size_t count)
{
    json_t *root = header_json();
    json_object_set_new(root, "inputs", inputs_json(inputs, count));
    json_t *errors = json_array();
    for (size_t i = 0; i < diags->count; i++) {
        const sv_diag *d = &diags->items[i];
        json_t *e = json_object();
        json_object_set_new(e, "code", json_string(d->code));
        json_object_set_new(e, "severity", json_string("error"));
        json_object_set_new(e, "message", json_string(d->message ? d->message : ""));
        position_json(e, d->pos);
        if (d->has_note) {
            json_t *note = json_object();
            json_object_set_new(note, "message", json_string(d->note ? d->note : ""));
            position_json(note, d->note_pos);
            json_object_set_new(e, "note", note);
        }
        json_array_append_new(errors, e);
    }
    json_object_set_new(root, "errors", errors);
    json_object_set_new(root, "errors_not_shown", json_integer((json_int_t)diags->dropped));
    return dump(out, root);
}

sv_summary sv_summarize(const sv_findings *findings)
{
    sv_summary s = {0};
    for (size_t i = 0; i < findings->count; i++)
        if (findings->items[i].severity <= SV_SEV_INFO)
            s.count[findings->items[i].severity]++;
    return s;
}

static const sv_model *model_of(const sv_check_result *r, const char *file)
{
    for (size_t i = 0; i < r->input_count; i++)
        if (r->models[i] && r->models[i]->source && file == r->models[i]->source->path)
            return r->models[i];
    return NULL;
}

static const char *element_id(const sv_check_result *r, const sv_finding *f, sv_id el)
{
    const sv_model *m = model_of(r, f->pos.file);
    if (!m || el == SV_NONE || el >= m->element_count)
        return NULL;
    return m->elements[el].id;
}

void sv_report_check_text(FILE *out, const sv_check_result *r)
{
    for (size_t i = 0; i < r->findings->count; i++) {
        const sv_finding *f = &r->findings->items[i];
        put_position(out, f->pos);
        fprintf(out, ": %s: ", sv_severity_label(f->severity));
        put_safe(out, f->message);
        fprintf(out, " [%s]\n", sv_rule_at(f->rule)->name);
        const sv_model *m = model_of(r, f->pos.file);
        put_excerpt(out, m ? m->source : NULL, f->pos);
    }
    sv_summary s = sv_summarize(r->findings);
    fprintf(out, P_("%zu error", "%zu errors", s.count[SV_SEV_ERROR]), s.count[SV_SEV_ERROR]);
    fputs(", ", out);
    fprintf(out, P_("%zu warning", "%zu warnings", s.count[SV_SEV_WARNING]), s.count[SV_SEV_WARNING]);
    fputs(", ", out);
    fprintf(out, P_("%zu note", "%zu notes", s.count[SV_SEV_INFO]), s.count[SV_SEV_INFO]);
    fputc('\n', out);
}

int sv_report_check_json(FILE *out, const sv_check_result *r)
{
    json_t *root = header_json();
    json_object_set_new(root, "year", json_integer(r->year));
    json_object_set_new(root, "inputs", inputs_json(r->inputs, r->input_count));
    json_t *list = json_array();
    for (size_t i = 0; i < r->findings->count; i++) {
        const sv_finding *f = &r->findings->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "rule", json_string(sv_rule_at(f->rule)->name));
        json_object_set_new(o, "severity", json_string(sv_severity_name(f->severity)));
        json_object_set_new(o, "message", json_string(f->message));
        const char *id = element_id(r, f, f->element);
        json_object_set_new(o, "element", id ? json_string(id) : json_null());
        position_json(o, f->pos);
        json_t *related = json_array();
        for (size_t k = 0; k < f->related_count; k++) {
            json_t *rel = json_object();
            const char *rid = element_id(r, f, f->related[k].element);
            json_object_set_new(rel, "element", rid ? json_string(rid) : json_null());
            position_json(rel, f->related[k].pos);
            json_array_append_new(related, rel);
        }
        json_object_set_new(o, "related", related);
        json_array_append_new(list, o);
    }
    json_object_set_new(root, "findings", list);
    sv_summary s = sv_summarize(r->findings);
    json_t *summary = json_object();
    json_object_set_new(summary, "error", json_integer((json_int_t)s.count[SV_SEV_ERROR]));
    json_object_set_new(summary, "warning", json_integer((json_int_t)s.count[SV_SEV_WARNING]));
    json_object_set_new(summary, "info", json_integer((json_int_t)s.count[SV_SEV_INFO]));
    json_object_set_new(summary, "suppressed", json_integer((json_int_t)s.suppressed));
    json_object_set_new(root, "summary", summary);
    return dump(out, root);
}

void sv_report_rules_text(FILE *out)
{
    fprintf(out, "%-28s %-8s %-3s %s\n", _("RULE"), _("SEVERITY"), _("Q"), _("DETECTS"));
    for (size_t i = 0; i < sv_rule_count(); i++) {
        const sv_rule_info *r = sv_rule_at(i);
        fprintf(out, "%-28s %-8s %-3d %s\n", r->name, sv_severity_name(r->severity), r->question,
                sv_rule_summary(r));
    }
}

int sv_report_rules_json(FILE *out)
{
    json_t *list = json_array();
    for (size_t i = 0; i < sv_rule_count(); i++) {
        const sv_rule_info *r = sv_rule_at(i);
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(r->name));
        json_object_set_new(o, "severity", json_string(sv_severity_name(r->severity)));
        json_object_set_new(o, "question", json_integer(r->question));
        json_object_set_new(o, "summary", json_string(sv_rule_summary(r)));
        json_array_append_new(list, o);
    }
    return dump(out, list);
}
