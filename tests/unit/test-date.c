/* Unit tests of lib/util/date.c: calendar dates, instants, the test clock. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"

#include "tap.h"

static void parse_ok(const char *str, int y, int m, int d)
{
	struct align_date date = {0, 0, 0};
	int ret = align_date_parse(&date, str);

	if (!ok(ret == 0 && date.year == y && date.month == m && date.day == d,
		"date '%s' is %04d-%02d-%02d", str, y, m, d)) {
		printf("#   ret %d, got %d-%d-%d\n", ret, date.year, date.month,
		       date.day);
	}
}

static void parse_bad(const char *str)
{
	struct align_date date = {0, 0, 0};

	is_int(align_date_parse(&date, str), -1, str);
}

static void test_date_parse(void)
{
	char out[ALIGN_DATE_STRLEN];
	struct align_date d;

	parse_ok("2024-02-29", 2024, 2, 29);
	parse_ok("2000-02-29", 2000, 2, 29);
	parse_ok("2026-12-31", 2026, 12, 31);
	parse_ok("0001-01-01", 1, 1, 1);
	parse_ok("9999-12-31", 9999, 12, 31);
	parse_bad("2026-02-29");
	parse_bad("1900-02-29");
	parse_bad("2026-02-30");
	parse_bad("2026-04-31");
	parse_bad("2026-13-01");
	parse_bad("2026-00-10");
	parse_bad("2026-01-00");
	parse_bad("2026-01-32");
	parse_bad("0000-01-01");
	parse_bad("26/11/2026");
	parse_bad("2026/11/26");
	parse_bad("2026-1-05");
	parse_bad("2026-01-5");
	parse_bad("2026-11-20x");
	parse_bad("2026-11-20 ");
	parse_bad("2026-11-20T10:00");
	parse_bad(" 2026-11-20");
	parse_bad("+2026-11-20");
	parse_bad("2026-11-2\xd9");
	parse_bad("2026-1a-01");
	parse_bad("");
	parse_bad("2026");

	d.year = 2026;
	d.month = 3;
	d.day = 7;
	align_date_format(out, &d);
	is_str(out, "2026-03-07", "format pads month and day");
	d.year = 7;
	align_date_format(out, &d);
	is_str(out, "0007-03-07", "format pads the year to four digits");
}

static void test_days(void)
{
	struct align_date d, back = {0, 0, 0};
	int bad = 0, monotonic = 1;
	int64_t bad_day = 0;

	d.year = 1970;
	d.month = 1;
	d.day = 1;
	is_int(align_date_to_days(&d), 0, "1970-01-01 is day 0");
	d.year = 1969;
	d.month = 12;
	d.day = 31;
	is_int(align_date_to_days(&d), -1, "1969-12-31 is day -1");
	d.year = 2000;
	d.month = 3;
	d.day = 1;
	is_int(align_date_to_days(&d), 11017, "2000-03-01 is day 11017");
	d.year = 2026;
	d.month = 11;
	d.day = 20;
	is_int(align_date_to_days(&d), 20777, "2026-11-20 is day 20777");
	d.year = 1;
	d.month = 1;
	d.day = 1;
	is_int(align_date_to_days(&d), -719162, "0001-01-01 is day -719162");
	align_date_from_days(&d, -719162);
	ok(d.year == 1 && d.month == 1 && d.day == 1,
	   "day -719162 is 0001-01-01");
	align_date_from_days(&d, 19782);
	ok(d.year == 2024 && d.month == 2 && d.day == 29,
	   "day 19782 is 2024-02-29");

	/* Every day from 1600 to 2400: round trip, and one day apart. */
	for (int64_t day = -135140; day <= 157000 && !bad; day++) {
		align_date_from_days(&d, day);
		if (align_date_to_days(&d) != day || d.month < 1 ||
		    d.month > 12 || d.day < 1 || d.day > 31) {
			bad = 1;
			bad_day = day;
		}
		if (day > -135140) {
			struct align_date next = back;
			/* the day after `back` is `d` */
			if (next.day + 1 == d.day) {
				monotonic &= next.month == d.month &&
					     next.year == d.year;
			} else {
				monotonic &=
				    d.day == 1 &&
				    d.month == next.month % 12 + 1 &&
				    d.year == next.year + (next.month == 12);
			}
		}
		back = d;
	}
	if (!ok(!bad,
		"to_days(from_days(n)) == n for 292,141 days incl. negative")) {
		printf("#   first failing day %lld\n", (long long)bad_day);
	}
	ok(monotonic, "consecutive days are consecutive calendar dates");

	/* Parse and format agree with the day numbers. */
	{
		int good = 1;
		char buf[ALIGN_DATE_STRLEN];

		for (int64_t day = -1000; day < 30000; day += 7) {
			struct align_date p;
			align_date_from_days(&d, day);
			align_date_format(buf, &d);
			if (align_date_parse(&p, buf) < 0 ||
			    align_date_to_days(&p) != day) {
				good = 0;
				printf("#   day %lld: '%s'\n", (long long)day,
				       buf);
				break;
			}
		}
		ok(good, "format then parse gives back the same day");
	}
}

static void time_ok(const char *str, long long seconds, int offset)
{
	struct align_time t = {-1, -1};
	int ret = align_time_parse(&t, str);

	if (!ok(ret == 0 && t.seconds == seconds && t.offset == offset,
		"time '%s' is %lld %+d min", str, seconds, offset)) {
		printf("#   ret %d, got %lld %+d\n", ret, (long long)t.seconds,
		       t.offset);
	}
}

static void time_bad(const char *str)
{
	struct align_time t = {0, 0};

	if (!ok(align_time_parse(&t, str) == -1, "time '%s' is refused", str)) {
		printf("#   got %lld %+d\n", (long long)t.seconds, t.offset);
	}
}

static void test_time_parse(void)
{
	/* 2026-11-20T00:00:00Z */
	const long long day = 20777LL * 86400;

	time_ok("@1700000000 +0100", 1700000000, 60);
	time_ok("@1700000000", 1700000000, 0);
	time_ok("1700000000 +0000", 1700000000, 0);
	time_ok("1700000000 -0530", 1700000000, -330);
	time_ok("@0 +0000", 0, 0);
	time_ok("2026-11-20", day, 0);
	time_ok("2026-11-20T10:00:00Z", day + 36000, 0);
	time_ok("2026-11-20T10:00Z", day + 36000, 0);
	time_ok("2026-11-20 10:00:00 +0200", day + 36000 - 7200, 120);
	time_ok("2026-11-20T10:00+05:30", day + 36000 - 19800, 330);
	time_ok("2026-11-20T10:00:59-0800", day + 36059 + 28800, -480);
	time_ok("2026-11-20T10:00:00", day + 36000, 0);
	time_ok("Fri, 20 Nov 2026 10:00:00 +0000", day + 36000, 0);
	time_ok("Fri, 20 Nov 2026 10:00:00 -0100", day + 36000 + 3600, -60);
	time_ok("20 Nov 2026 10:00:00 +0100", day + 36000 - 3600, 60);
	time_ok("Thu, 1 Jan 1970 00:00:00 +0000", 0, 0);

	time_bad("");
	time_bad("tomorrow");
	time_bad("2026-11-20T");
	time_bad("2026-11-20T25:00");
	time_bad("2026-11-20T10:60");
	time_bad("2026-11-20T10:00:00 junk");
	time_bad("2026-11-20T10:00+15:00");
	time_bad("2026-11-20x");
	time_bad("2026-02-30T10:00Z");
	time_bad("1700000000 +01000");
	time_bad("@1700000000 junk");
	time_bad("@");
	time_bad("@-5");
	time_bad("Fri, 31 Nov 2026 10:00:00 +0000");
	time_bad("Fri, 20 Foo 2026 10:00:00 +0000");
	time_bad("Fri, 20 Nov 2026 10:00 +0000 x");
	time_bad("Fri 20 Nov 2026 10:00:00 +0000");
	/* Outside the documented grammar. */
	time_bad("2026-11-20 10:00 ");
	time_bad("2026-11-20T10:00+05:");
	time_bad("@99999999999999999999");
}

static void date_of(long long seconds, int offset, const char *want)
{
	struct align_time t;
	struct align_date d;
	char out[ALIGN_DATE_STRLEN];

	t.seconds = seconds;
	t.offset = offset;
	align_time_date(&d, &t);
	align_date_format(out, &d);
	if (!is_str(out, want, "local date of an instant")) {
		printf("#   seconds %lld offset %d\n", seconds, offset);
	}
}

static void test_time_date(void)
{
	const long long day = 20777LL * 86400; /* 2026-11-20 */

	date_of(day, 0, "2026-11-20");
	date_of(day - 1, 0, "2026-11-19");
	date_of(day + 86399, 0, "2026-11-20");
	date_of(day + 23 * 3600, 60, "2026-11-21");
	date_of(day + 23 * 3600, 59, "2026-11-20");
	date_of(day + 30 * 60, -30, "2026-11-20");
	date_of(day + 30 * 60, -31, "2026-11-19");
	date_of(day, 14 * 60, "2026-11-20");
	date_of(day - 1, 14 * 60, "2026-11-20");
	date_of(day + 10 * 3600, -12 * 60, "2026-11-19");
	date_of(-1, 0, "1969-12-31");
	date_of(-86400, 0, "1969-12-31");
	date_of(-86401, 0, "1969-12-30");
	date_of(0, -1, "1969-12-31");
	{
		struct align_time t;
		struct align_date d;
		char out[ALIGN_DATE_STRLEN];

		align_time_parse(&t, "2026-11-20T23:30:00-01:00");
		align_time_date(&d, &t);
		align_date_format(out, &d);
		is_str(out, "2026-11-20",
		       "a parsed instant keeps its own local date");
	}
}

static void test_now(void)
{
	struct align_time t = {0, 0};

	setenv("ALIGN_NOW", "@1700000000 +0100", 1);
	is_int(align_time_now(&t), 0, "ALIGN_NOW is read");
	ok(t.seconds == 1700000000 && t.offset == 60,
	   "ALIGN_NOW gives the instant");
	setenv("ALIGN_NOW", "2026-11-20T10:00:00Z", 1);
	is_int(align_time_now(&t), 0, "ALIGN_NOW in ISO form");
	is_int(t.seconds, 20777LL * 86400 + 36000, "ISO ALIGN_NOW seconds");
	setenv("ALIGN_NOW", "next tuesday", 1);
	is_int(align_time_now(&t), -1, "garbage in ALIGN_NOW is refused");
	setenv("ALIGN_NOW", "2026-02-30", 1);
	is_int(align_time_now(&t), -1,
	       "an impossible ALIGN_NOW date is refused");
	unsetenv("ALIGN_NOW");
	t.seconds = 0;
	is_int(align_time_now(&t), 0,
	       "without ALIGN_NOW the system clock is used");
	ok(t.seconds > 1700000000 && t.offset == 0,
	   "the system clock is in UTC");
}

int main(void)
{
	test_date_parse();
	test_days();
	test_time_parse();
	test_time_date();
	test_now();
	return done_testing();
}
