/*
 * Unit tests of lib/workflow.c and the kind descriptors (lib/kind.c): the
 * brief's workflow table applied by the generic engine, state rules, and
 * the id scheme's pattern expansion.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "okr.h"
#include "update.h"
#include "workflow.h"
#include "util/error.h"
#include "util/text.h"

#include "tap.h"

static const char answers[] = "## Why are we doing this?\n\nPipeline.\n\n"
			      "## Who is it for?\n\nPartners.\n\n"
			      "## What is the offer?\n\nA webinar.\n\n"
			      "## What systems are involved?\n\nCRM.\n\n"
			      "## What is the deadline?\n\nDecember.\n\n"
			      "## How will success be measured?\n\n300.\n";

/* A brief in `status`, with owner/accountable/due unless `bare`. */
static struct align_record *brief(const char *status, int bare,
				  int answered)
{
	struct align_buf text = ALIGN_BUF_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_record *r = NULL;

	align_buf_addf(&text,
		       "# Webinar\n\n```ini\n[brief]\nid = 2026-11-webinar\n"
		       "status = %s\n%screated = 2026-11-02\n```\n\n%s",
		       status,
		       bare ? "" : "owner = maya\naccountable = dana\n"
				   "due = 2026-12-10\n",
		       answered ? answers : "## Why are we doing this?\n");
	if (align_record_parse(&r, "briefs/2026-11-webinar.md", text.ptr,
			       text.len, NULL, &diags) < 0) {
		printf("# fixture does not parse: %s\n", diags.items[0].message);
		exit(1);
	}
	align_diags_clear(&diags);
	align_buf_release(&text);
	return r;
}

static void test_table(void)
{
	struct align_buf out = ALIGN_BUF_INIT;

	ok(align_workflow_find(&align_kind_brief, "approve") != NULL,
	   "approve is a brief move");
	ok(align_workflow_find(&align_kind_brief, "new") == NULL,
	   "new is not a move");
	ok(align_workflow_find(&align_kind_okr, "approve") == NULL,
	   "a kind without a workflow has no moves");
	is_int((long long)align_workflow_legal(&out, &align_kind_brief, "draft"),
	       2, "two moves from draft");
	is_str(out.ptr, "submit, cancel", "the legal moves from draft");
	align_buf_clear(&out);
	is_int((long long)align_workflow_legal(&out, &align_kind_brief,
					       "completed"),
	       0, "no move from completed");
	is_str(out.ptr, "nothing (it is final)", "completed is final");
	align_buf_clear(&out);
	align_workflow_legal(&out, &align_kind_brief, "approved");
	is_str(out.ptr, "launch, cancel, reopen", "the legal moves from approved");
	is_str(align_workflow_move_to(&align_kind_brief, "live", "draft")->verb,
	       "reopen", "an edit live -> draft is told as the move to draft");
	is_str(align_workflow_move_to(&align_kind_brief, "cancelled", "draft")
		       ->past,
	       "reopened", "cancelled -> draft is a reopen");
	is_str(align_workflow_move_to(&align_kind_brief, NULL, "live")->past,
	       "launched", "whatever the from-state, live is a launch");
	ok(align_workflow_move_to(&align_kind_brief, "draft", "nowhere") == NULL,
	   "no move leads to an unknown state");
	is_str(align_kind_initial_status(&align_kind_brief), "draft",
	       "a brief starts as a draft");
	ok(align_kind_initial_status(&align_kind_update) == NULL,
	   "an update has no status");
	align_buf_release(&out);
}

/* Applies `verb` and checks the return, the message and the status. */
static void apply(struct align_record *r, const char *verb, int want,
		  const char *want_err, const char *want_status,
		  const char *name)
{
	struct align_buf err = ALIGN_BUF_INIT, from = ALIGN_BUF_INIT;
	struct align_buf subject = ALIGN_BUF_INIT, before = ALIGN_BUF_INIT;
	int ret;

	align_buf_add(&before, r->bytes.ptr, r->bytes.len);
	ret = align_workflow_apply(r, &align_kind_brief, verb, NULL, &from,
				   &subject, &err);
	is_int(ret, want, name);
	if (want < 0) {
		is_str(err.ptr, want_err, "  its message");
		ok(r->bytes.len == before.len &&
			   !memcmp(r->bytes.ptr, before.ptr, before.len),
		   "  the record is unchanged");
	} else {
		char expect[64];
		snprintf(expect, sizeof(expect), "brief: %s 2026-11-webinar",
			 verb);
		is_str(subject.ptr, expect, "  the commit subject");
	}
	is_str(align_record_get(r, "brief", NULL, "status"), want_status,
	       "  the status after it");
	align_buf_release(&err);
	align_buf_release(&from);
	align_buf_release(&subject);
	align_buf_release(&before);
}

static void test_apply(void)
{
	struct align_record *r = brief("draft", 1, 0);
	struct align_buf err = ALIGN_BUF_INIT, from = ALIGN_BUF_INIT;
	size_t status_line;

	apply(r, "submit", ALIGN_EREFUSED,
	      "cannot submit brief '2026-11-webinar': set owner, accountable, "
	      "due first",
	      "draft", "submit refuses a brief without owner, accountable, due");
	apply(r, "launch", ALIGN_EREFUSED,
	      "cannot launch brief '2026-11-webinar': it is draft; from draft "
	      "it can: submit, cancel",
	      "draft", "an illegal move lists the legal ones");
	apply(r, "frobnicate", ALIGN_EINVALID, "unknown brief action "
	      "'frobnicate'", "draft", "an unknown verb is invalid");
	align_record_free(r);

	r = brief("draft", 0, 0);
	status_line = align_record_line(r, "brief", NULL, "status");
	is_int(align_workflow_apply(r, &align_kind_brief, "submit", NULL,
				    &from, NULL, &err),
	       0, "submit a complete draft");
	is_str(from.ptr, "draft", "  it left draft");
	is_int((long long)align_record_line(r, "brief", NULL, "status"),
	       (long long)status_line, "  the status stays on its line");
	apply(r, "approve", ALIGN_EREFUSED,
	      "cannot approve brief '2026-11-webinar': unanswered questions: "
	      "why are we doing this, who is it for, what is the offer, what systems are involved, "
	      "what is the deadline, how will success be measured",
	      "submitted", "approve needs the six questions (a rule function)");
	apply(r, "reopen", 0, NULL, "draft", "reopen a submitted brief");
	align_record_free(r);

	r = brief("submitted", 0, 1);
	apply(r, "approve", 0, NULL, "approved", "approve an answered brief");
	apply(r, "launch", 0, NULL, "live", "launch it");
	apply(r, "complete", 0, NULL, "completed", "complete it");
	apply(r, "cancel", ALIGN_EREFUSED,
	      "cannot cancel brief '2026-11-webinar': it is completed; from "
	      "completed it can: nothing (it is final)",
	      "completed", "nothing leaves completed");
	align_record_free(r);

	r = brief("parked", 0, 1);
	apply(r, "submit", ALIGN_EREFUSED,
	      "cannot submit brief '2026-11-webinar': unknown status 'parked' "
	      "(see 'align check')",
	      "parked", "an unknown status is refused");
	align_record_free(r);
	align_buf_release(&err);
	align_buf_release(&from);
}

static void test_state_check(void)
{
	struct align_diags d = ALIGN_DIAGS_INIT;
	struct align_record *r = brief("approved", 1, 0);

	align_workflow_check(r, &align_kind_brief, NULL, &d);
	is_int((long long)d.count, 4, "an approved brief: three fields and "
				      "the questions");
	if (d.count == 4) {
		is_str(d.items[0].message, "approved brief has no owner",
		       "  owner");
		is_int((long long)d.items[0].line, 4, "  at the section line");
		is_str(d.items[2].message, "approved brief has no due", "  due");
		ok(!strncmp(d.items[3].message,
			    "approved brief has unanswered questions: why are "
			    "we doing this, who",
			    60),
		   "  the questions");
		is_int((long long)d.items[3].line, 1, "  at the title line");
	}
	align_diags_clear(&d);
	align_record_free(r);
	r = brief("draft", 1, 0);
	align_workflow_check(r, &align_kind_brief, NULL, &d);
	is_int((long long)d.count, 0, "a draft needs nothing");
	align_diags_clear(&d);
	align_record_free(r);
}

static void expand(const char *pattern, const struct align_kind_vars *vars,
		   int want, const char *want_out, const char *name)
{
	struct align_buf out = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT;
	int ret = align_kind_expand(&out, pattern, vars, &err);

	is_int(ret, want, name);
	is_str(ret < 0 ? err.ptr : out.ptr, want_out, "  its result");
	align_buf_release(&out);
	align_buf_release(&err);
}

static void test_expand(void)
{
	struct align_kind_vars v = { "Partner Webinar: Q4 édition!", "2026-Q4",
				     "maya", { 2026, 11, 5 }, "0042" };
	struct align_kind_vars none = { NULL, NULL, NULL, { 2026, 1, 9 },
					NULL };

	expand(align_kind_brief.id_pattern, &v, 0,
	       "2026-11-partner-webinar-q4-edition", "a brief's id");
	expand(align_kind_okr.id_pattern, &v, 0,
	       "2026-q4-partner-webinar-q4-edition", "an objective's id");
	expand(align_kind_okr.subfolder_pattern, &v, 0, "2026-Q4",
	       "an objective's folder");
	v.period = "2026-W47";
	expand(align_kind_update.id_pattern, &v, 0, "2026-w47-maya",
	       "an update's id");
	expand("{date}", &none, 0, "2026-01-09", "{date}");
	expand("{number}-{slug}", &v, 0, "0042-partner-webinar-q4-edition",
	       "a numbered id");
	expand("{number}", &none, ALIGN_EINVALID,
	       "pattern '{number}' needs '{number}', which is not given",
	       "{number} must be given");
	expand("{period}-{slug}", &none, ALIGN_EINVALID,
	       "pattern '{period}-{slug}' needs '{period}', which is not given",
	       "a missing variable is an error");
	none.title = "!!!";
	expand("{yyyy}-{slug}", &none, ALIGN_EINVALID,
	       "cannot make an id from title '!!!'; give one with --id",
	       "a title without a slug");
	none.title = "a very long title that goes on and on well past the "
		     "limit of sixty four bytes for an id";
	{
		struct align_buf out = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT;
		align_kind_expand(&out, "{yyyy}-{slug}-x", &none, &err);
		ok(out.len <= 64 && align_starts_with(out.ptr, "2026-a-very") &&
			   align_ends_with(out.ptr, "-x"),
		   "the slug is cut so the id stays within 64 bytes (%s)",
		   out.ptr);
		align_buf_release(&out);
		align_buf_release(&err);
	}
}

static void test_fields(void)
{
	const struct align_field *f = align_kind_field(&align_kind_brief, "due");

	ok(f && f->type == ALIGN_FIELD_DATE, "a brief's due is a date");
	f = align_kind_field(&align_kind_okr, "parent");
	ok(f && f->type == ALIGN_FIELD_REF && !strcmp(f->ref, "objective"),
	   "an objective's parent references an objective");
	ok(align_kind_field(&align_kind_okr, "current") == NULL,
	   "a key result's field is not the objective's own");
	f = align_kind_field(&align_kind_update, "person");
	ok(f && f->type == ALIGN_FIELD_PERSON && (f->flags & ALIGN_FIELD_REQUIRED),
	   "an update's person is a required person");
	is_str(align_field_type_name(ALIGN_FIELD_PERSONS), "persons",
	       "type names");
}

int main(void)
{
	test_table();
	test_apply();
	test_state_check();
	test_expand();
	test_fields();
	return done_testing();
}
