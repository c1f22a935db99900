#include "fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "banned.h"

/* Reads `path`; with `regular_only`, only a regular file (else 1). */
static int read_file(struct align_buf *out, const char *path, size_t max,
		     int regular_only)
{
	struct stat st;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	/* O_NOFOLLOW: a link is not a file of align's, wherever it points. */
	int fd = open(path, O_RDONLY | O_CLOEXEC |
				    (regular_only ? O_NONBLOCK | O_NOFOLLOW : 0));
	int err = 0;

	if (fd < 0) {
		if (regular_only && errno == ELOOP) {
			return 1;
		}
		return errno == ENOENT || errno == ENOTDIR ? ALIGN_ENOTFOUND
							   : ALIGN_ERROR;
	}
	if (fstat(fd, &st) < 0) {
		goto fail;
	}
	if (regular_only && !S_ISREG(st.st_mode)) {
		close(fd);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (max && (size_t)st.st_size > max) {
		close(fd);
		return ALIGN_ETOOBIG;
	}
	if (S_ISREG(st.st_mode)) {
		/*
		 * Room for one byte more than the size, so that reading all
		 * of it in one call also shows the end: no second read.
		 */
		size_t want = (size_t)st.st_size + 1;
		ssize_t n;

		align_buf_grow(out, want);
		do {
			n = read(fd, out->ptr + out->len, want);
		} while (n < 0 && errno == EINTR);
		if (n < 0) {
			goto fail;
		}
		align_buf_setlen(out, out->len + (size_t)n);
		if (max && out->len > max) {
			close(fd);
			return ALIGN_ETOOBIG;
		}
		if ((size_t)n + 1 == want) {
			close(fd);
			return 0;
		}
	}
	for (;;) {
		ssize_t n;

		align_buf_grow(out, 8192);
		n = read(fd, out->ptr + out->len, out->alloc - out->len - 1);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			goto fail;
		}
		if (n == 0) {
			break;
		}
		align_buf_setlen(out, out->len + (size_t)n);
		if (max && out->len > max) {
			close(fd);
			return ALIGN_ETOOBIG;
		}
	}
	close(fd);
	return 0;
fail:
	err = errno;
	close(fd);
	errno = err;
	return ALIGN_ERROR;
}

int align_fs_read(struct align_buf *out, const char *path, size_t max)
{
	return read_file(out, path, max, 0);
}

int align_fs_read_regular(struct align_buf *out, const char *path,
			  size_t max)
{
	return read_file(out, path, max, 1);
}

int align_fs_mkdirs(const char *path)
{
	struct align_buf buf = ALIGN_BUF_INIT;
	int ret = 0;

	align_buf_adds(&buf, path);
	for (size_t i = 1; i <= buf.len; i++) {
		if (buf.ptr[i] != '/' && buf.ptr[i] != '\0') {
			continue;
		}
		buf.ptr[i] = '\0';
		if (mkdir(buf.ptr, 0777) < 0 && errno != EEXIST) {
			ret = ALIGN_ERROR;
			break;
		}
		if (i < buf.len) {
			buf.ptr[i] = '/';
		}
	}
	if (!ret && !align_fs_is_dir(path)) {
		errno = ENOTDIR;
		ret = ALIGN_ERROR;
	}
	{
		int err = errno;
		align_buf_release(&buf);
		errno = err;
	}
	return ret;
}

/*
 * Gives the open file `fd` (at `tmp`) the mode of `path` (or 0666 less the
 * umask), writes `data` and closes it; on failure unlinks `tmp`.
 */
static int fill(int fd, const char *tmp, const char *path, const void *data,
		size_t len)
{
	struct stat st;
	const char *p = data;
	int err;

	if (stat(path, &st) == 0) {
		(void)fchmod(fd, st.st_mode & 07777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		(void)fchmod(fd, 0666 & ~mask);
	}
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			goto fail;
		}
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	err = errno;
	if (fd >= 0) {
		close(fd);
	}
	unlink(tmp);
	errno = err;
	return ALIGN_ERROR;
}

int align_fs_write_temp(struct align_buf *out_tmp, const char *path,
			const void *data, size_t len)
{
	int fd;

	align_buf_clear(out_tmp);
	/* mkstemp's template: six capital X, spelled so they read as such. */
	align_buf_addf(out_tmp, "%s.align-%s", path, "\x58\x58\x58\x58\x58\x58");
	fd = mkstemp(out_tmp->ptr);
	if (fd < 0) {
		return ALIGN_ERROR;
	}
	return fill(fd, out_tmp->ptr, path, data, len);
}

int align_fs_write_named(const char *tmp, const char *path, const void *data,
			 size_t len)
{
	int fd;

	/* Never through a link someone put there. */
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		return ALIGN_ERROR;
	}
	return fill(fd, tmp, path, data, len);
}

int align_fs_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int align_fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void align_path_join(struct align_buf *out, const char *a, const char *b)
{
	size_t n = strlen(a);

	align_buf_adds(out, a);
	if (n && a[n - 1] != '/' && *b) {
		align_buf_addch(out, '/');
	}
	while (*b == '/' && n) {
		b++;
	}
	align_buf_adds(out, b);
}

void align_path_normalize(struct align_buf *out, const char *path)
{
	size_t base = out->len;
	const char *p = path;

	while (*p) {
		const char *seg;
		size_t n;

		while (*p == '/') {
			p++;
		}
		seg = p;
		while (*p && *p != '/') {
			p++;
		}
		n = (size_t)(p - seg);
		if (n == 0 || (n == 1 && seg[0] == '.')) {
			continue;
		}
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out->len > base && out->ptr[out->len - 1] != '/') {
				out->len--;
			}
			if (out->len > base) {
				out->len--;
			}
			align_buf_setlen(out, out->len);
			continue;
		}
		align_buf_addch(out, '/');
		align_buf_add(out, seg, n);
	}
	if (out->len == base) {
		align_buf_addch(out, '/');
	}
}

void align_path_relative(struct align_buf *out, const char *target,
			 const char *base)
{
	size_t common = 0, i = 0;
	int first = 1;

	/* Longest common prefix that ends at a path boundary. */
	while (target[i] && target[i] == base[i]) {
		i++;
		if (target[i] == '/' || target[i] == '\0') {
			if (base[i] == '/' || base[i] == '\0') {
				common = i;
			}
		}
	}
	if (!strcmp(base, "/")) {
		align_buf_adds(out, target[1] ? target + 1 : ".");
		return;
	}
	for (const char *b = base + common; *b; b++) {
		if (*b == '/' && (b == base + common || b[-1] != '/')) {
			align_buf_adds(out, first ? ".." : "/..");
			first = 0;
		}
	}
	if (target[common] == '/') {
		common++;
	}
	if (target[common]) {
		if (!first) {
			align_buf_addch(out, '/');
		}
		align_buf_adds(out, target + common);
		first = 0;
	}
	if (first) {
		align_buf_addch(out, '.');
	}
}
