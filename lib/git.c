#include "git.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fs.h"
#include "util/banned.h"

struct align_git {
	git_repository *repo;
	char *workdir;
	char *gitdir;
	int index_lock; /* fd of <gitdir>/index.lock while align holds it */
};

static int initialized;

static void lib_init(void)
{
	if (!initialized) {
		git_libgit2_init();
		/*
		 * libgit2 hashes every object it reads to verify it; git does
		 * not, and on a history walk it doubles the cost. Integrity is
		 * git fsck's job.
		 */
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
		initialized = 1;
	}
}

/* Converts the last libgit2 error into `err`, prefixed by `what`. */
static int git_fail(struct align_buf *err, int code, const char *what)
{
	const git_error *e = git_error_last();

	align_buf_clear(err);
	align_buf_adds(err, what);
	if (e && e->message) {
		align_buf_addf(err, ": %s", e->message);
	}
	switch (code) {
	case GIT_ENOTFOUND:
		return ALIGN_ENOTFOUND;
	case GIT_EEXISTS:
		return ALIGN_EEXISTS;
	case GIT_ELOCKED:
		return ALIGN_ELOCKED;
	case GIT_EMODIFIED:
		return ALIGN_ECONFLICT;
	default:
		return ALIGN_ERROR;
	}
}

static struct align_git *wrap(git_repository *repo)
{
	struct align_git *git = align_calloc(1, sizeof(*git));
	const char *wd = git_repository_workdir(repo);

	git->repo = repo;
	git->index_lock = -1;
	git->workdir = align_strdup(wd ? wd : "");
	git->gitdir = align_strdup(git_repository_path(repo));
	return git;
}

/* Does git's configuration trust every directory (safe.directory = *)? */
static int trusts_everything(void)
{
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *entry;
	int found = 0;

	if (git_config_open_default(&cfg) < 0) {
		return 0;
	}
	if (git_config_multivar_iterator_new(&it, cfg, "safe.directory",
					     NULL) == 0) {
		while (git_config_next(&entry, it) == 0) {
			if (!strcmp(entry->value, "*")) {
				found = 1;
			} else if (!*entry->value) {
				found = 0; /* an empty entry resets the list */
			}
		}
		git_config_iterator_free(it);
	}
	git_config_free(cfg);
	return found;
}

static int is_owner_error(int code)
{
	const git_error *e = git_error_last();

	if (code == GIT_EOWNER) {
		return 1;
	}
	/* libgit2 1.5.1 reports a missing safe.directory as not found. */
	return code == GIT_ENOTFOUND && e && e->message &&
	       strstr(e->message, "safe.directory");
}

int align_git_open(struct align_git **out, const char *dir,
		   struct align_buf *err)
{
	git_repository *repo = NULL;
	int code, owner;

	lib_init();
	*out = NULL;
	code = git_repository_open_ext(&repo, dir, 0, NULL);
	/* Decide before trusts_everything() replaces libgit2's last error. */
	owner = code < 0 && is_owner_error(code);
	if (owner && trusts_everything()) {
		git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
		code = git_repository_open_ext(&repo, dir, 0, NULL);
	}
	if (code < 0) {
		if (owner) {
			git_buf path = GIT_BUF_INIT;
			const char *shown = dir;

			if (git_repository_discover(&path, dir, 0, NULL) == 0) {
				shown = path.ptr;
			}
			align_buf_clear(err);
			align_buf_addf(err,
				       "repository at '%s' is owned by another "
				       "user; if you trust it, run 'git config "
				       "--global --add safe.directory <its "
				       "working tree>'",
				       shown);
			git_buf_dispose(&path);
			return ALIGN_ERROR;
		}
		if (code == GIT_ENOTFOUND) {
			align_buf_sets(err, "not a git repository (or any of "
					    "the parent directories)");
			return ALIGN_ENOTFOUND;
		}
		return git_fail(err, code, "cannot open repository");
	}
	if (git_repository_is_bare(repo)) {
		git_repository_free(repo);
		align_buf_sets(err, "bare repository: align needs a working "
				    "tree");
		return ALIGN_ERROR;
	}
	*out = wrap(repo);
	return 0;
}

int align_git_init(struct align_git **out, const char *dir,
		   struct align_buf *err)
{
	git_repository *repo = NULL;
	int code;

	lib_init();
	*out = NULL;
	code = git_repository_init(&repo, dir, 0);
	if (code < 0) {
		return git_fail(err, code, "cannot create repository");
	}
	*out = wrap(repo);
	return 0;
}

void align_git_free(struct align_git *git)
{
	if (!git) {
		return;
	}
	align_git_unlock_index(git);
	git_repository_free(git->repo);
	free(git->workdir);
	free(git->gitdir);
	free(git);
}

const char *align_git_workdir(const struct align_git *git)
{
	return git->workdir;
}

const char *align_git_gitdir(const struct align_git *git)
{
	return git->gitdir;
}

int align_git_is_shallow(struct align_git *git)
{
	return git_repository_is_shallow(git->repo) == 1;
}

int align_git_head(struct align_git *git, char out[ALIGN_OID_HEXSZ + 1],
		   struct align_buf *err)
{
	git_oid id;
	int code = git_reference_name_to_id(&id, git->repo, "HEAD");

	out[0] = '\0';
	if (code == GIT_ENOTFOUND || code == GIT_EUNBORNBRANCH) {
		return 0;
	}
	if (code < 0) {
		return git_fail(err, code, "cannot read HEAD");
	}
	git_oid_tostr(out, ALIGN_OID_HEXSZ + 1, &id);
	return 0;
}

/* The reference a commit moves: HEAD's target, or HEAD when detached. */
static int head_refname(struct align_git *git, struct align_buf *out,
			struct align_buf *err)
{
	git_reference *head = NULL;
	int code = git_reference_lookup(&head, git->repo, "HEAD");

	if (code < 0) {
		return git_fail(err, code, "cannot read HEAD");
	}
	align_buf_clear(out);
	if (git_reference_type(head) == GIT_REFERENCE_SYMBOLIC) {
		align_buf_adds(out, git_reference_symbolic_target(head));
	} else {
		align_buf_adds(out, "HEAD");
	}
	git_reference_free(head);
	return 0;
}

static int lock_problem(const char *lock, struct align_buf *err)
{
	struct stat st;

	if (lstat(lock, &st) < 0) {
		return 0;
	}
	align_buf_clear(err);
	align_buf_addf(err,
		       "'%s' exists (%lld seconds old): another git process "
		       "seems to be running; if none is, remove the file and "
		       "try again",
		       lock, (long long)(time(NULL) - st.st_mtime));
	return ALIGN_ELOCKED;
}

static void backoff(int attempt);

/*
 * Waits up to about a second for a lock file to go away (git holds its
 * locks only briefly); reports it with its age when it stays.
 */
static int wait_for_lock(const char *lock, struct align_buf *err)
{
	struct timespec start, now;
	int attempt = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (lock_problem(lock, err)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - start.tv_sec) * 1000 +
			    (now.tv_nsec - start.tv_nsec) / 1000000 >
		    1000) {
			return ALIGN_ELOCKED;
		}
		backoff(attempt++);
	}
	return 0;
}

int align_git_check_locks(struct align_git *git, struct align_buf *err)
{
	struct align_buf path = ALIGN_BUF_INIT, ref = ALIGN_BUF_INIT;
	int ret;

	align_path_join(&path, git->gitdir, "index.lock");
	ret = wait_for_lock(path.ptr, err);
	if (!ret && (ret = head_refname(git, &ref, err)) == 0) {
		align_buf_clear(&path);
		align_path_join(&path, git->gitdir, ref.ptr);
		align_buf_adds(&path, ".lock");
		ret = wait_for_lock(path.ptr, err);
	}
	align_buf_release(&path);
	align_buf_release(&ref);
	return ret;
}

/* git's order: environment, then configuration, then EMAIL for email. */
static int make_signature(git_signature **out, struct align_git *git,
			  const char *who, struct align_buf *err)
{
	char name_var[32], email_var[32], date_var[32];
	const char *name, *email, *date;
	git_config *cfg = NULL;
	git_buf cname = GIT_BUF_INIT, cemail = GIT_BUF_INIT;
	struct align_time when;
	int code, ret = 0;

	snprintf(name_var, sizeof(name_var), "GIT_%s_NAME", who);
	snprintf(email_var, sizeof(email_var), "GIT_%s_EMAIL", who);
	snprintf(date_var, sizeof(date_var), "GIT_%s_DATE", who);
	name = getenv(name_var);
	email = getenv(email_var);
	date = getenv(date_var);
	if ((git ? git_repository_config_snapshot(&cfg, git->repo)
		 : git_config_open_default(&cfg)) == 0) {
		if ((!name || !*name) &&
		    git_config_get_string_buf(&cname, cfg, "user.name") == 0) {
			name = cname.ptr;
		}
		if ((!email || !*email) &&
		    git_config_get_string_buf(&cemail, cfg, "user.email") == 0) {
			email = cemail.ptr;
		}
	}
	if (!email || !*email) {
		email = getenv("EMAIL");
	}
	if (!name || !*name || !email || !*email) {
		align_buf_sets(err, "identity unknown: set your name and email "
				    "with 'git config user.name \"Your Name\"' "
				    "and 'git config user.email you@example.com'");
		ret = ALIGN_ERROR;
		goto done;
	}
	if (date && *date) {
		if (align_time_parse(&when, date) < 0) {
			align_buf_clear(err);
			align_buf_addf(err, "invalid date in %s: '%s'", date_var,
				       date);
			ret = ALIGN_ERROR;
			goto done;
		}
		code = git_signature_new(out, name, email,
					 (git_time_t)when.seconds, when.offset);
	} else {
		code = git_signature_now(out, name, email);
	}
	if (code < 0) {
		ret = git_fail(err, code, "invalid identity");
	}
done:
	git_buf_dispose(&cname);
	git_buf_dispose(&cemail);
	git_config_free(cfg);
	return ret;
}

int align_git_author(struct align_git *git, struct align_buf *name,
		     struct align_buf *email, struct align_buf *err)
{
	git_signature *a = NULL;
	int ret = make_signature(&a, git, "AUTHOR", err);

	if (!ret) {
		align_buf_adds(name, a->name);
		align_buf_adds(email, a->email);
	}
	git_signature_free(a);
	return ret;
}

int align_git_check_identity(struct align_git *git, struct align_buf *err)
{
	git_signature *a = NULL, *c = NULL;
	int ret = make_signature(&a, git, "AUTHOR", err);

	if (!ret) {
		ret = make_signature(&c, git, "COMMITTER", err);
	}
	git_signature_free(a);
	git_signature_free(c);
	return ret;
}

/* Applies the filters git applies to `path` in direction `mode`. */
static int filter(struct align_buf *out, struct align_git *git,
		  const char *path, const char *data, size_t len,
		  git_filter_mode_t mode, struct align_buf *err)
{
	git_filter_list *filters = NULL;
	git_buf filtered = GIT_BUF_INIT;
	int code;

	code = git_filter_list_load(&filters, git->repo, NULL, path, mode,
				    GIT_FILTER_DEFAULT);
	if (code < 0) {
		return git_fail(err, code, "cannot load filters");
	}
	if (!filters) {
		align_buf_add(out, data, len);
		return 0;
	}
	code = git_filter_list_apply_to_buffer(&filtered, filters, data, len);
	git_filter_list_free(filters);
	if (code < 0) {
		git_buf_dispose(&filtered);
		return git_fail(err, code, "cannot filter file");
	}
	align_buf_add(out, filtered.ptr, filtered.size);
	git_buf_dispose(&filtered);
	return 0;
}

/* The blob git would store for `data` at `path` (clean filters). */
static int make_blob(git_oid *out, struct align_git *git, const char *path,
		     const char *data, size_t len, struct align_buf *err)
{
	struct align_buf clean = ALIGN_BUF_INIT;
	int code = filter(&clean, git, path, data, len, GIT_FILTER_TO_ODB, err);

	if (code == 0 && (code = git_blob_create_from_buffer(
				  out, git->repo, clean.ptr, clean.len)) < 0) {
		code = git_fail(err, code, "cannot write blob");
	}
	align_buf_release(&clean);
	return code;
}

int align_git_worktree_bytes(struct align_git *git, const char *path,
			     const char *data, size_t len,
			     struct align_buf *out, struct align_buf *err)
{
	struct align_buf clean = ALIGN_BUF_INIT;
	int code = filter(&clean, git, path, data, len, GIT_FILTER_TO_ODB, err);

	if (code == 0) {
		code = filter(out, git, path, clean.ptr, clean.len,
			      GIT_FILTER_TO_WORKTREE, err);
	}
	align_buf_release(&clean);
	return code;
}

/*
 * Writes a tree equal to `base` (NULL for empty) with `path` set to `blob`
 * (or removed when `blob` is NULL), rebuilding only the trees along it.
 */
static int tree_with(git_oid *out, struct align_git *git, git_tree *base,
		     const char *path, const git_oid *blob,
		     struct align_buf *err)
{
	git_treebuilder *tb = NULL;
	const char *slash = strchr(path, '/');
	int code;

	code = git_treebuilder_new(&tb, git->repo, base);
	if (code < 0) {
		return git_fail(err, code, "cannot build tree");
	}
	if (slash) {
		struct align_buf name = ALIGN_BUF_INIT;
		const git_tree_entry *entry;
		git_tree *sub = NULL;
		git_oid sub_id;

		align_buf_add(&name, path, (size_t)(slash - path));
		entry = base ? git_tree_entry_byname(base, name.ptr) : NULL;
		if (entry && git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
			code = git_tree_lookup(&sub, git->repo,
					       git_tree_entry_id(entry));
		}
		if (code >= 0) {
			code = tree_with(&sub_id, git, sub, slash + 1, blob, err);
		}
		git_tree_free(sub);
		if (code >= 0) {
			git_tree *built = NULL;
			int empty = 0;

			if (git_tree_lookup(&built, git->repo, &sub_id) == 0) {
				empty = git_tree_entrycount(built) == 0;
				git_tree_free(built);
			}
			if (empty) {
				code = git_treebuilder_get(tb, name.ptr)
					       ? git_treebuilder_remove(tb, name.ptr)
					       : 0;
			} else {
				code = git_treebuilder_insert(NULL, tb, name.ptr,
							      &sub_id,
							      GIT_FILEMODE_TREE);
			}
			if (code < 0) {
				code = git_fail(err, code, "cannot build tree");
			}
		}
		align_buf_release(&name);
	} else if (blob) {
		const git_tree_entry *old = git_treebuilder_get(tb, path);
		git_filemode_t mode = GIT_FILEMODE_BLOB;

		if (old && git_tree_entry_filemode(old) ==
				   GIT_FILEMODE_BLOB_EXECUTABLE) {
			mode = GIT_FILEMODE_BLOB_EXECUTABLE;
		}
		code = git_treebuilder_insert(NULL, tb, path, blob, mode);
		if (code < 0) {
			code = git_fail(err, code, "cannot build tree");
		}
	} else if (git_treebuilder_get(tb, path)) {
		code = git_treebuilder_remove(tb, path);
		if (code < 0) {
			code = git_fail(err, code, "cannot build tree");
		}
	}
	if (code >= 0) {
		code = git_treebuilder_write(out, tb);
		if (code < 0) {
			code = git_fail(err, code, "cannot write tree");
		}
	}
	git_treebuilder_free(tb);
	return code < 0 ? code : 0;
}

/* The blob id at `path` in commit `commit` (zero id when absent). */
static void blob_at(git_oid *out, git_commit *commit, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;

	memset(out, 0, sizeof(*out));
	if (!commit || git_commit_tree(&tree, commit) < 0) {
		return;
	}
	if (git_tree_entry_bypath(&entry, tree, path) == 0) {
		git_oid_cpy(out, git_tree_entry_id(entry));
		git_tree_entry_free(entry);
	}
	git_tree_free(tree);
}

static int lookup_commit(git_commit **out, struct align_git *git,
			 const char *hex, struct align_buf *err)
{
	git_oid id;
	int code;

	*out = NULL;
	if (!hex || !*hex) {
		return 0;
	}
	if ((code = git_oid_fromstr(&id, hex)) < 0 ||
	    (code = git_commit_lookup(out, git->repo, &id)) < 0) {
		return git_fail(err, code, "cannot read commit");
	}
	return 0;
}

static void backoff(int attempt)
{
	struct timespec ts;
	long ms = 1L << (attempt < 6 ? attempt : 6);

	ms += rand() % (ms + 1);
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	nanosleep(&ts, NULL);
}

int align_git_commit(struct align_git *git, const char *base,
		     const struct align_git_change *changes, size_t nchanges,
		     const char *message, char out_id[ALIGN_OID_HEXSZ + 1],
		     struct align_buf *err)
{
	git_signature *author = NULL, *committer = NULL;
	git_commit *base_commit = NULL, *parent = NULL;
	git_oid *blobs = NULL, *base_blobs = NULL;
	struct align_buf refname = ALIGN_BUF_INIT, reflog = ALIGN_BUF_INIT;
	struct timespec start, now;
	int ret, attempt = 0;

	if ((ret = make_signature(&author, git, "AUTHOR", err)) < 0 ||
	    (ret = make_signature(&committer, git, "COMMITTER", err)) < 0 ||
	    (ret = lookup_commit(&base_commit, git, base, err)) < 0) {
		goto done;
	}
	blobs = align_calloc(nchanges, sizeof(*blobs));
	base_blobs = align_calloc(nchanges, sizeof(*base_blobs));
	for (size_t i = 0; i < nchanges; i++) {
		blob_at(&base_blobs[i], base_commit, changes[i].path);
		if (changes[i].data &&
		    (ret = make_blob(&blobs[i], git, changes[i].path,
				     changes[i].data, changes[i].len, err)) < 0) {
			goto done;
		}
	}
	align_buf_adds(&reflog, "commit: ");
	align_buf_add(&reflog, message, strcspn(message, "\n"));
	clock_gettime(CLOCK_MONOTONIC, &start);
	srand((unsigned int)getpid() ^ (unsigned int)start.tv_nsec);

	for (;;) {
		char head[ALIGN_OID_HEXSZ + 1];
		git_tree *tree = NULL;
		git_oid tree_id, commit_id, parent_id;
		git_reference *ref = NULL;
		int code;

		git_commit_free(parent);
		parent = NULL;
		if ((ret = head_refname(git, &refname, err)) < 0 ||
		    (ret = align_git_head(git, head, err)) < 0 ||
		    (ret = lookup_commit(&parent, git, head, err)) < 0) {
			goto done;
		}
		/* Someone else's commit may have landed: is it ours to redo? */
		if (strcmp(head, base ? base : "")) {
			for (size_t i = 0; i < nchanges; i++) {
				git_oid now_blob;
				blob_at(&now_blob, parent, changes[i].path);
				if (!git_oid_equal(&now_blob, &base_blobs[i])) {
					align_buf_clear(err);
					align_buf_addf(err,
						       "'%s' was changed by another "
						       "commit meanwhile; run the "
						       "command again",
						       changes[i].path);
					ret = ALIGN_ECONFLICT;
					goto done;
				}
			}
		}
		if (parent && (code = git_commit_tree(&tree, parent)) < 0) {
			ret = git_fail(err, code, "cannot read tree");
			goto done;
		}
		for (size_t i = 0; i < nchanges; i++) {
			git_tree *next = NULL;

			ret = tree_with(&tree_id, git, tree, changes[i].path,
					changes[i].data ? &blobs[i] : NULL, err);
			git_tree_free(tree);
			tree = NULL;
			if (ret < 0) {
				goto done;
			}
			if ((code = git_tree_lookup(&next, git->repo, &tree_id)) <
			    0) {
				ret = git_fail(err, code, "cannot read tree");
				goto done;
			}
			tree = next;
		}
		if (!tree) {
			ret = tree_with(&tree_id, git, NULL, "", NULL, err);
			if (ret < 0 ||
			    (code = git_tree_lookup(&tree, git->repo, &tree_id)) <
				    0) {
				ret = ret < 0 ? ret
					      : git_fail(err, code,
							 "cannot read tree");
				goto done;
			}
		}
		code = git_commit_create(&commit_id, git->repo, NULL, author,
					 committer, NULL, message, tree,
					 parent ? 1 : 0,
					 (const git_commit **)&parent);
		git_tree_free(tree);
		if (code < 0) {
			ret = git_fail(err, code, "cannot create commit");
			goto done;
		}
		if (parent) {
			git_oid_cpy(&parent_id, git_commit_id(parent));
			code = git_reference_create_matching(
				&ref, git->repo, refname.ptr, &commit_id, 1,
				&parent_id, reflog.ptr);
		} else {
			code = git_reference_create(&ref, git->repo, refname.ptr,
						    &commit_id, 0, reflog.ptr);
		}
		git_reference_free(ref);
		if (code == 0) {
			if (out_id) {
				git_oid_tostr(out_id, ALIGN_OID_HEXSZ + 1,
					      &commit_id);
			}
			ret = 0;
			goto done;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((code != GIT_EMODIFIED && code != GIT_ELOCKED &&
		     code != GIT_EEXISTS) ||
		    (now.tv_sec - start.tv_sec) * 1000 +
				    (now.tv_nsec - start.tv_nsec) / 1000000 >
			    1000) {
			if (code == GIT_ELOCKED) {
				struct align_buf lock = ALIGN_BUF_INIT;
				align_path_join(&lock, git->gitdir, refname.ptr);
				align_buf_adds(&lock, ".lock");
				ret = lock_problem(lock.ptr, err);
				align_buf_release(&lock);
				if (ret) {
					goto done;
				}
			}
			ret = git_fail(err, code, "cannot update HEAD");
			goto done;
		}
		backoff(attempt++);
	}
done:
	git_commit_free(parent);
	git_commit_free(base_commit);
	git_signature_free(author);
	git_signature_free(committer);
	free(blobs);
	free(base_blobs);
	align_buf_release(&refname);
	align_buf_release(&reflog);
	return ret;
}

static void lock_path(struct align_buf *out, struct align_git *git)
{
	align_buf_clear(out);
	align_path_join(out, git->gitdir, "index.lock");
}

int align_git_lock_index(struct align_git *git, struct align_buf *err)
{
	struct align_buf path = ALIGN_BUF_INIT;
	struct timespec start, now;
	int attempt = 0, ret = 0;

	if (git->index_lock >= 0) {
		return 0;
	}
	lock_path(&path, git);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		git->index_lock = open(path.ptr, O_WRONLY | O_CREAT | O_EXCL |
							 O_CLOEXEC,
				       0666);
		if (git->index_lock >= 0) {
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (errno != EEXIST ||
		    (now.tv_sec - start.tv_sec) * 1000 +
				    (now.tv_nsec - start.tv_nsec) / 1000000 >
			    1000) {
			if (errno == EEXIST &&
			    (ret = lock_problem(path.ptr, err)) != 0) {
				break;
			}
			align_buf_clear(err);
			align_buf_addf(err, "cannot create '%s': %s", path.ptr,
				       strerror(errno));
			ret = ALIGN_ERROR;
			break;
		}
		backoff(attempt++);
	}
	align_buf_release(&path);
	return ret;
}

void align_git_unlock_index(struct align_git *git)
{
	struct align_buf path = ALIGN_BUF_INIT;

	if (git->index_lock < 0) {
		return;
	}
	close(git->index_lock);
	git->index_lock = -1;
	lock_path(&path, git);
	unlink(path.ptr);
	align_buf_release(&path);
}

/* Sets one index entry from the working-tree file's bytes and stat data. */
static int index_set(git_index *index, struct align_git *git, const char *path,
		     struct align_buf *err)
{
	struct align_buf full = ALIGN_BUF_INIT, data = ALIGN_BUF_INIT;
	git_index_entry entry;
	struct stat st;
	int code, ret = 0;

	align_path_join(&full, git->workdir, path);
	if (lstat(full.ptr, &st) < 0) {
		if ((code = git_index_remove_bypath(index, path)) < 0) {
			ret = git_fail(err, code, "cannot update the index");
		}
		goto done;
	}
	if (align_fs_read(&data, full.ptr, 0) < 0) {
		align_buf_clear(err);
		align_buf_addf(err, "cannot read '%s': %s", path,
			       strerror(errno));
		ret = ALIGN_ERROR;
		goto done;
	}
	memset(&entry, 0, sizeof(entry));
	if ((ret = make_blob(&entry.id, git, path, data.ptr, data.len, err)) <
	    0) {
		goto done;
	}
	entry.ctime.seconds = (int32_t)st.st_ctim.tv_sec;
	entry.ctime.nanoseconds = (uint32_t)st.st_ctim.tv_nsec;
	entry.mtime.seconds = (int32_t)st.st_mtim.tv_sec;
	entry.mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
	entry.dev = (uint32_t)st.st_dev;
	entry.ino = (uint32_t)st.st_ino;
	entry.mode = (st.st_mode & 0111) ? GIT_FILEMODE_BLOB_EXECUTABLE
					 : GIT_FILEMODE_BLOB;
	entry.uid = st.st_uid;
	entry.gid = st.st_gid;
	entry.file_size = (uint32_t)st.st_size;
	entry.path = path;
	if ((code = git_index_add(index, &entry)) < 0) {
		ret = git_fail(err, code, "cannot update the index");
	}
done:
	align_buf_release(&full);
	align_buf_release(&data);
	return ret;
}

/*
 * git's lock-file protocol, with align holding index.lock: the new index
 * is built in a private copy (libgit2 cannot write an index whose lock
 * someone holds, even align), renamed over index.lock, which is then
 * renamed to index.
 */
int align_git_index_update(struct align_git *git, const char *const *paths,
			   size_t npaths, struct align_buf *err)
{
	struct align_buf index_path = ALIGN_BUF_INIT, tmp = ALIGN_BUF_INIT;
	struct align_buf lock = ALIGN_BUF_INIT, data = ALIGN_BUF_INIT;
	struct align_buf tmpfile = ALIGN_BUF_INIT;
	git_index *index = NULL;
	int code, ret = 0;

	if ((ret = align_git_lock_index(git, err)) < 0) {
		return ret;
	}
	align_path_join(&index_path, git->gitdir, "index");
	align_path_join(&tmp, git->gitdir, "align-index");
	lock_path(&lock, git);
	ret = align_fs_read(&data, index_path.ptr, 0);
	if (ret == ALIGN_ENOTFOUND) {
		ret = 0; /* no index yet: start from an empty one */
	} else if (ret < 0) {
		align_buf_clear(err);
		align_buf_addf(err, "cannot read the index: %s", strerror(errno));
		goto done;
	}
	if (align_fs_write_temp(&tmpfile, tmp.ptr, data.ptr, data.len) < 0 ||
	    (data.len == 0 && unlink(tmpfile.ptr) < 0)) {
		align_buf_clear(err);
		align_buf_addf(err, "cannot copy the index: %s", strerror(errno));
		ret = ALIGN_ERROR;
		goto done;
	}
	if ((code = git_index_open(&index, tmpfile.ptr)) < 0) {
		ret = git_fail(err, code, "cannot read the index");
		goto done;
	}
	for (size_t i = 0; i < npaths && !ret; i++) {
		ret = index_set(index, git, paths[i], err);
	}
	if (!ret && (code = git_index_write(index)) < 0) {
		ret = git_fail(err, code, "cannot write the index");
	}
	if (!ret && (rename(tmpfile.ptr, lock.ptr) < 0 ||
		     rename(lock.ptr, index_path.ptr) < 0)) {
		align_buf_clear(err);
		align_buf_addf(err, "cannot write the index: %s",
			       strerror(errno));
		ret = ALIGN_ERROR;
	}
	if (!ret) {
		/* index.lock became the index: nothing left to unlink. */
		close(git->index_lock);
		git->index_lock = -1;
	}
done:
	git_index_free(index);
	if (tmpfile.len) {
		unlink(tmpfile.ptr);
	}
	align_git_unlock_index(git);
	align_buf_release(&index_path);
	align_buf_release(&tmp);
	align_buf_release(&lock);
	align_buf_release(&data);
	align_buf_release(&tmpfile);
	return ret;
}

int align_git_resolve(struct align_git *git, const char *rev,
		      char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err)
{
	git_object *obj = NULL;
	int code = git_revparse_single(&obj, git->repo, rev);

	if (code == 0) {
		git_object *commit = NULL;
		code = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
		if (code == 0) {
			git_oid_tostr(out, ALIGN_OID_HEXSZ + 1,
				      git_object_id(commit));
			git_object_free(commit);
		}
		git_object_free(obj);
	}
	if (code == GIT_ENOTFOUND || code == GIT_EAMBIGUOUS ||
	    code == GIT_EINVALIDSPEC || code == GIT_EPEEL) {
		align_buf_clear(err);
		align_buf_addf(err, "unknown revision '%s'", rev);
		return ALIGN_ENOTFOUND;
	}
	if (code < 0) {
		return git_fail(err, code, "cannot resolve revision");
	}
	return 0;
}

int align_git_first_parent(struct align_git *git, const char *id,
			   char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err)
{
	git_commit *commit = NULL;
	git_oid oid;
	int code;

	out[0] = '\0';
	if ((code = git_oid_fromstr(&oid, id)) < 0 ||
	    (code = git_commit_lookup(&commit, git->repo, &oid)) < 0) {
		return git_fail(err, code, "cannot read commit");
	}
	if (git_commit_parentcount(commit) > 0) {
		git_oid_tostr(out, ALIGN_OID_HEXSZ + 1,
			      git_commit_parent_id(commit, 0));
	}
	git_commit_free(commit);
	return 0;
}

int align_git_commit_time(struct align_git *git, const char *id,
			  struct align_time *out, struct align_buf *err)
{
	git_commit *commit = NULL;
	git_oid oid;
	int code;

	if ((code = git_oid_fromstr(&oid, id)) < 0 ||
	    (code = git_commit_lookup(&commit, git->repo, &oid)) < 0) {
		return git_fail(err, code, "cannot read commit");
	}
	out->seconds = (int64_t)git_commit_time(commit);
	out->offset = git_commit_time_offset(commit);
	git_commit_free(commit);
	return 0;
}

/* A commit waiting in the walk's queue. */
struct queued {
	git_oid id;
	int64_t time;
	size_t order; /* insertion order breaks ties: stable output */
};

/*
 * align walks history itself instead of through git_revwalk: libgit2 1.5
 * cannot walk a shallow clone (it fails on the missing parents), and align
 * must report from what is there. Newest commit time first, like git log.
 */
struct align_git_walk {
	struct align_git *git;
	char *prefix;
	struct queued *heap;
	size_t nheap;
	size_t heap_alloc;
	size_t inserted;
	git_oid *seen; /* open addressing; zero id marks a free slot */
	size_t seen_cap;
	size_t nseen;
	struct align_git_commit_info info;
	int truncated;
	int tree_known; /* info.records_tree is filled in */
};

static size_t oid_hash(const git_oid *id)
{
	size_t h;
	memcpy(&h, id->id, sizeof(h));
	return h;
}

static int oid_is_zero(const git_oid *id)
{
	static const git_oid zero;
	return !memcmp(id, &zero, sizeof(zero));
}

/* Adds `id` to the seen set; returns 0 when it was there already. */
static int seen_add(struct align_git_walk *w, const git_oid *id)
{
	size_t i;

	if ((w->nseen + 1) * 2 > w->seen_cap) {
		git_oid *old = w->seen;
		size_t old_cap = w->seen_cap;

		w->seen_cap = old_cap ? old_cap * 2 : 1024;
		w->seen = align_calloc(w->seen_cap, sizeof(*w->seen));
		w->nseen = 0;
		for (size_t k = 0; k < old_cap; k++) {
			if (!oid_is_zero(&old[k])) {
				seen_add(w, &old[k]);
			}
		}
		free(old);
	}
	for (i = oid_hash(id) & (w->seen_cap - 1);
	     !oid_is_zero(&w->seen[i]); i = (i + 1) & (w->seen_cap - 1)) {
		if (git_oid_equal(&w->seen[i], id)) {
			return 0;
		}
	}
	git_oid_cpy(&w->seen[i], id);
	w->nseen++;
	return 1;
}

static int queued_before(const struct queued *a, const struct queued *b)
{
	if (a->time != b->time) {
		return a->time > b->time;
	}
	return a->order < b->order;
}

static void heap_push(struct align_git_walk *w, const git_oid *id,
		      int64_t time)
{
	size_t i;

	ALIGN_ARRAY_GROW(w->heap, w->heap_alloc, w->nheap + 1);
	i = w->nheap++;
	git_oid_cpy(&w->heap[i].id, id);
	w->heap[i].time = time;
	w->heap[i].order = w->inserted++;
	while (i > 0 && queued_before(&w->heap[i], &w->heap[(i - 1) / 2])) {
		struct queued t = w->heap[i];
		w->heap[i] = w->heap[(i - 1) / 2];
		w->heap[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static struct queued heap_pop(struct align_git_walk *w)
{
	struct queued top = w->heap[0];
	size_t i = 0;

	w->heap[0] = w->heap[--w->nheap];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < w->nheap && queued_before(&w->heap[l], &w->heap[m])) {
			m = l;
		}
		if (r < w->nheap && queued_before(&w->heap[r], &w->heap[m])) {
			m = r;
		}
		if (m == i) {
			break;
		}
		{
			struct queued t = w->heap[i];
			w->heap[i] = w->heap[m];
			w->heap[m] = t;
		}
		i = m;
	}
	return top;
}

/* Queues a commit unless seen; a missing one marks the walk truncated. */
static int walk_queue(struct align_git_walk *w, const git_oid *id)
{
	git_commit *commit = NULL;

	if (!seen_add(w, id)) {
		return 0;
	}
	if (git_commit_lookup(&commit, w->git->repo, id) < 0) {
		w->truncated = 1;
		return 0;
	}
	heap_push(w, id, (int64_t)git_commit_time(commit));
	git_commit_free(commit);
	return 0;
}

static void info_clear(struct align_git_commit_info *info)
{
	free(info->author_name);
	free(info->author_email);
	free(info->summary);
	free(info->message);
	memset(info, 0, sizeof(*info));
}

/* The tree id at `prefix` inside `tree` ("" when absent). */
static void subtree_id(char out[ALIGN_OID_HEXSZ + 1], git_tree *tree,
		       const char *prefix)
{
	git_tree_entry *entry = NULL;
	struct align_buf path = ALIGN_BUF_INIT;

	out[0] = '\0';
	if (!*prefix) {
		git_oid_tostr(out, ALIGN_OID_HEXSZ + 1, git_tree_id(tree));
		return;
	}
	align_buf_adds(&path, prefix);
	while (path.len && path.ptr[path.len - 1] == '/') {
		align_buf_setlen(&path, path.len - 1);
	}
	if (git_tree_entry_bypath(&entry, tree, path.ptr) == 0) {
		if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
			git_oid_tostr(out, ALIGN_OID_HEXSZ + 1,
				      git_tree_entry_id(entry));
		}
		git_tree_entry_free(entry);
	}
	align_buf_release(&path);
}

int align_git_walk_new(struct align_git_walk **out, struct align_git *git,
		       const char *rev, const char *prefix,
		       struct align_buf *err)
{
	struct align_git_walk *w;
	char start[ALIGN_OID_HEXSZ + 1];
	git_oid id;
	int ret;

	*out = NULL;
	if (rev) {
		ret = align_git_resolve(git, rev, start, err);
	} else {
		ret = align_git_head(git, start, err);
		if (!ret && !*start) {
			align_buf_sets(err, "no commits yet");
			ret = ALIGN_ENOTFOUND;
		}
	}
	if (ret < 0) {
		return ret;
	}
	w = align_calloc(1, sizeof(*w));
	w->git = git;
	w->prefix = align_strdup(prefix);
	git_oid_fromstr(&id, start);
	walk_queue(w, &id);
	*out = w;
	return 0;
}

static void set_time(struct align_time *out, const git_time *t)
{
	out->seconds = (int64_t)t->time;
	out->offset = t->offset;
}

int align_git_walk_next(struct align_git_walk *w,
			const struct align_git_commit_info **out,
			struct align_buf *err)
{
	git_commit *commit = NULL;
	const git_signature *author;
	struct queued q;
	int code;

	*out = NULL;
	if (!w->nheap) {
		return 0;
	}
	q = heap_pop(w);
	if ((code = git_commit_lookup(&commit, w->git->repo, &q.id)) < 0) {
		return git_fail(err, code, "cannot read commit");
	}
	info_clear(&w->info);
	git_oid_tostr(w->info.id, sizeof(w->info.id), &q.id);
	w->info.nparents = git_commit_parentcount(commit);
	for (unsigned int i = 0; i < w->info.nparents; i++) {
		const git_oid *pid = git_commit_parent_id(commit, i);
		if (i < 4) {
			git_oid_tostr(w->info.parents[i],
				      sizeof(w->info.parents[i]), pid);
		}
		walk_queue(w, pid);
	}
	author = git_commit_author(commit);
	w->info.author_name = align_strdup(author->name);
	w->info.author_email = align_strdup(author->email);
	set_time(&w->info.author_time, &author->when);
	set_time(&w->info.commit_time, &git_commit_committer(commit)->when);
	w->info.summary = align_strdup(git_commit_summary(commit)
					       ? git_commit_summary(commit)
					       : "");
	w->info.message = align_strdup(git_commit_message(commit)
					       ? git_commit_message(commit)
					       : "");
	/* The tree is read only when asked for: cached commits never are. */
	w->info.records_tree[0] = '\0';
	w->tree_known = 0;
	git_commit_free(commit);
	*out = &w->info;
	return 1;
}

int align_git_walk_records_tree(struct align_git_walk *w, const char **out,
				struct align_buf *err)
{
	int ret = 0;

	if (!w->tree_known) {
		ret = align_git_records_tree(w->git, w->info.id, w->prefix,
					     w->info.records_tree, err);
		w->tree_known = ret == 0;
	}
	*out = w->info.records_tree;
	return ret;
}

int align_git_walk_truncated(const struct align_git_walk *walk)
{
	return walk->truncated;
}

void align_git_walk_free(struct align_git_walk *walk)
{
	if (!walk) {
		return;
	}
	info_clear(&walk->info);
	free(walk->heap);
	free(walk->seen);
	free(walk->prefix);
	free(walk);
}

int align_git_first_parent_at(struct align_git *git, const char *start,
			      int64_t when, char out[ALIGN_OID_HEXSZ + 1],
			      struct align_buf *err)
{
	git_commit *commit = NULL;
	git_oid id;
	int code;

	out[0] = '\0';
	if ((code = git_oid_fromstr(&id, start)) < 0 ||
	    (code = git_commit_lookup(&commit, git->repo, &id)) < 0) {
		return git_fail(err, code, "cannot read commit");
	}
	while (commit) {
		git_commit *parent = NULL;

		if ((int64_t)git_commit_time(commit) <= when) {
			git_oid_tostr(out, ALIGN_OID_HEXSZ + 1,
				      git_commit_id(commit));
			break;
		}
		if (git_commit_parentcount(commit) == 0 ||
		    git_commit_parent(&parent, commit, 0) < 0) {
			parent = NULL; /* the root, or a shallow boundary */
		}
		git_commit_free(commit);
		commit = parent;
	}
	git_commit_free(commit);
	return 0;
}

int align_git_records_tree(struct align_git *git, const char *commit_id,
			   const char *prefix,
			   char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_oid id;
	int code;

	out[0] = '\0';
	if ((code = git_oid_fromstr(&id, commit_id)) < 0 ||
	    (code = git_commit_lookup(&commit, git->repo, &id)) < 0 ||
	    (code = git_commit_tree(&tree, commit)) < 0) {
		git_commit_free(commit);
		if (code == GIT_ENOTFOUND) {
			/* A parent beyond a shallow boundary: unknown. */
			align_buf_clear(err);
			align_buf_addf(err, "commit %.12s is not in this clone",
				       commit_id);
			return ALIGN_ENOTFOUND;
		}
		return git_fail(err, code, "cannot read commit");
	}
	subtree_id(out, tree, prefix);
	git_tree_free(tree);
	git_commit_free(commit);
	return 0;
}

static int lookup_tree(git_tree **out, struct align_git *git, const char *id,
		       struct align_buf *err)
{
	git_oid oid;
	int code;

	*out = NULL;
	if (!id || !*id) {
		return 0;
	}
	if ((code = git_oid_fromstr(&oid, id)) < 0 ||
	    (code = git_tree_lookup(out, git->repo, &oid)) < 0) {
		return git_fail(err, code, "cannot read tree");
	}
	return 0;
}

struct tree_walk {
	struct align_git *git;
	int (*fn)(const struct align_git_delta *, void *);
	void *payload;
	struct align_buf *err;
	struct align_buf path;
};

static int emit(struct tree_walk *tw, const char *name, const git_oid *old,
		const git_oid *new_)
{
	char o[ALIGN_OID_HEXSZ + 1] = "", n[ALIGN_OID_HEXSZ + 1] = "";
	struct align_git_delta d;
	size_t len = tw->path.len;
	int ret;

	if (old) {
		git_oid_tostr(o, sizeof(o), old);
	}
	if (new_) {
		git_oid_tostr(n, sizeof(n), new_);
	}
	align_buf_adds(&tw->path, name);
	d.path = tw->path.ptr;
	d.old_id = o;
	d.new_id = n;
	ret = tw->fn(&d, tw->payload);
	align_buf_setlen(&tw->path, len);
	return ret;
}

static int diff_trees(struct tree_walk *tw, git_tree *a, git_tree *b);

/* Descends into the subtree pair named `name`; either may be missing. */
static int diff_entry_trees(struct tree_walk *tw, const char *name,
			    const git_tree_entry *ea, const git_tree_entry *eb)
{
	git_tree *ta = NULL, *tb = NULL;
	size_t len = tw->path.len;
	int ret = 0, code;

	if (ea && (code = git_tree_lookup(&ta, tw->git->repo,
					  git_tree_entry_id(ea))) < 0) {
		return git_fail(tw->err, code, "cannot read tree");
	}
	if (eb && (code = git_tree_lookup(&tb, tw->git->repo,
					  git_tree_entry_id(eb))) < 0) {
		git_tree_free(ta);
		return git_fail(tw->err, code, "cannot read tree");
	}
	align_buf_adds(&tw->path, name);
	align_buf_addch(&tw->path, '/');
	ret = diff_trees(tw, ta, tb);
	align_buf_setlen(&tw->path, len);
	git_tree_free(ta);
	git_tree_free(tb);
	return ret;
}

static int is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

static int is_blob(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB;
}

/* Merge-walks two sorted trees; equal ids are skipped without descent. */
static int diff_trees(struct tree_walk *tw, git_tree *a, git_tree *b)
{
	size_t na = a ? git_tree_entrycount(a) : 0;
	size_t nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0;
	int ret = 0;

	while (!ret && (i < na || j < nb)) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i)
						  : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j)
						  : NULL;
		int c;
		const char *name;

		if (ea && eb) {
			c = strcmp(git_tree_entry_name(ea),
				   git_tree_entry_name(eb));
		} else {
			c = ea ? -1 : 1;
		}
		if (c < 0) {
			eb = NULL;
			i++;
		} else if (c > 0) {
			ea = NULL;
			j++;
		} else {
			i++;
			j++;
			if (!git_oid_cmp(git_tree_entry_id(ea),
					 git_tree_entry_id(eb))) {
				continue;
			}
		}
		name = git_tree_entry_name(ea ? ea : eb);
		if (is_tree(ea) || is_tree(eb)) {
			ret = diff_entry_trees(tw, name, is_tree(ea) ? ea : NULL,
					       is_tree(eb) ? eb : NULL);
		}
		if (!ret && (is_blob(ea) || is_blob(eb))) {
			ret = emit(tw, name,
				   is_blob(ea) ? git_tree_entry_id(ea) : NULL,
				   is_blob(eb) ? git_tree_entry_id(eb) : NULL);
		}
	}
	return ret;
}

int align_git_tree_changes(struct align_git *git, const char *old_tree,
			   const char *new_tree,
			   int (*fn)(const struct align_git_delta *delta,
				     void *payload),
			   void *payload, struct align_buf *err)
{
	struct tree_walk tw = { git, fn, payload, err, ALIGN_BUF_INIT };
	git_tree *a = NULL, *b = NULL;
	int ret;

	if (!strcmp(old_tree, new_tree)) {
		return 0;
	}
	if ((ret = lookup_tree(&a, git, old_tree, err)) < 0 ||
	    (ret = lookup_tree(&b, git, new_tree, err)) < 0) {
		git_tree_free(a);
		return ret;
	}
	ret = diff_trees(&tw, a, b);
	git_tree_free(a);
	git_tree_free(b);
	align_buf_release(&tw.path);
	return ret;
}

int align_git_tree_files(struct align_git *git, const char *tree,
			 int (*fn)(const struct align_git_delta *delta,
				   void *payload),
			 void *payload, struct align_buf *err)
{
	return align_git_tree_changes(git, "", tree, fn, payload, err);
}

int align_git_tree_blob(struct align_git *git, const char *tree_id,
			const char *path, char out[ALIGN_OID_HEXSZ + 1],
			struct align_buf *err)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	int ret;

	out[0] = '\0';
	if ((ret = lookup_tree(&tree, git, tree_id, err)) < 0 || !tree) {
		return ret;
	}
	if (git_tree_entry_bypath(&entry, tree, path) == 0) {
		if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
			git_oid_tostr(out, ALIGN_OID_HEXSZ + 1,
				      git_tree_entry_id(entry));
		}
		git_tree_entry_free(entry);
	}
	git_tree_free(tree);
	return 0;
}

int align_git_blob(struct align_git *git, const char *id,
		   struct align_buf *out, struct align_buf *err)
{
	git_blob *blob = NULL;
	git_oid oid;
	int code;

	if ((code = git_oid_fromstr(&oid, id)) < 0 ||
	    (code = git_blob_lookup(&blob, git->repo, &oid)) < 0) {
		return git_fail(err, code, "cannot read blob");
	}
	align_buf_add(out, git_blob_rawcontent(blob),
		      (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return 0;
}
