/*
 * Folders upwards from a file: the walk that finds the nearest folder
 * marking a project or holding a configuration, and whether a path lies
 * in a folder. Written once for the configuration's discovery
 * (schema/config.c: the nearest .samverkan.yaml, up to the repository
 * root or $HOME) and a scenario's project folder (schema/scenario.c: the
 * nearest folder holding .samverkan.yaml or .git), which stop by rules of
 * their own: the walk takes the marks it looks for and where it stops.
 * Every folder here is a real path (realpath: no "..", no symbolic link).
 */
#ifndef SV_UTIL_FOLDER_H
#define SV_UTIL_FOLDER_H

#include <stdbool.h>

/* The parent of the folder `dir`, in place; false at the root. */
bool sv_folder_up(char *dir);

/* Whether the path `path` is `folder` or lies below it. */
bool sv_folder_inside(const char *path, const char *folder);

/* The nearest folder from `start` upwards that holds one of `marks`
 * (NULL-terminated), malloc'd; NULL when there is none (or out of memory).
 * The walk ends without one after the folder that holds one of `fences`
 * (NULL-terminated; NULL for none) or is `last` (NULL for none), and at
 * the root: each folder is looked in for the marks before it is taken for
 * a fence. */
char *sv_folder_find_up(const char *start, const char *const *marks, const char *const *fences,
                        const char *last);

#endif
