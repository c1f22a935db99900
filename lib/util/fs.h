#ifndef ALIGN_FS_H
#define ALIGN_FS_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"

/*
 * Appends the whole file at `path` to `out`. With `max` > 0, a file larger
 * than `max` bytes is not read and ALIGN_ETOOBIG is returned. Returns 0,
 * ALIGN_ENOTFOUND when the file does not exist, or ALIGN_ERROR with errno
 * set.
 */
int align_fs_read(struct align_buf *out, const char *path, size_t max);

/*
 * Reads `path` as align_fs_read() does when it is a regular file. Anything
 * else (a FIFO, a device, a folder) is opened without waiting and not
 * read: 1 is returned and `out` is left as it was. Safe to call from
 * several threads at once.
 */
int align_fs_read_regular(struct align_buf *out, const char *path,
			  size_t max);

/* Creates `path` and its missing parents. Returns 0 or ALIGN_ERROR (errno). */
int align_fs_mkdirs(const char *path);

/*
 * Writes `len` bytes to a new temporary file next to `path` (same folder,
 * so a later rename is atomic) and puts its name in `out_tmp`. The mode is
 * `path`'s when it exists, else 0666 less the umask. Returns 0 or
 * ALIGN_ERROR (errno); on failure no temporary file is left.
 */
int align_fs_write_temp(struct align_buf *out_tmp, const char *path,
			const void *data, size_t len);

/*
 * align_fs_write_temp() to the file named `tmp` (replaced when it exists;
 * created new, never through a link), with `path`'s mode.
 */
int align_fs_write_named(const char *tmp, const char *path, const void *data,
			 size_t len);

/* Returns 1 when `path` exists (any type), 0 otherwise. */
int align_fs_exists(const char *path);
int align_fs_is_dir(const char *path);

/* Appends `a` joined to `b` with exactly one '/' to `out`. */
void align_path_join(struct align_buf *out, const char *a, const char *b);

/*
 * Appends to `out` the path of `target` relative to `base`; both absolute
 * and normalized (no "." or ".." parts, no trailing '/').
 */
void align_path_relative(struct align_buf *out, const char *target,
			 const char *base);

/*
 * Normalizes an absolute `path` lexically: collapses "//", "." and "..".
 * Appends the result to `out`.
 */
void align_path_normalize(struct align_buf *out, const char *path);

#endif
