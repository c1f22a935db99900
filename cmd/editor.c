/* Opening the user's editor, as git commit does. */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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
