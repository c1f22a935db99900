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

#include "cache.h"
#include "catalog.h"
#include "history.h"
#include "okr.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

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
	/* The key results the commit being read changed: "<id>#<kr> ...",
	 * every one, shown or not, as the cache keeps it. */
	struct align_buf changed;
	struct align_cache *cache;
};

/* A key result changed at `when`: date it when it is shown. */
static void saw_change(struct freshness *f, const char *id, const char *kr,
		       int64_t when);

/* The slot of a shown key result, or NULL for one not shown. */
static int64_t *shown_slot(struct freshness *f, const char *id,
			   const char *kr)
{
	size_t n = strlen(id);

	for (size_t i = 0; i < f->count; i++) {
		const char *k = f->items[i].key;
		if (!strncmp(k, id, n) && k[n] == '#' && !strcmp(k + n + 1, kr)) {
			return &f->items[i].when;
		}
	}
	return NULL;
}

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
		align_buf_addf(&f->changed, "%s%s#%s", f->changed.len ? " " : "",
			       align_record_id(r), sec->sub);
		saw_change(f, align_record_id(r), sec->sub,
			   e->commit->author_time.seconds);
	}
	/* Read the commit to its end, for the cache; commit_known stops. */
	return 0;
}

static void saw_change(struct freshness *f, const char *id, const char *kr,
		       int64_t when)
{
	int64_t *slot = shown_slot(f, id, kr);

	if (!slot) {
		return; /* not shown: not waited for */
	}
	if (*slot == INT64_MIN && f->missing) {
		f->missing--;
	}
	if (*slot < when) {
		*slot = when;
	}
}

/* A commit read to its end: keep what it changed for the next run. */
static void commit_read(const struct align_git_commit_info *c, void *payload)
{
	struct freshness *f = payload;

	align_cache_put(f->cache, c->id, f->changed.ptr);
	align_buf_clear(&f->changed);
}

/* A commit the cache knows: its changes without reading it. */
static int commit_known(const struct align_git_commit_info *c, void *payload)
{
	struct freshness *f = payload;
	const char *v;
	struct align_buf token = ALIGN_BUF_INIT;

	/* Newest first: once every shown key result is dated, stop. */
	if (!f->missing) {
		return 2;
	}
	v = align_cache_get(f->cache, c->id);
	align_buf_clear(&f->changed);
	if (!v) {
		return 0;
	}
	while (*v) {
		size_t n = strcspn(v, " ");
		const char *hash;

		align_buf_clear(&token);
		align_buf_add(&token, v, n);
		hash = strrchr(token.ptr, '#');
		if (hash) {
			token.ptr[hash - token.ptr] = '\0';
			saw_change(f, token.ptr, hash + 1,
				   c->author_time.seconds);
		}
		v += n;
		while (*v == ' ') {
			v++;
		}
	}
	align_buf_release(&token);
	return f->missing ? 1 : 2;
}

static void freshness_release(struct freshness *f)
{
	align_cache_close(f->cache);
	align_buf_release(&f->changed);
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

static void kr_json(struct json *j, const struct align_kr_status *k,
		    const struct align_record *r, int64_t age, int stale)
{
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

static void print_row_text(const struct okr_row *row, int indent, int tree,
			   const struct freshness *fresh,
			   const struct align_okr_settings *settings,
			   int64_t now)
{
	char p[16];

	pct(p, sizeof(p), tree ? row->rolled : row->st.progress);
	printf("%*s%s  %s  %s  %s  %s\n", indent * 2, "", okr_or_dash(row->st.id),
	       p, align_health_name(row->st.health), okr_or_dash(row->st.owner),
	       okr_or_dash(row->title));
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
		align_buf_addf(&line, "  %s", okr_or_dash(kr->owner));
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
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_okr_settings settings;
	struct align_period period;
	struct align_date today = ctx->today;
	struct freshness fresh = { NULL, 0, 0, 0, ALIGN_BUF_INIT, NULL };
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct okr_row *rows = NULL;
	size_t nrows = 0, alloc = 0;
	int64_t now = ctx->now.seconds;
	int n, status = EXIT_OK;
	char rev[ALIGN_OID_HEXSZ + 1] = "";
	char year[8];
	const char *where[3];

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
	/*
	 * Where okr new puts them: the quarter's folder and the year's (for
	 * yearly parents). check warns about an objective anywhere else.
	 */
	snprintf(year, sizeof(year), "%.4s", period.name);
	where[0] = period.name;
	where[1] = strcmp(year, period.name) ? year : NULL;
	where[2] = NULL;
	if (*rev) {
		if ((status = load_catalog_at(ctx, &cat, rev)) != 0) {
			goto done;
		}
	} else if (align_catalog_load_within(&cat, ctx->repo, &align_kind_okr,
					     where) < 0) {
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
		{
			/* One cache per records root and folder. */
			struct align_buf name = ALIGN_BUF_INIT;
			align_buf_addf(&name, "okr-checkins-%s%s",
				       align_repo_prefix(ctx->repo), folders[0]);
			for (size_t i = 0; i < name.len; i++) {
				if (name.ptr[i] == '/') {
					name.ptr[i] = '_';
				}
			}
			fresh.cache = align_cache_open(ctx->repo, name.ptr);
			align_buf_release(&name);
		}
		ho.cached = commit_known;
		ho.commit_done = commit_read;
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

