/* align show: one record's fields and prose. */
#include "align.h"

#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "events.h"
#include "people.h"
#include "options.h"
#include "output.h"
#include "util/error.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "json", NULL };

/* How many of a record's last events --history shows. */
#define RECENT_EVENTS 5

static void event_date(char out[ALIGN_DATE_STRLEN],
		       const struct align_event *ev)
{
	struct align_date d;

	align_time_date(&d, &ev->when);
	align_date_format(out, &d);
}

/* The record's last events: JSON as events, text one line each. */
static void print_history(struct align_printer *p,
			  const struct align_events *events)
{
	int json = align_printer_format(p) == ALIGN_PRINTER_JSON;

	align_printer_map_key(p, "recent_history");
	align_printer_begin_list(p);
	align_printer_text(p, "\nRecent history\n");
	if (!events->count) {
		align_printer_text(p, "    none: not committed yet\n");
	}
	for (size_t i = 0; i < events->count; i++) {
		const struct align_event *ev = &events->items[i];
		char date[ALIGN_DATE_STRLEN];

		if (json) {
			event_print(p, ev);
			continue;
		}
		event_date(date, ev);
		align_printer_textf(p, "    %s ", date);
		align_printer_string(p, ev->who);
		align_printer_text(p, " ");
		align_printer_string(p, ev->text);
		if (ev->note) {
			align_printer_text(p, "  ");
			align_printer_string(p, ev->note);
		}
		align_printer_separator(p);
	}
	align_printer_end(p);
}

/* The last events of the record shown, as of `rev` ("" for HEAD). */
static int load_recent(struct align_events *out, struct align_ctx *ctx,
		       const struct align_entry *e, const char *rev)
{
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	int status = EXIT_OK;

	if (align_people_load(&people, ctx->repo, &warnings) < 0) {
		/* A broken roster only costs the handles; check reports it. */
		align_people_release(&people);
	}
	align_diags_clear(&warnings);
	if (align_events_recent(out, ctx->repo, align_record_id(e->record),
				e->path, *rev ? rev : NULL, RECENT_EVENTS, &people,
				&warnings) < 0) {
		status = fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
	} else {
		print_history_warnings(&warnings);
	}
	align_people_release(&people);
	align_diags_clear(&warnings);
	return status;
}

/* Text: the title, what and where it is, the fields, then the prose. */
static void show_text(struct align_printer *p, const struct align_entry *e,
		      struct align_ctx *ctx)
{
	const struct align_record *r = e->record;
	const struct align_ini *ini = &r->ini;
	struct align_buf shown = ALIGN_BUF_INIT, prose = ALIGN_BUF_INIT;
	size_t width = 0;

	for (size_t f = 0; f < ini->nfields; f++) {
		size_t w = strlen(ini->fields[f].key);
		if (w > width) {
			width = w;
		}
	}
	align_repo_display_path(ctx->repo, e->path, &shown);
	if (r->title) {
		align_printer_string(p, r->title);
		align_printer_separator(p);
	}
	align_printer_string(p, align_record_kind(r));
	align_printer_text(p, " ");
	align_printer_string(p, align_record_id(r) ? align_record_id(r) : "-");
	align_printer_text(p, " (");
	align_printer_string(p, shown.ptr);
	align_printer_text(p, ")\n");
	for (size_t s = 0; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];
		if (s > 0) {
			align_printer_text(p, "\n[");
			align_printer_string(p, sec->name);
			if (sec->sub) {
				align_printer_text(p, " \"");
				align_printer_string(p, sec->sub);
				align_printer_text(p, "\"");
			}
			align_printer_text(p, "]\n");
		} else {
			align_printer_separator(p);
		}
		/* The section's own run of fields: linear in the record. */
		for (size_t f = sec->first_field;
		     f < sec->first_field + sec->nfields; f++) {
			const struct align_ini_field *field = &ini->fields[f];

			align_printer_text(p, "    ");
			align_printer_string(p, field->key);
			if (*field->value) {
				align_printer_textf(
					p, "%*s",
					(int)(width - strlen(field->key) + 2),
					"");
				align_printer_string(p, field->value);
			}
			align_printer_separator(p);
		}
	}
	align_record_prose(r, &prose);
	if (prose.len) {
		align_printer_separator(p);
		align_printer_string_len(p, prose.ptr, prose.len);
	}
	align_buf_release(&shown);
	align_buf_release(&prose);
}

int cmd_show(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align show <record> [--as-of <date|rev>] [--history] "
		"[--format <format>]",
		NULL
	};
	const char *format = "text", *as_of = NULL;
	int history = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "as-of", &as_of, "<date|rev>",
		  "as it stood at that day or revision", NULL },
		{ OPT_BOOL, 0, "history", &history, NULL,
		  "also its last events, with the notes given with -m", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>", "text or json",
		  formats },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_events events = ALIGN_EVENTS_INIT;
	const struct align_entry *e;
	struct align_printer *p;
	char rev[ALIGN_OID_HEXSZ + 1] = "";
	int n, status;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg(n ? "too many arguments" : "which record? give an id, "
						     "an id prefix or a path");
		return EXIT_USAGE;
	}
	status = as_of ? load_catalog_as_of(ctx, &cat, as_of, rev)
		       : load_catalog_for(ctx, &cat, NULL, argv[0]);
	if (status != 0) {
		goto done;
	}
	if ((status = find_record(&e, ctx, &cat, NULL, argv[0])) != 0) {
		goto done;
	}
	if (history && (status = load_recent(&events, ctx, e, rev)) != 0) {
		goto done;
	}
	p = printer_for(format);
	align_printer_begin_map(p);
	if (align_printer_format(p) == ALIGN_PRINTER_JSON) {
		record_print_members(p, e);
	} else {
		show_text(p, e, ctx);
	}
	if (history) {
		print_history(p, &events);
	}
	align_printer_end(p);
	align_printer_free(p);
done:
	align_events_release(&events);
	align_catalog_release(&cat);
	return status;
}
