#ifndef ALIGN_PEOPLE_H
#define ALIGN_PEOPLE_H

#include "record.h"
#include "repo.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/idmap.h"

/*
 * The people roster: people.ini at the records root, one
 * [person "<handle>"] section each with name, email (one or more,
 * comma-separated), team, role (what the person does), backup (another
 * handle) and away (date ranges), and one [role "<name>"] section each
 * with members (handles, comma-separated). Handles and role names share
 * one namespace: a person field of a record may name either. Unknown
 * keys are kept and ignored.
 */

#define ALIGN_PEOPLE_FILE "people.ini"

struct align_person {
	const char *handle; /* borrowed from the roster's record */
	const char *name;
	const char *email; /* the raw list */
	const char *team;
	size_t line;
	const char *role;   /* what the person does, or NULL */
	const char *backup; /* another handle, or NULL */
	/*
	 * The raw list of date ranges the person is away:
	 * "2026-12-20..2027-01-04, 2027-02-01" (a single date is one day),
	 * or NULL.
	 */
	const char *away;
};

/* A [role "<name>"] section: a name that stands for several handles. */
struct align_role {
	const char *name;    /* borrowed from the roster's record */
	const char *members; /* the raw comma list of handles, or NULL */
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
	/* The [role "<name>"] sections, in file order, and by name. */
	struct align_role *roles;
	size_t nroles;
	size_t roles_alloc;
	struct align_idmap by_role;
};

#define ALIGN_PEOPLE_INIT                                                    \
	{ NULL, NULL, 0, 0, ALIGN_IDMAP_INIT, ALIGN_IDMAP_INIT, NULL, NULL, 0, \
	  0, ALIGN_IDMAP_INIT }

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

/* The role called `name`, or NULL. Borrowed until the roster is released. */
const struct align_role *align_people_role(const struct align_people *people,
					   const char *name);

/*
 * Appends each handle `name` stands for to `out`, one per line: a handle
 * itself, a role's members in the order written (trimmed, as written:
 * align_people_check() reports members that are not handles). Returns
 * how many it appended, 0 for a name that is neither a handle nor a role
 * (or a role without members).
 */
size_t align_people_expand(const struct align_people *people,
			   const char *name, struct align_buf *out);

/* 1 when `handle` is `name` or a member of the role `name`, else 0. */
int align_people_is(const struct align_people *people, const char *handle,
		    const char *name);

/*
 * 1 when `p` is away on `day`: `day` lies in one of the ranges of its
 * `away` list (inclusive; a single date is one day). Entries that do
 * not parse are ignored here (align_people_check() reports them).
 */
int align_person_away(const struct align_person *p,
		      const struct align_date *day);

/*
 * Calls `fn` for each entry of an away list ("2026-12-20..2027-01-04,
 * 2027-02-01"), trimmed: `from` and `to` (equal for a single date) and
 * `ok` 0 on success, -1 when the entry does not parse, -2 when it ends
 * before it starts (then `from`/`to` are as written). Returns how many
 * entries were bad.
 */
typedef void (*align_away_fn)(const char *entry, size_t len,
			      const struct align_date *from,
			      const struct align_date *to, int ok,
			      void *payload);
size_t align_away_each(const char *list, align_away_fn fn, void *payload);

/*
 * The members of a comma list (a role's members, a persons field), one
 * at a time: each call sets `*item`/`*len` to the next trimmed, non-empty
 * entry and advances `*list`; returns 0 at the end.
 */
int align_people_next(const char **list, const char **item, size_t *len);

/*
 * The handle or role name closest to `name`, for "did you mean": first
 * what `name` reads as with its look-alikes replaced by ASCII
 * (align_text_unconfuse) when that is a handle or a role, else the
 * closest by edit distance as align_people_closest() measures it, roles
 * included. NULL when none is close. Borrowed from the roster.
 */
const char *align_people_suggest(const struct align_people *people,
				 const char *name);

/*
 * When `name` holds a character that is not ASCII, appends to `out`
 * "'<name>' has CYRILLIC SMALL LETTER A (U+0430) at column 2", then
 * "; did you mean 'maya'?" when align_people_suggest() has an answer,
 * and returns 1; returns 0 and appends nothing for an ASCII name. The
 * caller puts what the name is in front ("handle", "owner").
 */
int align_people_lookalike(const struct align_people *people,
			   const char *name, struct align_buf *out);

/*
 * What `align people add` and `set` write: each key that is not NULL. In
 * align_people_set() an empty string removes an optional key (team,
 * role, backup, away); name and email cannot be removed.
 */
struct align_person_edit {
	const char *name;
	const char *email;
	const char *team;
	const char *role;
	const char *backup;
	const char *away;
};

/*
 * Adds [person "<handle>"] with the edit's keys at the end of the
 * roster, creating the roster when there is none, as a surgical edit of
 * people->record; then reloads `people` from the new bytes, which
 * people->record->bytes holds for the caller to write (its path is
 * ALIGN_PEOPLE_FILE). Returns 0; ALIGN_EINVALID for a handle that is not
 * 1-32 of [A-Za-z0-9_.@-] (a look-alike named by character and column),
 * no name, an email without '@', an away list that does not parse, or a
 * value that would not read back; ALIGN_EEXISTS when the handle is a
 * person or a role already or an email belongs to another person;
 * ALIGN_EREFUSED for a backup that is not another person of the roster.
 * The message is in `err`; on failure `people` is as it was.
 */
int align_people_add(struct align_people *people, struct align_repo *repo,
		     const char *handle, const struct align_person_edit *edit,
		     struct align_buf *err);

/*
 * Changes the keys of the person `handle` as align_people_add() writes
 * them, every other byte of the roster kept. Returns 0, ALIGN_ENOTFOUND
 * for a handle that is not in the roster (with the closest), or the
 * errors of align_people_add() for the values.
 */
int align_people_set(struct align_people *people, struct align_repo *repo,
		     const char *handle, const struct align_person_edit *edit,
		     struct align_buf *err);

/*
 * Checks the roster: names, emails, duplicates; roles (a role named like
 * a handle, members that are not handles, look-alike characters in
 * handles, role names and members); backups (exists, is not the person);
 * away ranges (parse, do not end before they start).
 */
void align_people_check(const struct align_people *people,
			struct align_diags *diags);

#endif
