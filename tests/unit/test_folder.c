/*
 * The walk of folders upwards (util/folder.h) that the configuration's
 * discovery and a scenario's project folder share: marks found in the
 * start folder or above it, the walk ending after a fence or the last
 * folder (looked in first), at the root; and whether a path lies in a
 * folder, by whole names.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "util/folder.h"

/* dir/name, made as a folder. */
static void make(char *out, size_t size, const char *dir, const char *name)
{
    int n = snprintf(out, size, "%s/%s", dir, name);
    assert_true(n > 0 && (size_t)n < size);
    assert_int_equal(mkdir(out, 0700), 0);
}

static void touch(const char *dir, const char *name)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_true(n > 0 && (size_t)n < sizeof path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
}

static void test_up_and_inside(void **state)
{
    (void)state;
    char dir[] = "/srv/a/b";
    assert_true(sv_folder_up(dir));
    assert_string_equal(dir, "/srv/a");
    assert_true(sv_folder_up(dir));
    assert_true(sv_folder_up(dir));
    assert_string_equal(dir, "/");
    assert_false(sv_folder_up(dir));
    assert_string_equal(dir, "/");

    assert_true(sv_folder_inside("/srv/a", "/srv/a"));
    assert_true(sv_folder_inside("/srv/a/m.yaml", "/srv/a"));
    assert_false(sv_folder_inside("/srv/ab/m.yaml", "/srv/a")); /* whole names */
    assert_false(sv_folder_inside("/srv", "/srv/a"));
    assert_true(sv_folder_inside("/etc/passwd", "/"));
}

static void test_find_up(void **state)
{
    (void)state;
    char root[] = "/tmp/sv-folder-XXXXXX";
    assert_non_null(mkdtemp(root));
    char real[PATH_MAX];
    assert_non_null(realpath(root, real));
    char repo[PATH_MAX], sub[PATH_MAX], deep[PATH_MAX];
    make(repo, sizeof repo, real, "repo");
    make(sub, sizeof sub, repo, "sub");
    make(deep, sizeof deep, sub, "deep");
    static const char *const config[] = {".samverkan.yaml", NULL};
    static const char *const project[] = {".samverkan.yaml", ".git", NULL};
    static const char *const git[] = {".git", NULL};

    /* nothing anywhere below the temporary folder's own: none from within */
    char *found = sv_folder_find_up(deep, config, git, real);
    assert_null(found);
    /* a mark above the start is found; one in the start folder first */
    touch(repo, ".samverkan.yaml");
    found = sv_folder_find_up(deep, config, git, real);
    assert_string_equal(found, repo);
    free(found);
    touch(deep, ".samverkan.yaml");
    found = sv_folder_find_up(deep, config, git, real);
    assert_string_equal(found, deep);
    free(found);
    /* a fence ends the walk after its folder is looked in: .git in sub
     * hides repo's configuration, and sub's own is still found */
    char gitdir[PATH_MAX];
    make(gitdir, sizeof gitdir, sub, ".git");
    found = sv_folder_find_up(sub, config, git, real);
    assert_null(found);
    touch(sub, ".samverkan.yaml");
    found = sv_folder_find_up(sub, config, git, real);
    assert_string_equal(found, sub);
    free(found);
    /* the last folder ends it too ($HOME for the configuration) */
    char other[PATH_MAX], inner[PATH_MAX];
    make(other, sizeof other, real, "other");
    make(inner, sizeof inner, other, "inner");
    touch(real, ".samverkan.yaml");
    found = sv_folder_find_up(inner, config, git, other);
    assert_null(found);
    found = sv_folder_find_up(inner, config, git, NULL);
    assert_string_equal(found, real);
    free(found);
    /* a mark may be what is a fence elsewhere: the project folder is the
     * nearest holding .samverkan.yaml or .git */
    char lone[PATH_MAX];
    make(lone, sizeof lone, other, "lone");
    make(gitdir, sizeof gitdir, other, ".git");
    found = sv_folder_find_up(lone, project, NULL, NULL);
    assert_string_equal(found, other);
    free(found);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_up_and_inside),
        cmocka_unit_test(test_find_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
