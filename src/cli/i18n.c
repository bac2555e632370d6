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

static const char *environment_language(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "sv", 2) == 0 ? "sv" : "en";
    }
    return "en";
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
