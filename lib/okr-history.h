#ifndef ALIGN_OKR_HISTORY_H
#define ALIGN_OKR_HISTORY_H

#include <stdint.h>

#include "cache.h"
#include "history.h"
#include "people.h"
#include "util/idmap.h"

/*
 * The history of one key result: every version of its objective in which
 * the key result's `current` changed (or the key result appeared), read
 * from git content by one history walk, so hand edits committed with
 * plain git count as check-ins do and a moved file is the same objective.
 */

struct align_okr_value {
	char commit[ALIGN_OID_HEXSZ + 1];
	struct align_time when; /* author time */
	char *who;   /* roster handle by the author's email, else the name */
	char *email;
	char *value; /* `current` as written in that version */
	char *confidence; /* as written; NULL when not given */
	char *unit;  /* "-" when none */
	/*
	 * The note: the -m text of a commit align wrote for the objective
	 * (see align_events_note), else the summary line of the commit.
	 */
	char *note;
	int late; /* the commit carries an Align-Late-Checkin trailer */
	int added; /* the version the key result first appeared in */
};

struct align_okr_history {
	struct align_okr_value *items; /* oldest first */
	size_t count;
	size_t alloc;
};

#define ALIGN_OKR_HISTORY_INIT { NULL, 0, 0 }

/*
 * Reads the values key result `kr` of objective `id` has had, with author
 * times from `since` to `until` (seconds; INT64_MIN / INT64_MAX for no
 * bound), walking the OKR folder from HEAD. `path` is the objective's file
 * (relative to the records root) when known, else NULL: the walk then
 * follows that file alone (align_history_opts.path). `people` (may be empty) turns
 * emails into handles. Versions that do not parse are skipped, each with
 * a warning in `warnings` (the caller decides whether to show them).
 * Returns 0, or an ALIGN_* error with the message on `repo`. Release
 * `out` with align_okr_history_release() in either case.
 */
int align_okr_history_load(struct align_okr_history *out,
			   struct align_repo *repo, const char *id,
			   const char *path, const char *kr, int64_t since, int64_t until,
			   const struct align_people *people,
			   struct align_diags *warnings);

void align_okr_history_release(struct align_okr_history *history);

/*
 * Every key result's values at once, gathered from a walk that another
 * module runs with align_history_walk_many() (the reports), for versions
 * of objectives authored from `since` to `until`: one trail per key
 * result, as align_okr_history_load() would give it.
 */
struct align_okr_trail {
	char *key; /* "<objective>\n<kr>" */
	char *objective;
	char *kr;
	struct align_okr_history values; /* oldest first after finish */
};

struct align_okr_trails {
	struct align_okr_trail **items;
	size_t count;
	size_t alloc;
	const struct align_people *people;
	int64_t since;
	int64_t until;
	struct align_idmap index;
	struct align_cache *cache; /* or NULL */
	struct align_buf line;     /* what the commit being read gave */
	/* Stopping early (align_okr_trails_stop_early); private. */
	int64_t stop_before_;
	int stopping_;
	struct align_idmap need_; /* "<objective>\n<kr>" -> need_done_ */
	char **need_keys_;
	unsigned char *need_done_;
	size_t nneed_, need_alloc_;
	size_t pending_;
};

void align_okr_trails_init(struct align_okr_trails *t,
			   const struct align_people *people, int64_t since,
			   int64_t until);
struct align_history_consumer align_okr_trails_consumer(
	struct align_okr_trails *t);
/*
 * Before align_okr_trails_consumer(): keeps what each commit gave in the
 * advisory cache `name` (lib/cache.h), whatever the bounds, and takes
 * what it knows from there. The walk must be the same for every run
 * with the same `name` (the same folders read at each commit).
 */
void align_okr_trails_use_cache(struct align_okr_trails *t,
				struct align_repo *repo, const char *name);
/*
 * Before align_okr_trails_consumer(): lets the walk stop before its end.
 * Once it has reached commits both committed and authored before
 * `before` (seconds), the consumer has had enough as soon as each key
 * result named by align_okr_trails_need() has a value authored before
 * `before` that is not its first (a check-in), or its first (the version
 * it appeared in). What a reader takes of such a key result's past,
 * its last value before `before` and its last check-in, is then what
 * the full walk gives, save the values of an earlier life (a key result
 * removed and added again). Walks rely on commit times as
 * `git log --since` does.
 */
void align_okr_trails_stop_early(struct align_okr_trails *t, int64_t before);
/* With align_okr_trails_stop_early(): key result `kr` of `id` is needed. */
void align_okr_trails_need(struct align_okr_trails *t, const char *id,
			   const char *kr);
/* After the walk: each trail oldest first. */
void align_okr_trails_finish(struct align_okr_trails *t);
/* The values of key result `kr` of objective `id`; NULL when none. */
const struct align_okr_history *align_okr_trails_find(
	const struct align_okr_trails *t, const char *id, const char *kr);
void align_okr_trails_release(struct align_okr_trails *t);

#endif
