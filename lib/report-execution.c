/*
 * The report's execution sections, from weekly updates and check-ins: the
 * quarter's execution health (blockers and how long they ran, updates
 * posted against expected, check-in cadence kept) and a week's sprint
 * review (done, blocked, changed, next).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "blockers.h"
#include "brief.h"
#include "update.h"
#include "report-section.h"
#include "util/banned.h"

static const char *field(const struct align_record *r, const char *key)
{
	const char *v = align_record_get(r, align_record_kind(r), NULL, key);
	return v && *v ? v : NULL;
}

static int event_source(struct align_report_ctx *ctx,
			const struct align_timeline_event *e)
{
	struct align_time when;

	if (!e) {
		return -1;
	}
	when.seconds = e->when;
	when.offset = 0;
	return align_report_commit_source(
		ctx, e->commit, align_report_who(ctx, e->email, e->author),
		&when);
}

/* The commit that created record `id`, as a source; -1 when unknown. */
static int created_source(struct align_report_ctx *ctx, const char *id)
{
	const struct align_timeline_record *r =
		id ? align_timeline_find(&ctx->timeline, id) : NULL;

	return r && r->nevents ? event_source(ctx, &r->events[0]) : -1;
}

/* The ISO weeks of the period up to the report's day, in order. */
static size_t weeks_of(const struct align_report_ctx *ctx,
		       struct align_period **out)
{
	struct align_period w;
	struct align_date d = ctx->period->start;
	size_t n = 0, alloc = 0;

	*out = NULL;
	align_week_of(&w, &d);
	while (align_date_to_days(&w.start) <= align_date_to_days(&ctx->today)) {
		ALIGN_ARRAY_GROW(*out, alloc, n + 1);
		(*out)[n++] = w;
		align_date_from_days(&d, align_date_to_days(&w.start) + 7);
		align_week_of(&w, &d);
		if (align_date_to_days(&w.start) >
		    align_date_to_days(&ctx->period->end)) {
			break;
		}
	}
	return n;
}

static const struct align_report_column blocker_columns[] = {
	{ "blocker", "Blocker" },
	{ "raised_by", "Raised by" },
	{ "first_week", "First raised" },
	{ "last_week", "Last seen" },
	{ "weeks", "Weeks raised" },
	{ "running", "Weeks running" },
};

static const struct align_report_column update_columns[] = {
	{ "person", "Person" },
	{ "posted", "Updates posted" },
	{ "expected", "Expected" },
	{ "rate", "Posted" },
};

static const struct align_report_column cadence_columns[] = {
	{ "owner", "Owner" },
	{ "key_results", "Key results" },
	{ "windows", "Check-in windows" },
	{ "kept", "Windows with a check-in" },
	{ "rate", "Cadence kept" },
};

struct cadence {
	const char *owner;
	size_t krs, windows, kept;
};

static int cmp_cadence(const void *a, const void *b)
{
	return strcmp(((const struct cadence *)a)->owner,
		      ((const struct cadence *)b)->owner);
}

static void blockers_table(struct align_report_ctx *ctx,
			   struct align_report_section *section,
			   const struct align_blockers *bl, const char *first,
			   const char *last)
{
	struct align_report_table *t = align_report_add_table(
		section, "blockers", "Blockers raised in weekly updates",
		blocker_columns,
		sizeof(blocker_columns) / sizeof(blocker_columns[0]));

	for (size_t i = 0; i < bl->n; i++) {
		const struct align_blocker *b = &bl->items[i];
		struct align_report_cell *c;

		if (strcmp(b->last_week, first) < 0 ||
		    strcmp(b->first_week, last) > 0) {
			continue;
		}
		c = align_report_add_row(t);
		align_report_cell_text(&c[0], b->text);
		align_report_cell_text(&c[1], b->person);
		align_report_cell_text(&c[2], b->first_week);
		c[2].source = created_source(ctx, b->first_update);
		align_report_cell_text(&c[3], b->last_week);
		c[3].source = created_source(ctx, b->last_update);
		align_report_cell_number(&c[4], (double)b->weeks);
		align_report_cell_number(&c[5], (double)b->running);
	}
}

/* 1 when `person` posted an update for `week` in `catalog`. */
static int posted(const struct align_catalog *catalog, const char *person,
		  const char *week)
{
	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_record *r = catalog->entries[i].record;
		const char *p, *w;

		if (r && catalog->entries[i].kind == &align_kind_update &&
		    (p = field(r, "person")) && !strcmp(p, person) &&
		    (w = field(r, "week")) && !strcmp(w, week)) {
			return 1;
		}
	}
	return 0;
}

/* Everyone expected to post: the roster, and anyone who posted. */
static size_t posters(const struct align_report_ctx *ctx, const char ***out)
{
	size_t n = 0, alloc = 0;

	*out = NULL;
	for (size_t i = 0; i < ctx->roster.count; i++) {
		ALIGN_ARRAY_GROW(*out, alloc, n + 1);
		(*out)[n++] = ctx->roster.items[i].handle;
	}
	for (size_t i = 0; i < ctx->end.count; i++) {
		const struct align_record *r = ctx->end.entries[i].record;
		const char *p;
		size_t j;

		if (!r || ctx->end.entries[i].kind != &align_kind_update ||
		    !(p = field(r, "person"))) {
			continue;
		}
		for (j = 0; j < n && strcmp((*out)[j], p); j++) {
		}
		if (j == n) {
			ALIGN_ARRAY_GROW(*out, alloc, n + 1);
			(*out)[n++] = p;
		}
	}
	return n;
}

int align_report_execution(struct align_report_ctx *ctx,
			   struct align_report_section *section)
{
	struct align_blockers bl;
	struct align_period *weeks;
	size_t nweeks = weeks_of(ctx, &weeks), npeople;
	const char **people;
	struct align_report_table *t;
	struct align_report_chart *heat;
	struct cadence *cad = NULL;
	size_t ncad = 0, cad_alloc = 0;

	align_blockers_init(&bl);
	align_blockers_load(&bl, &ctx->end, &ctx->today);
	if (nweeks) {
		blockers_table(ctx, section, &bl, weeks[0].name,
			       weeks[nweeks - 1].name);
	}

	/* Updates posted against one a person a week. */
	npeople = posters(ctx, &people);
	t = align_report_add_table(section, "updates",
				   "Weekly updates posted against expected",
				   update_columns,
				   sizeof(update_columns) /
					   sizeof(update_columns[0]));
	heat = align_report_add_chart(section, ALIGN_CHART_HEAT,
				      "Updates posted per person per week");
	heat->column_names = align_calloc(nweeks ? nweeks : 1,
					  sizeof(*heat->column_names));
	for (size_t w = 0; w < nweeks; w++) {
		heat->column_names[w] = align_strdup(weeks[w].name);
	}
	heat->ncolumns = nweeks;
	heat->rows = align_calloc(npeople ? npeople : 1, sizeof(*heat->rows));
	heat->values = align_calloc((npeople ? npeople : 1) *
					    (nweeks ? nweeks : 1),
				    sizeof(*heat->values));
	for (size_t i = 0; i < npeople; i++) {
		struct align_report_cell *c = align_report_add_row(t);
		size_t count = 0;

		for (size_t w = 0; w < nweeks; w++) {
			int p = posted(&ctx->end, people[i], weeks[w].name);
			heat->values[i * nweeks + w] = p;
			count += (size_t)p;
		}
		heat->rows[i] = align_strdup(people[i]);
		align_report_cell_text(&c[0], people[i]);
		align_report_cell_number(&c[1], (double)count);
		align_report_cell_number(&c[2], (double)nweeks);
		align_report_cell_percent(&c[3], nweeks ? (double)count /
								  (double)nweeks
							: NAN);
		if (!align_people_by_handle(&ctx->roster, people[i])) {
			align_report_gap(ctx->report,
					 "%s posted updates but has no entry "
					 "in people.ini",
					 people[i]);
		}
	}
	heat->nrows = npeople;

	/* Check-in cadence: windows of the cadence with a check-in. */
	for (size_t i = 0; i < ctx->end.count; i++) {
		const struct align_record *r = ctx->end.entries[i].record;
		struct align_okr_status st;
		const char *q;

		if (!r || ctx->end.entries[i].kind != &align_kind_okr ||
		    !(q = field(r, "quarter")) || strcmp(q, ctx->period->name)) {
			continue;
		}
		align_okr_evaluate(&st, r, &ctx->today, &ctx->okr);
		for (size_t k = 0; k < st.nkrs; k++) {
			const char *owner = st.krs[k].owner ? st.krs[k].owner
							    : "-";
			const struct align_okr_history *h =
				align_okr_trails_find(&ctx->trails, st.id,
						      st.krs[k].key);
			int64_t span = (int64_t)ctx->okr.cadence_days * 86400;
			struct cadence *c = NULL;

			for (size_t j = 0; j < ncad; j++) {
				if (!strcmp(cad[j].owner, owner)) {
					c = &cad[j];
				}
			}
			if (!c) {
				ALIGN_ARRAY_GROW(cad, cad_alloc, ncad + 1);
				c = &cad[ncad++];
				memset(c, 0, sizeof(*c));
				c->owner = owner;
			}
			c->krs++;
			for (int64_t from = ctx->period_start;
			     span > 0 && from + span - 1 <= ctx->now;
			     from += span) {
				int hit = 0;
				for (size_t v = 0; h && v < h->count; v++) {
					int64_t at = h->items[v].when.seconds;
					hit |= !h->items[v].added && at >= from &&
					       at < from + span;
				}
				c->windows++;
				c->kept += (size_t)hit;
			}
			if (!align_people_by_handle(&ctx->roster, owner) &&
			    ctx->roster.count) {
				align_report_gap(ctx->report,
						 "%s#%s: owner %s has no entry "
						 "in people.ini",
						 st.id, st.krs[k].key, owner);
			}
		}
		align_okr_status_release(&st);
	}
	/* An empty list may be NULL, and qsort(NULL, 0) is undefined. */
	if (ncad > 1) {
		qsort(cad, ncad, sizeof(*cad), cmp_cadence);
	}
	t = align_report_add_table(section, "cadence",
				   "Check-in cadence kept per owner",
				   cadence_columns,
				   sizeof(cadence_columns) /
					   sizeof(cadence_columns[0]));
	for (size_t i = 0; i < ncad; i++) {
		struct align_report_cell *c = align_report_add_row(t);

		align_report_cell_text(&c[0], cad[i].owner);
		align_report_cell_number(&c[1], (double)cad[i].krs);
		align_report_cell_number(&c[2], (double)cad[i].windows);
		align_report_cell_number(&c[3], (double)cad[i].kept);
		align_report_cell_percent(&c[4],
					  cad[i].windows ? (double)cad[i].kept /
								   (double)cad[i].windows
							 : NAN);
	}
	free(cad);
	free(people);
	free(weeks);
	align_blockers_release(&bl);
	return 0;
}

static const struct align_report_column item_columns[] = {
	{ "person", "Person" },
	{ "item", "Item" },
};

static const struct align_report_column blocked_columns[] = {
	{ "person", "Person" },
	{ "blocker", "Blocker" },
	{ "running", "Weeks running" },
};

static const struct align_report_column change_columns[] = {
	{ "date", "Date" },
	{ "record", "Record" },
	{ "change", "Change" },
	{ "who", "Who" },
};

/* The week's updates' items under `heading` as person/item rows. */
static void items_table(struct align_report_ctx *ctx,
			struct align_report_section *section, const char *key,
			const char *caption, const char *heading)
{
	struct align_report_table *t =
		align_report_add_table(section, key, caption, item_columns,
				       sizeof(item_columns) /
					       sizeof(item_columns[0]));

	for (size_t i = 0; i < ctx->end.count; i++) {
		const struct align_record *r = ctx->end.entries[i].record;
		struct align_buf items = ALIGN_BUF_INIT;
		const char *w, *line, *nl;
		int src;

		if (!r || ctx->end.entries[i].kind != &align_kind_update ||
		    !(w = field(r, "week")) || strcmp(w, ctx->period->name)) {
			continue;
		}
		align_record_section_items(r, heading, &items);
		src = created_source(ctx, align_record_id(r));
		for (line = items.ptr; line && *line && (nl = strchr(line, '\n'));
		     line = nl + 1) {
			struct align_report_cell *c = align_report_add_row(t);
			char *text = align_strndup(line, (size_t)(nl - line));

			align_report_cell_text(&c[0], field(r, "person"));
			align_report_cell_text(&c[1], text);
			c[1].source = src;
			free(text);
		}
		align_buf_release(&items);
	}
}

int align_report_sprint(struct align_report_ctx *ctx,
			struct align_report_section *section)
{
	struct align_blockers bl;
	struct align_report_table *t;

	items_table(ctx, section, "done", "Done", "Done");

	align_blockers_init(&bl);
	align_blockers_load(&bl, &ctx->end, &ctx->period->end);
	t = align_report_add_table(section, "blocked", "Blocked",
				   blocked_columns,
				   sizeof(blocked_columns) /
					   sizeof(blocked_columns[0]));
	for (size_t i = 0; i < bl.n; i++) {
		struct align_report_cell *c;

		if (strcmp(bl.items[i].last_week, ctx->period->name)) {
			continue;
		}
		c = align_report_add_row(t);
		align_report_cell_text(&c[0], bl.items[i].person);
		align_report_cell_text(&c[1], bl.items[i].text);
		c[1].source = created_source(ctx, bl.items[i].last_update);
		align_report_cell_number(&c[2], (double)bl.items[i].running);
	}
	align_blockers_release(&bl);

	/* Changed: check-ins and briefs that moved in the week. */
	t = align_report_add_table(section, "changed",
				   "Changed: check-ins and brief moves",
				   change_columns,
				   sizeof(change_columns) /
					   sizeof(change_columns[0]));
	for (size_t i = 0; i < ctx->trails.count; i++) {
		const struct align_okr_trail *tr = ctx->trails.items[i];

		for (size_t j = 0; j < tr->values.count; j++) {
			const struct align_okr_value *v = &tr->values.items[j];
			struct align_report_cell *c;
			struct align_buf what = ALIGN_BUF_INIT, rec = ALIGN_BUF_INIT;
			struct align_date d;

			if (v->added || v->when.seconds < ctx->period_start ||
			    v->when.seconds > ctx->period_end) {
				continue;
			}
			c = align_report_add_row(t);
			align_time_date(&d, &v->when);
			align_report_cell_date(&c[0], &d);
			c[0].source = align_report_commit_source(
				ctx, v->commit, v->who, &v->when);
			align_buf_addf(&rec, "%s#%s", tr->objective, tr->kr);
			align_report_cell_text(&c[1], rec.ptr);
			align_buf_addf(&what, "checked in %s", v->value);
			align_report_cell_text(&c[2], what.ptr);
			align_report_cell_text(&c[3], v->who);
			align_buf_release(&what);
			align_buf_release(&rec);
		}
	}
	for (size_t i = 0; i < ctx->timeline.n; i++) {
		const struct align_timeline_record *tl =
			&ctx->timeline.records[i];

		if (tl->kind != &align_kind_brief) {
			continue;
		}
		for (size_t j = 0; j < tl->nevents; j++) {
			const struct align_timeline_event *e = &tl->events[j];
			struct align_report_cell *c;
			struct align_buf what = ALIGN_BUF_INIT;
			struct align_time at = { e->when, 0 };
			struct align_date d;

			if (e->when < ctx->period_start ||
			    e->when > ctx->period_end) {
				continue;
			}
			c = align_report_add_row(t);
			align_time_date(&d, &at);
			align_report_cell_date(&c[0], &d);
			c[0].source = event_source(ctx, e);
			align_report_cell_text(&c[1], tl->id);
			align_buf_addf(&what, j ? "moved to %s" : "created (%s)",
				       e->state);
			align_report_cell_text(&c[2], what.ptr);
			align_report_cell_text(
				&c[3], align_report_who(ctx, e->email, e->author));
			align_buf_release(&what);
		}
	}
	items_table(ctx, section, "next", "Next", "Next");
	return 0;
}
