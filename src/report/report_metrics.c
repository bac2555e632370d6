/*
 * Output of `samverkan metrics`: a table, JSON (fixed key order) or CSV for
 * a spreadsheet, through the one CSV writer (src/util/csv.c) with its
 * guard against formulas.
 */
#include <jansson.h>
#include <string.h>

#include "samverkan/metrics.h"
#include "samverkan/report.h"
#include "samverkan/version.h"
#include "report/report_json.h"
#include "util/csv.h"
#include "util/i18n.h"
#include "util/number.h"
#include "util/text.h"

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
        fprintf(out, "%-8s ", sv_kind_label(m->elements[x->element].kind));
        const char *id = m->elements[x->element].id;
        sv_report_put_safe(out, id, strlen(id));
        /* in the language's style (a decimal comma in Swedish), right-aligned
         * by characters: a no-break space takes two bytes */
        char betweenness[64];
        sv_number_format(betweenness, sizeof betweenness, "%.6g", x->betweenness);
        size_t width = sv_utf8_length(betweenness, strlen(betweenness));
        fprintf(out, "%*s %5u %6u %11u %6u %*s%s %8s\n", (int)(strlen(id) < 32 ? 32 - strlen(id) : 0), "",
                x->seats, x->chairs, x->accountable, x->degree, (int)(width < 11 ? 11 - width : 0), "",
                betweenness, distance);
    }
    if (mt->betweenness_sampled)
        fprintf(out,
                _("BETWEENNESS is estimated from %u of the %u vertices of the seat graph, chosen with "
                  "a fixed seed (docs/performance.md gives its error)\n"),
                mt->betweenness_sources, mt->betweenness_vertices);
}

int sv_report_metrics_json(FILE *out, const char *input, const sv_model *m, const sv_metrics *mt)
{
    json_t *root = sv_report_json_document();
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
        /* format 1.1: only for a body written once for many, so that other
         * models' output stays as it was */
        if (m->elements[x->element].kind == SV_KIND_BODY &&
            m->bodies[m->elements[x->element].index].for_each != SV_FOR_EACH_NONE)
            json_object_set_new(o, "instances", json_integer(x->instances));
        json_array_append_new(list, o);
    }
    json_object_set_new(root, "metrics", list);
    json_object_set_new(root, "betweenness_sources", json_integer(mt->betweenness_sources));
    json_object_set_new(root, "betweenness_estimated", json_boolean(mt->betweenness_sampled));
    return sv_report_json_write(out, root, JSON_REAL_PRECISION(10));
}

void sv_report_metrics_csv(FILE *out, const sv_model *m, const sv_metrics *mt,
                           sv_csv_dialect dialect)
{
    sv_csv csv;
    sv_csv_init(&csv, out, "\r\n", false, dialect);
    /* headers and kinds in the language of messages: a spreadsheet is read */
    static const char *const head[] = {N_("kind"),        N_("element"), N_("name"),
                                       N_("seats"),       N_("chairs"),  N_("accountable"),
                                       N_("degree"),      N_("betweenness"), N_("distance")};
    for (size_t c = 0; c < sizeof head / sizeof head[0]; c++)
        sv_csv_text(&csv, _(head[c]));
    sv_csv_end_row(&csv);
    for (size_t i = 0; i < mt->count; i++) {
        const sv_metric *x = &mt->items[i];
        sv_csv_text(&csv, sv_kind_label(m->elements[x->element].kind));
        sv_csv_text(&csv, m->elements[x->element].id);
        sv_csv_text(&csv, name_of(m, x->element));
        sv_csv_plain(&csv, "%u", x->seats);
        sv_csv_plain(&csv, "%u", x->chairs);
        sv_csv_plain(&csv, "%u", x->accountable);
        sv_csv_plain(&csv, "%u", x->degree);
        sv_csv_number(&csv, "%.10g", x->betweenness);
        if (x->distance >= 0)
            sv_csv_plain(&csv, "%d", x->distance);
        else
            sv_csv_plain(&csv, "%s", "");
        sv_csv_end_row(&csv);
    }
}

/* Per row: the fixed part (keys, numbers at their widest, indentation)
 * and what each byte of the id and the name can become (JSON and HTML
 * escape a control character in six bytes, CSV doubles a quote). */
unsigned long long sv_report_metrics_estimate(const sv_model *m, const char *input,
                                              sv_metrics_format format)
{
    static const unsigned fixed[] = {200, 400, 120, 300};
    static const unsigned per_id[] = {1, 6, 2, 0};
    static const unsigned per_name[] = {0, 6, 2, 6};
    unsigned long long total = 1024 + 6ULL * (input ? strlen(input) : 0);
    uint32_t counts[] = {m->body_count, m->party_count, m->person_count};
    for (int kind = 0; kind < 3; kind++)
        for (uint32_t i = 0; i < counts[kind]; i++) {
            sv_id el = kind == 0 ? m->bodies[i].el : kind == 1 ? m->parties[i].el : m->people[i].el;
            total += fixed[format] + per_id[format] * strlen(m->elements[el].id) +
                     per_name[format] * strlen(name_of(m, el));
        }
    return total;
}
