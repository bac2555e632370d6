/*
 * The RACI view: a matrix of steps (rows, grouped under their process) by
 * the parties, roles and people named in R, A, C or I (columns, grouped
 * under their top-level party in its colour), with the letters in the
 * cells. Drawn as one HTML-like table for SVG, PNG and PDF (capped at
 * SV_RACI_ROWS by SV_RACI_COLUMNS, with a note when cut), and written in
 * full, as a stream, as CSV or as a self-contained HTML page for
 * spreadsheets and intranets, within the output size limit. A step without an accountable party is marked in red and with
 * the words "no A".
 */
#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"
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
 * without a party come last. A counting sort by top party: linear in the
 * elements and the RACI entries, whatever the number of parties. */
static int collect_columns(raci_columns *out, const sv_model *m)
{
    bool *named = calloc(m->element_count + 1, sizeof *named);
    uint32_t *start = calloc(m->party_count + 2, sizeof *start);
    uint32_t *group = malloc((m->element_count + 1) * sizeof *group);
    out->items = calloc(m->element_count + 1, sizeof *out->items);
    out->count = 0;
    if (!named || !start || !group || !out->items) {
        free(named);
        free(start);
        free(group);
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
    /* group of an element: its top party's index, party_count for none */
    for (sv_id el = 0; el < m->element_count; el++) {
        if (!named[el])
            continue;
        sv_id top = sv_model_top_party(m, el);
        group[el] = top != SV_NONE ? m->elements[top].index : m->party_count;
        start[group[el] + 1]++;
    }
    for (uint32_t g = 0; g <= m->party_count; g++)
        start[g + 1] += start[g];
    for (sv_id el = 0; el < m->element_count; el++)
        if (named[el])
            out->items[start[group[el]]++] = el;
    out->count = start[m->party_count];
    free(named);
    free(start);
    free(group);
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
    /* the steps are cells of one table, with no marker of their own: they
       are numbered first, and each marked row shows its number */
    for (uint32_t p = 0, rows = 0; p < m->process_count && rows < SV_RACI_ROWS; p++)
        for (uint32_t i = 0; i < m->processes[p].step_count && rows < SV_RACI_ROWS; i++, rows++)
            sv_rc_mark_cell(rc, m->steps[m->processes[p].first_step + i].el);
    sv_rc_number_marks(rc);
    sv_sb *sb = &rc->sb;
    sv_sb_clear(sb);
    sv_sb_puts(sb, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\" "
                   "COLOR=\"#999999\">");
    /* header row 1: the top-level parties over their columns */
    sv_sb_puts(sb, "<TR><TD BORDER=\"0\"></TD>");
    for (uint32_t c = 0; c < shown_cols;) {
        sv_id top = sv_model_top_party(m, cols.items[c]);
        uint32_t span = 1;
        while (c + span < shown_cols && sv_model_top_party(m, cols.items[c + span]) == top)
            span++;
        sv_sb_printf(sb, "<TD COLSPAN=\"%u\" BGCOLOR=\"%s\"><B>", (unsigned)span,
                     sv_rc_colour(rc, cols.items[c]));
        if (top != SV_NONE)
            sv_sb_user(sb, SV_ESC_HTML, name_of(m, top), SV_NAME_MAX, 18 * span, 3);
        sv_sb_puts(sb, "</B></TD>");
        c += span;
    }
    sv_sb_puts(sb, "</TR>");
    /* header row 2: the columns themselves */
    sv_sb_puts(sb, "<TR><TD BORDER=\"0\"></TD>");
    for (uint32_t c = 0; c < shown_cols; c++) {
        sv_sb_puts(sb, "<TD VALIGN=\"BOTTOM\"><FONT POINT-SIZE=\"8\">");
        sv_sb_user(sb, SV_ESC_HTML, name_of(m, cols.items[c]), SV_NAME_MAX, 16, 5);
        sv_sb_puts(sb, "</FONT></TD>");
    }
    sv_sb_puts(sb, "</TR>");
    uint32_t rows = 0;
    sv_sb tips;
    sv_sb_init(&tips);
    for (uint32_t p = 0; p < m->process_count && rows < SV_RACI_ROWS; p++) {
        const sv_process *proc = &m->processes[p];
        sv_sb_printf(sb, "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"#EEEEEE\" COLSPAN=\"%u\"><B>",
                     (unsigned)shown_cols + 1);
        sv_sb_user(sb, SV_ESC_HTML, name_of(m, proc->el), SV_NAME_MAX, 0, 1);
        sv_sb_puts(sb, "</B></TD></TR>");
        for (uint32_t i = 0; i < proc->step_count && rows < SV_RACI_ROWS; i++, rows++) {
            const sv_step *s = &m->steps[proc->first_step + i];
            bool no_a = s->accountable.count == 0;
            uint32_t marks = sv_rc_marked(rc, s->el);
            sv_sb_puts(sb, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
            if (marks) {
                /* Graphviz 2.42 shows a cell's tooltip only on a link, so
                 * the rule names go into the table's tooltip, per step */
                if (tips.len < 4000) {
                    sv_sb_puts(&tips, tips.len ? "\\n" : "");
                    sv_sb_user(&tips, SV_ESC_PLAIN, name_of(m, s->el), 60, 0, 1);
                    sv_sb_printf(&tips, ": %s", rc->mark_rules[s->el]);
                }
            }
            if (no_a || marks)
                sv_sb_puts(sb, "<FONT COLOR=\"" SV_FINDING_COLOUR "\">");
            sv_sb_user(sb, SV_ESC_HTML, name_of(m, s->el), SV_NAME_MAX, 40, 3);
            if (no_a) {
                sv_sb_puts(sb, " <B>(");
                sv_sb_name(sb, SV_ESC_HTML, _("no A"));
                sv_sb_puts(sb, ")</B>");
            }
            if (marks && sv_rc_mark_number_of(rc, s->el))
                sv_sb_printf(sb, " \xE2\x9A\xA0 <B>%u</B>",
                             (unsigned)sv_rc_mark_number_of(rc, s->el));
            else if (marks)
                sv_sb_puts(sb, " \xE2\x9A\xA0");
            if (no_a || marks)
                sv_sb_puts(sb, "</FONT>");
            sv_sb_puts(sb, "</TD>");
            for (uint32_t c = 0; c < shown_cols; c++) {
                char letters[16];
                cell_letters(letters, s, cols.items[c]);
                bool a = strchr(letters, 'A') != NULL;
                sv_sb_printf(sb, "<TD%s>%s%s%s</TD>", a ? " BGCOLOR=\"#FFF2CC\"" : "",
                             a ? "<B>" : "", letters, a ? "</B>" : "");
            }
            sv_sb_puts(sb, "</TR>");
        }
    }
    if (rows < m->step_count || shown_cols < cols.count) {
        char note[200];
        snprintf(note, sizeof note,
                 _("%u of %u steps and %u of %u columns shown; --format csv or html gives "
                   "them all"),
                 (unsigned)rows, (unsigned)m->step_count, (unsigned)shown_cols,
                 (unsigned)cols.count);
        sv_sb_printf(sb, "<TR><TD BORDER=\"0\" ALIGN=\"LEFT\" COLSPAN=\"%u\"><I>",
                     (unsigned)shown_cols + 1);
        sv_sb_name(sb, SV_ESC_HTML, note);
        sv_sb_puts(sb, "</I></TD></TR>");
    }
    if (m->step_count == 0) {
        sv_sb_puts(sb, "<TR><TD BORDER=\"0\">");
        sv_sb_name(sb, SV_ESC_HTML, _("the model has no process steps"));
        sv_sb_puts(sb, "</TD></TR>");
    }
    sv_sb_puts(sb, "</TABLE>");
    free(cols.items);
    Agnode_t *n = sv_rc_node(rc, NULL, "@raci");
    sv_rc_set(n, "shape", "plain");
    sv_rc_set_html(rc, n, "label");
    if (tips.len)
        sv_rc_set(n, "tooltip", sv_sb_text(&tips));
    if (tips.failed)
        rc->failed = true;
    sv_sb_free(&tips);

    sv_sb extra;
    sv_sb_init(&extra);
    sv_sb_puts(&extra,
               "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
    sv_sb_user(&extra, SV_ESC_HTML,
               _("R = responsible, A = accountable (shaded), C = consulted, I = informed; red: "
                 "no accountable party"),
               SV_NOTE_MAX, 100, 4);
    sv_sb_puts(&extra, "</FONT></TD></TR>");
    sv_rc_legend(rc, sv_sb_text(&extra));
    bool failed = extra.failed;
    sv_sb_free(&extra);
    return failed || rc->failed ? -1 : 0;
}

/* ---- CSV and HTML ----
 *
 * Both are written as a stream, field by field, so that memory does not
 * grow with the matrix; the size is bounded beforehand by
 * sv_raci_table_estimate (docs/limits.md, "Writing"). */

/* One name for CSV: cleaned as for the diagrams (control characters
 * replaced, at most SV_NOTE_MAX code points), then through the one CSV
 * writer with its formula guard. */
static void csv_name(sv_csv *csv, sv_sb *scratch, const char *text)
{
    sv_sb_clear(scratch);
    sv_sb_user(scratch, SV_ESC_RAW, text, SV_NOTE_MAX, 0, 1);
    sv_csv_text(csv, sv_sb_text(scratch));
}

static void csv(FILE *out, sv_sb *scratch, const sv_model *m, const raci_columns *cols,
                sv_csv_dialect dialect)
{
    sv_csv w;
    sv_csv_init(&w, out, "\r\n", true, dialect);
    sv_csv_text(&w, _("process"));
    sv_csv_text(&w, _("step"));
    sv_csv_text(&w, _("step id"));
    for (uint32_t c = 0; c < cols->count; c++)
        csv_name(&w, scratch, name_of(m, cols->items[c]));
    sv_csv_end_row(&w);
    for (uint32_t p = 0; p < m->process_count; p++) {
        const sv_process *proc = &m->processes[p];
        for (uint32_t i = 0; i < proc->step_count; i++) {
            const sv_step *s = &m->steps[proc->first_step + i];
            csv_name(&w, scratch, name_of(m, proc->el));
            csv_name(&w, scratch, name_of(m, s->el));
            csv_name(&w, scratch, m->elements[s->el].id);
            for (uint32_t c = 0; c < cols->count; c++) {
                char letters[16];
                cell_letters(letters, s, cols->items[c]);
                sv_csv_text(&w, letters);
            }
            sv_csv_end_row(&w);
        }
    }
}

/* One name for the HTML page, escaped as document text. */
static void put_name(FILE *out, sv_sb *scratch, const char *text)
{
    sv_sb_clear(scratch);
    sv_sb_name(scratch, SV_ESC_DOC, text);
    fputs(sv_sb_text(scratch), out);
}

/* The columns of one table of the fragment: a page in landscape holds
 * about twelve RACI columns at a legible size, so a wider matrix is set as
 * several tables of at most this many columns, each with the steps again. */
#define RACI_GROUP 12u

/* The matrix for columns [from, to): the party row, the column row, then
 * a group of rows per process. */
static void html_table(FILE *out, sv_sb *sb, const sv_model *m, const raci_columns *cols,
                       uint32_t from, uint32_t to)
{
    fputs("<table class=\"raci\">\n<thead><tr><th></th>", out);
    for (uint32_t c = from; c < to;) {
        sv_id top = sv_model_top_party(m, cols->items[c]);
        uint32_t span = 1;
        while (c + span < to && sv_model_top_party(m, cols->items[c + span]) == top)
            span++;
        fprintf(out, "<th colspan=\"%u\">", (unsigned)span);
        if (top != SV_NONE)
            put_name(out, sb, name_of(m, top));
        fputs("</th>", out);
        c += span;
    }
    fputs("</tr>\n<tr><th></th>", out);
    for (uint32_t c = from; c < to; c++) {
        fputs("<th class=\"c\">", out);
        put_name(out, sb, name_of(m, cols->items[c]));
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n", out);
    for (uint32_t p = 0; p < m->process_count; p++) {
        const sv_process *proc = &m->processes[p];
        fprintf(out, "<tbody><tr class=\"p\"><th colspan=\"%u\">", (unsigned)(to - from) + 1);
        put_name(out, sb, name_of(m, proc->el));
        fputs("</th></tr>\n", out);
        for (uint32_t i = 0; i < proc->step_count; i++) {
            const sv_step *s = &m->steps[proc->first_step + i];
            bool no_a = s->accountable.count == 0;
            fputs(no_a ? "<tr><th class=\"noa\" scope=\"row\">" : "<tr><th scope=\"row\">", out);
            put_name(out, sb, name_of(m, s->el));
            if (no_a) {
                fputs(" (", out);
                put_name(out, sb, _("no A"));
                fputs(")", out);
            }
            fputs("</th>", out);
            for (uint32_t c = from; c < to; c++) {
                char letters[16];
                cell_letters(letters, s, cols->items[c]);
                fprintf(out, "<td class=\"%s\">%s</td>", strchr(letters, 'A') ? "l a" : "l",
                        letters);
            }
            fputs("</tr>\n", out);
        }
        fputs("</tbody>\n", out);
    }
    fputs("</table>\n", out);
}

/* The fragment for a page that has its own document (the report): the
 * key and the tables, no DOCTYPE, head or style of its own. */
static void html_fragment(FILE *out, sv_sb *sb, const sv_model *m, const raci_columns *cols)
{
    fputs("<p class=\"raci-key\">", out);
    put_name(out, sb, _("R = responsible, A = accountable, C = consulted, I = informed"));
    fputs("</p>\n", out);
    if (cols->count == 0) {
        html_table(out, sb, m, cols, 0, 0);
        return;
    }
    for (uint32_t from = 0; from < cols->count; from += RACI_GROUP)
        html_table(out, sb, m, cols, from,
                   cols->count - from > RACI_GROUP ? from + RACI_GROUP : cols->count);
}

static void html(FILE *out, sv_sb *sb, const sv_model *m, const raci_columns *cols)
{
    fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'\">\n<title>", out);
    put_name(out, sb, _("RACI"));
    fputs(" \xE2\x80\x94 ", out);
    put_name(out, sb, name_of(m, m->agreement.el));
    fputs("</title>\n<style>body{font-family:'DejaVu Sans',sans-serif;font-size:10pt}"
          "table{border-collapse:collapse}th,td{border:1px solid #999;padding:2px 5px}"
          "td.l{text-align:center}td.a{background:#FFF2CC;font-weight:bold}"
          "tr.p th{background:#EEE;text-align:left}.noa{color:#C00000}"
          "th.c{font-weight:normal;font-size:8pt;vertical-align:bottom}</style>\n"
          "</head><body>\n<h1>", out);
    put_name(out, sb, _("RACI"));
    fputs("</h1>\n<p>", out);
    put_name(out, sb, name_of(m, m->agreement.el));
    fputs("</p>\n<p>", out);
    put_name(out, sb, _("R = responsible, A = accountable, C = consulted, I = informed"));
    fputs("</p>\n", out);
    html_table(out, sb, m, cols, 0, cols->count);
    fputs("</body></html>\n", out);
}

/* Upper bounds of what one name becomes: CSV at most SV_NOTE_MAX code
 * points of 4 bytes, every byte a doubled quote at worst, plus the quotes,
 * the apostrophe and the comma; HTML at most SV_NAME_MAX code points (and
 * the ellipsis), every byte an entity of 6 at worst, with its markup. */
static uint64_t csv_name_bound(const char *text)
{
    size_t n = strlen(text);
    if (n > 4 * SV_NOTE_MAX)
        n = 4 * SV_NOTE_MAX;
    return 2 * (uint64_t)n + 8;
}

static uint64_t html_name_bound(const char *text)
{
    size_t n = strlen(text);
    if (n > 4 * SV_NAME_MAX)
        n = 4 * SV_NAME_MAX;
    return 6 * (uint64_t)n + 8 + 40; /* the name, the ellipsis, the tags around it */
}

/* The largest cell: `,"R A C I"` in CSV, `<td class="l a">R A C I</td>` in HTML. */
#define RACI_CSV_CELL 10u
#define RACI_HTML_CELL 28u
/* Everything that does not grow with the model, translated words included. */
#define RACI_FIXED 4096u

uint64_t sv_raci_table_estimate(const sv_model *m, bool as_html, uint32_t *rows,
                                uint32_t *columns)
{
    raci_columns cols;
    if (collect_columns(&cols, m) != 0)
        return UINT64_MAX;
    uint64_t (*bound)(const char *) = as_html ? html_name_bound : csv_name_bound;
    uint64_t cell = as_html ? RACI_HTML_CELL : RACI_CSV_CELL;
    uint64_t total = RACI_FIXED;
    for (uint32_t c = 0; c < cols.count; c++) {
        sv_id top = sv_model_top_party(m, cols.items[c]);
        /* the column's own header, and (HTML) its party's over it */
        total += bound(name_of(m, cols.items[c]));
        if (as_html && top != SV_NONE)
            total += bound(name_of(m, top));
    }
    for (uint32_t p = 0; p < m->process_count; p++) {
        const sv_process *proc = &m->processes[p];
        uint64_t process_name = bound(name_of(m, proc->el));
        total += process_name + 64; /* the process row (HTML) */
        for (uint32_t i = 0; i < proc->step_count; i++) {
            const sv_step *s = &m->steps[proc->first_step + i];
            /* CSV repeats the process's name in each row, and the step's id */
            total += bound(name_of(m, s->el)) + 64 +
                     (as_html ? 0 : process_name + bound(m->elements[s->el].id));
            total += cell * cols.count;
            /* the fragment repeats the step per group of RACI_GROUP columns */
            if (as_html)
                total += (bound(name_of(m, s->el)) + 64) * (cols.count / RACI_GROUP);
        }
    }
    if (rows)
        *rows = m->step_count;
    if (columns)
        *columns = cols.count;
    free(cols.items);
    return total;
}

int sv_raci_table(FILE *out, const sv_model *model, sv_raci_form form, sv_csv_dialect dialect)
{
    bool as_html = form != SV_RACI_CSV;
    raci_columns cols;
    if (collect_columns(&cols, model) != 0)
        return -1;
    sv_sb scratch;
    sv_sb_init(&scratch);
    if (form == SV_RACI_FRAGMENT)
        html_fragment(out, &scratch, model, &cols);
    else if (as_html)
        html(out, &scratch, model, &cols);
    else
        csv(out, &scratch, model, &cols, dialect);
    free(cols.items);
    bool failed = scratch.failed;
    sv_sb_free(&scratch);
    return failed || ferror(out) ? -1 : 0;
}
