/*
 * For the schema stage only: the tree's top-level sections are each in an
 * arena of their own, so that a section read into the model can be freed
 * while the next one is read. The tree is the largest part of check's
 * memory, and without this all of it and all of the model were resident
 * at once at the end of the schema stage.
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

#endif
