#ifndef ALIGN_CMD_OPTIONS_H
#define ALIGN_CMD_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

/*
 * Declarative options, in the manner of git's parse-options: each command
 * lists its options once; parsing, "-h" output and the error for an
 * unknown option all come from that table.
 */

enum opt_type {
	OPT_END,
	OPT_BOOL,   /* int *: set to 1; "--no-x" sets 0 */
	OPT_STRING, /* const char **: the last value given */
	OPT_LIST,   /* struct opt_list *: every value given, in order */
	OPT_CHOICE, /* const char **: one of `choices` */
};

struct opt_list {
	const char **items;
	size_t count;
	size_t alloc;
};

struct opt {
	enum opt_type type;
	int short_name; /* 0 for none */
	const char *long_name;
	void *value;
	const char *argh; /* placeholder in help: "<date>" */
	const char *help;
	const char *const *choices; /* OPT_CHOICE: NULL-terminated */
};

#define OPT_END_() { OPT_END, 0, NULL, NULL, NULL, NULL, NULL }

enum {
	OPTS_STOP_AT_NON_OPTION = 1, /* for the global options */
};

/* What opts_parse() returns besides the count of arguments left. */
#define OPTS_HELP (-2)  /* -h or --help: usage printed on stdout */
#define OPTS_ERROR (-1) /* an error was printed on stderr */

/*
 * Parses the options in argv[1..argc-1] ("--" ends them) and moves the
 * remaining arguments to argv[0..n-1]. Returns n, OPTS_HELP or OPTS_ERROR.
 * `usage` holds the synopsis lines, NULL-terminated.
 */
int opts_parse(int argc, const char **argv, const struct opt *opts,
	       const char *const *usage, int flags);

/*
 * `--color[=<when>]` and `--no-color` are accepted by every command's
 * table, as git accepts them after the command name: opts_parse() hands
 * <when> ("never" for --no-color) to `fn`, which returns 0, or -1 after
 * printing why the value is refused. NULL turns this off.
 */
void opts_on_color(int (*fn)(const char *when));

/* Prints the synopsis and the option table. */
void opts_usage(FILE *out, const struct opt *opts, const char *const *usage);

void opt_list_release(struct opt_list *list);

/* Levenshtein distance, for "did you mean" suggestions. */
size_t opts_distance(const char *a, const char *b);

#endif
