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
 *   values in sight, and `align check` fails until one is kept.
 * - A field removed on one side stays as the other side has it.
 * - The Markdown around the fields (title, sections, lists) takes the
 *   side that changed it; changed on both, git's union merge: lines both
 *   sides added are all kept, ours first, so growing lists take the
 *   union.
 *
 * `path` (relative, for the format) names the record. Appends the merged
 * record to `out` and returns 0, or 1 when it holds a `-theirs` conflict;
 * when a version (or the merge) does not parse as a record, it is git's
 * text merge instead: 0, or 1 with conflict markers. ALIGN_ERROR with
 * `err` when the merge could not be made.
 */
int align_merge_record(struct align_buf *out, const char *path,
		       const char *base, size_t blen, const char *ours,
		       size_t olen, const char *theirs, size_t tlen,
		       struct align_buf *err);

/* The suffix of a key that holds the other side's value of a conflict. */
#define ALIGN_MERGE_THEIRS "-theirs"

#endif
