/*
 * The one XML and HTML escaper (util/markup.h).
 */
#include "util/markup.h"

#include <stdbool.h>
#include <string.h>

const char *sv_markup_entity(unsigned char ch, unsigned flags)
{
    switch (ch) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return flags & SV_MARKUP_APOS ? "&apos;" : "&#39;";
    default: return NULL;
    }
}

/* What stands for the ASCII byte `ch`: its entity, a reference, "?" or
 * NULL for the byte itself. */
static const char *ascii(unsigned char ch, unsigned flags)
{
    const char *entity = sv_markup_entity(ch, flags);
    if (entity)
        return entity;
    switch (ch) {
    case '\t':
        return flags & SV_MARKUP_ONE_LINE ? "?" : flags & SV_MARKUP_ATTR ? "&#9;" : NULL;
    case '\n':
        return flags & SV_MARKUP_ONE_LINE ? "?" : flags & SV_MARKUP_ATTR ? "&#10;" : NULL;
    case '\r': return flags & SV_MARKUP_KEEP_CR ? "&#13;" : "?";
    default: return ch < 0x20 || ch == 0x7F ? "?" : NULL;
    }
}

/* Reads the UTF-8 sequence at s[0..len): sets *used to its length (the
 * lead byte and the continuation bytes that follow it, at least 1) and
 * returns whether it encodes a code point XML allows (not C1, a
 * surrogate, U+FFFE or U+FFFF). A bad sequence becomes one '?'. */
static bool allowed_sequence(const unsigned char *s, size_t len, size_t *used)
{
    unsigned char ch = s[0];
    size_t n;
    unsigned long cp, min;
    *used = 1;
    if (ch >= 0xC2 && ch <= 0xDF)
        n = 2, cp = ch & 0x1Fu, min = 0x80;
    else if (ch >= 0xE0 && ch <= 0xEF)
        n = 3, cp = ch & 0x0Fu, min = 0x800;
    else if (ch >= 0xF0 && ch <= 0xF4)
        n = 4, cp = ch & 0x07u, min = 0x10000;
    else
        return false; /* a stray continuation byte or an invalid lead byte */
    size_t k = 1;
    for (; k < n && k < len && (s[k] & 0xC0) == 0x80; k++)
        cp = (cp << 6) | (s[k] & 0x3Fu);
    *used = k;
    bool valid = k == n && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    return valid && !(cp >= 0x80 && cp <= 0x9F) && cp != 0xFFFE && cp != 0xFFFF;
}

void sv_markup_put_n(FILE *out, const char *text, size_t len, unsigned flags)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            const char *rep = ascii(s[i], flags);
            if (rep)
                fputs(rep, out);
            else
                fputc(s[i], out);
            i++;
            continue;
        }
        size_t n;
        if (allowed_sequence(s + i, len - i, &n))
            fwrite(s + i, 1, n, out);
        else
            fputc('?', out);
        i += n;
    }
}

void sv_markup_put(FILE *out, const char *text, unsigned flags)
{
    if (text)
        sv_markup_put_n(out, text, strlen(text), flags);
}

unsigned long long sv_markup_size(const char *text, unsigned flags)
{
    unsigned long long n = 0;
    for (const unsigned char *c = (const unsigned char *)(text ? text : ""); *c; c++) {
        const char *rep = *c < 0x80 ? ascii(*c, flags) : NULL;
        n += rep ? strlen(rep) : 1;
    }
    return n;
}
