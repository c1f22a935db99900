/*
 * align decision: the decision log (ADRs).
 *   align decision new <title> [--deciders <persons>] [...]
 *   align decision accept|reject|deprecate <decision> [-m <note>]
 *   align decision supersede <old> --by <new> [-m <note>]
 *   align decision renumber <decision> [-m <note>]
 *   align decision ls|revisit|show|import (list.c, import.c)
 * new and the moves are the generic verbs of cmd/kinds.c configured here;
 * the table decision_verbs[] is at the end.
 */
#include "align.h"
#include "decision/verbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "decision-log.h"
#include "decision.h"
#include "kinds.h"
#include "options.h"
#include "workflow.h"
#include "util/error.h"
#include "util/banned.h"

const char *decision_ref(struct align_buf *buf, const char *arg)
{
	size_t n = strspn(arg, "0123456789");

	if (n == 0 || n > 9 || arg[n]) {
		return arg;
	}
	align_buf_clear(buf);
	align_buf_addf(buf, "%04ld-", strtol(arg, NULL, 10));
	return buf->ptr;
}

/* A new decision must stay proposed: accept is a move of its own. */
static const char *keeps_proposed(const struct align_record *edited)
{
	const char *status = align_record_get(edited, "decision", NULL,
					      "status");

	if (!status || strcmp(status, "proposed")) {
		return "a new decision starts as proposed; leave 'status = "
		       "proposed' and use 'align decision accept'";
	}
	return NULL;
}

static const char *const new_usage[] = {
	"align decision new <title> [--deciders <persons>] [--consulted <who>] "
	"[--informed <who>] [--revisit <date>] [--id <id>] [--no-edit] "
	"[--no-commit] [-m <note>]",
	NULL,
};

static const struct kind_option new_options[] = {
	{ "deciders", "<persons>",
	  "who may accept it: roster handles, comma separated", 0 },
	{ "consulted", "<who>", "whose opinions were sought", 0 },
	{ "informed", "<who>", "who is kept up to date", 0 },
	{ "revisit", "<date>", "when to look at it again, YYYY-MM-DD", 0 },
	{ NULL, NULL, NULL, 0 },
};

static const struct kind_new decision_new = {
	.kind = &align_kind_decision,
	.command = "decision",
	.usage = new_usage,
	.title_missing = "a decision needs a title: align decision new "
			 "\"<title>\"",
	.options = new_options,
	.edit = 1,
	.edit_rule = keeps_proposed,
};

/* accept, reject, deprecate: the generic move, with numbers as refs. */
static int decision_move(int argc, const char **argv, struct align_ctx *ctx)
{
	struct align_buf ref = ALIGN_BUF_INIT;
	const char **args = align_calloc((size_t)argc + 1, sizeof(*args));
	int status;

	for (int i = 0; i < argc; i++) {
		args[i] = argv[i];
		/* The one argument that is not an option or its value. */
		if (i > 0 && argv[i][0] != '-' &&
		    (argv[i - 1][0] != '-' || !strcmp(argv[i - 1], "--no-commit"))) {
			args[i] = decision_ref(&ref, argv[i]);
		}
	}
	status = kind_cmd_move(&align_kind_decision, argv[0], argc, args, ctx);
	free(args);
	align_buf_release(&ref);
	return status;
}

static int find_decision(const struct align_entry **out, struct align_ctx *ctx,
			 const struct align_catalog *cat, const char *arg)
{
	struct align_buf ref = ALIGN_BUF_INIT;
	int status = find_record(out, ctx, cat, &align_kind_decision,
				 decision_ref(&ref, arg));

	align_buf_release(&ref);
	return status;
}

static int decision_supersede(int argc, const char **argv,
			      struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align decision supersede <decision> --by <decision> "
		"[-m <note>] [--no-commit]",
		NULL,
	};
	const char *by = NULL, *note = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "by", &by, "<decision>",
		  "the decision that replaces it", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "change the files but do not commit them", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_buf err = ALIGN_BUF_INIT, subject = ALIGN_BUF_INIT;
	struct align_buf from = ALIGN_BUF_INIT;
	const struct align_entry *old_e, *new_e;
	const struct align_record *both[2];
	const char *new_status, *already;
	char *old_id = NULL, *new_id = NULL;
	int n, ret, status;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1 || !by) {
		error_msg("%s", n > 1 ? "too many arguments"
			  : n == 0 ? "which decision is superseded? give its "
				     "number, id or path"
				   : "say which decision replaces it: --by "
				     "<decision>");
		return EXIT_USAGE;
	}
	if ((status = load_catalog(ctx, &cat)) != 0 ||
	    (status = find_decision(&old_e, ctx, &cat, argv[0])) != 0 ||
	    (status = find_decision(&new_e, ctx, &cat, by)) != 0) {
		goto done;
	}
	old_id = align_strdup(align_record_id(old_e->record));
	new_id = align_strdup(align_record_id(new_e->record));
	if (old_e == new_e) {
		error_msg("decision '%s' cannot supersede itself", old_id);
		status = EXIT_FINDINGS;
		goto done;
	}
	new_status = align_record_get(new_e->record, "decision", NULL,
				      "status");
	if (!new_status || (strcmp(new_status, "proposed") &&
			    strcmp(new_status, ALIGN_DECISION_ACCEPTED))) {
		error_msg("cannot supersede '%s' by '%s': it is %s; a decision "
			  "that replaces another is proposed or accepted",
			  old_id, new_id, new_status ? new_status : "without status");
		status = EXIT_FINDINGS;
		goto done;
	}
	already = align_record_get(new_e->record, "decision", NULL,
				   "supersedes");
	if (already && *already && strcmp(already, old_id)) {
		error_msg("cannot supersede '%s' by '%s': it supersedes '%s' "
			  "already",
			  old_id, new_id, already);
		status = EXIT_FINDINGS;
		goto done;
	}
	/* The move needs superseded-by set; a refusal leaves the files. */
	if ((ret = align_record_set(old_e->record, "decision", NULL,
				    "superseded-by", new_id, &err)) < 0 ||
	    (ret = align_workflow_apply(old_e->record, &align_kind_decision,
					"supersede", NULL, &from, &subject,
					&err)) < 0 ||
	    (ret = align_record_set(new_e->record, "decision", NULL,
				    "supersedes", old_id, &err)) < 0) {
		status = fail_with(ret, err.ptr);
		goto done;
	}
	align_buf_addf(&subject, " by %s", new_id);
	both[0] = old_e->record;
	both[1] = new_e->record;
	if ((status = write_records(ctx, both, 2, NULL, subject.ptr, note,
				    no_commit)) != 0) {
		goto done;
	}
	printf("%s: %s → superseded by %s\n", old_id, from.ptr, new_id);
done:
	free(old_id);
	free(new_id);
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&subject);
	align_buf_release(&from);
	return status;
}

static int decision_renumber(int argc, const char **argv,
			     struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align decision renumber <decision> [-m <note>] [--no-commit]",
		NULL,
	};
	const char *note = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "change the files but do not commit them", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_decision_renumber plan;
	struct align_buf err = ALIGN_BUF_INIT, subject = ALIGN_BUF_INIT;
	const struct align_entry *e;
	const char *deleted[2] = { NULL, NULL };
	int n, ret, status;

	memset(&plan, 0, sizeof(plan));
	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg("%s", n ? "too many arguments"
				  : "which decision? give its id or path (a "
				    "number alone may name two)");
		return EXIT_USAGE;
	}
	if ((status = load_catalog(ctx, &cat)) != 0 ||
	    (status = find_decision(&e, ctx, &cat, argv[0])) != 0) {
		goto done;
	}
	if ((ret = align_decision_renumber(&plan, &cat, ctx->repo, e, &err)) <
	    0) {
		status = fail_with(ret == ALIGN_EINVALID ? ALIGN_EREFUSED : ret,
				   err.ptr);
		goto done;
	}
	for (size_t pos = 0; pos < plan.unreadable.len;
	     pos += strlen(plan.unreadable.ptr + pos) + 1) {
		warning_msg("'%s' names '%s' but cannot be read: not rewritten",
			    plan.unreadable.ptr + pos, plan.old_id);
	}
	deleted[0] = plan.old_path;
	align_buf_addf(&subject, "decision: renumber %s as %s", plan.old_id,
		       plan.new_id);
	if ((status = write_records(ctx,
				    (const struct align_record *const *)
					    plan.records,
				    plan.n, deleted, subject.ptr, note,
				    no_commit)) != 0) {
		goto done;
	}
	printf("%s → %s\n", plan.old_id, plan.new_id);
	for (size_t i = 1; i < plan.n; i++) {
		printf("rewrote %s\n", plan.records[i]->path);
	}
done:
	align_decision_renumber_release(&plan);
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&subject);
	return status;
}

#define DECISION_READS CMD_NEEDS_REPO
#define DECISION_WRITES (CMD_NEEDS_REPO | CMD_WRITES)
#define MOVE(verb, summary)                                                  \
	{ verb, decision_move, DECISION_WRITES, summary, NULL, NULL }

/* Only the verbs that write wait for the writer lock. */
const struct command decision_verbs[] = {
	{ "new", kind_verb_new, DECISION_WRITES,
	  "Propose a decision, numbered after the highest on every branch",
	  NULL, &decision_new },
	MOVE("accept", "Accept a proposed decision (it names its deciders)"),
	MOVE("reject", "Reject a proposed decision"),
	MOVE("deprecate", "Deprecate an accepted decision"),
	{ "supersede", decision_supersede, DECISION_WRITES,
	  "Replace an accepted decision by another, both in one commit", NULL,
	  NULL },
	{ "renumber", decision_renumber, DECISION_WRITES,
	  "Give a decision the next free number and rewrite every reference",
	  NULL, NULL },
	{ "ls", decision_ls, DECISION_READS, "List decisions", NULL, NULL },
	{ "revisit", decision_revisit, DECISION_READS,
	  "List accepted decisions whose revisit date has come", NULL, NULL },
	{ "show", decision_show, DECISION_READS,
	  "Show a decision and its whole lifecycle from history", NULL, NULL },
	{ "import", decision_import, DECISION_WRITES,
	  "Import an adr-tools or MADR folder as decision records", NULL,
	  NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
