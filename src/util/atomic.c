/*
 * The atomic file writer of atomic.h: temporary file beside the target,
 * write, fsync, rename, fsync the directory. Rename within one directory is
 * atomic on POSIX file systems, which is why the temporary file is never
 * put in /tmp.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "util/atomic.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"

static int fail(char *message, size_t size, const char *what, int err)
{
    if (message && size) {
        if (err)
            snprintf(message, size, "%s: %s", what, strerror(err));
        else
            snprintf(message, size, "%s", what);
    }
    return -1;
}

/* `path` with its folder resolved to a real path and its last part kept
 * as written: the place a rename to `path` would write, whether or not a
 * file is there yet. Returns false when the folder does not resolve. */
static bool place_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    char folder[PATH_MAX];
    const char *name = slash ? slash + 1 : path;
    if (!slash) {
        snprintf(folder, sizeof folder, ".");
    } else if (slash == path) {
        snprintf(folder, sizeof folder, "/");
    } else {
        size_t n = (size_t)(slash - path);
        if (n >= sizeof folder)
            return false;
        memcpy(folder, path, n);
        folder[n] = '\0';
    }
    char real[PATH_MAX];
    if (!realpath(folder, real))
        return false;
    int n = snprintf(out, size, "%s/%s", strcmp(real, "/") == 0 ? "" : real, name);
    return n > 0 && (size_t)n < size;
}

bool sv_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    bool a_there = stat(a, &sa) == 0, b_there = stat(b, &sb) == 0;
    if (a_there && b_there)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (a_there != b_there)
        return false; /* one place holds a file, the other none */
    char pa[PATH_MAX], pb[PATH_MAX];
    return place_of(a, pa, sizeof pa) && place_of(b, pb, sizeof pb) && strcmp(pa, pb) == 0;
}

/* Whether `path` is, by any name, one of the inputs. */
static bool same_as_input(const char *path, const char *const *inputs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (inputs[i] && sv_same_file(path, inputs[i]))
            return true;
    return false;
}

static bool write_all(int fd, const char *data, size_t len, int *err)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

int sv_write_atomic(const char *path, const void *data, size_t len, const char *const *inputs,
                    size_t input_count, char *message, size_t message_size)
{
    if (!path || !*path)
        return fail(message, message_size, _("no file name"), 0);
    if (same_as_input(path, inputs, input_count))
        return fail(message, message_size, _("it is an input file; refusing to overwrite it"), 0);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return fail(message, message_size, _("it is a directory"), 0);
    /* A device, pipe or socket (/dev/stdout, /dev/null, a FIFO) is written
     * as it is: renaming a temporary file over it would replace the device
     * node itself. */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        int err = 0;
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            return fail(message, message_size, _("cannot write"), errno);
        bool ok = write_all(fd, data, len, &err);
        if (close(fd) != 0 && ok) {
            ok = false;
            err = errno;
        }
        return ok ? 0 : fail(message, message_size, _("cannot write"), err);
    }

    /* "dir/.name.XXXXXX": hidden, in the target's directory */
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dir_len;
    size_t tmp_size = dir_len + 1 + strlen(base) + sizeof ".XXXXXX";
    char *tmp = malloc(tmp_size);
    if (!tmp)
        return fail(message, message_size, _("out of memory"), 0);
    snprintf(tmp, tmp_size, "%.*s.%s.XXXXXX", (int)dir_len, path, base);

    /* Interrupts wait until the temporary file is renamed or removed: a
     * Ctrl-C mid-write then leaves neither a half file nor a stray
     * temporary one, and the old output stays as it was. */
    sigset_t interrupts, saved;
    sigemptyset(&interrupts);
    sigaddset(&interrupts, SIGINT);
    sigaddset(&interrupts, SIGTERM);
    sigaddset(&interrupts, SIGHUP);
    sigaddset(&interrupts, SIGQUIT);
    sigprocmask(SIG_BLOCK, &interrupts, &saved);
    int err = 0;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        err = errno;
        free(tmp);
        sigprocmask(SIG_SETMASK, &saved, NULL);
        return fail(message, message_size, _("cannot create a temporary file beside it"), err);
    }
    /* mkstemp makes the file 0600; give it what a plain open would */
    mode_t mask = umask(0);
    umask(mask);
    const char *step = NULL;
    if (fchmod(fd, 0666 & ~mask) != 0) {
        err = errno;
        step = _("cannot set the file mode");
    } else if (!write_all(fd, data, len, &err)) {
        step = _("cannot write");
    } else if (fsync(fd) != 0) {
        err = errno;
        step = _("cannot flush to disk");
    }
    if (close(fd) != 0 && !step) {
        err = errno;
        step = _("cannot write");
    }
    if (!step && rename(tmp, path) != 0) {
        err = errno;
        step = _("cannot rename the temporary file over it");
    }
    if (step) {
        unlink(tmp);
        free(tmp);
        sigprocmask(SIG_SETMASK, &saved, NULL);
        return fail(message, message_size, step, err);
    }
    free(tmp);
    sigprocmask(SIG_SETMASK, &saved, NULL);
    /* the rename itself is durable only once the directory is synced */
    char *dir = dir_len ? strndup(path, dir_len) : strdup(".");
    if (dir) {
        int dfd = open(dir, O_RDONLY);
        if (dfd >= 0) {
            fsync(dfd); /* EINVAL on some file systems: nothing more to do */
            close(dfd);
        }
        free(dir);
    }
    return 0;
}
