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

/*
 * The advice of an approved brief: its strategic filters ticked. Advice,
 * not a rule: whether an initiative meets them is the approver's call,
 * and a refusal would only teach people to tick boxes. Once live, the
 * question is moot.
 */
static int filters_ticked(const struct align_record *r,
			  const struct align_kind_check *ctx,
			  struct align_buf *why, size_t *line)
{
	struct align_buf list = ALIGN_BUF_INIT;
	size_t at = 0;
	int ret = 0;

	(void)ctx;
	if (align_brief_unticked(r, &list, &at)) {
		align_buf_addf(why, "unticked strategic filters: %s", list.ptr);
		*line = at;
		ret = 1;
	}
	align_buf_release(&list);
	return ret;
}

static const struct align_state states[] = {
	{ "draft", NULL, NULL, NULL },
	{ "submitted", committed, NULL, NULL },
	{ "approved", committed, answered, filters_ticked },
	{ "live", committed, answered, NULL },
	{ "completed", committed, answered, NULL },
	{ "cancelled", NULL, NULL, NULL },
	{ NULL, NULL, NULL, NULL },
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

/*
 * A checklist item of `line` (one item of a section, its "- " gone):
 * 1 and the criterion in `*text`/`*n` for "[ ] x", 2 for "[x] x" or
 * "[X] x", 0 for anything else (an empty box too).
 */
static int checkbox(const char *line, size_t len, const char **text,
		    size_t *n)
{
	int state;

	if (len < 3 || line[0] != '[' || line[2] != ']' ||
	    (len > 3 && line[3] != ' ' && line[3] != '\t')) {
		return 0;
	}
	if (line[1] == ' ') {
		state = 1;
	} else if (line[1] == 'x' || line[1] == 'X') {
		state = 2;
	} else {
		return 0;
	}
	*text = line + 3;
	*n = len - 3;
	while (*n && (**text == ' ' || **text == '\t')) {
		(*text)++;
		(*n)--;
	}
	while (*n && ((*text)[*n - 1] == ' ' || (*text)[*n - 1] == '\t')) {
		(*n)--;
	}
	return *n ? state : 0; /* an empty box names no criterion */
}

/* Calls `fn` for each checklist item of the filters section. */
static void each_filter(const struct align_record *r,
			void (*fn)(int state, const char *text, size_t n,
				   void *payload),
			void *payload)
{
	struct align_buf items = ALIGN_BUF_INIT;

	align_record_section_items(r, ALIGN_BRIEF_FILTERS, &items);
	for (const char *l = items.ptr; *l;) {
		size_t len = strcspn(l, "\n"), n;
		const char *text;
		int state = checkbox(l, len, &text, &n);

		if (state) {
			fn(state, text, n, payload);
		}
		l += len + (l[len] == '\n');
	}
	align_buf_release(&items);
}

struct unticked {
	struct align_buf *out;
	size_t count;
};

static void add_unticked(int state, const char *text, size_t n, void *payload)
{
	struct unticked *u = payload;

	if (state != 1) {
		return;
	}
	if (u->count++) {
		align_buf_adds(u->out, "; ");
	}
	align_buf_add(u->out, text, n);
}

size_t align_brief_unticked(const struct align_record *brief,
			    struct align_buf *out, size_t *line)
{
	struct unticked u = { out, 0 };

	each_filter(brief, add_unticked, &u);
	for (size_t i = 0; line && i < brief->outline.nsections; i++) {
		if (!strcmp(brief->outline.sections[i].heading,
			    ALIGN_BRIEF_FILTERS)) {
			*line = brief->outline.sections[i].line;
			break;
		}
	}
	return u.count;
}

struct listed {
	const char *want;
	int found;
};

static void find_listed(int state, const char *text, size_t n, void *payload)
{
	struct listed *l = payload;

	(void)state;
	l->found |= strlen(l->want) == n && !strncmp(text, l->want, n);
}

/* The [filters] section of align.ini, or -1. */
static long filters_section(const struct align_record *settings)
{
	return settings ? align_ini_find_section(&settings->ini, "filters", NULL)
			: -1;
}

/* Why the criterion cannot be a checklist item, or NULL. */
static const char *filter_problem(const char *value, struct align_buf *item)
{
	align_buf_clear(item);
	align_buf_addf(item, "- [ ] %s", value);
	return align_title_problem(item->ptr);
}

int align_brief_add_filters(struct align_record *brief,
			    const struct align_repo *repo,
			    struct align_buf *err)
{
	const struct align_record *settings = align_repo_settings(repo);
	long sec = filters_section(settings);
	struct align_buf item = ALIGN_BUF_INIT;
	int ret = 0;

	for (size_t i = 0; sec >= 0 && i < settings->ini.nfields; i++) {
		const struct align_ini_field *f = &settings->ini.fields[i];
		struct listed l = { f->value, 0 };
		const char *problem;

		if (f->section != (size_t)sec || !*f->value) {
			continue;
		}
		each_filter(brief, find_listed, &l);
		if (l.found) {
			continue;
		}
		if ((problem = filter_problem(f->value, &item)) != NULL) {
			align_buf_clear(err);
			align_buf_addf(err, "%s:%zu: strategic filter '%s' "
					    "cannot be a checklist item of a "
					    "brief: the item %s",
				       ALIGN_CONFIG_FILE, f->line, f->key,
				       problem);
			ret = ALIGN_ERROR;
			break;
		}
		if ((ret = align_record_append_to_section(
			     brief, ALIGN_BRIEF_FILTERS, item.ptr, err)) < 0) {
			break;
		}
	}
	align_buf_release(&item);
	return ret;
}

void align_brief_filters_check(const struct align_repo *repo,
			       struct align_diags *diags)
{
	const struct align_record *settings = align_repo_settings(repo);
	long sec = filters_section(settings);
	struct align_buf item = ALIGN_BUF_INIT;

	for (size_t i = 0; sec >= 0 && i < settings->ini.nfields; i++) {
		const struct align_ini_field *f = &settings->ini.fields[i];
		const char *problem;

		if (f->section == (size_t)sec && *f->value &&
		    (problem = filter_problem(f->value, &item)) != NULL) {
			align_diags_add(diags, ALIGN_CONFIG_FILE, f->line,
					ALIGN_SEV_ERROR,
					"strategic filter '%s' cannot be a "
					"checklist item of a brief: the item %s",
					f->key, problem);
		}
	}
	align_buf_release(&item);
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
	.prepare_new = align_brief_add_filters,
	.check = check_brief,
	.describe = NULL,
};
