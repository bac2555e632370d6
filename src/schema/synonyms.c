/*
 * The Swedish words a model may write for the values of the format's
 * enumerations (`level: operativ`, `meets: varje månad`, `kind: kommun`)
 * and, in .samverkan.yaml, for the severities (`fel`, `varning`). This is
 * the only table of them: the readers of schema.c and config.c accept a
 * word here as the English value it stands for, the scenario stage compares
 * values through it, and docs/model-format.md ("Swedish values") lists it.
 *
 * The table is flat, word -> English value: a word stands for the same
 * English value in every enumeration whose values hold that English word
 * (`beslut` is the step kind and the process subject `decision`; `annan` is
 * `other` for parties, agreements and processes). A reader accepts a word
 * only when its English value is one of its own.
 */
#include "schema/synonyms.h"

#include <string.h>

#include "util/text.h"

static const sv_synonym SYNONYMS[] = {
    /* bodies' level */
    {"beslutande", "decision"},
    {"strategisk", "strategic"},
    {"operativ", "operational"},
    {"utförande", "delivery"},
    /* bodies' kind */
    {"styrelse", "board"},
    {"grupp", "group"},
    {"arbetsgrupp", "group"},
    {"analysgrupp", "analysis-group"},
    {"styrgrupp", "steering-group"},
    {"torg", "service-point"},
    {"kansli", "office"},
    /* parties' kind */
    {"myndighet", "agency"},
    {"kommun", "municipality"},
    {"samordningsförbund", "association"},
    {"förbund", "association"},
    {"nämnd", "committee"},
    {"förvaltning", "department"},
    {"enhet", "unit"},
    {"civilsamhälle", "civil-society"},
    {"idéburen", "civil-society"},
    {"arbetsgivare", "employer"},
    {"annan", "other"},
    {"övrig", "other"},
    {"revisor", "auditor"},
    {"utvärderare", "evaluator"},
    {"utförare", "provider"},
    /* `meets` and `intake` */
    {"varje vecka", "weekly"},
    {"veckovis", "weekly"},
    {"varannan vecka", "biweekly"},
    {"varje månad", "monthly"},
    {"månadsvis", "monthly"},
    {"varje kvartal", "quarterly"},
    {"kvartalsvis", "quarterly"},
    {"varje halvår", "half-yearly"},
    {"halvårsvis", "half-yearly"},
    {"varje år", "yearly"},
    {"årligen", "yearly"},
    {"årsvis", "yearly"},
    /* steps' kind (and `decision` of a process's `about`) */
    {"uppgift", "task"},
    {"beslut", "decision"},
    {"överlämning", "handoff"},
    {"uppföljning", "follow-up"},
    {"återkoppling", "feedback"},
    {"slut", "end"},
    /* processes' about */
    {"individ", "individual"},
    {"beredning", "preparation"},
    /* durations' dist */
    {"exponentiell", "exponential"},
    {"fast", "fixed"},
    /* agreement kind, bodies' for_each, projects' kind */
    {"lokal", "local"},
    {"lokalt", "local"},
    {"projekt", "project"},
    /* bodies' votes */
    {"per ledamot", "per-member"},
    {"per part", "per-party"},
    /* severities in .samverkan.yaml */
    {"fel", "error"},
    {"varning", "warning"},
    {"notering", "note"},
    {"av", "off"},
};

const sv_synonym *sv_synonyms(size_t *count)
{
    *count = sizeof SYNONYMS / sizeof SYNONYMS[0];
    return SYNONYMS;
}

const char *sv_synonym_english(const char *word)
{
    /* the first byte first: a national model asks this for every value */
    for (size_t i = 0; i < sizeof SYNONYMS / sizeof SYNONYMS[0]; i++)
        if (word[0] == SYNONYMS[i].word[0] && strcmp(word, SYNONYMS[i].word) == 0)
            return SYNONYMS[i].english;
    return NULL;
}

const char *sv_synonym_canonical(const char *word)
{
    const char *english = word ? sv_synonym_english(word) : NULL;
    return english ? english : word;
}

/* Lower case for the letters a Swedish value is written with: ASCII, and
 * Å Ä Ö É (two bytes each in UTF-8, as their small letters). */
static void fold_case(const char *text, char *out, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; text[i] && n + 1 < size; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch - 'A' + 'a');
        else if (i > 0 && (unsigned char)text[i - 1] == 0xC3 &&
                 (ch == 0x85 || ch == 0x84 || ch == 0x96 || ch == 0x89))
            ch = (unsigned char)(ch + 0x20);
        out[n++] = (char)ch;
    }
    out[n] = '\0';
}


static const char *find_name(const char *word, const char *const *names, size_t count, int *index)
{
    for (size_t i = 0; i < count; i++) {
        if (word[0] == names[i][0] && strcmp(word, names[i]) == 0) {
            *index = (int)i;
            return names[i];
        }
    }
    return NULL;
}

static bool is_name(const char *english, const char *const *names, size_t count)
{
    int index;
    return find_name(english, names, count, &index) != NULL;
}

const char *sv_synonym_resolve(const char *word, const char *const *names, size_t count, int *index)
{
    /* The English value itself first: most models write it, and no
     * Swedish word of the table is also an English value of the format. */
    const char *name = find_name(word, names, count, index);
    if (name)
        return name;
    const char *english = sv_synonym_english(word);
    return english ? find_name(english, names, count, index) : NULL;
}

const char *sv_synonym_suggest(const char *word, const char *const *names, size_t count)
{
    char folded[128];
    fold_case(word, folded, sizeof folded);
    int index;
    if (strcmp(folded, word) != 0 && sv_synonym_resolve(folded, names, count, &index))
        return names[index]; /* "Operativ", "Operational" */
    /* a misspelt Swedish word: the closest of those that mean one of names */
    const char *words[sizeof SYNONYMS / sizeof SYNONYMS[0]];
    size_t n = 0;
    for (size_t i = 0; i < sizeof SYNONYMS / sizeof SYNONYMS[0]; i++)
        if (is_name(SYNONYMS[i].english, names, count))
            words[n++] = SYNONYMS[i].word;
    const char *closest = sv_closest(folded, words, n);
    return closest ? sv_synonym_english(closest) : NULL;
}
