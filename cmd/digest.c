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
#include "events.h"
#include "history.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "update.h"
#include "util/error.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "md", "json", NULL };

struct digest_update {
	const struct align_record *record;
	const char *person;
	struct align_buf items[3]; /* done, next, blockers: one per line */
};

static int keep_event(const struct align_history_entry *e, void *payload)
{
	struct align_events *events = ((void **)payload)[0];
	const struct align_people *people = ((void **)payload)[1];
	const struct align_record *r = e->new_ ? e->new_ : e->old;

	if (!strcmp(align_record_kind(r), align_kind_update.name)) {
		return 0; /* the updates are shown whole */
	}
	align_events_add_entry(events, e, people);
	return 0;
}

/* Calls `fn` for each line of `items`. */
#define EACH_LINE(items, line, len)                                            \
	for (const char *line = (items)->ptr, *end_ = NULL;                    \
	     *line && (end_ = strchr(line, '\n'));                             \
	     line = end_ + 1)                                                  \
		for (int len = (int)(end_ - line), once_ = 1; once_; once_ = 0)

static void print_text(const struct align_period *week, int md,
		       struct digest_update *ups, size_t nups,
		       const struct align_events *events,
		       const struct align_people *people)
{
	static const char *const labels[] = { "done", "next", "blocker" };
	char s[ALIGN_DATE_STRLEN], e[ALIGN_DATE_STRLEN];
	size_t nblock = 0, nmissing = 0, ncheck = 0, nchange = 0;

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
			nblock++;
		}
	}
	if (!nblock) {
		printf(md ? "None.\n" : "  none\n");
	}
	printf(md ? "\n## Check-ins\n\n" : "\nCheck-ins\n");
	for (size_t i = 0; i < events->count; i++) {
		const struct align_event *ev = &events->items[i];
		char d[ALIGN_DATE_STRLEN];
		struct align_date day;

		if (strcmp(ev->action, "checked in")) {
			continue;
		}
		align_time_date(&day, &ev->when);
		align_date_format(d, &day);
		printf(md ? "- %s %s %s\n" : "  %s %s %s\n", d, ev->who,
		       ev->text + strlen("checked in "));
		ncheck++;
	}
	if (!ncheck) {
		printf(md ? "None.\n" : "  none\n");
	}
	printf(md ? "\n## Changes\n\n" : "\nChanges\n");
	for (size_t i = 0; i < events->count; i++) {
		const struct align_event *ev = &events->items[i];
		char d[ALIGN_DATE_STRLEN];
		struct align_date day;

		if (!strcmp(ev->action, "checked in")) {
			continue;
		}
		align_time_date(&day, &ev->when);
		align_date_format(d, &day);
		printf(md ? "- %s %s %s\n" : "  %s %s %s\n", d, ev->who,
		       ev->text);
		nchange++;
	}
	if (!nchange) {
		printf(md ? "None.\n" : "  none\n");
	}
	printf(md ? "\n## No update from\n\n" : "\nNo update from\n");
	for (size_t p = 0; p < people->count; p++) {
		int posted = 0;
		for (size_t i = 0; i < nups; i++) {
			posted |= !strcmp(ups[i].person, people->items[p].handle);
		}
		if (!posted) {
			printf(md ? "- %s\n" : "  %s\n", people->items[p].handle);
			nmissing++;
		}
	}
	if (!nmissing) {
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

static void print_json(const struct align_period *week,
		       struct digest_update *ups, size_t nups,
		       const struct align_events *events,
		       const struct align_people *people)
{
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
		json_key(&j, pass ? "changes" : "checkins");
		json_begin_array(&j);
		for (size_t i = 0; i < events->count; i++) {
			const struct align_event *ev = &events->items[i];
			char d[ALIGN_DATE_STRLEN];
			struct align_date day;

			if ((strcmp(ev->action, "checked in") != 0) != pass) {
				continue;
			}
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
			json_string(&j, ev->action);
			json_key(&j, "text");
			json_string(&j, ev->text);
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
	for (size_t p = 0; p < people->count; p++) {
		int posted = 0;
		for (size_t i = 0; i < nups; i++) {
			posted |= !strcmp(ups[i].person, people->items[p].handle);
		}
		if (!posted) {
			json_string(&j, people->items[p].handle);
		}
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
	const char *folders[ALIGN_KINDS_MAX + 1];
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct align_events events = ALIGN_EVENTS_INIT;
	struct align_history_opts ho;
	struct digest_update *ups = NULL;
	size_t nups = 0, alloc = 0;
	struct align_period period;
	void *payload[2];
	int n, status = EXIT_OK;

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
	for (size_t i = 0; i < cat.count; i++) {
		const struct align_record *r = cat.entries[i].record;
		const char *w, *who;
		struct digest_update *u;

		if (!r || cat.entries[i].kind != &align_kind_update ||
		    !(w = align_record_get(r, "update", NULL, "week")) ||
		    strcmp(w, period.name)) {
			continue;
		}
		who = align_record_get(r, "update", NULL, "person");
		ALIGN_ARRAY_GROW(ups, alloc, nups + 1);
		u = &ups[nups++];
		u->record = r;
		u->person = who && *who ? who : align_record_id(r);
		for (int k = 0; k < 3; k++) {
			align_buf_init(&u->items[k]);
			align_record_section_items(r, align_update_sections[k],
						   &u->items[k]);
		}
	}
	align_history_opts_init(&ho);
	align_kind_folders(folders, ctx->repo);
	ho.folders = folders;
	ho.since = align_date_to_days(&period.start) * 86400;
	ho.until = align_date_to_days(&period.end) * 86400 + 86399;
	payload[0] = &events;
	payload[1] = &people;
	if (align_history_walk(ctx->repo, &ho, keep_event, payload,
			       &warnings) < 0) {
		status = fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
		goto done;
	}
	print_history_warnings(&warnings);
	if (!strcmp(format, "json")) {
		print_json(&period, ups, nups, &events, &people);
	} else {
		print_text(&period, !strcmp(format, "md"), ups, nups, &events,
			   &people);
	}
done:
	for (size_t i = 0; i < nups; i++) {
		for (int k = 0; k < 3; k++) {
			align_buf_release(&ups[i].items[k]);
		}
	}
	free(ups);
	align_events_release(&events);
	align_people_release(&people);
	align_diags_clear(&warnings);
	align_catalog_release(&cat);
	return status;
}
