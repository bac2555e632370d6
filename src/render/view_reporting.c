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
    rc_set(rc->g, "rankdir", "LR");
    rc_set(rc->g, "nodesep", "0.3");
    rc_set(rc->g, "ranksep", "0.5");
    /* nodes in element order, so that the output does not depend on the
     * order of the flows */
    for (sv_id el = 0; el < m->element_count && !rc->failed; el++) {
        if (!sent[el] && !received[el])
            continue;
        const sv_element *e = &m->elements[el];
        Agnode_t *n = rc_node(rc, NULL, e->id);
        if (!n)
            break;
        node[el] = n;
        bool only_sends = sent[el] && !received[el];
        sb_clear(&rc->sb);
        sb_user(&rc->sb, SV_ESC_HTML, rc_name(rc, el), SV_NAME_MAX, SV_WRAP, SV_NAME_LINES);
        rc_set(n, "shape", "box");
        if (e->kind == SV_KIND_BODY) {
            rc_set(n, "style", "filled");
            rc_set(n, "fillcolor", "white");
            sb_puts(&rc->sb, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">");
            sb_name(&rc->sb, SV_ESC_HTML, sv_level_label(m->bodies[e->index].level));
            sb_puts(&rc->sb, "</FONT>");
        } else {
            rc_set(n, "style", "rounded,filled");
            rc_set(n, "fillcolor", rc_colour(rc, el));
        }
        if (only_sends) {
            rc_set(n, "peripheries", "2");
            rc_set(n, "penwidth", "2");
            sb_puts(&rc->sb, "<BR/><FONT POINT-SIZE=\"8\"><B>");
            sb_name(&rc->sb, SV_ESC_HTML, _("sends only"));
            sb_puts(&rc->sb, "</B></FONT>");
        }
        rc_set_html(rc, n, "label");
        rc_mark(rc, n, el);
    }
    sv_sb extra;
    sb_init(&extra);
    for (uint32_t r = 0; r < m->reporting_count && !rc->failed; r++) {
        const sv_reporting *rep = &m->reporting[r];
        sv_id from = rep->from.target;
        if (from == SV_NONE || !node[from])
            continue;
        for (uint32_t i = 0; i < rep->to.count && !rc->failed; i++) {
            sv_id to = rep->to.items[i].target;
            if (to == SV_NONE || !node[to])
                continue;
            Agedge_t *e = rc_edge(rc, node[from], node[to]);
            if (!e)
                break;
            sb_clear(&rc->sb);
            sb_printf(&rc->sb, "%u", (unsigned)(r + 1));
            if (rep->meets != SV_CADENCE_NONE) {
                sb_puts(&rc->sb, " \xC2\xB7 ");
                sb_name(&rc->sb, SV_ESC_PLAIN, sv_cadence_label(rep->meets));
            }
            rc_set(e, "label", sb_text(&rc->sb));
            rc_set(e, "color", "#555555");
            rc_set(e, "fontcolor", "#222222");
            rc_mark(rc, e, rep->el);
        }
        if (r < LISTED_FLOWS) {
            sb_printf(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><B>%u</B>  ",
                      (unsigned)(r + 1));
            if (rc_marked(rc, rep->el))
                sb_puts(&extra, "<FONT COLOR=\"" SV_FINDING_COLOUR "\">\xE2\x9A\xA0 </FONT>");
            /* the whole entry wrapped as one text, so that a long list of
             * receivers cannot widen the legend */
            sv_sb entry;
            sb_init(&entry);
            sb_puts(&entry, rc_name(rc, from));
            sb_puts(&entry, " \xE2\x86\x92 ");
            for (uint32_t i = 0; i < rep->to.count && i < 6; i++) {
                if (i)
                    sb_puts(&entry, ", ");
                sb_puts(&entry, rc_name(rc, rep->to.items[i].target));
            }
            if (rep->to.count > 6)
                sb_printf(&entry, " +%u", (unsigned)(rep->to.count - 6));
            sb_puts(&entry, ": ");
            sb_puts(&entry, rep->what ? rep->what : "");
            sb_user(&extra, SV_ESC_HTML, sb_text(&entry), SV_NOTE_MAX, 100, 3);
            if (entry.failed)
                extra.failed = true;
            sb_free(&entry);
            sb_puts(&extra, "</TD></TR>");
        } else if (r == LISTED_FLOWS) {
            char more[120];
            snprintf(more, sizeof more, _("%u more flows are not listed"),
                     (unsigned)(m->reporting_count - LISTED_FLOWS));
            sb_puts(&extra, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><I>");
            sb_name(&extra, SV_ESC_HTML, more);
            sb_puts(&extra, "</I></TD></TR>");
        }
    }
    free(sent);
    free(received);
    free(node);
    sv_sb legend;
    sb_init(&legend);
    sb_puts(&legend, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
    sb_user(&legend, SV_ESC_HTML,
            _("an arrow per flow and receiver: its number and how often; double outline: "
              "sends only, receives nothing"), SV_NOTE_MAX, 100, 4);
    sb_puts(&legend, "</FONT></TD></TR>");
    sb_put(&legend, sb_text(&extra), extra.len);
    rc_legend(rc, sb_text(&legend));
    bool failed = extra.failed || legend.failed;
    sb_free(&extra);
    sb_free(&legend);
    return failed || rc->failed ? -1 : 0;
}
