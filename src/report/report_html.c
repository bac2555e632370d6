/*
 * The self-contained HTML report (see samverkan/report_html.h), written for
 * its reader: a board or committee first (the summary of the answers, the
 * recommendations, the observations per audit question, the figures, the
 * simulation's conclusion), then appendices for whoever keeps the model
 * (the findings by rule with the model excerpt and the fix, the metrics).
 * No script at all: links are plain anchors, the table of contents is a
 * list. The Content-Security-Policy allows only the inline style and data:
 * images, so that nothing in the file can fetch anything. Print CSS sets A4
 * portrait, with named landscape pages for wide figures and the RACI
 * matrix, keeps a figure and its caption on one page, never ends a page
 * with a heading, and puts the agreement's name and the page number in the
 * margins (docs/report.md).
 */
#include "samverkan/report_html.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "samverkan/render.h"
#include "samverkan/report.h"
#include "samverkan/version.h"
#include "util/i18n.h"
#include "util/markup.h"
#include "util/number.h"

/* Text for HTML element content and quoted attributes, through the one
 * escaper (util/markup.h). */
static void esc(FILE *out, const char *text)
{
    sv_markup_put(out, text, 0);
}

/* Screen and print. The page box: A4 portrait with 18 mm margins at the
 * top and bottom for the running head (the agreement's name, set per
 * report in a second rule) and the page number; `wide` pages are A4
 * landscape, for figures that are wider than tall and the RACI matrix.
 * Named pages start on a page of their own, so a landscape figure never
 * shares a page with text set for portrait. */
static const char *const STYLE =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em auto;max-width:60em;color:#222;"
    "line-height:1.4;padding:0 1em}"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;"
    "margin-top:2em}h3{margin-top:1.5em}"
    "table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #bbb;"
    "padding:.25em .5em;text-align:left;vertical-align:top}th{background:#eef3f8}"
    ".error{color:#b00020}.warning{color:#8a5a00}.note{color:#0b5394}.suppressed{color:#777}"
    ".answer{font-weight:bold}.ja{color:#1b7a1b}.vasentligt{color:#3d7a1b}.delvis{color:#8a5a00}"
    ".nej{color:#b00020}.kan-inte-bedomas{color:#555}"
    "pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8em}"
    ".finding{border-left:4px solid #ccc;padding:.2em .8em;margin:.8em 0}"
    ".finding.error{border-color:#b00020}.finding.warning{border-color:#e69f00}"
    ".finding.note{border-color:#56B4E9}.finding p{color:#222;margin:.3em 0}"
    "figure{margin:1em 0}figcaption{font-weight:bold;margin:.3em 0}"
    ".diagram svg{display:block;width:100%;height:auto;max-height:205mm}"
    ".wide .diagram svg{max-height:135mm}.meta{color:#555;font-size:.9em}"
    ".diagram g:target>polygon,.diagram g:target>ellipse,.diagram g:target>path,"
    ".diagram g:target>a>polygon,.diagram g:target>a>ellipse,.diagram g:target>a>path"
    "{stroke:#d00;stroke-width:5}"
    "ol.marks{font-size:.85em}ol.marks li{margin:.15em 0}"
    "table.raci{font-size:7.5pt}table.raci td.l{text-align:center}"
    "table.raci td.a{background:#FFF2CC;font-weight:bold}table.raci tr.p th{background:#EEE}"
    "table.raci .noa{color:#C00000}table.raci th.c{font-weight:normal;vertical-align:bottom;"
    "hyphens:manual;overflow-wrap:normal}"
    "nav ol{columns:2}.recommendations li{margin:.4em 0}"
    "@page{size:A4 portrait;margin:18mm 15mm}"
    "@page wide{size:A4 landscape;margin:15mm 18mm}"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "h1,h2,h3,h4,figcaption,caption{break-after:avoid;page-break-after:avoid}"
    "figure,.finding,tr,pre,li{break-inside:avoid;page-break-inside:avoid}"
    ".figure-page{break-before:page}.wide{page:wide}.appendix{break-before:page}"
    "table{width:100%}a{color:inherit;text-decoration:none}}";

/* Writes `text` as the body of a CSS string: everything but letters,
 * digits, space and the bytes of UTF-8 sequences as a hex escape, so that
 * no name can end the string or the style element. */
static void css_string(FILE *out, const char *text)
{
    fputc('"', out);
    for (const unsigned char *c = (const unsigned char *)(text ? text : ""); *c; c++) {
        if (*c >= 0x80 || isalnum(*c) || *c == ' ')
            fputc(*c, out);
        else if (*c < 0x20 || *c == 0x7F)
            fputc('?', out);
        else
            fprintf(out, "\\%x ", *c);
    }
    fputc('"', out);
}

/* The margin boxes: the agreement's name at the head of every page, the
 * page number and count at its foot. */
static void put_page_style(FILE *out, const char *name)
{
    static const char *const pages[] = {"", " wide"};
    for (size_t i = 0; i < 2; i++) {
        fprintf(out, "@page%s{@top-center{content:", pages[i]);
        css_string(out, name);
        fputs(";font-size:8pt;color:#555}@bottom-right{content:", out);
        css_string(out, _("page"));
        fputs(" \" \" counter(page) \" \" ", out);
        css_string(out, _("of"));
        fputs(" \" \" counter(pages);font-size:8pt;color:#555}}", out);
    }
}

static const char *answer_class(sv_answer a)
{
    static const char *const names[] = {"ja", "vasentligt", "delvis", "nej", "kan-inte-bedomas"};
    return (unsigned)a <= SV_ANSWER_KAN_INTE_BEDOMAS ? names[a] : "";
}

static void put_answer(FILE *out, sv_answer a)
{
    fprintf(out, "<span class=\"answer %s\">", answer_class(a));
    esc(out, sv_answer_text(a));
    fputs("</span>", out);
}

/* Where a finding's element is drawn: the diagram section to link to. */
static const char *diagram_of(const sv_model *m, sv_id el, char *buf, size_t size)
{
    if (el == SV_NONE)
        return NULL;
    switch (m->elements[el].kind) {
    case SV_KIND_BODY:
        return "diagram-governance";
    case SV_KIND_STEP:
        snprintf(buf, size, "diagram-process-%s", m->elements[m->processes[m->steps[m->elements[el].index].process].el].id);
        return buf;
    case SV_KIND_PROCESS:
        snprintf(buf, size, "diagram-process-%s", m->elements[el].id);
        return buf;
    case SV_KIND_REPORTING:
        return "diagram-reporting";
    default:
        return NULL;
    }
}

/* Where a YAML comment starts on `line` (a '#' at the start or after a
 * blank, outside quotes), or `len` when it has none. */
static size_t comment_at(const char *line, size_t len)
{
    char quote = 0;
    for (size_t i = 0; i < len; i++) {
        char c = line[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            if (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t' || line[i - 1] == ':' ||
                line[i - 1] == '[' || line[i - 1] == ',' || line[i - 1] == '-')
                quote = c;
        } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
            return i;
        }
    }
    return len;
}

/* The finding's line and one on either side. The modeller's comments
 * ("# assumption: ...") are notes to themselves, not the agreement: they
 * are left out, and lines that hold only a comment are skipped, unless
 * the report was asked for --with-source. */
static void put_excerpt(FILE *out, const sv_model *m, sv_pos pos, bool with_source)
{
    const sv_source *src = sv_model_source_of(m, pos.file);
    size_t len;
    const char *line = src && pos.line > 0 ? sv_source_line(src, pos.line, &len) : NULL;
    if (!line)
        return;
    fputs("<pre>", out);
    for (int l = pos.line - 1; l <= pos.line + 1; l++) {
        const char *text = sv_source_line(src, l, &len);
        if (!text)
            continue;
        size_t keep = len > 300 ? 300 : len;
        if (!with_source) {
            keep = comment_at(text, keep);
            while (keep > 0 && (text[keep - 1] == ' ' || text[keep - 1] == '\t'))
                keep--;
            if (keep == 0 && l != pos.line)
                continue;
        }
        char *copy = strndup(text, keep);
        if (!copy)
            continue;
        fprintf(out, "%5d%s ", l, l == pos.line ? " &gt;" : "  ");
        esc(out, copy);
        fputc('\n', out);
        free(copy);
    }
    fputs("</pre>", out);
}

/* Which elements the figures draw as boxes of their own, each in the
 * figure its findings link to: the node titles of every SVG, read once
 * (per element 1, else 0), so that linking a finding costs no search. */
static unsigned char *boxed_elements(const sv_html_report *r)
{
    const sv_model *m = r->model;
    unsigned char *boxed = calloc(m->element_count + 1, 1);
    if (!boxed)
        return NULL;
    static const char key[] = "class=\"node\">\n<title>";
    for (size_t d = 0; d < r->diagram_count; d++) {
        for (const char *at = r->diagrams[d].svg; at && (at = strstr(at, key)) != NULL;) {
            at += sizeof key - 1;
            const char *end = strstr(at, "</title>");
            if (!end)
                break;
            /* our node names are element ids; Graphviz writes '-' as "&#45;" */
            char id[256];
            size_t n = 0;
            for (const char *c = at; c < end && n + 1 < sizeof id;) {
                if (strncmp(c, "&#45;", 5) == 0) {
                    id[n++] = '-';
                    c += 5;
                } else {
                    id[n++] = *c++;
                }
            }
            id[n] = '\0';
            at = end;
            sv_id el = sv_model_find(m, id);
            char buf[160];
            const char *own = el == SV_NONE ? NULL : diagram_of(m, el, buf, sizeof buf);
            if (own && strcmp(own, r->diagrams[d].anchor) == 0)
                boxed[el] = 1;
        }
    }
    return boxed;
}

/* The link from a finding to its element's box in a figure, or to the
 * figure, or nothing when no figure draws it. */
static void put_figure_link(FILE *out, const sv_html_report *r, const unsigned char *boxed,
                            sv_id el)
{
    const sv_model *m = r->model;
    char buf[160];
    const char *diagram = diagram_of(m, el, buf, sizeof buf);
    if (!diagram)
        return;
    const char *id = m->elements[el].id;
    size_t figure = SIZE_MAX;
    for (size_t d = 0; d < r->diagram_count && figure == SIZE_MAX; d++)
        if (strcmp(r->diagrams[d].anchor, diagram) == 0 && r->diagrams[d].svg)
            figure = d;
    if (figure == SIZE_MAX)
        return;
    fputs(" · <a href=\"#", out);
    fputs(diagram, out);
    if (boxed && boxed[el]) {
        fputs("--", out);
        esc(out, id);
    }
    fputs("\">", out);
    char text[64];
    snprintf(text, sizeof text, _("figure %zu"), figure + 1);
    esc(out, text);
    fputs("</a>", out);
}

/* A finding in appendix A: the message, where it is, the excerpt. */
static void put_finding(FILE *out, const sv_html_report *r, const unsigned char *boxed, size_t i)
{
    const sv_finding *f = &r->findings->items[i];
    const sv_model *m = r->model;
    fprintf(out, "<div class=\"finding %s\" id=\"finding-%zu\"><p><b class=\"%s\">",
            sv_severity_name(f->severity), i + 1, sv_severity_name(f->severity));
    esc(out, sv_severity_label(f->severity));
    fputs("</b> ", out);
    esc(out, f->message);
    fputs("</p><p class=\"meta\">", out);
    esc(out, f->pos.file);
    fprintf(out, ":%d:%d", f->pos.line, f->pos.col);
    put_figure_link(out, r, boxed, f->element);
    if (f->suppressed) {
        fputs(" · <span class=\"suppressed\">", out);
        esc(out, _("suppressed:"));
        fputc(' ', out);
        esc(out, f->suppressed_because);
        fputs("</span>", out);
    }
    fputs("</p>", out);
    put_excerpt(out, m, f->pos, r->with_source);
    fputs("</div>\n", out);
}

static void section(FILE *out, const char *id, const char *cls, const char *title)
{
    fprintf(out, "<section class=\"part%s%s\" id=\"%s\"><h2>", cls ? " " : "", cls ? cls : "", id);
    esc(out, title);
    fputs("</h2>\n", out);
}

/* The name an element goes by in the report's prose. */
static const char *name_of(const sv_model *m, sv_id el)
{
    if (el == SV_NONE || el >= m->element_count)
        return m->elements[m->agreement.el].name;
    return sv_element_name(m, el);
}

/* An SVG document without its XML declaration and DOCTYPE, for inlining.
   Graphviz numbers its nodes ("node7"), which would clash between the
   diagrams of one page and say nothing; each node whose title is an
   element id gets the id "ANCHOR--ELEMENT" instead, so that a finding can
   link to the very box it is about (and CSS :target outlines it). */
static void put_svg(FILE *out, const char *svg, const char *anchor)
{
    const char *at = strstr(svg, "<svg");
    if (!at)
        return;
    static const char node_open[] = "<g id=\"";
    for (;;) {
        const char *g = strstr(at, node_open);
        if (!g) {
            fputs(at, out);
            return;
        }
        const char *id_end = strchr(g + strlen("<g id=\""), '"');
        const char *title = id_end ? strstr(id_end, "class=\"node\">\n<title>") : NULL;
        const char *title_end = title ? strstr(title, "</title>") : NULL;
        if (!id_end)
            break;
        if (!title_end || title != id_end + 2) {
            /* any other group: its Graphviz id, made unique on the page */
            fwrite(at, 1, (size_t)(g - at), out);
            fprintf(out, "<g id=\"%s-", anchor);
            at = g + strlen(node_open);
            continue;
        }
        title += strlen("class=\"node\">\n<title>");
        /* only plain element ids: letters, digits, '_', '/' and '&#45;' */
        bool plain = title_end > title;
        for (const char *c = title; c < title_end && plain; c++)
            plain = isalnum((unsigned char)*c) || *c == '_' || *c == '/' || *c == '&' ||
                    *c == '#' || *c == ';';
        fwrite(at, 1, (size_t)(g - at), out);
        if (plain) {
            fprintf(out, "<g id=\"%s--", anchor);
            for (const char *c = title; c < title_end; c++) {
                if (strncmp(c, "&#45;", 5) == 0) {
                    fputc('-', out);
                    c += 4;
                } else {
                    fputc(*c, out);
                }
            }
            fputc('"', out);
            at = id_end + 1;
        } else {
            fprintf(out, "<g id=\"%s-", anchor);
            at = g + strlen(node_open);
        }
    }
    fputs(at, out);
}

/* One decimal, in the style of the message language (util/number.h). */
static const char *one_decimal(char *buf, size_t size, double v)
{
    return sv_number_format(buf, size, "%.1f", v);
}

static void put_stat(FILE *out, const sv_sim_stat *s, const char *unit)
{
    if (isnan(s->mean)) {
        fputs("–", out);
        return;
    }
    char m[64], lo[64], hi[64];
    fprintf(out, "%s%s", one_decimal(m, sizeof m, s->mean), unit);
    if (!isnan(s->lo)) {
        fputs(" <span class=\"meta\">", out);
        fprintf(out, _("[%s, %s]"), one_decimal(lo, sizeof lo, s->lo),
                one_decimal(hi, sizeof hi, s->hi));
        fputs("</span>", out);
    }
}

/* Opens a table with a header row of the given N_() words, translated. */
static void table_head(FILE *out, const char *const *headings, size_t count)
{
    fputs("<table><tr>", out);
    for (size_t h = 0; h < count; h++) {
        fputs("<th>", out);
        esc(out, _(headings[h]));
        fputs("</th>", out);
    }
    fputs("</tr>\n", out);
}

static void put_simulation(FILE *out, const sv_html_report *r, size_t figure)
{
    const sv_sim_report *sim = r->simulation;
    const sv_sim_result *first = sim->results[0];
    fputs("<p>", out);
    const sv_sim_options *o = &first->options;
    char months[64], precision[32];
    snprintf(months, sizeof months, P_("%d month", "%d months", o->months), o->months);
    sv_number_format(precision, sizeof precision, "%g",
                     100 * (o->precision > 0 ? o->precision : SV_SIM_PRECISION));
    fprintf(out,
            _("%s after each service point's warm-up, seed %llu; the warm-up found by MSER-5 and "
              "the runs chosen so that the mean wait and lead time are known within %s %% (or "
              "half a day), where not given; means with their 95 %% confidence interval; waits "
              "in days."),
            months, (unsigned long long)o->seed, precision);
    fputs("</p>\n", out);
    static const char *const headings[] = {
        N_("input"), N_("service point"), N_("arrivals / month"), N_("slots"), N_("mean wait"),
        N_("90th percentile wait"), N_("utilisation"), N_("queue length"), N_("admissions / month"),
        N_("Erlang C mean wait")};
    table_head(out, headings, sizeof headings / sizeof headings[0]);
    for (size_t i = 0; i < sim->input_count; i++) {
        const sv_sim_result *res = sim->results[i];
        for (uint32_t k = 0; k < res->point_count; k++) {
            const sv_sim_point *p = &res->points[k];
            fputs("<tr><td>", out);
            esc(out, sim->inputs[i]);
            fputs("</td><td>", out);
            esc(out, p->queue.name);
            char n[64];
            fprintf(out, "</td><td>%s</td><td>%d</td><td>",
                    one_decimal(n, sizeof n, p->queue.arrivals_per_month), p->queue.slots);
            if (p->unstable) {
                fputs("<span class=\"nej\">", out);
                esc(out, _("unstable: the queue grows"));
                fprintf(out, " +%s / ", one_decimal(n, sizeof n, p->queue_growth_per_month.mean));
                esc(out, _("month"));
                fputs("</span></td><td></td>", out);
            } else {
                put_stat(out, &p->wait, "");
                fputs("</td><td>", out);
                put_stat(out, &p->wait_p90, "");
                fputs("</td>", out);
            }
            fputs("<td>", out);
            if (!isnan(p->utilisation.mean))
                fprintf(out, "%s %%", sv_number_format(n, sizeof n, "%.0f", 100 * p->utilisation.mean));
            fputs("</td><td>", out);
            put_stat(out, &p->queue_length, "");
            fputs("</td><td>", out);
            put_stat(out, &p->admissions_per_month, "");
            fputs("</td><td>", out);
            if (p->analytic.available)
                fprintf(out, "%s (%s)", one_decimal(n, sizeof n, p->analytic.wait_mean),
                        p->analytic.model);
            else
                fputs("–", out);
            fputs("</td></tr>\n", out);
        }
    }
    fputs("</table>\n<p>", out);
    esc(out, _("Warm-up and runs:"));
    for (size_t i = 0; i < sim->input_count; i++) {
        const sv_sim_result *res = sim->results[i];
        for (uint32_t k = 0; k < res->point_count; k++) {
            const sv_sim_point *p = &res->points[k];
            char line[256], warm[64], runs[64];
            snprintf(warm, sizeof warm, P_("%d month", "%d months", p->warmup), p->warmup);
            snprintf(runs, sizeof runs, P_("%u run", "%u runs", p->run_count), p->run_count);
            snprintf(line, sizeof line, _("%s, %s: %s, %s"), sim->inputs[i], p->queue.name, warm,
                     runs);
            fputs(i || k ? "; " : " ", out);
            esc(out, line);
        }
    }
    fputs(".</p>\n", out);
    /* what a planner must be told about the figures, as simulate says it */
    char *said = NULL;
    size_t said_len = 0;
    FILE *mem = open_memstream(&said, &said_len);
    if (mem) {
        sv_report_sim_warnings(mem, sim);
        fclose(mem);
    }
    const char *prefix = _("samverkan: warning: ");
    size_t prefix_len = strlen(prefix);
    for (char *line = said; said && *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (strncmp(line, prefix, prefix_len) == 0)
            line += prefix_len;
        fputs("<p class=\"warning\">", out);
        esc(out, line);
        fputs("</p>\n", out);
        if (!end)
            break;
        line = end + 1;
    }
    free(said);
    if (r->simulation_plot_svg) {
        fputs("<figure class=\"diagram\" id=\"simulation-plot\"><figcaption>", out);
        char caption[64];
        snprintf(caption, sizeof caption, _("Figure %zu."), figure);
        esc(out, caption);
        fputc(' ', out);
        esc(out, _("Waits at the service points, month by month"));
        fputs("</figcaption>\n", out);
        put_svg(out, r->simulation_plot_svg, "simulation");
        fputs("</figure>\n", out);
    }
}

static void put_diff(FILE *out, const sv_diff *d)
{
    if (!d->count && !d->finding_count) {
        fputs("<p>", out);
        esc(out, _("No difference."));
        fputs("</p>\n", out);
        return;
    }
    static const char *const headings[] = {N_("change"), N_("element"), N_("before"), N_("after")};
    table_head(out, headings, sizeof headings / sizeof headings[0]);
    static const char *const kinds[] = {N_("merged"), N_("added"), N_("removed"), N_("changed")};
    for (size_t i = 0; i < d->count; i++) {
        const sv_change *c = &d->changes[i];
        fputs("<tr><td>", out);
        esc(out, _(kinds[c->kind]));
        if (c->kind == SV_CHANGE_CHANGED) {
            /* the key as written in the model */
            fputs(": <code>", out);
            esc(out, c->field);
            fputs("</code>", out);
        }
        fputs("</td><td>", out);
        esc(out, sv_change_kind_label(c->kind_name));
        fputc(' ', out);
        esc(out, c->element);
        fputs("</td><td>", out);
        esc(out, c->kind == SV_CHANGE_MERGED ? c->parts
                 : c->kind == SV_CHANGE_CHANGED ? c->before_text
                                                : c->before);
        fputs("</td><td>", out);
        esc(out, c->kind == SV_CHANGE_CHANGED ? c->after_text : c->after);
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n", out);
    for (int appeared = 1; appeared >= 0; appeared--) {
        bool any = false;
        for (size_t i = 0; i < d->finding_count; i++) {
            const sv_finding_change *fc = &d->findings[i];
            if (fc->appeared != (bool)appeared || fc->was)
                continue;
            if (!any) {
                fputs("<h4>", out);
                esc(out, appeared ? _("Findings that appear") : _("Findings that disappear"));
                fputs("</h4><ul>\n", out);
            }
            any = true;
            fputs("<li>", out);
            esc(out, fc->finding->message);
            fprintf(out, " <span class=\"meta\">[%s]</span></li>\n", sv_rule_at(fc->finding->rule)->name);
        }
        if (any)
            fputs("</ul>\n", out);
    }
    bool any = false;
    for (size_t i = 0; i < d->finding_count; i++) {
        const sv_finding_change *fc = &d->findings[i];
        if (!fc->was)
            continue;
        if (!any) {
            fputs("<h4>", out);
            esc(out, _("Findings that change"));
            fputs("</h4><ul>\n", out);
        }
        any = true;
        fputs("<li>", out);
        esc(out, fc->finding->message);
        fprintf(out, " <span class=\"meta\">[%s]</span><br><span class=\"meta\">",
                sv_rule_at(fc->finding->rule)->name);
        esc(out, _("before:"));
        fputc(' ', out);
        esc(out, fc->was->message);
        fputs("</span></li>\n", out);
    }
    if (any)
        fputs("</ul>\n", out);
}


/* Whether a figure is set on a landscape page: when the page's width
 * across gives the drawing a larger scale than portrait does (the box a
 * figure gets is about 180 x 205 mm upright and 260 x 135 mm across). */
static bool figure_is_wide(const char *svg)
{
    const char *at = svg ? strstr(svg, "<svg width=\"") : NULL;
    double w, h;
    if (!at || sscanf(at, "<svg width=\"%lfpt\" height=\"%lfpt\"", &w, &h) != 2 || w <= 0 || h <= 0)
        return false;
    double upright = fmin(180 / w, 205 / h), across = fmin(260 / w, 135 / h);
    return across > upright * 1.05;
}

/* The findings a figure marks, numbered as its markers are (the renderer
 * numbers the marked elements in the order of their first finding): the
 * element's name, then each of its findings the view marks, linking to
 * appendix A. The list is what a printed page has instead of the hover
 * text. */
static void put_marks(FILE *out, const sv_html_report *r, const sv_findings_index *ix,
                      const unsigned char *concerns, const sv_html_diagram *d)
{
    const sv_model *m = r->model;
    const sv_findings *fs = r->findings;
    if (!d->svg || !d->mark_count)
        return;
    fputs("<ol class=\"marks\">\n", out);
    for (size_t i = 0; i < d->mark_count; i++) {
        sv_id el = d->marks[i];
        fputs("<li><b>", out);
        esc(out, name_of(m, el));
        fputs("</b>: ", out);
        bool first = true;
        for (size_t k = el < ix->element_count ? ix->from[el] : 0;
             el < ix->element_count && k < ix->from[el + 1]; k++) {
            const sv_finding *g = &fs->items[ix->at[k]];
            if (!concerns[(size_t)d->view * sv_rule_count() + g->rule])
                continue;
            if (!first)
                fputs("; ", out);
            first = false;
            fprintf(out, "<a href=\"#finding-%zu\">", ix->at[k] + 1);
            esc(out, sv_rule_summary(sv_rule_at(g->rule)));
            fputs("</a>", out);
        }
        fputs("</li>\n", out);
    }
    fputs("</ol>\n", out);
}

/* The processes without a figure: their names, steps and findings, so that
 * a reader sees what the figures leave out and where to look next. */
static void put_undrawn(FILE *out, const sv_html_report *r)
{
    const sv_model *m = r->model;
    char text[512];
    fputs("<section class=\"undrawn\" id=\"processes-not-drawn\"><h3>", out);
    esc(out, _("Processes not drawn"));
    fputs("</h3>\n<p>", out);
    snprintf(text, sizeof text,
             P_("The figures show the processes with the most findings; %zu process is not "
                "drawn. `samverkan render --view process:ID` draws any of them.",
                "The figures show the processes with the most findings; %zu processes are not "
                "drawn. `samverkan render --view process:ID` draws any of them.",
                r->undrawn_count),
             r->undrawn_count);
    esc(out, text);
    fputs("</p>\n", out);
    static const char *const headings[] = {N_("process"), N_("id"), N_("steps"), N_("findings")};
    table_head(out, headings, sizeof headings / sizeof headings[0]);
    for (size_t i = 0; i < r->undrawn_count; i++) {
        const sv_process *p = &m->processes[r->undrawn[i].process];
        fputs("<tr><td>", out);
        esc(out, name_of(m, p->el));
        fputs("</td><td>", out);
        esc(out, m->elements[p->el].id);
        fprintf(out, "</td><td>%u</td><td>%zu</td></tr>\n", p->step_count, r->undrawn[i].findings);
    }
    fputs("</table></section>\n", out);
}

/* The simulation in words: for each input, the service point with the
 * longest mean wait, and every point whose queue grows. */
static void put_sim_conclusion(FILE *out, const sv_sim_report *sim,
                               const sv_model *const *models)
{
    fputs("<ul class=\"conclusion\">\n", out);
    for (size_t i = 0; i < sim->input_count; i++) {
        const sv_sim_result *res = sim->results[i];
        const sv_sim_point *worst = NULL;
        unsigned unstable = 0;
        for (uint32_t k = 0; k < res->point_count; k++) {
            const sv_sim_point *p = &res->points[k];
            if (p->unstable)
                unstable++;
            else if (!isnan(p->wait.mean) && (!worst || p->wait.mean > worst->wait.mean))
                worst = p;
        }
        fputs("<li><b>", out);
        esc(out, sim->inputs[i]);
        fputs("</b>: ", out);
        char text[512];
        if (worst) {
            /* the service point by its body's name in the input's model */
            const char *point = worst->queue.name;
            sv_id el = models && models[i] ? sv_model_find(models[i], point) : SV_NONE;
            if (el != SV_NONE)
                point = name_of(models[i], el);
            char mean[64], p90[64];
            snprintf(text, sizeof text,
                     _("the longest mean wait is at %s, %s days (90th percentile %s days)"), point,
                     one_decimal(mean, sizeof mean, worst->wait.mean),
                     one_decimal(p90, sizeof p90, worst->wait_p90.mean));
            esc(out, text);
        }
        if (unstable) {
            if (worst)
                fputs("; ", out);
            snprintf(text, sizeof text,
                     P_("at %u service point the queue grows without end: it has too few slots "
                        "for its arrivals",
                        "at %u service points the queue grows without end: they have too few "
                        "slots for their arrivals",
                        unstable),
                     unstable);
            esc(out, text);
        } else if (worst) {
            fputs("; ", out);
            esc(out, _("every queue is stable"));
        }
        fputs(".</li>\n", out);
    }
    fputs("</ul>\n", out);
}

/* The before-and-after of each scenario and the capacity plan, as
 * `simulate` says them (src/report/report_sim_plan.c), kept as lines. */
static void put_sim_comparison(FILE *out, const sv_sim_report *sim)
{
    if (!sim->conclusions && !sim->plans)
        return;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return;
    int r = sv_report_sim_conclusion_text(mem, sim);
    if (fclose(mem) == 0 && r == 0) {
        fputs("<pre class=\"sim-conclusion\">", out);
        /* the text begins with an empty line */
        esc(out, text[0] == '\n' ? text + 1 : text);
        fputs("</pre>\n", out);
    }
    free(text);
}

/* A phrase of the catalogue or the audit ("the model has no processes",
 * "källorna visar inte målen") written as a sentence: its first letter in
 * upper case, ASCII or one of the Swedish and French letters the messages
 * begin with (å ä ö é, two bytes in UTF-8); the rest as it is. */
static void put_sentence(FILE *out, const char *phrase)
{
    if (!phrase || !*phrase)
        return;
    const unsigned char *p = (const unsigned char *)phrase;
    char first[3] = {0};
    size_t skip = 1;
    if (p[0] < 0x80) {
        first[0] = (char)toupper(p[0]);
    } else if (p[0] == 0xC3 && (p[1] == 0xA5 || p[1] == 0xA4 || p[1] == 0xB6 || p[1] == 0xA9)) {
        first[0] = (char)0xC3;
        first[1] = (char)(p[1] - 0x20); /* Å Ä Ö É */
        skip = 2;
    } else {
        skip = 0;
    }
    esc(out, first);
    esc(out, phrase + skip);
}

/* One line of the summary: why the answer is what it is, in words. */
static void put_reason(FILE *out, const sv_html_report *r, const sv_audit_answer *a)
{
    char text[256];
    if (a->missing) {
        for (int e = 0; e < SV_EVIDENCE_COUNT; e++)
            if (a->missing & (1u << e)) {
                put_sentence(out, sv_audit_missing_reason(a, (sv_evidence)e));
                fputs(". ", out);
            }
    }
    size_t rules = 0;
    unsigned char counted[512] = {0};
    for (size_t i = 0; i < a->finding_count; i++) {
        size_t rule = r->findings->items[a->findings[i]].rule;
        if (rule < sizeof counted && !counted[rule]) {
            counted[rule] = 1;
            rules++;
        }
    }
    if (!a->finding_count && !a->missing) {
        esc(out, _("The model gives no cause for remark."));
        return;
    }
    if (a->finding_count) {
        snprintf(text, sizeof text,
                 P_("%zu observation", "%zu observations", a->finding_count), a->finding_count);
        esc(out, text);
        fputc(' ', out);
        snprintf(text, sizeof text, P_("of %zu kind", "of %zu kinds", rules), rules);
        esc(out, text);
        fputs(", ", out);
        snprintf(text, sizeof text,
                 P_("%zu recommendation", "%zu recommendations", a->recommendation_count),
                 a->recommendation_count);
        esc(out, text);
        fputs(".", out);
    }
}

/* The observations behind one answer, grouped by what they find: the
 * finding in words (the rule's summary) and the elements it concerns, by
 * name, each linking to its entry in appendix A. */
static void put_observations(FILE *out, const sv_html_report *r, const sv_audit_answer *a,
                             unsigned char *done)
{
    const sv_model *m = r->model;
    const sv_findings *fs = r->findings;
    size_t rule_count = sv_rule_count();
    memset(done, 0, rule_count);
    fputs("<ul class=\"observations\">\n", out);
    for (size_t i = 0; i < a->finding_count; i++) {
        size_t rule = fs->items[a->findings[i]].rule;
        if (rule >= rule_count || done[rule])
            continue;
        done[rule] = 1;
        fputs("<li>", out);
        put_sentence(out, sv_rule_summary(sv_rule_at(rule)));
        fputs(". <span class=\"meta\">", out);
        esc(out, _("Concerns:"));
        fputs("</span> ", out);
        bool first = true;
        for (size_t k = i; k < a->finding_count; k++) {
            const sv_finding *f = &fs->items[a->findings[k]];
            if (f->rule != rule)
                continue;
            if (!first)
                fputs(", ", out);
            first = false;
            fprintf(out, "<a href=\"#finding-%zu\">", a->findings[k] + 1);
            esc(out, name_of(m, f->element));
            fputs("</a>", out);
        }
        fputs(".</li>\n", out);
    }
    fputs("</ul>\n", out);
    bool missing = a->missing != 0;
    for (uint32_t p = 0; p < r->audit->party_count; p++)
        missing = missing || a->missing_by_party[p] != 0;
    if (missing) {
        fputs("<p>", out);
        esc(out, _("What the model does not have for the question:"));
        fputs("</p>\n<ul class=\"missing\">\n", out);
        for (int e = 0; e < SV_EVIDENCE_COUNT; e++) {
            if (!(a->missing & (1u << e)))
                continue;
            fputs("<li>", out);
            esc(out, sv_audit_missing_reason(a, (sv_evidence)e));
            fputs("</li>\n", out);
        }
        for (uint32_t p = 0; p < r->audit->party_count; p++) {
            for (int e = 0; e < SV_EVIDENCE_COUNT; e++) {
                if (!(a->missing_by_party[p] & (1u << e)) || (a->missing & (1u << e)))
                    continue;
                char line[1024];
                snprintf(line, sizeof line, sv_evidence_missing_text((sv_evidence)e, true),
                         name_of(m, r->audit->parties[p]));
                fputs("<li>", out);
                esc(out, line);
                fputs("</li>\n", out);
            }
        }
        fputs("</ul>\n", out);
    }
}

int sv_report_html(FILE *out, const sv_html_report *r)
{
    const sv_model *m = r->model;
    const char *name = m->elements[m->agreement.el].name;
    unsigned char *scratch = calloc(m->element_count + sv_rule_count() + 1, 1);
    /* whether each view marks each rule, decided once */
    size_t rule_count = sv_rule_count();
    unsigned char *concerns = calloc((size_t)SV_VIEW_COUNT * rule_count + 1, 1);
    unsigned char *boxed = boxed_elements(r);
    sv_findings_index own = {0};
    const sv_findings_index *ix = r->findings_index;
    if (!ix || ix->findings != r->findings || ix->element_count != m->element_count) {
        ix = sv_findings_index_build(&own, m, r->findings) == 0 ? &own : NULL;
    }
    if (!scratch || !concerns || !boxed || !ix) {
        free(scratch);
        free(concerns);
        free(boxed);
        sv_findings_index_free(&own);
        return -1;
    }
    for (int v = 0; v < SV_VIEW_COUNT; v++)
        for (size_t k = 0; k < rule_count; k++)
            concerns[(size_t)v * rule_count + k] =
                sv_render_view_concerns((sv_view_kind)v, sv_rule_at(k)->name);
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
            strcmp(r->lang, "sv") == 0 ? "sv" : "en");
    fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          out);
    esc(out, name);
    fputs("</title>\n<style>", out);
    fputs(STYLE, out);
    put_page_style(out, name);
    fputs("</style>\n</head>\n<body>\n<header><h1>", out);
    esc(out, name);
    fputs("</h1>\n<p class=\"meta\">", out);
    char generated[256];
    snprintf(generated, sizeof generated, _("Checked by samverkan %s; analysis year %d."),
             SAMVERKAN_VERSION, m->agreement.year);
    esc(out, generated);
    fputs("</p></header>\n", out);

    /* the figures are numbered in the order they are shown */
    size_t figures = r->diagram_count + (r->simulation_plot_svg ? 1 : 0);
    struct {
        const char *id, *title;
        bool present;
    } parts[] = {
        {"summary", _("Summary"), true},
        {"recommendations", _("Recommendations"), r->audit != NULL},
        {"audit", _("Observations per audit question"), r->audit != NULL},
        {"diagrams", _("Figures"), r->diagram_count > 0},
        {"raci", _("Responsibilities (RACI)"), r->raci_html != NULL || r->raci_left_out},
        {"scenarios", _("Scenarios"), r->scenario_count > 0},
        {"simulation", _("Queues at the service points"), r->simulation != NULL},
        {"findings", _("Appendix A. Findings by rule"), true},
        {"metrics", _("Appendix B. Figures per body, party and person"), r->metrics != NULL},
    };
    fputs("<nav id=\"contents\"><h2>", out);
    esc(out, _("Contents"));
    fputs("</h2><ol>\n", out);
    for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
        if (!parts[p].present)
            continue;
        fprintf(out, "<li><a href=\"#%s\">", parts[p].id);
        esc(out, parts[p].title);
        fputs("</a></li>\n", out);
    }
    fputs("</ol></nav>\n", out);

    /* 1. summary: the answers per question and committee, the reasons */
    section(out, "summary", NULL, _("Summary"));
    if (r->audit) {
        fputs("<table><tr><th>", out);
        esc(out, _("audit question"));
        fputs("</th><th>", out);
        esc(out, _("answer"));
        fputs("</th>", out);
        for (uint32_t p = 0; p < r->audit->party_count; p++) {
            fputs("<th>", out);
            esc(out, m->elements[r->audit->parties[p]].name);
            fputs("</th>", out);
        }
        fputs("</tr>\n", out);
        for (size_t q = 0; q < r->audit->question_count; q++) {
            const sv_audit_answer *a = &r->audit->questions[q];
            fprintf(out, "<tr id=\"question-%d\"><td>%d. ", a->question, a->question);
            esc(out, a->text);
            fputs("<br><span class=\"meta\">", out);
            put_reason(out, r, a);
            fputs("</span></td><td class=\"audit-answer\">", out);
            put_answer(out, a->answer);
            fputs("</td>", out);
            for (uint32_t p = 0; p < r->audit->party_count; p++) {
                fputs("<td>", out);
                put_answer(out, a->by_party[p]);
                fputs("</td>", out);
            }
            fputs("</tr>\n", out);
        }
        fputs("</table>\n", out);
    }
    sv_summary s = sv_summarize(r->findings);
    fputs("<p class=\"meta\">", out);
    /* each count with its own plural, then the sentence around them */
    char counts[9][80];
    snprintf(counts[0], 80, P_("%u party", "%u parties", m->party_count), m->party_count);
    snprintf(counts[1], 80, P_("%u body", "%u bodies", m->body_count), m->body_count);
    snprintf(counts[2], 80, P_("%u process", "%u processes", m->process_count), m->process_count);
    snprintf(counts[3], 80, P_("%u goal", "%u goals", m->goal_count), m->goal_count);
    snprintf(counts[4], 80, P_("%u reporting flow", "%u reporting flows", m->reporting_count),
             m->reporting_count);
    snprintf(counts[5], 80, P_("%zu error", "%zu errors", s.count[SV_SEV_ERROR]),
             s.count[SV_SEV_ERROR]);
    snprintf(counts[6], 80, P_("%zu warning", "%zu warnings", s.count[SV_SEV_WARNING]),
             s.count[SV_SEV_WARNING]);
    snprintf(counts[7], 80, P_("%zu note", "%zu notes", s.count[SV_SEV_INFO]),
             s.count[SV_SEV_INFO]);
    snprintf(counts[8], 80, P_("%zu suppressed", "%zu suppressed", s.suppressed), s.suppressed);
    char line[1024];
    snprintf(line, sizeof line,
             _("The model holds %s, %s, %s, %s and %s. Appendix A lists the findings of the "
               "check: %s, %s, %s, %s."),
             counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7],
             counts[8]);
    esc(out, line);
    fputs("</p>\n", out);
    fprintf(out, "<p class=\"meta\" hidden><span id=\"count-error\">%zu</span> "
                 "<span id=\"count-warning\">%zu</span> <span id=\"count-info\">%zu</span> "
                 "<span id=\"count-suppressed\">%zu</span></p>\n",
            s.count[SV_SEV_ERROR], s.count[SV_SEV_WARNING], s.count[SV_SEV_INFO], s.suppressed);
    fputs("</section>\n", out);

    if (r->audit) {
        /* 2. recommendations, in the auditors' wording */
        section(out, "recommendations", NULL, _("Recommendations"));
        bool any = false;
        for (size_t q = 0; q < r->audit->question_count; q++) {
            const sv_audit_answer *a = &r->audit->questions[q];
            if (!a->recommendation_count)
                continue;
            any = true;
            fprintf(out, "<h3 id=\"recommendations-%d\">", a->question);
            snprintf(line, sizeof line, _("Audit question %d"), a->question);
            esc(out, line);
            fputs("</h3>\n<ul class=\"recommendations\">\n", out);
            for (size_t k = 0; k < a->recommendation_count; k++) {
                fputs("<li>", out);
                esc(out, a->recommendations[k].text);
                fputs("</li>\n", out);
            }
            fputs("</ul>\n", out);
        }
        if (!any) {
            fputs("<p>", out);
            esc(out, _("The audit gives no recommendation."));
            fputs("</p>\n", out);
        }
        fputs("</section>\n", out);

        /* 3. observations per audit question */
        section(out, "audit", NULL, _("Observations per audit question"));
        for (size_t q = 0; q < r->audit->question_count; q++) {
            const sv_audit_answer *a = &r->audit->questions[q];
            fprintf(out, "<h3 id=\"observations-%d\">", a->question);
            snprintf(line, sizeof line, _("Audit question %d"), a->question);
            esc(out, line);
            fputs(": ", out);
            esc(out, a->text);
            fputs("</h3>\n<p>", out);
            esc(out, _("Answer:"));
            fputc(' ', out);
            put_answer(out, a->answer);
            fputs("</p>\n", out);
            if (!a->finding_count) {
                fputs("<p>", out);
                esc(out, _("No observation."));
                fputs("</p>\n", out);
            }
            put_observations(out, r, a, scratch + m->element_count + 1);
        }
        fputs("</section>\n", out);
    }

    /* 4. the figures, each on a page of its own */
    if (r->diagram_count) {
        for (size_t i = 0; i < r->diagram_count; i++) {
            const sv_html_diagram *d = &r->diagrams[i];
            fprintf(out, "<section class=\"figure-page%s\" id=\"%s\">",
                    figure_is_wide(d->svg) ? " wide" : "", d->anchor);
            if (i == 0) {
                /* the part's heading on the page of its first figure, not alone */
                fputs("<h2 id=\"diagrams\">", out);
                esc(out, _("Figures"));
                fputs("</h2>\n<p>", out);
                esc(out, _("A number on a box refers to the list under the figure; each entry "
                           "links to the finding in appendix A."));
                fputs("</p>\n", out);
            }
            fputs("<figure class=\"diagram\"><figcaption>", out);
            snprintf(line, sizeof line, _("Figure %zu."), i + 1);
            esc(out, line);
            fputc(' ', out);
            esc(out, d->title);
            fputs("</figcaption>\n", out);
            if (d->svg) {
                put_svg(out, d->svg, d->anchor);
            } else {
                fputs("<p class=\"meta\">", out);
                esc(out, d->note ? d->note : "");
                fputs("</p>", out);
            }
            fputs("</figure>\n", out);
            put_marks(out, r, ix, concerns, d);
            fputs("</section>\n", out);
        }
        if (r->undrawn_count)
            put_undrawn(out, r);
    }
    if (r->raci_html) {
        section(out, "raci", "figure-page wide", _("Responsibilities (RACI)"));
        fputs(r->raci_html, out); /* our renderer's table fragment: its text is escaped */
        fputs("</section>\n", out);
    } else if (r->raci_left_out) {
        section(out, "raci", NULL, _("Responsibilities (RACI)"));
        fputs("<p>", out);
        snprintf(line, sizeof line,
                 P_("The RACI matrix of the model's %u step is too large for this report. "
                    "`samverkan render --view raci -f csv` writes it whole, for a spreadsheet.",
                    "The RACI matrix of the model's %u steps is too large for this report. "
                    "`samverkan render --view raci -f csv` writes it whole, for a spreadsheet.",
                    m->step_count),
                 m->step_count);
        esc(out, line);
        fputs("</p>\n</section>\n", out);
    }
    if (r->scenario_count) {
        section(out, "scenarios", NULL, _("Scenarios"));
        for (size_t i = 0; i < r->scenario_count; i++) {
            fputs("<h3>", out);
            esc(out, r->scenarios[i].name);
            fputs("</h3>\n", out);
            put_diff(out, r->scenarios[i].diff);
        }
        fputs("</section>\n", out);
    }
    if (r->simulation) {
        section(out, "simulation", NULL, _("Queues at the service points"));
        fputs("<h3>", out);
        esc(out, _("Conclusion"));
        fputs("</h3>\n", out);
        put_sim_conclusion(out, r->simulation, r->simulation_models);
        put_sim_comparison(out, r->simulation);
        put_simulation(out, r, figures);
        fputs("</section>\n", out);
    }

    /* appendix A: for whoever keeps the model */
    section(out, "findings", "appendix", _("Appendix A. Findings by rule"));
    fputs("<p>", out);
    snprintf(line, sizeof line, _("For whoever keeps the model: each finding with its place in %s, "
                                  "the lines around it and how to put it right."),
             r->path);
    esc(out, line);
    fputs("</p>\n", out);
    bool any = false;
    for (size_t rule = 0; rule < sv_rule_count(); rule++) {
        size_t n = 0;
        for (size_t i = 0; i < r->findings->count; i++)
            n += r->findings->items[i].rule == rule;
        if (!n)
            continue;
        any = true;
        const sv_rule_info *info = sv_rule_at(rule);
        fprintf(out, "<h3 id=\"rule-%s\">", info->name);
        const char *summary = sv_rule_summary(info);
        esc(out, summary);
        fprintf(out, " <span class=\"meta\">(%s, %zu)</span></h3>\n", info->name, n);
        const sv_rule_text *text = sv_rule_text_of(info);
        if (text && text->fix) {
            fputs("<p><b>", out);
            esc(out, _("How to put it right:"));
            fputs("</b> ", out);
            esc(out, sv_rule_text_translate(text->fix));
            fputs("</p>\n", out);
        }
        for (size_t i = 0; i < r->findings->count; i++)
            if (r->findings->items[i].rule == rule)
                put_finding(out, r, boxed, i);
    }
    if (!any) {
        fputs("<p>", out);
        esc(out, _("No findings."));
        fputs("</p>\n", out);
    }
    fputs("</section>\n", out);

    if (r->metrics) {
        section(out, "metrics", "appendix", _("Appendix B. Figures per body, party and person"));
        fputs("<table><tr>", out);
        static const char *const cols[] = {N_("kind"), N_("element"), N_("seats"), N_("chairs"),
                                           N_("accountable for"), N_("degree"), N_("betweenness"),
                                           N_("distance to the decision level")};
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
            fputs("<th>", out);
            esc(out, _(cols[c]));
            fputs("</th>", out);
        }
        fputs("</tr>\n", out);
        for (size_t i = 0; i < r->metrics->count; i++) {
            const sv_metric *x = &r->metrics->items[i];
            fputs("<tr><td>", out);
            esc(out, sv_kind_label(m->elements[x->element].kind));
            fputs("</td><td>", out);
            esc(out, m->elements[x->element].name);
            char betweenness[64];
            fprintf(out, "</td><td>%u</td><td>%u</td><td>%u</td><td>%u</td><td>%s</td><td>", x->seats,
                    x->chairs, x->accountable, x->degree,
                    one_decimal(betweenness, sizeof betweenness, x->betweenness));
            if (x->distance >= 0)
                fprintf(out, "%d", x->distance);
            fputs("</td></tr>\n", out);
        }
        fputs("</table>\n", out);
        if (r->metrics->betweenness_sampled) {
            fputs("<p>", out);
            char note[256];
            snprintf(note, sizeof note,
                     _("Betweenness is estimated from %u of the %u vertices of the seat graph, "
                       "chosen with a fixed seed."),
                     r->metrics->betweenness_sources, r->metrics->betweenness_vertices);
            esc(out, note);
            fputs("</p>\n", out);
        }
        fputs("</section>\n", out);
    }
    fputs("</body>\n</html>\n", out);
    free(scratch);
    free(concerns);
    free(boxed);
    sv_findings_index_free(&own);
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
