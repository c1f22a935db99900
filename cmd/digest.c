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

/* One event's line: "date who text  note", after `lead`. */
static void event_line(struct align_printer *p, const char *lead,
		       const struct align_event *ev, const char *text)
{
	char d[ALIGN_DATE_STRLEN];
	struct align_date day;

	align_time_date(&day, &ev->when);
	align_date_format(d, &day);
	align_printer_textf(p, "%s%s ", lead, d);
	align_printer_string(p, ev->who);
	align_printer_text(p, " ");
	align_printer_string(p, text);
	if (ev->note) {
		align_printer_text(p, "  ");
		align_printer_string(p, ev->note);
	}
	align_printer_separator(p);
}

/* Text and Markdown: one section a heading, one line an item. */
static void print_text(struct align_printer *p, const struct align_digest *dg)
{
	static const char *const labels[] = { "done", "next", "blocker" };
	const struct align_period *week = &dg->week;
	const struct align_digest_update *ups = dg->updates;
	size_t nups = dg->nupdates;
	int md = align_printer_format(p) == ALIGN_PRINTER_MARKDOWN;
	const char *item = md ? "- " : "  ";
	const char *none = md ? "None.\n" : "  none\n";
	char s[ALIGN_DATE_STRLEN], e[ALIGN_DATE_STRLEN];

	align_date_format(s, &week->start);
	align_date_format(e, &week->end);
	align_printer_text(p, md ? "# Week " : "Week ");
	align_printer_string(p, week->name);
	align_printer_textf(p, " (%s to %s)\n", s, e);
	align_printer_text(p, md ? "\n## Updates\n" : "\nUpdates\n");
	if (!nups) {
		align_printer_text(p, md ? "\nNone.\n" : "  none\n");
	}
	for (size_t i = 0; i < nups; i++) {
		align_printer_text(p, md ? "\n### " : "  ");
		align_printer_string(p, ups[i].person);
		align_printer_text(p, md ? "\n\n" : "\n");
		for (int k = 0; k < 3; k++) {
			EACH_LINE(&ups[i].items[k], line, len)
			{
				align_printer_textf(p, "%s%s: ",
						    md ? "- " : "    ",
						    labels[k]);
				align_printer_string_len(p, line, (size_t)len);
				align_printer_separator(p);
			}
		}
		EACH_LINE(&ups[i].notes, line, len)
		{
			align_printer_text(p, md ? "- note: " : "    note: ");
			align_printer_string_len(p, line, (size_t)len);
			align_printer_separator(p);
		}
	}
	align_printer_text(p, md ? "\n## Blockers\n\n" : "\nBlockers\n");
	for (size_t i = 0; i < nups; i++) {
		EACH_LINE(&ups[i].items[2], line, len)
		{
			align_printer_text(p, item);
			if (md) {
				align_printer_string_len(p, line, (size_t)len);
				align_printer_text(p, " (owner: ");
				align_printer_string(p, ups[i].person);
				align_printer_text(p, ")");
			} else {
				align_printer_string(p, ups[i].person);
				align_printer_text(p, ": ");
				align_printer_string_len(p, line, (size_t)len);
			}
			align_printer_separator(p);
		}
	}
	if (!dg->nblockers) {
		align_printer_text(p, none);
	}
	align_printer_text(p, md ? "\n## Check-ins\n\n" : "\nCheck-ins\n");
	for (size_t i = 0; i < dg->ncheckins; i++) {
		const struct align_event *ev = &dg->events.items[dg->checkins[i]];
		const char *text = ev->text;

		/* Under "Check-ins", the sentence without its verb. */
		if (!strncmp(text, "checked in ", strlen("checked in "))) {
			text += strlen("checked in ");
		}
		event_line(p, item, ev, text);
	}
	if (!dg->ncheckins) {
		align_printer_text(p, none);
	}
	align_printer_text(p, md ? "\n## Changes\n\n" : "\nChanges\n");
	for (size_t i = 0; i < dg->nchanges; i++) {
		const struct align_event *ev = &dg->events.items[dg->changes[i]];

		event_line(p, item, ev, ev->text);
	}
	if (!dg->nchanges) {
		align_printer_text(p, none);
	}
	align_printer_text(p, md ? "\n## No update from\n\n"
				 : "\nNo update from\n");
	for (size_t i = 0; i < dg->nmissing; i++) {
		align_printer_text(p, item);
		align_printer_string(p, dg->missing[i]);
		align_printer_separator(p);
	}
	if (!dg->nmissing) {
		align_printer_text(p, md ? "Everyone posted.\n"
					 : "  everyone posted\n");
	}
}

/* The lines of `items` as a list of strings. */
static void lines_print(struct align_printer *p, const struct align_buf *items)
{
	align_printer_begin_list(p);
	EACH_LINE(items, line, len)
	{
		align_printer_string_len(p, line, (size_t)len);
	}
	align_printer_end(p);
}

/* JSON: the week, its updates and blockers, and events as align log's. */
static void print_json(struct align_printer *p, const struct align_digest *dg)
{
	const struct align_period *week = &dg->week;
	const struct align_digest_update *ups = dg->updates;
	size_t nups = dg->nupdates;
	char s[ALIGN_DATE_STRLEN], e[ALIGN_DATE_STRLEN];

	align_date_format(s, &week->start);
	align_date_format(e, &week->end);
	align_printer_begin_map(p);
	align_printer_map_key(p, "week");
	align_printer_string(p, week->name);
	align_printer_map_key(p, "start");
	align_printer_string(p, s);
	align_printer_map_key(p, "end");
	align_printer_string(p, e);
	align_printer_map_key(p, "updates");
	align_printer_begin_list(p);
	for (size_t i = 0; i < nups; i++) {
		align_printer_begin_map(p);
		align_printer_map_key(p, "person");
		align_printer_string(p, ups[i].person);
		align_printer_map_key(p, "path");
		align_printer_string(p, ups[i].record->path);
		align_printer_map_key(p, "done");
		lines_print(p, &ups[i].items[0]);
		align_printer_map_key(p, "next");
		lines_print(p, &ups[i].items[1]);
		align_printer_map_key(p, "blockers");
		lines_print(p, &ups[i].items[2]);
		align_printer_map_key(p, "notes");
		lines_print(p, &ups[i].notes);
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_map_key(p, "blockers");
	align_printer_begin_list(p);
	for (size_t i = 0; i < nups; i++) {
		EACH_LINE(&ups[i].items[2], line, len)
		{
			align_printer_begin_map(p);
			align_printer_map_key(p, "owner");
			align_printer_string(p, ups[i].person);
			align_printer_map_key(p, "text");
			align_printer_string_len(p, line, (size_t)len);
			align_printer_end(p);
		}
	}
	align_printer_end(p);
	for (int pass = 0; pass < 2; pass++) {
		const size_t *which = pass ? dg->changes : dg->checkins;
		size_t count = pass ? dg->nchanges : dg->ncheckins;

		align_printer_map_key(p, pass ? "changes" : "checkins");
		align_printer_begin_list(p);
		for (size_t i = 0; i < count; i++) {
			event_print(p, &dg->events.items[which[i]]);
		}
		align_printer_end(p);
	}
	align_printer_map_key(p, "missing");
	align_printer_begin_list(p);
	for (size_t i = 0; i < dg->nmissing; i++) {
		align_printer_string(p, dg->missing[i]);
	}
	align_printer_end(p);
	align_printer_end(p);
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
	struct align_printer *p;
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
	p = printer_for(format);
	if (align_printer_format(p) == ALIGN_PRINTER_JSON) {
		print_json(p, &dg);
	} else {
		print_text(p, &dg);
	}
	align_printer_free(p);
done:
	align_digest_release(&dg);
	align_people_release(&people);
	align_diags_clear(&warnings);
	align_catalog_release(&cat);
	return status;
}
