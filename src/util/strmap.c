/*
 * Open-addressing hash map from borrowed strings to uint32; see strmap.h.
 */
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_bytes(const char *key, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void sv_strmap_init(sv_strmap *map)
{
    memset(map, 0, sizeof *map);
}

void sv_strmap_free(sv_strmap *map)
{
    free(map->keys);
    free(map->lens);
    free(map->values);
    memset(map, 0, sizeof *map);
}

static size_t find_slot(const sv_strmap *map, const char *key, size_t len, bool *found)
{
    size_t mask = map->capacity - 1;
    size_t i = (size_t)hash_bytes(key, len) & mask;
    for (;;) {
        if (!map->keys[i]) {
            *found = false;
            return i;
        }
        if (map->lens[i] == len && memcmp(map->keys[i], key, len) == 0) {
            *found = true;
            return i;
        }
        i = (i + 1) & mask;
    }
}

static int grow(sv_strmap *map)
{
    size_t capacity = map->capacity ? map->capacity * 2 : 64;
    sv_strmap bigger = {0};
    bigger.keys = calloc(capacity, sizeof *bigger.keys);
    bigger.lens = calloc(capacity, sizeof *bigger.lens);
    bigger.values = calloc(capacity, sizeof *bigger.values);
    if (!bigger.keys || !bigger.lens || !bigger.values) {
        sv_strmap_free(&bigger);
        return -1;
    }
    bigger.capacity = capacity;
    for (size_t i = 0; i < map->capacity; i++) {
        if (!map->keys[i])
            continue;
        bool found;
        size_t slot = find_slot(&bigger, map->keys[i], map->lens[i], &found);
        bigger.keys[slot] = map->keys[i];
        bigger.lens[slot] = map->lens[i];
        bigger.values[slot] = map->values[i];
    }
    bigger.count = map->count;
    sv_strmap_free(map);
    *map = bigger;
    return 0;
}

int sv_strmap_put(sv_strmap *map, const char *key, size_t len, uint32_t value, uint32_t *existing)
{
    if ((map->count + 1) * 2 > map->capacity && grow(map) != 0)
        return -1;
    bool found;
    size_t slot = find_slot(map, key, len, &found);
    if (found) {
        if (existing)
            *existing = map->values[slot];
        return 0;
    }
    map->keys[slot] = key;
    map->lens[slot] = len;
    map->values[slot] = value;
    map->count++;
    return 1;
}

bool sv_strmap_get(const sv_strmap *map, const char *key, size_t len, uint32_t *value_out)
{
    if (map->capacity == 0)
        return false;
    bool found;
    size_t slot = find_slot(map, key, len, &found);
    if (found && value_out)
        *value_out = map->values[slot];
    return found;
}
