/*
 * The load stage: every kind of YAML-level problem is reported with its
 * exact line and column (characters, 1-based), and hostile input (deep
 * nesting, alias bombs, huge files) is refused early.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

/* An unclosed bracket is reported where it was opened (the line to fix),
 * not where libyaml gave up, with a note at the end of that line. */
static void test_syntax_error_position(void **state)
{
    (void)state;
    sv_diags d;
    sv_model *m = load_yaml("samverkan: 1\nagreement: {id: a, name: b\nparties: []\n", &d);
    assert_null(m);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "yaml-syntax");
    assert_int_equal(d.items[0].pos.line, 2);
    assert_int_equal(d.items[0].pos.col, 12);
    assert_true(d.items[0].has_note);
    assert_int_equal(d.items[0].note_pos.line, 2);
    assert_int_equal(d.items[0].note_pos.col, 27);
    assert_non_null(strstr(d.items[0].note, "end it with '}'"));
    sv_diags_free(&d);
}

static void test_tab_indentation_hint(void **state)
{
    (void)state;
    sv_diags d;
    sv_model *m = load_yaml("samverkan: 1\nagreement:\n\tid: a\n", &d);
    assert_null(m);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "yaml-syntax");
    assert_int_equal(d.items[0].pos.line, 3);
    assert_true(d.items[0].has_note);
    assert_int_equal(d.items[0].note_pos.col, 1);
    assert_non_null(strstr(d.items[0].note, "replace this tab with spaces"));
    sv_diags_free(&d);
}

/* A key indented one space too deep is read as the continuation of the
 * value above; the note names the column of the key above. */
static void test_indentation_hint_names_column(void **state)
{
    (void)state;
    sv_diags d;
    sv_model *m = load_yaml("samverkan: 1\nagreement:\n  id: a\n   name: b\n", &d);
    assert_null(m);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].pos.line, 4);
    assert_true(d.items[0].has_note);
    assert_int_equal(d.items[0].note_pos.line, 4);
    assert_int_equal(d.items[0].note_pos.col, 4);
    assert_non_null(strstr(d.items[0].note, "indent this line to column 3, to line up with line 3"));
    sv_diags_free(&d);
}

/* "name: Styrelse: Umeå" holds a second ": "; the note writes the line
 * with the value quoted, at the value's column (characters, not bytes). */
static void test_colon_in_value_hint_quotes_it(void **state)
{
    (void)state;
    sv_diags d;
    sv_model *m = load_yaml("samverkan: 1\nagreement:\n  id: å\n  name: Å \"x\": b\n", &d);
    assert_null(m);
    assert_int_equal(d.count, 1);
    assert_true(d.items[0].has_note);
    assert_int_equal(d.items[0].note_pos.line, 4);
    assert_int_equal(d.items[0].note_pos.col, 9);
    assert_non_null(strstr(d.items[0].note, "name: \"Å \\\"x\\\": b\""));
    sv_diags_free(&d);
}

static void test_invalid_utf8_position_counts_characters(void **state)
{
    (void)state;
    /* line 3: "name: Umeå \xFF" -> 'å' is one character, the bad byte is column 12 */
    assert_load_error("samverkan: 1\nagreement: {id: a,\nname: Umeå \xFF}\n", "invalid-encoding", 3, 12);
}

static void test_nul_byte_position(void **state)
{
    (void)state;
    const char data[] = "samverkan: 1\nagreement:\n  id: a\0b\n";
    sv_diags d;
    sv_diags_init(&d);
    sv_tree *tree;
    assert_int_equal(sv_tree_load_buffer(&tree, "t.yaml", data, sizeof data - 1, NULL, &d), -1);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "invalid-encoding");
    assert_int_equal(d.items[0].pos.line, 3);
    assert_int_equal(d.items[0].pos.col, 8);
    sv_diags_free(&d);
}

static void test_nul_escape_refused(void **state)
{
    (void)state;
    assert_load_error("samverkan: 1\nname: \"A\\0B\"\n", "invalid-encoding", 2, 7);
}

static void test_truncated_utf8_at_end(void **state)
{
    (void)state;
    assert_load_error("samverkan: 1\nx: \xC3", "invalid-encoding", 2, 4);
}

static void test_bom_and_crlf_keep_positions(void **state)
{
    (void)state;
    assert_load_error("\xEF\xBB\xBFsamverkan: 1\r\nagreement: {id: a, name: b}\r\nfoo: 1\r\n",
                      "unknown-key", 3, 1);
    assert_load_error("\xEF\xBB\xBF" "samverkan: 1\nfoo: 1\n", "unknown-key", 2, 1);
}

/* The line table is built on first use: lines are split where libyaml
 * splits them (LF, CRLF, CR, NEL, LS, PS), a text ending in a break has an
 * empty last line, and a position counts characters after a byte order
 * mark, whichever of the two calls comes first. */
static void test_source_lines_and_positions(void **state)
{
    (void)state;
    const char text[] = "\xEF\xBB\xBF" "a: 1\r\nb\rc\xC2\x85" "d\xE2\x80\xA8" "e\xE2\x80\xA9" "f\xC2\xA0g\n";
    size_t size = sizeof text - 1, len;
    sv_source *by_line = sv_source_new("t.yaml", text, size);
    assert_non_null(by_line);
    assert_null(by_line->lines);
    const char *line = sv_source_line(by_line, 1, &len);
    assert_non_null(line);
    assert_int_equal(len, 7); /* the byte order mark, "a: 1" */
    const char *expected[] = {"b", "c", "d", "e", "f\xC2\xA0g", ""};
    for (int i = 0; i < 6; i++) {
        line = sv_source_line(by_line, i + 2, &len);
        assert_non_null(line);
        assert_int_equal(len, strlen(expected[i]));
        assert_memory_equal(line, expected[i], len);
    }
    assert_null(sv_source_line(by_line, 8, &len));
    assert_null(sv_source_line(by_line, 0, &len));

    sv_source *by_position = sv_source_new("t.yaml", text, size);
    assert_non_null(by_position);
    int l, c;
    sv_source_position(by_position, 3, &l, &c); /* 'a', after the mark */
    assert_int_equal(l, 1);
    assert_int_equal(c, 1);
    sv_source_position(by_position, 6, &l, &c); /* '1' */
    assert_int_equal(c, 4);
    sv_source_position(by_position, 9, &l, &c); /* 'b', after CRLF */
    assert_int_equal(l, 2);
    assert_int_equal(c, 1);
    size_t g = (size_t)(strstr(text, "g\n") - text);
    sv_source_position(by_position, g, &l, &c); /* 'g', after a two-byte character */
    assert_int_equal(l, 6);
    assert_int_equal(c, 3);
    sv_source_position(by_position, size, &l, &c); /* the end: the empty last line */
    assert_int_equal(l, 7);
    assert_int_equal(c, 1);
    sv_source_unref(by_line);
    sv_source_unref(by_position);

    sv_source *empty = sv_source_new("e.yaml", "", 0);
    assert_non_null(empty);
    line = sv_source_line(empty, 1, &len);
    assert_non_null(line);
    assert_int_equal(len, 0);
    assert_null(sv_source_line(empty, 2, &len));
    sv_source_unref(empty);
}

static void test_second_document(void **state)
{
    (void)state;
    assert_load_error(MODEL_HEAD "---\nsamverkan: 1\n", "multiple-documents", 3, 1);
}

static void test_root_not_mapping(void **state)
{
    (void)state;
    assert_load_error("- a\n- b\n", "root-not-mapping", 1, 1);
    assert_load_error("\n\n  just text\n", "root-not-mapping", 3, 3);
    assert_load_error("", "root-not-mapping", 1, 1);
    assert_load_error("# only a comment\n", "root-not-mapping", 1, 1);
}

static void test_duplicate_key_both_positions(void **state)
{
    (void)state;
    sv_diags d;
    sv_model *m = load_yaml(MODEL_HEAD "parties:\n  - id: a\n    name: A\n    kind: agency\n    name: B\n", &d);
    assert_null(m);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "duplicate-key");
    assert_int_equal(d.items[0].pos.line, 7);
    assert_int_equal(d.items[0].pos.col, 5);
    assert_true(d.items[0].has_note);
    assert_int_equal(d.items[0].note_pos.line, 5);
    assert_int_equal(d.items[0].note_pos.col, 5);
    sv_diags_free(&d);
}

static void test_duplicate_key_in_large_mapping(void **state)
{
    (void)state;
    /* more than 16 keys takes the hashed path */
    char yaml[2048] = "x:\n";
    for (int i = 0; i < 30; i++)
        snprintf(yaml + strlen(yaml), sizeof yaml - strlen(yaml), "  k%d: 1\n", i);
    strcat(yaml, "  k7: 2\n");
    assert_load_error(yaml, "duplicate-key", 32, 3);
}

static void test_alias_refused(void **state)
{
    (void)state;
    assert_load_error(MODEL_HEAD "parties:\n  - &p {id: a, name: A, kind: agency}\n  - *p\n", "alias", 5, 5);
}

static void test_merge_key_refused(void **state)
{
    (void)state;
    assert_load_error("base: &b {x: 1}\nother:\n  <<: {y: 2}\n", "merge-key", 3, 3);
}

static void test_tag_refused(void **state)
{
    (void)state;
    assert_load_error("samverkan: !!python/object:os.system 1\n", "tag", 1, 12);
    assert_load_error("a: !custom [1]\n", "tag", 1, 4);
}

static void test_deep_nesting_refused_quickly(void **state)
{
    (void)state;
    size_t depth = 200000;
    char *yaml = malloc(depth * 2 + 16);
    assert_non_null(yaml);
    strcpy(yaml, "a: ");
    memset(yaml + 3, '[', depth);
    memset(yaml + 3 + depth, ']', depth);
    yaml[3 + 2 * depth] = '\0';
    /* the root mapping is level 1, so the 64th '[' (column 67) opens level 65 */
    assert_load_error(yaml, "too-deep", 1, 67);
    free(yaml);
}

static void test_billion_laughs_refused(void **state)
{
    (void)state;
    const char *yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                       "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                       "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    assert_load_error(yaml, "alias", 2, 8);
    assert_load_error("a: &a [*a]\n", "alias", 1, 8);
}

static void test_node_limit(void **state)
{
    (void)state;
    sv_load_limits limits;
    sv_load_limits_default(&limits);
    limits.max_nodes = 10;
    sv_diags d;
    sv_diags_init(&d);
    sv_tree *tree;
    const char *yaml = "a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n";
    assert_int_equal(sv_tree_load_buffer(&tree, "t.yaml", yaml, strlen(yaml), &limits, &d), -1);
    assert_string_equal(d.items[0].code, "too-large");
    assert_int_equal(d.items[0].pos.line, 1);
    assert_int_equal(d.items[0].pos.col, 26); /* the 11th node: "8" */
    sv_diags_free(&d);
}

/* The tree as readers see it: kinds, texts, lengths and counts, with the
 * keys that repeat at one place (each item's 'id', 'name') sharing their
 * text and a different key at that place not; and the children buffers
 * kept per depth giving every collection its own items. */
static void test_tree_shape_and_shared_keys(void **state)
{
    (void)state;
    sv_diags d;
    sv_diags_init(&d);
    sv_tree *tree;
    const char *yaml = "list:\n"
                       "  - {id: a, name: Umeå, tags: [x, y, z]}\n"
                       "  - {id: bb, name: \"q\", tags: []}\n"
                       "  - {ie: c, name: 'n'}\n"
                       "other: [[1, 2], [3]]\n";
    assert_int_equal(sv_tree_load_buffer(&tree, "t.yaml", yaml, strlen(yaml), NULL, &d), 0);
    const sv_node *root = sv_tree_root(tree);
    assert_int_equal(root->kind, SV_NODE_MAP);
    assert_int_equal(root->count, 2);
    assert_int_equal(root->len, 0);
    const sv_node *list = sv_node_get(root, "list")->value;
    assert_int_equal(list->kind, SV_NODE_SEQ);
    assert_int_equal(list->count, 3);
    const sv_node *first = list->items[0], *second = list->items[1], *third = list->items[2];
    assert_int_equal(first->count, 3);
    assert_int_equal(second->count, 3);
    assert_int_equal(third->count, 2);
    assert_ptr_equal(first->pairs[0].key->text, second->pairs[0].key->text);
    assert_ptr_equal(first->pairs[1].key->text, third->pairs[1].key->text);
    assert_string_equal(third->pairs[0].key->text, "ie");
    assert_ptr_not_equal(third->pairs[0].key->text, first->pairs[0].key->text);
    const sv_node *name = first->pairs[1].value;
    assert_int_equal(name->kind, SV_NODE_SCALAR);
    assert_string_equal(name->text, "Umeå");
    assert_int_equal(name->len, 5);
    assert_int_equal(name->count, 0);
    assert_true(name->plain);
    assert_false(second->pairs[1].value->plain);
    assert_string_equal(second->pairs[0].value->text, "bb");
    const sv_node *tags = sv_node_get(first, "tags")->value;
    assert_int_equal(tags->count, 3);
    assert_string_equal(tags->items[2]->text, "z");
    assert_int_equal(sv_node_get(second, "tags")->value->count, 0);
    const sv_node *other = sv_node_get(root, "other")->value;
    assert_int_equal(other->count, 2);
    assert_int_equal(other->items[0]->count, 2);
    assert_string_equal(other->items[0]->items[1]->text, "2");
    assert_int_equal(other->items[1]->count, 1);
    assert_string_equal(other->items[1]->items[0]->text, "3");
    assert_int_equal(other->items[1]->items[0]->pos.line, 5);
    assert_int_equal(other->items[1]->items[0]->pos.col, 18);
    sv_tree_free(tree);
    sv_diags_free(&d);
}

static void test_file_size_limit(void **state)
{
    (void)state;
    char path[] = "/tmp/samverkan-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "samverkan: 1\n", 13), 13);
    close(fd);
    sv_load_limits limits;
    sv_load_limits_default(&limits);
    limits.max_file_bytes = 12;
    sv_diags d;
    sv_diags_init(&d);
    sv_tree *tree;
    assert_int_equal(sv_tree_load_file(&tree, path, &limits, &d), -1);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "too-large");
    assert_int_equal(d.items[0].pos.line, 0);
    sv_diags_free(&d);
    unlink(path);
}

static void test_missing_file_and_directory(void **state)
{
    (void)state;
    sv_diags d;
    sv_diags_init(&d);
    sv_tree *tree;
    assert_int_equal(sv_tree_load_file(&tree, "/nonexistent/model.yaml", NULL, &d), -1);
    assert_int_equal(sv_tree_load_file(&tree, "/tmp", NULL, &d), -1);
    assert_int_equal(d.count, 2);
    assert_string_equal(d.items[0].code, "unreadable-file");
    assert_string_equal(d.items[1].code, "unreadable-file");
    assert_non_null(strstr(d.items[1].message, "directory"));
    sv_diags_free(&d);
}

static void test_endless_device_refused(void **state)
{
    (void)state;
    sv_load_limits limits;
    sv_load_limits_default(&limits);
    limits.max_file_bytes = 1 << 20;
    sv_diags d;
    sv_diags_init(&d);
    sv_tree *tree;
    assert_int_equal(sv_tree_load_file(&tree, "/dev/zero", &limits, &d), -1);
    assert_string_equal(d.items[0].code, "too-large");
    sv_diags_free(&d);
}

static void test_positions_kept_on_nodes(void **state)
{
    (void)state;
    sv_diags d;
    sv_diags_init(&d);
    sv_tree *tree;
    const char *yaml = "a:\n  - 'ö'\n  - {b: c}\n";
    assert_int_equal(sv_tree_load_buffer(&tree, "t.yaml", yaml, strlen(yaml), NULL, &d), 0);
    const sv_node *root = sv_tree_root(tree);
    const sv_node *seq = root->pairs[0].value;
    assert_int_equal(seq->kind, SV_NODE_SEQ);
    assert_int_equal(seq->count, 2);
    assert_int_equal(seq->items[0]->pos.line, 2);
    assert_int_equal(seq->items[0]->pos.col, 5);
    assert_false(seq->items[0]->plain);
    assert_string_equal(seq->items[0]->text, "ö");
    assert_int_equal(seq->items[1]->pos.col, 5);
    assert_int_equal(seq->items[1]->pairs[0].value->pos.col, 9);
    sv_tree_free(tree);
    sv_diags_free(&d);
}

static void test_error_cap(void **state)
{
    (void)state;
    /* 150 unknown keys: 100 kept, the rest counted */
    size_t size = 150 * 16 + 64;
    char *yaml = malloc(size);
    strcpy(yaml, MODEL_HEAD);
    for (int i = 0; i < 150; i++)
        snprintf(yaml + strlen(yaml), size - strlen(yaml), "zz%d: 1\n", i);
    sv_diags d;
    sv_model *m = load_yaml(yaml, &d);
    assert_null(m);
    assert_int_equal(d.count, SV_DIAGS_DEFAULT_LIMIT);
    assert_true(sv_diags_total(&d) >= 150);
    sv_diags_free(&d);
    free(yaml);
}

int main(void)
{
    sv_library_init(); /* the first call into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syntax_error_position),
        cmocka_unit_test(test_tab_indentation_hint),
        cmocka_unit_test(test_indentation_hint_names_column),
        cmocka_unit_test(test_colon_in_value_hint_quotes_it),
        cmocka_unit_test(test_invalid_utf8_position_counts_characters),
        cmocka_unit_test(test_nul_byte_position),
        cmocka_unit_test(test_nul_escape_refused),
        cmocka_unit_test(test_truncated_utf8_at_end),
        cmocka_unit_test(test_bom_and_crlf_keep_positions),
        cmocka_unit_test(test_source_lines_and_positions),
        cmocka_unit_test(test_second_document),
        cmocka_unit_test(test_root_not_mapping),
        cmocka_unit_test(test_duplicate_key_both_positions),
        cmocka_unit_test(test_duplicate_key_in_large_mapping),
        cmocka_unit_test(test_alias_refused),
        cmocka_unit_test(test_merge_key_refused),
        cmocka_unit_test(test_tag_refused),
        cmocka_unit_test(test_deep_nesting_refused_quickly),
        cmocka_unit_test(test_billion_laughs_refused),
        cmocka_unit_test(test_node_limit),
        cmocka_unit_test(test_tree_shape_and_shared_keys),
        cmocka_unit_test(test_file_size_limit),
        cmocka_unit_test(test_missing_file_and_directory),
        cmocka_unit_test(test_endless_device_refused),
        cmocka_unit_test(test_positions_kept_on_nodes),
        cmocka_unit_test(test_error_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
