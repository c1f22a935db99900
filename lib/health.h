#ifndef ALIGN_HEALTH_H
#define ALIGN_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "people.h"
#include "timeline.h"
#include "util/date.h"
#include "util/diag.h"

/*
 * The team's intervention thresholds: rules over every kind of record
 * and their history (a brief waiting for approval too long, a key result
 * gone stale, a blocker that keeps coming back, a person who stopped
 * posting updates), each naming the record, since when (the commit where
 * the state began) and who must act. The rules are rows of a table in
 * health.c; a later kind adds its rules as new rows. Thresholds and
 * severities come from align.ini's [health] section.
 */

/* What a rule's threshold is counted in. */
enum align_health_unit {
	ALIGN_HEALTH_NONE,     /* no threshold of its own */
	ALIGN_HEALTH_DURATION, /* seconds, written 24h, 3d or 2w */
	ALIGN_HEALTH_COUNT,    /* a whole number, at least 1 */
	ALIGN_HEALTH_WEEKS,    /* a whole number of weeks, 1 to 52 */
};

struct align_health_run;

/*
 * A row of the rule table: its name (also its align.ini keys: `<name>`
 * for the threshold, `<name>-severity`), its default severity, its
 * threshold's unit and default, and the function that finds violations.
 */
struct align_health_rule {
	const char *name;
	enum align_severity severity;
	enum align_health_unit unit;
	const char *threshold; /* the default as align.ini writes it; NULL */
	const char *summary;   /* one line, for documentation and -h */
	void (*fn)(struct align_health_run *run,
		   const struct align_health_rule *rule, int64_t threshold);
};

/* The table, in the order violations are reported. */
const struct align_health_rule *align_health_rules(size_t *count);

#define ALIGN_HEALTH_RULES_MAX 32

/* One rule as align.ini sets it. */
struct align_health_setting {
	int off;                      /* <name>-severity = off */
	enum align_severity severity;
	int64_t threshold;            /* in the rule's unit */
	char text[32];                /* the threshold as written ("24h") */
};

struct align_health_settings {
	struct align_health_setting rules[ALIGN_HEALTH_RULES_MAX]; /* by row */
	size_t n;
};

/*
 * Reads align.ini's [health] section (`repo` NULL: every default). An
 * empty value is the default. Each bad value is appended to `problems`
 * as an error at align.ini's line ("health.approval-sla must be a
 * duration such as 24h or 3d, not 'soon'") and the default kept; returns
 * ALIGN_EINVALID when there was one, else 0.
 */
int align_health_settings(struct align_health_settings *out,
			  const struct align_repo *repo,
			  struct align_diags *problems);

/*
 * Parses a duration: a whole number and h (hours), d (days) or w
 * (weeks), "24h", "3d", at least one hour and at most 10 years. Returns
 * 0 with seconds in `out`, or -1.
 */
int align_health_parse_duration(int64_t *out, const char *s);

/*
 * Appends a duration as people read it: "3d 2h", "5h", "45m"; whole
 * minutes, nothing smaller.
 */
void align_health_format_duration(struct align_buf *out, int64_t seconds);

/* One violation. Strings owned by the report. */
struct align_health_violation {
	const struct align_health_rule *rule;
	enum align_severity severity;
	char *record; /* its id ("<objective>#<kr>" for a key result); NULL */
	/*
	 * Relative to the records root: the record's file, people.ini for a
	 * person, the folder for several records (a queue); NULL for none.
	 */
	char *path;
	size_t line;  /* in `path`, or 0 */
	/* Who must act: roster handles as records name them. */
	char **who;
	size_t nwho;
	/* Every record concerned (the waiting briefs of a queue). */
	char **records;
	size_t nrecords;
	/*
	 * Since when: the commit where the state began (state, author,
	 * email owned); commit "" when history does not say.
	 */
	struct align_timeline_event since;
	char *message; /* align's words with people's text inside */
};

struct align_health_report {
	struct align_health_violation *items; /* in rule-table order */
	size_t n;
	size_t alloc;
};

#define ALIGN_HEALTH_REPORT_INIT { NULL, 0, 0 }

struct align_health_opts {
	const char *rev;          /* history from this commit; NULL: HEAD */
	struct align_date today;  /* "now" as a date */
	int64_t now;              /* seconds */
	const struct align_catalog *catalog; /* the records, as of `rev` */
	const struct align_people *roster;   /* may be empty */
	const struct align_health_settings *settings;
};

/*
 * Evaluates every rule that is not off: one history walk from
 * opts->rev over every kind's folder feeds the timeline and the key
 * results' last check-ins; the rest is the catalog and the roster.
 * Warnings of the walk go to `warnings`. Returns 0, or an ALIGN_* error
 * with the message on `repo`; release `out` in every case.
 */
int align_health_check(struct align_health_report *out,
		       struct align_repo *repo,
		       const struct align_health_opts *opts,
		       struct align_diags *warnings);

/* The number of violations of `severity` or worse (error is worst). */
size_t align_health_count_at_least(const struct align_health_report *report,
				   enum align_severity severity);

void align_health_report_release(struct align_health_report *report);

#endif
