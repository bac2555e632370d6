/*
 * SARIF 2.1.0 output of `check` (see samverkan/report.h): one run whose
 * tool.driver.rules is the whole rule catalogue with its help text, one
 * result per finding. Suppressed findings are always there, with an
 * inSource suppression (SARIF viewers hide them; show_suppressed is for
 * text and JSON).
 * Columns count code points (run.columnKind unicodeCodePoints), as
 * sv_pos does. Written with jansson in a fixed key order, so the same input
 * gives the same bytes.
 * For code scanning (GitHub, the SARIF multitool's rules), every artifact
 * URI is relative to the base %SRCROOT% (run.originalUriBaseIds): the git
 * top level above the first input (else the current directory), whose URI
 * --base-uri can give instead; a file outside it is an absolute file://
 * URI. A result carries partialFingerprints (report_ci.h), so that a
 * viewer follows a finding from one run to the next.
 */
#define _XOPEN_SOURCE 700 /* realpath, strdup */
#include "samverkan/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "samverkan/audit.h"
#include "samverkan/diff.h"
#include "samverkan/render.h"
#include "samverkan/rules.h"
#include "samverkan/source.h"
#include "samverkan/tree.h"
#include "samverkan/version.h"
#include "report/report_ci.h"
#include "report/report_json.h"
#include "util/i18n.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where the installed documentation is (CMake's SAMVERKAN_DOC_URI): the
 * rules' helpUri and the tool's informationUri point into it. */
#ifndef SV_DOC_URI
#define SV_DOC_URI "file:///usr/share/doc/samverkan/"
#endif

#define SRCROOT "%SRCROOT%"
#define FINGERPRINT_KEY "samverkan/v1"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* A JSON string; never NULL for text that is not valid UTF-8 (the inputs
 * are, so "?" should never be seen). */
static json_t *str(const char *text)
{
    json_t *s = json_string(text ? text : "");
    return s ? s : json_string("?");
}

static json_t *text_message(const char *text)
{
    json_t *m = json_object();
    json_object_set_new(m, "text", str(text));
    return m;
}

static const char *level_of(sv_severity sev)
{
    switch (sev) {
    case SV_SEV_ERROR: return "error";
    case SV_SEV_WARNING: return "warning";
    case SV_SEV_INFO: return "note";
    default: return "none";
    }
}

/* "no-decision-body" -> "NoDecisionBody" (reportingDescriptor.name). */
static json_t *camel_case(const char *name)
{
    size_t len = strlen(name);
    char *out = malloc(len + 1);
    if (!out)
        return str(name);
    size_t n = 0;
    bool upper = true;
    for (size_t i = 0; i < len; i++) {
        char ch = name[i];
        if (ch == '-' || ch == '_') {
            upper = true;
            continue;
        }
        out[n++] = upper && ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
        upper = false;
    }
    out[n] = '\0';
    json_t *s = str(out);
    free(out);
    return s;
}

/* A file path as a URI reference (RFC 3986) after `prefix`: unreserved
 * characters and '/' as they are, every other byte percent-encoded, so that
 * a space, '#', '%', ':' or a non-ASCII letter cannot change what the
 * reference means. "models/umea-2024.yaml" stays as it is. NULL when out
 * of memory. */
static char *encode_path(const char *prefix, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t len = strlen(path), plen = strlen(prefix);
    char *out = malloc(plen + 3 * len + 1);
    if (!out)
        return NULL;
    memcpy(out, prefix, plen);
    size_t n = plen;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)path[i];
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/') {
            out[n++] = (char)ch;
        } else {
            out[n++] = '%';
            out[n++] = hex[ch >> 4];
            out[n++] = hex[ch & 0xF];
        }
    }
    out[n] = '\0';
    return out;
}

/* The percent-decoded path of a file:// URI ("file:///srv/a%20b/" ->
 * "/srv/a b/"), or NULL when `uri` is no file URI of this machine. */
static char *file_uri_path(const char *uri)
{
    const char *p = NULL;
    if (strncmp(uri, "file:///", 8) == 0)
        p = uri + 7;
    else if (strncmp(uri, "file://localhost/", 17) == 0)
        p = uri + 16;
    if (!p)
        return NULL;
    char *out = malloc(strlen(p) + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    for (; *p; p++) {
        unsigned hi, lo;
        if (*p == '%' && p[1] && p[2] && sscanf(p + 1, "%1x%1x", &hi, &lo) == 2) {
            out[n++] = (char)(hi * 16 + lo);
            p += 2;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    return out;
}

/* The base of the run's relative URIs: `dir`, an absolute folder ending in
 * '/', and `uri`, what %SRCROOT% stands for (ending in '/'). */
typedef struct sarif_base {
    char *dir;
    char *uri;
} sarif_base;

/* `path` made absolute and canonical (links resolved) when it exists, else
 * joined to the current directory; NULL when out of memory. */
static char *absolute_path(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    if (path[0] == '/')
        return strdup(path);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return strdup(path);
    size_t len = strlen(cwd) + strlen(path) + 2;
    char *out = malloc(len);
    if (out)
        snprintf(out, len, "%s/%s", cwd, path);
    return out;
}

/* `dir` with a trailing '/' (taking ownership). */
static char *with_slash(char *dir)
{
    if (!dir)
        return NULL;
    size_t len = strlen(dir);
    if (len > 0 && dir[len - 1] == '/')
        return dir;
    char *out = realloc(dir, len + 2);
    if (!out) {
        free(dir);
        return NULL;
    }
    out[len] = '/';
    out[len + 1] = '\0';
    return out;
}

/* The folder above `input` that holds .git (a folder, or a file in a
 * worktree or submodule); else the current directory. */
static char *local_base(const char *input)
{
    char *dir = input ? absolute_path(input) : NULL;
    while (dir) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            break;
        *slash = '\0';
        size_t len = strlen(dir) + 6;
        char *git = malloc(len);
        if (!git)
            break;
        snprintf(git, len, "%s/.git", dir);
        struct stat st;
        bool found = stat(git, &st) == 0;
        free(git);
        if (found)
            return with_slash(dir[0] ? dir : strdup("/"));
        if (!dir[0])
            break;
    }
    free(dir);
    return with_slash(absolute_path("."));
}

static int base_init(sarif_base *b, const char *base_uri, const char *first_input)
{
    b->dir = NULL;
    b->uri = NULL;
    if (base_uri) {
        /* a file URI is a folder of this machine: the paths are relative to it */
        char *local = file_uri_path(base_uri);
        if (local) {
            char *real = realpath(local, NULL);
            b->dir = with_slash(real ? real : local);
            if (real)
                free(local);
        }
        size_t len = strlen(base_uri);
        b->uri = malloc(len + 2);
        if (b->uri)
            snprintf(b->uri, len + 2, "%s%s", base_uri,
                     len > 0 && base_uri[len - 1] == '/' ? "" : "/");
    } else {
        b->dir = NULL;
    }
    if (!b->dir)
        b->dir = local_base(first_input);
    if (!b->uri && b->dir)
        b->uri = encode_path("file://", b->dir);
    return b->dir && b->uri ? 0 : -1;
}

static void base_free(sarif_base *b)
{
    free(b->dir);
    free(b->uri);
}

/* The URI of `path`: relative to the base (`*relative` set) when inside
 * it, else an absolute file:// URI. */
static char *artifact_uri(const sarif_base *b, const char *path, bool *relative)
{
    char *abs = absolute_path(path);
    if (!abs)
        return NULL;
    size_t len = strlen(b->dir);
    char *uri;
    *relative = strncmp(abs, b->dir, len) == 0 && abs[len];
    if (*relative)
        uri = encode_path("", abs + len);
    else
        uri = encode_path("file://", abs);
    free(abs);
    return uri;
}

/* The files of the run: the inputs in order, then any other file a finding
 * or a related location points into, in order of first appearance (the
 * findings are sorted, so this order is fixed). Distinct by path. */
typedef struct file_table {
    const char **paths;
    size_t count;
    size_t input_count; /* the first input_count paths are inputs */
    size_t config_start; /* the paths from here on are configuration files */
    const char *config_role; /* theirs: user- or toolSpecifiedConfiguration */
    char **uris;        /* each path's URI (artifact_uri), made once */
    bool *relative;     /* ... relative to %SRCROOT% */
} file_table;

/* Makes the URI of every path of the table; -1 when out of memory. */
static int files_resolve(file_table *t, const sarif_base *base)
{
    t->uris = calloc(t->count + 1, sizeof *t->uris);
    t->relative = calloc(t->count + 1, sizeof *t->relative);
    if (!t->uris || !t->relative)
        return -1;
    for (size_t i = 0; i < t->count; i++)
        if (!(t->uris[i] = artifact_uri(base, t->paths[i], &t->relative[i])))
            return -1;
    return 0;
}

static void files_free(file_table *t)
{
    for (size_t i = 0; t->uris && i < t->count; i++)
        free(t->uris[i]);
    free(t->uris);
    free(t->relative);
    free(t->paths);
}

/* artifactLocation {uri, uriBaseId} of the table's file `index`. */
static json_t *artifact_location(const file_table *t, size_t index)
{
    json_t *location = json_object();
    json_object_set_new(location, "uri", str(t->uris[index]));
    if (t->relative[index])
        json_object_set_new(location, "uriBaseId", json_string(SRCROOT));
    return location;
}

static long file_index(const file_table *t, const char *path)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->paths[i], path) == 0)
            return (long)i;
    return -1;
}

static void file_add(file_table *t, const char *path)
{
    if (path && file_index(t, path) < 0)
        t->paths[t->count++] = path;
}

static int files_collect(file_table *t, const sv_check_result *r)
{
    size_t cap = 2 * r->input_count;
    for (size_t i = 0; i < r->findings->count; i++)
        cap += 1 + r->findings->items[i].related_count;
    t->count = 0;
    t->paths = malloc((cap ? cap : 1) * sizeof *t->paths);
    if (!t->paths)
        return -1;
    for (size_t i = 0; i < r->input_count; i++)
        file_add(t, r->inputs[i]);
    t->input_count = t->count;
    for (size_t i = 0; i < r->findings->count; i++) {
        const sv_finding *f = &r->findings->items[i];
        file_add(t, f->pos.file);
        for (size_t k = 0; k < f->related_count; k++)
            file_add(t, f->related[k].pos.file);
    }
    /* the configuration files, after every file a result points into, so
     * that these keep their places */
    t->config_start = t->count;
    t->config_role = r->config_given ? "userSpecifiedConfiguration" : "toolSpecifiedConfiguration";
    for (size_t i = 0; r->configs && i < r->input_count; i++)
        file_add(t, r->configs[i]);
    return 0;
}

/* The model a finding is about: the one read from its file. */
static const sv_model *model_of(const sv_check_result *r, const char *file)
{
    if (!file)
        return NULL;
    for (size_t i = 0; i < r->input_count; i++)
        if (sv_model_source_of(r->models[i], file))
            return r->models[i];
    return NULL;
}

static const char *element_id(const sv_model *m, sv_id el)
{
    if (!m || el == SV_NONE || el >= m->element_count)
        return NULL;
    return m->elements[el].id;
}

/* physicalLocation {artifactLocation {uri, index}, region {startLine, startColumn}};
 * NULL when the position names no file. */
static json_t *physical_location(const file_table *files, sv_pos pos)
{
    if (!pos.file)
        return NULL;
    long index = file_index(files, pos.file);
    if (index < 0)
        return NULL; /* every file is in the table: never happens */
    json_t *artifact = artifact_location(files, (size_t)index);
    json_object_set_new(artifact, "index", json_integer(index));
    json_t *phys = json_object();
    json_object_set_new(phys, "artifactLocation", artifact);
    if (pos.line > 0) {
        json_t *region = json_object();
        json_object_set_new(region, "startLine", json_integer(pos.line));
        if (pos.col > 0)
            json_object_set_new(region, "startColumn", json_integer(pos.col));
        json_object_set_new(phys, "region", region);
    }
    return phys;
}

/* Joins the non-empty parts with a blank line; NULL when all are empty. */
static char *join_paragraphs(const char *const *parts, size_t count)
{
    size_t len = 0;
    for (size_t i = 0; i < count; i++)
        if (parts[i] && *parts[i])
            len += strlen(parts[i]) + 2;
    if (len == 0)
        return NULL;
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        if (!parts[i] || !*parts[i])
            continue;
        if (n > 0) {
            memcpy(out + n, "\n\n", 2);
            n += 2;
        }
        size_t l = strlen(parts[i]);
        memcpy(out + n, parts[i], l);
        n += l;
    }
    out[n] = '\0';
    return out;
}

/* A fenced Markdown code block for a YAML example, with a fence longer
 * than any run of backticks inside it; NULL for an empty example. */
static char *yaml_block(const char *yaml)
{
    if (!yaml || !*yaml)
        return NULL;
    size_t run = 0, longest = 0, len = strlen(yaml);
    for (size_t i = 0; i < len; i++) {
        run = yaml[i] == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    size_t fence = longest < 3 ? 3 : longest + 1;
    while (len > 0 && yaml[len - 1] == '\n')
        len--;
    char *out = malloc(2 * fence + len + 7);
    if (!out)
        return NULL;
    size_t n = 0;
    memset(out + n, '`', fence);
    n += fence;
    memcpy(out + n, "yaml\n", 5);
    n += 5;
    memcpy(out + n, yaml, len);
    n += len;
    out[n++] = '\n';
    memset(out + n, '`', fence);
    n += fence;
    out[n] = '\0';
    return out;
}

/* One reportingDescriptor of tool.driver.rules. */
static json_t *rule_json(const sv_rule_info *rule)
{
    const char *summary = sv_rule_summary(rule);
    const sv_rule_text *text = sv_rule_text_of(rule);
    const char *detects = text ? sv_rule_text_translate(text->detects) : "";
    const char *why = text ? sv_rule_text_translate(text->why) : "";
    const char *fix = text ? sv_rule_text_translate(text->fix) : "";

    json_t *o = json_object();
    json_object_set_new(o, "id", str(rule->name));
    json_object_set_new(o, "name", camel_case(rule->name));
    json_object_set_new(o, "shortDescription", text_message(summary));
    json_object_set_new(o, "fullDescription", text_message(*detects ? detects : summary));

    const char *plain_parts[] = {why, fix};
    char *plain = join_paragraphs(plain_parts, 2);
    json_t *help = text_message(plain ? plain : summary);
    if (plain && text) {
        /* Markdown adds the examples: why, the wrong YAML, fix, the right YAML. */
        char *wrong = yaml_block(text->wrong);
        char *right = yaml_block(text->right);
        const char *md_parts[] = {why, wrong, fix, right};
        char *markdown = join_paragraphs(md_parts, 4);
        if (markdown && (wrong || right))
            json_object_set_new(help, "markdown", str(markdown));
        free(markdown);
        free(wrong);
        free(right);
    }
    free(plain);
    json_object_set_new(o, "help", help);
    /* docs/rules.md has a section per rule, headed by its name */
    size_t ulen = strlen(SV_DOC_URI) + strlen(rule->name) + 10;
    char *uri = malloc(ulen);
    if (uri) {
        snprintf(uri, ulen, "%srules.md#%s", SV_DOC_URI, rule->name);
        json_object_set_new(o, "helpUri", str(uri));
        free(uri);
    }

    json_t *config = json_object();
    json_object_set_new(config, "level", json_string(level_of(rule->severity)));
    json_object_set_new(o, "defaultConfiguration", config);
    if (rule->question > 0) {
        json_t *props = json_object();
        json_object_set_new(props, "audit-question", json_integer(rule->question));
        json_object_set_new(o, "properties", props);
    }
    return o;
}

/* The descriptor of a load error code (yaml-syntax, unknown-key ...), for
 * the results of a model that could not be loaded. */
static json_t *load_error_rule_json(const char *code)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", str(code));
    json_object_set_new(o, "name", camel_case(code));
    json_object_set_new(o, "shortDescription",
                        text_message(_("a load error: the model cannot be checked until it is put right")));
    json_object_set_new(o, "fullDescription",
                        text_message(_("samverkan could not read the model as it is written, so no "
                                       "rule was run on it; the message says what is wrong and where.")));
    json_object_set_new(o, "help",
                        text_message(_("Put right what the message names, at the place it gives; "
                                       "the model format's documentation lists every load error "
                                       "with its cause.")));
    json_object_set_new(o, "helpUri", json_string(SV_DOC_URI "model-format.md#load-errors"));
    json_t *config = json_object();
    json_object_set_new(config, "level", json_string("error"));
    json_object_set_new(o, "defaultConfiguration", config);
    return o;
}

/* The driver: the catalogue's rules, then the load error codes given
 * (`codes`, distinct, in order of first use). */
static json_t *driver_json(const char *const *codes, size_t code_count)
{
    json_t *driver = json_object();
    json_object_set_new(driver, "name", json_string("samverkan"));
    json_object_set_new(driver, "version", json_string(SAMVERKAN_VERSION));
    json_object_set_new(driver, "semanticVersion", json_string(SAMVERKAN_VERSION));
    json_object_set_new(driver, "informationUri", json_string(SV_DOC_URI "cli.md"));
    json_t *rules = json_array();
    for (size_t i = 0; i < sv_rule_count(); i++)
        json_array_append_new(rules, rule_json(sv_rule_at(i)));
    for (size_t i = 0; i < code_count; i++)
        json_array_append_new(rules, load_error_rule_json(codes[i]));
    json_object_set_new(driver, "rules", rules);
    json_t *tool = json_object();
    json_object_set_new(tool, "driver", driver);
    return tool;
}

static json_t *result_json(const sv_check_result *r, const file_table *files, const sv_finding *f)
{
    const sv_rule_info *rule = sv_rule_at(f->rule);
    const sv_model *m = model_of(r, f->pos.file);
    json_t *o = json_object();
    json_object_set_new(o, "ruleId", str(rule ? rule->name : "?"));
    json_object_set_new(o, "ruleIndex", json_integer((json_int_t)f->rule));
    json_object_set_new(o, "level", json_string(level_of(f->severity)));
    json_object_set_new(o, "message", text_message(f->message));

    json_t *location = json_object();
    json_t *phys = physical_location(files, f->pos);
    if (phys)
        json_object_set_new(location, "physicalLocation", phys);
    const char *id = element_id(m, f->element);
    if (id) {
        json_t *logical = json_object();
        json_object_set_new(logical, "fullyQualifiedName", str(id));
        json_object_set_new(logical, "kind", json_string("element"));
        json_t *list = json_array();
        json_array_append_new(list, logical);
        json_object_set_new(location, "logicalLocations", list);
    }
    json_t *locations = json_array();
    json_array_append_new(locations, location);
    json_object_set_new(o, "locations", locations);

    if (f->related_count > 0) {
        json_t *related = json_array();
        for (size_t k = 0; k < f->related_count; k++) {
            json_t *rel = json_object();
            json_object_set_new(rel, "id", json_integer((json_int_t)k));
            json_t *rphys = physical_location(files, f->related[k].pos);
            if (rphys)
                json_object_set_new(rel, "physicalLocation", rphys);
            const char *rid = element_id(m, f->related[k].element);
            if (rid)
                json_object_set_new(rel, "message", text_message(rid));
            json_array_append_new(related, rel);
        }
        json_object_set_new(o, "relatedLocations", related);
    }

    /* the path in the fingerprint is the URI, the same from any directory */
    long file = f->pos.file ? file_index(files, f->pos.file) : -1;
    char fingerprint[17];
    sv_report_fingerprint(fingerprint, rule ? rule->name : "?", id, f->message,
                          file >= 0 ? files->uris[file] : NULL);
    json_t *fingerprints = json_object();
    json_object_set_new(fingerprints, FINGERPRINT_KEY, json_string(fingerprint));
    json_object_set_new(o, "partialFingerprints", fingerprints);

    if (f->suppressed) {
        json_t *s = json_object();
        json_object_set_new(s, "kind", json_string("inSource"));
        json_object_set_new(s, "status", json_string("accepted"));
        if (f->suppressed_because)
            json_object_set_new(s, "justification", str(f->suppressed_because));
        json_t *list = json_array();
        json_array_append_new(list, s);
        json_object_set_new(o, "suppressions", list);
    }
    return o;
}

/* The SARIF log around one run: schema, version, the run. */
static int write_log(FILE *out, json_t *run)
{
    json_t *root = json_object();
    json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
    json_object_set_new(root, "version", json_string("2.1.0"));
    json_t *runs = json_array();
    json_array_append_new(runs, run);
    json_object_set_new(root, "runs", runs);
    return sv_report_json_write(out, root, 0);
}

/* run.originalUriBaseIds: %SRCROOT% and the URI it stands for. */
static json_t *base_ids_json(const sarif_base *base)
{
    json_t *root = json_object();
    json_object_set_new(root, "uri", str(base->uri));
    json_t *ids = json_object();
    json_object_set_new(ids, SRCROOT, root);
    return ids;
}

/* run.artifacts: every file of the table; the inputs are analysis targets,
 * the configuration files read say whether they were given or found. */
static json_t *artifacts_json(const file_table *files)
{
    json_t *artifacts = json_array();
    for (size_t i = 0; i < files->count; i++) {
        json_t *a = json_object();
        json_object_set_new(a, "location", artifact_location(files, i));
        if (i < files->input_count || i >= files->config_start) {
            json_t *list = json_array();
            json_array_append_new(list, json_string(i < files->input_count ? "analysisTarget"
                                                                          : files->config_role));
            json_object_set_new(a, "roles", list);
        }
        json_object_set_new(a, "encoding", json_string("UTF-8"));
        json_array_append_new(artifacts, a);
    }
    return artifacts;
}

int sv_report_check_sarif(FILE *out, const sv_check_result *r)
{
    file_table files = {0};
    sarif_base base;
    if (base_init(&base, r->base_uri, r->input_count ? r->inputs[0] : NULL) != 0 ||
        files_collect(&files, r) != 0 || files_resolve(&files, &base) != 0) {
        files_free(&files);
        base_free(&base);
        return -1;
    }

    json_t *run = json_object();
    json_object_set_new(run, "tool", driver_json(NULL, 0));
    json_object_set_new(run, "originalUriBaseIds", base_ids_json(&base));
    json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
    json_object_set_new(run, "artifacts", artifacts_json(&files));
    json_t *results = json_array();
    for (size_t i = 0; i < r->findings->count; i++)
        if (!sv_report_quieted(r, &r->findings->items[i]))
            json_array_append_new(results, result_json(r, &files, &r->findings->items[i]));
    json_object_set_new(run, "results", results);
    files_free(&files);
    base_free(&base);

    return write_log(out, run);
}

/* The distinct codes of `diags` in order of first use (few: the loader's
 * codes), and the index of each diagnostic's code among them. */
static size_t diag_codes(const sv_diags *diags, const char **codes, size_t *index_of)
{
    size_t count = 0;
    for (size_t i = 0; i < diags->count; i++) {
        size_t k = 0;
        while (k < count && strcmp(codes[k], diags->items[i].code) != 0)
            k++;
        if (k == count)
            codes[count++] = diags->items[i].code;
        index_of[i] = k;
    }
    return count;
}

/* A model that could not be loaded: its load errors as results whose
 * ruleId is the error code (described after the catalogue in
 * tool.driver.rules), and an invocation that did not succeed, so that a
 * SARIF viewer shows why nothing was checked. */
int sv_report_diags_sarif(FILE *out, const sv_diags *diags, const char *const *inputs, size_t count,
                          const char *base_uri)
{
    file_table files = {0};
    sarif_base base = {0};
    const char **codes = malloc((diags->count + 1) * sizeof *codes);
    size_t *code_of = malloc((diags->count + 1) * sizeof *code_of);
    files.paths = malloc((count + 2 * diags->count + 1) * sizeof *files.paths);
    if (!codes || !code_of || !files.paths ||
        base_init(&base, base_uri, count ? inputs[0] : NULL) != 0) {
        free(codes);
        free(code_of);
        files_free(&files);
        base_free(&base);
        return -1;
    }
    for (size_t i = 0; i < count; i++)
        file_add(&files, inputs[i]);
    files.input_count = files.count;
    for (size_t i = 0; i < diags->count; i++) {
        file_add(&files, diags->items[i].pos.file);
        if (diags->items[i].has_note)
            file_add(&files, diags->items[i].note_pos.file);
    }
    files.config_start = SIZE_MAX; /* no configuration was read */
    size_t code_count = diag_codes(diags, codes, code_of);
    if (files_resolve(&files, &base) != 0) {
        free(codes);
        free(code_of);
        files_free(&files);
        base_free(&base);
        return -1;
    }

    json_t *run = json_object();
    json_object_set_new(run, "tool", driver_json(codes, code_count));
    json_t *invocation = json_object();
    json_object_set_new(invocation, "executionSuccessful", json_false());
    json_t *invocations = json_array();
    json_array_append_new(invocations, invocation);
    json_object_set_new(run, "invocations", invocations);
    json_object_set_new(run, "originalUriBaseIds", base_ids_json(&base));
    json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
    json_object_set_new(run, "artifacts", artifacts_json(&files));
    json_t *results = json_array();
    for (size_t i = 0; i < diags->count; i++) {
        const sv_diag *d = &diags->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "ruleId", json_string(d->code));
        json_object_set_new(o, "ruleIndex", json_integer((json_int_t)(sv_rule_count() + code_of[i])));
        json_object_set_new(o, "level", json_string("error"));
        json_object_set_new(o, "message", text_message(d->message ? d->message : ""));
        json_t *phys = physical_location(&files, d->pos);
        if (phys) {
            json_t *loc = json_object();
            json_object_set_new(loc, "physicalLocation", phys);
            json_t *locs = json_array();
            json_array_append_new(locs, loc);
            json_object_set_new(o, "locations", locs);
        }
        json_t *note_phys = d->has_note ? physical_location(&files, d->note_pos) : NULL;
        if (note_phys) {
            json_t *rel = json_object();
            json_object_set_new(rel, "id", json_integer(0));
            json_object_set_new(rel, "physicalLocation", note_phys);
            json_object_set_new(rel, "message", text_message(d->note ? d->note : ""));
            json_t *rels = json_array();
            json_array_append_new(rels, rel);
            json_object_set_new(o, "relatedLocations", rels);
        }
        json_array_append_new(results, o);
    }
    json_object_set_new(run, "results", results);
    free(codes);
    free(code_of);
    files_free(&files);
    base_free(&base);

    return write_log(out, run);
}
