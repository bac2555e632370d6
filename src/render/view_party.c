/*
 * The party view: one party, with its units, roles and people, and
 * everything they take part in, as a column of tables that stays legible
 * at the width of an A4 page however many seats the party has (Umeå's GVN:
 * eleven seats in eight bodies, three processes, eight flows): the seats
 * and chairs, a row per body grouped by level, with the party's members in
 * it; the line management (format 1.1); one table per process with the
 * steps and the letters of each member; and the reporting flows the party
 * sends and receives, with what and how often. An arrow per seat and flow,
 * as this view once drew, made a picture three times too wide for the page
 * (docs/diagrams.md gives the sizes). Marked elements are cells of the
 * tables: red, with the number of their marker after a ⚠.
 */
#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

/* Whether party index `p` is `root` or lies under it. */
static bool under(const sv_model *m, uint32_t p, sv_id root)
{
    for (uint32_t guard = 0; guard <= m->party_count; guard++) {
        if (m->parties[p].el == root)
            return true;
        sv_id up = m->parties[p].part_of.target;
        if (up == SV_NONE || m->elements[up].kind != SV_KIND_PARTY)
            return false;
        p = m->elements[up].index;
    }
    return false;
}

/* Whether element `el` belongs to the party `root`: a party under it, or a
 * role or person of such a party. */
static bool belongs(const sv_model *m, sv_id el, sv_id root)
{
    if (el == SV_NONE)
        return false;
    const sv_element *e = &m->elements[el];
    switch (e->kind) {
    case SV_KIND_PARTY: return under(m, e->index, root);
    case SV_KIND_ROLE: {
        sv_id p = m->roles[e->index].party.target;
        return p != SV_NONE && under(m, m->elements[p].index, root);
    }
    case SV_KIND_PERSON: {
        const sv_person *person = &m->people[e->index];
        if (person->party.target != SV_NONE)
            return under(m, m->elements[person->party.target].index, root);
        for (uint32_t i = 0; i < person->roles.count; i++)
            if (belongs(m, person->roles.items[i].target, root))
                return true;
        return false;
    }
    default: return false;
    }
}

/* Whether `el` occurs in a RACI list before list l, item i. */
static bool named_before(const sv_refs *const *lists, int l, uint32_t i, sv_id el)
{
    for (int k = 0; k <= l; k++)
        for (uint32_t j = 0; j < (k < l ? lists[k]->count : i); j++)
            if (lists[k]->items[j].target == el)
                return true;
    return false;
}

/* The letters of `el` in one step: "R", "R A", ... */
static void step_letters(char *buf, const sv_refs *const *lists, sv_id el)
{
    size_t n = 0;
    for (int k = 0; k < 4; k++) {
        bool has = false;
        for (uint32_t j = 0; j < lists[k]->count; j++)
            has = has || lists[k]->items[j].target == el;
        if (has) {
            if (n)
                buf[n++] = ' ';
            buf[n++] = "RACI"[k];
        }
    }
    buf[n] = '\0';
}

/* Rows of one process's table, at most; so for the bodies of the seats
 * and the flows of the reporting table, and the party's members named in
 * one body, so that a national party cannot make a label Graphviz chokes
 * on (the rest is counted in a last row). */
#define PROCESS_ROWS 40
#define SEAT_ROWS 60
#define FLOW_ROWS 60

typedef struct party_view {
    sv_rctx *rc;
    sv_id root;
    bool writing;   /* false: the first pass, which only numbers the marks */
    sv_sb tips;     /* the findings of the cells, for the tooltip of their table */
} party_view;

/* A cell's mark: in the first pass, registers the element for numbering;
 * in the second, appends " ⚠ N" in red (and the rules to the tooltip). */
static void cell_mark(party_view *v, sv_sb *sb, sv_id el)
{
    sv_rctx *rc = v->rc;
    if (el == SV_NONE || sv_rc_marked(rc, el) == 0)
        return;
    if (!v->writing) {
        sv_rc_mark_cell(rc, el);
        return;
    }
    uint32_t number = sv_rc_mark_number_of(rc, el);
    sv_sb_puts(sb, "<FONT COLOR=\"" SV_FINDING_COLOUR "\"> \xE2\x9A\xA0");
    if (number)
        sv_sb_printf(sb, " <B>%u</B>", (unsigned)number);
    sv_sb_puts(sb, "</FONT>");
    if (v->tips.len < 4000) {
        sv_sb_puts(&v->tips, v->tips.len ? "\\n" : "");
        sv_sb_user(&v->tips, SV_ESC_PLAIN, sv_rc_name(rc, el), 60, 0, 1);
        sv_sb_printf(&v->tips, ": %s", rc->mark_rules[el]);
    }
}

/* A name in a cell, red when it has findings, then its mark. */
static void cell_name(party_view *v, sv_sb *sb, sv_id el, size_t wrap, bool bold)
{
    bool marked = sv_rc_marked(v->rc, el) > 0;
    if (marked)
        sv_sb_puts(sb, "<FONT COLOR=\"" SV_FINDING_COLOUR "\">");
    sv_sb_puts(sb, bold ? "<B>" : "");
    sv_sb_user(sb, SV_ESC_HTML, sv_rc_name(v->rc, el), SV_NAME_MAX, wrap, 3);
    sv_sb_puts(sb, bold ? "</B>" : "");
    if (marked)
        sv_sb_puts(sb, "</FONT>");
    cell_mark(v, sb, el);
}

/* The start of a section's table: a title row in the party's colour. */
static void table_open(party_view *v, sv_sb *sb, const char *title, int columns)
{
    sv_sb_printf(sb,
                 "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\" "
                 "BGCOLOR=\"white\" COLOR=\"#777777\"><TR><TD COLSPAN=\"%d\" ALIGN=\"LEFT\" "
                 "BGCOLOR=\"%s\"><B>",
                 columns, sv_rc_colour(v->rc, v->root));
    sv_sb_user(sb, SV_ESC_HTML, title, SV_NAME_MAX, 70, 2);
    sv_sb_puts(sb, "</B></TD></TR>");
}

/* Sets a section's table as a node, chained below the previous one so that
 * the sections stand in a column. The node is named by what it holds, in
 * the language of messages, with a capital, which no id has: Graphviz
 * writes the name as the SVG title, which a browser shows on hovering (a
 * process's section is named by its id, like its node elsewhere). */
static Agnode_t *section_node(party_view *v, const char *name, sv_sb *table, Agnode_t *above)
{
    sv_rctx *rc = v->rc;
    Agnode_t *n = sv_rc_node(rc, NULL, name);
    if (!n)
        return above;
    sv_rc_set(n, "shape", "plain");
    sv_sb_clear(&rc->sb);
    sv_sb_put(&rc->sb, sv_sb_text(table), table->len);
    sv_rc_set_html(rc, n, "label");
    if (v->tips.len)
        sv_rc_set(n, "tooltip", sv_sb_text(&v->tips));
    if (v->tips.failed || table->failed)
        rc->failed = true;
    sv_sb_clear(&v->tips);
    if (above) {
        Agedge_t *e = sv_rc_edge(rc, above, n);
        if (e)
            sv_rc_set(e, "style", "invis");
    }
    return n;
}

/* Whether the party has a member (or the chair) in body b. */
static bool party_sits_in(const party_view *v, const sv_body *body)
{
    const sv_model *m = v->rc->model;
    for (uint32_t i = 0; i < body->members.count; i++)
        if (belongs(m, body->members.items[i].target, v->root))
            return true;
    return belongs(m, body->chair.target, v->root);
}

/* Seats and chairs: a row per body the party sits in, grouped by level
 * from the decision level down, with the party's members in it (the chair
 * in bold with ★). */
static bool seats_table(party_view *v, sv_sb *sb)
{
    sv_rctx *rc = v->rc;
    const sv_model *m = rc->model;
    bool any = false;
    uint32_t rows = 0;
    for (int level = 0; level < SV_LEVEL_COUNT; level++) {
        bool header = false;
        for (uint32_t b = 0; b < m->body_count; b++) {
            const sv_body *body = &m->bodies[b];
            if (body->level != (sv_level)level || !party_sits_in(v, body))
                continue;
            if (!any)
                table_open(v, sb, _("Seats and chairs (bold \xE2\x98\x85: chair)"), 2);
            any = true;
            if (rows++ >= SEAT_ROWS)
                continue;
            if (!header) {
                sv_sb_puts(sb, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BGCOLOR=\"#EEEEEE\">"
                               "<FONT POINT-SIZE=\"9\"><I>");
                sv_sb_name(sb, SV_ESC_HTML, sv_level_label((sv_level)level));
                sv_sb_puts(sb, "</I></FONT></TD></TR>");
                header = true;
            }
            sv_sb_puts(sb, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\">");
            cell_name(v, sb, body->el, SV_WRAP, false);
            sv_sb_puts(
                sb,
                "</TD><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\"><FONT POINT-SIZE=\"9\">");
            sv_id chair = body->chair.target;
            bool chair_listed = false, first = true;
            uint32_t named = 0, more = 0;
            for (uint32_t i = 0; i < body->members.count; i++) {
                sv_id el = body->members.items[i].target;
                if (!belongs(m, el, v->root))
                    continue;
                if (named++ >= SV_MEMBERS_SHOWN && el != chair) {
                    more++;
                    continue;
                }
                sv_sb_puts(sb, first ? "" : "<BR/>");
                first = false;
                if (el == chair) {
                    chair_listed = true;
                    sv_sb_puts(sb, "\xE2\x98\x85 ");
                }
                cell_name(v, sb, el, 34, el == chair);
            }
            if (chair != SV_NONE && !chair_listed && belongs(m, chair, v->root)) {
                sv_sb_puts(sb, first ? "\xE2\x98\x85 " : "<BR/>\xE2\x98\x85 ");
                cell_name(v, sb, chair, 34, true);
            }
            if (more)
                sv_sb_printf(sb, "<BR/>+%u", (unsigned)more);
            sv_sb_puts(sb, "</FONT></TD></TR>");
        }
    }
    if (rows > SEAT_ROWS)
        sv_sb_printf(sb, "<TR><TD COLSPAN=\"2\">+%u</TD></TR>", (unsigned)(rows - SEAT_ROWS));
    if (any)
        sv_sb_puts(sb, "</TABLE>");
    return any;
}

/* Format 1.1: line management, a row per person or role of the party and
 * what it `leads`. */
static bool leads_table(party_view *v, sv_sb *sb)
{
    sv_rctx *rc = v->rc;
    const sv_model *m = rc->model;
    bool any = false;
    for (uint32_t k = 0; k < m->person_count + m->role_count; k++) {
        bool person = k < m->person_count;
        sv_id el = person ? m->people[k].el : m->roles[k - m->person_count].el;
        const sv_refs *leads = person ? &m->people[k].leads : &m->roles[k - m->person_count].leads;
        if (leads->count == 0 || !belongs(m, el, v->root))
            continue;
        if (!any)
            table_open(v, sb, _("Line management: who leads what"), 2);
        any = true;
        sv_sb_puts(sb, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\">");
        cell_name(v, sb, el, SV_WRAP, false);
        sv_sb_puts(sb, "</TD><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
        for (uint32_t i = 0; i < leads->count; i++) {
            if (leads->items[i].target == SV_NONE)
                continue;
            sv_sb_puts(sb, i ? "<BR/>" : "");
            cell_name(v, sb, leads->items[i].target, 34, false);
        }
        sv_sb_puts(sb, "</FONT></TD></TR>");
    }
    if (any)
        sv_sb_puts(sb, "</TABLE>");
    return any;
}

/* One process: a row per step and member of the party named in its R, A,
 * C or I, with the letters (bold: accountable). */
static bool process_table(party_view *v, sv_sb *sb, const sv_process *proc)
{
    sv_rctx *rc = v->rc;
    const sv_model *m = rc->model;
    uint32_t row_count = 0;
    for (uint32_t k = 0; k < proc->step_count; k++) {
        const sv_step *step = &m->steps[proc->first_step + k];
        const sv_refs *const lists[4] = {&step->responsible, &step->accountable,
                                         &step->consulted, &step->informed};
        for (int l = 0; l < 4; l++) {
            for (uint32_t i = 0; i < lists[l]->count; i++) {
                sv_id el = lists[l]->items[i].target;
                if (!belongs(m, el, v->root) || named_before(lists, l, i, el))
                    continue;
                if (row_count == 0) {
                    sv_sb_printf(
                        sb,
                        "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                        "CELLPADDING=\"2\" BGCOLOR=\"white\" COLOR=\"#3366AA\">"
                        "<TR><TD COLSPAN=\"3\" ALIGN=\"LEFT\" BALIGN=\"LEFT\" BGCOLOR=\"%s\"><B>",
                        sv_rc_colour(rc, v->root));
                    sv_sb_name(sb, SV_ESC_HTML, _("Process:"));
                    sv_sb_puts(sb, "</B> <I>");
                    sv_sb_user(sb, SV_ESC_HTML, sv_rc_name(rc, proc->el), SV_NAME_MAX, 60, 2);
                    sv_sb_puts(sb, "</I>");
                    cell_mark(v, sb, proc->el);
                    sv_sb_puts(sb, "</TD></TR>");
                }
                if (row_count++ >= PROCESS_ROWS)
                    continue;
                char letters[16];
                step_letters(letters, lists, el);
                bool no_a = step->accountable.count == 0;
                bool marked = sv_rc_marked(rc, step->el) > 0;
                sv_sb_puts(sb, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
                if (no_a || marked)
                    sv_sb_puts(sb, "<FONT COLOR=\"" SV_FINDING_COLOUR "\">");
                sv_sb_user(sb, SV_ESC_HTML, sv_rc_name(rc, step->el), SV_NAME_MAX, 30, 2);
                if (no_a) {
                    sv_sb_puts(sb, " (");
                    sv_sb_name(sb, SV_ESC_HTML, _("no A"));
                    sv_sb_puts(sb, ")");
                }
                if (no_a || marked)
                    sv_sb_puts(sb, "</FONT>");
                cell_mark(v, sb, step->el);
                sv_sb_puts(sb, "</TD><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\">");
                cell_name(v, sb, el, 24, false);
                sv_sb_printf(sb, "</FONT></TD><TD>%s%s%s</TD></TR>",
                             strchr(letters, 'A') ? "<B>" : "", letters,
                             strchr(letters, 'A') ? "</B>" : "");
            }
        }
    }
    if (row_count > PROCESS_ROWS)
        sv_sb_printf(sb, "<TR><TD COLSPAN=\"3\">+%u</TD></TR>",
                     (unsigned)(row_count - PROCESS_ROWS));
    if (row_count)
        sv_sb_puts(sb, "</TABLE>");
    return row_count > 0;
}

/* The names of a flow's receivers, each marked, one to a line. */
static void receivers(party_view *v, sv_sb *sb, const sv_reporting *rep)
{
    for (uint32_t i = 0; i < rep->to.count; i++) {
        if (i == SV_MEMBERS_SHOWN) {
            sv_sb_printf(sb, "<BR/>+%u", (unsigned)(rep->to.count - i));
            break;
        }
        sv_sb_puts(sb, i ? "<BR/>" : "");
        cell_name(v, sb, rep->to.items[i].target, 22, belongs(v->rc->model, rep->to.items[i].target, v->root));
    }
}

/* Reporting: a row per flow the party sends or receives (its own members
 * in bold), with what and how often. */
static bool reporting_table(party_view *v, sv_sb *sb)
{
    sv_rctx *rc = v->rc;
    const sv_model *m = rc->model;
    bool any = false;
    uint32_t rows = 0;
    for (uint32_t r = 0; r < m->reporting_count; r++) {
        const sv_reporting *rep = &m->reporting[r];
        bool involved = belongs(m, rep->from.target, v->root);
        for (uint32_t i = 0; i < rep->to.count && !involved; i++)
            involved = belongs(m, rep->to.items[i].target, v->root);
        if (!involved)
            continue;
        if (!any) {
            table_open(v, sb, _("Reporting: who reports what to whom, how often"), 3);
            sv_sb_puts(sb, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\"><I>");
            sv_sb_name(sb, SV_ESC_HTML, _("from"));
            sv_sb_puts(sb, "</I></FONT></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\"><I>");
            sv_sb_name(sb, SV_ESC_HTML, _("to"));
            sv_sb_puts(sb, "</I></FONT></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\"><I>");
            sv_sb_name(sb, SV_ESC_HTML, _("what (how often)"));
            sv_sb_puts(sb, "</I></FONT></TD></TR>");
        }
        any = true;
        if (rows++ >= FLOW_ROWS)
            continue;
        sv_sb_puts(sb,
                   "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\"><FONT POINT-SIZE=\"9\">");
        cell_name(v, sb, rep->from.target, 22, belongs(m, rep->from.target, v->root));
        sv_sb_puts(sb, "</FONT></TD><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\"><FONT "
                       "POINT-SIZE=\"9\">");
        receivers(v, sb, rep);
        sv_sb_puts(sb, "</FONT></TD><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\"><FONT "
                       "POINT-SIZE=\"9\" COLOR=\"#1B5E28\">");
        sv_sb_user(sb, SV_ESC_HTML, rep->what ? rep->what : "", 120, 30, 4);
        sv_sb_puts(sb, " (");
        sv_sb_name(sb, SV_ESC_HTML, sv_cadence_label(rep->meets));
        sv_sb_puts(sb, ")</FONT>");
        cell_mark(v, sb, rep->el);
        sv_sb_puts(sb, "</TD></TR>");
    }
    if (rows > FLOW_ROWS)
        sv_sb_printf(sb, "<TR><TD COLSPAN=\"3\">+%u</TD></TR>", (unsigned)(rows - FLOW_ROWS));
    if (any)
        sv_sb_puts(sb, "</TABLE>");
    return any;
}

/* All sections, as tables: the first pass only numbers the marks (the
 * numbers go into the cells, so they must be known before the text). */
static void sections(party_view *v)
{
    sv_rctx *rc = v->rc;
    const sv_model *m = rc->model;
    sv_sb table;
    sv_sb_init(&table);
    Agnode_t *above = NULL;
    /* the party itself, with its own findings (say, a signatory that sits
       in no strategic body) */
    sv_sb_printf(&table,
                 "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLPADDING=\"4\" BGCOLOR=\"%s\" "
                 "COLOR=\"#777777\"><TR><TD><FONT POINT-SIZE=\"14\">",
                 sv_rc_colour(rc, v->root));
    cell_name(v, &table, v->root, 40, true);
    sv_sb_puts(&table, "</FONT></TD></TR></TABLE>");
    if (v->writing)
        above = section_node(v, _("The party"), &table, above);
    sv_sb_clear(&table);
    if (seats_table(v, &table) && v->writing)
        above = section_node(v, _("Seats and chairs"), &table, above);
    sv_sb_clear(&table);
    if (leads_table(v, &table) && v->writing)
        above = section_node(v, _("Line management"), &table, above);
    for (uint32_t p = 0; p < m->process_count && !rc->failed; p++) {
        sv_sb_clear(&table);
        if (process_table(v, &table, &m->processes[p]) && v->writing)
            above = section_node(v, m->elements[m->processes[p].el].id, &table, above);
    }
    sv_sb_clear(&table);
    if (reporting_table(v, &table) && v->writing)
        above = section_node(v, _("Reporting flows"), &table, above);
    if (table.failed)
        rc->failed = true;
    sv_sb_free(&table);
    sv_sb_clear(&v->tips);
}

int sv_view_party(sv_rctx *rc, uint32_t party)
{
    rc->title = _("One party: seats, chairs, responsibilities and reporting");
    party_view v = {.rc = rc, .root = rc->model->parties[party].el};
    sv_sb_init(&v.tips);
    sv_rc_set(rc->g, "rankdir", "TB");
    sv_rc_set(rc->g, "ranksep", "0.15");
    rc->legend_wrap = 56; /* no wider than the tables */
    sections(&v);
    sv_rc_number_marks(rc);
    v.writing = true;
    sections(&v);
    if (v.tips.failed)
        rc->failed = true;
    sv_sb_free(&v.tips);
    sv_rc_legend(rc, NULL);
    return rc->failed ? -1 : 0;
}
