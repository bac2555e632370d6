/*
 * Small text helpers shared by the stages: UTF-8 validation, code-point
 * counting, the edit distance behind every "did you mean" hint, glob
 * patterns over paths, and joining paths.
 */
#ifndef SV_UTIL_TEXT_H
#define SV_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true when data[0..size) is valid UTF-8 without NUL. Otherwise
 * *bad_offset gets the offset of the first offending byte and *is_nul
 * whether it is a NUL. */
bool sv_utf8_check(const char *data, size_t size, size_t *bad_offset, bool *is_nul);

/* Number of code points in valid UTF-8. */
size_t sv_utf8_length(const char *text, size_t len);

/* Edit distance (insert, delete, replace, swap two neighbours), computed only up to `limit`: returns limit + 1 when
 * the distance is larger (keeps hints cheap on long lists). */
size_t sv_edit_distance(const char *a, const char *b, size_t limit);

/* The candidate closest to `word` if it is close enough to be a likely
 * misspelling (distance <= 2, and <= a third of the word), else NULL. */
const char *sv_closest(const char *word, const char *const *candidates, size_t count);

/* Writes items[0..count) separated by `sep` into buf, the last two by
 * `last_sep` (NULL: `sep`), cut short to fit; returns buf. For messages
 * such as "one of: a, b, c" or "a -> b -> a". */
const char *sv_join(char *buf, size_t size, const char *sep, const char *last_sep,
                    const char *const *items, size_t count);

/* Whether `path` matches the glob `pattern` a '/'-separated component at
 * a time, each with fnmatch (FNM_PATHNAME), and "**" for any number of
 * folders, none too: the patterns of a configuration's overrides and of
 * check's inputs. */
bool sv_path_glob_match(const char *pattern, const char *path);

/* a + b + c (c may be NULL) in a new malloc'ed string, NULL when out of
 * memory: paths such as folder + "/" + file name. sv_arena_concat is the
 * same for text that lives in an arena. */
char *sv_concat(const char *a, const char *b, const char *c);

#endif
