/*
 * align brief: campaign briefs.
 *   align brief new <title> [...]
 *   align brief submit|approve|launch|complete|cancel|reopen <brief> [-m]
 * The verbs are the generic ones of cmd/kinds.c, configured here: the
 * options of new, and one row per move of the brief's workflow table
 * (lib/brief.c). The table brief_verbs[] is at the end; the dispatcher
 * runs it.
 */
#include "align.h"

#include <string.h>

#include "brief.h"
#include "kinds.h"
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

static const char *const new_usage[] = {
	"align brief new <title> [--type <type>] [--owner <person>] "
	"[--accountable <person>] [--due <date>] [--id <id>] "
	"[--no-edit] [--no-commit] [-m <note>]",
	NULL,
};

static const struct kind_option new_options[] = {
	{ "type", "<type>", "campaign type (webinar, email, launch, ...)", 0 },
	{ "owner", "<person>", "who drives the brief", 0 },
	{ "accountable", "<person>", "who answers for the outcome", 0 },
	{ "due", "<date>", "launch deadline, YYYY-MM-DD", 0 },
	{ NULL, NULL, NULL, 0 },
};

static const struct kind_new brief_new = {
	.kind = &align_kind_brief,
	.command = "brief",
	.usage = new_usage,
	.title_missing = "a brief needs a title: align brief new \"<title>\"",
	.options = new_options,
	.edit = 1,
	.edit_rule = keeps_draft,
};

#define BRIEF_WRITES (CMD_NEEDS_REPO | CMD_WRITES)
#define MOVE(verb, summary)                                                  \
	{ verb, kind_verb_move, BRIEF_WRITES, summary, NULL,                \
	  &align_kind_brief }

/* One row per move of the brief's workflow table. */
const struct command brief_verbs[] = {
	{ "new", kind_verb_new, BRIEF_WRITES,
	  "Create a brief from the template, as a draft", NULL, &brief_new },
	MOVE("submit", "Send a draft for approval"),
	MOVE("approve", "Approve a submitted brief (its six questions "
			"answered)"),
	MOVE("launch", "Mark an approved brief live"),
	MOVE("complete", "Mark a live brief completed"),
	MOVE("cancel", "Cancel a brief that is not completed"),
	MOVE("reopen", "Take a submitted, approved or cancelled brief back to "
		       "draft"),
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
