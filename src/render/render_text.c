/*
 * The shared part of the render stage: the growable string, escaping and
 * wrapping of user text for each label kind, the party palette, finding
 * marks, the legend and the counted node and edge constructors. Every piece
 * of user text that reaches Graphviz passes through sv_sb_user, and no user
 * text is ever put into a node name, URL, href, id, image or fontname.
 */
#include "render/render_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/markup.h"

/* ---- growable string ---- */

void sv_sb_init(sv_sb *sb)
{
    memset(sb, 0, sizeof *sb);
}

void sv_sb_free(sv_sb *sb)
{
    free(sb->data);
    sv_sb_init(sb);
}

void sv_sb_clear(sv_sb *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

static bool sb_reserve(sv_sb *sb, size_t extra)
{
    if (sb->failed)
        return false;
    if (sb->len + extra + 1 <= sb->cap)
        return true;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < sb->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            sb->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *data = realloc(sb->data, cap);
    if (!data) {
        sb->failed = true;
        return false;
    }
    sb->data = data;
    sb->cap = cap;
    return true;
}

void sv_sb_put(sv_sb *sb, const char *text, size_t len)
{
    if (!sb_reserve(sb, len))
        return;
    memcpy(sb->data + sb->len, text, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
}

void sv_sb_puts(sv_sb *sb, const char *text)
{
    sv_sb_put(sb, text, strlen(text));
}

void sv_sb_printf(sv_sb *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !sb_reserve(sb, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

const char *sv_sb_text(sv_sb *sb)
{
    return sb->data && !sb->failed ? sb->data : "";
}

/* ---- user text ---- */

/* Decodes one UTF-8 sequence at s (valid UTF-8 is guaranteed by the loader;
 * anything else still decodes to U+FFFD). Returns its length. */
static size_t decode(const unsigned char *s, size_t left, unsigned *cp)
{
    unsigned c = s[0];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || n > left) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return n;
}

/* Code points that XML 1.0 forbids or that would move text around: C0 and
 * C1 controls, surrogates, U+FFFE and U+FFFF. */
static bool forbidden(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xD800 && cp <= 0xDFFF) ||
           cp == 0xFFFE || cp == 0xFFFF;
}

/* HTML-like labels and the documents render writes (DOC) take the
 * entities of the one escaper (util/markup.h); plain cgraph labels only
 * '&', and the backslash cgraph would read as an escape. */
static void put_escaped(sv_sb *sb, sv_esc esc, const char *s, size_t len)
{
    bool markup = esc == SV_ESC_HTML || esc == SV_ESC_DOC;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        const char *rep = NULL;
        if (ch == '\\')
            rep = esc == SV_ESC_PLAIN || esc == SV_ESC_HTML ? "\\\\" : NULL;
        else if (markup || (ch == '&' && esc != SV_ESC_RAW))
            rep = sv_markup_entity((unsigned char)ch, 0);
        if (rep)
            sv_sb_puts(sb, rep);
        else
            sv_sb_put(sb, &ch, 1);
    }
}

static void put_break(sv_sb *sb, sv_esc esc)
{
    switch (esc) {
    case SV_ESC_HTML: sv_sb_puts(sb, "<BR/>"); break;
    case SV_ESC_PLAIN: sv_sb_puts(sb, "\\n"); break;
    default: sv_sb_puts(sb, " "); break;
    }
}


void sv_sb_user(sv_sb *sb, sv_esc esc, const char *text, size_t max_chars, size_t wrap,
                size_t max_lines)
{
    if (!text)
        return;
    if (max_lines == 0)
        max_lines = 1;
    /* 1. clean and cap into a scratch copy, keeping '\n' as the only control */
    size_t in_len = strlen(text);
    char *clean = malloc(in_len * 3 + 8);
    if (!clean) {
        sb->failed = true;
        return;
    }
    size_t n = 0, chars = 0;
    bool cut = false;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < in_len;) {
        unsigned cp;
        size_t k = decode(s + i, in_len - i, &cp);
        if (chars >= max_chars) {
            cut = true;
            break;
        }
        if (cp == '\n' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
            clean[n++] = '\n';
        } else if (cp == '\t' || cp == '\r') {
            clean[n++] = ' ';
        } else if (forbidden(cp) || (k == 1 && cp == 0xFFFD && s[i] >= 0x80)) {
            memcpy(clean + n, "\xEF\xBF\xBD", 3);
            n += 3;
        } else {
            memcpy(clean + n, s + i, k);
            n += k;
        }
        chars++;
        i += k;
    }
    /* 2. lines: explicit breaks, then greedy wrapping at spaces and after
     * hyphens, never inside a word ("Arbetsförmedlingen" stays whole on a
     * line of 16); only a "word" longer than SV_WORD_MAX, which no name has
     * (a URL, hostile text), is cut, so that no node grows without bound */
    size_t lines = 0;
    size_t pos = 0;
    while (pos < n || (pos == 0 && n == 0)) {
        if (n == 0)
            break;
        /* the next line: up to '\n', at most `wrap` code points, ending at a
         * space or after a hyphen */
        size_t end = pos, count = 0, last_space = 0, after_hyphen = 0;
        while (end < n && clean[end] != '\n' && (wrap == 0 || count < wrap)) {
            if (clean[end] == ' ')
                last_space = end;
            else if (clean[end] == '-' && end > pos)
                after_hyphen = end + 1;
            end++;
            while (end < n && ((unsigned char)clean[end] & 0xC0) == 0x80)
                end++;
            count++;
        }
        size_t next = end;
        if (end < n && clean[end] == '\n') {
            next = end + 1;
        } else if (end < n && clean[end] == ' ') {
            next = end + 1;
        } else if (end < n && wrap && (last_space > pos || after_hyphen > pos)) {
            /* break before the word that does not fit, at the later of the
               last space and the last hyphen */
            if (after_hyphen > last_space) {
                end = next = after_hyphen;
            } else {
                end = last_space;
                next = last_space + 1;
            }
        } else if (end < n && wrap) {
            /* one word longer than the line: kept whole up to its end (a
               space, a hyphen, a line break), or cut at SV_WORD_MAX */
            while (end < n && clean[end] != '\n' && clean[end] != ' ' && count < SV_WORD_MAX) {
                bool hyphen = clean[end] == '-';
                end++;
                while (end < n && ((unsigned char)clean[end] & 0xC0) == 0x80)
                    end++;
                count++;
                if (hyphen)
                    break;
            }
            next = end < n && (clean[end] == ' ' || clean[end] == '\n') ? end + 1 : end;
        }
        if (lines > 0)
            put_break(sb, esc);
        lines++;
        size_t line_end = end;
        while (line_end > pos && clean[line_end - 1] == ' ')
            line_end--;
        put_escaped(sb, esc, clean + pos, line_end - pos);
        pos = next;
        if (lines == max_lines && pos < n) {
            cut = true;
            break;
        }
    }
    if (cut)
        sv_sb_puts(sb, SV_ELLIPSIS);
    free(clean);
}

void sv_sb_name(sv_sb *sb, sv_esc esc, const char *text)
{
    sv_sb_user(sb, esc, text, SV_NAME_MAX, 0, 1);
}

/* ---- palette and names ---- */

/* Paul Tol's "light" scheme (https://personal.sron.nl/~pault/), designed to
 * stay distinct for colour-blind readers with black text on it; the last
 * entry, pale grey, is shared by the parties past the first eight. */
const char *const sv_palette[SV_PALETTE_SIZE + 1] = {
    "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
    "#DDDDDD",
};

const char *sv_rc_colour(sv_rctx *rc, sv_id el)
{
    sv_id top = el == SV_NONE ? SV_NONE : sv_model_top_party(rc->model, el);
    if (top == SV_NONE)
        return "#FFFFFF";
    uint32_t party = rc->model->elements[top].index;
    if (rc->legend_party)
        rc->legend_party[party] = true;
    int c = rc->party_colour ? rc->party_colour[party] : -1;
    return sv_palette[c < 0 || c >= SV_PALETTE_SIZE ? SV_PALETTE_SIZE : c];
}

const char *sv_rc_name(const sv_rctx *rc, sv_id el)
{
    return sv_element_name(rc->model, el);
}

uint32_t sv_rc_marked(const sv_rctx *rc, sv_id el)
{
    return rc->mark_count && el != SV_NONE ? rc->mark_count[el] : 0;
}

/* ---- graph objects ---- */

sv_pos sv_rc_file_pos(const sv_rctx *rc)
{
    return (sv_pos){rc->model->source ? rc->model->source->path : NULL, 0, 0};
}

static void cap_exceeded(sv_rctx *rc)
{
    if (rc->failed)
        return;
    rc->failed = true;
    sv_diags_add(rc->diags, "render-limit", sv_rc_file_pos(rc),
                 _("the %s view would have more than %d nodes or %d edges; draw a smaller part "
                   "of the model (a process or a party view)"),
                 sv_view_name(rc->options->view.kind), SV_MAX_NODES, SV_MAX_EDGES);
}

static void out_of_memory(sv_rctx *rc)
{
    if (rc->failed)
        return;
    rc->failed = true;
    sv_diags_add(rc->diags, "render", sv_rc_file_pos(rc), "%s", _("out of memory"));
}

Agnode_t *sv_rc_node(sv_rctx *rc, Agraph_t *in, const char *name)
{
    if (rc->failed)
        return NULL;
    if (rc->nodes >= SV_MAX_NODES) {
        cap_exceeded(rc);
        return NULL;
    }
    Agnode_t *n = agnode(in ? in : rc->g, (char *)name, 1);
    if (!n) {
        out_of_memory(rc);
        return NULL;
    }
    rc->nodes++;
    return n;
}

Agedge_t *sv_rc_edge(sv_rctx *rc, Agnode_t *tail, Agnode_t *head)
{
    if (rc->failed || !tail || !head)
        return NULL;
    if (rc->edges >= SV_MAX_EDGES) {
        cap_exceeded(rc);
        return NULL;
    }
    Agedge_t *e = agedge(rc->g, tail, head, NULL, 1);
    if (!e) {
        out_of_memory(rc);
        return NULL;
    }
    rc->edges++;
    return e;
}

Agraph_t *sv_rc_cluster(sv_rctx *rc, const char *name)
{
    if (rc->failed)
        return NULL;
    Agraph_t *sub = agsubg(rc->g, (char *)name, 1);
    if (!sub)
        out_of_memory(rc);
    return sub;
}

void sv_rc_set(void *object, const char *attr, const char *value)
{
    if (object)
        agsafeset(object, (char *)attr, (char *)value, "");
}

void sv_rc_set_html(sv_rctx *rc, void *object, const char *attr)
{
    if (!object)
        return;
    if (rc->sb.failed) {
        out_of_memory(rc);
        return;
    }
    char *html = agstrdup_html(rc->g, (char *)sv_sb_text(&rc->sb));
    if (!html) {
        out_of_memory(rc);
        return;
    }
    agsafeset(object, (char *)attr, html, "");
    agstrfree(rc->g, html);
}

/* Remembers a marked object, for its numbered marker. */
static void drawn(sv_rctx *rc, void *object, sv_id el)
{
    if (rc->drawn_count == rc->drawn_cap) {
        size_t cap = rc->drawn_cap ? 2 * rc->drawn_cap : 32;
        struct rc_drawn *grown = realloc(rc->drawn, cap * sizeof *grown);
        if (!grown) {
            out_of_memory(rc);
            return;
        }
        rc->drawn = grown;
        rc->drawn_cap = cap;
    }
    rc->drawn[rc->drawn_count++] = (struct rc_drawn){el, object};
}

void sv_rc_mark(sv_rctx *rc, void *object, sv_id el)
{
    if (!object || sv_rc_marked(rc, el) == 0)
        return;
    sv_rc_set(object, "color", SV_FINDING_COLOUR);
    sv_rc_set(object, "penwidth", "3");
    sv_rc_set(object, "tooltip", rc->mark_tip[el]);
    drawn(rc, object, el);
}

void sv_rc_mark_number(sv_rctx *rc, void *object, sv_id el)
{
    if (object && sv_rc_marked(rc, el) > 0)
        drawn(rc, object, el);
}

/* A marked element with what it is sorted by: qsort has no context
 * pointer, and a static one would be shared by two renders at once. */
typedef struct mark_key {
    size_t first; /* its first finding */
    size_t drawn; /* the order it was first drawn in: ties stay in it */
    sv_id el;
} mark_key;

static int by_first_finding(const void *a, const void *b)
{
    const mark_key *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->drawn < y->drawn ? -1 : x->drawn > y->drawn;
}

void sv_rc_mark_cell(sv_rctx *rc, sv_id el)
{
    if (sv_rc_marked(rc, el) > 0)
        drawn(rc, NULL, el);
}

/* Numbers the marked elements (in the order of their first finding, so
 * that numbers read in the order of the findings) and sets each marked
 * object's marker: a small red-rimmed box with the number, as an external
 * label that Graphviz places beside the node or edge. */
void sv_rc_number_marks(sv_rctx *rc)
{
    if (rc->numbered)
        return;
    rc->numbered = true;
    if (!rc->drawn_count || rc->failed)
        return;
    const sv_model *m = rc->model;
    uint32_t *number = calloc(m->element_count + 1, sizeof *number);
    sv_id *els = malloc(rc->drawn_count * sizeof *els);
    if (!number || !els) {
        free(number);
        free(els);
        out_of_memory(rc);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < rc->drawn_count; i++) {
        sv_id el = rc->drawn[i].el;
        if (!number[el]) {
            number[el] = 1;
            els[n++] = el;
        }
    }
    mark_key *keys = malloc((n ? n : 1) * sizeof *keys);
    if (!keys) {
        free(number);
        free(els);
        out_of_memory(rc);
        return;
    }
    for (size_t i = 0; i < n; i++)
        keys[i] = (mark_key){rc->mark_first[els[i]], i, els[i]};
    qsort(keys, n, sizeof *keys, by_first_finding);
    for (size_t i = 0; i < n; i++)
        els[i] = keys[i].el;
    free(keys);
    for (size_t i = 0; i < n; i++)
        number[els[i]] = (uint32_t)(i + 1);
    sv_rc_set(rc->g, "forcelabels", "true");
    for (size_t i = 0; i < rc->drawn_count; i++) {
        if (!rc->drawn[i].object)
            continue;
        sv_sb_clear(&rc->sb);
        sv_sb_printf(&rc->sb,
                     "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLPADDING=\"1\" CELLSPACING=\"0\" "
                     "STYLE=\"rounded\" COLOR=\"" SV_FINDING_COLOUR "\" BGCOLOR=\"white\"><TR><TD>"
                     "<FONT COLOR=\"" SV_FINDING_COLOUR "\" POINT-SIZE=\"11\"><B>%u</B></FONT>"
                     "</TD></TR></TABLE>",
                     (unsigned)number[rc->drawn[i].el]);
        sv_rc_set_html(rc, rc->drawn[i].object, "xlabel");
    }
    rc->mark_number = number;
    rc->mark_order = els;
    rc->mark_order_count = n;
}

uint32_t sv_rc_mark_number_of(const sv_rctx *rc, sv_id el)
{
    return rc->mark_number && el < rc->model->element_count ? rc->mark_number[el] : 0;
}

void sv_rc_mark_row(sv_rctx *rc, sv_id el, int colspan)
{
    uint32_t n = sv_rc_marked(rc, el);
    if (n == 0)
        return;
    sv_sb_printf(&rc->sb,
                 "<TR><TD COLSPAN=\"%d\" ALIGN=\"LEFT\"><FONT COLOR=\"" SV_FINDING_COLOUR
                 "\" POINT-SIZE=\"9\">\xE2\x9A\xA0 ",
                 colspan);
    sv_sb_printf(&rc->sb, P_("%u finding", "%u findings", n), (unsigned)n);
    sv_sb_puts(&rc->sb, "</FONT></TD></TR>");
}

void sv_rc_legend(sv_rctx *rc, const char *extra)
{
    const sv_model *m = rc->model;
    sv_sb *sb = &rc->sb;
    sv_rc_number_marks(rc);
    size_t mark_count = rc->mark_order_count;
    const sv_id *marks = rc->mark_order;
    if (rc->options->marks)
        sv_render_marks_free(rc->options->marks);
    if (rc->options->marks && mark_count) {
        rc->options->marks->elements = malloc(mark_count * sizeof *marks);
        if (!rc->options->marks->elements) {
            out_of_memory(rc);
            return;
        }
        memcpy(rc->options->marks->elements, marks, mark_count * sizeof *marks);
        rc->options->marks->count = mark_count;
    }
    /* lines of the legend's text: a view drawn to fit a page narrows it */
    size_t wrap = rc->legend_wrap ? rc->legend_wrap : 90;
    sv_sb_clear(sb);
    sv_sb_puts(sb, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">");
    sv_sb_puts(sb,
               "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>");
    /* the title is set at 16 points: its lines a third shorter */
    sv_sb_user(sb, SV_ESC_HTML, rc->title, SV_NAME_MAX, rc->legend_wrap * 2 / 3, 2);
    sv_sb_puts(sb, "</B></FONT></TD></TR><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
    sv_sb_user(sb, SV_ESC_HTML, sv_rc_name(rc, m->agreement.el), SV_NAME_MAX, wrap,
               rc->legend_wrap ? 3 : 2);
    sv_sb_puts(sb, "</TD></TR>");
    /* the parties coloured in this view, two to a row, in model order; the
     * chip is a glyph so that the cells keep their left alignment */
    int in_row = 0;
    for (uint32_t p = 0; p < m->party_count; p++) {
        if (!rc->legend_party || !rc->legend_party[p])
            continue;
        int c = rc->party_colour[p];
        if (in_row == 0)
            sv_sb_puts(sb, "<TR>");
        sv_sb_printf(sb,
                     "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\" POINT-SIZE=\"14\">" SV_CHIP "</FONT> ",
                     sv_palette[c < 0 || c >= SV_PALETTE_SIZE ? SV_PALETTE_SIZE : c]);
        sv_sb_user(sb, SV_ESC_HTML, sv_rc_name(rc, m->parties[p].el), 60, 0, 1);
        sv_sb_puts(sb, "</TD>");
        if (++in_row == 2) {
            sv_sb_puts(sb, "</TR>");
            in_row = 0;
        }
    }
    if (in_row)
        sv_sb_puts(sb, "<TD></TD></TR>");
    if (extra)
        sv_sb_puts(sb, extra);
    if (rc->options->findings) {
        sv_sb_puts(
            sb,
            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT COLOR=\"" SV_FINDING_COLOUR
            "\">\xE2\x9A\xA0</FONT> ");
        /* the views of tables (RACI, party) mark cells in red text */
        bool in_cells = rc->drawn_count > 0;
        for (size_t i = 0; i < rc->drawn_count && in_cells; i++)
            in_cells = rc->drawn[i].object == NULL;
        const char *key;
        if (in_cells)
            key = rc->options->no_marks_list
                      ? _("red text, \xE2\x9A\xA0 and number: the element has findings, listed by "
                          "number under the figure")
                      : _("red text, \xE2\x9A\xA0 and number: the element has findings, listed by "
                          "number here (hover over a table for the messages)");
        else
            key = rc->options->no_marks_list
                      ? _("red outline and number: the element has findings, listed by number "
                          "under the figure")
                      : _("red outline and number: the element has findings, listed by number "
                          "here (hover for the messages)");
        sv_sb_user(sb, SV_ESC_HTML, key, SV_NOTE_MAX, rc->legend_wrap ? wrap + 10 : 0, 2);
        sv_sb_puts(sb, "</TD></TR>");
        /* the numbered list, for paper, where there is no hovering */
        for (size_t i = 0; i < mark_count && !rc->options->no_marks_list; i++) {
            sv_id el = marks[i];
            sv_sb entry;
            sv_sb_init(&entry);
            sv_sb_printf(&entry, "%zu  ", i + 1);
            sv_sb_puts(&entry, sv_rc_name(rc, el));
            sv_sb_puts(&entry, ": ");
            for (size_t k = rc->mark_from[el]; k < rc->mark_from[el + 1]; k++) {
                const sv_finding *f = &rc->options->findings->items[rc->mark_at[k]];
                if (k > rc->mark_from[el])
                    sv_sb_puts(&entry, "; ");
                sv_sb_puts(&entry, sv_rule_summary(sv_rule_at(f->rule)));
            }
            sv_sb_puts(sb, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT "
                           "COLOR=\"" SV_FINDING_COLOUR "\">");
            sv_sb_user(sb, SV_ESC_HTML, sv_sb_text(&entry), SV_NOTE_MAX, wrap + 10,
                       rc->legend_wrap ? 4 : 3);
            sv_sb_puts(sb, "</FONT></TD></TR>");
            if (entry.failed)
                sb->failed = true;
            sv_sb_free(&entry);
        }
    }
    sv_sb_puts(sb, "</TABLE>");
    sv_rc_set_html(rc, rc->g, "label");
    sv_rc_set(rc->g, "labelloc", "t");
    sv_rc_set(rc->g, "labeljust", "l");
}
