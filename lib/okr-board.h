#ifndef ALIGN_OKR_BOARD_H
#define ALIGN_OKR_BOARD_H

#include <stdint.h>

#include "catalog.h"
#include "okr.h"

/*
 * The OKR status board of a period: every objective of the period scored
 * (align_okr_evaluate), rolled up with its children, and each key result
 * dated by its last check-in from history, as `align okr status` and the
 * reports show it. The arithmetic (roll-up, staleness) takes plain data,
 * so it can be used and tested without a repository.
 */

/* When a key result was last checked in, and whether that is too long ago. */
struct align_kr_freshness {
	int64_t last_change; /* author time; INT64_MIN when none was found */
	int64_t age_days;    /* whole days from it to `now`; -1 when none */
	int stale;
};

struct align_okr_row {
	struct align_okr_status st; /* owns st.krs */
	const char *title;          /* borrowed from the record */
	/*
	 * The weighted mean of its own key results' progress and of its
	 * children's rolled-up progress, each child counting with its weight.
	 */
	double rolled;
	/*
	 * The progress status shows for it: `rolled` in a tree and for a
	 * yearly objective (a year is measured by its quarters), else
	 * st.progress.
	 */
	double progress;
	struct align_kr_freshness *fresh; /* one per st.krs, owned */
};

struct align_okr_board_opts {
	const struct align_period *period; /* a quarter or a year */
	int tree;                  /* also objectives of a wider period */
	const char *rev;           /* read records at this commit; NULL: the
				      working tree */
	struct align_date today;   /* for the expected pace */
	int64_t now;               /* for staleness, seconds */
};

struct align_okr_board {
	struct align_okr_settings settings;
	/*
	 * The objectives shown: those whose quarter lies within the period
	 * (with `tree`, also those of a wider period), in the order of their
	 * files. rows[count..total) are other objectives of the same year,
	 * read only so that a yearly objective rolls up all its quarters.
	 */
	struct align_okr_row *rows;
	size_t count;
	size_t total;
	size_t alloc;
	struct align_catalog catalog; /* the records rows point into */
};

#define ALIGN_OKR_BOARD_INIT { { 0 }, NULL, 0, 0, 0, ALIGN_CATALOG_INIT }

/*
 * Loads the board: objectives from <okrs>/<period>/ and <okrs>/<year>/
 * (for a year or a tree, every quarter of the year too), or from commit
 * `opts->rev`; their scores and roll-ups; and their key results'
 * freshness from one history walk of the OKR folder back to the period's
 * start less the check-in cadence, with the advisory cache (lib/cache.h).
 * An objective file that cannot be read is left out, with its problems
 * (path, line) appended to `problems` as errors; warnings of the walk
 * (unreadable old versions, a shallow end) go to `warnings`. Returns 0,
 * ALIGN_ENOTFOUND for an unknown `rev`, or another ALIGN_* error with the
 * message on `repo`. Release `out` with align_okr_board_release() in every
 * case.
 */
int align_okr_board_load(struct align_okr_board *out, struct align_repo *repo,
			 const struct align_okr_board_opts *opts,
			 struct align_diags *problems,
			 struct align_diags *warnings);

void align_okr_board_release(struct align_okr_board *board);

/*
 * Sets `rolled` of each of rows[0..n) from st.id, st.parent, st.weight and
 * the key results' weight and progress: the weighted mean of its own key
 * results and of its children's rolled-up progress (children are the rows
 * whose parent is its id). 0 for a row with nothing to weigh; a cycle is
 * cut after 32 levels (check reports it).
 */
void align_okr_board_roll_up(struct align_okr_row *rows, size_t n);

/*
 * Fills `out` for a key result last checked in at `last_change` (INT64_MIN
 * when never): its age in whole days at `now`, and stale when it is older
 * than `cadence_days` or was never checked in.
 */
/*
 * 1 when the change from `old` (NULL: absent) to `new_` of an objective
 * checks in its key result `kr`: the key result's `current` changed, or
 * the key result (or its objective) appeared. What staleness counts.
 */
int align_okr_board_checked_in(const struct align_record *old,
			       const struct align_record *new_,
			       const char *kr);

void align_okr_board_freshness(struct align_kr_freshness *out,
			       int64_t last_change, int64_t now,
			       int cadence_days);

#endif
