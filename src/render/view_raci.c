/*
 * The RACI view: a matrix of steps (rows, grouped under their process) by
 * the parties, roles and people named in R, A, C or I (columns, grouped
 * under their top-level party in its colour), with the letters in the
 * cells. Drawn as one HTML-like table for SVG, PNG and PDF (capped at
 * SV_RACI_ROWS by SV_RACI_COLUMNS, with a note when cut), and written in
 * full as CSV or as a self-contained HTML page for spreadsheets and
 * intranets. A step without an accountable party is marked in red and with
 * the words "no A".
 */
#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

typedef struct raci_columns {
    sv_id *items;   /* the elements named in RACI, grouped by top party */
    uint32_t count;
} raci_columns;

static const sv_refs *step_list(const sv_step *s, int letter)
{
    switch (letter) {
    case 0: return &s->responsible;
    case 1: return &s->accountable;
    case 2: return &s->consulted;
    default: return &s->informed;
    }
}

/* The columns: every element named in some step's RACI, ordered by its
 * top-level party's place in the model, then by its own place; elements
 * without a party come last. */
static int collect_columns(raci_columns *out, const sv_model *m)
{
    bool *named = calloc(m->element_count + 1, sizeof *named);
    out->items = calloc(m->element_count + 1, sizeof *out->items);
    out->count = 0;
    if (!named || !out->items) {
        free(named);
        free(out->items);
        out->items = NULL;
        return -1;
    }
    for (uint32_t s = 0; s < m->step_count; s++)
        for (int l = 0; l < 4; l++) {
            const sv_refs *r = step_list(&m->steps[s], l);
            for (uint32_t i = 0; i < r->count; i++)
                if (r->items[i].target != SV_NONE)
                    named[r->items[i].target] = true;
        }
    for (uint32_t p = 0; p <= m->party_count; p++) {
        sv_id top = p < m->party_count ? m->parties[p].el : SV_NONE;
        if (top != SV_NONE && m->parties[p].part_of.target != SV_NONE)
            continue;
        for (sv_id el = 0; el < m->element_count; el++)
            if (named[el] && sv_model_top_party(m, el) == top)
                out->items[out->count++] = el;
    }
    free(named);
    return 0;
}

/* "R", "A", "R A", ... for one cell; "" when empty. */
static void cell_letters(char *buf, const sv_step *s, sv_id el)
{
    static const char letters[] = "RACI";
    size_t n = 0;
    for (int l = 0; l < 4; l++) {
        const sv_refs *r = step_list(s, l);
        for (uint32_t i = 0; i < r->count; i++) {
            if (r->items[i].target == el) {
                if (n)
                    buf[n++] = ' ';
                buf[n++] = letters[l];
                break;
            }
        }
    }
    buf[n] = '\0';
}

static const char *name_of(const sv_model *m, sv_id el)
{
    return m->elements[el].name ? m->elements[el].name : m->elements[el].id;
}

int sv_view_raci(sv_rctx *rc)
{
    const sv_model *m = rc->model;
    rc->title = _("RACI: who is responsible, accountable, consulted and informed");
    raci_columns cols;
    if (collect_columns(&cols, m) != 0)
        return -1;
    uint32_t shown_cols = cols.count < SV_RACI_COLUMNS ? cols.count : SV_RACI_COLUMNS;
    sv_sb *sb = &rc->sb;
    sb_clear(sb);
    sb_puts(sb, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\" "
                "COLOR=\"#999999\">");
    /* header row 1: the top-level parties over their columns */
    sb_puts(sb, "<TR><TD BORDER=\"0\"></TD>");
    for (uint32_t c = 0; c < shown_cols;) {
        sv_id top = sv_model_top_party(m, cols.items[c]);
        uint32_t span = 1;
        while (c + span < shown_cols && sv_model_top_party(m, cols.items[c + span]) == top)
            span++;
        sb_printf(sb, "<TD COLSPAN=\"%u\" BGCOLOR=\"%s\"><B>", (unsigned)span,
                  rc_colour(rc, cols.items[c]));
        if (top != SV_NONE)
            sb_user(sb, SV_ESC_HTML, name_of(m, top), SV_NAME_MAX, 18 * span, 3);
        sb_puts(sb, "</B></TD>");
        c += span;
    }
    sb_puts(sb, "</TR>");
    /* header row 2: the columns themselves */
    sb_puts(sb, "<TR><TD BORDER=\"0\"></TD>");
    for (uint32_t c = 0; c < shown_cols; c++) {
        sb_puts(sb, "<TD VALIGN=\"BOTTOM\"><FONT POINT-SIZE=\"8\">");
        sb_user(sb, SV_ESC_HTML, name_of(m, cols.items[c]), SV_NAME_MAX, 16, 5);
        sb_puts(sb, "</FONT></TD>");
    }
    sb_puts(sb, "</TR>");
    uint32_t rows = 0;
    sv_sb tips;
    sb_init(&tips);
    for (uint32_t p = 0; p < m->process_count && rows < SV_RACI_ROWS; p++) {
        const sv_process *proc = &m->processes[p];
        sb_printf(sb, "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"#EEEEEE\" COLSPAN=\"%u\"><B>",
                  (unsigned)shown_cols + 1);
        sb_user(sb, SV_ESC_HTML, name_of(m, proc->el), SV_NAME_MAX, 0, 1);
        sb_puts(sb, "</B></TD></TR>");
        for (uint32_t i = 0; i < proc->step_count && rows < SV_RACI_ROWS; i++, rows++) {
            const sv_step *s = &m->steps[proc->first_step + i];
            bool no_a = s->accountable.count == 0;
            uint32_t marks = rc_marked(rc, s->el);
            sb_puts(sb, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
            if (marks) {
                /* Graphviz 2.42 shows a cell's tooltip only on a link, so
                 * the rule names go into the table's tooltip, per step */
                if (tips.len < 4000) {
                    sb_puts(&tips, tips.len ? "\\n" : "");
                    sb_user(&tips, SV_ESC_PLAIN, name_of(m, s->el), 60, 0, 1);
                    sb_printf(&tips, ": %s", rc->mark_rules[s->el]);
                }
            }
            if (no_a || marks)
                sb_puts(sb, "<FONT COLOR=\"" SV_FINDING_COLOUR "\">");
            sb_user(sb, SV_ESC_HTML, name_of(m, s->el), SV_NAME_MAX, 40, 3);
            if (no_a) {
                sb_puts(sb, " <B>(");
                sb_name(sb, SV_ESC_HTML, _("no A"));
                sb_puts(sb, ")</B>");
            }
            if (marks)
                sb_puts(sb, " \xE2\x9A\xA0");
            if (no_a || marks)
                sb_puts(sb, "</FONT>");
            sb_puts(sb, "</TD>");
            for (uint32_t c = 0; c < shown_cols; c++) {
                char letters[16];
                cell_letters(letters, s, cols.items[c]);
                bool a = strchr(letters, 'A') != NULL;
                sb_printf(sb, "<TD%s>%s%s%s</TD>", a ? " BGCOLOR=\"#FFF2CC\"" : "",
                          a ? "<B>" : "", letters, a ? "</B>" : "");
            }
            sb_puts(sb, "</TR>");
        }
    }
    if (rows < m->step_count || shown_cols < cols.count) {
        char note[200];
        snprintf(note, sizeof note,
                 _("%u of %u steps and %u of %u columns shown; --format csv or html gives "
                   "them all"),
                 (unsigned)rows, (unsigned)m->step_count, (unsigned)shown_cols,
                 (unsigned)cols.count);
        sb_printf(sb, "<TR><TD BORDER=\"0\" ALIGN=\"LEFT\" COLSPAN=\"%u\"><I>",
                  (unsigned)shown_cols + 1);
        sb_name(sb, SV_ESC_HTML, note);
        sb_puts(sb, "</I></TD></TR>");
    }
    if (m->step_count == 0) {
        sb_puts(sb, "<TR><TD BORDER=\"0\">");
        sb_name(sb, SV_ESC_HTML, _("the model has no process steps"));
        sb_puts(sb, "</TD></TR>");
    }
    sb_puts(sb, "</TABLE>");
    free(cols.items);
    Agnode_t *n = rc_node(rc, NULL, "@raci");
    rc_set(n, "shape", "plain");
    rc_set_html(rc, n, "label");
    if (tips.len)
        rc_set(n, "tooltip", sb_text(&tips));
    if (tips.failed)
        rc->failed = true;
    sb_free(&tips);

    sv_sb extra;
    sb_init(&extra);
    sb_puts(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
    sb_user(&extra, SV_ESC_HTML,
            _("R = responsible, A = accountable (shaded), C = consulted, I = informed; red: "
              "no accountable party"), SV_NOTE_MAX, 100, 4);
    sb_puts(&extra, "</FONT></TD></TR>");
    rc_legend(rc, sb_text(&extra));
    bool failed = extra.failed;
    sb_free(&extra);
    return failed || rc->failed ? -1 : 0;
}

/* ---- CSV and HTML ---- */

/* One CSV field, RFC 4180: always quoted, quotes doubled. A field that a
 * spreadsheet would take for a formula (= + - @, tab, CR) gets a leading
 * apostrophe, so that opening the file cannot run anything. */
static void csv_field(sv_sb *sb, const char *text, bool first)
{
    if (!first)
        sb_puts(sb, ",");
    sb_puts(sb, "\"");
    if (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
        text[0] == '\t' || text[0] == '\r')
        sb_puts(sb, "'");
    sv_sb clean;
    sb_init(&clean);
    sb_user(&clean, SV_ESC_RAW, text, SV_NOTE_MAX, 0, 1);
    for (const char *c = sb_text(&clean); *c; c++) {
        if (*c == '"')
            sb_puts(sb, "\"\"");
        else
            sb_put(sb, c, 1);
    }
    if (clean.failed)
        sb->failed = true;
    sb_free(&clean);
    sb_puts(sb, "\"");
}

static void csv(sv_sb *sb, const sv_model *m, const raci_columns *cols)
{
    /* a byte order mark, so that spreadsheet programs read å ä ö as UTF-8 */
    sb_puts(sb, "\xEF\xBB\xBF");
    csv_field(sb, _("process"), true);
    csv_field(sb, _("step"), false);
    csv_field(sb, _("step id"), false);
    for (uint32_t c = 0; c < cols->count; c++)
        csv_field(sb, name_of(m, cols->items[c]), false);
    sb_puts(sb, "\r\n");
    for (uint32_t p = 0; p < m->process_count; p++) {
        const sv_process *proc = &m->processes[p];
        for (uint32_t i = 0; i < proc->step_count; i++) {
            const sv_step *s = &m->steps[proc->first_step + i];
            csv_field(sb, name_of(m, proc->el), true);
            csv_field(sb, name_of(m, s->el), false);
            csv_field(sb, m->elements[s->el].id, false);
            for (uint32_t c = 0; c < cols->count; c++) {
                char letters[16];
                cell_letters(letters, s, cols->items[c]);
                csv_field(sb, letters, false);
            }
            sb_puts(sb, "\r\n");
        }
    }
}

static void html(sv_sb *sb, const sv_model *m, const raci_columns *cols)
{
    sb_puts(sb, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                "style-src 'unsafe-inline'\">\n<title>");
    sb_name(sb, SV_ESC_DOC, _("RACI"));
    sb_puts(sb, " \xE2\x80\x94 ");
    sb_name(sb, SV_ESC_DOC, name_of(m, m->agreement.el));
    sb_puts(sb, "</title>\n<style>body{font-family:'DejaVu Sans',sans-serif;font-size:10pt}"
                "table{border-collapse:collapse}th,td{border:1px solid #999;padding:2px 5px}"
                "td.l{text-align:center}td.a{background:#FFF2CC;font-weight:bold}"
                "tr.p th{background:#EEE;text-align:left}.noa{color:#C00000}"
                "th.c{font-weight:normal;font-size:8pt;vertical-align:bottom}</style>\n"
                "</head><body>\n<h1>");
    sb_name(sb, SV_ESC_DOC, _("RACI"));
    sb_puts(sb, "</h1>\n<p>");
    sb_name(sb, SV_ESC_DOC, name_of(m, m->agreement.el));
    sb_puts(sb, "</p>\n<p>");
    sb_name(sb, SV_ESC_DOC, _("R = responsible, A = accountable, C = consulted, I = informed"));
    sb_puts(sb, "</p>\n<table>\n<thead><tr><th></th>");
    for (uint32_t c = 0; c < cols->count;) {
        sv_id top = sv_model_top_party(m, cols->items[c]);
        uint32_t span = 1;
        while (c + span < cols->count && sv_model_top_party(m, cols->items[c + span]) == top)
            span++;
        sb_printf(sb, "<th colspan=\"%u\">", (unsigned)span);
        if (top != SV_NONE)
            sb_name(sb, SV_ESC_DOC, name_of(m, top));
        sb_puts(sb, "</th>");
        c += span;
    }
    sb_puts(sb, "</tr>\n<tr><th></th>");
    for (uint32_t c = 0; c < cols->count; c++) {
        sb_puts(sb, "<th class=\"c\">");
        sb_name(sb, SV_ESC_DOC, name_of(m, cols->items[c]));
        sb_puts(sb, "</th>");
    }
    sb_puts(sb, "</tr></thead>\n");
    for (uint32_t p = 0; p < m->process_count; p++) {
        const sv_process *proc = &m->processes[p];
        sb_printf(sb, "<tbody><tr class=\"p\"><th colspan=\"%u\">", (unsigned)cols->count + 1);
        sb_name(sb, SV_ESC_DOC, name_of(m, proc->el));
        sb_puts(sb, "</th></tr>\n");
        for (uint32_t i = 0; i < proc->step_count; i++) {
            const sv_step *s = &m->steps[proc->first_step + i];
            bool no_a = s->accountable.count == 0;
            sb_puts(sb, no_a ? "<tr><th class=\"noa\" scope=\"row\">" : "<tr><th scope=\"row\">");
            sb_name(sb, SV_ESC_DOC, name_of(m, s->el));
            if (no_a) {
                sb_puts(sb, " (");
                sb_name(sb, SV_ESC_DOC, _("no A"));
                sb_puts(sb, ")");
            }
            sb_puts(sb, "</th>");
            for (uint32_t c = 0; c < cols->count; c++) {
                char letters[16];
                cell_letters(letters, s, cols->items[c]);
                sb_printf(sb, "<td class=\"%s\">%s</td>", strchr(letters, 'A') ? "l a" : "l",
                          letters);
            }
            sb_puts(sb, "</tr>\n");
        }
        sb_puts(sb, "</tbody>\n");
    }
    sb_puts(sb, "</table>\n</body></html>\n");
}

int sv_raci_table(sv_sb *out, const sv_model *model, bool as_html)
{
    raci_columns cols;
    if (collect_columns(&cols, model) != 0)
        return -1;
    if (as_html)
        html(out, model, &cols);
    else
        csv(out, model, &cols);
    free(cols.items);
    return out->failed ? -1 : 0;
}
