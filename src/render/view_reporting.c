/*
 * The reporting view: who reports what to whom, and how often. Every
 * sender and receiver is a node (parties, roles and people in their
 * party's colour, bodies white with their level); every flow is a numbered
 * arrow to each receiver, labelled with its number and cadence, and the
 * legend lists each number with what is reported. Numbered arrows instead
 * of the full text keep the picture readable at A4 width. A node that only
 * sends and never receives anything has a thick double outline and the
 * words "sends only": nothing comes back to it.
 */
#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

/* Flows listed by number in the legend, at most (a larger model still gets
 * its numbered arrows). */
#define LISTED_FLOWS 60

int sv_view_reporting(sv_rctx *rc)
{
    const sv_model *m = rc->model;
    rc->title = _("Reporting: who reports what to whom, and how often");
    uint32_t *sent = calloc(m->element_count + 1, sizeof *sent);
    uint32_t *received = calloc(m->element_count + 1, sizeof *received);
    Agnode_t **node = calloc(m->element_count + 1, sizeof *node);
    if (!sent || !received || !node) {
        free(sent);
        free(received);
        free(node);
        return -1;
    }
    for (uint32_t r = 0; r < m->reporting_count; r++) {
        const sv_reporting *rep = &m->reporting[r];
        if (rep->from.target != SV_NONE)
            sent[rep->from.target]++;
        for (uint32_t i = 0; i < rep->to.count; i++)
            if (rep->to.items[i].target != SV_NONE)
                received[rep->to.items[i].target]++;
    }
    sv_rc_set(rc->g, "rankdir", "LR");
    sv_rc_set(rc->g, "nodesep", "0.3");
    sv_rc_set(rc->g, "ranksep", "0.5");
    /* nodes in element order, so that the output does not depend on the
     * order of the flows */
    for (sv_id el = 0; el < m->element_count && !rc->failed; el++) {
        if (!sent[el] && !received[el])
            continue;
        const sv_element *e = &m->elements[el];
        Agnode_t *n = sv_rc_node(rc, NULL, e->id);
        if (!n)
            break;
        node[el] = n;
        bool only_sends = sent[el] && !received[el];
        sv_sb_clear(&rc->sb);
        sv_sb_user(&rc->sb, SV_ESC_HTML, sv_rc_name(rc, el), SV_NAME_MAX, SV_WRAP, SV_NAME_LINES);
        sv_rc_set(n, "shape", "box");
        if (e->kind == SV_KIND_BODY) {
            sv_rc_set(n, "style", "filled");
            sv_rc_set(n, "fillcolor", "white");
            sv_sb_puts(&rc->sb, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">");
            sv_sb_name(&rc->sb, SV_ESC_HTML, sv_level_label(m->bodies[e->index].level));
            sv_sb_puts(&rc->sb, "</FONT>");
        } else {
            sv_rc_set(n, "style", "rounded,filled");
            sv_rc_set(n, "fillcolor", sv_rc_colour(rc, el));
        }
        if (only_sends) {
            sv_rc_set(n, "peripheries", "2");
            sv_rc_set(n, "penwidth", "2");
            sv_sb_puts(&rc->sb, "<BR/><FONT POINT-SIZE=\"8\"><B>");
            sv_sb_name(&rc->sb, SV_ESC_HTML, _("sends only"));
            sv_sb_puts(&rc->sb, "</B></FONT>");
        }
        sv_rc_set_html(rc, n, "label");
        sv_rc_mark(rc, n, el);
    }
    sv_sb extra;
    sv_sb_init(&extra);
    for (uint32_t r = 0; r < m->reporting_count && !rc->failed; r++) {
        const sv_reporting *rep = &m->reporting[r];
        sv_id from = rep->from.target;
        if (from == SV_NONE || !node[from])
            continue;
        for (uint32_t i = 0; i < rep->to.count && !rc->failed; i++) {
            sv_id to = rep->to.items[i].target;
            if (to == SV_NONE || !node[to])
                continue;
            Agedge_t *e = sv_rc_edge(rc, node[from], node[to]);
            if (!e)
                break;
            sv_sb_clear(&rc->sb);
            sv_sb_printf(&rc->sb, "%u", (unsigned)(r + 1));
            if (rep->meets != SV_CADENCE_NONE) {
                sv_sb_puts(&rc->sb, " \xC2\xB7 ");
                sv_sb_name(&rc->sb, SV_ESC_PLAIN, sv_cadence_label(rep->meets));
            }
            sv_rc_set(e, "label", sv_sb_text(&rc->sb));
            sv_rc_set(e, "color", "#555555");
            sv_rc_set(e, "fontcolor", "#222222");
            sv_rc_mark(rc, e, rep->el);
        }
        if (r < LISTED_FLOWS) {
            sv_sb_printf(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><B>%u</B>  ",
                         (unsigned)(r + 1));
            if (sv_rc_marked(rc, rep->el))
                sv_sb_puts(&extra, "<FONT COLOR=\"" SV_FINDING_COLOUR "\">\xE2\x9A\xA0 </FONT>");
            /* the whole entry wrapped as one text, so that a long list of
             * receivers cannot widen the legend */
            sv_sb entry;
            sv_sb_init(&entry);
            sv_sb_puts(&entry, sv_rc_name(rc, from));
            sv_sb_puts(&entry, " \xE2\x86\x92 ");
            for (uint32_t i = 0; i < rep->to.count && i < 6; i++) {
                if (i)
                    sv_sb_puts(&entry, ", ");
                sv_sb_puts(&entry, sv_rc_name(rc, rep->to.items[i].target));
            }
            if (rep->to.count > 6)
                sv_sb_printf(&entry, " +%u", (unsigned)(rep->to.count - 6));
            sv_sb_puts(&entry, ": ");
            sv_sb_puts(&entry, rep->what ? rep->what : "");
            sv_sb_user(&extra, SV_ESC_HTML, sv_sb_text(&entry), SV_NOTE_MAX, 100, 3);
            if (entry.failed)
                extra.failed = true;
            sv_sb_free(&entry);
            sv_sb_puts(&extra, "</TD></TR>");
        } else if (r == LISTED_FLOWS) {
            char more[120];
            snprintf(more, sizeof more, _("%u more flows are not listed"),
                     (unsigned)(m->reporting_count - LISTED_FLOWS));
            sv_sb_puts(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><I>");
            sv_sb_name(&extra, SV_ESC_HTML, more);
            sv_sb_puts(&extra, "</I></TD></TR>");
        }
    }
    free(sent);
    free(received);
    free(node);
    sv_sb legend;
    sv_sb_init(&legend);
    sv_sb_puts(&legend,
               "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
    sv_sb_user(&legend, SV_ESC_HTML,
               _("an arrow per flow and receiver: its number and how often; double outline: "
                 "sends only, receives nothing"),
               SV_NOTE_MAX, 100, 4);
    sv_sb_puts(&legend, "</FONT></TD></TR>");
    sv_sb_put(&legend, sv_sb_text(&extra), extra.len);
    sv_rc_legend(rc, sv_sb_text(&legend));
    bool failed = extra.failed || legend.failed;
    sv_sb_free(&extra);
    sv_sb_free(&legend);
    return failed || rc->failed ? -1 : 0;
}
