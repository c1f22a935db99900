/*
 * Opening a repository (ownership, safe.directory), HEAD and revisions.
 */

#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/banned.h"

static int initialized;

/* Pack windows: their size, and how much may be mapped at once. */
#define ALIGN_GIT_WINDOW_BYTES (8u * 1024 * 1024)
#define ALIGN_GIT_MAPPED_BYTES (32u * 1024 * 1024)

void align_git__lib_init(void)
{
	if (!initialized) {
		git_libgit2_init();
		/*
		 * libgit2 hashes every object it reads to verify it; git does
		 * not, and on a history walk it doubles the cost. Integrity is
		 * git fsck's job.
		 */
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
		/*
		 * The object cache keeps every commit and tree a walk reads
		 * (up to 256 MB, and its index beyond that): memory would
		 * grow with history. A walk reads each commit once and keeps
		 * the few trees it reads again itself (tree.c).
		 */
		git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
		/*
		 * Pack files are mapped in windows, by default up to 8 GB of
		 * them: a walk touches most of a pack, and every page touched
		 * stays resident. A bounded map keeps memory flat as history
		 * grows; windows are re-mapped as the walk moves on.
		 */
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE,
				 (size_t)ALIGN_GIT_WINDOW_BYTES);
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT,
				 (size_t)ALIGN_GIT_MAPPED_BYTES);
		initialized = 1;
	}
}

/* Converts the last libgit2 error into `err`, prefixed by `what`. */
int align_git__fail(struct align_buf *err, int code, const char *what)
{
	const git_error *e = git_error_last();

	align_buf_clear(err);
	if (code == GIT_ENOTFOUND && e && e->klass == GIT_ERROR_ODB) {
		/* An object a tree or commit names is not there. */
		align_buf_addf(err, "repository is corrupt: %s: %s (run 'git "
				    "fsck')",
			       what, e->message ? e->message : "object missing");
		return ALIGN_ECORRUPT;
	}
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

	align_git__lib_init();
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
		return align_git__fail(err, code, "cannot open repository");
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

	align_git__lib_init();
	*out = NULL;
	code = git_repository_init(&repo, dir, 0);
	if (code < 0) {
		return align_git__fail(err, code, "cannot create repository");
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
	align_git__trees_clear(git);
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

int align_git_config_set(struct align_git *git, const char *name,
			 const char *value, struct align_buf *err)
{
	git_config *cfg = NULL, *local = NULL;
	int code;

	if ((code = git_repository_config(&cfg, git->repo)) < 0 ||
	    (code = git_config_open_level(&local, cfg,
					  GIT_CONFIG_LEVEL_LOCAL)) < 0 ||
	    (code = git_config_set_string(local, name, value)) < 0) {
		code = align_git__fail(err, code, "cannot set git config");
	}
	git_config_free(local);
	git_config_free(cfg);
	return code < 0 ? code : 0;
}

int align_git_is_shallow(struct align_git *git)
{
	return git_repository_is_shallow(git->repo) == 1;
}

const char *align_git_operation(struct align_git *git, const char **how)
{
	switch (git_repository_state(git->repo)) {
	case GIT_REPOSITORY_STATE_MERGE:
		*how = "conclude it with 'git commit' or abandon it with "
		       "'git merge --abort'";
		return "a merge";
	case GIT_REPOSITORY_STATE_REBASE:
	case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
	case GIT_REPOSITORY_STATE_REBASE_MERGE:
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
		*how = "finish it with 'git rebase --continue' or abandon it "
		       "with 'git rebase --abort'";
		return "a rebase";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
		*how = "finish it with 'git am --continue' or abandon it with "
		       "'git am --abort'";
		return "a 'git am'";
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		*how = "finish it with 'git cherry-pick --continue' or abandon "
		       "it with 'git cherry-pick --abort'";
		return "a cherry-pick";
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		*how = "finish it with 'git revert --continue' or abandon it "
		       "with 'git revert --abort'";
		return "a revert";
	case GIT_REPOSITORY_STATE_BISECT:
		*how = "end it with 'git bisect reset'";
		return "a bisect";
	default:
		*how = NULL;
		return NULL;
	}
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
		return align_git__fail(err, code, "cannot read HEAD");
	}
	git_oid_tostr(out, ALIGN_OID_HEXSZ + 1, &id);
	return 0;
}

/* The reference a commit moves: HEAD's target, or HEAD when detached. */
int align_git__head_refname(struct align_git *git, struct align_buf *out,
			    struct align_buf *err)
{
	git_reference *head = NULL;
	int code = git_reference_lookup(&head, git->repo, "HEAD");

	if (code < 0) {
		return align_git__fail(err, code, "cannot read HEAD");
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
		return align_git__fail(err, code, "cannot resolve revision");
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
		return align_git__fail(err, code, "cannot read commit");
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
		return align_git__fail(err, code, "cannot read commit");
	}
	out->seconds = (int64_t)git_commit_time(commit);
	out->offset = git_commit_time_offset(commit);
	git_commit_free(commit);
	return 0;
}
