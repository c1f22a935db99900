#ifndef ALIGN_BLOCKERS_H
#define ALIGN_BLOCKERS_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "util/idmap.h"

/*
 * Blockers raised in weekly updates, across weeks: each person's
 * "## Blockers" items grouped by their normalised text, so that the same
 * blocker written again next week ("Budget sign-off from Dana." and
 * "budget  sign-off from dana") is one blocker that has been running two
 * weeks. The arithmetic (align_blockers_add, align_blockers_finish) takes
 * plain data; align_blockers_load reads a catalog.
 */

struct align_blocker {
	char *text;   /* as first written */
	char *key;    /* the normalised text (align_blocker_normalize) */
	char *person; /* who raised it: the update's person */
	/* The update it was first raised in (its id and path). */
	char *first_update;
	char *first_path;
	/* The update of the last week it appears in. */
	char *last_update;
	char *last_path;
	char first_week[16]; /* "2026-W45" */
	char last_week[16];
	size_t weeks; /* distinct weeks it appears in */
	/*
	 * The longest run of consecutive ISO weeks ending at the last week
	 * ("weeks running"): 3 for W45, W46, W47; 1 for W44, W46.
	 */
	size_t running;
	char run_week[16]; /* the first week of that run */
	/* Private: the Mondays (days since 1970) it appears in. */
	int64_t *days_;
	size_t ndays_;
	size_t alloc_;
};

struct align_blockers {
	struct align_blocker *items; /* sorted by person, then key (finish) */
	size_t n;
	/* Private. */
	size_t alloc_;
	struct align_idmap index_; /* "<person>\n<key>" -> item */
	char **index_keys_;
	size_t nkeys_;
	size_t keys_alloc_;
};

void align_blockers_init(struct align_blockers *b);

/*
 * Appends to `out` the normalised form of a blocker's text: ASCII letters
 * case-folded, every run of white space one space, leading and trailing
 * white space and trailing punctuation (. , ; : ! ?) dropped.
 */
void align_blocker_normalize(struct align_buf *out, const char *text);

/*
 * Adds one blocker item raised by `person` in ISO week `week`
 * ("YYYY-Www") in the update `update_id` at `path` (all copied). Returns
 * 0, or ALIGN_EINVALID (nothing added) for a week that does not parse or
 * a text that normalises to nothing.
 */
int align_blockers_add(struct align_blockers *b, const char *person,
		       const char *week, const char *text,
		       const char *update_id, const char *path);

/*
 * Computes each blocker's weeks, first and last week and run, and sorts
 * them. Call after the last add; adding after it needs another finish.
 */
void align_blockers_finish(struct align_blockers *b);

/*
 * Every blocker of every weekly update in `catalog` (the working tree or
 * as of a commit) whose week starts on or before `until` (NULL: no
 * bound), finished. The person is the update's `person`, else its id.
 */
void align_blockers_load(struct align_blockers *out,
			 const struct align_catalog *catalog,
			 const struct align_date *until);

void align_blockers_release(struct align_blockers *b);

#endif
