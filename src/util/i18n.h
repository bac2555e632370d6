/*
 * Message translation through gettext. Every user-facing string is written
 * in English in the source as _("...") (or N_("...") in static tables) and
 * translated in po/sv.po.
 */
#ifndef SV_UTIL_I18N_H
#define SV_UTIL_I18N_H

#include <libintl.h>

#define SV_TEXT_DOMAIN "samverkan"
#define _(text) dgettext(SV_TEXT_DOMAIN, text)
#define N_(text) (text)
#define P_(singular, plural, n) dngettext(SV_TEXT_DOMAIN, singular, plural, n)

#endif
