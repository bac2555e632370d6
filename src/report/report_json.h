/*
 * The one way the report stage writes a JSON document, so that every JSON
 * output of samverkan (check, diff, metrics, simulate, SARIF) looks alike:
 * two-space indent, keys in the order they were set, a final newline.
 */
#ifndef SV_REPORT_JSON_H
#define SV_REPORT_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

/* A new JSON document with its header: {"tool": "samverkan", "version",
   "format": SV_JSON_FORMAT}, the keys every JSON output starts with. */
json_t *sv_report_json_document(void);

/* Writes `root` to `out` and releases it. `flags` adds to the common ones
   (JSON_REAL_PRECISION, say). 0, or -1 when the document could not be
   written in full. */
int sv_report_json_write(FILE *out, json_t *root, size_t flags);

/* The same document written as it is made, one value at a time, for the
 * outputs that can be large (check's findings): nothing is held but the
 * output buffer and the nesting. It writes the bytes sv_report_json_write
 * writes for the same values set in the same order: jansson's indent and
 * escaping, the hidden controls as \u escapes, and a string that is not
 * valid UTF-8 (or NULL) left out with its key, as jansson refuses it.
 * Keys are given inside an object and NULL inside an array. */
#define SV_JSON_MAX_DEPTH 16

typedef struct sv_json_writer {
    FILE *out;
    int depth;
    bool empty[SV_JSON_MAX_DEPTH]; /* no member written yet at this level */
    char closing[SV_JSON_MAX_DEPTH]; /* '}' or ']' */
    bool failed;                   /* a write failed, or nesting went past the limit */
    size_t used;
    char buffer[65536];
} sv_json_writer;

void sv_json_begin(sv_json_writer *w, FILE *out); /* starts the root object */
void sv_json_object(sv_json_writer *w, const char *key);
void sv_json_array(sv_json_writer *w, const char *key);
void sv_json_end(sv_json_writer *w); /* closes the innermost object or array */
void sv_json_string(sv_json_writer *w, const char *key, const char *value);
void sv_json_integer(sv_json_writer *w, const char *key, long long value);
void sv_json_null(sv_json_writer *w, const char *key);
void sv_json_true(sv_json_writer *w, const char *key);
/* Closes the root object, writes the final newline and flushes: 0, or -1
 * when the document could not be written in full. */
int sv_json_finish(sv_json_writer *w);

#endif
