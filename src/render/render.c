/*
 * The render stage's entry points (samverkan/render.h): view and format
 * names, the builder context (palette, finding marks), DOT output with
 * agwrite, and layout plus rendering in a forked child, one for all the
 * views of a render session (sv_render is a session of one view). Graphviz
 * 2.42 can crash, hang or call exit() on inputs it dislikes, so it never
 * runs in the caller's process: the child lays out and renders to memory
 * under CPU and memory limits and sends the bytes back through a pipe, a
 * record per view; anything else it does becomes a message here. The
 * child never outlives samverkan: it dies with its parent
 * (PR_SET_PDEATHSIG), and an interrupt (SIGINT, SIGTERM, SIGHUP, SIGQUIT)
 * that reaches the parent during the layout kills the child first and then
 * ends the parent by the same signal.
 */
#include "render/render_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <graphviz/gvc.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/strmap.h"
#include "util/text.h"

/* The resolution a PNG is drawn at: 150 dpi reads well printed at A4
 * width (SVG and PDF scale). */
#define PNG_DPI 150
#define PNG_DPI_TEXT "150"

/* ---- names ---- */

/* The views, in sv_view_kind's order: the one list from which the help,
 * the unknown-view message and the parser take them (docs/diagrams.md has a
 * section per view, checked against `render --help`). */
static const struct view_entry {
    const char *name;
    const char *usage;   /* as written on the command line */
    bool takes_id;       /* process:ID, party:ID */
    const char *summary; /* one line, English; translated by sv_view_summary */
} views[SV_VIEW_COUNT] = {
    {"governance", "governance", false,
     N_("the levels and bodies: members, chairs, reporting lines")},
    {"process", "process:ID", true, N_("one process in swimlanes, with the RACI of each step")},
    {"raci", "raci", false, N_("the RACI matrix: steps against parties, roles and people")},
    {"party", "party:ID", true, N_("one party: its seats, duties and reporting flows")},
    {"reporting", "reporting", false, N_("who reports what to whom, and how often")},
    {"diff", "diff", false,
     N_("with two inputs, BASE SCENARIO: the scenario's governance against its base")},
};
static const char *const format_names[SV_RENDER_FORMAT_COUNT] = {"svg", "png", "pdf",
                                                                 "dot", "csv", "html"};

const char *sv_view_name(sv_view_kind kind)
{
    return kind < SV_VIEW_COUNT ? views[kind].name : "?";
}

const char *sv_view_usage(sv_view_kind kind)
{
    return kind < SV_VIEW_COUNT ? views[kind].usage : "?";
}

const char *sv_view_summary(sv_view_kind kind)
{
    return kind < SV_VIEW_COUNT ? _(views[kind].summary) : "?";
}

const char *sv_render_format_name(sv_render_format format)
{
    return format < SV_RENDER_FORMAT_COUNT ? format_names[format] : "?";
}

bool sv_render_format_parse(const char *name, sv_render_format *out)
{
    for (int f = 0; f < SV_RENDER_FORMAT_COUNT; f++) {
        if (strcmp(name, format_names[f]) == 0) {
            *out = (sv_render_format)f;
            return true;
        }
    }
    return false;
}

bool sv_render_format_from_path(const char *path, sv_render_format *out)
{
    static const struct {
        const char *ext;
        sv_render_format format;
    } exts[] = {{"svg", SV_RENDER_SVG}, {"png", SV_RENDER_PNG}, {"pdf", SV_RENDER_PDF},
                {"dot", SV_RENDER_DOT}, {"gv", SV_RENDER_DOT},  {"csv", SV_RENDER_CSV},
                {"html", SV_RENDER_HTML}, {"htm", SV_RENDER_HTML}};
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    if (!dot)
        return false;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        const char *a = dot + 1, *b = exts[i].ext;
        while (*a && *b && (*a | 0x20) == *b)
            a++, b++;
        if (!*a && !*b) {
            *out = exts[i].format;
            return true;
        }
    }
    return false;
}

bool sv_render_format_is_binary(sv_render_format format)
{
    return format == SV_RENDER_PNG || format == SV_RENDER_PDF;
}

/* The id of the closest element of `kind` to `id`, for a hint. */
static const char *closest_of_kind(const sv_model *model, sv_kind kind, const char *id)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t limit = strlen(id) / 3 < 2 ? strlen(id) / 3 : 2;
    if (limit == 0)
        limit = 1;
    for (uint32_t i = 0; i < model->element_count; i++) {
        if (model->elements[i].kind != kind)
            continue;
        size_t d = sv_edit_distance(id, model->elements[i].id, limit);
        if (d <= limit && d < best_d) {
            best = model->elements[i].id;
            best_d = d;
        }
    }
    return best;
}

sv_view_parse_result sv_view_parse(sv_view *out, const sv_model *model, const char *text,
                                   const char **hint)
{
    if (hint)
        *hint = NULL;
    out->element = SV_NONE;
    const char *colon = strchr(text, ':');
    size_t name_len = colon ? (size_t)(colon - text) : strlen(text);
    int kind = -1;
    const char *names[SV_VIEW_COUNT];
    for (int v = 0; v < SV_VIEW_COUNT; v++) {
        names[v] = views[v].name;
        if (strlen(names[v]) == name_len && strncmp(text, names[v], name_len) == 0)
            kind = v;
    }
    if (kind < 0) {
        char word[64];
        snprintf(word, sizeof word, "%.*s", (int)(name_len < 63 ? name_len : 63), text);
        if (hint)
            *hint = sv_closest(word, names, SV_VIEW_COUNT);
        return SV_VIEW_UNKNOWN;
    }
    out->kind = (sv_view_kind)kind;
    if (!views[kind].takes_id)
        return colon ? SV_VIEW_TAKES_NO_ID : SV_VIEW_OK;
    if (!colon || !colon[1])
        return SV_VIEW_NEEDS_ID;
    sv_kind want = kind == SV_VIEW_PROCESS ? SV_KIND_PROCESS : SV_KIND_PARTY;
    sv_id el = sv_model_find(model, colon + 1);
    if (el == SV_NONE || model->elements[el].kind != want) {
        if (hint)
            *hint = closest_of_kind(model, want, colon + 1);
        return el == SV_NONE ? SV_VIEW_NO_ELEMENT : SV_VIEW_WRONG_KIND;
    }
    out->element = el;
    return SV_VIEW_OK;
}

/* ---- the builder context ---- */

/* A top-level party takes part when something in the structure names it or
 * one of its units, roles or people: a seat, a chair, a RACI letter, a
 * reporting flow. Only those get a colour of their own, in model order, so
 * that a party has the same colour in every view of the model. */
static int *party_colours(const sv_model *m)
{
    int *colour = malloc((m->party_count + 1) * sizeof *colour);
    bool *active = calloc(m->party_count + 1, sizeof *active);
    if (!colour || !active) {
        free(colour);
        free(active);
        return NULL;
    }
#define ACTIVATE(el)                                                                               \
    do {                                                                                           \
        sv_id top_ = sv_model_top_party(m, (el));                                                  \
        if (top_ != SV_NONE)                                                                       \
            active[m->elements[top_].index] = true;                                                \
    } while (0)
    for (uint32_t b = 0; b < m->body_count; b++) {
        for (uint32_t i = 0; i < m->bodies[b].members.count; i++)
            ACTIVATE(m->bodies[b].members.items[i].target);
        ACTIVATE(m->bodies[b].chair.target);
    }
    for (uint32_t s = 0; s < m->step_count; s++) {
        const sv_refs *lists[] = {&m->steps[s].responsible, &m->steps[s].accountable,
                                  &m->steps[s].consulted, &m->steps[s].informed};
        for (int l = 0; l < 4; l++)
            for (uint32_t i = 0; i < lists[l]->count; i++)
                ACTIVATE(lists[l]->items[i].target);
    }
    for (uint32_t r = 0; r < m->reporting_count; r++) {
        ACTIVATE(m->reporting[r].from.target);
        for (uint32_t i = 0; i < m->reporting[r].to.count; i++)
            ACTIVATE(m->reporting[r].to.items[i].target);
    }
#undef ACTIVATE
    int next = 0;
    for (uint32_t p = 0; p < m->party_count; p++)
        colour[p] = -1;
    for (uint32_t p = 0; p < m->party_count; p++) {
        if (m->parties[p].part_of.target != SV_NONE)
            continue;
        colour[p] = active[p] && next < SV_PALETTE_SIZE ? next++ : SV_PALETTE_SIZE;
    }
    /* units take their top party's colour */
    for (uint32_t p = 0; p < m->party_count; p++) {
        sv_id top = m->parties[p].top;
        if (top != SV_NONE)
            colour[p] = colour[m->elements[top].index];
    }
    free(active);
    return colour;
}

/* Which views mark the findings of each rule: each view marks only what
 * concerns its subject, so that a body's party count is not marked in the
 * reporting view, nor a step's missing accountable in the governance view.
 * One row per rule of the catalogue (a test checks that none is missing and
 * that docs/diagrams.md shows the same table); a rule about something no
 * view draws (goals, funding, the model's own `ignore` entries) marks none. */
#define IN(view) (1u << (view))
#define STRUCTURE (IN(SV_VIEW_GOVERNANCE) | IN(SV_VIEW_DIFF))
#define PROCESS IN(SV_VIEW_PROCESS)
#define RACI IN(SV_VIEW_RACI)
#define PARTY IN(SV_VIEW_PARTY)
#define REPORTING IN(SV_VIEW_REPORTING)
static const struct view_rule {
    const char *rule;
    unsigned views; /* IN(view) for each view that marks it */
} view_rules[] = {
    {"no-decision-body", STRUCTURE},
    {"reporting-line-missing", STRUCTURE | REPORTING},
    {"reporting-cycle", STRUCTURE | REPORTING},
    {"reporting-level-order", STRUCTURE | REPORTING},
    {"body-without-members", STRUCTURE},
    /* a party view shows the party's own seats and chairs, not how the
       bodies it sits in are composed */
    {"body-without-chair", STRUCTURE | PARTY},
    {"party-count-mismatch", STRUCTURE},
    {"signatory-not-represented", STRUCTURE | PARTY},
    {"service-point-unsteered", STRUCTURE},
    {"step-without-accountable", PROCESS | RACI | PARTY},
    {"step-multiple-accountable", PROCESS | RACI | PARTY},
    {"step-without-responsible", PROCESS | RACI | PARTY},
    {"accountable-outside-process", PROCESS | RACI | PARTY},
    {"process-without-start", PROCESS},
    {"process-without-end", PROCESS},
    {"unreachable-step", PROCESS},
    {"dead-end-step", PROCESS},
    {"shares-do-not-sum", PROCESS},
    {"handoff-without-feedback", PROCESS | PARTY},
    {"process-without-follow-up", PROCESS | PARTY},
    {"no-follow-up-after-end", PROCESS | PARTY},
    {"cadence-mismatch", STRUCTURE | REPORTING | PARTY},
    {"goal-without-owner", 0},
    {"goal-without-indicator", 0},
    {"indicator-without-target", 0},
    {"indicator-without-baseline", 0},
    {"goal-not-linked", 0},
    {"results-not-reported", REPORTING | PARTY},
    {"feedback-gap", REPORTING | PARTY},
    {"single-point-of-failure", STRUCTURE | PARTY},
    {"sole-link", STRUCTURE | PARTY},
    {"dual-chair", STRUCTURE | PARTY},
    {"isolated-element", STRUCTURE | PARTY},
    {"suppression-without-reason", 0},
    {"deputy-missing", STRUCTURE},
    {"board-member-not-elected", STRUCTURE},
    {"votes-unequal", STRUCTURE},
    {"mandate-without-scope", STRUCTURE},
    {"funding-shares-do-not-sum", 0},
    {"funding-breaks-finsam", 0},
    {"project-without-owner", STRUCTURE},
    {"project-without-evaluation", STRUCTURE},
    {"project-without-steering", STRUCTURE},
    {"body-after-its-period", STRUCTURE},
};
#undef IN
#undef STRUCTURE
#undef PROCESS
#undef RACI
#undef PARTY
#undef REPORTING

int sv_render_rule_views(const char *rule)
{
    for (size_t i = 0; i < sizeof view_rules / sizeof view_rules[0]; i++)
        if (strcmp(view_rules[i].rule, rule) == 0)
            return (int)view_rules[i].views;
    return -1;
}

bool sv_render_view_concerns(sv_view_kind view, const char *rule)
{
    int marked_by = sv_render_rule_views(rule);
    return view < SV_VIEW_COUNT && marked_by > 0 && (marked_by & (1 << view));
}

int sv_findings_index_build(sv_findings_index *out, const sv_model *model,
                            const sv_findings *findings)
{
    *out = (sv_findings_index){.findings = findings, .element_count = model->element_count};
    size_t n_el = model->element_count;
    out->from = calloc(n_el + 2, sizeof *out->from);
    out->at = calloc(findings->count + 1, sizeof *out->at);
    size_t *fill = calloc(n_el + 1, sizeof *fill);
    if (!out->from || !out->at || !fill) {
        free(fill);
        sv_findings_index_free(out);
        return -1;
    }
    for (size_t i = 0; i < findings->count; i++) {
        const sv_finding *x = &findings->items[i];
        if (!x->suppressed && x->element < n_el)
            out->from[x->element + 1]++;
    }
    for (size_t el = 0; el < n_el; el++)
        out->from[el + 1] += out->from[el];
    for (size_t i = 0; i < findings->count; i++) {
        const sv_finding *x = &findings->items[i];
        if (!x->suppressed && x->element < n_el)
            out->at[out->from[x->element] + fill[x->element]++] = i;
    }
    free(fill);
    return 0;
}

void sv_findings_index_free(sv_findings_index *index)
{
    if (!index)
        return;
    free(index->from);
    free(index->at);
    *index = (sv_findings_index){0};
}

/* The tooltip of each element with unsuppressed findings that the view
 * marks: "rule: message" per finding, escaped as a plain Graphviz string.
 * The findings come grouped by element (the caller's index, or one built
 * here), and whether the view marks a rule is decided once per rule, so
 * that a figure costs one pass over the findings, without a comparison of
 * names for each. */
static bool build_marks(sv_rctx *rc)
{
    const sv_findings *f = rc->options->findings;
    if (!f)
        return true;
    const sv_model *m = rc->model;
    size_t n_el = m->element_count;
    const sv_findings_index *ix = rc->options->findings_index;
    sv_findings_index own = {0};
    if (!ix || ix->findings != f || ix->element_count != n_el) {
        if (sv_findings_index_build(&own, m, f) != 0)
            return false;
        ix = &own;
    }
    size_t rule_count = sv_rule_count();
    unsigned char *concerns = malloc(rule_count + 1);
    rc->mark_tip = calloc(n_el + 1, sizeof *rc->mark_tip);
    rc->mark_count = calloc(n_el + 1, sizeof *rc->mark_count);
    rc->mark_rules = calloc(n_el + 1, sizeof *rc->mark_rules);
    rc->mark_first = calloc(n_el + 1, sizeof *rc->mark_first);
    rc->mark_from = calloc(n_el + 2, sizeof *rc->mark_from);
    rc->mark_at = calloc(f->count + 1, sizeof *rc->mark_at);
    if (!concerns || !rc->mark_tip || !rc->mark_count || !rc->mark_rules || !rc->mark_first ||
        !rc->mark_from || !rc->mark_at) {
        free(concerns);
        sv_findings_index_free(&own);
        return false;
    }
    sv_view_kind view = rc->options->view.kind;
    for (size_t r = 0; r < rule_count; r++) {
        const sv_rule_info *rule = sv_rule_at(r);
        concerns[r] = rule && sv_render_view_concerns(view, rule->name);
    }
    size_t marked = 0;
    for (size_t el = 0; el < n_el; el++) {
        rc->mark_from[el] = marked;
        for (size_t k = ix->from[el]; k < ix->from[el + 1]; k++) {
            size_t rule = f->items[ix->at[k]].rule;
            if (rule < rule_count && concerns[rule])
                rc->mark_at[marked++] = ix->at[k];
        }
    }
    rc->mark_from[n_el] = rc->mark_from[n_el + 1] = marked;
    free(concerns);
    sv_findings_index_free(&own);
    sv_sb tip, rules;
    sv_sb_init(&tip);
    sv_sb_init(&rules);
    bool ok = true;
    for (sv_id el = 0; el < n_el && ok; el++) {
        size_t from = rc->mark_from[el], to = rc->mark_from[el + 1];
        if (from == to)
            continue;
        rc->mark_first[el] = rc->mark_at[from];
        sv_sb_clear(&tip);
        sv_sb_clear(&rules);
        uint32_t n = 0;
        for (size_t k = from; k < to; k++) {
            const sv_finding *x = &f->items[rc->mark_at[k]];
            if (n > 0)
                sv_sb_puts(&tip, "\\n");
            if (n == 8) {
                sv_sb_puts(&tip, SV_ELLIPSIS);
                n++;
                continue;
            }
            if (n > 8) {
                n++;
                continue;
            }
            const sv_rule_info *rule = sv_rule_at(x->rule);
            sv_sb_printf(&tip, "[%s] ", rule->name);
            if (!strstr(sv_sb_text(&rules), rule->name))
                sv_sb_printf(&rules, "%s%s", rules.len ? ", " : "", rule->name);
            sv_sb_user(&tip, SV_ESC_PLAIN, x->message ? x->message : "", SV_NOTE_MAX, 0, 1);
            n++;
        }
        rc->mark_tip[el] = strdup(sv_sb_text(&tip));
        rc->mark_rules[el] = strdup(sv_sb_text(&rules));
        rc->mark_count[el] = n;
        ok = !tip.failed && !rules.failed && rc->mark_tip[el] && rc->mark_rules[el];
    }
    sv_sb_free(&tip);
    sv_sb_free(&rules);
    return ok;
}

void sv_render_marks_free(sv_render_marks *marks)
{
    if (!marks)
        return;
    free(marks->elements);
    marks->elements = NULL;
    marks->count = 0;
}

static void rctx_free(sv_rctx *rc)
{
    for (uint32_t i = 0; i < rc->model->element_count; i++) {
        if (rc->mark_tip)
            free(rc->mark_tip[i]);
        if (rc->mark_rules)
            free(rc->mark_rules[i]);
    }
    free(rc->mark_tip);
    free(rc->mark_rules);
    free(rc->mark_count);
    free(rc->mark_first);
    free(rc->mark_from);
    free(rc->mark_at);
    free(rc->drawn);
    free(rc->mark_number);
    free(rc->mark_order);
    free(rc->party_colour);
    free(rc->legend_party);
    sv_sb_free(&rc->sb);
}

/* ---- deterministic object ids ----
 *
 * cgraph's default id discipline makes a named object's id the address of
 * its interned name, and keeps subgraphs ordered by id: the order of the
 * clusters, and with it the layout, would then follow malloc. This
 * discipline numbers names in the order they are first seen (even ids) and
 * anonymous objects (edges) likewise (odd ids, as cgraph's own), so that
 * the same model always gives the same graph. It keeps its own name table
 * rather than cgraph's internal map, whose entry for the root graph's name
 * agclose never frees. */

typedef struct id_state {
    IDTYPE next_anonymous;
    char **names;      /* id 2 * (i + 1) -> names[i] */
    uint32_t count, capacity;
    sv_strmap index;   /* name -> i */
} id_state;

static void *id_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)g;
    (void)disc;
    id_state *s = calloc(1, sizeof *s);
    if (s) {
        s->next_anonymous = 1;
        sv_strmap_init(&s->index);
    }
    return s;
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    (void)objtype;
    id_state *s = state;
    if (!str) {
        *id = s->next_anonymous;
        s->next_anonymous += 2;
        return 1;
    }
    uint32_t i;
    if (sv_strmap_get(&s->index, str, strlen(str), &i)) {
        *id = 2 * ((IDTYPE)i + 1);
        return 1;
    }
    if (!createflag)
        return 0;
    if (s->count == s->capacity) {
        uint32_t cap = s->capacity ? s->capacity * 2 : 64;
        char **names = realloc(s->names, cap * sizeof *names);
        if (!names)
            return 0;
        s->names = names;
        s->capacity = cap;
    }
    /* a refstr, since agwrite asks aghtmlstr() about every name; in the
     * shared dictionary (graph NULL), which outlives the graph's own */
    char *copy = agstrdup(NULL, str);
    if (!copy)
        return 0;
    if (sv_strmap_put(&s->index, copy, strlen(copy), s->count, NULL) != 1) {
        agstrfree(NULL, copy);
        return 0;
    }
    s->names[s->count] = copy;
    *id = 2 * ((IDTYPE)s->count + 1);
    s->count++;
    return 1;
}

static long id_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
    return 0;
}

static void id_free(void *state, int objtype, IDTYPE id)
{
    /* names live until the graph is closed: a name may name a node and a
     * subgraph at once */
    (void)state;
    (void)objtype;
    (void)id;
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
    (void)objtype;
    id_state *s = state;
    if (id % 2 != 0 || id == 0 || id / 2 > s->count)
        return NULL;
    return s->names[id / 2 - 1];
}

static void id_close(void *state)
{
    id_state *s = state;
    if (!s)
        return;
    for (uint32_t i = 0; i < s->count; i++)
        agstrfree(NULL, s->names[i]);
    free(s->names);
    sv_strmap_free(&s->index);
    free(s);
}

static void id_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static const Agiddisc_t sequential_ids = {id_open, id_map, id_alloc, id_free, id_print,
                                          id_close, id_register};
/* ---- DOT output through a sink ----
 *
 * agwrite writes through the graph's I/O discipline; ours counts what it
 * writes (bytes, '<' of HTML-like labels, '\\' of line breaks in plain
 * ones) and passes it on to a FILE, or to nothing: the same walk gives the
 * DOT text and, before any layout, the figures for the size estimate. */

typedef struct dot_sink {
    FILE *file;        /* NULL: only count */
    uint64_t bytes;
    uint64_t tags;     /* '<': a cell, a line break or a font change in an HTML-like label */
    uint64_t escapes;  /* '\\': a line break (\n, \l) in a plain label, or an escaped one */
} dot_sink;

static int sink_put(void *chan, const char *text)
{
    dot_sink *k = chan;
    size_t n = strlen(text);
    k->bytes += n;
    for (const char *c = text; *c; c++) {
        k->tags += *c == '<';
        k->escapes += *c == '\\';
    }
    if (k->file && fputs(text, k->file) == EOF)
        return EOF;
    return 0;
}

static int sink_flush(void *chan)
{
    dot_sink *k = chan;
    return k->file ? fflush(k->file) : 0;
}

/* cgraph's API takes its disciplines as non-const pointers but only calls
 * through them (agopen copies the Agdisc_t): the casts drop a const that
 * keeps them read-only here. */
static const Agiodisc_t sink_io = {NULL, sink_put, sink_flush};
static const Agdisc_t render_disc = {&AgMemDisc, (Agiddisc_t *)&sequential_ids,
                                     (Agiodisc_t *)&sink_io};

Agraph_t *sv_render_build(const sv_model *model, const sv_render_options *options,
                          sv_diags *diags)
{
    sv_rctx rc = {.model = model, .options = options, .diags = diags};
    sv_sb_init(&rc.sb);
    rc.party_colour = party_colours(model);
    rc.legend_party = calloc(model->party_count + 1, sizeof *rc.legend_party);
    if (!rc.party_colour || !rc.legend_party || !build_marks(&rc)) {
        sv_diags_add(diags, "render", sv_rc_file_pos(&rc), "%s", _("out of memory"));
        rctx_free(&rc);
        return NULL;
    }
    /* "G" is the graph's name, shown only in SVG's <title>; never user text */
    rc.g = agopen("G", Agdirected, (Agdisc_t *)&render_disc);
    if (!rc.g) {
        sv_diags_add(diags, "render", sv_rc_file_pos(&rc), "%s", _("out of memory"));
        rctx_free(&rc);
        return NULL;
    }
    /* defaults declared once, so that agwrite lists them first and every
     * view reads alike: DejaVu Sans carries å ä ö and most scripts */
    agattr(rc.g, AGRAPH, "fontname", SV_FONT);
    agattr(rc.g, AGRAPH, "fontsize", "11");
    agattr(rc.g, AGRAPH, "bgcolor", "white");
    agattr(rc.g, AGRAPH, "pad", "0.2");
    agattr(rc.g, AGNODE, "fontname", SV_FONT);
    agattr(rc.g, AGNODE, "fontsize", "10");
    agattr(rc.g, AGNODE, "label", "");
    agattr(rc.g, AGEDGE, "fontname", SV_FONT);
    agattr(rc.g, AGEDGE, "fontsize", "9");
    int result = -1;
    switch (options->view.kind) {
    case SV_VIEW_GOVERNANCE: result = sv_view_governance(&rc); break;
    case SV_VIEW_PROCESS:
        if (options->view.element != SV_NONE &&
            model->elements[options->view.element].kind == SV_KIND_PROCESS)
            result = sv_view_process(&rc, model->elements[options->view.element].index);
        break;
    case SV_VIEW_RACI: result = sv_view_raci(&rc); break;
    case SV_VIEW_PARTY:
        if (options->view.element != SV_NONE &&
            model->elements[options->view.element].kind == SV_KIND_PARTY)
            result = sv_view_party(&rc, model->elements[options->view.element].index);
        break;
    case SV_VIEW_REPORTING: result = sv_view_reporting(&rc); break;
    case SV_VIEW_DIFF:
        if (options->base && options->diff)
            result = sv_view_diff(&rc);
        else
            sv_diags_add(
                diags, "render", sv_rc_file_pos(&rc), "%s",
                _("the diff view needs two models: samverkan render BASE SCENARIO --view diff"));
        break;
    default: break;
    }
    if (result == 0 && (rc.failed || rc.sb.failed)) {
        if (!rc.failed)
            sv_diags_add(diags, "render", sv_rc_file_pos(&rc), "%s", _("out of memory"));
        result = -1;
    }
    if (result != 0 && !rc.failed && diags->count == 0)
        sv_diags_add(diags, "render", sv_rc_file_pos(&rc), "%s", _("this view needs an element"));
    if (result != 0) {
        agclose(rc.g);
        rc.g = NULL;
    }
    rctx_free(&rc);
    return rc.g;
}

/* ---- DOT: the graph as built, before layout ---- */

static int write_dot(Agraph_t *g, FILE *out)
{
    dot_sink sink = {.file = out};
    return agwrite(g, &sink) == 0 && !ferror(out) ? 0 : -1;
}

/* What a drawing of `g` may take at most: the DOT text exactly, and for
 * SVG, PNG and PDF twice the text (coordinates and styles repeat every
 * string) plus 200 bytes for each cell, line break or font change of a
 * label (a polygon or a <text> element each) and 600 for each node and
 * edge (its group, title, shape and path). Checked against a few hundred
 * drawings of the bundled and generated models: the actual SVG stays
 * below half of it. */
static uint64_t drawing_estimate(Agraph_t *g, sv_render_format format)
{
    dot_sink count = {0};
    if (agwrite(g, &count) != 0)
        return UINT64_MAX;
    if (format == SV_RENDER_DOT)
        return count.bytes;
    return 2 * count.bytes + 200 * (count.tags + count.escapes) +
           600 * ((uint64_t)agnnodes(g) + (uint64_t)agnedges(g)) + 4096;
}

/* ---- layout and rendering in a child process ----
 *
 * A render session (sv_render_session_*) lays out all its views in one
 * child: the graphs are built in the caller's process first, the child
 * inherits them with fork, starts Graphviz once (gvContext, its plugins,
 * fontconfig: some 10 ms of CPU and 40-100 ms of wall time on a loaded
 * machine) and sends one record per view, in the order they were added,
 * each as soon as it is drawn. The first failure ends the child and the
 * session: the views after it are not drawn. */

typedef enum job_state {
    JOB_LAYOUT, /* built, waits for the layout */
    JOB_DONE,   /* out and out_len hold the bytes */
    JOB_FAILED  /* not drawn (the reason is in the caller's diagnostics) */
} job_state;

typedef struct render_job {
    job_state state;
    Agraph_t *g;             /* the built view, until it has been laid out */
    const char *engine;      /* "dot" or "sfdp" */
    const char *device;      /* "svg", "png:cairo", "pdf:cairo" */
    sv_render_format format;
    sv_view_kind view;
    int nodes, edges;        /* of the built graph, for messages */
    double seconds;          /* CPU seconds for this view's layout and rendering */
    size_t memory;           /* bytes of address space */
    uint64_t output_limit;
    char *label;             /* names the view in messages about its layout, or NULL */
    bool in_process;         /* laid out in the calling process (options->in_process) */
    sv_pos pos;
    char *out;
    size_t out_len;
} render_job;

struct sv_render_session {
    render_job *jobs;
    size_t count, cap;
};

typedef struct child_header {
    uint32_t magic;
    uint32_t job;   /* the index of the view in the session */
    int32_t status; /* 0: the drawing follows; 1: a Graphviz message follows */
    uint32_t unused;
    uint64_t len;
} child_header;
#define CHILD_MAGIC 0x53564752u /* "SVGR" */

/* Graphviz's messages in the child, kept for the parent. Writable static:
 * agseterrf takes no pointer of ours, and only the forked child, which has
 * one thread, writes it. */
static sv_sb child_messages;

static int capture_message(char *text)
{
    if (child_messages.len < 4000)
        sv_sb_puts(&child_messages, text);
    return 0;
}

static bool write_fd(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* One record; a pipe that fails ends the child (exit status 3). */
static void child_send(int fd, size_t job, int status, const char *data, size_t len)
{
    child_header h = {CHILD_MAGIC, (uint32_t)job, status, 0, len};
    if (!write_fd(fd, &h, sizeof h) || !write_fd(fd, data, len))
        _exit(3);
}

/* Graphviz's words about view `job`; the session ends with it. */
static void child_fail(int fd, size_t job)
{
    const char *msg = sv_sb_text(&child_messages);
    child_send(fd, job, 1, msg, strlen(msg));
    _exit(0);
}

/* CPU seconds the child has used, whole seconds down. */
static rlim_t cpu_used(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (rlim_t)ru.ru_utime.tv_sec + (rlim_t)ru.ru_stime.tv_sec +
           (rlim_t)((ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000000);
}

/* The child: limits, then layout, render and send for each view; never
 * returns. The CPU limit is per view: before each, the soft limit is
 * moved to the time used so far plus the view's seconds (and one, as the
 * limit counts whole seconds), so that SIGXCPU stops a view that takes too
 * long wherever it comes in the session; the hard limit, the sum of them
 * all, bounds the session should SIGXCPU be ignored. The memory limit is
 * the largest of the views'. */
static void child_run(int fd, sv_render_session *s)
{
    rlim_t session_cpu = 2;
    size_t bytes = 0;
    for (size_t i = 0; i < s->count; i++) {
        if (s->jobs[i].state != JOB_LAYOUT)
            continue;
        session_cpu += (rlim_t)s->jobs[i].seconds + 1;
        if (s->jobs[i].memory > bytes)
            bytes = s->jobs[i].memory;
    }
    struct rlimit cpu = {session_cpu - 1, session_cpu};
    setrlimit(RLIMIT_CPU, &cpu);
#if !defined(__SANITIZE_ADDRESS__)
    /* AddressSanitizer reserves terabytes of address space up front, so
     * the memory limit is left out in the sanitizer build */
    struct rlimit mem = {(rlim_t)bytes, (rlim_t)bytes};
    setrlimit(RLIMIT_AS, &mem);
#else
    (void)bytes;
#endif
    /* cairo stamps PDFs with the local time; in UTC the stamp has a fixed
     * length, which the parent then overwrites (see fix_pdf_date) */
    setenv("TZ", "UTC", 1);
    tzset();
    sv_sb_init(&child_messages);
    agseterrf(capture_message);
    agseterr(AGERR);
    GVC_t *gvc = NULL;
    for (size_t i = 0; i < s->count; i++) {
        render_job *job = &s->jobs[i];
        if (job->state != JOB_LAYOUT)
            continue;
        rlim_t soft = cpu_used() + (rlim_t)job->seconds + 1;
        cpu.rlim_cur = soft < session_cpu ? soft : session_cpu - 1;
        setrlimit(RLIMIT_CPU, &cpu);
        sv_sb_clear(&child_messages);
        agreseterrors();
        if (!gvc && !(gvc = gvContext())) {
            sv_sb_puts(&child_messages, "cannot start Graphviz");
            child_fail(fd, i);
        }
        if (strncmp(job->device, "png", 3) == 0)
            agsafeset(job->g, "dpi", PNG_DPI_TEXT, "");
        /* HTML-like label errors still return 0 from gvLayout: check agerrors */
        if (gvLayout(gvc, job->g, job->engine) != 0 || agerrors() >= AGERR)
            child_fail(fd, i);
        char *data = NULL;
        unsigned int len = 0;
        if (gvRenderData(gvc, job->g, job->device, &data, &len) != 0 || agerrors() >= AGERR ||
            !data)
            child_fail(fd, i);
        child_send(fd, i, 0, data, len);
        gvFreeRenderData(data);
        gvFreeLayout(gvc, job->g);
    }
    _exit(0);
}

/* ---- interrupts during the layout ----
 *
 * While the child lays out, SIGINT, SIGTERM, SIGHUP and SIGQUIT are
 * caught. The handler kills the child at once — with SIGKILL, since
 * Graphviz has nothing to save and the child may have inherited an ignored
 * SIGINT — and once the child is gone the parent puts the old dispositions
 * back and raises the signal again, so that samverkan ends as killed by it
 * (status 128 + the signal's number in a shell) with nothing written: no
 * output or temporary file exists during a layout. Every command that lays
 * out (render, report) goes through here. A signal that was ignored when
 * samverkan started (nohup, a background job of a script) stays ignored. */

static const int interrupt_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define INTERRUPT_COUNT (sizeof interrupt_signals / sizeof interrupt_signals[0])
/* Writable statics: a signal handler can reach nothing else. Set only while
 * a layout child runs, which the one thread that renders waits for. */
static volatile sig_atomic_t layout_child; /* its pid while it may run, else 0 */
static volatile sig_atomic_t interrupted;  /* the first signal caught, else 0 */

static void on_interrupt(int signo)
{
    int saved = errno;
    if (!interrupted)
        interrupted = signo;
    /* never kill(0): that would be the whole process group */
    if (layout_child > 0)
        kill((pid_t)layout_child, SIGKILL);
    errno = saved;
}

typedef struct interrupt_state {
    struct sigaction old[INTERRUPT_COUNT];
    bool handled[INTERRUPT_COUNT]; /* on_interrupt installed for it */
    sigset_t set, saved_mask;
} interrupt_state;

/* Blocks the interrupts and installs on_interrupt for each that would
 * kill; they stay blocked until the fork is done and the child's pid is
 * known, so that none can fall between the two. */
static void interrupts_catch(interrupt_state *st)
{
    sigemptyset(&st->set);
    for (size_t i = 0; i < INTERRUPT_COUNT; i++)
        sigaddset(&st->set, interrupt_signals[i]);
    sigprocmask(SIG_BLOCK, &st->set, &st->saved_mask);
    interrupted = 0;
    layout_child = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sa.sa_mask = st->set;
    for (size_t i = 0; i < INTERRUPT_COUNT; i++) {
        st->handled[i] = false;
        if (sigaction(interrupt_signals[i], NULL, &st->old[i]) != 0)
            continue;
        if ((st->old[i].sa_flags & SA_SIGINFO) || st->old[i].sa_handler != SIG_DFL)
            continue;
        st->handled[i] = sigaction(interrupt_signals[i], &sa, NULL) == 0;
    }
}

/* The old dispositions back (the mask is left as it is). */
static void interrupts_restore(interrupt_state *st)
{
    for (size_t i = 0; i < INTERRUPT_COUNT; i++)
        if (st->handled[i])
            sigaction(interrupt_signals[i], &st->old[i], NULL);
}

/* After the child is reaped: the old dispositions and mask back, and an
 * interrupt caught meanwhile raised again, which ends the process. */
static void interrupts_release(interrupt_state *st)
{
    sigprocmask(SIG_BLOCK, &st->set, NULL);
    layout_child = 0;
    interrupts_restore(st);
    int signo = interrupted;
    interrupted = 0;
    if (signo)
        raise(signo); /* pending until the mask is restored */
    sigprocmask(SIG_SETMASK, &st->saved_mask, NULL);
    if (signo)
        _exit(128 + signo); /* only if the caller had it blocked */
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* cairo 1.16 writes the time of rendering into every PDF
 * ("/CreationDate (D:20241119120000Z)"), which would make two renders
 * differ. The date is replaced by SOURCE_DATE_EPOCH's, or by 2000-01-01,
 * with the same number of bytes so that the cross-reference offsets stay
 * right. */
static void fix_pdf_date(char *data, size_t len)
{
    static const char key[] = "/CreationDate (D:";
    size_t klen = sizeof key - 1;
    char stamp[16] = "20000101000000";
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        long long v = strtoll(epoch, &end, 10);
        struct tm tm;
        time_t t = (time_t)v;
        if (!*end && v >= 0 && gmtime_r(&t, &tm))
            strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
    }
    for (size_t i = 0; i + klen + 14 <= len; i++) {
        if (memcmp(data + i, key, klen) != 0)
            continue;
        char *digits = data + i + klen;
        bool ok = true;
        for (int k = 0; k < 14; k++)
            ok = ok && digits[k] >= '0' && digits[k] <= '9';
        if (ok && strlen(stamp) == 14)
            memcpy(digits, stamp, 14);
    }
}

/* Written into the PNG as its pHYs chunk: cairo writes none, so Word and
 * LibreOffice would place the picture at 96 dpi, half again too large. */
static uint32_t png_crc(const unsigned char *data, size_t len)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

static void put_be32(unsigned char *at, uint32_t v)
{
    at[0] = (unsigned char)(v >> 24);
    at[1] = (unsigned char)(v >> 16);
    at[2] = (unsigned char)(v >> 8);
    at[3] = (unsigned char)v;
}

/* Inserts a pHYs chunk (pixels per metre, both axes) right after IHDR,
 * where the PNG specification wants it (before the first IDAT); a PNG that
 * has one already, or is not the signature + IHDR we expect, is left as it
 * is. false when out of memory. */
static bool add_png_dpi(char **data, size_t *len)
{
    const size_t after_ihdr = 8 + 4 + 4 + 13 + 4;
    unsigned char *png = (unsigned char *)*data;
    if (*len < after_ihdr || memcmp(png, "\x89PNG\r\n\x1a\n", 8) != 0 ||
        memcmp(png + 12, "IHDR", 4) != 0)
        return true;
    for (size_t at = 8; at + 8 <= *len;) {
        uint32_t n = (uint32_t)png[at] << 24 | (uint32_t)png[at + 1] << 16 |
                     (uint32_t)png[at + 2] << 8 | png[at + 3];
        if (memcmp(png + at + 4, "pHYs", 4) == 0)
            return true;
        if (memcmp(png + at + 4, "IDAT", 4) == 0 || n > *len - at - 12)
            break;
        at += 12 + (size_t)n;
    }
    unsigned char chunk[4 + 4 + 9 + 4];
    uint32_t per_metre = (uint32_t)(PNG_DPI / 0.0254 + 0.5);
    put_be32(chunk, 9);
    memcpy(chunk + 4, "pHYs", 4);
    put_be32(chunk + 8, per_metre);
    put_be32(chunk + 12, per_metre);
    chunk[16] = 1; /* the unit is the metre */
    put_be32(chunk + 17, png_crc(chunk + 4, 4 + 9));
    char *grown = realloc(*data, *len + sizeof chunk + 1);
    if (!grown)
        return false;
    memmove(grown + after_ihdr + sizeof chunk, grown + after_ihdr, *len - after_ihdr);
    memcpy(grown + after_ihdr, chunk, sizeof chunk);
    *len += sizeof chunk;
    grown[*len] = '\0';
    *data = grown;
    return true;
}

/* A diagnostic about the layout of one view, named by its label. */
static void job_diag(const render_job *job, sv_diags *diags, const char *code, const char *fmt,
                     ...) __attribute__((format(printf, 4, 5)));
static void job_diag(const render_job *job, sv_diags *diags, const char *code, const char *fmt,
                     ...)
{
    char text[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (job->label)
        sv_diags_add(diags, code, job->pos, "%s: %s", job->label, text);
    else
        sv_diags_add(diags, code, job->pos, "%s", text);
}

/* What the parent has read of the child's records. */
typedef struct session_reader {
    sv_render_session *s;
    sv_sb got;        /* bytes not yet taken as a record */
    size_t next;      /* the view whose record comes next (s->count: none) */
    bool refused;     /* Graphviz's words came for `next`: it is the one that failed */
    bool garbled;     /* a record that is not the one expected */
    char message[400];
} session_reader;

static size_t next_layout(const sv_render_session *s, size_t from)
{
    while (from < s->count && s->jobs[from].state != JOB_LAYOUT)
        from++;
    return from;
}

/* Takes the complete records at the start of r->got; true when one was. */
static bool take_records(session_reader *r)
{
    size_t at = 0;
    bool took = false;
    child_header h;
    while (!r->refused && !r->garbled && r->got.len - at >= sizeof h) {
        memcpy(&h, r->got.data + at, sizeof h);
        if (h.magic != CHILD_MAGIC || h.job != r->next || r->next >= r->s->count) {
            r->garbled = true;
            break;
        }
        if (r->got.len - at - sizeof h < h.len)
            break;
        const char *data = r->got.data + at + sizeof h;
        render_job *job = &r->s->jobs[r->next];
        if (h.status != 0) {
            /* Graphviz's own words, one line, as much as fits */
            size_t n = h.len < sizeof r->message - 1 ? (size_t)h.len : sizeof r->message - 1;
            memcpy(r->message, data, n);
            r->message[n] = '\0';
            for (char *c = r->message; *c; c++)
                if (*c == '\n' || *c == '\r' || *c == '\t')
                    *c = ' ';
            while (n > 0 && r->message[n - 1] == ' ')
                r->message[--n] = '\0';
            r->refused = true;
        } else {
            job->out = malloc((size_t)h.len + 1);
            if (!job->out) {
                r->got.failed = true;
                break;
            }
            memcpy(job->out, data, (size_t)h.len);
            job->out[h.len] = '\0';
            job->out_len = (size_t)h.len;
            job->state = JOB_DONE;
            r->next = next_layout(r->s, r->next + 1);
        }
        at += sizeof h + (size_t)h.len;
        took = true;
    }
    if (at > 0) {
        memmove(r->got.data, r->got.data + at, r->got.len - at);
        r->got.len -= at;
    }
    return took;
}

/* The wall clock a view may take: CPU time bounds the child, the wall
 * clock only guards against a child that sleeps or waits, so it is
 * generous. */
static double wall_allowance(const render_job *job)
{
    return job->seconds * 3 + 10;
}

/* Reads the child's records as they come until it closes the pipe; each
 * view has its own wall-clock allowance, counted from the record before. */
static int read_child(int fd, session_reader *r, bool *timed_out)
{
    char buf[65536];
    double deadline = now_seconds() + wall_allowance(&r->s->jobs[r->next]);
    for (;;) {
        if (interrupted)
            return -1;
        double left = deadline - now_seconds();
        if (left <= 0) {
            *timed_out = true;
            return -1;
        }
        struct pollfd p = {fd, POLLIN, 0};
        int n_ready = poll(&p, 1, (int)(left * 1000) + 1);
        if (n_ready < 0 && errno == EINTR)
            continue;
        if (n_ready < 0)
            return -1;
        if (n_ready == 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            return 0;
        sv_sb_put(&r->got, buf, (size_t)n);
        if (r->got.failed)
            return -1;
        if (take_records(r) && r->next < r->s->count)
            deadline = now_seconds() + wall_allowance(&r->s->jobs[r->next]);
        if (r->got.failed || r->garbled)
            return -1;
    }
}

/* Why the child stopped before view `job` was drawn, as a diagnostic. */
static void explain_failure(const session_reader *r, render_job *job, bool timed_out, int status,
                            int read_result, sv_diags *diags)
{
    if (timed_out || (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)) {
        job_diag(job, diags, "render-limit",
                 P_("the layout did not finish within %g second; draw a smaller view or "
                    "raise --timeout",
                    "the layout did not finish within %g seconds; draw a smaller view or "
                    "raise --timeout",
                    job->seconds == 1 ? 1 : 2),
                 job->seconds);
    } else if (WIFSIGNALED(status)) {
        job_diag(job, diags, "render",
                 _("Graphviz failed while drawing the diagram (signal %d); it may have run "
                   "out of memory"),
                 WTERMSIG(status));
    } else if (r->got.failed) {
        job_diag(job, diags, "render", "%s", _("out of memory"));
    } else if (r->refused) {
        job_diag(job, diags, "render", _("Graphviz could not draw the diagram: %s"),
                 r->message[0] ? r->message : _("no reason given"));
    } else if (r->garbled || (read_result == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                              r->got.len > 0)) {
        job_diag(job, diags, "render", "%s", _("the layout process sent an incomplete diagram"));
    } else {
        job_diag(job, diags, "render",
                 _("Graphviz stopped without drawing the diagram (exit status %d)"),
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
}

/* The drawing as the caller gets it: the PDF's date fixed, the PNG's
 * resolution added, the output limit checked; false (diagnostic added)
 * when it cannot be had. */
static bool finish_drawing(render_job *job, sv_diags *diags)
{
    if (job->format == SV_RENDER_PDF)
        fix_pdf_date(job->out, job->out_len);
    if (job->format == SV_RENDER_PNG && !add_png_dpi(&job->out, &job->out_len)) {
        job_diag(job, diags, "render", "%s", _("out of memory"));
        return false;
    }
    /* the estimate holds for every drawing we know of; should one come
     * out larger all the same, it is refused rather than written */
    if (job->out_len > job->output_limit) {
        char what[400];
        snprintf(what, sizeof what, _("the %s diagram of the %s view (%d nodes, %d edges)"),
                 sv_render_format_name(job->format), sv_view_name(job->view), job->nodes,
                 job->edges);
        if (job->label) {
            char named[600];
            snprintf(named, sizeof named, "%s: %s", job->label, what);
            sv_diags_output_too_large(diags, job->pos, named, job->out_len, job->output_limit);
        } else {
            sv_diags_output_too_large(diags, job->pos, what, job->out_len, job->output_limit);
        }
        return false;
    }
    return true;
}

static int layout_in_process(Agraph_t *g, const char *engine, const char *format,
                             const char *file, char **out, size_t *out_len, sv_diags *diags);

/* The views of a session that lay out in the calling process, one after
 * the other, before the others go to the child. */
static int run_in_process(sv_render_session *s, sv_diags *diags)
{
    int result = 0;
    for (size_t i = 0; i < s->count; i++) {
        render_job *job = &s->jobs[i];
        if (job->state != JOB_LAYOUT || !job->in_process)
            continue;
        int laid = layout_in_process(job->g, job->engine, job->device, job->pos.file, &job->out,
                                     &job->out_len, diags);
        agclose(job->g);
        job->g = NULL;
        job->state = laid == 0 ? JOB_DONE : JOB_FAILED;
        if (laid == 0 && !finish_drawing(job, diags)) {
            free(job->out);
            job->out = NULL;
            job->out_len = 0;
            job->state = JOB_FAILED;
        }
        if (job->state == JOB_FAILED)
            result = -1;
    }
    return result;
}

int sv_render_session_run(sv_render_session *s, sv_diags *diags)
{
    if (run_in_process(s, diags) != 0)
        return -1;
    size_t first = next_layout(s, 0);
    if (first == s->count) {
        for (size_t i = 0; i < s->count; i++)
            if (s->jobs[i].state == JOB_FAILED)
                return -1;
        return 0;
    }
    render_job *lead = &s->jobs[first];
    int fds[2];
    if (pipe(fds) != 0) {
        job_diag(lead, diags, "render", _("cannot start the layout: %s"), strerror(errno));
        return -1;
    }
    fflush(NULL); /* nothing buffered may be written twice */
    interrupt_state interrupts;
    interrupts_catch(&interrupts);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        interrupts_release(&interrupts);
        job_diag(lead, diags, "render", _("cannot start the layout: %s"), strerror(err));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        /* the signals as samverkan got them; none is pending in a new child */
        interrupts_restore(&interrupts);
#if defined(__linux__)
        /* SIGKILL when the parent dies, however it dies. If it died
         * before this line, the child is already an orphan and the death
         * signal will never come: getppid() tells. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(5);
#else
        (void)parent;
#endif
        sigprocmask(SIG_SETMASK, &interrupts.saved_mask, NULL);
        close(fds[0]);
        child_run(fds[1], s);
        _exit(4);
    }
    layout_child = pid;
    sigprocmask(SIG_SETMASK, &interrupts.saved_mask, NULL);
    close(fds[1]);
    session_reader r = {.s = s, .next = first};
    sv_sb_init(&r.got);
    bool timed_out = false;
    int read_result = read_child(fds[0], &r, &timed_out);
    close(fds[0]);
    if (read_result != 0)
        kill(pid, SIGKILL);
    /* wait without reaping first: while the child is a zombie its pid
     * cannot be reused, so on_interrupt never kills a stranger */
    siginfo_t info;
    while (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
    }
    int status = 0;
    sigprocmask(SIG_BLOCK, &interrupts.set, NULL);
    layout_child = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    /* an interrupt during the layout ends samverkan here */
    interrupts_release(&interrupts);
    bool clean = read_result == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                 !r.refused && !r.garbled && r.got.len == 0;
    int result = 0;
    if (!clean || r.next < s->count) {
        /* the view being drawn when the child stopped; if every record
           came, the child stopped after the last */
        size_t failed = r.next < s->count ? r.next : first;
        for (size_t i = first; i < s->count && r.next == s->count; i++)
            if (s->jobs[i].state == JOB_DONE)
                failed = i;
        explain_failure(&r, &s->jobs[failed], timed_out, status, read_result, diags);
        result = -1;
    }
    sv_sb_free(&r.got);
    for (size_t i = first; i < s->count; i++) {
        render_job *job = &s->jobs[i];
        if (job->g) {
            agclose(job->g);
            job->g = NULL;
        }
        if (job->state == JOB_DONE && (result != 0 || !finish_drawing(job, diags))) {
            free(job->out);
            job->out = NULL;
            job->out_len = 0;
            job->state = JOB_FAILED;
            result = -1;
        } else if (job->state == JOB_LAYOUT) {
            job->state = JOB_FAILED;
        }
    }
    return result;
}

/* ---- layout and rendering in the calling process (options->in_process) ----
 *
 * For a program that embeds the library and cannot have it fork (a
 * threaded server, a sandbox without fork): the same layout and rendering
 * as the child's, with Graphviz's error function and level set for the
 * call and put back after it, but without the child's CPU and memory
 * limits and its protection against a crash, and in the process's own time
 * zone (a PDF's date then keeps that zone's suffix). One Graphviz context
 * serves every in-process layout (below). */

/* Graphviz's messages during an in-process layout: agseterrf takes no
 * pointer of ours, so they go to a buffer of the calling thread. */
static _Thread_local sv_sb layout_messages;

static int capture_layout_message(char *text)
{
    if (layout_messages.len < 4000)
        sv_sb_puts(&layout_messages, text);
    return 0;
}

/* The Graphviz context of the in-process layouts, made on first use and
 * kept while the process lives. Graphviz 2.42's pango plugin keeps a
 * pointer to the last font name of a context, which gvFreeContext frees:
 * the next context's text layout reads it (a heap-use-after-free that
 * AddressSanitizer shows, here or in a layout child forked later). So a
 * writable static, used by one thread at a time (samverkan/library.h). */
static GVC_t *in_process_gvc;

static int layout_in_process(Agraph_t *g, const char *engine, const char *format,
                             const char *file, char **out, size_t *out_len, sv_diags *diags)
{
    sv_pos pos = {file, 0, 0};
    sv_sb_init(&layout_messages);
    agusererrf old_errf = agseterrf(capture_layout_message);
    agerrlevel_t old_level = agseterr(AGERR);
    agreseterrors();
    if (strncmp(format, "png", 3) == 0)
        agsafeset(g, "dpi", PNG_DPI_TEXT, "");
    int result = -1;
    if (!in_process_gvc)
        in_process_gvc = gvContext();
    GVC_t *gvc = in_process_gvc;
    char *data = NULL;
    unsigned int len = 0;
    bool laid_out = false;
    const char *failure = NULL;
    if (!gvc) {
        sv_diags_add(diags, "render", pos, "%s", _("out of memory"));
    } else if (gvLayout(gvc, g, engine) != 0) {
        failure = sv_sb_text(&layout_messages);
    } else {
        laid_out = true;
        /* HTML-like label errors still return 0 from gvLayout: check agerrors */
        if (agerrors() >= AGERR ||
            gvRenderData(gvc, g, format, &data, &len) != 0 || agerrors() >= AGERR || !data)
            failure = sv_sb_text(&layout_messages);
    }
    if (failure) {
        /* Graphviz's own words, one line, as much as fits */
        char msg[400];
        snprintf(msg, sizeof msg, "%s", failure);
        for (char *c = msg; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        size_t n = strlen(msg);
        while (n > 0 && msg[n - 1] == ' ')
            msg[--n] = '\0';
        sv_diags_add(diags, "render", pos, _("Graphviz could not draw the diagram: %s"),
                     n ? msg : _("no reason given"));
    } else if (gvc) {
        char *copy = malloc((size_t)len + 1);
        if (!copy) {
            sv_diags_add(diags, "render", pos, "%s", _("out of memory"));
        } else {
            memcpy(copy, data, len);
            copy[len] = '\0';
            *out = copy;
            *out_len = len;
            result = 0;
        }
    }
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, g);
    agseterr(old_level);
    agseterrf(old_errf);
    agreseterrors();
    sv_sb_free(&layout_messages);
    return result;
}

/* dot draws levels and flows as they are meant; its crossing minimisation
 * and network simplex grow fast, so beyond these sizes they are bounded
 * (mclimit, nslimit, searchsize), and a view much larger still is laid out
 * by sfdp, which has no ranks but is near-linear. */
#define DOT_SMALL_NODES 400
#define DOT_SMALL_EDGES 800
#define DOT_MAX_NODES 4000
#define DOT_MAX_EDGES 6000

static const char *choose_engine(Agraph_t *g, sv_view_kind view)
{
    int nodes = agnnodes(g), edges = agnedges(g);
    if (nodes <= DOT_SMALL_NODES && edges <= DOT_SMALL_EDGES)
        return "dot";
    /* the governance view is a forest: dot handles thousands of bodies
     * once crossing minimisation is bounded */
    if ((nodes <= DOT_MAX_NODES && edges <= DOT_MAX_EDGES) || view == SV_VIEW_GOVERNANCE) {
        agsafeset(g, "mclimit", "0.1", "");
        agsafeset(g, "nslimit", "2", "");
        agsafeset(g, "nslimit1", "2", "");
        agsafeset(g, "searchsize", "10", "");
        agsafeset(g, "remincross", "false", "");
        agsafeset(g, "splines", "line", "");
        return "dot";
    }
    agsafeset(g, "overlap", "prism", "");
    agsafeset(g, "splines", "false", "");
    agsafeset(g, "outputorder", "edgesfirst", "");
    return "sfdp";
}

uint64_t sv_render_output_limit(const sv_render_options *options)
{
    return options->max_output ? options->max_output : SV_OUTPUT_LIMIT_DEFAULT;
}

/* Refuses a RACI table larger than the limit, from its estimate; 0 when it fits. */
static int check_table(const sv_model *model, const sv_render_options *options, sv_pos pos,
                       sv_diags *diags)
{
    uint32_t rows = 0, columns = 0;
    bool as_html = options->format == SV_RENDER_HTML;
    uint64_t estimate = sv_raci_table_estimate(model, as_html, &rows, &columns);
    if (estimate == UINT64_MAX) {
        sv_diags_add(diags, "render", pos, "%s", _("out of memory"));
        return -1;
    }
    uint64_t limit = sv_render_output_limit(options);
    if (estimate <= limit)
        return 0;
    char what[200];
    snprintf(what, sizeof what,
             as_html ? _("the RACI table in HTML (%u steps × %u columns)")
                     : _("the RACI table in CSV (%u steps × %u columns)"),
             (unsigned)rows, (unsigned)columns);
    sv_diags_output_too_large(diags, pos, what, estimate, limit);
    return -1;
}

/* Refuses a drawing larger than the limit; 0 when it fits. */
static int check_drawing(Agraph_t *g, const sv_render_options *options, sv_pos pos,
                         uint64_t estimate, sv_diags *diags)
{
    (void)g;
    uint64_t limit = sv_render_output_limit(options);
    if (estimate <= limit)
        return 0;
    char what[200];
    snprintf(what, sizeof what, _("the %s diagram of the %s view (%d nodes, %d edges)"),
             sv_render_format_name(options->format), sv_view_name(options->view.kind),
             agnnodes(g), agnedges(g));
    sv_diags_output_too_large(diags, pos, what, estimate, limit);
    return -1;
}

/* Whether the built view has more nodes or edges than options allow for a
 * readable figure; the diagnostic (code "figure-too-large") then says how
 * large it is and which command draws it on its own. */
static bool too_large_to_read(Agraph_t *g, const sv_model *model, const sv_render_options *options,
                              sv_pos pos, sv_diags *diags)
{
    int nodes = agnnodes(g), edges = agnedges(g);
    if (!((options->max_figure_nodes > 0 && nodes > options->max_figure_nodes) ||
          (options->max_figure_edges > 0 && edges > options->max_figure_edges)))
        return false;
    char view[200];
    if (options->view.element != SV_NONE)
        snprintf(view, sizeof view, "%s:%s", sv_view_name(options->view.kind),
                 model->elements[options->view.element].id);
    else
        snprintf(view, sizeof view, "%s", sv_view_name(options->view.kind));
    sv_diags_add(diags, "figure-too-large", pos,
                 _("the figure would have %d boxes and %d lines, too many to read on a page; "
                   "`samverkan render --view %s` draws it on its own"),
                 nodes, edges, view);
    return true;
}

int sv_render_estimate(uint64_t *bytes, const sv_model *model, const sv_render_options *options,
                       sv_diags *diags)
{
    *bytes = 0;
    sv_pos pos = {model->source ? model->source->path : NULL, 0, 0};
    if (options->format == SV_RENDER_CSV || options->format == SV_RENDER_HTML) {
        uint64_t e = sv_raci_table_estimate(model, options->format == SV_RENDER_HTML, NULL, NULL);
        if (e == UINT64_MAX) {
            sv_diags_add(diags, "render", pos, "%s", _("out of memory"));
            return -1;
        }
        *bytes = e;
        return 0;
    }
    Agraph_t *g = sv_render_build(model, options, diags);
    if (!g)
        return -1;
    /* a figure too large to read is a sentence instead */
    sv_diags quiet;
    sv_diags_init(&quiet);
    *bytes = too_large_to_read(g, model, options, pos, &quiet) ? 1024
                                                                : drawing_estimate(g, options->format);
    sv_diags_free(&quiet);
    agclose(g);
    return 0;
}

static sv_raci_form raci_form(const sv_render_options *options)
{
    if (options->format != SV_RENDER_HTML)
        return SV_RACI_CSV;
    return options->fragment ? SV_RACI_FRAGMENT : SV_RACI_DOCUMENT;
}

sv_render_session *sv_render_session_new(void)
{
    return calloc(1, sizeof(sv_render_session));
}

void sv_render_session_free(sv_render_session *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++) {
        if (s->jobs[i].g)
            agclose(s->jobs[i].g);
        free(s->jobs[i].out);
        free(s->jobs[i].label);
    }
    free(s->jobs);
    free(s);
}

/* A table (CSV, HTML) or the DOT text: made at once, without Graphviz's
 * layout. 0, or -1 (diagnostic added). */
static int make_at_once(render_job *job, Agraph_t *g, const sv_model *model,
                        const sv_render_options *options, sv_diags *diags)
{
    FILE *mem = open_memstream(&job->out, &job->out_len);
    int r = !mem ? -1
            : g  ? write_dot(g, mem)
                 : sv_raci_table(mem, model, raci_form(options), options->csv_dialect);
    if (mem && fclose(mem) != 0)
        r = -1;
    if (r != 0) {
        free(job->out);
        job->out = NULL;
        job->out_len = 0;
        sv_diags_add(diags, "render", job->pos, "%s", _("out of memory"));
        return -1;
    }
    job->state = JOB_DONE;
    return 0;
}

int sv_render_session_add(sv_render_session *s, const sv_model *model,
                          const sv_render_options *options, const char *label, sv_diags *diags)
{
    sv_pos pos = {model->source ? model->source->path : NULL, 0, 0};
    sv_render_format format = options->format;
    if (s->count == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        render_job *grown = realloc(s->jobs, cap * sizeof *grown);
        if (!grown) {
            sv_diags_add(diags, "render", pos, "%s", _("out of memory"));
            return -1;
        }
        s->jobs = grown;
        s->cap = cap;
    }
    render_job *job = &s->jobs[s->count];
    *job = (render_job){
        .state = JOB_FAILED, .format = format, .view = options->view.kind, .pos = pos,
        .seconds = options->max_seconds > 0 ? options->max_seconds : 60,
        .memory = options->max_memory ? options->max_memory : (size_t)4 << 30,
        .output_limit = sv_render_output_limit(options), .in_process = options->in_process};
    if (label && !(job->label = strdup(label))) {
        sv_diags_add(diags, "render", pos, "%s", _("out of memory"));
        return -1;
    }
    int result = -1;
    if (format == SV_RENDER_CSV || format == SV_RENDER_HTML) {
        if (options->view.kind != SV_VIEW_RACI)
            sv_diags_add(diags, "render", pos,
                         _("the %s format is for the raci view only; use svg, png, pdf or dot"),
                         sv_render_format_name(format));
        else if (check_table(model, options, pos, diags) == 0)
            result = make_at_once(job, NULL, model, options, diags);
    } else {
        Agraph_t *g = sv_render_build(model, options, diags);
        if (g && !too_large_to_read(g, model, options, pos, diags) &&
            check_drawing(g, options, pos, drawing_estimate(g, format), diags) == 0) {
            job->nodes = agnnodes(g);
            job->edges = agnedges(g);
            if (format == SV_RENDER_DOT) {
                result = make_at_once(job, g, model, options, diags);
            } else {
                job->engine = choose_engine(g, options->view.kind);
                job->device = format == SV_RENDER_PNG   ? "png:cairo"
                              : format == SV_RENDER_PDF ? "pdf:cairo"
                                                        : "svg";
                job->g = g;
                job->state = JOB_LAYOUT;
                g = NULL;
                result = 0;
            }
        }
        if (g)
            agclose(g);
    }
    if (result != 0) {
        free(job->label);
        return -1;
    }
    return (int)s->count++;
}

int sv_render_session_take(sv_render_session *s, size_t job, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (job >= s->count || s->jobs[job].state != JOB_DONE || !s->jobs[job].out)
        return -1;
    *out = s->jobs[job].out;
    *out_len = s->jobs[job].out_len;
    s->jobs[job].out = NULL;
    s->jobs[job].out_len = 0;
    return 0;
}

int sv_render(char **out, size_t *out_len, const sv_model *model,
              const sv_render_options *options, sv_diags *diags)
{
    *out = NULL;
    *out_len = 0;
    sv_render_session *s = sv_render_session_new();
    if (!s) {
        sv_diags_add(diags, "render", (sv_pos){model->source ? model->source->path : NULL, 0, 0},
                     "%s", _("out of memory"));
        return -1;
    }
    int job = sv_render_session_add(s, model, options, NULL, diags);
    int result = job >= 0 && sv_render_session_run(s, diags) == 0
                     ? sv_render_session_take(s, (size_t)job, out, out_len)
                     : -1;
    sv_render_session_free(s);
    return result;
}

int sv_render_to(FILE *out, const sv_model *model, const sv_render_options *options,
                 sv_diags *diags)
{
    sv_pos pos = {model->source ? model->source->path : NULL, 0, 0};
    sv_render_format format = options->format;
    if ((format == SV_RENDER_CSV || format == SV_RENDER_HTML) &&
        options->view.kind == SV_VIEW_RACI) {
        /* the one output that can be large: written as it is made */
        if (check_table(model, options, pos, diags) != 0)
            return -1;
        if (sv_raci_table(out, model, raci_form(options), options->csv_dialect) != 0 || fflush(out) != 0) {
            sv_diags_add(diags, "render", pos, _("cannot write the output: %s"), strerror(errno));
            return -1;
        }
        return 0;
    }
    char *data = NULL;
    size_t len = 0;
    if (sv_render(&data, &len, model, options, diags) != 0)
        return -1;
    bool ok = fwrite(data, 1, len, out) == len && fflush(out) == 0;
    free(data);
    if (!ok)
        sv_diags_add(diags, "render", pos, _("cannot write the output: %s"), strerror(errno));
    return ok ? 0 : -1;
}
