/*
 * align okr: objectives and key results.
 *   align okr new <objective> [...]
 *   align okr kr add <okr> <key> --title <t> --start <n> --target <n> [...]
 *   align okr checkin <okr>#<kr> <value> [--confidence <c>] [-m <note>]
 *   align okr status [--quarter <q>] [--owner <p>] [--tree] [--as-of <x>]
 *   align okr history <okr>#<kr> [--since <d>] [--until <d>]
 */
#include "align.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "history.h"
#include "okr.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

static const char *const okr_usage[] = {
	"align okr new <objective> [<options>]",
	"align okr kr add <okr> <key> --title <title> --start <n> --target <n> "
	"[<options>]",
	"align okr checkin <okr>#<kr> <value> [--confidence <c>] [-m <note>] "
	"[--force] [--no-commit]",
	"align okr status [--quarter <quarter>] [--owner <person>] [--tree] "
	"[--as-of <date|rev>] [--format <format>]",
	"align okr history <okr>#<kr> [--since <date>] [--until <date>] "
	"[--format <format>]",
	NULL,
};

static int okr_new(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align okr new <objective> [--quarter <quarter>] "
		"[--owner <person>] [--parent <okr>] [--weight <n>] [--id <id>] "
		"[--no-commit] [-m <note>]",
		NULL,
	};
	const char *quarter = NULL, *owner = NULL, *parent = NULL;
	const char *weight = NULL, *id = NULL, *note = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "quarter", &quarter, "<quarter>",
		  "YYYY-Qn or YYYY (default: the current quarter)", NULL },
		{ OPT_STRING, 0, "owner", &owner, "<person>",
		  "who owns the objective", NULL },
		{ OPT_STRING, 0, "parent", &parent, "<okr>",
		  "the objective this one serves", NULL },
		{ OPT_STRING, 0, "weight", &weight, "<n>",
		  "its weight in the parent's progress (default 1)", NULL },
		{ OPT_STRING, 0, "id", &id, "<id>",
		  "use this id instead of one made from the title", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "write the file but do not commit it", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_record *r = NULL;
	struct align_buf err = ALIGN_BUF_INIT, prefix = ALIGN_BUF_INIT;
	struct align_buf summary = ALIGN_BUF_INIT, shown = ALIGN_BUF_INIT;
	struct align_period period;
	const struct align_entry *pe = NULL;
	double w;
	int n, ret, status = EXIT_OK;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg(n ? "too many arguments (quote a title with spaces)"
			    : "an objective needs a title: align okr new "
			      "\"<objective>\"");
		return EXIT_USAGE;
	}
	if (quarter) {
		if (align_period_parse(&period, quarter) < 0) {
			error_msg("invalid quarter '%s': use YYYY-Qn with n from "
				  "1 to 4, or YYYY",
				  quarter);
			return EXIT_USAGE;
		}
	} else {
		align_quarter_of(&period, &ctx->today);
	}
	if (weight && (align_number_parse(&w, weight) < 0 || w < 0)) {
		error_msg("invalid weight '%s': use a number of 0 or more",
			  weight);
		return EXIT_USAGE;
	}
	if (check_option_value("owner", owner) < 0) {
		return EXIT_USAGE;
	}
	if ((status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	if (parent) {
		if ((status = find_record(&pe, ctx, &cat, &align_kind_okr,
					  parent)) != 0) {
			goto done;
		}
		parent = align_record_id(pe->record);
	}
	for (const char *c = period.name; *c; c++) {
		align_buf_addch(&prefix, *c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
	}
	align_buf_addch(&prefix, '-');
	ret = align_catalog_new_record(&r, &cat, ctx->repo, &align_kind_okr,
				       period.name, argv[0], prefix.ptr, id,
				       &err);
	if (ret < 0) {
		status = ret == ALIGN_EINVALID && !strstr(err.ptr, "template")
				 ? EXIT_USAGE
				 : exit_for(ret);
		error_msg("%s", err.ptr);
		goto done;
	}
	{
		const char *fields[][2] = {
			{ "quarter", period.name },
			{ "owner", owner },
			{ "parent", parent },
			{ "weight", weight },
		};
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			if (fields[i][1] &&
			    (ret = align_record_set(r, "objective", NULL,
						    fields[i][0], fields[i][1],
						    &err)) < 0) {
				status = fail_with(ret, err.ptr);
				goto done;
			}
		}
	}
	align_buf_addf(&summary, "okr: new %s", align_record_id(r));
	if ((status = write_one_record(ctx, r, summary.ptr, note, no_commit,
				   NULL)) != 0) {
		goto done;
	}
	align_repo_display_path(ctx->repo, r->path, &shown);
	printf("%s\n", shown.ptr);
done:
	align_record_free(r);
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&prefix);
	align_buf_release(&summary);
	align_buf_release(&shown);
	return status;
}

static int okr_kr(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align okr kr add <okr> <key> --title <title> --start <n> "
		"--target <n> [--unit <unit>] [--owner <person>] [--due <date>] "
		"[--direction increase|decrease] [--no-commit] [-m <note>]",
		NULL,
	};
	const char *title = NULL, *start = NULL, *target = NULL, *unit = NULL;
	const char *owner = NULL, *due = NULL, *direction = NULL, *note = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "title", &title, "<title>",
		  "what is measured", NULL },
		{ OPT_STRING, 0, "start", &start, "<n>", "the value at the start",
		  NULL },
		{ OPT_STRING, 0, "target", &target, "<n>", "the value to reach",
		  NULL },
		{ OPT_STRING, 0, "unit", &unit, "<unit>", "%, leads, days, USD, ...",
		  NULL },
		{ OPT_STRING, 0, "owner", &owner, "<person>",
		  "who checks it in (default: the objective's owner)", NULL },
		{ OPT_STRING, 0, "due", &due, "<date>",
		  "a deadline inside the quarter, YYYY-MM-DD", NULL },
		{ OPT_STRING, 0, "direction", &direction, "<direction>",
		  "decrease for metrics that must fall", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "change the file but do not commit it", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_buf err = ALIGN_BUF_INIT, summary = ALIGN_BUF_INIT;
	const struct align_entry *e;
	int n, ret, status;

	if (argc < 2 || strcmp(argv[1], "add")) {
		if (argc >= 2 && (!strcmp(argv[1], "-h") ||
				  !strcmp(argv[1], "--help"))) {
			opts_usage(stdout, opts, usage);
			return EXIT_OK;
		}
		error_msg("unknown okr kr action '%s'; see 'align okr -h'",
			  argc < 2 ? "" : argv[1]);
		return EXIT_USAGE;
	}
	n = opts_parse(argc - 1, argv + 1, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	argv++;
	if (n != 2) {
		error_msg("give the objective and the key result's key: align "
			  "okr kr add <okr> <key> ...");
		return EXIT_USAGE;
	}
	if (!title || !start || !target) {
		error_msg("a key result needs --title, --start and --target");
		return EXIT_USAGE;
	}
	if (check_option_value("title", title) < 0 || check_option_value("unit", unit) < 0 ||
	    check_option_value("owner", owner) < 0) {
		return EXIT_USAGE;
	}
	if ((status = load_catalog(ctx, &cat)) != 0 ||
	    (status = find_record(&e, ctx, &cat, &align_kind_okr, argv[0])) !=
		    0) {
		goto done;
	}
	ret = align_okr_add_kr(e->record, argv[1], title, start, target, unit,
			       owner, due, direction, &err);
	if (ret < 0) {
		error_msg("%s", err.ptr);
		status = ret == ALIGN_EEXISTS ? EXIT_FINDINGS : EXIT_USAGE;
		goto done;
	}
	align_buf_addf(&summary, "okr: add %s#%s", align_record_id(e->record),
		       argv[1]);
	status = write_one_record(ctx, e->record, summary.ptr, note, no_commit,
			      NULL);
done:
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&summary);
	return status;
}

/* Splits "<okr>#<kr>" in place; prints the error and returns -1. */
static int split_kr_ref(char *ref, char **out_kr)
{
	char *hash = strrchr(ref, '#');

	if (!hash || hash == ref || !hash[1]) {
		error_msg("name the key result as <okr>#<key>, as in "
			  "2026-q4-pipeline#attendance");
		return -1;
	}
	*hash = '\0';
	*out_kr = hash + 1;
	return 0;
}

static int okr_checkin(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align okr checkin <okr>#<kr> <value> [--confidence <c>] "
		"[-m <note>] [--force] [--no-commit]",
		NULL,
	};
	const char *confidence = NULL, *note = NULL;
	int force = 0, no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "confidence", &confidence, "<c>",
		  "how sure the owner is of reaching the target, 0 to 1", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "what moved it, for the history", NULL },
		{ OPT_BOOL, 0, "force", &force, NULL,
		  "check in on an objective of a past quarter", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "change the file but do not commit it", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_buf err = ALIGN_BUF_INIT, summary = ALIGN_BUF_INIT;
	struct align_buf subject = ALIGN_BUF_INIT, trailer = ALIGN_BUF_INIT;
	const struct align_entry *e;
	struct align_period period;
	char *ref = NULL, *kr, *quarter_copy = NULL;
	const char *q;
	int n, ret, status, late = 0;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 2) {
		error_msg("give the key result and the value: align okr checkin "
			  "<okr>#<kr> <value>");
		return EXIT_USAGE;
	}
	ref = align_strdup(argv[0]);
	if (split_kr_ref(ref, &kr) < 0) {
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = load_catalog(ctx, &cat)) != 0 ||
	    (status = find_record(&e, ctx, &cat, &align_kind_okr, ref)) != 0) {
		goto done;
	}
	/* A copy: the check-in re-parses the record, freeing its strings. */
	q = align_record_get(e->record, "objective", NULL, "quarter");
	quarter_copy = q ? align_strdup(q) : NULL;
	q = quarter_copy;
	if (q && align_period_parse(&period, q) == 0 &&
	    align_date_to_days(&ctx->today) > align_date_to_days(&period.end)) {
		if (!force) {
			error_msg("objective '%s' is for %s, which has ended; "
				  "check in late with --force",
				  align_record_id(e->record), q);
			status = EXIT_FINDINGS;
			goto done;
		}
		late = 1;
	}
	ret = align_okr_checkin(e->record, kr, argv[1], confidence, &summary,
				&err);
	if (ret < 0) {
		error_msg("%s", err.ptr);
		status = ret == ALIGN_ENOTFOUND ? EXIT_FINDINGS : EXIT_USAGE;
		goto done;
	}
	align_buf_addf(&subject, "okr: %s%s", summary.ptr, late ? " (late)" : "");
	if (late) {
		align_buf_addf(&trailer, "Align-Late-Checkin: %s", q);
	}
	status = write_one_record(ctx, e->record, subject.ptr, note, no_commit,
			      late ? trailer.ptr : NULL);
	if (status == EXIT_OK) {
		printf("%s#%s: %s\n", align_record_id(e->record), kr,
		       summary.ptr + strlen(kr) + 1);
	}
done:
	free(ref);
	free(quarter_copy);
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&summary);
	align_buf_release(&subject);
	align_buf_release(&trailer);
	return status;
}

/* ---- status ------------------------------------------------------------ */

/* When each key result last changed (a check-in, or being added). */
struct last_change {
	char *key; /* "<okr>#<kr>" */
	int64_t when;
};

struct freshness {
	struct last_change *items;
	size_t count;
	size_t alloc;
	size_t missing; /* shown key results whose last change is unknown */
};

static int64_t *fresh_slot(struct freshness *f, const char *id,
			   const char *kr)
{
	struct align_buf key = ALIGN_BUF_INIT;
	struct last_change *c;

	align_buf_addf(&key, "%s#%s", id, kr);
	for (size_t i = 0; i < f->count; i++) {
		if (!strcmp(f->items[i].key, key.ptr)) {
			align_buf_release(&key);
			return &f->items[i].when;
		}
	}
	ALIGN_ARRAY_GROW(f->items, f->alloc, f->count + 1);
	c = &f->items[f->count++];
	c->key = align_buf_detach(&key, NULL);
	c->when = INT64_MIN;
	return &c->when;
}

static int note_change(const struct align_history_entry *e, void *payload)
{
	struct freshness *f = payload;
	const struct align_record *r = e->new_;

	if (!r || strcmp(align_record_kind(r), "objective") ||
	    !align_record_id(r)) {
		return 0;
	}
	for (size_t s = 0; s < r->ini.nsections; s++) {
		const struct align_ini_section *sec = &r->ini.sections[s];
		const char *now, *was;
		int64_t *slot;

		if (strcmp(sec->name, "kr") || !sec->sub) {
			continue;
		}
		now = align_record_get(r, "kr", sec->sub, "current");
		was = e->old ? align_record_get(e->old, "kr", sec->sub,
						"current")
			     : NULL;
		if (e->old && was && now && !strcmp(was, now) &&
		    align_ini_find_section(&e->old->ini, "kr", sec->sub) >= 0) {
			continue;
		}
		slot = fresh_slot(f, align_record_id(r), sec->sub);
		if (*slot == INT64_MIN && f->missing) {
			f->missing--;
		}
		if (*slot < e->commit->author_time.seconds) {
			*slot = e->commit->author_time.seconds;
		}
	}
	/* Newest first: once every shown key result is dated, stop. */
	return f->missing ? 0 : 1;
}

static void freshness_release(struct freshness *f)
{
	for (size_t i = 0; i < f->count; i++) {
		free(f->items[i].key);
	}
	free(f->items);
}

struct okr_row {
	struct align_okr_status st;
	const char *title;
	double rolled;     /* with its children, for --tree */
	int depth;
	int shown;
};

static long find_row(struct okr_row *rows, size_t n, const char *id)
{
	for (size_t i = 0; id && i < n; i++) {
		if (rows[i].st.id && !strcmp(rows[i].st.id, id)) {
			return (long)i;
		}
	}
	return -1;
}

/* Progress of an objective with its sub-objectives, weighted. */
static double roll_up(struct okr_row *rows, size_t n, size_t i, int depth)
{
	double wsum = 0, psum = 0;

	if (depth > 32) {
		return rows[i].st.progress; /* a cycle: check reports it */
	}
	for (size_t k = 0; k < rows[i].st.nkrs; k++) {
		wsum += rows[i].st.krs[k].weight;
		psum += rows[i].st.krs[k].weight * rows[i].st.krs[k].progress;
	}
	for (size_t c = 0; c < n; c++) {
		if (c != i && rows[c].st.parent && rows[i].st.id &&
		    !strcmp(rows[c].st.parent, rows[i].st.id)) {
			double p = roll_up(rows, n, c, depth + 1);
			wsum += rows[c].st.weight;
			psum += rows[c].st.weight * p;
		}
	}
	rows[i].rolled = wsum > 0 ? psum / wsum : 0;
	return rows[i].rolled;
}

static void pct(char *out, size_t size, double v)
{
	/* 0.575 is 0.57499... in binary: nudge halves up, as people round. */
	snprintf(out, size, "%d%%", (int)(v * 100 + 0.5 + 1e-9));
}

static int stale_days(const struct freshness *f, const char *id,
		      const char *kr, int64_t now, int cadence,
		      int64_t *out_age)
{
	struct align_buf key = ALIGN_BUF_INIT;
	int64_t when = INT64_MIN;

	align_buf_addf(&key, "%s#%s", id, kr);
	for (size_t i = 0; i < f->count; i++) {
		if (!strcmp(f->items[i].key, key.ptr)) {
			when = f->items[i].when;
		}
	}
	align_buf_release(&key);
	*out_age = when == INT64_MIN ? -1 : (now - when) / 86400;
	return when == INT64_MIN || *out_age > cadence;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static void kr_json(struct json *j, const struct align_kr_status *k,
		    const struct align_record *r, int64_t age, int stale)
{
	struct align_buf num = ALIGN_BUF_INIT;
	const char *v;

	json_begin_object(j);
	json_key(j, "key");
	json_string(j, k->key);
	json_key(j, "title");
	json_string(j, or_dash(k->title));
	json_key(j, "owner");
	json_string(j, or_dash(k->owner));
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

static void print_row_text(const struct okr_row *row, int indent, int tree,
			   const struct freshness *fresh,
			   const struct align_okr_settings *settings,
			   int64_t now)
{
	char p[16];

	pct(p, sizeof(p), tree ? row->rolled : row->st.progress);
	printf("%*s%s  %s  %s  %s  %s\n", indent * 2, "", or_dash(row->st.id),
	       p, align_health_name(row->st.health), or_dash(row->st.owner),
	       or_dash(row->title));
	for (size_t k = 0; k < row->st.nkrs; k++) {
		const struct align_kr_status *kr = &row->st.krs[k];
		struct align_buf line = ALIGN_BUF_INIT;
		char a[16], e[16];
		int64_t age;
		int stale = stale_days(fresh, row->st.id, kr->key, now,
				       settings->cadence_days, &age);

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
		align_buf_addf(&line, "  %s", or_dash(kr->owner));
		if (stale) {
			if (age >= 0) {
				align_buf_addf(&line, "  stale %lldd",
					       (long long)age);
			} else {
				align_buf_adds(&line, "  stale (no check-in "
						      "this quarter)");
			}
		}
		printf("%s\n", line.ptr);
		align_buf_release(&line);
	}
}

static void print_tree(struct okr_row *rows, size_t n, size_t i, int depth,
		       const struct freshness *fresh,
		       const struct align_okr_settings *settings, int64_t now)
{
	if (rows[i].shown || depth > 32) {
		return;
	}
	rows[i].shown = 1;
	print_row_text(&rows[i], depth, 1, fresh, settings, now);
	for (size_t c = 0; c < n; c++) {
		if (rows[c].st.parent && rows[i].st.id &&
		    !strcmp(rows[c].st.parent, rows[i].st.id)) {
			print_tree(rows, n, c, depth + 1, fresh, settings, now);
		}
	}
}

static int print_status(struct align_ctx *ctx, struct okr_row *rows,
			size_t n, const struct freshness *fresh,
			const struct align_okr_settings *settings, int64_t now,
			int tree, const char *owner, const char *format)
{
	(void)ctx;
	if (!strcmp(format, "json")) {
		struct json j;
		struct align_buf num = ALIGN_BUF_INIT;

		json_init(&j, stdout);
		json_begin_array(&j);
		for (size_t i = 0; i < n; i++) {
			const struct okr_row *row = &rows[i];
			if (owner && (!row->st.owner ||
				      strcmp(row->st.owner, owner))) {
				continue;
			}
			json_begin_object(&j);
			json_key(&j, "id");
			json_string(&j, or_dash(row->st.id));
			json_key(&j, "title");
			json_string(&j, or_dash(row->title));
			json_key(&j, "quarter");
			json_string(&j, or_dash(row->st.quarter));
			json_key(&j, "owner");
			json_string(&j, or_dash(row->st.owner));
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
				int64_t age;
				int stale = stale_days(
					fresh, row->st.id, row->st.krs[k].key,
					now, settings->cadence_days, &age);
				kr_json(&j, &row->st.krs[k], row->st.record,
					age, stale);
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
			const struct okr_row *row = &rows[i];
			if (owner && (!row->st.owner ||
				      strcmp(row->st.owner, owner))) {
				continue;
			}
			for (size_t k = 0; k < row->st.nkrs; k++) {
				const struct align_kr_status *kr =
					&row->st.krs[k];
				int64_t age;
				int stale = stale_days(fresh, row->st.id,
						       kr->key, now,
						       settings->cadence_days,
						       &age);
				csv_field(stdout, or_dash(row->st.id), ',');
				csv_field(stdout, or_dash(row->st.quarter), ',');
				csv_field(stdout, or_dash(row->st.owner), ',');
				csv_field(stdout, kr->key, ',');
				csv_field(stdout, or_dash(kr->title), ',');
				csv_field(stdout, or_dash(kr->owner), ',');
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
		/* Roots: no parent, or a parent outside what is shown. */
		for (size_t i = 0; i < n; i++) {
			if (!rows[i].st.parent ||
			    find_row(rows, n, rows[i].st.parent) < 0) {
				print_tree(rows, n, i, 0, fresh, settings, now);
			}
		}
		for (size_t i = 0; i < n; i++) {
			print_tree(rows, n, i, 0, fresh, settings, now);
		}
		return EXIT_OK;
	}
	for (size_t i = 0; i < n; i++) {
		if (owner && (!rows[i].st.owner || strcmp(rows[i].st.owner, owner))) {
			continue;
		}
		print_row_text(&rows[i], 0, 0, fresh, settings, now);
	}
	return EXIT_OK;
}

static int okr_status(int argc, const char **argv, struct align_ctx *ctx)
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
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_okr_settings settings;
	struct align_period period;
	struct align_date today = ctx->today;
	struct freshness fresh = { NULL, 0, 0, 0 };
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct okr_row *rows = NULL;
	size_t nrows = 0, alloc = 0;
	int64_t now = ctx->now.seconds;
	int n, status = EXIT_OK;
	char rev[ALIGN_OID_HEXSZ + 1] = "";

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	if (as_of && (status = resolve_as_of(ctx, as_of, rev, &today, &now)) !=
			     0) {
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
		align_quarter_of(&period, &today);
	}
	align_okr_settings(&settings, ctx->repo);
	if (*rev) {
		if ((status = load_catalog_at(ctx, &cat, rev)) != 0) {
			goto done;
		}
	} else if (align_catalog_load_kind(&cat, ctx->repo, &align_kind_okr) <
		   0) {
		status = fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
		goto done;
	}
	for (size_t i = 0; i < cat.count; i++) {
		const struct align_record *r = cat.entries[i].record;
		struct align_period op;
		const char *q;
		struct okr_row *row;

		if (!r || cat.entries[i].kind != &align_kind_okr ||
		    strcmp(align_record_kind(r), "objective")) {
			continue;
		}
		q = align_record_get(r, "objective", NULL, "quarter");
		if (!q || align_period_parse(&op, q) < 0 ||
		    !(align_period_within(&op, &period) ||
		      (tree && align_period_within(&period, &op)))) {
			continue;
		}
		ALIGN_ARRAY_GROW(rows, alloc, nrows + 1);
		row = &rows[nrows++];
		memset(row, 0, sizeof(*row));
		align_okr_evaluate(&row->st, r, &today, &settings);
		row->title = r->title;
	}
	{
		/* Staleness needs history: only this quarter's, newest first. */
		const char *folders[2] = { align_kind_folder(&align_kind_okr,
							     ctx->repo),
					   NULL };
		struct align_history_opts ho;
		struct align_date from;

		align_history_opts_init(&ho);
		ho.folders = folders;
		ho.rev = *rev ? rev : NULL;
		align_date_from_days(&from, align_date_to_days(&period.start) -
						    settings.cadence_days);
		ho.since = align_date_to_days(&from) * 86400;
		for (size_t i = 0; i < nrows; i++) {
			for (size_t k = 0; rows[i].st.id && k < rows[i].st.nkrs;
			     k++) {
				fresh_slot(&fresh, rows[i].st.id,
					   rows[i].st.krs[k].key);
				fresh.missing++;
			}
		}
		if (nrows && align_history_walk(ctx->repo, &ho, note_change,
						&fresh, &warnings) < 0) {
			status = fail_with(ALIGN_ERROR,
					   align_repo_error(ctx->repo));
			goto done;
		}
		print_history_warnings(&warnings);
	}
	for (size_t i = 0; i < nrows; i++) {
		roll_up(rows, nrows, i, 0);
	}
	status = print_status(ctx, rows, nrows, &fresh, &settings, now, tree,
			      owner, format);
done:
	for (size_t i = 0; i < nrows; i++) {
		align_okr_status_release(&rows[i].st);
	}
	free(rows);
	freshness_release(&fresh);
	align_diags_clear(&warnings);
	align_catalog_release(&cat);
	return status;
}

/* ---- history ----------------------------------------------------------- */

struct kr_value {
	char commit[ALIGN_OID_HEXSZ + 1];
	struct align_time when;
	char *who;
	char *email;
	char *value;
	char *confidence; /* NULL when not given */
	char *unit;
	char *note;
	int late;
};

struct kr_history {
	const char *kr;
	const struct align_people *people;
	struct kr_value *items;
	size_t count;
	size_t alloc;
};

/*
 * The note of a check-in: the body an align commit carries (between the
 * summary and the trailers), or the summary of a plain git commit.
 */
static char *commit_note(const char *message, int *late)
{
	const char *body = strstr(message, "\n\n");
	struct align_buf out = ALIGN_BUF_INIT;
	int align_commit = !strncmp(message, "okr: ", 5);

	*late = strstr(message, "\nAlign-Late-Checkin: ") != NULL;
	if (!align_commit) {
		align_buf_add(&out, message, strcspn(message, "\n"));
		return align_buf_detach(&out, NULL);
	}
	while (body && *body) {
		const char *para;
		size_t n;

		while (*body == '\n') {
			body++;
		}
		para = body;
		body = strstr(para, "\n\n");
		n = body ? (size_t)(body - para) : strlen(para);
		if (!strncmp(para, "Align-", 6)) {
			break; /* the trailers */
		}
		if (out.len) {
			align_buf_addch(&out, ' ');
		}
		for (size_t i = 0; i < n; i++) {
			align_buf_addch(&out, para[i] == '\n' ? ' ' : para[i]);
		}
	}
	align_buf_rtrim(&out);
	return align_buf_detach(&out, NULL);
}

static int collect_kr(const struct align_history_entry *e, void *payload)
{
	struct kr_history *h = payload;
	const char *now, *was = NULL, *conf;
	const struct align_person *p;
	struct kr_value *v;

	if (!e->new_ || align_ini_find_section(&e->new_->ini, "kr", h->kr) < 0) {
		return 0;
	}
	now = align_record_get(e->new_, "kr", h->kr, "current");
	if (e->old && align_ini_find_section(&e->old->ini, "kr", h->kr) >= 0) {
		was = align_record_get(e->old, "kr", h->kr, "current");
		if (was && now && !strcmp(was, now)) {
			return 0;
		}
	}
	if (!now || !*now) {
		return 0;
	}
	conf = align_record_get(e->new_, "kr", h->kr, "confidence");
	p = align_people_by_email(h->people, e->commit->author_email);
	ALIGN_ARRAY_GROW(h->items, h->alloc, h->count + 1);
	v = &h->items[h->count++];
	memset(v, 0, sizeof(*v));
	memcpy(v->commit, e->commit->id, sizeof(v->commit));
	v->when = e->commit->author_time;
	v->who = align_strdup(p ? p->handle : e->commit->author_name);
	v->email = align_strdup(e->commit->author_email);
	v->value = align_strdup(now);
	v->confidence = conf && *conf ? align_strdup(conf) : NULL;
	v->unit = align_strdup(or_dash(align_record_get(e->new_, "kr", h->kr,
							"unit")));
	v->note = commit_note(e->commit->message, &v->late);
	return 0;
}

static int okr_history(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align okr history <okr>#<kr> [--since <date>] [--until <date>] "
		"[--format <format>]",
		NULL,
	};
	static const char *const formats[] = { "text", "json", "csv", NULL };
	const char *since = NULL, *until = NULL, *format = "text";
	const struct opt opts[] = {
		{ OPT_STRING, 0, "since", &since, "<date>",
		  "only values from this day on", NULL },
		{ OPT_STRING, 0, "until", &until, "<date>",
		  "only values up to this day", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, json or csv", formats },
		OPT_END_(),
	};
	const char *folders[2] = { NULL, NULL };
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct align_history_opts ho;
	struct kr_history h;
	struct align_buf err = ALIGN_BUF_INIT;
	const struct align_entry *e = NULL;
	struct align_date d;
	char *ref = NULL, *kr;
	int n, ret, status = EXIT_OK;

	memset(&h, 0, sizeof(h));
	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg("give one key result: align okr history <okr>#<kr>");
		return EXIT_USAGE;
	}
	align_history_opts_init(&ho);
	if (since) {
		if (parse_day_option(&d, "since", since, ctx) < 0) {
			return EXIT_USAGE;
		}
		ho.since = align_date_to_days(&d) * 86400;
	}
	if (until) {
		if (parse_day_option(&d, "until", until, ctx) < 0) {
			return EXIT_USAGE;
		}
		ho.until = align_date_to_days(&d) * 86400 + 86399;
	}
	ref = align_strdup(argv[0]);
	if (split_kr_ref(ref, &kr) < 0) {
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	ret = align_catalog_find(&e, &cat, ctx->repo, &align_kind_okr, ref,
				 &err);
	if (ret == 0) {
		ho.id = align_record_id(e->record);
	} else if (ret == ALIGN_ENOTFOUND && align_id_valid(ref)) {
		ho.id = ref; /* an objective deleted since */
	} else {
		status = fail_with(ret, err.ptr);
		goto done;
	}
	if (e && align_ini_find_section(&e->record->ini, "kr", kr) < 0) {
		error_msg("objective '%s' has no key result '%s'", ho.id, kr);
		status = EXIT_FINDINGS;
		goto done;
	}
	if (align_people_load(&people, ctx->repo, &warnings) < 0) {
		align_people_release(&people);
	}
	align_diags_clear(&warnings);
	folders[0] = align_kind_folder(&align_kind_okr, ctx->repo);
	ho.folders = folders;
	h.kr = kr;
	h.people = &people;
	if (align_history_walk(ctx->repo, &ho, collect_kr, &h, &warnings) < 0) {
		status = fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
		goto done;
	}
	print_history_warnings(&warnings);
	if (!strcmp(format, "json")) {
		struct json j;
		json_init(&j, stdout);
		json_begin_array(&j);
	for (size_t i = h.count; i-- > 0;) {
			const struct kr_value *v = &h.items[i];
			char date[ALIGN_DATE_STRLEN];
			align_time_date(&d, &v->when);
			align_date_format(date, &d);
			json_begin_object(&j);
			json_key(&j, "date");
			json_string(&j, date);
			json_key(&j, "time");
			json_int(&j, (long long)v->when.seconds);
			json_key(&j, "who");
			json_string(&j, v->who);
			json_key(&j, "email");
			json_string(&j, v->email);
			json_key(&j, "commit");
			json_string(&j, v->commit);
			json_key(&j, "value");
			json_raw(&j, v->value);
			json_key(&j, "unit");
			json_string(&j, v->unit);
			json_key(&j, "confidence");
			if (v->confidence) {
				json_raw(&j, v->confidence);
			} else {
				json_null(&j);
			}
			json_key(&j, "note");
			json_string(&j, v->note);
			json_key(&j, "late");
			json_raw(&j, v->late ? "true" : "false");
			json_end_object(&j);
		}
		json_end_array(&j);
		json_finish(&j);
	} else if (!strcmp(format, "csv")) {
		fputs("date,who,commit,value,unit,confidence,note,late\n",
		      stdout);
		for (size_t i = h.count; i-- > 0;) {
			const struct kr_value *v = &h.items[i];
			char date[ALIGN_DATE_STRLEN];
			align_time_date(&d, &v->when);
			align_date_format(date, &d);
			csv_field(stdout, date, ',');
			csv_field(stdout, v->who, ',');
			csv_field(stdout, v->commit, ',');
			csv_field(stdout, v->value, ',');
			csv_field(stdout, v->unit, ',');
			csv_field(stdout, v->confidence ? v->confidence : "",
				  ',');
			csv_field(stdout, v->note, ',');
			csv_field(stdout, v->late ? "yes" : "no", '\n');
		}
	} else {
		for (size_t i = h.count; i-- > 0;) {
			const struct kr_value *v = &h.items[i];
			char date[ALIGN_DATE_STRLEN];
			align_time_date(&d, &v->when);
			align_date_format(date, &d);
			printf("%s  %s%s%s  %s  %.7s  %s%s%s%s%s\n", date,
			       v->value, strcmp(v->unit, "-") ? " " : "",
			       strcmp(v->unit, "-") ? v->unit : "", v->who,
			       v->commit,
			       v->confidence ? "confidence " : "",
			       v->confidence ? v->confidence : "",
			       v->confidence && *v->note ? "  " : "", v->note,
			       v->late ? "  (late)" : "");
		}
	}
done:
	for (size_t i = 0; i < h.count; i++) {
		free(h.items[i].who);
		free(h.items[i].email);
		free(h.items[i].value);
		free(h.items[i].confidence);
		free(h.items[i].unit);
		free(h.items[i].note);
	}
	free(h.items);
	free(ref);
	align_people_release(&people);
	align_diags_clear(&warnings);
	align_catalog_release(&cat);
	align_buf_release(&err);
	return status;
}

int cmd_okr(int argc, const char **argv, struct align_ctx *ctx)
{
	static const struct {
		const char *name;
		int (*fn)(int, const char **, struct align_ctx *);
		int writes;
	} verbs[] = {
		{ "checkin", okr_checkin, 1 }, { "history", okr_history, 0 },
		{ "kr", okr_kr, 1 },	       { "new", okr_new, 1 },
		{ "status", okr_status, 0 },
	};

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		FILE *out = argc < 2 ? stderr : stdout;
		for (size_t i = 0; okr_usage[i]; i++) {
			fprintf(out, "%s %s\n", i ? "   or:" : "usage:",
				okr_usage[i]);
		}
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (!strcmp(argv[1], verbs[i].name)) {
			/* Only the verbs that write wait for other writers. */
			if (verbs[i].writes && ctx->repo &&
			    align_repo_begin_write(ctx->repo, 1) < 0) {
				return fail_with(ALIGN_ELOCKED,
						 align_repo_error(ctx->repo));
			}
			return verbs[i].fn(argc - 1, argv + 1, ctx);
		}
	}
	{
		static const char *const names[] = { "checkin", "history", "kr",
						     "new", "status", NULL };
		return unknown_action("okr", argv[1], names);
	}
}
