/*
 * Fuzz target: the date, time, quarter and week parsers. Whatever they
 * accept formats back to a string they accept again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct align_date d, today = { 2026, 11, 20 };
	struct align_period p;
	struct align_time t;

	memcpy(s, data, size);
	s[size] = '\0';
	if (align_date_parse(&d, s) == 0) {
		char back[ALIGN_DATE_STRLEN];
		struct align_date d2;

		align_date_format(back, &d);
		if (align_date_parse(&d2, back) != 0 || d2.year != d.year ||
		    d2.month != d.month || d2.day != d.day) {
			__builtin_trap();
		}
	}
	(void)align_time_parse(&t, s);
	(void)align_period_parse(&p, s);
	(void)align_week_parse(&p, s);
	(void)align_date_parse_human(&d, s, &today);
	free(s);
	return 0;
}
