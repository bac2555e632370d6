/*
 * Shared by the view builders of the render stage: a growable string, the
 * escaping of user text for each kind of label, the party palette, the
 * marks of elements with findings, and the builder context with the size
 * caps that keep Graphviz away from inputs it cannot handle.
 */
#ifndef SV_RENDER_INTERNAL_H
#define SV_RENDER_INTERNAL_H

#include <graphviz/cgraph.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "samverkan/render.h"

/* ---- a growable string; an allocation failure sticks in `failed` ---- */

typedef struct sv_sb {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
} sv_sb;

void sv_sb_init(sv_sb *sb);
void sv_sb_free(sv_sb *sb);
void sv_sb_clear(sv_sb *sb);
void sv_sb_put(sv_sb *sb, const char *text, size_t len);
void sv_sb_puts(sv_sb *sb, const char *text);
void sv_sb_printf(sv_sb *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text so far, NUL-terminated ("" when nothing was added). */
const char *sv_sb_text(sv_sb *sb);

/* ---- user text ---- */

/* How user text is escaped. Graphviz substitutes \N \G \E \T \H \L \n \l \r
 * in every label and tooltip (HTML-like ones too) and decodes HTML entities
 * even in plain labels, so both kinds double backslashes and encode '&';
 * HTML-like labels encode < > " ' as well. DOC is for XML and HTML
 * documents we write ourselves, RAW for CSV (quoted separately). */
typedef enum sv_esc { SV_ESC_PLAIN, SV_ESC_HTML, SV_ESC_DOC, SV_ESC_RAW } sv_esc;

/* Appends `text` escaped as `esc`: control characters become U+FFFD (XML
 * forbids most of them), tabs spaces; at most `max_chars` code points are
 * kept (then "…"); lines are wrapped at spaces to `wrap` code points (0 =
 * no wrapping) and at most `max_lines` lines kept (then "…"). A line break
 * in the text or from wrapping is written as <BR/> (HTML), \n (PLAIN) or a
 * space (DOC, RAW). */
void sv_sb_user(sv_sb *sb, sv_esc esc, const char *text, size_t max_chars, size_t wrap,
                size_t max_lines);
#define SV_ELLIPSIS "\xE2\x80\xA6"
#define SV_CHIP "\xE2\x96\xA0" /* ■, in a party's colour */

/* Shorthand: one name, escaped, capped at SV_NAME_MAX code points, unwrapped. */
void sv_sb_name(sv_sb *sb, sv_esc esc, const char *text);

/* Caps that keep labels small enough for Graphviz (whose hazards start at
 * tens of thousands of lines) and readable on paper. */
#define SV_NAME_MAX 160     /* code points of one name */
#define SV_NOTE_MAX 400     /* code points of a longer text */
#define SV_WRAP 26          /* code points per line in a node */
#define SV_WORD_MAX 40      /* a longer word is cut to wrap it; a shorter one never */
#define SV_NAME_LINES 4     /* lines of one name in a node */
#define SV_MEMBERS_SHOWN 8  /* members listed by name; more are counted */
#define SV_MAX_NODES 20000  /* a larger view is refused */
#define SV_MAX_EDGES 40000
#define SV_RACI_ROWS 300    /* rows of the drawn matrix (CSV and HTML have all) */
#define SV_RACI_COLUMNS 40

/* ---- the builder context ---- */

typedef struct sv_rctx {
    const sv_model *model;
    const sv_render_options *options;
    sv_diags *diags;
    Agraph_t *g;
    sv_sb sb;                 /* scratch for one label */
    int *party_colour;        /* per party index: palette index of its top party, -1 none */
    bool *legend_party;       /* per party index: a top party shown in this view */
    char **mark_tip;          /* per element: the findings tooltip (escaped), or NULL */
    uint32_t *mark_count;     /* per element: its findings */
    char **mark_rules;        /* per element: its rules' names, ", " between (plain ASCII) */
    size_t *mark_first;       /* per element: the index of its first finding this view marks */
    size_t *mark_at;          /* the findings this view marks, grouped by element ... */
    size_t *mark_from;        /* ... element el's are mark_at[mark_from[el] .. mark_from[el + 1]) */
    struct rc_drawn { sv_id el; void *object; } *drawn; /* the objects marked, as drawn
                                                          (NULL: a cell of a table) */
    size_t drawn_count, drawn_cap;
    bool numbered;            /* sv_rc_number_marks has run */
    uint32_t *mark_number;    /* per element: its marker's number, 0 when unmarked */
    sv_id *mark_order;        /* the marked elements in number order ... */
    size_t mark_order_count;  /* ... this many */
    size_t nodes, edges;
    bool failed;              /* out of memory or a cap exceeded (diagnostic added) */
    const char *title;        /* translated title of the view */
    size_t legend_wrap;       /* code points per line of the legend's text; 0: 90 */
} sv_rctx;

/* Colours: a light, colour-blind safe palette (Paul Tol's "light" scheme)
 * for the top-level parties that take part in the agreement, in model
 * order; the ones past the palette share its pale grey. */
#define SV_PALETTE_SIZE 8
extern const char *const sv_palette[SV_PALETTE_SIZE + 1];
#define SV_FINDING_COLOUR "#C00000"
#define SV_FONT "DejaVu Sans"

/* The fill colour of an element's top-level party ("#ffffff" when it has
 * none); marks that party for the legend. */
const char *sv_rc_colour(sv_rctx *rc, sv_id el);
/* The number of findings on `el` (0 without --findings). */
uint32_t sv_rc_marked(const sv_rctx *rc, sv_id el);

/* A node or edge, counted against the caps; NULL when a cap is passed or
 * memory ran out (rc->failed is then set and a diagnostic added). Node
 * names are element ids (validated by the schema to [a-z0-9_/-]) or our own
 * names starting with '@', never free text. */
Agnode_t *sv_rc_node(sv_rctx *rc, Agraph_t *in, const char *name);
Agedge_t *sv_rc_edge(sv_rctx *rc, Agnode_t *tail, Agnode_t *head);
Agraph_t *sv_rc_cluster(sv_rctx *rc, const char *name);
void sv_rc_set(void *object, const char *attr, const char *value);
/* Sets an HTML-like label (or other attribute) from rc->sb's text. */
void sv_rc_set_html(sv_rctx *rc, void *object, const char *attr);
/* Red outline and the findings tooltip on a node or edge with findings,
 * and a numbered marker (set by sv_rc_legend). */
void sv_rc_mark(sv_rctx *rc, void *object, sv_id el);
/* Only the numbered marker, for a node that shows its findings in its own
 * label (the bodies of the governance view). */
void sv_rc_mark_number(sv_rctx *rc, void *object, sv_id el);
/* A marked element drawn as a cell of a table (the RACI matrix), which
 * cannot carry a marker of its own: numbered all the same, the view writes
 * the number into the cell (sv_rc_mark_number_of, after sv_rc_number_marks). */
void sv_rc_mark_cell(sv_rctx *rc, sv_id el);
/* Numbers the marked elements, each in the order of its first finding, and
 * sets the markers of the drawn objects; sv_rc_legend does it when the view
 * has not. Then sv_rc_mark_number_of gives an element's number (0: none). */
void sv_rc_number_marks(sv_rctx *rc);
uint32_t sv_rc_mark_number_of(const sv_rctx *rc, sv_id el);
/* Appends the findings row of an HTML table (or nothing when unmarked). */
void sv_rc_mark_row(sv_rctx *rc, sv_id el, int colspan);

/* The legend: a title row, then a row per party coloured in this view,
 * then `extra` rows (HTML <TR>... written by the view), then (with
 * findings) the numbered list of the marked elements, set as the graph's
 * label at the top. Numbers the markers first: each marked element in the
 * order of its first finding, so that the report can list them alike. */
void sv_rc_legend(sv_rctx *rc, const char *extra);

/* The model's file as a whole, for diagnostics about a view. */
sv_pos sv_rc_file_pos(const sv_rctx *rc);

/* The name shown for an element: its name, else its id. */
const char *sv_rc_name(const sv_rctx *rc, sv_id el);
/* Translated display names of the model's enumerations. */

/* The views. Each builds into rc->g; returns 0 or -1 (diagnostic added). */
int sv_view_governance(sv_rctx *rc);
int sv_view_process(sv_rctx *rc, uint32_t process);
int sv_view_raci(sv_rctx *rc);
int sv_view_party(sv_rctx *rc, uint32_t party);
int sv_view_reporting(sv_rctx *rc);
int sv_view_diff(sv_rctx *rc);
/* The RACI matrix as CSV, a self-contained HTML document, or the HTML
 * fragment a page of its own takes in (the key and the tables, wide
 * matrices split by groups of columns), written to `out` as a stream (CSV
 * in `dialect`); 0,
 * or -1 when out of memory or `out` failed. */
typedef enum sv_raci_form { SV_RACI_CSV, SV_RACI_DOCUMENT, SV_RACI_FRAGMENT } sv_raci_form;
int sv_raci_table(FILE *out, const sv_model *model, sv_raci_form form, sv_csv_dialect dialect);
/* An upper bound of the bytes sv_raci_table writes, from the number of
 * steps (*rows), columns (*columns) and the lengths of the names: computed
 * in time linear in the model, before anything is written. UINT64_MAX when
 * out of memory. */
uint64_t sv_raci_table_estimate(const sv_model *model, bool html, uint32_t *rows,
                                uint32_t *columns);

/* Builds the graph of a view without laying it out (for DOT output and
 * tests); the caller closes it with agclose. NULL on failure. */
Agraph_t *sv_render_build(const sv_model *model, const sv_render_options *options,
                          sv_diags *diags);

#endif
