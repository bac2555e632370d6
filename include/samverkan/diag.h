/*
 * Diagnostics: positioned messages about an input, collected rather than
 * printed, so that the loader can report every problem in a file at once and
 * the report stage alone decides how they look (text, JSON, ...).
 */
#ifndef SAMVERKAN_DIAG_H
#define SAMVERKAN_DIAG_H

#include "samverkan/export.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "samverkan/source.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A place in an input file. Line and column are 1-based; the column counts
 * characters (Unicode code points), as an editor shows it. line == 0 means
 * "the file as a whole" (e.g. it cannot be opened). */
typedef struct sv_pos {
    const char *file;
    int line;
    int col;
} sv_pos;

typedef enum sv_severity {
    SV_SEV_ERROR = 0,
    SV_SEV_WARNING = 1,
    SV_SEV_INFO = 2,
    SV_SEV_OFF = 3
} sv_severity;

/* One load error. `code` is a stable kebab-case name such as
 * "unknown-reference" (see docs/model-format.md); `message` is translated.
 * `note`, when set, points at a second place (the first definition of a
 * duplicate id, say). */
typedef struct sv_diag {
    const char *code;
    sv_pos pos;
    char *message;
    bool has_note;
    sv_pos note_pos;
    char *note;
    sv_source *source; /* the file's text, for showing the line; may be NULL */
    sv_source *note_source; /* the note's file's text (a note may point into another file:
                               a scenario's line beside its base's); may be NULL */
} sv_diag;

typedef struct sv_diags {
    sv_diag *items;
    size_t count;
    size_t capacity;
    size_t limit;   /* at most this many are kept; 0 = SV_DIAGS_DEFAULT_LIMIT */
    size_t dropped; /* how many more were reported past the limit */
    sv_source **sources; /* the files read so far: a diagnostic in one of them shows its line */
    size_t source_count;
    bool last_kept;     /* the last one added was kept (notes attach to it) */
} sv_diags;

#define SV_DIAGS_DEFAULT_LIMIT 100

/* The most bytes one output (a diagram, a table, a report, a trace) may
 * take unless --max-output-size says otherwise (docs/limits.md). */
#define SV_OUTPUT_LIMIT_DEFAULT (64ULL << 20)

/* How a CSV output is written (docs/cli.md, "CSV"): RFC 4180 (',' between
 * fields, '.' in numbers, no byte order mark), or what Excel in a Swedish
 * locale opens by double-click (';' between fields, ',' in numbers, a UTF-8
 * byte order mark). */
typedef enum sv_csv_dialect { SV_CSV_RFC4180 = 0, SV_CSV_EXCEL = 1 } sv_csv_dialect;

SV_API void sv_diags_init(sv_diags *diags);
SV_API void sv_diags_free(sv_diags *diags);

/* Makes a file known: a diagnostic added later whose position is in it
 * keeps a reference to it, to show the line. NULL is accepted. */
SV_API void sv_diags_add_source(sv_diags *diags, sv_source *source);

/* Appends an error at `pos`; `file` is copied. The message is formatted
 * with printf rules; pass it through _() before. */
SV_API void sv_diags_add(sv_diags *diags, const char *code, sv_pos pos, const char *fmt, ...)
           __attribute__((format(printf, 4, 5)));
SV_API void sv_diags_vadd(sv_diags *diags, const char *code, sv_pos pos, const char *fmt, va_list ap);

/* Attaches a note to the last diagnostic added (no-op if it was dropped). */
SV_API void sv_diags_note(sv_diags *diags, sv_pos pos, const char *fmt, ...)
           __attribute__((format(printf, 3, 4)));

/* Adds "output-too-large" at `pos`: `what` (translated: "the RACI table
 * in CSV (2000 steps × 900 columns)") would take about `estimate` bytes,
 * more than `limit`. */
SV_API void sv_diags_output_too_large(sv_diags *diags, sv_pos pos, const char *what,
                                      unsigned long long estimate, unsigned long long limit);

/* "812 bytes", "3.4 KiB", "475.2 MiB", "4.3 GiB" into buf; returns buf. */
SV_API const char *sv_format_bytes(char *buf, size_t size, unsigned long long bytes);

/* Sorts by file, line, column (stable), so that output follows the file. */
SV_API void sv_diags_sort(sv_diags *diags);

/* Total reported, including those dropped past the limit. */
SV_API size_t sv_diags_total(const sv_diags *diags);

SV_API const char *sv_severity_name(sv_severity sev);           /* "error", "warning", "note", "off" (stable) */
SV_API const char *sv_severity_label(sv_severity sev);          /* translated, for text output */
SV_API bool sv_severity_parse(const char *text, sv_severity *out); /* error|warning|note|off; info = note */

#ifdef __cplusplus
}
#endif
#endif
