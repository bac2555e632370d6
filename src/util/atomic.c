/*
 * The atomic file writer of atomic.h: temporary file beside the target,
 * write, fsync, rename, fsync the directory. Rename within one directory is
 * atomic on POSIX file systems, which is why the temporary file is never
 * put in /tmp. Interrupts (SIGINT, SIGTERM, SIGHUP, SIGQUIT) wait while a
 * file is being written and take effect once it is complete.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "util/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

/* `path` with its empty and "." components left out ("out//./a.csv" is
 * "out/a.csv"): the same place as written when its folder cannot be
 * resolved. ".." is kept as it is: without the folders, what it undoes
 * cannot be known. Returns false when it does not fit. */
static bool lexical_place(const char *path, char *out, size_t size)
{
    size_t n = 0;
    if (path[0] == '/' && size > 1)
        out[n++] = '/';
    for (const char *c = path; *c;) {
        const char *end = strchr(c, '/');
        size_t len = end ? (size_t)(end - c) : strlen(c);
        if (len && !(len == 1 && c[0] == '.')) {
            bool sep = n && out[n - 1] != '/';
            if (n + sep + len + 1 > size)
                return false;
            if (sep)
                out[n++] = '/';
            memcpy(out + n, c, len);
            n += len;
        }
        c += len + (end ? 1 : 0);
    }
    if (n + 1 > size)
        return false;
    out[n] = '\0';
    return true;
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
    bool a_placed = place_of(a, pa, sizeof pa), b_placed = place_of(b, pb, sizeof pb);
    if (a_placed && b_placed)
        return strcmp(pa, pb) == 0;
    if (a_placed != b_placed)
        return false;
    /* neither folder exists (yet): the same when written the same way, so
     * that two outputs into one missing folder are refused before the
     * work, not found out when the second write fails */
    return lexical_place(a, pa, sizeof pa) && lexical_place(b, pb, sizeof pb) && strcmp(pa, pb) == 0;
}

/* Whether `path` is, by any name, one of the inputs. */
static bool same_as_input(const char *path, const char *const *inputs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (inputs[i] && sv_same_file(path, inputs[i]))
            return true;
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

/* The signals that wait while a file is written: those that would end
 * samverkan from a terminal or from a service manager. */
static const int interrupt_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static void interrupt_set(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < sizeof interrupt_signals / sizeof interrupt_signals[0]; i++)
        sigaddset(set, interrupt_signals[i]);
}

static bool interrupt_pending(void)
{
    sigset_t pending;
    if (sigpending(&pending) != 0)
        return false;
    for (size_t i = 0; i < sizeof interrupt_signals / sizeof interrupt_signals[0]; i++)
        if (sigismember(&pending, interrupt_signals[i]) == 1)
            return true;
    return false;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* How long a pipe's reader may take nothing after an interrupt before the
 * write gives up: a reader that has stopped would otherwise keep samverkan
 * from ending at all. */
#define STALL_SECONDS 5.0

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

/* write_all for a pipe, FIFO, socket or terminal while the interrupts are
 * blocked: the reader gets the whole output even when an interrupt comes
 * in the middle, as long as it keeps reading; once an interrupt is pending
 * and the reader has taken nothing for STALL_SECONDS, the write stops
 * (EINTR) and the interrupt takes effect. Non-blocking, so that a full
 * pipe cannot hide the interrupt. */
static bool write_held(int fd, const char *data, size_t len, int *err)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0)
        return write_all(fd, data, len, err);
    double progress = now_seconds(), interrupt = -1;
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n > 0) {
            data += n;
            len -= (size_t)n;
            progress = now_seconds();
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            *err = errno;
            return false;
        }
        if (interrupt < 0 && interrupt_pending())
            interrupt = now_seconds();
        if (interrupt >= 0) {
            double since = progress > interrupt ? progress : interrupt;
            if (now_seconds() - since >= STALL_SECONDS) {
                *err = EINTR;
                return false;
            }
        }
        /* short steps, so that an interrupt is seen while the pipe is full */
        struct pollfd p = {fd, POLLOUT, 0};
        poll(&p, 1, 100);
    }
    return true;
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
    sigset_t interrupts, saved;
    interrupt_set(&interrupts);
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* The whole output first, in memory (it is bounded by the output
         * limits of docs/limits.md): a pipe's write is then held against
         * interrupts by write_held, which needs the bytes at hand. */
        char *mem = NULL;
        size_t mem_len = 0;
        FILE *m = open_memstream(&mem, &mem_len);
        if (!m)
            return fail(message, message_size, _("out of memory"), 0);
        errno = 0;
        if (writer(m, ctx) != 0) {
            fclose(m);
            free(mem);
            return -2;
        }
        if (fclose(m) != 0) {
            free(mem);
            return fail(message, message_size, _("out of memory"), 0);
        }
        int err = 0;
        /* a FIFO waits here for its reader; an interrupt meanwhile ends
         * samverkan with nothing written */
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            err = errno;
            free(mem);
            return fail(message, message_size, _("cannot write"), err);
        }
        sigprocmask(SIG_BLOCK, &interrupts, &saved);
        bool ok = write_held(fd, mem, mem_len, &err);
        if (close(fd) != 0 && ok) {
            ok = false;
            err = errno;
        }
        sigprocmask(SIG_SETMASK, &saved, NULL);
        free(mem);
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
     * Ctrl-C mid-write then leaves the complete new file (or, when the
     * write fails, the old one) and no stray temporary file, and ends
     * samverkan as soon as the mask is restored. */
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
