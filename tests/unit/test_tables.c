/*
 * The tables of one extension point agree: every name in one has its
 * match in the others. A rule is a row of src/catalogue/rules.def; its long
 * text (rules_text.def), its weights in the bundled audit profile and the
 * table of weights in docs/audit.md name it by its name, and a misspelt
 * name there would otherwise be a text nobody shows or a weight nobody
 * reads. (The rules' tests are checked against the catalogue in
 * test_rules.c, docs/rules.md by check_rules_doc.cmake.)
 */
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"
#include "samverkan/audit.h"

/* The names of rules_text.def, expanded from the file itself. */
static const char *const text_names[] = {
#define SV_RULE_TEXT(name, detects, why, wrong, right, fix) name,
#include "catalogue/rules_text.def"
#undef SV_RULE_TEXT
};

static void test_every_text_names_a_rule_once(void **state)
{
    (void)state;
    size_t n = sizeof text_names / sizeof text_names[0];
    bool *seen = calloc(sv_rule_count(), sizeof *seen);
    assert_non_null(seen);
    for (size_t i = 0; i < n; i++) {
        int rule = sv_rule_find(text_names[i], NULL);
        if (rule < 0)
            print_error("rules_text.def: '%s' is no rule of rules.def\n", text_names[i]);
        assert_true(rule >= 0);
        if (seen[rule])
            print_error("rules_text.def: '%s' has two texts\n", text_names[i]);
        assert_false(seen[rule]);
        seen[rule] = true;
    }
    for (size_t r = 0; r < sv_rule_count(); r++) {
        if (!seen[r])
            print_error("rules.def: '%s' has no text in rules_text.def\n", sv_rule_at(r)->name);
        assert_true(seen[r]);
    }
    free(seen);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}

/* docs/audit.md's table "| rule | question | weight | why |" says, row by
 * row, what the bundled profile (models/audit-arbetsmarknad.yaml) gives:
 * every name in it is a rule with that weight for that question, every
 * rule has a row, and every weight of the profile is in the table. */
static void test_audit_doc_table_is_the_bundled_profile(void **state)
{
    (void)state;
    sv_audit_config profile;
    assert_int_equal(sv_audit_config_default(&profile), 0);
    size_t cells = sv_rule_count() * profile.question_count;
    bool *documented = calloc(cells, sizeof *documented);
    bool *named = calloc(sv_rule_count(), sizeof *named);
    assert_true(documented && named);
    char *doc = read_all("docs/audit.md");
    const char *head = strstr(doc, "| rule | question | weight |");
    assert_non_null(head);
    const char *line = strchr(head, '\n') + 1;
    line = strchr(line, '\n') + 1; /* past |---| */
    size_t rows = 0;
    while (line[0] == '|') {
        const char *end = strchr(line, '\n');
        char row[1024];
        size_t len = (size_t)(end - line);
        assert_true(len < sizeof row);
        memcpy(row, line, len);
        row[len] = '\0';
        char *save = NULL;
        char *names = strtok_r(row + 1, "|", &save);
        char *question = strtok_r(NULL, "|", &save);
        char *weight = strtok_r(NULL, "|", &save);
        assert_true(names && question && weight);
        int q = atoi(question); /* "—": 0, about no question */
        while (*weight == ' ')
            weight++;
        char *name_save = NULL;
        for (char *name = strtok_r(names, ", ", &name_save); name;
             name = strtok_r(NULL, ", ", &name_save)) {
            int rule = sv_rule_find(name, NULL);
            if (rule < 0)
                print_error("docs/audit.md: '%s' is no rule of rules.def\n", name);
            assert_true(rule >= 0);
            named[rule] = true;
            if (q == 0) {
                for (size_t k = 1; k <= profile.question_count; k++)
                    assert_int_equal(*sv_audit_weight(&profile, (size_t)rule, (int)k),
                                     SV_WEIGHT_NONE);
                continue;
            }
            assert_true(q >= 1 && (size_t)q <= profile.question_count);
            const char *given = sv_weight_name(*sv_audit_weight(&profile, (size_t)rule, q));
            if (strncmp(weight, given, strlen(given)) != 0)
                print_error("docs/audit.md: %s, question %d: '%s', the profile says %s\n", name,
                            q, weight, given);
            assert_int_equal(strncmp(weight, given, strlen(given)), 0);
            documented[(size_t)rule * profile.question_count + (size_t)(q - 1)] = true;
        }
        rows++;
        line = end + 1;
    }
    assert_true(rows > 10);
    for (size_t r = 0; r < sv_rule_count(); r++) {
        if (!named[r])
            print_error("docs/audit.md: no row for the rule '%s'\n", sv_rule_at(r)->name);
        assert_true(named[r]);
        for (size_t k = 1; k <= profile.question_count; k++) {
            bool weighs = *sv_audit_weight(&profile, r, (int)k) != SV_WEIGHT_NONE;
            if (weighs && !documented[r * profile.question_count + k - 1])
                print_error("docs/audit.md: the profile weighs '%s' for question %zu; no row says so\n",
                            sv_rule_at(r)->name, k);
            assert_false(weighs && !documented[r * profile.question_count + k - 1]);
        }
    }
    free(doc);
    free(documented);
    free(named);
    sv_audit_config_free(&profile);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_text_names_a_rule_once),
        cmocka_unit_test(test_audit_doc_table_is_the_bundled_profile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
