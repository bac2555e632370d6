/*
 * Output of `samverkan metrics`: a table, JSON (fixed key order) or CSV for
 * a spreadsheet. CSV cells are quoted as RFC 4180 says, and a cell that a
 * spreadsheet would read as a formula (starting with = + - @) gets a
 * leading apostrophe, so that a hostile name cannot run as one.
 */
#include <jansson.h>
#include <string.h>

#include "samverkan/metrics.h"
#include "samverkan/report.h"
#include "samverkan/version.h"
#include "report/report_json.h"
#include "util/i18n.h"

static const char *name_of(const sv_model *m, sv_id el)
{
    return m->elements[el].name ? m->elements[el].name : "";
}

void sv_report_metrics_text(FILE *out, const sv_model *m, const sv_metrics *mt)
{
    fprintf(out, "%-8s %-32s %5s %6s %11s %6s %11s %8s\n", _("KIND"), _("ID"), _("SEATS"),
            _("CHAIRS"), _("ACCOUNTABLE"), _("DEGREE"), _("BETWEENNESS"), _("DISTANCE"));
    for (size_t i = 0; i < mt->count; i++) {
        const sv_metric *x = &mt->items[i];
        char distance[16] = "-";
        if (x->distance >= 0)
            snprintf(distance, sizeof distance, "%d", x->distance);
        fprintf(out, "%-8s ", sv_kind_name(m->elements[x->element].kind));
        const char *id = m->elements[x->element].id;
        sv_report_put_safe(out, id, strlen(id));
        fprintf(out, "%*s %5u %6u %11u %6u %11.6g %8s\n", (int)(strlen(id) < 32 ? 32 - strlen(id) : 0), "",
                x->seats, x->chairs, x->accountable, x->degree, x->betweenness, distance);
    }
}

int sv_report_metrics_json(FILE *out, const char *input, const sv_model *m, const sv_metrics *mt)
{
    json_t *root = json_object();
    json_object_set_new(root, "tool", json_string("samverkan"));
    json_object_set_new(root, "version", json_string(SAMVERKAN_VERSION));
    json_object_set_new(root, "format", json_integer(SV_JSON_FORMAT));
    json_object_set_new(root, "input", json_string(input));
    json_t *list = json_array();
    for (size_t i = 0; i < mt->count; i++) {
        const sv_metric *x = &mt->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(sv_kind_name(m->elements[x->element].kind)));
        json_object_set_new(o, "element", json_string(m->elements[x->element].id));
        json_object_set_new(o, "name", json_string(name_of(m, x->element)));
        json_object_set_new(o, "seats", json_integer(x->seats));
        json_object_set_new(o, "chairs", json_integer(x->chairs));
        json_object_set_new(o, "accountable", json_integer(x->accountable));
        json_object_set_new(o, "degree", json_integer(x->degree));
        json_object_set_new(o, "betweenness", json_real(x->betweenness));
        json_object_set_new(o, "distance", x->distance >= 0 ? json_integer(x->distance) : json_null());
        json_array_append_new(list, o);
    }
    json_object_set_new(root, "metrics", list);
    return sv_report_json_write(out, root, JSON_REAL_PRECISION(10));
}

/* One CSV cell: quoted when needed, formula-looking text defused. */
void sv_report_csv_cell(FILE *out, const char *text)
{
    bool formula = text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@';
    bool quote = formula || strpbrk(text, ",\"\r\n;") != NULL;
    if (quote)
        fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *c = text; *c; c++) {
        if (*c == '"')
            fputc('"', out);
        fputc(*c, out);
    }
    if (quote)
        fputc('"', out);
}

void sv_report_metrics_csv(FILE *out, const sv_model *m, const sv_metrics *mt)
{
    fputs("kind,element,name,seats,chairs,accountable,degree,betweenness,distance\r\n", out);
    for (size_t i = 0; i < mt->count; i++) {
        const sv_metric *x = &mt->items[i];
        fprintf(out, "%s,", sv_kind_name(m->elements[x->element].kind));
        sv_report_csv_cell(out, m->elements[x->element].id);
        fputc(',', out);
        sv_report_csv_cell(out, name_of(m, x->element));
        fprintf(out, ",%u,%u,%u,%u,%.10g,", x->seats, x->chairs, x->accountable, x->degree,
                x->betweenness);
        if (x->distance >= 0)
            fprintf(out, "%d", x->distance);
        fputs("\r\n", out);
    }
}
