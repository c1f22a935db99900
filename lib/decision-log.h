#ifndef ALIGN_DECISION_LOG_H
#define ALIGN_DECISION_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "history.h"
#include "people.h"
#include "timeline.h"
#include "util/date.h"
#include "util/diag.h"

/*
 * The decision log across records and history: each decision's life
 * (who proposed, accepted, superseded it, when, with their notes), who
 * accepted it against who may (its deciders), which are due for
 * revisit, and renumbering a decision with every reference to it.
 */

/* One step of a decision's life, oldest first. */
struct align_decision_step {
	const struct align_timeline_event *event; /* borrowed */
	const char *id;   /* the id it had then (borrowed) */
	int renumbered;   /* its number changed here (a new id) */
	const char *who;  /* roster handle, else the author name (borrowed) */
};

struct align_decision_life {
	struct align_decision_step *steps;
	size_t n;
	size_t alloc;
};

/*
 * The life of `decision` from a finished timeline: the events of each
 * id it had (its `renumbered-from` ids, oldest first, then its own), a
 * step marked `renumbered` where a new id begins. Borrows from
 * `timeline`, `decision` and `people` (may be NULL); release with
 * align_decision_life_release().
 */
void align_decision_life(struct align_decision_life *out,
			 const struct align_timeline *timeline,
			 const struct align_record *decision,
			 const struct align_people *people);

void align_decision_life_release(struct align_decision_life *life);

/*
 * The commits that moved a decision to accepted from another state, with
 * the deciders the version before named (who might accept it then),
 * gathered by a consumer of a history walk over the decisions' folder.
 * A decision created already accepted (an import, a file written by
 * hand) has no such commit: history does not say who accepted it.
 */
struct align_decision_acceptance {
	char *id;
	char *deciders; /* before the commit; "" when none */
	char commit[ALIGN_OID_HEXSZ + 1];
	char *author;
	char *email;
	int64_t when;
};

struct align_decision_rights {
	struct align_decision_acceptance *items; /* newest first */
	size_t n;
	size_t alloc;
	struct align_idmap first_; /* id -> newest item of that id */
	size_t *next_;             /* chains of older items */
	size_t next_alloc_;
};

void align_decision_rights_init(struct align_decision_rights *r);

/* The consumer for align_history_walk_many() (or its fn and payload). */
struct align_history_consumer align_decision_rights_consumer(
	struct align_decision_rights *r);

/*
 * A warning for each acceptance of a decision of `catalog` (also under
 * its old ids) made by an author who is not among the deciders named
 * just before it: at the record's status line, naming the commit and
 * the author (their roster handle when their email is in `people`).
 */
void align_decision_rights_check(const struct align_decision_rights *r,
				 const struct align_catalog *catalog,
				 const struct align_people *people,
				 struct align_diags *out);

void align_decision_rights_release(struct align_decision_rights *r);

/*
 * 1 when decision `r` is accepted and its revisit date is `today` or
 * earlier (a revisit that does not parse is never due).
 */
int align_decision_revisit_due(const struct align_record *r,
			       const struct align_date *today);

/*
 * The change renumbering one decision makes: the decision at its new
 * path with its new id, number and `renumbered-from`, every other record
 * whose text named the old id (links "(0003-x.md)", supersedes, a
 * brief's field, prose) rewritten, and the old file to delete.
 */
struct align_decision_renumber {
	char *old_id;
	char *new_id;
	char *old_path;
	struct align_record **records; /* records[0] is the decision */
	size_t n;
	/* Records that name the old id but could not be read: left as
	 * they are, NUL-separated paths. */
	struct align_buf unreadable;
};

/*
 * Plans the renumbering of `decision` (an entry of `catalog`) to the
 * next free number (align_catalog_next_serial()): the old id is replaced
 * wherever it stands as a whole word (not inside a longer id) in any
 * record of the catalog, which must read back. Returns 0; ALIGN_EINVALID
 * with the message in `err` when a rewritten record would not parse; or
 * ALIGN_ERROR (repository).
 */
int align_decision_renumber(struct align_decision_renumber *out,
			    const struct align_catalog *catalog,
			    struct align_repo *repo,
			    const struct align_entry *decision,
			    struct align_buf *err);

void align_decision_renumber_release(struct align_decision_renumber *r);

/*
 * Replaces every whole-word occurrence of `old` in `text` (`len` bytes)
 * by `new_`, appending the result to `out`: a word is bounded by
 * anything but letters, digits, '-' and '_'. Returns how many.
 */
size_t align_decision_replace_id(struct align_buf *out, const char *text,
				 size_t len, const char *old,
				 const char *new_);

#endif
