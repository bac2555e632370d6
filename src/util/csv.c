/*
 * The CSV writer of csv.h. The guard is the one OWASP recommends for CSV
 * injection: a leading = + - @ makes a formula in Excel, LibreOffice and
 * Google Sheets, and a leading TAB or CR is stripped by some of them before
 * they look, so those two count as well.
 */
#include "util/csv.h"

#include <stdarg.h>
#include <string.h>

void sv_csv_init(sv_csv *csv, FILE *out, const char *eol, bool quote_all)
{
    csv->out = out;
    csv->eol = eol;
    csv->quote_all = quote_all;
    csv->row_started = false;
}

bool sv_csv_is_formula(const char *text)
{
    return text[0] && strchr("=+-@\t\r", text[0]) != NULL;
}

static void separate(sv_csv *csv)
{
    if (csv->row_started)
        fputc(',', csv->out);
    csv->row_started = true;
}

void sv_csv_text(sv_csv *csv, const char *text)
{
    if (!text)
        text = "";
    separate(csv);
    bool formula = sv_csv_is_formula(text);
    bool quote = csv->quote_all || formula || strpbrk(text, ",;\"\r\n") != NULL;
    if (!quote) {
        fputs(text, csv->out);
        return;
    }
    fputc('"', csv->out);
    if (formula)
        fputc('\'', csv->out);
    for (const char *c = text; *c; c++) {
        if (*c == '"')
            fputc('"', csv->out);
        fputc(*c, csv->out);
    }
    fputc('"', csv->out);
}

void sv_csv_plain(sv_csv *csv, const char *fmt, ...)
{
    separate(csv);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(csv->out, fmt, ap);
    va_end(ap);
}

void sv_csv_end_row(sv_csv *csv)
{
    fputs(csv->eol, csv->out);
    csv->row_started = false;
}
