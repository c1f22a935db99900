/* align log: what people did to the records, newest first, from git. */
#include "align.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "events.h"
#include "history.h"
#include "options.h"
#include "output.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "json", NULL };

struct log_state {
	struct align_events events;
	const struct align_people *people;
	const struct align_kind *kind;
	/* With a record or a kind: the paths its versions had, for warnings. */
	const char **paths;
	size_t npaths;
	size_t alloc;
};

static void saw_path(struct log_state *st, const char *path)
{
	for (size_t i = 0; i < st->npaths; i++) {
		if (!strcmp(st->paths[i], path)) {
			return;
		}
	}
	ALIGN_ARRAY_GROW(st->paths, st->alloc, st->npaths + 2);
	st->paths[st->npaths++] = align_strdup(path);
	st->paths[st->npaths] = NULL;
}

static int on_entry(const struct align_history_entry *e, void *payload)
{
	struct log_state *st = payload;
	const struct align_record *r = e->new_ ? e->new_ : e->old;

	if (st->kind && strcmp(align_record_kind(r), st->kind->name)) {
		return 0;
	}
	saw_path(st, e->path);
	saw_path(st, e->old_path);
	align_events_add_entry(&st->events, e, st->people);
	return 0;
}

static int contains(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *s = haystack; *s; s++) {
		if (!strncasecmp(s, needle, n)) {
			return 1;
		}
	}
	return 0;
}

/* Does `who` name this event's author: handle, or part of name or email? */
static int by_author(const struct align_event *ev, const char *who)
{
	return !strcmp(ev->who, who) || contains(ev->name, who) ||
	       contains(ev->email, who);
}

/* The events, newest first: JSON whole, text one line each. */
static void print_events(struct align_printer *p,
			 const struct align_events *events, const char *author)
{
	int json = align_printer_format(p) == ALIGN_PRINTER_JSON;

	align_printer_begin_map(p);
	align_printer_map_key(p, "events");
	align_printer_begin_list(p);
	for (size_t i = 0; i < events->count; i++) {
		const struct align_event *ev = &events->items[i];
		char date[ALIGN_DATE_STRLEN];
		struct align_date d;

		if (author && !by_author(ev, author)) {
			continue;
		}
		if (json) {
			event_print(p, ev);
			continue;
		}
		align_time_date(&d, &ev->when);
		align_date_format(date, &d);
		align_printer_textf(p, "%s ", date);
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
	align_printer_end(p);
}

int print_history_warnings(const struct align_diags *warnings)
{
	for (size_t i = 0; i < warnings->count; i++) {
		const struct align_diag *d = &warnings->items[i];
		if (!*d->path) {
			warning_msg("%s", d->message);
		}
	}
	return 0;
}

void print_version_warnings(const struct align_diags *warnings,
			    const char *const *paths)
{
	for (size_t i = 0; i < warnings->count; i++) {
		const struct align_diag *d = &warnings->items[i];
		int wanted = !paths;

		for (size_t k = 0; paths && paths[k] && !wanted; k++) {
			wanted = !strcmp(paths[k], d->path);
		}
		if (*d->path && wanted) {
			warning_msg("%s: %s", d->path, d->message);
		}
	}
}

int parse_day_option(struct align_date *out, const char *option,
		     const char *value, const struct align_ctx *ctx)
{
	if (align_date_parse_human(out, value, &ctx->today) < 0) {
		error_msg("invalid date '%s' for --%s: use YYYY-MM-DD, today, "
			  "yesterday, N.days or N.weeks",
			  value, option);
		return -1;
	}
	return 0;
}

int cmd_log(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align log [--since <date>] [--until <date>] [--author <person>] "
		"[--kind <kind>] [--format <format>] [<record>]",
		NULL,
	};
	const char *since = NULL, *until = NULL, *author = NULL;
	const char *kind = NULL, *format = "text";
	const struct opt opts[] = {
		{ OPT_STRING, 0, "since", &since, "<date>",
		  "only changes on or after this day", NULL },
		{ OPT_STRING, 0, "until", &until, "<date>",
		  "only changes on or before this day", NULL },
		{ OPT_STRING, 0, "author", &author, "<person>",
		  "only changes by this person (handle, name or email)", NULL },
		{ OPT_STRING, 0, "kind", &kind, "<kind>",
		  "only records of this kind", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>", "text or json",
		  formats },
		OPT_END_(),
	};
	const char *folders[ALIGN_KINDS_MAX + 1];
	struct align_history_opts hopts;
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct log_state st;
	struct align_printer *p;
	struct align_date d;
	int n, ret, status = EXIT_OK;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 1) {
		error_msg("too many arguments; see 'align log -h'");
		return EXIT_USAGE;
	}
	memset(&st, 0, sizeof(st));
	align_history_opts_init(&hopts);
	if (since) {
		if (parse_day_option(&d, "since", since, ctx) < 0) {
			return EXIT_USAGE;
		}
		hopts.since = align_date_to_days(&d) * 86400;
	}
	if (until) {
		if (parse_day_option(&d, "until", until, ctx) < 0) {
			return EXIT_USAGE;
		}
		hopts.until = align_date_to_days(&d) * 86400 + 86399;
	}
	if (kind && !(st.kind = kind_from_arg(kind, ctx->repo))) {
		error_msg("unknown kind '%s'", kind);
		return EXIT_USAGE;
	}
	if (n == 1) {
		const struct align_entry *e = NULL;
		struct align_buf err = ALIGN_BUF_INIT;

		if ((status = load_catalog_for(ctx, &cat, NULL, argv[0])) !=
		    0) {
			goto done;
		}
		ret = align_catalog_find(&e, &cat, ctx->repo, NULL, argv[0],
					 &err);
		if (ret == 0) {
			hopts.id = align_record_id(e->record);
			hopts.path = e->path;
		} else if (ret == ALIGN_ENOTFOUND && align_id_valid(argv[0])) {
			hopts.id = argv[0]; /* a record deleted since */
		} else {
			status = fail_with(ret, err.ptr);
			align_buf_release(&err);
			goto done;
		}
		align_buf_release(&err);
	}
	if (align_people_load(&people, ctx->repo, &warnings) < 0) {
		/* A broken roster only costs the handles; check reports it. */
		align_people_release(&people);
		memset(&people, 0, sizeof(people));
	}
	align_diags_clear(&warnings);
	st.people = &people;
	align_kind_folders(folders, ctx->repo);
	hopts.folders = folders;
	ret = align_history_walk(ctx->repo, &hopts, on_entry, &st, &warnings);
	print_history_warnings(&warnings);
	if (hopts.id || st.kind) {
		static const char *const none[] = { NULL };
		print_version_warnings(&warnings,
				       st.paths ? (const char *const *)st.paths
						: none);
	} else {
		print_version_warnings(&warnings, NULL);
	}
	if (ret < 0) {
		status = fail_with(ret, align_repo_error(ctx->repo));
		goto done;
	}
	p = printer_for(format);
	print_events(p, &st.events, author);
	align_printer_free(p);
done:
	for (size_t i = 0; st.paths && st.paths[i]; i++) {
		free((char *)st.paths[i]);
	}
	free(st.paths);
	align_events_release(&st.events);
	align_people_release(&people);
	align_diags_clear(&warnings);
	align_catalog_release(&cat);
	return status;
}
