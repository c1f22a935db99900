/*
 * align okr status: progress against the quarter's pace, health and
 * staleness (read from history), as text, a tree, JSON or CSV.
 */
#include "align.h"
#include "okr/verbs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "okr-board.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

/* The index of the shown row with id `id`, or -1. */
static long find_row(const struct align_okr_board *b, const char *id)
{
	for (size_t i = 0; id && i < b->count; i++) {
		if (b->rows[i].st.id && !strcmp(b->rows[i].st.id, id)) {
			return (long)i;
		}
	}
	return -1;
}

static void pct(char *out, size_t size, double v)
{
	/* 0.575 is 0.57499... in binary: nudge halves up, as people round. */
	snprintf(out, size, "%d%%", (int)(v * 100 + 0.5 + 1e-9));
}

/* An absent text: null in JSON and CSV (text shows "-" itself). */
static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* A share, 0..1, rounded to 4 decimals as people read it. */
static void share(struct align_printer *p, double v)
{
	align_printer_number(p, (double)(long)(v * 10000 + 0.5) / 10000);
}

/* Text: what people wrote, or "-" when it is absent. */
static void string_or_dash(struct align_printer *p, const char *s)
{
	if (s && *s) {
		align_printer_string(p, s);
	} else {
		align_printer_text(p, "-");
	}
}

/* A key result's stated confidence; negative: none stated (null). */
static void confidence_print(struct align_printer *p, double confidence)
{
	if (confidence >= 0) {
		align_printer_number(p, confidence);
	} else {
		align_printer_null(p);
	}
}

static void kr_print(struct align_printer *p, const struct align_kr_status *k,
		     const struct align_record *r,
		     const struct align_kr_freshness *fresh)
{
	align_printer_begin_map(p);
	align_printer_map_key(p, "key");
	align_printer_string(p, k->key);
	align_printer_map_key(p, "title");
	align_printer_string(p, or_null(k->title));
	align_printer_map_key(p, "owner");
	align_printer_string(p, or_null(k->owner));
	align_printer_map_key(p, "unit");
	align_printer_string(p, or_null(k->unit));
	align_printer_map_key(p, "start");
	align_printer_number(p, k->start);
	align_printer_map_key(p, "target");
	align_printer_number(p, k->target);
	align_printer_map_key(p, "current");
	align_printer_number(p, k->current);
	align_printer_map_key(p, "confidence");
	confidence_print(p, k->confidence);
	align_printer_map_key(p, "progress");
	share(p, k->progress);
	align_printer_map_key(p, "expected");
	share(p, k->expected);
	align_printer_map_key(p, "health");
	align_printer_string(p, align_health_name(k->health));
	align_printer_map_key(p, "stale");
	align_printer_boolean(p, fresh->stale);
	align_printer_map_key(p, "days_since_checkin");
	if (fresh->age_days >= 0) {
		align_printer_integer(p, (long long)fresh->age_days);
	} else {
		align_printer_null(p);
	}
	align_printer_map_key(p, "due");
	align_printer_string(p, or_null(align_record_get(r, "kr", k->key,
							  "due")));
	align_printer_end(p);
}

/* JSON: every objective shown, its key results inside. */
static void objective_print(struct align_printer *p,
			    const struct align_okr_row *row)
{
	align_printer_begin_map(p);
	align_printer_map_key(p, "id");
	align_printer_string(p, or_null(row->st.id));
	align_printer_map_key(p, "title");
	align_printer_string(p, or_null(row->title));
	align_printer_map_key(p, "quarter");
	align_printer_string(p, or_null(row->st.quarter));
	align_printer_map_key(p, "owner");
	align_printer_string(p, or_null(row->st.owner));
	align_printer_map_key(p, "parent");
	align_printer_string(p, or_null(row->st.parent));
	align_printer_map_key(p, "path");
	align_printer_string(p, row->st.record->path);
	align_printer_map_key(p, "progress");
	share(p, row->st.progress);
	align_printer_map_key(p, "rolled_up_progress");
	share(p, row->rolled);
	align_printer_map_key(p, "health");
	align_printer_string(p, align_health_name(row->st.health));
	align_printer_map_key(p, "key_results");
	align_printer_begin_list(p);
	for (size_t k = 0; k < row->st.nkrs; k++) {
		kr_print(p, &row->st.krs[k], row->st.record, &row->fresh[k]);
	}
	align_printer_end(p);
	align_printer_end(p);
}

/* CSV: one row a key result, with its objective's columns first. */
static void kr_row_print(struct align_printer *p,
			 const struct align_okr_row *row, size_t k)
{
	const struct align_kr_status *kr = &row->st.krs[k];
	const struct align_kr_freshness *f = &row->fresh[k];

	align_printer_begin_map(p);
	align_printer_map_key(p, "objective");
	align_printer_string(p, or_null(row->st.id));
	align_printer_map_key(p, "quarter");
	align_printer_string(p, or_null(row->st.quarter));
	align_printer_map_key(p, "objective_owner");
	align_printer_string(p, or_null(row->st.owner));
	align_printer_map_key(p, "kr");
	align_printer_string(p, kr->key);
	align_printer_map_key(p, "title");
	align_printer_string(p, or_null(kr->title));
	align_printer_map_key(p, "owner");
	align_printer_string(p, or_null(kr->owner));
	align_printer_map_key(p, "start");
	align_printer_number(p, kr->start);
	align_printer_map_key(p, "target");
	align_printer_number(p, kr->target);
	align_printer_map_key(p, "current");
	align_printer_number(p, kr->current);
	align_printer_map_key(p, "unit");
	align_printer_string(p, or_null(kr->unit));
	align_printer_map_key(p, "confidence");
	confidence_print(p, kr->confidence);
	align_printer_map_key(p, "progress");
	share(p, kr->progress);
	align_printer_map_key(p, "expected");
	share(p, kr->expected);
	align_printer_map_key(p, "health");
	align_printer_string(p, align_health_name(kr->health));
	align_printer_map_key(p, "days_since_checkin");
	if (f->age_days >= 0) {
		align_printer_integer(p, (long long)f->age_days);
	} else {
		align_printer_null(p);
	}
	align_printer_map_key(p, "stale");
	align_printer_boolean(p, f->stale);
	align_printer_end(p);
}

/*
 * Text: the objective's line, "id  progress  health  owner  title", then
 * one line a key result, indented by `indent` levels.
 */
static void print_row_text(struct align_printer *p,
			   const struct align_okr_row *row, int indent)
{
	char pc[16];

	pct(pc, sizeof(pc), row->progress);
	align_printer_textf(p, "%*s", indent * 2, "");
	string_or_dash(p, row->st.id);
	align_printer_textf(p, "  %s  %s  ", pc,
			    align_health_name(row->st.health));
	string_or_dash(p, row->st.owner);
	align_printer_text(p, "  ");
	string_or_dash(p, row->title);
	align_printer_separator(p);
	for (size_t k = 0; k < row->st.nkrs; k++) {
		const struct align_kr_status *kr = &row->st.krs[k];
		const struct align_kr_freshness *f = &row->fresh[k];
		char a[16], e[16];

		pct(a, sizeof(a), kr->progress);
		pct(e, sizeof(e), kr->expected);
		align_printer_textf(p, "%*s  #", indent * 2, "");
		align_printer_string(p, kr->key);
		align_printer_text(p, "  ");
		align_printer_number(p, kr->current);
		align_printer_text(p, "/");
		align_printer_number(p, kr->target);
		if (kr->unit && *kr->unit) {
			align_printer_text(p, " ");
			align_printer_string(p, kr->unit);
		}
		align_printer_textf(p, "  %s of %s expected  %s", a, e,
				    align_health_name(kr->health));
		if (kr->confidence >= 0) {
			align_printer_text(p, "  confidence ");
			align_printer_number(p, kr->confidence);
		}
		align_printer_text(p, "  ");
		string_or_dash(p, kr->owner);
		if (f->stale) {
			if (f->age_days >= 0) {
				align_printer_textf(p, "  stale %lldd",
						    (long long)f->age_days);
			} else {
				align_printer_text(p, "  stale (no check-in "
						      "this quarter)");
			}
		}
		align_printer_separator(p);
	}
}

static void print_tree(struct align_printer *p, const struct align_okr_board *b,
		       char *shown, size_t i, int depth)
{
	if (shown[i] || depth > 32) {
		return;
	}
	shown[i] = 1;
	print_row_text(p, &b->rows[i], depth);
	for (size_t c = 0; c < b->count; c++) {
		if (b->rows[c].st.parent && b->rows[i].st.id &&
		    !strcmp(b->rows[c].st.parent, b->rows[i].st.id)) {
			print_tree(p, b, shown, c, depth + 1);
		}
	}
}

/* Is this row left out by --owner? */
static int other_owner(const struct align_okr_row *row, const char *owner)
{
	return owner && (!row->st.owner || strcmp(row->st.owner, owner));
}

/*
 * The board: {"objectives": [...]} in JSON, one row a key result in CSV,
 * lines (or a tree) in text.
 */
static int print_status(const struct align_okr_board *b, int tree,
			const char *owner, const char *format)
{
	const struct align_okr_row *rows = b->rows;
	size_t n = b->count;
	struct align_printer *p = printer_for(format);
	enum align_printer_format f = align_printer_format(p);

	if (f == ALIGN_PRINTER_JSON) {
		align_printer_begin_map(p);
		align_printer_map_key(p, "objectives");
		align_printer_begin_list(p);
		for (size_t i = 0; i < n; i++) {
			if (!other_owner(&rows[i], owner)) {
				objective_print(p, &rows[i]);
			}
		}
		align_printer_end(p);
		align_printer_end(p);
	} else if (f == ALIGN_PRINTER_CSV) {
		align_printer_begin_map(p);
		align_printer_map_key(p, "key_results");
		align_printer_begin_list(p);
		for (size_t i = 0; i < n; i++) {
			if (other_owner(&rows[i], owner)) {
				continue;
			}
			for (size_t k = 0; k < rows[i].st.nkrs; k++) {
				kr_row_print(p, &rows[i], k);
			}
		}
		align_printer_end(p);
		align_printer_end(p);
	} else if (tree) {
		char *shown = align_calloc(n ? n : 1, 1);

		/* Roots: no parent, or a parent outside what is shown. */
		for (size_t i = 0; i < n; i++) {
			if (!rows[i].st.parent ||
			    find_row(b, rows[i].st.parent) < 0) {
				print_tree(p, b, shown, i, 0);
			}
		}
		for (size_t i = 0; i < n; i++) {
			print_tree(p, b, shown, i, 0);
		}
		free(shown);
	} else {
		for (size_t i = 0; i < n; i++) {
			if (!other_owner(&rows[i], owner)) {
				print_row_text(p, &rows[i], 0);
			}
		}
	}
	align_printer_free(p);
	return EXIT_OK;
}

int okr_status(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align okr status [--quarter <quarter>] [--owner <person>] "
		"[--tree] [--as-of <date|rev>] [--format <format>]",
		NULL,
	};
	static const char *const formats[] = { "text", "json", "csv", NULL };
	const char *quarter = NULL, *owner = NULL, *as_of = NULL;
	const char *format = "text";
	int tree = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "quarter", &quarter, "<quarter>",
		  "YYYY-Qn (default: the current quarter)", NULL },
		{ OPT_STRING, 0, "owner", &owner, "<person>",
		  "only objectives this person owns", NULL },
		{ OPT_BOOL, 0, "tree", &tree, NULL,
		  "show the alignment tree with rolled-up progress", NULL },
		{ OPT_STRING, 0, "as-of", &as_of, "<date|rev>",
		  "as it stood at that day or revision", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, json or csv", formats },
		OPT_END_(),
	};
	struct align_okr_board board = ALIGN_OKR_BOARD_INIT;
	struct align_okr_board_opts bo;
	struct align_period period;
	struct align_diags problems = ALIGN_DIAGS_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	int n, ret, status = EXIT_OK;
	char rev[ALIGN_OID_HEXSZ + 1] = "";

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	memset(&bo, 0, sizeof(bo));
	bo.today = ctx->today;
	bo.now = ctx->now.seconds;
	if (as_of && (status = resolve_as_of(ctx, as_of, rev, &bo.today,
					     &bo.now)) != 0) {
		return status;
	}
	if (quarter) {
		if (align_period_parse(&period, quarter) < 0) {
			error_msg("invalid quarter '%s': use YYYY-Qn with n from "
				  "1 to 4",
				  quarter);
			return EXIT_USAGE;
		}
	} else {
		align_quarter_of(&period, &bo.today);
	}
	bo.period = &period;
	bo.tree = tree;
	bo.rev = *rev ? rev : NULL;
	ret = align_okr_board_load(&board, ctx->repo, &bo, &problems,
				   &warnings);
	if (ret < 0) {
		status = fail_with(ret == ALIGN_ENOTFOUND ? ALIGN_ERROR : ret,
				   align_repo_error(ctx->repo));
		goto done;
	}
	print_history_warnings(&warnings);
	status = print_status(&board, tree, owner, format);
	if (problems.count) {
		/* The rest is shown; what could not be read fails the run. */
		fflush(stdout);
		diags_print(stderr, &problems, "text", ctx->color_err);
		status = EXIT_FINDINGS;
	}
done:
	align_diags_clear(&problems);
	align_diags_clear(&warnings);
	align_okr_board_release(&board);
	return status;
}
