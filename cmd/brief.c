/*
 * align brief: campaign briefs.
 *   align brief new <title> [...]
 *   align brief submit|approve|launch|complete|cancel|reopen <brief> [-m]
 * The verbs are the table brief_verbs[] at the end; the dispatcher runs them.
 */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "brief.h"
#include "catalog.h"
#include "options.h"
#include "workflow.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/banned.h"

/* A new brief must stay a draft: the lifecycle starts at submit. */
static const char *keeps_draft(const struct align_record *edited)
{
	const char *status = align_record_get(edited, "brief", NULL, "status");

	if (!status || strcmp(status, "draft")) {
		return "a new brief starts as a draft; leave 'status = draft' "
		       "and use 'align brief submit'";
	}
	return NULL;
}

static int brief_new(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align brief new <title> [--type <type>] [--owner <person>] "
		"[--accountable <person>] [--due <date>] [--id <id>] "
		"[--no-edit] [--no-commit] [-m <note>]",
		NULL,
	};
	const char *type = NULL, *owner = NULL, *accountable = NULL;
	const char *due = NULL, *id = NULL, *note = NULL;
	int edit = 1, no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "type", &type, "<type>",
		  "campaign type (webinar, email, launch, ...)", NULL },
		{ OPT_STRING, 0, "owner", &owner, "<person>",
		  "who drives the brief", NULL },
		{ OPT_STRING, 0, "accountable", &accountable, "<person>",
		  "who answers for the outcome", NULL },
		{ OPT_STRING, 0, "due", &due, "<date>",
		  "launch deadline, YYYY-MM-DD", NULL },
		{ OPT_STRING, 0, "id", &id, "<id>",
		  "use this id instead of one made from the title", NULL },
		{ OPT_BOOL, 0, "edit", &edit, NULL,
		  "open the editor on a terminal (default; --no-edit skips "
		  "it)",
		  NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "write the file but do not commit it", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_record *r = NULL;
	struct align_buf err = ALIGN_BUF_INIT, msg = ALIGN_BUF_INIT;
	struct align_kind_vars vars = { NULL, NULL, NULL, { 0, 0, 0 } };
	struct align_date d;
	const char *title;
	char *title_buf = NULL;
	int n, ret, status = EXIT_OK;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg(n ? "too many arguments (quote a title with spaces)"
			    : "a brief needs a title: align brief new "
			      "\"<title>\"");
		return EXIT_USAGE;
	}
	/* Surrounding spaces are not part of a title. */
	{
		size_t len;
		title = argv[0];
		while (*title == ' ') {
			title++;
		}
		len = strlen(title);
		while (len && title[len - 1] == ' ') {
			len--;
		}
		title_buf = align_strndup(title, len);
		title = title_buf;
	}
	if (due && align_date_parse(&d, due) < 0) {
		error_msg("invalid date '%s' for --due: use YYYY-MM-DD, a real "
			  "calendar date",
			  due);
		status = EXIT_USAGE;
		goto done;
	}
	if (check_option_value("type", type) < 0 || check_option_value("owner", owner) < 0 ||
	    check_option_value("accountable", accountable) < 0) {
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	vars.title = title;
	vars.today = ctx->today;
	ret = align_catalog_new_record(&r, &cat, ctx->repo, &align_kind_brief,
				       &vars, id, &err);
	if (ret < 0) {
		status = ret == ALIGN_EINVALID && !strstr(err.ptr, "template")
				 ? EXIT_USAGE
				 : exit_for(ret);
		error_msg("%s", err.ptr);
		goto done;
	}
	{
		const char *const fields[][2] = {
			{ "type", type },	  { "owner", owner },
			{ "accountable", accountable }, { "due", due },
		};
		if (align_record_set_fields(r, "brief", fields, 4, &err) < 0) {
			error_msg("%s", err.ptr);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (edit && editor_wanted() && edit_new_record(ctx, &r, keeps_draft) < 0) {
		status = EXIT_FINDINGS;
		goto done;
	}
	align_buf_addf(&msg, "brief: new %s", align_record_id(r));
	status = write_new_record(ctx, r, msg.ptr, note, no_commit);
done:
	free(title_buf);
	align_record_free(r);
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&msg);
	return status;
}

/* submit, approve, ...: argv[0] is the verb. */
static int brief_move(int argc, const char **argv, struct align_ctx *ctx)
{
	const char *verb = argv[0];
	const char *usage[] = { NULL, NULL };
	const char *note = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "change the file but do not commit it", NULL },
		OPT_END_(),
	};
	struct align_buf line = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT;
	struct align_buf msg = ALIGN_BUF_INIT, from = ALIGN_BUF_INIT;
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	const struct align_entry *e;
	struct align_record *r;
	int n, ret, status;

	align_buf_addf(&line, "align brief %s <brief> [-m <note>] "
			      "[--no-commit]",
		       verb);
	usage[0] = line.ptr;
	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		align_buf_release(&line);
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg(n ? "too many arguments"
			    : "which brief? give an id, an id prefix or a path");
		align_buf_release(&line);
		return EXIT_USAGE;
	}
	if ((status = load_catalog(ctx, &cat)) != 0 ||
	    (status = find_record(&e, ctx, &cat, &align_kind_brief, argv[0])) !=
		    0) {
		goto done;
	}
	r = e->record;
	if ((ret = align_workflow_apply(r, &align_kind_brief, verb, NULL, &from,
					&msg, &err)) < 0) {
		status = fail_with(ret, err.ptr);
		goto done;
	}
	if ((status = write_one_record(ctx, r, msg.ptr, note, no_commit,
				       NULL)) != 0) {
		goto done;
	}
	printf("%s: %s → %s\n", align_record_id(r), from.ptr,
	       align_record_get(r, "brief", NULL, "status"));
done:
	align_buf_release(&from);
	align_catalog_release(&cat);
	align_buf_release(&line);
	align_buf_release(&err);
	align_buf_release(&msg);
	return status;
}

#define BRIEF_WRITES (CMD_NEEDS_REPO | CMD_WRITES)

const struct command brief_verbs[] = {
	{ "new", brief_new, BRIEF_WRITES,
	  "Create a brief from the template, as a draft", NULL, NULL },
	{ "submit", brief_move, BRIEF_WRITES,
	  "Send a draft for approval", NULL, NULL },
	{ "approve", brief_move, BRIEF_WRITES,
	  "Approve a submitted brief (its six questions answered)", NULL,
	  NULL },
	{ "launch", brief_move, BRIEF_WRITES, "Mark an approved brief live",
	  NULL, NULL },
	{ "complete", brief_move, BRIEF_WRITES,
	  "Mark a live brief completed", NULL, NULL },
	{ "cancel", brief_move, BRIEF_WRITES, "Cancel a brief that is not completed",
	  NULL, NULL },
	{ "reopen", brief_move, BRIEF_WRITES,
	  "Take a submitted, approved or cancelled brief back to draft",
	  NULL, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
