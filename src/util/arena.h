/*
 * A bump allocator: everything of one model (or one tree) lives in one
 * arena and is freed at once. With SV_ARENA_MALLOC defined (the sanitizer
 * build) every allocation is its own malloc, so AddressSanitizer sees
 * overruns between objects.
 */
#ifndef SV_UTIL_ARENA_H
#define SV_UTIL_ARENA_H

#include <stddef.h>

typedef struct sv_arena sv_arena;

sv_arena *sv_arena_new(void);              /* NULL when out of memory */
void sv_arena_free(sv_arena *arena);        /* NULL is accepted */

/* Zeroed memory aligned for any type; NULL when out of memory. */
void *sv_arena_alloc(sv_arena *arena, size_t size);
/* Zeroed array of n items of `size` bytes, with overflow checked. */
void *sv_arena_calloc(sv_arena *arena, size_t n, size_t size);
char *sv_arena_strndup(sv_arena *arena, const char *text, size_t len);
char *sv_arena_strdup(sv_arena *arena, const char *text);
/* a + b + c (c may be NULL): cheaper than sv_arena_printf in hot loops. */
char *sv_arena_concat(sv_arena *arena, const char *a, const char *b, const char *c);
char *sv_arena_printf(sv_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
