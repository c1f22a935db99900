#include "brief.h"

#include <ctype.h>
#include <string.h>

#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

/* The six questions, as headings are compared: lowercase, no '?'. */
static const char *const questions[] = {
	"why are we doing this",
	"who is it for",
	"what is the offer",
	"what systems are involved",
	"what is the deadline",
	"how will success be measured",
	NULL,
};

static const char template_text[] =
	"# Campaign brief\n"
	"\n"
	"```ini\n"
	"[brief]\n"
	"id =\n"
	"status = draft\n"
	"type =\n"
	"owner =\n"
	"accountable =\n"
	"due =\n"
	"created =\n"
	"```\n"
	"\n"
	"## Why are we doing this?\n"
	"\n"
	"<!-- The business problem or opportunity, and why now. -->\n"
	"\n"
	"## Who is it for?\n"
	"\n"
	"<!-- Audience and segment; who is out of scope. -->\n"
	"\n"
	"## What is the offer?\n"
	"\n"
	"<!-- What we give and what we ask: asset, event, discount, call to "
	"action. -->\n"
	"\n"
	"## What systems are involved?\n"
	"\n"
	"<!-- Channels, tools and data: CRM, marketing automation, ads, web. "
	"-->\n"
	"\n"
	"## What is the deadline?\n"
	"\n"
	"<!-- Launch date, milestones, hard external dates. -->\n"
	"\n"
	"## How will success be measured?\n"
	"\n"
	"<!-- The metrics and targets that tell us it worked. -->\n";

/* Lowercase, trimmed, without a trailing '?' or ':'. */
static void question_key(struct align_buf *out, const char *heading)
{
	align_buf_clear(out);
	for (const char *p = heading; *p; p++) {
		align_buf_addch(out, tolower((unsigned char)*p));
	}
	align_buf_rtrim(out);
	while (out->len && (out->ptr[out->len - 1] == '?' ||
			    out->ptr[out->len - 1] == ':')) {
		align_buf_setlen(out, out->len - 1);
		align_buf_rtrim(out);
	}
}

size_t align_brief_unanswered(const struct align_record *brief,
			      struct align_buf *out)
{
	struct align_buf key = ALIGN_BUF_INIT;
	size_t missing = 0;

	for (size_t q = 0; questions[q]; q++) {
		int answered = 0;

		/* A question asked twice is answered when either has text. */
		for (size_t i = 0; i < brief->outline.nsections; i++) {
			question_key(&key, brief->outline.sections[i].heading);
			if (!strcmp(key.ptr, questions[q]) &&
			    brief->outline.sections[i].answered) {
				answered = 1;
			}
		}
		if (!answered) {
			if (missing++) {
				align_buf_adds(out, ", ");
			}
			align_buf_adds(out, questions[q]);
		}
	}
	align_buf_release(&key);
	return missing;
}

/* The rule of approved briefs and beyond: the six questions answered. */
static int answered(const struct align_record *r,
		    const struct align_kind_check *ctx, struct align_buf *why,
		    size_t *line)
{
	struct align_buf missing = ALIGN_BUF_INIT;
	int ret = 0;

	(void)ctx;
	if (align_brief_unanswered(r, &missing)) {
		align_buf_addf(why, "unanswered questions: %s", missing.ptr);
		*line = r->title_line;
		ret = 1;
	}
	align_buf_release(&missing);
	return ret;
}

/* What a brief past its draft commits to. */
static const char *const committed[] = { "owner", "accountable", "due", NULL };

static const struct align_state states[] = {
	{ "draft", NULL, NULL },
	{ "submitted", committed, NULL },
	{ "approved", committed, answered },
	{ "live", committed, answered },
	{ "completed", committed, answered },
	{ "cancelled", NULL, NULL },
	{ NULL, NULL, NULL },
};

static const struct align_move moves[] = {
	{ "submit", "draft", "submitted", "submitted", NULL, NULL },
	{ "approve", "submitted", "approved", "approved", NULL, NULL },
	{ "launch", "approved", "live", "launched", NULL, NULL },
	{ "complete", "live", "completed", "completed", NULL, NULL },
	{ "cancel", "draft submitted approved live", "cancelled", "cancelled",
	  NULL, NULL },
	{ "reopen", "submitted approved cancelled", "draft", "reopened", NULL,
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

static const struct align_field fields[] = {
	{ "id", ALIGN_FIELD_ID, ALIGN_FIELD_REQUIRED, NULL, NULL, NULL, NULL },
	{ "status", ALIGN_FIELD_ENUM, ALIGN_FIELD_REQUIRED, NULL, NULL, NULL,
	  NULL },
	{ "type", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, NULL },
	{ "owner", ALIGN_FIELD_PERSON, ALIGN_FIELD_RESPONSIBLE, NULL, NULL,
	  NULL, NULL },
	{ "accountable", ALIGN_FIELD_PERSON, ALIGN_FIELD_ACCOUNTABLE, NULL,
	  NULL, NULL, NULL },
	{ "due", ALIGN_FIELD_DATE, 0, NULL, NULL, NULL, NULL },
	/* The RACI workflow it follows: approvals escalate by it. */
	{ "workflow", ALIGN_FIELD_REF, 0, NULL, "raci", NULL, NULL },
	{ "created", ALIGN_FIELD_DATE, ALIGN_FIELD_REQUIRED, NULL, NULL,
	  "{date}", NULL },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL },
};

static void check_brief(const struct align_record *r,
			const struct align_kind_check *ctx,
			struct align_diags *diags)
{
	const char *status = align_record_get(r, "brief", NULL, "status");
	const char *due = align_record_get(r, "brief", NULL, "due");
	struct align_date d;

	if (!status || !align_kind_has_status(&align_kind_brief, status)) {
		return; /* the generic check reports the status */
	}
	if (due && align_date_parse(&d, due) == 0 &&
	    align_date_to_days(&d) < align_date_to_days(&ctx->today) &&
	    (!strcmp(status, "draft") || !strcmp(status, "submitted") ||
	     !strcmp(status, "approved"))) {
		align_diags_add(diags, r->path,
				align_record_line(r, "brief", NULL, "due"),
				ALIGN_SEV_ERROR,
				"brief is past its due date %s and still %s",
				due, status);
	}
}

const struct align_kind align_kind_brief = {
	.name = "brief",
	.folder = "briefs",
	.summary = "a campaign brief: the six questions and its lifecycle",
	.fields = fields,
	.id_pattern = "{yyyy}-{mm}-{slug}",
	.subfolder_pattern = NULL,
	.period_field = NULL,
	.states = states,
	.moves = moves,
	.template_text = template_text,
	.check = check_brief,
	.describe = NULL,
};
