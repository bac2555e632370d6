/*
 * The rule catalogue (samverkan/catalogue.h), expanded from rules.def and
 * rules_text.def: the one place a rule is named, below every stage that
 * names one.
 */
#include "samverkan/catalogue.h"

#include <string.h>

#include "util/i18n.h"
#include "util/text.h"

static const sv_rule_info catalogue[] = {
#define SV_RULE(ident, name, sev, question, summary) {name, sev, question, summary},
#include "catalogue/rules.def"
#undef SV_RULE
};

static const sv_rule_text texts[] = {
#define SV_RULE_TEXT(name, detects, why, wrong, right, fix) {name, detects, why, wrong, right, fix},
#include "catalogue/rules_text.def"
#undef SV_RULE_TEXT
};

const sv_rule_text *sv_rule_text_of(const sv_rule_info *rule)
{
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (strcmp(texts[i].name, rule->name) == 0)
            return &texts[i];
    return NULL;
}

const char *sv_rule_text_translate(const char *field)
{
    return field && *field ? _(field) : "";
}

enum { RULE_COUNT = sizeof catalogue / sizeof catalogue[0] };

size_t sv_rule_count(void)
{
    return RULE_COUNT;
}

const sv_rule_info *sv_rule_at(size_t index)
{
    return index < RULE_COUNT ? &catalogue[index] : NULL;
}

int sv_rule_find(const char *name, const char **hint)
{
    const char *names[RULE_COUNT];
    for (size_t i = 0; i < RULE_COUNT; i++) {
        if (strcmp(catalogue[i].name, name) == 0)
            return (int)i;
        names[i] = catalogue[i].name;
    }
    if (hint)
        *hint = sv_closest(name, names, RULE_COUNT);
    return -1;
}

const char *sv_rule_summary(const sv_rule_info *rule)
{
    return _(rule->summary);
}

