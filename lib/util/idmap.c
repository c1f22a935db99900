#include "idmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "work.h"
#include "banned.h"

/* FNV-1a. */
static size_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

static size_t slot(const struct align_idmap *map, const char *key)
{
	size_t i = hash(key) & (map->cap - 1);

	ALIGN_WORK_STEP();
	while (map->keys[i] && strcmp(map->keys[i], key)) {
		i = (i + 1) & (map->cap - 1);
		ALIGN_WORK_STEP();
	}
	return i;
}

static void grow(struct align_idmap *map)
{
	struct align_idmap bigger = ALIGN_IDMAP_INIT;

	bigger.cap = map->cap ? map->cap * 2 : 64;
	bigger.keys = align_calloc(bigger.cap, sizeof(*bigger.keys));
	bigger.values = align_calloc(bigger.cap, sizeof(*bigger.values));
	for (size_t i = 0; i < map->cap; i++) {
		if (map->keys[i]) {
			size_t j = slot(&bigger, map->keys[i]);
			bigger.keys[j] = map->keys[i];
			bigger.values[j] = map->values[i];
			bigger.count++;
		}
	}
	align_idmap_release(map);
	*map = bigger;
}

int align_idmap_add(struct align_idmap *map, const char *key, size_t value,
		    size_t *old)
{
	size_t i;

	if ((map->count + 1) * 2 > map->cap) {
		grow(map);
	}
	i = slot(map, key);
	if (map->keys[i]) {
		if (old) {
			*old = map->values[i];
		}
		return 0;
	}
	map->keys[i] = key;
	map->values[i] = value;
	map->count++;
	return 1;
}

int align_idmap_get(const struct align_idmap *map, const char *key,
		    size_t *out)
{
	size_t i;

	if (!map->cap) {
		return 0;
	}
	i = slot(map, key);
	if (!map->keys[i]) {
		return 0;
	}
	*out = map->values[i];
	return 1;
}

void align_idmap_release(struct align_idmap *map)
{
	free(map->keys);
	free(map->values);
	memset(map, 0, sizeof(*map));
}
