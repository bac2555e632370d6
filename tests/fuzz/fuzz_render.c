/*
 * Fuzz target for the render stage on small models: the input is one model
 * file; when it loads, the rules run (so that elements carry finding marks
 * and rule names in tooltips) and every view is drawn as DOT: governance,
 * reporting, raci (also as CSV and as an HTML table), the process view of
 * each process and the party view of each party (up to eight of each), and
 * the diff view against the fixed base, tests/data/scenarios/base.yaml.
 *
 * DOT is written in this process with cgraph's agwrite, so everything of
 * ours (graph building, escaping user text for each label kind, the caps
 * on lengths and sizes) runs under the fuzzer's eyes. Layout (SVG, PNG,
 * PDF) is left out: it runs Graphviz in a forked child under CPU and memory
 * limits, which the fuzzer cannot follow, and is Graphviz's code, not ours.
 * Graphviz's own leaks are suppressed in tests/fuzz/lsan.supp.
 */
#include "fuzz_common.h"

#include <stdbool.h>

#include "samverkan/diff.h"
#include "samverkan/library.h"
#include "samverkan/model.h"
#include "samverkan/render.h"
#include "samverkan/rules.h"
#include "samverkan/schema.h"

#ifndef SAMVERKAN_FUZZ_BASE
#error "SAMVERKAN_FUZZ_BASE must name tests/data/scenarios/base.yaml"
#endif

#define MAX_PER_KIND 8

static sv_model *base_model;

static void draw(const sv_model *model, const sv_render_options *options)
{
    sv_diags diags;
    sv_diags_init(&diags);
    char *data = NULL;
    size_t len = 0;
    if (sv_render(&data, &len, model, options, &diags) == 0 && (!data || data[len] != '\0'))
        abort(); /* success gives the bytes with a NUL after them */
    free(data);
    sv_diags_free(&diags);
}

static void free_base(void)
{
    sv_model_free(base_model);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!base_model) {
        sv_library_init();
        sv_diags diags;
        sv_diags_init(&diags);
        if (sv_model_load(&base_model, SAMVERKAN_FUZZ_BASE, NULL, &diags) != 0)
            abort();
        sv_diags_free(&diags);
        atexit(free_base);
    }
    sv_load_limits limits;
    fuzz_limits(&limits);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_findings findings, none;
    sv_findings_init(&findings);
    sv_findings_init(&none);
    sv_diff diff = {0};
    sv_tree *tree = NULL;
    sv_model *model = NULL;
    sv_rule_config config = {.today = {2024, 11, 19}};
    if (sv_tree_load_buffer(&tree, "fuzz.yaml", (const char *)data, size, &limits, &diags) != 0 ||
        sv_schema_build(&model, tree, &diags) != 0 ||
        sv_rules_run(&findings, model, &config, &diags) != 0)
        goto done;

    sv_render_options o = {.format = SV_RENDER_DOT, .findings = &findings};
    static const sv_view_kind whole[] = {SV_VIEW_GOVERNANCE, SV_VIEW_REPORTING, SV_VIEW_RACI};
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++) {
        o.view = (sv_view){whole[i], SV_NONE};
        draw(model, &o);
    }
    o.view = (sv_view){SV_VIEW_RACI, SV_NONE};
    o.format = SV_RENDER_CSV;
    draw(model, &o);
    o.format = SV_RENDER_HTML;
    draw(model, &o);
    o.format = SV_RENDER_DOT;
    for (uint32_t i = 0; i < model->process_count && i < MAX_PER_KIND; i++) {
        o.view = (sv_view){SV_VIEW_PROCESS, model->processes[i].el};
        draw(model, &o);
    }
    for (uint32_t i = 0; i < model->party_count && i < MAX_PER_KIND; i++) {
        o.view = (sv_view){SV_VIEW_PARTY, model->parties[i].el};
        draw(model, &o);
    }
    /* the input as a scenario of the fixed base */
    if (sv_diff_models(&diff, base_model, &none, model, &none) == 0) {
        o = (sv_render_options){.format = SV_RENDER_DOT, .view = {SV_VIEW_DIFF, SV_NONE},
                                .base = base_model, .diff = &diff};
        draw(model, &o);
    }
done:
    sv_diff_free(&diff);
    sv_findings_free(&findings);
    sv_model_free(model);
    sv_tree_free(tree);
    sv_diags_free(&diags);
    return 0;
}
