/*
 * Bump allocator in chunks of at least 64 KiB; see arena.h. Each chunk is
 * twice the one before, up to 8 MiB: a small model's arena stays a few
 * chunks of 64 KiB, and a national model's tree (hundreds of megabytes)
 * takes tens of chunks instead of thousands. Chunks of 256 KiB and more
 * are mapped from the kernel directly (see new_chunk).
 */
/* MAP_ANONYMOUS is Linux's (and the BSDs'), outside POSIX.1-2008 */
#define _DEFAULT_SOURCE
#include "util/arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ARENA_CHUNK_MIN ((size_t)64 * 1024)
#define ARENA_CHUNK_MAX ((size_t)8 * 1024 * 1024)
#define ARENA_ALIGN ((size_t)_Alignof(max_align_t))
#define PAGE ((size_t)4096)
#define ARENA_MAP_FROM ((size_t)256 * 1024)

typedef struct chunk {
    struct chunk *next;
    size_t size;
    size_t used;
    bool mapped; /* from mmap (ARENA_MAP_FROM and more), else from malloc */
    max_align_t data[];
} chunk;

struct sv_arena {
    chunk *head;
    size_t next_chunk; /* the size of the next ordinary chunk */
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
#ifdef SV_ARENA_MALLOC
        free(c);
#else
        if (c->mapped)
            (void)munmap(c, sizeof(chunk) + c->size);
        else
            free(c);
#endif
        c = next;
    }
    free(arena);
}

#ifndef SV_ARENA_MALLOC
/* A chunk with room for `want` bytes. From ARENA_MAP_FROM on, a chunk is
 * mapped from the kernel directly and goes back to it when the arena is
 * freed. From malloc, glibc raises its own mmap threshold to the largest
 * block freed: once the first tree section was freed, the later chunks
 * came from the heap, where the freed sections' memory stayed resident
 * beside them (700 KiB more at the peak of a 10 k-element check).
 *
 * No chunk is advised as huge pages (MADV_HUGEPAGE). Where the kernel has
 * them at hand a huge page costs one fault for 512, but where it must
 * first find and zero 2 MiB that the machine has not touched before (a
 * virtual machine's memory, backed by its host as it is first written),
 * it cost 2.1-2.5 ms a MiB against 0.3 ms for 4 KiB pages (bench/page_touch),
 * and a check of 948,131 elements took 9.0-10.0 s with the advice against
 * 7.3-7.5 s without it (docs/performance.md, "Fifth round"). Without it the
 * cost is the same on every machine, and at most a few per cent more where
 * huge pages are cheap. */
static chunk *new_chunk(size_t want)
{
    if (want > SIZE_MAX / 2)
        return NULL;
    size_t total = sizeof(chunk) + want;
    chunk *c;
    if (total >= ARENA_MAP_FROM) {
        total = (total + PAGE - 1) & ~(PAGE - 1);
        void *p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        c = p;
        c->mapped = true;
    } else {
        c = malloc(total);
        if (!c)
            return NULL;
        c->mapped = false;
    }
    c->size = total - sizeof(chunk);
    c->used = 0;
    return c;
}

#endif

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
        /* an ordinary chunk is `ordinary` bytes with its header */
        size_t ordinary = (arena->next_chunk ? arena->next_chunk : ARENA_CHUNK_MIN) - sizeof(chunk);
        size_t want = rounded > ordinary ? rounded : ordinary;
        chunk *fresh = new_chunk(want);
        if (!fresh)
            return NULL;
        if (rounded <= ordinary && ordinary + sizeof(chunk) < ARENA_CHUNK_MAX)
            arena->next_chunk = (ordinary + sizeof(chunk)) * 2;
        if (c && rounded > ordinary) {
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
