/*
 * An input file's text and its line table. Kept after loading so that a
 * finding can show the source line under its message; shared by reference
 * count between the tree that parsed it and the model built from it. The
 * line table is built by the first call that needs it (sv_source_line,
 * sv_source_position): JSON, SARIF and the other machine formats never
 * show a line, and a check writing them does not build it.
 */
#ifndef SAMVERKAN_SOURCE_H
#define SAMVERKAN_SOURCE_H

#include "samverkan/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sv_source_lines sv_source_lines; /* private to source.c */

typedef struct sv_source {
    char *path;        /* as given by the user */
    char *text;        /* the bytes, NUL-terminated */
    size_t size;
    sv_source_lines *lines; /* NULL until a line or position is asked for */
    int refs;
} sv_source;

/* Wraps a copy of `data`; line breaks are those libyaml counts
 * (LF, CR, CRLF, NEL, LS, PS). Returns NULL only when memory runs out. */
SV_API sv_source *sv_source_new(const char *path, const char *data, size_t size);
SV_API sv_source *sv_source_ref(sv_source *source);
SV_API void sv_source_unref(sv_source *source); /* NULL is accepted */

/* Line `line` (1-based) without its break; NULL past the end. Like
 * sv_source_position, it may build the line table, so a source is used by
 * one thread at a time (as all of samverkan, docs/architecture.md). */
SV_API const char *sv_source_line(const sv_source *source, int line, size_t *len_out);

/* Line and column (1-based, column in code points) of a byte offset. */
SV_API void sv_source_position(const sv_source *source, size_t offset, int *line_out, int *col_out);

#ifdef __cplusplus
}
#endif
#endif
