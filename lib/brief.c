#include "brief.h"

#include <ctype.h>
#include <string.h>

#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

static const char *const statuses[] = {
	"draft", "submitted", "approved", "live", "completed", "cancelled",
	NULL,
};

static const char *const required[] = { "id", "status", "created", NULL };
static const char *const dates[] = { "due", "created", NULL };

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

/* verb, from-states (space separated), to-state */
static const struct move {
	const char *verb;
	const char *from;
	const char *to;
} moves[] = {
	{ "submit", "draft", "submitted" },
	{ "approve", "submitted", "approved" },
	{ "launch", "approved", "live" },
	{ "complete", "live", "completed" },
	{ "cancel", "draft submitted approved live", "cancelled" },
	{ "reopen", "submitted approved cancelled", "draft" },
};

const char *const align_brief_verbs[] = {
	"submit", "approve", "launch", "complete", "cancel", "reopen", NULL,
};

static int word_in(const char *word, const char *list)
{
	size_t n = strlen(word);

	for (const char *p = list; *p;) {
		size_t m = strcspn(p, " ");
		if (m == n && !strncmp(p, word, n)) {
			return 1;
		}
		p += m;
		while (*p == ' ') {
			p++;
		}
	}
	return 0;
}

static const struct move *find_move(const char *verb)
{
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		if (!strcmp(moves[i].verb, verb)) {
			return &moves[i];
		}
	}
	return NULL;
}

const char *align_brief_target(const char *verb)
{
	const struct move *m = find_move(verb);
	return m ? m->to : NULL;
}

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

static void legal_moves(struct align_buf *out, const char *status)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		if (word_in(status, moves[i].from)) {
			align_buf_adds(out, n++ ? ", " : "");
			align_buf_adds(out, moves[i].verb);
		}
	}
	if (!n) {
		align_buf_adds(out, "nothing (it is final)");
	}
}

int align_brief_transition(struct align_record *brief, const char *verb,
			   struct align_buf *err)
{
	const struct move *m = find_move(verb);
	const char *status = align_record_get(brief, "brief", NULL, "status");
	const char *id = align_record_id(brief);
	struct align_buf missing = ALIGN_BUF_INIT;

	if (!m) {
		align_buf_clear(err);
		align_buf_addf(err, "unknown brief action '%s'", verb);
		return ALIGN_EINVALID;
	}
	if (!status || !*status) {
		align_buf_clear(err);
		align_buf_addf(err, "cannot %s brief '%s': it has no status; set "
				    "'status = draft' first",
			       verb, id ? id : brief->path);
		return ALIGN_EREFUSED;
	}
	if (!align_kind_has_status(&align_kind_brief, status)) {
		align_buf_clear(err);
		align_buf_addf(err, "cannot %s brief '%s': unknown status '%s' "
				    "(see 'align check')",
			       verb, id ? id : brief->path, status);
		return ALIGN_EREFUSED;
	}
	if (!word_in(status, m->from)) {
		align_buf_clear(err);
		align_buf_addf(err, "cannot %s brief '%s': it is %s; from %s it "
				    "can: ",
			       verb, id ? id : brief->path, status, status);
		legal_moves(err, status);
		return ALIGN_EREFUSED;
	}
	if (!strcmp(verb, "submit")) {
		static const char *const needed[] = { "owner", "accountable",
						      "due", NULL };
		for (size_t i = 0; needed[i]; i++) {
			const char *v = align_record_get(brief, "brief", NULL,
							 needed[i]);
			if (!v || !*v) {
				align_buf_adds(&missing, missing.len ? ", " : "");
				align_buf_adds(&missing, needed[i]);
			}
		}
		if (missing.len) {
			align_buf_clear(err);
			align_buf_addf(err, "cannot submit brief '%s': set %s "
					    "first",
				       id, missing.ptr);
			align_buf_release(&missing);
			return ALIGN_EREFUSED;
		}
	}
	if (!strcmp(verb, "approve") &&
	    align_brief_unanswered(brief, &missing)) {
		align_buf_clear(err);
		align_buf_addf(err, "cannot approve brief '%s': unanswered: %s",
			       id, missing.ptr);
		align_buf_release(&missing);
		return ALIGN_EREFUSED;
	}
	align_buf_release(&missing);
	return align_record_set(brief, "brief", NULL, "status", m->to, err);
}

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
	if (strcmp(status, "draft") && strcmp(status, "cancelled")) {
		static const char *const needed[] = { "owner", "accountable",
						      "due", NULL };
		for (size_t i = 0; needed[i]; i++) {
			const char *v = align_record_get(r, "brief", NULL,
							 needed[i]);
			if (!v || !*v) {
				align_diags_add(diags, r->path,
						r->ini.sections[0].line,
						ALIGN_SEV_ERROR,
						"%s brief has no %s", status,
						needed[i]);
			}
		}
	}
	if (!strcmp(status, "approved") || !strcmp(status, "live") ||
	    !strcmp(status, "completed")) {
		struct align_buf missing = ALIGN_BUF_INIT;
		if (align_brief_unanswered(r, &missing)) {
			align_diags_add(diags, r->path, r->title_line,
					ALIGN_SEV_ERROR,
					"%s brief has unanswered questions: %s",
					status, missing.ptr);
		}
		align_buf_release(&missing);
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

/* A status change is the lifecycle move that made it. */
static int describe_brief(const struct align_record *old,
			  const struct align_record *new_,
			  const struct align_record_change *c,
			  struct align_buf *action, struct align_buf *text)
{
	static const char *const verbs[][2] = {
		{ "submitted", "submitted" }, { "approved", "approved" },
		{ "live", "launched" },	      { "completed", "completed" },
		{ "cancelled", "cancelled" }, { "draft", "reopened" },
	};
	const char *id = align_record_id(new_);

	(void)old;
	if (strcmp(c->section, "brief") || c->sub || strcmp(c->key, "status") ||
	    !c->new_value) {
		return 0;
	}
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (!strcmp(c->new_value, verbs[i][0])) {
			align_buf_adds(action, verbs[i][1]);
			align_buf_addf(text, "%s brief %s", verbs[i][1],
				       id ? id : new_->path);
			return 1;
		}
	}
	return 0;
}

const struct align_kind align_kind_brief = {
	.name = "brief",
	.folder = "briefs",
	.statuses = statuses,
	.initial_status = "draft",
	.required = required,
	.dates = dates,
	.template_text = template_text,
	.check = check_brief,
	.describe = describe_brief,
};
