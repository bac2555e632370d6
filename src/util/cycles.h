/*
 * Cycles of a functional graph: n nodes, each with at most one successor
 * (part_of between parties, reports_to between bodies). Linear time.
 */
#ifndef SV_UTIL_CYCLES_H
#define SV_UTIL_CYCLES_H

#include <stdint.h>

#define SV_NO_SUCCESSOR UINT32_MAX

/* Calls found(cycle, length, data) once per cycle, with the cycle's nodes
 * in successor order starting at its smallest node. Nodes that only lead
 * into a cycle are not on it. Returns -1 when out of memory, else 0. */
int sv_functional_cycles(uint32_t n, const uint32_t *successor,
                         void (*found)(const uint32_t *cycle, uint32_t length, void *data),
                         void *data);

#endif
