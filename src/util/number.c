/*
 * The number formatter of number.h. The CLI never sets LC_NUMERIC (a
 * locale's decimal comma would leak into JSON and DOT), so printf always
 * writes the C form, and this is the one place that turns it into the form
 * a reader of the language expects. The style comes from the message
 * catalogue, so that it follows --lang and LANG exactly as the words do.
 */
#include "util/number.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

/* The text after ": " in a translation such as "decimaltecken: ," */
static const char *after_colon(const char *translation, const char *fallback)
{
    const char *colon = strstr(translation, ": ");
    return colon ? colon + 2 : fallback;
}

void sv_number_style_of_language(sv_number_style *out)
{
    /* TRANSLATORS: the decimal mark of numbers in text and HTML outputs,
       after ": " (Swedish ","); the words before it are not shown */
    out->decimal_mark = after_colon(_("decimal mark: ."), ".");
    /* TRANSLATORS: the separator between groups of three digits in numbers
       of five digits or more, after ": " (Swedish a no-break space, U+00A0);
       nothing after ": " for none */
    out->thousands = after_colon(_("thousands separator: "), "");
}

static void put(char *buf, size_t size, size_t *n, const char *text, size_t len)
{
    for (size_t i = 0; i < len && *n + 1 < size; i++)
        buf[(*n)++] = text[i];
}

const char *sv_number_restyle(char *buf, size_t size, const char *c_number,
                              const sv_number_style *style)
{
    size_t n = 0;
    if (!size)
        return buf;
    const char *p = c_number;
    if (*p == '-' || *p == '+')
        put(buf, size, &n, p++, 1);
    /* the integer digits, grouped when there are five or more (Swedish
     * practice: 2024 and 1234 stay whole, 12 345 is grouped) */
    size_t digits = strspn(p, "0123456789");
    size_t sep_len = strlen(style->thousands);
    bool group = sep_len && digits >= 5;
    for (size_t i = 0; i < digits; i++) {
        if (group && i > 0 && (digits - i) % 3 == 0)
            put(buf, size, &n, style->thousands, sep_len);
        put(buf, size, &n, p + i, 1);
    }
    p += digits;
    if (*p == '.') {
        put(buf, size, &n, style->decimal_mark, strlen(style->decimal_mark));
        p++;
    }
    put(buf, size, &n, p, strlen(p));
    buf[n] = '\0';
    return buf;
}

const char *sv_number_format(char *buf, size_t size, const char *fmt, double value)
{
    char c_number[64];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(c_number, sizeof c_number, fmt, value);
#pragma GCC diagnostic pop
    sv_number_style style;
    sv_number_style_of_language(&style);
    return sv_number_restyle(buf, size, c_number, &style);
}
