/*
 * The process view: one process as swimlanes, one lane per top-level party
 * accountable for steps, or with --lanes unit per unit right under it (in
 * the order the lanes first occur), steps in flow
 * order from left to right with their kind as the shape, who is R, A, C
 * and I under each step's name, and shares and labels on the arrows. A
 * step with no accountable party goes into a lane of its own, drawn red and
 * dashed, with the words "no accountable party" so that it stands out in
 * black and white too.
 */
#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

/* Shapes that read like flowchart symbols and stay compact around a few
 * lines of text (a diamond or parallelogram would double the width): a
 * handoff points forward, a feedback back. */
static const char *step_shape(sv_step_kind kind)
{
    switch (kind) {
    case SV_STEP_START: return "ellipse";
    case SV_STEP_END: return "ellipse";
    case SV_STEP_DECISION: return "hexagon";
    case SV_STEP_HANDOFF: return "cds";
    case SV_STEP_FOLLOW_UP: return "note";
    case SV_STEP_FEEDBACK: return "larrow";
    default: return "box";
    }
}

/* "R a, b, c", wrapped, at most three lines. */
static void raci_line(sv_rctx *rc, const char *letter, const sv_refs *refs)
{
    if (refs->count == 0)
        return;
    sv_sb names;
    sv_sb_init(&names);
    for (uint32_t i = 0; i < refs->count && i < 6; i++) {
        if (i)
            sv_sb_puts(&names, ", ");
        sv_sb_puts(&names, sv_rc_name(rc, refs->items[i].target));
    }
    if (refs->count > 6)
        sv_sb_printf(&names, " +%u", (unsigned)(refs->count - 6));
    sv_sb_printf(&rc->sb, "<BR/><B>%s</B> ", letter);
    sv_sb_user(&rc->sb, SV_ESC_HTML, sv_sb_text(&names), SV_NOTE_MAX, 34, 3);
    if (names.failed)
        rc->sb.failed = true;
    sv_sb_free(&names);
}

/* The party an element belongs to: itself, a role's party, a person's
 * party or else that of the first of the person's roles that has one. */
static sv_id party_of(const sv_model *m, sv_id el)
{
    const sv_element *e = &m->elements[el];
    switch (e->kind) {
    case SV_KIND_PARTY: return el;
    case SV_KIND_ROLE: return m->roles[e->index].party.target;
    case SV_KIND_PERSON: {
        const sv_person *p = &m->people[e->index];
        if (p->party.target != SV_NONE)
            return p->party.target;
        for (uint32_t i = 0; i < p->roles.count; i++) {
            sv_id role = p->roles.items[i].target;
            if (role != SV_NONE && m->elements[role].kind == SV_KIND_ROLE &&
                m->roles[m->elements[role].index].party.target != SV_NONE)
                return m->roles[m->elements[role].index].party.target;
        }
        return SV_NONE;
    }
    default: return SV_NONE;
    }
}

/* The lane of an accountable element: its top-level party, or with
 * --lanes unit the unit of that party it belongs to (the party on its
 * part_of chain right under the top; the top itself for the top's own
 * roles and for a party without units). SV_NONE: in no party. */
static sv_id lane_key(const sv_rctx *rc, sv_id el)
{
    const sv_model *m = rc->model;
    sv_id top = sv_model_top_party(m, el);
    if (top == SV_NONE || rc->options->lanes != SV_LANES_UNIT)
        return top;
    sv_id unit = party_of(m, el);
    /* part_of is a tree (the schema refuses cycles); the bound is a guard */
    for (uint32_t hops = 0; unit != SV_NONE && hops <= m->party_count; hops++) {
        sv_id up = m->parties[m->elements[unit].index].part_of.target;
        if (up == SV_NONE || up == top || m->elements[up].kind != SV_KIND_PARTY)
            break;
        unit = up;
    }
    return unit == SV_NONE ? top : unit;
}

static void step_label(sv_rctx *rc, const sv_step *s)
{
    sv_sb *sb = &rc->sb;
    sv_sb_clear(sb);
    sv_sb_puts(sb, "<B>");
    sv_sb_user(sb, SV_ESC_HTML, sv_rc_name(rc, s->el), SV_NAME_MAX, SV_WRAP, SV_NAME_LINES);
    sv_sb_puts(sb, "</B>");
    if (s->has_after_days) {
        char after[96];
        snprintf(after, sizeof after, _("after %g days"), s->after_days);
        sv_sb_puts(sb, "<BR/><I>");
        sv_sb_name(sb, SV_ESC_HTML, after);
        sv_sb_puts(sb, "</I>");
    }
    sv_sb_puts(sb, "<FONT POINT-SIZE=\"8\">");
    raci_line(rc, "R", &s->responsible);
    if (s->accountable.count == 0) {
        sv_sb_puts(sb, "<BR/><FONT COLOR=\"" SV_FINDING_COLOUR "\"><B>A ");
        sv_sb_name(sb, SV_ESC_HTML, _("no accountable party"));
        sv_sb_puts(sb, "</B></FONT>");
    } else {
        raci_line(rc, "A", &s->accountable);
    }
    raci_line(rc, "C", &s->consulted);
    raci_line(rc, "I", &s->informed);
    sv_sb_puts(sb, "</FONT>");
    uint32_t n = sv_rc_marked(rc, s->el);
    if (n) {
        sv_sb_puts(sb, "<BR/><FONT COLOR=\"" SV_FINDING_COLOUR "\" POINT-SIZE=\"8\">\xE2\x9A\xA0 ");
        char text[64];
        snprintf(text, sizeof text, P_("%u finding", "%u findings", n), (unsigned)n);
        sv_sb_name(sb, SV_ESC_HTML, text);
        sv_sb_puts(sb, "</FONT>");
    }
}

int sv_view_process(sv_rctx *rc, uint32_t process)
{
    const sv_model *m = rc->model;
    const sv_process *p = &m->processes[process];
    rc->title = _("Process");
    sv_rc_set(rc->g, "rankdir", "TB");
    sv_rc_set(rc->g, "newrank", "true");
    sv_rc_set(rc->g, "nodesep", "0.3");
    sv_rc_set(rc->g, "ranksep", "0.35");

    /* lane per step: its first accountable element's top-level party or
     * unit (SV_NONE: no accountable), lanes in order of first occurrence */
    uint32_t n = p->step_count;
    sv_id *lane_of = calloc(n + 1, sizeof *lane_of);
    sv_id *lanes = calloc(n + 1, sizeof *lanes);
    Agraph_t **lane_graph = calloc(n + 1, sizeof *lane_graph);
    Agnode_t **nodes = calloc(n + 1, sizeof *nodes);
    if (!lane_of || !lanes || !lane_graph || !nodes) {
        free(lane_of);
        free(lanes);
        free(lane_graph);
        free(nodes);
        return -1;
    }
    uint32_t lane_count = 0;
    for (uint32_t i = 0; i < n; i++) {
        const sv_step *s = &m->steps[p->first_step + i];
        sv_id top = SV_NONE;
        if (s->accountable.count > 0) {
            sv_id el = s->accountable.items[0].target;
            top = lane_key(rc, el);
            if (top == SV_NONE)
                top = el; /* accountable outside any party: a lane of its own */
        }
        lane_of[i] = top;
        bool seen = false;
        for (uint32_t l = 0; l < lane_count && !seen; l++)
            seen = lanes[l] == top;
        if (!seen)
            lanes[lane_count++] = top;
    }
    for (uint32_t l = 0; l < lane_count && !rc->failed; l++) {
        char name[64];
        snprintf(name, sizeof name, "cluster_lane_%u", (unsigned)l);
        Agraph_t *lane = sv_rc_cluster(rc, name);
        lane_graph[l] = lane;
        sv_sb_clear(&rc->sb);
        sv_sb_puts(&rc->sb, "<B>");
        if (lanes[l] == SV_NONE) {
            sv_sb_puts(&rc->sb, "<FONT COLOR=\"" SV_FINDING_COLOUR "\">");
            sv_sb_name(&rc->sb, SV_ESC_HTML, _("no accountable party"));
            sv_sb_puts(&rc->sb, "</FONT></B>");
            sv_rc_set(lane, "style", "dashed");
            sv_rc_set(lane, "color", SV_FINDING_COLOUR);
            sv_rc_set(lane, "penwidth", "2");
        } else {
            sv_sb_user(&rc->sb, SV_ESC_HTML, sv_rc_name(rc, lanes[l]), SV_NAME_MAX, 60, 2);
            sv_id top = sv_model_top_party(m, lanes[l]);
            if (top != SV_NONE && top != lanes[l]) {
                /* a unit's lane says whose unit it is */
                sv_sb_puts(&rc->sb, "</B> <FONT POINT-SIZE=\"9\">(");
                sv_sb_user(&rc->sb, SV_ESC_HTML, sv_rc_name(rc, top), SV_NAME_MAX, 60, 1);
                sv_sb_puts(&rc->sb, ")</FONT>");
            } else {
                sv_sb_puts(&rc->sb, "</B>");
            }
            char fill[16];
            /* the party's colour, faded, behind its lane */
            snprintf(fill, sizeof fill, "%s40", sv_rc_colour(rc, lanes[l]));
            sv_rc_set(lane, "style", "filled");
            sv_rc_set(lane, "fillcolor", fill);
            sv_rc_set(lane, "color", "#999999");
        }
        sv_rc_set_html(rc, lane, "label");
        sv_rc_set(lane, "labeljust", "l");
        sv_rc_set(lane, "fontsize", "11");
    }
    for (uint32_t i = 0; i < n && !rc->failed; i++) {
        const sv_step *s = &m->steps[p->first_step + i];
        uint32_t l = 0;
        while (l < lane_count && lanes[l] != lane_of[i])
            l++;
        Agnode_t *node = sv_rc_node(rc, lane_graph[l], m->elements[s->el].id);
        if (!node)
            break;
        nodes[i] = node;
        sv_rc_set(node, "shape", step_shape(s->kind));
        sv_rc_set(node, "style", s->kind == SV_STEP_TASK ? "rounded,filled" : "filled");
        sv_rc_set(node, "fillcolor", "white");
        sv_rc_set(node, "margin", "0.08,0.04");
        if (s->kind == SV_STEP_END)
            sv_rc_set(node, "peripheries", "2");
        if (s->kind == SV_STEP_HANDOFF || s->kind == SV_STEP_FEEDBACK)
            sv_rc_set(node, "margin", "0.25,0.16"); /* room for the point and the slant */
        if (s->accountable.count == 0) {
            sv_rc_set(node, "color", SV_FINDING_COLOUR);
            sv_rc_set(node, "penwidth", "2.5");
            sv_rc_set(node, "style",
                      s->kind == SV_STEP_TASK ? "rounded,dashed,filled" : "dashed,filled");
        }
        step_label(rc, s);
        sv_rc_set_html(rc, node, "label");
        sv_rc_mark(rc, node, s->el);
    }
    for (uint32_t i = 0; i < n && !rc->failed; i++) {
        const sv_step *s = &m->steps[p->first_step + i];
        for (uint32_t k = 0; k < s->next_count; k++) {
            const sv_flow *f = &s->next[k];
            if (f->to.target == SV_NONE || m->elements[f->to.target].kind != SV_KIND_STEP)
                continue;
            uint32_t j = m->elements[f->to.target].index;
            if (j < p->first_step || j >= p->first_step + n)
                continue;
            Agedge_t *e = sv_rc_edge(rc, nodes[i], nodes[j - p->first_step]);
            if (!e)
                break;
            sv_rc_set(e, "color", "#444444");
            if (!f->has_share && !f->label)
                continue;
            sv_sb_clear(&rc->sb);
            if (f->has_share)
                sv_sb_printf(&rc->sb, "%.0f %%", f->share * 100);
            if (f->label) {
                if (f->has_share)
                    sv_sb_puts(&rc->sb, " ");
                sv_sb_user(&rc->sb, SV_ESC_PLAIN, f->label, 80, 20, 3);
            }
            sv_rc_set(e, "label", sv_sb_text(&rc->sb));
            sv_rc_set(e, "fontcolor", "#333333");
        }
    }
    free(lane_of);
    free(lanes);
    free(lane_graph);
    free(nodes);

    /* the legend: the process, its owner and where it runs, the shapes */
    sv_sb extra;
    sv_sb_init(&extra);
    sv_sb_puts(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><B>");
    sv_sb_user(&extra, SV_ESC_HTML, sv_rc_name(rc, p->el), SV_NAME_MAX, 90, 2);
    sv_sb_puts(&extra, "</B>");
    if (p->owner.target != SV_NONE) {
        sv_sb_puts(&extra, " \xE2\x80\x94 ");
        sv_sb_name(&extra, SV_ESC_HTML, _("owner:"));
        sv_sb_puts(&extra, " ");
        sv_sb_name(&extra, SV_ESC_HTML, sv_rc_name(rc, p->owner.target));
    }
    sv_sb_puts(&extra, "</TD></TR>");
    if (p->runs_at.count > 0) {
        sv_sb_puts(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
        sv_sb_name(&extra, SV_ESC_HTML, _("runs at:"));
        for (uint32_t i = 0; i < p->runs_at.count && i < 6; i++) {
            sv_sb_puts(&extra, i ? ", " : " ");
            sv_sb_name(&extra, SV_ESC_HTML, sv_rc_name(rc, p->runs_at.items[i].target));
        }
        sv_sb_puts(&extra, "</TD></TR>");
    }
    sv_sb_puts(&extra,
               "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
    sv_sb_user(&extra, SV_ESC_HTML,
               _("shapes: ellipse = start, double ellipse = end, rounded box = task, "
                 "pointed box = handoff, hexagon = decision, folded note = follow-up, "
                 "arrow left = feedback"),
               SV_NOTE_MAX, 100, 4);
    sv_sb_puts(&extra, "<BR/>");
    sv_sb_user(&extra, SV_ESC_HTML,
               rc->options->lanes == SV_LANES_UNIT
                   ? _("R = responsible, A = accountable, C = consulted, I = informed; lanes: the "
                       "accountable party's unit; red and dashed: no accountable party")
                   : _("R = responsible, A = accountable, C = consulted, I = informed; lanes: the "
                       "accountable party; red and dashed: no accountable party"),
               SV_NOTE_MAX, 100, 4);
    sv_sb_puts(&extra, "</FONT></TD></TR>");
    sv_rc_legend(rc, sv_sb_text(&extra));
    bool failed = extra.failed;
    sv_sb_free(&extra);
    return failed || rc->failed ? -1 : 0;
}
