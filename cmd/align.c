/*
 * align: the command table and the dispatcher. Global options, repository
 * discovery, the writer lock and the final check of stdout happen here, so
 * no command repeats them.
 */
#include "align.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "util/error.h"
#include "util/banned.h"

#ifndef ALIGN_VERSION
#define ALIGN_VERSION "unknown"
#endif

static const struct command commands[] = {
	{ "brief", cmd_brief, CMD_NEEDS_REPO | CMD_WRITES,
	  "Create campaign briefs and take them from draft to launch" },
	{ "check", cmd_check, CMD_NEEDS_REPO, "Validate every record" },
	{ "diff", cmd_diff, CMD_NEEDS_REPO,
	  "Show what changed in the records, field by field" },
	{ "digest", cmd_digest, CMD_NEEDS_REPO,
	  "One week at a glance: updates, blockers, check-ins, changes" },
	{ "help", cmd_help, 0, "Show help for align or one of its commands" },
	{ "init", cmd_init, 0, "Make this folder an align repository" },
	{ "log", cmd_log, CMD_NEEDS_REPO,
	  "Show what people did to the records, newest first" },
	{ "ls", cmd_ls, CMD_NEEDS_REPO, "List records" },
	{ "okr", cmd_okr, CMD_NEEDS_REPO, /* its writing verbs lock */
	  "Plan objectives and key results, check in, see progress" },
	{ "people", cmd_people, CMD_NEEDS_REPO, "List the team's roster" },
	{ "show", cmd_show, CMD_NEEDS_REPO, "Show one record" },
	{ "update", cmd_update, CMD_NEEDS_REPO | CMD_WRITES,
	  "Post this week's update: done, next, blockers" },
};

const struct command *commands_table(size_t *out_count)
{
	*out_count = sizeof(commands) / sizeof(commands[0]);
	return commands;
}

const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(commands[i].name, name)) {
			return &commands[i];
		}
	}
	return NULL;
}

const char *command_suggest(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		size_t d = opts_distance(name, commands[i].name);
		if (d < best_d) {
			best_d = d;
			best = commands[i].name;
		}
	}
	return best;
}

static const char *const global_usage[] = {
	"align [-C <dir>] [--color=<when>] <command> [<args>]",
	"align --version",
	NULL,
};

static int wants_help(int argc, const char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			return 0;
		}
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			return 1;
		}
	}
	return 0;
}

static int decide_color(const char *when, int fd)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (!strcmp(when, "always")) {
		return 1;
	}
	if (!strcmp(when, "never")) {
		return 0;
	}
	if (no_color && *no_color) {
		return 0;
	}
	return isatty(fd) && term && strcmp(term, "dumb");
}

static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "align: error: cannot write output: %s\n",
			strerror(errno ? errno : EIO));
		return EXIT_FATAL;
	}
	return status;
}

static void print_overview(void)
{
	opts_usage(stdout, NULL, global_usage);
	fputs("\nCommands:\n", stdout);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		printf("    %-10s%s\n", commands[i].name, commands[i].summary);
	}
	fputs("\nSee 'align help <command>' for one command's options.\n",
	      stdout);
}

int main(int argc, char **argv_)
{
	const char **argv = (const char **)argv_;
	const char *dir = NULL, *color = "auto";
	int version = 0, status, n;
	struct align_buf err = ALIGN_BUF_INIT;
	char cwd[PATH_MAX];
	struct align_ctx ctx;
	const struct command *cmd;
	const struct opt opts[] = {
		{ OPT_STRING, 'C', NULL, &dir, "<dir>",
		  "run as if align was started in <dir>", NULL },
		{ OPT_STRING, 0, "color", &color, "<when>",
		  "color output: auto, always, never", NULL },
		{ OPT_BOOL, 0, "version", &version, NULL,
		  "print the version and exit", NULL },
		OPT_END_(),
	};

	memset(&ctx, 0, sizeof(ctx));
	n = opts_parse(argc, argv, opts, global_usage, OPTS_STOP_AT_NON_OPTION);
	if (n == OPTS_HELP) {
		return finish(EXIT_OK);
	}
	if (n == OPTS_ERROR) {
		return EXIT_USAGE;
	}
	if (version) {
		printf("align version %s\n", ALIGN_VERSION);
		return finish(EXIT_OK);
	}
	if (strcmp(color, "auto") && strcmp(color, "always") &&
	    strcmp(color, "never")) {
		error_msg("invalid value '%s' for --color (one of: auto, "
			  "always, never)",
			  color);
		return EXIT_USAGE;
	}
	if (n == 0) {
		print_overview();
		finish(EXIT_OK);
		return EXIT_USAGE;
	}
	cmd = command_find(argv[0]);
	if (!cmd) {
		const char *guess = command_suggest(argv[0]);
		if (guess) {
			error_msg("'%s' is not an align command (did you mean "
				  "'%s'?)",
				  argv[0], guess);
		} else {
			error_msg("'%s' is not an align command; see 'align "
				  "help'",
				  argv[0]);
		}
		return EXIT_USAGE;
	}
	if (dir && chdir(dir) < 0) {
		error_msg("cannot change to '%s': %s", dir, strerror(errno));
		return EXIT_FATAL;
	}
	if (!getcwd(cwd, sizeof(cwd))) {
		error_msg("cannot find the current directory: %s",
			  strerror(errno));
		return EXIT_FATAL;
	}
	ctx.cwd = cwd;
	ctx.color = decide_color(color, 1);
	ctx.color_err = decide_color(color, 2);
	if (align_time_now(&ctx.now) < 0) {
		error_msg("invalid ALIGN_NOW '%s': use YYYY-MM-DD or an ISO "
			  "date-time",
			  getenv("ALIGN_NOW"));
		return EXIT_USAGE;
	}
	align_time_date(&ctx.today, &ctx.now);

	if ((cmd->flags & CMD_NEEDS_REPO) && !wants_help(n, argv)) {
		int ret = align_repo_open(&ctx.repo, cwd, &err);
		if (ret < 0) {
			error_msg("%s", err.ptr);
			align_buf_release(&err);
			return EXIT_FATAL;
		}
		if ((cmd->flags & CMD_WRITES) &&
		    (ret = align_repo_begin_write(ctx.repo)) < 0) {
			error_msg("%s", align_repo_error(ctx.repo));
			align_repo_free(ctx.repo);
			return EXIT_FATAL;
		}
	}
	status = cmd->fn(n, argv, &ctx);
	align_repo_free(ctx.repo);
	align_buf_release(&err);
	return finish(status);
}
