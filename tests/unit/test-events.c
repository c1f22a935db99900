/*
 * Unit tests of reading the note of a commit align wrote
 * (align_events_note): only align's own message shape counts, and text in
 * a note never becomes a trailer.
 */

#include <stdio.h>
#include <string.h>

#include "events.h"
#include "util/buf.h"

#include "tap.h"

static const char *path = "briefs/2026-11-webinar.md";

static void check(const char *message, int want_ret, const char *want_note,
		  int want_late, const char *name)
{
	struct align_buf note = ALIGN_BUF_INIT;
	int late = -1;
	int ret = align_events_note(&note, &late, message, path);

	printf("# %s\n", name);
	is_int(ret, want_ret, "shape recognised or not");
	is_str(note.ptr, want_note, "the note");
	is_int(late, want_late, "the late trailer");
	align_buf_release(&note);
}

int main(void)
{
	check("brief: approve 2026-11-webinar\n\nGo ahead, budget agreed\n\n"
	      "Align-Record: briefs/2026-11-webinar.md\n",
	      1, "Go ahead, budget agreed", 0, "a note");
	check("brief: submit 2026-11-webinar\n\n"
	      "Align-Record: briefs/2026-11-webinar.md\n",
	      1, "", 0, "no note");
	check("okr: leads 90 → 170 (late)\n\nfirst line\nsecond line\n\n"
	      "third paragraph\n\nAlign-Record: briefs/2026-11-webinar.md\n"
	      "Align-Late-Checkin: 2026-Q3\n",
	      1, "first line second line third paragraph", 1,
	      "lines joined, the late trailer read");
	check("okr: leads 90 → 170\n\nAlign-Late-Checkin: 2026-Q3\n\n"
	      "Align-Record: briefs/2026-11-webinar.md\n",
	      1, "Align-Late-Checkin: 2026-Q3", 0,
	      "a trailer written in the note is only text");
	check("okr: leads\n\nnote\n\nAlign-Record: briefs/2026-11-webinar.md\n"
	      "\nAlign-Record: briefs/2026-11-webinar.md\n",
	      1, "note Align-Record: briefs/2026-11-webinar.md", 0,
	      "only the last paragraph is trailers");
	check("okr: leads\n\nnote\n\nAlign-Record: briefs/other.md\n", 0, "", 0,
	      "a commit for another record");
	check("okr: leads\n\nnote\n\nAlign-Record: briefs/2026-11-webinar.md.x\n",
	      0, "", 0, "a path with more after it");
	check("Fix the leads line\n\nby hand\n", 0, "", 0,
	      "a commit made with plain git");
	check("two\nline summary\n\nAlign-Record: briefs/2026-11-webinar.md\n",
	      0, "", 0, "a summary of two lines is not align's");
	check("brief: x\n\nnote\n\nAlign-Record: briefs/2026-11-webinar.md\n"
	      "Signed-off-by: someone\n",
	      0, "", 0, "a foreign trailer is not align's shape");
	check("", 0, "", 0, "an empty message");
	return done_testing();
}
