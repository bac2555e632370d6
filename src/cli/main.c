/*
 * The samverkan command line: a table of commands, each with its own
 * option table, wiring the library's stages together. It holds no logic of
 * its own beyond parsing arguments and choosing exit codes:
 * 0 = nothing at or above --fail-on, 1 = findings at or above it,
 * 2 = the input could not be loaded, or a usage error.
 */
#define _XOPEN_SOURCE 700 /* strdup */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/options.h"
#include "samverkan/samverkan.h"
#include "samverkan/check.h"
#include "samverkan/diff.h"
#include "util/i18n.h"
#include "util/text.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_INPUT = 2 };

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("samverkan: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_INPUT;
}

/* Flushes standard output and turns a write failure into exit code 2. */
static int finish_output(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, _("samverkan: cannot write the output: %s\n"), strerror(errno));
        return EXIT_INPUT;
    }
    return code;
}

/* "unknown format 'x'; use a, b or c", the names from a stage's table. */
static int format_error(const char *value, const char *const *names, size_t count)
{
    char most[256];
    size_t n = 0;
    most[0] = '\0';
    for (size_t i = 0; i + 1 < count && n < sizeof most; i++)
        n += (size_t)snprintf(most + n, sizeof most - n, "%s%s", i ? ", " : "", names[i]);
    return usage_error(_("unknown format '%s'; use %s or %s"), value, most, names[count - 1]);
}

/* "a|b|c" for an option's value in --help, from the same table. */
static void format_values(char *buf, size_t size, const char *const *names, size_t count)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "|" : "", names[i]);
}

/* ---- check ---- */

enum {
    OPT_HELP = 1, OPT_FORMAT, OPT_YEAR, OPT_FAIL_ON, OPT_RULE, OPT_LANG, OPT_SHOW_SUPPRESSED, OPT_CONFIG, OPT_VIEW, OPT_OUTPUT, OPT_FINDINGS,
    OPT_TIMEOUT, OPT_AUDIT, OPT_LANES, OPT_FOCUS, OPT_BASE_URI, OPT_STDIN_FILENAME,
    OPT_COLOR, OPT_QUIET, OPT_MAX_WARNINGS
};

#define COMMON_OPTIONS                                                                             \
    {"lang", 0, "sv|en", N_("language of messages (default: from LANGUAGE or LANG)"), OPT_LANG}, \
    {"help", 'h', NULL, N_("show this help"), OPT_HELP}

/* "text|json|...", from the report stage's table of formats (filled in main) */
static char check_format_values[128];

static const sv_option check_options[] = {
    {"format", 'f', check_format_values,
     N_("output format (default text); repeatable, each to the -o after it or else standard "
        "output"),
     OPT_FORMAT},
    {"year", 0, N_("N"), N_("analysis year (default: the model's)"), OPT_YEAR},
    {"fail-on", 0, "error|warning|note|never",
     N_("exit 1 when a finding is at least this severe (default error)"), OPT_FAIL_ON},
    {"rule", 0, N_("NAME=off|note|warning|error"), N_("change one rule's severity (repeatable)"),
     OPT_RULE},
    {"show-suppressed", 0, NULL, N_("also list the findings that 'ignore' entries suppress"),
     OPT_SHOW_SUPPRESSED},
    {"config", 0, N_("FILE"), N_("read rule severities and the audit table from FILE (default: "
                                 "the nearest .samverkan.yaml above the model)"),
     OPT_CONFIG},
    SV_NO_CONFIG_OPTION,
    {"audit", 0, N_("FILE"), N_("answer the questions of the audit profile FILE (default: the "
                                "bundled labour-market audit)"),
     OPT_AUDIT},
    {"base-uri", 0, N_("URI"), N_("SARIF: the URI of the base folder SRCROOT (default: the git top level "
                                  "above the model)"),
     OPT_BASE_URI},
    {"output", 'o', N_("FILE"),
     N_("write the output of the format given before it to FILE, atomically (default: "
        "standard output)"),
     OPT_OUTPUT},
    {"quiet", 'q', NULL, N_("list errors only, in every format; the summary's counts and the "
                            "exit status are those of all findings"),
     OPT_QUIET},
    {"max-warnings", 0, N_("N"), N_("exit 1 when there are more than N warnings, whatever "
                                    "--fail-on says"),
     OPT_MAX_WARNINGS},
    {"color", 0, "auto|always|never",
     N_("colour the text on a terminal (default auto: when standard output is one, TERM is not "
        "dumb and NO_COLOR is not set)"),
     OPT_COLOR},
    {"stdin-filename", 0, N_("NAME"), N_("read the model from standard input (as '-' does) and "
                                         "name it NAME"),
     OPT_STDIN_FILENAME},
    SV_LIMIT_OPTIONS,
    COMMON_OPTIONS,
    {NULL, 0, NULL, NULL, 0}};

/* One output of check: a format, and the file it goes to (NULL: standard
 * output). Each --format starts one; the -o after it names its file. */
typedef struct check_target {
    const sv_check_format *format;
    const char *path;
} check_target;

enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

typedef struct check_args {
    bool help;
    check_target *targets; /* in the order given */
    size_t target_count;
    const char *early_output; /* an -o before any --format */
    size_t early_outputs;
    bool show_suppressed;
    bool quiet;
    long max_warnings; /* -1: no limit */
    int color;
    const char *config;
    const char *audit;
    const char *base_uri;
    const char *stdin_filename;
    int year;
    int fail_on; /* a severity, or SV_SEV_OFF for never */
    sv_severity *severity;   /* --rule overrides, SV_SEV_COUNT_UNSET where none */
    sv_load_limits limits;
    const char **inputs;
    size_t input_count;
} check_args;

static int check_option(const sv_option *o, const char *value, void *data)
{
    check_args *a = data;
    long n;
    if (!o) {
        a->inputs[a->input_count++] = value;
        return 0;
    }
    switch (o->id) {
    case OPT_HELP:
        a->help = true;
        return 0;
    case OPT_LANG:
        return 0; /* applied before parsing */
    case OPT_SHOW_SUPPRESSED:
        a->show_suppressed = true;
        return 0;
    case OPT_CONFIG:
        a->config = value;
        return 0;
    case SV_OPT_NO_CONFIG:
        a->config = SV_CONFIG_NONE;
        return 0;
    case OPT_AUDIT:
        a->audit = value;
        return 0;
    case OPT_OUTPUT:
        if (a->target_count == 0) {
            a->early_output = value;
            a->early_outputs++;
            return 0;
        }
        if (a->targets[a->target_count - 1].path) {
            usage_error(_("-o '%s' has no --format of its own: each --format takes the one -o "
                          "that follows it"),
                        value);
            return -1;
        }
        a->targets[a->target_count - 1].path = value;
        return 0;
    case OPT_QUIET:
        a->quiet = true;
        return 0;
    case OPT_MAX_WARNINGS:
        if (sv_options_number(value, 0, 1L << 40, &n)) {
            a->max_warnings = n;
            return 0;
        }
        usage_error(_("--max-warnings needs a number of warnings (0 or more), not '%s'"), value);
        return -1;
    case OPT_COLOR:
        if (strcmp(value, "auto") == 0 || strcmp(value, "always") == 0 ||
            strcmp(value, "never") == 0) {
            a->color = value[1] == 'u' ? COLOR_AUTO : value[1] == 'l' ? COLOR_ALWAYS : COLOR_NEVER;
            return 0;
        }
        usage_error(_("--color takes auto, always or never, not '%s'"), value);
        return -1;
    case OPT_STDIN_FILENAME:
        a->stdin_filename = value;
        return 0;
    case OPT_BASE_URI:
        /* an absolute URI of a folder: a scheme, then the rest; SARIF
         * wants the trailing '/' (added when missing) */
        if (value[0] && strspn(value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                      "0123456789+-.") == strcspn(value, ":") &&
            strchr(value, ':') && strchr(value, ':')[1] && !strpbrk(value, " \t\n\r\"<>\\")) {
            a->base_uri = value;
            return 0;
        }
        usage_error(_("--base-uri needs an absolute URI such as file:///srv/repo/ or "
                      "https://example.org/repo/, not '%s'"),
                    value);
        return -1;
    case OPT_FORMAT: {
        const sv_check_format *format = sv_check_format_find(value);
        if (format) {
            a->targets[a->target_count++] = (check_target){format, NULL};
            return 0;
        }
        const char *names[16];
        size_t count = 0;
        for (; count < 16 && sv_check_format_at(count); count++)
            names[count] = sv_check_format_at(count)->name;
        format_error(value, names, count);
        return -1;
    }
    case OPT_YEAR:
        if (sv_options_number(value, 1900, 2200, &n)) {
            a->year = (int)n;
            return 0;
        }
        usage_error(_("--year needs a year between 1900 and 2200, not '%s'"), value);
        return -1;
    case OPT_FAIL_ON: {
        sv_severity sev;
        if (strcmp(value, "never") == 0) {
            a->fail_on = SV_SEV_OFF;
            return 0;
        }
        if (sv_severity_parse(value, &sev) && sev != SV_SEV_OFF) {
            a->fail_on = sev;
            return 0;
        }
        usage_error(_("--fail-on takes error, warning, note or never, not '%s'"), value);
        return -1;
    }
    case OPT_RULE: {
        const char *eq = strchr(value, '=');
        char name[128];
        sv_severity sev;
        if (!eq || (size_t)(eq - value) >= sizeof name || !sv_severity_parse(eq + 1, &sev)) {
            usage_error(_("--rule takes NAME=off|note|warning|error, not '%s'"), value);
            return -1;
        }
        memcpy(name, value, (size_t)(eq - value));
        name[eq - value] = '\0';
        const char *hint;
        int rule = sv_rule_find(name, &hint);
        if (rule < 0) {
            if (hint)
                usage_error(_("there is no rule '%s'; did you mean '%s'?"), name, hint);
            else
                usage_error(_("there is no rule '%s'; 'samverkan rules' lists them"), name);
            return -1;
        }
        a->severity[rule] = sev;
        return 0;
    }
    case SV_OPT_MAX_FILE_SIZE:
    case SV_OPT_MAX_DEPTH:
    case SV_OPT_MAX_NODES:
    case SV_OPT_ALLOW_BASE_OUTSIDE:
        return sv_options_limit(o->id, value, &a->limits);
    }
    return -1;
}

/* ---- check's inputs: files and folders ---- */

/* A growing list of owned paths. */
typedef struct path_list {
    char **items;
    size_t count, capacity;
} path_list;

static int paths_add(path_list *l, const char *path)
{
    if (l->count == l->capacity) {
        size_t cap = l->capacity ? 2 * l->capacity : 16;
        char **items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return -1;
        l->items = items;
        l->capacity = cap;
    }
    if (!(l->items[l->count] = strdup(path)))
        return -1;
    l->count++;
    return 0;
}

static void paths_free(path_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Declared in cli/commands.h. */
bool sv_cli_yaml_name(const char *name)
{
    size_t len = strlen(name);
    return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
           (len > 4 && strcmp(name + len - 4, ".yml") == 0);
}

/* A model declares its format at the top level ("samverkan: 1"), so a line
 * that starts with "samverkan:" in the file's first 64 KiB tells a model
 * (or scenario) from the other YAML of a repository (CI files, configs). */
static bool declares_samverkan(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return true; /* unreadable: kept, so that check says why */
    char line[256];
    bool found = false;
    size_t read = 0;
    bool at_start = true;
    while (!found && read < 65536 && fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        found = at_start && strncmp(line, "samverkan:", 10) == 0;
        at_start = len > 0 && line[len - 1] == '\n';
        read += len;
    }
    fclose(f);
    return found;
}

/* Which files a walk of walk_files takes: `below` is the file's path under
 * the walk's root, `path` the whole of it as the user would write it. */
typedef bool (*file_wanted)(const char *below, const char *path, const void *ctx);

/* The files under `root` (as given; "" for the current folder) that
 * `wanted` takes, depth first, into `out`. Names that start with '.' are
 * passed over, files and folders (such as .git or .samverkan.yaml), as a
 * shell's glob does. Folders are entered `reach` levels deep at most, and
 * never past 32. */
static int walk_files(path_list *out, const char *root, const char *rel, size_t reach, int depth,
                      file_wanted wanted, const void *ctx)
{
    const char *sep = *root && *rel && root[strlen(root) - 1] != '/' ? "/" : "";
    size_t dir_len = strlen(root) + strlen(rel) + 2;
    char *dir = malloc(dir_len);
    if (!dir)
        return -1;
    snprintf(dir, dir_len, "%s%s%s", root, sep, rel);
    DIR *d = opendir(*dir ? dir : ".");
    if (!d) {
        free(dir);
        return 0; /* an unreadable folder holds nothing to take */
    }
    /* a file's path is the folder's and its name: root/rel/name */
    const char *dir_sep = *dir && dir[strlen(dir) - 1] != '/' ? "/" : "";
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(rel) + strlen(e->d_name) + 2;
        size_t path_len = strlen(dir) + strlen(e->d_name) + 2;
        char *below = malloc(len), *path = malloc(path_len);
        if (!below || !path) {
            free(below);
            free(path);
            rc = -1;
            break;
        }
        snprintf(below, len, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        snprintf(path, path_len, "%s%s%s", dir, dir_sep, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode) && (size_t)depth + 1 < reach && depth < 32)
                rc = walk_files(out, root, below, reach, depth + 1, wanted, ctx);
            else if (S_ISREG(st.st_mode) && wanted(below, path, ctx))
                rc = paths_add(out, path);
        }
        free(path);
        free(below);
    }
    closedir(d);
    free(dir);
    return rc;
}

/* A folder's models: every *.yaml and *.yml that declares samverkan:. */
static bool is_model_file(const char *below, const char *path, const void *ctx)
{
    (void)ctx;
    const char *slash = strrchr(below, '/');
    return sv_cli_yaml_name(slash ? slash + 1 : below) && declares_samverkan(path);
}

/* A glob's files: every kind of file whose path under the glob's root
 * matches the rest of the pattern (ctx). */
static bool matches_glob(const char *below, const char *path, const void *ctx)
{
    (void)path;
    return sv_path_glob_match(ctx, below);
}

/* A glob that check expands itself: one that is quoted on a shell, or
 * written where no shell expands it (a CI job's `with:`, a Makefile
 * variable, Windows). */
static bool is_glob(const char *arg)
{
    return strpbrk(arg, "*?[") != NULL;
}

/* Expands the glob `pattern` into `out`, sorted; how many it added. */
static int expand_glob(path_list *out, const char *pattern, size_t *added)
{
    /* the folders before the first component with a glob character are
     * taken as written; the walk starts there */
    size_t root_len = 0;
    for (const char *c = pattern; *c; c++) {
        if (*c == '*' || *c == '?' || *c == '[')
            break;
        if (*c == '/')
            root_len = (size_t)(c - pattern) + 1;
    }
    char *root = strndup(pattern, root_len);
    if (!root)
        return -1;
    if (root_len > 1)
        root[root_len - 1] = '\0'; /* "models/" -> "models"; "/" stays */
    const char *rest = pattern + root_len;
    size_t reach = 1;
    for (const char *c = rest; *c; c++)
        if (*c == '/')
            reach++;
    if (strstr(rest, "**"))
        reach = SIZE_MAX;
    size_t first = out->count;
    /* folders are entered only as deep as the pattern reaches, or without
     * end (up to 32) below a "**" */
    int rc = walk_files(out, root, "", reach, 0, matches_glob, rest);
    free(root);
    if (rc == 0 && out->count > first)
        qsort(out->items + first, out->count - first, sizeof *out->items, compare_paths);
    *added = out->count - first;
    return rc;
}

/* The inputs of check: a file as given, a folder as the models under it in
 * sorted order, a glob that names no file as the files it matches in
 * sorted order. A folder without models, or a glob without files, is a
 * load error in `diags` and counts as an input that could not be loaded
 * (`*failed`). */
static int expand_inputs(path_list *out, const char *const *args, size_t count, size_t *failed,
                         sv_diags *diags)
{
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        bool exists = stat(args[i], &st) == 0;
        if (!exists && is_glob(args[i])) {
            size_t added;
            if (expand_glob(out, args[i], &added) != 0)
                return -1;
            if (added == 0) {
                sv_diags_add(diags, "unreadable-file", (sv_pos){args[i], 0, 0},
                             _("no file matches this pattern (a pattern's * and ? do not match "
                               "'/', ** matches any number of folders)"));
                ++*failed;
            }
            continue;
        }
        if (!exists || !S_ISDIR(st.st_mode)) {
            if (paths_add(out, args[i]) != 0)
                return -1;
            continue;
        }
        size_t first = out->count;
        if (walk_files(out, args[i], "", SIZE_MAX, 0, is_model_file, NULL) != 0)
            return -1;
        if (out->count > first) {
            qsort(out->items + first, out->count - first, sizeof *out->items, compare_paths);
        } else {
            sv_diags_add(diags, "unreadable-file", (sv_pos){args[i], 0, 0},
                         _("this folder holds no model (no *.yaml or *.yml file in it that has "
                           "'samverkan:' at the start of a line)"));
            ++*failed;
        }
    }
    return 0;
}

/* Standard input, whole, into *data (at most `limit` + 1 bytes, so that
 * the loader can refuse a larger one with its message); -1 on a read error
 * or when out of memory. */
static int read_stdin(char **data, size_t *size, size_t limit)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -1;
    for (;;) {
        if (n == cap) {
            if (cap > limit) /* past the limit: what was read is enough to refuse it */
                break;
            char *bigger = realloc(buf, 2 * cap);
            if (!bigger) {
                free(buf);
                return -1;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, stdin);
        n += got;
        if (got == 0) {
            if (ferror(stdin)) {
                free(buf);
                return -1;
            }
            break;
        }
    }
    *data = buf;
    *size = n;
    return 0;
}

/* One format into a file (-o) or standard output; emit_check_output sets
 * the format and the result's colour for each output in turn. */
typedef struct check_output {
    const sv_check_format *format;
    sv_check_result *result;
    const sv_diags *diags; /* load errors, when nothing was checked */
    sv_severity fail_on;
} check_output;

static int write_check_output(FILE *out, void *ctx)
{
    const check_output *o = ctx;
    if (o->diags)
        return o->format->load_errors ? o->format->load_errors(out, o->diags, o->result) : 0;
    return o->format->findings(out, o->result, o->fail_on);
}

/* Whether text written to `fd` is coloured: --color=always or never as
 * said; auto when fd is a terminal, TERM is set and not "dumb" (as gcc
 * decides) and NO_COLOR is unset or empty (no-color.org). */
static bool color_wanted(int mode, int fd)
{
    if (mode != COLOR_AUTO)
        return mode == COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    return isatty(fd) && !(no_color && *no_color) && term && strcmp(term, "dumb") != 0;
}

/* Every output of the run: the files first, each written atomically, then
 * standard output. On load errors (o->diags) a format without a document
 * for them writes nothing, not even an empty file. -1 when a file could not
 * be written (said on stderr); the outputs after it are not written. */
static int emit_check_output(const check_args *a, check_output *o, const sv_inputs *inputs)
{
    sv_check_result *result = o->result;
    for (int to_stdout = 0; to_stdout < 2; to_stdout++) {
        for (size_t i = 0; i < a->target_count; i++) {
            const check_target *t = &a->targets[i];
            if ((t->path == NULL) != to_stdout || (o->diags && !t->format->load_errors))
                continue;
            o->format = t->format;
            /* colour only in text to a terminal, never in a file */
            result->color = !t->path && strcmp(t->format->name, "text") == 0 &&
                            color_wanted(a->color, STDOUT_FILENO);
            if (t->path) {
                if (sv_report_write_stream(t->path, write_check_output, o, inputs) != 0)
                    return -1;
            } else {
                write_check_output(stdout, o);
            }
        }
    }
    result->color = false;
    return 0;
}

/* The outputs as given: an -o before the first --format is the default
 * format's when there is no --format, or the one --format's (as check has
 * always taken "-o FILE --format F"); with several formats it is a usage
 * error, and so are two formats to standard output. 0, or exit code 2. */
static int resolve_targets(check_args *a)
{
    if (a->early_outputs > 1)
        return usage_error(_("-o '%s' has no --format of its own: each --format takes the one -o "
                             "that follows it"),
                           a->early_output);
    if (a->early_outputs == 1 &&
        !(a->target_count == 0 || (a->target_count == 1 && !a->targets[0].path)))
        return usage_error(_("-o '%s' has no --format of its own: with several formats, put each "
                             "-o after its --format"),
                           a->early_output);
    if (a->target_count == 0)
        a->targets[a->target_count++] = (check_target){sv_check_format_at(0), NULL};
    if (a->early_outputs == 1)
        a->targets[0].path = a->early_output;
    const check_target *to_stdout = NULL;
    for (size_t i = 0; i < a->target_count; i++) {
        if (a->targets[i].path)
            continue;
        if (to_stdout)
            return usage_error(_("both --format %s and --format %s would go to standard output; "
                                 "give one of them -o FILE"),
                               to_stdout->format->name, a->targets[i].format->name);
        to_stdout = &a->targets[i];
    }
    return 0;
}

/* Each input checked on its own: loaded, configured with the
 * .samverkan.yaml beside it (or --config), its rules run and its audit
 * answered; the findings of all of them go into one output. An input that
 * cannot be loaded is reported on standard error and the others are still
 * checked; then the exit status is 2. When none could be loaded, the
 * machine formats hold the load errors. */
static int run_check(const sv_command *self, int argc, char **argv)
{
    check_args a = {.fail_on = SV_SEV_ERROR, .max_warnings = -1};
    sv_load_limits_default(&a.limits);
    a.inputs = calloc((size_t)argc, sizeof *a.inputs);
    a.targets = calloc((size_t)argc + 1, sizeof *a.targets);
    a.severity = malloc(sv_rule_count() * sizeof *a.severity);
    path_list paths = {0};
    sv_model **models = NULL;
    sv_check *checkers = NULL;
    const char **loaded_paths = NULL, **loaded_configs = NULL;
    const sv_model **loaded_models = NULL;
    sv_diags diags;
    sv_diags_init(&diags);
    sv_findings findings;
    sv_findings_init(&findings);
    sv_inputs files;
    sv_inputs_init(&files);
    sv_audit *audits = NULL;
    size_t audits_done = 0, checkers_made = 0;
    int code = EXIT_INPUT;
    if (!a.inputs || !a.severity || !a.targets) {
        fprintf(stderr, "%s\n", _("samverkan: out of memory"));
        goto done;
    }
    for (size_t i = 0; i < sv_rule_count(); i++)
        a.severity[i] = SV_CHECK_RULE_UNSET;
    if (sv_options_parse(argc, argv, 2, check_options, check_option, &a) != 0)
        goto done;
    if (a.help) {
        sv_command_help(self);
        code = finish_output(EXIT_CLEAN);
        goto done;
    }
    if ((code = resolve_targets(&a)) != 0)
        goto done;
    code = EXIT_INPUT;
    if (a.stdin_filename && a.input_count == 0)
        a.inputs[a.input_count++] = "-";
    if (!sv_command_arity_ok(self, a.input_count)) {
        code = usage_error("%s", _("check needs a model file: samverkan check MODEL.yaml"));
        goto done;
    }

    size_t stdin_count = 0;
    for (size_t i = 0; i < a.input_count; i++)
        stdin_count += strcmp(a.inputs[i], "-") == 0;
    if (stdin_count > 1) {
        code = usage_error("%s", _("standard input ('-') can be read only once"));
        goto done;
    }
    size_t failed = 0;
    if (expand_inputs(&paths, a.inputs, a.input_count, &failed, &diags) != 0)
        goto oom;
    size_t n = paths.count;
    models = calloc(n + 1, sizeof *models);
    checkers = calloc(n + 1, sizeof *checkers);
    loaded_paths = calloc(n + 1, sizeof *loaded_paths);
    loaded_models = calloc(n + 1, sizeof *loaded_models);
    loaded_configs = calloc(n + 1, sizeof *loaded_configs);
    audits = calloc(n + 1, sizeof *audits);
    if (!models || !checkers || !loaded_paths || !loaded_models || !loaded_configs || !audits)
        goto oom;
    size_t loaded = 0;
    for (size_t i = 0; i < n; i++) {
        sv_check_init(&checkers[i], &(sv_check_options){
                                        .model = paths.items[i], .config = a.config,
                                        .audit = a.audit, .rule_severity = a.severity,
                                        .year = a.year, .limits = &a.limits,
                                        .language = sv_cli_language()});
        checkers_made = i + 1;
        if (sv_inputs_add_file(&files, paths.items[i]) != 0)
            goto oom;
        int load_rc;
        if (strcmp(paths.items[i], "-") == 0) {
            /* the model from standard input, under its name (the configuration
             * is found beside that name, a scenario's base relative to it) */
            char *name = strdup(a.stdin_filename ? a.stdin_filename : "<stdin>");
            char *data = NULL;
            size_t size = 0;
            if (!name || read_stdin(&data, &size, a.limits.max_file_bytes) != 0) {
                free(name);
                fprintf(stderr, _("samverkan: cannot read standard input: %s\n"), strerror(errno));
                goto done;
            }
            free(paths.items[i]);
            paths.items[i] = name;
            checkers[i].options.model = name;
            load_rc = sv_check_load_buffer(&checkers[i], &models[i], name, data, size, &diags);
            free(data);
        } else {
            load_rc = sv_check_load(&checkers[i], &models[i], paths.items[i], &diags);
        }
        if (load_rc != 0 ||
            sv_check_configure(&checkers[i], &diags) != 0 ||
            sv_inputs_add_model(&files, models[i]) != 0 ||
            sv_inputs_add_config(&files, a.config, paths.items[i]) != 0) {
            failed++;
            continue;
        }
        if (sv_check_rules(&checkers[i], &findings, models[i], &diags) != 0) {
            sv_report_diags_text(stderr, &diags);
            goto done;
        }
        loaded_paths[loaded] = paths.items[i];
        loaded_configs[loaded] = checkers[i].config.path;
        loaded_models[loaded++] = models[i];
    }
    {
        const char **outputs = calloc(a.target_count, sizeof *outputs);
        if (!outputs)
            goto oom;
        for (size_t i = 0; i < a.target_count; i++)
            outputs[i] = a.targets[i].path;
        int clash = sv_inputs_check_outputs(&files, outputs, a.target_count);
        free(outputs);
        if (clash != 0)
            goto done;
    }
    bool color_errors = color_wanted(a.color, STDERR_FILENO);
    sv_check_result result = {
        .inputs = (const char *const *)(loaded ? loaded_paths : (const char **)paths.items),
        .models = loaded_models,
        .input_count = loaded ? loaded : n,
        .findings = &findings,
        .year = a.year ? a.year : loaded ? loaded_models[0]->agreement.year : 0,
        .show_suppressed = a.show_suppressed,
        .base_uri = a.base_uri,
        .configs = loaded ? loaded_configs : NULL,
        .config_given = loaded && checkers[0].config.given,
    };
    if (loaded == 0) {
        sv_diags_sort(&diags);
        sv_report_diags_text_color(stderr, &diags, 0, 0, color_errors);
        check_output o = {NULL, &result, &diags, (sv_severity)a.fail_on};
        emit_check_output(&a, &o, &files);
        code = finish_output(EXIT_INPUT);
        goto done;
    }
    sv_findings_sort(&findings);
    for (size_t i = 0, k = 0; i < n; i++) {
        if (models[i] != loaded_models[k])
            continue;
        if (sv_check_assess(&checkers[i], &audits[k], models[i], &findings, &diags) != 0) {
            /* an assessed id the model lacks: the profile does not fit, nothing is written */
            sv_diags_sort(&diags);
            sv_report_diags_text_color(stderr, &diags, 0, 0, color_errors);
            result.inputs = (const char *const *)paths.items;
            result.input_count = n;
            check_output o = {NULL, &result, &diags, (sv_severity)a.fail_on};
            emit_check_output(&a, &o, &files);
            code = finish_output(EXIT_INPUT);
            goto done;
        }
        audits_done = ++k;
        if (k == loaded)
            break;
    }
    result.audits = audits;
    if (failed) {
        /* what could not be loaded, before the findings of the rest */
        sv_diags_sort(&diags);
        sv_report_diags_text_color(stderr, &diags, failed, loaded + failed, color_errors);
    }
    result.errors_only = a.quiet;
    check_output o = {NULL, &result, NULL, (sv_severity)a.fail_on};
    if (emit_check_output(&a, &o, &files) != 0) {
        code = EXIT_INPUT;
        goto done;
    }
    code = EXIT_CLEAN;
    for (size_t i = 0; i < findings.count; i++)
        if (!findings.items[i].suppressed && a.fail_on != SV_SEV_OFF &&
            findings.items[i].severity <= (sv_severity)a.fail_on)
            code = EXIT_FINDINGS;
    if (a.max_warnings >= 0) {
        /* eslint's --max-warnings: more warnings than allowed fail the run
         * even when --fail-on would not */
        size_t warnings = sv_summarize(&findings).count[SV_SEV_WARNING];
        if (warnings > (size_t)a.max_warnings) {
            fprintf(stderr,
                    P_("samverkan: %zu warning, more than --max-warnings %ld allows\n",
                       "samverkan: %zu warnings, more than --max-warnings %ld allows\n", warnings),
                    warnings, a.max_warnings);
            code = EXIT_FINDINGS;
        }
    }
    if (failed)
        code = EXIT_INPUT;
    code = finish_output(code);
    goto done;
oom:
    fprintf(stderr, "%s\n", _("samverkan: out of memory"));
done:
    for (size_t i = 0; i < audits_done; i++)
        sv_audit_free(&audits[i]);
    free(audits);
    for (size_t i = 0; i < checkers_made; i++)
        sv_check_free(&checkers[i]);
    free(checkers);
    for (size_t i = 0; models && i < paths.count; i++)
        sv_model_free(models[i]);
    free(models);
    free(loaded_paths);
    free(loaded_configs);
    free(loaded_models);
    paths_free(&paths);
    sv_inputs_free(&files);
    sv_findings_free(&findings);
    sv_diags_free(&diags);
    free(a.inputs);
    free(a.targets);
    free(a.severity);
    return code;
}

/* ---- rules ---- */

static const sv_option rules_options[] = {
    {"format", 'f', "text|json|markdown", N_("output format (default text)"), OPT_FORMAT},
    COMMON_OPTIONS,
    {NULL, 0, NULL, NULL, 0}};

typedef struct rules_args {
    bool help;
    bool json;
    bool markdown;
    bool explain;     /* the explain command: one rule */
    const char *rule; /* explain: the rule's name */
} rules_args;

static int rules_option(const sv_option *o, const char *value, void *data)
{
    rules_args *a = data;
    if (!o) {
        if (a->rule != NULL || !a->explain) {
            usage_error(_("unexpected argument '%s'"), value);
            return -1;
        }
        a->rule = value;
        return 0;
    }
    if (o->id == OPT_HELP)
        a->help = true;
    if (o->id == OPT_FORMAT) {
        if (strcmp(value, "text") != 0 && strcmp(value, "json") != 0 &&
            strcmp(value, "markdown") != 0) {
            usage_error(_("unknown format '%s'; use text, json or markdown"), value);
            return -1;
        }
        a->json = strcmp(value, "json") == 0;
        a->markdown = strcmp(value, "markdown") == 0;
    }
    return 0;
}

static int run_rules(const sv_command *self, int argc, char **argv)
{
    rules_args a = {0};
    if (sv_options_parse(argc, argv, 2, rules_options, rules_option, &a) != 0)
        return EXIT_INPUT;
    if (a.help) {
        sv_command_help(self);
        return finish_output(EXIT_CLEAN);
    }
    sv_audit_config audit;
    if (sv_audit_config_default(&audit) != 0) {
        fprintf(stderr, "%s\n", _("samverkan: out of memory"));
        return EXIT_INPUT;
    }
    if (a.json)
        sv_report_rules_json(stdout);
    else if (a.markdown)
        sv_report_rules_markdown(stdout, &audit);
    else
        sv_report_rules_text(stdout);
    sv_audit_config_free(&audit);
    return finish_output(EXIT_CLEAN);
}

static const sv_option explain_options[] = {
    COMMON_OPTIONS,
    {NULL, 0, NULL, NULL, 0}};

static int run_explain(const sv_command *self, int argc, char **argv)
{
    rules_args a = {.explain = true};
    if (sv_options_parse(argc, argv, 2, explain_options, rules_option, &a) != 0)
        return EXIT_INPUT;
    if (a.help) {
        sv_command_help(self);
        return finish_output(EXIT_CLEAN);
    }
    if (!sv_command_arity_ok(self, a.rule ? 1 : 0))
        return usage_error("%s", _("explain needs a rule name: samverkan explain RULE ('samverkan "
                                   "rules' lists them)"));
    const char *hint;
    int rule = sv_rule_find(a.rule, &hint);
    if (rule < 0) {
        if (hint)
            return usage_error(_("there is no rule '%s'; did you mean '%s'?"), a.rule, hint);
        return usage_error(_("there is no rule '%s'; 'samverkan rules' lists them"), a.rule);
    }
    sv_audit_config audit;
    if (sv_audit_config_default(&audit) != 0) {
        fprintf(stderr, "%s\n", _("samverkan: out of memory"));
        return EXIT_INPUT;
    }
    sv_report_explain_text(stdout, (size_t)rule, &audit);
    sv_audit_config_free(&audit);
    return finish_output(EXIT_CLEAN);
}

/* ---- render ---- */

/* "svg|png|...", from the render stage's table of formats (filled in main) */
static char render_format_values[128];

static const sv_option render_options[] = {
    {"view", 'v', N_("VIEW"),
     N_("the view to draw, one of the views below (required)"), OPT_VIEW},
    {"output", 'o', N_("FILE"), N_("write to FILE, atomically (default: standard output)"),
     OPT_OUTPUT},
    {"format", 'f', render_format_values,
     N_("output format (default: from FILE's extension, else svg); csv and html for raci"),
     OPT_FORMAT},
    {"findings", 0, NULL, N_("mark the elements that have findings (red outline, rule names in "
                             "the tooltip)"),
     OPT_FINDINGS},
    {"config", 0, N_("FILE"), N_("rule severities for --findings (default: the nearest "
                                 ".samverkan.yaml above the model)"),
     OPT_CONFIG},
    SV_NO_CONFIG_OPTION,
    {"timeout", 0, N_("SECONDS"), N_("give up a layout after this much CPU time (default 60)"),
     OPT_TIMEOUT},
    SV_CSV_OPTION,
    {"lanes", 0, "party|unit",
     N_("the process view's lanes: one per party (default), or per unit of a party"), OPT_LANES},
    {"focus", 0, N_("ID"), N_("the governance view of a large model: draw the folded group of "
                              "body ID in full"),
     OPT_FOCUS},
    SV_OUTPUT_OPTION,
    SV_LIMIT_OPTIONS,
    COMMON_OPTIONS,
    {NULL, 0, NULL, NULL, 0}};

typedef struct render_args {
    bool help;
    bool findings;
    const char *view;
    const char *output;
    const char *config;
    const char *focus;
    bool format_given;
    sv_render_format format;
    long timeout;
    sv_lanes lanes;
    bool lanes_given;
    unsigned long long max_output;
    sv_load_limits limits;
    const char *input;
    const char *second;  /* the diff view's scenario */
    size_t input_count;
    sv_csv_dialect csv_dialect;
    bool csv_dialect_given;
} render_args;

static int render_option(const sv_option *o, const char *value, void *data)
{
    render_args *a = data;
    long n;
    if (!o) {
        if (a->input_count == 0)
            a->input = value;
        else if (a->input_count == 1)
            a->second = value;
        a->input_count++;
        return 0;
    }
    switch (o->id) {
    case OPT_HELP: a->help = true; return 0;
    case OPT_LANG: return 0;
    case OPT_VIEW: a->view = value; return 0;
    case OPT_OUTPUT: a->output = value; return 0;
    case OPT_FINDINGS: a->findings = true; return 0;
    case OPT_CONFIG: a->config = value; return 0;
    case SV_OPT_NO_CONFIG: a->config = SV_CONFIG_NONE; return 0;
    case OPT_FORMAT:
        if (sv_render_format_parse(value, &a->format)) {
            a->format_given = true;
            return 0;
        }
        const char *names[SV_RENDER_FORMAT_COUNT];
        for (int f = 0; f < SV_RENDER_FORMAT_COUNT; f++)
            names[f] = sv_render_format_name((sv_render_format)f);
        format_error(value, names, SV_RENDER_FORMAT_COUNT);
        return -1;
    case OPT_LANES:
        a->lanes_given = true;
        if (strcmp(value, "party") == 0 || strcmp(value, "unit") == 0) {
            a->lanes = value[0] == 'u' ? SV_LANES_UNIT : SV_LANES_PARTY;
            return 0;
        }
        usage_error(_("--lanes needs party or unit, not '%s'"), value);
        return -1;
    case OPT_FOCUS: a->focus = value; return 0;
    case OPT_TIMEOUT:
        if (sv_options_number(value, 1, 86400, &n)) {
            a->timeout = n;
            return 0;
        }
        usage_error(_("--timeout needs a number of seconds from 1 to 86400, not '%s'"), value);
        return -1;
    case SV_OPT_MAX_OUTPUT_SIZE:
        return sv_options_output_size(value, &a->max_output);
    case SV_OPT_CSV_DIALECT:
        return sv_options_csv_dialect(value, &a->csv_dialect, &a->csv_dialect_given);
    case SV_OPT_MAX_FILE_SIZE:
    case SV_OPT_MAX_DEPTH:
    case SV_OPT_MAX_NODES:
    case SV_OPT_ALLOW_BASE_OUTSIDE:
        return sv_options_limit(o->id, value, &a->limits);
    }
    return -1;
}

/* A failure of the render stage itself: "file: error: message [code]" per
 * diagnostic (there is no line to show), then what it means. */
static void report_render_errors(const sv_diags *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        const sv_diag *d = &diags->items[i];
        if (d->pos.file) {
            sv_report_put_safe(stderr, d->pos.file, strlen(d->pos.file));
            fputs(": ", stderr);
        }
        fprintf(stderr, "%s: ", sv_severity_label(SV_SEV_ERROR));
        sv_report_put_safe(stderr, d->message ? d->message : "", d->message ? strlen(d->message) : 0);
        fprintf(stderr, " [%s]\n", d->code);
    }
    fprintf(stderr, "%s\n", _("nothing was drawn"));
}

/* Every view, from the render stage's own names: "governance, process:ID, ...". */
static const char *view_list(void)
{
    static char list[256];
    size_t n = 0;
    list[0] = '\0';
    for (int k = 0; k < SV_VIEW_COUNT; k++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", k ? ", " : "",
                              sv_view_usage((sv_view_kind)k));
    return list;
}

/* Turns a view that does not parse into a usage error with a hint. */
static int view_error(sv_view_parse_result r, const char *text, const char *hint)
{
    const char *colon = strchr(text, ':');
    const char *id = colon ? colon + 1 : "";
    switch (r) {
    case SV_VIEW_UNKNOWN:
        if (hint)
            return usage_error(_("unknown view '%s'; did you mean '%s'?"), text, hint);
        return usage_error(_("unknown view '%s'; the views are: %s"), text, view_list());
    case SV_VIEW_NEEDS_ID:
        return usage_error(_("the view '%s' needs an id, as in %s:ID"), text,
                           strncmp(text, "process", 7) == 0 ? "process" : "party");
    case SV_VIEW_TAKES_NO_ID:
        return usage_error(_("the view '%s' takes no id"), text);
    case SV_VIEW_NO_ELEMENT:
    case SV_VIEW_WRONG_KIND:
        if (hint)
            return usage_error(_("the model has no %s '%s'; did you mean '%s'?"),
                               strncmp(text, "process", 7) == 0 ? _("process") : _("party"), id,
                               hint);
        return usage_error(_("the model has no %s '%s'"),
                           strncmp(text, "process", 7) == 0 ? _("process") : _("party"), id);
    default: return EXIT_INPUT;
    }
}

typedef struct render_job {
    const sv_model *model;
    const sv_render_options *options;
    sv_diags *diags;
} render_job;

/* Draws into the output file as it is written (see sv_report_write_stream). */
static int render_into(FILE *out, void *ctx)
{
    render_job *job = ctx;
    return sv_render_to(out, job->model, job->options, job->diags);
}

static int run_render(const sv_command *self, int argc, char **argv)
{
    render_args a = {.format = SV_RENDER_SVG};
    sv_load_limits_default(&a.limits);
    sv_model *model = NULL, *base = NULL;
    sv_diff diff = {0};
    sv_diags diags;
    sv_diags_init(&diags);
    sv_findings findings;
    sv_findings_init(&findings);
    sv_check checker = {0};
    sv_inputs inputs;
    sv_inputs_init(&inputs);
    char *data = NULL;
    size_t len = 0;
    int code = EXIT_INPUT;
    if (sv_options_parse(argc, argv, 2, render_options, render_option, &a) != 0)
        goto done;
    if (a.help) {
        sv_command_help(self);
        printf("\n%s\n", _("views:"));
        for (int k = 0; k < SV_VIEW_COUNT; k++)
            printf("  %-28s  %s\n", sv_view_usage((sv_view_kind)k),
                   sv_view_summary((sv_view_kind)k));
        code = finish_output(EXIT_CLEAN);
        goto done;
    }
    bool diff_view = a.view && strcmp(a.view, "diff") == 0;
    /* the row says 1 or 2; which one, the view says */
    if (!sv_command_arity_ok(self, a.input_count) || a.input_count != (diff_view ? 2u : 1u)) {
        code = usage_error("%s", a.input_count == 0
                                     ? _("render needs a model file: samverkan render MODEL.yaml "
                                         "--view VIEW")
                                     : diff_view ? _("the diff view compares two models: samverkan "
                                                     "render BASE SCENARIO --view diff")
                                                 : _("render draws one model at a time"));
        goto done;
    }
    if (!a.view) {
        code = usage_error(_("render needs --view, one of: %s"), view_list());
        goto done;
    }
    if (!a.format_given && a.output && !sv_render_format_from_path(a.output, &a.format)) {
        code = usage_error(_("cannot tell the format from '%s'; give --format"), a.output);
        goto done;
    }
    if (!a.output && sv_render_format_is_binary(a.format) && isatty(STDOUT_FILENO)) {
        code = usage_error(_("%s is binary; write it to a file with -o"),
                           sv_render_format_name(a.format));
        goto done;
    }
    /* the diff view draws the second model against the first; the
       findings are those of the model drawn, with the configuration
       beside the first */
    sv_check_init(&checker, &(sv_check_options){.model = a.input, .config = a.config,
                                                .limits = &a.limits});
    if (sv_check_load(&checker, diff_view ? &base : &model, a.input, &diags) != 0 ||
        (diff_view && sv_check_load(&checker, &model, a.second, &diags) != 0)) {
        sv_diags_sort(&diags);
        sv_report_diags_text(stderr, &diags);
        goto done;
    }
    /* never over the models, the bases of a scenario or a config, found or given */
    if (sv_inputs_add_model(&inputs, model) != 0 || sv_inputs_add_model(&inputs, base) != 0 ||
        sv_inputs_add_config(&inputs, a.config, a.input) != 0 ||
        (diff_view && sv_inputs_add_config(&inputs, NULL, a.second) != 0)) {
        fprintf(stderr, "%s\n", _("samverkan: out of memory"));
        goto done;
    }
    const char *outputs[] = {a.output};
    if (sv_inputs_check_outputs(&inputs, outputs, 1) != 0)
        goto done;
    sv_render_options options = {
        .format = a.format, .max_seconds = (double)a.timeout, .max_output = a.max_output,
        .csv_dialect = a.csv_dialect_given ? a.csv_dialect : sv_options_csv_default(),
        .lanes = a.lanes};
    if (diff_view) {
        sv_findings none;
        sv_findings_init(&none);
        if (sv_diff_models(&diff, base, &none, model, &none) != 0) {
            fprintf(stderr, "%s\n", _("samverkan: out of memory"));
            goto done;
        }
        options.base = base;
        options.diff = &diff;
    }
    const char *hint;
    sv_view_parse_result parsed = sv_view_parse(&options.view, model, a.view, &hint);
    if (parsed != SV_VIEW_OK) {
        code = view_error(parsed, a.view, hint);
        goto done;
    }
    if (a.lanes_given && options.view.kind != SV_VIEW_PROCESS) {
        code = usage_error("%s", _("--lanes is for the process view (--view process:ID)"));
        goto done;
    }
    if (a.focus) {
        sv_id focus = sv_model_find(model, a.focus);
        if (options.view.kind != SV_VIEW_GOVERNANCE) {
            code = usage_error("%s", _("--focus is for the governance view"));
            goto done;
        }
        if (focus == SV_NONE || model->elements[focus].kind != SV_KIND_BODY) {
            code = usage_error(_("--focus: the model has no body '%s'"), a.focus);
            goto done;
        }
        options.focus = a.focus;
    }
    if (a.findings) {
        if (sv_check_configure(&checker, &diags) != 0) {
            sv_diags_sort(&diags);
            sv_report_diags_text(stderr, &diags);
            goto done;
        }
        if (sv_check_rules(&checker, &findings, model, &diags) != 0) {
            sv_report_diags_text(stderr, &diags);
            goto done;
        }
        options.findings = &findings;
    }
    if (a.format == SV_RENDER_CSV || a.format == SV_RENDER_HTML) {
        /* the table is streamed, into the temporary file or to stdout, as
         * it is made: it is the one output that grows with rows × columns */
        render_job job = {model, &options, &diags};
        int r = a.output ? sv_report_write_stream(a.output, render_into, &job, &inputs)
                         : sv_render_to(stdout, model, &options, &diags);
        if (r != 0) {
            if (diags.count)
                report_render_errors(&diags);
            goto done;
        }
        code = a.output ? EXIT_CLEAN : finish_output(EXIT_CLEAN);
        goto done;
    }
    /* a diagram is laid out before the output file is opened, so that an
     * interrupt during a long layout is not held back */
    if (sv_render(&data, &len, model, &options, &diags) != 0) {
        report_render_errors(&diags);
        goto done;
    }
    if (a.output) {
        if (sv_report_write_file(a.output, data, len, &inputs) != 0)
            goto done;
        code = EXIT_CLEAN;
    } else {
        fwrite(data, 1, len, stdout);
        code = finish_output(EXIT_CLEAN);
    }
done:
    free(data);
    sv_inputs_free(&inputs);
    sv_check_free(&checker);
    sv_findings_free(&findings);
    sv_diff_free(&diff);
    sv_model_free(model);
    sv_model_free(base);
    sv_diags_free(&diags);
    return code;
}

/* ---- help ---- */

static const sv_command *find_command(const char *name);
static void print_main_help(void);
static int unknown_command(const char *name);

static const sv_option help_options[] = {
    COMMON_OPTIONS,
    {NULL, 0, NULL, NULL, 0}};

typedef struct help_args {
    bool help;
    const char *command;
    size_t count;
} help_args;

static int help_option(const sv_option *o, const char *value, void *data)
{
    help_args *a = data;
    if (!o) {
        a->command = value;
        a->count++;
    } else if (o->id == OPT_HELP) {
        a->help = true;
    }
    return 0;
}

/* `samverkan help CMD` is `samverkan CMD --help`; `samverkan help`, the
 * program's own help. */
static int run_help(const sv_command *self, int argc, char **argv)
{
    help_args a = {0};
    if (sv_options_parse(argc, argv, 2, help_options, help_option, &a) != 0)
        return EXIT_INPUT;
    if (a.help) {
        sv_command_help(self);
        return finish_output(EXIT_CLEAN);
    }
    if (!sv_command_arity_ok(self, a.count))
        return usage_error("%s", _("help takes one command: samverkan help COMMAND"));
    if (!a.command) {
        print_main_help();
        return finish_output(EXIT_CLEAN);
    }
    const sv_command *cmd = find_command(a.command);
    if (!cmd)
        return unknown_command(a.command);
    char *args[] = {argv[0], (char *)cmd->name, "--help", NULL};
    return cmd->run(cmd, 3, args);
}

/* ---- the command table ---- */

/* One row per command: what `samverkan --help` lists, what the command's
 * --help prints, and how many arguments it takes (commands.h). */
static const sv_command commands[] = {
    {"check", run_check, N_("load a model, run the rule catalogue and print the findings"),
     N_("samverkan check [OPTIONS] MODEL..."), check_options, 1, SV_ARGS_MANY},
    {"render", run_render,
     N_("draw a diagram of a model: governance, a process, RACI, a party, reporting, or a "
        "scenario against its base"),
     N_("samverkan render [OPTIONS] MODEL --view VIEW [-o FILE]"), render_options, 1, 2},
    {"diff", sv_cmd_diff, N_("what changed between two models, or a scenario and its base"),
     N_("samverkan diff [OPTIONS] A B"), sv_diff_options, 2, 2},
    {"whatif", sv_cmd_whatif, N_("take out parties, people or bodies and list what breaks"),
     N_("samverkan whatif [OPTIONS] MODEL --without ID..."), sv_whatif_options, 1, 1},
    {"metrics", sv_cmd_metrics,
     N_("graph figures per body, party and person: seats, chairs, centrality, distance"),
     N_("samverkan metrics [OPTIONS] MODEL"), sv_metrics_options, 1, 1},
    {"init", sv_cmd_init,
     N_("write a small commented starter model and .samverkan.yaml that check clean"),
     N_("samverkan init [OPTIONS] [DIR]"), sv_init_options, 0, 1},
    {"simulate", sv_cmd_simulate,
     N_("queue simulation of the service points, inputs side by side, with Erlang C"),
     N_("samverkan simulate [OPTIONS] MODEL..."), sv_simulate_options, 1, SV_ARGS_MANY},
    {"report", sv_cmd_report,
     N_("one self-contained HTML report: findings, audit questions, diagrams, RACI, scenarios"),
     N_("samverkan report [OPTIONS] MODEL [--scenario FILE]... -o report.html"), sv_report_options, 1, 1},
    {"serve", sv_cmd_serve,
     N_("a web page of the model: its text, findings, audit and diagrams; edit, save, check "
        "again"),
     N_("samverkan serve [OPTIONS] MODEL"), sv_serve_options, 1, 1},
    {"rules", run_rules, N_("list the rule catalogue: name, severity, audit question, summary"),
     N_("samverkan rules [OPTIONS]"), rules_options, 0, 0},
    {"explain", run_explain,
     N_("explain one rule in full: what it finds, why it matters, an example, how to fix it"),
     N_("samverkan explain RULE"), explain_options, 1, 1},
    {"help", run_help, N_("describe a command's options, as 'samverkan COMMAND --help' does"),
     N_("samverkan help [COMMAND]"), help_options, 0, 1},
};

static const sv_command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* "unknown command 'x'; did you mean 'y'?", exit code 2. */
static int unknown_command(const char *name)
{
    const char *names[sizeof commands / sizeof commands[0]];
    size_t n = sizeof commands / sizeof commands[0];
    for (size_t i = 0; i < n; i++)
        names[i] = commands[i].name;
    const char *hint = sv_closest(name, names, n);
    if (hint)
        return usage_error(_("unknown command '%s'; did you mean '%s'?"), name, hint);
    return usage_error(_("unknown command '%s'; see samverkan --help"), name);
}

static void print_main_help(void)
{
    printf("%s\n\n", _("usage: samverkan [--lang sv|en] COMMAND [OPTIONS] [ARGS]"));
    printf("%s\n\n", _("Checks cooperation agreements between public agencies, modelled in YAML."));
    printf("%s\n", _("commands:"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        printf("  %-10s %s\n", commands[i].name, _(commands[i].summary));
    printf("\n%s\n", _("'samverkan help COMMAND' (or 'samverkan COMMAND --help') describes a "
                           "command's options; 'samverkan -V' prints the version."));
}

/* --lang is read before anything is printed, wherever it stands. */
static const char *find_lang(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            return argv[i + 1];
        if (strncmp(argv[i], "--lang=", 7) == 0)
            return argv[i] + 7;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    /* the library's first call; the language chosen next rebinds the text
     * domain to the catalogue beside the program */
    sv_library_init();
    const char *lang = find_lang(argc, argv);
    if (sv_cli_i18n_init(lang) != 0) {
        sv_cli_i18n_init(NULL);
        return usage_error(_("unknown language '%s'; samverkan speaks sv and en"), lang);
    }
    {
        const char *names[SV_RENDER_FORMAT_COUNT + 16];
        size_t count = 0;
        for (; count < 16 && sv_check_format_at(count); count++)
            names[count] = sv_check_format_at(count)->name;
        format_values(check_format_values, sizeof check_format_values, names, count);
        for (int f = 0; f < SV_RENDER_FORMAT_COUNT; f++)
            names[f] = sv_render_format_name((sv_render_format)f);
        format_values(render_format_values, sizeof render_format_values, names,
                      SV_RENDER_FORMAT_COUNT);
    }
    /* leading global options: --lang, --help, --version */
    int first = 1;
    while (first < argc && argv[first][0] == '-') {
        const char *arg = argv[first];
        if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
            printf("samverkan %s\n", SAMVERKAN_VERSION);
            return finish_output(EXIT_CLEAN);
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            print_main_help();
            return finish_output(EXIT_CLEAN);
        }
        if (strcmp(arg, "--lang") == 0 && first + 1 < argc) {
            first += 2;
            continue;
        }
        if (strncmp(arg, "--lang=", 7) == 0) {
            first++;
            continue;
        }
        return usage_error(_("unknown option '%s'; see samverkan --help"), arg);
    }
    if (first >= argc) {
        print_main_help();
        return finish_output(EXIT_INPUT);
    }
    const sv_command *cmd = find_command(argv[first]);
    if (!cmd)
        return unknown_command(argv[first]);
    /* the command parses from argv[first + 1]: shift so that it sees itself at [1] */
    return cmd->run(cmd, argc - first + 1, argv + first - 1);
}
