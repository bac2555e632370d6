/*
 * The library's start and end. sv_library_init is the first call a program
 * makes into samverkan, before any other; sv_library_done the last.
 * samverkan itself keeps no writable static data (what a call needs lives
 * in what it is given; igraph's last error is kept per thread; the test
 * library.statics holds to it), but the
 * libraries under it are not thread-safe: Debian 12's igraph is built
 * without thread safety (IGRAPH_THREAD_SAFE is 0) and Graphviz never is.
 * So a program calls samverkan from one thread at a time.
 */
#ifndef SAMVERKAN_LIBRARY_H
#define SAMVERKAN_LIBRARY_H

#include "samverkan/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Makes the library ready:
 * - installs samverkan's igraph error and warning handlers, process-wide,
 *   in place of igraph's own, which abort the process: an igraph error then
 *   becomes a diagnostic of the call that met it; and seeds igraph's
 *   random generator, so that results do not depend on the clock;
 * - binds the gettext domain "samverkan" to the catalogues of the installed
 *   tree (SAMVERKAN_LOCALEDIR of samverkan/version.h) in UTF-8. Messages
 *   come in the language of the program's LC_MESSAGES and LANGUAGE: the
 *   program calls setlocale itself. A program that ships the catalogue
 *   elsewhere calls bindtextdomain("samverkan", its directory) after this.
 * Returns 0, or -1 when the text domain could not be bound (out of memory;
 * messages then stay in English, everything else works). Calling it again
 * does the same again. */
SV_API int sv_library_init(void);

/* Puts igraph's own handlers back. After it, no samverkan function may be
 * called until sv_library_init again. */
SV_API void sv_library_done(void);

#ifdef __cplusplus
}
#endif
#endif
