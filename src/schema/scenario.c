/*
 * Scenario files: a base model and a list of changes (merge, set, add,
 * remove) that planners try without editing the agreement itself
 * (docs/model-format.md, "Scenario files"). The changes are applied to a
 * copy of the base's document tree, keeping every node's file and
 * position, and the result goes through the ordinary schema stage: a
 * finding about the merged torg points at the scenario line that made it,
 * and everything else at the base file. A base may itself be a scenario
 * (chains); a chain that comes back to a file already in it is refused.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samverkan/config.h"
#include "samverkan/schema.h"
#include "load/tree_internal.h"
#include "model/model_internal.h"
#include "schema/schema_internal.h"
#include "schema/synonyms.h"
#include "util/arena.h"
#include "util/folder.h"
#include "util/i18n.h"
#include "util/text.h"

#define MAX_CHAIN 16
/* parts of one merge (docs/limits.md) */
#define MAX_MERGE_PARTS 64

/* The sections whose items are elements with ids. */
static const char *const ELEMENT_SECTIONS[] = {"parties", "roles", "people", "bodies",
                                               "processes", "goals", "reporting",
                                               "projects"}; /* format 1.1 */
#define ELEMENT_SECTION_COUNT (sizeof ELEMENT_SECTIONS / sizeof ELEMENT_SECTIONS[0])

/* Keys whose values are references to element ids (single or list); a
 * step's `next` is not among them: its references are local steps. */
static const char *const REF_KEYS[] = {"members", "chair", "reports_to", "runs_at", "owner",
                                       "responsible", "accountable", "consulted", "informed",
                                       "from", "to", "covers", "contributes_to", "part_of",
                                       "party", "roles", "audited", "at",
                                       /* format 1.1, governance */
                                       "deputies", "led_by", "leads", "before",
                                       /* format 1.1 (Group B) */
                                       "audited_by", "financiers", "steering_group", "by",
                                       "for_each", "providers", "deputy_for"};
#define REF_KEY_COUNT (sizeof REF_KEYS / sizeof REF_KEYS[0])

typedef struct merge_note {
    const char *into;
    const char *parts[MAX_MERGE_PARTS];
    double part_arrivals[MAX_MERGE_PARTS]; /* of each part's service points, before */
    size_t part_count;
    sv_pos pos;
} merge_note;

typedef struct work {
    sv_arena *arena;          /* copies and new nodes */
    merge_note *merges;       /* the merges made, for the model (and diff) */
    size_t merge_count;
    sv_node *root;            /* the model being changed */
    sv_tree **trees;          /* every file read: their nodes and texts stay in use */
    size_t tree_count;
    char **chain;             /* real paths of the scenario files on the way down */
    size_t chain_count;
    char *project;            /* real path of the folder every base must lie in */
    const sv_load_limits *limits;
    sv_diags *diags;
    bool failed;
} work;

static void fail(work *w, const char *code, sv_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail(work *w, const char *code, sv_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sv_diags_vadd(w->diags, code, pos, fmt, ap);
    va_end(ap);
    w->failed = true;
}

static int keep_tree(work *w, sv_tree *tree)
{
    sv_tree **grown = realloc(w->trees, (w->tree_count + 1) * sizeof *grown);
    if (!grown) {
        sv_tree_free(tree);
        return -1;
    }
    w->trees = grown;
    w->trees[w->tree_count++] = tree;
    sv_diags_add_source(w->diags, sv_tree_source(tree));
    return 0;
}

/* ---- a mutable copy of a tree ---- */

static sv_node *copy_node(work *w, const sv_node *n)
{
    sv_node *c = sv_arena_alloc(w->arena, sizeof *c);
    if (!c)
        return NULL;
    *c = *n;
    if (n->kind == SV_NODE_SEQ) {
        c->items = sv_arena_calloc(w->arena, n->count ? n->count : 1, sizeof *c->items);
        for (size_t i = 0; c->items && i < n->count; i++)
            if (!(c->items[i] = copy_node(w, n->items[i])))
                return NULL;
        if (!c->items)
            return NULL;
    } else if (n->kind == SV_NODE_MAP) {
        c->pairs = sv_arena_calloc(w->arena, n->count ? n->count : 1, sizeof *c->pairs);
        for (size_t i = 0; c->pairs && i < n->count; i++) {
            c->pairs[i].key = n->pairs[i].key; /* keys are never changed in place */
            if (!(c->pairs[i].value = copy_node(w, n->pairs[i].value)))
                return NULL;
        }
        if (!c->pairs)
            return NULL;
    }
    return c;
}

static sv_node *new_scalar(work *w, const char *text, sv_pos pos, bool plain)
{
    sv_node *n = sv_arena_alloc(w->arena, sizeof *n);
    if (!n)
        return NULL;
    n->kind = SV_NODE_SCALAR;
    n->pos = pos;
    n->text = sv_arena_strdup(w->arena, text);
    n->len = n->text ? (uint32_t)strlen(n->text) : 0; /* a word of the scenario file: short */
    n->plain = plain;
    return n->text ? n : NULL;
}

static sv_node *new_collection(work *w, sv_node_kind kind, sv_pos pos, size_t capacity)
{
    sv_node *n = sv_arena_alloc(w->arena, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->pos = pos;
    if (kind == SV_NODE_SEQ)
        n->items = sv_arena_calloc(w->arena, capacity ? capacity : 1, sizeof *n->items);
    else
        n->pairs = sv_arena_calloc(w->arena, capacity ? capacity : 1, sizeof *n->pairs);
    return (kind == SV_NODE_SEQ ? (void *)n->items : (void *)n->pairs) ? n : NULL;
}

static sv_pair *pair_of(sv_node *map, const char *key)
{
    if (!map || map->kind != SV_NODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->pairs[i].key->text, key) == 0)
            return &map->pairs[i];
    return NULL;
}

static sv_node *value_of(sv_node *map, const char *key)
{
    sv_pair *p = pair_of(map, key);
    return p ? p->value : NULL;
}

/* Sets map[key] = value, adding the pair (with `key_node` as its key)
 * when it is missing. */
static int map_set(work *w, sv_node *map, const sv_node *key_node, sv_node *value)
{
    sv_pair *p = pair_of(map, key_node->text);
    if (p) {
        p->value = value;
        return 0;
    }
    sv_pair *pairs = sv_arena_calloc(w->arena, map->count + 1, sizeof *pairs);
    if (!pairs)
        return -1;
    memcpy(pairs, map->pairs, map->count * sizeof *pairs);
    pairs[map->count].key = (sv_node *)key_node;
    pairs[map->count].value = value;
    map->pairs = pairs;
    map->count++;
    return 0;
}

static int map_set_text(work *w, sv_node *map, const char *key, sv_node *value)
{
    sv_node *k = new_scalar(w, key, value->pos, true);
    return k ? map_set(w, map, k, value) : -1;
}

static void map_delete(sv_node *map, const char *key)
{
    for (size_t i = 0; i < map->count; i++) {
        if (strcmp(map->pairs[i].key->text, key) == 0) {
            memmove(&map->pairs[i], &map->pairs[i + 1], (map->count - i - 1) * sizeof *map->pairs);
            map->count--;
            return;
        }
    }
}

static int seq_append(work *w, sv_node *seq, sv_node *item)
{
    sv_node **items = sv_arena_calloc(w->arena, seq->count + 1, sizeof *items);
    if (!items)
        return -1;
    memcpy(items, seq->items, seq->count * sizeof *items);
    items[seq->count++] = item;
    seq->items = items;
    return 0;
}

static void seq_delete(sv_node *seq, size_t index)
{
    memmove(&seq->items[index], &seq->items[index + 1], (seq->count - index - 1) * sizeof *seq->items);
    seq->count--;
}

/* The section list `name`, created (empty) when the model has none. */
static sv_node *section(work *w, const char *name, sv_pos pos)
{
    sv_node *s = value_of(w->root, name);
    if (s && s->kind == SV_NODE_SEQ)
        return s;
    sv_node *seq = new_collection(w, SV_NODE_SEQ, pos, 1);
    if (!seq || map_set_text(w, w->root, name, seq) != 0)
        return NULL;
    return seq;
}

/* ---- finding elements ---- */

typedef struct found {
    sv_node *list;     /* the list it stands in */
    size_t index;
    const char *section;
    sv_node *element;
} found;

static bool id_is(const sv_node *element, const char *id)
{
    if (!element || element->kind != SV_NODE_MAP)
        return false;
    for (size_t i = 0; i < element->count; i++)
        if (strcmp(element->pairs[i].key->text, "id") == 0)
            return element->pairs[i].value->kind == SV_NODE_SCALAR &&
                   strcmp(element->pairs[i].value->text, id) == 0;
    return false;
}

static bool find_in(sv_node *list, const char *id, const char *section_name, found *out)
{
    if (!list || list->kind != SV_NODE_SEQ)
        return false;
    for (size_t i = 0; i < list->count; i++) {
        if (id_is(list->items[i], id)) {
            *out = (found){list, i, section_name, list->items[i]};
            return true;
        }
    }
    return false;
}

/* An element by id: in a section, an indicator inside a goal, or a step
 * written "process-id/step-id". */
static bool find_element(work *w, const char *id, found *out)
{
    const char *slash = strchr(id, '/');
    if (slash) {
        char process[128];
        size_t n = (size_t)(slash - id);
        if (n >= sizeof process)
            return false;
        memcpy(process, id, n);
        process[n] = '\0';
        found p;
        return find_in(value_of(w->root, "processes"), process, "processes", &p) &&
               find_in(value_of(p.element, "steps"), slash + 1, "steps", out);
    }
    for (size_t s = 0; s < ELEMENT_SECTION_COUNT; s++)
        if (find_in(value_of(w->root, ELEMENT_SECTIONS[s]), id, ELEMENT_SECTIONS[s], out))
            return true;
    sv_node *goals = value_of(w->root, "goals");
    for (size_t g = 0; goals && goals->kind == SV_NODE_SEQ && g < goals->count; g++)
        if (find_in(value_of(goals->items[g], "indicators"), id, "indicators", out))
            return true;
    return false;
}

/* An id the changes refer to that is not in the model: one a merge took
 * in is named with the merge, so that the writer knows where it went. */
static void no_such_element(work *w, const sv_node *id_node)
{
    for (size_t i = w->merge_count; i-- > 0;) {
        const merge_note *mg = &w->merges[i];
        for (size_t p = 0; p < mg->part_count; p++) {
            if (strcmp(mg->parts[p], id_node->text) != 0)
                continue;
            if (mg->pos.file && id_node->pos.file && strcmp(mg->pos.file, id_node->pos.file) == 0)
                fail(w, "unknown-reference", id_node->pos, _("'%s' was merged into '%s' at line %d"),
                     id_node->text, mg->into, mg->pos.line);
            else
                fail(w, "unknown-reference", id_node->pos, _("'%s' was merged into '%s' at %s:%d"),
                     id_node->text, mg->into, mg->pos.file ? mg->pos.file : "", mg->pos.line);
            return;
        }
    }
    fail(w, "unknown-reference", id_node->pos,
         _("the base model has no element with the id '%s'"), id_node->text);
}

/* ---- rewriting references ---- */

static bool is_ref_key(const char *key)
{
    for (size_t i = 0; i < REF_KEY_COUNT; i++)
        if (strcmp(key, REF_KEYS[i]) == 0)
            return true;
    return false;
}

static bool in_set(const char *text, const char *const *set, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(text, set[i]) == 0)
            return true;
    return false;
}

/* In every reference field of the tree below `node`: a reference to one
 * of `olds` becomes `replacement` (and duplicates in a list go), or, with
 * no replacement, is taken out (a single-valued key goes entirely). */
static int rewrite_refs(work *w, sv_node *node, const char *const *olds, size_t count,
                        const char *replacement)
{
    if (node->kind == SV_NODE_SEQ) {
        for (size_t i = 0; i < node->count; i++)
            if (rewrite_refs(w, node->items[i], olds, count, replacement) != 0)
                return -1;
        return 0;
    }
    if (node->kind != SV_NODE_MAP)
        return 0;
    for (size_t i = 0; i < node->count; i++) {
        sv_pair *p = &node->pairs[i];
        const char *key = p->key->text;
        if (strcmp(key, "next") == 0)
            continue; /* local step references */
        if (!is_ref_key(key)) {
            if (p->value->kind != SV_NODE_SCALAR &&
                rewrite_refs(w, p->value, olds, count, replacement) != 0)
                return -1;
            continue;
        }
        sv_node *v = p->value;
        if (v->kind == SV_NODE_SEQ && v->count && v->items[0]->kind == SV_NODE_MAP) {
            /* the `roles` section, not a list of ids: look inside */
            if (rewrite_refs(w, v, olds, count, replacement) != 0)
                return -1;
            continue;
        }
        if (v->kind == SV_NODE_SCALAR && in_set(v->text, olds, count)) {
            if (replacement) {
                if (!(p->value = new_scalar(w, replacement, v->pos, true)))
                    return -1;
            } else {
                map_delete(node, key);
                i--;
            }
        } else if (v->kind == SV_NODE_SEQ) {
            for (size_t k = 0; k < v->count; k++) {
                sv_node *item = v->items[k];
                if (item->kind != SV_NODE_SCALAR || !in_set(item->text, olds, count))
                    continue;
                if (replacement) {
                    if (!(v->items[k] = new_scalar(w, replacement, item->pos, true)))
                        return -1;
                } else {
                    seq_delete(v, k--);
                }
            }
            /* a merge can make two references the same: keep the first */
            for (size_t a = 0; a < v->count; a++)
                for (size_t b = a + 1; b < v->count; b++)
                    if (v->items[a]->kind == SV_NODE_SCALAR && v->items[b]->kind == SV_NODE_SCALAR &&
                        strcmp(v->items[a]->text, v->items[b]->text) == 0)
                        seq_delete(v, b--);
        }
    }
    return 0;
}

/* ---- merge ---- */

static double number_of(sv_node *n, double fallback)
{
    if (!n || n->kind != SV_NODE_SCALAR)
        return fallback;
    char *end;
    double v = strtod(n->text, &end);
    return end != n->text && *end == '\0' && isfinite(v) ? v : fallback;
}

static sv_node *number_node(work *w, double v, sv_pos pos)
{
    char text[64];
    snprintf(text, sizeof text, "%.10g", v);
    return new_scalar(w, text, pos, true);
}

/* The arrivals per month of the service points at `id` (0 without one):
 * what each part of a merge brings, so that the simulation can draw the
 * merged torg's arrivals from the parts' own streams (common random
 * numbers, src/sim/compare.c). */
static double arrivals_at(work *w, const char *id)
{
    sv_node *list = value_of(w->root, "service_points");
    double sum = 0;
    for (size_t i = 0; list && list->kind == SV_NODE_SEQ && i < list->count; i++) {
        sv_node *at = value_of(list->items[i], "at");
        if (at && at->kind == SV_NODE_SCALAR && strcmp(at->text, id) == 0)
            sum += number_of(value_of(list->items[i], "arrivals_per_month"), 0);
    }
    return sum;
}

/* Service-point facts of the merged parts in one entry: arrivals and slots
 * summed; mean duration, its cv and the outcome shares weighted by
 * arrivals; the intake cadence most parts have (ties: the one with more
 * arrivals; continuous intake counts as a cadence of its own). */
static int merge_service_points(work *w, const char *into, sv_pos pos)
{
    sv_node *list = value_of(w->root, "service_points");
    if (!list || list->kind != SV_NODE_SEQ)
        return 0;
    size_t first = SIZE_MAX, parts = 0;
    for (size_t i = 0; i < list->count; i++) {
        sv_node *at = value_of(list->items[i], "at");
        if (at && at->kind == SV_NODE_SCALAR && strcmp(at->text, into) == 0) {
            if (first == SIZE_MAX)
                first = i;
            parts++;
        }
    }
    if (parts < 2)
        return 0;
    double arrivals = 0, slots = 0, mean = 0, cv = 0;
    sv_node *merged = copy_node(w, list->items[first]);
    sv_node *outcomes = new_collection(w, SV_NODE_MAP, pos, 16);
    sv_node *positive = new_collection(w, SV_NODE_SEQ, pos, 16);
    const char *cadence[64];
    double cadence_weight[64];
    size_t cadences = 0;
    const char *dist = NULL, *dist_of_most = NULL;
    double most = -1;
    bool mixed_dist = false;
    if (!merged || !outcomes || !positive)
        return -1;
    /* labels and weights first */
    for (size_t i = 0; i < list->count; i++) {
        sv_node *sp = list->items[i], *at = value_of(sp, "at");
        if (!at || at->kind != SV_NODE_SCALAR || strcmp(at->text, into) != 0)
            continue;
        double a = number_of(value_of(sp, "arrivals_per_month"), 0);
        arrivals += a;
        slots += number_of(value_of(sp, "slots"), 0);
        sv_node *d = value_of(sp, "duration");
        if (d && d->kind == SV_NODE_MAP) {
            mean += a * number_of(value_of(d, "mean_days"), 0);
            sv_node *dn = value_of(d, "dist");
            const char *name =
                dn && dn->kind == SV_NODE_SCALAR ? sv_synonym_canonical(dn->text) : "exponential";
            cv += a * number_of(value_of(d, "cv"), strcmp(name, "fixed") == 0 ? 0 : 1);
            mixed_dist = mixed_dist || (dist && strcmp(dist, name) != 0);
            dist = name;
            if (a > most) {
                most = a;
                dist_of_most = name;
            }
        }
        sv_node *in = value_of(sp, "intake");
        const char *c = in && in->kind == SV_NODE_SCALAR ? sv_synonym_canonical(in->text) : "";
        size_t k = 0;
        while (k < cadences && strcmp(cadence[k], c) != 0)
            k++;
        if (k == cadences && cadences < 64) {
            cadence[cadences] = c;
            cadence_weight[cadences++] = 0;
        }
        if (k < cadences)
            cadence_weight[k] += 1 + a * 1e-9; /* count, arrivals only break ties */
        sv_node *o = value_of(sp, "outcomes");
        for (size_t j = 0; o && o->kind == SV_NODE_MAP && j < o->count; j++) {
            sv_node *label = o->pairs[j].key;
            sv_node *share = value_of(outcomes, label->text);
            double add = a * number_of(o->pairs[j].value, 0);
            sv_node *sum = number_node(w, number_of(share, 0) + add, pos);
            if (!sum || map_set(w, outcomes, label, sum) != 0)
                return -1;
        }
        sv_node *pv = value_of(sp, "positive");
        for (size_t j = 0; pv && pv->kind == SV_NODE_SEQ && j < pv->count; j++) {
            /* Only text items are compared: a list or mapping here has no
             * text (comparing it crashed on `positive: [{a: b}]`). It is kept,
             * so that the schema stage reports it with its position. */
            bool seen = false;
            for (size_t q = 0; pv->items[j]->kind == SV_NODE_SCALAR && q < positive->count && !seen; q++)
                seen = positive->items[q]->kind == SV_NODE_SCALAR &&
                       strcmp(positive->items[q]->text, pv->items[j]->text) == 0;
            if (!seen && seq_append(w, positive, pv->items[j]) != 0)
                return -1;
        }
    }
    if (arrivals > 0) {
        if (map_set_text(w, merged, "arrivals_per_month", number_node(w, arrivals, pos)) != 0)
            return -1;
        if (dist) {
            sv_node *d = new_collection(w, SV_NODE_MAP, pos, 3);
            if (!d || map_set_text(w, d, "dist", new_scalar(w, mixed_dist ? dist_of_most : dist, pos, true)) ||
                map_set_text(w, d, "mean_days", number_node(w, mean / arrivals, pos)) ||
                map_set_text(w, d, "cv", number_node(w, cv / arrivals, pos)) ||
                map_set_text(w, merged, "duration", d))
                return -1;
        }
        for (size_t j = 0; j < outcomes->count; j++)
            if (!(outcomes->pairs[j].value =
                      number_node(w, number_of(outcomes->pairs[j].value, 0) / arrivals, pos)))
                return -1;
    }
    if (slots > 0 && map_set_text(w, merged, "slots", number_node(w, slots, pos)) != 0)
        return -1;
    if (outcomes->count && map_set_text(w, merged, "outcomes", outcomes) != 0)
        return -1;
    if (positive->count && map_set_text(w, merged, "positive", positive) != 0)
        return -1;
    size_t best = 0;
    for (size_t k = 1; k < cadences; k++)
        if (cadence_weight[k] > cadence_weight[best])
            best = k;
    if (cadences && cadence[best][0]) {
        if (map_set_text(w, merged, "intake", new_scalar(w, cadence[best], pos, true)) != 0)
            return -1;
    } else {
        map_delete(merged, "intake");
    }
    /* the merged entry takes the first part's place; the others go */
    list->items[first] = merged;
    for (size_t i = list->count; i-- > first + 1;) {
        sv_node *at = value_of(list->items[i], "at");
        if (at && at->kind == SV_NODE_SCALAR && strcmp(at->text, into) == 0)
            seq_delete(list, i);
    }
    return 0;
}

/* Union of the list values of `key` in the parts (a single scalar counts
 * as a one-item list). */
static int union_list(work *w, sv_node *merged, const char *key, found *parts, size_t count)
{
    sv_node *u = NULL;
    for (size_t p = 0; p < count; p++) {
        sv_node *v = value_of(parts[p].element, key);
        if (!v)
            continue;
        if (!u && !(u = new_collection(w, SV_NODE_SEQ, v->pos, 16)))
            return -1;
        size_t n = v->kind == SV_NODE_SEQ ? v->count : (v->kind == SV_NODE_SCALAR ? 1 : 0);
        for (size_t i = 0; i < n; i++) {
            sv_node *item = v->kind == SV_NODE_SEQ ? v->items[i] : v;
            bool seen = false;
            for (size_t k = 0; item->kind == SV_NODE_SCALAR && k < u->count && !seen; k++)
                seen = u->items[k]->kind == SV_NODE_SCALAR && strcmp(u->items[k]->text, item->text) == 0;
            if (!seen && seq_append(w, u, item) != 0)
                return -1;
        }
    }
    return u ? map_set_text(w, merged, key, u) : 0;
}

static const char *scalar_text(sv_node *map, const char *key)
{
    sv_node *v = value_of(map, key);
    return v && v->kind == SV_NODE_SCALAR ? v->text : NULL;
}

static void apply_merge(work *w, sv_node *change)
{
    static const char *const keys[] = {"merge", "into", NULL};
    static const char *const into_keys[] = {"id", "name", "reports_to", "note", NULL};
    static const char *const list_keys[] = {"members", "runs_at", "roles", "contributes_to",
                                            "indicators", "steps", "to", "covers", "audited",
                                            "deputies", "leads"};
    if (!sv_node_check_keys(w->diags, change, N_("a 'merge' change"), keys)) {
        w->failed = true;
        return;
    }
    sv_node *list = value_of(change, "merge"), *into = value_of(change, "into");
    if (!into || into->kind != SV_NODE_MAP) {
        fail(w, into ? "wrong-type" : "missing-key", into ? into->pos : change->pos, "%s",
             _("a 'merge' needs 'into' with the id (and name) of the merged element"));
        return;
    }
    if (!sv_node_check_keys(w->diags, into, "'into'", into_keys)) {
        w->failed = true;
        return;
    }
    sv_node *into_id = value_of(into, "id");
    if (!into_id || into_id->kind != SV_NODE_SCALAR) {
        fail(w, "missing-key", into->pos, "%s", _("'into' lacks the required key 'id'"));
        return;
    }
    if (list->kind != SV_NODE_SEQ || list->count < 2) {
        fail(w, "wrong-type", list->pos, "%s", _("'merge' lists the ids of at least two elements"));
        return;
    }
    if (list->count > MAX_MERGE_PARTS) {
        fail(w, "too-large", list->pos,
             _("'merge' takes at most %d elements at a time, not %zu: merge them in steps"),
             MAX_MERGE_PARTS, (size_t)list->count);
        return;
    }
    found parts[MAX_MERGE_PARTS];
    size_t count = 0;
    for (size_t i = 0; i < list->count; i++) {
        sv_node *id = list->items[i];
        if (id->kind != SV_NODE_SCALAR || !find_element(w, id->text, &parts[count])) {
            no_such_element(w, id);
            return;
        }
        if (strcmp(parts[count].section, parts[0].section) != 0) {
            fail(w, "merge-conflict", id->pos,
                 _("'%s' is not of the same kind as '%s': only elements of one kind merge"),
                 id->text, list->items[0]->text);
            return;
        }
        if (strcmp(parts[count].section, "steps") == 0) {
            fail(w, "merge-conflict", id->pos, "%s", _("steps cannot be merged"));
            return;
        }
        /* `merge: [a, a]` into `{id: a}` took the element out altogether,
         * and every reference to it failed in the base file (found while
         * fuzzing the scenario stage) */
        for (size_t q = 0; q < count; q++) {
            if (parts[q].element == parts[count].element) {
                fail(w, "merge-conflict", id->pos,
                     _("'%s' is listed twice: a merge combines different elements"), id->text);
                return;
            }
        }
        count++;
    }
    /* parts that differ in what they are, or in whom they answer to */
    static const char *const same[] = {"level", "kind"};
    for (size_t k = 0; k < 2; k++) {
        for (size_t p = 1; p < count; p++) {
            /* as the values they stand for: `operativ` is `operational` */
            const char *a = scalar_text(parts[0].element, same[k]);
            const char *b = scalar_text(parts[p].element, same[k]);
            if (a && b && strcmp(sv_synonym_canonical(a), sv_synonym_canonical(b)) != 0) {
                fail(w, "merge-conflict", list->items[p]->pos,
                     _("'%s' has %s '%s' and '%s' has '%s': merge elements of one %s only"),
                     list->items[0]->text, same[k], a, list->items[p]->text, b, same[k]);
                return;
            }
        }
    }
    if (!value_of(into, "reports_to")) {
        for (size_t p = 1; p < count; p++) {
            const char *a = scalar_text(parts[0].element, "reports_to");
            const char *b = scalar_text(parts[p].element, "reports_to");
            if ((a || b) && (!a || !b || strcmp(a, b) != 0)) {
                fail(w, "merge-conflict", change->pos,
                     _("'%s' reports to '%s' and '%s' to '%s': say whom the merged element reports "
                       "to with 'reports_to' in 'into'"),
                     list->items[0]->text, a ? a : "-", list->items[p]->text, b ? b : "-");
                return;
            }
        }
    }
    sv_node *merged = copy_node(w, parts[0].element);
    if (!merged)
        goto oom;
    merged->pos = into->pos;
    for (size_t i = 0; i < into->count; i++)
        if (map_set(w, merged, into->pairs[i].key, into->pairs[i].value) != 0)
            goto oom;
    for (size_t k = 0; k < sizeof list_keys / sizeof list_keys[0]; k++)
        if (union_list(w, merged, list_keys[k], parts, count) != 0)
            goto oom;
    const char *olds[MAX_MERGE_PARTS];
    double arrivals[MAX_MERGE_PARTS];
    for (size_t p = 0; p < count; p++) {
        olds[p] = list->items[p]->text;
        arrivals[p] = arrivals_at(w, olds[p]);
    }
    /* the merged element takes the first part's place; the others go
     * (from the back, so that indices stay right) */
    parts[0].list->items[parts[0].index] = merged;
    for (size_t p = count; p-- > 1;) {
        found again;
        if (find_in(parts[p].list, olds[p], parts[p].section, &again))
            seq_delete(again.list, again.index);
    }
    if (rewrite_refs(w, w->root, olds, count, into_id->text) != 0 ||
        merge_service_points(w, into_id->text, change->pos) != 0)
        goto oom;
    merge_note *notes = realloc(w->merges, (w->merge_count + 1) * sizeof *notes);
    if (!notes)
        goto oom;
    w->merges = notes;
    merge_note *note = &w->merges[w->merge_count++];
    note->into = into_id->text;
    note->part_count = count;
    note->pos = change->pos;
    for (size_t p = 0; p < count; p++) {
        note->parts[p] = olds[p];
        note->part_arrivals[p] = arrivals[p];
    }
    return;
oom:
    fail(w, "too-large", change->pos, "%s", _("out of memory while applying the scenario"));
}

/* ---- set, add, remove ---- */

static bool in_keys(const char *key, const char *const *keys)
{
    for (size_t i = 0; keys[i]; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

/* The queue facts a `set` may change on a service point: the keys of its
 * entry of `service_points` but `at`, and those of its `duration`, which
 * may be set one at a time. */
static bool is_service_point_fact(const char *key)
{
    return strcmp(key, "at") != 0 && (in_keys(key, sv_schema_service_point_keys) ||
                                      in_keys(key, sv_schema_duration_keys));
}

/* A key that is neither the body's nor a queue fact but close to a queue
 * fact ("slot"): set on the service point's entry, where the schema's
 * check of keys reports it with "did you mean 'slots'?" at the scenario's
 * line, rather than with the list of a body's keys. */
static bool looks_like_queue_fact(const char *key)
{
    if (in_keys(key, sv_schema_body_keys))
        return false;
    const char *queue[16];
    size_t n = 0;
    for (size_t i = 0; sv_schema_service_point_keys[i] && n < 8; i++)
        if (strcmp(sv_schema_service_point_keys[i], "at") != 0)
            queue[n++] = sv_schema_service_point_keys[i];
    for (size_t i = 0; sv_schema_duration_keys[i] && n < 16; i++)
        queue[n++] = sv_schema_duration_keys[i];
    return sv_closest(key, queue, n) != NULL;
}

static void apply_set(work *w, sv_node *change)
{
    static const char *const keys[] = {"id", "key", "value", NULL};
    sv_node *spec = value_of(change, "set");
    if (spec->kind != SV_NODE_MAP) {
        fail(w, "wrong-type", spec->pos, "%s", _("'set' takes {id: ..., key: ..., value: ...}"));
        return;
    }
    if (!sv_node_check_keys(w->diags, spec, N_("a 'set' change"), keys)) {
        w->failed = true;
        return;
    }
    sv_node *id = value_of(spec, "id"), *key = value_of(spec, "key"), *value = value_of(spec, "value");
    if (!id || !key || !value || id->kind != SV_NODE_SCALAR || key->kind != SV_NODE_SCALAR) {
        fail(w, "missing-key", spec->pos, "%s", _("'set' needs 'id', 'key' and 'value'"));
        return;
    }
    found target;
    if (!find_element(w, id->text, &target)) {
        no_such_element(w, id);
        return;
    }
    if (strcmp(key->text, "id") == 0) {
        fail(w, "invalid-value", key->pos, "%s",
             _("'set' cannot change an id: merge into a new id, or remove and add"));
        return;
    }
    sv_node *map = target.element;
    sv_node *entry = NULL, *points = value_of(w->root, "service_points");
    for (size_t i = 0; points && points->kind == SV_NODE_SEQ && i < points->count && !entry; i++) {
        const char *at = scalar_text(points->items[i], "at");
        if (at && strcmp(at, id->text) == 0)
            entry = points->items[i];
    }
    if (strcmp(target.section, "bodies") == 0 &&
        (is_service_point_fact(key->text) || (entry && looks_like_queue_fact(key->text)))) {
        /* a queue fact: on the service point's entry, made when missing */
        sv_node *list = section(w, "service_points", change->pos);
        map = entry;
        if (list && !map) {
            map = new_collection(w, SV_NODE_MAP, spec->pos, 2);
            if (!map || map_set_text(w, map, "at", new_scalar(w, id->text, id->pos, true)) != 0 ||
                seq_append(w, list, map) != 0)
                map = NULL;
        }
        if (!map) {
            fail(w, "too-large", change->pos, "%s", _("out of memory while applying the scenario"));
            return;
        }
    }
    if (map != target.element && in_keys(key->text, sv_schema_duration_keys)) {
        /* one fact of the duration: the others stay as they are */
        sv_node *duration = value_of(map, "duration");
        if (duration && duration->kind != SV_NODE_MAP) {
            fail(w, "wrong-type", key->pos,
                 _("'%s' cannot be set on its own: the service point's 'duration' is not a mapping"),
                 key->text);
            return;
        }
        if (!duration && (!(duration = new_collection(w, SV_NODE_MAP, spec->pos, 3)) ||
                          map_set_text(w, map, "duration", duration) != 0)) {
            fail(w, "too-large", change->pos, "%s", _("out of memory while applying the scenario"));
            return;
        }
        map = duration;
    }
    if (map_set(w, map, key, value) != 0)
        fail(w, "too-large", change->pos, "%s", _("out of memory while applying the scenario"));
}

static void apply_add(work *w, sv_node *change)
{
    static const char *const sections[] = {"parties", "roles", "people", "bodies", "processes",
                                           "goals", "reporting", "service_points", "projects",
                                           NULL};
    sv_node *spec = value_of(change, "add");
    if (spec->kind != SV_NODE_MAP) {
        fail(w, "wrong-type", spec->pos, "%s",
             _("'add' takes a mapping of sections to elements, e.g. {bodies: [...]}"));
        return;
    }
    if (!sv_node_check_keys(w->diags, spec, N_("an 'add' change"), sections)) {
        w->failed = true;
        return;
    }
    for (size_t i = 0; i < spec->count; i++) {
        sv_node *items = spec->pairs[i].value;
        sv_node *target = section(w, spec->pairs[i].key->text, spec->pairs[i].key->pos);
        if (!target) {
            fail(w, "too-large", change->pos, "%s", _("out of memory while applying the scenario"));
            return;
        }
        size_t n = items->kind == SV_NODE_SEQ ? items->count : 1;
        for (size_t k = 0; k < n; k++)
            if (seq_append(w, target, items->kind == SV_NODE_SEQ ? items->items[k] : items) != 0) {
                fail(w, "too-large", change->pos, "%s", _("out of memory while applying the scenario"));
                return;
            }
    }
}

/* The `meets` of the items of `list` that lost their `before` to a
 * removal: what is left ({days: N} or nothing) says no cadence, so the
 * key goes. */
static void sweep_lost_before(sv_node *list)
{
    for (size_t i = 0; list && list->kind == SV_NODE_SEQ && i < list->count; i++) {
        sv_node *item = list->items[i];
        sv_node *meets = item->kind == SV_NODE_MAP ? value_of(item, "meets") : NULL;
        if (meets && meets->kind == SV_NODE_MAP && !value_of(meets, "before") &&
            !value_of(meets, "times_per_year") && !value_of(meets, "per_term"))
            map_delete(item, "meets");
    }
}

/* Format 1.1: what loses its meaning with a removed party or body goes
 * too: a funding share without its party (the last one takes the shares,
 * or the funding when it gives no total), an evaluation without its
 * evaluator, a for_each list left empty. */
static void sweep_projects_keys(work *w)
{
    sv_node *agreement = value_of(w->root, "agreement");
    sv_node *funding = agreement ? value_of(agreement, "funding") : NULL;
    sv_node *shares = funding ? value_of(funding, "shares") : NULL;
    for (size_t i = shares && shares->kind == SV_NODE_SEQ ? shares->count : 0; i-- > 0;)
        if (shares->items[i]->kind == SV_NODE_MAP && !value_of(shares->items[i], "party"))
            seq_delete(shares, i);
    if (shares && shares->kind == SV_NODE_SEQ && shares->count == 0) {
        /* nobody left who pays: a total still stands on its own, without
         * it the funding says nothing */
        if (value_of(funding, "total_sek"))
            map_delete(funding, "shares");
        else
            map_delete(agreement, "funding");
    }
    sv_node *projects = value_of(w->root, "projects");
    for (size_t i = 0; projects && projects->kind == SV_NODE_SEQ && i < projects->count; i++) {
        sv_node *evaluation = value_of(projects->items[i], "evaluation");
        if (evaluation && evaluation->kind == SV_NODE_MAP && !value_of(evaluation, "by"))
            map_delete(projects->items[i], "evaluation");
    }
    sv_node *bodies = value_of(w->root, "bodies");
    for (size_t i = 0; bodies && bodies->kind == SV_NODE_SEQ && i < bodies->count; i++) {
        sv_node *each = value_of(bodies->items[i], "for_each");
        if (each && each->kind == SV_NODE_SEQ && each->count == 0)
            map_delete(bodies->items[i], "for_each");
    }
}

/* Elements that cannot stand without what was removed go too: a role
 * whose party is gone, a reporting flow without sender or receivers, the
 * queue facts of a removed service point. Their ids are added to `ids`
 * (up to `capacity`); returns how many went. */
static size_t sweep_orphans(work *w, const char **ids, size_t count, size_t capacity)
{
    size_t before = count;
    sv_node *roles = value_of(w->root, "roles");
    for (size_t i = roles && roles->kind == SV_NODE_SEQ ? roles->count : 0; i-- > 0;) {
        sv_node *role = roles->items[i];
        const char *id = scalar_text(role, "id");
        if (role->kind == SV_NODE_MAP && !value_of(role, "party") && id && count < capacity) {
            ids[count++] = id;
            seq_delete(roles, i);
        }
    }
    sv_node *flows = value_of(w->root, "reporting");
    for (size_t i = flows && flows->kind == SV_NODE_SEQ ? flows->count : 0; i-- > 0;) {
        sv_node *flow = flows->items[i], *to = value_of(flow, "to");
        bool no_receiver = !to || (to->kind == SV_NODE_SEQ && to->count == 0);
        if (flow->kind == SV_NODE_MAP && (!value_of(flow, "from") || no_receiver)) {
            const char *id = scalar_text(flow, "id");
            if (id && count < capacity)
                ids[count++] = id;
            seq_delete(flows, i);
        }
    }
    sv_node *list = value_of(w->root, "service_points");
    for (size_t i = list && list->kind == SV_NODE_SEQ ? list->count : 0; i-- > 0;)
        if (!value_of(list->items[i], "at"))
            seq_delete(list, i);
    /* format 1.1: a `meets: {before: BODY}` whose body went says no cadence */
    sweep_lost_before(value_of(w->root, "bodies"));
    sv_node *processes = value_of(w->root, "processes");
    for (size_t i = 0; processes && processes->kind == SV_NODE_SEQ && i < processes->count; i++)
        if (processes->items[i]->kind == SV_NODE_MAP)
            sweep_lost_before(value_of(processes->items[i], "steps"));
    sweep_projects_keys(w);
    return count - before;
}

/* The units of a removed organisation go with it (found by part_of). */
static size_t remove_units(work *w, const char **ids, size_t count, size_t capacity)
{
    size_t before = count;
    sv_node *parties = value_of(w->root, "parties");
    bool more = true;
    while (more) {
        more = false;
        for (size_t i = parties && parties->kind == SV_NODE_SEQ ? parties->count : 0; i-- > 0;) {
            const char *parent = scalar_text(parties->items[i], "part_of");
            const char *id = scalar_text(parties->items[i], "id");
            if (!parent || !id || !in_set(parent, ids, count) || count >= capacity)
                continue;
            ids[count++] = id;
            seq_delete(parties, i);
            more = true;
        }
    }
    return count - before;
}

/* Takes out the elements with these ids and every reference to them, and
 * then whatever could not stand without them. */
static int remove_ids(work *w, const char **ids, size_t count, size_t capacity)
{
    size_t done = 0;
    count += remove_units(w, ids, count, capacity);
    while (done < count) {
        if (rewrite_refs(w, w->root, ids + done, count - done, NULL) != 0)
            return -1;
        done = count;
        count += sweep_orphans(w, ids, count, capacity);
    }
    return 0;
}

static void apply_remove(work *w, sv_node *change)
{
    sv_node *spec = value_of(change, "remove");
    size_t n = spec->kind == SV_NODE_SEQ ? spec->count : 1;
    const char *ids[1024];
    size_t count = 0;
    for (size_t k = 0; k < n && count < 256; k++) {
        sv_node *id = spec->kind == SV_NODE_SEQ ? spec->items[k] : spec;
        found target;
        if (id->kind != SV_NODE_SCALAR || !find_element(w, id->text, &target)) {
            no_such_element(w, id);
            continue;
        }
        seq_delete(target.list, target.index);
        ids[count++] = id->text;
    }
    /* what referred to them loses the reference: the rules then say what breaks */
    if (count && remove_ids(w, ids, count, sizeof ids / sizeof ids[0]) != 0)
        fail(w, "too-large", change->pos, "%s", _("out of memory while applying the scenario"));
}

static void apply_change(work *w, sv_node *change)
{
    static const char *const kinds[] = {"merge", "set", "add", "remove"};
    if (change->kind != SV_NODE_MAP) {
        fail(w, "wrong-type", change->pos, "%s",
             _("a change is a mapping with one of merge, set, add or remove"));
        return;
    }
    int which = -1;
    for (int k = 0; k < 4; k++)
        if (pair_of(change, kinds[k]))
            which = which == -1 ? k : -2;
    switch (which) {
    case 0: apply_merge(w, change); return;
    case 1: apply_set(w, change); return;
    case 2: apply_add(w, change); return;
    case 3: apply_remove(w, change); return;
    case -2:
        fail(w, "wrong-type", change->pos, "%s",
             _("a change does one thing: write merge, set, add and remove as separate items"));
        return;
    default: {
        const char *hint = change->count ? sv_closest(change->pairs[0].key->text, kinds, 4) : NULL;
        if (hint)
            fail(w, "unknown-key", change->pairs[0].key->pos,
                 _("unknown change '%s'; did you mean '%s'?"), change->pairs[0].key->text, hint);
        else
            fail(w, "unknown-key", change->count ? change->pairs[0].key->pos : change->pos, "%s",
                 _("a change is one of merge, set, add or remove"));
    }
    }
}

/* Copies the merges into the model (its arena) for `diff`. */
static int record_merges(sv_model *m, const work *w)
{
    sv_arena *arena = sv_model_internal_arena(m);
    m->merges = sv_arena_calloc(arena, w->merge_count, sizeof *m->merges);
    if (!m->merges)
        return -1;
    for (size_t i = 0; i < w->merge_count; i++) {
        sv_merge *mg = &m->merges[i];
        mg->into = sv_arena_strdup(arena, w->merges[i].into);
        mg->parts = sv_arena_calloc(arena, w->merges[i].part_count, sizeof *mg->parts);
        mg->part_arrivals =
            sv_arena_calloc(arena, w->merges[i].part_count, sizeof *mg->part_arrivals);
        if (!mg->into || !mg->parts || !mg->part_arrivals)
            return -1;
        for (size_t p = 0; p < w->merges[i].part_count; p++) {
            if (!(mg->parts[p] = sv_arena_strdup(arena, w->merges[i].parts[p])))
                return -1;
            mg->part_arrivals[p] = w->merges[i].part_arrivals[p];
        }
        mg->part_count = (uint32_t)w->merges[i].part_count;
        mg->pos = w->merges[i].pos;
    }
    m->merge_count = (uint32_t)w->merge_count;
    return 0;
}

/* ---- loading the chain ---- */

/* Removes "." segments and folds "dir/.." lexically, so that messages
 * name "models/umea-2024.yaml" rather than "models/scenarios/../umea-2024.yaml".
 * (A symbolic link in the path can make the two differ; the file read is
 * the one the folded path names, which is what the user wrote relative to.) */
static void fold_path(char *path)
{
    char *out = path, *in = path;
    bool absolute = *in == '/';
    if (absolute)
        in++, out++;
    char *start = out;
    while (*in) {
        char *end = strchr(in, '/');
        size_t len = end ? (size_t)(end - in) : strlen(in);
        if (len == 0 || (len == 1 && in[0] == '.')) {
            /* skip */
        } else if (len == 2 && in[0] == '.' && in[1] == '.' && out > start &&
                   !(out - start >= 3 && strncmp(out - 3, "../", 3) == 0 &&
                     (out - 3 == start || out[-4] == '/'))) {
            /* drop the last segment written */
            out--;
            while (out > start && out[-1] != '/')
                out--;
        } else {
            memmove(out, in, len);
            out += len;
            *out++ = '/';
        }
        in += len + (end ? 1 : 0);
        if (!end)
            break;
    }
    if (out > start && out[-1] == '/')
        out--;
    *out = '\0';
    if (out == path)
        strcpy(path, ".");
}

/* The base path: relative to the directory of the scenario file. */
static char *base_path(const char *scenario, const char *base)
{
    if (base[0] == '/')
        return strdup(base);
    const char *slash = strrchr(scenario, '/');
    size_t dir = slash ? (size_t)(slash - scenario) + 1 : 0;
    /* + 2: fold_path may write "." into what was an empty path */
    char *path = malloc(dir + strlen(base) + 2);
    if (path) {
        memcpy(path, scenario, dir);
        strcpy(path + dir, base);
        fold_path(path);
    }
    return path;
}

/* The folder a scenario's bases must lie in: the nearest folder upwards
 * from the scenario that marks a project (its .samverkan.yaml, or .git for
 * a repository), else the scenario's own folder. A scenario passed around
 * by e-mail can so name its model beside it or in the project above it, but
 * never /etc/passwd or ~/.ssh. NULL when the folder cannot be resolved. */
static char *project_folder(const char *scenario)
{
    char real[PATH_MAX];
    if (!realpath(scenario, real) || !sv_folder_up(real)) /* the scenario's folder */
        return NULL;
    static const char *const marks[] = {SV_CONFIG_FILE, ".git", NULL};
    char *project = sv_folder_find_up(real, marks, NULL, NULL);
    return project ? project : strdup(real);
}

/* A null or empty scalar: `base:` with nothing after it, or `base: ''`. */
static bool is_empty_value(const sv_node *node)
{
    if (node->len == 0)
        return true;
    return node->plain && (strcmp(node->text, "~") == 0 || strcmp(node->text, "null") == 0 ||
                           strcmp(node->text, "Null") == 0 || strcmp(node->text, "NULL") == 0);
}

/* Declared in samverkan/schema.h. The keys are apply_scenario's, the
 * base's path is base_path's: what check reads is what is told. */
bool sv_scenario_head(const char *path, char **name, char **base)
{
    if (name)
        *name = NULL;
    if (base)
        *base = NULL;
    sv_tree *tree = sv_tree_load_head(path, SV_SCENARIO_HEAD_BYTES);
    const sv_pair *spec = tree ? sv_node_get(sv_tree_root(tree), "scenario") : NULL;
    bool is_scenario = spec && spec->value->kind == SV_NODE_MAP;
    if (is_scenario) {
        const sv_pair *n = sv_node_get(spec->value, "name");
        const sv_pair *b = sv_node_get(spec->value, "base");
        if (name && n && n->value->kind == SV_NODE_SCALAR)
            *name = strdup(n->value->text);
        if (base && b && b->value->kind == SV_NODE_SCALAR && !is_empty_value(b->value))
            *base = base_path(path, b->value->text);
    }
    sv_tree_free(tree);
    return is_scenario;
}

/* Takes `tree` (a scenario) and leaves in w->root the changed copy of its base. */
static void apply_scenario(work *w, sv_tree *tree)
{
    static const char *const top_keys[] = {"samverkan", "scenario", NULL};
    static const char *const keys[] = {"id", "name", "base", "changes", "note", NULL};
    if (keep_tree(w, tree) != 0) {
        fail(w, "too-large", (sv_pos){NULL, 0, 0}, "%s", _("out of memory while applying the scenario"));
        return;
    }
    const sv_source *source = sv_tree_source(tree);
    const sv_node *root = sv_tree_root(tree);
    sv_node *spec = (sv_node *)sv_node_get(root, "scenario")->value;
    if (!sv_node_check_keys(w->diags, root, N_("the scenario file"), top_keys))
        w->failed = true;
    const sv_pair *version = sv_node_get(root, "samverkan");
    if (!version) {
        fail(w, "missing-key", root->pos, "%s", _("the scenario file lacks the required key 'samverkan'"));
    } else if (version->value->kind != SV_NODE_SCALAR ||
               (strcmp(version->value->text, "1") != 0 && strcmp(version->value->text, "1.0") != 0 &&
                strcmp(version->value->text, "1.1") != 0)) {
        fail(w, "unsupported-version", version->value->pos,
             _("this file is written in format version %s; this samverkan reads versions 1 and 1.1"),
             version->value->kind == SV_NODE_SCALAR ? version->value->text : "?");
    }
    if (spec->kind != SV_NODE_MAP) {
        fail(w, "wrong-type", spec->pos, "%s", _("'scenario' must be a mapping of keys"));
        return;
    }
    if (!sv_node_check_keys(w->diags, spec, N_("the scenario"), keys))
        w->failed = true;
    static const char *const required[] = {"id", "name", "base"};
    for (size_t k = 0; k < 3; k++)
        if (!value_of(spec, required[k]))
            fail(w, "missing-key", spec->pos, _("the scenario lacks the required key '%s'"), required[k]);
    sv_node *base = value_of(spec, "base");
    if (w->failed || base->kind != SV_NODE_SCALAR) {
        if (base && base->kind != SV_NODE_SCALAR)
            fail(w, "wrong-type", base->pos, "%s", _("'base' is the path of the base model"));
        return;
    }

    /* a chain that comes back to a file already in it never ends */
    char real[PATH_MAX];
    if (realpath(source->path, real)) {
        for (size_t i = 0; i < w->chain_count; i++) {
            if (strcmp(w->chain[i], real) == 0) {
                fail(w, "scenario-cycle", base->pos,
                     _("the chain of bases comes back to '%s': a scenario cannot be its own base"),
                     source->path);
                return;
            }
        }
        char **grown = realloc(w->chain, (w->chain_count + 1) * sizeof *grown);
        if (grown)
            w->chain = grown;
        if (!grown || !(w->chain[w->chain_count] = strdup(real))) {
            fail(w, "too-large", base->pos, "%s", _("out of memory while applying the scenario"));
            return;
        }
        w->chain_count++;
    }
    if (w->chain_count > MAX_CHAIN) {
        fail(w, "scenario-cycle", base->pos, _("more than %d scenarios on top of each other"), MAX_CHAIN);
        return;
    }

    if (is_empty_value(base)) {
        fail(w, "invalid-value", base->pos, "%s",
             _("'base' is empty; write the path of the base model, relative to this file "
               "(for example base: ../model.yaml)"));
        return;
    }
    char *path = base_path(source->path, base->text);
    if (!path) {
        fail(w, "too-large", base->pos, "%s", _("out of memory while applying the scenario"));
        return;
    }
    /* the first scenario of the chain sets the folder every base must lie in */
    if (!w->project && !(w->limits && w->limits->allow_base_outside))
        w->project = project_folder(source->path);
    char real_base[PATH_MAX];
    if (!(w->limits && w->limits->allow_base_outside) && realpath(path, real_base) &&
        (!w->project || !sv_folder_inside(real_base, w->project))) {
        fail(w, "base-outside", base->pos,
             _("the base model '%s' lies outside the folder '%s' that this scenario belongs to; "
               "move it there, or give --allow-base-outside if you trust this scenario"),
             base->text, w->project ? w->project : ".");
        free(path);
        return;
    }
    sv_tree *base_tree = NULL;
    if (sv_tree_load_regular_file(&base_tree, path, w->limits, w->diags) != 0) {
        /* say where the base was named, too */
        fail(w, "unreadable-file", base->pos, _("the base model '%s' could not be read"), path);
        free(path);
        return;
    }
    const sv_node *base_root = sv_tree_root(base_tree);
    if (base_root->kind != SV_NODE_MAP || !sv_node_get(base_root, "samverkan")) {
        /* say nothing of what the file holds: it may be anyone's file */
        fail(w, "not-a-model", base->pos,
             _("the base '%s' is not a samverkan model: it has no key 'samverkan' at the top"),
             base->text);
        sv_tree_free(base_tree);
        free(path);
        return;
    }
    free(path);
    if (sv_node_get(base_root, "scenario")) {
        apply_scenario(w, base_tree);
    } else {
        if (keep_tree(w, base_tree) != 0 || !(w->root = copy_node(w, sv_tree_root(base_tree)))) {
            fail(w, "too-large", base->pos, "%s", _("out of memory while applying the scenario"));
            return;
        }
    }
    if (w->failed || !w->root)
        return;

    sv_node *changes = value_of(spec, "changes");
    if (!changes)
        return;
    if (changes->kind != SV_NODE_SEQ) {
        fail(w, "wrong-type", changes->pos, "%s", _("'changes' must be a list"));
        return;
    }
    for (size_t i = 0; i < changes->count; i++)
        apply_change(w, changes->items[i]);
}

/* Builds the model from w->root and gives it the merges made. */
static int finish(work *w, sv_model **out)
{
    int result = -1;
    if (!w->failed && w->root) {
        /* the model's own file first: the scenario; then its bases */
        sv_source **sources = malloc(w->tree_count * sizeof *sources);
        if (sources) {
            for (size_t i = 0; i < w->tree_count; i++)
                sources[i] = sv_tree_source(w->trees[i]);
            result = sv_schema_build_root(out, w->root, sources, w->tree_count, w->diags);
            free(sources);
        }
    }
    if (result == 0 && w->merge_count && record_merges(*out, w) != 0) {
        sv_model_free(*out);
        *out = NULL;
        result = -1;
    }
    for (size_t i = 0; i < w->tree_count; i++)
        sv_tree_free(w->trees[i]);
    free(w->trees);
    for (size_t i = 0; i < w->chain_count; i++)
        free(w->chain[i]);
    free(w->chain);
    free(w->project);
    free(w->merges);
    sv_arena_free(w->arena);
    return result;
}

int sv_scenario_build(sv_model **out, sv_tree *tree, const sv_load_limits *limits, sv_diags *diags)
{
    *out = NULL;
    work w = {.limits = limits, .diags = diags};
    if (!(w.arena = sv_arena_new())) {
        sv_tree_free(tree);
        sv_diags_add(diags, "too-large", (sv_pos){NULL, 0, 0}, "%s",
                     _("out of memory while applying the scenario"));
        return -1;
    }
    apply_scenario(&w, tree); /* takes the tree */
    return finish(&w, out);
}

/* A loaded tree into a model: a scenario when its top level has `scenario:`. */
static int model_from_tree(sv_model **out, sv_tree *tree, const sv_load_limits *limits,
                           sv_diags *diags)
{
    /* a file whose top level has `scenario:` changes a base model */
    if (sv_node_get(sv_tree_root(tree), "scenario"))
        return sv_scenario_build(out, tree, limits, diags); /* takes the tree */
    int result = sv_schema_build_releasing(out, tree, diags);
    sv_tree_free(tree);
    return result;
}

int sv_model_load(sv_model **out, const char *path, const sv_load_limits *limits, sv_diags *diags)
{
    *out = NULL;
    sv_tree *tree;
    if (sv_tree_load_file(&tree, path, limits, diags) != 0)
        return -1;
    return model_from_tree(out, tree, limits, diags);
}

int sv_model_load_buffer(sv_model **out, const char *name, const char *data, size_t size,
                         const sv_load_limits *limits, sv_diags *diags)
{
    *out = NULL;
    sv_tree *tree;
    if (sv_tree_load_buffer(&tree, name, data, size, limits, diags) != 0)
        return -1;
    return model_from_tree(out, tree, limits, diags);
}

int sv_model_load_without(sv_model **out, const char *path, const char *const *ids, size_t count,
                          const sv_load_limits *limits, sv_diags *diags)
{
    *out = NULL;
    work w = {.limits = limits, .diags = diags};
    sv_tree *tree;
    if (!(w.arena = sv_arena_new()))
        return -1;
    if (sv_tree_load_file(&tree, path, limits, diags) != 0) {
        sv_arena_free(w.arena);
        return -1;
    }
    if (sv_node_get(sv_tree_root(tree), "scenario")) {
        apply_scenario(&w, tree);
    } else if (keep_tree(&w, tree) != 0 || !(w.root = copy_node(&w, sv_tree_root(tree)))) {
        fail(&w, "too-large", (sv_pos){path, 0, 0}, "%s", _("out of memory while applying the scenario"));
    }
    const char **gone = calloc(count + 1024, sizeof *gone);
    size_t n = 0;
    if (!gone)
        w.failed = true;
    for (size_t i = 0; !w.failed && w.root && i < count; i++) {
        found target;
        if (!find_element(&w, ids[i], &target)) {
            fail(&w, "unknown-reference", (sv_pos){path, 0, 0},
                 _("the model has no element with the id '%s'"), ids[i]);
            continue;
        }
        seq_delete(target.list, target.index);
        gone[n++] = ids[i];
    }
    if (!w.failed && n && remove_ids(&w, gone, n, count + 1024) != 0)
        fail(&w, "too-large", (sv_pos){path, 0, 0}, "%s", _("out of memory while applying the scenario"));
    free(gone);
    return finish(&w, out);
}
