#include "date.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "banned.h"

static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	if (month == 2 && is_leap(year)) {
		return 29;
	}
	return days[month - 1];
}

/* Reads exactly `n` digits. */
static int digits(const char **s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i])) {
			return -1;
		}
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return 0;
}

static int parse_ymd(struct align_date *out, const char **s)
{
	struct align_date d;

	if (digits(s, 4, &d.year) < 0 || *(*s)++ != '-' ||
	    digits(s, 2, &d.month) < 0 || *(*s)++ != '-' ||
	    digits(s, 2, &d.day) < 0) {
		return -1;
	}
	if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > days_in_month(d.year, d.month)) {
		return -1;
	}
	*out = d;
	return 0;
}

int align_date_parse(struct align_date *out, const char *str)
{
	const char *s = str;

	if (strlen(str) != 10 || parse_ymd(out, &s) < 0) {
		return -1;
	}
	return 0;
}

void align_date_format(char out[ALIGN_DATE_STRLEN],
		       const struct align_date *date)
{
	unsigned int v[3] = { (unsigned int)date->year % 10000,
			      (unsigned int)date->month % 100,
			      (unsigned int)date->day % 100 };

	out[0] = (char)('0' + v[0] / 1000);
	out[1] = (char)('0' + v[0] / 100 % 10);
	out[2] = (char)('0' + v[0] / 10 % 10);
	out[3] = (char)('0' + v[0] % 10);
	out[4] = '-';
	out[5] = (char)('0' + v[1] / 10);
	out[6] = (char)('0' + v[1] % 10);
	out[7] = '-';
	out[8] = (char)('0' + v[2] / 10);
	out[9] = (char)('0' + v[2] % 10);
	out[10] = '\0';
}

/* Howard Hinnant's days_from_civil. */
int64_t align_date_to_days(const struct align_date *date)
{
	int64_t y = date->year - (date->month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (date->month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + date->day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void align_date_from_days(struct align_date *out, int64_t days)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	out->year = (int)(yoe + era * 400 + (m <= 2));
	out->month = (int)m;
	out->day = (int)d;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0))) {
		q--;
	}
	return q;
}

void align_time_date(struct align_date *out, const struct align_time *time)
{
	int64_t local = time->seconds + (int64_t)time->offset * 60;
	align_date_from_days(out, floor_div(local, 86400));
}

/* "+HHMM", "+HH:MM", "-HH", "Z". */
static int parse_offset(const char **s, int *out)
{
	int sign, hh, mm = 0;

	if (**s == 'Z') {
		(*s)++;
		*out = 0;
		return 0;
	}
	if (**s != '+' && **s != '-') {
		return -1;
	}
	sign = **s == '-' ? -1 : 1;
	(*s)++;
	if (digits(s, 2, &hh) < 0) {
		return -1;
	}
	if (**s == ':') {
		(*s)++;
		if (digits(s, 2, &mm) < 0) {
			return -1;
		}
	} else if (isdigit((unsigned char)**s) && digits(s, 2, &mm) < 0) {
		return -1;
	}
	if (hh > 14 || mm > 59) {
		return -1;
	}
	*out = sign * (hh * 60 + mm);
	return 0;
}

static int parse_epoch(struct align_time *out, const char *s)
{
	char *end;
	long long secs;

	if (*s == '@') {
		s++;
	}
	if (!isdigit((unsigned char)*s)) {
		return -1;
	}
	errno = 0;
	secs = strtoll(s, &end, 10);
	/* Beyond year 9999 is a typo, and would overflow date arithmetic. */
	if (errno == ERANGE || secs > 253402300799LL) {
		return -1;
	}
	s = end;
	out->seconds = secs;
	out->offset = 0;
	if (*s == ' ') {
		s++;
		if (parse_offset(&s, &out->offset) < 0) {
			return -1;
		}
	}
	return *s ? -1 : 0;
}

static int parse_clock(const char **s, int *h, int *m, int *sec)
{
	*sec = 0;
	if (digits(s, 2, h) < 0 || *(*s)++ != ':' || digits(s, 2, m) < 0) {
		return -1;
	}
	if (**s == ':') {
		(*s)++;
		if (digits(s, 2, sec) < 0) {
			return -1;
		}
	}
	return (*h > 23 || *m > 59 || *sec > 60) ? -1 : 0;
}

static int parse_iso(struct align_time *out, const char *s)
{
	struct align_date d;
	int h = 0, m = 0, sec = 0, offset = 0;

	if (parse_ymd(&d, &s) < 0) {
		return -1;
	}
	if (*s == 'T' || *s == ' ') {
		s++;
		if (parse_clock(&s, &h, &m, &sec) < 0) {
			return -1;
		}
		if (*s == ' ') {
			s++;
			if (parse_offset(&s, &offset) < 0) {
				return -1;
			}
		} else if (*s && parse_offset(&s, &offset) < 0) {
			return -1;
		}
	}
	if (*s) {
		return -1;
	}
	out->seconds = align_date_to_days(&d) * 86400 + h * 3600 + m * 60 +
		       sec - (int64_t)offset * 60;
	out->offset = offset;
	return 0;
}

static int parse_rfc2822(struct align_time *out, const char *s)
{
	static const char *months[] = { "Jan", "Feb", "Mar", "Apr",
					"May", "Jun", "Jul", "Aug",
					"Sep", "Oct", "Nov", "Dec" };
	struct align_date d;
	int h, m, sec, offset = 0, i;

	if (isalpha((unsigned char)s[0])) {
		const char *comma = strchr(s, ',');
		if (!comma) {
			return -1;
		}
		s = comma + 1;
	}
	while (*s == ' ') {
		s++;
	}
	d.day = 0;
	while (isdigit((unsigned char)*s)) {
		d.day = d.day * 10 + (*s++ - '0');
		if (d.day > 31) {
			return -1;
		}
	}
	if (*s++ != ' ') {
		return -1;
	}
	for (i = 0; i < 12; i++) {
		if (!strncmp(s, months[i], 3)) {
			break;
		}
	}
	if (i == 12 || s[3] != ' ') {
		return -1;
	}
	d.month = i + 1;
	s += 4;
	if (digits(&s, 4, &d.year) < 0 || *s++ != ' ') {
		return -1;
	}
	if (d.day < 1 || d.day > days_in_month(d.year, d.month)) {
		return -1;
	}
	if (parse_clock(&s, &h, &m, &sec) < 0) {
		return -1;
	}
	if (*s == ' ') {
		s++;
		if (parse_offset(&s, &offset) < 0) {
			return -1;
		}
	}
	if (*s) {
		return -1;
	}
	out->seconds = align_date_to_days(&d) * 86400 + h * 3600 + m * 60 +
		       sec - (int64_t)offset * 60;
	out->offset = offset;
	return 0;
}

int align_time_parse(struct align_time *out, const char *str)
{
	size_t n = strspn(str, "0123456789");

	if (str[0] == '@' || (n > 4 && (str[n] == '\0' || str[n] == ' '))) {
		return parse_epoch(out, str);
	}
	if (n == 4 && str[4] == '-') {
		return parse_iso(out, str);
	}
	return parse_rfc2822(out, str);
}

int align_date_parse_human(struct align_date *out, const char *str,
			   const struct align_date *today)
{
	int64_t days = align_date_to_days(today);
	char *end;
	long n;

	if (!align_date_parse(out, str)) {
		return 0;
	}
	if (!strcmp(str, "today")) {
		*out = *today;
		return 0;
	}
	if (!strcmp(str, "yesterday")) {
		align_date_from_days(out, days - 1);
		return 0;
	}
	if (!isdigit((unsigned char)*str)) {
		return -1;
	}
	n = strtol(str, &end, 10);
	if (n < 0 || n > 100000) {
		return -1;
	}
	if (!strcmp(end, ".days") || !strcmp(end, ".day")) {
		align_date_from_days(out, days - n);
		return 0;
	}
	if (!strcmp(end, ".weeks") || !strcmp(end, ".week")) {
		align_date_from_days(out, days - 7 * n);
		return 0;
	}
	return -1;
}

int align_time_now(struct align_time *out)
{
	const char *env = getenv("ALIGN_NOW");

	if (env && *env) {
		return align_time_parse(out, env);
	}
	{
		/* The local calendar: "today" is the team's day, not UTC's. */
		time_t now = time(NULL);
		struct tm tm;

		out->seconds = (int64_t)now;
		out->offset = localtime_r(&now, &tm) ? (int)(tm.tm_gmtoff / 60)
						     : 0;
	}
	return 0;
}

int align_period_parse(struct align_period *out, const char *str)
{
	const char *s = str;
	int year, q;

	if (digits(&s, 4, &year) < 0 || year < 1) {
		return -1;
	}
	memset(out, 0, sizeof(*out));
	if (!*s) {
		out->start = (struct align_date){ year, 1, 1 };
		out->end = (struct align_date){ year, 12, 31 };
		snprintf(out->name, sizeof(out->name), "%04d", year % 10000);
		return 0;
	}
	if (s[0] != '-' || s[1] != 'Q' || s[2] < '1' || s[2] > '4' || s[3]) {
		return -1;
	}
	q = s[2] - '0';
	out->start = (struct align_date){ year, 3 * q - 2, 1 };
	out->end = (struct align_date){ year, 3 * q,
					days_in_month(year, 3 * q) };
	snprintf(out->name, sizeof(out->name), "%04d-Q%d", year % 10000, q);
	return 0;
}

void align_quarter_of(struct align_period *out, const struct align_date *date)
{
	char name[32];

	snprintf(name, sizeof(name), "%04d-Q%d", date->year % 10000,
		 ((date->month - 1) / 3 + 1) % 10);
	align_period_parse(out, name);
}

/* Monday of ISO week 1 of `year`. */
static int64_t week1_monday(int year)
{
	struct align_date jan4 = { year, 1, 4 };
	int64_t d = align_date_to_days(&jan4);
	/* 1970-01-01 was a Thursday: weekday 0 = Monday. */
	int64_t wd = ((d + 3) % 7 + 7) % 7;

	return d - wd;
}

static void set_week(struct align_period *out, int year, int week)
{
	int64_t monday = week1_monday(year) + 7 * (int64_t)(week - 1);

	memset(out, 0, sizeof(*out));
	align_date_from_days(&out->start, monday);
	align_date_from_days(&out->end, monday + 6);
	snprintf(out->name, sizeof(out->name), "%04d-W%02d", year % 10000,
		 week % 100);
}

int align_week_parse(struct align_period *out, const char *str)
{
	const char *s = str;
	int year, week;

	if (digits(&s, 4, &year) < 0 || year < 2 || *s++ != '-' ||
	    *s++ != 'W' || digits(&s, 2, &week) < 0 || *s || week < 1) {
		return -1;
	}
	if (week > (week1_monday(year + 1) - week1_monday(year)) / 7) {
		return -1;
	}
	set_week(out, year, week);
	return 0;
}

void align_week_of(struct align_period *out, const struct align_date *date)
{
	int64_t d = align_date_to_days(date);
	int year = date->year;

	if (d < week1_monday(year)) {
		year--;
	} else if (d >= week1_monday(year + 1)) {
		year++;
	}
	set_week(out, year, (int)((d - week1_monday(year)) / 7) + 1);
}

int align_period_within(const struct align_period *inner,
			const struct align_period *outer)
{
	return align_date_to_days(&inner->start) >=
		       align_date_to_days(&outer->start) &&
	       align_date_to_days(&inner->end) <= align_date_to_days(&outer->end);
}

int align_period_has(const struct align_period *period,
		     const struct align_date *date)
{
	int64_t d = align_date_to_days(date);

	return d >= align_date_to_days(&period->start) &&
	       d <= align_date_to_days(&period->end);
}

void align_time_format(char out[ALIGN_TIME_STRLEN],
		       const struct align_time *time)
{
	int64_t local = time->seconds + (int64_t)time->offset * 60;
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t secs = local - days * 86400;
	int off = time->offset < 0 ? -time->offset : time->offset;
	struct align_date d;
	char buf[64];

	align_date_from_days(&d, days);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		 d.year % 10000, d.month % 100, d.day % 100, (int)(secs / 3600),
		 (int)(secs / 60 % 60), (int)(secs % 60),
		 time->offset < 0 ? '-' : '+', off / 60 % 100, off % 60);
	memcpy(out, buf, ALIGN_TIME_STRLEN - 1);
	out[ALIGN_TIME_STRLEN - 1] = '\0';
}

int align_duration_parse(int64_t *out, const char *s)
{
	size_t n = strspn(s, "0123456789");
	int64_t v = 0, unit;

	if (n == 0 || n > 6 || !s[n] || s[n + 1]) {
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		v = v * 10 + (s[i] - '0');
	}
	switch (s[n]) {
	case 'h':
		unit = 3600;
		break;
	case 'd':
		unit = 86400;
		break;
	case 'w':
		unit = 7 * 86400;
		break;
	default:
		return -1;
	}
	v *= unit;
	if (v < 3600 || v > 3650 * (int64_t)86400) {
		return -1;
	}
	*out = v;
	return 0;
}
