/*
 * Unit tests of the digest's assembly (lib/digest.c): which records are
 * the week's updates and what their lists hold, check-ins apart from other
 * changes, the blockers counted, and who has not posted.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "util/buf.h"

#include "tap.h"

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

static const char maya[] = "# Weekly update\n"
			   "\n"
			   "```ini\n"
			   "[update]\n"
			   "id = 2026-w47-maya\n"
			   "week = 2026-W47\n"
			   "person = maya\n"
			   "```\n"
			   "\n"
			   "## Done\n"
			   "\n"
			   "- Partner deck sent\n"
			   "- Webinar dry run\n"
			   "\n"
			   "## Next\n"
			   "\n"
			   "- Follow-ups\n"
			   "\n"
			   "## Blockers\n"
			   "\n"
			   "- Legal review of the contract\n"
			   "- No budget code\n"
			   "\n"
			   "## Notes\n"
			   "\n"
			   "Out on Friday\n"
			   "\\- not a list item\n";

static const char lee[] = "# Weekly update\n"
			  "\n"
			  "```ini\n"
			  "[update]\n"
			  "id = 2026-w47-lee\n"
			  "week = 2026-W47\n"
			  "person = lee\n"
			  "```\n"
			  "\n"
			  "## Done\n"
			  "\n"
			  "## Next\n"
			  "\n"
			  "- Landing page\n"
			  "\n"
			  "## Blockers\n"
			  "\n"
			  "- Waiting on design\n";

static const char last_week[] = "# Weekly update\n"
				"\n"
				"```ini\n"
				"[update]\n"
				"id = 2026-w46-dana\n"
				"week = 2026-W46\n"
				"person = dana\n"
				"```\n";

static const char brief[] = "# Webinar\n"
			    "\n"
			    "```ini\n"
			    "[brief]\n"
			    "id = 2026-11-webinar\n"
			    "status = draft\n"
			    "```\n";

static void event(struct align_events *events, enum align_event_type type,
		  const char *text)
{
	struct align_event *ev;

	ALIGN_ARRAY_GROW(events->items, events->alloc, events->count + 1);
	ev = &events->items[events->count++];
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	ev->text = align_strdup(text);
}

static void test_updates(void)
{
	struct align_record *r[4] = {
		parse("updates/2026-W47/2026-w47-maya.md", maya),
		parse("updates/2026-W47/2026-w47-lee.md", lee),
		parse("updates/2026-W46/2026-w46-dana.md", last_week),
		parse("briefs/webinar.md", brief),
	};
	struct align_person persons[] = {
		{ "maya", "Maya Lind", "maya@example.com", "leadership", 1,
		  NULL, NULL, NULL },
		{ "lee", "Lee Park", "lee@example.com", "growth", 5,
		  NULL, NULL, NULL },
		{ "dana", "Dana Okafor", "dana@example.com", "content", 9,
		  NULL, NULL, NULL },
		{ "sam", "Sam Roy", "sam@example.com", "sales", 13,
		  NULL, NULL, NULL },
	};
	struct align_people roster = ALIGN_PEOPLE_INIT;
	struct align_people nobody = ALIGN_PEOPLE_INIT;
	struct align_period week;
	struct align_digest d;

	roster.items = persons;
	roster.count = roster.alloc = 4;
	align_week_parse(&week, "2026-W47");
	align_digest_init(&d, &week);
	is_int(align_digest_add_update(&d, r[0]), 1, "maya's update is in");
	is_int(align_digest_add_update(&d, r[1]), 1, "lee's update is in");
	is_int(align_digest_add_update(&d, r[2]), 0,
	       "last week's update is not");
	is_int(align_digest_add_update(&d, r[3]), 0, "a brief is not");
	is_int(align_digest_add_update(&d, NULL), 0,
	       "an unreadable record is not");
	is_int((long long)d.nupdates, 2, "two updates");
	is_str(d.updates[0].person, "maya", "first: maya");
	is_str(d.updates[0].items[0].ptr, "Partner deck sent\nWebinar dry run\n",
	       "maya: done, one item a line");
	is_str(d.updates[0].items[1].ptr, "Follow-ups\n", "maya: next");
	is_str(d.updates[0].items[2].ptr,
	       "Legal review of the contract\nNo budget code\n",
	       "maya: blockers");
	is_str(d.updates[0].notes.ptr, "Out on Friday\n- not a list item\n",
	       "maya: her notes, unescaped");
	is_str(d.updates[1].items[0].ptr, "", "lee: nothing done");
	is_str(d.updates[1].notes.ptr, "", "lee: no notes");

	event(&d.events, ALIGN_EVENT_MOVED_TO_STATE, "approved brief 2026-11-webinar");
	event(&d.events, ALIGN_EVENT_CHECKED_IN, "checked in o#leads 90 → 170 leads");
	event(&d.events, ALIGN_EVENT_CREATED, "created brief 2026-11-launch");
	event(&d.events, ALIGN_EVENT_CHECKED_IN, "checked in o#cac 120 → 111 USD");
	align_digest_group(&d, &roster);
	is_int((long long)d.ncheckins, 2, "two check-ins");
	is_int((long long)d.checkins[0], 1, "check-in: the second event");
	is_int((long long)d.checkins[1], 3, "check-in: the fourth event");
	is_int((long long)d.nchanges, 2, "two other changes");
	is_int((long long)d.changes[0], 0, "change: the first event");
	is_int((long long)d.changes[1], 2, "change: the third event");
	is_int((long long)d.nblockers, 3, "three blockers over two updates");
	is_int((long long)d.nmissing, 2, "two people did not post");
	is_str(d.missing[0], "dana", "missing: dana, in roster order");
	is_str(d.missing[1], "sam", "missing: then sam");

	/* Grouping again recomputes; no roster, nobody is missing. */
	align_digest_group(&d, &nobody);
	is_int((long long)d.nmissing, 0, "no roster: nobody missing");
	is_int((long long)d.ncheckins, 2, "regrouped: still two check-ins");
	align_digest_release(&d);
	for (size_t i = 0; i < 4; i++) {
		align_record_free(r[i]);
	}
}

int main(void)
{
	test_updates();
	return done_testing();
}
