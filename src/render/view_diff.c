/*
 * The diff view: the governance structure of a scenario (or of any newer
 * model) against its base, for planners. Each level is a band as in the
 * governance view; a body is white when it is unchanged, green when the
 * scenario adds it, purple when a merge made it (its parts named), orange
 * when its members, chair or reporting line changed, and a grey dashed box
 * when the scenario removes it. reports_to arrows are those of the
 * scenario; a legend says what each colour means.
 */
#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samverkan/diff.h"
#include "util/i18n.h"

#define ADDED "#CCEEBB"
#define MERGED "#DDCCEE"
#define CHANGED "#FFDDAA"
#define REMOVED "#EEEEEE"

typedef enum status { SAME, ADDED_BODY, MERGED_BODY, CHANGED_BODY } status;

static const sv_change *change_of(const sv_diff *d, sv_change_kind kind, const char *id)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->changes[i].kind == kind && strcmp(d->changes[i].kind_name, "body") == 0 &&
            strcmp(d->changes[i].element, id) == 0)
            return &d->changes[i];
    return NULL;
}

/* A body's box; `el` is the scenario's body, marked with its findings
 * (red outline, count, number), or SV_NONE for a removed body. */
static Agnode_t *body_box(sv_rctx *rc, Agraph_t *band, const char *node_id, const char *name,
                          const char *fill, const char *note, bool dashed, sv_id el)
{
    Agnode_t *n = sv_rc_node(rc, band, node_id);
    if (!n)
        return NULL;
    sv_sb_clear(&rc->sb);
    sv_sb_user(&rc->sb, SV_ESC_HTML, name, SV_NAME_MAX, SV_WRAP, SV_NAME_LINES);
    if (note) {
        sv_sb_puts(&rc->sb, "<BR/><FONT POINT-SIZE=\"8\">");
        sv_sb_user(&rc->sb, SV_ESC_HTML, note, SV_NOTE_MAX, SV_WRAP, 3);
        sv_sb_puts(&rc->sb, "</FONT>");
    }
    uint32_t findings = el == SV_NONE ? 0 : sv_rc_marked(rc, el);
    if (findings) {
        sv_sb_puts(&rc->sb,
                   "<BR/><FONT COLOR=\"" SV_FINDING_COLOUR "\" POINT-SIZE=\"9\">\xE2\x9A\xA0 ");
        sv_sb_printf(&rc->sb, P_("%u finding", "%u findings", findings), (unsigned)findings);
        sv_sb_puts(&rc->sb, "</FONT>");
    }
    sv_rc_set(n, "shape", "box");
    sv_rc_set(n, "style", dashed ? "rounded,filled,dashed" : "rounded,filled");
    sv_rc_set(n, "fillcolor", fill);
    sv_rc_set(n, "color", dashed ? "#888888" : "#444444");
    sv_rc_set_html(rc, n, "label");
    if (el != SV_NONE)
        sv_rc_mark(rc, n, el);
    return n;
}

int sv_view_diff(sv_rctx *rc)
{
    const sv_model *m = rc->model, *base = rc->options->base;
    const sv_diff *d = rc->options->diff;
    rc->title = _("What the scenario changes in the governance structure");
    sv_rc_set(rc->g, "rankdir", "TB");
    sv_rc_set(rc->g, "newrank", "true");
    sv_rc_set(rc->g, "ranksep", "0.5");
    sv_rc_set(rc->g, "nodesep", "0.35");
    Agnode_t **node = calloc(m->body_count + 1, sizeof *node);
    if (!node)
        return -1;
    Agnode_t *previous_anchor = NULL;
    for (int level = 0; level < SV_LEVEL_COUNT && !rc->failed; level++) {
        char band_name[48], anchor_name[48];
        snprintf(band_name, sizeof band_name, "cluster_level_%d", level);
        snprintf(anchor_name, sizeof anchor_name, "level_anchor_%d", level);
        Agraph_t *band = agsubg(rc->g, band_name, 1);
        if (!band) {
            free(node);
            return -1;
        }
        sv_rc_set(band, "label", sv_level_label((sv_level)level));
        sv_rc_set(band, "labeljust", "l");
        sv_rc_set(band, "style", "rounded");
        sv_rc_set(band, "color", "#BBBBBB");
        Agnode_t *anchor = sv_rc_node(rc, band, anchor_name);
        if (!anchor)
            break;
        sv_rc_set(anchor, "style", "invis");
        sv_rc_set(anchor, "shape", "point");
        sv_rc_set(anchor, "width", "0.01");
        if (previous_anchor) {
            Agedge_t *e = sv_rc_edge(rc, previous_anchor, anchor);
            if (e)
                sv_rc_set(e, "style", "invis");
        }
        previous_anchor = anchor;
        for (uint32_t b = 0; b < m->body_count && !rc->failed; b++) {
            const sv_body *body = &m->bodies[b];
            if (body->level != (sv_level)level)
                continue;
            const char *id = m->elements[body->el].id;
            const sv_change *merged = change_of(d, SV_CHANGE_MERGED, id);
            const char *fill = "white", *note = NULL;
            char text[512];
            if (merged) {
                fill = MERGED;
                snprintf(text, sizeof text, _("merged from %s"), merged->parts);
                note = text;
            } else if (change_of(d, SV_CHANGE_ADDED, id)) {
                fill = ADDED;
                note = _("new");
            } else {
                for (size_t i = 0; i < d->count && !note; i++) {
                    const sv_change *c = &d->changes[i];
                    if (c->kind == SV_CHANGE_CHANGED && strcmp(c->kind_name, "body") == 0 &&
                        strcmp(c->element, id) == 0 &&
                        (c->topic == SV_TOPIC_SEATS || c->topic == SV_TOPIC_CHAIRS ||
                         c->topic == SV_TOPIC_REPORTING)) {
                        fill = CHANGED;
                        snprintf(text, sizeof text, _("changed: %s"), c->field);
                        note = text;
                    }
                }
            }
            node[b] = body_box(rc, band, id, sv_rc_name(rc, body->el), fill, note, false, body->el);
            if (node[b] && anchor) {
                Agedge_t *e = sv_rc_edge(rc, anchor, node[b]);
                if (e) {
                    sv_rc_set(e, "style", "invis");
                    sv_rc_set(e, "minlen", "0");
                }
            }
        }
        /* the bodies the scenario removes, where they stood */
        for (uint32_t b = 0; b < base->body_count && !rc->failed; b++) {
            const sv_body *body = &base->bodies[b];
            const char *id = base->elements[body->el].id;
            if (body->level != (sv_level)level || !change_of(d, SV_CHANGE_REMOVED, id))
                continue;
            char node_id[96];
            snprintf(node_id, sizeof node_id, "removed_%s", id);
            body_box(rc, band, node_id, base->elements[body->el].name ? base->elements[body->el].name : id,
                     REMOVED, _("removed"), true, SV_NONE);
        }
    }
    for (uint32_t b = 0; b < m->body_count && !rc->failed; b++) {
        sv_id up = m->bodies[b].reports_to.target;
        if (up == SV_NONE || !node[b] || !node[m->elements[up].index])
            continue;
        Agedge_t *e = sv_rc_edge(rc, node[m->elements[up].index], node[b]);
        if (e) {
            sv_rc_set(e, "dir", "back");
            sv_rc_set(e, "color", "#555555");
        }
    }
    free(node);
    sv_sb legend;
    sv_sb_init(&legend);
    static const struct {
        const char *colour, *text;
    } keys[] = {{ADDED, N_("added by the scenario")},
                {MERGED, N_("made by a merge")},
                {CHANGED, N_("members, chair or reporting line changed")},
                {REMOVED, N_("removed by the scenario (dashed)")},
                {"white", N_("unchanged")}};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        sv_sb_printf(&legend,
                     "<TR><TD BGCOLOR=\"%s\" WIDTH=\"14\" BORDER=\"1\"></TD>"
                     "<TD ALIGN=\"LEFT\">",
                     keys[k].colour);
        sv_sb_name(&legend, SV_ESC_HTML, _(keys[k].text));
        sv_sb_puts(&legend, "</TD></TR>");
    }
    sv_rc_legend(rc, sv_sb_text(&legend));
    bool failed = legend.failed;
    sv_sb_free(&legend);
    return failed || rc->failed ? -1 : 0;
}
