/* align help [<command>]: the command list, or one command's usage. */
#include "align.h"

#include <stdio.h>
#include <string.h>

#include "options.h"
#include "util/banned.h"

int cmd_help(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = { "align help [<command>]", NULL };
	const struct opt opts[] = { OPT_END_() };
	const struct command *cmd;
	const char *sub[] = { NULL, "-h", NULL };
	size_t count;
	int n = opts_parse(argc, argv, opts, usage, 0);

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
	if (n > 1) {
		error_msg("too many arguments");
		return EXIT_USAGE;
	}
	cmd = command_find(argv[0]);
	if (!cmd) {
		const char *guess = command_suggest(argv[0]);
		if (guess) {
			error_msg("no help for '%s' (did you mean '%s'?)",
				  argv[0], guess);
		} else {
			error_msg("no help for '%s': not an align command",
				  argv[0]);
		}
		return EXIT_USAGE;
	}
	printf("align %s - %s\n\n", cmd->name, cmd->summary);
	sub[0] = cmd->name;
	return cmd->fn(2, sub, ctx);
}
