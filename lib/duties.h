#ifndef ALIGN_DUTIES_H
#define ALIGN_DUTIES_H

#include "catalog.h"
#include "kind.h"
#include "people.h"

/*
 * What a person answers for or works on across every record kind: each
 * value of each person or persons field of every record (the kind
 * table's fields, so a kind added later is covered by its fields' types
 * and duty flags, align_field_duty()) that names the person, directly
 * or through a role they are a member of.
 */

struct align_duty_item {
	const struct align_entry *entry; /* borrowed from the catalog */
	const struct align_field *field; /* borrowed from the kind table */
	/* The subsection of a repeated part ("kr" key), or NULL. */
	const char *part;
	enum align_duty duty;
	/* The role the field names when it names the person through it. */
	const char *via;
	size_t line; /* of the field */
};

struct align_duties {
	struct align_duty_item *items; /* in catalog order, then field order */
	size_t count;
	size_t alloc;
};

#define ALIGN_DUTIES_INIT { NULL, 0, 0 }

/*
 * Appends to `out` every field of every parsed record of `catalog` that
 * names `handle` or a role of `people` that `handle` is a member of.
 * The items borrow from `catalog`, `people` and the kind table: they are
 * valid while those are. A field that names the person twice (directly
 * and through a role) counts once, directly.
 */
void align_duties_of(struct align_duties *out,
		     const struct align_catalog *catalog,
		     const struct align_people *people, const char *handle);

/* How many items have `duty`. */
size_t align_duties_count(const struct align_duties *duties,
			  enum align_duty duty);

void align_duties_release(struct align_duties *duties);

#endif
