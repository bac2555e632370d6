/*
 * The option parser behind every command; see options.h. Accepts what
 * getopt_long accepts: --name value, --name=value, a unique prefix of a
 * long name (--form json), -x value, -xVALUE, flags together (-qh), and
 * "--" to end the options.
 */
#include "cli/options.h"
#include "cli/commands.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "samverkan/sim.h"
#include "samverkan/tree.h"
#include "cli/i18n.h"
#include "util/csv.h"
#include "util/i18n.h"
#include "util/text.h"

static const sv_option *find_exact(const sv_option *options, const char *name, size_t len)
{
    for (const sv_option *o = options; o->long_name; o++)
        if (strlen(o->long_name) == len && strncmp(o->long_name, name, len) == 0)
            return o;
    return NULL;
}

/* Whether name[0..len) may stand for the option `o` as a prefix of its
 * long name. --lang is read before the command parses (main.c), so it is
 * never abbreviated. */
static bool abbreviates(const sv_option *o, const char *name, size_t len)
{
    return strncmp(o->long_name, name, len) == 0 && strcmp(o->long_name, "lang") != 0;
}

/* The option that name[0..len) names: its whole name, else the one long
 * name it is a prefix of, as getopt_long takes them. A prefix of several
 * is refused with the candidates (*ambiguous set). */
static const sv_option *find_long(const sv_option *options, const char *name, size_t len,
                                  bool *ambiguous)
{
    *ambiguous = false;
    const sv_option *exact = find_exact(options, name, len);
    if (exact || len == 0)
        return exact;
    const sv_option *found = NULL;
    for (const sv_option *o = options; o->long_name; o++) {
        if (!abbreviates(o, name, len))
            continue;
        if (found)
            *ambiguous = true;
        found = o;
    }
    return *ambiguous ? NULL : found;
}

/* "samverkan: option '--fo' is ambiguous; it could be --format, --focus" */
static void ambiguous_option(const sv_option *options, const char *arg, const char *name,
                             size_t len)
{
    char list[512];
    size_t n = 0;
    list[0] = '\0';
    for (const sv_option *o = options; o->long_name && n < sizeof list; o++)
        if (abbreviates(o, name, len))
            n += (size_t)snprintf(list + n, sizeof list - n, "%s--%s", n ? ", " : "",
                                  o->long_name);
    size_t arglen = strcspn(arg, "=");
    fprintf(stderr, _("samverkan: option '%.*s' is ambiguous; it could be %s\n"), (int)arglen, arg,
            list);
}

static const sv_option *find_short(const sv_option *options, char name)
{
    for (const sv_option *o = options; o->long_name; o++)
        if (o->short_name && o->short_name == name)
            return o;
    return NULL;
}

static void unknown_option(const sv_option *options, const char *arg)
{
    const char *names[64];
    size_t n = 0;
    char word[64];
    const char *bare = arg;
    while (*bare == '-')
        bare++;
    size_t len = strcspn(bare, "=");
    if (len >= sizeof word)
        len = sizeof word - 1;
    memcpy(word, bare, len);
    word[len] = '\0';
    for (const sv_option *o = options; o->long_name && n < 64; o++)
        names[n++] = o->long_name;
    const char *hint = sv_closest(word, names, n);
    if (hint)
        fprintf(stderr, _("samverkan: unknown option '%s'; did you mean '--%s'?\n"), arg, hint);
    else
        fprintf(stderr, _("samverkan: unknown option '%s'; see --help\n"), arg);
}

int sv_options_parse(int argc, char **argv, int first, const sv_option *options, sv_option_fn fn,
                     void *data)
{
    bool only_positional = false;
    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        if (only_positional || arg[0] != '-' || arg[1] == '\0') {
            if (fn(NULL, arg, data) != 0)
                return -1;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_positional = true;
            continue;
        }
        const sv_option *o;
        const char *value = NULL;
        if (arg[1] == '-') {
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            bool ambiguous;
            o = find_long(options, name, len, &ambiguous);
            if (ambiguous) {
                ambiguous_option(options, arg, name, len);
                return -1;
            }
            if (o && eq) {
                if (!o->value_name) {
                    fprintf(stderr, _("samverkan: option '--%s' takes no value\n"), o->long_name);
                    return -1;
                }
                value = eq + 1;
            }
        } else {
            /* -x, -xVALUE for an option that takes a value (-fjson), or
             * flags together (-qh): each flag but the last is applied here */
            size_t k = 1;
            o = find_short(options, arg[k]);
            while (o && !o->value_name && arg[k + 1] != '\0') {
                if (fn(o, NULL, data) != 0)
                    return -1;
                o = find_short(options, arg[++k]);
                if (!o) {
                    char flag[3] = {'-', arg[k], '\0'};
                    unknown_option(options, flag);
                    return -1;
                }
            }
            if (o && o->value_name && arg[k + 1] != '\0')
                value = arg + k + 1;
        }
        if (!o) {
            unknown_option(options, arg);
            return -1;
        }
        if (o->value_name && !value) {
            if (i + 1 >= argc) {
                fprintf(stderr, _("samverkan: option '--%s' needs a value (%s)\n"), o->long_name,
                        o->value_name);
                return -1;
            }
            value = argv[++i];
        }
        if (fn(o, value, data) != 0)
            return -1;
    }
    return 0;
}

void sv_options_help(FILE *out, const sv_option *options)
{
    enum { COLUMN = 30 };
    for (const sv_option *o = options; o->long_name; o++) {
        char left[96];
        snprintf(left, sizeof left, "%s%c%s--%s%s%s", o->short_name ? "-" : " ",
                 o->short_name ? o->short_name : ' ', o->short_name ? ", " : "  ", o->long_name,
                 o->value_name ? " " : "", o->value_name ? _(o->value_name) : "");
        /* a long left column gets its help on the next line */
        if (strlen(left) > COLUMN - 2)
            fprintf(out, "  %s\n  %-*s%s\n", left, COLUMN, "", _(o->help));
        else
            fprintf(out, "  %-*s%s\n", COLUMN, left, _(o->help));
    }
}

void sv_options_usage(FILE *out, const char *usage, const char *summary, const sv_option *options)
{
    fprintf(out, _("usage: %s\n\n%s\n\noptions:\n"), usage, summary);
    sv_options_help(out, options);
}

bool sv_options_number(const char *text, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

int sv_options_limit(int id, const char *value, struct sv_load_limits *limits)
{
    long n;
    const char *problem = NULL;
    switch (id) {
    case SV_OPT_MAX_FILE_SIZE:
        if (sv_options_number(value, 1, 1L << 40, &n)) {
            limits->max_file_bytes = (size_t)n;
            return 0;
        }
        problem = _("--max-file-size needs a number of bytes, not '%s'");
        break;
    case SV_OPT_MAX_DEPTH:
        if (sv_options_number(value, 2, 10000, &n)) {
            limits->max_depth = (int)n;
            return 0;
        }
        problem = _("--max-depth needs a number from 2 to 10000, not '%s'");
        break;
    case SV_OPT_MAX_NODES:
        if (sv_options_number(value, 1, 1L << 40, &n)) {
            limits->max_nodes = (size_t)n;
            return 0;
        }
        problem = _("--max-nodes needs a positive number, not '%s'");
        break;
    case SV_OPT_ALLOW_BASE_OUTSIDE:
        limits->allow_base_outside = true;
        return 0;
    default:
        return -1;
    }
    fputs("samverkan: ", stderr);
    fprintf(stderr, problem, value);
    fputc('\n', stderr);
    return -1;
}

int sv_options_output_size(const char *value, unsigned long long *bytes)
{
    long n;
    if (sv_options_number(value, 1, 1L << 50, &n)) {
        *bytes = (unsigned long long)n;
        return 0;
    }
    fputs("samverkan: ", stderr);
    fprintf(stderr, _("--max-output-size needs a number of bytes, not '%s'"), value);
    fputc('\n', stderr);
    return -1;
}

int sv_options_csv_dialect(const char *value, sv_csv_dialect *dialect, bool *given)
{
    if (sv_csv_dialect_parse(value, dialect)) {
        *given = true;
        return 0;
    }
    fputs("samverkan: ", stderr);
    fprintf(stderr, _("unknown CSV dialect '%s'; use excel or rfc4180"), value);
    fputc('\n', stderr);
    return -1;
}

sv_csv_dialect sv_options_csv_default(void)
{
    return strcmp(sv_cli_language(), "sv") == 0 ? SV_CSV_EXCEL : SV_CSV_RFC4180;
}

int sv_options_target(const char *value, struct sv_sim_target *target, bool *given)
{
    if (sv_sim_target_parse(target, value) != 0) {
        fprintf(stderr,
                _("samverkan: --target '%s' is not a target; use wait=14d, lead=14d, p90=30d "
                  "or share-over=30d:10%%\n"),
                value);
        return -1;
    }
    *given = true;
    return 0;
}

int sv_options_simulation(const sv_option *option, const char *value, struct sv_sim_options *sim)
{
    long n;
    switch (option->id) {
    case SV_OPT_MONTHS:
        if (sv_options_number(value, 1, SV_SIM_MAX_MONTHS, &n)) {
            sim->months = (int)n;
            return 0;
        }
        break;
    case SV_OPT_WARMUP:
        if (sv_options_number(value, 0, SV_SIM_MAX_MONTHS, &n)) {
            sim->warmup = (int)n;
            return 0;
        }
        break;
    case SV_OPT_RUNS:
        if (sv_options_number(value, 1, SV_SIM_MAX_RUNS, &n)) {
            sim->runs = (int)n;
            return 0;
        }
        break;
    case SV_OPT_SEED:
        if (sv_options_number(value, 0, 2147483647L, &n)) {
            sim->seed = (uint64_t)n;
            return 0;
        }
        break;
    case SV_OPT_PRECISION: {
        /* a percentage, "5" or "5%", 0.1 to 50 */
        char *end;
        double percent = strtod(value, &end);
        if (end != value && (*end == '\0' || (end[0] == '%' && end[1] == '\0')) &&
            percent >= 0.1 && percent <= 50) {
            sim->precision = percent / 100;
            return 0;
        }
        break;
    }
    }
    fprintf(stderr, _("samverkan: --%s does not take '%s'\n"), option->long_name, value);
    return -1;
}

void sv_command_help(const sv_command *command)
{
    sv_options_usage(stdout, _(command->usage), _(command->summary), command->options);
}

bool sv_command_arity_ok(const sv_command *command, size_t count)
{
    return count >= command->min_args && count <= command->max_args;
}
