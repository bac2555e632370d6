/*
 * The load stage: reads one YAML file through libyaml's event stream into a
 * small document tree whose every node keeps its position. This is the only
 * stage that sees YAML. Limits (file size, nesting depth, one document, no
 * aliases) are enforced while reading, so hostile input is refused early
 * and with bounded memory.
 */
#ifndef SAMVERKAN_TREE_H
#define SAMVERKAN_TREE_H

#include "samverkan/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "samverkan/diag.h"
#include "samverkan/source.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sv_node_kind { SV_NODE_SCALAR, SV_NODE_SEQ, SV_NODE_MAP } sv_node_kind;

typedef struct sv_node sv_node;
typedef struct sv_pair {
    sv_node *key;   /* always a scalar */
    sv_node *value;
} sv_pair;

/* 32 bytes: a national model has millions of nodes, and they were most of
 * the memory of the whole command. A node is one of three kinds, so text,
 * items and pairs share their place: read only the one of the node's kind.
 * A scalar's count and a collection's len are 0. The kind and `plain`
 * share a word with the length, which leaves 29 bits for it: a longer
 * scalar (SV_MAX_SCALAR_BYTES) is refused as too large. */
struct sv_node {
    sv_pos pos;
    union {
        const char *text; /* SV_NODE_SCALAR: NUL-terminated UTF-8 (may contain no NUL: input has none) */
        sv_node **items;  /* SV_NODE_SEQ */
        sv_pair *pairs;   /* SV_NODE_MAP, in file order */
    };
    uint32_t count;    /* sequence: items; mapping: pairs */
    uint32_t len : 29; /* scalar: bytes of text */
    uint32_t kind : 2; /* an sv_node_kind */
    uint32_t plain : 1; /* scalar: plain (unquoted, not block) style: may be a number, bool or null */
};

/* The longest scalar a node holds: 512 MiB less a byte. */
#define SV_MAX_SCALAR_BYTES ((size_t)(1u << 29) - 1)

typedef struct sv_load_limits {
    size_t max_file_bytes;  /* default 16 MiB */
    int max_depth;          /* nested collections, default 64 */
    size_t max_nodes;       /* scalars and collections, default 4,000,000 */
    /* A scenario's base must lie in the scenario's project folder (the
     * nearest folder upwards holding .samverkan.yaml or .git, else the
     * scenario's own folder); true lets it be anywhere (docs/limits.md). */
    bool allow_base_outside;
} sv_load_limits;

#define SV_DEFAULT_MAX_FILE_BYTES ((size_t)16 * 1024 * 1024)
#define SV_DEFAULT_MAX_DEPTH 64
#define SV_DEFAULT_MAX_NODES ((size_t)4000000)

SV_API void sv_load_limits_default(sv_load_limits *out);

typedef struct sv_tree sv_tree;

/* Reads and parses `path`. On success returns 0 and sets *out; on failure
 * returns -1, leaves *out NULL and appends every problem found to `diags`.
 * `limits` may be NULL for the defaults. */
SV_API int sv_tree_load_file(sv_tree **out, const char *path, const sv_load_limits *limits,
                             sv_diags *diags);

/* The same, but refuses anything that is not a regular file (a FIFO, a
 * device, a socket) without blocking on it: the file is opened with
 * O_NONBLOCK and checked with fstat before a byte is read. For files that
 * another file names (a scenario's base), where waiting on an idle pipe
 * would hang the command. */
SV_API int sv_tree_load_regular_file(sv_tree **out, const char *path, const sv_load_limits *limits,
                                     sv_diags *diags);

/* The same for a buffer in memory; `name` is the file name used in
 * positions. The buffer is copied. */
SV_API int sv_tree_load_buffer(sv_tree **out, const char *name, const char *data, size_t size,
                               const sv_load_limits *limits, sv_diags *diags);

SV_API const sv_node *sv_tree_root(const sv_tree *tree);

/* The file the tree was read from; the tree holds one reference. */
SV_API sv_source *sv_tree_source(const sv_tree *tree);

/* Frees the tree and everything in it; NULL is accepted. */
SV_API void sv_tree_free(sv_tree *tree);

/* Finds `key` in a mapping node; NULL when absent or `map` is no mapping. */
SV_API const sv_pair *sv_node_get(const sv_node *map, const char *key);

/* Reports every key of `map` not in `allowed` (NULL-terminated) as an
 * unknown key with a "did you mean" hint or the list of keys; returns
 * false when there was one. `place` names the mapping ("a step"): an
 * untranslated N_() phrase, translated only when a message is made. */
SV_API bool sv_node_check_keys(sv_diags *diags, const sv_node *map, const char *place,
                        const char *const *allowed);

#ifdef __cplusplus
}
#endif
#endif
