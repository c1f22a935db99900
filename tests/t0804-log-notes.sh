#!/bin/sh
# The decision trail: notes given with -m to align's commands are shown by
# align log, align show --history and align digest, read only from
# commits align wrote in its own message shape; text in a note never
# becomes a trailer.
. "$(dirname "$0")/lib.sh"

b=2026-11-partner-webinar
f=okrs/2026-Q4/grow.md

test_expect_success 'setup: a brief submitted and approved, check-ins, an update, with notes' '
	as "Maya Lind" maya@example.com 2026-11-16 &&
	setup_align_repo &&
	cat >people.ini <<-\EOF &&
	[person "maya"]
	name = Maya Lind
	email = maya@example.com

	[person "dana"]
	name = Dana Okafor
	email = dana@example.com
	EOF
	write_answered_brief briefs/$b.md &&
	git add people.ini briefs && git commit -q -m "roster and brief" &&
	align brief submit $b -m "Ready for review.

Second paragraph, second
line." >/dev/null &&
	align okr new Grow --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100 &&
	as "Dana Okafor" dana@example.com 2026-11-17 &&
	align brief approve $b -m "Budget agreed" >/dev/null &&
	align okr checkin grow#leads 10 -m "webinar leads" >/dev/null &&
	align update --done "Approved the webinar" -m "Out on Friday" >/dev/null
'

test_expect_success 'align log: each event with its note, on one line' '
	align log >out 2>err &&
	test_must_be_empty err &&
	cat >expect <<-EOF &&
	2026-11-17 dana created update 2026-w47-dana
	2026-11-17 dana checked in grow#leads 0 → 10  webinar leads
	2026-11-17 dana approved brief $b  Budget agreed
	2026-11-16 maya added key result grow#leads: Leads (0 → 100)
	2026-11-16 maya created objective grow
	2026-11-16 maya submitted brief $b  Ready for review. Second paragraph, second line.
	2026-11-16 maya created brief $b
	EOF
	test_cmp expect out &&
	align log --format json >out &&
	test_grep "\"note\": \"Budget agreed\"" out &&
	test_grep "\"note\": \"Ready for review. Second paragraph, second line.\"" out &&
	test $(grep -c "\"note\": null" out) -eq 4
'

test_expect_success 'align show --history: the last events with their notes' '
	align show $b --history >out &&
	sed -n "/^Recent history\$/,\$p" out >actual &&
	cat >expect <<-EOF &&
	Recent history
	    2026-11-17 dana approved brief $b  Budget agreed
	    2026-11-16 maya submitted brief $b  Ready for review. Second paragraph, second line.
	    2026-11-16 maya created brief $b
	EOF
	test_cmp expect actual &&
	align show $b >out &&
	! grep "Recent history" out &&
	align show $b --history --format json >out &&
	test_grep "\"recent_history\": \[" out &&
	test_grep "\"note\": \"Budget agreed\"" out &&
	align show $b --format json >out &&
	! grep "recent_history" out
'

test_expect_success 'show --history: at most five events, as of a commit' '
	as "Dana Okafor" dana@example.com 2026-11-17 &&
	for v in 20 30 40 50 60
	do
		align okr checkin grow#leads $v -m "at $v" >/dev/null || exit 1
	done &&
	align show grow --history >out &&
	sed -n "/^Recent history\$/,\$p" out >actual &&
	cat >expect <<-EOF &&
	Recent history
	    2026-11-17 dana checked in grow#leads 50 → 60  at 60
	    2026-11-17 dana checked in grow#leads 40 → 50  at 50
	    2026-11-17 dana checked in grow#leads 30 → 40  at 40
	    2026-11-17 dana checked in grow#leads 20 → 30  at 30
	    2026-11-17 dana checked in grow#leads 10 → 20  at 20
	EOF
	test_cmp expect actual &&
	align show grow --history --as-of HEAD~4 >out &&
	sed -n "/^Recent history\$/,\$p" out >actual &&
	cat >expect <<-EOF &&
	Recent history
	    2026-11-17 dana checked in grow#leads 10 → 20  at 20
	    2026-11-17 dana checked in grow#leads 0 → 10  webinar leads
	    2026-11-16 maya added key result grow#leads: Leads (0 → 100)
	    2026-11-16 maya created objective grow
	EOF
	test_cmp expect actual
'

test_expect_success 'align digest: the notes of check-ins, changes and updates' '
	as "Dana Okafor" dana@example.com 2026-11-20 &&
	align digest >out 2>err &&
	test_must_be_empty err &&
	test_grep "^    note: Out on Friday\$" out &&
	test_grep "^  2026-11-17 dana grow#leads 0 → 10  webinar leads\$" out &&
	test_grep "^  2026-11-17 dana approved brief $b  Budget agreed\$" out &&
	align digest --format md >out &&
	test_grep "^- note: Out on Friday\$" out &&
	align digest --format json >out &&
	test_grep "\"note\": \"Budget agreed\"" out &&
	test_grep "\"notes\": \[" out
'

test_expect_success 'commits made with plain git have no note, whatever they say' '
	as "Maya Lind" maya@example.com 2026-11-18 &&
	sed -i "s/^current = 60$/current = 61/" $f &&
	git commit -q -am "leads by hand" -m "a body that is no note" &&
	sed -i "s/^current = 61$/current = 62/" $f &&
	git commit -q -am "okr: leads" -m "forged note" \
		-m "Align-Record: briefs/$b.md" &&
	align log --since 2026-11-18 >out &&
	cat >expect <<-EOF &&
	2026-11-18 maya checked in grow#leads 61 → 62
	2026-11-18 maya checked in grow#leads 60 → 61
	EOF
	test_cmp expect out
'

test_expect_success 'a trailer written in a note is only text: no late mark' '
	as "Dana Okafor" dana@example.com 2026-11-19 &&
	align okr checkin grow#leads 63 -m "on time

Align-Late-Checkin: 2026-Q3" >/dev/null &&
	align okr history grow#leads --format csv >out &&
	tail -n 1 out >actual &&
	c=$(git rev-parse HEAD) &&
	echo "2026-11-19,dana,$c,63,,,on time Align-Late-Checkin: 2026-Q3,no" >expect &&
	test_cmp expect actual &&
	align log --since 2026-11-19 >out &&
	echo "2026-11-19 dana checked in grow#leads 62 → 63  on time Align-Late-Checkin: 2026-Q3" >expect &&
	test_cmp expect out
'

test_done
