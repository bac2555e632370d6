/*
 * The one CSV writer of samverkan: the RACI matrix (render), the metrics
 * table and the simulation's table and trace (report) all write through
 * it, so that every CSV quotes alike (RFC 4180: a field in double quotes,
 * quotes doubled) and every CSV has the same guard against formulas.
 */
#ifndef SV_UTIL_CSV_H
#define SV_UTIL_CSV_H

#include <stdbool.h>
#include <stdio.h>

typedef struct sv_csv {
    FILE *out;
    const char *eol;  /* "\r\n" or "\n" */
    bool quote_all;   /* quote every text field, not only those that need it */
    bool row_started; /* a field is written in this row: the next needs a comma */
} sv_csv;

/* Starts writing CSV to `out`; rows end with `eol`. */
void sv_csv_init(sv_csv *csv, FILE *out, const char *eol, bool quote_all);

/* One text field. A field that a spreadsheet would take for a formula or
 * strip (leading = + - @ TAB CR) is quoted and gets a leading apostrophe,
 * so that opening the file cannot run anything; a field with a comma,
 * semicolon, quote or line break is quoted. */
void sv_csv_text(sv_csv *csv, const char *text);

/* One field written as it is, unquoted: numbers and fixed ASCII words of
 * our own, never user text. */
void sv_csv_plain(sv_csv *csv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Ends the row. */
void sv_csv_end_row(sv_csv *csv);

/* Whether sv_csv_text guards `text` (for the tests). */
bool sv_csv_is_formula(const char *text);

#endif
