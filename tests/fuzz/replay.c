/*
 * A main for the fuzz targets without libFuzzer: runs the target once on
 * each file named (a directory: on each file in it, in name order). ctest
 * uses it to keep every reproducer of tests/fuzz/regressions fixed in the
 * ordinary and the sanitizer builds, where a crash or a leak then fails the
 * test. Prints nothing but the files it could not read.
 */
#define _XOPEN_SOURCE 700
#include "fuzz_common.h"

#include <dirent.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t size = 0, capacity = 4096;
    uint8_t *data = malloc(capacity);
    for (size_t n; data && (n = fread(data + size, 1, capacity - size, f)) > 0;) {
        size += n;
        if (size == capacity) {
            uint8_t *grown = realloc(data, capacity *= 2);
            if (!grown)
                free(data);
            data = grown;
        }
    }
    bool failed = !data || ferror(f);
    fclose(f);
    if (failed) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(data);
        return 1;
    }
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
    int failures = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            struct dirent **entries;
            int n = scandir(argv[i], &entries, NULL, by_name);
            if (n < 0) {
                perror(argv[i]);
                failures++;
                continue;
            }
            for (int k = 0; k < n; k++) {
                if (entries[k]->d_name[0] != '.') {
                    size_t len = strlen(argv[i]) + strlen(entries[k]->d_name) + 2;
                    char *path = malloc(len);
                    if (path) {
                        snprintf(path, len, "%s/%s", argv[i], entries[k]->d_name);
                        failures += run_file(path);
                    }
                    free(path);
                }
                free(entries[k]);
            }
            free(entries);
        } else {
            failures += run_file(argv[i]);
        }
    }
    return failures ? 1 : 0;
}
