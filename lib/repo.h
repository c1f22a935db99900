#ifndef ALIGN_REPO_H
#define ALIGN_REPO_H

#include <stddef.h>

#include "git.h"
#include "record.h"
#include "util/buf.h"

/*
 * The records repository: the records root (the folder holding align.ini,
 * found by walking up from the current directory), its configuration, and
 * reading and committing files below it.
 *
 * Paths called "relative" here are relative to the records root and use
 * '/'. Everything that fails leaves a message for align_repo_error().
 */

#define ALIGN_CONFIG_FILE "align.ini"
#define ALIGN_FORMAT_VERSION "1"

struct align_repo;

/*
 * Finds the records root at or above `cwd` (absolute) inside a git working
 * tree and reads align.ini. Returns 0; ALIGN_ENOTFOUND when `cwd` is in no
 * git repository or no align.ini is found; ALIGN_EINVALID when align.ini
 * is malformed; ALIGN_ERROR otherwise. On failure `*out` is NULL and the
 * message is in `err`.
 */
int align_repo_open(struct align_repo **out, const char *cwd,
		    struct align_buf *err);

/*
 * Opens the repository for "align init" in `cwd`: the records root is
 * `cwd` itself, and a git repository is created there when `cwd` is in
 * none (after checking that commits can be made). Returns ALIGN_EEXISTS
 * when `cwd` holds align.ini already.
 */
int align_repo_open_for_init(struct align_repo **out, const char *cwd,
			     struct align_buf *err);

void align_repo_free(struct align_repo *repo);

/* Sets the repository's error message (for library modules above it). */
int align_repo__fail(struct align_repo *repo, int code, const char *message);

/* Message of the last failure. Borrowed until the next call. */
const char *align_repo_error(const struct align_repo *repo);

/* Absolute path of the records root, without trailing '/'. Borrowed. */
const char *align_repo_root(const struct align_repo *repo);

/* The records root relative to the working tree: "" or "sub/". */
const char *align_repo_prefix(const struct align_repo *repo);

/* The git repository. Borrowed. */
struct align_git *align_repo_git(struct align_repo *repo);

/*
 * A setting from align.ini, or `fallback` when unset. Borrowed until the
 * repository is freed.
 */
const char *align_repo_config(const struct align_repo *repo,
			      const char *section, const char *key,
			      const char *fallback);

/*
 * align.ini as a parsed record, for settings whose keys are the team's
 * own (the criteria of [filters]). Borrowed until the repository is
 * freed.
 */
const struct align_record *align_repo_settings(const struct align_repo *repo);

/* The line of that setting in align.ini, or 0 when it is absent. */
size_t align_repo_config_line(const struct align_repo *repo,
			      const char *section, const char *key);

/* The record limits align.ini sets (core.max-record-size). */
const struct align_record_limits *align_repo_limits(
	const struct align_repo *repo);

/*
 * Reads a plain file below the root into `out`, never through a link nor
 * waiting on a FIFO. Returns 0, ALIGN_ENOTFOUND, ALIGN_ETOOBIG (over the
 * record size limit), ALIGN_EINVALID (not a plain file) or ALIGN_ERROR.
 */
int align_repo_read(struct align_repo *repo, const char *path,
		    struct align_buf *out);

/*
 * What align says of a path that is a symbolic link, a FIFO, a device or
 * a socket: it reads and writes plain files only, never through a link
 * (git stores a link as the link, not as the file it points to) and never
 * a file that could block.
 */
#define ALIGN_NOT_REGULAR \
	"is not a plain file (a symbolic link, FIFO or device): skipped"

/* What align_repo__list_typed() says of each path. */
enum align_list_type {
	ALIGN_LIST_REGULAR = 1, /* a plain file */
	ALIGN_LIST_OTHER = 2,   /* a link, FIFO, device or socket */
};

/*
 * Lists the files below `folder` (relative), recursively, sorted, without
 * dot-files and dot-folders. Each path is appended to `out` NUL-separated
 * ("a\0b\0"). A missing folder lists nothing.
 */
int align_repo_list(struct align_repo *repo, const char *folder,
		    struct align_buf *out);

/*
 * For lib/ only: the pieces of align_repo_read() and align_repo_list()
 * that let several threads read records at once.
 *
 * align_repo__list_typed() lists as align_repo_list() does and appends to
 * `regular` one byte per path, an enum align_list_type: a plain file, or
 * something else (by readdir's d_type, else lstat). Neither listing
 * descends into a linked folder or into a folder holding a `.git` (a
 * submodule or another repository): its files are not this one's.
 *
 * align_repo__read_regular() reads a file as align_repo_read() does, but
 * only when it is a regular file (else it returns 1, reads nothing and
 * never waits on a FIFO), leaves the repository's message alone and puts
 * errno in `*out_errno`: safe to call from several threads at once.
 *
 * align_repo__read_failed() sets the message align_repo_read() would for
 * `ret` and `err` (an errno), and returns `ret`.
 */
int align_repo__list_typed(struct align_repo *repo, const char *folder,
			   struct align_buf *out, struct align_buf *regular);
int align_repo__read_regular(const struct align_repo *repo, const char *path,
			     struct align_buf *out, int *out_errno);
int align_repo__read_failed(struct align_repo *repo, const char *path,
			    int ret, int err);

/* 1 when `path` (relative) exists below the root. */
int align_repo_exists(struct align_repo *repo, const char *path);

/*
 * 1 when HEAD's tree holds a file at `path` (relative to the root), 0
 * when not, or an ALIGN_* error with the message on `repo`. A sparse
 * checkout leaves such a file out of the working tree: a new record must
 * not take its place.
 */
int align_repo_committed(struct align_repo *repo, const char *path);

/*
 * Turns a path the user typed (relative to the current directory, or
 * absolute) into a path relative to the root. Returns ALIGN_EINVALID when
 * it lies outside the root.
 */
int align_repo_path_from_user(struct align_repo *repo, const char *arg,
			      struct align_buf *out);

/* Appends `path` (relative to the root) as seen from the current dir. */
void align_repo_display_path(const struct align_repo *repo, const char *path,
			     struct align_buf *out);

/*
 * Prepares for writing: takes align's writer lock (so align processes on
 * this machine write one at a time), finishes or undoes a write that a
 * dead process left half done (the write journal), refuses while git has
 * a merge, rebase, cherry-pick, revert, bisect or am in progress
 * (ALIGN_EREFUSED), and remembers HEAD as the base every later commit is
 * checked against. Call before reading what will be edited.
 */
int align_repo_begin_write(struct align_repo *repo);

/*
 * The files align_repo_begin_write() put in place to finish a write that
 * a dead process left half done (comma separated), or NULL. Borrowed,
 * until the repository is freed.
 */
const char *align_repo_recovered(const struct align_repo *repo);

/*
 * 1 when a write was interrupted and is not finished yet (the write
 * journal is there): a reader then sees the working tree as it was
 * before the write; the next writing command (`align recover` is one that
 * does nothing else) finishes it.
 */
int align_repo_write_pending(const struct align_repo *repo);

/*
 * Sets git configuration `name` to `value` for this repository only
 * (.git/config: it is not shared by a clone). Returns 0 or ALIGN_ERROR
 * with the message on `repo`.
 */
int align_repo_set_git_config(struct align_repo *repo, const char *name,
			      const char *value);

struct align_change {
	const char *path; /* relative to the root */
	const char *data; /* NULL: the write deletes the file */
	size_t len;
};

/*
 * Writes the files (temporary file, then rename) with the bytes git would
 * check out, removes those whose data is NULL (after the commit), and, when `message` is not NULL, commits exactly these paths
 * as "git commit --only" would and updates their index entries, holding
 * the index lock from before the commit until the index is written. A
 * missing identity or a lock file left by another process refuses the
 * write before anything changes; when the commit fails the working tree
 * is left as it was. `out_id` (may be NULL) receives the commit id.
 */
int align_repo_write(struct align_repo *repo, const struct align_change *changes,
		     size_t nchanges, const char *message,
		     char out_id[ALIGN_OID_HEXSZ + 1]);

#endif
