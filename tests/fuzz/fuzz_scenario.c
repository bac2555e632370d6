/*
 * Fuzz target for scenario files (merge, set, add, remove, chains of
 * bases). The input is split at NUL bytes, which a YAML file cannot hold:
 * the first part is the scenario, written to s0.yaml; the next parts (up to
 * three) are written to s1.yaml, s2.yaml, s3.yaml beside it, so that the
 * fuzzer can make its own base models and chains (`base: s1.yaml`). A fixed
 * base, tests/data/scenarios/base.yaml, is there too as base.yaml. s0.yaml
 * is loaded as the CLI loads it (sv_model_load): by a relative path from its
 * own folder (the process works in that folder) when the input's length is
 * even, by its absolute path when odd, so that relative bases (`base:
 * s1.yaml`, `base: ./s1.yaml`), empty ones (`base: ''`) and paths that fold
 * to nothing are resolved both ways. When it gives a model,
 * the rules run on it and it is compared with the fixed base (diff); then
 * up to three of its elements, picked by the input's length, are taken out
 * as `whatif` does (sv_model_load_without) and that is compared with it.
 * Before all that, s0.yaml's head is read as serve's scenario list and the
 * report's title read it (sv_scenario_head): the head of any file, cut at
 * a byte that is no UTF-8 or anywhere in its syntax, is a tree or nothing.
 *
 * Inputs that name /dev, /proc or /sys are skipped: a base there reads the
 * fuzzing machine's devices (a terminal waits for input), which says nothing
 * about our code and makes runs depend on the machine.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include "fuzz_common.h"

#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "samverkan/diff.h"
#include "samverkan/library.h"
#include "samverkan/model.h"
#include "samverkan/report.h"
#include "samverkan/rules.h"
#include "samverkan/schema.h"

#ifndef SAMVERKAN_FUZZ_BASE
#error "SAMVERKAN_FUZZ_BASE must name tests/data/scenarios/base.yaml"
#endif

#define MAX_PARTS 4

static char dir[64];
static sv_model *base_model;
static sv_findings base_findings;
static const sv_rule_config rule_config = {.today = {2024, 11, 19}};

static void part_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

static void write_file(const char *name, const void *data, size_t size)
{
    char path[128];
    part_path(path, sizeof path, name);
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
}

static void cleanup(void)
{
    static const char *const names[] = {"base.yaml", "s0.yaml", "s1.yaml", "s2.yaml", "s3.yaml"};
    char path[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        part_path(path, sizeof path, names[i]);
        unlink(path);
    }
    rmdir(dir);
    sv_findings_free(&base_findings);
    sv_model_free(base_model);
}

static void initialise(void)
{
    sv_library_init();
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/sv-fuzz-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(dir))
        abort();
    FILE *in = fopen(SAMVERKAN_FUZZ_BASE, "rb");
    char text[16384];
    size_t n = in ? fread(text, 1, sizeof text, in) : 0;
    if (!in || n == 0 || n == sizeof text)
        abort();
    fclose(in);
    write_file("base.yaml", text, n);
    /* relative paths are taken from the scenario's folder, as when a user
     * runs `samverkan check s0.yaml` there */
    if (chdir(dir) != 0)
        abort();
    char path[128];
    part_path(path, sizeof path, "base.yaml");
    sv_diags diags;
    sv_diags_init(&diags);
    sv_findings_init(&base_findings);
    if (sv_model_load(&base_model, path, NULL, &diags) != 0 ||
        sv_rules_run(&base_findings, base_model, &rule_config, &diags) != 0)
        abort();
    sv_diags_free(&diags);
    atexit(cleanup);
}

static bool names_a_device(const uint8_t *data, size_t size)
{
    static const char *const prefixes[] = {"/dev", "/proc", "/sys"};
    for (size_t p = 0; p < 3; p++) {
        size_t len = strlen(prefixes[p]);
        for (size_t i = 0; i + len <= size; i++)
            if (memcmp(data + i, prefixes[p], len) == 0)
                return true;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!base_model)
        initialise();
    if (names_a_device(data, size))
        return 0;
    /* the parts: s0.yaml is the scenario; a part not in this input is
     * removed, so that the input alone decides what is read */
    size_t start = 0;
    bool more = true;
    for (int part = 0; part < MAX_PARTS; part++) {
        char name[16];
        snprintf(name, sizeof name, "s%d.yaml", part);
        if (!more) {
            char path[128];
            part_path(path, sizeof path, name);
            unlink(path);
            continue;
        }
        const uint8_t *nul = size > start ? memchr(data + start, '\0', size - start) : NULL;
        size_t end = nul ? (size_t)(nul - data) : size;
        write_file(name, data + start, end - start);
        more = nul != NULL;
        start = end + 1;
    }

    char path[128];
    if (size % 2 == 0)
        snprintf(path, sizeof path, "s0.yaml");
    else
        part_path(path, sizeof path, "s0.yaml");
    char *head_name = NULL, *head_base = NULL;
    if (!sv_scenario_head(path, &head_name, &head_base) && (head_name || head_base))
        abort(); /* no scenario: nothing is given */
    free(head_name);
    free(head_base);

    sv_load_limits limits;
    fuzz_limits(&limits);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_findings findings;
    sv_findings_init(&findings);
    sv_diff diff = {0};
    sv_model *model = NULL, *reduced = NULL;
    sv_findings reduced_findings;
    sv_findings_init(&reduced_findings);
    FILE *out = fuzz_sink();
    if (sv_model_load(&model, path, &limits, &diags) != 0 ||
        sv_rules_run(&findings, model, &rule_config, &diags) != 0) {
        sv_diags_sort(&diags);
        sv_report_diags_text(out, &diags);
        goto done;
    }
    if (sv_diff_models(&diff, base_model, &base_findings, model, &findings) != 0)
        goto done;
    sv_report_diff_text(out, "base.yaml", "s0.yaml", &diff);
    sv_report_diff_json(out, "base.yaml", "s0.yaml", &diff);

    const char *without[3];
    size_t count = 0;
    for (size_t k = 0; k < 3 && model->element_count; k++) {
        const char *id = model->elements[(size * 7 + k * 13) % model->element_count].id;
        if (model->elements[(size * 7 + k * 13) % model->element_count].kind != SV_KIND_AGREEMENT)
            without[count++] = id;
    }
    if (sv_model_load_without(&reduced, path, without, count, &limits, &diags) != 0 ||
        sv_rules_run(&reduced_findings, reduced, &rule_config, &diags) != 0)
        goto done;
    sv_diff_free(&diff);
    if (sv_diff_models(&diff, model, &findings, reduced, &reduced_findings) != 0)
        goto done;
    sv_report_whatif_text(out, "s0.yaml", without, count, &diff);
    sv_report_whatif_json(out, "s0.yaml", without, count, &diff);
done:
    sv_diff_free(&diff);
    sv_findings_free(&reduced_findings);
    sv_model_free(reduced);
    sv_findings_free(&findings);
    sv_model_free(model);
    sv_diags_free(&diags);
    return 0;
}
