/*
 * Unit tests of lib/blockers.c on plain data: the normalised text, one
 * blocker per person and text across weeks, the weeks it appears in, the
 * run of consecutive ISO weeks ending at the last one (across a year's
 * end, with a gap, with the same week twice), and the text as first
 * written whatever order the weeks come in.
 */

#include <stdio.h>
#include <string.h>

#include "blockers.h"
#include "util/buf.h"
#include "util/error.h"

#include "tap.h"

static void norm_is(const char *in, const char *want, const char *name)
{
	struct align_buf out = ALIGN_BUF_INIT;

	align_blocker_normalize(&out, in);
	is_str(out.ptr, want, name);
	align_buf_release(&out);
}

static const struct align_blocker *find(const struct align_blockers *b,
					const char *person, const char *key)
{
	for (size_t i = 0; i < b->n; i++) {
		if (!strcmp(b->items[i].person, person) &&
		    !strcmp(b->items[i].key, key)) {
			return &b->items[i];
		}
	}
	return NULL;
}

int main(void)
{
	struct align_blockers b;
	const struct align_blocker *it;

	norm_is("  Budget   sign-off\tfrom Dana.  ", "budget sign-off from dana",
		"case folded, white space collapsed, trailing period dropped");
	norm_is("Waiting on legal?!", "waiting on legal",
		"trailing punctuation dropped");
	norm_is("v1.2 rollout", "v1.2 rollout", "punctuation inside kept");
	norm_is("...", "", "only punctuation: nothing");
	norm_is("Ünïcode STAYS", "Ünïcode stays", "only ASCII is folded");

	align_blockers_init(&b);
	/* Added out of order: W47 first, then W45 and W46. */
	is_int(align_blockers_add(&b, "maya", "2026-W47",
				  "budget sign-off from dana", "u47", "p47"),
	       0, "add W47");
	is_int(align_blockers_add(&b, "maya", "2026-W45",
				  "Budget sign-off from Dana.", "u45", "p45"),
	       0, "add W45");
	is_int(align_blockers_add(&b, "maya", "2026-W46",
				  "Budget  sign-off from dana", "u46", "p46"),
	       0, "add W46");
	is_int(align_blockers_add(&b, "maya", "2026-W46",
				  "BUDGET SIGN-OFF FROM DANA", "u46", "p46"),
	       0, "the same week twice");
	/* Another person, same words: another blocker. */
	align_blockers_add(&b, "lee", "2026-W47", "Budget sign-off from Dana",
			   "l47", "q47");
	/* A gap: W40, then W46 and W47. */
	align_blockers_add(&b, "lee", "2026-W40", "Legal review", "l40", "q40");
	align_blockers_add(&b, "lee", "2026-W46", "legal review", "l46", "q46");
	align_blockers_add(&b, "lee", "2026-W47", "legal review!", "l47", "q47");
	/* Across the new year: 2026 has 53 ISO weeks. */
	align_blockers_add(&b, "kim", "2026-W52", "CRM access", "k52", "r52");
	align_blockers_add(&b, "kim", "2026-W53", "CRM access", "k53", "r53");
	align_blockers_add(&b, "kim", "2027-W01", "CRM access", "k01", "r01");
	is_int(align_blockers_add(&b, "kim", "2026-W99", "x", "k", "r"),
	       ALIGN_EINVALID, "a week that does not parse is refused");
	is_int(align_blockers_add(&b, "kim", "2026-W10", " . ", "k", "r"),
	       ALIGN_EINVALID, "a text with no words is refused");
	align_blockers_finish(&b);

	is_int((int)b.n, 4, "four blockers");
	ok(b.n == 4 && !strcmp(b.items[0].person, "kim") &&
		   !strcmp(b.items[1].person, "lee") &&
		   !strcmp(b.items[1].key, "budget sign-off from dana") &&
		   !strcmp(b.items[3].person, "maya"),
	   "sorted by person, then text");

	it = find(&b, "maya", "budget sign-off from dana");
	if (ok(it != NULL, "maya's blocker")) {
		is_str(it->text, "Budget sign-off from Dana.",
		       "its text as first written (W45)");
		is_str(it->first_week, "2026-W45", "first raised in W45");
		is_str(it->last_week, "2026-W47", "last in W47");
		is_str(it->first_update, "u45", "first in update u45");
		is_str(it->first_path, "p45", "at p45");
		is_str(it->last_update, "u47", "last in update u47");
		is_int((int)it->weeks, 3, "three weeks, the double counted once");
		is_int((int)it->running, 3, "three weeks running");
		is_str(it->run_week, "2026-W45", "the run starts in W45");
	}
	it = find(&b, "lee", "budget sign-off from dana");
	ok(it && it->weeks == 1 && it->running == 1,
	   "lee's same words: a blocker of his own, one week");
	it = find(&b, "lee", "legal review");
	if (ok(it != NULL, "lee's legal review")) {
		is_int((int)it->weeks, 3, "three weeks in all");
		is_int((int)it->running, 2, "two running: the gap breaks it");
		is_str(it->first_week, "2026-W40", "first raised in W40");
		is_str(it->run_week, "2026-W46", "the run starts in W46");
		is_str(it->text, "Legal review", "as first written");
	}
	it = find(&b, "kim", "crm access");
	ok(it && it->running == 3 && !strcmp(it->last_week, "2027-W01") &&
		   !strcmp(it->run_week, "2026-W52"),
	   "a run across the year's end: W52, W53, 2027-W01");

	/* Finishing again after more adds keeps the arithmetic right. */
	align_blockers_add(&b, "lee", "2026-W48", "Legal review", "l48", "q48");
	align_blockers_finish(&b);
	it = find(&b, "lee", "legal review");
	ok(it && it->running == 3 && it->weeks == 4 &&
		   !strcmp(it->last_update, "l48"),
	   "one more week: three running, four in all");
	align_blockers_release(&b);
	return done_testing();
}
