/*
 * Output of `simulate` (see samverkan/report_sim.h): in text a table per
 * service point with a column per input named by its name (the simulated
 * means with their 95 % intervals, and beneath them the analytic figures
 * and the targets), within 100 columns, JSON in
 * the stable shape of docs/cli.md written with jansson in a fixed key
 * order, CSV, the daily queue-length trace, and an SVG plot of it written
 * by hand. Numbers are printed with printf in the C locale (the CLI never
 * sets LC_NUMERIC), so they read the same in every language.
 */
#include "samverkan/report_sim.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "samverkan/report.h"
#include "report/report_json.h"
#include "report/report_sim_plan.h"
#include "util/csv.h"
#include "util/i18n.h"
#include "util/markup.h"
#include "util/number.h"

/* The options as given (a warm-up or runs may be SV_SIM_CHOOSE: each
 * point holds what it was simulated with). A copy, so that writers share
 * no state. */
static sv_sim_options options_of(const sv_sim_report *r)
{
    sv_sim_options o;
    if (r->input_count && r->results[0])
        return r->results[0]->options;
    sv_sim_options_default(&o);
    return o;
}

static int finish(FILE *out)
{
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* A number for people: three or four significant digits, no exponent, in
 * the style of the message language (util/number.h). */
static void put_number(char *buf, size_t size, double v)
{
    double a = fabs(v);
    if (isnan(v))
        snprintf(buf, size, "–");
    else
        sv_number_format(buf, size, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f",
                         v);
}

/* Three significant digits, for the figures of theory and targets. */
static const char *three_digits(char *buf, size_t size, double v)
{
    return sv_number_format(buf, size, "%.3g", v);
}

/* ---- text ---- */

typedef struct table {
    char **cells; /* rows x cols, NULL = empty */
    size_t rows, cols, capacity;
    bool failed;
} table;

static void table_row(table *t)
{
    if (t->failed)
        return;
    if (t->rows == t->capacity) {
        size_t cap = t->capacity ? t->capacity * 2 : 32;
        char **cells = realloc(t->cells, cap * t->cols * sizeof *cells);
        if (!cells) {
            t->failed = true;
            return;
        }
        t->cells = cells;
        t->capacity = cap;
    }
    for (size_t c = 0; c < t->cols; c++)
        t->cells[t->rows * t->cols + c] = NULL;
    t->rows++;
}

static void table_set(table *t, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void table_set(table *t, size_t col, const char *fmt, ...)
{
    if (t->failed || !t->rows)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **cell = &t->cells[(t->rows - 1) * t->cols + col];
    free(*cell);
    *cell = strdup(buf);
    if (!*cell)
        t->failed = true;
}

static size_t display_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->rows * t->cols; i++)
        free(t->cells[i]);
    free(t->cells);
}

/* "12.3 [11.8, 12.9]" */
static void set_stat(table *t, size_t col, const sv_sim_stat *s)
{
    char m[32], lo[32], hi[32];
    put_number(m, sizeof m, s->mean);
    if (isnan(s->lo)) {
        table_set(t, col, "%s", m);
        return;
    }
    put_number(lo, sizeof lo, s->lo);
    put_number(hi, sizeof hi, s->hi);
    /* TRANSLATORS: a mean and its confidence interval; with a decimal comma
       the two ends are better parted by a semicolon */
    table_set(t, col, _("%s [%s, %s]"), m, lo, hi);
}

static void set_value(table *t, size_t col, double v)
{
    char m[32];
    put_number(m, sizeof m, v);
    table_set(t, col, "%s", m);
}

/* The service points of one input sorted by name, so that the text table
 * finds a point of each input in O(log n): a linear search per point and
 * measure made the table of a national model (58,570 points) quadratic. */
typedef struct point_index {
    const sv_sim_point **sorted;
    uint32_t count;
} point_index;

static int by_name(const void *a, const void *b)
{
    const sv_sim_point *pa = *(const sv_sim_point *const *)a, *pb = *(const sv_sim_point *const *)b;
    int c = strcmp(pa->queue.name, pb->queue.name);
    return c ? c : (pa < pb ? -1 : pa > pb); /* the first of equal names first */
}

static int point_index_build(point_index *ix, const sv_sim_result *res)
{
    *ix = (point_index){0};
    if (!res || !res->point_count)
        return 0;
    ix->sorted = malloc(res->point_count * sizeof *ix->sorted);
    if (!ix->sorted)
        return -1;
    for (uint32_t i = 0; i < res->point_count; i++)
        ix->sorted[i] = &res->points[i];
    ix->count = res->point_count;
    qsort(ix->sorted, ix->count, sizeof *ix->sorted, by_name);
    return 0;
}

/* The first point named `name`, or NULL. */
static const sv_sim_point *find_point(const point_index *ix, const char *name)
{
    uint32_t lo = 0, hi = ix->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix->sorted[mid]->queue.name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->count && strcmp(ix->sorted[lo]->queue.name, name) == 0 ? ix->sorted[lo] : NULL;
}

/* "22 % [20 %, 25 %]": a share of the runs as a percentage. */
static void set_share(table *t, size_t col, const sv_sim_stat *s)
{
    char m[32], lo[32], hi[32];
    if (isnan(s->mean)) {
        table_set(t, col, "–");
        return;
    }
    sv_number_format(m, sizeof m, "%.0f", 100 * s->mean);
    if (isnan(s->lo)) {
        table_set(t, col, _("%s %%"), m);
        return;
    }
    sv_number_format(lo, sizeof lo, "%.0f", 100 * fmax(s->lo, 0));
    sv_number_format(hi, sizeof hi, "%.0f", 100 * fmin(s->hi, 1));
    /* TRANSLATORS: a share in per cent and its confidence interval */
    table_set(t, col, _("%s %% [%s %%, %s %%]"), m, lo, hi);
}

static void set_percent(table *t, size_t col, double v)
{
    char m[32];
    table_set(t, col, _("%s %%"), sv_number_format(m, sizeof m, "%.0f", 100 * v));
}

/* Why no analytic figure stands beside a queue's simulated ones: Erlang C
 * needs continuous intake and exponential durations, Pollaczek-Khinchine
 * one slot and continuous intake, and both a stable queue. */
static void set_analytic_model(table *t, size_t col, const sv_sim_point *p)
{
    const sv_queue *q = &p->queue;
    if (p->analytic.available) {
        table_set(t, col, "%s (%s)",
                  strcmp(p->analytic.model, "M/M/c") == 0 || strcmp(p->analytic.model, "M/M/1") == 0
                      ? "Erlang C"
                      : "Pollaczek-Khinchine",
                  p->analytic.model);
    } else if (q->intake_days > 0) {
        table_set(t, col, "%s", _("none: batch intake"));
    } else if (p->unstable) {
        table_set(t, col, "%s", _("none: unstable"));
    } else {
        /* TRANSLATORS: no analytic figure: "lognormal durations, 80 slots" */
        table_set(t, col, _("none: %s, %d slots"), sv_dist_name(q->duration.dist), q->slots);
    }
}

/* The measures of the text table, in order; THEORY rows hold the analytic
 * figure of the measure above them, TARGET rows an outcome's target. */
enum {
    ROW_ARRIVALS, ROW_SLOTS, ROW_INTAKE, ROW_DURATION, ROW_DURATION_MEAN, ROW_DURATION_CV,
    ROW_LOAD, ROW_ANALYTIC, ROW_WARMUP, ROW_RUNS, ROW_HALF_WAIT, ROW_HALF_LEAD,
    ROW_WAIT, ROW_WAIT_THEORY, ROW_WAIT_P50, ROW_WAIT_P90, ROW_P_WAIT, ROW_P_WAIT_THEORY,
    ROW_LEAD, ROW_LEAD_P50, ROW_LEAD_P90, ROW_UTILISATION, ROW_UTILISATION_THEORY, ROW_QUEUE,
    ROW_QUEUE_THEORY, ROW_GROWTH, ROW_ADMISSIONS, ROW_COUNT
};

static const char *row_label(int row)
{
    switch (row) {
    case ROW_ARRIVALS: return _("arrivals per month (model)");
    case ROW_SLOTS: return _("slots");
    case ROW_INTAKE: return _("intake");
    case ROW_DURATION: return _("duration");
    case ROW_DURATION_MEAN: return _("duration, mean (days)");
    case ROW_DURATION_CV: return _("duration, cv");
    case ROW_LOAD: return _("load (1 or more: unstable)");
    case ROW_ANALYTIC: return _("analytic figures");
    case ROW_WARMUP: return _("warm-up (months)");
    case ROW_RUNS: return _("runs");
    case ROW_HALF_WAIT: return _("mean wait, 95 % interval ±");
    case ROW_HALF_LEAD: return _("mean lead time, 95 % interval ±");
    case ROW_WAIT: return _("wait for a slot, mean (days)");
    case ROW_WAIT_P50: return _("wait for a slot, median");
    case ROW_WAIT_P90: return _("wait for a slot, 90th percentile");
    case ROW_P_WAIT: return _("share who wait for a slot");
    case ROW_LEAD: return _("lead time to start, mean (days)");
    case ROW_LEAD_P50: return _("lead time, median");
    case ROW_LEAD_P90: return _("lead time, 90th percentile");
    case ROW_UTILISATION: return _("utilisation");
    case ROW_QUEUE: return _("queue length, mean");
    case ROW_GROWTH: return _("queue growth per month");
    case ROW_ADMISSIONS: return _("admissions per month");
    case ROW_WAIT_THEORY:
    case ROW_P_WAIT_THEORY:
    case ROW_UTILISATION_THEORY:
    case ROW_QUEUE_THEORY: return _("  analytic");
    default: return "";
    }
}

static void fill_cells(table *t, size_t col, const sv_sim_point *p, int row)
{
    const sv_queue *q = &p->queue;
    const sv_sim_analytic *a = &p->analytic;
    bool hide = p->unstable; /* means of a growing queue say nothing */
    char n[64];
    switch (row) {
    case ROW_ARRIVALS:
        set_value(t, col, q->arrivals_per_month);
        break;
    case ROW_SLOTS:
        table_set(t, col, "%d", q->slots);
        break;
    case ROW_INTAKE:
        if (q->intake_days > 0)
            table_set(t, col, _("every %s days"),
                      sv_number_format(n, sizeof n, "%.1f", q->intake_days));
        else
            table_set(t, col, "%s", _("continuous"));
        break;
    case ROW_DURATION:
        table_set(t, col, "%s", sv_dist_name(q->duration.dist));
        break;
    case ROW_DURATION_MEAN:
        set_value(t, col, q->duration.mean_days);
        break;
    case ROW_DURATION_CV:
        if (q->duration.dist != SV_DIST_EXPONENTIAL && q->duration.dist != SV_DIST_FIXED)
            table_set(t, col, "%s", sv_number_format(n, sizeof n, "%.2g", q->duration.cv));
        break;
    case ROW_LOAD:
        if (p->unstable)
            table_set(t, col, _("%s, unstable"), sv_number_format(n, sizeof n, "%.3f", p->load));
        else
            set_value(t, col, p->load);
        break;
    case ROW_ANALYTIC:
        set_analytic_model(t, col, p);
        break;
    case ROW_WARMUP:
        if (p->choice.warmup_chosen && p->choice.settled)
            table_set(t, col, _("%d (MSER-5)"), p->warmup);
        else if (p->choice.measured && !p->choice.settled)
            table_set(t, col, _("%d (never settles)"), p->warmup);
        else if (p->choice.settled && p->choice.warmup_suggested > p->warmup)
            table_set(t, col, _("%d (given; MSER-5: %d)"), p->warmup, p->choice.warmup_suggested);
        else if (!p->choice.warmup_chosen)
            table_set(t, col, _("%d (given)"), p->warmup);
        else
            table_set(t, col, "%d", p->warmup);
        break;
    case ROW_RUNS:
        table_set(t, col, "%u", p->run_count);
        break;
    case ROW_HALF_WAIT:
        if (!hide && p->wait.hi >= p->wait.lo)
            table_set(t, col, "%s", three_digits(n, sizeof n, (p->wait.hi - p->wait.lo) / 2));
        break;
    case ROW_HALF_LEAD:
        if (!hide && p->lead.hi >= p->lead.lo)
            table_set(t, col, "%s", three_digits(n, sizeof n, (p->lead.hi - p->lead.lo) / 2));
        break;
    case ROW_WAIT:
        if (!hide)
            set_stat(t, col, &p->wait);
        break;
    case ROW_WAIT_THEORY:
        if (a->available)
            table_set(t, col, "%s", three_digits(n, sizeof n, a->wait_mean));
        break;
    case ROW_WAIT_P50:
        if (!hide)
            set_stat(t, col, &p->wait_p50);
        break;
    case ROW_WAIT_P90:
        if (!hide)
            set_stat(t, col, &p->wait_p90);
        break;
    case ROW_P_WAIT:
        if (!hide)
            set_share(t, col, &p->p_wait);
        break;
    case ROW_P_WAIT_THEORY:
        if (a->available)
            set_percent(t, col, a->p_wait);
        break;
    case ROW_LEAD:
        if (!hide)
            set_stat(t, col, &p->lead);
        break;
    case ROW_LEAD_P50:
        if (!hide)
            set_stat(t, col, &p->lead_p50);
        break;
    case ROW_LEAD_P90:
        if (!hide)
            set_stat(t, col, &p->lead_p90);
        break;
    case ROW_UTILISATION:
        set_share(t, col, &p->utilisation);
        break;
    case ROW_UTILISATION_THEORY:
        if (a->available)
            set_percent(t, col, a->utilisation);
        break;
    case ROW_QUEUE:
        if (!hide)
            set_stat(t, col, &p->queue_length);
        break;
    case ROW_QUEUE_THEORY:
        if (a->available)
            table_set(t, col, "%s", three_digits(n, sizeof n, a->queue_mean));
        break;
    case ROW_GROWTH:
        if (hide)
            set_stat(t, col, &p->queue_growth_per_month);
        break;
    case ROW_ADMISSIONS:
        set_stat(t, col, &p->admissions_per_month);
        break;
    }
}

/* Lines of text within this many columns (a terminal, a printed page). */
#define TEXT_WIDTH 100
/* A column's heading is wrapped to the column, or to this width when the
 * column is narrower. */
#define HEADING_WIDTH 20

/* Prints `text` wrapped at spaces to `width` columns, each line after the
 * first indented by `indent` spaces. */
static void put_wrapped(FILE *out, const char *text, size_t width, size_t indent)
{
    size_t column = 0;
    const char *s = text;
    while (*s) {
        const char *end = strchr(s, ' ');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char word[512];
        snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : sizeof word - 1), s);
        size_t w = display_width(word);
        if (column > indent && column + 1 + w > width) {
            fprintf(out, "\n%*s", (int)indent, "");
            column = indent;
        } else if (column > 0) {
            fputc(' ', out);
            column++;
        }
        sv_report_put_safe(out, s, len);
        column += w;
        s += len;
        while (*s == ' ')
            s++;
    }
    fputc('\n', out);
}

/* The lines of `text` wrapped at spaces to `width` (a word longer stays
 * whole), as a freshly allocated array of strings; *count set. */
static char **wrap_lines(const char *text, size_t width, size_t *count)
{
    size_t len = strlen(text), n = 0;
    char **lines = calloc(len + 1, sizeof *lines);
    if (!lines)
        return NULL;
    const char *s = text;
    while (*s) {
        const char *start = s, *last_break = NULL, *p = s;
        size_t w = 0;
        while (*p) {
            if (*p == ' ') {
                if (w > width && last_break)
                    break;
                last_break = p;
                if (w >= width)
                    break;
            }
            w += ((unsigned char)*p & 0xC0) != 0x80;
            p++;
        }
        const char *end = !*p && (w <= width || !last_break) ? p : last_break;
        lines[n] = strndup(start, (size_t)(end - start));
        if (!lines[n]) {
            for (size_t i = 0; i < n; i++)
                free(lines[i]);
            free(lines);
            return NULL;
        }
        n++;
        s = end;
        while (*s == ' ')
            s++;
    }
    *count = n;
    return lines;
}

/* Prints a service point's table: the labels in the first column, an
 * input in each further column, headed by its name wrapped to the column.
 * Rows with no figure in any column are left out. When the columns do not
 * fit within TEXT_WIDTH they are printed in blocks, the labels repeated. */
static int table_print_blocks(FILE *out, const table *t, const char *const *heads)
{
    size_t cols = t->cols, *width = calloc(cols, sizeof *width);
    bool *shown = calloc(t->rows ? t->rows : 1, sizeof *shown);
    char ***head_lines = calloc(cols, sizeof *head_lines);
    size_t *head_count = calloc(cols, sizeof *head_count);
    int rc = 0;
    if (!width || !shown || !head_lines || !head_count) {
        rc = -1;
        goto done;
    }
    for (size_t r = 0; r < t->rows; r++)
        for (size_t c = 1; c < cols; c++)
            shown[r] |= t->cells[r * cols + c] != NULL;
    for (size_t r = 0; r < t->rows; r++)
        for (size_t c = 0; c < cols; c++) {
            const char *s = t->cells[r * cols + c];
            if (shown[r] && s && display_width(s) > width[c])
                width[c] = display_width(s);
        }
    for (size_t c = 1; c < cols; c++) {
        head_lines[c] = wrap_lines(heads[c - 1], width[c] > HEADING_WIDTH ? width[c] : HEADING_WIDTH,
                                   &head_count[c]);
        if (!head_lines[c]) {
            rc = -1;
            goto done;
        }
        for (size_t k = 0; k < head_count[c]; k++)
            if (display_width(head_lines[c][k]) > width[c])
                width[c] = display_width(head_lines[c][k]);
    }
    for (size_t first = 1; first < cols;) {
        size_t last = first, used = width[0] + 2 + width[first];
        while (last + 1 < cols && used + 2 + width[last + 1] <= TEXT_WIDTH)
            used += 2 + width[++last];
        if (first > 1)
            fputc('\n', out);
        size_t heading_rows = 0;
        for (size_t c = first; c <= last; c++)
            if (head_count[c] > heading_rows)
                heading_rows = head_count[c];
        for (size_t k = 0; k < heading_rows; k++) {
            fprintf(out, "%*s", (int)(width[0] + 2), "");
            size_t pending = 0;
            for (size_t c = first; c <= last; c++) {
                const char *s = k < head_count[c] ? head_lines[c][k] : "";
                if (*s) {
                    fprintf(out, "%*s", (int)pending, "");
                    sv_report_put_safe(out, s, strlen(s));
                    pending = 0;
                }
                pending += width[c] - display_width(s) + 2;
            }
            fputc('\n', out);
        }
        for (size_t r = 0; r < t->rows; r++) {
            bool any = false;
            for (size_t c = first; c <= last; c++)
                any |= t->cells[r * cols + c] != NULL;
            if (!any)
                continue;
            const char *label = t->cells[r * cols] ? t->cells[r * cols] : "";
            sv_report_put_safe(out, label, strlen(label));
            size_t pending = width[0] - display_width(label) + 2;
            for (size_t c = first; c <= last; c++) {
                const char *s = t->cells[r * cols + c] ? t->cells[r * cols + c] : "";
                if (*s) {
                    fprintf(out, "%*s", (int)pending, "");
                    sv_report_put_safe(out, s, strlen(s));
                    pending = 0;
                }
                pending += width[c] - display_width(s) + 2;
            }
            fputc('\n', out);
        }
        first = last + 1;
    }
done:
    for (size_t c = 0; head_lines && c < cols; c++) {
        for (size_t k = 0; head_lines[c] && k < head_count[c]; k++)
            free(head_lines[c][k]);
        free(head_lines[c]);
    }
    free(head_lines);
    free(head_count);
    free(shown);
    free(width);
    return rc;
}

/* The rows of the outcomes of a service point: each label once, in order
 * of first appearance over the inputs that have the point, its share and
 * beneath it its target, the indicator it comes from in the label when all
 * inputs take it from the same one. */
static void outcome_rows(table *t, const sv_sim_point *const *have, size_t count)
{
    for (size_t j = 0; j < count; j++) {
        for (uint32_t o = 0; o < have[j]->queue.outcome_count; o++) {
            const char *label = have[j]->queue.outcomes[o].label;
            bool done = false;
            for (size_t jj = 0; jj < j && !done; jj++)
                for (uint32_t x = 0; x < have[jj]->queue.outcome_count; x++)
                    done |= strcmp(have[jj]->queue.outcomes[x].label, label) == 0;
            if (done)
                continue;
            const char *from = NULL;
            bool same_source = true, first = true;
            for (size_t jj = j; jj < count; jj++)
                for (uint32_t x = 0; x < have[jj]->queue.outcome_count; x++) {
                    if (strcmp(have[jj]->queue.outcomes[x].label, label) != 0)
                        continue;
                    const char *f = have[jj]->outcome_target_from[x];
                    if (first)
                        from = f;
                    else if ((f == NULL) != (from == NULL) || (f && strcmp(f, from) != 0))
                        same_source = false;
                    first = false;
                }
            table_row(t);
            table_set(t, 0, _("  outcome %s, share"), label);
            for (size_t jj = j; jj < count; jj++)
                for (uint32_t x = 0; x < have[jj]->queue.outcome_count; x++)
                    if (strcmp(have[jj]->queue.outcomes[x].label, label) == 0)
                        set_share(t, 1 + jj, &have[jj]->outcome_share[x]);
            table_row(t);
            if (!same_source)
                table_set(t, 0, "%s", _("    target"));
            else if (from)
                table_set(t, 0, _("    target: %s"), from);
            else
                table_set(t, 0, "%s", _("    target (model)"));
            for (size_t jj = j; jj < count; jj++)
                for (uint32_t x = 0; x < have[jj]->queue.outcome_count; x++) {
                    if (strcmp(have[jj]->queue.outcomes[x].label, label) != 0)
                        continue;
                    char n[32];
                    sv_number_format(n, sizeof n, "%.0f", 100 * have[jj]->outcome_target[x]);
                    if (same_source)
                        table_set(t, 1 + jj, _("%s %%"), n);
                    else if (have[jj]->outcome_target_from[x])
                        table_set(t, 1 + jj, _("%s %% (%s)"), n, have[jj]->outcome_target_from[x]);
                    else
                        table_set(t, 1 + jj, _("%s %% (model)"), n);
                }
        }
    }
}

static const char *input_name(const sv_sim_report *r, size_t i)
{
    return r->names && r->names[i] ? r->names[i] : r->inputs[i];
}

int sv_report_sim_text(FILE *out, const sv_sim_report *r)
{
    sv_sim_options o = options_of(r);
    char months[64], precision[64], line[1024];
    snprintf(months, sizeof months, P_("%d month", "%d months", o.months), o.months);
    sv_number_format(precision, sizeof precision, "%g",
                     100 * (o.precision > 0 ? o.precision : SV_SIM_PRECISION));
    snprintf(line, sizeof line,
             _("simulation: %s after each service point's warm-up, seed %llu; the warm-up found "
               "by MSER-5 and the runs chosen for a 95 %% interval within %s %% of the mean "
               "wait and lead time, where not given"),
             months, (unsigned long long)o.seed, precision);
    put_wrapped(out, line, TEXT_WIDTH, 2);
    put_wrapped(out,
                /* xgettext:no-c-format */
                _("means over the runs with their 95 % confidence intervals; times in days; "
                  "analytic: the figure of queueing theory where one applies (Erlang C or "
                  "Pollaczek-Khinchine); target: each outcome's"),
                TEXT_WIDTH, 2);
    if (r->names)
        fprintf(out, "%s\n", _("inputs:"));
    for (size_t i = 0; r->names && i < r->input_count; i++) {
        snprintf(line, sizeof line, _("%s: %s"), input_name(r, i), r->inputs[i]);
        fputs("  ", out);
        put_wrapped(out, line, TEXT_WIDTH, 4);
    }
    int rc = 0;
    point_index *index = calloc(r->input_count ? r->input_count : 1, sizeof *index);
    const sv_sim_point **have = calloc(r->input_count ? r->input_count : 1, sizeof *have);
    const char **heads = calloc(r->input_count ? r->input_count : 1, sizeof *heads);
    if (!index || !have || !heads)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < r->input_count; i++)
        if (point_index_build(&index[i], r->results[i]) != 0)
            rc = -1;
    /* the service points of all inputs, in order of first appearance, a
       table each with a column for each input that has the point */
    for (size_t i = 0; rc == 0 && i < r->input_count; i++) {
        const sv_sim_result *res = r->results[i];
        for (uint32_t k = 0; rc == 0 && res && k < res->point_count; k++) {
            const char *name = res->points[k].queue.name;
            bool seen = false;
            for (size_t j = 0; j < i && !seen; j++)
                seen = find_point(&index[j], name) != NULL;
            if (seen)
                continue;
            size_t count = 0;
            for (size_t j = i; j < r->input_count; j++) {
                const sv_sim_point *p = find_point(&index[j], name);
                if (p) {
                    heads[count] = input_name(r, j);
                    have[count++] = p;
                }
            }
            table t = {.cols = 1 + count};
            for (int row = 0; row < ROW_COUNT; row++) {
                table_row(&t);
                table_set(&t, 0, "  %s", row_label(row));
                for (size_t j = 0; j < count; j++)
                    fill_cells(&t, 1 + j, have[j], row);
            }
            outcome_rows(&t, have, count);
            fputc('\n', out);
            sv_report_put_safe(out, name, strlen(name));
            fputc('\n', out);
            if (t.failed || table_print_blocks(out, &t, heads) != 0)
                rc = -1;
            table_free(&t);
        }
    }
    for (size_t i = 0; index && i < r->input_count; i++)
        free(index[i].sorted);
    free(index);
    free(have);
    free(heads);
    if (rc != 0) {
        errno = ENOMEM;
        return -1;
    }
    return finish(out);
}

/* ---- warnings ---- */

void sv_report_sim_warnings(FILE *out, const sv_sim_report *r)
{
    sv_sim_options o = options_of(r);
    double precision = o.precision > 0 ? o.precision : SV_SIM_PRECISION;
    char wanted[32], got[32], load[32];
    sv_number_format(wanted, sizeof wanted, "%g", 100 * precision);
    for (size_t i = 0; i < r->input_count; i++) {
        for (uint32_t k = 0; r->results[i] && k < r->results[i]->point_count; k++) {
            const sv_sim_point *p = &r->results[i]->points[k];
            unsigned flags = sv_sim_point_warnings(p, precision);
            const char *name = p->queue.name, *input = r->inputs[i];
            if (flags & SV_SIM_WARN_WARMUP_SHORT) {
                fputs(_("samverkan: warning: "), out);
                fprintf(out,
                        _("%s (%s): the warm-up of %d months is shorter than the %d months "
                          "MSER-5 finds, so the figures carry the bias of the start; leave out "
                          "--warmup to use MSER-5's"),
                        name, input, p->warmup, p->choice.warmup_suggested);
                fputc('\n', out);
            }
            if (flags & SV_SIM_WARN_NO_STEADY_STATE) {
                sv_number_format(load, sizeof load, "%.3f", p->load);
                fputs(_("samverkan: warning: "), out);
                fprintf(out,
                        _("%s (%s): the queue does not settle within %d years at a load of %s: "
                          "its figures depend on the length of the run and are not those of a "
                          "steady state"),
                        name, input, SV_SIM_MAX_MONTHS / 12, load);
                fputc('\n', out);
            }
            if (flags & SV_SIM_WARN_IMPRECISE) {
                sv_number_format(got, sizeof got, "%.1f", 100 * sv_sim_point_precision(p));
                fputs(_("samverkan: warning: "), out);
                fprintf(out,
                        /* xgettext:c-format */
                        _("%s (%s): the 95 %% interval of the mean wait or lead time is ±%s %% of "
                          "it, wider than %s %% (or half a day): use --runs %u"),
                        name, input, got, wanted, sv_sim_point_runs_needed(p, precision));
                fputc('\n', out);
            }
        }
    }
}

/* ---- JSON ---- */

static json_t *real_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *ci_json(const sv_sim_stat *s)
{
    if (isnan(s->lo))
        return json_null();
    json_t *a = json_array();
    json_array_append_new(a, real_or_null(s->lo));
    json_array_append_new(a, real_or_null(s->hi));
    return a;
}

static json_t *stat_json(const sv_sim_stat *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "mean", real_or_null(s->mean));
    json_object_set_new(o, "ci95", ci_json(s));
    return o;
}

static json_t *point_json(const sv_sim_point *p, double r_precision)
{
    const sv_queue *q = &p->queue;
    json_t *o = json_object();
    json_object_set_new(o, "at", json_string(q->name));
    json_object_set_new(o, "arrivals_per_month", json_real(q->arrivals_per_month));
    json_object_set_new(o, "slots", json_integer(q->slots));
    json_object_set_new(o, "warmup_months", json_integer(p->warmup));
    json_object_set_new(o, "runs", json_integer(p->run_count));
    json_object_set_new(o, "warmup_from", json_string(p->choice.warmup_chosen ? "mser-5" : "given"));
    json_object_set_new(o, "mser5_warmup_months", p->choice.warmup_suggested >= 0
                                                      ? json_integer(p->choice.warmup_suggested)
                                                      : json_null());
    json_object_set_new(o, "precision", real_or_null(sv_sim_point_precision(p)));
    json_t *warnings = json_array();
    unsigned flags = sv_sim_point_warnings(p, r_precision);
    static const char *const codes[] = {"warmup-short", "no-steady-state", "imprecise"};
    for (unsigned b = 0; b < 3; b++)
        if (flags & (1u << b))
            json_array_append_new(warnings, json_string(codes[b]));
    json_object_set_new(o, "warnings", warnings);
    if (p->unstable) {
        json_object_set_new(o, "wait_days", json_null());
        json_object_set_new(o, "lead_days", json_null());
    } else {
        json_t *w = stat_json(&p->wait);
        json_object_set_new(w, "p50", real_or_null(p->wait_p50.mean));
        json_object_set_new(w, "p90", real_or_null(p->wait_p90.mean));
        json_object_set_new(o, "wait_days", w);
        json_object_set_new(o, "lead_days", stat_json(&p->lead));
    }
    json_object_set_new(o, "utilisation", stat_json(&p->utilisation));
    json_object_set_new(o, "queue_length", p->unstable ? json_null() : stat_json(&p->queue_length));
    json_object_set_new(o, "admissions_per_month", stat_json(&p->admissions_per_month));
    json_t *outcomes = json_object();
    for (uint32_t k = 0; k < q->outcome_count; k++) {
        json_t *x = json_object();
        json_object_set_new(x, "share", real_or_null(p->outcome_share[k].mean));
        json_object_set_new(x, "ci95", ci_json(&p->outcome_share[k]));
        json_object_set_new(x, "target", json_real(p->outcome_target[k]));
        json_object_set_new(outcomes, q->outcomes[k].label, x);
    }
    json_object_set_new(o, "outcomes", outcomes);
    if (p->analytic.available) {
        json_t *a = json_object();
        json_object_set_new(a, "model", json_string(p->analytic.model));
        json_object_set_new(a, "wait_days_mean", json_real(p->analytic.wait_mean));
        json_object_set_new(a, "p_wait", json_real(p->analytic.p_wait));
        json_object_set_new(a, "utilisation", json_real(p->analytic.utilisation));
        json_object_set_new(a, "queue_length_mean", json_real(p->analytic.queue_mean));
        json_object_set_new(o, "analytic", a);
    } else {
        json_object_set_new(o, "analytic", json_null());
    }
    if (p->unstable) {
        json_t *u = json_object();
        json_object_set_new(u, "queue_growth_per_month", stat_json(&p->queue_growth_per_month));
        json_object_set_new(o, "unstable", u);
    }
    return o;
}

int sv_report_sim_json(FILE *out, const sv_sim_report *r)
{
    sv_sim_options o = options_of(r);
    json_t *root = sv_report_json_document();
    json_object_set_new(root, "months", json_integer(o.months));
    /* as given; null: chosen per service point (its warmup_months and runs) */
    json_object_set_new(root, "warmup",
                        o.warmup == SV_SIM_CHOOSE ? json_null() : json_integer(o.warmup));
    json_object_set_new(root, "runs", o.runs == SV_SIM_CHOOSE ? json_null() : json_integer(o.runs));
    json_object_set_new(root, "precision", json_real(o.precision > 0 ? o.precision : SV_SIM_PRECISION));
    json_object_set_new(root, "seed", json_integer((json_int_t)o.seed));
    json_t *inputs = json_array();
    for (size_t i = 0; i < r->input_count; i++) {
        json_t *in = json_object();
        json_object_set_new(in, "input", json_string(r->inputs[i]));
        json_t *points = json_array();
        for (uint32_t k = 0; r->results[i] && k < r->results[i]->point_count; k++)
            json_array_append_new(points, point_json(&r->results[i]->points[k],
                                                     o.precision > 0 ? o.precision : SV_SIM_PRECISION));
        json_object_set_new(in, "service_points", points);
        if (i > 0 && r->conclusions)
            json_object_set_new(in, "conclusion", sv_report_sim_conclusion_json(r, i));
        json_array_append_new(inputs, in);
    }
    json_object_set_new(root, "inputs", inputs);
    if (r->plans)
        json_object_set_new(root, "capacity", sv_report_sim_plan_json(r));
    return sv_report_json_write(out, root, JSON_REAL_PRECISION(6));
}

/* ---- CSV ---- */

static void csv_number(sv_csv *csv, double v)
{
    sv_csv_number(csv, "%.6g", v);
}

/* The header row, through the writer so that it has the dialect's separator. */
static void csv_row(sv_csv *csv, const char *input, const char *at, const char *measure,
                    const sv_sim_stat *s, double reference)
{
    sv_csv_text(csv, input);
    sv_csv_text(csv, at);
    sv_csv_text(csv, measure);
    csv_number(csv, s->mean);
    csv_number(csv, s->lo);
    csv_number(csv, s->hi);
    csv_number(csv, reference);
    sv_csv_end_row(csv);
}

/* The header row in the language of messages; the measures below it stay
 * the stable names a script filters on. */
static void csv_head(sv_csv *csv, const char *const *head, size_t count)
{
    for (size_t c = 0; c < count; c++)
        sv_csv_text(csv, _(head[c]));
    sv_csv_end_row(csv);
}

int sv_report_sim_csv(FILE *out, const sv_sim_report *r)
{
    sv_csv csv;
    sv_csv_init(&csv, out, "\n", false, r->csv_dialect);
    static const char *const head[] = {N_("input"),    N_("service_point"), N_("measure"),
                                       N_("mean"),     N_("ci95_low"),      N_("ci95_high"),
                                       N_("reference")};
    csv_head(&csv, head, sizeof head / sizeof head[0]);
    for (size_t i = 0; i < r->input_count; i++) {
        for (uint32_t k = 0; r->results[i] && k < r->results[i]->point_count; k++) {
            const sv_sim_point *p = &r->results[i]->points[k];
            const char *in = r->inputs[i], *at = p->queue.name;
            const sv_sim_analytic *a = &p->analytic;
            double none = NAN;
            sv_sim_stat load = {.mean = p->load, .lo = NAN, .hi = NAN};
            csv_row(&csv, in, at, "load", &load, none);
            if (!p->unstable) {
                csv_row(&csv, in, at, "wait_days_mean", &p->wait, a->available ? a->wait_mean : none);
                csv_row(&csv, in, at, "wait_days_p50", &p->wait_p50, none);
                csv_row(&csv, in, at, "wait_days_p90", &p->wait_p90, none);
                csv_row(&csv, in, at, "p_wait", &p->p_wait, a->available ? a->p_wait : none);
                csv_row(&csv, in, at, "lead_days_mean", &p->lead, none);
                csv_row(&csv, in, at, "lead_days_p50", &p->lead_p50, none);
                csv_row(&csv, in, at, "lead_days_p90", &p->lead_p90, none);
            }
            csv_row(&csv, in, at, "utilisation", &p->utilisation,
                    a->available ? a->utilisation : none);
            if (!p->unstable)
                csv_row(&csv, in, at, "queue_length", &p->queue_length,
                        a->available ? a->queue_mean : none);
            else
                csv_row(&csv, in, at, "queue_growth_per_month", &p->queue_growth_per_month, none);
            csv_row(&csv, in, at, "admissions_per_month", &p->admissions_per_month, none);
            for (uint32_t x = 0; x < p->queue.outcome_count; x++) {
                char measure[300];
                snprintf(measure, sizeof measure, "outcome:%s", p->queue.outcomes[x].label);
                csv_row(&csv, in, at, measure, &p->outcome_share[x], p->outcome_target[x]);
            }
        }
    }
    return finish(out);
}

static bool has_trace(const sv_sim_report *r)
{
    for (size_t i = 0; i < r->input_count; i++)
        for (uint32_t k = 0; r->results[i] && k < r->results[i]->point_count; k++)
            if (!r->results[i]->points[k].trace_mean)
                return false;
    return true;
}

int sv_report_sim_trace_csv(FILE *out, const sv_sim_report *r)
{
    if (!has_trace(r)) {
        errno = EINVAL;
        return -1;
    }
    sv_csv csv;
    sv_csv_init(&csv, out, "\n", false, r->csv_dialect);
    static const char *const head[] = {N_("input"),  N_("service_point"), N_("day"),
                                       N_("month"),  N_("warmup"),        N_("queue_mean"),
                                       N_("ci95_low"), N_("ci95_high")};
    csv_head(&csv, head, sizeof head / sizeof head[0]);
    for (size_t i = 0; i < r->input_count; i++) {
        for (uint32_t k = 0; r->results[i] && k < r->results[i]->point_count; k++) {
            const sv_sim_point *p = &r->results[i]->points[k];
            double warmup_days = p->warmup * SV_DAYS_PER_MONTH;
            for (uint32_t d = 0; d < p->trace_days; d++) {
                sv_csv_text(&csv, r->inputs[i]);
                sv_csv_text(&csv, p->queue.name);
                sv_csv_plain(&csv, "%u", d);
                sv_csv_number(&csv, "%.3f", d / SV_DAYS_PER_MONTH);
                sv_csv_plain(&csv, "%d", d < warmup_days);
                csv_number(&csv, p->trace_mean[d]);
                csv_number(&csv, p->trace_lo[d]);
                csv_number(&csv, p->trace_hi[d]);
                sv_csv_end_row(&csv);
            }
        }
    }
    return finish(out);
}

/* ---- SVG ---- */

/* SVG text through the one escaper (util/markup.h), on one line. */
static void xml_put(FILE *out, const char *text)
{
    sv_markup_put(out, text, SV_MARKUP_ONE_LINE);
}

static double nice_ceiling(double v)
{
    if (!(v > 0))
        return 1;
    /* the power of ten at or below v, without libm, so every machine agrees */
    double step = 1;
    while (step * 10 <= v)
        step *= 10;
    while (step > v)
        step /= 10;
    const double m[] = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
    for (size_t i = 0; i < sizeof m / sizeof *m; i++)
        if (m[i] * step >= v)
            return m[i] * step;
    return 10 * step;
}

int sv_report_sim_plot_svg(FILE *out, const sv_sim_report *r)
{
    if (!has_trace(r)) {
        errno = EINVAL;
        return -1;
    }
    static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                          "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
    sv_sim_options o = options_of(r);
    /* each point has its own warm-up: the x axis counts months from the
     * end of it, and shows at most as much warm-up as the window is long
     * (at least a year), so that a queue that takes decades to settle does
     * not squeeze the window of the others into a sliver */
    int longest_warmup = 0, runs_min = 0, runs_max = 0;
    for (size_t i = 0; i < r->input_count; i++)
        for (uint32_t k = 0; r->results[i] && k < r->results[i]->point_count; k++) {
            const sv_sim_point *p = &r->results[i]->points[k];
            if (p->warmup > longest_warmup)
                longest_warmup = p->warmup;
            if (!runs_min || (int)p->run_count < runs_min)
                runs_min = (int)p->run_count;
            if ((int)p->run_count > runs_max)
                runs_max = (int)p->run_count;
        }
    int shown_warmup = longest_warmup < (o.months > 12 ? o.months : 12)
                           ? longest_warmup
                           : (o.months > 12 ? o.months : 12);
    double before = shown_warmup * SV_DAYS_PER_MONTH;
    uint32_t days = (uint32_t)ceil(before + o.months * SV_DAYS_PER_MONTH) + 1, lines = 0;
    double ymax = 0;
    for (size_t i = 0; i < r->input_count; i++) {
        for (uint32_t k = 0; r->results[i] && k < r->results[i]->point_count; k++) {
            const sv_sim_point *p = &r->results[i]->points[k];
            lines++;
            double offset = p->warmup * SV_DAYS_PER_MONTH - before;
            for (uint32_t d = 0; d < p->trace_days; d++) {
                if (d < offset)
                    continue;
                double v = isnan(p->trace_hi[d]) ? p->trace_mean[d] : p->trace_hi[d];
                if (v > ymax)
                    ymax = v;
            }
        }
    }
    ymax = nice_ceiling(ymax);
    const double left = 70, right = 20, top = 40, plot_w = 800, plot_h = 320;
    const double legend_top = top + plot_h + 50;
    double width = left + plot_w + right, height = legend_top + 20.0 * lines + 10;
    double xscale = plot_w / (days > 1 ? days - 1 : 1), yscale = plot_h / ymax;
#define X(d) (left + (d) * xscale)
#define Y(v) (top + plot_h - (v) * yscale)

    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.0f\" "
            "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" "
            "font-size=\"12\">\n",
            width, height, width, height);
    fputs("<title>", out);
    xml_put(out, _("queue length over time"));
    fputs("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n", out);
    fprintf(out, "<text x=\"%.0f\" y=\"24\" font-size=\"15\">", left);
    char heading[256];
    if (runs_min == runs_max)
        snprintf(heading, sizeof heading,
                 P_("people waiting to start, mean over %d run with 95 %% band",
                    "people waiting to start, mean over %d runs with 95 %% band", runs_max),
                 runs_max);
    else
        snprintf(heading, sizeof heading,
                 _("people waiting to start, mean over %d to %d runs with 95 %% band"), runs_min,
                 runs_max);
    xml_put(out, heading);
    fputs("</text>\n", out);
    /* the warm-up, shaded */
    double warm = before;
    if (warm > 0) {
        fprintf(out,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#eeeeee\"/>\n",
                left, top, fmin(warm, days - 1) * xscale, plot_h);
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" fill=\"#666666\">", left + 4, top + 14);
        xml_put(out, _("warm-up"));
        fputs("</text>\n", out);
    }
    /* axes and ticks: months on x, people on y */
    fprintf(out,
            "<path d=\"M%.2f %.2fV%.2fH%.2f\" fill=\"none\" stroke=\"#000000\"/>\n", left, top,
            top + plot_h, left + plot_w);
    int total_months = shown_warmup + o.months;
    int mstep = total_months <= 12 ? 1 : total_months <= 36 ? 3 : total_months <= 120 ? 12 : 60;
    for (int m = -(shown_warmup / mstep) * mstep; m <= o.months; m += mstep) {
        double x = X(before + m * SV_DAYS_PER_MONTH);
        if (x > left + plot_w + 0.01)
            break;
        fprintf(out,
                "<path d=\"M%.2f %.2fv5\" stroke=\"#000000\"/><text x=\"%.2f\" y=\"%.2f\" "
                "text-anchor=\"middle\">%d</text>\n",
                x, top + plot_h, x, top + plot_h + 18, m);
    }
    for (int k = 0; k <= 5; k++) {
        double v = ymax * k / 5, y = Y(v);
        /* the tick's label is read, so in the language's style; the
         * coordinates keep the decimal point SVG needs */
        char label[64];
        sv_number_format(label, sizeof label, "%g", v);
        fprintf(out,
                "<path d=\"M%.2f %.2fh-5\" stroke=\"#000000\"/><path d=\"M%.2f %.2fH%.2f\" "
                "stroke=\"#dddddd\"/><text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">%s</text>\n",
                left, y, left + 1, y, left + plot_w, left - 8, y + 4, label);
    }
    fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">", left + plot_w / 2,
            top + plot_h + 38);
    xml_put(out, _("months from the end of the warm-up"));
    fputs("</text>\n", out);
    fprintf(out,
            "<text transform=\"translate(16 %.2f) rotate(-90)\" text-anchor=\"middle\">",
            top + plot_h / 2);
    xml_put(out, _("people waiting"));
    fputs("</text>\n", out);

    /* at most about 800 points per line */
    uint32_t stride = days > 800 ? (days + 799) / 800 : 1;
    uint32_t line = 0;
    for (size_t i = 0; i < r->input_count; i++) {
        for (uint32_t k = 0; r->results[i] && k < r->results[i]->point_count; k++, line++) {
            const sv_sim_point *p = &r->results[i]->points[k];
            const char *colour = palette[line % (sizeof palette / sizeof *palette)];
            uint32_t n = p->trace_days;
            /* day d of the point is day d - offset of the axis */
            double offset_days = p->warmup * SV_DAYS_PER_MONTH - before;
            uint32_t first = offset_days > 0 ? (uint32_t)ceil(offset_days) : 0;
#define XP(d) X((double)(d) - offset_days)
            if (first < n && !isnan(p->trace_lo[first])) {
                fprintf(out, "<path fill=\"%s\" fill-opacity=\"0.2\" stroke=\"none\" d=\"", colour);
                char cmd = 'M';
                for (uint32_t d = first; d < n; d += stride) {
                    fprintf(out, "%c%.2f %.2f", cmd, XP(d), Y(p->trace_hi[d]));
                    cmd = 'L';
                }
                for (int64_t d = (int64_t)(first + (n - 1 - first) / stride * stride);
                     d >= (int64_t)first; d -= stride)
                    fprintf(out, "L%.2f %.2f", XP(d), Y(fmax(p->trace_lo[d], 0)));
                fputs("Z\"/>\n", out);
            }
            fprintf(out, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" d=\"", colour);
            char cmd = 'M';
            for (uint32_t d = first; d < n; d += stride) {
                fprintf(out, "%c%.2f %.2f", cmd, XP(d), Y(p->trace_mean[d]));
                cmd = 'L';
            }
#undef XP
            fputs("\"/>\n", out);
            double ly = legend_top + 20.0 * line;
            fprintf(out,
                    "<path d=\"M%.2f %.2fh24\" stroke=\"%s\" stroke-width=\"3\"/><text x=\"%.2f\" "
                    "y=\"%.2f\">",
                    left, ly - 4, colour, left + 32, ly);
            xml_put(out, p->queue.name);
            fputs(" — ", out);
            xml_put(out, r->inputs[i]);
            if (p->unstable) {
                fputs(" (", out);
                xml_put(out, _("unstable"));
                fputs(")", out);
            }
            fputs("</text>\n", out);
        }
    }
    fputs("</svg>\n", out);
#undef X
#undef Y
    return finish(out);
}

/* Per row of the trace: two names (doubled quotes at worst) and five
 * numbers; per day of the plot: three path points of at most 20 bytes
 * (the band's two edges and the mean); per service point of a table: a row
 * per measure (at most 12) and per outcome, of at most 300 bytes beside
 * the names, escaped at six bytes a byte in JSON and SVG. */
unsigned long long sv_report_sim_estimate(const sv_model *const *models, const char *const *inputs,
                                          size_t count, const sv_sim_options *options,
                                          sv_sim_output output, unsigned long long *rows)
{
    /* a warm-up still to be chosen may be as long as the limits allow */
    int warmup = options->warmup == SV_SIM_CHOOSE ? SV_SIM_MAX_MONTHS - options->months
                                                  : options->warmup;
    unsigned long long days =
        (unsigned long long)ceil((warmup + options->months) * SV_DAYS_PER_MONTH);
    unsigned long long total = 8192, lines = 0;
    for (size_t i = 0; i < count; i++) {
        const sv_model *m = models[i];
        unsigned long long input = 6ULL * strlen(inputs[i]);
        for (uint32_t k = 0; m && k < m->service_point_count; k++) {
            const sv_service_point *sp = &m->service_points[k];
            unsigned long long name =
                6ULL * (sp->at.target < m->element_count ? strlen(m->elements[sp->at.target].id) : 1);
            switch (output) {
            case SV_SIM_TRACE:
                lines += days;
                total += days * (input + name + 96);
                break;
            case SV_SIM_PLOT:
                lines += days;
                total += days * 60 + 1024 + input + name;
                break;
            case SV_SIM_TABLE: {
                unsigned long long per_row = input + name + 300;
                lines += 12 + sp->outcome_count;
                total += 12 * per_row;
                for (uint32_t x = 0; x < sp->outcome_count; x++)
                    total += per_row + 6ULL * strlen(sp->outcomes[x].label ? sp->outcomes[x].label : "");
                break;
            }
            }
        }
    }
    if (rows)
        *rows = lines;
    return total;
}
