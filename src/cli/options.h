/*
 * Declarative command-line options: one table per command drives both the
 * parsing and the --help text, so the two cannot drift apart.
 */
#ifndef SV_CLI_OPTIONS_H
#define SV_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

typedef struct sv_option {
    const char *long_name;   /* without the dashes */
    char short_name;         /* 0 for none */
    const char *value_name;  /* NULL for a flag; marked N_() where it has words to translate */
    const char *help;        /* English, marked N_() */
    int id;
} sv_option;

/* Called for each option found (value NULL for flags) and for each
 * positional argument (option NULL). Returns 0, or -1 to stop (having
 * printed why). */
typedef int (*sv_option_fn)(const sv_option *option, const char *value, void *data);

/* Parses argv[first..argc). Unknown options and missing values are
 * reported on stderr with a "did you mean" hint; returns 0 or -1. */
int sv_options_parse(int argc, char **argv, int first, const sv_option *options, sv_option_fn fn,
                     void *data);

/* Prints the options table as --help text. */
void sv_options_help(FILE *out, const sv_option *options);

#endif
