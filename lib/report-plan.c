/*
 * The report's forward-looking sections: the next quarter (objectives
 * already committed for it, and what carries over) and the upcoming
 * briefs of a month.
 */
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "report-section.h"
#include "util/banned.h"

/* 1 when a brief in `status` is still to be done. */
static int brief_open(const char *status)
{
	return status && strcmp(status, "completed") &&
	       strcmp(status, "cancelled");
}

struct brief_row {
	const struct align_record *record;
	const char *due; /* "" when none: sorted last */
};

static int cmp_due(const void *a, const void *b)
{
	const struct brief_row *x = a, *y = b;
	int c;

	if (!*x->due != !*y->due) {
		return *x->due ? -1 : 1;
	}
	if ((c = strcmp(x->due, y->due))) {
		return c;
	}
	return strcmp(align_record_id(x->record), align_record_id(y->record));
}

static const char *field(const struct align_record *r, const char *key)
{
	const char *v = align_record_get(r, align_record_kind(r), NULL, key);
	return v && *v ? v : NULL;
}

static const struct align_report_column brief_columns[] = {
	{ "brief", "Brief" },
	{ "title", "Title" },
	{ "status", "Status" },
	{ "due", "Due" },
	{ "owner", "Owner" },
	{ "accountable", "Accountable" },
};

/*
 * The briefs of `catalog` still open, with a `due` after `after` (NULL:
 * any), soonest first, as a table.
 */
static void open_briefs(struct align_report_section *section,
			const struct align_catalog *catalog, const char *key,
			const char *caption, const char *after)
{
	struct brief_row *rows = NULL;
	size_t n = 0, alloc = 0;
	struct align_report_table *t;

	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_record *r = catalog->entries[i].record;
		const char *due;

		if (!r || catalog->entries[i].kind != &align_kind_brief ||
		    !brief_open(field(r, "status")) || !align_record_id(r)) {
			continue;
		}
		due = field(r, "due");
		if (after && (!due || strcmp(due, after) <= 0)) {
			continue;
		}
		ALIGN_ARRAY_GROW(rows, alloc, n + 1);
		rows[n].record = r;
		rows[n++].due = due ? due : "";
	}
	if (n > 1) {
		qsort(rows, n, sizeof(*rows), cmp_due);
	}
	t = align_report_add_table(section, key, caption, brief_columns,
				   sizeof(brief_columns) /
					   sizeof(brief_columns[0]));
	for (size_t i = 0; i < n; i++) {
		const struct align_record *r = rows[i].record;
		struct align_report_cell *c = align_report_add_row(t);

		align_report_cell_text(&c[0], align_record_id(r));
		align_report_cell_text(&c[1], r->title);
		align_report_cell_text(&c[2], field(r, "status"));
		align_report_cell_text(&c[3], field(r, "due"));
		if (field(r, "due")) {
			c[3].type = ALIGN_CELL_DATE;
		}
		align_report_cell_text(&c[4], field(r, "owner"));
		align_report_cell_text(&c[5], field(r, "accountable"));
	}
	free(rows);
}

static const struct align_report_column objective_columns[] = {
	{ "objective", "Objective" },
	{ "title", "Title" },
	{ "owner", "Owner" },
	{ "key_results", "Key results" },
};

static const struct align_report_column carry_columns[] = {
	{ "objective", "Objective" },
	{ "kr", "Key result" },
	{ "owner", "Owner" },
	{ "score_end", "Score at end" },
};

int align_report_next(struct align_report_ctx *ctx,
		      struct align_report_section *section)
{
	struct align_period next;
	struct align_date day;
	struct align_report_table *t;

	align_date_from_days(&day, align_date_to_days(&ctx->period->end) + 1);
	align_quarter_of(&next, &day);
	t = align_report_add_table(section, "objectives",
				   "Objectives committed for the next quarter",
				   objective_columns,
				   sizeof(objective_columns) /
					   sizeof(objective_columns[0]));
	for (size_t i = 0; i < ctx->at.count; i++) {
		const struct align_record *r = ctx->at.entries[i].record;
		const char *q;
		struct align_report_cell *c;
		size_t krs = 0;

		if (!r || ctx->at.entries[i].kind != &align_kind_okr ||
		    !(q = field(r, "quarter")) || strcmp(q, next.name)) {
			continue;
		}
		for (size_t s = 0; s < r->ini.nsections; s++) {
			krs += !strcmp(r->ini.sections[s].name, "kr");
		}
		c = align_report_add_row(t);
		align_report_cell_text(&c[0], align_record_id(r));
		align_report_cell_text(&c[1], r->title);
		align_report_cell_text(&c[2], field(r, "owner"));
		align_report_cell_number(&c[3], (double)krs);
	}

	/* Key results the quarter did not finish. */
	t = align_report_add_table(section, "carry_over_key_results",
				   "Key results that carry over (not done at "
				   "the quarter's end)",
				   carry_columns,
				   sizeof(carry_columns) / sizeof(carry_columns[0]));
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
			struct align_report_cell *c;

			if (st.krs[k].progress >= 1) {
				continue;
			}
			c = align_report_add_row(t);
			align_report_cell_text(&c[0], st.id);
			align_report_cell_text(&c[1], st.krs[k].key);
			align_report_cell_text(&c[2], st.krs[k].owner);
			align_report_cell_percent(&c[3], st.krs[k].progress);
		}
		align_okr_status_release(&st);
	}
	open_briefs(section, &ctx->end, "carry_over_briefs",
		    "Briefs still open at the quarter's end", NULL);
	return 0;
}

int align_report_upcoming(struct align_report_ctx *ctx,
			  struct align_report_section *section)
{
	char end[ALIGN_DATE_STRLEN];

	align_date_format(end, &ctx->period->end);
	open_briefs(section, &ctx->at, "upcoming",
		    "Open briefs due after the month, soonest first", end);
	return 0;
}
