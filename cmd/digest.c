/*
 * align digest: one week at a glance, the standup without the meeting:
 * every update, the blockers, the check-ins, what else changed, and who
 * has not posted.
 */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "digest.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "md", "json", NULL };

/* Calls `fn` for each line of `items`. */
#define EACH_LINE(items, line, len)                                            \
	for (const char *line = (items)->ptr, *end_ = NULL;                    \
	     *line && (end_ = strchr(line, '\n'));                             \
	     line = end_ + 1)                                                  \
		for (int len = (int)(end_ - line), once_ = 1; once_; once_ = 0)

static void print_text(const struct align_digest *dg, int md)
{
	static const char *const labels[] = { "done", "next", "blocker" };
	const struct align_period *week = &dg->week;
	const struct align_digest_update *ups = dg->updates;
	size_t nups = dg->nupdates;
	char s[ALIGN_DATE_STRLEN], e[ALIGN_DATE_STRLEN];

	align_date_format(s, &week->start);
	align_date_format(e, &week->end);
	printf(md ? "# Week %s (%s to %s)\n" : "Week %s (%s to %s)\n",
	       week->name, s, e);
	printf(md ? "\n## Updates\n" : "\nUpdates\n");
	if (!nups) {
		printf(md ? "\nNone.\n" : "  none\n");
	}
	for (size_t i = 0; i < nups; i++) {
		printf(md ? "\n### %s\n\n" : "  %s\n", ups[i].person);
		for (int k = 0; k < 3; k++) {
			EACH_LINE(&ups[i].items[k], line, len)
			{
				printf(md ? "- %s: %.*s\n" : "    %s: %.*s\n",
				       labels[k], len, line);
			}
		}
		EACH_LINE(&ups[i].notes, line, len)
		{
			printf(md ? "- note: %.*s\n" : "    note: %.*s\n", len,
			       line);
		}
	}
	printf(md ? "\n## Blockers\n\n" : "\nBlockers\n");
	for (size_t i = 0; i < nups; i++) {
		EACH_LINE(&ups[i].items[2], line, len)
		{
			if (md) {
				printf("- %.*s (owner: %s)\n", len, line,
				       ups[i].person);
			} else {
				printf("  %s: %.*s\n", ups[i].person, len,
				       line);
			}
		}
	}
	if (!dg->nblockers) {
		printf(md ? "None.\n" : "  none\n");
	}
	printf(md ? "\n## Check-ins\n\n" : "\nCheck-ins\n");
	for (size_t i = 0; i < dg->ncheckins; i++) {
		const struct align_event *ev = &dg->events.items[dg->checkins[i]];
		char d[ALIGN_DATE_STRLEN];
		struct align_date day;

		align_time_date(&day, &ev->when);
		align_date_format(d, &day);
		printf(md ? "- %s %s %s%s%s\n" : "  %s %s %s%s%s\n", d,
		       ev->who, ev->text + strlen("checked in "),
		       ev->note ? "  " : "", ev->note ? ev->note : "");
	}
	if (!dg->ncheckins) {
		printf(md ? "None.\n" : "  none\n");
	}
	printf(md ? "\n## Changes\n\n" : "\nChanges\n");
	for (size_t i = 0; i < dg->nchanges; i++) {
		const struct align_event *ev = &dg->events.items[dg->changes[i]];
		char d[ALIGN_DATE_STRLEN];
		struct align_date day;

		align_time_date(&day, &ev->when);
		align_date_format(d, &day);
		printf(md ? "- %s %s %s%s%s\n" : "  %s %s %s%s%s\n", d,
		       ev->who, ev->text, ev->note ? "  " : "",
		       ev->note ? ev->note : "");
	}
	if (!dg->nchanges) {
		printf(md ? "None.\n" : "  none\n");
	}
	printf(md ? "\n## No update from\n\n" : "\nNo update from\n");
	for (size_t p = 0; p < dg->nmissing; p++) {
		printf(md ? "- %s\n" : "  %s\n", dg->missing[p]);
	}
	if (!dg->nmissing) {
		printf(md ? "Everyone posted.\n" : "  everyone posted\n");
	}
}

static void json_lines(struct json *j, const struct align_buf *items)
{
	struct align_buf one = ALIGN_BUF_INIT;

	json_begin_array(j);
	EACH_LINE(items, line, len)
	{
		align_buf_clear(&one);
		align_buf_add(&one, line, (size_t)len);
		json_string(j, one.ptr);
	}
	json_end_array(j);
	align_buf_release(&one);
}

static void print_json(const struct align_digest *dg)
{
	const struct align_period *week = &dg->week;
	const struct align_digest_update *ups = dg->updates;
	size_t nups = dg->nupdates;
	char s[ALIGN_DATE_STRLEN], e[ALIGN_DATE_STRLEN];
	struct align_buf one = ALIGN_BUF_INIT;
	struct json j;

	align_date_format(s, &week->start);
	align_date_format(e, &week->end);
	json_init(&j, stdout);
	json_begin_object(&j);
	json_key(&j, "week");
	json_string(&j, week->name);
	json_key(&j, "start");
	json_string(&j, s);
	json_key(&j, "end");
	json_string(&j, e);
	json_key(&j, "updates");
	json_begin_array(&j);
	for (size_t i = 0; i < nups; i++) {
		json_begin_object(&j);
		json_key(&j, "person");
		json_string(&j, ups[i].person);
		json_key(&j, "path");
		json_string(&j, ups[i].record->path);
		json_key(&j, "done");
		json_lines(&j, &ups[i].items[0]);
		json_key(&j, "next");
		json_lines(&j, &ups[i].items[1]);
		json_key(&j, "blockers");
		json_lines(&j, &ups[i].items[2]);
		json_key(&j, "notes");
		json_lines(&j, &ups[i].notes);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "blockers");
	json_begin_array(&j);
	for (size_t i = 0; i < nups; i++) {
		EACH_LINE(&ups[i].items[2], line, len)
		{
			align_buf_clear(&one);
			align_buf_add(&one, line, (size_t)len);
			json_begin_object(&j);
			json_key(&j, "owner");
			json_string(&j, ups[i].person);
			json_key(&j, "text");
			json_string(&j, one.ptr);
			json_end_object(&j);
		}
	}
	json_end_array(&j);
	for (int pass = 0; pass < 2; pass++) {
		const size_t *which = pass ? dg->changes : dg->checkins;
		size_t count = pass ? dg->nchanges : dg->ncheckins;

		json_key(&j, pass ? "changes" : "checkins");
		json_begin_array(&j);
		for (size_t i = 0; i < count; i++) {
			const struct align_event *ev = &dg->events.items[which[i]];
			char d[ALIGN_DATE_STRLEN];
			struct align_date day;

			align_time_date(&day, &ev->when);
			align_date_format(d, &day);
			json_begin_object(&j);
			json_key(&j, "date");
			json_string(&j, d);
			json_key(&j, "who");
			json_string(&j, ev->who);
			json_key(&j, "kind");
			json_string(&j, ev->kind);
			json_key(&j, "id");
			json_string(&j, ev->id);
			json_key(&j, "action");
			json_string(&j, align_event_action(ev));
			json_key(&j, "text");
			json_string(&j, ev->text);
			json_key(&j, "note");
			if (ev->note) {
				json_string(&j, ev->note);
			} else {
				json_null(&j);
			}
			if (!pass && ev->sub) {
				json_key(&j, "key");
				json_string(&j, ev->sub);
				json_key(&j, "old");
				json_string(&j, ev->old_value ? ev->old_value
							      : "");
				json_key(&j, "new");
				json_string(&j, ev->new_value ? ev->new_value
							      : "");
			}
			json_end_object(&j);
		}
		json_end_array(&j);
	}
	json_key(&j, "missing");
	json_begin_array(&j);
	for (size_t p = 0; p < dg->nmissing; p++) {
		json_string(&j, dg->missing[p]);
	}
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
	align_buf_release(&one);
}

int cmd_digest(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align digest [--week <week>] [--format <format>]", NULL
	};
	const char *week = NULL, *format = "text";
	const struct opt opts[] = {
		{ OPT_STRING, 0, "week", &week, "<week>",
		  "the ISO week, YYYY-Www (default: this week)", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, md (Markdown) or json", formats },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct align_digest dg;
	struct align_period period;
	int n, status = EXIT_OK;

	memset(&dg, 0, sizeof(dg));
	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	if (week) {
		if (align_week_parse(&period, week) < 0) {
			error_msg("invalid week '%s': use YYYY-Www, as in "
				  "2026-W47",
				  week);
			return EXIT_USAGE;
		}
	} else {
		align_week_of(&period, &ctx->today);
	}
	if ((status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	if (align_people_load(&people, ctx->repo, &warnings) < 0) {
		align_people_release(&people);
	}
	align_diags_clear(&warnings);
	if (align_digest_load(&dg, ctx->repo, &period, &cat, &people,
			      &warnings) < 0) {
		status = fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
		goto done;
	}
	print_history_warnings(&warnings);
	if (!strcmp(format, "json")) {
		print_json(&dg);
	} else {
		print_text(&dg, !strcmp(format, "md"));
	}
done:
	align_digest_release(&dg);
	align_people_release(&people);
	align_diags_clear(&warnings);
	align_catalog_release(&cat);
	return status;
}
