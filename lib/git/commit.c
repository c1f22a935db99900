/*
 * Commits of exactly the given paths, and index updates after them.
 */

#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../util/error.h"
#include "../util/fault.h"
#include "../util/fs.h"
#include "../util/banned.h"

/*
 * Refuses to write through or over what is not a plain folder or file in
 * git: a submodule (a gitlink), a symbolic link, a file where a folder is
 * needed. Writing a tree there would delete the submodule or the link
 * from the commit.
 */
static int not_ours(const git_tree_entry *entry, const char *full,
		    size_t len, int leaf, struct align_buf *err)
{
	git_filemode_t mode = git_tree_entry_filemode(entry);
	const char *what = NULL;

	if (mode == GIT_FILEMODE_COMMIT) {
		what = "a submodule";
	} else if (mode == GIT_FILEMODE_LINK) {
		what = "a symbolic link";
	} else if (!leaf && mode != GIT_FILEMODE_TREE) {
		what = "a file, not a folder";
	} else if (leaf && mode == GIT_FILEMODE_TREE) {
		what = "a folder";
	}
	if (!what) {
		return 0;
	}
	align_buf_clear(err);
	align_buf_addf(err, "cannot write '%s': '%.*s' is %s in git", full,
		       (int)len, full, what);
	return ALIGN_EREFUSED;
}

/*
 * Writes a tree equal to `base` (NULL for empty) with `path` set to `blob`
 * (or removed when `blob` is NULL), rebuilding only the trees along it.
 * `full` is the whole path, for messages.
 */
static int tree_with(git_oid *out, struct align_git *git, git_tree *base,
		     const char *path, const git_oid *blob, const char *full,
		     struct align_buf *err)
{
	git_treebuilder *tb = NULL;
	const char *slash = strchr(path, '/');
	int code;

	code = git_treebuilder_new(&tb, git->repo, base);
	if (code < 0) {
		return align_git__fail(err, code, "cannot build tree");
	}
	if (slash) {
		struct align_buf name = ALIGN_BUF_INIT;
		const git_tree_entry *entry;
		git_tree *sub = NULL;
		git_oid sub_id;

		align_buf_add(&name, path, (size_t)(slash - path));
		entry = base ? git_tree_entry_byname(base, name.ptr) : NULL;
		if (entry && (code = not_ours(entry, full,
					      (size_t)(slash - full), 0, err)) <
				     0) {
			align_buf_release(&name);
			git_treebuilder_free(tb);
			return code;
		}
		if (entry && git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
			code = git_tree_lookup(&sub, git->repo,
					       git_tree_entry_id(entry));
		}
		if (code >= 0) {
			code = tree_with(&sub_id, git, sub, slash + 1, blob,
					 full, err);
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
				code =
				    git_treebuilder_get(tb, name.ptr)
					? git_treebuilder_remove(tb, name.ptr)
					: 0;
			} else {
				code = git_treebuilder_insert(
				    NULL, tb, name.ptr, &sub_id,
				    GIT_FILEMODE_TREE);
			}
			if (code < 0) {
				code = align_git__fail(err, code,
						       "cannot build tree");
			}
		}
		align_buf_release(&name);
	} else if (blob) {
		const git_tree_entry *old = git_treebuilder_get(tb, path);
		git_filemode_t mode = GIT_FILEMODE_BLOB;

		if (old && (code = not_ours(old, full, strlen(full), 1, err)) <
			       0) {
			git_treebuilder_free(tb);
			return code;
		}
		if (old && git_tree_entry_filemode(old) ==
			       GIT_FILEMODE_BLOB_EXECUTABLE) {
			mode = GIT_FILEMODE_BLOB_EXECUTABLE;
		}
		code = git_treebuilder_insert(NULL, tb, path, blob, mode);
		if (code < 0) {
			code = align_git__fail(err, code, "cannot build tree");
		}
	} else if (git_treebuilder_get(tb, path)) {
		code = git_treebuilder_remove(tb, path);
		if (code < 0) {
			code = align_git__fail(err, code, "cannot build tree");
		}
	}
	if (code >= 0) {
		code = git_treebuilder_write(out, tb);
		if (code < 0) {
			code = align_git__fail(err, code, "cannot write tree");
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

int align_git__lookup_commit(git_commit **out, struct align_git *git,
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
		return align_git__fail(err, code, "cannot read commit");
	}
	return 0;
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

	if ((ret = align_git__make_signature(&author, git, "AUTHOR", err)) <
		0 ||
	    (ret = align_git__make_signature(&committer, git, "COMMITTER",
					     err)) < 0 ||
	    (ret = align_git__lookup_commit(&base_commit, git, base, err)) <
		0) {
		goto done;
	}
	blobs = align_calloc(nchanges, sizeof(*blobs));
	base_blobs = align_calloc(nchanges, sizeof(*base_blobs));
	for (size_t i = 0; i < nchanges; i++) {
		blob_at(&base_blobs[i], base_commit, changes[i].path);
		if (changes[i].data &&
		    (ret = align_git__make_blob(&blobs[i], git, changes[i].path,
						changes[i].data, changes[i].len,
						err)) < 0) {
			goto done;
		}
	}
	ALIGN_FAULT_POINT("after-blob");
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
		if ((ret = align_git__head_refname(git, &refname, err)) < 0 ||
		    (ret = align_git_head(git, head, err)) < 0 ||
		    (ret = align_git__lookup_commit(&parent, git, head, err)) <
			0) {
			goto done;
		}
		/* Someone else's commit may have landed: is it ours to redo? */
		if (strcmp(head, base ? base : "")) {
			for (size_t i = 0; i < nchanges; i++) {
				git_oid now_blob;
				blob_at(&now_blob, parent, changes[i].path);
				if (!git_oid_equal(&now_blob, &base_blobs[i])) {
					align_buf_clear(err);
					align_buf_addf(
					    err,
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
			ret = align_git__fail(err, code, "cannot read tree");
			goto done;
		}
		for (size_t i = 0; i < nchanges; i++) {
			git_tree *next = NULL;

			ret = tree_with(&tree_id, git, tree, changes[i].path,
					changes[i].data ? &blobs[i] : NULL,
					changes[i].path, err);
			git_tree_free(tree);
			tree = NULL;
			if (ret < 0) {
				goto done;
			}
			if ((code = git_tree_lookup(&next, git->repo,
						    &tree_id)) < 0) {
				ret = align_git__fail(err, code,
						      "cannot read tree");
				goto done;
			}
			tree = next;
		}
		if (!tree) {
			ret = tree_with(&tree_id, git, NULL, "", NULL, "", err);
			if (ret < 0 || (code = git_tree_lookup(&tree, git->repo,
							       &tree_id)) < 0) {
				ret = ret < 0
					  ? ret
					  : align_git__fail(err, code,
							    "cannot read tree");
				goto done;
			}
		}
		ALIGN_FAULT_POINT("after-tree");
		code = git_commit_create(&commit_id, git->repo, NULL, author,
					 committer, NULL, message, tree,
					 parent ? 1 : 0,
					 (const git_commit **)&parent);
		git_tree_free(tree);
		if (code < 0) {
			ret =
			    align_git__fail(err, code, "cannot create commit");
			goto done;
		}
		ALIGN_FAULT_POINT("after-commit-object");
		if (parent) {
			git_oid_cpy(&parent_id, git_commit_id(parent));
			code = git_reference_create_matching(
			    &ref, git->repo, refname.ptr, &commit_id, 1,
			    &parent_id, reflog.ptr);
		} else {
			code =
			    git_reference_create(&ref, git->repo, refname.ptr,
						 &commit_id, 0, reflog.ptr);
		}
		git_reference_free(ref);
		if (code == 0) {
			ALIGN_FAULT_POINT("after-ref");
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
				align_path_join(&lock, git->gitdir,
						refname.ptr);
				align_buf_adds(&lock, ".lock");
				ret = align_git__lock_problem(lock.ptr, err);
				align_buf_release(&lock);
				if (ret) {
					goto done;
				}
			}
			ret = align_git__fail(err, code, "cannot update HEAD");
			goto done;
		}
		align_git__backoff(attempt++);
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
			ret = align_git__fail(err, code,
					      "cannot update the index");
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
	if ((ret = align_git__make_blob(&entry.id, git, path, data.ptr,
					data.len, err)) < 0) {
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
	/* As git does: an entry's skip-worktree and assume-unchanged stay. */
	{
		const git_index_entry *old = git_index_get_bypath(index, path, 0);

		if (old) {
			entry.flags |= old->flags & GIT_INDEX_ENTRY_VALID;
			entry.flags_extended |= old->flags_extended &
						GIT_INDEX_ENTRY_SKIP_WORKTREE;
		}
	}
	if ((code = git_index_add(index, &entry)) < 0) {
		ret = align_git__fail(err, code, "cannot update the index");
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
	align_git__index_lock_path(&lock, git);
	ret = align_fs_read(&data, index_path.ptr, 0);
	if (ret == ALIGN_ENOTFOUND) {
		ret = 0; /* no index yet: start from an empty one */
	} else if (ret < 0) {
		align_buf_clear(err);
		align_buf_addf(err, "cannot read the index: %s",
			       strerror(errno));
		goto done;
	}
	if (align_fs_write_temp(&tmpfile, tmp.ptr, data.ptr, data.len) < 0 ||
	    (data.len == 0 && unlink(tmpfile.ptr) < 0)) {
		align_buf_clear(err);
		align_buf_addf(err, "cannot copy the index: %s",
			       strerror(errno));
		ret = ALIGN_ERROR;
		goto done;
	}
	if ((code = git_index_open(&index, tmpfile.ptr)) < 0) {
		ret = align_git__fail(err, code, "cannot read the index");
		goto done;
	}
	for (size_t i = 0; i < npaths && !ret; i++) {
		ret = index_set(index, git, paths[i], err);
	}
	if (!ret && (code = git_index_write(index)) < 0) {
		ret = align_git__fail(err, code, "cannot write the index");
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

int align_git_sparse_paths(struct align_git *git, struct align_buf *out,
			   struct align_buf *err)
{
	git_index *index = NULL;
	size_t n;
	int code;

	if ((code = git_repository_index(&index, git->repo)) < 0) {
		return align_git__fail(err, code, "cannot read the index");
	}
	n = git_index_entrycount(index);
	for (size_t i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);

		if (e && (e->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) &&
		    GIT_INDEX_ENTRY_STAGE(e) == 0) {
			align_buf_add(out, e->path, strlen(e->path) + 1);
		}
	}
	git_index_free(index);
	return 0;
}
