#ifndef ALIGN_PEOPLE_H
#define ALIGN_PEOPLE_H

#include "record.h"
#include "repo.h"
#include "util/diag.h"
#include "util/idmap.h"

/*
 * The people roster: people.ini at the records root, one
 * [person "<handle>"] section each with name, email (one or more,
 * comma-separated) and team. Later work adds roles and backups; unknown
 * keys are kept and ignored.
 */

#define ALIGN_PEOPLE_FILE "people.ini"

struct align_person {
	const char *handle; /* borrowed from the roster's record */
	const char *name;
	const char *email; /* the raw list */
	const char *team;
	size_t line;
};

struct align_people {
	struct align_record *record; /* NULL when there is no roster */
	struct align_person *items;
	size_t count;
	size_t alloc;
	/*
	 * Handles and lowercased emails to items (the first person with an
	 * email), so that a lookup costs the same in a roster of 100,000 as
	 * in one of five; `emails` holds the lowercased keys.
	 */
	struct align_idmap by_handle;
	struct align_idmap by_email;
	char *emails;
};

#define ALIGN_PEOPLE_INIT                                                    \
	{ NULL, NULL, 0, 0, ALIGN_IDMAP_INIT, ALIGN_IDMAP_INIT, NULL }

/*
 * Reads people.ini from the working tree. A missing file is an empty
 * roster. Problems go to `diags`; returns ALIGN_EINVALID when the file
 * does not parse, ALIGN_ERROR when it cannot be read.
 */
int align_people_load(struct align_people *out, struct align_repo *repo,
		      struct align_diags *diags);

/*
 * align_people_load() reading people.ini as it was at commit `commit` (a
 * full id). A commit without the file is an empty roster. Returns 0,
 * ALIGN_EINVALID when the file does not parse or is too big (problems in
 * `diags`), or ALIGN_ERROR with the message on `repo`.
 */
int align_people_load_at(struct align_people *out, struct align_repo *repo,
			 const char *commit, struct align_diags *diags);

void align_people_release(struct align_people *people);

/* The person with this email (case-insensitive), or NULL. */
const struct align_person *align_people_by_email(
	const struct align_people *people, const char *email);

/* The person with this handle, or NULL. */
const struct align_person *align_people_by_handle(
	const struct align_people *people, const char *handle);

/*
 * The person whose handle is closest to `handle` (edit distance at most
 * a third of its length, at least 2), for "did you mean"; NULL when none
 * is close.
 */
const struct align_person *align_people_closest(
	const struct align_people *people, const char *handle);

/* Checks the roster: names, emails, duplicates. */
void align_people_check(const struct align_people *people,
			struct align_diags *diags);

#endif
