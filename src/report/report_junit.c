/*
 * JUnit XML output of `check` (see samverkan/report.h), in the common
 * Ant/Jenkins/GitLab form, so that CI shows the rule catalogue as tests:
 * one <testsuite> per input file, one <testcase> per rule of the
 * catalogue, and a <failure> when the rule has findings at or above
 * --fail-on in that file. Findings below it go to the testcase's
 * <system-out>; suppressed ones never fail, and are listed there (marked)
 * only with show_suppressed. No times or host names: the same input gives
 * the same bytes.
 */
#include "samverkan/report.h"
#include "report/report_ci.h"
#include "util/i18n.h"
#include "util/markup.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* XML text through the one escaper (util/markup.h): &apos; as XML has
 * it, CR kept as a reference (a parser turns a literal one into LF), and
 * in an attribute (`attr`) tab and LF too. */
static void xml_put_n(FILE *out, const char *text, size_t len, bool attr)
{
    sv_markup_put_n(out, text, len, SV_MARKUP_APOS | SV_MARKUP_KEEP_CR | (attr ? SV_MARKUP_ATTR : 0));
}

static void xml_put(FILE *out, const char *text, bool attr)
{
    if (text)
        xml_put_n(out, text, strlen(text), attr);
}

/* The suite (input) a finding belongs to: the input whose model was read
 * from its file, else the first input of that path, else an extra suite
 * for a file that is no input (files[] past input_count), else the first. */
typedef struct suites {
    const char **names;   /* the inputs, then any other file a finding is in */
    size_t count;
    size_t *of_finding;   /* the suite of each finding */
} suites;

static size_t suite_of(const sv_check_result *r, suites *s, const char *file)
{
    if (!file)
        return 0;
    /* a finding in a scenario's base file belongs to the scenario's suite */
    for (size_t i = 0; i < r->input_count; i++)
        if (sv_model_source_of(r->models[i], file))
            return i;
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->names[i], file) == 0)
            return i;
    s->names[s->count] = file;
    return s->count++;
}

static int suites_collect(suites *s, const sv_check_result *r)
{
    size_t n = r->findings->count;
    s->names = malloc((r->input_count + n + 1) * sizeof *s->names);
    s->of_finding = malloc((n + 1) * sizeof *s->of_finding);
    if (!s->names || !s->of_finding) {
        free(s->names);
        free(s->of_finding);
        return -1;
    }
    for (size_t i = 0; i < r->input_count; i++)
        s->names[i] = r->inputs[i];
    s->count = r->input_count;
    for (size_t i = 0; i < n; i++)
        s->of_finding[i] = suite_of(r, s, r->findings->items[i].pos.file);
    if (s->count == 0 && n > 0) {
        /* no inputs and findings without a file: one suite without a name */
        s->names[0] = "";
        s->count = 1;
    }
    return 0;
}

static bool fails(const sv_check_result *r, const sv_finding *f, sv_severity fail_on)
{
    return !f->suppressed && !sv_report_quieted(r, f) && fail_on != SV_SEV_OFF &&
           f->severity <= fail_on;
}


/* "file:line:col: " (the position only when it has a line). */
static void put_position(FILE *out, sv_pos pos)
{
    xml_put(out, pos.file ? pos.file : "?", false);
    if (pos.line > 0)
        fprintf(out, ":%d:%d", pos.line, pos.col);
    fputs(": ", out);
}

/* The failures of one rule in one suite: at most one <failure> per
 * testcase (JUnit readers take only the first); its type is the most severe
 * severity, its message the first finding's message, and its text one
 * line "file:line:col: message [rule]" per failing finding. */
static void put_testcase(FILE *out, const sv_check_result *r, const suites *s, size_t suite,
                         size_t rule_index, sv_severity fail_on)
{
    const sv_rule_info *rule = sv_rule_at(rule_index);
    const sv_findings *fs = r->findings;
    const sv_finding *first = NULL;
    sv_severity worst = SV_SEV_OFF;
    bool has_output = false;
    for (size_t i = 0; i < fs->count; i++) {
        const sv_finding *f = &fs->items[i];
        if (f->rule != rule_index || s->of_finding[i] != suite)
            continue;
        if (fails(r, f, fail_on)) {
            if (!first)
                first = f;
            if (f->severity < worst)
                worst = f->severity;
        } else if (sv_report_listed(r, f)) {
            has_output = true; /* a finding that does not fail goes to <system-out> */
        }
    }

    fputs("    <testcase classname=\"samverkan.", out);
    if (rule->question > 0)
        fprintf(out, "question-%d", rule->question);
    else
        fputs("rules", out);
    fputs("\" name=\"", out);
    xml_put(out, rule->name, true);
    if (!first && !has_output) {
        fputs("\"/>\n", out);
        return;
    }
    fputs("\">\n", out);
    if (first) {
        const char *message = first->message ? first->message : "";
        fprintf(out, "      <failure type=\"%s\" message=\"", sv_severity_name(worst));
        xml_put_n(out, message, strcspn(message, "\n"), true);
        fputs("\">", out);
        bool more = false;
        for (size_t i = 0; i < fs->count; i++) {
            const sv_finding *f = &fs->items[i];
            if (f->rule != rule_index || s->of_finding[i] != suite || !fails(r, f, fail_on))
                continue;
            if (more)
                fputc('\n', out);
            more = true;
            put_position(out, f->pos);
            xml_put(out, f->message, false);
            fputs(" [", out);
            xml_put(out, rule->name, false);
            fputc(']', out);
        }
        fputs("</failure>\n", out);
    }
    if (has_output) {
        fputs("      <system-out>", out);
        bool more = false;
        for (size_t i = 0; i < fs->count; i++) {
            const sv_finding *f = &fs->items[i];
            if (f->rule != rule_index || s->of_finding[i] != suite || fails(r, f, fail_on) ||
                !sv_report_listed(r, f))
                continue;
            if (more)
                fputc('\n', out);
            more = true;
            put_position(out, f->pos);
            fprintf(out, "%s: ", sv_severity_label(f->severity));
            xml_put(out, f->message, false);
            fputs(" [", out);
            xml_put(out, rule->name, false);
            fputc(']', out);
            if (f->suppressed) {
                fprintf(out, " (%s", _("suppressed"));
                if (f->suppressed_because) {
                    fputs(": ", out);
                    xml_put(out, f->suppressed_because, false);
                }
                fputc(')', out);
            }
        }
        fputs("</system-out>\n", out);
    }
    fputs("    </testcase>\n", out);
}

/* How many testcases of a suite fail. */
static size_t suite_failures(const sv_check_result *r, const suites *s, size_t suite,
                             sv_severity fail_on)
{
    size_t failed = 0;
    for (size_t k = 0; k < sv_rule_count(); k++) {
        for (size_t i = 0; i < r->findings->count; i++) {
            const sv_finding *f = &r->findings->items[i];
            if (f->rule == k && s->of_finding[i] == suite && fails(r, f, fail_on)) {
                failed++;
                break;
            }
        }
    }
    return failed;
}

int sv_report_check_junit(FILE *out, const sv_check_result *r, sv_severity fail_on)
{
    suites s;
    if (suites_collect(&s, r) != 0)
        return -1;
    size_t tests = sv_rule_count();
    size_t total_failures = 0;
    for (size_t k = 0; k < s.count; k++)
        total_failures += suite_failures(r, &s, k, fail_on);

    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out, "<testsuites name=\"samverkan\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
            tests * s.count, total_failures);
    for (size_t k = 0; k < s.count; k++) {
        fputs("  <testsuite name=\"", out);
        xml_put(out, s.names[k], true);
        fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n", tests,
                suite_failures(r, &s, k, fail_on));
        for (size_t rule = 0; rule < tests; rule++)
            put_testcase(out, r, &s, k, rule, fail_on);
        fputs("  </testsuite>\n", out);
    }
    fputs("</testsuites>\n", out);
    free(s.names);
    free(s.of_finding);
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

/* A model that could not be loaded: one testsuite per input with one
 * testcase "load" that errs with every load error of that file, so that a
 * CI server shows why nothing was checked. */
int sv_report_diags_junit(FILE *out, const sv_diags *diags, const char *const *inputs, size_t count)
{
    size_t errors_total = 0;
    for (size_t k = 0; k < count; k++)
        for (size_t i = 0; i < diags->count; i++)
            if (diags->items[i].pos.file && strcmp(diags->items[i].pos.file, inputs[k]) == 0) {
                errors_total++;
                break;
            }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out, "<testsuites name=\"samverkan\" tests=\"%zu\" failures=\"0\" errors=\"%zu\">\n",
            count, errors_total);
    for (size_t k = 0; k < count; k++) {
        bool failed = false;
        for (size_t i = 0; i < diags->count && !failed; i++)
            failed = diags->items[i].pos.file && strcmp(diags->items[i].pos.file, inputs[k]) == 0;
        fputs("  <testsuite name=\"", out);
        xml_put(out, inputs[k], true);
        fprintf(out, "\" tests=\"1\" failures=\"0\" errors=\"%d\" skipped=\"0\">\n", failed ? 1 : 0);
        fputs("    <testcase classname=\"samverkan.load\" name=\"load\"", out);
        if (!failed) {
            fputs("/>\n  </testsuite>\n", out);
            continue;
        }
        fputs(">\n      <error type=\"load\" message=\"", out);
        bool first = true;
        for (size_t i = 0; i < diags->count; i++) {
            const sv_diag *d = &diags->items[i];
            if (!d->pos.file || strcmp(d->pos.file, inputs[k]) != 0)
                continue;
            if (first) {
                xml_put(out, d->message ? d->message : "", true);
                fputs("\">", out);
                first = false;
            }
            put_position(out, d->pos);
            xml_put(out, d->message ? d->message : "", false);
            fprintf(out, " [%s]\n", d->code);
        }
        fputs("</error>\n    </testcase>\n  </testsuite>\n", out);
    }
    fputs("</testsuites>\n", out);
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
