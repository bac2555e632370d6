/*
 * Folders upwards from a file (util/folder.h): one walk for the
 * configuration's discovery and a scenario's project folder, each giving
 * the marks it looks for and where it stops.
 */
#include "util/folder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether the folder `dir` holds the file or folder `name`. */
static bool holds(const char *dir, const char *name)
{
    char *probe = malloc(strlen(dir) + strlen(name) + 2);
    if (!probe)
        return false;
    /* "/.git" at the root, not "//.git" */
    sprintf(probe, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, name);
    bool found = access(probe, F_OK) == 0;
    free(probe);
    return found;
}

bool sv_folder_up(char *dir)
{
    char *slash = strrchr(dir, '/');
    if (!slash || strcmp(dir, "/") == 0)
        return false;
    if (slash == dir)
        slash[1] = '\0';
    else
        *slash = '\0';
    return true;
}

bool sv_folder_inside(const char *path, const char *folder)
{
    if (strcmp(folder, "/") == 0)
        return path[0] == '/';
    size_t n = strlen(folder);
    return strncmp(path, folder, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Whether `dir` holds one of `names` (NULL-terminated; NULL for none). */
static bool holds_one_of(const char *dir, const char *const *names)
{
    for (size_t i = 0; names && names[i]; i++)
        if (holds(dir, names[i]))
            return true;
    return false;
}

char *sv_folder_find_up(const char *start, const char *const *marks, const char *const *fences,
                        const char *last)
{
    char *dir = strdup(start);
    if (!dir)
        return NULL;
    for (;;) {
        if (holds_one_of(dir, marks))
            return dir;
        if (holds_one_of(dir, fences) || (last && strcmp(dir, last) == 0) || !sv_folder_up(dir))
            break;
    }
    free(dir);
    return NULL;
}
