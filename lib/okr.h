#ifndef ALIGN_OKR_H
#define ALIGN_OKR_H

#include "kind.h"
#include "util/date.h"

/*
 * Objectives and key results. One Markdown record per objective, under
 * okrs/<quarter>/: an [objective] section (id, quarter, owner, optional
 * parent and weight) and one [kr "<key>"] section per key result (title,
 * start, target, current, unit, owner, confidence, optional due, weight
 * and direction).
 */

extern const struct align_kind align_kind_okr;

/* Settings from align.ini's [okr] section, with documented defaults. */
struct align_okr_settings {
	double on_track_gap;         /* behind pace by at most this: on track */
	double off_track_gap;        /* behind pace by more: off track */
	double on_track_confidence;  /* below this confidence: at risk */
	double off_track_confidence; /* below this: off track */
	int cadence_days;            /* no check-in for longer: stale */
	int min_krs;
	int max_krs;
};

void align_okr_settings(struct align_okr_settings *out,
			const struct align_repo *repo);

enum align_health {
	ALIGN_ON_TRACK,
	ALIGN_AT_RISK,
	ALIGN_OFF_TRACK,
};

const char *align_health_name(enum align_health health);

struct align_kr_status {
	const char *key; /* borrowed from the record */
	const char *title;
	const char *unit;
	const char *owner;
	double start;
	double target;
	double current; /* start when never checked in */
	double confidence; /* negative when not given */
	double weight;
	double progress; /* 0..1 */
	double expected; /* elapsed share of its time at `today`, 0..1 */
	enum align_health health;
};

struct align_okr_status {
	const struct align_record *record;
	const char *id;
	const char *quarter;
	const char *owner;
	const char *parent;
	double weight;
	double progress; /* weighted mean of its key results */
	enum align_health health; /* its weakest key result's */
	struct align_kr_status *krs;
	size_t nkrs;
};

/*
 * The expected pace: the share of the days from `start` to `end` (both
 * included) that have passed by the end of `today`, 0..1 (1 when `end`
 * is before `start`).
 */
double align_okr_pace(const struct align_date *start,
		      const struct align_date *end,
		      const struct align_date *today);

/*
 * The health of a key result: on track once done; off track when it
 * trails `expected` by more than the off-track gap or its confidence
 * (negative: not given) is below the off-track confidence; at risk by the
 * on-track gap and confidence; else on track.
 */
enum align_health align_okr_health(double progress, double expected,
				   double confidence,
				   const struct align_okr_settings *settings);

/*
 * Scores an objective as of `today`. Key results whose numbers do not
 * parse are left out (check reports them). Release with
 * align_okr_status_release().
 */
void align_okr_evaluate(struct align_okr_status *out,
			const struct align_record *objective,
			const struct align_date *today,
			const struct align_okr_settings *settings);

void align_okr_status_release(struct align_okr_status *status);

/*
 * Parses a decimal number as JSON writes one (-?digits[.digits], no
 * exponent), so check-in values can be printed as they are. Returns 0 or -1.
 */
int align_number_parse(double *out, const char *str);

/* Writes a number as check-ins do: shortest form, no exponent. */
void align_number_format(struct align_buf *out, double value);

/*
 * Adds key result `key` to an objective. Returns 0, ALIGN_EEXISTS when
 * the key exists, ALIGN_EINVALID (message in `err`) for a bad key, number,
 * date or value.
 */
int align_okr_add_kr(struct align_record *objective, const char *key,
		     const char *title, const char *start, const char *target,
		     const char *unit, const char *owner, const char *due,
		     const char *direction, struct align_buf *err);

/*
 * Checks in `value` (and `confidence`, may be NULL) on key result `key`,
 * and writes the commit summary ("attendance 38 → 41 % (confidence
 * 0.7)") to `summary`. Returns 0, ALIGN_ENOTFOUND for an unknown key
 * result, ALIGN_EINVALID for a value or confidence that is not a number
 * in range.
 */
int align_okr_checkin(struct align_record *objective, const char *key,
		      const char *value, const char *confidence,
		      struct align_buf *summary, struct align_buf *err);

#endif
