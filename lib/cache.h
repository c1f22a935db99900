#ifndef ALIGN_CACHE_H
#define ALIGN_CACHE_H

#include "repo.h"

/*
 * An advisory cache of per-commit results: one line per commit id, kept
 * in <gitdir>/align/cache-<name>. A commit's content never changes, so a
 * result computed once holds for good. Everything about it is optional:
 * a missing, foreign or damaged file reads as empty, a failed save is
 * ignored, and deleting the folder only costs time. Two processes saving
 * at once each rename a whole file into place; the loser's new lines are
 * computed again next time.
 */

struct align_cache;

/*
 * Opens cache `name` ([a-z0-9-]). Returns NULL when caching is off
 * (ALIGN_NO_CACHE is set) — every function below accepts NULL.
 */
struct align_cache *align_cache_open(struct align_repo *repo,
				     const char *name);

/* The value stored for commit `id`, or NULL. Borrowed. */
const char *align_cache_get(const struct align_cache *cache, const char *id);

/* Stores a value (one line, no newline) for commit `id`. */
void align_cache_put(struct align_cache *cache, const char *id,
		     const char *value);

/*
 * A value made of fields: appends `s` to `line`, escaped so that it holds
 * no tab, newline or CR, then a tab. NULL is kept apart from "".
 */
void align_cache_field_add(struct align_buf *line, const char *s);

/*
 * The next field of a value at `*p` into `*out` (a new string, or NULL
 * for a NULL field); moves `*p` past it. Returns 0, or -1 when there is
 * none or it is damaged.
 */
int align_cache_field_next(char **out, const char **p);

/* Writes the cache back when something was added; frees it. */
void align_cache_close(struct align_cache *cache);

/* 0 when caching is off (ALIGN_NO_CACHE is set), else 1. */
int align_cache_enabled(void);

/*
 * The file of advisory cache `name` (<gitdir>/align/<name>) into `out`:
 * 0 when read, -1 when there is none or caching is off (ALIGN_NO_CACHE).
 * The caller validates what it reads: a foreign or damaged file is
 * treated as none.
 */
int align_cache_file_read(struct align_repo *repo, const char *name,
			  struct align_buf *out);

/*
 * Replaces the file of cache `name` with `data` by renaming a whole new
 * file into place. Failing is no error: the cache is advisory.
 */
void align_cache_file_write(struct align_repo *repo, const char *name,
			    const char *data, size_t len);

#endif
