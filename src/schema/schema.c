/*
 * The schema stage: document tree -> typed model (see samverkan/schema.h).
 * The only code that knows the key names of the model format. It works in
 * three passes over the tree: elements are created and their scalar fields
 * read (each reference is remembered with its position), then every
 * reference is resolved through the id table, then whole-model facts are
 * derived (part_of cycles, top-level parties, the analysis year). Problems
 * are collected, never fatal one by one, so that a user sees all of them.
 */
#include "samverkan/schema.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/model_internal.h"
#include "schema/schema_internal.h"
#include "schema/synonyms.h"
#include "samverkan/catalogue.h"
#include "util/arena.h"
#include "load/tree_internal.h"
#include "util/cycles.h"
#include "util/i18n.h"
#include "util/strmap.h"
#include "util/text.h"

#define KIND_BIT(k) (1u << (k))
#define REF_MEMBER (KIND_BIT(SV_KIND_PARTY) | KIND_BIT(SV_KIND_ROLE) | KIND_BIT(SV_KIND_PERSON))
#define REF_ACTOR (REF_MEMBER | KIND_BIT(SV_KIND_BODY))
#define REF_SENDER (KIND_BIT(SV_KIND_PARTY) | KIND_BIT(SV_KIND_ROLE) | KIND_BIT(SV_KIND_BODY))
#define MAX_ID_LENGTH 64

/* A reference waiting for every id to be known: 24 bytes, for a model has
 * about three references per element. Its text is a copy (in ctx.ref_text),
 * not the tree's: a section of the tree is freed once read. Its position is
 * the slot's. */
typedef struct pending_ref {
    const char *text;
    sv_ref *slot;
    uint32_t process;     /* the process a step reference is local to; UINT32_MAX otherwise */
    uint16_t kinds;       /* KIND_BIT of each kind it may name */
    bool service_point;   /* must be a body of kind service-point */
} pending_ref;
_Static_assert(SV_KIND_COUNT <= 16, "pending_ref.kinds holds a bit per kind");
_Static_assert(sizeof(pending_ref) <= 24, "pending_ref is 24 bytes");

typedef struct ctx {
    sv_model *m;
    sv_arena *arena;
    sv_diags *diags;
    bool failed;
    sv_strmap *ids;
    pending_ref *refs;
    size_t ref_count, ref_capacity;
    sv_arena *ref_text; /* the references' texts, until they are resolved */
    sv_tree *tree;      /* whose sections are freed once read; NULL to keep them */
    size_t hint_scans; /* "did you mean" searches done; capped on large models */
} ctx;

/* ---- reporting problems ---- */

static void fail(ctx *c, const char *code, sv_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail(ctx *c, const char *code, sv_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sv_diags_vadd(c->diags, code, pos, fmt, ap);
    va_end(ap);
    c->failed = true;
}

static void out_of_memory(ctx *c, sv_pos pos)
{
    fail(c, "too-large", pos, "%s", _("out of memory while building the model"));
}

static const char *kind_noun(sv_kind kind)
{
    switch (kind) {
    case SV_KIND_AGREEMENT: return _("the agreement");
    case SV_KIND_PARTY: return _("a party");
    case SV_KIND_ROLE: return _("a role");
    case SV_KIND_PERSON: return _("a person");
    case SV_KIND_BODY: return _("a body");
    case SV_KIND_PROCESS: return _("a process");
    case SV_KIND_STEP: return _("a step");
    case SV_KIND_GOAL: return _("a goal");
    case SV_KIND_INDICATOR: return _("an indicator");
    case SV_KIND_REPORTING: return _("a reporting flow");
    case SV_KIND_PROJECT: return _("a project");
    case SV_KIND_COUNT: break;
    }
    return "";
}

/* "the party '%s'": an element named in a message about it. */
static const char *kind_definite(sv_kind kind)
{
    switch (kind) {
    case SV_KIND_AGREEMENT: return _("the agreement '%s'");
    case SV_KIND_PARTY: return _("the party '%s'");
    case SV_KIND_ROLE: return _("the role '%s'");
    case SV_KIND_PERSON: return _("the person '%s'");
    case SV_KIND_BODY: return _("the body '%s'");
    case SV_KIND_PROCESS: return _("the process '%s'");
    case SV_KIND_STEP: return _("the step '%s'");
    case SV_KIND_GOAL: return _("the goal '%s'");
    case SV_KIND_INDICATOR: return _("the indicator '%s'");
    case SV_KIND_REPORTING: return _("the reporting flow '%s'");
    case SV_KIND_PROJECT: return _("the project '%s'");
    case SV_KIND_COUNT: break;
    }
    return "%s";
}

/* What a message is about: fixed text ("the model", an untranslated N_()
 * phrase), or an element whose phrase is only composed when a message needs
 * it (most never do). */
typedef struct where {
    const char *text;
    sv_kind kind;
    const char *id;
} where;

static where where_fixed(const char *text)
{
    return (where){text, SV_KIND_COUNT, NULL};
}

static where where_element(sv_kind kind, const char *id)
{
    return (where){NULL, kind, id};
}

/* "a party, a role or a person" for a kind mask, into buf. */
static const char *kinds_phrase(unsigned kinds, char *buf, size_t size)
{
    const char *names[SV_KIND_COUNT];
    size_t n = 0;
    for (int k = 0; k < SV_KIND_COUNT; k++)
        if (kinds & KIND_BIT(k))
            names[n++] = kind_noun((sv_kind)k);
    return sv_join(buf, size, ", ", _(" or "), names, n);
}

/* ---- reading scalars ---- */

static bool is_null(const sv_node *node)
{
    /* by length first: every scalar the model reads is asked this */
    if (node->kind != SV_NODE_SCALAR || !node->plain)
        return false;
    if (node->len == 0)
        return true;
    if (node->len == 1)
        return node->text[0] == '~';
    return node->len == 4 && (memcmp(node->text, "null", 4) == 0 || memcmp(node->text, "Null", 4) == 0 ||
                              memcmp(node->text, "NULL", 4) == 0);
}

static const char *node_kind_noun(const sv_node *node)
{
    if (node->kind == SV_NODE_SEQ)
        return _("a list");
    if (node->kind == SV_NODE_MAP)
        return _("a mapping");
    if (is_null(node))
        return _("nothing");
    return _("text");
}

/* `expected`, like every phrase the readers below take to name what they
 * read ("an id", "a party"), is an untranslated N_() phrase: it is
 * translated only when a message is made, so that reading a correct model
 * costs no gettext lookup per value. */
static bool expect_scalar(ctx *c, const sv_node *node, const char *key, const char *expected)
{
    if (node->kind == SV_NODE_SCALAR && !is_null(node))
        return true;
    fail(c, "wrong-type", node->pos, _("'%s' must be %s, not %s"), key, _(expected),
         node_kind_noun(node));
    return false;
}

/* The model outlives the tree: every string it keeps is copied into the
 * model's arena. */
static const char *keep(ctx *c, const sv_node *node)
{
    const char *copy = sv_arena_strndup(c->arena, node->text, node->len);
    if (!copy)
        out_of_memory(c, node->pos);
    return copy;
}

static bool read_text(ctx *c, const sv_node *node, const char *key, const char **out)
{
    if (!expect_scalar(c, node, key, N_("text")))
        return false;
    *out = keep(c, node);
    return *out != NULL;
}

static bool id_syntax_ok(const char *text, size_t len)
{
    if (len == 0 || len > MAX_ID_LENGTH)
        return false;
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                  (i > 0 && (ch == '-' || ch == '_'));
        if (!ok)
            return false;
    }
    return true;
}

static bool read_id(ctx *c, const sv_node *node, const char *key, const char **out)
{
    if (!expect_scalar(c, node, key, N_("an id")))
        return false;
    if (!id_syntax_ok(node->text, node->len)) {
        fail(c, "invalid-id", node->pos,
             _("'%s' is not a valid id: an id has at most %d characters a-z, 0-9, '-' and '_', "
               "starts with a letter or digit, and has no capitals, spaces or å ä ö (those belong "
               "in 'name')"),
             node->text, MAX_ID_LENGTH);
        return false;
    }
    *out = keep(c, node);
    return *out != NULL;
}

static bool matches_integer(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static bool matches_float(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    bool digits = false;
    while (*s >= '0' && *s <= '9') {
        s++;
        digits = true;
    }
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            s++;
            digits = true;
        }
    }
    if (!digits)
        return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '-' || *s == '+')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

static bool matches_special_float(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    if (*s != '.')
        return false; /* every number the model holds */
    return strcmp(s, ".inf") == 0 || strcmp(s, ".Inf") == 0 || strcmp(s, ".INF") == 0 ||
           strcmp(s, ".nan") == 0 || strcmp(s, ".NaN") == 0 || strcmp(s, ".NAN") == 0;
}

/* A finite number in [lo, hi] (lo_open / hi_open make the bound strict). */
static bool read_number(ctx *c, const sv_node *node, const char *key, double lo, bool lo_open,
                        double hi, bool hi_open, double *out)
{
    if (!expect_scalar(c, node, key, N_("a number")))
        return false;
    if (!node->plain || (!matches_float(node->text) && !matches_special_float(node->text))) {
        fail(c, "wrong-type", node->pos, _("'%s' must be a number, not the text '%s'"), key,
             node->text);
        return false;
    }
    double v = matches_special_float(node->text) ? NAN : strtod(node->text, NULL);
    if (!isfinite(v)) {
        fail(c, "out-of-range", node->pos, _("'%s' must be a finite number, not %s"), key,
             node->text);
        return false;
    }
    bool below = lo_open ? v <= lo : v < lo;
    bool above = hi_open ? v >= hi : v > hi;
    if (below || above) {
        if (isinf(hi))
            fail(c, "out-of-range", node->pos,
                 lo_open ? _("'%s' must be greater than %g, not %s")
                         : _("'%s' must be at least %g, not %s"),
                 key, lo, node->text);
        else
            fail(c, "out-of-range", node->pos, _("'%s' must be between %g and %g, not %s"), key,
                 lo, hi, node->text);
        return false;
    }
    *out = v;
    return true;
}

static bool read_int(ctx *c, const sv_node *node, const char *key, long lo, long hi, int *out)
{
    if (!expect_scalar(c, node, key, N_("a whole number")))
        return false;
    if (!node->plain || !matches_integer(node->text)) {
        fail(c, "wrong-type", node->pos, _("'%s' must be a whole number, not '%s'"), key,
             node->text);
        return false;
    }
    errno = 0;
    long v = strtol(node->text, NULL, 10);
    if (errno != 0 || v < lo || v > hi) {
        if (errno == 0 && v < lo)
            fail(c, "out-of-range", node->pos, _("'%s' must be at least %ld, not %s"), key, lo,
                 node->text);
        else
            fail(c, "out-of-range", node->pos, _("'%s' must be at most %ld, not %s"), key, hi,
                 node->text);
        return false;
    }
    *out = (int)v;
    return true;
}

static bool read_bool(ctx *c, const sv_node *node, const char *key, bool *out)
{
    if (!expect_scalar(c, node, key, N_("true or false")))
        return false;
    static const char *const yes[] = {"true", "True", "TRUE"};
    static const char *const no[] = {"false", "False", "FALSE"};
    if (node->plain) {
        for (int i = 0; i < 3; i++) {
            if (strcmp(node->text, yes[i]) == 0) {
                *out = true;
                return true;
            }
            if (strcmp(node->text, no[i]) == 0) {
                *out = false;
                return true;
            }
        }
    }
    fail(c, "wrong-type", node->pos, _("'%s' must be true or false, not '%s'"), key, node->text);
    return false;
}

static bool valid_calendar_date(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    int max = days[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        max = 29;
    return d <= max;
}

static bool read_date(ctx *c, const sv_node *node, const char *key, sv_date *out)
{
    if (!expect_scalar(c, node, key, N_("a date (YYYY-MM-DD)")))
        return false;
    const char *s = node->text;
    bool shape = node->len == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; shape && i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            shape = false;
    if (!shape) {
        /* digits and dashes are a date written wrongly; anything else is no date at all */
        bool date_like = strchr(s, '-') && strspn(s, "0123456789-") == node->len;
        fail(c, date_like ? "invalid-date" : "wrong-type", node->pos,
             _("'%s' must be a date written YYYY-MM-DD, not '%s'"), key, s);
        return false;
    }
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1900 || y > 2200) {
        fail(c, "out-of-range", node->pos, _("'%s' must be a date from 1900 to 2200, not %s"), key, s);
        return false;
    }
    if (!valid_calendar_date(y, m, d)) {
        fail(c, "invalid-date", node->pos, _("there is no date %s"), s);
        return false;
    }
    out->year = y;
    out->month = m;
    out->day = d;
    return true;
}

/* A word of an enumeration, in English or as its Swedish synonym
 * (schema/synonyms.c). A value in capitals or misspelt is answered with the
 * English value to write. */
static bool read_enum(ctx *c, const sv_node *node, const char *key, const char *(*name_of)(int),
                      int count, int *out)
{
    if (!expect_scalar(c, node, key, N_("one of the listed words")))
        return false;
    const char *names[32];
    for (int i = 0; i < count; i++)
        names[i] = name_of(i);
    if (sv_synonym_resolve(node->text, names, (size_t)count, out))
        return true;
    char list[512];
    sv_join(list, sizeof list, ", ", NULL, names, (size_t)count);
    const char *hint = sv_closest(node->text, names, (size_t)count);
    const char *english = hint ? NULL : sv_synonym_suggest(node->text, names, (size_t)count);
    if (hint)
        fail(c, "invalid-value", node->pos, _("'%s' cannot be '%s'; did you mean '%s'? (one of: %s)"),
             key, node->text, hint, list);
    else if (english)
        fail(c, "invalid-value", node->pos, _("'%s' cannot be '%s'; write '%s' (one of: %s)"), key,
             node->text, english, list);
    else
        fail(c, "invalid-value", node->pos, _("'%s' cannot be '%s'; use one of: %s"), key,
             node->text, list);
    return false;
}

#define ENUM_READER(fn, type, namefn, count)                                                       \
    static const char *fn##_name(int v) { return namefn((type)v); }                                \
    static bool fn(ctx *c, const sv_node *node, const char *key, type *out)                       \
    {                                                                                              \
        int v;                                                                                     \
        if (!read_enum(c, node, key, fn##_name, count, &v))                                        \
            return false;                                                                          \
        *out = (type)v;                                                                            \
        return true;                                                                               \
    }

ENUM_READER(read_party_kind, sv_party_kind, sv_party_kind_name, SV_PARTY_KIND_COUNT)
ENUM_READER(read_level, sv_level, sv_level_name, SV_LEVEL_COUNT)
ENUM_READER(read_body_kind, sv_body_kind, sv_body_kind_name, SV_BODY_KIND_COUNT)
ENUM_READER(read_step_kind, sv_step_kind, sv_step_kind_name, SV_STEP_KIND_COUNT)
ENUM_READER(read_dist, sv_dist, sv_dist_name, SV_DIST_COUNT)
ENUM_READER(read_about, sv_process_about, sv_process_about_name, SV_ABOUT_COUNT)

static const char *cadence_name_from_one(int v)
{
    return sv_cadence_name((sv_cadence)(v + 1));
}

static bool read_cadence(ctx *c, const sv_node *node, const char *key, sv_cadence *out)
{
    int v;
    if (!read_enum(c, node, key, cadence_name_from_one, SV_CADENCE_COUNT - 1, &v))
        return false;
    *out = (sv_cadence)(v + 1);
    return true;
}

/* ---- mappings and lists ---- */

static void check_keys(ctx *c, const sv_node *map, const char *place, const char *const *allowed)
{
    if (!sv_node_check_keys(c->diags, map, place, allowed))
        c->failed = true;
}

static const sv_node *get(const sv_node *map, const char *key)
{
    const sv_pair *pair = sv_node_get(map, key);
    return pair ? pair->value : NULL;
}

static const char *where_text(ctx *c, where w)
{
    if (w.text)
        return _(w.text);
    if (!w.id)
        return kind_noun(w.kind);
    const char *text = sv_arena_printf(c->arena, kind_definite(w.kind), w.id);
    return text ? text : kind_noun(w.kind);
}

static const sv_node *require(ctx *c, const sv_node *map, const char *key, where w)
{
    const sv_node *value = get(map, key);
    if (!value)
        fail(c, "missing-key", map->pos, _("%s lacks the required key '%s'"), where_text(c, w), key);
    return value;
}

/* `what` is translated already. */
static void not_a_map(ctx *c, const sv_node *node, const char *what)
{
    fail(c, "wrong-type", node->pos, _("%s must be a mapping of keys, not %s"), what,
         node_kind_noun(node));
}

static bool expect_map(ctx *c, const sv_node *node, const char *what)
{
    if (node->kind == SV_NODE_MAP)
        return true;
    not_a_map(c, node, _(what));
    return false;
}

/* Items of a list field; a single scalar counts as a one-item list and
 * nothing (`key:` with no value) as an empty one. */
static bool list_items(ctx *c, const sv_node *node, const char *key, const sv_node *const **items,
                       size_t *count)
{
    if (node->kind == SV_NODE_SEQ) {
        *items = (const sv_node *const *)node->items;
        *count = node->count;
        return true;
    }
    if (is_null(node)) {
        *items = NULL;
        *count = 0;
        return true;
    }
    if (node->kind == SV_NODE_SCALAR) {
        const sv_node **one = sv_arena_alloc(c->arena, sizeof *one);
        if (!one) {
            out_of_memory(c, node->pos);
            return false;
        }
        *one = node;
        *items = one;
        *count = 1;
        return true;
    }
    fail(c, "wrong-type", node->pos, _("'%s' must be a list, not %s"), key, node_kind_noun(node));
    return false;
}

/* A section of the top level: must be a list of mappings. */
static size_t section_count(const sv_node *root, const char *key)
{
    const sv_node *node = get(root, key);
    return node && node->kind == SV_NODE_SEQ ? node->count : 0;
}

/* ---- references ---- */

static void remember_ref(ctx *c, const sv_node *node, unsigned kinds, sv_ref *slot, uint32_t process,
                         bool service_point)
{
    slot->target = SV_NONE;
    slot->pos = node->pos;
    if (c->ref_count == c->ref_capacity) {
        size_t capacity = c->ref_capacity ? c->ref_capacity * 2 : 256;
        pending_ref *refs = realloc(c->refs, capacity * sizeof *refs);
        if (!refs) {
            out_of_memory(c, node->pos);
            return;
        }
        c->refs = refs;
        c->ref_capacity = capacity;
    }
    const char *text = sv_arena_strndup(c->ref_text, node->text, node->len);
    if (!text) {
        out_of_memory(c, node->pos);
        return;
    }
    c->refs[c->ref_count++] = (pending_ref){text, slot, process, (uint16_t)kinds, service_point};
}

static void read_ref(ctx *c, const sv_node *node, const char *key, unsigned kinds, sv_ref *slot)
{
    slot->target = SV_NONE;
    if (!expect_scalar(c, node, key, N_("an id")))
        return;
    remember_ref(c, node, kinds, slot, UINT32_MAX, false);
}

/* `members: af, fk` is one text, not a list (no id holds a comma): says how
 * to write the list, in brackets or one item per line, with the user's ids.
 * Returns false when the text is not like that. */
static bool commas_for_list(ctx *c, const sv_node *node, const char *key)
{
    if (node->kind != SV_NODE_SCALAR || !memchr(node->text, ',', node->len))
        return false;
    /* the ids, trimmed and joined again with ", " */
    char list[256], first[MAX_ID_LENGTH + 1] = "";
    size_t n = 0;
    const char *p = node->text, *end = node->text + node->len;
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        while (p < stop && *p == ' ')
            p++;
        const char *last = stop;
        while (last > p && last[-1] == ' ')
            last--;
        size_t len = (size_t)(last - p);
        if (len) {
            if (!first[0])
                snprintf(first, sizeof first, "%.*s", (int)len, p);
            if (n + len + 3 >= sizeof list)
                return false; /* too long to repeat in a message */
            if (n)
                n += (size_t)snprintf(list + n, sizeof list - n, ", ");
            n += (size_t)snprintf(list + n, sizeof list - n, "%.*s", (int)len, p);
        }
        p = stop + 1;
    }
    if (!n)
        return false;
    fail(c, "wrong-type", node->pos,
         _("'%s' is several ids in one text; write a list in brackets, %s: [%s], or one "
           "'- %s' per line"),
         node->text, key, list, first);
    return true;
}

static void read_refs(ctx *c, const sv_node *node, const char *key, unsigned kinds, sv_refs *out)
{
    const sv_node *const *items;
    size_t count;
    out->pos = node->pos;
    if (commas_for_list(c, node, key))
        return;
    if (!list_items(c, node, key, &items, &count))
        return;
    out->items = sv_arena_calloc(c->arena, count, sizeof *out->items);
    if (!out->items && count) {
        out_of_memory(c, node->pos);
        return;
    }
    out->count = (uint32_t)count;
    for (size_t i = 0; i < count; i++)
        read_ref(c, items[i], key, kinds, &out->items[i]);
}

static void no_ref(sv_ref *ref)
{
    ref->target = SV_NONE;
}

/* ---- elements ---- */

static const char *const IGNORE_KEYS[] = {"rule", "because", "until", NULL};

static void read_ignores(ctx *c, const sv_node *node, sv_element *el)
{
    const sv_node *const *items;
    size_t count;
    if (!list_items(c, node, "ignore", &items, &count))
        return;
    el->ignores = sv_arena_calloc(c->arena, count, sizeof *el->ignores);
    if (!el->ignores && count) {
        out_of_memory(c, node->pos);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        const sv_node *item = items[i];
        if (!expect_map(c, item, N_("an 'ignore' entry")))
            continue;
        check_keys(c, item, N_("an 'ignore' entry"), IGNORE_KEYS);
        sv_ignore *ig = &el->ignores[el->ignore_count++];
        ig->pos = item->pos;
        const sv_node *v;
        if ((v = require(c, item, "rule", where_fixed(N_("an 'ignore' entry")))) &&
            read_text(c, v, "rule", &ig->rule)) {
            const char *hint;
            if (sv_rule_find(ig->rule, &hint) < 0) {
                if (hint)
                    fail(c, "unknown-rule", v->pos, _("there is no rule '%s'; did you mean '%s'?"),
                         ig->rule, hint);
                else
                    fail(c, "unknown-rule", v->pos,
                         _("there is no rule '%s'; 'samverkan rules' lists them"), ig->rule);
            }
        }
        if ((v = get(item, "because")))
            read_text(c, v, "because", &ig->because);
        if ((v = get(item, "until")))
            read_date(c, v, "until", &ig->until);
    }
}

/* Creates the element for a mapping: id (registered in the id table),
 * name, note and ignore. `id` overrides the mapping's own id (steps use
 * their qualified id). Returns the element index or SV_NONE. */
static sv_id new_element(ctx *c, sv_kind kind, uint32_t index, const sv_node *map, const char *id,
                         const sv_node *id_node, bool name_required, where w)
{
    sv_model *m = c->m;
    sv_id el_index = m->element_count++;
    sv_element *el = &m->elements[el_index];
    el->kind = kind;
    el->index = index;
    el->pos = map->pos;
    el->id_pos = id_node ? id_node->pos : map->pos;
    el->id = id;
    const sv_node *v;
    if (name_required) {
        if ((v = require(c, map, "name", w)))
            read_text(c, v, "name", &el->name);
    }
    if ((v = get(map, "note")))
        read_text(c, v, "note", &el->note);
    if ((v = get(map, "ignore")))
        read_ignores(c, v, el);
    if (id) {
        uint32_t first;
        int r = sv_strmap_put(c->ids, id, strlen(id), el_index, &first);
        if (r < 0) {
            out_of_memory(c, map->pos);
        } else if (r == 0) {
            /* sections are read in a fixed order, not file order: report
             * at the later of the two places */
            const sv_element *other = &m->elements[first];
            bool this_later = el->id_pos.line > other->id_pos.line ||
                              (el->id_pos.line == other->id_pos.line && el->id_pos.col > other->id_pos.col);
            const sv_element *later = this_later ? el : other, *earlier = this_later ? other : el;
            if (kind == SV_KIND_STEP && other->kind == SV_KIND_STEP)
                fail(c, "duplicate-id", later->id_pos,
                     _("the step id '%s' is used twice in this process; step ids must be unique "
                       "within their process"),
                     strchr(id, '/') + 1);
            else
                fail(c, "duplicate-id", later->id_pos,
                     _("the id '%s' is already used by %s; ids must be unique in the whole file"),
                     id, kind_noun(earlier->kind));
            sv_diags_note(c->diags, earlier->id_pos, "%s", _("first used here"));
        }
    }
    return el_index;
}

/* Reads the required `id` of a mapping; NULL when missing or invalid. */
static const char *element_id(ctx *c, const sv_node *map, const char *where_noun,
                              const sv_node **id_node)
{
    const char *id = NULL;
    *id_node = require(c, map, "id", where_fixed(where_noun));
    if (*id_node)
        read_id(c, *id_node, "id", &id);
    return id;
}

static const char *const AGREEMENT_KEYS[] = {"id", "name", "valid_from", "valid_to", "year",
                                             "sources", "audited", "note", "ignore",
                                             /* 1.1: governance (schema_governance.c), money and
                                                auditors (schema_projects.c) */
                                             "kind", "funding", "audited_by", "unknown", NULL};

/* Format 1.1 `agreement.unknown`: the sections the sources do not show.
 * Only goals, processes and reporting can be listed: they are what the
 * audit questions are answered from and what a model may leave empty.
 * The other sections are refused with the reason, so that nobody writes a
 * mark that would change nothing (docs/model-format.md, agreement.unknown). */
static const char *unknown_section_name(int v)
{
    return sv_unknown_section_name((sv_unknown_section)v);
}

static bool refuse_unknown_section(ctx *c, const sv_node *item)
{
    static const char *const refused[] = {"parties", "bodies", /* required */
                                          "roles", "people", "service_points", "projects"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        if (strcmp(item->text, refused[i]) != 0)
            continue;
        const char *why = i < 2 ? _("a model must have at least one of them, so the sources show some")
                                : _("no audit question is answered from it, so the mark would "
                                    "change nothing");
        fail(c, "invalid-value", item->pos,
             _("'unknown' cannot list '%s': %s; 'unknown' lists goals, processes or reporting"),
             item->text, why);
        return true;
    }
    return false;
}

static void read_unknown(ctx *c, const sv_node *node)
{
    sv_agreement *a = &c->m->agreement;
    const sv_node *const *items;
    size_t count;
    if (!list_items(c, node, "unknown", &items, &count))
        return;
    for (size_t i = 0; i < count; i++) {
        const sv_node *item = items[i];
        int s;
        if ((item->kind == SV_NODE_SCALAR && refuse_unknown_section(c, item)) ||
            !read_enum(c, item, "unknown", unknown_section_name, SV_UNKNOWN_SECTION_COUNT, &s))
            continue;
        if (a->unknown & (1u << s)) {
            fail(c, "duplicate-key", item->pos, _("'unknown' lists '%s' twice"), item->text);
            sv_diags_note(c->diags, a->unknown_pos[s], "%s", _("first listed here"));
            continue;
        }
        a->unknown |= 1u << s;
        a->unknown_pos[s] = item->pos;
    }
}

/* A section marked unknown that the model has content for: the mark would
 * then say both "the sources do not show it" and "here it is". Checked
 * after every section is read, so that a scenario that adds goals to a
 * base with `unknown: [goals]` is refused like a model that has both. */
static void check_unknown_sections(ctx *c)
{
    static const char *const errors[] = {
        N_("'unknown' says the sources do not show the goals, but the model has goals; take "
           "'goals' out of 'unknown', or the goals out of the model"),
        N_("'unknown' says the sources do not show the processes, but the model has processes; "
           "take 'processes' out of 'unknown', or the processes out of the model"),
        N_("'unknown' says the sources do not show the reporting, but the model has reporting "
           "flows; take 'reporting' out of 'unknown', or the flows out of the model")};
    static const char *const notes[] = {N_("the first goal is here"), N_("the first process is here"),
                                        N_("the first reporting flow is here")};
    const sv_model *m = c->m;
    const sv_agreement *a = &m->agreement;
    sv_id first[SV_UNKNOWN_SECTION_COUNT] = {
        m->goal_count ? m->goals[0].el : SV_NONE,
        m->process_count ? m->processes[0].el : SV_NONE,
        m->reporting_count ? m->reporting[0].el : SV_NONE};
    for (int s = 0; s < SV_UNKNOWN_SECTION_COUNT; s++) {
        if (!(a->unknown & (1u << s)) || first[s] == SV_NONE)
            continue;
        fail(c, "invalid-value", a->unknown_pos[s], "%s", _(errors[s]));
        sv_diags_note(c->diags, m->elements[first[s]].pos, "%s", _(notes[s]));
    }
}

static void read_agreement(ctx *c, const sv_node *node)
{
    sv_agreement *a = &c->m->agreement;
    a->el = SV_NONE;
    if (!expect_map(c, node, N_("'agreement'")))
        return;
    check_keys(c, node, N_("the agreement"), AGREEMENT_KEYS);
    const sv_node *id_node;
    const char *id = element_id(c, node, N_("the agreement"), &id_node);
    a->el = new_element(c, SV_KIND_AGREEMENT, 0, node, id, id_node, true,
                        where_fixed(N_("the agreement")));
    const sv_node *v;
    if ((v = get(node, "valid_from")))
        read_date(c, v, "valid_from", &a->valid_from);
    if ((v = get(node, "valid_to")) && read_date(c, v, "valid_to", &a->valid_to) &&
        a->valid_from.year) {
        long from = a->valid_from.year * 10000L + a->valid_from.month * 100 + a->valid_from.day;
        long to = a->valid_to.year * 10000L + a->valid_to.month * 100 + a->valid_to.day;
        if (to < from)
            fail(c, "out-of-range", v->pos, "%s", _("'valid_to' is before 'valid_from'"));
    }
    if ((v = get(node, "year")) && read_int(c, v, "year", 1900, 2200, &a->year))
        a->year_given = true;
    if ((v = get(node, "sources"))) {
        const sv_node *const *items;
        size_t count;
        if (list_items(c, v, "sources", &items, &count)) {
            a->sources = sv_arena_calloc(c->arena, count, sizeof *a->sources);
            for (size_t i = 0; a->sources && i < count; i++)
                if (read_text(c, items[i], "sources", &a->sources[a->source_count]))
                    a->source_count++;
        }
    }
    if ((v = get(node, "audited")))
        read_refs(c, v, "audited", KIND_BIT(SV_KIND_PARTY), &a->audited);
    if ((v = get(node, "unknown")))
        read_unknown(c, v);
    sv_schema_projects_agreement(c, node);
}

static const char *const PARTY_KEYS[] = {"id", "name", "kind", "part_of", "signatory", "note",
                                         "ignore", NULL};

static void read_party(ctx *c, const sv_node *node)
{
    if (!expect_map(c, node, N_("each item of 'parties'")))
        return;
    check_keys(c, node, N_("a party"), PARTY_KEYS);
    const sv_node *id_node;
    const char *id = element_id(c, node, N_("a party"), &id_node);
    where w = where_element(SV_KIND_PARTY, id);
    sv_party *p = &c->m->parties[c->m->party_count];
    p->el = new_element(c, SV_KIND_PARTY, c->m->party_count, node, id, id_node, true, w);
    c->m->party_count++;
    const sv_node *v;
    if ((v = require(c, node, "kind", w)))
        read_party_kind(c, v, "kind", &p->kind);
    no_ref(&p->part_of);
    if ((v = get(node, "part_of")))
        read_ref(c, v, "part_of", KIND_BIT(SV_KIND_PARTY), &p->part_of);
    if ((v = get(node, "signatory"))) {
        read_bool(c, v, "signatory", &p->signatory);
        p->signatory_pos = v->pos;
    }
}

static const char *const ROLE_KEYS[] = {"id", "name", "party", "note", "ignore",
                                        "elected", "leads", "deputy_for", /* 1.1 governance */
                                        NULL};

static void read_role(ctx *c, const sv_node *node)
{
    if (!expect_map(c, node, N_("each item of 'roles'")))
        return;
    check_keys(c, node, N_("a role"), ROLE_KEYS);
    const sv_node *id_node;
    const char *id = element_id(c, node, N_("a role"), &id_node);
    where w = where_element(SV_KIND_ROLE, id);
    sv_role *r = &c->m->roles[c->m->role_count];
    r->el = new_element(c, SV_KIND_ROLE, c->m->role_count, node, id, id_node, true, w);
    c->m->role_count++;
    const sv_node *v;
    no_ref(&r->party);
    if ((v = require(c, node, "party", w)))
        read_ref(c, v, "party", KIND_BIT(SV_KIND_PARTY), &r->party);
    sv_schema_governance_role(c, node, r);
}

static const char *const PERSON_KEYS[] = {"id", "name", "roles", "party", "note", "ignore",
                                          "elected", "leads", "delegation", "deputy_for",
                                          /* 1.1 governance */
                                          NULL};

static void read_person(ctx *c, const sv_node *node)
{
    if (!expect_map(c, node, N_("each item of 'people'")))
        return;
    check_keys(c, node, N_("a person"), PERSON_KEYS);
    const sv_node *id_node;
    const char *id = element_id(c, node, N_("a person"), &id_node);
    where w = where_element(SV_KIND_PERSON, id);
    sv_person *p = &c->m->people[c->m->person_count];
    p->el = new_element(c, SV_KIND_PERSON, c->m->person_count, node, id, id_node, true, w);
    c->m->person_count++;
    const sv_node *v;
    if ((v = get(node, "roles")))
        read_refs(c, v, "roles", KIND_BIT(SV_KIND_ROLE), &p->roles);
    no_ref(&p->party);
    if ((v = get(node, "party")))
        read_ref(c, v, "party", KIND_BIT(SV_KIND_PARTY), &p->party);
    sv_schema_governance_person(c, node, p);
}

const char *const sv_schema_body_keys[] = {"id", "name", "level", "kind", "members", "chair",
                                        "reports_to", "party_count", "meets", "note", "ignore",
                                        /* 1.1 governance */
                                        "deputies", "votes", "delegation", "led_by",
                                        /* 1.1, Group B: schema_projects.c */
                                        "period", "for_each", NULL};

static void read_body(ctx *c, const sv_node *node)
{
    if (!expect_map(c, node, N_("each item of 'bodies'")))
        return;
    check_keys(c, node, N_("a body"), sv_schema_body_keys);
    const sv_node *id_node;
    const char *id = element_id(c, node, N_("a body"), &id_node);
    where w = where_element(SV_KIND_BODY, id);
    sv_body *b = &c->m->bodies[c->m->body_count];
    b->el = new_element(c, SV_KIND_BODY, c->m->body_count, node, id, id_node, true, w);
    c->m->body_count++;
    b->party_count = -1;
    no_ref(&b->chair);
    no_ref(&b->reports_to);
    const sv_node *v;
    if ((v = require(c, node, "level", w)))
        read_level(c, v, "level", &b->level);
    if ((v = require(c, node, "kind", w)))
        read_body_kind(c, v, "kind", &b->kind);
    if ((v = require(c, node, "members", w)))
        read_refs(c, v, "members", REF_MEMBER, &b->members);
    if ((v = get(node, "chair")))
        read_ref(c, v, "chair", KIND_BIT(SV_KIND_PERSON) | KIND_BIT(SV_KIND_ROLE), &b->chair);
    if ((v = get(node, "reports_to")))
        read_ref(c, v, "reports_to", KIND_BIT(SV_KIND_BODY), &b->reports_to);
    if ((v = get(node, "party_count"))) {
        read_int(c, v, "party_count", 1, 1000000, &b->party_count);
        b->party_count_pos = v->pos;
    }
    sv_schema_governance_body(c, node, b); /* also reads `meets` */
    sv_schema_projects_body(c, node, b);
}

static const char *const FLOW_KEYS[] = {"to", "share", "label", NULL};

static void read_next(ctx *c, const sv_node *node, sv_step *s, uint32_t process)
{
    const sv_node *const *items;
    size_t count;
    if (!list_items(c, node, "next", &items, &count))
        return;
    s->next = sv_arena_calloc(c->arena, count, sizeof *s->next);
    if (!s->next && count) {
        out_of_memory(c, node->pos);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        const sv_node *item = items[i];
        sv_flow *f = &s->next[s->next_count++];
        no_ref(&f->to);
        const sv_node *to = item;
        if (item->kind == SV_NODE_MAP) {
            check_keys(c, item, N_("a 'next' entry"), FLOW_KEYS);
            to = require(c, item, "to", where_fixed(N_("a 'next' entry")));
            const sv_node *v;
            if ((v = get(item, "share")) && read_number(c, v, "share", 0, false, 1, false, &f->share))
                f->has_share = true;
            if ((v = get(item, "label")))
                read_text(c, v, "label", &f->label);
            if (!to)
                continue;
        }
        if (!expect_scalar(c, to, "next", N_("a step id or {to: step, share: N}")))
            continue;
        remember_ref(c, to, KIND_BIT(SV_KIND_STEP), &f->to, process, false);
    }
}

static const char *const STEP_KEYS[] = {"id", "name", "kind", "responsible", "accountable",
                                        "consulted", "informed", "next", "after_days", "meets",
                                        "note", "ignore", NULL};

static void read_step(ctx *c, const sv_node *node, uint32_t process, const char *process_id)
{
    if (!expect_map(c, node, N_("each item of 'steps'")))
        return;
    check_keys(c, node, N_("a step"), STEP_KEYS);
    const sv_node *id_node;
    const char *local = element_id(c, node, N_("a step"), &id_node);
    /* Step ids are local to their process; the qualified id cannot clash
     * with other ids, since '/' is no id character. */
    const char *id = NULL;
    if (local && process_id)
        id = sv_arena_concat(c->arena, process_id, "/", local);
    where w = where_element(SV_KIND_STEP, id ? id : local);
    sv_step *s = &c->m->steps[c->m->step_count];
    s->el = new_element(c, SV_KIND_STEP, c->m->step_count, node, id, id_node, true, w);
    s->process = process;
    s->kind = SV_STEP_TASK;
    c->m->step_count++;
    const sv_node *v;
    if ((v = get(node, "kind")))
        read_step_kind(c, v, "kind", &s->kind);
    if ((v = get(node, "responsible")))
        read_refs(c, v, "responsible", REF_ACTOR, &s->responsible);
    if ((v = get(node, "accountable")))
        read_refs(c, v, "accountable", REF_ACTOR, &s->accountable);
    if ((v = get(node, "consulted")))
        read_refs(c, v, "consulted", REF_ACTOR, &s->consulted);
    if ((v = get(node, "informed")))
        read_refs(c, v, "informed", REF_ACTOR, &s->informed);
    if ((v = get(node, "next")))
        read_next(c, v, s, process);
    if ((v = get(node, "after_days")) &&
        read_number(c, v, "after_days", 0, false, INFINITY, false, &s->after_days))
        s->has_after_days = true;
    no_ref(&s->meets_form.before);
    if ((v = get(node, "meets")))
        sv_schema_governance_meets(c, v, &s->meets, &s->meets_form);
}

static const char *const PROCESS_KEYS[] = {"id", "name", "runs_at", "owner", "about", "steps",
                                           "note", "ignore", NULL};

static void read_process(ctx *c, const sv_node *node)
{
    if (!expect_map(c, node, N_("each item of 'processes'")))
        return;
    check_keys(c, node, N_("a process"), PROCESS_KEYS);
    const sv_node *id_node;
    const char *id = element_id(c, node, N_("a process"), &id_node);
    where w = where_element(SV_KIND_PROCESS, id);
    uint32_t index = c->m->process_count++;
    sv_process *p = &c->m->processes[index];
    p->el = new_element(c, SV_KIND_PROCESS, index, node, id, id_node, true, w);
    no_ref(&p->owner);
    const sv_node *v;
    if ((v = get(node, "runs_at")))
        read_refs(c, v, "runs_at", KIND_BIT(SV_KIND_BODY), &p->runs_at);
    if ((v = get(node, "owner")))
        read_ref(c, v, "owner", KIND_BIT(SV_KIND_BODY) | KIND_BIT(SV_KIND_PARTY), &p->owner);
    p->about = SV_ABOUT_INDIVIDUAL; /* format 1.1; a file without the key means what it always did */
    if ((v = get(node, "about")))
        read_about(c, v, "about", &p->about);
    p->first_step = c->m->step_count;
    if ((v = require(c, node, "steps", w))) {
        if (v->kind != SV_NODE_SEQ) {
            fail(c, "wrong-type", v->pos, _("'%s' must be a list, not %s"), "steps",
                 node_kind_noun(v));
        } else if (v->count == 0) {
            fail(c, "missing-key", v->pos, _("%s needs at least one step"), where_text(c, w));
        } else {
            for (size_t i = 0; i < v->count; i++)
                read_step(c, v->items[i], index, id);
        }
    }
    p->step_count = c->m->step_count - p->first_step;
}

static bool read_year_values(ctx *c, const sv_node *node, const char *key, sv_year_value **out,
                             uint32_t *count)
{
    if (node->kind != SV_NODE_MAP) {
        not_a_map(c, node, sv_arena_printf(c->arena, "'%s'", key));
        return false;
    }
    *out = sv_arena_calloc(c->arena, node->count, sizeof **out);
    if (!*out && node->count) {
        out_of_memory(c, node->pos);
        return false;
    }
    for (size_t i = 0; i < node->count; i++) {
        sv_year_value *yv = &(*out)[*count];
        const sv_node *year = node->pairs[i].key;
        if (!year->plain || !matches_integer(year->text) || atol(year->text) < 1900 ||
            atol(year->text) > 2200) {
            fail(c, matches_integer(year->text) ? "out-of-range" : "wrong-type", year->pos,
                 _("'%s' lists '%s'; its keys are years from 1900 to 2200"), key, year->text);
            continue;
        }
        yv->year = atoi(year->text);
        if (!read_number(c, node->pairs[i].value, key, -INFINITY, false, INFINITY, false, &yv->value))
            continue;
        yv->pos = node->pairs[i].key->pos;
        (*count)++;
    }
    return true;
}

static const char *const INDICATOR_KEYS[] = {"id", "name", "unit", "baseline", "targets", "note",
                                             "ignore", NULL};

static void read_indicator(ctx *c, const sv_node *node, uint32_t goal)
{
    if (!expect_map(c, node, N_("each item of 'indicators'")))
        return;
    check_keys(c, node, N_("an indicator"), INDICATOR_KEYS);
    const sv_node *id_node;
    const char *id = element_id(c, node, N_("an indicator"), &id_node);
    where w = where_element(SV_KIND_INDICATOR, id);
    uint32_t index = c->m->indicator_count++;
    sv_indicator *ind = &c->m->indicators[index];
    ind->el = new_element(c, SV_KIND_INDICATOR, index, node, id, id_node, true, w);
    ind->goal = goal;
    const sv_node *v;
    if ((v = get(node, "unit")))
        read_text(c, v, "unit", &ind->unit);
    if ((v = get(node, "baseline")))
        read_year_values(c, v, "baseline", &ind->baseline, &ind->baseline_count);
    if ((v = get(node, "targets")))
        read_year_values(c, v, "targets", &ind->targets, &ind->target_count);
}

static const char *const GOAL_KEYS[] = {"id", "name", "owner", "contributes_to", "indicators",
                                        "note", "ignore", NULL};

static void read_goal(ctx *c, const sv_node *node)
{
    if (!expect_map(c, node, N_("each item of 'goals'")))
        return;
    check_keys(c, node, N_("a goal"), GOAL_KEYS);
    const sv_node *id_node;
    const char *id = element_id(c, node, N_("a goal"), &id_node);
    where w = where_element(SV_KIND_GOAL, id);
    uint32_t index = c->m->goal_count++;
    sv_goal *g = &c->m->goals[index];
    g->el = new_element(c, SV_KIND_GOAL, index, node, id, id_node, true, w);
    no_ref(&g->owner);
    const sv_node *v;
    if ((v = get(node, "owner")))
        read_ref(c, v, "owner", KIND_BIT(SV_KIND_PARTY) | KIND_BIT(SV_KIND_BODY), &g->owner);
    if ((v = get(node, "contributes_to")))
        read_refs(c, v, "contributes_to", KIND_BIT(SV_KIND_GOAL), &g->contributes_to);
    g->first_indicator = c->m->indicator_count;
    if ((v = get(node, "indicators"))) {
        if (v->kind == SV_NODE_SEQ) {
            for (size_t i = 0; i < v->count; i++)
                read_indicator(c, v->items[i], index);
        } else if (!is_null(v)) {
            fail(c, "wrong-type", v->pos, _("'%s' must be a list, not %s"), "indicators",
                 node_kind_noun(v));
        }
    }
    g->indicator_count = c->m->indicator_count - g->first_indicator;
}

static const char *const REPORTING_KEYS[] = {"id", "from", "to", "what", "covers", "meets", "note",
                                             "ignore", NULL};

static void read_reporting(ctx *c, const sv_node *node)
{
    if (!expect_map(c, node, N_("each item of 'reporting'")))
        return;
    check_keys(c, node, N_("a reporting flow"), REPORTING_KEYS);
    uint32_t index = c->m->reporting_count++;
    const sv_node *id_node = get(node, "id");
    const char *id = NULL;
    if (id_node)
        read_id(c, id_node, "id", &id);
    where w = where_element(SV_KIND_REPORTING, id);
    sv_reporting *r = &c->m->reporting[index];
    r->el = new_element(c, SV_KIND_REPORTING, index, node, id, id_node, false, w);
    if (!id) /* a display name that cannot clash with ids ('#' is no id character) */
        c->m->elements[r->el].id = sv_arena_printf(c->arena, "reporting#%u", index + 1);
    no_ref(&r->from);
    const sv_node *v;
    if ((v = require(c, node, "from", w)))
        read_ref(c, v, "from", REF_SENDER, &r->from);
    if ((v = require(c, node, "to", w)))
        read_refs(c, v, "to", REF_ACTOR, &r->to);
    if ((v = require(c, node, "what", w)))
        read_text(c, v, "what", &r->what);
    if ((v = get(node, "covers")))
        read_refs(c, v, "covers", KIND_BIT(SV_KIND_GOAL) | KIND_BIT(SV_KIND_PROCESS), &r->covers);
    if ((v = get(node, "meets")))
        read_cadence(c, v, "meets", &r->meets);
}

const char *const sv_schema_duration_keys[] = {"dist", "mean_days", "cv", NULL};

static void read_duration(ctx *c, const sv_node *node, sv_service_point *sp)
{
    if (!expect_map(c, node, N_("'duration'")))
        return;
    check_keys(c, node, N_("'duration'"), sv_schema_duration_keys);
    sv_duration *d = &sp->duration;
    bool ok = true;
    const sv_node *v;
    if ((v = require(c, node, "dist", where_fixed(N_("'duration'")))))
        ok &= read_dist(c, v, "dist", &d->dist);
    else
        ok = false;
    if ((v = require(c, node, "mean_days", where_fixed(N_("'duration'")))))
        ok &= read_number(c, v, "mean_days", 0, true, INFINITY, false, &d->mean_days);
    else
        ok = false;
    const sv_node *cv = get(node, "cv");
    if (!ok)
        return;
    switch (d->dist) {
    case SV_DIST_EXPONENTIAL:
        d->cv = 1;
        if (cv && read_number(c, cv, "cv", 0, false, INFINITY, false, &d->cv) && d->cv != 1)
            fail(c, "out-of-range", cv->pos, "%s",
                 _("an exponential duration always has cv 1; leave 'cv' out or choose gamma or "
                   "lognormal"));
        break;
    case SV_DIST_FIXED:
        d->cv = 0;
        if (cv && read_number(c, cv, "cv", 0, false, INFINITY, false, &d->cv) && d->cv != 0)
            fail(c, "out-of-range", cv->pos, "%s",
                 _("a fixed duration has cv 0; leave 'cv' out or choose gamma or lognormal"));
        break;
    default:
        if (!cv) {
            fail(c, "missing-key", node->pos, _("a %s duration needs 'cv' (spread relative to the mean)"),
                 sv_dist_name(d->dist));
            return;
        }
        if (!read_number(c, cv, "cv", 0, true, INFINITY, false, &d->cv))
            return;
        break;
    }
    sp->has_duration = true;
}

static void read_outcomes(ctx *c, const sv_node *node, sv_service_point *sp)
{
    if (!expect_map(c, node, N_("'outcomes'")))
        return;
    sp->outcomes = sv_arena_calloc(c->arena, node->count, sizeof *sp->outcomes);
    if (!sp->outcomes && node->count) {
        out_of_memory(c, node->pos);
        return;
    }
    double sum = 0;
    bool all_read = true;
    for (size_t i = 0; i < node->count; i++) {
        sv_outcome *o = &sp->outcomes[sp->outcome_count];
        o->label = keep(c, node->pairs[i].key);
        o->pos = node->pairs[i].key->pos;
        sp->outcome_count++; /* kept even when its share is wrong, so 'positive' can name it */
        if (!read_number(c, node->pairs[i].value, o->label, 0, false, 1, false, &o->share)) {
            all_read = false;
            continue;
        }
        sum += o->share;
    }
    if (all_read && node->count > 0 && fabs(sum - 1.0) > 0.001)
        fail(c, "out-of-range", node->pos, _("the outcome shares sum to %g; they must sum to 1"), sum);
}

const char *const sv_schema_service_point_keys[] = {"at", "arrivals_per_month", "slots", "caseload", "intake",
                                                 "duration", "outcomes", "positive", NULL};

static void read_service_point(ctx *c, const sv_node *node)
{
    if (!expect_map(c, node, N_("each item of 'service_points'")))
        return;
    check_keys(c, node, N_("an entry of 'service_points'"), sv_schema_service_point_keys);
    sv_service_point *sp = &c->m->service_points[c->m->service_point_count++];
    sp->pos = node->pos;
    no_ref(&sp->at);
    const sv_node *v;
    if ((v = require(c, node, "at", where_fixed(N_("an entry of 'service_points'")))) &&
        expect_scalar(c, v, "at", N_("an id")))
        remember_ref(c, v, KIND_BIT(SV_KIND_BODY), &sp->at, UINT32_MAX, true);
    if ((v = get(node, "arrivals_per_month")))
        read_number(c, v, "arrivals_per_month", 0, true, INFINITY, false, &sp->arrivals_per_month);
    if ((v = get(node, "slots")))
        read_int(c, v, "slots", 1, 10000000, &sp->slots);
    if ((v = get(node, "caseload")))
        read_int(c, v, "caseload", 1, 10000000, &sp->caseload);
    if ((v = get(node, "intake")))
        read_cadence(c, v, "intake", &sp->intake);
    if ((v = get(node, "duration")))
        read_duration(c, v, sp);
    if ((v = get(node, "outcomes")))
        read_outcomes(c, v, sp);
    if ((v = get(node, "positive"))) {
        const sv_node *const *items;
        size_t count;
        if (!list_items(c, v, "positive", &items, &count))
            return;
        for (size_t i = 0; i < count; i++) {
            const char *label;
            if (!read_text(c, items[i], "positive", &label))
                continue;
            bool found = false;
            for (uint32_t k = 0; k < sp->outcome_count; k++) {
                if (strcmp(sp->outcomes[k].label, label) == 0) {
                    sp->outcomes[k].positive = true;
                    found = true;
                }
            }
            if (!found)
                fail(c, "unknown-reference", items[i]->pos,
                     _("'%s' is not one of the outcomes listed in 'outcomes'"), label);
        }
    }
}

/* ---- resolving references ---- */

static bool hint_candidate(const sv_model *m, sv_id el, unsigned kinds, uint32_t process)
{
    const sv_element *e = &m->elements[el];
    if (!e->id || !(kinds & KIND_BIT(e->kind)))
        return false;
    return e->kind != SV_KIND_STEP || m->steps[e->index].process == process;
}

static const char *ref_hint(ctx *c, const pending_ref *r)
{
    /* Hints are a convenience: each costs a scan of all ids, so only the
     * first misses get one. */
    if (c->hint_scans++ > 50)
        return NULL;
    const char *word = r->text;
    const char *best = NULL;
    size_t best_distance = SIZE_MAX;
    size_t len = strlen(word);
    size_t limit = len / 3 > 2 ? 2 : (len / 3 == 0 ? 1 : len / 3);
    for (sv_id i = 0; i < c->m->element_count; i++) {
        if (!hint_candidate(c->m, i, r->kinds, r->process))
            continue;
        const char *id = c->m->elements[i].id;
        if (r->process != UINT32_MAX) {
            const char *slash = strchr(id, '/');
            id = slash ? slash + 1 : id;
        }
        size_t d = sv_edit_distance(word, id, limit);
        if (d <= limit && d < best_distance) {
            best_distance = d;
            best = id;
        }
    }
    return best;
}

static void resolve_refs(ctx *c)
{
    sv_model *m = c->m;
    for (size_t i = 0; i < c->ref_count; i++) {
        const pending_ref *r = &c->refs[i];
        const char *word = r->text;
        sv_pos pos = r->slot->pos;
        uint32_t el;
        bool found;
        if (r->process != UINT32_MAX) {
            const char *process_id = m->elements[m->processes[r->process].el].id;
            if (!process_id)
                continue; /* the process id itself was bad: reported already */
            /* ids are at most MAX_ID_LENGTH characters; a longer word matches nothing */
            char qualified[2 * MAX_ID_LENGTH + 2];
            int n = snprintf(qualified, sizeof qualified, "%s/%s", process_id, word);
            found = n > 0 && (size_t)n < sizeof qualified &&
                    sv_strmap_get(c->ids, qualified, (size_t)n, &el);
        } else {
            found = sv_strmap_get(c->ids, word, strlen(word), &el);
        }
        char phrase[256];
        if (!found) {
            const char *hint = ref_hint(c, r);
            if (r->process != UINT32_MAX) {
                if (hint)
                    fail(c, "unknown-reference", pos,
                         _("no step '%s' in this process; did you mean '%s'?"), word, hint);
                else
                    fail(c, "unknown-reference", pos, _("no step '%s' in this process"), word);
            } else if (hint) {
                fail(c, "unknown-reference", pos,
                     _("nothing has the id '%s'; did you mean '%s'?"), word, hint);
            } else {
                fail(c, "unknown-reference", pos,
                     _("nothing has the id '%s' (expected %s)"), word,
                     kinds_phrase(r->kinds, phrase, sizeof phrase));
            }
            continue;
        }
        const sv_element *target = &m->elements[el];
        if (!(r->kinds & KIND_BIT(target->kind))) {
            fail(c, "wrong-reference-kind", pos, _("'%s' is %s, but %s is expected here"),
                 word, kind_noun(target->kind), kinds_phrase(r->kinds, phrase, sizeof phrase));
            sv_diags_note(c->diags, target->id_pos, _("'%s' is defined here"), word);
            continue;
        }
        if (r->service_point && m->bodies[target->index].kind != SV_BODY_SERVICE_POINT) {
            fail(c, "wrong-reference-kind", pos,
                 _("'%s' is a body of kind '%s'; queue facts belong to a body of kind "
                   "'service-point'"),
                 word, sv_body_kind_name(m->bodies[target->index].kind));
            sv_diags_note(c->diags, target->id_pos, _("'%s' is defined here"), word);
            continue;
        }
        r->slot->target = el;
    }
}

/* ---- whole-model facts ---- */

typedef struct cycle_report {
    ctx *c;
} cycle_report;

static void report_part_of_cycle(const uint32_t *cycle, uint32_t length, void *data)
{
    ctx *c = ((cycle_report *)data)->c;
    const sv_model *m = c->m;
    const char *names[65] = {0};
    uint32_t shown = length < 64 ? length : 64;
    for (uint32_t i = 0; i < shown; i++)
        names[i] = m->elements[m->parties[cycle[i]].el].id;
    names[shown] = names[0]; /* back where it started */
    char chain[512];
    sv_join(chain, sizeof chain, " -> ", NULL, names, shown + 1);
    /* reported at the party of the cycle that comes first in the file */
    fail(c, "part-of-cycle", m->parties[cycle[0]].part_of.pos,
         _("'part_of' goes round in a circle: %s; a party cannot be part of itself"), chain);
}

static void check_part_of_cycles(ctx *c)
{
    sv_model *m = c->m;
    uint32_t *parent = malloc((m->party_count ? m->party_count : 1) * sizeof *parent);
    cycle_report data = {c};
    if (parent) {
        for (uint32_t i = 0; i < m->party_count; i++) {
            sv_id p = m->parties[i].part_of.target;
            parent[i] = p == SV_NONE ? SV_NO_SUCCESSOR : m->elements[p].index;
        }
    }
    if (!parent || sv_functional_cycles(m->party_count, parent, report_part_of_cycle, &data) != 0)
        out_of_memory(c, (sv_pos){m->source->path, 0, 0});
    free(parent);
}

static void compute_top_parties(sv_model *m)
{
    for (uint32_t i = 0; i < m->party_count; i++) {
        uint32_t p = i;
        /* bounded walk: cycles were refused before this runs */
        for (uint32_t steps = 0; steps <= m->party_count; steps++) {
            sv_id parent = m->parties[p].part_of.target;
            if (parent == SV_NONE)
                break;
            p = m->elements[parent].index;
        }
        m->parties[i].top = m->parties[p].el;
    }
}

int sv_schema_default_year(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t now = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm))
        return 2024;
    return tm.tm_year + 1900;
}

/* Queue facts given twice for the same body would make the simulation
 * ambiguous. */
static void check_service_points_unique(ctx *c)
{
    sv_model *m = c->m;
    uint32_t *first = malloc((m->body_count ? m->body_count : 1) * sizeof *first);
    if (!first) {
        out_of_memory(c, (sv_pos){m->source->path, 0, 0});
        return;
    }
    for (uint32_t b = 0; b < m->body_count; b++)
        first[b] = UINT32_MAX;
    for (uint32_t i = 0; i < m->service_point_count; i++) {
        sv_id at = m->service_points[i].at.target;
        if (at == SV_NONE)
            continue;
        uint32_t body = m->elements[at].index;
        if (first[body] == UINT32_MAX) {
            first[body] = i;
            continue;
        }
        fail(c, "duplicate-id", m->service_points[i].at.pos, _("queue facts for '%s' are given twice"),
             m->elements[at].id);
        sv_diags_note(c->diags, m->service_points[first[body]].at.pos, "%s", _("first given here"));
    }
    free(first);
}

static const char *const TOP_KEYS[] = {"samverkan", "agreement", "parties", "roles", "people",
                                       "bodies", "processes", "goals", "reporting",
                                       "service_points", "projects", NULL};

static void read_section(ctx *c, const sv_node *root, const char *key, bool required,
                         void (*read_item)(ctx *, const sv_node *))
{
    const sv_node *node = required ? require(c, root, key, where_fixed(N_("the model"))) : get(root, key);
    if (!node)
        return;
    if (node->kind != SV_NODE_SEQ && !is_null(node)) {
        fail(c, "wrong-type", node->pos, _("'%s' must be a list, not %s"), key, node_kind_noun(node));
        return;
    }
    if (required && (is_null(node) || node->count == 0)) {
        fail(c, "missing-key", node->pos, _("'%s' must list at least one item"), key);
        return;
    }
    for (size_t i = 0; i < node->count; i++)
        read_item(c, node->items[i]);
}

/* A section of the tree read into the model is no longer needed. */
static void read_and_release(ctx *c, const sv_node *root, const char *key, bool required,
                             void (*read_item)(ctx *, const sv_node *))
{
    read_section(c, root, key, required, read_item);
    const sv_node *node = get(root, key);
    if (c->tree && node)
        sv_tree_release_section(c->tree, node);
}

/* Allocates every array at the size the tree announces, so that pointers
 * to references stay valid while the model is read. */
static int allocate_model(ctx *c, const sv_node *root)
{
    sv_model *m = c->m;
    size_t parties = section_count(root, "parties"), roles = section_count(root, "roles"),
           people = section_count(root, "people"), bodies = section_count(root, "bodies"),
           processes = section_count(root, "processes"), goals = section_count(root, "goals"),
           reporting = section_count(root, "reporting"),
           service_points = section_count(root, "service_points"),
           projects = section_count(root, "projects");
    size_t steps = 0, indicators = 0;
    const sv_node *list = get(root, "processes");
    for (size_t i = 0; i < processes; i++) {
        const sv_node *s = get(list->items[i], "steps");
        if (s && s->kind == SV_NODE_SEQ)
            steps += s->count;
    }
    list = get(root, "goals");
    for (size_t i = 0; i < goals; i++) {
        const sv_node *s = get(list->items[i], "indicators");
        if (s && s->kind == SV_NODE_SEQ)
            indicators += s->count;
    }
    size_t elements = 1 + parties + roles + people + bodies + processes + steps + goals +
                      indicators + reporting + projects;
    if (elements > UINT32_MAX / 2)
        return -1;
    m->elements = sv_arena_calloc(c->arena, elements, sizeof *m->elements);
    m->parties = sv_arena_calloc(c->arena, parties, sizeof *m->parties);
    m->roles = sv_arena_calloc(c->arena, roles, sizeof *m->roles);
    m->people = sv_arena_calloc(c->arena, people, sizeof *m->people);
    m->bodies = sv_arena_calloc(c->arena, bodies, sizeof *m->bodies);
    m->processes = sv_arena_calloc(c->arena, processes, sizeof *m->processes);
    m->steps = sv_arena_calloc(c->arena, steps, sizeof *m->steps);
    m->goals = sv_arena_calloc(c->arena, goals, sizeof *m->goals);
    m->indicators = sv_arena_calloc(c->arena, indicators, sizeof *m->indicators);
    m->reporting = sv_arena_calloc(c->arena, reporting, sizeof *m->reporting);
    m->service_points = sv_arena_calloc(c->arena, service_points, sizeof *m->service_points);
    m->projects = sv_arena_calloc(c->arena, projects, sizeof *m->projects);
    if (!m->elements || !m->parties || !m->roles || !m->people || !m->bodies || !m->processes ||
        !m->steps || !m->goals || !m->indicators || !m->reporting || !m->service_points || !m->projects)
        return -1;
    return 0;
}

static int build(sv_model **out, const sv_node *root, sv_source *const *sources,
                 size_t source_count, sv_tree *release, sv_diags *diags);

int sv_schema_build(sv_model **out, const sv_tree *tree, sv_diags *diags)
{
    sv_source *source = sv_tree_source(tree);
    return build(out, sv_tree_root(tree), &source, 1, NULL, diags);
}

int sv_schema_build_releasing(sv_model **out, sv_tree *tree, sv_diags *diags)
{
    sv_source *source = sv_tree_source(tree);
    return build(out, sv_tree_root(tree), &source, 1, tree, diags);
}

int sv_schema_build_root(sv_model **out, const sv_node *root, sv_source *const *sources,
                         size_t source_count, sv_diags *diags)
{
    return build(out, root, sources, source_count, NULL, diags);
}

/* `release`: the tree of `root`, whose sections are freed as they are read;
 * NULL keeps them. */
static int build(sv_model **out, const sv_node *root, sv_source *const *sources,
                 size_t source_count, sv_tree *release, sv_diags *diags)
{
    *out = NULL;
    sv_model *m = sv_model_internal_new(sources[0]);
    for (size_t i = 1; m && i < source_count; i++)
        if (sv_model_internal_add_source(m, sources[i]) != 0) {
            sv_model_free(m);
            m = NULL;
        }
    if (!m) {
        sv_diags_add(diags, "too-large", (sv_pos){sources[0]->path, 0, 0}, "%s",
                     _("out of memory while building the model"));
        return -1;
    }
    for (size_t i = 0; i < source_count; i++)
        sv_diags_add_source(diags, sources[i]);
    ctx c = {.m = m, .arena = sv_model_internal_arena(m), .diags = diags,
             .ids = sv_model_internal_ids(m), .ref_text = sv_arena_new(), .tree = release};
    m->agreement.el = SV_NONE;
    m->agreement.kind = SV_AGREEMENT_OTHER;
    m->agreement.audited_by.target = SV_NONE;
    if (!c.ref_text || allocate_model(&c, root) != 0) {
        out_of_memory(&c, root->pos);
        goto done;
    }

    check_keys(&c, root, N_("the model"), TOP_KEYS);
    const sv_node *v = require(&c, root, "samverkan", where_fixed(N_("the model")));
    /* 1 and 1.1 (1.1 adds keys; a version 1 file reads as it always did) */
    if (v && v->kind == SV_NODE_SCALAR && (strcmp(v->text, "1.1") == 0 || strcmp(v->text, "1.0") == 0)) {
        m->format_version = 1;
        m->format_minor = v->text[2] - '0';
    } else if (v && read_int(&c, v, "samverkan", 0, 1000000, &m->format_version) &&
               m->format_version != 1) {
        fail(&c, "unsupported-version", v->pos,
             _("this file is written in format version %d; this samverkan reads versions 1 and 1.1"),
             m->format_version);
    }
    if ((v = require(&c, root, "agreement", where_fixed(N_("the model")))))
        read_agreement(&c, v);
    read_and_release(&c, root, "parties", true, read_party);
    read_and_release(&c, root, "roles", false, read_role);
    read_and_release(&c, root, "people", false, read_person);
    read_and_release(&c, root, "bodies", true, read_body);
    read_and_release(&c, root, "processes", false, read_process);
    read_and_release(&c, root, "goals", false, read_goal);
    read_and_release(&c, root, "reporting", false, read_reporting);
    read_and_release(&c, root, "service_points", false, read_service_point);
    read_and_release(&c, root, "projects", false, sv_schema_projects_project);

    resolve_refs(&c);
    sv_schema_governance_finish(&c);
    check_unknown_sections(&c);

    check_service_points_unique(&c);
    check_part_of_cycles(&c);
    if (!c.failed) {
        compute_top_parties(m);
        sv_schema_projects_finish(&c);
        sv_agreement *a = &m->agreement;
        if (!a->year_given)
            a->year = a->valid_from.year ? a->valid_from.year : sv_schema_default_year();
    }
done:
    free(c.refs);
    sv_arena_free(c.ref_text);
    if (c.failed) {
        sv_model_free(m);
        return -1;
    }
    *out = m;
    return 0;
}

/* ---- the kit for the key groups' files (schema_internal.h) ---- */

sv_model *sv_schema_model(sv_schema_ctx *c) { return c->m; }

void *sv_schema_alloc(sv_schema_ctx *c, size_t count, size_t size, sv_pos pos)
{
    void *p = sv_arena_calloc(c->arena, count ? count : 1, size);
    if (!p)
        out_of_memory(c, pos);
    return p;
}

void sv_schema_fail(sv_schema_ctx *c, const char *code, sv_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sv_diags_vadd(c->diags, code, pos, fmt, ap);
    va_end(ap);
    c->failed = true;
}

const sv_node *sv_schema_get(const sv_node *map, const char *key) { return get(map, key); }

const sv_node *sv_schema_require(sv_schema_ctx *c, const sv_node *map, const char *key,
                                 const char *what)
{
    return require(c, map, key, where_fixed(what));
}

bool sv_schema_expect_map(sv_schema_ctx *c, const sv_node *node, const char *what)
{
    return expect_map(c, node, what);
}

void sv_schema_keys(sv_schema_ctx *c, const sv_node *map, const char *place,
                    const char *const *allowed)
{
    check_keys(c, map, place, allowed);
}

bool sv_schema_is_null(const sv_node *node) { return is_null(node); }

bool sv_schema_expect_scalar(sv_schema_ctx *c, const sv_node *node, const char *key,
                             const char *expected)
{
    return expect_scalar(c, node, key, expected);
}

bool sv_schema_list_items(sv_schema_ctx *c, const sv_node *node, const char *key,
                          const sv_node *const **items, size_t *count)
{
    return list_items(c, node, key, items, count);
}

bool sv_schema_read_text(sv_schema_ctx *c, const sv_node *node, const char *key, const char **out)
{
    return read_text(c, node, key, out);
}

bool sv_schema_read_bool(sv_schema_ctx *c, const sv_node *node, const char *key, bool *out)
{
    return read_bool(c, node, key, out);
}

bool sv_schema_read_number(sv_schema_ctx *c, const sv_node *node, const char *key, double lo,
                           bool lo_open, double hi, bool hi_open, double *out)
{
    return read_number(c, node, key, lo, lo_open, hi, hi_open, out);
}

bool sv_schema_read_int(sv_schema_ctx *c, const sv_node *node, const char *key, long lo, long hi,
                        int *out)
{
    return read_int(c, node, key, lo, hi, out);
}

bool sv_schema_read_date(sv_schema_ctx *c, const sv_node *node, const char *key, sv_date *out)
{
    return read_date(c, node, key, out);
}

bool sv_schema_read_enum(sv_schema_ctx *c, const sv_node *node, const char *key,
                         const char *(*name_of)(int), int count, int *out)
{
    return read_enum(c, node, key, name_of, count, out);
}

bool sv_schema_read_cadence(sv_schema_ctx *c, const sv_node *node, const char *key, sv_cadence *out)
{
    return read_cadence(c, node, key, out);
}

void sv_schema_read_ref(sv_schema_ctx *c, const sv_node *node, const char *key, unsigned kinds,
                        sv_ref *slot)
{
    read_ref(c, node, key, kinds, slot);
}

void sv_schema_read_refs(sv_schema_ctx *c, const sv_node *node, const char *key, unsigned kinds,
                         sv_refs *out)
{
    read_refs(c, node, key, kinds, out);
}

sv_id sv_schema_new_named_element(sv_schema_ctx *c, sv_kind kind, uint32_t index,
                                  const sv_node *map, const char *what)
{
    const sv_node *id_node;
    const char *id = element_id(c, map, what, &id_node);
    return new_element(c, kind, index, map, id, id_node, true, where_element(kind, id));
}
