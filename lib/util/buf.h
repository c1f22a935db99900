#ifndef ALIGN_BUF_H
#define ALIGN_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * The one growable byte string. `ptr` is never NULL and always
 * NUL-terminated (it may also hold NULs inside `len`). Start from
 * ALIGN_BUF_INIT or align_buf_init(); give memory back with
 * align_buf_release(); take ownership only with align_buf_detach().
 * Allocation failure aborts the process, as git's xmalloc does.
 */
struct align_buf {
	char *ptr;
	size_t len;
	size_t alloc;
};

extern char align_buf__empty[];
#define ALIGN_BUF_INIT { align_buf__empty, 0, 0 }

void align_buf_init(struct align_buf *buf);
/* Frees the memory and leaves `buf` empty and reusable. */
void align_buf_release(struct align_buf *buf);
/* Empties `buf`, keeping its memory. */
void align_buf_clear(struct align_buf *buf);
/* Makes room for `extra` more bytes. */
void align_buf_grow(struct align_buf *buf, size_t extra);
/* Sets the length, growing the buffer when needed (new bytes undefined). */
void align_buf_setlen(struct align_buf *buf, size_t len);
void align_buf_add(struct align_buf *buf, const void *data, size_t len);
void align_buf_adds(struct align_buf *buf, const char *str);
void align_buf_addch(struct align_buf *buf, int c);
void align_buf_addf(struct align_buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void align_buf_vaddf(struct align_buf *buf, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Replaces the contents with `str`. */
void align_buf_sets(struct align_buf *buf, const char *str);
/* Removes trailing ASCII white space. */
void align_buf_rtrim(struct align_buf *buf);
/*
 * Returns the string, owned by the caller (free()), and leaves `buf`
 * empty. `out_len` may be NULL.
 */
char *align_buf_detach(struct align_buf *buf, size_t *out_len);

/* Allocation helpers that abort on failure. */
void *align_malloc(size_t size);
void *align_calloc(size_t n, size_t size);
void *align_realloc(void *ptr, size_t size);
char *align_strdup(const char *str);
char *align_strndup(const char *str, size_t len);

/* Grows `*array` (of `*alloc` elements of `size`) to hold `n`. */
void align_array_grow(void **array, size_t *alloc, size_t n, size_t size);
#define ALIGN_ARRAY_GROW(array, alloc, n) \
	align_array_grow((void **)&(array), &(alloc), (n), sizeof(*(array)))

#endif
