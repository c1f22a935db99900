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
	/*
	 * Why the file was not read at all (ALIGN_NOT_REGULAR: a link, a
	 * FIFO, a device), or NULL. Static.
	 */
	const char *skipped;
	/*
	 * 1 when a sparse checkout left the file out of the working tree and
	 * the record was read from HEAD (align_catalog_add_outside()).
	 */
	int outside;
	/* Loaded at a commit: the file's blob id; "" from the working tree. */
	char blob[ALIGN_OID_HEXSZ + 1];
	int borrowed_; /* private: `record` belongs to another catalog */
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
 * For lib/ and its tests: align_catalog_load() reading with `nthreads`
 * threads (1 to ALIGN_CATALOG_THREADS_MAX) rather than as many as the
 * machine has cores for. The result is the same for any number.
 */
#define ALIGN_CATALOG_THREADS_MAX 2
int align_catalog__load_threads(struct align_catalog *out,
				struct align_repo *repo, int nthreads);

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

/*
 * Adds to a catalog of the working tree the records a sparse checkout
 * left out (index entries with the skip-worktree bit, below a kind's
 * folder, not in the catalog already), read from HEAD's blobs with the
 * record size limit and marked `outside`; what does not parse is kept as
 * an unreadable entry with its problems, as in the working tree. The
 * count added goes to `*added`. Returns 0 or ALIGN_ERROR (message on the
 * repository).
 */
int align_catalog_add_outside(struct align_catalog *catalog,
			      struct align_repo *repo, size_t *added);

/*
 * align_catalog_load_at() for commit `rev`, near `base`, a catalog loaded
 * at another commit (by either function): a file whose blob id is the
 * one `base` read at the same path is not read again, and its entry
 * borrows base's record. The result is the same as align_catalog_load_at()
 * would give; `base` must outlive `out` and stay unchanged. Errors as
 * align_catalog_load_at().
 */
int align_catalog_load_near(struct align_catalog *out,
			    struct align_repo *repo, const char *rev,
			    const struct align_catalog *base);

void align_catalog_release(struct align_catalog *catalog);

/*
 * Loads what align_catalog_find() needs to resolve `ref` among the records
 * of `kind` (all kinds when NULL), reading as few files as it can: a path
 * reads that one file; otherwise only the files whose name `ref` could
 * mean (align_catalog_match() on the file name) are read, and everything
 * is read when those do not decide (no match, or a record whose id is not
 * its file name). align_catalog_find() on the result answers as it would
 * on the whole catalog, with one exception: since ids are file names, a
 * record whose id was changed by hand away from its file name is found by
 * that id only when no file name matches `ref`. Errors as
 * align_catalog_load().
 */
int align_catalog_load_for(struct align_catalog *out, struct align_repo *repo,
			   const struct align_kind *kind, const char *ref);

/* How a reference matches an id, from weakest to closest. */
enum align_match {
	ALIGN_MATCH_NONE = 0,
	ALIGN_MATCH_WORDS,  /* a prefix of the words after the date part */
	ALIGN_MATCH_PREFIX, /* a prefix of the id */
	ALIGN_MATCH_EXACT,
};

/*
 * How `ref` matches `id`: exactly, as a prefix, or as a prefix of the
 * id's words after its date part starting at a word ("partner",
 * "partner-web" and "webinar" for 2026-11-partner-webinar). Returns an
 * enum align_match.
 */
int align_catalog_match(const char *id, const char *ref);

/*
 * The words of `id` after its date part: the leading dash-separated parts
 * that are numbers, or q or w and a number ("2026-11-", "2026-q4-",
 * "2026-w45-") are skipped. The whole id when it has none, the last part
 * when all are. Points into `id`.
 */
const char *align_catalog_id_words(const char *id);

/*
 * Finds the record the user means by `ref`: a path (relative to the
 * current directory), an exact id, a unique id prefix, or a unique match
 * on the words of the id after its date part (align_catalog_match); the
 * closest kind of match wins. With `kind` not NULL, only records of that
 * kind count. Returns 0 with `*out` set; ALIGN_ENOTFOUND, ALIGN_EINVALID
 * (ambiguous: the message lists the candidates; or the record does not
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
 * kind's first state, and each field with an initial value gets it. For
 * a numbered kind without vars->number, {number} is the number `id`
 * starts with, else align_catalog_next_serial(). The id must be free
 * across the repository. Returns 0 with `*out` owned by
 * the caller; ALIGN_EINVALID (bad title or id, broken template) or
 * ALIGN_EEXISTS with the message in `err`.
 */
int align_catalog_new_record(struct align_record **out,
			     const struct align_catalog *catalog,
			     struct align_repo *repo,
			     const struct align_kind *kind,
			     const struct align_kind_vars *vars, const char *id,
			     struct align_buf *err);

/*
 * The next number of a numbered kind (align_kind_serial()): one more than
 * the highest among the catalog's records of the kind (their serial
 * field, else the number their file name starts with) and the record
 * files in the kind's folder on every local branch and remote-tracking
 * branch (by file name), so that work on two branches takes the same
 * number only when neither has seen the other (align check then says
 * so). 1 when there is none. Returns the number, or ALIGN_ERROR with the
 * message on `repo`.
 */
long align_catalog_next_serial(const struct align_catalog *catalog,
			       struct align_repo *repo,
			       const struct align_kind *kind);

/* The kind whose folder holds `path` (relative to the root), or NULL. */
const struct align_kind *align_catalog_kind_of(struct align_repo *repo,
					       const char *path);

/* The entry whose record has id `id`, or NULL. */
const struct align_entry *align_catalog_by_id(
	const struct align_catalog *catalog, const char *id);

#endif
