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

#include "kinds.h"
#include "options.h"
#include "util/error.h"
#include "util/banned.h"

#ifndef ALIGN_VERSION
#define ALIGN_VERSION "unknown"
#endif

/* Alphabetical. A family's row names its verbs' table instead of a function. */
static const struct command commands[] = {
	{ "brief", NULL, 0,
	  "Create campaign briefs and take them from draft to launch",
	  brief_verbs, NULL },
	{ "check", cmd_check, CMD_NEEDS_REPO, "Validate every record", NULL,
	  NULL },
	{ "decision", NULL, 0,
	  "Keep the decision log: propose, accept, supersede, import ADRs",
	  decision_verbs, NULL },
	{ "diff", cmd_diff, CMD_NEEDS_REPO,
	  "Show what changed in the records, field by field", NULL, NULL },
	{ "digest", cmd_digest, CMD_NEEDS_REPO,
	  "One week at a glance: updates, blockers, check-ins, changes", NULL,
	  NULL },
	{ "glossary", cmd_glossary, CMD_NEEDS_REPO,
	  "Look up the team's terms: what a word means, who owns it", NULL,
	  NULL },
	{ "health", cmd_health, CMD_NEEDS_REPO,
	  "Show where the team's thresholds are crossed, and who must act",
	  NULL, NULL },
	{ "help", cmd_help, 0, "Show help for align or one of its commands",
	  NULL, NULL },
	{ "init", cmd_init, 0, "Make this folder an align repository", NULL,
	  NULL },
	{ "log", cmd_log, CMD_NEEDS_REPO,
	  "Show what people did to the records, newest first", NULL, NULL },
	{ "ls", cmd_ls, CMD_NEEDS_REPO, "List records", NULL, NULL },
	{ "merge-driver", cmd_merge_driver, 0,
	  "Merge three versions of a record field by field (for git)", NULL,
	  NULL },
	{ "new", cmd_new, CMD_NEEDS_REPO | CMD_WRITES,
	  "Make a record of any kind from its template", NULL, NULL },
	{ "okr", NULL, 0,
	  "Plan objectives and key results, check in, see progress", okr_verbs,
	  NULL },
	{ "people", NULL, 0, "The team's roster: people, roles, time away",
	  people_verbs, NULL },
	{ "raci", NULL, 0,
	  "Who is Responsible, Accountable, Consulted, Informed per step",
	  raci_verbs, NULL },
	{ "recover", cmd_recover, CMD_NEEDS_REPO | CMD_WRITES,
	  "Finish a write an interrupted align left half done", NULL, NULL },
	{ "report", NULL, 0,
	  "The quarterly, monthly and weekly reviews, from history",
	  report_verbs, NULL },
	{ "show", cmd_show, CMD_NEEDS_REPO, "Show one record", NULL, NULL },
	{ "update", cmd_update, CMD_NEEDS_REPO | CMD_WRITES,
	  "Post this week's update: done, next, blockers", NULL, NULL },
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

static int is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

/* Word `k` of a verb's name ("kr add": "kr", "add") into `out`; 0 or -1. */
static int name_word(struct align_buf *out, const char *name, size_t k)
{
	const char *w = name, *sp;

	for (; k > 0; k--) {
		if (!(sp = strchr(w, ' '))) {
			return -1;
		}
		w = sp + 1;
	}
	align_buf_clear(out);
	sp = strchr(w, ' ');
	align_buf_add(out, w, sp ? (size_t)(sp - w) : strlen(w));
	return 0;
}

/*
 * How many leading words of `name` args[0..nargs-1] spell; the number of
 * words of `name` in `*out_total`.
 */
static size_t words_matched(const char *name, int nargs, const char **args,
			    size_t *out_total)
{
	struct align_buf w = ALIGN_BUF_INIT;
	size_t k = 0, matched = 0;

	for (; name_word(&w, name, k) == 0; k++) {
		if (matched == k && (int)k < nargs && !strcmp(w.ptr, args[k])) {
			matched++;
		}
	}
	align_buf_release(&w);
	*out_total = k;
	return matched;
}

int command_suggest(struct align_buf *out, const char *name)
{
	struct align_buf w = ALIGN_BUF_INIT;
	size_t best_d = 3;

	align_buf_clear(out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		size_t d = opts_distance(name, commands[i].name);
		if (d < best_d) {
			best_d = d;
			align_buf_clear(out);
			align_buf_adds(out, commands[i].name);
		}
	}
	/* A family's verb, by its name or first word: "status", "submit". */
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		for (const struct command *v = commands[i].verbs; v && v->name;
		     v++) {
			size_t d = opts_distance(name, v->name);
			name_word(&w, v->name, 0);
			if (opts_distance(name, w.ptr) < d) {
				d = opts_distance(name, w.ptr);
			}
			if (d < best_d) {
				best_d = d;
				align_buf_clear(out);
				align_buf_addf(out, "%s %s", commands[i].name,
					       v->name);
			}
		}
	}
	align_buf_release(&w);
	return out->len ? 0 : -1;
}

void command_usage(FILE *out, const char *family,
		   const struct command *verbs)
{
	fprintf(out, "usage: align %s <verb> [<args>]\n\nVerbs:\n", family);
	for (const struct command *v = verbs; v->name; v++) {
		fprintf(out, "    %-12s%s\n", v->name, v->summary);
	}
	fprintf(out, "\nSee 'align %s <verb> -h' for one verb's options.\n",
		family);
}

/*
 * No row of `family` spells args[1..]: `depth` words matched one. Prints
 * the family's usage or the error with the closest verb.
 */
static int unknown_verb(const struct command *family, int argc,
			const char **argv, size_t depth)
{
	struct align_buf prefix = ALIGN_BUF_INIT, w = ALIGN_BUF_INIT;
	struct align_buf best = ALIGN_BUF_INIT;
	const char *word = (int)(depth + 1) < argc ? argv[depth + 1] : NULL;
	size_t best_d = 3;

	if (!word || is_help(word)) {
		command_usage(word ? stdout : stderr, family->name,
			      family->verbs);
		return word ? EXIT_OK : EXIT_USAGE;
	}
	align_buf_adds(&prefix, family->name);
	for (size_t k = 0; k < depth; k++) {
		align_buf_addf(&prefix, " %s", argv[k + 1]);
	}
	for (const struct command *v = family->verbs; v->name; v++) {
		size_t total, d;
		if (words_matched(v->name, argc - 1, argv + 1, &total) < depth ||
		    name_word(&w, v->name, depth) < 0) {
			continue;
		}
		if ((d = opts_distance(word, w.ptr)) < best_d) {
			best_d = d;
			align_buf_clear(&best);
			align_buf_add(&best, w.ptr, w.len);
		}
	}
	if (best.len) {
		error_msg("unknown %s action '%s' (did you mean '%s'?)",
			  prefix.ptr, word, best.ptr);
	} else {
		error_msg("unknown %s action '%s'; see 'align %s -h'",
			  prefix.ptr, word, family->name);
	}
	align_buf_release(&prefix);
	align_buf_release(&w);
	align_buf_release(&best);
	return EXIT_USAGE;
}

int command_resolve(const struct command **cmd, int *argc,
		    const char ***argv, int *out_status)
{
	const struct command *family = *cmd;
	size_t depth = 0;

	if (!family->verbs) {
		return 0;
	}
	for (const struct command *v = family->verbs; v->name; v++) {
		size_t total, d = words_matched(v->name, *argc - 1, *argv + 1,
						&total);
		if (d == total) {
			*cmd = v;
			*argc -= (int)total;
			*argv += total;
			return 0;
		}
		if (d > depth) {
			depth = d;
		}
	}
	*out_status = unknown_verb(family, *argc, *argv, depth);
	return -1;
}

static const char *const global_usage[] = {
	"align [-C <dir>] [--color=<when>] <command> [<args>]",
	"align --version",
	NULL,
};

/*
 * 1 when the command will only print its usage, so it needs no
 * repository: -h or --help in option position. Without the command's
 * option table the dispatcher cannot tell which options take a value, so
 * an argument right after one starting with '-' is never taken for help
 * here (it may be that option's value, as in "log --author -h"); the
 * command's own parser decides then, with the repository open.
 */
static int wants_help(int argc, const char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			return 0;
		}
		if (is_help(argv[i]) && argv[i - 1][0] != '-') {
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

static int color_known(const char *when)
{
	if (strcmp(when, "auto") && strcmp(when, "always") &&
	    strcmp(when, "never")) {
		error_msg("invalid value '%s' for --color (one of: auto, "
			  "always, never)",
			  when);
		return 0;
	}
	return 1;
}

/* The context of the command running, for --color after its name. */
static struct align_ctx *running;

static int set_color(const char *when)
{
	if (!color_known(when)) {
		return -1;
	}
	running->color = decide_color(when, 1);
	running->color_err = decide_color(when, 2);
	return 0;
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
#ifdef ALIGN_FAULT_INJECTION
		printf("align version %s (fault injection)\n", ALIGN_VERSION);
#else
		printf("align version %s\n", ALIGN_VERSION);
#endif
		return finish(EXIT_OK);
	}
	if (!color_known(color)) {
		return EXIT_USAGE;
	}
	if (n == 0) {
		print_overview();
		finish(EXIT_OK);
		return EXIT_USAGE;
	}
	cmd = command_find(argv[0]);
	if (!cmd) {
		if (command_suggest(&err, argv[0]) == 0) {
			error_msg("'%s' is not an align command (did you mean "
				  "'%s'?)",
				  argv[0], err.ptr);
			align_buf_release(&err);
		} else {
			error_msg("'%s' is not an align command; see 'align "
				  "help'",
				  argv[0]);
		}
		return EXIT_USAGE;
	}
	if (command_resolve(&cmd, &n, &argv, &status) < 0) {
		return finish(status);
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
		if ((cmd->flags & CMD_WRITES) && align_repo_recovered(ctx.repo)) {
			warning_msg("finished a write that was interrupted: %s",
				    align_repo_recovered(ctx.repo));
		}
		if (!(cmd->flags & CMD_WRITES) &&
		    align_repo_write_pending(ctx.repo)) {
			/* Readers take no lock: they say, and leave it. */
			warning_msg("a write was interrupted and is not finished; "
				    "run 'align recover' to finish it");
		}
	}
	ctx.command = cmd;
	running = &ctx;
	opts_on_color(set_color);
	status = cmd->fn(n, argv, &ctx);
	opts_on_color(NULL);
	align_repo_free(ctx.repo);
	align_buf_release(&err);
	return finish(status);
}
