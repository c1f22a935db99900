/* align ls: one line per record, or JSON, or CSV. */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "options.h"
#include "output.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "json", "csv", NULL };

static const char *field(const struct align_record *r, const char *key)
{
	return align_record_get(r, align_record_kind(r), NULL, key);
}

/*
 * 1 when `status` is a state of `kind`, or of any kind when NULL;
 * otherwise the states there are, comma separated, into `out`.
 */
static int status_known(const char *status, const struct align_kind *kind,
			struct align_buf *out)
{
	const struct align_kind *const *kinds = align_kinds();

	for (size_t k = 0; kinds[k]; k++) {
		const struct align_kind *kd = kinds[k];

		if (kind && kd != kind) {
			continue;
		}
		if (align_kind_has_status(kd, status)) {
			return 1;
		}
		for (const struct align_state *s = kd->states; s && s->name;
		     s++) {
			size_t j = 0;

			/* Each name once, where it first stands. */
			while (j < k && (kind || !align_kind_state(kinds[j],
								   s->name))) {
				j++;
			}
			if (j == k) {
				align_buf_addf(out, "%s%s", out->len ? ", " : "",
					       s->name);
			}
		}
	}
	return 0;
}

static int selected(const struct align_entry *e, const char *status,
		    const char *owner)
{
	const char *v;

	if (!e->record) {
		return 0;
	}
	if (status && (!(v = field(e->record, "status")) || strcmp(v, status))) {
		return 0;
	}
	if (owner && (!(v = field(e->record, "owner")) || strcmp(v, owner))) {
		return 0;
	}
	return 1;
}

/* The CSV columns: the common ones, then every other field of the kinds'
 * sections, in first-seen order. Borrowed from the records. */
static const char **csv_columns(const struct align_catalog *cat,
				const size_t *keep, size_t n, size_t *out_n)
{
	static const char *const fixed[] = { "path", "kind", "id", "title",
					     "status", "owner", "due" };
	const char **cols = NULL;
	size_t ncols = 0, alloc = 0;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		ALIGN_ARRAY_GROW(cols, alloc, ncols + 1);
		cols[ncols++] = fixed[i];
	}
	for (size_t i = 0; i < n; i++) {
		const struct align_record *r = cat->entries[keep[i]].record;
		for (size_t f = 0; f < r->ini.nfields; f++) {
			const char *key = r->ini.fields[f].key;
			size_t c = 0;
			if (r->ini.fields[f].section != 0) {
				continue;
			}
			while (c < ncols && strcmp(cols[c], key)) {
				c++;
			}
			if (c == ncols) {
				ALIGN_ARRAY_GROW(cols, alloc, ncols + 1);
				cols[ncols++] = key;
			}
		}
	}
	*out_n = ncols;
	return cols;
}

static const char *column(const struct align_entry *e, const char *col)
{
	if (!strcmp(col, "path")) {
		return e->path;
	} else if (!strcmp(col, "kind")) {
		return align_record_kind(e->record);
	} else if (!strcmp(col, "title")) {
		return e->record->title;
	}
	return field(e->record, col);
}

/*
 * JSON: every record whole. Text: one summary row per record. CSV: one row
 * per record with every field of the kinds' sections.
 */
static void print_records(struct align_printer *p,
			  const struct align_catalog *cat, const size_t *keep,
			  size_t n)
{
	static const char *const summary[] = { "kind", "id", "status",
					       "owner", "due", "title" };
	enum align_printer_format f = align_printer_format(p);
	const char *const *cols = summary;
	const char **csv = NULL;
	size_t ncols = sizeof(summary) / sizeof(summary[0]);

	if (f == ALIGN_PRINTER_CSV) {
		cols = csv = csv_columns(cat, keep, n, &ncols);
	}
	align_printer_begin_map(p);
	align_printer_map_key(p, "records");
	align_printer_begin_list(p);
	for (size_t i = 0; i < n; i++) {
		const struct align_entry *e = &cat->entries[keep[i]];

		if (f == ALIGN_PRINTER_JSON) {
			align_printer_begin_map(p);
			record_print_members(p, e);
			if (e->outside) {
				align_printer_map_key(p, "outside_checkout");
				align_printer_boolean(p, 1);
			}
			align_printer_end(p);
			continue;
		}
		align_printer_begin_map(p);
		for (size_t c = 0; c < ncols; c++) {
			const char *v = column(e, cols[c]);
			align_printer_map_key(p, cols[c]);
			if (f == ALIGN_PRINTER_TEXT && strcmp(cols[c], "title")) {
				v = v && *v ? v : NULL; /* shown as "-" */
			} else {
				v = v ? v : "";
			}
			align_printer_string(p, v);
		}
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_end(p);
	free(csv);
}

int cmd_ls(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align ls [<kind>] [--status <status>] [--owner <person>] "
		"[--as-of <date|rev>] [--format <format>]",
		NULL
	};
	const char *status = NULL, *owner = NULL, *format = "text";
	const char *as_of = NULL;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "status", &status, "<status>",
		  "only records with this status", NULL },
		{ OPT_STRING, 0, "owner", &owner, "<person>",
		  "only records this person owns", NULL },
		{ OPT_STRING, 0, "as-of", &as_of, "<date|rev>",
		  "as it stood at that day or revision", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, json or csv", formats },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	const struct align_kind *kind = NULL;
	struct align_printer *p;
	size_t *keep = NULL;
	size_t nkeep = 0, alloc = 0;
	int n, status_code = EXIT_OK;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 1) {
		error_msg("too many arguments; see 'align ls -h'");
		return EXIT_USAGE;
	}
	if (n == 1 && !(kind = kind_from_arg(argv[0], ctx->repo))) {
		error_msg("unknown kind '%s'", argv[0]);
		return EXIT_USAGE;
	}
	if (status) {
		struct align_buf known = ALIGN_BUF_INIT;

		if (!status_known(status, kind, &known)) {
			if (known.len) {
				error_msg("no %s has the status '%s' (statuses: "
					  "%s)",
					  kind ? kind->name : "record", status,
					  known.ptr);
			} else {
				error_msg("%ss have no status", kind->name);
			}
			align_buf_release(&known);
			return EXIT_USAGE;
		}
		align_buf_release(&known);
	}
	if ((status_code = load_catalog_as_of(ctx, &cat, as_of, NULL)) != 0 ||
	    (!as_of && (status_code = load_outside(ctx, &cat, "read")) != 0)) {
		goto done;
	}
	for (size_t i = 0; i < cat.count; i++) {
		const struct align_entry *e = &cat.entries[i];
		if (kind && e->kind != kind) {
			continue;
		}
		if (e->skipped) {
			warning_msg("'%s' %s", e->path, e->skipped);
			continue;
		}
		if (!e->record) {
			warning_msg("skipping '%s': it does not parse (see "
				    "'align check')",
				    e->path);
			continue;
		}
		if (selected(e, status, owner)) {
			ALIGN_ARRAY_GROW(keep, alloc, nkeep + 1);
			keep[nkeep++] = i;
		}
	}
	p = printer_for(format);
	print_records(p, &cat, keep, nkeep);
	align_printer_free(p);
	if (!nkeep && !strcmp(format, "text") && isatty(STDOUT_FILENO)) {
		/* Nothing printed: a person at a terminal is told why. */
		fputs("align: no records match\n", stderr);
	}
done:
	free(keep);
	align_catalog_release(&cat);
	return status_code;
}
