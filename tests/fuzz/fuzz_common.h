/*
 * What the fuzz targets share: the libFuzzer entry point's declaration, a
 * sink for the report writers' output, and the load limits they run with
 * (the defaults but a smaller node budget, so that one input cannot take
 * seconds). Each target is built twice: with libFuzzer (-DSAMVERKAN_FUZZ=ON,
 * tests/fuzz/run) and with replay.c as its main, so that ctest feeds it the
 * reproducers of tests/fuzz/regressions in every build.
 */
#ifndef SAMVERKAN_FUZZ_COMMON_H
#define SAMVERKAN_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "samverkan/tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the writers write: /dev/null, opened once. Writing to a real FILE
 * keeps stdio's buffering and error paths in play. */
static inline FILE *fuzz_sink(void)
{
    static FILE *sink;
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    return sink;
}

static inline void fuzz_limits(sv_load_limits *limits)
{
    sv_load_limits_default(limits);
    limits->max_file_bytes = (size_t)1 << 20;
    limits->max_nodes = 200000;
}

#endif
