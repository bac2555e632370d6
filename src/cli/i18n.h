/*
 * Choosing the language of messages: --lang, else the first entry of
 * LANGUAGE that is "sv" or "en", else LC_ALL, LC_MESSAGES or LANG starting
 * with "sv", else English; and finding the catalogues beside
 * the program (build tree or install prefix).
 */
#ifndef SV_CLI_I18N_H
#define SV_CLI_I18N_H

/* `lang` is "sv", "en" or NULL for the environment's choice. Returns 0, or
 * -1 when `lang` is not a language samverkan speaks. */
int sv_cli_i18n_init(const char *lang);

/* The language chosen by sv_cli_i18n_init: "sv" or "en". */
const char *sv_cli_language(void);

#endif
