/*
 * Message language selection; see i18n.h. gettext honours LANGUAGE only
 * when the message locale is not "C", and a Swedish locale may not be
 * installed on the machine; so we pick the language ourselves and, when
 * the environment's locale cannot be set, fall back to C.UTF-8 (always
 * present in glibc) with LANGUAGE naming the catalogue. LC_NUMERIC stays
 * "C": numbers in JSON and in the model are always written with a point.
 */
#include "cli/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samverkan/version.h"
#include "util/i18n.h"

/* The language a locale or LANGUAGE entry names: "sv" for sv, sv_SE,
 * sv_FI.UTF-8 ..., "en" for en, en_GB ..., NULL for any other. */
static const char *language_of(const char *entry, size_t len)
{
    static const char *const spoken[] = {"sv", "en"};
    for (size_t i = 0; i < 2; i++)
        if (len >= 2 && strncmp(entry, spoken[i], 2) == 0 &&
            (len == 2 || entry[2] == '_' || entry[2] == '.' || entry[2] == '@'))
            return spoken[i];
    return NULL;
}

/* The order gettext follows: LANGUAGE, a colon-separated list whose first
 * entry samverkan speaks wins; else the message locale (LC_ALL, then
 * LC_MESSAGES, then LANG, the first that is set). Unlike gettext, LANGUAGE
 * counts even when that locale is C, since samverkan falls back to C.UTF-8
 * itself where the Swedish locale is not installed. */
static const char *environment_language(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    const char *locale = NULL;
    for (size_t i = 0; i < 3 && !locale; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            locale = v;
    }
    const char *list = getenv("LANGUAGE");
    if (list) {
        for (const char *p = list; *p;) {
            size_t len = strcspn(p, ":");
            const char *lang = language_of(p, len);
            if (lang)
                return lang;
            p += len + (p[len] == ':');
        }
    }
    const char *lang = locale ? language_of(locale, strlen(locale)) : NULL;
    return lang ? lang : "en";
}

static bool has_catalogue(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;
    int n = snprintf(path, sizeof path, "%s/sv/LC_MESSAGES/%s.mo", dir, SV_TEXT_DOMAIN);
    return n > 0 && (size_t)n < sizeof path && stat(path, &st) == 0;
}

/* The catalogues beside the program: <bindir>/locale in the build tree,
 * <prefix>/share/locale when installed; else the configured directory. */
static void bind_catalogues(void)
{
    static char dir[PATH_MAX + 32];
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(dir, sizeof dir, "%s/locale", exe);
            if (!has_catalogue(dir))
                snprintf(dir, sizeof dir, "%s/../share/locale", exe);
            if (has_catalogue(dir)) {
                bindtextdomain(SV_TEXT_DOMAIN, dir);
                bind_textdomain_codeset(SV_TEXT_DOMAIN, "UTF-8");
                return;
            }
        }
    }
    bindtextdomain(SV_TEXT_DOMAIN, SAMVERKAN_LOCALEDIR);
    bind_textdomain_codeset(SV_TEXT_DOMAIN, "UTF-8");
}

static const char *chosen_language = "en";

const char *sv_cli_language(void)
{
    return chosen_language;
}

int sv_cli_i18n_init(const char *lang)
{
    if (lang && strcmp(lang, "sv") != 0 && strcmp(lang, "en") != 0)
        return -1;
    const char *chosen = lang ? lang : environment_language();
    chosen_language = chosen;
    const char *ctype = setlocale(LC_CTYPE, "");
    const char *messages = setlocale(LC_MESSAGES, "");
    if (!ctype || !messages || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0) {
        setlocale(LC_CTYPE, "C.UTF-8");
        setlocale(LC_MESSAGES, "C.UTF-8");
    }
    setenv("LANGUAGE", chosen, 1);
    bind_catalogues();
    return 0;
}
