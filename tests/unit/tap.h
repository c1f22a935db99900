#ifndef ALIGN_TAP_H
#define ALIGN_TAP_H

/*
 * A minimal TAP producer for the unit tests: ok(), is_str(), is_int(),
 * then return done_testing() from main.
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

__attribute__((format(printf, 2, 3), unused)) static int ok(int cond,
						     const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond) {
		tap_failed++;
	}
	return cond;
}

__attribute__((unused)) static int is_str(const char *got, const char *want, const char *name)
{
	int same = (got == NULL && want == NULL) ||
		   (got && want && !strcmp(got, want));

	if (!ok(same, "%s", name)) {
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
		       want ? want : "(null)");
	}
	return same;
}

__attribute__((unused)) static int is_int(long long got, long long want, const char *name)
{
	if (!ok(got == want, "%s", name)) {
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	}
	return got == want;
}

static int done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
