/*
 * Collecting diagnostics; see samverkan/diag.h.
 */
#include "samverkan/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

void sv_diags_init(sv_diags *diags)
{
    memset(diags, 0, sizeof *diags);
}

static void free_pos_file(sv_pos *pos)
{
    free((char *)pos->file);
}

static void free_diag(sv_diag *d)
{
    free(d->message);
    free(d->note);
    free_pos_file(&d->pos);
    free_pos_file(&d->note_pos);
    sv_source_unref(d->source);
    sv_source_unref(d->note_source);
}

static int compare_pos(const sv_pos *a, const sv_pos *b)
{
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

void sv_diags_free(sv_diags *diags)
{
    if (!diags)
        return;
    for (size_t i = 0; i < diags->count; i++)
        free_diag(&diags->items[i]);
    for (size_t i = 0; i < diags->source_count; i++)
        sv_source_unref(diags->sources[i]);
    free(diags->sources);
    free(diags->items);
    memset(diags, 0, sizeof *diags);
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    char *text = malloc((size_t)n + 1);
    if (text)
        vsnprintf(text, (size_t)n + 1, fmt, ap);
    return text;
}

static sv_pos copy_pos(sv_pos pos)
{
    sv_pos out = pos;
    out.file = pos.file ? strdup(pos.file) : NULL;
    return out;
}

/* The text of `file` among the sources the diagnostics know, with a
 * reference taken, for showing its lines; NULL when none is known. */
static sv_source *source_of(const sv_diags *diags, const char *file)
{
    for (size_t i = 0; file && i < diags->source_count; i++)
        if (strcmp(file, diags->sources[i]->path) == 0)
            return sv_source_ref(diags->sources[i]);
    return NULL;
}

void sv_diags_add_source(sv_diags *diags, sv_source *source)
{
    if (!source)
        return;
    for (size_t i = 0; i < diags->source_count; i++)
        if (diags->sources[i] == source)
            return;
    sv_source **grown = realloc(diags->sources, (diags->source_count + 1) * sizeof *grown);
    if (!grown)
        return; /* the line will not be shown; the message still is */
    diags->sources = grown;
    diags->sources[diags->source_count++] = sv_source_ref(source);
}

void sv_diags_vadd(sv_diags *diags, const char *code, sv_pos pos, const char *fmt, va_list ap)
{
    size_t limit = diags->limit ? diags->limit : SV_DIAGS_DEFAULT_LIMIT;
    if (diags->count >= limit) {
        /* Keep the ones earliest in the file, not the first found: the
         * schema finds reference errors after all others. */
        diags->dropped++;
        size_t last = 0;
        for (size_t i = 1; i < diags->count; i++)
            if (compare_pos(&diags->items[i].pos, &diags->items[last].pos) > 0)
                last = i;
        diags->last_kept = false;
        if (compare_pos(&pos, &diags->items[last].pos) >= 0)
            return;
        free_diag(&diags->items[last]);
        diags->items[last] = diags->items[--diags->count];
    }
    if (diags->count == diags->capacity) {
        size_t capacity = diags->capacity ? diags->capacity * 2 : 16;
        sv_diag *items = realloc(diags->items, capacity * sizeof *items);
        if (!items) {
            diags->dropped++;
            diags->last_kept = false;
            return;
        }
        diags->items = items;
        diags->capacity = capacity;
    }
    sv_diag *d = &diags->items[diags->count];
    memset(d, 0, sizeof *d);
    d->code = code;
    d->pos = copy_pos(pos);
    d->message = vformat(fmt, ap);
    d->source = source_of(diags, pos.file);
    diags->count++;
    diags->last_kept = true;
}

void sv_diags_add(sv_diags *diags, const char *code, sv_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sv_diags_vadd(diags, code, pos, fmt, ap);
    va_end(ap);
}

void sv_diags_note(sv_diags *diags, sv_pos pos, const char *fmt, ...)
{
    if (diags->count == 0 || !diags->last_kept)
        return;
    sv_diag *d = &diags->items[diags->count - 1];
    if (d->has_note)
        return;
    va_list ap;
    va_start(ap, fmt);
    d->note = vformat(fmt, ap);
    va_end(ap);
    d->note_pos = copy_pos(pos);
    d->has_note = true;
    d->note_source = source_of(diags, pos.file);
}

const char *sv_format_bytes(char *buf, size_t size, unsigned long long bytes)
{
    if (bytes < 1024)
        snprintf(buf, size, P_("%llu byte", "%llu bytes", (unsigned long)(bytes % 1000000)), bytes);
    else if (bytes < (1ULL << 20))
        snprintf(buf, size, "%.1f KiB", (double)bytes / 1024);
    else if (bytes < (1ULL << 30))
        snprintf(buf, size, "%.1f MiB", (double)bytes / (1 << 20));
    else
        snprintf(buf, size, "%.1f GiB", (double)bytes / (1 << 30));
    return buf;
}

void sv_diags_output_too_large(sv_diags *diags, sv_pos pos, const char *what,
                               unsigned long long estimate, unsigned long long limit)
{
    char e[32], l[32];
    sv_diags_add(diags, "output-too-large", pos,
                 _("%s would take about %s, more than the %s that --max-output-size allows; "
                   "raise it to write this output"),
                 what, sv_format_bytes(e, sizeof e, estimate), sv_format_bytes(l, sizeof l, limit));
}

void sv_diags_sort(sv_diags *diags)
{
    /* insertion sort keeps equal positions in the order found; lists are
     * capped at a few hundred entries */
    for (size_t i = 1; i < diags->count; i++) {
        sv_diag item = diags->items[i];
        size_t j = i;
        while (j > 0 && compare_pos(&diags->items[j - 1].pos, &item.pos) > 0) {
            diags->items[j] = diags->items[j - 1];
            j--;
        }
        diags->items[j] = item;
    }
}

size_t sv_diags_total(const sv_diags *diags)
{
    return diags->count + diags->dropped;
}

const char *sv_severity_name(sv_severity sev)
{
    switch (sev) {
    case SV_SEV_ERROR: return "error";
    case SV_SEV_WARNING: return "warning";
    case SV_SEV_INFO: return "note";
    case SV_SEV_OFF: return "off";
    }
    return "off";
}

const char *sv_severity_label(sv_severity sev)
{
    switch (sev) {
    case SV_SEV_ERROR: return _("error");
    case SV_SEV_WARNING: return _("warning");
    case SV_SEV_INFO: return _("note");
    case SV_SEV_OFF: return _("off");
    }
    return "";
}

bool sv_severity_parse(const char *text, sv_severity *out)
{
    /* "info", the name before 1.1, is still read as "note" */
    if (strcmp(text, "info") == 0) {
        *out = SV_SEV_INFO;
        return true;
    }
    for (int s = SV_SEV_ERROR; s <= SV_SEV_OFF; s++) {
        if (strcmp(text, sv_severity_name((sv_severity)s)) == 0) {
            *out = (sv_severity)s;
            return true;
        }
    }
    return false;
}
