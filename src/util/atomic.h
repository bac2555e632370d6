/*
 * Writing an output file atomically: a reader (or a crash) sees either the
 * old file or the complete new one, never half of it, and a failed write
 * leaves nothing behind. Used by render; meant for every stage that writes
 * a file (the report stage too).
 */
#ifndef SV_UTIL_ATOMIC_H
#define SV_UTIL_ATOMIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Whether the two paths name the same file: the same device and inode when
 * both exist (through symbolic and hard links), else the same place (the
 * real folder and the name), so that a file not yet written is caught too. */
bool sv_same_file(const char *a, const char *b);

/* Writes data[0..len) to `path`: a temporary file in the same directory
 * (so that rename stays on one file system), written, fsync'ed, renamed
 * over `path`, then the directory fsync'ed. Refuses to write when `path`
 * is, through symbolic or hard links, the same file (device and inode) as
 * one of inputs[0..input_count). The new file gets mode 0666 minus the
 * umask. Returns 0; on failure returns -1, leaves `path` as it was, removes
 * the temporary file and puts a translated message (without the path) into
 * message[0..message_size). SIGINT, SIGTERM, SIGHUP and SIGQUIT are held
 * while the temporary file exists, and while a device, pipe or FIFO is
 * written (there until its reader has taken nothing for 5 seconds after
 * one came), so that the output is complete when one of them ends the
 * process. Not thread-safe (it reads the umask and sets the signal mask). */
int sv_write_atomic(const char *path, const void *data, size_t len, const char *const *inputs,
                    size_t input_count, char *message, size_t message_size);

/* Writes what writer(out, ctx) writes, in the same way: the writer streams
 * into the temporary file (or the device), so that a large output never
 * sits in memory whole. When the writer returns nonzero the result is -2:
 * nothing is renamed, the temporary file is removed, and the writer is
 * expected to have said why (message stays empty). Interrupts wait until
 * the writer is done. */
typedef int (*sv_atomic_writer)(FILE *out, void *ctx);
int sv_write_atomic_stream(const char *path, sv_atomic_writer writer, void *ctx,
                           const char *const *inputs, size_t input_count, char *message,
                           size_t message_size);

#endif
