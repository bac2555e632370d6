/*
 * The Swedish words for the values of the format's enumerations; the table
 * is in synonyms.c.
 */
#ifndef SV_SCHEMA_SYNONYMS_H
#define SV_SCHEMA_SYNONYMS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sv_synonym {
    const char *word;    /* as a model writes it: "varje månad" */
    const char *english; /* the value it stands for: "monthly" */
} sv_synonym;

/* The whole table (for docs and tests). */
const sv_synonym *sv_synonyms(size_t *count);

/* The English value `word` stands for, or NULL when it is no synonym. */
const char *sv_synonym_english(const char *word);

/* `word` itself, or the English value it stands for: what two values are
 * compared as ("operativ" equals "operational"). NULL stays NULL. */
const char *sv_synonym_canonical(const char *word);

/* The entry of names[0..count) that `word` is or stands for, with its index
 * in *index; NULL when none. */
const char *sv_synonym_resolve(const char *word, const char *const *names, size_t count,
                               int *index);

/* For a value that is none of names: the English value to write when the
 * word is one of them, or a synonym of one, written in capitals
 * ("Operativ") or misspelt ("operatv"); NULL otherwise. */
const char *sv_synonym_suggest(const char *word, const char *const *names, size_t count);

#endif
