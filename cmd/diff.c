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
#include "util/banned.h"

static const char *const formats[] = { "text", "json", NULL };

static const char *key_of(const struct align_entry *e)
{
	const char *id = e->record ? align_record_id(e->record) : NULL;
	return id ? id : e->path;
}

static const struct align_entry *match(const struct align_catalog *c,
				       const struct align_entry *e)
{
	for (size_t i = 0; i < c->count; i++) {
		if (c->entries[i].record && !strcmp(key_of(&c->entries[i]),
						    key_of(e))) {
			return &c->entries[i];
		}
	}
	return NULL;
}

/* Is there a file at `path` that does not parse? */
static int unreadable_at(const struct align_catalog *c, const char *path)
{
	for (size_t i = 0; i < c->count; i++) {
		if (!c->entries[i].record && !strcmp(c->entries[i].path, path)) {
			return 1;
		}
	}
	return 0;
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
		align_printer_begin_map(p);
		align_printer_map_key(p, "section");
		align_printer_string(p, c->section);
		align_printer_map_key(p, "sub");
		align_printer_string(p, c->sub);
		align_printer_map_key(p, "key");
		align_printer_string(p, c->key);
		align_printer_map_key(p, "old");
		align_printer_string(p, c->old_value);
		align_printer_map_key(p, "new");
		align_printer_string(p, c->new_value);
		align_printer_end(p);
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

int cmd_diff(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align diff [<rev> [<rev>]] [--quarter <quarter>] "
		"[--format <format>]",
		NULL,
	};
	const char *quarter = NULL, *format = "text";
	const struct opt opts[] = {
		{ OPT_STRING, 0, "quarter", &quarter, "<quarter>",
		  "from the last commit before the quarter to its last commit",
		  NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>", "text or json",
		  formats },
		OPT_END_(),
	};
	struct align_catalog a = ALIGN_CATALOG_INIT, b = ALIGN_CATALOG_INIT;
	struct align_buf err = ALIGN_BUF_INIT;
	char from[ALIGN_OID_HEXSZ + 1] = "", to[ALIGN_OID_HEXSZ + 1] = "";
	const char *from_rev = from, *to_rev = to;
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
	if (quarter) {
		struct align_period p;
		if (align_period_parse(&p, quarter) < 0) {
			error_msg("invalid quarter '%s': use YYYY-Qn with n from "
				  "1 to 4",
				  quarter);
			return EXIT_USAGE;
		}
		if (align_history_commit_at(ctx->repo,
					    align_date_to_days(&p.start) * 86400 -
						    1,
					    from) < 0 ||
		    align_history_commit_at(ctx->repo,
					    align_date_to_days(&p.end) * 86400 +
						    86399,
					    to) < 0) {
			return fail_with(ALIGN_ERROR,
					 align_repo_error(ctx->repo));
		}
		if (!*to) {
			error_msg("no commit on or before the end of %s",
				  quarter);
			return EXIT_FINDINGS;
		}
		if (!*from) {
			from_rev = NULL; /* nothing existed before it */
		}
	} else {
		for (int i = 0; i < n; i++) {
			char *out = i ? to : from;
			ret = align_git_resolve(align_repo_git(ctx->repo),
						argv[i], out, &err);
			if (ret < 0) {
				error_msg("%s", err.ptr);
				align_buf_release(&err);
				return EXIT_USAGE;
			}
		}
		if (n == 0) {
			ret = align_git_head(align_repo_git(ctx->repo), from,
					     &err);
			if (ret < 0 || !*from) {
				from_rev = NULL;
			}
		}
		if (n < 2) {
			to_rev = ""; /* the working tree */
		}
	}
	if ((status = load_side(ctx, &a, from_rev)) != 0 ||
	    (status = load_side(ctx, &b, to_rev)) != 0) {
		goto done;
	}
	memset(&o, 0, sizeof(o));
	o.p = printer_for(format);
	o.json = align_printer_format(o.p) == ALIGN_PRINTER_JSON;
	align_printer_begin_map(o.p);
	align_printer_map_key(o.p, "changes");
	align_printer_begin_list(o.p);
	for (size_t i = 0; i < b.count; i++) {
		if (b.entries[i].record) {
			one_record(&o, match(&a, &b.entries[i]), &b.entries[i]);
		}
	}
	for (size_t i = 0; i < a.count; i++) {
		if (a.entries[i].record && !match(&b, &a.entries[i])) {
			if (unreadable_at(&b, a.entries[i].path)) {
				continue; /* warned below: not "removed" */
			}
			one_record(&o, &a.entries[i], NULL);
		}
	}
	align_printer_free(o.p);
	for (int side = 0; side < 2; side++) {
		const struct align_catalog *c = side ? &b : &a;
		for (size_t i = 0; i < c->count; i++) {
			if (!c->entries[i].record) {
				warning_msg("'%s' does not parse %s; not compared "
					    "(see 'align check')",
					    c->entries[i].path,
					    side ? "on the new side"
						 : "on the old side");
			}
		}
	}
done:
	align_catalog_release(&a);
	align_catalog_release(&b);
	align_buf_release(&err);
	return status;
}
