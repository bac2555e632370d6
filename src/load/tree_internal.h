/*
 * For the schema stage only: the tree's top-level sections are each in an
 * arena of their own, so that a section read into the model can be freed
 * while the next one is read. The tree is the largest part of check's
 * memory, and without this all of it and all of the model were resident
 * at once at the end of the schema stage. And the tree of a file's head,
 * with which the scenario code tells a scenario's name and base without
 * loading the file.
 */
#ifndef SV_LOAD_TREE_INTERNAL_H
#define SV_LOAD_TREE_INTERNAL_H

#include "samverkan/tree.h"

/* Frees the memory of `value`, the value of a key of the tree's top-level
 * mapping, when it has an arena of its own (a list or a mapping among the
 * first SV_TREE_SECTIONS); the key then has an empty value (a null
 * scalar). Does nothing for any other node. Nothing may hold a pointer into
 * the section afterwards. */
void sv_tree_release_section(sv_tree *tree, const sv_node *value);

/* The tree of the head of the regular file `path`, for telling what a file
 * is without reading all of it (sv_scenario_head): its first `max_bytes`,
 * cut back to the end of the last whole line when the file is longer (and
 * before the first byte that is no UTF-8), read as far as it is YAML. The
 * lists and mappings open where parsing stops (the cut, a syntax error, a
 * second document) are closed there; a tag, an alias or a duplicate key is
 * kept as read. No diagnostics: NULL when the file cannot be read, is no
 * regular file, or its head has no top-level mapping. Memory is bounded
 * by `max_bytes`. */
sv_tree *sv_tree_load_head(const char *path, size_t max_bytes);

#endif
