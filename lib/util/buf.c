#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

char align_buf__empty[1];

static void out_of_memory(size_t size)
{
	fprintf(stderr, "align: fatal: out of memory allocating %zu bytes\n",
		size);
	abort();
}

void *align_malloc(size_t size)
{
	void *ptr = malloc(size ? size : 1);
	if (!ptr) {
		out_of_memory(size);
	}
	return ptr;
}

void *align_calloc(size_t n, size_t size)
{
	void *ptr = calloc(n ? n : 1, size ? size : 1);
	if (!ptr) {
		out_of_memory(n * size);
	}
	return ptr;
}

void *align_realloc(void *ptr, size_t size)
{
	void *out = realloc(ptr, size ? size : 1);
	if (!out) {
		out_of_memory(size);
	}
	return out;
}

char *align_strndup(const char *str, size_t len)
{
	char *out = align_malloc(len + 1);
	memcpy(out, str, len);
	out[len] = '\0';
	return out;
}

char *align_strdup(const char *str)
{
	return align_strndup(str, strlen(str));
}

void align_array_grow(void **array, size_t *alloc, size_t n, size_t size)
{
	size_t want;

	if (n <= *alloc) {
		return;
	}
	want = *alloc ? *alloc : 8;
	while (want < n) {
		if (want > ((size_t)-1) / 2 / size) {
			out_of_memory(n * size);
		}
		want *= 2;
	}
	*array = align_realloc(*array, want * size);
	*alloc = want;
}

void align_buf_init(struct align_buf *buf)
{
	buf->ptr = align_buf__empty;
	buf->len = 0;
	buf->alloc = 0;
}

void align_buf_release(struct align_buf *buf)
{
	if (buf->alloc) {
		free(buf->ptr);
	}
	align_buf_init(buf);
}

void align_buf_clear(struct align_buf *buf)
{
	align_buf_setlen(buf, 0);
}

void align_buf_grow(struct align_buf *buf, size_t extra)
{
	size_t want;

	if (extra > ((size_t)-1) - buf->len - 1) {
		out_of_memory((size_t)-1);
	}
	want = buf->len + extra + 1;
	if (want <= buf->alloc) {
		return;
	}
	if (want < buf->alloc * 2) {
		want = buf->alloc * 2;
	}
	if (want < 64) {
		want = 64;
	}
	if (buf->alloc) {
		buf->ptr = align_realloc(buf->ptr, want);
	} else {
		buf->ptr = align_malloc(want);
		buf->ptr[0] = '\0';
	}
	buf->alloc = want;
}

void align_buf_setlen(struct align_buf *buf, size_t len)
{
	if (!buf->alloc && len == 0) {
		return;
	}
	if (len >= buf->alloc) {
		/* Growing: the new bytes are not initialized. */
		align_buf_grow(buf, len - buf->len);
	}
	buf->len = len;
	buf->ptr[len] = '\0';
}

void align_buf_add(struct align_buf *buf, const void *data, size_t len)
{
	if (!len) {
		return;
	}
	align_buf_grow(buf, len);
	memmove(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
}

void align_buf_adds(struct align_buf *buf, const char *str)
{
	align_buf_add(buf, str, strlen(str));
}

void align_buf_addch(struct align_buf *buf, int c)
{
	char ch = (char)c;
	align_buf_add(buf, &ch, 1);
}

void align_buf_vaddf(struct align_buf *buf, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(buf->ptr + buf->len, buf->alloc ? buf->alloc - buf->len : 0,
		      fmt, copy);
	va_end(copy);
	if (n < 0) {
		return;
	}
	if (!buf->alloc || (size_t)n >= buf->alloc - buf->len) {
		align_buf_grow(buf, (size_t)n);
		n = vsnprintf(buf->ptr + buf->len, buf->alloc - buf->len, fmt,
			      ap);
	}
	buf->len += (size_t)n;
}

void align_buf_addf(struct align_buf *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	align_buf_vaddf(buf, fmt, ap);
	va_end(ap);
}

void align_buf_sets(struct align_buf *buf, const char *str)
{
	align_buf_clear(buf);
	align_buf_adds(buf, str);
}

void align_buf_rtrim(struct align_buf *buf)
{
	while (buf->len && (buf->ptr[buf->len - 1] == ' ' ||
			    buf->ptr[buf->len - 1] == '\t' ||
			    buf->ptr[buf->len - 1] == '\n' ||
			    buf->ptr[buf->len - 1] == '\r')) {
		buf->len--;
	}
	if (buf->alloc) {
		buf->ptr[buf->len] = '\0';
	}
}

char *align_buf_detach(struct align_buf *buf, size_t *out_len)
{
	char *ptr;

	if (!buf->alloc) {
		align_buf_grow(buf, 0);
	}
	ptr = buf->ptr;
	if (out_len) {
		*out_len = buf->len;
	}
	align_buf_init(buf);
	return ptr;
}
