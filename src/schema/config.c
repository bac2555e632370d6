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
 * The profile is read first, so that nej_at and weights change it. A
 * relative profile path is taken from the configuration file's folder.
 */
#include "samverkan/config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "samverkan/tree.h"
#include "schema/schema_internal.h"
#include "schema/synonyms.h"
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

static bool read_rules(sv_config *c, const sv_node *node, sv_diags *diags)
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
        } else {
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

int sv_config_read(sv_config *config, const char *path, sv_diags *diags)
{
    sv_tree *tree;
    if (sv_tree_load_file(&tree, path, NULL, diags) != 0)
        return -1;
    static const char *const keys[] = {"rules", "audit", NULL};
    const sv_node *root = sv_tree_root(tree);
    sv_diags_add_source(diags, sv_tree_source(tree));
    bool ok = sv_node_check_keys(diags, root, N_("the configuration"), keys);
    const sv_pair *p;
    if ((p = sv_node_get(root, "rules")))
        ok = read_rules(config, p->value, diags) && ok;
    if ((p = sv_node_get(root, "audit")))
        ok = read_audit(config, p->value, path, diags) && ok;
    sv_tree_free(tree);
    free(config->path);
    config->path = strdup(path);
    return ok ? 0 : -1;
}

char *sv_config_path_beside(const char *model_path)
{
    const char *slash = strrchr(model_path, '/');
    size_t dir = slash ? (size_t)(slash - model_path) + 1 : 0;
    char *beside = malloc(dir + sizeof SV_CONFIG_FILE);
    if (beside) {
        memcpy(beside, model_path, dir);
        memcpy(beside + dir, SV_CONFIG_FILE, sizeof SV_CONFIG_FILE);
    }
    return beside;
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
    if (explicit_path)
        return sv_config_read(config, explicit_path, diags);
    char *next_to = sv_config_path_beside(model_path);
    if (!next_to) {
        sv_diags_add(diags, "too-large", (sv_pos){model_path, 0, 0}, "%s", _("out of memory"));
        return -1;
    }
    int result = 0;
    if (access(next_to, F_OK) == 0)
        result = sv_config_read(config, next_to, diags);
    free(next_to);
    return result;
}
