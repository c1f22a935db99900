#ifndef ALIGN_DATE_H
#define ALIGN_DATE_H

#include <stdint.h>

/*
 * Calendar dates and instants without the C library's time zone state.
 * Every conversion is arithmetic on the proleptic Gregorian calendar.
 */

struct align_date {
	int year;
	int month; /* 1..12 */
	int day;   /* 1..31 */
};

/* An instant with the UTC offset it was written in. */
struct align_time {
	int64_t seconds; /* since 1970-01-01T00:00:00Z */
	int offset;      /* minutes east of UTC */
};

/* Length of "YYYY-MM-DD" plus NUL. */
#define ALIGN_DATE_STRLEN 11

/*
 * Parses a strict ISO calendar date "YYYY-MM-DD" that exists (2026-02-30
 * does not). Returns 0, or -1 when `str` is not such a date.
 */
int align_date_parse(struct align_date *out, const char *str);

/* Writes "YYYY-MM-DD" into `out`. */
void align_date_format(char out[ALIGN_DATE_STRLEN],
		       const struct align_date *date);

/* Days since 1970-01-01 (negative before). */
int64_t align_date_to_days(const struct align_date *date);
void align_date_from_days(struct align_date *out, int64_t days);

/* The local calendar date of an instant, in its own offset. */
void align_time_date(struct align_date *out, const struct align_time *time);

/*
 * Parses the instant forms git accepts in GIT_AUTHOR_DATE and align accepts
 * in ALIGN_NOW: "@1700000000 [+0000]", "1700000000 +0100",
 * "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS][Z|+HH:MM|+HHMM| +HHMM]" and
 * RFC 2822 "Thu, 19 Nov 2026 10:00:00 +0000". A form without an offset is
 * UTC. Returns 0, or -1 when `str` is none of these.
 */
int align_time_parse(struct align_time *out, const char *str);

/* Length of "YYYY-MM-DDTHH:MM:SS+HH:MM" plus NUL. */
#define ALIGN_TIME_STRLEN 26

/* Writes the instant as ISO 8601 in its own offset into `out`. */
void align_time_format(char out[ALIGN_TIME_STRLEN],
		       const struct align_time *time);

/* A span of days: a quarter, a year or an ISO week. */
struct align_period {
	struct align_date start;
	struct align_date end; /* inclusive */
	char name[16];         /* "2026-Q4", "2026", "2026-W47" */
};

/*
 * Parses "YYYY-Qn" (n 1..4) or "YYYY". Returns 0 or -1.
 */
int align_period_parse(struct align_period *out, const char *str);

/* The quarter holding `date`. */
void align_quarter_of(struct align_period *out, const struct align_date *date);

/* Parses an ISO week "YYYY-Www" (01..52 or 53 where the year has it). */
int align_week_parse(struct align_period *out, const char *str);

/* The ISO week holding `date` (Monday to Sunday). */
void align_week_of(struct align_period *out, const struct align_date *date);

/* 1 when `inner` lies within `outer`. */
int align_period_within(const struct align_period *inner,
			const struct align_period *outer);

/* 1 when `date` lies within `period`. */
int align_period_has(const struct align_period *period,
		     const struct align_date *date);

/*
 * Parses a day as users write it on the command line: "YYYY-MM-DD",
 * "today", "yesterday", "N.days", "N.weeks" (N days or weeks before
 * `today`). Returns 0 or -1.
 */
int align_date_parse_human(struct align_date *out, const char *str,
			   const struct align_date *today);

/*
 * Parses a duration: a whole number and h (hours), d (days) or w
 * (weeks), "24h", "3d", at least one hour and at most 10 years. Returns
 * 0 with seconds in `out`, or -1.
 */
int align_duration_parse(int64_t *out, const char *s);

/*
 * "Now": ALIGN_NOW when it is set (returns -1 when it does not parse),
 * otherwise the system clock with the local UTC offset (TZ), so that
 * align_time_date() gives the local calendar date.
 */
int align_time_now(struct align_time *out);

#endif
