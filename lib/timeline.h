#ifndef ALIGN_TIMELINE_H
#define ALIGN_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "cache.h"
#include "history.h"
#include "kind.h"
#include "util/idmap.h"

/*
 * Each record's state over history: the commit that created it and every
 * commit that changed its state (a kind's "status"), oldest first, read
 * by one history walk. What a report or a rule needs to say "since when":
 * the commit a brief was submitted in, how long it has waited. Kinds
 * without states have one event, their creation.
 *
 * Merges: the history engine gives a merge only what it resolved itself,
 * so a state changed on a branch is one event, at the branch's commit.
 * Times are author times (they survive rebase and amend).
 */

/* One commit that created the record or changed its state. */
struct align_timeline_event {
	char *state; /* the kind's state field after the commit ("" when none) */
	char commit[ALIGN_OID_HEXSZ + 1];
	char *author; /* author name */
	char *email;
	int64_t when; /* author time, seconds */
	int offset;   /* the author's UTC offset then, minutes */
	/*
	 * The -m note of the align command that made the commit, on one
	 * line (align_events_note), or NULL when there is none.
	 */
	char *note;
};

struct align_timeline_record {
	char *id;
	const struct align_kind *kind;
	char *path; /* path at the newest version */
	/*
	 * Oldest first; events[0] is the first commit in which the record
	 * appears. Consecutive commits that leave the state as it was are
	 * one event (the first of them).
	 */
	struct align_timeline_event *events;
	size_t nevents;
	size_t alloc_;
	int deleted; /* gone at the walk's start revision */
	int created_; /* private: the walk has seen it appear */
};

struct align_timeline {
	struct align_timeline_record *records; /* sorted by id (after finish) */
	size_t n;
	/* Private. */
	size_t alloc_;
	struct align_idmap index_; /* id -> index into records */
	int finished_;
	struct align_cache *cache_; /* or NULL */
	struct align_buf line_;     /* what the commit being read gave */
	/* Stopping early (align_timeline_stop_early). */
	int64_t stop_before_;
	const struct align_kind *stop_kind_;
	int stopping_;
	struct align_idmap need_; /* id -> index into need_done_ */
	char **need_ids_;
	unsigned char *need_done_;
	size_t nneed_, need_alloc_;
	size_t pending_; /* needed records not yet seen appear */
};

void align_timeline_init(struct align_timeline *t);

/*
 * A consumer for align_history_walk_many() (or, with its fn and payload,
 * align_history_walk()), so that a report reads history once. The walk's
 * folders decide which kinds are seen. Call align_timeline_finish() after
 * the walk.
 */
struct align_history_consumer align_timeline_consumer(struct align_timeline *t);

/*
 * Before align_timeline_consumer(): keeps what each commit did in the
 * advisory cache `name` (lib/cache.h) and takes what it knows from
 * there. The walk must be the same for every run with the same `name`
 * (the same folders read at each commit).
 */
void align_timeline_use_cache(struct align_timeline *t,
			      struct align_repo *repo, const char *name);

/*
 * Before align_timeline_consumer(): lets the walk stop before its end.
 * Once it has reached commits both committed and authored before
 * `before` (seconds), the consumer has had enough as soon as it has seen
 * appear (the version with no older one: its creation, or its arrival
 * in the walk's folders) every record named by align_timeline_need() and
 * every record of `kind` (may be NULL) with an event at or after
 * `before`. Those records' timelines are then whole, as the full walk
 * gives them, save what a record with the same id had before it was
 * created again (a deleted record's id used anew): that earlier life is
 * not read. Other records have only the events the walk reached, or
 * none. Walks rely on commit times as `git log --since` does: a commit
 * committed before `before` but authored after it, met past the stop,
 * is not read.
 */
void align_timeline_stop_early(struct align_timeline *t, int64_t before,
			       const struct align_kind *kind);

/* With align_timeline_stop_early(): record `id` needs its whole past. */
void align_timeline_need(struct align_timeline *t, const char *id);

/*
 * After the walk: puts each record's events oldest first, merges
 * repeated states, sorts the records by id and indexes them. Calling it
 * twice does nothing the second time.
 */
void align_timeline_finish(struct align_timeline *t);

/*
 * The whole timeline from one walk over every kind's folder from `rev`
 * (NULL: HEAD), finished. Warnings of the walk (unreadable versions, a
 * shallow end) go to `warnings`. Returns 0, or an ALIGN_* error with the
 * message on `repo`; release `out` in every case.
 */
int align_timeline_load(struct align_timeline *out, struct align_repo *repo,
			const char *rev, struct align_diags *warnings);

/* The record with id `id`, or NULL. Borrowed until release. */
const struct align_timeline_record *align_timeline_find(
	const struct align_timeline *t, const char *id);

/*
 * The event in which `r` last entered `state` at or before `until`
 * (seconds), or NULL when it never did. Borrowed from `r`.
 */
const struct align_timeline_event *align_timeline_entered(
	const struct align_timeline_record *r, const char *state,
	int64_t until);

/*
 * The time of align_timeline_entered(), or INT64_MIN when it never
 * entered `state` by then.
 */
int64_t align_timeline_entered_at(const struct align_timeline_record *r,
				  const char *state, int64_t until);

/* The last event at or before `until`: its state then. NULL before it
 * existed. */
const struct align_timeline_event *align_timeline_at(
	const struct align_timeline_record *r, int64_t until);

void align_timeline_release(struct align_timeline *t);

#endif
