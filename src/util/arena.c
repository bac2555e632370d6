/*
 * Bump allocator in chunks of at least 64 KiB; see arena.h.
 */
#include "util/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK_MIN ((size_t)64 * 1024)
#define ARENA_ALIGN ((size_t)_Alignof(max_align_t))

typedef struct chunk {
    struct chunk *next;
    size_t size;
    size_t used;
    max_align_t data[];
} chunk;

struct sv_arena {
    chunk *head;
};

sv_arena *sv_arena_new(void)
{
    return calloc(1, sizeof(sv_arena));
}

void sv_arena_free(sv_arena *arena)
{
    if (!arena)
        return;
    chunk *c = arena->head;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(arena);
}

void *sv_arena_alloc(sv_arena *arena, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX / 2)
        return NULL;
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
#ifdef SV_ARENA_MALLOC
    chunk *c = malloc(sizeof(chunk) + rounded);
    if (!c)
        return NULL;
    c->size = c->used = rounded;
    c->next = arena->head;
    arena->head = c;
    memset(c->data, 0, rounded);
    return c->data;
#else
    chunk *c = arena->head;
    /* strings leave `used` unaligned (see sv_arena_strndup) */
    if (c)
        c->used = c->used + ARENA_ALIGN - 1 < c->size ? (c->used + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1)
                                                      : c->size;
    if (!c || c->size - c->used < rounded) {
        size_t want = rounded > ARENA_CHUNK_MIN ? rounded : ARENA_CHUNK_MIN;
        chunk *fresh = malloc(sizeof(chunk) + want);
        if (!fresh)
            return NULL;
        fresh->size = want;
        fresh->used = 0;
        if (c && rounded > ARENA_CHUNK_MIN) {
            /* A large block goes behind the current chunk so that the
             * current chunk's free space stays in use. */
            fresh->next = c->next;
            c->next = fresh;
        } else {
            fresh->next = c;
            arena->head = fresh;
        }
        c = fresh;
    }
    void *p = (char *)c->data + c->used;
    c->used += rounded;
    memset(p, 0, rounded);
    return p;
#endif
}

void *sv_arena_calloc(sv_arena *arena, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    return sv_arena_alloc(arena, n * size);
}

char *sv_arena_strndup(sv_arena *arena, const char *text, size_t len)
{
    char *p = NULL;
#ifndef SV_ARENA_MALLOC
    /* Text needs no alignment: packed, the short scalars of a model (ids,
     * keys, numbers) take their length instead of 16 bytes each. */
    chunk *c = arena->head;
    if (c && len < c->size - c->used) {
        p = (char *)c->data + c->used;
        c->used += len + 1;
    }
#endif
    if (!p)
        p = sv_arena_alloc(arena, len + 1);
    if (!p)
        return NULL;
    memcpy(p, text, len);
    p[len] = '\0';
    return p;
}

char *sv_arena_strdup(sv_arena *arena, const char *text)
{
    return sv_arena_strndup(arena, text, strlen(text));
}

char *sv_arena_concat(sv_arena *arena, const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = c ? strlen(c) : 0;
    char *p = sv_arena_alloc(arena, la + lb + lc + 1);
    if (!p)
        return NULL;
    memcpy(p, a, la);
    memcpy(p + la, b, lb);
    if (lc)
        memcpy(p + la + lb, c, lc);
    p[la + lb + lc] = '\0';
    return p;
}

char *sv_arena_printf(sv_arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = sv_arena_alloc(arena, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
