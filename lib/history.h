#ifndef ALIGN_HISTORY_H
#define ALIGN_HISTORY_H

#include <stdint.h>

#include "git.h"
#include "record.h"
#include "repo.h"
#include "util/diag.h"

/*
 * The history engine: every change to a record, read from git content,
 * newest first. One walk serves log, diff, okr history, digest and the
 * reports.
 *
 * How it stays cheap (TRAPS.md): commits are walked once; a commit whose
 * records-root tree equals its parent's is skipped; only subtrees whose
 * ids differ are descended; only changed blobs are read and parsed; no
 * whole-tree diff and no rename detection. A record's identity is the id
 * inside it, so a file moved in one commit is one change, not two.
 *
 * A merge commit contributes only what differs from every parent (what
 * the merge itself resolved), so changes made on a branch count once.
 * Dates are author dates, which survive rebase and amend.
 */

struct align_history_entry {
	const struct align_git_commit_info *commit;
	const char *path;     /* where the record is after the change */
	const char *old_path; /* where it was before (== path unless moved) */
	const struct align_record *old; /* NULL: absent or unreadable */
	const struct align_record *new_; /* NULL: deleted or unreadable */
	/*
	 * For a merge: the record in the other parents. A change counts only
	 * where `new_` differs from each of them too (git's combined diff).
	 */
	const struct align_record *const *others;
	size_t nothers;
};

struct align_history_opts {
	const char *rev;             /* where to start; NULL for HEAD */
	const char *const *folders;  /* record folders, NULL-terminated */
	int64_t since;               /* author time bounds, seconds; */
	int64_t until;               /* INT64_MIN / INT64_MAX for none */
	const char *id;              /* only this record, or NULL */
	/*
	 * With `id`: the record's path at `rev` (relative to the records
	 * root), or NULL. The walk then follows that one file back through
	 * its moves, reading only its blob ids at each commit, as
	 * `git log -- <path>` does, instead of every record each commit
	 * changed. A path absent at `rev` is ignored. Older records that
	 * carried the same id under another file name, before this one was
	 * created, are not followed.
	 */
	const char *path;
	/*
	 * Optional: a commit both authored and committed before
	 * `narrow_before` (seconds; INT64_MIN, the default, for none) is read
	 * only in `narrow_folders` (NULL-terminated, each one of `folders` or
	 * a folder inside one, relative to the records root), and its trees
	 * are compared only along the way to them. For a caller that needs
	 * every record's recent history but only some records' past: a long
	 * past then costs a few small tree reads per commit. A record moved
	 * into a narrow folder from outside one, in such a commit, looks
	 * created there.
	 */
	int64_t narrow_before;
	const char *const *narrow_folders;
	/*
	 * Optional, for consumers that cache per-commit results: `cached`
	 * is asked first for each commit and returns 1 when it knows the
	 * commit's result already (the commit is then skipped), 2 to stop
	 * the walk, 0 to have it read; `commit_done` is told after each
	 * commit that was read to its end. Both get the walk's payload.
	 */
	int (*cached)(const struct align_git_commit_info *commit,
		      void *payload);
	void (*commit_done)(const struct align_git_commit_info *commit,
			    void *payload);
	/*
	 * Optional, with `cached`: the name of an advisory cache
	 * (lib/cache.h) in which the walk keeps the parents and times of
	 * each commit that gave no entry, so that a later walk with the same
	 * options takes them from there instead of reading the commit. Such
	 * a commit reaches `cached` without its author and message (""):
	 * a consumer's cache knows it gave nothing. The name must change
	 * with anything that decides what a commit gives (folders,
	 * narrowing).
	 */
	const char *header_cache;
};

void align_history_opts_init(struct align_history_opts *opts);

/*
 * Calls `fn` for each change to a record, newest commit first and, within
 * a commit, in path order. A version that does not parse is skipped with
 * a warning naming the commit (appended to `warnings`); so is a shallow
 * history's end. `fn` returning non-zero stops the walk. Returns 0, the
 * non-zero value of `fn`, or an ALIGN_* error with the message on `repo`.
 */
int align_history_walk(struct align_repo *repo,
		       const struct align_history_opts *opts,
		       int (*fn)(const struct align_history_entry *entry,
				 void *payload),
		       void *payload, struct align_diags *warnings);

/*
 * One reader of a history walk: `fn` is called with `payload` for each
 * entry, as align_history_walk() calls its callback. A consumer whose `fn`
 * returns a positive value has seen enough and gets nothing more; a
 * negative value is an error that stops the walk.
 */
struct align_history_consumer {
	int (*fn)(const struct align_history_entry *entry, void *payload);
	void *payload;
	/*
	 * Optional, as align_history_opts.cached and .commit_done, for this
	 * consumer alone (NULL for none): a commit `cached` knows (1) is not
	 * given to `fn`; one every consumer knows is not read at all; 2 says
	 * the consumer has had enough. `commit_done` follows each commit read
	 * for it to its end without a warning (a commit whose versions gave
	 * warnings is read again next time, so that they are given again).
	 */
	int (*cached)(const struct align_git_commit_info *commit,
		      void *payload);
	void (*commit_done)(const struct align_git_commit_info *commit,
			    void *payload);
};

/*
 * One walk feeding `n` consumers, so that a report made of several views
 * of history reads it once: each consumer sees, in the same order, exactly
 * what a walk of its own with the same `opts` would show it. The walk
 * stops when every consumer has had enough. `opts->cached` and
 * `opts->commit_done` are per consumer by nature and must be NULL here
 * (ALIGN_EINVALID otherwise): each consumer has its own. Returns 0, a
 * consumer's negative value, or an ALIGN_* error with the message on
 * `repo`.
 */
int align_history_walk_many(struct align_repo *repo,
			    const struct align_history_opts *opts,
			    const struct align_history_consumer *consumers,
			    size_t n, struct align_diags *warnings);

/*
 * Reads every record as of commit `rev` into a new catalog-like list:
 * calls `fn` for each record file under `folders` at that commit, with
 * old NULL. Versions that do not parse are reported in `warnings`.
 */
int align_history_snapshot(struct align_repo *repo, const char *rev,
			   const char *const *folders,
			   int (*fn)(const struct align_history_entry *entry,
				     void *payload),
			   void *payload, struct align_diags *warnings);

/*
 * For lib/catalog.c: align_history_snapshot() for callers that keep what
 * they read. `fn` gets each record file under `folders` at `rev` that
 * parses, with its blob id, and owns `record` (free it with
 * align_record_free()). When `known` is not NULL and returns 1 for a
 * file's path and blob id, the file is not read and `fn` gets it with
 * `record` NULL. The commit's id and records tree go into `info` when it
 * is not NULL. Warnings and returns as align_history_snapshot().
 */
int align_history__snapshot_own(
	struct align_repo *repo, const char *rev, const char *const *folders,
	int (*known)(const char *path, const char *blob, void *payload),
	int (*fn)(const char *path, const char *blob,
		  struct align_record *record, void *payload),
	void *payload, struct align_git_commit_info *info,
	struct align_diags *warnings);

/*
 * Compares the records under `folders` at commit `from` ("" for nothing)
 * with those at commit `to` (both commit ids): calls `fn` for each record
 * whose file differs, first each version at `to` in path order (with its
 * old version, paired by id, or old NULL when added; a moved record has
 * old_path != path), then each record gone from `to` (new_ NULL). Only
 * subtrees and blobs whose ids differ are read, so unchanged records cost
 * nothing. A changed file that does not parse on one side is reported in
 * `warnings` (path, "does not parse on the old side" or "... new side")
 * and is neither a record nor "removed" there. entry->commit has `to`'s id
 * only. `fn` returning non-zero stops. Returns 0, `fn`'s value, or an
 * ALIGN_* error with the message on `repo`.
 */
int align_history_compare(struct align_repo *repo, const char *from,
			  const char *to, const char *const *folders,
			  int (*fn)(const struct align_history_entry *entry,
				    void *payload),
			  void *payload, struct align_diags *warnings);

/*
 * The last commit on HEAD's first-parent line whose commit date is at or
 * before `when` (seconds), into `out`; "" when there is none. Commit
 * dates, not author dates: when the change landed on the branch.
 */
int align_history_commit_at(struct align_repo *repo, int64_t when,
			    char out[ALIGN_OID_HEXSZ + 1]);

/*
 * align_history_commit_at(), and when no commit is found in a shallow
 * clone (the answer may lie beyond its boundary), the shallow-history
 * warning every history command gives, appended to `warnings` (may be
 * NULL).
 */
int align_history_commit_by(struct align_repo *repo, int64_t when,
			    char out[ALIGN_OID_HEXSZ + 1],
			    struct align_diags *warnings);

/*
 * align_history_commit_by() for `n` times in one walk: out[i] for
 * when[i] (the shallow-clone warning once, when any answer is missing).
 */
int align_history_commits_by(struct align_repo *repo, const int64_t *when,
			     size_t n, char (*out)[ALIGN_OID_HEXSZ + 1],
			     struct align_diags *warnings);

/*
 * The author of the newest commit reachable from `rev` ("HEAD",
 * "MERGE_HEAD") that changed the file at `path` (relative to the records
 * root), as `git log -1 <rev> -- <path>` names it: a merge counts when
 * the file differs from every parent's. Sets `name` and `email`. Returns
 * 0, ALIGN_ENOTFOUND when `rev` does not resolve or no commit changed
 * the file, or ALIGN_ERROR with the message on `repo`.
 */
int align_history_last_author(struct align_repo *repo, const char *rev,
			      const char *path, struct align_buf *name,
			      struct align_buf *email);

#endif
