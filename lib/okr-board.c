#include "okr-board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "history.h"
#include "util/error.h"
#include "util/idmap.h"
#include "util/banned.h"

/* ---- arithmetic on plain data ------------------------------------------ */

static double roll(struct align_okr_row *rows, size_t n, size_t i, int depth)
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
			double p = roll(rows, n, c, depth + 1);
			wsum += rows[c].st.weight;
			psum += rows[c].st.weight * p;
		}
	}
	rows[i].rolled = wsum > 0 ? psum / wsum : 0;
	return rows[i].rolled;
}

void align_okr_board_roll_up(struct align_okr_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		roll(rows, n, i, 0);
	}
}

void align_okr_board_freshness(struct align_kr_freshness *out,
			       int64_t last_change, int64_t now,
			       int cadence_days)
{
	out->last_change = last_change;
	out->age_days = last_change == INT64_MIN ? -1
						 : (now - last_change) / 86400;
	out->stale = last_change == INT64_MIN || out->age_days > cadence_days;
}

/* ---- last check-ins, from history -------------------------------------- */

int align_okr_board_checked_in(const struct align_record *old,
			       const struct align_record *new_,
			       const char *kr)
{
	const char *now, *was;

	if (!new_ || align_ini_find_section(&new_->ini, "kr", kr) < 0) {
		return 0;
	}
	if (!old || align_ini_find_section(&old->ini, "kr", kr) < 0) {
		return 1; /* it appears */
	}
	now = align_record_get(new_, "kr", kr, "current");
	was = align_record_get(old, "kr", kr, "current");
	return !was || !now || strcmp(was, now);
}

/* When a shown key result last changed (a check-in, or being added). */
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
	struct align_idmap index; /* key -> its item */
	struct align_buf key;     /* scratch */
};

/* The slot of a shown key result, or NULL for one not shown. */
static int64_t *shown_slot(struct freshness *f, const char *id,
			   const char *kr)
{
	size_t i;

	align_buf_clear(&f->key);
	align_buf_addf(&f->key, "%s#%s", id, kr);
	return align_idmap_get(&f->index, f->key.ptr, &i) ? &f->items[i].when
							   : NULL;
}

static void wait_for(struct freshness *f, const char *id, const char *kr)
{
	struct align_buf key = ALIGN_BUF_INIT;
	struct last_change *c;

	if (shown_slot(f, id, kr)) {
		return;
	}
	align_buf_addf(&key, "%s#%s", id, kr);
	ALIGN_ARRAY_GROW(f->items, f->alloc, f->count + 1);
	c = &f->items[f->count++];
	c->key = align_buf_detach(&key, NULL);
	c->when = INT64_MIN;
	align_idmap_add(&f->index, c->key, f->count - 1, NULL);
	f->missing++;
}

/* A key result changed at `when`: date it when it is shown. */
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

		if (strcmp(sec->name, "kr") || !sec->sub) {
			continue;
		}
		if (!align_okr_board_checked_in(e->old, r, sec->sub)) {
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
	align_buf_release(&f->key);
	align_idmap_release(&f->index);
	for (size_t i = 0; i < f->count; i++) {
		free(f->items[i].key);
	}
	free(f->items);
}

/* Dates the key results of the shown rows with one bounded walk. */
static int date_checkins(struct align_okr_board *b, struct align_repo *repo,
			 const struct align_okr_board_opts *opts,
			 struct align_diags *warnings)
{
	const char *folders[2] = { align_kind_folder(&align_kind_okr, repo),
				   NULL };
	struct freshness f;
	struct align_history_opts ho;
	struct align_buf name = ALIGN_BUF_INIT;
	int ret = 0;

	memset(&f, 0, sizeof(f));
	align_buf_init(&f.changed);
	align_buf_init(&f.key);
	for (size_t i = 0; i < b->count; i++) {
		for (size_t k = 0; b->rows[i].st.id && k < b->rows[i].st.nkrs;
		     k++) {
			wait_for(&f, b->rows[i].st.id, b->rows[i].st.krs[k].key);
		}
	}
	/* Only this period's history, newest first. */
	align_history_opts_init(&ho);
	ho.folders = folders;
	ho.rev = opts->rev;
	ho.since = (align_date_to_days(&opts->period->start) -
		    b->settings.cadence_days) *
		   (int64_t)86400;
	ho.cached = commit_known;
	ho.commit_done = commit_read;
	/* One cache per records root and folder. */
	align_buf_addf(&name, "okr-checkins-%s%s", align_repo_prefix(repo),
		       folders[0]);
	for (size_t i = 0; i < name.len; i++) {
		if (name.ptr[i] == '/') {
			name.ptr[i] = '_';
		}
	}
	f.cache = align_cache_open(repo, name.ptr);
	if (b->count) {
		ret = align_history_walk(repo, &ho, note_change, &f, warnings);
	}
	for (size_t i = 0; ret >= 0 && i < b->count; i++) {
		struct align_okr_row *row = &b->rows[i];

		for (size_t k = 0; k < row->st.nkrs; k++) {
			int64_t *when = row->st.id ? shown_slot(&f, row->st.id,
								row->st.krs[k].key)
						   : NULL;
			align_okr_board_freshness(&row->fresh[k],
						  when ? *when : INT64_MIN,
						  opts->now,
						  b->settings.cadence_days);
		}
	}
	freshness_release(&f);
	align_buf_release(&name);
	return ret < 0 ? ret : 0;
}

/* ---- the board --------------------------------------------------------- */

/* Is `path` in <folder>/<sub>/ for one of `subs`? */
static int in_folders(const char *path, const char *folder,
		      const char *const *subs)
{
	size_t n = strlen(folder);

	if (strncmp(path, folder, n) || path[n] != '/') {
		return 0;
	}
	path += n + 1;
	for (size_t i = 0; subs[i]; i++) {
		size_t m = strlen(subs[i]);
		if (!strncmp(path, subs[i], m) && path[m] == '/') {
			return 1;
		}
	}
	return 0;
}

static void add_row(struct align_okr_row **rows, size_t *count,
		    size_t *alloc, const struct align_record *r,
		    const struct align_date *today,
		    const struct align_okr_settings *settings)
{
	struct align_okr_row *row;

	ALIGN_ARRAY_GROW(*rows, *alloc, *count + 1);
	row = &(*rows)[(*count)++];
	memset(row, 0, sizeof(*row));
	align_okr_evaluate(&row->st, r, today, settings);
	row->title = r->title;
	row->fresh = align_calloc(row->st.nkrs ? row->st.nkrs : 1,
				  sizeof(*row->fresh));
	for (size_t k = 0; k < row->st.nkrs; k++) {
		align_okr_board_freshness(&row->fresh[k], INT64_MIN, 0,
					  settings->cadence_days);
	}
}

int align_okr_board_load(struct align_okr_board *out, struct align_repo *repo,
			 const struct align_okr_board_opts *opts,
			 struct align_diags *problems,
			 struct align_diags *warnings)
{
	const struct align_period *period = opts->period;
	const char *folder = align_kind_folder(&align_kind_okr, repo);
	struct align_okr_row *extra = NULL;
	size_t nextra = 0, extra_alloc = 0;
	struct align_period year;
	char name[8], quarters[4][16];
	const char *where[7];
	size_t nwhere = 0;
	int whole_year, ret = 0;

	align_okr_settings(&out->settings, repo);
	/*
	 * Where okr new puts them: the quarter's folder and the year's (for
	 * yearly parents); a year, or a tree that shows yearly objectives,
	 * needs every quarter of the year for their roll-up. check warns
	 * about an objective anywhere else.
	 */
	snprintf(name, sizeof(name), "%.4s", period->name);
	if (align_period_parse(&year, name) < 0) {
		return ALIGN_EINVALID;
	}
	whole_year = opts->tree || !strcmp(year.name, period->name);
	where[nwhere++] = period->name;
	if (strcmp(year.name, period->name)) {
		where[nwhere++] = year.name;
	}
	for (int q = 1; whole_year && q <= 4; q++) {
		snprintf(quarters[q - 1], sizeof(quarters[q - 1]), "%.4s-Q%d",
			 year.name, q);
		if (strcmp(quarters[q - 1], period->name)) {
			where[nwhere++] = quarters[q - 1];
		}
	}
	where[nwhere] = NULL;
	if (opts->rev) {
		ret = align_catalog_load_at(&out->catalog, repo, opts->rev);
	} else {
		ret = align_catalog_load_within(&out->catalog, repo,
						&align_kind_okr, where);
	}
	if (ret < 0) {
		return ret;
	}
	for (size_t i = 0; i < out->catalog.count; i++) {
		const struct align_entry *e = &out->catalog.entries[i];
		const struct align_record *r = e->record;
		struct align_period op;
		const char *q;

		if (e->kind != &align_kind_okr ||
		    !in_folders(e->path, folder, where)) {
			continue;
		}
		if (!r) {
			for (size_t k = 0; k < out->catalog.problems.count; k++) {
				const struct align_diag *d =
					&out->catalog.problems.items[k];
				if (!strcmp(d->path, e->path)) {
					align_diags_add(problems, d->path,
							d->line,
							ALIGN_SEV_ERROR, "%s",
							d->message);
				}
			}
			continue;
		}
		if (strcmp(align_record_kind(r), "objective")) {
			continue;
		}
		q = align_record_get(r, "objective", NULL, "quarter");
		if (!q || align_period_parse(&op, q) < 0) {
			continue;
		}
		if (align_period_within(&op, period) ||
		    (opts->tree && align_period_within(period, &op))) {
			add_row(&out->rows, &out->count, &out->alloc, r,
				&opts->today, &out->settings);
		} else if (align_period_within(&op, &year)) {
			add_row(&extra, &nextra, &extra_alloc, r, &opts->today,
				&out->settings);
		}
	}
	/* The shown rows first, then those read for the roll-up only. */
	out->total = out->count;
	for (size_t i = 0; i < nextra; i++) {
		ALIGN_ARRAY_GROW(out->rows, out->alloc, out->total + 1);
		out->rows[out->total++] = extra[i];
	}
	free(extra);
	align_okr_board_roll_up(out->rows, out->total);
	for (size_t i = 0; i < out->total; i++) {
		struct align_okr_row *row = &out->rows[i];
		struct align_period op;
		int yearly = row->st.quarter &&
			     align_period_parse(&op, row->st.quarter) == 0 &&
			     strlen(op.name) == 4;

		row->progress = opts->tree || yearly ? row->rolled
						     : row->st.progress;
	}
	return date_checkins(out, repo, opts, warnings);
}

void align_okr_board_release(struct align_okr_board *board)
{
	for (size_t i = 0; i < board->total; i++) {
		align_okr_status_release(&board->rows[i].st);
		free(board->rows[i].fresh);
	}
	free(board->rows);
	align_catalog_release(&board->catalog);
	memset(board, 0, sizeof(*board));
}
