/*
 * The library's start and end (samverkan/library.h): everything
 * process-wide that samverkan sets up, in one place, called by the program
 * and never implicitly by a stage.
 */
#include "samverkan/library.h"

#include "graph/graph_internal.h"
#include "samverkan/version.h"
#include "util/i18n.h"

int sv_library_init(void)
{
    sv_graph_install_handlers();
    if (!bindtextdomain(SV_TEXT_DOMAIN, SAMVERKAN_LOCALEDIR) ||
        !bind_textdomain_codeset(SV_TEXT_DOMAIN, "UTF-8"))
        return -1;
    return 0;
}

void sv_library_done(void)
{
    sv_graph_restore_handlers();
}
