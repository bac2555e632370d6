/*
 * The governance view: the agreement's levels as bands from the decision
 * level at the top to the delivery level at the bottom, each body a box
 * with its name, kind, cadence and members (coloured by party, the chair
 * starred and in bold), and reports_to as arrows pointing up. Long member
 * lists become a count and one colour chip per party, so that a board of
 * forty still fits on a page.
 *
 * A national model has thousands of bodies, which no page can show: above
 * FOLD_BODIES the view folds. The first depth of the reports_to forest that
 * has more than one body (the förbund's boards, or under a single board the
 * groups that report to it) becomes one box per body, with the number of
 * bodies and parties in its group and the findings among them; the bodies
 * above stay as they are, those below are left out. --focus ID draws the
 * group of body ID in full among the other folded boxes.
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
    sv_sb_printf(sb,
                 "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT COLOR=\"%s\">" SV_CHIP "</FONT> ",
                 sv_rc_colour(rc, el));
    sv_sb_puts(sb, chair ? "<B>" : "");
    sv_sb_user(sb, SV_ESC_HTML, sv_rc_name(rc, el), SV_NAME_MAX, MEMBER_WRAP, 3);
    sv_sb_puts(sb, chair ? " " STAR "</B>" : "");
    sv_sb_puts(sb, "</TD></TR>");
}

/* The opening of a box drawn as an HTML-like table: its frame (thick and
 * in the finding colour when marked), the element's name in bold
 * and the start of the grey line of small print that the caller fills.
 * cell is the attributes of both cells; a body's box has round corners. The colour strings are constants of
 * this file, never model text: only the name is escaped. */
static void box_open(sv_rctx *rc, sv_id el, bool marked, const char *fill, const char *border,
                     bool rounded, const char *cell)
{
    sv_sb *sb = &rc->sb;
    sv_sb_printf(sb,
                 "<TABLE BORDER=\"%s\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\" "
                 "BGCOLOR=\"%s\" COLOR=\"%s\"%s>",
                 marked ? "3" : "1", fill, marked ? SV_FINDING_COLOUR : border,
                 rounded ? " STYLE=\"rounded\"" : "");
    sv_sb_printf(sb, "<TR><TD%s><B>", cell);
    sv_sb_user(sb, SV_ESC_HTML, sv_rc_name(rc, el), SV_NAME_MAX, MEMBER_WRAP, SV_NAME_LINES);
    sv_sb_printf(sb, "</B></TD></TR><TR><TD%s><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">", cell);
}

/* The body's box as an HTML-like table. */
static void body_label(sv_rctx *rc, const sv_body *b)
{
    const sv_model *m = rc->model;
    sv_sb *sb = &rc->sb;
    sv_sb_clear(sb);
    box_open(rc, b->el, sv_rc_marked(rc, b->el) > 0, "white", "#444444", true, " COLSPAN=\"1\"");
    sv_sb_name(sb, SV_ESC_HTML, sv_body_kind_label(b->kind));
    if (b->meets != SV_CADENCE_NONE) {
        sv_sb_puts(sb, " \xC2\xB7 ");
        sv_sb_name(sb, SV_ESC_HTML, sv_cadence_label(b->meets));
    }
    if (b->votes != SV_VOTES_NONE) { /* format 1.1 */
        sv_sb_puts(sb, " \xC2\xB7 ");
        sv_sb_name(sb, SV_ESC_HTML,
                   b->votes == SV_VOTES_PER_PARTY ? _("one vote per party")
                                                  : _("one vote per member"));
    }
    if (b->for_each != SV_FOR_EACH_NONE) /* format 1.1: one entry, this many bodies */
        sv_sb_printf(sb, " \xC2\xB7 \xC3\x97 %u", (unsigned)sv_body_instances(m, b - m->bodies));
    if (b->period_to.year) {
        char until[64];
        snprintf(until, sizeof until, _("until %04d-%02d-%02d"), b->period_to.year,
                 b->period_to.month, b->period_to.day);
        sv_sb_puts(sb, " \xC2\xB7 ");
        sv_sb_name(sb, SV_ESC_HTML, until);
    }
    sv_sb_puts(sb, "</FONT></TD></TR>");
    if (b->led_by.target != SV_NONE) { /* format 1.1: the head of an office */
        sv_sb_puts(sb, "<TR><TD COLSPAN=\"1\"><FONT POINT-SIZE=\"8\">");
        sv_sb_name(sb, SV_ESC_HTML, _("led by"));
        sv_sb_puts(sb, " ");
        sv_sb_user(sb, SV_ESC_HTML, sv_rc_name(rc, b->led_by.target), SV_NAME_MAX, MEMBER_WRAP, 2);
        sv_sb_puts(sb, "</FONT></TD></TR>");
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
        sv_sb_puts(sb, "<TR><TD COLSPAN=\"1\"><TABLE BORDER=\"0\" CELLSPACING=\"1\" "
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
                sv_sb_printf(sb, "<TD BGCOLOR=\"%s\" WIDTH=\"9\" HEIGHT=\"9\"></TD>",
                             sv_rc_colour(rc, m->parties[p].el));
            parties++;
        }
        if (parties == 0)
            sv_sb_puts(sb, "<TD></TD>");
        sv_sb_puts(sb, "</TR></TABLE></TD></TR><TR><TD COLSPAN=\"1\"><FONT POINT-SIZE=\"9\">");
        char count[160];
        snprintf(count, sizeof count, P_("%u members", "%u members", b->members.count),
                 (unsigned)b->members.count);
        sv_sb_name(sb, SV_ESC_HTML, count);
        if (parties > 0) {
            snprintf(count, sizeof count, P_(" from %u party", " from %u parties", parties),
                     (unsigned)parties);
            sv_sb_name(sb, SV_ESC_HTML, count);
        }
        sv_sb_puts(sb, "</FONT></TD></TR>");
    }
    if (chair != SV_NONE && !chair_listed)
        member_row(rc, chair, true);
    sv_rc_mark_row(rc, b->el, 1);
    sv_sb_puts(sb, "</TABLE>");
}

static void body_node(sv_rctx *rc, Agnode_t *n, const sv_body *body)
{
    sv_rc_set(n, "shape", "none");
    sv_rc_set(n, "margin", "0");
    body_label(rc, body);
    sv_rc_set_html(rc, n, "label");
    if (sv_rc_marked(rc, body->el))
        sv_rc_set(n, "tooltip", rc->mark_tip[body->el]);
    sv_rc_mark_number(rc, n, body->el);
}

/* Format 1.1: each project or insats as a note-shaped box (name, kind,
 * period) joined by a dashed line to its steering group, drawn beside the
 * level bands; a model without projects draws exactly what it drew before. */
static void project_nodes(sv_rctx *rc, Agnode_t *const *body_nodes, bool folded)
{
    const sv_model *m = rc->model;
    for (uint32_t i = 0; i < m->project_count && !rc->failed; i++) {
        const sv_project *p = &m->projects[i];
        /* folded: only the projects of the bodies drawn */
        sv_id steers = p->steering_group.target;
        if (folded && (steers == SV_NONE || !body_nodes[m->elements[steers].index]))
            continue;
        Agnode_t *n = sv_rc_node(rc, rc->g, m->elements[p->el].id);
        if (!n)
            break;
        sv_sb *sb = &rc->sb;
        bool marked = sv_rc_marked(rc, p->el) > 0;
        sv_sb_clear(sb);
        box_open(rc, p->el, marked, "#FFFBE6", "#8A7A3A", false, "");
        sv_sb_name(sb, SV_ESC_HTML, p->kind == SV_PROJECT_INSATS ? _("insats") : _("project"));
        if (p->period_from.year || p->period_to.year) {
            char period[64];
            snprintf(period, sizeof period, " \xC2\xB7 %04d\xE2\x80\x93%04d",
                     p->period_from.year ? p->period_from.year : p->period_to.year,
                     p->period_to.year ? p->period_to.year : p->period_from.year);
            sv_sb_puts(sb, period);
        }
        sv_sb_puts(sb, "</FONT></TD></TR>");
        sv_rc_mark_row(rc, p->el, 1);
        sv_sb_puts(sb, "</TABLE>");
        sv_rc_set(n, "shape", "none");
        sv_rc_set(n, "margin", "0");
        sv_rc_set_html(rc, n, "label");
        if (marked)
            sv_rc_set(n, "tooltip", rc->mark_tip[p->el]);
        sv_id sg = p->steering_group.target;
        if (sg == SV_NONE || !body_nodes[m->elements[sg].index])
            continue;
        Agedge_t *e = sv_rc_edge(rc, body_nodes[m->elements[sg].index], n);
        sv_rc_set(e, "style", "dashed");
        sv_rc_set(e, "dir", "none");
        sv_rc_set(e, "color", "#8A7A3A");
    }
}

/* ---- folding ---- */

#define FOLD_BODIES 150 /* more bodies than this: folded */
#define FOLDED_ROW 10   /* folded boxes side by side: 10 of them fit A0's width at 8 pt */

typedef enum body_show { SHOW_FULL, SHOW_FOLDED, SHOW_HIDDEN } body_show;

typedef struct fold_plan {
    unsigned char *show; /* per body: a body_show */
    uint32_t *unit;      /* per body: the body index of the folded box it is in */
    uint32_t *bodies;    /* per folded box: the bodies in its group, itself included */
    uint32_t *parties;   /* per folded box: the top-level parties among their members */
    uint32_t *findings;  /* per folded box: the findings this view marks in the group */
    uint32_t *parent;    /* per body: the body it reports to (a circle cut), or UINT32_MAX */
    uint32_t *by_parent; /* the folded boxes, grouped by the body they report to */
    uint32_t folded;     /* folded boxes */
    uint32_t hidden;     /* bodies left out */
} fold_plan;

static void fold_free(fold_plan *f)
{
    free(f->show);
    free(f->unit);
    free(f->bodies);
    free(f->parties);
    free(f->findings);
    free(f->parent);
    free(f->by_parent);
}

/* The body a body reports to, by index, or UINT32_MAX. */
static uint32_t parent_of(const sv_model *m, uint32_t b)
{
    sv_id up = m->bodies[b].reports_to.target;
    return up != SV_NONE && m->elements[up].kind == SV_KIND_BODY ? m->elements[up].index
                                                                 : UINT32_MAX;
}

/* Decides which bodies are drawn, folded or left out; linear in the bodies
 * and their members. 0, or -1 (out of memory, or --focus naming no body:
 * diagnostic added). */
static int plan_folding(sv_rctx *rc, fold_plan *f)
{
    const sv_model *m = rc->model;
    uint32_t n = m->body_count;
    *f = (fold_plan){0};
    f->show = calloc(n + 1, 1);
    f->unit = malloc((n + 1) * sizeof *f->unit);
    if (!f->show || !f->unit)
        return -1;
    for (uint32_t b = 0; b < n; b++)
        f->unit[b] = b;
    const char *focus = rc->options->focus;
    sv_id focus_el = focus ? sv_model_find(m, focus) : SV_NONE;
    if (focus && (focus_el == SV_NONE || m->elements[focus_el].kind != SV_KIND_BODY)) {
        sv_diags_add(rc->diags, "render", sv_rc_file_pos(rc),
                     _("--focus '%s' names no body of the model"), focus);
        rc->failed = true;
        return -1;
    }
    if (n <= FOLD_BODIES)
        return 0;
    /* depth in the reports_to forest; a circle is cut where the walk
     * comes back to itself, that body counting as a top */
    uint32_t *depth = malloc((n + 1) * sizeof *depth);
    uint32_t *parent = malloc((n + 1) * sizeof *parent);
    uint32_t *path = malloc((n + 1) * sizeof *path);
    uint32_t *at_depth = calloc(n + 2, sizeof *at_depth);
    uint32_t *order = malloc((n + 1) * sizeof *order);
    unsigned char *state = calloc(n + 1, 1); /* 0 new, 1 on the walk, 2 done */
    int result = -1;
    if (!depth || !parent || !path || !at_depth || !order || !state)
        goto done;
    for (uint32_t b = 0; b < n; b++)
        parent[b] = parent_of(m, b);
    for (uint32_t b = 0; b < n; b++) {
        uint32_t len = 0, x = b;
        while (x != UINT32_MAX && state[x] == 0) {
            state[x] = 1;
            path[len++] = x;
            x = parent[x];
        }
        uint32_t d = 0;
        if (x != UINT32_MAX && state[x] == 2) {
            d = depth[x] + 1;
        } else if (x != UINT32_MAX) {
            parent[path[len - 1]] = UINT32_MAX; /* the circle, cut */
        }
        for (uint32_t i = len; i-- > 0;) {
            depth[path[i]] = d++;
            state[path[i]] = 2;
        }
    }
    for (uint32_t b = 0; b < n; b++)
        at_depth[depth[b]]++;
    uint32_t fold_depth = UINT32_MAX;
    for (uint32_t d = 0; d < n && fold_depth == UINT32_MAX; d++)
        if (at_depth[d] >= 2)
            fold_depth = d;
    if (fold_depth == UINT32_MAX) { /* a chain: nothing to fold */
        result = 0;
        goto done;
    }
    /* the bodies by depth (a counting sort), so that a body's group is
     * known from its parent's */
    uint32_t sum = 0;
    for (uint32_t d = 0; d <= n; d++) {
        uint32_t c = at_depth[d];
        at_depth[d] = sum;
        sum += c;
    }
    for (uint32_t b = 0; b < n; b++)
        order[at_depth[depth[b]]++] = b;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t b = order[i];
        if (depth[b] < fold_depth) {
            f->show[b] = SHOW_FULL;
        } else if (depth[b] == fold_depth) {
            f->show[b] = SHOW_FOLDED;
            f->folded++;
        } else {
            f->show[b] = SHOW_HIDDEN;
            f->unit[b] = f->unit[parent[b]];
        }
    }
    uint32_t focused = UINT32_MAX;
    if (focus_el != SV_NONE && depth[m->elements[focus_el].index] >= fold_depth)
        focused = f->unit[m->elements[focus_el].index];
    f->bodies = calloc(n + 1, sizeof *f->bodies);
    f->parties = calloc(n + 1, sizeof *f->parties);
    f->findings = calloc(n + 1, sizeof *f->findings);
    uint32_t *seen = calloc(m->party_count + 1, sizeof *seen);
    if (!f->bodies || !f->parties || !f->findings || !seen) {
        free(seen);
        goto done;
    }
    /* the groups' bodies together (a counting sort by group), then their
     * members' parties counted once per group by stamping */
    for (uint32_t b = 0; b < n; b++)
        f->bodies[f->unit[b]]++;
    sum = 0;
    for (uint32_t b = 0; b < n; b++) {
        at_depth[b] = sum; /* reused: where group b starts in `order` */
        sum += f->bodies[b];
    }
    for (uint32_t b = 0; b < n; b++)
        order[at_depth[f->unit[b]]++] = b;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t b = order[i], u = f->unit[b];
        if (f->show[u] != SHOW_FOLDED)
            continue;
        f->findings[u] += sv_rc_marked(rc, m->bodies[b].el);
        const sv_refs *members = &m->bodies[b].members;
        for (uint32_t k = 0; k < members->count; k++) {
            sv_id top = sv_model_top_party(m, members->items[k].target);
            if (top == SV_NONE)
                continue;
            uint32_t p = m->elements[top].index;
            if (seen[p] != u + 1) {
                seen[p] = u + 1;
                f->parties[u]++;
            }
        }
    }
    free(seen);
    /* the group in focus, in full */
    if (focused != UINT32_MAX) {
        for (uint32_t b = 0; b < n; b++)
            if (f->unit[b] == focused)
                f->show[b] = SHOW_FULL;
        f->folded--;
    }
    for (uint32_t b = 0; b < n; b++)
        f->hidden += f->show[b] == SHOW_HIDDEN;
    /* the folded boxes by the body they report to (a counting sort; the
       tops last), each set as one table under that body */
    f->by_parent = malloc((f->folded + 1) * sizeof *f->by_parent);
    if (!f->by_parent)
        goto done;
    memset(at_depth, 0, (n + 2) * sizeof *at_depth);
    for (uint32_t b = 0; b < n; b++)
        if (f->show[b] == SHOW_FOLDED)
            at_depth[parent[b] == UINT32_MAX ? n : parent[b]]++;
    sum = 0;
    for (uint32_t p = 0; p <= n; p++) {
        uint32_t c = at_depth[p];
        at_depth[p] = sum;
        sum += c;
    }
    for (uint32_t b = 0; b < n; b++)
        if (f->show[b] == SHOW_FOLDED)
            f->by_parent[at_depth[parent[b] == UINT32_MAX ? n : parent[b]]++] = b;
    f->parent = parent;
    parent = NULL;
    result = 0;
done:
    free(depth);
    free(parent);
    free(path);
    free(at_depth);
    free(order);
    free(state);
    return result;
}

/* Folded boxes set as cells of one table each: a table is one node to
 * Graphviz, so that a hundred groups under one board take a grid of
 * FOLDED_ROW columns rather than a row of a hundred boxes (edges from the
 * board to boxes on separate rows would each pass between the boxes of
 * the rows above, and the picture would be as wide as before). */
#define FOLDED_CELLS 300 /* cells of one table at most; the rest are counted */

/* One folded group's cell: its top body's name, kind and id (for
 * --focus), the bodies and parties in it, and the findings among them. */
static void folded_cell(sv_rctx *rc, const sv_body *b, const fold_plan *f, uint32_t u)
{
    sv_sb *sb = &rc->sb;
    bool marked = f->findings[u] > 0;
    sv_sb_puts(sb, "<TD VALIGN=\"TOP\">");
    box_open(rc, b->el, marked, "#EAF0F8", "#444444", true, "");
    sv_sb_name(sb, SV_ESC_HTML, sv_body_kind_label(b->kind));
    sv_sb_puts(sb, " \xC2\xB7 ");
    sv_sb_name(sb, SV_ESC_HTML, rc->model->elements[b->el].id);
    sv_sb_puts(sb, "</FONT></TD></TR><TR><TD><FONT POINT-SIZE=\"9\">");
    char text[160];
    snprintf(text, sizeof text, P_("%u body", "%u bodies", f->bodies[u]), (unsigned)f->bodies[u]);
    sv_sb_name(sb, SV_ESC_HTML, text);
    sv_sb_puts(sb, " \xC2\xB7 ");
    snprintf(text, sizeof text, P_("%u party", "%u parties", f->parties[u]),
             (unsigned)f->parties[u]);
    sv_sb_name(sb, SV_ESC_HTML, text);
    sv_sb_puts(sb, "</FONT></TD></TR>");
    if (marked) {
        snprintf(text, sizeof text,
                 P_("%u finding in the group", "%u findings in the group", f->findings[u]),
                 (unsigned)f->findings[u]);
        sv_sb_printf(sb, "<TR><TD><FONT POINT-SIZE=\"9\" COLOR=\"%s\">", SV_FINDING_COLOUR);
        sv_sb_name(sb, SV_ESC_HTML, text);
        sv_sb_puts(sb, "</FONT></TD></TR>");
    }
    sv_sb_puts(sb, "</TABLE></TD>");
}

/* The tables of folded groups of `level`: one per body they report to (and
 * one for those that report to none), placed on the level's first row and
 * joined to that body. */
static void folded_tables(sv_rctx *rc, Agraph_t *band, Agraph_t *first_row, int level,
                          const fold_plan *f, Agnode_t *const *nodes)
{
    const sv_model *m = rc->model;
    uint32_t n = m->body_count;
    for (uint32_t i = 0; i < f->folded && !rc->failed;) {
        uint32_t parent = f->parent[f->by_parent[i]], end = i;
        while (end < f->folded && f->parent[f->by_parent[end]] == parent)
            end++;
        uint32_t cells = 0, more = 0;
        sv_sb *sb = &rc->sb;
        sv_sb_clear(sb);
        sv_sb_puts(sb, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"6\" CELLPADDING=\"0\">");
        for (uint32_t k = i; k < end; k++) {
            uint32_t b = f->by_parent[k];
            if (m->bodies[b].level != (sv_level)level)
                continue;
            if (cells == FOLDED_CELLS) {
                more++;
                continue;
            }
            if (cells % FOLDED_ROW == 0)
                sv_sb_puts(sb, cells ? "</TR><TR>" : "<TR>");
            folded_cell(rc, &m->bodies[b], f, b);
            cells++;
        }
        if (cells) {
            sv_sb_puts(sb, "</TR>");
            if (more) {
                char text[200];
                snprintf(text, sizeof text,
                         P_("and %u more folded group", "and %u more folded groups", more),
                         (unsigned)more);
                sv_sb_printf(sb, "<TR><TD COLSPAN=\"%u\">", (unsigned)FOLDED_ROW);
                sv_sb_name(sb, SV_ESC_HTML, text);
                sv_sb_puts(sb, "</TD></TR>");
            }
            sv_sb_puts(sb, "</TABLE>");
            char name[96];
            snprintf(name, sizeof name, "@folded_%d_%u", level, (unsigned)(parent == UINT32_MAX ? n : parent));
            Agnode_t *node = sv_rc_node(rc, band, name);
            if (!node)
                return;
            sv_rc_set(node, "shape", "none");
            sv_rc_set(node, "margin", "0");
            sv_rc_set_html(rc, node, "label");
            if (first_row)
                agsubnode(first_row, node, 1);
            if (parent != UINT32_MAX && nodes[parent]) {
                Agedge_t *e = sv_rc_edge(rc, nodes[parent], node);
                sv_rc_set(e, "dir", "back");
                sv_rc_set(e, "color", "#555555");
                sv_rc_set(e, "arrowsize", "0.7");
            }
        }
        i = end;
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
    sv_rc_set(rc->g, "rankdir", "TB");
    sv_rc_set(rc->g, "newrank", "true");
    sv_rc_set(rc->g, "ranksep", "0.45");
    sv_rc_set(rc->g, "nodesep", "0.4");
    sv_rc_set(rc->g, "compound", "false");

    fold_plan fold;
    if (plan_folding(rc, &fold) != 0) {
        fold_free(&fold);
        if (!rc->failed)
            sv_diags_add(rc->diags, "render", sv_rc_file_pos(rc), "%s", _("out of memory"));
        rc->failed = true;
        return -1;
    }
    Agnode_t **nodes = calloc(m->body_count + 1, sizeof *nodes);
    Agnode_t **row_of = calloc(m->body_count + 1, sizeof *row_of);
    bool *has_children = calloc(m->body_count + 1, sizeof *has_children);
    if (!nodes || !row_of || !has_children) {
        free(nodes);
        free(row_of);
        free(has_children);
        fold_free(&fold);
        return -1;
    }
    for (uint32_t b = 0; b < m->body_count; b++) {
        sv_id up = m->bodies[b].reports_to.target;
        if (up != SV_NONE && m->elements[up].kind == SV_KIND_BODY)
            has_children[m->elements[up].index] = true;
    }
    /* one band per level that has bodies, with an invisible anchor: a chain
     * of anchors keeps the bands in order even where no reports_to joins them */
    bool levels_folded[SV_LEVEL_COUNT] = {false};
    Agraph_t *bands[SV_LEVEL_COUNT] = {NULL}, *first_rows[SV_LEVEL_COUNT] = {NULL};
    Agnode_t *previous_anchor = NULL;
    unsigned previous_rows = 1;
    for (int level = 0; level < SV_LEVEL_COUNT; level++) {
        bool any = false;
        for (uint32_t b = 0; b < m->body_count && !any; b++)
            any = m->bodies[b].level == (sv_level)level && fold.show[b] != SHOW_HIDDEN;
        if (!any)
            continue;
        char name[48];
        snprintf(name, sizeof name, "cluster_level_%d", level);
        Agraph_t *band = sv_rc_cluster(rc, name);
        if (!band)
            break;
        sv_sb_clear(&rc->sb);
        sv_sb_puts(&rc->sb, "<B>");
        sv_sb_name(&rc->sb, SV_ESC_HTML, sv_level_label((sv_level)level));
        sv_sb_puts(&rc->sb, "</B>");
        sv_rc_set_html(rc, band, "label");
        sv_rc_set(band, "labeljust", "l");
        sv_rc_set(band, "fontsize", "12");
        sv_rc_set(band, "style", "filled");
        sv_rc_set(band, "color", "#BBBBBB");
        sv_rc_set(band, "fillcolor", level % 2 ? "#FFFFFF" : "#F2F2F2");
        sv_rc_set(band, "margin", "10");
        snprintf(name, sizeof name, "@level%d", level);
        Agnode_t *anchor = sv_rc_node(rc, band, name);
        sv_rc_set(anchor, "style", "invis");
        sv_rc_set(anchor, "shape", "point");
        sv_rc_set(anchor, "width", "0.01");
        if (previous_anchor) {
            Agedge_t *e = sv_rc_edge(rc, previous_anchor, anchor);
            sv_rc_set(e, "style", "invis");
            sv_rc_set(e, "weight", "0");
            snprintf(name, sizeof name, "%u", previous_rows);
            sv_rc_set(e, "minlen", name);
        }
        previous_anchor = anchor;
        /* the anchor shares the rank of the level's first row */
        snprintf(name, sizeof name, "@row_level%d", level);
        Agraph_t *first_row = agsubg(band, name, 1);
        sv_rc_set(first_row, "rank", "same");
        if (first_row && anchor)
            agsubnode(first_row, anchor, 1);
        /* A wide level is folded into rows of at most ROW_MAX bodies,
         * joined by invisible edges, so that the picture keeps a page's
         * proportions. Bodies that others report to go in the last row,
         * nearest the level below. A very large level is not folded: the
         * reports_to edges would cross dozens of rows, and dot's crossing
         * minimisation grows with their length (2,000 bodies: 50 s folded,
         * a few seconds not). */
        uint32_t count = 0, folded = 0;
        for (uint32_t b = 0; b < m->body_count; b++) {
            count += m->bodies[b].level == (sv_level)level && fold.show[b] == SHOW_FULL;
            folded += m->bodies[b].level == (sv_level)level && fold.show[b] == SHOW_FOLDED;
        }
        uint32_t per_row = count;
        if (count > ROW_MAX && count <= FOLD_MAX) {
            uint32_t rows = (count + ROW_MAX - 1) / ROW_MAX;
            per_row = (count + rows - 1) / rows;
        }
        uint32_t placed = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (uint32_t b = 0; b < m->body_count && !rc->failed; b++) {
                const sv_body *body = &m->bodies[b];
                if (body->level != (sv_level)level || has_children[b] != (pass == 1) ||
                    fold.show[b] != SHOW_FULL)
                    continue;
                Agnode_t *n = sv_rc_node(rc, band, m->elements[body->el].id);
                if (!n)
                    break;
                nodes[b] = n;
                row_of[placed] = n;
                if (placed < per_row && first_row)
                    agsubnode(first_row, n, 1);
                if (placed >= per_row) {
                    Agedge_t *e = sv_rc_edge(rc, row_of[placed - per_row], n);
                    sv_rc_set(e, "style", "invis");
                }
                placed++;
                body_node(rc, n, body);
            }
        }
        if (folded)
            levels_folded[level] = true;
        bands[level] = band;
        first_rows[level] = first_row;
        previous_rows = per_row && placed ? (placed + per_row - 1) / per_row : 1;
    }
    /* the folded groups, once every body they report to has its node */
    for (int level = 0; level < SV_LEVEL_COUNT && !rc->failed; level++)
        if (levels_folded[level])
            folded_tables(rc, bands[level], first_rows[level], level, &fold, nodes);
    /* reports_to: drawn from the higher body down (so that dot ranks it
     * above) with the arrowhead at the higher end */
    for (uint32_t b = 0; b < m->body_count && !rc->failed; b++) {
        sv_id up = m->bodies[b].reports_to.target;
        if (up == SV_NONE || m->elements[up].kind != SV_KIND_BODY || !nodes[b] ||
            !nodes[m->elements[up].index])
            continue;
        Agedge_t *e = sv_rc_edge(rc, nodes[m->elements[up].index], nodes[b]);
        sv_rc_set(e, "dir", "back");
        sv_rc_set(e, "color", "#555555");
        sv_rc_set(e, "arrowsize", "0.7");
    }
    project_nodes(rc, nodes, fold.folded > 0);
    free(nodes);
    free(row_of);
    free(has_children);

    sv_sb extra;
    sv_sb_init(&extra);
    sv_sb_puts(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">" STAR " ");
    sv_sb_name(&extra, SV_ESC_HTML, _("chair (in bold)"));
    sv_sb_puts(&extra,
               "</TD></TR><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">\xE2\x86\x91 ");
    sv_sb_name(&extra, SV_ESC_HTML, _("reports to the body the arrow points at"));
    sv_sb_puts(&extra, "</TD></TR>");
    if (m->project_count) {
        sv_sb_puts(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">- - ");
        sv_sb_name(&extra, SV_ESC_HTML, _("a project and the body that steers it"));
        sv_sb_puts(&extra, "</TD></TR>");
    }
    if (fold.folded > 0) {
        char text[300];
        snprintf(text, sizeof text,
                 P_("%u folded group: the bodies and parties in it; "
                    "render --view governance --focus ID draws one in full",
                    "%u folded groups: the bodies and parties in each; "
                    "render --view governance --focus ID draws one in full",
                    fold.folded),
                 (unsigned)fold.folded);
        sv_sb_puts(&extra,
                   "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\" BGCOLOR=\"#EAF0F8\">");
        sv_sb_user(&extra, SV_ESC_HTML, text, SV_NOTE_MAX, 60, 4);
        sv_sb_puts(&extra, "</TD></TR>");
    }
    fold_free(&fold);
    sv_rc_legend(rc, sv_sb_text(&extra));
    bool failed = extra.failed;
    sv_sb_free(&extra);
    return failed || rc->failed ? -1 : 0;
}
