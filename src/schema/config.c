/*
 * Reading .samverkan.yaml (see samverkan/config.h and docs/cli.md):
 *
 *   rules:
 *     body-without-chair: off          # off | note | warning | error (info = note)
 *   audit:
 *     profile: my-audit.yaml           # the audit profile (default: the bundled one)
 *     nej_at: 3                        # distinct rules with major findings that make "Nej"
 *     weights:
 *       step-without-accountable: {2: major}   # replaces the rule's whole row
 *
 *   extends: ../shared.yaml            # or a list; read first, this file's keys win
 *   overrides:
 *     - files: ["regioner/n*.yaml"]    # fnmatch from this file's folder, ** for folders
 *       rules: {sole-link: off}
 *
 * The profile is read first, so that nej_at and weights change it. A
 * relative profile or extends path is taken from the naming file's folder.
 *
 * Which file a model gets (sv_config_locate): --config, else
 * $SAMVERKAN_CONFIG, else the nearest .samverkan.yaml from the model's
 * folder up to the repository root or $HOME, as eslint and yamllint find
 * theirs. The order of a chain is eslint's too: the extended files, then
 * this file's rules and audit, then its overrides that match the model.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "samverkan/config.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samverkan/tree.h"
#include "schema/schema_internal.h"
#include "schema/synonyms.h"
#include "util/folder.h"
#include "util/i18n.h"
#include "util/text.h"

int sv_config_default(sv_config *out)
{
    memset(out, 0, sizeof *out);
    out->severity = malloc(sv_rule_count() * sizeof *out->severity);
    out->severity_given = calloc(sv_rule_count(), sizeof *out->severity_given);
    if (!out->severity || !out->severity_given || sv_audit_config_default(&out->audit) != 0) {
        sv_config_free(out);
        return -1;
    }
    for (size_t i = 0; i < sv_rule_count(); i++)
        out->severity[i] = sv_rule_at(i)->severity;
    return 0;
}

void sv_config_free(sv_config *config)
{
    if (!config)
        return;
    free(config->severity);
    free(config->severity_given);
    free(config->path);
    for (size_t i = 0; i < config->file_count; i++)
        free(config->files[i]);
    free(config->files);
    sv_audit_config_free(&config->audit);
    memset(config, 0, sizeof *config);
}

static bool config_error(sv_diags *diags, const char *code, sv_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static bool config_error(sv_diags *diags, const char *code, sv_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sv_diags_vadd(diags, code, pos, fmt, ap);
    va_end(ap);
    return false;
}

static bool expect_map(const sv_node *node, const char *key, sv_diags *diags)
{
    if (node->kind == SV_NODE_MAP)
        return true;
    return config_error(diags, "wrong-type", node->pos, _("'%s' must be a mapping of keys"), key);
}

static int find_rule(const sv_node *name, sv_diags *diags)
{
    const char *hint;
    int rule = sv_rule_find(name->text, &hint);
    if (rule >= 0)
        return rule;
    if (hint)
        config_error(diags, "unknown-rule", name->pos, _("there is no rule '%s'; did you mean '%s'?"),
                     name->text, hint);
    else
        config_error(diags, "unknown-rule", name->pos,
                     _("there is no rule '%s'; 'samverkan rules' lists them"), name->text);
    return -1;
}

/* The severities of `node` into `c`, or only checked when not `apply` (an
 * override for other files). */
static bool read_rules(sv_config *c, const sv_node *node, bool apply, sv_diags *diags)
{
    if (!expect_map(node, "rules", diags))
        return false;
    bool ok = true;
    for (size_t i = 0; i < node->count; i++) {
        int rule = find_rule(node->pairs[i].key, diags);
        const sv_node *v = node->pairs[i].value;
        sv_severity sev;
        if (rule < 0) {
            ok = false;
        } else if (v->kind != SV_NODE_SCALAR ||
                   !sv_severity_parse(sv_synonym_canonical(v->text), &sev)) {
            /* fel, varning, notering and av are the Swedish words (synonyms.c) */
            static const char *const names[] = {"error", "warning", "note", "off"};
            const char *english =
                v->kind == SV_NODE_SCALAR ? sv_synonym_suggest(v->text, names, 4) : NULL;
            if (english)
                ok = config_error(diags, "invalid-value", v->pos,
                                  _("a rule's severity is off, note, warning or error, not '%s'; "
                                    "write '%s'"),
                                  v->text, english);
            else
                ok = config_error(diags, "invalid-value", v->pos,
                                  _("a rule's severity is off, note, warning or error, not '%s'"),
                                  v->kind == SV_NODE_SCALAR ? v->text : "");
        } else if (apply) {
            c->severity[rule] = sev;
            c->severity_given[rule] = true;
        }
    }
    return ok;
}

static bool read_weights(sv_config *c, const sv_node *node, sv_diags *diags)
{
    if (!expect_map(node, "weights", diags))
        return false;
    bool ok = true;
    for (size_t i = 0; i < node->count; i++) {
        int rule = find_rule(node->pairs[i].key, diags);
        const sv_node *row = node->pairs[i].value;
        if (rule < 0 || !expect_map(row, node->pairs[i].key->text, diags)) {
            ok = false;
            continue;
        }
        int questions = (int)c->audit.question_count;
        for (int q = 1; q <= questions; q++)
            *sv_audit_weight(&c->audit, (size_t)rule, q) = SV_WEIGHT_NONE;
        for (size_t k = 0; k < row->count; k++) {
            const sv_node *qn = row->pairs[k].key, *wn = row->pairs[k].value;
            char *end = NULL;
            long q = qn->plain ? strtol(qn->text, &end, 10) : 0;
            if (!end || *end || q < 1 || q > questions) {
                ok = config_error(diags, "invalid-value", qn->pos,
                                  _("the audit profile has questions 1 to %d, not '%s'"), questions,
                                  qn->text);
                continue;
            }
            sv_weight w = SV_WEIGHT_NONE;
            bool known = false;
            for (int x = SV_WEIGHT_NONE; x <= SV_WEIGHT_MAJOR && !known; x++)
                if (wn->kind == SV_NODE_SCALAR && strcmp(wn->text, sv_weight_name((sv_weight)x)) == 0) {
                    w = (sv_weight)x;
                    known = true;
                }
            if (!known) {
                ok = config_error(diags, "invalid-value", wn->pos,
                                  _("a weight is none, minor or major, not '%s'"),
                                  wn->kind == SV_NODE_SCALAR ? wn->text : "");
                continue;
            }
            *sv_audit_weight(&c->audit, (size_t)rule, (int)q) = w;
        }
    }
    return ok;
}

/* `name` beside the file `base`, unless it is absolute; NULL when out of memory. */
static char *beside(const char *base, const char *name)
{
    const char *slash = strrchr(base, '/');
    size_t dir = name[0] != '/' && slash ? (size_t)(slash - base) + 1 : 0;
    char *path = malloc(dir + strlen(name) + 1);
    if (path) {
        memcpy(path, base, dir);
        strcpy(path + dir, name);
    }
    return path;
}

static bool read_profile(sv_config *c, const char *path, sv_pos pos, sv_diags *diags)
{
    size_t before = sv_diags_total(diags);
    if (sv_audit_config_read(&c->audit, path, diags) == 0)
        return true;
    if (sv_diags_total(diags) == before)
        config_error(diags, "invalid-value", pos, _("cannot read the audit profile '%s'"), path);
    return false;
}

static bool read_audit(sv_config *c, const sv_node *node, const char *config_path, sv_diags *diags)
{
    static const char *const keys[] = {"profile", "nej_at", "weights", NULL};
    if (!expect_map(node, "audit", diags))
        return false;
    bool ok = sv_node_check_keys(diags, node, "'audit'", keys);
    const sv_pair *p = sv_node_get(node, "profile");
    if (p) {
        const sv_node *v = p->value;
        if (v->kind != SV_NODE_SCALAR || v->len == 0) {
            ok = config_error(diags, "wrong-type", v->pos, "%s",
                              _("'profile' is the path of an audit profile"));
        } else if (!c->audit_given) {
            /* --audit on the command line wins over the file */
            char *path = beside(config_path, v->text);
            if (!path)
                return config_error(diags, "too-large", v->pos, "%s", _("out of memory"));
            ok = read_profile(c, path, v->pos, diags) && ok;
            free(path);
        }
        if (!ok)
            return false; /* the weights below are checked against the profile */
    }
    p = sv_node_get(node, "nej_at");
    if (p) {
        const sv_node *v = p->value;
        char *end = NULL;
        long n = v->kind == SV_NODE_SCALAR && v->plain ? strtol(v->text, &end, 10) : 0;
        if (!end || *end || n < 1 || n > 100)
            ok = config_error(diags, "out-of-range", v->pos,
                              _("'nej_at' must be a whole number from 1 to 100"));
        else
            c->audit.nej_at = (int)n;
    }
    if ((p = sv_node_get(node, "weights")))
        ok = read_weights(c, p->value, diags) && ok;
    return ok;
}

/* ---- paths ---- */

/* The real path of the folder of `path`; when that folder is not there (a
 * name given to standard input), the current folder. NULL when neither
 * resolves. */
static char *real_folder(const char *path, bool *own)
{
    char *dir = beside(path, ""); /* the folder part with its '/', or "" */
    char *real = dir ? realpath(dir[0] ? dir : ".", NULL) : NULL;
    *own = real != NULL;
    if (!real && dir)
        real = realpath(".", NULL);
    free(dir);
    return real;
}

/* The real folder `to` as a path from the real folder `from`: "../../x/",
 * or "" for the same folder (malloc'ed). */
static char *relative_folder(const char *from, const char *to)
{
    size_t i = 0;
    while (from[i] && from[i] == to[i])
        i++;
    /* back to the end of the last whole component the two share */
    if (!((from[i] == '\0' || from[i] == '/') && (to[i] == '\0' || to[i] == '/')))
        while (i > 0 && from[i - 1] != '/')
            i--;
    size_t ups = 0;
    for (const char *p = from + i; *p; p++)
        ups += *p != '/' && (p == from + i || p[-1] == '/');
    const char *rest = to + i;
    while (*rest == '/')
        rest++;
    char *out = malloc(3 * ups + strlen(rest) + 2);
    if (!out)
        return NULL;
    out[0] = '\0';
    for (size_t k = 0; k < ups; k++)
        strcat(out, "../");
    if (*rest) {
        strcat(out, rest);
        strcat(out, "/");
    }
    return out;
}

/* The nearest SV_CONFIG_FILE from the folder of `model_path` upwards,
 * looking in the folder that holds .git (the repository root) or is $HOME
 * last, whichever comes first. The one beside the model is named as
 * sv_config_path_beside names it; one above, relative to the current
 * folder (absolute for an absolute model path). *found is NULL when there
 * is none; -1 when out of memory. */
static int discover(const char *model_path, char **found)
{
    *found = NULL;
    bool own;
    char *dir = real_folder(model_path, &own);
    if (!dir)
        return 0; /* no folder to look in: the defaults */
    const char *home_env = getenv("HOME");
    char *home = home_env && *home_env ? realpath(home_env, NULL) : NULL;
    static const char *const marks[] = {SV_CONFIG_FILE, NULL}, *const fences[] = {".git", NULL};
    char *at = sv_folder_find_up(dir, marks, fences, home);
    int rc = 0;
    if (at) {
        if (own && strcmp(at, dir) == 0) {
            *found = sv_config_path_beside(model_path);
        } else if (model_path[0] == '/') {
            *found = sv_concat(strcmp(at, "/") == 0 ? "" : at, "/" SV_CONFIG_FILE, NULL);
        } else {
            /* from the current folder, as the model's path is */
            char *cwd = realpath(".", NULL);
            char *rel = cwd ? relative_folder(cwd, at) : sv_concat(at, "/", NULL);
            *found = rel ? sv_concat(rel, SV_CONFIG_FILE, NULL) : NULL;
            free(rel);
            free(cwd);
        }
        rc = *found ? 0 : -1;
    }
    free(at);
    free(home);
    free(dir);
    return rc;
}

int sv_config_locate(char **found, const char *explicit_path, const char *model_path)
{
    *found = NULL;
    if (explicit_path && explicit_path[0] == '\0')
        return 0; /* SV_CONFIG_NONE */
    const char *env = getenv("SAMVERKAN_CONFIG");
    const char *given = explicit_path ? explicit_path : env && env[0] ? env : NULL;
    if (given)
        return (*found = strdup(given)) ? 1 : -1;
    return model_path ? discover(model_path, found) : 0;
}

char *sv_config_path_beside(const char *model_path)
{
    return beside(model_path, SV_CONFIG_FILE);
}

/* `model_path` relative to the folder of `config_path`, as the overrides'
 * patterns see it ("regioner/norr.yaml"), or NULL when the model does not
 * lie below that folder (or out of memory). */
static char *model_below(const char *model_path, const char *config_path)
{
    bool own_model, own_config;
    char *mdir = real_folder(model_path, &own_model);
    char *cdir = real_folder(config_path, &own_config);
    char *out = NULL;
    if (mdir && cdir && own_config) {
        const char *slash = strrchr(model_path, '/');
        const char *name = slash ? slash + 1 : model_path;
        if (sv_folder_inside(mdir, cdir)) {
            size_t n = strcmp(cdir, "/") == 0 ? 0 : strlen(cdir);
            const char *rest = mdir + n + (mdir[n] == '/');
            out = malloc(strlen(rest) + strlen(name) + 2);
            if (out)
                sprintf(out, "%s%s%s", rest, rest[0] ? "/" : "", name);
        }
    }
    free(mdir);
    free(cdir);
    return out;
}

/* ---- the patterns of overrides ---- */

/* Whether the model `path` (relative to the configuration's folder)
 * matches `pattern`; one without '/' matches the file's name in any
 * folder, as eslint's do. */
static bool pattern_matches(const char *pattern, const char *path)
{
    while (pattern[0] == '.' && pattern[1] == '/')
        pattern += 2;
    if (!strchr(pattern, '/')) {
        const char *slash = strrchr(path, '/');
        return fnmatch(pattern, slash ? slash + 1 : path, FNM_PATHNAME) == 0;
    }
    return sv_path_glob_match(pattern, path);
}

/* ---- reading a chain of files ---- */

typedef struct reader {
    sv_config *config;
    const char *model; /* the model relative to the top file's folder, or NULL */
    char *chain[SV_CONFIG_MAX_EXTENDS + 1]; /* the real paths being read, top first */
    const char *names[SV_CONFIG_MAX_EXTENDS + 1]; /* ... as named */
    size_t depth;
    bool files_only; /* follow 'extends' and list the files, apply nothing */
    sv_diags *diags;
} reader;

static bool read_overrides(reader *r, const sv_node *node)
{
    sv_diags *diags = r->diags;
    static const char *const keys[] = {"files", "rules", NULL};
    if (node->kind != SV_NODE_SEQ)
        return config_error(diags, "wrong-type", node->pos, "%s",
                            _("'overrides' is a list of entries with 'files' and 'rules'"));
    bool ok = true;
    for (size_t i = 0; i < node->count; i++) {
        const sv_node *entry = node->items[i];
        if (!expect_map(entry, "overrides", diags)) {
            ok = false;
            continue;
        }
        ok = sv_node_check_keys(diags, entry, N_("an entry of 'overrides'"), keys) && ok;
        const sv_pair *files = sv_node_get(entry, "files");
        const sv_pair *rules = sv_node_get(entry, "rules");
        if (!files || !rules) {
            ok = config_error(diags, "missing-key", entry->pos, _("this entry of 'overrides' needs '%s'"),
                              files ? "rules" : "files");
            continue;
        }
        const sv_node *list = files->value;
        const char *shape = _("'files' is a pattern such as 'regioner/*.yaml', or a list of them");
        bool matches = false, good = true;
        size_t count = list->kind == SV_NODE_SEQ ? list->count : 1;
        if (list->kind == SV_NODE_SEQ && count == 0)
            good = config_error(diags, "wrong-type", list->pos, "%s", shape);
        for (size_t k = 0; k < count; k++) {
            const sv_node *p = list->kind == SV_NODE_SEQ ? list->items[k] : list;
            if (p->kind != SV_NODE_SCALAR || p->len == 0) {
                good = config_error(diags, "wrong-type", p->pos, "%s", shape);
                break;
            }
            matches = matches || (r->model && pattern_matches(p->text, r->model));
        }
        ok = good && ok;
        ok = read_rules(r->config, rules->value, good && matches, diags) && ok;
    }
    return ok;
}

static int read_file(reader *r, const char *path, const sv_node *named_at);

/* The files that `node` (the value of 'extends' in `path`) names, each
 * read in order over what is there already. */
static bool read_extends(reader *r, const sv_node *node, const char *path)
{
    const char *shape = _("'extends' is the path of another configuration file, or a list of "
                          "them");
    size_t count = node->kind == SV_NODE_SEQ ? node->count : 1;
    bool ok = true;
    if (node->kind == SV_NODE_SEQ && count == 0)
        return config_error(r->diags, "wrong-type", node->pos, "%s", shape);
    /* a mapping (or any single non-scalar) is refused as its one item */
    for (size_t i = 0; i < count; i++) {
        const sv_node *item = node->kind == SV_NODE_SEQ ? node->items[i] : node;
        if (item->kind != SV_NODE_SCALAR || item->len == 0) {
            ok = config_error(r->diags, "wrong-type", item->pos, "%s", shape);
            continue;
        }
        char *next = beside(path, item->text);
        if (!next)
            return config_error(r->diags, "too-large", item->pos, "%s", _("out of memory"));
        ok = read_file(r, next, item) == 0 && ok;
        free(next);
    }
    return ok;
}

/* One file of the chain: refused at `named_at` (its 'extends' entry) when
 * it cannot be read, is already being read, or lies too deep. */
static int read_file(reader *r, const char *path, const sv_node *named_at)
{
    sv_config *config = r->config;
    sv_diags *diags = r->diags;
    char *real = realpath(path, NULL);
    if (named_at) {
        if (!real) {
            config_error(diags, "unreadable-file", named_at->pos,
                         _("cannot read the configuration '%s' that this file extends: %s"), path,
                         strerror(errno));
            return -1;
        }
        for (size_t i = 0; i < r->depth; i++)
            if (strcmp(r->chain[i], real) == 0) {
                char cycle[1024] = "";
                size_t n = 0;
                for (size_t k = i; k < r->depth && n < sizeof cycle; k++)
                    n += (size_t)snprintf(cycle + n, sizeof cycle - n, "%s -> ", r->names[k]);
                if (n < sizeof cycle)
                    snprintf(cycle + n, sizeof cycle - n, "%s", path);
                config_error(diags, "extends-cycle", named_at->pos,
                             _("the configuration extends itself: %s"), cycle);
                free(real);
                return -1;
            }
        if (r->depth > SV_CONFIG_MAX_EXTENDS) {
            config_error(diags, "extends-too-deep", named_at->pos,
                         _("'extends' goes more than %d files deep"), SV_CONFIG_MAX_EXTENDS);
            free(real);
            return -1;
        }
    }
    sv_tree *tree;
    if (sv_tree_load_file(&tree, path, NULL, diags) != 0) {
        free(real);
        return -1;
    }
    char **files = realloc(config->files, (config->file_count + 1) * sizeof *files);
    char *copy = strdup(path);
    if (files)
        config->files = files;
    if (!files || !copy) {
        free(copy);
        free(real);
        sv_tree_free(tree);
        config_error(diags, "too-large", (sv_pos){path, 0, 0}, "%s", _("out of memory"));
        return -1;
    }
    config->files[config->file_count++] = copy;
    r->chain[r->depth] = real ? real : strdup(path);
    r->names[r->depth++] = path;

    static const char *const keys[] = {"extends", "rules", "audit", "overrides", NULL};
    const sv_node *root = sv_tree_root(tree);
    sv_diags_add_source(diags, sv_tree_source(tree));
    bool ok = r->files_only || sv_node_check_keys(diags, root, N_("the configuration"), keys);
    const sv_pair *p;
    if ((p = sv_node_get(root, "extends")))
        ok = read_extends(r, p->value, path) && ok;
    if (r->files_only) {
        sv_tree_free(tree);
        free(r->chain[--r->depth]);
        return ok ? 0 : -1;
    }
    if ((p = sv_node_get(root, "rules")))
        ok = read_rules(config, p->value, true, diags) && ok;
    if ((p = sv_node_get(root, "audit")))
        ok = read_audit(config, p->value, path, diags) && ok;
    if ((p = sv_node_get(root, "overrides")))
        ok = read_overrides(r, p->value) && ok;
    sv_tree_free(tree);
    free(r->chain[--r->depth]);
    return ok ? 0 : -1;
}

int sv_config_read(sv_config *config, const char *path, const char *model_path, sv_diags *diags)
{
    reader r = {.config = config, .diags = diags};
    char *model = model_path ? model_below(model_path, path) : NULL;
    r.model = model;
    int rc = read_file(&r, path, NULL);
    free(model);
    free(config->path);
    config->path = strdup(path);
    return rc;
}

int sv_config_read_files(sv_config *config, const char *path, sv_diags *diags)
{
    reader r = {.config = config, .diags = diags, .files_only = true};
    return read_file(&r, path, NULL);
}

int sv_config_for_model(sv_config *config, const char *explicit_path, const char *audit_path,
                        const char *model_path, sv_diags *diags)
{
    if (sv_config_default(config) != 0) {
        sv_diags_add(diags, "too-large", (sv_pos){model_path, 0, 0}, "%s", _("out of memory"));
        return -1;
    }
    if (audit_path) {
        if (!read_profile(config, audit_path, (sv_pos){audit_path, 0, 0}, diags))
            return -1;
        config->audit_given = true;
    }
    char *path;
    int given = sv_config_locate(&path, explicit_path, model_path);
    if (given < 0) {
        sv_diags_add(diags, "too-large", (sv_pos){model_path, 0, 0}, "%s", _("out of memory"));
        return -1;
    }
    config->given = given == 1;
    int result = path ? sv_config_read(config, path, model_path, diags) : 0;
    free(path);
    return result;
}
