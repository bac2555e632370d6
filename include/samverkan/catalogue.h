/*
 * The rule catalogue: one row per rule (src/catalogue/rules.def) with its
 * name, default severity, audit question and summary, and its long text
 * (src/catalogue/rules_text.def). It lies below every stage that names
 * rules: schema (`ignore` entries), the configuration, audit profiles,
 * the rules themselves, report and render.
 */
#ifndef SAMVERKAN_CATALOGUE_H
#define SAMVERKAN_CATALOGUE_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "samverkan/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sv_rule_info {
    const char *name;          /* stable kebab-case name */
    sv_severity severity;      /* default severity */
    int question;              /* the audit question it informs (1-4), 0 for none */
    const char *summary;       /* one line, English; translate with sv_rule_summary */
} sv_rule_info;

SV_API size_t sv_rule_count(void);
SV_API const sv_rule_info *sv_rule_at(size_t index);
/* The rule's index, or -1 (then *hint, if not NULL, gets a close name or NULL). */
SV_API int sv_rule_find(const char *name, const char **hint);
SV_API const char *sv_rule_summary(const sv_rule_info *rule); /* translated */

/* The long explanation of a rule, for `samverkan explain`, SARIF help and
 * docs/rules.md (src/catalogue/rules_text.def). English; translate each field
 * with sv_rule_text_translate. NULL when the rule has no text. */
typedef struct sv_rule_text {
    const char *name;
    const char *detects;  /* what it finds, a paragraph */
    const char *why;      /* why it matters, in the audit's own reasoning */
    const char *wrong;    /* a minimal YAML fragment that triggers it (not translated) */
    const char *right;    /* the same fragment, fixed (not translated) */
    const char *fix;      /* how to fix it, a paragraph */
} sv_rule_text;

SV_API const sv_rule_text *sv_rule_text_of(const sv_rule_info *rule);
SV_API const char *sv_rule_text_translate(const char *field); /* _(field), NULL-safe */

#ifdef __cplusplus
}
#endif
#endif
