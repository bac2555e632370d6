/*
 * The SARIF and JUnit writers: a small model with a warning and an error
 * (one with related elements) is checked, written to memory and the output
 * inspected: rule ids and positions in code points, the rule catalogue,
 * suppressions, XML escaping of hostile text, failure counts per --fail-on,
 * byte-identical output on a second run, and -1 on a write error. And the
 * streaming JSON writer of check against jansson's tree writer: the same
 * bytes for the same values, escapes and hidden controls included.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <jansson.h>

#include "helpers.h"
#include "util/csv.h"
#include "util/number.h"
#include "report/report_ci.h"
#include "report/report_json.h"

/* Line 11 holds an emoji (one code point, two UTF-16 code units, four bytes)
 * before party_count, whose value is at code point column 97 (UTF-16: 98). */
#define BODIES                                                                                     \
    "parties:\n"                                                                                   \
    "  - {id: af, name: Arbetsförmedlingen, kind: agency, signatory: true}\n"                      \
    "  - {id: kommun, name: Kommunen, kind: municipality, signatory: true}\n"                      \
    "  - {id: ami, name: AMI, kind: department, part_of: kommun}\n"                                \
    "people:\n"                                                                                    \
    "  - {id: ordf, name: Ordförande, party: kommun}\n"                                            \
    "bodies:\n"                                                                                    \
    "  - {id: styrelse, name: Styrelsen, level: decision, kind: board, members: [af, kommun], chair: ordf}\n"
#define SSG_LINE                                                                                   \
    "  - {id: ssg, name: \"\xF0\x9F\x98\x80 <&\\\"'>\", level: strategic, kind: group, members: [af, ami], party_count: 3, reports_to: styrelse}\n"
#define MODEL MODEL_HEAD BODIES SSG_LINE

#define HOSTILE_PATH "dir/we<ird> &\"'.yaml"

typedef struct checked {
    sv_model *model;
    sv_findings findings;
    const char *inputs[1];
    const sv_model *models[1];
    sv_check_result result;
    char base_uri[4200]; /* the current directory, so that SARIF names the file as given */
} checked;

/* Loads `yaml` as the file `path`, runs two rules (party-count-mismatch as
 * an error, body-without-chair as a warning), and fills c->result. */
static void check(checked *c, const char *path, const char *yaml)
{
    sv_diags diags;
    sv_diags_init(&diags);
    sv_tree *tree = NULL;
    c->model = NULL;
    if (sv_tree_load_buffer(&tree, path, yaml, strlen(yaml), NULL, &diags) == 0)
        sv_schema_build(&c->model, tree, &diags);
    sv_tree_free(tree);
    for (size_t i = 0; i < diags.count; i++)
        print_error("unexpected %d:%d %s: %s\n", diags.items[i].pos.line, diags.items[i].pos.col,
                    diags.items[i].code, diags.items[i].message);
    assert_int_equal(diags.count, 0);
    assert_non_null(c->model);
    /* only the two rules the tests look at, so that rules added later
     * cannot change the counts */
    sv_severity *severity = malloc(sv_rule_count() * sizeof *severity);
    assert_non_null(severity);
    for (size_t i = 0; i < sv_rule_count(); i++)
        severity[i] = SV_SEV_OFF;
    severity[sv_rule_find("party-count-mismatch", NULL)] = SV_SEV_ERROR;
    severity[sv_rule_find("body-without-chair", NULL)] = SV_SEV_WARNING;
    sv_rule_config config = {.year = 0, .severity = severity};
    sv_findings_init(&c->findings);
    assert_int_equal(sv_rules_run(&c->findings, c->model, &config, &diags), 0);
    free(severity);
    assert_int_equal(c->findings.count, 2);
    sv_diags_free(&diags);
    c->inputs[0] = path;
    c->models[0] = c->model;
    c->result = (sv_check_result){
        .inputs = c->inputs,
        .models = c->models,
        .input_count = 1,
        .findings = &c->findings,
        .year = c->model->agreement.year,
    };
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(c->base_uri, sizeof c->base_uri, "file://%s/", cwd);
    c->result.base_uri = c->base_uri;
}

static void done(checked *c)
{
    sv_findings_free(&c->findings);
    sv_model_free(c->model);
}

/* The finding of `rule` (there must be exactly one). */
static sv_finding *finding_of(checked *c, const char *rule)
{
    sv_finding *found = NULL;
    for (size_t i = 0; i < c->findings.count; i++) {
        if (strcmp(sv_rule_at(c->findings.items[i].rule)->name, rule) == 0) {
            assert_null(found);
            found = &c->findings.items[i];
        }
    }
    if (!found)
        print_error("no finding of %s\n", rule);
    assert_non_null(found);
    return found;
}

/* Runs a writer into memory; returns the NUL-terminated output (free it). */
enum format { SARIF, JUNIT };
static char *write_report(const checked *c, enum format format, sv_severity fail_on)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    int rc = format == SARIF ? sv_report_check_sarif(out, &c->result)
                             : sv_report_check_junit(out, &c->result, fail_on);
    assert_int_equal(rc, 0);
    assert_int_equal(fclose(out), 0);
    assert_non_null(buf);
    assert_int_equal(strlen(buf), len);
    return buf;
}

static json_t *write_sarif(const checked *c)
{
    char *text = write_report(c, SARIF, SV_SEV_ERROR);
    json_error_t error;
    json_t *root = json_loads(text, 0, &error);
    if (!root)
        print_error("SARIF output is not JSON: %s at %d:%d\n", error.text, error.line, error.column);
    assert_non_null(root);
    free(text);
    return root;
}

#define assert_contains(text, needle) assert_contains_at(text, needle, __LINE__)
static void assert_contains_at(const char *text, const char *needle, int line)
{
    if (!strstr(text, needle)) {
        print_error("test at line %d: expected\n  %s\nin:\n%s\n", line, needle, text);
        fail();
    }
}

#define assert_lacks(text, needle) assert_lacks_at(text, needle, __LINE__)
static void assert_lacks_at(const char *text, const char *needle, int line)
{
    if (strstr(text, needle)) {
        print_error("test at line %d: did not expect\n  %s\nin:\n%s\n", line, needle, text);
        fail();
    }
}

static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static const char *str_at(json_t *obj, const char *key)
{
    json_t *value = json_object_get(obj, key);
    if (!json_is_string(value))
        print_error("no string '%s'\n", key);
    assert_true(json_is_string(value));
    return json_string_value(value);
}

static json_int_t int_at(json_t *obj, const char *key)
{
    json_t *value = json_object_get(obj, key);
    if (!json_is_integer(value))
        print_error("no integer '%s'\n", key);
    assert_true(json_is_integer(value));
    return json_integer_value(value);
}

/* The SARIF result of `rule` (there must be exactly one). */
static json_t *result_of(json_t *run, const char *rule)
{
    json_t *results = json_object_get(run, "results");
    json_t *found = NULL;
    for (size_t i = 0; i < json_array_size(results); i++) {
        json_t *r = json_array_get(results, i);
        if (strcmp(str_at(r, "ruleId"), rule) == 0) {
            assert_null(found);
            found = r;
        }
    }
    assert_non_null(found);
    return found;
}

static void test_sarif_log(void **state)
{
    (void)state;
    checked c;
    check(&c, TEST_FILE, MODEL);
    json_t *root = write_sarif(&c);
    assert_string_equal(str_at(root, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
    assert_string_equal(str_at(root, "version"), "2.1.0");
    json_t *runs = json_object_get(root, "runs");
    assert_int_equal(json_array_size(runs), 1);
    json_t *run = json_array_get(runs, 0);
    /* our columns count code points, and the log says so */
    assert_string_equal(str_at(run, "columnKind"), "unicodeCodePoints");

    json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
    assert_string_equal(str_at(driver, "name"), "samverkan");
    assert_string_equal(str_at(driver, "version"), SAMVERKAN_VERSION);
    assert_string_equal(str_at(driver, "informationUri"), SV_DOC_URI "cli.md");
    /* the base is what --base-uri said */
    json_t *srcroot = json_object_get(json_object_get(run, "originalUriBaseIds"), "%SRCROOT%");
    assert_string_equal(str_at(srcroot, "uri"), c.base_uri);
    /* every rule of the catalogue, in its order, with its texts */
    json_t *rules = json_object_get(driver, "rules");
    assert_int_equal(json_array_size(rules), sv_rule_count());
    for (size_t i = 0; i < sv_rule_count(); i++) {
        json_t *rule = json_array_get(rules, i);
        assert_string_equal(str_at(rule, "id"), sv_rule_at(i)->name);
        assert_string_equal(str_at(json_object_get(rule, "shortDescription"), "text"),
                            sv_rule_summary(sv_rule_at(i)));
        assert_true(*str_at(json_object_get(rule, "fullDescription"), "text"));
        assert_true(*str_at(json_object_get(rule, "help"), "text"));
        char help[256];
        snprintf(help, sizeof help, "%srules.md#%s", SV_DOC_URI, sv_rule_at(i)->name);
        assert_string_equal(str_at(rule, "helpUri"), help);
        if (sv_rule_at(i)->question > 0)
            assert_int_equal(int_at(json_object_get(rule, "properties"), "audit-question"),
                             sv_rule_at(i)->question);
    }
    int pcm = sv_rule_find("party-count-mismatch", NULL);
    json_t *rule = json_array_get(rules, (size_t)pcm);
    assert_string_equal(str_at(rule, "name"), "PartyCountMismatch");
    assert_string_equal(str_at(json_object_get(rule, "defaultConfiguration"), "level"), "error");

    json_t *artifacts = json_object_get(run, "artifacts");
    assert_int_equal(json_array_size(artifacts), 1);
    assert_string_equal(str_at(json_object_get(json_array_get(artifacts, 0), "location"), "uri"),
                        TEST_FILE);

    /* one result per finding, in order */
    json_t *results = json_object_get(run, "results");
    assert_int_equal(json_array_size(results), c.findings.count);
    for (size_t i = 0; i < c.findings.count; i++) {
        json_t *r = json_array_get(results, i);
        assert_string_equal(str_at(r, "ruleId"), sv_rule_at(c.findings.items[i].rule)->name);
        assert_int_equal(int_at(r, "ruleIndex"), c.findings.items[i].rule);
    }

    json_t *r = result_of(run, "party-count-mismatch");
    assert_int_equal(int_at(r, "ruleIndex"), pcm);
    assert_string_equal(str_at(r, "level"), "error");
    assert_string_equal(str_at(json_object_get(r, "message"), "text"),
                        finding_of(&c, "party-count-mismatch")->message);
    json_t *location = json_array_get(json_object_get(r, "locations"), 0);
    json_t *phys = json_object_get(location, "physicalLocation");
    json_t *artifact = json_object_get(phys, "artifactLocation");
    assert_string_equal(str_at(artifact, "uri"), TEST_FILE);
    assert_string_equal(str_at(artifact, "uriBaseId"), "%SRCROOT%");
    /* the fingerprint: 16 hex digits, the same as GitLab's for the finding */
    const char *fingerprint = str_at(json_object_get(r, "partialFingerprints"), "samverkan/v1");
    assert_int_equal(strlen(fingerprint), 16);
    assert_int_equal(strspn(fingerprint, "0123456789abcdef"), 16);
    json_t *region = json_object_get(phys, "region");
    assert_int_equal(int_at(region, "startLine"), 11);
    assert_int_equal(int_at(region, "startColumn"), 97); /* code points; UTF-16 would be 98 */
    json_t *logical = json_array_get(json_object_get(location, "logicalLocations"), 0);
    assert_string_equal(str_at(logical, "fullyQualifiedName"), "ssg");
    assert_string_equal(str_at(logical, "kind"), "element");
    /* the members' top-level parties, each with its id as the message */
    json_t *related = json_object_get(r, "relatedLocations");
    assert_int_equal(json_array_size(related), 2);
    const sv_finding *f = finding_of(&c, "party-count-mismatch");
    for (size_t k = 0; k < 2; k++) {
        json_t *rel = json_array_get(related, k);
        assert_int_equal(int_at(rel, "id"), k);
        assert_string_equal(str_at(json_object_get(rel, "message"), "text"),
                            c.model->elements[f->related[k].element].id);
        json_t *rregion = json_object_get(json_object_get(rel, "physicalLocation"), "region");
        assert_int_equal(int_at(rregion, "startLine"), f->related[k].pos.line);
        assert_int_equal(int_at(rregion, "startColumn"), f->related[k].pos.col);
    }
    assert_null(json_object_get(r, "suppressions"));

    r = result_of(run, "body-without-chair");
    assert_string_equal(str_at(r, "level"), "warning");
    region = json_object_get(
        json_object_get(json_array_get(json_object_get(r, "locations"), 0), "physicalLocation"),
        "region");
    assert_int_equal(int_at(region, "startLine"), 11);
    assert_int_equal(int_at(region, "startColumn"), 5);
    assert_null(json_object_get(r, "relatedLocations"));

    json_decref(root);
    done(&c);
}

static void test_sarif_suppression_and_whole_file(void **state)
{
    (void)state;
    checked c;
    check(&c, TEST_FILE, MODEL);
    sv_finding *f = finding_of(&c, "party-count-mismatch");
    f->suppressed = true;
    f->suppressed_because = "decided by the board <2024>";
    finding_of(&c, "body-without-chair")->pos.line = 0; /* about the file as a whole */
    json_t *root = write_sarif(&c);
    json_t *run = json_array_get(json_object_get(root, "runs"), 0);

    json_t *suppressions = json_object_get(result_of(run, "party-count-mismatch"), "suppressions");
    assert_int_equal(json_array_size(suppressions), 1);
    json_t *s = json_array_get(suppressions, 0);
    assert_string_equal(str_at(s, "kind"), "inSource");
    assert_string_equal(str_at(s, "status"), "accepted");
    assert_string_equal(str_at(s, "justification"), "decided by the board <2024>");

    json_t *r = result_of(run, "body-without-chair");
    json_t *phys =
        json_object_get(json_array_get(json_object_get(r, "locations"), 0), "physicalLocation");
    assert_non_null(json_object_get(phys, "artifactLocation"));
    assert_null(json_object_get(phys, "region"));
    assert_null(json_object_get(r, "suppressions"));
    json_decref(root);
    done(&c);
}

static void test_sarif_uri_is_encoded(void **state)
{
    (void)state;
    checked c;
    check(&c, HOSTILE_PATH, MODEL);
    char *text = write_report(&c, SARIF, SV_SEV_ERROR);
    assert_contains(text, "\"uri\": \"dir/we%3Cird%3E%20%26%22%27.yaml\"");
    assert_lacks(text, "we<ird>");
    free(text);
    done(&c);
}

/* The fingerprint leaves the digits of the message out, so a count or a
 * line in it may change; the rule, the element, the words and the path count. */
static void test_fingerprint(void **state)
{
    (void)state;
    char a[17], b[17];
    sv_report_fingerprint(a, "party-count-mismatch", "ssg", "has party_count 3, members from 2",
                          "m.yaml");
    sv_report_fingerprint(b, "party-count-mismatch", "ssg", "has party_count 4, members from 12",
                          "m.yaml");
    assert_string_equal(a, b);
    assert_int_equal(strlen(a), 16);
    sv_report_fingerprint(b, "party-count-mismatch", "sg", "has party_count 3, members from 2",
                          "m.yaml");
    assert_string_not_equal(a, b);
    sv_report_fingerprint(b, "body-without-chair", "ssg", "has party_count 3, members from 2",
                          "m.yaml");
    assert_string_not_equal(a, b);
    sv_report_fingerprint(b, "party-count-mismatch", "ssg", "has party_count 3, members from 2",
                          "n.yaml");
    assert_string_not_equal(a, b);
    /* the parts are kept apart: ("ab", "c") is not ("a", "bc") */
    sv_report_fingerprint(a, "r", "ab", "c", NULL);
    sv_report_fingerprint(b, "r", "a", "bc", NULL);
    assert_string_not_equal(a, b);
}

static void test_junit(void **state)
{
    (void)state;
    checked c;
    check(&c, TEST_FILE, MODEL);
    char *text = write_report(&c, JUNIT, SV_SEV_ERROR);
    assert_true(strncmp(text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
    char head[200];
    snprintf(head, sizeof head, "<testsuites name=\"samverkan\" tests=\"%zu\" failures=\"1\"",
             sv_rule_count());
    assert_contains(text, head);
    snprintf(head, sizeof head, "<testsuite name=\"t.yaml\" tests=\"%zu\" failures=\"1\"",
             sv_rule_count());
    assert_contains(text, head);
    assert_int_equal(count_of(text, "<testsuite "), 1);
    assert_int_equal(count_of(text, "<testcase "), sv_rule_count());
    assert_int_equal(count_of(text, "<failure "), 1);
    /* the error fails its testcase, with its position and rule in the text */
    /* the message names the body by its name, escaped */
    assert_contains(text, "<testcase classname=\"samverkan.question-2\" name=\"party-count-mismatch\">\n"
                          "      <failure type=\"error\" message=\"body &apos;\xF0\x9F\x98\x80 &lt;&amp;&quot;&apos;&gt;&apos; has party_count 3");
    assert_contains(text, ">t.yaml:11:97: body &apos;\xF0\x9F\x98\x80 &lt;&amp;&quot;&apos;&gt;&apos; has party_count 3");
    assert_contains(text, "(&apos;Arbetsförmedlingen&apos;, &apos;Kommunen&apos;) [party-count-mismatch]</failure>");
    /* the warning is below --fail-on error: output, not a failure */
    assert_contains(text, "name=\"body-without-chair\">\n      <system-out>t.yaml:11:5: warning: ");
    assert_contains(text, "<testcase classname=\"samverkan.question-2\" name=\"no-decision-body\"/>");
    assert_contains(text, "</testsuites>\n");
    free(text);

    /* --fail-on warning: both fail */
    text = write_report(&c, JUNIT, SV_SEV_WARNING);
    assert_contains(text, "<testsuites name=\"samverkan\" tests=\"");
    assert_int_equal(count_of(text, "failures=\"2\""), 2);
    assert_contains(text, "name=\"body-without-chair\">\n      <failure type=\"warning\" message=");
    assert_lacks(text, "<system-out>");
    free(text);

    /* --fail-on never: nothing fails */
    text = write_report(&c, JUNIT, SV_SEV_OFF);
    assert_int_equal(count_of(text, "failures=\"0\""), 2);
    assert_int_equal(count_of(text, "<failure "), 0);
    assert_int_equal(count_of(text, "<system-out>"), 2);
    free(text);

    /* a suppressed finding never fails */
    sv_finding *f = finding_of(&c, "party-count-mismatch");
    f->suppressed = true;
    f->suppressed_because = "the board decided <so> & \"said\" 'so'";
    text = write_report(&c, JUNIT, SV_SEV_INFO);
    assert_int_equal(count_of(text, "failures=\"1\""), 2);
    assert_contains(text, "name=\"party-count-mismatch\"/>");
    free(text);
    /* ... and is listed, marked, with --show-suppressed */
    c.result.show_suppressed = true;
    text = write_report(&c, JUNIT, SV_SEV_INFO);
    assert_int_equal(count_of(text, "failures=\"1\""), 2);
    assert_contains(text, "name=\"party-count-mismatch\">\n      <system-out>t.yaml:11:97: error: ");
    assert_contains(text, "[party-count-mismatch] (suppressed: the board decided &lt;so&gt; &amp; "
                          "&quot;said&quot; &apos;so&apos;)</system-out>");
    free(text);
    done(&c);
}

static void test_junit_escapes_user_text(void **state)
{
    (void)state;
    checked c;
    check(&c, HOSTILE_PATH, MODEL);
    sv_finding *f = finding_of(&c, "party-count-mismatch");
    free(f->message);
    /* markup, quotes, C0 controls (SOH, ESC, VT), a C1 control (NEL),
     * U+FFFE, a stray continuation byte; tab stays in text */
    f->message = strdup("a <b> & \"c\" 'd'\x01\x1b[31m\x0b\xc2\x85\xef\xbf\xbe\x80\tend\r\nnext");
    assert_non_null(f->message);
    char *text = write_report(&c, JUNIT, SV_SEV_ERROR);
    assert_contains(text, "<testsuite name=\"dir/we&lt;ird&gt; &amp;&quot;&apos;.yaml\"");
    /* in an attribute only the first line, tab kept as a reference */
    assert_contains(text, "message=\"a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;??[31m????&#9;end&#13;\">");
    assert_contains(text, ">dir/we&lt;ird&gt; &amp;&quot;&apos;.yaml:11:97: a &lt;b&gt; &amp; "
                          "&quot;c&quot; &apos;d&apos;??[31m????\tend&#13;\nnext "
                          "[party-count-mismatch]</failure>");
    /* no raw control character but tab and newline anywhere */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        assert_true(*p >= 0x20 || *p == '\n' || *p == '\t');
    assert_null(strstr(text, "\xc2\x85"));
    assert_null(strstr(text, "\xef\xbf\xbe"));
    free(text);
    done(&c);
}

static void test_deterministic(void **state)
{
    (void)state;
    checked c;
    check(&c, TEST_FILE, MODEL);
    for (int format = SARIF; format <= JUNIT; format++) {
        char *a = write_report(&c, (enum format)format, SV_SEV_ERROR);
        char *b = write_report(&c, (enum format)format, SV_SEV_ERROR);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    done(&c);
}

static void test_write_error(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    checked c;
    check(&c, TEST_FILE, MODEL);
    assert_int_equal(sv_report_check_sarif(full, &c.result), -1);
    clearerr(full);
    assert_int_equal(sv_report_check_junit(full, &c.result, SV_SEV_ERROR), -1);
    fclose(full);
    done(&c);
}

/* The one CSV writer in both dialects: the separator, the decimal mark and
 * the byte order mark change, the quoting and the formula guard do not. */
static void test_csv_dialects(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    for (int d = 0; d < 2; d++) {
        FILE *out = open_memstream(&text, &len);
        sv_csv csv;
        sv_csv_init(&csv, out, "\r\n", false, d ? SV_CSV_EXCEL : SV_CSV_RFC4180);
        sv_csv_text(&csv, "Umeå; kommun");
        sv_csv_text(&csv, "=HYPERLINK(\"x\")");
        sv_csv_number(&csv, "%.6g", -12345.625);
        sv_csv_number(&csv, "%.6g", NAN);
        sv_csv_plain(&csv, "%u", 3u);
        sv_csv_end_row(&csv);
        fclose(out);
        if (d)
            assert_string_equal(text, "\xEF\xBB\xBF\"Umeå; kommun\";\"'=HYPERLINK(\"\"x\"\")\";"
                                      "-12345,6;;3\r\n");
        else
            assert_string_equal(text, "\"Umeå; kommun\",\"'=HYPERLINK(\"\"x\"\")\",-12345.6,,3\r\n");
        free(text);
    }
    sv_csv_dialect dialect;
    assert_true(sv_csv_dialect_parse("excel", &dialect));
    assert_int_equal(dialect, SV_CSV_EXCEL);
    assert_true(sv_csv_dialect_parse("rfc4180", &dialect));
    assert_int_equal(dialect, SV_CSV_RFC4180);
    assert_false(sv_csv_dialect_parse("Excel", &dialect));
}

/* The number formatter: a decimal comma and a no-break space between the
 * thousands of numbers of five digits or more; the rest is kept. */
static void test_number_restyle(void **state)
{
    (void)state;
    char buf[64];
    sv_number_style swedish = {",", "\u00a0"}, english = {".", ""};
    assert_string_equal(sv_number_restyle(buf, sizeof buf, "12345.6", &swedish), "12\u00a0345,6");
    assert_string_equal(sv_number_restyle(buf, sizeof buf, "-1234567", &swedish), "-1\u00a0234\u00a0567");
    assert_string_equal(sv_number_restyle(buf, sizeof buf, "2024", &swedish), "2024");
    assert_string_equal(sv_number_restyle(buf, sizeof buf, "0.35", &swedish), "0,35");
    assert_string_equal(sv_number_restyle(buf, sizeof buf, "1.5e+06", &swedish), "1,5e+06");
    assert_string_equal(sv_number_restyle(buf, sizeof buf, "12345.6", &english), "12345.6");
    assert_string_equal(sv_number_restyle(buf, sizeof buf, "inf", &swedish), "inf");
    /* cut short to fit, never past the buffer */
    char small[6];
    assert_string_equal(sv_number_restyle(small, sizeof small, "123456.7", &swedish), "123\u00a0");
    /* without a catalogue the style is English */
    assert_string_equal(sv_number_format(buf, sizeof buf, "%.1f", 12345.64), "12345.6");
}

/* Strings the two writers must escape alike: quotes and backslashes, every
 * C0 control, DEL, '/', C1 controls, bidirectional controls and the line
 * separators (written \u escapes), other non-ASCII text raw, and invalid
 * UTF-8, which jansson refuses and both leave out with its key. */
static const char *const TRICKY[] = {
    "",
    "plain",
    "q\"b\\s/",
    "\x01\x02\x07\x08\x09\x0a\x0b\x0c\x0d\x1b\x1f\x7f",
    "\xc2\x80\xc2\x85\xc2\x9f\xc2\xa0 åäö €",
    "\xd8\x9c \xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xaa\xe2\x80\xae\xe2\x80\xa8\xe2\x80\xa9",
    "\xe2\x81\xa6\xe2\x81\xa9\xe2\x81\xaa \xe2\x80\x90 \xf0\x9f\x98\x80",
    "bad \xff byte",
    "cut \xe2\x80",
};
#define TRICKY_COUNT (sizeof TRICKY / sizeof *TRICKY)

static char *stream_text(void (*write)(sv_json_writer *), size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    assert_non_null(out);
    sv_json_writer *w = malloc(sizeof *w);
    assert_non_null(w);
    sv_json_begin(w, out);
    write(w);
    assert_int_equal(sv_json_finish(w), 0);
    free(w);
    assert_int_equal(fclose(out), 0);
    return buf;
}

static void write_stream(sv_json_writer *w)
{
    sv_json_string(w, "tool", "samverkan");
    sv_json_integer(w, "zero", 0);
    sv_json_integer(w, "negative", -9223372036854775807LL - 1);
    sv_json_integer(w, "big", 9223372036854775807LL);
    sv_json_array(w, "empty");
    sv_json_end(w);
    sv_json_object(w, "nothing");
    sv_json_end(w);
    sv_json_array(w, "strings");
    for (size_t i = 0; i < TRICKY_COUNT; i++)
        sv_json_string(w, NULL, TRICKY[i]);
    sv_json_end(w);
    sv_json_array(w, "findings");
    for (size_t i = 0; i < TRICKY_COUNT; i++) {
        sv_json_object(w, NULL);
        sv_json_string(w, "message", TRICKY[i]);
        sv_json_null(w, "element");
        sv_json_array(w, "related");
        if (i % 2) {
            sv_json_object(w, NULL);
            sv_json_string(w, "file", TRICKY[TRICKY_COUNT - 1 - i]);
            sv_json_integer(w, "line", (long long)i);
            sv_json_end(w);
        }
        sv_json_end(w);
        sv_json_true(w, "suppressed");
        sv_json_end(w);
    }
    sv_json_end(w);
    sv_json_object(w, "by_party");
    sv_json_string(w, "gvn", "ja");
    sv_json_array(w, "kommun");
    sv_json_string(w, NULL, "goals");
    sv_json_end(w);
}

static json_t *tree_document(void)
{
    json_t *root = json_object();
    json_object_set_new(root, "tool", json_string("samverkan"));
    json_object_set_new(root, "zero", json_integer(0));
    json_object_set_new(root, "negative", json_integer(-9223372036854775807LL - 1));
    json_object_set_new(root, "big", json_integer(9223372036854775807LL));
    json_object_set_new(root, "empty", json_array());
    json_object_set_new(root, "nothing", json_object());
    json_t *strings = json_array();
    for (size_t i = 0; i < TRICKY_COUNT; i++)
        json_array_append_new(strings, json_string(TRICKY[i]));
    json_object_set_new(root, "strings", strings);
    json_t *findings = json_array();
    for (size_t i = 0; i < TRICKY_COUNT; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "message", json_string(TRICKY[i]));
        json_object_set_new(o, "element", json_null());
        json_t *related = json_array();
        if (i % 2) {
            json_t *rel = json_object();
            json_object_set_new(rel, "file", json_string(TRICKY[TRICKY_COUNT - 1 - i]));
            json_object_set_new(rel, "line", json_integer((json_int_t)i));
            json_array_append_new(related, rel);
        }
        json_object_set_new(o, "related", related);
        json_object_set_new(o, "suppressed", json_true());
        json_array_append_new(findings, o);
    }
    json_object_set_new(root, "findings", findings);
    json_t *by_party = json_object();
    json_object_set_new(by_party, "gvn", json_string("ja"));
    json_t *names = json_array();
    json_array_append_new(names, json_string("goals"));
    json_object_set_new(by_party, "kommun", names);
    json_object_set_new(root, "by_party", by_party);
    return root;
}

static void test_json_stream_matches_tree(void **state)
{
    (void)state;
    size_t stream_len = 0, tree_len = 0;
    char *stream = stream_text(write_stream, &stream_len);
    char *tree = NULL;
    FILE *out = open_memstream(&tree, &tree_len);
    assert_non_null(out);
    assert_int_equal(sv_report_json_write(out, tree_document(), 0), 0);
    assert_int_equal(fclose(out), 0);
    assert_string_equal(stream, tree);
    assert_int_equal(stream_len, tree_len);
    /* what the comparison rests on: escapes of both kinds, and the member
     * of invalid UTF-8 gone */
    assert_non_null(strstr(stream, "\"q\\\"b\\\\s/\""));
    assert_non_null(strstr(stream, "\\u0001\\u0002\\u0007\\b\\t\\n\\u000B\\f\\r\\u001B\\u001F\x7f"));
    assert_non_null(strstr(stream, "\\u0080\\u0085\\u009f\xc2\xa0"));
    assert_non_null(strstr(stream, "\\u202e\\u2028\\u2029"));
    assert_null(strstr(stream, "bad "));
    assert_null(strstr(stream, "cut "));
    free(stream);
    free(tree);
}

int main(void)
{
    sv_library_init(); /* the first call into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sarif_log),
        cmocka_unit_test(test_sarif_suppression_and_whole_file),
        cmocka_unit_test(test_sarif_uri_is_encoded),
        cmocka_unit_test(test_fingerprint),
        cmocka_unit_test(test_junit),
        cmocka_unit_test(test_junit_escapes_user_text),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_csv_dialects),
        cmocka_unit_test(test_number_restyle),
        cmocka_unit_test(test_json_stream_matches_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
