/*
 * The one escaper for XML and HTML text: the report's HTML, its SVG plots,
 * JUnit XML and the render stage's HTML-like labels all escape through
 * it, so that a name with '&' or '<' comes out the same everywhere. Text
 * is UTF-8 (the loader has checked it); what XML forbids or a reader
 * would not see (controls, C1, surrogates, U+FFFE, U+FFFF, bytes that are
 * not UTF-8) is written as '?', as on a terminal.
 */
#ifndef SV_UTIL_MARKUP_H
#define SV_UTIL_MARKUP_H

#include <stddef.h>
#include <stdio.h>

enum {
    SV_MARKUP_ATTR = 1,     /* in an attribute: tab and LF as references, which attribute
                               normalisation would turn into spaces */
    SV_MARKUP_APOS = 2,     /* ' as &apos; (XML) rather than &#39; (HTML 4 knows no &apos;) */
    SV_MARKUP_KEEP_CR = 4,  /* CR as &#13; (a parser turns a literal one into LF), not '?' */
    SV_MARKUP_ONE_LINE = 8  /* tab and LF as '?': the text stands on one line (SVG text) */
};

/* The entity that stands for the ASCII character `ch` (& < > " '), or
 * NULL when it is written as it is. */
const char *sv_markup_entity(unsigned char ch, unsigned flags);

/* Writes `len` bytes of `text` escaped (see above). */
void sv_markup_put_n(FILE *out, const char *text, size_t len, unsigned flags);

/* The same for a NUL-terminated text; NULL writes nothing. */
void sv_markup_put(FILE *out, const char *text, unsigned flags);

/* The most bytes `text` takes escaped with `flags`: exact for valid UTF-8.
 * For estimating an output's size before making it. */
unsigned long long sv_markup_size(const char *text, unsigned flags);

#endif
