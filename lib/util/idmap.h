#ifndef ALIGN_IDMAP_H
#define ALIGN_IDMAP_H

#include <stddef.h>

/*
 * A hash table from strings (ids, paths) to indexes, so that pairing or
 * de-duplicating n records costs O(n) rather than O(n^2). Keys are
 * borrowed: they must outlive the map.
 */

struct align_idmap {
	const char **keys; /* NULL marks a free slot */
	size_t *values;
	size_t cap; /* a power of two, or 0 */
	size_t count;
};

#define ALIGN_IDMAP_INIT { NULL, NULL, 0, 0 }

/*
 * Maps `key` to `value` unless it is there already. Returns 1 when added,
 * 0 when `key` was present (its value is put in `*old` when not NULL).
 */
int align_idmap_add(struct align_idmap *map, const char *key, size_t value,
		    size_t *old);

/* The value of `key` into `*out`: 1 when found, 0 when not. */
int align_idmap_get(const struct align_idmap *map, const char *key,
		    size_t *out);

void align_idmap_release(struct align_idmap *map);

#endif
