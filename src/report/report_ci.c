/*
 * The formats of `check` that CI systems turn into annotations on the
 * changed lines (report_ci.h, docs/cli.md):
 *   github      GitHub Actions workflow commands, one line per finding:
 *               ::error file=PATH,line=L,col=C,title=RULE::MESSAGE
 *   gitlab      GitLab Code Quality JSON: an array of issues with a
 *               fingerprint, so that GitLab tells new findings from old
 *   checkstyle  Checkstyle XML, which Jenkins (warnings-ng), reviewdog and
 *               most code review tools read
 * Suppressed findings are left out (checkstyle lists them with severity
 * "ignore" under --show-suppressed): an annotation cannot say "accepted".
 * A model that cannot be loaded gives its load errors in the same form, so
 * the CI shows why nothing was checked.
 */
#include "report/report_ci.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_json.h"
#include "util/markup.h"

/* ---- the fingerprint ---- */

static uint64_t fnv1a(uint64_t h, const char *text, bool skip_digits)
{
    for (const unsigned char *s = (const unsigned char *)(text ? text : ""); *s; s++) {
        if (skip_digits && *s >= '0' && *s <= '9')
            continue;
        h ^= *s;
        h *= 0x100000001b3ULL;
    }
    /* a separator, so that ("ab", "c") and ("a", "bc") differ */
    h ^= 0xFF;
    h *= 0x100000001b3ULL;
    return h;
}

void sv_report_fingerprint(char out[17], const char *rule, const char *element,
                           const char *message, const char *path)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, rule, false);
    h = fnv1a(h, element, false);
    h = fnv1a(h, message, true);
    h = fnv1a(h, path, false);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* The id of the element a finding is about, from the model read from its
 * file; NULL for the model as a whole. */
static const char *finding_element(const sv_check_result *r, const sv_finding *f)
{
    if (f->element == SV_NONE || !f->pos.file)
        return NULL;
    for (size_t i = 0; i < r->input_count; i++)
        if (sv_model_source_of(r->models[i], f->pos.file))
            return f->element < r->models[i]->element_count ? r->models[i]->elements[f->element].id
                                                            : NULL;
    return NULL;
}

/* ---- GitHub workflow commands ---- */

/* GitHub's escaping of a command's data (the message): % CR LF; in a
 * property value (`property`) also ':' and ',', which end the value. */
static void github_put(FILE *out, const char *text, bool property)
{
    for (const char *s = text ? text : ""; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':':
            if (property) fputs("%3A", out); else fputc(':', out);
            break;
        case ',':
            if (property) fputs("%2C", out); else fputc(',', out);
            break;
        default: fputc(*s, out);
        }
    }
}

static const char *github_command(sv_severity sev)
{
    switch (sev) {
    case SV_SEV_ERROR: return "error";
    case SV_SEV_WARNING: return "warning";
    default: return "notice";
    }
}

/* "::error file=PATH,line=L,col=C,title=TITLE::" (line and col only when
 * the position has a line). */
static void github_head(FILE *out, const char *command, sv_pos pos, const char *title)
{
    fprintf(out, "::%s ", command);
    if (pos.file) {
        fputs("file=", out);
        github_put(out, pos.file, true);
        if (pos.line > 0)
            fprintf(out, ",line=%d,col=%d", pos.line, pos.col > 0 ? pos.col : 1);
        fputc(',', out);
    }
    fputs("title=", out);
    github_put(out, title, true);
    fputs("::", out);
}

int sv_report_check_github(FILE *out, const sv_check_result *r, sv_severity fail_on)
{
    (void)fail_on;
    for (size_t i = 0; i < r->findings->count; i++) {
        const sv_finding *f = &r->findings->items[i];
        if (f->suppressed || sv_report_quieted(r, f))
            continue;
        const sv_rule_info *rule = sv_rule_at(f->rule);
        github_head(out, github_command(f->severity), f->pos, rule ? rule->name : "?");
        github_put(out, f->message, false);
        fputc('\n', out);
    }
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

int sv_report_diags_github(FILE *out, const sv_diags *diags, const sv_check_result *result)
{
    (void)result;
    for (size_t i = 0; i < diags->count; i++) {
        const sv_diag *d = &diags->items[i];
        github_head(out, "error", d->pos, d->code);
        github_put(out, d->message, false);
        if (d->has_note && d->note) {
            /* the second place on a line of its own in the annotation */
            fputs("%0A", out);
            if (d->note_pos.file) {
                github_put(out, d->note_pos.file, false);
                if (d->note_pos.line > 0)
                    fprintf(out, ":%d:%d", d->note_pos.line, d->note_pos.col);
                fputs(": ", out);
            }
            github_put(out, d->note, false);
        }
        fputc('\n', out);
    }
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

/* ---- GitLab Code Quality ---- */

/* GitLab's severities: info, minor, major, critical, blocker. A load error
 * (nothing could be checked) is a blocker; critical is not used. */
static const char *gitlab_severity(sv_severity sev)
{
    switch (sev) {
    case SV_SEV_ERROR: return "major";
    case SV_SEV_WARNING: return "minor";
    default: return "info";
    }
}

static json_t *gitlab_issue(const char *check, const char *description, const char *severity,
                            const char *element, sv_pos pos)
{
    char fingerprint[17];
    sv_report_fingerprint(fingerprint, check, element, description, pos.file);
    json_t *o = json_object();
    json_object_set_new(o, "description", json_string(description ? description : ""));
    json_object_set_new(o, "check_name", json_string(check));
    json_object_set_new(o, "fingerprint", json_string(fingerprint));
    json_object_set_new(o, "severity", json_string(severity));
    json_t *lines = json_object();
    json_object_set_new(lines, "begin", json_integer(pos.line > 0 ? pos.line : 1));
    json_t *location = json_object();
    json_object_set_new(location, "path", json_string(pos.file ? pos.file : ""));
    json_object_set_new(location, "lines", lines);
    json_object_set_new(o, "location", location);
    return o;
}

int sv_report_check_gitlab(FILE *out, const sv_check_result *r, sv_severity fail_on)
{
    (void)fail_on;
    json_t *issues = json_array();
    for (size_t i = 0; i < r->findings->count; i++) {
        const sv_finding *f = &r->findings->items[i];
        if (f->suppressed || sv_report_quieted(r, f))
            continue;
        const sv_rule_info *rule = sv_rule_at(f->rule);
        json_array_append_new(issues, gitlab_issue(rule ? rule->name : "?", f->message,
                                                   gitlab_severity(f->severity),
                                                   finding_element(r, f), f->pos));
    }
    return sv_report_json_write(out, issues, 0);
}

int sv_report_diags_gitlab(FILE *out, const sv_diags *diags, const sv_check_result *result)
{
    (void)result;
    json_t *issues = json_array();
    for (size_t i = 0; i < diags->count; i++) {
        const sv_diag *d = &diags->items[i];
        json_array_append_new(issues, gitlab_issue(d->code, d->message, "blocker", NULL, d->pos));
    }
    return sv_report_json_write(out, issues, 0);
}

/* ---- Checkstyle ---- */

static void xml_attr(FILE *out, const char *text)
{
    sv_markup_put(out, text ? text : "", SV_MARKUP_APOS | SV_MARKUP_KEEP_CR | SV_MARKUP_ATTR);
}

static void checkstyle_open(FILE *out)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n", out);
}

static void checkstyle_file(FILE *out, const char *name)
{
    fputs("  <file name=\"", out);
    xml_attr(out, name);
    fputs("\">\n", out);
}

static void checkstyle_error(FILE *out, sv_pos pos, const char *severity, const char *message,
                             const char *source)
{
    fputs("    <error", out);
    if (pos.line > 0)
        fprintf(out, " line=\"%d\" column=\"%d\"", pos.line, pos.col);
    fprintf(out, " severity=\"%s\" message=\"", severity);
    xml_attr(out, message);
    fputs("\" source=\"samverkan.", out);
    xml_attr(out, source);
    fputs("\"/>\n", out);
}

static bool same_file(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Checkstyle's severities are error, warning, info and ignore. */
static const char *checkstyle_severity(const sv_finding *f)
{
    if (f->suppressed)
        return "ignore";
    switch (f->severity) {
    case SV_SEV_ERROR: return "error";
    case SV_SEV_WARNING: return "warning";
    default: return "info";
    }
}

/* One <file> per file with findings, in the findings' order (sorted by
 * file, so each file's findings are together), then an empty one for each
 * input without findings, which says it was checked. */
int sv_report_check_checkstyle(FILE *out, const sv_check_result *r, sv_severity fail_on)
{
    (void)fail_on;
    const sv_findings *fs = r->findings;
    /* which inputs got a <file> (compared once per file, not per finding) */
    bool *listed = calloc(r->input_count + 1, sizeof *listed);
    if (!listed)
        return -1;
    checkstyle_open(out);
    const char *open = NULL;
    bool any_open = false;
    for (size_t i = 0; i < fs->count; i++) {
        const sv_finding *f = &fs->items[i];
        if (!sv_report_listed(r, f))
            continue;
        if (!any_open || !same_file(open, f->pos.file)) {
            if (any_open)
                fputs("  </file>\n", out);
            checkstyle_file(out, f->pos.file);
            open = f->pos.file;
            any_open = true;
            for (size_t k = 0; k < r->input_count; k++)
                listed[k] = listed[k] || same_file(r->inputs[k], open);
        }
        const sv_rule_info *rule = sv_rule_at(f->rule);
        checkstyle_error(out, f->pos, checkstyle_severity(f), f->message, rule ? rule->name : "?");
    }
    if (any_open)
        fputs("  </file>\n", out);
    for (size_t k = 0; k < r->input_count; k++) {
        if (listed[k])
            continue;
        for (size_t j = k + 1; j < r->input_count; j++)
            listed[j] = listed[j] || same_file(r->inputs[j], r->inputs[k]);
        fputs("  <file name=\"", out);
        xml_attr(out, r->inputs[k]);
        fputs("\"/>\n", out);
    }
    free(listed);
    fputs("</checkstyle>\n", out);
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

int sv_report_diags_checkstyle(FILE *out, const sv_diags *diags, const sv_check_result *result)
{
    (void)result;
    checkstyle_open(out);
    for (size_t i = 0; i < diags->count; i++) {
        const sv_diag *d = &diags->items[i];
        if (i == 0 || !same_file(diags->items[i - 1].pos.file, d->pos.file)) {
            if (i > 0)
                fputs("  </file>\n", out);
            checkstyle_file(out, d->pos.file);
        }
        checkstyle_error(out, d->pos, "error", d->message, d->code);
    }
    if (diags->count > 0)
        fputs("  </file>\n", out);
    fputs("</checkstyle>\n", out);
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
