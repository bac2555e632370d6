/*
 * The self-contained HTML report (see samverkan/report_html.h). No script
 * at all: links are plain anchors, the table of contents is a list. The
 * Content-Security-Policy allows only the inline style and data: images,
 * so that nothing in the file can fetch anything. Print CSS gives clean A4
 * pages (each section on a new page, no cut diagrams or table rows).
 */
#include "samverkan/report_html.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "samverkan/report.h"
#include "samverkan/version.h"
#include "util/i18n.h"

/* Entity-encodes text for HTML element content and quoted attributes;
 * control characters are shown as '?', as on a terminal. */
static void esc(FILE *out, const char *text)
{
    for (const unsigned char *c = (const unsigned char *)(text ? text : ""); *c; c++) {
        switch (*c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if ((*c < 0x20 && *c != '\n' && *c != '\t') || *c == 0x7F)
                fputc('?', out);
            else
                fputc(*c, out);
        }
    }
}

static const char *STYLE =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em auto;max-width:60em;color:#222;"
    "line-height:1.4;padding:0 1em}"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;"
    "margin-top:2em}h3{margin-top:1.5em}"
    "table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #bbb;"
    "padding:.25em .5em;text-align:left;vertical-align:top}th{background:#eef3f8}"
    ".error{color:#b00020}.warning{color:#8a5a00}.info{color:#0b5394}.suppressed{color:#777}"
    ".answer{font-weight:bold}.ja{color:#1b7a1b}.vasentligt{color:#3d7a1b}.delvis{color:#8a5a00}"
    ".nej{color:#b00020}.kan-inte-bedomas{color:#555}"
    "pre{background:#f6f6f6;padding:.5em;overflow-x:auto;font-size:.85em}"
    ".finding{border-left:4px solid #ccc;padding:.2em .8em;margin:.8em 0}"
    ".finding.error{border-color:#b00020}.finding.warning{border-color:#e69f00}"
    ".finding.info{border-color:#56B4E9}.finding p{color:#222;margin:.3em 0}"
    ".diagram svg{max-width:100%;height:auto}.meta{color:#555;font-size:.9em}"
    ".diagram g:target>polygon,.diagram g:target>ellipse,.diagram g:target>path,"
    ".diagram g:target>a>polygon,.diagram g:target>a>ellipse,.diagram g:target>a>path"
    "{stroke:#d00;stroke-width:5}"
    "nav ol{columns:2}"
    "@page{size:A4;margin:15mm}"
    "@media print{body{max-width:none;margin:0}nav{page-break-after:always}"
    "section.part{page-break-before:always}.diagram,tr,.finding{page-break-inside:avoid}"
    "a{color:inherit;text-decoration:none}}";

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

static void put_excerpt(FILE *out, const sv_model *m, sv_pos pos)
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
        char *copy = strndup(text, len > 300 ? 300 : len);
        fprintf(out, "%5d%s ", l, l == pos.line ? " &gt;" : "  ");
        esc(out, copy);
        fputc('\n', out);
        free(copy);
    }
    fputs("</pre>", out);
}

/* The id Graphviz writes as a node's <title> for element `id`: our DOT
   node names are the element ids, and Graphviz escapes '-' as "&#45;". */
static void node_title(char *buf, size_t size, const char *id)
{
    size_t n = 0;
    for (const char *c = id; *c && n + 6 < size; c++) {
        if (*c == '-') {
            memcpy(buf + n, "&#45;", 5);
            n += 5;
        } else {
            buf[n++] = *c;
        }
    }
    buf[n] = '\0';
}

/* Whether the diagram draws element `id` as a node of its own. */
static bool diagram_draws(const sv_html_diagram *d, const char *id)
{
    char title[200], needle[256];
    node_title(title, sizeof title, id);
    snprintf(needle, sizeof needle, "class=\"node\">\n<title>%s</title>", title);
    return d->svg && strstr(d->svg, needle);
}

static void put_finding(FILE *out, const sv_html_report *r, size_t i)
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
    char buf[160];
    const char *diagram = diagram_of(m, f->element, buf, sizeof buf);
    if (diagram) {
        /* to the element's own box when the diagram has one */
        const char *id = m->elements[f->element].id;
        bool drawn = false;
        for (size_t d = 0; d < r->diagram_count && !drawn; d++)
            drawn = strcmp(r->diagrams[d].anchor, diagram) == 0 && diagram_draws(&r->diagrams[d], id);
        if (drawn) {
            fprintf(out, " · <a href=\"#%s--", diagram);
            esc(out, id);
            fputs("\">", out);
        }
        else {
            fprintf(out, " · <a href=\"#%s\">", diagram);
        }
        esc(out, _("see the diagram"));
        fputs("</a>", out);
    }
    if (f->suppressed) {
        fputs(" · <span class=\"suppressed\">", out);
        esc(out, _("suppressed:"));
        fputc(' ', out);
        esc(out, f->suppressed_because);
        fputs("</span>", out);
    }
    fputs("</p>", out);
    put_excerpt(out, m, f->pos);
    fputs("</div>\n", out);
}

static void section(FILE *out, const char *id, const char *title)
{
    fprintf(out, "<section class=\"part\" id=\"%s\"><h2>", id);
    esc(out, title);
    fputs("</h2>\n", out);
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

static void put_stat(FILE *out, const sv_sim_stat *s, const char *unit)
{
    if (isnan(s->mean)) {
        fputs("–", out);
        return;
    }
    fprintf(out, "%.1f%s", s->mean, unit);
    if (!isnan(s->lo))
        fprintf(out, " <span class=\"meta\">[%.1f, %.1f]</span>", s->lo, s->hi);
}

static void put_simulation(FILE *out, const sv_html_report *r)
{
    const sv_sim_report *sim = r->simulation;
    const sv_sim_result *first = sim->results[0];
    fputs("<p>", out);
    fprintf(out, _("%d months after a warm-up of %d, %d runs, seed %llu; means with their 95 %% "
                   "confidence interval; waits in days."),
            first->options.months, first->options.warmup, first->options.runs,
            (unsigned long long)first->options.seed);
    fputs("</p>\n<table><tr><th>", out);
    static const char *const headings[] = {
        N_("input"), N_("service point"), N_("arrivals / month"), N_("slots"), N_("mean wait"),
        N_("90th percentile wait"), N_("utilisation"), N_("queue length"), N_("admissions / month"),
        N_("Erlang C mean wait")};
    for (size_t h = 0; h < sizeof headings / sizeof headings[0]; h++) {
        if (h)
            fputs("</th><th>", out);
        esc(out, _(headings[h]));
    }
    fputs("</th></tr>\n", out);
    for (size_t i = 0; i < sim->input_count; i++) {
        const sv_sim_result *res = sim->results[i];
        for (uint32_t k = 0; k < res->point_count; k++) {
            const sv_sim_point *p = &res->points[k];
            fputs("<tr><td>", out);
            esc(out, sim->inputs[i]);
            fputs("</td><td>", out);
            esc(out, p->queue.name);
            fprintf(out, "</td><td>%.1f</td><td>%d</td><td>", p->queue.arrivals_per_month, p->queue.slots);
            if (p->unstable) {
                fputs("<span class=\"nej\">", out);
                esc(out, _("unstable: the queue grows"));
                fprintf(out, " +%.1f / ", p->queue_growth_per_month.mean);
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
                fprintf(out, "%.0f %%", 100 * p->utilisation.mean);
            fputs("</td><td>", out);
            put_stat(out, &p->queue_length, "");
            fputs("</td><td>", out);
            put_stat(out, &p->admissions_per_month, "");
            fputs("</td><td>", out);
            if (p->analytic.available)
                fprintf(out, "%.1f (%s)", p->analytic.wait_mean, p->analytic.model);
            else
                fputs("–", out);
            fputs("</td></tr>\n", out);
        }
    }
    fputs("</table>\n", out);
    if (r->simulation_plot_svg) {
        fputs("<div class=\"diagram\" id=\"simulation-plot\">", out);
        put_svg(out, r->simulation_plot_svg, "simulation");
        fputs("</div>\n", out);
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
    fputs("<table><tr><th>", out);
    esc(out, _("change"));
    fputs("</th><th>", out);
    esc(out, _("element"));
    fputs("</th><th>", out);
    esc(out, _("before"));
    fputs("</th><th>", out);
    esc(out, _("after"));
    fputs("</th></tr>\n", out);
    static const char *const kinds[] = {N_("merged"), N_("added"), N_("removed"), N_("changed")};
    for (size_t i = 0; i < d->count; i++) {
        const sv_change *c = &d->changes[i];
        fputs("<tr><td>", out);
        esc(out, _(kinds[c->kind]));
        if (c->kind == SV_CHANGE_CHANGED) {
            fputs(": ", out);
            esc(out, c->field);
        }
        fputs("</td><td>", out);
        esc(out, c->kind_name);
        fputc(' ', out);
        esc(out, c->element);
        fputs("</td><td>", out);
        esc(out, c->kind == SV_CHANGE_MERGED ? c->parts : c->before);
        fputs("</td><td>", out);
        esc(out, c->after);
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n", out);
    for (int appeared = 1; appeared >= 0; appeared--) {
        bool any = false;
        for (size_t i = 0; i < d->finding_count; i++) {
            const sv_finding_change *fc = &d->findings[i];
            if (fc->appeared != (bool)appeared)
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
}

int sv_report_html(FILE *out, const sv_html_report *r)
{
    const sv_model *m = r->model;
    const char *name = m->elements[m->agreement.el].name;
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
            strcmp(r->lang, "sv") == 0 ? "sv" : "en");
    fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          out);
    esc(out, name);
    fputs(" – samverkan</title>\n<style>", out);
    fputs(STYLE, out);
    fputs("</style>\n</head>\n<body>\n<header><h1>", out);
    esc(out, name);
    fputs("</h1>\n<p class=\"meta\">", out);
    char generated[256];
    snprintf(generated, sizeof generated, _("Checked by samverkan %s; analysis year %d."),
             SAMVERKAN_VERSION, m->agreement.year);
    esc(out, generated);
    fputs(" ", out);
    esc(out, _("Model:"));
    fputc(' ', out);
    esc(out, r->path);
    fputs("</p></header>\n", out);

    /* contents */
    fputs("<nav id=\"contents\"><h2>", out);
    esc(out, _("Contents"));
    fputs("</h2><ol>\n", out);
    struct {
        const char *id, *title;
        bool present;
    } parts[] = {
        {"summary", _("Summary"), true},
        {"audit", _("The audit questions"), r->audit != NULL},
        {"findings", _("Findings"), true},
        {"diagrams", _("Diagrams"), r->diagram_count > 0},
        {"raci", _("Responsibilities (RACI)"), r->raci_html != NULL},
        {"metrics", _("Figures per body, party and person"), r->metrics != NULL},
        {"scenarios", _("Scenarios"), r->scenario_count > 0},
        {"simulation", _("Queues at the service points"), r->simulation != NULL},
    };
    for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
        if (!parts[p].present)
            continue;
        fprintf(out, "<li><a href=\"#%s\">", parts[p].id);
        esc(out, parts[p].title);
        fputs("</a></li>\n", out);
    }
    fputs("</ol></nav>\n", out);

    /* summary */
    sv_summary s = sv_summarize(r->findings);
    section(out, "summary", _("Summary"));
    fputs("<table><tr><th>", out);
    esc(out, _("errors"));
    fputs("</th><th>", out);
    esc(out, _("warnings"));
    fputs("</th><th>", out);
    esc(out, _("notes"));
    fputs("</th><th>", out);
    esc(out, _("suppressed"));
    fprintf(out, "</th></tr><tr><td id=\"count-error\">%zu</td><td id=\"count-warning\">%zu</td>"
                 "<td id=\"count-info\">%zu</td><td id=\"count-suppressed\">%zu</td></tr></table>\n",
            s.count[SV_SEV_ERROR], s.count[SV_SEV_WARNING], s.count[SV_SEV_INFO], s.suppressed);
    fprintf(out, "<p>%u %s, %u %s, %u %s, %u %s, %u %s.</p>\n", m->party_count, _("parties"),
            m->body_count, _("bodies"), m->process_count, _("processes"), m->goal_count, _("goals"),
            m->reporting_count, _("reporting flows"));
    fputs("</section>\n", out);

    /* the audit questions */
    if (r->audit) {
        section(out, "audit", _("The audit questions"));
        fputs("<table><tr><th>#</th><th>", out);
        esc(out, _("question"));
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
            fprintf(out, "<tr id=\"question-%d\"><td>%d</td><td>", a->question, a->question);
            esc(out, a->text);
            fputs("</td><td class=\"audit-answer\">", out);
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
        for (size_t q = 0; q < r->audit->question_count; q++) {
            const sv_audit_answer *a = &r->audit->questions[q];
            fprintf(out, "<h3>%d. ", a->question);
            esc(out, a->text);
            fputs("</h3>\n<p>", out);
            put_answer(out, a->answer);
            fputs(" – ", out);
            if (!a->finding_count)
                esc(out, _("no findings"));
            else
                esc(out, _("the findings behind the answer:"));
            fputs("</p>\n<ul>\n", out);
            for (size_t i = 0; i < a->finding_count; i++) {
                const sv_finding *f = &r->findings->items[a->findings[i]];
                fprintf(out, "<li><a href=\"#finding-%zu\">", a->findings[i] + 1);
                esc(out, f->message);
                fprintf(out, "</a> <span class=\"meta\">[%s]</span></li>\n", sv_rule_at(f->rule)->name);
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
                    esc(out, sv_evidence_missing_text((sv_evidence)e, false));
                    fputs("</li>\n", out);
                }
                for (uint32_t p = 0; p < r->audit->party_count; p++) {
                    for (int e = 0; e < SV_EVIDENCE_COUNT; e++) {
                        if (!(a->missing_by_party[p] & (1u << e)) || (a->missing & (1u << e)))
                            continue;
                        char line[1024];
                        snprintf(line, sizeof line, sv_evidence_missing_text((sv_evidence)e, true),
                                 m->elements[r->audit->parties[p]].id);
                        fputs("<li>", out);
                        esc(out, line);
                        fputs("</li>\n", out);
                    }
                }
                fputs("</ul>\n", out);
            }
            if (a->recommendation_count) {
                fprintf(out, "<h4 id=\"recommendations-%d\">", a->question);
                esc(out, _("Recommendations"));
                fputs("</h4>\n<ul class=\"recommendations\">\n", out);
                for (size_t k = 0; k < a->recommendation_count; k++) {
                    fputs("<li>", out);
                    esc(out, a->recommendations[k].text);
                    fputs("</li>\n", out);
                }
                fputs("</ul>\n", out);
            }
        }
        fputs("</section>\n", out);
    }

    /* findings by rule */
    section(out, "findings", _("Findings"));
    bool any = false;
    for (size_t rule = 0; rule < sv_rule_count(); rule++) {
        size_t n = 0;
        for (size_t i = 0; i < r->findings->count; i++)
            n += r->findings->items[i].rule == rule;
        if (!n)
            continue;
        any = true;
        const sv_rule_info *info = sv_rule_at(rule);
        fprintf(out, "<h3 id=\"rule-%s\">%s <span class=\"meta\">(%zu)</span></h3>\n<p>", info->name,
                info->name, n);
        esc(out, sv_rule_summary(info));
        fputs("</p>\n", out);
        for (size_t i = 0; i < r->findings->count; i++)
            if (r->findings->items[i].rule == rule)
                put_finding(out, r, i);
    }
    if (!any) {
        fputs("<p>", out);
        esc(out, _("No findings."));
        fputs("</p>\n", out);
    }
    fputs("</section>\n", out);

    /* diagrams */
    if (r->diagram_count) {
        section(out, "diagrams", _("Diagrams"));
        for (size_t i = 0; i < r->diagram_count; i++) {
            const sv_html_diagram *d = &r->diagrams[i];
            fprintf(out, "<div class=\"diagram\" id=\"%s\"><h3>", d->anchor);
            esc(out, d->title);
            fputs("</h3>\n", out);
            if (d->svg) {
                put_svg(out, d->svg, d->anchor);
            } else {
                fputs("<p class=\"error\">", out);
                esc(out, d->failure ? d->failure : "");
                fputs("</p>", out);
            }
            fputs("</div>\n", out);
        }
        fputs("</section>\n", out);
    }
    if (r->raci_html) {
        section(out, "raci", _("Responsibilities (RACI)"));
        fputs(r->raci_html, out); /* our renderer's table: its text is escaped */
        fputs("</section>\n", out);
    }
    if (r->metrics) {
        section(out, "metrics", _("Figures per body, party and person"));
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
            fprintf(out, "<tr><td>%s</td><td>", sv_kind_name(m->elements[x->element].kind));
            esc(out, m->elements[x->element].name);
            fprintf(out, "</td><td>%u</td><td>%u</td><td>%u</td><td>%u</td><td>%.1f</td><td>", x->seats,
                    x->chairs, x->accountable, x->degree, x->betweenness);
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
    if (r->scenario_count) {
        section(out, "scenarios", _("Scenarios"));
        for (size_t i = 0; i < r->scenario_count; i++) {
            fputs("<h3>", out);
            esc(out, r->scenarios[i].path);
            fputs("</h3>\n", out);
            put_diff(out, r->scenarios[i].diff);
        }
        fputs("</section>\n", out);
    }
    if (r->simulation) {
        section(out, "simulation", _("Queues at the service points"));
        put_simulation(out, r);
        fputs("</section>\n", out);
    }
    fputs("</body>\n</html>\n", out);
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
