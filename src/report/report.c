/*
 * Text and JSON output of load errors and findings; see samverkan/report.h.
 * Text follows compilers (file:line:col: severity: message [name], the
 * source line, a caret); JSON is written with jansson in a fixed key order.
 */
#include "samverkan/report.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "samverkan/audit.h"
#include "samverkan/config.h"
#include "samverkan/diff.h"
#include "samverkan/render.h"
#include "samverkan/rules.h"
#include "samverkan/source.h"
#include "samverkan/tree.h"
#include "samverkan/version.h"
#include "report/report_ci.h"
#include "report/report_json.h"
#include "util/atomic.h"
#include "util/i18n.h"
#include "util/text.h"

/* The length of a code point at s[0..len) that text output must not pass
 * raw although it is valid UTF-8: a C1 control (U+0080..U+009F), a
 * bidirectional control (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069), which would turn the rest of a line around on a terminal
 * or in an editor, or a line or paragraph separator (U+2028, U+2029); else 0. */
static size_t hidden_control(const unsigned char *s, size_t len)
{
    if (len >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
        return 2;
    if (len >= 2 && s[0] == 0xD8 && s[1] == 0x9C)
        return 2;
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] == 0x8E || s[2] == 0x8F || (s[2] >= 0xA8 && s[2] <= 0xAE)))
        return 3;
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)
        return 3;
    return 0;
}

void sv_report_put_safe(FILE *out, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = s[i];
        size_t hidden = ch >= 0x80 ? hidden_control(s + i, len - i) : 0;
        if ((ch < 0x20 && ch != '\t') || ch == 0x7F) {
            fputc('?', out);
        } else if (hidden) {
            fputc('?', out); /* shown as a C0 control is, one column for one code point */
            i += hidden - 1;
        } else {
            fputc(ch, out);
        }
    }
}

static void put_safe(FILE *out, const char *text)
{
    sv_report_put_safe(out, text, strlen(text));
}

/* Colour on a terminal, as gcc writes it (SGR, each span closed by
 * "\33[m\33[K"): the position bold, the severity word and the rule name
 * in the severity's colour (error bold red, warning bold yellow, note bold
 * cyan), the caret bold green. Only text output asks for it, and only
 * when the caller has decided that the stream is a terminal that wants it
 * (docs/cli.md, "Colour"). */
#define SGR_END "\33[m\33[K"
#define SGR_LOCUS "\33[01m\33[K"
#define SGR_CARET "\33[01;32m\33[K"

static const char *severity_sgr(sv_severity severity)
{
    switch (severity) {
    case SV_SEV_ERROR: return "\33[01;31m\33[K";
    case SV_SEV_WARNING: return "\33[01;33m\33[K";
    default: return "\33[01;36m\33[K";
    }
}

static void put_position(FILE *out, sv_pos pos, bool color)
{
    if (color)
        fputs(SGR_LOCUS, out);
    put_safe(out, pos.file ? pos.file : "?");
    if (pos.line > 0)
        fprintf(out, ":%d:%d", pos.line, pos.col);
    fputc(':', out);
    if (color)
        fputs(SGR_END, out);
}

/* ": error: " after the position, coloured as gcc does (the word and its colon). */
static void put_severity(FILE *out, sv_severity severity, const char *label, bool color)
{
    fputc(' ', out);
    if (color)
        fputs(severity_sgr(severity), out);
    fprintf(out, "%s: ", label);
    if (color)
        fputs(SGR_END, out);
}

/* " [name]" closing a line, the name in the severity's colour. */
static void put_code(FILE *out, sv_severity severity, const char *code, bool color)
{
    fputs(" [", out);
    if (color)
        fputs(severity_sgr(severity), out);
    fputs(code, out);
    if (color)
        fputs(SGR_END, out);
    fputs("]\n", out);
}

/* The source line of pos with a caret under its column, gcc style. */
static void put_excerpt(FILE *out, const sv_source *source, sv_pos pos, bool color)
{
    size_t len;
    const char *line = source && pos.line > 0 ? sv_source_line(source, pos.line, &len) : NULL;
    if (!line)
        return;
    if (len > 400)
        len = 400; /* a single endless line is shown in part */
    int width = fprintf(out, "%5d", pos.line);
    fputs(" | ", out);
    sv_report_put_safe(out, line, len);
    fputc('\n', out);
    fprintf(out, "%*s | ", width, "");
    /* spaces up to the column, keeping tabs so the caret lines up */
    int col = 1;
    for (size_t i = 0; i < len && col < pos.col; i++) {
        unsigned char ch = (unsigned char)line[i];
        if ((ch & 0xC0) == 0x80)
            continue;
        fputc(ch == '\t' ? '\t' : ' ', out);
        col++;
    }
    fputs(color ? SGR_CARET "^" SGR_END "\n" : "^\n", out);
}

/* Each load error with its excerpt and note, and the count of those not shown. */
static void put_diags(FILE *out, const sv_diags *diags, bool color)
{
    for (size_t i = 0; i < diags->count; i++) {
        const sv_diag *d = &diags->items[i];
        put_position(out, d->pos, color);
        put_severity(out, SV_SEV_ERROR, sv_severity_label(SV_SEV_ERROR), color);
        put_safe(out, d->message ? d->message : "");
        put_code(out, SV_SEV_ERROR, d->code, color);
        put_excerpt(out, d->source, d->pos, color);
        if (d->has_note) {
            put_position(out, d->note_pos, color);
            put_severity(out, SV_SEV_INFO, _("note"), color);
            put_safe(out, d->note ? d->note : "");
            fputc('\n', out);
            /* a hint at the error's own place needs its line only once */
            bool same_place = d->note_pos.line == d->pos.line && d->note_pos.col == d->pos.col &&
                              d->note_pos.file && d->pos.file &&
                              strcmp(d->note_pos.file, d->pos.file) == 0;
            if (!same_place)
                put_excerpt(out, d->note_source, d->note_pos, color);
        }
    }
    if (diags->dropped)
        fprintf(out, P_("%zu more error is not shown\n", "%zu more errors are not shown\n",
                        diags->dropped),
                diags->dropped);
}

void sv_report_diags_text_partial(FILE *out, const sv_diags *diags, size_t failed, size_t total)
{
    sv_report_diags_text_color(out, diags, failed, total, false);
}

void sv_report_diags_text(FILE *out, const sv_diags *diags)
{
    sv_report_diags_text_color(out, diags, 0, 0, false);
}

void sv_report_diags_text_color(FILE *out, const sv_diags *diags, size_t failed, size_t total,
                                bool color)
{
    put_diags(out, diags, color);
    if (failed) {
        fprintf(out, P_("%zu of %zu inputs could not be loaded; the others were checked\n",
                        "%zu of %zu inputs could not be loaded; the others were checked\n", total),
                failed, total);
        return;
    }
    total = sv_diags_total(diags);
    /* an output refused for its size, or a figure Graphviz could not draw
       (the report's render session): the model was read, and checked */
    bool only_output = diags->count > 0;
    for (size_t i = 0; i < diags->count; i++)
        only_output = only_output && (strcmp(diags->items[i].code, "output-too-large") == 0 ||
                                      strcmp(diags->items[i].code, "render") == 0 ||
                                      strcmp(diags->items[i].code, "render-limit") == 0);
    if (only_output)
        fprintf(out, P_("%zu error: nothing was written\n", "%zu errors: nothing was written\n",
                        total),
                total);
    else
        fprintf(out, P_("%zu error: nothing was checked\n", "%zu errors: nothing was checked\n",
                        total),
                total);
}

static json_t *position_json(json_t *obj, sv_pos pos)
{
    json_object_set_new(obj, "file", json_string(pos.file ? pos.file : ""));
    json_object_set_new(obj, "line", json_integer(pos.line));
    json_object_set_new(obj, "column", json_integer(pos.col));
    return obj;
}

/* The header of every JSON document (tool, version, format): here for the
 * documents built as a jansson tree, and in sv_report_check_json's first
 * three members, which write the same keys as a stream. */
json_t *sv_report_json_document(void)
{
    json_t *root = json_object();
    json_object_set_new(root, "tool", json_string("samverkan"));
    json_object_set_new(root, "version", json_string(SAMVERKAN_VERSION));
    json_object_set_new(root, "format", json_integer(SV_JSON_FORMAT));
    return root;
}

static json_t *inputs_json(const char *const *inputs, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, json_string(inputs[i]));
    return list;
}

/* jansson escapes the C0 controls but passes C1 controls, bidirectional
 * controls and U+2028/U+2029 raw; this filter between jansson and the file
 * writes them as \\u escapes. They can only stand inside a string, where
 * an escape means the same character. A sequence may be cut between two
 * calls: its first bytes wait in `held`. */
typedef struct json_sink {
    FILE *out;
    unsigned char held[3];
    size_t held_len;
} json_sink;

static void json_put(json_sink *k, const unsigned char *s, size_t len, bool final)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < 0x80 || (s[i] != 0xC2 && s[i] != 0xD8 && s[i] != 0xE2))
            continue;
        size_t need = s[i] == 0xE2 ? 3 : 2;
        if (i + need > len && !final) {
            /* cut: keep the start for the next call */
            fwrite(s + start, 1, i - start, k->out);
            k->held_len = len - i;
            memcpy(k->held, s + i, k->held_len);
            return;
        }
        size_t hidden = hidden_control(s + i, len - i);
        if (!hidden)
            continue;
        fwrite(s + start, 1, i - start, k->out);
        unsigned cp = hidden == 2 ? ((s[i] & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)
                                  : ((s[i] & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) |
                                        (s[i + 2] & 0x3Fu);
        fprintf(k->out, "\\u%04x", cp);
        i += hidden - 1;
        start = i + 1;
    }
    fwrite(s + start, 1, len - start, k->out);
}

static int json_chunk(const char *buffer, size_t size, void *data)
{
    json_sink *k = data;
    const unsigned char *s = (const unsigned char *)buffer;
    while (k->held_len && size) {
        /* complete the held sequence first, byte by byte */
        k->held[k->held_len++] = *s++;
        size--;
        size_t need = k->held[0] == 0xE2 ? 3 : 2;
        if (k->held_len == need || (k->held_len == 2 && hidden_control(k->held, 2) == 0 &&
                                    k->held[0] != 0xE2)) {
            unsigned char seq[3];
            size_t n = k->held_len;
            memcpy(seq, k->held, n);
            k->held_len = 0;
            json_put(k, seq, n, true);
        }
    }
    if (size)
        json_put(k, s, size, false);
    return ferror(k->out) ? -1 : 0;
}

int sv_report_json_write(FILE *out, json_t *root, size_t flags)
{
    json_sink sink = {.out = out};
    int r = json_dump_callback(root, json_chunk, &sink, JSON_INDENT(2) | JSON_PRESERVE_ORDER | flags);
    if (sink.held_len)
        fwrite(sink.held, 1, sink.held_len, out);
    json_decref(root);
    if (fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out))
        r = -1;
    return r == 0 ? 0 : -1;
}

/* ---- the streaming writer (report_json.h) ---- */

static void json_flush(sv_json_writer *w)
{
    if (w->used && fwrite(w->buffer, 1, w->used, w->out) != w->used)
        w->failed = true;
    w->used = 0;
}

static void json_bytes(sv_json_writer *w, const char *s, size_t len)
{
    if (len > sizeof w->buffer - w->used) {
        json_flush(w);
        if (len > sizeof w->buffer) {
            if (fwrite(s, 1, len, w->out) != len)
                w->failed = true;
            return;
        }
    }
    memcpy(w->buffer + w->used, s, len);
    w->used += len;
}

static void json_byte(sv_json_writer *w, char ch)
{
    if (w->used == sizeof w->buffer)
        json_flush(w);
    w->buffer[w->used++] = ch;
}

/* A string as jansson escapes it (", \ and the C0 controls; '/' and DEL
 * pass), with the hidden controls as lowercase \u escapes as json_put
 * writes them. `s` is valid UTF-8. */
static void json_quoted(sv_json_writer *w, const char *text, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    /* the bytes that may need an escape: C0 controls, " and \, and the
     * lead bytes of the hidden controls */
    static const bool look[256] = {
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00..0x1F */
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        ['"'] = 1, ['\\'] = 1, [0xC2] = 1, [0xD8] = 1, [0xE2] = 1,
    };
    const unsigned char *s = (const unsigned char *)text;
    json_byte(w, '"');
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        /* 8 bytes at a time while none is a control, '"', '\\' or of 0x80
         * and more: most of a finding's text */
        while (len - i >= 8) {
            uint64_t v;
            memcpy(&v, s + i, 8);
            const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
            uint64_t quote = v ^ 0x2222222222222222u, backslash = v ^ 0x5C5C5C5C5C5C5C5Cu;
            uint64_t stop = (v - 0x2020202020202020u) | ((quote - ones) & ~quote) |
                            ((backslash - ones) & ~backslash) | v;
            if (stop & high)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char ch = s[i];
        if (!look[ch])
            continue;
        size_t hidden = ch >= 0x80 ? hidden_control(s + i, len - i) : 0;
        if (ch >= 0x80 && !hidden)
            continue;
        json_bytes(w, text + start, i - start);
        char seq[7] = {'\\', 'u', '0', '0', 0, 0, 0};
        if (hidden) {
            unsigned cp = hidden == 2 ? ((ch & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)
                                      : ((ch & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) |
                                            (s[i + 2] & 0x3Fu);
            snprintf(seq, sizeof seq, "\\u%04x", cp);
            json_bytes(w, seq, 6);
            i += hidden - 1;
        } else if (ch == '"' || ch == '\\') {
            seq[1] = (char)ch;
            json_bytes(w, seq, 2);
        } else {
            const char *named = ch == '\b' ? "\\b" : ch == '\f' ? "\\f" : ch == '\n' ? "\\n"
                              : ch == '\r' ? "\\r" : ch == '\t' ? "\\t" : NULL;
            if (named) {
                json_bytes(w, named, 2);
            } else {
                seq[4] = hex[ch >> 4];
                seq[5] = hex[ch & 0xF];
                json_bytes(w, seq, 6);
            }
        }
        start = i + 1;
    }
    json_bytes(w, text + start, len - start);
    json_byte(w, '"');
}

/* The separator, indent and key before a value at the current level. */
static void json_member(sv_json_writer *w, const char *key)
{
    static const char spaces[] = "                                ";
    if (w->depth > 0) {
        if (!w->empty[w->depth - 1])
            json_byte(w, ',');
        w->empty[w->depth - 1] = false;
        json_byte(w, '\n');
        json_bytes(w, spaces, 2 * (size_t)w->depth);
    }
    if (key) {
        json_quoted(w, key, strlen(key));
        json_bytes(w, ": ", 2);
    }
}

static void json_open(sv_json_writer *w, const char *key, char bracket)
{
    if (w->depth == SV_JSON_MAX_DEPTH) {
        w->failed = true;
        return;
    }
    json_member(w, key);
    json_byte(w, bracket);
    w->closing[w->depth] = bracket == '{' ? '}' : ']';
    w->empty[w->depth++] = true;
}

void sv_json_begin(sv_json_writer *w, FILE *out)
{
    w->out = out;
    w->depth = 0;
    w->failed = false;
    w->used = 0;
    json_open(w, NULL, '{');
}

void sv_json_object(sv_json_writer *w, const char *key)
{
    json_open(w, key, '{');
}

void sv_json_array(sv_json_writer *w, const char *key)
{
    json_open(w, key, '[');
}

void sv_json_end(sv_json_writer *w)
{
    if (w->depth == 0) {
        w->failed = true;
        return;
    }
    static const char spaces[] = "                                ";
    bool empty = w->empty[--w->depth];
    if (!empty) {
        json_byte(w, '\n');
        json_bytes(w, spaces, 2 * (size_t)w->depth);
    }
    json_byte(w, w->closing[w->depth]);
}

void sv_json_string(sv_json_writer *w, const char *key, const char *value)
{
    if (!value)
        return; /* jansson refuses the string, and the member goes with it */
    size_t len = strlen(value);
    size_t bad;
    bool is_nul;
    if (!sv_utf8_check(value, len, &bad, &is_nul))
        return;
    json_member(w, key);
    json_quoted(w, value, len);
}

void sv_json_integer(sv_json_writer *w, const char *key, long long value)
{
    /* by hand: snprintf cost more than the rest of a finding */
    char digits[24];
    char *end = digits + sizeof digits, *p = end;
    unsigned long long magnitude = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    do {
        *--p = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0)
        *--p = '-';
    json_member(w, key);
    json_bytes(w, p, (size_t)(end - p));
}

void sv_json_null(sv_json_writer *w, const char *key)
{
    json_member(w, key);
    json_bytes(w, "null", 4);
}

void sv_json_true(sv_json_writer *w, const char *key)
{
    json_member(w, key);
    json_bytes(w, "true", 4);
}

int sv_json_finish(sv_json_writer *w)
{
    while (w->depth > 0)
        sv_json_end(w);
    json_byte(w, '\n');
    json_flush(w);
    if (fflush(w->out) != 0 || ferror(w->out))
        w->failed = true;
    return w->failed ? -1 : 0;
}

int sv_report_diags_json(FILE *out, const sv_diags *diags, const char *const *inputs, size_t count)
{
    json_t *root = sv_report_json_document();
    json_object_set_new(root, "inputs", inputs_json(inputs, count));
    json_t *errors = json_array();
    for (size_t i = 0; i < diags->count; i++) {
        const sv_diag *d = &diags->items[i];
        json_t *e = json_object();
        json_object_set_new(e, "code", json_string(d->code));
        json_object_set_new(e, "severity", json_string("error"));
        json_object_set_new(e, "message", json_string(d->message ? d->message : ""));
        position_json(e, d->pos);
        if (d->has_note) {
            json_t *note = json_object();
            json_object_set_new(note, "message", json_string(d->note ? d->note : ""));
            position_json(note, d->note_pos);
            json_object_set_new(e, "note", note);
        }
        json_array_append_new(errors, e);
    }
    json_object_set_new(root, "errors", errors);
    json_object_set_new(root, "errors_not_shown", json_integer((json_int_t)diags->dropped));
    return sv_report_json_write(out, root, 0);
}

sv_summary sv_summarize(const sv_findings *findings)
{
    sv_summary s = {0};
    for (size_t i = 0; i < findings->count; i++) {
        if (findings->items[i].suppressed)
            s.suppressed++;
        else if (findings->items[i].severity <= SV_SEV_INFO)
            s.count[findings->items[i].severity]++;
    }
    return s;
}

static const sv_model *model_of(const sv_check_result *r, const char *file)
{
    for (size_t i = 0; i < r->input_count; i++)
        if (sv_model_source_of(r->models[i], file))
            return r->models[i];
    return NULL;
}

static const char *element_id(const sv_check_result *r, const sv_finding *f, sv_id el)
{
    const sv_model *m = model_of(r, f->pos.file);
    if (!m || el == SV_NONE || el >= m->element_count)
        return NULL;
    return m->elements[el].id;
}

/* "indicator-without-target (6), goal-without-indicator (1)": the rules
 * behind an answer, in catalogue order, with their counts. */
static void put_audit_rules(FILE *out, const sv_check_result *r, const sv_audit_answer *a)
{
    size_t *count = calloc(sv_rule_count(), sizeof *count);
    if (!count)
        return;
    for (size_t i = 0; i < a->finding_count; i++)
        count[r->findings->items[a->findings[i]].rule]++;
    bool first = true;
    for (size_t rule = 0; rule < sv_rule_count(); rule++) {
        if (!count[rule])
            continue;
        fprintf(out, "%s%s (%zu)", first ? "" : ", ", sv_rule_at(rule)->name, count[rule]);
        first = false;
    }
    if (first)
        fputs(_("no findings"), out);
    free(count);
}

/* "; the model has no goals; 'gvn' owns no goal in the model": what a
 * question requires and the model (or a party) lacks. */
static void put_audit_missing(FILE *out, const sv_model *m, const sv_audit *audit,
                              const sv_audit_answer *a)
{
    for (int e = 0; e < SV_EVIDENCE_COUNT; e++)
        if (a->missing & (1u << e))
            fprintf(out, "; %s", sv_audit_missing_reason(a, (sv_evidence)e));
    for (uint32_t p = 0; p < audit->party_count; p++) {
        if (a->missing & a->missing_by_party[p])
            continue; /* said once for the whole model */
        for (int e = 0; e < SV_EVIDENCE_COUNT; e++) {
            if (!(a->missing_by_party[p] & (1u << e)))
                continue;
            fputs("; ", out);
            fprintf(out, sv_evidence_missing_text((sv_evidence)e, true),
                    m->elements[audit->parties[p]].id);
        }
    }
}

static void put_audit_text(FILE *out, const sv_check_result *r, size_t input)
{
    const sv_audit *audit = &r->audits[input];
    const sv_model *m = r->models[input];
    fputc('\n', out);
    if (r->input_count > 1) {
        fprintf(out, _("Audit questions of \"%s\" for %s, answered from the findings:"),
                audit->profile ? audit->profile : "", r->inputs[input]);
    } else {
        fprintf(out, _("Audit questions of \"%s\", answered from the findings:"),
                audit->profile ? audit->profile : "");
    }
    fputc('\n', out);
    for (size_t q = 0; q < audit->question_count; q++) {
        const sv_audit_answer *a = &audit->questions[q];
        fprintf(out, "  %d. ", a->question);
        put_safe(out, a->text);
        fprintf(out, "\n     %s", sv_answer_text(a->answer));
        for (uint32_t p = 0; p < audit->party_count; p++)
            fprintf(out, "%s%s: %s%s", p ? ", " : " (", m->elements[audit->parties[p]].id,
                    sv_answer_text(a->by_party[p]), p + 1 == audit->party_count ? ")" : "");
        fputs(" <- ", out);
        put_audit_rules(out, r, a);
        put_audit_missing(out, m, audit, a);
        fputc('\n', out);
        for (size_t k = 0; k < a->recommendation_count; k++) {
            fputs("     - ", out);
            put_safe(out, a->recommendations[k].text);
            fputc('\n', out);
        }
    }
}

void sv_report_check_text(FILE *out, const sv_check_result *r)
{
    for (size_t i = 0; i < r->findings->count; i++) {
        const sv_finding *f = &r->findings->items[i];
        if (!sv_report_listed(r, f))
            continue;
        put_position(out, f->pos, r->color);
        put_severity(out, f->severity, sv_severity_label(f->severity), r->color);
        put_safe(out, f->message);
        put_code(out, f->severity, sv_rule_at(f->rule)->name, r->color);
        put_excerpt(out, sv_model_source_of(model_of(r, f->pos.file), f->pos.file), f->pos,
                    r->color);
        if (f->suppressed) {
            fprintf(out, "%s", _("      suppressed: "));
            put_safe(out, f->suppressed_because);
            fputc('\n', out);
        }
    }
    sv_summary s = sv_summarize(r->findings);
    fprintf(out, P_("%zu error", "%zu errors", s.count[SV_SEV_ERROR]), s.count[SV_SEV_ERROR]);
    fputs(", ", out);
    fprintf(out, P_("%zu warning", "%zu warnings", s.count[SV_SEV_WARNING]), s.count[SV_SEV_WARNING]);
    fputs(", ", out);
    fprintf(out, P_("%zu note", "%zu notes", s.count[SV_SEV_INFO]), s.count[SV_SEV_INFO]);
    if (s.suppressed) {
        fputs(", ", out);
        fprintf(out, P_("%zu suppressed", "%zu suppressed", s.suppressed), s.suppressed);
    }
    fputc('\n', out);
    /* the answers weigh every finding; under errors_only most are not shown */
    for (size_t i = 0; r->audits && !r->errors_only && i < r->input_count; i++)
        put_audit_text(out, r, i);
}

static void position_members(sv_json_writer *w, sv_pos pos)
{
    sv_json_string(w, "file", pos.file ? pos.file : "");
    sv_json_integer(w, "line", pos.line);
    sv_json_integer(w, "column", pos.col);
}

/* A string, or null when there is none (an element without id, say). */
static void string_or_null(sv_json_writer *w, const char *key, const char *id)
{
    if (id)
        sv_json_string(w, key, id);
    else
        sv_json_null(w, key);
}

/* Streamed, one finding at a time: a national model has hundreds of
 * thousands of findings, and a tree of them cost more than the rules. */
int sv_report_check_json(FILE *out, const sv_check_result *r)
{
    sv_json_writer *w = malloc(sizeof *w);
    if (!w)
        return -1;
    sv_json_begin(w, out);
    sv_json_string(w, "tool", "samverkan");
    sv_json_string(w, "version", SAMVERKAN_VERSION);
    sv_json_integer(w, "format", SV_JSON_FORMAT);
    sv_json_integer(w, "year", r->year);
    sv_json_array(w, "inputs");
    for (size_t i = 0; i < r->input_count; i++)
        sv_json_string(w, NULL, r->inputs[i]);
    sv_json_end(w);
    /* the configuration file of each input, only when one was read */
    bool configured = false;
    for (size_t i = 0; r->configs && i < r->input_count; i++)
        configured = configured || r->configs[i];
    if (configured) {
        sv_json_array(w, "configs");
        for (size_t i = 0; i < r->input_count; i++)
            if (r->configs[i])
                sv_json_string(w, NULL, r->configs[i]);
            else
                sv_json_null(w, NULL);
        sv_json_end(w);
    }
    sv_json_array(w, "findings");
    for (size_t i = 0; i < r->findings->count; i++) {
        const sv_finding *f = &r->findings->items[i];
        if (!sv_report_listed(r, f))
            continue;
        sv_json_object(w, NULL);
        sv_json_string(w, "rule", sv_rule_at(f->rule)->name);
        sv_json_string(w, "severity", sv_severity_name(f->severity));
        sv_json_string(w, "message", f->message);
        string_or_null(w, "element", element_id(r, f, f->element));
        position_members(w, f->pos);
        sv_json_array(w, "related");
        for (size_t k = 0; k < f->related_count; k++) {
            sv_json_object(w, NULL);
            string_or_null(w, "element", element_id(r, f, f->related[k].element));
            position_members(w, f->related[k].pos);
            sv_json_end(w);
        }
        sv_json_end(w);
        if (f->suppressed) {
            sv_json_true(w, "suppressed");
            sv_json_string(w, "because", f->suppressed_because);
        }
        sv_json_end(w);
    }
    sv_json_end(w);
    sv_summary s = sv_summarize(r->findings);
    sv_json_object(w, "summary");
    sv_json_integer(w, "error", (long long)s.count[SV_SEV_ERROR]);
    sv_json_integer(w, "warning", (long long)s.count[SV_SEV_WARNING]);
    sv_json_integer(w, "note", (long long)s.count[SV_SEV_INFO]);
    sv_json_integer(w, "suppressed", (long long)s.suppressed);
    sv_json_end(w);
    /* the profile's name goes before the answers, as it always has */
    if (r->audits && r->input_count)
        sv_json_string(w, "audit_profile", r->audits[0].profile ? r->audits[0].profile : "");
    sv_json_array(w, "audit");
    for (size_t in = 0; r->audits && in < r->input_count; in++) {
        const sv_audit *au = &r->audits[in];
        const sv_model *m = r->models[in];
        for (size_t q = 0; q < au->question_count; q++) {
            const sv_audit_answer *a = &au->questions[q];
            sv_json_object(w, NULL);
            sv_json_integer(w, "question", a->question);
            sv_json_string(w, "text", a->text);
            sv_json_string(w, "answer", sv_answer_text(a->answer));
            if (au->party_count) {
                sv_json_object(w, "by_party");
                for (uint32_t p = 0; p < au->party_count; p++)
                    sv_json_string(w, m->elements[au->parties[p]].id, sv_answer_text(a->by_party[p]));
                sv_json_end(w);
            }
            sv_json_array(w, "missing");
            for (int e = 0; e < SV_EVIDENCE_COUNT; e++)
                if (a->missing & (1u << e))
                    sv_json_string(w, NULL, sv_evidence_name((sv_evidence)e));
            sv_json_end(w);
            if (au->party_count) {
                sv_json_object(w, "missing_by_party");
                for (uint32_t p = 0; p < au->party_count; p++) {
                    sv_json_array(w, m->elements[au->parties[p]].id);
                    for (int e = 0; e < SV_EVIDENCE_COUNT; e++)
                        if (a->missing_by_party[p] & (1u << e))
                            sv_json_string(w, NULL, sv_evidence_name((sv_evidence)e));
                    sv_json_end(w);
                }
                sv_json_end(w);
            }
            /* those of missing (and of missing_by_party) that the sources do not show */
            sv_json_array(w, "unknown");
            for (int e = 0; e < SV_EVIDENCE_COUNT; e++)
                if (a->unknown & (1u << e))
                    sv_json_string(w, NULL, sv_evidence_name((sv_evidence)e));
            sv_json_end(w);
            sv_json_array(w, "rules");
            bool *seen = calloc(sv_rule_count(), sizeof *seen);
            for (size_t i = 0; seen && i < a->finding_count; i++)
                seen[r->findings->items[a->findings[i]].rule] = true;
            for (size_t rule = 0; seen && rule < sv_rule_count(); rule++)
                if (seen[rule])
                    sv_json_string(w, NULL, sv_rule_at(rule)->name);
            free(seen);
            sv_json_end(w);
            sv_json_array(w, "findings");
            for (size_t i = 0; i < a->finding_count; i++) {
                const sv_finding *f = &r->findings->items[a->findings[i]];
                sv_json_object(w, NULL);
                sv_json_string(w, "rule", sv_rule_at(f->rule)->name);
                string_or_null(w, "element", element_id(r, f, f->element));
                position_members(w, f->pos);
                sv_json_end(w);
            }
            sv_json_end(w);
            sv_json_array(w, "recommendations");
            for (size_t k = 0; k < a->recommendation_count; k++) {
                const sv_recommendation *rec = &a->recommendations[k];
                sv_json_object(w, NULL);
                string_or_null(w, "addressee", rec->addressee == SV_NONE ? NULL : m->elements[rec->addressee].id);
                string_or_null(w, "rule", rec->rule == SIZE_MAX ? NULL : sv_rule_at(rec->rule)->name);
                string_or_null(w, "requirement",
                          rec->requirement < 0 ? NULL : sv_evidence_name((sv_evidence)rec->requirement));
                sv_json_array(w, "elements");
                for (size_t i = 0; i < rec->element_count; i++)
                    sv_json_string(w, NULL, m->elements[rec->elements[i]].id);
                sv_json_end(w);
                sv_json_string(w, "text", rec->text);
                sv_json_end(w);
            }
            sv_json_end(w);
            if (r->input_count > 1)
                sv_json_string(w, "input", r->inputs[in]);
            sv_json_end(w);
        }
    }
    sv_json_end(w);
    int result = sv_json_finish(w);
    free(w);
    return result;
}

void sv_report_rules_text(FILE *out)
{
    fprintf(out, "%-28s %-8s %-3s %s\n", _("RULE"), _("SEVERITY"), _("Q"), _("DETECTS"));
    for (size_t i = 0; i < sv_rule_count(); i++) {
        const sv_rule_info *r = sv_rule_at(i);
        fprintf(out, "%-28s %-8s %-3d %s\n", r->name, sv_severity_label(r->severity), r->question,
                sv_rule_summary(r));
    }
}

int sv_report_rules_json(FILE *out)
{
    json_t *list = json_array();
    for (size_t i = 0; i < sv_rule_count(); i++) {
        const sv_rule_info *r = sv_rule_at(i);
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(r->name));
        json_object_set_new(o, "severity", json_string(sv_severity_name(r->severity)));
        json_object_set_new(o, "question", json_integer(r->question));
        json_object_set_new(o, "summary", json_string(sv_rule_summary(r)));
        json_array_append_new(list, o);
    }
    return sv_report_json_write(out, list, 0);
}

/* ---- the rule catalogue in full: explain and docs/rules.md ---- */

/* Writes `text` as paragraphs wrapped at `width` characters, each line
 * starting with `indent`. */
static void put_wrapped(FILE *out, const char *text, const char *indent, size_t width)
{
    const char *p = text;
    while (*p) {
        fputs(indent, out);
        size_t col = strlen(indent), line_start = 1;
        while (*p && *p != '\n') {
            const char *word = p;
            size_t bytes = 0, chars = 0;
            while (word[bytes] && word[bytes] != ' ' && word[bytes] != '\n') {
                if (((unsigned char)word[bytes] & 0xC0) != 0x80)
                    chars++;
                bytes++;
            }
            if (!line_start && col + 1 + chars > width) {
                fputc('\n', out);
                fputs(indent, out);
                col = strlen(indent);
                line_start = 1;
            }
            if (!line_start) {
                fputc(' ', out);
                col++;
            }
            fwrite(word, 1, bytes, out);
            col += chars;
            line_start = 0;
            p = word + bytes;
            while (*p == ' ')
                p++;
        }
        fputc('\n', out);
        if (*p == '\n')
            p++;
    }
}

static void put_indented(FILE *out, const char *text, const char *indent)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        fputs(indent, out);
        fwrite(p, 1, len, out);
        fputc('\n', out);
        p += len + (nl ? 1 : 0);
    }
}

/* "2 (major), 4 (minor)": the questions a rule informs in the audit table. */
static void put_audit_use(FILE *out, size_t rule, const sv_audit_config *audit)
{
    bool any = false;
    for (int q = 1; q <= (int)audit->question_count; q++) {
        sv_weight w = *sv_audit_weight(audit, rule, q);
        if (w == SV_WEIGHT_NONE)
            continue;
        fprintf(out, "%s%d (%s)", any ? ", " : "", q, sv_weight_label(w));
        any = true;
    }
    if (!any)
        fputs("-", out);
}

static const char *suppress_example(void)
{
    return _("ignore:\n  - rule: %s\n    because: why the finding does not apply here\n"
             "    until: 2025-12-31          # optional: the finding returns after this date");
}

void sv_report_explain_text(FILE *out, size_t rule, const sv_audit_config *audit)
{
    const sv_rule_info *r = sv_rule_at(rule);
    const sv_rule_text *t = sv_rule_text_of(r);
    fprintf(out, "%s (%s)\n", r->name, sv_severity_label(r->severity));
    put_wrapped(out, sv_rule_summary(r), "  ", 78);
    fprintf(out, "\n%s ", _("Audit questions (weight):"));
    put_audit_use(out, rule, audit);
    fputc('\n', out);
    if (t) {
        fprintf(out, "\n%s\n", _("What it finds"));
        put_wrapped(out, sv_rule_text_translate(t->detects), "  ", 78);
        fprintf(out, "\n%s\n", _("Why it matters"));
        put_wrapped(out, sv_rule_text_translate(t->why), "  ", 78);
        fprintf(out, "\n%s\n", _("Wrong"));
        put_indented(out, t->wrong, "    ");
        fprintf(out, "\n%s\n", _("Right"));
        put_indented(out, t->right, "    ");
        fprintf(out, "\n%s\n", _("How to fix it"));
        put_wrapped(out, sv_rule_text_translate(t->fix), "  ", 78);
    }
    fprintf(out, "\n%s\n", _("How to suppress it (on the element the finding is about)"));
    char example[512];
    snprintf(example, sizeof example, suppress_example(), r->name);
    put_indented(out, example, "    ");
}

void sv_report_rules_markdown(FILE *out, const sv_audit_config *audit)
{
    fprintf(out, "# %s\n\n", _("The rule catalogue"));
    /* TRANSLATORS: the link from docs/rules.md to its Swedish version
       docs/sv/regler.md; the Swedish text is the link back, from regler.md to
       the English rules.md. */
    fprintf(out, "%s\n\n", _("På svenska: [sv/regler.md](sv/regler.md)"));
    /* for the file in the repository, not for readers: not translated */
    fputs("<!-- Generated by `samverkan --lang en rules --format markdown`; a test keeps it in "
          "step with the program. Do not edit by hand: change src/catalogue/rules.def and "
          "src/catalogue/rules_text.def. -->\n\n",
          out);
    put_wrapped(out,
                _("`samverkan check` runs these rules on a model that has loaded. Each finding "
                  "names its rule in brackets, points at the line of the model it concerns, and "
                  "says what would fix it. `samverkan explain NAME` prints one rule in full; "
                  "`--rule NAME=off|note|warning|error` or `.samverkan.yaml` changes a severity. "
                  "The last column says which of the audit's four questions a rule informs, and "
                  "with what weight (see docs/audit.md)."),
                "", 78);
    fprintf(out, "\n| %s | %s | %s | %s |\n|---|---|---|---|\n", _("rule"), _("severity"),
            _("finds"), _("audit question (weight)"));
    for (size_t i = 0; i < sv_rule_count(); i++) {
        const sv_rule_info *r = sv_rule_at(i);
        fprintf(out, "| [%s](#%s) | %s | %s | ", r->name, r->name, sv_severity_label(r->severity),
                sv_rule_summary(r));
        put_audit_use(out, i, audit);
        fputs(" |\n", out);
    }
    for (size_t i = 0; i < sv_rule_count(); i++) {
        const sv_rule_info *r = sv_rule_at(i);
        const sv_rule_text *t = sv_rule_text_of(r);
        fprintf(out, "\n## %s\n\n", r->name);
        fprintf(out, "%s: **%s**. %s ", _("Severity"), sv_severity_label(r->severity),
                _("Audit questions (weight):"));
        put_audit_use(out, i, audit);
        fputs("\n\n", out);
        if (!t) {
            put_wrapped(out, sv_rule_summary(r), "", 78);
            continue;
        }
        fprintf(out, "**%s** ", _("Finds:"));
        put_wrapped(out, sv_rule_text_translate(t->detects), "", 78);
        fprintf(out, "\n**%s** ", _("Why it matters:"));
        put_wrapped(out, sv_rule_text_translate(t->why), "", 78);
        fprintf(out, "\n%s\n\n```yaml\n%s```\n\n%s\n\n```yaml\n%s```\n\n", _("Wrong:"), t->wrong,
                _("Right:"), t->right);
        fprintf(out, "**%s** ", _("How to fix it:"));
        put_wrapped(out, sv_rule_text_translate(t->fix), "", 78);
    }
    fprintf(out, "\n## %s\n\n", _("Suppressing a finding"));
    put_wrapped(out,
                _("Write an `ignore` entry on the element the finding is about, with the reason. "
                  "A suppressed finding is counted in the summary and shown with "
                  "`--show-suppressed`; after `until` it returns. An entry without `because` "
                  "suppresses nothing and is itself reported (suppression-without-reason)."),
                "", 78);
    char example[512];
    snprintf(example, sizeof example, suppress_example(), "body-without-chair");
    fprintf(out, "\n```yaml\n%s\n```\n", example);
}

void sv_inputs_init(sv_inputs *inputs)
{
    inputs->paths = NULL;
    inputs->count = 0;
}

void sv_inputs_free(sv_inputs *inputs)
{
    for (size_t i = 0; i < inputs->count; i++)
        free(inputs->paths[i]);
    free(inputs->paths);
    sv_inputs_init(inputs);
}

static int inputs_take(sv_inputs *inputs, char *path)
{
    if (!path)
        return -1;
    char **grown = realloc(inputs->paths, (inputs->count + 1) * sizeof *grown);
    if (!grown) {
        free(path);
        return -1;
    }
    inputs->paths = grown;
    inputs->paths[inputs->count++] = path;
    return 0;
}

int sv_inputs_add_file(sv_inputs *inputs, const char *path)
{
    return path ? inputs_take(inputs, strdup(path)) : 0;
}

int sv_inputs_add_model(sv_inputs *inputs, const sv_model *model)
{
    for (uint32_t i = 0; model && i < model->source_count; i++)
        if (model->sources[i] && model->sources[i]->path &&
            sv_inputs_add_file(inputs, model->sources[i]->path) != 0)
            return -1;
    return 0;
}

int sv_inputs_add_config(sv_inputs *inputs, const char *explicit_path, const char *model_path)
{
    if (explicit_path && explicit_path[0] && sv_inputs_add_file(inputs, explicit_path) != 0)
        return -1;
    if (model_path && inputs_take(inputs, sv_config_path_beside(model_path)) != 0)
        return -1;
    char *found;
    if (sv_config_locate(&found, explicit_path, model_path) < 0)
        return -1;
    if (!found || access(found, F_OK) != 0) {
        free(found);
        return 0;
    }
    /* the file found and those it extends, read as the command reads them
     * (a mistake in them is the command's to report) */
    sv_config config = {0};
    sv_diags diags;
    sv_diags_init(&diags);
    sv_config_read_files(&config, found, &diags);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < config.file_count; i++)
        rc = sv_inputs_add_file(inputs, config.files[i]);
    sv_config_free(&config);
    sv_diags_free(&diags);
    free(found);
    return rc;
}

int sv_inputs_check_outputs(const sv_inputs *inputs, const char *const *outputs, size_t count)
{
    for (size_t o = 0; o < count; o++) {
        if (!outputs[o])
            continue;
        for (size_t i = 0; i < inputs->count; i++) {
            if (sv_same_file(outputs[o], inputs->paths[i])) {
                fprintf(stderr,
                        _("samverkan: will not write '%s': it is '%s', which this command reads "
                          "(a model, a base model or the configuration); choose another output "
                          "file\n"),
                        outputs[o], inputs->paths[i]);
                return -1;
            }
        }
        for (size_t p = 0; p < o; p++) {
            if (outputs[p] && sv_same_file(outputs[o], outputs[p])) {
                fprintf(stderr,
                        _("samverkan: '%s' is given for two outputs; one would be lost, so give "
                          "each its own file\n"),
                        outputs[o]);
                return -1;
            }
        }
    }
    return 0;
}

int sv_report_write_file(const char *path, const void *data, size_t len, const sv_inputs *inputs)
{
    char why[512];
    int written = sv_write_atomic(path, data, len, (const char *const *)inputs->paths,
                                  inputs->count, why, sizeof why);
    if (written != 0)
        fprintf(stderr, _("samverkan: cannot write '%s': %s\n"), path, why);
    return written;
}

int sv_report_write_stream(const char *path, int (*writer)(FILE *out, void *ctx), void *ctx,
                           const sv_inputs *inputs)
{
    char why[512];
    int written = sv_write_atomic_stream(path, writer, ctx, (const char *const *)inputs->paths,
                                         inputs->count, why, sizeof why);
    if (written == -1)
        fprintf(stderr, _("samverkan: cannot write '%s': %s\n"), path, why);
    return written == 0 ? 0 : -1;
}

int sv_report_write_new(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            close(fd);
            unlink(path);
            return -1;
        }
        done += (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        unlink(path);
        return -1;
    }
    return 0;
}
