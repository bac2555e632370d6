/*
 * What memory costs before a byte of it is used: maps fresh anonymous
 * memory and writes one byte in each 4 KiB page, so that the kernel must
 * find, zero and map every page, and prints the time per page (and per
 * MiB) with 4 KiB pages and with the mapping advised as huge pages.
 * `bench/run` prints it beside the check / libyaml ratio: a command that
 * touches ten times the memory of the bare parse pays this for each page,
 * whatever its instructions.
 * Usage: page_touch [MIB]   (default 64)
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int touch(size_t bytes, int advice, const char *name)
{
    char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    (void)madvise(p, bytes, advice);
    double start = seconds();
    for (size_t i = 0; i < bytes; i += 4096)
        p[i] = 1;
    double took = seconds() - start;
    size_t pages = bytes / 4096;
    printf("%s: %zu MiB first touched in %.1f ms: %.2f us a 4 KiB page, %.2f ms a MiB\n", name,
           bytes >> 20, took * 1e3, took * 1e6 / (double)pages, took * 1e3 / (double)(bytes >> 20));
    munmap(p, bytes);
    return 0;
}

int main(int argc, char **argv)
{
    long mib = argc > 1 ? atol(argv[1]) : 64;
    if (mib < 1 || mib > 65536) {
        fprintf(stderr, "usage: page_touch [MIB]   (1 to 65536)\n");
        return 2;
    }
    size_t bytes = (size_t)mib << 20;
    int r = touch(bytes, MADV_NOHUGEPAGE, "4 KiB pages");
#ifdef MADV_HUGEPAGE
    r |= touch(bytes, MADV_HUGEPAGE, "huge pages (madvise)");
#endif
    return r;
}
