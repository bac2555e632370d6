/*
 * Shared by the unit tests: load a model from a string, and find the
 * diagnostic or finding a test expects, with its exact position.
 */
#ifndef SV_TEST_HELPERS_H
#define SV_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "samverkan/samverkan.h"

#define TEST_FILE "t.yaml"

/* Loads `yaml` as the file t.yaml through load and schema; returns the
 * model or NULL, with the problems in *diags (initialised here). */
static inline sv_model *load_yaml(const char *yaml, sv_diags *diags)
{
    sv_diags_init(diags);
    sv_tree *tree = NULL;
    sv_model *model = NULL;
    if (sv_tree_load_buffer(&tree, TEST_FILE, yaml, strlen(yaml), NULL, diags) == 0)
        sv_schema_build(&model, tree, diags);
    sv_tree_free(tree);
    sv_diags_sort(diags);
    return model;
}

/* Asserts that a load fails and that a diagnostic with `code` is at
 * line:col. */
#define assert_load_error(yaml, code, line, col) assert_load_error_at(yaml, code, line, col, __LINE__)
static inline void assert_load_error_at(const char *yaml, const char *code, int line, int col,
                                        int test_line)
{
    sv_diags diags;
    sv_model *model = load_yaml(yaml, &diags);
    bool found = false;
    for (size_t i = 0; i < diags.count && !found; i++)
        found = strcmp(diags.items[i].code, code) == 0 && diags.items[i].pos.line == line &&
                diags.items[i].pos.col == col;
    if (!found || model) {
        print_error("test at line %d: expected %s at %d:%d; got %zu diagnostics:\n", test_line, code,
                    line, col, diags.count);
        for (size_t i = 0; i < diags.count; i++)
            print_error("  %d:%d %s: %s\n", diags.items[i].pos.line, diags.items[i].pos.col,
                        diags.items[i].code, diags.items[i].message);
    }
    assert_null(model);
    assert_true(found);
    sv_model_free(model);
    sv_diags_free(&diags);
}

/* Asserts that `yaml` loads without any diagnostic; returns the model. */
static inline sv_model *assert_loads(const char *yaml)
{
    sv_diags diags;
    sv_model *model = load_yaml(yaml, &diags);
    for (size_t i = 0; i < diags.count; i++)
        print_error("unexpected %d:%d %s: %s\n", diags.items[i].pos.line, diags.items[i].pos.col,
                    diags.items[i].code, diags.items[i].message);
    assert_int_equal(diags.count, 0);
    assert_non_null(model);
    sv_diags_free(&diags);
    return model;
}

/* Where the n-th (1-based) occurrence of `needle` starts in `text`:
 * 1-based line and column in characters, the way positions are reported.
 * Lets a test state the expected place as "at this text" exactly. */
static inline sv_pos pos_of(const char *text, const char *needle, int nth)
{
    const char *at = text - 1;
    for (int i = 0; i < nth; i++) {
        at = strstr(at + 1, needle);
        if (!at) {
            print_error("'%s' (occurrence %d) is not in the test input\n", needle, nth);
            fail();
        }
    }
    sv_pos pos = {TEST_FILE, 1, 1};
    for (const char *c = text; c < at; c++) {
        if (*c == '\n') {
            pos.line++;
            pos.col = 1;
        } else if (((unsigned char)*c & 0xC0) != 0x80) {
            pos.col++;
        }
    }
    return pos;
}

/* A minimal valid model; tests append sections to it. */
#define MODEL_HEAD                                                                                 \
    "samverkan: 1\n"                                                                               \
    "agreement: {id: avtal, name: Avtal}\n"

#endif
