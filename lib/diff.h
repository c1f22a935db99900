#ifndef ALIGN_DIFF_H
#define ALIGN_DIFF_H

#include "record.h"

/*
 * What changed between two versions of one record, field by field and
 * prose section by prose section. Used by the history engine, align log
 * and align diff.
 */

enum align_change_type {
	ALIGN_CHANGE_FIELD, /* a field was added, removed or changed */
	ALIGN_CHANGE_TITLE, /* the "# Title" line */
	ALIGN_CHANGE_PROSE, /* the text under a heading */
};

struct align_record_change {
	enum align_change_type type;
	const char *section; /* FIELD: section name */
	const char *sub;     /* FIELD: subsection, or NULL */
	const char *key;     /* FIELD: key; PROSE: heading text ("" before
				any heading) */
	const char *old_value; /* NULL when added */
	const char *new_value; /* NULL when removed */
};

struct align_record_diff {
	struct align_record_change *items;
	size_t count;
	size_t alloc;
};

#define ALIGN_RECORD_DIFF_INIT { NULL, 0, 0 }

/*
 * Compares `old` and `new_` (either may be NULL: everything added or
 * removed). Fields come in the new record's order, then removed ones;
 * prose sections by heading. Strings are borrowed from the records, which
 * must outlive `out`.
 */
void align_record_diff(struct align_record_diff *out,
		       const struct align_record *old,
		       const struct align_record *new_);

void align_record_diff_release(struct align_record_diff *diff);

/* The change of one field, or NULL. */
const struct align_record_change *align_record_diff_field(
	const struct align_record_diff *diff, const char *section,
	const char *sub, const char *key);

#endif
