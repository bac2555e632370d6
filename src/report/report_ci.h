/*
 * What check's writers share: which findings --quiet leaves out; and the
 * formats of `check` that CI systems read as annotations (report_ci.c):
 * GitHub workflow commands, GitLab Code Quality JSON and Checkstyle XML,
 * each for a result and for load errors, as rows of formats.c take them;
 * and the one fingerprint of a finding, which GitLab's report and SARIF's
 * partialFingerprints both carry.
 */
#ifndef SV_REPORT_CI_H
#define SV_REPORT_CI_H

#include <stdbool.h>
#include <stdio.h>

#include "samverkan/report.h"

/* Whether --quiet (result->errors_only) leaves finding f out of the list
 * that every writer of check's formats writes: a warning or a note. The
 * counts, the audit's answers and the exit status still see it. */
static inline bool sv_report_quieted(const sv_check_result *r, const sv_finding *f)
{
    return r->errors_only && f->severity != SV_SEV_ERROR;
}

/* Whether a writer that lists suppressed findings only under
 * --show-suppressed (text, JSON, Checkstyle, JUnit's output) lists f. */
static inline bool sv_report_listed(const sv_check_result *r, const sv_finding *f)
{
    return (!f->suppressed || r->show_suppressed) && !sv_report_quieted(r, f);
}

int sv_report_check_github(FILE *out, const sv_check_result *result, sv_severity fail_on);
int sv_report_diags_github(FILE *out, const sv_diags *diags, const sv_check_result *result);
int sv_report_check_gitlab(FILE *out, const sv_check_result *result, sv_severity fail_on);
int sv_report_diags_gitlab(FILE *out, const sv_diags *diags, const sv_check_result *result);
int sv_report_check_checkstyle(FILE *out, const sv_check_result *result, sv_severity fail_on);
int sv_report_diags_checkstyle(FILE *out, const sv_diags *diags, const sv_check_result *result);

/* The fingerprint of a finding (or a load error: `rule` is its code): 16
 * hex digits of a 64-bit FNV-1a hash of the rule, the element's id (or
 * ""), the message with every run of digits left out, and the file's path
 * as the output names it, so that the same finding has the same
 * fingerprint in the next run although a count or a line in its message
 * changed. `out` holds 17 bytes. */
void sv_report_fingerprint(char out[17], const char *rule, const char *element,
                           const char *message, const char *path);

#endif
