/*
 * The party view: one party with its units, roles and people in a box of
 * the party's colour, and everything they take part in: the bodies where
 * they have a seat or the chair (on the right), the process steps where
 * they are R, A, C or I (on the right, grouped by process), and the
 * reporting flows they send (right) and receive (left), with what and how
 * often. Only the members of the party that take part in something are
 * drawn, besides the party itself.
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

typedef struct party_view {
    sv_rctx *rc;
    sv_id root;
    Agraph_t *inside;     /* the cluster of the party's own members */
    Agnode_t **node;      /* per element, once drawn */
    Agraph_t **process_cluster; /* per process, once drawn */
} party_view;

/* The node of a member of the party (inside its cluster). */
static Agnode_t *own_node(party_view *v, sv_id el)
{
    sv_rctx *rc = v->rc;
    if (v->node[el])
        return v->node[el];
    Agnode_t *n = rc_node(rc, v->inside, rc->model->elements[el].id);
    if (!n)
        return NULL;
    v->node[el] = n;
    bool root = el == v->root;
    rc_set(n, "shape", "box");
    rc_set(n, "style", root ? "filled,bold" : "rounded,filled");
    rc_set(n, "fillcolor", rc_colour(rc, el));
    sb_clear(&rc->sb);
    sb_puts(&rc->sb, root ? "<B>" : "");
    sb_user(&rc->sb, SV_ESC_HTML, rc_name(rc, el), SV_NAME_MAX, SV_WRAP, SV_NAME_LINES);
    sb_puts(&rc->sb, root ? "</B>" : "");
    rc_set_html(rc, n, "label");
    rc_mark(rc, n, el);
    return n;
}

/* The node of something outside the party: a body, a step or a flow's
 * other end. */
static Agnode_t *other_node(party_view *v, sv_id el)
{
    sv_rctx *rc = v->rc;
    const sv_model *m = rc->model;
    if (v->node[el])
        return v->node[el];
    const sv_element *e = &m->elements[el];
    Agraph_t *in = NULL;
    if (e->kind == SV_KIND_STEP) {
        uint32_t p = m->steps[e->index].process;
        if (!v->process_cluster[p]) {
            char name[48];
            snprintf(name, sizeof name, "cluster_process_%u", (unsigned)p);
            Agraph_t *c = rc_cluster(rc, name);
            v->process_cluster[p] = c;
            sb_clear(&rc->sb);
            sb_puts(&rc->sb, "<I>");
            sb_user(&rc->sb, SV_ESC_HTML, rc_name(rc, m->processes[p].el), SV_NAME_MAX, 40, 2);
            sb_puts(&rc->sb, "</I>");
            rc_set_html(rc, c, "label");
            rc_set(c, "style", "dashed");
            rc_set(c, "color", "#999999");
            rc_set(c, "fontsize", "10");
        }
        in = v->process_cluster[p];
    }
    Agnode_t *n = rc_node(rc, in, e->id);
    if (!n)
        return NULL;
    v->node[el] = n;
    sb_clear(&rc->sb);
    sb_user(&rc->sb, SV_ESC_HTML, rc_name(rc, el), SV_NAME_MAX, SV_WRAP, SV_NAME_LINES);
    if (e->kind == SV_KIND_BODY) {
        rc_set(n, "shape", "box");
        rc_set(n, "style", "filled");
        rc_set(n, "fillcolor", "white");
        sb_puts(&rc->sb, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">");
        sb_name(&rc->sb, SV_ESC_HTML, rc_level_label(m->bodies[e->index].level));
        sb_puts(&rc->sb, "</FONT>");
    } else if (e->kind == SV_KIND_STEP) {
        rc_set(n, "shape", "box");
        rc_set(n, "style", "rounded,filled");
        rc_set(n, "fillcolor", "white");
        if (m->steps[e->index].accountable.count == 0) {
            rc_set(n, "color", SV_FINDING_COLOUR);
            rc_set(n, "style", "rounded,dashed,filled");
            sb_puts(&rc->sb, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"" SV_FINDING_COLOUR "\">");
            sb_name(&rc->sb, SV_ESC_HTML, _("no accountable party"));
            sb_puts(&rc->sb, "</FONT>");
        }
    } else {
        rc_set(n, "shape", "box");
        rc_set(n, "style", "rounded,filled");
        rc_set(n, "fillcolor", rc_colour(rc, el));
    }
    rc_set_html(rc, n, "label");
    rc_mark(rc, n, el);
    return n;
}

static void draw_link(party_view *v, Agnode_t *from, Agnode_t *to, const char *label, bool bold,
                 const char *colour)
{
    Agedge_t *e = v->rc->failed ? NULL : rc_edge(v->rc, from, to);
    if (!e)
        return;
    rc_set(e, "color", colour);
    if (label && *label)
        rc_set(e, "label", label);
    if (bold)
        rc_set(e, "penwidth", "2.2");
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

/* Rows of one process's table, at most. */
#define PROCESS_ROWS 40

/* A flow's label: what (capped, wrapped) and how often, plain-escaped. */
static const char *flow_label(sv_rctx *rc, const sv_reporting *r)
{
    sb_clear(&rc->sb);
    sb_user(&rc->sb, SV_ESC_PLAIN, r->what ? r->what : "", 70, 24, 3);
    sb_puts(&rc->sb, "\\n(");
    sb_name(&rc->sb, SV_ESC_PLAIN, rc_cadence_label(r->meets));
    sb_puts(&rc->sb, ")");
    return sb_text(&rc->sb);
}

int sv_view_party(sv_rctx *rc, uint32_t party)
{
    const sv_model *m = rc->model;
    rc->title = _("One party: seats, chairs, responsibilities and reporting");
    party_view v = {.rc = rc, .root = m->parties[party].el};
    v.node = calloc(m->element_count + 1, sizeof *v.node);
    v.process_cluster = calloc(m->process_count + 1, sizeof *v.process_cluster);
    bool *member_linked = calloc(m->element_count + 1, sizeof *member_linked);
    bool *member_accountable = calloc(m->element_count + 1, sizeof *member_accountable);
    sv_id *linked = calloc(m->element_count + 1, sizeof *linked);
    uint32_t linked_count = 0;
    if (!v.node || !v.process_cluster || !member_linked || !member_accountable || !linked) {
        free(v.node);
        free(v.process_cluster);
        free(member_linked);
        free(member_accountable);
        free(linked);
        return -1;
    }
    rc_set(rc->g, "rankdir", "LR");
    rc_set(rc->g, "nodesep", "0.15");
    rc_set(rc->g, "ranksep", "0.6");
    v.inside = rc_cluster(rc, "cluster_party");
    sb_clear(&rc->sb);
    sb_puts(&rc->sb, "<B>");
    sb_user(&rc->sb, SV_ESC_HTML, rc_name(rc, v.root), SV_NAME_MAX, 40, 2);
    sb_puts(&rc->sb, "</B>");
    rc_set_html(rc, v.inside, "label");
    char fill[16];
    snprintf(fill, sizeof fill, "%s40", rc_colour(rc, v.root));
    rc_set(v.inside, "style", "filled");
    rc_set(v.inside, "fillcolor", fill);
    rc_set(v.inside, "color", "#777777");
    own_node(&v, v.root);

    /* seats and chairs */
    for (uint32_t b = 0; b < m->body_count && !rc->failed; b++) {
        const sv_body *body = &m->bodies[b];
        for (uint32_t i = 0; i < body->members.count; i++) {
            sv_id el = body->members.items[i].target;
            if (!belongs(m, el, v.root))
                continue;
            bool chair = body->chair.target == el;
            draw_link(&v, own_node(&v, el), other_node(&v, body->el), chair ? _("chair") : "",
                 chair, "#555555");
        }
        sv_id chair = body->chair.target;
        bool chair_is_member = false;
        for (uint32_t i = 0; i < body->members.count; i++)
            chair_is_member = chair_is_member || body->members.items[i].target == chair;
        if (chair != SV_NONE && !chair_is_member && belongs(m, chair, v.root))
            draw_link(&v, own_node(&v, chair), other_node(&v, body->el), _("chair"), true, "#555555");
    }
    /* format 1.1: line management, from a person or role of the party to
     * the units and teams it leads (`leads`) */
    bool leads_drawn = false;
    for (uint32_t k = 0; k < m->person_count + m->role_count && !rc->failed; k++) {
        bool person = k < m->person_count;
        sv_id el = person ? m->people[k].el : m->roles[k - m->person_count].el;
        const sv_refs *leads = person ? &m->people[k].leads : &m->roles[k - m->person_count].leads;
        if (leads->count == 0 || !belongs(m, el, v.root))
            continue;
        for (uint32_t i = 0; i < leads->count && !rc->failed; i++) {
            sv_id t = leads->items[i].target;
            if (t == SV_NONE)
                continue;
            Agnode_t *to = belongs(m, t, v.root) ? own_node(&v, t) : other_node(&v, t);
            draw_link(&v, own_node(&v, el), to, _("leads"), false, "#8844AA");
            leads_drawn = true;
        }
    }
    /* RACI: one table per process, a row per step and member with the
     * letters, and one arrow from each member to the table (bold when it
     * is accountable somewhere in it). One node per step would bury the
     * seats under dozens of arrows. */
    for (uint32_t p = 0; p < m->process_count && !rc->failed; p++) {
        const sv_process *proc = &m->processes[p];
        sv_sb rows;
        sb_init(&rows);
        uint32_t row_count = 0;
        for (uint32_t k = 0; k < proc->step_count; k++) {
            const sv_step *step = &m->steps[proc->first_step + k];
            const sv_refs *const lists[4] = {&step->responsible, &step->accountable,
                                             &step->consulted, &step->informed};
            for (int l = 0; l < 4; l++) {
                for (uint32_t i = 0; i < lists[l]->count; i++) {
                    sv_id el = lists[l]->items[i].target;
                    if (!belongs(m, el, v.root) || named_before(lists, l, i, el))
                        continue;
                    char letters[16];
                    step_letters(letters, lists, el);
                    bool no_a = step->accountable.count == 0;
                    if (row_count++ >= PROCESS_ROWS)
                        continue;
                    sb_puts(&rows, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
                    if (no_a || rc_marked(rc, step->el))
                        sb_puts(&rows, "<FONT COLOR=\"" SV_FINDING_COLOUR "\">");
                    sb_user(&rows, SV_ESC_HTML, rc_name(rc, step->el), SV_NAME_MAX, 30, 2);
                    if (no_a) {
                        sb_puts(&rows, " (");
                        sb_name(&rows, SV_ESC_HTML, _("no A"));
                        sb_puts(&rows, ")");
                    }
                    if (no_a || rc_marked(rc, step->el))
                        sb_puts(&rows, "</FONT>");
                    sb_puts(&rows, "</TD><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\">");
                    sb_user(&rows, SV_ESC_HTML, rc_name(rc, el), SV_NAME_MAX, 24, 2);
                    sb_printf(&rows, "</FONT></TD><TD>%s%s%s</TD></TR>",
                              strchr(letters, 'A') ? "<B>" : "", letters,
                              strchr(letters, 'A') ? "</B>" : "");
                    /* one arrow per member and process */
                    if (!member_linked[el]) {
                        member_linked[el] = true;
                        linked[linked_count++] = el;
                    }
                    if (strchr(letters, 'A'))
                        member_accountable[el] = true;
                }
            }
        }
        if (row_count > 0) {
            Agnode_t *n = rc_node(rc, NULL, m->elements[proc->el].id);
            if (n) {
                rc_set(n, "shape", "plain");
                sb_clear(&rc->sb);
                sb_puts(&rc->sb, "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                                 "CELLPADDING=\"2\" BGCOLOR=\"white\" COLOR=\"#3366AA\">"
                                 "<TR><TD COLSPAN=\"3\" ALIGN=\"LEFT\"><I>");
                sb_user(&rc->sb, SV_ESC_HTML, rc_name(rc, proc->el), SV_NAME_MAX, 50, 2);
                sb_puts(&rc->sb, "</I></TD></TR>");
                sb_put(&rc->sb, sb_text(&rows), rows.len);
                if (row_count > PROCESS_ROWS)
                    sb_printf(&rc->sb, "<TR><TD COLSPAN=\"3\">+%u</TD></TR>",
                              (unsigned)(row_count - PROCESS_ROWS));
                sb_puts(&rc->sb, "</TABLE>");
                rc_set_html(rc, n, "label");
                rc_mark(rc, n, proc->el);
            }
            for (uint32_t i = 0; i < linked_count; i++) {
                sv_id el = linked[i];
                draw_link(&v, own_node(&v, el), n, "", member_accountable[el], "#3366AA");
                member_linked[el] = false;
                member_accountable[el] = false;
            }
            linked_count = 0;
        }
        if (rows.failed)
            rc->failed = true;
        sb_free(&rows);
    }
    /* reporting: out to the right, in from the left */
    for (uint32_t r = 0; r < m->reporting_count && !rc->failed; r++) {
        const sv_reporting *rep = &m->reporting[r];
        sv_id from = rep->from.target;
        bool out = belongs(m, from, v.root);
        for (uint32_t i = 0; i < rep->to.count && !rc->failed; i++) {
            sv_id to = rep->to.items[i].target;
            bool in = belongs(m, to, v.root);
            if (!out && !in)
                continue;
            Agnode_t *a = out ? own_node(&v, from) : other_node(&v, from);
            Agnode_t *b = in ? own_node(&v, to) : other_node(&v, to);
            Agedge_t *e = rc->failed ? NULL : rc_edge(rc, a, b);
            if (!e)
                break;
            rc_set(e, "label", flow_label(rc, rep));
            rc_set(e, "color", "#228833");
            rc_set(e, "fontcolor", "#1B5E28");
            rc_set(e, "style", "dashed");
            rc_mark(rc, e, rep->el);
        }
    }
    free(v.node);
    free(v.process_cluster);
    free(member_linked);
    free(member_accountable);
    free(linked);

    sv_sb extra;
    sb_init(&extra);
    sb_puts(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
    sb_user(&extra, SV_ESC_HTML,
            _("grey arrows: seats (bold: chair); blue: R, A, C, I in the steps of a process (bold: "
              "accountable somewhere); green dashed: reporting flows, with what and how often"), SV_NOTE_MAX, 100, 4);
    if (leads_drawn)
        sb_user(&extra, SV_ESC_HTML, _("; purple: leads (line management)"), SV_NOTE_MAX, 100, 2);
    sb_puts(&extra, "</FONT></TD></TR>");
    rc_legend(rc, sb_text(&extra));
    bool failed = extra.failed;
    sb_free(&extra);
    return failed || rc->failed ? -1 : 0;
}
