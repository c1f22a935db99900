/*
 * align diff: what changed in the records between two points, said field
 * by field and section by section rather than line by line.
 */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "diff.h"
#include "history.h"
#include "options.h"
#include "output.h"
#include "util/error.h"
#include "util/idmap.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "json", NULL };

static const char *key_of(const struct align_entry *e)
{
	const char *id = e->record ? align_record_id(e->record) : NULL;
	return id ? id : e->path;
}

/*
 * Indexes a catalog's readable records by id (or path when they have
 * none) and its unreadable files by path, for pairing in linear time.
 */
struct side {
	const struct align_catalog *c;
	struct align_idmap by_key;
	struct align_idmap unreadable;
};

static void side_init(struct side *s, const struct align_catalog *c)
{
	struct align_idmap empty = ALIGN_IDMAP_INIT;

	s->c = c;
	s->by_key = empty;
	s->unreadable = empty;
	for (size_t i = 0; i < c->count; i++) {
		const struct align_entry *e = &c->entries[i];
		if (e->record) {
			align_idmap_add(&s->by_key, key_of(e), i, NULL);
		} else {
			align_idmap_add(&s->unreadable, e->path, i, NULL);
		}
	}
}

static void side_release(struct side *s)
{
	align_idmap_release(&s->by_key);
	align_idmap_release(&s->unreadable);
}

static const struct align_entry *match(const struct side *s,
				       const struct align_entry *e)
{
	size_t i;

	return align_idmap_get(&s->by_key, key_of(e), &i) ? &s->c->entries[i]
							  : NULL;
}

/* Is there a file at `path` that does not parse? */
static int unreadable_at(const struct side *s, const char *path)
{
	size_t i;

	return align_idmap_get(&s->unreadable, path, &i);
}

static void field_label(struct align_buf *out, const struct align_record *r,
			const struct align_record_change *c)
{
	if (c->type == ALIGN_CHANGE_TITLE) {
		align_buf_adds(out, "title");
	} else if (!strcmp(c->section, align_record_kind(r)) && !c->sub) {
		align_buf_adds(out, c->key);
	} else if (c->sub) {
		align_buf_addf(out, "%s %s %s", c->section, c->sub, c->key);
	} else {
		align_buf_addf(out, "%s %s", c->section, c->key);
	}
}

struct diff_out {
	const char *format;
	struct align_printer *p;
	int json;
	size_t count;
};

static void json_fields(struct align_printer *p,
			const struct align_record_diff *d)
{
	align_printer_map_key(p, "fields");
	align_printer_begin_list(p);
	for (size_t i = 0; i < d->count; i++) {
		const struct align_record_change *c = &d->items[i];
		if (c->type == ALIGN_CHANGE_PROSE) {
			continue;
		}
		field_change_print(p, c->section, c->sub, c->key, c->old_value,
				   c->new_value);
	}
	align_printer_end(p);
	align_printer_map_key(p, "prose");
	align_printer_begin_list(p);
	for (size_t i = 0; i < d->count; i++) {
		if (d->items[i].type == ALIGN_CHANGE_PROSE) {
			align_printer_string(p, d->items[i].key);
		}
	}
	align_printer_end(p);
}

static void text_fields(struct align_printer *p, const struct align_record *r,
			const struct align_record_diff *d)
{
	struct align_buf label = ALIGN_BUF_INIT;

	for (size_t i = 0; i < d->count; i++) {
		const struct align_record_change *c = &d->items[i];

		if (c->type == ALIGN_CHANGE_PROSE) {
			align_printer_text(p, "    prose: ");
			align_printer_string(p, c->key);
			align_printer_text(p, !c->old_value   ? " (added)\n"
					      : !c->new_value ? " (removed)\n"
							      : "\n");
			continue;
		}
		align_buf_clear(&label);
		field_label(&label, r, c);
		align_printer_text(p, "    ");
		align_printer_string(p, label.ptr);
		align_printer_text(p, ": ");
		if (c->old_value && *c->old_value) {
			align_printer_string(p, c->old_value);
		} else {
			align_printer_text(p, "(none)");
		}
		align_printer_text(p, " → ");
		if (c->new_value && *c->new_value) {
			align_printer_string(p, c->new_value);
		} else {
			align_printer_text(p, "(none)");
		}
		align_printer_separator(p);
	}
	align_buf_release(&label);
}

/* Starts the output (the list of changes). */
static void diff_begin(struct diff_out *o)
{
	o->p = printer_for(o->format);
	o->json = align_printer_format(o->p) == ALIGN_PRINTER_JSON;
	align_printer_begin_map(o->p);
	align_printer_map_key(o->p, "changes");
	align_printer_begin_list(o->p);
}

/* Ends the output, before any warning. */
static void diff_end(struct diff_out *o)
{
	align_printer_free(o->p);
	o->p = NULL;
}

static void one_record(struct diff_out *o, const struct align_entry *a,
		       const struct align_entry *b)
{
	const struct align_record *old = a ? a->record : NULL;
	const struct align_record *new_ = b ? b->record : NULL;
	const struct align_record *r = new_ ? new_ : old;
	struct align_record_diff d = ALIGN_RECORD_DIFF_INIT;
	const char *what = !old ? "added" : !new_ ? "removed" : "changed";
	int moved = old && new_ && strcmp(a->path, b->path);
	struct align_printer *p = o->p;

	align_record_diff(&d, old, new_);
	if (old && new_ && !d.count && !moved) {
		align_record_diff_release(&d);
		return;
	}
	o->count++;
	if (!(old && new_)) {
		d.count = 0; /* an added or removed record: no field list */
	}
	if (o->json) {
		align_printer_begin_map(p);
		align_printer_map_key(p, "id");
		align_printer_string(p, key_of(a ? a : b));
		align_printer_map_key(p, "kind");
		align_printer_string(p, align_record_kind(r));
		align_printer_map_key(p, "change");
		align_printer_string(p, what);
		align_printer_map_key(p, "path");
		align_printer_string(p, (b ? b : a)->path);
		align_printer_map_key(p, "old_path");
		align_printer_string(p, a ? a->path : NULL);
		json_fields(p, &d);
		align_printer_end(p);
	} else {
		align_printer_textf(p, "%s ", what);
		align_printer_string(p, align_record_kind(r));
		align_printer_text(p, " ");
		align_printer_string(p, key_of(a ? a : b));
		if (moved) {
			align_printer_text(p, " (moved ");
			align_printer_string(p, a->path);
			align_printer_text(p, " → ");
			align_printer_string(p, b->path);
		} else {
			align_printer_text(p, " (");
			align_printer_string(p, (b ? b : a)->path);
		}
		align_printer_text(p, ")\n");
		text_fields(p, r, &d);
	}
	align_record_diff_release(&d);
}

/* Loads `rev` ("" for the working tree, NULL for nothing at all). */
static int load_side(struct align_ctx *ctx, struct align_catalog *out,
		     const char *rev)
{
	if (!rev) {
		return 0;
	}
	return *rev ? load_catalog_at(ctx, out, rev) : load_catalog(ctx, out);
}

static void warn_unreadable(const char *path, int new_side)
{
	warning_msg("'%s' does not parse %s; not compared (see 'align check')",
		    path, new_side ? "on the new side" : "on the old side");
}

/* Compares with the working tree (`to` ""): two catalogs, paired by id. */
static int diff_catalogs(struct align_ctx *ctx, struct diff_out *o,
			 const char *from, const char *to)
{
	struct align_catalog a = ALIGN_CATALOG_INIT, b = ALIGN_CATALOG_INIT;
	struct side sa, sb;
	int status;

	if ((status = load_side(ctx, &a, from)) != 0 ||
	    (status = load_side(ctx, &b, to)) != 0) {
		align_catalog_release(&a);
		align_catalog_release(&b);
		return status;
	}
	side_init(&sa, &a);
	side_init(&sb, &b);
	diff_begin(o);
	for (size_t i = 0; i < b.count; i++) {
		if (b.entries[i].record) {
			one_record(o, match(&sa, &b.entries[i]), &b.entries[i]);
		}
	}
	for (size_t i = 0; i < a.count; i++) {
		if (a.entries[i].record && !match(&sb, &a.entries[i])) {
			if (unreadable_at(&sb, a.entries[i].path)) {
				continue; /* warned below: not "removed" */
			}
			one_record(o, &a.entries[i], NULL);
		}
	}
	diff_end(o);
	for (int side = 0; side < 2; side++) {
		const struct align_catalog *c = side ? &b : &a;
		for (size_t i = 0; i < c->count; i++) {
			if (!c->entries[i].record) {
				warn_unreadable(c->entries[i].path, side);
			}
		}
	}
	side_release(&sa);
	side_release(&sb);
	align_catalog_release(&a);
	align_catalog_release(&b);
	return EXIT_OK;
}

static int on_compared(const struct align_history_entry *e, void *payload)
{
	struct align_entry a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.path = (char *)e->old_path;
	a.record = (struct align_record *)e->old;
	b.path = (char *)e->path;
	b.record = (struct align_record *)e->new_;
	one_record(payload, e->old ? &a : NULL, e->new_ ? &b : NULL);
	return 0;
}

/*
 * Compares two commits (`from` NULL: nothing): only the files whose blobs
 * differ are read (align_history_compare).
 */
static int diff_commits(struct align_ctx *ctx, struct diff_out *o,
			const char *from, const char *to)
{
	const char *folders[ALIGN_KINDS_MAX + 1];
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	int ret;

	align_kind_folders(folders, ctx->repo);
	diff_begin(o);
	ret = align_history_compare(ctx->repo, from ? from : "", to, folders,
				    on_compared, o, &warnings);
	diff_end(o);
	for (size_t i = 0; i < warnings.count; i++) {
		warn_unreadable(warnings.items[i].path,
				strstr(warnings.items[i].message, "new") != NULL);
	}
	align_diags_clear(&warnings);
	return ret < 0 ? fail_with(ret, align_repo_error(ctx->repo)) : EXIT_OK;
}

/*
 * One end of the comparison: a day (the last first-parent commit by its
 * end, as --as-of takes it) or a revision, into `out`.
 */
static int resolve_point(struct align_ctx *ctx, const char *arg,
			 char out[ALIGN_OID_HEXSZ + 1])
{
	struct align_buf err = ALIGN_BUF_INIT;
	struct align_date day;
	int64_t end;
	int ret;

	if (align_date_parse_human(&day, arg, &ctx->today) == 0) {
		return day_commit(ctx, &day, arg, out, &end);
	}
	ret = align_git_resolve(align_repo_git(ctx->repo), arg, out, &err);
	if (ret < 0) {
		error_msg("%s", err.ptr);
	}
	align_buf_release(&err);
	return ret < 0 ? EXIT_USAGE : EXIT_OK;
}

int cmd_diff(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align diff [<date|rev> [<date|rev>]] [--quarter <quarter>] "
		"[--format <format>]",
		"align diff --since <date|rev> [--until <date|rev>] "
		"[--format <format>]",
		NULL,
	};
	const char *quarter = NULL, *format = "text";
	const char *since = NULL, *until = NULL;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "quarter", &quarter, "<quarter>",
		  "from the last commit before the quarter to its last commit",
		  NULL },
		{ OPT_STRING, 0, "since", &since, "<date|rev>",
		  "from that day or revision", NULL },
		{ OPT_STRING, 0, "until", &until, "<date|rev>",
		  "to that day or revision (default: the working tree)", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>", "text or json",
		  formats },
		OPT_END_(),
	};
	struct align_buf err = ALIGN_BUF_INIT;
	char from[ALIGN_OID_HEXSZ + 1] = "", to[ALIGN_OID_HEXSZ + 1] = "";
	const char *from_rev = from, *to_rev = to;
	const char *points[2] = { NULL, NULL };
	struct diff_out o;
	int n, ret, status = EXIT_OK;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 2 || (quarter && n > 0)) {
		error_msg("give at most two revisions, or --quarter alone");
		return EXIT_USAGE;
	}
	if ((since || until) && (n > 0 || quarter)) {
		error_msg("--since and --until stand for the two dates or "
			  "revisions: give one way, not both");
		return EXIT_USAGE;
	}
	if (until && !since) {
		error_msg("--until needs --since");
		return EXIT_USAGE;
	}
	if (quarter) {
		struct align_period p;
		int64_t when[2];
		char found[2][ALIGN_OID_HEXSZ + 1];

		if (align_period_parse(&p, quarter) < 0) {
			error_msg("invalid quarter '%s': use YYYY-Qn with n from "
				  "1 to 4",
				  quarter);
			return EXIT_USAGE;
		}
		/* Both ends in one walk of the first-parent line. */
		when[0] = align_date_to_days(&p.start) * 86400 - 1;
		when[1] = align_date_to_days(&p.end) * 86400 + 86399;
		if ((status = commits_by(ctx, when, 2, found)) != 0) {
			return status;
		}
		memcpy(from, found[0], sizeof(found[0]));
		memcpy(to, found[1], sizeof(found[1]));
		if (!*to) {
			error_msg("no commit on or before the end of %s",
				  quarter);
			return EXIT_FINDINGS;
		}
		if (!*from) {
			from_rev = NULL; /* nothing existed before it */
		}
	} else {
		points[0] = since ? since : n > 0 ? argv[0] : NULL;
		points[1] = since ? until : n > 1 ? argv[1] : NULL;
		for (int i = 0; i < 2; i++) {
			if (points[i] &&
			    (status = resolve_point(ctx, points[i],
						    i ? to : from)) != 0) {
				return status;
			}
		}
		if (!points[0]) {
			ret = align_git_head(align_repo_git(ctx->repo), from,
					     &err);
			if (ret < 0 || !*from) {
				from_rev = NULL;
			}
		}
		if (!points[1]) {
			to_rev = ""; /* the working tree */
		}
	}
	memset(&o, 0, sizeof(o));
	o.format = format;
	if (*to_rev) {
		status = diff_commits(ctx, &o, from_rev, to_rev);
	} else {
		status = diff_catalogs(ctx, &o, from_rev, to_rev);
	}
	align_buf_release(&err);
	return status;
}
