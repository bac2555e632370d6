/*
 * The governance view: the agreement's levels as bands from the decision
 * level at the top to the delivery level at the bottom, each body a box
 * with its name, kind, cadence and members (coloured by party, the chair
 * starred and in bold), and reports_to as arrows pointing up. Long member
 * lists become a count and one colour chip per party, so that a board of
 * forty still fits on a page.
 */
#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

#define STAR "\xE2\x98\x85" /* ★ marks the chair */
#define MEMBER_WRAP 24

static void member_row(sv_rctx *rc, sv_id el, bool chair)
{
    sv_sb *sb = &rc->sb;
    /* a coloured square before the name: a glyph, so that the cell keeps
     * its left alignment whatever the width of the box */
    sb_printf(sb, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT COLOR=\"%s\">" SV_CHIP "</FONT> ",
              rc_colour(rc, el));
    sb_puts(sb, chair ? "<B>" : "");
    sb_user(sb, SV_ESC_HTML, rc_name(rc, el), SV_NAME_MAX, MEMBER_WRAP, 3);
    sb_puts(sb, chair ? " " STAR "</B>" : "");
    sb_puts(sb, "</TD></TR>");
}

/* The body's box as an HTML-like table. */
static void body_label(sv_rctx *rc, const sv_body *b)
{
    const sv_model *m = rc->model;
    sv_sb *sb = &rc->sb;
    bool marked = rc_marked(rc, b->el) > 0;
    sb_clear(sb);
    sb_printf(sb,
              "<TABLE BORDER=\"%s\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\" "
              "BGCOLOR=\"white\" COLOR=\"%s\" STYLE=\"rounded\">",
              marked ? "3" : "1", marked ? SV_FINDING_COLOUR : "#444444");
    sb_puts(sb, "<TR><TD COLSPAN=\"1\"><B>");
    sb_user(sb, SV_ESC_HTML, rc_name(rc, b->el), SV_NAME_MAX, MEMBER_WRAP, SV_NAME_LINES);
    sb_puts(sb, "</B></TD></TR><TR><TD COLSPAN=\"1\"><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">");
    sb_name(sb, SV_ESC_HTML, rc_body_kind_label(b->kind));
    if (b->meets != SV_CADENCE_NONE) {
        sb_puts(sb, " \xC2\xB7 ");
        sb_name(sb, SV_ESC_HTML, rc_cadence_label(b->meets));
    }
    if (b->votes != SV_VOTES_NONE) { /* format 1.1 */
        sb_puts(sb, " \xC2\xB7 ");
        sb_name(sb, SV_ESC_HTML,
                b->votes == SV_VOTES_PER_PARTY ? _("one vote per party") : _("one vote per member"));
    }
    if (b->for_each != SV_FOR_EACH_NONE) /* format 1.1: one entry, this many bodies */
        sb_printf(sb, " \xC2\xB7 \xC3\x97 %u", (unsigned)sv_body_instances(m, b - m->bodies));
    if (b->period_to.year) {
        char until[64];
        snprintf(until, sizeof until, _("until %04d-%02d-%02d"), b->period_to.year,
                 b->period_to.month, b->period_to.day);
        sb_puts(sb, " \xC2\xB7 ");
        sb_name(sb, SV_ESC_HTML, until);
    }
    sb_puts(sb, "</FONT></TD></TR>");
    if (b->led_by.target != SV_NONE) { /* format 1.1: the head of an office */
        sb_puts(sb, "<TR><TD COLSPAN=\"1\"><FONT POINT-SIZE=\"8\">");
        sb_name(sb, SV_ESC_HTML, _("led by"));
        sb_puts(sb, " ");
        sb_user(sb, SV_ESC_HTML, rc_name(rc, b->led_by.target), SV_NAME_MAX, MEMBER_WRAP, 2);
        sb_puts(sb, "</FONT></TD></TR>");
    }
    sv_id chair = b->chair.target;
    bool chair_listed = false;
    if (b->members.count <= SV_MEMBERS_SHOWN) {
        for (uint32_t i = 0; i < b->members.count; i++) {
            sv_id el = b->members.items[i].target;
            bool is_chair = el == chair && chair != SV_NONE;
            chair_listed = chair_listed || is_chair;
            member_row(rc, el, is_chair);
        }
    } else {
        /* a count and one chip per party, in model order of the parties */
        uint32_t parties = 0;
        sb_puts(sb, "<TR><TD COLSPAN=\"1\"><TABLE BORDER=\"0\" CELLSPACING=\"1\" "
                    "CELLPADDING=\"0\"><TR>");
        for (uint32_t p = 0; p < m->party_count; p++) {
            if (m->parties[p].part_of.target != SV_NONE)
                continue;
            bool present = false;
            for (uint32_t i = 0; i < b->members.count && !present; i++)
                present = sv_model_top_party(m, b->members.items[i].target) == m->parties[p].el;
            if (!present)
                continue;
            if (parties < 16)
                sb_printf(sb, "<TD BGCOLOR=\"%s\" WIDTH=\"9\" HEIGHT=\"9\"></TD>",
                          rc_colour(rc, m->parties[p].el));
            parties++;
        }
        if (parties == 0)
            sb_puts(sb, "<TD></TD>");
        sb_puts(sb, "</TR></TABLE></TD></TR><TR><TD COLSPAN=\"1\"><FONT POINT-SIZE=\"9\">");
        char count[160];
        snprintf(count, sizeof count, P_("%u members", "%u members", b->members.count),
                 (unsigned)b->members.count);
        sb_name(sb, SV_ESC_HTML, count);
        if (parties > 0) {
            snprintf(count, sizeof count, P_(" from %u party", " from %u parties", parties),
                     (unsigned)parties);
            sb_name(sb, SV_ESC_HTML, count);
        }
        sb_puts(sb, "</FONT></TD></TR>");
    }
    if (chair != SV_NONE && !chair_listed)
        member_row(rc, chair, true);
    rc_mark_row(rc, b->el, 1);
    sb_puts(sb, "</TABLE>");
}

static void body_node(sv_rctx *rc, Agnode_t *n, const sv_body *body)
{
    rc_set(n, "shape", "none");
    rc_set(n, "margin", "0");
    body_label(rc, body);
    rc_set_html(rc, n, "label");
    if (rc_marked(rc, body->el))
        rc_set(n, "tooltip", rc->mark_tip[body->el]);
    rc_mark_number(rc, n, body->el);
}

/* Format 1.1: each project or insats as a note-shaped box (name, kind,
 * period) joined by a dashed line to its steering group, drawn beside the
 * level bands; a model without projects draws exactly what it drew before. */
static void project_nodes(sv_rctx *rc, Agnode_t *const *body_nodes)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->project_count && !rc->failed; i++) {
        const sv_project *p = &m->projects[i];
        Agnode_t *n = rc_node(rc, rc->g, m->elements[p->el].id);
        if (!n)
            break;
        sv_sb *sb = &rc->sb;
        bool marked = rc_marked(rc, p->el) > 0;
        sb_clear(sb);
        sb_printf(sb,
                  "<TABLE BORDER=\"%s\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\" "
                  "BGCOLOR=\"#FFFBE6\" COLOR=\"%s\">",
                  marked ? "3" : "1", marked ? SV_FINDING_COLOUR : "#8A7A3A");
        sb_puts(sb, "<TR><TD><B>");
        sb_user(sb, SV_ESC_HTML, rc_name(rc, p->el), SV_NAME_MAX, MEMBER_WRAP, SV_NAME_LINES);
        sb_puts(sb, "</B></TD></TR><TR><TD><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">");
        sb_name(sb, SV_ESC_HTML, p->kind == SV_PROJECT_INSATS ? _("insats") : _("project"));
        if (p->period_from.year || p->period_to.year) {
            char period[64];
            snprintf(period, sizeof period, " \xC2\xB7 %04d\xE2\x80\x93%04d",
                     p->period_from.year ? p->period_from.year : p->period_to.year,
                     p->period_to.year ? p->period_to.year : p->period_from.year);
            sb_puts(sb, period);
        }
        sb_puts(sb, "</FONT></TD></TR>");
        rc_mark_row(rc, p->el, 1);
        sb_puts(sb, "</TABLE>");
        rc_set(n, "shape", "none");
        rc_set(n, "margin", "0");
        rc_set_html(rc, n, "label");
        if (marked)
            rc_set(n, "tooltip", rc->mark_tip[p->el]);
        sv_id sg = p->steering_group.target;
        if (sg == SV_NONE || !body_nodes[m->elements[sg].index])
            continue;
        Agedge_t *e = rc_edge(rc, body_nodes[m->elements[sg].index], n);
        rc_set(e, "style", "dashed");
        rc_set(e, "dir", "none");
        rc_set(e, "color", "#8A7A3A");
    }
}

/* Bodies side by side in one row of a level, at most. */
#define ROW_MAX 4
/* Levels with more bodies stay on one row. */
#define FOLD_MAX 24

int sv_view_governance(sv_rctx *rc)
{
    const sv_model *m = rc->model;
    rc->title = _("Governance: levels, bodies and reporting lines");
    rc_set(rc->g, "rankdir", "TB");
    rc_set(rc->g, "newrank", "true");
    rc_set(rc->g, "ranksep", "0.45");
    rc_set(rc->g, "nodesep", "0.4");
    rc_set(rc->g, "compound", "false");

    Agnode_t **nodes = calloc(m->body_count + 1, sizeof *nodes);
    Agnode_t **row_of = calloc(m->body_count + 1, sizeof *row_of);
    bool *has_children = calloc(m->body_count + 1, sizeof *has_children);
    if (!nodes || !row_of || !has_children) {
        free(nodes);
        free(row_of);
        free(has_children);
        return -1;
    }
    for (uint32_t b = 0; b < m->body_count; b++) {
        sv_id up = m->bodies[b].reports_to.target;
        if (up != SV_NONE && m->elements[up].kind == SV_KIND_BODY)
            has_children[m->elements[up].index] = true;
    }
    /* one band per level that has bodies, with an invisible anchor: a chain
     * of anchors keeps the bands in order even where no reports_to joins them */
    Agnode_t *previous_anchor = NULL;
    unsigned previous_rows = 1;
    for (int level = 0; level < SV_LEVEL_COUNT; level++) {
        bool any = false;
        for (uint32_t b = 0; b < m->body_count && !any; b++)
            any = m->bodies[b].level == (sv_level)level;
        if (!any)
            continue;
        char name[48];
        snprintf(name, sizeof name, "cluster_level_%d", level);
        Agraph_t *band = rc_cluster(rc, name);
        if (!band)
            break;
        sb_clear(&rc->sb);
        sb_puts(&rc->sb, "<B>");
        sb_name(&rc->sb, SV_ESC_HTML, rc_level_label((sv_level)level));
        sb_puts(&rc->sb, "</B>");
        rc_set_html(rc, band, "label");
        rc_set(band, "labeljust", "l");
        rc_set(band, "fontsize", "12");
        rc_set(band, "style", "filled");
        rc_set(band, "color", "#BBBBBB");
        rc_set(band, "fillcolor", level % 2 ? "#FFFFFF" : "#F2F2F2");
        rc_set(band, "margin", "10");
        snprintf(name, sizeof name, "@level%d", level);
        Agnode_t *anchor = rc_node(rc, band, name);
        rc_set(anchor, "style", "invis");
        rc_set(anchor, "shape", "point");
        rc_set(anchor, "width", "0.01");
        if (previous_anchor) {
            Agedge_t *e = rc_edge(rc, previous_anchor, anchor);
            rc_set(e, "style", "invis");
            rc_set(e, "weight", "0");
            snprintf(name, sizeof name, "%u", previous_rows);
            rc_set(e, "minlen", name);
        }
        previous_anchor = anchor;
        /* the anchor shares the rank of the level's first row */
        snprintf(name, sizeof name, "@row_level%d", level);
        Agraph_t *first_row = agsubg(band, name, 1);
        rc_set(first_row, "rank", "same");
        if (first_row && anchor)
            agsubnode(first_row, anchor, 1);
        /* A wide level is folded into rows of at most ROW_MAX bodies,
         * joined by invisible edges, so that the picture keeps a page's
         * proportions. Bodies that others report to go in the last row,
         * nearest the level below. A very large level is not folded: the
         * reports_to edges would cross dozens of rows, and dot's crossing
         * minimisation grows with their length (2,000 bodies: 50 s folded,
         * a few seconds not). */
        uint32_t count = 0;
        for (uint32_t b = 0; b < m->body_count; b++)
            count += m->bodies[b].level == (sv_level)level;
        uint32_t per_row = count;
        if (count > ROW_MAX && count <= FOLD_MAX) {
            uint32_t rows = (count + ROW_MAX - 1) / ROW_MAX;
            per_row = (count + rows - 1) / rows;
        }
        uint32_t placed = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (uint32_t b = 0; b < m->body_count && !rc->failed; b++) {
                const sv_body *body = &m->bodies[b];
                if (body->level != (sv_level)level || has_children[b] != (pass == 1))
                    continue;
                Agnode_t *n = rc_node(rc, band, m->elements[body->el].id);
                if (!n)
                    break;
                nodes[b] = n;
                row_of[placed] = n;
                if (placed < per_row && first_row)
                    agsubnode(first_row, n, 1);
                if (placed >= per_row) {
                    Agedge_t *e = rc_edge(rc, row_of[placed - per_row], n);
                    rc_set(e, "style", "invis");
                }
                placed++;
                body_node(rc, n, body);
            }
        }
        previous_rows = per_row ? (placed + per_row - 1) / per_row : 1;
    }
    /* reports_to: drawn from the higher body down (so that dot ranks it
     * above) with the arrowhead at the higher end */
    for (uint32_t b = 0; b < m->body_count && !rc->failed; b++) {
        sv_id up = m->bodies[b].reports_to.target;
        if (up == SV_NONE || m->elements[up].kind != SV_KIND_BODY || !nodes[b])
            continue;
        Agedge_t *e = rc_edge(rc, nodes[m->elements[up].index], nodes[b]);
        rc_set(e, "dir", "back");
        rc_set(e, "color", "#555555");
        rc_set(e, "arrowsize", "0.7");
    }
    project_nodes(rc, nodes);
    free(nodes);
    free(row_of);
    free(has_children);

    sv_sb extra;
    sb_init(&extra);
    sb_puts(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">" STAR " ");
    sb_name(&extra, SV_ESC_HTML, _("chair (in bold)"));
    sb_puts(&extra, "</TD></TR><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">\xE2\x86\x91 ");
    sb_name(&extra, SV_ESC_HTML, _("reports to the body the arrow points at"));
    sb_puts(&extra, "</TD></TR>");
    if (m->project_count) {
        sb_puts(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">- - ");
        sb_name(&extra, SV_ESC_HTML, _("a project and the body that steers it"));
        sb_puts(&extra, "</TD></TR>");
    }
    rc_legend(rc, sb_text(&extra));
    bool failed = extra.failed;
    sb_free(&extra);
    return failed || rc->failed ? -1 : 0;
}
