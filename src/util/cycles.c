/*
 * Cycle finding in a functional graph by walking each unvisited node's
 * successor chain with three colours; see cycles.h.
 */
#include "util/cycles.h"

#include <stdlib.h>

int sv_functional_cycles(uint32_t n, const uint32_t *successor,
                         void (*found)(const uint32_t *cycle, uint32_t length, void *data),
                         void *data)
{
    /* 0 = unvisited, 1 = on the current walk, 2 = done */
    unsigned char *state = calloc(n ? n : 1, 1);
    uint32_t *path = malloc((n ? n : 1) * sizeof *path);
    uint32_t *cycle = malloc((n ? n : 1) * sizeof *cycle);
    int result = -1;
    if (!state || !path || !cycle)
        goto done;
    for (uint32_t start = 0; start < n; start++) {
        uint32_t len = 0;
        uint32_t v = start;
        while (v != SV_NO_SUCCESSOR && v < n && state[v] == 0) {
            state[v] = 1;
            path[len++] = v;
            v = successor[v];
        }
        if (v != SV_NO_SUCCESSOR && v < n && state[v] == 1) {
            uint32_t k = 0;
            while (path[k] != v)
                k++;
            uint32_t length = len - k, smallest = k;
            for (uint32_t i = k; i < len; i++)
                if (path[i] < path[smallest])
                    smallest = i;
            for (uint32_t i = 0; i < length; i++)
                cycle[i] = path[k + (smallest - k + i) % length];
            found(cycle, length, data);
        }
        for (uint32_t i = 0; i < len; i++)
            state[path[i]] = 2;
    }
    result = 0;
done:
    free(state);
    free(path);
    free(cycle);
    return result;
}
