/*
 * SARIF 2.1.0 output of `check` (see samverkan/report.h): one run whose
 * tool.driver.rules is the whole rule catalogue with its help text, one
 * result per finding. Suppressed findings are always there, with an
 * inSource suppression (SARIF viewers hide them; show_suppressed is for
 * text and JSON).
 * Columns count code points (run.columnKind unicodeCodePoints), as
 * sv_pos does. Written with jansson in a fixed key order, so the same input
 * gives the same bytes.
 */
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
#include "report/report_json.h"

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

/* A file path as a URI reference (RFC 3986): unreserved characters and '/'
 * as they are, every other byte percent-encoded, so that a space, '#', '%',
 * ':' or a non-ASCII letter cannot change what the reference means.
 * "models/umea-2024.yaml" stays as it is. */
static json_t *path_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t len = strlen(path);
    char *out = malloc(3 * len + 1);
    if (!out)
        return str(path);
    size_t n = 0;
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
    json_t *s = str(out);
    free(out);
    return s;
}

/* The files of the run: the inputs in order, then any other file a finding
 * or a related location points into, in order of first appearance (the
 * findings are sorted, so this order is fixed). Distinct by path. */
typedef struct file_table {
    const char **paths;
    size_t count;
    size_t input_count; /* the first input_count paths are inputs */
} file_table;

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
    size_t cap = r->input_count;
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
    json_t *artifact = json_object();
    json_object_set_new(artifact, "uri", path_uri(pos.file));
    long index = file_index(files, pos.file);
    if (index >= 0)
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

static json_t *driver_json(void)
{
    json_t *driver = json_object();
    json_object_set_new(driver, "name", json_string("samverkan"));
    json_object_set_new(driver, "version", json_string(SAMVERKAN_VERSION));
    json_object_set_new(driver, "semanticVersion", json_string(SAMVERKAN_VERSION));
    json_t *rules = json_array();
    for (size_t i = 0; i < sv_rule_count(); i++)
        json_array_append_new(rules, rule_json(sv_rule_at(i)));
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

    if (f->suppressed) {
        json_t *s = json_object();
        json_object_set_new(s, "kind", json_string("inSource"));
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

int sv_report_check_sarif(FILE *out, const sv_check_result *r)
{
    file_table files;
    if (files_collect(&files, r) != 0)
        return -1;

    json_t *run = json_object();
    json_object_set_new(run, "tool", driver_json());
    json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
    json_t *artifacts = json_array();
    for (size_t i = 0; i < files.count; i++) {
        json_t *location = json_object();
        json_object_set_new(location, "uri", path_uri(files.paths[i]));
        json_t *a = json_object();
        json_object_set_new(a, "location", location);
        if (i < files.input_count) {
            json_t *roles = json_array();
            json_array_append_new(roles, json_string("analysisTarget"));
            json_object_set_new(a, "roles", roles);
        }
        json_object_set_new(a, "encoding", json_string("UTF-8"));
        json_array_append_new(artifacts, a);
    }
    json_object_set_new(run, "artifacts", artifacts);
    json_t *results = json_array();
    for (size_t i = 0; i < r->findings->count; i++)
        json_array_append_new(results, result_json(r, &files, &r->findings->items[i]));
    json_object_set_new(run, "results", results);
    free(files.paths);

    return write_log(out, run);
}

/* A model that could not be loaded: its load errors as results whose
 * ruleId is the error code (no rule of the catalogue), and an invocation
 * that did not succeed, so that a SARIF viewer shows why nothing was
 * checked. */
int sv_report_diags_sarif(FILE *out, const sv_diags *diags, const char *const *inputs, size_t count)
{
    file_table files = {0};
    files.paths = malloc((count + 2 * diags->count + 1) * sizeof *files.paths);
    if (!files.paths)
        return -1;
    for (size_t i = 0; i < count; i++)
        file_add(&files, inputs[i]);
    files.input_count = files.count;
    for (size_t i = 0; i < diags->count; i++)
        file_add(&files, diags->items[i].pos.file);

    json_t *run = json_object();
    json_object_set_new(run, "tool", driver_json());
    json_t *invocation = json_object();
    json_object_set_new(invocation, "executionSuccessful", json_false());
    json_t *invocations = json_array();
    json_array_append_new(invocations, invocation);
    json_object_set_new(run, "invocations", invocations);
    json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
    json_t *artifacts = json_array();
    for (size_t i = 0; i < files.count; i++) {
        json_t *location = json_object();
        json_object_set_new(location, "uri", path_uri(files.paths[i]));
        json_t *a = json_object();
        json_object_set_new(a, "location", location);
        json_array_append_new(artifacts, a);
    }
    json_object_set_new(run, "artifacts", artifacts);
    json_t *results = json_array();
    for (size_t i = 0; i < diags->count; i++) {
        const sv_diag *d = &diags->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "ruleId", json_string(d->code));
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
    free(files.paths);

    return write_log(out, run);
}
