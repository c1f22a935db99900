#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blockers.h"
#include "brief.h"
#include "history.h"
#include "kind.h"
#include "update.h"
#include "report-section.h"
#include "util/error.h"
#include "util/banned.h"

/*
 * The sections of each report, in the order of the review's agenda. A
 * new record kind adds its section here: one row and one function.
 */
#define Q (1u << ALIGN_REPORT_QUARTERLY)
#define M (1u << ALIGN_REPORT_MONTHLY)
#define W (1u << ALIGN_REPORT_WEEKLY)

static const struct {
	const char *key;
	const char *title;
	unsigned reports;
	align_report_section_fn fn;
} sections[] = {
	{ "performance", "Performance deep dive", Q, align_report_performance },
	{ "campaigns", "Campaign retrospectives", Q, align_report_campaigns },
	{ "execution", "Execution health", Q, align_report_execution },
	{ "decisions", "Decisions", Q, align_report_decisions },
	{ "ownership", "Ownership", Q, align_report_ownership },
	{ "next", "Next quarter", Q, align_report_next },
	{ "checkins", "Check-ins", M, align_report_checkins },
	{ "launches", "Launches", M, align_report_launches },
	{ "upcoming", "Upcoming briefs", M, align_report_upcoming },
	{ "sprint", "Sprint review", W, align_report_sprint },
};

#undef Q
#undef M
#undef W

static const char *const type_names[] = { "quarterly", "monthly", "weekly" };

int align_month_parse(struct align_period *out, const char *str)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	char day[ALIGN_DATE_STRLEN];
	int last;

	if (strlen(str) != 7 || str[4] != '-') {
		return -1;
	}
	memcpy(day, str, 7);
	memcpy(day + 7, "-01", 4);
	if (align_date_parse(&out->start, day)) {
		return -1;
	}
	last = days[out->start.month - 1];
	if (out->start.month == 2 &&
	    (out->start.year % 4 == 0 &&
	     (out->start.year % 100 != 0 || out->start.year % 400 == 0))) {
		last = 29;
	}
	out->end = out->start;
	out->end.day = last;
	memcpy(out->name, str, 8);
	return 0;
}

void align_month_of(struct align_period *out, const struct align_date *date)
{
	struct align_date next = { date->year, date->month, 1 };
	char name[ALIGN_DATE_STRLEN];

	out->start = next;
	if (++next.month > 12) {
		next.month = 1;
		next.year++;
	}
	align_date_from_days(&out->end, align_date_to_days(&next) - 1);
	align_date_format(name, &out->start);
	memcpy(out->name, name, 7);
	out->name[7] = '\0';
}

/* The model. */

struct align_report_section *
align_report_add_section(struct align_report *report, const char *key,
			 const char *title)
{
	struct align_report_section *s;

	report->sections = align_realloc(report->sections,
					 (report->nsections + 1) *
						 sizeof(*report->sections));
	s = &report->sections[report->nsections++];
	memset(s, 0, sizeof(*s));
	s->key = key;
	s->title = title;
	return s;
}

struct align_report_block *
align_report_add_block(struct align_report_section *section,
		       enum align_report_block_type type, const char *text)
{
	struct align_report_block *b;

	ALIGN_ARRAY_GROW(section->blocks, section->alloc, section->nblocks + 1);
	b = &section->blocks[section->nblocks++];
	memset(b, 0, sizeof(*b));
	b->type = type;
	b->text = text ? align_strdup(text) : NULL;
	b->source = -1;
	return b;
}

struct align_report_table *
align_report_add_table(struct align_report_section *section, const char *key,
		       const char *caption,
		       const struct align_report_column *columns,
		       size_t ncolumns)
{
	struct align_report_block *b =
		align_report_add_block(section, ALIGN_BLOCK_TABLE, NULL);

	b->table = align_calloc(1, sizeof(*b->table));
	b->table->key = key;
	b->table->caption = caption;
	b->table->columns = columns;
	b->table->ncolumns = ncolumns;
	return b->table;
}

struct align_report_cell *align_report_add_row(struct align_report_table *t)
{
	struct align_report_cell *row;

	ALIGN_ARRAY_GROW(t->cells, t->alloc, (t->nrows + 1) * t->ncolumns);
	row = &t->cells[t->nrows++ * t->ncolumns];
	for (size_t i = 0; i < t->ncolumns; i++) {
		memset(&row[i], 0, sizeof(row[i]));
		row[i].source = -1;
	}
	return row;
}

void align_report_cell_text(struct align_report_cell *cell, const char *s)
{
	free(cell->text);
	cell->text = s ? align_strdup(s) : NULL;
	cell->type = s ? ALIGN_CELL_TEXT : ALIGN_CELL_NULL;
}

void align_report_cell_number(struct align_report_cell *cell, double v)
{
	cell->type = isfinite(v) ? ALIGN_CELL_NUMBER : ALIGN_CELL_NULL;
	cell->number = v;
}

void align_report_cell_percent(struct align_report_cell *cell, double v)
{
	cell->type = isfinite(v) ? ALIGN_CELL_PERCENT : ALIGN_CELL_NULL;
	cell->number = v;
}

void align_report_cell_date(struct align_report_cell *cell,
			    const struct align_date *date)
{
	char day[ALIGN_DATE_STRLEN];

	align_date_format(day, date);
	align_report_cell_text(cell, day);
	cell->type = ALIGN_CELL_DATE;
}

int align_report_source(struct align_report *report, const char *id,
			const char *author, const struct align_time *when)
{
	struct align_report_source *src;
	size_t at;

	if (align_idmap_get(&report->source_index, id, &at)) {
		return (int)at;
	}
	src = align_calloc(1, sizeof(*src));
	memcpy(src->commit, id, strnlen(id, ALIGN_OID_HEXSZ));
	src->author = align_strdup(author ? author : "");
	src->when = *when;
	ALIGN_ARRAY_GROW(report->sources, report->sources_alloc,
			 report->nsources + 1);
	report->sources[report->nsources] = src;
	align_idmap_add(&report->source_index, src->commit, report->nsources,
			NULL);
	return (int)report->nsources++;
}

void align_report_gap(struct align_report *report, const char *fmt, ...)
{
	struct align_buf text = ALIGN_BUF_INIT;
	struct align_report_block *b;
	va_list ap;

	va_start(ap, fmt);
	align_buf_vaddf(&text, fmt, ap);
	va_end(ap);
	ALIGN_ARRAY_GROW(report->gaps, report->gaps_alloc, report->ngaps + 1);
	b = &report->gaps[report->ngaps++];
	memset(b, 0, sizeof(*b));
	b->type = ALIGN_BLOCK_GAP;
	b->text = align_buf_detach(&text, NULL);
	b->source = -1;
}

struct align_report_chart *
align_report_add_chart(struct align_report_section *section,
		       enum align_report_chart_type type, const char *title)
{
	struct align_report_block *b =
		align_report_add_block(section, ALIGN_BLOCK_CHART, NULL);

	b->chart = align_calloc(1, sizeof(*b->chart));
	b->chart->type = type;
	b->chart->title = align_strdup(title);
	return b->chart;
}

static void chart_free(struct align_report_chart *c)
{
	if (!c) {
		return;
	}
	free(c->title);
	free(c->points);
	for (size_t i = 0; i < c->nrows; i++) {
		free(c->rows[i]);
	}
	free(c->rows);
	if (c->column_names) {
		for (size_t i = 0; i < c->ncolumns; i++) {
			free(c->column_names[i]);
		}
		free(c->column_names);
	}
	free(c->values);
	free(c);
}

static void block_free(struct align_report_block *b)
{
	free(b->text);
	if (b->table) {
		size_t n = b->table->nrows * b->table->ncolumns;
		for (size_t i = 0; i < n; i++) {
			free(b->table->cells[i].text);
		}
		free(b->table->cells);
		free(b->table);
	}
	chart_free(b->chart);
}

void align_report_release(struct align_report *report)
{
	for (size_t s = 0; s < report->nsections; s++) {
		for (size_t b = 0; b < report->sections[s].nblocks; b++) {
			block_free(&report->sections[s].blocks[b]);
		}
		free(report->sections[s].blocks);
	}
	free(report->sections);
	for (size_t i = 0; i < report->nsources; i++) {
		free(report->sources[i]->author);
		free(report->sources[i]);
	}
	free(report->sources);
	for (size_t i = 0; i < report->ngaps; i++) {
		block_free(&report->gaps[i]);
	}
	free(report->gaps);
	align_idmap_release(&report->source_index);
	free(report->title);
	memset(report, 0, sizeof(*report));
}

/* The core: what every section reads, prepared once. */

const char *align_report_who(const struct align_report_ctx *ctx,
			     const char *email, const char *name)
{
	const struct align_person *p =
		email ? align_people_by_email(&ctx->roster, email) : NULL;

	return p ? p->handle : name;
}

int align_report_event_source(struct align_report_ctx *ctx,
			      const struct align_timeline_event *e)
{
	struct align_time when;

	if (!e) {
		return -1;
	}
	when.seconds = e->when;
	when.offset = e->offset;
	return align_report_commit_source(
		ctx, e->commit, align_report_who(ctx, e->email, e->author),
		&when);
}

/* Indexes the records of `catalog` by id (the first of each id wins). */
static void index_ids(struct align_idmap *out,
		      const struct align_catalog *catalog)
{
	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_record *r = catalog->entries[i].record;
		const char *id = r ? align_record_id(r) : NULL;

		if (id) {
			align_idmap_add(out, id, i, NULL);
		}
	}
}

const struct align_record *align_report_record(
	const struct align_report_ctx *ctx, const struct align_catalog *catalog,
	const struct align_kind *kind, const char *id)
{
	const struct align_idmap *ids = catalog == &ctx->at ? &ctx->at_ids_
					: catalog == &ctx->start
						? &ctx->start_ids_
						: &ctx->end_ids_;
	size_t at;

	if (!id || !align_idmap_get(ids, id, &at)) {
		return NULL;
	}
	if (catalog->entries[at].kind == kind) {
		return catalog->entries[at].record;
	}
	/* The same id in two kinds: the first of the kind asked for. */
	for (size_t i = at + 1; i < catalog->count; i++) {
		const struct align_record *r = catalog->entries[i].record;
		const char *rid;

		if (r && catalog->entries[i].kind == kind &&
		    (rid = align_record_id(r)) && !strcmp(rid, id)) {
			return r;
		}
	}
	return NULL;
}

const char *align_report_field(const struct align_record *r, const char *key)
{
	const char *v = r ? align_record_get(r, align_record_kind(r), NULL, key)
			  : NULL;
	return v && *v ? v : NULL;
}

const struct align_record *align_report_objective(
	const struct align_report_ctx *ctx, const struct align_entry *e)
{
	const char *q;

	if (!e->record || e->kind != &align_kind_okr ||
	    !(q = align_report_field(e->record, "quarter")) ||
	    strcmp(q, ctx->period->name)) {
		return NULL;
	}
	return e->record;
}

int align_report_commit_source(struct align_report_ctx *ctx, const char *id,
			       const char *author,
			       const struct align_time *when)
{
	return align_report_source(ctx->report, id, author, when);
}

/* The records as of the end of instant `when` ("" and empty: none). */
static int catalog_by(struct align_report_ctx *ctx, int64_t when,
		      struct align_catalog *out,
		      char commit[ALIGN_OID_HEXSZ + 1])
{
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	int ret;

	/* Never past the report's own commit: --as-of sees only its past. */
	if (ctx->report->made_at.seconds <= when) {
		memcpy(commit, ctx->report->commit, ALIGN_OID_HEXSZ + 1);
		return align_catalog_load_near(out, ctx->repo, commit, &ctx->at);
	}
	ret = align_history_commit_by(ctx->repo, when, commit, &warnings);

	for (size_t i = 0; !ret && i < warnings.count; i++) {
		align_report_gap(ctx->report, "%s", warnings.items[i].message);
		ctx->report->shallow = 1;
	}
	align_diags_clear(&warnings);
	if (ret < 0) {
		return ret;
	}
	if (!*commit) {
		return 0;
	}
	/* Only the files that differ from the report's commit are read. */
	return align_catalog_load_near(out, ctx->repo, commit, &ctx->at);
}

/* Versions history could not read become the report's gaps. */
static void warnings_to_gaps(struct align_report *report,
			     const struct align_diags *warnings)
{
	for (size_t i = 0; i < warnings->count; i++) {
		const struct align_diag *d = &warnings->items[i];

		if (d->path && *d->path) {
			align_report_gap(report, "%s: %s", d->path,
					 d->message);
		} else {
			align_report_gap(report, "%s", d->message);
		}
	}
}

/* Records that do not parse at the report's commit are gaps too. */
static void unreadable_to_gaps(struct align_report *report,
			       const struct align_catalog *catalog)
{
	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_entry *e = &catalog->entries[i];

		if (!e->record) {
			align_report_gap(report,
					 "%s could not be read%s%s; it is left "
					 "out",
					 e->path, e->skipped ? ": " : "",
					 e->skipped ? e->skipped : "");
		}
	}
}

/*
 * What the report needs of history before its period: every record's
 * past but the objectives' (briefs' lifecycles, updates' creation), and
 * of objectives only those the period scores (their values before it:
 * start value, last check-in). Their folders at the period's end, into
 * `out` (NULL-terminated; the strings in `keep`).
 */
static void narrow_folders(const struct align_report_ctx *ctx,
			   const char *const *folders, const char ***out,
			   struct align_buf *keep)
{
	const char *okrs = align_kind_folder(&align_kind_okr, ctx->repo);
	struct align_idmap seen = ALIGN_IDMAP_INIT;
	size_t n = 0, alloc = 0, *at = NULL;

	*out = NULL;
	for (size_t i = 0; folders[i]; i++) {
		if (strcmp(folders[i], okrs)) {
			ALIGN_ARRAY_GROW(*out, alloc, n + 1);
			(*out)[n++] = folders[i];
		}
	}
	/* The folders of the period's objectives, once each, as offsets. */
	at = align_calloc(ctx->end.count + 1, sizeof(*at));
	for (size_t i = 0; i < ctx->end.count; i++) {
		const struct align_entry *e = &ctx->end.entries[i];
		const char *q, *slash;

		at[i] = SIZE_MAX;
		if (!e->record || e->kind != &align_kind_okr ||
		    !(q = align_record_get(e->record, "objective", NULL,
					   "quarter")) ||
		    strcmp(q, ctx->period->name) ||
		    !(slash = strrchr(e->path, '/'))) {
			continue;
		}
		at[i] = keep->len;
		align_buf_add(keep, e->path, (size_t)(slash - e->path));
		align_buf_addch(keep, '\0');
	}
	for (size_t i = 0; i < ctx->end.count; i++) {
		const char *dir = at[i] == SIZE_MAX ? NULL : keep->ptr + at[i];

		if (dir && align_idmap_add(&seen, dir, i, NULL)) {
			ALIGN_ARRAY_GROW(*out, alloc, n + 1);
			(*out)[n++] = dir;
		}
	}
	ALIGN_ARRAY_GROW(*out, alloc, n + 1);
	(*out)[n] = NULL;
	free(at);
	align_idmap_release(&seen);
}

/* The updates whose creation the blockers raised by `until` cite. */
static void need_blockers(struct align_report_ctx *ctx,
			  const struct align_date *until)
{
	struct align_blockers bl;

	align_blockers_init(&bl);
	align_blockers_load(&bl, &ctx->end, until);
	for (size_t i = 0; i < bl.n; i++) {
		align_timeline_need(&ctx->timeline, bl.items[i].first_update);
		align_timeline_need(&ctx->timeline, bl.items[i].last_update);
	}
	align_blockers_release(&bl);
}

/*
 * What the sections read of history before the period, so that the walk
 * stops once it has read that far (align_timeline_stop_early,
 * align_okr_trails_stop_early), named from the end catalog:
 * - performance, execution: each key result of the period's objectives
 *   (its value before the period, its last check-in);
 * - campaigns, launches, sprint: the whole lifecycle of every brief with
 *   an event from the period's start on, and of the briefs due in the
 *   period (campaigns lists those that did not launch);
 * - execution, sprint: the commits that created the updates they cite
 *   (each blocker's first and last update, the week's updates).
 * A shallow clone is walked to its end, so that it says where history
 * ends.
 */
static void need_past(struct align_report_ctx *ctx)
{
	if (align_git_is_shallow(align_repo_git(ctx->repo))) {
		return;
	}
	align_okr_trails_stop_early(&ctx->trails, ctx->period_start);
	align_timeline_stop_early(&ctx->timeline, ctx->period_start,
				  &align_kind_brief);
	for (size_t i = 0; i < ctx->end.count; i++) {
		const struct align_entry *e = &ctx->end.entries[i];
		const char *v;
		struct align_date due;

		if (align_report_objective(ctx, e)) {
			struct align_okr_status st;

			align_okr_evaluate(&st, e->record, &ctx->today,
					   &ctx->okr);
			for (size_t k = 0; st.id && k < st.nkrs; k++) {
				align_okr_trails_need(&ctx->trails, st.id,
						      st.krs[k].key);
			}
			align_okr_status_release(&st);
		} else if (e->record && e->kind == &align_kind_brief &&
			   (v = align_report_field(e->record, "due")) &&
			   !align_date_parse(&due, v) &&
			   align_period_has(ctx->period, &due)) {
			align_timeline_need(&ctx->timeline,
					    align_record_id(e->record));
		} else if (e->record && e->kind == &align_kind_update &&
			   (v = align_report_field(e->record, "week")) &&
			   !strcmp(v, ctx->period->name)) {
			align_timeline_need(&ctx->timeline,
					    align_record_id(e->record));
		}
	}
	need_blockers(ctx, &ctx->today);
	need_blockers(ctx, &ctx->period->end);
}

/* FNV-1a over `s` and its NUL, continuing `h`. */
static uint64_t fnv(uint64_t h, const char *s)
{
	do {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	} while (*s++);
	return h;
}

/*
 * The cache of consumer `what` for the walk `ho`:
 * report-<what>-<hash of the records root, the folders and the
 * narrowing>.
 */
static void walk_cache_name(struct align_buf *out, struct align_repo *repo,
			    const char *what,
			    const struct align_history_opts *ho)
{
	uint64_t h = fnv(14695981039346656037ULL, align_repo_prefix(repo));
	char when[32];

	/* The lines' format: 2 marks the commit a record appeared in. */
	h = fnv(h, "2");

	for (size_t i = 0; ho->folders[i]; i++) {
		h = fnv(h, ho->folders[i]);
	}
	h = fnv(h, "\n");
	snprintf(when, sizeof(when), "%lld", (long long)ho->narrow_before);
	h = fnv(h, when);
	for (size_t i = 0; ho->narrow_folders && ho->narrow_folders[i]; i++) {
		h = fnv(h, ho->narrow_folders[i]);
	}
	align_buf_clear(out);
	align_buf_addf(out, "report-%s-%016llx", what, (unsigned long long)h);
}

static int walk(struct align_report_ctx *ctx)
{
	const char *folders[ALIGN_KINDS_MAX + 1];
	const char **narrow = NULL;
	struct align_buf keep = ALIGN_BUF_INIT, name = ALIGN_BUF_INIT;
	struct align_buf headers = ALIGN_BUF_INIT;
	struct align_history_consumer consumers[2];
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct align_history_opts ho;
	int ret;

	align_kind_folders(folders, ctx->repo);
	align_history_opts_init(&ho);
	ho.rev = ctx->report->commit;
	ho.folders = folders;
	/* The whole history, but before the period only what it needs. */
	narrow_folders(ctx, folders, &narrow, &keep);
	ho.narrow_before = ctx->period_start;
	ho.narrow_folders = narrow;
	align_okr_trails_init(&ctx->trails, &ctx->roster, INT64_MIN,
			      ctx->now);
	align_timeline_init(&ctx->timeline);
	/*
	 * What each commit gave, kept per walk: the folders read at a
	 * commit depend on the narrowing, so the caches are named by it.
	 */
	walk_cache_name(&name, ctx->repo, "trails", &ho);
	align_okr_trails_use_cache(&ctx->trails, ctx->repo, name.ptr);
	walk_cache_name(&name, ctx->repo, "timeline", &ho);
	align_timeline_use_cache(&ctx->timeline, ctx->repo, name.ptr);
	/* Commits that gave nothing: their parents and times, not read. */
	walk_cache_name(&headers, ctx->repo, "commits", &ho);
	ho.header_cache = headers.ptr;
	/* And no further back than the sections read. */
	need_past(ctx);
	consumers[0] = align_okr_trails_consumer(&ctx->trails);
	consumers[1] = align_timeline_consumer(&ctx->timeline);
	ret = align_history_walk_many(ctx->repo, &ho, consumers, 2, &warnings);
	align_okr_trails_finish(&ctx->trails);
	align_timeline_finish(&ctx->timeline);
	warnings_to_gaps(ctx->report, &warnings);
	align_diags_clear(&warnings);
	free(narrow);
	align_buf_release(&keep);
	align_buf_release(&name);
	align_buf_release(&headers);
	return ret < 0 ? ret : 0;
}

static void ctx_release(struct align_report_ctx *ctx)
{
	align_idmap_release(&ctx->at_ids_);
	align_idmap_release(&ctx->start_ids_);
	align_idmap_release(&ctx->end_ids_);
	align_catalog_release(&ctx->at);
	align_catalog_release(&ctx->start);
	align_catalog_release(&ctx->end);
	align_people_release(&ctx->roster);
	align_okr_trails_release(&ctx->trails);
	align_timeline_release(&ctx->timeline);
}

int align_report_build(struct align_report *out, struct align_repo *repo,
		       const struct align_report_opts *opts)
{
	struct align_report_ctx ctx;
	struct align_diags problems = ALIGN_DIAGS_INIT;
	struct align_buf title = ALIGN_BUF_INIT;
	struct align_time made;
	struct align_buf err = ALIGN_BUF_INIT;
	const char *team;
	int ret;

	memset(out, 0, sizeof(*out));
	memset(&ctx, 0, sizeof(ctx));
	out->type = opts->type;
	out->type_name = type_names[opts->type];
	out->period = opts->period;
	memcpy(out->commit, opts->commit, sizeof(out->commit) - 1);
	ctx.repo = repo;
	ctx.report = out;
	ctx.period = &out->period;
	ctx.today = opts->today;
	ctx.now = opts->now;
	ctx.period_start = align_date_to_days(&opts->period.start) * 86400;
	ctx.period_end = align_date_to_days(&opts->period.end) * 86400 + 86399;
	if (align_date_to_days(&ctx.today) >
	    align_date_to_days(&opts->period.end)) {
		ctx.today = opts->period.end;
	}
	if (ctx.now > ctx.period_end) {
		ctx.now = ctx.period_end;
	}
	align_date_format(out->day, &ctx.today);

	ret = align_git_commit_time(align_repo_git(repo), out->commit, &made,
				    &err);
	if (ret < 0) {
		align_repo__fail(repo, ret, err.ptr);
		goto out;
	}
	out->made_at = made;
	team = align_repo_config(repo, "align", "name", NULL);
	align_buf_addf(&title, "%c%s review %s", out->type_name[0] - 'a' + 'A',
		       out->type_name + 1, out->period.name);
	if (team && *team) {
		align_buf_addf(&title, ": %s", team);
	}
	out->title = align_buf_detach(&title, NULL);

	align_okr_settings(&ctx.okr, repo);
	ret = align_people_load_at(&ctx.roster, repo, out->commit, &problems);
	if (ret == ALIGN_EINVALID) {
		align_report_gap(out, "people.ini does not parse; people are "
				      "named as their commits name them");
		ret = 0;
	}
	if (ret < 0 ||
	    (ret = align_catalog_load_at(&ctx.at, repo, out->commit)) < 0 ||
	    (ret = catalog_by(&ctx, ctx.period_start - 1, &ctx.start,
			      ctx.start_commit)) < 0 ||
	    (ret = catalog_by(&ctx, ctx.period_end, &ctx.end,
			      ctx.end_commit)) < 0) {
		goto out;
	}
	if (align_git_is_shallow(align_repo_git(repo))) {
		out->shallow = 1;
	}
	index_ids(&ctx.at_ids_, &ctx.at);
	index_ids(&ctx.start_ids_, &ctx.start);
	index_ids(&ctx.end_ids_, &ctx.end);
	unreadable_to_gaps(out, &ctx.at);
	if ((ret = walk(&ctx)) < 0) {
		goto out;
	}
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		struct align_report_section *s;

		if (!(sections[i].reports & (1u << opts->type))) {
			continue;
		}
		s = align_report_add_section(out, sections[i].key,
					     sections[i].title);
		if ((ret = sections[i].fn(&ctx, s)) < 0) {
			goto out;
		}
	}
	ret = 0;
out:
	align_diags_clear(&problems);
	align_buf_release(&err);
	ctx_release(&ctx);
	return ret;
}
