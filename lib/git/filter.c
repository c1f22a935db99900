/*
 * The bytes git stores and checks out: clean and smudge filters.
 */

#include "internal.h"

#include "../util/error.h"
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
