/*
 * A string -> uint32 hash map (open addressing, FNV-1a) for interning ids
 * and finding duplicate keys. Keys are borrowed, not copied: they must
 * outlive the map.
 */
#ifndef SV_UTIL_STRMAP_H
#define SV_UTIL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One slot holds its key, length and value together: a lookup reads one
 * cache line, not one in each of three arrays (the id table of a national
 * model is megabytes, and its lookups missed the cache three times). */
typedef struct sv_strmap_slot {
    const char *key; /* NULL: free */
    uint32_t len;
    uint32_t value;
} sv_strmap_slot;

typedef struct sv_strmap {
    sv_strmap_slot *slots;
    size_t capacity; /* a power of two, or 0 */
    size_t count;
} sv_strmap;

void sv_strmap_init(sv_strmap *map);
void sv_strmap_free(sv_strmap *map);

/* Inserts key -> value unless the key is present. Returns 1 when inserted,
 * 0 when present (then *existing, if not NULL, gets the old value), -1 when
 * out of memory. */
int sv_strmap_put(sv_strmap *map, const char *key, size_t len, uint32_t value, uint32_t *existing);
bool sv_strmap_get(const sv_strmap *map, const char *key, size_t len, uint32_t *value_out);

#endif
