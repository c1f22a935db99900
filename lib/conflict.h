#ifndef ALIGN_CONFLICT_H
#define ALIGN_CONFLICT_H

#include <stddef.h>

#include "record.h"
#include "repo.h"
#include "util/diag.h"

/*
 * A record's unresolved merge conflicts, as `align check` names them:
 * git's conflict markers (a whole `<<<<<<<`, `=======`, `>>>>>>>` block,
 * with or without the `|||||||` base), and what the merge driver kept in
 * sight (`<key>-theirs`, `<key>-removed-theirs`, lib/merge.h). Each is
 * named with both sides' values and, while a merge is in progress, the
 * author of the last commit that changed the file on each side: HEAD
 * (ours) and MERGE_HEAD (theirs), as `git log -1 <side> -- <path>` says.
 * With no merge in progress the conflict was committed: who wrote which
 * side is not known, and the markers' labels are what is said.
 */

struct align_conflicts {
	struct align_repo *repo;
	int merging; /* -1 until asked; 1 when MERGE_HEAD is there */
	/* The lines of the markers last found, for align_conflicts_marker(). */
	size_t *marker_lines;
	size_t nmarker_lines;
	size_t marker_lines_alloc;
};

#define ALIGN_CONFLICTS_INIT(repo) { (repo), -1, NULL, 0, 0 }

/*
 * Appends to `out` one error for each conflict in the file `path` (its
 * `len` bytes, and `record` when it parsed, else NULL): markers at their
 * `<<<<<<<` line, the merge driver's fields at theirs. Returns the number
 * of conflicts found. The lines of the markers found are kept on
 * `conflicts` until the next call (align_conflicts_marker()).
 */
size_t align_conflicts_check(struct align_conflicts *conflicts,
			     const char *path, const char *bytes, size_t len,
			     const struct align_record *record,
			     struct align_diags *out);

/* 1 when `line` held a marker of the conflicts the last check found. */
int align_conflicts_marker(const struct align_conflicts *conflicts,
			   size_t line);

void align_conflicts_release(struct align_conflicts *conflicts);

#endif
