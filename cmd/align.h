#ifndef ALIGN_CMD_ALIGN_H
#define ALIGN_CMD_ALIGN_H

#include <stdint.h>
#include <stdio.h>

#include "repo.h"
#include "util/date.h"

/* Exit statuses (documented in README.md and align(1)). */
enum {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1, /* check findings, or an operation refused */
	EXIT_FATAL = 128,  /* repository, I/O, library failure */
	EXIT_USAGE = 129,  /* bad command line */
};

struct command;

/* What the dispatcher hands every command. */
struct align_ctx {
	struct align_repo *repo; /* set for commands that need one */
	const char *cwd;         /* absolute */
	int color;               /* 1 when stdout gets color */
	int color_err;           /* 1 when stderr gets color */
	struct align_time now;
	struct align_date today; /* "now" as a UTC calendar date */
	const struct command *command; /* the row being run (its `data`) */
};

/* "align: error: ..." on stderr. */
void error_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "align: warning: ..." on stderr. */
void warning_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The exit status for a libalign return code. */
int exit_for(int code);

/* Prints `message` as an error and returns exit_for(code). */
int fail_with(int code, const char *message);

int cmd_check(int argc, const char **argv, struct align_ctx *ctx);
int cmd_diff(int argc, const char **argv, struct align_ctx *ctx);
int cmd_digest(int argc, const char **argv, struct align_ctx *ctx);
int cmd_glossary(int argc, const char **argv, struct align_ctx *ctx);
int cmd_health(int argc, const char **argv, struct align_ctx *ctx);
int cmd_help(int argc, const char **argv, struct align_ctx *ctx);
int cmd_init(int argc, const char **argv, struct align_ctx *ctx);
int cmd_log(int argc, const char **argv, struct align_ctx *ctx);
int cmd_ls(int argc, const char **argv, struct align_ctx *ctx);
int cmd_merge_driver(int argc, const char **argv, struct align_ctx *ctx);
int cmd_update(int argc, const char **argv, struct align_ctx *ctx);
int cmd_recover(int argc, const char **argv, struct align_ctx *ctx);
int cmd_show(int argc, const char **argv, struct align_ctx *ctx);

struct align_catalog;
struct align_entry;
struct align_kind;

/*
 * Loads every record; on failure prints the error and returns the exit
 * status (> 0).
 */
int load_catalog(struct align_ctx *ctx, struct align_catalog *out);

/*
 * Adds the records a sparse checkout left out, read from HEAD
 * (align_catalog_add_outside()), and when there are any says on stderr
 * "align: N records are outside the sparse checkout (<verb> from HEAD)".
 * Returns 0 or the exit status of a failure, printed.
 */
int load_outside(struct align_ctx *ctx, struct align_catalog *cat,
		 const char *verb);

/*
 * Loads what find_record() needs to find `ref` among the records of `kind`
 * (all when NULL), reading only the files whose names it could mean when
 * they decide (align_catalog_load_for); prints the error and returns the
 * exit status on failure.
 */
int load_catalog_for(struct align_ctx *ctx, struct align_catalog *out,
		     const struct align_kind *kind, const char *ref);

/*
 * Finds the record `ref` names (id, unique id prefix or path); on failure
 * prints why and returns the exit status (> 0).
 */
int find_record(const struct align_entry **out, struct align_ctx *ctx,
		const struct align_catalog *catalog,
		const struct align_kind *kind, const char *ref);

/*
 * Loads every record as of commit `rev`; on failure prints the error and
 * returns the exit status (> 0).
 */
int load_catalog_at(struct align_ctx *ctx, struct align_catalog *out,
		    const char *rev);

/*
 * load_catalog(), or with `as_of` not NULL the records as of that day or
 * revision (resolve_as_of), whose commit goes to `out_rev` when it is not
 * NULL ("" without `as_of`). Prints the error; returns the exit status.
 */
int load_catalog_as_of(struct align_ctx *ctx, struct align_catalog *out,
		       const char *as_of, char out_rev[ALIGN_OID_HEXSZ + 1]);

/*
 * The last commit on HEAD's first-parent line with a commit date at or
 * before `when` ("" when none), with the shallow-clone warning when the
 * answer may lie beyond the clone. Prints errors; returns the exit status.
 */
int commit_by(struct align_ctx *ctx, int64_t when,
	      char rev[ALIGN_OID_HEXSZ + 1]);

/* commit_by() for `n` times in one walk of the first-parent line. */
int commits_by(struct align_ctx *ctx, const int64_t *when, size_t n,
	       char (*rev)[ALIGN_OID_HEXSZ + 1]);

/*
 * The commit day `day` (typed as `arg`) stood at: commit_by() the end of
 * that day, UTC, whose instant goes to `end`. No commit is an error
 * ("no commit on or before <arg>", EXIT_FINDINGS). Prints errors; returns
 * the exit status.
 */
int day_commit(struct align_ctx *ctx, const struct align_date *day,
	       const char *arg, char rev[ALIGN_OID_HEXSZ + 1], int64_t *end);

/*
 * Resolves an --as-of argument: a day (the last commit on HEAD's
 * first-parent line by its end) or a revision. Sets the commit, the day
 * and the instant "now" stands for. Prints the error and returns the exit
 * status (> 0) on failure.
 */
int resolve_as_of(struct align_ctx *ctx, const char *arg,
		  char rev[ALIGN_OID_HEXSZ + 1], struct align_date *today,
		  int64_t *now);

/* The kind named by its name or folder ("brief", "briefs"), or NULL. */
const struct align_kind *kind_from_arg(const char *arg,
				       const struct align_repo *repo);

/* 1 when an editor may be opened: both ends a terminal, not in CI. */
int editor_wanted(void);
/* Runs $ALIGN_EDITOR, $VISUAL, $EDITOR or vi on `path`; 0 when it succeeds. */
int run_editor(const char *path);

/*
 * Prints on stderr the warnings of a history walk that are about the
 * whole history (a shallow clone's end). Those about one unreadable
 * version of a record are left to print_version_warnings(): a version
 * broken in one commit and mended later is said where it matters (align
 * log, align check --history), not by every command that walks history.
 */
int print_history_warnings(const struct align_diags *warnings);

/*
 * Prints on stderr the warnings of a history walk about unreadable
 * versions of the records at `paths` (NULL-terminated; NULL for every
 * path).
 */
void print_version_warnings(const struct align_diags *warnings,
			    const char *const *paths);

/*
 * Parses a --since/--until style day; prints the error and returns -1
 * when it does not parse.
 */
int parse_day_option(struct align_date *out, const char *option,
		     const char *value, const struct align_ctx *ctx);

struct align_record;

/*
 * "<summary>\n\n[<note>\n\n]Align-Record: <path>\n[<trailer>\n]": the
 * message of every commit align makes for one record.
 */
void record_commit_message(struct align_buf *out, const char *summary,
			   const char *note, const char *path,
			   const char *trailer);

/*
 * Writes one record and, unless `no_commit`, commits it with
 * record_commit_message(). Prints the error; returns the exit status.
 */
int write_one_record(struct align_ctx *ctx, const struct align_record *r,
		     const char *summary, const char *note, int no_commit,
		     const char *trailer);

/*
 * write_one_record() for a new record, then prints its path as seen from
 * the current directory: the last line of stdout, for scripts.
 */
int write_new_record(struct align_ctx *ctx, const struct align_record *r,
		     const char *summary, const char *note, int no_commit);

/*
 * Writes several records and deletes the files `deleted` (paths relative
 * to the root, NULL-terminated; may be NULL) in one commit, unless
 * `no_commit`: "<summary>", the note, then one "Align-Record: <path>"
 * line per path. Prints the error; returns the exit status.
 */
int write_records(struct align_ctx *ctx,
		  const struct align_record *const *records, size_t n,
		  const char *const *deleted, const char *summary,
		  const char *note, int no_commit);

/* Refuses an option value a field could not hold; prints why, -1. */
int check_option_value(const char *option, const char *value);

/*
 * Lets the user edit a new record in the editor (a file in the git
 * directory); replaces `*r` with what they saved when it parses, keeps
 * its id and passes `rule` (may be NULL; returns a reason to refuse).
 * Prints the error and returns -1 otherwise.
 */
int edit_new_record(struct align_ctx *ctx, struct align_record **r,
		    const char *(*rule)(const struct align_record *edited));

/*
 * A row of a command table, as git's command table and OPT_SUBCOMMAND:
 * the top-level table in align.c and each family's table of verbs
 * (brief_verbs[], ...). Rows are data only. A family's row has `verbs`
 * and no `fn`; a verb's name may be two words ("kr add"). The dispatcher
 * finds the row that runs, opens the repository and takes the writer lock
 * from that row's flags, and generates "align <family> -h" from the
 * verbs' summaries. `fn` gets argv[0] = the last word of its name and
 * ctx->command = its row (so a verb shared by several rows reads `data`).
 */
struct command {
	const char *name;
	int (*fn)(int argc, const char **argv, struct align_ctx *ctx);
	unsigned flags;
	const char *summary; /* one line, for "align help" and "-h" */
	const struct command *verbs; /* a family: its verbs, then { NULL } */
	const void *data;    /* for `fn`; NULL when it needs nothing */
};

enum {
	CMD_NEEDS_REPO = 1, /* discover and open the records repository */
	CMD_WRITES = 2,     /* take the writer lock before running */
};

/* The families' verbs, each table ending with a row whose name is NULL. */
extern const struct command brief_verbs[];
extern const struct command decision_verbs[];
extern const struct command okr_verbs[];
extern const struct command people_verbs[];
extern const struct command raci_verbs[];
extern const struct command report_verbs[];

const struct command *commands_table(size_t *out_count);
const struct command *command_find(const char *name);

/*
 * "did you mean" for commands and the families' verbs ("okr status" for
 * "status"): sets `out` and returns 0, or -1 when nothing is close.
 */
int command_suggest(struct align_buf *out, const char *name);

/*
 * Finds the row `argv` names below the family `*cmd` (argv[0] is the
 * family's name) and moves `*cmd`, `*argc` and `*argv` to it, so that
 * argv[0] is the verb's last word. A row that is not a family is left as
 * it is. Returns 0; or prints the family's usage (-h: on stdout, exit 0;
 * no verb: on stderr, 129) or the error for an unknown verb, sets
 * `*out_status` to the exit status and returns -1.
 */
int command_resolve(const struct command **cmd, int *argc,
		    const char ***argv, int *out_status);

/* "usage: align <family> <verb> [<args>]" and the verbs' summaries. */
void command_usage(FILE *out, const char *family,
		   const struct command *verbs);

#endif
