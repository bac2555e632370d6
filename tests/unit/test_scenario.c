/*
 * Scenario files: merge (members, references and queue facts combined as
 * the format says), set, add and remove, chains of scenarios, and every
 * error positioned in the scenario file that caused it. The fixtures are
 * in tests/data/scenarios (ctest runs from the source root).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "samverkan/diff.h"

#define DIR "tests/data/scenarios/"

static sv_model *load_ok(const char *path)
{
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    int r = sv_model_load(&m, path, NULL, &d);
    for (size_t i = 0; i < d.count; i++)
        print_error("%s:%d:%d %s: %s\n", d.items[i].pos.file, d.items[i].pos.line,
                    d.items[i].pos.col, d.items[i].code, d.items[i].message);
    assert_int_equal(r, 0);
    sv_diags_free(&d);
    return m;
}

static const sv_body *body(const sv_model *m, const char *id)
{
    sv_id el = sv_model_find(m, id);
    if (el == SV_NONE)
        return NULL;
    return &m->bodies[m->elements[el].index];
}

static bool has_member(const sv_model *m, const sv_body *b, const char *id)
{
    for (uint32_t i = 0; i < b->members.count; i++)
        if (strcmp(m->elements[b->members.items[i].target].id, id) == 0)
            return true;
    return false;
}

static const sv_service_point *service_point(const sv_model *m, const char *at)
{
    for (uint32_t i = 0; i < m->service_point_count; i++)
        if (strcmp(m->elements[m->service_points[i].at.target].id, at) == 0)
            return &m->service_points[i];
    return NULL;
}

static double outcome(const sv_service_point *sp, const char *label)
{
    for (uint32_t i = 0; i < sp->outcome_count; i++)
        if (strcmp(sp->outcomes[i].label, label) == 0)
            return sp->outcomes[i].share;
    return -1;
}

static void test_merge(void **state)
{
    (void)state;
    sv_model *m = load_ok(DIR "merge.yaml");
    assert_null(body(m, "ung"));
    assert_null(body(m, "vux"));
    const sv_body *t = body(m, "torget");
    assert_non_null(t);
    assert_string_equal(m->elements[t->el].name, "Torget");
    /* the merged element stands where it was written: in the scenario file */
    assert_string_equal(m->elements[t->el].pos.file, DIR "merge.yaml");
    assert_int_equal(m->elements[t->el].pos.line, 8);
    /* union of members, each once */
    assert_int_equal(t->members.count, 2);
    assert_true(has_member(m, t, "kommun") && has_member(m, t, "af"));
    assert_int_equal(t->reports_to.target, sv_model_find(m, "sg"));
    /* every reference redirected, and a list holds the new id once */
    const sv_process *p = &m->processes[0];
    assert_int_equal(p->runs_at.count, 1);
    assert_int_equal(p->runs_at.items[0].target, t->el);
    assert_int_equal(m->reporting[0].from.target, t->el);
    /* queue facts combined: sums, and weights by arrivals (10 and 30) */
    assert_int_equal(m->service_point_count, 1);
    const sv_service_point *sp = service_point(m, "torget");
    assert_non_null(sp);
    assert_true(fabs(sp->arrivals_per_month - 40) < 1e-9);
    assert_int_equal(sp->slots, 200);
    assert_true(fabs(sp->duration.mean_days - (10 * 100 + 30 * 200) / 40.0) < 1e-6);
    assert_true(fabs(sp->duration.cv - (10 * 0.5 + 30 * 1.0) / 40.0) < 1e-6);
    assert_int_equal(sp->duration.dist, SV_DIST_LOGNORMAL);
    assert_true(fabs(outcome(sp, "arbete") - (10 * 0.5 + 30 * 0.3) / 40.0) < 1e-6);
    assert_true(fabs(outcome(sp, "studier") - (30 * 0.2) / 40.0) < 1e-6);
    assert_true(fabs(outcome(sp, "avbrott") - 0.5) < 1e-6);
    /* one biweekly and one weekly: a tie, kept by the larger inflow */
    assert_int_equal(sp->intake, SV_CADENCE_WEEKLY);
    sv_model_free(m);
}

static void test_chain_set_add_remove(void **state)
{
    (void)state;
    sv_model *m = load_ok(DIR "chain.yaml");
    const sv_body *t = body(m, "torget");
    assert_non_null(t);
    assert_string_equal(m->elements[t->el].name, "Det nya torget");
    assert_int_equal(service_point(m, "torget")->slots, 220);
    /* removed: sg2 and everything that pointed at it loses the reference */
    assert_null(body(m, "sg2"));
    assert_int_equal(body(m, "annat")->reports_to.target, SV_NONE);
    assert_non_null(body(m, "nytt"));
    /* the model knows all three files */
    assert_int_equal(m->source_count, 3);
    assert_string_equal(m->source->path, DIR "chain.yaml");
    sv_model_free(m);
}

static void test_scenario_findings_point_at_the_scenario(void **state)
{
    (void)state;
    sv_model *m = load_ok(DIR "chain.yaml");
    sv_findings f;
    sv_findings_init(&f);
    sv_diags d;
    sv_diags_init(&d);
    assert_int_equal(sv_rules_run(&f, m, NULL, &d), 0);
    bool found = false;
    for (size_t i = 0; i < f.count; i++) {
        /* 'annat' lost its steering group with sg2: reported in the base file */
        if (strcmp(sv_rule_at(f.items[i].rule)->name, "service-point-unsteered") == 0) {
            assert_string_equal(f.items[i].pos.file, DIR "base.yaml");
            found = true;
        }
    }
    assert_true(found);
    sv_findings_free(&f);
    sv_diags_free(&d);
    sv_model_free(m);
}

static void expect_error(const char *path, const char *code, const char *file, int line, int col)
{
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    assert_int_equal(sv_model_load(&m, path, NULL, &d), -1);
    assert_null(m);
    bool found = false;
    for (size_t i = 0; i < d.count && !found; i++)
        found = strcmp(d.items[i].code, code) == 0 && strcmp(d.items[i].pos.file, file) == 0 &&
                d.items[i].pos.line == line && d.items[i].pos.col == col;
    if (!found)
        for (size_t i = 0; i < d.count; i++)
            print_error("%s:%d:%d %s: %s\n", d.items[i].pos.file, d.items[i].pos.line,
                        d.items[i].pos.col, d.items[i].code, d.items[i].message);
    assert_true(found);
    sv_diags_free(&d);
}

static void test_change_errors_are_positioned_in_the_scenario(void **state)
{
    (void)state;
    /* vux and annat report to different steering groups */
    expect_error(DIR "conflict.yaml", "merge-conflict", DIR "conflict.yaml", 7, 7);
    /* a service point and a board are not of one kind */
    expect_error(DIR "conflict.yaml", "merge-conflict", DIR "conflict.yaml", 9, 20);
    expect_error(DIR "conflict.yaml", "unknown-reference", DIR "conflict.yaml", 11, 16);
    expect_error(DIR "conflict.yaml", "unknown-key", DIR "conflict.yaml", 12, 7);
}

/* mean_days, cv and dist can each be set alone: the rest of the duration
 * stays the base's */
static void test_set_duration_fact_alone(void **state)
{
    (void)state;
    sv_model *m = load_ok(DIR "set-mean-days.yaml");
    const sv_service_point *ung = service_point(m, "ung"), *vux = service_point(m, "vux");
    assert_int_equal(ung->duration.dist, SV_DIST_LOGNORMAL);
    assert_float_equal(ung->duration.mean_days, 60, 1e-12);
    assert_float_equal(ung->duration.cv, 0.5, 1e-12);
    assert_float_equal(vux->duration.mean_days, 200, 1e-12);
    assert_float_equal(vux->duration.cv, 0.5, 1e-12);
    sv_model_free(m);
}

static const sv_diag *diag_at(const sv_diags *d, int line, int col)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].pos.line == line && d->items[i].pos.col == col)
            return &d->items[i];
    return NULL;
}

/* a key that is no queue fact gets the closest one; an id a merge took in
 * is named with the merge */
static void test_set_errors_say_what_was_meant(void **state)
{
    (void)state;
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    assert_int_equal(sv_model_load(&m, DIR "set-slot.yaml", NULL, &d), -1);
    const sv_diag *slot = diag_at(&d, 8, 27);
    assert_non_null(slot);
    assert_string_equal(slot->pos.file, DIR "set-slot.yaml");
    assert_string_equal(slot->code, "unknown-key");
    assert_string_equal(slot->message,
                        "unknown key 'slot' in an entry of 'service_points'; did you mean 'slots'?");
    sv_diags_free(&d);
    sv_diags_init(&d);
    assert_int_equal(sv_model_load(&m, DIR "set-errors.yaml", NULL, &d), -1);
    const sv_diag *vux = diag_at(&d, 10, 17), *ung = diag_at(&d, 11, 16);
    assert_non_null(vux);
    assert_string_equal(vux->code, "unknown-reference");
    assert_string_equal(vux->message, "'vux' was merged into 'torget' at line 7");
    assert_non_null(ung);
    assert_string_equal(ung->message, "'ung' was merged into 'torget' at line 7");
    sv_diags_free(&d);
}

/* diff: the values a reader reads beside the canonical ones, and a finding
 * whose message changed only in a count is changed, not gone and new */
static const sv_change *change_of(const sv_diff *d, const char *element, const char *field)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->changes[i].kind == SV_CHANGE_CHANGED && strcmp(d->changes[i].element, element) == 0 &&
            strcmp(d->changes[i].field, field) == 0)
            return &d->changes[i];
    return NULL;
}

static void test_diff_humane_values_and_changed_findings(void **state)
{
    (void)state;
    sv_model *a = load_ok(DIR "base.yaml"), *b = load_ok(DIR "merge.yaml");
    sv_findings none = {0};
    sv_diff d;
    assert_int_equal(sv_diff_models(&d, a, &none, b, &none), 0);
    const sv_change *duration = change_of(&d, "torget", "duration");
    assert_non_null(duration);
    assert_string_equal(duration->after, "lognormal, mean_days 175, cv 0.875");
    assert_string_equal(duration->after_text, "lognormal, mean 175 days, cv 0.88");
    const sv_change *intake = change_of(&d, "torget", "intake");
    assert_non_null(intake);
    assert_string_equal(intake->before, "ung: biweekly; vux: weekly");
    assert_string_equal(intake->before_text, "ung: every two weeks; vux: weekly");
    const sv_change *outcomes = change_of(&d, "torget", "outcomes");
    assert_non_null(outcomes);
    assert_string_equal(outcomes->after_text, "arbete 35 %, avbrott 50 %, studier 15 %");
    sv_diff_free(&d);

    /* the same rule and element: changed; another element: appeared */
    sv_id ung = sv_model_find(a, "ung"), vux = sv_model_find(a, "vux");
    sv_finding fa_items[] = {{.rule = 1, .element = ung, .message = "3 parties meet"}};
    sv_finding fb_items[] = {{.rule = 1, .element = ung, .message = "4 parties meet"},
                             {.rule = 1, .element = vux, .message = "4 parties meet"}};
    sv_findings fa = {fa_items, 1, 1}, fb = {fb_items, 2, 2};
    assert_int_equal(sv_diff_models(&d, a, &fa, a, &fb), 0);
    assert_int_equal(d.finding_count, 2);
    assert_ptr_equal(d.findings[0].finding, &fb_items[0]);
    assert_ptr_equal(d.findings[0].was, &fa_items[0]);
    assert_ptr_equal(d.findings[1].finding, &fb_items[1]);
    assert_null(d.findings[1].was);
    assert_true(d.findings[1].appeared);
    sv_diff_free(&d);
    sv_model_free(a);
    sv_model_free(b);
}

static void test_base_problems(void **state)
{
    (void)state;
    /* a -> b -> a: refused where the chain closes, at a's own base */
    expect_error(DIR "cycle-a.yaml", "scenario-cycle", DIR "cycle-a.yaml", 2, 34);
    expect_error(DIR "missing-base.yaml", "unreadable-file", DIR "missing-base.yaml", 2, 34);
    expect_error(DIR "missing-base.yaml", "unreadable-file", DIR "finns-inte.yaml", 0, 0);
}

static void test_result_is_checked_like_any_model(void **state)
{
    (void)state;
    /* a value set by the scenario is validated where it was written */
    expect_error(DIR "bad-result.yaml", "out-of-range", DIR "bad-result.yaml", 7, 41);
    expect_error(DIR "bad-result.yaml", "unknown-key", DIR "bad-result.yaml", 8, 27);
}

/* A scenario that adds goals to a base whose agreement.unknown lists the
 * goals is refused like a model that has both: the error at the base's
 * list item, the note at the goal the scenario added, with the scenario's
 * own line shown. And diff names a change of agreement.unknown. */
static void test_unknown_sections_in_scenarios_and_diff(void **state)
{
    (void)state;
    expect_error(DIR "unknown-goals-add.yaml", "invalid-value", DIR "unknown-goals-base.yaml", 7, 13);
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    assert_int_equal(sv_model_load(&m, DIR "unknown-goals-add.yaml", NULL, &d), -1);
    assert_int_equal(d.count, 1);
    assert_true(d.items[0].has_note);
    assert_string_equal(d.items[0].note_pos.file, DIR "unknown-goals-add.yaml");
    assert_int_equal(d.items[0].note_pos.line, 9);
    assert_int_equal(d.items[0].note_pos.col, 21);
    assert_non_null(d.items[0].note_source);
    size_t len;
    const char *line = sv_source_line(d.items[0].note_source, 9, &len);
    assert_non_null(line);
    assert_true(len > 10 && strncmp(line, "    - add:", 10) == 0);
    sv_diags_free(&d);

    /* diff names the change of agreement.unknown */
    sv_model *before = load_ok(DIR "base.yaml"), *after = load_ok(DIR "unknown-goals-base.yaml");
    sv_findings none = {0};
    sv_diff diff;
    assert_int_equal(sv_diff_models(&diff, after, &none, before, &none), 0);
    const sv_change *unknown = change_of(&diff, "avtal", "unknown");
    assert_non_null(unknown);
    assert_string_equal(unknown->before, "goals");
    assert_string_equal(unknown->after, "");
    sv_diff_free(&diff);
    sv_model_free(before);
    sv_model_free(after);
}

/* Found while fuzzing (docs/hardening.md): each is now an error in place. */
static void test_fuzz_findings(void **state)
{
    (void)state;
    /* a mapping in a merged service point's `positive` crashed the merge */
    expect_error(DIR "merge-positive-not-text.yaml", "wrong-type",
                 DIR "merge-positive-not-text.yaml", 10, 45);
    /* `merge: [ung, ung]` into `{id: ung}` made the element disappear */
    expect_error(DIR "merge-twice.yaml", "merge-conflict", DIR "merge-twice.yaml", 10, 20);
}

static void test_merge_limit(void **state)
{
    (void)state;
    /* docs/limits.md: at most 64 parts in one merge, refused, not cut */
    expect_error(DIR "merge-too-many.yaml", "too-large", DIR "merge-too-many.yaml", 10, 14);
}

/* Writes a base model and `depth` scenarios, each on the one before, into
   `dir`; returns the path of the top one (static buffer). */
static const char *write_chain(const char *dir, int depth)
{
    static char top[512];
    char path[512];
    snprintf(path, sizeof path, "%s/s0.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("samverkan: 1\nagreement: {id: avtal, name: Avtal}\n"
          "parties: [{id: af, name: AF, kind: agency}]\n"
          "bodies: [{id: styrelse, name: Styrelse, level: decision, kind: board, members: [af]}]\n",
          f);
    fclose(f);
    for (int i = 1; i <= depth; i++) {
        snprintf(path, sizeof path, "%s/s%d.yaml", dir, i);
        f = fopen(path, "w");
        assert_non_null(f);
        fprintf(f,
                "samverkan: 1\nscenario:\n  id: s%d\n  name: Steg %d\n  base: s%d.yaml\n"
                "  changes:\n    - set: {id: styrelse, key: name, value: Styrelse %d}\n",
                i, i, i - 1, i);
        fclose(f);
    }
    snprintf(top, sizeof top, "%s/s%d.yaml", dir, depth);
    return top;
}

static void test_chain_limit(void **state)
{
    (void)state;
    /* docs/limits.md: at most 16 scenarios on top of each other */
    char dir[] = "/tmp/sv-chain-XXXXXX";
    assert_non_null(mkdtemp(dir));
    sv_model *m = load_ok(write_chain(dir, 16));
    sv_id el = sv_model_find(m, "styrelse");
    assert_string_equal(m->elements[el].name, "Styrelse 16");
    sv_model_free(m);

    sv_diags d;
    sv_diags_init(&d);
    m = NULL;
    assert_int_equal(sv_model_load(&m, write_chain(dir, 17), NULL, &d), -1);
    assert_null(m);
    bool found = false;
    for (size_t i = 0; i < d.count; i++)
        found = found || (strcmp(d.items[i].code, "scenario-cycle") == 0 && d.items[i].pos.line == 5 &&
                          d.items[i].pos.col == 9);
    assert_true(found);
    sv_diags_free(&d);
    for (int i = 0; i <= 17; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/s%d.yaml", dir, i);
        remove(path);
    }
    rmdir(dir);
}

/* Writes a scenario whose base line is `base_line` into dir/name. */
static const char *write_scenario(const char *dir, const char *name, const char *base_line)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "samverkan: 1\nscenario:\n  id: s\n  name: S\n%s\n  changes: []\n", base_line);
    fclose(f);
    return path;
}

/* A temporary folder; a .samverkan.yaml in it marks it as the project, so
 * that no folder above it (the source tree's .git) is taken for one. */
static void project_dir(char *dir)
{
    assert_non_null(mkdtemp(dir));
    char marker[512];
    snprintf(marker, sizeof marker, "%s/.samverkan.yaml", dir);
    FILE *f = fopen(marker, "w");
    assert_non_null(f);
    fputs("rules: {}\n", f);
    fclose(f);
}

static void test_base_empty(void **state)
{
    (void)state;
    char dir[] = "/tmp/sv-base-XXXXXX";
    project_dir(dir);
    /* once a heap overflow: fold_path wrote "." into a 1-byte buffer */
    const char *p = write_scenario(dir, "s.yaml", "  base: ''");
    char copy[512];
    snprintf(copy, sizeof copy, "%s", p);
    expect_error(copy, "invalid-value", copy, 5, 9);
    p = write_scenario(dir, "t.yaml", "  base:");
    snprintf(copy, sizeof copy, "%s", p);
    expect_error(copy, "invalid-value", copy, 5, 8);
    /* the same from the scenario's own folder, with a relative path */
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    write_scenario(".", "u.yaml", "  base: ''");
    expect_error("u.yaml", "invalid-value", "u.yaml", 5, 9);
    assert_int_equal(chdir(cwd), 0);
}

static void test_base_outside_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/sv-base-XXXXXX";
    project_dir(dir);
    char sub[600];
    snprintf(sub, sizeof sub, "%s/scenarios", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    char copy[700];
    snprintf(copy, sizeof copy, "%s", write_scenario(sub, "s.yaml", "  base: ../../../../../../../../etc/passwd"));
    expect_error(copy, "base-outside", copy, 5, 9);
    snprintf(copy, sizeof copy, "%s", write_scenario(sub, "a.yaml", "  base: /etc/hostname"));
    expect_error(copy, "base-outside", copy, 5, 9);
    /* allowed: the project folder above the scenario's own */
    char model[700];
    snprintf(model, sizeof model, "%s/m.yaml", dir);
    FILE *f = fopen(model, "w"), *minimal = fopen("tests/data/good/minimal.yaml", "r");
    assert_non_null(f);
    assert_non_null(minimal);
    int c;
    while ((c = fgetc(minimal)) != EOF)
        fputc(c, f);
    fclose(minimal);
    fclose(f);
    snprintf(copy, sizeof copy, "%s", write_scenario(sub, "ok.yaml", "  base: ../m.yaml"));
    sv_model *m = load_ok(copy);
    sv_model_free(m);
    /* ... and refused without the marker: the scenario's folder is the project */
    char marker[700];
    snprintf(marker, sizeof marker, "%s/.samverkan.yaml", dir);
    assert_int_equal(remove(marker), 0);
    expect_error(copy, "base-outside", copy, 5, 9);
    /* --allow-base-outside */
    sv_load_limits limits;
    sv_load_limits_default(&limits);
    limits.allow_base_outside = true;
    sv_diags d;
    sv_diags_init(&d);
    m = NULL;
    assert_int_equal(sv_model_load(&m, copy, &limits, &d), 0);
    sv_model_free(m);
    sv_diags_free(&d);
}

static void test_base_fifo_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/sv-base-XXXXXX";
    project_dir(dir);
    char fifo[600];
    snprintf(fifo, sizeof fifo, "%s/f.yaml", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char copy[700];
    snprintf(copy, sizeof copy, "%s", write_scenario(dir, "s.yaml", "  base: f.yaml"));
    /* returns at once (no writer would ever come), at the base and the FIFO */
    expect_error(copy, "unreadable-file", copy, 5, 9);
    expect_error(copy, "unreadable-file", fifo, 0, 0);
}

static void test_base_not_a_model(void **state)
{
    (void)state;
    char dir[] = "/tmp/sv-base-XXXXXX";
    project_dir(dir);
    char other[600];
    snprintf(other, sizeof other, "%s/other.yaml", dir);
    FILE *f = fopen(other, "w");
    assert_non_null(f);
    fputs("password: hunter2\n", f);
    fclose(f);
    char copy[700];
    snprintf(copy, sizeof copy, "%s", write_scenario(dir, "s.yaml", "  base: other.yaml"));
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    assert_int_equal(sv_model_load(&m, copy, NULL, &d), -1);
    /* one error, at the base; nothing of the file's keys or values */
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].code, "not-a-model");
    assert_int_equal(d.items[0].pos.line, 5);
    assert_null(strstr(d.items[0].message, "password"));
    sv_diags_free(&d);
}

/* Writes TEXT, then PAD bytes of comment lines of 64 bytes, then TAIL, to DIR/NAME. */
static void write_padded(char *path, size_t size, const char *dir, const char *name,
                         const char *text, size_t pad, const char *tail)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    for (size_t i = 0; i < pad / 64; i++)
        fprintf(f, "# %061zu\n", i);
    fputs(tail, f);
    fclose(f);
}

/* sv_scenario_head: what serve lists and the report names a scenario by,
 * told from the file's first 64 KiB, with the base as loading reads it. */
static void test_scenario_head(void **state)
{
    (void)state;
    char dir[] = "/tmp/sv-head-XXXXXX";
    project_dir(dir);
    char sub[600], path[700];
    snprintf(sub, sizeof sub, "%s/scenarios", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    char *name, *base;

    /* the name and the base, relative to the scenario's folder, folded */
    snprintf(path, sizeof path, "%s", write_scenario(sub, "s.yaml", "  base: ./../m.yaml"));
    assert_true(sv_scenario_head(path, &name, &base));
    assert_string_equal(name, "S");
    char expected[700];
    snprintf(expected, sizeof expected, "%s/m.yaml", dir);
    assert_string_equal(base, expected);
    free(name);
    free(base);
    /* either may be left out */
    assert_true(sv_scenario_head(path, NULL, &base));
    assert_string_equal(base, expected);
    free(base);
    assert_true(sv_scenario_head(path, &name, NULL));
    assert_string_equal(name, "S");
    free(name);
    /* an absolute base stays as written */
    snprintf(path, sizeof path, "%s", write_scenario(sub, "a.yaml", "  base: /srv/m.yaml"));
    assert_true(sv_scenario_head(path, NULL, &base));
    assert_string_equal(base, "/srv/m.yaml");
    free(base);
    /* an empty base is none, as loading refuses it; the name is kept */
    snprintf(path, sizeof path, "%s", write_scenario(sub, "e.yaml", "  base: ~"));
    assert_true(sv_scenario_head(path, &name, &base));
    assert_string_equal(name, "S");
    assert_null(base);
    free(name);
    /* a name that is no text is none */
    write_padded(path, sizeof path, dir, "n.yaml",
                 "samverkan: 1\nscenario:\n  id: n\n  name: [a, b]\n  base: m.yaml\n", 0, "");
    assert_true(sv_scenario_head(path, &name, &base));
    assert_null(name);
    free(base);

    /* a model is no scenario; nor is a mapping `scenario:` below the top */
    assert_false(sv_scenario_head("tests/data/good/minimal.yaml", &name, &base));
    assert_null(name);
    assert_null(base);
    write_padded(path, sizeof path, dir, "deep.yaml",
                 "samverkan: 1\nagreement:\n  scenario:\n    name: X\n    base: m.yaml\n", 0, "");
    assert_false(sv_scenario_head(path, &name, &base));
    /* nor a folder, a FIFO (told at once, without waiting for a writer) or nothing */
    assert_false(sv_scenario_head(dir, &name, &base));
    char fifo[700];
    snprintf(fifo, sizeof fifo, "%s/f.yaml", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_false(sv_scenario_head(fifo, &name, &base));
    assert_false(sv_scenario_head("/nonexistent/s.yaml", &name, &base));

    /* a long scenario: its head is enough, whatever follows it (here a
     * flow list the head cuts in two, and a tag) */
    write_padded(path, sizeof path, dir, "long.yaml",
                 "samverkan: 1\nscenario:\n  id: l\n  name: Lång\n  base: m.yaml\n  note: [\n",
                 SV_SCENARIO_HEAD_BYTES, "  x ]\n  id: !tag again\n");
    assert_true(sv_scenario_head(path, &name, &base));
    assert_string_equal(name, "Lång");
    free(name);
    free(base);
    /* ... but a scenario whose name lies past the head has none, and a
     * model whose `scenario:` lies past it is no scenario: the rest of a
     * large file is never read */
    write_padded(path, sizeof path, dir, "late.yaml",
                 "samverkan: 1\nscenario:\n  id: l\n  base: m.yaml\n", SV_SCENARIO_HEAD_BYTES,
                 "  name: Sen\n");
    assert_true(sv_scenario_head(path, &name, &base));
    assert_null(name);
    snprintf(expected, sizeof expected, "%s/m.yaml", dir);
    assert_string_equal(base, expected);
    free(base);
    write_padded(path, sizeof path, dir, "big.yaml", "samverkan: 1\n", SV_SCENARIO_HEAD_BYTES,
                 "scenario:\n  name: X\n  base: m.yaml\n");
    assert_false(sv_scenario_head(path, &name, &base));
    /* a value on the line the head cuts is not read cut short: the head
     * ends at the last whole line (here in the middle of the name) */
    snprintf(path, sizeof path, "%s/cut.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("samverkan: 1\nscenario:\n  base: m.yaml\n  name: ", f);
    for (long at = ftell(f); at < (long)SV_SCENARIO_HEAD_BYTES + 10; at++)
        fputc('x', f);
    fputc('\n', f);
    fclose(f);
    assert_true(sv_scenario_head(path, &name, &base));
    assert_null(name);
    assert_non_null(base);
    free(base);
}

/* Format 1.1: taking out a body that others hold a delegation from, meet
 * before, or are led by leaves the model loadable: the references go, and
 * a `meets: {before: ...}` left without its body says no cadence. */
static void test_without_governance_references(void **state)
{
    (void)state;
    const char *ids[] = {"styrelsen", "forbundschef"};
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    int r = sv_model_load_without(&m, "tests/data/good/format-1-1-governance.yaml", ids, 2, NULL, &d);
    for (size_t i = 0; i < d.count; i++)
        print_error("%d:%d %s: %s\n", d.items[i].pos.line, d.items[i].pos.col, d.items[i].code,
                    d.items[i].message);
    assert_int_equal(r, 0);
    const sv_body *pres = body(m, "presidiet");
    assert_int_equal(pres->meets, SV_CADENCE_NONE);
    assert_int_equal(pres->meets_form.form, SV_MEETS_CADENCE);
    assert_true(pres->delegation.present);
    assert_int_equal(pres->delegation.from.target, SV_NONE);
    assert_non_null(pres->delegation.scope);
    assert_int_equal(body(m, "kansliet")->led_by.target, SV_NONE);
    assert_int_equal(body(m, "beredning")->meets, SV_CADENCE_QUARTERLY); /* its own, kept */
    sv_model_free(m);
    sv_diags_free(&d);
}

/* Format 1.1: taking out a party or body takes its share, its evaluation
 * and its place in a for_each list with it, so the model still loads and
 * the rules say what broke. */
static void test_without_projects_keys(void **state)
{
    (void)state;
    const char *ids[] = {"kommun-b", "fou-enheten", "samordningsforbundet"};
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    int rc = sv_model_load_without(&m, "tests/data/good/format-1-1-projects.yaml", ids, 3, NULL, &d);
    for (size_t i = 0; i < d.count; i++)
        print_error("%s\n", d.items[i].message);
    assert_int_equal(rc, 0);
    sv_diags_free(&d);
    assert_int_equal(m->agreement.funding.share_count, 4);
    assert_false(m->projects[0].has_evaluation);
    assert_int_equal(m->projects[0].owner.target, SV_NONE);
    assert_int_equal(m->projects[0].financiers.count, 1);
    assert_true(m->projects[1].has_evaluation); /* by a body that stays */
    assert_int_equal(m->bodies[4].for_each_parties.count, 1);
    assert_int_equal(m->bodies[4].instances, 1);
    sv_model_free(m);
    /* the last party that pays takes the shares with it, and the total
     * stays; an emptied for_each goes */
    const char *all[] = {"af", "fk", "region", "kommun-a", "kommun-b"};
    sv_diags_init(&d);
    rc = sv_model_load_without(&m, "tests/data/good/format-1-1-projects.yaml", all, 5, NULL, &d);
    for (size_t i = 0; i < d.count; i++)
        print_error("%s\n", d.items[i].message);
    assert_int_equal(rc, 0);
    sv_diags_free(&d);
    assert_true(m->agreement.funding.present);
    assert_int_equal(m->agreement.funding.share_count, 0);
    assert_true(m->agreement.funding.total_sek == 12000000);
    assert_int_equal(m->agreement.funding.year, 2024);
    assert_int_equal(m->bodies[4].for_each, SV_FOR_EACH_NONE);
    sv_model_free(m);
}

/* A funding of shares alone says nothing once its last payer is removed:
 * it goes, and the model still loads. */
static void test_without_last_payer_of_shares_only(void **state)
{
    (void)state;
    char dir[] = "/tmp/sv-funding-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/avtal.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("samverkan: 1.1\n"
          "agreement:\n  id: avtal\n  name: Avtal\n"
          "  funding: {year: 2024, shares: [{party: af, percent: 100}]}\n"
          "parties:\n  - {id: af, name: AF, kind: agency}\n  - {id: fk, name: FK, kind: agency}\n"
          "bodies: [{id: styrelse, name: Styrelse, level: decision, kind: board, members: [fk]}]\n",
          f);
    fclose(f);
    const char *ids[] = {"af"};
    sv_diags d;
    sv_diags_init(&d);
    sv_model *m = NULL;
    int rc = sv_model_load_without(&m, path, ids, 1, NULL, &d);
    for (size_t i = 0; i < d.count; i++)
        print_error("%s\n", d.items[i].message);
    assert_int_equal(rc, 0);
    assert_false(m->agreement.funding.present);
    sv_model_free(m);
    sv_diags_free(&d);
    /* and with the payer kept, the same file has its share */
    sv_diags_init(&d);
    rc = sv_model_load_without(&m, path, NULL, 0, NULL, &d);
    assert_int_equal(rc, 0);
    assert_true(m->agreement.funding.present);
    assert_int_equal(m->agreement.funding.share_count, 1);
    sv_model_free(m);
    sv_diags_free(&d);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    sv_library_init(); /* the first call into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_chain_set_add_remove),
        cmocka_unit_test(test_scenario_findings_point_at_the_scenario),
        cmocka_unit_test(test_change_errors_are_positioned_in_the_scenario),
        cmocka_unit_test(test_set_duration_fact_alone),
        cmocka_unit_test(test_set_errors_say_what_was_meant),
        cmocka_unit_test(test_diff_humane_values_and_changed_findings),
        cmocka_unit_test(test_base_problems),
        cmocka_unit_test(test_result_is_checked_like_any_model),
        cmocka_unit_test(test_unknown_sections_in_scenarios_and_diff),
        cmocka_unit_test(test_fuzz_findings),
        cmocka_unit_test(test_chain_limit),
        cmocka_unit_test(test_merge_limit),
        cmocka_unit_test(test_base_empty),
        cmocka_unit_test(test_base_outside_refused),
        cmocka_unit_test(test_base_fifo_refused),
        cmocka_unit_test(test_base_not_a_model),
        cmocka_unit_test(test_scenario_head),
        cmocka_unit_test(test_without_governance_references),
        cmocka_unit_test(test_without_projects_keys),
        cmocka_unit_test(test_without_last_payer_of_shares_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
