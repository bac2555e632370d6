/*
 * The one number formatter of the outputs people read (the text and HTML
 * of simulate, metrics and report) and of CSV: a number printed by printf
 * in the C locale, rewritten with the decimal mark and thousands separator
 * of the message language. JSON, DOT and SVG coordinates keep printf's form.
 */
#ifndef SV_UTIL_NUMBER_H
#define SV_UTIL_NUMBER_H

#include <stddef.h>

typedef struct sv_number_style {
    const char *decimal_mark; /* "." or "," */
    const char *thousands;    /* between groups of three digits of a number of five digits
                                 or more; "" for none */
} sv_number_style;

/* The style of the message language (its catalogue says it): in Swedish a
 * decimal comma and a no-break space between thousands ("12 345,6"), in
 * English a decimal point and no separator ("12345.6"). */
void sv_number_style_of_language(sv_number_style *out);

/* Rewrites `c_number`, one number as printf writes it in the C locale
 * ("-12345.6", "0.35", "1.5e+06", "inf"), in `style` into buf; returns buf.
 * What is not a digit, sign or point is copied as it is. */
const char *sv_number_restyle(char *buf, size_t size, const char *c_number,
                              const sv_number_style *style);

/* printf(fmt, value) for one double (fmt such as "%.1f"), in the style of
 * the message language; returns buf. */
const char *sv_number_format(char *buf, size_t size, const char *fmt, double value);

#endif
