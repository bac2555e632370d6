/*
 * The CSV writer of csv.h. The guard is the one OWASP recommends for CSV
 * injection: a leading = + - @ makes a formula in Excel, LibreOffice and
 * Google Sheets, and a leading TAB or CR is stripped by some of them before
 * they look, so those two count as well.
 *
 * The Excel dialect is what Excel with Swedish regional settings reads when
 * the file is opened by double-click: it splits fields on the list
 * separator of the locale (';', since ',' is the decimal mark), reads
 * "0,35" as a number and "0.35" as text or a date, and takes a file without
 * a byte order mark for the ANSI code page (Umeå becomes UmeÃ¥).
 */
#include "util/csv.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "util/number.h"

void sv_csv_init(sv_csv *csv, FILE *out, const char *eol, bool quote_all, sv_csv_dialect dialect)
{
    csv->out = out;
    csv->dialect = dialect;
    csv->eol = eol;
    csv->quote_all = quote_all;
    csv->row_started = false;
    if (dialect == SV_CSV_EXCEL)
        fputs("\xEF\xBB\xBF", out);
}

bool sv_csv_dialect_parse(const char *text, sv_csv_dialect *out)
{
    if (strcmp(text, "excel") == 0)
        *out = SV_CSV_EXCEL;
    else if (strcmp(text, "rfc4180") == 0)
        *out = SV_CSV_RFC4180;
    else
        return false;
    return true;
}

bool sv_csv_is_formula(const char *text)
{
    return text[0] && strchr("=+-@\t\r", text[0]) != NULL;
}

static void separate(sv_csv *csv)
{
    if (csv->row_started)
        fputc(csv->dialect == SV_CSV_EXCEL ? ';' : ',', csv->out);
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

void sv_csv_number(sv_csv *csv, const char *fmt, double value)
{
    separate(csv);
    if (isnan(value))
        return;
    char c_number[64], styled[96];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(c_number, sizeof c_number, fmt, value);
#pragma GCC diagnostic pop
    /* a decimal mark only: a thousands separator would split the number
     * into text in some spreadsheets */
    sv_number_style style = {csv->dialect == SV_CSV_EXCEL ? "," : ".", ""};
    fputs(sv_number_restyle(styled, sizeof styled, c_number, &style), csv->out);
}

void sv_csv_end_row(sv_csv *csv)
{
    fputs(csv->eol, csv->out);
    csv->row_started = false;
}
