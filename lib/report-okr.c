/*
 * The report's OKR sections: the quarter's performance deep dive (every
 * objective and key result at the quarter's start and end, their check-ins
 * against the expected pace, the alignment tree, confidence calibration)
 * and the check-ins of a month.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "okr-board.h"
#include "report-section.h"
#include "util/banned.h"

/* The key result `key` of a scored objective, or NULL. */
static const struct align_kr_status *find_kr(const struct align_okr_status *st,
					     const char *key)
{
	for (size_t i = 0; st && i < st->nkrs; i++) {
		if (!strcmp(st->krs[i].key, key)) {
			return &st->krs[i];
		}
	}
	return NULL;
}

/*
 * The last value of `h` authored at or before `until`, or NULL; with
 * `checkin`, the last check-in (not the version that added the key
 * result).
 */
static const struct align_okr_value *value_by(const struct align_okr_history *h,
					      int64_t until, int checkin)
{
	const struct align_okr_value *best = NULL;

	for (size_t i = 0; h && i < h->count; i++) {
		if (h->items[i].when.seconds <= until &&
		    !(checkin && h->items[i].added)) {
			best = &h->items[i];
		}
	}
	return best;
}

static int value_source(struct align_report_ctx *ctx,
			const struct align_okr_value *v)
{
	return v ? align_report_commit_source(ctx, v->commit, v->who, &v->when)
		 : -1;
}

/* The objectives of the report's quarter at its end, scored. */
struct scored {
	struct align_okr_row *rows;
	size_t count;
	struct align_okr_status *at_start; /* one per row; id NULL: none */
};

static void score(struct align_report_ctx *ctx, struct scored *out)
{
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < ctx->end.count; i++) {
		const struct align_entry *e = &ctx->end.entries[i];
		struct align_okr_row *row;

		if (!align_report_objective(ctx, e)) {
			continue;
		}
		ALIGN_ARRAY_GROW(out->rows, alloc, out->count + 1);
		row = &out->rows[out->count++];
		memset(row, 0, sizeof(*row));
		align_okr_evaluate(&row->st, e->record, &ctx->today, &ctx->okr);
		row->title = e->record->title;
	}
	align_okr_board_roll_up(out->rows, out->count);
	out->at_start = align_calloc(out->count ? out->count : 1,
				     sizeof(*out->at_start));
	for (size_t i = 0; i < out->count; i++) {
		const struct align_record *r =
			out->rows[i].st.id
				? align_report_record(
					  ctx, &ctx->start, &align_kind_okr,
					  out->rows[i].st.id)
				: NULL;
		if (r) {
			align_okr_evaluate(&out->at_start[i], r,
					   &ctx->period->start, &ctx->okr);
		}
	}
}

static void scored_release(struct scored *s)
{
	for (size_t i = 0; i < s->count; i++) {
		align_okr_status_release(&s->rows[i].st);
		align_okr_status_release(&s->at_start[i]);
	}
	free(s->rows);
	free(s->at_start);
}

/* The depth of row `i` in the alignment tree (0 for a root). */
static int depth_of(const struct scored *s, size_t i)
{
	int depth = 0;

	while (s->rows[i].st.parent && depth < 32) {
		size_t j;
		for (j = 0; j < s->count; j++) {
			if (s->rows[j].st.id &&
			    !strcmp(s->rows[j].st.id, s->rows[i].st.parent)) {
				break;
			}
		}
		if (j == s->count) {
			break;
		}
		i = j;
		depth++;
	}
	return depth;
}

/*
 * The newest value of any of the objective's key results by `until`: the
 * commit its progress then comes from.
 */
static const struct align_okr_value *latest_value(
	const struct align_report_ctx *ctx, const struct align_okr_row *row,
	int64_t until)
{
	const struct align_okr_value *best = NULL;

	for (size_t k = 0; k < row->st.nkrs; k++) {
		const struct align_okr_value *v = value_by(
			align_okr_trails_find(&ctx->trails, row->st.id,
					      row->st.krs[k].key),
			until, 0);
		if (v && (!best || v->when.seconds > best->when.seconds)) {
			best = v;
		}
	}
	return best;
}

/* Row `i`, then its children in file order, depth first. */
static void tree_visit(const struct scored *s, size_t i, size_t *order,
		       size_t *n, char *seen, int depth)
{
	if (seen[i]) {
		return;
	}
	seen[i] = 1;
	order[(*n)++] = i;
	for (size_t j = 0; depth < 32 && j < s->count; j++) {
		if (s->rows[j].st.parent && s->rows[i].st.id &&
		    !strcmp(s->rows[j].st.parent, s->rows[i].st.id)) {
			tree_visit(s, j, order, n, seen, depth + 1);
		}
	}
}

static const struct align_report_column objective_columns[] = {
	{ "objective", "Objective" },
	{ "title", "Title" },
	{ "owner", "Owner" },
	{ "parent", "Parent" },
	{ "progress_start", "At start" },
	{ "progress_end", "At end" },
	{ "rolled_up", "Rolled up" },
	{ "health", "Health" },
};

static const struct align_report_column kr_columns[] = {
	{ "objective", "Objective" },
	{ "kr", "Key result" },
	{ "owner", "Owner" },
	{ "value_start", "Start value" },
	{ "value_end", "End value" },
	{ "target", "Target" },
	{ "score_start", "Score at start" },
	{ "score_end", "Score at end" },
	{ "expected_end", "Expected" },
	{ "health", "Health" },
	{ "checkins", "Check-ins" },
	{ "trajectory", "Values in the quarter" },
	{ "last_checkin", "Last check-in" },
	{ "stale", "Stale" },
};

static const struct align_report_column calibration_columns[] = {
	{ "owner", "Owner" },
	{ "key_results", "Key results" },
	{ "checkins", "Check-ins with confidence" },
	{ "confidence", "Mean confidence" },
	{ "score", "Mean final score" },
	{ "gap", "Confidence - score" },
};

struct calibration {
	const char *owner;
	size_t krs;
	size_t checkins;
	double confidence_sum;
	double score_sum;
};

static void calibrate(struct calibration **list, size_t *n, size_t *alloc,
		      const char *owner, const struct align_okr_history *h,
		      const struct align_report_ctx *ctx, double score)
{
	struct calibration *c = NULL;

	for (size_t i = 0; i < *n; i++) {
		if (!strcmp((*list)[i].owner, owner)) {
			c = &(*list)[i];
		}
	}
	if (!c) {
		ALIGN_ARRAY_GROW(*list, *alloc, *n + 1);
		c = &(*list)[(*n)++];
		memset(c, 0, sizeof(*c));
		c->owner = owner;
	}
	c->krs++;
	c->score_sum += score;
	for (size_t i = 0; h && i < h->count; i++) {
		double conf;

		if (h->items[i].added ||
		    h->items[i].when.seconds < ctx->period_start ||
		    h->items[i].when.seconds > ctx->period_end ||
		    !h->items[i].confidence ||
		    align_number_parse(&conf, h->items[i].confidence) < 0) {
			continue;
		}
		c->checkins++;
		c->confidence_sum += conf;
	}
}

static int cmp_calibration(const void *a, const void *b)
{
	return strcmp(((const struct calibration *)a)->owner,
		      ((const struct calibration *)b)->owner);
}

/* The key result's chart: its values over the quarter and the pace. */
static void kr_chart(struct align_report_ctx *ctx,
		     struct align_report_section *section,
		     const struct align_okr_row *row,
		     const struct align_kr_status *k,
		     const struct align_okr_history *h,
		     const struct align_okr_value *before)
{
	struct align_buf title = ALIGN_BUF_INIT;
	struct align_report_chart *c;
	const char *due = align_record_get(row->st.record, "kr", k->key, "due");
	struct align_date d;

	align_buf_addf(&title, "%s#%s", row->st.id, k->key);
	if (k->title && *k->title) {
		align_buf_addf(&title, ": %s", k->title);
	}
	c = align_report_add_chart(section, ALIGN_CHART_LINE, title.ptr);
	align_buf_release(&title);
	c->x0 = (double)ctx->period_start;
	c->x1 = (double)ctx->period_end;
	if (due && align_date_parse(&d, due) == 0 &&
	    align_period_has(ctx->period, &d)) {
		c->x1 = (double)(align_date_to_days(&d) * 86400 + 86399);
	}
	c->y0 = k->start;
	c->y1 = k->target;
	if (before) {
		double v;
		if (align_number_parse(&v, before->value) == 0) {
			ALIGN_ARRAY_GROW(c->points, c->points_alloc,
					 c->npoints + 1);
			c->points[c->npoints].x = (double)ctx->period_start;
			c->points[c->npoints].y = v;
			c->points[c->npoints].source = value_source(ctx, before);
			c->npoints++;
		}
	}
	for (size_t i = 0; h && i < h->count; i++) {
		const struct align_okr_value *v = &h->items[i];
		double y;

		if (v->when.seconds < ctx->period_start ||
		    v->when.seconds > ctx->period_end ||
		    align_number_parse(&y, v->value) < 0) {
			continue;
		}
		ALIGN_ARRAY_GROW(c->points, c->points_alloc, c->npoints + 1);
		c->points[c->npoints].x = (double)v->when.seconds;
		c->points[c->npoints].y = y;
		c->points[c->npoints].source = value_source(ctx, v);
		c->npoints++;
	}
}

static void number_text(struct align_report_cell *cell, const char *s)
{
	double v;

	if (s && align_number_parse(&v, s) == 0) {
		align_report_cell_number(cell, v);
	} else {
		align_report_cell_text(cell, s);
	}
}

/* The values checked in over the period, oldest first: "120 → 312". */
static void trajectory(struct align_report_cell *cell,
		       const struct align_okr_history *h,
		       const struct align_report_ctx *ctx)
{
	struct align_buf t = ALIGN_BUF_INIT;

	for (size_t i = 0; h && i < h->count; i++) {
		if (h->items[i].when.seconds < ctx->period_start ||
		    h->items[i].when.seconds > ctx->period_end) {
			continue;
		}
		if (t.len) {
			align_buf_adds(&t, " \xe2\x86\x92 ");
		}
		align_buf_adds(&t, h->items[i].value);
	}
	align_report_cell_text(cell, t.len ? t.ptr : NULL);
	align_buf_release(&t);
}

int align_report_performance(struct align_report_ctx *ctx,
			     struct align_report_section *section)
{
	struct align_report_table *objectives, *krs, *cal;
	struct calibration *list = NULL;
	size_t *order, norder = 0;
	char *seen;
	size_t nlist = 0, alloc = 0;
	struct scored s;

	score(ctx, &s);
	if (!s.count) {
		align_report_add_block(section, ALIGN_BLOCK_PARAGRAPH,
				       "No objectives for this quarter.");
		scored_release(&s);
		return 0;
	}
	objectives = align_report_add_table(
		section, "objectives", "Objectives (the alignment tree)",
		objective_columns,
		sizeof(objective_columns) / sizeof(objective_columns[0]));
	order = align_calloc(s.count, sizeof(*order));
	seen = align_calloc(s.count, 1);
	for (size_t i = 0; i < s.count; i++) {
		if (!depth_of(&s, i)) {
			tree_visit(&s, i, order, &norder, seen, 0);
		}
	}
	for (size_t i = 0; i < s.count; i++) {
		/* In a cycle: no root leads to them. */
		if (!seen[i]) {
			tree_visit(&s, i, order, &norder, seen, 0);
		}
	}
	for (size_t o = 0; o < s.count; o++) {
		size_t i = order[o];
		const struct align_okr_row *row = &s.rows[i];
		struct align_report_cell *c = align_report_add_row(objectives);
		struct align_buf id = ALIGN_BUF_INIT;

		for (int d = depth_of(&s, i); d > 0; d--) {
			align_buf_adds(&id, "  ");
		}
		align_buf_adds(&id, row->st.id ? row->st.id : "");
		align_report_cell_text(&c[0], id.ptr);
		align_buf_release(&id);
		align_report_cell_text(&c[1], row->title);
		align_report_cell_text(&c[2], row->st.owner);
		align_report_cell_text(&c[3], row->st.parent);
		if (s.at_start[i].id) {
			align_report_cell_percent(&c[4],
						  s.at_start[i].progress);
			c[4].source = value_source(
				ctx, latest_value(ctx, row, ctx->period_start - 1));
		}
		align_report_cell_percent(&c[5], row->st.progress);
		c[5].source =
			value_source(ctx, latest_value(ctx, row, ctx->period_end));
		align_report_cell_percent(&c[6], row->rolled);
		align_report_cell_text(&c[7], align_health_name(row->st.health));
	}
	free(order);
	free(seen);

	krs = align_report_add_table(section, "key_results", "Key results",
				     kr_columns,
				     sizeof(kr_columns) / sizeof(kr_columns[0]));
	for (size_t i = 0; i < s.count; i++) {
		const struct align_okr_row *row = &s.rows[i];

		for (size_t k = 0; k < row->st.nkrs; k++) {
			const struct align_kr_status *kr = &row->st.krs[k];
			const struct align_kr_status *was =
				find_kr(s.at_start[i].id ? &s.at_start[i] : NULL,
					kr->key);
			const struct align_okr_history *h =
				align_okr_trails_find(&ctx->trails, row->st.id,
						      kr->key);
			const struct align_okr_value *before =
				value_by(h, ctx->period_start - 1, 0);
			const struct align_okr_value *last =
				value_by(h, ctx->period_end, 0);
			const struct align_okr_value *checkin =
				value_by(h, ctx->period_end, 1);
			struct align_report_cell *c = align_report_add_row(krs);
			struct align_kr_freshness fresh;
			size_t in_period = 0;

			for (size_t j = 0; h && j < h->count; j++) {
				if (!h->items[j].added &&
				    h->items[j].when.seconds >=
					    ctx->period_start &&
				    h->items[j].when.seconds <= ctx->period_end) {
					in_period++;
				}
			}
			align_report_cell_text(&c[0], row->st.id);
			align_report_cell_text(&c[1], kr->key);
			align_report_cell_text(&c[2], kr->owner);
			if (was) {
				align_report_cell_number(&c[3], was->current);
			} else {
				align_report_cell_number(&c[3], kr->start);
			}
			c[3].source = value_source(ctx, before);
			align_report_cell_number(&c[4], kr->current);
			c[4].source = value_source(ctx, last);
			number_text(&c[5], align_record_get(row->st.record, "kr",
							    kr->key, "target"));
			align_report_cell_percent(&c[6],
						  was ? was->progress : 0);
			align_report_cell_percent(&c[7], kr->progress);
			c[7].source = c[4].source;
			align_report_cell_percent(&c[8], kr->expected);
			align_report_cell_text(&c[9], align_health_name(kr->health));
			align_report_cell_number(&c[10], (double)in_period);
			trajectory(&c[11], h, ctx);
			if (checkin) {
				struct align_date d;
				align_time_date(&d, &checkin->when);
				align_report_cell_date(&c[12], &d);
				c[12].source = value_source(ctx, checkin);
			}
			align_okr_board_freshness(&fresh,
						  checkin ? checkin->when.seconds
							  : INT64_MIN,
						  ctx->now, ctx->okr.cadence_days);
			align_report_cell_text(&c[13], fresh.stale ? "yes" : "no");
			if (!in_period) {
				align_report_gap(ctx->report,
						 "%s#%s had no check-in in %s",
						 row->st.id, kr->key,
						 ctx->period->name);
			}
			calibrate(&list, &nlist, &alloc,
				  kr->owner ? kr->owner : "-", h, ctx,
				  kr->progress);
			kr_chart(ctx, section, row, kr, h, before);
		}
	}

	cal = align_report_add_table(
		section, "calibration",
		"Confidence calibration: stated confidence against the final score",
		calibration_columns,
		sizeof(calibration_columns) / sizeof(calibration_columns[0]));
	/* qsort with no rows would be handed NULL. */
	if (nlist > 1) {
		qsort(list, nlist, sizeof(*list), cmp_calibration);
	}
	for (size_t i = 0; i < nlist; i++) {
		struct align_report_cell *c = align_report_add_row(cal);
		double conf = list[i].checkins
				      ? list[i].confidence_sum /
						(double)list[i].checkins
				      : NAN;
		double sc = list[i].score_sum / (double)list[i].krs;

		align_report_cell_text(&c[0], list[i].owner);
		align_report_cell_number(&c[1], (double)list[i].krs);
		align_report_cell_number(&c[2], (double)list[i].checkins);
		align_report_cell_percent(&c[3], conf);
		align_report_cell_percent(&c[4], sc);
		align_report_cell_percent(&c[5], conf - sc);
	}
	free(list);
	scored_release(&s);
	return 0;
}

static const struct align_report_column checkin_columns[] = {
	{ "date", "Date" },
	{ "objective", "Objective" },
	{ "kr", "Key result" },
	{ "value", "Value" },
	{ "confidence", "Confidence" },
	{ "who", "Who" },
	{ "note", "Note" },
};

struct checkin_ref {
	const struct align_okr_trail *trail;
	const struct align_okr_value *value;
};

static int cmp_checkin(const void *a, const void *b)
{
	const struct checkin_ref *x = a, *y = b;
	int c;

	if (x->value->when.seconds != y->value->when.seconds) {
		return x->value->when.seconds < y->value->when.seconds ? -1 : 1;
	}
	if ((c = strcmp(x->trail->objective, y->trail->objective))) {
		return c;
	}
	return strcmp(x->trail->kr, y->trail->kr);
}

int align_report_checkins(struct align_report_ctx *ctx,
			  struct align_report_section *section)
{
	struct checkin_ref *refs = NULL;
	size_t n = 0, alloc = 0;
	struct align_report_table *t;

	for (size_t i = 0; i < ctx->trails.count; i++) {
		const struct align_okr_trail *tr = ctx->trails.items[i];

		for (size_t j = 0; j < tr->values.count; j++) {
			const struct align_okr_value *v = &tr->values.items[j];

			if (v->added || v->when.seconds < ctx->period_start ||
			    v->when.seconds > ctx->period_end) {
				continue;
			}
			ALIGN_ARRAY_GROW(refs, alloc, n + 1);
			refs[n].trail = tr;
			refs[n++].value = v;
		}
	}
	if (!n) {
		align_report_add_block(section, ALIGN_BLOCK_PARAGRAPH,
				       "No check-ins in this period.");
		return 0;
	}
	if (n > 1) {
		qsort(refs, n, sizeof(*refs), cmp_checkin);
	}
	t = align_report_add_table(section, "checkins", NULL, checkin_columns,
				   sizeof(checkin_columns) /
					   sizeof(checkin_columns[0]));
	for (size_t i = 0; i < n; i++) {
		const struct align_okr_value *v = refs[i].value;
		struct align_report_cell *c = align_report_add_row(t);
		struct align_date d;

		align_time_date(&d, &v->when);
		align_report_cell_date(&c[0], &d);
		c[0].source = value_source(ctx, v);
		align_report_cell_text(&c[1], refs[i].trail->objective);
		align_report_cell_text(&c[2], refs[i].trail->kr);
		number_text(&c[3], v->value);
		c[3].source = c[0].source;
		number_text(&c[4], v->confidence);
		align_report_cell_text(&c[5], v->who);
		align_report_cell_text(&c[6], v->note);
	}
	free(refs);
	return 0;
}
