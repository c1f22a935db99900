/*
 * align recover: finishes (or undoes) a write an interrupted align left
 * half done, and does nothing else. The dispatcher's writer lock does the
 * work, as for every writing command (align_repo_begin_write()), and says
 * what it finished; this command is the one a reader's warning names.
 */
#include "align.h"

#include "options.h"
#include "util/banned.h"

int cmd_recover(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = { "align recover", NULL };
	const struct opt opts[] = { OPT_END_() };
	int n;

	(void)ctx;
	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}
