/*
 * The one CSV writer of samverkan: the RACI matrix (render), the metrics
 * table and the simulation's table and trace (report) all write through
 * it, so that every CSV quotes alike (RFC 4180: a field in double quotes,
 * quotes doubled), every CSV has the same guard against formulas, and every
 * CSV follows the dialect asked for (sv_csv_dialect: the separator, the
 * decimal mark and the byte order mark).
 */
#ifndef SV_UTIL_CSV_H
#define SV_UTIL_CSV_H

#include <stdbool.h>
#include <stdio.h>

#include "samverkan/diag.h"

typedef struct sv_csv {
    FILE *out;
    sv_csv_dialect dialect;
    const char *eol;  /* "\r\n" or "\n" */
    bool quote_all;   /* quote every text field, not only those that need it */
    bool row_started; /* a field is written in this row: the next needs a comma */
} sv_csv;

/* Starts writing CSV to `out`; rows end with `eol`. In the Excel dialect
 * the byte order mark is written at once. */
void sv_csv_init(sv_csv *csv, FILE *out, const char *eol, bool quote_all, sv_csv_dialect dialect);

/* "excel" or "rfc4180" (the --csv-dialect option): true and *out set. */
bool sv_csv_dialect_parse(const char *text, sv_csv_dialect *out);

/* One text field. A field that a spreadsheet would take for a formula or
 * strip (leading = + - @ TAB CR) is quoted and gets a leading apostrophe,
 * so that opening the file cannot run anything; a field with a comma,
 * semicolon, quote or line break is quoted. */
void sv_csv_text(sv_csv *csv, const char *text);

/* One field written as it is, unquoted: whole numbers and fixed ASCII words
 * of our own, never user text (a number with decimals goes through
 * sv_csv_number, for the dialect's decimal mark). */
void sv_csv_plain(sv_csv *csv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One number, printed with the printf conversion `fmt` (one double, such
 * as "%.6g") and written with the dialect's decimal mark; NaN is an empty
 * field. */
void sv_csv_number(sv_csv *csv, const char *fmt, double value);

/* Ends the row. */
void sv_csv_end_row(sv_csv *csv);

/* Whether sv_csv_text guards `text` (for the tests). */
bool sv_csv_is_formula(const char *text);

#endif
