/*
 * Unit tests of the brief's strategic filters (lib/brief.c): the
 * checklist parser of "## Strategic filters", the criteria copied from
 * align.ini's [filters] into a new brief, and the approved state's advice
 * as check sees it.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "repo.h"
#include "workflow.h"
#include "util/error.h"

#include "tap.h"

static struct align_record *parse(const char *status, const char *prose)
{
	struct align_buf text = ALIGN_BUF_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_record *r = NULL;

	align_buf_addf(&text,
		       "# Webinar\n\n```ini\n[brief]\nid = 2026-11-webinar\n"
		       "status = %s\nowner = maya\naccountable = dana\n"
		       "due = 2026-12-10\ncreated = 2026-11-02\n```\n\n%s",
		       status, prose);
	if (align_record_parse(&r, "briefs/2026-11-webinar.md", text.ptr,
			       text.len, NULL, &diags) < 0) {
		printf("# fixture does not parse: %s\n", diags.items[0].message);
		exit(1);
	}
	align_diags_clear(&diags);
	align_buf_release(&text);
	return r;
}

static void test_unticked(void)
{
	struct align_record *r = parse(
		"draft",
		"## Why are we doing this?\n\n- [ ] not a filter\n\n"
		"## Strategic filters\n\n"
		"- [ ] Serves the ICP\n"
		"* [ ]   Moves pipeline  \n"
		"- [x] Fits an objective\n"
		"- [X] Has a budget\n"
		"- [ ]\n"
		"- [y] not a box\n"
		"- [ ]glued\n"
		"-[ ] not an item\n"
		"Because: the partner team asked.\n"
		"- [ ] Has, a comma\n"
		"\n## strategic filters\n\n- [ ] other case\n");
	struct align_buf out = ALIGN_BUF_INIT;
	size_t line = 0;

	is_int((long long)align_brief_unticked(r, &out, &line), 3,
	       "three unticked criteria");
	is_str(out.ptr, "Serves the ICP; Moves pipeline; Has, a comma",
	       "trimmed, in order, from that section only");
	is_int((long long)line, 17, "the line of its heading");
	align_record_free(r);
	align_buf_clear(&out);
	r = parse("draft", "## Strategic filters\n\n- [x] Done\n");
	line = 0;
	is_int((long long)align_brief_unticked(r, &out, &line), 0,
	       "all ticked: none unticked");
	is_str(out.ptr, "", "and nothing listed");
	align_record_free(r);
	r = parse("draft", "## Other\n");
	line = 0;
	is_int((long long)align_brief_unticked(r, &out, &line), 0,
	       "no section: none");
	is_int((long long)line, 0, "and no line");
	align_record_free(r);
	align_buf_release(&out);
}

static void test_advice(void)
{
	static const char *const states[] = { "draft", "submitted", "approved",
					      "live", "completed" };
	struct align_buf why = ALIGN_BUF_INIT;

	for (size_t i = 0; i < 5; i++) {
		struct align_record *r = parse(
			states[i], "## Strategic filters\n\n- [ ] Serves the ICP\n");
		struct align_diags d = ALIGN_DIAGS_INIT;
		int approved = !strcmp(states[i], "approved");
		size_t warnings;

		align_buf_clear(&why);
		align_workflow_check(r, &align_kind_brief, NULL, &d);
		warnings = align_diags_count(&d, ALIGN_SEV_WARNING);
		is_int((long long)warnings, approved,
		       approved ? "approved with an unticked filter: a warning"
				: "other states: no warning");
		if (approved && warnings) {
			const struct align_diag *w = &d.items[d.count - 1];
			is_str(w->message,
			       "approved brief has unticked strategic filters: "
			       "Serves the ICP",
			       "the warning names the criterion");
			is_int((long long)w->line, 13, "on the section's line");
		}
		is_int(align_workflow_advice(r, &align_kind_brief, NULL, &why),
		       approved, "align_workflow_advice agrees");
		align_diags_clear(&d);
		align_record_free(r);
	}
	align_buf_release(&why);
}

/* A repository whose align.ini ends with `filters`. */
static struct align_repo *repo_with(const char *dir, const char *filters)
{
	struct align_buf cmd = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT;
	struct align_repo *repo = NULL;

	align_buf_addf(&cmd,
		       "cd '%s' && printf '[align]\\nversion = 1\\n\\n"
		       "[filters]\\n%s' >align.ini",
		       dir, filters);
	if (system(cmd.ptr) != 0 || align_repo_open(&repo, dir, &err) < 0) {
		printf("#   %s\n", err.ptr);
		repo = NULL;
	}
	align_buf_release(&cmd);
	align_buf_release(&err);
	return repo;
}

static void test_add(const char *dir)
{
	struct align_repo *repo = repo_with(
		dir, "fit = Serves the ICP\\nempty =\\n"
		     "listed = Fits an objective\\nrevenue = Moves pipeline\\n");
	struct align_record *r;
	struct align_buf err = ALIGN_BUF_INIT, out = ALIGN_BUF_INIT;
	struct align_diags d = ALIGN_DIAGS_INIT;
	char big[260];
	const char *tail;

	if (!ok(repo != NULL, "a repository with [filters] opens")) {
		return;
	}
	r = parse("draft", "## Why are we doing this?\n\nBecause.\n");
	is_int(align_brief_add_filters(r, repo, &err), 0, "filters added");
	tail = strstr(r->bytes.ptr, "Because.\n");
	is_str(tail,
	       "Because.\n\n## Strategic filters\n\n- [ ] Serves the ICP\n"
	       "- [ ] Fits an objective\n- [ ] Moves pipeline\n",
	       "a section at the end, one item each, empty ones skipped");
	is_int(align_brief_add_filters(r, repo, &err), 0, "added again");
	is_str(strstr(r->bytes.ptr, "Because.\n"), tail ? tail : "",
	       "nothing twice");
	align_record_free(r);
	r = parse("draft", "## Strategic filters\n\n- [x] Fits an objective\n"
			   "\n## Notes\n\nx\n");
	is_int(align_brief_add_filters(r, repo, &err), 0,
	       "into a template's own section");
	is_str(strstr(r->bytes.ptr, "## Strategic"),
	       "## Strategic filters\n\n- [x] Fits an objective\n"
	       "- [ ] Serves the ICP\n- [ ] Moves pipeline\n\n## Notes\n\nx\n",
	       "after its items, a listed one not repeated");
	align_brief_filters_check(repo, &d);
	is_int((long long)d.count, 0, "check: these filters fit");
	align_record_free(r);
	align_repo_free(repo);

	memset(big, 'x', sizeof(big));
	/* The longest line INI allows leaves a value of 196 bytes. */
	memcpy(big, "l=", 2);
	big[2 + 196] = '\0';
	align_buf_addf(&out, "%s\\n", big);
	repo = repo_with(dir, out.ptr);
	if (!ok(repo != NULL, "a repository with a long filter opens")) {
		goto done;
	}
	r = parse("draft", "");
	is_int(align_brief_add_filters(r, repo, &err), ALIGN_ERROR,
	       "a criterion too long for one item is refused");
	is_str(err.ptr,
	       "align.ini:5: strategic filter 'l' cannot be a checklist "
	       "item of a brief: the item is too long (the limit is 200 "
	       "bytes)",
	       "naming its line in align.ini");
	align_brief_filters_check(repo, &d);
	ok(d.count == 1 && d.items[0].line == 5 &&
		   !strcmp(d.items[0].path, "align.ini"),
	   "check reports it at that line");
	align_record_free(r);
	align_repo_free(repo);
done:
	align_diags_clear(&d);
	align_buf_release(&err);
	align_buf_release(&out);
}

int main(void)
{
	char dir[] = "/tmp/align-test-brief.XXXXXX";
	struct align_buf cmd = ALIGN_BUF_INIT;

	test_unticked();
	test_advice();
	if (!mkdtemp(dir)) {
		ok(1, "filters # SKIP cannot make a folder");
		return done_testing();
	}
	align_buf_addf(&cmd,
		       "cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' && "
		       "git init -q -b main .",
		       dir, dir);
	if (system(cmd.ptr) != 0) {
		ok(1, "filters # SKIP cannot make a git repository");
	} else {
		test_add(dir);
	}
	align_buf_clear(&cmd);
	align_buf_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.ptr) != 0) {
		printf("# could not remove %s\n", dir);
	}
	align_buf_release(&cmd);
	return done_testing();
}
