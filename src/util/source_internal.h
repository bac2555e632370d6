/*
 * For the load stage only: a source made from a buffer the caller gives up,
 * so that a file read into memory is not copied once more (a national
 * model is hundreds of megabytes, and the copy was as much memory touched
 * again as the parse itself reads).
 */
#ifndef SV_UTIL_SOURCE_INTERNAL_H
#define SV_UTIL_SOURCE_INTERNAL_H

#include "samverkan/source.h"

/* Takes `text` (from malloc, at least size + 1 bytes; text[size] is set to
 * NUL) whatever happens: it is freed when NULL is returned (out of memory)
 * or when the source is freed. */
sv_source *sv_source_adopt(const char *path, char *text, size_t size);

#endif
