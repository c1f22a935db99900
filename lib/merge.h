#ifndef ALIGN_MERGE_H
#define ALIGN_MERGE_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Merges three versions of one record (git's merge driver), field by
 * field rather than line by line, so that changes to different fields of
 * one key result, or items added to one list by two people, merge:
 *
 * - A field changed (or added) on one side only takes that side's value;
 *   changed alike on both, that value.
 * - A field changed differently on both keeps ours and gains
 *   `<key>-theirs = <their value>` beside it: valid record syntax, both
 *   values in sight, and `align check` fails until one is kept. Removed
 *   here and changed there, it is the same with no `<key>` beside.
 * - A field removed on one side and left as it was on the other is
 *   removed. Removed there and changed here, ours is kept with an empty
 *   `<key>-removed-theirs` beside it, a conflict `align check` names.
 * - The Markdown around the fields (title, sections, lists) takes the
 *   side that changed it; changed on both, git's merge: where both sides
 *   only added lines (items added to one list) all are kept, ours first,
 *   so growing lists take the union; where both changed the same lines
 *   (a paragraph edited twice) git's conflict markers are left there,
 *   labelled "ours" and "theirs", which `align check` names.
 *
 * `path` (relative, for the format) names the record. Appends the merged
 * record to `out` and returns 0, or 1 when it holds a conflict (fields
 * or markers); when a version (or the merge) does not parse as a record,
 * it is git's text merge instead: 0, or 1 with conflict markers.
 * ALIGN_ERROR with `err` when the merge could not be made.
 */
int align_merge_record(struct align_buf *out, const char *path,
		       const char *base, size_t blen, const char *ours,
		       size_t olen, const char *theirs, size_t tlen,
		       struct align_buf *err);

/* The suffix of a key that holds the other side's value of a conflict. */
#define ALIGN_MERGE_THEIRS "-theirs"

/*
 * The suffix of an empty key beside a field ours changed and theirs
 * removed.
 */
#define ALIGN_MERGE_REMOVED_THEIRS "-removed-theirs"

#endif
