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

typedef struct sv_strmap {
    const char **keys;
    size_t *lens;
    uint32_t *values;
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
