/*
 * The quarterly report's ownership section, from the RACI matrices at the
 * period's end, the roster and the briefs' timelines: where ownership has
 * gaps (a step without an Accountable, an Accountable without a backup,
 * an Accountable away with nobody covering), and how the steps with an
 * sla kept it. Only the launch approval step can be measured: a brief's
 * submitted and approved commits bound it. No record says when the other
 * steps start or end, and the report says so rather than guess.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "raci.h"
#include "report-section.h"
#include "util/banned.h"

static const struct align_report_column gap_columns[] = {
	{ "workflow", "Workflow" },
	{ "step", "Step" },
	{ "gap", "Gap" },
	{ "who", "Who" },
};

static const struct align_report_column sla_columns[] = {
	{ "workflow", "Workflow" },
	{ "step", "Step" },
	{ "sla", "SLA" },
	{ "measured", "Approvals measured" },
	{ "within", "Within the SLA" },
	{ "compliance", "Compliance" },
	{ "slowest_days", "Slowest (days)" },
};

static void gap_row(struct align_report_table *t, const struct align_raci *r,
		    const struct align_raci_step *s, const char *gap,
		    const char *who)
{
	struct align_report_cell *row = align_report_add_row(t);

	align_report_cell_text(&row[0], r->id);
	align_report_cell_text(&row[1], s->name);
	align_report_cell_text(&row[2], gap);
	align_report_cell_text(&row[3], who && *who ? who : NULL);
}

/* The gaps of one workflow's steps, as of the report's day. */
static void ownership_gaps(struct align_report_ctx *ctx,
			   struct align_report_table *t,
			   const struct align_raci *r)
{
	struct align_buf who = ALIGN_BUF_INIT, acc = ALIGN_BUF_INIT;
	const struct align_people *people = &ctx->roster;

	for (size_t i = 0; i < r->nsteps; i++) {
		const struct align_raci_step *s = &r->steps[i];
		const struct align_person *p;
		int cover;

		if (!s->cells[ALIGN_RACI_A].n) {
			gap_row(t, r, s, "no Accountable", NULL);
			continue;
		}
		if (!people->record) {
			continue;
		}
		align_buf_clear(&who);
		align_buf_clear(&acc);
		cover = align_raci_answerer(&who, &acc, s, people, &ctx->today);
		p = align_people_by_handle(people, acc.ptr);
		if (p && !(p->backup && *p->backup &&
			   align_people_by_handle(people, p->backup))) {
			gap_row(t, r, s, "Accountable has no backup", acc.ptr);
		}
		if (cover == ALIGN_RACI_UNCOVERED) {
			gap_row(t, r, s, "Accountable away, nobody covering",
				acc.ptr);
		}
	}
	align_buf_release(&who);
	align_buf_release(&acc);
}

/*
 * The approvals of the period of briefs following workflow `id`: each
 * approval measured from the submission just before it.
 */
static void approvals(struct align_report_ctx *ctx, const char *id,
		      int64_t sla, size_t *measured, size_t *within,
		      double *slowest)
{
	for (size_t i = 0; i < ctx->timeline.n; i++) {
		const struct align_timeline_record *tl =
			&ctx->timeline.records[i];
		const struct align_entry *e;
		const char *wf;
		int64_t submitted = INT64_MIN;

		if (tl->kind != &align_kind_brief ||
		    !(e = align_catalog_by_id(&ctx->end, tl->id)) ||
		    !e->record ||
		    !(wf = align_record_get(e->record, "brief", NULL,
					    "workflow")) ||
		    strcmp(wf, id)) {
			continue;
		}
		for (size_t k = 0; k < tl->nevents; k++) {
			const struct align_timeline_event *ev = &tl->events[k];

			if (ev->when > ctx->period_end) {
				break;
			}
			if (!strcmp(ev->state, "submitted")) {
				submitted = ev->when;
			} else if (!strcmp(ev->state, "approved") &&
				   submitted != INT64_MIN) {
				double days;
				if (ev->when >= ctx->period_start) {
					(*measured)++;
					*within += ev->when - submitted <= sla;
					days = (double)(ev->when - submitted) /
					       86400.0;
					if (days > *slowest) {
						*slowest = days;
					}
				}
				submitted = INT64_MIN;
			}
		}
	}
}

int align_report_ownership(struct align_report_ctx *ctx,
			   struct align_report_section *section)
{
	struct align_raci *racis = NULL;
	size_t n = 0;
	struct align_report_table *gaps, *slas;
	struct align_buf text = ALIGN_BUF_INIT;

	racis = align_calloc(ctx->end.count + 1, sizeof(*racis));
	for (size_t i = 0; i < ctx->end.count; i++) {
		const struct align_entry *e = &ctx->end.entries[i];

		if (e->kind == &align_kind_raci && e->record &&
		    !strcmp(align_record_kind(e->record), "raci")) {
			align_raci_from_record(&racis[n++], e->record);
		}
	}
	if (!n) {
		align_report_add_block(section, ALIGN_BLOCK_PARAGRAPH,
				       "No RACI matrix names who owns the "
				       "team's workflows.");
		goto done;
	}
	gaps = align_report_add_table(section, "gaps", "Ownership gaps",
				      gap_columns,
				      sizeof(gap_columns) /
					      sizeof(gap_columns[0]));
	for (size_t i = 0; i < n; i++) {
		ownership_gaps(ctx, gaps, &racis[i]);
	}
	if (!ctx->roster.record) {
		align_report_gap(ctx->report,
				 "there is no people.ini: backups and absences "
				 "of Accountables are not known");
	}
	slas = align_report_add_table(section, "sla", "SLA compliance per step",
				      sla_columns,
				      sizeof(sla_columns) /
					      sizeof(sla_columns[0]));
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < racis[i].nsteps; k++) {
			const struct align_raci_step *s = &racis[i].steps[k];
			struct align_report_cell *row;
			size_t measured = 0, within = 0;
			double slowest = 0;
			int64_t sla;

			if (!s->sla || align_duration_parse(&sla, s->sla) < 0) {
				continue;
			}
			if (s != align_raci_step_find(&racis[i],
						      "launch approval")) {
				align_report_gap(ctx->report,
						 "step '%s' of %s has an sla of "
						 "%s, but no record says when "
						 "it starts and ends; it is not "
						 "measured",
						 s->name, racis[i].id, s->sla);
				continue;
			}
			approvals(ctx, racis[i].id, sla, &measured, &within,
				  &slowest);
			row = align_report_add_row(slas);
			align_report_cell_text(&row[0], racis[i].id);
			align_report_cell_text(&row[1], s->name);
			align_report_cell_text(&row[2], s->sla);
			align_report_cell_number(&row[3], (double)measured);
			align_report_cell_number(&row[4], (double)within);
			if (measured) {
				align_report_cell_percent(
					&row[5], (double)within / (double)measured);
				align_report_cell_number(
					&row[6], round(slowest * 10) / 10);
			}
		}
	}
	align_buf_addf(&text, "%zu workflow%s with a RACI matrix; %zu "
			      "ownership gap%s at the report's day.",
		       n, n == 1 ? "" : "s", gaps->nrows,
		       gaps->nrows == 1 ? "" : "s");
	align_report_add_block(section, ALIGN_BLOCK_PARAGRAPH, text.ptr);
done:
	for (size_t i = 0; i < n; i++) {
		align_raci_release(&racis[i]);
	}
	free(racis);
	align_buf_release(&text);
	return 0;
}
