/*
 * Input text with a line table; see samverkan/source.h. Line breaks are
 * counted exactly as libyaml counts them (LF, CR, CRLF, NEL, LS, PS), so
 * that libyaml's marks and our own offsets land on the same lines.
 */
#include "samverkan/source.h"

#include "util/arena.h"
#include "util/source_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the line break at text[i], 0 if there is none. */
static size_t break_length(const char *text, size_t size, size_t i)
{
    unsigned char c = (unsigned char)text[i];
    if (c == '\n')
        return 1;
    if (c == '\r')
        return (i + 1 < size && text[i + 1] == '\n') ? 2 : 1;
    if (c == 0xC2 && i + 1 < size && (unsigned char)text[i + 1] == 0x85)
        return 2;
    if (c == 0xE2 && i + 2 < size && (unsigned char)text[i + 1] == 0x80 &&
        ((unsigned char)text[i + 2] == 0xA8 || (unsigned char)text[i + 2] == 0xA9))
        return 3;
    return 0;
}

sv_source *sv_source_new(const char *path, const char *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return NULL;
    memcpy(text, data, size);
    return sv_source_adopt(path, text, size);
}

sv_source *sv_source_adopt(const char *path, char *text, size_t size)
{
    sv_source *src = calloc(1, sizeof *src);
    if (!src) {
        free(text);
        return NULL;
    }
    src->refs = 1;
    src->path = strdup(path);
    src->text = text;
    src->text[size] = '\0';
    src->size = size;
    if (!src->path) {
        sv_source_unref(src);
        return NULL;
    }
    return src;
}

struct sv_source_lines {
    size_t count;
    size_t starts[]; /* byte offset of each line's start */
};

/* The start of the next line after offset `i`: just past the next line
 * break, or SIZE_MAX when the text has no more breaks. */
static size_t next_line_start(const char *data, size_t size, size_t i)
{
    while (i < size) {
        /* 8 bytes at a time while none is LF, CR or of 0x80 and more */
        while (size - i >= 8) {
            uint64_t v;
            memcpy(&v, data + i, 8);
            uint64_t lf = v ^ 0x0A0A0A0A0A0A0A0Au, cr = v ^ 0x0D0D0D0D0D0D0D0Du;
            uint64_t zero_byte = ((lf - 0x0101010101010101u) & ~lf) | ((cr - 0x0101010101010101u) & ~cr);
            if ((zero_byte | v) & 0x8080808080808080u)
                break;
            i += 8;
        }
        if (i >= size)
            break;
        unsigned char c = (unsigned char)data[i];
        /* only these bytes can start a line break */
        size_t b = (c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2) ? break_length(data, size, i) : 0;
        if (b)
            return i + b;
        i++;
    }
    return SIZE_MAX;
}

/* The line table, built on first use: one pass counts the lines and one
 * fills an array of exactly that many, so nothing is grown and copied (a
 * text ending in a break has an empty last line, as libyaml counts). NULL
 * only when memory runs out; the callers then scan the text instead. A
 * source is never const where it is made (sv_source_adopt), so filling in
 * the table through the const pointer is allowed. */
static const sv_source_lines *line_table(const sv_source *source)
{
    if (source->lines)
        return source->lines;
    const char *text = source->text;
    size_t size = source->size, count = 1;
    for (size_t i = next_line_start(text, size, 0); i != SIZE_MAX; i = next_line_start(text, size, i))
        count++;
    size_t bytes = sizeof(sv_source_lines) + count * sizeof(size_t);
    sv_source_lines *lines = malloc(bytes);
    if (!lines)
        return NULL;
    lines->count = count;
    lines->starts[0] = 0;
    size_t i = 0;
    for (size_t n = 1; n < count; n++)
        lines->starts[n] = i = next_line_start(text, size, i);
    ((sv_source *)source)->lines = lines;
    return lines;
}

sv_source *sv_source_ref(sv_source *source)
{
    if (source)
        source->refs++;
    return source;
}

void sv_source_unref(sv_source *source)
{
    if (!source || --source->refs > 0)
        return;
    free(source->path);
    free(source->text);
    free(source->lines);
    free(source);
}

/* The start of line `line` (1-based) by scanning, for when the table
 * cannot be built; SIZE_MAX past the last line. */
static size_t scan_line_start(const sv_source *source, size_t line)
{
    size_t i = 0;
    for (size_t l = 1; l < line && i != SIZE_MAX; l++)
        i = next_line_start(source->text, source->size, i);
    return i;
}

const char *sv_source_line(const sv_source *source, int line, size_t *len_out)
{
    if (!source || line < 1)
        return NULL;
    const sv_source_lines *lines = line_table(source);
    size_t start;
    if (lines) {
        if ((size_t)line > lines->count)
            return NULL;
        start = lines->starts[line - 1];
    } else {
        start = scan_line_start(source, (size_t)line);
        if (start == SIZE_MAX)
            return NULL;
    }
    size_t end = start;
    while (end < source->size && !break_length(source->text, source->size, end))
        end++;
    *len_out = end - start;
    return source->text + start;
}

void sv_source_position(const sv_source *source, size_t offset, int *line_out, int *col_out)
{
    const sv_source_lines *lines = line_table(source);
    size_t line = 0, from = 0; /* 0-based line, the offset of its start */
    if (lines) {
        /* binary search for the last line starting at or before offset */
        size_t lo = 0, hi = lines->count;
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (lines->starts[mid] <= offset)
                lo = mid;
            else
                hi = mid;
        }
        line = lo;
        from = lines->starts[lo];
    } else {
        for (size_t next = next_line_start(source->text, source->size, 0);
             next != SIZE_MAX && next <= offset; next = next_line_start(source->text, source->size, next)) {
            line++;
            from = next;
        }
    }
    int col = 1;
    /* a byte order mark is no character an editor shows, nor one libyaml counts */
    if (from == 0 && source->size >= 3 && memcmp(source->text, "\xEF\xBB\xBF", 3) == 0 && offset >= 3)
        from = 3;
    for (size_t i = from; i < offset && i < source->size; i++)
        if (((unsigned char)source->text[i] & 0xC0) != 0x80)
            col++;
    *line_out = (int)line + 1;
    *col_out = col;
}
