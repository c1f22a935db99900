/*
 * The quarterly review's decision log, from the decisions' timelines:
 * the decisions accepted in the quarter and who accepted them, those
 * superseded, and those due for revisit in it (as of the quarter's end).
 * A decision created already accepted (an import, a renumbering) was
 * not accepted in a commit of this history, so it is not counted made.
 */
#include <stdlib.h>
#include <string.h>

#include "decision.h"
#include "report-section.h"
#include "util/banned.h"

static const char *field(const struct align_record *r, const char *key)
{
	const char *v = r ? align_record_get(r, "decision", NULL, key) : NULL;

	return v && *v ? v : NULL;
}

static const struct align_record *at_end(const struct align_report_ctx *ctx,
					 const char *id)
{
	const struct align_entry *e = align_catalog_by_id(&ctx->end, id);

	return e && e->kind == &align_kind_decision && e->record
		       ? e->record
		       : NULL;
}

/* The event in which `tl` moved into `state` inside the period. */
static const struct align_timeline_event *moved_in(
	const struct align_report_ctx *ctx,
	const struct align_timeline_record *tl, const char *state)
{
	for (size_t i = 1; i < tl->nevents; i++) {
		const struct align_timeline_event *e = &tl->events[i];

		if (!strcmp(e->state, state) &&
		    strcmp(tl->events[i - 1].state, state) &&
		    e->when >= ctx->period_start && e->when <= ctx->period_end) {
			return e;
		}
	}
	return NULL;
}

/* The event's date, naming its commit, and who made it. */
static void event_cells(struct align_report_ctx *ctx,
			struct align_report_cell *date,
			struct align_report_cell *who,
			const struct align_timeline_event *e)
{
	struct align_time t;
	struct align_date d;

	if (!e) {
		return;
	}
	t.seconds = e->when;
	t.offset = 0;
	align_time_date(&d, &t);
	align_report_cell_date(date, &d);
	date->source = align_report_commit_source(
		ctx, e->commit, align_report_who(ctx, e->email, e->author), &t);
	align_report_cell_text(who, align_report_who(ctx, e->email, e->author));
}

static const struct align_report_column made_columns[] = {
	{ "decision", "Decision" }, { "title", "Title" },
	{ "accepted", "Accepted" }, { "accepted_by", "Accepted by" },
	{ "deciders", "Deciders" }, { "note", "Note" },
};

static const struct align_report_column superseded_columns[] = {
	{ "decision", "Decision" },	    { "title", "Title" },
	{ "superseded", "Superseded" },	    { "superseded_by_who", "By" },
	{ "superseded_by", "Replaced by" },
};

static const struct align_report_column revisit_columns[] = {
	{ "decision", "Decision" }, { "title", "Title" },
	{ "revisit", "Revisit" },   { "deciders", "Deciders" },
	{ "accepted", "Accepted" }, { "accepted_by", "Accepted by" },
};

#define NCOLS(c) (sizeof(c) / sizeof((c)[0]))

int align_report_decisions(struct align_report_ctx *ctx,
			   struct align_report_section *section)
{
	struct align_report_table *made = NULL, *gone = NULL, *due = NULL;

	for (size_t i = 0; i < ctx->timeline.n; i++) {
		const struct align_timeline_record *tl =
			&ctx->timeline.records[i];
		const struct align_timeline_event *e;
		const struct align_record *r;
		struct align_report_cell *cell;

		if (tl->kind != &align_kind_decision) {
			continue;
		}
		r = at_end(ctx, tl->id);
		if ((e = moved_in(ctx, tl, ALIGN_DECISION_ACCEPTED))) {
			if (!made) {
				made = align_report_add_table(
					section, "made",
					"Decisions accepted in the quarter",
					made_columns, NCOLS(made_columns));
			}
			cell = align_report_add_row(made);
			align_report_cell_text(&cell[0], tl->id);
			align_report_cell_text(&cell[1], r ? r->title : NULL);
			event_cells(ctx, &cell[2], &cell[3], e);
			align_report_cell_text(&cell[4], field(r, "deciders"));
			align_report_cell_text(&cell[5], e->note);
		}
		if ((e = moved_in(ctx, tl, ALIGN_DECISION_SUPERSEDED))) {
			if (!gone) {
				gone = align_report_add_table(
					section, "superseded",
					"Decisions superseded in the quarter",
					superseded_columns,
					NCOLS(superseded_columns));
			}
			cell = align_report_add_row(gone);
			align_report_cell_text(&cell[0], tl->id);
			align_report_cell_text(&cell[1], r ? r->title : NULL);
			event_cells(ctx, &cell[2], &cell[3], e);
			align_report_cell_text(&cell[4],
					       field(r, "superseded-by"));
		}
	}
	/* Due for revisit: as the records stood at the quarter's end. */
	for (size_t i = 0; i < ctx->end.count; i++) {
		const struct align_entry *en = &ctx->end.entries[i];
		const struct align_record *r = en->record;
		const char *revisit = field(r, "revisit");
		const struct align_timeline_event *e;
		struct align_report_cell *cell;
		struct align_date d;
		const char *status;

		if (en->kind != &align_kind_decision || !r || !revisit ||
		    !(status = field(r, "status")) ||
		    strcmp(status, ALIGN_DECISION_ACCEPTED) ||
		    align_date_parse(&d, revisit) < 0 ||
		    !align_period_has(ctx->period, &d)) {
			continue;
		}
		if (!due) {
			due = align_report_add_table(
				section, "revisit",
				"Decisions due for revisit in the quarter",
				revisit_columns, NCOLS(revisit_columns));
		}
		cell = align_report_add_row(due);
		align_report_cell_text(&cell[0], align_record_id(r));
		align_report_cell_text(&cell[1], r->title);
		align_report_cell_date(&cell[2], &d);
		align_report_cell_text(&cell[3], field(r, "deciders"));
		e = align_timeline_entered(
			align_timeline_find(&ctx->timeline, align_record_id(r)),
			ALIGN_DECISION_ACCEPTED, ctx->now);
		event_cells(ctx, &cell[4], &cell[5], e);
	}
	if (!made && !gone && !due) {
		align_report_add_block(section, ALIGN_BLOCK_PARAGRAPH,
				       "No decision was accepted, superseded or "
				       "due for revisit in this quarter.");
	}
	return 0;
}
