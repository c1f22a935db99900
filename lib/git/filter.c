/*
 * The bytes git stores and checks out: clean and smudge filters.
 */

#include "internal.h"

#include <sys/stat.h>

#include "../util/error.h"
#include "../util/fs.h"
#include "../util/banned.h"

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
		return align_git__fail(err, code, "cannot load filters");
	}
	if (!filters) {
		align_buf_add(out, data, len);
		return 0;
	}
	code = git_filter_list_apply_to_buffer(&filtered, filters, data, len);
	git_filter_list_free(filters);
	if (code < 0) {
		git_buf_dispose(&filtered);
		return align_git__fail(err, code, "cannot filter file");
	}
	align_buf_add(out, filtered.ptr, filtered.size);
	git_buf_dispose(&filtered);
	return 0;
}

/* The blob git would store for `data` at `path` (clean filters). */
int align_git__make_blob(git_oid *out, struct align_git *git, const char *path,
			 const char *data, size_t len, struct align_buf *err)
{
	struct align_buf clean = ALIGN_BUF_INIT;
	int code = filter(&clean, git, path, data, len, GIT_FILTER_TO_ODB, err);

	if (code == 0 && (code = git_blob_create_from_buffer(
			      out, git->repo, clean.ptr, clean.len)) < 0) {
		code = align_git__fail(err, code, "cannot write blob");
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

int align_git_blob_id(struct align_git *git, const char *path,
		      const char *data, size_t len,
		      char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err)
{
	git_oid id;
	int ret = align_git__make_blob(&id, git, path, data, len, err);

	out[0] = '\0';
	if (ret == 0) {
		git_oid_tostr(out, ALIGN_OID_HEXSZ + 1, &id);
	}
	return ret;
}

int align_git_file_id(struct align_git *git, const char *path,
		      char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err)
{
	struct align_buf full = ALIGN_BUF_INIT;
	struct stat st;
	git_oid id;
	int code, ret = 0;

	out[0] = '\0';
	align_path_join(&full, git->workdir, path);
	if (lstat(full.ptr, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((code = git_repository_hashfile(&id, git->repo, full.ptr,
						    GIT_OBJECT_BLOB, path)) < 0) {
			ret = align_git__fail(err, code, "cannot read file");
		} else {
			git_oid_tostr(out, ALIGN_OID_HEXSZ + 1, &id);
		}
	}
	align_buf_release(&full);
	return ret;
}

int align_git_head_blob(struct align_git *git, const char *path,
			char out[ALIGN_OID_HEXSZ + 1], struct align_buf *err)
{
	char head[ALIGN_OID_HEXSZ + 1], tree[ALIGN_OID_HEXSZ + 1];
	int ret;

	out[0] = '\0';
	if ((ret = align_git_head(git, head, err)) < 0 || !*head ||
	    (ret = align_git_records_tree(git, head, "", tree, err)) < 0) {
		return ret;
	}
	return align_git_tree_blob(git, tree, path, out, err);
}

/* 1 when the configuration has `filter.<name>.<key>`. */
static int has_filter_key(git_config *cfg, const char *name, const char *key)
{
	git_buf value = GIT_BUF_INIT;
	struct align_buf var = ALIGN_BUF_INIT;
	int found;

	align_buf_addf(&var, "filter.%s.%s", name, key);
	found = git_config_get_string_buf(&value, cfg, var.ptr) == 0;
	git_buf_dispose(&value);
	align_buf_release(&var);
	return found;
}

int align_git_filter_problem(struct align_git *git, const char *path,
			     struct align_buf *err)
{
	git_config *cfg = NULL;
	const char *value = NULL;
	struct align_buf var = ALIGN_BUF_INIT;
	int code, required = 0, ret = 0;

	code = git_attr_get(&value, git->repo, GIT_ATTR_CHECK_FILE_THEN_INDEX,
			    path, "filter");
	if (code < 0) {
		return align_git__fail(err, code, "cannot read attributes");
	}
	if (GIT_ATTR_IS_UNSPECIFIED(value) || GIT_ATTR_IS_FALSE(value) ||
	    GIT_ATTR_IS_TRUE(value)) {
		return 0;
	}
	if ((code = git_repository_config_snapshot(&cfg, git->repo)) < 0) {
		return align_git__fail(err, code, "cannot read configuration");
	}
	align_buf_addf(&var, "filter.%s.required", value);
	if (git_config_get_bool(&required, cfg, var.ptr) < 0) {
		required = 0;
	}
	align_buf_clear(err);
	if (has_filter_key(cfg, value, "clean") ||
	    has_filter_key(cfg, value, "process")) {
		align_buf_addf(err,
			       "its attribute filter=%s runs a clean command "
			       "(filter.%s.clean or .process) that git applies "
			       "on 'git add' and align cannot, so the commit "
			       "would not hold what git stores; take the "
			       "records out of the filter ('<folder>/** "
			       "-filter' in .gitattributes)",
			       value, value);
		ret = 1;
	} else if (required) {
		align_buf_addf(err,
			       "its attribute filter=%s is required "
			       "(filter.%s.required) but has no clean command, "
			       "so git would refuse it too",
			       value, value);
		ret = 1;
	}
	git_config_free(cfg);
	align_buf_release(&var);
	return ret;
}
