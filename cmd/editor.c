/* Opening the user's editor, as git commit does. */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "record.h"
#include "util/fs.h"
#include "util/banned.h"

static const char *editor_command(void)
{
	const char *names[] = { "ALIGN_EDITOR", "VISUAL", "EDITOR" };

	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(names[i]);
		if (v && *v) {
			return v;
		}
	}
	return "vi";
}

int editor_wanted(void)
{
	const char *ci = getenv("CI");
	const char *term = getenv("TERM");

	if (ci && *ci && strcmp(ci, "false") && strcmp(ci, "0")) {
		return 0;
	}
	if (!isatty(0) || !isatty(1)) {
		return 0;
	}
	/* A dumb terminal cannot run vi; only an explicit editor will do. */
	if ((!term || !strcmp(term, "dumb")) && !getenv("ALIGN_EDITOR") &&
	    !getenv("VISUAL") && !getenv("EDITOR")) {
		return 0;
	}
	return 1;
}

int run_editor(const char *path)
{
	const char *editor = editor_command();
	struct align_buf script = ALIGN_BUF_INIT;
	pid_t pid;
	int st;

	/* As git does: the editor is a shell command line, the file "$@". */
	align_buf_addf(&script, "%s \"$@\"", editor);

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		align_buf_release(&script);
		error_msg("cannot start the editor: fork failed");
		return -1;
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", script.ptr, editor, path,
		      (char *)NULL);
		_exit(127);
	}
	align_buf_release(&script);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0) {
		error_msg("the editor '%s' failed; nothing was saved", editor);
		return -1;
	}
	return 0;
}

int edit_new_record(struct align_ctx *ctx, struct align_record **r,
		    const char *(*rule)(const struct align_record *edited))
{
	struct align_buf path = ALIGN_BUF_INIT, data = ALIGN_BUF_INIT;
	struct align_buf tmp = ALIGN_BUF_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_record *edited = NULL;
	const char *id, *problem;
	int ret = -1;

	align_path_join(&path, align_git_gitdir(align_repo_git(ctx->repo)),
			"ALIGN_EDIT.md");
	if (align_fs_write_temp(&tmp, path.ptr, (*r)->bytes.ptr,
				(*r)->bytes.len) < 0 ||
	    rename(tmp.ptr, path.ptr) < 0) {
		error_msg("cannot write '%s'", path.ptr);
		goto done;
	}
	if (run_editor(path.ptr) < 0) {
		unlink(path.ptr);
		goto done;
	}
	if (align_fs_read(&data, path.ptr, 0) < 0) {
		error_msg("cannot read '%s'", path.ptr);
		goto done;
	}
	if (align_record_parse(&edited, (*r)->path, data.ptr, data.len,
			       align_repo_limits(ctx->repo), &diags) < 0) {
		error_msg("%s:%zu: %s; nothing was saved (your text is in '%s')",
			  (*r)->path, diags.items[0].line,
			  diags.items[0].message, path.ptr);
		goto done;
	}
	id = align_record_id(edited);
	if (!id || strcmp(id, align_record_id(*r))) {
		error_msg("the id must stay '%s'; nothing was saved (your text "
			  "is in '%s')",
			  align_record_id(*r), path.ptr);
		goto done;
	}
	if (rule && (problem = rule(edited))) {
		error_msg("%s (your text is in '%s')", problem, path.ptr);
		goto done;
	}
	unlink(path.ptr);
	align_record_free(*r);
	*r = edited;
	edited = NULL;
	ret = 0;
done:
	align_record_free(edited);
	align_diags_clear(&diags);
	align_buf_release(&path);
	align_buf_release(&data);
	align_buf_release(&tmp);
	return ret;
}

