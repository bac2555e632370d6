/*
 * The load stage: file -> positioned document tree, through libyaml's event
 * API (never its document loader, which follows aliases as pointers and has
 * no depth limit). Hostile input is refused while reading: the file size is
 * checked before parsing, the bytes are checked as UTF-8 by us (libyaml's
 * reader errors carry no line), nesting depth and node count are counted per
 * event, aliases, merge keys and tags are refused, duplicate keys detected.
 */
#include "samverkan/tree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "util/arena.h"
#include "util/i18n.h"
#include "util/source_internal.h"
#include "util/strmap.h"
#include "util/text.h"
#include "load/tree_internal.h"

/* the size the tree's memory was planned for (include/samverkan/tree.h) */
_Static_assert(sizeof(sv_node) == 32, "sv_node is 32 bytes");

/* Top-level lists and mappings with an arena of their own (see
 * tree_internal.h). Bounded: a hostile file with a million top-level keys
 * must not cost a million arenas; the values after these share the tree's. */
#define SV_TREE_SECTIONS 32

typedef struct section {
    const sv_node *node;
    size_t pair; /* its place in the top-level mapping */
    sv_arena *arena;
} section;

struct sv_tree {
    sv_arena *arena; /* the top-level mapping, its keys, and what has no section */
    sv_source *source;
    sv_node *root;
    section sections[SV_TREE_SECTIONS];
    size_t section_count;
};

void sv_load_limits_default(sv_load_limits *out)
{
    out->max_file_bytes = SV_DEFAULT_MAX_FILE_BYTES;
    out->max_depth = SV_DEFAULT_MAX_DEPTH;
    out->max_nodes = SV_DEFAULT_MAX_NODES;
    out->allow_base_outside = false;
}

const sv_node *sv_tree_root(const sv_tree *tree)
{
    return tree->root;
}

sv_source *sv_tree_source(const sv_tree *tree)
{
    return tree->source;
}

void sv_tree_free(sv_tree *tree)
{
    if (!tree)
        return;
    sv_arena_free(tree->arena);
    for (size_t i = 0; i < tree->section_count; i++)
        sv_arena_free(tree->sections[i].arena);
    sv_source_unref(tree->source);
    free(tree);
}

void sv_tree_release_section(sv_tree *tree, const sv_node *value)
{
    /* what a released key reads as: `key:` with nothing after it */
    static const sv_node released = {.kind = SV_NODE_SCALAR, .plain = 1, .text = ""};
    for (size_t i = 0; i < tree->section_count; i++) {
        if (tree->sections[i].node != value || !tree->sections[i].arena)
            continue;
        tree->root->pairs[tree->sections[i].pair].value = (sv_node *)&released;
        sv_arena_free(tree->sections[i].arena);
        tree->sections[i].arena = NULL;
        tree->sections[i].node = NULL;
        return;
    }
}

const sv_pair *sv_node_get(const sv_node *map, const char *key)
{
    if (!map || map->kind != SV_NODE_MAP)
        return NULL;
    /* the first byte before a call of strcmp: most keys differ there */
    for (size_t i = 0; i < map->count; i++) {
        const char *text = map->pairs[i].key->text;
        if (text[0] == key[0] && strcmp(text, key) == 0)
            return &map->pairs[i];
    }
    return NULL;
}

/* ---- building the tree from events ---- */

/* One open collection. Its children buffer stays with the level when the
 * collection closes, for the next collection at the same depth: a model
 * has hundreds of thousands of small mappings, and a buffer each cost an
 * allocation, its growth and a free. */
typedef struct frame {
    sv_node *node;
    sv_node **children; /* sequence items, or keys and values alternating */
    size_t count;
    size_t capacity;
} frame;

/* The keys of a list's mappings come again and again in the same places
 * (every body has 'id' first, 'name' second): a key that equals the one
 * last seen at its depth and place shares that one's text instead of a
 * copy of its own, which keeps a large model's tree a few megabytes
 * smaller at the cost of a comparison. */
#define RECENT_KEYS 32

typedef struct recent_key {
    const char *text;
    size_t len;
} recent_key;

typedef struct builder {
    sv_tree *tree;
    sv_arena *arena;    /* where nodes go now: the tree's, or a section's */
    recent_key *recent; /* (max_depth + 1) x RECENT_KEYS */
    sv_diags *diags;
    const sv_load_limits *limits;
    frame *stack;
    int depth;
    size_t nodes;
    bool failed;   /* a problem was reported: the tree is not used */
    bool stopped;  /* parsing cannot go on (syntax, limits) */
    bool head;     /* sv_tree_load_head: the tree is what was read before a stop */
    int documents;
} builder;

static sv_pos mark_pos(const builder *b, yaml_mark_t mark)
{
    sv_pos pos = {b->tree->source->path, (int)mark.line + 1, (int)mark.column + 1};
    return pos;
}

static void report(builder *b, const char *code, sv_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(builder *b, const char *code, sv_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sv_diags_vadd(b->diags, code, pos, fmt, ap);
    va_end(ap);
    b->failed = true;
}

static void out_of_memory(builder *b, sv_pos pos)
{
    report(b, "too-large", pos, "%s", _("out of memory while reading the file"));
    b->stopped = true;
}

static sv_node *new_node(builder *b, sv_node_kind kind, yaml_mark_t mark)
{
    sv_pos pos = mark_pos(b, mark);
    /* a node counts its children in 32 bits: no limit goes past that */
    size_t max_nodes = b->limits->max_nodes < UINT32_MAX ? b->limits->max_nodes : UINT32_MAX;
    if (++b->nodes > max_nodes) {
        report(b, "too-large", pos,
               _("the file has more than %zu YAML nodes (the limit); split the model or raise "
                 "the limit with --max-nodes"),
               max_nodes);
        b->stopped = true;
        return NULL;
    }
    sv_node *node = sv_arena_alloc(b->arena, sizeof *node);
    if (!node) {
        out_of_memory(b, pos);
        return NULL;
    }
    node->kind = kind;
    node->pos = pos;
    return node;
}

static int frame_push_child(builder *b, frame *f, sv_node *child)
{
    if (f->count == f->capacity) {
        size_t capacity = f->capacity ? f->capacity * 2 : 8;
        sv_node **children = realloc(f->children, capacity * sizeof *children);
        if (!children) {
            out_of_memory(b, child->pos);
            return -1;
        }
        f->children = children;
        f->capacity = capacity;
    }
    f->children[f->count++] = child;
    return 0;
}

/* Places a finished node into its parent, or makes it the root. */
static void attach(builder *b, sv_node *node)
{
    if (b->depth == 0) {
        b->tree->root = node;
        return;
    }
    frame *parent = &b->stack[b->depth - 1];
    bool is_key = parent->node->kind == SV_NODE_MAP && parent->count % 2 == 0;
    if (is_key) {
        if (node->kind != SV_NODE_SCALAR) {
            report(b, "wrong-type", node->pos, "%s",
                   _("a mapping key must be plain text, not a list or a mapping"));
            /* keep the pair shape: a placeholder key */
            sv_node *placeholder = sv_arena_alloc(b->arena, sizeof *placeholder);
            if (!placeholder) {
                out_of_memory(b, node->pos);
                return;
            }
            placeholder->kind = SV_NODE_SCALAR;
            placeholder->pos = node->pos;
            placeholder->text = "";
            node = placeholder;
        } else if (node->plain && strcmp(node->text, "<<") == 0) {
            report(b, "merge-key", node->pos, "%s",
                   _("merge keys ('<<') are not supported: write the keys out in full"));
        }
    }
    frame_push_child(b, parent, node);
}

static void check_duplicate_keys(builder *b, sv_node *map)
{
    if (map->count <= 16) {
        for (size_t i = 1; i < map->count; i++) {
            for (size_t j = 0; j < i; j++) {
                const sv_node *k = map->pairs[i].key, *first = map->pairs[j].key;
                if (k->len == first->len && memcmp(k->text, first->text, k->len) == 0) {
                    report(b, "duplicate-key", k->pos, _("duplicate key '%s'"), k->text);
                    sv_diags_note(b->diags, first->pos, "%s", _("first given here"));
                    break;
                }
            }
        }
        return;
    }
    sv_strmap seen;
    sv_strmap_init(&seen);
    for (size_t i = 0; i < map->count; i++) {
        const sv_node *k = map->pairs[i].key;
        uint32_t first;
        int r = sv_strmap_put(&seen, k->text, k->len, (uint32_t)i, &first);
        if (r < 0) {
            out_of_memory(b, k->pos);
            break;
        }
        if (r == 0) {
            report(b, "duplicate-key", k->pos, _("duplicate key '%s'"), k->text);
            sv_diags_note(b->diags, map->pairs[first].key->pos, "%s", _("first given here"));
        }
    }
    sv_strmap_free(&seen);
}

/* A list or mapping as the value of a top-level key starts a section in
 * an arena of its own, while there is room for one. The keys last seen
 * below the top level are forgotten: a key of this section must not share
 * the text of one in a section that may be freed before it. */
static void start_section(builder *b)
{
    const frame *top = &b->stack[0];
    sv_tree *tree = b->tree;
    if (b->depth != 1 || top->node->kind != SV_NODE_MAP || top->count % 2 == 0 ||
        tree->section_count == SV_TREE_SECTIONS)
        return;
    sv_arena *arena = sv_arena_new();
    if (!arena)
        return; /* the tree's arena then: more memory, the same tree */
    tree->sections[tree->section_count++] = (section){NULL, top->count / 2, arena};
    b->arena = arena;
    memset(b->recent + RECENT_KEYS, 0, (size_t)b->limits->max_depth * RECENT_KEYS * sizeof *b->recent);
}

static void open_collection(builder *b, sv_node_kind kind, yaml_mark_t mark, const yaml_char_t *tag)
{
    if (b->depth >= b->limits->max_depth) {
        report(b, "too-deep", mark_pos(b, mark),
               _("the file nests lists and mappings more than %d levels deep (the limit); a model "
                 "needs fewer than ten"),
               b->limits->max_depth);
        b->stopped = true;
        return;
    }
    start_section(b);
    sv_node *node = new_node(b, kind, mark);
    if (!node)
        return;
    if (b->arena != b->tree->arena && b->depth == 1)
        b->tree->sections[b->tree->section_count - 1].node = node;
    if (tag)
        report(b, "tag", node->pos, _("YAML tags such as '%s' are not supported in a model"),
               (const char *)tag);
    frame *f = &b->stack[b->depth++];
    f->node = node;
    f->count = 0;
}

static void close_collection(builder *b)
{
    frame *f = &b->stack[--b->depth];
    sv_node *node = f->node;
    if (node->kind == SV_NODE_SEQ) {
        node->count = (uint32_t)f->count;
        node->items = sv_arena_calloc(b->arena, f->count, sizeof *node->items);
        if (!node->items && f->count) {
            node->count = 0;
            out_of_memory(b, node->pos);
        } else if (f->count) {
            memcpy(node->items, f->children, f->count * sizeof *node->items);
        }
    } else {
        node->count = (uint32_t)(f->count / 2); /* a key the head cut off has no pair */
        node->pairs = sv_arena_calloc(b->arena, node->count, sizeof *node->pairs);
        if (!node->pairs && node->count) {
            node->count = 0; /* a head's tree is kept after a stop: keep it whole */
            out_of_memory(b, node->pos);
        } else {
            for (size_t i = 0; i < node->count; i++) {
                node->pairs[i].key = f->children[2 * i];
                node->pairs[i].value = f->children[2 * i + 1];
            }
            check_duplicate_keys(b, node);
        }
    }
    attach(b, node);
    if (b->depth == 1)
        b->arena = b->tree->arena; /* the section is complete */
}

/* The text of a scalar: shared with the same key last seen at its place,
 * or a copy in the tree's arena. */
static const char *scalar_text(builder *b, const char *value, size_t len)
{
    frame *parent = b->depth > 0 ? &b->stack[b->depth - 1] : NULL;
    bool is_key = parent && parent->node->kind == SV_NODE_MAP && parent->count % 2 == 0;
    size_t place = is_key ? parent->count / 2 : RECENT_KEYS;
    if (place >= RECENT_KEYS)
        return sv_arena_strndup(b->arena, value, len);
    recent_key *recent = &b->recent[(size_t)(b->depth - 1) * RECENT_KEYS + place];
    if (recent->text && recent->len == len && memcmp(recent->text, value, len) == 0)
        return recent->text;
    const char *text = sv_arena_strndup(b->arena, value, len);
    if (text)
        *recent = (recent_key){text, len};
    return text;
}

static void add_scalar(builder *b, const yaml_event_t *ev)
{
    sv_node *node = new_node(b, SV_NODE_SCALAR, ev->start_mark);
    if (!node)
        return;
    if (ev->data.scalar.length > SV_MAX_SCALAR_BYTES) {
        report(b, "too-large", node->pos, "%s",
               _("this value is longer than 512 MiB, more than a model can hold"));
        b->stopped = true;
        return;
    }
    node->text = scalar_text(b, (const char *)ev->data.scalar.value, ev->data.scalar.length);
    if (!node->text) {
        out_of_memory(b, node->pos);
        return;
    }
    node->len = (uint32_t)ev->data.scalar.length;
    if (memchr(node->text, '\0', node->len))
        report(b, "invalid-encoding", node->pos, "%s",
               _("this value contains a NUL character (written \\0 or \\x00); a model's text "
                 "cannot hold one"));
    node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? 1 : 0;
    /* libyaml reports a tag only when one is written (even the bare '!') */
    if (ev->data.scalar.tag)
        report(b, "tag", node->pos, _("YAML tags such as '%s' are not supported in a model"),
               (const char *)ev->data.scalar.tag);
    attach(b, node);
}

static void add_alias(builder *b, const yaml_event_t *ev)
{
    sv_pos pos = mark_pos(b, ev->start_mark);
    report(b, "alias", pos,
           _("aliases ('*%s') are not supported: a model writes every value out, so that each "
             "element has one position"),
           (const char *)ev->data.alias.anchor);
    /* keep going with an empty value so that later problems are found too */
    sv_node *node = new_node(b, SV_NODE_SCALAR, ev->start_mark);
    if (!node)
        return;
    node->text = "";
    node->plain = true;
    attach(b, node);
}

/* ---- syntax errors in the user's words ----
 *
 * libyaml says what it expected ("mapping values are not allowed in this
 * context"); a newcomer needs what to do. These helpers read the line of the
 * problem and, for the common mistakes, attach a note that says it: line the
 * key up with the line above, put a text holding ": " in quotes, replace a
 * tab by spaces, close the quote or bracket where it was opened. Columns
 * count code points, as libyaml's marks and the editor do. */

typedef struct source_line {
    const char *text;
    size_t len;
} source_line;

static source_line line_at(const builder *b, int line)
{
    source_line l = {NULL, 0};
    if (line > 0)
        l.text = sv_source_line(b->tree->source, line, &l.len);
    return l;
}

/* Byte offset of column `col` (1-based) in the line, or len past its end. */
static size_t byte_of_col(source_line l, int col)
{
    int c = 1;
    size_t i = 0;
    for (; i < l.len && c < col; i++)
        if (((unsigned char)l.text[i + 1] & 0xC0) != 0x80)
            c++;
    return i;
}

static int col_of_byte(source_line l, size_t at)
{
    return (int)sv_utf8_length(l.text, at < l.len ? at : l.len) + 1;
}

/* Blank and comment-only lines do not count when lining up. */
static bool is_content_line(source_line l)
{
    size_t i = 0;
    while (i < l.len && (l.text[i] == ' ' || l.text[i] == '\t'))
        i++;
    return l.text && i < l.len && l.text[i] != '#' && l.text[i] != '\r';
}

/* Byte offset of the line's first key or value, past indentation and list
 * dashes ("  - id: af" -> the 'i'); *dash_out gets the first dash's offset,
 * or len when the line holds no list item. */
static size_t first_token(source_line l, size_t *dash_out)
{
    size_t i = 0;
    while (i < l.len && l.text[i] == ' ')
        i++;
    *dash_out = l.len;
    while (i + 1 < l.len && l.text[i] == '-' && l.text[i + 1] == ' ') {
        if (*dash_out == l.len)
            *dash_out = i;
        i += 2;
        while (i < l.len && l.text[i] == ' ')
            i++;
    }
    return i;
}

/* The nearest content line above `line`; 0 when none. With want_dash, the
 * nearest that starts a list item. */
static int line_above(const builder *b, int line, bool want_dash)
{
    for (int n = line - 1; n > 0; n--) {
        source_line l = line_at(b, n);
        if (!is_content_line(l))
            continue;
        size_t dash;
        first_token(l, &dash);
        if (!want_dash || dash < l.len)
            return n;
    }
    return 0;
}

/* A line that does not line up with the one above: the hint names the
 * column to move it to. A list item lines up with the item above, a key
 * with the key above. */
static void hint_indentation(builder *b, sv_pos at, bool at_line_start)
{
    source_line l = line_at(b, at.line);
    size_t dash;
    size_t token = first_token(l, &dash);
    bool is_item = dash < l.len;
    size_t start = is_item ? dash : token;
    if (at_line_start && col_of_byte(l, start) != at.col && col_of_byte(l, token) != at.col)
        return; /* the problem is within the line, not its indentation */
    int above = line_above(b, at.line, is_item);
    if (!above)
        return;
    source_line a = line_at(b, above);
    size_t a_dash;
    size_t a_token = first_token(a, &a_dash);
    int want = col_of_byte(a, is_item ? a_dash : a_token);
    int have = col_of_byte(l, start);
    if (want == have)
        return;
    sv_pos pos = {at.file, at.line, have};
    sv_diags_note(b->diags, pos,
                  _("indent this line to column %d, to line up with line %d above (it starts at "
                    "column %d now); YAML reads the indentation as the structure"),
                  want, above, have);
}

/* The offending ':' at `colon` follows "key: " on the same line: the value
 * holds ": ", which YAML reads as a second key. The hint writes the value in
 * quotes. Returns false when the line does not look like that. */
static bool hint_quote_value(builder *b, sv_pos at, bool in_flow)
{
    source_line l = line_at(b, at.line);
    size_t colon = byte_of_col(l, at.col);
    if (colon >= l.len || l.text[colon] != ':')
        return false;
    /* the key's own colon: the last ": " before the offending one */
    size_t key_colon = l.len;
    for (size_t i = 0; i + 1 < colon; i++)
        if (l.text[i] == ':' && l.text[i + 1] == ' ')
            key_colon = i;
    if (key_colon == l.len)
        return false;
    size_t key = key_colon;
    while (key > 0 && !strchr(in_flow ? "{[, " : " ", l.text[key - 1]))
        key--;
    size_t value = key_colon + 1;
    while (value < l.len && l.text[value] == ' ')
        value++;
    size_t end = value;
    while (end < l.len && l.text[end] != '\r' &&
           !(in_flow && strchr(",}]", l.text[end])) &&
           !(l.text[end] == '#' && l.text[end - 1] == ' '))
        end++;
    while (end > value && l.text[end - 1] == ' ')
        end--;
    /* the value in double quotes, its own quotes and backslashes escaped */
    char quoted[256];
    size_t n = 0;
    for (size_t i = value; i < end && n + 3 < sizeof quoted; i++) {
        if (l.text[i] == '"' || l.text[i] == '\\')
            quoted[n++] = '\\';
        quoted[n++] = l.text[i];
    }
    if (n + 3 >= sizeof quoted)
        return false; /* too long to repeat in a message */
    quoted[n] = '\0';
    sv_pos pos = {at.file, at.line, col_of_byte(l, value)};
    sv_diags_note(b->diags, pos,
                  _("a colon followed by a space starts a new key; put the text in quotes: "
                    "%.*s: \"%s\""),
                  (int)(key_colon - key), l.text + key, quoted);
    return true;
}

/* `name: "Styrelse" Umeå`: text goes on after the closing quote, where YAML
 * wants the next key. The hint puts all of it inside the quotes. Returns
 * false when the line does not look like that. */
static bool hint_text_after_quote(builder *b, sv_pos at)
{
    source_line l = line_at(b, at.line);
    size_t rest = byte_of_col(l, at.col);
    size_t close = rest;
    while (close > 0 && l.text[close - 1] == ' ')
        close--;
    if (close == 0 || close == rest || (l.text[close - 1] != '"' && l.text[close - 1] != '\''))
        return false;
    char quote = l.text[close - 1];
    size_t open = close - 1;
    while (open > 0 && l.text[open - 1] != quote)
        open--;
    if (open == 0)
        return false;
    open--; /* the opening quote */
    size_t key_colon = open;
    while (key_colon > 0 && l.text[key_colon - 1] == ' ')
        key_colon--;
    if (key_colon == 0 || l.text[key_colon - 1] != ':')
        return false;
    key_colon--;
    size_t key = key_colon;
    while (key > 0 && !strchr(" {,", l.text[key - 1]))
        key--;
    size_t end = rest;
    while (end < l.len && l.text[end] != '\r' && !(l.text[end] == '#' && l.text[end - 1] == ' '))
        end++;
    while (end > rest && l.text[end - 1] == ' ')
        end--;
    if (end - key > 200)
        return false; /* too long to repeat in a message */
    sv_pos pos = {at.file, at.line, col_of_byte(l, open)};
    sv_diags_note(b->diags, pos,
                  _("the text goes on after its closing quote; put all of it inside the quotes: "
                    "%.*s: %c%.*s %.*s%c"),
                  (int)(key_colon - key), l.text + key, quote, (int)(close - 1 - (open + 1)),
                  l.text + open + 1, (int)(end - rest), l.text + rest, quote);
    return true;
}

/* An opening quote or bracket that is never closed: the error is moved to
 * where it was opened, the line to fix, and the note shows where the closing
 * mark most likely belongs, the end of that line. */
static void hint_close(builder *b, sv_pos opened, char closing)
{
    source_line l = line_at(b, opened.line);
    size_t end = l.len;
    while (end > 0 && (l.text[end - 1] == '\r' || l.text[end - 1] == ' '))
        end--;
    sv_pos pos = {opened.file, opened.line, col_of_byte(l, end)};
    if (closing == '"' || closing == '\'')
        sv_diags_note(b->diags, pos,
                      _("close the quote opened at line %d, column %d: end the text with %c"),
                      opened.line, opened.col, closing);
    else
        sv_diags_note(b->diags, pos,
                      _("close the '%c' opened at line %d, column %d: end it with '%c'"),
                      closing == ']' ? '[' : '{', opened.line, opened.col, closing);
}

/* The first tab in the line's indentation, or before the problem column. */
static bool find_tab(builder *b, sv_pos at, sv_pos *tab_out)
{
    source_line l = line_at(b, at.line);
    size_t limit = byte_of_col(l, at.col);
    for (size_t i = 0; i < l.len && i <= limit; i++) {
        if (l.text[i] == '\t') {
            *tab_out = (sv_pos){at.file, at.line, col_of_byte(l, i)};
            return true;
        }
    }
    return false;
}

static void syntax_error(builder *b, const yaml_parser_t *parser)
{
    const char *problem = parser->problem ? _(parser->problem) : _("unknown problem");
    if (parser->error == YAML_READER_ERROR) {
        /* bytes YAML does not accept (control characters, say): only a
         * byte offset is known */
        int line, col;
        sv_source_position(b->tree->source, parser->problem_offset, &line, &col);
        sv_pos pos = {b->tree->source->path, line, col};
        if (parser->problem_value >= 0)
            report(b, "invalid-encoding", pos,
                   _("the file contains a character YAML does not allow (U+%04X): %s"),
                   (unsigned)parser->problem_value, problem);
        else
            report(b, "invalid-encoding", pos, _("the file cannot be read as YAML text: %s"), problem);
        b->stopped = true;
        return;
    }
    sv_pos pos = mark_pos(b, parser->problem_mark);
    sv_pos opened = mark_pos(b, parser->context_mark);
    const char *context = parser->context ? parser->context : "";
    const char *raw = parser->problem ? parser->problem : "";
    /* what to close, when libyaml ran past the end of a quote or bracket */
    char closing = 0;
    if (strstr(context, "quoted scalar") && strstr(raw, "end of stream")) {
        size_t len;
        const char *text = sv_source_line(b->tree->source, opened.line, &len);
        size_t at = text ? byte_of_col((source_line){text, len}, opened.col) : 0;
        closing = text && at < len && text[at] == '\'' ? '\'' : '"';
    } else if (strstr(context, "flow") && opened.line < pos.line) {
        closing = strstr(context, "flow sequence") ? ']' : '}';
    }
    sv_pos at = closing ? opened : pos;
    if (parser->context)
        report(b, "yaml-syntax", at, _("YAML syntax error: %s (%s that starts at line %d, column %d)"),
               problem, _(parser->context), opened.line, opened.col);
    else
        report(b, "yaml-syntax", at, _("YAML syntax error: %s"), problem);
    b->stopped = true;

    sv_pos tab;
    if (closing)
        hint_close(b, opened, closing);
    else if (find_tab(b, pos, &tab))
        /* a tab at or before the problem column is almost always the cause */
        sv_diags_note(b->diags, tab, "%s",
                      _("replace this tab with spaces: YAML indents with spaces only"));
    else if (strstr(raw, "mapping values are not allowed")) {
        /* "key: text: more" holds a second ": "; a line without one is a
         * key indented deeper than the line above, read as its continuation */
        if (!hint_quote_value(b, pos, false))
            hint_indentation(b, pos, false);
    }
    else if (strstr(context, "flow mapping") || strstr(context, "flow sequence"))
        hint_quote_value(b, pos, true);
    else if (strstr(raw, "expected key") || strstr(raw, "expected '-'")) {
        if (!hint_text_after_quote(b, pos))
            hint_indentation(b, pos, true);
    }
}

static void run_parser(builder *b)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        out_of_memory(b, (sv_pos){b->tree->source->path, 0, 0});
        return;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)b->tree->source->text,
                                 b->tree->source->size);
    while (!b->stopped) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            if (!b->head) /* a head ends where it stops being YAML: no message */
                syntax_error(b, &parser);
            break;
        }
        yaml_event_type_t type = ev.type;
        switch (type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++b->documents > 1) {
                report(b, "multiple-documents", mark_pos(b, ev.start_mark), "%s",
                       _("a second YAML document starts here; a model file holds exactly one"));
                b->stopped = true;
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
            open_collection(b, SV_NODE_SEQ, ev.start_mark,
                            ev.data.sequence_start.implicit ? NULL : ev.data.sequence_start.tag);
            break;
        case YAML_MAPPING_START_EVENT:
            open_collection(b, SV_NODE_MAP, ev.start_mark,
                            ev.data.mapping_start.implicit ? NULL : ev.data.mapping_start.tag);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            close_collection(b);
            break;
        case YAML_SCALAR_EVENT:
            add_scalar(b, &ev);
            break;
        case YAML_ALIAS_EVENT:
            add_alias(b, &ev);
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
        if (type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    /* a head stopped inside lists and mappings: they end where it ends */
    while (b->head && b->depth > 0)
        close_collection(b);
    for (int i = 0; i <= b->limits->max_depth; i++)
        free(b->stack[i].children);
    b->depth = 0;
}

static bool file_too_large(sv_diags *diags, sv_pos whole_file, size_t size,
                           const sv_load_limits *limits)
{
    if (size <= limits->max_file_bytes)
        return false;
    sv_diags_add(diags, "too-large", whole_file,
                 _("the file is %zu bytes, larger than the limit of %zu bytes; raise it with "
                   "--max-file-size"),
                 size, limits->max_file_bytes);
    return true;
}

/* sv_tree_load_buffer on a buffer it takes: `data` (from malloc, size + 1
 * bytes) becomes the source's text, or is freed. With HEAD, the tree is
 * what was read before parsing stopped (sv_tree_load_head): the problems
 * still go to `diags`, but only one without a top-level mapping fails. */
static int load_adopted(sv_tree **out, const char *name, char *data, size_t size,
                        const sv_load_limits *limits, bool head, sv_diags *diags)
{
    sv_pos whole_file = {name, 0, 0};
    if (file_too_large(diags, whole_file, size, limits)) {
        free(data);
        return -1;
    }
    sv_tree *tree = calloc(1, sizeof *tree);
    if (!tree) {
        free(data);
        sv_diags_add(diags, "too-large", whole_file, "%s", _("out of memory while reading the file"));
        return -1;
    }
    tree->arena = sv_arena_new();
    tree->source = sv_source_adopt(name, data, size);
    if (!tree->arena || !tree->source) {
        sv_diags_add(diags, "too-large", whole_file, "%s", _("out of memory while reading the file"));
        sv_tree_free(tree);
        return -1;
    }

    size_t bad;
    bool is_nul;
    if (!sv_utf8_check(data, size, &bad, &is_nul)) {
        int line, col;
        sv_source_position(tree->source, bad, &line, &col);
        sv_pos pos = {tree->source->path, line, col};
        if (is_nul)
            sv_diags_add(diags, "invalid-encoding", pos, "%s",
                         _("the file contains a NUL byte; a model is UTF-8 text (is this a binary "
                           "or UTF-16 file?)"));
        else
            sv_diags_add(diags, "invalid-encoding", pos,
                         _("the file is not valid UTF-8 here (byte 0x%02X); save it as UTF-8"),
                         (unsigned)(unsigned char)data[bad]);
        sv_tree_free(tree);
        return -1;
    }

    sv_diags_add_source(diags, tree->source);
    builder b = {.tree = tree, .arena = tree->arena, .diags = diags, .limits = limits,
                 .head = head};
    b.stack = calloc((size_t)limits->max_depth + 1, sizeof *b.stack);
    b.recent = calloc(((size_t)limits->max_depth + 1) * RECENT_KEYS, sizeof *b.recent);
    if (!b.stack || !b.recent) {
        free(b.stack);
        free(b.recent);
        sv_diags_add(diags, "too-large", whole_file, "%s", _("out of memory while reading the file"));
        sv_tree_free(tree);
        return -1;
    }
    run_parser(&b);
    free(b.stack);
    free(b.recent);
    if (head)
        b.failed = false; /* a tag or a duplicate key further on: the head is still told */

    if (!b.failed) {
        if (!tree->root) {
            sv_diags_add(diags, "root-not-mapping", (sv_pos){tree->source->path, 1, 1}, "%s",
                         _("the file is empty; a model starts with 'samverkan: 1' and "
                           "'agreement:'"));
            b.failed = true;
        } else if (tree->root->kind != SV_NODE_MAP) {
            sv_diags_add(diags, "root-not-mapping", tree->root->pos, "%s",
                         _("the top level must be a mapping of keys such as 'samverkan:' and "
                           "'agreement:'"));
            b.failed = true;
        }
    }
    if (b.failed) {
        sv_tree_free(tree);
        return -1;
    }
    *out = tree;
    return 0;
}

int sv_tree_load_buffer(sv_tree **out, const char *name, const char *data, size_t size,
                        const sv_load_limits *limits, sv_diags *diags)
{
    *out = NULL;
    sv_load_limits defaults;
    if (!limits) {
        sv_load_limits_default(&defaults);
        limits = &defaults;
    }
    sv_pos whole_file = {name, 0, 0};
    if (file_too_large(diags, whole_file, size, limits))
        return -1;
    char *copy = malloc(size + 1);
    if (!copy) {
        sv_diags_add(diags, "too-large", whole_file, "%s", _("out of memory while reading the file"));
        return -1;
    }
    memcpy(copy, data, size);
    return load_adopted(out, name, copy, size, limits, false, diags);
}

static int load_file(sv_tree **out, const char *path, const sv_load_limits *limits,
                     bool regular_only, sv_diags *diags)
{
    *out = NULL;
    sv_load_limits defaults;
    if (!limits) {
        sv_load_limits_default(&defaults);
        limits = &defaults;
    }
    sv_pos whole_file = {path, 0, 0};
    /* O_NONBLOCK: opening a FIFO without a writer would otherwise wait */
    int fd = open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
    if (fd < 0) {
        int err = errno;
        /* the common causes in the user's words; strerror speaks only English
         * when no Swedish locale is installed */
        if (err == ENOENT)
            sv_diags_add(diags, "unreadable-file", whole_file, "%s", _("no such file"));
        else if (err == EACCES)
            sv_diags_add(diags, "unreadable-file", whole_file, "%s",
                         _("no permission to read the file"));
        else
            sv_diags_add(diags, "unreadable-file", whole_file, _("cannot open the file: %s"),
                         strerror(err));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        sv_diags_add(diags, "unreadable-file", whole_file, "%s",
                     _("this is a directory; give the model file inside it"));
        close(fd);
        return -1;
    }
    if (regular_only && !S_ISREG(st.st_mode)) {
        sv_diags_add(diags, "unreadable-file", whole_file, "%s",
                     _("this is not a regular file (a device, pipe or socket cannot be a base "
                       "model)"));
        close(fd);
        return -1;
    }
    if (regular_only) {
        int flags = fcntl(fd, F_GETFL);
        if (flags >= 0)
            (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    }
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > limits->max_file_bytes) {
        sv_diags_add(diags, "too-large", whole_file,
                     _("the file is %zu bytes, larger than the limit of %zu bytes; raise it with "
                       "--max-file-size"),
                     (size_t)st.st_size, limits->max_file_bytes);
        close(fd);
        return -1;
    }
    /* Read at most one byte past the limit, so that a device or pipe that
     * never ends is refused instead of filling memory. */
    size_t capacity = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
    if (capacity > limits->max_file_bytes + 1)
        capacity = limits->max_file_bytes + 1;
    char *data = malloc(capacity);
    size_t size = 0;
    int result = -1;
    if (!data) {
        sv_diags_add(diags, "too-large", whole_file, "%s", _("out of memory while reading the file"));
        goto done;
    }
    for (;;) {
        if (size == capacity) {
            if (capacity > limits->max_file_bytes) {
                sv_diags_add(diags, "too-large", whole_file,
                             _("the file is larger than the limit of %zu bytes; raise it with "
                               "--max-file-size"),
                             limits->max_file_bytes);
                goto done;
            }
            size_t bigger = capacity * 2;
            if (bigger > limits->max_file_bytes + 1)
                bigger = limits->max_file_bytes + 1;
            char *grown = realloc(data, bigger);
            if (!grown) {
                sv_diags_add(diags, "too-large", whole_file, "%s",
                             _("out of memory while reading the file"));
                goto done;
            }
            data = grown;
            capacity = bigger;
        }
        ssize_t n = read(fd, data + size, capacity - size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            sv_diags_add(diags, "unreadable-file", whole_file, _("cannot read the file: %s"),
                         strerror(errno));
            goto done;
        }
        if (n == 0)
            break;
        size += (size_t)n;
    }
    close(fd);
    fd = -1;
    /* The buffer becomes the tree's source: the file is not copied again.
     * The loop reads only into free room and stops on a read of 0 bytes,
     * so size < capacity: there is room for the source's NUL. */
    result = load_adopted(out, path, data, size, limits, false, diags);
    data = NULL;
done:
    free(data);
    if (fd >= 0)
        close(fd);
    return result;
}

int sv_tree_load_file(sv_tree **out, const char *path, const sv_load_limits *limits,
                      sv_diags *diags)
{
    return load_file(out, path, limits, false, diags);
}

int sv_tree_load_regular_file(sv_tree **out, const char *path, const sv_load_limits *limits,
                              sv_diags *diags)
{
    return load_file(out, path, limits, true, diags);
}

/* Declared in load/tree_internal.h. */
sv_tree *sv_tree_load_head(const char *path, size_t max_bytes)
{
    /* O_NONBLOCK and fstat as for a base: a FIFO among the files never blocks */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *data = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !(data = malloc(max_bytes + 1))) {
        close(fd);
        return NULL;
    }
    size_t size = 0;
    while (size < max_bytes) {
        ssize_t n = read(fd, data + size, max_bytes - size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        size += (size_t)n;
    }
    close(fd);
    /* the head of a longer file ends after its last whole line, so that no
     * value is read cut short; bytes that are no UTF-8 end it too */
    size_t bad;
    bool is_nul;
    bool cut = size == max_bytes && (uintmax_t)st.st_size > max_bytes;
    if (!sv_utf8_check(data, size, &bad, &is_nul)) {
        size = bad;
        cut = true;
    }
    while (cut && size > 0 && data[size - 1] != '\n')
        size--;
    data[size] = '\0';
    sv_load_limits limits;
    sv_load_limits_default(&limits);
    sv_diags quiet;
    sv_diags_init(&quiet);
    sv_tree *tree = NULL;
    if (load_adopted(&tree, path, data, size, &limits, true, &quiet) != 0)
        tree = NULL;
    sv_diags_free(&quiet);
    return tree;
}

bool sv_node_check_keys(sv_diags *diags, const sv_node *map, const char *place,
                        const char *const *allowed)
{
    size_t n = 0;
    while (allowed[n])
        n++;
    bool ok = true;
    for (size_t i = 0; i < map->count; i++) {
        const sv_node *key = map->pairs[i].key;
        bool known = false;
        for (size_t k = 0; k < n && !known; k++)
            known = key->text[0] == allowed[k][0] && strcmp(key->text, allowed[k]) == 0;
        if (known || (key->plain && strcmp(key->text, "<<") == 0)) /* load reports merge keys */
            continue;
        ok = false;
        const char *hint = sv_closest(key->text, allowed, n);
        if (hint) {
            sv_diags_add(diags, "unknown-key", key->pos, _("unknown key '%s' in %s; did you mean '%s'?"),
                         key->text, _(place), hint);
        } else {
            char list[512];
            sv_join(list, sizeof list, ", ", NULL, allowed, n);
            sv_diags_add(diags, "unknown-key", key->pos,
                         _("unknown key '%s' in %s; the keys here are: %s"), key->text, _(place),
                         list);
        }
    }
    return ok;
}
