/* align help [<command>]: the command list, or one command's usage. */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "options.h"
#include "util/banned.h"

/*
 * On a terminal, opens the man page align-<name> when one is installed
 * (as "git help" does). Returns 0 when the page was shown.
 */
static int open_man_page(const char *name)
{
	char page[64];
	pid_t pid;
	int st;

	if (!isatty(1)) {
		return -1;
	}
	snprintf(page, sizeof(page), "align-%s", name);
	pid = fork();
	if (pid == 0) {
		/* Quietly ask whether the page exists. */
		if (!freopen("/dev/null", "w", stdout) ||
		    !freopen("/dev/null", "w", stderr)) {
			_exit(127);
		}
		execlp("man", "man", "-w", page, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0) {
		return -1;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execlp("man", "man", page, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0) {
		return -1;
	}
	return 0;
}

int cmd_help(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align help [<command> [<verb>]]", NULL
	};
	const struct opt opts[] = { OPT_END_() };
	const struct command *cmd;
	struct align_buf guess = ALIGN_BUF_INIT;
	const char *sub[4];
	const char **subv = sub;
	size_t count;
	int n = opts_parse(argc, argv, opts, usage, 0), nsub, status;

	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n == 0) {
		const struct command *all = commands_table(&count);
		fputs("usage: align [-C <dir>] [--color=<when>] <command> "
		      "[<args>]\n\nCommands:\n",
		      stdout);
		for (size_t i = 0; i < count; i++) {
			printf("    %-10s%s\n", all[i].name, all[i].summary);
		}
		fputs("\nSee 'align help <command>' for one command's "
		      "options.\n",
		      stdout);
		return EXIT_OK;
	}
	cmd = command_find(argv[0]);
	if (!cmd) {
		if (command_suggest(&guess, argv[0]) == 0) {
			error_msg("no help for '%s' (did you mean '%s'?)",
				  argv[0], guess.ptr);
		} else {
			error_msg("no help for '%s': not an align command",
				  argv[0]);
		}
		align_buf_release(&guess);
		return EXIT_USAGE;
	}
	if (n > (cmd->verbs ? 3 : 1)) {
		error_msg("too many arguments");
		return EXIT_USAGE;
	}
	if (n == 1 && open_man_page(cmd->name) == 0) {
		return EXIT_OK;
	}
	if (n == 1) {
		printf("align %s - %s\n\n", cmd->name, cmd->summary);
	}
	/* "<command> [<verb>] -h", found as the dispatcher finds it. */
	for (int i = 0; i < n; i++) {
		sub[i] = argv[i];
	}
	sub[n] = "-h";
	nsub = n + 1;
	if (command_resolve(&cmd, &nsub, &subv, &status) < 0) {
		return status;
	}
	ctx->command = cmd;
	return cmd->fn(nsub, subv, ctx);
}
