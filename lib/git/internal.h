#ifndef ALIGN_GIT_INTERNAL_H
#define ALIGN_GIT_INTERNAL_H

/*
 * Private to lib/git/: what the parts of the libgit2 wrapper share. Only
 * files in this folder include it, and with it <git2.h>; the rest of
 * align sees lib/git.h.
 *
 *   repo.c      opening (ownership, safe.directory), HEAD, revisions
 *   lock.c      lock files: waiting, diagnosing, the index lock
 *   identity.c  author and committer as git forms them
 *   filter.c    clean and smudge filters (autocrlf, eol)
 *   commit.c    commits of given paths, index updates
 *   walk.c      the history walk, first-parent dates
 *   tree.c      records trees, tree-to-tree changes, blobs
 */

#include <git2.h>

#include "../git.h"

/*
 * libgit2's object cache is off (repo.c): it keeps every object a walk
 * reads, so memory grows with history. What a walk reads again is the
 * trees of the commit it compared last, along one path: a few trees, kept
 * here, each slot holding one reference.
 */
#define ALIGN_GIT_TREE_CACHE 16

struct align_git {
	git_repository *repo;
	char *workdir;
	char *gitdir;
	int index_lock; /* fd of <gitdir>/index.lock while align holds it */
	git_tree *trees[ALIGN_GIT_TREE_CACHE];
	size_t next_tree; /* the slot the next tree read replaces */
};

/* Initialises libgit2 once per process. */
void align_git__lib_init(void);

/*
 * Converts libgit2's last error into `err`, prefixed by `what`, and `code`
 * into an ALIGN_* code, which it returns.
 */
int align_git__fail(struct align_buf *err, int code, const char *what);

/* The reference a commit moves: HEAD's target, or HEAD when detached. */
int align_git__head_refname(struct align_git *git, struct align_buf *out,
			    struct align_buf *err);

/*
 * When lock file `lock` exists: its path and age in `err`, ALIGN_ELOCKED.
 * Otherwise 0.
 */
int align_git__lock_problem(const char *lock, struct align_buf *err);

/* Sleeps a jittered, growing while before retry number `attempt`. */
void align_git__backoff(int attempt);

/* The path of the index lock into `out` (cleared first). */
void align_git__index_lock_path(struct align_buf *out, struct align_git *git);

/*
 * The signature for `who` ("AUTHOR" or "COMMITTER") in git's order:
 * environment, configuration (of `git`, or the global one when NULL),
 * then EMAIL. Returns 0 or ALIGN_ERROR with a message.
 */
int align_git__make_signature(git_signature **out, struct align_git *git,
			      const char *who, struct align_buf *err);

/* Writes the blob git would store for `data` at `path` (clean filters). */
int align_git__make_blob(git_oid *out, struct align_git *git, const char *path,
			 const char *data, size_t len, struct align_buf *err);

/* Looks up commit `hex` (NULL or "": *out NULL, 0). */
int align_git__lookup_commit(git_commit **out, struct align_git *git,
			     const char *hex, struct align_buf *err);

/* Looks up tree `id` (NULL or "": *out NULL, 0). */
int align_git__lookup_tree(git_tree **out, struct align_git *git,
			   const char *id, struct align_buf *err);

/*
 * Looks up tree `id` through the few trees kept on `git`; free `*out` with
 * git_tree_free() as usual. Returns 0 or ALIGN_ERROR.
 */
int align_git__tree(git_tree **out, struct align_git *git, const git_oid *id,
		    struct align_buf *err);

/* The records-root tree of `commit` ("" when absent). */
int align_git__commit_records_tree(struct align_git *git,
				   const git_commit *commit, const char *prefix,
				   char out[ALIGN_OID_HEXSZ + 1],
				   struct align_buf *err);

/* Lets go of the trees kept on `git`. */
void align_git__trees_clear(struct align_git *git);

#endif
