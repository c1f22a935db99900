#ifndef ALIGN_REPORT_SECTION_H
#define ALIGN_REPORT_SECTION_H

#include "catalog.h"
#include "okr-history.h"
#include "okr.h"
#include "people.h"
#include "report.h"
#include "timeline.h"

/*
 * What the report's core (lib/report.c) prepares once for every section:
 * the records at three commits, the roster, and what one history walk
 * gathered. A section reads it and fills its part of the report; it never
 * walks history itself. Internal to lib/report*.c.
 */
struct align_report_ctx {
	struct align_repo *repo;
	struct align_report *report;
	const struct align_period *period;
	/* The report's day: its commit's date, or the period's last day
	 * when that is sooner. `now` is the end of that day (seconds). */
	struct align_date today;
	int64_t now;
	int64_t period_start; /* first second of the period (UTC) */
	int64_t period_end;   /* last second */
	struct align_catalog at;    /* at the report's commit */
	struct align_catalog start; /* at the period's start: the last commit
				       before its first day; empty when none */
	struct align_catalog end;   /* at its end, or the report's commit when
				       sooner */
	char start_commit[ALIGN_OID_HEXSZ + 1]; /* "" when none */
	char end_commit[ALIGN_OID_HEXSZ + 1];
	struct align_people roster; /* at the report's commit */
	struct align_okr_settings okr;

	struct align_timeline timeline; /* every record's states */
	struct align_okr_trails trails; /* key-result values up to `now` */

	/* Private: the records of `at`, `start` and `end` by id. */
	struct align_idmap at_ids_, start_ids_, end_ids_;
};

/* A section: fills `section` from `ctx`. Returns 0 or an ALIGN_* error. */
typedef int (*align_report_section_fn)(struct align_report_ctx *ctx,
				       struct align_report_section *section);

int align_report_performance(struct align_report_ctx *ctx,
			     struct align_report_section *section);
int align_report_campaigns(struct align_report_ctx *ctx,
			   struct align_report_section *section);
int align_report_decisions(struct align_report_ctx *ctx,
			   struct align_report_section *section);
int align_report_execution(struct align_report_ctx *ctx,
			   struct align_report_section *section);
int align_report_next(struct align_report_ctx *ctx,
		      struct align_report_section *section);
int align_report_checkins(struct align_report_ctx *ctx,
			  struct align_report_section *section);
int align_report_launches(struct align_report_ctx *ctx,
			  struct align_report_section *section);
int align_report_upcoming(struct align_report_ctx *ctx,
			  struct align_report_section *section);
int align_report_ownership(struct align_report_ctx *ctx,
			   struct align_report_section *section);
int align_report_sprint(struct align_report_ctx *ctx,
			struct align_report_section *section);

/*
 * The record of `kind` with id `id` in `catalog` (one of ctx->at,
 * ctx->start, ctx->end), looked up by hash; NULL when none. Borrowed
 * until the report is built.
 */
const struct align_record *align_report_record(
	const struct align_report_ctx *ctx, const struct align_catalog *catalog,
	const struct align_kind *kind, const char *id);

/* A source for a commit the history engine handed over. */
int align_report_commit_source(struct align_report_ctx *ctx, const char *id,
			       const char *author,
			       const struct align_time *when);
/* The source of a state change from the timeline; -1 for NULL. */
int align_report_event_source(struct align_report_ctx *ctx,
			      const struct align_timeline_event *e);
/* Field `key` of the record's own section; NULL when unset or empty. */
const char *align_report_field(const struct align_record *r, const char *key);
/* The record of entry `e` when it is an objective of the report's
 * quarter, else NULL. */
const struct align_record *align_report_objective(
	const struct align_report_ctx *ctx, const struct align_entry *e);

/* The roster handle of an email, else `name`. */
const char *align_report_who(const struct align_report_ctx *ctx,
			     const char *email, const char *name);

#endif
