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
    const char *data = text;
    sv_source *src = calloc(1, sizeof *src);
    if (!src) {
        free(text);
        return NULL;
    }
    src->refs = 1;
    src->path = strdup(path);
    src->text = text;
    size_t capacity = 1024;
    src->line_starts = malloc(capacity * sizeof *src->line_starts);
    if (!src->path || !src->line_starts) {
        sv_source_unref(src);
        return NULL;
    }
    src->text[size] = '\0';
    src->size = size;
    size_t n = 0;
    src->line_starts[n++] = 0;
    for (size_t i = 0; i < size;) {
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
        if (!b) {
            i++;
            continue;
        }
        i += b;
        if (n == capacity) {
            capacity *= 2;
            size_t *grown = realloc(src->line_starts, capacity * sizeof *grown);
            if (!grown) {
                sv_source_unref(src);
                return NULL;
            }
            src->line_starts = grown;
            sv_advise_huge_pages(grown, capacity * sizeof *grown);
        }
        src->line_starts[n++] = i;
    }
    src->line_count = n;
    return src;
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
    free(source->line_starts);
    free(source);
}

const char *sv_source_line(const sv_source *source, int line, size_t *len_out)
{
    if (!source || line < 1 || (size_t)line > source->line_count)
        return NULL;
    size_t start = source->line_starts[line - 1];
    size_t end = start;
    while (end < source->size && !break_length(source->text, source->size, end))
        end++;
    *len_out = end - start;
    return source->text + start;
}

void sv_source_position(const sv_source *source, size_t offset, int *line_out, int *col_out)
{
    /* binary search for the last line starting at or before offset */
    size_t lo = 0, hi = source->line_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (source->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    int col = 1;
    size_t from = source->line_starts[lo];
    /* a byte order mark is no character an editor shows, nor one libyaml counts */
    if (from == 0 && source->size >= 3 && memcmp(source->text, "\xEF\xBB\xBF", 3) == 0 && offset >= 3)
        from = 3;
    for (size_t i = from; i < offset && i < source->size; i++)
        if (((unsigned char)source->text[i] & 0xC0) != 0x80)
            col++;
    *line_out = (int)lo + 1;
    *col_out = col;
}
