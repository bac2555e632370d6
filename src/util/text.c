/*
 * UTF-8 checks and edit distance; see text.h.
 */
#include "util/text.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool sv_utf8_check(const char *data, size_t size, size_t *bad_offset, bool *is_nul)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t i = 0;
    while (i < size) {
        unsigned char c = s[i];
        if (c == 0) {
            *bad_offset = i;
            *is_nul = true;
            return false;
        }
        if (c < 0x80) {
            i++;
            /* most of a model is ASCII: 8 bytes at a time while there is
             * no byte of 0x80 or more and no NUL */
            while (size - i >= 8) {
                uint64_t v;
                memcpy(&v, s + i, 8);
                if ((v & 0x8080808080808080u) || ((v - 0x0101010101010101u) & ~v & 0x8080808080808080u))
                    break;
                i += 8;
            }
            continue;
        }
        size_t need;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else {
            goto bad;
        }
        if (size - i <= need)
            goto bad;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                goto bad;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* overlong forms, surrogates, beyond U+10FFFF */
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += need + 1;
    }
    return true;
bad:
    *bad_offset = i;
    *is_nul = false;
    return false;
}

size_t sv_utf8_length(const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            n++;
    return n;
}

size_t sv_edit_distance(const char *a, const char *b, size_t limit)
{
    /* optimal string alignment: Levenshtein plus the swap of two
     * neighbouring letters as one edit ("chiar" -> "chair") */
    size_t la = strlen(a), lb = strlen(b);
    size_t diff = la > lb ? la - lb : lb - la;
    if (diff > limit)
        return limit + 1;
    if (la > 64 || lb > 64)
        return limit + 1; /* ids and keys are short; long text is no misspelling */
    size_t rows[3][65];
    size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && before[j - 2] + 1 < v)
                v = before[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit + 1 && i > 1)
            return limit + 1;
        size_t *t = before;
        before = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb] > limit ? limit + 1 : prev[lb];
}

const char *sv_closest(const char *word, const char *const *candidates, size_t count)
{
    size_t len = strlen(word);
    size_t limit = len / 3;
    if (limit > 2)
        limit = 2;
    if (limit == 0)
        limit = len >= 2 ? 1 : 0;
    const char *best = NULL;
    size_t best_distance = limit + 1;
    for (size_t i = 0; i < count; i++) {
        size_t d = sv_edit_distance(word, candidates[i], limit);
        if (d < best_distance) {
            best_distance = d;
            best = candidates[i];
        }
    }
    return best;
}

const char *sv_join(char *buf, size_t size, const char *sep, const char *last_sep,
                    const char *const *items, size_t count)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        const char *before = i == 0 ? "" : (i == count - 1 && last_sep ? last_sep : sep);
        int w = snprintf(buf + used, size - used, "%s%s", before, items[i]);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
    return buf;
}

/* `path` from its start against `pattern`, a component at a time: each
 * with fnmatch, "**" for any number of folders (none too). */
bool sv_path_glob_match(const char *pattern, const char *path)
{
    if (pattern[0] == '*' && pattern[1] == '*' && (pattern[2] == '/' || pattern[2] == '\0')) {
        if (pattern[2] == '\0')
            return true;
        for (const char *at = path; at; at = strchr(at, '/') ? strchr(at, '/') + 1 : NULL)
            if (sv_path_glob_match(pattern + 3, at))
                return true;
        return false;
    }
    const char *pend = strchr(pattern, '/'), *send = strchr(path, '/');
    size_t plen = pend ? (size_t)(pend - pattern) : strlen(pattern);
    size_t slen = send ? (size_t)(send - path) : strlen(path);
    char pc[NAME_MAX + 1], sc[NAME_MAX + 1];
    if (plen > NAME_MAX || slen > NAME_MAX)
        return false;
    memcpy(pc, pattern, plen);
    pc[plen] = '\0';
    memcpy(sc, path, slen);
    sc[slen] = '\0';
    if (fnmatch(pc, sc, FNM_PATHNAME) != 0)
        return false;
    if (!pend || !send)
        return !pend && !send;
    return sv_path_glob_match(pend + 1, send + 1);
}

char *sv_concat(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = c ? strlen(c) : 0;
    char *out = malloc(la + lb + lc + 1);
    if (!out)
        return NULL;
    memcpy(out, a, la);
    memcpy(out + la, b, lb);
    if (lc)
        memcpy(out + la + lb, c, lc);
    out[la + lb + lc] = '\0';
    return out;
}
