#ifndef ALIGN_DIGEST_H
#define ALIGN_DIGEST_H

#include "catalog.h"
#include "events.h"
#include "people.h"
#include "util/date.h"

/*
 * The digest of one ISO week, the standup without the meeting: every
 * weekly update of the week with its lists, the blockers, the check-ins
 * and other changes (from one history walk), and who has not posted.
 * Assembly (align_digest_add_update, align_digest_group) works on plain
 * data; align_digest_load does the whole from a repository.
 */

struct align_digest_update {
	const struct align_record *record; /* borrowed */
	const char *person; /* its `person`, else its id; borrowed */
	/* Its "## Done", "## Next", "## Blockers" items, one per line. */
	struct align_buf items[3];
	/* The lines of its "## Notes" (align update -m), one per line. */
	struct align_buf notes;
};

struct align_digest {
	struct align_period week;
	struct align_digest_update *updates; /* in the order added */
	size_t nupdates;
	size_t alloc;
	/* What else happened in the week: every event but the updates',
	 * newest first (owned). */
	struct align_events events;
	/* Indexes into `events`: the check-ins, and everything else. */
	size_t *checkins;
	size_t ncheckins;
	size_t *changes;
	size_t nchanges;
	size_t nblockers; /* blocker items over every update */
	/* Roster handles with no update this week, in roster order
	 * (borrowed from the roster). */
	const char **missing;
	size_t nmissing;
};

/* Starts an empty digest of `week`. Release with align_digest_release(). */
void align_digest_init(struct align_digest *digest,
		       const struct align_period *week);

/*
 * Adds `record` (borrowed: it must outlive the digest) when it is a
 * weekly update of the digest's week, reading its lists. Returns 1 when
 * it was added, 0 when it is not such an update.
 */
int align_digest_add_update(struct align_digest *digest,
			    const struct align_record *record);

/*
 * Sorts the events into check-ins and other changes, counts the blockers,
 * and lists the people of `roster` (may be empty) who posted no update.
 * Call after the updates and events are in; calling it again recomputes.
 */
void align_digest_group(struct align_digest *digest,
			const struct align_people *roster);

/*
 * The whole digest of `week`: the updates of the week from `catalog`
 * (the working tree), one history walk over every kind's folder bounded
 * by the week's days (author time) for the events, and `roster` for who
 * has not posted. Warnings of the walk go to
 * `warnings`. Returns 0, or an ALIGN_* error with the message on `repo`.
 * `catalog` and `roster` must outlive the digest.
 */
int align_digest_load(struct align_digest *out, struct align_repo *repo,
		      const struct align_period *week,
		      const struct align_catalog *catalog,
		      const struct align_people *roster,
		      struct align_diags *warnings);

void align_digest_release(struct align_digest *digest);

#endif
