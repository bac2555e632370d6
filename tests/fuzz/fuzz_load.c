/*
 * Fuzz target for the load and schema stages: the input is one model file.
 * It goes through sv_tree_load_buffer and, when it parses, sv_schema_build;
 * the load errors are sorted as the CLI sorts them. Any input must give a
 * model or positioned diagnostics, never a crash, a hang or a leak.
 */
#include "fuzz_common.h"

#include "samverkan/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sv_load_limits limits;
    fuzz_limits(&limits);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_tree *tree = NULL;
    if (sv_tree_load_buffer(&tree, "fuzz.yaml", (const char *)data, size, &limits, &diags) == 0) {
        sv_model *model = NULL;
        if (sv_schema_build(&model, tree, &diags) == 0 && !model)
            abort(); /* success must give a model */
        sv_model_free(model);
    }
    sv_tree_free(tree);
    sv_diags_sort(&diags);
    sv_diags_free(&diags);
    return 0;
}
