/*
 * Unit tests of the OKR arithmetic (lib/okr.c, lib/okr-board.c): scoring
 * an objective, rolling progress up the alignment tree, and staleness,
 * with figures worked out by hand.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "okr-board.h"
#include "util/buf.h"

#include "tap.h"

static int near(double got, double want, const char *name)
{
	int same = fabs(got - want) < 1e-9;

	if (!ok(same, "%s", name)) {
		printf("#   got:  %.12f\n#   want: %.12f\n", got, want);
	}
	return same;
}

static struct align_record *parse(const char *path, const char *text)
{
	struct align_record *r = NULL;
	struct align_diags diags = ALIGN_DIAGS_INIT;

	if (align_record_parse(&r, path, text, strlen(text), NULL, &diags) <
	    0) {
		printf("Bail out! fixture %s does not parse: %s\n", path,
		       diags.count ? diags.items[0].message : "?");
		exit(1);
	}
	align_diags_clear(&diags);
	return r;
}

static const char objective[] =
	"# Partner pipeline\n"
	"\n"
	"```ini\n"
	"[objective]\n"
	"id = 2026-q4-pipe\n"
	"quarter = 2026-Q4\n"
	"owner = lee\n"
	"parent = 2026-grow\n"
	"weight = 2\n"
	"\n"
	"[kr \"leads\"]\n"
	"title = Partner leads\n"
	"start = 0\n"
	"target = 400\n"
	"current = 170\n"
	"unit = leads\n"
	"confidence = 0.8\n"
	"\n"
	"[kr \"cac\"]\n"
	"title = Cost per acquisition\n"
	"start = 120\n"
	"target = 90\n"
	"current = 111\n"
	"owner = sam\n"
	"weight = 3\n"
	"due = 2026-11-30\n"
	"\n"
	"[kr \"broken\"]\n"
	"title = Target equals start\n"
	"start = 5\n"
	"target = 5\n"
	"```\n";

static void test_evaluate(void)
{
	struct align_record *r = parse("okrs/2026-Q4/pipe.md", objective);
	struct align_okr_settings settings;
	struct align_okr_status st;
	struct align_date today;

	align_okr_settings(&settings, NULL);
	align_date_parse(&today, "2026-11-15");
	align_okr_evaluate(&st, r, &today, &settings);
	is_str(st.id, "2026-q4-pipe", "evaluate: id");
	is_str(st.parent, "2026-grow", "evaluate: parent");
	near(st.weight, 2, "evaluate: the objective's weight");
	/* The equal start and target leave the third key result out. */
	is_int((long long)st.nkrs, 2, "evaluate: two key results scored");
	/* 170 / 400 */
	near(st.krs[0].progress, 0.425, "leads: progress 170/400");
	/* 2026-10-01 .. 2026-11-15 inclusive: 46 of 92 days. */
	near(st.krs[0].expected, 0.5, "leads: expected, 46 of 92 days");
	is_str(align_health_name(st.krs[0].health), "on-track",
	       "leads: 0.075 behind pace, confidence 0.8: on track");
	is_str(st.krs[0].owner, "lee", "leads: owner falls back to the "
				       "objective's");
	/* A falling metric: (111 - 120) / (90 - 120) = 0.3. */
	near(st.krs[1].progress, 0.3, "cac: progress of a falling metric");
	/* Due 2026-11-30: 46 of 61 days. */
	near(st.krs[1].expected, 46.0 / 61, "cac: expected up to its due day");
	is_str(align_health_name(st.krs[1].health), "off-track",
	       "cac: 0.454 behind pace: off track");
	near(st.krs[1].confidence, -1, "cac: no confidence given");
	/* (0.425 * 1 + 0.3 * 3) / 4 */
	near(st.progress, 0.33125, "objective: weighted mean of its krs");
	is_str(align_health_name(st.health), "off-track",
	       "objective: its weakest key result's health");
	align_okr_status_release(&st);
	align_record_free(r);
}

static void test_pace_and_health(void)
{
	struct align_okr_settings st;
	struct align_date start, end, day;

	align_okr_settings(&st, NULL);
	align_date_parse(&start, "2026-10-01");
	align_date_parse(&end, "2026-12-31");
	align_date_parse(&day, "2026-09-30");
	near(align_okr_pace(&start, &end, &day), 0, "pace: before the start");
	align_date_parse(&day, "2026-10-01");
	near(align_okr_pace(&start, &end, &day), 1.0 / 92,
	     "pace: the first day counts");
	align_date_parse(&day, "2026-11-15");
	near(align_okr_pace(&start, &end, &day), 0.5, "pace: 46 of 92 days");
	align_date_parse(&day, "2027-01-05");
	near(align_okr_pace(&start, &end, &day), 1, "pace: after the end");
	near(align_okr_pace(&end, &start, &day), 1, "pace: an empty span");

	/* Defaults: gaps 0.10 and 0.25, confidences 0.7 and 0.4. */
	is_int(align_okr_health(0.40, 0.50, -1, &st), ALIGN_ON_TRACK,
	       "health: 0.10 behind is on track");
	is_int(align_okr_health(0.39, 0.50, -1, &st), ALIGN_AT_RISK,
	       "health: 0.11 behind is at risk");
	is_int(align_okr_health(0.25, 0.50, -1, &st), ALIGN_AT_RISK,
	       "health: 0.25 behind is at risk");
	is_int(align_okr_health(0.24, 0.50, -1, &st), ALIGN_OFF_TRACK,
	       "health: 0.26 behind is off track");
	is_int(align_okr_health(0.9, 0.5, 0.69, &st), ALIGN_AT_RISK,
	       "health: ahead, confidence 0.69 is at risk");
	is_int(align_okr_health(0.9, 0.5, 0.39, &st), ALIGN_OFF_TRACK,
	       "health: ahead, confidence 0.39 is off track");
	is_int(align_okr_health(0.9, 0.5, 0.7, &st), ALIGN_ON_TRACK,
	       "health: confidence 0.7 is enough");
	is_int(align_okr_health(1, 1, 0.1, &st), ALIGN_ON_TRACK,
	       "health: done is on track whatever the confidence");
}

/* A row with key results of the given progress, each of weight 1. */
static void row(struct align_okr_row *out, const char *id, const char *parent,
		double weight, size_t nkrs, const double *progress)
{
	memset(out, 0, sizeof(*out));
	out->st.id = id;
	out->st.parent = parent;
	out->st.weight = weight;
	out->st.nkrs = nkrs;
	out->st.krs = calloc(nkrs ? nkrs : 1, sizeof(*out->st.krs));
	for (size_t k = 0; k < nkrs; k++) {
		out->st.krs[k].weight = 1;
		out->st.krs[k].progress = progress[k];
	}
}

static void test_roll_up(void)
{
	static const double year_kr[] = { 0.2 };
	static const double a_krs[] = { 0.4, 0.6 };
	static const double b_krs[] = { 0.8 };
	static const double c_krs[] = { 0.2 };
	struct align_okr_row rows[6];

	/*
	 * A yearly objective with one key result and two quarters' children;
	 * the second child has a child of its own.
	 *   c: 0.2; b: (0.8 + 0.2 * 1) / 2 = 0.5; a: (0.4 + 0.6) / 2 = 0.5
	 *   year: (0.2 * 1 + 0.5 * 1 + 0.5 * 2) / (1 + 1 + 2) = 0.425
	 */
	row(&rows[0], "2026-grow", NULL, 1, 1, year_kr);
	row(&rows[1], "2026-q1-a", "2026-grow", 1, 2, a_krs);
	row(&rows[2], "2026-q4-b", "2026-grow", 2, 1, b_krs);
	row(&rows[3], "2026-q4-c", "2026-q4-b", 1, 1, c_krs);
	/* A cycle, and an objective with nothing to weigh. */
	row(&rows[4], "loop", "loop", 1, 1, c_krs);
	row(&rows[5], "empty", NULL, 1, 0, NULL);
	align_okr_board_roll_up(rows, 6);
	near(rows[3].rolled, 0.2, "roll-up: a leaf is its own progress");
	near(rows[2].rolled, 0.5, "roll-up: own key result and a child");
	near(rows[1].rolled, 0.5, "roll-up: two key results, no child");
	near(rows[0].rolled, 0.425, "roll-up: a year over its quarters, "
				    "by weight");
	near(rows[4].rolled, 0.2, "roll-up: a self-parent is not a child");
	near(rows[5].rolled, 0, "roll-up: nothing to weigh is 0");
	/* Without the children the year is only its own key result. */
	align_okr_board_roll_up(rows, 1);
	near(rows[0].rolled, 0.2, "roll-up: children not given do not count");
	for (size_t i = 0; i < 6; i++) {
		free(rows[i].st.krs);
	}
}

static void test_freshness(void)
{
	const int64_t now = 1796212800; /* 2026-12-02T12:00:00Z */
	struct align_kr_freshness f;

	align_okr_board_freshness(&f, now - 3 * 86400 - 1, now, 7);
	is_int(f.age_days, 3, "freshness: 3 days and a second is 3 days");
	is_int(f.stale, 0, "freshness: 3 days is fresh");
	align_okr_board_freshness(&f, now - 7 * 86400 - 86399, now, 7);
	is_int(f.age_days, 7, "freshness: whole days only");
	is_int(f.stale, 0, "freshness: 7 days is not more than 7");
	align_okr_board_freshness(&f, now - 8 * 86400, now, 7);
	is_int(f.age_days, 8, "freshness: 8 days");
	is_int(f.stale, 1, "freshness: 8 days is stale");
	align_okr_board_freshness(&f, INT64_MIN, now, 7);
	is_int(f.age_days, -1, "freshness: never checked in has no age");
	is_int(f.stale, 1, "freshness: never checked in is stale");
	is_int(f.last_change, INT64_MIN, "freshness: keeps the time");
}

int main(void)
{
	test_evaluate();
	test_pace_and_health();
	test_roll_up();
	test_freshness();
	return done_testing();
}
