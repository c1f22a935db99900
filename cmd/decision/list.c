/*
 * align decision ls, revisit and show: the log as a table, the decisions
 * due for revisit, and one decision with its lifecycle from history.
 */
#include "align.h"
#include "decision/verbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "decision-log.h"
#include "decision.h"
#include "history.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "timeline.h"
#include "workflow.h"
#include "util/error.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "json", "csv", "md", NULL };

static const char *field(const struct align_record *r, const char *key)
{
	const char *v = align_record_get(r, "decision", NULL, key);

	return v && *v ? v : NULL;
}

static int by_number(const void *a, const void *b)
{
	const struct align_entry *x = *(const struct align_entry *const *)a;
	const struct align_entry *y = *(const struct align_entry *const *)b;
	long nx = align_kind_serial_of(align_record_id(x->record));
	long ny = align_kind_serial_of(align_record_id(y->record));

	if (nx != ny) {
		return nx < ny ? -1 : 1;
	}
	return strcmp(align_record_id(x->record), align_record_id(y->record));
}

/*
 * The readable decisions of the catalog, by number; those that cannot
 * be read are said on stderr. Free the array.
 */
static const struct align_entry **decisions_of(const struct align_catalog *cat,
					       size_t *out_n)
{
	const struct align_entry **list =
		align_calloc(cat->count + 1, sizeof(*list));
	size_t n = 0;

	for (size_t i = 0; i < cat->count; i++) {
		const struct align_entry *e = &cat->entries[i];

		if (e->kind != &align_kind_decision) {
			continue;
		}
		if (e->skipped) {
			warning_msg("'%s' %s", e->path, e->skipped);
		} else if (!e->record || strcmp(align_record_kind(e->record),
						"decision") ||
			   !align_record_id(e->record)) {
			warning_msg("skipping '%s': it is not a readable "
				    "decision (see 'align check')",
				    e->path);
		} else {
			list[n++] = e;
		}
	}
	qsort(list, n, sizeof(*list), by_number);
	*out_n = n;
	return list;
}

/* A comma-separated list: a JSON list, else the text as written. */
static void print_people(struct align_printer *p, const char *v)
{
	struct align_buf one = ALIGN_BUF_INIT;

	if (align_printer_format(p) != ALIGN_PRINTER_JSON) {
		align_printer_string(p, v);
		return;
	}
	align_printer_begin_list(p);
	for (const char *q = v ? v : ""; *q;) {
		size_t n;

		q += strspn(q, " ");
		n = strcspn(q, ",");
		align_buf_clear(&one);
		align_buf_add(&one, q, n);
		align_buf_rtrim(&one);
		if (one.len) {
			align_printer_string(p, one.ptr);
		}
		q += n;
		q += *q == ',';
	}
	align_printer_end(p);
	align_buf_release(&one);
}

/*
 * One decision as a row: number, status, date, id, title; other formats
 * than text add who decides, revisit and the links between decisions.
 */
static void print_row(struct align_printer *p, const struct align_entry *e)
{
	static const char *const more[] = { "consulted", "informed", "revisit",
					    "supersedes", "superseded-by",
					    NULL };
	const struct align_record *r = e->record;
	int text = align_printer_format(p) == ALIGN_PRINTER_TEXT;

	align_printer_begin_map(p);
	align_printer_map_key(p, "number");
	align_printer_string(p, field(r, "number"));
	align_printer_map_key(p, "status");
	align_printer_string(p, field(r, "status"));
	align_printer_map_key(p, "date");
	align_printer_string(p, field(r, "date"));
	align_printer_map_key(p, "id");
	align_printer_string(p, align_record_id(r));
	align_printer_map_key(p, "title");
	align_printer_string(p, r->title ? r->title : "");
	if (!text) {
		align_printer_map_key(p, "deciders");
		print_people(p, field(r, "deciders"));
		for (size_t i = 0; more[i]; i++) {
			/* JSON keys are identifiers: superseded_by. */
			align_printer_map_key(p, strcmp(more[i], "superseded-by")
							 ? more[i]
							 : "superseded_by");
			align_printer_string(p, field(r, more[i]));
		}
		align_printer_map_key(p, "path");
		align_printer_string(p, e->path);
	}
	align_printer_end(p);
}

static int status_known(const char *status)
{
	return align_kind_has_status(&align_kind_decision, status);
}

int decision_ls(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align decision ls [--status <status>] [--format <format>]",
		NULL,
	};
	const char *status = NULL, *format = "text";
	const struct opt opts[] = {
		{ OPT_STRING, 0, "status", &status, "<status>",
		  "only decisions with this status", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, json, csv or md", formats },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	const struct align_entry **list = NULL;
	struct align_printer *p;
	size_t n = 0;
	int nargs, code;

	nargs = opts_parse(argc, argv, opts, usage, 0);
	if (nargs < 0) {
		return nargs == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (nargs > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	if (status && !status_known(status)) {
		error_msg("no decision has the status '%s' (statuses: proposed, "
			  "accepted, rejected, deprecated, superseded)",
			  status);
		return EXIT_USAGE;
	}
	if ((code = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	list = decisions_of(&cat, &n);
	p = printer_for(format);
	align_printer_begin_map(p);
	align_printer_map_key(p, "decisions");
	align_printer_begin_list(p);
	for (size_t i = 0; i < n; i++) {
		if (!status || !strcmp(field(list[i]->record, "status")
					       ? field(list[i]->record, "status")
					       : "",
				       status)) {
			print_row(p, list[i]);
		}
	}
	align_printer_end(p);
	align_printer_end(p);
	align_printer_free(p);
done:
	free(list);
	align_catalog_release(&cat);
	return code;
}

int decision_revisit(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align decision revisit [--exit-code] [--format <format>]",
		NULL,
	};
	const char *format = "text";
	int exit_code = 0;
	const struct opt opts[] = {
		{ OPT_BOOL, 0, "exit-code", &exit_code, NULL,
		  "exit 1 when a decision is due, as git diff --exit-code",
		  NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, json, csv or md", formats },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	const struct align_entry **list = NULL;
	struct align_printer *p;
	size_t n = 0, due = 0;
	int nargs, code;

	nargs = opts_parse(argc, argv, opts, usage, 0);
	if (nargs < 0) {
		return nargs == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (nargs > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	if ((code = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	list = decisions_of(&cat, &n);
	p = printer_for(format);
	align_printer_begin_map(p);
	align_printer_map_key(p, "revisit");
	align_printer_begin_list(p);
	for (size_t i = 0; i < n; i++) {
		const struct align_record *r = list[i]->record;

		if (!align_decision_revisit_due(r, &ctx->today)) {
			continue;
		}
		due++;
		align_printer_begin_map(p);
		align_printer_map_key(p, "number");
		align_printer_string(p, field(r, "number"));
		align_printer_map_key(p, "revisit");
		align_printer_string(p, field(r, "revisit"));
		align_printer_map_key(p, "id");
		align_printer_string(p, align_record_id(r));
		align_printer_map_key(p, "deciders");
		print_people(p, field(r, "deciders"));
		align_printer_map_key(p, "title");
		align_printer_string(p, r->title ? r->title : "");
		if (align_printer_format(p) != ALIGN_PRINTER_TEXT) {
			align_printer_map_key(p, "path");
			align_printer_string(p, list[i]->path);
		}
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_end(p);
	align_printer_free(p);
	code = exit_code && due ? EXIT_FINDINGS : EXIT_OK;
done:
	free(list);
	align_catalog_release(&cat);
	return code;
}

/* The word for one step of a decision's life. */
static const char *step_action(const struct align_decision_life *life,
			       size_t i)
{
	const struct align_decision_step *s = &life->steps[i];
	const char *prev = i ? life->steps[i - 1].event->state : NULL;
	const struct align_move *m;

	if (s->renumbered) {
		return "renumbered";
	}
	if (i == 0) {
		return "created";
	}
	m = align_workflow_move_to(&align_kind_decision, prev, s->event->state);
	return m ? m->past : "changed";
}

static void print_life(struct align_printer *p,
		       const struct align_decision_life *life)
{
	int json = align_printer_format(p) == ALIGN_PRINTER_JSON;

	align_printer_map_key(p, "lifecycle");
	align_printer_begin_list(p);
	align_printer_text(p, "\nLifecycle\n");
	if (!life->n) {
		align_printer_text(p, "    none: not committed yet\n");
	}
	for (size_t i = 0; i < life->n; i++) {
		const struct align_decision_step *s = &life->steps[i];
		const struct align_timeline_event *ev = s->event;
		struct align_time t = { ev->when, 0 };
		struct align_date d;
		char date[ALIGN_DATE_STRLEN];

		align_time_date(&d, &t);
		align_date_format(date, &d);
		if (json) {
			align_printer_begin_map(p);
			align_printer_map_key(p, "date");
			align_printer_string(p, date);
			align_printer_map_key(p, "action");
			align_printer_string(p, step_action(life, i));
			align_printer_map_key(p, "status");
			align_printer_string(p, ev->state);
			align_printer_map_key(p, "id");
			align_printer_string(p, s->id);
			align_printer_map_key(p, "who");
			align_printer_string(p, s->who);
			align_printer_map_key(p, "author");
			align_printer_string(p, ev->author);
			align_printer_map_key(p, "email");
			align_printer_string(p, ev->email);
			align_printer_map_key(p, "commit");
			align_printer_string(p, ev->commit);
			align_printer_map_key(p, "note");
			align_printer_string(p, ev->note);
			align_printer_end(p);
			continue;
		}
		align_printer_textf(p, "    %s ", date);
		align_printer_string(p, s->who);
		align_printer_textf(p, " %s", step_action(life, i));
		if (s->renumbered) {
			align_printer_text(p, " as ");
			align_printer_string(p, s->id);
		} else if (i == 0) {
			align_printer_text(p, " it, ");
			align_printer_string(p, ev->state);
		}
		align_printer_textf(p, " (%.12s)", ev->commit);
		if (ev->note) {
			align_printer_text(p, "  ");
			align_printer_string(p, ev->note);
		}
		align_printer_separator(p);
	}
	align_printer_end(p);
}

/* The timeline of the decisions' folder, from HEAD. */
static int load_timeline(struct align_timeline *t, struct align_ctx *ctx)
{
	const char *folders[2];
	struct align_history_opts ho;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct align_history_consumer c = align_timeline_consumer(t);
	int ret;

	align_timeline_init(t);
	align_history_opts_init(&ho);
	folders[0] = align_kind_folder(&align_kind_decision, ctx->repo);
	folders[1] = NULL;
	ho.folders = folders;
	ret = align_history_walk(ctx->repo, &ho, c.fn, c.payload, &warnings);
	align_timeline_finish(t);
	if (ret < 0 && ret != ALIGN_ENOTFOUND) {
		align_diags_clear(&warnings);
		return fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
	}
	print_history_warnings(&warnings);
	align_diags_clear(&warnings);
	return 0;
}

int decision_show(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align decision show <decision> [--format <format>]",
		NULL,
	};
	static const char *const show_formats[] = { "text", "json", NULL };
	const char *format = "text";
	const struct opt opts[] = {
		{ OPT_CHOICE, 0, "format", &format, "<format>", "text or json",
		  show_formats },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags ignored = ALIGN_DIAGS_INIT;
	struct align_timeline timeline;
	struct align_decision_life life;
	struct align_buf ref = ALIGN_BUF_INIT, shown = ALIGN_BUF_INIT;
	struct align_buf prose = ALIGN_BUF_INIT;
	const struct align_entry *e;
	struct align_printer *p;
	int nargs, code;

	memset(&life, 0, sizeof(life));
	align_timeline_init(&timeline);
	nargs = opts_parse(argc, argv, opts, usage, 0);
	if (nargs < 0) {
		return nargs == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (nargs != 1) {
		error_msg("%s", nargs ? "too many arguments"
				      : "which decision? give its number, id or "
					"path");
		return EXIT_USAGE;
	}
	if ((code = load_catalog(ctx, &cat)) != 0 ||
	    (code = find_record(&e, ctx, &cat, &align_kind_decision,
				decision_ref(&ref, argv[0]))) != 0 ||
	    (code = load_timeline(&timeline, ctx)) != 0) {
		goto done;
	}
	if (align_people_load(&people, ctx->repo, &ignored) < 0) {
		align_people_release(&people); /* check reports it */
	}
	align_decision_life(&life, &timeline, e->record, &people);
	p = printer_for(format);
	align_printer_begin_map(p);
	if (align_printer_format(p) == ALIGN_PRINTER_JSON) {
		align_printer_map_key(p, "decision");
		record_print(p, e);
	} else {
		const struct align_record *r = e->record;
		static const char *const keys[] = {
			"number", "status", "date", "deciders", "consulted",
			"informed", "supersedes", "superseded-by", "revisit",
			"renumbered-from", NULL,
		};

		align_repo_display_path(ctx->repo, e->path, &shown);
		align_printer_string(p, r->title ? r->title : "");
		align_printer_text(p, "\ndecision ");
		align_printer_string(p, align_record_id(r));
		align_printer_text(p, " (");
		align_printer_string(p, shown.ptr);
		align_printer_text(p, ")\n\n");
		for (size_t i = 0; keys[i]; i++) {
			if (!field(r, keys[i])) {
				continue;
			}
			align_printer_textf(p, "    %-16s", keys[i]);
			align_printer_string(p, field(r, keys[i]));
			align_printer_separator(p);
		}
	}
	print_life(p, &life);
	if (align_printer_format(p) != ALIGN_PRINTER_JSON) {
		align_record_prose(e->record, &prose);
		if (prose.len) {
			align_printer_separator(p);
			align_printer_string_len(p, prose.ptr, prose.len);
			align_printer_separator(p);
		}
	}
	align_printer_end(p);
	align_printer_free(p);
done:
	align_decision_life_release(&life);
	align_timeline_release(&timeline);
	align_people_release(&people);
	align_diags_clear(&ignored);
	align_catalog_release(&cat);
	align_buf_release(&ref);
	align_buf_release(&shown);
	align_buf_release(&prose);
	return code;
}
