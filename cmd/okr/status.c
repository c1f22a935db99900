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

static void kr_json(struct json *j, const struct align_kr_status *k,
		    const struct align_record *r,
		    const struct align_kr_freshness *fresh)
{
	int64_t age = fresh->age_days;
	int stale = fresh->stale;
	struct align_buf num = ALIGN_BUF_INIT;
	const char *v;

	json_begin_object(j);
	json_key(j, "key");
	json_string(j, k->key);
	json_key(j, "title");
	json_string(j, okr_or_dash(k->title));
	json_key(j, "owner");
	json_string(j, okr_or_dash(k->owner));
	json_key(j, "unit");
	json_string(j, k->unit ? k->unit : "");
	json_key(j, "start");
	align_number_format(&num, k->start);
	json_raw(j, num.ptr);
	align_buf_clear(&num);
	json_key(j, "target");
	align_number_format(&num, k->target);
	json_raw(j, num.ptr);
	align_buf_clear(&num);
	json_key(j, "current");
	align_number_format(&num, k->current);
	json_raw(j, num.ptr);
	align_buf_clear(&num);
	json_key(j, "confidence");
	if (k->confidence >= 0) {
		align_number_format(&num, k->confidence);
		json_raw(j, num.ptr);
		align_buf_clear(&num);
	} else {
		json_null(j);
	}
	json_key(j, "progress");
	align_number_format(&num, (double)(long)(k->progress * 10000 + 0.5) /
					  10000);
	json_raw(j, num.ptr);
	align_buf_clear(&num);
	json_key(j, "expected");
	align_number_format(&num, (double)(long)(k->expected * 10000 + 0.5) /
					  10000);
	json_raw(j, num.ptr);
	align_buf_clear(&num);
	json_key(j, "health");
	json_string(j, align_health_name(k->health));
	json_key(j, "stale");
	json_raw(j, stale ? "true" : "false");
	json_key(j, "days_since_checkin");
	if (age >= 0) {
		json_int(j, age);
	} else {
		json_null(j);
	}
	v = align_record_get(r, "kr", k->key, "due");
	json_key(j, "due");
	if (v && *v) {
		json_string(j, v);
	} else {
		json_null(j);
	}
	json_end_object(j);
	align_buf_release(&num);
}

static void print_row_text(const struct align_okr_row *row, int indent)
{
	char p[16];

	pct(p, sizeof(p), row->progress);
	printf("%*s%s  %s  %s  %s  %s\n", indent * 2, "", okr_or_dash(row->st.id),
	       p, align_health_name(row->st.health), okr_or_dash(row->st.owner),
	       okr_or_dash(row->title));
	for (size_t k = 0; k < row->st.nkrs; k++) {
		const struct align_kr_status *kr = &row->st.krs[k];
		const struct align_kr_freshness *f = &row->fresh[k];
		struct align_buf line = ALIGN_BUF_INIT;
		char a[16], e[16];

		pct(a, sizeof(a), kr->progress);
		pct(e, sizeof(e), kr->expected);
		align_buf_addf(&line, "%*s  #%s  ", indent * 2, "", kr->key);
		align_number_format(&line, kr->current);
		align_buf_adds(&line, "/");
		align_number_format(&line, kr->target);
		if (kr->unit && *kr->unit) {
			align_buf_addf(&line, " %s", kr->unit);
		}
		align_buf_addf(&line, "  %s of %s expected  %s", a, e,
			       align_health_name(kr->health));
		if (kr->confidence >= 0) {
			align_buf_adds(&line, "  confidence ");
			align_number_format(&line, kr->confidence);
		}
		align_buf_addf(&line, "  %s", okr_or_dash(kr->owner));
		if (f->stale) {
			if (f->age_days >= 0) {
				align_buf_addf(&line, "  stale %lldd",
					       (long long)f->age_days);
			} else {
				align_buf_adds(&line, "  stale (no check-in "
						      "this quarter)");
			}
		}
		printf("%s\n", line.ptr);
		align_buf_release(&line);
	}
}

static void print_tree(const struct align_okr_board *b, char *shown, size_t i,
		       int depth)
{
	if (shown[i] || depth > 32) {
		return;
	}
	shown[i] = 1;
	print_row_text(&b->rows[i], depth);
	for (size_t c = 0; c < b->count; c++) {
		if (b->rows[c].st.parent && b->rows[i].st.id &&
		    !strcmp(b->rows[c].st.parent, b->rows[i].st.id)) {
			print_tree(b, shown, c, depth + 1);
		}
	}
}

static int print_status(const struct align_okr_board *b, int tree,
			const char *owner, const char *format)
{
	const struct align_okr_row *rows = b->rows;
	size_t n = b->count;

	if (!strcmp(format, "json")) {
		struct json j;
		struct align_buf num = ALIGN_BUF_INIT;

		json_init(&j, stdout);
		json_begin_array(&j);
		for (size_t i = 0; i < n; i++) {
			const struct align_okr_row *row = &rows[i];
			if (owner && (!row->st.owner ||
				      strcmp(row->st.owner, owner))) {
				continue;
			}
			json_begin_object(&j);
			json_key(&j, "id");
			json_string(&j, okr_or_dash(row->st.id));
			json_key(&j, "title");
			json_string(&j, okr_or_dash(row->title));
			json_key(&j, "quarter");
			json_string(&j, okr_or_dash(row->st.quarter));
			json_key(&j, "owner");
			json_string(&j, okr_or_dash(row->st.owner));
			json_key(&j, "parent");
			if (row->st.parent) {
				json_string(&j, row->st.parent);
			} else {
				json_null(&j);
			}
			json_key(&j, "path");
			json_string(&j, row->st.record->path);
			json_key(&j, "progress");
			align_buf_clear(&num);
			align_number_format(
				&num, (double)(long)(row->st.progress * 10000 +
						     0.5) /
					      10000);
			json_raw(&j, num.ptr);
			json_key(&j, "rolled_up_progress");
			align_buf_clear(&num);
			align_number_format(
				&num,
				(double)(long)(row->rolled * 10000 + 0.5) / 10000);
			json_raw(&j, num.ptr);
			json_key(&j, "health");
			json_string(&j, align_health_name(row->st.health));
			json_key(&j, "key_results");
			json_begin_array(&j);
			for (size_t k = 0; k < row->st.nkrs; k++) {
				kr_json(&j, &row->st.krs[k], row->st.record,
					&row->fresh[k]);
			}
			json_end_array(&j);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_finish(&j);
		align_buf_release(&num);
		return EXIT_OK;
	}
	if (!strcmp(format, "csv")) {
		static const char *const cols[] = {
			"objective", "quarter", "objective_owner", "kr", "title",
			"owner", "start", "target", "current", "unit",
			"confidence", "progress", "expected", "health",
			"days_since_checkin", "stale",
		};
		struct align_buf v = ALIGN_BUF_INIT;

		for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
			csv_field(stdout, cols[c],
				  c + 1 < sizeof(cols) / sizeof(cols[0]) ? ','
									 : '\n');
		}
		for (size_t i = 0; i < n; i++) {
			const struct align_okr_row *row = &rows[i];
			if (owner && (!row->st.owner ||
				      strcmp(row->st.owner, owner))) {
				continue;
			}
			for (size_t k = 0; k < row->st.nkrs; k++) {
				const struct align_kr_status *kr =
					&row->st.krs[k];
				int64_t age = row->fresh[k].age_days;
				int stale = row->fresh[k].stale;

				csv_field(stdout, okr_or_dash(row->st.id), ',');
				csv_field(stdout, okr_or_dash(row->st.quarter), ',');
				csv_field(stdout, okr_or_dash(row->st.owner), ',');
				csv_field(stdout, kr->key, ',');
				csv_field(stdout, okr_or_dash(kr->title), ',');
				csv_field(stdout, okr_or_dash(kr->owner), ',');
				align_buf_clear(&v);
				align_number_format(&v, kr->start);
				csv_field(stdout, v.ptr, ',');
				align_buf_clear(&v);
				align_number_format(&v, kr->target);
				csv_field(stdout, v.ptr, ',');
				align_buf_clear(&v);
				align_number_format(&v, kr->current);
				csv_field(stdout, v.ptr, ',');
				csv_field(stdout, kr->unit ? kr->unit : "", ',');
				align_buf_clear(&v);
				if (kr->confidence >= 0) {
					align_number_format(&v, kr->confidence);
				}
				csv_field(stdout, v.ptr, ',');
				align_buf_clear(&v);
				align_number_format(
					&v, (double)(long)(kr->progress * 10000 +
							   0.5) /
						    10000);
				csv_field(stdout, v.ptr, ',');
				align_buf_clear(&v);
				align_number_format(
					&v, (double)(long)(kr->expected * 10000 +
							   0.5) /
						    10000);
				csv_field(stdout, v.ptr, ',');
				csv_field(stdout, align_health_name(kr->health),
					  ',');
				align_buf_clear(&v);
				if (age >= 0) {
					align_buf_addf(&v, "%lld",
						       (long long)age);
				}
				csv_field(stdout, v.ptr, ',');
				csv_field(stdout, stale ? "yes" : "no", '\n');
			}
		}
		align_buf_release(&v);
		return EXIT_OK;
	}
	if (tree) {
		char *shown = align_calloc(n ? n : 1, 1);

		/* Roots: no parent, or a parent outside what is shown. */
		for (size_t i = 0; i < n; i++) {
			if (!rows[i].st.parent ||
			    find_row(b, rows[i].st.parent) < 0) {
				print_tree(b, shown, i, 0);
			}
		}
		for (size_t i = 0; i < n; i++) {
			print_tree(b, shown, i, 0);
		}
		free(shown);
		return EXIT_OK;
	}
	for (size_t i = 0; i < n; i++) {
		if (owner && (!rows[i].st.owner || strcmp(rows[i].st.owner, owner))) {
			continue;
		}
		print_row_text(&rows[i], 0);
	}
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
