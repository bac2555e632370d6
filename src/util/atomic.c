/*
 * The atomic file writer of atomic.h: temporary file beside the target,
 * write, fsync, rename, fsync the directory. Rename within one directory is
 * atomic on POSIX file systems, which is why the temporary file is never
 * put in /tmp.
 */
#include "util/atomic.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
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

/* Whether `path` exists and is the same file as one of the inputs. stat
 * follows symbolic links on both sides, and a hard link shares the inode,
 * so every way of naming the input is caught. */
static bool same_as_input(const char *path, const char *const *inputs, size_t count)
{
    struct stat target;
    if (stat(path, &target) != 0)
        return false;
    for (size_t i = 0; i < count; i++) {
        struct stat in;
        if (inputs[i] && stat(inputs[i], &in) == 0 && in.st_dev == target.st_dev &&
            in.st_ino == target.st_ino)
            return true;
    }
    return false;
}

typedef struct buffer {
    const void *data;
    size_t len;
} buffer;

static int write_buffer(FILE *out, void *ctx)
{
    const buffer *b = ctx;
    return b->len == 0 || fwrite(b->data, 1, b->len, out) == b->len ? 0 : -1;
}

int sv_write_atomic(const char *path, const void *data, size_t len, const char *const *inputs,
                    size_t input_count, char *message, size_t message_size)
{
    buffer b = {data, len};
    int r = sv_write_atomic_stream(path, write_buffer, &b, inputs, input_count, message,
                                   message_size);
    /* a buffer's writer fails only as the file does */
    return r == -2 ? fail(message, message_size, _("cannot write"), errno) : r;
}

/* Runs the writer on a stream over fd, which it closes. 0, -1 with *err
 * set when the stream failed, -2 when the writer did. */
static int run_writer(int fd, bool sync, sv_atomic_writer writer, void *ctx, int *err)
{
    FILE *f = fdopen(fd, "w");
    if (!f) {
        *err = errno;
        close(fd);
        return -1;
    }
    errno = 0;
    if (writer(f, ctx) != 0) {
        *err = errno;
        fclose(f);
        return -2;
    }
    int r = 0;
    if (fflush(f) != 0 || ferror(f)) {
        *err = errno ? errno : EIO;
        r = -1;
    } else if (sync && fsync(fileno(f)) != 0) {
        *err = errno;
        r = -3;
    }
    if (fclose(f) != 0 && r == 0) {
        *err = errno;
        r = -1;
    }
    return r;
}

int sv_write_atomic_stream(const char *path, sv_atomic_writer writer, void *ctx,
                           const char *const *inputs, size_t input_count, char *message,
                           size_t message_size)
{
    if (message && message_size)
        message[0] = '\0';
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
        int r = run_writer(fd, false, writer, ctx, &err);
        return r == 0 ? 0 : r == -2 ? -2 : fail(message, message_size, _("cannot write"), err);
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
    bool writer_failed = false;
    if (fchmod(fd, 0666 & ~mask) != 0) {
        err = errno;
        step = _("cannot set the file mode");
        close(fd);
    } else {
        int r = run_writer(fd, true, writer, ctx, &err);
        if (r == -2)
            writer_failed = true;
        if (r == -1 || r == -2)
            step = _("cannot write");
        else if (r == -3)
            step = _("cannot flush to disk");
    }
    if (!step && rename(tmp, path) != 0) {
        err = errno;
        step = _("cannot rename the temporary file over it");
    }
    if (step) {
        unlink(tmp);
        free(tmp);
        sigprocmask(SIG_SETMASK, &saved, NULL);
        if (writer_failed)
            return -2;
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
