#ifndef ALIGN_GIT_H
#define ALIGN_GIT_H

#include <stddef.h>

#include "util/buf.h"
#include "util/date.h"

/*
 * The only door to libgit2: opening repositories, identities, and commits
 * that touch only the paths given (like "git commit --only"). Every libgit2
 * error becomes an ALIGN_* code with a message in the caller's `err`.
 */

struct align_git;

#define ALIGN_OID_HEXSZ 40

/*
 * Opens the repository containing `dir`. Returns 0; ALIGN_ENOTFOUND when
 * `dir` is in no repository; ALIGN_ERROR with a message in `err` when the
 * repository is bare, owned by another user and not trusted through
 * safe.directory, or cannot be read. A safe.directory entry of "*" is
 * honoured (libgit2 1.5 itself ignores it).
 */
int align_git_open(struct align_git **out, const char *dir,
		   struct align_buf *err);

/* Creates a repository in `dir`, as "git init" does. */
int align_git_init(struct align_git **out, const char *dir,
		   struct align_buf *err);

void align_git_free(struct align_git *git);

/* Absolute path of the working tree, ending in '/'. Borrowed. */
const char *align_git_workdir(const struct align_git *git);
/* Absolute path of the git directory, ending in '/'. Borrowed. */
const char *align_git_gitdir(const struct align_git *git);

/*
 * Sets `name` to `value` in the repository's own configuration
 * (.git/config). Returns 0 or ALIGN_ERROR.
 */
int align_git_config_set(struct align_git *git, const char *name,
			 const char *value, struct align_buf *err);

/* 1 when the repository is a shallow clone. */
int align_git_is_shallow(struct align_git *git);

/*
 * The git operation in progress (a merge, rebase, cherry-pick, revert,
 * bisect or am, from the files git keeps in its directory) as a phrase
 * ("a merge") with the commands that end it ("conclude it with 'git
 * commit' or abandon it with 'git merge --abort'"), or NULL when none.
 * A commit made during one is lost or made with the wrong parents, so
 * align writes nothing then. Both strings are static.
 */
const char *align_git_operation(struct align_git *git, const char **how);

/*
 * Writes the id of the commit HEAD points at into `out` ("" when the
 * branch is unborn). Returns 0 or ALIGN_ERROR.
 */
int align_git_head(struct align_git *git, char out[ALIGN_OID_HEXSZ + 1],
		   struct align_buf *err);

/*
 * Checks that no lock file blocks a commit: the index lock and the lock
 * of the reference HEAD updates, each waited for up to about a second.
 * Returns 0, or ALIGN_ELOCKED with the lock's path and age and what to
 * do in `err`.
 */
int align_git_check_locks(struct align_git *git, struct align_buf *err);

/* One path to commit, relative to the working tree. */
struct align_git_change {
	const char *path;
	const char *data; /* working-tree bytes; NULL to delete */
	size_t len;
};

/*
 * Commits exactly `changes` on top of HEAD, whatever else the index or the
 * working tree holds. Blobs get the bytes git would store (the clean
 * filters: core.autocrlf, .gitattributes eol). The reference moves by
 * compare-and-swap; when another commit landed meanwhile, the commit is
 * rebuilt on it, unless that commit changed one of `changes`' paths since
 * `base` (the HEAD the caller read the records at; "" for unborn): then
 * ALIGN_ECONFLICT. Gives up after about a second of lock contention with
 * ALIGN_ELOCKED. Author and committer come from the environment and git
 * config as git takes them. The index is not touched: call
 * align_git_index_update() once the working tree holds the new files.
 * On success the new commit's id is in `out_id` (may be NULL).
 */
int align_git_commit(struct align_git *git, const char *base,
		     const struct align_git_change *changes, size_t nchanges,
		     const char *message, char out_id[ALIGN_OID_HEXSZ + 1],
		     struct align_buf *err);

/*
 * Takes the index lock (<gitdir>/index.lock) as git does, so that no other
 * git process reads or writes the index between align's commit and its
 * index update. A lock held by someone else is waited for up to about a
 * second; then ALIGN_ELOCKED with the lock's path and age in `err`.
 */
int align_git_lock_index(struct align_git *git, struct align_buf *err);

/* Gives the index lock back without changing the index. */
void align_git_unlock_index(struct align_git *git);

/*
 * Removes index.lock when align took it in a process that is gone (the
 * lock holds align's mark and that process id): a crash left it. Call
 * with align's writer lock held. Returns 1 when removed, else 0.
 */
int align_git_clear_dead_index_lock(struct align_git *git);

/*
 * Under the index lock: points the index entries of `paths` at what their
 * working-tree files hold now (removing entries whose file is gone),
 * leaving every other entry as it was, writes the index and releases the
 * lock. Returns 0 or ALIGN_ERROR (the lock is released either way).
 */
int align_git_index_update(struct align_git *git, const char *const *paths,
			   size_t npaths, struct align_buf *err);

/*
 * The bytes git would check out for `data` at `path`: the clean filters
 * then the smudge filters (core.autocrlf, .gitattributes eol), so a file
 * align writes looks as if git had checked it out. Appends to `out`.
 */
/*
 * The id of the blob git stores for `data` at `path` (relative to the
 * work tree; clean filters applied), written to the object database.
 * Returns 0 or ALIGN_ERROR.
 */
int align_git_blob_id(struct align_git *git, const char *path,
		      const char *data, size_t len,
		      char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err);

/*
 * The id of the blob the working-tree file at `path` (relative to the
 * work tree) would be stored as, writing nothing; "" when there is no
 * such regular file. Returns 0 or ALIGN_ERROR.
 */
int align_git_file_id(struct align_git *git, const char *path,
		      char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err);

/*
 * The paths (relative to the work tree, NUL-separated "a\0b\0") of the
 * index entries a sparse checkout keeps out of the working tree (the
 * skip-worktree bit), appended to `out`. Returns 0 or ALIGN_ERROR.
 */
int align_git_sparse_paths(struct align_git *git, struct align_buf *out,
			   struct align_buf *err);

/*
 * The blob id at `path` (relative to the work tree) in HEAD's tree; ""
 * when absent or when there is no commit yet. Returns 0 or ALIGN_ERROR.
 */
int align_git_head_blob(struct align_git *git, const char *path,
			char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err);

/*
 * Whether the clean filter git applies to `path` (relative to the work
 * tree) is one align can apply: libgit2 runs the built-in ones (eol,
 * ident) but not the commands of a `filter=<name>` attribute
 * (`filter.<name>.clean`, `.process`), so the blob align would store
 * would not be what `git add` stores. Returns 0 when align can write
 * the path, 1 with the reason in `err` when it cannot (such a command,
 * or a required filter that has none), or ALIGN_ERROR.
 */
int align_git_filter_problem(struct align_git *git, const char *path,
			     struct align_buf *err);

int align_git_worktree_bytes(struct align_git *git, const char *path,
			     const char *data, size_t len,
			     struct align_buf *out, struct align_buf *err);

/*
 * Resolves a revision ("HEAD", "main~3", an id prefix) to a commit id.
 * Returns 0, ALIGN_ENOTFOUND with a message in `err`, or ALIGN_ERROR.
 */
int align_git_resolve(struct align_git *git, const char *rev,
		      char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err);

/*
 * The first parent of commit `id` into `out` ("" for a root commit or a
 * shallow boundary). Returns 0 or ALIGN_ERROR.
 */
int align_git_first_parent(struct align_git *git, const char *id,
			   char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err);

/* The committer time of commit `id`. Returns 0 or ALIGN_ERROR. */
int align_git_commit_time(struct align_git *git, const char *id,
			  struct align_time *out, struct align_buf *err);

/* One commit as the history engine sees it. */
struct align_git_commit_info {
	char id[ALIGN_OID_HEXSZ + 1];
	size_t nparents;
	char parents[4][ALIGN_OID_HEXSZ + 1]; /* the first four */
	char *author_name;                    /* owned by the walk */
	char *author_email;
	struct align_time author_time;
	struct align_time commit_time;
	char *summary;
	char *message; /* the whole message */
	/* Filled by align_git_walk_records_tree(); use that. */
	char records_tree[ALIGN_OID_HEXSZ + 1];
};

struct align_git_walk;

/*
 * Walks the commits reachable from `rev` (NULL: HEAD), newest commit
 * time first, each once, as "git log" lists them. `prefix` is the records root
 * relative to the working tree ("" or "sub/"). Returns 0, ALIGN_ENOTFOUND
 * when HEAD is unborn, ALIGN_ERROR otherwise.
 */
int align_git_walk_new(struct align_git_walk **out, struct align_git *git,
		       const char *rev, const char *prefix,
		       struct align_buf *err);

/*
 * The next commit. Returns 1 with `*out` set (borrowed until the next
 * call), 0 at the end, or ALIGN_ERROR. Parents missing from the object
 * database (a shallow clone's boundary) are skipped and mark the walk
 * truncated.
 */
int align_git_walk_next(struct align_git_walk *walk,
			const struct align_git_commit_info **out,
			struct align_buf *err);

/*
 * The id of the records-root tree of the commit align_git_walk_next()
 * returned last ("" when absent), read on first use. Borrowed.
 */
int align_git_walk_records_tree(struct align_git_walk *walk,
				const char **out, struct align_buf *err);

/*
 * The records-root tree of parent `i` of the commit align_git_walk_next()
 * returned last ("" when absent), as align_git_records_tree() gives it,
 * from the commit the walk has queued when it has: read once.
 */
int align_git_walk_parent_tree(struct align_git_walk *walk, unsigned int i,
			       char out[ALIGN_OID_HEXSZ + 1],
			       struct align_buf *err);

/* 1 when the walk stopped at a missing parent (shallow history). */
int align_git_walk_truncated(const struct align_git_walk *walk);

/*
 * What a walk may take instead of reading a commit object: its parents
 * and times, as a cache kept them. `parents` holds all `nparents` ids,
 * allocated by the hook and freed by the walk.
 */
struct align_git_commit_header {
	size_t nparents;
	char (*parents)[ALIGN_OID_HEXSZ + 1];
	struct align_time author_time;
	struct align_time commit_time;
};

/*
 * Optional, before the first align_git_walk_next(): `get` is asked for
 * each commit the walk queues and returns 1 with `out` filled when it
 * knows its header, 0 to have the commit read. Such a commit comes out
 * of align_git_walk_next() with its id, parents and times only (author,
 * summary and message ""); its trees are still read on demand.
 */
void align_git_walk_use_headers(
	struct align_git_walk *walk,
	int (*get)(const char *id, struct align_git_commit_header *out,
		   void *payload),
	void *payload);

void align_git_walk_free(struct align_git_walk *walk);

/*
 * The first-parent line from commit `start`, one commit at a time. Each
 * commit is read as a raw object, its first parent and committer time
 * taken from the header, so a walk over a long history costs about what
 * `git rev-list --first-parent` does.
 */
struct align_git_line;

/* Starts at `start`. Returns 0 or ALIGN_ERROR (`start` unreadable). */
int align_git_line_new(struct align_git_line **out, struct align_git *git,
		       const char *start, struct align_buf *err);

/*
 * The next commit of the line: 1 with its id and committer time, 0 at the
 * end (the root, or a parent missing at a shallow clone's boundary), or
 * ALIGN_ERROR for an object that is not a commit.
 */
int align_git_line_next(struct align_git_line *line,
			char id[ALIGN_OID_HEXSZ + 1], int64_t *time,
			struct align_buf *err);

void align_git_line_free(struct align_git_line *line);

/* The records-root tree of commit `id` ("" when absent). */
int align_git_records_tree(struct align_git *git, const char *commit,
			   const char *prefix,
			   char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err);

/* A file that differs between two trees. */
struct align_git_delta {
	const char *path;   /* relative to the trees compared */
	const char *old_id; /* "" when added */
	const char *new_id; /* "" when deleted */
};

/*
 * Calls `fn` for each blob that differs between trees `old_tree` and
 * `new_tree` ("" for an empty tree), descending only into subtrees whose
 * ids differ; no rename detection. `fn` returning non-zero stops the walk
 * and is returned. Returns 0 or ALIGN_ERROR.
 */
int align_git_tree_changes(struct align_git *git, const char *old_tree,
			   const char *new_tree,
			   int (*fn)(const struct align_git_delta *delta,
				     void *payload),
			   void *payload, struct align_buf *err);

/*
 * align_git_tree_changes() descending only into the subtrees that are
 * one of the folders `within` (NULL-terminated paths relative to the
 * trees, no trailing '/'), inside one, or on the way to one; NULL for
 * all. Blobs of the levels it reads are all given, as
 * align_git_tree_changes() gives them: the caller keeps those it wants.
 */
int align_git_tree_changes_within(struct align_git *git, const char *old_tree,
				  const char *new_tree,
				  const char *const *within,
				  int (*fn)(const struct align_git_delta *delta,
					    void *payload),
				  void *payload, struct align_buf *err);

/*
 * Calls `fn` for each blob in tree `tree` (recursively), in path order,
 * with old_id "". Returns 0, `fn`'s non-zero value, or ALIGN_ERROR.
 */
int align_git_tree_files(struct align_git *git, const char *tree,
			 int (*fn)(const struct align_git_delta *delta,
				   void *payload),
			 void *payload, struct align_buf *err);

/*
 * The blob id at `path` inside tree `tree` into `out` ("" when there is
 * none). Returns 0 or ALIGN_ERROR.
 */
int align_git_tree_blob(struct align_git *git, const char *tree,
			const char *path, char out[ALIGN_OID_HEXSZ + 1],
			struct align_buf *err);

/*
 * Whether the file at `path` differs between trees `old_tree` and
 * `new_tree` ("" for an empty tree), read level by level: the first
 * directory whose ids agree on both sides answers, so an unchanged path
 * costs a few small tree reads, not a comparison of whole folders.
 * Returns 0 when the file is the same on both sides (or on neither), 1
 * when it differs, with its blob ids in `old_blob` and `new_blob` (""
 * where absent), or ALIGN_ERROR.
 */
int align_git_path_changed(struct align_git *git, const char *old_tree,
			   const char *new_tree, const char *path,
			   char old_blob[ALIGN_OID_HEXSZ + 1],
			   char new_blob[ALIGN_OID_HEXSZ + 1],
			   struct align_buf *err);

/*
 * Calls `fn` with each file below folder `folder` (relative to the work
 * tree: "<prefix><folder>"; the name relative to it, "0007-x.md") in the
 * tree of every local branch (refs/heads/) and remote-tracking branch
 * (refs/remotes/), with that reference's name; a folder tree several
 * branches share is read once, for the first of them. Tags, symbolic
 * references (origin/HEAD) and branches without the folder give
 * nothing. `fn` returning non-zero stops the listing and is returned.
 * Returns 0 or ALIGN_ERROR.
 */
int align_git_branch_files(struct align_git *git, const char *folder,
			   int (*fn)(const char *ref, const char *name,
				     void *payload),
			   void *payload, struct align_buf *err);

/* How align_git_merge_text() writes what both sides changed. */
enum align_git_merge_style {
	ALIGN_GIT_MERGE_MARKERS, /* git's conflict markers, "ours", "theirs" */
	ALIGN_GIT_MERGE_UNION,   /* both sides' lines, ours first */
	ALIGN_GIT_MERGE_DIFF3,   /* markers with the base between, "base" */
};

/*
 * git's three-way merge of text (as git merge-file): the result goes to
 * `out`, what both sides changed written in `style`. Returns 0 when it
 * merged cleanly, 1 when `out` holds conflict markers, or ALIGN_ERROR.
 */
int align_git_merge_text(struct align_buf *out, const char *base, size_t blen,
			 const char *ours, size_t olen, const char *theirs,
			 size_t tlen, enum align_git_merge_style style,
			 struct align_buf *err);

/* Appends the bytes of blob `id` to `out`. Returns 0 or ALIGN_ERROR. */
/*
 * align_git_blob() for a blob of at most `max` bytes: a larger one is not
 * read (its size comes from the object's header) and ALIGN_ETOOBIG is
 * returned with the size in `err`.
 */
int align_git_blob_capped(struct align_git *git, const char *id, size_t max,
			  struct align_buf *out, struct align_buf *err);

int align_git_blob(struct align_git *git, const char *id,
		   struct align_buf *out, struct align_buf *err);

/*
 * The author identity commits will carry (environment, then git config),
 * appended to `name` and `email`. Returns 0 or ALIGN_ERROR with a message.
 */
int align_git_author(struct align_git *git, struct align_buf *name,
		     struct align_buf *email, struct align_buf *err);

/*
 * Checks that author and committer identities can be formed; with `git`
 * NULL, from the environment and the global configuration only.
 */
int align_git_check_identity(struct align_git *git, struct align_buf *err);

#endif
