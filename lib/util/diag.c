#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "banned.h"

void align_diags_add(struct align_diags *diags, const char *path,
		     size_t line, enum align_severity severity,
		     const char *fmt, ...)
{
	struct align_buf msg = ALIGN_BUF_INIT;
	struct align_diag *d;
	va_list ap;

	va_start(ap, fmt);
	align_buf_vaddf(&msg, fmt, ap);
	va_end(ap);

	ALIGN_ARRAY_GROW(diags->items, diags->alloc, diags->count + 1);
	d = &diags->items[diags->count++];
	d->path = align_strdup(path ? path : "");
	d->line = line;
	d->col = 0;
	d->severity = severity;
	d->message = align_buf_detach(&msg, NULL);
}

size_t align_diags_count(const struct align_diags *diags,
			 enum align_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < diags->count; i++) {
		n += diags->items[i].severity == severity;
	}
	return n;
}

static int diag_cmp(const void *a, const void *b)
{
	const struct align_diag *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c) {
		return c;
	}
	if (x->line != y->line) {
		return x->line < y->line ? -1 : 1;
	}
	/* Stable: the message pointers were allocated in order. */
	return x < y ? -1 : x > y;
}

void align_diags_sort(struct align_diags *diags)
{
	/* Keep insertion order among equal keys: sort an index. */
	size_t n = diags->count;
	struct align_diag *copy;
	size_t *order;

	if (n < 2) {
		return;
	}
	order = align_malloc(n * sizeof(*order));
	copy = align_malloc(n * sizeof(*copy));
	for (size_t i = 0; i < n; i++) {
		order[i] = i;
	}
	/* Insertion sort: diagnostic lists are short. */
	for (size_t i = 1; i < n; i++) {
		size_t k = order[i], j = i;
		while (j > 0 && diag_cmp(&diags->items[order[j - 1]],
					 &diags->items[k]) > 0) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = k;
	}
	for (size_t i = 0; i < n; i++) {
		copy[i] = diags->items[order[i]];
	}
	memcpy(diags->items, copy, n * sizeof(*copy));
	free(copy);
	free(order);
}

void align_diags_move(struct align_diags *to, struct align_diags *from)
{
	ALIGN_ARRAY_GROW(to->items, to->alloc, to->count + from->count);
	if (from->count) {
		memcpy(to->items + to->count, from->items,
		       from->count * sizeof(*from->items));
	}
	to->count += from->count;
	free(from->items);
	from->items = NULL;
	from->count = from->alloc = 0;
}

void align_diags_clear(struct align_diags *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		free(diags->items[i].path);
		free(diags->items[i].message);
	}
	free(diags->items);
	diags->items = NULL;
	diags->count = diags->alloc = 0;
}
