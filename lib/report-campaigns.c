/*
 * The report's campaign sections, from the briefs' timelines: the
 * quarter's campaign retrospectives (launched, completed, cancelled; time
 * to launch, approval cycle time, on-time launches, results) and a
 * month's launches.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "report-section.h"
#include "util/banned.h"

#define DAY 86400.0

/* What one brief's timeline says about a period. */
struct campaign {
	const struct align_timeline_record *tl;
	const struct align_record *record; /* at the period's end, or NULL */
	const struct align_timeline_event *created;
	const struct align_timeline_event *submitted; /* the first */
	const struct align_timeline_event *approved;  /* the first */
	const struct align_timeline_event *live;      /* the first */
	const struct align_timeline_event *completed;
	const struct align_timeline_event *cancelled;
	size_t submissions; /* times it entered `submitted` by approval */
	const char *due;
	const char *state; /* at the period's end */
};

static int in_period(const struct align_report_ctx *ctx,
		     const struct align_timeline_event *e)
{
	return e && e->when >= ctx->period_start && e->when <= ctx->period_end;
}

static void campaign_read(struct campaign *c,
			  const struct align_report_ctx *ctx,
			  const struct align_timeline_record *tl)
{
	memset(c, 0, sizeof(*c));
	c->tl = tl;
	c->record = align_report_record(ctx, &ctx->end, &align_kind_brief,
					 tl->id);
	c->created = tl->nevents ? &tl->events[0] : NULL;
	for (size_t i = 0; i < tl->nevents; i++) {
		const struct align_timeline_event *e = &tl->events[i];

		if (e->when > ctx->period_end) {
			break;
		}
		c->state = e->state;
		if (!strcmp(e->state, "submitted")) {
			if (!c->approved) {
				c->submissions++;
			}
			if (!c->submitted) {
				c->submitted = e;
			}
		} else if (!strcmp(e->state, "approved") && !c->approved) {
			c->approved = e;
		} else if (!strcmp(e->state, "live") && !c->live) {
			c->live = e;
		} else if (!strcmp(e->state, "completed") && !c->completed) {
			c->completed = e;
		} else if (!strcmp(e->state, "cancelled")) {
			c->cancelled = e;
		}
	}
	if (c->cancelled && c->state && strcmp(c->state, "cancelled")) {
		c->cancelled = NULL; /* cancelled, then taken up again */
	}
	c->due = align_report_field(c->record, "due");
}

static void event_date(struct align_report_ctx *ctx,
		       struct align_report_cell *cell,
		       const struct align_timeline_event *e)
{
	struct align_time t;
	struct align_date d;

	if (!e) {
		return;
	}
	t.seconds = e->when;
	t.offset = e->offset;
	align_time_date(&d, &t);
	align_report_cell_date(cell, &d);
	cell->source = align_report_event_source(ctx, e);
}

/* Days between two events, to a tenth; NaN when either is missing. */
static double days_between(const struct align_timeline_event *from,
			   const struct align_timeline_event *to)
{
	if (!from || !to || to->when < from->when) {
		return NAN;
	}
	return round((double)(to->when - from->when) / DAY * 10) / 10;
}

/* 1 launched by its due day, 0 late, -1 unknown (no due or no launch). */
static int on_time(const struct campaign *c)
{
	struct align_date due, d;
	struct align_time t;

	if (!c->due || !c->live || align_date_parse(&due, c->due)) {
		return -1;
	}
	t.seconds = c->live->when;
	t.offset = c->live->offset;
	align_time_date(&d, &t);
	return align_date_to_days(&d) <= align_date_to_days(&due);
}

static const struct align_report_column brief_columns[] = {
	{ "brief", "Brief" },
	{ "title", "Title" },
	{ "owner", "Owner" },
	{ "status", "Status at end" },
	{ "created", "Created" },
	{ "submitted", "Submitted" },
	{ "approved", "Approved" },
	{ "live", "Live" },
	{ "closed", "Completed or cancelled" },
	{ "due", "Due" },
	{ "days_to_launch", "Days to launch" },
	{ "approval_days", "Approval days" },
	{ "submissions", "Submissions" },
	{ "on_time", "On time" },
};

static int cmp_campaign(const void *a, const void *b)
{
	return strcmp(((const struct campaign *)a)->tl->id,
		      ((const struct campaign *)b)->tl->id);
}

int align_report_campaigns(struct align_report_ctx *ctx,
			   struct align_report_section *section)
{
	struct campaign *list = NULL;
	size_t n = 0, alloc = 0, launched = 0, timely = 0, judged = 0;
	struct align_report_table *t;
	struct align_report_chart *chart;
	struct align_buf text = ALIGN_BUF_INIT;
	static const char *const series[] = { "days to launch",
					       "approval days" };

	for (size_t i = 0; i < ctx->timeline.n; i++) {
		const struct align_timeline_record *tl =
			&ctx->timeline.records[i];
		struct campaign c;

		if (tl->kind != &align_kind_brief) {
			continue;
		}
		campaign_read(&c, ctx, tl);
		if (!in_period(ctx, c.live) && !in_period(ctx, c.completed) &&
		    !in_period(ctx, c.cancelled)) {
			/* A launch due in the quarter that did not happen. */
			struct align_date due;
			if (!c.due || align_date_parse(&due, c.due) ||
			    !align_period_has(ctx->period, &due) || c.live ||
			    c.cancelled) {
				continue;
			}
		}
		ALIGN_ARRAY_GROW(list, alloc, n + 1);
		list[n++] = c;
	}
	if (!n) {
		align_report_add_block(section, ALIGN_BLOCK_PARAGRAPH,
				       "No brief launched, completed, cancelled "
				       "or fell due in this quarter.");
		return 0;
	}
	if (n > 1) {
		qsort(list, n, sizeof(*list), cmp_campaign);
	}
	t = align_report_add_table(section, "briefs", NULL, brief_columns,
				   sizeof(brief_columns) /
					   sizeof(brief_columns[0]));
	chart = align_report_add_chart(section, ALIGN_CHART_BARS,
				       "Days to launch and approval cycle "
				       "time per brief");
	chart->columns = series;
	chart->ncolumns = 2;
	chart->rows = align_calloc(n, sizeof(*chart->rows));
	chart->values = align_calloc(n * 2, sizeof(*chart->values));
	for (size_t i = 0; i < n; i++) {
		const struct campaign *c = &list[i];
		struct align_report_cell *cell = align_report_add_row(t);
		const struct align_timeline_event *closed =
			c->completed ? c->completed : c->cancelled;
		int ot = on_time(c);
		struct align_date due;

		align_report_cell_text(&cell[0], c->tl->id);
		align_report_cell_text(&cell[1], c->record ? c->record->title
							   : NULL);
		align_report_cell_text(&cell[2], align_report_field(c->record, "owner"));
		align_report_cell_text(&cell[3], c->state);
		event_date(ctx, &cell[4], c->created);
		event_date(ctx, &cell[5], c->submitted);
		event_date(ctx, &cell[6], c->approved);
		event_date(ctx, &cell[7], c->live);
		event_date(ctx, &cell[8], closed);
		if (c->due) {
			align_report_cell_text(&cell[9], c->due);
			cell[9].type = ALIGN_CELL_DATE;
		}
		align_report_cell_number(&cell[10],
					 days_between(c->created, c->live));
		cell[10].source = cell[7].source;
		align_report_cell_number(&cell[11],
					 days_between(c->submitted, c->approved));
		cell[11].source = cell[6].source;
		align_report_cell_number(&cell[12], (double)c->submissions);
		if (ot >= 0) {
			align_report_cell_text(&cell[13], ot ? "yes" : "no");
		} else if (!c->live && c->due && !align_date_parse(&due, c->due) &&
			   align_date_to_days(&due) <=
				   align_date_to_days(&ctx->today) &&
			   !c->cancelled) {
			align_report_cell_text(&cell[13], "missed");
			ot = 0;
		}
		if (c->live && in_period(ctx, c->live)) {
			launched++;
		}
		if (ot >= 0 && !c->cancelled) {
			judged++;
			timely += (size_t)ot;
		}
		chart->rows[i] = align_strdup(c->tl->id);
		chart->values[i * 2] = days_between(c->created, c->live);
		chart->values[i * 2 + 1] = days_between(c->submitted,
							c->approved);
	}
	chart->nrows = n;
	align_buf_addf(&text, "%zu launched in the quarter. ", launched);
	if (judged) {
		align_buf_addf(&text,
			       "On-time launch rate: %zu of %zu (%.0f%%), "
			       "against each brief's due date.",
			       timely, judged,
			       round((double)timely / (double)judged * 100));
	} else {
		align_buf_adds(&text, "On-time launch rate: no launch with a "
				      "due date to measure.");
	}
	/* The paragraph goes before the table. */
	{
		struct align_report_block b;
		align_report_add_block(section, ALIGN_BLOCK_PARAGRAPH, text.ptr);
		b = section->blocks[section->nblocks - 1];
		memmove(&section->blocks[1], &section->blocks[0],
			(section->nblocks - 1) * sizeof(b));
		section->blocks[0] = b;
	}
	align_buf_release(&text);

	/* The results sections people wrote. */
	for (size_t i = 0; i < n; i++) {
		struct align_buf results = ALIGN_BUF_INIT;
		struct align_report_block *h;

		if (!list[i].record ||
		    !align_record_section_text(list[i].record, "Results",
					       &results)) {
			align_buf_release(&results);
			continue;
		}
		h = align_report_add_block(section, ALIGN_BLOCK_HEADING,
					   list[i].record->title
						   ? list[i].record->title
						   : list[i].tl->id);
		h->source = -1;
		align_report_add_block(section, ALIGN_BLOCK_PROSE, results.ptr);
		align_buf_release(&results);
	}
	free(list);
	return 0;
}

static const struct align_report_column launch_columns[] = {
	{ "brief", "Brief" },
	{ "title", "Title" },
	{ "owner", "Owner" },
	{ "live", "Live" },
	{ "due", "Due" },
	{ "on_time", "On time" },
};

int align_report_launches(struct align_report_ctx *ctx,
			  struct align_report_section *section)
{
	struct align_report_table *t =
		align_report_add_table(section, "launches",
				       "Briefs that went live", launch_columns,
				       sizeof(launch_columns) /
					       sizeof(launch_columns[0]));

	for (size_t i = 0; i < ctx->timeline.n; i++) {
		const struct align_timeline_record *tl =
			&ctx->timeline.records[i];
		struct align_report_cell *cell;
		struct campaign c;
		int ot;

		if (tl->kind != &align_kind_brief) {
			continue;
		}
		campaign_read(&c, ctx, tl);
		if (!in_period(ctx, c.live)) {
			continue;
		}
		cell = align_report_add_row(t);
		align_report_cell_text(&cell[0], tl->id);
		align_report_cell_text(&cell[1], c.record ? c.record->title : NULL);
		align_report_cell_text(&cell[2], align_report_field(c.record, "owner"));
		event_date(ctx, &cell[3], c.live);
		if (c.due) {
			align_report_cell_text(&cell[4], c.due);
			cell[4].type = ALIGN_CELL_DATE;
		}
		if ((ot = on_time(&c)) >= 0) {
			align_report_cell_text(&cell[5], ot ? "yes" : "no");
		}
	}
	return 0;
}
