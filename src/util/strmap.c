/*
 * Open-addressing hash map from borrowed strings to uint32; see strmap.h.
 */
#include "util/strmap.h"

#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

/* Eight bytes at a time, then splitmix64's finalizer so that the low bits
 * the table masks depend on every byte: ids are 10 to 30 bytes, and FNV-1a
 * a byte at a time was most of a lookup. No seed: nothing iterates the
 * table, so its order never reaches an output, and a run repeats. */
static uint64_t hash_bytes(const char *key, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ len;
    size_t i = 0;
    for (; len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, key + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
    }
    uint64_t tail = 0;
    memcpy(&tail, key + i, len - i);
    h = (h ^ tail) * 0x94D049BB133111EBu;
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBu;
    return h ^ (h >> 31);
}

void sv_strmap_init(sv_strmap *map)
{
    memset(map, 0, sizeof *map);
}

void sv_strmap_free(sv_strmap *map)
{
    free(map->slots);
    memset(map, 0, sizeof *map);
}

static size_t find_slot(const sv_strmap *map, const char *key, size_t len, bool *found)
{
    size_t mask = map->capacity - 1;
    size_t i = (size_t)hash_bytes(key, len) & mask;
    for (;;) {
        const sv_strmap_slot *s = &map->slots[i];
        if (!s->key) {
            *found = false;
            return i;
        }
        if (s->len == len && memcmp(s->key, key, len) == 0) {
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
    bigger.slots = calloc(capacity, sizeof *bigger.slots);
    if (!bigger.slots)
        return -1;
    bigger.capacity = capacity;
    for (size_t i = 0; i < map->capacity; i++) {
        const sv_strmap_slot *s = &map->slots[i];
        if (!s->key)
            continue;
        bool found;
        bigger.slots[find_slot(&bigger, s->key, s->len, &found)] = *s;
    }
    bigger.count = map->count;
    sv_strmap_free(map);
    *map = bigger;
    return 0;
}

int sv_strmap_put(sv_strmap *map, const char *key, size_t len, uint32_t value, uint32_t *existing)
{
    if (len > UINT32_MAX) /* no scalar is that long (load refuses it) */
        return -1;
    if ((map->count + 1) * 2 > map->capacity && grow(map) != 0)
        return -1;
    bool found;
    size_t slot = find_slot(map, key, len, &found);
    if (found) {
        if (existing)
            *existing = map->slots[slot].value;
        return 0;
    }
    map->slots[slot] = (sv_strmap_slot){key, (uint32_t)len, value};
    map->count++;
    return 1;
}

bool sv_strmap_get(const sv_strmap *map, const char *key, size_t len, uint32_t *value_out)
{
    if (map->capacity == 0 || len > UINT32_MAX)
        return false;
    bool found;
    size_t slot = find_slot(map, key, len, &found);
    if (found && value_out)
        *value_out = map->slots[slot].value;
    return found;
}
