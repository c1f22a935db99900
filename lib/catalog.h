#ifndef ALIGN_CATALOG_H
#define ALIGN_CATALOG_H

#include "kind.h"
#include "record.h"
#include "repo.h"
#include "util/diag.h"

/*
 * Every record in the working tree: the .md and .ini files below each
 * kind's folder. Files that do not parse are kept (record NULL) with their
 * problems in `problems`, so that check reports them and commands refuse
 * to touch them. Other files (images, attachments) are not records.
 */

struct align_entry {
	char *path; /* relative to the records root */
	const struct align_kind *kind; /* of the folder it is in */
	struct align_record *record;   /* NULL when it did not parse */
};

struct align_catalog {
	struct align_entry *entries;
	size_t count;
	size_t alloc;
	struct align_diags problems;
};

#define ALIGN_CATALOG_INIT { NULL, 0, 0, ALIGN_DIAGS_INIT }

/*
 * Loads every record. Returns 0, or ALIGN_ERROR when a folder or file
 * cannot be read (message on the repository).
 */
int align_catalog_load(struct align_catalog *out, struct align_repo *repo);

/*
 * Loads only the records of `kind` found below `subfolders` of its folder
 * (NULL-terminated, e.g. "2026-Q4"; a missing one holds nothing), as
 * align_catalog_load does.
 */
int align_catalog_load_within(struct align_catalog *out,
			      struct align_repo *repo,
			      const struct align_kind *kind,
			      const char *const *subfolders);

/*
 * Loads every record as it was at commit `rev` (any revision git
 * understands), from git objects rather than the working tree. Versions
 * that do not parse are kept as unreadable entries, as in the working
 * tree. Returns 0, ALIGN_ENOTFOUND for an unknown revision, or an error
 * (message on the repository).
 */
int align_catalog_load_at(struct align_catalog *out, struct align_repo *repo,
			  const char *rev);

void align_catalog_release(struct align_catalog *catalog);

/*
 * Finds the record the user means by `ref`: a path (relative to the
 * current directory), an exact id, or a unique id prefix. With `kind`
 * not NULL, only records of that kind count. Returns 0 with `*out` set;
 * ALIGN_ENOTFOUND, ALIGN_EINVALID (ambiguous, or the record does not
 * parse) with the message in `err`.
 */
int align_catalog_find(const struct align_entry **out,
		       const struct align_catalog *catalog,
		       struct align_repo *repo, const struct align_kind *kind,
		       const char *ref, struct align_buf *err);

/*
 * Makes a new record of `kind` from its template, by the kind's id
 * scheme: the id is `id` or, when NULL, the kind's id pattern expanded
 * with `vars`; the path <folder>/[<subfolder>/]<id>.md with the subfolder
 * pattern expanded the same way. The title is vars->title, the status the
 * kind's first state, and each field with an initial value gets it. The
 * id must be free across the repository. Returns 0 with `*out` owned by
 * the caller; ALIGN_EINVALID (bad title or id, broken template) or
 * ALIGN_EEXISTS with the message in `err`.
 */
int align_catalog_new_record(struct align_record **out,
			     const struct align_catalog *catalog,
			     struct align_repo *repo,
			     const struct align_kind *kind,
			     const struct align_kind_vars *vars, const char *id,
			     struct align_buf *err);

/* The entry whose record has id `id`, or NULL. */
const struct align_entry *align_catalog_by_id(
	const struct align_catalog *catalog, const char *id);

#endif
